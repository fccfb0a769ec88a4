//! The outlines of the 101 departments, simplified to about a kilometre
//! (IGN, Admin Express, Licence Ouverte 2.0), shipped gzip-compressed in the
//! binary (75 KB) and read on first use: enough to draw borders on a map a
//! few hundred pixels wide, not to decide on which side of one a point lies
//! (a commune's code says that).

use std::io::Read;
use std::sync::LazyLock;

use flate2::read::GzDecoder;
use serde::Deserialize;

use super::regions::DEPARTMENTS;

const DATA: &[u8] = include_bytes!("../../data/departements-fr.geojson.gz");

/// One department's outline: rings of (longitude, latitude), the first of
/// each polygon its outer boundary.
pub struct Outline {
    pub code: &'static str,
    pub rings: Vec<Vec<(f64, f64)>>,
    /// West, south, east, north: computed once, read by every map drawn.
    bounds: (f64, f64, f64, f64),
}

impl Outline {
    /// West, south, east, north.
    pub fn bounds(&self) -> (f64, f64, f64, f64) {
        self.bounds
    }

    fn new(code: &'static str, rings: Vec<Vec<(f64, f64)>>) -> Self {
        let mut bounds = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
        for &(lon, lat) in rings.iter().flatten() {
            bounds = (
                bounds.0.min(lon),
                bounds.1.min(lat),
                bounds.2.max(lon),
                bounds.3.max(lat),
            );
        }
        Self {
            code,
            rings,
            bounds,
        }
    }
}

#[derive(Deserialize)]
struct Collection {
    features: Vec<Feature>,
}

#[derive(Deserialize)]
struct Feature {
    properties: Properties,
    geometry: Geometry,
}

#[derive(Deserialize)]
struct Properties {
    code: String,
}

#[derive(Deserialize)]
#[serde(tag = "type", content = "coordinates")]
enum Geometry {
    Polygon(Vec<Vec<(f64, f64)>>),
    MultiPolygon(Vec<Vec<Vec<(f64, f64)>>>),
}

static OUTLINES: LazyLock<Vec<Outline>> = LazyLock::new(|| {
    let mut text = String::new();
    let read = GzDecoder::new(DATA).read_to_string(&mut text);
    let collection: Option<Collection> = read.ok().and_then(|_| serde_json::from_str(&text).ok());
    // The file ships with the binary and a test reads it whole: failing
    // here means a broken build, and the map is then drawn without borders.
    collection
        .map(|c| c.features)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|feature| {
            let code = DEPARTMENTS
                .iter()
                .map(|(code, _)| *code)
                .find(|code| *code == feature.properties.code)?;
            let rings = match feature.geometry {
                Geometry::Polygon(rings) => rings,
                Geometry::MultiPolygon(polygons) => polygons.into_iter().flatten().collect(),
            };
            Some(Outline::new(code, rings))
        })
        .collect()
});

/// Every department's outline.
pub fn all() -> &'static [Outline] {
    &OUTLINES
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_department_has_its_outline_around_its_communes() {
        assert_eq!(all().len(), DEPARTMENTS.len());
        let maine_et_loire = all().iter().find(|o| o.code == "49").unwrap();
        let (west, south, east, north) = maine_et_loire.bounds();
        let cholet = super::super::Communes::get().by_insee("49099").unwrap();
        assert!(west < cholet.longitude && cholet.longitude < east);
        assert!(south < cholet.latitude && cholet.latitude < north);
    }
}
