//! The 34,870 communes of France (INSEE codes, postcodes, population,
//! position), shipped gzip-compressed inside the binary and parsed once on
//! first use: a user's machine has no network and no data folder.

use std::io::Read;
use std::sync::LazyLock;

use flate2::read::GzDecoder;

use crate::text::search_key;

const DATA: &[u8] = include_bytes!("../../data/communes-fr.csv.gz");

/// One commune.
#[derive(Clone, Debug, PartialEq)]
pub struct Commune {
    pub code_insee: String,
    pub nom: String,
    pub departement: String,
    pub region: String,
    pub codes_postaux: Vec<String>,
    pub population: u32,
    pub latitude: f64,
    pub longitude: f64,
}

/// Every commune, indexed for lookups. The indexes are positions in `list`
/// sorted by what is looked up, searched by bisection: hash maps keyed by
/// copies of the names and codes weighed 8 MB more.
pub struct Communes {
    list: Vec<Commune>,
    /// `search_key` of each name, in `list` order: computed once, not per query.
    keys: Vec<Box<str>>,
    /// Positions by INSEE code.
    by_code: Vec<u32>,
    /// Positions by name key, most populated first among equal names.
    by_name: Vec<u32>,
    /// (postcode, position), by postcode, most populated first.
    by_postcode: Vec<([u8; 5], u32)>,
}

