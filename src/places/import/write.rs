//! Writing an import's valid rows, a batch at a time, in one transaction
//! (a dry run is the same import, rolled back: it reports exactly what the
//! real one would do).
//!
//! Two checks need what came before, and are made against the database so
//! that memory does not grow with the file: an id already seen earlier in
//! the file (a temporary table of the ids met, with their line), and a
//! place a structure runs, which an import never changes — its row is
//! refused, naming the structure, and both sides' journals say so.

use std::collections::{BTreeMap, HashMap, HashSet};

use sea_orm::sea_query::{Alias, Expr, ExprTrait, OnConflict, Query};
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbErr, Statement, TransactionTrait,
};

use super::report::ReportBuilder;
use super::{Rejection, ValidRow};
use crate::organizations::{OrganizationId, store as organizations_store};
use crate::places::store;
use crate::validation::FieldError;

const SEEN: &str = "import_seen";

/// The rows an import refused because a structure runs their place.
#[derive(Debug, Default)]
pub struct OwnedRefusals(pub BTreeMap<OrganizationId, (String, Vec<String>)>);

/// Ids listed per structure in the journal; the rest are counted.
const IDS_JOURNALED: usize = 20;

impl OwnedRefusals {
    fn add(&mut self, owner: &OrganizationId, owner_name: &str, id: &str) {
        let (_, ids) = self
            .0
            .entry(owner.clone())
            .or_insert_with(|| (owner_name.to_owned(), Vec::new()));
        ids.push(id.to_owned());
    }

    /// How the refusals on `ids` read in a journal entry.
    pub fn describe(ids: &[String]) -> String {
        let listed = ids.iter().take(IDS_JOURNALED).cloned().collect::<Vec<_>>();
        let more = ids.len().saturating_sub(IDS_JOURNALED);
        let more = if more > 0 {
            format!(" et {more} autre(s)")
        } else {
            String::new()
        };
        format!(
            "{} ligne(s) refusée(s) : {}{more}",
            ids.len(),
            listed.join(", ")
        )
    }
}

/// An import being written.
pub struct Writer {
    tx: DatabaseTransaction,
    owner_names: Option<HashMap<OrganizationId, String>>,
    refused_owned: OwnedRefusals,
}

impl Writer {
    /// Starts the import's transaction.
    pub async fn begin(db: &DatabaseConnection) -> Result<Self, DbErr> {
        let tx = db.begin().await?;
        // Portable DDL: a temporary table lives in this connection, and the
        // transaction's end (commit or rollback) is followed by its drop.
        tx.execute_unprepared(&format!(
            "CREATE TEMPORARY TABLE {SEEN} (id TEXT PRIMARY KEY, line BIGINT NOT NULL)"
        ))
        .await?;
        Ok(Self {
            tx,
            owner_names: None,
            refused_owned: OwnedRefusals::default(),
        })
    }

    /// Writes the valid places of one batch, refusing ids seen before and
    /// places a structure runs.
    pub async fn write(
        &mut self,
        batch: Vec<Result<ValidRow, Vec<Rejection>>>,
        report: &mut ReportBuilder,
    ) -> Result<(), DbErr> {
        // The first line of each id in this batch.
        let mut first_here: HashMap<String, u64> = HashMap::new();
        for valid in batch.iter().filter_map(|row| row.as_ref().ok()) {
            first_here
                .entry(valid.stored.place.id.clone())
                .or_insert(valid.line);
        }
        let newly_met = self.remember(&first_here).await?;
        let met_before: Vec<&str> = first_here
            .keys()
            .filter(|id| !newly_met.contains(id.as_str()))
            .map(String::as_str)
            .collect();
        let first_before = self.seen_before(&met_before).await?;
        let ids: Vec<&str> = newly_met.iter().map(String::as_str).collect();
        let owners = store::owners(&self.tx, &ids).await?;
        let mut accepted = Vec::with_capacity(batch.len());
        let (mut added, mut updated) = (0, 0);
        for row in batch {
            let ValidRow {
                line,
                stored,
                prepared,
                review,
            } = match row {
                Ok(valid) => valid,
                Err(rejections) => {
                    report.refuse(rejections);
                    continue;
                }
            };
            let id = &stored.place.id;
            let first = first_before
                .get(id)
                .or_else(|| first_here.get(id).filter(|first| **first != line));
            if let Some(first) = first {
                report.refuse(vec![Rejection {
                    line,
                    error: FieldError::new("id", "import-id-repeated")
                        .with_value(id)
                        .with_arg("first", first),
                }]);
                continue;
            }
            match owners.get(id) {
                Some(Some(owner)) => {
                    let name = self.owner_name(owner).await?;
                    report.refuse(vec![Rejection {
                        line,
                        error: FieldError::new("id", "import-place-owned")
                            .with_value(id)
                            .with_arg("structure", &name),
                    }]);
                    self.refused_owned.add(owner, &name, id);
                }
                Some(None) => {
                    updated += 1;
                    accepted.push(prepared);
                    report.to_review(line, review);
                }
                None => {
                    added += 1;
                    accepted.push(prepared);
                    report.to_review(line, review);
                }
            }
        }
        store::upsert_prepared(&self.tx, accepted).await?;
        report.imported(added);
        report.updated(updated);
        Ok(())
    }

