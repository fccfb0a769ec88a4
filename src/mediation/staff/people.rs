//! `/espace/personnes…`: the people a structure follows, only with their
//! consent — record, page (history, goals, skills), edit, hand over their
//! data (printable summary, JSON), merge duplicates, withdraw consent or
//! erase (after a question).

use axum::Router;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use super::activities::require_own;
use super::people_views::{PeoplePage, PersonFormPage, PersonPage, PersonRow};
use crate::app::AppState;
use crate::authz::{Action, allows};
use crate::error::AppError;
use crate::i18n;
use crate::journal::{Actor, BeneficiaryAccess};
use crate::mediation::beneficiary::DEFAULT_PURPOSE;
use crate::mediation::fields::Fields;
use crate::mediation::json::ExportJson;
use crate::mediation::people::{self, Held};
use crate::mediation::people_store::{self, PersonRecord};
use crate::mediation::record::Refused;
use crate::mediation::today;
use crate::mediation::vocabulary::{GENDERS, GOAL_STATUSES, SOCIAL_STATUSES};
use crate::validation::FormErrors;
use crate::web::confirm::{ConfirmPage, Confirmation};
use crate::web::{CurrentUser, Form, Query, flash, render, render_refused};

use super::activity_form::choices;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/espace/personnes", get(list))
        .route("/espace/personnes/nouvelle", get(new).post(create))
        .route("/espace/personnes/{id}", get(show))
        .route("/espace/personnes/{id}/modifier", get(edit).post(update))
        .route("/espace/personnes/{id}/objectifs", post(add_goal))
        .route("/espace/personnes/{id}/objectifs/{goal}", post(set_goal))
        .route("/espace/personnes/{id}/competences", post(add_assessment))
        .route("/espace/personnes/{id}/export.json", get(export_json))
        .route("/espace/personnes/{id}/resume", get(summary))
        .route("/espace/personnes/{id}/fusionner", post(merge))
        .route(
            "/espace/personnes/{id}/retirer-consentement",
            post(withdraw),
        )
        .route("/espace/personnes/{id}/effacer", post(erase))
}

async fn list(State(state): State<AppState>, current: CurrentUser) -> Result<Response, AppError> {
    require_own(&current)?;
    let people = people_store::of_structure(&state.db, &current.user.organization_id).await?;
    let duplicates = people::likely_duplicates(&people)
        .into_iter()
        .map(|(a, b)| (PersonRow::from(a), PersonRow::from(b)))
        .collect();
    render(&PeoplePage {
        chrome: current.chrome().await?,
        people: people.iter().map(PersonRow::from).collect(),
        duplicates,
    })
}

fn form_page(
    chrome: crate::web::Chrome,
    heading: &str,
    action: String,
    values: &Fields,
    errors: FormErrors,
) -> PersonFormPage {
    let one = |name: &str| values.one(name).unwrap_or_default().to_owned();
    PersonFormPage {
        chrome,
        heading: heading.to_owned(),
        action,
        errors,
        pseudonym: one("pseudonym"),
        birth_year: one("birth_year"),
        genders: choices(GENDERS, &values.all("gender")),
        statuses: choices(SOCIAL_STATUSES, &values.all("social_status")),
        commune: one("commune"),
        phone: one("phone"),
        email: one("email"),
        consent_purpose: values
            .one("consent_purpose")
            .unwrap_or(DEFAULT_PURPOSE)
            .to_owned(),
        consent: values.one("consent").is_some(),
        cancel_href: "/espace/personnes".into(),
    }
}

/// Where the new-person form was opened from: `?retour=activite`, the
/// activity form, which gets the person back chosen once recorded.
#[derive(serde::Deserialize, Default)]
struct Origin {
    #[serde(default)]
    retour: String,
}

const FROM_ACTIVITY: &str = "activite";

impl Origin {
    /// The form's action, keeping where it came from.
    fn action(&self) -> String {
        if self.retour == FROM_ACTIVITY {
            format!("/espace/personnes/nouvelle?retour={FROM_ACTIVITY}")
        } else {
            "/espace/personnes/nouvelle".into()
        }
    }

    /// Where to go once the person is recorded.
    fn next(&self, person_id: &str) -> String {
        if self.retour == FROM_ACTIVITY {
            format!("/espace/activites/nouvelle?personne={person_id}")
        } else {
            format!("/espace/personnes/{person_id}")
        }
    }
}

async fn new(current: CurrentUser, Query(origin): Query<Origin>) -> Result<Response, AppError> {
    require_own(&current)?;
    render(&form_page(
        current.chrome().await?,
        "Suivre une nouvelle personne",
        origin.action(),
        &Fields::default(),
        FormErrors::default(),
    ))
}

