//! The right of access (AVG art. 15): everything kept about one resident, in plain Dutch,
//! as a PDF to hand over (tagged and PDF/A like the contract) and as JSON with the same
//! content. The service gathers it; this module only lays it out.

use super::doc::{Field, Section};
use super::ExportError;
use chrono::NaiveDate;
use serde::Serialize;

/// One line of the inzage: "Geboortedatum: 12-04-1988".
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    #[serde(rename = "naam")]
    pub label: String,
    #[serde(rename = "waarde")]
    pub text: String,
}

impl Item {
    pub fn new(label: impl Into<String>, text: impl Into<String>) -> Item {
        Item {
            label: label.into(),
            text: text.into(),
        }
    }
}

/// A headed part: identity, one conversation, the ladder, signals, contracts, who looked.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Part {
    #[serde(rename = "titel")]
    pub title: String,
    #[serde(rename = "toelichting", skip_serializing_if = "String::is_empty")]
    pub intro: String,
    #[serde(rename = "gegevens")]
    pub items: Vec<Item>,
}

/// The whole inzage of one resident.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Inzage {
    #[serde(rename = "titel")]
    pub title: String,
    /// "Gemeente Voorbeeld · gemaakt op 3 maart 2025 door …"
    #[serde(rename = "gemaakt")]
    pub made: String,
    #[serde(rename = "inleiding")]
    pub intro: String,
    #[serde(rename = "onderdelen")]
    pub parts: Vec<Part>,
    /// The day it was made (the PDF's date).
    #[serde(skip)]
    pub date: NaiveDate,
    /// On every printed page and as the PDF's title: whose inzage this is.
    #[serde(skip)]
    pub footer: String,
}

/// `inzage_<surname>_<date>.pdf`: sorts by resident, then day.
pub fn inzage_file_name(i: &Inzage, on: NaiveDate) -> String {
    let who = i.footer.rsplit(" · ").next().unwrap_or("");
    format!("inzage_{}_{}.pdf", super::slug(who), on.format("%Y-%m-%d"))
}

/// The inzage as JSON, keys and values in Dutch.
pub fn render_inzage_json(i: &Inzage) -> String {
    serde_json::to_string_pretty(i).unwrap_or_default() + "\n"
}

/// The inzage as a PDF.
pub fn render_inzage_pdf(i: &Inzage) -> Result<Vec<u8>, ExportError> {
    let sections: Vec<Section> = i
        .parts
        .iter()
        .map(|p| Section {
            title: p.title.clone(),
            intro: p.intro.clone(),
            fields: p
                .items
                .iter()
                .map(|it| Field {
                    label: it.label.clone(),
                    text: it.text.clone(),
                })
                .collect(),
        })
        .collect();
    super::pdf::render_sections(&i.title, &i.made, &i.intro, &sections, &i.footer, i.date)
}
