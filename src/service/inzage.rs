//! The right of access (AVG art. 15): everything meedoen keeps about one resident, in
//! plain Dutch — identity, every conversation with its answers, the ladder, signals,
//! contracts, who opened the dossier when, why it is kept and for how long. Making it is
//! itself an access and is logged.

use super::ServiceError;
use crate::domain::contract::display_value;
use crate::domain::date::format_date;
use crate::domain::{Lang, Value};
use crate::export::inzage::{Inzage, Item, Part};
use crate::forms::Forms;
use crate::store::{ClientId, ContactKind, ResidentStatus, Store};
use chrono::NaiveDate;

/// Why the municipality keeps these data, in the resident's words.
const PURPOSES: &str = "De gemeente gebruikt deze gegevens om u te helpen bij werk, inkomen en meedoen, en om uw bijstand goed uit te voeren (Participatiewet, artikel 7, 18, 44a en 53a; AVG artikel 6 lid 1 onder c en e). Alleen de medewerkers van Werk en Inkomen die u helpen kunnen het dossier openen; elke keer dat iemand het opent, staat hieronder.";

/// How long, until the retention term is municipal data (issue 13, item 8).
const RETENTION: &str = "Uw dossier wordt bewaard tot 10 jaar na het einde van uw uitkering (Archiefwet; Selectielijst gemeentelijke organen 2020). Daarna wordt het vernietigd.";

const RIGHTS: &str = "Klopt er iets niet? U mag vragen het te verbeteren of aan te vullen (AVG artikel 16). U mag ook bezwaar maken of een klacht indienen bij de Autoriteit Persoonsgegevens.";

fn kind_label(k: ContactKind) -> &'static str {
    match k {
        ContactKind::Intake => "Intakegesprek",
        ContactKind::Checkin => "Jaargesprek",
        ContactKind::Voortgang => "Voortgangsgesprek",
    }
}

/// An access-log action as a reader understands it.
fn action_label(action: &str) -> String {
    match action {
        "open_dossier" => "dossier geopend".into(),
        "lees_contact" => "gesprek gelezen".into(),
        "opslaan_contact" => "gesprek opgeslagen".into(),
        "nieuwe_inwoner" => "dossier aangemaakt".into(),
        "opslaan_overeenkomst" => "overeenkomst opgeslagen".into(),
        "vaststellen_overeenkomst" => "overeenkomst vastgesteld".into(),
        "afhandelen_signaal" => "signaal afgehandeld".into(),
        "uitstroom" => "uitstroom vastgelegd".into(),
        "inzage" => "inzage gemaakt".into(),
        other => other.replace('_', " "),
    }
}

/// An answer as the form words it: option labels, not their ids.
fn answer_text(forms: &Forms, question: &str, v: &Value) -> String {
    let q = forms
        .intake
        .sections
        .iter()
        .flat_map(|s| s.questions.iter())
        .find(|q| q.id == question);
    let label = |id: &str| -> String {
        q.and_then(|q| q.option(id))
            .map(|o| o.label.get(Lang::Nl).to_string())
            .unwrap_or_else(|| id.replace('_', " "))
    };
    match v {
        Value::Choice(c) => label(c),
        Value::Multi(items) => items
            .iter()
            .map(|i| label(i))
            .collect::<Vec<_>>()
            .join(", "),
        other => display_value(other),
    }
}

