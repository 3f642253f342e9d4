//! `meedoen report`: aggregated figures for the council monitor, no personal data. JSON as
//! in `cli.md` (plus contracts per status and outflow per reason), or CSV in a long
//! `as_of,figure,key,value` shape that pastes into any spreadsheet. Counts of 1 to 4 are
//! withheld unless `--intern` (see `domain::disclosure`).

use super::args::ReportArgs;
use super::env::{parse_iso_date, Context};
use super::error::CliError;
use crate::domain::date::format_date;
use crate::domain::disclosure::{self, Cell};
use crate::domain::Lang;
use crate::store::Report;
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::Write;

/// The figures as they go out: exact with `--intern`, else with small counts withheld
/// (`domain::disclosure`). Every output format is made from this one view.
struct Published {
    as_of: String,
    intern: bool,
    clients: Cell,
    per_rung: Vec<Cell>,
    movement: [Cell; 3],
    due: Cell,
    /// signals_open, signals_overdue, contracts, outflow.
    maps: Vec<(&'static str, Vec<(String, Cell)>)>,
}

impl Published {
    fn new(r: &Report, intern: bool) -> Published {
        let one = |n: u64| {
            if intern {
                Cell::Exact(n)
            } else {
                disclosure::single(n)
            }
        };
        let group = |v: &[u64]| -> Vec<Cell> {
            if intern {
                v.iter().map(|n| Cell::Exact(*n)).collect()
            } else {
                disclosure::group(v)
            }
        };
        let movement = group(&[r.movement.up, r.movement.same, r.movement.down]);
        let maps = [
            ("signals_open", &r.signals_open),
            ("signals_overdue", &r.signals_overdue),
            ("contracts", &r.contracts),
            ("outflow", &r.outflow),
        ]
        .into_iter()
        .map(|(figure, map)| {
            let values: Vec<u64> = map.values().copied().collect();
            let cells = group(&values);
            (figure, map.keys().cloned().zip(cells).collect())
        })
        .collect();
        Published {
            as_of: r.as_of.format("%Y-%m-%d").to_string(),
            intern,
            clients: one(r.clients),
            per_rung: group(&r.per_rung),
            movement: [movement[0], movement[1], movement[2]],
            due: one(r.due),
            maps,
        }
    }

    fn map(&self, figure: &str) -> &[(String, Cell)] {
        self.maps
            .iter()
            .find(|(f, _)| *f == figure)
            .map(|(_, v)| v.as_slice())
            .unwrap_or(&[])
    }

    /// Every figure as (figure, key, cell), in the CSV's order.
    fn rows(&self) -> Vec<(&'static str, String, Cell)> {
        let mut rows = vec![("clients", String::new(), self.clients)];
        for (n, c) in self.per_rung.iter().enumerate() {
            rows.push(("per_rung", (n + 1).to_string(), *c));
        }
        for (k, c) in ["up", "same", "down"].iter().zip(self.movement) {
            rows.push(("movement", k.to_string(), c));
        }
        rows.push(("due", String::new(), self.due));
        for (figure, cells) in &self.maps {
            for (k, c) in cells {
                rows.push((figure, k.clone(), *c));
            }
        }
        rows
    }

