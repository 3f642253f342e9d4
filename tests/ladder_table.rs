//! The ladder procedure of `ladder.md`, checked exhaustively: every combination of the
//! answers that feed it against a decision table written out as explicit rows, plus the
//! public cases A–G and the rung names in `forms/ladder.toml`.

use meedoen::domain::ladder::{score, LadderSettings};
use meedoen::domain::{Answers, Value};
use meedoen::forms::rules::parse_ladder;
use std::path::Path;

const SUPPORT_OPTIONS: [&str; 7] = [
    "aanvullende_uitkering",
    "loonkostensubsidie",
    "jobcoach",
    "beschut_werk",
    "leerwerk",
    "inburgering_educatie",
    "geen",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Freq {
    Unanswered,
    Nee,
    Minder,
    Wekelijks,
}

const FREQS: [Freq; 4] = [Freq::Unanswered, Freq::Nee, Freq::Minder, Freq::Wekelijks];

/// One combination of the ladder's inputs.
#[derive(Debug, Clone)]
struct Case {
    paid: Option<bool>,
    /// `None`: not answered; `Some(options)`: the options ticked (maybe none).
    support: Option<Vec<&'static str>>,
    /// `None`: not answered.
    sources: Option<Vec<&'static str>>,
    inburgering: Option<bool>,
    unpaid: Freq,
    organised: Freq,
    social: Freq,
    mantelzorg: bool,
    setting: bool,
}

impl Case {
    fn answers(&self) -> Answers {
        let mut a = Answers::new();
        let freq = |f: Freq| match f {
            Freq::Unanswered => None,
            Freq::Nee => Some(Value::Choice("nee".to_string())),
            Freq::Minder => Some(Value::Choice("minder".to_string())),
            Freq::Wekelijks => Some(Value::Choice("wekelijks".to_string())),
        };
        let multi = |items: &Vec<&str>| Value::Multi(items.iter().map(|s| s.to_string()).collect());
        let mut put = |k: &str, v: Option<Value>| {
            if let Some(v) = v {
                a.insert(k.to_string(), v);
            }
        };
        put("werk.betaald", self.paid.map(Value::Bool));
        put("werk.ondersteuning", self.support.as_ref().map(multi));
        put("inkomen.bronnen", self.sources.as_ref().map(multi));
        put(
            "taal.inburgeringsplichtig",
            self.inburgering.map(Value::Bool),
        );
        put("meedoen.onbetaald_werk", freq(self.unpaid));
        put("meedoen.georganiseerd", freq(self.organised));
        put("meedoen.sociaal_contact", freq(self.social));
        put("meedoen.mantelzorg", Some(Value::Bool(self.mantelzorg)));
        a
    }

    fn settings(&self) -> LadderSettings {
        LadderSettings {
            mantelzorg_counts_as_unpaid_work: self.setting,
        }
    }
}

/// One row of the decision table: the first row whose test holds gives the rung, and the
/// explanation must contain the row's words.
struct Row {
    name: &'static str,
    holds: fn(&Case) -> bool,
    rung: u8,
    words: &'static str,
}

fn paid(c: &Case) -> bool {
    c.paid == Some(true)
}

const TABLE: &[Row] = &[
    Row {
        name: "betaald werk + ondersteuning (een optie anders dan geen)",
        holds: |c| paid(c) && c.support.iter().flatten().any(|o| *o != "geen"),
        rung: 5,
        words: "met ondersteuning (",
    },
    Row {
        name: "betaald werk + bijstand of UWV-uitkering",
        holds: |c| {
            paid(c)
                && c.sources
                    .iter()
                    .flatten()
                    .any(|s| *s == "bijstand" || *s == "uwv_uitkering")
        },
        rung: 5,
        words: "ontvangt daarnaast",
    },
    Row {
        name: "betaald werk + inburgering",
        holds: |c| paid(c) && c.inburgering == Some(true),
        rung: 5,
        words: "volgt inburgering",
    },
    Row {
        name: "betaald werk zonder ondersteuning",
        holds: paid,
        rung: 6,
        words: "zonder ondersteuning",
    },
    Row {
        name: "wekelijks onbetaald werk",
        holds: |c| c.unpaid == Freq::Wekelijks,
        rung: 4,
        words: "wekelijks onbetaald werk",
    },
    Row {
        name: "mantelzorg, als de gemeente die laat meetellen",
        holds: |c| c.mantelzorg && c.setting,
        rung: 4,
        words: "mantelzorg",
    },
    Row {
        name: "onbetaald werk, minder dan wekelijks",
        holds: |c| c.unpaid == Freq::Minder,
        rung: 3,
        words: "minder dan wekelijks",
    },
    Row {
        name: "wekelijks georganiseerde activiteit",
        holds: |c| c.organised == Freq::Wekelijks,
        rung: 3,
        words: "wekelijks een georganiseerde activiteit",
    },
    Row {
        name: "georganiseerde activiteit, minder dan wekelijks",
        holds: |c| c.organised == Freq::Minder,
        rung: 2,
        words: "minder dan wekelijks een georganiseerde activiteit",
    },
    Row {
        name: "wekelijks sociaal contact",
        holds: |c| c.social == Freq::Wekelijks,
        rung: 2,
        words: "wekelijks persoonlijk contact",
    },
    Row {
        name: "anders",
        holds: |_| true,
        rung: 1,
        words: "Trede 1: ",
    },
];

fn expected(c: &Case) -> &'static Row {
    match TABLE.iter().find(|row| (row.holds)(c)) {
        Some(row) => row,
        None => panic!("the table has a catch-all row"),
    }
}

