//! The `refnum` binary: parse the command line, run, print once, exit.

mod bar;

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    // Files are checked on rayon's threads, whose default stack (2 MiB) is
    // smaller than the main thread's: a deeply nested file (refused with
    // E003, but only once read that deep) must not overflow it.
    let _ = rayon::ThreadPoolBuilder::new().stack_size(16 << 20).build_global();
    let outcome = match refnum::cli::parse(std::env::args_os()) {
        Ok(cli) => run(cli),
        Err(outcome) => outcome,
    };
    print(outcome)
}

fn run(cli: refnum::cli::Cli) -> refnum::Outcome {
    let no_color = std::env::var_os("NO_COLOR");
    let term = std::env::var_os("TERM");
    let wants = |is_terminal: bool| cli.color.wants(is_terminal, no_color.as_deref(), term.as_deref());
    let stdout_is_terminal = std::io::stdout().is_terminal();
    let stderr_is_terminal = std::io::stderr().is_terminal();
    let terminal = refnum::Terminal {
        color: wants(stdout_is_terminal),
        stderr_color: wants(stderr_is_terminal),
        stdout_is_terminal,
    };
    // The bar redraws its line with escape codes, which a dumb terminal prints as they are.
    let dumb = term.as_deref().is_some_and(|t| t == "dumb");
    if stderr_is_terminal && !dumb {
        refnum::run(cli, terminal, &bar::Bar::new())
    } else {
        refnum::run(cli, terminal, &refnum::progress::Silent)
    }
}

fn print(outcome: refnum::Outcome) -> ExitCode {
    let mut code = outcome.code;
    let mut stderr = outcome.stderr;
    if let Err(e) = std::io::stdout().write_all(&outcome.stdout).and_then(|()| std::io::stdout().flush()) {
        // A closed pipe (`refnum … | head`) is the reader's choice, not a failure to report.
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            stderr.push_str(&format!("erreur : écriture sur la sortie standard impossible ({e})\n"));
            code = code.max(refnum::exit::FAILURE);
        }
    }
    if !stderr.is_empty() {
        let _ = std::io::stderr().write_all(stderr.as_bytes());
    }
    ExitCode::from(code)
}
