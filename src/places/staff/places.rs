//! `/espace/lieux…`: a structure's manager creates and edits the places it
//! runs (the full national schema, validated by the same parser as an
//! import); an administrator looks up and corrects national places.

use std::collections::HashMap;

use axum::Router;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;

use super::hours_grid;
use super::views::{NATIONAL_SHOWN, PlaceFormPage, PlaceRow, StaffPlacesPage};
use crate::app::AppState;
use crate::authz::{Action, allows};
use crate::db;
use crate::error::AppError;
use crate::journal;
use crate::organizations::OrganizationId;
use crate::places::hours::{self, Hours, Week};
use crate::places::model::Place;
use crate::places::store::{self, StoredPlace};
use crate::places::{COLUMNS, Field};
use crate::validation::FormErrors;
use crate::web::{CurrentUser, Form, Query, flash, render, render_refused};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/espace/lieux", get(list))
        .route("/espace/lieux/nouveau", get(new).post(create))
        .route("/espace/lieux/{id}", get(edit).post(update))
}

/// `/espace/lieux?recherche=…`: what an administrator looks up among national places.
#[derive(serde::Deserialize)]
struct ListQuery {
    #[serde(default)]
    recherche: String,
}

fn row_of(p: StoredPlace) -> PlaceRow {
    PlaceRow {
        to_review: p
            .position_to_review("place-position-far-short")
            .map(|e| e.message()),
        itinerant: p.place.itinerance.contains(&"Itinérant"),
        approximate: p.position_approximate,
        id: p.place.id,
        nom: p.place.nom,
        commune: p.place.commune,
    }
}

async fn list(
    State(state): State<AppState>,
    current: CurrentUser,
    Query(query): Query<ListQuery>,
) -> Result<Response, AppError> {
    let own = &current.user.organization_id;
    let can_edit = allows(&current.user, &Action::ManagePlacesOf(own));
    let can_import = allows(&current.user, &Action::ImportPlaces);
    let can_edit_national = allows(&current.user, &Action::EditNationalPlaces);
    if !can_edit && !can_import && !can_edit_national {
        return Err(AppError::Forbidden);
    }
    let places = store::of_organization(&state.db, own)
        .await?
        .into_iter()
        .map(row_of)
        .collect();
    let national_query = query.recherche.trim().chars().take(100).collect::<String>();
    let national = if can_edit_national && !national_query.is_empty() {
        let found = store::national_matching(&state.db, &national_query, NATIONAL_SHOWN).await?;
        Some(found.into_iter().map(row_of).collect())
    } else {
        None
    };
    render(&StaffPlacesPage {
        chrome: current.chrome().await?,
        organization_name: current.organization.name.clone(),
        can_edit,
        can_import,
        places,
        can_edit_national,
        national_query,
        national,
    })
}

/// The submitted form: schema columns (repeated checkboxes `|`-joined),
/// the hours grid's inputs and the hours last shown back.
fn columns_of(pairs: Vec<(String, String)>) -> HashMap<String, String> {
    let mut columns: HashMap<String, String> = HashMap::new();
    for (key, value) in pairs {
        // Lists typed one value per line (or with commas, spaces…), and
        // typology codes typed beside the checkboxes, become `|`-lists.
        let value = match key.as_str() {
            "courriels" | "typologie" => listed(&value, &[',', ';', '|']),
            // A web address may hold a comma.
            "site_web" => listed(&value, &[';', '|']),
            _ => value,
        };
        let kept = COLUMNS.contains(&key.as_str())
            || hours_grid::is_grid_input(&key)
            || key == HOURS_SHOWN_BACK;
        if !kept || value.trim().is_empty() {
            continue;
        }
        columns
            .entry(key)
            .and_modify(|v| {
                v.push('|');
                v.push_str(value.trim());
            })
            .or_insert_with(|| value.trim().to_owned());
    }
    columns
}

/// Values typed one per line, or between spaces or `separators`, as a
/// `|`-list.
fn listed(typed: &str, separators: &[char]) -> String {
    typed
        .split(|c: char| c.is_whitespace() || separators.contains(&c))
        .filter(|v| !v.is_empty())
        .collect::<Vec<_>>()
        .join("|")
}

/// The hidden input holding the OSM value of hours typed in words and
/// shown back: the next submit with the same words saves them.
const HOURS_SHOWN_BACK: &str = "horaires_compris";

