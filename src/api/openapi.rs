//! The OpenAPI 3.1 document of the API, served at `/api/openapi.json`,
//! generated from the handlers' annotations (utoipa) once per process.

use std::sync::OnceLock;

use axum::http::header;
use axum::response::{IntoResponse, Response};
use utoipa::openapi::{ContentBuilder, PathItem, Ref, ResponseBuilder};
use utoipa::{Modify, OpenApi};

use crate::validation::InvalidParam;
use crate::web::problem::Problem;
use crate::{appointments, coverage, equipment, mediation, places, workshops};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Maille",
        description = "API de Maille : les lieux de médiation numérique au format du schéma national v1.0.2 et la couverture du territoire (lecture sans compte) ; les ateliers à venir et l’inscription sans compte ; les activités, les personnes suivies, les ateliers et les chiffres d’une structure (avec un jeton personnel : « Authorization: Bearer maille_… »). Les erreurs suivent la RFC 9457 (application/problem+json), en français.",
        license(name = "AGPL-3.0-or-later", identifier = "AGPL-3.0-or-later"),
    ),
    paths(
        serve,
        places::api::search,
        places::api::show,
        places::api::export_csv,
        places::api::export_json,
        coverage::api::coverage,
        mediation::api::create_activity,
        mediation::api::list_activities,
        mediation::api::show_activity,
        mediation::api::update_activity,
        mediation::api::delete_activity,
        mediation::api::stats,
        mediation::api::create_beneficiary,
        mediation::api::list_beneficiaries,
        mediation::api::show_beneficiary,
        mediation::api::update_beneficiary,
        mediation::api::delete_beneficiary,
        mediation::api::export_beneficiary,
        mediation::api::list_progression,
        mediation::api::add_progression,
        mediation::api::add_goal,
        workshops::api::list_sessions,
        workshops::api::create_session,
        workshops::api::show_session,
        workshops::api::register,
        workshops::api::list_registrations,
        workshops::api::take_attendance,
        appointments::api::list_slots,
        appointments::api::create_booking,
        equipment::api::list_devices,
        equipment::api::create_device,
        equipment::api::show_device,
        equipment::api::record_transition,
        equipment::api::certificate,
        equipment::api::show_impact,
    ),
    components(schemas(Problem, InvalidParam)),
    modifiers(&BearerTokens, &AnswersOfEveryEndpoint),
    tags(
        (name = "lieux", description = "Les lieux de médiation numérique."),
        (name = "couverture", description = "La couverture du territoire par les lieux."),
        (name = "activites", description = "Les activités de médiation d’une structure, et leurs chiffres (jeton personnel requis)."),
        (name = "personnes", description = "Les personnes suivies avec leur consentement (jeton personnel requis)."),
        (name = "ateliers", description = "Les ateliers et leurs séances : lecture et inscription sans compte ; programmation, listes et présences avec un jeton personnel."),
        (name = "rendez-vous", description = "Les créneaux libres d’un lieu et la réservation, sans compte."),
        (name = "materiel", description = "Le matériel d’une structure : appareils reçus, étapes (diagnostic, effacement certifié, reconditionnement, don, prêt), certificats et impact (jeton personnel requis)."),
        (name = "api", description = "Ce document."),
    )
)]
struct ApiDoc;

/// Adds to every operation the answers any request can get, whatever the
/// endpoint: 400 (an address that is not UTF-8 once decoded, a malformed
/// header), 414 and 431 (a request line or headers too big to read), 429
/// (the client's rate limit, with `Retry-After`), 500 (a bug, answered by
/// the API's panic handler) and 503 (no answer within the request deadline,
/// `web::deadline`).
struct AnswersOfEveryEndpoint;

