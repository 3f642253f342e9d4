//! Loading of the rule files: `ladder.toml` (rung names, settings), `signals.toml`
//! (signal rules, extra holidays) and `contract.toml` (suggestion rules, standard texts).

use super::conditions::condition_problems;
use super::model::{FormDef, Text};
use super::Problem;
use crate::domain::contract::{
    placeholders, DueOffset, PartKind, SuggestionRule, CURRENT_RUNG, EXPECTED_RUNG, SIGNAL_PREFIX,
};
use crate::domain::date::parse_date;
use crate::domain::facts::COMPUTED_IDS;
use crate::domain::ladder::LadderSettings;
use crate::domain::signals::{Deadline, Severity, SignalRule};
use crate::domain::validity::{range_problems, RangeProblem, Validity};
use crate::domain::werkdagen::{Holidays, KbBesluit};
use crate::domain::Condition;
use chrono::{Datelike, NaiveDate};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

#[derive(Debug, Clone, PartialEq)]
pub struct RungDef {
    pub rung: u8,
    pub name: Text,
    pub description: Text,
    /// How the resident's own document names the rung: where someone stands, without a
    /// label that judges (the staff's name "Geïsoleerd" is not for the resident's paper).
    /// Falls back to `name`.
    pub for_resident: Option<Text>,
}

impl RungDef {
    /// The name printed in the resident's contract.
    pub fn resident_name(&self) -> &Text {
        self.for_resident.as_ref().unwrap_or(&self.name)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct LadderDef {
    /// Exactly six, rung 1 first.
    pub rungs: Vec<RungDef>,
}

impl LadderDef {
    pub fn rung(&self, n: u8) -> Option<&RungDef> {
        self.rungs.iter().find(|r| r.rung == n)
    }
}

/// Standard texts of the contract, in plain Dutch (B1).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ContractTexts {
    pub municipality: String,
    pub obligations: String,
    pub intro_sociaal: String,
    pub intro_arbeidsfit: String,
    pub intro_werk_betaald: String,
    pub intro_werk_onbetaald: String,
    pub title_sociaal: String,
    pub title_arbeidsfit: String,
    pub title_werk_betaald: String,
    pub title_werk_onbetaald: String,
    /// Months until the next evaluation by default (6; at most 12).
    pub evaluation_months: u32,
    /// The contract dates these texts apply to.
    pub valid: Validity,
    /// The other versions (`[[texts_versie]]`), for contracts of other dates.
    pub versions: Vec<ContractTexts>,
}

impl ContractTexts {
    /// The texts in force on `on`: a contract reprints with the texts of its own date.
    /// Outside every version's dates the main `[texts]` are used.
    pub fn on(&self, on: NaiveDate) -> &ContractTexts {
        if self.valid.contains(on) {
            return self;
        }
        self.versions
            .iter()
            .find(|v| v.valid.contains(on))
            .unwrap_or(self)
    }
}

/// Collects problems of one file with their line numbers.
struct Report<'a> {
    file: PathBuf,
    text: &'a str,
    problems: Vec<Problem>,
}

impl<'a> Report<'a> {
    fn new(file: &Path, text: &'a str) -> Self {
        Report {
            file: file.to_path_buf(),
            text,
            problems: Vec::new(),
        }
    }

    /// 1-based line of a byte offset.
    fn line(&self, offset: usize) -> usize {
        let end = offset.min(self.text.len());
        self.text.as_bytes()[..end]
            .iter()
            .filter(|b| **b == b'\n')
            .count()
            + 1
    }

    fn at(&mut self, span: Range<usize>, message: impl Into<String>) {
        let line = self.line(span.start);
        self.problems.push(Problem {
            file: self.file.clone(),
            line,
            message: house_style(&message.into()),
        });
    }

    fn whole_file(&mut self, message: impl Into<String>) {
        self.problems.push(Problem {
            file: self.file.clone(),
            line: 0,
            message: house_style(&message.into()),
        });
    }

