//! docs/tracabilite.md: every item id it cites exists in the profile of its
//! column, and every cell cites an id or says why the statement is not taken up.

mod common;

use std::collections::BTreeSet;

use common::*;

/// The ids of the missions and competencies of a profile file.
fn item_ids(profile_id: &str) -> BTreeSet<String> {
    let path = root().join(format!("profiles/{profile_id}.yaml"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter_map(|l| l.trim_start().strip_prefix("- id:"))
        .map(|id| id.trim().trim_matches('"').to_owned())
        .collect()
}

fn cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
    inner.split('|').map(|c| c.trim().to_owned()).collect()
}

/// The backquoted words of a cell that look like item ids (`M-01`, `SF-03`).
fn cited(cell: &str) -> Vec<String> {
    cell.split('`')
        .skip(1)
        .step_by(2)
        .filter(|w| {
            w.split_once('-').is_some_and(|(p, n)| {
                ["M", "S", "SF", "SE"].contains(&p) && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())
            })
        })
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_id_of_the_traceability_table_exists_in_its_profile() {
    let text = std::fs::read_to_string(root().join("docs/tracabilite.md")).unwrap();
    let mut lines = text.lines().filter(|l| l.trim_start().starts_with('|'));
    let header = cells(lines.next().expect("docs/tracabilite.md has no table"));
    // The profile of each column is named in backquotes in its header.
    let profiles: Vec<Option<String>> = header.iter().map(|h| h.split('`').nth(1).map(str::to_owned)).collect();
    let named: Vec<(usize, String)> =
        profiles.iter().enumerate().filter_map(|(i, p)| p.clone().map(|p| (i, p))).collect();
    assert_eq!(named.len(), 2, "the header should name the two reference profiles: {header:?}");
    let ids: Vec<(usize, String, BTreeSet<String>)> =
        named.into_iter().map(|(i, p)| (i, p.clone(), item_ids(&p))).collect();
    let mut problems = Vec::new();
    let mut rows = 0;
    for line in lines.skip(1) {
        let row = cells(line);
        assert_eq!(row.len(), header.len(), "a row has the wrong number of cells: {line}");
        rows += 1;
        for (column, profile, known) in &ids {
            let cell = &row[*column];
            let found = cited(cell);
            if found.is_empty() && !cell.starts_with("non repris") {
                problems.push(format!("{} ({profile}): neither an id nor « non repris » with its reason", row[0]));
            }
            if cell.starts_with("non repris") && !cell.contains(':') {
                problems.push(format!("{} ({profile}): « non repris » without its reason", row[0]));
            }
            for id in found {
                if !known.contains(&id) {
                    problems.push(format!("{} ({profile}): `{id}` is not an item of the profile", row[0]));
                }
            }
        }
    }
    assert!(rows >= 20, "too few statements in the table: {rows}");
    assert!(problems.is_empty(), "docs/tracabilite.md:\n{}", problems.join("\n"));
}
