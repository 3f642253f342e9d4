//! The contract screen driven by keys: tabs, the agreements table, suggestions, autosave,
//! vaststellen, new versions, earlier versions and the PDF. Fictitious residents only.

mod tui_support;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use meedoen::domain::contract::{AgreementStatus, Contract, ContractStatus, PartKind};
use meedoen::store::StoredContract;
use meedoen::tui::keymap::Action;
use std::time::{Duration, Instant};
use tui_support::*;

/// A resident with three conversations (debts with a threatened eviction, a language
/// requirement, rung 3 expecting 4), the dossier opened and F4 pressed.
fn open_contract() -> Harness {
    let forms = forms();
    let mut h = Harness::new();
    let mut store = h.other_store();
    resident_with_history(&mut store, &forms);
    drop(store);
    h.type_str("Voorbeeld");
    h.key(KeyCode::Enter);
    assert_eq!(h.app.screen_name(), "dossier");
    h.key(KeyCode::F(4));
    assert_eq!(h.app.screen_name(), "contract", "{:?}", h.app.status_text());
    h
}

fn stored(h: &Harness) -> StoredContract {
    let store = h.other_store();
    let client = store.search_residents("Voorbeeld", 5).expect("search")[0].id;
    store
        .latest_contract(client)
        .expect("read contract")
        .expect("a contract exists")
}

fn part(c: &Contract, k: PartKind) -> &meedoen::domain::contract::ContractPart {
    c.part(k).expect("part exists")
}

fn whats(c: &Contract, k: PartKind) -> Vec<String> {
    part(c, k)
        .agreements
        .iter()
        .map(|a| a.what.clone())
        .collect()
}

fn alt(h: &mut Harness, code: KeyCode) {
    h.app.handle_key(KeyEvent::new(code, KeyModifiers::ALT));
}

fn status(h: &Harness) -> String {
    h.app.status_text().unwrap_or_default()
}

/// Down until the cursor is on the first suggestion of the tab (the last lines).
fn to_suggestions(h: &mut Harness) {
    for _ in 0..20 {
        let on_suggestion = h
            .app
            .bindings()
            .iter()
            .any(|b| b.action == Action::AcceptSuggestion && !b.label.is_empty());
        if on_suggestion {
            return;
        }
        h.key(KeyCode::Down);
    }
    panic!("no suggestion reached:\n{}", h.screen_at(80, 24));
}

/// Accept every pending suggestion of every part.
fn accept_all(h: &mut Harness) {
    for tab in ['1', '2', '3'] {
        h.key(KeyCode::Char(tab));
        while h.screen_at(80, 24).contains("Voorstellen (") {
            to_suggestions(h);
            h.key(KeyCode::Enter);
        }
    }
    h.key(KeyCode::Char('1'));
}

/// The document hash depends on the PDF renderer's bytes: not part of the screen's look.
fn hide_hash(screen: &str) -> String {
    match screen.find("(kenmerk ") {
        Some(i) => {
            let end = screen[i..].find(')').map_or(screen.len(), |e| i + e + 1);
            let len = screen[i..end].chars().count();
            format!("{}{:<len$}{}", &screen[..i], "(kenmerk …)", &screen[end..])
        }
        None => screen.to_string(),
    }
}

fn both(name: &str, h: &mut Harness) {
    for (w, ht) in [(80u16, 24u16), (120, 40)] {
        let screen = hide_hash(&h.screen_at(w, ht));
        insta::assert_snapshot!(format!("{name}_{w}x{ht}"), screen);
    }
    h.app.set_size(80, 24);
}

// ---------------------------------------------------------------- snapshots

#[test]
fn snapshots_of_the_tabs() {
    let mut h = open_contract();
    both("contract_sociaal_suggestions", &mut h);
    h.key(KeyCode::Char('2'));
    both("contract_arbeidsfit", &mut h);
    h.key(KeyCode::Tab);
    both("contract_werk", &mut h);
    h.key(KeyCode::Tab);
    both("contract_views", &mut h);
    h.key(KeyCode::Tab);
    assert!(
        h.screen_at(80, 24).contains("Sociaal deel"),
        "Tab wraps around"
    );
}

