//! Every rule of `forms/signals.toml`: when it fires, when it does not, and its deadline
//! for a given contact date; plus the problems a broken signals file must report.

mod common;

use chrono::NaiveDate;
use common::{answers, choice, intake_form, multi, signal_rules, yes, ymd, SIGNALS_TOML};
use meedoen::domain::signals::{evaluate, Severity};
use meedoen::domain::{Answers, Facts, Value};
use meedoen::forms::rules::parse_signals;
use std::path::Path;

/// Friday 14 March 2025: no holidays nearby.
fn contact() -> NaiveDate {
    ymd(2025, 3, 14)
}

fn fired_on(a: &Answers, on: NaiveDate) -> Vec<(String, NaiveDate)> {
    let (rules, holidays) = signal_rules();
    evaluate(&rules, &Facts::new(a, on), &holidays)
        .into_iter()
        .map(|s| (s.id, s.deadline))
        .collect()
}

fn fired(a: &Answers) -> Vec<String> {
    fired_on(a, contact())
        .into_iter()
        .map(|(id, _)| id)
        .collect()
}

fn deadline_of(a: &Answers, on: NaiveDate, id: &str) -> Option<NaiveDate> {
    fired_on(a, on)
        .into_iter()
        .find(|(s, _)| s == id)
        .map(|(_, d)| d)
}

/// Born so that the resident is `years` old on the contact date.
fn age(years: i32) -> (&'static str, Value) {
    (
        "persoon.geboortedatum",
        Value::Date(ymd(2025 - years, 1, 1)),
    )
}

#[test]
fn every_signal_of_signals_md_is_in_the_file() {
    let (rules, _) = signal_rules();
    // A rule the law changed comes once per version, one after the other.
    let mut ids: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
    ids.dedup();
    assert_eq!(
        ids,
        [
            "schuld_crisis",
            "schuld_gesprek",
            "geen_inkomen",
            "dakloos",
            "woonurgentie",
            "taaltoets",
            "pip",
            "laaggeletterd",
            "inkomenstoeslag",
            "toeslagen",
            "jongere",
            "jongere_kwetsbaar",
            "ontheffing_ouder",
            "mantelzorg",
            "uwv_inschrijving",
        ]
    );
    for r in &rules {
        assert!(!r.title.nl.is_empty() && r.title.en.is_some(), "{}", r.id);
        assert!(!r.action.nl.is_empty() && r.action.en.is_some(), "{}", r.id);
        assert!(!r.basis.is_empty(), "{}", r.id);
    }
    let severity = |id: &str| rules.iter().find(|r| r.id == id).map(|r| r.severity);
    assert_eq!(severity("schuld_crisis"), Some(Severity::Urgent));
    assert_eq!(severity("schuld_gesprek"), Some(Severity::High));
    assert_eq!(severity("dakloos"), Some(Severity::Urgent));
    assert_eq!(severity("taaltoets"), Some(Severity::Normal));
}

#[test]
fn nothing_answered_fires_nothing() {
    assert!(fired(&Answers::new()).is_empty());
}

#[test]
fn schuld_crisis_for_each_threat_within_three_werkdagen() {
    for threat in [
        "huisuitzetting",
        "afsluiting_energie_water",
        "opzegging_zorgverzekering",
    ] {
        let a = answers(&[
            ("schulden.heeft_schulden", choice("ja")),
            ("schulden.dreiging", multi(&[threat])),
            ("schulden.in_traject", yes(false)),
        ]);
        // Friday + 3 werkdagen = Wednesday.
        assert_eq!(
            deadline_of(&a, contact(), "schuld_crisis"),
            Some(ymd(2025, 3, 19)),
            "{threat}"
        );
        // One conversation: the crisis replaces the ordinary debt signal.
        assert_eq!(fired(&a), ["schuld_crisis"], "{threat}");
    }
    let attachment = answers(&[
        ("schulden.heeft_schulden", choice("ja")),
        ("schulden.dreiging", multi(&["beslag"])),
    ]);
    assert_eq!(fired(&attachment), ["schuld_gesprek"]);
}

