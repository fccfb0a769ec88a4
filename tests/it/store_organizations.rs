//! The organisation store on a real database.

use maille::organizations::store::{self, CreateError};
use maille::organizations::{NewOrganization, OrganizationKind, OrganizationName};

use crate::support::{Network, TestDb};

fn new(
    kind: OrganizationKind,
    name: &str,
    parent: Option<&maille::organizations::Organization>,
) -> NewOrganization {
    NewOrganization {
        kind,
        name: OrganizationName::parse(name).unwrap(),
        parent_id: parent.map(|p| p.id.clone()),
    }
}

#[tokio::test]
async fn a_structure_is_found_by_id_slug_or_exact_name() {
    let db = TestDb::migrated().await;
    let net = Network::create(&db.conn).await;
    for reference in [
        net.cholet.id.as_str(),
        "centre-social-cholet",
        "Centre social Cholet",
    ] {
        let found = store::find_by_reference(&db.conn, reference).await.unwrap();
        assert_eq!(
            found.as_ref().map(|o| &o.id),
            Some(&net.cholet.id),
            "{reference}"
        );
    }
    assert!(
        store::find_by_reference(&db.conn, "centre-inconnu")
            .await
            .unwrap()
            .is_none()
    );
}

#[tokio::test]
async fn a_structure_without_a_parent_is_refused_on_the_parent_field() {
    let db = TestDb::migrated().await;
    let err = store::create(
        &db.conn,
        new(OrganizationKind::Structure, "Orpheline", None),
    )
    .await
    .unwrap_err();
    assert!(matches!(err, CreateError::Invalid(e) if e.field == "parent_id"));
    assert_eq!(store::count(&db.conn).await.unwrap(), 0);
}

#[tokio::test]
async fn nothing_can_hang_under_a_structure() {
    let db = TestDb::migrated().await;
    let net = Network::create(&db.conn).await;
    let err = store::create(
        &db.conn,
        new(OrganizationKind::Structure, "Antenne", Some(&net.cholet)),
    )
    .await
    .unwrap_err();
    assert!(matches!(err, CreateError::Invalid(e) if e.key == "organization-parent-wrong-kind"));
}

#[tokio::test]
async fn two_organisations_with_the_same_name_get_distinct_slugs() {
    let db = TestDb::migrated().await;
    let net = Network::create(&db.conn).await;
    let a = store::create(
        &db.conn,
        new(
            OrganizationKind::Structure,
            "Espace de vie sociale",
            Some(&net.federation),
        ),
    )
    .await
    .unwrap();
    let b = store::create(
        &db.conn,
        new(
            OrganizationKind::Structure,
            "Espace de vie sociale",
            Some(&net.federation),
        ),
    )
    .await
    .unwrap();
    assert_eq!(a.slug, "espace-de-vie-sociale");
    assert_eq!(b.slug, "espace-de-vie-sociale-2");
}

#[tokio::test]
async fn the_tree_read_back_knows_which_structures_lie_below_a_federation() {
    let db = TestDb::migrated().await;
    let net = Network::create(&db.conn).await;
    let other = store::create(
        &db.conn,
        new(
            OrganizationKind::Federation,
            "Autre fédération",
            Some(&net.network),
        ),
    )
    .await
    .unwrap();
    store::create(
        &db.conn,
        new(
            OrganizationKind::Structure,
            "Centre social Nantes",
            Some(&other),
        ),
    )
    .await
    .unwrap();
    let tree = store::tree(&db.conn).await.unwrap();
    let names: Vec<_> = tree
        .structures_within(&net.federation.id)
        .iter()
        .map(|o| o.name.clone())
        .collect();
    assert_eq!(names, ["Centre social Angers", "Centre social Cholet"]);
    assert!(tree.is_within(&net.cholet.id, &net.network.id));
    assert!(!tree.is_within(&net.cholet.id, &other.id));
}
