//! Helpers of the workshop tests: a place of a structure, sessions planned
//! through the use case, a courier, and a real SMTP server on loopback.

use std::io::BufRead;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use maille::accounts::User;
use maille::organizations::Organization;
use maille::outbox::worker::Reach;
use maille::places::store::StoredPlace;
use maille::workshops::booking::Courier;
use maille::workshops::store::SessionRecord;
use sea_orm::DatabaseConnection;

use super::mediation::fields;
use super::places::{Dice, place};

/// Where links in the tests' messages start.
pub const ORIGIN: &str = "http://maille.test";

/// A courier that reaches by e-mail and by SMS.
pub fn courier() -> Courier {
    Courier {
        reach: Reach {
            email: true,
            sms: true,
        },
        origin: ORIGIN.to_owned(),
    }
}

/// A fixed place of `organization` in Cholet; returns its id.
pub async fn place_of(db: &DatabaseConnection, organization: &Organization, n: usize) -> String {
    let mut dice = Dice::new(n as u64 + 1);
    let mut place = place(n, &mut dice);
    place.latitude = Some(47.0600);
    place.longitude = Some(-0.8790);
    place.itinerance = Vec::new();
    let id = place.id.clone();
    maille::places::store::save(
        db,
        &StoredPlace {
            place,
            organization_id: Some(organization.id.clone()),
            position_approximate: false,
        },
    )
    .await
    .expect("place stored");
    id
}

/// A session of `user`'s structure starting in `hours`, with `capacity` seats.
pub async fn session(
    db: &DatabaseConnection,
    user: &User,
    hours: i64,
    capacity: u32,
) -> SessionRecord {
    let starts = chrono::Utc::now() + chrono::Duration::hours(hours);
    maille::workshops::planning::plan_session(
        db,
        user,
        &fields(serde_json::json!({
            "title": "Escape game : mes données personnelles",
            "themes": ["CultureNumerique"],
            "starts_at": starts.to_rfc3339(),
            "duration_min": 120,
            "capacity": capacity,
            "game_kind": "EscapeGame",
        })),
        chrono::Utc::now(),
    )
    .await
    .expect("session planned")
}

/// Moves a session's start `hours` from now (into the past, to take attendance).
pub async fn move_start(
    db: &DatabaseConnection,
    session: &SessionRecord,
    hours: i64,
) -> SessionRecord {
    let mut moved = session.clone();
    moved.starts_at = chrono::Utc::now() + chrono::Duration::hours(hours);
    maille::workshops::store::update_session(db, moved.clone())
        .await
        .expect("session moved");
    moved
}

/// A real SMTP server (aiosmtpd) on a loopback port, writing each message
/// it receives to a directory.
pub struct SmtpServer {
    child: Child,
    pub port: u16,
    dir: PathBuf,
}

/// A Python with aiosmtpd: `MAILLE_TEST_PYTHON`, Debian's, or the PATH's.
fn python() -> Option<String> {
    let candidates = [
        std::env::var("MAILLE_TEST_PYTHON").ok(),
        Some("/usr/bin/python3".to_owned()),
        Some("python3".to_owned()),
    ];
    candidates.into_iter().flatten().find(|python| {
        Command::new(python)
            .args(["-c", "import aiosmtpd"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    })
}

/// A port nobody listens on, for now.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

impl SmtpServer {
    /// Starts the server; `None` (with a notice) when aiosmtpd is missing,
    /// a failure under `MAILLE_REQUIRE_SMTP=1` (CI).
    pub fn start() -> Option<Self> {
        let Some(python) = python() else {
            assert!(
                std::env::var("MAILLE_REQUIRE_SMTP").as_deref() != Ok("1"),
                "MAILLE_REQUIRE_SMTP=1 but no Python with aiosmtpd (apt-get install python3-aiosmtpd)"
            );
            eprintln!(
                "NOTICE: SMTP test skipped: no Python with aiosmtpd (apt-get install python3-aiosmtpd)"
            );
            return None;
        };
        let port = free_port();
        let dir = std::env::temp_dir().join(format!("maille-smtp-{}-{port}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("mail directory");
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/smtp/server.py");
        let mut child = Command::new(python)
            .arg(script)
            .arg(port.to_string())
            .arg(&dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .expect("SMTP server started");
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().expect("stdout"))
            .read_line(&mut line)
            .expect("SMTP server ready");
        assert_eq!(line.trim(), "ready");
        Some(Self { child, port, dir })
    }

    /// `smtp://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every message received so far, oldest first.
    pub fn messages(&self) -> Vec<String> {
        let mut names: Vec<PathBuf> = std::fs::read_dir(&self.dir)
            .map(|entries| {
                entries
                    .flatten()
                    .map(|e| e.path())
                    .filter(|p| p.extension().is_some_and(|e| e == "eml"))
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap_or_default())
            .collect()
    }

    /// Waits until at least `count` messages arrived (at most 10 s).
    pub async fn wait_for(&self, count: usize) -> Vec<String> {
        for _ in 0..200 {
            let messages = self.messages();
            if messages.len() >= count {
                return messages;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        self.messages()
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        drop(self.child.stdin.take());
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
