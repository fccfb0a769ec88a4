//! The browser harness: a Maille server with demo data, a chromedriver and
//! a headless Chromium session, with helpers to act as a person would
//! (type, tab, press keys) and an axe-core accessibility check.
//!
//! Without Chromium the tests using it print a notice and pass, unless
//! `MAILLE_REQUIRE_BROWSER=1` (CI), where a missing browser is a failure.

use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

use super::TestDb;

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// The instant the server evaluates opening hours at.
const TUESDAY_MORNING: &str = "2026-11-24T10:30:00+01:00";

/// A Maille server with demo data, a chromedriver and a browser session.
pub struct Harness {
    client: Option<Client>,
    base: String,
    children: Vec<Child>,
    profile: PathBuf,
    _db: TestDb,
}

fn required() -> bool {
    std::env::var("MAILLE_REQUIRE_BROWSER").is_ok_and(|v| v == "1")
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
}

fn wait_for_port(port: u16, what: &str) {
    let start = Instant::now();
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "{what} did not start on port {port}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

impl Harness {
    pub async fn start() -> Option<Self> {
        Self::launch(false).await
    }

    /// The same, the national address base holding a few streets of
    /// Cholet and Angers (`support::addresses`), imported by the command line.
    pub async fn start_with_addresses() -> Option<Self> {
        Self::launch(true).await
    }

    async fn launch(addresses: bool) -> Option<Self> {
        let missing: Vec<_> = [CHROMIUM, CHROMEDRIVER]
            .into_iter()
            .filter(|p| !std::path::Path::new(p).exists())
            .collect();
        if !missing.is_empty() {
            assert!(
                !required(),
                "MAILLE_REQUIRE_BROWSER=1 but {missing:?} missing: apt-get install chromium chromium-driver"
            );
            eprintln!(
                "browser test skipped: {missing:?} not installed (apt-get install chromium chromium-driver)"
            );
            return None;
        }
        let db = TestDb::empty().await;
        if addresses {
            let file =
                std::env::temp_dir().join(format!("maille-ban-{}.csv.gz", uuid::Uuid::now_v7()));
            std::fs::write(&file, super::addresses::ban_csv_gz()).expect("BAN file written");
            let imported = Command::new(env!("CARGO_BIN_EXE_maille"))
                .args([
                    "addresses",
                    "import",
                    file.to_str().expect("path"),
                    "--database",
                    db.url.as_str(),
                ])
                .env("RUST_LOG", "off")
                .output()
                .expect("maille addresses import");
            let _ = std::fs::remove_file(&file);
            assert!(
                imported.status.success(),
                "{}",
                String::from_utf8_lossy(&imported.stderr)
            );
        }
        let port = free_port();
        let server = Command::new(env!("CARGO_BIN_EXE_maille"))
            .args([
                "serve",
                "--demo",
                "--addr",
                &format!("127.0.0.1:{port}"),
                "--database",
                db.url.as_str(),
            ])
            .env("RUST_LOG", "warn")
            // A Tuesday morning: « open now » must not depend on when tests run.
            .env("MAILLE_OPENING_HOURS_AT", TUESDAY_MORNING)
            .stdout(Stdio::null())
            .spawn()
            .expect("maille starts");
        let driver_port = free_port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={driver_port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let profile =
            std::env::temp_dir().join(format!("maille-chromium-{}", uuid::Uuid::now_v7()));
        let mut harness = Self {
            client: None,
            base: format!("http://127.0.0.1:{port}"),
            children: vec![server, driver],
            profile,
            _db: db,
        };
        wait_for_port(port, "maille");
        wait_for_port(driver_port, "chromedriver");
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "goog:chromeOptions".into(),
            json!({
                "binary": CHROMIUM,
                "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                         "--no-first-run", "--disable-background-networking", "--disable-component-update",
                         "--disable-sync", "--window-size=1280,900", "--lang=fr-FR",
                         format!("--user-data-dir={}", harness.profile.display())],
                // A French browser, as most visitors' are: the pages follow
                // Accept-Language, and tests read French unless they choose
                // English with the page's link.
                "prefs": { "intl.accept_languages": "fr-FR,fr" }
            }),
        );
        let client = ClientBuilder::new(HttpConnector::new())
            .capabilities(capabilities)
            .connect(&format!("http://127.0.0.1:{driver_port}"))
            .await
            .expect("chromedriver session");
        harness.client = Some(client);
        Some(harness)
    }

    /// The server's database, to set up what a journey needs (a session
    /// that has started).
    pub fn db(&self) -> &sea_orm::DatabaseConnection {
        &self._db.conn
    }

    pub fn client(&self) -> &Client {
        self.client.as_ref().expect("connected")
    }

    pub async fn open(&self, path: &str) {
        self.client()
            .goto(&format!("{}{path}", self.base))
            .await
            .expect("page opens");
    }

    pub async fn path(&self) -> String {
        let url = self.client().current_url().await.expect("url");
        match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_owned(),
        }
    }

    /// Waits until the page at `path` is shown (after a submit or a click).
    pub async fn wait_for_path(&self, path: &str) {
        let start = Instant::now();
        while self.path().await != path {
            assert!(
                start.elapsed() < Duration::from_secs(10),
                "still on {} instead of {path}",
                self.path().await
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        // The URL changes when the new page starts loading: wait for its title.
        self.text_of("main h1").await;
    }

    /// The attribute `name` of the element `css` finds.
    pub async fn attribute(&self, css: &str, name: &str) -> Option<String> {
        self.client()
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|err| panic!("no {css}: {err}"))
            .attr(name)
            .await
            .expect("attribute read")
    }

    /// Clicks the element `css` finds.
    pub async fn click(&self, css: &str) {
        self.client()
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|err| panic!("no {css} to click: {err}"))
            .click()
            .await
            .expect("click");
    }

    pub async fn type_into(&self, css: &str, text: &str) {
        self.client()
            .find(Locator::Css(css))
            .await
            .expect(css)
            .send_keys(text)
            .await
            .expect("typed");
    }

    /// The text of the element matching `css`, waiting for it to appear: after
    /// a click, the next page may still be loading.
    pub async fn text_of(&self, css: &str) -> String {
        // Found on the page that was leaving, the element may be gone when
        // its text is asked: then it is looked for again, on the new page.
        for _ in 0..3 {
            let element = self
                .client()
                .wait()
                .at_most(Duration::from_secs(10))
                .for_element(Locator::Css(css))
                .await
                .expect(css);
            match element.text().await {
                Ok(text) => return text,
                Err(err) if is_stale(&err) => continue,
                Err(err) => panic!("text of {css}: {err}"),
            }
        }
        panic!("{css}: replaced three times while its text was read")
    }

    /// The text of the element matching `css` once it starts with
    /// `start`: after a click, the page that is leaving may still show.
    pub async fn wait_for_text(&self, css: &str, start: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let seen = match self.client().find(Locator::Css(css)).await {
                Ok(element) => element.text().await.ok(),
                Err(_) => None,
            };
            match seen {
                Some(text) if text.starts_with(start) => return text,
                seen if Instant::now() > deadline => {
                    panic!("{css}: waited for « {start}… », saw {seen:?}")
                }
                _ => tokio::time::sleep(Duration::from_millis(100)).await,
            }
        }
    }

    pub async fn log_in(&self, email: &str, password: &str) {
        self.open("/connexion").await;
        self.type_into("#email", email).await;
        self.type_into("#password", password).await;
        self.client()
            .find(Locator::Css("main form button[type=submit]"))
            .await
            .expect("submit")
            .click()
            .await
            .expect("click");
    }

    /// Resizes the window so the page's viewport is `width` CSS pixels wide
    /// (a phone at 320, a laptop at 1280).
    pub async fn set_width(&self, width: u32) {
        let client = self.client();
        let (_, _, outer, height) = client.get_window_rect().await.expect("window");
        let inner = client
            .execute("return window.innerWidth;", vec![])
            .await
            .expect("width")
            .as_u64()
            .unwrap_or(outer);
        let frame = outer.saturating_sub(inner) as u32;
        client
            .set_window_rect(0, 0, width + frame, height as u32)
            .await
            .expect("resized");
        let now = client
            .execute("return window.innerWidth;", vec![])
            .await
            .expect("width");
        assert_eq!(now.as_u64(), Some(u64::from(width)), "viewport width");
    }

    /// The keys that type a date into a date input: headless Chromium lays
    /// date inputs out in its own locale (month first in the United
    /// States), whatever the page's language.
    pub async fn date_keys(&self, day: u32, month: u32, year: i32) -> String {
        let locale = self
            .client()
            .execute(
                "return Intl.DateTimeFormat().resolvedOptions().locale;",
                vec![],
            )
            .await
            .expect("locale");
        if locale.as_str() == Some("en-US") {
            format!("{month:02}{day:02}{year}")
        } else {
            format!("{day:02}{month:02}{year}")
        }
    }

    /// Fails when the current page is wider than the window: a person on a
    /// phone would scroll sideways.
    pub async fn assert_no_sideways_scroll(&self) {
        let widths = self
            .client()
            .execute(
                "const wide = [...document.querySelectorAll('body *')]
                   .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                   .filter(e => !e.parentElement.closest('.table-scroll'))
                   .slice(0, 5)
                   .map(e => e.tagName + (e.id ? '#' + e.id : '') + (e.className ? '.' + e.className : '') + ' ' + Math.round(e.getBoundingClientRect().right));
                 return [document.documentElement.scrollWidth, window.innerWidth, wide.join(' ')];",
                vec![],
            )
            .await
            .expect("widths");
        let (page, window) = (widths[0].as_u64(), widths[1].as_u64());
        assert!(
            page <= window,
            "{} is {page:?} px wide in a {window:?} px window: {}",
            self.path().await,
            widths[2]
        );
    }

    /// Runs axe-core on the current page and fails with its violations.
    pub async fn assert_accessible(&self) {
        let axe = axe_source();
        let client = self.client();
        client.execute(&axe, vec![]).await.expect("axe injected");
        let result = client
            .execute_async(
                "const done = arguments[arguments.length - 1];
                 axe.run(document).then(
                   r => done(r.violations.map(v => v.id + ': ' + v.help + ' — ' + v.nodes.map(n => n.target.join(' ')).join(', '))),
                   e => done(['axe failed: ' + e]));",
                vec![],
            )
            .await
            .expect("axe ran");
        let violations: Vec<String> = serde_json::from_value(result).expect("list");
        assert!(
            violations.is_empty(),
            "axe on {}: {violations:#?}",
            self.path().await
        );
    }

    /// Presses Tab until `wanted` holds for the focused element (id, text,
    /// href), at most 40 times.
    pub async fn tab_until(&self, what: &str, wanted: impl Fn(&str, &str, &str) -> bool) {
        for _ in 0..40 {
            let (id, text) = self.tab().await;
            let href = self
                .client()
                .active_element()
                .await
                .expect("focus")
                .attr("href")
                .await
                .ok()
                .flatten()
                .unwrap_or_default();
            if wanted(&id, &text, &href) {
                return;
            }
        }
        panic!("Tab never reached {what} on {}", self.path().await);
    }

    /// Sends keys to the focused element.
    pub async fn press(&self, keys: &str) {
        self.client()
            .active_element()
            .await
            .expect("focus")
            .send_keys(keys)
            .await
            .expect("keys");
    }

    /// The id of the focused element after pressing Tab.
    pub async fn tab(&self) -> (String, String) {
        let client = self.client();
        client
            .active_element()
            .await
            .expect("focus")
            .send_keys(&Key::Tab)
            .await
            .expect("tab");
        let focused = client.active_element().await.expect("focus");
        let id = focused.attr("id").await.ok().flatten().unwrap_or_default();
        let text = focused.text().await.unwrap_or_default();
        (id, text)
    }
}

/// axe-core, pinned and shipped with its licence (`tests/browser/`), or
/// the script at `MAILLE_AXE_JS`.
fn axe_source() -> String {
    let path = std::env::var("MAILLE_AXE_JS")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/browser/axe.min.js")
        });
    std::fs::read_to_string(&path)
        .unwrap_or_else(|err| panic!("axe-core unreadable at {}: {err}", path.display()))
}

impl Drop for Harness {
    fn drop(&mut self) {
        if let Some(client) = self.client.take() {
            // Ending the WebDriver session makes chromedriver quit its
            // Chromium; killing chromedriver alone left every browser of
            // every run behind (184 processes after a few runs).
            tokio::task::block_in_place(|| {
                tokio::runtime::Handle::current().block_on(async {
                    let _ = tokio::time::timeout(Duration::from_secs(10), client.close()).await;
                })
            });
        }
        for child in &mut self.children {
            let _ = child.kill();
            let _ = child.wait();
        }
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

fn is_stale(err: &fantoccini::error::CmdError) -> bool {
    matches!(
        err,
        fantoccini::error::CmdError::Standard(e)
            if e.error == fantoccini::error::ErrorStatus::StaleElementReference
    )
}
