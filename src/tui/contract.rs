//! The contract screen: the three parts and the two voices in tabs, the agreements as an
//! editable table, pending suggestions apart, autosave, vaststellen, new versions, earlier
//! versions and writing the PDF.

use super::contract_edit::{
    question_bindings, render_question, status_label, AgreementEditor, Field, LineDialog, LineKind,
    Origin, Question, TextEditor, TextTarget,
};
use super::keymap::{Action, Binding};
use super::strings::{
    agree_question, contract_agreed, draft_save_failed, empty_part_blocked, ladder_expected,
    ladder_now, pdf_saved, pending_left, tr, version_label, version_row, version_started, S,
};
use super::text::{pad, truncate, width, wrap};
use super::theme::{Sym, Theme};
use super::Ctx;
use crate::domain::contract::{
    Agreement, AgreementStatus, Contract, ContractPart, ContractStatus, PartKind,
};
use crate::domain::date::{format_date, parse_date};
use crate::export;
use crate::forms::{Forms, Lang};
use crate::service;
use crate::service::contract::{Document, NotReady};
use crate::store::{ClientId, Store, StoredContract};
use chrono::{Months, NaiveDate};
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// At most one write of the concept per this interval while typing (as for the intake).
const SAVE_EVERY: Duration = Duration::from_secs(1);

/// What the contract screen needs from the application to act.
pub struct Env<'a> {
    pub store: &'a mut Store,
    pub forms: &'a Forms,
    pub today: NaiveDate,
    pub lang: Lang,
    pub input_style: Style,
}

/// What the application should do after a key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    None,
    Status(String, bool),
    /// Back to the dossier (the concept is already written).
    Back,
}

/// One line the cursor can be on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    Goal,
    Agreement(usize),
    Support,
    Reason,
    /// Index into `Contract::pending`.
    Suggestion(usize),
    Doel,
    Nodig,
    Zelf,
    View,
    NextEvaluation,
}

pub enum Dialog {
    Text(Box<TextEditor>),
    Agreement(Box<AgreementEditor>),
    Line(LineDialog),
    Question(Question),
    Versions(VersionList),
}

pub struct VersionList {
    pub rows: Vec<StoredContract>,
    pub selected: usize,
}

pub struct ContractScreen {
    pub client: ClientId,
    pub resident_name: String,
    pub surname: String,
    pub id: i64,
    pub contract: Contract,
    pub document_hash: Option<String>,
    /// Someone else holds the dossier's edit lock.
    pub locked: bool,
    /// An earlier version opened from the version list.
    pub old: bool,
    pub tab: usize,
    cursor: [usize; 4],
    pub dialog: Option<Dialog>,
    pub dirty: bool,
    pub last_attempt: Option<Instant>,
    pub save_error: Option<String>,
    /// The folder the PDF was last written to.
    pub folder: Option<String>,
    /// The dossier was opened from the signals screen (Esc goes back there later).
    pub from_signals: bool,
    input_style: Style,
}

fn part_mut(c: &mut Contract, k: PartKind) -> Option<&mut ContractPart> {
    c.parts.iter_mut().find(|p| p.kind == k)
}

impl ContractScreen {
    /// Open the resident's contract: the concept being drafted, else the latest agreed
    /// version (read-only until F9), else a new concept with the suggestions waiting.
    pub fn open(
        env: &mut Env<'_>,
        client: ClientId,
        resident_name: &str,
        surname: &str,
        locked: bool,
    ) -> Result<ContractScreen, String> {
        let latest = service::contract::latest(env.store, client).map_err(|e| e.to_string())?;
        let stored = match latest {
            Some(s) => s,
            None if locked => return Err(tr(env.lang, S::NoContractYet).to_string()),
            None => service::draft_contract(env.store, env.forms, client, env.today, false)
                .map_err(|e| e.to_string())?,
        };
        Ok(ContractScreen {
            client,
            resident_name: resident_name.to_string(),
            surname: surname.to_string(),
            id: stored.id,
            contract: stored.contract,
            document_hash: stored.document_hash,
            locked,
            old: false,
            tab: 0,
            cursor: [0; 4],
            dialog: None,
            dirty: false,
            last_attempt: None,
            save_error: None,
            folder: None,
            from_signals: false,
            input_style: env.input_style,
        })
    }

    fn load(&mut self, s: StoredContract, old: bool) {
        self.id = s.id;
        self.contract = s.contract;
        self.document_hash = s.document_hash;
        self.old = old;
        self.dialog = None;
        self.dirty = false;
        self.save_error = None;
        for tab in 0..4 {
            self.clamp(tab);
        }
    }

    pub fn read_only(&self) -> bool {
        self.locked || self.old || self.contract.status == ContractStatus::Vastgesteld
    }