async fn create(
    State(state): State<AppState>,
    current: CurrentUser,
    Query(origin): Query<Origin>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    require_own(&current)?;
    let fields = Fields::from_form(pairs);
    match people::create(&state.db, &current.user, &fields, today()).await {
        Ok(record) => {
            flash::set(&current.session, "flash-person-created").await?;
            Ok(Redirect::to(&origin.next(&record.id)).into_response())
        }
        Err(Refused::Invalid(errors)) => render_refused(&form_page(
            current.chrome().await?,
            "Suivre une nouvelle personne",
            origin.action(),
            &fields,
            errors.into(),
        )),
        Err(Refused::Database(err)) => Err(err.into()),
    }
}

/// Everything held about the person `id` of the user's structure (404 for
/// anyone else's), the reading journaled as `access`.
async fn held(
    state: &AppState,
    current: &CurrentUser,
    id: &str,
    access: BeneficiaryAccess,
) -> Result<Held, AppError> {
    require_own(current)?;
    people::held(&state.db, &current.user, id, access)
        .await?
        .ok_or(AppError::NotFound)
}

async fn person_page(
    state: &AppState,
    current: &CurrentUser,
    id: &str,
    errors: FormErrors,
) -> Result<PersonPage, AppError> {
    let held = held(state, current, id, BeneficiaryAccess::Read).await?;
    let can_erase = allows(
        &current.user,
        &Action::ErasePersonalDataOf(&current.user.organization_id),
    );
    Ok(PersonPage::new(
        current.chrome().await?,
        &held,
        errors,
        can_erase,
    ))
}

async fn show(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    render(&person_page(&state, &current, &id, FormErrors::default()).await?)
}

async fn summary(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let held = held(&state, &current, &id, BeneficiaryAccess::Exported).await?;
    let mut page = PersonPage::new(current.chrome().await?, &held, FormErrors::default(), false);
    page.printable = true;
    render(&page)
}

