//! Editors of the contract screen: a one-line input, the text box with soft wrap for long
//! texts, the agreement form, and small dialogs (a date, a folder, a confirmation).

use super::keymap::{Action, Binding};
use super::strings::{date_problem, tr, S};
use super::text::{pad, scroll_line, truncate};
use super::Ctx;
use crate::domain::contract::{Agreement, AgreementStatus, Contract, PartKind};
use crate::domain::date::{format_date, parse_date, DateError};
use crate::forms::Lang;
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;
use ratatui_textarea::{CursorMove, TextArea, WrapMode};

/// A one-line text input with a cursor (a char index).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LineEdit {
    chars: Vec<char>,
    cursor: usize,
}

impl LineEdit {
    pub fn new(text: &str) -> LineEdit {
        // A pasted line break or tab becomes a space: this is one line.
        let chars: Vec<char> = text
            .chars()
            .map(|c| if c.is_control() { ' ' } else { c })
            .collect();
        let cursor = chars.len();
        LineEdit { chars, cursor }
    }

    pub fn text(&self) -> String {
        self.chars.iter().collect()
    }

    /// Apply an editing key; true when the text changed.
    pub fn input(&mut self, key: &KeyEvent) -> bool {
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        self.cursor = self.cursor.min(self.chars.len());
        match key.code {
            KeyCode::Char(c) if plain && !c.is_control() => {
                self.chars.insert(self.cursor, c);
                self.cursor += 1;
                true
            }
            KeyCode::Char('u') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                let changed = !self.chars.is_empty();
                self.chars.clear();
                self.cursor = 0;
                changed
            }
            KeyCode::Backspace if self.cursor > 0 => {
                self.cursor -= 1;
                self.chars.remove(self.cursor);
                true
            }
            KeyCode::Delete if self.cursor < self.chars.len() => {
                self.chars.remove(self.cursor);
                true
            }
            KeyCode::Left => {
                self.cursor = self.cursor.saturating_sub(1);
                false
            }
            KeyCode::Right => {
                self.cursor = (self.cursor + 1).min(self.chars.len());
                false
            }
            KeyCode::Home => {
                self.cursor = 0;
                false
            }
            KeyCode::End => {
                self.cursor = self.chars.len();
                false
            }
            _ => false,
        }
    }

    /// Draw the input in `area` (one row); with `focus` the terminal cursor is put in it.
    pub fn render(&self, f: &mut Frame, area: Rect, style: Style, focus: bool) {
        let w = area.width as usize;
        let (shown, col) = scroll_line(&self.text(), self.cursor, w.saturating_sub(1));
        f.render_widget(Paragraph::new(Span::styled(pad(&shown, w), style)), area);
        if focus {
            let x = area.x + (col as u16).min(area.width.saturating_sub(1));
            f.set_cursor_position((x, area.y));
        }
    }
}

/// A new text box with soft wrap holding `text`, the cursor at the end.
pub fn text_area(text: &str, style: Style) -> TextArea<'static> {
    let mut ta = TextArea::new(text.split('\n').map(str::to_string).collect());
    ta.set_wrap_mode(WrapMode::WordOrGlyph);
    ta.set_style(style);
    ta.set_cursor_line_style(Style::new());
    ta.move_cursor(CursorMove::Bottom);
    ta.move_cursor(CursorMove::End);
    ta
}

/// Which text of the contract a text box edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextTarget {
    Goal(PartKind),
    Support(PartKind),
    EmptyReason(PartKind),
    Doel,
    Nodig,
    Zelf,
    View,
}

impl TextTarget {
    pub fn get(self, c: &Contract) -> String {
        let part = |k: PartKind| c.parts.iter().find(|p| p.kind == k);
        match self {
            TextTarget::Goal(k) => part(k).map(|p| p.goal.clone()),
            TextTarget::Support(k) => part(k).map(|p| p.support.clone()),
            TextTarget::EmptyReason(k) => part(k).map(|p| p.empty_reason.clone()),
            TextTarget::Doel => Some(c.analysis.doel.clone()),
            TextTarget::Nodig => Some(c.analysis.nodig.clone()),
            TextTarget::Zelf => Some(c.analysis.zelf.clone()),
            TextTarget::View => Some(c.consultant_view.clone()),
        }
        .unwrap_or_default()
    }

