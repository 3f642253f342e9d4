//! `meedoen report`: aggregated figures for the council monitor, no personal data. JSON as
//! in `cli.md` (plus contracts per status and outflow per reason), or CSV in a long
//! `as_of,figure,key,value` shape that pastes into any spreadsheet.

use super::args::ReportArgs;
use super::env::{parse_iso_date, Context};
use super::error::CliError;
use crate::domain::date::format_date;
use crate::domain::Lang;
use crate::store::Report;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;

#[derive(Debug, Serialize)]
struct MovementJson {
    up: u64,
    same: u64,
    down: u64,
}

#[derive(Debug, Serialize)]
struct ReportJson<'a> {
    as_of: String,
    clients: u64,
    per_rung: BTreeMap<String, u64>,
    movement: MovementJson,
    due: u64,
    signals_open: &'a BTreeMap<String, u64>,
    signals_overdue: &'a BTreeMap<String, u64>,
    contracts: &'a BTreeMap<String, u64>,
    outflow: &'a BTreeMap<String, u64>,
}

pub fn run(ctx: &Context, a: &ReportArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let as_of = match &a.as_of {
        Some(d) => parse_iso_date(d, "--as-of", ctx.lang)?,
        None => ctx.today,
    };
    let store = ctx.open_existing_store()?;
    let r = crate::service::report::report(&store, as_of)?;
    if a.json {
        let doc = ReportJson {
            as_of: iso(&r),
            clients: r.clients,
            per_rung: (1..=6)
                .map(|n| (n.to_string(), r.per_rung[n - 1]))
                .collect(),
            movement: MovementJson {
                up: r.movement.up,
                same: r.movement.same,
                down: r.movement.down,
            },
            due: r.due,
            signals_open: &r.signals_open,
            signals_overdue: &r.signals_overdue,
            contracts: &r.contracts,
            outflow: &r.outflow,
        };
        super::print_json(out, &doc)
    } else if a.csv {
        write_csv(out, &r)
    } else {
        write_text(out, &r, ctx.lang)
    }
}

fn iso(r: &Report) -> String {
    r.as_of.format("%Y-%m-%d").to_string()
}

/// The rows of the CSV: (figure, key, value).
pub fn csv_rows(r: &Report) -> Vec<(&'static str, String, u64)> {
    let mut rows = vec![("clients", String::new(), r.clients)];
    for n in 1..=6 {
        rows.push(("per_rung", n.to_string(), r.per_rung[n - 1]));
    }
    rows.push(("movement", "up".into(), r.movement.up));
    rows.push(("movement", "same".into(), r.movement.same));
    rows.push(("movement", "down".into(), r.movement.down));
    rows.push(("due", String::new(), r.due));
    for (figure, map) in [
        ("signals_open", &r.signals_open),
        ("signals_overdue", &r.signals_overdue),
        ("contracts", &r.contracts),
        ("outflow", &r.outflow),
    ] {
        for (k, v) in map {
            rows.push((figure, k.clone(), *v));
        }
    }
    rows
}

fn write_csv(out: &mut dyn Write, r: &Report) -> Result<(), CliError> {
    let mut text = String::from("as_of,figure,key,value\n");
    let as_of = iso(r);
    for (figure, key, value) in csv_rows(r) {
        text.push_str(&format!("{as_of},{figure},{},{value}\n", csv_field(&key)));
    }
    out.write_all(text.as_bytes())
        .map_err(|e| CliError::new(format!("Schrijffout: {e}")))
}

/// Quote a field when it holds a comma, quote or line break (RFC 4180).
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn write_text(out: &mut dyn Write, r: &Report, lang: Lang) -> Result<(), CliError> {
    let nl = lang == Lang::Nl;
    let mut t = String::new();
    let line = |t: &mut String, s: String| {
        t.push_str(&s);
        t.push('\n');
    };
    line(
        &mut t,
        if nl {
            format!(
                "Overzicht op {}: {} inwoners",
                format_date(r.as_of),
                r.clients
            )
        } else {
            format!(
                "Report on {}: {} residents",
                format_date(r.as_of),
                r.clients
            )
        },
    );
    line(
        &mut t,
        if nl {
            "Per trede:".into()
        } else {
            "Per rung:".into()
        },
    );
    for n in 1..=6 {
        line(&mut t, format!("  {n}  {:>7}", r.per_rung[n - 1]));
    }
    line(
        &mut t,
        if nl {
            format!(
                "Beweging (12 maanden): omhoog {}, gelijk {}, omlaag {}",
                r.movement.up, r.movement.same, r.movement.down
            )
        } else {
            format!(
                "Movement (12 months): up {}, same {}, down {}",
                r.movement.up, r.movement.same, r.movement.down
            )
        },
    );
    line(
        &mut t,
        if nl {
            format!("Aan de beurt voor contact: {}", r.due)
        } else {
            format!("Due for contact: {}", r.due)
        },
    );
    let kinds: std::collections::BTreeSet<&String> = r.signals_open.keys().collect();
    line(
        &mut t,
        if nl {
            "Signalen open (te laat):".into()
        } else {
            "Signals open (overdue):".into()
        },
    );
    for k in kinds {
        let open = r.signals_open.get(k).copied().unwrap_or(0);
        let late = r.signals_overdue.get(k).copied().unwrap_or(0);
        line(&mut t, format!("  {k:<20} {open:>6} ({late})"));
    }
    for (title_nl, title_en, map) in [
        ("Overeenkomsten:", "Contracts:", &r.contracts),
        (
            "Uitstroom (12 maanden):",
            "Outflow (12 months):",
            &r.outflow,
        ),
    ] {
        line(&mut t, if nl { title_nl.into() } else { title_en.into() });
        if map.is_empty() {
            line(&mut t, "  -".into());
        }
        for (k, v) in map {
            line(&mut t, format!("  {k:<20} {v:>6}"));
        }
    }
    out.write_all(t.as_bytes())
        .map_err(|e| CliError::new(format!("Schrijffout: {e}")))
}
