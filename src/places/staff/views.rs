//! Templates of the staff place pages: the list, the full-schema form, the
//! stops of an itinerant place, and the import of a national-schema file.

use std::collections::HashMap;

use askama::Template;

use super::hours_grid::Grid;
use crate::places::import::ImportReport;
use crate::places::vocabulary::{self, Vocabulary};
use crate::validation::FormErrors;
use crate::web::{Choice, Chrome};

/// One of the structure's places in the list.
pub struct PlaceRow {
    pub id: String,
    pub nom: String,
    pub commune: String,
    pub itinerant: bool,
    pub approximate: bool,
    /// Why the position should be checked (far from the commune).
    pub to_review: Option<String>,
}

#[derive(Template)]
#[template(path = "places/staff_list.html")]
pub struct StaffPlacesPage {
    pub chrome: Chrome,
    pub organization_name: String,
    pub can_edit: bool,
    pub can_import: bool,
    pub places: Vec<PlaceRow>,
    /// An administrator may look up national places to correct them.
    pub can_edit_national: bool,
    /// What was looked up, and what was found (at most [`NATIONAL_SHOWN`]).
    pub national_query: String,
    pub national: Option<Vec<PlaceRow>>,
}

/// National places shown for one lookup.
pub const NATIONAL_SHOWN: u64 = 50;

/// A group of checkboxes for one enumerated field of the schema.
pub struct ChoiceGroup {
    pub field: &'static str,
    pub legend: String,
    pub choices: Vec<Choice>,
}

/// The enumerated fields, in the order the form shows them, with their legends' keys.
const GROUPS: [(Vocabulary, &str); 9] = [
    (vocabulary::SERVICES, "places-legend-services"),
    (vocabulary::PUBLICS, "places-legend-publics"),
    (
        vocabulary::SPECIFIC_SUPPORT,
        "places-legend-specific-support",
    ),
    (vocabulary::FEES, "places-legend-fees"),
    (vocabulary::ACCESS_MODES, "places-legend-access-modes"),
    (vocabulary::SUPPORT_MODES, "places-legend-support-modes"),
    (
        vocabulary::NATIONAL_PROGRAMMES,
        "places-legend-national-programmes",
    ),
    (
        vocabulary::TRAININGS_LABELS,
        "places-legend-trainings-labels",
    ),
    (vocabulary::ITINERANCY, "places-legend-itinerancy"),
];

#[derive(Template)]
#[template(path = "places/staff_form.html")]
pub struct PlaceFormPage {
    pub chrome: Chrome,
    pub heading: String,
    pub action: String,
    pub errors: FormErrors,
    /// Every field as typed (lists `|`-joined).
    pub values: HashMap<String, String>,
    pub groups: Vec<ChoiceGroup>,
    /// The hours as Maille reads them, when they could be read.
    pub hours_words: Option<String>,
    /// Hours typed in words, as understood, shown back before saving.
    pub hours_understood: Option<String>,
    /// The week grid of the hours.
    pub grid: Grid,
    /// The usual structure types, as checkboxes.
    pub typologies: Vec<Choice>,
    /// Typology codes typed that are not among them.
    pub other_typologies: String,
    /// The place being edited (none when creating).
    pub existing_id: Option<String>,
    pub approximate: bool,
    /// Why the stored position should be checked.
    pub position_to_review: Option<String>,
}

impl PlaceFormPage {
    /// The form around `values`.
    pub fn new(chrome: Chrome, values: HashMap<String, String>, errors: FormErrors) -> Self {
        let groups = GROUPS
            .iter()
            .map(|(vocabulary, legend)| {
                let chosen: Vec<&str> = values
                    .get(vocabulary.field)
                    .map(|v| v.split('|').map(str::trim).collect())
                    .unwrap_or_default();
                ChoiceGroup {
                    field: vocabulary.field,
                    legend: crate::i18n::t(legend),
                    choices: vocabulary
                        .values
                        .iter()
                        .map(|v| Choice {
                            value: (*v).to_owned(),
                            label: (*v).to_owned(),
                            checked: chosen.contains(v),
                        })
                        .collect(),
                }
            })
            .collect();
        let grid = Grid::of(&values, &errors);
        let typed: Vec<&str> = values
            .get("typologie")
            .map(|v| {
                v.split('|')
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let typologies = vocabulary::TYPOLOGIES
            .iter()
            .map(|(code, label)| Choice {
                value: (*code).to_owned(),
                label: (*label).to_owned(),
                checked: typed.contains(code),
            })
            .collect();
        let other_typologies = typed
            .iter()
            .filter(|code| {
                !vocabulary::TYPOLOGIES
                    .iter()
                    .any(|(known, _)| known == *code)
            })
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        Self {
            chrome,
            heading: crate::i18n::t("places-new-heading"),
            action: "/espace/lieux/nouveau".into(),
            errors,
            values,
            groups,
            hours_words: None,
            hours_understood: None,
            grid,
            typologies,
            other_typologies,
            existing_id: None,
            approximate: false,
            position_to_review: None,
        }
    }

    /// The typed value of `field`.
    pub fn value(&self, field: &str) -> &str {
        self.values.get(field).map_or("", String::as_str)
    }

    /// A list field (e-mail addresses, web sites) one value per line.
    pub fn lines(&self, field: &str) -> String {
        self.value(field).replace('|', "\n")
    }

    /// Whether the hours are written as text rather than in the grid.
    pub fn hours_as_text(&self) -> bool {
        !self.value("horaires").is_empty() || self.errors.for_field("horaires").is_some()
    }
}

/// One upcoming stop, for the list.
pub struct StopRow {
    pub id: String,
    pub when: String,
    pub place: String,
    pub approximate: bool,
}

#[derive(Template)]
#[template(path = "places/staff_stops.html")]
pub struct StopsPage {
    pub chrome: Chrome,
    pub place_id: String,
    pub place_name: String,
    pub stops: Vec<StopRow>,
    pub errors: FormErrors,
    pub form: crate::places::stops::StopForm,
}

#[derive(Template)]
#[template(path = "places/staff_import.html")]
pub struct ImportPage {
    pub chrome: Chrome,
    /// The file was refused as a whole: why.
    pub file_error: Option<String>,
    pub report: Option<ImportReport>,
    pub file_name: String,
    pub dry_run: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::places::Field;

    #[test]
    fn each_field_a_person_enters_has_exactly_one_input_in_the_form() {
        let page = PlaceFormPage::new(Chrome::public(), HashMap::new(), FormErrors::default());
        let html = page.render().unwrap();
        for field in Field::ALL {
            let inputs = html.matches(&format!("name=\"{}\"", field.name())).count();
            // A closed list is one group of checkboxes: one input per value.
            let expected = match field.kind() {
                _ if field.filled_by_maille() => 0,
                // The usual types as checkboxes, and a field for other codes.
                _ if field == Field::Typologie => vocabulary::TYPOLOGIES.len() + 1,
                crate::places::field::Kind::Closed(list) => list.values.len(),
                _ => 1,
            };
            assert_eq!(inputs, expected, "{field:?}");
        }
        let groups = html.matches("<fieldset class=\"field").count();
        assert_eq!(groups, GROUPS.len());
    }
}