/// Gather the inzage of `client` (and log that it was made).
pub fn inzage(
    store: &mut Store,
    forms: &Forms,
    client: ClientId,
    today: NaiveDate,
) -> Result<Inzage, ServiceError> {
    let r = store.resident(client)?;
    store.log("inzage", Some(client))?;
    let name = format!("{} {}", r.first_names.trim(), r.surname.trim());
    let mut parts = Vec::new();

    let mut who = vec![
        Item::new("Naam", name.trim()),
        Item::new(
            "Geboortedatum",
            r.birth_date
                .map(format_date)
                .unwrap_or_else(|| "niet bekend".into()),
        ),
        Item::new("BSN", r.bsn.clone().unwrap_or_else(|| "niet bekend".into())),
    ];
    if !r.phone.trim().is_empty() {
        who.push(Item::new("Telefoon", r.phone.trim()));
    }
    if !r.email.trim().is_empty() {
        who.push(Item::new("E-mail", r.email.trim()));
    }
    who.push(Item::new(
        "Dossier aangemaakt",
        format_date(r.created.date()),
    ));
    who.push(Item::new(
        "Uitkering",
        match (r.status, r.outflow_date) {
            (ResidentStatus::Active, _) => "loopt".to_string(),
            (ResidentStatus::Outflow, Some(d)) => format!(
                "beëindigd op {}{}",
                format_date(d),
                r.outflow_reason
                    .as_deref()
                    .map(|w| format!(" ({w})"))
                    .unwrap_or_default()
            ),
            (ResidentStatus::Outflow, None) => "beëindigd".to_string(),
        },
    ));
    parts.push(Part {
        title: "Uw gegevens".into(),
        intro: String::new(),
        items: who,
    });

    for summary in store.contacts(client)? {
        let contact = store.contact(summary.id)?;
        let mut items = vec![Item::new("Gesproken met", summary.staff.clone())];
        for section in &forms.intake.sections {
            for q in &section.questions {
                if let Some(v) = contact.answers.get(&q.id) {
                    items.push(Item::new(
                        q.label.get(Lang::Nl),
                        answer_text(forms, &q.id, v),
                    ));
                }
            }
        }
        parts.push(Part {
            title: format!(
                "{} van {}",
                kind_label(summary.kind),
                format_date(summary.date)
            ),
            intro: "Uw antwoorden in dit gesprek, ook die over uw gezondheid.".into(),
            items,
        });
    }

    let ladder: Vec<Item> = store
        .measurements(client)?
        .iter()
        .map(|m| {
            let mut text = format!("trede {} — {}", m.chosen, m.explanation.trim());
            if m.chosen != m.computed {
                text.push_str(&format!(
                    " (berekend: trede {}; gekozen omdat: {})",
                    m.computed,
                    m.override_reason.as_deref().unwrap_or("")
                ));
            }
            if let (Some(e), Some(h)) = (m.expected, m.horizon_months) {
                text.push_str(&format!("; verwacht: trede {e} binnen {h} maanden"));
            }
            Item::new(format_date(m.date), text)
        })
        .collect();
    parts.push(Part {
        title: "Participatieladder".into(),
        intro: "Hoe u meedoet, op een ladder van 6 treden (trede 6 is betaald werk).".into(),
        items: ladder,
    });

    let signals: Vec<Item> = store
        .signals_of(client)?
        .iter()
        .map(|s| {
            let rule = forms.signals.iter().find(|r| r.id == s.kind);
            let title = rule
                .map(|r| r.title.get(Lang::Nl).to_string())
                .unwrap_or_else(|| s.kind.replace('_', " "));
            let state = match &s.handled {
                Some((at, by, note)) => format!(
                    "afgehandeld op {} door {by}{}",
                    format_date(at.date()),
                    if note.trim().is_empty() {
                        String::new()
                    } else {
                        format!(": {}", note.trim())
                    }
                ),
                None => format!("open, uiterlijk {}", format_date(s.deadline)),
            };
            Item::new(
                title,
                format!("gezien op {}; {state}", format_date(s.raised)),
            )
        })
        .collect();
    parts.push(Part {
        title: "Signalen".into(),
        intro: "Wat in een gesprek opviel en binnen een wettelijke termijn aandacht vraagt.".into(),
        items: signals,
    });

    let mut contracts = Vec::new();
    for c in store.contracts_of(client)? {
        let k = &c.contract;
        let state = match k.agreed_on {
            Some(d) => format!("vastgesteld op {}", format_date(d)),
            None => "concept".into(),
        };
        let mut text = format!(
            "{state}; volgende evaluatie {}",
            format_date(k.next_evaluation)
        );
        for p in &k.parts {
            if !p.goal.trim().is_empty() {
                text.push_str(&format!("\n{}: {}", p.kind.as_str(), p.goal.trim()));
            }
            for a in &p.agreements {
                text.push_str(&format!("\n- {} ({})", a.what.trim(), a.who.trim()));
            }
        }
        contracts.push(Item::new(format!("Versie {}", k.version), text));
    }
    parts.push(Part {
        title: "Overeenkomsten".into(),
        intro: String::new(),
        items: contracts,
    });

    let access: Vec<Item> = store
        .access_log(Some(client), 100_000)?
        .iter()
        .map(|e| {
            Item::new(
                e.at.format("%d-%m-%Y %H:%M").to_string(),
                format!("{} door {}", action_label(&e.action), e.staff),
            )
        })
        .collect();
    parts.push(Part {
        title: "Wie uw dossier heeft geopend".into(),
        intro: "Elke keer dat een medewerker uw dossier opende of er iets in vastlegde.".into(),
        items: access,
    });

    parts.push(Part {
        title: "Waarom en hoe lang".into(),
        intro: String::new(),
        items: vec![
            Item::new("Doel", PURPOSES),
            Item::new("Bewaartermijn", RETENTION),
            Item::new("Uw rechten", RIGHTS),
        ],
    });

    Ok(Inzage {
        title: "Inzage in uw dossier".into(),
        made: format!(
            "{} · {} · gemaakt op {} door {}",
            name.trim(),
            forms.contract_texts.on(today).municipality,
            format_date(today),
            store.staff()
        ),
        intro: "U vroeg welke gegevens de gemeente over u bewaart (AVG artikel 15). Hieronder staat alles wat in meedoen over u is vastgelegd.".into(),
        parts,
        date: today,
        footer: format!("Inzage in uw dossier · {}", name.trim()),
    })
}