    pub fn set(self, c: &mut Contract, text: String) {
        match self {
            TextTarget::Goal(k) | TextTarget::Support(k) | TextTarget::EmptyReason(k) => {
                if let Some(p) = c.parts.iter_mut().find(|p| p.kind == k) {
                    match self {
                        TextTarget::Goal(_) => p.goal = text,
                        TextTarget::Support(_) => p.support = text,
                        _ => p.empty_reason = text,
                    }
                }
            }
            TextTarget::Doel => c.analysis.doel = text,
            TextTarget::Nodig => c.analysis.nodig = text,
            TextTarget::Zelf => c.analysis.zelf = text,
            TextTarget::View => c.consultant_view = text,
        }
    }

    /// The goal is one sentence: Enter adds no line there.
    pub fn one_line(self) -> bool {
        matches!(self, TextTarget::Goal(_))
    }

    pub fn title(self) -> S {
        match self {
            TextTarget::Goal(_) => S::EditGoal,
            TextTarget::Support(_) => S::EditSupport,
            TextTarget::EmptyReason(_) => S::EditReason,
            TextTarget::Doel => S::AnalysisDoel,
            TextTarget::Nodig => S::AnalysisNodig,
            TextTarget::Zelf => S::AnalysisZelf,
            TextTarget::View => S::EditView,
        }
    }
}

/// A text of the contract edited in a text box; every change goes straight into the
/// contract (and so into the autosave): nothing typed is lost.
pub struct TextEditor {
    pub target: TextTarget,
    pub textarea: TextArea<'static>,
}

impl TextEditor {
    pub fn new(target: TextTarget, c: &Contract, style: Style) -> TextEditor {
        TextEditor {
            target,
            textarea: text_area(&target.get(c), style),
        }
    }

    pub fn bindings() -> Vec<Binding> {
        vec![Binding::new("F10/Esc", Action::Confirm, S::Done)
            .key(KeyCode::F(10))
            .key(KeyCode::Esc)
            .key(KeyCode::Tab)
            .ctrl('s')]
    }

    /// A typing key; true when the contract changed.
    pub fn input(&mut self, key: &KeyEvent, c: &mut Contract) -> bool {
        if self.target.one_line() && key.code == KeyCode::Enter {
            return false;
        }
        if !self.textarea.input(*key) {
            return false;
        }
        self.target.set(c, self.text());
        true
    }

    pub fn text(&self) -> String {
        self.textarea.lines().join("\n")
    }

    pub fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx<'_>) {
        let h = if self.target.one_line() { 7 } else { 12 };
        let inner = dialog(f, area, tr(ctx.lang, self.target.title()), h, ctx);
        let mut top = 0;
        if matches!(self.target, TextTarget::EmptyReason(_)) {
            f.render_widget(
                Paragraph::new(Line::styled(
                    truncate(
                        tr(ctx.lang, S::EditReasonHelp),
                        inner.width as usize,
                        &ctx.theme,
                    ),
                    ctx.theme.dim(),
                )),
                Rect::new(inner.x, inner.y, inner.width, 1),
            );
            top = 2;
        }
        let ta = Rect::new(
            inner.x,
            inner.y + top,
            inner.width,
            inner.height.saturating_sub(top),
        );
        f.render_widget(&self.textarea, ta);
    }
}

/// Draw a bordered dialog of height `h` centred in `area`; returns its inside.
pub fn dialog(f: &mut Frame, area: Rect, title: &str, h: u16, ctx: &Ctx<'_>) -> Rect {
    let w = area.width.saturating_sub(4).min(76);
    let h = h.min(area.height);
    let rect = Rect::new(
        area.x + (area.width.saturating_sub(w)) / 2,
        area.y + (area.height.saturating_sub(h)) / 2,
        w,
        h,
    );
    f.render_widget(Clear, rect);
    let block = Block::bordered()
        .border_set(ctx.theme.border())
        .title(Span::styled(
            format!(
                " {} ",
                truncate(title, w.saturating_sub(4) as usize, &ctx.theme)
            ),
            ctx.theme.title(),
        ))
        .padding(ratatui::widgets::Padding::horizontal(1));
    let inner = block.inner(rect);
    f.render_widget(block, rect);
    inner
}

/// The fixed owners; anything else is a named partner.
pub const OWNERS: [&str; 3] = ["inwoner", "gemeente", "inwoner + gemeente"];

