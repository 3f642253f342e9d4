//! The start screen: find a resident as you type, start a new intake, continue an
//! unfinished one, go to the signals.

use super::followup_strings::{worklist_counts, F};
use super::keymap::{Action, Binding};
use super::strings::{draft_row, signal_counts, tr, S};
use super::text::{pad, scroll_line, truncate};
use super::theme::Sym;
use super::Ctx;
use crate::domain::bsn::mask;
use crate::domain::date::format_date;
use crate::service::{self, ServiceError};
use crate::store::{Draft, ResidentRow, Store};
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

#[derive(Debug, Default)]
pub struct Start {
    pub query: String,
    /// Cursor (char index) in the search field.
    pub cursor: usize,
    pub results: Vec<ResidentRow>,
    pub drafts: Vec<Draft>,
    /// Index over the results followed by the drafts.
    pub selected: usize,
    /// Open signals and, of those, overdue ones.
    pub signal_counts: Option<(u64, u64)>,
    /// Residents on the worklist and, of those, overdue evaluations.
    pub worklist_counts: Option<(u64, u64, u64)>,
}

/// What the start screen asks the app to do.
pub enum Pick {
    Resident(i64),
    Draft(Draft),
}

/// Rows of the body that are not result rows (borders, search line, blank, header, and
/// the drafts box).
const CHROME_ROWS: u16 = 4 + 6;

impl Start {
    /// How many results fit a body of this height.
    pub fn limit(body_height: u16) -> usize {
        usize::from(body_height.saturating_sub(CHROME_ROWS).max(1))
    }

    /// The search results for the query typed (on every keystroke: nothing else).
    pub fn search(&mut self, store: &Store, limit: usize) -> Result<(), ServiceError> {
        self.results = service::search::residents(store, self.query.trim(), limit)?;
        self.selected = self.selected.min(self.len().saturating_sub(1));
        Ok(())
    }

    /// Everything the screen lists: the results and the unfinished intakes. (The counts
    /// in the borders are the app's to fill, after the first frame.)
    pub fn refresh(&mut self, store: &Store, limit: usize) -> Result<(), ServiceError> {
        self.drafts = service::drafts::orphans(store)?;
        self.search(store, limit)
    }

    fn len(&self) -> usize {
        self.results.len() + self.drafts.len()
    }

    pub fn bindings(&self) -> Vec<Binding> {
        vec![
            Binding::new("Enter", Action::Open, S::Open).key(KeyCode::Enter),
            Binding::new("F2", Action::NewResident, S::NewResident)
                .key(KeyCode::F(2))
                .ctrl('n'),
            Binding::new("F3", Action::Signals, S::SignalsList).key(KeyCode::F(3)),
            Binding::new("F6", Action::Worklist, S::F(F::Worklist)).key(KeyCode::F(6)),
            Binding::new("F7", Action::Report, S::F(F::Report)).key(KeyCode::F(7)),
            Binding::new("Up/Down", Action::Down, S::MoveInList)
                .key(KeyCode::Down)
                .help_only(),
            Binding::new("Up", Action::Up, S::MoveInList)
                .key(KeyCode::Up)
                .hidden(),
            Binding::new("Esc", Action::Quit, S::Quit).key(KeyCode::Esc),
        ]
    }

    pub fn act(&mut self, action: Action) -> Option<Pick> {
        match action {
            Action::Up => self.selected = self.selected.saturating_sub(1),
            Action::Down if self.selected + 1 < self.len() => self.selected += 1,
            Action::Open => {
                if let Some(r) = self.results.get(self.selected) {
                    return Some(Pick::Resident(r.id));
                }
                let d = self.selected.checked_sub(self.results.len())?;
                return self.drafts.get(d).cloned().map(Pick::Draft);
            }
            _ => {}
        }
        None
    }

    /// Typing in the search field. Returns true when the query changed.
    pub fn input(&mut self, key: &KeyEvent) -> bool {
        let changed = super::text::edit_line(&mut self.query, &mut self.cursor, key);
        if changed {
            self.selected = 0;
        }
        changed
    }

    pub fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx<'_>) {
        let theme = &ctx.theme;
        let drafts_h = (self.drafts.len().clamp(1, 4) as u16) + 2;
        let [results_area, drafts_area] =
            Layout::vertical([Constraint::Min(5), Constraint::Length(drafts_h)]).areas(area);
        let block = Block::bordered()
            .border_set(theme.border())
            .title(Span::styled(
                format!(" {} ", tr(ctx.lang, S::StartTitle)),
                theme.title(),
            ));
        let block = match self.signal_counts {
            Some((open, overdue)) => {
                let counts = signal_counts(ctx.lang, open, overdue);
                let style = if overdue > 0 {
                    theme.error()
                } else {
                    theme.dim()
                };
                block.title_top(Line::styled(format!(" {counts} "), style).right_aligned())
            }
            None => block,
        };
        let block = match self.worklist_counts {
            Some((due, evaluations, pips)) => block.title_bottom(
                Line::styled(
                    format!(" {} ", worklist_counts(ctx.lang, due, evaluations, pips)),
                    if evaluations + pips > 0 {
                        theme.warn()
                    } else {
                        theme.dim()
                    },
                )
                .right_aligned(),
            ),
            None => block,
        };
        let inner = block.inner(results_area);
        f.render_widget(block, results_area);
        let w = inner.width as usize;

