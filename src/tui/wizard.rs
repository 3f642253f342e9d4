//! The intake wizard: section list with progress marks, the questions of one section with
//! an editor per kind, inline errors; plus the field panel the ladder screen reuses.

use super::checkin;
use super::followup_strings::{tf, F};
pub use super::intake::Outcome;
use super::intake::{Intake, Mark, View, LADDER_REASON};
use super::keymap::{Action, Binding};
use super::strings::{tr, S};
use super::text::{scroll_line, truncate, wrap};
use super::theme::Sym;
use super::Ctx;
use crate::domain::money::format_cents;
use crate::domain::Value;
use crate::forms::{FormDef, Kind, Question};
use crossterm::event::KeyCode;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

/// The keys the wizard or ladder screen offers right now, depending on the focused field.
pub fn bindings(intake: &Intake, form: &FormDef) -> Vec<Binding> {
    if let Some(found) = &intake.same_person {
        return found.bindings();
    }
    if intake.view == View::Evaluation {
        return checkin::bindings(intake);
    }
    let kind = intake.focused_kind(form);
    let checkin = intake.kind.is_checkin();
    let finish = match (intake.view, checkin) {
        (View::Ladder, true) => S::F(F::ToEvaluation),
        (View::Ladder, false) => S::SaveIntake,
        _ => S::Finish,
    };
    // The focused editor's own keys first: they matter most in the hint bar.
    let mut b = Vec::new();
    let list = matches!(kind, Some(Kind::Choice | Kind::Multi));
    if list {
        let desc = if kind == Some(&Kind::Multi) {
            S::Toggle
        } else {
            S::Select
        };
        b.push(Binding::new("Space", Action::Toggle, desc).ch(' '));
        b.push(Binding::new("1-9", Action::Pick(0), S::PickNumber).digits());
    }
    if kind == Some(&Kind::YesNo) {
        b.push(Binding::new("j", Action::Yes, S::Yes).ch('j').ch('y'));
        b.push(Binding::new("n", Action::No, S::No).ch('n'));
        b.push(
            Binding::new("Space", Action::Toggle, S::Toggle)
                .ch(' ')
                .key(KeyCode::Left)
                .key(KeyCode::Right)
                .help_only(),
        );
    }
    if matches!(kind, Some(Kind::YesNo | Kind::Choice | Kind::Multi)) {
        b.push(
            Binding::new("Del", Action::Clear, S::ClearAnswer)
                .key(KeyCode::Delete)
                .key(KeyCode::Backspace)
                .help_only(),
        );
    }
    if checkin && intake.view == View::Wizard {
        b.push(
            Binding::new("F4", Action::Unchanged, S::F(F::Unchanged))
                .key(KeyCode::F(4))
                .ctrl('o'),
        );
        b.push(Binding::new("Ctrl+O", Action::Unchanged, S::F(F::Unchanged)).help_only());
    }
    b.push(
        Binding::new("F10", Action::Finish, finish)
            .key(KeyCode::F(10))
            .ctrl('s'),
    );
    b.push(Binding::new("Ctrl+S", Action::Finish, finish).help_only());
    b.push(Binding::new("Tab", Action::NextField, S::NextField).key(KeyCode::Tab));
    let textarea = kind == Some(&Kind::Textarea);
    let esc = if textarea { S::LeaveText } else { S::Back };
    b.push(Binding::new("Esc", Action::Back, esc).key(KeyCode::Esc));
    if intake.view == View::Wizard {
        b.push(Binding::new("PgDn", Action::NextSection, S::NextSection).key(KeyCode::PageDown));
    }
    b.push(Binding::new("Shift+Tab", Action::PrevField, S::PrevField).key(KeyCode::BackTab));
    if intake.view == View::Wizard {
        b.push(Binding::new("PgUp", Action::PrevSection, S::PrevSection).key(KeyCode::PageUp));
    }
    if !textarea && kind.is_some() {
        // In a text box Enter and the arrows edit the text.
        b.push(
            Binding::new("Enter", Action::EnterNext, S::NextFieldOrLine)
                .key(KeyCode::Enter)
                .help_only(),
        );
        let (up, down) = if list {
            (S::MoveInList, S::MoveInList)
        } else {
            (S::PrevField, S::NextField)
        };
        b.push(
            Binding::new("Up", Action::Up, up)
                .key(KeyCode::Up)
                .help_only(),
        );
        b.push(
            Binding::new("Down", Action::Down, down)
                .key(KeyCode::Down)
                .help_only(),
        );
    }
    let typing = matches!(kind, Some(k) if k == &Kind::Textarea || is_line(k));
    if !typing {
        b.push(Binding::new("?", Action::Help, S::Help).ch('?').hidden());
    }
    b
}

