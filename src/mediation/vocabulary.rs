//! The closed lists of the national activity-report model
//! (`../shared/data/referentials/mediation-activity-model.md`): the codes
//! are that tool's, so figures stay comparable across the country and the
//! API speaks them; the labels are what mediators read (staff pages are
//! French until their catalogue exists).
//!
//! Themes and materials are stored as bit sets: a code's position in its
//! list is its bit, so these lists only ever grow at the end.

/// One closed list: codes and their French labels, in the model's order.
#[derive(Debug, Clone, Copy)]
pub struct List {
    /// The field's name (form input, API member, CSV column).
    pub field: &'static str,
    pub entries: &'static [(&'static str, &'static str)],
}

impl List {
    /// The canonical code, if `raw` is one of the list's codes.
    pub fn find(&self, raw: &str) -> Option<&'static str> {
        let raw = raw.trim();
        self.entries
            .iter()
            .find(|(code, _)| code.eq_ignore_ascii_case(raw))
            .map(|(code, _)| *code)
    }

    /// The label of `code` (the code itself when unknown).
    pub fn label<'a>(&self, code: &'a str) -> &'a str {
        self.entries
            .iter()
            .find(|(c, _)| *c == code)
            .map_or(code, |(_, label)| label)
    }

    /// Every code, in order.
    pub fn codes(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.entries.iter().map(|(code, _)| *code)
    }

    /// The bit of `code` in a set of this list.
    pub fn bit(&self, code: &str) -> Option<u32> {
        self.entries
            .iter()
            .position(|(c, _)| *c == code)
            .map(|i| i as u32)
    }

    /// The codes whose bits are set in `set`, in order.
    pub fn of_set(&self, set: i64) -> Vec<&'static str> {
        self.entries
            .iter()
            .enumerate()
            .filter(|(i, _)| set & (1 << i) != 0)
            .map(|(_, (code, _))| *code)
            .collect()
    }

    /// The set holding `codes` (all known: parsed before).
    pub fn set_of(&self, codes: &[&str]) -> i64 {
        codes
            .iter()
            .filter_map(|code| self.bit(code))
            .fold(0, |set, bit| set | (1 << bit))
    }
}

/// `TypeActivite`.
pub const KINDS: List = List {
    field: "type",
    entries: &[
        ("Individuel", "Accompagnement individuel"),
        ("Collectif", "Atelier collectif"),
    ],
};

/// `TypeLieu`.
pub const PLACE_KINDS: List = List {
    field: "place_kind",
    entries: &[
        ("LieuActivite", "Dans un de nos lieux"),
        ("Domicile", "À domicile"),
        ("ADistance", "À distance"),
        ("Autre", "Autre lieu"),
    ],
};

/// `Materiel` (a set).
pub const MATERIALS: List = List {
    field: "materials",
    entries: &[
        ("Ordinateur", "Ordinateur"),
        ("Telephone", "Téléphone"),
        ("Tablette", "Tablette"),
        ("Autre", "Autre matériel"),
        ("Aucun", "Pas de matériel"),
    ],
};

/// `Autonomie`.
pub const AUTONOMY: List = List {
    field: "autonomy",
    entries: &[
        ("EntierementAccompagne", "Avec guidage"),
        (
            "PartiellementAutonome",
            "Autonome avec guidage en cas de besoin",
        ),
        ("Autonome", "Autonome"),
    ],
};

/// `NiveauAtelier`.
pub const LEVELS: List = List {
    field: "level",
    entries: &[
        ("Debutant", "Débutant"),
        ("Intermediaire", "Intermédiaire"),
        ("Avance", "Avancé"),
    ],
};

/// `StructureDeRedirection`.
pub const ORIENTATIONS: List = List {
    field: "orientation",
    entries: &[
        ("Administration", "Administration (mairie, préfecture…)"),
        (
            "MediationNumerique",
            "Autre structure de médiation numérique",
        ),
        (
            "OperateurOuOrganismeEnCharge",
            "Opérateur ou organisme en charge de la démarche",
        ),
        (
            "AideSociale",
            "Aide sociale (maison des solidarités, centre social…)",
        ),
        (
            "InsertionProfessionnelle",
            "Insertion professionnelle (France Travail, mission locale…)",
        ),
        (
            "AideAuxDemarchesAdministratives",
            "Aide aux démarches administratives (France Services…)",
        ),
        ("Autre", "Autre"),
    ],
};

