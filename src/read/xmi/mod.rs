//! Reads Enterprise Architect XMI exports: XMI 1.0 (long form), 1.1 (UML 1.3), 2.1 and 2.5.1.
//!
//! Input: the file's bytes (any declared encoding) and its name for messages.
//! Output: a `ModelDoc` whose elements point at their XML element, plus warnings for
//! everything kept with a change (renamed clashes, external types, unknown stereotypes
//! and tags); or a `ReadError` with file:line:col.
//! Not here: the XML itself (`read::xml`), the mapping tables (`stereotypes`, `tags`) and
//! the name decisions (`read::resolve`).
//!
//! The file is read in one streaming pass into a tree that keeps only model elements
//! (diagrams, EA styles and tag definitions are dropped while reading); the interpretation
//! then walks that tree, because XMI 2.x puts stereotypes and tags at the end of the file.

mod stereotypes;
mod tags;
mod uml13;
mod uml2;

pub use stereotypes::normalise as normalise_stereotype;
pub use tags::{
    ATTRIBUTE_FIELDS, DATATYPE_FIELDS, Field, LIST_FIELDS, Meta, VALUE_FIELDS, bounds, is_yes,
    multiplicity,
};

use std::collections::BTreeMap;
use std::sync::Arc;

use crate::location::{Diagnostic, Location};
use crate::read::ReadError;
use crate::read::doc::{ElementDoc, ModelDoc};
use crate::read::raw::{Kind, RawModel};
use crate::read::xml::{self, Attrs, Keep, XmlNode};
use stereotypes::{AttributeRole, ClassRole, PackageRole};

/// Reads an XMI file into a model document and the warnings found.
pub fn parse(bytes: &[u8], file: &Arc<str>) -> Result<(ModelDoc, Vec<Diagnostic>), ReadError> {
    let text = xml::decode(bytes, file)?;
    let (root, warnings) = xml::parse_tree(&text, file, &keep)?;
    let raw = read_tree(&root)?;
    let (doc, mut diags) = crate::read::resolve::resolve(&raw, file);
    diags.splice(0..0, warnings);
    if doc.packages.is_empty() {
        let message = "the file holds no classes, datatypes or enumerations to read";
        return Err(ReadError::Unsupported { at: root.at.clone(), message: message.to_string() });
    }
    Ok((doc, diags))
}

/// Reads an already parsed XMI tree into the raw model.
fn read_tree(root: &XmlNode) -> Result<RawModel, ReadError> {
    if root.local() != "XMI" {
        let message = format!("expected an XMI file, found the root element `{}`", root.name);
        return Err(ReadError::Unsupported { at: root.at.clone(), message });
    }
    let version = root.attr("xmi.version").or_else(|| root.attr("xmi:version")).unwrap_or("");
    let is_2x = root.attr("xmi:version").is_some()
        || root
            .attrs
            .iter()
            .any(|(key, value)| key.starts_with("xmlns") && value.contains("/XMI/"));
    let mut collector = Collector::new();
    if is_2x {
        uml2::read(root, &mut collector);
    } else if version.starts_with('1') || version.is_empty() {
        uml13::read(root, &mut collector);
    } else {
        let message = format!(
            "XMI version `{version}` is not supported; patroon reads 1.0, 1.1, 2.1 and 2.5.1"
        );
        return Err(ReadError::Unsupported { at: root.at.clone(), message });
    }
    Ok(collector.finish())
}

