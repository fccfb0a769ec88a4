//! A place in the terms of the national schema v1.0.2, every field, parsed
//! from one row (CSV or JSON) with an explanation per refused field.
//! Pure domain: no I/O.

use chrono::NaiveDate;

use super::vocabulary::{self, Vocabulary};
use crate::validation::FieldError;

/// A place as Maille holds it: the schema's fields, multi-valued ones as lists.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    pub id: String,
    pub pivot: String,
    pub nom: String,
    pub commune: String,
    pub code_postal: String,
    pub code_insee: Option<String>,
    pub adresse: String,
    pub complement_adresse: Option<String>,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub typologie: Vec<String>,
    pub telephone: Option<String>,
    pub courriels: Vec<String>,
    pub site_web: Vec<String>,
    pub horaires: Option<String>,
    pub presentation_resume: Option<String>,
    pub presentation_detail: Option<String>,
    pub source: Option<String>,
    pub itinerance: Vec<&'static str>,
    pub structure_parente: Option<String>,
    pub date_maj: NaiveDate,
    pub services: Vec<&'static str>,
    pub publics_specifiquement_adresses: Vec<&'static str>,
    pub prise_en_charge_specifique: Vec<&'static str>,
    pub frais_a_charge: Vec<&'static str>,
    pub dispositif_programmes_nationaux: Vec<&'static str>,
    pub formations_labels: Vec<&'static str>,
    pub autres_formations_labels: Option<String>,
    pub modalites_acces: Vec<&'static str>,
    pub modalites_accompagnement: Vec<&'static str>,
    pub fiche_acces_libre: Option<String>,
    pub prise_rdv: Option<String>,
}

/// The schema's columns, in its order: the CSV header Maille writes and expects.
pub const COLUMNS: [&str; 32] = [
    "id",
    "pivot",
    "nom",
    "commune",
    "code_postal",
    "code_insee",
    "adresse",
    "complement_adresse",
    "latitude",
    "longitude",
    "typologie",
    "telephone",
    "courriels",
    "site_web",
    "horaires",
    "presentation_resume",
    "presentation_detail",
    "source",
    "itinerance",
    "structure_parente",
    "date_maj",
    "services",
    "publics_specifiquement_adresses",
    "prise_en_charge_specifique",
    "frais_a_charge",
    "dispositif_programmes_nationaux",
    "formations_labels",
    "autres_formations_labels",
    "modalites_acces",
    "modalites_accompagnement",
    "fiche_acces_libre",
    "prise_rdv",
];

/// Reads the fields of one row, collecting every error rather than stopping
/// at the first, so a person fixes a file in one pass.
struct Row<'a> {
    get: &'a dyn Fn(&str) -> Option<String>,
    errors: Vec<FieldError>,
}

impl Row<'_> {
    /// The trimmed value; empty means missing (the schema's missing value is "").
    fn optional(&self, field: &'static str) -> Option<String> {
        (self.get)(field)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    }

    fn refuse(&mut self, field: &'static str, value: &str, key: &'static str) {
        self.errors
            .push(FieldError::new(field, key).with_value(value));
    }

    fn required(&mut self, field: &'static str) -> String {
        let value = self.optional(field);
        if value.is_none() {
            self.refuse(field, "", "place-required");
        }
        value.unwrap_or_default()
    }

    fn checked(
        &mut self,
        field: &'static str,
        value: Option<String>,
        ok: fn(&str) -> bool,
        key: &'static str,
    ) -> Option<String> {
        match value {
            Some(v) if !ok(&v) => {
                self.refuse(field, &v, key);
                None
            }
            other => other,
        }
    }

    fn list(&self, field: &'static str) -> Vec<String> {
        self.optional(field)
            .map(|v| {
                v.split('|')
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default()
    }

    fn enumerated(&mut self, vocabulary: Vocabulary) -> Vec<&'static str> {
        let Some(raw) = self.optional(vocabulary.field) else {
            return Vec::new();
        };
        let mut values = Vec::new();
        for part in raw.split('|') {
            match vocabulary.find(part) {
                Some(v) if !values.contains(&v) => values.push(v),
                Some(_) => {}
                None => {
                    // Report the whole cell, as the person sees it in their file.
                    self.refuse(vocabulary.field, &raw, "place-value-not-in-list");
                    return Vec::new();
                }
            }
        }
        values
    }

    fn coordinate(&mut self, field: &'static str, range: f64) -> Option<f64> {
        let raw = self.optional(field)?;
        match raw.parse::<f64>() {
            Ok(v) if v.is_finite() && v.abs() <= range => Some(v),
            _ => {
                self.refuse(
                    field,
                    &raw,
                    if field == "latitude" {
                        "place-latitude"
                    } else {
                        "place-longitude"
                    },
                );
                None
            }
        }
    }
}

