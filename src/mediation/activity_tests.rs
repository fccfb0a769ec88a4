use super::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()
}

fn json(value: serde_json::Value) -> Result<Activity, Vec<FieldError>> {
    Activity::parse(&Fields::from_json(&value).unwrap(), today())
}

fn fields_of(errors: &[FieldError]) -> Vec<String> {
    errors.iter().map(|e| e.field.to_string()).collect()
}

#[test]
fn the_issues_minimal_activity_is_valid_with_its_defaults() {
    let activity = json(serde_json::json!({
        "type": "Individuel", "date": "2026-11-20", "duration_min": 30, "themes": ["Email"]
    }))
    .unwrap();
    assert_eq!(activity.kind, "Individuel");
    assert_eq!(activity.place_kind, "LieuActivite");
    assert_eq!(activity.participants, 1);
    assert_eq!(activity.themes, vec!["Email"]);
    assert_eq!(activity.month(), "2026-11");
}

#[test]
fn a_date_typed_the_french_way_is_read_and_a_missing_one_is_today() {
    let typed = json(serde_json::json!({"type": "Individuel", "date": "19/11/2026", "duration_min": 15, "themes": ["Sante"]})).unwrap();
    assert_eq!(typed.date, NaiveDate::from_ymd_opt(2026, 11, 19).unwrap());
    let missing =
        json(serde_json::json!({"type": "Individuel", "duration_min": 15, "themes": ["Sante"]}))
            .unwrap();
    assert_eq!(missing.date, today());
}

#[test]
fn every_refused_field_is_named_at_once() {
    let errors = json(serde_json::json!({
        "type": "Demarche", "date": "2026-02-30", "duration_min": 0, "themes": [],
        "materials": ["Fax"], "place_kind": "Lune"
    }))
    .unwrap_err();
    assert_eq!(
        fields_of(&errors),
        vec![
            "type",
            "date",
            "duration_min",
            "place_kind",
            "themes",
            "materials"
        ]
    );
}

#[test]
fn an_activity_in_the_future_is_refused() {
    let errors = json(serde_json::json!({"type": "Individuel", "date": "2026-11-21", "duration_min": 30, "themes": ["Email"]})).unwrap_err();
    assert_eq!(errors[0].key, "activity-date-future");
}

#[test]
fn a_workshop_needs_a_title_and_its_counts_stay_within_its_participants() {
    let errors = json(serde_json::json!({"type": "Collectif", "duration_min": 90, "themes": ["Email"], "participants": 6})).unwrap_err();
    assert_eq!(fields_of(&errors), vec!["title"]);
    let errors = json(serde_json::json!({
        "type": "Collectif", "title": "Mes e-mails", "duration_min": 90, "themes": ["Email"],
        "participants": 6, "age_bands": {"Retraite": 4, "SoixanteDixPlus": 3}
    }))
    .unwrap_err();
    assert_eq!(
        errors[0].key, "activity-code-invalid",
        "Retraite is a status"
    );
    let workshop = json(serde_json::json!({
        "type": "Collectif", "title": "Mes e-mails", "duration_min": 90, "themes": ["Email"],
        "participants": 6, "age_bands": {"SoixanteSoixanteNeuf": 4, "SoixanteDixPlus": 2},
        "social_statuses": {"Retraite": 6}
    }))
    .unwrap();
    assert_eq!(
        counts_from_text(&counts_to_text(&workshop.counts)),
        workshop.counts
    );
    let errors = json(serde_json::json!({
        "type": "Collectif", "title": "Mes e-mails", "duration_min": 90, "themes": ["Email"],
        "participants": 6, "genders": {"Feminin": 4, "Masculin": 4}
    }))
    .unwrap_err();
    assert_eq!(errors[0].key, "activity-counts-total");
}

#[test]
fn administrative_sub_themes_need_the_administrative_theme() {
    let errors = json(serde_json::json!({"type": "Individuel", "duration_min": 30, "themes": ["Email", "Logement"]})).unwrap_err();
    assert_eq!(errors[0].key, "activity-admin-without-theme");
    let activity = json(serde_json::json!({
        "type": "Individuel", "duration_min": 30,
        "themes": ["Logement", "AideAuxDemarchesAdministratives"],
        "admin_detail": "Demande d’APL", "admin_outcome": "DoitRevenir"
    }))
    .unwrap();
    assert_eq!(
        activity.themes,
        vec!["AideAuxDemarchesAdministratives", "Logement"]
    );
    assert_eq!(activity.admin_outcome, Some("DoitRevenir"));
}

#[test]
fn at_home_needs_a_commune_and_an_individual_activity_has_one_participant() {
    let errors = json(serde_json::json!({"type": "Individuel", "duration_min": 30, "themes": ["Email"], "place_kind": "Domicile"})).unwrap_err();
    assert_eq!(fields_of(&errors), vec!["commune"]);
    let errors = json(serde_json::json!({"type": "Individuel", "duration_min": 30, "themes": ["Email"], "participants": 3})).unwrap_err();
    assert_eq!(fields_of(&errors), vec!["participants"]);
}

#[test]
fn a_value_of_the_wrong_json_type_is_refused_naming_its_field() {
    let errors = json(
        serde_json::json!({"type": ["Individuel", 3], "duration_min": {"a": 1}, "themes": "Email"}),
    )
    .unwrap_err();
    assert_eq!(
        fields_of(&errors),
        vec!["duration_min"],
        "an object where a number belongs"
    );
    let errors =
        json(serde_json::json!({"type": true, "duration_min": "trente", "themes": "Email"}))
            .unwrap_err();
    assert_eq!(fields_of(&errors), vec!["type", "duration_min"]);
}
