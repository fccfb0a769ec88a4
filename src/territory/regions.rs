//! The regions (INSEE codes, 2016 map) and departments of France, by code
//! and name: what a coverage question can be scoped to, and how to say it.

/// Every region: INSEE code and name.
pub const REGIONS: [(&str, &str); 18] = [
    ("01", "Guadeloupe"),
    ("02", "Martinique"),
    ("03", "Guyane"),
    ("04", "La Réunion"),
    ("06", "Mayotte"),
    ("11", "Île-de-France"),
    ("24", "Centre-Val de Loire"),
    ("27", "Bourgogne-Franche-Comté"),
    ("28", "Normandie"),
    ("32", "Hauts-de-France"),
    ("44", "Grand Est"),
    ("52", "Pays de la Loire"),
    ("53", "Bretagne"),
    ("75", "Nouvelle-Aquitaine"),
    ("76", "Occitanie"),
    ("84", "Auvergne-Rhône-Alpes"),
    ("93", "Provence-Alpes-Côte d’Azur"),
    ("94", "Corse"),
];

/// The name of the region with this code.
pub fn region_name(code: &str) -> Option<&'static str> {
    REGIONS
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, name)| *name)
}

/// Every department: code and name.
pub const DEPARTMENTS: [(&str, &str); 101] = [
    ("01", "Ain"),
    ("02", "Aisne"),
    ("03", "Allier"),
    ("04", "Alpes-de-Haute-Provence"),
    ("05", "Hautes-Alpes"),
    ("06", "Alpes-Maritimes"),
    ("07", "Ardèche"),
    ("08", "Ardennes"),
    ("09", "Ariège"),
    ("10", "Aube"),
    ("11", "Aude"),
    ("12", "Aveyron"),
    ("13", "Bouches-du-Rhône"),
    ("14", "Calvados"),
    ("15", "Cantal"),
    ("16", "Charente"),
    ("17", "Charente-Maritime"),
    ("18", "Cher"),
    ("19", "Corrèze"),
    ("21", "Côte-d’Or"),
    ("22", "Côtes-d’Armor"),
    ("23", "Creuse"),
    ("24", "Dordogne"),
    ("25", "Doubs"),
    ("26", "Drôme"),
    ("27", "Eure"),
    ("28", "Eure-et-Loir"),
    ("29", "Finistère"),
    ("2A", "Corse-du-Sud"),
    ("2B", "Haute-Corse"),
    ("30", "Gard"),
    ("31", "Haute-Garonne"),
    ("32", "Gers"),
    ("33", "Gironde"),
    ("34", "Hérault"),
    ("35", "Ille-et-Vilaine"),
    ("36", "Indre"),
    ("37", "Indre-et-Loire"),
    ("38", "Isère"),
    ("39", "Jura"),
    ("40", "Landes"),
    ("41", "Loir-et-Cher"),
    ("42", "Loire"),
    ("43", "Haute-Loire"),
    ("44", "Loire-Atlantique"),
    ("45", "Loiret"),
    ("46", "Lot"),
    ("47", "Lot-et-Garonne"),
    ("48", "Lozère"),
    ("49", "Maine-et-Loire"),
    ("50", "Manche"),
    ("51", "Marne"),
    ("52", "Haute-Marne"),
    ("53", "Mayenne"),
    ("54", "Meurthe-et-Moselle"),
    ("55", "Meuse"),
    ("56", "Morbihan"),
    ("57", "Moselle"),
    ("58", "Nièvre"),
    ("59", "Nord"),
    ("60", "Oise"),
    ("61", "Orne"),
    ("62", "Pas-de-Calais"),
    ("63", "Puy-de-Dôme"),
    ("64", "Pyrénées-Atlantiques"),
    ("65", "Hautes-Pyrénées"),
    ("66", "Pyrénées-Orientales"),
    ("67", "Bas-Rhin"),
    ("68", "Haut-Rhin"),
    ("69", "Rhône"),
    ("70", "Haute-Saône"),
    ("71", "Saône-et-Loire"),
    ("72", "Sarthe"),
    ("73", "Savoie"),
    ("74", "Haute-Savoie"),
    ("75", "Paris"),
    ("76", "Seine-Maritime"),
    ("77", "Seine-et-Marne"),
    ("78", "Yvelines"),
    ("79", "Deux-Sèvres"),
    ("80", "Somme"),
    ("81", "Tarn"),
    ("82", "Tarn-et-Garonne"),
    ("83", "Var"),
    ("84", "Vaucluse"),
    ("85", "Vendée"),
    ("86", "Vienne"),
    ("87", "Haute-Vienne"),
    ("88", "Vosges"),
    ("89", "Yonne"),
    ("90", "Territoire de Belfort"),
    ("91", "Essonne"),
    ("92", "Hauts-de-Seine"),
    ("93", "Seine-Saint-Denis"),
    ("94", "Val-de-Marne"),
    ("95", "Val-d’Oise"),
    ("971", "Guadeloupe"),
    ("972", "Martinique"),
    ("973", "Guyane"),
    ("974", "La Réunion"),
    ("976", "Mayotte"),
];

