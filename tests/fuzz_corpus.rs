//! The fuzz corpus on stable Rust: every file of `tests/fuzz-corpus/<target>/`,
//! every seed folder the fuzzers start from, and the large hostile inputs
//! generated here, each through the entry point of its fuzz target
//! (`refnum::fuzz::Target`).
//!
//! Each input runs in a child process (this same binary, called again):
//! an abort such as a failed allocation ends only the child, and a child
//! still running after `LIMIT` is killed. So every input is reported, with
//! its file, whatever the way it fails. The child's address space is
//! bounded, so a memory bomb fails fast instead of swapping the machine.
//!
//! Run one target or file: `cargo test --test fuzz_corpus -- xlsx`.

use std::io::{Read, Seek};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use refnum::fuzz::{ADAPTATION_MARK, Target};

/// Names the input a child runs: `<target>` then a tab, then a path or `généré:<name>`.
const CHILD: &str = "REFNUM_FUZZ_CORPUS_INPUT";

/// Time allowed to one input, generous for a debug build on a busy machine:
/// what it catches is a hang or a quadratic blow-up, not a slow run.
const LIMIT: Duration = Duration::from_secs(20);

/// Address space of a child.
const MEMORY: u64 = 3 << 30;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn main() -> ExitCode {
    if let Ok(spec) = std::env::var(CHILD) {
        return child(&spec);
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    let filters: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    let inputs: Vec<(Target, String)> = inputs()
        .into_iter()
        .filter(|(t, label)| filters.is_empty() || filters.iter().any(|f| t.name() == *f || label.contains(*f)))
        .collect();
    if args.iter().any(|a| a == "--list") {
        for (target, label) in &inputs {
            println!("{}/{label}: test", target.name());
        }
        return ExitCode::SUCCESS;
    }
    let start = Instant::now();
    println!("\nrunning {} corpus inputs", inputs.len());
    let mut failed = Vec::new();
    for (target, label) in &inputs {
        match run_child(*target, label) {
            Ok(()) => {}
            Err(problem) => {
                println!("{}/{label} ... FAILED", target.name());
                failed.push(format!("---- {}/{label} ----\n{problem}", target.name()));
            }
        }
    }
    for f in &failed {
        println!("{f}");
    }
    println!(
        "\ntest result: {}. {} passed; {} failed; 0 ignored; 0 measured; 0 filtered out; finished in {:.2}s\n",
        if failed.is_empty() { "ok" } else { "FAILED" },
        inputs.len() - failed.len(),
        failed.len(),
        start.elapsed().as_secs_f64()
    );
    if failed.is_empty() { ExitCode::SUCCESS } else { ExitCode::FAILURE }
}

/// Every input of every target: its committed corpus, its seed folders,
/// its generated inputs. Labels are paths from the repository root.
fn inputs() -> Vec<(Target, String)> {
    let mut all = Vec::new();
    for target in Target::ALL {
        let mut folders = vec![format!("tests/fuzz-corpus/{}", target.name())];
        folders.extend(seed_folders(target).iter().map(|s| (*s).to_owned()));
        let mut files = Vec::new();
        for folder in &folders {
            files_under(&Path::new(ROOT).join(folder), &mut files);
        }
        files.sort();
        for file in files {
            let label = file.strip_prefix(ROOT).unwrap_or(&file).display().to_string();
            all.push((target, label.trim_start_matches('/').to_owned()));
        }
        for (t, name, _) in GENERATED.iter().filter(|(t, _, _)| *t == target) {
            all.push((*t, format!("généré:{name}")));
        }
    }
    assert!(all.len() > 50, "corpus introuvable sous {ROOT}");
    all
}

/// The folders of the repository each target's seed corpus includes (the
/// fuzzers get the same list, see docs/fuzz.md).
fn seed_folders(target: Target) -> &'static [&'static str] {
    match target {
        Target::Yaml => &["profiles", "examples", "tests/fixtures", "tests/cases"],
        Target::Adaptation => &["examples/adaptations"],
        Target::Csv | Target::Xlsx => &[],
    }
}

fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') || name == "README.md" {
            continue;
        }
        if path.is_dir() {
            files_under(&path, out);
        } else if path.extension().is_none_or(|e| e != "sh") {
            out.push(path);
        }
    }
}

/// Runs one input in a child process, bounded in time and memory.
fn run_child(target: Target, label: &str) -> Result<(), String> {
    let mut output = tempfile::tempfile().map_err(|e| e.to_string())?;
    let mut child = Command::new(std::env::current_exe().map_err(|e| e.to_string())?)
        .env(CHILD, format!("{}\t{label}", target.name()))
        .stdout(output.try_clone().map_err(|e| e.to_string())?)
        .stderr(output.try_clone().map_err(|e| e.to_string())?)
        .spawn()
        .map_err(|e| e.to_string())?;
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break Some(status);
        }
        if start.elapsed() > LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let mut text = String::new();
    output.rewind().map_err(|e| e.to_string())?;
    let _ = output.read_to_string(&mut text);
    let text: String = text.chars().take(4_000).collect();
    match status {
        Some(s) if s.success() => Ok(()),
        Some(s) => Err(format!("{}\n{text}", describe(s))),
        None => Err(format!("toujours en cours après {} s : tué\n{text}", LIMIT.as_secs())),
    }
}

