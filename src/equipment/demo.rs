//! `serve --demo`: the Cholet centre's workshop — a company's lot of
//! laptops walked through the bench (one ready with its certificate, one
//! given to a person followed at the end of their path, one lent to a
//! pupil, one in repair) and a smartphone to diagnose — so that every
//! equipment page shows something.

use sea_orm::{DatabaseConnection, DbErr};

use super::intake;
use super::transitions::{self, Refused};
use crate::accounts::User;
use crate::mediation::fields::Fields;

fn fields(pairs: &[(&str, &str)]) -> Fields {
    Fields::from_pairs(
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    )
}

fn failed(refused: Refused) -> DbErr {
    match refused {
        Refused::Database(err) => err,
        other => DbErr::Custom(format!("démo du matériel : {other:?}")),
    }
}

/// Seeds the equipment of `mediator`'s structure.
pub async fn seed(db: &DatabaseConnection, mediator: &User) -> Result<(), DbErr> {
    let today = crate::mediation::today();
    let (_, laptops) = intake::receive_lot(
        db,
        mediator,
        &fields(&[
            ("donor_name", "Mutuelle de l’Anjou"),
            ("donor_kind", "company"),
            ("siren", "732829320"),
            ("contact", "Service informatique, 02 41 00 00 00"),
            ("description", "Renouvellement du parc : portables de 2018"),
            ("count", "4"),
            ("kind", "laptop"),
            ("brand", "Lenovo"),
            ("model", "ThinkPad T480"),
            ("year", "2018"),
            ("processor", "Intel Core i5-8350U"),
            ("memory_gb", "8"),
            ("storage_kind", "ssd"),
            ("storage_gb", "256"),
        ]),
        today,
    )
    .await
    .map_err(failed)?;
    intake::add_device(
        db,
        mediator,
        &fields(&[
            ("kind", "smartphone"),
            ("brand", "Fairphone"),
            ("model", "3"),
            ("notes", "Apporté par une habitante, écran rayé"),
        ]),
        today,
    )
    .await
    .map_err(failed)?;
    let people =
        crate::mediation::people_store::of_structure(db, &mediator.organization_id).await?;
    let walk = [
        ("to", "diagnosed"),
        ("grade", "B"),
        ("findings", "Clavier usé, batterie 78 %"),
    ];
    for (n, device) in laptops.iter().enumerate() {
        let steps: Vec<Vec<(&str, &str)>> = vec![
            walk.to_vec(),
            vec![
                ("to", "wiped"),
                ("method", "purge"),
                ("tool", "nwipe 0.38 (ATA Secure Erase)"),
                ("verified", "true"),
                (
                    "storage_serials",
                    [
                        "S3Z1NB0K102938",
                        "S3Z1NB0K102939",
                        "S3Z1NB0K102940",
                        "S3Z1NB0K102941",
                    ][n],
                ),
            ],
            vec![
                ("to", "refurbished"),
                ("os", "Debian 13"),
                ("checks", "Wi-Fi, webcam, son, clavier"),
            ],
            vec![("to", "ready")],
        ];
        // The fourth stays diagnosed and goes to repair.
        let take = if n == 3 { 1 } else { steps.len() };
        for step in steps.iter().take(take) {
            transitions::record(db, mediator, &device.id, &fields(step), today)
                .await
                .map_err(failed)?;
        }
        let signed = people
            .get(n)
            .map(|p| p.person.pseudonym.clone())
            .unwrap_or_default();
        let person = people.get(n).map(|p| p.id.clone()).unwrap_or_default();
        let due = (today + chrono::Duration::days(60))
            .format("%Y-%m-%d")
            .to_string();
        let last: Vec<(&str, &str)> = match n {
            1 if !person.is_empty() => vec![
                ("to", "given"),
                ("beneficiary_id", &person),
                ("signed_name", &signed),
            ],
            2 if !person.is_empty() => vec![
                ("to", "loaned"),
                ("beneficiary_id", &person),
                ("signed_name", &signed),
                ("due_on", &due),
                ("agreement", "true"),
            ],
            3 => vec![("to", "in_repair"), ("problem", "Charnière d’écran cassée")],
            _ => continue,
        };
        transitions::record(db, mediator, &device.id, &fields(&last), today)
            .await
            .map_err(failed)?;
    }
    if let Some(device) = laptops.get(3) {
        intake::log_repair(
            db,
            mediator,
            &device.id,
            &fields(&[
                ("problem", "Charnière d’écran cassée"),
                ("parts", "Charnière gauche (réemploi)"),
                ("minutes", "45"),
                ("cost", "12,50"),
                ("outcome", "fixed"),
            ]),
            today,
        )
        .await
        .map_err(failed)?;
    }
    requests(
        db,
        mediator,
        laptops.first().map(|d| d.id.as_str()),
        &people,
    )
    .await
}

/// The structure's checklists, a household's request from the public
/// form, a person's path with the first laptop set aside, a social
/// internet offer.
async fn requests(
    db: &DatabaseConnection,
    mediator: &User,
    ready: Option<&str>,
    people: &[crate::mediation::people_store::PersonRecord],
) -> Result<(), DbErr> {
    use super::requests::service::{self, Source};
    let today = crate::mediation::today();
    let mut criteria = Vec::new();
    for label in [
        "Bénéficiaire de minima sociaux",
        "En parcours d’insertion",
        "Élève, apprenti ou étudiant",
    ] {
        criteria.push(
            service::add_criterion(db, mediator, "equipment", &fields(&[("label", label)]))
                .await
                .map_err(failed)?
                .id,
        );
    }
    service::add_criterion(
        db,
        mediator,
        "internet",
        &fields(&[("label", "Bénéficiaire de minima sociaux")]),
    )
    .await
    .map_err(failed)?;
    let organization = &mediator.organization_id;
    service::submit(
        db,
        organization,
        &fields(&[
            ("name", "Nadia"),
            ("phone", "06 00 00 02 00"),
            ("consent", "oui"),
            ("need", "school"),
            ("kind", "laptop"),
            ("household", "1 adulte, 3 enfants dont 2 au collège"),
            ("criteria", &criteria[0]),
            ("criteria", &criteria[2]),
        ]),
        Source::Public,
    )
    .await
    .map_err(failed)?;
    if let (Some(ready), Some(person)) = (ready, people.first()) {
        let request = service::submit(
            db,
            organization,
            &fields(&[
                ("beneficiary_id", &person.id),
                ("need", "job_search"),
                ("kind", "laptop"),
                ("criteria", &criteria[1]),
            ]),
            Source::Staff(mediator),
        )
        .await
        .map_err(failed)?;
        service::start_path(
            db,
            mediator,
            &request.id,
            &fields(&[("device_id", ready), ("path_sessions", "3")]),
            today,
        )
        .await
        .map_err(failed)?;
    }
    let now = crate::db::now();
    super::requests::store::insert_offer(
        db,
        super::requests::store::OfferRecord {
            id: crate::db::new_id(),
            organization_id: organization.as_str().to_owned(),
            name: "Tarif social de l’opérateur local (exemple de démonstration)".into(),
            provider: "À remplacer par les offres que vous connaissez".into(),
            conditions: "Sur justificatif de ressources".into(),
            created_at: now,
            updated_at: now,
        },
    )
    .await
}
