//! Recording a step of a device's life: checked against its current state
//! ([`lifecycle::check`]), parsed with what it needs, then written as one
//! transaction — the device moved by a conditional update (only if still
//! in the state read), the step appended to its history, and for a gift
//! or a loan the handover (person and typed signature) beside it.

use chrono::NaiveDate;
use sea_orm::DbErr;

use super::lifecycle::{self, Refusal, State, Step};
use super::model::{CERTIFICATE_CODE_LEN, Specs, readable_code};
use super::requests;
use super::store::{self, DeviceRecord, EventRecord, HandoverRecord};
use crate::accounts::User;
use crate::db;
use crate::mediation::fields::Fields;
use crate::mediation::people_store;
use crate::validation::FieldError;

/// Why a step was not recorded.
#[derive(Debug)]
pub enum Refused {
    /// Fields missing or wrong, each named (422).
    Invalid(Vec<FieldError>),
    /// The step cannot follow the device's state, or its wipe was not
    /// verified, or it moved meanwhile: the sentence says why (409).
    Conflict(String),
    /// No device of the structure has this id.
    NotFound,
    Database(DbErr),
}

impl From<DbErr> for Refused {
    fn from(err: DbErr) -> Self {
        Self::Database(err)
    }
}

/// The state a step asks for, from the `to` field.
fn target(fields: &Fields) -> Result<State, Refused> {
    let raw = fields.one("to").unwrap_or_default();
    State::parse(raw).ok_or_else(|| {
        Refused::Invalid(vec![
            FieldError::new("to", "equipment-state")
                .with_value(raw)
                .with_arg("values", State::ALL.map(State::code).join(", ")),
        ])
    })
}

/// Records the step `fields` describe on the structure's device `id`.
pub async fn record(
    db: &sea_orm::DatabaseConnection,
    user: &User,
    id: &str,
    fields: &Fields,
    today: NaiveDate,
) -> Result<(DeviceRecord, EventRecord), Refused> {
    let device = store::find_device(db, &user.organization_id, id)
        .await?
        .ok_or(Refused::NotFound)?;
    record_on(db, user, device, fields, today).await
}

