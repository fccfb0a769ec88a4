//! What comes in: a donor, a lot of devices received at once, one device
//! (the API, a bench adding what the lot form did not know), a device's
//! description corrected or filled from a hardware report, and a repair
//! logged. Each device gets its inventory code and the first line of its
//! history (`received`) in the transaction that creates it.

use chrono::{Datelike, NaiveDate};
use sea_orm::{ConnectionTrait, DbErr, TransactionTrait};

use super::model::{
    Device, Donor, INVENTORY_CODE_LEN, MAX_LOT, MAX_NOTES, MAX_SHORT, readable_code,
};
use super::store::{self, DeviceRecord, DonorRecord, EventRecord, LotRecord, RepairRecord};
use super::transitions::Refused;
use crate::accounts::User;
use crate::db;
use crate::mediation::activity::{keep, number, text};
use crate::mediation::fields::Fields;
use crate::validation::FieldError;

/// Who gave a lot.
enum Giver {
    Known(DonorRecord),
    New(Donor),
}

/// A new donor's row for the user's structure.
fn donor_row(user: &User, donor: Donor) -> DonorRecord {
    let now = db::now();
    DonorRecord {
        id: db::new_id(),
        organization_id: user.organization_id.as_str().to_owned(),
        name: donor.name,
        kind: donor.kind.to_owned(),
        siren: donor.siren,
        contact: donor.contact,
        created_at: now,
        updated_at: now,
    }
}

/// A device row in state `received`, with a fresh inventory code.
fn received(user: &User, device: &Device, lot: Option<&str>) -> DeviceRecord {
    let now = db::now();
    DeviceRecord {
        id: db::new_id(),
        organization_id: user.organization_id.as_str().to_owned(),
        code: readable_code(INVENTORY_CODE_LEN),
        lot_id: lot.map(str::to_owned),
        kind: device.kind.to_owned(),
        brand: device.brand.clone(),
        model: device.model.clone(),
        serial: device.serial.clone(),
        year: device.year,
        specs: device.specs.to_json(),
        grade: None,
        notes: device.notes.clone(),
        state: "received".to_owned(),
        state_at: now,
        resume_state: None,
        certificate_code: None,
        holder_id: None,
        due_on: None,
        os: None,
        free_os: None,
        created_at: now,
        updated_at: now,
    }
}

/// Inserts a received device and its first history line; a new code is
/// drawn if the first one was taken (one in 34 billion).
async fn insert_received(
    db: &impl ConnectionTrait,
    user: &User,
    mut row: DeviceRecord,
) -> Result<DeviceRecord, DbErr> {
    for attempt in 0..3 {
        match store::insert_device(db, row.clone()).await {
            Ok(()) => break,
            Err(err) if attempt < 2 && db::is_unique_violation(&err) => {
                row.code = readable_code(INVENTORY_CODE_LEN);
            }
            Err(err) => return Err(err),
        }
    }
    store::insert_event(
        db,
        EventRecord {
            id: db::new_id(),
            organization_id: row.organization_id.clone(),
            device_id: row.id.clone(),
            at: row.created_at,
            from_state: None,
            to_state: "received".to_owned(),
            by_user: Some(user.id.as_str().to_owned()),
            details: serde_json::json!({"lot_id": row.lot_id}).to_string(),
        },
    )
    .await?;
    Ok(row)
}

/// Records one device, optionally in one of the structure's lots.
pub async fn add_device(
    db: &sea_orm::DatabaseConnection,
    user: &User,
    fields: &Fields,
    today: NaiveDate,
) -> Result<DeviceRecord, Refused> {
    let device = Device::parse(fields, today.year());
    let lot = match fields.one("lot_id").filter(|l| !l.is_empty()) {
        Some(lot) => match store::find_lot(db, &user.organization_id, lot).await? {
            Some(lot) => Some(lot.id),
            None => {
                let mut errors = device.err().unwrap_or_default();
                errors.push(FieldError::new("lot_id", "equipment-unknown-lot").with_value(lot));
                return Err(Refused::Invalid(errors));
            }
        },
        None => None,
    };
    let device = device.map_err(Refused::Invalid)?;
    let _turn = db::writer_turn(db).await;
    let tx = db.begin().await?;
    let row = insert_received(&tx, user, received(user, &device, lot.as_deref())).await?;
    tx.commit().await?;
    Ok(row)
}

/// A lot as the form describes it.
struct Lot {
    received_on: NaiveDate,
    description: String,
    count: u32,
    device: Device,
}

fn parse_lot(fields: &Fields, today: NaiveDate) -> Result<Lot, Vec<FieldError>> {
    let mut errors = Vec::new();
    let received_on = match fields
        .one("received_on")
        .map(str::trim)
        .filter(|v| !v.is_empty())
    {
        None => Some(today),
        Some(raw) => {
            let day = NaiveDate::parse_from_str(raw, "%Y-%m-%d")
                .ok()
                .or_else(|| crate::text::typed_date(raw));
            match day {
                Some(day) if day <= today && (today - day).num_days() <= 366 => Some(day),
                _ => {
                    errors.push(FieldError::new("received_on", "equipment-day").with_value(raw));
                    None
                }
            }
        }
    };
    let description = keep(&mut errors, text(fields, "description", MAX_NOTES));
    let count = keep(&mut errors, number(fields, "count", 1, MAX_LOT, Some(1)));
    let device = Device::parse(fields, today.year())
        .map_err(|e| errors.extend(e))
        .ok();
    match (received_on, description, count, device) {
        (Some(received_on), Some(description), Some(count), Some(device)) if errors.is_empty() => {
            Ok(Lot {
                received_on,
                description: description.trim().to_owned(),
                count,
                device,
            })
        }
        _ => Err(errors),
    }
}