fn is_line(k: &Kind) -> bool {
    matches!(
        k,
        Kind::Text { .. } | Kind::Integer { .. } | Kind::Money | Kind::Date | Kind::Bsn
    )
}

/// Carry out an action of the wizard or the ladder screen.
pub fn act(intake: &mut Intake, ctx: &Ctx<'_>, action: Action) -> Outcome {
    if intake.view == View::Evaluation {
        return checkin::act(intake, ctx, action);
    }
    let form = &ctx.forms.intake;
    let today = ctx.today;
    match action {
        Action::NextField => {
            let moved = intake.move_field(form, today, 1);
            if !moved && intake.view == View::Wizard {
                return Outcome::Status(S::LastSection);
            }
        }
        Action::PrevField => {
            intake.move_field(form, today, -1);
        }
        Action::EnterNext => {
            // Enter only moves on: skipping an optional list must not answer it.
            let moved = intake.move_field(form, today, 1);
            if !moved && intake.view == View::Wizard {
                return Outcome::Status(S::LastSection);
            }
        }
        Action::Up => {
            if intake.list_can_move(form, -1) {
                intake.move_list(-1);
            } else {
                intake.move_field(form, today, -1);
            }
        }
        Action::Down => {
            if intake.list_can_move(form, 1) {
                intake.move_list(1);
            } else if !intake.move_field(form, today, 1) && intake.view == View::Wizard {
                return Outcome::Status(S::LastSection);
            }
        }
        Action::NextSection => {
            let moved = intake.jump_section(form, today, 1);
            if !moved {
                return Outcome::Status(S::LastSection);
            }
        }
        Action::PrevSection => {
            let moved = intake.jump_section(form, today, -1);
            if !moved {
                return Outcome::Status(S::FirstSection);
            }
        }
        Action::Toggle => intake.toggle(form),
        Action::Pick(n) => intake.pick_number(form, n),
        Action::Yes => intake.set_yes_no(form, true),
        Action::No => intake.set_yes_no(form, false),
        Action::Clear => intake.clear_answer(form),
        Action::Back => {
            if intake.focused_kind(form) == Some(&Kind::Textarea) {
                // Esc leaves the text box for the next question; it never closes the intake.
                intake.move_field(form, today, 1);
            } else if intake.view == View::Ladder {
                intake.leave_field(form, today);
                let last = intake
                    .wizard_sections(form)
                    .into_iter()
                    .rev()
                    .find(|&i| intake.section_visible(form, i, today));
                if let Some(l) = last {
                    intake.go_to_section(form, today, l);
                }
            } else {
                intake.leave_field(form, today);
                return Outcome::Close;
            }
        }
        Action::Unchanged if intake.kind.is_checkin() => {
            return checkin::mark_unchanged(intake, ctx);
        }
        Action::Finish => {
            if intake.view == View::Ladder {
                intake.leave_field(form, today);
                if intake.kind.is_checkin() {
                    return Outcome::Evaluate;
                }
                return Outcome::Save;
            }
            if !intake.finish_wizard(ctx.forms, today) {
                return Outcome::Status(S::FixProblems);
            }
        }
        _ => {}
    }
    Outcome::None
}

