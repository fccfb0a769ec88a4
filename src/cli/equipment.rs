//! `maille equipment generate`: structures with generated devices and
//! their histories, for measures (benches/load/equipment.sh).

use clap::Subcommand;

use super::DatabaseArgs;
use crate::mediation::today;
use crate::organizations::OrganizationId;

#[derive(Debug, Subcommand)]
pub enum EquipmentCommand {
    /// Generate structures (with a mediator each) and devices with their histories.
    Generate {
        /// How many devices.
        #[arg(long, default_value_t = 10_000)]
        devices: u64,
        /// About how many lines of history in all.
        #[arg(long, default_value_t = 100_000)]
        events: u64,
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

pub async fn run(command: EquipmentCommand) -> Result<(), String> {
    let EquipmentCommand::Generate {
        devices,
        events,
        structures,
        seed,
        json,
        database,
    } = command;
    if structures == 0 || structures > 10_000 {
        return Err("--structures : de 1 à 10 000 structures".into());
    }
    if devices > 10_000_000 || events > 100_000_000 {
        return Err("--devices : au plus 10 000 000 ; --events : au plus 100 000 000".into());
    }
    let db = database.open().await?;
    let made = crate::mediation::generate::generate(&db, 0, structures, seed, today())
        .await
        .map_err(|e| e.to_string())?;
    let ids: Vec<OrganizationId> = made
        .iter()
        .filter_map(|m| OrganizationId::parse(&m.id))
        .collect();
    let written = crate::equipment::generate::generate(&db, &ids, devices, events, seed)
        .await
        .map_err(|e| e.to_string())?;
    if json {
        say!(
            "{}",
            serde_json::to_string(&made).map_err(|e| e.to_string())?
        );
    } else {
        say!("{devices} appareils et {written} étapes générés dans {structures} structures.");
    }
    Ok(())
}
