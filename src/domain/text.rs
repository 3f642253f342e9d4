//! Texts in Dutch and English, and the language to show them in.

use serde::{Deserialize, Serialize};

/// Interface and content language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Nl,
    En,
}

/// A text in Dutch and English. The Dutch text is required; English falls back to Dutch.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Text {
    pub nl: String,
    pub en: Option<String>,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        match (lang, &self.en) {
            (Lang::En, Some(en)) if !en.is_empty() => en,
            _ => &self.nl,
        }
    }
}

/// Is `c` a character a terminal acts on instead of showing it: C0 (ESC among them), DEL
/// or C1? Newline and tab are not, where several lines are allowed (`multi_line`).
pub fn is_unsafe_char(c: char, multi_line: bool) -> bool {
    c.is_control() && !(multi_line && (c == '\n' || c == '\t'))
}

/// Shown in the place of a character that must not reach a terminal or a document raw.
pub const REPLACEMENT: char = '?';

/// Text as it may be printed anywhere (screen, stderr, stdout, Markdown, HTML, PDF): every
/// control character but newline and tab replaced by `?`, so a value stored by an older
/// version with `ESC ]0;…BEL` in it cannot retitle or clear the user's terminal.
pub fn printable(s: &str) -> std::borrow::Cow<'_, str> {
    clean(s, true)
}

/// `printable` for one line (an error message, a name in a list): newline and tab too.
pub fn printable_line(s: &str) -> std::borrow::Cow<'_, str> {
    clean(s, false)
}

fn clean(s: &str, multi_line: bool) -> std::borrow::Cow<'_, str> {
    if !s.chars().any(|c| is_unsafe_char(c, multi_line)) {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars()
            .map(|c| {
                if is_unsafe_char(c, multi_line) {
                    REPLACEMENT
                } else {
                    c
                }
            })
            .collect(),
    )
}

/// A writer that passes text on `printable`: for standard output, where every command's
/// text goes. Works on bytes, so a character split over two writes is still caught.
pub struct PrintableWriter<W: std::io::Write> {
    inner: W,
    /// The last write ended in 0xC2, the first byte of a C1 control character.
    pending_c2: bool,
}

impl<W: std::io::Write> PrintableWriter<W> {
    pub fn new(inner: W) -> Self {
        PrintableWriter {
            inner,
            pending_c2: false,
        }
    }
}

impl<W: std::io::Write> std::io::Write for PrintableWriter<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        // Nearly all text is clean: passed on as it is, without a copy.
        let clean = |b: &u8| matches!(b, b'\n' | b'\t' | 0x20..=0x7e | 0x80..=0xc1 | 0xc3..);
        if !self.pending_c2 && buf.iter().all(clean) {
            self.inner.write_all(buf)?;
            return Ok(buf.len());
        }
        let mut cleaned = Vec::with_capacity(buf.len() + 1);
        let mut bytes = buf.iter().copied().peekable();
        if self.pending_c2 {
            self.pending_c2 = false;
            match bytes.peek() {
                Some(0x80..=0x9f) => {
                    bytes.next();
                    cleaned.push(REPLACEMENT as u8);
                }
                _ => cleaned.push(0xc2),
            }
        }
        while let Some(b) = bytes.next() {
            match b {
                b'\n' | b'\t' => cleaned.push(b),
                0x00..=0x1f | 0x7f => cleaned.push(REPLACEMENT as u8),
                // U+0080..U+009F are 0xC2 0x80..0x9F in UTF-8.
                0xc2 => match bytes.peek() {
                    Some(0x80..=0x9f) => {
                        bytes.next();
                        cleaned.push(REPLACEMENT as u8);
                    }
                    None => self.pending_c2 = true,
                    _ => cleaned.push(b),
                },
                _ => cleaned.push(b),
            }
        }
        self.inner.write_all(&cleaned)?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        if std::mem::take(&mut self.pending_c2) {
            self.inner.write_all(&[0xc2])?;
        }
        self.inner.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn escape_sequences_and_c1_are_replaced_and_lines_kept() {
        let evil = "Jan\u{1b}]0;titel\u{7}\u{1b}[2J\u{9b}31m\u{7f}\r\nregel 2\tnaast";
        assert_eq!(printable(evil), "Jan?]0;titel??[2J?31m??\nregel 2\tnaast");
        assert_eq!(
            printable_line(evil),
            "Jan?]0;titel??[2J?31m???regel 2?naast"
        );
        assert!(matches!(
            printable("Zoë Çelik"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn the_writer_cleans_like_printable_even_when_split() {
        let evil = "Ünal\u{1b}[2J\u{9b}\u{85}é\n";
        let bytes = evil.as_bytes();
        for split in 0..=bytes.len() {
            let mut out = PrintableWriter::new(Vec::new());
            out.write_all(&bytes[..split]).unwrap();
            out.write_all(&bytes[split..]).unwrap();
            out.flush().unwrap();
            assert_eq!(
                String::from_utf8(out.inner).unwrap(),
                printable(evil),
                "split at {split}"
            );
        }
    }
}
