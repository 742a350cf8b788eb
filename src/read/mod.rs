//! The read stage: model files in, a `ModelDoc` out, whatever the format.
//!
//! Input: a path; the format follows from the file's content and extension.
//! Output: `ModelDoc` (unresolved names, every element located) or a `ReadError`.
//! Not here: name resolution (`mim::build`) and semantic checks (`validate`).

pub mod doc;
pub mod fields;
pub mod mim_xml;
pub mod raw;
pub mod resolve;
pub mod xmi;
pub mod xml;
pub mod yaml_model;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::location::{Diagnostics, Location};
use crate::yaml::SyntaxError;

/// Why a model file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file could not be opened or read.
    #[error("cannot read `{path}`")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// The file is not valid YAML (or XML).
    #[error(transparent)]
    Syntax(#[from] SyntaxError),
    /// The file is not well-formed XML, or uses a refused XML feature.
    #[error(transparent)]
    Xml(#[from] xml::XmlError),
    /// The file is not in a format patroon reads.
    #[error("{at}: {message}")]
    Unsupported {
        /// Where the file shows its format.
        at: Location,
        /// What was found and what patroon reads instead.
        message: String,
    },
    /// The file parses but its structure is wrong; every problem is listed.
    #[error("{0}")]
    Invalid(Diagnostics),
}

/// Reads a file as text, naming it in the error.
pub fn read_text(path: &Path) -> Result<String, ReadError> {
    std::fs::read_to_string(path)
        .map_err(|source| ReadError::Io { path: path.to_path_buf(), source })
}

/// The name of a file as shown in messages.
pub fn display_name(path: &Path) -> Arc<str> {
    Arc::from(path.to_string_lossy().as_ref())
}

/// Reads a model file in any supported format.
pub fn read_model(path: &Path) -> Result<doc::ModelDoc, ReadError> {
    let text = read_text(path)?;
    yaml_model::parse(&text, &display_name(path))
}
