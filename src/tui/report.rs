//! The overview (overzicht) for the council's monitor: residents per rung as a bar chart,
//! movement on the ladder, conversations due, signals, contracts and outflow. Figures only,
//! straight from `Store::report`; never a name.

use super::followup_strings::{tf, F};
use super::keymap::{Action, Binding};
use super::signals::signal_title;
use super::strings::S;
use super::text::{pad, truncate};
use super::Ctx;
use crate::service::{self, ServiceError};
use crate::store::{Report, Store};
use chrono::NaiveDate;
use crossterm::event::KeyCode;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::symbols;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, Block, Paragraph};
use ratatui::Frame;

pub struct ReportScreen {
    pub report: Report,
    /// First signal row shown, when the kinds do not fit.
    pub scroll: usize,
}

const ASCII_BARS: symbols::bar::Set<'static> = symbols::bar::Set {
    full: "#",
    seven_eighths: "#",
    three_quarters: "#",
    five_eighths: "#",
    half: "#",
    three_eighths: "#",
    one_quarter: "#",
    one_eighth: "#",
    empty: " ",
};

impl ReportScreen {
    pub fn load(store: &Store, today: NaiveDate) -> Result<ReportScreen, ServiceError> {
        Ok(ReportScreen {
            report: service::report::report(store, today)?,
            scroll: 0,
        })
    }

    pub fn bindings(&self) -> Vec<Binding> {
        vec![
            Binding::new("Esc", Action::Back, S::Back).key(KeyCode::Esc),
            Binding::new("Up/Down", Action::Down, S::F(F::Scroll))
                .key(KeyCode::Down)
                .help_only(),
            Binding::new("Up", Action::Up, S::F(F::Scroll))
                .key(KeyCode::Up)
                .hidden(),
            Binding::new("?", Action::Help, S::Help).ch('?').hidden(),
        ]
    }

    /// Scroll the signal table; returns true for Back.
    pub fn act(&mut self, action: Action) -> bool {
        match action {
            Action::Up => self.scroll = self.scroll.saturating_sub(1),
            Action::Down => {
                let kinds = self.report.signals_open.len();
                self.scroll = (self.scroll + 1).min(kinds.saturating_sub(1));
            }
            Action::Back => return true,
            _ => {}
        }
        false
    }

