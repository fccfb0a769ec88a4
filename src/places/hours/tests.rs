//! Opening hours across days, holidays, DST changes and time zones.

use super::*;
use chrono_tz::Europe::Paris;

const WEEKDAYS: &str = "Mo-Fr 09:00-12:00,14:00-17:00; PH off";

fn paris(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    local(Paris, y, m, d, h, min).unwrap()
}

fn words(raw: &str, at: DateTime<Utc>) -> String {
    let hours = Hours::parse(raw, Paris).unwrap();
    status_words(&hours.status(at), at)
}

#[test]
fn a_weekday_morning_is_open_until_noon() {
    // Monday 23 November 2026, 10:00 in Paris.
    assert_eq!(
        words(WEEKDAYS, paris(2026, 11, 23, 10, 0)),
        "Ouvert · ferme à 12 h"
    );
}

#[test]
fn at_lunch_the_place_opens_again_the_same_afternoon() {
    assert_eq!(
        words(WEEKDAYS, paris(2026, 11, 23, 12, 30)),
        "Fermé · ouvre à 14 h"
    );
}

#[test]
fn on_friday_evening_it_opens_again_on_monday() {
    assert_eq!(
        words(WEEKDAYS, paris(2026, 11, 27, 18, 0)),
        "Fermé · ouvre lundi à 9 h"
    );
}

#[test]
fn on_a_public_holiday_it_is_closed_and_opens_the_next_day() {
    // Wednesday 11 November 2026, Armistice day.
    let at = paris(2026, 11, 11, 10, 0);
    assert_eq!(
        Hours::parse(WEEKDAYS, Paris).unwrap().is_open(at),
        Some(false)
    );
    assert_eq!(words(WEEKDAYS, at), "Fermé · ouvre demain à 9 h");
    // Without « PH off », the holiday is an ordinary Wednesday.
    assert_eq!(
        Hours::parse("Mo-Fr 09:00-12:00", Paris)
            .unwrap()
            .is_open(at),
        Some(true)
    );
}

#[test]
fn hours_follow_the_clock_change_in_autumn() {
    // Monday 26 October 2026, the day after the change: 08:30 in Paris is
    // 07:30 UTC. Evaluated in summer time it would wrongly be 09:30, open.
    let at = "2026-10-26T07:30:00Z".parse::<DateTime<Utc>>().unwrap();
    assert_eq!(
        Hours::parse(WEEKDAYS, Paris).unwrap().is_open(at),
        Some(false)
    );
    let at = "2026-10-26T08:30:00Z".parse::<DateTime<Utc>>().unwrap();
    assert_eq!(
        Hours::parse(WEEKDAYS, Paris).unwrap().is_open(at),
        Some(true)
    );
}

#[test]
fn hours_follow_the_clock_change_in_spring() {
    // Sunday 29 March 2026: at 01:00 UTC, 02:00 CET becomes 03:00 CEST.
    let hours = Hours::parse("Su 01:00-05:00", Paris).unwrap();
    let before = "2026-03-29T00:30:00Z".parse::<DateTime<Utc>>().unwrap(); // 01:30 CET
    let after = "2026-03-29T02:30:00Z".parse::<DateTime<Utc>>().unwrap(); // 04:30 CEST
    let closed = "2026-03-29T03:30:00Z".parse::<DateTime<Utc>>().unwrap(); // 05:30 CEST
    assert_eq!(hours.is_open(before), Some(true));
    assert_eq!(hours.is_open(after), Some(true));
    assert_eq!(hours.is_open(closed), Some(false));
    assert_eq!(
        hours.next_change(after),
        Some("2026-03-29T03:00:00Z".parse().unwrap())
    );
}

#[test]
fn an_overseas_place_is_evaluated_in_its_own_time_zone() {
    let tz = time_zone(Some("97411"), "97400");
    assert_eq!(tz, chrono_tz::Indian::Reunion);
    // 05:00 UTC is 09:00 in Saint-Denis de La Réunion, 06:00 in Paris.
    let at = "2026-11-23T05:00:00Z".parse::<DateTime<Utc>>().unwrap();
    assert_eq!(
        Hours::parse("Mo-Fr 08:00-12:00", tz).unwrap().is_open(at),
        Some(true)
    );
    assert_eq!(
        Hours::parse("Mo-Fr 08:00-12:00", Paris)
            .unwrap()
            .is_open(at),
        Some(false)
    );
    assert_eq!(time_zone(None, "97200"), chrono_tz::America::Martinique);
    assert_eq!(time_zone(Some("49099"), "49300"), Paris);
}

