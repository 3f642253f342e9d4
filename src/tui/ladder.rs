//! The ladder screen: the six rungs drawn as a ladder with the computed, recorded and
//! expected rung marked, the explanation, and the expectation set with the score in view.

use super::intake::Intake;
use super::strings::{computed_rung, tr, S};
use super::text::{pad, truncate, wrap};
use super::theme::Sym;
use super::wizard::render_fields;
use super::Ctx;
use crate::domain::Value;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use ratatui::Frame;

pub fn render(f: &mut Frame, area: Rect, intake: &Intake, ctx: &Ctx<'_>) {
    let left_w = (area.width / 2 + 4).min(64);
    let [left, right] =
        Layout::horizontal([Constraint::Length(left_w), Constraint::Min(20)]).areas(area);
    render_ladder(f, left, intake, ctx);
    let block = Block::bordered()
        .border_set(ctx.theme.border())
        .title(Span::styled(
            format!(" {} ", tr(ctx.lang, S::LadderFieldsTitle)),
            ctx.theme.title(),
        ));
    let inner = block.inner(right);
    f.render_widget(block, right);
    let fields = intake.fields(&ctx.forms.intake, ctx.today);
    render_fields(f, inner, intake, ctx, &fields);
}

fn expected_rung(intake: &Intake) -> Option<u8> {
    match intake.answers.get("verwachting.trede") {
        Some(Value::Choice(c)) => c.trim().parse().ok(),
        Some(Value::Int(i)) => u8::try_from(*i).ok(),
        _ => None,
    }
}

fn render_ladder(f: &mut Frame, area: Rect, intake: &Intake, ctx: &Ctx<'_>) {
    let theme = &ctx.theme;
    let block = Block::bordered()
        .border_set(theme.border())
        .title(Span::styled(
            format!(" {} ", tr(ctx.lang, S::LadderTitle)),
            theme.title(),
        ));
    let inner = block.inner(area);
    f.render_widget(block, area);
    let w = inner.width as usize;
    let computed = intake.computed.as_ref().map(|s| s.rung);
    let chosen = intake.chosen_rung();
    let expected = expected_rung(intake);
    let explanation = intake
        .computed
        .as_ref()
        .map(|s| s.explanation.clone())
        .unwrap_or_default();
    let expl_lines = wrap(&explanation, w);
    // Rails between the rungs only when there is room for them and the explanation.
    let with_rails = inner.height as usize >= 13 + 2 + expl_lines.len().min(3);
    let (rail, rung_l, rung_r) = if theme.ascii {
        ("+---+", "| ", " |")
    } else {
        ("╟───╢", "║ ", " ║")
    };
    let mut lines: Vec<Line> = Vec::new();
    if with_rails {
        lines.push(Line::styled(format!(" {rail}"), theme.dim()));
    }
    for n in (1..=6u8).rev() {
        let name = ctx
            .forms
            .ladder
            .rung(n)
            .map(|r| r.name.get(ctx.lang).to_string())
            .unwrap_or_default();
        let mut marks: Vec<&str> = Vec::new();
        if Some(n) == computed {
            marks.push(tr(ctx.lang, S::LadderComputed));
        }
        if Some(n) == expected {
            marks.push(tr(ctx.lang, S::LadderExpected));
        }
        let mark = if marks.is_empty() {
            String::new()
        } else {
            format!(
                " {} {}",
                if theme.ascii { "<" } else { "◀" },
                marks.join(", ")
            )
        };
        let prefix = format!(" {rung_l}{n}{rung_r} ");
        let room = w
            .saturating_sub(super::text::width(&prefix))
            .saturating_sub(super::text::width(&mark));
        let label = pad(&truncate(&name, room, theme), room);
        let recorded = Some(n) == chosen;
        let style = if recorded {
            theme.selected()
        } else {
            theme.normal()
        };
        let pointer = if recorded {
            theme.sym(Sym::Pointer)
        } else {
            " "
        };
        let mut prefix_chars = prefix;
        prefix_chars.replace_range(0..1, pointer);
        lines.push(Line::from(vec![
            Span::styled(prefix_chars, theme.dim()),
            Span::styled(label, style),
            Span::styled(mark, theme.focus()),
        ]));
        if with_rails {
            lines.push(Line::styled(format!(" {rail}"), theme.dim()));
        }
    }
    lines.push(Line::raw(""));
    if let Some(c) = computed {
        lines.push(Line::styled(computed_rung(ctx.lang, c), theme.title()));
    }
    for l in expl_lines {
        lines.push(Line::raw(l));
    }
    // What the rung means, on screens with room for it.
    if let Some(desc) = computed
        .and_then(|c| ctx.forms.ladder.rung(c))
        .map(|r| r.description.get(ctx.lang).to_string())
        .filter(|d| !d.is_empty())
    {
        let desc = wrap(&desc, w);
        if lines.len() + 1 + desc.len() <= inner.height as usize {
            lines.push(Line::raw(""));
            lines.extend(desc.into_iter().map(|l| Line::styled(l, theme.dim())));
        }
    }
    f.render_widget(Paragraph::new(lines), inner);
}
