//! What an interrupted write leaves behind is removed when the process is
//! stopped by Ctrl-C (`SIGINT`), `kill` (`SIGTERM`) or a closed terminal
//! (`SIGHUP`): temporary files of `-o` and the work folder of `build`.
//!
//! The paths being written are listed while they exist. On the first
//! write, a thread starts that waits for those signals (signal-hook turns
//! them into messages, so the removal runs as ordinary code, not inside a
//! signal handler); it removes every listed path, then ends the process as
//! the signal would have (the shell sees « interrompu », as before).
//! `SIGKILL` cannot be caught: the next write to the same target removes
//! what such a kill left (see `remove_stale` and the build's leftovers).

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// Paths to remove if the process is stopped now.
static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// A file or folder being written: listed for removal on interruption
/// while this value lives.
#[derive(Debug)]
pub struct Pending {
    path: PathBuf,
}

impl Pending {
    /// Lists `path` (a temporary file or folder this process created).
    pub fn new(path: &Path) -> Pending {
        install();
        let path = path.to_path_buf();
        pending().push(path.clone());
        Pending { path }
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        let mut list = pending();
        if let Some(i) = list.iter().position(|p| *p == self.path) {
            list.swap_remove(i);
        }
    }
}

fn pending() -> MutexGuard<'static, Vec<PathBuf>> {
    PENDING.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Removes every listed path and keeps the list locked, so that no new
/// temporary file is listed (and left) while the process ends.
fn remove_all() -> MutexGuard<'static, Vec<PathBuf>> {
    let list = pending();
    list.iter().for_each(|path| remove(path));
    list
}

/// Removes a file, or a folder and its content; a path already gone (a
/// file renamed into place just before the signal) is no error.
fn remove(path: &Path) {
    match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_dir() => {
            let _ = std::fs::remove_dir_all(path);
        }
        Ok(_) => {
            let _ = std::fs::remove_file(path);
        }
        Err(_) => {}
    }
}

#[cfg(unix)]
fn install() {
    use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGTERM};
    static INSTALLED: std::sync::Once = std::sync::Once::new();
    INSTALLED.call_once(|| {
        // A signal the parent made us ignore (`nohup`, a job started with
        // `&` by a script) stays ignored: it must not start to stop us.
        let ignored = ignored_signals();
        let wanted: Vec<i32> = [SIGINT, SIGTERM, SIGHUP].into_iter().filter(|s| !ignored.contains(s)).collect();
        // Without the listener (no thread, no signal), a stop leaves the
        // files as before, for the next write to remove.
        let Ok(mut signals) = signal_hook::iterator::Signals::new(wanted) else {
            return;
        };
        let _ = std::thread::Builder::new().name("refnum-interruption".into()).spawn(move || {
            if let Some(signal) = signals.forever().next() {
                let _held = remove_all();
                // Ends the process by the same signal (default action restored).
                let _ = signal_hook::low_level::emulate_default_handler(signal);
                std::process::exit(128 + signal);
            }
        });
    });
}

/// The signals this process ignores, from the `SigIgn` mask the kernel shows.
#[cfg(target_os = "linux")]
fn ignored_signals() -> Vec<i32> {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let mask = status
        .lines()
        .find_map(|line| line.strip_prefix("SigIgn:"))
        .and_then(|hex| u64::from_str_radix(hex.trim(), 16).ok())
        .unwrap_or(0);
    ignored_in(mask)
}

/// Elsewhere the mask is not at hand: the three signals are taken.
#[cfg(all(unix, not(target_os = "linux")))]
fn ignored_signals() -> Vec<i32> {
    Vec::new()
}

/// Signal `n` is bit `n - 1` of the mask.
#[cfg(unix)]
fn ignored_in(mask: u64) -> Vec<i32> {
    (1..=64).filter(|n| mask & (1 << (n - 1)) != 0).collect()
}

#[cfg(not(unix))]
fn install() {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listed_paths_are_removed_and_dropped_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(".fiche.html.abcdef.tmp");
        let folder = dir.path().join(".site.refnum-xyz");
        let kept = dir.path().join("fiche.html");
        std::fs::write(&file, "moitié").unwrap();
        std::fs::create_dir_all(folder.join("profils")).unwrap();
        std::fs::write(folder.join("profils/a.html"), "a").unwrap();
        std::fs::write(&kept, "écrit").unwrap();
        let _file = Pending::new(&file);
        let _folder = Pending::new(&folder);
        drop(Pending::new(&kept));
        // Only this test's paths: other tests of the process write files too.
        let listed: Vec<PathBuf> = pending().iter().filter(|p| p.starts_with(dir.path())).cloned().collect();
        assert_eq!(listed.len(), 2);
        listed.iter().for_each(|path| remove(path));
        assert!(!file.exists());
        assert!(!folder.exists());
        assert!(kept.exists(), "a path no longer pending is not removed");
    }

    #[cfg(unix)]
    #[test]
    fn the_ignored_mask_is_read_bit_by_bit() {
        // SIGHUP (1) and SIGINT (2) ignored, as under `nohup` in a script's background job.
        assert_eq!(ignored_in(0b11), vec![1, 2]);
        assert_eq!(ignored_in(1 << 14), vec![15]);
        assert!(ignored_in(0).is_empty());
    }

    #[test]
    fn a_path_already_gone_is_no_error() {
        let dir = tempfile::tempdir().unwrap();
        let gone = dir.path().join("absent.tmp");
        let listed = Pending::new(&gone);
        remove(&listed.path);
        assert!(!gone.exists());
    }
}
