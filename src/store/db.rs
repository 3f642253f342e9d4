//! One database layer over SQLite (rusqlite) and PostgreSQL (postgres): SQL is written once
//! with `?N` placeholders, values go in as [`Value`] and come out through [`Row::get`].

use super::{Result, StoreError};
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;

/// A value bound to a statement, borrowed where it can be.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    Null,
    Int(i64),
    Real(f64),
    Text(Cow<'a, str>),
    Blob(Cow<'a, [u8]>),
}

/// Anything that binds as a [`Value`]; `params!` calls it on each argument.
pub trait ToValue {
    fn to_value(&self) -> Value<'_>;
}

impl ToValue for Value<'_> {
    fn to_value(&self) -> Value<'_> {
        match self {
            Value::Null => Value::Null,
            Value::Int(i) => Value::Int(*i),
            Value::Real(f) => Value::Real(*f),
            Value::Text(s) => Value::Text(Cow::Borrowed(s)),
            Value::Blob(b) => Value::Blob(Cow::Borrowed(b)),
        }
    }
}

macro_rules! int_to_value {
    ($($t:ty),*) => {$(
        impl ToValue for $t {
            fn to_value(&self) -> Value<'_> {
                Value::Int(i64::from(*self))
            }
        }
    )*};
}
int_to_value!(i64, i32, u32, u16, u8, bool);

impl ToValue for usize {
    fn to_value(&self) -> Value<'_> {
        Value::Int(i64::try_from(*self).unwrap_or(i64::MAX))
    }
}

impl ToValue for f64 {
    fn to_value(&self) -> Value<'_> {
        Value::Real(*self)
    }
}

impl ToValue for str {
    fn to_value(&self) -> Value<'_> {
        Value::Text(Cow::Borrowed(self))
    }
}

impl ToValue for String {
    fn to_value(&self) -> Value<'_> {
        Value::Text(Cow::Borrowed(self))
    }
}

impl ToValue for [u8] {
    fn to_value(&self) -> Value<'_> {
        Value::Blob(Cow::Borrowed(self))
    }
}

impl ToValue for Vec<u8> {
    fn to_value(&self) -> Value<'_> {
        Value::Blob(Cow::Borrowed(self))
    }
}

impl<T: ToValue> ToValue for Option<T> {
    fn to_value(&self) -> Value<'_> {
        match self {
            Some(v) => v.to_value(),
            None => Value::Null,
        }
    }
}

impl<T: ToValue + ?Sized> ToValue for &T {
    fn to_value(&self) -> Value<'_> {
        (**self).to_value()
    }
}

/// `params![a, b]`: the arguments of a statement as a slice of [`Value`].
macro_rules! params {
    () => {
        &[] as &[$crate::store::db::Value<'_>]
    };
    ($($x:expr),+ $(,)?) => {
        &[$($crate::store::db::ToValue::to_value(&$x)),+] as &[$crate::store::db::Value<'_>]
    };
}
pub(crate) use params;

impl rusqlite::ToSql for Value<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::ValueRef;
        Ok(rusqlite::types::ToSqlOutput::Borrowed(match self {
            Value::Null => ValueRef::Null,
            Value::Int(i) => ValueRef::Integer(*i),
            Value::Real(f) => ValueRef::Real(*f),
            Value::Text(s) => ValueRef::Text(s.as_bytes()),
            Value::Blob(b) => ValueRef::Blob(b),
        }))
    }
}

type BoxError = Box<dyn std::error::Error + Sync + Send>;

