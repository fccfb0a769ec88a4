//! All SQL about equipment: donors, lots, devices, the append-only history
//! of their steps, handovers, repairs and impact factors. A change of
//! state is one conditional update (`WHERE state = <the state read>`), so
//! two benches moving the same device at once cannot both succeed.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder,
    QuerySelect, sea_query::Expr,
};

use crate::organizations::OrganizationId;

pub(crate) use super::entities::{devices, donors, events, factors, handovers, lots, repairs};

pub type DonorRecord = donors::Model;
pub type LotRecord = lots::Model;
pub type DeviceRecord = devices::Model;
pub type EventRecord = events::Model;
pub type HandoverRecord = handovers::Model;
pub type RepairRecord = repairs::Model;
pub type FactorRecord = factors::Model;

pub async fn insert_donor(db: &impl ConnectionTrait, row: DonorRecord) -> Result<(), DbErr> {
    donors::Entity::insert(donors::ActiveModel::from(row))
        .exec_without_returning(db)
        .await
        .map(|_| ())
}

pub async fn donors_of(
    db: &impl ConnectionTrait,
    organization: &OrganizationId,
) -> Result<Vec<DonorRecord>, DbErr> {
    donors::Entity::find()
        .filter(donors::Column::OrganizationId.eq(organization.as_str()))
        .order_by_asc(donors::Column::Name)
        .limit(500)
        .all(db)
        .await
}

pub async fn find_donor(
    db: &impl ConnectionTrait,
    organization: &OrganizationId,
    id: &str,
) -> Result<Option<DonorRecord>, DbErr> {
    donors::Entity::find_by_id(id)
        .filter(donors::Column::OrganizationId.eq(organization.as_str()))
        .one(db)
        .await
}

pub async fn insert_lot(db: &impl ConnectionTrait, row: LotRecord) -> Result<(), DbErr> {
    lots::Entity::insert(lots::ActiveModel::from(row))
        .exec_without_returning(db)
        .await
        .map(|_| ())
}

pub async fn find_lot(
    db: &impl ConnectionTrait,
    organization: &OrganizationId,
    id: &str,
) -> Result<Option<LotRecord>, DbErr> {
    lots::Entity::find_by_id(id)
        .filter(lots::Column::OrganizationId.eq(organization.as_str()))
        .one(db)
        .await
}

/// A structure's latest lots.
pub async fn lots_of(
    db: &impl ConnectionTrait,
    organization: &OrganizationId,
    limit: u64,
) -> Result<Vec<LotRecord>, DbErr> {
    lots::Entity::find()
        .filter(lots::Column::OrganizationId.eq(organization.as_str()))
        .order_by_desc(lots::Column::ReceivedOn)
        .order_by_desc(lots::Column::Id)
        .limit(limit)
        .all(db)
        .await
}

pub async fn insert_device(db: &impl ConnectionTrait, row: DeviceRecord) -> Result<(), DbErr> {
    devices::Entity::insert(devices::ActiveModel::from(row))
        .exec_without_returning(db)
        .await
        .map(|_| ())
}

/// The device `id` of `organization` (another structure's: none).
pub async fn find_device(
    db: &impl ConnectionTrait,
    organization: &OrganizationId,
    id: &str,
) -> Result<Option<DeviceRecord>, DbErr> {
    devices::Entity::find_by_id(id)
        .filter(devices::Column::OrganizationId.eq(organization.as_str()))
        .one(db)
        .await
}

/// The device whose inventory code is `code`, in `organization`.
pub async fn find_by_code(
    db: &impl ConnectionTrait,
    organization: &OrganizationId,
    code: &str,
) -> Result<Option<DeviceRecord>, DbErr> {
    devices::Entity::find()
        .filter(devices::Column::Code.eq(code))
        .filter(devices::Column::OrganizationId.eq(organization.as_str()))
        .one(db)
        .await
}

