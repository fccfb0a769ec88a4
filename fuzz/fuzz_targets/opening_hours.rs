//! Any text as opening hours: parsed or refused; when parsed, evaluated at
//! an instant given by the input (status, next change, the week in words)
//! without a panic.
#![no_main]

use chrono::{DateTime, Utc};
use libfuzzer_sys::fuzz_target;
use maille::places::hours::{self, Hours};

fuzz_target!(|data: &[u8]| {
    if data.len() < 4 {
        return;
    }
    let (clock, text) = data.split_at(4);
    let Ok(text) = std::str::from_utf8(text) else {
        return;
    };
    // An instant between 2000 and 2100, from the first four bytes.
    let seconds = 946_684_800 + i64::from(u32::from_le_bytes([clock[0], clock[1], clock[2], clock[3]]) % 3_155_760_000);
    let Some(at) = DateTime::<Utc>::from_timestamp(seconds, 0) else {
        return;
    };
    for tz in [chrono_tz::Europe::Paris, chrono_tz::Indian::Reunion] {
        if let Ok(parsed) = Hours::parse(text, tz) {
            let status = parsed.status(at);
            let _ = hours::status_words(&status, at);
            let _ = parsed.state(at);
            let _ = parsed.describe(at.with_timezone(&tz).date_naive());
        }
    }
});
