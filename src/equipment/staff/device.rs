//! One device's page (`/espace/materiel/{code}`, what its label's QR
//! opens): description, state and the forms of the steps that may follow,
//! history, repair log, the hardware report upload; links to its papers
//! (`papers`).

use std::collections::BTreeMap;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Multipart, Path, State};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use super::views::{DevicePage, EventRow, PersonOption, RepairRow};
use crate::app::AppState;
use crate::equipment::intake::{self, REPAIR_OUTCOMES};
use crate::equipment::lifecycle::{self, State as DeviceState, WIPE_METHODS};
use crate::equipment::lshw;
use crate::equipment::model::{Device, GRADES, KINDS, Specs};
use crate::equipment::store::{self, DeviceRecord};
use crate::equipment::transitions::{self, Refused};
use crate::error::AppError;
use crate::mediation::fields::Fields;
use crate::mediation::people_store;
use crate::mediation::today;
use crate::validation::{FieldError, FormErrors};
use crate::web::form::Choice;
use crate::web::{CurrentUser, Form, flash, render, render_refused};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/espace/materiel/{code}", get(show))
        .route("/M/{code}", get(short_link))
        .route("/espace/materiel/{code}/etape", post(step))
        .route("/espace/materiel/{code}/description", post(describe))
        .route("/espace/materiel/{code}/reparations", post(repair))
        .route(
            "/espace/materiel/{code}/rapport",
            post(report).layer(DefaultBodyLimit::max(lshw::MAX_REPORT + 64 * 1024)),
        )
}

/// What the page shows after a refused form.
#[derive(Default)]
struct Refusal {
    errors: FormErrors,
    step: String,
    typed: BTreeMap<String, String>,
    report_error: Option<String>,
}

fn history_words(details: &str) -> String {
    let Ok(serde_json::Value::Object(map)) = serde_json::from_str::<serde_json::Value>(details)
    else {
        return String::new();
    };
    map.iter()
        .filter(|(name, value)| *name != "lot_id" && !value.is_null() && *value != "")
        .map(|(name, value)| {
            let shown = match value {
                serde_json::Value::String(s) => match name.as_str() {
                    "method" => WIPE_METHODS.label(s).to_owned(),
                    _ => s.clone(),
                },
                serde_json::Value::Bool(true) => "oui".to_owned(),
                serde_json::Value::Bool(false) => "non".to_owned(),
                serde_json::Value::Array(items) => items
                    .iter()
                    .filter_map(serde_json::Value::as_str)
                    .collect::<Vec<_>>()
                    .join(", "),
                other => other.to_string(),
            };
            format!("{} : {shown}", detail_label(name))
        })
        .collect::<Vec<_>>()
        .join(" ; ")
}

fn detail_label(name: &str) -> &str {
    match name {
        "grade" => "grade",
        "findings" => "constats",
        "method" => "méthode",
        "tool" => "outil",
        "passes" => "passes",
        "verified" => "vérifié",
        "storage_serials" => "supports",
        "os" => "système",
        "free_software" => "logiciel libre",
        "checks" => "contrôles",
        "handed_on" => "remis le",
        "due_on" => "retour prévu le",
        "charger" => "chargeur rendu",
        "condition" => "état",
        "problem" => "problème",
        "recycler" => "recycleur",
        "weight_kg" => "poids (kg)",
        other => other,
    }
}

