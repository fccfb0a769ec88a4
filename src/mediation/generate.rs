//! `maille activities generate`: structures (each with a place, a mediator
//! and a hundred people followed) under the database's first federation,
//! then activities spread over the last twelve months, for benchmarks and
//! load tests. Deterministic for a seed; written in batches, figures
//! summed in memory and written once, so a million activities take
//! minutes, not hours. Nothing here is journaled: it is not anyone's work.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use sea_orm::{ConnectionTrait, DbErr, Statement, TransactionSession, TransactionTrait};

use super::activity::{Activity, Counts, counts_to_text};
use super::beneficiary::{Beneficiary, DEFAULT_PURPOSE, new_code};
use super::figures::{Tally, add, contributions};
use super::people_store::{self, PersonRecord};
use super::vocabulary::{
    AGE_BANDS, AUTONOMY, GENDERS, MATERIALS, ORIENTATIONS, SOCIAL_STATUSES, THEMES,
};
use crate::accounts::{self, DisplayName, Email, NewPassword, NewUser, Role};
use crate::db;
use crate::organizations::{
    self, NewOrganization, OrganizationId, OrganizationKind, OrganizationName,
};
use crate::places::synthetic::{self, Dice};

/// Counts summed in memory: (structure index, month, dimension, value) →
/// (activities, minutes, people).
type Tallies = HashMap<(usize, String, &'static str, String), (i64, i64, i64)>;

/// The password of every generated mediator.
pub const PASSWORD: &str = "maille-genere";
/// People followed per generated structure.
const PEOPLE_PER_STRUCTURE: usize = 100;
/// Activities per statement: 500 × 24 values, under SQLite's limit.
const BATCH: usize = 500;

/// A structure made, as `--json` prints it.
#[derive(Debug, serde::Serialize)]
pub struct Made {
    pub id: String,
    pub name: String,
    pub mediator_email: String,
}

fn err(e: impl std::fmt::Display) -> DbErr {
    DbErr::Custom(e.to_string())
}

/// The first federation, or a network and a federation made for the purpose.
async fn federation(db: &impl ConnectionTrait) -> Result<OrganizationId, DbErr> {
    let all = organizations::store::list(db).await?;
    if let Some(federation) = all.iter().find(|o| o.kind == OrganizationKind::Federation) {
        return Ok(federation.id.clone());
    }
    let network = match all.iter().find(|o| o.kind == OrganizationKind::Network) {
        Some(network) => network.id.clone(),
        None => create(db, OrganizationKind::Network, "Réseau généré", None).await?,
    };
    create(
        db,
        OrganizationKind::Federation,
        "Fédération générée",
        Some(network),
    )
    .await
}

async fn create(
    db: &impl ConnectionTrait,
    kind: OrganizationKind,
    name: &str,
    parent_id: Option<OrganizationId>,
) -> Result<OrganizationId, DbErr> {
    let name = OrganizationName::parse(name).map_err(|e| err(e.message()))?;
    Ok(organizations::store::create(
        db,
        NewOrganization {
            kind,
            name,
            parent_id,
        },
    )
    .await
    .map_err(err)?
    .id)
}

/// Makes `structures` structures and `count` activities among them.
pub async fn generate<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    count: u64,
    structures: u32,
    seed: u64,
    today: NaiveDate,
) -> Result<Vec<Made>, DbErr> {
    let hash = accounts::password::hash(&NewPassword::demo(PASSWORD))
        .await
        .map_err(err)?;
    let tx = db.begin().await?;
    let parent = federation(&tx).await?;
    let places = synthetic::places(structures as usize, seed);
    let mut made = Vec::new();
    let mut ids = Vec::new();
    let mut mediators = Vec::new();
    let mut people: Vec<Vec<PersonRecord>> = Vec::new();
    let mut dice = Dice::new(seed);
    let now = db::now();
    for (i, mut place) in places.into_iter().enumerate() {
        let n = i + 1;
        let name = format!("Centre social généré {n} ({})", place.commune);
        let id = create(
            &tx,
            OrganizationKind::Structure,
            &name,
            Some(parent.clone()),
        )
        .await?;
        place.id = format!("gen-{seed}-{n}");
        place.nom = format!("Espace numérique du centre {n}");
        let place_id = place.id.clone();
        let stored = crate::places::store::StoredPlace {
            place,
            organization_id: Some(id.clone()),
            position_approximate: false,
        };
        crate::places::store::save(&tx, &stored).await?;
        let email = format!("mediation-{seed}-{n}@generated.maille.test");
        let user = accounts::store::create(
            &tx,
            &NewUser {
                organization_id: id.clone(),
                email: Email::parse(&email).map_err(|e| err(e.message()))?,
                display_name: DisplayName::parse(&format!("Médiation {n}"))
                    .map_err(|e| err(e.message()))?,
                role: Role::Mediator,
            },
            hash.clone(),
        )
        .await
        .map_err(err)?;
        let mut followed = Vec::with_capacity(PEOPLE_PER_STRUCTURE);
        for p in 0..PEOPLE_PER_STRUCTURE {
            let record = PersonRecord {
                id: db::new_id(),
                organization_id: id.clone(),
                code: new_code(),
                person: Beneficiary {
                    pseudonym: format!("Personne {p}"),
                    birth_year: Some(1940 + dice.below(70) as i32),
                    gender: Some(GENDERS.entries[dice.below(3) as usize].0),
                    social_status: Some(SOCIAL_STATUSES.entries[dice.below(5) as usize].0),
                    commune: String::new(),
                    phone: String::new(),
                    email: String::new(),
                    consent_purpose: DEFAULT_PURPOSE.into(),
                },
                consent_at: now,
                consent_by: user.id.as_str().to_owned(),
                last_activity_on: Some(today),
                created_at: now,
                updated_at: now,
            };
            people_store::insert(&tx, &record).await?;
            followed.push(record);
        }
        made.push(Made {
            id: id.as_str().to_owned(),
            name,
            mediator_email: email,
        });
        mediators.push((user.id.as_str().to_owned(), place_id));
        ids.push(id);
        people.push(followed);
    }
    let mut tallies: Tallies = HashMap::new();
    let mut batch: Vec<(usize, String, Activity)> = Vec::with_capacity(BATCH);
    for _ in 0..count {
        let s = dice.below(u64::from(structures)) as usize;
        let activity = one_activity(&mut dice, today, &mediators[s].1, &people[s]);
        for (dimension, value, a, m, p) in contributions(&activity) {
            let entry = tallies
                .entry((s, activity.month(), dimension, value))
                .or_default();
            entry.0 += a;
            entry.1 += m;
            entry.2 += p;
        }
        batch.push((s, db::new_id(), activity));
        if batch.len() == BATCH {
            insert_batch(&tx, &batch, &ids, &mediators).await?;
            batch.clear();
        }
    }
    insert_batch(&tx, &batch, &ids, &mediators).await?;
    write_tallies(&tx, &tallies, &ids).await?;
    tx.commit().await?;
    // What autovacuum would do some time after a bulk load: statistics for
    // the planner, and the visibility map that lets an index be read alone.
    if db.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        db.execute_unprepared("VACUUM ANALYZE activities, activity_figures, beneficiaries")
            .await?;
    }
    Ok(made)
}

