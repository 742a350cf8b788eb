//! XMI 1.0 and 1.1 (UML 1.3) as Enterprise Architect writes them, into the raw model.
//!
//! Input: the pruned XML tree of an `XMI` file with `xmi.version` 1.0 or 1.1.
//! Output: packages, classifiers, associations, generalisations and stubs in the collector.
//! Not here: names and type resolution (`read::resolve`).
//!
//! XMI 1.1 writes properties as attributes (`<UML:Class name="A" isAbstract="false">`);
//! the 1.0 long form writes them as child elements
//! (`<Foundation.Core.ModelElement.name>A</…>`, `<….isAbstract xmi.value="false"/>`).
//! Both are read through `value` and `reference`: an element whose last dotted segment
//! starts with a capital is a model element, one with a lowercase segment is a property.

use std::collections::HashMap;

use crate::location::Diagnostic;
use crate::mim::Aggregation;
use crate::read::doc::EnumValueDoc;
use crate::read::raw::*;
use crate::read::xmi::stereotypes::PackageRole;
use crate::read::xmi::{Collector, dedupe, tags};
use crate::read::xml::XmlNode;

/// Whether a node is a model element or a property, with its short name.
enum Part<'a> {
    Meta(&'a str),
    Prop(&'a str),
}

fn part(node: &XmlNode) -> Part<'_> {
    let local = node.local();
    let last = local.rsplit('.').next().unwrap_or(local);
    if local.contains('.') && last.starts_with(|c: char| c.is_ascii_lowercase()) {
        Part::Prop(last)
    } else {
        Part::Meta(last)
    }
}

fn is_meta(node: &XmlNode, name: &str) -> bool {
    matches!(part(node), Part::Meta(found) if found == name)
}

/// The property `name` of a node: an attribute, or a property child's `xmi.value` or text.
fn value<'a>(node: &'a XmlNode, name: &str) -> Option<&'a str> {
    if let Some(found) = node.attr(name) {
        return Some(found);
    }
    let child =
        node.children.iter().find(|child| matches!(part(child), Part::Prop(p) if p == name))?;
    child.attr("xmi.value").or_else(|| Some(child.text.trim()))
}

/// The id a property `name` refers to: an attribute, or the `xmi.idref` of its child.
fn reference<'a>(node: &'a XmlNode, name: &str) -> Option<&'a str> {
    if let Some(found) = node.attr(name) {
        return Some(found);
    }
    let child =
        node.children.iter().find(|child| matches!(part(child), Part::Prop(p) if p == name))?;
    child.children.iter().find_map(|grandchild| grandchild.attr("xmi.idref"))
}

/// Model elements below a node, looking through property containers.
fn contents(node: &XmlNode) -> Vec<&XmlNode> {
    let mut found = Vec::new();
    for child in &node.children {
        match part(child) {
            Part::Meta(_) => found.push(child),
            Part::Prop("ownedElement" | "feature" | "connection" | "content" | "literal") => {
                found.extend(contents(child));
            }
            Part::Prop(_) => {}
        }
    }
    found
}

fn id(node: &XmlNode) -> Option<&str> {
    node.attr("xmi.id")
}

/// Stereotype definitions and tags that live apart from the elements they describe.
#[derive(Default)]
struct Index<'a> {
    stereotype_names: HashMap<&'a str, &'a str>,
    extended: HashMap<&'a str, Vec<&'a str>>,
    detached_tags: HashMap<&'a str, Vec<(&'a str, &'a str)>>,
}

fn index<'a>(node: &'a XmlNode, index: &mut Index<'a>) {
    match part(node) {
        Part::Meta("Stereotype") => {
            let name = value(node, "name").unwrap_or("");
            if let Some(stereotype_id) = id(node) {
                index.stereotype_names.insert(stereotype_id, name);
            }
            if let Some(extended) = node
                .children
                .iter()
                .find(|child| matches!(part(child), Part::Prop("extendedElement")))
            {
                for target in &extended.children {
                    if let Some(target) = target.attr("xmi.idref") {
                        index.extended.entry(target).or_default().push(name);
                    }
                }
            }
        }
        Part::Meta("TaggedValue") => {
            if let Some(owner) = reference(node, "modelElement") {
                let tag = value(node, "tag").unwrap_or("");
                let tag_value = value(node, "value").unwrap_or("");
                index.detached_tags.entry(owner).or_default().push((tag, tag_value));
            }
        }
        _ => {}
    }
    for child in &node.children {
        self::index(child, index);
    }
}

