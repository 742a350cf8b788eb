//! The whole pipeline: model file and profile in, OpenAPI documents in memory out.
//!
//! Input: paths to the model and (optionally) the profile; the patterns and OpenAPI
//! versions wanted; a renderer.
//! Output: `Loaded` (validated model, profile, warnings) and `GeneratedFile`s with paths
//! relative to the output folder; nothing is written here (see `output`).
//! Not here: command-line parsing, printing, exit codes (see `cli`).

use std::path::{Path, PathBuf};

use crate::location::{Diagnostic, Diagnostics};
use crate::mim::Model;
use crate::pattern::api::{Api, Place};
use crate::pattern::{self, ApiPattern};
use crate::profile::{self, Profile};
use crate::read::doc::ModelDoc;
use crate::read::{self, ReadError};
use crate::render::{OasVersion, RenderError, Renderer};
use crate::validate;

/// A model ready for generation.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The validated model.
    pub model: Model,
    /// Its profile (read or derived).
    pub profile: Profile,
    /// Warnings from reading and validation.
    pub warnings: Vec<Diagnostic>,
}

/// Why a model could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The model file could not be read.
    #[error(transparent)]
    Model(ReadError),
    /// The model has errors; all diagnostics (warnings too) are listed.
    #[error("{0}")]
    Invalid(Diagnostics),
    /// The profile could not be read or names things the model lacks.
    #[error(transparent)]
    Profile(ReadError),
    /// The profile named on the command line does not exist.
    #[error("profile `{0}` does not exist")]
    MissingProfile(PathBuf),
}

/// Reads a model file (any format), keeps one package when asked, resolves and validates
/// it. Every problem of the three stages is gathered; any error fails with all of them.
pub fn load_model(
    model_path: &Path,
    package: Option<&str>,
) -> Result<(ModelDoc, Model, Vec<Diagnostic>), LoadError> {
    let _span = tracing::info_span!("load", model = %model_path.display()).entered();
    let (mut doc, mut diags) =
        read::read_model_with_warnings(model_path).map_err(LoadError::Model)?;
    if let Some(package) = package {
        doc = read::inspect::select_package(&doc, package).map_err(LoadError::Model)?;
    }
    let (model, build_diags) = crate::mim::build(&doc);
    diags.extend(build_diags);
    diags.extend(validate::validate(&model));
    if diags.iter().any(Diagnostic::is_error) {
        return Err(LoadError::Invalid(diags.into()));
    }
    Ok((doc, model, diags))
}

/// Reads, resolves and validates a model, and reads its profile: the explicit one, else
/// `<stem>.profile.yaml` beside the model, else a profile derived from the model.
pub fn load(
    model_path: &Path,
    profile_path: Option<&Path>,
    package: Option<&str>,
) -> Result<Loaded, LoadError> {
    let (_, model, mut diags) = load_model(model_path, package)?;

    let default_path = Profile::default_path(model_path);
    let (profile, profile_diags) = match profile_path {
        Some(path) if !path.exists() => return Err(LoadError::MissingProfile(path.to_path_buf())),
        Some(path) => profile::read_profile(path, &model).map_err(LoadError::Profile)?,
        None if default_path.exists() => {
            profile::read_profile(&default_path, &model).map_err(LoadError::Profile)?
        }
        None => {
            tracing::info!("no profile beside the model; deriving one from the model");
            (Profile::default_for(&model), Vec::new())
        }
    };
    diags.extend(profile_diags);
    tracing::debug!(objecttypes = model.objecttypes.len(), "model loaded");
    Ok(Loaded { model, profile, warnings: diags })
}

/// Why the API of a pattern could not be generated.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    /// The model cannot make this pattern's API; every diagnostic is listed.
    #[error("the {pattern} pattern cannot be made from this model")]
    Invalid {
        /// The pattern.
        pattern: ApiPattern,
        /// What is wrong (warnings too).
        diagnostics: Diagnostics,
    },
    /// A template failed.
    #[error(transparent)]
    Render(#[from] RenderError),
}

/// A file to write, relative to the output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// The path below the output folder, such as `resource/openapi.yaml`.
    pub path: PathBuf,
    /// The file's content.
    pub text: String,
}

/// What one pattern produced: its API and its files.
#[derive(Debug, Clone)]
pub struct PatternOutput {
    /// The pattern.
    pub pattern: ApiPattern,
    /// The API IR.
    pub api: Api,
    /// The files: one spec per OpenAPI version, and the not-exposed report.
    pub files: Vec<GeneratedFile>,
}

/// Builds and renders the chosen patterns in the chosen OpenAPI versions.
pub fn generate(
    loaded: &Loaded,
    patterns: &[ApiPattern],
    versions: &[OasVersion],
    renderer: &Renderer,
) -> Result<Vec<PatternOutput>, GenerateError> {
    let mut outputs = Vec::new();
    for pattern in patterns {
        let _span = tracing::info_span!("render", pattern = pattern.name()).entered();
        let api = pattern::build(&loaded.model, &loaded.profile, *pattern);
        if api.diagnostics.iter().any(Diagnostic::is_error) {
            return Err(GenerateError::Invalid {
                pattern: *pattern,
                diagnostics: api.diagnostics.clone().into(),
            });
        }
        let folder = PathBuf::from(pattern.name());
        let mut files = Vec::new();
        for version in versions {
            let text = renderer.render(&api, *version)?;
            files.push(GeneratedFile { path: folder.join(version.file_name()), text });
        }
        files.push(GeneratedFile {
            path: folder.join("not-exposed.md"),
            text: not_exposed_report(&api),
        });
        outputs.push(PatternOutput { pattern: *pattern, api, files });
    }
    Ok(outputs)
}

/// The list of model elements a pattern leaves out, with the reason for each, followed by
/// the pattern's notes (such as how aggregates were formed).
pub fn not_exposed_report(api: &Api) -> String {
    let mut text = format!(
        "# Not exposed by the {} pattern\n\nModel elements that are not in this API, and why.\n\n",
        api.pattern
    );
    let mut any = false;
    for exposure in &api.exposure {
        if let Place::NotExposed(reason) = &exposure.place {
            text.push_str(&format!("- `{}`: {reason}\n", exposure.element));
            any = true;
        }
    }
    if !any {
        text.push_str("Every element of the model is in the API.\n");
    }
    if !api.notes.is_empty() {
        text.push_str("\n## Notes\n\n");
        for note in &api.notes {
            text.push_str(&format!("- {note}\n"));
        }
    }
    text
}