/// The name of the department with this code.
pub fn department_name(code: &str) -> Option<&'static str> {
    DEPARTMENTS
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, name)| *name)
}

/// The department a person typed: its code (« 49 », « 2a »), its name
/// with or without accents and hyphens (« maine et loire »), or both as the
/// completion list offers them (« 49 – Maine-et-Loire »).
pub fn department_code(typed: &str) -> Option<&'static str> {
    let key = crate::text::search_key(typed);
    let code_typed = key.split(' ').next().unwrap_or_default();
    DEPARTMENTS
        .iter()
        .find(|(code, name)| {
            code.eq_ignore_ascii_case(code_typed)
                && (key == code_typed || key.ends_with(&crate::text::search_key(name)))
                || crate::text::search_key(name) == key
        })
        .map(|(code, _)| *code)
}

/// The region of a department (`49` → `52`).
pub fn region_of_department(code: &str) -> Option<&'static str> {
    static BY_DEPARTMENT: std::sync::OnceLock<
        std::collections::HashMap<&'static str, &'static str>,
    > = std::sync::OnceLock::new();
    let regions = BY_DEPARTMENT.get_or_init(|| {
        let communes = super::Communes::get().all();
        DEPARTMENTS
            .iter()
            .filter_map(|(department, _)| {
                let commune = communes.iter().find(|c| c.departement() == *department)?;
                let region = REGIONS
                    .iter()
                    .find(|(c, _)| *c == commune.region())
                    .map(|(c, _)| *c)?;
                Some((*department, region))
            })
            .collect()
    });
    regions.get(code).copied()
}

/// The department of a place, from its INSEE code or else its postcode.
pub fn department_of(code_insee: Option<&str>, code_postal: &str) -> Option<&'static str> {
    let communes = super::Communes::get();
    let commune = code_insee
        .and_then(|code| communes.by_insee(code))
        .or_else(|| communes.resolve(code_postal).into_iter().next())?;
    DEPARTMENTS
        .iter()
        .find(|(code, _)| *code == commune.departement())
        .map(|(code, _)| *code)
}

/// How many of `places` (INSEE code if known, postcode) each department
/// holds, most first.
pub fn departments_holding<'a>(
    places: impl Iterator<Item = (Option<&'a str>, &'a str)>,
) -> Vec<(&'static str, usize)> {
    let mut counts: std::collections::HashMap<&'static str, usize> =
        std::collections::HashMap::new();
    for (code_insee, code_postal) in places {
        if let Some(code) = department_of(code_insee, code_postal) {
            *counts.entry(code).or_default() += 1;
        }
    }
    let mut counts: Vec<_> = counts.into_iter().collect();
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    counts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::territory::Communes;

    #[test]
    fn a_department_is_found_by_code_name_or_both() {
        for typed in [
            "49",
            "Maine-et-Loire",
            "maine et loire",
            "49 – Maine-et-Loire",
            " MAINE-ET-LOIRE ",
        ] {
            assert_eq!(department_code(typed), Some("49"), "{typed}");
        }
        assert_eq!(department_code("2a"), Some("2A"));
        assert_eq!(department_code("Val-d’Oise"), Some("95"));
        assert_eq!(department_code("la reunion"), Some("974"));
        for unknown in ["99", "Loire-Atlantiqu", "", "49 – Vendée"] {
            assert_eq!(department_code(unknown), None, "{unknown}");
        }
    }

    #[test]
    fn a_places_department_comes_from_its_insee_code_or_postcode() {
        assert_eq!(department_of(Some("49099"), "49300"), Some("49"));
        assert_eq!(department_of(None, "49300"), Some("49"));
        assert_eq!(department_of(Some("2A004"), "20000"), Some("2A"));
        assert_eq!(department_of(None, "00000"), None);
    }

    #[test]
    fn every_commune_belongs_to_a_named_region_and_a_known_department() {
        for commune in Communes::get().all() {
            assert!(
                region_name(commune.region()).is_some(),
                "{}",
                commune.region()
            );
            assert!(
                department_name(commune.departement()).is_some(),
                "{}",
                commune.departement()
            );
        }
        let with_communes: std::collections::HashSet<&str> = Communes::get()
            .all()
            .iter()
            .map(|c| c.departement())
            .collect();
        assert_eq!(
            with_communes.len(),
            DEPARTMENTS.len(),
            "every department has communes"
        );
    }
}
