//! Safe XML input for the XML readers: decoding, refusal of DTD tricks, and a pruned tree.
//!
//! Input: the raw bytes of a file, its name (for messages), and which elements to drop or
//! to flatten into text.
//! Output: an `XmlNode` tree holding only the elements the caller keeps, each with its
//! file:line:col, plus warnings (an ignored external DTD); or an `XmlError` with the
//! location and the element path where reading stopped.
//! Not here: what the elements mean (see `xmi` and `mim_xml`).
//!
//! Security: no DTD is ever loaded and no entity is ever expanded. A DOCTYPE that only
//! names an external DTD (as some exports write) is ignored with a warning; a DOCTYPE
//! with an internal subset (where entities are declared) is refused, and so is any
//! entity reference other than the five predefined ones and character references. That
//! rules out external entities and entity-expansion bombs before they are read.

use std::borrow::Cow;
use std::sync::Arc;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

use crate::location::{Diagnostic, Location};

/// Elements nested deeper than this are refused, so that no input can exhaust the stack.
pub const MAX_DEPTH: usize = 256;

/// Why an XML file could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{at}: {message}{}", path_suffix(.path))]
pub struct XmlError {
    /// Where reading stopped.
    pub at: Location,
    /// The path of open elements at that point, such as `XMI/XMI.content/UML:Model`.
    pub path: String,
    /// What is wrong, lowercase.
    pub message: String,
}

fn path_suffix(path: &str) -> String {
    if path.is_empty() { String::new() } else { format!(" (in `{path}`)") }
}

/// Attributes of an element: qualified names as written, values unescaped.
pub type Attrs = [(Box<str>, Box<str>)];

/// One kept XML element.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct XmlNode {
    /// The qualified name as written, such as `UML:Class` or `packagedElement`.
    pub name: Box<str>,
    /// Attributes in file order, qualified names as written, values unescaped.
    pub attrs: Vec<(Box<str>, Box<str>)>,
    /// The element's own text (for flattened elements: all text below it).
    pub text: String,
    /// Kept child elements.
    pub children: Vec<XmlNode>,
    /// Where the start tag begins.
    pub at: Location,
}

impl XmlNode {
    /// The name without its namespace prefix.
    pub fn local(&self) -> &str {
        local_name(&self.name)
    }

    /// The value of the attribute with this qualified name.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(key, _)| &**key == name).map(|(_, value)| &**value)
    }

    /// The value of the attribute whose name without prefix is `local`.
    pub fn attr_local(&self, local: &str) -> Option<&str> {
        self.attrs.iter().find(|(key, _)| local_name(key) == local).map(|(_, value)| &**value)
    }

    /// The children whose name without prefix is `local`.
    pub fn children_named<'a>(&'a self, local: &'a str) -> impl Iterator<Item = &'a XmlNode> {
        self.children.iter().filter(move |child| child.local() == local)
    }

    /// The first child whose name without prefix is `local`.
    pub fn child(&self, local: &str) -> Option<&XmlNode> {
        self.children.iter().find(|child| child.local() == local)
    }

    /// The trimmed text of this element, `None` when empty.
    pub fn trimmed_text(&self) -> Option<String> {
        let text = self.text.trim();
        if text.is_empty() { None } else { Some(text.to_string()) }
    }
}

/// The part of a qualified name after the namespace prefix.
pub fn local_name(name: &str) -> &str {
    name.rsplit_once(':').map_or(name, |(_, local)| local)
}

/// What to do with an element while reading.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keep {
    /// Keep it and look at its children.
    Element,
    /// Drop it and everything below it.
    Skip,
    /// Keep it, and gather all text below it into its `text` (children are not kept).
    Flatten,
}

/// Decodes a file's bytes to text, honouring a byte-order mark or the declared encoding.
pub fn decode(bytes: &[u8], file: &Arc<str>) -> Result<String, XmlError> {
    let (encoding, body) = match encoding_rs::Encoding::for_bom(bytes) {
        Some((encoding, bom_len)) => (encoding, &bytes[bom_len..]),
        None => (declared_encoding(bytes, file)?, bytes),
    };
    if encoding == encoding_rs::UTF_8 {
        return match std::str::from_utf8(body) {
            Ok(text) => Ok(text.to_string()),
            Err(error) => {
                let text = String::from_utf8_lossy(&body[..error.valid_up_to()]);
                let at = LineIndex::new(&text).location(file, text.len());
                let message =
                    "the file is not valid UTF-8 here; check the encoding in its XML declaration";
                Err(XmlError { at, path: String::new(), message: message.to_string() })
            }
        };
    }
    let (text, had_errors) = encoding.decode_without_bom_handling(body);
    if had_errors {
        let message = format!("the file is not valid {}", encoding.name());
        return Err(XmlError { at: Location::file(file), path: String::new(), message });
    }
    Ok(text.into_owned())
}

