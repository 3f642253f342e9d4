//! What a consultant types, and what an answers file holds, against the intake form:
//! values per kind with their exact messages, conditions that hide questions (not
//! required, not saved), exclusive options, and answers-file errors naming the id.

use chrono::NaiveDate;
use meedoen::domain::{Answers, Facts, Lang, Value};
use meedoen::forms::intake::parse_intake;
use meedoen::forms::validate::{
    is_visible, parse_answers_json, parse_input, validate_all, visible_answers, warnings,
    FieldErrorKind,
};
use meedoen::forms::{builtin_intake, FormDef, Kind};
use proptest::prelude::*;
use std::path::Path;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The contact date of every test.
fn on() -> NaiveDate {
    day(2025, 6, 2)
}

fn form() -> FormDef {
    builtin_intake()
}

fn input(id: &str, typed: &str) -> Result<Option<Value>, String> {
    let form = form();
    let q = form
        .question(id)
        .unwrap_or_else(|| panic!("no question {id}"));
    parse_input(q, typed, on()).map_err(|e| e.message(Lang::Nl))
}

fn ok(id: &str, typed: &str) -> Value {
    match input(id, typed) {
        Ok(Some(v)) => v,
        other => panic!("{id} {typed:?}: {other:?}"),
    }
}

fn err(id: &str, typed: &str) -> String {
    match input(id, typed) {
        Err(m) => m,
        other => panic!("{id} {typed:?} should be refused, got {other:?}"),
    }
}

