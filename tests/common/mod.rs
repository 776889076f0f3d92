//! Helpers shared by the integration tests: run the binary as a user would.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;

/// The repository, where `profiles/`, `examples/` and `tests/` live.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `refnum` in `dir` with a clean, colourless environment.
pub fn refnum_in(dir: &Path, args: &[&str]) -> Output {
    Command::cargo_bin("refnum").unwrap().current_dir(dir).env("NO_COLOR", "1").args(args).output().unwrap()
}

/// Runs `refnum` at the root of the repository.
pub fn refnum(args: &[&str]) -> Output {
    refnum_in(&root(), args)
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

/// The standard output of a command that must succeed.
pub fn ok(o: &Output) -> String {
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(o), stderr(o));
    stdout(o)
}
