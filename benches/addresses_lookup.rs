//! A typed address resolved against a department's address base in SQLite
//! (issue 14's target: a lookup ≤ 5 ms, the base not held in memory). The
//! base is synthetic but shaped like the BAN's `adresses-49.csv.gz`: every
//! commune of Maine-et-Loire, 49 streets each, numbers 1 to 45 — about
//! 400,000 addresses. Lookups vary: commune, street and number change each
//! time, a tenth of them with a number the street lacks.
//!
//! Run: `cargo bench --bench addresses_lookup` (figures in docs/PERFORMANCE.md).

use std::fmt::Write;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use maille::addresses::{self, import};
use maille::db::{self, DatabaseUrl};
use maille::territory::Communes;

const TYPES: [&str; 7] = [
    "Rue",
    "Avenue",
    "Chemin",
    "Impasse",
    "Allée",
    "Place",
    "Boulevard",
];
const NAMES: [&str; 7] = [
    "Victor Hugo",
    "Jean Jaurès",
    "de la Mairie",
    "des Lilas",
    "du Stade",
    "de l’Église",
    "Pasteur",
];
const NUMBERS: u32 = 45;

/// The synthetic BAN file, and the typed addresses to look up.
fn ban() -> (String, Vec<String>) {
    let mut file =
        String::from("id;numero;rep;nom_voie;code_postal;code_insee;nom_commune;lon;lat\n");
    let mut typed = Vec::new();
    let communes: Vec<_> = Communes::get()
        .all()
        .iter()
        .filter(|c| c.departement() == "49")
        .collect();
    for (c, commune) in communes.iter().enumerate() {
        for (s, (kind, name)) in TYPES
            .iter()
            .flat_map(|t| NAMES.iter().map(move |n| (t, n)))
            .enumerate()
        {
            let street = format!("{kind} {name}");
            for n in 1..=NUMBERS {
                let _ = writeln!(
                    file,
                    "{}_{s:04}_{n:05};{n};;{street};{};{};{};{:.5};{:.5}",
                    commune.code_insee(),
                    commune.code_postal(),
                    commune.code_insee(),
                    commune.nom(),
                    commune.longitude + f64::from(n) * 0.0001,
                    commune.latitude + s as f64 * 0.0001,
                );
            }
            if (c + s) % 97 == 0 {
                let n = (c * 7 + s) as u32 % (NUMBERS + 5) + 1;
                typed.push(format!("{n} {street} {}", commune.nom()));
            }
        }
    }
    (file, typed)
}

fn lookup(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().expect("runtime");
    let path = std::env::temp_dir().join(format!("maille-bench-ban-{}.db", std::process::id()));
    let _ = std::fs::remove_file(&path);
    let url = DatabaseUrl::parse(&format!("sqlite://{}", path.display())).expect("url");
    let (file, typed) = ban();
    let db = runtime.block_on(async {
        let db = db::connect(&url).await.expect("database");
        db::migrate(&db).await.expect("schema");
        let report = import::run(&db, std::io::Cursor::new(file.into_bytes()))
            .await
            .expect("imported");
        eprintln!("{} addresses, {} lookups", report.imported, typed.len());
        db
    });
    let mut i = 0;
    c.bench_function("an address among 400,000 (SQLite)", |b| {
        b.iter(|| {
            let address = &typed[i % typed.len()];
            i += 1;
            let found = runtime
                .block_on(addresses::find(&db, address))
                .expect("read");
            black_box(found.expect("found"))
        })
    });
    let _ = std::fs::remove_file(&path);
}

criterion_group!(benches, lookup);
criterion_main!(benches);