fn answers(pairs: &[(&str, Value)]) -> Answers {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

fn choice(s: &str) -> Value {
    Value::Choice(s.to_string())
}

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

fn multi(ids: &[&str]) -> Value {
    Value::Multi(ids.iter().map(|s| s.to_string()).collect())
}

// ---------------------------------------------------------------------------------------
// The shipped form is the one in intake.md.

#[test]
fn every_question_of_the_spec_has_its_kind_required_and_sensitive_flags() {
    // (id, kind, required, sensitive)
    let spec: &[(&str, &str, bool, bool)] = &[
        ("persoon.voornamen", "text", true, false),
        ("persoon.achternaam", "text", true, false),
        ("persoon.geboortedatum", "date", true, false),
        ("persoon.bsn", "bsn", false, false),
        ("persoon.telefoon", "text", false, false),
        ("persoon.email", "text", false, false),
        ("persoon.huishouden", "choice", false, false),
        ("persoon.jongste_kind_leeftijd", "integer", false, false),
        ("persoon.statushouder", "yesno", false, false),
        // Wet inburgering 2021: family migrants are under the duty too.
        ("persoon.gezinsmigrant", "yesno", false, false),
        ("werk.betaald", "yesno", true, false),
        ("werk.uren_per_week", "integer", false, false),
        ("werk.ondersteuning", "multi", false, false),
        ("werk.opleiding", "choice", false, false),
        ("werk.ingeschreven_uwv", "yesno", false, false),
        ("werk.belemmeringen", "multi", false, false),
        ("werk.ervaring", "textarea", false, false),
        ("werk.wensen", "textarea", false, false),
        ("meedoen.onbetaald_werk", "choice", true, false),
        ("meedoen.georganiseerd", "choice", true, false),
        ("meedoen.sociaal_contact", "choice", true, false),
        ("meedoen.mantelzorg", "yesno", false, false),
        ("meedoen.activiteiten", "textarea", false, false),
        ("inkomen.bronnen", "multi", true, false),
        ("inkomen.netto_per_maand", "money", false, false),
        ("inkomen.laag_inkomen_jaren", "integer", false, false),
        ("inkomen.toeslagen", "multi", false, false),
        ("inkomen.regelingen", "multi", false, false),
        ("schulden.heeft_schulden", "choice", true, false),
        ("schulden.totaal", "money", false, false),
        ("schulden.soorten", "multi", false, false),
        ("schulden.dreiging", "multi", false, false),
        ("schulden.in_traject", "yesno", false, false),
        ("wonen.situatie", "choice", true, false),
        ("wonen.onzeker", "yesno", false, false),
        ("wonen.woonlasten", "money", false, false),
        ("taal.onderwijs_nl_8jaar", "yesno", true, false),
        ("taal.bewijs", "choice", false, false),
        ("taal.niveau", "choice", false, false),
        ("taal.laaggeletterd", "yesno", false, false),
        ("taal.digitaal", "choice", false, false),
        ("taal.inburgeringsplichtig", "yesno", false, false),
        ("taal.pip_einddatum", "date", false, false),
        ("taal.leerroute", "choice", false, false),
        ("taal.map", "yesno", false, false),
        ("taal.ontzorgd", "yesno", false, false),
        ("gezondheid.belemmering", "choice", false, true),
        ("gezondheid.toelichting", "textarea", false, true),
        ("gezondheid.steun_netwerk", "choice", false, false),
        ("regie.doel", "textarea", true, false),
        ("regie.nodig", "textarea", false, false),
        ("regie.zelf", "textarea", false, false),
        ("verwachting.trede", "choice", true, false),
        ("verwachting.termijn_maanden", "integer", false, false),
        ("verwachting.toelichting", "textarea", false, false),
    ];
    let form = form();
    let ids: Vec<&str> = form.questions().map(|q| q.id.as_str()).collect();
    let spec_ids: Vec<&str> = spec.iter().map(|s| s.0).collect();
    assert_eq!(ids, spec_ids, "same questions in the same order");
    for (id, kind, required, sensitive) in spec {
        let q = form.question(id).unwrap();
        assert_eq!(q.kind.name(), *kind, "{id}");
        assert_eq!(q.required, *required, "{id} required");
        assert_eq!(q.sensitive, *sensitive, "{id} sensitive");
        assert!(
            !q.label.nl.is_empty() && q.label.en.is_some(),
            "{id} labels"
        );
    }
}

#[test]
fn every_option_list_of_the_spec_is_there_in_order() {
    let freq = &["wekelijks", "minder", "nee"][..];
    let spec: &[(&str, &[&str])] = &[
        (
            "persoon.huishouden",
            &[
                "alleenstaand",
                "alleenstaande_ouder",
                "samen_zonder_kinderen",
                "samen_met_kinderen",
                "inwonend",
            ],
        ),
        (
            "werk.ondersteuning",
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
        (
            "werk.belemmeringen",
            &[
                "gezondheid",
                "zorgtaken",
                "kinderopvang",
                "vervoer",
                "taal",
                "geen",
            ],
        ),
        ("meedoen.onbetaald_werk", freq),
        ("meedoen.georganiseerd", freq),
        ("meedoen.sociaal_contact", freq),
        (
            "inkomen.bronnen",
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
        (
            "inkomen.toeslagen",
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
            &[
                "individuele_inkomenstoeslag",
                "bijzondere_bijstand",
                "kwijtschelding",
                "meedoenregeling",
                "collectieve_zorgverzekering",
                "geen",
            ],
        ),
        ("schulden.heeft_schulden", &["ja", "nee", "weet_niet"]),
        (
            "schulden.soorten",
            &[
                "huur",
                "energie",
                "water",
                "zorgverzekering",
                "belastingdienst",
                "gemeente",
                "cjib",
                "lening",
                "telefoon",
                "overig",
            ],
        ),
        (
            "schulden.dreiging",
            &[
                "huisuitzetting",
                "afsluiting_energie_water",
                "opzegging_zorgverzekering",
                "beslag",
                "geen",
            ],
        ),
        (
            "wonen.situatie",
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
        (
            "taal.bewijs",
            &[
                "inburgeringsdiploma",
                "staatsexamen_nt2",
                "ander_bewijs",
                "geen",
            ],
        ),
        (
            "taal.niveau",
            &["geen", "a1", "a2", "b1", "b2_hoger", "onbekend"],
        ),
        ("taal.digitaal", &["zelfstandig", "met_hulp", "niet"]),
        ("taal.leerroute", &["b1", "onderwijs", "z", "onbekend"]),
        (
            "gezondheid.belemmering",
            &["geen", "lichamelijk", "psychisch", "beide", "zegt_niet"],
        ),
        ("gezondheid.steun_netwerk", &["veel", "beetje", "geen"]),
        ("verwachting.trede", &["1", "2", "3", "4", "5", "6"]),
    ];
    let exclusive: &[(&str, &str)] = &[
        ("werk.ondersteuning", "geen"),
        ("werk.belemmeringen", "geen"),
        ("inkomen.bronnen", "geen"),
        ("inkomen.toeslagen", "geen"),
        ("inkomen.toeslagen", "weet_niet"),
        ("inkomen.regelingen", "geen"),
        ("schulden.dreiging", "geen"),
    ];
    let form = form();
    for (id, options) in spec {
        let q = form.question(id).unwrap();
        let got: Vec<&str> = q.options.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(&got, options, "{id}");
        for o in &q.options {
            let want = exclusive.contains(&(*id, o.id.as_str()));
            assert_eq!(o.exclusive, want, "{id} {}", o.id);
        }
    }
}

#[test]
fn integer_ranges_and_defaults_follow_the_spec() {
    let form = form();
    let ranges = [
        ("persoon.jongste_kind_leeftijd", 0, 25),
        ("werk.uren_per_week", 0, 80),
        ("inkomen.laag_inkomen_jaren", 0, 50),
        ("verwachting.termijn_maanden", 3, 36),
    ];
    for (id, min, max) in ranges {
        assert_eq!(
            form.question(id).unwrap().kind,
            Kind::Integer { min, max },
            "{id}"
        );
    }
    assert_eq!(
        form.question("verwachting.termijn_maanden")
            .unwrap()
            .default,
        Some(Value::Int(12))
    );
    let verwachting = form.section("verwachting").unwrap();
    assert_eq!(verwachting.screen, meedoen::forms::SectionScreen::Ladder);
    assert!(form
        .sections
        .iter()
        .filter(|s| s.id != "verwachting")
        .all(|s| s.screen == meedoen::forms::SectionScreen::Wizard));
}

// ---------------------------------------------------------------------------------------
// Typed input per kind.

#[test]
fn empty_input_is_no_answer_for_every_kind() {
    for q in form().questions() {
        assert_eq!(parse_input(q, "   ", on()), Ok(None), "{}", q.id);
    }
}

#[test]
fn text_is_trimmed_and_its_length_counted_in_characters() {
    assert_eq!(
        ok("persoon.voornamen", "  Jan Voorbeeld "),
        text("Jan Voorbeeld")
    );
    // 100 characters of two bytes each fit a field of 100 characters.
    let hundred = "é".repeat(100);
    assert_eq!(ok("persoon.voornamen", &hundred), text(&hundred));
    assert_eq!(
        err("persoon.voornamen", &"é".repeat(101)),
        "Dit is te lang: gebruik hoogstens 100 tekens"
    );
}

#[test]
fn an_email_must_look_like_an_address() {
    assert_eq!(
        ok("persoon.email", "jan@voorbeeld.nl"),
        text("jan@voorbeeld.nl")
    );
    for bad in [
        "jan",
        "jan@voorbeeld",
        "jan voorbeeld@test.nl",
        "@voorbeeld.nl",
        "jan@@voorbeeld.nl",
        "jan@voorbeeld.",
    ] {
        assert_eq!(
            err("persoon.email", bad),
            "Vul een e-mailadres in zoals naam@voorbeeld.nl",
            "{bad}"
        );
    }
}

#[test]
fn integers_must_be_whole_and_in_range() {
    assert_eq!(ok("werk.uren_per_week", "0"), Value::Int(0));
    assert_eq!(ok("werk.uren_per_week", " 80 "), Value::Int(80));
    for bad in ["81", "-1", "99999999999999999999"] {
        let m = err("werk.uren_per_week", bad);
        // A number too big for the machine is still "not a whole number we accept".
        assert!(
            m == "Kies een getal van 0 tot en met 80"
                || m == "Vul een heel getal in, zonder komma, bijvoorbeeld 12",
            "{bad}: {m}"
        );
    }
    assert_eq!(
        err("werk.uren_per_week", "81"),
        "Kies een getal van 0 tot en met 80"
    );
    assert_eq!(
        err("verwachting.termijn_maanden", "2"),
        "Kies een getal van 3 tot en met 36"
    );
    for bad in ["12,5", "twaalf", "1 2"] {
        assert_eq!(
            err("werk.uren_per_week", bad),
            "Vul een heel getal in, zonder komma, bijvoorbeeld 12",
            "{bad}"
        );
    }
}

#[test]
fn money_is_typed_the_dutch_way_and_stored_in_cents() {
    let cases = [
        ("1.234,56", 123_456),
        ("1234,56", 123_456),
        ("1234.56", 123_456),
        ("725", 72_500),
        ("€ 1.245,50", 124_550),
    ];
    for (typed, cents) in cases {
        assert_eq!(
            ok("inkomen.netto_per_maand", typed),
            Value::Money(cents),
            "{typed}"
        );
    }
    assert_eq!(
        err("inkomen.netto_per_maand", "veel"),
        "Vul een bedrag in, bijvoorbeeld 1.234,56"
    );
    assert_eq!(
        err("inkomen.netto_per_maand", "12,345"),
        "Een bedrag heeft hoogstens 2 cijfers achter de komma, bijvoorbeeld 1.234,56"
    );
    assert_eq!(
        err("schulden.totaal", "-50"),
        "Vul een bedrag van 0 of meer in, zonder minteken"
    );
}

#[test]
fn dates_are_typed_day_first_or_iso() {
    let born = Value::Date(day(1985, 11, 3));
    for typed in ["03-11-1985", "3-11-1985", "1985-11-03"] {
        assert_eq!(ok("persoon.geboortedatum", typed), born, "{typed}");
    }
    for bad in ["3 november 1985", "03-11-85", "1985"] {
        assert_eq!(
            err("persoon.geboortedatum", bad),
            "Vul een datum in als dd-mm-jjjj, bijvoorbeeld 03-11-1985",
            "{bad}"
        );
    }
    assert_eq!(
        err("persoon.geboortedatum", "31-02-1990"),
        "Deze datum bestaat niet; vul een datum in als dd-mm-jjjj, bijvoorbeeld 03-11-1985"
    );
}

#[test]
fn a_date_of_birth_cannot_be_in_the_future() {
    assert_eq!(ok("persoon.geboortedatum", "02-06-2025"), Value::Date(on()));
    assert_eq!(
        err("persoon.geboortedatum", "03-06-2025"),
        "Een geboortedatum kan niet in de toekomst liggen"
    );
}

#[test]
fn a_bsn_must_pass_the_eleven_test() {
    assert_eq!(ok("persoon.bsn", "111222333"), text("111222333"));
    assert_eq!(ok("persoon.bsn", "1234.56.782"), text("123456782"));
    assert_eq!(
        err("persoon.bsn", "123456789"),
        "Dit BSN klopt niet: het voldoet niet aan de 11-proef"
    );
    assert_eq!(err("persoon.bsn", "12345"), "Een BSN heeft 9 cijfers");
    assert_eq!(
        err("persoon.bsn", "12345678a"),
        "Een BSN bestaat alleen uit cijfers"
    );
}

#[test]
fn yes_and_no() {
    for yes in ["ja", "Ja", "j", "yes"] {
        assert_eq!(ok("werk.betaald", yes), Value::Bool(true), "{yes}");
    }
    for no in ["nee", "NEE", "n", "no"] {
        assert_eq!(ok("werk.betaald", no), Value::Bool(false), "{no}");
    }
    assert_eq!(
        err("werk.betaald", "misschien"),
        "Dit is geen keuze bij deze vraag; kies uit ja, nee"
    );
}

#[test]
fn a_choice_is_an_option_id_or_its_label() {
    assert_eq!(ok("wonen.situatie", "huur"), choice("huur"));
    assert_eq!(ok("wonen.situatie", "Huurhuis"), choice("huur"));
    assert_eq!(ok("verwachting.trede", "4"), choice("4"));
    assert_eq!(
        err("wonen.situatie", "villa"),
        "Dit is geen keuze bij deze vraag; kies uit huur, koop, inwonend, kamer, dakloos, opvang, instelling"
    );
}

#[test]
fn a_multi_is_stored_in_form_order_without_repeats() {
    assert_eq!(
        ok("inkomen.bronnen", "bijstand, loon, bijstand"),
        multi(&["loon", "bijstand"])
    );
    assert_eq!(ok("inkomen.bronnen", "geen"), multi(&["geen"]));
    assert_eq!(
        err("inkomen.bronnen", "loon, loterij"),
        "Dit is geen keuze bij deze vraag; kies uit loon, uwv_uitkering, bijstand, alimentatie, studiefinanciering, pensioen, zzp, geen"
    );
}

#[test]
fn an_exclusive_option_stands_alone() {
    assert_eq!(
        err("inkomen.bronnen", "geen, loon"),
        "'Geen inkomen' kan niet samen met een ander antwoord"
    );
    assert_eq!(
        err("inkomen.toeslagen", "huurtoeslag, weet_niet"),
        "'Weet ik niet' kan niet samen met een ander antwoord"
    );
    let form = form();
    let q = form.question("werk.belemmeringen").unwrap();
    let e = parse_input(q, "taal, geen", on()).unwrap_err();
    assert_eq!(e.question, "werk.belemmeringen");
    assert_eq!(
        e.message(Lang::En),
        "'Nothing' cannot be combined with another answer"
    );
}

#[test]
fn messages_exist_in_english_too() {
    let form = form();
    let cases = [
        (
            "persoon.geboortedatum",
            "1985",
            "Enter a date as dd-mm-yyyy, for example 03-11-1985",
        ),
        ("werk.uren_per_week", "81", "Enter a number from 0 to 80"),
        (
            "persoon.bsn",
            "123456789",
            "This BSN is not valid: it fails the eleven test (11-proef)",
        ),
        (
            "inkomen.netto_per_maand",
            "veel",
            "Enter an amount, for example 1.234,56",
        ),
    ];
    for (id, typed, want) in cases {
        let e = parse_input(form.question(id).unwrap(), typed, on()).unwrap_err();
        assert_eq!(e.message(Lang::En), want, "{id}");
    }
}

// ---------------------------------------------------------------------------------------
// Conditions: what is shown, required, saved.

fn shown(a: &Answers, id: &str) -> bool {
    is_visible(&form(), id, &Facts::new(a, on()))
}

#[test]
fn conditions_of_the_spec_show_and_hide_questions() {
    use Value::Bool;
    // (answers, question, shown?)
    let cases: Vec<(Answers, &str, bool)> = vec![
        (answers(&[]), "persoon.jongste_kind_leeftijd", false),
        (
            answers(&[("persoon.huishouden", choice("alleenstaande_ouder"))]),
            "persoon.jongste_kind_leeftijd",
            true,
        ),
        (
            answers(&[("persoon.huishouden", choice("samen_met_kinderen"))]),
            "persoon.jongste_kind_leeftijd",
            true,
        ),
        (
            answers(&[("persoon.huishouden", choice("alleenstaand"))]),
            "persoon.jongste_kind_leeftijd",
            false,
        ),
        (
            answers(&[("werk.betaald", Bool(true))]),
            "werk.uren_per_week",
            true,
        ),
        (
            answers(&[("werk.betaald", Bool(false))]),
            "werk.uren_per_week",
            false,
        ),
        (
            answers(&[("werk.betaald", Bool(true))]),
            "werk.ondersteuning",
            true,
        ),
        (answers(&[]), "werk.ondersteuning", false),
        (answers(&[]), "inkomen.netto_per_maand", true),
        (
            answers(&[("inkomen.bronnen", multi(&["bijstand"]))]),
            "inkomen.netto_per_maand",
            true,
        ),
        (
            answers(&[("inkomen.bronnen", multi(&["geen"]))]),
            "inkomen.netto_per_maand",
            false,
        ),
        (
            answers(&[("schulden.heeft_schulden", choice("ja"))]),
            "schulden.dreiging",
            true,
        ),
        (
            answers(&[("schulden.heeft_schulden", choice("weet_niet"))]),
            "schulden.dreiging",
            false,
        ),
        (
            answers(&[("schulden.heeft_schulden", choice("nee"))]),
            "schulden.totaal",
            false,
        ),
        (
            answers(&[("wonen.situatie", choice("dakloos"))]),
            "wonen.onzeker",
            false,
        ),
        (
            answers(&[("wonen.situatie", choice("dakloos"))]),
            "wonen.woonlasten",
            false,
        ),
        (
            answers(&[("wonen.situatie", choice("huur"))]),
            "wonen.onzeker",
            true,
        ),
        (answers(&[]), "wonen.woonlasten", true),
        (
            answers(&[("taal.onderwijs_nl_8jaar", Bool(false))]),
            "taal.bewijs",
            true,
        ),
        (
            answers(&[("taal.onderwijs_nl_8jaar", Bool(true))]),
            "taal.bewijs",
            false,
        ),
        (
            answers(&[("persoon.statushouder", Bool(true))]),
            "taal.inburgeringsplichtig",
            true,
        ),
        (
            answers(&[("persoon.statushouder", Bool(false))]),
            "taal.inburgeringsplichtig",
            false,
        ),
        (
            answers(&[
                ("persoon.statushouder", Bool(true)),
                ("taal.inburgeringsplichtig", Bool(true)),
            ]),
            "taal.leerroute",
            true,
        ),
        (answers(&[]), "gezondheid.toelichting", false),
        (
            answers(&[("gezondheid.belemmering", choice("geen"))]),
            "gezondheid.toelichting",
            false,
        ),
        (
            answers(&[("gezondheid.belemmering", choice("psychisch"))]),
            "gezondheid.toelichting",
            true,
        ),
        (answers(&[]), "regie.doel", true),
        (answers(&[]), "bestaat.niet", false),
    ];
    for (a, id, want) in cases {
        assert_eq!(shown(&a, id), want, "{id} with {a:?}");
    }
}

#[test]
fn hiding_a_question_also_hides_the_questions_that_depend_on_it() {
    // The draft still holds "inburgeringsplichtig = ja" from before statushouder was
    // changed to nee: the leerroute must not come back through that stale answer.
    let a = answers(&[
        ("persoon.statushouder", Value::Bool(false)),
        ("taal.inburgeringsplichtig", Value::Bool(true)),
        ("taal.leerroute", choice("b1")),
    ]);
    assert!(!shown(&a, "taal.inburgeringsplichtig"));
    assert!(!shown(&a, "taal.leerroute"));
    let saved = visible_answers(&form(), &a, on());
    assert_eq!(
        saved,
        answers(&[("persoon.statushouder", Value::Bool(false))])
    );
}

/// A full, valid intake of a clearly fictitious resident.
fn complete() -> Answers {
    answers(&[
        ("persoon.voornamen", text("Jan")),
        ("persoon.achternaam", text("Voorbeeld")),
        ("persoon.geboortedatum", Value::Date(day(1985, 11, 3))),
        ("werk.betaald", Value::Bool(false)),
        ("meedoen.onbetaald_werk", choice("nee")),
        ("meedoen.georganiseerd", choice("wekelijks")),
        ("meedoen.sociaal_contact", choice("wekelijks")),
        ("inkomen.bronnen", multi(&["bijstand"])),
        ("schulden.heeft_schulden", choice("nee")),
        ("wonen.situatie", choice("huur")),
        ("taal.onderwijs_nl_8jaar", Value::Bool(true)),
        ("regie.doel", text("Vrijwilligerswerk vinden")),
        ("verwachting.trede", choice("4")),
    ])
}

#[test]
fn a_complete_intake_has_no_errors() {
    assert_eq!(validate_all(&form(), &complete(), on()), vec![]);
}

#[test]
fn missing_required_answers_are_reported_in_form_order() {
    let mut a = complete();
    a.remove("regie.doel");
    a.remove("persoon.achternaam");
    a.insert("wonen.situatie".into(), text("  "));
    let errors = validate_all(&form(), &a, on());
    let ids: Vec<&str> = errors.iter().map(|e| e.question.as_str()).collect();
    assert_eq!(ids, ["persoon.achternaam", "wonen.situatie", "regie.doel"]);
    assert!(errors.iter().all(|e| e.kind == FieldErrorKind::Required));
    assert_eq!(errors[0].message(Lang::Nl), "Deze vraag moet u invullen");
}

#[test]
fn a_hidden_question_is_neither_required_nor_validated_nor_saved() {
    let doc = r#"
id = "proef"
version = 1
nl = "Proef"

[[section]]
id = "werk"
nl = "Werk"

[[section.question]]
id = "werk.betaald"
kind = "yesno"
nl = "Betaald werk?"

[[section.question]]
id = "werk.uren"
kind = "integer"
min = 0
max = 80
required = true
nl = "Uren"
show_if = { equals = { q = "werk.betaald", value = true } }
"#;
    let form = parse_intake(Path::new("intake.toml"), doc).unwrap();
    let no_work = answers(&[
        ("werk.betaald", Value::Bool(false)),
        ("werk.uren", Value::Int(500)),
    ]);
    assert_eq!(validate_all(&form, &no_work, on()), vec![]);
    assert_eq!(
        visible_answers(&form, &no_work, on()),
        answers(&[("werk.betaald", Value::Bool(false))])
    );

    let work = answers(&[("werk.betaald", Value::Bool(true))]);
    let errors = validate_all(&form, &work, on());
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].question, "werk.uren");
    assert_eq!(errors[0].kind, FieldErrorKind::Required);

    let too_many = answers(&[
        ("werk.betaald", Value::Bool(true)),
        ("werk.uren", Value::Int(500)),
    ]);
    let errors = validate_all(&form, &too_many, on());
    assert_eq!(
        errors[0].message(Lang::Nl),
        "Kies een getal van 0 tot en met 80"
    );
}

#[test]
fn validate_all_checks_stored_values_like_typed_ones() {
    let mut a = complete();
    a.insert("inkomen.bronnen".into(), multi(&["geen", "loon"]));
    a.insert("persoon.email".into(), text("geen-adres"));
    a.insert("persoon.bsn".into(), text("123456789"));
    a.insert("werk.betaald".into(), choice("ja"));
    let errors = validate_all(&form(), &a, on());
    let got: Vec<(&str, String)> = errors
        .iter()
        .map(|e| (e.question.as_str(), e.message(Lang::Nl)))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "persoon.bsn",
                "Dit BSN klopt niet: het voldoet niet aan de 11-proef".to_string()
            ),
            (
                "persoon.email",
                "Vul een e-mailadres in zoals naam@voorbeeld.nl".to_string()
            ),
            (
                "werk.betaald",
                "Geef ja of nee als true of false".to_string()
            ),
            (
                "inkomen.bronnen",
                "'Geen inkomen' kan niet samen met een ander antwoord".to_string()
            ),
        ]
    );
}

