//! The default model, Klantinteracties: its content against the reference analysis, and
//! what the resource pattern makes of it.
//!
//! Input: model/klantinteracties.yaml and its profile; with `PATROON_REFDATA`, the
//! analysis JSON of the data dictionary.
//! Output: test results.
//! Not here: golden comparison (see `golden`), conformance linting (CI).

use std::collections::BTreeSet;

use patroon::mim::{Model, TypeRef};
use patroon::pattern::ApiPattern;
use patroon::pipeline;
use serde_json::Value;

use crate::support::{assert_every_element_placed, check, parse_spec, refdata, root};

fn model() -> Model {
    pipeline::load(&root().join("model/klantinteracties.yaml"), None, None)
        .expect("model loads")
        .model
}

#[test]
fn model_has_the_dictionary_counts() {
    let model = model();
    let members: usize = model.gegevensgroeptypen.iter().map(|group| group.attributes.len()).sum();
    let attributes: usize = model.objecttypes.iter().map(|ot| ot.attributes.len()).sum();
    let expanded: usize = model
        .objecttypes
        .iter()
        .flat_map(|ot| &ot.attributes)
        .map(|attribute| match attribute.type_ref {
            TypeRef::Gegevensgroeptype(idx) => 1 + model.gegevensgroeptypen[idx].attributes.len(),
            _ => 1,
        })
        .sum();
    let generalisations: usize = model.objecttypes.iter().map(|ot| ot.supertypes.len()).sum();
    let values: usize = model.enumeraties.iter().map(|e| e.values.len()).sum();
    let elements: usize = model.referentielijsten.iter().map(|l| l.elements.len()).sum();
    assert_eq!(model.objecttypes.len(), 19);
    assert_eq!(model.objecttypes.iter().filter(|ot| ot.is_abstract).count(), 2);
    assert_eq!(attributes, 66);
    assert_eq!(expanded, 114);
    assert_eq!(model.gegevensgroeptypen.len(), 4);
    assert_eq!(members, 18);
    assert_eq!(model.relatiesoorten.len(), 18);
    assert_eq!(generalisations, 6);
    assert_eq!(model.datatypes.len(), 15);
    assert_eq!(model.enumeraties.len(), 5);
    assert_eq!(values, 13);
    assert_eq!(model.referentielijsten.len(), 7);
    assert_eq!(elements, 22);
}

fn names<'a>(items: impl IntoIterator<Item = &'a Value>, key: &str) -> BTreeSet<String> {
    items.into_iter().filter_map(|item| item[key].as_str().map(str::to_string)).collect()
}

#[test]
fn model_matches_the_analysis_of_the_dictionary() {
    let Some(refdata) = refdata() else { return };
    let path = refdata.join("analysis/klantinteracties-model.json");
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{} missing", path.display()));
    let analysis: Value = serde_json::from_str(&text).expect("analysis is JSON");
    let model = model();
    let list = |key: &str| analysis[key].as_array().cloned().unwrap_or_default();

    let ours: BTreeSet<String> =
        model.objecttypes.iter().map(|ot| ot.element.name.clone()).collect();
    assert_eq!(ours, names(&list("objecttypes"), "name"));
    for objecttype in list("objecttypes") {
        let name = objecttype["name"].as_str().expect("name");
        let ours = model.objecttypes.iter().find(|ot| ot.element.name == name).expect("objecttype");
        let theirs: Vec<String> = objecttype["attributes"]
            .as_array()
            .expect("attributes")
            .iter()
            .filter_map(|attribute| attribute["name"].as_str().map(str::to_string))
            .collect();
        let mine: Vec<String> = ours.attributes.iter().map(|a| a.element.name.clone()).collect();
        assert_eq!(mine, theirs, "attributes of {name}");
        assert_eq!(ours.is_abstract, objecttype["abstract"].as_bool().unwrap_or(false), "{name}");
    }

    let relations: BTreeSet<(String, String, String, String, String)> = model
        .relatiesoorten
        .iter()
        .map(|rel| {
            (
                model.objecttypes[rel.source].element.name.clone(),
                rel.element.name.clone(),
                model.objecttypes[rel.target].element.name.clone(),
                rel.source_cardinality.to_string(),
                rel.cardinality.to_string(),
            )
        })
        .collect();
    let card = |value: &Value| value["text"].as_str().unwrap_or_default().replace(' ', "");
    let theirs: BTreeSet<_> = list("relations")
        .iter()
        .map(|rel| {
            (
                rel["source"].as_str().unwrap_or_default().to_string(),
                rel["name"].as_str().unwrap_or_default().to_string(),
                rel["target"].as_str().unwrap_or_default().to_string(),
                card(&rel["source_cardinality"]),
                card(&rel["target_cardinality"]),
            )
        })
        .collect();
    assert_eq!(relations, theirs);

    let generalisations: BTreeSet<(String, String)> = model
        .objecttypes
        .iter()
        .flat_map(|ot| {
            ot.supertypes
                .iter()
                .map(|sup| (ot.element.name.clone(), model.objecttypes[*sup].element.name.clone()))
        })
        .collect();
    let theirs: BTreeSet<(String, String)> = list("generalisations")
        .iter()
        .map(|g| {
            (
                g["subtype"].as_str().unwrap_or_default().into(),
                g["supertype"].as_str().unwrap_or_default().into(),
            )
        })
        .collect();
    assert_eq!(generalisations, theirs);

    let pairs = [
        (
            "gegevensgroeptypen",
            model
                .gegevensgroeptypen
                .iter()
                .map(|g| g.element.name.clone())
                .collect::<BTreeSet<_>>(),
        ),
        ("datatypes", model.datatypes.iter().map(|d| d.element.name.clone()).collect()),
        ("enumerations", model.enumeraties.iter().map(|e| e.element.name.clone()).collect()),
        (
            "referentielijsten",
            model.referentielijsten.iter().map(|l| l.element.name.clone()).collect(),
        ),
    ];
    for (key, ours) in pairs {
        assert_eq!(ours, names(&list(key), "name"), "{key}");
    }
    for datatype in list("datatypes") {
        let name = datatype["name"].as_str().unwrap_or_default();
        let ours = model.datatypes.iter().find(|d| d.element.name == name).expect("datatype");
        assert_eq!(
            model.type_name(ours.base),
            datatype["base_type"].as_str().unwrap_or_default(),
            "{name}"
        );
        assert_eq!(ours.length.map(u64::from), datatype["length"].as_u64(), "{name}");
    }
    for enumeration in list("enumerations") {
        let name = enumeration["name"].as_str().unwrap_or_default();
        let ours = model.enumeraties.iter().find(|e| e.element.name == name).expect("enumeratie");
        let values: Vec<&str> = ours.values.iter().map(|v| v.element.name.as_str()).collect();
        let theirs: Vec<&str> = enumeration["values"]
            .as_array()
            .expect("values")
            .iter()
            .filter_map(|v| v["value"].as_str())
            .collect();
        assert_eq!(values, theirs, "{name}");
    }
}

