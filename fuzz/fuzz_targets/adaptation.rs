//! Fuzz target `adaptation`: `refnum::fuzz::Target::Adaptation` (see docs/fuzz.md).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(problem) = refnum::fuzz::Target::Adaptation.check(data) {
        panic!("{problem}");
    }
});
