//! Every suggestion rule of `forms/contract.toml`: when it proposes an agreement, when it
//! does not, with the right part, owner and due date; plus the problems a broken contract
//! file must report.

mod common;

use chrono::NaiveDate;
use common::{
    answers, choice, contract_rules, intake_form, multi, signal_rules, yes, ymd, CONTRACT_TOML,
};
use meedoen::domain::contract::{suggest, suggestion_facts, PartKind, Suggestion};
use meedoen::domain::signals::evaluate;
use meedoen::domain::{Answers, Facts, Value};
use meedoen::forms::rules::parse_contract;
use std::collections::BTreeMap;
use std::path::Path;

/// Friday 14 March 2025.
fn contact() -> NaiveDate {
    ymd(2025, 3, 14)
}

fn run(a: &Answers, current: u8, expected: u8, signals: &[(&str, NaiveDate)]) -> Vec<Suggestion> {
    let (rules, _) = contract_rules();
    let facts = Facts::new(a, contact())
        .with("ladder.trede", Value::Int(i64::from(current)))
        .with("verwachting.trede", Value::Int(i64::from(expected)));
    let deadlines: BTreeMap<String, NaiveDate> =
        signals.iter().map(|(id, d)| (id.to_string(), *d)).collect();
    suggest(&rules, &facts, &deadlines)
}

/// Rung 2 now and expected: touches none of the rung rules.
fn plain(a: &Answers, signals: &[(&str, NaiveDate)]) -> Vec<Suggestion> {
    run(a, 2, 2, signals)
}

fn find<'a>(s: &'a [Suggestion], rule: &str) -> Option<&'a Suggestion> {
    s.iter().find(|x| x.rule == rule)
}

fn rules_of(s: &[Suggestion]) -> Vec<&str> {
    s.iter().map(|x| x.rule.as_str()).collect()
}

/// Part, owner and due date of the suggestion from `rule`.
fn shape(s: &[Suggestion], rule: &str) -> Option<(PartKind, String, Option<NaiveDate>)> {
    find(s, rule).map(|x| (x.part, x.agreement.who.clone(), x.agreement.due))
}

#[test]
fn every_row_of_contract_md_has_rules() {
    let (rules, texts) = contract_rules();
    // A rule the law changed comes once per version, one after the other.
    let mut ids: Vec<&str> = rules.iter().map(|r| r.id.as_str()).collect();
    ids.dedup();
    assert_eq!(
        ids,
        [
            "schuldhulp_gesprek_inwoner",
            "schuldhulp_gesprek_plannen",
            "opvang_regelen",
            "woonurgentie_aanvragen",
            "voorschot_beslissen",
            "mantelzorg_ontheffing",
            "activiteit_buitenshuis",
            "maatschappelijke_participatie",
            "maatje_of_wijkteam",
            "taalcursus",
            "pip_inburgering",
            "pip_afstemmen",
            "lezen_schrijven",
            "digitale_vaardigheden",
            "uwv_inschrijven",
            "startkwalificatie",
            "vrijwilligerswerk",
            "werkervaring_opstap",
            "solliciteren",
            "loonkostensubsidie_jobcoach",
            "meer_uren",
        ]
    );
    assert_eq!(texts.municipality, "Gemeente Voorbeeld");
    assert_eq!(texts.evaluation_months, 6);
    // The duties are in Pw art. 9 (work and taking part) and art. 17 (passing on
    // information); the consequences in art. 18, 18a and 58, said plainly.
    assert!(texts.obligations.contains("artikel 9"));
    assert!(texts.obligations.contains("artikel 17"));
    assert!(texts.obligations.contains("maatregel (artikel 18)"));
    assert!(texts.obligations.contains("terugbetalen"));
    assert!(texts.obligations.contains("boete"));
    assert!(texts.obligations.contains("goede reden"));
    assert!(!texts.obligations.contains("44a"));
    for t in [
        &texts.title_sociaal,
        &texts.title_arbeidsfit,
        &texts.title_werk_betaald,
        &texts.title_werk_onbetaald,
        &texts.intro_sociaal,
        &texts.intro_arbeidsfit,
        &texts.intro_werk_betaald,
        &texts.intro_werk_onbetaald,
    ] {
        assert!(!t.is_empty());
    }
}