        // Search field.
        let label = format!("{}: ", tr(ctx.lang, S::SearchLabel));
        let lw = super::text::width(&label);
        let field_w = w.saturating_sub(lw + 1);
        let (shown, col) = scroll_line(&self.query, self.cursor, field_w.saturating_sub(1));
        let field = if self.query.is_empty() {
            Span::styled(
                pad(
                    &truncate(tr(ctx.lang, S::SearchPlaceholder), field_w, theme),
                    field_w,
                ),
                theme.input().patch(theme.dim()),
            )
        } else {
            Span::styled(pad(&shown, field_w), theme.input())
        };
        let mut lines = vec![
            Line::from(vec![Span::styled(label, theme.focus()), field]),
            Line::raw(""),
        ];
        f.set_cursor_position((inner.x + (lw + col) as u16, inner.y));

        // Result table.
        let cols = [10usize, 9, 10, 5];
        let fixed: usize = cols.iter().map(|c| c + 2).sum::<usize>() + 3;
        let name_w = w.saturating_sub(fixed).max(8);
        let header = format!(
            "  {}  {}  {}  {}  {}",
            pad(tr(ctx.lang, S::ColName), name_w),
            pad(tr(ctx.lang, S::ColBirth), cols[0]),
            pad(tr(ctx.lang, S::ColBsn), cols[1]),
            pad(tr(ctx.lang, S::ColLastContact), cols[2]),
            pad(tr(ctx.lang, S::ColRung), cols[3]),
        );
        lines.push(Line::styled(truncate(&header, w, theme), theme.dim()));
        let rows = (inner.height as usize).saturating_sub(3);
        if self.results.is_empty() {
            lines.push(Line::styled(
                format!("  {}", tr(ctx.lang, S::NoResults)),
                theme.dim(),
            ));
        }
        // Keep the selection in view.
        let first = if self.selected < self.results.len() && self.selected >= rows {
            self.selected + 1 - rows
        } else {
            0
        };
        for (i, r) in self.results.iter().enumerate().skip(first).take(rows) {
            let name = if r.first_names.is_empty() {
                r.surname.clone()
            } else {
                format!("{}, {}", r.surname, r.first_names)
            };
            let selected = i == self.selected;
            let pointer = if selected {
                theme.sym(Sym::Pointer)
            } else {
                " "
            };
            let text = format!(
                "{}  {}  {}  {}  {}",
                pad(&truncate(&name, name_w, theme), name_w),
                pad(&r.birth_date.map(format_date).unwrap_or_default(), cols[0]),
                pad(&r.bsn.as_deref().map(mask).unwrap_or_default(), cols[1]),
                pad(
                    &r.last_contact.map(format_date).unwrap_or_default(),
                    cols[2]
                ),
                pad(
                    &r.current_rung.map(|n| n.to_string()).unwrap_or_default(),
                    cols[3]
                ),
            );
            let style = if selected {
                theme.selected()
            } else {
                theme.normal()
            };
            lines.push(Line::from(vec![
                Span::raw(format!("{pointer} ")),
                Span::styled(text, style),
            ]));
        }
        f.render_widget(Paragraph::new(lines), inner);

        // Unfinished intakes of new residents.
        let block = Block::bordered()
            .border_set(theme.border())
            .title(Span::styled(
                format!(" {} ", tr(ctx.lang, S::DraftsTitle)),
                theme.title(),
            ));
        let inner = block.inner(drafts_area);
        f.render_widget(block, drafts_area);
        let mut lines = Vec::new();
        if self.drafts.is_empty() {
            lines.push(Line::styled(
                format!("  {}", tr(ctx.lang, S::NoDrafts)),
                theme.dim(),
            ));
        }
        let base = self.results.len();
        let rows = inner.height as usize;
        let first = if self.selected >= base && self.selected - base >= rows {
            self.selected - base + 1 - rows
        } else {
            0
        };
        for (i, d) in self.drafts.iter().enumerate().skip(first).take(rows) {
            let selected = base + i == self.selected;
            let pointer = if selected {
                theme.sym(Sym::Pointer)
            } else {
                " "
            };
            let label = if d.label.trim().is_empty() {
                tr(ctx.lang, S::NewResidentLabel).to_string()
            } else {
                d.label.clone()
            };
            let when = d.updated.format("%d-%m-%Y %H:%M").to_string();
            let text = truncate(
                &draft_row(ctx.lang, &label, &when),
                inner.width.saturating_sub(2) as usize,
                theme,
            );
            let style = if selected {
                theme.selected()
            } else {
                theme.normal()
            };
            lines.push(Line::from(vec![
                Span::raw(format!("{pointer} ")),
                Span::styled(text, style),
            ]));
        }
        f.render_widget(Paragraph::new(lines), inner);
    }
}
