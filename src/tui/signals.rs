//! The signals screen (all open signals of all residents by deadline, overdue first) and
//! the small dialog that marks a signal handled with a note.

use super::followup_strings::signals_heading;
use super::keymap::{Action, Binding};
use super::strings::{days_left, tr, S};
use super::text::{pad, truncate, wrap};
use super::theme::{Sym, Theme};
use super::Ctx;
use crate::domain::date::format_date;
use crate::domain::signals::{rule_on, Severity};
use crate::forms::{Forms, Lang};
use crate::service::{self, ServiceError};
use crate::store::{SignalRow, Store};
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;
use ratatui_textarea::{TextArea, WrapMode};

/// The note typed when marking a signal handled. Enter makes a new line (a pasted note
/// never confirms by accident); F10 or Ctrl+S confirms.
pub struct NoteDialog {
    pub signal: i64,
    pub title: String,
    pub textarea: TextArea<'static>,
    pub missing: bool,
}

impl NoteDialog {
    pub fn new(signal: i64, title: String, style: Style) -> NoteDialog {
        let mut textarea = TextArea::default();
        textarea.set_wrap_mode(WrapMode::WordOrGlyph);
        textarea.set_style(style);
        textarea.set_cursor_line_style(Style::new());
        NoteDialog {
            signal,
            title,
            textarea,
            missing: false,
        }
    }

    pub fn bindings() -> Vec<Binding> {
        vec![
            Binding::new("F10", Action::Confirm, S::Confirm)
                .key(KeyCode::F(10))
                .ctrl('s'),
            Binding::new("Esc", Action::Cancel, S::Cancel).key(KeyCode::Esc),
        ]
    }

    pub fn input(&mut self, key: &KeyEvent) {
        self.textarea.input(*key);
    }

    pub fn note(&self) -> String {
        self.textarea.lines().join("\n").trim().to_string()
    }

    pub fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx<'_>) {
        let w = area.width.saturating_sub(8).min(70);
        let h = 10u16.min(area.height);
        let rect = Rect::new(
            area.x + (area.width - w) / 2,
            area.y + (area.height.saturating_sub(h)) / 2,
            w,
            h,
        );
        f.render_widget(Clear, rect);
        let block = Block::bordered()
            .border_set(ctx.theme.border())
            .title(Span::styled(
                format!(" {} ", tr(ctx.lang, S::NoteDialogTitle)),
                ctx.theme.title(),
            ));
        let inner = block.inner(rect);
        f.render_widget(block, rect);
        let mut lines = vec![Line::raw(truncate(
            &self.title,
            inner.width as usize,
            &ctx.theme,
        ))];
        if self.missing {
            lines.push(Line::styled(tr(ctx.lang, S::NoteNeeded), ctx.theme.error()));
        } else {
            lines.push(Line::raw(""));
        }
        f.render_widget(Paragraph::new(lines), inner);
        let ta = Rect::new(
            inner.x,
            inner.y + 2,
            inner.width,
            inner.height.saturating_sub(2),
        );
        f.render_widget(&self.textarea, ta);
    }
}

/// Title of a signal kind from the rules, falling back to its id.
pub fn signal_title(forms: &Forms, kind: &str, lang: Lang) -> String {
    forms
        .signals
        .iter()
        .find(|r| r.id == kind)
        .map(|r| r.title.get(lang).to_string())
        .unwrap_or_else(|| kind.to_string())
}

pub fn severity_text(lang: Lang, s: Severity) -> &'static str {
    tr(
        lang,
        match s {
            Severity::Urgent => S::SeverityUrgent,
            Severity::High => S::SeverityHigh,
            Severity::Normal => S::SeverityNormal,
        },
    )
}

pub fn deadline_style(theme: &Theme, deadline: NaiveDate, today: NaiveDate) -> Style {
    if deadline < today {
        theme.error()
    } else if deadline == today {
        theme.warn()
    } else {
        theme.normal()
    }
}

