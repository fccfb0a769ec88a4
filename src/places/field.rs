//! The national schema's fields as one typed table: each field's name (as
//! the schema, the CSV header, the database column and the form input spell
//! it) and its kind (what a value must look like). Parsing, storing,
//! exporting and the search index loop over [`Field::ALL`], so a field is
//! named once; code that maps a field to something matches exhaustively,
//! so a new one cannot be forgotten.

use super::vocabulary::{self, Vocabulary};

/// A field of the national places schema v1.0.2, in the schema's order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Id,
    Pivot,
    Nom,
    Commune,
    CodePostal,
    CodeInsee,
    Adresse,
    ComplementAdresse,
    Latitude,
    Longitude,
    Typologie,
    Telephone,
    Courriels,
    SiteWeb,
    Horaires,
    PresentationResume,
    PresentationDetail,
    Source,
    Itinerance,
    StructureParente,
    DateMaj,
    Services,
    PublicsSpecifiquementAdresses,
    PriseEnChargeSpecifique,
    FraisACharge,
    DispositifProgrammesNationaux,
    FormationsLabels,
    AutresFormationsLabels,
    ModalitesAcces,
    ModalitesAccompagnement,
    FicheAccesLibre,
    PriseRdv,
}

/// What a field's value must look like.
#[derive(Clone, Copy, Debug)]
pub enum Kind {
    /// Text people write freely; at most `max_chars` when given (the
    /// catalogue key explains a refusal).
    Text {
        required: bool,
        max_chars: Option<(usize, &'static str)>,
    },
    /// Values people write freely, separated by `|`.
    TextList,
    /// A code of a fixed shape: `ok` decides, `key` explains a refusal.
    Code {
        required: bool,
        ok: fn(&str) -> bool,
        key: &'static str,
    },
    /// Values of one of the schema's closed lists, separated by `|`.
    Closed(Vocabulary),
    /// Degrees, within ±`range`.
    Coordinate { range: f64, key: &'static str },
    /// A day, written AAAA-MM-JJ; required.
    Date,
}

impl Kind {
    const fn text(required: bool) -> Self {
        Self::Text {
            required,
            max_chars: None,
        }
    }
}

impl Field {
    /// Every field, in the schema's order: the CSV header Maille writes.
    pub const ALL: [Field; 32] = [
        Self::Id,
        Self::Pivot,
        Self::Nom,
        Self::Commune,
        Self::CodePostal,
        Self::CodeInsee,
        Self::Adresse,
        Self::ComplementAdresse,
        Self::Latitude,
        Self::Longitude,
        Self::Typologie,
        Self::Telephone,
        Self::Courriels,
        Self::SiteWeb,
        Self::Horaires,
        Self::PresentationResume,
        Self::PresentationDetail,
        Self::Source,
        Self::Itinerance,
        Self::StructureParente,
        Self::DateMaj,
        Self::Services,
        Self::PublicsSpecifiquementAdresses,
        Self::PriseEnChargeSpecifique,
        Self::FraisACharge,
        Self::DispositifProgrammesNationaux,
        Self::FormationsLabels,
        Self::AutresFormationsLabels,
        Self::ModalitesAcces,
        Self::ModalitesAccompagnement,
        Self::FicheAccesLibre,
        Self::PriseRdv,
    ];

    /// The field's name in the schema (and in CSV headers, JSON keys,
    /// database columns and form inputs): French, as the schema writes it.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Id => "id",
            Self::Pivot => "pivot",
            Self::Nom => "nom",
            Self::Commune => "commune",
            Self::CodePostal => "code_postal",
            Self::CodeInsee => "code_insee",
            Self::Adresse => "adresse",
            Self::ComplementAdresse => "complement_adresse",
            Self::Latitude => "latitude",
            Self::Longitude => "longitude",
            Self::Typologie => "typologie",
            Self::Telephone => "telephone",
            Self::Courriels => "courriels",
            Self::SiteWeb => "site_web",
            Self::Horaires => "horaires",
            Self::PresentationResume => "presentation_resume",
            Self::PresentationDetail => "presentation_detail",
            Self::Source => "source",
            Self::Itinerance => "itinerance",
            Self::StructureParente => "structure_parente",
            Self::DateMaj => "date_maj",
            Self::Services => "services",
            Self::PublicsSpecifiquementAdresses => "publics_specifiquement_adresses",
            Self::PriseEnChargeSpecifique => "prise_en_charge_specifique",
            Self::FraisACharge => "frais_a_charge",
            Self::DispositifProgrammesNationaux => "dispositif_programmes_nationaux",
            Self::FormationsLabels => "formations_labels",
            Self::AutresFormationsLabels => "autres_formations_labels",
            Self::ModalitesAcces => "modalites_acces",
            Self::ModalitesAccompagnement => "modalites_accompagnement",
            Self::FicheAccesLibre => "fiche_acces_libre",
            Self::PriseRdv => "prise_rdv",
        }
    }

