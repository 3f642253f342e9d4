//! The application: which screen is shown, key dispatch, autosave of the intake draft, and
//! drawing the frame (title, screen, status line, generated hint bar, help overlay).

use super::checkin;
use super::contract::{self, ContractScreen};
use super::dossier::Dossier;
use super::followup_strings::{self, F};
use super::intake::{Intake, View};
use super::keymap::{dispatch, render_help, render_hint_bar, Action, Binding};
use super::report::ReportScreen;
use super::same_person::{Likeness, SamePerson};
use super::signals::{signal_title, NoteDialog, SignalsScreen};
use super::start::{Pick, Start};
use super::strings::{draft_save_failed, tr, S};
use super::text::truncate;
use super::theme::{Sym, Theme};
use super::wizard::{self, Outcome};
use super::worklist::Worklist;
use super::{ladder, Ctx};
use crate::domain::date::format_date;
use crate::forms::{FormsInForce, Lang};
use crate::service::{self, ServiceError};
use crate::store::{ClientId, ContactKind, Lock, Store};
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;
use std::time::{Duration, Instant};

/// The smallest terminal the screens are designed for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;
/// At most one draft write per this interval while typing.
pub const AUTOSAVE_EVERY: Duration = Duration::from_secs(1);
/// How often the edit lock's heartbeat is renewed: well within the two minutes after
/// which a colleague may take a silent lock over.
pub const LOCK_REFRESH_EVERY: Duration = Duration::from_secs(60);

/// How the interface looks and what "today" is.
#[derive(Debug, Clone)]
pub struct AppOptions {
    pub lang: Lang,
    pub ascii: bool,
    pub no_color: bool,
    pub today: NaiveDate,
    /// `MEEDOEN_TEST_PANIC=1`: F12 panics, to test the crash path end to end.
    pub test_panic: bool,
}

enum Screen {
    Start(Box<Start>),
    Intake(Box<Intake>),
    Dossier(Box<Dossier>),
    Signals(Box<SignalsScreen>),
    Worklist(Box<Worklist>),
    Report(Box<ReportScreen>),
    Contract(Box<ContractScreen>),
}

mod followup;

pub struct App {
    store: Store,
    /// On a database server: drafts the server could not take wait here.
    spool: Option<crate::store::spool::Spool>,
    forms: FormsInForce,
    opts: AppOptions,
    theme: Theme,
    screen: Screen,
    help: bool,
    /// Message in the status line and whether it is a problem.
    status: Option<(String, bool)>,
    size: (u16, u16),
    quit: bool,
    /// The resident whose edit lock this workstation holds.
    locked: Option<ClientId>,
    /// When that lock's heartbeat was last renewed.
    lock_beat: Option<Instant>,
    /// The dossier shown was opened from the worklist: Esc goes back there.
    worklist_origin: Option<followup::WorklistOrigin>,
    /// The start screen's counts are still to be filled: at the next tick, so that the
    /// frame before it does not wait for them (the event loop gives the very first frame
    /// 40 ms on screen first).
    counts_due: bool,
    /// The database file was found damaged: a banner says what to do and changes to the
    /// record are refused (see `Store::refuse_changes`).
    damaged: bool,
    /// The daily background check, while it runs: `true` when the file is sound.
    daily_check: Option<std::sync::mpsc::Receiver<bool>>,
}

impl App {
    pub fn new(store: Store, forms: impl Into<FormsInForce>, opts: AppOptions) -> App {
        let theme = Theme::new(opts.no_color, opts.ascii);
        let mut app = App {
            store,
            spool: None,
            forms: forms.into(),
            opts,
            theme,
            screen: Screen::Start(Box::default()),
            help: false,
            status: None,
            size: (MIN_WIDTH, MIN_HEIGHT),
            quit: false,
            locked: None,
            lock_beat: None,
            worklist_origin: None,
            counts_due: false,
            damaged: false,
            daily_check: None,
        };
        app.go_start();
        app
    }

    /// The first frame is on screen and the terminal has had a moment to show it: start
    /// parsing the built-in forms on another thread, so they are ready before a screen
    /// needs them. (Started earlier, the thread took the CPU from the first frame.)
    pub fn first_frame_drawn(&mut self) {
        if matches!(self.forms, FormsInForce::Builtin) {
            crate::forms::warm_builtin();
        }
        self.daily_check = super::damage::start_daily_check(&self.store, self.opts.today);
    }

    /// Whether the program has switched to read-only because the file is damaged.
    pub fn is_damaged(&self) -> bool {
        self.damaged
    }

    /// Whether the daily background check is still running (for tests).
    pub fn daily_check_running(&self) -> bool {
        self.daily_check.is_some()
    }

