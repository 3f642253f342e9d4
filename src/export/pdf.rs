//! The contract as an A4 PDF: a small flow layout (wrapping, tables that continue over
//! pages, keep-together) on top of `pdf-writer`, with the bundled font embedded as a subset.

use super::doc::{self, Doc, Field, Part, Row, Section};
use super::font::{Font, Fonts};
use super::ExportError;
use crate::domain::contract::Contract;
use crate::forms::ContractTexts;
use chrono::Datelike;
use pdf_writer::types::{
    CidFontType, FontFlags, OutputIntentSubtype, StructRole, SystemInfo, TabOrder, UnicodeCmap,
};
use pdf_writer::writers::StructTreeRoot;
use pdf_writer::{Content, Filter, Finish, Name, Pdf, Rect, Ref, Str, TextStr};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use xmp_writer::{DateTime, LangId, XmpWriter};

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN_X: f32 = 56.7;
const MARGIN_TOP: f32 = 56.7;
/// Leaves room for the footer with the page number.
const MARGIN_BOTTOM: f32 = 70.0;
const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN_X;
const FOOTER_Y: f32 = 40.0;

const CELL_PAD_X: f32 = 4.0;
const CELL_PAD_Y: f32 = 3.5;
/// Share of the content width per column: what, who, by when, status.
const COLUMNS: [f32; 4] = [0.46, 0.21, 0.15, 0.18];
const SIGNATURE_SPACE: f32 = 42.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FontId {
    Regular,
    Bold,
}

#[derive(Debug, Clone, Copy)]
struct Style {
    font: FontId,
    size: f32,
    leading: f32,
    gray: f32,
}

const BODY: Style = Style {
    font: FontId::Regular,
    size: 10.5,
    leading: 14.5,
    gray: 0.0,
};
const BODY_BOLD: Style = Style {
    font: FontId::Bold,
    ..BODY
};
const MUTED: Style = Style { gray: 0.3, ..BODY };
const TITLE: Style = Style {
    font: FontId::Bold,
    size: 20.0,
    leading: 26.0,
    gray: 0.0,
};
const HEADING: Style = Style {
    font: FontId::Bold,
    size: 13.0,
    leading: 17.0,
    gray: 0.0,
};
const CELL: Style = Style {
    font: FontId::Regular,
    size: 9.5,
    leading: 12.5,
    gray: 0.0,
};
const CELL_BOLD: Style = Style {
    font: FontId::Bold,
    ..CELL
};
const CELL_NOTE: Style = Style { gray: 0.35, ..CELL };
const FOOTER: Style = Style {
    font: FontId::Regular,
    size: 8.0,
    leading: 10.0,
    gray: 0.35,
};

/// Space after a paragraph.
const PARA_GAP: f32 = 5.0;

/// What a piece of text is in the document's structure (tagged PDF): the element it
/// belongs to, or an artifact a screen reader skips (page numbers, a repeated table
/// header, "(vervolg)").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tag {
    Artifact,
    Elem(usize),
}

/// The structure roles used, in PDF's standard names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Document,
    Sect,
    Div,
    H1,
    H2,
    P,
    Table,
    TR,
    TH,
    TD,
}

impl Role {
    fn name(self) -> &'static [u8] {
        match self {
            Role::Document => b"Document",
            Role::Sect => b"Sect",
            Role::Div => b"Div",
            Role::H1 => b"H1",
            Role::H2 => b"H2",
            Role::P => b"P",
            Role::Table => b"Table",
            Role::TR => b"TR",
            Role::TH => b"TH",
            Role::TD => b"TD",
        }
    }

    fn kind(self) -> StructRole {
        match self {
            Role::Document => StructRole::Document,
            Role::Sect => StructRole::Sect,
            Role::Div => StructRole::Div,
            Role::H1 => StructRole::H1,
            Role::H2 => StructRole::H2,
            Role::P => StructRole::P,
            Role::Table => StructRole::Table,
            Role::TR => StructRole::TR,
            Role::TH => StructRole::TH,
            Role::TD => StructRole::TD,
        }
    }
}

/// One structure element; element 0 is the document.
#[derive(Debug, Clone, Copy)]
struct Elem {
    role: Role,
    parent: Option<usize>,
}

#[derive(Debug, Clone)]
enum Op {
    Text {
        x: f32,
        y: f32,
        style: Style,
        text: String,
        tag: Tag,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
        gray: f32,
    },
    Fill {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        gray: f32,
    },
}

/// The contract as a PDF document (A4, embedded font, page numbers).
pub fn render_pdf(c: &Contract, t: &ContractTexts) -> Result<Vec<u8>, ExportError> {
    let d = Doc::build(c, t);
    let fonts = Fonts::load()?;
    let mut l = Layout::new(&fonts);
    draw_doc(&mut l, &d);
    write_pdf(&l.pages, &l.elems, &fonts, &d, c.date)
}

