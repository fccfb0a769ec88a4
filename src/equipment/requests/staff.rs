//! The requests' pages (`/espace/materiel/demandes…`): the waiting list by
//! priority then date, the paths under way with their progress, a new
//! request for a person followed, one request's page (link the person,
//! set a ready device aside with the path, close after a question). The
//! checklists are in `criteria`.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use super::model::{NEEDS, status};
use super::service::{self, Source};
use super::store::{self, RequestRecord};
use crate::app::AppState;
use crate::equipment::model::{Device, KINDS};
use crate::equipment::store::{self as equipment_store, StockFilter};
use crate::equipment::transitions::Refused;
use crate::error::AppError;
use crate::mediation::fields::Fields;
use crate::mediation::people_store;
use crate::mediation::staff::activities::require_own;
use crate::validation::{FieldError, FormErrors};
use crate::web::confirm::{ConfirmPage, Confirmation};
use crate::web::form::Choice;
use crate::web::{Chrome, CurrentUser, Form, flash, render, render_refused};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/espace/materiel/demandes", get(list))
        .route(
            "/espace/materiel/demandes/nouvelle",
            get(new_request).post(create),
        )
        .route("/espace/materiel/demandes/{id}", get(show))
        .route("/espace/materiel/demandes/{id}/personne", post(link_person))
        .route("/espace/materiel/demandes/{id}/parcours", post(start_path))
        .route("/espace/materiel/demandes/{id}/cloturer", post(close))
}

/// A request in a list.
pub struct RequestRow {
    pub href: String,
    pub who: String,
    pub need: String,
    pub kind: String,
    pub household: String,
    pub priority: i32,
    pub since: String,
    /// « 2 séances sur 4 » on a path.
    pub progress: String,
}

#[derive(Template)]
#[template(path = "equipment/requests.html")]
struct ListPage {
    chrome: Chrome,
    waiting: Vec<RequestRow>,
    paths: Vec<RequestRow>,
    criteria: usize,
}

#[derive(Template)]
#[template(path = "equipment/request_form.html")]
struct FormPage {
    chrome: Chrome,
    errors: FormErrors,
    people: Vec<Choice>,
    needs: Vec<Choice>,
    kinds: Vec<Choice>,
    criteria: Vec<Choice>,
    household: String,
}

#[derive(Template)]
#[template(path = "equipment/request.html")]
struct RequestPage {
    chrome: Chrome,
    errors: FormErrors,
    id: String,
    status: String,
    open: bool,
    waiting: bool,
    who: String,
    contact: String,
    need: String,
    kind: String,
    household: String,
    criteria: Vec<String>,
    linked: bool,
    people: Vec<Choice>,
    devices: Vec<Choice>,
    device_href: String,
    progress: String,
    path_done: bool,
}

fn status_words(code: &str) -> &'static str {
    match code {
        status::WAITING => "En attente",
        status::PATH => "Parcours en cours",
        status::GIVEN => "Équipement remis",
        _ => "Clôturée",
    }
}

async fn row(state: &AppState, r: &RequestRecord) -> Result<RequestRow, AppError> {
    let progress = if r.status == status::PATH {
        let (done, needed) = service::progress(&state.db, r).await?;
        format!(
            "{done} séance{} sur {needed}",
            if done > 1 { "s" } else { "" }
        )
    } else {
        String::new()
    };
    Ok(RequestRow {
        href: format!("/espace/materiel/demandes/{}", r.id),
        who: r.name.clone(),
        need: NEEDS.label(&r.need).to_owned(),
        kind: KINDS.label(&r.kind).to_owned(),
        household: r.household.clone(),
        priority: r.priority,
        since: r
            .created_at
            .with_timezone(&chrono_tz::Europe::Paris)
            .format("%d/%m/%Y")
            .to_string(),
        progress,
    })
}

async fn list(State(state): State<AppState>, current: CurrentUser) -> Result<Response, AppError> {
    require_own(&current)?;
    let own = &current.user.organization_id;
    let mut waiting = Vec::new();
    for r in store::requests_in(&state.db, own, status::WAITING, 200).await? {
        waiting.push(row(&state, &r).await?);
    }
    let mut paths = Vec::new();
    for r in store::requests_in(&state.db, own, status::PATH, 200).await? {
        paths.push(row(&state, &r).await?);
    }
    render(&ListPage {
        chrome: current.chrome().await?,
        waiting,
        paths,
        criteria: store::criteria_of(&state.db, own, "equipment").await?.len(),
    })
}

