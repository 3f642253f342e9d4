//! The dialog that marks a resident uitgestroomd (left benefits: to work, moved, other) with
//! a date, or makes an uitgestroomd resident active again.

use super::followup_strings::{tf, F};
use super::keymap::{Action, Binding};
use super::strings::S;
use super::text::{pad, scroll_line, truncate};
use super::theme::Sym;
use super::Ctx;
use crate::domain::date::{format_date, parse_date};
use crate::store::ClientId;
use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;

/// The reasons the store accepts, in the order shown.
pub const REASONS: [&str; 3] = ["werk", "verhuisd", "overig"];

pub struct OutflowDialog {
    pub client: ClientId,
    /// Offer "weer actief" as a fourth choice (the resident is uitgestroomd now).
    pub can_undo: bool,
    /// Index into the reasons (3 is "weer actief").
    pub reason: usize,
    pub date: String,
    pub cursor: usize,
    /// 0: the reason list, 1: the date.
    pub field: usize,
    pub error: Option<F>,
}

/// What confirming asks the store to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutflowChoice {
    Left {
        reason: &'static str,
        date: NaiveDate,
    },
    Active,
}

pub fn reason_label(lang: crate::forms::Lang, reason: &str) -> &'static str {
    match reason {
        "werk" => tf(lang, F::OutflowWerk),
        "verhuisd" => tf(lang, F::OutflowVerhuisd),
        _ => tf(lang, F::OutflowOverig),
    }
}

impl OutflowDialog {
    /// `current`: the resident's outflow reason, if uitgestroomd.
    pub fn new(client: ClientId, current: Option<&str>, today: NaiveDate) -> OutflowDialog {
        let date = format_date(today);
        OutflowDialog {
            client,
            can_undo: current.is_some(),
            reason: current
                .and_then(|r| REASONS.iter().position(|x| *x == r))
                .unwrap_or(0),
            cursor: date.chars().count(),
            date,
            field: 0,
            error: None,
        }
    }

    fn choices(&self) -> usize {
        REASONS.len() + usize::from(self.can_undo)
    }

