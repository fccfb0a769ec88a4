//! `/espace/journal`: managers read their structure's entries, administrators all.

use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;
use serde::Deserialize;

use super::store::{self, Scope};
use super::views::{EntryRow, JournalPage};
use crate::accounts::Role;
use crate::app::AppState;
use crate::authz::Action;
use crate::error::AppError;
use crate::web::{CurrentUser, Query, render};

const PER_PAGE: u64 = 50;

pub fn router() -> Router<AppState> {
    Router::new().route("/espace/journal", get(list))
}

#[derive(Deserialize)]
struct PageQuery {
    page: Option<u64>,
}

async fn list(
    State(state): State<AppState>,
    current: CurrentUser,
    Query(query): Query<PageQuery>,
) -> Result<Response, AppError> {
    let (scope, scope_label) = if current.user.role == Role::Admin {
        current.require(Action::ReadWholeJournal)?;
        (Scope::All, "Tous les événements de l’instance.".to_owned())
    } else {
        current.require(Action::ReadJournalOf(&current.user.organization_id))?;
        let label = format!("Événements concernant {}.", current.organization.name);
        (
            Scope::Organization(current.user.organization_id.clone()),
            label,
        )
    };
    let page = query.page.unwrap_or(1).max(1);
    let (entries, total) = store::list(&state.db, &scope, page - 1, PER_PAGE).await?;
    let pages = total.div_ceil(PER_PAGE).max(1);
    let entries = entries
        .into_iter()
        .map(|e| EntryRow {
            when: e
                .occurred_at
                .with_timezone(&chrono_tz::Europe::Paris)
                .format("%d/%m/%Y %H:%M:%S")
                .to_string(),
            event: e.event_label().to_owned(),
            actor: e.actor_label,
            subject: e.subject,
            detail: e.detail,
        })
        .collect();
    render(&JournalPage {
        chrome: current.chrome().await?,
        scope_label,
        entries,
        page,
        pages,
        previous_page: (page > 1).then(|| page - 1),
        next_page: (page < pages).then(|| page + 1),
    })
}