/// A cursor flowing down A4 pages; `y` is the top of the next line in PDF points.
struct Layout<'f> {
    fonts: &'f Fonts,
    pages: Vec<Vec<Op>>,
    y: f32,
    bottom: f32,
    /// Nothing drawn on this page yet: gaps are dropped and breaking is pointless.
    fresh: bool,
    /// The structure tree in reading order, and where new elements go.
    elems: Vec<Elem>,
    container: usize,
    /// The element the text drawn now belongs to.
    tag: Tag,
}

impl<'f> Layout<'f> {
    fn new(fonts: &'f Fonts) -> Self {
        Layout {
            fonts,
            pages: vec![Vec::new()],
            y: PAGE_H - MARGIN_TOP,
            bottom: MARGIN_BOTTOM,
            fresh: true,
            elems: vec![Elem {
                role: Role::Document,
                parent: None,
            }],
            container: 0,
            tag: Tag::Artifact,
        }
    }

    /// A new element inside the current container.
    fn elem(&mut self, role: Role) -> usize {
        self.elems.push(Elem {
            role,
            parent: Some(self.container),
        });
        self.elems.len() - 1
    }

    /// Text drawn from now on belongs to a new element of this role.
    fn leaf(&mut self, role: Role) {
        let e = self.elem(role);
        self.tag = Tag::Elem(e);
    }

    /// Open a container (section, table, row); returns the one to go back to.
    fn enter(&mut self, role: Role) -> usize {
        let outer = self.container;
        self.container = self.elem(role);
        outer
    }

    fn leave(&mut self, outer: usize) {
        self.container = outer;
        self.tag = Tag::Artifact;
    }

    /// A layout with endless room, to measure what a piece of the document needs.
    fn probe(&self) -> Layout<'f> {
        Layout {
            fonts: self.fonts,
            pages: vec![Vec::new()],
            y: 0.0,
            bottom: -1.0e9,
            fresh: false,
            elems: vec![Elem {
                role: Role::Document,
                parent: None,
            }],
            container: 0,
            tag: Tag::Artifact,
        }
    }

    fn font(&self, id: FontId) -> &'f Font {
        match id {
            FontId::Regular => &self.fonts.regular,
            FontId::Bold => &self.fonts.bold,
        }
    }

    fn width(&self, s: &str, style: Style) -> f32 {
        self.font(style.font).width(s, style.size)
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = PAGE_H - MARGIN_TOP;
        self.fresh = true;
    }

    fn space(&self) -> f32 {
        self.y - self.bottom
    }

    /// The height a fresh page offers.
    fn page_room(&self) -> f32 {
        PAGE_H - MARGIN_TOP - MARGIN_BOTTOM
    }

    fn ensure(&mut self, h: f32) {
        if h > self.space() && !self.fresh {
            self.new_page();
        }
    }

    fn gap(&mut self, h: f32) {
        if self.fresh {
            return;
        }
        self.y -= h;
        if self.y < self.bottom {
            self.new_page();
        }
    }

    fn push(&mut self, op: Op) {
        self.fresh = false;
        if let Some(page) = self.pages.last_mut() {
            page.push(op);
        }
    }

    /// Text whose line box has its top at `top`.
    fn text_at(&mut self, x: f32, top: f32, style: Style, text: &str) {
        if text.is_empty() {
            return;
        }
        // Baseline so that the letters sit in the middle of the line box.
        let baseline = top - style.leading * 0.5 - style.size * 0.36;
        let tag = self.tag;
        self.push(Op::Text {
            x,
            y: baseline,
            style,
            text: text.to_string(),
            tag,
        });
    }

    fn hline(&mut self, x1: f32, x2: f32, y: f32, width: f32, gray: f32) {
        self.push(Op::Line {
            x1,
            y1: y,
            x2,
            y2: y,
            width,
            gray,
        });
    }

    fn vline(&mut self, x: f32, y1: f32, y2: f32, width: f32, gray: f32) {
        self.push(Op::Line {
            x1: x,
            y1,
            x2: x,
            y2,
            width,
            gray,
        });
    }

    /// Greedy word wrap; the first line may be shorter (it follows a label). Words longer
    /// than a line are broken between characters. The user's own line breaks are kept.
    fn wrap(&self, text: &str, style: Style, width: f32, first_indent: f32) -> Vec<String> {
        let mut lines = Vec::new();
        let space_w = self.width(" ", style);
        for para in text.lines() {
            let para = para.trim();
            let mut line = String::new();
            let mut line_w = 0.0;
            let avail = |lines: &Vec<String>| {
                if lines.is_empty() {
                    width - first_indent
                } else {
                    width
                }
            };
            for word in para.split_whitespace() {
                let mut word_w = self.width(word, style);
                let extra = if line.is_empty() { 0.0 } else { space_w };
                if line_w + extra + word_w <= avail(&lines) {
                    if !line.is_empty() {
                        line.push(' ');
                    }
                    line.push_str(word);
                    line_w += extra + word_w;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                let mut rest = word;
                while word_w > avail(&lines) && !rest.is_empty() {
                    let (head, tail) = self.split_to_width(rest, style, avail(&lines));
                    lines.push(head.to_string());
                    rest = tail;
                    word_w = self.width(rest, style);
                }
                line.push_str(rest);
                line_w = word_w;
            }
            lines.push(line);
        }
        if lines.is_empty() {
            lines.push(String::new());
        }
        lines
    }

    /// The longest prefix of `s` (at least one character) that fits in `width`.
    fn split_to_width<'s>(&self, s: &'s str, style: Style, width: f32) -> (&'s str, &'s str) {
        let font = self.font(style.font);
        let mut w = 0.0;
        let mut end = 0;
        for (i, c) in s.char_indices() {
            let cw = font.width(c.encode_utf8(&mut [0; 4]), style.size);
            if w + cw > width && i > 0 {
                break;
            }
            w += cw;
            end = i + c.len_utf8();
        }
        s.split_at(end)
    }

    /// A paragraph that may flow over pages, line by line.
    fn paragraph(&mut self, text: &str, style: Style, x: f32, width: f32) {
        self.leaf(Role::P);
        for line in self.wrap(text, style, width, 0.0) {
            self.ensure(style.leading);
            let top = self.y;
            self.text_at(x, top, style, &line);
            self.y -= style.leading;
        }
        self.gap(PARA_GAP);
    }

    /// "Label: text" with a bold label; the text wraps under the label.
    fn labelled(&mut self, f: &Field) {
        if f.label.is_empty() {
            self.paragraph(&f.text, BODY, MARGIN_X, CONTENT_W);
            return;
        }
        self.leaf(Role::P);
        let label = format!("{}: ", f.label);
        let label_w = self.width(&label, BODY_BOLD);
        let lines = self.wrap(&f.text, BODY, CONTENT_W, label_w);
        for (i, line) in lines.iter().enumerate() {
            self.ensure(BODY.leading);
            let top = self.y;
            if i == 0 {
                self.text_at(MARGIN_X, top, BODY_BOLD, &label);
                self.text_at(MARGIN_X + label_w, top, BODY, line);
            } else {
                self.text_at(MARGIN_X, top, BODY, line);
            }
            self.y -= BODY.leading;
        }
        self.gap(PARA_GAP);
    }

    /// A heading is never left alone at the bottom of a page.
    fn heading(&mut self, text: &str) {
        self.gap(10.0);
        self.ensure(HEADING.leading + 4.0 + 3.0 * BODY.leading);
        let top = self.y;
        self.leaf(Role::H2);
        self.text_at(MARGIN_X, top, HEADING, text);
        self.y -= HEADING.leading + 1.5;
        let y = self.y;
        self.hline(MARGIN_X, MARGIN_X + CONTENT_W, y, 0.6, 0.55);
        self.y -= 6.0;
    }

    fn section(&mut self, s: &Section) {
        let outer = self.enter(Role::Sect);
        self.heading(&s.title);
        if !s.intro.is_empty() {
            self.paragraph(&s.intro, MUTED, MARGIN_X, CONTENT_W);
        }
        for f in &s.fields {
            self.labelled(f);
        }
        self.leave(outer);
    }
}

