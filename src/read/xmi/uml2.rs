//! XMI 2.1 and 2.5.1 (UML 2) as Enterprise Architect and similar tools write them.
//!
//! Input: the pruned XML tree of an `xmi:XMI` file, any XMI/UML namespace generation.
//! Output: packages, classifiers, associations, generalisations and stubs in the collector.
//! Not here: names and type resolution (`read::resolve`).
//!
//! The UML part (`uml:Model/packagedElement…`) gives structure; stereotypes and tags come
//! from EA's `xmi:Extension` (`elements/element`, `attributes/attribute`,
//! `connectors/connector`, `properties/@stereotype`, `tags/tag`) and from profile
//! applications at the root (`<thecustomprofile:Objecttype base_Class="…"/>`, any
//! namespace). Elements are matched by id, so the duplicates EA writes in the extension
//! are never counted twice.

use std::collections::HashMap;

use crate::location::Diagnostic;
use crate::mim::{Aggregation, Cardinality};
use crate::read::doc::EnumValueDoc;
use crate::read::raw::*;
use crate::read::xmi::stereotypes::PackageRole;
use crate::read::xmi::{Collector, dedupe, tags};
use crate::read::xml::XmlNode;

fn id(node: &XmlNode) -> Option<&str> {
    node.attr("xmi:id")
}

fn idref(node: &XmlNode) -> Option<&str> {
    node.attr("xmi:idref")
}

/// The metaclass of a `packagedElement`, without the `uml:` prefix.
fn metaclass(node: &XmlNode) -> &str {
    node.attr("xmi:type").map_or("", |kind| kind.rsplit(':').next().unwrap_or(kind))
}

/// What the extension and the profile applications say about one id.
#[derive(Default)]
struct Extra<'a> {
    stereotypes: Vec<&'a str>,
    tags: Vec<(&'a str, &'a str)>,
    documentation: Option<&'a str>,
    /// EA's own element type (`Boundary`, `Text`, `Note`, `Class`, …).
    ea_type: Option<&'a str>,
    /// Connector ends: the source and target ids (class or end ids).
    source: Option<&'a str>,
    target: Option<&'a str>,
    source_role: Option<&'a str>,
    target_role: Option<&'a str>,
}

#[derive(Default)]
struct Index<'a> {
    extra: HashMap<&'a str, Extra<'a>>,
    /// Names the extension gives for ids, also for elements outside the file.
    names: HashMap<&'a str, &'a str>,
    /// Association ends owned by classes (`ownedAttribute` with `association`), by id.
    class_ends: HashMap<&'a str, (&'a XmlNode, &'a str)>,
    /// Other `ownedAttribute` ids: read as attributes, even when an association names them.
    plain_attributes: std::collections::HashSet<&'a str>,
}

