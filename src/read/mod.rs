//! The read stage: model files in, a `ModelDoc` out, whatever the format.
//!
//! Input: a path; the format follows from the file's content and extension.
//! Output: `ModelDoc` (unresolved names, every element located) or a `ReadError`.
//! Not here: name resolution (`mim::build`) and semantic checks (`validate`).

pub mod doc;
pub mod fields;
pub mod inspect;
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

/// The formats `read_model` recognises.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// patroon's own YAML model format.
    YamlModel,
    /// An XMI export (1.0, 1.1, 2.1, 2.5.1).
    Xmi,
    /// The MIM serialisation XML (v1 or 1.2).
    MimXml,
}

/// Decides the format from the content: XML by its root element and namespace, else YAML.
pub fn sniff(bytes: &[u8]) -> InputFormat {
    // A UTF-16 byte-order mark: only XML is written that way here.
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let text = xml::decode(bytes, &display_name(Path::new(""))).unwrap_or_default();
        return sniff(text.as_bytes());
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    let head = head.trim_start_matches('\u{feff}').trim_start();
    if !head.starts_with('<') {
        return InputFormat::YamlModel;
    }
    let root = xml::root_element(head);
    match root {
        Some((name, attrs)) => {
            let local = xml::local_name(&name);
            let mim = attrs.iter().any(|(_, value)| mim_xml::NAMESPACES.contains(&value.as_str()));
            if local == "Informatiemodel" || mim { InputFormat::MimXml } else { InputFormat::Xmi }
        }
        None => InputFormat::Xmi,
    }
}

/// Reads a model file in any supported format, with the diagnostics found.
///
/// The diagnostics of a YAML model file may include errors (unknown keys and the like):
/// the caller decides after adding those of later stages. XML files are sniffed by
/// their root element (`XMI` or `xmi:XMI`: XMI; `Informatiemodel` or a MIM namespace:
/// MIM serialisation). A YAML file that is not a patroon model (such as a LinkML schema)
/// is refused with a message that says what was found.
pub fn read_model_with_warnings(
    path: &Path,
) -> Result<(doc::ModelDoc, Vec<crate::location::Diagnostic>), ReadError> {
    let bytes =
        std::fs::read(path).map_err(|source| ReadError::Io { path: path.to_path_buf(), source })?;
    let file = display_name(path);
    match sniff(&bytes) {
        InputFormat::Xmi => xmi::parse(&bytes, &file),
        InputFormat::MimXml => mim_xml::parse(&bytes, &file),
        InputFormat::YamlModel => {
            let text = String::from_utf8(bytes).map_err(|_| ReadError::Unsupported {
                at: Location::file(&file),
                message: "the file is neither XML nor UTF-8 YAML".to_string(),
            })?;
            refuse_foreign_yaml(&text, &file)?;
            yaml_model::parse_with_diagnostics(&text, &file)
        }
    }
}

/// Reads a model file in any supported format; any error among the diagnostics fails.
pub fn read_model(path: &Path) -> Result<doc::ModelDoc, ReadError> {
    let (doc, diags) = read_model_with_warnings(path)?;
    if diags.iter().any(crate::location::Diagnostic::is_error) {
        return Err(ReadError::Invalid(diags.into()));
    }
    Ok(doc)
}

/// Refuses YAML that is clearly another schema language, naming it.
fn refuse_foreign_yaml(text: &str, file: &std::sync::Arc<str>) -> Result<(), ReadError> {
    if text.lines().any(|line| line.starts_with("format:")) {
        return Ok(());
    }
    let linkml = text.lines().enumerate().find(|(_, line)| {
        line.starts_with("linkml:")
            || line.contains("w3id.org/linkml")
            || line.starts_with("classes:")
    });
    if let Some((idx, _)) = linkml {
        let line = u32::try_from(idx + 1).unwrap_or(u32::MAX);
        return Err(ReadError::Unsupported {
            at: Location::new(file, line, 1),
            message:
                "this is a LinkML schema, not a patroon model, XMI or MIM serialisation file; \
                      patroon does not read LinkML"
                    .to_string(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_follows_from_the_content() {
        assert_eq!(sniff(b"format: patroon-model/1\n"), InputFormat::YamlModel);
        assert_eq!(sniff(b"<?xml version=\"1.0\"?>\n<XMI xmi.version=\"1.1\"/>"), InputFormat::Xmi);
        assert_eq!(sniff(b"\xEF\xBB\xBF<xmi:XMI xmlns:xmi=\"x\"/>"), InputFormat::Xmi);
        let mim =
            b"<mim:Informatiemodel xmlns:mim=\"http://www.geostandaarden.nl/mim/mim-core/1.2\"/>";
        assert_eq!(sniff(mim), InputFormat::MimXml);
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("<XMI xmi.version=\"1.1\"/>".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(sniff(&utf16), InputFormat::Xmi);
    }

    #[test]
    fn the_yaml_model_still_reads_as_before() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("model/klantinteracties.yaml");
        let (doc, warnings) = read_model_with_warnings(&path).unwrap();
        assert!(warnings.is_empty());
        assert_eq!(
            doc,
            yaml_model::parse(&read_text(&path).unwrap(), &display_name(&path)).unwrap()
        );
    }

    #[test]
    fn linkml_is_named_and_refused() {
        let error = refuse_foreign_yaml(
            "id: x\nprefixes:\n  linkml: https://w3id.org/linkml/\n",
            &display_name(Path::new("s.yml")),
        )
        .unwrap_err()
        .to_string();
        assert!(error.starts_with("s.yml:3:1: this is a LinkML schema"), "{error}");
    }
}