    /// Switch to read-only when a store call met a damaged file or the daily check
    /// found one. Returns true when that happened just now.
    fn watch_damage(&mut self) -> bool {
        let mut found = crate::store::check::take_damage_seen();
        if let Some(rx) = &self.daily_check {
            match rx.try_recv() {
                Ok(sound) => {
                    found |= !sound;
                    self.daily_check = None;
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => {}
                Err(std::sync::mpsc::TryRecvError::Disconnected) => self.daily_check = None,
            }
        }
        if !found || self.damaged {
            return false;
        }
        self.damaged = true;
        self.store.refuse_changes();
        true
    }

    /// The store, for callers (and tests) that check what was saved.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Which screen is shown: `start`, `wizard`, `ladder`, `dossier` or `signals`.
    pub fn screen_name(&self) -> &'static str {
        match &self.screen {
            Screen::Start(_) => "start",
            Screen::Intake(it) if it.view == View::Ladder => "ladder",
            Screen::Intake(it) if it.view == View::Evaluation => "evaluation",
            Screen::Worklist(_) => "worklist",
            Screen::Report(_) => "report",
            Screen::Intake(_) => "wizard",
            Screen::Dossier(_) => "dossier",
            Screen::Signals(_) => "signals",
            Screen::Contract(_) => "contract",
        }
    }

    /// How many rows of the worklist or the signals list were read from the store: a
    /// long list is read a page at a time (for tests and the benchmark).
    pub fn list_rows_loaded(&self) -> Option<usize> {
        match &self.screen {
            Screen::Worklist(w) => Some(w.rows.len()),
            Screen::Signals(s) => Some(s.rows.len()),
            _ => None,
        }
    }

    /// The question the cursor is on, in the wizard or on the ladder screen.
    pub fn focused_question(&self) -> Option<&str> {
        match &self.screen {
            Screen::Intake(it) => it.focus.as_deref(),
            _ => None,
        }
    }

    /// The text in the status line, if any.
    pub fn status_text(&self) -> Option<String> {
        match (&self.screen, &self.status) {
            (Screen::Intake(it), _) if it.save_error.is_some() => it.save_error.clone(),
            (Screen::Contract(c), _) if c.save_error.is_some() => c.save_error.clone(),
            (_, s) => s.as_ref().map(|(m, _)| m.clone()),
        }
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// The terminal size changed; nothing else changes, so resizing back shows the same.
    pub fn set_size(&mut self, width: u16, height: u16) {
        let grew = height > self.size.1;
        self.size = (width, height);
        if grew {
            if let Screen::Start(_) = self.screen {
                self.refresh_start();
            }
        }
    }

    fn too_small(&self) -> bool {
        self.size.0 < MIN_WIDTH || self.size.1 < MIN_HEIGHT
    }

    fn ctx(&self) -> Ctx<'_> {
        Ctx {
            forms: &self.forms,
            lang: self.opts.lang,
            theme: self.theme,
            today: self.opts.today,
        }
    }

    /// A problem found in the background (the daily backup failed): shown in the status
    /// line, nothing else changes.
    pub fn show_problem(&mut self, msg: String) {
        self.set_status(msg, true);
    }

    fn set_status(&mut self, msg: impl Into<String>, problem: bool) {
        self.status = Some((msg.into(), problem));
    }

    /// Use `spool` for drafts the server cannot take, and send on at once what an earlier
    /// run left waiting there (a program that ended while the server was away).
    pub fn set_spool(&mut self, spool: crate::store::spool::Spool) {
        let store = &mut self.store;
        let sent = spool.send_left_behind(|d| {
            let kind = match d.kind.as_str() {
                "checkin" => crate::store::DraftKind::Checkin,
                "contract" => crate::store::DraftKind::Contract,
                _ => crate::store::DraftKind::Intake,
            };
            service::drafts::keep(store, d.draft_id, d.client, kind, &d.label, &d.payload).map(drop)
        });
        if let Some(n) = sent.ok().filter(|n| *n > 0) {
            self.set_status(followup_strings::drafts_sent_on(self.opts.lang, n), false);
        }
        self.spool = Some(spool);
    }

    fn status_s(&mut self, s: S, problem: bool) {
        self.set_status(tr(self.opts.lang, s), problem);
    }

    /// F9 in a dossier: the resident's inzage (AVG art. 15) as a PDF in the documents
    /// folder, named after the resident and the day, to print or hand over.
    fn save_inzage(&mut self, client: ClientId) {
        let lang = self.opts.lang;
        let today = self.opts.today;
        let made = service::inzage::inzage(&mut self.store, &self.forms, client, today)
            .map_err(|e| e.to_string())
            .and_then(|i| {
                let bytes = crate::export::render_inzage_pdf(&i).map_err(|e| e.to_string())?;
                let folder = crate::export::documents_dir()
                    .ok_or_else(|| tr(lang, S::InzageNoFolder).to_string())?;
                let name = crate::export::inzage_file_name(&i, today);
                let path = folder.join(name);
                crate::export::write_atomic(&path, &bytes).map_err(|e| e.to_string())?;
                Ok(path)
            });
        match made {
            Ok(path) => self.set_status(
                format!("{} {}", tr(lang, S::InzageSaved), path.display()),
                false,
            ),
            Err(e) => self.set_status(e, true),
        }
    }

