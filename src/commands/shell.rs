//! `refnum completions`: generated from the same command definition as
//! the parser, so it never drifts from it.

use clap_complete::Shell as Generator;

use crate::cli::{Shell, command};
use crate::error::Error;
use crate::{Outcome, exit};

pub fn completions(shell: Shell) -> Result<Outcome, Error> {
    let generator = match shell {
        Shell::Bash => Generator::Bash,
        Shell::Zsh => Generator::Zsh,
        Shell::Fish => Generator::Fish,
        Shell::Powershell => Generator::PowerShell,
    };
    let mut out = Vec::new();
    clap_complete::generate(generator, &mut command(), "refnum", &mut out);
    Ok(Outcome { stdout: out, stderr: String::new(), code: exit::OK })
}