/// The device a wipe certificate's code names (public: anyone holding the paper).
pub async fn find_by_certificate(
    db: &impl ConnectionTrait,
    code: &str,
) -> Result<Option<DeviceRecord>, DbErr> {
    devices::Entity::find()
        .filter(devices::Column::CertificateCode.eq(code))
        .one(db)
        .await
}

/// The devices of a lot.
pub async fn devices_of_lot(
    db: &impl ConnectionTrait,
    organization: &OrganizationId,
    lot: &str,
) -> Result<Vec<DeviceRecord>, DbErr> {
    devices::Entity::find()
        .filter(devices::Column::OrganizationId.eq(organization.as_str()))
        .filter(devices::Column::LotId.eq(lot))
        .order_by_asc(devices::Column::Code)
        .limit(1_000)
        .all(db)
        .await
}

/// What the stock list is narrowed to.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StockFilter {
    pub state: Option<&'static str>,
    pub kind: Option<&'static str>,
    /// Part of a code, serial, brand or model.
    pub text: Option<String>,
    pub lot_id: Option<String>,
    /// Only loans past their due date.
    pub overdue_on: Option<NaiveDate>,
}

impl StockFilter {
    /// The filter as typed: a state and a kind (codes), part of a code,
    /// serial, brand or model. Unknown codes are refused under `names`
    /// (the page's and the API's parameters differ).
    pub fn read(
        state: Option<&str>,
        kind: Option<&str>,
        text: Option<&str>,
        names: [&'static str; 2],
    ) -> (Self, Vec<crate::validation::FieldError>) {
        use super::lifecycle::State;
        use super::model::KINDS;
        use crate::validation::FieldError;
        let mut errors = Vec::new();
        let state = match state.map(str::trim).filter(|s| !s.is_empty()) {
            None => None,
            Some(raw) => State::parse(raw).map(State::code).or_else(|| {
                errors.push(
                    FieldError::new(names[0], "equipment-state")
                        .with_value(raw)
                        .with_arg("values", State::ALL.map(State::code).join(", ")),
                );
                None
            }),
        };
        let kind = match kind.map(str::trim).filter(|k| !k.is_empty()) {
            None => None,
            Some(raw) => KINDS.find(raw).or_else(|| {
                errors.push(
                    FieldError::new(names[1], "equipment-kind-required")
                        .with_value(raw)
                        .with_arg("values", KINDS.codes().collect::<Vec<_>>().join(", ")),
                );
                None
            }),
        };
        let text = text
            .map(|t| crate::text::cut(t.trim(), 60))
            .filter(|t| !t.is_empty());
        (
            Self {
                state,
                kind,
                text,
                ..Self::default()
            },
            errors,
        )
    }
}

fn filtered(
    backend: sea_orm::DatabaseBackend,
    organization: &OrganizationId,
    filter: &StockFilter,
) -> sea_orm::Select<devices::Entity> {
    let mut query =
        devices::Entity::find().filter(devices::Column::OrganizationId.eq(organization.as_str()));
    if let Some(state) = filter.state {
        query = query.filter(devices::Column::State.eq(state));
    }
    if let Some(kind) = filter.kind {
        query = query.filter(devices::Column::Kind.eq(kind));
    }
    if let Some(lot) = &filter.lot_id {
        query = query.filter(devices::Column::LotId.eq(lot.as_str()));
    }
    if let Some(day) = filter.overdue_on {
        query = query
            .filter(devices::Column::State.eq("loaned"))
            .filter(devices::Column::DueOn.lt(day));
    }
    if let Some(text) = filter.text.as_deref().filter(|t| !t.is_empty()) {
        // The columns are in the stock's index (`devices_stock`): on
        // SQLite, the match is tried there before a row is read.
        let holds = |column: devices::Column| crate::db::contains(backend, Expr::col(column), text);
        query = query.filter(
            sea_orm::Condition::any()
                .add(holds(devices::Column::Code))
                .add(holds(devices::Column::Serial))
                .add(holds(devices::Column::Brand))
                .add(holds(devices::Column::Model)),
        );
    }
    query
}

/// How many of a structure's devices match.
pub async fn count_stock(
    db: &impl ConnectionTrait,
    organization: &OrganizationId,
    filter: &StockFilter,
) -> Result<u64, DbErr> {
    filtered(db.get_database_backend(), organization, filter)
        .count(db)
        .await
}

/// One page of a structure's stock, latest change first, and how many match.
pub async fn stock_page(
    db: &impl ConnectionTrait,
    organization: &OrganizationId,
    filter: &StockFilter,
    offset: u64,
    limit: u64,
) -> Result<(Vec<DeviceRecord>, u64), DbErr> {
    let (total, rows) = futures_util::future::try_join(
        count_stock(db, organization, filter),
        filtered(db.get_database_backend(), organization, filter)
            .order_by_desc(devices::Column::StateAt)
            .order_by_desc(devices::Column::Id)
            .offset(offset)
            .limit(limit)
            .all(db),
    )
    .await?;
    Ok((rows, total))
}

/// The next `limit` devices after `after` (by id), for an export read in batches.
pub async fn stock_batch_after(
    db: &impl ConnectionTrait,
    organization: &OrganizationId,
    filter: &StockFilter,
    after: Option<&str>,
    limit: u64,
) -> Result<Vec<DeviceRecord>, DbErr> {
    let mut query = filtered(db.get_database_backend(), organization, filter)
        .order_by_asc(devices::Column::Id)
        .limit(limit);
    if let Some(after) = after {
        query = query.filter(devices::Column::Id.gt(after));
    }
    query.all(db).await
}

/// How many devices a structure has in each state.
pub async fn count_by_state(
    db: &impl ConnectionTrait,
    organization: &OrganizationId,
) -> Result<Vec<(String, u64)>, DbErr> {
    let rows: Vec<(String, i64)> = devices::Entity::find()
        .select_only()
        .column(devices::Column::State)
        .column_as(devices::Column::Id.count(), "devices")
        .filter(devices::Column::OrganizationId.eq(organization.as_str()))
        .group_by(devices::Column::State)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(state, n)| (state, u64::try_from(n).unwrap_or(0)))
        .collect())
}