#[test]
fn nothing_answered_suggests_nothing_at_a_middle_rung() {
    assert!(plain(&Answers::new(), &[]).is_empty());
}

#[test]
fn debt_conversation_for_either_debt_signal_due_at_the_signal_deadline() {
    let crisis = ymd(2025, 3, 19);
    for signal in ["schuld_crisis", "schuld_gesprek"] {
        let s = plain(&Answers::new(), &[(signal, crisis)]);
        assert_eq!(
            shape(&s, "schuldhulp_gesprek_inwoner"),
            Some((PartKind::Sociaal, "inwoner".to_string(), Some(crisis))),
            "{signal}"
        );
        assert_eq!(
            shape(&s, "schuldhulp_gesprek_plannen"),
            Some((PartKind::Sociaal, "gemeente".to_string(), Some(crisis))),
            "{signal}"
        );
    }
    let other = plain(&Answers::new(), &[("toeslagen", ymd(2025, 3, 28))]);
    assert!(find(&other, "schuldhulp_gesprek_inwoner").is_none());
    assert!(find(&other, "schuldhulp_gesprek_plannen").is_none());
}

#[test]
fn debt_conversation_from_evaluated_signals() {
    // The whole path: answers → signals → facts → suggestions.
    let (signal_rules, holidays) = signal_rules();
    let a = answers(&[
        ("schulden.heeft_schulden", choice("ja")),
        ("schulden.dreiging", multi(&["afsluiting_energie_water"])),
    ]);
    let fired = evaluate(&signal_rules, &Facts::new(&a, contact()), &holidays);
    let deadlines: BTreeMap<String, NaiveDate> =
        fired.iter().map(|f| (f.id.clone(), f.deadline)).collect();
    let facts = suggestion_facts(&a, contact(), 2, 2, &fired);
    let (rules, _) = contract_rules();
    let s = suggest(&rules, &facts, &deadlines);
    assert_eq!(
        rules_of(&s),
        ["schuldhulp_gesprek_inwoner", "schuldhulp_gesprek_plannen"]
    );
    // Three werkdagen after Friday 14 March.
    assert_eq!(s[0].agreement.due, Some(ymd(2025, 3, 19)));
}

#[test]
fn shelter_and_housing_urgency() {
    let d = contact();
    let s = plain(&Answers::new(), &[("dakloos", d)]);
    assert_eq!(
        shape(&s, "opvang_regelen"),
        Some((PartKind::Sociaal, "gemeente".to_string(), Some(d)))
    );
    assert!(find(&s, "woonurgentie_aanvragen").is_none());
    let two_weeks = ymd(2025, 3, 28);
    let s = plain(&Answers::new(), &[("woonurgentie", two_weeks)]);
    assert_eq!(
        shape(&s, "woonurgentie_aanvragen"),
        Some((PartKind::Sociaal, "gemeente".to_string(), Some(two_weeks)))
    );
    assert!(find(&s, "opvang_regelen").is_none());
}

#[test]
fn advance_payment_without_income() {
    let d = ymd(2025, 4, 11);
    let s = plain(&Answers::new(), &[("geen_inkomen", d)]);
    assert_eq!(
        shape(&s, "voorschot_beslissen"),
        Some((PartKind::Sociaal, "gemeente".to_string(), Some(d)))
    );
    assert!(find(&plain(&Answers::new(), &[]), "voorschot_beslissen").is_none());
}

#[test]
fn weekly_activity_outside_the_home_only_on_rung_one() {
    let s = run(&Answers::new(), 1, 1, &[]);
    assert_eq!(
        shape(&s, "activiteit_buitenshuis"),
        Some((
            PartKind::Sociaal,
            "inwoner".to_string(),
            Some(ymd(2025, 4, 11))
        ))
    );
    assert!(find(&run(&Answers::new(), 2, 2, &[]), "activiteit_buitenshuis").is_none());
}

#[test]
fn buddy_project_without_a_network() {
    let s = plain(
        &answers(&[("gezondheid.steun_netwerk", choice("geen"))]),
        &[],
    );
    assert_eq!(
        shape(&s, "maatje_of_wijkteam"),
        Some((
            PartKind::Sociaal,
            "gemeente".to_string(),
            Some(ymd(2025, 4, 11))
        ))
    );
    for some in ["beetje", "veel"] {
        let s = plain(&answers(&[("gezondheid.steun_netwerk", choice(some))]), &[]);
        assert!(find(&s, "maatje_of_wijkteam").is_none(), "{some}");
    }
}