fn column_x() -> [f32; 5] {
    let mut xs = [MARGIN_X; 5];
    for i in 0..4 {
        xs[i + 1] = xs[i] + COLUMNS[i] * CONTENT_W;
    }
    xs
}

/// The lines of each cell of a row, with the style of each line.
struct RowLines {
    cells: [Vec<(String, Style)>; 4],
}

impl RowLines {
    fn new(l: &Layout<'_>, r: &Row) -> RowLines {
        let xs = column_x();
        let inner = |i: usize| xs[i + 1] - xs[i] - 2.0 * CELL_PAD_X;
        let styled = |text: &str, style: Style, i: usize| -> Vec<(String, Style)> {
            l.wrap(text, style, inner(i), 0.0)
                .into_iter()
                .map(|s| (s, style))
                .collect()
        };
        let mut what = styled(&r.what, CELL, 0);
        if !r.note.is_empty() {
            what.extend(styled(&r.note, CELL_NOTE, 0));
        }
        RowLines {
            cells: [
                what,
                styled(&r.who, CELL, 1),
                styled(&r.due, CELL, 2),
                styled(&r.status, CELL, 3),
            ],
        }
    }

    fn header() -> RowLines {
        let h = |s: &str| vec![(s.to_string(), CELL_BOLD)];
        RowLines {
            cells: [
                h(doc::COL_WHAT),
                h(doc::COL_WHO),
                h(doc::COL_DUE),
                h(doc::COL_STATUS),
            ],
        }
    }

    fn line_count(&self) -> usize {
        self.cells.iter().map(Vec::len).max().unwrap_or(0)
    }

    fn height(&self) -> f32 {
        self.line_count() as f32 * CELL.leading + 2.0 * CELL_PAD_Y
    }
}

/// The agreements table of one part; knows how to repeat its header on a new page.
struct Table<'a> {
    title: &'a str,
}

