//! The closed lists of the national schema (v1.0.2), value for value.
//!
//! Multi-valued fields are lists in Maille and `|`-joined in CSV; each value
//! must be one of these, spelled exactly as the schema spells it (they are
//! also the French labels shown to people).

/// One enumerated field of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Vocabulary {
    /// The schema's field name.
    pub field: &'static str,
    /// Every accepted value, in the schema's order.
    pub values: &'static [&'static str],
}

/// The closed lists people see on public pages, whose values have a label
/// in the catalogue (`locales/*/vocabulary.ftl`, keyed `field-position`);
/// the others are names (of programmes, of labels), shown as they are.
const LABELLED: [&str; 7] = [
    "services",
    "publics_specifiquement_adresses",
    "prise_en_charge_specifique",
    "frais_a_charge",
    "modalites_acces",
    "modalites_accompagnement",
    "itinerance",
];

impl Vocabulary {
    /// `value` as people read it in the current language (the schema's own
    /// French value is what filters, exports and the API use).
    pub fn label(&self, value: &str) -> String {
        match self.values.iter().position(|v| *v == value) {
            Some(i) if LABELLED.contains(&self.field) => {
                crate::i18n::t(&format!("{}-{i}", self.field))
            }
            _ => value.to_owned(),
        }
    }

    /// The canonical spelling of `value`, if it belongs to the list.
    pub fn find(&self, value: &str) -> Option<&'static str> {
        self.values.iter().copied().find(|v| *v == value)
    }
}

pub const SERVICES: Vocabulary = Vocabulary {
    field: "services",
    values: &[
        "Aide aux démarches administratives",
        "Maîtrise des outils numériques du quotidien",
        "Insertion professionnelle via le numérique",
        "Utilisation sécurisée du numérique",
        "Parentalité et éducation avec le numérique",
        "Loisirs et créations numériques",
        "Compréhension du monde numérique",
        "Accès internet et matériel informatique",
        "Acquisition de matériel informatique à prix solidaire",
    ],
};

pub const PUBLICS: Vocabulary = Vocabulary {
    field: "publics_specifiquement_adresses",
    values: &[
        "Jeunes",
        "Étudiants",
        "Familles et/ou enfants",
        "Seniors",
        "Femmes",
    ],
};

pub const SPECIFIC_SUPPORT: Vocabulary = Vocabulary {
    field: "prise_en_charge_specifique",
    values: &[
        "Surdité",
        "Handicaps moteurs",
        "Handicaps mentaux",
        "Illettrisme",
        "Langues étrangères (anglais)",
        "Langues étrangères (autres)",
        "Déficience visuelle",
    ],
};

pub const FEES: Vocabulary = Vocabulary {
    field: "frais_a_charge",
    values: &["Gratuit", "Gratuit sous condition", "Payant"],
};

pub const NATIONAL_PROGRAMMES: Vocabulary = Vocabulary {
    field: "dispositif_programmes_nationaux",
    values: &[
        "Aidants Connect",
        "Bibliothèques numérique de référence",
        "Certification PIX",
        "Conseillers numériques",
        "Emmaüs Connect",
        "France Services",
        "Grande école du numérique",
        "La Croix Rouge",
        "Point d'accès numérique CAF",
        "Promeneurs du net",
        "Relais numérique (Emmaüs Connect)",
    ],
};

pub const TRAININGS_LABELS: Vocabulary = Vocabulary {
    field: "formations_labels",
    values: &[
        "Formé à « Mon Espace Santé »",
        "Formé à « DUPLEX » (illettrisme)",
        "Arnia/MedNum BFC (Bourgogne-Franche-Comté)",
        "Collectif ressources et acteurs réemploi (Normandie)",
        "Étapes numériques(La Poste)",
        "Fabriques de Territoire",
        "Les Éclaireurs du numérique (Drôme)",
        "Mes Papiers (Métropole de Lyon)",
        "ORDI 3.0",
        "SUD LABS (PACA)",
    ],
};

pub const ACCESS_MODES: Vocabulary = Vocabulary {
    field: "modalites_acces",
    values: &[
        "Se présenter",
        "Téléphoner",
        "Contacter par mail",
        "Prendre un RDV en ligne",
        "Ce lieu n'accueille pas de public",
        "Envoyer un mail avec une fiche de prescription",
    ],
};

pub const SUPPORT_MODES: Vocabulary = Vocabulary {
    field: "modalites_accompagnement",
    values: &[
        "En autonomie",
        "Accompagnement individuel",
        "Dans un atelier collectif",
        "À distance",
    ],
};

pub const ITINERANCY: Vocabulary = Vocabulary {
    field: "itinerance",
    values: &["Itinérant", "Fixe"],
};

/// Every enumerated field.
pub const ALL: [Vocabulary; 9] = [
    SERVICES,
    PUBLICS,
    SPECIFIC_SUPPORT,
    FEES,
    NATIONAL_PROGRAMMES,
    TRAININGS_LABELS,
    ACCESS_MODES,
    SUPPORT_MODES,
    ITINERANCY,
];

/// The structure types of data.inclusion's typology most often met among
/// digital-inclusion places, as codes and the words a person reads. The
/// schema's `typologie` takes any code of that typology: the place form
/// offers these as choices and keeps a text field for the others.
pub const TYPOLOGIES: [(&str, &str); 14] = [
    ("CS", "Centre social"),
    ("EVS", "Espace de vie sociale"),
    ("TIERS_LIEUX", "Tiers-lieu"),
    ("ASSO", "Association"),
    ("BIB", "Bibliothèque ou médiathèque"),
    ("MJC", "Maison des jeunes et de la culture"),
    ("MQ", "Maison de quartier"),
    ("CCAS", "Centre communal d’action sociale"),
    ("CIAS", "Centre intercommunal d’action sociale"),
    ("MUNI", "Mairie"),
    ("EPCI", "Intercommunalité"),
    ("PIMMS", "Point information médiation multi-services"),
    ("FABLAB", "Fablab"),
    ("ML", "Mission locale"),
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The lists are checked against the official schema file, so a new
    /// schema version cannot silently disagree with Maille.
    #[test]
    fn every_list_matches_the_pattern_of_the_official_schema() {
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("schema-lieux.json")).unwrap();
        for vocabulary in ALL {
            let field = schema["fields"]
                .as_array()
                .unwrap()
                .iter()
                .find(|f| f["name"] == vocabulary.field)
                .unwrap_or_else(|| panic!("{} not in the schema", vocabulary.field));
            let pattern = field["constraints"]["pattern"].as_str().unwrap();
            let inner = pattern
                .strip_prefix("(?:(?:^|\\|)(")
                .and_then(|p| p.strip_suffix("))+$"))
                .unwrap_or_else(|| panic!("unexpected pattern shape for {}", vocabulary.field));
            let official: Vec<String> = inner.split('|').map(|v| v.replace('\\', "")).collect();
            assert_eq!(official, vocabulary.values, "{}", vocabulary.field);
        }
    }
}
