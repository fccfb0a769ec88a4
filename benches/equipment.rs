//! Equipment in process (issue 17's targets): with 100,000 devices and
//! about 1,000,000 lines of history over 10 structures, a page of the
//! stock with filters ≤ 50 ms and the whole network's impact ≤ 200 ms;
//! one wipe certificate ≤ 20 ms; a sheet of 100 QR labels ≤ 300 ms. Each
//! iteration changes structure, filter, page or device.
//! `benches/load/equipment.sh` measures transitions over HTTP.
//!
//! Run: `cargo bench --bench equipment` (figures in docs/PERFORMANCE.md).
//! `MAILLE_BENCH_DATABASE_URL=postgres://…` measures on PostgreSQL (a new,
//! empty database is expected).

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use maille::db::{self, DatabaseUrl};
use maille::equipment::documents::{self, Label, WipeWords};
use maille::equipment::store::{self, DeviceRecord, EventRecord, StockFilter};
use maille::equipment::{generate, impact};
use maille::organizations::OrganizationId;

const STATES: [Option<&str>; 5] = [
    None,
    Some("received"),
    Some("ready"),
    Some("given"),
    Some("loaned"),
];
const KINDS: [Option<&str>; 3] = [None, Some("laptop"), Some("smartphone")];

fn a_device(n: usize) -> DeviceRecord {
    let now = db::now();
    DeviceRecord {
        id: db::new_id(),
        organization_id: "o".into(),
        code: format!("{:07}", n % 10_000_000),
        lot_id: None,
        kind: "laptop".into(),
        brand: "Lenovo".into(),
        model: "ThinkPad T470".into(),
        serial: format!("PF{n:08}"),
        year: Some(2017),
        specs: "{}".into(),
        grade: Some("B".into()),
        notes: String::new(),
        state: "wiped".into(),
        state_at: now,
        resume_state: None,
        certificate_code: Some(format!("{:012}", n)),
        holder_id: None,
        due_on: None,
        os: None,
        free_os: None,
        created_at: now,
        updated_at: now,
    }
}

fn equipment(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let path =
        std::env::temp_dir().join(format!("maille-bench-equipment-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let url = std::env::var("MAILLE_BENCH_DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite://{}", path.display()));
    let url = DatabaseUrl::parse(&url).expect("url");
    let (db, structures) = runtime.block_on(async {
        let db = db::connect(&url).await.expect("database");
        db::migrate(&db).await.expect("schema");
        let made =
            maille::mediation::generate::generate(&db, 0, 10, 17, maille::mediation::today())
                .await
                .expect("structures");
        let ids: Vec<OrganizationId> = made
            .iter()
            .map(|m| OrganizationId::parse(&m.id).expect("id"))
            .collect();
        let lines = generate::generate(&db, &ids, 100_000, 1_000_000, 17)
            .await
            .expect("devices");
        eprintln!("100,000 devices, {lines} lines of history");
        (db, ids)
    });
    let mut i = 0usize;
    c.bench_function(
        "a page of a structure's stock, filtered (10,000 devices each)",
        |b| {
            b.iter(|| {
                i += 1;
                let filter = StockFilter {
                    state: STATES[i % STATES.len()],
                    kind: KINDS[(i / 5) % KINDS.len()],
                    text: i.is_multiple_of(7).then(|| "Modèle 12".to_owned()),
                    ..StockFilter::default()
                };
                let page = (i / 15) % 10;
                black_box(
                    runtime
                        .block_on(store::stock_page(
                            &db,
                            &structures[i % structures.len()],
                            &filter,
                            page as u64 * 50,
                            50,
                        ))
                        .expect("page"),
                );
            });
        },
    );
    c.bench_function(
        "the impact of the whole network (10 structures, 100,000 devices)",
        |b| {
            b.iter(|| {
                black_box(
                    runtime
                        .block_on(impact::read(&db, &structures))
                        .expect("impact"),
                )
            });
        },
    );
    c.bench_function("the impact of one structure", |b| {
        b.iter(|| {
            i += 1;
            let one = std::slice::from_ref(&structures[i % structures.len()]);
            black_box(runtime.block_on(impact::read(&db, one)).expect("impact"))
        });
    });
    let event = EventRecord {
        id: db::new_id(),
        organization_id: "o".into(),
        device_id: "d".into(),
        at: db::now(),
        from_state: Some("diagnosed".into()),
        to_state: "wiped".into(),
        by_user: None,
        details: r#"{"method":"purge","tool":"nwipe 0.38","passes":1,"verified":true,"storage_serials":["S3TANX0K102938"]}"#.into(),
    };
    let details = serde_json::from_str(&event.details).expect("details");
    let words = WipeWords::new(&event, &details);
    c.bench_function("one wipe certificate (PDF/A-2b)", |b| {
        b.iter(|| {
            i += 1;
            black_box(
                documents::certificate(
                    &a_device(i),
                    &words,
                    "Centre social du Val de Moine",
                    "https://maille.example",
                )
                .expect("pdf"),
            )
        });
    });
    c.bench_function("a sheet of 100 QR labels (PDF/A-2b)", |b| {
        b.iter(|| {
            i += 1;
            let labels: Vec<Label> = (0..100)
                .filter_map(|n| {
                    Label::of(
                        &a_device(i * 100 + n),
                        "Centre social du Val de Moine",
                        "https://maille.example",
                    )
                })
                .collect();
            black_box(documents::labels_pdf(&labels).expect("pdf"))
        });
    });
    let labels: Vec<Label> = (0..100)
        .filter_map(|n| {
            Label::of(
                &a_device(n),
                "Centre social du Val de Moine",
                "https://maille.example",
            )
        })
        .collect();
    let sheet = documents::labels_pdf(&labels).expect("pdf");
    let certificate = documents::certificate(
        &a_device(1),
        &words,
        "Centre social du Val de Moine",
        "https://maille.example",
    )
    .expect("pdf");
    eprintln!(
        "sizes: certificate {} bytes, 100 labels {} bytes",
        certificate.len(),
        sheet.len()
    );
    drop(db);
    let _ = std::fs::remove_file(&path);
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30);
    targets = equipment
}
criterion_main!(benches);