/// For a signal whose term in werkdagen runs into a year the Koninklijk Besluit does not
/// cover yet: how the term runs and that it may still end later ([`crate::domain::signals::Deadline::explain`]).
/// `None` for other terms and for a deadline taken from an answer (such as the PIP's).
pub fn kb_note(row: &SignalRow, forms: &Forms, lang: Lang) -> Option<String> {
    let rule = rule_on(&forms.signals, &row.kind, row.raised)?;
    let year = rule.deadline.unknown_kb_year(row.raised, &forms.holidays)?;
    if rule.deadline.due(row.raised, &forms.holidays) != row.deadline {
        return None;
    }
    Some(match lang {
        Lang::Nl => rule.deadline.explain(row.raised, &forms.holidays),
        Lang::En => format!(
            "The days the King makes equal to a holiday for {year} are not known yet, so the deadline of {} may still move later.",
            format_date(row.deadline)
        ),
    })
}

/// Whether the table has room for the severity column.
fn with_severity(w: usize) -> bool {
    w >= 100
}

/// One signal as a table line: a warning sign when overdue, deadline, days left (or
/// "te laat"), severity when there is room, resident, title.
pub fn signal_line(row: &SignalRow, ctx: &Ctx<'_>, w: usize, with_name: bool) -> (String, Style) {
    let days = (row.deadline - ctx.today).num_days();
    let flag = if days < 0 {
        ctx.theme.sym(Sym::Warning)
    } else {
        " "
    };
    let name_w = 20;
    let mut s = format!(
        "{} {}  {}  ",
        pad(flag, 1),
        pad(&format_date(row.deadline), 10),
        pad(&days_left(ctx.lang, days), 16),
    );
    if with_severity(w) {
        s.push_str(&pad(severity_text(ctx.lang, row.severity), 8));
        s.push_str("  ");
    }
    if with_name {
        s.push_str(&pad(
            &truncate(&row.client_name, name_w, &ctx.theme),
            name_w,
        ));
        s.push_str("  ");
    }
    let title_w = w.saturating_sub(super::text::width(&s));
    s.push_str(&truncate(
        &signal_title(ctx.forms, &row.kind, ctx.lang),
        title_w,
        &ctx.theme,
    ));
    (
        truncate(&s, w, &ctx.theme),
        deadline_style(&ctx.theme, row.deadline, ctx.today),
    )
}

/// The column header matching `signal_line`.
pub fn signal_header(lang: Lang, w: usize, with_name: bool) -> String {
    // Room for the selection pointer and the overdue sign.
    let mut s = format!(
        "    {}  {}  ",
        pad(tr(lang, S::ColDeadline), 10),
        pad(tr(lang, S::ColDaysLeft), 16)
    );
    if with_severity(w) {
        s.push_str(&pad(tr(lang, S::ColSeverity), 8));
        s.push_str("  ");
    }
    if with_name {
        s.push_str(&pad(tr(lang, S::ColResident), 20));
        s.push_str("  ");
    }
    s.push_str(tr(lang, S::ColSignal));
    s
}

/// Signals read from the store at a time; more as the selection comes near the end.
pub const LOAD_SIGNALS: usize = 100;

#[derive(Default)]
pub struct SignalsScreen {
    /// The first open signals in the store's order (by deadline, overdue first).
    pub rows: Vec<SignalRow>,
    /// All open signals, and how many of them are overdue.
    pub counts: (u64, u64),
    pub selected: usize,
    pub dialog: Option<NoteDialog>,
}

impl SignalsScreen {
    /// The first `rows` open signals (at least a load's worth) and the counts.
    pub fn load(
        store: &Store,
        today: NaiveDate,
        rows: usize,
    ) -> Result<SignalsScreen, ServiceError> {
        Ok(SignalsScreen {
            rows: service::signals::open_top(store, rows.max(LOAD_SIGNALS))?,
            counts: service::signals::open_counts(store, today)?,
            selected: 0,
            dialog: None,
        })
    }

    /// Read more signals when the selection is within `page` rows of the last one read.
    /// The store gives the first n in order, so the list is read again, twice as long:
    /// scrolling far costs a few reads, not one per screenful.
    pub fn load_ahead(&mut self, store: &Store, page: usize) -> Result<(), ServiceError> {
        let loaded = self.rows.len();
        let more = u64::try_from(loaded).is_ok_and(|n| n < self.counts.0);
        if more && self.selected + page + 1 >= loaded {
            let want = (loaded * 2).max(self.selected + 2 * page).max(LOAD_SIGNALS);
            self.rows = service::signals::open_top(store, want)?;
            self.selected = self.selected.min(self.rows.len().saturating_sub(1));
        }
        Ok(())
    }