/// Drops, while reading, what never carries model content.
///
/// `XMI.extension` is kept: inside an XMI 1.1 tagged value it holds the text of a
/// `<memo>` value.
fn keep(name: &str, attrs: &Attrs) -> Keep {
    let local = xml::local_name(name);
    let dropped = matches!(
        local,
        "Diagram"
            | "diagrams"
            | "XMI.extensions"
            | "XMI.header"
            | "XMI.difference"
            | "Collaboration"
            | "ClassifierRole"
            | "DiagramElement"
            | "profiles"
            | "primitivetypes"
            | "xrefs"
            | "appearance"
            | "style"
            | "styleex"
            | "extendedProperties"
            | "lifecycle"
            | "code"
            | "modelDocument"
            | "profileApplication"
            | "Documentation"
            | "Behavioral_Elements.Collaborations.Collaboration"
    );
    let diagram =
        attrs.iter().any(|(key, value)| &**key == "xmi:type" && &**value == "uml:Diagram");
    if dropped || diagram { Keep::Skip } else { Keep::Element }
}

/// Gathers the raw model and the names it could not place, shared by both XMI readers.
pub(crate) struct Collector {
    pub raw: RawModel,
    unknown_tags: tags::Unknown,
    unknown_stereotypes: BTreeMap<String, (usize, Location)>,
}

impl Collector {
    pub(crate) fn new() -> Collector {
        Collector {
            raw: RawModel::default(),
            unknown_tags: tags::Unknown::default(),
            unknown_stereotypes: BTreeMap::new(),
        }
    }

    fn unknown_stereotype(&mut self, name: &str, at: &Location) {
        let entry = self.unknown_stereotypes.entry(name.to_string()).or_insert((0, at.clone()));
        entry.0 += 1;
    }

