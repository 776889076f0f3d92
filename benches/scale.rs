//! Benchmark of `refnum validate` and `refnum build` on generated corpora
//! (100; 1,000; 10,000 files by default), beside `check-jsonschema` (PyPI)
//! run with refnum's own JSON Schemas on the same files: wall time, files
//! per second and peak memory of each process.
//!
//! ```sh
//! cargo bench --bench scale                      # 100, 1 000 and 10 000 files
//! cargo bench --bench scale -- 500 2000          # other sizes
//! cargo bench --bench scale -- --generate DIR N  # only write a corpus of N files
//! cargo bench --bench scale -- --tout            # check-jsonschema on every size too
//! ```
//!
//! `check-jsonschema` takes about 80 ms per full profile: by default it runs
//! on corpora of up to 1,000 files only (about 80 s), unless `--tout`.
//! A site of 10,000 full profiles (about 600 Mo of pages) is not built.
//!
//! `--lecture` measures the read path instead, side by side in one run with
//! a Python baseline (`benches/baseline_pyyaml.py`: PyYAML's libyaml loader
//! and the same structural and reference checks): `refnum validate` and the
//! baseline on 1,000 generated profiles, on 2 cores; `refnum validate` on
//! one thread, in MB of YAML per second; 10,000 full profiles; the peak
//! memory at 1,000 and 10,000 files. `--avant BIN` adds another build of
//! refnum (the one before a change) to every line.
//!
//! ```sh
//! cargo bench --bench scale -- --lecture [--avant /chemin/refnum-avant]
//! ```
//!
//! Figures are recorded in docs/performance.md.

mod corpus;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use corpus::Mix;

/// Runs per measure (the median is shown); a single run above this many files.
const RUNS: usize = 3;
const SINGLE_RUN_FROM: usize = 10_000;
/// Largest corpus `check-jsonschema` runs on, unless `--tout`.
const COMPARE_UP_TO: usize = 1_000;
/// Largest corpus of full profiles built as a site.
const BUILD_PROFILES_UP_TO: usize = 1_000;

/// One measure: wall time and peak resident memory of one process.
#[derive(Clone, Copy)]
struct Run {
    wall: Duration,
    peak_kib: i64,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    if let Some(pos) = args.iter().position(|a| a == "--generate") {
        let dir = PathBuf::from(args.get(pos + 1).expect("--generate DIR N"));
        let n: usize = args.get(pos + 2).and_then(|n| n.parse().ok()).expect("--generate DIR N");
        let written = corpus::generate(&dir, &Mix::repository(n));
        println!("{written} fichiers écrits dans {}", dir.display());
        return;
    }
    if args.iter().any(|a| a == "--lecture") {
        let before = args.iter().position(|a| a == "--avant").and_then(|i| args.get(i + 1)).map(PathBuf::from);
        read_path(before.as_deref());
        return;
    }
    let everything = args.iter().any(|a| a == "--tout");
    let sizes: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let sizes = if sizes.is_empty() { vec![100, 1_000, 10_000] } else { sizes };
    let bin = env!("CARGO_BIN_EXE_refnum");
    let schemas = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
    let checker = check_jsonschema();
    println!("machine : {} cœurs, {}", std::thread::available_parallelism().map_or(1, |n| n.get()), cpu_model());
    match &checker {
        Some(version) => println!("comparé à : {version}"),
        None => println!("check-jsonschema absent (pip install check-jsonschema) : comparaison omise"),
    }
    println!();
    println!(
        "{:<16} {:>8}  {:<28} {:>10}  {:>10}  {:>10}  {:>11}",
        "corpus", "fichiers", "commande", "médiane", "minimum", "fichiers/s", "mémoire max"
    );
    let dir = tempfile::tempdir().expect("temporary folder");
    for (label, mix) in
        sizes.iter().flat_map(|&n| [("dépôt (mixte)", Mix::repository(n)), ("profils complets", Mix::profiles_only(n))])
    {
        let n = mix.total();
        let folder = dir.path().join(format!("{}-{}", if mix.postes > 0 { "mixte" } else { "profils" }, n));
        corpus::generate(&folder, &mix);
        let runs = if n >= SINGLE_RUN_FROM { 1 } else { RUNS };
        let validate = measure(runs, || refnum(bin, &["validate".as_ref(), folder.as_os_str()]));
        show(label, n, "refnum validate", &validate);
        let out = dir.path().join("site");
        if mix.postes > 0 || n <= BUILD_PROFILES_UP_TO {
            let args = ["build".as_ref(), folder.as_os_str(), "--out".as_ref(), out.as_os_str()];
            let build = measure(runs, || refnum(bin, &args));
            show(label, n, "refnum build", &build);
            let _ = std::fs::remove_dir_all(&out);
        }
        if checker.is_some() && (everything || n <= COMPARE_UP_TO) {
            let checked = measure(1, || json_schema_run(&folder, &schemas));
            show(label, n, "check-jsonschema (schémas)", &checked);
            let ratio = median(&checked).wall.as_secs_f64() / median(&validate).wall.as_secs_f64();
            println!("{:<16} {:>8}  → refnum validate est {ratio:.1} fois plus rapide que check-jsonschema", "", "");
        }
        std::fs::remove_dir_all(&folder).expect("remove corpus");
    }
}

