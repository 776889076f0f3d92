//! The fiche de poste as a Word document (DOCX) that behaves like Word:
//! named styles for every paragraph (headings kept with what follows), real
//! bulleted and numbered lists, French as the document language, tables whose
//! header row repeats and whose rows are never split, A4 page, a header with
//! the structure and a footer « Page X sur Y ». Core properties come from the
//! fiche (title, structure, `mise-a-jour`), so the same input gives the same
//! bytes. An organisation's own model can lend its styles, header and footer
//! (`reference`).

mod entretien;
mod grille;
mod reference;
mod styles;
mod xml;

use docx_rs::{
    AbstractNumbering, AlignmentType, Docx, Footer, Header, Hyperlink, HyperlinkData, IndentLevel, Level, LevelJc,
    LevelOverride, LevelText, NumPages, NumberFormat, Numbering, NumberingId, PageMargin, PageNum, Paragraph, Run,
    RunFonts, Shading, SpecialIndentType, Start, Table, TableCell, TableCellMargins, TableRow, WidthType,
};

pub use entretien::entretien;
pub use grille::grille;
pub use reference::{Reference, ReferenceError};
use styles::Properties;

use super::PosteView;
use super::markdown::{self, Block};
use super::typo::{self, Ids};
use super::view::{A_COMPLETER, ProfilView};

const SHADE: &str = "E8EEF5";
const TODO_COLOR: &str = "8A3B00";
/// A4 in twentieths of a point.
const A4: (u32, u32) = (11906, 16838);
/// Width of the text block (A4 less 2 × 1.5 cm margins), in twentieths of a point.
const TEXT_WIDTH: usize = 10206;
/// Font of code spans in free texts; French typography leaves their runs alone.
const CODE_FONT: &str = "Consolas";

