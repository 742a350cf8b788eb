//! Reads the MIM serialisation XML: format v1 (`mim/informatiemodel/v1`) and MIM 1.2
//! (`mim/mim-core/1.2`).
//!
//! Input: the file's bytes and its name for messages.
//! Output: a `ModelDoc` with every element located at its XML element, plus warnings; or
//! a `ReadError` with file:line:col.
//! Not here: the XML itself (`read::xml`) and the name decisions (`read::resolve`).
//!
//! Both versions are read by element name, whatever the container: v1's
//! `RelatiesoortRelatiesoortLeidend`, `supertypes/GeneralisatieObjecttypes` and
//! `enumeratiewaarden/Enumeratiewaarde` next to 1.2's `Relatiesoort`,
//! `supertypen/GeneralisatieObjecttypen` and `waarden/Waarde`. References are
//! `mim-ref:*Ref xlink:href="#id"` (the text is the name), or in 1.2 a `mim:Datatype`
//! naming a primitive. Documentation is XHTML and is read as plain text. An element that
//! holds only a comment (`<!-- FOUT: … -->`) is empty. External types are `Interface`
//! (v1) and `Constructie` (1.2) in an `Extern` package.

use std::sync::Arc;

use crate::location::Diagnostic;
use crate::mim::Aggregation;
use crate::read::ReadError;
use crate::read::doc::{EnumValueDoc, ModelDoc};
use crate::read::raw::*;
use crate::read::xmi::{ATTRIBUTE_FIELDS, Collector, Field, VALUE_FIELDS, fields_of, multiplicity};
use crate::read::xml::{self, Attrs, Keep, XmlNode};

/// The namespaces of the MIM serialisation this reader knows.
pub const NAMESPACES: [&str; 2] = [
    "http://www.geostandaarden.nl/mim/informatiemodel/v1",
    "http://www.geostandaarden.nl/mim/mim-core/1.2",
];

/// Reads a MIM serialisation file into a model document and the warnings found.
pub fn parse(bytes: &[u8], file: &Arc<str>) -> Result<(ModelDoc, Vec<Diagnostic>), ReadError> {
    let text = xml::decode(bytes, file)?;
    let keep = |name: &str, _: &Attrs| {
        if xml::local_name(name) == "body" { Keep::Flatten } else { Keep::Element }
    };
    let (root, warnings) = xml::parse_tree(&text, file, &keep)?;
    if root.local() != "Informatiemodel" {
        let message =
            format!("expected a MIM `Informatiemodel`, found the root element `{}`", root.name);
        return Err(ReadError::Unsupported { at: root.at.clone(), message });
    }
    let mut collector = Collector::new();
    let (info, _) = element_of(&mut collector, &root, &[]);
    collector.raw.info.element = info;
    collector.raw.info.version = text_of(&root, "versie");
    let mut reader = Reader { collector };
    for packages in root.children_named("packages") {
        for package in &packages.children {
            reader.package(package, None);
        }
    }
    let raw = reader.collector.finish();
    let (doc, mut diags) = crate::read::resolve::resolve(&raw, file);
    diags.splice(0..0, warnings);
    if doc.packages.is_empty() {
        let message = "the file holds no objecttypes or datatypes to read";
        return Err(ReadError::Unsupported { at: root.at.clone(), message: message.to_string() });
    }
    Ok((doc, diags))
}

/// The trimmed text of a child, or of the XHTML body inside it.
fn text_of(node: &XmlNode, local: &str) -> Option<String> {
    let child = node.child(local)?;
    child.trimmed_text().or_else(|| child.children.first().and_then(XmlNode::trimmed_text))
}

fn is_true(node: &XmlNode, local: &str) -> bool {
    text_of(node, local).is_some_and(|text| crate::read::xmi::is_yes(&text))
}

/// Metadata elements kept as tags under their own name.
const KEPT: [&str; 14] = [
    "alias",
    "begrip",
    "datumOpname",
    "herkomstDefinitie",
    "authentiek",
    "indicatieFormeleHistorie",
    "indicatieMaterieleHistorie",
    "indicatieClassificerend",
    "populatie",
    "kwaliteit",
    "unidirectioneel",
    "doelformaat",
    "minimumwaarde",
    "maximumwaarde",
];