#[test]
fn age_warnings_do_not_block() {
    let at = |born: NaiveDate| {
        let mut a = complete();
        a.insert("persoon.geboortedatum".into(), Value::Date(born));
        assert_eq!(
            validate_all(&form(), &a, on()),
            vec![],
            "a warning never blocks"
        );
        warnings(&form(), &a, on())
    };
    let young = at(day(2008, 6, 3)); // 16 on the contact date
    assert_eq!(young.len(), 1);
    assert!(
        young[0].message_nl.contains("jonger dan 18"),
        "{}",
        young[0].message_nl
    );
    assert_eq!(young[0].question, "persoon.geboortedatum");
    assert!(at(day(2007, 6, 2)).is_empty(), "18 today: no warning");
    assert!(at(day(1958, 6, 3)).is_empty(), "66: no warning");
    let old = at(day(1958, 6, 2)); // 67 today
    assert_eq!(old.len(), 1);
    assert!(
        old[0].message_nl.contains("67 of ouder"),
        "{}",
        old[0].message_nl
    );
}

// ---------------------------------------------------------------------------------------
// Answers files (cli.md).

fn json(doc: serde_json::Value) -> Result<Answers, Vec<(String, String)>> {
    let map = doc.as_object().unwrap().clone();
    parse_answers_json(&form(), &map, on()).map_err(|errors| {
        errors
            .into_iter()
            .map(|e| (e.question.clone(), e.message(Lang::Nl)))
            .collect()
    })
}

