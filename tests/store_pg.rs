//! What only PostgreSQL has: the schema table, roles and grants, many connections at
//! once, a server that goes away. Each test is skipped without `MEEDOEN_TEST_PG`.

mod store_backends;

use meedoen::store::{Backend, Location, NewResident, Store, StoreError};
use std::sync::{Arc, Barrier};

fn admin(url: &str) -> postgres::Client {
    postgres::Client::connect(url, postgres::NoTls).unwrap_or_else(|e| panic!("{e}"))
}

/// A new database (dropped with the returned guard) and its URL.
fn fresh() -> Option<(store_backends::pg_support::PgDatabase, String)> {
    store_backends::fresh_database().map(|db| {
        let url = db.url.clone();
        (db, url)
    })
}

fn person(surname: &str, bsn: Option<&str>) -> NewResident {
    NewResident {
        first_names: "Test".into(),
        surname: surname.into(),
        bsn: bsn.map(str::to_string),
        ..NewResident::default()
    }
}

#[test]
fn a_url_is_a_server_and_anything_else_a_file() {
    assert_eq!(
        Location::parse("postgresql://app@db/meedoen"),
        Location::Postgres("postgresql://app@db/meedoen".into())
    );
    assert_eq!(
        Location::parse("postgres://db/meedoen"),
        Location::Postgres("postgres://db/meedoen".into())
    );
    assert_eq!(
        Location::parse("C:\\data\\meedoen.db"),
        Location::File("C:\\data\\meedoen.db".into())
    );
}

#[test]
fn a_new_database_gets_schema_4_and_says_it_is_postgres() {
    let Some((_db, url)) = fresh() else { return };
    let s = Store::open_url(&url).unwrap();
    assert_eq!(s.backend(), Backend::Postgres);
    assert_eq!(s.schema_version().unwrap(), 4);
    let trips = |s: &Store| {
        let before = s.round_trips();
        s.search_residents("jan", 10).unwrap();
        s.round_trips() - before
    };
    let first = trips(&s);
    let again = trips(&s);
    assert!(again > 0, "statements are counted");
    assert!(
        again < first,
        "the second search reuses the prepared statements"
    );
}

#[test]
fn a_newer_schema_is_refused_and_left_alone() {
    let Some((_db, url)) = fresh() else { return };
    drop(Store::open_url(&url).unwrap());
    let mut raw = admin(&url);
    raw.batch_execute("UPDATE meedoen_schema SET version = 99")
        .unwrap();
    match Store::open_url(&url) {
        Err(
            e @ StoreError::NewerVersion {
                found: 99,
                known: 4,
            },
        ) => {
            assert!(e.to_string().contains("nieuwere versie"), "{e}");
        }
        Err(e) => panic!("expected NewerVersion, got {e}"),
        Ok(_) => panic!("a newer schema was opened"),
    }
    let v: i64 = raw
        .query_one("SELECT version FROM meedoen_schema", &[])
        .unwrap()
        .get(0);
    assert_eq!(v, 99);
}

#[test]
fn another_programs_database_is_not_touched() {
    let Some((_db, url)) = fresh() else { return };
    admin(&url)
        .batch_execute("CREATE TABLE klanten (id BIGINT)")
        .unwrap();
    assert!(matches!(Store::open_url(&url), Err(StoreError::Corrupt(_))));
    let mine: i64 = admin(&url)
        .query_one(
            "SELECT count(*) FROM pg_tables WHERE tablename = 'residents'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(mine, 0);
}

#[test]
fn two_programs_starting_at_once_on_a_new_database_both_open_it() {
    let Some((_db, url)) = fresh() else { return };
    let barrier = Arc::new(Barrier::new(4));
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let (url, barrier) = (url.clone(), barrier.clone());
            std::thread::spawn(move || {
                barrier.wait();
                Store::open_url(&url).map(|s| s.schema_version())
            })
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap().unwrap().unwrap(), 4);
    }
}

/// A login role in the group `meedoen_medewerker`, unique to this database.
fn staff_role(url: &str) -> (String, String) {
    let db = url.rsplit('/').next().unwrap_or_default().to_string();
    let role = format!("{db}_app");
    let mut raw = admin(url);
    raw.batch_execute(&format!(
        "DO $$ BEGIN
             IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'meedoen_medewerker') THEN
                 CREATE ROLE meedoen_medewerker NOLOGIN;
             END IF;
         EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
         END $$;
         CREATE ROLE {role} LOGIN IN ROLE meedoen_medewerker;
         GRANT CONNECT ON DATABASE {db} TO {role};"
    ))
    .unwrap();
    let (scheme, rest) = url.split_once("://").unwrap();
    let host = rest.rsplit_once('@').map_or(rest, |(_, h)| h);
    (role.clone(), format!("{scheme}://{role}@{host}"))
}