    fn toml_error(&mut self, err: &toml::de::Error) {
        let message = format!(
            "Het bestand is niet goed opgebouwd: {}.",
            err.message().trim().trim_end_matches('.')
        );
        match err.span() {
            Some(span) => self.at(span, message),
            None => self.whole_file(message),
        }
    }

    /// The problems in line order, as a reader goes through the file.
    fn finish<T>(mut self, value: T) -> Result<T, Vec<Problem>> {
        self.problems.sort_by_key(|p| p.line);
        if self.problems.is_empty() {
            Ok(value)
        } else {
            Err(self.problems)
        }
    }
}

/// Problems read as `file:line: message`, like those of the intake form: one clause
/// after the colon, lower case, no closing full stop.
fn house_style(message: &str) -> String {
    message
        .trim()
        .trim_end_matches('.')
        .split(". ")
        .map(|part| {
            let mut chars = part.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<String>>()
        .join("; ")
}

/// A text in Dutch and (optionally) English, as written in the rule files.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawText {
    nl: Spanned<String>,
    #[serde(default)]
    en: Option<String>,
}

impl RawText {
    fn check(&self, report: &mut Report<'_>, what: &str) {
        if self.nl.get_ref().trim().is_empty() {
            report.at(
                self.nl.span(),
                format!("De Nederlandse tekst van {what} is leeg."),
            );
        }
    }

    fn into_text(self) -> Text {
        Text {
            nl: self.nl.into_inner().trim().to_string(),
            en: self
                .en
                .map(|e| e.trim().to_string())
                .filter(|e| !e.is_empty()),
        }
    }
}

/// Ids of rules are stored with signals and agreements: keep them plain. An id may come
/// back as another version of the same rule; `check_versions` checks their dates.
fn check_id(report: &mut Report<'_>, id: &Spanned<String>) {
    let value = id.get_ref();
    if value.is_empty()
        || !value
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
    {
        report.at(
            id.span(),
            format!("De id '{value}' mag alleen kleine letters, cijfers en _ bevatten."),
        );
    }
}

fn check_condition(
    report: &mut Report<'_>,
    form: &FormDef,
    extra_ids: &[&str],
    when: &Spanned<Condition>,
) {
    for message in condition_problems(form, extra_ids, when.get_ref()) {
        report.at(when.span(), message);
    }
}

/// `geldig_vanaf` / `geldig_tot` of one rule or text, each a date.
fn parse_validity(
    report: &mut Report<'_>,
    vanaf: Option<&Spanned<toml::Value>>,
    tot: Option<&Spanned<toml::Value>>,
) -> Validity {
    let mut date = |v: Option<&Spanned<toml::Value>>, key: &str| {
        let v = v?;
        let parsed = parse_holiday(v.get_ref());
        if parsed.is_none() {
            report.at(
                v.span(),
                format!("{key} moet een datum zijn, bijvoorbeeld 2027-01-01."),
            );
        }
        parsed
    };
    Validity {
        from: date(vanaf, "geldig_vanaf"),
        until: date(tot, "geldig_tot"),
    }
}

/// One version of a rule: its id, when it is in force, and where its id is written.
struct Version {
    id: String,
    valid: Validity,
    span: Range<usize>,
}

/// The versions of each id must follow each other: none that is never in force, never
/// two in force on one day, and no day between them on which none is.
fn check_versions(report: &mut Report<'_>, what: &str, versions: &[Version]) {
    let ids: BTreeSet<&str> = versions.iter().map(|v| v.id.as_str()).collect();
    for id in ids {
        let mine: Vec<&Version> = versions.iter().filter(|v| v.id == id).collect();
        let ranges: Vec<Validity> = mine.iter().map(|v| v.valid).collect();
        let day = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
        for problem in range_problems(&ranges) {
            match problem {
                RangeProblem::Empty { index } => {
                    let v = mine[index];
                    let (from, until) = (v.valid.from.map(day), v.valid.until.map(day));
                    report.at(
                        v.span.clone(),
                        format!(
                            "{what} '{id}' geldt vanaf {} tot {}, dus nooit; geldig_tot moet na geldig_vanaf liggen.",
                            from.unwrap_or_default(),
                            until.unwrap_or_default()
                        ),
                    );
                }
                RangeProblem::Overlap { second, .. } if ranges.iter().all(Validity::is_always) => {
                    report.at(
                        mine[second].span.clone(),
                        format!("De id '{id}' komt twee keer voor."),
                    );
                }
                RangeProblem::Overlap { second, on, .. } => report.at(
                    mine[second].span.clone(),
                    format!(
                        "Twee versies van {} '{id}' gelden allebei op {}; laat de ene eindigen (geldig_tot) op de dag dat de andere begint (geldig_vanaf).",
                        what.to_lowercase(),
                        day(on)
                    ),
                ),
                RangeProblem::Gap { from, until } => {
                    let later = mine
                        .iter()
                        .find(|v| v.valid.from == Some(until))
                        .map_or(0..0, |v| v.span.clone());
                    report.at(
                        later,
                        format!(
                            "Van {} tot {} geldt geen versie van {} '{id}'; laat de ene versie eindigen op de dag dat de volgende begint.",
                            day(from),
                            day(until),
                            what.to_lowercase()
                        ),
                    );
                }
            }
        }
    }
}

// ---------------------------------------------------------------- ladder.toml

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLadder {
    #[serde(default)]
    settings: RawLadderSettings,
    #[serde(default)]
    rung: Vec<RawRung>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawLadderSettings {
    #[serde(default)]
    mantelzorg_telt_als_onbetaald_werk: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRung {
    rung: Spanned<i64>,
    name: RawText,
    description: RawText,
    #[serde(default)]
    inwoner: Option<RawText>,
}

/// `file` is used in problems; `text` is the file's content.
pub fn parse_ladder(file: &Path, text: &str) -> Result<(LadderDef, LadderSettings), Vec<Problem>> {
    let mut report = Report::new(file, text);
    let raw: RawLadder = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            report.toml_error(&e);
            return Err(report.problems);
        }
    };
    let raw_count = raw.rung.len();
    if raw_count != 6 {
        report.whole_file(format!(
            "Er moeten precies zes treden ([[rung]]) zijn; er staan er {}.",
            raw.rung.len()
        ));
    }
    let mut seen = BTreeSet::new();
    let mut rungs = Vec::new();
    for r in raw.rung {
        let number = *r.rung.get_ref();
        let Some(n) = u8::try_from(number).ok().filter(|n| (1..=6).contains(n)) else {
            report.at(
                r.rung.span(),
                format!("Trede {number} bestaat niet; gebruik 1 tot en met 6."),
            );
            continue;
        };
        if !seen.insert(n) {
            report.at(r.rung.span(), format!("Trede {n} staat er twee keer in."));
            continue;
        }
        r.name.check(&mut report, &format!("de naam van trede {n}"));
        r.description
            .check(&mut report, &format!("de omschrijving van trede {n}"));
        if let Some(t) = &r.inwoner {
            t.check(
                &mut report,
                &format!("de naam voor de inwoner van trede {n}"),
            );
        }
        rungs.push(RungDef {
            rung: n,
            name: r.name.into_text(),
            description: r.description.into_text(),
            for_resident: r.inwoner.map(RawText::into_text),
        });
    }
    if raw_count == 6 {
        for n in (1..=6).filter(|n| !seen.contains(n)) {
            report.whole_file(format!("Trede {n} ontbreekt."));
        }
    }
    rungs.sort_by_key(|r| r.rung);
    let settings = LadderSettings {
        mantelzorg_counts_as_unpaid_work: raw.settings.mantelzorg_telt_als_onbetaald_werk,
    };
    report.finish((LadderDef { rungs }, settings))
}

// ---------------------------------------------------------------- signals.toml

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSignals {
    #[serde(default)]
    extra_holidays: Vec<Spanned<toml::Value>>,
    #[serde(default)]
    atw_besluit: Vec<RawKb>,
    #[serde(default)]
    signal: Vec<RawSignal>,
}

/// A Koninklijk Besluit under Atw art. 3 lid 3 as written in `signals.toml`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawKb {
    van: Spanned<i64>,
    tot_en_met: Spanned<i64>,
    dagen: Vec<Spanned<toml::Value>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSignal {
    id: Spanned<String>,
    title: RawText,
    action: RawText,
    #[serde(default)]
    basis: String,
    severity: Spanned<String>,
    deadline: Spanned<toml::Value>,
    #[serde(default)]
    deadline_vraag: Option<Spanned<String>>,
    when: Spanned<Condition>,
    #[serde(default)]
    supersedes: Vec<Spanned<String>>,
    #[serde(default)]
    geldig_vanaf: Option<Spanned<toml::Value>>,
    #[serde(default)]
    geldig_tot: Option<Spanned<toml::Value>>,
}

/// A one-entry table like `{ werkdagen = 3 }`; Dutch and English unit names.
fn parse_deadline(value: &toml::Value) -> Result<Deadline, String> {
    let hint = "Schrijf een termijn als { werkdagen = 3 }, { dagen = 10 }, { weken = 4 } of { maanden = 6 }.";
    let Some(table) = value.as_table() else {
        return Err(format!("Deze termijn is onbekend. {hint}"));
    };
    let mut entries = table.iter();
    let (Some((unit, amount)), None) = (entries.next(), entries.next()) else {
        return Err(format!("Een termijn heeft precies één eenheid. {hint}"));
    };
    let Some(n) = amount.as_integer().and_then(|n| u32::try_from(n).ok()) else {
        return Err(format!(
            "Het aantal bij '{unit}' moet een heel getal van 0 of meer zijn."
        ));
    };
    match unit.as_str() {
        "werkdagen" => Ok(Deadline::Werkdagen(n)),
        "dagen" | "days" => Ok(Deadline::Days(n)),
        "weken" | "weeks" => Ok(Deadline::Weeks(n)),
        "maanden" | "months" => Ok(Deadline::Months(n)),
        other => Err(format!("De eenheid '{other}' is onbekend. {hint}")),
    }
}

fn parse_severity(s: &str) -> Option<Severity> {
    match s {
        "urgent" => Some(Severity::Urgent),
        "high" | "hoog" => Some(Severity::High),
        "normal" | "normaal" => Some(Severity::Normal),
        _ => None,
    }
}

fn parse_holiday(value: &toml::Value) -> Option<NaiveDate> {
    match value {
        toml::Value::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => {
            let d = dt.date?;
            NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
        }
        toml::Value::String(s) => parse_date(s).ok(),
        _ => None,
    }
}

/// One decree, checked: its years in order, not overlapping an earlier decree, and each
/// day a date inside its years.
fn parse_kb(report: &mut Report<'_>, kb: &RawKb, earlier: &[KbBesluit]) -> Option<KbBesluit> {
    let year = |v: &Spanned<i64>| {
        i32::try_from(*v.get_ref())
            .ok()
            .filter(|y| (1900..=9999).contains(y))
    };
    let (Some(first_year), Some(last_year)) = (year(&kb.van), year(&kb.tot_en_met)) else {
        report.at(
            kb.van.span(),
            "Schrijf bij een besluit van de Koning de jaren als van = 2026 en tot_en_met = 2028.",
        );
        return None;
    };
    if last_year < first_year {
        report.at(
            kb.tot_en_met.span(),
            format!("Het besluit geldt tot en met {last_year}, maar dat is voor het beginjaar {first_year}."),
        );
        return None;
    }
    if let Some(other) = earlier
        .iter()
        .find(|b| first_year <= b.last_year && b.first_year <= last_year)
    {
        report.at(
            kb.van.span(),
            format!(
                "Dit besluit ({first_year}-{last_year}) overlapt met het besluit voor {}-{}.",
                other.first_year, other.last_year
            ),
        );
        return None;
    }
    let mut days = Vec::new();
    for d in &kb.dagen {
        match parse_holiday(d.get_ref()) {
            Some(day) if (first_year..=last_year).contains(&day.year()) => days.push(day),
            Some(day) => report.at(
                d.span(),
                format!(
                    "De dag {} valt buiten de jaren {first_year}-{last_year} van dit besluit.",
                    day.format("%Y-%m-%d")
                ),
            ),
            None => report.at(
                d.span(),
                "Een gelijkgestelde dag moet een datum zijn, bijvoorbeeld 2026-05-15.",
            ),
        }
    }
    Some(KbBesluit {
        first_year,
        last_year,
        days,
    })
}

/// Conditions are checked against the question ids of `form` and the computed ids.
pub fn parse_signals(
    file: &Path,
    text: &str,
    form: &FormDef,
) -> Result<(Vec<SignalRule>, Holidays), Vec<Problem>> {
    let mut report = Report::new(file, text);
    let raw: RawSignals = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            report.toml_error(&e);
            return Err(report.problems);
        }
    };

    let mut holidays = Holidays::default();
    for h in &raw.extra_holidays {
        match parse_holiday(h.get_ref()) {
            Some(d) => holidays.extra.push(d),
            None => report.at(
                h.span(),
                "Een extra vrije dag moet een datum zijn, bijvoorbeeld 2026-12-31.",
            ),
        }
    }

    for kb in &raw.atw_besluit {
        if let Some(besluit) = parse_kb(&mut report, kb, &holidays.kb) {
            holidays.kb.push(besluit);
        }
    }

    let all_ids: BTreeSet<String> = raw.signal.iter().map(|s| s.id.get_ref().clone()).collect();
    let mut versions = Vec::new();
    let mut rules = Vec::new();
    for r in raw.signal {
        check_id(&mut report, &r.id);
        let id = r.id.get_ref().clone();
        let valid = parse_validity(&mut report, r.geldig_vanaf.as_ref(), r.geldig_tot.as_ref());
        versions.push(Version {
            id: id.clone(),
            valid,
            span: r.id.span(),
        });
        r.title.check(&mut report, &format!("de titel van '{id}'"));
        r.action.check(&mut report, &format!("de actie van '{id}'"));
        let severity = parse_severity(r.severity.get_ref());
        if severity.is_none() {
            report.at(
                r.severity.span(),
                format!(
                    "De ernst '{}' is onbekend; gebruik urgent, high of normal.",
                    r.severity.get_ref()
                ),
            );
        }
        let deadline = match parse_deadline(r.deadline.get_ref()) {
            Ok(d) => Some(d),
            Err(message) => {
                report.at(r.deadline.span(), message);
                None
            }
        };
        check_condition(&mut report, form, &[], &r.when);
        if let Some(q) = &r.deadline_vraag {
            let is_date = form
                .question(q.get_ref())
                .is_some_and(|question| matches!(question.kind, super::model::Kind::Date));
            if !is_date {
                report.at(
                    q.span(),
                    format!(
                        "deadline_vraag '{}' moet een datumvraag uit intake.toml zijn.",
                        q.get_ref()
                    ),
                );
            }
        }
        for s in &r.supersedes {
            if *s.get_ref() == id {
                report.at(
                    s.span(),
                    format!("Signaal '{id}' kan zichzelf niet vervangen."),
                );
            } else if !all_ids.contains(s.get_ref()) {
                report.at(
                    s.span(),
                    format!("Signaal '{}' in supersedes bestaat niet.", s.get_ref()),
                );
            }
        }
        if let (Some(severity), Some(deadline)) = (severity, deadline) {
            rules.push(SignalRule {
                id,
                title: r.title.into_text(),
                action: r.action.into_text(),
                basis: r.basis.trim().to_string(),
                severity,
                deadline,
                deadline_question: r.deadline_vraag.map(Spanned::into_inner),
                when: r.when.into_inner(),
                supersedes: r.supersedes.into_iter().map(Spanned::into_inner).collect(),
                valid,
            });
        }
    }
    check_versions(&mut report, "Signaal", &versions);
    report.finish((rules, holidays))
}

