//! `/espace/lieux/import`: a network imports a file of places in the
//! national schema and sees what was refused and why.
//!
//! The upload is first written to a temporary file as it arrives (never
//! held in memory), then imported from there: a slow upload must not keep
//! the database's write transaction open, and the import reads any file as
//! a stream (`places::import`).

use std::path::PathBuf;

use axum::Router;
use axum::extract::multipart::Field;
use axum::extract::{DefaultBodyLimit, Multipart, State};
use axum::response::Response;
use axum::routing::get;
use tokio::io::AsyncWriteExt;

use super::views::ImportPage;
use crate::app::AppState;
use crate::authz::Action;
use crate::db;
use crate::error::AppError;
use crate::journal::Actor;
use crate::places::import::{self, Format, ImportError, Importer};
use crate::web::{CurrentUser, render, render_refused};

/// The biggest file the import page takes: a national export is ~20 MB.
const MAX_IMPORT_BYTES: usize = 64 * 1024 * 1024;

pub fn router() -> Router<AppState> {
    Router::new().route(
        "/espace/lieux/import",
        get(import_form)
            .post(import_file)
            .layer(DefaultBodyLimit::max(MAX_IMPORT_BYTES)),
    )
}

async fn import_form(current: CurrentUser) -> Result<Response, AppError> {
    current.require(Action::ImportPlaces)?;
    render(&ImportPage {
        chrome: current.chrome().await?,
        file_error: None,
        report: None,
        file_name: String::new(),
        dry_run: false,
    })
}

/// An uploaded file written to disk, removed when dropped.
struct Spooled {
    path: PathBuf,
    name: String,
    /// Its first bytes, to tell JSON from CSV.
    first_bytes: Vec<u8>,
    size: u64,
}

impl Spooled {
    /// Writes `field` to a new temporary file as it arrives.
    async fn receive(field: &mut Field<'_>) -> Result<Self, AppError> {
        let name = crate::text::cut(field.file_name().unwrap_or("fichier"), 80);
        let path = std::env::temp_dir().join(format!("maille-import-{}.part", db::new_id()));
        let mut spooled = Self {
            path,
            name,
            first_bytes: Vec::new(),
            size: 0,
        };
        let mut file = tokio::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&spooled.path)
            .await?;
        while let Some(chunk) = field.chunk().await.map_err(|_| AppError::PayloadTooLarge)? {
            if spooled.first_bytes.len() < 64 {
                let wanted = (64 - spooled.first_bytes.len()).min(chunk.len());
                spooled.first_bytes.extend_from_slice(&chunk[..wanted]);
            }
            spooled.size += chunk.len() as u64;
            file.write_all(&chunk).await?;
        }
        file.flush().await?;
        Ok(spooled)
    }
}

impl Drop for Spooled {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

async fn import_file(
    State(state): State<AppState>,
    current: CurrentUser,
    mut multipart: Multipart,
) -> Result<Response, AppError> {
    current.require(Action::ImportPlaces)?;
    let mut upload: Option<Spooled> = None;
    let mut dry_run = false;
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|_| AppError::BadRequest)?
    {
        match field.name() {
            Some("fichier") => upload = Some(Spooled::receive(&mut field).await?),
            Some("essai") => dry_run = true,
            _ => {}
        }
    }
    let mut page = ImportPage {
        chrome: current.chrome().await?,
        file_error: None,
        report: None,
        file_name: String::new(),
        dry_run,
    };
    let Some(upload) = upload.filter(|u| u.size > 0) else {
        page.file_error = Some(crate::i18n::t("import-choose-file"));
        return render_refused(&page);
    };
    page.file_name = upload.name.clone();
    let format = Format::guess(&upload.name, &upload.first_bytes);
    let input = std::fs::File::open(&upload.path)?;
    let importer = Importer {
        actor: Actor::User(&current.user),
        file_name: &upload.name,
    };
    match import::run(&state.db, input, format, dry_run, importer).await {
        Ok(report) => {
            if !dry_run {
                state.places.reload(&state.db).await?;
            }
            page.report = Some(report);
            render(&page)
        }
        Err(ImportError::File(err)) => {
            page.file_error = Some(crate::i18n::t_with(
                "import-file-refused",
                &[
                    ("file", upload.name.clone().into()),
                    ("why", err.to_string().into()),
                ],
            ));
            render_refused(&page)
        }
        Err(ImportError::Database(err)) => Err(err.into()),
    }
}
