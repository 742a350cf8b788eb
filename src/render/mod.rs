//! The render stage: the API IR through minijinja templates into OpenAPI YAML text.
//!
//! Input: an `Api`, the OpenAPI version, and optionally a folder of templates that
//! replaces the built-in ones.
//! Output: the YAML text of the document, ending in one newline.
//! Not here: any decision about the API (the patterns make those); templates only spell
//! what they are given. Every scalar goes through the `q` filter, so any name or definition
//! gives valid YAML.

use std::path::{Path, PathBuf};

use minijinja::{Environment, Value, context};

use crate::pattern::api::Api;

/// The built-in OpenAPI template.
const OPENAPI_TEMPLATE: &str = include_str!("../../templates/openapi.yaml.j2");
/// The template's file name, also looked up in a `--templates` folder.
pub const OPENAPI_TEMPLATE_NAME: &str = "openapi.yaml.j2";

/// The OpenAPI versions patroon writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, clap::ValueEnum)]
pub enum OasVersion {
    /// OpenAPI 3.0.3.
    #[value(name = "3.0.3")]
    V3_0_3,
    /// OpenAPI 3.1.0.
    #[value(name = "3.1.0")]
    V3_1_0,
}

impl OasVersion {
    /// Both versions, 3.0.3 first.
    pub const ALL: [OasVersion; 2] = [OasVersion::V3_0_3, OasVersion::V3_1_0];

    /// The version number as written in documents.
    pub fn as_str(self) -> &'static str {
        match self {
            OasVersion::V3_0_3 => "3.0.3",
            OasVersion::V3_1_0 => "3.1.0",
        }
    }

    /// The file name of a spec of this version in a pattern's output folder.
    pub fn file_name(self) -> &'static str {
        match self {
            OasVersion::V3_0_3 => "openapi.yaml",
            OasVersion::V3_1_0 => "openapi-3.1.yaml",
        }
    }
}

/// Why a document could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A template in the `--templates` folder could not be read.
    #[error("cannot read template `{path}`")]
    Io {
        /// The template file.
        path: PathBuf,
        /// What the system said.
        #[source]
        source: std::io::Error,
    },
    /// A template has a syntax error or failed while rendering.
    #[error("template `{name}` failed: {detail}")]
    Template {
        /// The template's name.
        name: String,
        /// minijinja's message with line.
        detail: String,
    },
}

/// Templates to render with: the built-in ones, or those in a folder.
pub struct Renderer {
    env: Environment<'static>,
}

impl Renderer {
    /// A renderer with the built-in template, or with the `openapi.yaml.j2` in `dir`, which
    /// must then exist.
    pub fn new(dir: Option<&Path>) -> Result<Renderer, RenderError> {
        let mut env = Environment::new();
        env.set_trim_blocks(false);
        env.add_filter("q", quote);
        env.add_filter("yesno", |value: bool| if value { "true" } else { "false" });

        let source = match dir.map(|dir| dir.join(OPENAPI_TEMPLATE_NAME)) {
            Some(path) => std::fs::read_to_string(&path)
                .map_err(|source| RenderError::Io { path: path.clone(), source })?,
            None => OPENAPI_TEMPLATE.to_string(),
        };
        env.add_template_owned(OPENAPI_TEMPLATE_NAME, source).map_err(template_error)?;
        Ok(Renderer { env })
    }

    /// Renders one API as an OpenAPI document of the given version.
    pub fn render(&self, api: &Api, version: OasVersion) -> Result<String, RenderError> {
        let template = self.env.get_template(OPENAPI_TEMPLATE_NAME).map_err(template_error)?;
        let oas31 = version == OasVersion::V3_1_0;
        let text = template
            .render(context! { api => Value::from_serialize(api), oas31 => oas31 })
            .map_err(template_error)?;
        Ok(format!("{}\n", text.trim_end()))
    }
}

fn template_error(error: minijinja::Error) -> RenderError {
    let name = error.name().unwrap_or(OPENAPI_TEMPLATE_NAME).to_string();
    let detail = match error.line() {
        Some(line) => {
            format!("line {line}: {}", error.detail().unwrap_or(&error.kind().to_string()))
        }
        None => error.to_string(),
    };
    RenderError::Template { name, detail }
}

/// Writes a scalar so YAML reads back exactly the same text: plain when that is safe,
/// double-quoted with escapes otherwise.
pub fn quote(value: Value) -> String {
    if value.is_number() {
        return value.to_string();
    }
    let text = value.as_str().map_or_else(|| value.to_string(), str::to_string);
    if is_plain_safe(&text) { text } else { double_quoted(&text) }
}

fn is_plain_safe(text: &str) -> bool {
    const SPECIAL: &[&str] = &["y", "n", "yes", "no", "on", "off", "true", "false", "null", "~"];
    let Some(first) = text.chars().next() else { return false };
    let allowed = |c: char| c.is_ascii_alphanumeric() || " _./-()'".contains(c);
    (first.is_ascii_alphabetic() || first == '/' || first == '_')
        && text.chars().all(allowed)
        && !text.ends_with(' ')
        && !SPECIAL.contains(&text.to_ascii_lowercase().as_str())
}

fn double_quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20
                || c == '\u{7f}'
                || c == '\u{85}'
                || c == '\u{2028}'
                || c == '\u{2029}'
                || c == '\u{feff}' =>
            {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_round_trips_through_yaml() {
        let awkward = [
            "plain words",
            "yes",
            "No",
            "null",
            "1.0.0",
            "200",
            "a: b",
            "# x",
            "- list",
            "",
            " lead",
            "trail ",
            "é accent",
            "line\nbreak",
            "tab\there",
            "quote \" and \\",
            "{x}",
            "/klantcontacten/{uuid}",
            "@at",
            "*star",
            "&amp",
            "!tag",
            "%pct",
            "`tick`",
        ];
        for text in awkward {
            let yaml = format!("key: {}\n", quote(Value::from(text)));
            let back: std::collections::BTreeMap<String, String> =
                serde_yaml::from_str(&yaml).unwrap_or_else(|error| panic!("{yaml}: {error}"));
            assert_eq!(back["key"], text, "{yaml}");
        }
    }

    #[test]
    fn simple_names_stay_plain() {
        assert_eq!(quote(Value::from("klantcontacten")), "klantcontacten");
        assert_eq!(quote(Value::from("/klantcontacten")), "/klantcontacten");
        assert_eq!(quote(Value::from("200")), "\"200\"");
    }
}
