//! The 34,870 communes of France (INSEE codes, postcodes, population,
//! position), shipped gzip-compressed inside the binary and parsed once on
//! first use: a user's machine has no network and no data folder.

use std::io::Read;
use std::sync::LazyLock;

use flate2::read::GzDecoder;

use crate::text::search_key;

const DATA: &[u8] = include_bytes!("../../data/communes-fr.csv.gz");

/// One commune, in 80 bytes or so: its codes inline, its name boxed. The
/// communes are loaded by every public search, so their size is most of
/// what a small node holds (the previous `String` fields weighed 11 MB).
#[derive(Clone, Debug, PartialEq)]
pub struct Commune {
    nom: Box<str>,
    code_insee: [u8; 5],
    /// Two characters, or three overseas; space-padded.
    departement: [u8; 3],
    region: [u8; 2],
    /// The first of its postcodes (the others are only looked up).
    code_postal: [u8; 5],
    pub population: u32,
    pub latitude: f64,
    pub longitude: f64,
}

/// ASCII codes as text (they are checked to be ASCII when loaded).
fn code(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).unwrap_or_default().trim_end()
}

impl Commune {
    /// The name, « Cholet ».
    pub fn nom(&self) -> &str {
        &self.nom
    }

    /// The INSEE code, « 49099 ».
    pub fn code_insee(&self) -> &str {
        code(&self.code_insee)
    }

    /// The department's code, « 49 », « 2A », « 974 ».
    pub fn departement(&self) -> &str {
        code(&self.departement)
    }

    /// The region's code, « 52 ».
    pub fn region(&self) -> &str {
        code(&self.region)
    }

    /// The commune's first postcode, « 49300 ».
    pub fn code_postal(&self) -> &str {
        code(&self.code_postal)
    }
}

/// Every commune, indexed for lookups. The indexes are positions in `list`
/// sorted by what is looked up, searched by bisection: hash maps keyed by
/// copies of the names and codes weighed 8 MB more.
pub struct Communes {
    list: Vec<Commune>,
    /// `search_key` of each name, in `list` order, end to end: computed
    /// once, not per query, and in one block rather than one box each.
    keys: String,
    /// Where each key ends in `keys`.
    key_ends: Vec<u32>,
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

/// `text` as exactly `N` ASCII bytes, space-padded.
fn fixed<const N: usize>(field: &str, text: &str) -> Result<[u8; N], String> {
    let mut bytes = [b' '; N];
    if !text.is_ascii() || text.len() > N {
        return Err(format!("{field} « {text} » : {N} caractères ASCII au plus"));
    }
    bytes[..text.len()].copy_from_slice(text.as_bytes());
    Ok(bytes)
}

static COMMUNES: LazyLock<Communes> = LazyLock::new(|| {
    // The data is part of the binary and checked by tests: a failure here
    // is a build defect, not something a user can cause.
    #[allow(clippy::expect_used)]
    Communes::parse(DATA).expect("the embedded communes data is valid")
});

/// One line of the embedded communes file, borrowed from it.
#[derive(serde::Deserialize)]
struct CsvCommune<'a> {
    code_insee: &'a str,
    nom: &'a str,
    departement: &'a str,
    region: &'a str,
    codes_postaux: &'a str,
    population: u32,
    latitude: f64,
    longitude: f64,
}

/// The edit distance (insertions, deletions, substitutions of bytes)
/// between `a` and `b` when it is at most `limit`; `None` beyond, found
/// without filling the whole table.
fn edit_distance_within(a: &str, b: &str, limit: usize) -> Option<usize> {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, &x) in a.iter().enumerate() {
        current[0] = i + 1;
        let mut row_min = current[0];
        for (j, &y) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(x != y);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
            row_min = row_min.min(current[j + 1]);
        }
        if row_min > limit {
            return None;
        }
        std::mem::swap(&mut previous, &mut current);
    }
    Some(previous[b.len()]).filter(|d| *d <= limit)
}