fn describe(status: std::process::ExitStatus) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return format!("arrêté par le signal {signal} (abort : 6, mémoire : 6 ou 9)");
        }
    }
    match status.code() {
        Some(101) => "panique".to_owned(),
        Some(code) => format!("code de sortie {code}"),
        None => "arrêté".to_owned(),
    }
}

/// In the child: runs one input through its target.
fn child(spec: &str) -> ExitCode {
    bound_memory();
    let (target, label) = spec.split_once('\t').expect("cible et entrée");
    let target = Target::named(target).expect("cible connue");
    let bytes = match label.strip_prefix("généré:") {
        Some(name) => {
            let (_, _, make) = GENERATED.iter().find(|(_, n, _)| *n == name).expect("entrée générée connue");
            make()
        }
        None => std::fs::read(Path::new(ROOT).join(label)).expect("fichier du corpus lisible"),
    };
    match target.check(&bytes) {
        Ok(_) => ExitCode::SUCCESS,
        Err(problem) => {
            println!("{problem}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(target_os = "linux")]
fn bound_memory() {
    let limit = libc::rlimit { rlim_cur: MEMORY, rlim_max: MEMORY };
    // SAFETY: setrlimit reads a valid struct and only lowers this process's limit.
    let done = unsafe { libc::setrlimit(libc::RLIMIT_AS, &limit) };
    assert_eq!(done, 0, "setrlimit");
}

#[cfg(not(target_os = "linux"))]
fn bound_memory() {}

type Make = fn() -> Vec<u8>;

/// Hostile inputs too large to commit, made the same way each time.
const GENERATED: [(Target, &str, Make); 6] = [
    (Target::Yaml, "20000-cles-inconnues", unknown_keys),
    (Target::Yaml, "33000-missions-inconnues", unknown_missions),
    (Target::Yaml, "fichier-de-5-mio", huge_yaml),
    (Target::Csv, "20000-cellules-fausses", bad_cells),
    (Target::Csv, "profil-construit-trop-grand", huge_import),
    (Target::Adaptation, "33000-missions-inconnues", adaptation_unknown_missions),
];

fn fixture(path: &str) -> String {
    std::fs::read_to_string(Path::new(ROOT).join(path)).expect("fichier du dépôt")
}

/// Issue 13, item 2: a 0.2 MB profile with 20,000 unknown keys.
fn unknown_keys() -> Vec<u8> {
    let mut text = fixture("tests/fixtures/valid/profil-minimal.yaml");
    for i in 0..20_000 {
        text.push_str(&format!("inconnue-{i}: x\n"));
    }
    text.into_bytes()
}

/// Issue 13, item 3: 33,000 unknown mission ids in one list.
fn unknown_missions() -> Vec<u8> {
    let ids: Vec<String> = (0..33_000).map(|i| format!("M-{i:05}")).collect();
    fixture("tests/fixtures/valid/profil-minimal.yaml")
        .replacen("missions: [M-01, M-02]", &format!("missions: [{}]", ids.join(", ")), 1)
        .into_bytes()
}

/// Over the 4 MiB limit.
fn huge_yaml() -> Vec<u8> {
    let line = "# commentaire de remplissage pour dépasser la limite de taille\n";
    line.repeat(5 * 1024 * 1024 / line.len() + 1).into_bytes()
}

const CSV_HEADER: &str = "profil;categorie;id;libelle;description;niveau;essentielle;missions;digcomp;pix\r\n";

/// Issue 13, item 2: a 1.3 MB CSV with 20,000 bad cells.
fn bad_cells() -> Vec<u8> {
    let mut text = CSV_HEADER.to_owned();
    for i in 0..20_000 {
        text.push_str(&format!(
            "importe;savoirs;S-{i:05};Connaissance numéro {i} du tableau;;deux;oui;M-01;1.1;1.1.1\r\n"
        ));
    }
    text.into_bytes()
}

/// Issue 13, item 15: a CSV under the limit whose profile exceeds it.
fn huge_import() -> Vec<u8> {
    let mut text = CSV_HEADER.to_owned();
    let mut i = 0;
    while text.len() < 3 * 1024 * 1024 {
        text.push_str(&format!(
            "importe;savoir-faire;SF-{i:05};Conduire l'action numéro {i} auprès des entreprises;Une description de l'action {i};2;oui;M-01, M-02;1.1;\r\n"
        ));
        i += 1;
    }
    text.into_bytes()
}

/// Issue 13, item 3, in an adaptation over its base.
fn adaptation_unknown_missions() -> Vec<u8> {
    let ids: Vec<String> = (0..33_000).map(|i| format!("M-{i:05}")).collect();
    let base = fixture("tests/fixtures/valid/profil-minimal.yaml");
    let adaptation = format!(
        "type: profil\nid: mediateur-numerique-local\nextends: mediateur-numerique\nversion: 1.0.0\nstatut: brouillon\ncompetences:\n  savoirs:\n    - id: S-02\n      libelle: Démarches propres au territoire\n      niveau: 2\n      missions: [{}]\n      essentielle: false\n      motif: Démarches du territoire.\nmise-a-jour: 2025-04-01\n",
        ids.join(", ")
    );
    format!("{base}{ADAPTATION_MARK}{adaptation}").into_bytes()
}
