//! The OpenAPI description of the places API. The place schemas are built
//! from the national schema file Maille ships (names, types, patterns and
//! descriptions), so the API document cannot drift from the schema.

use std::borrow::Cow;
use std::sync::OnceLock;

use serde_json::Value;
use utoipa::openapi::path::{Parameter, ParameterBuilder, ParameterIn, ParameterStyle};
use utoipa::openapi::schema::{
    ArrayBuilder, KnownFormat, ObjectBuilder, Schema, SchemaFormat, Type,
};
use utoipa::openapi::{RefOr, Required};
use utoipa::{IntoParams, PartialSchema, ToSchema};

use super::{DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET, MAX_RADIUS_KM};
use crate::places::vocabulary::{self, Vocabulary};

/// The national schema, as shipped in the binary.
fn national_fields() -> &'static [Value] {
    static FIELDS: OnceLock<Vec<Value>> = OnceLock::new();
    FIELDS.get_or_init(|| {
        serde_json::from_str::<Value>(include_str!("../schema-lieux.json"))
            .ok()
            .and_then(|schema| schema.get("fields").and_then(Value::as_array).cloned())
            .unwrap_or_default()
    })
}

fn string(description: &str) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .description(Some(description))
}

/// One place's fields in the national schema, as an object schema builder.
fn national_object(description: &str) -> ObjectBuilder {
    let mut object = ObjectBuilder::new().description(Some(description));
    for field in national_fields() {
        let name = field["name"].as_str().unwrap_or_default();
        let constraints = &field["constraints"];
        let text = field["description"].as_str().unwrap_or_default();
        let mut property = match field["type"].as_str() {
            Some("number") => ObjectBuilder::new().schema_type(Type::Number),
            Some("date") => ObjectBuilder::new()
                .schema_type(Type::String)
                .format(Some(SchemaFormat::KnownFormat(KnownFormat::Date))),
            _ => ObjectBuilder::new().schema_type(Type::String),
        }
        .description(Some(text));
        if let Some(pattern) = constraints["pattern"].as_str() {
            property = property.pattern(Some(pattern));
        }
        if let Some(max) = constraints["maxLength"].as_u64() {
            property = property.max_length(usize::try_from(max).ok());
        }
        object = object.property(name, property);
        if constraints["required"].as_bool() == Some(true) {
            object = object.required(name);
        }
    }
    object
}

/// What Maille adds to a place in the API.
fn with_state(object: ObjectBuilder) -> ObjectBuilder {
    object
        .property(
            "position_approximative",
            ObjectBuilder::new().schema_type(Type::Boolean).description(Some(
                "Vrai quand la position donnée est celle de la commune, faute d’adresse géolocalisée.",
            )),
        )
        .required("position_approximative")
        .property(
            "open_now",
            ObjectBuilder::new()
                .schema_type([Type::Boolean, Type::Null].into_iter().collect::<utoipa::openapi::schema::SchemaType>())
                .description(Some("Ouvert à l’instant demandé ; null quand les horaires ne le disent pas.")),
        )
        .required("open_now")
        .property(
            "next_change",
            ObjectBuilder::new()
                .schema_type([Type::String, Type::Null].into_iter().collect::<utoipa::openapi::schema::SchemaType>())
                .format(Some(SchemaFormat::KnownFormat(KnownFormat::DateTime)))
                .description(Some("Prochaine ouverture ou fermeture (RFC 3339, UTC) ; null si inconnue.")),
        )
        .required("next_change")
}

/// A place in the national schema, as in the exports.
pub struct ExportedPlaceSchema;

impl PartialSchema for ExportedPlaceSchema {
    fn schema() -> RefOr<Schema> {
        national_object("Un lieu au format du schéma national v1.0.2 (valeurs comme dans le CSV, listes séparées par |, valeurs absentes omises).").into()
    }
}
impl ToSchema for ExportedPlaceSchema {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("LieuExporte")
    }
}

/// A place, with whether it is open now.
pub struct PlaceSchema;

impl PartialSchema for PlaceSchema {
    fn schema() -> RefOr<Schema> {
        with_state(national_object(
            "Un lieu : les champs du schéma national v1.0.2, puis ce qu’ajoute Maille.",
        ))
        .into()
    }
}
impl ToSchema for PlaceSchema {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("Lieu")
    }
}

/// A place found near a position.
pub struct NearbyPlaceSchema;

impl PartialSchema for NearbyPlaceSchema {
    fn schema() -> RefOr<Schema> {
        with_state(national_object(
            "Un lieu trouvé près de la position demandée, avec sa distance.",
        ))
        .property(
            "distance_km",
            ObjectBuilder::new()
                .schema_type(Type::Number)
                .minimum(Some(0.0))
                .description(Some(
                    "Distance à vol d’oiseau depuis la position demandée, en km.",
                )),
        )
        .required("distance_km")
        .property(
            "passage",
            ObjectBuilder::new()
                .description(Some("Pour un lieu itinérant trouvé à l’une de ses haltes : la halte (la distance est mesurée jusqu’à elle). Absent pour un lieu fixe."))
                .property("date", ObjectBuilder::new().schema_type(Type::String).format(Some(SchemaFormat::KnownFormat(KnownFormat::Date))))
                .required("date")
                .property("debut", string("Heure de début, HH:MM, heure locale.").pattern(Some("^\\d{2}:\\d{2}$")))
                .required("debut")
                .property("fin", string("Heure de fin, HH:MM, heure locale.").pattern(Some("^\\d{2}:\\d{2}$")))
                .required("fin")
                .property("adresse", string("Où, en mots."))
                .required("adresse")
                .property("commune", string("Commune de la halte."))
                .required("commune")
                .property("code_postal", string("Code postal de la commune."))
                .required("code_postal")
                .property("code_insee", string("Code INSEE de la commune."))
                .required("code_insee")
                .property("latitude", ObjectBuilder::new().schema_type(Type::Number))
                .required("latitude")
                .property("longitude", ObjectBuilder::new().schema_type(Type::Number))
                .required("longitude"),
        )
        .into()
    }
}
impl ToSchema for NearbyPlaceSchema {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("LieuProche")
    }
}