/// A stored place's fields as the form shows them: an approximate position
/// is left empty, so saving keeps it approximate unless one is typed; hours
/// the grid can show fill the grid, others stay text.
fn values_of(stored: &StoredPlace) -> HashMap<String, String> {
    let place = stored.published();
    let mut values: HashMap<String, String> = Field::ALL
        .iter()
        .map(|field| (field.name().to_owned(), place.column(*field)))
        .filter(|(_, v)| !v.is_empty())
        .collect();
    match place.horaires.as_deref().and_then(Week::from_osm) {
        Some(week) if week.fits_grid() => {
            values.remove(Field::Horaires.name());
            values.extend(hours_grid::values_of(&week));
        }
        // Hours richer than the grid stay in the text field.
        Some(_) => {}
        // Hours too rich for the grid, or none: the grid starts empty, holidays
        // closed as for a new place.
        None => {
            values.insert(hours_grid::HOLIDAYS.into(), "ferme".into());
        }
    }
    values
}

/// Why a submitted place form was not saved.
enum NotSaved {
    /// Refused: the form again, with its errors.
    Refused(HashMap<String, String>, FormErrors),
    /// Hours typed in words: the form again, showing what was understood,
    /// for the person to check before saving.
    ShowHours(HashMap<String, String>, String),
}

/// The hours to store: the text (words or OSM) when typed, otherwise the grid.
fn hours_of(values: &HashMap<String, String>, errors: &mut FormErrors) -> Option<String> {
    match values.get(Field::Horaires.name()) {
        Some(text) => Some(text.clone()),
        None => match hours_grid::read(values) {
            Ok(week) => week.and_then(|w| w.to_osm()),
            Err(refused) => {
                refused.into_iter().for_each(|e| errors.push(e));
                None
            }
        },
    }
}

/// Hours typed in words not yet shown back: the form, to show them.
fn show_hours_back(
    mut values: HashMap<String, String>,
) -> Result<NotSaved, HashMap<String, String>> {
    let Some(text) = values.get(Field::Horaires.name()) else {
        return Err(values);
    };
    let today = chrono::Utc::now().date_naive();
    let Ok(understood) = hours::understand(text, today) else {
        return Err(values);
    };
    if !understood.from_words || values.get(HOURS_SHOWN_BACK) == Some(&understood.osm) {
        return Err(values);
    }
    let tz = hours::time_zone(
        values.get("code_insee").map(String::as_str),
        values.get("code_postal").map_or("", String::as_str),
    );
    let words = Hours::parse(&understood.osm, tz)
        .map(|h| h.describe(today))
        .unwrap_or_default();
    match Week::from_osm(&understood.osm) {
        // The grid shows them: the next submit saves the grid.
        Some(week) if week.fits_grid() => {
            values.retain(|key, _| !hours_grid::is_grid_input(key));
            values.remove(Field::Horaires.name());
            values.extend(hours_grid::values_of(&week));
        }
        _ => {
            values.insert(HOURS_SHOWN_BACK.into(), understood.osm);
        }
    }
    Ok(NotSaved::ShowHours(values, words))
}

/// Parses the form for place `id`, run by `owner` (none for national
/// data), or explains.
fn parse_form(
    values: HashMap<String, String>,
    id: &str,
    owner: Option<OrganizationId>,
) -> Result<StoredPlace, NotSaved> {
    let values = match show_hours_back(values) {
        Ok(not_saved) => return Err(not_saved),
        Err(values) => values,
    };
    let mut errors = FormErrors::default();
    let mut columns = values.clone();
    columns.insert("id".into(), id.to_owned());
    columns.insert(
        "date_maj".into(),
        chrono::Utc::now()
            .date_naive()
            .format("%Y-%m-%d")
            .to_string(),
    );
    match hours_of(&values, &mut errors) {
        Some(osm) => columns.insert(Field::Horaires.name().into(), osm),
        None => columns.remove(Field::Horaires.name()),
    };
    match Place::parse(&|c: &str| columns.get(c).cloned()) {
        Ok(place) if errors.is_empty() => {
            // Typed coordinates are the producer's; without them the place
            // stands at its commune, flagged approximate.
            let mut stored = StoredPlace::located(place);
            stored.organization_id = owner;
            Ok(stored)
        }
        Ok(_) => Err(NotSaved::Refused(values, errors)),
        Err(refused) => {
            refused.into_iter().for_each(|e| errors.push(e));
            Err(NotSaved::Refused(values, errors))
        }
    }
}

