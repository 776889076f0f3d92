//! Fuzz target `csv`: `refnum::fuzz::Target::Csv` (see docs/fuzz.md).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(problem) = refnum::fuzz::Target::Csv.check(data) {
        panic!("{problem}");
    }
});
