//! The `refnum` binary: parse the command line, run, print once, exit.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = refnum::cli::Cli::parse();
    let stdout_is_terminal = std::io::stdout().is_terminal();
    let color = stdout_is_terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let outcome = refnum::run(
        cli,
        refnum::Terminal {
            color,
            stdout_is_terminal,
        },
    );
    let mut code = outcome.code;
    if std::io::stdout()
        .write_all(&outcome.stdout)
        .and_then(|()| std::io::stdout().flush())
        .is_err()
    {
        code = code.max(refnum::exit::FAILURE);
    }
    if !outcome.stderr.is_empty() {
        let _ = std::io::stderr().write_all(outcome.stderr.as_bytes());
    }
    ExitCode::from(code)
}
