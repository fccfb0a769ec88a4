//! `/connexion` and `/deconnexion`.
//!
//! The login form creates no session: its CSRF token travels in a cookie
//! scoped to `/connexion`. The session is created only once the password is
//! right, with a fresh id.

use axum::extract::{RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::Session;

use crate::accounts::login::{self, Outcome};
use crate::accounts::views::LoginPage;
use crate::accounts::{Email, devices, throttle};
use crate::app::AppState;
use crate::error::AppError;
use crate::validation::{FieldError, FormErrors};
use crate::web::client::ClientAddress;
use crate::web::{Chrome, CurrentUser, Form, auth, csrf, flash, render_with};
use crate::{demo, i18n, journal};

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
    client: ClientAddress,
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
    let attempt = login::Attempt {
        email,
        password: form.password,
        client,
        browser: devices::token_in(&headers),
    };
    match login::attempt(&state.db, &state.login_failures, attempt).await? {
        Outcome::LoggedIn {
            user,
            password_hash,
            browser,
            failed_before,
        } => {
            auth::log_in(&session, &user, &password_hash).await?;
            if let Some(failed) = failed_before {
                flash::set_text(&session, failures_notice(&failed)).await?;
            }
            let mut response = Redirect::to("/espace").into_response();
            if let Some(cookie) = devices::cookie(&browser, state.config.secure_cookies()) {
                response.headers_mut().append(header::SET_COOKIE, cookie);
            }
            Ok(response)
        }
        Outcome::Refused => {
            page.errors = FieldError::new("password", "credentials-wrong").into();
            respond(StatusCode::UNPROCESSABLE_ENTITY, &page, cookie)
        }
        Outcome::AddressBlocked(wait) => wait_before(page, cookie, "lockout-address", wait),
        Outcome::AccountResting(wait) => wait_before(page, cookie, "lockout-account", wait),
    }
}

/// The login page again with 429: too many failures, try after `wait`
/// (`key` says whose failures).
fn wait_before(
    mut page: LoginPage,
    cookie: Option<HeaderValue>,
    key: &str,
    wait: std::time::Duration,
) -> Result<Response, AppError> {
    let minutes = throttle::minutes(wait);
    page.refusal = Some(i18n::t_with(key, &[("minutes", minutes.into())]));
    let mut response = respond(StatusCode::TOO_MANY_REQUESTS, &page, cookie)?;
    response.headers_mut().insert(
        header::RETRY_AFTER,
        HeaderValue::from(wait.as_secs().max(1)),
    );
    Ok(response)
}

/// What the account's owner is told of the failures since their last login,
/// on their staff home page, which is in French.
fn failures_notice(failed: &login::FailedAttempts) -> String {
    let when = failed
        .last
        .with_timezone(&chrono_tz::Europe::Paris)
        .format("%d/%m/%Y à %H:%M")
        .to_string();
    i18n::Lang::Fr.t_with(
        "login-failures-notice",
        &[("count", failed.count.into()), ("when", when.into())],
    )
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
