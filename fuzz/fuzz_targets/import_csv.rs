//! Any bytes as a CSV file to import: read, explained, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(parsed) = maille::places::import::parse_all(data, maille::places::import::Format::Csv) {
        for rejection in &parsed.rejected {
            assert!(!rejection.message.is_empty());
        }
    }
});