    /// Commits, or for a dry run rolls everything back; gives the rows
    /// refused because a structure runs their place.
    pub async fn finish(self, dry_run: bool) -> Result<OwnedRefusals, DbErr> {
        self.tx
            .execute_unprepared(&format!("DROP TABLE {SEEN}"))
            .await?;
        if dry_run {
            self.tx.rollback().await?;
        } else {
            self.tx.commit().await?;
        }
        Ok(self.refused_owned)
    }

    /// The line where each of `ids` was first met in an earlier batch.
    async fn seen_before(&self, ids: &[&str]) -> Result<HashMap<String, u64>, DbErr> {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let query = Query::select()
            .columns([Alias::new("id"), Alias::new("line")])
            .from(Alias::new(SEEN))
            .and_where(Expr::col(Alias::new("id")).is_in(ids.iter().copied()))
            .to_owned();
        let backend = self.tx.get_database_backend();
        let rows = self.tx.query_all_raw(backend.build(&query)).await?;
        rows.into_iter()
            .map(|row| {
                let id: String = row.try_get("", "id")?;
                let line: i64 = row.try_get("", "line")?;
                Ok((id, u64::try_from(line).unwrap_or_default()))
            })
            .collect()
    }

    /// Records the ids of a batch with their first line, in one statement;
    /// gives back those met for the first time (the others were met in an
    /// earlier batch: a duplicate, rare, whose first line is then looked up).
    async fn remember(&self, ids: &HashMap<String, u64>) -> Result<HashSet<String>, DbErr> {
        if ids.is_empty() {
            return Ok(HashSet::new());
        }
        let mut insert = Query::insert();
        insert
            .into_table(Alias::new(SEEN))
            .columns([Alias::new("id"), Alias::new("line")])
            .on_conflict(OnConflict::column(Alias::new("id")).do_nothing().to_owned())
            .returning_col(Alias::new("id"));
        for (id, line) in ids {
            insert
                .values([
                    id.clone().into(),
                    i64::try_from(*line).unwrap_or(i64::MAX).into(),
                ])
                .map_err(|e| DbErr::Custom(e.to_string()))?;
        }
        let backend = self.tx.get_database_backend();
        let statement: Statement = backend.build(&insert);
        self.tx
            .query_all_raw(statement)
            .await?
            .into_iter()
            .map(|row| row.try_get::<String>("", "id"))
            .collect()
    }

    /// The name of the structure `owner`, from the organisation tree read once.
    async fn owner_name(&mut self, owner: &OrganizationId) -> Result<String, DbErr> {
        if self.owner_names.is_none() {
            let tree = organizations_store::tree(&self.tx).await?;
            self.owner_names = Some(
                tree.all()
                    .into_iter()
                    .map(|(_, o)| (o.id.clone(), o.name.clone()))
                    .collect(),
            );
        }
        Ok(self
            .owner_names
            .as_ref()
            .and_then(|names| names.get(owner).cloned())
            .unwrap_or_else(|| "une structure du réseau".to_owned()))
    }
}