    // ---------------------------------------------------------------- screens

    fn release_lock(&mut self) {
        self.lock_beat = None;
        if let Some(id) = self.locked.take() {
            // Failing to unlock is not worth bothering the user: locks of a closed
            // program expire in the store.
            let _ = service::dossier::close(&mut self.store, id);
        }
    }

    fn body_height(&self) -> u16 {
        let banner = if self.damaged {
            super::damage::BANNER_HEIGHT
        } else {
            0
        };
        self.size.1.saturating_sub(3 + banner)
    }

    fn refresh_start(&mut self) {
        let limit = Start::limit(self.body_height());
        if let Screen::Start(s) = &mut self.screen {
            if let Err(e) = s.refresh(&self.store, limit) {
                self.status = Some((e.to_string(), true));
            }
        }
    }

    /// A keystroke in the search field: only the results are read again.
    fn search_start(&mut self) {
        let limit = Start::limit(self.body_height());
        if let Screen::Start(s) = &mut self.screen {
            if let Err(e) = s.search(&self.store, limit) {
                self.status = Some((e.to_string(), true));
            }
        }
    }

    fn go_start(&mut self) {
        self.release_lock();
        self.worklist_origin = None;
        self.screen = Screen::Start(Box::default());
        self.refresh_start();
        self.counts_due = true;
    }

    fn open_dossier(&mut self, id: ClientId, from_signals: bool) {
        if self.locked != Some(id) {
            self.release_lock();
        }
        match Dossier::open(&mut self.store, id) {
            Ok(mut d) => {
                if d.lock == Lock::Acquired {
                    self.locked = Some(id);
                    self.lock_beat = Some(Instant::now());
                }
                d.from_signals = from_signals;
                self.screen = Screen::Dossier(Box::new(d));
            }
            Err(e) => self.set_status(e.to_string(), true),
        }
    }

    fn open_signals(&mut self) {
        self.release_lock();
        self.worklist_origin = None;
        match SignalsScreen::load(&self.store, self.opts.today, 0) {
            Ok(s) => self.screen = Screen::Signals(Box::new(s)),
            Err(e) => self.set_status(e.to_string(), true),
        }
    }

    fn start_intake(&mut self, mut intake: Intake) {
        intake.input_style = self.theme.input();
        if let Some(f) = intake.focus.clone() {
            intake.enter_field(&self.forms.intake, &f);
        } else {
            let first = intake
                .fields(&self.forms.intake, self.opts.today)
                .first()
                .map(|q| q.id.clone());
            if let Some(f) = first {
                intake.enter_field(&self.forms.intake, &f);
            }
        }
        self.screen = Screen::Intake(Box::new(intake));
    }

    fn continue_draft(&mut self, id: i64, client: Option<ClientId>, payload: &str) {
        match Intake::from_draft(id, client, payload, &self.forms, self.opts.today) {
            Some(it) => self.start_intake(it),
            None => self.status_s(S::DraftUnreadable, true),
        }
    }

    /// F2 in the dossier: continue the waiting draft, or a new conversation prefilled with
    /// what is known (art. 53a: do not ask again what is known).
    fn new_contact(&mut self) {
        let Screen::Dossier(d) = &self.screen else {
            return;
        };
        if d.read_only() {
            return;
        }
        let client = d.resident.id;
        if let Some(draft) = d.draft.clone() {
            self.continue_draft(draft.id, Some(client), &draft.payload);
            return;
        }
        let kind = d.next_kind();
        let prefill = match service::intake::prefill(&self.store, &d.resident) {
            Ok(p) => p,
            Err(e) => {
                self.set_status(e.to_string(), true);
                return;
            }
        };
        let mut intake = Intake::new(Some(client), kind, &self.forms.intake, prefill.answers);
        intake.previous_expectation = prefill.previous_expectation;
        self.start_intake(intake);
    }

    // ---------------------------------------------------------------- keys

    fn global_bindings(&self) -> Vec<Binding> {
        let mut b = vec![
            Binding::new("Ctrl+Q", Action::Quit, S::Quit)
                .ctrl('q')
                .help_only(),
            Binding::new("Ctrl+C", Action::Quit, S::Quit)
                .ctrl('c')
                .hidden(),
            Binding::new("F1", Action::Help, S::Help).key(KeyCode::F(1)),
        ];
        if self.opts.test_panic {
            b.push(
                Binding::new("F12", Action::TestPanic, S::Help)
                    .key(KeyCode::F(12))
                    .hidden(),
            );
        }
        b
    }

    /// The keys offered now: the screen's (or its dialog's), then the global ones.
    pub fn bindings(&self) -> Vec<Binding> {
        let mut b = match &self.screen {
            Screen::Start(s) => s.bindings(),
            Screen::Intake(it) => wizard::bindings(it, &self.forms.intake),
            Screen::Dossier(d) => d.bindings(),
            Screen::Signals(s) => s.bindings(),
            Screen::Worklist(w) => w.bindings(),
            Screen::Report(r) => r.bindings(),
            Screen::Contract(c) => c.bindings(),
        };
        b.extend(self.global_bindings());
        b
    }

