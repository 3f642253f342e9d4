//! The dossier: who the resident is, open signals with their deadline, the conversations,
//! and the ladder history as a small chart plus a list. Read-only when someone else holds
//! the edit lock.

use super::followup_strings::{contract_state, outflow_fact, tf, F};
use super::keymap::{Action, Binding};
use super::outflow::{reason_label, OutflowDialog};
use super::signals::{signal_line, NoteDialog};
use super::strings::{computed_note, locked_by, measurement_line, tr, S};
use super::text::{pad, truncate};
use super::theme::Sym;
use super::Ctx;
use crate::domain::contract::ContractStatus;
use crate::domain::date::format_date;
use crate::domain::facts::age_on;
use crate::forms::Lang;
use crate::service::{self, ServiceError};
use crate::store::{
    ClientId, ContactKind, ContactSummary, ContractSummary, Draft, Lock, Measurement, Resident,
    ResidentStatus, SignalRow, Store,
};
use crossterm::event::KeyCode;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

pub struct Dossier {
    pub resident: Resident,
    pub contacts: Vec<ContactSummary>,
    pub measurements: Vec<Measurement>,
    /// Open signals, by deadline.
    pub signals: Vec<SignalRow>,
    pub lock: Lock,
    /// The newest contract version, in brief.
    pub contract: Option<ContractSummary>,
    /// The lock was held, then lost to a colleague while the dossier was open.
    pub lock_lost: bool,
    pub draft: Option<Draft>,
    pub selected: usize,
    pub dialog: Option<NoteDialog>,
    /// Came from the signals screen: Esc goes back there.
    pub from_signals: bool,
    /// The uitstroom dialog, when open.
    pub outflow: Option<OutflowDialog>,
}

impl Dossier {
    /// Open a dossier: logged by the store, and the edit lock is tried.
    pub fn open(store: &mut Store, id: ClientId) -> Result<Dossier, ServiceError> {
        let (resident, lock) = service::dossier::open(store, id)?;
        let mut d = Dossier {
            resident,
            contacts: Vec::new(),
            measurements: Vec::new(),
            signals: Vec::new(),
            lock,
            contract: None,
            lock_lost: false,
            draft: None,
            selected: 0,
            dialog: None,
            from_signals: false,
            outflow: None,
        };
        d.reload(store)?;
        Ok(d)
    }

    pub fn reload(&mut self, store: &Store) -> Result<(), ServiceError> {
        let c = service::dossier::contents(store, self.resident.id)?;
        self.contacts = c.contacts;
        self.measurements = c.measurements;
        self.signals = c.open_signals;
        self.selected = self.selected.min(self.signals.len().saturating_sub(1));
        self.contract = c.contract;
        self.draft = c.draft;
        Ok(())
    }

    pub fn read_only(&self) -> bool {
        self.lock_lost || matches!(self.lock, Lock::HeldBy { .. })
    }

    /// The kind of the next conversation: an intake first, check-ins after.
    pub fn next_kind(&self) -> ContactKind {
        if self.contacts.is_empty() {
            ContactKind::Intake
        } else {
            ContactKind::Checkin
        }
    }

    pub fn bindings(&self) -> Vec<Binding> {
        if let Some(o) = &self.outflow {
            return o.bindings();
        }
        if self.dialog.is_some() {
            return NoteDialog::bindings();
        }
        let mut b = Vec::new();
        if !self.read_only() {
            let desc = if self.draft.is_some() {
                S::ContinueDraft
            } else {
                S::NewContact
            };
            b.push(
                Binding::new("F2", Action::NewContact, desc)
                    .key(KeyCode::F(2))
                    .ctrl('n'),
            );
            if !self.signals.is_empty() {
                b.push(
                    Binding::new("F5", Action::HandleSignal, S::HandleSignal)
                        .key(KeyCode::F(5))
                        .ch('a'),
                );
            }
        }
        b.push(Binding::new("F4", Action::OpenContract, S::ContractOpen).key(KeyCode::F(4)));
        if self.signals.len() > 1 {
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
        }
        b.push(Binding::new("Esc", Action::Back, S::Back).key(KeyCode::Esc));
        // Rare: after Esc, so at 80 columns the bar keeps the way back.
        if !self.read_only() {
            b.push(Binding::new("F8", Action::Outflow, S::F(F::Outflow)).key(KeyCode::F(8)));
        }
        b.push(Binding::new("F9", Action::Inzage, S::InzageKey).key(KeyCode::F(9)));
        b.push(Binding::new("?", Action::Help, S::Help).ch('?').hidden());
        b
    }

