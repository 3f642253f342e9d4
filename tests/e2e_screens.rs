//! A consultant at an 80×24 terminal on the later screens: drafting, agreeing and exporting
//! a contract, a check-in, and the worklist; what was stored is read back through the CLI.
//! Residents are seeded cheaply through `meedoen intake import`. Fictitious people only.

mod support;

use serde_json::json;
use std::path::Path;
use support::pty::Pty;
use support::{flows, Key, OrFail, Workplace, DEFAULT_TIMEOUT, TODAY};

/// A complete intake of a fictitious resident whose answers fire contract suggestions in
/// every part: no support network (sociaal), computer skills only with help (arbeidsfit),
/// expecting paid work (werk).
fn answers(first: &str, last: &str, bsn: &str) -> serde_json::Value {
    json!({
        "persoon.voornamen": first,
        "persoon.achternaam": last,
        "persoon.geboortedatum": "1988-04-12",
        "persoon.bsn": bsn,
        "persoon.huishouden": "alleenstaand",
        "persoon.statushouder": false,
        "werk.betaald": false,
        "werk.opleiding": "mbo2_4",
        "werk.ingeschreven_uwv": true,
        "werk.belemmeringen": ["geen"],
        "meedoen.onbetaald_werk": "wekelijks",
        "meedoen.georganiseerd": "nee",
        "meedoen.sociaal_contact": "wekelijks",
        "meedoen.mantelzorg": false,
        "inkomen.bronnen": ["bijstand"],
        "inkomen.netto_per_maand": "1.245,50",
        "inkomen.laag_inkomen_jaren": 1,
        "inkomen.toeslagen": ["zorgtoeslag"],
        "inkomen.regelingen": ["geen"],
        "schulden.heeft_schulden": "nee",
        "wonen.situatie": "huur",
        "wonen.onzeker": false,
        "wonen.woonlasten": 650,
        "taal.onderwijs_nl_8jaar": true,
        "taal.niveau": "b2_hoger",
        "taal.laaggeletterd": false,
        "taal.digitaal": "met_hulp",
        "gezondheid.belemmering": "geen",
        "gezondheid.steun_netwerk": "geen",
        "regie.doel": "Een betaalde baan in de zorg.",
        "verwachting.trede": "5",
        "verwachting.termijn_maanden": 12
    })
}

/// Import an intake dated `date`; returns the new resident's id as the CLI prints it.
fn import(w: &Workplace, first: &str, last: &str, bsn: &str, date: &str) -> String {
    let file = w.answers_file(&format!("{last}.json"), answers(first, last, bsn));
    let file = file.display().to_string();
    let out = w.run_ok(&["intake", "import", "--answers", &file, "--date", date]);
    let id = out.trim().to_string();
    assert!(
        !id.is_empty() && id.chars().all(|c| c.is_ascii_digit()),
        "import printed the id: {out}"
    );
    id
}

/// From the start screen: search `term`, Enter, and wait for the dossier of `name`.
fn open_dossier(p: &mut Pty, term: &str, name: &str) {
    flows::wait_start(p);
    p.send(term).or_fail();
    p.wait_for(&format!("Zoeken: {term}"), DEFAULT_TIMEOUT)
        .or_fail();
    p.send_key(Key::Enter).or_fail();
    p.wait_for(&format!("Dossier: {name}"), DEFAULT_TIMEOUT)
        .or_fail();
}

/// The screen row holding the selection marker.
fn marker_row(screen: &vt100::Screen) -> Option<usize> {
    screen.contents().lines().position(|l| l.contains('▸'))
}

/// The "Voorstellen (n)" box title, when suggestions are pending on this tab.
fn suggestions_title(p: &Pty) -> Option<String> {
    let screen = p.screen_text();
    let i = screen.find("Voorstellen (")?;
    let end = screen[i..].find(')')?;
    Some(screen[i..=i + end].to_string())
}

/// Accept every pending suggestion on the current tab: Down onto the first suggestion
/// (the hint bar then offers "Enter Overnemen"), Enter until the box is gone.
fn accept_suggestions_on_tab(p: &mut Pty) {
    for _ in 0..10 {
        let Some(title) = suggestions_title(p) else {
            return;
        };
        let mut downs = 0;
        while !p.screen_text().contains("Enter Overnemen") {
            assert!(downs < 20, "no suggestion reached:\n{}", p.screen_text());
            let before = {
                let text = p.screen_text();
                text.lines().position(|l| l.contains('▸'))
            };
            p.send_key(Key::Down).or_fail();
            p.wait_until("the selection to move", DEFAULT_TIMEOUT, |s| {
                marker_row(s) != before
            })
            .or_fail();
            downs += 1;
        }
        p.send_key(Key::Enter).or_fail();
        p.wait_gone(&title, DEFAULT_TIMEOUT).or_fail();
    }
    panic!("suggestions keep coming:\n{}", p.screen_text());
}

