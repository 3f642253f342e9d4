//! Typed form definitions as loaded from `forms/*.toml`.

use crate::domain::{Condition, Value};

pub use crate::domain::text::{Lang, Text};

/// The kind of a question, with its kind-specific limits.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// One line, at most `max_len` characters.
    Text {
        max_len: usize,
    },
    /// Multi-line free text.
    Textarea,
    Integer {
        min: i64,
        max: i64,
    },
    /// Euros, stored as whole cents.
    Money,
    /// `dd-mm-jjjj`, `d-m-jjjj` or ISO; stored ISO 8601.
    Date,
    YesNo,
    /// One of the options.
    Choice,
    /// Several options; an `exclusive` option stands alone.
    Multi,
    /// Burgerservicenummer: 9 digits, 11-proef.
    Bsn,
}

impl Kind {
    /// The kind's name as written in the form file.
    pub fn name(&self) -> &'static str {
        match self {
            Kind::Text { .. } => "text",
            Kind::Textarea => "textarea",
            Kind::Integer { .. } => "integer",
            Kind::Money => "money",
            Kind::Date => "date",
            Kind::YesNo => "yesno",
            Kind::Choice => "choice",
            Kind::Multi => "multi",
            Kind::Bsn => "bsn",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ChoiceOption {
    pub id: String,
    pub label: Text,
    /// For `multi`: this option cannot be combined with others (like "geen").
    pub exclusive: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// Stable dotted id, `section.name`.
    pub id: String,
    pub kind: Kind,
    pub label: Text,
    pub help: Option<Text>,
    pub required: bool,
    pub sensitive: bool,
    pub options: Vec<ChoiceOption>,
    pub show_if: Option<Condition>,
    /// Line in the form file, for messages.
    pub line: usize,
    /// The value a new intake starts with (`default = 12`), if any.
    pub default: Option<Value>,
}

impl Question {
    pub fn option(&self, id: &str) -> Option<&ChoiceOption> {
        self.options.iter().find(|o| o.id == id)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub id: String,
    pub title: Text,
    pub intro: Option<Text>,
    pub show_if: Option<Condition>,
    /// Where the section is filled in: `wizard` (default) or `ladder` (the expected rung is
    /// set on the ladder screen, with the computed rung in view).
    pub screen: SectionScreen,
    pub questions: Vec<Question>,
    pub line: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SectionScreen {
    #[default]
    Wizard,
    Ladder,
}

/// One form (the intake), with the exact text it was loaded from.
#[derive(Debug, Clone, PartialEq)]
pub struct FormDef {
    pub id: String,
    pub version: u32,
    pub title: Text,
    pub sections: Vec<Section>,
    /// The TOML text the definition was read from; stored with every intake.
    pub source: String,
    /// Hex SHA-256 of `source`.
    pub hash: String,
}

impl FormDef {
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.sections
            .iter()
            .flat_map(|s| s.questions.iter())
            .find(|q| q.id == id)
    }

    pub fn questions(&self) -> impl Iterator<Item = &Question> {
        self.sections.iter().flat_map(|s| s.questions.iter())
    }

    /// The section a question belongs to.
    pub fn section_of(&self, question_id: &str) -> Option<&Section> {
        self.sections
            .iter()
            .find(|s| s.questions.iter().any(|q| q.id == question_id))
    }
}
