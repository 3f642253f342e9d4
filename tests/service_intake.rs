//! The intake use cases of the service layer: one BSN is one dossier, a probable same
//! person is asked about, and what is known is not asked again.

mod service_support;

use meedoen::domain::resident::ContactKind;
use meedoen::domain::Value;
use meedoen::service::intake::{self, Likeness};
use meedoen::service::{self, ServiceError};
use service_support::{answers, answers_with_bsn, d, forms, test_store};

fn a_second_intake_with_a_known_bsn_is_refused_and_keeps_nothing() {
    let mut store = test_store();
    let forms = forms();
    let first = answers_with_bsn("Jan", "Voorbeeld", d(1980, 1, 1), "111222333");
    let saved = intake::save_intake(&mut store, &forms, &first, d(2025, 3, 1), None, false)
        .expect("first intake");
    // Another name, the same BSN: still the same dossier.
    let second = answers_with_bsn("Piet", "Proef", d(1990, 5, 5), "111222333");
    let refused = intake::save_intake(&mut store, &forms, &second, d(2025, 3, 2), None, true);
    match refused {
        Err(ServiceError::Known(k)) => {
            assert_eq!(k.likeness, Likeness::Bsn);
            assert_eq!(k.client, saved.client);
            assert_eq!(k.surname, "Voorbeeld");
        }
        other => panic!("expected a known BSN, got {other:?}"),
    }
    assert!(store
        .search_residents("Proef", 10)
        .expect("search")
        .is_empty());
}

fn the_same_surname_and_birth_date_is_asked_about_unless_confirmed() {
    let mut store = test_store();
    let forms = forms();
    let born = d(1975, 6, 30);
    intake::save_intake(
        &mut store,
        &forms,
        &answers("Anna", "Testpersoon", born, "3"),
        d(2025, 1, 10),
        None,
        false,
    )
    .expect("first intake");
    let again = answers("Anne", "Testpersoon", born, "3");
    match intake::save_intake(&mut store, &forms, &again, d(2025, 1, 11), None, false) {
        Err(ServiceError::Known(k)) => assert_eq!(k.likeness, Likeness::Name),
        other => panic!("expected a probable same person, got {other:?}"),
    }
    let saved = intake::save_intake(&mut store, &forms, &again, d(2025, 1, 11), None, true)
        .expect("confirmed as a new resident");
    assert_eq!(
        store
            .search_residents("Testpersoon", 10)
            .expect("search")
            .len(),
        2,
        "after confirming, a second resident {} exists",
        saved.client
    );
}

fn a_checkin_with_another_residents_bsn_names_that_resident() {
    let mut store = test_store();
    let forms = forms();
    let a = intake::save_intake(
        &mut store,
        &forms,
        &answers_with_bsn("Jan", "Voorbeeld", d(1980, 1, 1), "111222333"),
        d(2025, 3, 1),
        None,
        false,
    )
    .expect("first");
    let b = intake::save_intake(
        &mut store,
        &forms,
        &answers_with_bsn("Piet", "Proef", d(1990, 5, 5), "123456782"),
        d(2025, 3, 1),
        None,
        false,
    )
    .expect("second");
    let wrong = answers_with_bsn("Piet", "Proef", d(1990, 5, 5), "111222333");
    let refused = service::save_contact(
        &mut store,
        &forms,
        Some(b.client),
        ContactKind::Checkin,
        &wrong,
        d(2026, 3, 1),
        None,
    );
    match refused {
        Err(ServiceError::BsnOfAnother { other, client }) => {
            assert_eq!((other, client), (a.client, b.client));
        }
        other => panic!("expected the BSN of another resident, got {other:?}"),
    }
}

fn the_prefill_fills_what_is_left_out_and_keeps_what_was_given() {
    let mut store = test_store();
    let forms = forms();
    let saved = intake::save_intake(
        &mut store,
        &forms,
        &answers_with_bsn("Jan", "Voorbeeld", d(1980, 1, 1), "111222333"),
        d(2025, 3, 1),
        None,
        false,
    )
    .expect("intake");
    let known = store.resident(saved.client).expect("resident");
    let mut a = answers("Johannes", "Voorbeeld", d(1980, 1, 1), "3");
    a.remove("persoon.geboortedatum");
    intake::prefill_identity(&mut a, &known);
    assert_eq!(a.get("persoon.bsn"), Some(&Value::Text("111222333".into())));
    assert_eq!(
        a.get("persoon.geboortedatum"),
        Some(&Value::Date(d(1980, 1, 1)))
    );
    assert_eq!(
        a.get("persoon.voornamen"),
        Some(&Value::Text("Johannes".into())),
        "a name given in this conversation wins"
    );
}

fn a_new_conversation_starts_from_the_last_answers_without_the_expectation() {
    let mut store = test_store();
    let forms = forms();
    let saved = intake::save_intake(
        &mut store,
        &forms,
        &answers_with_bsn("Jan", "Voorbeeld", d(1980, 1, 1), "111222333"),
        d(2025, 3, 1),
        None,
        false,
    )
    .expect("intake");
    let known = store.resident(saved.client).expect("resident");
    let p = intake::prefill(&store, &known).expect("prefill");
    assert_eq!(
        p.answers.get("regie.doel"),
        Some(&Value::Text("Werk vinden.".into()))
    );
    assert!(p.answers.keys().all(|k| !k.starts_with("verwachting.")));
    assert_eq!(
        p.previous_expectation.get("verwachting.trede"),
        Some(&Value::Choice("4".into()))
    );
    assert_eq!(
        p.answers.get("persoon.bsn"),
        Some(&Value::Text("111222333".into()))
    );
}

service_on_both!(
    a_second_intake_with_a_known_bsn_is_refused_and_keeps_nothing,
    the_same_surname_and_birth_date_is_asked_about_unless_confirmed,
    a_checkin_with_another_residents_bsn_names_that_resident,
    the_prefill_fills_what_is_left_out_and_keeps_what_was_given,
    a_new_conversation_starts_from_the_last_answers_without_the_expectation,
);
