//! The retention job: people followed who have not come for a period
//! (24 months by default) are erased as a manager would erase them — their
//! activities stay, anonymous. Idempotent: a second run finds no one. It
//! runs in the server once a day and as `maille retention run [--dry-run]`.

use chrono::{Months, NaiveDate};
use sea_orm::{ConnectionTrait, DbErr, TransactionTrait};

use super::{people, people_store};
use crate::journal::{self, Actor};

/// How long a person is kept without coming, by default.
pub const DEFAULT_MONTHS: u32 = 24;

/// What a run did, or would do.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Report {
    /// People older than the period (found).
    pub found: usize,
    /// People erased (0 on a dry run).
    pub erased: usize,
    /// The day before which a last visit is too old.
    pub cutoff: Option<NaiveDate>,
}

/// Erases (unless `dry_run`) the people whose last visit, or without any
/// visit whose record, is older than `months` before `today`.
pub async fn run<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    today: NaiveDate,
    months: u32,
    dry_run: bool,
) -> Result<Report, DbErr> {
    let cutoff = today
        .checked_sub_months(Months::new(months))
        .unwrap_or(today);
    let stale = people_store::unseen_since(db, cutoff).await?;
    let mut report = Report {
        found: stale.len(),
        erased: 0,
        cutoff: Some(cutoff),
    };
    if dry_run {
        return Ok(report);
    }
    for person in &stale {
        let why = format!("sans venue depuis le {}", cutoff.format("%d/%m/%Y"));
        if people::erase(db, Actor::System, &person.organization_id, &person.id, &why).await? {
            report.erased += 1;
        }
    }
    if report.erased > 0 {
        journal::retention_run(
            db,
            Actor::System,
            format!(
                "{} personne(s) effacée(s), sans venue depuis le {}",
                report.erased,
                cutoff.format("%d/%m/%Y")
            ),
        )
        .await?;
    }
    tracing::info!(found = report.found, erased = report.erased, %cutoff, "durée de conservation appliquée");
    Ok(report)
}
