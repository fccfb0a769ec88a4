//! The impact page (`/espace/materiel/impact`, and `.csv`): for a
//! structure, its devices and the factors it uses — which it may replace
//! with its own figure and source; for a federation or the network, the
//! structures below, aggregated (counts of devices, never a person).

use axum::Router;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;

use super::views::{FactorRow, ImpactPage, ImpactRow};
use crate::app::AppState;
use crate::equipment::impact::{self, Impact};
use crate::equipment::model::KINDS;
use crate::equipment::store::{self, FactorRecord};
use crate::error::AppError;
use crate::mediation::fields::Fields;
use crate::mediation::staff::activities::require_own;
use crate::mediation::staff::chart::{self, Bar};
use crate::mediation::staff::figures::scope_of;
use crate::validation::FormErrors;
use crate::web::form::Choice;
use crate::web::{CurrentUser, Form, flash, render, render_refused};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/espace/materiel/impact", get(show).post(save_factor))
        .route("/espace/materiel/impact.csv", get(csv))
}

fn decimal(n: f64) -> String {
    let rounded = (n * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        crate::text::thousands(rounded as u64)
    } else {
        format!("{rounded:.1}").replace('.', ",")
    }
}

fn rows(impact: &Impact) -> Vec<ImpactRow> {
    let row = |label: &str, value: String| ImpactRow {
        label: label.to_owned(),
        value,
    };
    vec![
        row(
            "Appareils collectés",
            crate::text::thousands(impact.collected),
        ),
        row(
            "Appareils réemployés (donnés ou prêtés)",
            crate::text::thousands(impact.reused),
        ),
        row("Donnés", crate::text::thousands(impact.given)),
        row("Prêtés en ce moment", crate::text::thousands(impact.loaned)),
        row(
            "Réparés (vie prolongée)",
            crate::text::thousands(impact.repaired),
        ),
        row("Recyclés", crate::text::thousands(impact.recycled)),
        row("À l’atelier", crate::text::thousands(impact.in_stock)),
        row(
            "Âge moyen au don",
            impact
                .average_age_at_reuse
                .map_or_else(|| "inconnu".to_owned(), |a| format!("{} ans", decimal(a))),
        ),
        row(
            "Orientations vers une offre internet sociale (en cours, abonnées, refusées)",
            format!(
                "{} / {} / {}",
                impact.internet_referred, impact.internet_subscribed, impact.internet_refused
            ),
        ),
        row(
            "Déchets électroniques évités",
            format!("{} kg", decimal(impact.e_waste_avoided_kg)),
        ),
        row(
            "Émissions évitées",
            format!("{} kg CO₂e", decimal(impact.co2e_avoided_kg)),
        ),
    ]
}

async fn page(
    state: &AppState,
    current: &CurrentUser,
    fields: &Fields,
    errors: FormErrors,
) -> Result<ImpactPage, AppError> {
    let (structures, aggregated) = scope_of(state, &current.user)
        .await?
        .ok_or(AppError::Forbidden)?;
    let impact = impact::read(&state.db, &structures).await?;
    let bars: Vec<Bar> = [
        ("Collectés", impact.collected),
        ("Réemployés", impact.reused),
        ("Donnés", impact.given),
        ("Prêtés", impact.loaned),
        ("Réparés", impact.repaired),
        ("Recyclés", impact.recycled),
    ]
    .iter()
    .map(|(label, n)| Bar {
        label: (*label).to_owned(),
        values: vec![*n],
    })
    .collect();
    let one = |name: &str| fields.one(name).unwrap_or_default().to_owned();
    let chosen = fields.one("kind").unwrap_or("laptop").to_owned();
    Ok(ImpactPage {
        chrome: current.chrome().await?,
        errors,
        scope: if aggregated {
            format!("{} structures, chiffres agrégés", impact.structures)
        } else {
            "votre structure".to_owned()
        },
        rows: rows(&impact),
        chart: chart::bars("Appareils par devenir", &bars, None),
        kinds: impact
            .by_kind
            .iter()
            .map(|k| (KINDS.label(&k.kind).to_owned(), k.collected, k.reused))
            .collect(),
        factors: impact
            .factors
            .iter()
            .map(|f| FactorRow {
                kind: KINDS.label(&f.kind).to_owned(),
                weight_kg: decimal(f.weight_kg),
                co2e_kg: decimal(f.co2e_kg),
                source: f.source.clone(),
                custom: f.custom,
            })
            .collect(),
        own: !aggregated,
        kind_choices: KINDS
            .entries
            .iter()
            .map(|(c, l)| Choice::new(c, l, &chosen))
            .collect(),
        factor_weight: one("weight_kg"),
        factor_co2e: one("co2e_kg"),
        factor_source: one("source"),
    })
}

async fn show(State(state): State<AppState>, current: CurrentUser) -> Result<Response, AppError> {
    render(&page(&state, &current, &Fields::default(), FormErrors::default()).await?)
}

async fn save_factor(
    State(state): State<AppState>,
    current: CurrentUser,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, AppError> {
    require_own(&current)?;
    let fields = Fields::from_filled_form(pairs);
    match impact::parse_factor(&fields) {
        Ok((kind, weight_kg, co2e_kg, source)) => {
            let now = crate::db::now();
            store::save_factor(
                &state.db,
                FactorRecord {
                    id: crate::db::new_id(),
                    organization_id: current.user.organization_id.as_str().to_owned(),
                    kind: kind.to_owned(),
                    weight_kg,
                    co2e_kg,
                    source,
                    created_at: now,
                    updated_at: now,
                },
            )
            .await?;
            flash::set_text(
                &current.session,
                format!(
                    "Facteur « {} » enregistré avec sa source.",
                    KINDS.label(kind)
                ),
            )
            .await?;
            Ok(Redirect::to("/espace/materiel/impact").into_response())
        }
        Err(errors) => {
            render_refused(&page(&state, &current, &fields, FormErrors::from(errors)).await?)
        }
    }
}

async fn csv(State(state): State<AppState>, current: CurrentUser) -> Result<Response, AppError> {
    let (structures, _) = scope_of(&state, &current.user)
        .await?
        .ok_or(AppError::Forbidden)?;
    let impact = impact::read(&state.db, &structures).await?;
    let mut lines = vec![vec!["Indicateur".to_owned(), "Valeur".to_owned()]];
    lines.extend(rows(&impact).into_iter().map(|r| vec![r.label, r.value]));
    lines.push(Vec::new());
    lines.push(vec![
        "Type".into(),
        "Poids (kg)".into(),
        "CO₂e de fabrication (kg)".into(),
        "Source".into(),
    ]);
    lines.extend(impact.factors.iter().map(|f| {
        vec![
            KINDS.label(&f.kind).to_owned(),
            decimal(f.weight_kg),
            decimal(f.co2e_kg),
            f.source.clone(),
        ]
    }));
    let mut body = "\u{feff}".as_bytes().to_vec();
    body.extend(crate::equipment::export::csv_of(lines)?);
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"impact.csv\"",
            ),
        ],
        body,
    )
        .into_response())
}
