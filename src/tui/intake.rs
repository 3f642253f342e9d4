//! One intake or check-in being filled in: typed text, parsed answers, inline errors, the
//! position in the form, and the draft it is autosaved to.

use super::same_person::SamePerson;
use super::strings::S;
use crate::domain::date::format_date;
use crate::domain::ladder::{self, LadderScore};
use crate::domain::money::format_cents;
use crate::domain::{Answers, Facts, Value};
use crate::forms::validate::{
    is_visible, parse_input, validate_all, visible_answers, FieldErrorKind,
};
use crate::forms::{ChoiceOption, FieldError, FormDef, Forms, Kind, Question, SectionScreen, Text};
use crate::service::checkin::Evaluation;
use crate::service::{RungOverride, ServiceError};
use crate::store::{ClientId, ContactKind, DraftKind};
use chrono::NaiveDate;
use crossterm::event::KeyEvent;
use ratatui_textarea::{TextArea, WrapMode};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::time::Instant;

/// The rung the consultant records (defaults to the computed one). Not a form question:
/// it lives only in the draft and becomes the measurement's chosen rung.
pub const LADDER_CHOSEN: &str = "_ladder.gekozen";
/// Why the recorded rung differs from the computed one.
pub const LADDER_REASON: &str = "_ladder.reden";

/// Which screen of the intake is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum View {
    #[default]
    Wizard,
    Ladder,
    /// The check-in's evaluation of the open agreements, after the ladder screen.
    Evaluation,
}

/// What the wizard asks the app to do after a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    None,
    /// Close the intake (the draft stays).
    Close,
    /// Save the intake (from the ladder screen), or the check-in (from its evaluation).
    Save,
    /// A check-in goes from the ladder screen to the evaluation of the agreements.
    Evaluate,
    Status(S),
}

/// Progress mark of a section in the section list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    NotStarted,
    Busy,
    Complete,
    Errors,
    Hidden,
}

/// What is written to the draft: everything needed to continue exactly where one was.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Payload {
    version: u32,
    #[serde(default)]
    checkin: bool,
    #[serde(default)]
    raw: BTreeMap<String, String>,
    #[serde(default)]
    answers: Answers,
    #[serde(default)]
    view: View,
    #[serde(default)]
    section: String,
    #[serde(default)]
    focus: Option<String>,
    #[serde(default)]
    visited: BTreeSet<String>,
    #[serde(default)]
    unchanged: BTreeSet<String>,
    #[serde(default)]
    evaluation: Option<Evaluation>,
    #[serde(default)]
    previous_expectation: Answers,
}

pub struct Intake {
    pub client: Option<ClientId>,
    pub kind: ContactKind,
    pub draft_id: Option<i64>,
    /// What was typed in text-like fields, kept even when it does not parse (and when the
    /// question is hidden), so nothing typed is ever lost.
    pub raw: BTreeMap<String, String>,
    /// Parsed answers, hidden ones included (they are dropped only when saving).
    pub answers: Answers,
    pub errors: BTreeMap<String, FieldError>,
    pub view: View,
    /// Index into the form's sections.
    pub section: usize,
    pub focus: Option<String>,
    /// Cursor (char index) in the focused one-line field.
    pub cursor: usize,
    /// Highlighted option in the focused choice/multi list.
    pub list_cursor: usize,
    /// Edit buffer of the focused textarea.
    pub textarea: Option<TextArea<'static>>,
    pub visited: BTreeSet<String>,
    pub dirty: bool,
    /// Something was typed or chosen (an untouched intake is not worth a draft).
    pub edited: bool,
    pub last_attempt: Option<Instant>,
    pub save_error: Option<String>,
    /// This screen's number in the run: the name its draft waits under when the database
    /// server cannot be reached.
    spool_n: u64,
    /// The ladder screen's own questions (recorded rung, reason).
    pub extra: Vec<Question>,
    pub computed: Option<LadderScore>,
    /// Style of the text box (from the theme).
    pub input_style: ratatui::style::Style,
    /// Check-in: sections confirmed "ongewijzigd" (and not edited since).
    pub unchanged: BTreeSet<String>,
    /// Check-in: the kind of conversation and the evaluation of the open agreements.
    pub evaluation: Option<Evaluation>,
    /// The edit lock was lost while this was open: why it is read-only now. What was
    /// typed stays on screen and in the draft, but nothing more is changed or saved.
    pub read_only: Option<String>,
    /// Check-in: the expectation agreed at the previous contact (`verwachting.*`). It is
    /// proposed again on the ladder screen while it is still ahead of the new rung.
    pub previous_expectation: Answers,
    /// A new intake looks like a resident who already has a dossier: the question shown
    /// over the ladder screen before anything is saved.
    pub same_person: Option<SamePerson>,
    /// The consultant saw the resident with the same surname and date of birth and
    /// chose to save a new resident anyway.
    pub new_resident_confirmed: bool,
}