#[test]
fn language_course_below_b1_or_after_the_language_test_signal() {
    let eight_weeks = Some(ymd(2025, 5, 9));
    for level in ["geen", "a1", "a2"] {
        let s = plain(&answers(&[("taal.niveau", choice(level))]), &[]);
        assert_eq!(
            shape(&s, "taalcursus"),
            Some((PartKind::Arbeidsfit, "inwoner".to_string(), eight_weeks)),
            "{level}"
        );
    }
    let s = plain(&Answers::new(), &[("taaltoets", ymd(2025, 5, 9))]);
    assert!(find(&s, "taalcursus").is_some());
    for level in ["b1", "b2_hoger", "onbekend"] {
        let s = plain(&answers(&[("taal.niveau", choice(level))]), &[]);
        assert!(find(&s, "taalcursus").is_none(), "{level}");
    }
}

#[test]
fn digital_skills_unless_independent() {
    for level in ["met_hulp", "niet"] {
        let s = plain(&answers(&[("taal.digitaal", choice(level))]), &[]);
        assert_eq!(
            shape(&s, "digitale_vaardigheden"),
            Some((
                PartKind::Arbeidsfit,
                "inwoner".to_string(),
                Some(ymd(2025, 5, 9))
            )),
            "{level}"
        );
    }
    let s = plain(&answers(&[("taal.digitaal", choice("zelfstandig"))]), &[]);
    assert!(find(&s, "digitale_vaardigheden").is_none());
}

#[test]
fn register_at_uwv_within_a_week() {
    let s = plain(
        &answers(&[
            ("werk.ingeschreven_uwv", yes(false)),
            ("werk.betaald", yes(false)),
        ]),
        &[],
    );
    assert_eq!(
        shape(&s, "uwv_inschrijven"),
        Some((
            PartKind::Arbeidsfit,
            "inwoner".to_string(),
            Some(ymd(2025, 3, 21))
        ))
    );
    let s = plain(&answers(&[("werk.ingeschreven_uwv", yes(true))]), &[]);
    assert!(find(&s, "uwv_inschrijven").is_none());
    // Someone with a paid job is not asked to register as a job seeker.
    let s = plain(
        &answers(&[
            ("werk.ingeschreven_uwv", yes(false)),
            ("werk.betaald", yes(true)),
        ]),
        &[],
    );
    assert!(find(&s, "uwv_inschrijven").is_none());
}

#[test]
fn startkwalificatie_under_27_with_little_education() {
    let case = |age: i32, opleiding: &str| {
        answers(&[
            ("persoon.geboortedatum", Value::Date(ymd(2025 - age, 1, 1))),
            ("werk.opleiding", choice(opleiding)),
        ])
    };
    for opleiding in ["geen", "basisonderwijs", "vmbo_mbo1"] {
        let s = plain(&case(22, opleiding), &[]);
        assert_eq!(
            shape(&s, "startkwalificatie"),
            Some((
                PartKind::Arbeidsfit,
                "inwoner + gemeente".to_string(),
                Some(ymd(2025, 6, 14))
            )),
            "{opleiding}"
        );
    }
    assert!(find(&plain(&case(27, "geen"), &[]), "startkwalificatie").is_none());
    assert!(find(&plain(&case(20, "mbo2_4"), &[]), "startkwalificatie").is_none());
}

#[test]
fn volunteering_when_moving_up_to_unpaid_work() {
    let s = run(&Answers::new(), 3, 4, &[]);
    assert_eq!(
        shape(&s, "vrijwilligerswerk"),
        Some((
            PartKind::Werk,
            "inwoner".to_string(),
            Some(ymd(2025, 6, 14))
        ))
    );
    // With paid work expected the work part is "betaald werk": volunteering is then a
    // step in the arbeidsfit part, not an agreement about paid work.
    assert!(find(&run(&Answers::new(), 1, 5, &[]), "vrijwilligerswerk").is_none());
    assert_eq!(
        shape(&run(&Answers::new(), 1, 5, &[]), "werkervaring_opstap").map(|s| s.0),
        Some(PartKind::Arbeidsfit)
    );
    assert!(find(&run(&Answers::new(), 4, 5, &[]), "vrijwilligerswerk").is_none());
    assert!(find(&run(&Answers::new(), 4, 5, &[]), "werkervaring_opstap").is_none());
    assert!(find(&run(&Answers::new(), 2, 3, &[]), "vrijwilligerswerk").is_none());
}

