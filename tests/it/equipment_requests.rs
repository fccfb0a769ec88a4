//! Requests for equipment and the path before a gift, as a household and
//! a structure live them: a household asks on the public form without an
//! account; the structure's own criteria order the waiting list; a ready
//! device is set aside for one request only; it cannot be given before
//! the path's sessions are done, and then it is. Social internet offers:
//! a refusal says why; referrals are counted without names.

use axum::http::StatusCode;
use serde_json::json;

use crate::support::TestApp;
use crate::support::equipment::{fields, laptop, person, walk_to_ready};
use maille::equipment::requests::{service, store};
use maille::mediation::today;

#[tokio::test]
async fn a_household_asks_without_an_account_and_gets_its_laptop_only_at_the_end_of_its_path() {
    let (app, network) = TestApp::with_network().await;
    let db = app.conn();
    let mediator = &network.mediator_cholet;
    let minima = service::add_criterion(
        db,
        mediator,
        "equipment",
        &fields(&[("label", "Bénéficiaire de minima sociaux")]),
    )
    .await
    .unwrap();
    let insertion = service::add_criterion(
        db,
        mediator,
        "equipment",
        &fields(&[("label", "En parcours d’insertion")]),
    )
    .await
    .unwrap();
    // The public form: no account, no cookie; a refusal keeps what was typed.
    let mut household = app.visitor();
    let form_path = format!("/structures/{}/demande-materiel", network.cholet.slug);
    let form = household.get(&form_path).await;
    assert_eq!(form.status, StatusCode::OK);
    form.assert_contains("Bénéficiaire de minima sociaux");
    assert!(form.set_cookies().is_empty());
    let refused = household
        .post(
            &form_path,
            &[
                ("name", "Samira"),
                ("phone", "06 12 34 56 78"),
                ("need", "school"),
                ("household", "1 adulte, 2 enfants"),
            ],
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    refused.assert_contains("value=\"1 adulte, 2 enfants\"");
    let asked = household
        .post(
            &form_path,
            &[
                ("name", "Samira"),
                ("phone", "06 12 34 56 78"),
                ("need", "school"),
                ("kind", "laptop"),
                ("household", "1 adulte, 2 enfants"),
                ("criteria", &minima.id),
                ("consent", "oui"),
            ],
        )
        .await;
    assert_eq!(asked.status, StatusCode::OK, "{}", asked.body);
    asked.assert_contains("Votre demande est enregistrée");
    // A mediator's request for a person meeting both criteria goes first.
    let karim = person(db, mediator, "Karim", "").await;
    let mut staff = app.logged_in(mediator.email.as_str()).await;
    staff.get("/espace/materiel/demandes/nouvelle").await;
    let made = staff
        .post(
            "/espace/materiel/demandes/nouvelle",
            &[
                ("beneficiary_id", &karim),
                ("need", "job_search"),
                ("kind", "laptop"),
                ("criteria", &minima.id),
                ("criteria", &insertion.id),
            ],
        )
        .await;
    assert_eq!(made.status, StatusCode::SEE_OTHER, "{}", made.body);
    let waiting = store::requests_in(db, &network.cholet.id, "waiting", 10)
        .await
        .unwrap();
    let order: Vec<&str> = waiting.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(order, ["Karim", "Samira"]);
    let list = staff.get("/espace/materiel/demandes").await;
    assert!(list.body.find("Karim").unwrap() < list.body.find("Samira").unwrap());
    // Samira's request is linked to the person she now is, a laptop set aside.
    let samira_request = waiting[1].clone();
    let samira = person(db, mediator, "Samira", "").await;
    let device = laptop(db, mediator, "PF0ABC12").await;
    walk_to_ready(db, mediator, &device).await;
    let page = format!("/espace/materiel/demandes/{}", samira_request.id);
    staff.get(&page).await;
    let too_soon = staff
        .post(
            &format!("{page}/parcours"),
            &[("device_id", &device.id), ("path_sessions", "2")],
        )
        .await;
    assert_eq!(
        too_soon.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "the person first"
    );
    staff.get(&page).await;
    assert_eq!(
        staff
            .post(&format!("{page}/personne"), &[("beneficiary_id", &samira)])
            .await
            .status,
        StatusCode::SEE_OTHER
    );
    staff.get(&page).await;
    let started = staff
        .post(
            &format!("{page}/parcours"),
            &[("device_id", &device.id), ("path_sessions", "2")],
        )
        .await;
    assert_eq!(started.status, StatusCode::SEE_OTHER, "{}", started.body);
    let shown = staff.get(&page).await;
    shown.assert_contains("0 séance sur 2");
    // The same laptop cannot go to Karim too.
    let karim_request = waiting[0].clone();
    let taken = service::start_path(
        db,
        mediator,
        &karim_request.id,
        &fields(&[("device_id", &device.id)]),
        today(),
    )
    .await;
    assert!(matches!(
        taken,
        Err(maille::equipment::transitions::Refused::Conflict(_))
    ));
    // Not given before the path is done, nor to someone else.
    let give = |who: &str| {
        fields(&[
            ("to", "given"),
            ("beneficiary_id", who),
            ("signed_name", "Samira B."),
        ])
    };
    let early =
        maille::equipment::transitions::record(db, mediator, &device.id, &give(&samira), today())
            .await;
    match early {
        Err(maille::equipment::transitions::Refused::Conflict(words)) => {
            assert!(words.contains("0 séance sur 2"), "{words}")
        }
        other => panic!("{other:?}"),
    }
    let other =
        maille::equipment::transitions::record(db, mediator, &device.id, &give(&karim), today())
            .await;
    assert!(matches!(
        other,
        Err(maille::equipment::transitions::Refused::Invalid(_))
    ));
    for _ in 0..2 {
        maille::mediation::record::record(
            db,
            mediator,
            &maille::mediation::fields::Fields::from_json(&json!({"type": "Individuel", "duration_min": 60, "themes": ["PrendreEnMainDuMateriel"], "beneficiary_id": samira})).unwrap(),
            today(),
        )
        .await
        .unwrap();
    }
    staff
        .get(&format!("/espace/materiel/{}", device.code))
        .await;
    let given = staff
        .post(
            &format!("/espace/materiel/{}/etape", device.code),
            &[
                ("to", "given"),
                ("beneficiary_id", &samira),
                ("signed_name", "Samira B."),
            ],
        )
        .await;
    assert_eq!(given.status, StatusCode::SEE_OTHER, "{}", given.body);
    let done = store::find_request(db, &network.cholet.id, &samira_request.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(done.status, "given");
    assert_eq!(
        done.phone, None,
        "the household's contact is cleared once served"
    );
    // Angers sees none of it.
    let mut angers = app.logged_in(network.mediator_angers.email.as_str()).await;
    assert_eq!(angers.get(&page).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_social_internet_referral_names_why_it_was_refused_and_is_counted_without_names() {
    let (app, network) = TestApp::with_network().await;
    let mut staff = app.logged_in(network.mediator_cholet.email.as_str()).await;
    staff.get("/espace/materiel/internet").await;
    let added = staff
        .post(
            "/espace/materiel/internet/offres",
            &[
                ("name", "Tarif social fibre"),
                ("provider", "Opérateur local"),
                ("conditions", "15 € par mois, sur justificatif"),
            ],
        )
        .await;
    assert_eq!(added.status, StatusCode::SEE_OTHER);
    let offers = store::offers_of(app.conn(), &network.cholet.id)
        .await
        .unwrap();
    let offer = &offers[0].id;
    let awa = person(app.conn(), &network.mediator_cholet, "Awa", "").await;
    staff.get("/espace/materiel/internet").await;
    let no_reason = staff
        .post(
            "/espace/materiel/internet/orientations",
            &[
                ("offer_id", offer),
                ("beneficiary_id", &awa),
                ("outcome", "refused"),
            ],
        )
        .await;
    assert_eq!(no_reason.status, StatusCode::UNPROCESSABLE_ENTITY);
    no_reason.assert_contains("Dites pourquoi");
    for (outcome, reason) in [
        ("refused", "Pas de justificatif de ressources"),
        ("subscribed", ""),
        ("subscribed", ""),
    ] {
        staff.get("/espace/materiel/internet").await;
        let noted = staff
            .post(
                "/espace/materiel/internet/orientations",
                &[
                    ("offer_id", offer),
                    ("outcome", outcome),
                    ("reason", reason),
                ],
            )
            .await;
        assert_eq!(noted.status, StatusCode::SEE_OTHER, "{}", noted.body);
    }
    let page = staff.get("/espace/materiel/internet").await;
    page.assert_contains("<th scope=\"row\">Tarif social fibre</th><td>0</td><td>2</td><td>1</td>");
    let counts = store::referral_counts(app.conn(), std::slice::from_ref(&network.cholet.id))
        .await
        .unwrap();
    assert_eq!(counts.iter().map(|(_, _, n)| n).sum::<i64>(), 3);
}
