//! A form extractor whose rejection is our French error page, not axum's
//! plain-text message.

use axum::extract::{FromRequest, FromRequestParts};

use crate::error::AppError;

/// Like `axum::Form`, failing with [`AppError::BadRequest`].
#[derive(FromRequest)]
#[from_request(via(axum::Form), rejection(AppError))]
pub struct Form<T>(pub T);

impl From<axum::extract::rejection::FormRejection> for AppError {
    fn from(rejection: axum::extract::rejection::FormRejection) -> Self {
        tracing::info!(%rejection, "formulaire illisible");
        Self::BadRequest
    }
}

/// Like `axum::extract::Query`, failing with [`AppError::BadRequest`].
#[derive(FromRequestParts)]
#[from_request(via(axum::extract::Query), rejection(AppError))]
pub struct Query<T>(pub T);

impl From<axum::extract::rejection::QueryRejection> for AppError {
    fn from(rejection: axum::extract::rejection::QueryRejection) -> Self {
        tracing::info!(%rejection, "paramètres d’adresse illisibles");
        Self::BadRequest
    }
}

/// One option of a radio group or a select.
#[derive(Clone, Debug)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub checked: bool,
}

impl Choice {
    /// An option, checked when `value` is the `current` one.
    pub fn new(value: &str, label: &str, current: &str) -> Self {
        Self {
            value: value.to_owned(),
            label: label.to_owned(),
            checked: value == current,
        }
    }
}