#[test]
fn snapshots_of_the_table_editors_and_confirmation() {
    let mut h = open_contract();
    to_suggestions(&mut h);
    both("contract_suggestion_selected", &mut h);
    h.key(KeyCode::Enter);
    h.key(KeyCode::Enter);
    h.key(KeyCode::Up);
    h.key(KeyCode::Up);
    both("contract_table", &mut h);
    h.key(KeyCode::Enter);
    both("contract_agreement_editor", &mut h);
    h.key(KeyCode::F(10));
    h.key(KeyCode::Up);
    h.key(KeyCode::Up);
    h.key(KeyCode::Enter);
    h.type_str("Rust in de financiën, zodat er ruimte komt voor de volgende stap.");
    both("contract_text_editor", &mut h);
    h.key(KeyCode::F(10));
    accept_all(&mut h);
    h.key(KeyCode::F(10));
    both("contract_agree_confirmation", &mut h);
    h.key(KeyCode::Char('j'));
    both("contract_agreed", &mut h);
    h.key(KeyCode::Char('?'));
    insta::assert_snapshot!("contract_help_agreed_80x24", h.screen_at(80, 24));
}

#[test]
fn help_lists_every_key_of_the_table() {
    let mut h = open_contract();
    to_suggestions(&mut h);
    h.key(KeyCode::Enter);
    h.key(KeyCode::Up);
    h.key(KeyCode::Up);
    h.key(KeyCode::Char('?'));
    let screen = h.screen_at(120, 40);
    insta::assert_snapshot!("contract_help_120x40", screen);
    for key in [
        "F2",
        "Del",
        "Spatie",
        "F7",
        "F8",
        "Alt+Up/Down",
        "F10",
        "F6",
        "F3",
        "1-4",
    ] {
        assert!(screen.contains(key), "{key} missing in help:\n{screen}");
    }
}

#[test]
fn a_small_window_says_so() {
    let mut h = open_contract();
    assert!(h.screen_at(79, 24).contains("Venster te klein"));
    h.app.set_size(80, 24);
}

// ---------------------------------------------------------------- suggestions

#[test]
fn a_suggestion_is_accepted_with_one_key() {
    let mut h = open_contract();
    let before = stored(&h).contract;
    let first = before
        .pending
        .iter()
        .find(|s| s.part == PartKind::Sociaal)
        .expect("a social suggestion")
        .clone();
    to_suggestions(&mut h);
    h.key(KeyCode::Enter);
    assert!(status(&h).contains("staat nu bij de afspraken"));
    // The first change is written at once.
    let after = stored(&h).contract;
    assert_eq!(after.pending.len(), before.pending.len() - 1);
    assert_eq!(
        part(&after, PartKind::Sociaal).agreements,
        vec![first.agreement]
    );
}

#[test]
fn a_suggestion_is_edited_then_accepted() {
    let mut h = open_contract();
    to_suggestions(&mut h);
    h.key(KeyCode::F(4));
    assert!(h.screen_at(80, 24).contains("Voorstel aanpassen"));
    h.key(KeyCode::End);
    h.type_str(" Ik neem mijn post mee.");
    h.key(KeyCode::Tab);
    h.key(KeyCode::Char(' '));
    h.key(KeyCode::Tab);
    h.app
        .handle_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    h.type_str("01-04-2025");
    h.key(KeyCode::F(10));
    h.ctrl('q');
    let c = stored(&h).contract;
    let a = &part(&c, PartKind::Sociaal).agreements[0];
    assert!(
        a.what
            .ends_with("schuldhulpverlening. Ik neem mijn post mee."),
        "{}",
        a.what
    );
    assert_eq!(
        a.who, "gemeente",
        "Space moved the owner from inwoner to gemeente"
    );
    assert_eq!(a.due, Some(d(2025, 4, 1)));
    assert!(
        a.source.is_some(),
        "still known as coming from a suggestion"
    );
    assert!(!c
        .pending
        .iter()
        .any(|s| s.rule == a.source.clone().unwrap_or_default()));
}