/// The theme that opens the administrative sub-themes.
pub const ADMINISTRATIVE: &str = "AideAuxDemarchesAdministratives";

/// How many of [`THEMES`] are not administrative sub-themes.
pub const GENERAL_THEMES: usize = 19;

/// `Thematique` (a set): 19 general themes, then the 11 administrative
/// sub-themes shown when « Aide aux démarches administratives » is ticked.
pub const THEMES: List = List {
    field: "themes",
    entries: &[
        ("DiagnosticNumerique", "Diagnostic numérique"),
        ("PrendreEnMainDuMateriel", "Prendre en main du matériel"),
        ("MaintenanceDeMateriel", "Maintenance de matériel"),
        ("GereSesContenusNumeriques", "Gérer ses contenus numériques"),
        ("NavigationSurInternet", "Navigation sur internet"),
        ("Email", "E-mail"),
        ("Bureautique", "Bureautique"),
        ("ReseauxSociaux", "Réseaux sociaux, communication"),
        ("Sante", "Santé"),
        ("BanqueEtAchatsEnLigne", "Banque et achats en ligne"),
        ("Entrepreneuriat", "Accompagner un professionnel"),
        ("InsertionProfessionnelle", "Insertion professionnelle"),
        (
            "PreventionEnSecuriteNumerique",
            "Prévention en sécurité numérique",
        ),
        ("Parentalite", "Parentalité"),
        ("ScolariteEtNumerique", "Scolarité et numérique"),
        ("CreerAvecLeNumerique", "Créer avec le numérique"),
        ("CultureNumerique", "Culture numérique"),
        ("IntelligenceArtificielle", "Intelligence artificielle (IA)"),
        (ADMINISTRATIVE, "Aide aux démarches administratives"),
        (
            "PapiersElectionsCitoyennete",
            "Papiers, élections, citoyenneté",
        ),
        ("FamilleScolarite", "Famille, scolarité"),
        ("SocialSante", "Social, santé"),
        (
            "TravailFormationEntreprise",
            "Travail, formation, entreprise",
        ),
        ("Logement", "Logement"),
        ("TransportsMobilite", "Transports, mobilité"),
        ("ArgentImpots", "Argent, impôts"),
        ("Justice", "Justice"),
        ("EtrangersEurope", "Étrangers, Europe"),
        ("LoisirsSportsCulture", "Loisirs, sports, culture"),
        ("Associations", "Associations"),
    ],
};

/// `DegreDeFinalisationDemarche`: how an administrative procedure ended.
pub const OUTCOMES: List = List {
    field: "admin_outcome",
    entries: &[
        ("Finalisee", "Démarche terminée"),
        ("AFinaliserEnAutonomie", "À terminer seul ou seule"),
        ("DoitRevenir", "Doit revenir"),
        ("OrienteVersStructure", "Orientée vers une autre structure"),
    ],
};

/// `TrancheAge`.
pub const AGE_BANDS: List = List {
    field: "age_bands",
    entries: &[
        ("MoinsDeDouze", "Moins de 12 ans"),
        ("DouzeDixHuit", "12 à 17 ans"),
        ("DixHuitVingtQuatre", "18 à 24 ans"),
        ("VingtCinqTrenteNeuf", "25 à 39 ans"),
        ("QuaranteCinquanteNeuf", "40 à 59 ans"),
        ("SoixanteSoixanteNeuf", "60 à 69 ans"),
        ("SoixanteDixPlus", "70 ans et plus"),
        ("NonCommunique", "Âge non communiqué"),
    ],
};

/// `StatutSocial`.
pub const SOCIAL_STATUSES: List = List {
    field: "social_statuses",
    entries: &[
        ("Scolarise", "Scolarisé ou scolarisée"),
        ("SansEmploi", "Sans emploi"),
        ("EnEmploi", "En emploi"),
        ("Retraite", "À la retraite"),
        ("NonCommunique", "Non communiqué ou hétérogène"),
    ],
};

/// `Genre`.
pub const GENDERS: List = List {
    field: "genders",
    entries: &[
        ("Feminin", "Femme"),
        ("Masculin", "Homme"),
        ("NonCommunique", "Non communiqué"),
    ],
};

/// A goal's state.
pub const GOAL_STATUSES: List = List {
    field: "status",
    entries: &[
        ("EnCours", "En cours"),
        ("Atteint", "Atteint"),
        ("Abandonne", "Abandonné"),
    ],
};