fn is_pivot(v: &str) -> bool {
    (9..=14).contains(&v.len()) && v.bytes().all(|b| b.is_ascii_alphanumeric())
}

fn is_postcode(v: &str) -> bool {
    v.len() == 5 && v.bytes().all(|b| b.is_ascii_digit())
}

/// `^([013-9]\d|2[AB1-9])\d{3}$`
fn is_insee_code(v: &str) -> bool {
    let b = v.as_bytes();
    if b.len() != 5 || !b[2..].iter().all(u8::is_ascii_digit) {
        return false;
    }
    match b[0] {
        b'0' | b'1' | b'3'..=b'9' => b[1].is_ascii_digit(),
        b'2' => matches!(b[1], b'A' | b'B' | b'1'..=b'9'),
        _ => false,
    }
}

/// `^(\+33|\+590|\+594|\+262|\+596|\+269|\+687|\+689|\+508|\+681)(\d){6,9}$`
fn is_phone(v: &str) -> bool {
    const PREFIXES: [&str; 10] = [
        "+33", "+590", "+594", "+262", "+596", "+269", "+687", "+689", "+508", "+681",
    ];
    // A prefix may be followed by digits that also start another prefix
    // ("+33" then "590…"): accept if any prefix leaves 6 to 9 digits.
    PREFIXES.iter().any(|prefix| {
        v.strip_prefix(prefix).is_some_and(|rest| {
            (6..=9).contains(&rest.len()) && rest.bytes().all(|b| b.is_ascii_digit())
        })
    })
}

fn is_short_summary(v: &str) -> bool {
    v.chars().count() <= 280
}

/// The fields people write freely (not a code, a number, a date or a value
/// of a closed list): text there must not start like a spreadsheet formula.
const FREE_TEXT: [&str; 16] = [
    "id",
    "nom",
    "commune",
    "adresse",
    "complement_adresse",
    "typologie",
    "courriels",
    "site_web",
    "horaires",
    "presentation_resume",
    "presentation_detail",
    "source",
    "structure_parente",
    "autres_formations_labels",
    "fiche_acces_libre",
    "prise_rdv",
];

/// Whether people write `column` freely (see [`FREE_TEXT`]).
pub fn is_free_text(column: &str) -> bool {
    FREE_TEXT.contains(&column)
}

impl Place {
    /// Parses one row typed or sent by someone (a form, an import); `get`
    /// returns a column's raw text (None when absent). Free text that a
    /// spreadsheet would run as a formula is refused.
    pub fn parse(get: &dyn Fn(&str) -> Option<String>) -> Result<Place, Vec<FieldError>> {
        let place = Self::parse_stored(get);
        let formulas: Vec<FieldError> = FREE_TEXT
            .iter()
            .filter_map(|field| {
                let value = get(field)?;
                let value = value.trim();
                crate::text::starts_like_formula(value)
                    .then(|| FieldError::new(field, "text-formula").with_value(value))
            })
            .collect();
        match place {
            Ok(_) if !formulas.is_empty() => Err(formulas),
            Err(mut errors) => {
                errors.extend(formulas);
                Err(errors)
            }
            ok => ok,
        }
    }