fn owner_index(who: &str) -> Option<usize> {
    let norm: Vec<String> = who
        .split('+')
        .map(|s| s.trim().to_lowercase())
        .filter(|s| !s.is_empty())
        .collect();
    match norm.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        ["inwoner"] => Some(0),
        ["gemeente"] => Some(1),
        ["inwoner", "gemeente"] | ["gemeente", "inwoner"] => Some(2),
        _ => None,
    }
}

pub fn status_label(lang: Lang, s: AgreementStatus) -> &'static str {
    tr(
        lang,
        match s {
            AgreementStatus::Open => S::AgreementStatusOpen,
            AgreementStatus::Gedaan => S::AgreementStatusGedaan,
            AgreementStatus::Deels => S::AgreementStatusDeels,
            AgreementStatus::NietGedaan => S::AgreementStatusNietGedaan,
            AgreementStatus::Vervallen => S::AgreementStatusVervallen,
        },
    )
}

/// The next status in the cycle open → gedaan → deels → niet gedaan → vervallen → open.
pub fn next_status(s: AgreementStatus, forward: bool) -> AgreementStatus {
    let all = AgreementStatus::ALL;
    let i = all.iter().position(|x| *x == s).unwrap_or(0);
    let n = all.len();
    let j = if forward {
        (i + 1) % n
    } else {
        (i + n - 1) % n
    };
    all.get(j).copied().unwrap_or_default()
}

/// The fields of the agreement form, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    What,
    Who,
    Partner,
    Due,
    Status,
    Note,
}

/// How the agreement being edited came to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    Existing,
    /// Added with F2: removed again when closed without anything filled in.
    New,
    /// A suggestion accepted to be edited.
    Suggestion,
}

/// The agreement form. Like the text box, every change goes straight into the contract.
pub struct AgreementEditor {
    pub part: PartKind,
    pub index: usize,
    pub origin: Origin,
    pub field: Field,
    /// The description wraps over two lines; Enter goes to the next field.
    pub what: TextArea<'static>,
    /// 0-2: one of `OWNERS`; 3: a named partner.
    pub owner: usize,
    pub partner: LineEdit,
    pub due: LineEdit,
    pub due_error: Option<String>,
    pub status: AgreementStatus,
    pub note: TextArea<'static>,
    /// Shown when closing is refused.
    pub problem: Option<S>,
}

impl AgreementEditor {
    pub fn new(
        part: PartKind,
        index: usize,
        a: &Agreement,
        origin: Origin,
        style: Style,
    ) -> AgreementEditor {
        let (owner, partner) = match owner_index(&a.who) {
            Some(i) => (i, String::new()),
            None if a.who.trim().is_empty() => (0, String::new()),
            None => (3, a.who.trim().to_string()),
        };
        let mut ed = AgreementEditor {
            part,
            index,
            origin,
            field: Field::What,
            what: text_area(&a.what.replace('\n', " "), style),
            owner,
            partner: LineEdit::new(&partner),
            due: LineEdit::new(&a.due.map(format_date).unwrap_or_default()),
            due_error: None,
            status: a.status,
            note: text_area(&a.note, style),
            problem: None,
        };
        ed.show_cursor();
        ed
    }

    /// Only the text box with the focus shows a cursor.
    fn show_cursor(&mut self) {
        let on = Style::new().add_modifier(ratatui::style::Modifier::REVERSED);
        let (what, note) = match self.field {
            Field::What => (on, Style::new()),
            Field::Note => (Style::new(), on),
            _ => (Style::new(), Style::new()),
        };
        self.what.set_cursor_style(what);
        self.note.set_cursor_style(note);
    }

    fn what_text(&self) -> String {
        self.what.lines().join(" ").trim().to_string()
    }

    /// Focus a field (after a refused close).
    pub fn focus(&mut self, field: Field) {
        self.field = field;
        self.show_cursor();
    }

    fn fields(&self) -> Vec<Field> {
        let mut v = vec![Field::What, Field::Who];
        if self.owner == 3 {
            v.push(Field::Partner);
        }
        v.extend([Field::Due, Field::Status, Field::Note]);
        v
    }

    fn on_choice(&self) -> bool {
        matches!(self.field, Field::Who | Field::Status)
    }