/// The inventory codes of `ids`, by id.
pub async fn codes_of<'a>(
    db: &impl ConnectionTrait,
    ids: impl Iterator<Item = &'a str>,
) -> Result<std::collections::HashMap<String, String>, DbErr> {
    let mut ids: Vec<String> = ids.map(str::to_owned).collect();
    ids.sort();
    ids.dedup();
    let mut codes = std::collections::HashMap::new();
    for chunk in ids.chunks(500) {
        let rows: Vec<(String, String)> = devices::Entity::find()
            .select_only()
            .column(devices::Column::Id)
            .column(devices::Column::Code)
            .filter(devices::Column::Id.is_in(chunk.iter().cloned()))
            .into_tuple()
            .all(db)
            .await?;
        codes.extend(rows);
    }
    Ok(codes)
}

/// Moves a device from `from` to its new row, only if it is still in
/// `from`: whether it moved.
pub async fn move_device(
    db: &impl ConnectionTrait,
    row: &DeviceRecord,
    from: &str,
) -> Result<bool, DbErr> {
    let result = devices::Entity::update_many()
        .col_expr(devices::Column::State, Expr::value(row.state.clone()))
        .col_expr(devices::Column::StateAt, Expr::value(row.state_at))
        .col_expr(
            devices::Column::ResumeState,
            Expr::value(row.resume_state.clone()),
        )
        .col_expr(devices::Column::Grade, Expr::value(row.grade.clone()))
        .col_expr(
            devices::Column::CertificateCode,
            Expr::value(row.certificate_code.clone()),
        )
        .col_expr(
            devices::Column::HolderId,
            Expr::value(row.holder_id.clone()),
        )
        .col_expr(devices::Column::DueOn, Expr::value(row.due_on))
        .col_expr(devices::Column::Os, Expr::value(row.os.clone()))
        .col_expr(devices::Column::FreeOs, Expr::value(row.free_os))
        .col_expr(devices::Column::UpdatedAt, Expr::value(row.updated_at))
        .filter(devices::Column::Id.eq(row.id.as_str()))
        .filter(devices::Column::State.eq(from))
        .exec(db)
        .await?;
    Ok(result.rows_affected == 1)
}