#[test]
fn the_example_of_cli_md_is_read() {
    let a = json(serde_json::json!({
        "persoon.voornamen": "Fatima",
        "persoon.achternaam": "El Amrani",
        "persoon.geboortedatum": "1988-04-12",
        "werk.betaald": false,
        "meedoen.onbetaald_werk": "wekelijks",
        "inkomen.bronnen": ["bijstand"],
        "inkomen.netto_per_maand": "1.245,50"
    }))
    .unwrap();
    assert_eq!(
        a.get("persoon.geboortedatum"),
        Some(&Value::Date(day(1988, 4, 12)))
    );
    assert_eq!(a.get("werk.betaald"), Some(&Value::Bool(false)));
    assert_eq!(a.get("meedoen.onbetaald_werk"), Some(&choice("wekelijks")));
    assert_eq!(a.get("inkomen.bronnen"), Some(&multi(&["bijstand"])));
    assert_eq!(
        a.get("inkomen.netto_per_maand"),
        Some(&Value::Money(124_550))
    );
    assert_eq!(a.len(), 7);
}

#[test]
fn answers_file_values_of_every_kind() {
    let a = json(serde_json::json!({
        "persoon.geboortedatum": "12-04-1988",
        "persoon.bsn": "111222333",
        "werk.betaald": true,
        "werk.uren_per_week": 24,
        "inkomen.netto_per_maand": 1245.5,
        "schulden.heeft_schulden": "ja",
        "schulden.totaal": 2500,
        "verwachting.trede": 5,
        "verwachting.termijn_maanden": 12,
        "regie.doel": "Werk in de zorg",
        "persoon.telefoon": null
    }))
    .unwrap();
    assert_eq!(
        a.get("persoon.geboortedatum"),
        Some(&Value::Date(day(1988, 4, 12)))
    );
    assert_eq!(a.get("persoon.bsn"), Some(&text("111222333")));
    assert_eq!(a.get("werk.uren_per_week"), Some(&Value::Int(24)));
    assert_eq!(
        a.get("inkomen.netto_per_maand"),
        Some(&Value::Money(124_550))
    );
    assert_eq!(a.get("schulden.totaal"), Some(&Value::Money(250_000)));
    assert_eq!(a.get("verwachting.trede"), Some(&choice("5")));
    assert_eq!(a.get("persoon.telefoon"), None);
}

