//! The contract as Markdown: plain text that reads well as it is and renders as a page.

use super::doc::{self, Doc, Field, Section};
use crate::domain::contract::Contract;
use crate::forms::ContractTexts;
use std::fmt::Write;

/// The contract as Markdown (CommonMark with a GFM table for the agreements).
pub fn render_markdown(c: &Contract, t: &ContractTexts) -> String {
    let d = Doc::build(c, t);
    let mut out = String::new();
    // Writing to a String cannot fail; the results are ignored on purpose.
    let _ = write_doc(&mut out, &d);
    out
}

fn write_doc(out: &mut String, d: &Doc) -> std::fmt::Result {
    writeln!(out, "# {}", inline(&d.title))?;
    writeln!(out)?;
    writeln!(
        out,
        "**{}** · {}",
        inline(&d.municipality),
        inline(&d.status_line)
    )?;
    writeln!(out)?;
    writeln!(out, "{}", inline(&d.intro))?;
    writeln!(out)?;
    for f in &d.header {
        writeln!(out, "- **{}:** {}", inline(&f.label), inline(&f.text))?;
    }
    writeln!(out)?;

    section(out, &d.resident)?;
    section(out, &d.consultant)?;
    section(out, &d.ladder)?;

    for p in &d.parts {
        writeln!(out, "## {}", inline(&p.title))?;
        writeln!(out)?;
        if !p.intro.is_empty() {
            paragraphs(out, &p.intro)?;
        }
        labelled(out, &p.goal)?;
        if let Some(empty) = &p.empty {
            paragraphs(out, empty)?;
        } else {
            writeln!(
                out,
                "| {} | {} | {} | {} |",
                doc::COL_WHAT,
                doc::COL_WHO,
                doc::COL_DUE,
                doc::COL_STATUS
            )?;
            writeln!(out, "|---|---|---|---|")?;
            for r in &p.rows {
                let mut what = cell(&r.what);
                if !r.note.is_empty() {
                    what.push_str("<br>_");
                    what.push_str(&cell(&r.note));
                    what.push('_');
                }
                writeln!(
                    out,
                    "| {} | {} | {} | {} |",
                    what,
                    cell(&r.who),
                    cell(&r.due),
                    cell(&r.status)
                )?;
            }
            writeln!(out)?;
        }
        labelled(out, &p.support)?;
    }

    section(out, &d.obligations)?;
    section(out, &d.evaluation)?;

    writeln!(out, "## {}", inline(&d.signatures_title))?;
    writeln!(out)?;
    paragraphs(out, &d.signatures_intro)?;
    for p in &d.parties {
        writeln!(out, "**{}**", inline(&p.role))?;
        writeln!(out)?;
        writeln!(out, "- {}: {}", doc::SIGN_NAME, inline(&p.name))?;
        writeln!(out, "- {}: ______________________", doc::SIGN_PLACE)?;
        writeln!(out, "- {}: ______________________", doc::SIGN_DATE)?;
        writeln!(out, "- {}: ______________________", doc::SIGN_SIGNATURE)?;
        writeln!(out)?;
    }
    // One trailing newline, not two.
    while out.ends_with("\n\n") {
        out.pop();
    }
    Ok(())
}

fn section(out: &mut String, s: &Section) -> std::fmt::Result {
    writeln!(out, "## {}", inline(&s.title))?;
    writeln!(out)?;
    if !s.intro.is_empty() {
        writeln!(out, "_{}_", inline(&s.intro))?;
        writeln!(out)?;
    }
    for f in &s.fields {
        labelled(out, f)?;
    }
    Ok(())
}

/// "**Doel:** text", or the bare text when the field has no label.
fn labelled(out: &mut String, f: &Field) -> std::fmt::Result {
    let mut lines = f.text.lines().map(str::trim).filter(|l| !l.is_empty());
    let first = lines.next().unwrap_or("");
    if f.label.is_empty() {
        writeln!(out, "{}", inline(first))?;
    } else {
        writeln!(out, "**{}:** {}", inline(&f.label), inline(first))?;
    }
    for l in lines {
        writeln!(out)?;
        writeln!(out, "{}", inline(l))?;
    }
    writeln!(out)
}

fn paragraphs(out: &mut String, text: &str) -> std::fmt::Result {
    for l in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        writeln!(out, "{}", inline(l))?;
        writeln!(out)?;
    }
    Ok(())
}

/// Escape what Markdown would otherwise read as markup, so a resident's words stay words
/// (and `<script>` stays text when the file is opened in a Markdown viewer).
fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for (i, c) in s.chars().enumerate() {
        match c {
            // As entities, so no viewer can mistake them for a tag.
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' => {
                out.push('\\');
                out.push(c);
            }
            // Only at the start of a line do these make a heading or a list.
            '#' | '-' | '+' if i == 0 => {
                out.push('\\');
                out.push(c);
            }
            '\r' => {}
            '\n' => out.push(' '),
            _ => out.push(c),
        }
    }
    // "1. text" at the start of a line would become a numbered list.
    if let Some(pos) = out.find(['.', ')']) {
        if pos > 0 && out[..pos].chars().all(|c| c.is_ascii_digit()) {
            out.insert(pos, '\\');
        }
    }
    out
}

/// A table cell: escaped, line breaks kept as `<br>`.
fn cell(s: &str) -> String {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(inline)
        .collect::<Vec<_>>()
        .join("<br>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_user_text_is_escaped() {
        assert_eq!(inline("<script>"), "&lt;script&gt;");
        assert_eq!(inline("a | b"), "a \\| b");
        assert_eq!(inline("# kop"), "\\# kop");
        assert_eq!(inline("2. punt"), "2\\. punt");
        assert_eq!(inline("Zoë Ünal-Müller"), "Zoë Ünal-Müller");
    }
}
