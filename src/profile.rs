//! The API profile: what a model does not say but an API needs.
//!
//! Input: the profile file (YAML, docs/profile-format.md) and the model it belongs to.
//! Output: `Profile` (API info, plurals, external objecttypes, per-pattern options such as
//! aggregates and the handelingen catalogue, read in `patterns`), and located diagnostics
//! for anything that names an element the model lacks.
//! Not here: the API design itself (see `pattern`); a default profile for a model without
//! one is derived by `Profile::default_for`.

pub mod patterns;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use indexmap::IndexMap;

use crate::location::{Diagnostic, Location, suggest};
use crate::mim::Model;
use crate::read::fields::Fields;
use crate::read::resolve::EXTERN_TAG;
use crate::read::{ReadError, display_name, read_text};
use crate::yaml::{self, Node};

pub use patterns::{Aggregates, Handeling, On, Part};

/// The value of `format:` this reader understands.
pub const FORMAT: &str = "patroon-profile/1";

/// Contact details of the API's owner.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct Contact {
    /// Who.
    pub name: String,
    /// A web page.
    pub url: String,
    /// An e-mail address.
    pub email: String,
}

/// A server the API is offered on.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct Server {
    /// Its base URL, ending in the major version (`…/v1`).
    pub url: String,
    /// What it is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

/// The API's general information.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize)]
pub struct ApiInfo {
    /// Title.
    pub title: String,
    /// Semantic version.
    pub version: String,
    /// Description.
    pub description: Option<String>,
    /// Contact.
    pub contact: Contact,
    /// Licence name.
    pub license_name: Option<String>,
    /// Licence URL.
    pub license_url: Option<String>,
}

/// An objecttype kept in another register and referenced by URL only.
#[derive(Debug, Clone, PartialEq)]
pub struct External {
    /// The objecttype.
    pub objecttype: String,
    /// The register that keeps it.
    pub register: String,
    /// Where the profile says so.
    pub at: Location,
}

/// A whole profile.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Profile {
    /// API info.
    pub info: ApiInfo,
    /// Servers.
    pub servers: Vec<Server>,
    /// Plural path names by objecttype or referentielijst name.
    pub plurals: IndexMap<String, String>,
    /// Objecttypes kept in another register.
    pub external: Vec<External>,
    /// The attribute name that is the technical identifier; it becomes the resource `uuid`.
    pub technical_id: Option<String>,
    /// Objecttypes left out of every pattern, by name.
    pub exclude: Vec<String>,
    /// API property names chosen for attributes and relations, by model path
    /// (`Objecttype.Attribuut`, `Bron.relatie (Doel)`).
    pub names: IndexMap<String, String>,
    /// Aggregate roots and parts (the aggregate pattern).
    pub aggregates: Aggregates,
    /// The handelingen catalogue (the action pattern).
    pub handelingen: Vec<Handeling>,
    /// Where the profile came from (for messages); empty for a derived profile.
    pub file: Option<Arc<str>>,
}

impl Profile {
    /// The profile file that belongs to a model by default: `<stem>.profile.yaml` beside it.
    pub fn default_path(model_path: &Path) -> PathBuf {
        let stem = model_path.file_stem().map(|stem| stem.to_string_lossy().into_owned());
        let name = format!("{}.profile.yaml", stem.unwrap_or_else(|| "model".to_string()));
        model_path.with_file_name(name)
    }

    /// A profile derived from the model alone, for models that come without one.
    pub fn default_for(model: &Model) -> Profile {
        let title = model.element.name.clone();
        Profile {
            info: ApiInfo {
                title: title.clone(),
                version: "1.0.0".to_string(),
                description: model.element.definition.clone(),
                contact: Contact {
                    name: format!("Beheerder {title}"),
                    url: "https://example.org".to_string(),
                    email: "beheer@example.org".to_string(),
                },
                license_name: None,
                license_url: None,
            },
            servers: vec![Server {
                url: "https://example.org/api/v1".to_string(),
                description: Some("voorbeeldserver; vervang deze in het profiel".to_string()),
            }],
            // Objecttypes an importer found outside the model (EAStub, «Extern») are external.
            external: model
                .objecttypes
                .iter()
                .filter(|objecttype| objecttype.element.tags.contains_key(EXTERN_TAG))
                .map(|objecttype| External {
                    objecttype: objecttype.element.name.clone(),
                    register: "een ander register".to_string(),
                    at: objecttype.element.at.clone(),
                })
                .collect(),
            ..Profile::default()
        }
    }

