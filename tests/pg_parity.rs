//! One demo seed gives the same figures on both backends, byte for byte: `worklist --json`,
//! `report --json` and `report --csv` of a SQLite file and of a PostgreSQL database filled
//! by the same `meedoen demo`.

mod cli_support;
use cli_support::pg_support::fresh_database;
use cli_support::Sandbox;

fn demo(sb: &Sandbox, db: &str) {
    sb.run(&[
        "--db",
        db,
        "demo",
        "--clients",
        "300",
        "--seed",
        "11",
        "--no-tui",
    ])
    .ok();
}

fn figures(sb: &Sandbox, db: &str, as_of: &str) -> Vec<String> {
    [
        vec!["worklist", "--as-of", as_of, "--json"],
        vec!["report", "--as-of", as_of, "--json"],
        vec!["report", "--as-of", as_of, "--csv"],
        vec!["worklist", "--as-of", as_of],
    ]
    .iter()
    .map(|args| {
        let mut all = vec!["--db", db];
        all.extend(args.iter().copied());
        let r = sb.run(&all);
        r.ok();
        r.stdout
    })
    .collect()
}

#[test]
fn the_same_demo_gives_identical_figures_on_sqlite_and_postgresql() {
    let Some(pg) = fresh_database() else {
        return;
    };
    let sb = Sandbox::new();
    let file = sb.path("demo.db");
    let file = file.to_str().unwrap();
    demo(&sb, file);
    // The owner makes the schema, as a DBA would; the demo writes as the role `demo`,
    // the staff member the file's demo records.
    sb.run(&["--db", &pg.url, "worklist"]).ok();
    let as_demo = pg.consultant("demo");
    demo(&sb, &as_demo);
    for as_of in ["2025-03-01", "2025-12-31", "2026-07-01"] {
        let on_file = figures(&sb, file, as_of);
        let on_server = figures(&sb, &as_demo, as_of);
        assert!(
            on_file[1].contains("\"clients\""),
            "no report: {}",
            on_file[1]
        );
        for (i, (a, b)) in on_file.iter().zip(&on_server).enumerate() {
            assert!(
                a == b,
                "figures {i} differ on {as_of}:\nSQLite:\n{a}\nPostgreSQL:\n{b}"
            );
        }
    }
}

#[test]
fn the_demo_refuses_a_postgresql_database_that_has_residents() {
    let Some(pg) = fresh_database() else {
        return;
    };
    let sb = Sandbox::new();
    demo(&sb, &pg.url);
    let before = sb.run(&["--db", &pg.url, "report", "--json"]);
    before.ok();
    let again = sb.run(&["--db", &pg.url, "demo", "--clients", "5", "--no-tui"]);
    again.user_error();
    let after = sb.run(&["--db", &pg.url, "report", "--json"]);
    assert_eq!(
        before.stdout, after.stdout,
        "the demo changed a filled database"
    );
}