/// The fiche de poste as DOCX bytes: compact (three pages at most), with
/// the full competency tables in an annex when `complet`.
pub fn fiche(profil: &ProfilView, poste: &PosteView, complet: bool) -> Vec<u8> {
    let mut doc = base(&header_text(profil, poste));
    doc = doc.add_paragraph(
        para_style("Title").add_run(Run::new().add_text(format!("Fiche de poste : {}", poste.intitule))),
    );
    let structure = if poste.renseigne { format!("{}. ", poste.structure) } else { String::new() };
    doc = doc.add_paragraph(
        para_style("Normal").add_run(
            Run::new()
                .add_text(format!(
                    "{structure}Profil de référence : {} (version {}). Mise à jour : {}.",
                    profil.intitule, profil.version, poste.mise_a_jour_texte
                ))
                .color("4A4A4A"),
        ),
    );
    if !poste.renseigne {
        doc = doc.add_paragraph(todo_paragraph(
            "Fiche établie à partir du profil seul : les rubriques propres au poste sont à compléter.",
        ));
    }

    doc = doc.add_paragraph(heading(1, "Identification du poste"));
    let rome = profil.metier_rome.join(", ");
    let structure = match &poste.structure_site_web {
        Some(site) => format!("{} ({site})", poste.structure),
        None => poste.structure.clone(),
    };
    let mut identification: Vec<(&str, &str)> = vec![
        ("Intitulé du poste", &poste.intitule),
        ("Structure", &structure),
        ("Service", &poste.service),
        ("Lieu de travail", &poste.localisation),
        ("Catégorie ou niveau", &poste.categorie),
        ("Rattachement hiérarchique", &poste.rattachement),
        ("Encadrement", &poste.encadrement),
        ("Temps de travail", &poste.temps_de_travail),
        ("Contrat", &poste.contrat),
        ("Rémunération", &poste.remuneration),
    ];
    if !rome.is_empty() {
        identification.push(("Code ROME du métier", rome.as_str()));
    }
    doc = doc.add_table(key_values(&identification));
    if let Some(text) = &poste.structure_presentation {
        doc = free_text(doc, text);
    }

    doc = doc.add_paragraph(heading(1, "Finalité du poste"));
    doc = free_text(doc, &profil.finalite);

    doc = doc.add_paragraph(heading(1, "Missions et activités"));
    // Compact: each mission a paragraph, its title in bold, then its activities run in.
    for m in &profil.missions {
        doc = doc.add_paragraph(
            para_style("Normal")
                // With the annex, whose tables cite missions by id, each mission shows its id.
                .add_run(
                    Run::new()
                        .add_text(if complet {
                            format!("{} {}. ", m.id, m.intitule)
                        } else {
                            format!("{}. ", m.intitule)
                        })
                        .bold(),
                )
                .add_run(Run::new().add_text(m.activites_texte.as_str())),
        );
    }
    for m in &poste.missions_specifiques {
        doc = doc.add_paragraph(
            para_style("Normal")
                .add_run(Run::new().add_text(format!("{} (propre au poste). ", m.intitule)).bold())
                .add_run(Run::new().add_text(m.activites_texte.as_str())),
        );
    }

    doc = doc.add_paragraph(heading(1, "Compétences requises"));
    let scale: Vec<String> = profil.niveaux.iter().map(|n| n.libelle.to_lowercase()).collect();
    doc = doc.add_paragraph(para_style("Normal").add_run(Run::new().add_text(format!(
        "Entre parenthèses, le niveau attendu ({}). En liste et en gras, les compétences essentielles, indispensables à la prise de poste ; à la suite, les autres compétences attendues.",
        scale.join(", ")
    ))));
    for cat in &profil.categories {
        doc = doc.add_paragraph(heading(2, cat.titre));
        // Essentials as a list; the others run in after them.
        for c in cat.competences.iter().filter(|c| c.essentielle) {
            doc = doc.add_paragraph(bullet(vec![
                Run::new().add_text(c.libelle.as_str()).bold(),
                Run::new().add_text(format!(" ({}, essentielle)", c.niveau_libelle)),
            ]));
        }
        let others: Vec<String> = cat
            .competences
            .iter()
            .filter(|c| !c.essentielle)
            .map(|c| format!("{} ({})", c.libelle, c.niveau_libelle.to_lowercase()))
            .collect();
        if !others.is_empty() {
            doc = doc.add_paragraph(
                para_style("Normal")
                    .add_run(Run::new().add_text("Également attendues : ").italic())
                    .add_run(Run::new().add_text(format!("{}.", others.join(" ; ")))),
            );
        }
    }

    doc = doc.add_paragraph(heading(1, "Conditions et contraintes d'exercice"));
    doc = if poste.conditions_exercice.is_empty() {
        doc.add_paragraph(todo_paragraph("Conditions à compléter."))
    } else {
        bullets(doc, &poste.conditions_exercice)
    };

    doc = doc.add_paragraph(heading(1, "Relations fonctionnelles"));
    if poste.relations_internes.is_empty() && poste.relations_externes.is_empty() {
        doc = doc.add_paragraph(todo_paragraph("Relations à compléter."));
    }
    doc = run_in(doc, "Relations internes", &poste.relations_internes);
    doc = run_in(doc, "Relations externes", &poste.relations_externes);

    doc = doc.add_paragraph(heading(1, "Moyens mis à disposition"));
    doc = if poste.moyens.is_empty() {
        doc.add_paragraph(todo_paragraph("Liste à compléter par la structure."))
    } else {
        bullets(doc, &poste.moyens)
    };

    doc = doc.add_paragraph(heading(1, "Profil recherché"));
    if poste.formation.is_empty() && poste.experience.is_empty() {
        doc = doc.add_paragraph(todo_paragraph("Profil à compléter."));
    }
    doc = run_in(doc, "Formation", &poste.formation);
    doc = run_in(doc, "Expérience", &poste.experience);
    if !poste.indicateurs.is_empty() {
        doc = doc.add_paragraph(heading(1, "Indicateurs d'appréciation des résultats"));
        doc = doc.add_paragraph(para_style("Normal").add_run(Run::new().add_text(poste.indicateurs_texte.as_str())));
    }
    if !poste.evolutions.is_empty() {
        doc = doc.add_paragraph(heading(1, "Évolutions possibles"));
        doc = doc.add_paragraph(para_style("Normal").add_run(Run::new().add_text(poste.evolutions.join(" · "))));
    }

    doc = doc.add_paragraph(heading(1, "Dates et candidature"));
    let mut dates = para_style("Normal");
    for (i, (label, value)) in [
        ("Prise de poste", &poste.prise_de_poste),
        ("Date limite de candidature", &poste.date_limite),
        ("Contact", &poste.contact),
    ]
    .into_iter()
    .enumerate()
    {
        if i > 0 {
            dates = dates.add_run(Run::new().add_text(" · "));
        }
        dates = dates.add_run(Run::new().add_text(format!("{label} : ")).bold());
        dates = match markdown::link_target(value) {
            _ if value == A_COMPLETER => dates.add_run(Run::new().add_text(value.as_str()).italic().color(TODO_COLOR)),
            // A contact address opens the mail client or the site.
            Some(url) => dates.add_hyperlink(link(&url, Run::new().add_text(value.trim()))),
            None => dates.add_run(Run::new().add_text(value.as_str())),
        };
    }
    doc = doc.add_paragraph(dates);
    if let Some(text) = &poste.modalites {
        doc = free_text(doc, text);
    }
    if complet {
        doc = annex(doc, profil);
    }
    doc = doc.add_paragraph(
        para_style("Normal").add_run(
            Run::new()
                .add_text(format!(
                    "Fiche de poste produite par refnum à partir du profil {}, version {}, mise à jour le {}.",
                    profil.id, profil.version, poste.mise_a_jour_texte
                ))
                .size(16)
                .color("4A4A4A"),
        ),
    );
    pack(doc, &properties(poste))
}

