//! "Did you mean": the closest known word to a mistyped one.

/// Lowercase, accents removed: `Savoir-Être` → `savoir-etre`.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            '_' | ' ' => out.push('-'),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => fold_char(c, &mut out),
        }
    }
    out
}

/// Appends one character of a text folded (`fold` is this on each character).
#[inline]
pub fn fold_char(c: char, out: &mut String) {
    // ASCII first: the common case, without the Unicode tables.
    if c.is_ascii() {
        out.push(match c {
            '_' | ' ' => '-',
            c => c.to_ascii_lowercase(),
        });
        return;
    }
    for c in c.to_lowercase() {
        match c {
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            'à' | 'â' | 'ä' => out.push('a'),
            'é' | 'è' | 'ê' | 'ë' => out.push('e'),
            'î' | 'ï' => out.push('i'),
            'ô' | 'ö' => out.push('o'),
            'ù' | 'û' | 'ü' => out.push('u'),
            'ç' => out.push('c'),
            other => out.push(other),
        }
    }
}

/// Beyond this many candidates, no suggestion is looked for: each mistyped
/// word then costs a bounded time, however long the list it is checked
/// against (a file with thousands of unknown ids stays linear).
pub const MAX_CANDIDATES: usize = 1000;

/// How many items `listing` shows before it says how many there are.
pub const MAX_LISTED: usize = 20;

/// The candidate closest to `word`, if it is close enough to be a likely
/// typo; none among more than `MAX_CANDIDATES` candidates.
pub fn closest<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let candidates: Vec<&str> = candidates.into_iter().take(MAX_CANDIDATES + 1).collect();
    if candidates.len() > MAX_CANDIDATES {
        return None;
    }
    let folded = fold(word);
    let mut best: Option<(&str, f64)> = None;
    for candidate in candidates {
        let score = if fold(candidate) == folded { 2.0 } else { strsim::jaro_winkler(&folded, &fold(candidate)) };
        // Equal scores: the alphabetically first wins, so the hint does not depend on input order.
        if score >= 0.8 && best.is_none_or(|(b, s)| score > s || (score == s && candidate < b)) {
            best = Some((candidate, score));
        }
    }
    best.map(|(c, _)| c)
}

/// A French hint for the closest candidate, if any.
pub fn did_you_mean<'a, I>(word: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    closest(word, candidates).map(|c| format!("vouliez-vous dire `{c}` ?"))
}

/// `a, b, c` for a short list; the first `MAX_LISTED` items and the count
/// for a long one (`a, b, … (250 en tout)`), so that a hint repeated on
/// thousands of findings stays short.
pub fn listing(items: &[&str]) -> String {
    if items.len() <= MAX_LISTED {
        return items.join(", ");
    }
    format!("{}, … ({} en tout)", items[..MAX_LISTED].join(", "), items.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lists_are_cut() {
        assert_eq!(listing(&["a", "b"]), "a, b");
        let many: Vec<String> = (0..25).map(|i| format!("M-{i}")).collect();
        let many: Vec<&str> = many.iter().map(String::as_str).collect();
        let shown = listing(&many);
        assert!(shown.starts_with("M-0, M-1, ") && shown.ends_with("M-19, … (25 en tout)"), "{shown}");
    }

    #[test]
    fn too_many_candidates_give_no_suggestion() {
        let many: Vec<String> = (0..=MAX_CANDIDATES).map(|i| format!("M-{i}")).collect();
        assert_eq!(closest("M-1", many.iter().map(String::as_str).take(MAX_CANDIDATES)), Some("M-1"));
        assert_eq!(closest("M-1", many.iter().map(String::as_str)), None);
    }

    #[test]
    fn accented_key_finds_its_ascii_spelling() {
        assert_eq!(closest("savoir-être", ["savoirs", "savoir-faire", "savoir-etre"]), Some("savoir-etre"));
    }

    #[test]
    fn typo_finds_the_key() {
        assert_eq!(closest("libele", ["id", "libelle", "niveau"]), Some("libelle"));
    }

    #[test]
    fn unrelated_word_finds_nothing() {
        assert_eq!(closest("zzz", ["id", "libelle", "niveau"]), None);
    }
}
