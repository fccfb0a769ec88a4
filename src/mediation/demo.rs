//! `serve --demo`: two believable months of activities in the Cholet and
//! Angers centres, and a few people who agreed to be followed, with goals
//! and progress, so that every mediation page shows something real.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use sea_orm::{ConnectionTrait, DbErr};

use super::activity::{Activity, Counts};
use super::beneficiary::{Assessment, Beneficiary, DEFAULT_PURPOSE, Goal, new_code};
use super::people_store::{self, PersonRecord};
use super::store::{self, ActivityRecord};
use crate::accounts::User;
use crate::db;
use crate::places::synthetic::Dice;

/// (pseudonym, birth year, gender, status, goals, first levels).
const PEOPLE: [(&str, i32, &str, &str, &[&str]); 5] = [
    (
        "Awa",
        1961,
        "Feminin",
        "SansEmploi",
        &[
            "Envoyer un e-mail avec une pièce jointe",
            "Faire sa déclaration de revenus en ligne",
        ],
    ),
    (
        "Gérard",
        1948,
        "Masculin",
        "Retraite",
        &["Appeler ses petits-enfants en visio"],
    ),
    (
        "Yasmine",
        1994,
        "Feminin",
        "EnEmploi",
        &["Mettre à jour son CV et postuler en ligne"],
    ),
    (
        "Jeannine",
        1952,
        "Feminin",
        "Retraite",
        &[
            "Prendre rendez-vous chez le médecin en ligne",
            "Reconnaître un message frauduleux",
        ],
    ),
    (
        "Karim",
        1979,
        "Masculin",
        "SansEmploi",
        &["Créer son espace France Travail"],
    ),
];

/// What a day at the centre looks like: (themes, minutes, materials).
const ROUTINES: [(&[&str], u32, &[&str]); 6] = [
    (&["Email"], 30, &["Ordinateur"]),
    (
        &["AideAuxDemarchesAdministratives", "ArgentImpots"],
        45,
        &["Ordinateur"],
    ),
    (&["PrendreEnMainDuMateriel"], 60, &["Telephone"]),
    (
        &["AideAuxDemarchesAdministratives", "SocialSante"],
        30,
        &["Ordinateur"],
    ),
    (
        &["InsertionProfessionnelle", "Bureautique"],
        60,
        &["Ordinateur"],
    ),
    (&["PreventionEnSecuriteNumerique"], 30, &["Telephone"]),
];

/// Adds the mediation of one structure: `mediator` worked in `place_id`
/// over the two months before `today`. Only for an empty demo database.
pub async fn seed(
    db: &impl ConnectionTrait,
    mediator: &User,
    place_id: Option<String>,
    people: &[usize],
    today: NaiveDate,
    seed: u64,
) -> Result<(), DbErr> {
    let own = &mediator.organization_id;
    let now = db::now();
    let mut dice = Dice::new(seed);
    let mut followed = Vec::new();
    for &index in people {
        let (pseudonym, year, gender, status, goals) = PEOPLE[index];
        let record = PersonRecord {
            id: db::new_id(),
            organization_id: own.clone(),
            code: new_code(),
            person: Beneficiary {
                pseudonym: pseudonym.into(),
                birth_year: Some(year),
                gender: Some(gender_code(gender)),
                social_status: Some(status_code(status)),
                commune: String::new(),
                phone: String::new(),
                email: String::new(),
                consent_purpose: DEFAULT_PURPOSE.into(),
            },
            consent_at: now - Duration::days(60),
            consent_by: mediator.id.as_str().to_owned(),
            last_activity_on: None,
            created_at: now - Duration::days(60),
            updated_at: now,
        };
        people_store::insert(db, &record).await?;
        for (g, text) in goals.iter().enumerate() {
            let status = if g == 0 && index % 2 == 0 {
                "Atteint"
            } else {
                "EnCours"
            };
            people_store::add_goal(
                db,
                own,
                &record.id,
                &Goal {
                    text: (*text).into(),
                    status,
                },
            )
            .await?;
        }
        for (competence, start) in [("2.1", 1u8), ("1.1", 1), ("4.2", 1), ("5.1", 2)] {
            for (weeks_ago, gain, assessor) in [
                (8, 0, "Personne"),
                (8, 0, "Mediateur"),
                (1, 1 + (index as u8 % 2), "Mediateur"),
            ] {
                let assessment = Assessment {
                    competence,
                    level: start + gain,
                    assessor,
                    assessed_on: today - Duration::weeks(weeks_ago),
                };
                people_store::add_assessment(db, own, &record.id, &assessment).await?;
            }
        }
        followed.push(record);
    }
    let mut day = today - Duration::days(60);
    while day <= today {
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
            for slot in 0..(2 + dice.below(4)) {
                let routine = ROUTINES[dice.below(ROUTINES.len() as u64) as usize];
                let person = (slot == 0 && !followed.is_empty())
                    .then(|| &followed[dice.below(followed.len() as u64) as usize]);
                let workshop = day.weekday() == Weekday::Thu && slot == 1;
                let activity =
                    demo_activity(&mut dice, day, routine, workshop, place_id.clone(), person);
                store::insert(
                    db,
                    &ActivityRecord {
                        id: db::new_id(),
                        organization_id: own.clone(),
                        mediator_id: mediator.id.as_str().to_owned(),
                        activity,
                        created_at: now,
                        updated_at: now,
                    },
                )
                .await?;
                if let Some(person) = person {
                    people_store::came_on(db, own, &person.id, day).await?;
                }
            }
        }
        day += Duration::days(1);
    }
    Ok(())
}

