//! The coverage map, drawn by Maille as SVG: one dot per commune (or per
//! small cell of neighbouring communes when a territory has thousands),
//! shaded by distance band. No tiles, no script. The bands differ in size
//! and lightness as well as colour, so the map reads printed in black and
//! white; the page gives the same figures as a table for screen readers.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::model::{CommuneDistance, Coverage, Territory};
use crate::territory::outlines;

/// Map width in SVG units (the height follows the territory's shape).
const WIDTH: f64 = 600.0;
/// Beyond this many dots, neighbouring communes share one: the file stays
/// small enough for a phone on a poor connection.
const MAX_DOTS: usize = 5_000;
/// Room for the legend under the map.
const LEGEND_HEIGHT: f64 = 90.0;

/// A distance band, from near to far (or no place at all).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Band {
    /// Within half the radius.
    Near,
    /// Within the radius.
    Covered,
    /// Beyond the radius, within twice it.
    Beyond,
    /// Beyond twice the radius, or no place offering the service anywhere.
    Far,
}

impl Band {
    pub const ALL: [Band; 4] = [Band::Near, Band::Covered, Band::Beyond, Band::Far];

    pub fn of(distance: &CommuneDistance, radius_km: f64) -> Self {
        match distance.distance_km {
            Some(km) if km <= radius_km / 2.0 => Self::Near,
            Some(km) if km <= radius_km => Self::Covered,
            Some(km) if km <= radius_km * 2.0 => Self::Beyond,
            _ => Self::Far,
        }
    }

    /// Light to dark: the order survives greyscale printing.
    fn fill(self) -> &'static str {
        match self {
            Self::Near => "#c7e9c0",
            Self::Covered => "#74c476",
            Self::Beyond => "#e6550d",
            Self::Far => "#67000d",
        }
    }

    /// Farther bands are bigger, so they stand out without colour: a
    /// share of the spacing between dots, so dots never pile up.
    fn size(self) -> f64 {
        match self {
            Self::Near => 0.28,
            Self::Covered => 0.34,
            Self::Beyond => 0.44,
            Self::Far => 0.54,
        }
    }

    /// « jusqu’à 5 km », « de 5 à 10 km »… in the current language.
    pub fn label(self, radius_km: f64) -> String {
        let decimal = crate::i18n::t("decimal-separator");
        let km = |v: f64| -> crate::i18n::FluentValue<'static> {
            let text = format!("{v:.1}");
            text.trim_end_matches(".0").replace('.', &decimal).into()
        };
        let (key, from, to) = match self {
            Self::Near => ("band-near", km(0.0), km(radius_km / 2.0)),
            Self::Covered => ("band-between", km(radius_km / 2.0), km(radius_km)),
            Self::Beyond => ("band-between", km(radius_km), km(radius_km * 2.0)),
            Self::Far => ("band-far", km(radius_km * 2.0), km(radius_km * 2.0)),
        };
        crate::i18n::t_with(key, &[("from", from), ("to", to)])
    }
}

