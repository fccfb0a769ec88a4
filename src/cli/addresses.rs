//! `maille addresses import`: load a department's file of the national
//! address base, so that typed addresses resolve to their door.

use std::fs::File;
use std::path::PathBuf;

use clap::Subcommand;

use super::DatabaseArgs;
use crate::addresses::import;

#[derive(Debug, Subcommand)]
pub enum AddressesCommand {
    /// Import a department's addresses from the Base Adresse Nationale
    /// (adresses-49.csv.gz from adresse.data.gouv.fr, gzip-compressed or
    /// not). An address already known by its id is updated. The file is
    /// read as a stream: a department of 400,000 addresses needs little
    /// memory. The server offers addresses after its next hourly reload,
    /// or at once when restarted.
    Import {
        /// The BAN file (CSV separated by semicolons, .csv or .csv.gz).
        file: PathBuf,
        #[command(flatten)]
        database: DatabaseArgs,
    },
}

pub async fn run(command: AddressesCommand) -> Result<(), String> {
    match command {
        AddressesCommand::Import { file, database } => {
            let name = file.display().to_string();
            let input =
                File::open(&file).map_err(|e| format!("impossible de lire {name} : {e}"))?;
            let db = database.open().await?;
            let report = import::run(&db, input)
                .await
                .map_err(|e| format!("{name} : {e}"))?;
            say!(
                "{} adresses importées depuis {name}.",
                crate::text::thousands(report.imported)
            );
            if report.refused > 0 {
                let refused = crate::text::thousands(report.refused);
                if report.refused == 1 {
                    say!("1 ligne refusée :");
                } else {
                    say!("{refused} lignes refusées ; les premières :");
                }
                for (line, why) in &report.refusals {
                    say!("  ligne {line} : {why}");
                }
            }
            Ok(())
        }
    }
}
