//! Typed access to the keys of a located YAML mapping, shared by the YAML readers.
//!
//! Input: a `yaml::Node` that should be a mapping, the keys it may have, the model path.
//! Output: values of the right type, and a diagnostic (with location and, for an unknown
//! key, a suggestion) for every key that is missing, unknown or of the wrong type.
//! Not here: what the keys mean; the model and profile readers decide that.

use indexmap::IndexMap;

use crate::location::{Diagnostic, Location, suggest};
use crate::read::doc::NameRef;
use crate::yaml::{Node, Value};

/// The keys of one mapping, checked against the keys it may have.
pub struct Fields<'a> {
    entries: &'a [(Node, Node)],
    /// Where the mapping starts.
    pub at: Location,
    /// The model path of the element the mapping describes.
    pub path: String,
}

impl<'a> Fields<'a> {
    /// Reads `node` as a mapping with only `allowed` keys; reports anything else.
    pub fn new(
        node: &'a Node,
        allowed: &[&str],
        path: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Fields<'a>> {
        let Value::Map(entries) = &node.value else {
            let message = format!("expected a mapping, found {}", node.kind());
            diags.push(Diagnostic::error(node.at.clone(), path, message));
            return None;
        };

        let mut seen: Vec<&str> = Vec::new();
        for (key, _) in entries {
            let Some(name) = key.as_str() else {
                diags.push(Diagnostic::error(key.at.clone(), path, "a key must be text"));
                continue;
            };
            if seen.contains(&name) {
                let message = format!("key `{name}` is given twice");
                diags.push(Diagnostic::error(key.at.clone(), path, message));
            }
            seen.push(name);
            if !allowed.contains(&name) {
                let mut message = format!("unknown key `{name}`");
                match suggest(name, allowed.iter().copied()) {
                    Some(close) => message.push_str(&format!("; did you mean `{close}`?")),
                    None => message.push_str(&format!("; allowed here: {}", allowed.join(", "))),
                }
                diags.push(Diagnostic::error(key.at.clone(), path, message));
            }
        }
        // A block mapping's own mark falls on its first colon; its first key is where a
        // reader looks.
        let at = entries.first().map_or_else(|| node.at.clone(), |(key, _)| key.at.clone());
        Some(Fields { entries, at, path: path.to_string() })
    }

    /// The value node of `key`, unless absent or null.
    pub fn get(&self, key: &str) -> Option<&'a Node> {
        self.entries
            .iter()
            .find(|(name, _)| name.as_str() == Some(key))
            .map(|(_, value)| value)
            .filter(|value| !value.is_null())
    }

    fn wrong_type(&self, node: &Node, key: &str, expected: &str, diags: &mut Vec<Diagnostic>) {
        let message = format!("`{key}` must be {expected}, found {}", node.kind());
        diags.push(Diagnostic::error(node.at.clone(), &self.path, message));
    }

    /// Text of `key`, if present.
    pub fn text(&self, key: &str, diags: &mut Vec<Diagnostic>) -> Option<String> {
        let node = self.get(key)?;
        match node.as_str() {
            Some(text) => Some(text.to_string()),
            None => {
                self.wrong_type(node, key, "text", diags);
                None
            }
        }
    }

    /// Text of `key`, reported when absent or blank.
    pub fn required_text(&self, key: &str, diags: &mut Vec<Diagnostic>) -> Option<String> {
        let Some(node) = self.get(key) else {
            let message = format!("`{key}` is required");
            diags.push(Diagnostic::error(self.at.clone(), &self.path, message));
            return None;
        };
        let text = self.text(key, diags)?;
        if text.trim().is_empty() {
            let message = format!("`{key}` must not be empty");
            diags.push(Diagnostic::error(node.at.clone(), &self.path, message));
            return None;
        }
        Some(text)
    }

    /// A reference by name in `key`, reported when absent.
    pub fn required_ref(&self, key: &str, diags: &mut Vec<Diagnostic>) -> NameRef {
        let at = self.get(key).map_or_else(|| self.at.clone(), |node| node.at.clone());
        let name = self.required_text(key, diags).unwrap_or_default();
        NameRef { name, at }
    }

    /// A list of references by name in `key` (a single name is taken as a list of one).
    pub fn refs(&self, key: &str, diags: &mut Vec<Diagnostic>) -> Vec<NameRef> {
        let Some(node) = self.get(key) else { return Vec::new() };
        if let Some(name) = node.as_str() {
            return vec![NameRef { name: name.to_string(), at: node.at.clone() }];
        }
        self.list(key, diags)
            .iter()
            .filter_map(|item| match item.as_str() {
                Some(name) => Some(NameRef { name: name.to_string(), at: item.at.clone() }),
                None => {
                    self.wrong_type(item, key, "a list of names", diags);
                    None
                }
            })
            .collect()
    }

    /// A boolean in `key`; `false` when absent.
    pub fn flag(&self, key: &str, diags: &mut Vec<Diagnostic>) -> bool {
        let Some(node) = self.get(key) else { return false };
        match &node.value {
            Value::Scalar { text, quoted: false } => match text.as_str() {
                "true" | "True" | "TRUE" => true,
                "false" | "False" | "FALSE" => false,
                other => {
                    let message = format!("`{key}` must be true or false, found `{other}`");
                    diags.push(Diagnostic::error(node.at.clone(), &self.path, message));
                    false
                }
            },
            _ => {
                self.wrong_type(node, key, "true or false", diags);
                false
            }
        }
    }

    /// A whole number in `key`, if present.
    pub fn number(&self, key: &str, diags: &mut Vec<Diagnostic>) -> Option<u32> {
        let node = self.get(key)?;
        let parsed = node.as_str().and_then(|text| text.trim().parse::<u32>().ok());
        if parsed.is_none() {
            self.wrong_type(node, key, "a whole number", diags);
        }
        parsed
    }

    /// The items of a list in `key`; empty when absent.
    pub fn list(&self, key: &str, diags: &mut Vec<Diagnostic>) -> &'a [Node] {
        let Some(node) = self.get(key) else { return &[] };
        match &node.value {
            Value::Seq(items) => items,
            _ => {
                self.wrong_type(node, key, "a list", diags);
                &[]
            }
        }
    }

    /// A map of text to text in `key` (used for free tagged values).
    pub fn text_map(&self, key: &str, diags: &mut Vec<Diagnostic>) -> IndexMap<String, String> {
        let mut map = IndexMap::new();
        let Some(node) = self.get(key) else { return map };
        let Value::Map(entries) = &node.value else {
            self.wrong_type(node, key, "a mapping of text to text", diags);
            return map;
        };
        for (name, value) in entries {
            match (name.as_str(), value.as_str()) {
                (Some(name), Some(value)) => {
                    map.insert(name.to_string(), value.to_string());
                }
                (Some(name), None) if value.is_null() => {
                    map.insert(name.to_string(), String::new());
                }
                _ => self.wrong_type(value, key, "a mapping of text to text", diags),
            }
        }
        map
    }
}