/// The encoding named in the XML declaration; UTF-8 when there is none.
fn declared_encoding(
    bytes: &[u8],
    file: &Arc<str>,
) -> Result<&'static encoding_rs::Encoding, XmlError> {
    let head = &bytes[..bytes.len().min(200)];
    let Some(head) = head.strip_prefix(b"<?xml") else { return Ok(encoding_rs::UTF_8) };
    let end = head.windows(2).position(|pair| pair == b"?>").unwrap_or(head.len());
    let declaration = String::from_utf8_lossy(&head[..end]);
    let Some(rest) = declaration.split_once("encoding").map(|(_, rest)| rest) else {
        return Ok(encoding_rs::UTF_8);
    };
    let rest = rest.trim_start().trim_start_matches('=').trim_start();
    let quote = rest.chars().next().unwrap_or('"');
    let label: String = rest.chars().skip(1).take_while(|c| *c != quote).collect();
    encoding_rs::Encoding::for_label(label.trim().as_bytes()).ok_or_else(|| XmlError {
        at: Location::new(file, 1, 1),
        path: String::new(),
        message: format!("unknown encoding `{label}` in the XML declaration"),
    })
}

/// Line starts of a text, to turn byte offsets into 1-based line and column.
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.bytes().enumerate().filter(|(_, b)| *b == b'\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// The location of byte `offset` in `text` (column counted in characters).
    pub fn at(&self, text: &str, file: &Arc<str>, offset: usize) -> Location {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|start| *start <= offset).max(1);
        let start = self.starts[line - 1];
        let col = text.get(start..offset).map_or(1, |slice| slice.chars().count() + 1);
        Location::new(file, to_u32(line), to_u32(col))
    }

    fn location(&self, file: &Arc<str>, offset: usize) -> Location {
        let line = self.starts.partition_point(|start| *start <= offset).max(1);
        let col = offset - self.starts[line - 1] + 1;
        Location::new(file, to_u32(line), to_u32(col))
    }
}

fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// The root element's qualified name and its attributes, read without building a tree.
pub fn root_element(text: &str) -> Option<(String, Vec<(String, String)>)> {
    let mut reader = Reader::from_str(text);
    loop {
        match reader.read_event() {
            Ok(Event::Start(start) | Event::Empty(start)) => {
                let name = String::from_utf8_lossy(start.name().as_ref()).into_owned();
                let attrs = start
                    .attributes()
                    .flatten()
                    .map(|attr| {
                        let key = String::from_utf8_lossy(attr.key.as_ref()).into_owned();
                        let value = String::from_utf8_lossy(&attr.value).into_owned();
                        (key, value)
                    })
                    .collect();
                return Some((name, attrs));
            }
            Ok(Event::Eof) | Err(_) => return None,
            Ok(_) => {}
        }
    }
}