impl<'a> Index<'a> {
    fn extra(&mut self, key: &'a str) -> &mut Extra<'a> {
        self.extra.entry(key).or_default()
    }

    fn extension(&mut self, extension: &'a XmlNode) {
        for group in &extension.children {
            match group.local() {
                "elements" => {
                    for element in group.children_named("element") {
                        self.element(element);
                    }
                }
                "connectors" => {
                    for connector in group.children_named("connector") {
                        self.connector(connector);
                    }
                }
                _ => {}
            }
        }
    }

    fn element(&mut self, element: &'a XmlNode) {
        let Some(key) = idref(element) else { return };
        if let Some(name) = element.attr("name") {
            self.names.insert(key, name);
        }
        let extra = self.extra(key);
        if let Some(properties) = element.child("properties") {
            extra.stereotypes.extend(properties.attr("stereotype"));
            extra.documentation = properties.attr("documentation").or(extra.documentation);
            extra.ea_type = properties.attr("sType");
        }
        if let Some(tags) = element.child("tags") {
            extra.tags.extend(tag_pairs(tags));
        }
        if let Some(attributes) = element.child("attributes") {
            for attribute in attributes.children_named("attribute") {
                self.attribute(attribute);
            }
        }
    }

    fn attribute(&mut self, attribute: &'a XmlNode) {
        let Some(key) = idref(attribute) else { return };
        let extra = self.extra(key);
        for stereotype in attribute.children_named("stereotype") {
            extra.stereotypes.extend(stereotype.attr("stereotype"));
        }
        if let Some(documentation) = attribute.child("documentation") {
            extra.documentation = documentation.attr("value").or(extra.documentation);
        }
        if let Some(tags) = attribute.child("tags") {
            extra.tags.extend(tag_pairs(tags));
        }
    }

    fn connector(&mut self, connector: &'a XmlNode) {
        let Some(key) = idref(connector) else { return };
        let mut ends = [(None, None, Vec::new()), (None, None, Vec::new())];
        for (slot, side) in ["source", "target"].iter().enumerate() {
            if let Some(end) = connector.child(side) {
                if let (Some(end_id), Some(name)) =
                    (idref(end), end.child("model").and_then(|model| model.attr("name")))
                {
                    self.names.entry(end_id).or_insert(name);
                }
                let role = end.child("role").and_then(|role| role.attr("stereotype"));
                let tags = end.child("tags").map(tag_pairs).unwrap_or_default();
                ends[slot] = (idref(end), role, tags);
            }
        }
        let extra = self.extra(key);
        if let Some(properties) = connector.child("properties") {
            extra.stereotypes.extend(properties.attr("stereotype"));
            extra.documentation = properties.attr("documentation");
            extra.ea_type = properties.attr("ea_type");
        }
        if let Some(tags) = connector.child("tags") {
            extra.tags.extend(tag_pairs(tags));
        }
        let [(source, source_role, _), (target, target_role, target_tags)] = ends;
        extra.source = source;
        extra.target = target;
        extra.source_role = source_role;
        extra.target_role = target_role;
        // Tags on the target end (MIM «Relatierol») describe the relation as well.
        for (name, value) in target_tags {
            if !extra.tags.iter().any(|(known, _)| *known == name) {
                extra.tags.push((name, value));
            }
        }
    }

    /// A root-level profile application such as `<thecustomprofile:Objecttype base_Class=…>`.
    fn application(&mut self, node: &'a XmlNode) {
        let Some((_, target)) = node.attrs.iter().find(|(key, _)| key.starts_with("base_")) else {
            return;
        };
        let stereotype = node.local();
        let tags: Vec<(&str, &str)> = node
            .attrs
            .iter()
            .filter(|(key, _)| !key.starts_with("base_") && !key.starts_with("xmi:"))
            .map(|(key, value)| (&**key, &**value))
            .collect();
        let extra = self.extra(target);
        extra.stereotypes.push(stereotype);
        // The application repeats the extension's tags with `_` for spaces; a value that
        // is the tag definition's own notes (`Default: …`, `Values: …`) is no value.
        let same = |left: &str, right: &str| left.replace('_', " ") == right.replace('_', " ");
        for (name, value) in tags {
            let notes = ["Default:", "Values:", "Description:"]
                .iter()
                .any(|prefix| value.trim_start().starts_with(prefix));
            if !notes && !extra.tags.iter().any(|(known, _)| same(known, name)) {
                extra.tags.push((name, value));
            }
        }
    }

    fn class_ends(&mut self, node: &'a XmlNode) {
        for child in &node.children {
            if child.local() == "ownedAttribute"
                && let (Some(end), Some(owner)) = (id(child), id(node))
            {
                if child.attr("association").is_some() {
                    self.class_ends.insert(end, (child, owner));
                } else {
                    self.plain_attributes.insert(end);
                }
            }
            if child.local() == "packagedElement" || child.local() == "nestedClassifier" {
                self.class_ends(child);
            }
        }
    }
}

fn tag_pairs(tags: &XmlNode) -> Vec<(&str, &str)> {
    tags.children_named("tag")
        .map(|tag| (tag.attr("name").unwrap_or(""), tag.attr("value").unwrap_or("")))
        .collect()
}

struct Reader<'a, 'c> {
    index: Index<'a>,
    collector: &'c mut Collector,
    skipped_in_trash: usize,
}

/// Reads an XMI 2.x tree.
pub(crate) fn read(root: &XmlNode, collector: &mut Collector) {
    let mut index = Index::default();
    let mut models = Vec::new();
    for child in &root.children {
        match child.local() {
            "Extension" => {
                index.extension(child);
                for stub in child.children_named("EAStub") {
                    collector.raw.externals.push(stub_of(stub));
                }
            }
            "Model" => models.push(child),
            "EAStub" => collector.raw.externals.push(stub_of(child)),
            _ => index.application(child),
        }
    }
    for model in &models {
        index.class_ends(model);
    }
    let mut reader = Reader { index, collector, skipped_in_trash: 0 };
    for model in models {
        reader.walk(model, None);
    }
    if reader.skipped_in_trash > 0 {
        let message = format!(
            "{} element(s) in a «Prullenbak» package are not part of the model and were skipped",
            reader.skipped_in_trash
        );
        reader.collector.raw.diagnostics.push(Diagnostic::warning(root.at.clone(), "", message));
    }
    if reader.collector.raw.info.element.name.is_empty() {
        reader.collector.raw.info.element.name = super::uml13::model_name(&reader.collector.raw);
        reader.collector.raw.info.element.at = root.at.clone();
    }
}

fn stub_of(stub: &XmlNode) -> RawExternal {
    RawExternal {
        id: id(stub).unwrap_or("").to_string(),
        name: stub.attr("name").unwrap_or("").to_string(),
        is_class: stub.attr("UMLType").is_some_and(|kind| kind == "Class"),
        at: stub.at.clone(),
        source: "EAStub",
    }
}

impl<'a> Reader<'a, '_> {
    fn extra(&self, key: Option<&str>) -> Option<&Extra<'a>> {
        key.and_then(|key| self.index.extra.get(key))
    }

    /// Adds the name the extension gives for the referenced id, when the reference has none.
    fn named(&self, mut type_ref: RawType) -> RawType {
        if type_ref.name.is_none() {
            let name = type_ref.id.as_deref().and_then(|key| self.index.names.get(key));
            type_ref.name = name.map(|name| (*name).to_string());
        }
        type_ref
    }

    fn stereotypes(&self, key: Option<&str>) -> Vec<String> {
        let names = self.extra(key).map(|extra| {
            extra
                .stereotypes
                .iter()
                .flat_map(|names| names.split(','))
                .map(str::to_string)
                .collect::<Vec<_>>()
        });
        dedupe(names.unwrap_or_default())
    }

    fn tags(&self, key: Option<&str>) -> Vec<(&'a str, &'a str)> {
        self.extra(key).map(|extra| extra.tags.clone()).unwrap_or_default()
    }

    fn documentation(&self, node: &'a XmlNode) -> Option<&'a str> {
        let from_extension = self.extra(id(node)).and_then(|extra| extra.documentation);
        from_extension.or_else(|| {
            node.children_named("ownedComment").find_map(|comment| comment.attr("body"))
        })
    }

    fn walk(&mut self, node: &'a XmlNode, package: Option<usize>) {
        for child in &node.children {
            if !matches!(child.local(), "packagedElement" | "nestedClassifier") {
                continue;
            }
            match metaclass(child) {
                "Package" | "Model" => self.package(child, package),
                kind @ ("Class" | "DataType" | "Enumeration" | "PrimitiveType" | "Interface"
                | "AssociationClass") => {
                    let package = match package {
                        Some(package) => package,
                        None => self.root_package(node),
                    };
                    self.classifier(child, kind, package);
                    if kind == "AssociationClass" {
                        self.association(child);
                    }
                }
                "Association" => self.association(child),
                _ => {}
            }
        }
    }

    fn root_package(&mut self, node: &XmlNode) -> usize {
        let raw = &mut self.collector.raw;
        if let Some(idx) = raw.packages.iter().position(|package| package.id.is_empty()) {
            return idx;
        }
        raw.packages.push(RawPackage {
            id: String::new(),
            element: crate::read::doc::ElementDoc {
                name: node.attr("name").unwrap_or("Model").to_string(),
                at: node.at.clone(),
                ..Default::default()
            },
            parent: None,
            external: false,
        });
        raw.packages.len() - 1
    }

    fn package(&mut self, node: &'a XmlNode, parent: Option<usize>) {
        let stereotypes = self.stereotypes(id(node));
        let (role, unknown) = self.collector.package_role(&stereotypes, &node.at);
        if role == Some(PackageRole::Trash) {
            self.skipped_in_trash += count_classes(node);
            return;
        }
        let tags = self.tags(id(node));
        let name = node.attr("name").unwrap_or("");
        let documentation = self.documentation(node);
        let (mut element, meta) =
            self.collector.element(name, &node.at, documentation, tags.iter().copied(), &unknown);
        meta.restore_unused(&mut element, &[]);
        if role == Some(PackageRole::Model) && self.collector.raw.info.element.name.is_empty() {
            self.collector.raw.info.element = element.clone();
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

    fn classifier(&mut self, node: &'a XmlNode, kind: &str, package: usize) {
        let Some(own_id) = id(node) else { return };
        let name = node.attr("name").unwrap_or("");
        let ea_type = self.extra(Some(own_id)).and_then(|extra| extra.ea_type);
        // EA exports boundaries and text notes as nameless classes; they are diagram decoration.
        if matches!(ea_type, Some("Boundary" | "Text" | "Note" | "UMLDiagram")) {
            return;
        }
        if name.trim().is_empty() {
            let message = "a class without a name is skipped";
            self.collector.raw.diagnostics.push(Diagnostic::warning(node.at.clone(), "", message));
            return;
        }
        let stereotypes = self.stereotypes(Some(own_id));
        let attributes: Vec<&XmlNode> = node
            .children_named("ownedAttribute")
            .filter(|attribute| attribute.attr("association").is_none())
            .collect();
        let literals: Vec<&XmlNode> = node.children_named("ownedLiteral").collect();
        let has_values = !literals.is_empty()
            || attributes.iter().any(|attribute| {
                self.stereotypes(id(attribute)).iter().any(|stereotype| {
                    matches!(
                        super::stereotypes::attribute_role(stereotype),
                        Some(super::stereotypes::AttributeRole::Value)
                    )
                })
            });
        let (kind, unknown) = self.collector.classifier_kind(
            &stereotypes,
            kind,
            !attributes.is_empty(),
            has_values,
            &node.at,
        );
        let Some(kind) = kind else { return };
        let tags = self.tags(Some(own_id));
        let documentation = self.documentation(node);
        let (mut element, meta) =
            self.collector.element(name, &node.at, documentation, tags.iter().copied(), &unknown);
        meta.restore_unused(&mut element, super::fields_of(kind));

        let mut classifier = RawClassifier {
            id: own_id.to_string(),
            element,
            package,
            kind,
            is_abstract: node.attr("isAbstract") == Some("true"),
            attributes: Vec::new(),
            values: Vec::new(),
            location: meta.location.clone(),
            length: meta.length,
            pattern: meta.pattern.clone(),
            pattern_description: meta.pattern_description.clone(),
        };
        for attribute in attributes.iter().chain(&literals) {
            self.attribute(attribute, &mut classifier);
        }
        for generalization in node.children_named("generalization") {
            let Some(general) = generalization
                .attr("general")
                .or_else(|| generalization.child("general").and_then(idref))
            else {
                continue;
            };
            let sup = RawType {
                id: Some(general.to_string()),
                name: None,
                at: generalization.at.clone(),
            };
            self.collector.raw.generalizations.push(RawGeneralization {
                sub: own_id.to_string(),
                sup,
                at: generalization.at.clone(),
            });
        }
        self.collector.raw.classifiers.push(classifier);
    }

    fn attribute(&mut self, node: &'a XmlNode, classifier: &mut RawClassifier) {
        let key = id(node);
        let stereotypes = self.stereotypes(key);
        let (roles, unknown) = self.collector.attribute_roles(&stereotypes, &node.at);
        let tags = self.tags(key);
        let name = node.attr("name").unwrap_or("");
        let documentation = self.documentation(node);
        let (mut element, meta) =
            self.collector.element(name, &node.at, documentation, tags.iter().copied(), &unknown);
        let is_value = classifier.kind == Kind::Enumeratie;
        let used: &[super::Field] =
            if is_value { &super::VALUE_FIELDS } else { &super::ATTRIBUTE_FIELDS };
        meta.restore_unused(&mut element, used);

        if is_value {
            classifier.values.push(EnumValueDoc { element, code: meta.code });
            return;
        }
        let type_node = node.child("type");
        let type_ref = RawType {
            id: node.attr("type").or_else(|| type_node.and_then(idref)).map(str::to_string),
            name: type_node.and_then(|found| found.attr("href")).map(href_name),
            at: type_node.map_or_else(|| node.at.clone(), |found| found.at.clone()),
        };
        classifier.attributes.push(RawAttribute {
            element,
            type_ref,
            cardinality: cardinality(node).or(meta.cardinality()),
            identifying: meta.identifying || roles.identifying || node.attr("isID") == Some("true"),
            mogelijk_geen_waarde: meta.mogelijk_geen_waarde || roles.voidable,
            derived: meta.derived || node.attr("isDerived") == Some("true"),
            length: meta.length,
            pattern: meta.pattern,
            pattern_description: meta.pattern_description,
        });
    }

    fn association(&mut self, node: &'a XmlNode) {
        let own_id = id(node);
        let stereotypes = self.stereotypes(own_id);
        if stereotypes.iter().any(|name| super::stereotypes::is_ignored_link(name)) {
            return;
        }
        let unknown = self.collector.link_stereotypes(&stereotypes, &node.at);

        // Ends by id: owned by the association, or by a class (`ownedAttribute`).
        let owned: Vec<&'a XmlNode> = node.children_named("ownedEnd").collect();
        let member_ids: Vec<&'a str> = node.children_named("memberEnd").filter_map(idref).collect();
        // An end that is a plain attribute of its class (no `association` on it) is read
        // as that attribute already; the association would only repeat it.
        if member_ids.iter().any(|member| self.index.plain_attributes.contains(member)) {
            return;
        }
        let mut ends: Vec<&'a XmlNode> = Vec::new();
        for member in &member_ids {
            if let Some(end) = owned.iter().find(|end| id(end) == Some(member)) {
                ends.push(end);
            } else if let Some((end, _)) = self.index.class_ends.get(member) {
                ends.push(end);
            }
        }
        if member_ids.is_empty() {
            ends.extend(owned.iter().copied());
        }
        let [first, second] = ends.as_slice() else {
            let message =
                format!("an association with {} ends is skipped; it needs two", ends.len());
            self.collector.raw.diagnostics.push(Diagnostic::warning(node.at.clone(), "", message));
            return;
        };
        let (source, target) = self.orient(own_id, first, second);

        let tags = self.tags(own_id);
        let name = if metaclass(node) == "AssociationClass" {
            ""
        } else {
            node.attr("name").unwrap_or("")
        };
        let documentation = self.documentation(node);
        let (mut element, meta) =
            self.collector.element(name, &node.at, documentation, tags.iter().copied(), &unknown);
        meta.restore_unused(&mut element, &[]);
        let aggregation = [source, target]
            .iter()
            .map(|end| match end.attr("aggregation") {
                Some("composite") => Aggregation::Composite,
                Some("shared") => Aggregation::Shared,
                _ => Aggregation::None,
            })
            .max_by_key(|aggregation| match aggregation {
                Aggregation::None => 0,
                Aggregation::Shared => 1,
                Aggregation::Composite => 2,
            })
            .unwrap_or(Aggregation::None);
        let association_class =
            (metaclass(node) == "AssociationClass").then(|| own_id.unwrap_or("").to_string());
        self.collector.raw.associations.push(RawAssociation {
            element,
            source: self.named(end_type(source)),
            target: self.named(end_type(target)),
            role: target.attr("name").filter(|role| !role.trim().is_empty()).map(str::to_string),
            cardinality: cardinality(target),
            source_cardinality: cardinality(source),
            aggregation,
            association_class,
        });
    }

    /// Decides the source and target end.
    ///
    /// EA's connector names the source and target (by end id or by class id); without it,
    /// EA's `EAID_src…`/`EAID_dst…` end ids decide; then an end owned by a class is the
    /// navigable target; and last, UML's `memberEnd` order (EA writes the target first).
    fn orient(
        &self,
        association: Option<&str>,
        first: &'a XmlNode,
        second: &'a XmlNode,
    ) -> (&'a XmlNode, &'a XmlNode) {
        if let Some(extra) = self.extra(association) {
            let is = |end: &XmlNode, side: Option<&str>| {
                side.is_some_and(|side| {
                    id(end) == Some(side) || end_type(end).id.as_deref() == Some(side)
                })
            };
            let same_type = end_type(first).id == end_type(second).id;
            if id(first) == extra.target || id(second) == extra.source {
                return (second, first);
            }
            if id(first) == extra.source || id(second) == extra.target {
                return (first, second);
            }
            if !same_type {
                if is(first, extra.target) || is(second, extra.source) {
                    return (second, first);
                }
                if is(first, extra.source) || is(second, extra.target) {
                    return (first, second);
                }
            }
        }
        let prefixed =
            |end: &XmlNode, prefix: &str| id(end).is_some_and(|own| own.starts_with(prefix));
        if prefixed(first, "EAID_dst") || prefixed(second, "EAID_src") {
            return (second, first);
        }
        if prefixed(first, "EAID_src") || prefixed(second, "EAID_dst") {
            return (first, second);
        }
        let class_owned = |end: &XmlNode| end.local() == "ownedAttribute";
        match (class_owned(first), class_owned(second)) {
            (true, false) => (second, first),
            (false, true) => (first, second),
            _ => (second, first),
        }
    }
}

/// The type of an association end.
fn end_type(end: &XmlNode) -> RawType {
    let type_node = end.child("type");
    RawType {
        id: end.attr("type").or_else(|| type_node.and_then(idref)).map(str::to_string),
        name: type_node.and_then(|found| found.attr("href")).map(href_name),
        at: end.at.clone(),
    }
}

/// The name at the end of an `href` such as `…/UML.xmi#String` or `…#Integer`.
fn href_name(href: &str) -> String {
    href.rsplit(['#', '/']).next().unwrap_or(href).to_string()
}

/// The multiplicity from `lowerValue`/`upperValue`; a literal without `value` is 0.
fn cardinality(node: &XmlNode) -> Option<Cardinality> {
    let lower = node.child("lowerValue").map(|value| value.attr("value").unwrap_or("0"));
    let upper = node.child("upperValue").map(|value| value.attr("value").unwrap_or("*"));
    if lower.is_none() && upper.is_none() {
        return None;
    }
    tags::bounds(Some(lower.unwrap_or("1")), Some(upper.unwrap_or("1")))
}

fn count_classes(node: &XmlNode) -> usize {
    node.children_named("packagedElement")
        .map(|child| match metaclass(child) {
            "Class" | "DataType" | "Enumeration" | "Interface" | "PrimitiveType" => 1,
            "Package" => count_classes(child),
            _ => 0,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn literal(name: &str, value: Option<&str>) -> XmlNode {
        let mut node = XmlNode { name: name.into(), ..XmlNode::default() };
        if let Some(value) = value {
            node.attrs.push(("value".into(), value.into()));
        }
        node
    }

    #[test]
    fn href_names_are_the_last_segment() {
        assert_eq!(href_name("http://schema.omg.org/spec/UML/2.1/uml.xml#String"), "String");
        assert_eq!(href_name("types.xmi#/Integer"), "Integer");
    }

    #[test]
    fn literals_without_a_value_are_zero_and_missing_bounds_are_defaults() {
        let mut property = XmlNode { name: "ownedAttribute".into(), ..XmlNode::default() };
        assert_eq!(cardinality(&property), None);
        property.children.push(literal("lowerValue", None));
        property.children.push(literal("upperValue", Some("-1")));
        assert_eq!(cardinality(&property), Some(Cardinality::MANY));
        property.children.truncate(0);
        property.children.push(literal("upperValue", Some("1")));
        assert_eq!(cardinality(&property), Some(Cardinality::ONE));
    }
}