    /// The profile as a profile file, for a user to edit.
    pub fn to_yaml(&self) -> Result<String, String> {
        let file = ProfileFile {
            format: FORMAT,
            info: InfoFile {
                title: &self.info.title,
                version: &self.info.version,
                description: self.info.description.as_deref(),
                contact: &self.info.contact,
                license: self
                    .info
                    .license_name
                    .as_deref()
                    .map(|name| LicenseFile { name, url: self.info.license_url.as_deref() }),
            },
            servers: &self.servers,
            technical_id: self.technical_id.as_deref(),
            plurals: &self.plurals,
            external: self
                .external
                .iter()
                .map(|external| (external.objecttype.as_str(), external.register.as_str()))
                .collect(),
            exclude: &self.exclude,
            names: &self.names,
        };
        let body = yaml::to_string(&file)?;
        Ok(format!("# API profile (docs/profile-format.md); edit it to suit the API.\n{body}"))
    }

    /// Whether an objecttype lives in another register.
    pub fn external(&self, objecttype: &str) -> Option<&External> {
        self.external.iter().find(|external| external.objecttype == objecttype)
    }
}

/// The shape of a profile file, for writing.
#[derive(serde::Serialize)]
struct ProfileFile<'a> {
    format: &'a str,
    info: InfoFile<'a>,
    servers: &'a [Server],
    #[serde(skip_serializing_if = "Option::is_none")]
    technical_id: Option<&'a str>,
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    plurals: &'a IndexMap<String, String>,
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    external: IndexMap<&'a str, &'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    exclude: &'a [String],
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    names: &'a IndexMap<String, String>,
}

#[derive(serde::Serialize)]
struct InfoFile<'a> {
    title: &'a str,
    version: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    contact: &'a Contact,
    #[serde(skip_serializing_if = "Option::is_none")]
    license: Option<LicenseFile<'a>>,
}

#[derive(serde::Serialize)]
struct LicenseFile<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

/// Reads a profile file and checks it against the model.
pub fn read_profile(path: &Path, model: &Model) -> Result<(Profile, Vec<Diagnostic>), ReadError> {
    let text = read_text(path)?;
    let file = display_name(path);
    let root = yaml::parse(&text, &file)?;
    let mut diags = Vec::new();
    let mut profile = parse(&root, &mut diags);
    profile.file = Some(file);
    check_names(&root, &profile, model, &mut diags);
    if diags.iter().any(Diagnostic::is_error) {
        return Err(ReadError::Invalid(diags.into()));
    }
    Ok((profile, diags))
}

fn parse(root: &Node, diags: &mut Vec<Diagnostic>) -> Profile {
    let mut profile = Profile::default();
    let allowed = [
        "format",
        "info",
        "servers",
        "plurals",
        "external",
        "technical_id",
        "exclude",
        "names",
        "aggregates",
        "handelingen",
    ];
    let Some(fields) = Fields::new(root, &allowed, "profile", diags) else { return profile };
    if let Some(format) = fields.required_text("format", diags)
        && format != FORMAT
    {
        let message = format!("unknown format `{format}`; this patroon reads `{FORMAT}`");
        diags.push(Diagnostic::error(fields.at.clone(), "profile", message));
    }

    match fields.get("info") {
        Some(node) => profile.info = info(node, diags),
        None => diags.push(Diagnostic::error(root.at.clone(), "profile", "`info` is required")),
    }
    for node in fields.list("servers", diags) {
        let Some(server) = Fields::new(node, &["url", "description"], "servers", diags) else {
            continue;
        };
        let url = server.required_text("url", diags).unwrap_or_default();
        let last = url.trim_end_matches('/').rsplit('/').next();
        if !is_web_address(&url) || !last.is_some_and(is_major_version) {
            let message = format!(
                "server url `{url}` must be an http(s) address ending in the major version, like `https://example.org/api/v1`"
            );
            diags.push(Diagnostic::error(server.at.clone(), "servers", message));
        }
        profile.servers.push(Server { url, description: server.text("description", diags) });
    }
    if profile.servers.is_empty() {
        let message = "`servers` needs at least one server url ending in the major version";
        diags.push(Diagnostic::error(root.at.clone(), "profile", message));
    }
    profile.plurals = fields.text_map("plurals", diags);
    profile.external = external(&fields, diags);
    profile.technical_id = fields.text("technical_id", diags);
    profile.exclude = fields.refs("exclude", diags).into_iter().map(|name| name.name).collect();
    profile.names = fields.text_map("names", diags);
    profile.aggregates = patterns::aggregates(&fields, diags);
    profile.handelingen = patterns::handelingen(&fields, diags);
    profile
}

