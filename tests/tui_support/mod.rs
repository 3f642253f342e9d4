//! Shared helpers for the interface tests: an App on a temporary database, keys, screens
//! rendered into a fixed-size TestBackend, and fictitious residents.
#![allow(dead_code)]

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use meedoen::domain::{Answers, Value};
use meedoen::forms::{Forms, Kind, Lang};
use meedoen::service;
use meedoen::store::{ClientId, ContactKind, Store};
use meedoen::tui::{App, AppOptions};
use ratatui::backend::TestBackend;
use ratatui::Terminal;
use std::collections::HashSet;
use std::path::PathBuf;

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 3, 12).expect("valid date")
}

pub fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

/// The forms shipped inside the program.
pub fn forms() -> Forms {
    meedoen::forms::builtin()
}

pub struct Harness {
    pub app: App,
    pub dir: tempfile::TempDir,
}

pub fn options() -> AppOptions {
    AppOptions {
        lang: Lang::Nl,
        ascii: false,
        no_color: true,
        today: today(),
        test_panic: false,
    }
}

impl Harness {
    pub fn new() -> Harness {
        let dir = tempfile::tempdir().expect("temp dir");
        Harness::in_dir(dir)
    }

    pub fn in_dir(dir: tempfile::TempDir) -> Harness {
        Harness::with_options(dir, options())
    }

    pub fn with_options(dir: tempfile::TempDir, opts: AppOptions) -> Harness {
        let store = Store::open(&dir.path().join("meedoen.db"), "consulent1").expect("open store");
        let mut app = App::new(store, forms(), opts);
        // The event loop's first tick after the first frame: the start screen's counts.
        app.tick(std::time::Instant::now());
        Harness { app, dir }
    }

    /// The cells of a render, for checking styles.
    pub fn buffer(&self, w: u16, h: u16) -> ratatui::buffer::Buffer {
        let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        t.draw(|f| self.app.render(f)).expect("draw");
        t.backend().buffer().clone()
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("meedoen.db")
    }

    /// A second connection, as another part of the program (or a check) would open it.
    pub fn other_store(&self) -> Store {
        Store::open(&self.db(), "controle").expect("open store")
    }

    /// The same database opened by a fresh program (after a quit or a crash).
    pub fn restart(self) -> Harness {
        let Harness { app, dir } = self;
        drop(app);
        Harness::in_dir(dir)
    }

    pub fn key(&mut self, code: KeyCode) {
        self.app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    }

    pub fn ctrl(&mut self, c: char) {
        self.app
            .handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL));
    }

    pub fn shift_tab(&mut self) {
        self.app
            .handle_key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    }

    pub fn type_str(&mut self, s: &str) {
        for c in s.chars() {
            if c == '\n' {
                self.key(KeyCode::Enter);
            } else {
                self.key(KeyCode::Char(c));
            }
        }
    }

    pub fn focus(&self) -> String {
        self.app.focused_question().unwrap_or("").to_string()
    }

    /// Tab until the focus is on `id` (at most `limit` steps).
    pub fn tab_to(&mut self, id: &str) {
        for _ in 0..80 {
            if self.focus() == id {
                return;
            }
            self.key(KeyCode::Tab);
        }
        panic!("vraag {id} niet bereikt; focus op {}", self.focus());
    }

    pub fn screen(&self, w: u16, h: u16) -> String {
        let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        t.draw(|f| self.app.render(f)).expect("draw");
        let buf = t.backend().buffer().clone();
        let mut out = String::new();
        for y in 0..h {
            for x in 0..w {
                out.push_str(buf[(x, y)].symbol());
            }
            out.push('\n');
        }
        out
    }

    /// Render at a size, telling the app about it first (as a resize event would).
    pub fn screen_at(&mut self, w: u16, h: u16) -> String {
        self.app.set_size(w, h);
        self.screen(w, h)
    }
}