#[test]
fn every_model_element_is_in_the_spec_or_listed_as_not_exposed() {
    assert_every_element_placed(&root().join("model/klantinteracties.yaml"));
}

#[test]
fn resource_pattern_has_collections_items_and_polymorphic_roots() {
    let outputs = check(&root().join("model/klantinteracties.yaml"));
    let output = outputs.iter().find(|o| o.pattern == ApiPattern::Resource).expect("resource");
    let spec = parse_spec(&output.files[0].text);
    let paths = spec["paths"].as_object().expect("paths");
    for plural in [
        "klantcontacten",
        "betrokkenen",
        "partijen",
        "actoren",
        "digitale-adressen",
        "interne-taken",
    ] {
        let collection = &paths[&format!("/{plural}")];
        assert!(collection["get"].is_object() && collection["post"].is_object(), "{plural}");
        let item = &paths[&format!("/{plural}/{{uuid}}")];
        for method in ["get", "put", "patch", "delete"] {
            assert!(item[method].is_object(), "{plural} {method}");
        }
    }
    // Subtypes are served by their abstract supertype, external types not at all.
    for absent in ["/personen", "/medewerkers", "/zaken", "/klanttaken"] {
        assert!(!paths.contains_key(absent), "{absent}");
    }
    let schemas = &spec["components"]["schemas"];
    let partij = &schemas["Partij"];
    assert_eq!(partij["oneOf"].as_array().map(Vec::len), Some(3));
    assert_eq!(partij["discriminator"]["propertyName"], "soortPartij");
    assert_eq!(schemas["Persoon"]["properties"]["soortPartij"]["enum"][0], "persoon");
    // Subtype attributes are kept: Contactpersoon's own Contactnaam is required there.
    let required = schemas["Contactpersoon"]["required"].as_array().expect("required");
    assert!(required.iter().any(|name| name == "contactnaam"));
    for name in ["Klantcontact", "Persoon", "Medewerker"] {
        assert_eq!(schemas[name]["properties"]["uuid"]["readOnly"], true, "{name}");
        assert_eq!(schemas[name]["properties"]["url"]["readOnly"], true, "{name}");
    }
    // A relation to another register is a URL; to this API, a reference object.
    let onderwerp = &schemas["Onderwerpobject"]["properties"];
    assert_eq!(onderwerp["wasZaak"]["format"], "uri");
    assert!(
        onderwerp["wasKlantcontact"]["allOf"][0]["$ref"]
            .as_str()
            .is_some_and(|r| r.ends_with("/Verwijzing"))
    );
    // Every 2xx response carries the API-Version header.
    for (path, item) in paths {
        for (method, operation) in item.as_object().expect("operations") {
            for (status, response) in operation["responses"].as_object().expect("responses") {
                if status.starts_with('2') {
                    assert!(
                        response["headers"]["API-Version"].is_object(),
                        "{path} {method} {status}"
                    );
                }
            }
        }
    }
}

#[test]
fn version_3_1_spells_nullable_as_a_type_list() {
    let outputs = check(&root().join("model/klantinteracties.yaml"));
    let output = &outputs[0];
    let spec30 = parse_spec(&output.files[0].text);
    let spec31 = parse_spec(&output.files[1].text);
    let next30 =
        &spec30["components"]["schemas"]["PaginatedKlantcontactList"]["properties"]["next"];
    let next31 =
        &spec31["components"]["schemas"]["PaginatedKlantcontactList"]["properties"]["next"];
    assert_eq!(next30["nullable"], true);
    assert_eq!(next31["type"], serde_json::json!(["string", "null"]));
    assert!(next31.get("nullable").is_none());
}
