//! The throw-away PostgreSQL cluster the backend suites run on: each test gets its own
//! empty database, and a consultant role that belongs to the staff group.

#[path = "pg_support/mod.rs"]
mod pg_support;

use pg_support::{as_role, fresh_database, with_database};

#[test]
fn urls_are_rewritten_for_another_database_or_role() {
    let admin = "postgresql://meedoen_admin@127.0.0.1:5432/postgres?sslmode=disable";
    assert_eq!(
        with_database(admin, "t_1"),
        "postgresql://meedoen_admin@127.0.0.1:5432/t_1?sslmode=disable"
    );
    assert_eq!(
        as_role(admin, "consulent_a"),
        "postgresql://consulent_a@127.0.0.1:5432/postgres?sslmode=disable"
    );
    assert_eq!(
        as_role("postgresql://127.0.0.1/x", "b"),
        "postgresql://b@127.0.0.1/x"
    );
}

#[test]
fn each_test_gets_its_own_empty_database() {
    let (Some(a), Some(b)) = (fresh_database(), fresh_database()) else {
        return;
    };
    assert_ne!(a.name, b.name);
    a.sql("CREATE TABLE only_here (x int)");
    assert_eq!(
        b.sql("SELECT count(*) FROM pg_tables WHERE tablename = 'only_here'"),
        "0"
    );
    let role_url = a.consultant("cluster_consulent");
    assert!(role_url.contains("cluster_consulent@"));
    assert_eq!(
        a.sql("SELECT pg_has_role('cluster_consulent', 'meedoen_medewerker', 'member')"),
        "t"
    );
}