#[test]
fn schuld_crisis_deadline_skips_christmas() {
    let a = answers(&[
        ("schulden.heeft_schulden", choice("ja")),
        ("schulden.dreiging", multi(&["huisuitzetting"])),
    ]);
    // Tue 23-12-2025: Wed 24, (25, 26 Kerst, weekend), Mon 29, Tue 30.
    assert_eq!(
        deadline_of(&a, ymd(2025, 12, 23), "schuld_crisis"),
        Some(ymd(2025, 12, 30))
    );
}

#[test]
fn schuld_gesprek_only_without_counselling() {
    let with = |traject: Option<bool>| {
        let mut a = answers(&[("schulden.heeft_schulden", choice("ja"))]);
        if let Some(t) = traject {
            a.insert("schulden.in_traject".to_string(), yes(t));
        }
        a
    };
    assert_eq!(
        deadline_of(&with(Some(false)), contact(), "schuld_gesprek"),
        Some(ymd(2025, 4, 11))
    );
    assert_eq!(fired(&with(None)), ["schuld_gesprek"]);
    assert!(fired(&with(Some(true))).is_empty());
    for no in ["nee", "weet_niet"] {
        assert!(fired(&answers(&[("schulden.heeft_schulden", choice(no))])).is_empty());
    }
}

#[test]
fn geen_inkomen() {
    let a = answers(&[("inkomen.bronnen", multi(&["geen"]))]);
    assert_eq!(
        fired_on(&a, contact()),
        [("geen_inkomen".to_string(), ymd(2025, 4, 11))]
    );
    assert!(fired(&answers(&[("inkomen.bronnen", multi(&["bijstand"]))])).is_empty());
}

#[test]
fn dakloos_same_day_even_on_a_sunday() {
    let a = answers(&[("wonen.situatie", choice("dakloos"))]);
    assert_eq!(deadline_of(&a, contact(), "dakloos"), Some(contact()));
    assert_eq!(
        deadline_of(&a, ymd(2025, 3, 16), "dakloos"),
        Some(ymd(2025, 3, 16))
    );
    assert!(fired(&answers(&[("wonen.situatie", choice("huur"))])).is_empty());
}

#[test]
fn woonurgentie() {
    let unsure = answers(&[
        ("wonen.situatie", choice("huur")),
        ("wonen.onzeker", yes(true)),
    ]);
    assert_eq!(
        fired_on(&unsure, contact()),
        [("woonurgentie".to_string(), ymd(2025, 3, 28))]
    );
    assert_eq!(
        fired(&answers(&[("wonen.situatie", choice("opvang"))])),
        ["woonurgentie"]
    );
    let safe = answers(&[
        ("wonen.situatie", choice("huur")),
        ("wonen.onzeker", yes(false)),
    ]);
    assert!(fired(&safe).is_empty());
}

#[test]
fn taaltoets() {
    let no_proof = answers(&[
        ("taal.onderwijs_nl_8jaar", yes(false)),
        ("taal.bewijs", choice("geen")),
    ]);
    assert_eq!(
        fired_on(&no_proof, contact()),
        [("taaltoets".to_string(), ymd(2025, 5, 9))]
    );
    let unanswered = answers(&[("taal.onderwijs_nl_8jaar", yes(false))]);
    assert_eq!(fired(&unanswered), ["taaltoets"]);
    for proof in ["inburgeringsdiploma", "staatsexamen_nt2", "ander_bewijs"] {
        let a = answers(&[
            ("taal.onderwijs_nl_8jaar", yes(false)),
            ("taal.bewijs", choice(proof)),
        ]);
        assert!(fired(&a).is_empty(), "{proof}");
    }
    assert!(fired(&answers(&[("taal.onderwijs_nl_8jaar", yes(true))])).is_empty());
}

#[test]
fn laaggeletterd() {
    let a = answers(&[("taal.laaggeletterd", yes(true))]);
    assert_eq!(
        fired_on(&a, contact()),
        [("laaggeletterd".to_string(), ymd(2025, 4, 11))]
    );
    assert!(fired(&answers(&[("taal.laaggeletterd", yes(false))])).is_empty());
}

