//! The fiche de poste as a Word document (DOCX): real heading styles, tables
//! with a header row, A4 page, a header with the structure and a footer with
//! page numbers. Deterministic: fixed dates, same bytes for the same input.

use docx_rs::{
    AlignmentType, Docx, Footer, Header, LineSpacing, NumPages, PageMargin, PageNum, Paragraph, Run, RunFonts, Shading,
    Style, StyleType, Table, TableCell, TableCellMargins, TableRow, WidthType,
};

use super::PosteView;
use super::markdown::{self, Block};
use super::view::{A_COMPLETER, ProfilView};

const ACCENT: &str = "1F4E79";
const SHADE: &str = "E8EEF5";
const TODO_COLOR: &str = "8A3B00";
/// A4 in twentieths of a point.
const A4: (u32, u32) = (11906, 16838);
/// Width of the text block (A4 less 2 × 1.5 cm margins), in twentieths of a point.
const TEXT_WIDTH: usize = 10206;
/// Dates written in the package, so the same input gives the same bytes.
const FIXED_DATE: &str = "2024-05-01T00:00:00Z";

/// The fiche de poste as DOCX bytes: compact (three pages at most), with
/// the full competency tables in an annex when `complet`.
pub fn fiche(profil: &ProfilView, poste: &PosteView, complet: bool) -> Vec<u8> {
    let mut doc = base(&header_text(profil, poste));
    doc = doc.add_paragraph(
        para_style("Title").add_run(Run::new().add_text(format!("Fiche de poste : {}", poste.intitule))),
    );
    let structure = if poste.renseigne { format!("{}. ", poste.structure) } else { String::new() };
    doc = doc.add_paragraph(
        Paragraph::new().add_run(
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
    let structure = match &poste.structure_site_web {
        Some(site) => format!("{} ({site})", poste.structure),
        None => poste.structure.clone(),
    };
    doc = doc.add_table(key_values(&[
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
    ]));
    if let Some(text) = &poste.structure_presentation {
        doc = free_text(doc, text);
    }

    doc = doc.add_paragraph(heading(1, "Finalité du poste"));
    doc = free_text(doc, &profil.finalite);

    doc = doc.add_paragraph(heading(1, "Missions et activités"));
    // Compact: each mission a paragraph, its title in bold, then its activities run in.
    for m in &profil.missions {
        doc = doc.add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text(format!("{}. ", m.intitule)).bold())
                .add_run(Run::new().add_text(m.activites_texte.as_str())),
        );
    }
    for m in &poste.missions_specifiques {
        doc = doc.add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text(format!("{} (propre au poste). ", m.intitule)).bold())
                .add_run(Run::new().add_text(m.activites_texte.as_str())),
        );
    }

    doc = doc.add_paragraph(heading(1, "Compétences requises"));
    let scale: Vec<String> = profil.niveaux.iter().map(|n| n.libelle.to_lowercase()).collect();
    doc = doc.add_paragraph(Paragraph::new().add_run(Run::new().add_text(format!(
        "Entre parenthèses, le niveau attendu ({}) ; en tête de liste et en gras, les compétences essentielles, indispensables à la prise de poste.",
        scale.join(", ")
    ))));
    for cat in &profil.categories {
        doc = doc.add_paragraph(heading(2, cat.titre));
        let essentials_first =
            cat.competences.iter().filter(|c| c.essentielle).chain(cat.competences.iter().filter(|c| !c.essentielle));
        for c in essentials_first {
            let runs = if c.essentielle {
                vec![
                    Run::new().add_text(c.libelle.as_str()).bold(),
                    Run::new().add_text(format!(" ({}, essentielle)", c.niveau_libelle)),
                ]
            } else {
                vec![Run::new().add_text(format!("{} ({})", c.libelle, c.niveau_libelle))]
            };
            doc = doc.add_paragraph(bullet(runs));
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
        doc = doc.add_paragraph(Paragraph::new().add_run(Run::new().add_text(poste.indicateurs_texte.as_str())));
    }
    if !poste.evolutions.is_empty() {
        doc = doc.add_paragraph(heading(1, "Évolutions possibles"));
        doc = doc.add_paragraph(Paragraph::new().add_run(Run::new().add_text(poste.evolutions.join(" · "))));
    }

    doc = doc.add_paragraph(heading(1, "Dates et candidature"));
    let mut dates = Paragraph::new();
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
        dates = dates.add_run(if value == A_COMPLETER {
            Run::new().add_text(value.as_str()).italic().color(TODO_COLOR)
        } else {
            Run::new().add_text(value.as_str())
        });
    }
    doc = doc.add_paragraph(dates);
    if let Some(text) = &poste.modalites {
        doc = free_text(doc, text);
    }
    if complet {
        doc = annex(doc, profil);
    }
    doc = doc.add_paragraph(
        Paragraph::new().add_run(
            Run::new()
                .add_text(format!(
                    "Fiche de poste produite par refnum à partir du profil {}, version {}, mise à jour le {}.",
                    profil.id, profil.version, poste.mise_a_jour_texte
                ))
                .size(16)
                .color("4A4A4A"),
        ),
    );
    pack(doc)
}

/// A short list run in as one paragraph after a bold label (compact fiche);
/// nothing when the list is empty.
fn run_in(doc: Docx, label: &str, lines: &[String]) -> Docx {
    if lines.is_empty() {
        return doc;
    }
    doc.add_paragraph(
        Paragraph::new()
            .add_run(Run::new().add_text(format!("{label}. ")).bold())
            .add_run(Run::new().add_text(super::view::run_in(lines))),
    )
}

