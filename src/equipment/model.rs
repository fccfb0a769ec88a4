//! A device and a donor as a structure describes them, parsed once from
//! submitted [`Fields`] (the staff forms or the API) and valid by type
//! afterwards. Pure domain: no database, no HTTP.

use serde::{Deserialize, Serialize};

use crate::mediation::activity::{keep, optional_code, text};
use crate::mediation::fields::Fields;
use crate::mediation::vocabulary::List;
use crate::validation::FieldError;

/// The longest brand, model, serial or name, in characters.
pub const MAX_SHORT: usize = 120;
/// The longest notes, in characters.
pub const MAX_NOTES: usize = 2_000;
/// The most devices one lot form receives at once.
pub const MAX_LOT: u32 = 200;

/// What a device is. SIM cards and 4G boxes are devices too: they are
/// received, lent and given like the rest.
pub const KINDS: List = List {
    field: "kind",
    entries: &[
        ("laptop", "Ordinateur portable"),
        ("desktop", "Ordinateur fixe"),
        ("tablet", "Tablette"),
        ("smartphone", "Smartphone"),
        ("screen", "Écran"),
        ("printer", "Imprimante"),
        ("sim", "Carte SIM"),
        ("box4g", "Box 4G"),
        ("other", "Autre"),
    ],
};

/// The grade given at diagnosis, each with its written definition (shown
/// on the form and the device's page, so two benches grade alike).
pub const GRADES: List = List {
    field: "grade",
    entries: &[
        (
            "A",
            "A — comme neuf : aucune trace d’usage, batterie ≥ 80 %",
        ),
        (
            "B",
            "B — bon état : traces légères, tout fonctionne, batterie ≥ 60 %",
        ),
        (
            "C",
            "C — usé : marques visibles ou pièce à changer, fonctionne",
        ),
        (
            "D",
            "D — pour pièces : ne peut pas être remis à quelqu’un en l’état",
        ),
    ],
};

/// Who gave.
pub const DONOR_KINDS: List = List {
    field: "donor_kind",
    entries: &[
        ("company", "Entreprise"),
        ("administration", "Administration"),
        ("association", "Association"),
        ("individual", "Particulier"),
    ],
};

/// What a device has inside, from the form or a hardware report.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Specs {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub processor: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub memory_gb: Option<u32>,
    /// `ssd`, `hdd`, `nvme`, `emmc`, or empty when unknown.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub storage_kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage_gb: Option<u32>,
    /// Serial numbers of the storage devices: what a wipe certificate names.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub storage_serials: Vec<String>,
    /// Battery health in percent of its design capacity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub battery_pct: Option<u32>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub screen: String,
    /// A SIM card's or 4G box's data plan.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub data_plan: String,
}

impl Specs {
    /// The stored form: compact JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".to_owned())
    }

    /// Read back; an unreadable column gives empty specifications.
    pub fn from_json(stored: &str) -> Self {
        serde_json::from_str(stored).unwrap_or_default()
    }

    /// One line for a list or a label: « i5-7300U, 8 Go, SSD 256 Go ».
    pub fn summary(&self) -> String {
        let mut parts = Vec::new();
        if !self.processor.is_empty() {
            parts.push(self.processor.clone());
        }
        if let Some(gb) = self.memory_gb {
            parts.push(format!("{gb} Go de mémoire"));
        }
        match (self.storage_kind.as_str(), self.storage_gb) {
            ("", Some(gb)) => parts.push(format!("stockage {gb} Go")),
            (kind, Some(gb)) => parts.push(format!("{} {gb} Go", kind.to_uppercase())),
            ("", None) => {}
            (kind, None) => parts.push(kind.to_uppercase()),
        }
        if let Some(pct) = self.battery_pct {
            parts.push(format!("batterie {pct} %"));
        }
        if !self.screen.is_empty() {
            parts.push(format!("écran {}", self.screen));
        }
        if !self.data_plan.is_empty() {
            parts.push(format!("forfait {}", self.data_plan));
        }
        parts.join(", ")
    }

    /// Parses what the form or the API gives; empty fields stay unknown.
    fn parse(fields: &Fields, errors: &mut Vec<FieldError>) -> Self {
        let number = |errors: &mut Vec<FieldError>, field: &'static str, max: u32| {
            let raw = fields.one(field).map(str::trim).filter(|v| !v.is_empty())?;
            let digits: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
            let digits = digits
                .trim_end_matches(['%', 'o', 'O'])
                .trim_end_matches(['G', 'g']);
            match digits.parse::<u32>() {
                Ok(n) if n <= max => Some(n),
                _ => {
                    errors.push(
                        FieldError::new(field, "equipment-number")
                            .with_value(raw)
                            .with_arg("max", max),
                    );
                    None
                }
            }
        };
        let short = |errors: &mut Vec<FieldError>, field: &'static str| {
            keep(errors, text(fields, field, MAX_SHORT))
                .unwrap_or_default()
                .trim()
                .to_owned()
        };
        let storage_kind = short(errors, "storage_kind").to_lowercase();
        if !matches!(
            storage_kind.as_str(),
            "" | "ssd" | "hdd" | "nvme" | "emmc" | "sd"
        ) {
            errors.push(
                FieldError::new("storage_kind", "equipment-storage-kind").with_value(&storage_kind),
            );
        }
        let storage_serials = serials(fields);
        Self {
            processor: short(errors, "processor"),
            memory_gb: number(errors, "memory_gb", 4_096),
            storage_kind,
            storage_gb: number(errors, "storage_gb", 1_000_000),
            storage_serials,
            battery_pct: number(errors, "battery_pct", 100),
            screen: short(errors, "screen"),
            data_plan: short(errors, "data_plan"),
        }
    }
}