#[test]
fn inkomenstoeslag_three_years_low_income_between_21_and_67() {
    let case = |years_low: i64, years_old: i32, regelingen: &[&str]| {
        let (k, born) = age(years_old);
        answers(&[
            ("inkomen.laag_inkomen_jaren", Value::Int(years_low)),
            (k, born),
            ("inkomen.regelingen", multi(regelingen)),
        ])
    };
    assert_eq!(
        fired_on(&case(3, 30, &["geen"]), contact()),
        [("inkomenstoeslag".to_string(), ymd(2025, 4, 11))]
    );
    assert_eq!(
        fired(&case(3, 21, &["kwijtschelding"])),
        ["inkomenstoeslag"]
    );
    assert_eq!(fired(&case(10, 66, &[])), ["inkomenstoeslag"]);
    assert!(fired(&case(2, 30, &["geen"])).is_empty());
    assert!(fired(&case(3, 20, &["geen"])).is_empty());
    assert!(fired(&case(3, 67, &["geen"])).is_empty());
    assert!(fired(&case(3, 30, &["individuele_inkomenstoeslag"])).is_empty());
    // Without a date of birth the age is unknown: no signal on a guess.
    let no_age = answers(&[("inkomen.laag_inkomen_jaren", Value::Int(5))]);
    assert!(fired(&no_age).is_empty());
}

#[test]
fn toeslagen() {
    let a = answers(&[("inkomen.toeslagen", multi(&["weet_niet"]))]);
    assert_eq!(
        fired_on(&a, contact()),
        [("toeslagen".to_string(), ymd(2025, 3, 28))]
    );
    assert!(fired(&answers(&[("inkomen.toeslagen", multi(&["huurtoeslag"]))])).is_empty());
}

#[test]
fn jongere_under_27_without_income() {
    let case = |years_old: i32| {
        let (k, born) = age(years_old);
        answers(&[(k, born), ("inkomen.bronnen", multi(&["geen"]))])
    };
    assert_eq!(
        deadline_of(&case(26,), contact(), "jongere"),
        Some(ymd(2025, 4, 11))
    );
    assert_eq!(fired(&case(18)), ["geen_inkomen", "jongere"]);
    assert_eq!(fired(&case(27)), ["geen_inkomen"]);
    let (k, born) = age(20);
    assert!(fired(&answers(&[
        (k, born),
        ("inkomen.bronnen", multi(&["loon"]))
    ]))
    .is_empty());
}

#[test]
fn ontheffing_ouder_six_calendar_months() {
    let case = |huishouden: &str, kind: i64| {
        answers(&[
            ("persoon.huishouden", choice(huishouden)),
            ("persoon.jongste_kind_leeftijd", Value::Int(kind)),
        ])
    };
    assert_eq!(
        fired_on(&case("alleenstaande_ouder", 4), contact()),
        [("ontheffing_ouder".to_string(), ymd(2025, 9, 14))]
    );
    // 31 August + 6 months is the last day of February.
    assert_eq!(
        deadline_of(
            &case("alleenstaande_ouder", 0),
            ymd(2025, 8, 31),
            "ontheffing_ouder"
        ),
        Some(ymd(2026, 2, 28))
    );
    assert!(fired(&case("alleenstaande_ouder", 5)).is_empty());
    assert!(fired(&case("samen_met_kinderen", 2)).is_empty());
}

#[test]
fn uwv_inschrijving_only_without_paid_work() {
    let case = |uwv: bool, paid: bool| {
        answers(&[
            ("werk.ingeschreven_uwv", yes(uwv)),
            ("werk.betaald", yes(paid)),
        ])
    };
    assert_eq!(
        fired_on(&case(false, false), contact()),
        [("uwv_inschrijving".to_string(), ymd(2025, 3, 21))]
    );
    assert!(fired(&case(false, true)).is_empty());
    assert!(fired(&case(true, false)).is_empty());
    assert!(fired(&answers(&[("werk.betaald", yes(false))])).is_empty());
}

#[test]
fn signals_come_out_in_rule_order() {
    let a = answers(&[
        ("wonen.situatie", choice("dakloos")),
        ("inkomen.bronnen", multi(&["geen"])),
        ("schulden.heeft_schulden", choice("ja")),
    ]);
    assert_eq!(fired(&a), ["schuld_gesprek", "geen_inkomen", "dakloos"]);
}

// ---------------------------------------------------------------- broken files

fn problems(text: &str) -> Vec<(usize, String)> {
    match parse_signals(Path::new("signals.toml"), text, &intake_form()) {
        Ok(_) => Vec::new(),
        Err(ps) => ps.into_iter().map(|p| (p.line, p.message)).collect(),
    }
}

