//! "Did you mean": the closest known word to a mistyped one.

/// Lowercase, accents removed: `Savoir-Être` → `savoir-etre`.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        // ASCII first: the common case, without the Unicode tables.
        if c.is_ascii() {
            out.push(match c {
                '_' | ' ' => '-',
                c => c.to_ascii_lowercase(),
            });
            continue;
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
    out
}

/// The candidate closest to `word`, if it is close enough to be a likely typo.
pub fn closest<'a, I>(word: &str, candidates: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
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

#[cfg(test)]
mod tests {
    use super::*;

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
