//! `GET /api/v1/coverage`: how many communes and people are farther than a
//! radius from the nearest place, in a department, a region or all France.

use std::borrow::Cow;

use axum::Router;
use axum::extract::{RawQuery, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use utoipa::openapi::RefOr;
use utoipa::openapi::path::{Parameter, ParameterIn};
use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, Schema, SchemaType, Type};
use utoipa::{IntoParams, PartialSchema, ToSchema};

use super::model::compute;
use super::report::{self, DEFAULT_RADIUS_KM, MAX_RADIUS_KM};
use crate::app::AppState;
use crate::places::api::doc::query;
use crate::places::vocabulary;
use crate::territory::{Communes, regions};
use crate::web::problem::{ApiError, Problem};

pub fn router() -> Router<AppState> {
    Router::new().route("/v1/coverage", get(coverage))
}

/// The coverage of a territory.
#[utoipa::path(
    get,
    path = "/api/v1/coverage",
    tag = "couverture",
    summary = "La couverture du territoire",
    description = "Pour chaque commune du territoire, la distance à vol d’oiseau de sa position (mairie) au lieu le plus proche offrant le service demandé (n’importe lequel par défaut). Une commune est non couverte au-delà de `radius_km`. La liste donne les communes non couvertes, les plus peuplées d’abord.",
    params(CoverageParams),
    responses(
        (status = 200, description = "Les chiffres et les communes non couvertes.", body = CoverageSchema),
        (status = 400, description = "Un paramètre est mal formé ou hors limites : `errors` les nomme tous.", body = Problem, content_type = "application/problem+json"),
    )
)]
pub async fn coverage(
    State(state): State<AppState>,
    RawQuery(raw): RawQuery,
) -> Result<Response, ApiError> {
    let question = report::read_question(raw.as_deref())?;
    let index = state.places.index();
    let answer = compute(&index, Communes::get(), question);
    let body = serde_json::to_vec(&report::to_json(&answer)).unwrap_or_default();
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

/// The query parameters of `GET /api/v1/coverage`.
pub struct CoverageParams;

fn one_of(values: impl IntoIterator<Item = &'static str>) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(values))
}

impl IntoParams for CoverageParams {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![
            query(
                "radius_km",
                "Distance au-delà de laquelle une commune n’est pas couverte, en km.",
                ObjectBuilder::new()
                    .schema_type(Type::Number)
                    .minimum(Some(0.0))
                    .maximum(Some(MAX_RADIUS_KM))
                    .default(Some(DEFAULT_RADIUS_KM.into())),
            ),
            query(
                "department",
                "Code du département (sinon toute la France).",
                one_of(regions::DEPARTMENTS.iter().map(|(code, _)| *code)),
            ),
            query(
                "region",
                "Code INSEE de la région (pas avec department).",
                one_of(regions::REGIONS.iter().map(|(code, _)| *code)),
            ),
            query(
                "service",
                "Seuls comptent les lieux offrant ce service.",
                one_of(vocabulary::SERVICES.values.iter().copied()),
            ),
        ]
    }
}

/// The answer's schema.
pub struct CoverageSchema;

fn integer(description: &str) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::Integer)
        .minimum(Some(0))
        .description(Some(description))
}

impl PartialSchema for CoverageSchema {
    fn schema() -> RefOr<Schema> {
        let commune = ObjectBuilder::new()
            .property("code_insee", ObjectBuilder::new().schema_type(Type::String))
            .required("code_insee")
            .property("nom", ObjectBuilder::new().schema_type(Type::String))
            .required("nom")
            .property("population", integer("Population municipale."))
            .required("population")
            .property(
                "distance_km",
                ObjectBuilder::new()
                    .schema_type(
                        [Type::Number, Type::Null]
                            .into_iter()
                            .collect::<SchemaType>(),
                    )
                    .description(Some(
                        "Distance au lieu le plus proche ; null si aucun lieu n’offre le service.",
                    )),
            )
            .required("distance_km");
        ObjectBuilder::new()
            .property("radius_km", ObjectBuilder::new().schema_type(Type::Number))
            .required("radius_km")
            .property("communes", integer("Communes du territoire."))
            .required("communes")
            .property("population", integer("Population du territoire."))
            .required("population")
            .property("uncovered_communes", integer("Communes non couvertes."))
            .required("uncovered_communes")
            .property(
                "uncovered_population",
                integer("Population des communes non couvertes."),
            )
            .required("uncovered_population")
            .property(
                "communes_list",
                ArrayBuilder::new().items(commune).description(Some(
                    "Les communes non couvertes, les plus peuplées d’abord.",
                )),
            )
            .required("communes_list")
            .into()
    }
}
impl ToSchema for CoverageSchema {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("Couverture")
    }
}