#[test]
fn the_staff_role_writes_but_cannot_change_the_access_log() {
    let Some((_db, url)) = fresh() else { return };
    let (role, staff_url) = staff_role(&url);
    // The DBA's first start runs the migration and the grants.
    drop(Store::open_url(&url).unwrap());

    let mut s = Store::open_url(&staff_url).unwrap();
    assert_eq!(s.staff(), role, "the staff member is the database role");
    let id = s.create_resident(&person("Voorbeeld", None)).unwrap();
    s.log("open_dossier", Some(id)).unwrap();
    let log = s.access_log(Some(id), 10).unwrap();
    assert!(log.iter().all(|e| e.staff == role), "{log:?}");

    // The grant: the role may not change or remove a line.
    let mut as_staff = admin(&staff_url);
    for sql in [
        "UPDATE access_log SET staff = 'iemand'",
        "DELETE FROM access_log",
    ] {
        let e = as_staff.batch_execute(sql).unwrap_err();
        assert_eq!(
            e.code(),
            Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE),
            "{sql}"
        );
    }
    // The trigger: not even the owner may.
    let mut owner = admin(&url);
    for sql in [
        "UPDATE access_log SET staff = 'iemand'",
        "DELETE FROM access_log",
        "TRUNCATE access_log",
    ] {
        let e = owner.batch_execute(sql).unwrap_err();
        let msg = e.as_db_error().map(|d| d.message().to_string());
        assert_eq!(
            msg.as_deref(),
            Some("het toegangslogboek kan niet worden gewijzigd"),
            "{sql}"
        );
    }
    assert_eq!(s.access_log(Some(id), 10).unwrap(), log);
}

#[test]
fn a_role_without_grants_is_told_to_ask_the_administrator() {
    let Some((_db, url)) = fresh() else { return };
    drop(Store::open_url(&url).unwrap());
    let db = url.rsplit('/').next().unwrap_or_default().to_string();
    let role = format!("{db}_zonder");
    admin(&url)
        .batch_execute(&format!("CREATE ROLE {role} LOGIN"))
        .unwrap();
    let (scheme, rest) = url.split_once("://").unwrap();
    let host = rest.rsplit_once('@').map_or(rest, |(_, h)| h);
    let e = match Store::open_url(&format!("{scheme}://{role}@{host}")) {
        Err(e) => e,
        Ok(_) => panic!("a role without grants opened the record"),
    };
    assert!(matches!(e, StoreError::NotAllowed), "{e:?}");
    assert!(e.to_string().starts_with("Uw databaserol mag dit niet"));
}

#[test]
fn two_connections_saving_one_new_bsn_at_once_make_one_resident() {
    let Some((_db, url)) = fresh() else { return };
    drop(Store::open_url(&url).unwrap());
    for round in 0..5 {
        let bsn = format!("11122233{round}");
        let barrier = Arc::new(Barrier::new(2));
        let handles: Vec<_> = (0..2)
            .map(|n| {
                let (url, barrier, bsn) = (url.clone(), barrier.clone(), bsn.clone());
                std::thread::spawn(move || {
                    let mut s = Store::open_url(&url).unwrap();
                    barrier.wait();
                    s.create_resident(&person(&format!("Gelijk{n}"), Some(&bsn)))
                })
            })
            .collect();
        let results: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        let saved: Vec<_> = results.iter().filter_map(|r| r.as_ref().ok()).collect();
        assert_eq!(saved.len(), 1, "{results:?}");
        assert!(
            results
                .iter()
                .any(|r| matches!(r, Err(StoreError::BsnInUse(id)) if id == saved[0])),
            "{results:?}"
        );
        let n: i64 = admin(&url)
            .query_one("SELECT count(*) FROM residents WHERE bsn = $1", &[&bsn])
            .unwrap()
            .get(0);
        assert_eq!(n, 1);
    }
}

