//! A structure's sessions: the list to come (`/espace/ateliers`), one
//! session's page with its list, and what a mediator does there —
//! register someone, cancel for them (after a question), add seats,
//! cancel the session (after a question), take attendance.

use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use super::views::{FormatRow, ListPage, PersonOption, RegistrationRow, SessionPage, SessionRow};
use crate::app::AppState;
use crate::error::AppError;
use crate::mediation::fields::Fields;
use crate::mediation::people_store;
use crate::mediation::record::Refused;
use crate::mediation::staff::activities::require_own;
use crate::outbox::store as outbox_store;
use crate::validation::{FieldError, FormErrors};
use crate::web::confirm::{ConfirmPage, Confirmation};
use crate::web::{CurrentUser, Form, flash, render, render_refused};
use crate::workshops::attendance::{self, Attendance};
use crate::workshops::booking::{self, Source};
use crate::workshops::messages::when_words;
use crate::workshops::store::{self, SessionRecord, seat, status};
use crate::workshops::{planning, store::RegistrationRecord};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/espace/ateliers", get(list))
        .route("/espace/ateliers/seances/{id}", get(show))
        .route("/espace/ateliers/seances/{id}/inscrire", post(register))
        .route(
            "/espace/ateliers/seances/{id}/inscriptions/{registration}/annuler",
            post(cancel_registration),
        )
        .route("/espace/ateliers/seances/{id}/places", post(capacity))
        .route(
            "/espace/ateliers/seances/{id}/annuler",
            post(cancel_session),
        )
        .route(
            "/espace/ateliers/seances/{id}/presences",
            post(take_attendance),
        )
}

fn status_words(code: &str) -> &'static str {
    match code {
        status::CANCELLED => "Annulée",
        status::HELD => "Tenue",
        _ => "Prévue",
    }
}

async fn list(State(state): State<AppState>, current: CurrentUser) -> Result<Response, AppError> {
    require_own(&current)?;
    let own = &current.user.organization_id;
    let from = chrono::Utc::now() - chrono::Duration::days(7);
    let sessions = store::sessions_of(&state.db, own, from, 200).await?;
    let formats = store::formats_of(&state.db, own).await?;
    let organization = crate::organizations::store::find(&state.db, own).await?;
    render(&ListPage {
        chrome: current.chrome().await?,
        sessions: sessions
            .iter()
            .map(|s| SessionRow {
                href: format!("/espace/ateliers/seances/{}", s.id),
                title: s.title.clone(),
                when: when_words(s),
                location: s.location.clone(),
                seats: if s.waiting > 0 {
                    format!("{} / {}, {} en attente", s.confirmed, s.capacity, s.waiting)
                } else {
                    format!("{} / {}", s.confirmed, s.capacity)
                },
                status: status_words(&s.status),
            })
            .collect(),
        formats: formats
            .iter()
            .map(|f| FormatRow {
                id: f.id.clone(),
                title: f.format.title.clone(),
                details: format!(
                    "{} min, {} places{}",
                    f.format.duration_min,
                    f.format.capacity,
                    f.format
                        .game_kind
                        .map(|g| format!(
                            ", jeu : {}",
                            crate::workshops::model::GAME_KINDS.label(g)
                        ))
                        .unwrap_or_default()
                ),
                plan_href: format!("/espace/ateliers/seances/nouvelle?format_id={}", f.id),
            })
            .collect(),
        feed_href: format!(
            "/structures/{}/ateliers.ics",
            organization.map(|o| o.slug).unwrap_or_default()
        ),
        failed_messages: outbox_store::count(&state.db, own, outbox_store::status::FAILED).await?,
    })
}

/// One of the user's structure's sessions (another structure's: 404).
async fn own_session(
    state: &AppState,
    current: &CurrentUser,
    id: &str,
) -> Result<SessionRecord, AppError> {
    require_own(current)?;
    store::find_session(&state.db, &current.user.organization_id, id)
        .await?
        .ok_or(AppError::NotFound)
}

fn registration_state(r: &RegistrationRecord, waiting_rank: usize) -> String {
    match (r.status.as_str(), r.source.as_str()) {
        (_, "walk_in") => "Venue sans inscription".into(),
        (seat::CONFIRMED, _) => "Confirmée".into(),
        (seat::WAITING, _) => format!("En attente ({waiting_rank})"),
        _ => "Annulée".into(),
    }
}

