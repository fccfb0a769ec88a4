//! Templates of the account pages.

use askama::Template;

use crate::demo::DemoAccount;
use crate::validation::FormErrors;
use crate::web::{Choice, Chrome};

#[derive(Template)]
#[template(path = "accounts/login.html")]
pub struct LoginPage {
    pub chrome: Chrome,
    pub csrf_token: String,
    pub email: String,
    pub errors: FormErrors,
    /// Why logins are refused right now (lockout), if they are.
    pub refusal: Option<String>,
    pub logged_out: bool,
    pub demo: bool,
    pub demo_password: &'static str,
    pub demo_accounts: &'static [DemoAccount],
}

#[derive(Template)]
#[template(path = "accounts/password.html")]
pub struct PasswordPage {
    pub chrome: Chrome,
    pub errors: FormErrors,
}

/// One line of the accounts table.
pub struct AccountRow {
    pub id: String,
    pub display_name: String,
    pub email: String,
    pub role_label: String,
    pub organization_name: String,
    pub active: bool,
}

#[derive(Template)]
#[template(path = "accounts/list.html")]
pub struct AccountsPage {
    pub chrome: Chrome,
    pub scope_label: String,
    pub show_organization: bool,
    pub accounts: Vec<AccountRow>,
}

/// The account being edited, for the access section.
pub struct ExistingAccount {
    pub id: String,
    pub active: bool,
}

#[derive(Template)]
#[template(path = "accounts/form.html")]
pub struct AccountFormPage {
    pub chrome: Chrome,
    pub heading: String,
    pub action: String,
    pub submit_label: String,
    pub errors: FormErrors,
    pub display_name: String,
    pub email: String,
    pub roles: Vec<Choice>,
    /// The organisation chosen for a new account (its id).
    pub organization_id: String,
    /// Empty when the organisation is implied (a manager's own structure).
    pub organizations: Vec<Choice>,
    pub existing: Option<ExistingAccount>,
}

#[derive(Template)]
#[template(path = "accounts/password_given.html")]
pub struct PasswordGivenPage {
    pub chrome: Chrome,
    pub heading: String,
    pub display_name: String,
    pub email: String,
    pub password: String,
}
