//! The OpenAPI description of the mediation API: request bodies built from
//! the national model's lists (so the document cannot drift from them),
//! and the query parameters of lists and figures.

use std::borrow::Cow;

use utoipa::openapi::path::{Parameter, ParameterIn};

use crate::places::api::doc::query;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{
    AdditionalProperties, ArrayBuilder, KnownFormat, ObjectBuilder, Schema, SchemaFormat, Type,
};
use utoipa::{IntoParams, PartialSchema, ToSchema};

use crate::mediation::activity::{MAX_DURATION_MIN, MAX_NOTES, MAX_PARTICIPANTS, MAX_TITLE};
use crate::mediation::beneficiary::{MAX_COMMUNE, MAX_GOAL, MAX_NAME};
use crate::mediation::vocabulary::{
    AGE_BANDS, ASSESSORS, AUTONOMY, COMPETENCES, GENDERS, GOAL_STATUSES, KINDS, LEVELS, List,
    MATERIALS, MAX_SKILL_LEVEL, ORIENTATIONS, OUTCOMES, PLACE_KINDS, SOCIAL_STATUSES, THEMES,
};

fn text(description: &str, max: usize) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .max_length(Some(max))
        .description(Some(description))
}

fn code(list: List, description: &str) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(list.codes()))
        .description(Some(description))
}

fn codes(list: List, description: &str) -> ArrayBuilder {
    ArrayBuilder::new()
        .items(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some(list.codes())),
        )
        .unique_items(true)
        .description(Some(description))
}

fn integer(min: i64, max: i64, description: &str) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::Integer)
        .minimum(Some(min as f64))
        .maximum(Some(max as f64))
        .description(Some(description))
}

fn date(description: &str) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date)))
        .description(Some(description))
}

fn uuid(description: &str) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .format(Some(SchemaFormat::Custom("uuid".into())))
        .description(Some(description))
}

fn counts(list: List, description: &str) -> ObjectBuilder {
    let mut object = ObjectBuilder::new()
        .description(Some(description))
        .additional_properties(Some(AdditionalProperties::FreeForm(false)));
    for code in list.codes() {
        object = object.property(code, integer(0, i64::from(MAX_PARTICIPANTS), ""));
    }
    object
}

/// The body of `POST` and `PUT /api/v1/activities`.
pub struct ActivityInput;

impl PartialSchema for ActivityInput {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .description(Some("Une activité, dans les catégories du modèle national de compte rendu d’activité. Minimal : {\"type\": \"Individuel\", \"date\": \"2026-11-20\", \"duration_min\": 30, \"themes\": [\"Email\"]}."))
            .additional_properties(Some(AdditionalProperties::FreeForm(false)))
            .property("type", code(KINDS, "Accompagnement individuel ou atelier collectif."))
            .required("type")
            .property("date", date("Le jour de l’activité (aujourd’hui par défaut), jamais dans le futur."))
            .property("duration_min", integer(1, i64::from(MAX_DURATION_MIN), "Durée en minutes."))
            .required("duration_min")
            .property("themes", codes(THEMES, "Thèmes (au moins un) ; les 11 derniers, sous-thèmes administratifs, demandent AideAuxDemarchesAdministratives.").min_items(Some(1)))
            .required("themes")
            .property("place_kind", code(PLACE_KINDS, "Où : un lieu de la structure (par défaut), à domicile, à distance, ailleurs."))
            .property("place_id", text("L’identifiant d’un lieu de la structure (par défaut, son premier lieu).", 200))
            .property("commune", text("La commune, à domicile ou ailleurs (obligatoire alors).", MAX_TITLE))
            .property("admin_detail", text("Précisions sur la démarche administrative.", MAX_NOTES))
            .property("admin_outcome", code(OUTCOMES, "Où en est la démarche."))
            .property("materials", codes(MATERIALS, "Matériel utilisé."))
            .property("autonomy", code(AUTONOMY, "Autonomie atteinte."))
            .property("orientation", code(ORIENTATIONS, "Vers quel type de structure la personne est orientée."))
            .property("orientation_place_id", text("Le lieu de l’annuaire vers lequel elle est orientée (avec orientation).", 200))
            .property("notes", text("Notes.", MAX_NOTES))
            .property("title", text("Titre de l’atelier (obligatoire pour un atelier collectif).", MAX_TITLE))
            .property("level", code(LEVELS, "Niveau de l’atelier."))
            .property("participants", integer(1, i64::from(MAX_PARTICIPANTS), "Participants (1 pour un accompagnement individuel)."))
            .property("age_bands", counts(AGE_BANDS, "Participants par tranche d’âge (anonyme)."))
            .property("social_statuses", counts(SOCIAL_STATUSES, "Participants par statut (anonyme)."))
            .property("genders", counts(GENDERS, "Participants par genre (anonyme)."))
            .property("beneficiary_id", uuid("La personne suivie, si elle a consenti à l’être."))
            .into()
    }
}

impl ToSchema for ActivityInput {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("ActivityInput")
    }
}

/// The body of `POST` and `PUT /api/v1/beneficiaries`.
pub struct BeneficiaryInput;

