//! Demo database of clearly fictitious residents: intakes through every section, yearly
//! check-ins with the ladder moving up, staying or down, signals (open, overdue, handled),
//! contracts in both states, and residents who left benefits. Deterministic per seed.

pub mod intake;
pub mod people;
pub mod rng;

use crate::domain::contract::{AgreementStatus, PartKind};
use crate::domain::{Answers, Value};
use crate::forms::{FormDef, Forms};
use crate::service::contract::Document;
use crate::service::outflow::Outflow;
use crate::service::{self, Assessed, ServiceError};
use crate::store::{ClientId, ContactKind, NewResident, Store, StoreError};
use chrono::{Duration, Months, NaiveDate};
use intake::Situation;
use rng::Rng;

#[derive(Debug, Clone, Copy)]
pub struct DemoOptions {
    pub clients: u32,
    pub seed: u64,
    /// The demo's "today": contacts lie in the five years before it.
    pub today: NaiveDate,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DemoSummary {
    pub residents: u64,
    pub contacts: u64,
    pub signals: u64,
    pub signals_open: u64,
    pub contracts: u64,
    pub outflow: u64,
}

#[derive(Debug)]
pub enum DemoError {
    Store(StoreError),
    /// The generator made answers the form refuses: a bug in the demo, never stored.
    Invalid {
        resident: u32,
        error: ServiceError,
    },
}

impl From<StoreError> for DemoError {
    fn from(e: StoreError) -> Self {
        DemoError::Store(e)
    }
}

impl From<ServiceError> for DemoError {
    fn from(e: ServiceError) -> Self {
        match e {
            ServiceError::Store(s) => DemoError::Store(s),
            other => DemoError::Invalid {
                resident: 0,
                error: other,
            },
        }
    }
}

/// One contact of a planned resident: validated answers with their rung and signals.
struct PlannedContact {
    date: NaiveDate,
    kind: ContactKind,
    assessed: Assessed,
    /// Draft a contract after this contact; `true` when it is the newest contact (whose
    /// contract sometimes stays a concept).
    contract: Option<bool>,
}

/// Everything about one made-up resident that needs no database.
struct Plan {
    index: u32,
    identity: NewResident,
    contacts: Vec<PlannedContact>,
    outflow: Option<(&'static str, NaiveDate)>,
}

/// Fill `store` with `opts.clients` made-up residents.
///
/// Two threads: one invents residents and validates, scores and signals their answers
/// (pure work), the other writes them in one transaction (`bulk_load` when nobody else
/// has the file open); on an error nothing is kept. The order of residents,
/// and so every id, is the same as with one thread.
pub fn populate(
    store: &mut Store,
    forms: &Forms,
    opts: &DemoOptions,
) -> Result<DemoSummary, DemoError> {
    let (tx, rx) = std::sync::mpsc::sync_channel::<Result<Plan, DemoError>>(256);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut bsn_counter = 0u32;
            for index in 0..opts.clients {
                let plan = plan_resident(forms, opts, index, &mut bsn_counter);
                let failed = plan.is_err();
                // A closed channel means the writer stopped: nothing more to do.
                if tx.send(plan).is_err() || failed {
                    break;
                }
            }
        });
        let mut summary = DemoSummary::default();
        let mut failure = None;
        let mut body = |store: &mut Store| {
            for _ in 0..opts.clients {
                let written = match rx.recv() {
                    Ok(Ok(plan)) => write_resident(store, forms, opts, plan, &mut summary),
                    Ok(Err(e)) => Err(e),
                    Err(_) => Err(DemoError::Store(StoreError::Other(
                        "de demo-generator stopte onverwacht".to_string(),
                    ))),
                };
                if let Err(e) = written {
                    failure = Some(e);
                    // Roll the whole demo back; the real error is in `failure`.
                    return Err(StoreError::Other(String::new()));
                }
            }
            Ok(())
        };
        // One transaction on a file nobody else has open: written once, synced once. A
        // database another connection has open (a test's) gets one ordinary transaction.
        let loaded = service::batch(store, &mut body);
        if let Some(e) = failure {
            return Err(e);
        }
        loaded?;
        Ok(summary)
    })
}

