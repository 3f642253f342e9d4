//! A user error: one clear sentence per line for stderr, exit code 1.

use crate::domain::text::printable_line;
use crate::store::StoreError;
use std::fmt;

/// What went wrong, as the user should read it. Usually one line; several when each names
/// a different answer (e.g. one per invalid answer of an answers file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CliError {
    pub lines: Vec<String>,
}

impl CliError {
    pub fn new(line: impl Into<String>) -> Self {
        CliError {
            lines: vec![line.into()],
        }
    }

    pub fn many(lines: Vec<String>) -> Self {
        CliError { lines }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, line) in self.lines.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            // A message may quote a file name or a stored value: never raw to a terminal.
            write!(f, "meedoen: {}", printable_line(line))?;
        }
        Ok(())
    }
}

impl From<StoreError> for CliError {
    fn from(e: StoreError) -> Self {
        CliError::new(e.to_string())
    }
}

/// A refusal of the service in Dutch; commands with `--lang` use `intake::service_error`.
impl From<crate::service::ServiceError> for CliError {
    fn from(e: crate::service::ServiceError) -> Self {
        CliError::many(e.lines(crate::domain::Lang::Nl))
    }
}
