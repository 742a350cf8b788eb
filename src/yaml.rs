//! All YAML input and output of patroon, in one place so the YAML crates can be swapped.
//!
//! Input: YAML text and the file name to report in messages.
//! Output: a `Node` tree whose every node knows its line and column (for located
//! diagnostics), or YAML text written from any `serde::Serialize` value.
//! Not here: what the nodes mean; the model and profile readers decide that.
//! Anchors and aliases are refused: a model has no use for them, and refusing them
//! rules out alias-expansion bombs.

use std::sync::Arc;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use crate::location::Location;

/// A YAML node with the place where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// What the node holds.
    pub value: Value,
    /// Where the node starts.
    pub at: Location,
}

/// The content of a node. Scalars stay text; readers convert them as they need.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A scalar, with whether it was quoted (a quoted `1` is text, a plain one a number).
    Scalar {
        /// The scalar's text.
        text: String,
        /// Whether it was quoted.
        quoted: bool,
    },
    /// A sequence of nodes.
    Seq(Vec<Node>),
    /// A mapping, in file order; keys are nodes too so they keep their place.
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// The text of a scalar node, or `None` for sequences, mappings and null.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::Scalar { text, quoted } if *quoted || !is_null(text) => Some(text),
            _ => None,
        }
    }

    /// Whether the node is a plain `null`, `~` or empty scalar.
    pub fn is_null(&self) -> bool {
        matches!(&self.value, Value::Scalar { text, quoted: false } if is_null(text))
    }

    /// A short word for the node's kind, for messages.
    pub fn kind(&self) -> &'static str {
        match &self.value {
            Value::Scalar { .. } if self.is_null() => "null",
            Value::Scalar { .. } => "a scalar",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }
}

fn is_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

/// A YAML text that could not be parsed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{at}: {message}")]
pub struct SyntaxError {
    /// Where the parser stopped.
    pub at: Location,
    /// What the parser said, lowercase.
    pub message: String,
}

/// Parses one YAML document into a located node tree; an empty text gives a null node.
pub fn parse(text: &str, file: &Arc<str>) -> Result<Node, SyntaxError> {
    let mut builder =
        TreeBuilder { file: Arc::clone(file), stack: Vec::new(), root: None, error: None };
    // A byte-order mark is not content; editors on some systems write one.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut parser = Parser::new_from_str(text);
    if let Err(scan_error) = parser.load(&mut builder, true) {
        let marker = scan_error.marker();
        return Err(SyntaxError {
            at: location(file, marker),
            message: lowercase_first(scan_error.info()),
        });
    }
    if let Some(error) = builder.error {
        return Err(error);
    }
    Ok(builder.root.unwrap_or_else(|| Node {
        value: Value::Scalar { text: String::new(), quoted: false },
        at: Location::new(file, 1, 1),
    }))
}

fn location(file: &Arc<str>, marker: &Marker) -> Location {
    let line = u32::try_from(marker.line()).unwrap_or(u32::MAX);
    let col = u32::try_from(marker.col() + 1).unwrap_or(u32::MAX);
    Location::new(file, line, col)
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A container being filled while events arrive.
enum Open {
    Seq(Location, Vec<Node>),
    Map(Location, Vec<(Node, Node)>, Option<Node>),
}

struct TreeBuilder {
    file: Arc<str>,
    stack: Vec<Open>,
    root: Option<Node>,
    error: Option<SyntaxError>,
}

impl TreeBuilder {
    fn push_node(&mut self, node: Node) {
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
            Some(Open::Seq(_, items)) => items.push(node),
            Some(Open::Map(_, entries, pending_key)) => match pending_key.take() {
                None => *pending_key = Some(node),
                Some(key) => entries.push((key, node)),
            },
        }
    }

    fn refuse(&mut self, at: Location, message: &str) {
        if self.error.is_none() {
            self.error = Some(SyntaxError { at, message: message.to_string() });
        }
    }
}

impl MarkedEventReceiver for TreeBuilder {
    fn on_event(&mut self, event: Event, marker: Marker) {
        let at = location(&self.file, &marker);
        match event {
            Event::Scalar(text, style, anchor, _) => {
                if anchor > 0 {
                    self.refuse(at.clone(), "anchors are not supported in patroon files");
                }
                let quoted = style != TScalarStyle::Plain;
                self.push_node(Node { value: Value::Scalar { text, quoted }, at });
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) if anchor > 0 => {
                self.refuse(at.clone(), "anchors are not supported in patroon files");
                let open = match event {
                    Event::SequenceStart(..) => Open::Seq(at, Vec::new()),
                    _ => Open::Map(at, Vec::new(), None),
                };
                self.stack.push(open);
            }
            Event::SequenceStart(..) => self.stack.push(Open::Seq(at, Vec::new())),
            Event::MappingStart(..) => self.stack.push(Open::Map(at, Vec::new(), None)),
            Event::SequenceEnd | Event::MappingEnd => {
                let node = match self.stack.pop() {
                    Some(Open::Seq(at, items)) => Node { value: Value::Seq(items), at },
                    Some(Open::Map(at, entries, _)) => Node { value: Value::Map(entries), at },
                    None => return,
                };
                self.push_node(node);
            }
            Event::Alias(_) => self.refuse(at, "aliases are not supported in patroon files"),
            Event::DocumentStart => {
                if self.root.is_some() {
                    self.refuse(at, "a patroon file holds one YAML document, this is a second");
                }
            }
            Event::Nothing | Event::StreamStart | Event::StreamEnd | Event::DocumentEnd => {}
        }
    }
}

/// Writes any serialisable value as YAML text.
pub fn to_string<T: serde::Serialize>(value: &T) -> Result<String, String> {
    serde_yaml::to_string(value).map_err(|error| error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file() -> Arc<str> {
        Arc::from("t.yaml")
    }

    #[test]
    fn nodes_keep_line_and_column() {
        let node = parse("a: 1\nb:\n  - x\n  - 'y'\n", &file()).unwrap();
        let Value::Map(entries) = &node.value else { panic!("not a map") };
        assert_eq!(entries[1].0.at.to_string(), "t.yaml:2:1");
        let Value::Seq(items) = &entries[1].1.value else { panic!("not a seq") };
        assert_eq!(items[1].at.to_string(), "t.yaml:4:5");
        assert_eq!(items[1].value, Value::Scalar { text: "y".into(), quoted: true });
    }

    #[test]
    fn syntax_error_has_a_location() {
        let error = parse("a: [1, 2\nb: 3\n", &file()).unwrap_err();
        assert!(error.at.line >= 1, "{error}");
        assert!(error.to_string().starts_with("t.yaml:"), "{error}");
    }

    #[test]
    fn aliases_are_refused() {
        let error = parse("a: &x [1]\nb: *x\n", &file()).unwrap_err();
        assert!(error.message.contains("anchors"), "{error}");
    }

    #[test]
    fn a_second_document_is_refused() {
        let error = parse("a: 1\n---\nb: 2\n", &file()).unwrap_err();
        assert!(error.message.contains("second"), "{error}");
        assert_eq!(error.at.line, 2);
    }

    #[test]
    fn a_byte_order_mark_is_skipped() {
        let node = parse("\u{feff}a: 1\n", &file()).unwrap();
        let Value::Map(entries) = &node.value else { panic!("not a map") };
        assert_eq!(entries[0].0.as_str(), Some("a"));
    }

    #[test]
    fn empty_text_is_null() {
        assert!(parse("", &file()).unwrap().is_null());
    }
}