/// Writes a device's description (not its state: that moves only by steps).
pub async fn describe_device(db: &impl ConnectionTrait, row: &DeviceRecord) -> Result<(), DbErr> {
    devices::Entity::update_many()
        .col_expr(devices::Column::Kind, Expr::value(row.kind.clone()))
        .col_expr(devices::Column::Brand, Expr::value(row.brand.clone()))
        .col_expr(devices::Column::Model, Expr::value(row.model.clone()))
        .col_expr(devices::Column::Serial, Expr::value(row.serial.clone()))
        .col_expr(devices::Column::Year, Expr::value(row.year))
        .col_expr(devices::Column::Specs, Expr::value(row.specs.clone()))
        .col_expr(devices::Column::Notes, Expr::value(row.notes.clone()))
        .col_expr(devices::Column::UpdatedAt, Expr::value(row.updated_at))
        .filter(devices::Column::Id.eq(row.id.as_str()))
        .filter(devices::Column::OrganizationId.eq(row.organization_id.as_str()))
        .exec(db)
        .await
        .map(|_| ())
}

pub async fn insert_event(db: &impl ConnectionTrait, row: EventRecord) -> Result<(), DbErr> {
    events::Entity::insert(events::ActiveModel::from(row))
        .exec_without_returning(db)
        .await
        .map(|_| ())
}

/// A device's history, oldest first.
pub async fn events_of(db: &impl ConnectionTrait, device: &str) -> Result<Vec<EventRecord>, DbErr> {
    events::Entity::find()
        .filter(events::Column::DeviceId.eq(device))
        .order_by_asc(events::Column::At)
        .order_by_asc(events::Column::Id)
        .limit(1_000)
        .all(db)
        .await
}

/// The next `limit` events of a structure after `after` (by id), for the
/// movements export.
pub async fn events_batch_after(
    db: &impl ConnectionTrait,
    organization: &OrganizationId,
    after: Option<&str>,
    limit: u64,
) -> Result<Vec<EventRecord>, DbErr> {
    let mut query = events::Entity::find()
        .filter(events::Column::OrganizationId.eq(organization.as_str()))
        .order_by_asc(events::Column::Id)
        .limit(limit);
    if let Some(after) = after {
        query = query.filter(events::Column::Id.gt(after));
    }
    query.all(db).await
}

pub async fn insert_handover(db: &impl ConnectionTrait, row: HandoverRecord) -> Result<(), DbErr> {
    handovers::Entity::insert(handovers::ActiveModel::from(row))
        .exec_without_returning(db)
        .await
        .map(|_| ())
}

/// The device's latest handover (gift or loan).
pub async fn last_handover(
    db: &impl ConnectionTrait,
    device: &str,
) -> Result<Option<HandoverRecord>, DbErr> {
    handovers::Entity::find()
        .filter(handovers::Column::DeviceId.eq(device))
        .order_by_desc(handovers::Column::Id)
        .one(db)
        .await
}