    /// Two columns: the ladder (chart, movement, totals) left; signals, contracts and
    /// outflow right. The screen title says there are no names here.
    pub fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx<'_>) {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)])
                .areas(area);
        let [chart, movement, totals] = Layout::vertical([
            Constraint::Min(8),
            Constraint::Length(3),
            Constraint::Length(4),
        ])
        .areas(left);
        let [signals, contracts, outflow] = Layout::vertical([
            Constraint::Min(5),
            Constraint::Length(3),
            Constraint::Length(3),
        ])
        .areas(right);
        self.render_chart(f, chart, ctx);
        self.render_movement(f, movement, ctx);
        self.render_totals(f, totals, ctx);
        self.render_signals(f, signals, ctx);
        self.render_counts(f, contracts, ctx, F::ContractsTitle);
        self.render_counts(f, outflow, ctx, F::OutflowTitle);
    }

    fn block<'a>(&self, title: &'a str, ctx: &Ctx<'_>) -> Block<'a> {
        Block::bordered()
            .border_set(ctx.theme.border())
            .title(Span::styled(format!(" {title} "), ctx.theme.title()))
    }

    fn render_chart(&self, f: &mut Frame, area: Rect, ctx: &Ctx<'_>) {
        let theme = &ctx.theme;
        let block = self.block(tf(ctx.lang, F::PerRungTitle), ctx);
        let inner = block.inner(area);
        f.render_widget(block, area);
        let label_w = (inner.width as usize / 3).max(3);
        let bars: Vec<Bar> = (1..=6u8)
            .map(|n| {
                let name = ctx
                    .forms
                    .ladder
                    .rung(n)
                    .map(|r| r.name.get(ctx.lang).to_string())
                    .unwrap_or_default();
                let label = pad(&truncate(&format!("{n} {name}"), label_w, theme), label_w);
                let value = self
                    .report
                    .per_rung
                    .get(usize::from(n - 1))
                    .copied()
                    .unwrap_or(0);
                Bar::default()
                    .value(value)
                    .label(Line::raw(label))
                    .text_value(value.to_string())
            })
            .collect();
        let (width, gap) = if inner.height >= 17 { (2, 1) } else { (1, 0) };
        let mut chart = BarChart::horizontal(bars)
            .bar_width(width)
            .bar_gap(gap)
            .bar_style(theme.focus())
            .value_style(theme.selected());
        if theme.ascii {
            chart = chart.bar_set(ASCII_BARS);
        }
        f.render_widget(chart, inner);
    }

    fn render_movement(&self, f: &mut Frame, area: Rect, ctx: &Ctx<'_>) {
        let lang = ctx.lang;
        let m = self.report.movement;
        let block = self.block(tf(lang, F::MovementTitle), ctx);
        let text = format!(
            "{} {}   {} {}   {} {}",
            tf(lang, F::MoveUp),
            m.up,
            tf(lang, F::MoveSame),
            m.same,
            tf(lang, F::MoveDown),
            m.down
        );
        let w = block.inner(area).width as usize;
        f.render_widget(
            Paragraph::new(Line::raw(truncate(&text, w, &ctx.theme))).block(block),
            area,
        );
    }

    fn render_totals(&self, f: &mut Frame, area: Rect, ctx: &Ctx<'_>) {
        let lang = ctx.lang;
        let theme = &ctx.theme;
        let block = Block::bordered().border_set(theme.border());
        let w = block.inner(area).width as usize;
        let line = |label: F, value: u64| {
            let label = format!("{}: ", tf(lang, label));
            let value = value.to_string();
            // The figure is never cut: the label gives way.
            let room = w.saturating_sub(super::text::width(&value));
            Line::from(vec![
                Span::styled(truncate(&label, room, theme), theme.dim()),
                Span::raw(value),
            ])
        };
        let lines = vec![
            line(F::ClientsLabel, self.report.clients),
            line(F::DueLabel, self.report.due),
        ];
        f.render_widget(Paragraph::new(lines).block(block), area);
    }

    /// Contracts per status, or outflow per reason, on one line.
    fn render_counts(&self, f: &mut Frame, area: Rect, ctx: &Ctx<'_>, what: F) {
        let lang = ctx.lang;
        let r = &self.report;
        let (map, items): (_, &[(&str, F)]) = match what {
            F::ContractsTitle => (
                &r.contracts,
                &[
                    ("concept", F::ContractConcept),
                    ("vastgesteld", F::ContractAgreed),
                ],
            ),
            _ => (
                &r.outflow,
                &[
                    ("werk", F::OutflowWerk),
                    ("verhuisd", F::OutflowVerhuisd),
                    ("overig", F::OutflowOverig),
                ],
            ),
        };
        let text = items
            .iter()
            .map(|(key, label)| {
                let n = map.get(*key).copied().unwrap_or(0);
                format!("{} {n}", tf(lang, *label))
            })
            .collect::<Vec<_>>()
            .join(", ");
        let block = self.block(tf(lang, what), ctx);
        let w = block.inner(area).width as usize;
        f.render_widget(
            Paragraph::new(Line::raw(truncate(&text, w, &ctx.theme))).block(block),
            area,
        );
    }

    fn render_signals(&self, f: &mut Frame, area: Rect, ctx: &Ctx<'_>) {
        let lang = ctx.lang;
        let theme = &ctx.theme;
        let r = &self.report;
        let overdue_total: u64 = r.signals_overdue.values().sum();
        let title_style = if overdue_total > 0 {
            theme.error()
        } else {
            theme.title()
        };
        let block = Block::bordered()
            .border_set(theme.border())
            .title(Span::styled(
                format!(" {} ", tf(lang, F::SignalsPerKind)),
                title_style,
            ));
        let inner = block.inner(area);
        f.render_widget(block, area);
        let w = inner.width as usize;
        let num_w = [F::ColOpen, F::ColOverdue]
            .iter()
            .map(|c| super::text::width(tf(lang, *c)))
            .max()
            .unwrap_or(7)
            .max(5);
        let kind_w = w.saturating_sub(2 * (num_w + 2)).max(6);
        let row = |kind: &str, open: &str, overdue: &str| {
            format!(
                "{}  {:>num_w$}  {:>num_w$}",
                pad(&truncate(kind, kind_w, theme), kind_w),
                open,
                overdue
            )
        };
        let mut lines = vec![Line::styled(
            row(
                tf(lang, F::ColKind),
                tf(lang, F::ColOpen),
                tf(lang, F::ColOverdue),
            ),
            theme.dim(),
        )];
        if r.signals_open.is_empty() {
            lines.push(Line::styled(tf(lang, F::NoSignals), theme.dim()));
        }
        let open_total: u64 = r.signals_open.values().sum();
        let rows = (inner.height as usize).saturating_sub(2);
        for (kind, open) in r.signals_open.iter().skip(self.scroll).take(rows) {
            let overdue = r.signals_overdue.get(kind).copied().unwrap_or(0);
            let style = if overdue > 0 {
                theme.error()
            } else {
                theme.normal()
            };
            lines.push(Line::styled(
                row(
                    &signal_title(ctx.forms, kind, lang),
                    &open.to_string(),
                    &overdue.to_string(),
                ),
                style,
            ));
        }
        if !r.signals_open.is_empty() {
            lines.push(Line::styled(
                row(
                    tf(lang, F::Total),
                    &open_total.to_string(),
                    &overdue_total.to_string(),
                ),
                theme.title(),
            ));
        }
        f.render_widget(Paragraph::new(lines), inner);
    }
}