fn is_line_kind(k: &Kind) -> bool {
    matches!(
        k,
        Kind::Text { .. } | Kind::Integer { .. } | Kind::Money | Kind::Date | Kind::Bsn
    )
}

/// The typed form of a stored value, for prefilling a field.
fn value_text(v: &Value) -> Option<String> {
    match v {
        Value::Text(s) => Some(s.clone()),
        Value::Int(i) => Some(i.to_string()),
        Value::Money(c) => Some(format_cents(*c)),
        Value::Date(d) => Some(format_date(*d)),
        _ => None,
    }
}

impl Intake {
    /// A new intake; `prefill` holds earlier answers (a conversation with a known resident).
    pub fn new(
        client: Option<ClientId>,
        kind: ContactKind,
        form: &FormDef,
        prefill: Answers,
    ) -> Intake {
        let mut prefill = prefill;
        for q in form.questions() {
            if let Some(v) = &q.default {
                prefill.entry(q.id.clone()).or_insert_with(|| v.clone());
            }
        }
        let raw = prefill
            .iter()
            .filter_map(|(k, v)| value_text(v).map(|t| (k.clone(), t)))
            .collect();
        let mut it = Intake {
            client,
            kind,
            draft_id: None,
            raw,
            answers: prefill,
            errors: BTreeMap::new(),
            view: View::Wizard,
            section: 0,
            focus: None,
            cursor: 0,
            list_cursor: 0,
            textarea: None,
            visited: BTreeSet::new(),
            dirty: false,
            edited: false,
            last_attempt: None,
            save_error: None,
            spool_n: {
                static SCREENS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
                SCREENS.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            },
            extra: Vec::new(),
            computed: None,
            input_style: ratatui::style::Style::new(),
            unchanged: BTreeSet::new(),
            evaluation: None,
            read_only: None,
            previous_expectation: Answers::new(),
            same_person: None,
            new_resident_confirmed: false,
        };
        it.section = it.wizard_sections(form).first().copied().unwrap_or(0);
        it
    }

    /// Continue from a stored draft. `None` when the payload cannot be read.
    pub fn from_draft(
        draft_id: i64,
        client: Option<ClientId>,
        payload: &str,
        forms: &Forms,
        today: NaiveDate,
    ) -> Option<Intake> {
        let p: Payload = serde_json::from_str(payload).ok()?;
        let kind = if p.checkin {
            ContactKind::Checkin
        } else {
            ContactKind::Intake
        };
        let form = &forms.intake;
        let mut it = Intake::new(client, kind, form, Answers::new());
        it.draft_id = Some(draft_id);
        it.edited = true;
        it.raw = p.raw;
        it.answers = p.answers;
        it.visited = p.visited;
        it.unchanged = p.unchanged;
        it.evaluation = p.evaluation;
        it.previous_expectation = p.previous_expectation;
        if let Some(i) = form.sections.iter().position(|s| s.id == p.section) {
            it.section = i;
        }
        if matches!(p.view, View::Ladder | View::Evaluation) {
            it.enter_ladder(forms, today);
        }
        if p.view == View::Evaluation && it.evaluation.is_some() {
            it.view = View::Evaluation;
        }
        let fields = it.fields(form, today);
        let focus = p
            .focus
            .filter(|f| fields.iter().any(|q| &q.id == f))
            .or_else(|| fields.first().map(|q| q.id.clone()));
        drop(fields);
        if let Some(f) = focus {
            it.enter_field(form, &f);
        }
        Some(it)
    }

    /// Worth writing to the draft: changed since the last write, and not an untouched
    /// new intake.
    pub fn needs_save(&self) -> bool {
        self.dirty && (self.edited || self.draft_id.is_some())
    }

    /// The name this screen's draft waits under in the spool (see `store::spool`).
    pub fn spool_name(&self) -> String {
        format!("scherm{}-{}", self.spool_n, self.draft_kind().as_str())
    }