async fn people_choices(
    state: &AppState,
    current: &CurrentUser,
    chosen: &str,
) -> Result<Vec<Choice>, AppError> {
    Ok(
        people_store::of_structure(&state.db, &current.user.organization_id)
            .await?
            .into_iter()
            .take(500)
            .map(|p| Choice::new(&p.id, &p.label(), chosen))
            .collect(),
    )
}

async fn form_page(
    state: &AppState,
    current: &CurrentUser,
    fields: &Fields,
    errors: FormErrors,
) -> Result<FormPage, AppError> {
    let ticked = fields.all("criteria");
    Ok(FormPage {
        chrome: current.chrome().await?,
        errors,
        people: people_choices(
            state,
            current,
            fields.one("beneficiary_id").unwrap_or_default(),
        )
        .await?,
        needs: NEEDS
            .entries
            .iter()
            .map(|(c, l)| Choice::new(c, l, fields.one("need").unwrap_or("school")))
            .collect(),
        kinds: KINDS
            .entries
            .iter()
            .map(|(c, l)| Choice::new(c, l, fields.one("kind").unwrap_or("laptop")))
            .collect(),
        criteria: store::criteria_of(&state.db, &current.user.organization_id, "equipment")
            .await?
            .into_iter()
            .map(|c| Choice {
                checked: ticked.contains(&c.id.as_str()),
                value: c.id,
                label: c.label,
            })
            .collect(),
        household: fields.one("household").unwrap_or_default().to_owned(),
    })
}

async fn new_request(
    State(state): State<AppState>,
    current: CurrentUser,
) -> Result<Response, AppError> {
    require_own(&current)?;
    render(&form_page(&state, &current, &Fields::default(), FormErrors::default()).await?)
}

async fn create(
    State(state): State<AppState>,
    current: CurrentUser,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    require_own(&current)?;
    let fields = Fields::from_filled_form(pairs);
    match service::submit(
        &state.db,
        &current.user.organization_id,
        &fields,
        Source::Staff(&current.user),
    )
    .await
    {
        Ok(request) => {
            flash::set_text(
                &current.session,
                "Demande enregistrée sur la liste d’attente.".into(),
            )
            .await?;
            Ok(Redirect::to(&format!("/espace/materiel/demandes/{}", request.id)).into_response())
        }
        Err(Refused::Invalid(errors)) => {
            render_refused(&form_page(&state, &current, &fields, FormErrors::from(errors)).await?)
        }
        Err(Refused::Database(err)) => Err(err.into()),
        Err(_) => Err(AppError::NotFound),
    }
}

async fn own_request(
    state: &AppState,
    current: &CurrentUser,
    id: &str,
) -> Result<RequestRecord, AppError> {
    require_own(current)?;
    store::find_request(&state.db, &current.user.organization_id, id)
        .await?
        .ok_or(AppError::NotFound)
}

async fn request_page(
    state: &AppState,
    current: &CurrentUser,
    request: &RequestRecord,
    errors: FormErrors,
) -> Result<RequestPage, AppError> {
    let own = &current.user.organization_id;
    let labels = store::criteria_of(&state.db, own, "equipment").await?;
    let met: Vec<String> = serde_json::from_str(&request.criteria).unwrap_or_default();
    let waiting = request.status == status::WAITING;
    let devices = if waiting {
        let filter = StockFilter {
            state: Some("ready"),
            ..StockFilter::default()
        };
        let (ready, _) = equipment_store::stock_page(&state.db, own, &filter, 0, 200).await?;
        let set_aside = store::set_aside_devices(&state.db, own).await?;
        ready
            .iter()
            .filter(|d| !set_aside.contains(&d.id))
            .map(|d| {
                let label = format!(
                    "{} — {} ({})",
                    d.code,
                    Device::title(&d.kind, &d.brand, &d.model),
                    KINDS.label(&d.kind)
                );
                Choice::new(&d.id, &label, "")
            })
            .collect()
    } else {
        Vec::new()
    };
    let (progress, path_done) = if request.status == status::PATH {
        let (done, needed) = service::progress(&state.db, request).await?;
        (
            format!(
                "{done} séance{} sur {needed}",
                if done > 1 { "s" } else { "" }
            ),
            done >= needed,
        )
    } else {
        (String::new(), false)
    };
    let device_href = match &request.device_id {
        Some(id) => equipment_store::find_device(&state.db, own, id)
            .await?
            .map(|d| format!("/espace/materiel/{}", d.code))
            .unwrap_or_default(),
        None => String::new(),
    };
    Ok(RequestPage {
        chrome: current.chrome().await?,
        errors,
        id: request.id.clone(),
        status: status_words(&request.status).to_owned(),
        open: matches!(request.status.as_str(), status::WAITING | status::PATH),
        waiting,
        who: request.name.clone(),
        contact: [request.phone.clone(), request.email.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" · "),
        need: NEEDS.label(&request.need).to_owned(),
        kind: KINDS.label(&request.kind).to_owned(),
        household: request.household.clone(),
        criteria: labels
            .into_iter()
            .filter(|c| met.contains(&c.id))
            .map(|c| c.label)
            .collect(),
        linked: request.beneficiary_id.is_some(),
        people: if request.beneficiary_id.is_none() {
            people_choices(state, current, "").await?
        } else {
            Vec::new()
        },
        devices,
        device_href,
        progress,
        path_done,
    })
}