#[test]
fn a_json_number_with_a_dot_is_never_read_as_thousands() {
    // In a typed field "1.234" is 1234 euros; as a JSON number it is 1.234 euros, which
    // has too many decimals.
    assert_eq!(
        json(serde_json::json!({ "inkomen.netto_per_maand": 1.234 })),
        Err(vec![(
            "inkomen.netto_per_maand".to_string(),
            "Een bedrag heeft hoogstens 2 cijfers achter de komma, bijvoorbeeld 1.234,56"
                .to_string()
        )])
    );
    assert_eq!(
        json(serde_json::json!({ "inkomen.netto_per_maand": "1.234" })).unwrap()
            ["inkomen.netto_per_maand"],
        Value::Money(123_400)
    );
}

#[test]
fn answers_file_errors_name_the_id() {
    let cases = [
        (
            serde_json::json!({ "werk.uren": 12 }),
            "werk.uren",
            "Deze vraag bestaat niet in het formulier",
        ),
        (
            serde_json::json!({ "werk.betaald": "ja" }),
            "werk.betaald",
            "Geef ja of nee als true of false",
        ),
        (
            serde_json::json!({ "wonen.situatie": "villa" }),
            "wonen.situatie",
            "Dit is geen keuze bij deze vraag; kies uit huur, koop, inwonend, kamer, dakloos, opvang, instelling",
        ),
        (
            serde_json::json!({ "inkomen.bronnen": "bijstand" }),
            "inkomen.bronnen",
            "Geef een lijst met ids van keuzes, bijvoorbeeld [\"geen\"]",
        ),
        (
            serde_json::json!({ "inkomen.bronnen": ["bijstand", "loterij"] }),
            "inkomen.bronnen",
            "Dit is geen keuze bij deze vraag; kies uit loon, uwv_uitkering, bijstand, alimentatie, studiefinanciering, pensioen, zzp, geen",
        ),
        (
            serde_json::json!({ "inkomen.bronnen": ["geen", "loon"] }),
            "inkomen.bronnen",
            "'Geen inkomen' kan niet samen met een ander antwoord",
        ),
        (
            serde_json::json!({ "inkomen.laag_inkomen_jaren": 2.5 }),
            "inkomen.laag_inkomen_jaren",
            "Vul een heel getal in, zonder komma, bijvoorbeeld 12",
        ),
        (
            serde_json::json!({ "inkomen.laag_inkomen_jaren": "3" }),
            "inkomen.laag_inkomen_jaren",
            "Geef een heel getal",
        ),
        (
            serde_json::json!({ "inkomen.laag_inkomen_jaren": 51 }),
            "inkomen.laag_inkomen_jaren",
            "Kies een getal van 0 tot en met 50",
        ),
        (
            serde_json::json!({ "persoon.geboortedatum": 1988 }),
            "persoon.geboortedatum",
            "Geef een datum als tekst, bijvoorbeeld \"1985-11-03\" of \"03-11-1985\"",
        ),
        (
            serde_json::json!({ "persoon.geboortedatum": "1988/04" }),
            "persoon.geboortedatum",
            "Vul een datum in als dd-mm-jjjj, bijvoorbeeld 03-11-1985",
        ),
        (
            serde_json::json!({ "persoon.bsn": 123456782 }),
            "persoon.bsn",
            "Geef tekst tussen aanhalingstekens",
        ),
        (
            serde_json::json!({ "persoon.bsn": "123456789" }),
            "persoon.bsn",
            "Dit BSN klopt niet: het voldoet niet aan de 11-proef",
        ),
        (
            serde_json::json!({ "schulden.heeft_schulden": "ja", "schulden.totaal": 1e12 }),
            "schulden.totaal",
            "Dit bedrag is te groot; controleer het aantal cijfers",
        ),
        (
            serde_json::json!({ "inkomen.netto_per_maand": -10 }),
            "inkomen.netto_per_maand",
            "Vul een bedrag van 0 of meer in, zonder minteken",
        ),
        (
            serde_json::json!({ "inkomen.netto_per_maand": true }),
            "inkomen.netto_per_maand",
            "Geef een bedrag als getal of als tekst, bijvoorbeeld \"1.234,56\"",
        ),
    ];
    for (doc, id, message) in cases {
        assert_eq!(
            json(doc.clone()),
            Err(vec![(id.to_string(), message.to_string())]),
            "{doc}"
        );
    }
}

