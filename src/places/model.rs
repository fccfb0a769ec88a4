//! A place in the terms of the national schema v1.0.2, every field, parsed
//! from one row (CSV or JSON) with an explanation per refused field. The
//! fields and their constraints are the table in [`super::field`].
//! Pure domain: no I/O.

use chrono::NaiveDate;

use super::field::{Field, Kind};
use super::hours::understand;
use crate::validation::FieldError;

/// A place as Maille holds it: the schema's fields, multi-valued ones as lists.
#[derive(Clone, Debug, Default, PartialEq)]
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
pub const COLUMNS: [&str; 32] = {
    let mut names = [""; 32];
    let mut i = 0;
    while i < Field::ALL.len() {
        names[i] = Field::ALL[i].name();
        i += 1;
    }
    names
};

/// One field's value in a place, typed by its kind.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Value<'a> {
    /// Text, empty when missing.
    Text(&'a str),
    /// Free values of a multi-valued field.
    List(&'a [String]),
    /// Values of a closed list.
    Closed(&'a [&'static str]),
    /// A coordinate, if known.
    Number(Option<f64>),
    /// A day.
    Day(NaiveDate),
}

impl Value<'_> {
    /// Whether the schema would write the value as "".
    pub fn is_empty(&self) -> bool {
        match self {
            Self::Text(text) => text.is_empty(),
            Self::List(values) => values.is_empty(),
            Self::Closed(values) => values.is_empty(),
            Self::Number(number) => number.is_none(),
            Self::Day(_) => false,
        }
    }

    /// The value as the schema writes it: lists `|`-joined, "" when missing.
    pub fn to_text(&self) -> String {
        match self {
            Self::Text(text) => (*text).to_owned(),
            Self::List(values) => values.join("|"),
            Self::Closed(values) => values.join("|"),
            Self::Number(number) => number.map(|n| n.to_string()).unwrap_or_default(),
            Self::Day(day) => day.format("%Y-%m-%d").to_string(),
        }
    }
}

/// One field as read from a row, checked against its kind.
enum Parsed {
    Text(Option<String>),
    List(Vec<String>),
    Closed(Vec<&'static str>),
    Number(Option<f64>),
    Day(Option<NaiveDate>),
}

/// Reads the fields of one row, collecting every error rather than stopping
/// at the first, so a person fixes a file in one pass.
struct RowReader<'a> {
    get: &'a dyn Fn(Field) -> Option<String>,
    errors: Vec<FieldError>,
}

impl RowReader<'_> {
    /// The trimmed value; empty means missing (the schema's missing value is "").
    fn raw(&self, field: Field) -> Option<String> {
        (self.get)(field)
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    }

    fn refuse(&mut self, field: Field, value: &str, key: &'static str) {
        self.errors
            .push(FieldError::new(field.name(), key).with_value(value));
    }

    /// `field` checked against its kind (see [`Field::kind`]).
    fn read(&mut self, field: Field) -> Parsed {
        let raw = self.raw(field);
        match field.kind() {
            Kind::Text {
                required,
                max_chars,
            } => match (raw, max_chars) {
                (None, _) if required => {
                    self.refuse(field, "", "place-required");
                    Parsed::Text(None)
                }
                (Some(text), Some((max, key))) if text.chars().count() > max => {
                    self.refuse(field, &text, key);
                    Parsed::Text(None)
                }
                (text, _) => Parsed::Text(text),
            },
            Kind::Code { required, ok, key } => match raw {
                None if required => {
                    self.refuse(field, "", "place-required");
                    Parsed::Text(None)
                }
                Some(code) if !ok(&code) => {
                    self.refuse(field, &code, key);
                    Parsed::Text(None)
                }
                code => Parsed::Text(code),
            },
            Kind::TextList => Parsed::List(
                raw.map(|v| {
                    v.split('|')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default(),
            ),
            Kind::Closed(vocabulary) => {
                let Some(raw) = raw else {
                    return Parsed::Closed(Vec::new());
                };
                let mut values = Vec::new();
                for part in raw.split('|') {
                    match vocabulary.find(part) {
                        Some(v) if !values.contains(&v) => values.push(v),
                        Some(_) => {}
                        None => {
                            // Report the whole cell, as the person sees it in their file.
                            self.refuse(field, &raw, "place-value-not-in-list");
                            return Parsed::Closed(Vec::new());
                        }
                    }
                }
                Parsed::Closed(values)
            }
            Kind::Coordinate { range, key } => {
                let Some(raw) = raw else {
                    return Parsed::Number(None);
                };
                // A French spreadsheet writes « 47,06 »: one comma and no
                // point is a decimal comma (a file's separator never reaches
                // here, it splits fields first).
                let decimal = if raw.matches(',').count() == 1 && !raw.contains('.') {
                    raw.replace(',', ".")
                } else {
                    raw.clone()
                };
                match decimal.parse::<f64>() {
                    Ok(v) if v.is_finite() && v.abs() <= range => Parsed::Number(Some(v)),
                    _ => {
                        self.refuse(field, &raw, key);
                        Parsed::Number(None)
                    }
                }
            }
            Kind::Date => match raw {
                None => {
                    self.refuse(field, "", "place-required");
                    Parsed::Day(None)
                }
                Some(raw) => match NaiveDate::parse_from_str(&raw, "%Y-%m-%d") {
                    Ok(day) => Parsed::Day(Some(day)),
                    Err(_) => {
                        self.refuse(field, &raw, "place-date");
                        Parsed::Day(None)
                    }
                },
            },
        }
    }

    // One accessor per shape: a field read with the wrong one (a table
    // and a struct that disagree) comes out empty, and the round-trip
    // tests of every field fail.

    fn text(&mut self, field: Field) -> Option<String> {
        match self.read(field) {
            Parsed::Text(text) => text,
            _ => None,
        }
    }

    fn list(&mut self, field: Field) -> Vec<String> {
        match self.read(field) {
            Parsed::List(values) => values,
            _ => Vec::new(),
        }
    }

    fn closed(&mut self, field: Field) -> Vec<&'static str> {
        match self.read(field) {
            Parsed::Closed(values) => values,
            _ => Vec::new(),
        }
    }

    fn number(&mut self, field: Field) -> Option<f64> {
        match self.read(field) {
            Parsed::Number(number) => number,
            _ => None,
        }
    }

    fn day(&mut self, field: Field) -> NaiveDate {
        match self.read(field) {
            Parsed::Day(day) => day.unwrap_or_default(),
            _ => NaiveDate::default(),
        }
    }
}

