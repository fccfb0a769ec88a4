//! Organisations form a tree: network → federation(s) → structure.
//! Pure domain: parsing, the rules of the tree, no database.

use std::collections::HashMap;
use std::fmt;

use crate::validation::FieldError;

/// An organisation's identifier (UUIDv7 text).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OrganizationId(String);

impl OrganizationId {
    /// Accepts only a well-formed UUID, so a stray path segment never reaches SQL.
    pub fn parse(raw: &str) -> Option<Self> {
        uuid::Uuid::parse_str(raw.trim())
            .ok()
            .map(|id| Self(id.to_string()))
    }

    /// Wraps an id read back from the database.
    pub(crate) fn from_db(raw: String) -> Self {
        Self(raw)
    }

    /// The id as stored and shown in URLs.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for OrganizationId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// What an organisation is in the network.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OrganizationKind {
    /// The national network, root of the tree.
    Network,
    /// A regional or departmental federation.
    Federation,
    /// A structure that works with inhabitants: social centre, association…
    Structure,
}

impl OrganizationKind {
    /// Every kind, from the root down.
    pub const ALL: [Self; 3] = [Self::Network, Self::Federation, Self::Structure];

    /// Parses the stored or submitted code.
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        match raw.trim() {
            "network" => Ok(Self::Network),
            "federation" => Ok(Self::Federation),
            "structure" => Ok(Self::Structure),
            _ => Err(FieldError::new("kind", "organization-kind-invalid")),
        }
    }

    /// The code stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Network => "network",
            Self::Federation => "federation",
            Self::Structure => "structure",
        }
    }

    /// The kind's name in the current language (staff pages: French).
    pub fn label(self) -> String {
        crate::i18n::t(match self {
            Self::Network => "organization-kind-network",
            Self::Federation => "organization-kind-federation",
            Self::Structure => "organization-kind-structure",
        })
    }

    /// Whether an organisation of this kind may hang under `parent`.
    pub fn accepts_parent(self, parent: Option<Self>) -> bool {
        matches!(
            (self, parent),
            (Self::Network, None)
                | (
                    Self::Federation | Self::Structure,
                    Some(Self::Network | Self::Federation)
                )
        )
    }
}

/// A validated organisation name: trimmed, 2 to 120 characters, no control characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OrganizationName(String);

impl OrganizationName {
    /// Parses a submitted name.
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        let length = name.chars().count();
        if !(2..=120).contains(&length) || name.chars().any(char::is_control) {
            return Err(FieldError::new("name", "organization-name-invalid"));
        }
        if crate::text::starts_like_formula(&name) {
            return Err(FieldError::new("name", "text-formula"));
        }
        Ok(Self(name))
    }

    /// The name as typed, whitespace tidied.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An organisation as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Organization {
    pub id: OrganizationId,
    pub parent_id: Option<OrganizationId>,
    pub kind: OrganizationKind,
    pub name: String,
    /// A short, stable, URL- and CLI-friendly reference (`centre-social-cholet`).
    pub slug: String,
}

/// What is needed to create an organisation.
#[derive(Clone, Debug)]
pub struct NewOrganization {
    pub kind: OrganizationKind,
    pub name: OrganizationName,
    pub parent_id: Option<OrganizationId>,
}

/// Turns a name into a slug: lower-case ASCII letters, digits and dashes.
pub fn slugify(name: &str) -> String {
    let mut slug = String::with_capacity(name.len());
    for c in name.chars().flat_map(crate::text::fold_accent) {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "organisation".to_owned()
    } else {
        slug.to_owned()
    }
}

/// The whole tree in memory: small (a few thousand nodes at most) and read
/// far more often than written, so walking it in Rust beats recursive SQL
/// that would differ between SQLite and PostgreSQL.
#[derive(Clone, Debug, Default)]
pub struct OrganizationTree {
    by_id: HashMap<OrganizationId, Organization>,
    children: HashMap<OrganizationId, Vec<OrganizationId>>,
    roots: Vec<OrganizationId>,
}

impl OrganizationTree {
    /// Builds the tree from every organisation, children sorted by name.
    pub fn new(mut organizations: Vec<Organization>) -> Self {
        organizations.sort_by(|a, b| a.name.cmp(&b.name));
        let mut tree = Self::default();
        for organization in &organizations {
            match &organization.parent_id {
                Some(parent) => tree
                    .children
                    .entry(parent.clone())
                    .or_default()
                    .push(organization.id.clone()),
                None => tree.roots.push(organization.id.clone()),
            }
        }
        tree.by_id = organizations
            .into_iter()
            .map(|o| (o.id.clone(), o))
            .collect();
        tree
    }

    /// The organisation with this id.
    pub fn get(&self, id: &OrganizationId) -> Option<&Organization> {
        self.by_id.get(id)
    }

    /// Whether `node` is `ancestor` or lies below it.
    pub fn is_within(&self, node: &OrganizationId, ancestor: &OrganizationId) -> bool {
        let mut current = Some(node);
        // The depth bound guards against a cycle written by hand in the database.
        for _ in 0..=self.by_id.len() {
            match current {
                Some(id) if id == ancestor => return true,
                Some(id) => current = self.by_id.get(id).and_then(|o| o.parent_id.as_ref()),
                None => return false,
            }
        }
        false
    }

