//! `maille users create`: the first accounts of an instance, before anyone
//! can log in to create the others.

use std::io::{BufRead, IsTerminal};

use clap::Subcommand;

use super::DatabaseArgs;
use crate::accounts::{self, DisplayName, Email, NewPassword, NewUser, Role};
use crate::journal::{self, Actor};
use crate::organizations;

#[derive(Debug, Subcommand)]
pub enum UsersCommand {
    /// Create an account. The password is read from standard input, or
    /// generated and printed once when standard input is a terminal or empty.
    Create {
        /// The person's e-mail address (their login).
        #[arg(long)]
        email: String,
        /// mediator, manager, coordinator or admin.
        #[arg(long)]
        role: String,
        /// The organisation: its id, slug or exact name.
        #[arg(long)]
        organization: String,
        /// The name shown to colleagues (default: the address before the @).
        #[arg(long)]
        name: Option<String>,
        #[command(flatten)]
        database: DatabaseArgs,
    },
}

pub async fn run(command: UsersCommand) -> Result<(), String> {
    let UsersCommand::Create {
        email,
        role,
        organization,
        name,
        database,
    } = command;
    let email = Email::parse(&email).map_err(|e| format!("--email : {}", e.message()))?;
    let role = Role::parse(&role).map_err(|_| {
        format!("--role : « {role} » inconnu. Attendu : mediator, manager, coordinator ou admin")
    })?;
    let display_name = match name {
        Some(name) => DisplayName::parse(&name).map_err(|e| format!("--name : {}", e.message()))?,
        // The part before the @ reads like a name; when it is too short, the whole address does.
        None => email
            .as_str()
            .split('@')
            .next()
            .and_then(|local| DisplayName::parse(local).ok())
            .or_else(|| DisplayName::parse(email.as_str()).ok())
            .ok_or_else(|| "--name : indiquez le nom de la personne".to_owned())?,
    };
    let (password, generated) = read_password()?;
    let db = database.open().await?;
    let organization = organizations::store::find_by_reference(&db, &organization)
        .await
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("--organization : aucune organisation « {organization} ». Voyez `maille organizations list`"))?;
    if !role.fits(organization.kind) {
        return Err(format!(
            "--role : {}",
            crate::i18n::t("role-not-for-organization")
        ));
    }
    let hash = accounts::password::hash(&password)
        .await
        .map_err(|e| e.to_string())?;
    let new = NewUser {
        organization_id: organization.id.clone(),
        email,
        display_name,
        role,
    };
    let user = accounts::store::create(&db, &new, hash)
        .await
        .map_err(|e| format!("--email : {e}"))?;
    journal::account_created(&db, Actor::CommandLine, &user)
        .await
        .map_err(|e| e.to_string())?;
    say!(
        "Compte créé : {} ({}, {}).",
        user.email.as_str(),
        user.role.label(),
        organization.name
    );
    if generated {
        say!(
            "Mot de passe (affiché une seule fois) : {}",
            password.expose()
        );
    }
    Ok(())
}

/// The password from standard input, or a generated one.
fn read_password() -> Result<(NewPassword, bool), String> {
    let stdin = std::io::stdin();
    if stdin.is_terminal() {
        return Ok((NewPassword::generate(), true));
    }
    let mut line = String::new();
    stdin
        .lock()
        .read_line(&mut line)
        .map_err(|e| format!("lecture du mot de passe impossible : {e}"))?;
    let typed = line.trim_end_matches(['\r', '\n']);
    if typed.is_empty() {
        return Ok((NewPassword::generate(), true));
    }
    NewPassword::parse(typed, "password")
        .map(|p| (p, false))
        .map_err(|e| format!("mot de passe lu sur l’entrée standard : {}", e.message()))
}