#[test]
fn a_suggestion_is_dropped_with_one_key() {
    let mut h = open_contract();
    let before = stored(&h).contract.pending.len();
    to_suggestions(&mut h);
    h.key(KeyCode::Delete);
    assert!(status(&h).contains("weggelaten"));
    h.ctrl('q');
    let c = stored(&h).contract;
    assert_eq!(c.pending.len(), before - 1);
    assert!(part(&c, PartKind::Sociaal).agreements.is_empty());
}

// ---------------------------------------------------------------- agreements

#[test]
fn agreements_are_added_edited_reordered_and_deleted() {
    let mut h = open_contract();
    h.key(KeyCode::Char('2'));
    // Add two of our own.
    h.key(KeyCode::F(2));
    h.type_str("Ik zoek uit welke cursus bij mij past.");
    h.key(KeyCode::Enter);
    // Owner: inwoner -> gemeente -> inwoner + gemeente -> partner.
    for _ in 0..3 {
        h.key(KeyCode::Char(' '));
    }
    h.key(KeyCode::Tab);
    h.type_str("Taalhuis Voorbeeld");
    h.key(KeyCode::Tab);
    h.type_str("30-04-2025");
    h.key(KeyCode::F(10));
    h.key(KeyCode::F(2));
    h.type_str("Ik oefen elke week met de computer in de bibliotheek.");
    h.key(KeyCode::F(10));
    h.ctrl('s'); // not bound here: harmless
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen_name(), "dossier", "Esc writes and goes back");
    let c = stored(&h).contract;
    let p = part(&c, PartKind::Arbeidsfit);
    assert_eq!(p.agreements.len(), 2);
    assert_eq!(p.agreements[0].who, "Taalhuis Voorbeeld");
    assert_eq!(p.agreements[0].due, Some(d(2025, 4, 30)));
    assert_eq!(p.agreements[1].who, "inwoner");

    // Back in: the cursor on the second agreement; move it up with Alt+Up.
    h.key(KeyCode::F(4));
    h.key(KeyCode::Char('2'));
    h.key(KeyCode::Down);
    h.key(KeyCode::Down);
    alt(&mut h, KeyCode::Up);
    // Status open -> gedaan with Space; an evaluation note in the form.
    h.key(KeyCode::Char(' '));
    h.key(KeyCode::Enter);
    for _ in 0..4 {
        h.key(KeyCode::Tab);
    }
    h.type_str("Gaat goed;\nelke dinsdag.");
    h.key(KeyCode::F(10));
    h.ctrl('q');
    let c = stored(&h).contract;
    let p = part(&c, PartKind::Arbeidsfit);
    assert!(p.agreements[0].what.starts_with("Ik oefen"), "moved up");
    assert_eq!(p.agreements[0].status, AgreementStatus::Gedaan);
    assert_eq!(p.agreements[0].note, "Gaat goed;\nelke dinsdag.");
    assert!(p.agreements[1].what.starts_with("Ik zoek"));

    // F8 moves it back down; Del asks first, n keeps it, j deletes.
    let mut h = h.restart();
    h.type_str("Voorbeeld");
    h.key(KeyCode::Enter);
    h.key(KeyCode::F(4));
    h.key(KeyCode::Char('2'));
    h.key(KeyCode::Down);
    h.key(KeyCode::F(8));
    h.key(KeyCode::Delete);
    assert!(h.screen_at(80, 24).contains("Afspraak verwijderen?"));
    h.key(KeyCode::Char('n'));
    assert_eq!(whats(&stored(&h).contract, PartKind::Arbeidsfit).len(), 2);
    h.key(KeyCode::Delete);
    h.key(KeyCode::Char('j'));
    assert!(status(&h).contains("verwijderd"));
    h.ctrl('q');
    let left = whats(&stored(&h).contract, PartKind::Arbeidsfit);
    assert_eq!(left.len(), 1);
    assert!(
        left[0].starts_with("Ik zoek"),
        "the moved one was deleted: {left:?}"
    );
}