impl Table<'_> {
    fn header_height() -> f32 {
        RowLines::header().height()
    }

    /// The header row; `repeat` on a continuation page, where it is an artifact (a screen
    /// reader has read it once).
    fn draw_header(&self, l: &mut Layout<'_>, repeat: bool) {
        let row = RowLines::header();
        let tags = if repeat {
            [Tag::Artifact; 4]
        } else {
            row_tags(l, Role::TH)
        };
        let h = row.height();
        let top = l.y;
        l.push(Op::Fill {
            x: MARGIN_X,
            y: top - h,
            w: CONTENT_W,
            h,
            gray: 0.9,
        });
        l.hline(MARGIN_X, MARGIN_X + CONTENT_W, top, 0.6, 0.45);
        draw_cells(l, &row.cells, 0, row.line_count(), top, tags);
        l.y -= h;
    }

    /// On a continuation page: "Deel 3. … (vervolg)" and the header again.
    fn continue_on_new_page(&self, l: &mut Layout<'_>) {
        l.new_page();
        let top = l.y;
        l.tag = Tag::Artifact;
        l.text_at(
            MARGIN_X,
            top,
            CELL_BOLD,
            &format!("{} (vervolg)", self.title),
        );
        l.y -= CELL.leading + 2.0;
        self.draw_header(l, true);
    }

    /// One row; a row taller than a whole page is split between lines.
    fn draw_row(&self, l: &mut Layout<'_>, row: &RowLines) {
        if row.height() > l.space() && row.height() <= l.page_room() - 40.0 {
            self.continue_on_new_page(l);
        }
        let tags = row_tags(l, Role::TD);
        let total = row.line_count();
        let mut from = 0;
        while from < total {
            let fit = ((l.space() - 2.0 * CELL_PAD_Y) / CELL.leading).floor();
            let fit = if fit < 1.0 { 0 } else { fit as usize };
            if fit == 0 {
                self.continue_on_new_page(l);
                continue;
            }
            let to = (from + fit).min(total);
            let h = (to - from) as f32 * CELL.leading + 2.0 * CELL_PAD_Y;
            let top = l.y;
            draw_cells(l, &row.cells, from, to, top, tags);
            l.hline(MARGIN_X, MARGIN_X + CONTENT_W, top - h, 0.4, 0.6);
            for x in column_x() {
                l.vline(x, top, top - h, 0.4, 0.6);
            }
            l.y -= h;
            from = to;
            if from < total {
                self.continue_on_new_page(l);
            }
        }
    }
}

/// A new table row (inside the open table) with its four cells; returns their tags.
fn row_tags(l: &mut Layout<'_>, cell: Role) -> [Tag; 4] {
    let outer = l.enter(Role::TR);
    let tags = std::array::from_fn(|_| Tag::Elem(l.elem(cell)));
    l.container = outer;
    tags
}

fn draw_cells(
    l: &mut Layout<'_>,
    cells: &[Vec<(String, Style)>; 4],
    from: usize,
    to: usize,
    top: f32,
    tags: [Tag; 4],
) {
    let xs = column_x();
    for (i, cell) in cells.iter().enumerate() {
        l.tag = tags[i];
        let lines = cell.get(from..to.min(cell.len())).unwrap_or(&[]);
        for (n, (text, style)) in lines.iter().enumerate() {
            let line_top = top - CELL_PAD_Y - n as f32 * CELL.leading;
            l.text_at(xs[i] + CELL_PAD_X, line_top, *style, text);
        }
    }
}

fn draw_doc(l: &mut Layout<'_>, d: &Doc) {
    // Title block.
    let top = l.y;
    l.leaf(Role::H1);
    l.text_at(MARGIN_X, top, TITLE, &d.title);
    l.y -= TITLE.leading;
    let top = l.y;
    l.leaf(Role::P);
    l.text_at(MARGIN_X, top, BODY_BOLD, &d.municipality);
    let muni_w = l.width(&d.municipality, BODY_BOLD);
    l.text_at(
        MARGIN_X + muni_w,
        top,
        MUTED,
        &format!(" · {}", d.status_line),
    );
    l.y -= BODY.leading + 6.0;
    l.paragraph(&d.intro, BODY, MARGIN_X, CONTENT_W);
    header_box(l, &d.header);

    l.section(&d.resident);
    l.section(&d.consultant);
    l.section(&d.ladder);

    let (last, rest) = match d.parts.split_last() {
        Some(split) => split,
        None => {
            draw_tail(l, d);
            return;
        }
    };
    for p in rest {
        draw_part(l, p, None);
    }
    // Start the last part on a new page when it fits there whole with the signatures but
    // not here: a short part then stays in one piece with them.
    let mut probe = l.probe();
    draw_part(&mut probe, last, Some(d));
    let whole = -probe.y + 10.0;
    if whole > l.space() && whole <= l.page_room() {
        l.new_page();
    }
    draw_part(l, last, Some(d));
}

