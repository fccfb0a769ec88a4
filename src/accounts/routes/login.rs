//! `/connexion` and `/deconnexion`.
//!
//! The login form creates no session: its CSRF token travels in a cookie
//! scoped to `/connexion`. The session is created only once the password is
//! right, with a fresh id.

use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::Session;

use crate::accounts::views::LoginPage;
use crate::accounts::{Email, lockout, password, store};
use crate::app::AppState;
use crate::error::AppError;
use crate::validation::{FieldError, FormErrors};
use crate::web::{Chrome, CurrentUser, Form, auth, csrf, render_with};
use crate::{db, demo, i18n, journal};

#[derive(Deserialize)]
pub(super) struct LoginForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

fn page(
    state: &AppState,
    headers: &HeaderMap,
    email: String,
) -> (LoginPage, Option<header::HeaderValue>) {
    let (csrf_token, cookie) = csrf::login_token(headers, state.config.secure_cookies());
    let page = LoginPage {
        chrome: Chrome::public(),
        csrf_token,
        email,
        errors: FormErrors::default(),
        refusal: None,
        logged_out: false,
        demo: state.config.demo,
        demo_password: demo::PASSWORD,
        demo_accounts: &demo::ACCOUNTS,
    };
    (page, cookie)
}

fn respond(
    status: StatusCode,
    page: &LoginPage,
    cookie: Option<header::HeaderValue>,
) -> Result<Response, AppError> {
    let mut response = render_with(status, page)?;
    if let Some(cookie) = cookie {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    // A page carrying a secret token must not be stored by shared caches.
    response.headers_mut().insert(
        header::CACHE_CONTROL,
        header::HeaderValue::from_static("no-store"),
    );
    Ok(response)
}

pub(super) async fn show(
    State(state): State<AppState>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let (mut page, cookie) = page(&state, &headers, String::new());
    page.logged_out = query.is_some_and(|q| q.split('&').any(|p| p == "deconnexion=1"));
    respond(StatusCode::OK, &page, cookie)
}

pub(super) async fn submit(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Result<Response, AppError> {
    let (mut page, cookie) = page(&state, &headers, form.email.trim().to_owned());
    let mut errors = FormErrors::default();
    let email = errors.take(Email::parse(&form.email));
    if form.password.is_empty() {
        errors.push(FieldError::new("password", "password-required"));
    }
    let Some(email) = email.filter(|_| errors.is_empty()) else {
        page.errors = errors;
        return respond(StatusCode::UNPROCESSABLE_ENTITY, &page, cookie);
    };
    let db = &state.db;
    let now = db::now();
    let account = store::find_with_hash_by_email(db, &email).await?;
    let user = account.as_ref().map(|(user, _)| user);
    if let Some(until) = lockout::locked_until(db, email.as_str(), now).await? {
        tracing::warn!(email = email.as_str(), "connexion refusée : compte bloqué");
        journal::login_refused_locked(db, email.as_str(), user).await?;
        page.refusal = Some(lockout_message(until, now));
        return respond(StatusCode::TOO_MANY_REQUESTS, &page, cookie);
    }
    let stored_hash = account.as_ref().map(|(_, hash)| hash.clone());
    let typed = form.password;
    let verified = tokio::task::spawn_blocking(move || match stored_hash {
        Some(hash) => password::verify(&typed, &hash),
        None => {
            password::verify_against_nothing(&typed);
            false
        }
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?;
    match account {
        Some((user, hash)) if verified && user.active => {
            auth::log_in(&session, &user, &hash).await?;
            journal::login_succeeded(db, &user).await?;
            tracing::info!(user = %user.id, "connexion réussie");
            Ok(Redirect::to("/espace").into_response())
        }
        _ => {
            tracing::info!(email = email.as_str(), "échec de connexion");
            journal::login_failed(db, email.as_str(), user).await?;
            if let Some(until) = lockout::locked_until(db, email.as_str(), now).await? {
                let minutes = lockout::minutes_left(until, now);
                tracing::warn!(
                    email = email.as_str(),
                    minutes,
                    "trop d’échecs : connexions bloquées"
                );
                journal::account_locked(db, email.as_str(), user, minutes).await?;
                page.refusal = Some(lockout_message(until, now));
                return respond(StatusCode::TOO_MANY_REQUESTS, &page, cookie);
            }
            page.errors = FieldError::new("password", "credentials-wrong").into();
            respond(StatusCode::UNPROCESSABLE_ENTITY, &page, cookie)
        }
    }
}

fn lockout_message(
    until: chrono::DateTime<chrono::Utc>,
    now: chrono::DateTime<chrono::Utc>,
) -> String {
    let minutes = lockout::minutes_left(until, now);
    i18n::t_with("lockout-retry", &[("minutes", minutes.into())])
}

pub(super) async fn log_out(
    State(state): State<AppState>,
    session: Session,
    current: Result<CurrentUser, AppError>,
) -> Result<Response, AppError> {
    if let Ok(current) = current {
        journal::logged_out(&state.db, &current.user).await?;
    }
    auth::log_out(&session).await?;
    Ok(Redirect::to("/connexion?deconnexion=1").into_response())
}
