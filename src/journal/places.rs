//! Journal events of places: edits, stops, imports and refused rows.

use sea_orm::{ConnectionTrait, DbErr};

use super::{Actor, JournalEvent, actor_organization, append, in_own_structure};
use crate::accounts::User;
use crate::organizations::OrganizationId;

/// A structure's place was created (`created`) or edited.
pub async fn place_saved(
    db: &impl ConnectionTrait,
    actor: &User,
    place_id: &str,
    name: &str,
    created: bool,
) -> Result<(), DbErr> {
    let event = if created {
        JournalEvent::PlaceCreated
    } else {
        JournalEvent::PlaceUpdated
    };
    in_own_structure(db, event, actor, place_id, name.to_owned()).await
}

/// A stop of an itinerant place was added (`added`) or removed; `detail`
/// says when and where.
pub async fn stop_changed(
    db: &impl ConnectionTrait,
    actor: &User,
    place_id: &str,
    added: bool,
    detail: String,
) -> Result<(), DbErr> {
    let event = if added {
        JournalEvent::StopAdded
    } else {
        JournalEvent::StopRemoved
    };
    in_own_structure(db, event, actor, place_id, detail).await
}

/// A file of places was imported, from the staff page or the command line.
pub async fn places_imported(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
    file_name: &str,
    detail: String,
) -> Result<(), DbErr> {
    let organization = actor_organization(actor);
    append(
        db,
        JournalEvent::PlacesImported,
        actor,
        organization,
        file_name,
        detail,
    )
    .await
}

/// Rows of an imported file targeted places that the structure `owner`
/// (named `owner_name`) runs, and were refused: written on both sides, for
/// the structure whose places were aimed at and for whoever imported.
pub async fn place_import_refused(
    db: &impl ConnectionTrait,
    actor: Actor<'_>,
    owner: &OrganizationId,
    owner_name: &str,
    file_name: &str,
    detail: String,
) -> Result<(), DbErr> {
    let by = format!("import de « {file_name} » par {} : {detail}", actor.label());
    append(
        db,
        JournalEvent::PlaceImportRefused,
        actor,
        Some(owner),
        owner_name,
        by.clone(),
    )
    .await?;
    if let Some(importer_organization) = actor_organization(actor)
        && importer_organization != owner
    {
        append(
            db,
            JournalEvent::PlaceImportRefused,
            actor,
            Some(importer_organization),
            owner_name,
            by,
        )
        .await?;
    }
    Ok(())
}
