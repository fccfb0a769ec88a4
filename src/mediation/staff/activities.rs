//! `/espace/activites…`: a mediator records an activity in a few taps
//! (the last choices as defaults), lists and filters the structure's
//! activities 50 a page, duplicates, edits, deletes (after a question) and
//! exports them as a French spreadsheet.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use super::activity_form::{ActivityFormPage, Context, fields_of};
use crate::accounts::User;
use crate::app::AppState;
use crate::authz::Action;
use crate::error::AppError;
use crate::i18n;
use crate::mediation::fields::Fields;
use crate::mediation::record::{self, Refused};
use crate::mediation::store::{self, ActivityRecord, Filter};
use crate::mediation::vocabulary::{KINDS, PLACE_KINDS, THEMES};
use crate::mediation::{people_store, today};
use crate::validation::{FieldError, FormErrors};
use crate::web::confirm::{ConfirmPage, Confirmation};
use crate::web::form::Choice;
use crate::web::{Chrome, CurrentUser, Form, Query, flash, render, render_refused};

/// Activities per page of the list.
pub const PAGE_SIZE: u64 = 50;

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/espace/activites", get(list))
        .route("/espace/activites/nouvelle", get(new).post(create))
        .route(
            "/espace/activites/export.csv",
            get(super::export::activities_csv),
        )
        .route("/espace/activites/{id}", get(edit).post(update))
        .route("/espace/activites/{id}/supprimer", post(remove))
}

/// Refuses anyone who may not read the structure's personal data.
pub fn require_own(current: &CurrentUser) -> Result<(), AppError> {
    current.require(Action::ReadPersonalDataOf(&current.user.organization_id))
}

/// What the form offers: the structure's places (id, name), its people,
/// and the directory's places nearest it (to orient someone to).
struct FormData {
    places: Vec<(String, String)>,
    people: Vec<people_store::PersonRecord>,
    nearby: Vec<(String, String)>,
}

/// How many of the directory's nearest places the orientation offers.
const NEARBY: usize = 40;

async fn form_data(state: &AppState, user: &User) -> Result<FormData, AppError> {
    let own = crate::places::store::of_organization(&state.db, &user.organization_id).await?;
    let centre = own
        .iter()
        .find_map(|p| Some((p.place.latitude?, p.place.longitude?)));
    let ours: Vec<&str> = own.iter().map(|p| p.place.id.as_str()).collect();
    let nearby = match centre {
        Some((latitude, longitude)) => {
            let index = state.places.index();
            let filters = crate::places::index::Filters::default();
            index
                .nearest(latitude, longitude, &filters, Some(100.0))
                .filter(|(p, _)| !ours.contains(&p.id()))
                .take(NEARBY)
                .map(|(p, _)| {
                    let commune = p.field(crate::places::Field::Commune);
                    (p.id().to_owned(), format!("{} — {commune}", p.nom()))
                })
                .collect()
        }
        None => Vec::new(),
    };
    let places = own.into_iter().map(|p| (p.place.id, p.place.nom)).collect();
    let people = people_store::of_structure(&state.db, &user.organization_id).await?;
    Ok(FormData {
        places,
        people,
        nearby,
    })
}

/// The structure's places (id, name) and people, for the list.
async fn context_data(
    state: &AppState,
    user: &User,
) -> Result<(Vec<(String, String)>, Vec<people_store::PersonRecord>), AppError> {
    let places = crate::places::store::of_organization(&state.db, &user.organization_id)
        .await?
        .into_iter()
        .map(|p| (p.place.id, p.place.nom))
        .collect();
    let people = people_store::of_structure(&state.db, &user.organization_id).await?;
    Ok((places, people))
}

