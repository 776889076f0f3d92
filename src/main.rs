//! The `refnum` binary: parse the command line, run, print once, exit.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let outcome = match refnum::cli::parse(std::env::args_os()) {
        Ok(cli) => run(cli),
        Err(outcome) => outcome,
    };
    print(outcome)
}

fn run(cli: refnum::cli::Cli) -> refnum::Outcome {
    let stdout_is_terminal = std::io::stdout().is_terminal();
    let color = stdout_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    refnum::run(cli, refnum::Terminal { color, stdout_is_terminal })
}

fn print(outcome: refnum::Outcome) -> ExitCode {
    let mut code = outcome.code;
    if std::io::stdout().write_all(&outcome.stdout).and_then(|()| std::io::stdout().flush()).is_err() {
        code = code.max(refnum::exit::FAILURE);
    }
    if !outcome.stderr.is_empty() {
        let _ = std::io::stderr().write_all(outcome.stderr.as_bytes());
    }
    ExitCode::from(code)
}