#[test]
fn applications_and_wage_subsidy_when_paid_work_is_expected() {
    let s = run(&Answers::new(), 4, 5, &[]);
    assert_eq!(
        shape(&s, "solliciteren"),
        Some((
            PartKind::Werk,
            "inwoner".to_string(),
            Some(ymd(2025, 4, 14))
        ))
    );
    assert_eq!(
        shape(&s, "loonkostensubsidie_jobcoach"),
        Some((
            PartKind::Werk,
            "gemeente".to_string(),
            Some(ymd(2025, 6, 14))
        ))
    );
    assert!(find(&run(&Answers::new(), 6, 6, &[]), "solliciteren").is_some());
    let s = run(&Answers::new(), 3, 4, &[]);
    assert!(find(&s, "solliciteren").is_none());
    assert!(find(&s, "loonkostensubsidie_jobcoach").is_none());
}

#[test]
fn more_hours_for_part_time_work_names_the_hours() {
    let case = |paid: bool, hours: i64| {
        answers(&[
            ("werk.betaald", yes(paid)),
            ("werk.uren_per_week", Value::Int(hours)),
        ])
    };
    let s = run(&case(true, 20), 5, 5, &[]);
    let Some(more) = find(&s, "meer_uren") else {
        panic!("no meer_uren suggestion: {s:?}");
    };
    assert_eq!(more.part, PartKind::Werk);
    assert_eq!(more.agreement.who, "gemeente");
    assert_eq!(more.agreement.due, Some(ymd(2025, 6, 14)));
    assert!(
        more.agreement.what.contains("(nu 20 uur per week)"),
        "{}",
        more.agreement.what
    );
    assert!(!more.agreement.what.contains('{'));
    assert_eq!(more.agreement.source.as_deref(), Some("meer_uren"));
    assert!(find(&run(&case(true, 32), 5, 5, &[]), "meer_uren").is_none());
    assert!(find(&run(&case(false, 20), 5, 5, &[]), "meer_uren").is_none());
}

// ---------------------------------------------------------------- broken files

fn problems(text: &str) -> Vec<(usize, String)> {
    let signals = ["schuld_crisis", "dakloos"];
    match parse_contract(Path::new("contract.toml"), text, &intake_form(), &signals) {
        Ok(_) => Vec::new(),
        Err(ps) => ps.into_iter().map(|p| (p.line, p.message)).collect(),
    }
}

const TEXTS: &str = r#"[texts]
municipality = "Gemeente Voorbeeld"
evaluation_months = 6
obligations = "Plichten."
[texts.sociaal]
title = "Sociaal"
intro = "Uitleg."
[texts.arbeidsfit]
title = "Arbeidsfit"
intro = "Uitleg."
[texts.werk_betaald]
title = "Betaald werk"
intro = "Uitleg."
[texts.werk_onbetaald]
title = "Onbetaald werk"
intro = "Uitleg."
"#;

const RULE: &str = r#"
[[suggestion]]
id = "opvang"
part = "sociaal"
when = { equals = { q = "signaal.dakloos", value = true } }
text = "Opvang regelen voor {persoon.voornamen}."
who = "gemeente"
due = "signaal"
signals = ["dakloos"]
"#;

/// Line of `id = ` of RULE when it follows TEXTS (15 lines, then the empty first line of RULE).
const RULE_LINE: usize = 18;

#[test]
fn shipped_and_minimal_files_have_no_problems() {
    let signals: Vec<String> = signal_rules().0.into_iter().map(|r| r.id).collect();
    let ids: Vec<&str> = signals.iter().map(String::as_str).collect();
    assert!(parse_contract(Path::new("c.toml"), CONTRACT_TOML, &intake_form(), &ids).is_ok());
    assert!(problems(&format!("{TEXTS}{RULE}")).is_empty());
}

#[test]
fn evaluation_months_above_twelve_is_reported() {
    let ps = problems(&TEXTS.replace("evaluation_months = 6", "evaluation_months = 13"));
    assert_eq!(ps.len(), 1, "{ps:?}");
    assert_eq!(ps[0].0, 3);
}