struct Reader<'a, 'c> {
    index: Index<'a>,
    collector: &'c mut Collector,
    skipped_in_trash: usize,
}

/// Reads an XMI 1.x tree.
pub(crate) fn read(root: &XmlNode, collector: &mut Collector) {
    let mut found = Index::default();
    index(root, &mut found);
    let mut reader = Reader { index: found, collector, skipped_in_trash: 0 };
    reader.walk(root, None);
    if reader.skipped_in_trash > 0 {
        let message = format!(
            "{} element(s) in a «Prullenbak» package are not part of the model and were skipped",
            reader.skipped_in_trash
        );
        reader.collector.raw.diagnostics.push(Diagnostic::warning(root.at.clone(), "", message));
    }
    if reader.collector.raw.info.element.name.is_empty() {
        let name = model_name(&reader.collector.raw);
        reader.collector.raw.info.element.name = name;
        reader.collector.raw.info.element.at = root.at.clone();
    }
}

/// The model's name: the first «Informatiemodel»-like package, else the first package.
pub(crate) fn model_name(raw: &RawModel) -> String {
    raw.packages.first().map_or_else(|| "Model".to_string(), |package| package.element.name.clone())
}

impl<'a> Reader<'a, '_> {
    fn tags(&self, node: &'a XmlNode) -> Vec<(&'a str, &'a str)> {
        let mut found = Vec::new();
        for child in &node.children {
            if matches!(part(child), Part::Prop("taggedValue")) {
                for tag in &child.children {
                    if is_meta(tag, "TaggedValue") {
                        found.push((value(tag, "tag").unwrap_or(""), tag_value(tag)));
                    }
                }
            }
        }
        if let Some(detached) = id(node).and_then(|own| self.index.detached_tags.get(own)) {
            found.extend(detached.iter().copied());
        }
        found
    }

    fn stereotypes(&self, node: &'a XmlNode, tags: &[(&'a str, &'a str)]) -> Vec<String> {
        let mut names: Vec<String> = Vec::new();
        for child in &node.children {
            if matches!(part(child), Part::Prop("stereotype")) {
                for stereotype in &child.children {
                    let name =
                        value(stereotype, "name").filter(|name| !name.is_empty()).or_else(|| {
                            stereotype
                                .attr("xmi.idref")
                                .and_then(|target| self.index.stereotype_names.get(target).copied())
                        });
                    names.extend(name.map(str::to_string));
                }
            }
        }
        for (tag, tag_value) in tags {
            if *tag == "stereotype" {
                names.push((*tag_value).to_string());
            }
        }
        if let Some(extended) = id(node).and_then(|own| self.index.extended.get(own)) {
            names.extend(extended.iter().map(|name| (*name).to_string()));
        }
        dedupe(names)
    }

    fn walk(&mut self, node: &'a XmlNode, package: Option<usize>) {
        for child in contents(node) {
            match part(child) {
                Part::Meta("Package" | "Model" | "Subsystem") => self.package(child, package),
                Part::Meta(
                    metaclass @ ("Class" | "DataType" | "Interface" | "Enumeration"
                    | "AssociationClass" | "Primitive"),
                ) => self.classifier(child, metaclass, package),
                Part::Meta("Association") => self.association(child),
                Part::Meta("Generalization") => self.generalization(child),
                Part::Meta("EAStub") => self.stub(child),
                _ => {}
            }
        }
    }

    fn package(&mut self, node: &'a XmlNode, parent: Option<usize>) {
        let tags = self.tags(node);
        let stereotypes = self.stereotypes(node, &tags);
        let (role, unknown) = self.collector.package_role(&stereotypes, &node.at);
        if role == Some(PackageRole::Trash) {
            self.skipped_in_trash += count_classes(node);
            return;
        }
        // The root `Model` element only holds packages; it is not a package of its own.
        if is_meta(node, "Model") && parent.is_none() && self.collector.raw.packages.is_empty() {
            self.walk(node, None);
            return;
        }
        let name = value(node, "name").unwrap_or("");
        let documentation = documentation(&tags);
        let (mut element, meta) =
            self.collector.element(name, &node.at, documentation, tags.iter().copied(), &unknown);
        meta.restore_unused(&mut element, &[]);
        if role == Some(PackageRole::Model) && self.collector.raw.info.element.name.is_empty() {
            self.collector.raw.info.element = element.clone();
            self.collector.raw.info.version = tags
                .iter()
                .find(|(tag, _)| tag.eq_ignore_ascii_case("version"))
                .map(|(_, v)| v.to_string())
                .filter(|v| !v.is_empty());
        }
        let idx = self.collector.raw.packages.len();
        self.collector.raw.packages.push(RawPackage {
            id: id(node).unwrap_or("").to_string(),
            element,
            parent,
            external: role == Some(PackageRole::Extern),
        });
        self.walk(node, Some(idx));
    }

    fn classifier(&mut self, node: &'a XmlNode, metaclass: &str, package: Option<usize>) {
        let name = value(node, "name").unwrap_or("");
        let Some(own_id) = id(node) else { return };
        // EA declares the types it cannot place as nameless `DataType`s; a reference to one
        // falls back on the attribute's `type` tag.
        if name == "EARootClass" || (name.trim().is_empty() && metaclass == "DataType") {
            return;
        }
        if name.trim().is_empty() {
            let message = format!("a {metaclass} without a name is skipped");
            self.collector.raw.diagnostics.push(Diagnostic::warning(node.at.clone(), "", message));
            return;
        }
        let package = match package {
            Some(package) => package,
            None => self.root_package(node),
        };
        let tags = self.tags(node);
        let stereotypes = self.stereotypes(node, &tags);
        let attributes: Vec<&XmlNode> =
            contents(node).into_iter().filter(|child| is_meta(child, "Attribute")).collect();
        let has_values = attributes.iter().any(|attribute| {
            let attribute_tags = self.tags(attribute);
            self.stereotypes(attribute, &attribute_tags).iter().any(|stereotype| {
                matches!(
                    super::stereotypes::attribute_role(stereotype),
                    Some(super::stereotypes::AttributeRole::Value)
                )
            })
        });
        let (kind, unknown) = self.collector.classifier_kind(
            &stereotypes,
            metaclass,
            !attributes.is_empty(),
            has_values,
            &node.at,
        );
        let Some(kind) = kind else { return };
        let documentation = documentation(&tags);
        let (mut element, meta) =
            self.collector.element(name, &node.at, documentation, tags.iter().copied(), &unknown);
        meta.restore_unused(&mut element, super::fields_of(kind));
        let is_abstract = value(node, "isAbstract").is_some_and(|flag| flag == "true");

        let mut classifier = RawClassifier {
            id: own_id.to_string(),
            element,
            package,
            kind,
            is_abstract,
            attributes: Vec::new(),
            values: Vec::new(),
            location: meta.location.clone(),
            length: meta.length,
            pattern: meta.pattern.clone(),
            pattern_description: meta.pattern_description.clone(),
        };
        for attribute in attributes {
            self.attribute(attribute, &mut classifier);
        }
        self.collector.raw.classifiers.push(classifier);
    }

    /// A package for elements written outside any package.
    fn root_package(&mut self, node: &XmlNode) -> usize {
        if let Some(idx) =
            self.collector.raw.packages.iter().position(|package| package.id.is_empty())
        {
            return idx;
        }
        self.collector.raw.packages.push(RawPackage {
            id: String::new(),
            element: crate::read::doc::ElementDoc {
                name: "Model".to_string(),
                at: node.at.clone(),
                ..Default::default()
            },
            parent: None,
            external: false,
        });
        self.collector.raw.packages.len() - 1
    }

    fn attribute(&mut self, node: &'a XmlNode, classifier: &mut RawClassifier) {
        let tags = self.tags(node);
        let stereotypes = self.stereotypes(node, &tags);
        let (roles, unknown) = self.collector.attribute_roles(&stereotypes, &node.at);
        let name = value(node, "name").unwrap_or("");
        let documentation = documentation(&tags);
        let (mut element, meta) =
            self.collector.element(name, &node.at, documentation, tags.iter().copied(), &unknown);
        let is_value = classifier.kind == Kind::Enumeratie;
        let used: &[super::Field] =
            if is_value { &super::VALUE_FIELDS } else { &super::ATTRIBUTE_FIELDS };
        meta.restore_unused(&mut element, used);

        if is_value {
            let code = meta.code.clone().or_else(|| initial_value(node));
            classifier.values.push(EnumValueDoc { element, code });
            return;
        }
        let type_node = node
            .children
            .iter()
            .find(|child| matches!(part(child), Part::Prop("type")))
            .and_then(|child| child.children.first());
        let type_ref = RawType {
            id: reference(node, "type").map(str::to_string),
            name: tags.iter().find(|(tag, _)| *tag == "type").map(|(_, name)| name.to_string()),
            at: type_node.map_or_else(|| node.at.clone(), |found| found.at.clone()),
        };
        let cardinality = meta.cardinality().or_else(|| multiplicity(node));
        classifier.attributes.push(RawAttribute {
            element,
            type_ref,
            cardinality,
            identifying: meta.identifying || roles.identifying,
            mogelijk_geen_waarde: meta.mogelijk_geen_waarde || roles.voidable,
            derived: meta.derived,
            length: meta.length,
            pattern: meta.pattern,
            pattern_description: meta.pattern_description,
        });
    }

    fn association(&mut self, node: &'a XmlNode) {
        let tags = self.tags(node);
        let stereotypes = self.stereotypes(node, &tags);
        let ea_type = tags.iter().find(|(tag, _)| *tag == "ea_type").map(|(_, kind)| *kind);
        let ignored = stereotypes.iter().any(|name| super::stereotypes::is_ignored_link(name));
        if ignored
            || matches!(ea_type, Some("Abstraction" | "Dependency" | "Realisation" | "NoteLink"))
        {
            return;
        }
        let unknown = self.collector.link_stereotypes(&stereotypes, &node.at);
        let ends: Vec<&XmlNode> =
            contents(node).into_iter().filter(|child| is_meta(child, "AssociationEnd")).collect();
        let [first, second] = ends.as_slice() else {
            let message =
                format!("an association with {} ends is skipped; it needs two", ends.len());
            self.collector.raw.diagnostics.push(Diagnostic::warning(node.at.clone(), "", message));
            return;
        };
        let (source, target) = orient(self, first, second);

        let name = value(node, "name").unwrap_or("");
        let documentation = documentation(&tags);
        let (mut element, meta) =
            self.collector.element(name, &node.at, documentation, tags.iter().copied(), &unknown);
        meta.restore_unused(&mut element, &[]);
        let aggregation = [source, target]
            .iter()
            .map(|end| aggregation(value(end, "aggregation").unwrap_or("none")))
            .max_by_key(|aggregation| match aggregation {
                Aggregation::None => 0,
                Aggregation::Shared => 1,
                Aggregation::Composite => 2,
            })
            .unwrap_or(Aggregation::None);
        let association_class = tags
            .iter()
            .find(|(tag, _)| *tag == "associationclass")
            .map(|(_, class)| class.to_string());
        let role = value(target, "name").filter(|role| !role.is_empty()).map(str::to_string);
        // EA names both ends in tags, which helps when an end is outside the file.
        let tag =
            |name: &str| tags.iter().find(|(tag, _)| *tag == name).map(|(_, v)| v.to_string());
        let (source_name, target_name) = if std::ptr::eq(source, *first) {
            (tag("ea_sourceName"), tag("ea_targetName"))
        } else {
            (tag("ea_targetName"), tag("ea_sourceName"))
        };
        self.collector.raw.associations.push(RawAssociation {
            element,
            source: RawType { name: source_name, ..end_type(source) },
            target: RawType { name: target_name, ..end_type(target) },
            role,
            cardinality: multiplicity(target),
            source_cardinality: multiplicity(source),
            aggregation,
            association_class,
        });
    }

    fn generalization(&mut self, node: &'a XmlNode) {
        let (Some(sub), Some(sup)) = (reference(node, "subtype"), reference(node, "supertype"))
        else {
            return;
        };
        let tags = self.tags(node);
        let name = tags.iter().find(|(tag, _)| *tag == "ea_targetName").map(|(_, v)| v.to_string());
        let sup = RawType { id: Some(sup.to_string()), name, at: node.at.clone() };
        let known = &self.collector.raw.generalizations;
        if known.iter().any(|found| found.sub == sub && found.sup.id == sup.id) {
            return;
        }
        self.collector.raw.generalizations.push(RawGeneralization {
            sub: sub.to_string(),
            sup,
            at: node.at.clone(),
        });
    }

    fn stub(&mut self, node: &'a XmlNode) {
        let Some(own_id) = id(node) else { return };
        self.collector.raw.externals.push(RawExternal {
            id: own_id.to_string(),
            name: value(node, "name").unwrap_or("").to_string(),
            is_class: value(node, "UMLType").is_some_and(|kind| kind == "Class"),
            at: node.at.clone(),
            source: "EAStub",
        });
    }
}