#[test]
fn all_errors_of_an_answers_file_are_reported_in_form_order() {
    let got = json(serde_json::json!({
        "zzz.onbekend": 1,
        "wonen.situatie": 3,
        "persoon.voornamen": ["Jan"]
    }))
    .unwrap_err();
    let ids: Vec<&str> = got.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, ["persoon.voornamen", "wonen.situatie", "zzz.onbekend"]);
}

#[test]
fn answers_to_hidden_questions_are_ignored_even_when_wrong() {
    let a = json(serde_json::json!({
        "werk.betaald": false,
        "werk.uren_per_week": 500,
        "werk.ondersteuning": "niet eens een lijst",
        "schulden.heeft_schulden": "nee",
        "schulden.totaal": 1000
    }))
    .unwrap();
    assert_eq!(
        a,
        answers(&[
            ("werk.betaald", Value::Bool(false)),
            ("schulden.heeft_schulden", choice("nee")),
        ])
    );
}

// ---------------------------------------------------------------------------------------

proptest! {
    #[test]
    fn typed_input_never_panics(typed in "\\PC{0,40}") {
        for q in form().questions() {
            let _ = parse_input(q, &typed, on());
        }
    }

    #[test]
    fn typed_digits_and_separators_never_panic(typed in "[0-9.,€ -]{0,24}") {
        for q in form().questions() {
            let _ = parse_input(q, &typed, on());
        }
    }
}