    /// Handle one key. Only presses count (Windows also reports releases).
    pub fn handle_key(&mut self, key: KeyEvent) {
        if key.kind != KeyEventKind::Press {
            return;
        }
        let bindings = self.bindings();
        let action = dispatch(&bindings, &key);
        if self.too_small() {
            // Nothing can be seen, so nothing is changed; quitting still works.
            if action == Some(Action::Quit) {
                self.shutdown();
            }
            return;
        }
        if self.help {
            if matches!(
                key.code,
                KeyCode::Esc | KeyCode::F(1) | KeyCode::Char('?') | KeyCode::Enter
            ) {
                self.help = false;
            }
            return;
        }
        self.status = None;
        match action {
            Some(Action::Quit) => self.shutdown(),
            Some(Action::Help) => self.help = true,
            Some(Action::TestPanic) => panic!("test-paniek op verzoek (MEEDOEN_TEST_PANIC)"),
            Some(a) => self.screen_action(a),
            None => self.screen_input(&key),
        }
        self.tick(Instant::now());
    }

    fn screen_action(&mut self, action: Action) {
        let ctx_today = self.opts.today;
        match &mut self.screen {
            Screen::Start(s) => match action {
                Action::NewResident => {
                    let it = Intake::new(
                        None,
                        ContactKind::Intake,
                        &self.forms.intake,
                        Default::default(),
                    );
                    self.start_intake(it);
                }
                Action::Signals => self.open_signals(),
                Action::Worklist => self.open_worklist(false, None),
                Action::Report => self.open_report(),
                other => match s.act(other) {
                    Some(Pick::Resident(id)) => self.open_dossier(id, false),
                    Some(Pick::Draft(d)) => self.continue_draft(d.id, d.client, &d.payload),
                    None => {}
                },
            },
            Screen::Intake(_) => self.intake_action(action),
            Screen::Worklist(_) => self.worklist_action(action),
            Screen::Report(_) => self.report_action(action),
            Screen::Dossier(d) => {
                if d.outflow.is_some() {
                    self.outflow_action(action);
                    return;
                }
                if d.dialog.is_some() {
                    self.dialog_action(action);
                    return;
                }
                match action {
                    Action::Back => {
                        if d.from_signals {
                            self.open_signals();
                        } else if !self.back_to_worklist() {
                            self.go_start();
                        }
                    }
                    Action::NewContact => self.new_contact(),
                    Action::Outflow => self.open_outflow(),
                    Action::OpenContract => self.open_contract(),
                    Action::Inzage => {
                        let client = d.resident.id;
                        self.save_inzage(client);
                    }
                    Action::Up => d.selected = d.selected.saturating_sub(1),
                    Action::Down if d.selected + 1 < d.signals.len() => d.selected += 1,
                    Action::HandleSignal => {
                        if let Some(s) = d.signals.get(d.selected) {
                            let title = signal_title(&self.forms, &s.kind, self.opts.lang);
                            d.dialog = Some(NoteDialog::new(s.id, title, self.theme.input()));
                        }
                    }
                    _ => {}
                }
            }
            Screen::Contract(_) => self.contract_action(action),
            Screen::Signals(s) => {
                if s.dialog.is_some() {
                    self.dialog_action(action);
                    return;
                }
                match action {
                    Action::Back => self.go_start(),
                    Action::Up => s.selected = s.selected.saturating_sub(1),
                    Action::Down if s.selected + 1 < s.rows.len() => {
                        s.selected += 1;
                        // The rows of the table on screen: body minus borders and header.
                        let page = usize::from(self.size.1.saturating_sub(6)).max(1);
                        if let Err(e) = s.load_ahead(&self.store, page) {
                            self.status = Some((e.to_string(), true));
                        }
                    }
                    Action::Open => {
                        if let Some(r) = s.rows.get(s.selected) {
                            let id = r.client;
                            self.open_dossier(id, true);
                        }
                    }
                    Action::HandleSignal => {
                        if let Some(r) = s.rows.get(s.selected) {
                            let title = format!(
                                "{} {} {}",
                                signal_title(&self.forms, &r.kind, self.opts.lang),
                                self.theme.sym(Sym::Dot),
                                r.client_name
                            );
                            s.dialog = Some(NoteDialog::new(r.id, title, self.theme.input()));
                        }
                    }
                    _ => {}
                }
            }
        }
        let _ = ctx_today;
    }

    fn dialog_action(&mut self, action: Action) {
        let dialog = match &mut self.screen {
            Screen::Dossier(d) => &mut d.dialog,
            Screen::Signals(s) => &mut s.dialog,
            _ => return,
        };
        match action {
            Action::Cancel => *dialog = None,
            Action::Confirm => {
                let Some(dlg) = dialog.as_mut() else { return };
                let note = dlg.note();
                if note.is_empty() {
                    dlg.missing = true;
                    return;
                }
                let id = dlg.signal;
                match service::signals::handle(&mut self.store, id, &note) {
                    Ok(()) => {
                        *dialog = None;
                        self.status_s(S::SignalHandled, false);
                        self.reload_after_signal();
                    }
                    // The note stays in the dialog so it can be confirmed again.
                    Err(e) => self.set_status(e.to_string(), true),
                }
            }
            _ => {}
        }
    }

