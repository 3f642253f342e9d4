//! `meedoen intake import`: store an intake (or a check-in) from an answers file, validated
//! exactly as the form does, with the rung and the signals computed on saving.

use super::answers::read_answers;
use super::env::{parse_iso_date, tr, Context};
use super::error::CliError;
use crate::domain::Lang;
use crate::service::{self, ServiceError};
use crate::store::{ClientId, ContactId, ContactKind, StoreError};
use serde::Serialize;
use std::io::Write;
use std::path::Path;

#[derive(Debug, Serialize)]
struct SignalJson<'a> {
    id: &'a str,
    deadline: String,
    severity: &'a str,
    /// Only when the term runs into a year whose KB days are not yet known.
    #[serde(skip_serializing_if = "Option::is_none")]
    deadline_note: Option<String>,
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
    let mut answers = read_answers(answers_file, &forms.intake, on, lang)?;
    let mut store;
    let client = match client {
        Some(id) => {
            store = ctx.open_existing_store()?;
            let known = service::dossier::open_for_command(&mut store, id)
                .map_err(|e| service_error(e, lang))?;
            service::intake::prefill_identity(&mut answers, &known);
            Some(id)
        }
        None => {
            // Invalid answers are refused before a database is opened or created.
            if let Err(e) = service::assess(&forms, &answers, on) {
                return Err(service_error(e, lang));
            }
            store = ctx.open_store()?;
            None
        }
    };
    let saved = match client {
        Some(id) => service::save_contact(
            &mut store,
            &forms,
            Some(id),
            ContactKind::Checkin,
            &answers,
            on,
            None,
        ),
        // The command line has nobody to ask "is this the same person?": only a known
        // BSN stops it.
        None => service::intake::save_intake(&mut store, &forms, &answers, on, None, true),
    }
    .map_err(|e| match e {
        ServiceError::Known(known) => bsn_known(known.client, lang),
        ServiceError::BsnOfAnother { other, client } => bsn_of_another(other, client, lang),
        e => service_error(e, lang),
    })?;
    super::db_check::verify_written(&store, crate::store::check::INTAKE_TABLES)?;

    if json {
        let doc = ImportJson {
            client: saved.client,
            contact: saved.contact,
            rung: saved.assessed.score.rung,
            signals: saved
                .assessed
                .signals
                .iter()
                .map(|s| SignalJson {
                    id: &s.id,
                    deadline: s.deadline.format("%Y-%m-%d").to_string(),
                    severity: s.severity.as_str(),
                    deadline_note: crate::domain::signals::rule_on(&forms.signals, &s.id, on)
                        .filter(|r| r.deadline.unknown_kb_year(on, &forms.holidays).is_some())
                        .map(|r| r.deadline.explain(on, &forms.holidays)),
                })
                .collect(),
        };
        super::print_json(out, &doc)
    } else {
        let _ = writeln!(out, "{}", saved.client);
        Ok(())
    }
}

pub fn service_error(e: ServiceError, lang: Lang) -> CliError {
    match e {
        ServiceError::Store(e) => store_refusal(e, lang),
        e => CliError::many(e.lines(lang)),
    }
}

/// A store error in the language asked for where the CLI has both.
pub fn store_refusal(e: StoreError, lang: Lang) -> CliError {
    match (e, lang) {
        (StoreError::Locked { client, staff, since }, Lang::En) => CliError::new(format!(
            "Resident {client} is open on screen by {staff} since {}; nothing was saved, try again once the dossier is closed.",
            since.format("%d-%m-%Y %H:%M")
        )),
        (e, _) => CliError::from(e),
    }
}

/// A second intake for a known BSN would split one dossier in two.
fn bsn_known(existing: ClientId, lang: Lang) -> CliError {
    CliError::new(match lang {
        Lang::Nl => format!(
            "Er is al een inwoner met dit BSN (nummer {existing}); sla een jaargesprek op met --client {existing}."
        ),
        Lang::En => format!(
            "A resident with this BSN already exists (number {existing}); store a check-in with --client {existing}."
        ),
    })
}

/// A check-in that would give this resident the BSN of another one.
fn bsn_of_another(other: ClientId, id: ClientId, lang: Lang) -> CliError {
    CliError::new(match lang {
        Lang::Nl => format!(
            "Dit BSN hoort bij inwoner {other}, niet bij inwoner {id}; er is niets opgeslagen."
        ),
        Lang::En => format!(
            "This BSN belongs to resident {other}, not to resident {id}; nothing was saved."
        ),
    })
}