fn plan_resident(
    forms: &Forms,
    opts: &DemoOptions,
    index: u32,
    bsn_counter: &mut u32,
) -> Result<Plan, DemoError> {
    let today = opts.today;
    let mut rng = Rng::for_item(opts.seed, u64::from(index));
    let first = today - Duration::days(rng.range(20, 5 * 365));
    let mut situation = Situation::new(&mut rng, first, bsn_counter);

    let mut contacts: Vec<PlannedContact> = Vec::new();
    let mut outflow = None;
    let mut date = first;
    let mut year = 0u32;
    loop {
        let answers = normalise(&forms.intake, situation.answers(&mut rng, date));
        let assessed = service::assess(forms, &answers, date).map_err(|error| match error {
            ServiceError::Store(s) => DemoError::Store(s),
            error => DemoError::Invalid {
                resident: index,
                error,
            },
        })?;
        let rung = assessed.score.rung;
        // Contracts at the last two contacts: an agreed older version whose agreements are
        // evaluated in the newer one (earlier versions would add volume, not realism).
        let recent = next_checkin_after(first, year + 2, today).is_none();
        let contract = (recent && rng.chance(85))
            .then(|| next_checkin_after(first, year + 1, today).is_none());
        contacts.push(PlannedContact {
            date,
            kind: if contacts.is_empty() {
                ContactKind::Intake
            } else {
                ContactKind::Checkin
            },
            assessed,
            contract,
        });

        // Outflow: to work once the top rung is reached, on reaching pension age, moving.
        let age = crate::domain::facts::age_on(situation.born, date);
        let reason = if rung == 6 && rng.chance(35) {
            Some("werk")
        } else if age >= 66 {
            Some("overig")
        } else if rng.chance(2) {
            Some("verhuisd")
        } else {
            None
        };
        if let Some(reason) = reason {
            let left = date + Duration::days(rng.range(7, 60));
            if left <= today {
                outflow = Some((reason, left));
                break;
            }
        }

        // The next yearly check-in, a few weeks either side; some residents are late.
        year += 1;
        let Some(next) = first.checked_add_months(Months::new(12 * year)) else {
            break;
        };
        let mut next = next + Duration::days(rng.range(-45, 45));
        if rng.chance(10) {
            next += Duration::days(rng.range(60, 200));
        }
        if next > today || next <= date {
            break;
        }
        situation.next_year(&mut rng);
        date = next;
    }
    let identity = contacts
        .first()
        .map(|c| service::resident_from_answers(&c.assessed.answers))
        .unwrap_or_default();
    Ok(Plan {
        index,
        identity,
        contacts,
        outflow,
    })
}

/// Store a planned resident. The answers were validated, scored and signalled by
/// `service::assess` already, so this writes them as `service::save_contact` would,
/// without doing that work twice; a demo resident's identity never changes, so check-ins
/// need no update of it.
fn write_resident(
    store: &mut Store,
    forms: &Forms,
    opts: &DemoOptions,
    plan: Plan,
    summary: &mut DemoSummary,
) -> Result<(), DemoError> {
    // A second stream for what happens after the answers, so the plan stays independent.
    let mut rng = Rng::for_item(opts.seed ^ 0x5772_6974_6572, u64::from(plan.index));
    let mut client = None;
    let mut contact_dates = Vec::new();
    for c in &plan.contacts {
        // A demo resident's identity never changes: check-ins leave it as it is.
        let who = match client {
            None => service::Who::New(&plan.identity),
            Some(id) => service::Who::Known(id, None),
        };
        let (id, _) =
            service::record_contact(store, forms, who, c.kind, &c.assessed, c.date, None)?;
        client = Some(id);
        contact_dates.push(c.date);
        summary.contacts += 1;
        if let Some(newest) = c.contract {
            contract_step(store, forms, &mut rng, id, c.date, opts.today, newest)?;
            summary.contracts += 1;
        }
    }
    let Some(client) = client else {
        return Ok(());
    };
    if let Some((reason, date)) = plan.outflow {
        service::outflow::record(store, client, Outflow::Left { reason, date })?;
        summary.outflow += 1;
    }
    summary.residents += 1;
    handle_signals(store, &mut rng, client, &contact_dates, opts.today, summary)?;
    Ok(())
}

/// The date of check-in `year` (without jitter) if it lies on or before `today`.
fn next_checkin_after(first: NaiveDate, year: u32, today: NaiveDate) -> Option<NaiveDate> {
    first
        .checked_add_months(Months::new(12 * year))
        .filter(|d| *d <= today)
}