/// Runs of each measure of the read path (the median is shown).
const READ_RUNS: usize = 3;

/// The read path: refnum beside the Python baseline, on 2 cores and on one.
fn read_path(before: Option<&Path>) {
    let bin = Path::new(env!("CARGO_BIN_EXE_refnum"));
    let baseline = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches").join("baseline_pyyaml.py");
    let python = std::env::var("PYTHON").unwrap_or_else(|_| "python3".into());
    let pyyaml = Command::new(&python)
        .args(["-c", "import yaml; assert yaml.CLoader; print(yaml.__version__)"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned());
    println!("machine : {} cœurs, {}", std::thread::available_parallelism().map_or(1, |n| n.get()), cpu_model());
    match &pyyaml {
        Some(version) => println!("référence : {python} avec PyYAML {version} (yaml.CLoader, libyaml)"),
        None => println!("PyYAML avec libyaml absent (pip install pyyaml) : référence omise"),
    }
    let mut binaries = vec![("refnum", bin.to_path_buf())];
    if let Some(before) = before {
        binaries.insert(0, ("refnum (avant)", before.to_path_buf()));
    }
    let dir = tempfile::tempdir().expect("temporary folder");
    println!();
    println!(
        "{:<16} {:>8} {:>8}  {:<30} {:>10}  {:>10}  {:>9}  {:>11}",
        "corpus", "fichiers", "Mo", "commande", "médiane", "minimum", "Mo/s", "mémoire max"
    );
    for (label, mix, python_too) in [
        ("profils complets", Mix::profiles_only(1_000), true),
        ("dépôt (mixte)", Mix::repository(1_000), true),
        ("profils complets", Mix::profiles_only(10_000), false),
    ] {
        let n = mix.total();
        let folder = dir.path().join(format!("{}-{n}", if mix.postes > 0 { "mixte" } else { "profils" }));
        corpus::generate(&folder, &mix);
        let mb = folder_bytes(&folder) as f64 / 1e6;
        let runs = if n >= SINGLE_RUN_FROM { 2 } else { READ_RUNS };
        let show_mb = |what: &str, runs: &[Run]| {
            let m = median(runs);
            let min = runs.iter().map(|r| r.wall).min().unwrap_or_default();
            let peak = runs.iter().map(|r| r.peak_kib).max().unwrap_or(0);
            println!(
                "{label:<16} {n:>8} {mb:>8.1}  {what:<30} {:>8.3} s  {:>8.3} s  {:>9.1}  {:>7.1} Mio",
                m.wall.as_secs_f64(),
                min.as_secs_f64(),
                mb / m.wall.as_secs_f64(),
                peak as f64 / 1024.0
            );
            m.wall.as_secs_f64()
        };
        // Interleaved runs, so that the load of the machine weighs on each alike.
        let mut two_cores: Vec<Vec<Run>> = vec![Vec::new(); binaries.len()];
        let mut one_core: Vec<Vec<Run>> = vec![Vec::new(); binaries.len()];
        let mut python_runs = Vec::new();
        for _ in 0..runs {
            for (i, (_, b)) in binaries.iter().enumerate() {
                two_cores[i].push(run(validate(b, &folder, None)));
                if n < SINGLE_RUN_FROM {
                    one_core[i].push(run(validate(b, &folder, Some(1))));
                }
            }
            if python_too && pyyaml.is_some() {
                let mut command = Command::new(&python);
                command.arg(&baseline).arg(&folder).args(["--jobs", "2"]);
                python_runs.push(run(command));
            }
        }
        let python_time = (!python_runs.is_empty()).then(|| show_mb("PyYAML CLoader (2 processus)", &python_runs));
        for (i, (name, _)) in binaries.iter().enumerate() {
            let t = show_mb(&format!("{name} validate"), &two_cores[i]);
            if let Some(p) = python_time {
                println!("{:<16} {:>8} {:>8}  → {:.1} fois plus rapide que la référence", "", "", "", p / t);
            }
            if !one_core[i].is_empty() {
                show_mb(&format!("{name} validate (1 fil)"), &one_core[i]);
            }
        }
        std::fs::remove_dir_all(&folder).expect("remove corpus");
    }
}

fn validate(bin: &Path, folder: &Path, threads: Option<usize>) -> Command {
    let mut command = Command::new(bin);
    command.arg("validate").arg(folder);
    if let Some(n) = threads {
        command.env("RAYON_NUM_THREADS", n.to_string());
    }
    command
}

fn folder_bytes(folder: &Path) -> u64 {
    std::fs::read_dir(folder)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => folder_bytes(&e.path()),
            _ => e.metadata().map_or(0, |m| m.len()),
        })
        .sum()
}