async fn session_page(
    state: &AppState,
    current: &CurrentUser,
    session: &SessionRecord,
    fields: &Fields,
    errors: FormErrors,
) -> Result<SessionPage, AppError> {
    let registrations = store::registrations_of(&state.db, &session.id).await?;
    let people = people_store::of_structure(&state.db, &current.user.organization_id).await?;
    let mut rank = 0;
    let rows = registrations
        .iter()
        .map(|r| {
            if r.status == seat::WAITING {
                rank += 1;
            }
            RegistrationRow {
                id: r.id.clone(),
                name: r.name.clone(),
                contact: [r.phone.clone(), r.email.clone()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(" · "),
                state: registration_state(r, rank),
                live: r.status != seat::CANCELLED,
                attended: r.attended,
                cancel_action: format!(
                    "/espace/ateliers/seances/{}/inscriptions/{}/annuler",
                    session.id, r.id
                ),
            }
        })
        .collect();
    let one = |name: &str| fields.one(name).unwrap_or_default().to_owned();
    Ok(SessionPage {
        chrome: current.chrome().await?,
        id: session.id.clone(),
        title: session.title.clone(),
        when: when_words(session),
        location: session.location.clone(),
        capacity: session.capacity,
        confirmed: session.confirmed,
        waiting: session.waiting,
        status: status_words(&session.status),
        registrations: rows,
        people: people
            .iter()
            .map(|p| PersonOption {
                id: p.id.clone(),
                label: p.label(),
            })
            .collect(),
        public_href: format!("/ateliers/{}", session.id),
        attendance_open: session.status == status::PLANNED
            && session.starts_at <= chrono::Utc::now(),
        activity_href: session
            .activity_id
            .as_ref()
            .map(|id| format!("/espace/activites/{id}")),
        errors,
        name: one("name"),
        phone: one("phone"),
        email: one("email"),
    })
}

async fn show(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let session = own_session(&state, &current, &id).await?;
    render(
        &session_page(
            &state,
            &current,
            &session,
            &Fields::default(),
            FormErrors::default(),
        )
        .await?,
    )
}

async fn register(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let session = own_session(&state, &current, &id).await?;
    let fields = Fields::from_form(pairs);
    let back = format!("/espace/ateliers/seances/{id}");
    match booking::register(
        &state.db,
        &session,
        &fields,
        Source::Staff,
        &state.courier(),
    )
    .await
    {
        Ok(registered) => {
            state.workshops.touch();
            let words = match (registered.already, registered.rank) {
                (true, _) => format!("{} était déjà inscrit·e.", registered.registration.name),
                (false, Some(rank)) => format!(
                    "{} est sur la liste d’attente, rang {rank}.",
                    registered.registration.name
                ),
                (false, None) => format!("{} est inscrit·e.", registered.registration.name),
            };
            flash::set_text(&current.session, words).await?;
            Ok(Redirect::to(&back).into_response())
        }
        Err(booking::Refused::Invalid(errors)) => render_refused(
            &session_page(
                &state,
                &current,
                &session,
                &fields,
                FormErrors::from(errors),
            )
            .await?,
        ),
        Err(booking::Refused::Closed) => render_refused(
            &session_page(
                &state,
                &current,
                &session,
                &fields,
                FormErrors::from(vec![FieldError::new("name", "registration-closed")]),
            )
            .await?,
        ),
        Err(booking::Refused::Database(err)) => Err(err.into()),
    }
}

async fn cancel_registration(
    State(state): State<AppState>,
    current: CurrentUser,
    Path((id, registration)): Path<(String, String)>,
    Form(confirmation): Form<Confirmation>,
) -> Result<Response, AppError> {
    let session = own_session(&state, &current, &id).await?;
    let registration = store::find_registration(&state.db, &session.id, &registration)
        .await?
        .ok_or(AppError::NotFound)?;
    let back = format!("/espace/ateliers/seances/{id}");
    if !confirmation.given() {
        return render(&ConfirmPage {
            chrome: current.chrome().await?,
            heading: format!("Annuler l’inscription de {} ?", registration.name),
            consequence: "Sa place ira à la première personne en attente, qui sera prévenue. La personne est prévenue de l’annulation si elle a laissé un moyen de la joindre.".into(),
            action: format!(
                "/espace/ateliers/seances/{id}/inscriptions/{}/annuler",
                registration.id
            ),
            fields: Vec::new(),
            confirm_label: "Oui, annuler l’inscription".into(),
            cancel_href: back,
        });
    }
    let words = match booking::cancel(&state.db, &registration, &state.courier()).await? {
        booking::Cancelled::Done { promoted } if promoted.is_empty() => {
            "Inscription annulée.".into()
        }
        booking::Cancelled::Done { .. } => {
            "Inscription annulée : la première personne en attente a eu la place et est prévenue."
                .into()
        }
        booking::Cancelled::Already => "Cette inscription était déjà annulée.".to_owned(),
    };
    state.workshops.touch();
    flash::set_text(&current.session, words).await?;
    Ok(Redirect::to(&back).into_response())
}

async fn capacity(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let session = own_session(&state, &current, &id).await?;
    let fields = Fields::from_form(pairs);
    let raw = fields.one("capacity").unwrap_or_default();
    let refused = |raw: &str| {
        FieldError::new("capacity", "activity-number")
            .with_value(raw)
            .with_arg("min", session.confirmed.max(1))
            .with_arg("max", crate::workshops::model::MAX_CAPACITY)
    };
    let outcome = match raw.trim().parse::<u32>() {
        Ok(n) => planning::set_capacity(&state.db, &session, n, &state.courier()).await,
        Err(_) => Err(Refused::Invalid(vec![refused(raw)])),
    };
    match outcome {
        Ok(promoted) => {
            state.workshops.touch();
            let words = if promoted.is_empty() {
                "Nombre de places changé.".to_owned()
            } else {
                format!(
                    "Nombre de places changé : {} personne(s) de la liste d’attente ont une place et sont prévenues.",
                    promoted.len()
                )
            };
            flash::set_text(&current.session, words).await?;
            Ok(Redirect::to(&format!("/espace/ateliers/seances/{id}")).into_response())
        }
        Err(Refused::Invalid(errors)) => render_refused(
            &session_page(
                &state,
                &current,
                &session,
                &fields,
                FormErrors::from(errors),
            )
            .await?,
        ),
        Err(Refused::Database(err)) => Err(err.into()),
    }
}

async fn cancel_session(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
    Form(confirmation): Form<Confirmation>,
) -> Result<Response, AppError> {
    let session = own_session(&state, &current, &id).await?;
    if !confirmation.given() {
        return render(&ConfirmPage {
            chrome: current.chrome().await?,
            heading: format!("Annuler la séance « {} » ?", session.title),
            consequence: format!(
                "Les {} personnes inscrites et les {} en attente sont prévenues quand elles ont laissé un moyen de les joindre. La séance reste visible, marquée annulée.",
                session.confirmed, session.waiting
            ),
            action: format!("/espace/ateliers/seances/{id}/annuler"),
            fields: Vec::new(),
            confirm_label: "Oui, annuler la séance".into(),
            cancel_href: format!("/espace/ateliers/seances/{id}"),
        });
    }
    planning::cancel_session(&state.db, &session, &state.courier()).await?;
    state.workshops.touch();
    flash::set_text(&current.session, "Séance annulée.".to_owned()).await?;
    Ok(Redirect::to(&format!("/espace/ateliers/seances/{id}")).into_response())
}

async fn take_attendance(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let session = own_session(&state, &current, &id).await?;
    let fields = Fields::from_form(pairs);
    let outcome = match Attendance::parse(&fields) {
        Ok(attendance) => {
            attendance::take(
                &state.db,
                &current.user,
                &session,
                &attendance,
                chrono::Utc::now(),
            )
            .await
        }
        Err(errors) => Err(Refused::Invalid(errors)),
    };
    match outcome {
        Ok(activity) => {
            state.workshops.touch();
            flash::set_text(
                &current.session,
                format!(
                    "Présences enregistrées : l’atelier est compté dans vos activités ({} participants).",
                    activity.activity.participants
                ),
            )
            .await?;
            Ok(Redirect::to(&format!("/espace/ateliers/seances/{id}")).into_response())
        }
        Err(Refused::Invalid(errors)) => render_refused(
            &session_page(
                &state,
                &current,
                &session,
                &fields,
                FormErrors::from(errors),
            )
            .await?,
        ),
        Err(Refused::Database(err)) => Err(err.into()),
    }
}