    fn json(&self) -> ReportJson {
        let map = |figure: &str| -> BTreeMap<String, Option<u64>> {
            self.map(figure)
                .iter()
                .map(|(k, c)| (k.clone(), c.exact()))
                .collect()
        };
        ReportJson {
            as_of: self.as_of.clone(),
            clients: self.clients.exact(),
            per_rung: (1..=6)
                .map(|n| (n.to_string(), self.per_rung[n - 1].exact()))
                .collect(),
            movement: MovementJson {
                up: self.movement[0].exact(),
                same: self.movement[1].exact(),
                down: self.movement[2].exact(),
            },
            due: self.due.exact(),
            signals_open: map("signals_open"),
            signals_overdue: map("signals_overdue"),
            contracts: map("contracts"),
            outflow: map("outflow"),
            intern: self.intern,
            suppressed: self
                .rows()
                .into_iter()
                .filter(|(_, _, c)| *c == Cell::Suppressed)
                .map(|(f, k, _)| {
                    if k.is_empty() {
                        f.to_string()
                    } else {
                        format!("{f}.{k}")
                    }
                })
                .collect(),
        }
    }
}

/// The JSON of cli.md; a withheld count is `null` and named in `suppressed`.
#[derive(Debug, Serialize)]
struct ReportJson {
    as_of: String,
    clients: Option<u64>,
    per_rung: BTreeMap<String, Option<u64>>,
    movement: MovementJson,
    due: Option<u64>,
    signals_open: BTreeMap<String, Option<u64>>,
    signals_overdue: BTreeMap<String, Option<u64>>,
    contracts: BTreeMap<String, Option<u64>>,
    outflow: BTreeMap<String, Option<u64>>,
    /// Exact counts (`--intern`): for the team, not for publication.
    intern: bool,
    /// The withheld counts, as `figure` or `figure.key`.
    suppressed: Vec<String>,
}

#[derive(Debug, Serialize)]
struct MovementJson {
    up: Option<u64>,
    same: Option<u64>,
    down: Option<u64>,
}

pub fn run(ctx: &Context, a: &ReportArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let as_of = match &a.as_of {
        Some(d) => parse_iso_date(d, "--as-of", ctx.lang)?,
        None => ctx.today,
    };
    let store = ctx.open_existing_store()?;
    let r = store.report(as_of)?;
    let p = Published::new(&r, a.intern);
    if a.json {
        super::print_json(out, &p.json())
    } else if a.csv {
        write_csv(out, &p)
    } else {
        write_text(out, &p, &r, ctx.lang)
    }
}

fn write_csv(out: &mut dyn Write, p: &Published) -> Result<(), CliError> {
    let mut text = String::from("as_of,figure,key,value\n");
    for (figure, key, value) in p.rows() {
        text.push_str(&format!(
            "{},{figure},{},{}\n",
            p.as_of,
            csv_field(&key),
            value.shown()
        ));
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

fn write_text(out: &mut dyn Write, p: &Published, r: &Report, lang: Lang) -> Result<(), CliError> {
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
                p.clients.shown()
            )
        } else {
            format!(
                "Report on {}: {} residents",
                format_date(r.as_of),
                p.clients.shown()
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
    for (n, c) in p.per_rung.iter().enumerate() {
        line(&mut t, format!("  {}  {:>7}", n + 1, c.shown()));
    }
    let [up, same, down] = p.movement.map(Cell::shown);
    line(
        &mut t,
        if nl {
            format!("Beweging (12 maanden): omhoog {up}, gelijk {same}, omlaag {down}")
        } else {
            format!("Movement (12 months): up {up}, same {same}, down {down}")
        },
    );
    line(
        &mut t,
        if nl {
            format!("Aan de beurt voor contact: {}", p.due.shown())
        } else {
            format!("Due for contact: {}", p.due.shown())
        },
    );
    line(
        &mut t,
        if nl {
            "Signalen open (te laat):".into()
        } else {
            "Signals open (overdue):".into()
        },
    );
    let overdue = p.map("signals_overdue");
    for (k, open) in p.map("signals_open") {
        let late = overdue
            .iter()
            .find(|(kind, _)| kind == k)
            .map_or(Cell::Exact(0), |(_, c)| *c);
        line(
            &mut t,
            format!("  {k:<20} {:>6} ({})", open.shown(), late.shown()),
        );
    }
    for (title_nl, title_en, figure) in [
        ("Overeenkomsten:", "Contracts:", "contracts"),
        ("Uitstroom (12 maanden):", "Outflow (12 months):", "outflow"),
    ] {
        line(&mut t, if nl { title_nl.into() } else { title_en.into() });
        let cells = p.map(figure);
        if cells.is_empty() {
            line(&mut t, "  -".into());
        }
        for (k, c) in cells {
            line(&mut t, format!("  {k:<20} {:>6}", c.shown()));
        }
    }
    if !p.intern && p.rows().iter().any(|(_, _, c)| *c == Cell::Suppressed) {
        line(
            &mut t,
            if nl {
                "<5: een klein aantal, niet getoond zodat niemand herkenbaar is (exact voor het team: --intern).".into()
            } else {
                "<5: a small number, not shown so nobody can be recognised (exact for the team: --intern).".into()
            },
        );
    }
    out.write_all(t.as_bytes())
        .map_err(|e| CliError::new(format!("Schrijffout: {e}")))
}