fn today_dmy() -> String {
    let d = chrono::NaiveDate::parse_from_str(TODAY, "%Y-%m-%d")
        .unwrap_or_else(|e| panic!("TODAY is a date: {e}"));
    d.format("%d-%m-%Y").to_string()
}

#[test]
fn a_contract_is_drafted_agreed_and_written_as_pdf() {
    let w = Workplace::new();
    let id = import(&w, "Jan", "Voorbeeld", "111222333", "2025-03-03");
    let mut p = w.spawn_tui();
    open_dossier(&mut p, "Voorbeeld", "Jan Voorbeeld");

    p.send_key(Key::F(4)).or_fail();
    p.wait_for("Overeenkomst: Jan Voorbeeld · v1 concept", DEFAULT_TIMEOUT)
        .or_fail();
    p.wait_for("Voorstellen (", DEFAULT_TIMEOUT).or_fail();

    // Vaststellen with nothing agreed yet: refused, with the part that is empty named.
    p.send_key(Key::F(10)).or_fail();
    p.wait_for("heeft geen afspraken", DEFAULT_TIMEOUT)
        .or_fail();
    assert!(!p.screen_text().contains("Overeenkomst vaststellen?"));

    // Take over every suggestion, tab by tab.
    for (tab, title) in [
        ('1', "Sociaal deel"),
        ('2', "Arbeidsfit deel"),
        ('3', "Werkdeel"),
    ] {
        p.send(&tab.to_string()).or_fail();
        p.wait_for(title, DEFAULT_TIMEOUT).or_fail();
        accept_suggestions_on_tab(&mut p);
    }
    p.send("1").or_fail();
    p.wait_for("Sociaal deel", DEFAULT_TIMEOUT).or_fail();
    let social = p.screen_text();
    assert!(social.contains("De gemeente brengt mij"), "{social}");
    assert!(!social.contains("Nog geen afspraken"), "{social}");

    p.send_key(Key::F(10)).or_fail();
    p.wait_for("Overeenkomst vaststellen?", DEFAULT_TIMEOUT)
        .or_fail();
    let confirm = p.screen_text();
    assert!(
        confirm.contains(&format!("Versie 1 wordt vastgesteld op {}.", today_dmy())),
        "{confirm}"
    );
    p.send("j").or_fail();
    p.wait_for("v1 vastgesteld", DEFAULT_TIMEOUT).or_fail();
    p.wait_for("F6 PDF opslaan", DEFAULT_TIMEOUT).or_fail();

    // F6: the PDF into a folder of our choosing.
    let out = w.path().join("pdf");
    std::fs::create_dir_all(&out).unwrap_or_else(|e| panic!("cannot create {out:?}: {e}"));
    p.send_key(Key::F(6)).or_fail();
    p.wait_for("PDF opslaan in map", DEFAULT_TIMEOUT).or_fail();
    p.send_key(Key::Ctrl('u')).or_fail();
    p.send(&out.display().to_string()).or_fail();
    p.send_key(Key::F(10)).or_fail();
    p.wait_gone("PDF opslaan in map", DEFAULT_TIMEOUT).or_fail();
    let file = out.join(format!("sociale-overeenkomst_voorbeeld_{TODAY}_v1.pdf"));
    wait_for_file(&p, &file);
    let bytes = std::fs::read(&file).unwrap_or_else(|e| panic!("cannot read {file:?}: {e}"));
    assert!(bytes.starts_with(b"%PDF"), "a PDF was written");
    let names: Vec<_> = std::fs::read_dir(&out)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.file_name())).collect())
        .unwrap_or_default();
    assert_eq!(names.len(), 1, "only the PDF, no temporary file: {names:?}");

    let exit = flows::quit(&mut p);
    assert!(exit.success(), "{exit:?}");
    p.check_terminal_restored().or_fail();

    // Stored: the contract is vastgesteld and holds the accepted agreements.
    let md = w.path().join("overeenkomst.md");
    let md_arg = md.display().to_string();
    w.run_ok(&[
        "contract", "export", &id, "--format", "md", "--out", &md_arg,
    ]);
    let text = std::fs::read_to_string(&md).unwrap_or_else(|e| panic!("no export: {e}"));
    assert!(!text.contains("concept"), "no longer a concept:\n{text}");
    assert!(text.contains("vastgesteld"), "{text}");
    for agreement in [
        "De gemeente brengt mij in contact met een maatjesproject",
        "Ik volg een cursus om zelf met de computer",
        "Ik solliciteer elke maand",
    ] {
        assert!(text.contains(agreement), "{agreement:?} in:\n{text}");
    }
}

/// Wait until `file` exists; the program draws its status line after writing it.
fn wait_for_file(p: &Pty, file: &Path) {
    p.wait_until(
        &format!("{} to exist", file.display()),
        DEFAULT_TIMEOUT,
        |_| file.exists(),
    )
    .or_fail();
}

