//! The command line: commands and options, nothing else.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Profils de compétences du référent numérique entreprise : vérifier, adapter, publier.
#[derive(Debug, Parser)]
#[command(name = "refnum", version, about, long_about = None, disable_help_subcommand = true)]
#[command(
    help_template = "{about}\n\nUsage : {usage}\n\n{all-args}",
    next_help_heading = "Options"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Vérifie des profils et des postes, et signale chaque problème à sa place
    Validate(ValidateArgs),
    /// Liste les profils et les postes trouvés, avec leurs effectifs de compétences
    List(ListArgs),
    /// Affiche le schéma JSON d'un format de fichier, pour l'éditeur
    Schema(SchemaArgs),
}

#[derive(Debug, clap::Args)]
pub struct ValidateArgs {
    /// Fichiers ou dossiers à vérifier (par défaut ./profiles s'il existe, sinon les profils intégrés)
    #[arg(value_name = "CHEMIN")]
    pub paths: Vec<PathBuf>,
    /// Format de sortie
    #[arg(long, value_enum, default_value_t = ReportFormat::Human)]
    pub format: ReportFormat,
    /// Échoue aussi (code 1) quand il n'y a que des avertissements
    #[arg(long)]
    pub deny_warnings: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// Texte lisible, avec extrait du fichier
    Human,
    /// Document JSON stable, pour les outils
    Json,
    /// Annotations GitHub Actions
    Github,
}

#[derive(Debug, clap::Args)]
pub struct ListArgs {
    /// Fichiers ou dossiers (par défaut ./profiles s'il existe, sinon les profils intégrés)
    #[arg(value_name = "CHEMIN")]
    pub paths: Vec<PathBuf>,
    /// Format de sortie
    #[arg(long, value_enum, default_value_t = ListFormat::Table)]
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
pub struct SchemaArgs {
    /// Le format dont afficher le schéma
    #[arg(value_enum, default_value_t = SchemaKind::Profil)]
    pub kind: SchemaKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    /// Profil de compétences (`type: profil`)
    Profil,
    /// Fiche de poste (`type: poste`)
    Poste,
}
