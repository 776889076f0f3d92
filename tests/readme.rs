//! The README's commands work as written.

use std::path::PathBuf;

use assert_cmd::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn readme() -> String {
    std::fs::read_to_string(root().join("README.md")).unwrap()
}

/// Every `cargo run --release -- ARGS` line of the README runs `refnum ARGS` successfully.
#[test]
fn readme_main_commands_run() {
    let text = readme();
    let commands: Vec<&str> = text.lines().filter_map(|l| l.trim().strip_prefix("cargo run --release -- ")).collect();
    assert!(!commands.is_empty(), "the README gives no `cargo run --release --` command");
    for command in commands {
        let dir = tempfile::tempdir().unwrap();
        let args: Vec<&str> = command.split_whitespace().collect();
        let o = Command::cargo_bin("refnum").unwrap().current_dir(dir.path()).args(&args).output().unwrap();
        assert!(o.status.success(), "`refnum {command}` failed: {}", String::from_utf8_lossy(&o.stderr));
        for (i, arg) in args.iter().enumerate() {
            if *arg == "-o" {
                let out = dir.path().join(args[i + 1]);
                assert!(
                    out.is_file() && std::fs::metadata(&out).unwrap().len() > 0,
                    "`refnum {command}` wrote nothing"
                );
            }
        }
    }
}

/// The README's test command is the one CI runs.
#[test]
fn readme_test_command_is_what_ci_runs() {
    assert!(readme().lines().any(|l| l.trim() == "cargo test"));
    let ci = std::fs::read_to_string(root().join(".ci/run")).unwrap();
    assert!(ci.lines().any(|l| l.trim().starts_with("cargo test")));
}

/// Every YAML example of the README is a valid file.
#[test]
fn readme_yaml_examples_validate() {
    let text = readme();
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        match (&mut current, line.trim_start()) {
            (None, "```yaml") => current = Some(String::new()),
            (Some(block), "```") => {
                blocks.push(std::mem::take(block));
                current = None;
            }
            (Some(block), _) => {
                block.push_str(line);
                block.push('\n');
            }
            _ => {}
        }
    }
    assert!(!blocks.is_empty());
    for block in blocks {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("exemple.yaml"), &block).unwrap();
        let o = Command::cargo_bin("refnum")
            .unwrap()
            .current_dir(dir.path())
            .args(["validate", "exemple.yaml"])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{block}\n{}", String::from_utf8_lossy(&o.stdout));
    }
}