#[test]
fn a_checkin_with_every_section_unchanged_takes_the_resident_off_the_worklist() {
    let w = Workplace::new();
    let id = import(&w, "Jan", "Voorbeeld", "111222333", "2024-03-05");
    let due = w.json(&["worklist", "--json"]);
    let rows = due["due"].as_array().cloned().unwrap_or_default();
    assert_eq!(rows.len(), 1, "due before the check-in: {due}");
    assert_eq!(rows[0]["client"].to_string(), id, "{due}");

    let mut p = w.spawn_tui();
    open_dossier(&mut p, "Voorbeeld", "Jan Voorbeeld");
    assert!(p.screen_text().contains("05-03-2024  Intake"));
    p.send_key(Key::F(2)).or_fail();
    p.wait_for("Jaargesprek: Voorbeeld, J.", DEFAULT_TIMEOUT)
        .or_fail();
    // F4 confirms a section "ongewijzigd" and moves on; after the last, the ladder.
    let mut sections = 0;
    while !p.screen_text().contains("Berekende trede") {
        assert!(sections < 20, "no ladder after {sections} sections");
        let before = p.screen_text();
        p.send_key(Key::F(4)).or_fail();
        p.wait_until("the next section", DEFAULT_TIMEOUT, |s| {
            s.contents() != before
        })
        .or_fail();
        sections += 1;
    }
    p.wait_for("Berekende trede: 4", DEFAULT_TIMEOUT).or_fail();
    // Past the ladder: the evaluation, a jaargesprek by default; no contract to evaluate.
    p.send_key(Key::F(10)).or_fail();
    p.wait_for("Evaluatie van de afspraken", DEFAULT_TIMEOUT)
        .or_fail();
    let evaluation = p.screen_text();
    assert!(evaluation.contains("(•) 1 Jaargesprek"), "{evaluation}");
    assert!(evaluation.contains("nog geen overeenkomst"), "{evaluation}");
    p.send_key(Key::F(10)).or_fail();
    // No contract, so nothing was evaluated: the message says only the conversation.
    p.wait_for("Het gesprek is opgeslagen.", DEFAULT_TIMEOUT)
        .or_fail();
    let dossier = p.screen_text();
    assert!(dossier.contains("Dossier: Jan Voorbeeld"), "{dossier}");
    assert!(
        dossier.contains(&format!("{}  Jaargesprek", today_dmy())),
        "the check-in listed:\n{dossier}"
    );
    assert!(dossier.contains("05-03-2024  Intake"), "{dossier}");
    let exit = flows::quit(&mut p);
    assert!(exit.success(), "{exit:?}");

    let due = w.json(&["worklist", "--json"]);
    assert_eq!(due["due"].as_array().map(Vec::len), Some(0), "{due}");
    let report = w.json(&["report", "--json", "--intern"]);
    assert_eq!(report["clients"], 1, "{report}");
    assert_eq!(report["per_rung"]["4"], 1, "{report}");
    assert_eq!(report["movement"]["same"], 1, "rung compared: {report}");
}

#[test]
fn the_worklist_shows_who_is_due_and_opens_their_dossier() {
    let w = Workplace::new();
    import(&w, "Anna", "Testpersoon", "123456782", "2023-11-20");
    import(&w, "Jan", "Voorbeeld", "111222333", "2024-06-03");
    let mut p = w.spawn_tui();
    flows::wait_start(&p);
    p.send_key(Key::F(6)).or_fail();
    p.wait_for("2 inwoners, langst niet gesproken eerst", DEFAULT_TIMEOUT)
        .or_fail();
    let list = p.screen_text();
    let anna = list
        .find("Anna Testpersoon")
        .unwrap_or_else(|| panic!("{list}"));
    let jan = list
        .find("Jan Voorbeeld")
        .unwrap_or_else(|| panic!("{list}"));
    assert!(anna < jan, "longest unseen first:\n{list}");
    assert_eq!(
        list.matches("geen contact dit jaar").count(),
        2,
        "the reason:\n{list}"
    );
    assert!(list.contains("20-11-2023"), "{list}");

    p.send_key(Key::Enter).or_fail();
    p.wait_for("Dossier: Anna Testpersoon", DEFAULT_TIMEOUT)
        .or_fail();
    p.send_key(Key::Esc).or_fail();
    p.wait_for("langst niet gesproken eerst", DEFAULT_TIMEOUT)
        .or_fail();
    p.send_key(Key::Down).or_fail();
    p.wait_until("Jan selected", DEFAULT_TIMEOUT, |s| {
        s.contents().lines().any(|l| l.contains("▸ Jan Voorbeeld"))
    })
    .or_fail();
    p.send_key(Key::Enter).or_fail();
    p.wait_for("Dossier: Jan Voorbeeld", DEFAULT_TIMEOUT)
        .or_fail();
    let exit = flows::quit(&mut p);
    assert!(exit.success(), "{exit:?}");
}
