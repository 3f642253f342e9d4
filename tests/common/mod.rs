//! Shared helpers for the rule-file tests: the intake questions the rules refer to, the
//! parsed rule files, and answers built from short tuples.
#![allow(dead_code)]

use chrono::NaiveDate;
use meedoen::domain::contract::SuggestionRule;
use meedoen::domain::signals::SignalRule;
use meedoen::domain::werkdagen::Holidays;
use meedoen::domain::{Answers, Value};
use meedoen::forms::rules::{parse_contract, parse_signals, ContractTexts};
use meedoen::forms::{ChoiceOption, FormDef, Kind, Question, Section, SectionScreen, Text};
use std::path::Path;

fn text(s: &str) -> Text {
    Text {
        nl: s.to_string(),
        en: None,
    }
}

/// The intake questions of `intake.md` (ids, kinds, options): enough for checking the
/// conditions of the rule files without depending on `forms/intake.toml`.
pub fn intake_form() -> FormDef {
    let freq = &["wekelijks", "minder", "nee"][..];
    let table: &[(&str, Kind, &[&str])] = &[
        ("persoon.voornamen", Kind::Text { max_len: 100 }, &[]),
        ("persoon.achternaam", Kind::Text { max_len: 100 }, &[]),
        ("persoon.geboortedatum", Kind::Date, &[]),
        ("persoon.bsn", Kind::Bsn, &[]),
        (
            "persoon.huishouden",
            Kind::Choice,
            &[
                "alleenstaand",
                "alleenstaande_ouder",
                "samen_zonder_kinderen",
                "samen_met_kinderen",
                "inwonend",
            ],
        ),
        (
            "persoon.jongste_kind_leeftijd",
            Kind::Integer { min: 0, max: 25 },
            &[],
        ),
        ("persoon.statushouder", Kind::YesNo, &[]),
        ("werk.betaald", Kind::YesNo, &[]),
        ("werk.uren_per_week", Kind::Integer { min: 0, max: 80 }, &[]),
        (
            "werk.ondersteuning",
            Kind::Multi,
            &[
                "aanvullende_uitkering",
                "loonkostensubsidie",
                "jobcoach",
                "beschut_werk",
                "leerwerk",
                "inburgering_educatie",
                "geen",
            ],
        ),
        (
            "werk.opleiding",
            Kind::Choice,
            &[
                "geen",
                "basisonderwijs",
                "vmbo_mbo1",
                "mbo2_4",
                "havo_vwo",
                "hbo_wo",
                "buitenlands",
            ],
        ),
        ("werk.ingeschreven_uwv", Kind::YesNo, &[]),
        ("meedoen.onbetaald_werk", Kind::Choice, freq),
        ("meedoen.georganiseerd", Kind::Choice, freq),
        ("meedoen.sociaal_contact", Kind::Choice, freq),
        ("meedoen.mantelzorg", Kind::YesNo, &[]),
        (
            "inkomen.bronnen",
            Kind::Multi,
            &[
                "loon",
                "uwv_uitkering",
                "bijstand",
                "alimentatie",
                "studiefinanciering",
                "pensioen",
                "zzp",
                "geen",
            ],
        ),
        ("inkomen.netto_per_maand", Kind::Money, &[]),
        (
            "inkomen.laag_inkomen_jaren",
            Kind::Integer { min: 0, max: 50 },
            &[],
        ),
        (
            "inkomen.toeslagen",
            Kind::Multi,
            &[
                "huurtoeslag",
                "zorgtoeslag",
                "kinderopvangtoeslag",
                "kindgebonden_budget",
                "geen",
                "weet_niet",
            ],
        ),
        (
            "inkomen.regelingen",
            Kind::Multi,
            &[
                "individuele_inkomenstoeslag",
                "bijzondere_bijstand",
                "kwijtschelding",
                "meedoenregeling",
                "collectieve_zorgverzekering",
                "geen",
            ],
        ),
        (
            "schulden.heeft_schulden",
            Kind::Choice,
            &["ja", "nee", "weet_niet"],
        ),
        (
            "schulden.dreiging",
            Kind::Multi,
            &[
                "huisuitzetting",
                "afsluiting_energie_water",
                "opzegging_zorgverzekering",
                "beslag",
                "geen",
            ],
        ),
        ("schulden.in_traject", Kind::YesNo, &[]),
        (
            "wonen.situatie",
            Kind::Choice,
            &[
                "huur",
                "koop",
                "inwonend",
                "kamer",
                "dakloos",
                "opvang",
                "instelling",
            ],
        ),
        ("wonen.onzeker", Kind::YesNo, &[]),
        ("taal.onderwijs_nl_8jaar", Kind::YesNo, &[]),
        (
            "taal.bewijs",
            Kind::Choice,
            &[
                "inburgeringsdiploma",
                "staatsexamen_nt2",
                "ander_bewijs",
                "geen",
            ],
        ),
        (
            "taal.niveau",
            Kind::Choice,
            &["geen", "a1", "a2", "b1", "b2_hoger", "onbekend"],
        ),
        ("taal.laaggeletterd", Kind::YesNo, &[]),
        (
            "taal.digitaal",
            Kind::Choice,
            &["zelfstandig", "met_hulp", "niet"],
        ),
        ("taal.inburgeringsplichtig", Kind::YesNo, &[]),
        (
            "gezondheid.steun_netwerk",
            Kind::Choice,
            &["veel", "beetje", "geen"],
        ),
        ("regie.doel", Kind::Textarea, &[]),
        (
            "verwachting.trede",
            Kind::Choice,
            &["1", "2", "3", "4", "5", "6"],
        ),
        (
            "verwachting.termijn_maanden",
            Kind::Integer { min: 3, max: 36 },
            &[],
        ),
    ];
    let mut sections: Vec<Section> = Vec::new();
    for (line, (id, kind, options)) in table.iter().enumerate() {
        let section_id = id.split('.').next().unwrap_or_default();
        if sections.last().map(|s| s.id.as_str()) != Some(section_id) {
            sections.push(Section {
                id: section_id.to_string(),
                title: text(section_id),
                intro: None,
                show_if: None,
                screen: SectionScreen::Wizard,
                questions: Vec::new(),
                line,
            });
        }
        let question = Question {
            id: id.to_string(),
            kind: kind.clone(),
            label: text(id),
            help: None,
            required: false,
            sensitive: false,
            options: options
                .iter()
                .map(|o| ChoiceOption {
                    id: o.to_string(),
                    label: text(o),
                    exclusive: matches!(*o, "geen" | "weet_niet"),
                })
                .collect(),
            default: None,
            show_if: None,
            line,
        };
        if let Some(s) = sections.last_mut() {
            s.questions.push(question);
        }
    }
    FormDef {
        id: "intake".to_string(),
        version: 1,
        title: text("Intake"),
        sections,
        source: String::new(),
        hash: String::new(),
    }
}

