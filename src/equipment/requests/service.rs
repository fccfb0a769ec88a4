//! Use cases of requests: the structure's checklist, a request submitted
//! (by a mediator for a person followed, or by a household on the public
//! form), the person linked, a ready device set aside with the path of
//! sessions, the path's progress, closing. The gift itself is a device
//! step (`transitions`), which checks the path here ([`gift_allowed`]).

use chrono::NaiveDate;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, TransactionTrait,
    sea_query::Expr,
};

use super::model::{Asker, Request, parse_criterion, status};
use super::store::{self, CriterionRecord, RequestRecord};
use crate::accounts::User;
use crate::db;
use crate::equipment::store::{devices, find_device};
use crate::equipment::transitions::Refused;
use crate::mediation::fields::Fields;
use crate::mediation::people_store;
use crate::organizations::OrganizationId;
use crate::validation::FieldError;

/// The checklists a structure keeps.
pub const SCOPES: [&str; 2] = ["equipment", "internet"];
/// The most sessions a path asks for.
pub const MAX_PATH: u32 = 20;

/// Adds a criterion to the structure's checklist for `scope`.
pub async fn add_criterion(
    db: &impl ConnectionTrait,
    user: &User,
    scope: &str,
    fields: &Fields,
) -> Result<CriterionRecord, Refused> {
    let label = parse_criterion(fields).map_err(|e| Refused::Invalid(vec![e]))?;
    let scope = SCOPES
        .iter()
        .find(|s| **s == scope)
        .copied()
        .unwrap_or("equipment");
    let existing = store::criteria_of(db, &user.organization_id, scope).await?;
    let now = db::now();
    let row = CriterionRecord {
        id: db::new_id(),
        organization_id: user.organization_id.as_str().to_owned(),
        scope: scope.to_owned(),
        label,
        position: existing.last().map_or(0, |c| c.position + 1),
        created_at: now,
        updated_at: now,
    };
    store::insert_criterion(db, row.clone()).await?;
    Ok(row)
}

/// Who submits a request.
pub enum Source<'a> {
    /// A mediator, for a person the structure follows (`beneficiary_id`).
    Staff(&'a User),
    /// A household on the public form: a name, a way to reach them, consent.
    Public,
}

/// The criteria ids `fields` ticks, each one of the structure's.
async fn ticked(
    db: &impl ConnectionTrait,
    organization: &OrganizationId,
    scope: &str,
    ticked: &[String],
) -> Result<Result<Vec<String>, FieldError>, DbErr> {
    let known = store::criteria_of(db, organization, scope).await?;
    for id in ticked {
        if !known.iter().any(|c| &c.id == id) {
            return Ok(Err(FieldError::new(
                "criteria",
                "request-unknown-criterion",
            )
            .with_value(id)));
        }
    }
    Ok(Ok(known
        .iter()
        .filter(|c| ticked.contains(&c.id))
        .map(|c| c.id.clone())
        .collect()))
}