fn gender_code(code: &str) -> &'static str {
    super::vocabulary::GENDERS
        .find(code)
        .unwrap_or("NonCommunique")
}

fn status_code(code: &str) -> &'static str {
    super::vocabulary::SOCIAL_STATUSES
        .find(code)
        .unwrap_or("NonCommunique")
}

fn demo_activity(
    dice: &mut Dice,
    date: NaiveDate,
    (themes, minutes, materials): (&[&str], u32, &[&str]),
    workshop: bool,
    place_id: Option<String>,
    person: Option<&PersonRecord>,
) -> Activity {
    let find = |list: super::vocabulary::List, codes: &[&str]| {
        codes
            .iter()
            .filter_map(|c| list.find(c))
            .collect::<Vec<_>>()
    };
    let mut counts = Counts::new();
    let participants = if workshop {
        6 + dice.below(5) as u32
    } else {
        1
    };
    if workshop {
        let bands = counts.entry("age_bands").or_default();
        bands.insert("SoixanteSoixanteNeuf", participants / 2);
        bands.insert("SoixanteDixPlus", participants - participants / 2);
        counts
            .entry("social_statuses")
            .or_default()
            .insert("Retraite", participants);
    } else if let Some(p) = person {
        counts
            .entry("age_bands")
            .or_default()
            .insert(p.person.age_band(date), 1);
        if let Some(status) = p.person.social_status {
            counts
                .entry("social_statuses")
                .or_default()
                .insert(status, 1);
        }
        if let Some(gender) = p.person.gender {
            counts.entry("genders").or_default().insert(gender, 1);
        }
    }
    let administrative = themes.contains(&"AideAuxDemarchesAdministratives");
    Activity {
        kind: if workshop { "Collectif" } else { "Individuel" },
        date,
        duration_min: if workshop { 90 } else { minutes },
        place_kind: if place_id.is_some() {
            "LieuActivite"
        } else {
            "ADistance"
        },
        place_id,
        commune: String::new(),
        themes: if workshop {
            vec!["PrendreEnMainDuMateriel", "Email"]
                .into_iter()
                .filter_map(|t| super::vocabulary::THEMES.find(t))
                .collect()
        } else {
            find(super::vocabulary::THEMES, themes)
        },
        admin_detail: if administrative && !workshop {
            "Démarche accompagnée pas à pas".into()
        } else {
            String::new()
        },
        admin_outcome: (administrative && !workshop)
            .then(|| ["Finalisee", "DoitRevenir", "AFinaliserEnAutonomie"][dice.below(3) as usize]),
        materials: if workshop {
            vec!["Tablette"]
        } else {
            find(super::vocabulary::MATERIALS, materials)
        },
        autonomy: Some(
            ["EntierementAccompagne", "PartiellementAutonome", "Autonome"][dice.below(3) as usize],
        ),
        orientation: (dice.below(12) == 0).then_some("AideSociale"),
        orientation_place_id: None,
        notes: String::new(),
        title: if workshop {
            "Premiers pas sur la tablette".into()
        } else {
            String::new()
        },
        level: workshop.then_some("Debutant"),
        participants,
        counts,
        beneficiary_id: if workshop {
            None
        } else {
            person.map(|p| p.id.clone())
        },
    }
}
