//! The app's side of the check-in, the worklist, the overview and the outflow dialog:
//! opening those screens, their keys, and saving a check-in with its evaluation.

use super::{App, Screen};
use crate::service::outflow::Outflow;
use crate::service::{self, checkin::Evaluation};
use crate::store::{ClientId, DraftKind, ResidentStatus};
use crate::tui::followup_strings::F;
use crate::tui::intake::View;
use crate::tui::keymap::Action;
use crate::tui::outflow::{OutflowChoice, OutflowDialog};
use crate::tui::report::ReportScreen;
use crate::tui::strings::S;
use crate::tui::worklist::{Worklist, WorklistPick};
use crossterm::event::KeyEvent;

/// Where Esc in a dossier opened from the worklist goes back to: the same list, as far
/// as it was read, on the same resident (or the same place, when they left the list).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorklistOrigin {
    pub mine: bool,
    pub client: ClientId,
    pub index: usize,
    pub loaded: usize,
}

impl App {
    // ---------------------------------------------------------------- start screen

    /// The start screen's figures: open signals and the worklist per reason, each counted
    /// from an index. Done after the first frame is drawn, so the search field is ready
    /// for typing at once.
    pub(super) fn refresh_followup_counts(&mut self) {
        let today = self.opts.today;
        let counts = service::signals::open_counts(&self.store, today).and_then(|signals| {
            let worklist = service::worklist::counts(&self.store, today, None)?;
            Ok((signals, worklist))
        });
        match (&mut self.screen, counts) {
            (Screen::Start(s), Ok((signals, worklist))) => {
                s.signal_counts = Some(signals);
                s.worklist_counts = Some((
                    worklist.total(),
                    worklist.evaluation_overdue,
                    worklist.pip_due,
                ));
            }
            (_, Err(e)) => self.set_status(e.to_string(), true),
            _ => {}
        }
    }

    // ---------------------------------------------------------------- worklist

    /// The worklist screen: its first rows and counts (`origin`: coming back from a
    /// dossier, as far as it was read and on the same resident).
    pub(super) fn open_worklist(&mut self, mine: bool, origin: Option<WorklistOrigin>) {
        self.release_lock();
        self.worklist_origin = None;
        let rows = origin.map_or(0, |o| o.loaded);
        match Worklist::load(&self.store, self.opts.today, mine, rows) {
            Ok(mut w) => {
                w.page = self.worklist_page_rows();
                if let Some(o) = origin {
                    if !w.select_client(o.client) {
                        w.selected = o.index.min(w.rows.len().saturating_sub(1));
                    }
                }
                if let Err(e) = w.load_ahead(&self.store) {
                    self.set_status(e.to_string(), true);
                }
                self.screen = Screen::Worklist(Box::new(w));
            }
            Err(e) => self.set_status(e.to_string(), true),
        }
    }

    /// Rows of the worklist that fit on the screen.
    fn worklist_page_rows(&self) -> usize {
        usize::from(self.body_height().saturating_sub(3)).max(1)
    }

    pub(super) fn worklist_action(&mut self, action: Action) {
        let page = self.worklist_page_rows();
        let Screen::Worklist(w) = &mut self.screen else {
            return;
        };
        w.page = page;
        let (mine, index, loaded) = (w.mine, w.selected, w.rows.len());
        let origin = |client| WorklistOrigin {
            mine,
            client,
            index,
            loaded,
        };
        match w.act(action) {
            None => {
                if let Err(e) = w.load_ahead(&self.store) {
                    self.set_status(e.to_string(), true);
                }
            }
            Some(WorklistPick::ToggleMine) => {
                if let Err(e) = w
                    .toggle_mine(&self.store)
                    .and_then(|()| w.load_ahead(&self.store))
                {
                    self.set_status(e.to_string(), true);
                }
            }
            Some(WorklistPick::Back) => self.go_start(),
            Some(WorklistPick::Open(id)) => {
                let from = origin(id);
                self.open_dossier(id, false);
                self.worklist_origin = Some(from);
            }
            Some(WorklistPick::Checkin(id)) => {
                let from = origin(id);
                self.open_dossier(id, false);
                if let Screen::Dossier(_) = self.screen {
                    self.worklist_origin = Some(from);
                    self.new_contact();
                }
            }
        }
    }

    /// Esc in a dossier: back to the worklist it was opened from, if so. Returns false
    /// when the caller should go where it would otherwise.
    pub(super) fn back_to_worklist(&mut self) -> bool {
        match self.worklist_origin {
            Some(o) => {
                self.open_worklist(o.mine, Some(o));
                true
            }
            None => false,
        }
    }

