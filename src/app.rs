//! The application: shared state, the router merging each feature's routes,
//! and the middleware every request goes through.

use std::sync::Arc;

use axum::Router;
use axum::middleware::{from_fn, from_fn_with_state};
use axum::response::IntoResponse;
use axum::routing::get;
use sea_orm::DatabaseConnection;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

use crate::accounts::throttle::AddressFailures;
use crate::config::Config;
use crate::error::{self, AppError};
use crate::places::index::Directory;
use crate::web::rate_limit::{self, RateLimits};
use crate::web::session_store::DbSessionStore;
use crate::web::{assets, csrf, deadline, encoding, lang, request_check, security};
use crate::{
    accounts, api, appointments, coverage, equipment, home, journal, mediation, organizations,
    outbox, places, tokens, workshops,
};

/// What every handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub config: Arc<Config>,
    /// The searchable places, rebuilt after each import or edit.
    pub places: Directory,
    /// Requests per minute per client address (API, login form).
    pub rate_limits: Arc<RateLimits>,
    /// Recent login failures per client address.
    pub login_failures: Arc<AddressFailures>,
    /// Sessions to come, in memory for the public pages.
    pub workshops: workshops::upcoming::Upcoming,
    /// What messages can be sent through (SMTP, SMS).
    pub senders: outbox::worker::Senders,
}

impl AppState {
    /// The state of an instance configured by `config`.
    pub fn new(db: DatabaseConnection, config: Config, places: Directory) -> Self {
        let senders = outbox::worker::Senders::from_config(&config).unwrap_or_else(|err| {
            tracing::error!(error = %err, "messages : configuration refusée, aucun envoi");
            outbox::worker::Senders::default()
        });
        Self {
            db,
            rate_limits: Arc::new(RateLimits::new(&config)),
            login_failures: Arc::default(),
            config: Arc::new(config),
            places,
            workshops: Default::default(),
            senders,
        }
    }

    /// Who messages can reach, and where their links start.
    pub fn courier(&self) -> workshops::booking::Courier {
        workshops::booking::Courier {
            reach: self.senders.reach(),
            origin: self.config.links_origin(),
        }
    }

    /// Forgets client addresses with nothing recent against them, so that
    /// the memory of limits follows the last minutes' clients. Every minute.
    pub fn forget_idle_clients(&self) {
        self.rate_limits.forget_idle();
        self.login_failures.forget_old(std::time::Instant::now());
    }
}

/// The name of the session cookie (set only after login).
pub const SESSION_COOKIE: &str = "maille_session";

/// Staff sessions end after this long without a request.
const SESSION_IDLE: time::Duration = time::Duration::hours(8);

/// The whole application.
pub fn router(state: AppState) -> Router {
    let sessions = SessionManagerLayer::new(DbSessionStore::new(state.db.clone()))
        .with_name(SESSION_COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.config.secure_cookies())
        .with_expiry(Expiry::OnInactivity(SESSION_IDLE));
    let app = Router::new()
        .merge(home::routes::router())
        .merge(accounts::routes::router())
        .merge(journal::routes::router())
        .merge(organizations::routes::router())
        .merge(places::public::router())
        .merge(places::staff::router())
        .merge(coverage::routes::router())
        .merge(tokens::routes::router())
        .merge(mediation::staff::router())
        .merge(workshops::public::router())
        .merge(workshops::staff::router())
        .merge(outbox::routes::router())
        .merge(appointments::public::router())
        .merge(appointments::staff::router())
        .merge(equipment::staff::router())
        .merge(equipment::public::router())
        .merge(equipment::requests::staff::router())
        .merge(equipment::requests::criteria::router())
        .merge(equipment::requests::internet::router())
        .merge(equipment::requests::public::router())
        .nest(api::PREFIX, api::router())
        .route("/static/{file}", get(assets::serve))
        .fallback(error::not_found)
        .method_not_allowed_fallback(error::method_not_allowed)
        // The CSRF check reads the session, so the session layer wraps it.
        .layer(from_fn_with_state(state.clone(), csrf::verify))
        .layer(sessions)
        .layer(from_fn_with_state(state.clone(), rate_limit::enforce))
        .with_state(state);
    security::with_headers(app)
        .layer(from_fn(security::no_store_for_staff))
        .layer(
            CompressionLayer::new().quality(CompressionLevel::Precise(encoding::GZIP_LEVEL as i32)),
        )
        .layer(CatchPanicLayer::custom(|_| {
            AppError::Internal("panic in a handler".into()).into_response()
        }))
        .layer(from_fn(request_check::refuse_unreadable))
        .layer(from_fn(deadline::within_deadline))
        // Outside the deadline and the checks, so their answers speak the
        // request's language too.
        .layer(from_fn(lang::negotiate))
        .layer(TraceLayer::new_for_http())
}