/// A believable activity: mostly individual half-hours on e-mail and
/// procedures; a fifth with a person followed.
fn one_activity(
    dice: &mut Dice,
    today: NaiveDate,
    place_id: &str,
    people: &[PersonRecord],
) -> Activity {
    let collective = dice.below(6) == 0;
    let date = today - Duration::days(dice.below(365) as i64);
    let mut themes = vec![THEMES.entries[dice.below(19) as usize].0];
    if dice.below(3) == 0 {
        themes.push("AideAuxDemarchesAdministratives");
        themes.push(THEMES.entries[19 + dice.below(11) as usize].0);
    }
    themes.sort_by_key(|t| THEMES.bit(t));
    themes.dedup();
    let participants = if collective {
        3 + dice.below(10) as u32
    } else {
        1
    };
    let person = (!collective && dice.below(5) == 0)
        .then(|| &people[dice.below(people.len() as u64) as usize]);
    let mut counts = Counts::new();
    let band = AGE_BANDS.entries[dice.below(8) as usize].0;
    counts
        .entry(AGE_BANDS.field)
        .or_default()
        .insert(band, participants);
    Activity {
        kind: if collective {
            "Collectif"
        } else {
            "Individuel"
        },
        date,
        duration_min: [15, 30, 30, 45, 60, 90, 120][dice.below(7) as usize],
        place_kind: "LieuActivite",
        place_id: Some(place_id.to_owned()),
        commune: String::new(),
        themes,
        admin_detail: String::new(),
        admin_outcome: None,
        materials: vec![MATERIALS.entries[dice.below(5) as usize].0],
        autonomy: Some(AUTONOMY.entries[dice.below(3) as usize].0),
        orientation: (dice.below(10) == 0).then(|| ORIENTATIONS.entries[dice.below(7) as usize].0),
        orientation_place_id: None,
        notes: String::new(),
        title: if collective {
            "Atelier numérique".into()
        } else {
            String::new()
        },
        level: None,
        participants,
        counts,
        beneficiary_id: person.map(|p| p.id.clone()),
    }
}