#[test]
fn missing_texts_section_is_reported() {
    let ps = problems(RULE);
    assert_eq!(ps.len(), 1, "{ps:?}");
}

#[test]
fn unknown_placeholder_part_and_signal_are_reported_with_lines() {
    let broken = RULE
        .replace("{persoon.voornamen}", "{persoon.roepnaam}")
        .replace("\"sociaal\"", "\"financieel\"")
        .replace("[\"dakloos\"]", "[\"thuisloos\"]");
    let ps = problems(&format!("{TEXTS}{broken}"));
    let lines: Vec<usize> = ps.iter().map(|p| p.0).collect();
    assert_eq!(
        lines,
        [RULE_LINE + 2, RULE_LINE + 4, RULE_LINE + 7],
        "{ps:?}"
    );
    assert!(ps[0].1.contains("financieel"));
    assert!(ps[1].1.contains("persoon.roepnaam"));
    assert!(ps[2].1.contains("thuisloos"));
}

#[test]
fn signal_deadline_needs_a_signal() {
    let broken = RULE.replace("signals = [\"dakloos\"]\n", "");
    let ps = problems(&format!("{TEXTS}{broken}"));
    assert_eq!(ps.len(), 1, "{ps:?}");
    assert_eq!(ps[0].0, RULE_LINE + 6);
}

#[test]
fn bad_due_is_reported() {
    for due in ["\"morgen\"", "{ werkdagen = 3 }", "{ weken = -2 }"] {
        let broken = RULE.replace("\"signaal\"", due);
        let ps = problems(&format!("{TEXTS}{broken}"));
        assert_eq!(ps.len(), 1, "{due}: {ps:?}");
        assert_eq!(ps[0].0, RULE_LINE + 6, "{due}");
    }
}

#[test]
fn condition_on_an_unknown_signal_is_reported() {
    let broken = RULE.replace("signaal.dakloos", "signaal.thuisloos");
    let ps = problems(&format!("{TEXTS}{broken}"));
    assert_eq!(ps.len(), 1, "{ps:?}");
    assert_eq!(ps[0].0, RULE_LINE + 3);
}

#[test]
fn duplicate_rule_ids_are_reported() {
    let ps = problems(&format!("{TEXTS}{RULE}{RULE}"));
    assert_eq!(ps.len(), 1, "{ps:?}");
    assert_eq!(ps[0].0, RULE_LINE + 10);
}

/// A contract file with the shipped signal ids known.
fn parse_with_signals(
    text: &str,
) -> (
    Vec<meedoen::domain::contract::SuggestionRule>,
    meedoen::forms::ContractTexts,
) {
    let (signals, _) = signal_rules();
    let ids: Vec<&str> = signals.iter().map(|s| s.id.as_str()).collect();
    match parse_contract(Path::new("c.toml"), text, &intake_form(), &ids) {
        Ok(parsed) => parsed,
        Err(ps) => panic!("{ps:?}"),
    }
}

/// `[[texts_versie]]`: a contract of a date before the change is printed with the texts of
/// its own date; one on or after it with the new texts; what a version leaves out is the
/// same as in `[texts]`.
#[test]
fn standard_texts_follow_the_contract_date() {
    let text = CONTRACT_TOML.replacen(
        "\n[texts]\n",
        "\n[[texts_versie]]\ngeldig_tot = 2026-01-01\nobligations = \"De oude tekst over plichten.\"\n\n[texts]\ngeldig_vanaf = 2026-01-01\n",
        1,
    );
    let (_, texts) = parse_with_signals(&text);
    let old = texts.on(ymd(2025, 12, 31));
    let new = texts.on(ymd(2026, 1, 1));
    assert_eq!(old.obligations, "De oude tekst over plichten.");
    assert_ne!(new.obligations, old.obligations);
    assert_eq!(old.title_sociaal, new.title_sociaal);
    assert_eq!(old.municipality, new.municipality);
}

