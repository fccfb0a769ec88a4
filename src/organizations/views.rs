//! Templates of the organisation pages.

use askama::Template;

use crate::validation::FormErrors;
use crate::web::{Choice, Chrome};

/// One organisation in the admin tree.
pub struct TreeRow {
    pub depth: usize,
    pub name: String,
    pub kind: String,
    pub slug: String,
    pub accounts: i64,
}

#[derive(Template)]
#[template(path = "organizations/list.html")]
pub struct OrganizationsPage {
    pub chrome: Chrome,
    pub rows: Vec<TreeRow>,
    pub errors: FormErrors,
    pub name: String,
    pub kinds: Vec<Choice>,
    pub parents: Vec<Choice>,
}

/// One structure in a coordinator's aggregate table.
pub struct StructureRow {
    pub name: String,
    pub parent: String,
    pub mediators: i64,
    pub managers: i64,
}

#[derive(Template)]
#[template(path = "organizations/network.html")]
pub struct NetworkPage {
    pub chrome: Chrome,
    pub root_name: String,
    pub rows: Vec<StructureRow>,
    pub total_mediators: i64,
    pub total_managers: i64,
}
