//! Exports to the formats other tools already read: schema.org JSON-LD for
//! job boards, CASE for competency-framework tools, CSV for spreadsheets.

pub mod case;
pub mod csv;
pub mod jsonld;
pub mod xlsx;
