//! Staff accounts: who works in which organisation with which role, how they
//! log in, and how a manager keeps their structure's team up to date.

pub mod devices;
pub mod login;
pub mod model;
pub mod password;
pub mod routes;
pub mod store;
pub mod throttle;
mod views;

pub use model::{DisplayName, Email, NewPassword, NewUser, Role, User, UserId};
