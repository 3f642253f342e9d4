//! Pure domain: plain types and functions, no I/O, no terminal, no SQL.

pub mod bsn;
pub mod condition;
pub mod contract;
pub mod date;
pub mod disclosure;
pub mod facts;
pub mod ladder;
pub mod money;
pub mod signals;
pub mod text;
pub mod validity;
pub mod value;
pub mod werkdagen;

pub use condition::{Condition, Literal};
pub use facts::Facts;
pub use text::{Lang, Text};
pub use value::{Answers, Value};
