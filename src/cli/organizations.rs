//! `maille organizations create|list`: build the tree from the command line
//! (the first network, before an administrator can log in).

use clap::Subcommand;

use super::DatabaseArgs;
use crate::journal::{self, Actor};
use crate::organizations::{self, NewOrganization, OrganizationKind, OrganizationName};

#[derive(Debug, Subcommand)]
pub enum OrganizationsCommand {
    /// Create an organisation.
    Create {
        /// Its name.
        #[arg(long)]
        name: String,
        /// network, federation or structure.
        #[arg(long)]
        kind: String,
        /// The parent organisation (id, slug or exact name); none for a network.
        #[arg(long)]
        parent: Option<String>,
        #[command(flatten)]
        database: DatabaseArgs,
    },
    /// List the organisation tree.
    List {
        #[command(flatten)]
        database: DatabaseArgs,
    },
}

pub async fn run(command: OrganizationsCommand) -> Result<(), String> {
    match command {
        OrganizationsCommand::Create {
            name,
            kind,
            parent,
            database,
        } => {
            let name =
                OrganizationName::parse(&name).map_err(|e| format!("--name : {}", e.message()))?;
            let kind = OrganizationKind::parse(&kind).map_err(|_| {
                format!("--kind : « {kind} » inconnu. Attendu : network, federation ou structure")
            })?;
            let db = database.open().await?;
            let parent_id = match parent {
                Some(reference) => Some(
                    organizations::store::find_by_reference(&db, &reference)
                        .await
                        .map_err(|e| e.to_string())?
                        .ok_or_else(|| format!("--parent : aucune organisation « {reference} »"))?
                        .id,
                ),
                None => None,
            };
            let created = organizations::store::create(
                &db,
                NewOrganization {
                    kind,
                    name,
                    parent_id,
                },
            )
            .await
            .map_err(|e| format!("--parent : {e}"))?;
            journal::organization_created(&db, Actor::CommandLine, &created)
                .await
                .map_err(|e| e.to_string())?;
            say!(
                "Organisation créée : {} (référence : {}).",
                created.name,
                created.slug
            );
            Ok(())
        }
        OrganizationsCommand::List { database } => {
            let db = database.open().await?;
            let tree = organizations::store::tree(&db)
                .await
                .map_err(|e| e.to_string())?;
            for (depth, organization) in tree.all() {
                say!(
                    "{}{} — {} ({})",
                    "  ".repeat(depth),
                    organization.name,
                    organization.kind.label(),
                    organization.slug
                );
            }
            Ok(())
        }
    }
}