/// The position `i` of a list as stored in the indexes (the list holds
/// 34,870 communes).
fn position(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

/// A five-digit postcode as bytes; anything else is no postcode.
fn postcode_bytes(code: &str) -> Option<[u8; 5]> {
    code.as_bytes().try_into().ok()
}

static COMMUNES: LazyLock<Communes> = LazyLock::new(|| {
    // The data is part of the binary and checked by tests: a failure here
    // is a build defect, not something a user can cause.
    #[allow(clippy::expect_used)]
    Communes::parse(DATA).expect("the embedded communes data is valid")
});

#[derive(serde::Deserialize)]
struct Row {
    code_insee: String,
    nom: String,
    departement: String,
    region: String,
    codes_postaux: String,
    population: u32,
    latitude: f64,
    longitude: f64,
}

/// Whether a position lies in mainland France or Corsica (generously).
fn in_mainland(latitude: f64, longitude: f64) -> bool {
    (41.0..=51.5).contains(&latitude) && (-5.5..=10.0).contains(&longitude)
}

/// The source data has a few mainland communes whose longitude is a copy of
/// their latitude (Vincey, Coudun…), which puts them in Russia. Such a
/// commune is placed at the mean position of the communes sharing its
/// postcode: a few kilometres off at worst, instead of thousands.
fn repair_misplaced(list: &mut [Commune]) {
    let misplaced: Vec<usize> = (0..list.len())
        .filter(|&i| {
            let c = &list[i];
            !c.departement.starts_with("97") && !in_mainland(c.latitude, c.longitude)
        })
        .collect();
    for i in misplaced {
        let neighbours: Vec<(f64, f64)> = list
            .iter()
            .filter(|c| {
                c.codes_postaux
                    .iter()
                    .any(|p| list[i].codes_postaux.contains(p))
                    && in_mainland(c.latitude, c.longitude)
            })
            .map(|c| (c.latitude, c.longitude))
            .collect();
        if neighbours.is_empty() {
            continue;
        }
        let n = neighbours.len() as f64;
        list[i].latitude = neighbours.iter().map(|p| p.0).sum::<f64>() / n;
        list[i].longitude = neighbours.iter().map(|p| p.1).sum::<f64>() / n;
    }
}

impl Communes {
    /// The embedded communes (parsed on first call, about 50 ms).
    pub fn get() -> &'static Communes {
        &COMMUNES
    }

    fn parse(gzipped: &[u8]) -> Result<Self, String> {
        let mut text = String::new();
        GzDecoder::new(gzipped)
            .read_to_string(&mut text)
            .map_err(|e| e.to_string())?;
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let mut list = Vec::with_capacity(35_000);
        for row in reader.deserialize::<Row>() {
            let row = row.map_err(|e| e.to_string())?;
            list.push(Commune {
                codes_postaux: row
                    .codes_postaux
                    .split_whitespace()
                    .map(str::to_owned)
                    .collect(),
                code_insee: row.code_insee,
                nom: row.nom,
                departement: row.departement,
                region: row.region,
                population: row.population,
                latitude: row.latitude,
                longitude: row.longitude,
            });
        }
        repair_misplaced(&mut list);
        // Biggest first, so every lookup lists the likeliest commune first.
        list.sort_by(|a, b| {
            b.population
                .cmp(&a.population)
                .then_with(|| a.code_insee.cmp(&b.code_insee))
        });
        let keys: Vec<Box<str>> = list.iter().map(|c| search_key(&c.nom).into()).collect();
        let mut by_code: Vec<u32> = (0..list.len()).map(position).collect();
        by_code.sort_by(|&a, &b| {
            list[a as usize]
                .code_insee
                .cmp(&list[b as usize].code_insee)
        });
        let mut by_name: Vec<u32> = (0..list.len()).map(position).collect();
        // Stable: equal names keep the list's order, most populated first.
        by_name.sort_by(|&a, &b| keys[a as usize].cmp(&keys[b as usize]));
        let mut by_postcode: Vec<([u8; 5], u32)> = list
            .iter()
            .enumerate()
            .flat_map(|(i, c)| {
                c.codes_postaux
                    .iter()
                    .filter_map(move |p| Some((postcode_bytes(p)?, position(i))))
            })
            .collect();
        by_postcode.sort();
        Ok(Self {
            list,
            keys,
            by_code,
            by_name,
            by_postcode,
        })
    }

    /// Every commune, most populated first.
    pub fn all(&self) -> &[Commune] {
        &self.list
    }

    /// The commune with this INSEE code.
    pub fn by_insee(&self, code: &str) -> Option<&Commune> {
        let found = self
            .by_code
            .binary_search_by(|&i| self.list[i as usize].code_insee.as_str().cmp(code))
            .ok()?;
        Some(&self.list[self.by_code[found] as usize])
    }

    /// Positions of the communes whose name key is `key`, most populated first.
    fn named(&self, key: &str) -> &[u32] {
        let name = |i: &u32| &*self.keys[*i as usize];
        let start = self.by_name.partition_point(|i| name(i) < key);
        let end = self.by_name.partition_point(|i| name(i) <= key);
        &self.by_name[start..end]
    }

    /// The (postcode, position) pairs of this postcode, most populated first.
    fn with_postcode(&self, postcode: &str) -> &[([u8; 5], u32)] {
        let Some(code) = postcode_bytes(postcode) else {
            return &[];
        };
        let start = self.by_postcode.partition_point(|(p, _)| *p < code);
        let end = self.by_postcode.partition_point(|(p, _)| *p <= code);
        &self.by_postcode[start..end]
    }

    /// The communes matching what a person typed — a postcode, a commune
    /// name, or an address ending with them — likeliest first.
    pub fn resolve(&self, typed: &str) -> Vec<&Commune> {
        let key = search_key(typed);
        if key.is_empty() {
            return Vec::new();
        }
        let postcode = key
            .split(' ')
            .find(|w| w.len() == 5 && w.bytes().all(|b| b.is_ascii_digit()));
        if let Some(postcode) = postcode {
            let indices = self.with_postcode(postcode).iter().map(|(_, i)| i);
            // « 49300 Cholet »: among the postcode's communes, the one named.
            let named: Vec<_> = indices
                .clone()
                .filter(|&&i| key.contains(&*self.keys[i as usize]))
                .map(|&i| &self.list[i as usize])
                .collect();
            return if named.is_empty() {
                self.indices(indices)
            } else {
                named
            };
        }
        let exact = self.named(&key);
        if !exact.is_empty() {
            return self.indices(exact);
        }
        // An address: the longest run of final words that names a commune.
        let words: Vec<&str> = key.split(' ').collect();
        for start in 1..words.len() {
            let found = self.named(&words[start..].join(" "));
            if !found.is_empty() {
                return self.indices(found);
            }
        }
        // The beginning of a name, for « sainte genevieve d » and typos at the end.
        self.list
            .iter()
            .zip(&self.keys)
            .filter(|(_, name)| name.starts_with(&key))
            .map(|(commune, _)| commune)
            .take(10)
            .collect()
    }

    fn indices<'a>(&self, indices: impl IntoIterator<Item = &'a u32>) -> Vec<&Commune> {
        indices
            .into_iter()
            .map(|&i| &self.list[i as usize])
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_data_holds_every_commune_with_the_stated_total_population() {
        let communes = Communes::get();
        assert_eq!(communes.all().len(), 34_870);
        let total: u64 = communes.all().iter().map(|c| u64::from(c.population)).sum();
        assert_eq!(total, 68_348_171);
        assert_eq!(communes.all()[0].nom, "Paris");
    }

    #[test]
    fn every_mainland_commune_stands_in_the_mainland_even_where_the_source_is_wrong() {
        for commune in Communes::get().all() {
            if !commune.departement.starts_with("97") {
                assert!(
                    in_mainland(commune.latitude, commune.longitude),
                    "{commune:?}"
                );
            }
        }
        // Vincey (Vosges): longitude 48.34 in the source, about 6.3 in truth.
        let vincey = Communes::get().by_insee("88513").unwrap();
        assert!((vincey.longitude - 6.33).abs() < 0.3, "{vincey:?}");
    }

    #[test]
    fn a_commune_is_found_by_name_whatever_the_case_and_accents() {
        let found = Communes::get().resolve("cholet");
        assert_eq!(found[0].code_insee, "49099");
        assert_eq!(Communes::get().resolve("ANGERS")[0].code_insee, "49007");
        let saint_etienne = Communes::get().resolve("st etienne");
        assert_eq!(saint_etienne[0].nom, "Saint-Étienne");
    }

    #[test]
    fn a_postcode_gives_its_communes_and_a_name_beside_it_picks_one() {
        let by_code = Communes::get().resolve("49300");
        assert!(by_code.iter().any(|c| c.nom == "Cholet"));
        let named = Communes::get().resolve("12 rue Nationale, 49300 Cholet");
        assert_eq!(named.len(), 1);
        assert_eq!(named[0].nom, "Cholet");
    }

    #[test]
    fn an_address_ending_with_a_commune_name_resolves_to_it() {
        assert_eq!(
            Communes::get().resolve("3 place du Ralliement Angers")[0].nom,
            "Angers"
        );
    }

    #[test]
    fn homonyms_come_most_populated_first() {
        let found = Communes::get().resolve("Saint-Denis");
        assert!(found.len() > 1);
        assert!(found.windows(2).all(|w| w[0].population >= w[1].population));
    }

    #[test]
    fn the_beginning_of_a_name_offers_the_biggest_communes_it_starts() {
        let found = Communes::get().resolve("Sainte-Geneviève-d");
        assert!(!found.is_empty() && found.len() <= 10);
        assert!(
            found
                .iter()
                .all(|c| search_key(&c.nom).starts_with("sainte genevieve d"))
        );
        assert!(found.windows(2).all(|w| w[0].population >= w[1].population));
    }

    #[test]
    fn nothing_typed_or_nothing_known_resolves_to_nothing() {
        assert!(Communes::get().resolve("  ").is_empty());
        assert!(Communes::get().resolve("Zzyzx-sur-Rien").is_empty());
        assert!(Communes::get().resolve("00000").is_empty());
    }

    #[test]
    fn overseas_and_corsican_codes_are_looked_up() {
        assert_eq!(
            Communes::get().by_insee("2A004").map(|c| c.nom.as_str()),
            Some("Ajaccio")
        );
        assert_eq!(
            Communes::get()
                .by_insee("97411")
                .map(|c| c.departement.as_str()),
            Some("974")
        );
    }
}