    /// The element's MIM fields from its name, notes and tags.
    pub(crate) fn element<'a>(
        &mut self,
        name: &str,
        at: &Location,
        documentation: Option<&str>,
        tags: impl IntoIterator<Item = (&'a str, &'a str)>,
        unknown_stereotypes: &[String],
    ) -> (ElementDoc, tags::Meta) {
        let mut meta = tags::read(tags, at, &mut self.unknown_tags);
        let documentation = documentation.and_then(tags::clean_value);
        // The tag `Definitie` wins; the tool's own notes then become the notes, or a tag.
        let (definition, other_notes) = match (meta.definition.take(), documentation) {
            (Some(definition), Some(notes)) if notes != definition => {
                (Some(definition), Some(notes))
            }
            (Some(definition), _) => (Some(definition), None),
            (None, notes) => (notes, None),
        };
        let mut element = ElementDoc {
            name: name.trim().to_string(),
            definition,
            notes: meta.notes.take(),
            herkomst: meta.herkomst.take(),
            tags: std::mem::take(&mut meta.tags),
            at: at.clone(),
        };
        match (&element.notes, other_notes) {
            (None, Some(notes)) => element.notes = Some(notes),
            (Some(_), Some(notes)) => {
                element.tags.insert("notes".to_string(), notes);
            }
            _ => {}
        }
        if !unknown_stereotypes.is_empty() {
            element.tags.insert("stereotype".to_string(), unknown_stereotypes.join(", "));
        }
        (element, meta)
    }

    /// The MIM kind of a classifier, from its stereotypes and its UML metaclass.
    ///
    /// Returns the kind (or `None` to skip the element) and the stereotypes not understood.
    fn classifier_kind(
        &mut self,
        stereotypes: &[String],
        metaclass: &str,
        has_attributes: bool,
        has_values: bool,
        at: &Location,
    ) -> (Option<Kind>, Vec<String>) {
        let mut kind = None;
        let mut unknown = Vec::new();
        for stereotype in stereotypes {
            match stereotypes::class_role(stereotype) {
                Some(ClassRole::Kind(found)) => kind = kind.or(Some(found)),
                Some(ClassRole::Datatype) => {
                    let found = if has_attributes {
                        Kind::GestructureerdDatatype
                    } else {
                        Kind::PrimitiefDatatype
                    };
                    kind = kind.or(Some(found));
                }
                Some(ClassRole::Codelist) => {
                    let found = if has_values { Kind::Enumeratie } else { Kind::Codelijst };
                    kind = kind.or(Some(found));
                }
                Some(ClassRole::Marker) => {}
                None => {
                    self.unknown_stereotype(stereotype, at);
                    unknown.push(stereotype.clone());
                }
            }
        }
        let by_metaclass = match metaclass {
            "Class" => Some(Kind::Objecttype),
            "AssociationClass" => Some(Kind::Relatieklasse),
            "DataType" if has_attributes => Some(Kind::GestructureerdDatatype),
            "DataType" | "PrimitiveType" => Some(Kind::PrimitiefDatatype),
            "Enumeration" => Some(Kind::Enumeratie),
            "Interface" => Some(Kind::Extern),
            _ => None,
        };
        (kind.or(by_metaclass), unknown)
    }

    /// What the stereotypes of an attribute say: identifying, voidable, value; and the
    /// stereotypes not understood.
    fn attribute_roles(&mut self, stereotypes: &[String], at: &Location) -> (Roles, Vec<String>) {
        let mut roles = Roles::default();
        let mut unknown = Vec::new();
        for stereotype in stereotypes {
            match stereotypes::attribute_role(stereotype) {
                Some(AttributeRole::Identifying) => roles.identifying = true,
                Some(AttributeRole::Voidable) => roles.voidable = true,
                Some(AttributeRole::Value) => roles.value = true,
                Some(AttributeRole::Plain | AttributeRole::Marker) => {}
                None => {
                    self.unknown_stereotype(stereotype, at);
                    unknown.push(stereotype.clone());
                }
            }
        }
        (roles, unknown)
    }

    /// The stereotypes of a link not understood (unknown ones are counted).
    fn link_stereotypes(&mut self, stereotypes: &[String], at: &Location) -> Vec<String> {
        let mut unknown = Vec::new();
        for stereotype in stereotypes {
            if !stereotypes::is_known_link(stereotype) && !stereotypes::is_ignored_link(stereotype)
            {
                self.unknown_stereotype(stereotype, at);
                unknown.push(stereotype.clone());
            }
        }
        unknown
    }

    /// The role of a package from its stereotypes, and the stereotypes not understood.
    fn package_role(
        &mut self,
        stereotypes: &[String],
        at: &Location,
    ) -> (Option<PackageRole>, Vec<String>) {
        let mut role = None;
        let mut unknown = Vec::new();
        for stereotype in stereotypes {
            match stereotypes::package_role(stereotype) {
                Some(found) => role = role.or(Some(found)),
                None => {
                    self.unknown_stereotype(stereotype, at);
                    unknown.push(stereotype.clone());
                }
            }
        }
        (role, unknown)
    }

    pub(crate) fn finish(mut self) -> RawModel {
        for (name, (count, at)) in std::mem::take(&mut self.unknown_stereotypes) {
            let message = format!(
                "unknown stereotype `{name}` on {count} element(s); kept in the tag `stereotype`"
            );
            self.raw.diagnostics.push(Diagnostic::warning(at, "", message));
        }
        for (name, (count, at)) in std::mem::take(&mut self.unknown_tags.0) {
            let message =
                format!("unknown tagged value `{name}` on {count} element(s); kept in `tags`");
            self.raw.diagnostics.push(Diagnostic::warning(at, "", message));
        }
        self.raw
    }
}

/// What an attribute's stereotypes say.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Roles {
    identifying: bool,
    voidable: bool,
    value: bool,
}

/// Stereotype names without duplicates (EA writes some twice), case ignored.
fn dedupe(stereotypes: Vec<String>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    stereotypes
        .into_iter()
        .map(|name| name.trim().to_string())
        .filter(|name| !name.is_empty() && seen.insert(normalise_stereotype(name)))
        .collect()
}

/// The tag fields an element of this kind has.
pub fn fields_of(kind: Kind) -> &'static [Field] {
    match kind {
        Kind::PrimitiefDatatype | Kind::Extern => &DATATYPE_FIELDS,
        Kind::Codelijst | Kind::Referentielijst => &LIST_FIELDS,
        _ => &[],
    }
}
