//! The command line: commands and options, nothing else.

use std::path::PathBuf;

use std::ffi::OsString;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::{Outcome, exit};

/// Profils de compétences du référent numérique entreprise : vérifier, adapter, publier.
#[derive(Debug, Parser)]
#[command(name = "refnum", version, about, long_about = None, disable_help_subcommand = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
    /// Couleurs : auto (par défaut : dans un terminal, sauf si NO_COLOR est défini ou TERM=dumb), always (toujours) ou never (jamais)
    #[arg(
        long,
        global = true,
        value_enum,
        value_name = "QUAND",
        default_value_t = ColorChoice::Auto,
        hide_possible_values = true,
        hide_default_value = true
    )]
    pub color: ColorChoice,
}

/// When to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Dans un terminal, sauf si NO_COLOR est défini ou TERM=dumb
    Auto,
    /// Toujours, même vers un fichier ou un tube
    #[value(alias = "toujours")]
    Always,
    /// Jamais
    #[value(alias = "jamais")]
    Never,
}

impl ColorChoice {
    /// Whether to colour a stream: asked for, or (`auto`) the stream is a
    /// terminal, `NO_COLOR` is unset or empty and `TERM` is not `dumb`.
    pub fn wants(self, is_terminal: bool, no_color: Option<&std::ffi::OsStr>, term: Option<&std::ffi::OsStr>) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                is_terminal && no_color.is_none_or(|v| v.is_empty()) && term.is_none_or(|t| t != "dumb")
            }
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Vérifie des profils et des postes, et signale chaque problème à sa place
    Validate(ValidateArgs),
    /// Liste les profils et les postes trouvés, avec leurs effectifs de compétences
    List(ListArgs),
    /// Produit le référentiel de compétences d'un profil (Markdown ou HTML)
    Render(RenderArgs),
    /// Produit la fiche de poste d'un poste ou d'un profil (Markdown, HTML, DOCX) ou l'offre d'emploi (JSON-LD)
    Fiche(FicheArgs),
    /// Produit la grille de positionnement d'un profil ou d'un poste, à remplir (XLSX, DOCX, HTML, Markdown)
    Grille(GrilleArgs),
    /// Lit des grilles remplies : rapport d'écarts d'une personne, ou vue d'équipe (Markdown, HTML, JSON)
    Positionnement(PositionnementArgs),
    /// Produit le guide d'entretien d'un poste ou d'un profil (Markdown, HTML, DOCX) : questions et points d'écoute pour chaque compétence essentielle
    Entretien(EntretienArgs),
    /// Affiche le profil complet d'une adaptation, fusionnée avec son profil de base
    Resolve(ResolveArgs),
    /// Compare deux profils : éléments ajoutés, retirés, modifiés, champ par champ
    Diff(DiffArgs),
    /// Publie un site statique de tous les profils, adaptations et postes (index, recherche, comparaisons)
    Build(BuildArgs),
    /// Écrit un fichier d'adaptation locale prêt à remplir
    New(NewArgs),
    /// Affiche le schéma JSON d'un format de fichier, pour l'éditeur
    Schema(SchemaArgs),
    /// Gère les gabarits des documents
    #[command(subcommand)]
    Templates(TemplatesCommand),
    /// Exporte un profil pour d'autres outils : tableur (CSV, XLSX), outils de référentiels (CASE)
    Export(ExportProfileArgs),
    /// Construit un profil à partir d'un tableau de compétences (CSV ou XLSX, comme l'écrit `export`)
    Import(ImportArgs),
    /// Affiche le script de complétion pour un shell (bash, zsh, fish, powershell)
    Completions(CompletionsArgs),
    /// Affiche ou écrit les pages de manuel (format roff, pour `man`)
    Manpage(ManpageArgs),
    /// Affiche l'aide de refnum ou d'une commande (`refnum help fiche`)
    Help(HelpArgs),
}

