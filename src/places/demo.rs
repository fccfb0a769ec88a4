//! Demo places: the three demo social centres, a mobile digital café
//! touring villages (with its stops for the coming weeks), and synthetic places at real commune positions across
//! Maine-et-Loire, so that a search anywhere in the department finds help.

use chrono::NaiveDate;

use super::model::Place;
use super::stops::{Stop, StopForm};
use super::store::StoredPlace;
use super::synthetic;
use crate::organizations::OrganizationId;

/// How many synthetic places the demo adds in Maine-et-Loire.
const SYNTHETIC: usize = 300;

struct Centre {
    id: &'static str,
    nom: &'static str,
    commune: &'static str,
    code_postal: &'static str,
    code_insee: &'static str,
    adresse: &'static str,
    position: (f64, f64),
    telephone: &'static str,
    horaires: &'static str,
}

const CENTRES: [Centre; 3] = [
    Centre {
        id: "demo-cholet",
        nom: "Centre social du Val de Moine",
        commune: "Cholet",
        code_postal: "49300",
        code_insee: "49099",
        adresse: "8 rue du Bois Régnier",
        position: (47.0031, -0.8862),
        telephone: "+33241000001",
        horaires: "Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00; PH off",
    },
    Centre {
        id: "demo-angers",
        nom: "Centre social Saint-Serge",
        commune: "Angers",
        code_postal: "49100",
        code_insee: "49007",
        adresse: "12 avenue Montaigne",
        position: (47.4799, -0.5468),
        telephone: "+33241000002",
        horaires: "Mo-Th 13:30-18:00; Fr 09:00-12:00; PH off",
    },
    Centre {
        id: "demo-saumur",
        nom: "Centre social du Chemin Vert",
        commune: "Saumur",
        code_postal: "49400",
        code_insee: "49328",
        adresse: "3 place du Chemin Vert",
        position: (47.2537, -0.0776),
        telephone: "+33241000003",
        horaires: "Tu-Sa 09:30-12:30,14:00-17:30; PH off",
    },
];

fn centre_place(centre: &Centre) -> Place {
    let mut place = synthetic::places_in(1, 49, Some("49")).remove(0);
    place.id = centre.id.into();
    place.pivot = "W491000000".into();
    place.nom = centre.nom.into();
    place.commune = centre.commune.into();
    place.code_postal = centre.code_postal.into();
    place.code_insee = Some(centre.code_insee.into());
    place.adresse = centre.adresse.into();
    place.latitude = Some(centre.position.0);
    place.longitude = Some(centre.position.1);
    place.telephone = Some(centre.telephone.into());
    place.horaires = Some(centre.horaires.into());
    place.presentation_resume = Some("Accueil sans rendez-vous pour les démarches en ligne, ateliers pour débuter sur ordinateur et smartphone, ordinateurs reconditionnés pour les familles.".into());
    place.structure_parente = Some("Fédération des centres sociaux de Maine-et-Loire".into());
    place.services = vec![
        "Aide aux démarches administratives",
        "Maîtrise des outils numériques du quotidien",
        "Accès internet et matériel informatique",
        "Acquisition de matériel informatique à prix solidaire",
    ];
    place.frais_a_charge = vec!["Gratuit"];
    place.modalites_acces = vec!["Se présenter", "Téléphoner"];
    place.modalites_accompagnement = vec!["Accompagnement individuel", "Dans un atelier collectif"];
    place.source = Some("Maille (démonstration)".into());
    place.date_maj = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap_or_default();
    place
}

fn mobile_cafe() -> Place {
    let mut place = centre_place(&CENTRES[0]);
    place.id = "demo-cafe-mobile".into();
    place.nom = "Café numérique mobile des Mauges".into();
    place.commune = "Beaupréau-en-Mauges".into();
    place.code_postal = "49600".into();
    place.code_insee = Some("49023".into());
    place.adresse = "Place du Marché".into();
    place.latitude = Some(47.2049);
    place.longitude = Some(-0.9886);
    place.itinerance = vec!["Itinérant"];
    place.horaires = Some("We 09:00-12:30; Sa 09:00-12:00".into());
    place.presentation_resume = Some("Un camion aménagé qui s’arrête chaque semaine dans les villages des Mauges : café, connexion, et une médiatrice pour vous aider.".into());
    place.services = vec![
        "Aide aux démarches administratives",
        "Maîtrise des outils numériques du quotidien",
    ];
    place
}

/// The demo places; the centres belong to the demo structures given in
/// order (Cholet, Angers, Saumur).
pub fn places(structures: &[OrganizationId]) -> Vec<StoredPlace> {
    let owned = |place: Place, owner: Option<&OrganizationId>| StoredPlace {
        place,
        organization_id: owner.cloned(),
        position_approximate: false,
    };
    let mut places: Vec<StoredPlace> = CENTRES
        .iter()
        .enumerate()
        .map(|(i, centre)| owned(centre_place(centre), structures.get(i)))
        .collect();
    places.push(owned(mobile_cafe(), structures.first()));
    places.extend(
        synthetic::places_in(SYNTHETIC, 4949, Some("49"))
            .into_iter()
            .map(|mut place| {
                place.id = place.id.replace("synth", "demo-49");
                place.source = Some("Maille (démonstration)".into());
                owned(place, None)
            }),
    );
    places
}

/// The mobile café's tour: Wednesday and Saturday mornings in Mauges
/// villages, for the four weeks from `today`.
pub fn cafe_stops(today: NaiveDate) -> Vec<Stop> {
    use chrono::{Datelike, Days, Weekday};
    const TOUR: [(Weekday, &str, &str, &str, &str); 4] = [
        (
            Weekday::Wed,
            "Place de l’Église",
            "Trémentines",
            "09:00",
            "12:30",
        ),
        (
            Weekday::Sat,
            "Parking de la salle des fêtes",
            "Chemillé-en-Anjou",
            "09:00",
            "12:00",
        ),
        (
            Weekday::Wed,
            "Place du Marché",
            "Montrevault-sur-Èvre",
            "14:00",
            "17:30",
        ),
        (
            Weekday::Sat,
            "Devant la mairie",
            "Sèvremoine",
            "14:00",
            "17:00",
        ),
    ];
    let mut stops = Vec::new();
    for offset in 0..28 {
        let Some(date) = today.checked_add_days(Days::new(offset)) else {
            continue;
        };
        for (day, adresse, commune, debut, fin) in TOUR {
            // Alternate weeks: each village once a fortnight.
            let week = offset / 7;
            let slot = TOUR.iter().position(|t| t.2 == commune).unwrap_or(0) as u64;
            if date.weekday() != day || !(week + slot).is_multiple_of(2) {
                continue;
            }
            let form = StopForm {
                date: date.format("%Y-%m-%d").to_string(),
                debut: debut.into(),
                fin: fin.into(),
                adresse: adresse.into(),
                commune: commune.into(),
                ..StopForm::default()
            };
            if let Ok(stop) = form.parse(
                format!("demo-halte-{}-{commune}", date.format("%Y%m%d")),
                "demo-cafe-mobile",
                today,
            ) {
                stops.push(stop);
            }
        }
    }
    stops
}