/// The storage serial numbers typed (one per line, or separated by
/// commas, or several values), at most 16.
pub fn serials(fields: &Fields) -> Vec<String> {
    fields
        .all("storage_serials")
        .iter()
        .flat_map(|v| v.split([',', '\n']))
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .take(16)
        .map(|v| crate::text::cut(v, MAX_SHORT))
        .collect()
}

/// A device as received.
#[derive(Clone, Debug, PartialEq)]
pub struct Device {
    pub kind: &'static str,
    pub brand: String,
    pub model: String,
    pub serial: String,
    /// The year it was made, for its age at reuse.
    pub year: Option<i32>,
    pub specs: Specs,
    pub notes: String,
}

impl Device {
    /// Parses a device; every refusal names its field. `this_year` bounds
    /// the year it was made.
    pub fn parse(fields: &Fields, this_year: i32) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let kind = match keep(&mut errors, optional_code(fields, KINDS)) {
            Some(Some(kind)) => Some(kind),
            Some(None) => {
                errors.push(
                    FieldError::new("kind", "equipment-kind-required")
                        .with_arg("values", KINDS.codes().collect::<Vec<_>>().join(", ")),
                );
                None
            }
            None => None,
        };
        let short = |errors: &mut Vec<FieldError>, field: &'static str| {
            keep(errors, text(fields, field, MAX_SHORT))
                .unwrap_or_default()
                .trim()
                .to_owned()
        };
        let brand = short(&mut errors, "brand");
        let model = short(&mut errors, "model");
        let serial = short(&mut errors, "serial");
        let year = match fields.one("year").map(str::trim).filter(|v| !v.is_empty()) {
            None => None,
            Some(raw) => match raw.parse::<i32>() {
                Ok(y) if (1980..=this_year).contains(&y) => Some(y),
                _ => {
                    errors.push(
                        FieldError::new("year", "equipment-year")
                            .with_value(raw)
                            .with_arg("max", this_year),
                    );
                    None
                }
            },
        };
        let notes = keep(&mut errors, text(fields, "notes", MAX_NOTES)).unwrap_or_default();
        let specs = Specs::parse(fields, &mut errors);
        match kind {
            Some(kind) if errors.is_empty() => Ok(Self {
                kind,
                brand,
                model,
                serial,
                year,
                specs,
                notes: notes.trim().to_owned(),
            }),
            _ => Err(errors),
        }
    }

    /// « Lenovo ThinkPad T470 », or the kind's name when neither is known.
    pub fn title(kind: &str, brand: &str, model: &str) -> String {
        let named = format!("{brand} {model}").trim().to_owned();
        if named.is_empty() {
            KINDS.label(kind).to_owned()
        } else {
            named
        }
    }
}

/// A donor: who gave, and how to reach them for the receipt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Donor {
    pub name: String,
    pub kind: &'static str,
    /// Nine digits, checked by the Luhn key.
    pub siren: Option<String>,
    pub contact: Option<String>,
}