async fn show(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let request = own_request(&state, &current, &id).await?;
    render(&request_page(&state, &current, &request, FormErrors::default()).await?)
}

/// The page again with what was refused; a conflict is said in the summary (409).
async fn refused_page(
    state: &AppState,
    current: &CurrentUser,
    request: &RequestRecord,
    refused: Refused,
) -> Result<Response, AppError> {
    let (code, errors) = match refused {
        Refused::Invalid(errors) => (axum::http::StatusCode::UNPROCESSABLE_ENTITY, errors),
        Refused::Conflict(words) => (
            axum::http::StatusCode::CONFLICT,
            vec![FieldError::new("device_id", "equipment-conflict").with_arg("why", words)],
        ),
        Refused::NotFound => return Err(AppError::NotFound),
        Refused::Database(err) => return Err(err.into()),
    };
    let page = request_page(state, current, request, FormErrors::from(errors)).await?;
    Ok((code, axum::response::Html(page.render()?)).into_response())
}

async fn link_person(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let request = own_request(&state, &current, &id).await?;
    let fields = Fields::from_filled_form(pairs);
    let person = fields.one("beneficiary_id").unwrap_or_default();
    match service::link_person(&state.db, &current.user, &id, person).await {
        Ok(_) => Ok(Redirect::to(&format!("/espace/materiel/demandes/{id}")).into_response()),
        Err(refused) => refused_page(&state, &current, &request, refused).await,
    }
}

async fn start_path(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let request = own_request(&state, &current, &id).await?;
    let fields = Fields::from_filled_form(pairs);
    match service::start_path(
        &state.db,
        &current.user,
        &id,
        &fields,
        crate::mediation::today(),
    )
    .await
    {
        Ok(_) => {
            flash::set_text(
                &current.session,
                "Appareil mis de côté : le parcours commence. Chaque activité enregistrée pour la personne compte comme une séance.".into(),
            )
            .await?;
            Ok(Redirect::to(&format!("/espace/materiel/demandes/{id}")).into_response())
        }
        Err(refused) => refused_page(&state, &current, &request, refused).await,
    }
}

async fn close(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
    Form(confirmation): Form<Confirmation>,
) -> Result<Response, AppError> {
    let request = own_request(&state, &current, &id).await?;
    if !confirmation.given() {
        return render(&ConfirmPage {
            chrome: current.chrome().await?,
            heading: "Clôturer cette demande ?".into(),
            consequence: format!(
                "La demande de {} quitte la liste d’attente ; l’appareil mis de côté, s’il y en a un, redevient disponible. Ses coordonnées sont effacées.",
                request.name
            ),
            action: format!("/espace/materiel/demandes/{id}/cloturer"),
            fields: Vec::new(),
            confirm_label: "Oui, clôturer la demande".into(),
            cancel_href: format!("/espace/materiel/demandes/{id}"),
        });
    }
    match service::close(&state.db, &current.user, &id).await {
        Ok(_) => {
            flash::set_text(&current.session, "Demande clôturée.".into()).await?;
            Ok(Redirect::to("/espace/materiel/demandes").into_response())
        }
        Err(refused) => refused_page(&state, &current, &request, refused).await,
    }
}
