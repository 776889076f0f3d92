//! Findings cost a bounded time each: 8,000 findings take about four times
//! as long as 2,000, in every output format, never sixteen times (issue 13:
//! the human renderer and `E022` were quadratic). Ratios only, with a wide
//! margin, never an absolute time: the machine may be slow or busy.

mod common;

use std::path::Path;
use std::time::Duration;

use common::*;

/// Small and large counts of findings.
const SMALL: usize = 2_000;
const LARGE: usize = 8_000;

/// Largest accepted ratio of the time per finding, large over small.
/// Linear gives about 1; the quadratic renderer of issue 13 gave 2.7 on
/// these sizes (a fixed cost per finding besides the one that grew).
const MAX_RATIO: f64 = 2.0;

/// What the generated files hold.
#[derive(Debug, Clone, Copy)]
enum Shape {
    /// Unknown missions in a block list, one per line.
    Block,
    /// Unknown missions in a flow list, all on one line.
    Line,
    /// Unknown keys at the root, one per line.
    Keys,
}

fn file(shape: Shape, n: usize) -> String {
    match shape {
        Shape::Block => unknown_missions(n, true),
        Shape::Line => unknown_missions(n, false),
        Shape::Keys => {
            let base = std::fs::read_to_string(root().join("tests/fixtures/valid/profil-minimal.yaml")).unwrap();
            base + &(0..n).map(|i| format!("inconnue-{i}: x\n")).collect::<String>()
        }
    }
}

/// A valid profile whose competency SF-02 lists `n` unknown missions,
/// one per line (`block`) or all on one line in a flow list.
fn unknown_missions(n: usize, block: bool) -> String {
    let base = std::fs::read_to_string(root().join("tests/fixtures/valid/profil-minimal.yaml")).unwrap();
    let list = if block {
        let mut list = String::from("\n        - M-02\n");
        for i in 0..n {
            list.push_str(&format!("        - X-{i}\n"));
        }
        list.trim_end().to_owned()
    } else {
        let ids: Vec<String> = (0..n).map(|i| format!("X-{i}")).collect();
        format!("[M-02, {}]", ids.join(", "))
    };
    let replaced = base.replacen("missions: [M-02]", &format!("missions: {list}"), 1);
    assert_ne!(replaced, base);
    replaced
}

/// The processor time (user and system) of one run of `refnum` with
/// `args` in `dir`, its exit code and its standard output. Processor time,
/// not wall time: other processes on a busy machine do not count.
// The child is waited for by `wait4`, which gives its own resource usage.
#[allow(clippy::zombie_processes)]
fn cpu_time(dir: &Path, args: &[&str]) -> (Duration, Option<i32>, String) {
    let out = dir.join("sortie.txt");
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_refnum"))
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .args(args)
        .stdout(std::fs::File::create(&out).unwrap())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let mut status = 0;
    // SAFETY: `usage` is a plain C struct that wait4 fills for our own child.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        assert_eq!(libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage), child.id() as libc::pid_t);
        usage
    };
    let seconds = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    (seconds(usage.ru_utime) + seconds(usage.ru_stime), code, std::fs::read_to_string(out).unwrap())
}

/// The least processor time of two runs of `validate` with `args` on
/// `file`, checking that every finding is in the output.
fn fastest(dir: &Path, file: &str, args: &[&str], n: usize) -> Duration {
    let mut best = Duration::MAX;
    for _ in 0..2 {
        let mut all = vec!["validate", file];
        all.extend_from_slice(args);
        let (time, code, out) = cpu_time(dir, &all);
        best = best.min(time);
        assert_eq!(code, Some(1), "{args:?}");
        assert!(out.contains(&format!("{n} erreurs")) || out.matches("\"E0").count() >= n, "{args:?}: {n} findings");
    }
    best
}

/// Time per finding with `large` findings over time per finding with `small`.
fn ratio(shape: Shape, small: usize, large: usize, args: &[&str]) -> f64 {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("small.yaml"), file(shape, small)).unwrap();
    std::fs::write(dir.path().join("large.yaml"), file(shape, large)).unwrap();
    let at_small = fastest(dir.path(), "small.yaml", args, small).as_secs_f64() / small as f64;
    let at_large = fastest(dir.path(), "large.yaml", args, large).as_secs_f64() / large as f64;
    at_large / at_small
}

/// One test, so that the measures do not run beside each other.
#[test]
fn every_format_takes_a_bounded_time_per_finding() {
    let formats: [&[&str]; 5] = [
        &["--max-par-fichier", "0"],
        &["--format", "json"],
        &["--format", "sarif"],
        &["--format", "gitlab"],
        &["--format", "github", "--max-par-fichier", "0"],
    ];
    let mut cases: Vec<(Shape, usize, usize, &[&str])> =
        formats.into_iter().map(|args| (Shape::Block, SMALL, LARGE, args)).collect();
    cases.push((Shape::Line, SMALL, LARGE, &["--max-par-fichier", "0"]));
    cases.push((Shape::Keys, SMALL, LARGE, &["--format", "json"]));
    // E022 of issue 13 (33,000 unknown ids in one flow list): a small cost
    // per pair of ids, which outgrows the fixed cost of a finding only past
    // a few thousands, hence larger sizes.
    cases.push((Shape::Line, 4 * SMALL, 4 * LARGE, &["--format", "json"]));
    let mut slow = Vec::new();
    for (shape, small, large, args) in cases {
        let r = ratio(shape, small, large, args);
        eprintln!("{shape:?} {small}/{large} {args:?} : {r:.2}");
        if r > MAX_RATIO {
            slow.push(format!("{shape:?} {small}/{large} {args:?} : {r:.2}"));
        }
    }
    assert!(slow.is_empty(), "time per finding grows with their number: {slow:?}");
}

#[test]
fn the_text_shows_the_first_findings_of_a_file_and_counts_the_others() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("p.yaml"), unknown_missions(60, true)).unwrap();
    let o = refnum_in(dir.path(), &["validate", "p.yaml"]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert_eq!(out.matches("erreur[E022]").count(), 50, "{out}");
    assert!(out.contains("… et 10 autres problèmes dans ce fichier (p.yaml)"), "{out}");
    assert!(out.ends_with("1 fichier vérifié : 60 erreurs, 0 avertissement.\n"), "{out}");
    let o = refnum_in(dir.path(), &["validate", "p.yaml", "--max-par-fichier", "59"]);
    assert!(stdout(&o).contains("… et 1 autre problème dans ce fichier (p.yaml)"));
    let o = refnum_in(dir.path(), &["validate", "p.yaml", "--max-par-fichier", "0"]);
    assert_eq!(stdout(&o).matches("erreur[E022]").count(), 60);
    assert!(!stdout(&o).contains("autres problèmes"));
    for format in ["json", "sarif", "gitlab", "github"] {
        let o = refnum_in(dir.path(), &["validate", "p.yaml", "--format", format]);
        assert!(stdout(&o).matches("X-59").count() >= 1, "{format}: every finding listed");
    }
}