const GOOD_RULE: &str = r#"
[[signal]]
id = "laaggeletterd"
title = { nl = "Moeite met lezen", en = "Reading" }
action = { nl = "Verwijs door.", en = "Refer." }
basis = "lokaal beleid"
severity = "normal"
deadline = { weken = 4 }
when = { equals = { q = "taal.laaggeletterd", value = true } }
"#;

#[test]
fn shipped_file_has_no_problems() {
    assert!(problems(SIGNALS_TOML).is_empty());
    assert!(problems(GOOD_RULE).is_empty());
}

#[test]
fn toml_syntax_error_names_its_line() {
    let broken = GOOD_RULE.replace("basis = \"lokaal beleid\"", "basis = \"lokaal beleid");
    let ps = problems(&broken);
    assert_eq!(ps.len(), 1);
    assert_eq!(ps[0].0, 6, "{ps:?}");
}

#[test]
fn bad_severity_and_deadline_are_reported_with_line() {
    let broken = GOOD_RULE
        .replace("severity = \"normal\"", "severity = \"heel erg\"")
        .replace("{ weken = 4 }", "{ jaren = 4 }");
    let ps = problems(&broken);
    assert_eq!(ps.len(), 2, "{ps:?}");
    assert_eq!(ps[0].0, 7);
    assert!(ps[0].1.contains("heel erg"), "{ps:?}");
    assert_eq!(ps[1].0, 8);
    assert!(ps[1].1.contains("jaren"), "{ps:?}");
}

#[test]
fn negative_deadline_is_reported() {
    let ps = problems(&GOOD_RULE.replace("{ weken = 4 }", "{ werkdagen = -1 }"));
    assert_eq!(ps.len(), 1, "{ps:?}");
    assert_eq!(ps[0].0, 8);
}

#[test]
fn duplicate_id_and_unknown_supersedes() {
    let text = format!(
        "{GOOD_RULE}{}",
        GOOD_RULE.replace("when = {", "supersedes = [\"bestaat_niet\"]\nwhen = {")
    );
    let ps = problems(&text);
    assert_eq!(ps.len(), 2, "{ps:?}");
    assert!(ps[0].1.contains("twee keer"), "{ps:?}");
    assert_eq!(ps[0].0, 12);
    assert!(ps[1].1.contains("bestaat_niet"), "{ps:?}");
    assert_eq!(ps[1].0, 18);
}

#[test]
fn unknown_question_in_condition_is_reported_at_the_condition() {
    let ps = problems(&GOOD_RULE.replace("taal.laaggeletterd", "taal.laaggeletterdd"));
    assert_eq!(ps.len(), 1, "{ps:?}");
    assert_eq!(ps[0].0, 9);
}

#[test]
fn unknown_condition_operator_is_reported() {
    let ps = problems(&GOOD_RULE.replace("equals", "is_gelijk"));
    assert_eq!(ps.len(), 1, "{ps:?}");
    assert_eq!(ps[0].0, 9);
}

#[test]
fn extra_holidays_count_as_non_werkdagen() {
    let text = SIGNALS_TOML.replace(
        "extra_holidays = []",
        "extra_holidays = [2025-03-17, \"18-03-2025\"]",
    );
    let (rules, holidays) = match parse_signals(Path::new("s.toml"), &text, &intake_form()) {
        Ok(parsed) => parsed,
        Err(ps) => panic!("{ps:?}"),
    };
    let a = answers(&[
        ("schulden.heeft_schulden", choice("ja")),
        ("schulden.dreiging", multi(&["huisuitzetting"])),
    ]);
    let fired = evaluate(&rules, &Facts::new(&a, contact()), &holidays);
    // Friday; Monday and Tuesday closed: Wed, Thu, Fri.
    assert_eq!(fired.first().map(|f| f.deadline), Some(ymd(2025, 3, 21)));
    let bad = problems("extra_holidays = [\"31-02-2025\"]\n");
    assert_eq!(bad.len(), 1, "{bad:?}");
    assert_eq!(bad[0].0, 1);
}