    fn reload_after_signal(&mut self) {
        match &mut self.screen {
            Screen::Dossier(d) => {
                if let Err(e) = d.reload(&self.store) {
                    self.status = Some((e.to_string(), true));
                }
            }
            Screen::Signals(s) => {
                match SignalsScreen::load(&self.store, self.opts.today, s.rows.len()) {
                    Ok(fresh) => {
                        let selected = s.selected;
                        **s = fresh;
                        s.selected = selected.min(s.rows.len().saturating_sub(1));
                    }
                    Err(e) => self.status = Some((e.to_string(), true)),
                }
            }
            _ => {}
        }
    }

    fn screen_input(&mut self, key: &KeyEvent) {
        match &mut self.screen {
            Screen::Start(s) => {
                if s.input(key) {
                    self.search_start();
                }
            }
            // Keys the question does not offer do nothing (no typing behind it).
            Screen::Intake(it) if it.same_person.is_some() => {}
            Screen::Intake(it) if it.read_only.is_some() => {
                let why = it.read_only.clone().unwrap_or_default();
                self.set_status(why, true);
            }
            Screen::Intake(it) if it.view == View::Evaluation => checkin::input(it, key),
            Screen::Intake(it) => it.field_key(&self.forms.intake, self.opts.today, key),
            Screen::Dossier(d) if d.outflow.is_some() => self.outflow_input(key),
            Screen::Worklist(_) | Screen::Report(_) => {}
            Screen::Dossier(d) => {
                if let Some(dlg) = d.dialog.as_mut() {
                    dlg.input(key);
                }
            }
            Screen::Signals(s) => {
                if let Some(dlg) = s.dialog.as_mut() {
                    dlg.input(key);
                }
            }
            Screen::Contract(c) => c.input(key),
        }
    }

    fn intake_action(&mut self, action: Action) {
        let ctx = Ctx {
            forms: &self.forms,
            lang: self.opts.lang,
            theme: self.theme,
            today: self.opts.today,
        };
        let Screen::Intake(it) = &mut self.screen else {
            return;
        };
        if it.same_person.is_some() {
            return self.same_person_action(action);
        }
        if let Some(why) = &it.read_only {
            // The lock is lost: looking around and leaving only.
            let looking = matches!(
                action,
                Action::NextField
                    | Action::PrevField
                    | Action::NextSection
                    | Action::PrevSection
                    | Action::Back
            );
            if !looking {
                let why = why.clone();
                self.set_status(why, true);
                return;
            }
        }
        let was = (it.view, it.section, it.focus.clone());
        let outcome = wizard::act(it, &ctx, action);
        if (it.view, it.section, it.focus.clone()) != was {
            // The position is part of the draft, so continuing starts where one was.
            it.dirty = true;
        }
        match outcome {
            Outcome::None => {}
            Outcome::Status(s) => {
                let problem = s == S::FixProblems;
                self.status_s(s, problem);
            }
            Outcome::Close => {
                if it.needs_save() {
                    self.save_draft(Instant::now());
                }
                let client = it_client(&self.screen);
                match client {
                    Some(id) => self.open_dossier(id, false),
                    None => self.go_start(),
                }
            }
            Outcome::Save if it_view(&self.screen) == Some(View::Evaluation) => self.save_checkin(),
            Outcome::Save => self.save_intake(),
            Outcome::Evaluate => self.enter_evaluation(),
        }
    }

    /// Save from the ladder screen: check everything, store the contact with measurement
    /// and signals, drop the draft, show the dossier.
    fn save_intake(&mut self) {
        let forms = &self.forms;
        let today = self.opts.today;
        let Screen::Intake(it) = &mut self.screen else {
            return;
        };
        let rung_override = match it.checked_for_save(&forms.intake, today) {
            Ok(o) => o,
            Err(said) => return self.status_s(said, true),
        };
        let answers = it.form_answers();
        let result = match it.client {
            None => service::intake::save_intake(
                &mut self.store,
                forms,
                &answers,
                today,
                rung_override,
                it.new_resident_confirmed,
            ),
            Some(client) => service::save_contact(
                &mut self.store,
                forms,
                Some(client),
                it.kind,
                &answers,
                today,
                rung_override,
            ),
        };
        if let Err(ServiceError::Known(k)) = &result {
            it.same_person = Some(SamePerson::new(
                k.likeness,
                k.client,
                &k.first_names,
                &k.surname,
                k.birth_date,
                k.others,
            ));
            return;
        }
        match result {
            Ok(saved) => {
                if let Some(d) = it.draft_id {
                    // A leftover draft is harmless: it shows up to be continued or left.
                    let _ = service::drafts::discard(&mut self.store, d);
                }
                self.open_dossier(saved.client, false);
                self.status_s(S::Saved, false);
            }
            Err(e) => self.show_save_refusal(e),
        }
    }