/// Draw the wizard: sections on the left, the current section's questions on the right.
pub fn render(f: &mut Frame, area: Rect, intake: &Intake, ctx: &Ctx<'_>) {
    let form = &ctx.forms.intake;
    let left_w = if area.width >= 110 { 30 } else { 26 };
    let [left, right] =
        Layout::horizontal([Constraint::Length(left_w), Constraint::Min(20)]).areas(area);
    render_sections(f, left, intake, ctx);
    let section = form.sections.get(intake.section);
    let mut title = section
        .map(|s| s.title.get(ctx.lang).to_string())
        .unwrap_or_default();
    if section.is_some_and(|s| intake.unchanged.contains(&s.id)) {
        title = format!(
            "{title} {} {}",
            ctx.theme.sym(Sym::Dot),
            tf(ctx.lang, F::SectionUnchanged)
        );
    }
    let block = Block::bordered()
        .border_set(ctx.theme.border())
        .title(Span::styled(format!(" {title} "), ctx.theme.title()));
    let inner = block.inner(right);
    f.render_widget(block, right);
    let mut intro_lines: Vec<Line> = Vec::new();
    if let Some(intro) = section.and_then(|s| s.intro.as_ref()) {
        for l in wrap(intro.get(ctx.lang), inner.width as usize)
            .into_iter()
            .take(2)
        {
            intro_lines.push(Line::styled(l, ctx.theme.dim()));
        }
    }
    let intro_h = intro_lines.len() as u16;
    let [intro_area, fields_area] =
        Layout::vertical([Constraint::Length(intro_h), Constraint::Min(1)]).areas(inner);
    f.render_widget(Paragraph::new(intro_lines), intro_area);
    let fields = intake.fields(form, ctx.today);
    render_fields(f, fields_area, intake, ctx, &fields);
}

fn render_sections(f: &mut Frame, area: Rect, intake: &Intake, ctx: &Ctx<'_>) {
    let form = &ctx.forms.intake;
    let block = Block::bordered()
        .border_set(ctx.theme.border())
        .title(Span::styled(
            format!(" {} ", tr(ctx.lang, S::SectionsTitle)),
            ctx.theme.title(),
        ));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = inner.width as usize;
    let mut lines = Vec::new();
    for idx in intake.wizard_sections(form) {
        let Some(s) = form.sections.get(idx) else {
            continue;
        };
        let mark = intake.section_mark(form, idx, ctx.today);
        let (m, style) = match mark {
            Mark::NotStarted => (" ", ctx.theme.normal()),
            Mark::Busy => ("~", ctx.theme.warn()),
            Mark::Complete => ("+", ctx.theme.ok()),
            Mark::Errors => ("!", ctx.theme.error()),
            Mark::Hidden => ("-", ctx.theme.dim()),
        };
        let current = idx == intake.section && intake.view == View::Wizard;
        let title = truncate(s.title.get(ctx.lang), w.saturating_sub(4), &ctx.theme);
        let text_style = if current {
            ctx.theme.selected()
        } else if mark == Mark::Hidden {
            ctx.theme.dim()
        } else {
            ctx.theme.normal()
        };
        let pointer = if current {
            ctx.theme.sym(Sym::Pointer)
        } else {
            " "
        };
        lines.push(Line::from(vec![
            Span::raw(pointer.to_string()),
            Span::styled(m.to_string(), style),
            Span::raw(" "),
            Span::styled(super::text::pad(&title, w.saturating_sub(3)), text_style),
        ]));
    }
    f.render_widget(Paragraph::new(lines), inner);
}

/// How a field is drawn: lines, and where the editing cursor or the text box goes.
struct FieldBlock<'a> {
    lines: Vec<Line<'a>>,
    /// (row, col) of the terminal cursor within the block.
    cursor: Option<(u16, u16)>,
    /// (row, height) of the text box within the block.
    textarea: Option<(u16, u16)>,
}

const INDENT: usize = 2;
const TEXTAREA_H: u16 = 4;

fn label_lines<'a>(q: &Question, focused: bool, ctx: &Ctx<'_>, w: usize) -> Vec<Line<'a>> {
    let star = if q.required { " *" } else { "" };
    let label = format!("{}{star}", q.label.get(ctx.lang));
    let style = if focused {
        ctx.theme.focus()
    } else {
        ctx.theme.normal()
    };
    let pointer = if focused {
        ctx.theme.sym(Sym::Pointer)
    } else {
        " "
    };
    wrap(&label, w.saturating_sub(2))
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let p = if i == 0 { pointer } else { " " };
            Line::from(vec![Span::raw(format!("{p} ")), Span::styled(l, style)])
        })
        .collect()
}