/// Name, definition, notes, herkomst and the other metadata of an element.
fn element_of(
    collector: &mut Collector,
    node: &XmlNode,
    used: &[Field],
) -> (crate::read::doc::ElementDoc, crate::read::xmi::Meta) {
    let name = text_of(node, "naam").unwrap_or_default();
    let mut tags: Vec<(String, String)> = Vec::new();
    for key in ["definitie", "toelichting", "herkomst", "lengte", "patroon", "formeelPatroon"] {
        if let Some(value) = text_of(node, key) {
            let tag = match key {
                "definitie" => "Definitie",
                "toelichting" => "Toelichting",
                "herkomst" => "Herkomst",
                "lengte" => "Lengte",
                "patroon" => "Patroon",
                _ => "Formeel patroon",
            };
            tags.push((tag.to_string(), value));
        }
    }
    for key in KEPT {
        if let Some(value) = text_of(node, key) {
            tags.push((key.to_string(), value));
        }
    }
    for kenmerken in node.children_named("kenmerken") {
        for kenmerk in kenmerken.children_named("kenmerk") {
            let name = kenmerk.attr("naam").unwrap_or("").to_string();
            tags.push((name, kenmerk.text.trim().to_string()));
        }
    }
    let pairs = tags.iter().map(|(key, value)| (key.as_str(), value.as_str()));
    let (mut element, meta) = collector.element(&name, &node.at, None, pairs, &[]);
    meta.restore_unused(&mut element, used);
    (element, meta)
}

/// A reference: `*Ref xlink:href="#id"` with the name as text, or a named `Datatype`.
fn reference(node: &XmlNode) -> Option<RawType> {
    let target = node.children.first()?;
    let id = target.attr_local("href").map(|href| href.trim_start_matches('#').to_string());
    Some(RawType { id, name: target.trimmed_text(), at: target.at.clone() })
}

struct Reader {
    collector: Collector,
}

impl Reader {
    fn package(&mut self, node: &XmlNode, parent: Option<usize>) {
        let external = match node.local() {
            "Domein" | "View" => false,
            "Extern" => true,
            _ => return,
        };
        let (element, _) = element_of(&mut self.collector, node, &[]);
        let idx = self.collector.raw.packages.len();
        self.collector.raw.packages.push(RawPackage {
            id: node.attr("id").unwrap_or("").to_string(),
            element,
            parent,
            external,
        });
        for group in &node.children {
            for child in &group.children {
                self.classifier(child, idx, external);
            }
        }
    }

    fn classifier(&mut self, node: &XmlNode, package: usize, external: bool) {
        let kind = match node.local() {
            "Objecttype" => Kind::Objecttype,
            "Gegevensgroeptype" => Kind::Gegevensgroeptype,
            "GestructureerdDatatype" => Kind::GestructureerdDatatype,
            "PrimitiefDatatype" => Kind::PrimitiefDatatype,
            "Enumeratie" => Kind::Enumeratie,
            "Codelijst" => Kind::Codelijst,
            "Referentielijst" => Kind::Referentielijst,
            "Keuze" => Kind::Keuze,
            "Interface" | "Constructie" if external => Kind::Extern,
            "Domein" | "View" | "Extern" => {
                self.package(node, Some(package));
                return;
            }
            _ => return,
        };
        let Some(id) = node.attr("id") else { return };
        let (element, meta) = element_of(&mut self.collector, node, fields_of(kind));
        let mut classifier = RawClassifier {
            id: id.to_string(),
            element,
            package,
            kind,
            is_abstract: is_true(node, "indicatieAbstractObject"),
            attributes: Vec::new(),
            values: Vec::new(),
            location: text_of(node, "locatie").or(meta.location.clone()),
            length: meta.length,
            pattern: meta.pattern.clone(),
            pattern_description: meta.pattern_description.clone(),
        };
        for group in &node.children {
            match group.local() {
                "attribuutsoorten"
                | "gegevensgroepen"
                | "dataElementen"
                | "referentieElementen" => {
                    for attribute in &group.children {
                        self.attribute(attribute, &mut classifier);
                    }
                }
                "enumeratiewaarden" | "waarden" => {
                    for value in &group.children {
                        let (value_element, _) =
                            element_of(&mut self.collector, value, &VALUE_FIELDS);
                        let code = text_of(value, "code");
                        classifier.values.push(EnumValueDoc { element: value_element, code });
                    }
                }
                "keuzeDatatypen" | "keuzeAttributen" | "keuzeRelatiedoelen" => {
                    for option in &group.children {
                        self.option(option, &mut classifier);
                    }
                }
                "relatiesoorten" => {
                    for relation in &group.children {
                        self.relation(relation, id);
                    }
                }
                "supertypes" | "supertypen" => {
                    for generalization in &group.children {
                        self.generalization(generalization, id);
                    }
                }
                _ => {}
            }
        }
        self.collector.raw.classifiers.push(classifier);
    }