async fn page(
    state: &AppState,
    current: &CurrentUser,
    device: &DeviceRecord,
    refusal: Refusal,
) -> Result<DevicePage, AppError> {
    let own = &current.user.organization_id;
    let (events, repairs) = futures_util::future::try_join(
        store::events_of(&state.db, &device.id),
        store::repairs_of(&state.db, &device.id),
    )
    .await?;
    let accounts: BTreeMap<String, String> = crate::accounts::store::list(&state.db, Some(own))
        .await?
        .into_iter()
        .map(|u| (u.id.as_str().to_owned(), u.display_name))
        .collect();
    let state_now = DeviceState::parse(&device.state).unwrap_or(DeviceState::Received);
    let resume = device.resume_state.as_deref().and_then(DeviceState::parse);
    let next = lifecycle::next_states(state_now, resume);
    let needs_people = next
        .iter()
        .any(|s| matches!(s, DeviceState::Given | DeviceState::Loaned));
    let people = if needs_people {
        people_store::of_structure(&state.db, own)
            .await?
            .into_iter()
            .take(500)
            .map(|p| PersonOption {
                label: p.label(),
                id: p.id,
            })
            .collect()
    } else {
        Vec::new()
    };
    let holder = match &device.holder_id {
        Some(id) => people_store::find(&state.db, own, id)
            .await?
            .map(|p| p.label())
            .unwrap_or_default(),
        None => String::new(),
    };
    let specs = Specs::from_json(&device.specs);
    let described = (refusal.step == "description").then(|| refusal.typed.clone());
    let typed_grade = refusal.typed.get("grade").cloned().unwrap_or_default();
    let typed_method = refusal
        .typed
        .get("method")
        .cloned()
        .unwrap_or_else(|| "clear".into());
    let lot_href = device
        .lot_id
        .as_ref()
        .map(|l| format!("/espace/materiel/lots/{l}"))
        .unwrap_or_default();
    Ok(DevicePage {
        chrome: current.chrome().await?,
        errors: refusal.errors,
        code: device.code.clone(),
        title: Device::title(&device.kind, &device.brand, &device.model),
        kind: KINDS.label(&device.kind).to_owned(),
        serial: device.serial.clone(),
        year: device.year.map(|y| y.to_string()).unwrap_or_default(),
        specs: specs.summary(),
        notes: device.notes.clone(),
        state: state_now.label().to_owned(),
        grade: device
            .grade
            .as_deref()
            .map(|g| GRADES.label(g).to_owned())
            .unwrap_or_default(),
        os: device.os.clone().unwrap_or_default(),
        holder,
        due_on: device
            .due_on
            .map(|d| d.format("%d/%m/%Y").to_string())
            .unwrap_or_default(),
        lot_href,
        next: next
            .iter()
            .map(|s| (s.code().to_owned(), s.label().to_owned()))
            .collect(),
        refused_step: refusal.step,
        grades: GRADES
            .entries
            .iter()
            .map(|(c, l)| Choice::new(c, l, &typed_grade))
            .collect(),
        methods: WIPE_METHODS
            .entries
            .iter()
            .map(|(c, l)| Choice::new(c, l, &typed_method))
            .collect(),
        outcomes: REPAIR_OUTCOMES
            .entries
            .iter()
            .map(|(c, l)| Choice::new(c, l, "fixed"))
            .collect(),
        people,
        today: today().format("%Y-%m-%d").to_string(),
        due_default: (today() + chrono::Duration::days(90))
            .format("%Y-%m-%d")
            .to_string(),
        typed: refusal.typed,
        history: events
            .iter()
            .map(|e| EventRow {
                at: e
                    .at
                    .with_timezone(&chrono_tz::Europe::Paris)
                    .format("%d/%m/%Y %H:%M")
                    .to_string(),
                step: DeviceState::parse(&e.to_state)
                    .map_or(e.to_state.clone(), |s| s.label().to_owned()),
                by: e
                    .by_user
                    .as_ref()
                    .and_then(|u| accounts.get(u).cloned())
                    .unwrap_or_default(),
                details: history_words(&e.details),
            })
            .collect(),
        repairs: repairs
            .iter()
            .map(|r| RepairRow {
                day: r.on_day.format("%d/%m/%Y").to_string(),
                problem: r.problem.clone(),
                parts: r.parts.clone(),
                minutes: r.minutes,
                cost: format!("{},{:02} €", r.cost_cents / 100, r.cost_cents % 100),
                outcome: REPAIR_OUTCOMES.label(&r.outcome).to_owned(),
            })
            .collect(),
        certificate_code: device.certificate_code.clone().unwrap_or_default(),
        handover: device.state == DeviceState::Given.code(),
        report_error: refusal.report_error,
        returned: state_now == DeviceState::Returned,
        kinds: KINDS
            .entries
            .iter()
            .map(|(c, l)| Choice::new(c, l, &device.kind))
            .collect(),
        desc: description_values(device, &specs, described),
    })
}

