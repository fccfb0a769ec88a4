//! The lifecycle's rules, and random walks that must never give a device
//! without a verified wipe nor lose a step of its history.

use super::*;
use proptest::prelude::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 3).unwrap()
}

fn fields(pairs: &[(&str, &str)]) -> Fields {
    Fields::from_pairs(
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
    )
}

/// The fields that make a step towards `to` complete.
fn complete(to: State, verified: bool) -> Fields {
    let verified = if verified { "true" } else { "false" };
    match to {
        State::Diagnosed => fields(&[("grade", "B")]),
        State::Wiped | State::Ready => fields(&[
            ("method", "purge"),
            ("tool", "nwipe"),
            ("verified", verified),
        ]),
        State::Refurbished => fields(&[("os", "Debian 13")]),
        State::Given => fields(&[("beneficiary_id", "p1"), ("signed_name", "Awa Diallo")]),
        State::Loaned => fields(&[
            ("beneficiary_id", "p1"),
            ("signed_name", "Awa Diallo"),
            ("due_on", "2027-02-01"),
            ("agreement", "true"),
        ]),
        State::Recycled => fields(&[("recycler", "Envie Anjou"), ("weight_kg", "2,1")]),
        _ => Fields::default(),
    }
}

#[test]
fn a_laptop_walks_from_received_to_ready_in_order() {
    let mut state = State::Received;
    for to in [
        State::Diagnosed,
        State::Wiped,
        State::Refurbished,
        State::Ready,
        State::Given,
    ] {
        check(state, None, to).unwrap();
        parse_step(&complete(to, true), state, to, today()).unwrap();
        state = to;
    }
}

#[test]
fn giving_a_received_device_is_refused_with_what_must_come_first() {
    assert_eq!(
        check(State::Received, None, State::Given),
        Err(Refusal::WrongState {
            from: State::Received,
            to: State::Given
        })
    );
    let words = wrong_state_words(State::Received, State::Given);
    assert!(
        words.contains("Diagnostiqué → Effacé → Reconditionné → Prêt à remettre → Donné"),
        "{words}"
    );
}

#[test]
fn a_failed_wipe_verification_never_makes_a_device_wiped() {
    assert_eq!(
        parse_step(
            &complete(State::Wiped, false),
            State::Diagnosed,
            State::Wiped,
            today()
        ),
        Err(Refusal::WipeNotVerified)
    );
}

#[test]
fn a_wipe_without_method_or_tool_names_both() {
    let Err(Refusal::Invalid(errors)) = parse_step(
        &fields(&[("verified", "true")]),
        State::Diagnosed,
        State::Wiped,
        today(),
    ) else {
        panic!("refused")
    };
    let named: Vec<&str> = errors.iter().map(|e| e.field.as_ref()).collect();
    assert_eq!(named, ["method", "tool"]);
}

#[test]
fn a_returned_device_is_wiped_again_before_it_is_ready() {
    let refused = parse_step(&Fields::default(), State::Returned, State::Ready, today());
    assert!(matches!(refused, Err(Refusal::Invalid(_))));
    let step = parse_step(
        &complete(State::Ready, true),
        State::Returned,
        State::Ready,
        today(),
    );
    assert!(matches!(step, Ok(Step::MakeReady { rewipe: Some(_) })));
}

#[test]
fn a_device_in_repair_goes_back_only_to_where_it_was() {
    assert_eq!(
        next_states(State::InRepair, Some(State::Wiped)),
        [State::Wiped, State::Recycled]
    );
    assert!(check(State::InRepair, Some(State::Wiped), State::Ready).is_err());
}

#[test]
fn free_systems_are_recognised_by_name() {
    assert!(is_free_system("Debian 13"));
    assert!(is_free_system("Linux Mint 22"));
    assert!(!is_free_system("Windows 11"));
}

/// A device walked by random steps, as the use case applies them.
#[derive(Debug)]
struct Walk {
    state: State,
    resume: Option<State>,
    verified_wipe_since_received: bool,
    history: Vec<(State, State)>,
}

impl Walk {
    fn try_step(&mut self, to: State, verified: bool) {
        if check(self.state, self.resume, to).is_err() {
            return;
        }
        let Ok(step) = parse_step(&complete(to, verified), self.state, to, today()) else {
            return;
        };
        match (&step, to) {
            (Step::Wipe(w), _) | (Step::MakeReady { rewipe: Some(w) }, _) => {
                self.verified_wipe_since_received |= w.verified;
            }
            (Step::Repair { .. }, _) => self.resume = Some(self.state),
            (Step::Repaired, _) => self.resume = None,
            _ => {}
        }
        self.history.push((self.state, to));
        self.state = to;
    }
}

proptest! {
    #[test]
    fn random_steps_never_give_a_device_without_a_verified_wipe_nor_lose_history(
        steps in proptest::collection::vec((0usize..10, any::<bool>()), 0..60)
    ) {
        let mut walk = Walk {
            state: State::Received,
            resume: None,
            verified_wipe_since_received: false,
            history: Vec::new(),
        };
        for (i, verified) in steps {
            let before = walk.history.len();
            walk.try_step(State::ALL[i], verified);
            prop_assert!(walk.history.len() == before || walk.history.len() == before + 1);
            if matches!(walk.state, State::Given | State::Loaned) {
                prop_assert!(walk.verified_wipe_since_received, "{walk:?}");
            }
        }
        // The history is a chain: each step starts where the last ended.
        let mut at = State::Received;
        for (from, to) in &walk.history {
            prop_assert_eq!(*from, at);
            at = *to;
        }
        prop_assert_eq!(at, walk.state);
    }
}
