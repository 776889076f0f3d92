//! The variant of a reference profile the bench corpus is made of, in a
//! file of its own (no dependency) so that the tests of `load::block` check
//! that exactly these files take the fast reader.

/// A variant of a reference profile: its own id, title and levels.
pub fn profile(text: &str, id: &str, i: usize) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    for line in text.lines() {
        let trimmed = line.trim_start();
        if line.starts_with("id: ") {
            out.push_str(&format!("id: {id}"));
        } else if line.starts_with("intitule: ") {
            out.push_str(&format!("{line} (variante {i})"));
        } else if let Some(level) = trimmed.strip_prefix("niveau: ").and_then(|l| l.parse::<u32>().ok()) {
            let indent = &line[..line.len() - trimmed.len()];
            out.push_str(&format!("{indent}niveau: {}", 1 + (level + i as u32) % 4));
        } else {
            out.push_str(line);
        }
        out.push('\n');
    }
    out
}