/// The description form's values: what was typed after a refusal, the
/// device's otherwise.
fn description_values(
    device: &DeviceRecord,
    specs: &Specs,
    typed: Option<BTreeMap<String, String>>,
) -> BTreeMap<String, String> {
    if let Some(typed) = typed {
        return typed;
    }
    let number = |n: Option<u32>| n.map(|n| n.to_string()).unwrap_or_default();
    [
        ("brand", device.brand.clone()),
        ("model", device.model.clone()),
        ("serial", device.serial.clone()),
        (
            "year",
            device.year.map(|y| y.to_string()).unwrap_or_default(),
        ),
        ("notes", device.notes.clone()),
        ("processor", specs.processor.clone()),
        ("memory_gb", number(specs.memory_gb)),
        ("storage_kind", specs.storage_kind.clone()),
        ("storage_gb", number(specs.storage_gb)),
        ("storage_serials", specs.storage_serials.join(", ")),
        ("battery_pct", number(specs.battery_pct)),
        ("screen", specs.screen.clone()),
        ("data_plan", specs.data_plan.clone()),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v))
    .collect()
}

/// A label's QR: on to the device's page (which asks to log in first).
async fn short_link(Path(code): Path<String>) -> Result<Response, AppError> {
    use crate::equipment::model::{INVENTORY_CODE_LEN, is_readable_code};
    if !is_readable_code(&code, INVENTORY_CODE_LEN) {
        return Err(AppError::NotFound);
    }
    Ok(Redirect::to(&format!("/espace/materiel/{code}")).into_response())
}

async fn show(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(code): Path<String>,
) -> Result<Response, AppError> {
    let device = super::own_device(&state, &current, &code).await?;
    render(&page(&state, &current, &device, Refusal::default()).await?)
}

fn typed(fields: &Fields) -> BTreeMap<String, String> {
    fields
        .names()
        .filter_map(|n| fields.one(n).map(|v| (n.to_owned(), v.to_owned())))
        .collect()
}

async fn step(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(code): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let device = super::own_device(&state, &current, &code).await?;
    let fields = Fields::from_filled_form(pairs);
    let refused = |errors: Vec<FieldError>| Refusal {
        errors: FormErrors::from(errors),
        step: fields.one("to").unwrap_or_default().to_owned(),
        typed: typed(&fields),
        report_error: None,
    };
    match transitions::record_on(&state.db, &current.user, device.clone(), &fields, today()).await {
        Ok((moved, _)) => {
            let to = DeviceState::parse(&moved.state).map_or("", DeviceState::label);
            flash::set_text(&current.session, format!("{} : {to}.", moved.code)).await?;
            Ok(Redirect::to(&format!("/espace/materiel/{}", moved.code)).into_response())
        }
        Err(Refused::Invalid(errors)) => {
            render_refused(&page(&state, &current, &device, refused(errors)).await?)
        }
        Err(Refused::Conflict(words)) => {
            let error = FieldError::new("to", "equipment-conflict").with_arg("why", words);
            let page = page(&state, &current, &device, refused(vec![error])).await?;
            Ok((
                axum::http::StatusCode::CONFLICT,
                axum::response::Html(askama::Template::render(&page)?),
            )
                .into_response())
        }
        Err(Refused::NotFound) => Err(AppError::NotFound),
        Err(Refused::Database(err)) => Err(err.into()),
    }
}

/// After a form of the page (`step` names it): back to the page with
/// `done` said, or the page again with what was refused and typed.
async fn answer<T>(
    state: &AppState,
    current: &CurrentUser,
    device: &DeviceRecord,
    (step, fields): (&str, &Fields),
    outcome: Result<T, Refused>,
    (done, anchor): (&str, &str),
) -> Result<Response, AppError> {
    match outcome {
        Ok(_) => {
            flash::set_text(&current.session, done.to_owned()).await?;
            Ok(Redirect::to(&format!("/espace/materiel/{}{anchor}", device.code)).into_response())
        }
        Err(Refused::Invalid(errors)) => {
            let refusal = Refusal {
                errors: FormErrors::from(errors),
                step: step.into(),
                typed: typed(fields),
                report_error: None,
            };
            render_refused(&page(state, current, device, refusal).await?)
        }
        Err(Refused::Database(err)) => Err(err.into()),
        Err(_) => Err(AppError::NotFound),
    }
}