#[test]
fn a_wrong_date_is_shown_inline_and_keeps_the_form_open() {
    let mut h = open_contract();
    h.key(KeyCode::F(2));
    h.type_str("Ik bel de woningcorporatie.");
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    h.type_str("31-02-2025");
    h.key(KeyCode::Tab);
    let screen = h.screen_at(80, 24);
    assert!(
        screen.contains("Deze datum klopt niet (bestaat niet)"),
        "{screen}"
    );
    insta::assert_snapshot!("contract_agreement_date_error_80x24", screen);
    h.key(KeyCode::F(10));
    assert!(
        h.screen_at(80, 24).contains("Nieuwe afspraak"),
        "still open"
    );
    for _ in 0..10 {
        h.key(KeyCode::Backspace);
    }
    h.type_str("3-3-2026");
    h.key(KeyCode::F(10));
    h.ctrl('q');
    let c = stored(&h).contract;
    assert_eq!(
        part(&c, PartKind::Sociaal).agreements[0].due,
        Some(d(2026, 3, 3))
    );
}

#[test]
fn a_new_agreement_needs_a_description_and_an_untouched_one_is_not_kept() {
    let mut h = open_contract();
    h.key(KeyCode::F(2));
    h.key(KeyCode::Esc);
    assert!(h.screen_at(80, 24).contains("Nog geen afspraken"));
    h.key(KeyCode::F(2));
    h.key(KeyCode::Tab);
    h.key(KeyCode::Tab);
    h.type_str("01-05-2025");
    h.key(KeyCode::F(10));
    assert!(h
        .screen_at(80, 24)
        .contains("Schrijf eerst wat de afspraak is."));
    assert!(
        h.screen_at(80, 24).contains("Nieuwe afspraak"),
        "the form stays open, on the description"
    );
    h.type_str("Ik meld mij bij het buurthuis.");
    h.key(KeyCode::Esc);
    h.ctrl('q');
    let c = stored(&h).contract;
    let p = part(&c, PartKind::Sociaal);
    assert_eq!(p.agreements.len(), 1);
    assert_eq!(p.agreements[0].what, "Ik meld mij bij het buurthuis.");
    assert_eq!(p.agreements[0].due, Some(d(2025, 5, 1)));
}

// ---------------------------------------------------------------- texts and autosave

#[test]
fn long_texts_are_edited_in_a_text_box_and_autosaved_after_a_second() {
    let mut h = open_contract();
    h.key(KeyCode::Char('4'));
    h.key(KeyCode::Down);
    h.key(KeyCode::Down);
    h.key(KeyCode::Down);
    h.key(KeyCode::Enter);
    // The first change is written at once ...
    h.type_str("I");
    assert_eq!(stored(&h).contract.consultant_view, "I");
    // ... and then at most once a second.
    h.type_str("k zie iemand die graag wil,\nmaar eerst rust nodig heeft.");
    assert_eq!(stored(&h).contract.consultant_view, "I");
    assert!(
        h.app.poll_timeout(Instant::now()).is_some(),
        "a save is pending"
    );
    h.app.tick(Instant::now() + Duration::from_millis(1100));
    assert_eq!(
        stored(&h).contract.consultant_view,
        "Ik zie iemand die graag wil,\nmaar eerst rust nodig heeft."
    );
    // Idle: no autosave timer; only the edit lock's renewal, a minute away.
    assert!(
        h.app
            .poll_timeout(Instant::now())
            .is_none_or(|t| t > Duration::from_secs(30)),
        "idle: no autosave timer"
    );
    h.key(KeyCode::Esc);
    assert!(h.screen_at(80, 24).contains("Ik zie iemand die graag wil,"));
    // The resident's own words are editable too, and survive a quit.
    h.key(KeyCode::Up);
    h.key(KeyCode::Enter);
    h.type_str("Met de bus naar de cursus.");
    h.ctrl('q');
    assert_eq!(
        stored(&h).contract.analysis.zelf,
        "Met de bus naar de cursus."
    );
}