/// Decides which end is the source and which the target of an association.
///
/// The navigable end is the target when exactly one end is navigable; otherwise EA's
/// `ea_end` tag decides, and otherwise the order of the ends (source first).
fn orient<'a>(
    reader: &Reader<'a, '_>,
    first: &'a XmlNode,
    second: &'a XmlNode,
) -> (&'a XmlNode, &'a XmlNode) {
    let navigable = |end: &XmlNode| value(end, "isNavigable").map(|flag| flag == "true");
    match (navigable(first), navigable(second)) {
        (Some(true), Some(false)) => return (second, first),
        (Some(false), Some(true)) => return (first, second),
        _ => {}
    }
    let ea_end = |end: &'a XmlNode| {
        reader.tags(end).iter().find(|(tag, _)| *tag == "ea_end").map(|(_, side)| *side)
    };
    if ea_end(first) == Some("target") || ea_end(second) == Some("source") {
        return (second, first);
    }
    (first, second)
}

fn end_type(end: &XmlNode) -> RawType {
    RawType { id: reference(end, "type").map(str::to_string), name: None, at: end.at.clone() }
}

fn aggregation(text: &str) -> Aggregation {
    match text {
        "composite" => Aggregation::Composite,
        "shared" | "aggregate" => Aggregation::Shared,
        _ => Aggregation::None,
    }
}