    /// What the field's value must look like (the schema's constraints).
    pub const fn kind(self) -> Kind {
        match self {
            Self::Id | Self::Nom | Self::Commune | Self::Adresse => Kind::text(true),
            Self::Pivot => Kind::Code {
                required: true,
                ok: is_pivot,
                key: "place-pivot",
            },
            Self::CodePostal => Kind::Code {
                required: true,
                ok: is_postcode,
                key: "place-postcode",
            },
            Self::CodeInsee => Kind::Code {
                required: false,
                ok: is_insee_code,
                key: "place-insee-code",
            },
            Self::Telephone => Kind::Code {
                required: false,
                ok: is_phone,
                key: "place-phone",
            },
            Self::Latitude => Kind::Coordinate {
                range: 90.0,
                key: "place-latitude",
            },
            Self::Longitude => Kind::Coordinate {
                range: 180.0,
                key: "place-longitude",
            },
            Self::PresentationResume => Kind::Text {
                required: false,
                max_chars: Some((280, "place-summary-too-long")),
            },
            Self::ComplementAdresse
            | Self::Horaires
            | Self::PresentationDetail
            | Self::Source
            | Self::StructureParente
            | Self::AutresFormationsLabels
            | Self::FicheAccesLibre
            | Self::PriseRdv => Kind::text(false),
            Self::Typologie | Self::Courriels | Self::SiteWeb => Kind::TextList,
            Self::DateMaj => Kind::Date,
            Self::Itinerance => Kind::Closed(vocabulary::ITINERANCY),
            Self::Services => Kind::Closed(vocabulary::SERVICES),
            Self::PublicsSpecifiquementAdresses => Kind::Closed(vocabulary::PUBLICS),
            Self::PriseEnChargeSpecifique => Kind::Closed(vocabulary::SPECIFIC_SUPPORT),
            Self::FraisACharge => Kind::Closed(vocabulary::FEES),
            Self::DispositifProgrammesNationaux => Kind::Closed(vocabulary::NATIONAL_PROGRAMMES),
            Self::FormationsLabels => Kind::Closed(vocabulary::TRAININGS_LABELS),
            Self::ModalitesAcces => Kind::Closed(vocabulary::ACCESS_MODES),
            Self::ModalitesAccompagnement => Kind::Closed(vocabulary::SUPPORT_MODES),
        }
    }

    /// The field as people read it (« SIRET ou RNA (pivot) »), in the
    /// current language.
    pub fn label(self) -> String {
        crate::i18n::t(&format!("field-{}", self.name()))
    }

    /// The field named `name` in the schema.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|f| f.name() == name)
    }

    /// Whether people write the field freely (not a code, a number, a date
    /// or a value of a closed list): such text must not start like a
    /// spreadsheet formula.
    pub const fn is_free_text(self) -> bool {
        matches!(self.kind(), Kind::Text { .. } | Kind::TextList)
    }

    /// Whether Maille fills the field rather than a person in the staff
    /// form: the id is made when a place is created, the date when saved.
    pub const fn filled_by_maille(self) -> bool {
        matches!(self, Self::Id | Self::DateMaj)
    }

    /// The field's position in [`Field::ALL`].
    pub const fn index(self) -> usize {
        self as usize
    }
}

/// The field named `name` as people read it; a refusal of a whole row
/// (no field) says so; a name outside the schema is shown as it is.
pub fn label_of(name: &str) -> String {
    match Field::from_name(name) {
        Some(field) => field.label(),
        None if name.is_empty() => crate::i18n::t("field-whole-row"),
        None => name.to_owned(),
    }
}

/// A SIRET (14 digits) or an RNA (W and 9 digits): 9 to 14 letters or digits.
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The schema as published (`src/places/schema-lieux.json`).
    fn schema_fields() -> Vec<(String, bool)> {
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("schema-lieux.json")).unwrap();
        schema["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                let required = f["constraints"]["required"].as_bool().unwrap_or(false);
                (f["name"].as_str().unwrap().to_owned(), required)
            })
            .collect()
    }

    #[test]
    fn each_schema_field_has_exactly_one_field_in_the_schemas_order() {
        let names: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
        let schema: Vec<String> = schema_fields().into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, schema);
        for (i, field) in Field::ALL.iter().enumerate() {
            assert_eq!(field.index(), i);
            assert_eq!(Field::from_name(field.name()), Some(*field));
        }
    }

    #[test]
    fn the_schemas_required_fields_are_required_here_too() {
        for (name, required) in schema_fields() {
            let field = Field::from_name(&name).unwrap();
            let here = match field.kind() {
                Kind::Text { required, .. } | Kind::Code { required, .. } => required,
                Kind::Date => true,
                Kind::TextList | Kind::Closed(_) | Kind::Coordinate { .. } => false,
            };
            assert_eq!(here, required, "{name}");
        }
    }

    #[test]
    fn a_closed_list_is_the_list_of_its_own_field() {
        for field in Field::ALL {
            if let Kind::Closed(vocabulary) = field.kind() {
                assert_eq!(vocabulary.field, field.name());
            }
        }
    }
}