    pub fn draft_kind(&self) -> DraftKind {
        match self.kind {
            ContactKind::Intake => DraftKind::Intake,
            ContactKind::Checkin | ContactKind::Voortgang => DraftKind::Checkin,
        }
    }

    pub fn payload(&self, form: &FormDef) -> String {
        let p = Payload {
            version: 1,
            checkin: self.kind.is_checkin(),
            raw: self.raw.clone(),
            answers: self.answers.clone(),
            view: self.view,
            section: form
                .sections
                .get(self.section)
                .map(|s| s.id.clone())
                .unwrap_or_default(),
            focus: self.focus.clone(),
            visited: self.visited.clone(),
            unchanged: self.unchanged.clone(),
            evaluation: self.evaluation.clone(),
            previous_expectation: self.previous_expectation.clone(),
        };
        // Serialising plain maps and strings cannot fail; an empty payload would still be
        // better than a panic.
        serde_json::to_string(&p).unwrap_or_default()
    }

    /// "Voorbeeld, J." for lists; empty when no name is typed yet.
    pub fn label(&self) -> String {
        let surname = self
            .raw
            .get("persoon.achternaam")
            .map(|s| s.trim())
            .unwrap_or("");
        let first = self
            .raw
            .get("persoon.voornamen")
            .map(|s| s.trim())
            .unwrap_or("");
        let initial: String = first
            .chars()
            .next()
            .map(|c| format!("{c}."))
            .unwrap_or_default();
        match (surname.is_empty(), initial.is_empty()) {
            (true, true) => String::new(),
            (false, true) => surname.to_string(),
            (true, false) => first.to_string(),
            (false, false) => format!("{surname}, {initial}"),
        }
    }

    /// The answers as the form sees them: without the ladder screen's own fields.
    pub fn form_answers(&self) -> Answers {
        self.answers
            .iter()
            .filter(|(k, _)| !k.starts_with('_'))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    }

    pub fn wizard_sections(&self, form: &FormDef) -> Vec<usize> {
        form.sections
            .iter()
            .enumerate()
            .filter(|(_, s)| s.screen == SectionScreen::Wizard)
            .map(|(i, _)| i)
            .collect()
    }

    pub fn section_visible(&self, form: &FormDef, idx: usize, today: NaiveDate) -> bool {
        let answers = self.form_answers();
        let facts = Facts::new(&answers, today);
        form.sections.get(idx).is_some_and(|s| {
            s.show_if.as_ref().is_none_or(|c| c.eval(&facts))
                && s.questions.iter().any(|q| is_visible(form, &q.id, &facts))
        })
    }

    pub fn question<'a>(&'a self, form: &'a FormDef, id: &str) -> Option<&'a Question> {
        form.question(id)
            .or_else(|| self.extra.iter().find(|q| q.id == id))
    }

    fn visible(&self, form: &FormDef, id: &str, facts: &Facts<'_>) -> bool {
        match id {
            LADDER_CHOSEN => true,
            LADDER_REASON => self.is_override(),
            _ => is_visible(form, id, facts),
        }
    }

    /// The questions the focus moves through on the current screen.
    pub fn fields<'a>(&'a self, form: &'a FormDef, today: NaiveDate) -> Vec<&'a Question> {
        let answers = self.form_answers();
        let facts = Facts::new(&answers, today);
        match self.view {
            View::Wizard => form
                .sections
                .get(self.section)
                .map(|s| {
                    s.questions
                        .iter()
                        .filter(|q| self.visible(form, &q.id, &facts))
                        .collect()
                })
                .unwrap_or_default(),
            View::Ladder => form
                .sections
                .iter()
                .filter(|s| s.screen == SectionScreen::Ladder)
                .flat_map(|s| s.questions.iter())
                .chain(self.extra.iter())
                .filter(|q| self.visible(form, &q.id, &facts))
                .collect(),
            // The evaluation screen has its own fields (the agreements).
            View::Evaluation => Vec::new(),
        }
    }

    pub fn focus_index(&self, fields: &[&Question]) -> usize {
        self.focus
            .as_ref()
            .and_then(|f| fields.iter().position(|q| &q.id == f))
            .unwrap_or(0)
    }