/// Records a request for `organization`.
pub async fn submit(
    db: &impl ConnectionTrait,
    organization: &OrganizationId,
    fields: &Fields,
    source: Source<'_>,
) -> Result<RequestRecord, Refused> {
    let request = Request::parse(fields);
    let mut errors = request.as_ref().err().cloned().unwrap_or_default();
    let (asker, beneficiary) = match source {
        Source::Public => match Asker::parse(fields) {
            Ok(asker) => (Some(asker), None),
            Err(e) => {
                errors.extend(e);
                (None, None)
            }
        },
        Source::Staff(_) => {
            let id = fields.one("beneficiary_id").unwrap_or_default();
            match people_store::find(db, organization, id).await? {
                Some(person) => (None, Some(person)),
                None => {
                    errors.push(
                        FieldError::new("beneficiary_id", "equipment-unknown-person")
                            .with_value(id),
                    );
                    (None, None)
                }
            }
        }
    };
    let criteria = match &request {
        Ok(r) => match ticked(db, organization, "equipment", &r.criteria).await? {
            Ok(c) => c,
            Err(e) => {
                errors.push(e);
                Vec::new()
            }
        },
        Err(_) => Vec::new(),
    };
    let Ok(request) = request else {
        return Err(Refused::Invalid(errors));
    };
    if !errors.is_empty() {
        return Err(Refused::Invalid(errors));
    }
    let now = db::now();
    let row = RequestRecord {
        id: db::new_id(),
        organization_id: organization.as_str().to_owned(),
        beneficiary_id: beneficiary.as_ref().map(|p| p.id.clone()),
        name: asker
            .as_ref()
            .map(|a| a.name.clone())
            .or_else(|| beneficiary.as_ref().map(|p| p.person.pseudonym.clone()))
            .unwrap_or_default(),
        phone: asker.as_ref().and_then(|a| a.phone.clone()),
        email: asker.as_ref().and_then(|a| a.email.clone()),
        need: request.need.to_owned(),
        household: request.household,
        kind: request.kind.to_owned(),
        priority: i32::try_from(criteria.len()).unwrap_or(0),
        criteria: serde_json::to_string(&criteria).unwrap_or_else(|_| "[]".into()),
        status: status::WAITING.to_owned(),
        source: if asker.is_some() { "public" } else { "staff" }.to_owned(),
        device_id: None,
        path_sessions: None,
        path_started_on: None,
        created_at: now,
        updated_at: now,
    };
    store::insert_request(db, row.clone()).await?;
    Ok(row)
}

/// Links a request made on the public form to the person followed it is.
pub async fn link_person(
    db: &impl ConnectionTrait,
    user: &User,
    id: &str,
    beneficiary_id: &str,
) -> Result<RequestRecord, Refused> {
    let request = store::find_request(db, &user.organization_id, id)
        .await?
        .ok_or(Refused::NotFound)?;
    let person = people_store::find(db, &user.organization_id, beneficiary_id)
        .await?
        .ok_or_else(|| {
            Refused::Invalid(vec![
                FieldError::new("beneficiary_id", "equipment-unknown-person")
                    .with_value(beneficiary_id),
            ])
        })?;
    let row = RequestRecord {
        beneficiary_id: Some(person.id),
        updated_at: db::now(),
        ..request.clone()
    };
    if !store::move_request(db, &row, &request.status).await? {
        return Err(Refused::Conflict(crate::i18n::t(
            "equipment-moved-meanwhile",
        )));
    }
    Ok(row)
}

/// Sets a ready device aside for a waiting request and enrols the person
/// on a path of `sessions` sessions, from `today`.
pub async fn start_path(
    db: &sea_orm::DatabaseConnection,
    user: &User,
    id: &str,
    fields: &Fields,
    today: NaiveDate,
) -> Result<RequestRecord, Refused> {
    let organization = &user.organization_id;
    let sessions =
        crate::mediation::activity::number(fields, "path_sessions", 0, MAX_PATH, Some(4))
            .map_err(|e| Refused::Invalid(vec![e]))?;
    let device_id = fields.one("device_id").unwrap_or_default().to_owned();
    let _turn = db::writer_turn(db).await;
    let tx = db.begin().await?;
    let request = store::find_request(&tx, organization, id)
        .await?
        .ok_or(Refused::NotFound)?;
    if request.status != status::WAITING {
        return Err(Refused::Conflict(crate::i18n::t("request-not-waiting")));
    }
    if request.beneficiary_id.is_none() {
        return Err(Refused::Invalid(vec![FieldError::new(
            "beneficiary_id",
            "request-person-first",
        )]));
    }
    let Some(device) = find_device(&tx, organization, &device_id).await? else {
        return Err(Refused::Invalid(vec![
            FieldError::new("device_id", "request-unknown-device").with_value(&device_id),
        ]));
    };
    // The device's row first: held until commit (PostgreSQL), so two
    // mediators setting it aside take turns, and only while it is ready.
    let held = devices::Entity::update_many()
        .col_expr(devices::Column::UpdatedAt, Expr::value(db::now()))
        .filter(devices::Column::Id.eq(device.id.as_str()))
        .filter(devices::Column::State.eq("ready"))
        .exec(&tx)
        .await?;
    if held.rows_affected != 1 || store::request_of_device(&tx, &device.id).await?.is_some() {
        return Err(Refused::Conflict(crate::i18n::t("request-device-taken")));
    }
    let row = RequestRecord {
        status: status::PATH.to_owned(),
        device_id: Some(device.id),
        path_sessions: Some(i32::try_from(sessions).unwrap_or(4)),
        path_started_on: Some(today),
        updated_at: db::now(),
        ..request
    };
    if !store::move_request(&tx, &row, status::WAITING).await? {
        return Err(Refused::Conflict(crate::i18n::t(
            "equipment-moved-meanwhile",
        )));
    }
    tx.commit().await?;
    Ok(row)
}