#[test]
fn control_characters_are_refused_as_typed_on_screen_and_when_saving() {
    let refused = "Dit antwoord bevat een stuurteken (zoals Escape of een nul-teken); typ of plak alleen gewone tekst";
    for (id, typed) in [
        ("persoon.achternaam", "Voor\u{1b}[2Jbeeld"),
        ("persoon.achternaam", "Voor\tbeeld"),
        ("persoon.voornamen", "Jan\u{0}"),
        ("regie.doel", "Werk\u{1b}]0;titel\u{7}"),
        ("regie.doel", "Werk\u{9b}"),
        ("wonen.situatie", "huur\u{1b}"),
        ("persoon.bsn", "11122\u{7f}2333"),
    ] {
        assert_eq!(err(id, typed), refused, "{id} {typed:?}");
    }
    assert_eq!(
        ok("regie.doel", "Eerst:\r\n\tde taal.\nDan werk."),
        Value::Text("Eerst:\n\tde taal.\nDan werk.".into())
    );
    // A value that reached the answers some other way is refused when saving.
    let mut a = answers(&[]);
    a.insert(
        "persoon.achternaam".into(),
        Value::Text("Voor\u{1b}[2J".into()),
    );
    let errors = validate_all(&form(), &a, on());
    assert!(
        errors
            .iter()
            .any(|e| e.question == "persoon.achternaam" && e.message(Lang::Nl) == refused),
        "{errors:?}"
    );
}

#[test]
fn a_textarea_has_a_length_cap_too() {
    let long = "a".repeat(10_001);
    assert_eq!(
        err("regie.doel", &long),
        "Dit is te lang: gebruik hoogstens 10000 tekens"
    );
    assert!(matches!(
        ok("regie.doel", &"a".repeat(10_000)),
        Value::Text(_)
    ));
}