/// `check-jsonschema` over the corpus, one schema per kind of file, in one
/// shell so that the three runs count as one measure.
fn json_schema_run(folder: &Path, schemas: &Path) -> Command {
    let mut script = String::from("set -e\n");
    for (sub, schema) in [("profils", "profil"), ("adaptations", "adaptation"), ("postes", "poste")] {
        let files = folder.join(sub);
        if std::fs::read_dir(&files).map_or(0, |d| d.count()) == 0 {
            continue;
        }
        script.push_str(&format!(
            "check-jsonschema --schemafile '{}' '{}'/*.yaml\n",
            schemas.join(format!("{schema}.schema.json")).display(),
            files.display()
        ));
    }
    let mut command = Command::new("bash");
    command.arg("-c").arg(script);
    command
}

fn refnum(bin: &str, args: &[&std::ffi::OsStr]) -> Command {
    let mut command = Command::new(bin);
    command.args(args);
    command
}

fn measure(runs: usize, command: impl Fn() -> Command) -> Vec<Run> {
    (0..runs).map(|_| run(command())).collect()
}

/// Runs a command to its end and reads its own peak memory (`wait4`).
// The child is reaped by `wait4` below, which `Child::wait` cannot replace (it gives no usage).
#[allow(clippy::zombie_processes)]
fn run(mut command: Command) -> Run {
    let start = Instant::now();
    let child = command.stdout(Stdio::null()).stderr(Stdio::null()).spawn().expect("start the command");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: wait4 fills the zeroed struct we own, for a child we started.
    let usage = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::wait4(pid, &mut status, 0, &mut usage);
        usage
    };
    let wall = start.elapsed();
    assert!(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0, "the corpus must be valid: {command:?}");
    // Children of a shell (check-jsonschema) are counted in the shell's own usage only when they end
    // before it: `ru_maxrss` is then the largest of them.
    Run { wall, peak_kib: usage.ru_maxrss }
}

fn median(runs: &[Run]) -> Run {
    let mut sorted = runs.to_vec();
    sorted.sort_by_key(|r| r.wall);
    sorted[sorted.len() / 2]
}

fn show(label: &str, n: usize, what: &str, runs: &[Run]) {
    let m = median(runs);
    let min = runs.iter().map(|r| r.wall).min().unwrap_or_default();
    let peak = runs.iter().map(|r| r.peak_kib).max().unwrap_or(0);
    println!(
        "{label:<16} {n:>8}  {what:<28} {:>8.2} s  {:>8.2} s  {:>10.0}  {:>7.1} Mio",
        m.wall.as_secs_f64(),
        min.as_secs_f64(),
        n as f64 / m.wall.as_secs_f64(),
        peak as f64 / 1024.0
    );
}

fn check_jsonschema() -> Option<String> {
    let out = Command::new("check-jsonschema").arg("--version").output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
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