/// A short list run in as one paragraph after a bold label (compact fiche);
/// nothing when the list is empty.
fn run_in(doc: Docx, label: &str, lines: &[String]) -> Docx {
    if lines.is_empty() {
        return doc;
    }
    doc.add_paragraph(
        para_style("Normal")
            .add_run(Run::new().add_text(format!("{label}. ")).bold())
            .add_run(Run::new().add_text(super::view::run_in(lines))),
    )
}

/// The full competency tables (`--complet`).
fn annex(mut doc: Docx, profil: &ProfilView) -> Docx {
    doc = doc.add_paragraph(heading(1, "Annexe : compétences détaillées"));
    let scale: Vec<String> = profil.niveaux.iter().map(|n| format!("{} {}", n.niveau, n.libelle)).collect();
    doc = doc.add_paragraph(para_style("Normal").add_run(Run::new().add_text(format!(
        "Niveaux : {}. Les compétences marquées « essentielle » sont indispensables à la prise de poste.",
        scale.join(", ")
    ))));
    let widths = [5506, 2100, 1300, 1300];
    for cat in &profil.categories {
        doc = doc.add_paragraph(heading(2, cat.titre));
        let mut rows = vec![header_row(&["Compétence", "Niveau requis", "Essentielle", "Missions"], &widths)];
        for c in &cat.competences {
            let libelle = match &c.description {
                Some(d) => format!("{} : {d}", c.libelle),
                None => c.libelle.clone(),
            };
            rows.push(
                TableRow::new(vec![
                    cell(&libelle, widths[0]),
                    cell(&format!("{} {} – {}", c.niveau_echelle, c.niveau, c.niveau_libelle), widths[1]),
                    cell(if c.essentielle { "oui" } else { "non" }, widths[2]),
                    cell(&c.missions.join(", "), widths[3]),
                ])
                .cant_split(),
            );
        }
        doc = doc.add_table(table(rows, &widths));
    }
    doc
}

fn header_text(profil: &ProfilView, poste: &PosteView) -> String {
    if poste.renseigne {
        format!("{} · Fiche de poste : {}", poste.structure, poste.intitule)
    } else {
        format!("Fiche de poste : {}", profil.intitule)
    }
}