impl Place {
    /// « 12 rue Nationale, 49300 Cholet ».
    pub fn postal_address(&self) -> String {
        format!("{}, {} {}", self.adresse, self.code_postal, self.commune)
    }

    /// Parses one row typed or sent by someone (a form, an import); `get`
    /// returns a column's raw text (None when absent). Free text that a
    /// spreadsheet would run as a formula is refused.
    ///
    /// Hours are read in OSM syntax or in French words, and stored in OSM
    /// syntax: a form and an import accept and refuse the same values.
    pub fn parse(get: &dyn Fn(&str) -> Option<String>) -> Result<Place, Vec<FieldError>> {
        let mut place = Self::parse_stored(&|field| get(field.name()));
        let today = chrono::Utc::now().date_naive();
        let hours = match &mut place {
            Ok(place) => place.horaires.as_deref().map(|raw| understand(raw, today)),
            Err(_) => get(Field::Horaires.name())
                .filter(|raw| !raw.trim().is_empty())
                .map(|raw| understand(&raw, today)),
        };
        let mut hours_error = None;
        match (hours, &mut place) {
            (Some(Ok(understood)), Ok(place)) => place.horaires = Some(understood.osm),
            (Some(Err(error)), _) => hours_error = Some(error),
            _ => {}
        }
        let formulas: Vec<FieldError> = Field::ALL
            .into_iter()
            .filter(|field| field.is_free_text())
            .filter_map(|field| {
                let value = get(field.name())?;
                let value = value.trim();
                crate::text::starts_like_formula(value)
                    .then(|| FieldError::new(field.name(), "text-formula").with_value(value))
            })
            .collect();
        let mut errors: Vec<FieldError> = place.as_ref().err().cloned().unwrap_or_default();
        errors.extend(hours_error);
        errors.extend(formulas);
        match place {
            Ok(place) if errors.is_empty() => Ok(place),
            _ => {
                // In the order of the columns, as the person reads their file.
                errors.sort_by_key(|e| Field::from_name(&e.field).map(Field::index));
                Err(errors)
            }
        }
    }

