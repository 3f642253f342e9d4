//! F9 in a dossier makes the resident's inzage (AVG art. 15) as a PDF in the documents
//! folder, and says where; the next inzage lists that it was made.

mod support;

use support::{flows, Key, OrFail, Workplace, DEFAULT_TIMEOUT};

#[test]
fn f9_in_a_dossier_saves_the_inzage_and_says_where() {
    let w = Workplace::new();
    let answers = w.jan_voorbeeld_file();
    let id = w.run_ok(&["intake", "import", "--answers", &answers.to_string_lossy()]);
    let mut p = w.spawn_tui();
    flows::wait_start(&p);
    p.send("Voorb").or_fail();
    p.wait_for("Voorbeeld, Jan", DEFAULT_TIMEOUT).or_fail();
    p.send_key(Key::Enter).or_fail();
    p.wait_for("Dossier: Jan Voorbeeld", DEFAULT_TIMEOUT)
        .or_fail();
    p.send_key(Key::F(9)).or_fail();
    p.wait_for("Inzage opgeslagen", DEFAULT_TIMEOUT).or_fail();
    let mut found = Vec::new();
    for e in walk(w.path()) {
        if e.file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("inzage_jan-voorbeeld_"))
        {
            found.push(e);
        }
    }
    assert_eq!(found.len(), 1, "{found:?}\n{}", p.screen_text());
    let bytes = std::fs::read(&found[0]).unwrap_or_default();
    assert!(bytes.starts_with(b"%PDF-"));
    let exit = flows::quit(&mut p);
    assert!(exit.success(), "{exit:?}");
    let json = w.run_ok(&[
        "dossier",
        "export",
        id.trim(),
        "--format",
        "json",
        "--out",
        "-",
    ]);
    assert!(json.contains("inzage gemaakt door tester"), "{json}");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}
