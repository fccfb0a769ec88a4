//! Command line: `serve` (the default), `migrate`, `users`, `organizations`,
//! `places`, `coverage`, `addresses`, `tokens`, `retention`, `activities`.
//!
//! Commands and flags are English; what the program says is French, like the
//! rest of Maille. A failure prints one line saying what is wrong and what to
//! do, and exits non-zero.

/// Prints a line on standard output. A closed pipe (`maille … | head`) is
/// not an error, and never a panic as with `println!`.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::cli::say_line(format_args!($($arg)*))
    };
}

mod addresses;
mod coverage;
mod equipment;
mod mediation;
mod organizations;
mod places;
mod serve;
mod users;

use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use sea_orm::DatabaseConnection;

use crate::db::{self, DatabaseUrl};

/// Maille: information system for digital mediation in social centres.
#[derive(Debug, Parser)]
#[command(name = "maille", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    serve: serve::ServeArgs,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Run the web server (the default command).
    Serve(serve::ServeArgs),
    /// Apply database migrations, then exit.
    Migrate(DatabaseArgs),
    /// Manage staff accounts.
    #[command(subcommand)]
    Users(users::UsersCommand),
    /// Manage the organisation tree.
    #[command(subcommand)]
    Organizations(organizations::OrganizationsCommand),
    /// Import and export places in the national schema.
    #[command(subcommand)]
    Places(places::PlacesCommand),
    /// Communes and people farther than a radius from the nearest place.
    Coverage(coverage::CoverageArgs),
    /// Load the national address base, so that typed addresses resolve.
    #[command(subcommand)]
    Addresses(addresses::AddressesCommand),
    /// Personal API tokens.
    #[command(subcommand)]
    Tokens(mediation::TokensCommand),
    /// Erase the people followed who have not come for a long time.
    #[command(subcommand)]
    Retention(mediation::RetentionCommand),
    /// Generated activities, for measures.
    #[command(subcommand)]
    Activities(mediation::ActivitiesCommand),
    /// Generated devices and their histories, for measures.
    #[command(subcommand)]
    Equipment(equipment::EquipmentCommand),
}

/// The database to use.
#[derive(Debug, Clone, Args)]
pub struct DatabaseArgs {
    /// Database URL: sqlite://FILE or postgres://USER@HOST/DB.
    #[arg(
        long = "database",
        env = "MAILLE_DATABASE_URL",
        default_value = "sqlite://maille.db"
    )]
    pub database_url: String,
}

impl DatabaseArgs {
    /// Opens the database and brings its schema up to date.
    pub async fn open(&self) -> Result<DatabaseConnection, String> {
        let url = DatabaseUrl::parse(&self.database_url).map_err(|e| e.to_string())?;
        let db = db::connect(&url).await.map_err(|e| {
            format!("impossible d’ouvrir la base de données {url} : {e}. Vérifiez MAILLE_DATABASE_URL et que le serveur répond.")
        })?;
        db::migrate(&db)
            .await
            .map_err(|e| format!("la mise à jour du schéma de {url} a échoué : {e}"))?;
        Ok(db)
    }
}

/// Runs the parsed command line and returns the exit code.
pub fn run(cli: Cli) -> ExitCode {
    crate::telemetry::init();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => return fail(&format!("impossible de démarrer : {err}")),
    };
    let result = runtime.block_on(async move {
        match cli.command {
            None => serve::run(cli.serve).await,
            Some(Command::Serve(args)) => serve::run(args).await,
            Some(Command::Migrate(args)) => {
                args.open().await?;
                say!("Base de données à jour.");
                Ok(())
            }
            Some(Command::Users(command)) => users::run(command).await,
            Some(Command::Organizations(command)) => organizations::run(command).await,
            Some(Command::Places(command)) => places::run(command).await,
            Some(Command::Coverage(args)) => coverage::run(args).await,
            Some(Command::Addresses(command)) => addresses::run(command).await,
            Some(Command::Tokens(command)) => mediation::tokens(command).await,
            Some(Command::Retention(command)) => mediation::retention(command).await,
            Some(Command::Activities(command)) => mediation::activities(command).await,
            Some(Command::Equipment(command)) => equipment::run(command).await,
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => fail(&message),
    }
}

/// Writes one line on standard output (see [`say!`]).
pub(crate) fn say_line(line: std::fmt::Arguments) {
    use std::io::Write;
    if let Err(err) = writeln!(std::io::stdout().lock(), "{line}")
        && err.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("maille : erreur d’écriture sur la sortie standard : {err}");
    }
}

fn fail(message: &str) -> ExitCode {
    eprintln!("maille : erreur : {message}");
    ExitCode::FAILURE
}
