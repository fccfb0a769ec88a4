//! The shell every page shares: French, accessible structure, security
//! headers, error pages, no cookie for anonymous visitors.

use axum::http::StatusCode;

use crate::support::TestApp;

#[tokio::test]
async fn the_home_page_is_french_has_one_title_a_skip_link_and_landmarks() {
    let app = TestApp::new().await;
    let page = app.visitor().get("/").await;
    assert_eq!(page.status, StatusCode::OK);
    page.assert_contains("<html lang=\"fr\" dir=\"ltr\">");
    page.assert_contains("<a class=\"skip\" href=\"#contenu\">Aller au contenu</a>");
    page.assert_contains("<title>Accueil – Maille</title>");
    for landmark in [
        "<header",
        "<nav aria-label=",
        "<main id=\"contenu\"",
        "<footer",
    ] {
        page.assert_contains(landmark);
    }
    assert_eq!(page.body.matches("<h1").count(), 1);
    assert!(
        !page.body.contains("<script>"),
        "no inline script on the home page"
    );
    assert!(
        page.body.matches("<script").count() <= 1,
        "at most the optional « autour de moi » script"
    );
}

#[tokio::test]
async fn anonymous_visitors_of_public_pages_get_no_cookie() {
    let app = TestApp::new().await;
    let mut visitor = app.visitor();
    let stylesheet = maille::web::assets::stylesheet_path();
    for path in [
        "/",
        "/healthz",
        "/page-qui-n-existe-pas",
        stylesheet,
        "/espace",
    ] {
        let page = visitor.get(path).await;
        assert!(
            page.set_cookies().is_empty(),
            "{path} set {:?}",
            page.set_cookies()
        );
    }
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = TestApp::new().await;
    let mut visitor = app.visitor();
    for path in [
        "/",
        "/connexion",
        "/nulle-part",
        maille::web::assets::stylesheet_path(),
    ] {
        let page = visitor.get(path).await;
        let header = |name: &str| {
            page.headers
                .get(name)
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned()
        };
        let csp = header("content-security-policy");
        assert!(
            csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"),
            "{path}: {csp}"
        );
        assert!(!csp.contains("unsafe-inline"));
        assert_eq!(header("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(header("referrer-policy"), "same-origin", "{path}");
    }
}

#[tokio::test]
async fn an_unknown_page_gets_a_french_404_page_without_internal_detail() {
    let app = TestApp::new().await;
    let page = app.visitor().get("/lieux/n-existe-pas/vraiment").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    page.assert_contains("<h1>Page introuvable</h1>");
    page.assert_contains("Code d’erreur : 404");
}

#[tokio::test]
async fn a_wrong_method_gets_a_french_page_not_plain_text() {
    let (app, _) = TestApp::with_network().await;
    let mut visitor = app.logged_in("mediation.cholet@test.fr").await;
    visitor.get("/espace").await;
    let page = visitor.post("/healthz", &[]).await;
    assert_eq!(page.status, StatusCode::METHOD_NOT_ALLOWED);
    page.assert_contains("<h1>Action impossible</h1>");
}

#[tokio::test]
async fn unreadable_query_parameters_get_a_french_422_page() {
    let (app, net) = TestApp::with_network().await;
    let mut manager = app.logged_in(net.manager_cholet.email.as_str()).await;
    let page = manager.get("/espace/journal?page=premiere").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    page.assert_contains("Formulaire illisible");
}

#[tokio::test]
async fn healthz_answers_ok_when_the_database_answers() {
    let app = TestApp::new().await;
    let page = app.visitor().get("/healthz").await;
    assert_eq!((page.status, page.body.as_str()), (StatusCode::OK, "ok"));
}

#[tokio::test]
async fn healthz_says_503_when_the_schema_is_not_this_programs() {
    use sea_orm::ConnectionTrait;
    let app = TestApp::new().await;
    app.conn()
        .execute_unprepared(
            "INSERT INTO seaql_migrations (version, applied_at) VALUES ('m20991231_000001_from_the_future', 0)",
        )
        .await
        .unwrap();
    let page = app.visitor().get("/healthz").await;
    assert_eq!(page.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(page.content_type(), "text/plain; charset=utf-8");
    assert!(
        page.body.contains("m20991231_000001_from_the_future"),
        "{}",
        page.body
    );
}

#[tokio::test]
async fn healthz_says_503_when_the_sqlite_file_turns_to_garbage_under_a_running_server() {
    use tower::ServiceExt;
    if crate::support::TestDb::is_postgres() {
        eprintln!("SQLite only: a PostgreSQL database is no file to overwrite");
        return;
    }
    use sea_orm::ConnectionTrait;
    let db = crate::support::TestDb::migrated().await;
    db.conn
        .execute_unprepared("PRAGMA wal_checkpoint(TRUNCATE)")
        .await
        .unwrap();
    let conn = maille::db::connect(&db.url).await.unwrap();
    // Overwritten in place while the server runs: `SELECT 1` still answers,
    // so the old check said « ok » while every page failed.
    let path = db.url.as_str().trim_start_matches("sqlite://");
    let path = path.split('?').next().unwrap();
    let size = std::fs::metadata(path).unwrap().len() as usize;
    std::fs::write(path, vec![0x5a_u8; size]).unwrap();
    let state = maille::app::AppState::new(
        conn,
        maille::config::Config::local(db.url.clone()),
        maille::places::index::Directory::empty(),
    );
    let request = axum::http::Request::get("/healthz")
        .body(axum::body::Body::empty())
        .unwrap();
    let response = maille::app::router(state).oneshot(request).await.unwrap();
    let status = response.status();
    let body = axum::body::to_bytes(response.into_body(), 1 << 16)
        .await
        .unwrap();
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body:?}");
    let body = String::from_utf8_lossy(&body);
    assert!(body.contains("illisible"), "{body}");
}

#[tokio::test]
async fn the_stylesheet_is_cached_forever_under_its_content_hash() {
    let app = TestApp::new().await;
    let mut visitor = app.visitor();
    let page = visitor.get(maille::web::assets::stylesheet_path()).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.headers["cache-control"]
            .to_str()
            .unwrap()
            .contains("immutable")
    );
    assert_eq!(
        visitor
            .get("/static/maille-0000000000000000.css")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn the_home_page_with_its_stylesheet_weighs_under_15_kb() {
    let app = TestApp::new().await;
    let mut visitor = app.visitor();
    let html = visitor.get("/").await.body.len();
    let css = visitor
        .get(maille::web::assets::stylesheet_path())
        .await
        .body
        .len();
    assert!(
        html + css < 15 * 1024,
        "home page {html} B + stylesheet {css} B"
    );
}

#[tokio::test]
async fn staff_pages_are_never_stored_by_caches() {
    let (app, _) = TestApp::with_network().await;
    let mut manager = app.logged_in("direction.cholet@test.fr").await;
    let page = manager.get("/espace/comptes").await;
    assert_eq!(page.headers["cache-control"], "no-store");
}

#[tokio::test]
async fn when_the_database_fails_pages_say_so_in_french_without_internal_detail() {
    let (app, _) = TestApp::with_network().await;
    let mut manager = app.logged_in("direction.cholet@test.fr").await;
    app.conn().clone().close().await.unwrap();
    let page = manager.get("/espace").await;
    assert_eq!(page.status, StatusCode::INTERNAL_SERVER_ERROR);
    page.assert_contains("<h1>Erreur du serveur</h1>");
    for internal in ["sqlx", "Pool", "pool", "Connection", "database"] {
        assert!(!page.body.contains(internal), "the page shows {internal:?}");
    }
    let health = app.visitor().get("/healthz").await;
    assert_eq!(health.status, StatusCode::SERVICE_UNAVAILABLE);
}
