//! Random mutations of a valid exported workbook through `import`, on
//! stable Rust: byte flips and truncations of the file, and edits of the
//! entries inside the zip (which keep the archive readable, so the
//! mutation reaches the XML readers). Never a panic; either a profile or a
//! failure that names the file (`refnum::fuzz::Target::check`); the same
//! bytes give the same outcome.

use std::io::{Cursor, Read, Write};
use std::sync::OnceLock;

use proptest::prelude::*;
use refnum::fuzz::Target;

/// The workbook `refnum export --format xlsx` writes for a built-in profile.
fn exported() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        let resolved = refnum::workspace::catalog::find_profil("coordinateur-referent-entreprise", None).unwrap();
        refnum::export::xlsx::competences(&resolved.profil).unwrap()
    })
}

/// The entries of a zip archive, in order.
fn entries(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            file.read_to_end(&mut data).unwrap();
            (file.name().to_owned(), data)
        })
        .collect()
}

fn archive(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        writer.start_file(name.as_str(), options).unwrap();
        writer.write_all(data).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// Text that means something to a spreadsheet reader, spliced into an entry.
const SNIPPETS: [&str; 14] = [
    "<c r=\"XFD1048576\"><v>1</v></c>",
    "<c r=\"ZZZZZZZZ99999999999\" t=\"s\"><v>0</v></c>",
    "<c r=\"A1\" t=\"s\"><v>-1</v></c>",
    "<c r=\"B2\" t=\"s\"><v>4294967296</v></c>",
    "<row r=\"0\">",
    "<row r=\"1048577\"><c r=\"A1048577\" t=\"inlineStr\"><is><t>x</t></is></c></row>",
    "<dimension ref=\"A1:XFD1048576\"/>",
    "</sheetData>",
    "<si><t>",
    "&#0;",
    "&amp;&lt;&#x1F600;",
    "<![CDATA[",
    "\u{0}",
    "<sheet name=\"x\" sheetId=\"9\" r:id=\"rId9\"/>",
];

/// Numbers at the edges of what a workbook allows, or past them.
const NUMBERS: [&str; 8] = ["0", "1048576", "1048577", "16384", "4294967296", "99999999999999999999", "00", "7"];

#[derive(Debug, Clone)]
enum Mutation {
    /// Sets the byte at a position of the file.
    Flip(usize, u8),
    /// Cuts the file at a position.
    Truncate(usize),
    /// Drops an entry of the archive.
    Drop(usize),
    /// Sets a byte of an entry.
    EntryFlip(usize, usize, u8),
    /// Cuts an entry.
    EntryTruncate(usize, usize),
    /// Inserts a snippet into an entry, after one of its tags.
    EntryInsert(usize, usize, usize),
    /// Replaces a number of an entry (a cell reference, an index, a size).
    EntryNumber(usize, usize, usize),
    /// Duplicates a slice of an entry at another place.
    EntryRepeat(usize, usize, usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let n = any::<usize>();
    prop_oneof![
        (n, any::<u8>()).prop_map(|(a, b)| Mutation::Flip(a, b)),
        n.prop_map(Mutation::Truncate),
        n.prop_map(Mutation::Drop),
        (n, n, any::<u8>()).prop_map(|(e, a, b)| Mutation::EntryFlip(e, a, b)),
        (n, n).prop_map(|(e, a)| Mutation::EntryTruncate(e, a)),
        (n, n, n).prop_map(|(e, a, s)| Mutation::EntryInsert(e, a, s)),
        (n, n, n).prop_map(|(e, a, v)| Mutation::EntryNumber(e, a, v)),
        (n, n, n, n).prop_map(|(e, a, l, t)| Mutation::EntryRepeat(e, a, l, t)),
    ]
}

/// Applies the mutations: first those inside the archive, then those of the file.
fn mutate(mutations: &[Mutation]) -> Vec<u8> {
    let mut entries = entries(exported());
    for m in mutations {
        let count = entries.len();
        if count == 0 {
            break;
        }
        match *m {
            Mutation::Drop(e) => {
                entries.remove(e % count);
            }
            Mutation::EntryFlip(e, at, byte) => {
                let data = &mut entries[e % count].1;
                if !data.is_empty() {
                    let at = at % data.len();
                    data[at] = byte;
                }
            }
            Mutation::EntryTruncate(e, at) => {
                let data = &mut entries[e % count].1;
                data.truncate(at % (data.len() + 1));
            }
            Mutation::EntryInsert(e, at, s) => {
                let data = &mut entries[e % count].1;
                let tags: Vec<usize> = (0..data.len()).filter(|&i| data[i] == b'>').map(|i| i + 1).collect();
                let at = if tags.is_empty() { at % (data.len() + 1) } else { tags[at % tags.len()] };
                let snippet = SNIPPETS[s % SNIPPETS.len()].as_bytes();
                data.splice(at..at, snippet.iter().copied());
            }
            Mutation::EntryNumber(e, at, v) => {
                let data = &mut entries[e % count].1;
                let starts: Vec<usize> = (0..data.len())
                    .filter(|&i| data[i].is_ascii_digit() && (i == 0 || !data[i - 1].is_ascii_digit()))
                    .collect();
                if !starts.is_empty() {
                    let start = starts[at % starts.len()];
                    let end = start + data[start..].iter().take_while(|b| b.is_ascii_digit()).count();
                    let number = NUMBERS[v % NUMBERS.len()].as_bytes();
                    data.splice(start..end, number.iter().copied());
                }
            }
            Mutation::EntryRepeat(e, at, len, to) => {
                let data = &mut entries[e % count].1;
                if !data.is_empty() {
                    let at = at % data.len();
                    let end = at + len % (data.len() - at).min(4096) + 1;
                    let slice = data[at..end.min(data.len())].to_vec();
                    let to = to % (data.len() + 1);
                    data.splice(to..to, slice);
                }
            }
            Mutation::Flip(..) | Mutation::Truncate(_) => {}
        }
    }
    let mut bytes = archive(&entries);
    for m in mutations {
        match *m {
            Mutation::Flip(at, byte) if !bytes.is_empty() => {
                let at = at % bytes.len();
                bytes[at] = byte;
            }
            Mutation::Truncate(at) => bytes.truncate(at % (bytes.len() + 1)),
            _ => {}
        }
    }
    bytes
}

#[test]
fn the_exported_workbook_imports() {
    let outcome = Target::Xlsx.check(&archive(&entries(exported()))).unwrap();
    assert_eq!(outcome.code, 0, "{}", outcome.stderr);
    let text = String::from_utf8(outcome.stdout).unwrap();
    assert!(text.contains("SF-01"), "{text}");
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 160, ..ProptestConfig::default() })]

    #[test]
    fn a_mutated_workbook_imports_or_fails_named(mutations in prop::collection::vec(mutation(), 1..4)) {
        let bytes = mutate(&mutations);
        let first = Target::Xlsx.check(&bytes).map_err(TestCaseError::fail)?;
        let again = Target::Xlsx.run(&bytes);
        prop_assert_eq!((first.code, &first.stdout, &first.stderr), (again.code, &again.stdout, &again.stderr));
    }
}