/// Two versions of one rule: the one in force on the contact date applies, each on its
/// own side of the change, and stored signals keep the one id.
#[test]
fn a_rule_with_versions_applies_the_one_of_the_contact_date() {
    let text = format!(
        "{}geldig_tot = 2027-01-01\n{}geldig_vanaf = 2027-01-01\n",
        GOOD_RULE,
        GOOD_RULE
            .replace("{ weken = 4 }", "{ weken = 2 }")
            .replace("Verwijs door.", "Verwijs door naar het Taalhuis.")
    );
    let (rules, holidays) = match parse_signals(Path::new("s.toml"), &text, &intake_form()) {
        Ok(parsed) => parsed,
        Err(ps) => panic!("{ps:?}"),
    };
    let a = answers(&[("taal.laaggeletterd", yes(true))]);
    let before = evaluate(&rules, &Facts::new(&a, ymd(2026, 12, 31)), &holidays);
    let after = evaluate(&rules, &Facts::new(&a, ymd(2027, 1, 1)), &holidays);
    assert_eq!(before.len(), 1);
    assert_eq!(after.len(), 1);
    assert_eq!(before[0].id, after[0].id);
    assert_eq!(
        before[0].deadline,
        ymd(2027, 1, 28),
        "4 weeks before the change"
    );
    assert_eq!(
        after[0].deadline,
        ymd(2027, 1, 15),
        "2 weeks from the change"
    );
}

#[test]
fn versions_that_overlap_leave_a_gap_or_never_apply_are_reported() {
    let overlap =
        format!("{GOOD_RULE}geldig_tot = 2027-02-01\n{GOOD_RULE}geldig_vanaf = 2027-01-01\n");
    let ps = problems(&overlap);
    assert_eq!(ps.len(), 1, "{ps:?}");
    assert!(ps[0].1.contains("allebei op 2027-01-01"), "{ps:?}");
    assert_eq!(ps[0].0, 13, "at the id of the second version: {ps:?}");

    let gap = format!("{GOOD_RULE}geldig_tot = 2027-01-01\n{GOOD_RULE}geldig_vanaf = 2027-02-01\n");
    let ps = problems(&gap);
    assert_eq!(ps.len(), 1, "{ps:?}");
    assert!(
        ps[0]
            .1
            .contains("van 2027-01-01 tot 2027-02-01 geldt geen versie"),
        "{ps:?}"
    );

    let never = format!("{GOOD_RULE}geldig_vanaf = 2027-01-01\ngeldig_tot = 2027-01-01\n");
    let ps = problems(&never);
    assert_eq!(ps.len(), 1, "{ps:?}");
    assert!(ps[0].1.contains("dus nooit"), "{ps:?}");

    let twice = format!("{GOOD_RULE}{GOOD_RULE}");
    let ps = problems(&twice);
    assert_eq!(ps.len(), 1, "{ps:?}");
    assert!(ps[0].1.contains("komt twee keer voor"), "{ps:?}");

    let not_a_date = format!("{GOOD_RULE}geldig_vanaf = \"volgend jaar\"\n");
    let ps = problems(&not_a_date);
    assert_eq!(ps.len(), 1, "{ps:?}");
    assert!(
        ps[0].1.contains("geldig_vanaf moet een datum zijn"),
        "{ps:?}"
    );
}

/// Atw art. 3 lid 3 days are data: a decree whose days fall outside its years, or whose
/// years overlap another decree, is refused.
#[test]
fn kb_decrees_are_checked() {
    let outside = "[[atw_besluit]]\nvan = 2026\ntot_en_met = 2028\ndagen = [2029-05-11]\n";
    let ps = problems(outside);
    assert_eq!(ps.len(), 1, "{ps:?}");
    assert!(ps[0].1.contains("buiten de jaren 2026-2028"), "{ps:?}");
    let overlap = "[[atw_besluit]]\nvan = 2026\ntot_en_met = 2028\ndagen = []\n\n[[atw_besluit]]\nvan = 2028\ntot_en_met = 2030\ndagen = []\n";
    let ps = problems(overlap);
    assert_eq!(ps.len(), 1, "{ps:?}");
    assert_eq!(ps[0].0, 7, "{ps:?}");
    let backwards = "[[atw_besluit]]\nvan = 2028\ntot_en_met = 2026\ndagen = []\n";
    assert_eq!(problems(backwards).len(), 1);
}

// ------------------------------------------------ Participatiewet in balans (2026, 2027)

