//! Exports to the formats other tools already read: schema.org JSON-LD for
//! job boards, CSV for spreadsheets.

pub mod csv;
pub mod jsonld;