/// Whether a commune is drawn: for all France, the mainland and Corsica
/// only — the overseas departments would shrink it to a corner. They are in
/// the tables, and on their own map when asked for.
fn drawn(territory: &Territory, d: &CommuneDistance) -> bool {
    *territory != Territory::All || !d.commune.departement().starts_with("97")
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The departments' borders over the map's area (`bounds`: west, south,
/// east, north), the neighbours' cut at its edge: where one department
/// ends is what a volunteer reads first.
fn borders(
    out: &mut String,
    territory: &Territory,
    bounds: (f64, f64, f64, f64),
    height: f64,
    project: &dyn Fn(f64, f64) -> (f64, f64),
) {
    let (west, south, east, north) = bounds;
    let _ = write!(
        out,
        r##"<clipPath id="zone"><rect width="{WIDTH}" height="{height:.0}"/></clipPath><g clip-path="url(#zone)" fill="none" stroke="#333" stroke-width="0.8" stroke-linejoin="round">"##
    );
    // On a map of France a unit is 1.5 km: a coarser line keeps the file
    // light for a phone.
    let step = if *territory == Territory::All {
        2.5
    } else {
        1.0
    };
    for outline in outlines::all() {
        if *territory == Territory::All && outline.code.starts_with("97") {
            continue;
        }
        let (w, s, e, n) = outline.bounds();
        if e < west || w > east || n < south || s > north {
            continue;
        }
        out.push_str("<path d=\"");
        for ring in &outline.rings {
            // Points closer than a map unit to the last one drawn add bytes, not shape.
            let mut last: Option<(f64, f64)> = None;
            for &(lon, lat) in ring {
                let (x, y) = project(lon, lat);
                if last.is_some_and(|(lx, ly)| (x - lx).abs() + (y - ly).abs() < step) {
                    continue;
                }
                let command = if last.is_none() { 'M' } else { 'L' };
                let _ = write!(out, "{command}{x:.1} {y:.1}");
                last = Some((x, y));
            }
            out.push('Z');
        }
        out.push_str("\"/>");
    }
    out.push_str("</g>");
}

/// The names of the territory's most populated communes, as landmarks;
/// a name that would cover one already written is left out.
fn towns(out: &mut String, coverage: &Coverage, project: &dyn Fn(f64, f64) -> (f64, f64)) {
    let wanted = match coverage.question.territory {
        Territory::Department(_) => 6,
        Territory::Region(_) => 8,
        Territory::All => 10,
    };
    let mut largest: Vec<_> = coverage
        .distances
        .iter()
        .filter(|d| drawn(&coverage.question.territory, d))
        .map(|d| d.commune)
        .collect();
    largest.sort_by_key(|c| std::cmp::Reverse(c.population));
    let mut taken: Vec<(f64, f64, f64, f64)> = Vec::new();
    out.push_str(
        r##"<g font-family="sans-serif" font-size="13" fill="#000" stroke="#fff" stroke-width="3" paint-order="stroke">"##,
    );
    for commune in largest.into_iter().take(wanted * 3) {
        if taken.len() == wanted {
            break;
        }
        let (x, y) = project(commune.longitude, commune.latitude);
        let width = commune.nom().chars().count() as f64 * 7.0;
        // Written to the right of the mark, or to its left near the edge.
        let (left, anchor) = if x + 6.0 + width > WIDTH {
            (x - 6.0 - width, "end")
        } else {
            (x + 6.0, "start")
        };
        let label = (left, y - 11.0, left + width, y + 4.0);
        if taken
            .iter()
            .any(|t| label.0 < t.2 && t.0 < label.2 && label.1 < t.3 && t.1 < label.3)
        {
            continue;
        }
        taken.push(label);
        let text_x = if anchor == "end" { x - 6.0 } else { x + 6.0 };
        let _ = write!(
            out,
            r##"<rect x="{:.1}" y="{:.1}" width="5" height="5" fill="#000" stroke="none"/><text x="{text_x:.1}" y="{:.1}" text-anchor="{anchor}">{}</text>"##,
            x - 2.5,
            y - 2.5,
            y + 4.0,
            escape(commune.nom())
        );
    }
    out.push_str("</g>");
}

/// The map as an SVG document titled `title`.
pub fn svg(coverage: &Coverage, title: &str) -> String {
    let radius_km = coverage.question.radius_km;
    let points: Vec<(f64, f64, Band)> = coverage
        .distances
        .iter()
        .filter(|d| drawn(&coverage.question.territory, d))
        .map(|d| {
            (
                d.commune.longitude,
                d.commune.latitude,
                Band::of(d, radius_km),
            )
        })
        .collect();
    let (mut west, mut east, mut south, mut north) = (180.0_f64, -180.0_f64, 90.0_f64, -90.0_f64);
    for (lon, lat, _) in &points {
        west = west.min(*lon);
        east = east.max(*lon);
        south = south.min(*lat);
        north = north.max(*lat);
    }
    // Equirectangular, with longitudes shrunk at the territory's latitude:
    // true enough in shape at the scale of a department or of France.
    let shrink = ((south + north) / 2.0).to_radians().cos();
    let span = ((east - west) * shrink).max(north - south).max(1e-6);
    let scale = (WIDTH - 20.0) / span;
    let height = ((north - south) * scale + 20.0).max(60.0);
    let project = |lon: f64, lat: f64| {
        (
            10.0 + (lon - west) * shrink * scale,
            10.0 + (north - lat) * scale,
        )
    };

    // The finest grid that keeps the dot count bounded; a cell shows the
    // worst band among its communes, so holes are never hidden.
    let mut cells: BTreeMap<(i64, i64), Band> = BTreeMap::new();
    for cell in [1.0, 2.0, 3.0, 4.0, 6.0, 8.0, 12.0] {
        cells.clear();
        for (lon, lat, band) in &points {
            let (x, y) = project(*lon, *lat);
            let key = ((x / cell).floor() as i64, (y / cell).floor() as i64);
            let worst = cells.entry(key).or_insert(*band);
            *worst = (*worst).max(*band);
        }
        if cells.len() <= MAX_DOTS {
            // Dots are sized to the typical spacing between them: a cell on
            // a dense map, more on a sparse one (a department's few hundred).
            let spacing = (WIDTH * height / cells.len().max(1) as f64).sqrt() * 0.4;
            let unit = cell.max(spacing).min(16.0);
            let mut out = String::with_capacity(cells.len() * 32 + 2_000);
            let total_height = height + LEGEND_HEIGHT;
            let _ = write!(
                out,
                r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {total_height:.0}" role="img" aria-labelledby="titre"><title id="titre">{}</title><rect width="100%" height="100%" fill="#fff"/>"##,
                escape(title)
            );
            for band in Band::ALL {
                let _ = write!(
                    out,
                    r##"<g fill="{}" stroke="#000" stroke-width="0.25">"##,
                    band.fill()
                );
                for ((cx, cy), _) in cells.iter().filter(|(_, b)| **b == band) {
                    let _ = write!(
                        out,
                        r#"<circle cx="{:.1}" cy="{:.1}" r="{}"/>"#,
                        (*cx as f64 + 0.5) * cell,
                        (*cy as f64 + 0.5) * cell,
                        band.size() * unit
                    );
                }
                out.push_str("</g>");
            }
            borders(
                &mut out,
                &coverage.question.territory,
                (west, south, east, north),
                height,
                &project,
            );
            towns(&mut out, coverage, &project);
            for (i, band) in Band::ALL.iter().enumerate() {
                let y = height + 14.0 + i as f64 * 19.0;
                let _ = write!(
                    out,
                    r##"<circle cx="20" cy="{y:.0}" r="{}" fill="{}" stroke="#000" stroke-width="0.5"/><text x="34" y="{:.0}" font-family="sans-serif" font-size="14" fill="#000">{}</text>"##,
                    band.size() * 10.0,
                    band.fill(),
                    y + 5.0,
                    escape(&band.label(radius_km))
                );
            }
            out.push_str("</svg>");
            return out;
        }
    }
    String::new()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coverage::{Question, compute};
    use crate::places::index::PlaceIndex;
    use crate::places::store::StoredPlace;
    use crate::places::synthetic;
    use crate::territory::Communes;

    fn coverage_of(territory: Territory) -> Coverage<'static> {
        let places = synthetic::places_in(300, 3, Some("49"));
        let index = PlaceIndex::new(places.into_iter().map(StoredPlace::located).collect());
        compute(
            &index,
            Communes::get(),
            Question {
                radius_km: 10.0,
                territory,
                service: None,
            },
        )
    }

    #[test]
    fn bands_follow_the_radius_and_are_labelled_in_french() {
        assert_eq!(Band::Near.label(10.0), "jusqu’à 5 km");
        assert_eq!(Band::Covered.label(5.0), "de 2,5 à 5 km");
        assert_eq!(Band::Far.label(10.0), "plus de 20 km, ou aucun lieu");
    }

    #[test]
    fn a_department_gets_one_dot_per_commune_by_band_and_a_legend() {
        let coverage = coverage_of(Territory::Department("49".into()));
        let map = svg(&coverage, "Maine-et-Loire & co");
        assert!(map.starts_with("<svg") && map.ends_with("</svg>"));
        assert!(map.contains("<title id=\"titre\">Maine-et-Loire &amp; co</title>"));
        let dots = map.matches("<circle").count() - Band::ALL.len();
        // Communes closer than a map unit share a dot.
        assert!(
            dots <= coverage.communes && dots > coverage.communes * 9 / 10,
            "{dots}"
        );
        assert!(map.contains("plus de 20 km, ou aucun lieu"));
    }

    #[test]
    fn a_departments_map_shows_its_borders_and_its_largest_towns_by_name() {
        let coverage = coverage_of(Territory::Department("49".into()));
        let map = svg(&coverage, "Maine-et-Loire");
        assert!(map.contains("<clipPath id=\"zone\">"));
        // Its own outline and its neighbours' edges.
        assert!(
            map.matches("<path d=\"M").count() >= 5,
            "{}",
            map.matches("<path").count()
        );
        for town in ["Angers", "Cholet", "Saumur"] {
            assert!(map.contains(&format!(">{town}</text>")), "{town}");
        }
        assert!(map.len() < 100_000, "{} bytes", map.len());
    }

    #[test]
    fn all_france_stays_under_the_dot_budget_and_leaves_overseas_to_the_tables() {
        let coverage = coverage_of(Territory::All);
        let map = svg(&coverage, "France");
        let dots = map.matches("<circle").count() - Band::ALL.len();
        assert!(dots <= MAX_DOTS, "{dots}");
        assert!(map.len() < 250_000, "{} bytes", map.len());
    }
}