impl postgres::types::ToSql for Value<'_> {
    fn to_sql(
        &self,
        ty: &postgres::types::Type,
        out: &mut postgres::types::private::BytesMut,
    ) -> std::result::Result<postgres::types::IsNull, BoxError> {
        use postgres::types::Type;
        // Each value goes out in the parameter's own wire format; a value that does not
        // fit the column is refused here, never sent as bytes of another type.
        match (self, ty) {
            (Value::Null, _) => Ok(postgres::types::IsNull::Yes),
            (Value::Int(i), &Type::INT8) => i.to_sql(ty, out),
            (Value::Int(i), &Type::INT4) => i32::try_from(*i)?.to_sql(ty, out),
            (Value::Int(i), &Type::INT2) => i16::try_from(*i)?.to_sql(ty, out),
            (Value::Int(i), &Type::BOOL) => (*i != 0).to_sql(ty, out),
            // An integer stands for a real where SQLite's affinity would convert it.
            (Value::Int(i), &Type::FLOAT8) => (*i as f64).to_sql(ty, out),
            (Value::Real(f), &Type::FLOAT8) => f.to_sql(ty, out),
            (Value::Real(f), &Type::FLOAT4) => (*f as f32).to_sql(ty, out),
            (Value::Text(s), _) if <&str as postgres::types::ToSql>::accepts(ty) => {
                s.as_ref().to_sql(ty, out)
            }
            (Value::Blob(b), &Type::BYTEA) => b.as_ref().to_sql(ty, out),
            _ => Err(format!("waarde past niet bij parametertype {ty}").into()),
        }
    }

    fn accepts(_: &postgres::types::Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

/// A column value as read, borrowed from the row.
#[derive(Debug, Clone, Copy)]
pub enum ValueRef<'a> {
    Null,
    Int(i64),
    Real(f64),
    Text(&'a [u8]),
    Blob(&'a [u8]),
}

impl<'a> From<rusqlite::types::ValueRef<'a>> for ValueRef<'a> {
    fn from(v: rusqlite::types::ValueRef<'a>) -> Self {
        use rusqlite::types::ValueRef as R;
        match v {
            R::Null => ValueRef::Null,
            R::Integer(i) => ValueRef::Int(i),
            R::Real(f) => ValueRef::Real(f),
            R::Text(t) => ValueRef::Text(t),
            R::Blob(b) => ValueRef::Blob(b),
        }
    }
}

/// Decodes whatever PostgreSQL sends into a [`ValueRef`], the way SQLite would hold it.
struct PgAny<'a>(ValueRef<'a>);

impl<'a> postgres::types::FromSql<'a> for PgAny<'a> {
    fn from_sql(ty: &postgres::types::Type, raw: &'a [u8]) -> std::result::Result<Self, BoxError> {
        use postgres::types::Type;
        Ok(PgAny(match *ty {
            Type::INT8 => ValueRef::Int(i64::from_sql(ty, raw)?),
            Type::INT4 => ValueRef::Int(i64::from(i32::from_sql(ty, raw)?)),
            Type::INT2 => ValueRef::Int(i64::from(i16::from_sql(ty, raw)?)),
            Type::BOOL => ValueRef::Int(i64::from(bool::from_sql(ty, raw)?)),
            Type::FLOAT8 => ValueRef::Real(f64::from_sql(ty, raw)?),
            Type::FLOAT4 => ValueRef::Real(f64::from(f32::from_sql(ty, raw)?)),
            Type::BYTEA => ValueRef::Blob(raw),
            Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME | Type::UNKNOWN => {
                ValueRef::Text(raw)
            }
            _ => return Err(format!("kolomtype {ty} wordt niet gelezen").into()),
        }))
    }

    fn from_sql_null(_: &postgres::types::Type) -> std::result::Result<Self, BoxError> {
        Ok(PgAny(ValueRef::Null))
    }

    fn accepts(_: &postgres::types::Type) -> bool {
        true
    }
}

fn unexpected(what: &str) -> StoreError {
    StoreError::Corrupt(format!("onverwachte waarde in de database ({what})"))
}

