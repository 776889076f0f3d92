//! Fuzz target `yaml`: `refnum::fuzz::Target::Yaml` (see docs/fuzz.md).

#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Err(problem) = refnum::fuzz::Target::Yaml.check(data) {
        panic!("{problem}");
    }
});
