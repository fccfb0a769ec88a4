//! Builders of valid places and of national-schema files.

use maille::places::vocabulary;
use maille::places::{COLUMNS, Place};

/// The project's deterministic generator: the same seed replays a failure.
pub use maille::places::synthetic::Dice;

/// A valid place; `n` makes its id and name unique, `dice` varies the rest.
pub fn place(n: usize, dice: &mut Dice) -> Place {
    let lat = 43.0 + dice.below(5000) as f64 / 1000.0;
    let lon = -1.0 + dice.below(6000) as f64 / 1000.0;
    Place {
        id: format!("lieu-{n}"),
        pivot: format!("{:014}", 10_000_000_000_000 + n as u64),
        nom: format!("Espace numérique « n° {n} », l’accueil"),
        commune: "Cholet".into(),
        code_postal: "49300".into(),
        code_insee: (dice.below(2) == 0).then(|| "49099".into()),
        adresse: format!("{n} rue de la Paix"),
        complement_adresse: (dice.below(2) == 0)
            .then(|| "Bâtiment B, 1er étage; entrée \"Nord\"".into()),
        latitude: Some(lat),
        longitude: Some(lon),
        typologie: if dice.below(2) == 0 {
            vec!["CS".into(), "ASSO".into()]
        } else {
            vec![]
        },
        telephone: (dice.below(2) == 0).then(|| "+33241000000".into()),
        courriels: vec![format!("contact{n}@exemple.fr")],
        site_web: vec![],
        horaires: (dice.below(2) == 0).then(|| "Mo-Fr 09:00-12:00,14:00-17:00; PH off".into()),
        presentation_resume: Some("Accueil, démarches, ateliers.\nSur deux lignes.".into()),
        presentation_detail: None,
        source: Some("Maille".into()),
        itinerance: dice.some_of(vocabulary::ITINERANCY, 3),
        structure_parente: None,
        date_maj: chrono::NaiveDate::from_ymd_opt(
            2026,
            1 + dice.below(12) as u32,
            1 + dice.below(28) as u32,
        )
        .unwrap(),
        services: dice.some_of(vocabulary::SERVICES, 3),
        publics_specifiquement_adresses: dice.some_of(vocabulary::PUBLICS, 3),
        prise_en_charge_specifique: dice.some_of(vocabulary::SPECIFIC_SUPPORT, 3),
        frais_a_charge: dice.some_of(vocabulary::FEES, 3),
        dispositif_programmes_nationaux: dice.some_of(vocabulary::NATIONAL_PROGRAMMES, 3),
        formations_labels: dice.some_of(vocabulary::TRAININGS_LABELS, 3),
        autres_formations_labels: None,
        modalites_acces: dice.some_of(vocabulary::ACCESS_MODES, 3),
        modalites_accompagnement: dice.some_of(vocabulary::SUPPORT_MODES, 3),
        fiche_acces_libre: None,
        prise_rdv: (dice.below(2) == 0).then(|| "https://rdv.exemple.fr/".into()),
    }
}

/// A CSV file in the schema: the header, then `rows` as given (already joined).
pub fn csv_file(rows: &[String]) -> String {
    let mut file = COLUMNS.join(",");
    for row in rows {
        file.push('\n');
        file.push_str(row);
    }
    file.push('\n');
    file
}

/// One CSV row for `place`, with `column` replaced by `value`.
pub fn csv_row_with(place: &Place, column: &str, value: &str) -> String {
    let mut writer = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(Vec::new());
    writer
        .write_record(maille::places::Field::ALL.map(|field| {
            if field.name() == column {
                value.to_owned()
            } else {
                place.column(field)
            }
        }))
        .unwrap();
    String::from_utf8(writer.into_inner().unwrap())
        .unwrap()
        .trim_end()
        .to_owned()
}

/// Imports `file` as the command line would.
pub async fn import_file(
    db: &sea_orm::DatabaseConnection,
    file: &[u8],
    format: maille::places::import::Format,
    dry_run: bool,
) -> Result<maille::places::import::ImportReport, maille::places::import::ImportError> {
    let importer = maille::places::import::Importer {
        actor: maille::journal::Actor::CommandLine,
        file_name: "lieux.csv",
    };
    maille::places::import::run(
        db,
        std::io::Cursor::new(file.to_vec()),
        format,
        dry_run,
        importer,
    )
    .await
}

/// Imports a CSV `file`, which must be readable.
pub async fn import_csv(
    db: &sea_orm::DatabaseConnection,
    file: &[u8],
) -> maille::places::import::ImportReport {
    import_file(db, file, maille::places::import::Format::Csv, false)
        .await
        .unwrap()
}
