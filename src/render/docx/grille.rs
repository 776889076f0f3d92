//! The positioning grid as a Word document to print and fill by hand: A4
//! landscape, a header block for who, when and why, then per category one
//! table row per competency (essentials first) with boxes to tick for the
//! observed level and room for the evidence.

use docx_rs::{PageOrientationType, Paragraph, Run, TableCell, TableRow, WidthType};

use super::styles::Properties;
use super::{A4, bullet, cell, header_row, heading, pack, para_style, shaded, table};
use crate::render::grille_view::{Grille, NON_EVALUE};

/// Width of the text block in landscape (A4 less 2 × 1.5 cm margins).
const WIDE: usize = 15138;
const BOX: &str = "☐";

pub fn grille(g: &Grille) -> Vec<u8> {
    let header = format!("Grille de positionnement : {}", g.intitule);
    let mut doc = super::base(&header).page_size(A4.1, A4.0).page_orient(PageOrientationType::Landscape);
    doc = doc.add_paragraph(para_style("Title").add_run(Run::new().add_text(header.as_str())));
    let profil = match &g.poste {
        Some(poste) => format!("{poste}. Profil de référence : {} (version {}).", g.profil_id, g.version),
        None => format!("Profil de référence : {} (version {}).", g.profil_id, g.version),
    };
    doc = doc.add_paragraph(para_style("Normal").add_run(Run::new().add_text(profil).color(super::styles::GREY)));

    let contextes: Vec<String> = g.contextes.iter().map(|c| format!("{BOX} {c}")).collect();
    let widths = [3600, WIDE - 3600];
    let rows = [
        ("Personne évaluée", String::new()),
        ("Évaluateur ou évaluatrice", String::new()),
        ("Date", String::new()),
        ("Contexte", contextes.join("    ")),
    ]
    .into_iter()
    .map(|(k, v)| {
        TableRow::new(vec![
            shaded(
                TableCell::new()
                    .width(widths[0], WidthType::Dxa)
                    .add_paragraph(para_style("TableText").add_run(Run::new().add_text(k).bold())),
            ),
            cell(&v, widths[1]),
        ])
    })
    .collect();
    doc = doc.add_table(table(rows, &widths).width(WIDE, WidthType::Dxa));

    let echelle: Vec<String> = g.niveaux.iter().map(|n| format!("{} {}", n.niveau, n.libelle)).collect();
    doc = doc.add_paragraph(para_style("Normal").add_run(Run::new().add_text(format!(
        "Pour chaque compétence, cochez le niveau observé ({} ; « NE » : {NON_EVALUE}) et notez ce qui le fonde : situation, production, propos. Les compétences essentielles, indispensables au poste, viennent en tête de chaque catégorie.",
        echelle.join(", ")
    ))));
    let widths = [3500, 1700, 4238, 1900, 3800];
    let choix: Vec<String> =
        g.niveaux.iter().map(|n| format!("{BOX}\u{a0}{}", n.niveau)).chain([format!("{BOX}\u{a0}NE")]).collect();
    for cat in &g.categories {
        doc = doc.add_paragraph(heading(2, cat.titre));
        let mut rows = vec![header_row(
            &["Compétence", "Niveau requis", "Critères observables", "Niveau observé", "Éléments observés"],
            &widths,
        )];
        for l in &cat.lignes {
            let mut competence = TableCell::new().width(widths[0], WidthType::Dxa).add_paragraph(
                para_style("TableText")
                    .add_run(Run::new().add_text(l.libelle.as_str()).bold())
                    .add_run(Run::new().add_text(format!(" ({})", l.id)).color(super::styles::GREY)),
            );
            if l.essentielle {
                competence = competence
                    .add_paragraph(para_style("TableText").add_run(Run::new().add_text("Essentielle").italic()));
            }
            let mut criteres = TableCell::new().width(widths[2], WidthType::Dxa);
            for c in &l.criteres {
                // Word list paragraphs, as in the fiche: Enter continues the list.
                criteres = criteres.add_paragraph(bullet(vec![Run::new().add_text(c.as_str())]));
            }
            if l.criteres.is_empty() {
                criteres = criteres.add_paragraph(Paragraph::new().style("TableText"));
            }
            rows.push(TableRow::new(vec![
                competence,
                cell(&format!("{} – {}", l.niveau, l.niveau_libelle), widths[1]),
                criteres,
                cell(&choix.join("  "), widths[3]),
                cell("", widths[4]),
            ]));
        }
        doc = doc.add_table(table(rows, &widths).width(WIDE, WidthType::Dxa));
    }
    doc = doc.add_paragraph(
        para_style("Normal").add_run(
            Run::new()
                .add_text(format!(
                    "Grille produite par refnum à partir du profil {}, version {}. Une grille remplie contient des données personnelles : conservez-la le temps de l'usage prévu, puis détruisez-la.",
                    g.profil_id, g.version
                ))
                .size(16)
                .color(super::styles::GREY),
        ),
    );
    let properties = Properties {
        title: format!("Grille de positionnement : {}", g.intitule),
        author: "refnum".to_owned(),
        date: g.mise_a_jour.clone(),
    };
    pack(doc, &properties)
}