    pub fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx<'_>) {
        let theme = &ctx.theme;
        let r = &self.resident;
        let mut head: Vec<Line> = Vec::new();
        let mut facts = Vec::new();
        if let Some(bsn) = &r.bsn {
            facts.push(format!("{} {bsn}", tr(ctx.lang, S::BsnLabel)));
        }
        if let Some(b) = r.birth_date {
            facts.push(format!(
                "{} {} ({})",
                tr(ctx.lang, S::BornLabel),
                format_date(b),
                age_on(b, ctx.today)
            ));
        }
        if !r.phone.is_empty() {
            facts.push(format!("{} {}", tr(ctx.lang, S::PhoneLabel), r.phone));
        }
        if !r.email.is_empty() {
            facts.push(format!("{} {}", tr(ctx.lang, S::EmailLabel), r.email));
        }
        let w = area.width.saturating_sub(2) as usize;
        head.push(Line::raw(truncate(&facts.join("   "), w, theme)));
        if let Some(c) = &self.contract {
            let status = tf(
                ctx.lang,
                match c.status {
                    ContractStatus::Concept => F::ContractConcept,
                    ContractStatus::Vastgesteld => F::ContractAgreed,
                },
            );
            let agreed = c.agreed_on.map(format_date);
            let evaluation = c.next_evaluation.map(format_date);
            let line = contract_state(
                ctx.lang,
                c.version,
                status,
                agreed.as_deref(),
                evaluation.as_deref(),
            );
            // An evaluation date that has passed is what the consultant must act on.
            let style = if c.next_evaluation.is_some_and(|d| d < ctx.today) {
                theme.warn()
            } else {
                theme.normal()
            };
            head.push(Line::styled(truncate(&line, w, theme), style));
        }
        if let (ResidentStatus::Outflow, Some(date)) = (r.status, r.outflow_date) {
            let reason = reason_label(ctx.lang, r.outflow_reason.as_deref().unwrap_or("overig"));
            head.push(Line::styled(
                truncate(
                    &outflow_fact(ctx.lang, reason, &format_date(date)),
                    w,
                    theme,
                ),
                theme.warn(),
            ));
        }
        if let Lock::HeldBy {
            staff,
            workstation,
            since,
        } = &self.lock
        {
            let since = since.format("%d-%m-%Y %H:%M").to_string();
            head.push(Line::styled(
                truncate(&locked_by(ctx.lang, staff, workstation, &since), w, theme),
                theme.warn(),
            ));
        } else if self.draft.is_some() {
            head.push(Line::styled(
                truncate(tr(ctx.lang, S::DraftWaiting), w, theme),
                theme.warn(),
            ));
        }
        let head_h = head.len() as u16 + 2;
        let sig_rows = self.signals.len().clamp(1, 4) as u16;
        let [head_area, sig_area, rest] = Layout::vertical([
            Constraint::Length(head_h),
            Constraint::Length(sig_rows + 2),
            Constraint::Min(5),
        ])
        .areas(area);
        let name = format!("{} {}", r.first_names, r.surname);
        f.render_widget(
            Paragraph::new(head).block(
                Block::bordered()
                    .border_set(theme.border())
                    .title(Span::styled(format!(" {} ", name.trim()), theme.title())),
            ),
            head_area,
        );
        self.render_signals(f, sig_area, ctx);
        // Wide: "dd-mm-jjjj  Voortgangsgesprek  3" and a staff name of ten.
        let contacts_w = if rest.width >= 110 { 48 } else { 30 };
        let [contacts_area, history_area] =
            Layout::horizontal([Constraint::Length(contacts_w), Constraint::Min(20)]).areas(rest);
        self.render_contacts(f, contacts_area, ctx);
        self.render_history(f, history_area, ctx);
        if let Some(d) = &self.dialog {
            d.render(f, area, ctx);
        }
        if let Some(o) = &self.outflow {
            o.render(f, area, ctx);
        }
    }

    fn render_signals(&self, f: &mut Frame, area: Rect, ctx: &Ctx<'_>) {
        let theme = &ctx.theme;
        let overdue = self.signals.iter().any(|s| s.deadline < ctx.today);
        let title_style = if overdue {
            theme.error()
        } else {
            theme.title()
        };
        let block = Block::bordered()
            .border_set(theme.border())
            .title(Span::styled(
                format!(
                    " {} ({}) ",
                    tr(ctx.lang, S::SignalsTitle),
                    self.signals.len()
                ),
                title_style,
            ));
        let inner = block.inner(area);
        f.render_widget(block, area);
        let mut lines = Vec::new();
        if self.signals.is_empty() {
            lines.push(Line::styled(
                format!("  {}", tr(ctx.lang, S::NoOpenSignals)),
                theme.dim(),
            ));
        }
        let rows = inner.height as usize;
        let first = if self.selected >= rows {
            self.selected + 1 - rows
        } else {
            0
        };
        let w = inner.width.saturating_sub(2) as usize;
        for (i, s) in self.signals.iter().enumerate().skip(first).take(rows) {
            let (text, style) = signal_line(s, ctx, w, false);
            let selected = i == self.selected && self.signals.len() > 1;
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
    }

    fn render_contacts(&self, f: &mut Frame, area: Rect, ctx: &Ctx<'_>) {
        let theme = &ctx.theme;
        let block = Block::bordered()
            .border_set(theme.border())
            .title(Span::styled(
                format!(" {} ", tr(ctx.lang, S::ContactsTitle)),
                theme.title(),
            ));
        let inner = block.inner(area);
        f.render_widget(block, area);
        let w = inner.width as usize;
        let mut lines = Vec::new();
        if self.contacts.is_empty() {
            lines.push(Line::styled(tr(ctx.lang, S::NoContacts), theme.dim()));
        }
        // The kinds in one column as wide as its longest name; in the narrow list a
        // voortgangsgesprek is "Voortgang", so date, kind and rung fit.
        let kinds = [
            ContactKind::Intake,
            ContactKind::Checkin,
            ContactKind::Voortgang,
        ];
        let kind_w = |short: bool| {
            kinds
                .iter()
                .map(|k| super::text::width(kind_label(ctx.lang, *k, short)))
                .max()
                .unwrap_or(0)
        };
        let short = 10 + 2 + kind_w(false) + 2 + 1 > w;
        let kind_w = kind_w(short);
        for c in self.contacts.iter().take(inner.height as usize) {
            let rung = c.rung.map(|r| r.to_string()).unwrap_or_default();
            let mut text = format!(
                "{}  {}  {}",
                format_date(c.date),
                pad(kind_label(ctx.lang, c.kind, short), kind_w),
                pad(&rung, 1),
            );
            // Who, only when the whole name fits: a cut-off name helps nobody.
            if super::text::width(&text) + 2 + super::text::width(&c.staff) <= w {
                text.push_str("  ");
                text.push_str(&c.staff);
            }
            lines.push(Line::raw(truncate(&text, w, theme)));
        }
        f.render_widget(Paragraph::new(lines), inner);
    }

    fn render_history(&self, f: &mut Frame, area: Rect, ctx: &Ctx<'_>) {
        let theme = &ctx.theme;
        let block = Block::bordered()
            .border_set(theme.border())
            .title(Span::styled(
                format!(" {} ", tr(ctx.lang, S::HistoryTitle)),
                theme.title(),
            ));
        let inner = block.inner(area);
        f.render_widget(block, area);
        let w = inner.width as usize;
        if self.measurements.is_empty() {
            f.render_widget(
                Paragraph::new(Line::styled(tr(ctx.lang, S::NoMeasurements), theme.dim())),
                inner,
            );
            return;
        }
        let mut lines = chart_lines(&self.measurements, w, ctx);
        let room = (inner.height as usize).saturating_sub(lines.len());
        for m in self.measurements.iter().rev().take(room) {
            let mut text = format!(
                "{}  {}",
                format_date(m.date),
                measurement_line(ctx.lang, m.chosen, m.expected, m.horizon_months)
            );
            if m.chosen != m.computed {
                text.push(' ');
                text.push_str(&computed_note(ctx.lang, m.computed));
            }
            lines.push(Line::raw(truncate(&text, w, theme)));
        }
        // The latest explanation, when there is room for it.
        if let Some(last) = self.measurements.last() {
            let expl = super::text::wrap(&last.explanation, w);
            if lines.len() + 1 + expl.len() <= inner.height as usize {
                lines.push(Line::raw(""));
                lines.extend(expl.into_iter().map(|l| Line::styled(l, theme.dim())));
            }
        }
        f.render_widget(Paragraph::new(lines), inner);
    }
}

