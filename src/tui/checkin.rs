//! The check-in (jaargesprek / voortgangsgesprek): wizard sections confirmed "ongewijzigd"
//! with one key, and after the ladder screen the evaluation of the open agreements of the
//! current contract, recorded in the contract when the conversation is saved.

use super::followup_strings::{contract_line, tf, F};
use super::intake::Intake;
use super::intake::Outcome;
use super::keymap::{Action, Binding};
use super::strings::{tr, S};
use super::text::{pad, scroll_line, truncate, wrap};
use super::theme::Sym;
use super::Ctx;
use crate::domain::contract::{AgreementStatus, PartKind};
use crate::domain::date::format_date;
use crate::forms::{FieldError, Lang};
use crate::service::checkin::{Conversation, Evaluation};
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

impl Conversation {
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Conversation::Jaargesprek => tf(lang, F::KindJaargesprek),
            Conversation::Voortgangsgesprek => tf(lang, F::KindVoortgangsgesprek),
        }
    }
}

/// Which part of the screen a field index points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Kind,
    Status(usize),
    Note(usize),
}

impl Evaluation {
    fn field_count(&self) -> usize {
        1 + 2 * self.items.len()
    }

    fn focused(&self) -> Field {
        match self.field {
            0 => Field::Kind,
            n if n % 2 == 1 => Field::Status((n - 1) / 2),
            n => Field::Note((n - 2) / 2),
        }
    }

    fn set_field(&mut self, field: usize) {
        self.field = field.min(self.field_count().saturating_sub(1));
        if let Field::Note(i) = self.focused() {
            self.cursor = self.items.get(i).map_or(0, |it| it.note.chars().count());
        }
    }

    /// Step the focused choice forward or back (status or kind of conversation).
    fn cycle(&mut self, forward: bool) {
        match self.focused() {
            Field::Kind => {
                self.conversation = match self.conversation {
                    Conversation::Jaargesprek => Conversation::Voortgangsgesprek,
                    Conversation::Voortgangsgesprek => Conversation::Jaargesprek,
                }
            }
            Field::Status(i) => {
                if let Some(item) = self.items.get_mut(i) {
                    let all = AgreementStatus::ALL;
                    let pos = all.iter().position(|s| *s == item.status).unwrap_or(0);
                    let next = if forward {
                        (pos + 1) % all.len()
                    } else {
                        (pos + all.len() - 1) % all.len()
                    };
                    item.status = all.get(next).copied().unwrap_or_default();
                }
            }
            Field::Note(_) => {}
        }
    }

    /// A digit: option `n` (1-based) of the focused choice.
    fn pick(&mut self, n: u8) {
        let Some(idx) = usize::from(n).checked_sub(1) else {
            return;
        };
        match self.focused() {
            Field::Kind => {
                if let Some(c) = Conversation::ALL.get(idx) {
                    self.conversation = *c;
                }
            }
            Field::Status(i) => {
                if let (Some(item), Some(s)) =
                    (self.items.get_mut(i), AgreementStatus::ALL.get(idx))
                {
                    item.status = *s;
                }
            }
            Field::Note(_) => {}
        }
    }

    /// Typing in the focused note. Returns true when the note changed.
    fn type_key(&mut self, key: &KeyEvent) -> bool {
        let Field::Note(i) = self.focused() else {
            return false;
        };
        let Some(item) = self.items.get_mut(i) else {
            return false;
        };
        super::text::edit_line(&mut item.note, &mut self.cursor, key)
    }
}

fn status_label(lang: Lang, s: AgreementStatus) -> &'static str {
    tf(
        lang,
        match s {
            AgreementStatus::Open => F::StatusOpen,
            AgreementStatus::Gedaan => F::StatusGedaan,
            AgreementStatus::Deels => F::StatusDeels,
            AgreementStatus::NietGedaan => F::StatusNietGedaan,
            AgreementStatus::Vervallen => F::StatusVervallen,
        },
    )
}

fn part_label(lang: Lang, p: PartKind) -> &'static str {
    tf(
        lang,
        match p {
            PartKind::Sociaal => F::PartSociaal,
            PartKind::Arbeidsfit => F::PartArbeidsfit,
            PartKind::Werk => F::PartWerk,
        },
    )
}

/// The title of a check-in: the chosen kind once the evaluation was reached.
pub fn kind_title(intake: &Intake, lang: Lang) -> &'static str {
    intake
        .evaluation
        .as_ref()
        .map_or(tr(lang, S::KindCheckin), |e| e.conversation.label(lang))
}