const COLUMNS: &str = "id, organization_id, mediator_id, kind, date, duration_min, place_kind, place_id, commune, themes, admin_detail, admin_outcome, materials, autonomy, orientation, orientation_place_id, notes, title, level, participants, counts, beneficiary_id, created_at, updated_at";

async fn insert_batch(
    db: &impl ConnectionTrait,
    batch: &[(usize, String, Activity)],
    ids: &[OrganizationId],
    mediators: &[(String, String)],
) -> Result<(), DbErr> {
    if batch.is_empty() {
        return Ok(());
    }
    let backend = db.get_database_backend();
    let now = db::now();
    let mut sql = format!("INSERT INTO activities ({COLUMNS}) VALUES ");
    let mut values: Vec<sea_orm::Value> = Vec::with_capacity(batch.len() * 24);
    for (row, (s, id, a)) in batch.iter().enumerate() {
        if row > 0 {
            sql.push(',');
        }
        sql.push('(');
        for c in 0..24 {
            if c > 0 {
                sql.push(',');
            }
            sql.push_str(&db::parameter(backend, row * 24 + c + 1));
        }
        sql.push(')');
        values.extend([
            id.clone().into(),
            ids[*s].as_str().into(),
            mediators[*s].0.clone().into(),
            a.kind.into(),
            a.date.into(),
            (a.duration_min as i32).into(),
            a.place_kind.into(),
            a.place_id.clone().into(),
            a.commune.clone().into(),
            THEMES.set_of(&a.themes).into(),
            a.admin_detail.clone().into(),
            a.admin_outcome.map(str::to_owned).into(),
            (MATERIALS.set_of(&a.materials) as i32).into(),
            a.autonomy.map(str::to_owned).into(),
            a.orientation.map(str::to_owned).into(),
            a.orientation_place_id.clone().into(),
            a.notes.clone().into(),
            a.title.clone().into(),
            a.level.map(str::to_owned).into(),
            (a.participants as i32).into(),
            counts_to_text(&a.counts).into(),
            a.beneficiary_id.clone().into(),
            now.into(),
            now.into(),
        ]);
    }
    db.execute_raw(Statement::from_sql_and_values(backend, sql, values))
        .await?;
    Ok(())
}

async fn write_tallies(
    db: &impl ConnectionTrait,
    tallies: &Tallies,
    ids: &[OrganizationId],
) -> Result<(), DbErr> {
    let rows: Vec<Tally<'_>> = tallies
        .iter()
        .map(
            |((s, month, dimension, value), (activities, minutes, people))| Tally {
                organization_id: ids[*s].as_str(),
                month: month.clone(),
                dimension,
                value: value.clone(),
                activities: *activities,
                minutes: *minutes,
                people: *people,
            },
        )
        .collect();
    add(db, &rows).await
}