fn is_web_address(url: &str) -> bool {
    ["https://", "http://"].iter().any(|scheme| {
        url.strip_prefix(scheme).is_some_and(|rest| {
            let host = rest.split('/').next().unwrap_or_default();
            !host.is_empty() && !rest.contains(char::is_whitespace)
        })
    })
}

fn is_major_version(segment: &str) -> bool {
    segment.strip_prefix('v').is_some_and(|digits| {
        !digits.is_empty() && digits.chars().all(|digit| digit.is_ascii_digit())
    })
}

fn info(node: &Node, diags: &mut Vec<Diagnostic>) -> ApiInfo {
    let allowed = ["title", "version", "description", "contact", "license"];
    let Some(fields) = Fields::new(node, &allowed, "info", diags) else {
        return ApiInfo::default();
    };
    let version = fields.required_text("version", diags).unwrap_or_default();
    if !version.is_empty() && !is_semver(&version) {
        let message = format!("version `{version}` is not a semantic version like `1.0.0`");
        diags.push(Diagnostic::error(fields.at.clone(), "info.version", message));
    }
    let mut info = ApiInfo {
        title: fields.required_text("title", diags).unwrap_or_default(),
        version,
        description: fields.text("description", diags),
        ..ApiInfo::default()
    };
    match fields.get("contact") {
        Some(node) => {
            if let Some(contact) =
                Fields::new(node, &["name", "url", "email"], "info.contact", diags)
            {
                info.contact = Contact {
                    name: contact.required_text("name", diags).unwrap_or_default(),
                    url: contact.required_text("url", diags).unwrap_or_default(),
                    email: contact.required_text("email", diags).unwrap_or_default(),
                };
                let url = &info.contact.url;
                if !url.is_empty() && !is_web_address(url) {
                    let message = format!("contact url `{url}` must be an http(s) address");
                    diags.push(Diagnostic::error(contact.at.clone(), "info.contact", message));
                }
                let email = &info.contact.email;
                let (local, domain) = email.split_once('@').unwrap_or_default();
                if !email.is_empty() && (local.is_empty() || !domain.contains('.')) {
                    let message = format!("contact email `{email}` is not an e-mail address");
                    diags.push(Diagnostic::error(contact.at.clone(), "info.contact", message));
                }
            }
        }
        None => {
            let message = "`contact` with name, url and email is required by the API design rules";
            diags.push(Diagnostic::error(fields.at.clone(), "info", message));
        }
    }
    if let Some(node) = fields.get("license")
        && let Some(license) = Fields::new(node, &["name", "url"], "info.license", diags)
    {
        info.license_name = license.required_text("name", diags);
        info.license_url = license.text("url", diags);
    }
    info
}

fn is_semver(version: &str) -> bool {
    let core = version.split(['-', '+']).next().unwrap_or_default();
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts.iter().all(|part| {
            !part.is_empty()
                && part.chars().all(|digit| digit.is_ascii_digit())
                && (part.len() == 1 || !part.starts_with('0'))
        })
}

fn external(fields: &Fields<'_>, diags: &mut Vec<Diagnostic>) -> Vec<External> {
    let Some(node) = fields.get("external") else { return Vec::new() };
    let yaml::Value::Map(entries) = &node.value else {
        let message = "`external` must map objecttype names to the register that keeps them";
        diags.push(Diagnostic::error(node.at.clone(), "external", message));
        return Vec::new();
    };
    entries
        .iter()
        .filter_map(|(name, register)| {
            let objecttype = name.as_str()?.to_string();
            let register = register.as_str().map(str::trim).unwrap_or_default().to_string();
            if register.is_empty() {
                let message = format!("give the name of the register that keeps `{objecttype}`");
                diags.push(Diagnostic::error(name.at.clone(), "external", message));
            }
            Some(External { objecttype, register, at: name.at.clone() })
        })
        .collect()
}

/// The model path of every attribute (of objecttypes, groups and referentielijsten) and
/// every relation: the keys `names` may use.
fn member_paths(model: &Model) -> Vec<String> {
    let attributes = |owner: &str, attributes: &[crate::mim::Attribuutsoort]| -> Vec<String> {
        attributes.iter().map(|a| format!("{owner}.{}", a.element.name)).collect()
    };
    let mut paths = Vec::new();
    for objecttype in &model.objecttypes {
        paths.extend(attributes(&objecttype.element.name, &objecttype.attributes));
    }
    for group in &model.gegevensgroeptypen {
        paths.extend(attributes(&group.element.name, &group.attributes));
    }
    for list in &model.referentielijsten {
        paths.extend(attributes(&list.element.name, &list.elements));
    }
    paths.extend(model.relatiesoorten.iter().map(|relation| model.relation_path(relation)));
    paths
}

