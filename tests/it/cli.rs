//! The `maille` command line, run as a real process.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use crate::support::TestDb;

fn maille(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_maille"))
        .args(args)
        .env_remove("MAILLE_DATABASE_URL")
        .env_remove("MAILLE_ADDR")
        .env("RUST_LOG", "off")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("maille starts");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("stdin written");
    child.wait_with_output().expect("maille ends")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn an_unknown_database_url_is_one_french_line_and_a_failure() {
    let out = maille(
        &["migrate", "--database", "mysql://root@localhost/maille"],
        "",
    );
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("adresse de base de données non reconnue"),
        "{err}"
    );
}

#[test]
fn an_unreachable_database_says_what_to_check() {
    let out = maille(
        &[
            "migrate",
            "--database",
            "postgres://postgres@127.0.0.1:1/maille",
        ],
        "",
    );
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(
        err.contains("impossible d’ouvrir la base de données")
            && err.contains("MAILLE_DATABASE_URL"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[tokio::test]
async fn a_port_already_in_use_is_reported_clearly() {
    let db = TestDb::empty().await;
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = taken.local_addr().expect("addr").to_string();
    let out = maille(
        &["serve", "--addr", &addr, "--database", db.url.as_str()],
        "",
    );
    assert!(!out.status.success());
    let err = text(&out.stderr);
    assert!(
        err.contains(&format!("impossible d’écouter sur {addr}")) && err.contains("--addr"),
        "{err}"
    );
}

#[test]
fn a_malformed_listen_address_is_explained() {
    let out = maille(&["serve", "--addr", "localhost-8080"], "");
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("adresse d’écoute invalide"));
}

#[tokio::test]
async fn an_operator_builds_the_first_network_and_admin_from_the_command_line() {
    let db = TestDb::empty().await;
    let url = db.url.as_str();
    let out = maille(&["migrate", "--database", url], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let out = maille(
        &[
            "organizations",
            "create",
            "--name",
            "Réseau national",
            "--kind",
            "network",
            "--database",
            url,
        ],
        "",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("reseau-national"));
    let refused = maille(
        &[
            "organizations",
            "create",
            "--name",
            "Centre",
            "--kind",
            "structure",
            "--database",
            url,
        ],
        "",
    );
    assert!(!refused.status.success());
    assert!(text(&refused.stderr).contains("rattachement n’est pas possible"));
    let out = maille(
        &[
            "users",
            "create",
            "--email",
            "Admin@Reseau.fr",
            "--role",
            "admin",
            "--organization",
            "reseau-national",
            "--database",
            url,
        ],
        "une phrase de passe solide\n",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        !text(&out.stdout).contains("une phrase de passe solide"),
        "a typed password is never echoed"
    );
    let (user, hash) = maille::accounts::store::find_with_hash_by_email(
        &db.conn,
        &maille::accounts::Email::parse("admin@reseau.fr").unwrap(),
    )
    .await
    .unwrap()
    .expect("account exists");
    assert_eq!(user.role, maille::accounts::Role::Admin);
    assert!(maille::accounts::password::verify_blocking(
        "une phrase de passe solide",
        &hash
    ));
    let listed = maille(&["organizations", "list", "--database", url], "");
    assert!(text(&listed.stdout).contains("Réseau national — Réseau (reseau-national)"));
}

#[tokio::test]
async fn without_a_typed_password_one_is_generated_and_printed_once() {
    let db = TestDb::empty().await;
    let url = db.url.as_str();
    maille(
        &[
            "organizations",
            "create",
            "--name",
            "Réseau",
            "--kind",
            "network",
            "--database",
            url,
        ],
        "",
    );
    let out = maille(
        &[
            "users",
            "create",
            "--email",
            "a@reseau.fr",
            "--role",
            "admin",
            "--organization",
            "Réseau",
            "--database",
            url,
        ],
        "",
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let password = stdout
        .lines()
        .find_map(|l| l.strip_prefix("Mot de passe (affiché une seule fois) : "))
        .expect("printed");
    let (_, hash) = maille::accounts::store::find_with_hash_by_email(
        &db.conn,
        &maille::accounts::Email::parse("a@reseau.fr").unwrap(),
    )
    .await
    .unwrap()
    .unwrap();
    assert!(maille::accounts::password::verify_blocking(password, &hash));
}

#[tokio::test]
async fn a_bad_role_or_organisation_is_named_in_the_error() {
    let db = TestDb::empty().await;
    let url = db.url.as_str();
    let out = maille(
        &[
            "users",
            "create",
            "--email",
            "a@b.fr",
            "--role",
            "chef",
            "--organization",
            "x",
            "--database",
            url,
        ],
        "",
    );
    assert!(text(&out.stderr).contains("--role"));
    let out = maille(
        &[
            "users",
            "create",
            "--email",
            "a@b.fr",
            "--role",
            "admin",
            "--organization",
            "inconnue",
            "--database",
            url,
        ],
        "",
    );
    assert!(!out.status.success());
    assert!(text(&out.stderr).contains("--organization : aucune organisation « inconnue »"));
    let out = maille(
        &[
            "users",
            "create",
            "--email",
            "a@b.fr",
            "--role",
            "admin",
            "--organization",
            "x",
            "--database",
            url,
        ],
        "court\n",
    );
    assert!(text(&out.stderr).contains("au moins 12 caractères"));
}

#[tokio::test]
async fn addresses_are_imported_from_a_gzipped_ban_file_and_refused_rows_listed() {
    let db = TestDb::empty().await;
    let file = std::env::temp_dir().join(format!("maille-ban-{}.csv.gz", uuid::Uuid::now_v7()));
    std::fs::write(&file, crate::support::addresses::ban_csv_gz()).unwrap();
    let out = maille(
        &[
            "addresses",
            "import",
            file.to_str().unwrap(),
            "--database",
            db.url.as_str(),
        ],
        "",
    );
    let _ = std::fs::remove_file(&file);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(said.contains("60 adresses importées"), "{said}");
    assert!(
        said.contains("ligne 62 : numéro illisible : « douze »"),
        "{said}"
    );
}
