//! The interview guide as a Word document: the same page, styles, lists
//! and typography as the fiche de poste, and boxes to take notes by hand.

use docx_rs::{Paragraph, Run, Table, TableCell, TableRow, WidthType};

use super::{
    TEXT_WIDTH, base, bullet, heading, key_values, new_numbered_list, numbered_item, pack, para_style, shaded, table,
};
use crate::render::entretien_view::EntretienView;
use crate::render::{PosteView, ProfilView};

use super::styles::Properties;

/// Height of a box for notes on one competency, in twentieths of a point (2 cm).
const NOTES: f32 = 1134.0;
/// Height of a box of the closing summary (2.5 cm).
const SYNTHESE: f32 = 1417.0;

/// The interview guide as DOCX bytes.
pub fn entretien(profil: &ProfilView, poste: &PosteView, guide: &EntretienView) -> Vec<u8> {
    let header = if poste.renseigne {
        format!("{} · {} : {}", poste.structure, guide.titre, poste.intitule)
    } else {
        format!("{} : {}", guide.titre, profil.intitule)
    };
    let mut doc = base(&header);
    doc = doc.add_paragraph(
        para_style("Title").add_run(Run::new().add_text(format!("{} : {}", guide.titre, poste.intitule))),
    );
    let structure = if poste.renseigne { format!("{}. ", poste.structure) } else { String::new() };
    doc = doc.add_paragraph(
        para_style("Normal").add_run(
            Run::new()
                .add_text(format!(
                    "{structure}Profil de référence : {} (version {}). {} compétences essentielles.",
                    profil.intitule, profil.version, guide.nombre
                ))
                .color("4A4A4A"),
        ),
    );
    doc = doc.add_table(key_values(&[(guide.personne, ""), ("Date", ""), (guide.conduite_par, "")]));

    doc = doc.add_paragraph(heading(1, "Avant l'entretien"));
    for p in &guide.introduction {
        doc = doc.add_paragraph(para_style("Normal").add_run(Run::new().add_text(*p)));
    }

    doc = doc.add_paragraph(heading(1, "Déroulé proposé"));
    let list;
    (doc, list) = new_numbered_list(doc);
    for e in &guide.deroule {
        doc = doc.add_paragraph(numbered_item(
            list,
            vec![Run::new().add_text(e.titre).bold(), Run::new().add_text(format!(" ({}). {}", e.duree, e.contenu))],
        ));
    }

    doc = doc.add_paragraph(heading(1, "Compétences essentielles"));
    doc = doc.add_paragraph(para_style("Normal").add_run(Run::new().add_text(format!(
        "{} Pour chaque compétence, le niveau attendu par le profil est indiqué entre parenthèses ; les points d'écoute disent ce qui, dans la réponse, montre que ce niveau est atteint.",
        guide.consigne
    ))));
    let cases: Vec<String> = guide.cases.iter().map(|c| format!("☐ {c}")).collect();
    for r in &guide.rubriques {
        doc = doc.add_paragraph(heading(2, r.titre));
        for c in &r.competences {
            doc = doc.add_paragraph(
                para_style("Heading3").add_run(Run::new().add_text(format!("{} {}", c.id, c.libelle))).add_run(
                    Run::new()
                        .add_text(format!(" (niveau attendu : {} {})", c.niveau, c.niveau_libelle))
                        .color("4A4A4A"),
                ),
            );
            if let [question] = c.questions.as_slice() {
                let mut p = label("Question : ").add_run(Run::new().add_text(question.as_str()));
                if c.generique {
                    p = p.add_run(
                        Run::new()
                            .add_text(" (question générale : le profil n'en propose pas pour cette compétence)")
                            .italic(),
                    );
                }
                doc = doc.add_paragraph(p);
            } else {
                doc = doc.add_paragraph(label("Questions :"));
                let list;
                (doc, list) = new_numbered_list(doc);
                for q in &c.questions {
                    doc = doc.add_paragraph(numbered_item(list, vec![Run::new().add_text(q.as_str())]).keep_next(true));
                }
            }
            doc = doc.add_paragraph(label("À écouter :"));
            if c.criteres.is_empty() {
                doc = doc.add_paragraph(
                    bullet(vec![Run::new().add_text(
                        "Ce que la personne a fait elle-même, comment, et le résultat obtenu, au regard du niveau attendu.",
                    )])
                    .keep_next(true),
                );
            }
            for k in &c.criteres {
                doc = doc.add_paragraph(bullet(vec![Run::new().add_text(k.as_str())]).keep_next(true));
            }
            doc = doc.add_paragraph(label("Niveau observé : ").add_run(Run::new().add_text(cases.join("   "))));
            doc = doc.add_table(notes_box("Notes", NOTES));
        }
    }

    doc = doc.add_paragraph(heading(1, "Synthèse"));
    for s in &guide.synthese {
        doc = doc.add_table(notes_box(s, SYNTHESE));
        doc = doc.add_paragraph(para_style("Normal"));
    }
    doc = doc.add_paragraph(
        para_style("Normal").add_run(
            Run::new()
                .add_text(format!(
                    "{} produit par refnum à partir du profil {}, version {}.",
                    guide.titre, profil.id, profil.version
                ))
                .size(16)
                .color("4A4A4A"),
        ),
    );
    let properties = Properties {
        title: format!("{} : {}", guide.titre, poste.intitule),
        author: if poste.renseigne { poste.structure.clone() } else { "refnum".to_owned() },
        date: poste.mise_a_jour.clone(),
    };
    pack(doc, &properties)
}

/// A paragraph that starts with a bold label and stays with what follows.
fn label(text: &str) -> Paragraph {
    para_style("Normal").keep_next(true).add_run(Run::new().add_text(text).bold())
}

/// A box to write in by hand: one shaded label above an empty cell of the
/// given height, across the text block, never split across two pages.
fn notes_box(title: &str, height: f32) -> Table {
    let widths = [TEXT_WIDTH];
    let title = shaded(
        TableCell::new()
            .width(TEXT_WIDTH, WidthType::Dxa)
            .add_paragraph(para_style("TableText").keep_next(true).add_run(Run::new().add_text(title).bold())),
    );
    let space = TableCell::new().width(TEXT_WIDTH, WidthType::Dxa).add_paragraph(para_style("TableText"));
    table(vec![TableRow::new(vec![title]), TableRow::new(vec![space]).row_height(height)], &widths)
}