#[test]
fn the_next_evaluation_is_at_most_twelve_months_ahead() {
    let mut h = open_contract();
    h.key(KeyCode::Char('4'));
    for _ in 0..4 {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Enter);
    h.app
        .handle_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    h.type_str("13-03-2026");
    h.key(KeyCode::F(10));
    assert!(h.screen_at(80, 24).contains("binnen 12 maanden"));
    h.app
        .handle_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    h.type_str("12-12-2025");
    h.key(KeyCode::F(10));
    h.ctrl('q');
    assert_eq!(stored(&h).contract.next_evaluation, d(2025, 12, 12));
}

// ---------------------------------------------------------------- vaststellen

#[test]
fn an_empty_part_without_reason_blocks_vaststellen_and_a_reason_allows_it() {
    let mut h = open_contract();
    // Accept the social and work suggestions, drop the language course.
    h.key(KeyCode::Char('1'));
    while h.screen_at(80, 24).contains("Voorstellen (") {
        to_suggestions(&mut h);
        h.key(KeyCode::Enter);
    }
    h.key(KeyCode::Char('3'));
    to_suggestions(&mut h);
    h.key(KeyCode::Enter);
    h.key(KeyCode::Char('2'));
    to_suggestions(&mut h);
    h.key(KeyCode::Delete);
    h.key(KeyCode::Char('1'));
    h.key(KeyCode::F(10));
    let screen = h.screen_at(80, 24);
    assert!(
        status(&h).contains("Het deel Arbeidsfit heeft geen afspraken"),
        "{:?}",
        status(&h)
    );
    assert!(
        screen.contains("Arbeidsfit deel"),
        "jumped to the empty part"
    );
    assert!(!screen.contains("Overeenkomst vaststellen?"));
    assert_eq!(stored(&h).contract.status, ContractStatus::Concept);
    // The cursor is on the reason: Enter writes it.
    h.key(KeyCode::Enter);
    h.type_str("niet nodig: spreekt en schrijft goed Nederlands.");
    h.key(KeyCode::F(10));
    h.key(KeyCode::F(10));
    assert!(h.screen_at(80, 24).contains("Overeenkomst vaststellen?"));
    h.key(KeyCode::Char('n'));
    assert_eq!(
        stored(&h).contract.status,
        ContractStatus::Concept,
        "n keeps it a concept"
    );
    h.key(KeyCode::F(10));
    h.key(KeyCode::Char('j'));
    let s = stored(&h);
    assert_eq!(s.contract.status, ContractStatus::Vastgesteld);
    assert_eq!(s.contract.agreed_on, Some(today()));
    assert_eq!(
        part(&s.contract, PartKind::Arbeidsfit).empty_reason,
        "niet nodig: spreekt en schrijft goed Nederlands."
    );
    let hash = s.document_hash.clone().expect("document hash");
    assert_eq!(hash.len(), 64);
    assert!(status(&h).contains(&hash[..12]), "{}", status(&h));
    let doc = h
        .other_store()
        .contract_document(s.id)
        .expect("read document")
        .expect("document kept");
    assert!(doc.starts_with(b"%PDF"));
}