/// What a contact was: intake, jaargesprek or voortgangsgesprek (`short`: "Voortgang").
fn kind_label(lang: Lang, kind: ContactKind, short: bool) -> &'static str {
    match kind {
        ContactKind::Intake => tr(lang, S::KindIntake),
        ContactKind::Checkin => tf(lang, F::KindJaargesprek),
        ContactKind::Voortgang if short => tf(lang, F::KindVoortgangShort),
        ContactKind::Voortgang => tf(lang, F::KindVoortgangsgesprek),
    }
}

/// A small chart: rung (1-6) against date, one column per measurement (the latest that
/// fit), with the year (or month-year when a year repeats) below.
fn chart_lines<'a>(ms: &[Measurement], w: usize, ctx: &Ctx<'_>) -> Vec<Line<'a>> {
    let theme = &ctx.theme;
    let cell = 6usize;
    let fit = (w.saturating_sub(3) / cell).max(1);
    let shown: Vec<&Measurement> = ms.iter().skip(ms.len().saturating_sub(fit)).collect();
    let years: Vec<i32> = shown
        .iter()
        .map(|m| chrono::Datelike::year(&m.date))
        .collect();
    let unique = years
        .iter()
        .collect::<std::collections::BTreeSet<_>>()
        .len()
        == years.len();
    let (vbar, corner, hbar) = if theme.ascii {
        ("|", "+", "-")
    } else {
        ("│", "└", "─")
    };
    let mut lines = Vec::new();
    for rung in (1..=6u8).rev() {
        let mut spans = vec![Span::styled(format!("{rung}{vbar}"), theme.dim())];
        for m in &shown {
            if m.chosen == rung {
                spans.push(Span::styled(
                    format!("  {}   ", theme.sym(Sym::Point)),
                    theme.focus(),
                ));
            } else {
                spans.push(Span::raw(" ".repeat(cell)));
            }
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::styled(
        format!(" {corner}{}", hbar.repeat(shown.len() * cell)),
        theme.dim(),
    ));
    let labels: String = shown
        .iter()
        .map(|m| {
            let l = if unique {
                m.date.format("%Y").to_string()
            } else {
                m.date.format("%m-%y").to_string()
            };
            pad(&l, cell)
        })
        .collect();
    lines.push(Line::styled(format!("  {labels}"), theme.dim()));
    lines
}
