//! A small file in the format of the Base Adresse Nationale (the columns
//! and separator of adresse.data.gouv.fr's `adresses-49.csv.gz`), built by
//! the tests: Rue Nationale in Cholet, even and odd numbers along it, and
//! Avenue du Maréchal Foch in Angers.

use std::io::Write;

use flate2::Compression;
use flate2::write::GzEncoder;

/// The BAN's header, every column in its order.
pub const HEADER: &str = "id;id_fantoir;numero;rep;nom_voie;code_postal;code_insee;nom_commune;code_insee_ancienne_commune;nom_ancienne_commune;x;y;lon;lat;type_position;alias;nom_ld;libelle_acheminement;nom_afnor;source_position;source_nom_voie;certification_commune;cad_parcelles";

/// Where number `n` of Cholet's Rue Nationale stands: the street runs
/// north, 7 km from the commune's reference point.
pub fn rue_nationale(n: u32) -> (f64, f64) {
    (47.0580 + f64::from(n) * 0.0001, -0.8800)
}

/// A street: its name, postcode, INSEE code and commune.
type Street<'a> = (&'a str, &'a str, &'a str, &'a str);

const NATIONALE: Street = ("Rue Nationale", "49300", "49099", "Cholet");
const FOCH: Street = ("Avenue du Maréchal Foch", "49000", "49007", "Angers");

fn row(id: &str, numero: u32, rep: &str, street: Street, (lat, lon): (f64, f64)) -> String {
    let (voie, postcode, insee, commune) = street;
    format!(
        "{id};{insee}_0001;{numero};{rep};{voie};{postcode};{insee};{commune};;;0;0;{lon};{lat};entrée;;;{};{};commune;commune;1;",
        commune.to_uppercase(),
        voie.to_uppercase()
    )
}

/// The file as text: Rue Nationale 1–40 (without 13), 12 bis, Avenue du
/// Maréchal Foch 1–20, and one row with an unreadable number.
pub fn ban_csv() -> String {
    let mut lines = vec![HEADER.to_owned()];
    for n in (1..=40).filter(|n| *n != 13) {
        lines.push(row(
            &format!("49099_0001_{n:05}"),
            n,
            "",
            NATIONALE,
            rue_nationale(n),
        ));
    }
    lines.push(row(
        "49099_0001_00012_bis",
        12,
        "bis",
        NATIONALE,
        (47.0593, -0.8799),
    ));
    for n in 1..=20 {
        lines.push(row(
            &format!("49007_0002_{n:05}"),
            n,
            "",
            FOCH,
            (47.4700 + f64::from(n) * 0.0001, -0.5500),
        ));
    }
    lines.push(
        "49099_9999_00001;x;douze;;Rue Cassée;49300;49099;Cholet;;;0;0;-0.88;47.06;entrée;;;;;;;;"
            .to_owned(),
    );
    lines.join("\n") + "\n"
}

/// The same, gzip-compressed as the BAN publishes it.
pub fn ban_csv_gz() -> Vec<u8> {
    let mut gz = GzEncoder::new(Vec::new(), Compression::fast());
    gz.write_all(ban_csv().as_bytes()).unwrap();
    gz.finish().unwrap()
}