/// Reads `text` into a tree of the elements `keep` does not skip.
///
/// Returns the root and the warnings found (such as an ignored external DTD).
pub fn parse_tree(
    text: &str,
    file: &Arc<str>,
    keep: &dyn Fn(&str, &Attrs) -> Keep,
) -> Result<(XmlNode, Vec<Diagnostic>), XmlError> {
    let lines = LineIndex::new(text);
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut warnings = Vec::new();
    // Kept elements that are open; the last one receives text and children.
    let mut stack: Vec<XmlNode> = Vec::new();
    // Open elements inside a skipped subtree, and inside a flattened one.
    let mut skipping = 0usize;
    let mut flattening = 0usize;
    let mut root: Option<XmlNode> = None;

    let fail = |stack: &[XmlNode], offset: u64, message: String| {
        let offset = usize::try_from(offset).unwrap_or(usize::MAX);
        let path: Vec<&str> = stack.iter().map(|node| &*node.name).collect();
        XmlError { at: lines.at(text, file, offset), path: path.join("/"), message }
    };

    loop {
        let offset = reader.buffer_position();
        let event = match reader.read_event() {
            Ok(event) => event,
            Err(error) => {
                let message = lowercase_first(&error.to_string());
                return Err(fail(&stack, reader.error_position(), message));
            }
        };
        match event {
            Event::Start(_) if skipping > 0 => skipping += 1,
            Event::Empty(_) if skipping > 0 => {}
            Event::End(_) if skipping > 0 => skipping -= 1,
            Event::Start(start) if flattening > 0 => {
                flatten_break(&mut stack, &String::from_utf8_lossy(start.name().as_ref()));
                flattening += 1;
            }
            Event::Empty(start) if flattening > 0 => {
                flatten_break(&mut stack, &String::from_utf8_lossy(start.name().as_ref()));
            }
            Event::End(_) if flattening > 1 => flattening -= 1,
            Event::Start(start) => {
                let node = start_node(&start, &lines, text, file, offset)
                    .map_err(|message| fail(&stack, offset, message))?;
                if stack.len() >= MAX_DEPTH {
                    let message = format!("elements are nested more than {MAX_DEPTH} deep");
                    return Err(fail(&stack, offset, message));
                }
                match keep(&node.name, &node.attrs) {
                    Keep::Skip => skipping = 1,
                    Keep::Element => stack.push(node),
                    Keep::Flatten => {
                        flattening = 1;
                        stack.push(node);
                    }
                }
            }
            Event::Empty(start) => {
                let node = start_node(&start, &lines, text, file, offset)
                    .map_err(|message| fail(&stack, offset, message))?;
                if keep(&node.name, &node.attrs) != Keep::Skip {
                    close(&mut stack, &mut root, node);
                }
            }
            Event::End(_) => {
                flattening = 0;
                if let Some(node) = stack.pop() {
                    close(&mut stack, &mut root, node);
                }
            }
            Event::Text(content) => {
                if skipping == 0
                    && let Some(node) = stack.last_mut()
                {
                    // Indentation between elements is most of the text events; skip it early.
                    let blank = content.iter().all(u8::is_ascii_whitespace);
                    if blank && flattening == 0 && node.text.is_empty() {
                        continue;
                    }
                    let decoded = content
                        .xml_content()
                        .map_err(|error| fail(&[], offset, lowercase_first(&error.to_string())))?;
                    if flattening > 0 || !node.text.is_empty() || !decoded.trim().is_empty() {
                        node.text.push_str(&decoded);
                    }
                }
            }
            Event::CData(content) => {
                if skipping == 0
                    && let Some(node) = stack.last_mut()
                {
                    node.text.push_str(&String::from_utf8_lossy(&content));
                }
            }
            Event::GeneralRef(reference) => {
                let resolved = resolve_reference(&reference)
                    .map_err(|message| fail(&stack, offset, message))?;
                if skipping == 0
                    && let Some(node) = stack.last_mut()
                {
                    node.text.push(resolved);
                }
            }
            Event::DocType(doctype) => {
                let content = String::from_utf8_lossy(&doctype).into_owned();
                let at = lines.at(text, file, usize::try_from(offset).unwrap_or(usize::MAX));
                if content.contains('[') || content.contains("<!") {
                    let message = "a DOCTYPE with an internal subset is refused; patroon never \
                                   reads DTDs or entity declarations";
                    return Err(XmlError { at, path: String::new(), message: message.into() });
                }
                let message = format!(
                    "the DOCTYPE `{}` is ignored; its DTD is not loaded",
                    content.split_whitespace().collect::<Vec<_>>().join(" ")
                );
                warnings.push(Diagnostic::warning(at, "", message));
            }
            Event::Eof => break,
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
        }
    }

    if let Some(node) = stack.last() {
        let message = format!("the file ends before `{}` is closed", node.name);
        return Err(fail(&stack, reader.buffer_position(), message));
    }
    root.ok_or_else(|| XmlError {
        at: Location::file(file),
        path: String::new(),
        message: "the file holds no XML element".to_string(),
    })
    .map(|root| (root, warnings))
}

/// Block elements inside flattened text start a new line.
fn flatten_break(stack: &mut [XmlNode], name: &str) {
    if matches!(local_name(name), "p" | "li" | "br" | "div" | "tr")
        && let Some(node) = stack.last_mut()
        && !node.text.trim().is_empty()
        && !node.text.ends_with('\n')
    {
        node.text.push('\n');
    }
}

fn close(stack: &mut [XmlNode], root: &mut Option<XmlNode>, mut node: XmlNode) {
    node.children.shrink_to_fit();
    match stack.last_mut() {
        Some(parent) => parent.children.push(node),
        None => {
            if root.is_none() {
                *root = Some(node);
            }
        }
    }
}

fn start_node(
    start: &BytesStart<'_>,
    lines: &LineIndex,
    text: &str,
    file: &Arc<str>,
    offset: u64,
) -> Result<XmlNode, String> {
    let name: Box<str> = String::from_utf8_lossy(start.name().as_ref()).into();
    let mut attrs = Vec::new();
    for attr in start.attributes() {
        let attr = attr.map_err(|error| lowercase_first(&error.to_string()))?;
        let key: Box<str> = String::from_utf8_lossy(attr.key.as_ref()).into();
        let value = attr.unescape_value().map_err(|error| match error {
            quick_xml::Error::Escape(escape) => {
                format!("attribute `{key}`: {}; only the predefined entities are read", escape)
            }
            other => lowercase_first(&other.to_string()),
        })?;
        attrs.push((key, Box::from(value.as_ref())));
    }
    let offset = usize::try_from(offset).unwrap_or(usize::MAX);
    Ok(XmlNode {
        name,
        attrs,
        text: String::new(),
        children: Vec::new(),
        at: lines.at(text, file, offset),
    })
}