    /// Put the focus on a field, preparing its editor.
    pub fn enter_field(&mut self, form: &FormDef, id: &str) {
        let Some(q) = self.question(form, id).cloned() else {
            return;
        };
        self.focus = Some(q.id.clone());
        let text = self.raw.get(&q.id).cloned().unwrap_or_default();
        self.cursor = text.chars().count();
        self.list_cursor = match self.answers.get(&q.id) {
            Some(Value::Choice(c)) => q.options.iter().position(|o| &o.id == c).unwrap_or(0),
            Some(Value::Multi(m)) => m
                .first()
                .and_then(|c| q.options.iter().position(|o| &o.id == c))
                .unwrap_or(0),
            _ => 0,
        };
        self.textarea = if q.kind == Kind::Textarea {
            let mut ta = TextArea::new(text.split('\n').map(str::to_string).collect());
            ta.set_wrap_mode(WrapMode::WordOrGlyph);
            ta.set_style(self.input_style);
            ta.set_cursor_line_style(ratatui::style::Style::new());
            ta.move_cursor(ratatui_textarea::CursorMove::Bottom);
            ta.move_cursor(ratatui_textarea::CursorMove::End);
            Some(ta)
        } else {
            None
        };
    }

    /// Leave the focused field: parse what was typed and show a problem inline. Never
    /// blocks: the focus can always move on.
    pub fn leave_field(&mut self, form: &FormDef, today: NaiveDate) {
        let Some(id) = self.focus.clone() else {
            return;
        };
        if let Some(q) = self.question(form, &id).cloned() {
            if is_line_kind(&q.kind) || q.kind == Kind::Textarea {
                self.reparse(&q, today, true);
            }
        }
        self.textarea = None;
    }

    /// Parse the typed text of a field. While typing only a good value counts; the problem
    /// is shown when the field is left.
    fn reparse(&mut self, q: &Question, today: NaiveDate, show_error: bool) {
        let text = self.raw.get(&q.id).cloned().unwrap_or_default();
        if q.id.starts_with('_') {
            if text.trim().is_empty() {
                self.answers.remove(&q.id);
            } else {
                self.answers.insert(q.id.clone(), Value::Text(text));
                self.errors.remove(&q.id);
            }
            return;
        }
        match parse_input(q, &text, today) {
            Ok(Some(v)) => {
                self.answers.insert(q.id.clone(), v);
                self.errors.remove(&q.id);
            }
            Ok(None) => {
                self.answers.remove(&q.id);
                if self
                    .errors
                    .get(&q.id)
                    .is_some_and(|e| e.kind != FieldErrorKind::Required)
                {
                    self.errors.remove(&q.id);
                }
            }
            Err(e) => {
                self.answers.remove(&q.id);
                if show_error {
                    self.errors.insert(q.id.clone(), e);
                }
            }
        }
    }

    fn set_value(&mut self, q: &Question, v: Option<Value>) {
        match v {
            Some(v) if !v.is_empty() => {
                self.answers.insert(q.id.clone(), v);
                self.errors.remove(&q.id);
            }
            _ => {
                self.answers.remove(&q.id);
            }
        }
        self.touched(&q.id);
    }

    /// An answer changed: worth a draft, and its section is no longer "ongewijzigd".
    fn touched(&mut self, question: &str) {
        self.dirty = true;
        self.edited = true;
        if let Some(section) = question.split('.').next() {
            self.unchanged.remove(section);
        }
    }

    /// A key for the focused field's editor (after the screen's bindings had their turn).
    pub fn field_key(&mut self, form: &FormDef, today: NaiveDate, key: &KeyEvent) {
        let Some(id) = self.focus.clone() else {
            return;
        };
        let Some(q) = self.question(form, &id).cloned() else {
            return;
        };
        if q.kind == Kind::Textarea {
            if let Some(ta) = self.textarea.as_mut() {
                if ta.input(*key) {
                    let text = ta.lines().join("\n");
                    self.raw.insert(q.id.clone(), text);
                    self.touched(&q.id);
                    self.reparse(&q, today, false);
                }
            }
            return;
        }
        if !is_line_kind(&q.kind) {
            return;
        }
        let mut text = self.raw.get(&q.id).cloned().unwrap_or_default();
        if super::text::edit_line(&mut text, &mut self.cursor, key) {
            self.raw.insert(q.id.clone(), text);
            self.touched(&q.id);
            self.reparse(&q, today, false);
        }
    }

