//! `serve --demo`: the Cholet and Angers centres receive by appointment
//! (hours typed as a mediator would), with a few slots already booked.

use chrono::{Duration, Utc};
use sea_orm::{DatabaseConnection, DbErr};

use super::booking;
use super::model::Schedule;
use super::store;
use crate::accounts::User;
use crate::mediation::fields::Fields;
use crate::outbox::worker::Reach;
use crate::workshops::booking::Courier;

/// (place, hours in words, slot minutes) of each centre.
const HOURS: [(&str, &str, u32); 2] = [
    (
        "demo-cholet",
        "mardi et jeudi de 14 h à 17 h, fermé les jours fériés",
        30,
    ),
    (
        "demo-angers",
        "lundi, mercredi et vendredi de 9 h à 12 h, fermé les jours fériés",
        45,
    ),
];

pub async fn seed(db: &DatabaseConnection, users: [&User; 2]) -> Result<(), DbErr> {
    let today = crate::mediation::today();
    let silent = Courier {
        reach: Reach::default(),
        origin: String::new(),
    };
    for (user, (place, hours, slot)) in users.into_iter().zip(HOURS) {
        let mut fields = Fields::default();
        fields.set("hours", hours);
        fields.set("slot_min", slot.to_string());
        fields.set("mediators", user.display_name.clone());
        let schedule =
            Schedule::parse(&fields, today).map_err(|e| DbErr::Custom(format!("{e:?}")))?;
        let saved = store::save_schedule(db, &user.organization_id, place, &schedule).await?;
        // Every other slot of the coming week is booked.
        let slots = booking::slots(&saved, Utc::now(), Utc::now() + Duration::days(7));
        for (n, slot) in slots.iter().step_by(2).take(4).enumerate() {
            let mut request = Fields::default();
            request.set("slot_id", slot.id());
            request.set(
                "reason",
                [
                    "Email",
                    "AideAuxDemarchesAdministratives",
                    "PrendreEnMainDuMateriel",
                    "Sante",
                ][n % 4],
            );
            request.set("name", ["Awa", "Gérard", "Yasmine", "Karim"][n % 4]);
            request.set("phone", format!("06 00 00 01 {n:02}"));
            request.set("consent", "oui");
            booking::book(db, &request, &silent, Utc::now())
                .await
                .map_err(|e| DbErr::Custom(format!("{e:?}")))?;
        }
    }
    Ok(())
}