/// Reports every name in the profile that the model does not have.
fn check_names(root: &Node, profile: &Profile, model: &Model, diags: &mut Vec<Diagnostic>) {
    let objecttypes: Vec<&str> =
        model.objecttypes.iter().map(|objecttype| objecttype.element.name.as_str()).collect();
    let pluralizable: Vec<&str> = objecttypes
        .iter()
        .copied()
        .chain(model.referentielijsten.iter().map(|list| list.element.name.as_str()))
        .collect();
    let key_at = |section: &str, key: &str| -> Location {
        let yaml::Value::Map(entries) = &root.value else { return root.at.clone() };
        let section_node = entries.iter().find(|(name, _)| name.as_str() == Some(section));
        let Some((_, section_node)) = section_node else { return root.at.clone() };
        match &section_node.value {
            yaml::Value::Map(items) => items
                .iter()
                .find(|(name, _)| name.as_str() == Some(key))
                .map_or(section_node.at.clone(), |(name, _)| name.at.clone()),
            yaml::Value::Seq(items) => items
                .iter()
                .find(|item| item.as_str() == Some(key))
                .map_or(section_node.at.clone(), |item| item.at.clone()),
            _ => section_node.at.clone(),
        }
    };
    let mut unknown = |section: &str, name: &str, known: &[&str]| {
        if known.contains(&name) {
            return;
        }
        let mut message = format!("`{name}` is not in the model");
        if let Some(close) = suggest(name, known.iter().copied()) {
            message.push_str(&format!("; did you mean `{close}`?"));
        }
        diags.push(Diagnostic::error(key_at(section, name), section, message));
    };
    for name in profile.plurals.keys() {
        unknown("plurals", name, &pluralizable);
    }
    for external in &profile.external {
        unknown("external", &external.objecttype, &objecttypes);
    }
    for name in &profile.exclude {
        unknown("exclude", name, &objecttypes);
    }
    let member_paths = member_paths(model);
    let member_paths: Vec<&str> = member_paths.iter().map(String::as_str).collect();
    let any_owner: Vec<String> = member_paths
        .iter()
        .filter_map(|path| path.split_once('.').map(|(_, member)| format!("*.{member}")))
        .collect();
    let member_paths: Vec<&str> =
        member_paths.iter().copied().chain(any_owner.iter().map(String::as_str)).collect();
    for path in profile.names.keys() {
        unknown("names", path, &member_paths);
    }
    for (path, name) in &profile.names {
        let valid =
            name.chars().next().is_some_and(|first| first.is_ascii_alphabetic() || first == '_')
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !valid {
            let message = format!(
                "`{name}` is not a property name; use letters and digits, like `tijdstipGeladen`"
            );
            diags.push(Diagnostic::error(key_at("names", path), "names", message));
        }
    }
    for (section, plural) in &profile.plurals {
        if crate::pattern::naming::kebab(plural).is_empty() {
            let message = format!("the plural of `{section}` must contain letters or digits");
            diags.push(Diagnostic::error(key_at("plurals", section), "plurals", message));
        }
    }
    if let Some(technical_id) = &profile.technical_id {
        let identifying: Vec<&str> = model
            .objecttypes
            .iter()
            .flat_map(|objecttype| &objecttype.attributes)
            .filter(|attribute| attribute.identifying)
            .map(|attribute| attribute.element.name.as_str())
            .collect();
        if !identifying.contains(&technical_id.as_str()) {
            let at = match &root.value {
                yaml::Value::Map(entries) => entries
                    .iter()
                    .find(|(key, _)| key.as_str() == Some("technical_id"))
                    .map_or(root.at.clone(), |(_, value)| value.at.clone()),
                _ => root.at.clone(),
            };
            let mut message =
                format!("no objecttype has an identifying attribute `{technical_id}`");
            if let Some(close) = suggest(technical_id, identifying.iter().copied()) {
                message.push_str(&format!("; did you mean `{close}`?"));
            }
            diags.push(Diagnostic::error(at, "technical_id", message));
        }
    }
    patterns::check(profile, model, diags);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semver_and_major_version() {
        assert!(is_semver("1.0.0"));
        assert!(is_semver("2.10.3-rc.1"));
        assert!(!is_semver("1.0"));
        assert!(!is_semver("01.0.0"));
        assert!(is_major_version("v1"));
        assert!(!is_major_version("api"));
    }

    #[test]
    fn default_path_is_beside_the_model() {
        assert_eq!(
            Profile::default_path(Path::new("model/ki.yaml")),
            PathBuf::from("model/ki.profile.yaml")
        );
    }
}
