//! Generated equipment, for measures (`maille equipment generate`, the
//! benches): devices spread over structures, each with the believable
//! history of the state it reached — about ten steps a device on average
//! when `events` asks for it — written by batches of multi-row inserts.

use chrono::{Duration, Utc};
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, TransactionSession, TransactionTrait};

use super::lifecycle::State;
use super::model::{INVENTORY_CODE_LEN, KINDS, Specs};
use super::store::{DeviceRecord, EventRecord, devices, events};
use crate::db;
use crate::organizations::OrganizationId;
use crate::places::synthetic::Dice;

/// Rows per insert, under SQLite's 32,766 bound parameters: events have
/// 8 columns, devices 22.
const EVENT_BATCH: usize = 2_000;
const DEVICE_BATCH: usize = 1_000;

/// The steps that lead to `state`, from `received`.
fn path_to(state: State) -> &'static [State] {
    use State::*;
    match state {
        Received => &[Received],
        Diagnosed => &[Received, Diagnosed],
        Wiped => &[Received, Diagnosed, Wiped],
        Refurbished => &[Received, Diagnosed, Wiped, Refurbished],
        Ready => &[Received, Diagnosed, Wiped, Refurbished, Ready],
        Given => &[Received, Diagnosed, Wiped, Refurbished, Ready, Given],
        Loaned => &[Received, Diagnosed, Wiped, Refurbished, Ready, Loaned],
        Returned => &[
            Received,
            Diagnosed,
            Wiped,
            Refurbished,
            Ready,
            Loaned,
            Returned,
        ],
        InRepair => &[Received, Diagnosed, InRepair],
        Recycled => &[Received, Diagnosed, Recycled],
    }
}

/// A state drawn as a busy workshop's stock looks: most devices gone out.
fn some_state(dice: &mut Dice) -> State {
    match dice.below(100) {
        0..=9 => State::Received,
        10..=17 => State::Diagnosed,
        18..=22 => State::Wiped,
        23..=27 => State::Refurbished,
        28..=37 => State::Ready,
        38..=67 => State::Given,
        68..=77 => State::Loaned,
        78..=82 => State::Returned,
        83..=87 => State::InRepair,
        _ => State::Recycled,
    }
}

fn code_of(n: u64) -> String {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut code = String::with_capacity(INVENTORY_CODE_LEN);
    // Multiplying by an odd number modulo 2^35 is a bijection: distinct
    // numbers give distinct codes, which do not look sequential.
    let mut rest = n.wrapping_mul(0x9E37_79B9_7F4A_7C15) & ((1 << 35) - 1);
    for _ in 0..INVENTORY_CODE_LEN {
        code.push(ALPHABET[(rest % 32) as usize] as char);
        rest /= 32;
    }
    code
}

/// Writes `count` devices over `structures`, and for each device the
/// steps to its state, padded with repairs back and forth so that the
/// history holds about `events` lines in all. Returns the lines written.
pub async fn generate<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    structures: &[OrganizationId],
    count: u64,
    events: u64,
    seed: u64,
) -> Result<u64, DbErr> {
    if structures.is_empty() {
        return Ok(0);
    }
    let mut dice = Dice::new(seed);
    let now = db::now();
    let extra_per_device = events.saturating_sub(count * 4) / count.max(1);
    let tx = db.begin().await?;
    let (mut device_rows, mut event_rows) = (
        Vec::with_capacity(DEVICE_BATCH),
        Vec::with_capacity(EVENT_BATCH),
    );
    let mut written = 0;
    for n in 0..count {
        let organization = structures[(n % structures.len() as u64) as usize]
            .as_str()
            .to_owned();
        let state = some_state(&mut dice);
        let kind = KINDS.entries[dice.below(6) as usize].0;
        let id = db::new_id();
        let start = now - Duration::days(30 + dice.below(700) as i64);
        let mut at = start;
        let mut from: Option<State> = None;
        let mut history = Vec::new();
        for (i, step) in path_to(state).iter().enumerate() {
            history.push((from, *step));
            // Repairs come and go on the bench, before the last step.
            if i == 1 {
                for _ in 0..extra_per_device / 2 {
                    history.push((Some(*step), State::InRepair));
                    history.push((Some(State::InRepair), *step));
                }
            }
            from = Some(*step);
        }
        for (from, to) in history {
            at += Duration::minutes(30 + dice.below(3_000) as i64);
            event_rows.push(events::ActiveModel::from(EventRecord {
                id: db::new_id(),
                organization_id: organization.clone(),
                device_id: id.clone(),
                at,
                from_state: from.map(|s| s.code().to_owned()),
                to_state: to.code().to_owned(),
                by_user: None,
                details: "{}".to_owned(),
            }));
            written += 1;
            if event_rows.len() == EVENT_BATCH {
                events::Entity::insert_many(std::mem::take(&mut event_rows))
                    .exec_without_returning(&tx)
                    .await?;
            }
        }
        let gone_out = matches!(state, State::Given | State::Loaned | State::Returned);
        device_rows.push(devices::ActiveModel::from(DeviceRecord {
            id,
            organization_id: organization,
            code: code_of(n.wrapping_add(seed << 24)),
            lot_id: None,
            kind: kind.to_owned(),
            brand: ["Lenovo", "Dell", "HP", "Apple", "Samsung", "Fairphone"]
                [dice.below(6) as usize]
                .to_owned(),
            model: format!("Modèle {}", dice.below(400)),
            serial: format!("SN{:010}", dice.below(10_000_000_000)),
            year: Some(2012 + dice.below(12) as i32),
            specs: Specs {
                memory_gb: Some(4 << dice.below(3)),
                storage_gb: Some(128 << dice.below(3)),
                storage_kind: "ssd".into(),
                ..Specs::default()
            }
            .to_json(),
            grade: (state != State::Received)
                .then(|| ["A", "B", "C", "D"][dice.below(4) as usize].to_owned()),
            notes: String::new(),
            state: state.code().to_owned(),
            state_at: at.min(now),
            resume_state: (state == State::InRepair).then(|| State::Diagnosed.code().to_owned()),
            certificate_code: None,
            holder_id: None,
            due_on: (state == State::Loaned)
                .then(|| (now + Duration::days(dice.below(120) as i64 - 30)).date_naive()),
            os: gone_out.then(|| "Debian 13".to_owned()),
            free_os: gone_out.then_some(true),
            created_at: start,
            updated_at: at.min(Utc::now()),
        }));
        if device_rows.len() == DEVICE_BATCH {
            devices::Entity::insert_many(std::mem::take(&mut device_rows))
                .exec_without_returning(&tx)
                .await?;
        }
    }
    if !device_rows.is_empty() {
        devices::Entity::insert_many(device_rows)
            .exec_without_returning(&tx)
            .await?;
    }
    if !event_rows.is_empty() {
        events::Entity::insert_many(event_rows)
            .exec_without_returning(&tx)
            .await?;
    }
    tx.commit().await?;
    if db.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        db.execute_unprepared("VACUUM ANALYZE devices, device_events")
            .await?;
    } else {
        db.execute_unprepared("ANALYZE").await?;
    }
    Ok(written)
}