/// A type a column can be read as.
pub trait FromDb: Sized {
    fn from_db(v: ValueRef<'_>) -> Result<Self>;
}

impl FromDb for i64 {
    fn from_db(v: ValueRef<'_>) -> Result<Self> {
        match v {
            ValueRef::Int(i) => Ok(i),
            _ => Err(unexpected("geen geheel getal")),
        }
    }
}

macro_rules! int_from_db {
    ($($t:ty),*) => {$(
        impl FromDb for $t {
            fn from_db(v: ValueRef<'_>) -> Result<Self> {
                <$t>::try_from(i64::from_db(v)?).map_err(|_| unexpected("getal te groot"))
            }
        }
    )*};
}
int_from_db!(i32, u32, u16, u8, usize);

impl FromDb for bool {
    fn from_db(v: ValueRef<'_>) -> Result<Self> {
        Ok(i64::from_db(v)? != 0)
    }
}

impl FromDb for f64 {
    fn from_db(v: ValueRef<'_>) -> Result<Self> {
        match v {
            ValueRef::Real(f) => Ok(f),
            ValueRef::Int(i) => Ok(i as f64),
            _ => Err(unexpected("geen getal")),
        }
    }
}

impl FromDb for String {
    fn from_db(v: ValueRef<'_>) -> Result<Self> {
        match v {
            ValueRef::Text(t) => std::str::from_utf8(t)
                .map(str::to_string)
                .map_err(|_| unexpected("geen geldige tekst")),
            _ => Err(unexpected("geen tekst")),
        }
    }
}

impl FromDb for Vec<u8> {
    fn from_db(v: ValueRef<'_>) -> Result<Self> {
        match v {
            ValueRef::Blob(b) | ValueRef::Text(b) => Ok(b.to_vec()),
            _ => Err(unexpected("geen bytes")),
        }
    }
}

impl<T: FromDb> FromDb for Option<T> {
    fn from_db(v: ValueRef<'_>) -> Result<Self> {
        match v {
            ValueRef::Null => Ok(None),
            v => T::from_db(v).map(Some),
        }
    }
}

/// One result row of either backend.
pub enum Row<'a> {
    Sqlite(&'a rusqlite::Row<'a>),
    Postgres(&'a postgres::Row),
}

impl Row<'_> {
    /// A text column without copying it (`None` for NULL).
    pub fn get_str(&self, idx: usize) -> Result<Option<&str>> {
        let v = match self {
            Row::Sqlite(r) => ValueRef::from(r.get_ref(idx)?),
            Row::Postgres(r) => {
                let v: PgAny<'_> = r.try_get(idx).map_err(|e| unexpected(&e.to_string()))?;
                v.0
            }
        };
        match v {
            ValueRef::Null => Ok(None),
            ValueRef::Text(t) => std::str::from_utf8(t)
                .map(Some)
                .map_err(|_| unexpected("geen geldige tekst")),
            _ => Err(unexpected("geen tekst")),
        }
    }

    pub fn get<T: FromDb>(&self, idx: usize) -> Result<T> {
        match self {
            Row::Sqlite(r) => T::from_db(r.get_ref(idx)?.into()),
            Row::Postgres(r) => {
                let v: PgAny<'_> = r.try_get(idx).map_err(|e| unexpected(&e.to_string()))?;
                T::from_db(v.0)
            }
        }
    }
}

/// Which database a store is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The PostgreSQL side: the client (gone after a lost connection until the next call
/// connects again), the URL to do so, and the prepared statements of this connection.
pub struct Pg {
    client: Option<postgres::Client>,
    url: String,
    statements: HashMap<String, PgStatement>,
    in_transaction: bool,
}

enum Inner {
    Sqlite(rusqlite::Connection),
    Postgres(Box<RefCell<Pg>>),
}

/// One connection to either backend, counting the statements it sends.
pub struct Db {
    inner: Inner,
    round_trips: Cell<u64>,
}

/// Turn `?N` into `$M` outside string literals and quoted names, numbering only the
/// parameters the text uses (PostgreSQL cannot type one it never sees, SQLite ignores
/// it): `$M` takes the value of `?N` where `N` is the returned list's `M`-th entry.
pub fn to_dollar(sql: &str) -> (String, Vec<usize>) {
    let mut used: Vec<usize> = Vec::new();
    let mut quote: Option<char> = None;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '\'' || c == '"' => quote = Some(c),
            None if c == '?' => {
                let mut n = 0usize;
                while let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                    n = n * 10 + d as usize;
                    chars.next();
                }
                if !used.contains(&n) {
                    used.push(n);
                }
            }
            None => {}
        }
    }
    used.sort_unstable();
    let mut out = String::with_capacity(sql.len());
    let mut quote: Option<char> = None;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match quote {
            Some(q) => {
                if c == q {
                    quote = None;
                }
                out.push(c);
            }
            None => match c {
                '\'' | '"' => {
                    quote = Some(c);
                    out.push(c);
                }
                '?' => {
                    let mut n = 0usize;
                    while let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                        n = n * 10 + d as usize;
                        chars.next();
                    }
                    let m = used.iter().position(|u| *u == n).map_or(0, |p| p + 1);
                    out.push_str(&format!("${m}"));
                }
                // SQLite's unary `+column` keeps a term off an index; PostgreSQL has no
                // unary plus on text, and plans for itself.
                '+' if out.ends_with([' ', '('])
                    && chars
                        .peek()
                        .is_some_and(|n| n.is_ascii_alphabetic() || *n == '_') => {}
                _ => out.push(c),
            },
        }
    }
    (out, used)
}