/// Marks the device's open loan returned on `day`.
pub async fn close_loan(
    db: &impl ConnectionTrait,
    device: &str,
    day: NaiveDate,
) -> Result<(), DbErr> {
    handovers::Entity::update_many()
        .col_expr(handovers::Column::ReturnedOn, Expr::value(Some(day)))
        .col_expr(handovers::Column::UpdatedAt, Expr::value(crate::db::now()))
        .filter(handovers::Column::DeviceId.eq(device))
        .filter(handovers::Column::Kind.eq("loan"))
        .filter(handovers::Column::ReturnedOn.is_null())
        .exec(db)
        .await
        .map(|_| ())
}

/// Loans due by `day`, not returned and not yet reminded (all structures).
pub async fn loans_to_remind(
    db: &impl ConnectionTrait,
    day: NaiveDate,
    limit: u64,
) -> Result<Vec<HandoverRecord>, DbErr> {
    handovers::Entity::find()
        .filter(handovers::Column::Kind.eq("loan"))
        .filter(handovers::Column::ReturnedOn.is_null())
        .filter(handovers::Column::RemindedAt.is_null())
        .filter(handovers::Column::DueOn.lte(day))
        .order_by_asc(handovers::Column::DueOn)
        .limit(limit)
        .all(db)
        .await
}

pub async fn mark_reminded(
    db: &impl ConnectionTrait,
    handover: &str,
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    handovers::Entity::update_many()
        .col_expr(handovers::Column::RemindedAt, Expr::value(Some(at)))
        .filter(handovers::Column::Id.eq(handover))
        .exec(db)
        .await
        .map(|_| ())
}

/// A person's erasure (`to` none) or merge into another record (`to`)
/// reaches their handovers and the devices they hold: erased, the typed
/// signature is cleared and the link cut; the device keeps its history.
pub async fn relink_person(
    db: &impl ConnectionTrait,
    beneficiary: &str,
    to: Option<&str>,
) -> Result<(), DbErr> {
    let mut handovers = handovers::Entity::update_many().col_expr(
        handovers::Column::BeneficiaryId,
        Expr::value(to.map(str::to_owned)),
    );
    if to.is_none() {
        handovers = handovers.col_expr(handovers::Column::SignedName, Expr::value(String::new()));
    }
    handovers
        .filter(handovers::Column::BeneficiaryId.eq(beneficiary))
        .exec(db)
        .await?;
    devices::Entity::update_many()
        .col_expr(
            devices::Column::HolderId,
            Expr::value(to.map(str::to_owned)),
        )
        .filter(devices::Column::HolderId.eq(beneficiary))
        .exec(db)
        .await
        .map(|_| ())
}

pub async fn insert_repair(db: &impl ConnectionTrait, row: RepairRecord) -> Result<(), DbErr> {
    repairs::Entity::insert(repairs::ActiveModel::from(row))
        .exec_without_returning(db)
        .await
        .map(|_| ())
}

pub async fn repairs_of(
    db: &impl ConnectionTrait,
    device: &str,
) -> Result<Vec<RepairRecord>, DbErr> {
    repairs::Entity::find()
        .filter(repairs::Column::DeviceId.eq(device))
        .order_by_asc(repairs::Column::OnDay)
        .limit(500)
        .all(db)
        .await
}

/// The impact factors `structures` changed (their own figures).
pub async fn factors_of(
    db: &impl ConnectionTrait,
    structures: &[OrganizationId],
) -> Result<Vec<FactorRecord>, DbErr> {
    factors::Entity::find()
        .filter(factors::Column::OrganizationId.is_in(structures.iter().map(|s| s.as_str())))
        .all(db)
        .await
}

/// Writes a structure's factor for a kind, replacing the one it had.
pub async fn save_factor(db: &impl ConnectionTrait, row: FactorRecord) -> Result<(), DbErr> {
    factors::Entity::delete_many()
        .filter(factors::Column::OrganizationId.eq(row.organization_id.as_str()))
        .filter(factors::Column::Kind.eq(row.kind.as_str()))
        .exec(db)
        .await?;
    factors::Entity::insert(factors::ActiveModel::from(row))
        .exec_without_returning(db)
        .await
        .map(|_| ())
}
