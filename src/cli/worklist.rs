//! `meedoen worklist`: residents due for contact (no contact yet this calendar year, the
//! contract's evaluation date has passed, or the PIP falls due), oldest first.

use super::args::WorklistArgs;
use super::env::{parse_iso_date, Context};
use super::error::CliError;
use crate::domain::date::format_date;
use crate::domain::Lang;
use crate::store::{ClientId, WorklistReason};
use serde::Serialize;
use std::io::Write;

#[derive(Debug, Serialize)]
struct DueJson {
    client: ClientId,
    name: String,
    last_contact: Option<String>,
    reason: &'static str,
}

#[derive(Debug, Serialize)]
struct WorklistJson {
    as_of: String,
    due: Vec<DueJson>,
}

pub fn run(ctx: &Context, a: &WorklistArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let as_of = match &a.as_of {
        Some(d) => parse_iso_date(d, "--as-of", ctx.lang)?,
        None => ctx.today,
    };
    let store = ctx.open_existing_store()?;
    let rows = crate::service::worklist::all(&store, as_of)?;
    if a.json {
        let doc = WorklistJson {
            as_of: as_of.format("%Y-%m-%d").to_string(),
            due: rows
                .into_iter()
                .map(|r| DueJson {
                    client: r.client,
                    name: r.name,
                    last_contact: r.last_contact.map(|d| d.format("%Y-%m-%d").to_string()),
                    reason: r.reason.as_str(),
                })
                .collect(),
        };
        return super::print_json(out, &doc);
    }
    let lang = ctx.lang;
    let _ = writeln!(
        out,
        "{}",
        match lang {
            Lang::Nl => format!(
                "Werklijst op {}: {} {} aan de beurt.",
                format_date(as_of),
                rows.len(),
                if rows.len() == 1 {
                    "inwoner"
                } else {
                    "inwoners"
                }
            ),
            Lang::En => format!(
                "Worklist on {}: {} residents due.",
                format_date(as_of),
                rows.len()
            ),
        }
    );
    for r in &rows {
        let last = r
            .last_contact
            .map(format_date)
            .unwrap_or_else(|| match lang {
                Lang::Nl => "nooit".to_string(),
                Lang::En => "never".to_string(),
            });
        let reason = match (r.reason, lang) {
            (WorklistReason::NoContactThisYear, Lang::Nl) => "geen contact dit jaar",
            (WorklistReason::EvaluationOverdue, Lang::Nl) => "evaluatie verlopen",
            (WorklistReason::NoContactThisYear, Lang::En) => "no contact this year",
            (WorklistReason::EvaluationOverdue, Lang::En) => "evaluation overdue",
            (WorklistReason::PipDue, Lang::Nl) => "PIP loopt af",
            (WorklistReason::PipDue, Lang::En) => "PIP ends",
        };
        let _ = writeln!(
            out,
            "{:>7}  {:<32}  {:<10}  {reason}",
            r.client,
            clip(&r.name, 32),
            last
        );
    }
    Ok(())
}

/// Cut a name to `max` characters for the column (names are never cut in JSON).
fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}
