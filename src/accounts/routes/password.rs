//! `/espace/mot-de-passe`: a person changes their own password.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::accounts::views::PasswordPage;
use crate::accounts::{NewPassword, password, store};
use crate::app::AppState;
use crate::authz::Action;
use crate::error::AppError;
use crate::journal;
use crate::validation::{FieldError, FormErrors};
use crate::web::{CurrentUser, Form, auth, flash, render, render_refused};

#[derive(Deserialize)]
pub(super) struct PasswordForm {
    #[serde(default)]
    current_password: String,
    #[serde(default)]
    new_password: String,
    #[serde(default)]
    confirmation: String,
}

pub(super) async fn show(current: CurrentUser) -> Result<Response, AppError> {
    current.require(Action::UseOwnSpace)?;
    render(&PasswordPage {
        chrome: current.chrome().await?,
        errors: FormErrors::default(),
    })
}

pub(super) async fn submit(
    State(state): State<AppState>,
    current: CurrentUser,
    Form(form): Form<PasswordForm>,
) -> Result<Response, AppError> {
    current.require(Action::UseOwnSpace)?;
    let (_, stored_hash) = store::find_with_hash(&state.db, &current.user.id)
        .await?
        .ok_or(AppError::LoginRequired)?;
    let mut errors = FormErrors::default();
    let current_ok = password::verify(&form.current_password, Some(&stored_hash)).await?;
    if !current_ok {
        errors.push(FieldError::new(
            "current_password",
            "password-current-wrong",
        ));
    }
    let new_password = errors.take(NewPassword::parse(&form.new_password, "new_password"));
    if new_password.is_some() && form.confirmation != form.new_password {
        errors.push(FieldError::new("confirmation", "password-mismatch"));
    }
    let Some(new_password) = new_password.filter(|_| errors.is_empty()) else {
        return render_refused(&PasswordPage {
            chrome: current.chrome().await?,
            errors,
        });
    };
    let hash = password::hash(&new_password).await?;
    store::set_password_hash(&state.db, &current.user.id, &hash).await?;
    auth::refresh_fingerprint(&current.session, &hash).await?;
    journal::password_changed(&state.db, &current.user).await?;
    flash::set(&current.session, "flash-password-changed").await?;
    Ok(Redirect::to("/espace").into_response())
}
