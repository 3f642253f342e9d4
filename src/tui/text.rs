//! Measuring, cutting, padding and wrapping text by display width (never by bytes), so
//! Dutch diacritics, emoji and wide characters line up.

use super::theme::{Sym, Theme};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

fn char_width(c: char) -> usize {
    // Control characters (a pasted tab or newline) count as one so nothing is hidden.
    UnicodeWidthChar::width(c).unwrap_or(1)
}

/// Cut to at most `max` columns, with an ellipsis when something was cut.
pub fn truncate(s: &str, max: usize, theme: &Theme) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let ell = theme.sym(Sym::Ellipsis);
    let room = max.saturating_sub(width(ell));
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = char_width(c);
        if used + w > room {
            break;
        }
        out.push(c);
        used += w;
    }
    if max >= width(ell) {
        out.push_str(ell);
    }
    out
}

/// Pad with spaces to exactly `w` columns (cutting when longer).
pub fn pad(s: &str, w: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = char_width(c);
        if used + cw > w {
            break;
        }
        out.push(c);
        used += cw;
    }
    while used < w {
        out.push(' ');
        used += 1;
    }
    out
}

/// Word-wrap to lines of at most `w` columns; a word longer than a line is split.
pub fn wrap(s: &str, w: usize) -> Vec<String> {
    let w = w.max(1);
    let mut lines = Vec::new();
    for para in s.split('\n') {
        let mut line = String::new();
        let mut used = 0;
        for word in para.split(' ') {
            let ww = width(word);
            let sep = usize::from(!line.is_empty());
            if used + sep + ww <= w {
                if sep == 1 {
                    line.push(' ');
                }
                line.push_str(word);
                used += sep + ww;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            for c in word.chars() {
                let cw = char_width(c);
                if used + cw > w && !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    used = 0;
                }
                line.push(c);
                used += cw;
            }
        }
        lines.push(line);
    }
    lines
}

/// The part of a one-line input to show in `w` columns so that the cursor (a char index)
/// is visible, and the cursor's column within that part.
pub fn scroll_line(s: &str, cursor: usize, w: usize) -> (String, usize) {
    let chars: Vec<char> = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let cursor = cursor.min(chars.len());
    let w = w.max(1);
    // Start as far left as possible while keeping the cursor cell inside the width.
    let mut start = 0;
    let cursor_col =
        |start: usize| -> usize { chars[start..cursor].iter().map(|c| char_width(*c)).sum() };
    while start < cursor && cursor_col(start) + 1 > w {
        start += 1;
    }
    let mut out = String::new();
    let mut used = 0;
    for c in &chars[start..] {
        let cw = char_width(*c);
        if used + cw > w {
            break;
        }
        out.push(*c);
        used += cw;
    }
    (out, cursor_col(start))
}

/// One-line editing shared by every typed field (search, answers, notes): insert, delete,
/// move. Returns true when the text changed; `cursor` counts characters, not bytes.
pub fn edit_line(text: &mut String, cursor: &mut usize, key: &crossterm::event::KeyEvent) -> bool {
    use crossterm::event::{KeyCode, KeyModifiers};
    let mut chars: Vec<char> = text.chars().collect();
    let mut at = (*cursor).min(chars.len());
    let plain = !key
        .modifiers
        .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
    let changed = match key.code {
        KeyCode::Char(c) if plain && !c.is_control() => {
            chars.insert(at, c);
            at += 1;
            true
        }
        KeyCode::Backspace if at > 0 => {
            at -= 1;
            chars.remove(at);
            true
        }
        KeyCode::Delete if at < chars.len() => {
            chars.remove(at);
            true
        }
        KeyCode::Left => {
            at = at.saturating_sub(1);
            false
        }
        KeyCode::Right => {
            at = (at + 1).min(chars.len());
            false
        }
        KeyCode::Home => {
            at = 0;
            false
        }
        KeyCode::End => {
            at = chars.len();
            false
        }
        _ => false,
    };
    *cursor = at;
    if changed {
        *text = chars.into_iter().collect();
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_are_display_widths() {
        assert_eq!(width("Geïsoleerd"), 10);
        assert_eq!(pad("één", 5), "één  ");
        let t = Theme::new(true, false);
        assert_eq!(
            truncate("Deelname aan georganiseerde activiteiten", 10, &t),
            "Deelname …"
        );
        assert_eq!(width(&truncate("日本語日本語", 5, &t)), 5);
    }

    #[test]
    fn wrap_keeps_words_and_splits_long_ones() {
        assert_eq!(wrap("aa bb cc", 5), vec!["aa bb", "cc"]);
        assert_eq!(wrap("abcdefgh", 3), vec!["abc", "def", "gh"]);
        assert_eq!(wrap("a\nb", 5), vec!["a", "b"]);
    }

    #[test]
    fn scrolled_line_keeps_cursor_visible() {
        let (shown, col) = scroll_line("abcdefghij", 10, 5);
        assert_eq!(col, 4);
        assert_eq!(shown, "ghij");
        let (shown, col) = scroll_line("abc", 1, 5);
        assert_eq!((shown.as_str(), col), ("abc", 1));
    }
}