    fn read_only_message(&self, lang: Lang) -> &'static str {
        tr(
            lang,
            if self.locked {
                S::ReadOnlyLocked
            } else if self.old {
                S::ReadOnlyOld
            } else {
                S::ReadOnlyAgreed
            },
        )
    }

    /// "Overeenkomst: Jan Voorbeeld · v2 concept".
    pub fn title(&self, lang: Lang, theme: &Theme) -> String {
        let status = match self.contract.status {
            ContractStatus::Vastgesteld => tr(lang, S::StatusAgreed),
            ContractStatus::Concept => tr(lang, S::StatusConcept),
        };
        format!(
            "{}: {} {} {} {status}",
            tr(lang, S::ContractTitle),
            plain(self.resident_name.trim(), theme),
            theme.sym(Sym::Dot),
            version_label(lang, self.contract.version)
        )
    }

    fn part_kind(tab: usize) -> Option<PartKind> {
        PartKind::ALL.get(tab).copied()
    }

    pub fn tab_title(&self, tab: usize) -> S {
        match Self::part_kind(tab) {
            Some(PartKind::Sociaal) => S::TabSociaal,
            Some(PartKind::Arbeidsfit) => S::TabArbeidsfit,
            Some(PartKind::Werk) if self.contract.work_is_paid() => S::TabWerkBetaald,
            Some(PartKind::Werk) => S::TabWerkOnbetaald,
            None => S::TabViews,
        }
    }

    /// The pending suggestions of a part, as indexes into `Contract::pending`.
    fn suggestions(&self, k: PartKind) -> Vec<usize> {
        if self.read_only() {
            // Suggestions are no part of an agreed contract.
            return Vec::new();
        }
        self.contract
            .pending
            .iter()
            .enumerate()
            .filter(|(_, s)| s.part == k)
            .map(|(i, _)| i)
            .collect()
    }

    fn items(&self, tab: usize) -> Vec<Item> {
        let Some(k) = Self::part_kind(tab) else {
            return vec![
                Item::Doel,
                Item::Nodig,
                Item::Zelf,
                Item::View,
                Item::NextEvaluation,
            ];
        };
        let mut v = vec![Item::Goal];
        if let Some(p) = self.contract.part(k) {
            v.extend((0..p.agreements.len()).map(Item::Agreement));
            v.push(Item::Support);
            if p.agreements.is_empty() || !p.empty_reason.trim().is_empty() {
                v.push(Item::Reason);
            }
        }
        v.extend(self.suggestions(k).into_iter().map(Item::Suggestion));
        v
    }

    fn clamp(&mut self, tab: usize) {
        let n = self.items(tab).len();
        if let Some(c) = self.cursor.get_mut(tab) {
            *c = (*c).min(n.saturating_sub(1));
        }
    }

    pub fn current_item(&self) -> Option<Item> {
        let c = self.cursor.get(self.tab).copied().unwrap_or(0);
        self.items(self.tab).get(c).copied()
    }

    fn focus_item(&mut self, item: Item) {
        if let Some(i) = self.items(self.tab).iter().position(|x| *x == item) {
            if let Some(c) = self.cursor.get_mut(self.tab) {
                *c = i;
            }
        }
    }

    // ---------------------------------------------------------------- keys

    pub fn bindings(&self) -> Vec<Binding> {
        match &self.dialog {
            Some(Dialog::Text(_)) => return TextEditor::bindings(),
            Some(Dialog::Agreement(ed)) => return ed.bindings(),
            Some(Dialog::Line(d)) => return d.bindings(),
            Some(Dialog::Question(_)) => return question_bindings(),
            Some(Dialog::Versions(_)) => {
                return vec![
                    Binding::new("Enter", Action::Open, S::Open).key(KeyCode::Enter),
                    Binding::new("Up/Down", Action::Down, S::MoveInList)
                        .key(KeyCode::Down)
                        .help_only(),
                    Binding::new("Up", Action::Up, S::MoveInList)
                        .key(KeyCode::Up)
                        .hidden(),
                    Binding::new("Esc", Action::Back, S::Back).key(KeyCode::Esc),
                ]
            }
            None => {}
        }
        let ro = self.read_only();
        // Editing keys stay bound when read-only, to say why nothing happens.
        let edit = |b: Binding| if ro { b.hidden() } else { b };
        let part_tab = Self::part_kind(self.tab).is_some();
        let mut b = Vec::new();
        match self.current_item() {
            Some(Item::Suggestion(_)) => {
                b.push(edit(
                    Binding::new("Enter", Action::AcceptSuggestion, S::AcceptSuggestion)
                        .key(KeyCode::Enter),
                ));
                b.push(edit(
                    Binding::new("F4", Action::EditSuggestion, S::EditSuggestion)
                        .key(KeyCode::F(4)),
                ));
                b.push(edit(
                    Binding::new("Del", Action::DropSuggestion, S::DropSuggestion)
                        .key(KeyCode::Delete),
                ));
            }
            Some(Item::Agreement(_)) => {
                b.push(edit(
                    Binding::new("Enter", Action::EditItem, S::EditItem).key(KeyCode::Enter),
                ));
                b.push(edit(
                    Binding::new("F2", Action::AddAgreement, S::AddAgreement)
                        .key(KeyCode::F(2))
                        .key(KeyCode::Insert),
                ));
                b.push(edit(
                    Binding::new("Del", Action::DeleteItem, S::DeleteAgreement)
                        .key(KeyCode::Delete),
                ));
            }
            Some(_) => {
                b.push(edit(
                    Binding::new("Enter", Action::EditItem, S::EditItem).key(KeyCode::Enter),
                ));
                if part_tab {
                    b.push(edit(
                        Binding::new("F2", Action::AddAgreement, S::AddAgreement)
                            .key(KeyCode::F(2))
                            .key(KeyCode::Insert),
                    ));
                }
            }
            None => {}
        }
        if self.contract.status == ContractStatus::Concept {
            b.push(edit(
                Binding::new("F10", Action::AgreeContract, S::AgreeContract).key(KeyCode::F(10)),
            ));
        } else if !self.locked && !self.old {
            b.push(
                Binding::new("F9", Action::NewContractVersion, S::NewContractVersion)
                    .key(KeyCode::F(9)),
            );
        }
        if ro {
            b.push(
                Binding::new("F10", Action::AgreeContract, S::AgreeContract)
                    .key(KeyCode::F(10))
                    .hidden(),
            );
        }
        b.push(
            Binding::new("Tab", Action::NextTab, S::TabSwitch)
                .key(KeyCode::Tab)
                .key(KeyCode::Right),
        );
        b.push(
            Binding::new("Shift+Tab", Action::PrevTab, S::TabSwitch)
                .key(KeyCode::BackTab)
                .key(KeyCode::Left)
                .help_only(),
        );
        b.push(
            Binding::new("1-4", Action::Pick(0), S::TabSwitch)
                .digits()
                .help_only(),
        );
        b.push(Binding::new("F6", Action::SavePdf, S::SavePdf).key(KeyCode::F(6)));
        if let Some(Item::Agreement(_)) = self.current_item() {
            b.push(edit(
                Binding::new("Space", Action::CycleStatus, S::CycleStatus).ch(' '),
            ));
            b.push(edit(
                Binding::new("F7", Action::MoveItemUp, S::MoveAgreement)
                    .key(KeyCode::F(7))
                    .alt(KeyCode::Up),
            ));
            b.push(edit(
                Binding::new("F8", Action::MoveItemDown, S::MoveAgreement)
                    .key(KeyCode::F(8))
                    .alt(KeyCode::Down),
            ));
            b.push(edit(
                Binding::new("Alt+Up/Down", Action::MoveItemUp, S::MoveAgreement).help_only(),
            ));
        }
        b.push(Binding::new("F3", Action::ContractVersions, S::Versions).key(KeyCode::F(3)));
        b.push(
            Binding::new("Up/Down", Action::Down, S::MoveInList)
                .key(KeyCode::Down)
                .help_only(),
        );
        b.push(
            Binding::new("Up", Action::Up, S::MoveInList)
                .key(KeyCode::Up)
                .hidden(),
        );
        b.push(Binding::new("Esc", Action::Back, S::Back).key(KeyCode::Esc));
        b.push(Binding::new("?", Action::Help, S::Help).ch('?').hidden());
        b
    }

    /// A key that is no binding: typing in the open editor.
    pub fn input(&mut self, key: &KeyEvent) {
        let changed = match &mut self.dialog {
            Some(Dialog::Text(ed)) => ed.input(key, &mut self.contract),
            Some(Dialog::Agreement(ed)) => {
                let changed = ed.input(key);
                if changed {
                    ed.problem = None;
                    if ed.field == Field::Due {
                        ed.due_error = None;
                    }
                    apply(ed, &mut self.contract);
                }
                changed
            }
            Some(Dialog::Line(d)) => {
                if d.edit.input(key) {
                    d.problem = None;
                }
                false
            }
            _ => false,
        };
        if changed {
            self.dirty = true;
        }
    }

    pub fn act(&mut self, action: Action, env: &mut Env<'_>, now: Instant) -> Outcome {
        if self.dialog.is_some() {
            return self.dialog_action(action, env, now);
        }
        let editing = matches!(
            action,
            Action::EditItem
                | Action::AddAgreement
                | Action::DeleteItem
                | Action::CycleStatus
                | Action::MoveItemUp
                | Action::MoveItemDown
                | Action::AcceptSuggestion
                | Action::EditSuggestion
                | Action::DropSuggestion
                | Action::AgreeContract
        );
        if editing && self.read_only() {
            return Outcome::Status(self.read_only_message(env.lang).to_string(), true);
        }
        let lang = env.lang;
        let item = self.current_item();
        let kind = Self::part_kind(self.tab);
        match action {
            Action::Back => {
                if self.old {
                    return self.reopen_latest(env);
                }
                self.save_now(env.store, now, lang);
                if let Some(e) = &self.save_error {
                    // Stay: what was typed is only on screen.
                    return Outcome::Status(e.clone(), true);
                }
                return Outcome::Back;
            }
            Action::NextTab => self.tab = (self.tab + 1) % 4,
            Action::PrevTab => self.tab = (self.tab + 3) % 4,
            Action::Pick(n) if (1..=4).contains(&n) => self.tab = usize::from(n) - 1,
            Action::Up => {
                if let Some(c) = self.cursor.get_mut(self.tab) {
                    *c = c.saturating_sub(1);
                }
            }
            Action::Down => {
                let n = self.items(self.tab).len();
                if let Some(c) = self.cursor.get_mut(self.tab) {
                    if *c + 1 < n {
                        *c += 1;
                    }
                }
            }
            Action::EditItem => self.edit(item, env),
            Action::AddAgreement => {
                if let Some(k) = kind {
                    if let Some(p) = part_mut(&mut self.contract, k) {
                        let a = Agreement {
                            what: String::new(),
                            who: "inwoner".to_string(),
                            due: None,
                            status: AgreementStatus::Open,
                            note: String::new(),
                            source: None,
                        };
                        p.agreements.push(a.clone());
                        let index = p.agreements.len() - 1;
                        self.focus_item(Item::Agreement(index));
                        self.dialog = Some(Dialog::Agreement(Box::new(AgreementEditor::new(
                            k,
                            index,
                            &a,
                            Origin::New,
                            self.input_style,
                        ))));
                    }
                }
            }
            Action::DeleteItem => {
                if let (Some(k), Some(Item::Agreement(i))) = (kind, item) {
                    self.dialog = Some(Dialog::Question(Question::Delete(k, i)));
                }
            }
            Action::CycleStatus => {
                if let (Some(k), Some(Item::Agreement(i))) = (kind, item) {
                    if let Some(a) =
                        part_mut(&mut self.contract, k).and_then(|p| p.agreements.get_mut(i))
                    {
                        a.status = super::contract_edit::next_status(a.status, true);
                        self.dirty = true;
                    }
                }
            }
            Action::MoveItemUp | Action::MoveItemDown => {
                if let (Some(k), Some(Item::Agreement(i))) = (kind, item) {
                    let up = action == Action::MoveItemUp;
                    if let Some(p) = part_mut(&mut self.contract, k) {
                        let j = if up { i.checked_sub(1) } else { Some(i + 1) };
                        if let Some(j) = j.filter(|j| *j < p.agreements.len()) {
                            p.agreements.swap(i, j);
                            self.dirty = true;
                            self.focus_item(Item::Agreement(j));
                        }
                    }
                }
            }
            Action::AcceptSuggestion => {
                if let Some(Item::Suggestion(i)) = item {
                    if self.contract.accept_suggestion(i) {
                        self.dirty = true;
                        self.after_suggestion(i);
                        return Outcome::Status(tr(lang, S::SuggestionAccepted).to_string(), false);
                    }
                }
            }
            Action::DropSuggestion => {
                if let Some(Item::Suggestion(i)) = item {
                    if self.contract.drop_suggestion(i) {
                        self.dirty = true;
                        self.after_suggestion(i);
                        return Outcome::Status(tr(lang, S::SuggestionDropped).to_string(), false);
                    }
                }
            }
            Action::EditSuggestion => {
                if let Some(Item::Suggestion(i)) = item {
                    let part = self.contract.pending.get(i).map(|s| s.part);
                    if let Some(k) = part {
                        if self.contract.accept_suggestion(i) {
                            self.dirty = true;
                            let p = self.contract.part(k);
                            let index = p.map_or(0, |p| p.agreements.len().saturating_sub(1));
                            if let Some(a) = p.and_then(|p| p.agreements.get(index)).cloned() {
                                self.focus_item(Item::Agreement(index));
                                self.dialog =
                                    Some(Dialog::Agreement(Box::new(AgreementEditor::new(
                                        k,
                                        index,
                                        &a,
                                        Origin::Suggestion,
                                        self.input_style,
                                    ))));
                            }
                        }
                    }
                }
            }
            Action::AgreeContract => return self.check_agree(lang),
            Action::NewContractVersion => return self.new_version(env),
            Action::SavePdf => {
                let folder = self.folder.clone().unwrap_or_else(|| {
                    export::documents_dir()
                        .map(|p| p.display().to_string())
                        .unwrap_or_default()
                });
                self.dialog = Some(Dialog::Line(LineDialog::new(LineKind::PdfFolder, &folder)));
            }
            Action::ContractVersions => match service::contract::versions(env.store, self.client) {
                Ok(rows) => {
                    let selected = rows.iter().position(|r| r.id == self.id).unwrap_or(0);
                    self.dialog = Some(Dialog::Versions(VersionList { rows, selected }));
                }
                Err(e) => return Outcome::Status(e.to_string(), true),
            },
            _ => {}
        }
        Outcome::None
    }

    /// After a suggestion left the list: the cursor on the next one of this part, or on
    /// the last line.
    fn after_suggestion(&mut self, removed: usize) {
        let items = self.items(self.tab);
        let next = items
            .iter()
            .position(|x| matches!(x, Item::Suggestion(j) if *j >= removed))
            .unwrap_or(items.len().saturating_sub(1));
        if let Some(c) = self.cursor.get_mut(self.tab) {
            *c = next;
        }
    }

    fn edit(&mut self, item: Option<Item>, env: &Env<'_>) {
        let kind = Self::part_kind(self.tab);
        let target = match (item, kind) {
            (Some(Item::Goal), Some(k)) => TextTarget::Goal(k),
            (Some(Item::Support), Some(k)) => TextTarget::Support(k),
            (Some(Item::Reason), Some(k)) => TextTarget::EmptyReason(k),
            (Some(Item::Doel), _) => TextTarget::Doel,
            (Some(Item::Nodig), _) => TextTarget::Nodig,
            (Some(Item::Zelf), _) => TextTarget::Zelf,
            (Some(Item::View), _) => TextTarget::View,
            (Some(Item::NextEvaluation), _) => {
                self.dialog = Some(Dialog::Line(LineDialog::new(
                    LineKind::NextEvaluation,
                    &format_date(self.contract.next_evaluation),
                )));
                return;
            }
            (Some(Item::Agreement(i)), Some(k)) => {
                if let Some(a) = self.contract.part(k).and_then(|p| p.agreements.get(i)) {
                    self.dialog = Some(Dialog::Agreement(Box::new(AgreementEditor::new(
                        k,
                        i,
                        a,
                        Origin::Existing,
                        env.input_style,
                    ))));
                }
                return;
            }
            _ => return,
        };
        self.dialog = Some(Dialog::Text(Box::new(TextEditor::new(
            target,
            &self.contract,
            env.input_style,
        ))));
    }

    fn dialog_action(&mut self, action: Action, env: &mut Env<'_>, now: Instant) -> Outcome {
        let lang = env.lang;
        let Some(dialog) = self.dialog.as_mut() else {
            return Outcome::None;
        };
        match dialog {
            Dialog::Text(ed) => {
                if action == Action::Confirm {
                    let text = ed.text();
                    let trimmed = text.trim();
                    if trimmed != text {
                        ed.target.set(&mut self.contract, trimmed.to_string());
                        self.dirty = true;
                    }
                    self.dialog = None;
                    self.clamp(self.tab);
                }
            }
            Dialog::Agreement(ed) => match action {
                Action::Confirm => {
                    if !ed.check_due(lang) {
                        ed.focus(Field::Due);
                        return Outcome::None;
                    }
                    let (k, i, origin) = (ed.part, ed.index, ed.origin);
                    if ed.untouched() && origin == Origin::New {
                        if let Some(p) = part_mut(&mut self.contract, k) {
                            if i < p.agreements.len() {
                                p.agreements.remove(i);
                            }
                        }
                        self.dialog = None;
                        self.clamp(self.tab);
                        return Outcome::None;
                    }
                    if ed.what_is_empty() {
                        ed.problem = Some(S::WhatNeeded);
                        ed.focus(Field::What);
                        return Outcome::None;
                    }
                    self.dialog = None;
                    if origin == Origin::Suggestion {
                        return Outcome::Status(tr(lang, S::SuggestionAccepted).to_string(), false);
                    }
                }
                Action::NextField | Action::EnterNext => ed.step(true, lang),
                Action::PrevField => ed.step(false, lang),
                Action::Toggle | Action::Right | Action::Left
                    if ed.cycle(action != Action::Left) =>
                {
                    apply(ed, &mut self.contract);
                    self.dirty = true;
                }
                _ => {}
            },
            Dialog::Line(d) => match action {
                Action::Cancel => self.dialog = None,
                Action::Confirm => match d.kind {
                    LineKind::NextEvaluation => {
                        let start = self.contract.date;
                        let latest = start.checked_add_months(Months::new(12)).unwrap_or(start);
                        match parse_date(&d.edit.text()) {
                            Ok(date) if date > start && date <= latest => {
                                self.contract.next_evaluation = date;
                                self.dirty = true;
                                self.dialog = None;
                            }
                            Ok(_) => {
                                d.problem = Some(tr(lang, S::EvaluationRange).to_string());
                            }
                            Err(e) => {
                                d.problem =
                                    Some(super::strings::date_problem(lang, &e.to_string()));
                            }
                        }
                    }
                    LineKind::PdfFolder => {
                        let folder = d.edit.text().trim().to_string();
                        if folder.is_empty() {
                            d.problem = Some(tr(lang, S::FolderNeeded).to_string());
                            return Outcome::None;
                        }
                        match self.write_pdf(env, &folder) {
                            Ok(path) => {
                                self.folder = Some(folder);
                                self.dialog = None;
                                return Outcome::Status(
                                    pdf_saved(lang, &path.display().to_string()),
                                    false,
                                );
                            }
                            Err(msg) => {
                                if let Some(Dialog::Line(d)) = self.dialog.as_mut() {
                                    d.problem = Some(msg.clone());
                                }
                                return Outcome::Status(msg, true);
                            }
                        }
                    }
                },
                _ => {}
            },
            Dialog::Question(q) => {
                let q = *q;
                match action {
                    Action::No => self.dialog = None,
                    Action::Yes => {
                        self.dialog = None;
                        match q {
                            Question::Agree => return self.agree(env, now),
                            Question::Delete(k, i) => {
                                if let Some(p) = part_mut(&mut self.contract, k) {
                                    if i < p.agreements.len() {
                                        p.agreements.remove(i);
                                        self.dirty = true;
                                    }
                                }
                                self.clamp(self.tab);
                                return Outcome::Status(
                                    tr(lang, S::AgreementDeleted).to_string(),
                                    false,
                                );
                            }
                        }
                    }
                    _ => {}
                }
            }
            Dialog::Versions(list) => match action {
                Action::Back => self.dialog = None,
                Action::Up => list.selected = list.selected.saturating_sub(1),
                Action::Down if list.selected + 1 < list.rows.len() => list.selected += 1,
                Action::Open => {
                    let latest = list.rows.first().map(|r| r.id);
                    let Some(row) = list.rows.get(list.selected).cloned() else {
                        return Outcome::None;
                    };
                    if row.id == self.id {
                        self.dialog = None;
                        return Outcome::None;
                    }
                    // Whatever was typed in the concept is written before leaving it.
                    self.save_now(env.store, now, lang);
                    if let Some(e) = &self.save_error {
                        return Outcome::Status(e.clone(), true);
                    }
                    let old = latest != Some(row.id);
                    self.load(row, old);
                    self.tab = 0;
                }
                _ => {}
            },
        }
        Outcome::None
    }

    fn reopen_latest(&mut self, env: &mut Env<'_>) -> Outcome {
        match service::contract::latest(env.store, self.client) {
            Ok(Some(s)) => {
                self.load(s, false);
                Outcome::None
            }
            Ok(None) => Outcome::Back,
            Err(e) => Outcome::Status(e.to_string(), true),
        }
    }

    /// Vaststellen, step one: every part has agreements or a reason, every agreement a
    /// description; then the question.
    fn check_agree(&mut self, lang: Lang) -> Outcome {
        let tab_of = |k: PartKind| PartKind::ALL.iter().position(|p| *p == k).unwrap_or(0);
        match service::contract::ready_to_agree(&self.contract) {
            Err(NotReady::EmptyPart(k)) => {
                self.tab = tab_of(k);
                self.focus_item(Item::Reason);
                let name = tr(lang, self.tab_title(self.tab));
                return Outcome::Status(empty_part_blocked(lang, name), true);
            }
            Err(NotReady::EmptyAgreement(k, i)) => {
                self.tab = tab_of(k);
                self.focus_item(Item::Agreement(i));
                return Outcome::Status(tr(lang, S::EmptyWhat).to_string(), true);
            }
            Ok(()) => {}
        }
        self.dialog = Some(Dialog::Question(Question::Agree));
        Outcome::None
    }

    /// Vaststellen: write the concept, render the document as agreed today, keep it with
    /// its hash; the version is read-only from then on.
    fn agree(&mut self, env: &mut Env<'_>, now: Instant) -> Outcome {
        let lang = env.lang;
        self.save_now(env.store, now, lang);
        if let Some(e) = &self.save_error {
            return Outcome::Status(e.clone(), true);
        }
        let hash = match service::contract::agree(
            env.store,
            env.forms,
            self.id,
            &self.contract,
            env.today,
            Document::Pdf,
        ) {
            Ok(h) => h,
            Err(e) => return Outcome::Status(e.to_string(), true),
        };
        match service::contract::by_id(env.store, self.id) {
            Ok(s) => self.load(s, false),
            Err(e) => return Outcome::Status(e.to_string(), true),
        }
        Outcome::Status(contract_agreed(lang, &format_date(env.today), &hash), false)
    }

    /// A new concept from the agreed version: its parts and agreements carried over, the
    /// ladder and suggestions from the latest conversation.
    fn new_version(&mut self, env: &mut Env<'_>) -> Outcome {
        if self.read_only() && (self.locked || self.old) {
            return Outcome::Status(self.read_only_message(env.lang).to_string(), true);
        }
        if self.contract.status != ContractStatus::Vastgesteld {
            return Outcome::None;
        }
        let stored = match service::contract::new_version(
            env.store,
            env.forms,
            self.client,
            env.today,
            false,
        ) {
            Ok(s) => s,
            Err(e) => return Outcome::Status(e.to_string(), true),
        };
        let version = stored.contract.version;
        self.load(stored, false);
        Outcome::Status(version_started(env.lang, version), false)
    }

    /// The PDF in `folder` under the spec's file name: for an agreed version the exact
    /// document that was kept, for a concept one rendered now.
    fn write_pdf(&self, env: &Env<'_>, folder: &str) -> Result<PathBuf, String> {
        let name = export::file_name(&self.contract, &self.surname, "pdf");
        let path = PathBuf::from(folder).join(name);
        service::export::contract_pdf(env.store, env.forms, self.id, &self.contract, &path)
            .map_err(|e| e.to_string())?;
        Ok(path)
    }

    // ---------------------------------------------------------------- autosave

    /// Write the concept when it changed (a refused write keeps it in memory and marked).
    pub fn save_now(&mut self, store: &mut Store, now: Instant, lang: Lang) {
        if !self.dirty || self.read_only() {
            return;
        }
        self.last_attempt = Some(now);
        match service::contract::save(store, self.client, self.id, &self.contract) {
            Ok(_) => {
                self.dirty = false;
                self.save_error = None;
            }
            Err(e) => self.save_error = Some(draft_save_failed(lang, &e.to_string())),
        }
    }

    /// A write is due: changed, and the last one at least a second ago.
    pub fn save_due(&self, now: Instant) -> bool {
        self.dirty
            && self
                .last_attempt
                .is_none_or(|t| now.saturating_duration_since(t) >= SAVE_EVERY)
    }

    pub fn poll_timeout(&self, now: Instant) -> Option<Duration> {
        if !self.dirty {
            return None;
        }
        let wait = self.last_attempt.map_or(Duration::ZERO, |t| {
            SAVE_EVERY.saturating_sub(now.saturating_duration_since(t))
        });
        Some(wait.max(Duration::from_millis(250)))
    }

    /// Before the program ends: a new agreement left untouched is not kept, the rest is
    /// written at once.
    pub fn shutdown(&mut self, store: &mut Store, lang: Lang) {
        if let Some(Dialog::Agreement(ed)) = &self.dialog {
            if ed.origin == Origin::New && ed.untouched() {
                let (k, i) = (ed.part, ed.index);
                if let Some(p) = part_mut(&mut self.contract, k) {
                    if i < p.agreements.len() {
                        p.agreements.remove(i);
                    }
                }
            }
        }
        self.save_now(store, Instant::now(), lang);
    }

    // ---------------------------------------------------------------- drawing

    pub fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx<'_>) {
        let ro = self.read_only();
        let [tabs, banner, body] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(u16::from(ro)),
            Constraint::Min(1),
        ])
        .areas(area);
        self.render_tabs(f, tabs, ctx);
        if ro {
            f.render_widget(
                Paragraph::new(Line::styled(
                    truncate(
                        self.read_only_message(ctx.lang),
                        banner.width as usize,
                        &ctx.theme,
                    ),
                    ctx.theme.warn(),
                )),
                banner,
            );
        }
        match Self::part_kind(self.tab) {
            Some(k) => self.render_part(f, body, k, ctx),
            None => self.render_views(f, body, ctx),
        }
        match &self.dialog {
            Some(Dialog::Text(ed)) => ed.render(f, area, ctx),
            Some(Dialog::Agreement(ed)) => ed.render(f, area, ctx),
            Some(Dialog::Line(d)) => d.render(f, area, ctx),
            Some(Dialog::Question(q)) => self.render_question(f, area, *q, ctx),
            Some(Dialog::Versions(list)) => self.render_versions(f, area, list, ctx),
            None => {}
        }
    }

    fn render_tabs(&self, f: &mut Frame, area: Rect, ctx: &Ctx<'_>) {
        let theme = &ctx.theme;
        let mut spans = Vec::new();
        let mut used = 0;
        for tab in 0..4 {
            let text = format!(" {} {} ", tab + 1, tr(ctx.lang, self.tab_title(tab)));
            used += width(&text) + 1;
            let style = if tab == self.tab {
                theme.selected().patch(theme.title())
            } else {
                theme.normal()
            };
            spans.push(Span::styled(text, style));
            spans.push(Span::raw(" "));
        }
        let pending = self.suggestions_total();
        if pending > 0 && !self.read_only() {
            let note = format!("{}: {pending}", tr(ctx.lang, S::SuggestionsTitle));
            let w = area.width as usize;
            if used + width(&note) < w {
                spans.push(Span::raw(" ".repeat(w - used - width(&note))));
                spans.push(Span::styled(note, theme.warn()));
            }
        }
        f.render_widget(Paragraph::new(Line::from(spans)), area);
    }

    fn suggestions_total(&self) -> usize {
        self.contract.pending.len()
    }

    fn part_title(&self, k: PartKind, ctx: &Ctx<'_>) -> String {
        let t = ctx.forms.contract_texts.on(self.contract.date);
        let title = match k {
            PartKind::Sociaal => &t.title_sociaal,
            PartKind::Arbeidsfit => &t.title_arbeidsfit,
            PartKind::Werk if self.contract.work_is_paid() => &t.title_werk_betaald,
            PartKind::Werk => &t.title_werk_onbetaald,
        };
        if title.trim().is_empty() || ctx.lang == Lang::En {
            tr(ctx.lang, self.tab_title(self.tab)).to_string()
        } else {
            title.trim().to_string()
        }
    }

    fn selected_line<'a>(&self, item: Item, text: String, style: Style, ctx: &Ctx<'_>) -> Line<'a> {
        let current = self.current_item() == Some(item) && self.dialog.is_none();
        let theme = &ctx.theme;
        if current {
            Line::from(vec![
                Span::styled(format!("{} ", theme.sym(Sym::Pointer)), theme.focus()),
                Span::styled(text, style.patch(theme.selected())),
            ])
        } else {
            Line::from(vec![Span::raw("  "), Span::styled(text, style)])
        }
    }

    fn render_part(&self, f: &mut Frame, area: Rect, k: PartKind, ctx: &Ctx<'_>) {
        let theme = &ctx.theme;
        let lang = ctx.lang;
        let sugg = self.suggestions(k);
        let max_rows = if area.height >= 30 { 6 } else { 3 };
        let sugg_h = if sugg.is_empty() {
            0
        } else {
            sugg.len().min(max_rows) as u16 + 2
        };
        let [part_area, sugg_area] =
            Layout::vertical([Constraint::Min(6), Constraint::Length(sugg_h)]).areas(area);
        let block = Block::bordered()
            .border_set(theme.border())
            .title(Span::styled(
                format!(" {} ", self.part_title(k, ctx)),
                theme.title(),
            ));
        let inner = block.inner(part_area);
        f.render_widget(block, part_area);
        let Some(part) = self.contract.part(k) else {
            return;
        };
        // Everything but the pointer column.
        let w = (inner.width as usize).saturating_sub(2);
        let label_w = 12;
        let field_w = w.saturating_sub(label_w);
        let label = |s: S| pad(tr(lang, s), label_w);
        let dash = &plain(tr(lang, S::NotFilled), theme);

        let mut top: Vec<Line> = Vec::new();
        let goal = if part.goal.trim().is_empty() {
            (tr(lang, S::NoGoal).to_string(), theme.dim())
        } else {
            (plain(&part.goal.replace('\n', " "), theme), theme.normal())
        };
        top.push(self.selected_line(
            Item::Goal,
            format!(
                "{}{}",
                label(S::GoalLabel),
                truncate(&goal.0, field_w, theme)
            ),
            goal.1,
            ctx,
        ));
        top.push(Line::raw(""));

        // Columns: what, who, by when, status, and at wide screens the evaluation note.
        let who_w = 18;
        let due_w = 10;
        let status_w = 11;
        let wide = w >= 100;
        let note_w = if wide { (w / 4).min(36) } else { 0 };
        let fixed = who_w + due_w + status_w + 3 + if wide { note_w + 1 } else { 0 };
        let what_w = w.saturating_sub(fixed).max(8);
        let row = |what: &str, who: &str, due: &str, status: &str, note: &str| {
            let mut s = format!(
                "{} {} {} {}",
                pad(&truncate(what, what_w, theme), what_w),
                pad(&truncate(who, who_w, theme), who_w),
                pad(due, due_w),
                pad(status, status_w)
            );
            if wide {
                s.push(' ');
                s.push_str(&pad(&truncate(note, note_w, theme), note_w));
            }
            s
        };
        top.push(Line::styled(
            format!(
                "  {}",
                row(
                    tr(lang, S::ColWhat),
                    tr(lang, S::ColWho),
                    tr(lang, S::ColDue),
                    tr(lang, S::ColStatus),
                    tr(lang, S::ColNote)
                )
            ),
            theme.dim(),
        ));

        let mut bottom: Vec<Line> = vec![Line::raw("")];
        let support = if part.support.trim().is_empty() {
            (dash.to_string(), theme.dim())
        } else {
            (
                plain(&part.support.replace('\n', " "), theme),
                theme.normal(),
            )
        };
        bottom.push(self.selected_line(
            Item::Support,
            format!(
                "{}{}",
                label(S::SupportLabel),
                truncate(&support.0, field_w, theme)
            ),
            support.1,
            ctx,
        ));
        if part.agreements.is_empty() || !part.empty_reason.trim().is_empty() {
            let reason = if part.empty_reason.trim().is_empty() {
                (tr(lang, S::ReasonMissing).to_string(), theme.warn())
            } else {
                (
                    plain(&part.empty_reason.replace('\n', " "), theme),
                    theme.normal(),
                )
            };
            bottom.push(self.selected_line(
                Item::Reason,
                format!(
                    "{}{}",
                    label(S::EmptyReasonLabel),
                    truncate(&reason.0, field_w, theme)
                ),
                reason.1,
                ctx,
            ));
        }

        // The agreement rows get what is left, scrolled to keep the cursor in view.
        let room = (inner.height as usize).saturating_sub(top.len() + bottom.len());
        let mut rows: Vec<Line> = Vec::new();
        if part.agreements.is_empty() {
            rows.push(Line::styled(
                format!("  {}", tr(lang, S::NoAgreements)),
                theme.dim(),
            ));
        } else {
            let selected = match self.current_item() {
                Some(Item::Agreement(i)) => Some(i),
                _ => None,
            };
            let detail = selected
                .and_then(|i| part.agreements.get(i))
                .filter(|a| !wide && !a.note.trim().is_empty());
            let shown = room.saturating_sub(usize::from(detail.is_some())).max(1);
            let first = match selected {
                Some(i) if i >= shown => i + 1 - shown,
                _ => 0,
            };
            for (i, a) in part.agreements.iter().enumerate().skip(first).take(shown) {
                let due = a.due.map(format_date).unwrap_or_else(|| dash.to_string());
                let what = if a.what.trim().is_empty() {
                    dash.to_string()
                } else {
                    plain(&a.what, theme)
                };
                let text = row(
                    &what,
                    &plain(&a.who, theme),
                    &due,
                    status_label(lang, a.status),
                    &plain(&a.note.replace('\n', " "), theme),
                );
                rows.push(self.selected_line(Item::Agreement(i), text, theme.normal(), ctx));
                if Some(i) == selected {
                    if let Some(a) = detail {
                        let note = format!(
                            "    {}: {}",
                            tr(lang, S::ColNote),
                            plain(&a.note.replace('\n', " "), theme)
                        );
                        rows.push(Line::styled(truncate(&note, w + 2, theme), theme.dim()));
                    }
                }
            }
        }
        let mut lines = top;
        lines.extend(rows.into_iter().take(room.max(1)));
        while lines.len() + bottom.len() < inner.height as usize {
            lines.push(Line::raw(""));
        }
        lines.extend(bottom);
        f.render_widget(Paragraph::new(lines), inner);

        if sugg_h > 0 {
            self.render_suggestions(f, sugg_area, &sugg, ctx);
        }
    }

    fn render_suggestions(&self, f: &mut Frame, area: Rect, sugg: &[usize], ctx: &Ctx<'_>) {
        let theme = &ctx.theme;
        let block = Block::bordered()
            .border_set(theme.border())
            .title(Span::styled(
                format!(" {} ({}) ", tr(ctx.lang, S::SuggestionsTitle), sugg.len()),
                theme.warn(),
            ));
        let inner = block.inner(area);
        f.render_widget(block, area);
        let rows = inner.height as usize;
        let selected = sugg
            .iter()
            .position(|i| self.current_item() == Some(Item::Suggestion(*i)));
        let first = match selected {
            Some(s) if s >= rows => s + 1 - rows,
            _ => 0,
        };
        let w = (inner.width as usize).saturating_sub(2);
        let dash = &plain(tr(ctx.lang, S::NotFilled), theme);
        let mut lines = Vec::new();
        for i in sugg.iter().skip(first).take(rows) {
            let Some(s) = self.contract.pending.get(*i) else {
                continue;
            };
            let a = &s.agreement;
            let due = a.due.map(format_date).unwrap_or_else(|| dash.to_string());
            let tail = format!("  {} {} {due}", plain(&a.who, theme), theme.sym(Sym::Dot));
            let what_w = w.saturating_sub(width(&tail));
            let what = plain(&a.what, theme);
            let text = format!("{}{tail}", pad(&truncate(&what, what_w, theme), what_w));
            lines.push(self.selected_line(Item::Suggestion(*i), text, theme.normal(), ctx));
        }
        f.render_widget(Paragraph::new(lines), inner);
    }

    fn render_views(&self, f: &mut Frame, area: Rect, ctx: &Ctx<'_>) {
        let theme = &ctx.theme;
        let lang = ctx.lang;
        let [top, ladder_area] =
            Layout::vertical([Constraint::Min(6), Constraint::Length(6)]).areas(area);
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(top);
        let a = &self.contract.analysis;
        let dash = &plain(tr(lang, S::NotFilled), theme);

        let block = Block::bordered()
            .border_set(theme.border())
            .title(Span::styled(
                format!(" {} ", tr(lang, S::AnalysisTitle)),
                theme.title(),
            ));
        let inner = block.inner(left);
        f.render_widget(block, left);
        let w = (inner.width as usize).saturating_sub(2);
        let each = ((inner.height as usize) / 3).saturating_sub(1).max(1);
        let mut lines = Vec::new();
        for (item, label, text) in [
            (Item::Doel, S::AnalysisDoel, &a.doel),
            (Item::Nodig, S::AnalysisNodig, &a.nodig),
            (Item::Zelf, S::AnalysisZelf, &a.zelf),
        ] {
            lines.push(self.selected_line(item, tr(lang, label).to_string(), theme.focus(), ctx));
            lines.extend(text_lines(text, w, each, dash, ctx));
        }
        f.render_widget(Paragraph::new(lines), inner);

        let block = Block::bordered()
            .border_set(theme.border())
            .title(Span::styled(
                format!(" {} ", tr(lang, S::ViewTitle)),
                theme.title(),
            ));
        let inner = block.inner(right);
        f.render_widget(block, right);
        let w = (inner.width as usize).saturating_sub(2);
        let mut lines = vec![self.selected_line(
            Item::View,
            tr(lang, S::ViewLabel).to_string(),
            theme.focus(),
            ctx,
        )];
        let room = (inner.height as usize).saturating_sub(1).max(1);
        lines.extend(text_lines(
            &self.contract.consultant_view,
            w,
            room,
            dash,
            ctx,
        ));
        f.render_widget(Paragraph::new(lines), inner);

        let l = &self.contract.ladder;
        let block = Block::bordered()
            .border_set(theme.border())
            .title(Span::styled(
                format!(" {} ", tr(lang, S::LadderTitle)),
                theme.title(),
            ));
        let inner = block.inner(ladder_area);
        f.render_widget(block, ladder_area);
        let w = (inner.width as usize).saturating_sub(2);
        let explanation = plain(&l.explanation.replace('\n', " "), theme);
        let lines = vec![
            Line::raw(format!(
                "  {}",
                truncate(
                    &plain(&ladder_now(lang, l.current, &l.current_name), theme),
                    w,
                    theme
                )
            )),
            Line::styled(
                format!("  {}", truncate(&explanation, w, theme)),
                theme.dim(),
            ),
            Line::raw(format!(
                "  {}",
                truncate(
                    &plain(
                        &ladder_expected(lang, l.expected, &l.expected_name, l.horizon_months),
                        theme,
                    ),
                    w,
                    theme
                )
            )),
            self.selected_line(
                Item::NextEvaluation,
                format!(
                    "{}: {}",
                    tr(lang, S::NextEvaluationLabel),
                    format_date(self.contract.next_evaluation)
                ),
                theme.normal(),
                ctx,
            ),
        ];
        f.render_widget(Paragraph::new(lines), inner);
    }

    fn render_question(&self, f: &mut Frame, area: Rect, q: Question, ctx: &Ctx<'_>) {
        let lang = ctx.lang;
        match q {
            Question::Agree => {
                let mut lines = vec![
                    agree_question(lang, self.contract.version, &format_date(ctx.today)),
                    tr(lang, S::AgreeWarning).to_string(),
                ];
                if !self.contract.pending.is_empty() {
                    lines.push(pending_left(lang, self.contract.pending.len()));
                }
                render_question(f, area, tr(lang, S::AgreeTitle), &lines, ctx);
            }
            Question::Delete(k, i) => {
                let what = self
                    .contract
                    .part(k)
                    .and_then(|p| p.agreements.get(i))
                    .map(|a| a.what.clone())
                    .unwrap_or_default();
                render_question(f, area, tr(lang, S::DeleteTitle), &[what], ctx);
            }
        }
    }

    fn render_versions(&self, f: &mut Frame, area: Rect, list: &VersionList, ctx: &Ctx<'_>) {
        let theme = &ctx.theme;
        let h = (list.rows.len() as u16 + 2).min(area.height);
        let inner = super::contract_edit::dialog(f, area, tr(ctx.lang, S::VersionsTitle), h, ctx);
        let rows = inner.height as usize;
        let first = if list.selected >= rows {
            list.selected + 1 - rows
        } else {
            0
        };
        let w = (inner.width as usize).saturating_sub(2);
        let mut lines = Vec::new();
        for (i, r) in list.rows.iter().enumerate().skip(first).take(rows) {
            let c = &r.contract;
            let agreed = c.agreed_on.map(format_date);
            let text = version_row(ctx.lang, c.version, agreed.as_deref(), &format_date(c.date));
            let text = truncate(&text, w, theme);
            if i == list.selected {
                lines.push(Line::from(vec![
                    Span::styled(format!("{} ", theme.sym(Sym::Pointer)), theme.focus()),
                    Span::styled(pad(&text, w), theme.selected()),
                ]));
            } else {
                lines.push(Line::raw(format!("  {text}")));
            }
        }
        f.render_widget(Paragraph::new(lines), inner);
    }
}

