//! Small helpers on strings shared by several stages: folding and "did you
//! mean" (`suggest`), and the Markdown escaping of a short text
//! (`markdown`), the control characters a text may not hold, dates from a
//! count of days (`date`). A leaf: it imports no other module of the crate.

pub mod date;
pub mod markdown;
pub mod suggest;

/// A control character other than a tab or a line feed (C0, DEL, C1): it
/// is invisible, and Word refuses a document holding one.
pub fn is_forbidden_control(c: char) -> bool {
    c.is_control() && c != '\t' && c != '\n'
}
