//! Colours (the 16 named ANSI colours only), `NO_COLOR`, and ASCII fallbacks for symbols and
//! borders on poor terminals.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

/// How to draw: with or without colour, with or without non-ASCII symbols.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
    pub ascii: bool,
}

/// Symbols that have an ASCII twin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sym {
    Pointer,
    RadioOn,
    RadioOff,
    CheckOn,
    CheckOff,
    Warning,
    Point,
    Ellipsis,
    Masked,
    /// Separator in titles.
    Dot,
    /// An unanswered question.
    Dash,
}

const ASCII_BORDER: border::Set<'static> = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

impl Theme {
    pub fn new(no_color: bool, ascii: bool) -> Theme {
        Theme {
            color: !no_color,
            ascii,
        }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn title(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// The bar at the top and the hint bar at the bottom.
    pub fn bar(&self) -> Style {
        if self.color {
            Style::new().fg(Color::Black).bg(Color::Cyan)
        } else {
            Style::new().add_modifier(Modifier::REVERSED)
        }
    }

    pub fn key(&self) -> Style {
        if self.color {
            Style::new()
                .fg(Color::White)
                .bg(Color::Blue)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD)
        }
    }

    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn focus(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    pub fn input(&self) -> Style {
        if self.color {
            Style::new().fg(Color::White).bg(Color::Blue)
        } else {
            Style::new().add_modifier(Modifier::UNDERLINED)
        }
    }

    pub fn error(&self) -> Style {
        self.fg(Color::LightRed).add_modifier(Modifier::BOLD)
    }

    pub fn warn(&self) -> Style {
        self.fg(Color::Yellow)
    }

    pub fn ok(&self) -> Style {
        self.fg(Color::Green)
    }

    pub fn dim(&self) -> Style {
        self.fg(Color::DarkGray)
    }

    pub fn normal(&self) -> Style {
        Style::new()
    }

    pub fn border(&self) -> border::Set<'static> {
        if self.ascii {
            ASCII_BORDER
        } else {
            border::PLAIN
        }
    }

    pub fn sym(&self, s: Sym) -> &'static str {
        match (s, self.ascii) {
            (Sym::Pointer, false) => "▸",
            (Sym::Pointer, true) => ">",
            (Sym::RadioOn, false) => "(•)",
            (Sym::RadioOn, true) => "(*)",
            (Sym::RadioOff, _) => "( )",
            (Sym::CheckOn, _) => "[x]",
            (Sym::CheckOff, _) => "[ ]",
            (Sym::Warning, false) => "⚠",
            (Sym::Warning, true) => "!",
            (Sym::Point, false) => "●",
            (Sym::Point, true) => "*",
            (Sym::Ellipsis, false) => "…",
            (Sym::Ellipsis, true) => "...",
            (Sym::Masked, false) => "•••••",
            (Sym::Masked, true) => "*****",
            (Sym::Dot, false) => "·",
            (Sym::Dot, true) => "-",
            (Sym::Dash, false) => "–",
            (Sym::Dash, true) => "-",
        }
    }
}