fn header_box(l: &mut Layout<'_>, fields: &[Field]) {
    let label_w = fields
        .iter()
        .map(|f| l.width(&f.label, BODY_BOLD))
        .fold(0.0, f32::max)
        + 16.0;
    let pad = 7.0;
    let value_w = CONTENT_W - 2.0 * pad - label_w;
    let rows: Vec<(String, Vec<String>)> = fields
        .iter()
        .map(|f| (f.label.clone(), l.wrap(&f.text, BODY, value_w, 0.0)))
        .collect();
    let h: f32 = rows
        .iter()
        .map(|(_, v)| v.len() as f32 * BODY.leading)
        .sum::<f32>()
        + 2.0 * pad;
    l.gap(4.0);
    l.ensure(h);
    let top = l.y;
    l.push(Op::Fill {
        x: MARGIN_X,
        y: top - h,
        w: CONTENT_W,
        h,
        gray: 0.96,
    });
    l.hline(MARGIN_X, MARGIN_X + CONTENT_W, top, 0.6, 0.5);
    l.hline(MARGIN_X, MARGIN_X + CONTENT_W, top - h, 0.6, 0.5);
    l.vline(MARGIN_X, top, top - h, 0.6, 0.5);
    l.vline(MARGIN_X + CONTENT_W, top, top - h, 0.6, 0.5);
    let mut y = top - pad;
    let outer = l.enter(Role::Div);
    for (label, values) in &rows {
        l.leaf(Role::P);
        l.text_at(MARGIN_X + pad, y, BODY_BOLD, label);
        for v in values {
            l.text_at(MARGIN_X + pad + label_w, y, BODY, v);
            y -= BODY.leading;
        }
    }
    l.leave(outer);
    l.y = top - h;
    l.gap(6.0);
}

/// A part: title, intro, goal, agreements (or why there are none) and support. With
/// `tail`, this is the last part, and its final element, its support and everything up to
/// the signatures are kept on one page.
fn draw_part(l: &mut Layout<'_>, p: &Part, tail: Option<&Doc>) {
    let outer = l.enter(Role::Sect);
    l.heading(&p.title);
    if !p.intro.is_empty() {
        l.paragraph(&p.intro, MUTED, MARGIN_X, CONTENT_W);
    }
    l.labelled(&p.goal);
    let table = Table { title: &p.title };

    match (&p.empty, p.rows.split_last()) {
        (Some(_), _) | (None, None) => {
            let text = empty_or(p);
            if let Some(d) = tail {
                let mut probe = l.probe();
                empty_block(&mut probe, text);
                probe.labelled(&p.support);
                draw_tail(&mut probe, d);
                let need = -probe.y;
                if need > l.space() && need <= l.page_room() {
                    l.new_page();
                }
            }
            empty_block(l, text);
        }
        (None, Some((last, rows))) => {
            l.gap(2.0);
            l.ensure(Table::header_height() + CELL.leading * 2.0 + 2.0 * CELL_PAD_Y);
            let in_part = l.enter(Role::Table);
            table.draw_header(l, false);
            for r in rows {
                table.draw_row(l, &RowLines::new(l, r));
            }
            let last_row = RowLines::new(l, last);
            if let Some(d) = tail {
                let mut probe = l.probe();
                probe.y -= last_row.height();
                probe.gap(PARA_GAP + 2.0);
                probe.labelled(&p.support);
                draw_tail(&mut probe, d);
                let need = -probe.y;
                if need > l.space() && need + 40.0 <= l.page_room() {
                    table.continue_on_new_page(l);
                }
            }
            table.draw_row(l, &last_row);
            l.leave(in_part);
            l.gap(PARA_GAP + 2.0);
        }
    }
    l.labelled(&p.support);
    l.leave(outer);
    if let Some(d) = tail {
        draw_tail(l, d);
    }
}

fn empty_or(p: &Part) -> &str {
    p.empty.as_deref().unwrap_or(doc::NOT_FILLED)
}

/// An empty part says why, set off with a bar so it is not overlooked.
fn empty_block(l: &mut Layout<'_>, text: &str) {
    let start_page = l.pages.len();
    let top = l.y;
    l.paragraph(text, BODY, MARGIN_X + 10.0, CONTENT_W - 10.0);
    if l.pages.len() == start_page {
        let bottom = l.y + PARA_GAP;
        l.vline(MARGIN_X + 2.0, top - 1.0, bottom + 1.0, 2.0, 0.55);
    }
}

/// Obligations, next evaluation and the signature block.
fn draw_tail(l: &mut Layout<'_>, d: &Doc) {
    l.section(&d.obligations);
    l.section(&d.evaluation);
    // The signature block itself is never split.
    let block = signatures_height(l, d);
    l.ensure(HEADING.leading + 18.0 + block);
    let outer = l.enter(Role::Sect);
    l.heading(&d.signatures_title);
    l.paragraph(&d.signatures_intro, BODY, MARGIN_X, CONTENT_W);
    signatures(l, d);
    l.leave(outer);
}

fn signatures_height(l: &Layout<'_>, d: &Doc) -> f32 {
    let mut probe = l.probe();
    probe.paragraph(&d.signatures_intro, BODY, MARGIN_X, CONTENT_W);
    signatures(&mut probe, d);
    -probe.y
}