async fn describe(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(code): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let device = super::own_device(&state, &current, &code).await?;
    let fields = Fields::from_filled_form(pairs);
    let outcome = intake::describe(&state.db, &current.user, &device.id, &fields, today()).await;
    let done = ("Description enregistrée.", "");
    answer(
        &state,
        &current,
        &device,
        ("description", &fields),
        outcome,
        done,
    )
    .await
}

async fn repair(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(code): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    let device = super::own_device(&state, &current, &code).await?;
    let fields = Fields::from_filled_form(pairs);
    let outcome = intake::log_repair(&state.db, &current.user, &device.id, &fields, today()).await;
    let done = ("Réparation notée.", "#reparations");
    answer(
        &state,
        &current,
        &device,
        ("repair", &fields),
        outcome,
        done,
    )
    .await
}

/// Reads the uploaded report, at most [`lshw::MAX_REPORT`] bytes and one more.
async fn read_upload(multipart: &mut Multipart) -> Result<Option<Vec<u8>>, FieldError> {
    let too_big = || {
        FieldError::new("report", "equipment-report-too-big")
            .with_arg("max", lshw::MAX_REPORT / (1024 * 1024))
    };
    while let Some(mut field) = multipart.next_field().await.map_err(|_| too_big())? {
        if field.name() != Some("report") {
            continue;
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = field.chunk().await.map_err(|_| too_big())? {
            if bytes.len() + chunk.len() > lshw::MAX_REPORT {
                return Err(too_big());
            }
            bytes.extend_from_slice(&chunk);
        }
        return Ok(Some(bytes).filter(|b| !b.is_empty()));
    }
    Ok(None)
}

async fn report(
    State(state): State<AppState>,
    current: CurrentUser,
    Path(code): Path<String>,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    let device = super::own_device(&state, &current, &code).await?;
    let read = match read_upload(&mut multipart).await {
        Ok(Some(bytes)) => lshw::read(&bytes),
        Ok(None) => Err(FieldError::new("report", "equipment-report-missing")),
        Err(error) => Err(error),
    };
    let report = match read {
        Ok(report) => report,
        Err(error) => {
            let refusal = Refusal {
                report_error: Some(error.message()),
                errors: FormErrors::from(error),
                step: "report".into(),
                ..Refusal::default()
            };
            return render_refused(&page(&state, &current, &device, refusal).await?);
        }
    };
    let mut specs = Specs::from_json(&device.specs);
    let found = report.specs;
    specs.processor = Some(found.processor)
        .filter(|p| !p.is_empty())
        .unwrap_or(specs.processor);
    specs.memory_gb = found.memory_gb.or(specs.memory_gb);
    specs.storage_kind = Some(found.storage_kind)
        .filter(|k| !k.is_empty())
        .unwrap_or(specs.storage_kind);
    specs.storage_gb = found.storage_gb.or(specs.storage_gb);
    if !found.storage_serials.is_empty() {
        specs.storage_serials = found.storage_serials;
    }
    specs.battery_pct = found.battery_pct.or(specs.battery_pct);
    let keep = |now: &str, read: String| if now.is_empty() { read } else { now.to_owned() };
    let row = DeviceRecord {
        brand: keep(&device.brand, report.brand),
        model: keep(&device.model, report.model),
        serial: keep(&device.serial, report.serial),
        specs: specs.to_json(),
        updated_at: crate::db::now(),
        ..device
    };
    store::describe_device(&state.db, &row).await?;
    flash::set_text(
        &current.session,
        format!("Rapport lu : {}.", specs.summary()),
    )
    .await?;
    Ok(Redirect::to(&format!("/espace/materiel/{code}")).into_response())
}