fn option_label(q: &Question, id: &str, ctx: &Ctx<'_>) -> String {
    q.option(id)
        .map(|o| o.label.get(ctx.lang).to_string())
        .unwrap_or_else(|| id.to_string())
}

/// One-line summary of an answer for an unfocused field.
fn summary(intake: &Intake, q: &Question, ctx: &Ctx<'_>) -> Option<String> {
    let raw = intake.raw.get(&q.id).filter(|r| !r.trim().is_empty());
    let v = intake.answers.get(&q.id);
    if v.is_none() && raw.is_none() {
        return None;
    }
    if q.sensitive {
        return Some(format!(
            "{} {}",
            ctx.theme.sym(Sym::Masked),
            tr(ctx.lang, S::Sensitive)
        ));
    }
    Some(match (v, raw) {
        (_, Some(r)) if !matches!(q.kind, Kind::Choice | Kind::Multi | Kind::YesNo) => {
            r.replace('\n', " ")
        }
        (Some(Value::Bool(b)), _) => {
            tr(ctx.lang, if *b { S::YesLabel } else { S::NoLabel }).to_string()
        }
        (Some(Value::Choice(c)), _) => option_label(q, c, ctx),
        (Some(Value::Multi(m)), _) => m
            .iter()
            .map(|id| option_label(q, id, ctx))
            .collect::<Vec<_>>()
            .join(", "),
        (Some(Value::Money(c)), _) => format_cents(*c),
        (Some(Value::Int(i)), _) => i.to_string(),
        (Some(Value::Date(d)), _) => crate::domain::date::format_date(*d),
        (Some(Value::Text(t)), _) => t.replace('\n', " "),
        (None, _) => String::new(),
    })
}

fn field_block<'a>(
    intake: &Intake,
    q: &Question,
    focused: bool,
    ctx: &Ctx<'_>,
    w: usize,
) -> FieldBlock<'a> {
    let mut lines = label_lines(q, focused, ctx, w);
    let mut cursor = None;
    let mut textarea = None;
    let ind = " ".repeat(INDENT);
    let inner_w = w.saturating_sub(INDENT);
    match (&q.kind, focused) {
        (k, true) if is_line(k) => {
            let text = intake.raw.get(&q.id).map(String::as_str).unwrap_or("");
            let (shown, col) = scroll_line(text, intake.cursor, inner_w.saturating_sub(1));
            let padded = super::text::pad(&shown, inner_w);
            cursor = Some((lines.len() as u16, (INDENT + col) as u16));
            lines.push(Line::from(vec![
                Span::raw(ind.clone()),
                Span::styled(padded, ctx.theme.input()),
            ]));
        }
        (Kind::Textarea, true) => {
            textarea = Some((lines.len() as u16, TEXTAREA_H));
            for _ in 0..TEXTAREA_H {
                lines.push(Line::raw(""));
            }
        }
        (Kind::YesNo, _) if focused || intake.answers.contains_key(&q.id) && !q.sensitive => {
            let v = match intake.answers.get(&q.id) {
                Some(Value::Bool(b)) => Some(*b),
                _ => None,
            };
            let radio = |on: bool| ctx.theme.sym(if on { Sym::RadioOn } else { Sym::RadioOff });
            lines.push(Line::from(vec![
                Span::raw(ind.clone()),
                Span::raw(format!(
                    "{} {}   {} {}",
                    radio(v == Some(true)),
                    tr(ctx.lang, S::YesLabel),
                    radio(v == Some(false)),
                    tr(ctx.lang, S::NoLabel)
                )),
            ]));
        }
        (Kind::Choice | Kind::Multi, true) => {
            let selected: Vec<String> = match intake.answers.get(&q.id) {
                Some(Value::Choice(c)) => vec![c.clone()],
                Some(Value::Multi(m)) => m.clone(),
                _ => Vec::new(),
            };
            for (i, o) in q.options.iter().enumerate() {
                let on = selected.contains(&o.id);
                let mark = match (&q.kind, on) {
                    (Kind::Multi, true) => Sym::CheckOn,
                    (Kind::Multi, false) => Sym::CheckOff,
                    (_, true) => Sym::RadioOn,
                    (_, false) => Sym::RadioOff,
                };
                let num = if i < 9 {
                    format!("{}", i + 1)
                } else if i == 9 {
                    "0".into()
                } else {
                    " ".into()
                };
                let label = o.label.get(ctx.lang);
                // Rungs are labelled "3 Deelname …" already; do not number them twice.
                let text = if label.starts_with(&format!("{num} ")) {
                    format!("{} {label}", ctx.theme.sym(mark))
                } else {
                    format!("{} {num} {label}", ctx.theme.sym(mark))
                };
                let text = truncate(&text, inner_w, &ctx.theme);
                let style = if i == intake.list_cursor {
                    ctx.theme.selected()
                } else {
                    ctx.theme.normal()
                };
                lines.push(Line::from(vec![
                    Span::raw(ind.clone()),
                    Span::styled(text, style),
                ]));
            }
        }
        _ => {
            let s = summary(intake, q, ctx);
            let style = if s.is_some() {
                ctx.theme.normal()
            } else {
                ctx.theme.dim()
            };
            let s = s.unwrap_or_else(|| ctx.theme.sym(Sym::Dash).to_string());
            lines.push(Line::from(vec![
                Span::raw(ind.clone()),
                Span::styled(truncate(&s, inner_w, &ctx.theme), style),
            ]));
        }
    }
    if let Some(e) = intake.errors.get(&q.id) {
        let msg = if q.id == LADDER_REASON {
            tr(ctx.lang, S::OverrideNeedsReason).to_string()
        } else {
            e.message(ctx.lang)
        };
        let sym = ctx.theme.sym(Sym::Warning);
        for l in wrap(&format!("{sym} {msg}"), inner_w) {
            lines.push(Line::from(vec![
                Span::raw(ind.clone()),
                Span::styled(l, ctx.theme.error()),
            ]));
        }
    }
    if focused {
        if let Some(h) = &q.help {
            for l in wrap(h.get(ctx.lang), inner_w).into_iter().take(2) {
                lines.push(Line::from(vec![
                    Span::raw(ind.clone()),
                    Span::styled(l, ctx.theme.dim()),
                ]));
            }
        }
    }
    FieldBlock {
        lines,
        cursor,
        textarea,
    }
}