    pub fn bindings(&self) -> Vec<Binding> {
        let mut b = Vec::new();
        if self.field == 0 {
            b.push(Binding::new("1-4", Action::Pick(0), S::PickNumber).digits());
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
        b.push(
            Binding::new("F10", Action::Confirm, S::Confirm)
                .key(KeyCode::F(10))
                .ctrl('s'),
        );
        b.push(Binding::new("Tab", Action::NextField, S::NextField).key(KeyCode::Tab));
        b.push(
            Binding::new("Shift+Tab", Action::PrevField, S::PrevField)
                .key(KeyCode::BackTab)
                .help_only(),
        );
        b.push(Binding::new("Esc", Action::Cancel, S::Cancel).key(KeyCode::Esc));
        if self.field == 0 {
            b.push(Binding::new("?", Action::Help, S::Help).ch('?').hidden());
        }
        b
    }

    /// An action; `Some` when the dialog is confirmed with a valid choice.
    pub fn act(&mut self, action: Action) -> Option<OutflowChoice> {
        match action {
            Action::Up => self.reason = self.reason.saturating_sub(1),
            Action::Down => self.reason = (self.reason + 1).min(self.choices() - 1),
            Action::Pick(n) => {
                let idx = usize::from(n).saturating_sub(1);
                if n > 0 && idx < self.choices() {
                    self.reason = idx;
                } else {
                    self.error = Some(F::OutflowChooseReason);
                }
            }
            Action::NextField | Action::PrevField => self.field = 1 - self.field.min(1),
            Action::Confirm => return self.confirm(),
            _ => {}
        }
        None
    }

    fn confirm(&mut self) -> Option<OutflowChoice> {
        let Some(reason) = REASONS.get(self.reason) else {
            return Some(OutflowChoice::Active);
        };
        match parse_date(&self.date) {
            Ok(date) => Some(OutflowChoice::Left { reason, date }),
            Err(_) => {
                self.error = Some(F::OutflowDateInvalid);
                self.field = 1;
                None
            }
        }
    }

    /// Typing in the date field.
    pub fn input(&mut self, key: &KeyEvent) {
        if self.field != 1 {
            return;
        }
        let mut chars: Vec<char> = self.date.chars().collect();
        let mut cursor = self.cursor.min(chars.len());
        let plain = !key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        match key.code {
            KeyCode::Char(c) if plain && !c.is_control() && chars.len() < 20 => {
                chars.insert(cursor, c);
                cursor += 1;
            }
            KeyCode::Backspace if cursor > 0 => {
                cursor -= 1;
                chars.remove(cursor);
            }
            KeyCode::Delete if cursor < chars.len() => {
                chars.remove(cursor);
            }
            KeyCode::Left => cursor = cursor.saturating_sub(1),
            KeyCode::Right => cursor = (cursor + 1).min(chars.len()),
            KeyCode::Home => cursor = 0,
            KeyCode::End => cursor = chars.len(),
            _ => {}
        }
        self.cursor = cursor;
        self.date = chars.into_iter().collect();
        self.error = None;
    }

    pub fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx<'_>) {
        let theme = &ctx.theme;
        let lang = ctx.lang;
        let w = area.width.saturating_sub(8).min(60);
        // Title, the choices, a blank, the date and a line for a problem, plus the border.
        let h = (6 + self.choices() as u16).min(area.height);
        let rect = Rect::new(
            area.x + (area.width.saturating_sub(w)) / 2,
            area.y + (area.height.saturating_sub(h)) / 2,
            w,
            h,
        );
        f.render_widget(Clear, rect);
        let block = Block::bordered()
            .border_set(theme.border())
            .title(Span::styled(
                format!(" {} ", tf(lang, F::OutflowDialogTitle)),
                theme.title(),
            ));
        let inner = block.inner(rect);
        f.render_widget(block, rect);
        let iw = inner.width as usize;
        let label_style = |on: bool| if on { theme.focus() } else { theme.normal() };
        let pointer = |on: bool| if on { theme.sym(Sym::Pointer) } else { " " };
        let mut lines = vec![Line::from(vec![
            Span::raw(format!("{} ", pointer(self.field == 0))),
            Span::styled(
                tf(lang, F::OutflowReasonLabel),
                label_style(self.field == 0),
            ),
        ])];
        for i in 0..self.choices() {
            let label = REASONS
                .get(i)
                .map_or(tf(lang, F::BackToActive), |r| reason_label(lang, r));
            let on = i == self.reason;
            let sym = theme.sym(if on { Sym::RadioOn } else { Sym::RadioOff });
            let style = if on && self.field == 0 {
                theme.selected()
            } else {
                theme.normal()
            };
            lines.push(Line::from(vec![
                Span::raw("  "),
                Span::styled(
                    truncate(
                        &format!("{sym} {} {label}", i + 1),
                        iw.saturating_sub(2),
                        theme,
                    ),
                    style,
                ),
            ]));
        }
        lines.push(Line::raw(""));
        let date_label = format!("{}: ", tf(lang, F::OutflowDateLabel));
        let lw = 2 + super::text::width(&date_label);
        let field_w = iw.saturating_sub(lw).min(14);
        let (shown, col) = scroll_line(&self.date, self.cursor, field_w.saturating_sub(1));
        let active = self.reason < REASONS.len();
        lines.push(Line::from(vec![
            Span::raw(format!("{} ", pointer(self.field == 1))),
            Span::styled(
                date_label,
                if active {
                    label_style(self.field == 1)
                } else {
                    theme.dim()
                },
            ),
            Span::styled(pad(&shown, field_w), theme.input()),
        ]));
        let date_row = lines.len() as u16 - 1;
        if let Some(e) = self.error {
            lines.push(Line::styled(
                truncate(
                    &format!("{} {}", theme.sym(Sym::Warning), tf(lang, e)),
                    iw,
                    theme,
                ),
                theme.error(),
            ));
        }
        f.render_widget(Paragraph::new(lines), inner);
        if self.field == 1 && date_row < inner.height {
            f.set_cursor_position((inner.x + (lw + col) as u16, inner.y + date_row));
        }
    }
}