/// The multiplicity of an attribute or end: `multiplicity="0..*"` (1.1) or a
/// `Multiplicity/MultiplicityRange` with `lower` and `upper` (1.0).
fn multiplicity(node: &XmlNode) -> Option<crate::mim::Cardinality> {
    if let Some(text) = node.attr("multiplicity") {
        return tags::multiplicity(text);
    }
    let range = find_meta(node, "MultiplicityRange", 4)?;
    tags::bounds(value(range, "lower"), value(range, "upper"))
}

fn find_meta<'a>(node: &'a XmlNode, name: &str, depth: usize) -> Option<&'a XmlNode> {
    if depth == 0 {
        return None;
    }
    node.children.iter().find_map(|child| {
        if is_meta(child, name) { Some(child) } else { find_meta(child, name, depth - 1) }
    })
}

fn initial_value(node: &XmlNode) -> Option<String> {
    let expression = find_meta(node, "Expression", 3)?;
    value(expression, "body").and_then(tags::clean_value)
}

/// A tagged value's value; for `<memo>` the text EA puts in the tag's extension.
fn tag_value(tag: &XmlNode) -> &str {
    let plain = value(tag, "value").unwrap_or("");
    if plain != "<memo>" {
        return plain;
    }
    tag.children
        .iter()
        .filter(|child| child.local() == "XMI.extension")
        .flat_map(|extension| extension.children.iter())
        .find_map(|comment| comment.attr("name"))
        .unwrap_or(plain)
}