// ---------------------------------------------------------------- contract.toml

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContract {
    texts: RawContractTexts,
    #[serde(default)]
    texts_versie: Vec<SpannedVersion>,
    #[serde(default)]
    suggestion: Vec<RawSuggestion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContractTexts {
    municipality: Spanned<String>,
    evaluation_months: Spanned<i64>,
    obligations: Spanned<String>,
    sociaal: RawPartTexts,
    arbeidsfit: RawPartTexts,
    werk_betaald: RawPartTexts,
    werk_onbetaald: RawPartTexts,
    #[serde(default)]
    geldig_vanaf: Option<Spanned<toml::Value>>,
    #[serde(default)]
    geldig_tot: Option<Spanned<toml::Value>>,
}

/// Another version of the standard texts (`[[texts_versie]]`), for other dates: what it
/// leaves out is taken from `[texts]`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTextsVersion {
    #[serde(default)]
    geldig_vanaf: Option<Spanned<toml::Value>>,
    #[serde(default)]
    geldig_tot: Option<Spanned<toml::Value>>,
    #[serde(default)]
    municipality: Option<Spanned<String>>,
    #[serde(default)]
    evaluation_months: Option<Spanned<i64>>,
    #[serde(default)]
    obligations: Option<Spanned<String>>,
    #[serde(default)]
    sociaal: Option<RawPartTexts>,
    #[serde(default)]
    arbeidsfit: Option<RawPartTexts>,
    #[serde(default)]
    werk_betaald: Option<RawPartTexts>,
    #[serde(default)]
    werk_onbetaald: Option<RawPartTexts>,
}