/// The key of the advisory lock every PostgreSQL write transaction takes first (see
/// [`Db::begin_write`]); "meedoen" in ASCII, so it collides with nobody else's.
pub const WRITE_LOCK_KEY: i64 = 0x006d_6565_646f_656e;

impl Db {
    pub fn sqlite(conn: rusqlite::Connection) -> Db {
        Db {
            inner: Inner::Sqlite(conn),
            round_trips: Cell::new(0),
        }
    }

    /// Connect to PostgreSQL; `url` is a libpq URL, kept to connect again after a lost
    /// connection.
    pub fn postgres(url: &str) -> Result<Db> {
        let client = super::pg::connect(url)?;
        Ok(Db {
            inner: Inner::Postgres(Box::new(RefCell::new(Pg {
                client: Some(client),
                url: url.to_string(),
                statements: HashMap::new(),
                in_transaction: false,
            }))),
            round_trips: Cell::new(0),
        })
    }

    pub fn backend(&self) -> Backend {
        match self.inner {
            Inner::Sqlite(_) => Backend::Sqlite,
            Inner::Postgres(_) => Backend::Postgres,
        }
    }

    /// The SQLite connection, for what only SQLite has (pragmas, backups, checks).
    pub fn as_sqlite(&self) -> Option<&rusqlite::Connection> {
        match &self.inner {
            Inner::Sqlite(c) => Some(c),
            Inner::Postgres(_) => None,
        }
    }

    pub fn as_sqlite_mut(&mut self) -> Option<&mut rusqlite::Connection> {
        match &mut self.inner {
            Inner::Sqlite(c) => Some(c),
            Inner::Postgres(_) => None,
        }
    }

    /// Statements sent so far (to the server, on PostgreSQL).
    pub fn round_trips(&self) -> u64 {
        self.round_trips.get()
    }

    fn trip(&self) {
        self.round_trips.set(self.round_trips.get() + 1);
    }

    /// Pick the SQL of this backend, where the two dialects differ.
    pub fn dialect<'s>(&self, sqlite: &'s str, postgres: &'s str) -> &'s str {
        match self.inner {
            Inner::Sqlite(_) => sqlite,
            Inner::Postgres(_) => postgres,
        }
    }

