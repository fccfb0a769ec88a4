//! Drives the real router in process, like a browser would: cookies kept,
//! the CSRF token of the last page sent back with forms.

use std::collections::BTreeMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::atomic::{AtomicU32, Ordering};

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{HeaderMap, Request, StatusCode, header};
use http_body_util::BodyExt;
use maille::app::{self, AppState};
use maille::config::Config;
use maille::places::index::Directory;
use sea_orm::DatabaseConnection;
use tower::ServiceExt;

use super::{Network, TestDb};

/// The application on a fresh database.
pub struct TestApp {
    pub db: TestDb,
    router: Router,
    state: AppState,
}

impl TestApp {
    /// Maille on an empty migrated database, configured as `serve` would be.
    pub async fn new() -> Self {
        Self::with(|_| {}).await
    }

    /// The same, after `configure` adjusted the configuration.
    /// An application with the test network (two structures, one account
    /// per role: see [`Network`]) already created.
    pub async fn with_network() -> (Self, Network) {
        let app = Self::new().await;
        let network = Network::create(app.conn()).await;
        (app, network)
    }

    /// An application whose directory holds the demo places (the three
    /// centres, the mobile café and 300 synthetic places in Maine-et-Loire).
    pub async fn with_demo_places() -> Self {
        let app = Self::new().await;
        maille::places::store::upsert_all(app.conn(), &maille::places::demo::places(&[]))
            .await
            .expect("demo places stored");
        app.places()
            .reload(app.conn())
            .await
            .expect("directory loaded");
        app
    }

    pub async fn with(configure: impl FnOnce(&mut Config)) -> Self {
        let db = TestDb::migrated().await;
        let mut config = Config::local(db.url.clone());
        configure(&mut config);
        let places = Directory::empty();
        let state = AppState::new(db.conn.clone(), config, places);
        Self {
            router: app::router(state.clone()),
            db,
            state,
        }
    }

    /// The whole application, to serve over real connections.
    pub fn router(&self) -> Router {
        self.router.clone()
    }

    /// The database connection.
    pub fn conn(&self) -> &DatabaseConnection {
        &self.db.conn
    }

    /// The searchable places, to reload after writing places in a test.
    pub fn places(&self) -> &Directory {
        &self.state.places
    }

    /// The application's shared state.
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// A new visitor with an empty cookie jar, from an address of its own
    /// (as people on different connections are).
    pub fn visitor(&self) -> Client {
        static NEXT: AtomicU32 = AtomicU32::new(1);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let [_, a, b, c] = n.to_be_bytes();
        self.visitor_from(IpAddr::from([10, a, b, c]))
    }

    /// A new visitor with an empty cookie jar, connecting from `address`.
    pub fn visitor_from(&self, address: IpAddr) -> Client {
        Client {
            router: self.router.clone(),
            cookies: BTreeMap::new(),
            token: None,
            address: SocketAddr::new(address, 40_000),
        }
    }

    /// A visitor already logged in as `email`.
    pub async fn logged_in(&self, email: &str) -> Client {
        let mut client = self.visitor();
        let page = client.log_in(email, super::PASSWORD).await;
        assert_eq!(
            page.status,
            StatusCode::SEE_OTHER,
            "login of {email} failed: {}",
            page.body
        );
        client
    }
}

/// One visitor's browser.
pub struct Client {
    router: Router,
    cookies: BTreeMap<String, String>,
    token: Option<String>,
    /// Where its connections come from, as the server would see them.
    address: SocketAddr,
}

/// A response, body read.
pub struct Page {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: String,
    /// The body's bytes as sent (compressed ones, say).
    pub raw: Vec<u8>,
}

impl Page {
    /// Where a redirect points.
    pub fn location(&self) -> Option<&str> {
        self.headers
            .get(header::LOCATION)
            .and_then(|v| v.to_str().ok())
    }

    /// Every `Set-Cookie` header.
    pub fn set_cookies(&self) -> Vec<String> {
        self.headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok().map(str::to_owned))
            .collect()
    }

    /// The hidden CSRF field of the page's first form.
    pub fn csrf_token(&self) -> Option<String> {
        let start =
            self.body.find("name=\"csrf_token\" value=\"")? + "name=\"csrf_token\" value=\"".len();
        let end = self.body[start..].find('"')?;
        Some(self.body[start..start + end].to_owned())
    }

    /// The body as JSON (panics when it is not).
    #[track_caller]
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.body).unwrap_or_else(|e| {
            panic!(
                "expected JSON ({e}) in a {} page:\n{}",
                self.status, self.body
            )
        })
    }

    /// The `Content-Type` header.
    pub fn content_type(&self) -> &str {
        self.headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    /// Panics with the page when `text` is missing.
    #[track_caller]
    pub fn assert_contains(&self, text: &str) {
        assert!(
            self.body.contains(text),
            "expected {text:?} in a {} page:\n{}",
            self.status,
            self.body
        );
    }
}

impl Client {
    /// GET `path`.
    pub async fn get(&mut self, path: &str) -> Page {
        let request = self
            .request("GET", path)
            .body(Body::empty())
            .expect("request");
        self.send(request).await
    }

    /// GET `path` with extra headers.
    pub async fn get_with(&mut self, path: &str, headers: &[(&str, &str)]) -> Page {
        let mut request = self.request("GET", path);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = request.body(Body::empty()).expect("request");
        self.send(request).await
    }

