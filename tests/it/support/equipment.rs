//! Equipment fixtures, and reading back what Maille prints: the text of a
//! PDF with `pdftotext` and its QR codes with `pdftoppm` + `zbarimg`
//! (Debian's poppler-utils and zbar-tools, independent of the writer).
//! Without them a test skips with a notice, and fails under
//! `MAILLE_REQUIRE_PDF_TOOLS=1` (CI).

use std::io::Write;
use std::process::{Command, Stdio};

use maille::accounts::User;
use maille::equipment::store::DeviceRecord;
use maille::mediation::fields::Fields;
use sea_orm::DatabaseConnection;

fn has(tool: &str) -> bool {
    Command::new(tool)
        .arg("-v")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok()
}

/// Whether the PDF tools are here (a notice, or a failure in CI, if not).
pub fn pdf_tools() -> bool {
    if has("pdftotext") && has("pdftoppm") && has("zbarimg") {
        return true;
    }
    assert!(
        std::env::var("MAILLE_REQUIRE_PDF_TOOLS").as_deref() != Ok("1"),
        "MAILLE_REQUIRE_PDF_TOOLS=1 but pdftotext, pdftoppm or zbarimg is missing (apt-get install poppler-utils zbar-tools)"
    );
    eprintln!("NOTICE: PDF checks skipped: apt-get install poppler-utils zbar-tools");
    false
}

fn temp_pdf(pdf: &[u8]) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!(
        "maille-pdf-{}-{}.pdf",
        std::process::id(),
        uuid::Uuid::now_v7()
    ));
    std::fs::File::create(&path)
        .unwrap()
        .write_all(pdf)
        .unwrap();
    path
}

/// The text of `pdf`, as `pdftotext` extracts it.
pub fn pdf_text(pdf: &[u8]) -> String {
    let path = temp_pdf(pdf);
    let out = Command::new("pdftotext")
        .arg(&path)
        .arg("-")
        .output()
        .unwrap();
    let _ = std::fs::remove_file(&path);
    assert!(
        out.status.success(),
        "pdftotext: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// What the QR codes of `pdf`'s first `pages` pages say, decoded by zbar.
pub fn pdf_qr_codes(pdf: &[u8], pages: usize) -> Vec<String> {
    let path = temp_pdf(pdf);
    let prefix = path.with_extension("");
    let status = Command::new("pdftoppm")
        .args(["-r", "150", "-png", "-l", &pages.to_string()])
        .arg(&path)
        .arg(&prefix)
        .status()
        .unwrap();
    assert!(status.success());
    let mut found = Vec::new();
    let dir = std::env::temp_dir();
    let stem = prefix.file_name().unwrap().to_string_lossy().to_string();
    let mut images: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.file_name().is_some_and(|n| {
                n.to_string_lossy().starts_with(&stem) && n.to_string_lossy().ends_with(".png")
            })
        })
        .collect();
    images.sort();
    for image in images {
        let out = Command::new("zbarimg")
            .args(["--raw", "-q"])
            .arg(&image)
            .output()
            .unwrap();
        found.extend(
            String::from_utf8_lossy(&out.stdout)
                .lines()
                .map(str::to_owned),
        );
        let _ = std::fs::remove_file(&image);
    }
    let _ = std::fs::remove_file(&path);
    found.sort();
    found
}

pub fn fields(pairs: &[(&str, &str)]) -> Fields {
    Fields::from_pairs(
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    )
}

/// A laptop received by `user`'s structure.
pub async fn laptop(db: &DatabaseConnection, user: &User, serial: &str) -> DeviceRecord {
    maille::equipment::intake::add_device(
        db,
        user,
        &fields(&[
            ("kind", "laptop"),
            ("brand", "Lenovo"),
            ("model", "ThinkPad T470"),
            ("serial", serial),
            ("year", "2017"),
            ("storage_serials", "S3TANX0K102938"),
        ]),
        maille::mediation::today(),
    )
    .await
    .unwrap()
}

/// Walks `device` to `ready`, as a bench does.
pub async fn walk_to_ready(db: &DatabaseConnection, user: &User, device: &DeviceRecord) {
    for step in [
        &[("to", "diagnosed"), ("grade", "B")][..],
        &[
            ("to", "wiped"),
            ("method", "purge"),
            ("tool", "nwipe"),
            ("verified", "true"),
        ],
        &[("to", "refurbished"), ("os", "Debian 13")],
        &[("to", "ready")],
    ] {
        maille::equipment::transitions::record(
            db,
            user,
            &device.id,
            &fields(step),
            maille::mediation::today(),
        )
        .await
        .unwrap();
    }
}

/// A person `user`'s structure follows, with consent (and an e-mail
/// address when given); their id.
pub async fn person(db: &DatabaseConnection, user: &User, name: &str, email: &str) -> String {
    maille::mediation::people::create(
        db,
        user,
        &Fields::from_json(
            &serde_json::json!({"pseudonym": name, "consent": true, "email": email}),
        )
        .unwrap(),
        maille::mediation::today(),
    )
    .await
    .unwrap()
    .id
}
