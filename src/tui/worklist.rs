//! The worklist (werklijst): residents due for a conversation this calendar year or whose
//! contract evaluation has passed, longest unseen first, optionally only one's own caseload.

use super::followup_strings::{tf, worklist_heading, F};
use super::keymap::{Action, Binding};
use super::strings::{tr, S};
use super::text::{pad, truncate};
use super::theme::Sym;
use super::Ctx;
use crate::domain::date::format_date;
use crate::store::{ClientId, Store, StoreError, WorklistReason, WorklistRow};
use chrono::NaiveDate;
use crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

pub struct Worklist {
    /// Every row of the store's worklist, in its order (oldest contact first).
    pub rows: Vec<WorklistRow>,
    /// Only the residents the app's staff member saw last.
    pub mine: bool,
    pub staff: String,
    /// Index into the shown rows.
    pub selected: usize,
    /// Rows that fit, remembered from the last size so paging moves a screenful.
    pub page: usize,
}

/// What the worklist asks the app to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorklistPick {
    Open(ClientId),
    Checkin(ClientId),
    Back,
}

impl Worklist {
    pub fn load(store: &Store, today: NaiveDate, mine: bool) -> Result<Worklist, StoreError> {
        Ok(Worklist {
            rows: store.worklist(today)?,
            mine,
            staff: store.staff().to_string(),
            selected: 0,
            page: 10,
        })
    }

    /// The rows shown: all, or only one's own caseload.
    pub fn shown(&self) -> Vec<&WorklistRow> {
        self.rows
            .iter()
            .filter(|r| !self.mine || r.last_staff.as_deref() == Some(self.staff.as_str()))
            .collect()
    }

    pub fn selected_client(&self) -> Option<ClientId> {
        self.shown().get(self.selected).map(|r| r.client)
    }

    /// Keep the selection on the same resident after a reload, when still listed.
    pub fn select_client(&mut self, client: ClientId) {
        if let Some(i) = self.shown().iter().position(|r| r.client == client) {
            self.selected = i;
        }
    }

    pub fn bindings(&self) -> Vec<Binding> {
        let mut b = Vec::new();
        if !self.shown().is_empty() {
            b.push(Binding::new("Enter", Action::Open, S::Open).key(KeyCode::Enter));
            b.push(
                Binding::new("F2", Action::NewContact, S::F(F::StartConversation))
                    .key(KeyCode::F(2))
                    .ctrl('n'),
            );
        }
        b.push(Binding::new("m", Action::FilterMine, S::F(F::FilterMine)).ch('m'));
        b.push(Binding::new("Esc", Action::Back, S::Back).key(KeyCode::Esc));
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
        b.push(
            Binding::new("PgUp/PgDn", Action::NextSection, S::F(F::Scroll))
                .key(KeyCode::PageDown)
                .help_only(),
        );
        b.push(
            Binding::new("PgUp", Action::PrevSection, S::F(F::Scroll))
                .key(KeyCode::PageUp)
                .hidden(),
        );
        b.push(Binding::new("?", Action::Help, S::Help).ch('?').hidden());
        b
    }

    pub fn act(&mut self, action: Action) -> Option<WorklistPick> {
        let n = self.shown().len();
        let last = n.saturating_sub(1);
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::NextSection => self.selected = (self.selected + self.page).min(last),
            Action::PrevSection => self.selected = self.selected.saturating_sub(self.page),
            Action::FilterMine => {
                let current = self.selected_client();
                self.mine = !self.mine;
                self.selected = 0;
                if let Some(c) = current {
                    self.select_client(c);
                }
            }
            Action::Open => return self.selected_client().map(WorklistPick::Open),
            Action::NewContact => return self.selected_client().map(WorklistPick::Checkin),
            Action::Back => return Some(WorklistPick::Back),
            _ => {}
        }
        None
    }

    pub fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx<'_>) {
        let theme = &ctx.theme;
        let lang = ctx.lang;
        let shown = self.shown();
        let heading = worklist_heading(lang, shown.len(), self.mine.then_some(self.staff.as_str()));
        let block = Block::bordered()
            .border_set(theme.border())
            .title(Span::styled(
                format!(" {} ", tf(lang, F::WorklistTitle)),
                theme.title(),
            ))
            .title_top(Line::styled(format!(" {heading} "), theme.dim()).right_aligned());
        let inner = block.inner(area);
        f.render_widget(block, area);
        let w = inner.width as usize;
        let date_w = super::text::width(tr(lang, S::ColLastContact)).max(10);
        let reason_w = [F::ReasonNoContact, F::ReasonEvaluation, F::ColReason]
            .iter()
            .map(|r| super::text::width(tf(lang, *r)))
            .max()
            .unwrap_or(20);
        let staff_w = if w >= 110 { 20 } else { 12 };
        let name_w = w.saturating_sub(2 + date_w + reason_w + staff_w + 6).max(8);
        let row = |name: &str, date: &str, reason: &str, staff: &str| {
            format!(
                "{}  {}  {}  {}",
                pad(&truncate(name, name_w, theme), name_w),
                pad(date, date_w),
                pad(reason, reason_w),
                truncate(staff, staff_w, theme)
            )
        };
        let mut lines = vec![Line::styled(
            format!(
                "  {}",
                row(
                    tr(lang, S::ColName),
                    tr(lang, S::ColLastContact),
                    tf(lang, F::ColReason),
                    tf(lang, F::ColSeenBy)
                )
            ),
            theme.dim(),
        )];
        if shown.is_empty() {
            let empty = if self.mine {
                F::WorklistEmptyMine
            } else {
                F::WorklistEmpty
            };
            lines.push(Line::styled(
                format!(
                    "  {}",
                    truncate(tf(lang, empty), w.saturating_sub(2), theme)
                ),
                theme.dim(),
            ));
        }
        let rows = (inner.height as usize).saturating_sub(1).max(1);
        let first = (self.selected + 1).saturating_sub(rows);
        for (i, r) in shown.iter().enumerate().skip(first).take(rows) {
            let selected = i == self.selected;
            let pointer = if selected {
                theme.sym(Sym::Pointer)
            } else {
                " "
            };
            let date = r
                .last_contact
                .map(format_date)
                .unwrap_or_else(|| tf(lang, F::Never).to_string());
            let reason = tf(
                lang,
                match r.reason {
                    WorklistReason::NoContactThisYear => F::ReasonNoContact,
                    WorklistReason::EvaluationOverdue => F::ReasonEvaluation,
                },
            );
            let text = row(
                &r.name,
                &date,
                reason,
                r.last_staff.as_deref().unwrap_or(""),
            );
            let style = if selected {
                theme.selected()
            } else {
                theme.normal()
            };
            lines.push(Line::from(vec![
                Span::raw(format!("{pointer} ")),
                Span::styled(truncate(&text, w.saturating_sub(2), theme), style),
            ]));
        }
        f.render_widget(Paragraph::new(lines), inner);
    }
}