fn form_page(
    current_chrome: crate::web::Chrome,
    values: HashMap<String, String>,
    errors: FormErrors,
    existing: Option<&StoredPlace>,
) -> PlaceFormPage {
    let mut page = PlaceFormPage::new(current_chrome, values, errors);
    if let Some(stored) = existing {
        page.heading = crate::i18n::t_with(
            "places-edit-heading",
            &[("name", stored.place.nom.clone().into())],
        );
        page.action = format!("/espace/lieux/{}", stored.place.id);
        page.existing_id = Some(stored.place.id.clone());
        page.approximate = stored.position_approximate;
        page.position_to_review = stored
            .position_to_review("place-position-far")
            .map(|e| e.message());
        let place = &stored.place;
        let tz = hours::time_zone(place.code_insee.as_deref(), &place.code_postal);
        page.hours_words = place
            .horaires
            .as_deref()
            .and_then(|raw| Hours::parse(raw, tz).ok())
            .map(|h| h.describe(chrono::Utc::now().with_timezone(&tz).date_naive()));
    }
    page
}

/// The page for a submitted form that was not saved: refused (422) or
/// showing the hours understood from words (200).
async fn not_saved(
    current: &CurrentUser,
    why: NotSaved,
    existing: Option<&StoredPlace>,
) -> Result<Response, AppError> {
    match why {
        NotSaved::Refused(values, errors) => render_refused(&form_page(
            current.chrome().await?,
            values,
            errors,
            existing,
        )),
        NotSaved::ShowHours(values, words) => {
            let mut page = form_page(
                current.chrome().await?,
                values,
                FormErrors::default(),
                existing,
            );
            page.hours_understood = Some(words);
            render(&page)
        }
    }
}

async fn new(current: CurrentUser) -> Result<Response, AppError> {
    current.require(Action::ManagePlacesOf(&current.user.organization_id))?;
    let mut values = HashMap::new();
    values.insert(
        "structure_parente".into(),
        current.organization.name.clone(),
    );
    values.insert("itinerance".into(), "Fixe".into());
    values.insert(hours_grid::HOLIDAYS.into(), "ferme".into());
    render(&form_page(
        current.chrome().await?,
        values,
        FormErrors::default(),
        None,
    ))
}

/// Saves a valid form, journals it, refreshes the search, and goes back to the list.
async fn save(
    state: &AppState,
    current: &CurrentUser,
    stored: StoredPlace,
    created: bool,
) -> Result<Response, AppError> {
    store::save(&state.db, &stored).await?;
    journal::place_saved(
        &state.db,
        &current.user,
        &stored.place.id,
        &stored.place.nom,
        created,
    )
    .await?;
    state.places.reload(&state.db).await?;
    flash::set(
        &current.session,
        if created {
            "flash-place-created"
        } else {
            "flash-place-updated"
        },
    )
    .await?;
    Ok(Redirect::to("/espace/lieux").into_response())
}

async fn create(
    State(state): State<AppState>,
    current: CurrentUser,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    current.require(Action::ManagePlacesOf(&current.user.organization_id))?;
    let id = format!("maille-{}", db::new_id());
    let owner = Some(current.user.organization_id.clone());
    match parse_form(columns_of(pairs), &id, owner) {
        Ok(stored) => save(&state, &current, stored, true).await,
        Err(why) => not_saved(&current, why, None).await,
    }
}

/// The place `id`, if the current user may edit it.
pub(super) async fn editable(
    state: &AppState,
    current: &CurrentUser,
    id: &str,
) -> Result<StoredPlace, AppError> {
    let stored = store::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    match &stored.organization_id {
        Some(owner) => current.require(Action::ManagePlacesOf(owner))?,
        // National data belongs to no structure: an administrator corrects it.
        None => current.require(Action::EditNationalPlaces)?,
    }
    Ok(stored)
}

async fn edit(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
) -> Result<Response, AppError> {
    let stored = editable(&state, &current, &id).await?;
    render(&form_page(
        current.chrome().await?,
        values_of(&stored),
        FormErrors::default(),
        Some(&stored),
    ))
}

async fn update(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let existing = editable(&state, &current, &id).await?;
    match parse_form(columns_of(pairs), &id, existing.organization_id.clone()) {
        Ok(stored) => save(&state, &current, stored, false).await,
        Err(why) => not_saved(&current, why, Some(&existing)).await,
    }
}

#[cfg(test)]
#[path = "places_props.rs"]
mod props;