impl PartialSchema for BeneficiaryInput {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .description(Some("Une personne suivie, seulement avec son consentement. Minimal : {\"pseudonym\": \"Awa\", \"consent\": true}."))
            .additional_properties(Some(AdditionalProperties::FreeForm(false)))
            .property("pseudonym", text("Prénom ou surnom.", MAX_NAME).min_length(Some(1)))
            .required("pseudonym")
            .property("consent", ObjectBuilder::new().schema_type(Type::Boolean).description(Some("Doit être true : sans consentement, rien n’est enregistré.")))
            .required("consent")
            .property("consent_purpose", text("Ce que la personne accepte, en mots simples (un texte par défaut sinon).", 1_000))
            .property("birth_year", integer(1900, 2100, "Année de naissance (donne la tranche d’âge)."))
            .property("gender", code(GENDERS, "Genre."))
            .property("social_status", code(SOCIAL_STATUSES, "Statut."))
            .property("commune", text("Commune.", MAX_COMMUNE))
            .property("phone", ObjectBuilder::new().schema_type(Type::String).description(Some("Téléphone : 8 à 15 chiffres, espaces, points, tirets, parenthèses et + admis.")))
            .property("email", ObjectBuilder::new().schema_type(Type::String).description(Some("E-mail.")))
            .into()
    }
}

impl ToSchema for BeneficiaryInput {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("BeneficiaryInput")
    }
}

/// The body of `POST /api/v1/beneficiaries/{id}/progression`.
pub struct AssessmentInput;

impl PartialSchema for AssessmentInput {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .description(Some("Un niveau daté sur une des 16 compétences Pix."))
            .additional_properties(Some(AdditionalProperties::FreeForm(false)))
            .property(
                "competence",
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .enum_values(Some(COMPETENCES.iter().map(|c| c.0))),
            )
            .required("competence")
            .property(
                "level",
                integer(1, i64::from(MAX_SKILL_LEVEL), "Niveau, de 1 à 8."),
            )
            .required("level")
            .property(
                "assessor",
                code(ASSESSORS, "Qui a évalué (Mediateur par défaut)."),
            )
            .property("assessed_on", date("Le jour (aujourd’hui par défaut)."))
            .into()
    }
}

impl ToSchema for AssessmentInput {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("AssessmentInput")
    }
}

/// The body of `POST /api/v1/beneficiaries/{id}/goals`.
pub struct GoalInput;

impl PartialSchema for GoalInput {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .description(Some("Un objectif de la personne."))
            .additional_properties(Some(AdditionalProperties::FreeForm(false)))
            .property(
                "text",
                text("L’objectif, en quelques mots.", MAX_GOAL).min_length(Some(1)),
            )
            .required("text")
            .property("status", code(GOAL_STATUSES, "État (EnCours par défaut)."))
            .into()
    }
}

impl ToSchema for GoalInput {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("GoalInput")
    }
}

/// The parameters of `GET /api/v1/activities`.
pub struct ActivityListParams;

impl ActivityListParams {
    pub const NAMES: &[&str] = &[
        "from",
        "to",
        "mediator_id",
        "type",
        "theme",
        "place",
        "beneficiary_id",
        "offset",
        "limit",
    ];
}

impl IntoParams for ActivityListParams {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![
            query("from", "Depuis ce jour (inclus).", date("")),
            query("to", "Jusqu’à ce jour (inclus).", date("")),
            query("mediator_id", "Saisies par ce compte.", uuid("")),
            query("type", "De ce type.", code(KINDS, "")),
            query("theme", "Avec ce thème.", code(THEMES, "")),
            query(
                "place",
                "Dans ce lieu de la structure (son id), ou de ce type de lieu (Domicile, ADistance, Autre).",
                text("", 200),
            ),
            query("beneficiary_id", "Avec cette personne.", uuid("")),
            query(
                "offset",
                "Activités à sauter (pagination).",
                integer(0, 1_000_000, ""),
            ),
            query(
                "limit",
                "Activités par page (50 par défaut).",
                integer(1, 200, ""),
            ),
        ]
    }
}

/// The parameters of `GET /api/v1/stats/activities`.
pub struct StatsParams;

impl StatsParams {
    pub const NAMES: &[&str] = &["from", "to", "group_by"];
    pub const GROUPS: [&str; 4] = ["month", "type", "theme", "place"];
}

impl IntoParams for StatsParams {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![
            query(
                "from",
                "Depuis ce jour (compté par mois entier ; il y a 12 mois par défaut).",
                date(""),
            ),
            query(
                "to",
                "Jusqu’à ce jour (compté par mois entier ; aujourd’hui par défaut).",
                date(""),
            ),
            query(
                "group_by",
                "Regroupement (month par défaut).",
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .enum_values(Some(Self::GROUPS)),
            ),
        ]
    }
}

/// A page of activities.
#[derive(serde::Serialize, ToSchema)]
pub struct ActivitiesPage {
    /// How many activities match the filters.
    pub total: u64,
    pub offset: u64,
    pub limit: u64,
    pub items: Vec<crate::mediation::json::ActivityJson>,
}

/// A page of people followed.
#[derive(serde::Serialize, ToSchema)]
pub struct BeneficiariesPage {
    pub total: u64,
    pub items: Vec<crate::mediation::json::BeneficiaryJson>,
}

/// Figures of a period.
#[derive(serde::Serialize, ToSchema)]
pub struct StatsAnswer {
    /// First day counted (the first of its month).
    pub from: String,
    /// Last day counted (the last of its month).
    pub to: String,
    pub group_by: String,
    /// How many structures are summed.
    pub structures: usize,
    /// True when counts from 1 to 4 are hidden (absent): a network's figures.
    pub suppressed: bool,
    pub total: Option<crate::mediation::figures::FigureRow>,
    pub rows: Vec<crate::mediation::figures::FigureRow>,
    pub depth: crate::mediation::figures::Depth,
}