fn signatures(l: &mut Layout<'_>, d: &Doc) {
    let col_gap = 24.0;
    let count = d.parties.len().max(1) as f32;
    let col_w = (CONTENT_W - col_gap * (count - 1.0)) / count;
    let top = l.y - 4.0;
    let mut lowest = top;
    // The role may wrap; the lines below it stay level across the columns.
    let roles: Vec<Vec<String>> = d
        .parties
        .iter()
        .map(|p| l.wrap(&p.role, BODY_BOLD, col_w, 0.0))
        .collect();
    let role_lines = roles.iter().map(Vec::len).max().unwrap_or(1);
    for (i, (p, role)) in d.parties.iter().zip(&roles).enumerate() {
        let x = MARGIN_X + i as f32 * (col_w + col_gap);
        let mut y = top;
        let outer = l.enter(Role::Div);
        l.leaf(Role::P);
        for line in role {
            l.text_at(x, y, BODY_BOLD, line);
            y -= BODY.leading;
        }
        y = top - role_lines as f32 * BODY.leading - 4.0;
        let name_label = format!("{}: ", doc::SIGN_NAME);
        let label_w = l.width(&name_label, BODY);
        l.leaf(Role::P);
        for (n, line) in l
            .wrap(&p.name, BODY, col_w, label_w)
            .into_iter()
            .enumerate()
        {
            if n == 0 {
                l.text_at(x, y, MUTED, &name_label);
                l.text_at(x + label_w, y, BODY, &line);
            } else {
                l.text_at(x, y, BODY, &line);
            }
            y -= BODY.leading;
        }
        for label in [doc::SIGN_PLACE, doc::SIGN_DATE] {
            y -= 8.0;
            l.leaf(Role::P);
            let label = format!("{label}:");
            l.text_at(x, y, MUTED, &label);
            let lw = l.width(&label, MUTED) + 6.0;
            y -= BODY.leading;
            l.hline(x + lw, x + col_w, y + 3.0, 0.6, 0.2);
        }
        y -= 8.0;
        l.leaf(Role::P);
        l.text_at(x, y, MUTED, &format!("{}:", doc::SIGN_SIGNATURE));
        y -= BODY.leading + SIGNATURE_SPACE;
        l.hline(x, x + col_w, y, 0.6, 0.2);
        l.leave(outer);
        lowest = lowest.min(y);
    }
    l.y = lowest - 6.0;
}

/// Footer on every page: who the document is about, and "Pagina n van m".
fn footers(pages: &mut [Vec<Op>], fonts: &Fonts, text: &str) {
    let total = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        let number = format!("Pagina {} van {}", i + 1, total);
        let w = fonts.regular.width(&number, FOOTER.size);
        page.push(Op::Line {
            x1: MARGIN_X,
            y1: FOOTER_Y + 12.0,
            x2: MARGIN_X + CONTENT_W,
            y2: FOOTER_Y + 12.0,
            width: 0.4,
            gray: 0.6,
        });
        page.push(Op::Text {
            x: MARGIN_X,
            y: FOOTER_Y,
            style: FOOTER,
            text: text.to_string(),
            tag: Tag::Artifact,
        });
        page.push(Op::Text {
            x: MARGIN_X + CONTENT_W - w,
            y: FOOTER_Y,
            style: FOOTER,
            text: number,
            tag: Tag::Artifact,
        });
    }
}

/// Glyphs used from one font, in the order the subset will number them.
struct Used {
    remapper: subsetter::GlyphRemapper,
    /// New glyph id → the character it shows, for copy-paste and text extraction.
    unicode: BTreeMap<u16, char>,
}

impl Used {
    fn new() -> Used {
        Used {
            remapper: subsetter::GlyphRemapper::new(),
            unicode: BTreeMap::new(),
        }
    }

    /// Two bytes per glyph (Identity-H) with the subset's glyph ids.
    fn encode(&mut self, font: &Font, text: &str) -> Vec<u8> {
        let mut out = Vec::with_capacity(text.len() * 2);
        for c in text.chars() {
            let c = if c.is_control() {
                ' '
            } else if font.face.glyph_index(c).is_none() {
                // Drawn as `?` (see `Font::glyph`), so it must also read back as `?`.
                '?'
            } else {
                c
            };
            let (gid, _) = font.glyph(c);
            let cid = self.remapper.remap(gid);
            self.unicode.entry(cid).or_insert(c);
            out.extend_from_slice(&cid.to_be_bytes());
        }
        out
    }
}

/// The sRGB profile of the output intent (ICC's sRGB v4, free to embed; the copy that
/// pdf-writer ships with its examples).
const SRGB_ICC: &[u8] = include_bytes!("srgb_v4.icc");

