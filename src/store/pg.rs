//! Connecting to PostgreSQL (libpq-style URL, `sslmode`, `sslrootcert`) and saying its
//! errors as the store's.

use super::{Result, StoreError};
use std::time::Duration;

/// How long connecting may take before the server counts as unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// `sslmode` as libpq reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SslMode {
    Disable,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

/// A URL split into what `postgres::Config` reads and the TLS settings it does not.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub url: String,
    pub ssl_mode: SslMode,
    pub root_cert: Option<String>,
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Take `sslmode` and `sslrootcert` out of the URL's query.
pub fn parse_target(url: &str) -> Result<Target> {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, q),
        None => (url, ""),
    };
    let mut ssl_mode = SslMode::Prefer;
    let mut root_cert = None;
    let mut kept = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        match key {
            "sslmode" => {
                ssl_mode = match percent_decode(value).as_str() {
                    "disable" => SslMode::Disable,
                    "allow" | "prefer" => SslMode::Prefer,
                    "require" => SslMode::Require,
                    "verify-ca" => SslMode::VerifyCa,
                    "verify-full" => SslMode::VerifyFull,
                    other => {
                        return Err(StoreError::Invalid(format!(
                            "Onbekende sslmode \"{other}\" in het databaseadres; kies disable, prefer, require, verify-ca of verify-full."
                        )))
                    }
                }
            }
            "sslrootcert" => root_cert = Some(percent_decode(value)),
            _ => kept.push(pair),
        }
    }
    let url = if kept.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", kept.join("&"))
    };
    Ok(Target {
        url,
        ssl_mode,
        root_cert,
    })
}

/// The server as shown in a message: host and port, never user or password.
fn shown(config: &postgres::Config) -> String {
    let hosts: Vec<String> = config
        .get_hosts()
        .iter()
        .map(|h| match h {
            postgres::config::Host::Tcp(name) => name.clone(),
            #[cfg(unix)]
            postgres::config::Host::Unix(path) => path.display().to_string(),
        })
        .collect();
    let host = if hosts.is_empty() {
        "localhost".to_string()
    } else {
        hosts.join(",")
    };
    match config.get_ports().first() {
        Some(port) => format!("{host}:{port}"),
        None => host,
    }
}

fn tls_connector(target: &Target) -> Result<native_tls::TlsConnector> {
    let mut builder = native_tls::TlsConnector::builder();
    if let Some(path) = &target.root_cert {
        let pem = std::fs::read(path).map_err(|_| {
            StoreError::Invalid(format!(
                "Het certificaat {path} (sslrootcert) is niet te lezen."
            ))
        })?;
        let cert = native_tls::Certificate::from_pem(&pem).map_err(|_| {
            StoreError::Invalid(format!(
                "Het bestand {path} (sslrootcert) is geen PEM-certificaat."
            ))
        })?;
        builder.add_root_certificate(cert);
    }
    match target.ssl_mode {
        // As libpq: prefer and require encrypt without checking whom they talk to, unless
        // a root certificate is given (then require checks the chain, as verify-ca).
        SslMode::Prefer | SslMode::Require if target.root_cert.is_none() => {
            builder.danger_accept_invalid_certs(true);
            builder.danger_accept_invalid_hostnames(true);
        }
        SslMode::Prefer | SslMode::Require | SslMode::VerifyCa => {
            builder.danger_accept_invalid_hostnames(true);
        }
        SslMode::VerifyFull | SslMode::Disable => {}
    }
    builder
        .build()
        .map_err(|e| StoreError::Other(format!("TLS kan niet worden opgezet ({e})")))
}

/// Open one connection as the URL says.
pub fn connect(url: &str) -> Result<postgres::Client> {
    let target = parse_target(url)?;
    let mut config: postgres::Config = target.url.parse().map_err(|_| {
        StoreError::Invalid(
            "Het databaseadres is geen geldig postgresql://-adres; bijvoorbeeld postgresql://gebruiker@server/meedoen."
                .to_string(),
        )
    })?;
    if config.get_connect_timeout().is_none() {
        config.connect_timeout(CONNECT_TIMEOUT);
    }
    if config.get_application_name().is_none() {
        config.application_name("meedoen");
    }
    let server = shown(&config);
    let connected = match target.ssl_mode {
        SslMode::Disable => {
            config.ssl_mode(postgres::config::SslMode::Disable);
            config.connect(postgres::NoTls)
        }
        mode => {
            config.ssl_mode(if mode == SslMode::Prefer {
                postgres::config::SslMode::Prefer
            } else {
                postgres::config::SslMode::Require
            });
            let tls = postgres_native_tls::MakeTlsConnector::new(tls_connector(&target)?);
            config.connect(tls)
        }
    };
    connected.map_err(|e| match error(&e) {
        // The handshake failed: the server's certificate is not the one sslmode asks for.
        _ if e.to_string().contains("TLS") => StoreError::Untrusted(server),
        StoreError::Disconnected | StoreError::Other(_) if e.as_db_error().is_none() => {
            StoreError::Unreachable(server)
        }
        other => other,
    })
}

/// A PostgreSQL error as the store says it.
pub fn error(e: &postgres::Error) -> StoreError {
    use postgres::error::SqlState;
    if let Some(db) = e.as_db_error() {
        let code = db.code();
        return if *code == SqlState::INSUFFICIENT_PRIVILEGE {
            StoreError::NotAllowed
        } else if *code == SqlState::INVALID_PASSWORD
            || *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION
        {
            StoreError::LoginRefused
        } else if *code == SqlState::ADMIN_SHUTDOWN
            || *code == SqlState::CRASH_SHUTDOWN
            || *code == SqlState::CANNOT_CONNECT_NOW
        {
            StoreError::Disconnected
        } else if *code == SqlState::T_R_SERIALIZATION_FAILURE
            || *code == SqlState::T_R_DEADLOCK_DETECTED
            || *code == SqlState::LOCK_NOT_AVAILABLE
        {
            StoreError::Busy
        } else if *code == SqlState::DISK_FULL {
            StoreError::DiskFull
        } else if *code == SqlState::READ_ONLY_SQL_TRANSACTION {
            StoreError::ReadOnly("de databaseserver staat alleen lezen toe".to_string())
        } else if *code == SqlState::INVALID_CATALOG_NAME {
            StoreError::Other(
                "de database in het adres bestaat niet op deze server; vraag de beheerder om haar aan te maken"
                    .to_string(),
            )
        } else {
            // The message names the table or constraint, never a value (those are in
            // the detail, which is left out).
            StoreError::Other(db.message().to_string())
        };
    }
    if e.is_closed() || std::error::Error::source(e).is_some_and(|s| s.is::<std::io::Error>()) {
        return StoreError::Disconnected;
    }
    StoreError::Other(e.to_string())
}

impl From<postgres::Error> for StoreError {
    fn from(e: postgres::Error) -> Self {
        error(&e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tls_settings_are_taken_out_of_the_url() {
        let t = parse_target(
            "postgresql://app@db.example/meedoen?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem&connect_timeout=3",
        )
        .unwrap();
        assert_eq!(
            t.url,
            "postgresql://app@db.example/meedoen?connect_timeout=3"
        );
        assert_eq!(t.ssl_mode, SslMode::VerifyFull);
        assert_eq!(t.root_cert.as_deref(), Some("/etc/ca.pem"));
        assert!(parse_target("postgresql://x/y?sslmode=bogus").is_err());
        assert_eq!(
            parse_target("postgres://x/y").unwrap().ssl_mode,
            SslMode::Prefer
        );
    }
}