/// Put what the agreement form holds into the contract.
fn apply(ed: &AgreementEditor, c: &mut Contract) {
    if let Some(a) = part_mut(c, ed.part).and_then(|p| p.agreements.get_mut(ed.index)) {
        *a = ed.agreement(a);
    }
}

/// A long text wrapped to `w`, at most `max` lines (the last one cut with an ellipsis).
fn text_lines<'a>(text: &str, w: usize, max: usize, dash: &str, ctx: &Ctx<'_>) -> Vec<Line<'a>> {
    let theme = &ctx.theme;
    if text.trim().is_empty() {
        return vec![Line::styled(format!("  {dash}"), theme.dim())];
    }
    let wrapped = wrap(&plain(text.trim(), theme), w.max(1));
    let mut out: Vec<Line> = Vec::new();
    for (i, l) in wrapped.iter().enumerate() {
        if i + 1 == max && wrapped.len() > max {
            let ell = theme.sym(Sym::Ellipsis);
            let cut = truncate(l, w.saturating_sub(width(ell)), theme);
            out.push(Line::raw(format!("  {cut}{ell}")));
            break;
        }
        out.push(Line::raw(format!("  {l}")));
    }
    out
}

/// Data as drawn: in ASCII mode the typographic marks of the rule texts become plain ones
/// (letters with accents are letters and stay).
fn plain(s: &str, theme: &Theme) -> String {
    if !theme.ascii {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '…' => out.push_str("..."),
            '€' => out.push_str("EUR"),
            '–' | '—' | '·' | '•' => out.push('-'),
            '‘' | '’' => out.push('\''),
            '“' | '”' | '„' => out.push('"'),
            c if c.is_ascii() || c.is_alphabetic() => out.push(c),
            _ => out.push('?'),
        }
    }
    out
}