/// F4 in the wizard of a check-in: the section is as it was. Marks it complete and moves to
/// the next section; on the last one it goes on to the ladder screen. A section with a
/// problem (say, a question the form added since) is not confirmed: the problem is shown.
pub fn mark_unchanged(intake: &mut Intake, ctx: &Ctx<'_>) -> Outcome {
    let form = &ctx.forms.intake;
    let today = ctx.today;
    intake.leave_field(form, today);
    let Some(section) = form.sections.get(intake.section).map(|s| s.id.clone()) else {
        return Outcome::None;
    };
    let problems: Vec<FieldError> = intake
        .problems(form, today)
        .into_iter()
        .filter(|e| {
            form.section_of(&e.question)
                .is_some_and(|s| s.id == section)
        })
        .collect();
    if let Some(first) = problems.first().cloned() {
        for e in problems {
            intake.errors.insert(e.question.clone(), e);
        }
        intake.jump_to_question(form, today, &first.question);
        return Outcome::Status(S::F(F::UnchangedHasProblems));
    }
    intake.unchanged.insert(section.clone());
    intake.visited.insert(section);
    intake.dirty = true;
    intake.edited = true;
    if intake.jump_section(form, today, 1) {
        return Outcome::Status(S::F(F::UnchangedConfirmed));
    }
    if intake.finish_wizard(ctx.forms, today) {
        Outcome::None
    } else {
        Outcome::Status(S::FixProblems)
    }
}

/// The keys of the evaluation screen, for the focused field.
pub fn bindings(intake: &Intake) -> Vec<Binding> {
    let focused = intake.evaluation.as_ref().map(Evaluation::focused);
    let mut b = Vec::new();
    let choice = matches!(focused, Some(Field::Kind | Field::Status(_)));
    if choice {
        let desc = if focused == Some(Field::Kind) {
            S::Select
        } else {
            S::F(F::ChangeStatus)
        };
        b.push(
            Binding::new("Space", Action::Toggle, desc)
                .ch(' ')
                .key(KeyCode::Right),
        );
        b.push(
            Binding::new("Left", Action::Left, desc)
                .key(KeyCode::Left)
                .hidden(),
        );
        b.push(Binding::new("1-5", Action::Pick(0), S::PickNumber).digits());
    }
    b.push(
        Binding::new("F10", Action::Finish, S::F(F::SaveCheckin))
            .key(KeyCode::F(10))
            .ctrl('s'),
    );
    b.push(Binding::new("Ctrl+S", Action::Finish, S::F(F::SaveCheckin)).help_only());
    b.push(Binding::new("Tab", Action::NextField, S::NextField).key(KeyCode::Tab));
    b.push(Binding::new("Esc", Action::Back, S::F(F::BackToLadder)).key(KeyCode::Esc));
    b.push(Binding::new("Shift+Tab", Action::PrevField, S::PrevField).key(KeyCode::BackTab));
    b.push(
        Binding::new("Enter", Action::EnterNext, S::NextFieldOrLine)
            .key(KeyCode::Enter)
            .help_only(),
    );
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
    if choice {
        b.push(Binding::new("?", Action::Help, S::Help).ch('?').hidden());
    }
    b
}

/// Carry out an action of the evaluation screen.
pub fn act(intake: &mut Intake, ctx: &Ctx<'_>, action: Action) -> Outcome {
    if action == Action::Back {
        intake.enter_ladder(ctx.forms, ctx.today);
        return Outcome::None;
    }
    if action == Action::Finish {
        return Outcome::Save;
    }
    let Some(ev) = intake.evaluation.as_mut() else {
        return Outcome::None;
    };
    let before = ev.clone();
    match action {
        Action::NextField | Action::EnterNext => ev.set_field(ev.field + 1),
        Action::PrevField => ev.set_field(ev.field.saturating_sub(1)),
        Action::Down => {
            let next = if ev.field == 0 { 1 } else { ev.field + 2 };
            if next < ev.field_count() {
                ev.set_field(next);
            }
        }
        Action::Up => {
            ev.set_field(ev.field.saturating_sub(2));
        }
        Action::Toggle | Action::Right => ev.cycle(true),
        Action::Left => ev.cycle(false),
        Action::Pick(n) => ev.pick(n),
        _ => {}
    }
    if *ev != before {
        intake.dirty = true;
        intake.edited = true;
    }
    Outcome::None
}

/// A key no binding took: typing in the focused note.
pub fn input(intake: &mut Intake, key: &KeyEvent) {
    if let Some(ev) = intake.evaluation.as_mut() {
        if ev.type_key(key) {
            intake.dirty = true;
            intake.edited = true;
        }
    }
}