    /// Is the focused field a list (choice/multi) whose highlight can still move by `delta`?
    pub fn list_can_move(&self, form: &FormDef, delta: i32) -> bool {
        let Some(q) = self.focus.as_ref().and_then(|f| self.question(form, f)) else {
            return false;
        };
        if !matches!(q.kind, Kind::Choice | Kind::Multi) {
            return false;
        }
        let n = q.options.len();
        if delta < 0 {
            self.list_cursor > 0
        } else {
            self.list_cursor + 1 < n
        }
    }

    pub fn move_list(&mut self, delta: i32) {
        if delta < 0 {
            self.list_cursor = self.list_cursor.saturating_sub(1);
        } else {
            self.list_cursor += 1;
        }
    }

    pub fn focused_kind<'a>(&'a self, form: &'a FormDef) -> Option<&'a Kind> {
        self.focus
            .as_ref()
            .and_then(|f| self.question(form, f))
            .map(|q| &q.kind)
    }

    /// Space on a list: select (choice) or toggle (multi) the highlighted option.
    pub fn toggle(&mut self, form: &FormDef) {
        let Some(q) = self
            .focus
            .as_ref()
            .and_then(|f| self.question(form, f))
            .cloned()
        else {
            return;
        };
        match q.kind {
            Kind::Choice | Kind::Multi => {
                if let Some(opt) = q.options.get(self.list_cursor) {
                    let opt = opt.id.clone();
                    self.pick_option(&q, &opt, true);
                }
            }
            Kind::YesNo => {
                let now = matches!(self.answers.get(&q.id), Some(Value::Bool(true)));
                self.set_value(&q, Some(Value::Bool(!now)));
            }
            _ => {}
        }
    }

    /// A digit: option `n` of the focused list (1-based, 0 is the tenth).
    pub fn pick_number(&mut self, form: &FormDef, n: u8) {
        let Some(q) = self
            .focus
            .as_ref()
            .and_then(|f| self.question(form, f))
            .cloned()
        else {
            return;
        };
        let idx = if n == 0 { 9 } else { usize::from(n) - 1 };
        if let Some(opt) = q.options.get(idx) {
            self.list_cursor = idx;
            let opt = opt.id.clone();
            self.pick_option(&q, &opt, true);
        }
    }

    /// Select a choice option, or toggle a multi option keeping exclusive options alone.
    /// With `toggle` a selected choice option is cleared again.
    fn pick_option(&mut self, q: &Question, opt: &str, toggle: bool) {
        match q.kind {
            Kind::Choice => {
                let selected =
                    matches!(self.answers.get(&q.id), Some(Value::Choice(c)) if c == opt);
                if selected && toggle {
                    self.set_value(q, None);
                } else {
                    self.set_value(q, Some(Value::Choice(opt.to_string())));
                }
            }
            Kind::Multi => {
                let current = match self.answers.get(&q.id) {
                    Some(Value::Multi(m)) => m.clone(),
                    _ => Vec::new(),
                };
                let next = toggle_multi(&q.options, &current, opt);
                self.set_value(q, Some(Value::Multi(next)));
            }
            _ => {}
        }
    }

    pub fn set_yes_no(&mut self, form: &FormDef, yes: bool) {
        if let Some(q) = self
            .focus
            .as_ref()
            .and_then(|f| self.question(form, f))
            .cloned()
        {
            if q.kind == Kind::YesNo {
                self.set_value(&q, Some(Value::Bool(yes)));
            }
        }
    }

    pub fn clear_answer(&mut self, form: &FormDef) {
        if let Some(q) = self
            .focus
            .as_ref()
            .and_then(|f| self.question(form, f))
            .cloned()
        {
            if matches!(q.kind, Kind::YesNo | Kind::Choice | Kind::Multi) {
                self.set_value(&q, None);
            }
        }
    }

    /// Move the focus by one field; past the ends of a section into the next or previous
    /// visible section (wizard only). Returns false at the very start or end.
    pub fn move_field(&mut self, form: &FormDef, today: NaiveDate, delta: i32) -> bool {
        self.leave_field(form, today);
        let fields = self.fields(form, today);
        let idx = self.focus_index(&fields);
        let target = if delta > 0 {
            fields.get(idx + 1).map(|q| q.id.clone())
        } else if idx > 0 {
            fields.get(idx - 1).map(|q| q.id.clone())
        } else {
            None
        };
        drop(fields);
        if let Some(t) = target {
            self.enter_field(form, &t);
            return true;
        }
        if self.view == View::Ladder {
            return false;
        }
        let moved = self.jump_section(form, today, delta);
        if moved && delta < 0 {
            let last = self.fields(form, today).last().map(|q| q.id.clone());
            if let Some(l) = last {
                self.enter_field(form, &l);
            }
        }
        moved
    }

