//! Account routes: logging in and out, one's own password, and the team's
//! accounts for managers and administrators.

mod account_form;
mod login;
mod manage;
mod password;

use axum::Router;
use axum::routing::{get, post};

use crate::app::AppState;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/connexion", get(login::show).post(login::submit))
        .route("/deconnexion", post(login::log_out))
        .route(
            "/espace/mot-de-passe",
            get(password::show).post(password::submit),
        )
        .route("/espace/comptes", get(manage::list).post(manage::create))
        .route("/espace/comptes/nouveau", get(manage::new))
        .route(
            "/espace/comptes/{id}",
            get(manage::edit).post(manage::update),
        )
        .route(
            "/espace/comptes/{id}/activation",
            post(manage::set_activation),
        )
        .route(
            "/espace/comptes/{id}/mot-de-passe",
            post(manage::reset_password),
        )
}