/// One page of nearest places.
pub struct PlacesPageSchema;

impl PartialSchema for PlacesPageSchema {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .property(
                "total",
                ObjectBuilder::new()
                    .schema_type(Type::Integer)
                    .minimum(Some(0))
                    .description(Some(
                        "Nombre de lieux correspondant à la recherche (toutes pages).",
                    )),
            )
            .required("total")
            .property(
                "places",
                ArrayBuilder::new()
                    .items(RefOr::Ref(utoipa::openapi::Ref::from_schema_name(
                        NearbyPlaceSchema::name(),
                    )))
                    .description(Some(
                        "Les lieux de cette page, du plus proche au plus lointain.",
                    )),
            )
            .required("places")
            .into()
    }
}
impl ToSchema for PlacesPageSchema {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("PageDeLieux")
    }

    fn schemas(schemas: &mut Vec<(String, RefOr<Schema>)>) {
        schemas.push((
            NearbyPlaceSchema::name().into(),
            NearbyPlaceSchema::schema(),
        ));
    }
}

/// The query parameters of `GET /api/v1/places`.
pub struct SearchParams;

impl SearchParams {
    /// Every parameter name: others are refused.
    pub const NAMES: &[&str] = &[
        "lat",
        "lon",
        "q",
        "service",
        "public",
        "free",
        "accessible",
        "open_now",
        "at",
        "radius_km",
        "limit",
        "offset",
    ];
}

/// An optional query parameter (every API shares this shape).
pub(crate) fn query(name: &str, description: &str, schema: impl Into<RefOr<Schema>>) -> Parameter {
    ParameterBuilder::new()
        .name(name)
        .parameter_in(ParameterIn::Query)
        .required(Required::False)
        .description(Some(description))
        .schema(Some(schema))
        .build()
}

/// A parameter with an example value (a search around Cholet).
fn with_example(parameter: Parameter, example: Value) -> Parameter {
    ParameterBuilder::from(parameter)
        .example(Some(example))
        .build()
}

fn number(min: f64, max: f64) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::Number)
        .minimum(Some(min))
        .maximum(Some(max))
}

fn integer(min: u64, max: u64, default: u64) -> ObjectBuilder {
    ObjectBuilder::new()
        .schema_type(Type::Integer)
        .minimum(Some(min))
        .maximum(Some(max))
        .default(Some(default.into()))
}

fn boolean() -> ObjectBuilder {
    ObjectBuilder::new().schema_type(Type::Boolean)
}

/// A repeatable parameter taking values of a closed list.
fn list(name: &str, description: &str, vocabulary: Vocabulary) -> Parameter {
    let parameter = query(
        name,
        description,
        ArrayBuilder::new().items(
            ObjectBuilder::new()
                .schema_type(Type::String)
                .enum_values(Some(vocabulary.values.iter().copied())),
        ),
    );
    ParameterBuilder::from(parameter)
        .style(Some(ParameterStyle::Form))
        .explode(Some(true))
        .build()
}

impl IntoParams for SearchParams {
    fn into_params(_: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        vec![
            with_example(
                query(
                    "lat",
                    "Latitude WGS 84 de la position (avec lon).",
                    number(-90.0, 90.0),
                ),
                Value::from(46.995),
            ),
            with_example(
                query(
                    "lon",
                    "Longitude WGS 84 de la position (avec lat).",
                    number(-180.0, 180.0),
                ),
                Value::from(-0.894),
            ),
            query(
                "q",
                "Commune (nom) ou code postal, à la place de lat et lon.",
                string("Nom de commune ou code postal")
                    .min_length(Some(1))
                    .max_length(Some(200)),
            ),
            list(
                "service",
                "Services tous offerts (répétable).",
                vocabulary::SERVICES,
            ),
            list(
                "public",
                "Publics tous spécifiquement adressés (répétable).",
                vocabulary::PUBLICS,
            ),
            query(
                "free",
                "Seulement les lieux gratuits (« Gratuit »).",
                boolean(),
            ),
            query(
                "accessible",
                "Seulement les lieux accessibles (fiche Accès libre, ou prise en charge des handicaps moteurs).",
                boolean(),
            ),
            query(
                "open_now",
                "Seulement les lieux ouverts à l’instant `at` ; false : pas de filtre.",
                boolean(),
            ),
            query(
                "at",
                "Instant pour « ouvert » (RFC 3339) ; maintenant par défaut.",
                ObjectBuilder::new()
                    .schema_type(Type::String)
                    .format(Some(SchemaFormat::KnownFormat(KnownFormat::DateTime))),
            ),
            query(
                "radius_km",
                "Distance maximale en km (aucune par défaut).",
                number(0.0, MAX_RADIUS_KM),
            ),
            query(
                "limit",
                "Nombre de lieux par page.",
                integer(1, MAX_LIMIT, DEFAULT_LIMIT),
            ),
            query(
                "offset",
                "Nombre de lieux à sauter (pagination).",
                integer(0, MAX_OFFSET, 0),
            ),
        ]
    }
}