    /// `method` on `path`, with an empty body.
    pub async fn call(&mut self, method: &str, path: &str) -> Page {
        let request = self
            .request(method, path)
            .body(Body::empty())
            .expect("request");
        self.send(request).await
    }

    /// POST a form to `path`, with the CSRF token of the last page seen.
    pub async fn post(&mut self, path: &str, fields: &[(&str, &str)]) -> Page {
        let mut fields: Vec<(&str, &str)> = fields.to_vec();
        let token = self.token.clone().unwrap_or_default();
        if !fields.iter().any(|(name, _)| *name == "csrf_token") {
            fields.push(("csrf_token", &token));
        }
        let body = serde_urlencoded::to_string(&fields).expect("form encodes");
        self.post_raw(path, body, &[]).await
    }

    /// POST exactly `body` as a form, with extra headers and no token added.
    pub async fn post_raw(&mut self, path: &str, body: String, headers: &[(&str, &str)]) -> Page {
        let mut request = self
            .request("POST", path)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = request.body(Body::from(body)).expect("request");
        self.send(request).await
    }

    /// `method` on `path` with a JSON body (or none) and extra headers, as
    /// a script calls the API.
    pub async fn json(
        &mut self,
        method: &str,
        path: &str,
        body: Option<serde_json::Value>,
        headers: &[(&str, &str)],
    ) -> Page {
        let mut request = self.request(method, path);
        if body.is_some() {
            request = request.header(header::CONTENT_TYPE, "application/json");
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let body = body.map_or_else(Body::empty, |b| Body::from(b.to_string()));
        let request = request.body(body).expect("request");
        self.send(request).await
    }

    /// The CSRF token of the last page seen.
    pub fn token(&self) -> String {
        self.token.clone().unwrap_or_default()
    }

    /// POST a file as `multipart/form-data` to `path` (field `file_field`),
    /// with extra text fields; the CSRF token of the last page goes first,
    /// as the import page's form sends it.
    pub async fn post_file(
        &mut self,
        path: &str,
        file_field: &str,
        file_name: &str,
        content: &str,
        fields: &[(&str, &str)],
    ) -> Page {
        let token = self.token.clone().unwrap_or_default();
        let mut all = vec![("csrf_token", token.as_str())];
        all.extend_from_slice(fields);
        self.post_multipart(path, &all, file_field, file_name, content.as_bytes())
            .await
    }

    /// POST exactly these parts, text `fields` first then the file, with no
    /// token added.
    pub async fn post_multipart(
        &mut self,
        path: &str,
        fields: &[(&str, &str)],
        file_field: &str,
        file_name: &str,
        content: &[u8],
    ) -> Page {
        let boundary = "maille-test-boundary-7d2f";
        let mut body = Vec::new();
        for (name, value) in fields {
            body.extend_from_slice(
                format!(
                    "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
                )
                .as_bytes(),
            );
        }
        body.extend_from_slice(format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{file_field}\"; filename=\"{file_name}\"\r\nContent-Type: text/csv\r\n\r\n"
        ).as_bytes());
        body.extend_from_slice(content);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        let request = self
            .request("POST", path)
            .header(
                header::CONTENT_TYPE,
                format!("multipart/form-data; boundary={boundary}"),
            )
            .body(Body::from(body))
            .expect("request");
        self.send(request).await
    }

    /// Logs in through the login form.
    pub async fn log_in(&mut self, email: &str, password: &str) -> Page {
        self.get("/connexion").await;
        self.post("/connexion", &[("email", email), ("password", password)])
            .await
    }

    /// Forgets the session and every cookie but the known-browser one, as
    /// a browser does when its session ends.
    pub fn end_session(&mut self) {
        self.cookies
            .retain(|name, _| name == maille::accounts::devices::COOKIE);
        self.token = None;
    }

    /// The cookies this browser holds.
    pub fn cookie_names(&self) -> Vec<String> {
        self.cookies.keys().cloned().collect()
    }

    fn request(&self, method: &str, path: &str) -> axum::http::request::Builder {
        let mut builder = Request::builder()
            .method(method)
            .uri(path)
            .header(header::HOST, "localhost")
            .extension(ConnectInfo(self.address));
        if !self.cookies.is_empty() {
            let cookie = self
                .cookies
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("; ");
            builder = builder.header(header::COOKIE, cookie);
        }
        builder
    }

    async fn send(&mut self, request: Request<Body>) -> Page {
        let response = self
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("router answers");
        let (parts, body) = response.into_parts();
        let bytes = body.collect().await.expect("body reads").to_bytes();
        let page = Page {
            status: parts.status,
            headers: parts.headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
            raw: bytes.to_vec(),
        };
        for cookie in page.set_cookies() {
            let first = cookie.split(';').next().unwrap_or_default();
            let (name, value) = first.split_once('=').unwrap_or((first, ""));
            let expired = value.is_empty() || cookie.contains("Max-Age=0");
            if expired {
                self.cookies.remove(name);
            } else {
                self.cookies.insert(name.to_owned(), value.to_owned());
            }
        }
        if let Some(token) = page.csrf_token() {
            self.token = Some(token);
        }
        page
    }
}
