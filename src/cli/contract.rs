//! `meedoen contract draft|export`: the social contract from the latest intake, drafted
//! with the suggestions applied, and rendered as PDF, HTML or Markdown.

use super::args::ExportFormat;
use super::env::Context;
use super::error::CliError;
use super::intake::service_error;
use super::outfile;
use crate::domain::contract::{Contract, PartKind};
use crate::domain::date::format_date;
use crate::domain::Lang;
use crate::export::Format;
use crate::forms::ContractTexts;
use crate::service::export::Destination;
use crate::service::{self, ServiceError};
use crate::store::ClientId;
use serde::Serialize;
use std::io::Write;
use std::path::Path;

#[derive(Debug, Serialize)]
struct DraftJson<'a> {
    client: ClientId,
    contract: i64,
    #[serde(flatten)]
    body: &'a Contract,
}

pub fn draft(
    ctx: &Context,
    client: ClientId,
    json: bool,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    let forms = ctx.load_forms()?;
    let mut store = ctx.open_existing_store()?;
    // An unknown number is named as such, not as "no intake yet".
    service::dossier::open_for_command(&mut store, client)
        .map_err(|e| service_error(e, ctx.lang))?;
    let stored = service::draft_contract(&mut store, &forms, client, ctx.today, true)
        .map_err(|e| service_error(e, ctx.lang))?;
    super::db_check::verify_written(&store, &["contracts", "access_log"])?;
    if json {
        return super::print_json(
            out,
            &DraftJson {
                client,
                contract: stored.id,
                body: &stored.contract,
            },
        );
    }
    let text = summary(
        &stored.contract,
        forms.contract_texts.on(stored.contract.date),
        ctx.lang,
    );
    out.write_all(text.as_bytes())
        .map_err(|e| CliError::new(format!("Schrijffout: {e}")))
}

fn part_title(c: &Contract, t: &ContractTexts, kind: PartKind) -> String {
    let title = match kind {
        PartKind::Sociaal => &t.title_sociaal,
        PartKind::Arbeidsfit => &t.title_arbeidsfit,
        PartKind::Werk if c.work_is_paid() => &t.title_werk_betaald,
        PartKind::Werk => &t.title_werk_onbetaald,
    };
    if title.trim().is_empty() {
        kind.as_str().to_string()
    } else {
        title.clone()
    }
}

/// A short plain-text view of a contract for the terminal.
fn summary(c: &Contract, t: &ContractTexts, lang: Lang) -> String {
    let nl = lang == Lang::Nl;
    let mut s = String::new();
    let status = match (c.status, nl) {
        (crate::domain::contract::ContractStatus::Concept, _) => "concept",
        (crate::domain::contract::ContractStatus::Vastgesteld, true) => "vastgesteld",
        (crate::domain::contract::ContractStatus::Vastgesteld, false) => "agreed",
    };
    if nl {
        s.push_str(&format!(
            "Sociale overeenkomst versie {} ({status}) van {}, {}\n",
            c.version,
            c.header.resident_name,
            format_date(c.date)
        ));
        s.push_str(&format!(
            "Trede nu {} ({}), verwacht {} ({}) binnen {} maanden\n",
            c.ladder.current,
            c.ladder.current_name,
            c.ladder.expected,
            c.ladder.expected_name,
            c.ladder.horizon_months
        ));
        s.push_str(&format!(
            "Volgende evaluatie: {}\n",
            format_date(c.next_evaluation)
        ));
    } else {
        s.push_str(&format!(
            "Social contract version {} ({status}) of {}, {}\n",
            c.version,
            c.header.resident_name,
            format_date(c.date)
        ));
        s.push_str(&format!(
            "Rung now {} ({}), expected {} ({}) within {} months\n",
            c.ladder.current,
            c.ladder.current_name,
            c.ladder.expected,
            c.ladder.expected_name,
            c.ladder.horizon_months
        ));
        s.push_str(&format!(
            "Next evaluation: {}\n",
            format_date(c.next_evaluation)
        ));
    }
    for kind in PartKind::ALL {
        s.push_str(&format!("\n{}\n", part_title(c, t, kind)));
        let agreements = c.part(kind).map(|p| p.agreements.as_slice()).unwrap_or(&[]);
        if agreements.is_empty() {
            s.push_str(if nl {
                "  (nog geen afspraken)\n"
            } else {
                "  (no agreements yet)\n"
            });
        }
        for a in agreements {
            let due = a.due.map(format_date).unwrap_or_else(|| "-".into());
            s.push_str(&format!(
                "  - {} ({}: {}, {}: {due})\n",
                a.what,
                if nl { "wie" } else { "who" },
                a.who,
                if nl { "uiterlijk" } else { "by" },
            ));
        }
    }
    if !c.pending.is_empty() {
        s.push_str(&format!(
            "\n{} {}\n",
            c.pending.len(),
            if nl {
                "voorstellen wachten nog op een keuze in het scherm."
            } else {
                "suggestions await a choice on screen."
            }
        ));
    }
    s
}

pub fn export(
    ctx: &Context,
    client: ClientId,
    format: ExportFormat,
    file: &Path,
    out: &mut dyn Write,
) -> Result<(), CliError> {
    // Checked before anything is opened: a refused target leaves no trace at all.
    let to_stdout = outfile::is_stdout(file);
    if !to_stdout {
        outfile::check_out(ctx, file)?;
    }
    let forms = ctx.load_forms()?;
    let mut store = ctx.open_existing_store()?;
    let format = match format {
        ExportFormat::Pdf => Format::Pdf,
        ExportFormat::Html => Format::Html,
        ExportFormat::Md => Format::Md,
    };
    // The document's own bytes (a PDF is binary) go to standard output, not through the
    // text cleaning of `out`; the rendered text itself is already clean.
    let mut raw = std::io::stdout().lock();
    let to = if to_stdout {
        Destination::Stream(&mut raw)
    } else {
        Destination::File(file)
    };
    service::export::contract(&mut store, &forms, client, format, to).map_err(|e| match e {
        ServiceError::NoContract(client) => CliError::new(match ctx.lang {
            Lang::Nl => format!(
                "Inwoner {client} heeft nog geen overeenkomst; maak er een met `meedoen contract draft {client}`."
            ),
            Lang::En => format!(
                "Resident {client} has no contract yet; draft one with `meedoen contract draft {client}`."
            ),
        }),
        ServiceError::Export(e) => CliError::new(e.to_string()),
        e => service_error(e, ctx.lang),
    })?;
    drop(raw);
    super::db_check::verify_written(&store, &["access_log"])?;
    if to_stdout {
        return Ok(());
    }
    let _ = writeln!(out, "{}", file.display());
    Ok(())
}