    /// A key in the question whether a new intake is a resident already known.
    fn same_person_action(&mut self, action: Action) {
        let Screen::Intake(it) = &mut self.screen else {
            return;
        };
        let Some(found) = it.same_person.clone() else {
            return;
        };
        match action {
            Action::Open => {
                // What was typed waits as a draft; only then is the intake left.
                if it.needs_save() {
                    self.save_draft(Instant::now());
                }
                if let Screen::Intake(it) = &mut self.screen {
                    if it.save_error.is_some() {
                        return;
                    }
                    it.same_person = None;
                }
                self.open_dossier(found.client, false);
            }
            Action::Confirm if found.likeness == Likeness::Name => {
                it.same_person = None;
                it.new_resident_confirmed = true;
                self.save_intake();
            }
            Action::Cancel => it.same_person = None,
            _ => {}
        }
    }

    /// A refused save of the intake or check-in: the answers' problems marked on the
    /// form; anything else (a full disk, a lost lock) said, with the draft kept.
    fn show_save_refusal(&mut self, refused: ServiceError) {
        let today = self.opts.today;
        let Screen::Intake(it) = &mut self.screen else {
            return;
        };
        match it.take_refusal(refused, &self.forms.intake, today) {
            Ok(said) => self.status_s(said, true),
            Err(e) => {
                let msg = e.to_string();
                self.save_draft(Instant::now());
                self.set_status(msg, true);
            }
        }
    }

    // ---------------------------------------------------------------- contract

    /// F4 in the dossier: the resident's contract (a new concept when there is none).
    fn open_contract(&mut self) {
        let Screen::Dossier(d) = &self.screen else {
            return;
        };
        let (client, locked, from_signals) = (d.resident.id, d.read_only(), d.from_signals);
        let name = format!("{} {}", d.resident.first_names, d.resident.surname);
        let surname = d.resident.surname.clone();
        let mut env = contract::Env {
            store: &mut self.store,
            forms: &self.forms,
            today: self.opts.today,
            lang: self.opts.lang,
            input_style: self.theme.input(),
        };
        match ContractScreen::open(&mut env, client, &name, &surname, locked) {
            Ok(mut c) => {
                c.from_signals = from_signals;
                self.screen = Screen::Contract(Box::new(c));
            }
            Err(msg) => self.set_status(msg, true),
        }
    }

    fn contract_action(&mut self, action: Action) {
        let Screen::Contract(c) = &mut self.screen else {
            return;
        };
        let mut env = contract::Env {
            store: &mut self.store,
            forms: &self.forms,
            today: self.opts.today,
            lang: self.opts.lang,
            input_style: self.theme.input(),
        };
        match c.act(action, &mut env, Instant::now()) {
            contract::Outcome::None => {}
            contract::Outcome::Status(msg, problem) => self.set_status(msg, problem),
            contract::Outcome::Back => {
                let (client, from_signals) = (c.client, c.from_signals);
                self.open_dossier(client, from_signals);
            }
        }
    }

    // ---------------------------------------------------------------- autosave

    /// Write the draft when it changed and the last write is at least a second ago.
    /// Returns true when something that is shown changed.
    pub fn tick(&mut self, now: Instant) -> bool {
        let damage = self.watch_damage();
        let lost = self.keep_lock(now) || damage;
        if self.counts_due {
            self.counts_due = false;
            if let Screen::Start(_) = self.screen {
                self.refresh_followup_counts();
                return true;
            }
        }
        let due = match &self.screen {
            Screen::Intake(it) => {
                it.needs_save()
                    && it
                        .last_attempt
                        .is_none_or(|t| now.saturating_duration_since(t) >= AUTOSAVE_EVERY)
            }
            Screen::Contract(c) => c.save_due(now),
            _ => false,
        };
        if due {
            self.save_draft(now);
        }
        due || lost
    }

    /// Renew the edit lock's heartbeat when it is due. Returns true when the lock turned
    /// out to be lost: the screen is read-only from then on.
    fn keep_lock(&mut self, now: Instant) -> bool {
        let Some(client) = self.locked else {
            return false;
        };
        if self
            .lock_beat
            .is_some_and(|t| now.saturating_duration_since(t) < LOCK_REFRESH_EVERY)
        {
            return false;
        }
        self.lock_beat = Some(now);
        match service::dossier::keep_open(&mut self.store, client) {
            Ok(Some(Lock::Acquired)) => false,
            Ok(holder) => {
                self.lose_lock(holder, now);
                true
            }
            Err(e) => {
                // Tried again at the next renewal; the save itself will say more.
                self.set_status(e.to_string(), true);
                true
            }
        }
    }