/// What to answer, by question id, when filling the intake with keys.
#[derive(Debug, Clone)]
pub enum Want {
    Type(&'static str),
    Yes,
    No,
    Pick(&'static str),
    Picks(&'static [&'static str]),
}

/// The digit key that picks option `id` of question `q`.
pub fn digit_for(forms: &Forms, q: &str, id: &str) -> char {
    let question = forms.intake.question(q).expect("question exists");
    let idx = question
        .options
        .iter()
        .position(|o| o.id == id)
        .unwrap_or_else(|| panic!("option {id} of {q}"));
    assert!(idx < 10, "option {id} of {q} has no digit");
    char::from_digit(((idx + 1) % 10) as u32, 10).expect("digit")
}

/// Walk the wizard with Tab from the current focus to the end, answering what is wanted.
pub fn fill_by_keys(h: &mut Harness, wants: &[(&str, Want)]) {
    let forms = forms();
    let mut answered = HashSet::new();
    let mut steps = 0;
    loop {
        steps += 1;
        assert!(steps < 300, "wizard did not end");
        let id = h.focus();
        if let Some((_, want)) = wants.iter().find(|(q, _)| *q == id) {
            if answered.insert(id.clone()) {
                let kind = forms.intake.question(&id).map(|q| q.kind.clone());
                match want {
                    Want::Type(s) => {
                        h.type_str(s);
                        if kind == Some(Kind::Textarea) {
                            // Tab leaves a text box; Enter would add a line.
                        }
                    }
                    Want::Yes => h.key(KeyCode::Char('j')),
                    Want::No => h.key(KeyCode::Char('n')),
                    Want::Pick(o) => h.key(KeyCode::Char(digit_for(&forms, &id, o))),
                    Want::Picks(os) => {
                        for o in *os {
                            h.key(KeyCode::Char(digit_for(&forms, &id, o)));
                        }
                    }
                }
            }
        }
        let before = h.focus();
        h.key(KeyCode::Tab);
        if h.focus() == before {
            break;
        }
    }
}

/// A complete, valid intake of a fictitious resident, typed as a consultant would.
pub fn typical_intake() -> Vec<(&'static str, Want)> {
    vec![
        ("persoon.voornamen", Want::Type("Jan")),
        ("persoon.achternaam", Want::Type("Voorbeeld")),
        ("persoon.geboortedatum", Want::Type("01-02-1980")),
        ("persoon.bsn", Want::Type("123456782")),
        ("persoon.huishouden", Want::Pick("alleenstaand")),
        ("persoon.statushouder", Want::No),
        ("werk.betaald", Want::No),
        ("werk.opleiding", Want::Pick("mbo2_4")),
        ("werk.ingeschreven_uwv", Want::Yes),
        ("werk.belemmeringen", Want::Picks(&["zorgtaken", "vervoer"])),
        ("werk.wensen", Want::Type("Iets in de groenvoorziening.")),
        ("meedoen.onbetaald_werk", Want::Pick("nee")),
        ("meedoen.georganiseerd", Want::Pick("wekelijks")),
        ("meedoen.sociaal_contact", Want::Pick("wekelijks")),
        ("inkomen.bronnen", Want::Picks(&["bijstand"])),
        ("inkomen.netto_per_maand", Want::Type("1.245,50")),
        ("schulden.heeft_schulden", Want::Pick("nee")),
        ("wonen.situatie", Want::Pick("huur")),
        ("wonen.onzeker", Want::No),
        ("taal.onderwijs_nl_8jaar", Want::Yes),
        ("taal.laaggeletterd", Want::No),
        ("gezondheid.steun_netwerk", Want::Pick("beetje")),
        (
            "regie.doel",
            Want::Type("Over een jaar vrijwilligerswerk doen."),
        ),
    ]
}

fn text(s: &str) -> Value {
    Value::Text(s.to_string())
}

fn choice(s: &str) -> Value {
    Value::Choice(s.to_string())
}

fn multi(s: &[&str]) -> Value {
    Value::Multi(s.iter().map(|x| x.to_string()).collect())
}

/// Valid answers for a fictitious resident; `rung_hint` varies the participation answers.
pub fn answers(first: &str, surname: &str, born: NaiveDate, participation: &str) -> Answers {
    let mut a = Answers::new();
    a.insert("persoon.voornamen".into(), text(first));
    a.insert("persoon.achternaam".into(), text(surname));
    a.insert("persoon.geboortedatum".into(), Value::Date(born));
    a.insert("persoon.huishouden".into(), choice("alleenstaand"));
    a.insert("werk.betaald".into(), Value::Bool(false));
    a.insert("werk.ingeschreven_uwv".into(), Value::Bool(true));
    a.insert("meedoen.onbetaald_werk".into(), choice("nee"));
    a.insert("meedoen.georganiseerd".into(), choice("nee"));
    a.insert("meedoen.sociaal_contact".into(), choice("nee"));
    match participation {
        "2" => {
            a.insert("meedoen.sociaal_contact".into(), choice("wekelijks"));
        }
        "3" => {
            a.insert("meedoen.georganiseerd".into(), choice("wekelijks"));
        }
        "4" => {
            a.insert("meedoen.onbetaald_werk".into(), choice("wekelijks"));
        }
        _ => {}
    }
    a.insert("inkomen.bronnen".into(), multi(&["bijstand"]));
    a.insert("schulden.heeft_schulden".into(), choice("nee"));
    a.insert("wonen.situatie".into(), choice("huur"));
    a.insert("taal.onderwijs_nl_8jaar".into(), Value::Bool(true));
    a.insert("regie.doel".into(), text("Werk vinden."));
    a.insert("verwachting.trede".into(), choice("4"));
    a.insert("verwachting.termijn_maanden".into(), Value::Int(12));
    a
}

/// A resident with three yearly measurements (rungs 1 → 2 → 3) and open signals from the
/// last one (threatened eviction, overdue; a language test, still open).
pub fn resident_with_history(store: &mut Store, forms: &Forms) -> ClientId {
    let born = d(1979, 5, 17);
    let first = answers("Jan", "Voorbeeld", born, "1");
    let saved = service::save_contact(
        store,
        forms,
        None,
        ContactKind::Intake,
        &first,
        d(2022, 3, 1),
        None,
    )
    .expect("save first intake");
    let id = saved.client;
    let second = answers("Jan", "Voorbeeld", born, "2");
    service::save_contact(
        store,
        forms,
        Some(id),
        ContactKind::Checkin,
        &second,
        d(2023, 3, 6),
        None,
    )
    .expect("save check-in");
    let mut third = answers("Jan", "Voorbeeld", born, "3");
    third.insert("persoon.bsn".into(), text("123456782"));
    third.insert("schulden.heeft_schulden".into(), choice("ja"));
    third.insert("schulden.dreiging".into(), multi(&["huisuitzetting"]));
    third.insert("schulden.in_traject".into(), Value::Bool(false));
    third.insert("taal.onderwijs_nl_8jaar".into(), Value::Bool(false));
    third.insert("taal.bewijs".into(), choice("geen"));
    service::save_contact(
        store,
        forms,
        Some(id),
        ContactKind::Checkin,
        &third,
        d(2025, 3, 3),
        None,
    )
    .expect("save second check-in");
    id
}

/// A few residents for the start screen.
pub fn some_residents(store: &mut Store, forms: &Forms) {
    for (first, last, born, p) in [
        ("Anna", "Testpersoon", d(1990, 7, 1), "2"),
        ("Bram", "de Voorbeeld", d(1985, 11, 3), "4"),
        ("Chloë", "Proefmans", d(2001, 1, 23), "1"),
    ] {
        let a = answers(first, last, born, p);
        service::save_contact(
            store,
            forms,
            None,
            ContactKind::Intake,
            &a,
            d(2024, 9, 2),
            None,
        )
        .expect("save intake");
    }
}

/// Hide the clock time of saved drafts so snapshots are stable.
pub fn hide_times(screen: &str) -> String {
    let mut out = String::new();
    for line in screen.lines() {
        let mut l = line.to_string();
        if let Some(i) = l.find("(bewaard ") {
            let end = l[i..].find(')').map(|e| i + e + 1).unwrap_or(l.len());
            let len = l[i..end].chars().count();
            let repl = format!("{:<len$}", "(bewaard [tijd])");
            l.replace_range(i..end, &repl);
        }
        out.push_str(&l);
        out.push('\n');
    }
    out
}