#[test]
fn a_lost_connection_is_said_once_and_the_next_call_connects_again() {
    let Some((_db, url)) = fresh() else { return };
    let mut s = Store::open_url(&url).unwrap();
    let id = s.create_resident(&person("Verbinding", None)).unwrap();
    let db = url.rsplit('/').next().unwrap_or_default().to_string();
    let killed: i64 = admin(&url)
        .query_one(
            "SELECT count(*) FROM (SELECT pg_terminate_backend(pid) FROM pg_stat_activity
             WHERE datname = $1 AND pid <> pg_backend_pid()) AS t",
            &[&db],
        )
        .unwrap()
        .get(0);
    assert!(killed >= 1);
    std::thread::sleep(std::time::Duration::from_millis(200));
    match s.resident(id) {
        Err(e @ StoreError::Disconnected) => {
            assert!(e
                .to_string()
                .starts_with("De verbinding met de databaseserver is verbroken"));
        }
        other => panic!("expected Disconnected, got {other:?}"),
    }
    // The server is still there: the next call connects again and works, writes too.
    assert_eq!(s.resident(id).unwrap().surname, "Verbinding");
    s.log("open_dossier", Some(id)).unwrap();
}

#[test]
fn an_unreachable_server_is_one_sentence_without_the_password() {
    let e = match Store::open_url("postgresql://app:geheim@127.0.0.1:9/meedoen?connect_timeout=2") {
        Err(e) => e,
        Ok(_) => panic!("nothing listens on port 9"),
    };
    let text = e.to_string();
    assert!(matches!(e, StoreError::Unreachable(_)), "{e:?}");
    assert!(
        text.contains("127.0.0.1:9") && !text.contains("geheim"),
        "{text}"
    );
}

#[test]
fn an_unknown_sslmode_is_refused_in_dutch() {
    match Store::open_url("postgresql://app@127.0.0.1:9/meedoen?sslmode=altijd") {
        Err(StoreError::Invalid(m)) => assert!(m.contains("sslmode"), "{m}"),
        Err(e) => panic!("{e:?}"),
        Ok(_) => panic!("opened"),
    }
}

#[test]
fn the_check_finds_a_fresh_database_sound_and_a_rolled_back_save_leaves_no_gap() {
    let Some((_db, url)) = fresh() else { return };
    let mut s = Store::open_url(&url).unwrap();
    let id = s.create_resident(&person("Controle", None)).unwrap();
    // A use case that logs and then fails is rolled back whole, its log line too.
    let failed: Result<(), StoreError> = s.transaction(|s| {
        s.log("open_dossier", Some(id))?;
        Err(StoreError::Invalid("afgebroken".into()))
    });
    assert!(failed.is_err());
    s.log("open_dossier", Some(id)).unwrap();
    let report = s.check().unwrap();
    assert!(report.is_ok(), "{report:?}");
    let ids: Vec<i64> = s
        .access_log(None, 10)
        .unwrap()
        .iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(ids, vec![2, 1]);
}

#[test]
fn the_check_finds_a_disabled_trigger_a_removed_line_and_a_back_dated_one() {
    let Some((_db, url)) = fresh() else { return };
    let mut s = Store::open_url(&url).unwrap();
    let id = s.create_resident(&person("Controle", None)).unwrap();
    s.log("open_dossier", Some(id)).unwrap();
    s.log("open_dossier", Some(id)).unwrap();
    admin(&url)
        .batch_execute(
            "ALTER TABLE access_log DISABLE TRIGGER access_log_no_delete;
             DELETE FROM access_log WHERE id = 2;
             INSERT INTO access_log (id, at, staff, workstation, action, client)
             VALUES (4, '2000-01-01 00:00:00', 'x', 'x', 'open_dossier', NULL);",
        )
        .unwrap();
    let report = s.check().unwrap();
    use meedoen::store::check::LogProblem;
    assert_eq!(
        report.log,
        vec![
            LogProblem::TriggerAltered("access_log_no_delete"),
            LogProblem::Removed(1),
            LogProblem::OutOfOrder(1),
        ]
    );
}

#[test]
fn backup_and_restore_on_a_server_point_to_pg_dump() {
    let on_server = Location::parse("postgresql://app@db/meedoen");
    let e = meedoen::store::backup::refuse_on_server(&on_server).unwrap_err();
    let text = e.to_string();
    assert!(
        text.contains("pg_dump") && text.contains("pg_restore"),
        "{text}"
    );
    assert!(meedoen::store::backup::refuse_on_server(&Location::parse("meedoen.db")).is_ok());
}

/// A self-signed certificate for 127.0.0.1 (`openssl req`), its files readable by the
/// server's account.
#[cfg(unix)]
fn certificate(dir: &std::path::Path, name: &str, owner: (u32, u32)) -> (String, String) {
    let crt = dir.join(format!("{name}.crt"));
    let key = dir.join(format!("{name}.key"));
    let out = std::process::Command::new("openssl")
        .args([
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
        ])
        .args(["-subj", "/CN=127.0.0.1"])
        .args(["-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"])
        .arg("-keyout")
        .arg(&key)
        .arg("-out")
        .arg(&crt)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).unwrap();
    for f in [&crt, &key] {
        std::os::unix::fs::chown(f, Some(owner.0), Some(owner.1)).unwrap();
    }
    (crt.display().to_string(), key.display().to_string())
}