/// Draft a contract (a new version from the previous one at a check-in), evaluate the
/// agreements it carries over, and agree it a few days later; the newest one sometimes
/// stays a concept.
fn contract_step(
    store: &mut Store,
    forms: &Forms,
    rng: &mut Rng,
    client: ClientId,
    date: NaiveDate,
    today: NaiveDate,
    probably_last: bool,
) -> Result<(), DemoError> {
    let mut stored = service::contract::new_version(store, forms, client, date, true)?;
    let c = &mut stored.contract;
    if c.version > 1 {
        for part in &mut c.parts {
            for a in &mut part.agreements {
                let (status, note) = rng.weighted(&[
                    ((AgreementStatus::Gedaan, "Gelukt."), 50),
                    ((AgreementStatus::Deels, "Deels gelukt; loopt door."), 20),
                    (
                        (
                            AgreementStatus::NietGedaan,
                            "Niet gelukt; besproken waarom.",
                        ),
                        15,
                    ),
                    ((AgreementStatus::Vervallen, "Niet meer nodig."), 5),
                    ((AgreementStatus::Open, ""), 10),
                ]);
                if a.status == AgreementStatus::Open {
                    a.status = status;
                    a.note = note.to_string();
                }
            }
        }
    }
    if c.consultant_view.is_empty() {
        c.consultant_view = rng.pick(CONSULTANT_VIEWS).to_string();
    }
    for part in &mut c.parts {
        if part.agreements.is_empty() && part.empty_reason.is_empty() {
            part.empty_reason = "niet nodig: hier speelt nu niets.".to_string();
        }
        if part.goal.is_empty() {
            part.goal = match part.kind {
                PartKind::Sociaal => "Rust in geldzaken, wonen en gezondheid.",
                PartKind::Arbeidsfit => "Klaar worden voor werk of vrijwilligerswerk.",
                PartKind::Werk => "Een volgende stap op de ladder zetten.",
            }
            .to_string();
        }
    }
    service::contract::save(store, client, stored.id, &stored.contract)?;
    let agreed_on = (date + Duration::days(rng.range(0, 14))).min(today);
    if probably_last && rng.chance(30) {
        return Ok(());
    }
    service::contract::agree(
        store,
        forms,
        stored.id,
        &stored.contract,
        agreed_on,
        Document::Markdown,
    )?;
    Ok(())
}

const CONSULTANT_VIEWS: &[&str] = &[
    "Gemotiveerd; eerst de schulden regelen, dan werk.",
    "Wil graag, maar de gezondheid remt. Kleine stappen.",
    "Goed netwerk; kan snel door naar vrijwilligerswerk.",
    "Taal is de eerste drempel; daarna kijken naar werk.",
];

/// Signals of earlier contacts were dealt with by the next one; of the latest contact,
/// most overdue ones and some recent ones are handled, the rest stay open.
fn handle_signals(
    store: &mut Store,
    rng: &mut Rng,
    client: ClientId,
    contact_dates: &[NaiveDate],
    today: NaiveDate,
    summary: &mut DemoSummary,
) -> Result<(), DemoError> {
    let last = contact_dates.last().copied().unwrap_or(today);
    for s in store.signals_of(client)? {
        summary.signals += 1;
        let handle = if s.raised < last {
            true
        } else if s.deadline < today {
            rng.chance(75)
        } else {
            rng.chance(15)
        };
        if handle {
            let note = rng.pick(&[
                "Besproken en doorverwezen.",
                "Afspraak gemaakt; inwoner is geweest.",
                "Opgelost bij het volgende gesprek.",
                "Niet meer nodig: situatie is veranderd.",
            ]);
            service::signals::handle(store, s.id, note)?;
        } else {
            summary.signals_open += 1;
        }
    }
    Ok(())
}

/// Multi answers in the order of the form's options, as the form stores them.
fn normalise(form: &FormDef, mut answers: Answers) -> Answers {
    for (id, value) in answers.iter_mut() {
        if let (Value::Multi(items), Some(q)) = (value, form.question(id)) {
            items.sort_by_key(|i| q.options.iter().position(|o| &o.id == i));
            items.dedup();
        }
    }
    answers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn situations_are_the_same_for_the_same_seed() {
        let on = NaiveDate::from_ymd_opt(2024, 6, 1).unwrap_or_default();
        let make = |seed| {
            let mut counter = 0;
            let mut rng = Rng::for_item(seed, 3);
            let s = Situation::new(&mut rng, on, &mut counter);
            s.answers(&mut rng, on)
        };
        assert_eq!(make(1), make(1));
        assert_ne!(make(1), make(2));
    }
}