pub const SIGNALS_TOML: &str = include_str!("../../forms/signals.toml");
pub const CONTRACT_TOML: &str = include_str!("../../forms/contract.toml");

pub fn signal_rules() -> (Vec<SignalRule>, Holidays) {
    match parse_signals(
        Path::new("forms/signals.toml"),
        SIGNALS_TOML,
        &intake_form(),
    ) {
        Ok(parsed) => parsed,
        Err(problems) => panic!("forms/signals.toml has problems: {problems:?}"),
    }
}

pub fn contract_rules() -> (Vec<SuggestionRule>, ContractTexts) {
    let (signals, _) = signal_rules();
    let ids: Vec<&str> = signals.iter().map(|s| s.id.as_str()).collect();
    match parse_contract(
        Path::new("forms/contract.toml"),
        CONTRACT_TOML,
        &intake_form(),
        &ids,
    ) {
        Ok(parsed) => parsed,
        Err(problems) => panic!("forms/contract.toml has problems: {problems:?}"),
    }
}

pub fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(y, m, d) {
        Some(d) => d,
        None => panic!("bad test date {y}-{m}-{d}"),
    }
}

pub fn yes(b: bool) -> Value {
    Value::Bool(b)
}

pub fn choice(s: &str) -> Value {
    Value::Choice(s.to_string())
}

pub fn multi(items: &[&str]) -> Value {
    Value::Multi(items.iter().map(|s| s.to_string()).collect())
}

pub fn answers(pairs: &[(&str, Value)]) -> Answers {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}