    // ---------------------------------------------------------------- overview

    pub(super) fn open_report(&mut self) {
        self.release_lock();
        self.worklist_origin = None;
        match ReportScreen::load(&self.store, self.opts.today) {
            Ok(r) => self.screen = Screen::Report(Box::new(r)),
            Err(e) => self.set_status(e.to_string(), true),
        }
    }

    pub(super) fn report_action(&mut self, action: Action) {
        if let Screen::Report(r) = &mut self.screen {
            if r.act(action) {
                self.go_start();
            }
        }
    }

    // ---------------------------------------------------------------- outflow

    pub(super) fn open_outflow(&mut self) {
        let today = self.opts.today;
        if let Screen::Dossier(d) = &mut self.screen {
            if d.read_only() {
                return;
            }
            let current = match d.resident.status {
                ResidentStatus::Outflow => d.resident.outflow_reason.as_deref().or(Some("overig")),
                ResidentStatus::Active => None,
            };
            d.outflow = Some(OutflowDialog::new(d.resident.id, current, today));
        }
    }

    pub(super) fn outflow_action(&mut self, action: Action) {
        let Screen::Dossier(d) = &mut self.screen else {
            return;
        };
        let Some(dlg) = d.outflow.as_mut() else {
            return;
        };
        if action == Action::Cancel {
            d.outflow = None;
            return;
        }
        let Some(choice) = dlg.act(action) else {
            return;
        };
        let client = dlg.client;
        let (result, done) = match choice {
            OutflowChoice::Left { reason, date } => (
                service::outflow::record(&mut self.store, client, Outflow::Left { reason, date }),
                S::F(F::OutflowSaved),
            ),
            OutflowChoice::Active => (
                service::outflow::record(&mut self.store, client, Outflow::Active),
                S::F(F::OutflowUndone),
            ),
        };
        match result {
            Ok(()) => {
                let from_signals = d.from_signals;
                self.open_dossier(client, from_signals);
                self.status_s(done, false);
            }
            // The dialog stays open with what was chosen, to try again.
            Err(e) => self.set_status(e.to_string(), true),
        }
    }

    pub(super) fn outflow_input(&mut self, key: &KeyEvent) {
        if let Screen::Dossier(d) = &mut self.screen {
            if let Some(dlg) = d.outflow.as_mut() {
                dlg.input(key);
            }
        }
    }

    // ---------------------------------------------------------------- check-in

    /// From the ladder screen of a check-in to the evaluation of the open agreements.
    pub(super) fn enter_evaluation(&mut self) {
        let today = self.opts.today;
        let Screen::Intake(it) = &mut self.screen else {
            return;
        };
        let Some(client) = it.client else {
            return;
        };
        if it.evaluation.is_none() {
            match Evaluation::load(&self.store, client, today) {
                Ok(ev) => it.evaluation = Some(ev),
                Err(e) => {
                    self.status = Some((e.to_string(), true));
                    return;
                }
            }
        }
        it.view = View::Evaluation;
        it.dirty = true;
    }

    /// F10 on the evaluation screen: check everything, then in one transaction the
    /// contact of the chosen kind (jaargesprek or voortgangsgesprek) with its measurement
    /// and signals, and the evaluation in the contract; drop the draft, show the dossier.
    pub(super) fn save_checkin(&mut self) {
        let forms = &self.forms;
        let today = self.opts.today;
        let Screen::Intake(it) = &mut self.screen else {
            return;
        };
        let Some(client) = it.client else {
            return;
        };
        let rung_override = match it.checked_for_save(&forms.intake, today) {
            Ok(o) => o,
            Err(said) => return self.status_s(said, true),
        };
        let answers = it.form_answers();
        let evaluation = it.evaluation.clone().unwrap_or_default();
        let result = service::checkin::save_checkin(
            &mut self.store,
            forms,
            client,
            &answers,
            today,
            rung_override,
            &evaluation,
        );
        let Screen::Intake(it) = &mut self.screen else {
            return;
        };
        match result {
            Ok(saved) => {
                if let Some(d) = it.draft_id {
                    // A leftover draft is harmless: it shows up to be continued or left.
                    let _ = service::drafts::discard(&mut self.store, d);
                }
                let _ =
                    service::drafts::discard_all_of(&mut self.store, client, DraftKind::Checkin);
                self.open_dossier(saved.client, false);
                let said = if evaluation.items.is_empty() {
                    F::CheckinSavedNoAgreements
                } else {
                    F::CheckinSaved
                };
                self.status_s(S::F(said), false);
            }
            Err(e) => self.show_save_refusal(e),
        }
    }
}