#[test]
fn the_week_is_said_in_french_words() {
    let hours = Hours::parse(WEEKDAYS, Paris).unwrap();
    assert_eq!(
        hours.describe(NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()),
        "du lundi au vendredi : 9 h – 12 h, 14 h – 17 h ; samedi et dimanche : fermé ; fermé les jours fériés"
    );
    let hours = Hours::parse("Mo 09:00-12:00; Tu,Th 14:00-18:30; Sa 09:00-12:00", Paris).unwrap();
    assert_eq!(
        hours.describe(NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()),
        "lundi : 9 h – 12 h ; mardi : 14 h – 18 h 30 ; mercredi : fermé ; jeudi : 14 h – 18 h 30 ; \
         vendredi : fermé ; samedi : 9 h – 12 h ; dimanche : fermé"
    );
}

#[test]
fn unknown_hours_say_so_and_nonsense_is_refused() {
    let at = paris(2026, 11, 23, 10, 0);
    assert_eq!(words("Mo-Fr unknown", at), "Horaires à confirmer");
    assert!(Hours::parse("le matin", Paris).is_err());
    assert!(Hours::parse("Mo-Fr 25:00-26:00x", Paris).is_err());
}

#[test]
fn a_place_open_all_day_every_day_has_no_next_opening_to_announce() {
    assert_eq!(words("24/7", paris(2026, 11, 23, 10, 0)), "Ouvert");
}

#[test]
fn a_remembered_state_is_never_served_outside_its_interval() {
    let hours = Hours::parse(WEEKDAYS, Paris).unwrap();
    // Fill the cache at 10:00, then ask before and after it changes.
    assert_eq!(hours.is_open(paris(2026, 11, 23, 10, 0)), Some(true));
    assert_eq!(hours.is_open(paris(2026, 11, 23, 11, 59)), Some(true));
    assert_eq!(hours.is_open(paris(2026, 11, 23, 12, 0)), Some(false));
    assert_eq!(
        hours.is_open(paris(2026, 11, 23, 8, 0)),
        Some(false),
        "earlier than the remembered interval"
    );
    assert_eq!(
        hours.clone().is_open(paris(2026, 11, 23, 9, 30)),
        Some(true)
    );
}

#[test]
fn the_remembered_status_matches_the_full_evaluation_hour_by_hour_across_dst() {
    let paris = chrono_tz::Europe::Paris;
    for rule in [
        "Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00; PH off",
        "Tu,Th 14:00-18:00; Sa 09:00-12:00",
        "We 09:00-12:30; Sa 09:00-12:00",
        "Mo-Su 08:00-20:00",
    ] {
        let hours = Hours::parse(rule, paris).unwrap();
        // Hour by hour over a week around each 2026 change of time.
        for start in [
            local(paris, 2026, 3, 25, 0, 7),
            local(paris, 2026, 10, 21, 0, 7),
        ] {
            let start = start.unwrap();
            for h in 0..24 * 10 {
                let at = start + chrono::TimeDelta::hours(h);
                assert_eq!(hours.quick_status(at), hours.status(at), "{rule} at {at}");
            }
        }
    }
}

#[test]
fn a_change_more_than_a_year_ahead_is_shown_as_none() {
    let hours = Hours::parse("2030 Mo-Fr 09:00-17:00", Paris).unwrap();
    let at = paris(2026, 11, 30, 10, 0);
    assert_eq!(hours.state(at), (Some(false), None));
    assert_eq!(hours.next_change(at), None);
    // Within the year, the opening is found.
    let soon = paris(2029, 12, 31, 10, 0);
    assert_eq!(hours.next_change(soon), Some(paris(2030, 1, 1, 9, 0)));
}

#[test]
fn rules_naming_a_far_year_are_evaluated_without_walking_to_it() {
    // Found by the fuzz target: walking day by day to the year 3331 took 54 s.
    let hours = Hours::parse("3331TH", Paris).unwrap();
    let at = paris(2027, 3, 22, 10, 0);
    assert_eq!(hours.next_change(at), None);
    let _ = status_words(&hours.status(at), at);
}
