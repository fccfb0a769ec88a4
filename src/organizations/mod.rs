//! Organisations: the network, its federations and the structures (social
//! centres, associations, libraries…) that run places and employ mediators.

pub mod model;
pub mod routes;
pub mod store;
mod views;

pub use model::{
    NewOrganization, Organization, OrganizationId, OrganizationKind, OrganizationName,
    OrganizationTree,
};
