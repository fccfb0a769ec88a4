//! `maille tokens create`, `maille retention run` and
//! `maille activities generate`: mediation from the command line.

use clap::Subcommand;

use super::DatabaseArgs;
use crate::accounts::{Email, store as accounts_store};
use crate::journal::Actor;
use crate::mediation::{generate, retention, today};

#[derive(Debug, Subcommand)]
pub enum TokensCommand {
    /// Create a personal API token for an account and print it (once).
    Create {
        /// The account's e-mail address.
        #[arg(long)]
        email: String,
        /// A name to recognise the token by.
        #[arg(long, default_value = "")]
        label: String,
        /// Days before it expires (default: until revoked).
        #[arg(long)]
        expires: Option<u32>,
        #[command(flatten)]
        database: DatabaseArgs,
    },
}

pub async fn tokens(command: TokensCommand) -> Result<(), String> {
    let TokensCommand::Create {
        email,
        label,
        expires,
        database,
    } = command;
    let email = Email::parse(&email).map_err(|e| format!("--email : {}", e.message()))?;
    let label = crate::tokens::label(&label).map_err(|e| format!("--label : {}", e.message()))?;
    if let Some(days) = expires
        && !(1..=crate::tokens::MAX_DAYS).contains(&days)
    {
        return Err(format!(
            "--expires : nombre de jours attendu, de 1 à {}",
            crate::tokens::MAX_DAYS
        ));
    }
    let db = database.open().await?;
    let (user, _) = accounts_store::find_with_hash_by_email(&db, &email)
        .await
        .map_err(|e| e.to_string())?
        .filter(|(user, _)| user.active)
        .ok_or_else(|| {
            format!(
                "--email : aucun compte actif « {} ». Voyez `maille users create`",
                email.as_str()
            )
        })?;
    let (token, secret) = crate::tokens::create(&db, Actor::CommandLine, &user, label, expires)
        .await
        .map_err(|e| e.to_string())?;
    // The secret alone on standard output, so that scripts can capture it.
    say!("{secret}");
    eprintln!(
        "Jeton « {} » créé pour {} ({}). Il n’est affiché qu’une fois : gardez-le en lieu sûr.",
        token.label,
        user.email.as_str(),
        token.expires_at.map_or_else(
            || "sans expiration".to_owned(),
            |at| format!("expire le {}", at.format("%d/%m/%Y"))
        ),
    );
    Ok(())
}

#[derive(Debug, Subcommand)]
pub enum RetentionCommand {
    /// Erase the people followed who have not come for the retention period.
    Run {
        /// Say who would be erased, erase no one.
        #[arg(long)]
        dry_run: bool,
        /// The retention period, in months.
        #[arg(long, env = "MAILLE_RETENTION_MONTHS", default_value_t = retention::DEFAULT_MONTHS)]
        months: u32,
        #[command(flatten)]
        database: DatabaseArgs,
    },
}

pub async fn retention(command: RetentionCommand) -> Result<(), String> {
    let RetentionCommand::Run {
        dry_run,
        months,
        database,
    } = command;
    if months == 0 {
        return Err("--months : une durée d’au moins 1 mois est attendue".into());
    }
    let db = database.open().await?;
    let report = retention::run(&db, today(), months, dry_run)
        .await
        .map_err(|e| e.to_string())?;
    let cutoff = report
        .cutoff
        .map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_default();
    if dry_run {
        say!(
            "{} personne(s) sans venue depuis le {cutoff} seraient effacées (essai : rien n’a changé).",
            report.found
        );
    } else {
        say!(
            "{} personne(s) sans venue depuis le {cutoff} effacées ; leurs activités restent, anonymes.",
            report.erased
        );
    }
    Ok(())
}

#[derive(Debug, Subcommand)]
pub enum ActivitiesCommand {
    /// Generate structures, places, mediators and activities, for measures.
    Generate {
        /// How many activities.
        #[arg(long, default_value_t = 10_000)]
        count: u64,
        /// How many structures, created under the database's first federation.
        #[arg(long, default_value_t = 10)]
        structures: u32,
        /// The seed: the same seed gives the same data.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Print the structures made, with one mediator's e-mail for each, as JSON.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        database: DatabaseArgs,
    },
}

pub async fn activities(command: ActivitiesCommand) -> Result<(), String> {
    let ActivitiesCommand::Generate {
        count,
        structures,
        seed,
        json,
        database,
    } = command;
    if structures == 0 || structures > 10_000 {
        return Err("--structures : de 1 à 10 000 structures".into());
    }
    if count > 50_000_000 {
        return Err("--count : au plus 50 000 000 activités".into());
    }
    let db = database.open().await?;
    let made = generate::generate(&db, count, structures, seed, today())
        .await
        .map_err(|e| e.to_string())?;
    if json {
        say!(
            "{}",
            serde_json::to_string(&made).map_err(|e| e.to_string())?
        );
    } else {
        say!(
            "{count} activités générées dans {structures} structures (mot de passe des comptes : {}).",
            generate::PASSWORD
        );
    }
    Ok(())
}