#[cfg(unix)]
#[test]
fn tls_verify_full_trusts_only_the_given_certificate() {
    use std::os::unix::fs::MetadataExt;
    let Some((_db, url)) = fresh() else { return };
    let mut raw = admin(&url);
    let data: String = raw
        .query_one("SELECT current_setting('data_directory')", &[])
        .unwrap()
        .get(0);
    let meta = std::fs::metadata(&data).unwrap();
    let owner = (meta.uid(), meta.gid());
    let dir = tempfile::tempdir().unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    let (server_crt, server_key) = certificate(dir.path(), "server", owner);
    let (other_crt, _) = certificate(dir.path(), "other", owner);
    let set = |raw: &mut postgres::Client, sql: &str| raw.batch_execute(sql).unwrap();
    set(
        &mut raw,
        &format!("ALTER SYSTEM SET ssl_cert_file = '{server_crt}'"),
    );
    set(
        &mut raw,
        &format!("ALTER SYSTEM SET ssl_key_file = '{server_key}'"),
    );
    set(&mut raw, "ALTER SYSTEM SET ssl = on");
    set(&mut raw, "SELECT pg_reload_conf()");
    std::thread::sleep(std::time::Duration::from_millis(500));

    let trusted = Store::open_url(&format!(
        "{url}?sslmode=verify-full&sslrootcert={server_crt}"
    ));
    let untrusted = Store::open_url(&format!(
        "{url}?sslmode=verify-full&sslrootcert={other_crt}"
    ));
    let unchecked = Store::open_url(&format!("{url}?sslmode=require"));

    // Leave the cluster as it was for the other tests.
    set(&mut raw, "ALTER SYSTEM RESET ssl");
    set(&mut raw, "ALTER SYSTEM RESET ssl_cert_file");
    set(&mut raw, "ALTER SYSTEM RESET ssl_key_file");
    set(&mut raw, "SELECT pg_reload_conf()");

    assert_eq!(trusted.unwrap().schema_version().unwrap(), 4);
    match untrusted {
        Err(e @ StoreError::Untrusted(_)) => {
            assert!(e.to_string().contains("certificaat"), "{e}")
        }
        Err(e) => panic!("expected Untrusted, got {e:?}"),
        Ok(_) => panic!("verify-full accepted a certificate it was not given"),
    }
    assert!(unchecked.is_ok(), "require encrypts without checking");
}

#[test]
fn an_unknown_role_or_database_is_one_dutch_sentence() {
    let Some((_db, url)) = fresh() else { return };
    let (scheme, rest) = url.split_once("://").unwrap();
    let host = rest.rsplit_once('@').map_or(rest, |(_, h)| h);
    match Store::open_url(&format!("{scheme}://niemand_hier@{host}")) {
        Err(e @ StoreError::LoginRefused) => {
            assert!(e
                .to_string()
                .starts_with("De databaseserver weigert de aanmelding"))
        }
        other => panic!("expected LoginRefused, got {:?}", other.err()),
    }
    let (server, _) = url.rsplit_once('/').unwrap();
    match Store::open_url(&format!("{server}/bestaat_niet")) {
        Err(e @ StoreError::Other(_)) => {
            assert!(e.to_string().contains("bestaat niet op deze server"), "{e}")
        }
        other => panic!("expected a missing database, got {:?}", other.err()),
    }
}

#[test]
fn a_value_of_the_wrong_type_is_refused_not_sent_as_other_bytes() {
    use meedoen::store::db::{Db, Value};
    let Some((_db, url)) = fresh() else { return };
    let db = Db::postgres(&url).unwrap();
    let sum: i64 = db
        .query_row("SELECT CAST(?1 AS BIGINT) + 1", &[Value::Int(41)], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(sum, 42);
    let wrong = db.query_row(
        "SELECT CAST(?1 AS BIGINT) + 1",
        &[Value::Text("41".into())],
        |r| r.get::<i64>(0),
    );
    assert!(wrong.is_err(), "{wrong:?}");
    // The connection is still usable afterwards.
    let n: i64 = db
        .query_row("SELECT CAST(?1 AS BIGINT)", &[Value::Int(7)], |r| r.get(0))
        .unwrap();
    assert_eq!(n, 7);
}
