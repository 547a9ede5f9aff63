//! The real server process on a SQLite file: killed (`SIGKILL`) in the middle of a burst of
//! concurrent edits it keeps every edit it acknowledged, whole; stopped (`SIGTERM`) it
//! finishes the request in flight, ends open live streams and exits cleanly.

use crate::common;

use std::net::SocketAddr;
use std::path::Path;
use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use convene::config::DatabaseUrl;
use convene::db;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;
use tokio::process::{Child, Command};

const PASSWORD: &str = "kept through a crash";
const EMAIL: &str = "organiser@example.org";
const AGENDA: &str = "/manage/o/families-association/tirana-park-2023/agenda";
const SLUG: &str = "tirana-park-2023";

fn convene(url: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_convene"));
    command
        .env("DATABASE_URL", url)
        .env("RUST_LOG", "warn")
        .env("CONVENE_PASSWORD", PASSWORD)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .kill_on_drop(true);
    command
}

/// A database file with the demo and one organiser.
async fn prepare(dir: &Path) -> String {
    let url = format!("sqlite://{}/convene.db", dir.display());
    for args in [
        vec!["demo"],
        vec![
            "user",
            "create",
            "--email",
            EMAIL,
            "--name",
            "Organiser",
            "--org",
            "families-association",
            "--role",
            "organiser",
        ],
    ] {
        let status = convene(&url).args(&args).status().await.unwrap();
        assert!(status.success(), "convene {args:?}");
    }
    url
}

async fn start(url: &str) -> (Child, SocketAddr) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    let child = convene(url)
        .env("CONVENE_ADDR", addr.to_string())
        .arg("serve")
        .spawn()
        .unwrap();
    for _ in 0..300 {
        if TcpStream::connect(addr).await.is_ok() {
            return (child, addr);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the server did not start on {addr}");
}

/// A request as bytes: `Connection: close`, so the answer ends with the connection.
fn request(method: &str, path: &str, cookie: &str, body: &str) -> String {
    format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nSec-Fetch-Site: same-origin\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nCookie: {cookie}\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
}

/// The status and head of the answer read to its end, or `None` if the connection broke.
async fn answer(stream: &mut TcpStream) -> Option<(u16, String)> {
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).await.ok()?;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let status = text.split(' ').nth(1)?.parse().ok()?;
    let head = text.split("\r\n\r\n").next()?.to_owned();
    Some((status, head))
}

async fn send(addr: SocketAddr, raw: &str) -> Option<(u16, String)> {
    let mut stream = TcpStream::connect(addr).await.ok()?;
    stream.write_all(raw.as_bytes()).await.ok()?;
    answer(&mut stream).await
}

async fn sign_in(addr: SocketAddr) -> String {
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs([("email", EMAIL), ("password", PASSWORD)])
        .finish();
    let (status, head) = send(addr, &request("POST", "/sign-in", "", &body))
        .await
        .unwrap();
    assert_eq!(status, 303, "{head}");
    head.lines()
        .find(|l| l.to_ascii_lowercase().starts_with("set-cookie:"))
        .and_then(|l| l.split_once(':'))
        .and_then(|(_, v)| v.trim().split(';').next())
        .expect("a session cookie")
        .to_owned()
}

fn add_segment(title: &str) -> String {
    form_urlencoded::Serializer::new(String::new())
        .extend_pairs([
            ("action", "add"),
            ("kind", "speech"),
            ("title", title),
            ("duration", "5"),
            ("cue_notes", "Mic 2; the reader stands left"),
        ])
        .finish()
}

async fn open(url: &str) -> DatabaseConnection {
    db::connect(&DatabaseUrl::parse(url).unwrap())
        .await
        .unwrap()
}