async fn export_json(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let held = held(&state, &current, &id, BeneficiaryAccess::Exported).await?;
    let body = serde_json::to_vec_pretty(&ExportJson::from(&held))
        .map_err(|e| AppError::Internal(e.to_string()))?;
    let disposition = format!(
        "attachment; filename=\"mes-donnees-{}.json\"",
        held.record.code
    );
    Ok((
        [
            (header::CONTENT_TYPE, "application/json".to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        body,
    )
        .into_response())
}

fn values_of(record: &PersonRecord) -> Fields {
    let p = &record.person;
    let mut pairs = vec![
        ("pseudonym".to_owned(), p.pseudonym.clone()),
        ("commune".to_owned(), p.commune.clone()),
        ("phone".to_owned(), p.phone.clone()),
        ("email".to_owned(), p.email.clone()),
        ("consent_purpose".to_owned(), p.consent_purpose.clone()),
        ("consent".to_owned(), "oui".to_owned()),
    ];
    if let Some(year) = p.birth_year {
        pairs.push(("birth_year".into(), year.to_string()));
    }
    if let Some(g) = p.gender {
        pairs.push(("gender".into(), g.into()));
    }
    if let Some(s) = p.social_status {
        pairs.push(("social_status".into(), s.into()));
    }
    Fields::from_pairs(pairs)
}

async fn edit(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    require_own(&current)?;
    let record = people::read(&state.db, &current.user, &id)
        .await?
        .ok_or(AppError::NotFound)?;
    render(&form_page(
        current.chrome().await?,
        "Modifier la fiche",
        format!("/espace/personnes/{id}/modifier"),
        &values_of(&record),
        FormErrors::default(),
    ))
}

async fn update(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    require_own(&current)?;
    let fields = Fields::from_form(pairs);
    match people::update(&state.db, &current.user, &id, &fields, today()).await {
        Ok(Some(_)) => {
            flash::set(&current.session, "flash-person-updated").await?;
            Ok(Redirect::to(&format!("/espace/personnes/{id}")).into_response())
        }
        Ok(None) => Err(AppError::NotFound),
        Err(Refused::Invalid(errors)) => render_refused(&form_page(
            current.chrome().await?,
            "Modifier la fiche",
            format!("/espace/personnes/{id}/modifier"),
            &fields,
            errors.into(),
        )),
        Err(Refused::Database(err)) => Err(err.into()),
    }
}

/// A write on a person's page: refused fields show the page again.
async fn after_write(
    state: &AppState,
    current: &CurrentUser,
    id: &str,
    outcome: Result<bool, Refused>,
    flash_key: &'static str,
) -> Result<Response, AppError> {
    match outcome {
        Ok(true) => {
            flash::set(&current.session, flash_key).await?;
            Ok(Redirect::to(&format!("/espace/personnes/{id}")).into_response())
        }
        Ok(false) => Err(AppError::NotFound),
        Err(Refused::Invalid(errors)) => {
            render_refused(&person_page(state, current, id, errors.into()).await?)
        }
        Err(Refused::Database(err)) => Err(err.into()),
    }
}

async fn add_goal(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    require_own(&current)?;
    let outcome = people::add_goal(&state.db, &current.user, &id, &Fields::from_form(pairs)).await;
    after_write(&state, &current, &id, outcome, "flash-goal-added").await
}

#[derive(serde::Deserialize)]
struct GoalStatus {
    #[serde(default)]
    status: String,
}

async fn set_goal(
    State(state): State<AppState>,
    current: CurrentUser,
    Path((id, goal)): Path<(String, String)>,
    Form(form): Form<GoalStatus>,
) -> Result<Response, AppError> {
    require_own(&current)?;
    let status = GOAL_STATUSES
        .find(&form.status)
        .ok_or(AppError::BadRequest)?;
    let outcome = people::set_goal_status(&state.db, &current.user, &id, &goal, status)
        .await
        .map_err(Refused::from);
    after_write(&state, &current, &id, outcome, "flash-person-updated").await
}

async fn add_assessment(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    require_own(&current)?;
    let outcome = people::add_assessment(
        &state.db,
        &current.user,
        &id,
        &Fields::from_form(pairs),
        today(),
    )
    .await;
    after_write(&state, &current, &id, outcome, "flash-skill-added").await
}

#[derive(serde::Deserialize)]
struct MergeForm {
    #[serde(default)]
    doublon: String,
    #[serde(default)]
    confirme: String,
}

async fn merge(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
    Form(form): Form<MergeForm>,
) -> Result<Response, AppError> {
    require_own(&current)?;
    let own = &current.user.organization_id;
    let (Some(kept), Some(duplicate)) = (
        people_store::find(&state.db, own, &id).await?,
        people_store::find(&state.db, own, &form.doublon).await?,
    ) else {
        return Err(AppError::NotFound);
    };
    if form.confirme != crate::web::confirm::YES {
        let name = |p: &PersonRecord| p.label();
        return render(&ConfirmPage {
            chrome: current.chrome().await?,
            heading: i18n::t("confirm-merge-heading"),
            consequence: i18n::t_with(
                "confirm-merge-consequence",
                &[
                    ("kept", name(&kept).into()),
                    ("duplicate", name(&duplicate).into()),
                ],
            ),
            action: format!("/espace/personnes/{id}/fusionner"),
            fields: vec![("doublon".into(), duplicate.id.clone())],
            confirm_label: i18n::t("confirm-merge-button"),
            cancel_href: "/espace/personnes".into(),
        });
    }
    if !people::merge(&state.db, &current.user, &kept.id, &duplicate.id).await? {
        return Err(AppError::NotFound);
    }
    flash::set(&current.session, "flash-people-merged").await?;
    Ok(Redirect::to(&format!("/espace/personnes/{id}")).into_response())
}

/// Withdrawal (the person's right, any of the team) and erasure (the
/// manager's decision) end the same way: nothing personal is kept.
async fn end_following(
    state: &AppState,
    current: &CurrentUser,
    id: &str,
    confirmation: &Confirmation,
    withdraw: bool,
) -> Result<Response, AppError> {
    let own = &current.user.organization_id;
    let record = people_store::find(&state.db, own, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !confirmation.given() {
        let count = crate::mediation::store::page(
            &state.db,
            own,
            &crate::mediation::store::Filter {
                beneficiary_id: Some(id.to_owned()),
                ..Default::default()
            },
            0,
            1,
        )
        .await?
        .1;
        let (heading, consequence, button, action) = if withdraw {
            (
                "confirm-withdraw-heading",
                "confirm-withdraw-consequence",
                "confirm-withdraw-button",
                "retirer-consentement",
            )
        } else {
            (
                "confirm-erase-heading",
                "confirm-erase-consequence",
                "confirm-erase-button",
                "effacer",
            )
        };
        return render(&ConfirmPage {
            chrome: current.chrome().await?,
            heading: i18n::t(heading),
            consequence: i18n::t_with(
                consequence,
                &[
                    ("name", record.person.pseudonym.clone().into()),
                    ("count", count.into()),
                ],
            ),
            action: format!("/espace/personnes/{id}/{action}"),
            fields: Vec::new(),
            confirm_label: i18n::t(button),
            cancel_href: format!("/espace/personnes/{id}"),
        });
    }
    let why = if withdraw {
        "consentement retiré"
    } else {
        "effacement demandé"
    };
    people::erase(&state.db, Actor::User(&current.user), own, id, why).await?;
    flash::set(&current.session, "flash-person-erased").await?;
    Ok(Redirect::to("/espace/personnes").into_response())
}

async fn withdraw(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
    Form(confirmation): Form<Confirmation>,
) -> Result<Response, AppError> {
    require_own(&current)?;
    end_following(&state, &current, &id, &confirmation, true).await
}

async fn erase(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
    Form(confirmation): Form<Confirmation>,
) -> Result<Response, AppError> {
    current.require(Action::ErasePersonalDataOf(&current.user.organization_id))?;
    end_following(&state, &current, &id, &confirmation, false).await
}