/// The finished PDF: PDF/A-2b (XMP metadata, an sRGB output intent, every font embedded)
/// and tagged, so a screen reader reads headings, paragraphs and the agreements table in
/// order and skips page furniture.
fn write_pdf(
    pages: &[Vec<Op>],
    elems: &[Elem],
    fonts: &Fonts,
    d: &Doc,
    date: chrono::NaiveDate,
) -> Result<Vec<u8>, ExportError> {
    let mut pages = pages.to_vec();
    footers(&mut pages, fonts, &d.footer);

    let mut used = [Used::new(), Used::new()];
    let font_of = |id: FontId| match id {
        FontId::Regular => (&fonts.regular, 0usize),
        FontId::Bold => (&fonts.bold, 1usize),
    };
    let font_names = [Name(b"F1"), Name(b"F2")];

    // Per page, the element of each marked-content id (the parent tree), and per element
    // its (page, id) pieces in reading order.
    let mut page_mcids: Vec<Vec<usize>> = Vec::with_capacity(pages.len());
    let mut pieces: Vec<Vec<(usize, i32)>> = vec![Vec::new(); elems.len()];
    let mut streams = Vec::with_capacity(pages.len());
    for (page_no, page) in pages.iter().enumerate() {
        let mut content = Content::new();
        let mut mcids = Vec::new();
        for op in page {
            match op {
                Op::Text {
                    x,
                    y,
                    style,
                    text,
                    tag,
                } => {
                    let (font, idx) = font_of(style.font);
                    let bytes = used[idx].encode(font, text);
                    match tag {
                        Tag::Elem(e) if *e < elems.len() => {
                            let mcid = mcids.len() as i32;
                            mcids.push(*e);
                            pieces[*e].push((page_no, mcid));
                            content
                                .begin_marked_content_with_properties(Name(elems[*e].role.name()))
                                .properties()
                                .identify(mcid);
                        }
                        _ => {
                            content.begin_marked_content(Name(b"Artifact"));
                        }
                    }
                    content
                        .set_fill_gray(style.gray)
                        .begin_text()
                        .set_font(font_names[idx], style.size)
                        .next_line(*x, *y)
                        .show(Str(&bytes))
                        .end_text()
                        .end_marked_content();
                }
                Op::Line {
                    x1,
                    y1,
                    x2,
                    y2,
                    width,
                    gray,
                } => {
                    content
                        .begin_marked_content(Name(b"Artifact"))
                        .set_stroke_gray(*gray)
                        .set_line_width(*width)
                        .move_to(*x1, *y1)
                        .line_to(*x2, *y2)
                        .stroke()
                        .end_marked_content();
                }
                Op::Fill { x, y, w, h, gray } => {
                    content
                        .begin_marked_content(Name(b"Artifact"))
                        .set_fill_gray(*gray)
                        .rect(*x, *y, *w, *h)
                        .fill_nonzero()
                        .end_marked_content();
                }
            }
        }
        page_mcids.push(mcids);
        streams.push(deflate(&content.finish()));
    }

    let mut next = 0;
    let mut alloc = || {
        next += 1;
        Ref::new(next)
    };
    let catalog = alloc();
    let tree = alloc();
    let info = alloc();
    let metadata = alloc();
    let icc = alloc();
    let struct_root = alloc();
    let page_refs: Vec<(Ref, Ref)> = pages.iter().map(|_| (alloc(), alloc())).collect();
    let font_refs: Vec<[Ref; 5]> = (0..2)
        .map(|_| [alloc(), alloc(), alloc(), alloc(), alloc()])
        .collect();
    let elem_refs: Vec<Ref> = elems.iter().map(|_| alloc()).collect();
    let parent_arrays: Vec<Ref> = pages.iter().map(|_| alloc()).collect();

    let mut pdf = Pdf::new();
    // The file identifier PDF/A asks for, from the content itself so the same contract
    // gives the same bytes (its hash is kept when it is vastgesteld).
    let mut id = Sha256::new();
    for stream in &streams {
        id.update(stream);
    }
    id.update(d.footer.as_bytes());
    let id = id.finalize()[..16].to_vec();
    pdf.set_file_id((id.clone(), id));

    let title = d.footer.as_str();
    let mut catalog_w = pdf.catalog(catalog);
    catalog_w
        .pages(tree)
        .lang(TextStr("nl"))
        .metadata(metadata)
        .pair(Name(b"StructTreeRoot"), struct_root);
    catalog_w.mark_info().marked(true);
    catalog_w.viewer_preferences().display_doc_title(true);
    catalog_w
        .output_intents()
        .push()
        .subtype(OutputIntentSubtype::PDFA)
        .output_condition_identifier(TextStr("sRGB IEC61966-2.1"))
        .info(TextStr("sRGB IEC61966-2.1"))
        .dest_output_profile(icc);
    catalog_w.finish();
    pdf.document_info(info)
        .title(TextStr(title))
        .producer(TextStr("meedoen"));

    let xmp = {
        let mut x = XmpWriter::new();
        x.title([(None, title)])
            .language([LangId("nl")])
            .producer("meedoen")
            .creator_tool("meedoen")
            .create_date(DateTime::date(
                date.year().clamp(0, 9999) as u16,
                date.month() as u8,
                date.day() as u8,
            ))
            .pdfa_part(2)
            .pdfa_conformance("B");
        x.finish(None)
    };
    pdf.metadata(metadata, xmp.as_bytes());
    pdf.icc_profile(icc, SRGB_ICC).n(3).alternate().device_rgb();

    pdf.pages(tree)
        .kids(page_refs.iter().map(|(p, _)| *p))
        .count(page_refs.len() as i32);
    for (page_no, ((page_ref, content_ref), stream)) in page_refs.iter().zip(&streams).enumerate() {
        let mut page = pdf.page(*page_ref);
        page.media_box(Rect::new(0.0, 0.0, PAGE_W, PAGE_H))
            .parent(tree)
            .contents(*content_ref)
            .struct_parents(page_no as i32)
            .tab_order(TabOrder::StructureOrder);
        let mut resources = page.resources();
        let mut fonts_dict = resources.fonts();
        for (name, refs) in font_names.iter().zip(&font_refs) {
            fonts_dict.pair(*name, refs[0]);
        }
        fonts_dict.finish();
        resources.finish();
        page.finish();
        pdf.stream(*content_ref, stream).filter(Filter::FlateDecode);
    }

    // The structure tree: containers hold elements, the others hold their text.
    let mut root = pdf.indirect(struct_root).start::<StructTreeRoot>();
    root.children().item(elem_refs[0]);
    let mut nums = root.parent_tree();
    let mut entries = nums.nums();
    for (page_no, array) in parent_arrays.iter().enumerate() {
        entries.insert(page_no as i32, *array);
    }
    entries.finish();
    nums.finish();
    root.parent_tree_next_key(pages.len() as i32);
    root.finish();
    for (page_no, mcids) in page_mcids.iter().enumerate() {
        pdf.indirect(parent_arrays[page_no])
            .array()
            .items(mcids.iter().map(|e| elem_refs[*e]));
    }
    for (i, elem) in elems.iter().enumerate() {
        let kids: Vec<usize> = (0..elems.len())
            .filter(|k| elems[*k].parent == Some(i))
            .collect();
        let mut w = pdf.struct_element(elem_refs[i]);
        w.kind(elem.role.kind())
            .parent(elem.parent.map_or(struct_root, |p| elem_refs[p]));
        if let Some((first_page, _)) = pieces[i].first() {
            w.page(page_refs[*first_page].0);
        }
        let mut children = w.children();
        for k in &kids {
            children.struct_element(elem_refs[*k]);
        }
        for (page_no, mcid) in &pieces[i] {
            children
                .marked_content_ref()
                .marked_content_id(*mcid)
                .page(page_refs[*page_no].0);
        }
    }

    for (i, refs) in font_refs.iter().enumerate() {
        let (font, _) = font_of(if i == 0 {
            FontId::Regular
        } else {
            FontId::Bold
        });
        if let Some(u) = used.get(i) {
            embed_font(&mut pdf, font, u, refs)?;
        }
    }
    Ok(pdf.finish())
}