    /// Go to the next/previous visible wizard section, focus on its first field.
    pub fn jump_section(&mut self, form: &FormDef, today: NaiveDate, delta: i32) -> bool {
        self.leave_field(form, today);
        let order = self.wizard_sections(form);
        let pos = order.iter().position(|&i| i == self.section).unwrap_or(0);
        let candidates: Vec<usize> = if delta > 0 {
            order.iter().skip(pos + 1).copied().collect()
        } else {
            order.iter().take(pos).rev().copied().collect()
        };
        let Some(next) = candidates
            .into_iter()
            .find(|&i| self.section_visible(form, i, today))
        else {
            return false;
        };
        self.go_to_section(form, today, next);
        true
    }

    pub fn go_to_section(&mut self, form: &FormDef, today: NaiveDate, idx: usize) {
        if let Some(s) = form.sections.get(self.section) {
            self.visited.insert(s.id.clone());
        }
        self.section = idx;
        self.view = View::Wizard;
        let first = self.fields(form, today).first().map(|q| q.id.clone());
        self.focus = None;
        if let Some(f) = first {
            self.enter_field(form, &f);
        }
    }

    /// Put the focus on a question anywhere in the intake (e.g. the first problem).
    pub fn jump_to_question(&mut self, form: &FormDef, today: NaiveDate, id: &str) {
        self.leave_field(form, today);
        if id.starts_with('_') {
            self.view = View::Ladder;
        } else if let Some((idx, s)) = form
            .sections
            .iter()
            .enumerate()
            .find(|(_, s)| s.questions.iter().any(|q| q.id == id))
        {
            if s.screen == SectionScreen::Ladder {
                self.view = View::Ladder;
            } else {
                self.view = View::Wizard;
                self.section = idx;
            }
        }
        self.enter_field(form, id);
    }

    pub fn section_mark(&self, form: &FormDef, idx: usize, today: NaiveDate) -> Mark {
        let Some(s) = form.sections.get(idx) else {
            return Mark::Hidden;
        };
        if !self.section_visible(form, idx, today) {
            return Mark::Hidden;
        }
        let answers = self.form_answers();
        let facts = Facts::new(&answers, today);
        let visible: Vec<&Question> = s
            .questions
            .iter()
            .filter(|q| is_visible(form, &q.id, &facts))
            .collect();
        if visible.iter().any(|q| self.errors.contains_key(&q.id)) {
            return Mark::Errors;
        }
        let answered = |q: &&&Question| {
            self.answers.get(&q.id).is_some_and(|v| !v.is_empty())
                || self.raw.get(&q.id).is_some_and(|r| !r.trim().is_empty())
        };
        let n_answered = visible.iter().filter(|q| answered(q)).count();
        let required_done = visible.iter().filter(|q| q.required).all(|q| answered(&q));
        let visited = self.visited.contains(&s.id);
        if n_answered == 0 && !visited {
            Mark::NotStarted
        } else if required_done && (visited || n_answered == visible.len()) {
            Mark::Complete
        } else {
            Mark::Busy
        }
    }

    /// All problems of the visible answers in form order: what was typed but does not
    /// parse, plus what the form's validation finds.
    pub fn problems(&self, form: &FormDef, today: NaiveDate) -> Vec<FieldError> {
        let answers = self.form_answers();
        let facts = Facts::new(&answers, today);
        let visible = visible_answers(form, &answers, today);
        let mut found = validate_all(form, &visible, today);
        for q in form.questions() {
            if let Some(e) = self.errors.get(&q.id) {
                if is_visible(form, &q.id, &facts) && !found.iter().any(|f| f.question == q.id) {
                    found.push(e.clone());
                }
            }
        }
        let order: BTreeMap<&str, usize> = form
            .questions()
            .enumerate()
            .map(|(i, q)| (q.id.as_str(), i))
            .collect();
        found.sort_by_key(|e| {
            order
                .get(e.question.as_str())
                .copied()
                .unwrap_or(usize::MAX)
        });
        found
    }

    fn on_screen(&self, form: &FormDef, e: &FieldError, screen: SectionScreen) -> bool {
        form.section_of(&e.question)
            .is_some_and(|s| s.screen == screen)
    }