/// A suggestion with versions proposes the text of the contract's date.
#[test]
fn a_suggestion_with_versions_follows_the_contract_date() {
    let rule = "\n[[suggestion]]\nid = \"digitaal\"\npart = \"arbeidsfit\"\nwhen = { equals = { q = \"taal.digitaal\", value = \"niet\" } }\nwho = \"inwoner\"\ndue = { weken = 8 }\n";
    let text = format!(
        "{CONTRACT_TOML}{rule}text = \"Oud.\"\ngeldig_tot = 2027-01-01\n{rule}text = \"Nieuw.\"\ngeldig_vanaf = 2027-01-01\n"
    );
    let (rules, _) = parse_with_signals(&text);
    let a = answers(&[("taal.digitaal", choice("niet"))]);
    let on = |d: NaiveDate| {
        let facts = suggestion_facts(&a, d, 2, 2, &[]);
        suggest(&rules, &facts, &BTreeMap::new())
            .into_iter()
            .find(|s| s.rule == "digitaal")
            .map(|s| s.agreement.what)
    };
    assert_eq!(on(ymd(2026, 12, 31)).as_deref(), Some("Oud."));
    assert_eq!(on(ymd(2027, 1, 1)).as_deref(), Some("Nieuw."));
}

// ------------------------------------------------ Participatiewet in balans (2026, 2027)

fn run_on(
    a: &Answers,
    on: NaiveDate,
    current: u8,
    expected: u8,
    signals: &[(&str, NaiveDate)],
) -> Vec<Suggestion> {
    let (rules, _) = contract_rules();
    let facts = suggestion_facts(a, on, current, expected, &[]);
    let deadlines: BTreeMap<String, NaiveDate> =
        signals.iter().map(|(id, d)| (id.to_string(), *d)).collect();
    suggest(&rules, &facts, &deadlines)
}

/// Maatschappelijke participatie replaces the imposed weekly activity on 1 January 2027
/// (the law's date; a municipality may move both dates to 2026): the resident's own plan,
/// no fixed hours, in the social part.
#[test]
fn maatschappelijke_participatie_from_2027() {
    let before = run_on(&Answers::new(), ymd(2026, 12, 31), 1, 1, &[]);
    let after = run_on(&Answers::new(), ymd(2027, 1, 1), 1, 1, &[]);
    assert!(find(&before, "activiteit_buitenshuis").is_some());
    assert!(find(&before, "maatschappelijke_participatie").is_none());
    assert!(find(&after, "activiteit_buitenshuis").is_none());
    let mp = find(&after, "maatschappelijke_participatie").map(|s| (s.part, &s.agreement.what));
    assert!(
        mp.is_some_and(|(part, what)| part == PartKind::Sociaal
            && what.contains("eigen plan")
            && what.contains("geen vast aantal uren")
            && !what.contains("8 uur")),
        "{mp:?}"
    );
    // Rung 3 and up already take part: nothing is imposed.
    assert!(find(
        &run_on(&Answers::new(), ymd(2027, 1, 1), 3, 3, &[]),
        "maatschappelijke_participatie"
    )
    .is_none());
}

/// Volunteering is proposed without a fixed number of hours.
#[test]
fn volunteering_has_no_fixed_hours() {
    for on in [ymd(2025, 3, 14), ymd(2027, 1, 1)] {
        let s = run_on(&Answers::new(), on, 3, 4, &[]);
        let what = find(&s, "vrijwilligerswerk").map(|s| s.agreement.what.clone());
        assert!(
            what.as_deref()
                .is_some_and(|w| !w.contains("8 uur") && w.contains("samen met de gemeente af")),
            "{what:?}"
        );
    }
}

/// The exemption for informal care is proposed from 2026, when the signal fires.
#[test]
fn mantelzorg_exemption_agreement_from_2026() {
    let due = ymd(2026, 1, 29);
    let after = run_on(
        &Answers::new(),
        ymd(2026, 1, 1),
        2,
        2,
        &[("mantelzorg", due)],
    );
    assert_eq!(
        shape(&after, "mantelzorg_ontheffing"),
        Some((PartKind::Sociaal, "gemeente".to_string(), Some(due)))
    );
    let before = run_on(
        &Answers::new(),
        ymd(2025, 12, 31),
        2,
        2,
        &[("mantelzorg", due)],
    );
    assert!(find(&before, "mantelzorg_ontheffing").is_none());
}