    /// Parses a row read back from the database: the same rules, but text
    /// stored before formulas were refused still loads (exports defuse it).
    /// `get` returns a field's raw text, found by the field itself: the
    /// store holds them in [`Field::ALL`]'s order, no name to look up.
    pub fn parse_stored(get: &dyn Fn(Field) -> Option<String>) -> Result<Place, Vec<FieldError>> {
        let mut row = RowReader {
            get,
            errors: Vec::new(),
        };
        // In the schema's order, so errors come in the order of the columns.
        let place = Place {
            id: row.text(Field::Id).unwrap_or_default(),
            pivot: row.text(Field::Pivot).unwrap_or_default(),
            nom: row.text(Field::Nom).unwrap_or_default(),
            commune: row.text(Field::Commune).unwrap_or_default(),
            code_postal: row.text(Field::CodePostal).unwrap_or_default(),
            code_insee: row.text(Field::CodeInsee),
            adresse: row.text(Field::Adresse).unwrap_or_default(),
            complement_adresse: row.text(Field::ComplementAdresse),
            latitude: row.number(Field::Latitude),
            longitude: row.number(Field::Longitude),
            typologie: row.list(Field::Typologie),
            telephone: row.text(Field::Telephone),
            courriels: row.list(Field::Courriels),
            site_web: row.list(Field::SiteWeb),
            horaires: row.text(Field::Horaires),
            presentation_resume: row.text(Field::PresentationResume),
            presentation_detail: row.text(Field::PresentationDetail),
            source: row.text(Field::Source),
            itinerance: row.closed(Field::Itinerance),
            structure_parente: row.text(Field::StructureParente),
            date_maj: row.day(Field::DateMaj),
            services: row.closed(Field::Services),
            publics_specifiquement_adresses: row.closed(Field::PublicsSpecifiquementAdresses),
            prise_en_charge_specifique: row.closed(Field::PriseEnChargeSpecifique),
            frais_a_charge: row.closed(Field::FraisACharge),
            dispositif_programmes_nationaux: row.closed(Field::DispositifProgrammesNationaux),
            formations_labels: row.closed(Field::FormationsLabels),
            autres_formations_labels: row.text(Field::AutresFormationsLabels),
            modalites_acces: row.closed(Field::ModalitesAcces),
            modalites_accompagnement: row.closed(Field::ModalitesAccompagnement),
            fiche_acces_libre: row.text(Field::FicheAccesLibre),
            prise_rdv: row.text(Field::PriseRdv),
        };
        if row.errors.is_empty() {
            Ok(place)
        } else {
            Err(row.errors)
        }
    }

    /// The value of `field`.
    pub fn value(&self, field: Field) -> Value<'_> {
        fn opt(v: &Option<String>) -> Value<'_> {
            Value::Text(v.as_deref().unwrap_or_default())
        }
        match field {
            Field::Id => Value::Text(&self.id),
            Field::Pivot => Value::Text(&self.pivot),
            Field::Nom => Value::Text(&self.nom),
            Field::Commune => Value::Text(&self.commune),
            Field::CodePostal => Value::Text(&self.code_postal),
            Field::CodeInsee => opt(&self.code_insee),
            Field::Adresse => Value::Text(&self.adresse),
            Field::ComplementAdresse => opt(&self.complement_adresse),
            Field::Latitude => Value::Number(self.latitude),
            Field::Longitude => Value::Number(self.longitude),
            Field::Typologie => Value::List(&self.typologie),
            Field::Telephone => opt(&self.telephone),
            Field::Courriels => Value::List(&self.courriels),
            Field::SiteWeb => Value::List(&self.site_web),
            Field::Horaires => opt(&self.horaires),
            Field::PresentationResume => opt(&self.presentation_resume),
            Field::PresentationDetail => opt(&self.presentation_detail),
            Field::Source => opt(&self.source),
            Field::Itinerance => Value::Closed(&self.itinerance),
            Field::StructureParente => opt(&self.structure_parente),
            Field::DateMaj => Value::Day(self.date_maj),
            Field::Services => Value::Closed(&self.services),
            Field::PublicsSpecifiquementAdresses => {
                Value::Closed(&self.publics_specifiquement_adresses)
            }
            Field::PriseEnChargeSpecifique => Value::Closed(&self.prise_en_charge_specifique),
            Field::FraisACharge => Value::Closed(&self.frais_a_charge),
            Field::DispositifProgrammesNationaux => {
                Value::Closed(&self.dispositif_programmes_nationaux)
            }
            Field::FormationsLabels => Value::Closed(&self.formations_labels),
            Field::AutresFormationsLabels => opt(&self.autres_formations_labels),
            Field::ModalitesAcces => Value::Closed(&self.modalites_acces),
            Field::ModalitesAccompagnement => Value::Closed(&self.modalites_accompagnement),
            Field::FicheAccesLibre => opt(&self.fiche_acces_libre),
            Field::PriseRdv => opt(&self.prise_rdv),
        }
    }

    /// The value of `field` as the schema writes it ("" when missing).
    pub fn column(&self, field: Field) -> String {
        self.value(field).to_text()
    }
}

#[cfg(test)]
#[path = "model_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "model_props.rs"]
mod props;