#[test]
fn an_agreed_version_is_read_only_and_a_new_version_copies_it() {
    let mut h = open_contract();
    // The resident's own words, edited in the contract.
    h.key(KeyCode::Char('4'));
    h.key(KeyCode::Down);
    h.key(KeyCode::Down);
    h.key(KeyCode::Enter);
    h.type_str("Ik fiets naar de cursus.");
    h.key(KeyCode::Esc);
    accept_all(&mut h);
    h.key(KeyCode::F(10));
    h.key(KeyCode::Char('j'));
    let agreed = stored(&h);
    assert_eq!(agreed.contract.status, ContractStatus::Vastgesteld);
    // Every editing key is refused with the way out.
    let refused = |h: &mut Harness, code: KeyCode| {
        h.key(code);
        assert_eq!(
            status(h),
            "Deze versie is vastgesteld; druk F9 voor een nieuwe versie.",
            "{code:?}"
        );
        assert_eq!(h.app.screen_name(), "contract");
    };
    for code in [KeyCode::Enter, KeyCode::F(2), KeyCode::F(10)] {
        refused(&mut h, code);
    }
    for _ in 0..6 {
        h.key(KeyCode::Up);
    }
    h.key(KeyCode::Down);
    for code in [
        KeyCode::Enter,
        KeyCode::Char(' '),
        KeyCode::Delete,
        KeyCode::F(8),
    ] {
        refused(&mut h, code);
    }
    assert!(h.screen_at(80, 24).contains("Deze versie is vastgesteld"));
    assert_eq!(stored(&h), agreed, "nothing changed");

    // Leaving and coming back shows the agreed version, not a new concept.
    h.key(KeyCode::Esc);
    h.key(KeyCode::F(4));
    assert_eq!(stored(&h).id, agreed.id);

    h.key(KeyCode::F(9));
    assert!(
        status(&h).contains("Versie 2 is begonnen"),
        "{}",
        status(&h)
    );
    let new = stored(&h);
    assert_ne!(new.id, agreed.id);
    assert_eq!(new.contract.version, 2);
    assert_eq!(new.contract.status, ContractStatus::Concept);
    assert_eq!(new.contract.agreed_on, None);
    assert_eq!(
        new.contract.parts, agreed.contract.parts,
        "agreements copied"
    );
    assert_eq!(
        new.contract.analysis.zelf, "Ik fiets naar de cursus.",
        "no conversation since: the edited words are kept"
    );
    assert!(
        new.contract.pending.is_empty(),
        "accepted suggestions are not proposed again"
    );
    // The new version is editable again.
    h.key(KeyCode::Down);
    h.key(KeyCode::Char(' '));
    h.ctrl('q');
    let c = stored(&h).contract;
    assert_eq!(
        part(&c, PartKind::Sociaal).agreements[0].status,
        AgreementStatus::Gedaan
    );
    // The agreed one is unchanged.
    let old = h
        .other_store()
        .contract_by_id(agreed.id)
        .expect("old version");
    assert_eq!(old, agreed);
}

#[test]
fn earlier_versions_can_be_read_but_not_changed() {
    let mut h = open_contract();
    accept_all(&mut h);
    h.key(KeyCode::F(10));
    h.key(KeyCode::Char('j'));
    h.key(KeyCode::F(9));
    h.key(KeyCode::F(3));
    let screen = h.screen_at(80, 24);
    assert!(
        screen.contains("Versie 2  concept, begonnen 12-03-2025"),
        "{screen}"
    );
    assert!(
        screen.contains("Versie 1  vastgesteld op 12-03-2025"),
        "{screen}"
    );
    insta::assert_snapshot!("contract_versions_80x24", screen);
    h.key(KeyCode::Down);
    h.key(KeyCode::Enter);
    let screen = h.screen_at(80, 24);
    assert!(screen.contains("v1 vastgesteld"), "{screen}");
    assert!(screen.contains("Dit is een eerdere versie"), "{screen}");
    h.key(KeyCode::Enter);
    assert!(status(&h).contains("eerdere versie"));
    h.key(KeyCode::Esc);
    assert_eq!(h.app.screen_name(), "contract");
    assert!(h.screen_at(80, 24).contains("v2 concept"));
}

