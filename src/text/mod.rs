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

/// The first forbidden control character of `text` (`is_forbidden_control`)
/// and its byte offset.
///
/// Read byte by byte: in UTF-8 a C0 control or DEL is one byte below 0x20
/// or 0x7F, and a C1 control (U+0080 to U+009F) is the two bytes 0xC2
/// 0x80–0x9F; no other character holds these bytes but as the second or a
/// later byte of a sequence, where 0x00–0x7F and 0xC2 never appear. Most
/// texts hold none: each word of 8 bytes is first tested as a whole, and
/// only one that may hold one (a line feed, say) is scanned byte by byte.
pub fn first_forbidden_control(text: &str) -> Option<(usize, char)> {
    let bytes = text.as_bytes();
    let forbidden = |i: usize| match bytes[i] {
        b'\t' | b'\n' => false,
        0x00..=0x1F | 0x7F => true,
        0xC2 => bytes.get(i + 1).is_some_and(|next| (0x80..=0x9F).contains(next)),
        _ => false,
    };
    let found = |i: usize| text[i..].chars().next().map(|c| (i, c));
    let words = bytes.chunks_exact(8);
    let tail = words.remainder().len();
    for (n, word) in words.enumerate() {
        let word = u64::from_le_bytes(word.try_into().unwrap_or_default());
        if may_hold_control(word)
            && let Some(i) = (n * 8..n * 8 + 8).find(|&i| forbidden(i))
        {
            return found(i);
        }
    }
    (bytes.len() - tail..bytes.len()).find(|&i| forbidden(i)).and_then(found)
}

/// Whether `text` surely holds no forbidden control character, even
/// through an escape (`\u0001`, `\x85`, `\N` in a YAML text between double
/// quotes) or a tag (`!!binary`, whose base64 decodes to any character):
/// it holds none, no backslash and no `!` either. A text of which this
/// is not sure is read character by character (`first_forbidden_control`).
///
/// Read in blocks of 32 bytes, with a loop of comparisons and no early
/// exit inside a block, which the compiler turns into vector instructions.
pub fn surely_free_of_controls(text: &str) -> bool {
    let bytes = text.as_bytes();
    // The byte at `i` starts a forbidden control, or is a backslash or the
    // `!` of a tag; `next`
    // is the byte after it (0 at the end).
    let flagged = |b: u8, next: u8| {
        ((b < 0x20) & (b != b'\t') & (b != b'\n'))
            | (b == 0x7F)
            | ((b == 0xC2) & (next < 0xA0))
            | (b == b'\\')
            | (b == b'!')
    };
    let mut start = 0;
    // Each block needs the byte after it too.
    while start + 33 <= bytes.len() {
        let block = &bytes[start..start + 33];
        let mut any = false;
        for i in 0..32 {
            any |= flagged(block[i], block[i + 1]);
        }
        if any {
            return false;
        }
        start += 32;
    }
    !(start..bytes.len()).any(|i| flagged(bytes[i], bytes.get(i + 1).copied().unwrap_or(0)))
}

/// Whether one of the 8 bytes of `word` is below 0x20, or is 0x7F or 0xC2
/// (the classic "has a zero byte" test: subtracting 1 from each byte
/// borrows into its high bit only from a byte that was 0, or below `n`
/// when subtracting `n`; `& !word` keeps bytes whose high bit was clear).
fn may_hold_control(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let below = |w: u64, n: u64| w.wrapping_sub(ONES * n) & !w & HIGHS != 0;
    below(word, 0x20) || below(word ^ (ONES * 0x7F), 1) || below(word ^ (ONES * 0xC2), 1)
}

#[cfg(test)]
mod tests {
    use super::{first_forbidden_control, is_forbidden_control, may_hold_control, surely_free_of_controls};

    /// The reference: the first character the predicate refuses.
    fn by_chars(text: &str) -> Option<(usize, char)> {
        text.char_indices().find(|(_, c)| is_forbidden_control(*c))
    }