/// Records the step `fields` describe on `device`, one of the user's
/// structure's, as just read (a page or the API found it first). Read
/// before the writer's turn: the move is conditioned on the state read,
/// so a device moved meanwhile is refused, never overwritten.
pub async fn record_on(
    db: &sea_orm::DatabaseConnection,
    user: &User,
    device: DeviceRecord,
    fields: &Fields,
    today: NaiveDate,
) -> Result<(DeviceRecord, EventRecord), Refused> {
    let organization = &user.organization_id;
    if device.organization_id != organization.as_str() {
        return Err(Refused::NotFound);
    }
    let to = target(fields)?;
    let from = State::parse(&device.state).unwrap_or(State::Received);
    let resume = device.resume_state.as_deref().and_then(State::parse);
    let step = lifecycle::check(from, resume, to)
        .and_then(|()| lifecycle::parse_step(fields, from, to, today))
        .map_err(|refusal| match refusal {
            Refusal::Invalid(errors) => Refused::Invalid(errors),
            Refusal::WrongState { from, to } => {
                Refused::Conflict(lifecycle::wrong_state_words(from, to))
            }
            Refusal::WipeNotVerified => {
                Refused::Conflict(crate::i18n::t("equipment-wipe-not-verified"))
            }
        })?;
    if let Step::Give { beneficiary_id, .. } | Step::Lend { beneficiary_id, .. } = &step
        && people_store::find(db, organization, beneficiary_id)
            .await?
            .is_none()
    {
        return Err(Refused::Invalid(vec![
            FieldError::new("beneficiary_id", "equipment-unknown-person")
                .with_value(beneficiary_id),
        ]));
    }
    let now = db::now();
    let mut moved = DeviceRecord {
        state: to.code().to_owned(),
        state_at: now,
        updated_at: now,
        ..device.clone()
    };
    let mut details = step.details();
    match &step {
        Step::Diagnose { grade, .. } => moved.grade = Some((*grade).to_owned()),
        Step::Wipe(wipe) | Step::MakeReady { rewipe: Some(wipe) } => {
            if moved.certificate_code.is_none() {
                moved.certificate_code = Some(readable_code(CERTIFICATE_CODE_LEN));
            }
            // The storage named by the bench, or the one the device's
            // specifications list.
            if wipe.storage_serials.is_empty() {
                details["storage_serials"] =
                    serde_json::json!(Specs::from_json(&device.specs).storage_serials);
            }
        }
        Step::Refurbish {
            os, free_software, ..
        } => {
            moved.os = Some(os.clone());
            moved.free_os = Some(*free_software);
        }
        Step::Give { beneficiary_id, .. } => {
            moved.holder_id = Some(beneficiary_id.clone());
            moved.due_on = None;
        }
        Step::Lend {
            beneficiary_id,
            due_on,
            ..
        } => {
            moved.holder_id = Some(beneficiary_id.clone());
            moved.due_on = Some(*due_on);
        }
        Step::Return { .. } => {
            moved.holder_id = None;
            moved.due_on = None;
        }
        Step::Repair { .. } => moved.resume_state = Some(from.code().to_owned()),
        Step::Repaired => moved.resume_state = None,
        Step::Recycle { .. } => moved.resume_state = None,
        Step::MakeReady { rewipe: None } => {}
    }
    let event = EventRecord {
        id: db::new_id(),
        organization_id: organization.as_str().to_owned(),
        device_id: device.id.clone(),
        at: now,
        from_state: Some(from.code().to_owned()),
        to_state: to.code().to_owned(),
        by_user: Some(user.id.as_str().to_owned()),
        details: details.to_string(),
    };
    // Read and written in one transaction, in the writers' turn.
    db::write(db, move |tx| {
        Box::pin(async move {
            // A device set aside for a household's request goes to that person,
            // once their path is done; it is not lent meanwhile (read in the
            // transaction: a path may have just started).
            let request = match &step {
                Step::Give { beneficiary_id, .. } => {
                    requests::service::gift_allowed(tx, &device.id, beneficiary_id).await??
                }
                Step::Lend { .. }
                    if requests::store::request_of_device(tx, &device.id)
                        .await?
                        .is_some() =>
                {
                    return Err(Refused::Conflict(crate::i18n::t(
                        "request-device-set-aside-loan",
                    )));
                }
                _ => None,
            };
            if !store::move_device(tx, &moved, from.code()).await? {
                return Err(Refused::Conflict(crate::i18n::t(
                    "equipment-moved-meanwhile",
                )));
            }
            store::insert_event(tx, event.clone()).await?;
            match &step {
                Step::Give {
                    beneficiary_id,
                    handed_on,
                    signed_name,
                } => {
                    store::insert_handover(
                        tx,
                        handover(
                            &moved,
                            "gift",
                            beneficiary_id,
                            signed_name,
                            *handed_on,
                            None,
                        ),
                    )
                    .await?;
                }
                Step::Lend {
                    beneficiary_id,
                    handed_on,
                    due_on,
                    signed_name,
                } => {
                    store::insert_handover(
                        tx,
                        handover(
                            &moved,
                            "loan",
                            beneficiary_id,
                            signed_name,
                            *handed_on,
                            Some(*due_on),
                        ),
                    )
                    .await?;
                }
                Step::Return { .. } => store::close_loan(tx, &device.id, today).await?,
                _ => {}
            }
            if let Some(request) = request {
                requests::service::mark_given(tx, request).await?;
            }
            Ok((moved, event))
        })
    })
    .await
}

fn handover(
    device: &DeviceRecord,
    kind: &str,
    beneficiary_id: &str,
    signed_name: &str,
    handed_on: NaiveDate,
    due_on: Option<NaiveDate>,
) -> HandoverRecord {
    let now = db::now();
    HandoverRecord {
        id: db::new_id(),
        organization_id: device.organization_id.clone(),
        device_id: device.id.clone(),
        kind: kind.to_owned(),
        beneficiary_id: Some(beneficiary_id.to_owned()),
        signed_name: signed_name.to_owned(),
        handed_on,
        due_on,
        returned_on: None,
        reminded_at: None,
        created_at: now,
        updated_at: now,
    }
}

/// The verified wipes in a device's history, oldest first, with their details.
pub fn verified_wipes(
    events: &[EventRecord],
) -> impl DoubleEndedIterator<Item = (&EventRecord, serde_json::Value)> {
    events.iter().filter_map(|e| {
        let details: serde_json::Value = serde_json::from_str(&e.details).ok()?;
        (details.get("verified") == Some(&serde_json::Value::Bool(true))).then_some((e, details))
    })
}

/// The latest verified wipe in a device's history, for its certificate.
pub fn last_wipe(events: &[EventRecord]) -> Option<(&EventRecord, serde_json::Value)> {
    verified_wipes(events).next_back()
}
