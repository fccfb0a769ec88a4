//! `/`, `/healthz` and `/espace`.

use std::sync::OnceLock;

use askama::Template;
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::views::{HomePage, StaffHomePage};
use crate::app::AppState;
use crate::authz::{Action, allows};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::places::index::Filters;
use crate::places::public::views::SearchForm;
use crate::web::encoding::Encoding;
use crate::web::{Chrome, CurrentUser, render};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home))
        .route("/healthz", get(healthz))
        .route("/espace", get(staff_home))
}

/// The public home page: never touches the session, so sets no cookie. It
/// is the same for everyone who reads its language, so it is written, and
/// gzipped, once per language (and per way of choosing it: a chosen
/// language is kept in its links).
async fn home(State(state): State<AppState>, headers: HeaderMap) -> Result<Response, AppError> {
    // Per language, per way of choosing it, and per whether addresses can
    // be typed (the search box's hint says so).
    static PAGES: [OnceLock<[Bytes; 2]>; Lang::ALL.len() * 4] =
        [const { OnceLock::new() }; Lang::ALL.len() * 4];
    let language = crate::web::lang::page();
    let addresses = state.places.index().addresses_known;
    let slot =
        (language.lang.index() * 2 + usize::from(language.explicit)) * 2 + usize::from(addresses);
    let page = &PAGES[slot];
    let [plain, gzipped] = match page.get() {
        Some(page) => page,
        None => {
            let html = HomePage {
                chrome: Chrome::public(),
                form: SearchForm {
                    addresses,
                    ..SearchForm::new("", &Filters::default())
                },
            }
            .render()?;
            let html = Bytes::from(html);
            page.get_or_init(|| [html.clone(), Encoding::Gzip.encode(html)])
        }
    };
    let encoding = Encoding::accepted(&headers);
    let bytes = match encoding {
        Encoding::Identity => plain,
        Encoding::Gzip => gzipped,
    };
    Ok(encoding.respond("text/html; charset=utf-8", bytes.clone()))
}

/// `ok` when the database really serves this program (see [`db::health`]);
/// 503 and why otherwise, for a monitor or an operator to read.
async fn healthz(State(state): State<AppState>) -> Response {
    let checked = tokio::time::timeout(HEALTH_DEADLINE, crate::db::health(&state.db)).await;
    let text = |status, body: String| {
        (
            status,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            body,
        )
            .into_response()
    };
    match checked {
        Ok(Ok(())) => text(StatusCode::OK, "ok".to_owned()),
        Ok(Err(err)) => {
            tracing::error!(error = %err, "Maille ne peut pas servir");
            text(StatusCode::SERVICE_UNAVAILABLE, err.to_string())
        }
        Err(_) => text(
            StatusCode::SERVICE_UNAVAILABLE,
            "la base de données ne répond pas à temps".to_owned(),
        ),
    }
}

/// How long the health check waits for the database.
const HEALTH_DEADLINE: std::time::Duration = std::time::Duration::from_secs(5);

async fn staff_home(current: CurrentUser) -> Result<Response, AppError> {
    current.require(Action::UseOwnSpace)?;
    let user = &current.user;
    let org = &current.organization.id;
    let candidates: [(Action<'_>, &'static str, &'static str); 20] = [
        (
            Action::ReadPersonalDataOf(org),
            "/espace/activites/nouvelle",
            "Enregistrer une activité",
        ),
        (
            Action::ReadPersonalDataOf(org),
            "/espace/activites",
            "Voir et exporter les activités",
        ),
        (
            Action::ReadPersonalDataOf(org),
            "/espace/personnes",
            "Personnes suivies",
        ),
        (
            Action::ReadPersonalDataOf(org),
            "/espace/ateliers",
            "Ateliers : séances, inscriptions, présences",
        ),
        (
            Action::ReadPersonalDataOf(org),
            "/espace/rendez-vous",
            "Rendez-vous : agenda du jour, créneaux",
        ),
        (
            Action::ReadPersonalDataOf(org),
            "/espace/messages",
            "Messages envoyés aux habitants",
        ),
        (
            Action::ReadPersonalDataOf(org),
            "/espace/materiel",
            "Matériel : dons, atelier, prêts, étiquettes",
        ),
        (
            Action::ReadPersonalDataOf(org),
            "/espace/chiffres",
            "Chiffres de notre structure",
        ),
        (
            Action::ReadAggregates,
            "/espace/chiffres",
            "Chiffres des activités du réseau",
        ),
        (
            Action::ReadAggregates,
            "/espace/materiel/impact",
            "Impact du réemploi dans le réseau",
        ),
        (
            Action::ManageAccountsOf(org),
            "/espace/comptes",
            "Gérer les comptes de l’équipe",
        ),
        (
            Action::ManagePlacesOf(org),
            "/espace/lieux",
            "Gérer nos lieux et leurs horaires",
        ),
        (
            Action::EditNationalPlaces,
            "/espace/lieux",
            "Corriger un lieu national (géré par aucune structure)",
        ),
        (
            Action::ImportPlaces,
            "/espace/lieux/import",
            "Importer un fichier de lieux (schéma national)",
        ),
        (
            Action::ReadAggregates,
            "/couverture",
            "Voir la couverture du territoire",
        ),
        (
            Action::ReadJournalOf(org),
            "/espace/journal",
            "Consulter le journal de sécurité",
        ),
        (
            Action::ManageOrganizations,
            "/espace/organisations",
            "Gérer les organisations du réseau",
        ),
        (
            Action::ReadAggregates,
            "/espace/reseau",
            "Voir les structures du réseau",
        ),
        (
            Action::UseOwnSpace,
            "/espace/mot-de-passe",
            "Changer mon mot de passe",
        ),
        (Action::UseOwnSpace, "/espace/jetons", "Mes jetons d’API"),
    ];
    let links = candidates
        .into_iter()
        .filter(|(action, _, _)| allows(user, action))
        .map(|(_, href, label)| (href, label))
        .collect();
    render(&StaffHomePage {
        chrome: current.chrome().await?,
        display_name: user.display_name.clone(),
        organization_name: current.organization.name.clone(),
        organization_kind: current.organization.kind.label(),
        role_label: user.role.label(),
        links,
    })
}
