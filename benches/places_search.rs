//! Nearest places among a synthetic national directory of 20,000 places
//! (issue 3's target: the nearest 20 with filters, p50 ≤ 50 µs in process),
//! writing their schema fields as the API does, and the coverage of all
//! France's communes (target ≤ 200 ms).
//!
//! Run: `cargo bench --bench places_search` (figures in docs/PERFORMANCE.md).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use maille::coverage::{Question, Territory, compute};
use maille::places::hours;
use maille::places::index::{Filters, PlaceIndex};
use maille::places::store::StoredPlace;
use maille::places::synthetic;
use maille::territory::Communes;

/// A synthetic directory of `count` places, as the store returns them.
fn stored(count: usize) -> Vec<StoredPlace> {
    synthetic::places(count, 2026)
        .into_iter()
        .map(|place| StoredPlace {
            place,
            organization_id: None,
            position_approximate: false,
        })
        .collect()
}

fn nearest(c: &mut Criterion) {
    let index = PlaceIndex::new(stored(20_000));
    // Query points: real communes, from Paris to a village.
    let communes = Communes::get().all();
    let points: Vec<(f64, f64)> = communes
        .iter()
        .step_by(997)
        .map(|c| (c.latitude, c.longitude))
        .collect();
    let no_filter = Filters::default();
    let service = Filters {
        services: vec!["Aide aux démarches administratives"],
        free: true,
        ..Filters::default()
    };
    let open_now = Filters {
        services: vec!["Aide aux démarches administratives"],
        open_at: hours::local(chrono_tz::Europe::Paris, 2026, 11, 23, 10, 0),
        ..Filters::default()
    };
    let mut group = c.benchmark_group("nearest 20 of 20,000");
    for (name, filters) in [
        ("no filter", &no_filter),
        ("service + free", &service),
        ("service + open now", &open_now),
    ] {
        let mut i = 0;
        group.bench_function(name, |b| {
            b.iter(|| {
                let (lat, lon) = points[i % points.len()];
                i += 1;
                black_box(index.nearest(lat, lon, filters, None).take(20).count())
            })
        });
    }
    group.finish();
    let mut i = 0;
    let mut out = Vec::with_capacity(32 << 10);
    // The API's answer is these rows plus a few members per place.
    c.bench_function("write the schema fields of the nearest 20 as JSON", |b| {
        b.iter(|| {
            let (lat, lon) = points[i % points.len()];
            i += 1;
            out.clear();
            for (place, _) in index.nearest(lat, lon, &service, None).take(20) {
                place.write_json_members(&mut out);
            }
            black_box(out.len())
        })
    });
    c.bench_function("build the index of 20,000 places", |b| {
        let places = stored(20_000);
        b.iter(|| black_box(PlaceIndex::new(places.clone()).len()))
    });
}

fn coverage(c: &mut Criterion) {
    let index = PlaceIndex::new(stored(20_000));
    let mut group = c.benchmark_group("coverage of 34,870 communes by 20,000 places");
    group.sample_size(20);
    for (name, service) in [
        ("any service", None),
        ("one service", Some("Aide aux démarches administratives")),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let question = Question {
                    radius_km: 10.0,
                    territory: Territory::All,
                    service,
                };
                black_box(compute(&index, Communes::get(), question).uncovered_communes)
            })
        });
    }
    group.finish();
}

criterion_group!(benches, nearest, coverage);
criterion_main!(benches);