/// The document with its page, numbering and running header and footer; the
/// style sheet and the core properties are written by `pack`.
fn base(header: &str) -> Docx {
    let bullet =
        AbstractNumbering::new(styles::BULLET_LIST).add_level(
            Level::new(0, Start::new(1), NumberFormat::new("bullet"), LevelText::new("•"), LevelJc::new("left"))
                .indent(Some(360), Some(SpecialIndentType::Hanging(240)), None, None),
        );
    let numbered =
        AbstractNumbering::new(styles::NUMBERED_LIST).add_level(
            Level::new(0, Start::new(1), NumberFormat::new("decimal"), LevelText::new("%1."), LevelJc::new("left"))
                .indent(Some(360), Some(SpecialIndentType::Hanging(360)), None, None),
        );
    Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(PageMargin::new().top(794).bottom(794).left(850).right(850).header(397).footer(397))
        .add_abstract_numbering(bullet)
        .add_abstract_numbering(numbered)
        .add_numbering(Numbering::new(styles::BULLET_LIST, styles::BULLET_LIST))
        .header(Header::new().add_paragraph(para_style("Header").add_run(Run::new().add_text(header))))
        .footer(
            // One style for every run, fields included: « Page 2 sur 3 » in one size.
            Footer::new().add_paragraph(
                para_style("Footer")
                    .align(AlignmentType::Right)
                    .add_run(Run::new().add_text("Page "))
                    .add_page_num(PageNum::new())
                    .add_run(Run::new().add_text(" sur "))
                    .add_num_pages(NumPages::new()),
            ),
        )
}

/// The document properties of a fiche: title, author, date.
fn properties(poste: &PosteView) -> Properties {
    Properties {
        title: poste.intitule.clone(),
        author: if poste.renseigne { poste.structure.clone() } else { "refnum".to_owned() },
        date: poste.mise_a_jour.clone(),
    }
}

fn para_style(style: &str) -> Paragraph {
    Paragraph::new().style(style)
}

fn heading(level: usize, text: &str) -> Paragraph {
    para_style(&format!("Heading{level}")).add_run(Run::new().add_text(text))
}

fn todo_paragraph(text: &str) -> Paragraph {
    para_style("Normal").add_run(Run::new().add_text(text).italic().color(TODO_COLOR))
}

/// A bulleted list: Word list paragraphs (`List Bullet`, numbering part),
/// so that Enter in Word continues the list.
fn bullets(mut doc: Docx, items: &[String]) -> Docx {
    for item in items {
        doc = doc.add_paragraph(bullet(vec![Run::new().add_text(item.as_str())]));
    }
    doc
}

fn bullet(runs: Vec<Run>) -> Paragraph {
    let p = para_style("ListBullet").numbering(NumberingId::new(styles::BULLET_LIST), IndentLevel::new(0));
    runs.into_iter().fold(p, Paragraph::add_run)
}

/// Starts a numbered list (`List Number`): each list gets its own
/// numbering instance, so that it starts at 1. Returns its id for
/// `numbered_item`.
fn new_numbered_list(doc: Docx) -> (Docx, usize) {
    let last = doc.numberings.numberings.iter().map(|n| n.id).max().unwrap_or(styles::BULLET_LIST);
    let id = last.max(styles::BULLET_LIST) + 1;
    let doc = doc.add_numbering(Numbering::new(id, styles::NUMBERED_LIST).add_override(LevelOverride::new(0).start(1)));
    (doc, id)
}

fn numbered_item(list: usize, runs: Vec<Run>) -> Paragraph {
    let p = para_style("ListNumber").numbering(NumberingId::new(list), IndentLevel::new(0));
    runs.into_iter().fold(p, Paragraph::add_run)
}

/// A free text (Markdown): paragraphs and list items (bulleted or
/// numbered), with bold and italics.
fn free_text(mut doc: Docx, text: &str) -> Docx {
    let mut list = 0;
    for Block { item, ordered, first, pieces } in markdown::blocks(text) {
        if ordered && first {
            (doc, list) = new_numbered_list(doc);
        }
        let paragraph = if ordered {
            numbered_item(list, Vec::new())
        } else if item {
            bullet(Vec::new())
        } else {
            para_style("Normal")
        };
        doc = doc.add_paragraph(pieces.into_iter().fold(paragraph, |p, piece| {
            let mut run = Run::new().add_text(piece.text.as_str());
            if piece.bold {
                run = run.bold();
            }
            if piece.italic {
                run = run.italic();
            }
            if piece.code {
                run = run.fonts(RunFonts::new().ascii(CODE_FONT).hi_ansi(CODE_FONT).cs(CODE_FONT));
            }
            match &piece.link {
                Some(url) => p.add_hyperlink(link(url, run)),
                None => p.add_run(run),
            }
        }));
    }
    doc
}