    pub fn bindings(&self) -> Vec<Binding> {
        let mut b = vec![
            Binding::new("F10/Esc", Action::Confirm, S::Done)
                .key(KeyCode::F(10))
                .key(KeyCode::Esc)
                .ctrl('s'),
            Binding::new("Tab", Action::NextField, S::NextInput).key(KeyCode::Tab),
            Binding::new("Shift+Tab", Action::PrevField, S::PrevInput).key(KeyCode::BackTab),
        ];
        if self.on_choice() {
            b.push(Binding::new("Space", Action::Toggle, S::ChangeChoice).ch(' '));
            b.push(
                Binding::new("Left/Right", Action::Right, S::ChangeChoice)
                    .key(KeyCode::Right)
                    .help_only(),
            );
            b.push(
                Binding::new("Left", Action::Left, S::ChangeChoice)
                    .key(KeyCode::Left)
                    .hidden(),
            );
        }
        if self.field != Field::Note {
            b.push(
                Binding::new("Enter", Action::EnterNext, S::NextInput)
                    .key(KeyCode::Enter)
                    .help_only(),
            );
            b.push(
                Binding::new("Down", Action::NextField, S::NextInput)
                    .key(KeyCode::Down)
                    .help_only(),
            );
            b.push(
                Binding::new("Up", Action::PrevField, S::PrevInput)
                    .key(KeyCode::Up)
                    .help_only(),
            );
        }
        b
    }

    /// Move to the next (or previous) field; a typed date is checked on leaving it.
    pub fn step(&mut self, forward: bool, lang: Lang) {
        if self.field == Field::Due {
            self.check_due(lang);
        }
        let fields = self.fields();
        let i = fields.iter().position(|f| *f == self.field).unwrap_or(0);
        let n = fields.len();
        let j = if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        };
        self.field = fields.get(j).copied().unwrap_or(Field::What);
        self.show_cursor();
    }

    /// Change the owner or status; true when the agreement changed.
    pub fn cycle(&mut self, forward: bool) -> bool {
        match self.field {
            Field::Who => {
                self.owner = if forward {
                    (self.owner + 1) % 4
                } else {
                    (self.owner + 3) % 4
                };
                true
            }
            Field::Status => {
                self.status = next_status(self.status, forward);
                true
            }
            _ => false,
        }
    }

    /// The typed date: `Ok(None)` when empty, the problem when it is not a date.
    fn parsed_due(&self, lang: Lang) -> Result<Option<NaiveDate>, String> {
        match parse_date(&self.due.text()) {
            Ok(d) => Ok(Some(d)),
            Err(DateError::Empty) => Ok(None),
            Err(e) => Err(date_problem(lang, &e.to_string())),
        }
    }

    pub fn check_due(&mut self, lang: Lang) -> bool {
        match self.parsed_due(lang) {
            Ok(_) => {
                self.due_error = None;
                true
            }
            Err(e) => {
                self.due_error = Some(e);
                false
            }
        }
    }

    /// A typing key for the focused field; true when the agreement changed.
    pub fn input(&mut self, key: &KeyEvent) -> bool {
        match self.field {
            // A pasted line break stays one line: Enter is bound to the next field.
            Field::What => self.what.input(*key),
            Field::Partner => self.partner.input(key),
            Field::Due => self.due.input(key),
            Field::Note => self.note.input(*key),
            Field::Who | Field::Status => false,
        }
    }

    /// The agreement as now filled in; an unfinished date keeps the one it had.
    pub fn agreement(&self, before: &Agreement) -> Agreement {
        let who = match OWNERS.get(self.owner) {
            Some(o) => o.to_string(),
            None => self.partner.text().trim().to_string(),
        };
        let due = match parse_date(&self.due.text()) {
            Ok(d) => Some(d),
            Err(DateError::Empty) => None,
            Err(_) => before.due,
        };
        Agreement {
            what: self.what_text(),
            who,
            due,
            status: self.status,
            note: self.note.lines().join("\n").trim_end().to_string(),
            source: before.source.clone(),
        }
    }

    pub fn what_is_empty(&self) -> bool {
        self.what_text().is_empty()
    }

    /// Nothing typed: a new agreement closed like this is removed again.
    pub fn untouched(&self) -> bool {
        self.what_text().is_empty()
            && self.due.text().trim().is_empty()
            && self.note.lines().join("").trim().is_empty()
            && (self.owner != 3 || self.partner.text().trim().is_empty())
    }

    pub fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx<'_>) {
        let lang = ctx.lang;
        let theme = &ctx.theme;
        let title = match self.origin {
            Origin::Existing => tr(lang, S::AgreementTitle),
            Origin::New => tr(lang, S::NewAgreementTitle),
            Origin::Suggestion => tr(lang, S::SuggestionEditTitle),
        };
        let inner = dialog(f, area, title, 14, ctx);
        let label_w = 12u16;
        let value_x = inner.x + label_w;
        let value_w = inner.width.saturating_sub(label_w);
        let mut y = inner.y;
        let label = |f: &mut Frame, y: u16, s: S, focus: bool| {
            let style = if focus { theme.focus() } else { theme.normal() };
            f.render_widget(
                Paragraph::new(Span::styled(pad(tr(lang, s), label_w as usize - 1), style)),
                Rect::new(inner.x, y, label_w, 1),
            );
        };
        let bottom = inner.y + inner.height;
        for field in self.fields() {
            if y >= bottom {
                break;
            }
            let focus = field == self.field;
            let row = Rect::new(value_x, y, value_w, 1);
            match field {
                Field::What => {
                    label(f, y, S::ColWhat, focus);
                    f.render_widget(&self.what, Rect::new(value_x, y, value_w, 2));
                    y += 1;
                }
                Field::Who => {
                    label(f, y, S::ColWho, focus);
                    let mut options: Vec<String> = OWNERS.iter().map(|s| s.to_string()).collect();
                    options.push(tr(lang, S::WhoPartner).to_string());
                    f.render_widget(
                        Paragraph::new(choice_line(&options, self.owner, focus, ctx)),
                        row,
                    );
                }
                Field::Partner => {
                    label(f, y, S::PartnerLabel, focus);
                    self.partner.render(f, row, theme.input(), focus);
                }
                Field::Due => {
                    label(f, y, S::DueLabel, focus);
                    let w = 12.min(value_w);
                    self.due
                        .render(f, Rect::new(value_x, y, w, 1), theme.input(), focus);
                    f.render_widget(
                        Paragraph::new(Span::styled(" dd-mm-jjjj", theme.dim())),
                        Rect::new(value_x + w, y, value_w.saturating_sub(w), 1),
                    );
                    if let Some(e) = &self.due_error {
                        y += 1;
                        f.render_widget(
                            Paragraph::new(Span::styled(
                                truncate(e, value_w as usize, theme),
                                theme.error(),
                            )),
                            Rect::new(value_x, y, value_w, 1),
                        );
                    }
                }
                Field::Status => {
                    label(f, y, S::ColStatus, focus);
                    let options: Vec<String> = AgreementStatus::ALL
                        .iter()
                        .map(|s| status_label(lang, *s).to_string())
                        .collect();
                    let i = AgreementStatus::ALL
                        .iter()
                        .position(|s| *s == self.status)
                        .unwrap_or(0);
                    f.render_widget(Paragraph::new(choice_line(&options, i, focus, ctx)), row);
                }
                Field::Note => {
                    label(f, y, S::ColNote, focus);
                    let h = bottom.saturating_sub(y + 1).clamp(1, 4);
                    f.render_widget(&self.note, Rect::new(value_x, y, value_w, h));
                    y += h - 1;
                }
            }
            y += 1;
        }
        if let Some(p) = self.problem {
            let y = bottom.saturating_sub(1);
            f.render_widget(
                Paragraph::new(Span::styled(
                    truncate(tr(lang, p), inner.width as usize, theme),
                    theme.error(),
                )),
                Rect::new(inner.x, y, inner.width, 1),
            );
        }
    }
}