/// A stored activity as the form's fields.
pub fn values_of(record: &ActivityRecord) -> Fields {
    let a = &record.activity;
    let mut pairs: Vec<(String, String)> = vec![
        ("type".into(), a.kind.into()),
        ("date".into(), a.date.format("%Y-%m-%d").to_string()),
        ("duration_min".into(), a.duration_min.to_string()),
        ("place_kind".into(), a.place_kind.into()),
        ("commune".into(), a.commune.clone()),
        ("admin_detail".into(), a.admin_detail.clone()),
        ("notes".into(), a.notes.clone()),
        ("title".into(), a.title.clone()),
        ("participants".into(), a.participants.to_string()),
    ];
    let optional = [
        ("place_id", a.place_id.clone()),
        ("admin_outcome", a.admin_outcome.map(str::to_owned)),
        ("autonomy", a.autonomy.map(str::to_owned)),
        ("orientation", a.orientation.map(str::to_owned)),
        ("orientation_place_id", a.orientation_place_id.clone()),
        ("level", a.level.map(str::to_owned)),
        ("beneficiary_id", a.beneficiary_id.clone()),
    ];
    pairs.extend(
        optional
            .into_iter()
            .filter_map(|(n, v)| Some((n.to_owned(), v?))),
    );
    pairs.extend(
        a.themes
            .iter()
            .map(|t| ("themes".to_owned(), (*t).to_owned())),
    );
    pairs.extend(
        a.materials
            .iter()
            .map(|m| ("materials".to_owned(), (*m).to_owned())),
    );
    for (list, by_code) in &a.counts {
        for (code, count) in by_code {
            pairs.push((format!("{list}-{code}"), count.to_string()));
        }
    }
    Fields::from_pairs(pairs)
}

/// The defaults of a new activity: the mediator's last type, duration,
/// place and materials; else an individual half-hour in the first place.
async fn defaults(state: &AppState, user: &User) -> Result<Fields, AppError> {
    let last = store::last_of_mediator(&state.db, &user.organization_id, user.id.as_str()).await?;
    let Some(last) = last else {
        return Ok(Fields::from_pairs([
            ("type".to_owned(), "Individuel".to_owned()),
            ("duration_min".to_owned(), "30".to_owned()),
        ]));
    };
    let a = &last.activity;
    let mut pairs = vec![
        ("type".to_owned(), a.kind.to_owned()),
        ("duration_min".to_owned(), a.duration_min.to_string()),
        ("place_kind".to_owned(), a.place_kind.to_owned()),
        ("commune".to_owned(), a.commune.clone()),
    ];
    pairs.extend(
        a.place_id
            .iter()
            .map(|p| ("place_id".to_owned(), p.clone())),
    );
    pairs.extend(
        a.materials
            .iter()
            .map(|m| ("materials".to_owned(), (*m).to_owned())),
    );
    Ok(Fields::from_pairs(pairs))
}

#[derive(serde::Deserialize, Default)]
struct NewQuery {
    /// Duplicate this activity.
    #[serde(default)]
    copie: String,
    /// For this person.
    #[serde(default)]
    personne: String,
}

async fn form_page(
    state: &AppState,
    current: &CurrentUser,
    heading: &str,
    action: String,
    values: &Fields,
    errors: FormErrors,
) -> Result<ActivityFormPage, AppError> {
    let data = form_data(state, &current.user).await?;
    let context = Context {
        places: &data.places,
        people: &data.people,
        nearby: &data.nearby,
    };
    Ok(ActivityFormPage::new(
        current.chrome().await?,
        heading.to_owned(),
        action,
        values,
        errors,
        &context,
    ))
}

async fn new(
    State(state): State<AppState>,
    current: CurrentUser,
    Query(query): Query<NewQuery>,
) -> Result<Response, AppError> {
    require_own(&current)?;
    let copied = match query.copie.trim() {
        "" => None,
        id => store::find(&state.db, &current.user.organization_id, id).await?,
    };
    let mut values = match &copied {
        // A copy is of today, unless dated otherwise.
        Some(record) => {
            let mut values = values_of(record);
            values.set("date", "");
            values
        }
        None => defaults(&state, &current.user).await?,
    };
    if !query.personne.trim().is_empty() {
        values.set("beneficiary_id", query.personne.trim().to_owned());
    }
    render(
        &form_page(
            &state,
            &current,
            "Enregistrer une activité",
            "/espace/activites/nouvelle".into(),
            &values,
            FormErrors::default(),
        )
        .await?,
    )
}

async fn create(
    State(state): State<AppState>,
    current: CurrentUser,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    require_own(&current)?;
    let fields = fields_of(pairs);
    match record::record(&state.db, &current.user, &fields, today()).await {
        Ok(_) => {
            flash::set(&current.session, "flash-activity-recorded").await?;
            Ok(Redirect::to("/espace/activites").into_response())
        }
        Err(Refused::Invalid(errors)) => render_refused(
            &form_page(
                &state,
                &current,
                "Enregistrer une activité",
                "/espace/activites/nouvelle".into(),
                &fields,
                errors.into(),
            )
            .await?,
        ),
        Err(Refused::Database(err)) => Err(err.into()),
    }
}