/// A link Word and LibreOffice open on Ctrl+click: the run in the
/// `Hyperlink` character style (French typography leaves it as written),
/// inside a `w:hyperlink` to `url`. The relationship id is derived from the
/// address, not from a counter, so the same input gives the same bytes.
fn link(url: &str, run: Run) -> Hyperlink {
    let rid = format!("rIdLink{:016x}", fnv1a(url.as_bytes()));
    let mut hyperlink = Hyperlink::new(url, docx_rs::HyperlinkType::External);
    if let HyperlinkData::External { rid: id, .. } = &mut hyperlink.link {
        *id = rid;
    }
    hyperlink.add_run(run.style(styles::HYPERLINK))
}

/// FNV-1a, 64 bits: a stable hash of a link address for its relationship id.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

/// A paragraph of table text in which each web or e-mail address (a word
/// alone, or between parentheses) is a link.
fn linked_text(text: &str) -> Paragraph {
    let mut p = para_style("TableText");
    let mut plain = String::new();
    for word in text.split_inclusive(' ') {
        let trimmed = word.trim_end_matches(' ');
        let inner = trimmed.trim_start_matches('(').trim_end_matches([')', '.', ',', ';']);
        match markdown::link_target(inner) {
            Some(url) => {
                let start = trimmed.len() - trimmed.trim_start_matches('(').len();
                plain.push_str(&trimmed[..start]);
                if !plain.is_empty() {
                    p = p.add_run(Run::new().add_text(std::mem::take(&mut plain)));
                }
                p = p.add_hyperlink(link(&url, Run::new().add_text(inner)));
                plain.push_str(&word[start + inner.len()..]);
            }
            None => plain.push_str(word),
        }
    }
    if !plain.is_empty() {
        p = p.add_run(Run::new().add_text(plain));
    }
    p
}

fn cell(text: &str, width: usize) -> TableCell {
    let paragraph = if text == A_COMPLETER {
        para_style("TableText").add_run(Run::new().add_text(text).italic().color(TODO_COLOR))
    } else {
        linked_text(text)
    };
    TableCell::new().width(width, WidthType::Dxa).add_paragraph(paragraph)
}

fn shaded(cell: TableCell) -> TableCell {
    cell.shading(Shading::new().fill(SHADE))
}

fn header_row(titles: &[&str], widths: &[usize]) -> TableRow {
    TableRow::new(
        titles
            .iter()
            .zip(widths)
            .map(|(t, w)| {
                shaded(
                    TableCell::new()
                        .width(*w, WidthType::Dxa)
                        .add_paragraph(para_style("TableHeading").add_run(Run::new().add_text(*t))),
                )
            })
            .collect(),
    )
    .cant_split()
}

/// A table across the text block; no row is split across two pages.
fn table(rows: Vec<TableRow>, widths: &[usize]) -> Table {
    Table::new(rows.into_iter().map(TableRow::cant_split).collect())
        .set_grid(widths.to_vec())
        .width(TEXT_WIDTH, WidthType::Dxa)
        .margins(TableCellMargins::new().margin(60, 100, 60, 100))
}

/// A two-column table of labels (shaded) and values.
fn key_values(pairs: &[(&str, &str)]) -> Table {
    let widths = [3200, TEXT_WIDTH - 3200];
    let rows = pairs
        .iter()
        .map(|(k, v)| {
            TableRow::new(vec![
                shaded(
                    TableCell::new()
                        .width(widths[0], WidthType::Dxa)
                        .add_paragraph(para_style("TableText").add_run(Run::new().add_text(*k).bold())),
                ),
                cell(v, widths[1]),
            ])
            .cant_split()
        })
        .collect();
    table(rows, &widths)
}