/// A `[[texts_versie]]` with its span, for problems about its dates.
struct SpannedVersion {
    inner: RawTextsVersion,
    span: Range<usize>,
}

impl<'de> Deserialize<'de> for SpannedVersion {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let spanned = Spanned::<RawTextsVersion>::deserialize(d)?;
        let span = spanned.span();
        Ok(SpannedVersion {
            inner: spanned.into_inner(),
            span,
        })
    }
}

impl std::ops::Deref for SpannedVersion {
    type Target = RawTextsVersion;
    fn deref(&self) -> &RawTextsVersion {
        &self.inner
    }
}

fn evaluation_months(report: &mut Report<'_>, months: &Spanned<i64>) -> u32 {
    let value = *months.get_ref();
    match u32::try_from(value).ok().filter(|m| (1..=12).contains(m)) {
        Some(m) => m,
        None => {
            report.at(
                months.span(),
                format!("evaluation_months is {value}; kies 1 tot en met 12 maanden."),
            );
            6
        }
    }
}

/// The part texts as `(title, intro)` pairs with the names used in problems.
fn part_texts(
    report: &mut Report<'_>,
    part: &RawPartTexts,
    name: &str,
    title: &mut String,
    intro: &mut String,
) {
    *title = non_empty(report, &part.title, &format!("De titel van het {name}"));
    *intro = non_empty(report, &part.intro, &format!("De uitleg bij het {name}"));
}