/// Whether a position lies in mainland France or Corsica (generously).
#[cfg(test)]
fn in_mainland(latitude: f64, longitude: f64) -> bool {
    (41.0..=51.5).contains(&latitude) && (-5.5..=10.0).contains(&longitude)
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
        let mut postcodes = Vec::with_capacity(35_000);
        let mut record = csv::StringRecord::new();
        let headers = reader.headers().map_err(|e| e.to_string())?.clone();
        while reader.read_record(&mut record).map_err(|e| e.to_string())? {
            let row: CsvCommune = record
                .deserialize(Some(&headers))
                .map_err(|e| e.to_string())?;
            let codes: Vec<[u8; 5]> = row
                .codes_postaux
                .split_whitespace()
                .filter_map(postcode_bytes)
                .collect();
            list.push(Commune {
                nom: row.nom.into(),
                code_insee: fixed("code_insee", row.code_insee)?,
                departement: fixed("departement", row.departement)?,
                region: fixed("region", row.region)?,
                code_postal: codes.first().copied().unwrap_or([b' '; 5]),
                population: row.population,
                latitude: row.latitude,
                longitude: row.longitude,
            });
            postcodes.push(codes);
        }
        // Biggest first, so every lookup lists the likeliest commune first.
        let mut sorted: Vec<(Commune, Vec<[u8; 5]>)> = list.into_iter().zip(postcodes).collect();
        sorted.sort_by(|(a, _), (b, _)| {
            b.population
                .cmp(&a.population)
                .then_with(|| a.code_insee.cmp(&b.code_insee))
        });
        let (list, postcodes): (Vec<Commune>, Vec<Vec<[u8; 5]>>) = sorted.into_iter().unzip();
        let mut keys = String::new();
        let mut key_ends = Vec::with_capacity(list.len());
        for commune in &list {
            keys.push_str(&search_key(&commune.nom));
            key_ends.push(position(keys.len()));
        }
        keys.shrink_to_fit();
        let mut communes = Self {
            list,
            keys,
            key_ends,
            by_code: Vec::new(),
            by_name: Vec::new(),
            by_postcode: Vec::new(),
        };
        let mut by_code: Vec<u32> = (0..communes.list.len()).map(position).collect();
        by_code.sort_by_key(|&i| communes.list[i as usize].code_insee);
        let mut by_name: Vec<u32> = (0..communes.list.len()).map(position).collect();
        // Stable: equal names keep the list's order, most populated first.
        by_name.sort_by(|&a, &b| communes.key(a).cmp(communes.key(b)));
        let mut by_postcode: Vec<([u8; 5], u32)> = postcodes
            .iter()
            .enumerate()
            .flat_map(|(i, codes)| codes.iter().map(move |&p| (p, position(i))))
            .collect();
        by_postcode.sort();
        communes.by_code = by_code;
        communes.by_name = by_name;
        communes.by_postcode = by_postcode;
        Ok(communes)
    }

    /// The search key of the name of the commune at position `i`.
    fn key(&self, i: u32) -> &str {
        let i = i as usize;
        let start = i
            .checked_sub(1)
            .map_or(0, |before| self.key_ends[before] as usize);
        self.keys
            .get(start..self.key_ends[i] as usize)
            .unwrap_or_default()
    }

    /// Every commune, most populated first.
    pub fn all(&self) -> &[Commune] {
        &self.list
    }

    /// The commune with this INSEE code.
    pub fn by_insee(&self, code: &str) -> Option<&Commune> {
        let found = self
            .by_code
            .binary_search_by(|&i| self.list[i as usize].code_insee().cmp(code))
            .ok()?;
        Some(&self.list[self.by_code[found] as usize])
    }

    /// Positions of the communes whose name key is `key`, most populated first.
    fn named(&self, key: &str) -> &[u32] {
        let name = |i: &u32| self.key(*i);
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
                .filter(|&&i| key.contains(self.key(i)))
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
        (0..self.list.len())
            .map(position)
            .filter(|&i| self.key(i).starts_with(&key))
            .map(|i| &self.list[i as usize])
            .take(10)
            .collect()
    }

    /// Communes whose name is one or two typing mistakes away from
    /// `typed` (« Chollet », « Angres »), the closest first, then the most
    /// populated: what a person who misspelled a commune most likely meant.
    pub fn suggest(&self, typed: &str, most: usize) -> Vec<&Commune> {
        let key = search_key(typed);
        // Short words match too much; long text is not a commune's name.
        if key.len() < 4 || key.len() > 60 {
            return Vec::new();
        }
        let mut found: Vec<(usize, std::cmp::Reverse<u32>, u32)> = (0..self.list.len())
            .map(position)
            .filter_map(|i| {
                let distance = edit_distance_within(self.key(i), &key, 2)?;
                Some((
                    distance,
                    std::cmp::Reverse(self.list[i as usize].population),
                    i,
                ))
            })
            .collect();
        found.sort_unstable();
        found
            .into_iter()
            .take(most)
            .map(|(_, _, i)| &self.list[i as usize])
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
    fn a_misspelled_commune_suggests_the_likely_ones_most_populated_first() {
        let communes = Communes::get();
        let names: Vec<&str> = communes
            .suggest("Chollet", 3)
            .iter()
            .map(|c| c.nom())
            .collect();
        assert_eq!(names.first(), Some(&"Cholet"), "{names:?}");
        // « Angres » is a commune of its own (Pas-de-Calais): a real typo instead.
        let names: Vec<&str> = communes
            .suggest("Angerss", 5)
            .iter()
            .map(|c| c.nom())
            .collect();
        assert_eq!(names.first(), Some(&"Angers"), "{names:?}");
        assert!(communes.suggest("zz", 5).is_empty());
        assert_eq!(edit_distance_within("cholet", "chollet", 2), Some(1));
        assert_eq!(edit_distance_within("angers", "angres", 2), Some(2));
        assert_eq!(edit_distance_within("paris", "marseille", 2), None);
    }

    #[test]
    fn the_embedded_data_holds_every_commune_with_the_stated_total_population() {
        let communes = Communes::get();
        assert_eq!(communes.all().len(), 34_870);
        let total: u64 = communes.all().iter().map(|c| u64::from(c.population)).sum();
        assert_eq!(total, 68_348_171);
        assert_eq!(communes.all()[0].nom(), "Paris");
    }

    #[test]
    fn every_mainland_commune_stands_in_the_mainland_the_seven_once_misplaced_included() {
        for commune in Communes::get().all() {
            if !commune.departement().starts_with("97") {
                assert!(
                    in_mainland(commune.latitude, commune.longitude),
                    "{commune:?}"
                );
            }
        }
        // Vincey (Vosges) and Coudun (Oise) had their latitude as longitude
        // before the shared file was corrected (2026-12-02).
        let vincey = Communes::get().by_insee("88513").unwrap();
        assert!((vincey.longitude - 6.33).abs() < 0.3, "{vincey:?}");
        let coudun = Communes::get().by_insee("60166").unwrap();
        assert!((coudun.longitude - 2.798).abs() < 0.01, "{coudun:?}");
    }

    #[test]
    fn a_commune_is_found_by_name_whatever_the_case_and_accents() {
        let found = Communes::get().resolve("cholet");
        assert_eq!(found[0].code_insee(), "49099");
        assert_eq!(Communes::get().resolve("ANGERS")[0].code_insee(), "49007");
        let saint_etienne = Communes::get().resolve("st etienne");
        assert_eq!(saint_etienne[0].nom(), "Saint-Étienne");
    }

    #[test]
    fn a_postcode_gives_its_communes_and_a_name_beside_it_picks_one() {
        let by_code = Communes::get().resolve("49300");
        assert!(by_code.iter().any(|c| c.nom() == "Cholet"));
        let named = Communes::get().resolve("12 rue Nationale, 49300 Cholet");
        assert_eq!(named.len(), 1);
        assert_eq!(named[0].nom(), "Cholet");
    }

    #[test]
    fn each_postcode_of_a_commune_with_several_finds_it() {
        let paris = Communes::get().resolve("Paris")[0];
        assert_eq!(paris.code_postal(), "75001");
        for postcode in ["75001", "75015", "75116"] {
            assert_eq!(Communes::get().resolve(postcode)[0].nom(), paris.nom());
        }
        assert_eq!(
            (paris.code_insee(), paris.departement(), paris.region()),
            ("75056", "75", "11")
        );
    }

    #[test]
    fn an_address_ending_with_a_commune_name_resolves_to_it() {
        assert_eq!(
            Communes::get().resolve("3 place du Ralliement Angers")[0].nom(),
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
                .all(|c| search_key(c.nom()).starts_with("sainte genevieve d"))
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
            Communes::get().by_insee("2A004").map(|c| c.nom()),
            Some("Ajaccio")
        );
        assert_eq!(
            Communes::get().by_insee("97411").map(|c| c.departement()),
            Some("974")
        );
    }
}