impl Modify for AnswersOfEveryEndpoint {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let answers = [
            (
                "400",
                "Requête illisible : un en-tête mal formé, ou une adresse qui n’est pas de l’UTF-8 une fois décodée.",
            ),
            ("414", "Adresse de requête trop longue (plus de 64 Kio)."),
            (
                "429",
                "Trop de requêtes de cette adresse : réessayer après le nombre de secondes de l’en-tête Retry-After.",
            ),
            ("431", "En-têtes de la requête trop volumineux."),
            (
                "500",
                "Erreur du serveur (base de données indisponible, défaut de Maille).",
            ),
            (
                "503",
                "Le serveur a mis trop de temps à répondre : réessayer plus tard.",
            ),
        ];
        for item in openapi.paths.paths.values_mut() {
            for operation in operations(item) {
                for (status, description) in answers {
                    let mut problem = problem_answer(description);
                    if status == "429" {
                        problem = problem.header("Retry-After", retry_after());
                    }
                    operation
                        .responses
                        .responses
                        .entry(status.to_owned())
                        .or_insert_with(|| problem.build().into());
                }
            }
        }
    }
}

/// An answer whose body is a problem document.
fn problem_answer(description: &str) -> ResponseBuilder {
    ResponseBuilder::new().description(description).content(
        crate::web::problem::PROBLEM_JSON,
        ContentBuilder::new()
            .schema(Some(Ref::from_schema_name("Problem")))
            .build(),
    )
}

/// The personal tokens of `maille tokens create` (or `/espace/jetons`), and
/// the answers of every operation that needs one (401) or reads a JSON body
/// (400), said once here rather than on each operation. Runs before
/// [`AnswersOfEveryEndpoint`], whose 400 is about the request line.
struct BearerTokens;

impl Modify for BearerTokens {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some("Un jeton personnel (maille_…), créé par « maille tokens create --email … » ou sur la page « Mes jetons d’API » : il a exactement les droits de son compte."))
                    .build(),
            ),
        );
        for item in openapi.paths.paths.values_mut() {
            for operation in operations(item) {
                let mut answers = Vec::new();
                if operation.security.is_some() {
                    answers.push(("401", "Jeton absent, inconnu, expiré ou révoqué."));
                }
                if operation.request_body.is_some() {
                    answers.push((
                        "400",
                        "Le corps n’est pas un objet JSON de moins de 64 Kio.",
                    ));
                }
                for (status, description) in answers {
                    operation
                        .responses
                        .responses
                        .entry(status.to_owned())
                        .or_insert_with(|| problem_answer(description).build().into());
                }
            }
        }
    }
}

/// The `Retry-After` header of a 429: whole seconds.
fn retry_after() -> utoipa::openapi::header::Header {
    use utoipa::openapi::schema::{ObjectBuilder, Type};
    utoipa::openapi::header::HeaderBuilder::new()
        .schema(Some(
            ObjectBuilder::new()
                .schema_type(Type::Integer)
                .minimum(Some(0)),
        ))
        .description(Some("Secondes à attendre avant de réessayer."))
        .build()
}

/// Every operation of a path.
fn operations(item: &mut PathItem) -> impl Iterator<Item = &mut utoipa::openapi::path::Operation> {
    [
        &mut item.get,
        &mut item.put,
        &mut item.post,
        &mut item.delete,
        &mut item.options,
        &mut item.head,
        &mut item.patch,
        &mut item.trace,
    ]
    .into_iter()
    .filter_map(Option::as_mut)
}

/// The document as JSON text.
pub fn document() -> &'static str {
    static DOCUMENT: OnceLock<String> = OnceLock::new();
    DOCUMENT.get_or_init(|| ApiDoc::openapi().to_pretty_json().unwrap_or_default())
}

/// This document.
#[utoipa::path(
    get,
    path = "/api/openapi.json",
    tag = "api",
    summary = "Le document OpenAPI de l’API",
    responses((status = 200, description = "Ce document (OpenAPI 3.1).", content_type = "application/json", body = Object))
)]
pub async fn serve() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], document()).into_response()
}