    /// F10 in the wizard: check the wizard's sections; on problems show them and jump to
    /// the first (returns false), otherwise go to the ladder screen.
    pub fn finish_wizard(&mut self, forms: &Forms, today: NaiveDate) -> bool {
        let form = &forms.intake;
        self.leave_field(form, today);
        let problems: Vec<FieldError> = self
            .problems(form, today)
            .into_iter()
            .filter(|e| self.on_screen(form, e, SectionScreen::Wizard))
            .collect();
        if let Some(first) = problems.first().cloned() {
            for e in problems {
                self.errors.insert(e.question.clone(), e);
            }
            self.jump_to_question(form, today, &first.question);
            return false;
        }
        if let Some(s) = form.sections.get(self.section) {
            self.visited.insert(s.id.clone());
        }
        self.enter_ladder(forms, today);
        true
    }

    /// Switch to the ladder screen: score, defaults for the expectation, the override
    /// fields.
    pub fn enter_ladder(&mut self, forms: &Forms, today: NaiveDate) {
        let form = &forms.intake;
        let visible = visible_answers(form, &self.form_answers(), today);
        let score = ladder::score(&visible, &forms.ladder_settings);
        let rung = score.rung.to_string();
        self.extra = ladder_questions(forms);
        // Follow the computed rung unless the consultant wrote a reason to differ.
        let has_reason = self
            .raw
            .get(LADDER_REASON)
            .is_some_and(|r| !r.trim().is_empty());
        if !has_reason || !self.answers.contains_key(LADDER_CHOSEN) {
            self.answers
                .insert(LADDER_CHOSEN.to_string(), Value::Choice(rung.clone()));
        }
        if !self.answers.contains_key("verwachting.trede") {
            self.propose_previous_expectation(score.rung);
        }
        if !self.answers.contains_key("verwachting.trede") {
            if let Some(q) = form.question("verwachting.trede") {
                if q.option(&rung).is_some() {
                    self.answers
                        .insert(q.id.clone(), Value::Choice(rung.clone()));
                }
            }
        }
        self.computed = Some(score);
        self.view = View::Ladder;
        self.dirty = true;
        let first = self.fields(form, today).first().map(|q| q.id.clone());
        self.focus = None;
        if let Some(f) = first {
            self.enter_field(form, &f);
        }
    }

    /// At a check-in, the expectation agreed last time (rung, horizon, why) stays the
    /// proposal while that rung is still ahead; once the resident has reached it, the
    /// expectation starts again from the new rung.
    fn propose_previous_expectation(&mut self, rung: u8) {
        let ahead = match self.previous_expectation.get("verwachting.trede") {
            Some(Value::Choice(c)) => c.parse::<u8>().is_ok_and(|e| e > rung),
            _ => false,
        };
        if !ahead {
            return;
        }
        // Only reached before the expectation was set in this contact: the form's
        // defaults (a 12-month horizon) give way to what was agreed.
        for (id, value) in std::mem::take(&mut self.previous_expectation) {
            match value_text(&value) {
                Some(text) => self.raw.insert(id.clone(), text),
                None => self.raw.remove(&id),
            };
            self.answers.insert(id, value);
        }
    }

    pub fn chosen_rung(&self) -> Option<u8> {
        match self.answers.get(LADDER_CHOSEN) {
            Some(Value::Choice(c)) => c.parse().ok(),
            _ => None,
        }
    }

    pub fn is_override(&self) -> bool {
        match (&self.computed, self.chosen_rung()) {
            (Some(s), Some(c)) => s.rung != c,
            _ => false,
        }
    }

    pub fn override_reason(&self) -> String {
        self.raw.get(LADDER_REASON).cloned().unwrap_or_default()
    }

    /// The problem to show for a missing override reason.
    /// Before saving from the ladder screen: every problem marked and the first one
    /// focused, or an override without its reason asked for. `Ok` carries the override
    /// to store; `Err` what the status line should say.
    pub fn checked_for_save(
        &mut self,
        form: &FormDef,
        today: NaiveDate,
    ) -> Result<Option<RungOverride>, S> {
        let problems = self.problems(form, today);
        if let Some(first) = problems.first().cloned() {
            for e in problems {
                self.errors.insert(e.question.clone(), e);
            }
            self.jump_to_question(form, today, &first.question);
            return Err(S::FixProblems);
        }
        match (self.is_override(), self.chosen_rung()) {
            (true, Some(rung)) => {
                let reason = self.override_reason();
                if reason.trim().is_empty() {
                    self.require_reason();
                    self.jump_to_question(form, today, LADDER_REASON);
                    return Err(S::OverrideNeedsReason);
                }
                Ok(Some(RungOverride { rung, reason }))
            }
            _ => Ok(None),
        }
    }