/// Draw a list of fields, scrolled so that the focused one is fully visible.
pub fn render_fields(
    f: &mut Frame,
    area: Rect,
    intake: &Intake,
    ctx: &Ctx<'_>,
    fields: &[&Question],
) {
    if area.height == 0 || area.width < 4 {
        return;
    }
    let w = area.width as usize;
    let focus = intake.focus_index(fields);
    let blocks: Vec<FieldBlock> = fields
        .iter()
        .enumerate()
        .map(|(i, q)| field_block(intake, q, i == focus, ctx, w))
        .collect();
    // Each field plus one blank line between fields.
    let heights: Vec<usize> = blocks.iter().map(|b| b.lines.len() + 1).collect();
    let avail = area.height as usize;
    let mut start = 0;
    while start < focus && heights[start..=focus].iter().sum::<usize>() > avail {
        start += 1;
    }
    let mut y = area.y;
    let bottom = area.y + area.height;
    for (i, block) in blocks.into_iter().enumerate().skip(start) {
        if y >= bottom {
            break;
        }
        let h = (block.lines.len() as u16).min(bottom - y);
        let rect = Rect::new(area.x, y, area.width, h);
        if let Some((row, col)) = block.cursor {
            if row < h {
                f.set_cursor_position((area.x + col.min(area.width.saturating_sub(1)), y + row));
            }
        }
        let ta = block.textarea;
        f.render_widget(Paragraph::new(block.lines), rect);
        if let (Some((row, th)), Some(textarea)) = (ta, intake.textarea.as_ref()) {
            if i == focus && row < h {
                let th = th.min(h - row);
                let r = Rect::new(
                    area.x + INDENT as u16,
                    y + row,
                    area.width.saturating_sub(INDENT as u16),
                    th,
                );
                f.render_widget(textarea, r);
            }
        }
        y = y.saturating_add(h + 1);
    }
}