    /// `root` and everything below it, depth first, each with its depth
    /// relative to `root`.
    pub fn subtree(&self, root: &OrganizationId) -> Vec<(usize, &Organization)> {
        let mut out = Vec::new();
        let mut stack = vec![(0, root)];
        while let Some((depth, id)) = stack.pop() {
            let Some(organization) = self.by_id.get(id) else {
                continue;
            };
            if out.len() > self.by_id.len() {
                break; // a cycle: never loop forever
            }
            out.push((depth, organization));
            if let Some(children) = self.children.get(id) {
                stack.extend(children.iter().rev().map(|child| (depth + 1, child)));
            }
        }
        out
    }

    /// The whole forest, depth first.
    pub fn all(&self) -> Vec<(usize, &Organization)> {
        self.roots
            .iter()
            .flat_map(|root| self.subtree(root))
            .collect()
    }

    /// The structures at or below `root`.
    pub fn structures_within(&self, root: &OrganizationId) -> Vec<&Organization> {
        self.subtree(root)
            .into_iter()
            .map(|(_, o)| o)
            .filter(|o| o.kind == OrganizationKind::Structure)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn org(id: u8, parent: Option<u8>, kind: OrganizationKind, name: &str) -> Organization {
        let id_of =
            |n: u8| OrganizationId::from_db(format!("00000000-0000-7000-8000-0000000000{n:02}"));
        Organization {
            id: id_of(id),
            parent_id: parent.map(id_of),
            kind,
            name: name.to_owned(),
            slug: slugify(name),
        }
    }

    fn demo_tree() -> OrganizationTree {
        use OrganizationKind::*;
        OrganizationTree::new(vec![
            org(1, None, Network, "Réseau"),
            org(2, Some(1), Federation, "Fédération 49"),
            org(3, Some(2), Structure, "Centre social Cholet"),
            org(4, Some(2), Structure, "Centre social Angers"),
            org(5, Some(1), Federation, "Fédération 44"),
            org(6, Some(5), Structure, "Centre social Nantes"),
        ])
    }

    #[test]
    fn a_structure_lies_within_its_federation_and_the_network_but_not_another_federation() {
        let tree = demo_tree();
        let [network, fed49, cholet, fed44] =
            [1, 2, 3, 5].map(|n| org(n, None, OrganizationKind::Network, "x").id);
        assert!(tree.is_within(&cholet, &fed49));
        assert!(tree.is_within(&cholet, &network));
        assert!(tree.is_within(&cholet, &cholet));
        assert!(!tree.is_within(&cholet, &fed44));
        assert!(!tree.is_within(&fed49, &cholet));
    }

    #[test]
    fn a_federation_sees_only_its_own_structures_in_name_order() {
        let tree = demo_tree();
        let fed49 = org(2, None, OrganizationKind::Network, "x").id;
        let names: Vec<_> = tree
            .structures_within(&fed49)
            .iter()
            .map(|o| o.name.as_str())
            .collect();
        assert_eq!(names, ["Centre social Angers", "Centre social Cholet"]);
    }

    #[test]
    fn the_whole_tree_is_listed_depth_first_with_depths() {
        let listed: Vec<_> = demo_tree()
            .all()
            .iter()
            .map(|(d, o)| (*d, o.name.clone()))
            .collect();
        assert_eq!(listed[0], (0, "Réseau".to_owned()));
        assert_eq!(listed[1], (1, "Fédération 44".to_owned()));
        assert_eq!(listed[2], (2, "Centre social Nantes".to_owned()));
        assert_eq!(listed.len(), 6);
    }

    #[test]
    fn only_networks_stand_alone_and_nothing_hangs_under_a_structure() {
        use OrganizationKind::*;
        assert!(Network.accepts_parent(None));
        assert!(!Network.accepts_parent(Some(Network)));
        assert!(Federation.accepts_parent(Some(Federation)));
        assert!(Structure.accepts_parent(Some(Network)));
        assert!(!Structure.accepts_parent(None));
        assert!(!Structure.accepts_parent(Some(Structure)));
        assert!(!Federation.accepts_parent(Some(Structure)));
    }

    #[test]
    fn names_are_tidied_and_bounded() {
        assert_eq!(
            OrganizationName::parse("  Centre   social  ")
                .unwrap()
                .as_str(),
            "Centre social"
        );
        assert!(OrganizationName::parse("x").is_err());
        assert!(OrganizationName::parse(&"a".repeat(121)).is_err());
        assert!(OrganizationName::parse("Centre\u{0}social").is_err());
    }

    #[test]
    fn slugs_fold_french_accents_and_punctuation() {
        assert_eq!(
            slugify("Centre social « L’Œuvre » – Cholet"),
            "centre-social-l-oeuvre-cholet"
        );
        assert_eq!(
            slugify("Fédération de Maine-et-Loire"),
            "federation-de-maine-et-loire"
        );
        assert_eq!(slugify("!!!"), "organisation");
    }

    #[test]
    fn an_organization_id_must_be_a_uuid() {
        assert!(OrganizationId::parse("not-a-uuid").is_none());
        assert!(OrganizationId::parse("019a5a7e-1f2b-7c3d-8e4f-0a1b2c3d4e5f").is_some());
    }
}
