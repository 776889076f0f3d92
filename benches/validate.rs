//! Benchmark of `refnum validate` end to end: generates corpora of realistic
//! profiles (100; 1,000; 10,000 by default), runs the release binary over
//! each, and prints wall time, files per second and peak memory.
//!
//! `cargo bench --bench validate` — or `cargo bench --bench validate -- 100 5000`
//! for other sizes. Figures are recorded in docs/performance.md.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const RUNS: usize = 5;

fn main() {
    let sizes: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![100, 1_000, 10_000] } else { sizes };
    let bin = env!("CARGO_BIN_EXE_refnum");
    println!("machine : {} cœurs, {}", std::thread::available_parallelism().map_or(1, |n| n.get()), cpu_model());
    println!("{:>8}  {:>12}  {:>12}  {:>14}  {:>12}", "fichiers", "médiane", "minimum", "fichiers/s", "mémoire max");

    let dir = tempfile::tempdir().expect("temporary folder");
    let single = dir.path().join("un");
    generate(&single, 1);
    report(bin, &single, 1);
    for &n in &sizes {
        let folder = dir.path().join(n.to_string());
        generate(&folder, n);
        report(bin, &folder, n);
    }
}

fn report(bin: &str, folder: &Path, n: usize) {
    let mut times: Vec<Duration> = Vec::with_capacity(RUNS);
    let mut peak_kib = 0;
    for _ in 0..RUNS {
        let start = Instant::now();
        let status = Command::new(bin)
            .arg("validate")
            .arg(folder)
            .stdout(std::process::Stdio::null())
            .status()
            .expect("run refnum");
        times.push(start.elapsed());
        assert!(status.success(), "the generated corpus must be valid");
        peak_kib = peak_kib.max(children_peak_kib());
    }
    times.sort();
    let median = times[RUNS / 2];
    println!(
        "{n:>8}  {:>10.1}ms  {:>10.1}ms  {:>14.0}  {:>9.1} Mio",
        median.as_secs_f64() * 1e3,
        times[0].as_secs_f64() * 1e3,
        n as f64 / median.as_secs_f64(),
        peak_kib as f64 / 1024.0
    );
}

/// Peak resident memory of the largest child waited for so far.
fn children_peak_kib() -> i64 {
    // SAFETY: getrusage writes into the zeroed struct we own.
    unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage);
        usage.ru_maxrss
    }
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, m)| m.trim().to_owned())
        })
        .unwrap_or_else(|| "processeur inconnu".into())
}

/// Writes `n` valid, distinct profiles made from the two reference profiles:
/// new ids, reworded titles and shuffled levels, so no two files are equal.
fn generate(folder: &Path, n: usize) {
    std::fs::create_dir_all(folder).expect("corpus folder");
    for i in 0..n {
        let (name, text) = refnum::load::builtin::PROFILES[i % 2];
        let base = Path::new(name).file_stem().and_then(|s| s.to_str()).unwrap_or("profil");
        let id = format!("{base}-{i:05}");
        let mut out = String::with_capacity(text.len() + 64);
        for line in text.lines() {
            let trimmed = line.trim_start();
            if let Some(rest) = line.strip_prefix("id: ") {
                out.push_str(&format!("id: {rest}-{i:05}"));
            } else if line.starts_with("intitule: ") {
                out.push_str(&format!("{line} (variante {i})"));
            } else if let Some(level) = trimmed.strip_prefix("niveau: ").and_then(|l| l.parse::<u32>().ok()) {
                let indent = &line[..line.len() - trimmed.len()];
                out.push_str(&format!("{indent}niveau: {}", 1 + (level + i as u32) % 4));
            } else {
                out.push_str(line);
            }
            out.push('\n');
        }
        std::fs::write(folder.join(format!("{id}.yaml")), out).expect("write profile");
    }
}