async fn edit(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    require_own(&current)?;
    let record = store::find(&state.db, &current.user.organization_id, &id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut page = form_page(
        &state,
        &current,
        "Modifier l’activité",
        format!("/espace/activites/{id}"),
        &values_of(&record),
        FormErrors::default(),
    )
    .await?;
    page.submit_label = "Enregistrer les modifications".into();
    render(&page)
}

async fn update(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    require_own(&current)?;
    let fields = fields_of(pairs);
    match record::change(&state.db, &current.user, &id, &fields, today()).await {
        Ok(Some(_)) => {
            flash::set(&current.session, "flash-activity-updated").await?;
            Ok(Redirect::to("/espace/activites").into_response())
        }
        Ok(None) => Err(AppError::NotFound),
        Err(Refused::Invalid(errors)) => {
            let mut page = form_page(
                &state,
                &current,
                "Modifier l’activité",
                format!("/espace/activites/{id}"),
                &fields,
                errors.into(),
            )
            .await?;
            page.submit_label = "Enregistrer les modifications".into();
            render_refused(&page)
        }
        Err(Refused::Database(err)) => Err(err.into()),
    }
}

async fn remove(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
    Form(confirmation): Form<Confirmation>,
) -> Result<Response, AppError> {
    require_own(&current)?;
    let record = store::find(&state.db, &current.user.organization_id, &id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !confirmation.given() {
        let a = &record.activity;
        return render(&ConfirmPage {
            chrome: current.chrome().await?,
            heading: i18n::t("confirm-activity-heading"),
            consequence: i18n::t_with(
                "confirm-activity-consequence",
                &[
                    ("date", a.date.format("%d/%m/%Y").to_string().into()),
                    ("kind", KINDS.label(a.kind).to_owned().into()),
                    ("minutes", a.duration_min.to_string().into()),
                ],
            ),
            action: format!("/espace/activites/{id}/supprimer"),
            fields: Vec::new(),
            confirm_label: i18n::t("confirm-activity-button"),
            cancel_href: "/espace/activites".into(),
        });
    }
    record::remove(&state.db, &current.user, &id).await?;
    flash::set(&current.session, "flash-activity-deleted").await?;
    Ok(Redirect::to("/espace/activites").into_response())
}

/// The list's filters as typed in its form (`?du=…&au=…`).
#[derive(serde::Deserialize, Default, Clone)]
pub struct ListQuery {
    #[serde(default)]
    pub du: String,
    #[serde(default)]
    pub au: String,
    #[serde(default)]
    pub mediateur: String,
    #[serde(default, rename = "type")]
    pub kind: String,
    #[serde(default)]
    pub theme: String,
    #[serde(default)]
    pub lieu: String,
    #[serde(default)]
    pub page: String,
}

impl ListQuery {
    /// The filter, and what could not be read (named by its input).
    pub fn filter(&self) -> (Filter, FormErrors) {
        let mut errors = FormErrors::default();
        let mut date = |field: &'static str, raw: &str| match raw.trim() {
            "" => None,
            raw => errors.take(
                crate::text::typed_date(raw)
                    .ok_or_else(|| FieldError::new(field, "activity-date").with_value(raw)),
            ),
        };
        let from = date("du", &self.du);
        let to = date("au", &self.au);
        let filter = Filter {
            from,
            to,
            mediator_id: crate::accounts::UserId::parse(&self.mediateur)
                .map(|id| id.as_str().to_owned()),
            kind: KINDS.find(&self.kind),
            theme: THEMES.find(&self.theme),
            place: Some(self.lieu.trim().to_owned()).filter(|p| !p.is_empty()),
            beneficiary_id: None,
        };
        (filter, errors)
    }

    /// The page asked for, from 1.
    fn page(&self) -> u64 {
        self.page
            .trim()
            .parse::<u64>()
            .unwrap_or(1)
            .clamp(1, 100_000)
    }

    /// The query string of the same filters, for links (pages, export).
    pub fn keep(&self) -> String {
        serde_urlencoded::to_string([
            ("du", &self.du),
            ("au", &self.au),
            ("mediateur", &self.mediateur),
            ("type", &self.kind),
            ("theme", &self.theme),
            ("lieu", &self.lieu),
        ])
        .unwrap_or_default()
    }
}

/// One activity as the list shows it.
pub struct ActivityRow {
    pub id: String,
    pub date: String,
    pub kind: String,
    pub minutes: u32,
    pub themes: String,
    pub place: String,
    pub person: String,
    pub mediator: String,
}

#[derive(Template)]
#[template(path = "mediation/activities.html")]
struct ActivitiesPage {
    chrome: Chrome,
    query: ListQuery,
    errors: FormErrors,
    rows: Vec<ActivityRow>,
    total: u64,
    page: u64,
    pages: u64,
    kept: String,
    kinds: Vec<Choice>,
    themes: Vec<Choice>,
    places: Vec<Choice>,
    mediators: Vec<Choice>,
}

async fn list(
    State(state): State<AppState>,
    current: CurrentUser,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    require_own(&current)?;
    let own = &current.user.organization_id;
    let (filter, errors) = query.filter();
    let page = query.page();
    let (records, total) =
        store::page(&state.db, own, &filter, (page - 1) * PAGE_SIZE, PAGE_SIZE).await?;
    let (places, people) = context_data(&state, &current.user).await?;
    let accounts = crate::accounts::store::list(&state.db, Some(own)).await?;
    let name_of_place = |record: &ActivityRecord| match &record.activity.place_id {
        Some(id) => places
            .iter()
            .find(|(p, _)| p == id)
            .map_or_else(|| "Lieu supprimé".to_owned(), |(_, n)| n.clone()),
        None => PLACE_KINDS.label(record.activity.place_kind).to_owned(),
    };
    let rows = records
        .iter()
        .map(|r| ActivityRow {
            id: r.id.clone(),
            date: r.activity.date.format("%d/%m/%Y").to_string(),
            kind: KINDS.label(r.activity.kind).to_owned(),
            minutes: r.activity.duration_min,
            themes: r
                .activity
                .themes
                .iter()
                .map(|t| THEMES.label(t))
                .collect::<Vec<_>>()
                .join(", "),
            place: if r.activity.commune.is_empty() {
                name_of_place(r)
            } else {
                format!("{} ({})", name_of_place(r), r.activity.commune)
            },
            person: match &r.activity.beneficiary_id {
                Some(id) => people
                    .iter()
                    .find(|p| &p.id == id)
                    .map_or_else(String::new, |p| p.person.pseudonym.clone()),
                None if r.activity.kind == "Collectif" => format!(
                    "{} (atelier, {} pers.)",
                    r.activity.title, r.activity.participants
                ),
                None => "Anonyme".into(),
            },
            mediator: accounts
                .iter()
                .find(|u| u.id.as_str() == r.mediator_id)
                .map_or_else(String::new, |u| u.display_name.clone()),
        })
        .collect();
    let mut kinds = vec![Choice::new("", "Tous les types", &query.kind)];
    kinds.extend(
        KINDS
            .entries
            .iter()
            .map(|(c, l)| Choice::new(c, l, &query.kind)),
    );
    let mut themes = vec![Choice::new("", "Tous les thèmes", &query.theme)];
    themes.extend(
        THEMES
            .entries
            .iter()
            .map(|(c, l)| Choice::new(c, l, &query.theme)),
    );
    let mut place_choices = vec![Choice::new("", "Tous les lieux", &query.lieu)];
    place_choices.extend(
        places
            .iter()
            .map(|(id, name)| Choice::new(id, name, &query.lieu)),
    );
    place_choices.extend(
        PLACE_KINDS
            .entries
            .iter()
            .skip(1)
            .map(|(c, l)| Choice::new(c, l, &query.lieu)),
    );
    let mut mediators = vec![Choice::new("", "Toute l’équipe", &query.mediateur)];
    mediators.extend(
        accounts
            .iter()
            .map(|u| Choice::new(u.id.as_str(), &u.display_name, &query.mediateur)),
    );
    render(&ActivitiesPage {
        chrome: current.chrome().await?,
        kept: query.keep(),
        query,
        errors,
        rows,
        total,
        page,
        pages: total.div_ceil(PAGE_SIZE).max(1),
        kinds,
        themes,
        places: place_choices,
        mediators,
    })
}
