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
use crate::domain::werkdagen::Holidays;
use crate::domain::Condition;
use chrono::NaiveDate;
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

    fn finish<T>(self, value: T) -> Result<T, Vec<Problem>> {
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

/// Ids of rules are stored with signals and agreements: keep them plain.
fn check_id(report: &mut Report<'_>, id: &Spanned<String>, seen: &mut BTreeSet<String>) {
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
    if !seen.insert(value.clone()) {
        report.at(id.span(), format!("De id '{value}' komt twee keer voor."));
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
        rungs.push(RungDef {
            rung: n,
            name: r.name.into_text(),
            description: r.description.into_text(),
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
    signal: Vec<RawSignal>,
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
    when: Spanned<Condition>,
    #[serde(default)]
    supersedes: Vec<Spanned<String>>,
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

    let all_ids: BTreeSet<String> = raw.signal.iter().map(|s| s.id.get_ref().clone()).collect();
    let mut seen = BTreeSet::new();
    let mut rules = Vec::new();
    for r in raw.signal {
        check_id(&mut report, &r.id, &mut seen);
        let id = r.id.get_ref().clone();
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
                when: r.when.into_inner(),
                supersedes: r.supersedes.into_iter().map(Spanned::into_inner).collect(),
            });
        }
    }
    report.finish((rules, holidays))
}

// ---------------------------------------------------------------- contract.toml

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawContract {
    texts: RawContractTexts,
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

    let t = &raw.texts;
    let months = *t.evaluation_months.get_ref();
    let evaluation_months = match u32::try_from(months).ok().filter(|m| (1..=12).contains(m)) {
        Some(m) => m,
        None => {
            report.at(
                t.evaluation_months.span(),
                format!("evaluation_months is {months}; kies 1 tot en met 12 maanden."),
            );
            6
        }
    };
    let texts = ContractTexts {
        municipality: non_empty(&mut report, &t.municipality, "De naam van de gemeente"),
        obligations: non_empty(&mut report, &t.obligations, "De tekst over plichten"),
        title_sociaal: non_empty(
            &mut report,
            &t.sociaal.title,
            "De titel van het sociaal deel",
        ),
        intro_sociaal: non_empty(
            &mut report,
            &t.sociaal.intro,
            "De uitleg bij het sociaal deel",
        ),
        title_arbeidsfit: non_empty(
            &mut report,
            &t.arbeidsfit.title,
            "De titel van het arbeidsfit deel",
        ),
        intro_arbeidsfit: non_empty(
            &mut report,
            &t.arbeidsfit.intro,
            "De uitleg bij het arbeidsfit deel",
        ),
        title_werk_betaald: non_empty(
            &mut report,
            &t.werk_betaald.title,
            "De titel van het werkdeel (betaald)",
        ),
        intro_werk_betaald: non_empty(
            &mut report,
            &t.werk_betaald.intro,
            "De uitleg bij het werkdeel (betaald)",
        ),
        title_werk_onbetaald: non_empty(
            &mut report,
            &t.werk_onbetaald.title,
            "De titel van het werkdeel (onbetaald)",
        ),
        intro_werk_onbetaald: non_empty(
            &mut report,
            &t.werk_onbetaald.intro,
            "De uitleg bij het werkdeel (onbetaald)",
        ),
        evaluation_months,
    };

    let signal_facts: Vec<String> = signal_ids
        .iter()
        .map(|id| format!("{SIGNAL_PREFIX}{id}"))
        .collect();
    let mut extra_ids: Vec<&str> = vec![CURRENT_RUNG, EXPECTED_RUNG];
    extra_ids.extend(signal_facts.iter().map(String::as_str));

    let mut seen = BTreeSet::new();
    let mut rules = Vec::new();
    for r in raw.suggestion {
        check_id(&mut report, &r.id, &mut seen);
        let id = r.id.get_ref().clone();
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
            });
        }
    }
    report.finish((rules, texts))
}
