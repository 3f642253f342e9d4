//! The printed document as words, independent of format: every label and sentence the
//! resident reads is decided here once, so PDF, HTML and Markdown always agree.

use crate::domain::contract::{AgreementStatus, Contract, ContractStatus, PartKind};
use crate::forms::ContractTexts;
use chrono::{Datelike, NaiveDate};

pub(crate) const TITLE: &str = "Sociale overeenkomst";
pub(crate) const INTRO: &str = "In deze overeenkomst staan de afspraken die wij samen maken. \
Zo weet u wat u van de gemeente kunt verwachten. En wat de gemeente van u verwacht.";
pub(crate) const NOT_FILLED: &str = "Nog niet ingevuld.";

pub(crate) const COL_WHAT: &str = "Wat";
pub(crate) const COL_WHO: &str = "Wie";
pub(crate) const COL_DUE: &str = "Klaar op";
pub(crate) const COL_STATUS: &str = "Status";

pub(crate) const SIGN_NAME: &str = "Naam";
pub(crate) const SIGN_PLACE: &str = "Plaats";
pub(crate) const SIGN_DATE: &str = "Datum";
pub(crate) const SIGN_SIGNATURE: &str = "Handtekening";

/// A label with its text, e.g. "Naam" / "Jan Voorbeeld".
#[derive(Debug, Clone)]
pub(crate) struct Field {
    pub label: String,
    pub text: String,
}

fn field(label: &str, text: impl Into<String>) -> Field {
    Field {
        label: label.to_string(),
        text: text.into(),
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Row {
    pub what: String,
    /// The evaluation note ("Evaluatie: …"), empty when there is none.
    pub note: String,
    pub who: String,
    pub due: String,
    pub status: String,
}

#[derive(Debug, Clone)]
pub(crate) struct Part {
    /// "Deel 1. Sociaal deel"
    pub title: String,
    pub intro: String,
    pub goal: Field,
    pub rows: Vec<Row>,
    /// Said instead of the table when there are no agreements; never empty then.
    pub empty: Option<String>,
    pub support: Field,
}

#[derive(Debug, Clone)]
pub(crate) struct Party {
    /// "Inwoner", "Consulent namens gemeente …"
    pub role: String,
    pub name: String,
}

#[derive(Debug, Clone)]
pub(crate) struct Section {
    pub title: String,
    pub intro: String,
    pub fields: Vec<Field>,
}

#[derive(Debug, Clone)]
pub(crate) struct Doc {
    pub title: String,
    pub municipality: String,
    /// "Versie 2 · concept, nog niet vastgesteld"
    pub status_line: String,
    pub intro: String,
    pub header: Vec<Field>,
    pub resident: Section,
    pub consultant: Section,
    pub ladder: Section,
    pub parts: Vec<Part>,
    pub obligations: Section,
    pub evaluation: Section,
    pub signatures_title: String,
    pub signatures_intro: String,
    pub parties: Vec<Party>,
    /// Short line for the page footer: "Sociale overeenkomst · Jan Voorbeeld · versie 2".
    pub footer: String,
}

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// "3 maart 2026": easier to read than digits in a sentence.
pub(crate) fn long_date(d: NaiveDate) -> String {
    let month = MONTHS.get(d.month0() as usize).copied().unwrap_or("");
    format!("{} {} {}", d.day(), month, d.year())
}

/// "03-03-2026", as everywhere else in the program.
pub(crate) fn short_date(d: NaiveDate) -> String {
    crate::domain::date::format_date(d)
}

fn or_not_filled(s: &str) -> String {
    let s = s.trim();
    if s.is_empty() {
        NOT_FILLED.to_string()
    } else {
        s.to_string()
    }
}

fn first_non_empty(a: &str, b: &str) -> String {
    if a.trim().is_empty() {
        b.trim().to_string()
    } else {
        a.trim().to_string()
    }
}

pub(crate) fn status_label(s: AgreementStatus) -> &'static str {
    match s {
        AgreementStatus::Open => "open",
        AgreementStatus::Gedaan => "gedaan",
        AgreementStatus::Deels => "deels gedaan",
        AgreementStatus::NietGedaan => "niet gedaan",
        AgreementStatus::Vervallen => "vervallen",
    }
}

/// `inwoner` → "Inwoner", `inwoner + gemeente` → "Inwoner en gemeente"; partners as typed.
pub(crate) fn who_label(who: &str) -> String {
    let who = who.trim();
    if who.is_empty() {
        return NOT_FILLED.to_string();
    }
    let joined = who
        .split('+')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" en ");
    let mut chars = joined.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => NOT_FILLED.to_string(),
    }
}

