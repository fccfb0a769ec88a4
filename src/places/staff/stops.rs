//! `/espace/lieux/{id}/haltes`: where and when an itinerant place stops,
//! planned by the staff who may edit the place.

use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use super::places::editable;
use super::views::{StopRow, StopsPage};
use crate::app::AppState;
use crate::db;
use crate::error::AppError;
use crate::i18n;
use crate::journal;
use crate::places::hours;
use crate::places::stops::StopForm;
use crate::places::stops::store as stops_store;
use crate::places::store::StoredPlace;
use crate::validation::FormErrors;
use crate::web::confirm::{ConfirmPage, Confirmation};
use crate::web::{CurrentUser, Form, flash, render, render_refused};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/espace/lieux/{id}/haltes", get(stops).post(add_stop))
        .route(
            "/espace/lieux/{id}/haltes/{stop}/supprimer",
            post(remove_stop),
        )
}

/// The place's local date, for « not in the past ».
fn local_today(stored: &StoredPlace) -> chrono::NaiveDate {
    let place = &stored.place;
    let tz = hours::time_zone(place.code_insee.as_deref(), &place.code_postal);
    chrono::Utc::now().with_timezone(&tz).date_naive()
}

async fn stops_page(
    state: &AppState,
    current: &CurrentUser,
    stored: &StoredPlace,
    form: StopForm,
    errors: FormErrors,
) -> Result<StopsPage, AppError> {
    let stops = stops_store::of_place(&state.db, &stored.place.id, local_today(stored))
        .await?
        .into_iter()
        .map(|s| StopRow {
            when: s.when_words(),
            place: s.where_words(),
            approximate: s.position_approximate,
            id: s.id,
        })
        .collect();
    Ok(StopsPage {
        chrome: current.chrome().await?,
        place_id: stored.place.id.clone(),
        place_name: stored.place.nom.clone(),
        stops,
        errors,
        form,
    })
}

async fn stops(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let stored = editable(&state, &current, &id).await?;
    render(
        &stops_page(
            &state,
            &current,
            &stored,
            StopForm::default(),
            FormErrors::default(),
        )
        .await?,
    )
}

async fn add_stop(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
    Form(form): Form<StopForm>,
) -> Result<Response, AppError> {
    let stored = editable(&state, &current, &id).await?;
    match form.parse(db::new_id().to_string(), &id, local_today(&stored)) {
        Ok(stop) => {
            stops_store::insert(&state.db, &stop).await?;
            let detail = format!("{}, {}", stop.when_words(), stop.where_words());
            journal::stop_changed(&state.db, &current.user, &id, true, detail).await?;
            state.places.reload(&state.db).await?;
            flash::set(&current.session, "flash-stop-added").await?;
            Ok(Redirect::to(&format!("/espace/lieux/{id}/haltes")).into_response())
        }
        Err(errors) => render_refused(&stops_page(&state, &current, &stored, form, errors).await?),
    }
}

async fn remove_stop(
    State(state): State<AppState>,
    current: CurrentUser,
    Path((id, stop)): Path<(String, String)>,
    Form(confirmation): Form<Confirmation>,
) -> Result<Response, AppError> {
    let stored = editable(&state, &current, &id).await?;
    let removed = stops_store::of_place(&state.db, &id, local_today(&stored))
        .await?
        .into_iter()
        .find(|s| s.id == stop);
    if let Some(shown) = removed.as_ref().filter(|_| !confirmation.given()) {
        return render(&ConfirmPage {
            chrome: current.chrome().await?,
            heading: i18n::t("confirm-stop-heading"),
            consequence: i18n::t_with(
                "confirm-stop-consequence",
                &[
                    ("when", shown.when_words().into()),
                    ("where", shown.where_words().into()),
                ],
            ),
            action: format!("/espace/lieux/{id}/haltes/{stop}/supprimer"),
            fields: Vec::new(),
            confirm_label: i18n::t("confirm-stop-button"),
            cancel_href: format!("/espace/lieux/{id}/haltes"),
        });
    }
    if !stops_store::delete(&state.db, &id, &stop).await? {
        return Err(AppError::NotFound);
    }
    let detail = removed.map_or_else(
        || format!("halte {stop}"),
        |s| format!("{}, {}", s.when_words(), s.where_words()),
    );
    journal::stop_changed(&state.db, &current.user, &id, false, detail).await?;
    state.places.reload(&state.db).await?;
    flash::set(&current.session, "flash-stop-removed").await?;
    Ok(Redirect::to(&format!("/espace/lieux/{id}/haltes")).into_response())
}
