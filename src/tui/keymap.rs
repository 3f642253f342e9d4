//! Key bindings as data: each screen lists the keys it offers, and the hint bar, the help
//! overlay and the key dispatch are all generated from that one list.

use super::strings::{key_name, tr, S};
use super::text::{pad, truncate};
use super::theme::Theme;
use crate::forms::Lang;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};
use ratatui::Frame;

/// What a key asks for. Screens interpret the actions they list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Quit,
    Help,
    Back,
    Up,
    Down,
    Left,
    Right,
    Open,
    NewResident,
    Signals,
    NextField,
    PrevField,
    /// Enter in a one-line field: the next field, never "finish".
    EnterNext,
    NextSection,
    PrevSection,
    Finish,
    Toggle,
    /// A digit: option `n` (1-based; 0 means the tenth).
    Pick(u8),
    Yes,
    No,
    Clear,
    NewContact,
    // check-in, worklist, overview, outflow
    Unchanged,
    Worklist,
    Report,
    FilterMine,
    Outflow,
    /// The resident's inzage (AVG art. 15) as a PDF in the documents folder.
    Inzage,
    HandleSignal,
    Confirm,
    Cancel,
    /// Hidden: only with `MEEDOEN_TEST_PANIC=1`, to test the crash path end to end.
    TestPanic,
    // contract screen
    OpenContract,
    NextTab,
    PrevTab,
    EditItem,
    AddAgreement,
    DeleteItem,
    CycleStatus,
    MoveItemUp,
    MoveItemDown,
    AcceptSuggestion,
    EditSuggestion,
    DropSuggestion,
    AgreeContract,
    NewContractVersion,
    SavePdf,
    ContractVersions,
}

/// A key combination a binding reacts to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyMatch {
    /// A key with Ctrl/Alt exactly as given (Shift is ignored, so `?` and `J` match).
    Key(KeyCode, KeyModifiers),
    /// Any of the digits 0-9, giving `Action::Pick(n)`.
    Digit,
}

/// One offered key: what matches, how it is shown, what it does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub keys: Vec<KeyMatch>,
    /// How the key is written in the bar and help ("F10", "Tab", "Space").
    pub label: &'static str,
    pub action: Action,
    pub desc: S,
    /// Shown in the hint bar (all bindings are shown in the help).
    pub bar: bool,
}

impl Binding {
    pub fn new(label: &'static str, action: Action, desc: S) -> Binding {
        Binding {
            keys: Vec::new(),
            label,
            action,
            desc,
            bar: true,
        }
    }

    pub fn key(mut self, code: KeyCode) -> Binding {
        self.keys.push(KeyMatch::Key(code, KeyModifiers::NONE));
        self
    }

    pub fn ctrl(mut self, c: char) -> Binding {
        self.keys
            .push(KeyMatch::Key(KeyCode::Char(c), KeyModifiers::CONTROL));
        self
    }

    /// The key with Alt held (Alt+Up moves a row; works in Windows Terminal and conhost).
    pub fn alt(mut self, code: KeyCode) -> Binding {
        self.keys.push(KeyMatch::Key(code, KeyModifiers::ALT));
        self
    }

    pub fn ch(self, c: char) -> Binding {
        self.key(KeyCode::Char(c))
    }

    pub fn digits(mut self) -> Binding {
        self.keys.push(KeyMatch::Digit);
        self
    }

    /// Listed in the help only, to keep the bar short.
    pub fn help_only(mut self) -> Binding {
        self.bar = false;
        self
    }

    /// Neither in the bar nor in the help (a second key of a listed pair).
    pub fn hidden(mut self) -> Binding {
        self.bar = false;
        self.label = "";
        self
    }

    /// The action this binding gives for the key, if it matches.
    pub fn matches(&self, ev: &KeyEvent) -> Option<Action> {
        let mods = ev.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT);
        for k in &self.keys {
            match *k {
                KeyMatch::Key(code, want) => {
                    if mods == want && same_code(code, ev.code) {
                        return Some(self.action);
                    }
                }
                KeyMatch::Digit => {
                    if let KeyCode::Char(c) = ev.code {
                        if mods.is_empty() {
                            if let Some(d) = c.to_digit(10) {
                                return Some(Action::Pick(d as u8));
                            }
                        }
                    }
                }
            }
        }
        None
    }
}

fn same_code(want: KeyCode, got: KeyCode) -> bool {
    match (want, got) {
        (KeyCode::Char(a), KeyCode::Char(b)) => a.to_lowercase().eq(b.to_lowercase()),
        (a, b) => a == b,
    }
}