fn deflate(data: &[u8]) -> Vec<u8> {
    miniz_oxide::deflate::compress_to_vec_zlib(data, 6)
}

const IDENTITY: SystemInfo = SystemInfo {
    registry: Str(b"Adobe"),
    ordering: Str(b"Identity"),
    supplement: 0,
};

/// A Type0 font with a TrueType CID font, its subset and a ToUnicode map.
fn embed_font(pdf: &mut Pdf, font: &Font, used: &Used, refs: &[Ref; 5]) -> Result<(), ExportError> {
    let [type0, cid, descriptor, cmap_ref, file] = *refs;
    let base = Name(font.base_name.as_bytes());

    pdf.type0_font(type0)
        .base_font(base)
        .encoding_predefined(Name(b"Identity-H"))
        .descendant_font(cid)
        .to_unicode(cmap_ref);

    let widths: Vec<f32> = used
        .remapper
        .remapped_gids()
        .map(|gid| font.advance_1000(gid))
        .collect();
    let mut cid_font = pdf.cid_font(cid);
    cid_font
        .subtype(CidFontType::Type2)
        .base_font(base)
        .system_info(IDENTITY)
        .font_descriptor(descriptor)
        .default_width(0.0)
        .cid_to_gid_map_predefined(Name(b"Identity"));
    cid_font.widths().consecutive(0, widths);
    cid_font.finish();

    let face = &font.face;
    let bbox = face.global_bounding_box();
    let mut flags = FontFlags::SYMBOLIC;
    if font.bold {
        flags |= FontFlags::FORCE_BOLD;
    }
    pdf.font_descriptor(descriptor)
        .name(base)
        .flags(flags)
        .bbox(Rect::new(
            font.to_1000(bbox.x_min),
            font.to_1000(bbox.y_min),
            font.to_1000(bbox.x_max),
            font.to_1000(bbox.y_max),
        ))
        .italic_angle(0.0)
        .ascent(font.to_1000(face.ascender()))
        .descent(font.to_1000(face.descender()))
        .cap_height(font.to_1000(face.capital_height().unwrap_or(face.ascender())))
        .stem_v(if font.bold { 120.0 } else { 80.0 })
        .font_file2(file);

    let mut cmap = UnicodeCmap::new(Name(b"Meedoen-UCS"), IDENTITY);
    for (cid, c) in &used.unicode {
        cmap.pair(*cid, *c);
    }
    let cmap = cmap.finish();
    pdf.cmap(cmap_ref, &cmap)
        .name(Name(b"Meedoen-UCS"))
        .system_info(IDENTITY);

    let subset = subsetter::subset(font.data, 0, &used.remapper)
        .map_err(|e| ExportError::Pdf(format!("lettertype inpakken mislukt: {e}")))?;
    let packed = deflate(&subset);
    pdf.stream(file, &packed)
        .filter(Filter::FlateDecode)
        .pair(Name(b"Length1"), subset.len() as i32);
    Ok(())
}