// ---------------------------------------------------------------- PDF

#[test]
fn the_pdf_is_written_to_the_chosen_folder_with_the_spec_name() {
    let mut h = open_contract();
    let out = tempfile::tempdir().expect("temp dir");
    h.key(KeyCode::F(6));
    let screen = h.screen_at(80, 24);
    assert!(screen.contains("PDF opslaan in map"), "{screen}");
    h.app
        .handle_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    h.type_str(&out.path().display().to_string());
    h.key(KeyCode::F(10));
    let file = out
        .path()
        .join("sociale-overeenkomst_voorbeeld_2025-03-12_v1.pdf");
    assert!(
        status(&h).contains(&file.display().to_string()),
        "{}",
        status(&h)
    );
    let bytes = std::fs::read(&file).expect("pdf written");
    assert!(bytes.starts_with(b"%PDF"));
    let names: Vec<_> = std::fs::read_dir(out.path())
        .expect("list")
        .filter_map(|e| e.ok().map(|e| e.file_name()))
        .collect();
    assert_eq!(names.len(), 1, "no temporary file left: {names:?}");
    // The folder is remembered for the next time.
    h.key(KeyCode::F(6));
    assert!(h
        .screen_at(120, 40)
        .contains(&out.path().display().to_string()));
}

#[test]
fn an_agreed_version_writes_the_kept_document() {
    let mut h = open_contract();
    accept_all(&mut h);
    h.key(KeyCode::F(10));
    h.key(KeyCode::Char('j'));
    let s = stored(&h);
    let out = tempfile::tempdir().expect("temp dir");
    h.key(KeyCode::F(6));
    h.app
        .handle_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    h.type_str(&out.path().display().to_string());
    h.key(KeyCode::F(10));
    let file = out
        .path()
        .join("sociale-overeenkomst_voorbeeld_2025-03-12_v1.pdf");
    let kept = h
        .other_store()
        .contract_document(s.id)
        .expect("read")
        .expect("kept");
    assert_eq!(std::fs::read(&file).expect("pdf written"), kept);
}

#[test]
fn a_read_only_folder_gives_the_message_and_leaves_no_file() {
    let mut h = open_contract();
    let dir = tempfile::tempdir().expect("temp dir");
    let ro = dir.path().join("alleen-lezen");
    std::fs::create_dir(&ro).expect("mkdir");
    let mut target = ro.clone();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).expect("chmod");
        // root ignores permission bits; sysfs refuses new files even to root.
        if std::fs::write(ro.join("probe"), b"").is_ok() {
            let _ = std::fs::remove_file(ro.join("probe"));
            if cfg!(target_os = "linux") {
                target = std::path::PathBuf::from("/sys");
            }
        }
    }
    let before: Vec<_> = std::fs::read_dir(&target)
        .expect("list")
        .filter_map(|e| e.ok().map(|e| e.file_name()))
        .collect();
    h.key(KeyCode::F(6));
    h.app
        .handle_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    h.type_str(&target.display().to_string());
    h.key(KeyCode::F(10));
    let msg = format!("U mag niet schrijven in map {}.", target.display());
    assert_eq!(status(&h), msg);
    assert!(
        h.screen_at(120, 40).contains(&msg),
        "shown in the dialog too"
    );
    let after: Vec<_> = std::fs::read_dir(&target)
        .expect("list")
        .filter_map(|e| e.ok().map(|e| e.file_name()))
        .collect();
    assert_eq!(before, after, "no file, no temporary file");
    h.key(KeyCode::Esc);
    assert!(!h.screen_at(80, 24).contains("PDF opslaan in map"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o755));
    }
}

// ---------------------------------------------------------------- locks

