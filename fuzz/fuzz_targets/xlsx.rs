//! Fuzz target `xlsx`: `refnum::fuzz::Target::Xlsx` (see docs/fuzz.md).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(problem) = refnum::fuzz::Target::Xlsx.check(data) {
        panic!("{problem}");
    }
});
