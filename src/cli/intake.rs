//! `meedoen intake import`: store an intake (or a check-in) from an answers file, validated
//! exactly as the form does, with the rung and the signals computed on saving.

use super::answers::{field_errors, read_answers};
use super::env::{parse_iso_date, tr, Context};
use super::error::CliError;
use crate::domain::ladder::{self, LadderScore};
use crate::domain::signals::{self, FiredSignal};
use crate::domain::{Answers, Facts, Lang, Value};
use crate::forms::validate::{validate_all, visible_answers};
use crate::forms::Forms;
use crate::store::{ClientId, ContactId, ContactKind, Measurement, NewContact, NewResident, Store};
use chrono::NaiveDate;
use serde::Serialize;
use std::io::Write;
use std::path::Path;

/// What saving a contact computes from its answers: the rung and the signals.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessment {
    pub score: LadderScore,
    pub measurement: Measurement,
    pub signals: Vec<FiredSignal>,
}

/// Score the ladder and evaluate the signal rules for answers given on `on`. The chosen rung
/// is the computed one (an override needs a written reason, which only the screen asks).
pub fn assess(forms: &Forms, answers: &Answers, on: NaiveDate) -> Assessment {
    let score = ladder::score(answers, &forms.ladder_settings);
    let expected = match answers.get("verwachting.trede") {
        Some(Value::Choice(s)) | Some(Value::Text(s)) => {
            s.trim().parse::<u8>().ok().filter(|r| (1..=6).contains(r))
        }
        Some(Value::Int(i)) => u8::try_from(*i).ok().filter(|r| (1..=6).contains(r)),
        _ => None,
    };
    let horizon = match answers.get("verwachting.termijn_maanden") {
        Some(Value::Int(i)) => u32::try_from(*i).ok(),
        _ => None,
    };
    let measurement = Measurement {
        date: on,
        computed: score.rung,
        explanation: score.explanation.clone(),
        chosen: score.rung,
        override_reason: None,
        expected,
        horizon_months: horizon,
    };
    let facts = Facts::new(answers, on);
    let signals = signals::evaluate(&forms.signals, &facts, &forms.holidays);
    Assessment {
        score,
        measurement,
        signals,
    }
}

fn text(answers: &Answers, id: &str) -> Option<String> {
    match answers.get(id) {
        Some(Value::Text(s)) | Some(Value::Choice(s)) if !s.trim().is_empty() => {
            Some(s.trim().to_string())
        }
        _ => None,
    }
}

/// The identity fields of a resident from the `persoon.*` answers.
pub fn resident_from_answers(answers: &Answers) -> NewResident {
    NewResident {
        first_names: text(answers, "persoon.voornamen").unwrap_or_default(),
        surname: text(answers, "persoon.achternaam").unwrap_or_default(),
        birth_date: match answers.get("persoon.geboortedatum") {
            Some(Value::Date(d)) => Some(*d),
            _ => None,
        },
        bsn: text(answers, "persoon.bsn"),
        phone: text(answers, "persoon.telefoon").unwrap_or_default(),
        email: text(answers, "persoon.email").unwrap_or_default(),
    }
}

#[derive(Debug, Serialize)]
struct SignalJson<'a> {
    id: &'a str,
    deadline: String,
    severity: &'a str,
}

#[derive(Debug, Serialize)]
struct ImportJson<'a> {
    client: ClientId,
    contact: ContactId,
    rung: u8,
    signals: Vec<SignalJson<'a>>,
}

pub fn import(
    ctx: &Context,
    answers_file: &Path,
    client: Option<ClientId>,
    date: Option<&str>,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let lang = ctx.lang;
    let on = match date {
        Some(d) => parse_iso_date(d, "--date", lang)?,
        None => ctx.today,
    };
    if on > ctx.today {
        return Err(CliError::new(tr(
            lang,
            "--date ligt in de toekomst; een gesprek kan alleen vandaag of eerder zijn.",
            "--date is in the future; a conversation can only be today or earlier.",
        )));
    }
    let forms = ctx.load_forms()?;
    let parsed = read_answers(answers_file, &forms.intake, on, lang)?;
    let errors = validate_all(&forms.intake, &parsed, on);
    if !errors.is_empty() {
        return Err(field_errors(&errors, lang));
    }
    let answers = visible_answers(&forms.intake, &parsed, on);
    let assessment = assess(&forms, &answers, on);
    let identity = resident_from_answers(&answers);

    let mut store = ctx.open_store()?;
    let (client, kind) = match client {
        Some(id) => {
            update_identity(&mut store, id, &identity)?;
            (id, ContactKind::Checkin)
        }
        None => {
            refuse_duplicate_bsn(&store, &identity, lang)?;
            (store.create_resident(&identity)?, ContactKind::Intake)
        }
    };
    let contact = store.save_contact(&NewContact {
        client,
        date: on,
        kind,
        form_id: &forms.intake.id,
        form_version: forms.intake.version,
        form_hash: &forms.intake.hash,
        form_source: &forms.intake.source,
        answers: &answers,
        measurement: Some(assessment.measurement.clone()),
        signals: &assessment.signals,
    })?;

    if json {
        let doc = ImportJson {
            client,
            contact,
            rung: assessment.score.rung,
            signals: assessment
                .signals
                .iter()
                .map(|s| SignalJson {
                    id: &s.id,
                    deadline: s.deadline.format("%Y-%m-%d").to_string(),
                    severity: s.severity.as_str(),
                })
                .collect(),
        };
        super::print_json(out, &doc)
    } else {
        let _ = writeln!(out, "{client}");
        Ok(())
    }
}

/// A check-in brings the identity up to date with what was answered, keeping what the file
/// leaves out (a missing BSN in a check-in does not erase the known one).
fn update_identity(store: &mut Store, id: ClientId, new: &NewResident) -> Result<(), CliError> {
    let old = store.open_resident(id)?;
    let keep = |n: &str, o: &str| {
        if n.is_empty() {
            o.to_string()
        } else {
            n.to_string()
        }
    };
    let merged = NewResident {
        first_names: keep(&new.first_names, &old.first_names),
        surname: keep(&new.surname, &old.surname),
        birth_date: new.birth_date.or(old.birth_date),
        bsn: new.bsn.clone().or(old.bsn),
        phone: keep(&new.phone, &old.phone),
        email: keep(&new.email, &old.email),
    };
    store.update_resident(id, &merged)?;
    Ok(())
}

/// A second intake for a known BSN would split one dossier in two.
fn refuse_duplicate_bsn(store: &Store, r: &NewResident, lang: Lang) -> Result<(), CliError> {
    let Some(bsn) = &r.bsn else { return Ok(()) };
    let hits = store.search_residents(bsn, 5)?;
    if let Some(hit) = hits.iter().find(|h| h.bsn.as_deref() == Some(bsn.as_str())) {
        return Err(CliError::new(match lang {
            Lang::Nl => format!(
                "Er is al een inwoner met dit BSN (nummer {}); sla een jaargesprek op met --client {}.",
                hit.id, hit.id
            ),
            Lang::En => format!(
                "A resident with this BSN already exists (number {}); store a check-in with --client {}.",
                hit.id, hit.id
            ),
        }));
    }
    Ok(())
}