/// The title and intro of each part that is given, in the order sociaal, arbeidsfit,
/// werk (betaald), werk (onbetaald); a part left out keeps what `texts` has.
fn part_texts_all(
    report: &mut Report<'_>,
    texts: &mut ContractTexts,
    parts: [Option<&RawPartTexts>; 4],
) {
    let [sociaal, arbeidsfit, werk_betaald, werk_onbetaald] = parts;
    let targets = [
        (
            sociaal,
            "sociaal deel",
            &mut texts.title_sociaal,
            &mut texts.intro_sociaal,
        ),
        (
            arbeidsfit,
            "arbeidsfit deel",
            &mut texts.title_arbeidsfit,
            &mut texts.intro_arbeidsfit,
        ),
        (
            werk_betaald,
            "werkdeel (betaald)",
            &mut texts.title_werk_betaald,
            &mut texts.intro_werk_betaald,
        ),
        (
            werk_onbetaald,
            "werkdeel (onbetaald)",
            &mut texts.title_werk_onbetaald,
            &mut texts.intro_werk_onbetaald,
        ),
    ];
    for (part, name, title, intro) in targets {
        if let Some(part) = part {
            part_texts(report, part, name, title, intro);
        }
    }
}

fn base_texts(report: &mut Report<'_>, t: &RawContractTexts) -> ContractTexts {
    let mut texts = ContractTexts {
        municipality: non_empty(report, &t.municipality, "De naam van de gemeente"),
        obligations: non_empty(report, &t.obligations, "De tekst over plichten"),
        evaluation_months: evaluation_months(report, &t.evaluation_months),
        valid: parse_validity(report, t.geldig_vanaf.as_ref(), t.geldig_tot.as_ref()),
        ..ContractTexts::default()
    };
    part_texts_all(
        report,
        &mut texts,
        [
            Some(&t.sociaal),
            Some(&t.arbeidsfit),
            Some(&t.werk_betaald),
            Some(&t.werk_onbetaald),
        ],
    );
    texts
}

