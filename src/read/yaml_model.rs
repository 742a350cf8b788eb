//! Reads and writes patroon's own YAML model format (docs/model-format.md).
//!
//! Input: the model file's text and its name (for messages).
//! Output: a `ModelDoc` with every element located, or all the problems found in the
//! file at once; `write` turns a `ModelDoc` back into the same format.
//! Not here: name resolution and semantic checks (`mim::build`, `validate`).

use std::sync::Arc;

use crate::location::Diagnostic;
use crate::mim::{Aggregation, Cardinality};
use crate::read::ReadError;
use crate::read::doc::*;
use crate::read::fields::Fields;
use crate::yaml::{self, Node};

/// The value of `format:` this reader understands.
pub const FORMAT: &str = "patroon-model/1";

const COMMON: [&str; 5] = ["name", "definition", "notes", "herkomst", "tags"];

fn keys(extra: &[&'static str]) -> Vec<&'static str> {
    COMMON.iter().chain(extra).copied().collect()
}

/// Parses a model file; fails on a syntax error or any problem in its structure.
pub fn parse(text: &str, file: &Arc<str>) -> Result<ModelDoc, ReadError> {
    let (doc, diags) = parse_with_diagnostics(text, file)?;
    if diags.iter().any(Diagnostic::is_error) {
        return Err(ReadError::Invalid(diags.into()));
    }
    Ok(doc)
}

/// Parses a model file and returns the document with every problem found in its structure,
/// so that later stages can add theirs and all are shown at once. Only a YAML syntax error
/// stops reading.
pub fn parse_with_diagnostics(
    text: &str,
    file: &Arc<str>,
) -> Result<(ModelDoc, Vec<Diagnostic>), ReadError> {
    let root = yaml::parse(text, file)?;
    let mut diags = Vec::new();
    let doc = model(&root, &mut diags);
    Ok((doc, diags))
}

/// Writes a model document in the patroon model format.
pub fn write(doc: &ModelDoc) -> Result<String, String> {
    let body = yaml::to_string(doc)?;
    Ok(format!("# A MIM information model in the patroon model format.\n{body}"))
}

fn model(root: &Node, diags: &mut Vec<Diagnostic>) -> ModelDoc {
    let mut doc = ModelDoc::default();
    if root.is_null() {
        diags.push(Diagnostic::error(root.at.clone(), "", "the model file is empty"));
        return doc;
    }
    let Some(fields) = Fields::new(root, &["format", "model", "packages"], "", diags) else {
        return doc;
    };

    match fields.required_text("format", diags) {
        Some(format) if format == FORMAT => doc.format = format,
        Some(format) => {
            let at = fields.get("format").map_or(root.at.clone(), |node| node.at.clone());
            let message = format!("unknown format `{format}`; this patroon reads `{FORMAT}`");
            diags.push(Diagnostic::error(at, "", message));
        }
        None => {}
    }

    match fields.get("model") {
        Some(node) => {
            if let Some(info) = Fields::new(node, &keys(&["version"]), "model", diags) {
                doc.model.element = element(&info, diags);
                doc.model.version = info.text("version", diags);
            }
        }
        None => diags.push(Diagnostic::error(root.at.clone(), "", "`model` is required")),
    }

    doc.packages = fields.list("packages", diags).iter().map(|node| package(node, diags)).collect();
    if doc.packages.is_empty() {
        diags.push(Diagnostic::error(
            root.at.clone(),
            "",
            "the model has no packages; a model needs at least one package with elements",
        ));
    }
    doc
}

fn element(fields: &Fields<'_>, diags: &mut Vec<Diagnostic>) -> ElementDoc {
    ElementDoc {
        name: fields.required_text("name", diags).unwrap_or_default(),
        definition: fields.text("definition", diags),
        notes: fields.text("notes", diags),
        herkomst: fields.text("herkomst", diags),
        tags: fields.text_map("tags", diags),
        at: fields.at.clone(),
    }
}

/// The name of an element for paths, read before its other keys.
fn name_of(node: &Node, parent: &str) -> String {
    let name = match &node.value {
        yaml::Value::Map(entries) => entries
            .iter()
            .find(|(key, _)| key.as_str() == Some("name"))
            .and_then(|(_, value)| value.as_str())
            .unwrap_or("?"),
        _ => "?",
    };
    if parent.is_empty() { name.to_string() } else { format!("{parent}.{name}") }
}

fn package(node: &Node, diags: &mut Vec<Diagnostic>) -> PackageDoc {
    let allowed = keys(&[
        "objecttypes",
        "gegevensgroeptypen",
        "datatypes",
        "enumeraties",
        "referentielijsten",
        "codelijsten",
        "keuzes",
    ]);
    let path = name_of(node, "");
    let Some(fields) = Fields::new(node, &allowed, &path, diags) else {
        return PackageDoc::default();
    };
    let items = |key: &str, diags: &mut Vec<Diagnostic>| fields.list(key, diags).to_vec();
    PackageDoc {
        element: element(&fields, diags),
        objecttypes: items("objecttypes", diags).iter().map(|n| objecttype(n, diags)).collect(),
        gegevensgroeptypen: items("gegevensgroeptypen", diags)
            .iter()
            .map(|n| gegevensgroeptype(n, diags))
            .collect(),
        datatypes: items("datatypes", diags).iter().map(|n| datatype(n, diags)).collect(),
        enumeraties: items("enumeraties", diags).iter().map(|n| enumeratie(n, diags)).collect(),
        referentielijsten: items("referentielijsten", diags)
            .iter()
            .map(|n| referentielijst(n, diags))
            .collect(),
        codelijsten: items("codelijsten", diags).iter().map(|n| codelijst(n, diags)).collect(),
        keuzes: items("keuzes", diags).iter().map(|n| keuze(n, diags)).collect(),
    }
}

fn objecttype(node: &Node, diags: &mut Vec<Diagnostic>) -> ObjecttypeDoc {
    let path = name_of(node, "");
    let allowed = keys(&["abstract", "supertypes", "attributes", "relations"]);
    let Some(fields) = Fields::new(node, &allowed, &path, diags) else {
        return ObjecttypeDoc::default();
    };
    ObjecttypeDoc {
        element: element(&fields, diags),
        is_abstract: fields.flag("abstract", diags),
        supertypes: fields.refs("supertypes", diags),
        attributes: attributes(&fields, "attributes", &path, diags),
        relations: fields
            .list("relations", diags)
            .iter()
            .map(|item| relation(item, &path, diags))
            .collect(),
    }
}

fn attributes(
    fields: &Fields<'_>,
    key: &str,
    parent: &str,
    diags: &mut Vec<Diagnostic>,
) -> Vec<AttributeDoc> {
    fields.list(key, diags).iter().map(|item| attribute(item, parent, diags)).collect()
}

fn cardinality(fields: &Fields<'_>, key: &str, diags: &mut Vec<Diagnostic>) -> Option<Cardinality> {
    let text = fields.text(key, diags)?;
    let parsed =
        Cardinality::parse(&text).filter(|card| card.max.is_none_or(|max| max >= card.min));
    if parsed.is_none() {
        let at = fields.get(key).map_or(fields.at.clone(), |node| node.at.clone());
        let message = format!(
            "`{key}` `{text}` is not a cardinality; write it as `1`, `0..1`, `0..*`, `1..*` or `2..5`"
        );
        diags.push(Diagnostic::error(at, &fields.path, message));
    }
    parsed
}

fn attribute(node: &Node, parent: &str, diags: &mut Vec<Diagnostic>) -> AttributeDoc {
    let path = name_of(node, parent);
    let allowed = keys(&[
        "type",
        "cardinality",
        "identifying",
        "mogelijk_geen_waarde",
        "derived",
        "length",
        "pattern",
        "pattern_description",
    ]);
    let Some(fields) = Fields::new(node, &allowed, &path, diags) else {
        return AttributeDoc::default();
    };
    AttributeDoc {
        element: element(&fields, diags),
        type_name: fields.required_ref("type", diags),
        cardinality: cardinality(&fields, "cardinality", diags),
        identifying: fields.flag("identifying", diags),
        mogelijk_geen_waarde: fields.flag("mogelijk_geen_waarde", diags),
        derived: fields.flag("derived", diags),
        length: fields.number("length", diags),
        pattern: fields.text("pattern", diags),
        pattern_description: fields.text("pattern_description", diags),
    }
}

fn relation(node: &Node, parent: &str, diags: &mut Vec<Diagnostic>) -> RelationDoc {
    let path = name_of(node, parent);
    let allowed = keys(&["target", "role", "cardinality", "source_cardinality", "aggregation"]);
    let Some(fields) = Fields::new(node, &allowed, &path, diags) else {
        return RelationDoc::default();
    };
    let aggregation = match fields.text("aggregation", diags).as_deref() {
        None | Some("none") => Aggregation::None,
        Some("shared") => Aggregation::Shared,
        Some("composite") => Aggregation::Composite,
        Some(other) => {
            let at = fields.get("aggregation").map_or(fields.at.clone(), |node| node.at.clone());
            let message =
                format!("unknown aggregation `{other}`; use `none`, `shared` or `composite`");
            diags.push(Diagnostic::error(at, &path, message));
            Aggregation::None
        }
    };
    RelationDoc {
        element: element(&fields, diags),
        target: fields.required_ref("target", diags),
        role: fields.text("role", diags),
        cardinality: cardinality(&fields, "cardinality", diags),
        source_cardinality: cardinality(&fields, "source_cardinality", diags),
        aggregation,
    }
}

fn gegevensgroeptype(node: &Node, diags: &mut Vec<Diagnostic>) -> GegevensgroeptypeDoc {
    let path = name_of(node, "");
    let Some(fields) = Fields::new(node, &keys(&["attributes"]), &path, diags) else {
        return GegevensgroeptypeDoc::default();
    };
    GegevensgroeptypeDoc {
        element: element(&fields, diags),
        attributes: attributes(&fields, "attributes", &path, diags),
    }
}

fn datatype(node: &Node, diags: &mut Vec<Diagnostic>) -> DatatypeDoc {
    let path = name_of(node, "");
    let allowed = keys(&["base", "length", "pattern", "pattern_description"]);
    let Some(fields) = Fields::new(node, &allowed, &path, diags) else {
        return DatatypeDoc::default();
    };
    DatatypeDoc {
        element: element(&fields, diags),
        base: fields.required_ref("base", diags),
        length: fields.number("length", diags),
        pattern: fields.text("pattern", diags),
        pattern_description: fields.text("pattern_description", diags),
    }
}

fn enumeratie(node: &Node, diags: &mut Vec<Diagnostic>) -> EnumeratieDoc {
    let path = name_of(node, "");
    let Some(fields) = Fields::new(node, &keys(&["values"]), &path, diags) else {
        return EnumeratieDoc::default();
    };
    let values = fields
        .list("values", diags)
        .iter()
        .filter_map(|item| {
            let value_path = name_of(item, &path);
            let value = Fields::new(item, &keys(&["code"]), &value_path, diags)?;
            Some(EnumValueDoc { element: element(&value, diags), code: value.text("code", diags) })
        })
        .collect();
    EnumeratieDoc { element: element(&fields, diags), values }
}

fn referentielijst(node: &Node, diags: &mut Vec<Diagnostic>) -> ReferentielijstDoc {
    let path = name_of(node, "");
    let Some(fields) = Fields::new(node, &keys(&["location", "elements"]), &path, diags) else {
        return ReferentielijstDoc::default();
    };
    ReferentielijstDoc {
        element: element(&fields, diags),
        location: fields.text("location", diags),
        elements: attributes(&fields, "elements", &path, diags),
    }
}

fn codelijst(node: &Node, diags: &mut Vec<Diagnostic>) -> CodelijstDoc {
    let path = name_of(node, "");
    let Some(fields) = Fields::new(node, &keys(&["location"]), &path, diags) else {
        return CodelijstDoc::default();
    };
    CodelijstDoc { element: element(&fields, diags), location: fields.text("location", diags) }
}

fn keuze(node: &Node, diags: &mut Vec<Diagnostic>) -> KeuzeDoc {
    let path = name_of(node, "");
    let Some(fields) = Fields::new(node, &keys(&["options"]), &path, diags) else {
        return KeuzeDoc::default();
    };
    KeuzeDoc { element: element(&fields, diags), options: fields.refs("options", diags) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file() -> Arc<str> {
        Arc::from("m.yaml")
    }

    const SMALL: &str = "format: patroon-model/1\nmodel:\n  name: M\npackages:\n  - name: P\n    objecttypes:\n      - name: Boek\n        attributes:\n          - name: Titel\n            type: CharacterString\n            cardinality: \"0..1\"\n";

    #[test]
    fn reads_a_small_model() {
        let doc = parse(SMALL, &file()).unwrap();
        let boek = &doc.packages[0].objecttypes[0];
        assert_eq!(boek.element.name, "Boek");
        assert_eq!(boek.attributes[0].cardinality, Some(Cardinality::OPTIONAL));
        assert_eq!(boek.attributes[0].type_name.at.to_string(), "m.yaml:10:19");
    }

    #[test]
    fn unknown_key_is_located_and_gets_a_suggestion() {
        let text = SMALL.replace("cardinality:", "cardinalty:");
        let ReadError::Invalid(diags) = parse(&text, &file()).unwrap_err() else {
            panic!("expected diagnostics")
        };
        let shown = diags.to_string();
        assert!(shown.contains("m.yaml:11:13: error: `Boek.Titel`: unknown key `cardinalty`; did you mean `cardinality`?"), "{shown}");
    }

    #[test]
    fn all_problems_are_reported_at_once() {
        let text = SMALL
            .replace("\"0..1\"", "\"1..0\"")
            .replace("            type: CharacterString\n", "");
        let ReadError::Invalid(diags) = parse(&text, &file()).unwrap_err() else {
            panic!("expected diagnostics")
        };
        assert_eq!(diags.error_count(), 2, "{diags}");
    }

    #[test]
    fn writing_and_reading_back_gives_the_same_document() {
        let doc = parse(SMALL, &file()).unwrap();
        let written = write(&doc).unwrap();
        let again = parse(&written, &file()).unwrap();
        assert_eq!(write(&again).unwrap(), written);
        assert_eq!(
            again.packages[0].objecttypes[0].attributes[0].cardinality,
            Some(Cardinality::OPTIONAL)
        );
    }
}
