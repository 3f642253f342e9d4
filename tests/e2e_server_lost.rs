//! The team's database server goes away in the middle of an intake (a restart, a network
//! hiccup): the consultant gets one Dutch line, what was typed waits on the workstation,
//! and it is saved on the server as soon as the server is back.

mod support;

use std::io::{Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use support::{flows, Key, OrFail, Workplace, DEFAULT_TIMEOUT};

/// A line between the program and the server that the test can cut and mend.
struct Line {
    port: u16,
    up: Arc<AtomicBool>,
    open: Arc<Mutex<Vec<TcpStream>>>,
}

impl Line {
    fn to(upstream: std::net::SocketAddr) -> Line {
        let listener = TcpListener::bind("127.0.0.1:0").or_fail_io();
        let port = listener.local_addr().or_fail_io().port();
        let up = Arc::new(AtomicBool::new(true));
        let open: Arc<Mutex<Vec<TcpStream>>> = Arc::new(Mutex::new(Vec::new()));
        let (up2, open2) = (up.clone(), open.clone());
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                if !up2.load(Ordering::SeqCst) {
                    let _ = client.shutdown(Shutdown::Both);
                    continue;
                }
                let Ok(server) = TcpStream::connect(upstream) else {
                    continue;
                };
                if let Ok(mut list) = open2.lock() {
                    list.extend(client.try_clone().ok());
                    list.extend(server.try_clone().ok());
                }
                for (mut from, mut to) in [
                    (client.try_clone(), server.try_clone()),
                    (server.try_clone(), client.try_clone()),
                ]
                .into_iter()
                .filter_map(|(a, b)| Some((a.ok()?, b.ok()?)))
                {
                    std::thread::spawn(move || {
                        let mut buf = [0u8; 16384];
                        while let Ok(n) = from.read(&mut buf) {
                            if n == 0 || to.write_all(&buf[..n]).is_err() {
                                break;
                            }
                        }
                        let _ = to.shutdown(Shutdown::Both);
                    });
                }
            }
        });
        Line { port, up, open }
    }

    fn cut(&self) {
        self.up.store(false, Ordering::SeqCst);
        if let Ok(mut list) = self.open.lock() {
            for s in list.drain(..) {
                let _ = s.shutdown(Shutdown::Both);
            }
        }
    }

    fn mend(&self) {
        self.up.store(true, Ordering::SeqCst);
    }
}

trait OrFailIo<T> {
    fn or_fail_io(self) -> T;
}

impl<T, E: std::fmt::Display> OrFailIo<T> for Result<T, E> {
    #[track_caller]
    fn or_fail_io(self) -> T {
        match self {
            Ok(v) => v,
            Err(e) => panic!("{e}"),
        }
    }
}

fn spooled(w: &Workplace) -> Vec<std::path::PathBuf> {
    let dir = w.path().join("data").join("meedoen").join("wachtrij");
    let mut found = Vec::new();
    for sub in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        for f in std::fs::read_dir(sub.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            if f.path().extension().is_some_and(|e| e == "json") {
                found.push(f.path());
            }
        }
    }
    found
}

#[test]
fn a_draft_typed_while_the_server_is_away_waits_and_is_saved_when_it_is_back() {
    let Some(w) = Workplace::postgres() else {
        return;
    };
    let pg = w.pg.as_ref().or_fail_io_opt();
    let direct = pg.consultant("tester");
    // The program reaches the server through the line.
    let (host_port, rest) = {
        let after = &direct[direct.find('@').or_fail_io_opt() + 1..];
        let slash = after.find('/').or_fail_io_opt();
        (after[..slash].to_string(), after[slash..].to_string())
    };
    let upstream: std::net::SocketAddr = host_port.parse().or_fail_io();
    let line = Line::to(upstream);
    let via = format!("postgresql://tester@127.0.0.1:{}{rest}", line.port);

    let mut p = support::pty::PtyCommand::meedoen()
        .home(w.path())
        .cwd(w.path())
        .env("MEEDOEN_TODAY", support::TODAY)
        .env("XDG_DATA_HOME", w.path().join("data"))
        .args(["--db", &via])
        .spawn()
        .or_fail();
    flows::new_intake(&mut p);
    flows::type_person(&mut p, "Jan", "Voorbeeld");
    p.send_key(Key::PageDown).or_fail();
    p.wait_for("Heeft de inwoner nu betaald werk?", DEFAULT_TIMEOUT)
        .or_fail();
    std::thread::sleep(Duration::from_millis(1500));

    line.cut();
    // An answer given while the server is away.
    p.send("n").or_fail();
    p.wait_for(
        "uw tekst is op deze werkplek bewaard",
        Duration::from_secs(20),
    )
    .or_fail();
    let deadline = Instant::now() + DEFAULT_TIMEOUT;
    while spooled(&w).is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    let waiting = spooled(&w);
    assert_eq!(waiting.len(), 1, "{waiting:?}");
    let kept = std::fs::read_to_string(&waiting[0]).or_fail_io();
    assert!(kept.contains("werk.betaald"), "{kept}");

    line.mend();
    let deadline = Instant::now() + Duration::from_secs(30);
    while !spooled(&w).is_empty() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(200));
    }
    assert!(spooled(&w).is_empty(), "sent on once the server is back");
    let labels = pg.sql("SELECT string_agg(payload, ' ') FROM drafts");
    assert!(labels.contains("werk.betaald"), "{labels}");
    flows::quit(&mut p);
}

trait OrFailOpt<T> {
    fn or_fail_io_opt(self) -> T;
}

impl<T> OrFailOpt<T> for Option<T> {
    #[track_caller]
    fn or_fail_io_opt(self) -> T {
        match self {
            Some(v) => v,
            None => panic!("missing"),
        }
    }
}
