//! `serve --demo`: a believable workshop catalogue — two media-education
//! games among the formats —, sessions in the coming weeks in the Cholet
//! and Angers centres and at the mobile café's stops, and one game already
//! full with people waiting, so that every workshop page shows something.

use chrono::{Datelike, Duration, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Europe::Paris;
use sea_orm::{DatabaseConnection, DbErr};

use super::booking::{self, Courier, Source};
use super::planning;
use crate::accounts::User;
use crate::mediation::fields::Fields;
use crate::outbox::worker::Reach;

/// (title, description, themes, minutes, seats, game kind).
type FormatLine = (
    &'static str,
    &'static str,
    &'static [&'static str],
    u32,
    u32,
    Option<&'static str>,
);

const CHOLET: [FormatLine; 3] = [
    (
        "Escape game : mes données personnelles",
        "En équipe, vous avez une heure pour sortir d’une pièce en trouvant où vos données se cachent : applications, réseaux sociaux, cartes de fidélité. On en parle ensuite autour d’un café.",
        &["CultureNumerique", "PreventionEnSecuriteNumerique"],
        120,
        8,
        Some("EscapeGame"),
    ),
    (
        "Murder party : le cyberharcèlement",
        "Une enquête à plusieurs pour comprendre comment le harcèlement en ligne commence, et comment l’arrêter. Pour les jeunes à partir de 12 ans et leurs parents.",
        &["CultureNumerique", "Parentalite"],
        150,
        16,
        Some("MurderParty"),
    ),
    (
        "Premiers pas sur le smartphone",
        "Allumer, appeler, envoyer une photo à ses petits-enfants : on apprend sur son propre téléphone, à son rythme.",
        &["PrendreEnMainDuMateriel"],
        90,
        6,
        None,
    ),
];

const ANGERS: [FormatLine; 2] = [
    (
        "Mon identité en ligne",
        "Mots de passe, comptes, ce que les autres voient de moi : un atelier pour reprendre la main.",
        &["PreventionEnSecuriteNumerique"],
        120,
        10,
        None,
    ),
    (
        "Démarches en ligne : CAF et France Travail",
        "Créer son compte, retrouver ses documents, suivre un dossier : chacun vient avec sa démarche.",
        &["AideAuxDemarchesAdministratives"],
        120,
        8,
        None,
    ),
];

/// Registrations made by the demo send nothing.
fn silent() -> Courier {
    Courier {
        reach: Reach::default(),
        origin: String::new(),
    }
}

fn format_fields(line: &FormatLine) -> Fields {
    let (title, description, themes, minutes, seats, game) = *line;
    let mut fields = Fields::default();
    fields.set("title", title);
    fields.set("description", description);
    for theme in themes {
        fields.add("themes", *theme);
    }
    fields.set("duration_min", minutes.to_string());
    fields.set("capacity", seats.to_string());
    if let Some(game) = game {
        fields.set("game_kind", game);
    }
    fields
}

/// The next `weekday` after today, at `hour`, `weeks` weeks later, as RFC 3339.
fn next(weekday: Weekday, hour: u32, weeks: i64) -> String {
    let today = crate::mediation::today();
    let ahead = (7 + weekday.num_days_from_monday() as i64
        - today.weekday().num_days_from_monday() as i64)
        % 7;
    let day = today + Duration::days(if ahead == 0 { 7 } else { ahead } + 7 * weeks);
    let time = NaiveTime::from_hms_opt(hour, 0, 0).unwrap_or_default();
    Paris
        .from_local_datetime(&day.and_time(time))
        .earliest()
        .map(|at| at.with_timezone(&Utc).to_rfc3339())
        .unwrap_or_default()
}

async fn plan(
    db: &DatabaseConnection,
    user: &User,
    format_id: &str,
    starts_at: Option<String>,
    venue: Option<(&str, Option<&str>)>,
) -> Result<super::store::SessionRecord, DbErr> {
    let mut fields = Fields::default();
    fields.set("format_id", format_id);
    if let Some(at) = starts_at {
        fields.set("starts_at", at);
    }
    if let Some((place, stop)) = venue {
        fields.set("place_id", place);
        if let Some(stop) = stop {
            fields.set("stop_id", stop);
        }
    }
    fields.set("mediators", user.display_name.clone());
    planning::plan_session(db, user, &fields, Utc::now())
        .await
        .map_err(|e| DbErr::Custom(format!("{e:?}")))
}

/// Adds the catalogue and sessions of the two mediators `cholet` and `angers`.
pub async fn seed(db: &DatabaseConnection, cholet: &User, angers: &User) -> Result<(), DbErr> {
    let mut ids = Vec::new();
    for (user, lines) in [(cholet, &CHOLET[..]), (angers, &ANGERS[..])] {
        for line in lines {
            let format = planning::add_format(db, user, &format_fields(line))
                .await
                .map_err(|e| DbErr::Custom(format!("{e:?}")))?;
            ids.push(format.id);
        }
    }
    let at_cholet = Some(("demo-cholet", None));
    let at_angers = Some(("demo-angers", None));
    let escape = plan(
        db,
        cholet,
        &ids[0],
        Some(next(Weekday::Wed, 14, 0)),
        at_cholet,
    )
    .await?;
    plan(
        db,
        cholet,
        &ids[1],
        Some(next(Weekday::Fri, 17, 1)),
        at_cholet,
    )
    .await?;
    plan(
        db,
        cholet,
        &ids[0],
        Some(next(Weekday::Wed, 14, 2)),
        at_cholet,
    )
    .await?;
    plan(
        db,
        angers,
        &ids[3],
        Some(next(Weekday::Tue, 10, 0)),
        at_angers,
    )
    .await?;
    plan(
        db,
        angers,
        &ids[4],
        Some(next(Weekday::Thu, 14, 1)),
        at_angers,
    )
    .await?;
    // The mobile café teaches smartphones at its next three stops.
    let stops = crate::places::stops::store::of_place(
        db,
        "demo-cafe-mobile",
        crate::mediation::today() + Duration::days(1),
    )
    .await?;
    for stop in stops.iter().take(3) {
        plan(
            db,
            cholet,
            &ids[2],
            None,
            Some(("demo-cafe-mobile", Some(&stop.id))),
        )
        .await?;
    }
    // The escape game is full, three people wait.
    let names = [
        "Awa", "Gérard", "Yasmine", "Lucas", "Nadia", "Paul", "Inès", "Mathis", "Chantal", "Hugo",
        "Fatou",
    ];
    for (n, name) in names.iter().enumerate() {
        let mut fields = Fields::default();
        fields.set("name", *name);
        fields.set("phone", format!("06 00 00 00 {n:02}"));
        fields.set("consent", "oui");
        booking::register(db, &escape, &fields, Source::Staff, &silent())
            .await
            .map_err(|e| DbErr::Custom(format!("{e:?}")))?;
    }
    Ok(())
}