impl Donor {
    /// Parses a donor; every refusal names its field.
    pub fn parse(fields: &Fields) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let name = keep(&mut errors, text(fields, "donor_name", MAX_SHORT)).unwrap_or_default();
        if name.trim().is_empty() {
            errors.push(FieldError::new("donor_name", "equipment-required"));
        }
        let kind = keep(&mut errors, optional_code(fields, DONOR_KINDS))
            .flatten()
            .unwrap_or("company");
        let siren = match fields
            .one("siren")
            .map(|v| v.chars().filter(|c| !c.is_whitespace()).collect::<String>())
            .filter(|v| !v.is_empty())
        {
            None => None,
            Some(digits) if is_siren(&digits) => Some(digits),
            Some(raw) => {
                errors.push(FieldError::new("siren", "equipment-siren").with_value(&raw));
                None
            }
        };
        let contact = keep(&mut errors, text(fields, "contact", MAX_SHORT))
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty());
        if errors.is_empty() {
            Ok(Self {
                name: name.trim().to_owned(),
                kind,
                siren,
                contact,
            })
        } else {
            Err(errors)
        }
    }
}

/// Whether `digits` is a SIREN: nine digits whose Luhn sum is a multiple of ten.
pub fn is_siren(digits: &str) -> bool {
    digits.len() == 9
        && digits.chars().all(|c| c.is_ascii_digit())
        && digits
            .chars()
            .rev()
            .enumerate()
            .map(|(i, c)| {
                let d = c.to_digit(10).unwrap_or(0);
                if i % 2 == 1 {
                    let twice = d * 2;
                    twice / 10 + twice % 10
                } else {
                    d
                }
            })
            .sum::<u32>()
            % 10
            == 0
}

/// The alphabet of codes people read and type: Crockford's base 32, without
/// the letters mistaken for digits (I, L, O, U).
const CODE_ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// `length` random characters people can read aloud and type.
pub fn readable_code(length: usize) -> String {
    let mut bytes = vec![0u8; length];
    crate::web::random::fill(&mut bytes);
    bytes
        .iter()
        .map(|b| CODE_ALPHABET[usize::from(b % 32)] as char)
        .collect()
}

/// Whether `text` has the shape of a code of `length` characters.
pub fn is_readable_code(text: &str, length: usize) -> bool {
    text.len() == length && text.bytes().all(|b| CODE_ALPHABET.contains(&b))
}

/// A device's inventory code: 7 characters, on its label.
pub const INVENTORY_CODE_LEN: usize = 7;
/// A wipe certificate's verification code: 12 characters (60 bits: not
/// guessable by trying, short enough to type from the paper).
pub const CERTIFICATE_CODE_LEN: usize = 12;

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&str, &str)]) -> Fields {
        Fields::from_pairs(
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
        )
    }

    #[test]
    fn a_laptop_is_read_with_its_specifications_as_people_type_them() {
        let device = Device::parse(
            &fields(&[
                ("kind", "laptop"),
                ("brand", " Lenovo "),
                ("model", "ThinkPad T470"),
                ("serial", "PF0ABC12"),
                ("memory_gb", "8 Go"),
                ("storage_kind", "SSD"),
                ("storage_gb", "256"),
                ("battery_pct", "71 %"),
                ("storage_serials", "S3Z1NB0K, S3Z1NB0L"),
            ]),
            2026,
        )
        .unwrap();
        assert_eq!(device.brand, "Lenovo");
        assert_eq!(device.specs.memory_gb, Some(8));
        assert_eq!(device.specs.storage_kind, "ssd");
        assert_eq!(device.specs.battery_pct, Some(71));
        assert_eq!(device.specs.storage_serials, ["S3Z1NB0K", "S3Z1NB0L"]);
        assert_eq!(
            Specs::from_json(&device.specs.to_json()),
            device.specs,
            "the stored form reads back"
        );
    }

    #[test]
    fn a_device_without_kind_or_with_an_impossible_year_names_both_fields() {
        let errors =
            Device::parse(&fields(&[("year", "2031"), ("battery_pct", "140")]), 2026).unwrap_err();
        let named: Vec<&str> = errors.iter().map(|e| e.field.as_ref()).collect();
        assert_eq!(named, ["kind", "year", "battery_pct"]);
    }

    #[test]
    fn a_siren_is_nine_digits_with_its_luhn_key() {
        assert!(is_siren("732829320"));
        assert!(!is_siren("732829321"));
        assert!(!is_siren("73282932"));
        let errors =
            Donor::parse(&fields(&[("donor_name", "Acme"), ("siren", "123")])).unwrap_err();
        assert_eq!(errors[0].field, "siren");
    }

    #[test]
    fn codes_are_readable_and_checked_by_shape() {
        let code = readable_code(INVENTORY_CODE_LEN);
        assert!(is_readable_code(&code, INVENTORY_CODE_LEN));
        assert!(!is_readable_code("ABCDEFI", INVENTORY_CODE_LEN), "no I");
        assert!(!is_readable_code("abcdefg", INVENTORY_CODE_LEN));
    }
}