    /// Both readings agree with the reference on `text`.
    fn check(text: &str) {
        assert_eq!(first_forbidden_control(text), by_chars(text), "{text:?}");
        if surely_free_of_controls(text) {
            assert_eq!(by_chars(text), None, "{text:?}");
        } else {
            assert!(by_chars(text).is_some() || text.contains(['\\', '!']), "{text:?}");
        }
    }

    #[test]
    fn every_character_alone_and_among_neighbours() {
        // Every scalar value after a multibyte neighbour, and many inside a
        // text long enough to be read in blocks; those of one or two bytes (where
        // the C1 controls are) and the controls also between other
        // neighbours (whose bytes 0x80–0xBF follow 0xC2, 0xC3, 0xE2…), at
        // each place of a word of 8 bytes and across two.
        let neighbours = ["", "a", "é", "\u{80}", "\u{9F}", "\u{A0}", "€", "\u{10FFFF}", "\n", "\t"];
        let long = "Réaliser « un diagnostic » ";
        let mut text = String::new();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            text.clear();
            text.push('é');
            text.push(c);
            check(&text);
            if u32::from(c) >= 0x800 && !c.is_control() && u32::from(c) % 17 != 0 {
                continue;
            }
            text.clear();
            text.push_str(long);
            text.push(c);
            text.push_str(long);
            check(&text);
            if u32::from(c) >= 0x800 && !c.is_control() {
                continue;
            }
            for pad in 0..=9 {
                for before in neighbours {
                    for after in neighbours {
                        text.clear();
                        text.push_str(&"é".repeat(pad / 2));
                        text.push_str(&"a".repeat(pad % 2));
                        text.push_str(before);
                        text.push(c);
                        text.push_str(after);
                        check(&text);
                    }
                }
            }
        }
    }

    #[test]
    fn at_every_place_of_a_block() {
        // Blocks of 32 bytes, each needing the byte after it: a character at
        // every offset of three blocks, so at each edge.
        let odd = ['\u{0}', '\u{1F}', '\r', '\u{7F}', '\u{80}', '\u{85}', '\u{9F}', '\\', '!'];
        let fine = ['\t', '\n', 'a', 'é', '\u{A0}', '«', '\u{BF}', '€'];
        for c in odd.into_iter().chain(fine) {
            for offset in 0..100 {
                let text: String = "a".repeat(offset) + &c.to_string() + &"a".repeat(100 - offset);
                check(&text);
                assert_eq!(surely_free_of_controls(&text), fine.contains(&c), "{c:?} at {offset}");
            }
        }
    }

    #[test]
    fn the_word_test_flags_exactly_the_bytes_it_should() {
        for byte in 0..=u8::MAX {
            let suspect = byte < 0x20 || byte == 0x7F || byte == 0xC2;
            for place in 0..8 {
                for filler in [b'a', 0xFF, 0x80, 0x20, 0xC3, 0x7E] {
                    let mut word = [filler; 8];
                    word[place] = byte;
                    assert_eq!(
                        may_hold_control(u64::from_le_bytes(word)),
                        suspect,
                        "{byte:#x} at {place} among {filler:#x}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_first_one_is_found_after_allowed_ones() {
        let text = "Accueillir\tle\npublic\u{85}puis\u{1}";
        assert_eq!(first_forbidden_control(text), Some((20, '\u{85}')));
        assert_eq!(first_forbidden_control("ligne\r\nsuivante"), Some((5, '\r')));
        assert_eq!(first_forbidden_control("Réaliser\u{7F}"), Some((9, '\u{7F}')));
        assert_eq!(first_forbidden_control("Câble – « texte » ÿ Ā ¢ \u{A0}"), None);
        assert_eq!(first_forbidden_control(""), None);
        assert!(surely_free_of_controls("Câble – « texte » ÿ Ā ¢ \u{A0}\tet\nla suite, assez longue pour un bloc"));
        assert!(!surely_free_of_controls("un échappement \\u0001 entre guillemets doubles, assez long"));
        assert!(!surely_free_of_controls("un échappement \\u0001"));
        // A tag: `!!binary` decodes base64 into any character.
        assert!(!surely_free_of_controls("intitule: !!binary B0FB, et la suite du texte, assez longue"));
        assert!(!surely_free_of_controls("a: !!binary B0FB"));
    }
}