/// Receives a lot: its donor (one already known, or a new one), the day,
/// and `count` devices alike (each then gets its serial on its page).
pub async fn receive_lot(
    db: &sea_orm::DatabaseConnection,
    user: &User,
    fields: &Fields,
    today: NaiveDate,
) -> Result<(LotRecord, Vec<DeviceRecord>), Refused> {
    let organization = &user.organization_id;
    // One already known (an unknown id is refused at once), or a new one.
    let donor = match fields.one("donor_id").filter(|d| !d.is_empty()) {
        Some(id) => Ok(Giver::Known(
            store::find_donor(db, organization, id)
                .await?
                .ok_or_else(|| {
                    Refused::Invalid(vec![
                        FieldError::new("donor_id", "equipment-unknown-donor").with_value(id),
                    ])
                })?,
        )),
        None => Donor::parse(fields).map(Giver::New),
    };
    let (donor, lot) = match (donor, parse_lot(fields, today)) {
        (Ok(donor), Ok(lot)) => (donor, lot),
        (donor, lot) => {
            let mut errors = donor.err().unwrap_or_default();
            errors.extend(lot.err().unwrap_or_default());
            return Err(Refused::Invalid(errors));
        }
    };
    let _turn = db::writer_turn(db).await;
    let tx = db.begin().await?;
    let donor_id = match donor {
        Giver::Known(known) => known.id,
        Giver::New(new) => {
            let row = donor_row(user, new);
            store::insert_donor(&tx, row.clone()).await?;
            row.id
        }
    };
    let now = db::now();
    let lot_row = LotRecord {
        id: db::new_id(),
        organization_id: organization.as_str().to_owned(),
        donor_id,
        received_on: lot.received_on,
        description: lot.description.clone(),
        created_at: now,
        updated_at: now,
    };
    store::insert_lot(&tx, lot_row.clone()).await?;
    let mut devices = Vec::with_capacity(lot.count as usize);
    for _ in 0..lot.count {
        let row = received(user, &lot.device, Some(&lot_row.id));
        devices.push(insert_received(&tx, user, row).await?);
    }
    tx.commit().await?;
    Ok((lot_row, devices))
}

/// Corrects a device's description (its state moves only by steps).
pub async fn describe(
    db: &impl ConnectionTrait,
    user: &User,
    id: &str,
    fields: &Fields,
    today: NaiveDate,
) -> Result<DeviceRecord, Refused> {
    let device = store::find_device(db, &user.organization_id, id)
        .await?
        .ok_or(Refused::NotFound)?;
    let parsed = Device::parse(fields, today.year()).map_err(Refused::Invalid)?;
    let row = DeviceRecord {
        kind: parsed.kind.to_owned(),
        brand: parsed.brand,
        model: parsed.model,
        serial: parsed.serial,
        year: parsed.year,
        specs: parsed.specs.to_json(),
        notes: parsed.notes,
        updated_at: db::now(),
        ..device
    };
    store::describe_device(db, &row).await?;
    Ok(row)
}

/// Outcomes of a repair.
pub const REPAIR_OUTCOMES: crate::mediation::vocabulary::List =
    crate::mediation::vocabulary::List {
        field: "outcome",
        entries: &[
            ("fixed", "Réparé"),
            ("partly", "En partie"),
            ("not_fixed", "Pas réparable"),
        ],
    };

/// Logs a repair on the structure's device `id` (a repair café's or the bench's).
pub async fn log_repair(
    db: &impl ConnectionTrait,
    user: &User,
    id: &str,
    fields: &Fields,
    today: NaiveDate,
) -> Result<RepairRecord, Refused> {
    let device = store::find_device(db, &user.organization_id, id)
        .await?
        .ok_or(Refused::NotFound)?;
    let mut errors = Vec::new();
    let problem = keep(&mut errors, text(fields, "problem", MAX_NOTES)).unwrap_or_default();
    if problem.trim().is_empty() {
        errors.push(FieldError::new("problem", "equipment-required"));
    }
    let parts = keep(&mut errors, text(fields, "parts", MAX_SHORT)).unwrap_or_default();
    let minutes = keep(&mut errors, number(fields, "minutes", 0, 24 * 60, Some(0)));
    let cost_cents = match fields.one("cost").map(str::trim).filter(|v| !v.is_empty()) {
        None => 0,
        Some(raw) => match raw
            .trim_end_matches('€')
            .trim()
            .replace(',', ".")
            .parse::<f64>()
        {
            Ok(euros) if (0.0..=10_000.0).contains(&euros) => (euros * 100.0).round() as i64,
            _ => {
                errors.push(FieldError::new("cost", "equipment-cost").with_value(raw));
                0
            }
        },
    };
    let outcome = keep(
        &mut errors,
        crate::mediation::activity::optional_code(fields, REPAIR_OUTCOMES),
    )
    .flatten()
    .unwrap_or("fixed");
    if !errors.is_empty() {
        return Err(Refused::Invalid(errors));
    }
    let now = db::now();
    let row = RepairRecord {
        id: db::new_id(),
        organization_id: device.organization_id,
        device_id: device.id,
        on_day: today,
        problem: problem.trim().to_owned(),
        parts: parts.trim().to_owned(),
        minutes: i32::try_from(minutes.unwrap_or(0)).unwrap_or(0),
        cost_cents,
        outcome: outcome.to_owned(),
        created_at: now,
        updated_at: now,
    };
    store::insert_repair(db, row.clone()).await?;
    Ok(row)
}