fn part_title(c: &Contract, t: &ContractTexts, kind: PartKind) -> (String, String) {
    let (title, intro, fallback) = match kind {
        PartKind::Sociaal => (&t.title_sociaal, &t.intro_sociaal, "Sociaal deel"),
        PartKind::Arbeidsfit => (&t.title_arbeidsfit, &t.intro_arbeidsfit, "Arbeidsfit deel"),
        PartKind::Werk if c.work_is_paid() => (
            &t.title_werk_betaald,
            &t.intro_werk_betaald,
            "Werkdeel: betaald werk",
        ),
        PartKind::Werk => (
            &t.title_werk_onbetaald,
            &t.intro_werk_onbetaald,
            "Werkdeel: onbetaald werk",
        ),
    };
    (first_non_empty(title, fallback), intro.trim().to_string())
}

impl Doc {
    pub(crate) fn build(c: &Contract, t: &ContractTexts) -> Doc {
        let h = &c.header;
        let municipality = first_non_empty(&h.municipality, &t.municipality);
        let name = or_not_filled(&h.resident_name);
        let doc_date = c.agreed_on.unwrap_or(c.date);
        let status_line = match (c.status, c.agreed_on) {
            (ContractStatus::Vastgesteld, Some(d)) => {
                format!("Versie {} · vastgesteld op {}", c.version, long_date(d))
            }
            (ContractStatus::Vastgesteld, None) => format!("Versie {} · vastgesteld", c.version),
            (ContractStatus::Concept, _) => {
                format!("Versie {} · concept, nog niet vastgesteld", c.version)
            }
        };

        let header = vec![
            field("Naam", name.clone()),
            field(
                "Geboortedatum",
                h.birth_date
                    .map(short_date)
                    .unwrap_or_else(|| NOT_FILLED.into()),
            ),
            field("BSN", or_not_filled(h.bsn.as_deref().unwrap_or(""))),
            field("Consulent", or_not_filled(&h.consultant)),
            field("Datum", short_date(doc_date)),
            field("Versie", c.version.to_string()),
        ];

        let resident = Section {
            title: "Dit wil ik bereiken".into(),
            intro: "Dit zijn uw eigen woorden.".into(),
            fields: vec![
                field("Mijn doel", or_not_filled(&c.analysis.doel)),
                field(
                    "Wat ik daarvoor nodig heb",
                    or_not_filled(&c.analysis.nodig),
                ),
                field("Wat ik zelf doe", or_not_filled(&c.analysis.zelf)),
            ],
        };
        let consultant = Section {
            title: "Zo ziet de consulent het".into(),
            intro: "Zo kijkt de consulent naar uw situatie. Uw woorden en die van de consulent staan allebei in dit plan.".into(),
            fields: vec![field("Mening van de consulent", or_not_filled(&c.consultant_view))],
        };

        let l = &c.ladder;
        let ladder = Section {
            title: "Participatieladder".into(),
            intro: "De ladder laat zien hoe u meedoet in de samenleving. \
                    Er zijn 6 treden. Trede 6 is betaald werk."
                .into(),
            fields: vec![
                field(
                    "Nu",
                    format!("trede {} – {}", l.current, l.current_name.trim()),
                ),
                field("Waarom", or_not_filled(&l.explanation)),
                field(
                    &format!(
                        "Verwachting over {} {}",
                        l.horizon_months,
                        if l.horizon_months == 1 {
                            "maand"
                        } else {
                            "maanden"
                        }
                    ),
                    format!("trede {} – {}", l.expected, l.expected_name.trim()),
                ),
            ],
        };

        let parts = PartKind::ALL
            .iter()
            .enumerate()
            .map(|(i, &kind)| {
                let (title, intro) = part_title(c, t, kind);
                let part = c.part(kind);
                let rows: Vec<Row> = part
                    .map(|p| {
                        p.agreements
                            .iter()
                            .map(|a| Row {
                                what: or_not_filled(&a.what),
                                note: if a.note.trim().is_empty() {
                                    String::new()
                                } else {
                                    format!("Evaluatie: {}", a.note.trim())
                                },
                                who: who_label(&a.who),
                                due: a.due.map(short_date).unwrap_or_else(|| "geen datum".into()),
                                status: status_label(a.status).into(),
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                let empty = if rows.is_empty() {
                    let reason = part.map(|p| p.empty_reason.trim()).unwrap_or("");
                    Some(if reason.is_empty() {
                        "In dit deel zijn geen afspraken. De reden is nog niet ingevuld.".into()
                    } else {
                        format!("In dit deel zijn geen afspraken. Reden: {reason}")
                    })
                } else {
                    None
                };
                Part {
                    title: format!("Deel {}. {}", i + 1, title),
                    intro,
                    goal: field(
                        "Doel",
                        or_not_filled(part.map(|p| p.goal.as_str()).unwrap_or("")),
                    ),
                    rows,
                    empty,
                    support: field(
                        "Hulp van de gemeente",
                        or_not_filled(part.map(|p| p.support.as_str()).unwrap_or("")),
                    ),
                }
            })
            .collect();

        let obligations = Section {
            title: "Uw plichten".into(),
            intro: String::new(),
            fields: vec![field(
                "",
                or_not_filled(&first_non_empty(&c.obligations, &t.obligations)),
            )],
        };
        let evaluation = Section {
            title: "Volgende evaluatie".into(),
            intro: String::new(),
            fields: vec![field(
                "",
                format!(
                    "Op {} bespreken we samen hoe het gaat. \
                     Dan kijken we of de afspraken nog goed zijn.",
                    long_date(c.next_evaluation)
                ),
            )],
        };

        Doc {
            title: TITLE.into(),
            municipality: or_not_filled(&municipality),
            status_line,
            intro: INTRO.into(),
            header,
            resident,
            consultant,
            ladder,
            parts,
            obligations,
            evaluation,
            signatures_title: "Ondertekening".into(),
            signatures_intro: "Wij hebben deze afspraken samen gemaakt. \
                               Met onze handtekening beloven wij ons eraan te houden."
                .into(),
            parties: vec![
                Party {
                    role: "Inwoner".into(),
                    name: name.clone(),
                },
                Party {
                    role: if municipality.is_empty() {
                        "Consulent namens de gemeente".into()
                    } else {
                        format!("Consulent namens {municipality}")
                    },
                    name: or_not_filled(&h.consultant),
                },
            ],
            footer: format!("{TITLE} · {name} · versie {}", c.version),
        }
        .printable()
    }

    /// Every text of the document without control characters (newline and tab stay):
    /// a value stored by an older version must not reach a terminal (`cat` of the
    /// Markdown) or a reader raw.
    fn printable(mut self) -> Doc {
        fn clean(s: &mut String) {
            if let std::borrow::Cow::Owned(c) = crate::domain::text::printable(s) {
                *s = c;
            }
        }
        fn clean_fields(fields: &mut [Field]) {
            for f in fields {
                clean(&mut f.label);
                clean(&mut f.text);
            }
        }
        fn clean_section(s: &mut Section) {
            clean(&mut s.title);
            clean(&mut s.intro);
            clean_fields(&mut s.fields);
        }
        for s in [
            &mut self.title,
            &mut self.municipality,
            &mut self.status_line,
            &mut self.intro,
            &mut self.signatures_title,
            &mut self.signatures_intro,
            &mut self.footer,
        ] {
            clean(s);
        }
        clean_fields(&mut self.header);
        for section in [
            &mut self.resident,
            &mut self.consultant,
            &mut self.ladder,
            &mut self.obligations,
            &mut self.evaluation,
        ] {
            clean_section(section);
        }
        for part in &mut self.parts {
            clean(&mut part.title);
            clean(&mut part.intro);
            clean_fields(std::slice::from_mut(&mut part.goal));
            clean_fields(std::slice::from_mut(&mut part.support));
            if let Some(e) = &mut part.empty {
                clean(e);
            }
            for row in &mut part.rows {
                for s in [
                    &mut row.what,
                    &mut row.note,
                    &mut row.who,
                    &mut row.due,
                    &mut row.status,
                ] {
                    clean(s);
                }
            }
        }
        for party in &mut self.parties {
            clean(&mut party.role);
            clean(&mut party.name);
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_dates_are_in_dutch_words() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 3).unwrap_or_default();
        assert_eq!(long_date(d), "3 maart 2026");
    }

    #[test]
    fn owners_read_as_words() {
        assert_eq!(who_label("inwoner"), "Inwoner");
        assert_eq!(who_label("inwoner + gemeente"), "Inwoner en gemeente");
        assert_eq!(who_label("Schuldhulpmaatje"), "Schuldhulpmaatje");
        assert_eq!(who_label("  "), NOT_FILLED);
    }
}