    /// A save the service refused for the answers' sake: marked on the form as
    /// `checked_for_save` would, with what the status line should say. Any other error
    /// is handed back.
    pub fn take_refusal(
        &mut self,
        refused: ServiceError,
        form: &FormDef,
        today: NaiveDate,
    ) -> Result<S, ServiceError> {
        match refused {
            ServiceError::Invalid(errors) => {
                if let Some(first) = errors.first().cloned() {
                    for e in errors {
                        self.errors.insert(e.question.clone(), e);
                    }
                    self.jump_to_question(form, today, &first.question);
                }
                Ok(S::FixProblems)
            }
            ServiceError::OverrideNeedsReason => {
                self.require_reason();
                self.jump_to_question(form, today, LADDER_REASON);
                Ok(S::OverrideNeedsReason)
            }
            other => Err(other),
        }
    }

    pub fn require_reason(&mut self) {
        self.errors.insert(
            LADDER_REASON.to_string(),
            FieldError {
                question: LADDER_REASON.to_string(),
                kind: FieldErrorKind::Required,
            },
        );
    }
}

/// Toggle a multi option: an exclusive option clears the others and vice versa; the
/// result is in the order of the form.
pub fn toggle_multi(options: &[ChoiceOption], current: &[String], opt: &str) -> Vec<String> {
    let Some(o) = options.iter().find(|o| o.id == opt) else {
        return current.to_vec();
    };
    let mut set: BTreeSet<String> = current.iter().cloned().collect();
    if set.contains(opt) {
        set.remove(opt);
    } else if o.exclusive {
        set.clear();
        set.insert(opt.to_string());
    } else {
        set.retain(|id| !options.iter().any(|x| &x.id == id && x.exclusive));
        set.insert(opt.to_string());
    }
    options
        .iter()
        .filter(|x| set.contains(&x.id))
        .map(|x| x.id.clone())
        .collect()
}

/// The ladder screen's own questions: the recorded rung (options named after the rungs)
/// and the reason for an override.
fn ladder_questions(forms: &Forms) -> Vec<Question> {
    use super::strings::{tr, S};
    use crate::forms::Lang;
    let both = |s: S| Text {
        nl: tr(Lang::Nl, s).to_string(),
        en: Some(tr(Lang::En, s).to_string()),
    };
    let options = (1..=6u8)
        .map(|n| {
            let name = forms
                .ladder
                .rung(n)
                .map(|r| r.name.clone())
                .unwrap_or_default();
            ChoiceOption {
                id: n.to_string(),
                label: Text {
                    nl: format!("{n} {}", name.nl),
                    en: name.en.map(|e| format!("{n} {e}")),
                },
                exclusive: false,
            }
        })
        .collect();
    vec![
        Question {
            id: LADDER_CHOSEN.to_string(),
            kind: Kind::Choice,
            label: both(S::LadderChosenLabel),
            help: None,
            required: true,
            sensitive: false,
            options,
            show_if: None,
            default: None,
            line: 0,
        },
        Question {
            id: LADDER_REASON.to_string(),
            kind: Kind::Textarea,
            label: both(S::LadderReasonLabel),
            help: Some(both(S::LadderReasonHelp)),
            required: true,
            sensitive: false,
            options: Vec::new(),
            show_if: None,
            default: None,
            line: 0,
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn opt(id: &str, exclusive: bool) -> ChoiceOption {
        ChoiceOption {
            id: id.to_string(),
            label: Text {
                nl: id.to_string(),
                en: None,
            },
            exclusive,
        }
    }

    #[test]
    fn exclusive_option_stands_alone() {
        let opts = vec![
            opt("loon", false),
            opt("bijstand", false),
            opt("geen", true),
        ];
        let v = toggle_multi(&opts, &[], "bijstand");
        let v = toggle_multi(&opts, &v, "loon");
        assert_eq!(v, vec!["loon", "bijstand"], "form order");
        let v = toggle_multi(&opts, &v, "geen");
        assert_eq!(v, vec!["geen"]);
        let v = toggle_multi(&opts, &v, "loon");
        assert_eq!(v, vec!["loon"]);
        let v = toggle_multi(&opts, &v, "loon");
        assert!(v.is_empty());
    }
}
