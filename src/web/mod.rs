//! What every page shares: the server and its limits (connections, client
//! addresses, rate limits, requests refused before any route), sessions,
//! CSRF, the logged-in user, the layout around each page, flash messages,
//! static assets and form handling.

pub mod assets;
pub mod auth;
pub mod chrome;
pub mod client;
pub mod confirm;
pub mod cookies;
pub mod csrf;
pub mod deadline;
pub mod encoding;
pub mod flash;
pub mod form;
pub mod lang;
pub mod page;
pub mod problem;
pub mod query_params;
pub mod random;
pub mod rate_limit;
pub mod raw_answers;
pub mod request_check;
pub mod security;
pub mod server;
pub mod session_store;

pub use auth::CurrentUser;
pub use chrome::Chrome;
pub use form::{Choice, Form, Query};
pub use page::{render, render_refused, render_with};