/// The full competency tables (`--complet`).
fn annex(mut doc: Docx, profil: &ProfilView) -> Docx {
    doc = doc.add_paragraph(heading(1, "Annexe : compétences détaillées"));
    let scale: Vec<String> = profil.niveaux.iter().map(|n| format!("{} {}", n.niveau, n.libelle)).collect();
    doc = doc.add_paragraph(Paragraph::new().add_run(Run::new().add_text(format!(
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

/// The document with its styles, page and running header and footer.
fn base(header: &str) -> Docx {
    let font = RunFonts::new().ascii("Calibri").hi_ansi("Calibri").cs("Calibri").east_asia("Calibri");
    let heading = |id: &str, name: &str, size: usize, level: usize, before: u32| {
        Style::new(id, StyleType::Paragraph)
            .name(name)
            .based_on("Normal")
            .next("Normal")
            .size(size)
            .bold()
            .color(ACCENT)
            .outline_lvl(level)
            .line_spacing(LineSpacing::new().before(before).after(100))
    };
    Docx::new()
        .page_size(A4.0, A4.1)
        .page_margin(PageMargin::new().top(794).bottom(794).left(850).right(850).header(397).footer(397))
        .default_fonts(font)
        .default_size(18)
        .add_style(
            Style::new("Normal", StyleType::Paragraph)
                .name("Normal")
                .size(18)
                .line_spacing(LineSpacing::new().after(40)),
        )
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .based_on("Normal")
                .size(32)
                .bold()
                .color(ACCENT)
                .line_spacing(LineSpacing::new().after(120)),
        )
        .add_style(heading("Heading1", "heading 1", 24, 0, 160))
        .add_style(heading("Heading2", "heading 2", 20, 1, 100))
        .header(
            Header::new().add_paragraph(Paragraph::new().add_run(Run::new().add_text(header).size(16).color("4A4A4A"))),
        )
        .footer(
            Footer::new().add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Right)
                    .add_run(Run::new().add_text("Page ").size(16))
                    .add_page_num(PageNum::new())
                    .add_run(Run::new().add_text(" / ").size(16))
                    .add_num_pages(NumPages::new()),
            ),
        )
        .created_at(FIXED_DATE)
        .updated_at(FIXED_DATE)
}

fn para_style(style: &str) -> Paragraph {
    Paragraph::new().style(style)
}

fn heading(level: usize, text: &str) -> Paragraph {
    para_style(&format!("Heading{level}")).add_run(Run::new().add_text(text))
}

fn todo_paragraph(text: &str) -> Paragraph {
    Paragraph::new().add_run(Run::new().add_text(text).italic().color(TODO_COLOR))
}

fn bullets(mut doc: Docx, items: &[String]) -> Docx {
    for item in items {
        doc = doc.add_paragraph(bullet(vec![Run::new().add_text(item.as_str())]));
    }
    doc
}

fn bullet(runs: Vec<Run>) -> Paragraph {
    let mut p = Paragraph::new()
        .indent(Some(360), Some(docx_rs::SpecialIndentType::Hanging(240)), None, None)
        .add_run(Run::new().add_text("•\t"));
    for run in runs {
        p = p.add_run(run);
    }
    p
}

/// A free text (Markdown): paragraphs and list items, with bold and italics.
fn free_text(mut doc: Docx, text: &str) -> Docx {
    for Block { item, pieces } in markdown::blocks(text) {
        let runs: Vec<Run> = pieces
            .into_iter()
            .map(|p| {
                let mut run = Run::new().add_text(p.text);
                if p.bold {
                    run = run.bold();
                }
                if p.italic {
                    run = run.italic();
                }
                run
            })
            .collect();
        doc = doc.add_paragraph(if item {
            bullet(runs)
        } else {
            runs.into_iter().fold(Paragraph::new(), Paragraph::add_run)
        });
    }
    doc
}

fn cell(text: &str, width: usize) -> TableCell {
    let run = if text == A_COMPLETER {
        Run::new().add_text(text).italic().color(TODO_COLOR)
    } else {
        Run::new().add_text(text)
    };
    TableCell::new().width(width, WidthType::Dxa).add_paragraph(Paragraph::new().add_run(run))
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
                        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(*t).bold())),
                )
            })
            .collect(),
    )
    .cant_split()
}

fn table(rows: Vec<TableRow>, widths: &[usize]) -> Table {
    Table::new(rows)
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
                        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(*k).bold())),
                ),
                cell(v, widths[1]),
            ])
            .cant_split()
        })
        .collect();
    table(rows, &widths)
}

/// Builds the package; the first row of each competency table repeats on
/// every page (`w:tblHeader`, which docx-rs does not expose).
fn pack(doc: Docx) -> Vec<u8> {
    let mut xml = doc.build();
    xml.document = mark_header_rows(&xml.document);
    let mut out = std::io::Cursor::new(Vec::new());
    // Writing to memory cannot fail for I/O reasons; the XML is ours.
    if xml.pack(&mut out).is_err() {
        return Vec::new();
    }
    out.into_inner()
}

/// Adds `<w:tblHeader />` to the first row of every table whose first row
/// is a header (bold titles on a shaded background: `header_row`).
fn mark_header_rows(document: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(document);
    let mut out = String::with_capacity(text.len() + 256);
    let mut rest: &str = &text;
    while let Some(i) = rest.find("<w:tbl>") {
        let (before, after) = rest.split_at(i);
        out.push_str(before);
        let end_row = after.find("</w:tr>").unwrap_or(after.len());
        let first_row = &after[..end_row];
        if first_row.contains("Compétence") {
            out.push_str(&first_row.replacen("<w:cantSplit />", "<w:cantSplit /><w:tblHeader />", 1));
        } else {
            out.push_str(first_row);
        }
        rest = &after[end_row..];
    }
    out.push_str(rest);
    out.into_bytes()
}