    /// Parses a row read back from the database: the same rules, but text
    /// stored before formulas were refused still loads (exports defuse it).
    pub fn parse_stored(get: &dyn Fn(&str) -> Option<String>) -> Result<Place, Vec<FieldError>> {
        let mut row = Row {
            get,
            errors: Vec::new(),
        };
        let id = row.required("id");
        let pivot_raw = row.required("pivot");
        let pivot = row
            .checked("pivot", Some(pivot_raw), is_pivot, "place-pivot")
            .unwrap_or_default();
        let nom = row.required("nom");
        let commune = row.required("commune");
        let code_postal_raw = row.required("code_postal");
        let code_postal = row
            .checked(
                "code_postal",
                Some(code_postal_raw),
                is_postcode,
                "place-postcode",
            )
            .unwrap_or_default();
        let code_insee = row.optional("code_insee");
        let code_insee = row.checked("code_insee", code_insee, is_insee_code, "place-insee-code");
        let adresse = row.required("adresse");
        let latitude = row.coordinate("latitude", 90.0);
        let longitude = row.coordinate("longitude", 180.0);
        let telephone = row.optional("telephone");
        let telephone = row.checked("telephone", telephone, is_phone, "place-phone");
        let resume = row.optional("presentation_resume");
        let presentation_resume = row.checked(
            "presentation_resume",
            resume,
            is_short_summary,
            "place-summary-too-long",
        );
        let date_raw = row.required("date_maj");
        let date_maj = match NaiveDate::parse_from_str(&date_raw, "%Y-%m-%d") {
            Ok(date) => Some(date),
            Err(_) if date_raw.is_empty() => None,
            Err(_) => {
                row.refuse("date_maj", &date_raw, "place-date");
                None
            }
        };
        let place = Place {
            pivot,
            nom,
            commune,
            code_postal,
            code_insee,
            adresse,
            complement_adresse: row.optional("complement_adresse"),
            latitude,
            longitude,
            typologie: row.list("typologie"),
            telephone,
            courriels: row.list("courriels"),
            site_web: row.list("site_web"),
            horaires: row.optional("horaires"),
            presentation_resume,
            presentation_detail: row.optional("presentation_detail"),
            source: row.optional("source"),
            itinerance: row.enumerated(vocabulary::ITINERANCY),
            structure_parente: row.optional("structure_parente"),
            date_maj: date_maj.unwrap_or_default(),
            services: row.enumerated(vocabulary::SERVICES),
            publics_specifiquement_adresses: row.enumerated(vocabulary::PUBLICS),
            prise_en_charge_specifique: row.enumerated(vocabulary::SPECIFIC_SUPPORT),
            frais_a_charge: row.enumerated(vocabulary::FEES),
            dispositif_programmes_nationaux: row.enumerated(vocabulary::NATIONAL_PROGRAMMES),
            formations_labels: row.enumerated(vocabulary::TRAININGS_LABELS),
            autres_formations_labels: row.optional("autres_formations_labels"),
            modalites_acces: row.enumerated(vocabulary::ACCESS_MODES),
            modalites_accompagnement: row.enumerated(vocabulary::SUPPORT_MODES),
            fiche_acces_libre: row.optional("fiche_acces_libre"),
            prise_rdv: row.optional("prise_rdv"),
            id,
        };
        if row.errors.is_empty() {
            Ok(place)
        } else {
            Err(row.errors)
        }
    }

    /// The value of `column` as the schema writes it ("" when missing).
    pub fn column(&self, column: &str) -> String {
        fn opt(v: &Option<String>) -> String {
            v.clone().unwrap_or_default()
        }
        fn coordinate(v: Option<f64>) -> String {
            v.map(|v| v.to_string()).unwrap_or_default()
        }
        match column {
            "id" => self.id.clone(),
            "pivot" => self.pivot.clone(),
            "nom" => self.nom.clone(),
            "commune" => self.commune.clone(),
            "code_postal" => self.code_postal.clone(),
            "code_insee" => opt(&self.code_insee),
            "adresse" => self.adresse.clone(),
            "complement_adresse" => opt(&self.complement_adresse),
            "latitude" => coordinate(self.latitude),
            "longitude" => coordinate(self.longitude),
            "typologie" => self.typologie.join("|"),
            "telephone" => opt(&self.telephone),
            "courriels" => self.courriels.join("|"),
            "site_web" => self.site_web.join("|"),
            "horaires" => opt(&self.horaires),
            "presentation_resume" => opt(&self.presentation_resume),
            "presentation_detail" => opt(&self.presentation_detail),
            "source" => opt(&self.source),
            "itinerance" => self.itinerance.join("|"),
            "structure_parente" => opt(&self.structure_parente),
            "date_maj" => self.date_maj.format("%Y-%m-%d").to_string(),
            "services" => self.services.join("|"),
            "publics_specifiquement_adresses" => self.publics_specifiquement_adresses.join("|"),
            "prise_en_charge_specifique" => self.prise_en_charge_specifique.join("|"),
            "frais_a_charge" => self.frais_a_charge.join("|"),
            "dispositif_programmes_nationaux" => self.dispositif_programmes_nationaux.join("|"),
            "formations_labels" => self.formations_labels.join("|"),
            "autres_formations_labels" => opt(&self.autres_formations_labels),
            "modalites_acces" => self.modalites_acces.join("|"),
            "modalites_accompagnement" => self.modalites_accompagnement.join("|"),
            "fiche_acces_libre" => opt(&self.fiche_acces_libre),
            "prise_rdv" => opt(&self.prise_rdv),
            _ => String::new(),
        }
    }
}

#[cfg(test)]
#[path = "model_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "model_props.rs"]
mod props;