/// The advance agreement says from 2026 that assistance can start three months back.
#[test]
fn advance_text_mentions_three_months_back_from_2026() {
    let due = ymd(2026, 1, 29);
    let text = |on| {
        find(
            &run_on(&Answers::new(), on, 2, 2, &[("geen_inkomen", due)]),
            "voorschot_beslissen",
        )
        .map(|s| s.agreement.what.clone())
        .unwrap_or_default()
    };
    assert!(!text(ymd(2025, 12, 31)).contains("3 maanden"));
    assert!(text(ymd(2026, 1, 1)).contains("tot 3 maanden terug"));
}

// ------------------------------------------------ Wet inburgering 2021

/// While the PIP runs the agreements follow it: no separate language course aimed at the
/// Participatiewet's level, but the PIP's parts (leerroute, MAP) and the municipality
/// matching the contract to it.
#[test]
fn the_contract_refers_to_the_pip_while_it_runs() {
    let due = ymd(2027, 6, 1);
    let mut a = answers(&[
        ("taal.niveau", choice("a1")),
        ("taal.inburgeringsplichtig", yes(true)),
        ("taal.pip_einddatum", Value::Date(due)),
    ]);
    let s = run_on(&a, ymd(2026, 3, 2), 2, 2, &[("pip", due)]);
    assert!(find(&s, "taalcursus").is_none());
    assert_eq!(
        shape(&s, "pip_inburgering"),
        Some((PartKind::Arbeidsfit, "inwoner".to_string(), Some(due)))
    );
    let text = find(&s, "pip_inburgering").map(|x| x.agreement.what.clone());
    assert!(
        text.as_deref()
            .is_some_and(|t| t.contains("PIP") && t.contains("MAP") && t.contains("leerroute")),
        "{text:?}"
    );
    assert!(find(&s, "pip_afstemmen").is_some());
    // Without the duty: the language course, aimed at level 1F.
    a.insert("taal.inburgeringsplichtig".to_string(), yes(false));
    let s = run_on(&a, ymd(2026, 3, 2), 2, 2, &[]);
    assert!(find(&s, "pip_inburgering").is_none());
    let course = find(&s, "taalcursus").map(|x| x.agreement.what.clone());
    assert!(
        course
            .as_deref()
            .is_some_and(|t| t.contains("1F") && !t.contains("niveau hoger")),
        "{course:?}"
    );
}

// ------------------------------------------------ texts a resident can trust

/// Difficulty reading and writing has its agreement, due with the signal.
#[test]
fn laaggeletterd_has_a_matching_agreement() {
    let due = ymd(2025, 4, 11);
    let s = plain(&Answers::new(), &[("laaggeletterd", due)]);
    assert_eq!(
        shape(&s, "lezen_schrijven"),
        Some((PartKind::Arbeidsfit, "inwoner".to_string(), Some(due)))
    );
    assert!(find(&plain(&Answers::new(), &[]), "lezen_schrijven").is_none());
}

/// One voice: the municipality's texts speak to "u", the agreements are the resident's
/// own words ("ik"); never "wij"/"we"/"ons". Every term is explained where it is used.
#[test]
fn one_voice_and_terms_explained() {
    let (rules, texts) = contract_rules();
    let words = |t: &str| {
        t.split(|c: char| !c.is_alphanumeric())
            .map(str::to_lowercase)
            .collect::<Vec<_>>()
    };
    let municipal = [
        &texts.obligations,
        &texts.intro_sociaal,
        &texts.intro_arbeidsfit,
        &texts.intro_werk_betaald,
        &texts.intro_werk_onbetaald,
    ];
    for t in municipal {
        let w = words(t);
        for bad in ["we", "wij", "ons", "onze", "ik", "mij", "mijn"] {
            assert!(!w.iter().any(|x| x == bad), "'{bad}' in: {t}");
        }
    }
    for r in &rules {
        let w = words(&r.text);
        for bad in ["we", "wij", "ons", "onze", "u", "uw"] {
            assert!(
                !w.iter().any(|x| x == bad),
                "'{bad}' in {}: {}",
                r.id,
                r.text
            );
        }
    }
    assert!(texts
        .intro_werk_onbetaald
        .contains("Een werkervaringsplaats is"));
    for r in rules.iter().filter(|r| r.text.contains("PIP")) {
        let explained = rules
            .iter()
            .any(|o| o.text.contains("PIP betekent persoonlijk plan inburgering"));
        assert!(explained, "{}", r.id);
    }
}