/// Last day under the old text and first day under the new one.
const END_2025: (i32, u32, u32) = (2025, 12, 31);
const START_2026: (i32, u32, u32) = (2026, 1, 1);

fn day((y, m, d): (i32, u32, u32)) -> NaiveDate {
    ymd(y, m, d)
}

fn ids_on(a: &Answers, on: NaiveDate) -> Vec<String> {
    fired_on(a, on).into_iter().map(|(id, _)| id).collect()
}

fn born_2005() -> (&'static str, Value) {
    ("persoon.geboortedatum", Value::Date(ymd(2005, 6, 1)))
}

/// A homeless 20-year-old without income: before 2026 the search period and the advance
/// both fire; from 2026 the search period does not apply to a vulnerable young person, so
/// the advance stands and the exception is a signal of its own (Pw art. 41 lid 4).
#[test]
fn a_vulnerable_young_person_gets_no_search_period_from_2026() {
    let a = answers(&[
        born_2005(),
        ("inkomen.bronnen", multi(&["geen"])),
        ("wonen.situatie", choice("dakloos")),
    ]);
    assert_eq!(
        ids_on(&a, day(END_2025)),
        ["geen_inkomen", "dakloos", "jongere"]
    );
    assert_eq!(
        ids_on(&a, day(START_2026)),
        ["geen_inkomen", "dakloos", "jongere_kwetsbaar"]
    );
    let (rules, _) = signal_rules();
    let rule = meedoen::domain::signals::rule_on(&rules, "jongere_kwetsbaar", day(START_2026));
    assert!(rule.is_some_and(|r| r.basis.contains("art. 41 lid 4")));
}

/// A young person who is not vulnerable searches four weeks first: from 2026 the advance
/// is no longer proposed at the same time.
#[test]
fn search_period_and_advance_no_longer_contradict_from_2026() {
    let a = answers(&[
        born_2005(),
        ("inkomen.bronnen", multi(&["geen"])),
        ("wonen.situatie", choice("huur")),
    ]);
    assert_eq!(ids_on(&a, day(END_2025)), ["geen_inkomen", "jongere"]);
    assert_eq!(ids_on(&a, day(START_2026)), ["jongere"]);
    // Psychological complaints make a young person vulnerable too (the default choice).
    let mut vulnerable = a.clone();
    vulnerable.insert("gezondheid.belemmering".to_string(), choice("psychisch"));
    assert_eq!(
        ids_on(&vulnerable, day(START_2026)),
        ["geen_inkomen", "jongere_kwetsbaar"]
    );
}

/// Informal care leads to the exemption question from 2026 (Pw art. 9 lid 2).
#[test]
fn mantelzorg_leads_to_the_exemption_question_from_2026() {
    let a = answers(&[("meedoen.mantelzorg", yes(true))]);
    assert!(ids_on(&a, day(END_2025)).is_empty());
    assert_eq!(ids_on(&a, day(START_2026)), ["mantelzorg"]);
    assert!(ids_on(
        &answers(&[("meedoen.mantelzorg", yes(false))]),
        day(START_2026)
    )
    .is_empty());
    let (rules, _) = signal_rules();
    let rule = meedoen::domain::signals::rule_on(&rules, "mantelzorg", day(START_2026));
    assert!(rule.is_some_and(|r| r.basis.contains("art. 9 lid 2")));
}

/// From 2026 the no-income signal says that assistance can start up to three months back.
#[test]
fn three_months_back_from_2026() {
    let (rules, _) = signal_rules();
    let action = |on| {
        meedoen::domain::signals::rule_on(&rules, "geen_inkomen", on)
            .map(|r| (r.action.nl.clone(), r.basis.clone()))
            .unwrap_or_default()
    };
    assert!(!action(day(END_2025)).0.contains("3 maanden"));
    assert!(action(day(START_2026)).0.contains("3 maanden terug"));
    assert!(action(day(START_2026)).1.contains("art. 44"));
    assert!(action(day(START_2026)).1.contains("art. 52"));
}

