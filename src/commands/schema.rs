//! `refnum schema`: the JSON Schema of a format.

use crate::cli::{SchemaArgs, SchemaKind};
use crate::error::Error;
use crate::schema::Kind;
use crate::{Outcome, exit};

pub fn run(args: &SchemaArgs) -> Result<Outcome, Error> {
    let kind = match args.kind {
        SchemaKind::Positionnement => {
            let text = crate::schema::positionnement_text();
            return Ok(Outcome { stdout: text.into_bytes(), stderr: String::new(), code: exit::OK });
        }
        SchemaKind::Profil => Kind::Profil,
        SchemaKind::Poste => Kind::Poste,
        SchemaKind::Adaptation => Kind::Adaptation,
    };
    Ok(Outcome { stdout: kind.schema_text().into_bytes(), stderr: String::new(), code: exit::OK })
}
