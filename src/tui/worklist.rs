//! The worklist (werklijst): residents due for a conversation this calendar year or whose
//! contract evaluation has passed, longest unseen first, optionally only one's own caseload.
//! Read from the store a page at a time: tens of thousands may be due in a large city.

use super::followup_strings::{tf, worklist_heading, F};
use super::keymap::{Action, Binding};
use super::strings::{tr, S};
use super::text::{pad, truncate};
use super::theme::Sym;
use super::Ctx;
use crate::domain::date::format_date;
use crate::service::{self, ServiceError};
use crate::store::{ClientId, Store, WorklistCounts, WorklistCursor, WorklistReason, WorklistRow};
use chrono::NaiveDate;
use crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

/// Rows read from the store at a time; more are read as the selection comes near the end.
pub const LOAD_ROWS: usize = 100;

pub struct Worklist {
    /// The rows read so far, in the store's order (oldest contact first): everybody's,
    /// or only one's own caseload.
    pub rows: Vec<WorklistRow>,
    /// Where the rows after these start; `None` when every row is read.
    next: Option<WorklistCursor>,
    /// The whole list's size (of the caseload shown).
    pub counts: WorklistCounts,
    /// Only the residents the app's staff member saw last.
    pub mine: bool,
    pub staff: String,
    pub today: NaiveDate,
    /// Index into the rows.
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
    /// Only one's own caseload, or everybody again.
    ToggleMine,
}

impl Worklist {
    /// The first `rows` rows (at least a load's worth) and the counts of the list.
    pub fn load(
        store: &Store,
        today: NaiveDate,
        mine: bool,
        rows: usize,
    ) -> Result<Worklist, ServiceError> {
        let mut w = Worklist {
            rows: Vec::new(),
            next: None,
            counts: WorklistCounts::default(),
            mine,
            staff: store.staff().to_string(),
            today,
            selected: 0,
            page: 10,
        };
        w.reload(store, rows)?;
        Ok(w)
    }

    fn staff_filter(&self) -> Option<&str> {
        self.mine.then_some(self.staff.as_str())
    }

    /// Read the list again from the start, `rows` rows or a load's worth.
    fn reload(&mut self, store: &Store, rows: usize) -> Result<(), ServiceError> {
        let staff = self.staff_filter();
        let page = service::worklist::page(store, self.today, staff, None, rows.max(LOAD_ROWS))?;
        self.counts = service::worklist::counts(store, self.today, staff)?;
        self.rows = page.rows;
        self.next = page.next;
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        Ok(())
    }

    /// Read the next rows when the selection is within a screenful of the last one read,
    /// so moving down never waits at the end of what is loaded.
    pub fn load_ahead(&mut self, store: &Store) -> Result<(), ServiceError> {
        while self.selected + self.page + 1 >= self.rows.len() {
            let Some(after) = self.next.take() else {
                return Ok(());
            };
            let more = service::worklist::page(
                store,
                self.today,
                self.staff_filter(),
                Some(&after),
                LOAD_ROWS.max(self.page),
            )?;
            self.rows.extend(more.rows);
            self.next = more.next;
        }
        Ok(())
    }

    /// Show one's own caseload or everybody, starting from the top again but keeping the
    /// selected resident when they are in the new list's first rows.
    pub fn toggle_mine(&mut self, store: &Store) -> Result<(), ServiceError> {
        let current = self.selected_client();
        self.mine = !self.mine;
        self.selected = 0;
        self.reload(store, LOAD_ROWS)?;
        if let Some(c) = current {
            self.select_client(c);
        }
        Ok(())
    }

    pub fn selected_client(&self) -> Option<ClientId> {
        self.rows.get(self.selected).map(|r| r.client)
    }

    /// Keep the selection on the same resident after a reload, when still listed.
    pub fn select_client(&mut self, client: ClientId) -> bool {
        match self.rows.iter().position(|r| r.client == client) {
            Some(i) => {
                self.selected = i;
                true
            }
            None => false,
        }
    }

    pub fn bindings(&self) -> Vec<Binding> {
        let mut b = Vec::new();
        if !self.rows.is_empty() {
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

    /// Carry out a key. Moving stays within the rows read; the app reads more after it
    /// (see [`Worklist::load_ahead`]), and switches the caseload filter, which needs the
    /// store.
    pub fn act(&mut self, action: Action) -> Option<WorklistPick> {
        let last = self.rows.len().saturating_sub(1);
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down => self.selected = (self.selected + 1).min(last),
            Action::NextSection => self.selected = (self.selected + self.page).min(last),
            Action::PrevSection => self.selected = self.selected.saturating_sub(self.page),
            Action::FilterMine => return Some(WorklistPick::ToggleMine),
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
        let shown = &self.rows;
        let total = usize::try_from(self.counts.total()).unwrap_or(usize::MAX);
        let heading = worklist_heading(lang, total, self.staff_filter());
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
        let reason_w = [
            F::ReasonNoContact,
            F::ReasonEvaluation,
            F::ReasonPip,
            F::ColReason,
        ]
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
                    WorklistReason::PipDue => F::ReasonPip,
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
