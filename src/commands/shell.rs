//! `refnum completions` and `refnum manpage`: generated from the same
//! command definition as the parser, so they never drift from it.

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

pub fn manpage() -> Result<Outcome, Error> {
    let mut out = Vec::new();
    clap_mangen::Man::new(command())
        .title("REFNUM")
        .section("1")
        .manual("Manuel de refnum")
        .render(&mut out)
        .map_err(|e| Error::Usage(format!("page de manuel impossible à produire : {e}")))?;
    // clap_mangen writes its section titles in English; French man pages say NOM.
    let page = String::from_utf8_lossy(&out).replace(".SH NAME\n", ".SH NOM\n");
    Ok(Outcome { stdout: page.into_bytes(), stderr: String::new(), code: exit::OK })
}