/// Options on one line with the chosen one marked: "inwoner · [gemeente] · …".
fn choice_line<'a>(options: &[String], chosen: usize, focus: bool, ctx: &Ctx<'_>) -> Line<'a> {
    let theme = &ctx.theme;
    let mut spans = Vec::new();
    for (i, o) in options.iter().enumerate() {
        if i > 0 {
            spans.push(Span::styled(
                format!(" {} ", theme.sym(super::theme::Sym::Dot)),
                theme.dim(),
            ));
        }
        if i == chosen {
            let style = if focus {
                theme.selected()
            } else {
                theme.focus()
            };
            spans.push(Span::styled(format!("[{o}]"), style));
        } else {
            spans.push(Span::raw(o.clone()));
        }
    }
    Line::from(spans)
}

/// A one-line dialog: the next evaluation date, or the folder for the PDF.
pub struct LineDialog {
    pub kind: LineKind,
    pub edit: LineEdit,
    pub problem: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    NextEvaluation,
    PdfFolder,
}

impl LineDialog {
    pub fn new(kind: LineKind, text: &str) -> LineDialog {
        LineDialog {
            kind,
            edit: LineEdit::new(text),
            problem: None,
        }
    }

    pub fn bindings(&self) -> Vec<Binding> {
        let confirm = match self.kind {
            LineKind::NextEvaluation => S::Confirm,
            LineKind::PdfFolder => S::SavePdfConfirm,
        };
        vec![
            Binding::new("F10", Action::Confirm, confirm)
                .key(KeyCode::F(10))
                .ctrl('s'),
            Binding::new("Esc", Action::Cancel, S::Cancel).key(KeyCode::Esc),
        ]
    }

