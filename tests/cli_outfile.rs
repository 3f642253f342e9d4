//! Writing a file never destroys one: `contract export --out` refuses the open database
//! (however it is spelled), its companion files, any other SQLite database, a folder and
//! anything that is not a regular file; `--out -` writes to standard output.

mod cli_support;
use cli_support::{full_answers, Run, Sandbox};
use std::path::{Path, PathBuf};

/// A sandbox with one resident (a fictitious one) and a drafted contract.
fn setup() -> Sandbox {
    let sb = Sandbox::new();
    let file = sb.write_json("a.json", &full_answers());
    let db = sb.db();
    sb.run(&[
        "--db",
        db.to_str().unwrap(),
        "intake",
        "import",
        "--answers",
        file.to_str().unwrap(),
        "--date",
        "2025-02-03",
    ])
    .ok();
    run_db(&sb, &["contract", "draft", "1"]).ok();
    sb
}

fn run_db(sb: &Sandbox, args: &[&str]) -> Run {
    let db = sb.db();
    let mut all = vec!["--db", db.to_str().unwrap()];
    all.extend_from_slice(args);
    let out = sb
        .command(&all)
        // A file named `-` must never appear, and never in the repository.
        .current_dir(sb.dir.path())
        .output()
        .expect("run meedoen");
    Run::from(out)
}

fn export_to(sb: &Sandbox, format: &str, target: &Path) -> Run {
    run_db(
        sb,
        &[
            "contract",
            "export",
            "1",
            "--format",
            format,
            "--out",
            target.to_str().unwrap(),
        ],
    )
}

/// The refusal is one line, the database is byte for byte what it was and still opens
/// with its resident.
fn assert_refused(sb: &Sandbox, target: &Path, expect_in_message: &str) {
    let before = std::fs::read(sb.db()).expect("read db");
    for format in ["pdf", "md"] {
        let r = export_to(sb, format, target);
        r.user_error();
        assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
        assert!(
            r.stderr.contains(expect_in_message),
            "{target:?}: {}",
            r.stderr
        );
        assert!(r.stdout.is_empty(), "{}", r.stdout);
    }
    assert_eq!(
        std::fs::read(sb.db()).expect("read db"),
        before,
        "the database changed"
    );
    let draft = run_db(sb, &["contract", "draft", "1"]);
    draft.ok();
    assert!(draft.stdout.contains("Voorbeeld"), "{}", draft.stdout);
    // No temporary file is left behind.
    let leftovers: Vec<PathBuf> = std::fs::read_dir(sb.dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn the_open_database_itself_is_refused() {
    let sb = setup();
    assert_refused(&sb, &sb.db(), "database");
}

#[test]
fn the_database_spelled_differently_is_refused() {
    let sb = setup();
    std::fs::create_dir(sb.path("x")).unwrap();
    assert_refused(&sb, &sb.path("x").join("..").join("test.db"), "database");
    assert_refused(&sb, &sb.path("./test.db"), "database");
}

#[cfg(unix)]
#[test]
fn a_symlink_or_hard_link_to_the_database_is_refused() {
    let sb = setup();
    let link = sb.path("link.pdf");
    std::os::unix::fs::symlink(sb.db(), &link).unwrap();
    assert_refused(&sb, &link, "database");
    let hard = sb.path("hard.pdf");
    std::fs::hard_link(sb.db(), &hard).unwrap();
    assert_refused(&sb, &hard, "database");
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
}

#[test]
fn the_companion_files_of_the_database_are_refused_even_when_absent() {
    let sb = setup();
    for suffix in ["-wal", "-shm", "-journal"] {
        let target = sb.path(&format!("test.db{suffix}"));
        assert_refused(&sb, &target, "database");
        assert!(!target.exists(), "{suffix} was written");
    }
}

#[test]
fn another_sqlite_database_is_not_overwritten() {
    let sb = setup();
    let other = sb.path("archief.db");
    std::fs::copy(sb.db(), &other).unwrap();
    let before = std::fs::read(&other).unwrap();
    assert_refused(&sb, &other, "database");
    assert_eq!(std::fs::read(&other).unwrap(), before);
}

#[test]
fn a_folder_is_refused() {
    let sb = setup();
    let dir = sb.path("map");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("inhoud.txt"), "blijft").unwrap();
    assert_refused(&sb, &dir, "map");
    assert_eq!(std::fs::read(dir.join("inhoud.txt")).unwrap(), b"blijft");
}

#[cfg(unix)]
fn is_char_device(p: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    std::fs::symlink_metadata(p)
        .map(|m| m.file_type().is_char_device())
        .unwrap_or(false)
}

#[cfg(unix)]
#[test]
fn a_device_node_or_a_symlink_to_one_is_not_replaced() {
    let sb = setup();
    let null = sb.path("null.pdf");
    std::os::unix::fs::symlink("/dev/null", &null).unwrap();
    assert_refused(&sb, &null, "gewoon bestand");
    assert!(std::fs::symlink_metadata(&null)
        .unwrap()
        .file_type()
        .is_symlink());
    // A copy of /dev/null (`cp -a /dev/null`) needs the right to make device nodes.
    let copy = sb.path("kopie-null.pdf");
    let c = std::ffi::CString::new(copy.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path; mknod only reads it.
    let made = unsafe { libc::mknod(c.as_ptr(), libc::S_IFCHR | 0o666, libc::makedev(1, 3)) };
    if made == 0 {
        assert_refused(&sb, &copy, "gewoon bestand");
        assert!(is_char_device(&copy), "the device node was replaced");
    } else {
        eprintln!("no right to make a device node here; only the symlink case ran");
    }
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_socket_is_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let sb = setup();
    let fifo = sb.path("pijp.md");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo only reads it.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    assert_refused(&sb, &fifo, "gewoon bestand");
    assert!(std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo());
    let sock = sb.path("sok.md");
    let _listener = std::os::unix::net::UnixListener::bind(&sock).unwrap();
    assert_refused(&sb, &sock, "gewoon bestand");
    assert!(std::fs::symlink_metadata(&sock)
        .unwrap()
        .file_type()
        .is_socket());
}

#[test]
fn an_ordinary_file_is_still_replaced() {
    let sb = setup();
    let old = sb.path("oud.md");
    std::fs::write(&old, "vorige versie").unwrap();
    export_to(&sb, "md", &old).ok();
    let text = std::fs::read_to_string(&old).unwrap();
    assert!(text.contains("Voorbeeld"), "{text}");
}

#[test]
fn a_dash_writes_to_standard_output() {
    let sb = setup();
    let dash = Path::new("-");
    let r = export_to(&sb, "md", dash);
    r.ok();
    assert!(r.stdout.contains("Voorbeeld"), "{}", r.stdout);
    let out = sb
        .command(&[
            "--db",
            sb.db().to_str().unwrap(),
            "contract",
            "export",
            "1",
            "--format",
            "pdf",
            "--out",
            "-",
        ])
        .current_dir(sb.dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.starts_with(b"%PDF"), "no PDF on stdout");
    assert!(!sb.path("-").exists(), "a file named - was written");
}
