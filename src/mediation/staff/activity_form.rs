//! The activity form as a page: every choice of the national model, the
//! structure's places and people, starting from the mediator's last
//! choices; and the submitted pairs read back as [`Fields`].

use askama::Template;

use crate::mediation::fields::Fields;
use crate::mediation::people_store::PersonRecord;
use crate::mediation::vocabulary::{
    ADMINISTRATIVE, AGE_BANDS, AUTONOMY, DURATION_PRESETS, GENDERS, GENERAL_THEMES, KINDS, LEVELS,
    List, MATERIALS, ORIENTATIONS, OUTCOMES, PLACE_KINDS, SOCIAL_STATUSES, THEMES,
};
use crate::validation::FormErrors;
use crate::web::Chrome;
use crate::web::form::Choice;

/// The input giving a duration that is not one of the buttons.
pub const OTHER_DURATION: &str = "duration_other";

/// The form's pairs as fields: a duration typed in the « other » box wins
/// over the buttons.
pub fn fields_of(pairs: Vec<(String, String)>) -> Fields {
    let other = pairs
        .iter()
        .find(|(name, value)| name == OTHER_DURATION && !value.trim().is_empty())
        .map(|(_, value)| value.clone());
    let mut fields =
        Fields::from_form(pairs.into_iter().filter(|(name, _)| name != OTHER_DURATION));
    if let Some(other) = other {
        fields.set("duration_min", other);
    }
    fields
}

/// One option per code of `list`, those in `selected` checked.
pub fn choices(list: List, selected: &[&str]) -> Vec<Choice> {
    list.entries
        .iter()
        .map(|(code, label)| Choice {
            value: (*code).to_owned(),
            label: (*label).to_owned(),
            checked: selected.contains(code),
        })
        .collect()
}

/// One number input of the anonymous counts.
pub struct CountInput {
    pub name: String,
    pub label: String,
    pub value: String,
}

/// A group of counts (by age band, by social status, by gender).
pub struct CountGroup {
    pub legend: &'static str,
    pub inputs: Vec<CountInput>,
}

#[derive(Template)]
#[template(path = "mediation/activity_form.html")]
pub struct ActivityFormPage {
    pub chrome: Chrome,
    pub heading: String,
    pub action: String,
    pub submit_label: String,
    pub errors: FormErrors,
    pub kinds: Vec<Choice>,
    pub date: String,
    pub durations: Vec<Choice>,
    pub duration_other: String,
    pub place_kinds: Vec<Choice>,
    pub places: Vec<Choice>,
    pub commune: String,
    pub general_themes: Vec<Choice>,
    pub admin_themes: Vec<Choice>,
    pub admin_detail: String,
    pub outcomes: Vec<Choice>,
    pub materials: Vec<Choice>,
    pub autonomy: Vec<Choice>,
    pub orientations: Vec<Choice>,
    pub notes: String,
    pub title: String,
    pub levels: Vec<Choice>,
    pub participants: String,
    pub counts: Vec<CountGroup>,
    pub people: Vec<Choice>,
    /// Places of the directory near the structure, to orient someone to.
    pub orientation_places: Vec<Choice>,
    /// Where to go back to.
    pub cancel_href: String,
}

/// What the page needs besides the values: the structure's places and people.
pub struct Context<'a> {
    pub places: &'a [(String, String)],
    pub people: &'a [PersonRecord],
    /// (id, « name — commune ») of the directory's places nearest the structure.
    pub nearby: &'a [(String, String)],
}

impl ActivityFormPage {
    /// The form showing `values` (defaults, a stored activity, or what was
    /// typed), with `errors` beside their fields.
    pub fn new(
        chrome: Chrome,
        heading: String,
        action: String,
        values: &Fields,
        errors: FormErrors,
        context: &Context<'_>,
    ) -> Self {
        let one = |name: &str| values.one(name).unwrap_or_default().to_owned();
        let kind = values.one("type").unwrap_or("Individuel");
        let duration = one("duration_min");
        let preset = DURATION_PRESETS.iter().any(|d| d.to_string() == duration);
        let themes = values.all("themes");
        let place_kind = values.one("place_kind").unwrap_or("LieuActivite");
        let place_id = one("place_id");
        let beneficiary = one("beneficiary_id");
        let (general, admin): (Vec<Choice>, Vec<Choice>) = {
            let all = choices(THEMES, &themes);
            let mut all = all.into_iter();
            let general = all.by_ref().take(GENERAL_THEMES).collect();
            (general, all.collect())
        };
        let counts = [
            ("Par tranche d’âge", AGE_BANDS),
            ("Par statut", SOCIAL_STATUSES),
            ("Par genre", GENDERS),
        ]
        .into_iter()
        .map(|(legend, list)| CountGroup {
            legend,
            inputs: list
                .entries
                .iter()
                .map(|(code, label)| {
                    let name = format!("{}-{code}", list.field);
                    CountInput {
                        value: one(&name),
                        name,
                        label: (*label).to_owned(),
                    }
                })
                .collect(),
        })
        .collect();
        let mut people = vec![Choice::new(
            "",
            "Personne anonyme (pas de fiche)",
            &beneficiary,
        )];
        people.extend(
            context
                .people
                .iter()
                .map(|p| Choice::new(&p.id, &p.label(), &beneficiary)),
        );
        let orientation_place = one("orientation_place_id");
        let mut orientation_places =
            vec![Choice::new("", "— (aucun lieu précis)", &orientation_place)];
        orientation_places.extend(
            context
                .nearby
                .iter()
                .map(|(id, label)| Choice::new(id, label, &orientation_place)),
        );
        Self {
            orientation_places,
            chrome,
            heading,
            action,
            submit_label: "Enregistrer l’activité".into(),
            errors,
            kinds: choices(KINDS, &[kind]),
            date: one("date"),
            durations: DURATION_PRESETS
                .iter()
                .map(|d| Choice::new(&d.to_string(), &format!("{d} min"), &duration))
                .collect(),
            duration_other: if preset {
                String::new()
            } else {
                duration.clone()
            },
            place_kinds: choices(PLACE_KINDS, &[place_kind]),
            places: context
                .places
                .iter()
                .map(|(id, name)| Choice::new(id, name, &place_id))
                .collect(),
            commune: one("commune"),
            general_themes: general,
            admin_themes: admin,
            admin_detail: one("admin_detail"),
            outcomes: choices(OUTCOMES, &values.all("admin_outcome")),
            materials: choices(MATERIALS, &values.all("materials")),
            autonomy: choices(AUTONOMY, &values.all("autonomy")),
            orientations: choices(ORIENTATIONS, &values.all("orientation")),
            notes: one("notes"),
            title: one("title"),
            levels: choices(LEVELS, &values.all("level")),
            participants: one("participants"),
            counts,
            people,
            cancel_href: "/espace/activites".into(),
        }
    }

    /// The administrative theme's checkbox id (the CSS opens its sub-themes).
    pub fn admin_theme(&self) -> &'static str {
        ADMINISTRATIVE
    }
}
