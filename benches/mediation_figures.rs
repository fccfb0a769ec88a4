//! Mediation figures and the activity list, in process (issue 15's targets:
//! a structure's year ≤ 100 ms, a federation's ≤ 300 ms, a page of the
//! filtered list ≤ 20 ms). The database holds 200,000 generated activities
//! over 20 structures — each structure about as many as in the issue's
//! million over a hundred; `benches/load/activities.sh` measures the full
//! million over HTTP. Each iteration changes structure, period or filter.
//!
//! Run: `cargo bench --bench mediation_figures` (figures in docs/PERFORMANCE.md).
//! `MAILLE_BENCH_DATABASE_URL=postgres://…` measures on PostgreSQL (a new,
//! empty database is expected).

use std::hint::black_box;

use chrono::{Duration, Months};
use criterion::{Criterion, criterion_group, criterion_main};
use maille::db::{self, DatabaseUrl};
use maille::mediation::figures::{self, Scope};
use maille::mediation::store::{self, Filter};
use maille::mediation::{generate, today};
use maille::organizations::OrganizationId;

const THEMES: [&str; 5] = [
    "Email",
    "Sante",
    "Bureautique",
    "Logement",
    "NavigationSurInternet",
];

fn figures_and_list(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let path =
        std::env::temp_dir().join(format!("maille-bench-activities-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let url = std::env::var("MAILLE_BENCH_DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite://{}", path.display()));
    let url = DatabaseUrl::parse(&url).expect("url");
    let today = today();
    let (db, structures) = runtime.block_on(async {
        let db = db::connect(&url).await.expect("database");
        db::migrate(&db).await.expect("schema");
        let made = generate::generate(&db, 200_000, 20, 7, today)
            .await
            .expect("generated");
        let ids: Vec<OrganizationId> = made
            .iter()
            .map(|m| OrganizationId::parse(&m.id).expect("id"))
            .collect();
        (db, ids)
    });
    let mut i = 0usize;
    c.bench_function(
        "a structure's figures for a year (10,000 activities)",
        |b| {
            b.iter(|| {
                i += 1;
                let structure = std::slice::from_ref(&structures[i % structures.len()]);
                let to = today - Duration::days((i % 30) as i64);
                let from = to
                    .checked_sub_months(Months::new(12))
                    .expect("a year before");
                let scope = Scope {
                    structures: structure,
                    aggregated: false,
                };
                black_box(
                    runtime
                        .block_on(figures::read(&db, &scope, from, to))
                        .expect("figures"),
                )
            })
        },
    );
    c.bench_function(
        "a federation's figures for a year (20 structures, 200,000 activities)",
        |b| {
            b.iter(|| {
                i += 1;
                let to = today - Duration::days((i % 30) as i64);
                let from = to
                    .checked_sub_months(Months::new(12))
                    .expect("a year before");
                let scope = Scope {
                    structures: &structures,
                    aggregated: true,
                };
                black_box(
                    runtime
                        .block_on(figures::read(&db, &scope, from, to))
                        .expect("figures"),
                )
            })
        },
    );
    c.bench_function(
        "a page of 50 activities, filtered by theme and period",
        |b| {
            b.iter(|| {
                i += 1;
                let filter = Filter {
                    theme: maille::mediation::vocabulary::THEMES.find(THEMES[i % THEMES.len()]),
                    from: Some(today - Duration::days((i % 200) as i64 + 30)),
                    ..Filter::default()
                };
                let structure = &structures[i % structures.len()];
                black_box(
                    runtime
                        .block_on(store::page(
                            &db,
                            structure,
                            &filter,
                            (i % 3) as u64 * 50,
                            50,
                        ))
                        .expect("page"),
                )
            })
        },
    );
    let _ = std::fs::remove_file(&path);
}

criterion_group!(benches, figures_and_list);
criterion_main!(benches);