#[test]
fn the_contract_is_read_only_when_a_colleague_edits_the_dossier() {
    let forms = forms();
    let mut h = Harness::new();
    let mut other = meedoen::store::Store::open(&h.db(), "collega2").expect("store");
    let id = resident_with_history(&mut other, &forms);
    // Without a contract there is nothing to read, and none is drafted.
    assert_eq!(
        other.lock_resident(id).expect("lock"),
        meedoen::store::Lock::Acquired
    );
    h.type_str("Voorbeeld");
    h.key(KeyCode::Enter);
    h.key(KeyCode::F(4));
    assert_eq!(h.app.screen_name(), "dossier");
    assert_eq!(status(&h), "Er is nog geen overeenkomst voor deze inwoner.");
    assert!(other.latest_contract(id).expect("read").is_none());
    // With one drafted by the colleague, it can be read but not changed.
    meedoen::service::draft_contract(&mut other, &forms, id, today(), false).expect("draft");
    h.key(KeyCode::F(4));
    assert_eq!(h.app.screen_name(), "contract");
    assert!(h
        .screen_at(80, 24)
        .contains("Een collega bewerkt dit dossier"));
    h.key(KeyCode::F(2));
    assert!(status(&h).contains("Een collega bewerkt dit dossier"));
    assert!(!h.screen_at(80, 24).contains("Voorstellen ("));
}

// ---------------------------------------------------------------- poor terminals, English

fn open_with(ascii: bool, lang: meedoen::forms::Lang) -> Harness {
    let mut opts = options();
    opts.ascii = ascii;
    opts.lang = lang;
    let mut h = Harness::with_options(tempfile::tempdir().expect("dir"), opts);
    let mut store = h.other_store();
    resident_with_history(&mut store, &forms());
    drop(store);
    h.type_str("Voorbeeld");
    h.key(KeyCode::Enter);
    h.key(KeyCode::F(4));
    assert_eq!(h.app.screen_name(), "contract");
    h
}

/// Every view of the contract screen: tabs, suggestions, table, editors, question, versions.
fn every_view(h: &mut Harness) -> Vec<String> {
    let mut shown = Vec::new();
    for tab in ['1', '2', '3', '4'] {
        h.key(KeyCode::Char(tab));
        shown.push(h.screen_at(80, 24));
    }
    h.key(KeyCode::Char('1'));
    to_suggestions(h);
    shown.push(h.screen_at(80, 24));
    h.key(KeyCode::Enter);
    h.key(KeyCode::Up);
    h.key(KeyCode::Up);
    h.key(KeyCode::Enter);
    shown.push(h.screen_at(80, 24));
    h.key(KeyCode::Esc);
    h.key(KeyCode::Delete);
    shown.push(h.screen_at(80, 24));
    h.key(KeyCode::Char('n'));
    h.key(KeyCode::F(10));
    shown.push(h.screen_at(80, 24));
    h.key(KeyCode::F(3));
    shown.push(h.screen_at(80, 24));
    h.key(KeyCode::Esc);
    h.key(KeyCode::F(1));
    shown.push(h.screen_at(120, 40));
    shown
}

#[test]
fn ascii_mode_draws_no_symbols_beyond_ascii() {
    let mut h = open_with(true, meedoen::forms::Lang::Nl);
    for screen in every_view(&mut h) {
        let odd: Vec<char> = screen
            .chars()
            .filter(|c| !c.is_ascii() && !c.is_alphabetic())
            .collect();
        assert!(odd.is_empty(), "non-ASCII {odd:?} in\n{screen}");
    }
}

#[test]
fn english_interface() {
    let mut h = open_with(false, meedoen::forms::Lang::En);
    let screens = every_view(&mut h).join("\n");
    for s in [
        "Social",
        "Work-ready",
        "Work (unpaid)",
        "Views and ladder",
        "The resident, in their words",
        "Suggestions",
        "Accept",
        "Agreement",
        "Delete agreement?",
        "Versions of the contract",
        "Save PDF",
    ] {
        assert!(screens.contains(s), "{s} missing in\n{screens}");
    }
}