/// Draw the evaluation screen: the kind of conversation, the contract, and per open
/// agreement its status and note, scrolled so the focused one is in view.
pub fn render(f: &mut Frame, area: Rect, intake: &Intake, ctx: &Ctx<'_>) {
    let theme = &ctx.theme;
    let lang = ctx.lang;
    let block = Block::bordered()
        .border_set(theme.border())
        .title(Span::styled(
            format!(" {} ", tf(lang, F::EvaluationTitle)),
            theme.title(),
        ));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let Some(ev) = intake.evaluation.as_ref() else {
        return;
    };
    let w = inner.width as usize;
    let focused = ev.focused();
    let pointer = |on: bool| if on { theme.sym(Sym::Pointer) } else { " " };

    let mut head: Vec<Line> = Vec::new();
    let mut kind = vec![
        Span::raw(format!("{} ", pointer(focused == Field::Kind))),
        Span::styled(
            format!("{}: ", tf(lang, F::ConversationKind)),
            if focused == Field::Kind {
                theme.focus()
            } else {
                theme.normal()
            },
        ),
    ];
    for (i, c) in Conversation::ALL.iter().enumerate() {
        let on = *c == ev.conversation;
        let sym = theme.sym(if on { Sym::RadioOn } else { Sym::RadioOff });
        let style = if on && focused == Field::Kind {
            theme.selected()
        } else {
            theme.normal()
        };
        kind.push(Span::styled(
            format!("{sym} {} {}", i + 1, c.label(lang)),
            style,
        ));
        kind.push(Span::raw("  "));
    }
    head.push(Line::from(kind));
    let mut notes: Vec<String> = Vec::new();
    match &ev.contract {
        None => notes.push(tf(lang, F::NoContract).to_string()),
        Some(c) => {
            let status = if c.agreed {
                tf(lang, F::ContractAgreed)
            } else {
                tf(lang, F::ContractConcept)
            };
            notes.push(contract_line(
                lang,
                c.version,
                status,
                &format_date(c.next_evaluation),
            ));
            if c.agreed {
                notes.push(tf(lang, F::NewVersionNote).to_string());
            }
            if ev.items.is_empty() {
                notes.push(tf(lang, F::NoOpenAgreements).to_string());
            } else {
                notes.push(tf(lang, F::EvaluationIntro).to_string());
            }
        }
    }
    for n in notes {
        for l in wrap(&n, w.saturating_sub(2)) {
            head.push(Line::styled(format!("  {l}"), theme.dim()));
        }
    }
    head.push(Line::raw(""));
    let head_h = (head.len() as u16).min(inner.height);
    f.render_widget(
        Paragraph::new(head),
        Rect::new(inner.x, inner.y, inner.width, head_h),
    );

    // Three lines and a blank per agreement; the focused one stays in view.
    const ROWS: u16 = 4;
    let list_y = inner.y + head_h;
    let list_h = inner.height.saturating_sub(head_h);
    let fit = usize::from((list_h / ROWS).max(1));
    let current = match focused {
        Field::Kind => 0,
        Field::Status(i) | Field::Note(i) => i,
    };
    let first = (current + 1).saturating_sub(fit);
    let note_label = format!("{}: ", tf(lang, F::NoteLabel));
    let status_text = format!("{}: ", tf(lang, F::ColStatus));
    for (i, item) in ev.items.iter().enumerate().skip(first).take(fit) {
        let y = list_y + (i - first) as u16 * ROWS;
        if y >= inner.y + inner.height {
            break;
        }
        let on_item = matches!(focused, Field::Status(j) | Field::Note(j) if j == i);
        let what = format!(
            "{} {}. {}: {}",
            pointer(on_item),
            i + 1,
            part_label(lang, item.part),
            item.what
        );
        let due = item.due.map(format_date).unwrap_or_default();
        let who = if due.is_empty() {
            item.who.clone()
        } else {
            format!("{}, {due}", item.who)
        };
        let status_on = focused == Field::Status(i);
        let status_style = if status_on {
            theme.selected()
        } else {
            theme.normal()
        };
        let label_style = |on: bool| if on { theme.focus() } else { theme.dim() };
        let status_line = Line::from(vec![
            Span::raw("    "),
            Span::styled(status_text.clone(), label_style(status_on)),
            Span::styled(pad(status_label(lang, item.status), 11), status_style),
            Span::styled(
                format!(
                    "  {}",
                    truncate(&who, w.saturating_sub(4 + 8 + 11 + 2), theme)
                ),
                theme.dim(),
            ),
        ]);
        let note_on = focused == Field::Note(i);
        let field_w = w.saturating_sub(4 + super::text::width(&note_label) + 1);
        let (shown, col) = if note_on {
            scroll_line(&item.note, ev.cursor, field_w.saturating_sub(1))
        } else {
            (truncate(&item.note, field_w, theme), 0)
        };
        let note_line = Line::from(vec![
            Span::raw("    "),
            Span::styled(note_label.clone(), label_style(note_on)),
            Span::styled(
                pad(&shown, field_w),
                if note_on {
                    theme.input()
                } else {
                    theme.normal()
                },
            ),
        ]);
        let lines = vec![
            Line::styled(
                truncate(&what, w, theme),
                if on_item {
                    theme.focus()
                } else {
                    theme.normal()
                },
            ),
            status_line,
            note_line,
        ];
        let h = 3.min(inner.y + inner.height - y);
        f.render_widget(Paragraph::new(lines), Rect::new(inner.x, y, inner.width, h));
        if note_on && h == 3 {
            let x = inner.x + (4 + super::text::width(&note_label) + col) as u16;
            f.set_cursor_position((x.min(inner.x + inner.width.saturating_sub(1)), y + 2));
        }
    }
}
