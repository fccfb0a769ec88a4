//! Key journeys in headless Chromium, driven through chromedriver, with an
//! axe-core accessibility check on each page.
//!
//! Without Chromium these tests print a notice and pass, unless
//! `MAILLE_REQUIRE_BROWSER=1` (CI), where a missing browser is a failure.

use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::key::Key;
use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;

use crate::support::TestDb;

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
/// The instant the server evaluates opening hours at.
const TUESDAY_MORNING: &str = "2026-11-24T10:30:00+01:00";

/// A Maille server with demo data, a chromedriver and a browser session.
struct Harness {
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
    async fn start() -> Option<Self> {
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
                         "--disable-sync", "--window-size=1280,900", format!("--user-data-dir={}", harness.profile.display())]
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

    fn client(&self) -> &Client {
        self.client.as_ref().expect("connected")
    }

    async fn open(&self, path: &str) {
        self.client()
            .goto(&format!("{}{path}", self.base))
            .await
            .expect("page opens");
    }

    async fn path(&self) -> String {
        let url = self.client().current_url().await.expect("url");
        match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_owned(),
        }
    }

    /// Waits until the page at `path` is shown (after a submit or a click).
    async fn wait_for_path(&self, path: &str) {
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

    async fn type_into(&self, css: &str, text: &str) {
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
    async fn text_of(&self, css: &str) -> String {
        self.client()
            .wait()
            .at_most(Duration::from_secs(10))
            .for_element(Locator::Css(css))
            .await
            .expect(css)
            .text()
            .await
            .expect("text")
    }

    async fn log_in(&self, email: &str, password: &str) {
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

    /// Runs axe-core on the current page and fails with its violations.
    async fn assert_accessible(&self) {
        let Some(axe) = axe_source() else { return };
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
    async fn tab_until(&self, what: &str, wanted: impl Fn(&str, &str, &str) -> bool) {
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
    async fn press(&self, keys: &str) {
        self.client()
            .active_element()
            .await
            .expect("focus")
            .send_keys(keys)
            .await
            .expect("keys");
    }

    /// The id of the focused element after pressing Tab.
    async fn tab(&self) -> (String, String) {
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

/// axe-core from npm (`npm install` at the repository root), or `MAILLE_AXE_JS`.
fn axe_source() -> Option<String> {
    let path = std::env::var("MAILLE_AXE_JS")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("node_modules/axe-core/axe.min.js")
        });
    match std::fs::read_to_string(&path) {
        Ok(source) => Some(source),
        Err(_) if required() => panic!(
            "MAILLE_REQUIRE_BROWSER=1 but axe-core is missing at {}: run `npm ci`",
            path.display()
        ),
        Err(_) => {
            eprintln!(
                "accessibility check skipped: {} missing (run `npm ci`)",
                path.display()
            );
            None
        }
    }
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

#[tokio::test(flavor = "multi_thread")]
async fn a_wrong_password_is_explained_then_login_survives_a_reload_and_logout_ends_it() {
    let Some(h) = Harness::start().await else {
        return;
    };
    h.log_in("direction@demo.maille.test", "pas le bon").await;
    let link = h.text_of(".error-summary a[href='#password']").await;
    assert!(
        link.contains("Adresse e-mail ou mot de passe incorrect"),
        "{link}"
    );
    let invalid = h
        .client()
        .find(Locator::Css("#password"))
        .await
        .unwrap()
        .attr("aria-invalid")
        .await
        .unwrap();
    assert_eq!(invalid.as_deref(), Some("true"));
    h.assert_accessible().await;

    h.log_in("direction@demo.maille.test", "maille-demo").await;
    h.wait_for_path("/espace").await;
    h.client().refresh().await.unwrap();
    assert!(
        h.text_of("h1").await.starts_with("Bonjour"),
        "the session survives a reload"
    );

    h.client()
        .find(Locator::Css("header form button"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    h.wait_for_path("/connexion?deconnexion=1").await;
    h.open("/espace").await;
    h.wait_for_path("/connexion").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn the_whole_login_journey_works_with_the_keyboard_only() {
    let Some(h) = Harness::start().await else {
        return;
    };
    h.open("/connexion").await;
    let (_, first) = h.tab().await;
    assert_eq!(first, "Aller au contenu", "the skip link is the first stop");
    let mut focused = String::new();
    for _ in 0..10 {
        focused = h.tab().await.0;
        if focused == "email" {
            break;
        }
    }
    assert_eq!(focused, "email", "Tab reaches the e-mail field");
    let client = h.client();
    client
        .active_element()
        .await
        .unwrap()
        .send_keys("mediation@demo.maille.test")
        .await
        .unwrap();
    assert_eq!(h.tab().await.0, "password");
    let enter: &str = &Key::Enter;
    client
        .active_element()
        .await
        .unwrap()
        .send_keys(&format!("maille-demo{enter}"))
        .await
        .unwrap();
    h.wait_for_path("/espace").await;
    let mut reached_logout = false;
    for _ in 0..10 {
        if h.tab().await.1 == "Se déconnecter" {
            reached_logout = true;
            break;
        }
    }
    assert!(reached_logout, "Tab reaches the logout button");
    client
        .active_element()
        .await
        .unwrap()
        .send_keys(enter)
        .await
        .unwrap();
    h.wait_for_path("/connexion?deconnexion=1").await;
}

#[tokio::test(flavor = "multi_thread")]
async fn an_inhabitant_finds_the_nearest_open_place_for_admin_help_and_prints_it_keyboard_only() {
    let Some(h) = Harness::start().await else {
        return;
    };
    h.open("/").await;
    h.tab_until("the commune field", |id, _, _| id == "q").await;
    h.press("Cholet").await;
    h.tab_until("the filters", |_, text, _| text == "Affiner la recherche")
        .await;
    h.press(&Key::Enter).await;
    h.tab_until("« Aide aux démarches administratives »", |id, _, _| {
        id == "service-1"
    })
    .await;
    h.press(" ").await;
    h.tab_until("« Ouvert maintenant »", |id, _, _| id == "ouvert")
        .await;
    h.press(" ").await;
    h.tab_until("the search button", |_, text, _| text == "Rechercher")
        .await;
    h.press(&Key::Enter).await;
    let start = Instant::now();
    while !h.path().await.starts_with("/lieux?") {
        assert!(start.elapsed() < Duration::from_secs(10), "no results page");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let heading = h.text_of("#results-title").await;
    assert!(
        heading.contains("autour de Cholet") || heading.contains("proches de Cholet"),
        "{heading}"
    );
    let results = h.text_of("#results-title + p").await;
    assert!(
        results.contains("Aide aux démarches administratives · Ouvert maintenant"),
        "the ticked criteria are said above the results: {results}"
    );
    h.assert_accessible().await;

    h.tab_until("the nearest place", |_, _, href| {
        href.starts_with("/lieux/")
    })
    .await;
    h.press(&Key::Enter).await;
    let start = Instant::now();
    while !h.path().await.starts_with("/lieux/") {
        assert!(start.elapsed() < Duration::from_secs(10), "no place page");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let main = h.text_of("main").await;
    assert!(
        main.contains("Ouvert"),
        "open at the instant asked:\n{main}"
    );
    assert!(
        main.contains("Aide aux démarches administratives"),
        "{main}"
    );
    h.assert_accessible().await;

    let pdf = h
        .client()
        .print(fantoccini::wd::PrintConfiguration::default())
        .await
        .expect("the page prints");
    let text = String::from_utf8_lossy(&pdf);
    let pages = text.matches("/Type /Page").count() - text.matches("/Type /Pages").count();
    assert_eq!(pages, 1, "the place prints on one page");
}

#[tokio::test(flavor = "multi_thread")]
async fn axe_finds_no_violation_on_public_staff_and_error_pages() {
    let Some(h) = Harness::start().await else {
        return;
    };
    for path in [
        "/",
        "/connexion",
        "/page-inexistante",
        "/lieux?q=Cholet&gratuit=1",
        "/lieux?q=Zzyzx",
        "/lieux/demo-cholet",
        "/couverture?radius_km=5&department=49",
        "/couverture?radius_km=loin",
    ] {
        h.open(path).await;
        h.assert_accessible().await;
    }
    let pages: [(&str, &[&str]); 3] = [
        (
            "direction@demo.maille.test",
            &[
                "/espace",
                "/espace/comptes",
                "/espace/comptes/nouveau",
                "/espace/journal",
                "/espace/mot-de-passe",
            ],
        ),
        (
            "admin@demo.maille.test",
            &[
                "/espace/organisations",
                "/espace/comptes",
                "/espace/lieux?recherche=angers",
            ],
        ),
        (
            "coordination@demo.maille.test",
            &["/espace/reseau", "/espace/comptes", "/espace/lieux/import"],
        ),
    ];
    for (email, paths) in pages {
        h.log_in(email, "maille-demo").await;
        h.wait_for_path("/espace").await;
        for path in paths {
            h.open(path).await;
            h.assert_accessible().await;
        }
        if email.starts_with("coordination") {
            // The report of an import, with a refused row, chosen by the file input.
            let file =
                std::env::temp_dir().join(format!("maille-axe-{}.csv", uuid::Uuid::now_v7()));
            std::fs::write(
                &file,
                format!("{}\nsans,pivot\n", maille::places::COLUMNS.join(",")),
            )
            .unwrap();
            h.open("/espace/lieux/import").await;
            h.client()
                .find(Locator::Css("#fichier"))
                .await
                .unwrap()
                .send_keys(file.to_str().unwrap())
                .await
                .unwrap();
            h.client()
                .find(Locator::Css("main form button[type=submit]"))
                .await
                .unwrap()
                .click()
                .await
                .unwrap();
            let report = h.text_of("#report-title").await;
            assert!(report.contains("Import de"), "{report}");
            h.assert_accessible().await;
            let _ = std::fs::remove_file(file);
        }
        // Error pages show the public header: log out from the staff home.
        h.open("/espace").await;
        h.client()
            .find(Locator::Css("header form button"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        h.wait_for_path("/connexion?deconnexion=1").await;
    }
    // A refused form, with its error summary.
    h.log_in("direction@demo.maille.test", "maille-demo").await;
    h.wait_for_path("/espace").await;
    h.open("/espace/comptes/nouveau").await;
    h.client()
        .find(Locator::Css("main form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    h.text_of(".error-summary").await;
    h.assert_accessible().await;
}
