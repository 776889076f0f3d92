//! `refnum`: competency profiles of the *référent numérique entreprise*.
//!
//! The data's trip, one folder per stage, each importing only the stages
//! below it: `load` (files → positioned tree → model, no rules), `check`
//! (rules over one file → diagnostics), `adapt` (merge and diff of models),
//! `workspace` (a set of files: ids, bases, adaptation chains, the rules
//! across files), then `render`, `export`, `assess` (grids and gap reports)
//! and `site`, and `commands` (one per subcommand) and `fuzz` (the entry
//! points of the fuzz targets) at the top; `model`, `diagnostic`, `error` and the leaf
//! helpers of `text` underneath all. ARCHITECTURE.md gives the layers and
//! `tests/architecture.rs` enforces them. The library never prints: `run`
//! returns what to print and the exit code.

#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod adapt;
pub mod assess;
pub mod check;
pub mod cli;
pub mod commands;
pub mod diagnostic;
pub mod error;
pub mod export;
pub mod fuzz;
pub mod load;
pub mod model;
pub mod output;
pub mod progress;
pub mod render;
pub mod schema;
pub mod site;
pub mod text;
pub mod workspace;

pub use error::Error;

/// What the terminal can do, decided by the binary.
#[derive(Debug, Clone, Copy, Default)]
pub struct Terminal {
    /// Colour is wanted on standard output.
    pub color: bool,
    /// Colour is wanted on standard error.
    pub stderr_color: bool,
    /// Standard output is a terminal.
    pub stdout_is_terminal: bool,
}

/// What a command produced: text for each stream and the exit code.
#[derive(Debug, Default)]
pub struct Outcome {
    pub stdout: Vec<u8>,
    pub stderr: String,
    pub code: u8,
}

/// Exit codes, as documented in the README.
pub mod exit {
    /// Success.
    pub const OK: u8 = 0;
    /// The input is invalid (errors, or warnings under `--deny-warnings`).
    pub const INVALID: u8 = 1;
    /// The command could not run as asked.
    pub const FAILURE: u8 = 2;
}

/// Runs a parsed command line.
pub fn run(cli: cli::Cli, terminal: Terminal, progress: &dyn progress::Progress) -> Outcome {
    let result = match cli.command {
        cli::Command::Validate(args) => commands::validate::run(&args, terminal, progress),
        cli::Command::List(args) => commands::list::run(&args, terminal),
        cli::Command::Schema(args) => commands::schema::run(&args),
        cli::Command::Grille(args) => commands::grille::run(&args, terminal),
        cli::Command::Positionnement(args) => commands::positionnement::run(&args, terminal),
        cli::Command::Resolve(args) => commands::resolve::run(&args),
        cli::Command::Diff(args) => commands::diff::run(&args),
        cli::Command::Build(args) => commands::build::run(&args, terminal, progress),
        cli::Command::New(args) => commands::new::run(&args),
        cli::Command::Render(args) => commands::render::run(&args, terminal),
        cli::Command::Fiche(args) => commands::fiche::run(&args, terminal),
        cli::Command::Entretien(args) => commands::entretien::run(&args, terminal),
        cli::Command::Templates(cli::TemplatesCommand::Export(args)) => commands::templates::export(&args),
        cli::Command::Export(args) => commands::export::run(&args, terminal),
        cli::Command::Import(args) => commands::import::run(&args),
        cli::Command::Completions(args) => commands::shell::completions(args.shell),
        cli::Command::Manpage(args) => commands::manpage::run(&args),
        cli::Command::Help(args) => cli::help(&args.commande),
    };
    result.unwrap_or_else(|e| failure(e, terminal.stderr_color))
}

/// What a command that failed prints, and its exit code.
fn failure(e: Error, color: bool) -> Outcome {
    match e {
        Error::Invalid(reports) => {
            let summary = diagnostic::Summary::of(&reports);
            let stderr = diagnostic::human::render(&reports, &summary, color);
            Outcome { stdout: Vec::new(), stderr, code: exit::INVALID }
        }
        Error::Template(e) => Outcome { stdout: Vec::new(), stderr: format!("erreur : {e}\n"), code: exit::INVALID },
        e => Outcome { stdout: Vec::new(), stderr: format!("erreur : {e}\n"), code: exit::FAILURE },
    }
}