/// Builds the package: docx-rs writes the body, header, footer and
/// numbering; the style sheet and the core properties are ours
/// (`styles.rs`), and header rows are marked to repeat on every page.
fn pack(doc: Docx, properties: &Properties) -> Vec<u8> {
    let mut xml = doc.build();
    xml.styles = styles::styles_xml().into_bytes();
    xml.doc_props.core = styles::core_xml(properties).into_bytes();
    xml.document = mark_header_rows(&french_runs(&xml.document));
    xml.document_rels = sorted_links(&xml.document_rels);
    for part in xml.headers.iter_mut().chain(xml.footers.iter_mut()) {
        *part = french_runs(part);
    }
    // The text of a profile may hold a character XML forbids: Word would
    // refuse the whole file (validate refuses them too, E007).
    for part in [&mut xml.document, &mut xml.numberings, &mut xml.comments, &mut xml.doc_props.core]
        .into_iter()
        .chain(xml.headers.iter_mut())
        .chain(xml.footers.iter_mut())
    {
        if let std::borrow::Cow::Owned(clean) = super::printable(&String::from_utf8_lossy(part)) {
            *part = clean.into_bytes();
        }
    }
    let mut out = std::io::Cursor::new(Vec::new());
    // Writing to memory cannot fail for I/O reasons; the XML is ours.
    if xml.pack(&mut out).is_err() {
        return Vec::new();
    }
    out.into_inner()
}

/// The relationships of the links in address order: docx-rs writes them in
/// the order of a hash map, which changes from one run to the next.
fn sorted_links(rels: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(rels);
    let mut links = Vec::new();
    let mut rest: &str = &text;
    let mut out = String::with_capacity(text.len());
    while let Some(start) = rest.find("<Relationship Id=\"rIdLink") {
        let Some(end) = rest[start..].find("/>").map(|e| start + e + 2) else { break };
        out.push_str(&rest[..start]);
        links.push(&rest[start..end]);
        rest = &rest[end..];
    }
    links.sort_unstable();
    match rest.find("</Relationships>") {
        Some(close) if !links.is_empty() => {
            out.push_str(&rest[..close]);
            links.iter().for_each(|l| out.push_str(l));
            out.push_str(&rest[close..]);
            out.into_bytes()
        }
        _ => rels.to_vec(),
    }
}

/// Adds `<w:tblHeader/>` to the first row of every table whose first row
/// is a header row (`header_row`: paragraphs in the `TableHeading` style),
/// so that Word and LibreOffice repeat it at the top of each page.
fn mark_header_rows(document: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(document);
    let mut out = String::with_capacity(text.len() + 256);
    let mut rest: &str = &text;
    while let Some(i) = rest.find("<w:tbl>") {
        let (before, after) = rest.split_at(i);
        out.push_str(before);
        let end_row = after.find("</w:tr>").unwrap_or(after.len());
        let first_row = &after[..end_row];
        if first_row.contains(r#"<w:pStyle w:val="TableHeading" />"#) {
            out.push_str(&first_row.replacen("<w:cantSplit />", "<w:cantSplit /><w:tblHeader />", 1));
        } else {
            out.push_str(first_row);
        }
        rest = &after[end_row..];
    }
    out.push_str(rest);
    out.into_bytes()
}