fn subsets() -> Vec<Option<Vec<&'static str>>> {
    let mut out = vec![None];
    for mask in 0u32..(1 << SUPPORT_OPTIONS.len()) {
        let set = SUPPORT_OPTIONS
            .iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, o)| *o)
            .collect();
        out.push(Some(set));
    }
    out
}

#[test]
fn every_combination_matches_the_decision_table() {
    let supports = subsets();
    assert_eq!(supports.len(), 129);
    let sources: [Option<Vec<&str>>; 5] = [
        None,
        Some(vec!["loon"]),
        Some(vec!["loon", "bijstand"]),
        Some(vec!["uwv_uitkering"]),
        Some(vec!["bijstand", "uwv_uitkering"]),
    ];
    let mut checked = 0usize;
    let mut per_row = vec![0usize; TABLE.len()];
    for paid in [Some(true), Some(false), None] {
        for support in &supports {
            for src in &sources {
                for inburgering in [Some(true), Some(false), None] {
                    for unpaid in FREQS {
                        for organised in FREQS {
                            for social in FREQS {
                                for mantelzorg in [true, false] {
                                    for setting in [true, false] {
                                        let case = Case {
                                            paid,
                                            support: support.clone(),
                                            sources: src.clone(),
                                            inburgering,
                                            unpaid,
                                            organised,
                                            social,
                                            mantelzorg,
                                            setting,
                                        };
                                        let row = expected(&case);
                                        let got = score(&case.answers(), &case.settings());
                                        assert_eq!(got.rung, row.rung, "{}: {case:?}", row.name);
                                        assert!(
                                            got.explanation.contains(row.words),
                                            "{}: {:?} for {case:?}",
                                            row.name,
                                            got.explanation
                                        );
                                        let prefix = format!("Trede {}: ", row.rung);
                                        assert!(got.explanation.starts_with(&prefix));
                                        // One sentence.
                                        assert!(got.explanation.ends_with('.'));
                                        assert!(!got
                                            .explanation
                                            .trim_end_matches('.')
                                            .contains(". "));
                                        if let Some(i) =
                                            TABLE.iter().position(|r| std::ptr::eq(r, row))
                                        {
                                            per_row[i] += 1;
                                        }
                                        checked += 1;
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    assert_eq!(checked, 3 * 129 * 5 * 3 * 64 * 2 * 2);
    // Every row of the table is reached by some combination.
    for (row, n) in TABLE.iter().zip(&per_row) {
        assert!(*n > 0, "row never reached: {}", row.name);
    }
}

fn case(pairs: &[(&str, Value)]) -> u8 {
    let a: Answers = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect();
    score(&a, &LadderSettings::default()).rung
}

fn m(items: &[&str]) -> Value {
    Value::Multi(items.iter().map(|s| s.to_string()).collect())
}

fn c(s: &str) -> Value {
    Value::Choice(s.to_string())
}

#[test]
fn public_case_a_paid_without_support_is_6() {
    let a = [
        ("werk.betaald", Value::Bool(true)),
        ("werk.ondersteuning", m(&["geen"])),
        ("inkomen.bronnen", m(&["loon"])),
    ];
    assert_eq!(case(&a), 6);
}

#[test]
fn public_case_b_paid_with_jobcoach_is_5() {
    let b = [
        ("werk.betaald", Value::Bool(true)),
        ("werk.ondersteuning", m(&["jobcoach"])),
    ];
    assert_eq!(case(&b), 5);
}

#[test]
fn public_case_c_paid_with_supplementary_bijstand_is_5() {
    let c_ = [
        ("werk.betaald", Value::Bool(true)),
        ("werk.ondersteuning", m(&["geen"])),
        ("inkomen.bronnen", m(&["loon", "bijstand"])),
    ];
    assert_eq!(case(&c_), 5);
}

#[test]
fn public_case_d_weekly_unpaid_work_is_4() {
    let d = [
        ("werk.betaald", Value::Bool(false)),
        ("meedoen.onbetaald_werk", c("wekelijks")),
        ("meedoen.georganiseerd", c("nee")),
        ("meedoen.sociaal_contact", c("nee")),
    ];
    assert_eq!(case(&d), 4);
}

#[test]
fn public_case_e_unpaid_work_less_than_weekly_is_3() {
    let e = [
        ("werk.betaald", Value::Bool(false)),
        ("meedoen.onbetaald_werk", c("minder")),
        ("meedoen.georganiseerd", c("nee")),
        ("meedoen.sociaal_contact", c("wekelijks")),
    ];
    assert_eq!(case(&e), 3);
}

#[test]
fn public_case_f_organised_less_than_weekly_is_2() {
    let f = [
        ("werk.betaald", Value::Bool(false)),
        ("meedoen.onbetaald_werk", c("nee")),
        ("meedoen.georganiseerd", c("minder")),
        ("meedoen.sociaal_contact", c("nee")),
    ];
    assert_eq!(case(&f), 2);
}

#[test]
fn public_case_g_contact_less_than_weekly_is_1() {
    let g = [
        ("werk.betaald", Value::Bool(false)),
        ("meedoen.onbetaald_werk", c("nee")),
        ("meedoen.georganiseerd", c("nee")),
        ("meedoen.sociaal_contact", c("minder")),
    ];
    assert_eq!(case(&g), 1);
}

#[test]
fn explanation_of_the_spec_example() {
    let a: Answers = [
        ("werk.betaald", Value::Bool(false)),
        ("meedoen.georganiseerd", c("wekelijks")),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.clone()))
    .collect();
    assert_eq!(
        score(&a, &LadderSettings::default()).explanation,
        "Trede 3: volgt wekelijks een georganiseerde activiteit; geen betaald of onbetaald werk."
    );
}

// ---------------------------------------------------------------- forms/ladder.toml

const LADDER_TOML: &str = include_str!("../forms/ladder.toml");

fn ladder_problems(text: &str) -> Vec<(usize, String)> {
    match parse_ladder(Path::new("ladder.toml"), text) {
        Ok(_) => Vec::new(),
        Err(ps) => ps.into_iter().map(|p| (p.line, p.message)).collect(),
    }
}

#[test]
fn shipped_ladder_has_the_six_rungs_and_mantelzorg_off() {
    let (def, settings) = match parse_ladder(Path::new("forms/ladder.toml"), LADDER_TOML) {
        Ok(parsed) => parsed,
        Err(ps) => panic!("{ps:?}"),
    };
    assert!(!settings.mantelzorg_counts_as_unpaid_work);
    let names: Vec<&str> = def.rungs.iter().map(|r| r.name.nl.as_str()).collect();
    assert_eq!(
        names,
        [
            "Geïsoleerd",
            "Sociale contacten buitenshuis",
            "Deelname aan georganiseerde activiteiten",
            "Onbetaald werk",
            "Betaald werk met ondersteuning",
            "Betaald werk",
        ]
    );
    for r in &def.rungs {
        assert!(!r.description.nl.is_empty());
        assert!(r.name.en.is_some() && r.description.en.is_some());
    }
}

#[test]
fn mantelzorg_setting_can_be_switched_on() {
    let on = LADDER_TOML.replace(
        "mantelzorg_telt_als_onbetaald_werk = false",
        "mantelzorg_telt_als_onbetaald_werk = true",
    );
    let parsed = parse_ladder(Path::new("ladder.toml"), &on);
    assert!(matches!(parsed, Ok((_, s)) if s.mantelzorg_counts_as_unpaid_work));
}

#[test]
fn broken_ladder_files_are_reported() {
    // A misspelt setting must not silently fall back to the default.
    let typo = LADDER_TOML.replace(
        "mantelzorg_telt_als_onbetaald_werk =",
        "mantelzorg_telt_als_onbetaald_wreck =",
    );
    let ps = ladder_problems(&typo);
    assert_eq!(ps.len(), 1, "{ps:?}");
    let line = LADDER_TOML
        .lines()
        .position(|l| l.starts_with("mantelzorg_telt_als"))
        .map(|i| i + 1);
    assert_eq!(Some(ps[0].0), line);

    let five = LADDER_TOML.replace("rung = 6", "rung = 5");
    let ps = ladder_problems(&five);
    assert_eq!(ps.len(), 2, "{ps:?}");
    assert!(ps.iter().any(|p| p.1.contains("twee keer")));
    assert!(ps.iter().any(|p| p.1 == "trede 6 ontbreekt"));

    let Some(last) = LADDER_TOML.rfind("[[rung]]") else {
        panic!("no rungs in forms/ladder.toml");
    };
    let ps = ladder_problems(&LADDER_TOML[..last]);
    assert_eq!(ps.len(), 1, "{ps:?}");
    assert!(ps[0].1.contains("zes treden"), "{ps:?}");

    let seven = LADDER_TOML.replace("rung = 6", "rung = 7");
    assert!(ladder_problems(&seven)
        .iter()
        .any(|p| p.1.contains("trede 7")));
}

/// The resident's document names where someone stands without a judging label: the
/// staff's rung name "Geïsoleerd" is not printed for the resident.
#[test]
fn the_residents_names_of_the_rungs_do_not_judge() {
    let forms = meedoen::forms::builtin();
    let one = forms.ladder.rung(1).map(|r| r.resident_name().nl.clone());
    assert!(
        one.as_deref()
            .is_some_and(|n| !n.to_lowercase().contains("isoleer") && !n.is_empty()),
        "{one:?}"
    );
    for n in 1..=6 {
        let r = forms.ladder.rung(n);
        assert!(r.is_some_and(|r| r.for_resident.is_some()), "rung {n}");
    }
}
