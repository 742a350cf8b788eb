//! Golden files: the committed output/ and every fixture's specs equal a fresh generation.
//!
//! Input: model/klantinteracties.yaml → output/; tests/fixtures/<case>/model.yaml →
//! tests/golden/<case>/<pattern>/<file>.
//! Output: a failure with a diff when a file differs; `PATROON_UPDATE_GOLDEN=1` rewrites.
//! Not here: whether the specs conform to the API design rules (CI runs Spectral).

use crate::support::{assert_golden, check, parse_spec, refs, root};

#[test]
fn committed_output_equals_a_fresh_generation() {
    let outputs = check(&root().join("model/klantinteracties.yaml"));
    for output in &outputs {
        for file in &output.files {
            assert_golden(&root().join("output").join(&file.path), &file.text);
        }
    }
}

#[test]
fn every_fixture_renders_every_pattern_as_its_golden() {
    let fixtures = root().join("tests/fixtures");
    let mut cases: Vec<_> = std::fs::read_dir(&fixtures)
        .expect("fixtures folder")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| path.join("model.yaml").exists())
        .collect();
    cases.sort();
    assert!(cases.len() >= 2, "expected fixture cases in {}", fixtures.display());
    for case in cases {
        let name = case.file_name().expect("case name").to_owned();
        for output in check(&case.join("model.yaml")) {
            for file in &output.files {
                assert_golden(
                    &root().join("tests/golden").join(&name).join(&file.path),
                    &file.text,
                );
            }
        }
    }
}

#[test]
fn generation_is_deterministic() {
    let model = root().join("model/klantinteracties.yaml");
    let first = check(&model);
    let second = check(&model);
    for (one, two) in first.iter().zip(&second) {
        assert_eq!(one.files, two.files);
    }
}

#[test]
fn every_spec_parses_and_every_ref_is_internal_and_resolves() {
    for output in check(&root().join("model/klantinteracties.yaml")) {
        for file in output
            .files
            .iter()
            .filter(|file| file.path.extension().is_some_and(|ext| ext == "yaml"))
        {
            let spec = parse_spec(&file.text);
            let version = spec["openapi"].as_str().expect("openapi version");
            assert!(version == "3.0.3" || version == "3.1.0", "{version}");
            let all = refs(&spec);
            assert!(!all.is_empty());
            for (target, resolves) in all {
                assert!(
                    target.starts_with("#/"),
                    "{}: external $ref {target}",
                    file.path.display()
                );
                assert!(resolves, "{}: $ref {target} does not resolve", file.path.display());
            }
        }
    }
}

#[test]
fn the_format_documents_example_is_the_bibliotheek_fixture() {
    let doc = std::fs::read_to_string(root().join("docs/model-format.md")).expect("doc");
    let section = doc.split("## A small complete example").nth(1).expect("example section");
    let example = section.split("```yaml\n").nth(1).and_then(|rest| rest.split("```").next());
    let fixture = std::fs::read_to_string(root().join("tests/fixtures/bibliotheek/model.yaml"))
        .expect("fixture");
    assert_eq!(example, Some(fixture.as_str()));
}