fn documentation<'a>(tags: &[(&'a str, &'a str)]) -> Option<&'a str> {
    tags.iter()
        .find(|(tag, _)| *tag == "documentation" || *tag == "description")
        .map(|(_, text)| *text)
}

fn count_classes(node: &XmlNode) -> usize {
    contents(node)
        .iter()
        .map(|child| match part(child) {
            Part::Meta("Class" | "DataType" | "Enumeration" | "Interface") => 1,
            Part::Meta("Package") => count_classes(child),
            _ => 0,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(name: &str) -> XmlNode {
        XmlNode { name: name.into(), ..XmlNode::default() }
    }

    #[test]
    fn long_and_short_names_are_told_apart() {
        assert!(matches!(part(&node("Foundation.Core.Class")), Part::Meta("Class")));
        assert!(matches!(part(&node("UML:Class")), Part::Meta("Class")));
        assert!(matches!(part(&node("Foundation.Core.ModelElement.name")), Part::Prop("name")));
        assert!(matches!(part(&node("UML:ModelElement.taggedValue")), Part::Prop("taggedValue")));
        assert!(matches!(part(&node("EAStub")), Part::Meta("EAStub")));
    }

    #[test]
    fn values_come_from_attributes_or_property_elements() {
        let mut long = node("Foundation.Core.Class");
        let mut name = node("Foundation.Core.ModelElement.name");
        name.text = " Gebouw ".into();
        let mut flag = node("Foundation.Core.GeneralizableElement.isAbstract");
        flag.attrs.push(("xmi.value".into(), "true".into()));
        long.children = vec![name, flag];
        assert_eq!(value(&long, "name"), Some("Gebouw"));
        assert_eq!(value(&long, "isAbstract"), Some("true"));
        let mut short = node("UML:Class");
        short.attrs.push(("name".into(), "Gebouw".into()));
        assert_eq!(value(&short, "name"), Some("Gebouw"));
    }
}