#[derive(Debug, clap::Args)]
pub struct ManpageArgs {
    /// La commande dont afficher la page (par défaut la page de refnum)
    #[arg(value_name = "COMMANDE", conflicts_with = "dossier")]
    pub commande: Vec<String>,
    /// Écrit dans ce dossier (créé s'il n'existe pas) la page de refnum et celle de chaque commande : refnum.1, refnum-fiche.1…
    #[arg(long, value_name = "DOSSIER")]
    pub dossier: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct HelpArgs {
    /// La commande dont afficher l'aide (par exemple `fiche`, ou `templates export`)
    #[arg(value_name = "COMMANDE")]
    pub commande: Vec<String>,
}

#[derive(Debug, clap::Args)]
pub struct ExportProfileArgs {
    /// Le profil ou l'adaptation : chemin, identifiant ou début unique d'identifiant
    #[arg(value_name = "PROFIL")]
    pub profil: String,
    /// Format : csv (une ligne par compétence, par défaut), xlsx (classeur Excel) ou case (paquet CASE 1.0)
    #[arg(long, value_enum, default_value_t = ExportFormat::Csv, hide_possible_values = true, hide_default_value = true)]
    pub format: ExportFormat,
    /// Séparateur des colonnes (par défaut « ; », que lit Excel en français)
    #[arg(long, default_value_t = ';', hide_default_value = true)]
    pub separateur: char,
    /// Sans marque d'ordre d'octets (BOM) en tête : utile pour d'autres outils qu'Excel
    #[arg(long)]
    pub sans_bom: bool,
    #[command(flatten)]
    pub document: DocumentArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// Valeurs séparées (CSV)
    Csv,
    /// Paquet 1EdTech CASE 1.0 (CFPackage JSON), pour les outils de référentiels
    Case,
    /// Classeur Excel : une feuille par catégorie, en-tête figé et filtres
    Xlsx,
}

#[derive(Debug, clap::Args)]
pub struct ImportArgs {
    /// Le tableau : fichier .csv ou .xlsx
    #[arg(value_name = "FICHIER")]
    pub fichier: PathBuf,
    /// Identifiant du profil à construire
    #[arg(long, value_name = "ID")]
    pub id: String,
    /// Profil dont reprendre tout le reste (missions, finalité…) ; sinon des rubriques « à compléter »
    #[arg(long, value_name = "PROFIL")]
    pub base: Option<String>,
    /// Fichier YAML à écrire (sinon la sortie standard) ; un fichier existant n'est jamais écrasé
    #[arg(short = 'o', long = "output", value_name = "FICHIER")]
    pub output: Option<PathBuf>,
    /// Date de mise à jour à inscrire (AAAA-MM-JJ ; par défaut aujourd'hui)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Dossier où chercher les profils par identifiant (par défaut ./profiles s'il existe)
    #[arg(long, value_name = "DOSSIER")]
    pub profiles: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct CompletionsArgs {
    /// Le shell : bash, zsh, fish ou powershell
    #[arg(value_enum, value_name = "SHELL", hide_possible_values = true)]
    pub shell: Shell,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

/// Options shared by the commands that produce a document.
#[derive(Debug, clap::Args)]
pub struct DocumentArgs {
    /// Fichier à écrire (sinon la sortie standard) ; écrit d'un bloc, jamais à moitié
    #[arg(short = 'o', long = "output", value_name = "FICHIER")]
    pub output: Option<PathBuf>,
    /// Dossier de gabarits qui remplacent, fichier par fichier, ceux par défaut
    #[arg(long, value_name = "DOSSIER")]
    pub templates: Option<PathBuf>,
    /// Dossier où chercher les profils par identifiant (par défaut ./profiles s'il existe)
    #[arg(long, value_name = "DOSSIER")]
    pub profiles: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct RenderArgs {
    /// Le profil : chemin d'un fichier, identifiant, ou début unique d'identifiant (ex. conseiller)
    #[arg(value_name = "PROFIL")]
    pub profil: String,
    /// Format : html (par défaut) ou markdown
    #[arg(long, value_enum, default_value_t = RenderFormat::Html, hide_possible_values = true, hide_default_value = true)]
    pub format: RenderFormat,
    #[command(flatten)]
    pub document: DocumentArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RenderFormat {
    /// Markdown (GFM)
    Markdown,
    /// Page HTML autonome
    Html,
}

#[derive(Debug, clap::Args)]
pub struct FicheArgs {
    /// Le poste ou le profil : chemin d'un fichier, identifiant, ou début unique d'identifiant
    #[arg(value_name = "POSTE|PROFIL")]
    pub cible: String,
    /// Format : html (par défaut), markdown, docx ou jsonld (offre d'emploi schema.org)
    #[arg(long, value_enum, default_value_t = FicheFormat::Html, hide_possible_values = true, hide_default_value = true)]
    pub format: FicheFormat,
    /// (DOCX) Modèle Word de la structure dont reprendre les styles, l'en-tête et le pied de page (logo compris)
    #[arg(long, value_name = "MODELE.docx")]
    pub reference_docx: Option<PathBuf>,
    /// Ajoute en annexe les tableaux complets des compétences (niveau, description, missions) ; sans cette option, la fiche tient en trois pages au plus
    #[arg(long)]
    pub complet: bool,
    #[command(flatten)]
    pub document: DocumentArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FicheFormat {
    /// Markdown (GFM)
    Markdown,
    /// Page HTML autonome
    Html,
    /// Document Word
    Docx,
    /// Offre d'emploi schema.org JobPosting (JSON-LD), pour les sites d'emploi
    Jsonld,
}

#[derive(Debug, clap::Args)]
pub struct GrilleArgs {
    /// Le profil ou le poste : chemin d'un fichier, identifiant, ou début unique d'identifiant
    #[arg(value_name = "PROFIL|POSTE")]
    pub cible: String,
    /// Format : xlsx (classeur à remplir, par défaut), docx (à imprimer et remplir à la main), html ou markdown
    #[arg(long, value_enum, default_value_t = GrilleFormat::Xlsx, hide_possible_values = true, hide_default_value = true)]
    pub format: GrilleFormat,
    #[command(flatten)]
    pub document: DocumentArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GrilleFormat {
    /// Classeur Excel protégé, avec listes déroulantes
    Xlsx,
    /// Document Word en paysage, à imprimer
    Docx,
    /// Page HTML autonome
    Html,
    /// Markdown (GFM)
    Markdown,
}

#[derive(Debug, clap::Args)]
pub struct PositionnementArgs {
    /// Les grilles remplies : classeurs .xlsx écrits par `refnum grille`, ou fichiers YAML `type: positionnement`
    #[arg(value_name = "GRILLE", required = true)]
    pub grilles: Vec<PathBuf>,
    /// Format : html (par défaut), markdown ou json
    #[arg(long, value_enum, default_value_t = RapportFormat::Html, hide_possible_values = true, hide_default_value = true)]
    pub format: RapportFormat,
    /// Remplace le nom des personnes par un code stable (P-3F9A1C) et retire celui des évaluateurs
    #[arg(long)]
    pub pseudonymiser: bool,
    #[command(flatten)]
    pub document: DocumentArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RapportFormat {
    /// Page HTML autonome
    Html,
    /// Markdown (GFM)
    Markdown,
    /// JSON, pour les outils
    Json,
}

#[derive(Debug, clap::Args)]
pub struct EntretienArgs {
    /// Le poste ou le profil : chemin d'un fichier, identifiant, ou début unique d'identifiant
    #[arg(value_name = "POSTE|PROFIL")]
    pub cible: String,
    /// Contexte : recrutement (par défaut) ou entretien-annuel ; change l'introduction, le déroulé et la synthèse
    #[arg(long, value_enum, default_value_t = Contexte::Recrutement, hide_possible_values = true, hide_default_value = true)]
    pub contexte: Contexte,
    /// Format : html (par défaut), markdown ou docx
    #[arg(long, value_enum, default_value_t = EntretienFormat::Html, hide_possible_values = true, hide_default_value = true)]
    pub format: EntretienFormat,
    #[command(flatten)]
    pub document: DocumentArgs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Contexte {
    /// Entretien de recrutement : mêmes questions pour chaque candidat·e
    Recrutement,
    /// Entretien annuel : exemples de la période écoulée, besoins de formation
    #[value(name = "entretien-annuel", alias = "annuel")]
    EntretienAnnuel,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EntretienFormat {
    /// Markdown (GFM)
    Markdown,
    /// Page HTML autonome, imprimable
    Html,
    /// Document Word, avec des cadres pour les notes
    Docx,
}

#[derive(Debug, Subcommand)]
pub enum TemplatesCommand {
    /// Écrit les gabarits par défaut dans un dossier, pour les personnaliser
    Export(ExportArgs),
}

#[derive(Debug, clap::Args)]
pub struct ExportArgs {
    /// Dossier de destination (créé s'il n'existe pas)
    #[arg(value_name = "DOSSIER")]
    pub dir: PathBuf,
    /// Remplace les fichiers déjà présents
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// Fichiers ou dossiers à vérifier (par défaut ./profiles s'il existe, sinon les profils intégrés)
    #[arg(value_name = "CHEMIN")]
    pub paths: Vec<PathBuf>,
    /// Format de sortie : human (texte avec extrait, par défaut), json (pour les outils), github (annotations GitHub Actions et texte lisible), sarif (SARIF 2.1.0, pour l'analyse de code) ou gitlab (rapport Code Quality de GitLab)
    #[arg(long, value_enum, default_value_t = ReportFormat::Human, hide_possible_values = true, hide_default_value = true)]
    pub format: ReportFormat,
    /// Échoue aussi (code 1) quand il n'y a que des avertissements
    #[arg(long)]
    pub deny_warnings: bool,
    /// Avertit (W010) quand un fichier d'un dépôt git a changé depuis la branche principale sans nouvelle `version`
    #[arg(long)]
    pub verifier_version: bool,
    /// Ignore les avertissements de ce code (répétable : --ignore W003 --ignore W004)
    #[arg(long, value_name = "CODE")]
    pub ignore: Vec<String>,
    /// Fichier de configuration à lire au lieu du refnum.toml trouvé en remontant depuis le dossier courant
    #[arg(long, value_name = "FICHIER")]
    pub config: Option<PathBuf>,
    /// Nombre de problèmes montrés en entier par fichier dans le texte (par défaut 50 ; 0 : tous) ; les suivants sont comptés, et les formats json, sarif, gitlab et les annotations github les donnent tous
    #[arg(long, value_name = "N", default_value_t = crate::diagnostic::human::SHOWN_PER_FILE, hide_default_value = true)]
    pub max_par_fichier: usize,
}

#[derive(Debug, clap::Args)]
pub struct BuildArgs {
    /// Fichiers ou dossiers à publier (par défaut ./profiles s'il existe, sinon les profils intégrés)
    #[arg(value_name = "CHEMIN")]
    pub paths: Vec<PathBuf>,
    /// Dossier du site : absent, vide, ou un site déjà produit par refnum (remplacé en entier)
    #[arg(short = 'o', long = "out", value_name = "DOSSIER")]
    pub out: PathBuf,
    /// Titre du site, en tête de chaque page (par défaut « Profils du référent numérique entreprise »)
    #[arg(
        long,
        value_name = "TEXTE",
        default_value = "Profils du référent numérique entreprise",
        hide_default_value = true
    )]
    pub titre: String,
    /// Dossier de gabarits qui remplacent, fichier par fichier, ceux par défaut
    #[arg(long, value_name = "DOSSIER")]
    pub templates: Option<PathBuf>,
    /// Refuse aussi de publier (code 1) quand il y a des avertissements
    #[arg(long)]
    pub deny_warnings: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Texte lisible, avec extrait du fichier
    Human,
    /// Document JSON stable, pour les outils
    Json,
    /// Annotations GitHub Actions, précédées du texte lisible
    Github,
    /// SARIF 2.1.0, pour l'analyse de code (GitHub code scanning…)
    Sarif,
    /// Rapport Code Quality de GitLab
    Gitlab,
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Fichiers ou dossiers (par défaut ./profiles s'il existe, sinon les profils intégrés)
    #[arg(value_name = "CHEMIN")]
    pub paths: Vec<PathBuf>,
    /// Format de sortie : table (par défaut) ou json
    #[arg(long, value_enum, default_value_t = ListFormat::Table, hide_possible_values = true, hide_default_value = true)]
    pub format: ListFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    /// Tableau lisible
    Table,
    /// JSON
    Json,
}

#[derive(Debug, clap::Args)]
pub struct ResolveArgs {
    /// Le profil ou l'adaptation : chemin, identifiant ou début unique d'identifiant
    #[arg(value_name = "PROFIL")]
    pub profil: String,
    /// Format : yaml (par défaut) ou json
    #[arg(long, value_enum, default_value_t = DataFormat::Yaml, hide_possible_values = true, hide_default_value = true)]
    pub format: DataFormat,
    /// Indique pour chaque mission et compétence si elle est héritée, modifiée ou ajoutée, avec son motif
    #[arg(long)]
    pub provenance: bool,
    /// Dossier où chercher les profils par identifiant (par défaut ./profiles s'il existe)
    #[arg(long, value_name = "DOSSIER")]
    pub profiles: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DataFormat {
    /// YAML
    Yaml,
    /// JSON
    Json,
}

#[derive(Debug, clap::Args)]
pub struct DiffArgs {
    /// Le profil de départ (chemin, identifiant ou début d'identifiant)
    #[arg(value_name = "A")]
    pub a: String,
    /// Le profil d'arrivée
    #[arg(value_name = "B")]
    pub b: String,
    /// Format : human (par défaut), markdown (pour un commentaire de pull request) ou json
    #[arg(long, value_enum, default_value_t = DiffFormat::Human, hide_possible_values = true, hide_default_value = true)]
    pub format: DiffFormat,
    /// Sort avec le code 1 quand les deux profils diffèrent
    #[arg(long)]
    pub exit_code: bool,
    /// Dossier où chercher les profils par identifiant (par défaut ./profiles s'il existe)
    #[arg(long, value_name = "DOSSIER")]
    pub profiles: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Texte lisible
    Human,
    /// Markdown
    Markdown,
    /// JSON
    Json,
}

#[derive(Debug, clap::Args)]
pub struct NewArgs {
    /// Identifiant de la nouvelle adaptation (minuscules sans accents et tirets)
    #[arg(value_name = "ID")]
    pub id: String,
    /// Le profil de base : chemin, identifiant ou début unique d'identifiant
    #[arg(long, value_name = "PROFIL")]
    pub extends: String,
    /// Fichier à écrire (sinon la sortie standard) ; un fichier existant n'est jamais écrasé
    #[arg(short = 'o', long = "output", value_name = "FICHIER")]
    pub output: Option<PathBuf>,
    /// Date de mise à jour à inscrire (AAAA-MM-JJ ; par défaut aujourd'hui)
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Dossier où chercher les profils par identifiant (par défaut ./profiles s'il existe)
    #[arg(long, value_name = "DOSSIER")]
    pub profiles: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
pub struct SchemaArgs {
    /// Le format dont afficher le schéma : profil (par défaut), poste, adaptation ou positionnement
    #[arg(
        value_enum,
        value_name = "TYPE",
        default_value_t = SchemaKind::Profil,
        hide_possible_values = true,
        hide_default_value = true
    )]
    pub kind: SchemaKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    /// Profil de compétences (`type: profil`)
    Profil,
    /// Fiche de poste (`type: poste`)
    Poste,
    /// Adaptation locale (`type: profil` avec `extends`)
    Adaptation,
    /// Grille de positionnement remplie (`type: positionnement`)
    Positionnement,
}

/// The command definition, with clap's own words put in French.
pub fn command() -> clap::Command {
    french(Cli::command())
}

fn french(command: clap::Command) -> clap::Command {
    use clap::{Arg, ArgAction};
    // clap writes its headings `Options:`; French puts a space before the
    // colon, so every heading is written here, the same way in every help.
    let mut template = String::from("{about}\n\nUsage : {usage}\n");
    if command.get_positionals().next().is_some() {
        template.push_str("\nArguments :\n{positionals}\n");
    }
    if command.has_subcommands() {
        template.push_str("\nCommandes :\n{subcommands}\n");
    }
    template.push_str("\nOptions :\n{options}");
    let mut command = command
        .help_template(template)
        .subcommand_value_name("COMMANDE")
        .disable_help_flag(true)
        .arg(Arg::new("help").short('h').long("help").action(ArgAction::Help).help("Affiche l'aide"));
    if command.get_name() == "refnum" {
        command = command
            .disable_version_flag(true)
            .arg(Arg::new("version").short('V').long("version").action(ArgAction::Version).help("Affiche la version"));
    }
    let names: Vec<String> = command.get_subcommands().map(|s| s.get_name().to_owned()).collect();
    names.iter().fold(command, |c, name| c.mut_subcommand(name, french))
}

/// The command a path of names leads to (`["templates", "export"]`), with
/// its full name (`refnum templates export`); `None` for an unknown name.
pub fn subcommand(path: &[String]) -> Option<(clap::Command, String)> {
    let mut command = command();
    // Built, so that each subcommand carries the global options and its full name.
    command.build();
    let mut name = String::from("refnum");
    for word in path {
        let next = command.find_subcommand(word)?.clone();
        name.push(' ');
        name.push_str(next.get_name());
        command = next;
    }
    Some((command, name))
}

/// The help of the command a path of names leads to (`refnum help fiche`).
pub fn help(path: &[String]) -> Result<Outcome, crate::Error> {
    let (mut command, _) = subcommand(path).ok_or_else(|| {
        let unknown = path.join(" ");
        crate::Error::Usage(format!("commande inconnue « {unknown} » ; les commandes sont listées par `refnum help`"))
    })?;
    // The usage line names the full path: clap builds it from the bin name.
    let help = command.render_help().to_string();
    Ok(Outcome { stdout: format!("{}\n", help.trim_end()).into_bytes(), stderr: String::new(), code: exit::OK })
}

/// The subcommands named on a command line, up to the first word that is
/// not one (values of options are skipped).
fn named_path<T: Into<OsString> + Clone>(args: &[T]) -> Vec<String> {
    let mut command = command();
    let mut path = Vec::new();
    let mut words = args.iter().skip(1).map(|a| a.clone().into().to_string_lossy().into_owned());
    while let Some(word) = words.next() {
        if let Some(long) = word.strip_prefix("--") {
            let takes_value = !long.contains('=')
                && command
                    .get_arguments()
                    .find(|a| a.get_long() == Some(long))
                    .is_some_and(|a| a.get_action().takes_values());
            if takes_value {
                words.next();
            }
            continue;
        }
        if word.starts_with('-') {
            continue;
        }
        match command.find_subcommand(&word) {
            Some(next) => {
                path.push(next.get_name().to_owned());
                command = next.clone();
            }
            None => break,
        }
    }
    path
}

/// Parses the command line; help, version and usage errors come back as the
/// `Outcome` to print, with French messages and exit code 2 for errors.
pub fn parse<I, T>(args: I) -> Result<Cli, Outcome>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let args: Vec<T> = args.into_iter().collect();
    let path = || named_path(&args);
    let matches = command().try_get_matches_from(args.iter().cloned()).map_err(|e| usage_error(&e, &path()))?;
    Cli::from_arg_matches(&matches).map_err(|e| usage_error(&e, &path()))
}

fn usage_error(e: &clap::Error, path: &[String]) -> Outcome {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let mut text = e.to_string();
            if !text.ends_with('\n') {
                text.push('\n');
            }
            return Outcome { stdout: text.into_bytes(), stderr: String::new(), code: exit::OK };
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand | ErrorKind::MissingSubcommand => {
            let help = help(path).map(|o| String::from_utf8_lossy(&o.stdout).into_owned()).unwrap_or_default();
            return Outcome { stdout: Vec::new(), stderr: help, code: exit::FAILURE };
        }
        _ => {}
    }
    let context = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join(", ")),
        _ => None,
    };
    let invalid = context(ContextKind::InvalidArg).unwrap_or_default();
    let value = context(ContextKind::InvalidValue).unwrap_or_default();
    let mut message = match e.kind() {
        ErrorKind::InvalidValue => {
            let valid = context(ContextKind::ValidValue)
                .filter(|v| !v.is_empty())
                .map(|v| format!(" ; valeurs possibles : {v}"))
                .unwrap_or_default();
            if value.is_empty() {
                format!("{invalid} attend une valeur non vide{valid}")
            } else {
                format!("valeur « {value} » invalide pour {invalid}{valid}")
            }
        }
        ErrorKind::UnknownArgument => format!("option inconnue « {invalid} »"),
        ErrorKind::InvalidSubcommand => {
            format!("commande inconnue « {} »", context(ContextKind::InvalidSubcommand).unwrap_or_default())
        }
        ErrorKind::MissingRequiredArgument => format!("argument obligatoire manquant : {invalid}"),
        ErrorKind::TooManyValues | ErrorKind::ArgumentConflict => {
            format!("argument en trop ou incompatible : {invalid}")
        }
        _ => "ligne de commande invalide".to_owned(),
    };
    if let Some(suggestion) = context(ContextKind::SuggestedSubcommand).or_else(|| context(ContextKind::SuggestedArg)) {
        message.push_str(&format!("\n  vouliez-vous dire « {suggestion} » ?"));
    }
    let name = subcommand(path).map_or_else(|| "refnum".to_owned(), |(_, name)| name);
    Outcome {
        stdout: Vec::new(),
        stderr: format!("erreur : {message}\n\nPour plus d'informations, essayez `{name} --help`.\n"),
        code: exit::FAILURE,
    }
}
