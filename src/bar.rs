//! The progress bar of the binary, on standard error: drawn only when it is
//! a terminal and the work has lasted long enough to be worth showing.

use std::io::Write;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Nothing is drawn for work shorter than this.
const DELAY: Duration = Duration::from_millis(400);
/// At most one drawing per interval.
const INTERVAL: Duration = Duration::from_millis(80);
const WIDTH: usize = 30;

struct State {
    stage: String,
    total: usize,
    done: usize,
    started: Instant,
    drawn: Option<Instant>,
}

/// A bar on standard error.
pub struct Bar {
    state: Mutex<State>,
}

impl Bar {
    pub fn new() -> Bar {
        Bar {
            state: Mutex::new(State { stage: String::new(), total: 0, done: 0, started: Instant::now(), drawn: None }),
        }
    }
}

impl refnum::progress::Progress for Bar {
    fn start(&self, stage: &str, total: usize) {
        if let Ok(mut s) = self.state.lock() {
            s.stage = stage.to_owned();
            s.total = total;
            s.done = 0;
        }
    }

    fn advance(&self) {
        let Ok(mut s) = self.state.lock() else {
            return;
        };
        s.done += 1;
        let now = Instant::now();
        if now.duration_since(s.started) < DELAY || s.drawn.is_some_and(|d| now.duration_since(d) < INTERVAL) {
            return;
        }
        s.drawn = Some(now);
        let filled = (s.done * WIDTH).checked_div(s.total).unwrap_or(WIDTH).min(WIDTH);
        let line = format!(
            "\r\x1b[2K{} [{}{}] {}/{}",
            s.stage,
            "#".repeat(filled),
            " ".repeat(WIDTH - filled),
            s.done,
            s.total
        );
        let _ = std::io::stderr().write_all(line.as_bytes());
    }

    fn finish(&self) {
        if let Ok(mut s) = self.state.lock()
            && s.drawn.take().is_some()
        {
            let _ = std::io::stderr().write_all(b"\r\x1b[2K");
        }
    }
}