/// Who assessed a skill.
pub const ASSESSORS: List = List {
    field: "assessor",
    entries: &[
        ("Personne", "La personne elle-même"),
        ("Mediateur", "Le médiateur ou la médiatrice"),
    ],
};

/// The 16 competences of the Pix referential (`pix-competences.csv`):
/// code, domain, competence. Levels run from 1 to 8.
pub const COMPETENCES: [(&str, &str, &str); 16] = [
    (
        "1.1",
        "Informations et données",
        "Mener une recherche et une veille d’information",
    ),
    ("1.2", "Informations et données", "Gérer des données"),
    ("1.3", "Informations et données", "Traiter des données"),
    ("2.1", "Communication et collaboration", "Interagir"),
    (
        "2.2",
        "Communication et collaboration",
        "Partager et publier",
    ),
    ("2.3", "Communication et collaboration", "Collaborer"),
    (
        "2.4",
        "Communication et collaboration",
        "S’insérer dans le monde numérique",
    ),
    (
        "3.1",
        "Création de contenu",
        "Développer des documents textuels",
    ),
    (
        "3.2",
        "Création de contenu",
        "Développer des documents multimédia",
    ),
    (
        "3.3",
        "Création de contenu",
        "Adapter les documents à leur finalité",
    ),
    ("3.4", "Création de contenu", "Programmer"),
    (
        "4.1",
        "Protection et sécurité",
        "Sécuriser l’environnement numérique",
    ),
    (
        "4.2",
        "Protection et sécurité",
        "Protéger les données personnelles et la vie privée",
    ),
    (
        "4.3",
        "Protection et sécurité",
        "Protéger la santé, le bien-être et l’environnement",
    ),
    (
        "5.1",
        "Environnement numérique",
        "Résoudre des problèmes techniques",
    ),
    (
        "5.2",
        "Environnement numérique",
        "Construire un environnement numérique",
    ),
];

/// The highest Pix level.
pub const MAX_SKILL_LEVEL: u8 = 8;

/// The durations offered as buttons, in minutes.
pub const DURATION_PRESETS: [u32; 6] = [15, 30, 45, 60, 90, 120];

/// The age band of someone born in `birth_year`, in `year`.
pub fn age_band(birth_year: i32, year: i32) -> &'static str {
    match year - birth_year {
        ..12 => "MoinsDeDouze",
        12..=17 => "DouzeDixHuit",
        18..=24 => "DixHuitVingtQuatre",
        25..=39 => "VingtCinqTrenteNeuf",
        40..=59 => "QuaranteCinquanteNeuf",
        60..=69 => "SoixanteSoixanteNeuf",
        _ => "SoixanteDixPlus",
    }
}

/// The band of a duration, as the figures count them.
pub fn duration_band(minutes: u32) -> &'static str {
    match minutes {
        ..=15 => "15 min ou moins",
        16..=30 => "16 à 30 min",
        31..=60 => "31 min à 1 h",
        61..=120 => "1 h à 2 h",
        _ => "plus de 2 h",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_themes_are_the_models_nineteen_then_eleven_administrative_ones() {
        assert_eq!(THEMES.entries.len(), 30);
        assert_eq!(THEMES.entries[GENERAL_THEMES - 1].0, ADMINISTRATIVE);
        let set = THEMES.set_of(&["Email", "Logement"]);
        assert_eq!(THEMES.of_set(set), vec!["Email", "Logement"]);
    }

    #[test]
    fn the_competences_are_those_of_the_pix_file() {
        let file = include_str!("../../data/pix-competences.csv");
        let codes: Vec<&str> = file
            .lines()
            .skip(1)
            .filter_map(|line| line.split(',').next())
            .collect();
        let ours: Vec<&str> = COMPETENCES.iter().map(|(code, _, _)| *code).collect();
        assert_eq!(codes, ours);
    }

    #[test]
    fn a_birth_year_gives_its_age_band() {
        assert_eq!(age_band(1990, 2026), "VingtCinqTrenteNeuf");
        assert_eq!(age_band(2020, 2026), "MoinsDeDouze");
        assert_eq!(age_band(1950, 2026), "SoixanteDixPlus");
    }

    #[test]
    fn codes_are_found_whatever_their_case_and_spaces() {
        assert_eq!(KINDS.find(" individuel "), Some("Individuel"));
        assert_eq!(KINDS.find("Demarche"), None);
    }
}
