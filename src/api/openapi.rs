//! The OpenAPI 3.1 document of the API, served at `/api/openapi.json`,
//! generated from the handlers' annotations (utoipa) once per process.

use std::sync::OnceLock;

use axum::http::header;
use axum::response::{IntoResponse, Response};
use utoipa::openapi::{ContentBuilder, PathItem, Ref, ResponseBuilder};
use utoipa::{Modify, OpenApi};

use super::problem::{InvalidParam, Problem};
use crate::{coverage, places};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Maille",
        description = "API publique de Maille : les lieux de médiation numérique au format du schéma national v1.0.2, et la couverture du territoire. Lecture seule, sans compte. Les erreurs suivent la RFC 9457 (application/problem+json), en français.",
        license(name = "AGPL-3.0-or-later", identifier = "AGPL-3.0-or-later"),
    ),
    paths(
        serve,
        places::api::search,
        places::api::show,
        places::api::export_csv,
        places::api::export_json,
        coverage::api::coverage,
    ),
    components(schemas(Problem, InvalidParam)),
    modifiers(&AnswersOfEveryEndpoint),
    tags(
        (name = "lieux", description = "Les lieux de médiation numérique."),
        (name = "couverture", description = "La couverture du territoire par les lieux."),
        (name = "api", description = "Ce document."),
    )
)]
struct ApiDoc;

/// Adds to every operation the answers any request can get, whatever the
/// endpoint: 500 (a bug, answered by the API's panic handler) and 503 (no
/// answer within the request deadline, `web::deadline`).
struct AnswersOfEveryEndpoint;

impl Modify for AnswersOfEveryEndpoint {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let answers = [
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
                    let problem = ResponseBuilder::new().description(description).content(
                        super::problem::PROBLEM_JSON,
                        ContentBuilder::new()
                            .schema(Some(Ref::from_schema_name("Problem")))
                            .build(),
                    );
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
