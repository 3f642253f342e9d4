//! The contract as one self-contained HTML file that prints on A4 from any browser.

use super::doc::{self, Doc, Field, Section};
use crate::domain::contract::Contract;
use crate::forms::ContractTexts;
use std::fmt::Write;

/// No external resources: the file must open the same on an offline workstation.
const STYLE: &str = r#"
@page { size: A4; margin: 2cm 2cm 2.2cm 2cm;
  @bottom-right { content: "Pagina " counter(page) " van " counter(pages); font-size: 9pt; color: #444; } }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; font-size: 11pt; line-height: 1.45;
  color: #111; background: #fff; max-width: 46em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 20pt; margin: 0 0 0.2em 0; }
h2 { font-size: 13pt; margin: 1.4em 0 0.4em 0; border-bottom: 1px solid #999; padding-bottom: 0.1em;
  break-after: avoid; page-break-after: avoid; }
p { margin: 0 0 0.6em 0; overflow-wrap: anywhere; }
.meta { color: #333; margin-bottom: 0.8em; }
.intro { font-style: italic; color: #333; }
dl.header { display: grid; grid-template-columns: 9em 1fr; gap: 0.15em 1em; margin: 0.8em 0 1em 0;
  padding: 0.6em 0.8em; border: 1px solid #999; }
dl.header dt { font-weight: bold; }
dl.header dd { margin: 0; overflow-wrap: anywhere; }
.label { font-weight: bold; }
table { border-collapse: collapse; width: 100%; margin: 0.4em 0 0.8em 0; font-size: 10pt; }
thead { display: table-header-group; }
th, td { border: 1px solid #888; padding: 0.3em 0.45em; text-align: left; vertical-align: top;
  overflow-wrap: anywhere; }
th { background: #e6e6e6; }
tr { break-inside: avoid; page-break-inside: avoid; }
.col-what { width: 50%; }
.note { display: block; color: #444; font-style: italic; margin-top: 0.2em; }
.empty { border-left: 3px solid #888; padding-left: 0.6em; }
.keep { break-inside: avoid; page-break-inside: avoid; }
.signatures { display: flex; gap: 2em; margin-top: 0.8em; }
.party { flex: 1; }
.line { border-bottom: 1px solid #111; height: 1.6em; margin-bottom: 0.3em; }
.sigline { border-bottom: 1px solid #111; height: 4em; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10.5pt; }
  a { color: inherit; text-decoration: none; }
}
"#;

/// The contract as a complete, well-formed HTML5 document.
pub fn render_html(c: &Contract, t: &ContractTexts) -> String {
    let d = Doc::build(c, t);
    let mut out = String::with_capacity(16 * 1024);
    // Writing to a String cannot fail; the result is ignored on purpose.
    let _ = write_doc(&mut out, &d);
    out
}

fn write_doc(out: &mut String, d: &Doc) -> std::fmt::Result {
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(out, "<html lang=\"nl\">")?;
    writeln!(out, "<head>")?;
    writeln!(out, "<meta charset=\"utf-8\">")?;
    writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    )?;
    writeln!(out, "<title>{}</title>", esc(&d.footer))?;
    writeln!(out, "<style>{STYLE}</style>")?;
    writeln!(out, "</head>")?;
    writeln!(out, "<body>")?;
    writeln!(out, "<header>")?;
    writeln!(out, "<h1>{}</h1>", esc(&d.title))?;
    writeln!(
        out,
        "<p class=\"meta\"><strong>{}</strong> · {}</p>",
        esc(&d.municipality),
        esc(&d.status_line)
    )?;
    writeln!(out, "<p>{}</p>", esc(&d.intro))?;
    writeln!(out, "<dl class=\"header\">")?;
    for f in &d.header {
        writeln!(out, "<dt>{}</dt><dd>{}</dd>", esc(&f.label), esc(&f.text))?;
    }
    writeln!(out, "</dl>")?;
    writeln!(out, "</header>")?;
    writeln!(out, "<main>")?;

    section(out, &d.resident)?;
    section(out, &d.consultant)?;
    section(out, &d.ladder)?;

    let last = d.parts.len().saturating_sub(1);
    for (i, p) in d.parts.iter().enumerate() {
        writeln!(out, "<h2>{}</h2>", esc(&p.title))?;
        if !p.intro.is_empty() {
            text(out, &p.intro, "")?;
        }
        labelled(out, &p.goal)?;
        if let Some(empty) = &p.empty {
            text(out, empty, "empty")?;
        } else {
            writeln!(out, "<table>")?;
            writeln!(
                out,
                "<thead><tr><th class=\"col-what\">{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>",
                doc::COL_WHAT,
                doc::COL_WHO,
                doc::COL_DUE,
                doc::COL_STATUS
            )?;
            writeln!(out, "<tbody>")?;
            for r in &p.rows {
                write!(out, "<tr><td>{}", esc_lines(&r.what))?;
                if !r.note.is_empty() {
                    write!(out, "<span class=\"note\">{}</span>", esc_lines(&r.note))?;
                }
                writeln!(
                    out,
                    "</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                    esc(&r.who),
                    esc(&r.due),
                    esc(&r.status)
                )?;
            }
            writeln!(out, "</tbody>")?;
            writeln!(out, "</table>")?;
        }
        // The end of the last part stays on the page of the signatures.
        if i == last {
            writeln!(out, "<div class=\"keep\">")?;
        }
        labelled(out, &p.support)?;
    }

    section(out, &d.obligations)?;
    section(out, &d.evaluation)?;

    writeln!(out, "<h2>{}</h2>", esc(&d.signatures_title))?;
    text(out, &d.signatures_intro, "")?;
    writeln!(out, "<div class=\"signatures\">")?;
    for p in &d.parties {
        writeln!(out, "<div class=\"party\">")?;
        writeln!(out, "<p class=\"label\">{}</p>", esc(&p.role))?;
        writeln!(out, "<p>{}: {}</p>", doc::SIGN_NAME, esc(&p.name))?;
        writeln!(out, "<p>{}:</p><div class=\"line\"></div>", doc::SIGN_PLACE)?;
        writeln!(out, "<p>{}:</p><div class=\"line\"></div>", doc::SIGN_DATE)?;
        writeln!(
            out,
            "<p>{}:</p><div class=\"sigline\"></div>",
            doc::SIGN_SIGNATURE
        )?;
        writeln!(out, "</div>")?;
    }
    writeln!(out, "</div>")?;
    if !d.parts.is_empty() {
        // Closes the `keep` block opened in the last part.
        writeln!(out, "</div>")?;
    }
    writeln!(out, "</main>")?;
    writeln!(out, "</body>")?;
    writeln!(out, "</html>")
}

/// Headings and paragraphs stay flat (no wrapping elements), so the block that keeps the
/// last part with the signatures can start anywhere.
fn section(out: &mut String, s: &Section) -> std::fmt::Result {
    writeln!(out, "<h2>{}</h2>", esc(&s.title))?;
    if !s.intro.is_empty() {
        text(out, &s.intro, "intro")?;
    }
    for f in &s.fields {
        labelled(out, f)?;
    }
    Ok(())
}

fn labelled(out: &mut String, f: &Field) -> std::fmt::Result {
    if f.label.is_empty() {
        return text(out, &f.text, "");
    }
    writeln!(
        out,
        "<p><span class=\"label\">{}:</span> {}</p>",
        esc(&f.label),
        esc_lines(&f.text)
    )
}

/// One `<p>` per line the user typed.
fn text(out: &mut String, s: &str, class: &str) -> std::fmt::Result {
    for l in s.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if class.is_empty() {
            writeln!(out, "<p>{}</p>", esc(l))?;
        } else {
            writeln!(out, "<p class=\"{class}\">{}</p>", esc(l))?;
        }
    }
    Ok(())
}

/// Escaped, with the user's line breaks kept.
fn esc_lines(s: &str) -> String {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(esc)
        .collect::<Vec<_>>()
        .join("<br>")
}

/// Escape for text and attribute values.
fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not allowed in HTML text.
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            esc("<script>alert('x & \"y\"')</script>"),
            "&lt;script&gt;alert(&#39;x &amp; &quot;y&quot;&#39;)&lt;/script&gt;"
        );
    }
}