    pub fn bindings(&self) -> Vec<Binding> {
        if self.dialog.is_some() {
            return NoteDialog::bindings();
        }
        vec![
            Binding::new("Enter", Action::Open, S::Open).key(KeyCode::Enter),
            Binding::new("F5", Action::HandleSignal, S::HandleSignal)
                .key(KeyCode::F(5))
                .ch('a'),
            Binding::new("Up/Down", Action::Down, S::MoveInList)
                .key(KeyCode::Down)
                .help_only(),
            Binding::new("Up", Action::Up, S::MoveInList)
                .key(KeyCode::Up)
                .hidden(),
            Binding::new("Esc", Action::Back, S::Back).key(KeyCode::Esc),
            Binding::new("?", Action::Help, S::Help).ch('?').hidden(),
        ]
    }

    pub fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx<'_>) {
        let theme = &ctx.theme;
        let (open, overdue) = self.counts;
        let counts_style = if overdue > 0 {
            theme.error()
        } else {
            theme.dim()
        };
        let block = Block::bordered()
            .border_set(theme.border())
            .title(Span::styled(
                format!(" {} ", tr(ctx.lang, S::SignalsScreenTitle)),
                theme.title(),
            ))
            .title_top(
                Line::styled(
                    format!(" {} ", signals_heading(ctx.lang, open, overdue)),
                    counts_style,
                )
                .right_aligned(),
            );
        let inner = block.inner(area);
        f.render_widget(block, area);
        // The selected signal's term note, if any, under the list (at most three lines).
        let note: Vec<String> = self
            .rows
            .get(self.selected)
            .and_then(|r| kb_note(r, ctx.forms, ctx.lang))
            .map(|n| {
                let mut lines = wrap(&n, inner.width.saturating_sub(2) as usize);
                lines.truncate(3);
                lines
            })
            .unwrap_or_default();
        let note_h = u16::try_from(note.len()).unwrap_or(0);
        let (inner, note_area) = if note_h > 0 && inner.height > note_h + 3 {
            (
                Rect::new(inner.x, inner.y, inner.width, inner.height - note_h),
                Some(Rect::new(
                    inner.x,
                    inner.y + inner.height - note_h,
                    inner.width,
                    note_h,
                )),
            )
        } else {
            (inner, None)
        };
        if let Some(a) = note_area {
            let lines: Vec<Line> = note
                .iter()
                .map(|l| Line::styled(format!("  {l}"), theme.dim()))
                .collect();
            f.render_widget(Paragraph::new(lines), a);
        }
        let w = inner.width.saturating_sub(2) as usize;
        let mut lines = Vec::new();
        let header = signal_header(ctx.lang, w, true);
        lines.push(Line::styled(
            truncate(&header, inner.width as usize, theme),
            theme.dim(),
        ));
        if self.rows.is_empty() {
            lines.push(Line::styled(
                format!("  {}", tr(ctx.lang, S::NoOpenSignals)),
                theme.dim(),
            ));
        }
        let rows = (inner.height as usize).saturating_sub(1);
        let first = if self.selected >= rows {
            self.selected + 1 - rows
        } else {
            0
        };
        for (i, r) in self.rows.iter().enumerate().skip(first).take(rows) {
            let (text, style) = signal_line(r, ctx, w, true);
            let selected = i == self.selected;
            let pointer = if selected {
                theme.sym(Sym::Pointer)
            } else {
                " "
            };
            let style = if selected {
                style.patch(theme.selected())
            } else {
                style
            };
            lines.push(Line::from(vec![
                Span::raw(format!("{pointer} ")),
                Span::styled(text, style),
            ]));
        }
        f.render_widget(Paragraph::new(lines), inner);
        if let Some(d) = &self.dialog {
            d.render(f, area, ctx);
        }
    }
}