/// French typography (`typo::french`) on the text of every run of a part,
/// except code spans (runs in `CODE_FONT`).
fn french_runs(part: &[u8]) -> Vec<u8> {
    let xml = String::from_utf8_lossy(part);
    let mut out = String::with_capacity(xml.len() + 256);
    let mut rest: &str = &xml;
    while let Some(start) = first_of(rest, "<w:r>", "<w:r ") {
        let end = rest[start..].find("</w:r>").map_or(rest.len(), |e| start + e + "</w:r>".len());
        out.push_str(&rest[..start]);
        let run = &rest[start..end];
        if run.contains(&format!("w:ascii=\"{CODE_FONT}\"")) || run.contains(styles::HYPERLINK_RUN) {
            out.push_str(run);
        } else {
            out.push_str(&french_texts(run));
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out.into_bytes()
}

/// The `<w:t>` elements of a run, with French typography on their text.
fn french_texts(run: &str) -> String {
    let mut out = String::with_capacity(run.len() + 16);
    let mut rest = run;
    while let Some(open) = first_of(rest, "<w:t>", "<w:t ") {
        let Some(content) = rest[open..].find('>').map(|g| open + g + 1) else { break };
        let close = rest[content..].find("</w:t>").map_or(rest.len(), |c| content + c);
        out.push_str(&rest[..content]);
        out.push_str(&xml_escape(&typo::french(&xml_unescape(&rest[content..close]), Ids::NoBreakHyphen)));
        rest = &rest[close..];
    }
    out.push_str(rest);
    out
}

/// Where the first of two element openings is (`<w:t>` or `<w:t …>`).
fn first_of(text: &str, a: &str, b: &str) -> Option<usize> {
    [text.find(a), text.find(b)].into_iter().flatten().min()
}

fn xml_unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#xA;", "\n")
        .replace("&amp;", "&")
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
        .replace('\n', "&#xA;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn free_text_lists_are_word_lists_and_each_numbered_list_starts_at_one() {
        let doc = free_text(base("en-tête"), "Texte.\n\n1. un\n2. deux\n\nSuite.\n\n1. encore\n\n- puce");
        let ids: Vec<usize> = doc.numberings.numberings.iter().map(|n| n.id).collect();
        assert_eq!(ids, [styles::BULLET_LIST, 3, 4], "one instance per numbered list");
        let document = String::from_utf8(doc.build().document).unwrap();
        let num = |id: usize| document.matches(&format!(r#"<w:numId w:val="{id}" />"#)).count();
        assert_eq!((num(3), num(4), num(styles::BULLET_LIST)), (2, 1, 1), "{document}");
        assert_eq!(document.matches(r#"<w:pStyle w:val="ListNumber" />"#).count(), 3);
        assert_eq!(document.matches(r#"<w:pStyle w:val="Normal" />"#).count(), 2);
    }

    #[test]
    fn a_markdown_link_keeps_its_address_as_a_word_link() {
        let text = "Voir [France Num](https://www.francenum.gouv.fr/guides?a=1&b=2), <https://exemple.fr> et [ceci](javascript:alert(1)).";
        let built = free_text(base("en-tête"), text).build();
        let document = String::from_utf8(built.document).unwrap();
        let rels = String::from_utf8(built.document_rels).unwrap();
        assert!(rels.contains(r#"Target="https://www.francenum.gouv.fr/guides?a=1&amp;b=2""#), "{rels}");
        assert!(rels.contains(r#"Target="https://exemple.fr""#), "{rels}");
        assert!(!rels.contains("javascript"), "a script is never a link: {rels}");
        assert_eq!(document.matches("<w:hyperlink ").count(), 2, "{document}");
        assert!(document.contains(">France Num</w:t>") && document.contains(">ceci</w:t>"), "no text lost: {document}");
    }

    #[test]
    fn addresses_in_a_table_cell_are_links_and_the_rest_stays_text() {
        for (text, links, plain) in [
            ("CCI (https://cci.example).", 1, vec!["CCI (", ")."]),
            ("Écrire à rh@cci.example ou appeler", 1, vec!["Écrire à ", " ou appeler"]),
            ("Pas de lien ici", 0, vec!["Pas de lien ici"]),
            ("(https://a.example) et https://b.example", 2, vec!["(", ") et "]),
        ] {
            let built = base("e").add_paragraph(linked_text(text)).build();
            let document = String::from_utf8(built.document).unwrap();
            assert_eq!(document.matches("<w:hyperlink ").count(), links, "{text}: {document}");
            for p in plain {
                assert!(document.contains(&format!(">{p}</w:t>")), "{text}: {p:?} in {document}");
            }
        }
    }

    #[test]
    fn link_relationships_are_sorted_whatever_order_docx_rs_gives() {
        let rels = concat!(
            r#"<Relationships><Relationship Id="rId1" Target="styles.xml" />"#,
            r#"<Relationship Id="rIdLinkb" Target="https://b" TargetMode="External" />"#,
            r#"<Relationship Id="rIdLinka" Target="https://a" TargetMode="External" /></Relationships>"#
        );
        let sorted = String::from_utf8(sorted_links(rels.as_bytes())).unwrap();
        assert_eq!(
            sorted,
            concat!(
                r#"<Relationships><Relationship Id="rId1" Target="styles.xml" />"#,
                r#"<Relationship Id="rIdLinka" Target="https://a" TargetMode="External" />"#,
                r#"<Relationship Id="rIdLinkb" Target="https://b" TargetMode="External" /></Relationships>"#
            )
        );
    }
}