    fn attribute(&mut self, node: &XmlNode, classifier: &mut RawClassifier) {
        let (element, meta) = element_of(&mut self.collector, node, &ATTRIBUTE_FIELDS);
        let type_node = node.child("type").or_else(|| node.child("gegevensgroeptype"));
        let type_ref = type_node
            .and_then(reference)
            .unwrap_or_else(|| RawType { at: node.at.clone(), ..RawType::default() });
        classifier.attributes.push(RawAttribute {
            element,
            type_ref,
            cardinality: text_of(node, "kardinaliteit").and_then(|text| multiplicity(&text)),
            identifying: is_true(node, "identificerend"),
            mogelijk_geen_waarde: is_true(node, "mogelijkGeenWaarde"),
            derived: is_true(node, "indicatieAfleidbaar"),
            length: meta.length,
            pattern: meta.pattern,
            pattern_description: meta.pattern_description,
        });
    }

    fn option(&mut self, node: &XmlNode, classifier: &mut RawClassifier) {
        // An option is a reference itself (`ConstructieRef`), or holds one (`Relatiedoel`).
        let type_ref = if node.attr_local("href").is_some() {
            let id = node.attr_local("href").map(|href| href.trim_start_matches('#').to_string());
            RawType { id, name: node.trimmed_text(), at: node.at.clone() }
        } else {
            match reference(node) {
                Some(found) => found,
                None => return,
            }
        };
        let name = type_ref.name.clone().unwrap_or_default();
        let element =
            crate::read::doc::ElementDoc { name, at: node.at.clone(), ..Default::default() };
        classifier.attributes.push(RawAttribute { element, type_ref, ..RawAttribute::default() });
    }

    fn relation(&mut self, node: &XmlNode, source: &str) {
        let (element, _) = element_of(&mut self.collector, node, &[]);
        let Some(target) = node.child("doel").and_then(reference) else {
            let message = "a relation without `doel` is skipped";
            self.collector.raw.diagnostics.push(Diagnostic::warning(node.at.clone(), "", message));
            return;
        };
        let role = node
            .children
            .iter()
            .filter(|child| matches!(child.local(), "relatierolDoel" | "relatierollen"))
            .flat_map(|child| child.children.iter())
            .find(|role| matches!(role.local(), "RelatierolDoel" | "Doel"))
            .and_then(|role| text_of(role, "naam"));
        let aggregation = match text_of(node, "aggregatietype").as_deref() {
            Some("Compositie") => Aggregation::Composite,
            Some("Gedeeld" | "Aggregatie") => Aggregation::Shared,
            _ => Aggregation::None,
        };
        self.collector.raw.associations.push(RawAssociation {
            element,
            source: RawType { id: Some(source.to_string()), name: None, at: node.at.clone() },
            target,
            role,
            cardinality: text_of(node, "kardinaliteit").and_then(|text| multiplicity(&text)),
            source_cardinality: text_of(node, "kardinaliteitBron")
                .and_then(|text| multiplicity(&text)),
            aggregation,
            association_class: None,
        });
    }

    fn generalization(&mut self, node: &XmlNode, sub: &str) {
        let Some(sup) = node.child("supertype").and_then(reference) else { return };
        self.collector.raw.generalizations.push(RawGeneralization {
            sub: sub.to_string(),
            sup,
            at: node.at.clone(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_read_from_the_element_or_its_xhtml_body() {
        let text = "<a><naam> Bron </naam><definitie><!-- FOUT --></definitie>\
                    <toelichting><xhtml:body><xhtml:p>een</xhtml:p></xhtml:body></toelichting></a>";
        let keep = |name: &str, _: &Attrs| {
            if xml::local_name(name) == "body" { Keep::Flatten } else { Keep::Element }
        };
        let (root, _) = xml::parse_tree(text, &Arc::from("m.xml"), &keep).unwrap();
        assert_eq!(text_of(&root, "naam").as_deref(), Some("Bron"));
        assert_eq!(text_of(&root, "definitie"), None);
        assert_eq!(text_of(&root, "toelichting").as_deref(), Some("een"));
    }

    #[test]
    fn a_file_that_is_not_a_mim_model_is_refused() {
        let error = parse(b"<other/>", &Arc::from("m.xml")).unwrap_err().to_string();
        assert!(error.starts_with("m.xml:1:1: expected a MIM `Informatiemodel`"), "{error}");
    }
}
