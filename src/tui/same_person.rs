//! The question before a new intake becomes a second dossier of someone already known:
//! the same BSN (only the existing dossier can be opened), or the same surname and date
//! of birth (open that dossier, or save a new resident anyway).

use super::keymap::{Action, Binding};
use super::strings::{same_person_text, tr, S};
use super::text::{truncate, wrap};
use super::Ctx;
use crate::domain::date::format_date;
use crate::store::ClientId;
use chrono::NaiveDate;
use crossterm::event::KeyCode;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;

pub use crate::service::intake::Likeness;

#[derive(Debug, Clone, PartialEq)]
pub struct SamePerson {
    pub likeness: Likeness,
    pub client: ClientId,
    /// "Jan Voorbeeld"
    pub name: String,
    pub birth: Option<NaiveDate>,
    /// How many other residents match as well (surname and date of birth only).
    pub others: usize,
}

impl SamePerson {
    pub fn new(
        likeness: Likeness,
        client: ClientId,
        first_names: &str,
        surname: &str,
        birth: Option<NaiveDate>,
        others: usize,
    ) -> SamePerson {
        SamePerson {
            likeness,
            client,
            name: format!("{} {}", first_names.trim(), surname.trim())
                .trim()
                .to_string(),
            birth,
            others,
        }
    }

    pub fn bindings(&self) -> Vec<Binding> {
        let mut b =
            vec![Binding::new("Enter", Action::Open, S::OpenExistingDossier).key(KeyCode::Enter)];
        if self.likeness == Likeness::Name {
            b.push(
                Binding::new("F10", Action::Confirm, S::SaveAsNewResident)
                    .key(KeyCode::F(10))
                    .ctrl('s'),
            );
        }
        b.push(Binding::new("Esc", Action::Cancel, S::BackToIntake).key(KeyCode::Esc));
        b
    }

    pub fn render(&self, f: &mut Frame, area: Rect, ctx: &Ctx<'_>) {
        let theme = &ctx.theme;
        let lang = ctx.lang;
        let w = area.width.saturating_sub(8).min(64);
        let iw = usize::from(w.saturating_sub(4));
        let birth = self.birth.map(format_date);
        let text = same_person_text(
            lang,
            self.likeness == Likeness::Bsn,
            &self.name,
            self.client,
            birth.as_deref(),
            self.others,
        );
        let mut lines: Vec<Line> = wrap(&text, iw).into_iter().map(Line::raw).collect();
        lines.push(Line::raw(""));
        // The choices in full; the hint bar has them in brief.
        for b in self.bindings() {
            let long = match b.action {
                Action::Open => S::OpenExistingDossierLong,
                Action::Confirm => S::SaveAsNewResidentLong,
                _ => S::BackToIntakeLong,
            };
            let key = format!("{:<6} ", b.label);
            lines.push(Line::from(vec![
                Span::styled(key, theme.key()),
                Span::raw(truncate(tr(lang, long), iw.saturating_sub(7), theme)),
            ]));
        }
        let title = if self.likeness == Likeness::Bsn {
            S::KnownBsnTitle
        } else {
            S::MaybeSamePersonTitle
        };
        // The lines, one blank line of air and the border.
        let h = (lines.len() as u16 + 2).min(area.height);
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
                format!(" {} ", tr(lang, title)),
                theme.title(),
            ));
        let inner = block.inner(rect);
        f.render_widget(block, rect);
        let inner = Rect::new(
            inner.x + 1,
            inner.y,
            inner.width.saturating_sub(2),
            inner.height,
        );
        f.render_widget(Paragraph::new(lines), inner);
    }
}