    /// A statement from this connection's cache (prepared on first use).
    pub fn prepare_cached(&self, sql: &str) -> Result<Stmt<'_>> {
        match &self.inner {
            Inner::Sqlite(c) => Ok(Stmt::Sqlite {
                db: self,
                st: c.prepare_cached(sql)?,
            }),
            Inner::Postgres(pg) => {
                let stmt = pg_statement(self, pg, sql)?;
                Ok(Stmt::Postgres { db: self, stmt })
            }
        }
    }

    /// A statement for an `INSERT` whose new row's `id` [`Stmt::insert`] returns.
    pub fn prepare_insert(&self, sql: &str) -> Result<Stmt<'_>> {
        match &self.inner {
            Inner::Sqlite(_) => self.prepare_cached(sql),
            Inner::Postgres(_) => self.prepare_cached(&format!("{sql} RETURNING id")),
        }
    }

    pub fn execute(&self, sql: &str, params: &[Value<'_>]) -> Result<usize> {
        self.prepare_cached(sql)?.execute(params)
    }

    pub fn query_row<T>(
        &self,
        sql: &str,
        params: &[Value<'_>],
        f: impl FnOnce(&Row<'_>) -> Result<T>,
    ) -> Result<T> {
        self.prepare_cached(sql)?.query_row(params, f)
    }

    pub fn query_opt<T>(
        &self,
        sql: &str,
        params: &[Value<'_>],
        f: impl FnOnce(&Row<'_>) -> Result<T>,
    ) -> Result<Option<T>> {
        self.prepare_cached(sql)?.query_opt(params, f)
    }

    /// Several statements without parameters, in one go.
    pub fn execute_batch(&self, sql: &str) -> Result<()> {
        self.trip();
        match &self.inner {
            Inner::Sqlite(c) => Ok(c.execute_batch(sql)?),
            Inner::Postgres(pg) => with_client(pg, |c| c.batch_execute(sql)),
        }
    }

    /// Outside any transaction.
    pub fn is_autocommit(&self) -> bool {
        match &self.inner {
            Inner::Sqlite(c) => c.is_autocommit(),
            Inner::Postgres(pg) => !pg.borrow().in_transaction,
        }
    }

    /// Start a write transaction. SQLite's `BEGIN IMMEDIATE` lets one writer in at a
    /// time, so what a save checks still holds when it writes. PostgreSQL's row locks do
    /// not cover a row that does not exist yet (two workstations saving one new BSN), so
    /// every write transaction there takes one advisory lock first: writers queue as on
    /// SQLite, readers are not held up.
    pub fn begin_write(&self) -> Result<()> {
        match &self.inner {
            Inner::Sqlite(c) => {
                self.trip();
                c.prepare_cached("BEGIN IMMEDIATE")?.execute([])?;
                Ok(())
            }
            Inner::Postgres(pg) => {
                self.execute_batch(&format!(
                    "BEGIN; SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})"
                ))?;
                pg.borrow_mut().in_transaction = true;
                Ok(())
            }
        }
    }

    pub fn commit(&self) -> Result<()> {
        self.end("COMMIT")
    }

    /// Roll back the open transaction, if any; a failure to do so is left to the
    /// connection, which drops the transaction when it closes.
    pub fn rollback(&self) {
        if !self.is_autocommit() {
            let _ = self.end("ROLLBACK");
        }
    }

    fn end(&self, sql: &str) -> Result<()> {
        match &self.inner {
            Inner::Sqlite(c) => {
                self.trip();
                c.prepare_cached(sql)?.execute([])?;
                Ok(())
            }
            Inner::Postgres(pg) => {
                let lost = pg.borrow().client.is_none();
                pg.borrow_mut().in_transaction = false;
                if lost {
                    return Err(StoreError::Disconnected);
                }
                self.execute_batch(sql)
            }
        }
    }

    pub fn savepoint(&self, name: &str) -> Result<()> {
        self.simple(&format!("SAVEPOINT {name}"))
    }

    pub fn release(&self, name: &str) -> Result<()> {
        self.simple(&format!("RELEASE {name}"))
    }

    /// Undo up to the savepoint and drop it; failures are left to the outer rollback.
    pub fn rollback_to(&self, name: &str) {
        let _ = self.simple(&format!("ROLLBACK TO {name}"));
        let _ = self.simple(&format!("RELEASE {name}"));
    }

    fn simple(&self, sql: &str) -> Result<()> {
        match &self.inner {
            Inner::Sqlite(c) => {
                self.trip();
                c.prepare_cached(sql)?.execute([])?;
                Ok(())
            }
            Inner::Postgres(_) => self.execute_batch(sql),
        }
    }
}

/// Run `f` on the client, connecting again first when the connection was lost; a call
/// that finds it lost forgets the client, so the next one tries again.
fn with_client<T>(
    pg: &RefCell<Pg>,
    f: impl FnOnce(&mut postgres::Client) -> std::result::Result<T, postgres::Error>,
) -> Result<T> {
    let mut pg = pg.borrow_mut();
    if pg.client.as_ref().is_some_and(postgres::Client::is_closed) {
        // Said once, so the caller knows that what it was doing did not happen (an open
        // transaction died with the connection); the next call connects again.
        pg.client = None;
        pg.statements.clear();
        pg.in_transaction = false;
        return Err(StoreError::Disconnected);
    }
    if pg.client.is_none() {
        if pg.in_transaction {
            return Err(StoreError::Disconnected);
        }
        pg.client = Some(super::pg::connect(&pg.url).map_err(|e| match e {
            StoreError::Unreachable(_) => StoreError::Disconnected,
            other => other,
        })?);
    }
    let Some(client) = pg.client.as_mut() else {
        return Err(StoreError::Disconnected);
    };
    match f(client) {
        Ok(v) => Ok(v),
        Err(e) => {
            let err = super::pg::error(&e);
            if matches!(err, StoreError::Disconnected) {
                pg.client = None;
                pg.statements.clear();
                pg.in_transaction = false;
            }
            Err(err)
        }
    }
}

fn pg_statement(db: &Db, pg: &RefCell<Pg>, sql: &str) -> Result<PgStatement> {
    if let Some(st) = pg.borrow().statements.get(sql) {
        if pg.borrow().client.is_some() {
            return Ok(st.clone());
        }
    }
    db.trip();
    let (text, order) = to_dollar(sql);
    let stmt = with_client(pg, |c| c.prepare(&text))?;
    let st = PgStatement {
        stmt,
        order: order.into(),
    };
    pg.borrow_mut()
        .statements
        .insert(sql.to_string(), st.clone());
    Ok(st)
}

/// A PostgreSQL statement and which `?N` each of its `$M` is.
#[derive(Clone)]
pub struct PgStatement {
    stmt: postgres::Statement,
    order: std::rc::Rc<[usize]>,
}

/// A prepared statement of either backend.
pub enum Stmt<'a> {
    Sqlite {
        db: &'a Db,
        st: rusqlite::CachedStatement<'a>,
    },
    Postgres {
        db: &'a Db,
        stmt: PgStatement,
    },
}

fn pg_params<'v>(
    order: &[usize],
    params: &'v [Value<'_>],
) -> Result<Vec<&'v (dyn postgres::types::ToSql + Sync)>> {
    order
        .iter()
        .map(|n| {
            n.checked_sub(1)
                .and_then(|i| params.get(i))
                .map(|p| p as &(dyn postgres::types::ToSql + Sync))
                .ok_or_else(|| StoreError::Other(format!("parameter ?{n} ontbreekt")))
        })
        .collect()
}

