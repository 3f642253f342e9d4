//! What happens when the program panics: one friendly line for the user, the details for
//! the maintainer in a log file — with every value scrubbed, so no personal data is kept.

use super::strings::crash_line;
use crate::forms::Lang;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

static REPORTED: AtomicBool = AtomicBool::new(false);

pub fn log_path(log_dir: &Path) -> PathBuf {
    log_dir.join("meedoen-fouten.log")
}

/// Install the hook. Call it before `ratatui::init()`, whose own hook restores the terminal
/// first and then calls this one, so the line lands on a normal screen.
pub fn install(log_dir: PathBuf, lang: Lang) {
    std::panic::set_hook(Box::new(move |info| {
        // ratatui's hook left raw mode and the alternate screen; make the cursor visible.
        let _ = crossterm::execute!(std::io::stdout(), crossterm::cursor::Show);
        let location = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_else(|| "onbekend".to_string());
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let path = log_path(&log_dir);
        let written = write_log(&path, &location, &scrub(&message)).is_ok();
        if !REPORTED.swap(true, Ordering::SeqCst) {
            let shown = if written {
                path.display().to_string()
            } else {
                "(geen logbestand)".to_string()
            };
            eprintln!("{}", crash_line(lang, &shown));
        }
    }));
}

fn write_log(path: &Path, location: &str, message: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        crate::store::private::create_dir_all(dir)?;
    }
    let mut f = crate::store::private::options()
        .create(true)
        .append(true)
        .open(path)?;
    let when = chrono::Local::now().format("%Y-%m-%d %H:%M:%S");
    writeln!(
        f,
        "{when} meedoen {} paniek bij {location}: {message}",
        env!("CARGO_PKG_VERSION")
    )
}

/// Keep the shape of a message, drop its values: quoted text, numbers (a BSN, an amount, a
/// date) and anything outside plain ASCII (names with diacritics) are replaced.
pub fn scrub(message: &str) -> String {
    let mut out = String::new();
    let mut chars = message.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' | '\'' | '`' => {
                for d in chars.by_ref() {
                    if d == c {
                        break;
                    }
                }
                out.push_str("«…»");
            }
            '0'..='9' => {
                while chars.peek().is_some_and(|d| d.is_ascii_digit()) {
                    chars.next();
                }
                out.push('#');
            }
            c if c.is_ascii_graphic() || c == ' ' => out.push(c),
            _ => out.push('?'),
        }
    }
    // Words with a capital inside a sentence are likely names; keep only their initial
    // shape.
    let scrubbed: Vec<String> = out
        .split(' ')
        .enumerate()
        .map(|(i, w)| {
            let capital = w.chars().next().is_some_and(|c| c.is_ascii_uppercase());
            let known = matches!(
                w.trim_end_matches([',', ':', '(']),
                "Err" | "Ok" | "Some" | "None"
            );
            if (i > 0 && capital && !known) || w.contains('?') {
                "X…".to_string()
            } else {
                w.to_string()
            }
        })
        .collect();
    let joined = scrubbed.join(" ");
    joined.chars().take(300).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrub_removes_values() {
        let m = scrub(
            "called `Result::unwrap()` on an `Err` value: Other(\"Jan Voorbeeld 123456782\")",
        );
        assert!(!m.contains("Jan"));
        assert!(!m.contains("123456782"));
        assert!(m.contains("called"));
        let m = scrub("index out of bounds: the len is 3 but the index is 5");
        assert_eq!(m, "index out of bounds: the len is # but the index is #");
        let m = scrub("geen antwoord voor Ünal Testpersoon");
        assert!(!m.contains("Testpersoon"));
        assert!(!m.contains("nal"));
    }
}