/// From 2027 the individual income supplement is granted ambtshalve: the signal no longer
/// asks for an application (Pw art. 36).
#[test]
fn income_supplement_ambtshalve_from_2027() {
    let a = answers(&[
        ("persoon.geboortedatum", Value::Date(ymd(1980, 1, 1))),
        ("inkomen.laag_inkomen_jaren", Value::Int(4)),
    ]);
    assert!(ids_on(&a, ymd(2026, 12, 31)).contains(&"inkomenstoeslag".to_string()));
    assert!(ids_on(&a, ymd(2027, 1, 1)).contains(&"inkomenstoeslag".to_string()));
    let (rules, _) = signal_rules();
    let action = |on| {
        meedoen::domain::signals::rule_on(&rules, "inkomenstoeslag", on)
            .map(|r| r.action.nl.clone())
            .unwrap_or_default()
    };
    assert!(action(ymd(2026, 12, 31)).contains("aan te vragen"));
    assert!(action(ymd(2027, 1, 1)).contains("zonder aanvraag"));
}

/// Every rule cites its article (or says it is local policy).
#[test]
fn every_rule_cites_its_basis() {
    let (rules, _) = signal_rules();
    for r in &rules {
        let cites = r.basis.contains("art.") || r.basis.contains("beleid") || r.basis == "—";
        assert!(cites, "{}: {}", r.id, r.basis);
    }
}

// ------------------------------------------------ Wet inburgering 2021

fn integrating(pip_end: Option<NaiveDate>) -> Answers {
    let mut a = answers(&[
        ("persoon.statushouder", yes(true)),
        ("taal.onderwijs_nl_8jaar", yes(false)),
        ("taal.bewijs", choice("geen")),
        ("taal.inburgeringsplichtig", yes(true)),
    ]);
    if let Some(d) = pip_end {
        a.insert("taal.pip_einddatum".to_string(), Value::Date(d));
    }
    a
}

/// While the PIP runs there is no Participatiewet language signal but a PIP signal due on
/// the PIP's end date; the day after it the language requirement is back.
#[test]
fn pip_instead_of_the_language_test_while_it_runs() {
    let end = ymd(2027, 6, 1);
    let a = integrating(Some(end));
    assert_eq!(
        fired_on(&a, ymd(2026, 3, 2)),
        [("pip".to_string(), end)],
        "during the PIP"
    );
    assert_eq!(ids_on(&a, end), ["pip"], "on its last day");
    assert_eq!(
        ids_on(&a, ymd(2027, 6, 2)),
        ["taaltoets"],
        "after the PIP's end"
    );
    // A PIP without a known end date still runs; its signal asks for it within 8 weeks.
    assert_eq!(
        fired_on(&integrating(None), ymd(2026, 3, 2)),
        [("pip".to_string(), ymd(2026, 4, 27))]
    );
    // Without the duty the Participatiewet's requirement (level 1F) applies.
    let mut free = integrating(None);
    free.insert("taal.inburgeringsplichtig".to_string(), yes(false));
    assert_eq!(ids_on(&free, ymd(2026, 3, 2)), ["taaltoets"]);
    let (rules, _) = signal_rules();
    let taaltoets = meedoen::domain::signals::rule_on(&rules, "taaltoets", ymd(2026, 3, 2));
    assert!(taaltoets.is_some_and(|r| r.action.nl.contains("1F") && r.basis.contains("1F")));
}

/// Family migrants are under the duty too: the question is asked of them, not only of
/// status holders.
#[test]
fn the_duty_is_asked_of_statushouders_and_gezinsmigranten() {
    let form = intake_form();
    let asked = |pairs: &[(&str, Value)]| {
        let mut a = answers(pairs);
        a.insert("taal.inburgeringsplichtig".to_string(), yes(true));
        meedoen::forms::validate::visible_answers(&form, &a, ymd(2026, 3, 2))
            .contains_key("taal.inburgeringsplichtig")
    };
    assert!(asked(&[("persoon.statushouder", yes(true))]));
    assert!(asked(&[
        ("persoon.statushouder", yes(false)),
        ("persoon.gezinsmigrant", yes(true)),
    ]));
    assert!(!asked(&[
        ("persoon.statushouder", yes(false)),
        ("persoon.gezinsmigrant", yes(false)),
    ]));
    for id in [
        "taal.pip_einddatum",
        "taal.leerroute",
        "taal.map",
        "taal.ontzorgd",
    ] {
        assert!(form.question(id).is_some(), "{id}");
    }
}
