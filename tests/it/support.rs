//! Helpers shared by the integration tests: running the pipeline, goldens, refdata.
//!
//! Input: paths relative to the crate root; the `PATROON_REFDATA` and
//! `PATROON_UPDATE_GOLDEN` environment variables.
//! Output: generated files in memory, golden comparisons, parsed specs, and the check that
//! every model element is placed in each spec or reported.
//! Not here: assertions about specific behaviour (the test modules make those).

use std::path::{Path, PathBuf};

use patroon::pattern::ApiPattern;
use patroon::pattern::api::Place;
use patroon::pipeline::{self, PatternOutput};
use patroon::render::{OasVersion, Renderer};

/// The crate root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the whole pipeline on a model (profile found beside it), every pattern and version.
pub fn check(model: &Path) -> Vec<PatternOutput> {
    let loaded = pipeline::load(model, None, None)
        .unwrap_or_else(|error| panic!("{}: {error}", model.display()));
    let renderer = Renderer::new(None).expect("built-in templates load");
    pipeline::generate(&loaded, &ApiPattern::ALL, &OasVersion::ALL, &renderer)
        .expect("rendering succeeds")
}

/// Compares `actual` with the golden file, or rewrites it when `PATROON_UPDATE_GOLDEN=1`.
pub fn assert_golden(golden: &Path, actual: &str) {
    if std::env::var("PATROON_UPDATE_GOLDEN").is_ok_and(|value| value == "1") {
        std::fs::create_dir_all(golden.parent().expect("golden has a folder")).expect("mkdir");
        std::fs::write(golden, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(golden).unwrap_or_else(|_| {
        panic!("missing golden {}; run with PATROON_UPDATE_GOLDEN=1 to create it", golden.display())
    });
    if expected != actual {
        let diff =
            similar::TextDiff::from_lines(expected.as_str(), actual).unified_diff().to_string();
        panic!(
            "{} differs from what the tool generates (PATROON_UPDATE_GOLDEN=1 rewrites it):\n{diff}",
            golden.display()
        );
    }
}

/// The shared reference data folder, or `None` (with a notice) when the variable is unset.
/// A set variable that points nowhere fails the test.
pub fn refdata() -> Option<PathBuf> {
    let Some(value) = std::env::var_os("PATROON_REFDATA") else {
        eprintln!("skipped: PATROON_REFDATA not set");
        return None;
    };
    let path = PathBuf::from(value);
    assert!(path.is_dir(), "PATROON_REFDATA={} is not a folder", path.display());
    Some(path)
}

/// Parses a generated spec as YAML into JSON values (for structural checks).
pub fn parse_spec(text: &str) -> serde_json::Value {
    let value: serde_yaml::Value = serde_yaml::from_str(text).expect("spec is valid YAML");
    serde_json::to_value(value).expect("spec converts to JSON")
}

/// Every `$ref` in a document, with the JSON pointer it resolves to (if any).
pub fn refs(spec: &serde_json::Value) -> Vec<(String, bool)> {
    let mut found = Vec::new();
    collect_refs(spec, spec, &mut found);
    found
}

fn collect_refs(
    root: &serde_json::Value,
    node: &serde_json::Value,
    found: &mut Vec<(String, bool)>,
) {
    match node {
        serde_json::Value::Object(map) => {
            for (key, value) in map {
                if key == "$ref"
                    && let Some(target) = value.as_str()
                {
                    let resolves = target
                        .strip_prefix('#')
                        .is_some_and(|pointer| root.pointer(pointer).is_some());
                    found.push((target.to_string(), resolves));
                }
                collect_refs(root, value, found);
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                collect_refs(root, item, found);
            }
        }
        _ => {}
    }
}

/// Asserts, for every pattern, that each objecttype, attribute, relation, enumeratie and
/// group member of the model is in the 3.0.3 spec where the exposure record says, or is in
/// the not-exposed report with its reason.
pub fn assert_every_element_placed(model_path: &Path) {
    let model = pipeline::load(model_path, None, None).expect("model loads").model;
    for output in check(model_path) {
        let spec = parse_spec(&output.files[0].text);
        let exposure = &output.api.exposure;
        let mut expected: Vec<String> = Vec::new();
        for objecttype in &model.objecttypes {
            expected.push(objecttype.element.name.clone());
            for attribute in &objecttype.attributes {
                expected.push(format!("{}.{}", objecttype.element.name, attribute.element.name));
            }
        }
        expected.extend(model.relatiesoorten.iter().map(|rel| model.relation_path(rel)));
        expected.extend(model.enumeraties.iter().map(|e| e.element.name.clone()));
        for group in &model.gegevensgroeptypen {
            for attribute in &group.attributes {
                expected.push(format!("{}.{}", group.element.name, attribute.element.name));
            }
        }
        for element in expected {
            let found = exposure.iter().find(|exposure| exposure.element == element);
            let Some(found) = found else {
                panic!("{}: `{element}` is neither in the spec nor listed", output.pattern)
            };
            let pattern = output.pattern;
            match &found.place {
                Place::Schema(schema) => {
                    assert!(
                        spec["components"]["schemas"][schema].is_object(),
                        "{pattern}: {element}: schema {schema} missing"
                    );
                }
                Place::Property { schema, property } => {
                    let properties = &spec["components"]["schemas"][schema]["properties"];
                    assert!(
                        properties[property].is_object(),
                        "{pattern}: {element}: {schema}.{property} missing"
                    );
                }
                Place::NotExposed(reason) => {
                    let report = &output.files.last().expect("report").text;
                    assert!(
                        report.contains(&format!("`{element}`: {reason}")),
                        "{pattern}: {element} not in the report"
                    );
                }
            }
        }
    }
}