    pub fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx<'_>) {
        let (title, help) = match self.kind {
            LineKind::NextEvaluation => (S::NextEvaluationLabel, None),
            LineKind::PdfFolder => (S::PdfFolderTitle, Some(S::PdfFolderHelp)),
        };
        let inner = dialog(f, area, tr(ctx.lang, title), 7, ctx);
        let w = inner.width as usize;
        let mut y = inner.y;
        if let Some(h) = help {
            f.render_widget(
                Paragraph::new(Span::styled(
                    truncate(tr(ctx.lang, h), w, &ctx.theme),
                    ctx.theme.dim(),
                )),
                Rect::new(inner.x, y, inner.width, 1),
            );
            y += 2;
        }
        let field_w = match self.kind {
            LineKind::NextEvaluation => 12.min(inner.width),
            LineKind::PdfFolder => inner.width,
        };
        self.edit.render(
            f,
            Rect::new(inner.x, y, field_w, 1),
            ctx.theme.input(),
            true,
        );
        if let Some(p) = &self.problem {
            f.render_widget(
                Paragraph::new(Span::styled(truncate(p, w, &ctx.theme), ctx.theme.error())),
                Rect::new(inner.x, y + 1, inner.width, 1),
            );
        }
    }
}

/// What a j/n question is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    Agree,
    Delete(PartKind, usize),
}

pub fn question_bindings() -> Vec<Binding> {
    vec![
        Binding::new("j", Action::Yes, S::Yes).ch('j').ch('y'),
        Binding::new("n", Action::No, S::No)
            .ch('n')
            .key(KeyCode::Esc),
    ]
}

/// Draw a j/n question with its lines of explanation.
pub fn render_question(f: &mut Frame, area: Rect, title: &str, lines: &[String], ctx: &Ctx<'_>) {
    let inner_w = area.width.saturating_sub(8).min(72) as usize;
    let mut body: Vec<Line> = Vec::new();
    for l in lines {
        for w in super::text::wrap(l, inner_w) {
            body.push(Line::raw(w));
        }
    }
    body.push(Line::raw(""));
    body.push(Line::from(vec![
        Span::styled(" j ", ctx.theme.key()),
        Span::raw(format!(" {}   ", tr(ctx.lang, S::Yes))),
        Span::styled(" n ", ctx.theme.key()),
        Span::raw(format!(" {}", tr(ctx.lang, S::No))),
    ]));
    let inner = dialog(f, area, title, body.len() as u16 + 2, ctx);
    f.render_widget(Paragraph::new(body), inner);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(c: KeyCode) -> KeyEvent {
        KeyEvent::new(c, KeyModifiers::NONE)
    }

    #[test]
    fn line_edit_types_deletes_and_moves() {
        let mut e = LineEdit::new("ab");
        assert!(e.input(&key(KeyCode::Char('c'))));
        assert!(!e.input(&key(KeyCode::Left)));
        assert!(e.input(&key(KeyCode::Backspace)));
        assert_eq!(e.text(), "ac");
        assert!(!e.input(&KeyEvent::new(KeyCode::Char('x'), KeyModifiers::CONTROL)));
        assert_eq!(LineEdit::new("a\nb").text(), "a b");
    }

    #[test]
    fn owners_are_recognised_and_others_are_partners() {
        assert_eq!(owner_index("inwoner"), Some(0));
        assert_eq!(owner_index(" Gemeente "), Some(1));
        assert_eq!(owner_index("gemeente+inwoner"), Some(2));
        assert_eq!(owner_index("Schuldhulpmaatje"), None);
    }

    #[test]
    fn status_cycles_through_all_and_back() {
        let mut s = AgreementStatus::Open;
        for _ in 0..AgreementStatus::ALL.len() {
            s = next_status(s, true);
        }
        assert_eq!(s, AgreementStatus::Open);
        assert_eq!(
            next_status(AgreementStatus::Open, false),
            AgreementStatus::Vervallen
        );
    }
}