async fn one_i64(conn: &DatabaseConnection, sql: &str) -> i64 {
    let row = conn
        .query_one_raw(Statement::from_string(conn.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap();
    row.try_get_by_index::<i64>(0).unwrap()
}

async fn titles(conn: &DatabaseConnection) -> Vec<(String, i64)> {
    let rows = conn
        .query_all_raw(Statement::from_string(
            conn.get_database_backend(),
            format!(
                "SELECT s.title, s.position FROM segment s JOIN gathering g \
                 ON g.id = s.gathering_id WHERE g.slug = '{SLUG}' AND s.title LIKE 'Burst %'"
            ),
        ))
        .await
        .unwrap();
    rows.iter()
        .map(|r| {
            (
                r.try_get_by_index::<String>(0).unwrap(),
                r.try_get_by_index::<i32>(1).unwrap().into(),
            )
        })
        .collect()
}

async fn version(conn: &DatabaseConnection) -> i64 {
    one_i64(
        conn,
        &format!("SELECT version FROM gathering WHERE slug = '{SLUG}'"),
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn killed_mid_burst_it_keeps_every_acknowledged_edit_whole() {
    let dir = tempfile::tempdir().unwrap();
    let url = prepare(dir.path()).await;
    let before = {
        let conn = open(&url).await;
        let v = version(&conn).await;
        conn.close().await.unwrap();
        v
    };
    let (mut server, addr) = start(&url).await;
    let cookie = sign_in(addr).await;

    // Eight editors add segments as fast as the server answers; the server is killed once
    // forty edits are acknowledged, while the others are in flight.
    let acknowledged = Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let count = Arc::new(AtomicUsize::new(0));
    let mut editors = tokio::task::JoinSet::new();
    for editor in 0..8 {
        let (acknowledged, count, cookie) = (acknowledged.clone(), count.clone(), cookie.clone());
        editors.spawn(async move {
            for n in 0..200 {
                let title = format!("Burst {editor}-{n}");
                let raw = request("POST", AGENDA, &cookie, &add_segment(&title));
                match send(addr, &raw).await {
                    Some((303, _)) => {
                        acknowledged.lock().unwrap().push(title);
                        count.fetch_add(1, Ordering::SeqCst);
                    }
                    Some((status, head)) => panic!("{title}: {status} {head}"),
                    None => return,
                }
            }
        });
    }
    while count.load(Ordering::SeqCst) < 40 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    server.start_kill().unwrap();
    server.wait().await.unwrap();
    while editors.join_next().await.is_some() {}
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(acknowledged.len() >= 40);

    // Started again, the server serves the agenda with every acknowledged edit.
    let (mut server, addr) = start(&url).await;
    let cookie = sign_in(addr).await;
    let (status, _) = send(addr, &request("GET", AGENDA, &cookie, ""))
        .await
        .unwrap();
    assert_eq!(status, 200);
    server.start_kill().unwrap();
    server.wait().await.unwrap();

    let conn = open(&url).await;
    let integrity = common::integrity_check(&conn).await;
    assert_eq!(integrity, "ok");
    let stored = titles(&conn).await;
    for title in &acknowledged {
        assert!(
            stored.iter().any(|(t, _)| t == title),
            "acknowledged but lost: {title}"
        );
    }
    // Nothing half-written: each edit raised the gathering's version in the same
    // transaction as its segment, and no two segments share a place.
    assert_eq!(
        version(&conn).await - before,
        i64::try_from(stored.len()).unwrap(),
        "segments without their version change, or the reverse"
    );
    let mut positions: Vec<i64> = stored.iter().map(|(_, p)| *p).collect();
    positions.sort_unstable();
    positions.dedup();
    assert_eq!(positions.len(), stored.len(), "two segments in one place");
    let audited = one_i64(
        &conn,
        "SELECT COUNT(*) FROM audit_entry WHERE action = 'segment.add'",
    )
    .await;
    assert_eq!(
        audited,
        i64::try_from(stored.len()).unwrap(),
        "every saved edit, and only those, in the audit log"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn stopped_it_finishes_the_request_in_flight_and_exits_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let url = prepare(dir.path()).await;
    let (mut server, addr) = start(&url).await;
    let cookie = sign_in(addr).await;

    // A live view follows the gathering: an event stream that never ends by itself.
    let mut live = TcpStream::connect(addr).await.unwrap();
    live.write_all(
        format!(
            "GET /manage/o/families-association/{SLUG}/live/events HTTP/1.1\r\n\
             Host: 127.0.0.1\r\nCookie: {cookie}\r\n\r\n"
        )
        .as_bytes(),
    )
    .await
    .unwrap();
    let mut first = [0u8; 12];
    live.read_exact(&mut first).await.unwrap();
    assert_eq!(&first, b"HTTP/1.1 200");

    // An edit whose body is still arriving when the server is told to stop.
    let raw = request(
        "POST",
        AGENDA,
        &cookie,
        &add_segment("Burst during shutdown"),
    );
    let (head, rest) = raw.split_at(raw.len() - 20);
    let mut edit = TcpStream::connect(addr).await.unwrap();
    edit.write_all(head.as_bytes()).await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;

    let pid = server.id().unwrap().to_string();
    let status = Command::new("kill")
        .args(["-TERM", &pid])
        .status()
        .await
        .unwrap();
    assert!(status.success());
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(
        TcpStream::connect(addr).await.is_err(),
        "a stopping server takes no new connections"
    );

    edit.write_all(rest.as_bytes()).await.unwrap();
    let (status, head) = answer(&mut edit).await.expect("an answer, not a reset");
    assert_eq!(status, 303, "{head}");

    let exit = tokio::time::timeout(Duration::from_secs(20), server.wait())
        .await
        .expect("the server stops although a live stream was open")
        .unwrap();
    assert!(exit.success(), "{exit:?}");
    // The live stream was ended, not left hanging.
    let mut tail = Vec::new();
    tokio::time::timeout(Duration::from_secs(5), live.read_to_end(&mut tail))
        .await
        .expect("the live stream ended")
        .ok();

    let conn = open(&url).await;
    let stored = titles(&conn).await;
    assert_eq!(stored.len(), 1, "the edit in flight was saved: {stored:?}");
}

/// A fresh installation prints its setup link in the log; the code in that link, and no
/// guess, makes the first owner.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_fresh_installation_prints_the_setup_link_that_makes_the_first_owner() {
    use tokio::io::AsyncBufReadExt;
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/convene.db", dir.path().display());
    assert!(convene(&url).arg("demo").status().await.unwrap().success());
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    let mut child = convene(&url)
        .env("CONVENE_ADDR", addr.to_string())
        .env_remove("CONVENE_SETUP_TOKEN")
        .stderr(Stdio::piped())
        .arg("serve")
        .spawn()
        .unwrap();
    let mut log = tokio::io::BufReader::new(child.stderr.take().unwrap()).lines();
    let link = tokio::time::timeout(Duration::from_secs(60), async {
        while let Some(line) = log.next_line().await.unwrap() {
            if let Some(at) = line.find("/setup?token=") {
                return line[at..].trim().to_owned();
            }
        }
        panic!("the server ended without printing a setup link");
    })
    .await
    .expect("a setup link in the log");
    assert!(
        link.len() > "/setup?token=".len() + 20,
        "a long code: {link}"
    );
    let token = link.trim_start_matches("/setup?token=");
    while TcpStream::connect(addr).await.is_err() {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let (status, _) = send(addr, &request("GET", &link, "", "")).await.unwrap();
    assert_eq!(status, 200);
    let form = |token: &str| {
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs([
                ("token", token),
                ("display_name", "Elira"),
                ("email", "elira@example.org"),
                ("password", "cold park morning 2023"),
                ("password_again", "cold park morning 2023"),
                ("organisation", "families-association"),
            ])
            .finish()
    };
    let (status, _) = send(addr, &request("POST", "/setup", "", &form("guess")))
        .await
        .unwrap();
    assert_eq!(status, 422, "a guessed code is refused");
    let (status, head) = send(addr, &request("POST", "/setup", "", &form(token)))
        .await
        .unwrap();
    assert_eq!(status, 303, "{head}");
    child.kill().await.ok();
}

/// Listening beyond this machine without saying the site's address, the server would have
/// to build links from whatever `Host` a request claims: it refuses to start, and says
/// which setting is missing.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn beyond_loopback_it_will_not_start_without_its_public_address() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/convene.db", dir.path().display());
    let out = convene(&url)
        .env("CONVENE_ADDR", "0.0.0.0:0")
        .env_remove("CONVENE_PUBLIC_URL")
        .stderr(Stdio::piped())
        .arg("serve")
        .output();
    let out = tokio::time::timeout(Duration::from_secs(60), out)
        .await
        .expect("it stops at once")
        .unwrap();
    assert!(!out.status.success());
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("CONVENE_PUBLIC_URL"), "{said}");
}

/// Someone who lost their password gets a new one from the operator on the command line;
/// the old one stops working and so do the sessions it opened.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn the_operator_resets_a_lost_password_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let url = prepare(dir.path()).await;
    let status = convene(&url)
        .env("CONVENE_PASSWORD", "given back by the operator")
        .args(["user", "reset-password", "--email", EMAIL])
        .status()
        .await
        .unwrap();
    assert!(status.success());
    let conn = open(&url).await;
    let now = chrono::Utc::now();
    let old = convene::db::auth::sign_in(&conn, EMAIL, PASSWORD, "192.0.2.1", now)
        .await
        .unwrap();
    assert!(old.is_err(), "the lost password no longer works");
    let new =
        convene::db::auth::sign_in(&conn, EMAIL, "given back by the operator", "192.0.2.1", now)
            .await
            .unwrap();
    assert!(new.is_ok());
    let status = convene(&url)
        .args(["user", "reset-password", "--email", "nobody@example.org"])
        .status()
        .await
        .unwrap();
    assert!(!status.success(), "an unknown account is refused");
}
