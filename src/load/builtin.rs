//! The two reference profiles, built into the binary so every command works
//! on a fresh machine with no file at all.

/// File name and text of each built-in profile.
pub const PROFILES: [(&str, &str); 2] = [
    (
        "profiles/coordinateur-referent-entreprise.yaml",
        include_str!("../../profiles/coordinateur-referent-entreprise.yaml"),
    ),
    (
        "profiles/conseiller-referent-entreprise.yaml",
        include_str!("../../profiles/conseiller-referent-entreprise.yaml"),
    ),
];

/// How a built-in file is named in messages.
pub fn display_name(file: &str) -> String {
    format!("(intégré) {file}")
}

/// The id of a built-in profile: its file is named after it (a test checks it),
/// so no parsing is needed to know it.
pub fn id_of(file: &str) -> &str {
    let name = file.rsplit('/').next().unwrap_or(file);
    name.strip_suffix(".yaml").unwrap_or(name)
}
