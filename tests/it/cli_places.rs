//! `maille places import|export|generate`, run as a real process.

use std::process::{Command, Output};

use crate::support::TestDb;

fn maille(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_maille"))
        .args(args)
        .env_remove("MAILLE_DATABASE_URL")
        .env("RUST_LOG", "off")
        .output()
        .expect("maille runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn temp(name: &str) -> std::path::PathBuf {
    std::env::temp_dir().join(format!("maille-{}-{name}", uuid::Uuid::now_v7()))
}

#[tokio::test]
async fn a_generated_directory_imports_reports_as_json_and_exports_again() {
    let db = TestDb::empty().await;
    let url = db.url.as_str();
    let file = temp("places.csv");
    let path = file.to_str().unwrap();
    let out = maille(&[
        "places",
        "generate",
        "--count",
        "300",
        "--department",
        "49",
        "--output",
        path,
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = maille(&["places", "import", path, "--json", "--database", url]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    assert_eq!(report["imported"], 300);
    assert_eq!(report["updated"], 0);
    assert_eq!(report["rejected"], serde_json::json!([]));
    let again = maille(&["places", "import", path, "--json", "--database", url]);
    let report: serde_json::Value = serde_json::from_slice(&again.stdout).unwrap();
    assert_eq!(
        (report["imported"].as_u64(), report["updated"].as_u64()),
        (Some(0), Some(300))
    );
    let exported = maille(&["places", "export", "--database", url]);
    let sorted = |t: String| {
        let mut lines: Vec<String> = t.lines().map(str::to_owned).collect();
        lines.sort();
        lines
    };
    let (written, generated) = (
        sorted(text(&exported.stdout)),
        sorted(std::fs::read_to_string(&file).unwrap()),
    );
    assert_eq!(written.len(), 301);
    assert!(
        written == generated,
        "the export holds exactly the generated rows (in id order)"
    );
    let json = maille(&["places", "export", "--format", "json", "--database", url]);
    let array: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(array.as_array().map(Vec::len), Some(300));
    let _ = std::fs::remove_file(file);
}

#[tokio::test]
async fn a_file_with_bad_rows_lists_each_with_line_field_value_and_reason() {
    let db = TestDb::empty().await;
    let file = temp("bad.csv");
    let example = include_str!("../data/exemple-valide.csv");
    let bad = example.replace("\"51100\"", "\"5110\"");
    let body: String = example
        .lines()
        .chain(bad.lines().skip(1))
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(
        &file,
        body.replace("\"structure-1\",\"43493312300029\"\n", ""),
    )
    .unwrap();
    let out = maille(&[
        "places",
        "import",
        file.to_str().unwrap(),
        "--dry-run",
        "--database",
        db.url.as_str(),
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("1 lieu(x) seraient ajouté(s)"), "{stdout}");
    assert!(stdout.contains("ligne 3, champ code_postal (« 5110 ») : Le code postal doit compter exactement 5 chiffres"), "{stdout}");
    let _ = std::fs::remove_file(file);
}

#[test]
fn an_unreadable_file_or_a_foreign_header_fails_with_one_clear_line() {
    let missing = maille(&[
        "places",
        "import",
        "/nulle/part.csv",
        "--database",
        "sqlite::memory:",
    ]);
    assert!(!missing.status.success());
    let err = text(&missing.stderr);
    assert!(
        err.contains("impossible de lire /nulle/part.csv") && err.lines().count() == 1,
        "{err}"
    );
    let file = temp("foreign.csv");
    std::fs::write(&file, "nom;adresse\nA;B\n").unwrap();
    let foreign = maille(&[
        "places",
        "import",
        file.to_str().unwrap(),
        "--database",
        "sqlite::memory:",
    ]);
    assert!(!foreign.status.success());
    let err = text(&foreign.stderr);
    assert!(
        err.contains("en-tête non conforme au schéma national") && err.lines().count() == 1,
        "{err}"
    );
    let _ = std::fs::remove_file(file);
}

#[tokio::test]
async fn coverage_answers_in_json_as_the_api_does_and_refuses_bad_flags_by_name() {
    let db = TestDb::empty().await;
    let url = db.url.as_str();
    let file = temp("coverage.csv");
    let path = file.to_str().unwrap();
    maille(&[
        "places",
        "generate",
        "--count",
        "200",
        "--department",
        "49",
        "--output",
        path,
    ]);
    let out = maille(&["places", "import", path, "--database", url]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = maille(&[
        "coverage",
        "--radius-km",
        "5",
        "--department",
        "49",
        "--json",
        "--database",
        url,
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    assert_eq!(report["radius_km"], 5.0);
    assert_eq!(report["communes"], 176, "Maine-et-Loire's communes");
    let listed = report["communes_list"].as_array().unwrap();
    assert_eq!(
        listed.len() as u64,
        report["uncovered_communes"].as_u64().unwrap()
    );
    assert!(
        listed
            .iter()
            .all(|c| c["distance_km"].as_f64().unwrap() > 5.0)
    );

    let words = maille(&[
        "coverage",
        "--radius-km",
        "5",
        "--department",
        "49",
        "--database",
        url,
    ]);
    let words = text(&words.stdout);
    assert!(
        words.starts_with("Maine-et-Loire (49) — rayon 5 km"),
        "{words}"
    );
    assert!(words.contains("Communes non couvertes : "));

    let refused = maille(&[
        "coverage",
        "--radius-km",
        "-1",
        "--region",
        "99",
        "--database",
        url,
    ]);
    assert!(!refused.status.success());
    let message = text(&refused.stderr);
    assert!(
        message.contains("--radius-km « -1 »") && message.contains("--region « 99 »"),
        "{message}"
    );
    std::fs::remove_file(file).ok();
}

#[tokio::test]
async fn a_huge_file_of_zero_bytes_is_refused_in_one_short_line() {
    let file = temp("sparse.csv");
    // 256 MB that take no disk: one « line » of zero bytes.
    std::fs::File::create(&file)
        .unwrap()
        .set_len(256 * 1024 * 1024)
        .unwrap();
    let out = maille(&[
        "places",
        "import",
        file.to_str().unwrap(),
        "--database",
        "sqlite::memory:",
    ]);
    let _ = std::fs::remove_file(&file);
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(err.lines().count() == 1 && err.len() < 500, "{err}");
    assert!(err.contains("la première ligne dépasse 256 Kio"), "{err}");
}

#[tokio::test]
async fn a_file_of_many_bad_rows_gets_a_report_of_bounded_size_counting_every_one() {
    let db = TestDb::empty().await;
    let file = temp("bad.csv");
    let mut content = maille::places::COLUMNS.join(",");
    for n in 0..20_000 {
        content.push_str(&format!(
            "\nid-{n},1,{},a,4930,,a,,,,,,,,,,,,,,2026-01-01,,,,,,,,,,,",
            "x".repeat(300)
        ));
    }
    std::fs::write(&file, content).unwrap();
    let out = maille(&[
        "places",
        "import",
        file.to_str().unwrap(),
        "--json",
        "--database",
        db.url.as_str(),
    ]);
    let _ = std::fs::remove_file(&file);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["refused_rows"], 20_000);
    assert_eq!(report["rejected"].as_array().unwrap().len(), 1000);
    assert!(report["not_listed"].as_u64().unwrap() >= 19_000);
    let postcode = report["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["field"] == "code_postal")
        .unwrap();
    assert_eq!(postcode["count"], 20_000);
    assert!(out.stdout.len() < 1024 * 1024, "{} bytes", out.stdout.len());
}
