//! Typing like a consultant: the key sequences of common tasks in the interface, written
//! once so each end-to-end test reads as what the user does.

use super::pty::{Key, Pty};
use super::{OrFail, DEFAULT_TIMEOUT};

/// On the start screen, ready for typing (its hint bar is drawn).
pub const START_READY: &str = "F2 Nieuwe inwoner";

/// The key (1-9, 0 for the tenth) that picks `option` of `question` in the shipped form.
pub fn option_key(question: &str, option: &str) -> String {
    let forms = meedoen::forms::builtin();
    let q = forms
        .intake
        .questions()
        .find(|q| q.id == question)
        .unwrap_or_else(|| panic!("no question {question} in the shipped form"));
    let i = q
        .options
        .iter()
        .position(|o| o.id == option)
        .unwrap_or_else(|| panic!("no option {option} in {question}"));
    ((i + 1) % 10).to_string()
}

pub fn wait_start(p: &Pty) {
    p.wait_for(START_READY, DEFAULT_TIMEOUT).or_fail();
}

/// From the start screen: a new resident's intake, first section focused.
pub fn new_intake(p: &mut Pty) {
    wait_start(p);
    p.send_key(Key::F(2)).or_fail();
    p.wait_for("Intake nieuwe inwoner", DEFAULT_TIMEOUT)
        .or_fail();
    p.wait_for("Voornamen", DEFAULT_TIMEOUT).or_fail();
}

/// Name and date of birth, ending in the date field.
pub fn type_person(p: &mut Pty, first: &str, last: &str) {
    p.send(first).or_fail();
    p.send_key(Key::Tab).or_fail();
    p.send(last).or_fail();
    p.send_key(Key::Tab).or_fail();
    p.send("03-11-1985").or_fail();
    // The title shows "Achternaam, V." once the name is taken in.
    p.wait_for(&format!("{last}, "), DEFAULT_TIMEOUT).or_fail();
}

/// Every required answer of the wizard after the person section, section by section,
/// checking each section's answer is on screen before moving on. Ends in `regie.doel`.
pub fn answer_required_sections(p: &mut Pty) {
    p.send_key(Key::PageDown).or_fail();
    p.wait_for("Heeft de inwoner nu betaald werk?", DEFAULT_TIMEOUT)
        .or_fail();
    p.send("n").or_fail();
    p.wait_for("(•) nee", DEFAULT_TIMEOUT).or_fail();

    p.send_key(Key::PageDown).or_fail();
    p.wait_for("Doet de inwoner onbetaald werk", DEFAULT_TIMEOUT)
        .or_fail();
    p.send(&option_key("meedoen.onbetaald_werk", "nee"))
        .or_fail();
    p.send_key(Key::Tab).or_fail();
    p.send(&option_key("meedoen.georganiseerd", "wekelijks"))
        .or_fail();
    p.send_key(Key::Tab).or_fail();
    p.send(&option_key("meedoen.sociaal_contact", "wekelijks"))
        .or_fail();
    p.wait_for("Ja, minstens één keer per week", DEFAULT_TIMEOUT)
        .or_fail();

    p.send_key(Key::PageDown).or_fail();
    p.wait_for("Waar komt het inkomen", DEFAULT_TIMEOUT)
        .or_fail();
    p.send(&option_key("inkomen.bronnen", "bijstand")).or_fail();
    p.wait_for("[x]", DEFAULT_TIMEOUT).or_fail();

    p.send_key(Key::PageDown).or_fail();
    p.wait_for("Schulden ─", DEFAULT_TIMEOUT).or_fail();
    p.send(&option_key("schulden.heeft_schulden", "nee"))
        .or_fail();
    p.wait_for("(•)", DEFAULT_TIMEOUT).or_fail();

    p.send_key(Key::PageDown).or_fail();
    p.wait_for("Wonen ─", DEFAULT_TIMEOUT).or_fail();
    p.send(&option_key("wonen.situatie", "huur")).or_fail();
    p.wait_for("(•)", DEFAULT_TIMEOUT).or_fail();

    p.send_key(Key::PageDown).or_fail();
    p.wait_for("8 jaar op school", DEFAULT_TIMEOUT).or_fail();
    p.send("j").or_fail();
    p.wait_for("(•) ja", DEFAULT_TIMEOUT).or_fail();

    p.send_key(Key::PageDown).or_fail();
    p.wait_for("Gezondheid", DEFAULT_TIMEOUT).or_fail();
    p.send_key(Key::PageDown).or_fail();
    p.wait_for("Wat wilt u over een jaar bereikt hebben?", DEFAULT_TIMEOUT)
        .or_fail();
    p.send("Vrijwilligerswerk vinden").or_fail();
    p.wait_for("Vrijwilligerswerk vinden", DEFAULT_TIMEOUT)
        .or_fail();
}

/// Finish the wizard (F10) onto the ladder screen; the computed rung is shown.
pub fn to_ladder(p: &mut Pty) {
    p.send_key(Key::F(10)).or_fail();
    p.wait_for("Berekende trede", DEFAULT_TIMEOUT).or_fail();
}

/// Save from the ladder screen; ends on the resident's dossier.
pub fn save_from_ladder(p: &mut Pty) {
    p.send_key(Key::F(10)).or_fail();
    p.wait_for("Het gesprek is opgeslagen", DEFAULT_TIMEOUT)
        .or_fail();
}

/// A whole intake of a new resident, from the start screen to the saved dossier.
pub fn full_intake(p: &mut Pty, first: &str, last: &str) {
    new_intake(p);
    type_person(p, first, last);
    answer_required_sections(p);
    to_ladder(p);
    save_from_ladder(p);
}

/// Quit from wherever the program is: back to the start screen, then stop.
pub fn quit(p: &mut Pty) -> super::pty::Exit {
    p.send_key(Key::Ctrl('q')).or_fail();
    p.wait_exit(DEFAULT_TIMEOUT).or_fail()
}