fn resolve_reference(reference: &quick_xml::events::BytesRef<'_>) -> Result<char, String> {
    if reference.is_char_ref() {
        return match reference.resolve_char_ref() {
            Ok(Some(resolved)) => Ok(resolved),
            _ => Err("invalid character reference".to_string()),
        };
    }
    let name: Cow<'_, str> = String::from_utf8_lossy(reference);
    match name.as_ref() {
        "lt" => Ok('<'),
        "gt" => Ok('>'),
        "amp" => Ok('&'),
        "apos" => Ok('\''),
        "quot" => Ok('"'),
        other => Err(format!(
            "the entity `&{other};` is refused; patroon expands only the predefined entities"
        )),
    }
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file() -> Arc<str> {
        Arc::from("t.xml")
    }

    fn keep_all(_: &str, _: &Attrs) -> Keep {
        Keep::Element
    }

    #[test]
    fn nodes_know_their_line_and_column() {
        let text = "<?xml version=\"1.0\"?>\n<a>\n  <b x=\"1 &amp; 2\"/>\n  <c>t&#233;</c>\n</a>\n";
        let (root, warnings) = parse_tree(text, &file(), &keep_all).unwrap();
        assert!(warnings.is_empty());
        assert_eq!(root.children[0].at.to_string(), "t.xml:3:3");
        assert_eq!(root.children[0].attr("x"), Some("1 & 2"));
        assert_eq!(root.children[1].text, "té");
    }

    #[test]
    fn skipped_elements_and_their_children_are_dropped() {
        let text = "<a><skip><b/><c><d/></c></skip><b/></a>";
        let keep = |name: &str, _: &Attrs| {
            if name == "skip" { Keep::Skip } else { Keep::Element }
        };
        let (root, _) = parse_tree(text, &file(), &keep).unwrap();
        assert_eq!(root.children.len(), 1);
        assert_eq!(&*root.children[0].name, "b");
    }

    #[test]
    fn flattened_elements_gather_their_text_in_order() {
        let text = "<a><body><p>een <em>twee</em> drie</p><p>vier</p></body></a>";
        let keep = |name: &str, _: &Attrs| {
            if name == "body" { Keep::Flatten } else { Keep::Element }
        };
        let (root, _) = parse_tree(text, &file(), &keep).unwrap();
        assert_eq!(root.children[0].text, "een twee drie\nvier");
    }

    #[test]
    fn windows_1252_is_decoded_as_declared() {
        let bytes = b"<?xml version=\"1.0\" encoding=\"windows-1252\"?><a n=\"Re\xEBel\"/>";
        let text = decode(bytes, &file()).unwrap();
        assert!(text.contains("Reëel"));
    }

    #[test]
    fn invalid_utf8_is_located() {
        let bytes = b"<?xml version=\"1.0\"?>\n<a n=\"Re\xEBel\"/>";
        let error = decode(bytes, &file()).unwrap_err();
        assert_eq!(error.at.to_string(), "t.xml:2:9");
    }

    #[test]
    fn an_external_dtd_is_ignored_with_a_warning() {
        let text = "<?xml version=\"1.0\"?>\n<!DOCTYPE XMI SYSTEM \"UMLX13.dtd\">\n<XMI/>";
        let (root, warnings) = parse_tree(text, &file(), &keep_all).unwrap();
        assert_eq!(&*root.name, "XMI");
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].at.to_string(), "t.xml:2:1");
    }

    #[test]
    fn an_internal_subset_is_refused() {
        let text = "<?xml version=\"1.0\"?>\n<!DOCTYPE a [<!ENTITY x \"y\">]>\n<a>&x;</a>";
        let error = parse_tree(text, &file(), &keep_all).unwrap_err();
        assert_eq!(error.at.to_string(), "t.xml:2:1");
        assert!(error.message.contains("internal subset"), "{error}");
    }

    #[test]
    fn an_undeclared_entity_is_refused_with_its_path() {
        let text = "<a>\n<b>&x;</b></a>";
        let error = parse_tree(text, &file(), &keep_all).unwrap_err();
        assert!(error.to_string().contains("`&x;`"), "{error}");
        assert!(error.to_string().contains("(in `a/b`)"), "{error}");
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = format!("{}{}", "<a>".repeat(MAX_DEPTH + 1), "</a>".repeat(MAX_DEPTH + 1));
        let error = parse_tree(&text, &file(), &keep_all).unwrap_err();
        assert!(error.message.contains("nested"), "{error}");
    }

    #[test]
    fn mismatched_tags_are_located() {
        let error = parse_tree("<a>\n  <b></c></a>", &file(), &keep_all).unwrap_err();
        assert_eq!(error.at.line, 2, "{error}");
    }
}