/// Sessions done on the path (activities recorded for the person since it
/// started) and sessions asked.
pub async fn progress(
    db: &impl ConnectionTrait,
    request: &RequestRecord,
) -> Result<(u64, u64), DbErr> {
    let needed = u64::try_from(request.path_sessions.unwrap_or(0)).unwrap_or(0);
    let (Some(person), Some(from), Some(organization)) = (
        request.beneficiary_id.as_deref(),
        request.path_started_on,
        OrganizationId::parse(&request.organization_id),
    ) else {
        return Ok((0, needed));
    };
    let filter = crate::mediation::store::Filter {
        from: Some(from),
        beneficiary_id: Some(person.to_owned()),
        ..Default::default()
    };
    let (_, done) = crate::mediation::store::page(db, &organization, &filter, 0, 0).await?;
    Ok((done, needed))
}

/// Whether `device` may be given to `beneficiary` now: a device set aside
/// goes only to its request's person, once their path is done. Returns
/// the request to mark given.
pub async fn gift_allowed(
    db: &impl ConnectionTrait,
    device: &str,
    beneficiary: &str,
) -> Result<Result<Option<RequestRecord>, Refused>, DbErr> {
    let Some(request) = store::request_of_device(db, device).await? else {
        return Ok(Ok(None));
    };
    if request.beneficiary_id.as_deref() != Some(beneficiary) {
        return Ok(Err(Refused::Invalid(vec![FieldError::new(
            "beneficiary_id",
            "request-device-set-aside",
        )])));
    }
    let (done, needed) = progress(db, &request).await?;
    if done < needed {
        return Ok(Err(Refused::Conflict(crate::i18n::t_with(
            "request-path-unfinished",
            &[("done", done.into()), ("needed", needed.into())],
        ))));
    }
    Ok(Ok(Some(request)))
}

/// Marks a request given (its device handed over): the household's
/// contact, no longer needed, is cleared.
pub async fn mark_given(db: &impl ConnectionTrait, request: RequestRecord) -> Result<(), DbErr> {
    let row = RequestRecord {
        status: status::GIVEN.to_owned(),
        phone: None,
        email: None,
        updated_at: db::now(),
        ..request
    };
    store::move_request(db, &row, status::PATH)
        .await
        .map(|_| ())
}

/// Closes a request without a device (the household's choice, or a
/// structure's decision): its device, if one was set aside, is free again.
pub async fn close(
    db: &impl ConnectionTrait,
    user: &User,
    id: &str,
) -> Result<RequestRecord, Refused> {
    let request = store::find_request(db, &user.organization_id, id)
        .await?
        .ok_or(Refused::NotFound)?;
    if !matches!(request.status.as_str(), status::WAITING | status::PATH) {
        return Err(Refused::Conflict(crate::i18n::t("request-not-open")));
    }
    let row = RequestRecord {
        status: status::CLOSED.to_owned(),
        device_id: None,
        phone: None,
        email: None,
        updated_at: db::now(),
        ..request.clone()
    };
    if !store::move_request(db, &row, &request.status).await? {
        return Err(Refused::Conflict(crate::i18n::t(
            "equipment-moved-meanwhile",
        )));
    }
    Ok(row)
}