impl Stmt<'_> {
    fn pg_query(db: &Db, stmt: &PgStatement, params: &[Value<'_>]) -> Result<Vec<postgres::Row>> {
        db.trip();
        let Inner::Postgres(pg) = &db.inner else {
            return Err(StoreError::Other(
                "verkeerde databaseverbinding".to_string(),
            ));
        };
        let p = pg_params(&stmt.order, params)?;
        with_client(pg, |c| c.query(&stmt.stmt, &p))
    }

    /// Run it; the number of rows changed.
    pub fn execute(&mut self, params: &[Value<'_>]) -> Result<usize> {
        match self {
            Stmt::Sqlite { db, st } => {
                db.trip();
                Ok(st.execute(rusqlite::params_from_iter(params.iter()))?)
            }
            Stmt::Postgres { db, stmt } => {
                db.trip();
                let Inner::Postgres(pg) = &db.inner else {
                    return Err(StoreError::Other(
                        "verkeerde databaseverbinding".to_string(),
                    ));
                };
                let p = pg_params(&stmt.order, params)?;
                let n = with_client(pg, |c| c.execute(&stmt.stmt, &p))?;
                Ok(usize::try_from(n).unwrap_or(usize::MAX))
            }
        }
    }

    /// Run an `INSERT` made with [`Db::prepare_insert`]; the new row's id.
    pub fn insert(&mut self, params: &[Value<'_>]) -> Result<i64> {
        match self {
            Stmt::Sqlite { db, st } => {
                db.trip();
                Ok(st.insert(rusqlite::params_from_iter(params.iter()))?)
            }
            Stmt::Postgres { db, stmt } => {
                let rows = Self::pg_query(db, stmt, params)?;
                match rows.first() {
                    Some(r) => Row::Postgres(r).get(0),
                    None => Err(StoreError::Other(
                        "het nieuwe gegeven kreeg geen nummer".to_string(),
                    )),
                }
            }
        }
    }

    /// The first row mapped by `f`, or `None` when there is none.
    pub fn query_opt<T>(
        &mut self,
        params: &[Value<'_>],
        f: impl FnOnce(&Row<'_>) -> Result<T>,
    ) -> Result<Option<T>> {
        match self {
            Stmt::Sqlite { db, st } => {
                db.trip();
                let mut rows = st.query(rusqlite::params_from_iter(params.iter()))?;
                match rows.next()? {
                    Some(r) => f(&Row::Sqlite(r)).map(Some),
                    None => Ok(None),
                }
            }
            Stmt::Postgres { db, stmt } => {
                let rows = Self::pg_query(db, stmt, params)?;
                rows.first().map(|r| f(&Row::Postgres(r))).transpose()
            }
        }
    }

    /// The first row mapped by `f`; no row is an error.
    pub fn query_row<T>(
        &mut self,
        params: &[Value<'_>],
        f: impl FnOnce(&Row<'_>) -> Result<T>,
    ) -> Result<T> {
        self.query_opt(params, f)?
            .ok_or_else(|| StoreError::Other("het gevraagde gegeven bestaat niet".to_string()))
    }

    /// Every row mapped by `f`.
    pub fn query_map<T>(
        &mut self,
        params: &[Value<'_>],
        mut f: impl FnMut(&Row<'_>) -> Result<T>,
    ) -> Result<Vec<T>> {
        let mut out = Vec::new();
        self.for_each(params, |r| {
            out.push(f(r)?);
            Ok(true)
        })?;
        Ok(out)
    }

    /// Call `f` on each row until it says `false` (on SQLite the rest is never read).
    pub fn for_each(
        &mut self,
        params: &[Value<'_>],
        mut f: impl FnMut(&Row<'_>) -> Result<bool>,
    ) -> Result<()> {
        match self {
            Stmt::Sqlite { db, st } => {
                db.trip();
                let mut rows = st.query(rusqlite::params_from_iter(params.iter()))?;
                while let Some(r) = rows.next()? {
                    if !f(&Row::Sqlite(r))? {
                        break;
                    }
                }
                Ok(())
            }
            Stmt::Postgres { db, stmt } => {
                for r in Self::pg_query(db, stmt, params)? {
                    if !f(&Row::Postgres(&r))? {
                        break;
                    }
                }
                Ok(())
            }
        }
    }

    /// Whether it returns any row.
    pub fn exists(&mut self, params: &[Value<'_>]) -> Result<bool> {
        Ok(self.query_opt(params, |_| Ok(()))?.is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::to_dollar;

    #[test]
    fn placeholders_become_dollars_outside_literals() {
        assert_eq!(
            to_dollar("SELECT '?1', \"a?\" FROM t WHERE a = ?1 AND b = ?12 OR c = ?1"),
            (
                "SELECT '?1', \"a?\" FROM t WHERE a = $1 AND b = $2 OR c = $1".to_string(),
                vec![1, 12]
            )
        );
        assert_eq!(
            to_dollar("WHERE (+status = 'a' OR x + 1 > ?2) + (SELECT 1)").0,
            "WHERE (status = 'a' OR x + 1 > $1) + (SELECT 1)"
        );
    }
}

macro_rules! tuple_from_row {
    ($($name:ident $idx:tt),+) => {
        impl<$($name: FromDb),+> TryFrom<&Row<'_>> for ($($name,)+) {
            type Error = StoreError;
            fn try_from(row: &Row<'_>) -> Result<Self> {
                Ok(($(row.get::<$name>($idx)?,)+))
            }
        }
    };
}
tuple_from_row!(A 0);
tuple_from_row!(A 0, B 1);
tuple_from_row!(A 0, B 1, C 2);
tuple_from_row!(A 0, B 1, C 2, D 3);
tuple_from_row!(A 0, B 1, C 2, D 3, E 4);
tuple_from_row!(A 0, B 1, C 2, D 3, E 4, F 5);
tuple_from_row!(A 0, B 1, C 2, D 3, E 4, F 5, G 6);
tuple_from_row!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);
tuple_from_row!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8);
tuple_from_row!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9);
tuple_from_row!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10);
tuple_from_row!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11);