    /// A colleague has the resident now: every screen of it turns read-only, keeping
    /// what was typed (the intake's draft is written at once).
    fn lose_lock(&mut self, holder: Option<Lock>, now: Instant) {
        self.locked = None;
        self.lock_beat = None;
        let who = match &holder {
            Some(Lock::HeldBy { staff, .. }) => Some(staff.clone()),
            _ => None,
        };
        let msg = followup_strings::lock_lost(self.opts.lang, who.as_deref());
        match &mut self.screen {
            Screen::Dossier(d) => {
                d.lock_lost = true;
                if let Some(h @ Lock::HeldBy { .. }) = holder {
                    d.lock = h;
                }
                d.dialog = None;
                d.outflow = None;
            }
            Screen::Intake(it) => {
                it.read_only = Some(msg.clone());
                if it.needs_save() {
                    self.save_draft(now);
                }
            }
            Screen::Contract(c) => c.locked = true,
            _ => {}
        }
        self.set_status(msg, true);
    }

    /// How long the event loop may wait before `tick` has work: `None` means no autosave
    /// is pending and it may block until the next key.
    pub fn poll_timeout(&self, now: Instant) -> Option<Duration> {
        if self.counts_due {
            return Some(Duration::ZERO);
        }
        if self.daily_check.is_some() {
            return Some(super::damage::CHECK_POLL);
        }
        // A held lock wakes the loop once a minute to renew it, even with no key pressed.
        let lock = self
            .lock_beat
            .filter(|_| self.locked.is_some())
            .map(|t| LOCK_REFRESH_EVERY.saturating_sub(now.saturating_duration_since(t)));
        let autosave = self.autosave_timeout(now);
        match (lock, autosave) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    fn autosave_timeout(&self, now: Instant) -> Option<Duration> {
        match &self.screen {
            Screen::Intake(it) if it.needs_save() => {
                let wait = it.last_attempt.map_or(Duration::ZERO, |t| {
                    AUTOSAVE_EVERY.saturating_sub(now.saturating_duration_since(t))
                });
                Some(wait.max(Duration::from_millis(250)))
            }
            Screen::Contract(c) => c.poll_timeout(now),
            _ => None,
        }
    }

    /// Write the intake draft now (if an intake is open). Problems go to the status line;
    /// the answers stay in memory and the next change or tick tries again.
    pub fn save_draft(&mut self, now: Instant) {
        let lang = self.opts.lang;
        if let Screen::Contract(c) = &mut self.screen {
            c.save_now(&mut self.store, now, lang);
            return;
        }
        let Screen::Intake(it) = &mut self.screen else {
            return;
        };
        let mut label = it.label();
        if label.is_empty() {
            label = tr(lang, S::NewResidentLabel).to_string();
        }
        let payload = it.payload(&self.forms.intake);
        it.last_attempt = Some(now);
        match service::drafts::keep(
            &mut self.store,
            it.draft_id,
            it.client,
            it.draft_kind(),
            &label,
            &payload,
        ) {
            Ok(id) => {
                it.draft_id = Some(id);
                it.dirty = false;
                it.save_error = None;
                if let Some(spool) = &self.spool {
                    spool.done(&spool.key_for(&it.spool_name()));
                }
            }
            Err(e) => {
                it.dirty = true;
                let away = matches!(
                    e,
                    ServiceError::Store(
                        crate::store::StoreError::Disconnected
                            | crate::store::StoreError::Unreachable(_)
                    )
                );
                let kept = self.spool.as_ref().filter(|_| away).and_then(|spool| {
                    let draft = crate::store::spool::Spooled {
                        draft_id: it.draft_id,
                        client: it.client,
                        kind: it.draft_kind().as_str().to_string(),
                        label: label.clone(),
                        payload: payload.clone(),
                    };
                    spool.keep(&spool.key_for(&it.spool_name()), &draft).ok()
                });
                it.save_error = Some(match kept {
                    Some(_) => followup_strings::kept_locally(lang),
                    None => draft_save_failed(lang, &e.to_string()),
                });
            }
        }
    }

    /// Leave cleanly: the draft written, the edit lock given back.
    pub fn shutdown(&mut self) {
        if let Screen::Contract(c) = &mut self.screen {
            c.shutdown(&mut self.store, self.opts.lang);
        }
        if let Screen::Intake(it) = &self.screen {
            if it.needs_save() {
                self.save_draft(Instant::now());
            }
        }
        self.release_lock();
        self.quit = true;
    }

    // ---------------------------------------------------------------- drawing

    fn title(&self) -> String {
        let lang = self.opts.lang;
        match &self.screen {
            Screen::Start(_) => tr(lang, S::StartTitle).to_string(),
            Screen::Intake(it) => {
                let what = match (it.client, it.kind) {
                    (None, _) => tr(lang, S::WizardTitleNew),
                    (Some(_), ContactKind::Intake) => tr(lang, S::KindIntake),
                    (Some(_), ContactKind::Checkin | ContactKind::Voortgang) => {
                        checkin::kind_title(it, lang)
                    }
                };
                let label = it.label();
                let dot = self.theme.sym(Sym::Dot);
                let mut view = match it.view {
                    View::Ladder => format!(" {dot} {}", tr(lang, S::LadderTitle)),
                    View::Evaluation => format!(" {dot} {}", tr(lang, S::F(F::EvaluationTitle))),
                    View::Wizard => String::new(),
                };
                if it.read_only.is_some() {
                    view.push_str(&format!(" ({})", tr(lang, S::ReadOnlyKey)));
                }
                if label.is_empty() {
                    format!("{what}{view}")
                } else {
                    format!("{what}: {label}{view}")
                }
            }
            Screen::Dossier(d) => {
                let mut t = format!(
                    "{}: {} {}",
                    tr(lang, S::DossierTitle),
                    d.resident.first_names,
                    d.resident.surname
                );
                if d.read_only() {
                    t.push_str(&format!(" ({})", tr(lang, S::ReadOnlyKey)));
                }
                t
            }
            Screen::Signals(_) => tr(lang, S::SignalsList).to_string(),
            Screen::Worklist(_) => tr(lang, S::F(F::WorklistTitle)).to_string(),
            Screen::Report(_) => tr(lang, S::F(F::ReportTitle)).to_string(),
            Screen::Contract(c) => c.title(lang, &self.theme),
        }
    }

    /// Draw everything. Drawing never changes state.
    pub fn render(&self, f: &mut Frame) {
        let area = f.area();
        let theme = &self.theme;
        let lang = self.opts.lang;
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            let mut msg = tr(lang, S::TooSmall).to_string();
            if theme.ascii {
                msg = msg.replace('×', "x");
            }
            let msg = truncate(&msg, area.width as usize, theme);
            let y = area.y + area.height / 2;
            f.render_widget(
                Paragraph::new(Line::styled(msg, theme.error())).centered(),
                Rect::new(area.x, y, area.width, 1.min(area.height)),
            );
            return;
        }
        let ctx = self.ctx();
        let banner_height = if self.damaged {
            super::damage::BANNER_HEIGHT
        } else {
            0
        };
        let [top, banner, body, status, hints] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(banner_height),
            Constraint::Min(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        if self.damaged {
            super::damage::render_banner(f, banner, lang, theme);
        }
        let dot = theme.sym(Sym::Dot);
        let right = format!(
            "{} {dot} {} ",
            self.store.staff(),
            format_date(self.opts.today)
        );
        let left_w = (area.width as usize).saturating_sub(super::text::width(&right) + 1);
        let left = format!(" {} {dot} {}", tr(lang, S::AppName), self.title());
        f.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(
                    super::text::pad(&truncate(&left, left_w, theme), left_w + 1),
                    theme.bar(),
                ),
                Span::styled(right, theme.bar()),
            ]))
            .style(theme.bar()),
            top,
        );
        match &self.screen {
            Screen::Start(s) => s.render(f, body, &ctx),
            Screen::Intake(it) => match it.view {
                View::Wizard => wizard::render(f, body, it, &ctx),
                View::Ladder => ladder::render(f, body, it, &ctx),
                View::Evaluation => checkin::render(f, body, it, &ctx),
            },
            Screen::Worklist(w) => w.render(f, body, &ctx),
            Screen::Report(r) => r.render(f, body, &ctx),
            Screen::Dossier(d) => d.render(f, body, &ctx),
            Screen::Signals(s) => s.render(f, body, &ctx),
            Screen::Contract(c) => c.render(f, body, &ctx),
        }
        if let Screen::Intake(it) = &self.screen {
            if let Some(found) = &it.same_person {
                found.render(f, body, &ctx);
            }
        }
        let save_error = match &self.screen {
            Screen::Intake(it) => it.save_error.clone(),
            Screen::Contract(c) => c.save_error.clone(),
            _ => None,
        };
        let (mut msg, problem) = match (save_error, &self.status) {
            (Some(e), _) => (e, true),
            (None, Some((m, p))) => (m.clone(), *p),
            (None, None) => (String::new(), false),
        };
        if self.damaged {
            // The banner already says what to do; the whole sentence would not fit.
            msg = super::damage::shorten_status(&msg, lang);
        }
        let style = if problem { theme.error() } else { theme.ok() };
        f.render_widget(
            Paragraph::new(Line::styled(
                truncate(&msg, status.width as usize, theme),
                style,
            )),
            status,
        );
        let bindings = self.bindings();
        render_hint_bar(f, hints, &bindings, lang, theme);
        if self.help {
            render_help(f, body, &bindings, lang, theme);
        }
    }
}

/// The resident a new intake seems to be about already: the one with its BSN, else (unless
/// the consultant already chose to save anyway) the first with its surname and date of
/// birth.
fn it_view(screen: &Screen) -> Option<View> {
    match screen {
        Screen::Intake(it) => Some(it.view),
        _ => None,
    }
}

fn it_client(screen: &Screen) -> Option<ClientId> {
    match screen {
        Screen::Intake(it) => it.client,
        _ => None,
    }
}