fn text_version(
    report: &mut Report<'_>,
    base: &ContractTexts,
    v: &RawTextsVersion,
) -> ContractTexts {
    let mut texts = ContractTexts {
        versions: Vec::new(),
        valid: parse_validity(report, v.geldig_vanaf.as_ref(), v.geldig_tot.as_ref()),
        ..base.clone()
    };
    if let Some(m) = &v.municipality {
        texts.municipality = non_empty(report, m, "De naam van de gemeente");
    }
    if let Some(o) = &v.obligations {
        texts.obligations = non_empty(report, o, "De tekst over plichten");
    }
    if let Some(m) = &v.evaluation_months {
        texts.evaluation_months = evaluation_months(report, m);
    }
    part_texts_all(
        report,
        &mut texts,
        [
            v.sociaal.as_ref(),
            v.arbeidsfit.as_ref(),
            v.werk_betaald.as_ref(),
            v.werk_onbetaald.as_ref(),
        ],
    );
    texts
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPartTexts {
    title: Spanned<String>,
    intro: Spanned<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSuggestion {
    id: Spanned<String>,
    part: Spanned<String>,
    when: Spanned<Condition>,
    text: Spanned<String>,
    who: Spanned<String>,
    due: Spanned<toml::Value>,
    #[serde(default)]
    signals: Vec<Spanned<String>>,
    #[serde(default)]
    geldig_vanaf: Option<Spanned<toml::Value>>,
    #[serde(default)]
    geldig_tot: Option<Spanned<toml::Value>>,
}

fn parse_part(s: &str) -> Option<PartKind> {
    PartKind::ALL.into_iter().find(|p| p.as_str() == s)
}

fn parse_due(value: &toml::Value) -> Result<DueOffset, String> {
    let hint = "Schrijf due als \"signaal\", { weken = 4 } of { maanden = 3 }.";
    if let Some(s) = value.as_str() {
        return match s {
            "signaal" | "signal_deadline" => Ok(DueOffset::SignalDeadline),
            other => Err(format!("De termijn '{other}' is onbekend. {hint}")),
        };
    }
    match parse_deadline(value) {
        Ok(Deadline::Weeks(n)) => Ok(DueOffset::Weeks(n)),
        Ok(Deadline::Months(n)) => Ok(DueOffset::Months(n)),
        Ok(_) => Err(format!(
            "Een afspraak heeft een termijn in weken of maanden. {hint}"
        )),
        Err(_) => Err(format!("Deze termijn is onbekend. {hint}")),
    }
}

fn non_empty(report: &mut Report<'_>, s: &Spanned<String>, what: &str) -> String {
    let value = s.get_ref().trim().to_string();
    if value.is_empty() {
        report.at(s.span(), format!("{what} is leeg."));
    }
    value
}

/// Conditions may also refer to `ladder.trede`, `verwachting.trede` and `signaal.<id>` of
/// the signal ids given.
pub fn parse_contract(
    file: &Path,
    text: &str,
    form: &FormDef,
    signal_ids: &[&str],
) -> Result<(Vec<SuggestionRule>, ContractTexts), Vec<Problem>> {
    let mut report = Report::new(file, text);
    let raw: RawContract = match toml::from_str(text) {
        Ok(raw) => raw,
        Err(e) => {
            report.toml_error(&e);
            return Err(report.problems);
        }
    };

    let mut texts = base_texts(&mut report, &raw.texts);
    let mut versions = vec![Version {
        id: "texts".to_string(),
        valid: texts.valid,
        span: raw
            .texts
            .geldig_vanaf
            .as_ref()
            .or(raw.texts.geldig_tot.as_ref())
            .map_or_else(|| raw.texts.municipality.span(), Spanned::span),
    }];
    for v in &raw.texts_versie {
        let version = text_version(&mut report, &texts, v);
        versions.push(Version {
            id: "texts".to_string(),
            valid: version.valid,
            span: v.span.clone(),
        });
        texts.versions.push(version);
    }
    check_versions(&mut report, "De vaste teksten", &versions);

    let signal_facts: Vec<String> = signal_ids
        .iter()
        .map(|id| format!("{SIGNAL_PREFIX}{id}"))
        .collect();
    let mut extra_ids: Vec<&str> = vec![CURRENT_RUNG, EXPECTED_RUNG];
    extra_ids.extend(signal_facts.iter().map(String::as_str));

    let mut versions = Vec::new();
    let mut rules = Vec::new();
    for r in raw.suggestion {
        check_id(&mut report, &r.id);
        let id = r.id.get_ref().clone();
        let valid = parse_validity(&mut report, r.geldig_vanaf.as_ref(), r.geldig_tot.as_ref());
        versions.push(Version {
            id: id.clone(),
            valid,
            span: r.id.span(),
        });
        let part = parse_part(r.part.get_ref());
        if part.is_none() {
            report.at(
                r.part.span(),
                format!(
                    "Het deel '{}' is onbekend; gebruik sociaal, arbeidsfit of werk.",
                    r.part.get_ref()
                ),
            );
        }
        check_condition(&mut report, form, &extra_ids, &r.when);
        let text = non_empty(&mut report, &r.text, &format!("De tekst van '{id}'"));
        match placeholders(&text) {
            Ok(names) => {
                for name in names {
                    let known = form.question(name).is_some()
                        || COMPUTED_IDS.contains(&name)
                        || extra_ids.contains(&name);
                    if !known {
                        report.at(
                            r.text.span(),
                            format!("In de tekst van '{id}' staat {{{name}}}, maar die vraag bestaat niet."),
                        );
                    }
                }
            }
            Err(_) => report.at(
                r.text.span(),
                format!("In de tekst van '{id}' staat een {{ zonder }}."),
            ),
        }
        let who = non_empty(
            &mut report,
            &r.who,
            &format!("Wie de afspraak van '{id}' doet"),
        );
        let due = match parse_due(r.due.get_ref()) {
            Ok(d) => Some(d),
            Err(message) => {
                report.at(r.due.span(), message);
                None
            }
        };
        for s in &r.signals {
            if !signal_ids.contains(&s.get_ref().as_str()) {
                report.at(
                    s.span(),
                    format!("Signaal '{}' bestaat niet in signals.toml.", s.get_ref()),
                );
            }
        }
        if due == Some(DueOffset::SignalDeadline) && r.signals.is_empty() {
            report.at(
                r.due.span(),
                format!("'{id}' gebruikt de termijn van een signaal; noem het signaal in signals = [...]."),
            );
        }
        if let (Some(part), Some(due)) = (part, due) {
            rules.push(SuggestionRule {
                id,
                when: r.when.into_inner(),
                part,
                text,
                who,
                due,
                signals: r.signals.into_iter().map(Spanned::into_inner).collect(),
                valid,
            });
        }
    }
    check_versions(&mut report, "Voorstel", &versions);
    report.finish((rules, texts))
}
