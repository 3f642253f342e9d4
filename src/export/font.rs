//! The bundled DejaVu Sans faces: glyph lookup and text measurement for the PDF layout.

use super::ExportError;
use std::cell::RefCell;
use std::collections::HashMap;

/// Bundled so every PDF looks the same on every machine (license: assets/fonts/LICENSE).
const REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

pub(crate) struct Font {
    pub face: ttf_parser::Face<'static>,
    pub data: &'static [u8],
    /// PostScript name with a fixed subset tag, so the same contract gives the same bytes.
    pub base_name: &'static str,
    pub bold: bool,
    upem: f32,
    /// char → (glyph, advance in font units); measuring is the hot path of the layout.
    cache: RefCell<HashMap<char, (u16, u16)>>,
}

impl Font {
    fn load(data: &'static [u8], base_name: &'static str, bold: bool) -> Result<Font, ExportError> {
        let face = ttf_parser::Face::parse(data, 0)
            .map_err(|e| ExportError::Pdf(format!("lettertype onleesbaar: {e}")))?;
        let upem = f32::from(face.units_per_em());
        Ok(Font {
            face,
            data,
            base_name,
            bold,
            upem,
            cache: RefCell::new(HashMap::new()),
        })
    }

    /// The glyph for `c`; a character the font lacks is drawn as `?` rather than a blank.
    pub fn glyph(&self, c: char) -> (u16, u16) {
        if let Some(hit) = self.cache.borrow().get(&c) {
            return *hit;
        }
        let gid = self
            .face
            .glyph_index(c)
            .or_else(|| self.face.glyph_index('?'))
            .unwrap_or(ttf_parser::GlyphId(0));
        let adv = self.face.glyph_hor_advance(gid).unwrap_or(0);
        self.cache.borrow_mut().insert(c, (gid.0, adv));
        (gid.0, adv)
    }

    /// Advance of a glyph in PDF text space units (1000 per em).
    pub fn advance_1000(&self, gid: u16) -> f32 {
        let adv = self
            .face
            .glyph_hor_advance(ttf_parser::GlyphId(gid))
            .unwrap_or(0);
        f32::from(adv) * 1000.0 / self.upem
    }

    /// Width of `s` in points at `size`.
    pub fn width(&self, s: &str, size: f32) -> f32 {
        let units: u32 = s.chars().map(|c| u32::from(self.glyph(c).1)).sum();
        units as f32 * size / self.upem
    }

    /// Scale font units to the 1000-unit PDF glyph space.
    pub fn to_1000(&self, v: i16) -> f32 {
        f32::from(v) * 1000.0 / self.upem
    }
}

pub(crate) struct Fonts {
    pub regular: Font,
    pub bold: Font,
}

impl Fonts {
    pub fn load() -> Result<Fonts, ExportError> {
        Ok(Fonts {
            regular: Font::load(REGULAR, "MDNAAA+DejaVuSans", false)?,
            bold: Font::load(BOLD, "MDNAAB+DejaVuSans-Bold", true)?,
        })
    }
}