/// The first binding matching the key.
pub fn dispatch(bindings: &[Binding], ev: &KeyEvent) -> Option<Action> {
    bindings.iter().find_map(|b| b.matches(ev))
}

/// The one-line hint bar: as many bar bindings as fit, help always last.
pub fn render_hint_bar(f: &mut Frame, area: Rect, bindings: &[Binding], lang: Lang, theme: &Theme) {
    let help = bindings.iter().find(|b| b.action == Action::Help && b.bar);
    let mut spans: Vec<Span> = Vec::new();
    let mut used = 0usize;
    let width = area.width as usize;
    let help_width = help.map_or(0, |h| item_width(h, lang));
    for b in bindings
        .iter()
        .filter(|b| b.bar && b.action != Action::Help)
    {
        let w = item_width(b, lang);
        if used + w + help_width > width {
            break;
        }
        push_item(&mut spans, b, lang, theme);
        used += w;
    }
    if let Some(h) = help {
        if used + help_width <= width {
            push_item(&mut spans, h, lang, theme);
        }
    }
    f.render_widget(Paragraph::new(Line::from(spans)).style(theme.bar()), area);
}

fn item_width(b: &Binding, lang: Lang) -> usize {
    super::text::width(key_name(lang, b.label)) + super::text::width(tr(lang, b.desc)) + 3
}

fn push_item<'a>(spans: &mut Vec<Span<'a>>, b: &Binding, lang: Lang, theme: &Theme) {
    spans.push(Span::styled(
        format!(" {}", key_name(lang, b.label)),
        theme.key(),
    ));
    spans.push(Span::styled(format!(" {} ", tr(lang, b.desc)), theme.bar()));
}

/// The help overlay: every binding of the screen with its description.
pub fn render_help(f: &mut Frame, area: Rect, bindings: &[Binding], lang: Lang, theme: &Theme) {
    let bindings: Vec<&Binding> = bindings.iter().filter(|b| !b.label.is_empty()).collect();
    let key_w = bindings
        .iter()
        .map(|b| super::text::width(key_name(lang, b.label)))
        .max()
        .unwrap_or(4)
        .max(4);
    let mut lines: Vec<Line> = Vec::new();
    for b in &bindings {
        lines.push(Line::from(vec![
            Span::styled(pad(key_name(lang, b.label), key_w), theme.focus()),
            Span::raw("  "),
            Span::raw(tr(lang, b.desc)),
        ]));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(tr(lang, S::MarkLegend), theme.dim()));
    lines.push(Line::styled(tr(lang, S::HelpClose), theme.dim()));
    let w = (lines.iter().map(|l| l.width()).max().unwrap_or(20) as u16 + 4).min(area.width);
    let h = (lines.len() as u16 + 2).min(area.height);
    let x = area.x + (area.width.saturating_sub(w)) / 2;
    let y = area.y + (area.height.saturating_sub(h)) / 2;
    let rect = Rect::new(x, y, w, h);
    let inner_w = w.saturating_sub(4) as usize;
    let lines: Vec<Line> = lines
        .into_iter()
        .map(|l| {
            if l.width() > inner_w {
                let s: String = l.spans.iter().map(|s| s.content.as_ref()).collect();
                Line::raw(truncate(&s, inner_w, theme))
            } else {
                l
            }
        })
        .collect();
    f.render_widget(Clear, rect);
    f.render_widget(
        Paragraph::new(lines).block(
            Block::bordered()
                .border_set(theme.border())
                .title(Span::styled(
                    format!(" {} ", tr(lang, S::HelpTitle)),
                    theme.title(),
                ))
                .padding(ratatui::widgets::Padding::horizontal(1)),
        ),
        rect,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shift_is_ignored_but_ctrl_is_not() {
        let b = Binding::new("?", Action::Help, S::Help).ch('?');
        let ev = KeyEvent::new(KeyCode::Char('?'), KeyModifiers::SHIFT);
        assert_eq!(b.matches(&ev), Some(Action::Help));
        let s = Binding::new("Ctrl+S", Action::Finish, S::Finish).ctrl('s');
        assert_eq!(
            s.matches(&KeyEvent::new(KeyCode::Char('s'), KeyModifiers::NONE)),
            None
        );
        assert_eq!(
            s.matches(&KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL)),
            Some(Action::Finish)
        );
    }

    #[test]
    fn digits_give_their_number() {
        let b = Binding::new("1-9", Action::Pick(0), S::PickNumber).digits();
        let ev = KeyEvent::new(KeyCode::Char('7'), KeyModifiers::NONE);
        assert_eq!(b.matches(&ev), Some(Action::Pick(7)));
    }
}
