//! The command line: exit codes, messages with locations, and nothing written on failure.
//!
//! Input: the built `patroon` binary, run in temporary folders on models written here.
//! Output: test results.
//! Not here: the content of generated specs (see `golden`, `klantinteracties`).

use std::path::Path;
use std::process::{Command, Output};

use crate::support::root;

fn patroon(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_patroon"))
        .args(args)
        .current_dir(dir)
        .env_remove("PATROON_LOG")
        .output()
        .expect("patroon runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const GOOD: &str = "\
format: patroon-model/1
model:
  name: Bibliotheek
packages:
  - name: Model
    objecttypes:
      - name: Boek
        attributes:
          - name: Titel
            type: CharacterString
";

/// Runs `generate` on a model text; asserts exit 2, nothing written, and returns stderr.
fn refused(model: &str) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("model.yaml"), model).expect("write model");
    let output = patroon(dir.path(), &["generate", "--model", "model.yaml", "--out", "out"]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(!dir.path().join("out").exists(), "output was written despite the error");
    message
}

#[test]
fn missing_model_file() {
    let message = refused_path("absent.yaml");
    assert!(
        message.contains("error: cannot use the model `absent.yaml`; nothing written"),
        "{message}"
    );
    assert!(message.contains("caused by: cannot read `absent.yaml`"), "{message}");
}

fn refused_path(model: &str) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let output = patroon(dir.path(), &["generate", "--model", model, "--out", "out"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(!dir.path().join("out").exists());
    stderr(&output)
}

#[test]
fn yaml_syntax_error_is_located() {
    let message = refused(&GOOD.replace("    objecttypes:\n", "    objecttypes: [\n"));
    assert!(message.contains("model.yaml:"), "{message}");
    assert!(message.contains("error:"), "{message}");
}

#[test]
fn unknown_key_is_located_with_a_suggestion() {
    let message = refused(&GOOD.replace("            type:", "            typ:"));
    assert!(
        message.contains(
            "model.yaml:10:13: error: `Boek.Titel`: unknown key `typ`; did you mean `type`?"
        ),
        "{message}"
    );
    assert!(message.contains("`type` is required"), "{message}");
}

#[test]
fn unknown_type_is_located_with_a_suggestion() {
    let message = refused(&GOOD.replace("CharacterString", "CharacterStrng"));
    assert!(message.contains("model.yaml:10:19: error: `Boek.Titel`: unknown type `CharacterStrng`; did you mean `CharacterString`?"), "{message}");
    assert!(message.contains("has 1 error; nothing written"), "{message}");
}

#[test]
fn duplicate_names_are_refused() {
    let twice = format!("{GOOD}      - name: Boek\n");
    let message = refused(&twice);
    assert!(
        message.contains(
            "model.yaml:11:9: error: `Boek`: the name `Boek` is also used at model.yaml:7:9"
        ),
        "{message}"
    );
}

#[test]
fn empty_model_is_refused() {
    let message = refused("");
    assert!(message.contains("model.yaml:1:1: error: the model file is empty"), "{message}");
    let message =
        refused("format: patroon-model/1\nmodel:\n  name: Leeg\npackages:\n  - name: Model\n");
    assert!(message.contains("the model has no objecttypes"), "{message}");
}

#[test]
fn several_problems_are_reported_in_one_run() {
    let broken = GOOD
        .replace("CharacterString", "Tekst")
        .replace("      - name: Boek\n", "      - name: Boek\n        supertypes: [Werk]\n");
    let message = refused(&broken);
    assert!(message.contains("unknown type `Tekst`"), "{message}");
    assert!(message.contains("unknown objecttype `Werk`"), "{message}");
    assert!(message.contains("has 2 errors"), "{message}");
}

#[test]
fn generation_cycle_and_bad_cardinality_are_refused() {
    let cyclic =
        GOOD.replace("      - name: Boek\n", "      - name: Boek\n        supertypes: [Boek]\n");
    assert!(refused(&cyclic).contains("generalisation cycle"));
    let bad = GOOD.replace(
        "            type: CharacterString\n",
        "            type: CharacterString\n            cardinality: \"3..1\"\n",
    );
    assert!(refused(&bad).contains("`cardinality` `3..1` is not a cardinality"));
}

#[test]
fn profile_naming_an_absent_objecttype_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("model.yaml"), GOOD).expect("write");
    let profile = "format: patroon-profile/1\ninfo:\n  title: B\n  version: 1.0.0\n  contact: {name: n, url: https://e.nl, email: a@e.nl}\nservers:\n  - url: https://e.nl/api/v1\nexternal:\n  Boeken: ergens\n";
    std::fs::write(dir.path().join("model.profile.yaml"), profile).expect("write");
    let output = patroon(dir.path(), &["generate", "--model", "model.yaml", "--out", "out"]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(message.contains("model.profile.yaml:9:3: error: `external`: `Boeken` is not in the model; did you mean `Boek`?"), "{message}");
    assert!(!dir.path().join("out").exists());
}

#[test]
fn generate_then_check_then_drift() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("model.yaml"), GOOD).expect("write");
    let args = ["--model", "model.yaml", "--out", "out", "--pattern", "resource"];
    let generate = patroon(dir.path(), &[&["generate"][..], &args].concat());
    assert_eq!(generate.status.code(), Some(0), "{}", stderr(&generate));
    assert!(dir.path().join("out/resource/openapi.yaml").exists());
    assert!(dir.path().join("out/resource/openapi-3.1.yaml").exists());

    let clean = patroon(dir.path(), &[&["check"][..], &args].concat());
    assert_eq!(clean.status.code(), Some(0), "{}", stderr(&clean));

    std::fs::write(dir.path().join("model.yaml"), GOOD.replace("Titel", "Ondertitel"))
        .expect("write");
    let drift = patroon(dir.path(), &[&["check"][..], &args].concat());
    assert_eq!(drift.status.code(), Some(1), "{}", stderr(&drift));
    let diff = String::from_utf8_lossy(&drift.stdout);
    assert!(diff.contains("+        ondertitel:"), "{diff}");
}

#[test]
fn usage_errors_exit_2_and_help_exits_0() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert_eq!(patroon(dir.path(), &["generate", "--pattern", "nope"]).status.code(), Some(2));
    assert_eq!(patroon(dir.path(), &["frobnicate"]).status.code(), Some(2));
    let help = patroon(dir.path(), &["generate", "--help"]);
    assert_eq!(help.status.code(), Some(0));
    let text = String::from_utf8_lossy(&help.stdout);
    crate::support::assert_golden(&root().join("tests/golden/cli/generate-help.txt"), &text);
}

#[test]
fn templates_folder_replaces_the_built_in_template() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("model.yaml"), GOOD).expect("write");
    std::fs::create_dir(dir.path().join("tpl")).expect("mkdir");
    std::fs::write(dir.path().join("tpl/openapi.yaml.j2"), "title: {{ api.info.title | q }}\n")
        .expect("write");
    let args = ["generate", "--model", "model.yaml", "--out", "out", "--templates", "tpl"];
    let output = patroon(dir.path(), &args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = std::fs::read_to_string(dir.path().join("out/resource/openapi.yaml")).expect("read");
    assert_eq!(text, "title: Bibliotheek\n");

    // A broken template is an error with its line, and nothing is written.
    std::fs::write(dir.path().join("tpl/openapi.yaml.j2"), "a\n{% if %}\n").expect("write");
    let args = ["generate", "--model", "model.yaml", "--out", "out2", "--templates", "tpl"];
    let output = patroon(dir.path(), &args);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(message.contains("template `openapi.yaml.j2` failed: line 2"), "{message}");
    assert!(!dir.path().join("out2").exists());
}

#[test]
fn import_writes_a_model_that_generates_the_same_api() {
    let Some(refdata) = crate::support::refdata() else { return };
    let xmi = refdata.join("xmi/01_imvertor_SampleBase.1.xmi");
    let dir = tempfile::tempdir().expect("tempdir");
    let xmi = xmi.to_string_lossy().into_owned();
    let import = patroon(
        dir.path(),
        &["import", &xmi, "-o", "sample.yaml", "--profile-out", "sample.profile.yaml"],
    );
    assert_eq!(import.status.code(), Some(0), "{}", stderr(&import));
    let model = std::fs::read_to_string(dir.path().join("sample.yaml")).expect("model written");
    assert!(model.contains("format: patroon-model/1"));
    let profile = std::fs::read_to_string(dir.path().join("sample.profile.yaml")).expect("profile");
    assert!(profile.contains("format: patroon-profile/1"));

    // The imported YAML, and the XMI directly, give the same specs.
    let from_yaml = patroon(dir.path(), &["generate", "--model", "sample.yaml", "--out", "a"]);
    assert_eq!(from_yaml.status.code(), Some(0), "{}", stderr(&from_yaml));
    let profile_arg = ["--profile", "sample.profile.yaml"];
    let from_xmi = patroon(
        dir.path(),
        &[&["generate", "--model", &xmi, "--out", "b"][..], &profile_arg].concat(),
    );
    assert_eq!(from_xmi.status.code(), Some(0), "{}", stderr(&from_xmi));
    let spec = |out: &str| {
        std::fs::read_to_string(dir.path().join(out).join("resource/openapi.yaml")).expect("spec")
    };
    assert_eq!(spec("a"), spec("b"));

    let inspect = patroon(dir.path(), &["inspect", &xmi]);
    assert_eq!(inspect.status.code(), Some(0), "{}", stderr(&inspect));
    assert!(String::from_utf8_lossy(&inspect.stdout).contains("objecttypes"));
}

#[test]
fn an_unknown_package_lists_the_packages() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("model.yaml"), GOOD).expect("write");
    let output = patroon(dir.path(), &["inspect", "model.yaml", "--package", "Modle"]);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(message.contains("there is no package `Modle`; the packages are: Model"), "{message}");
}

#[test]
fn reader_and_builder_problems_come_together() {
    let broken = GOOD
        .replace("CharacterString", "Tekst")
        .replace("    objecttypes:", "    objecttypen: []\n    objecttypes:");
    let message = refused(&broken);
    assert!(message.contains("unknown key `objecttypen`"), "{message}");
    assert!(message.contains("unknown type `Tekst`"), "{message}");
    assert!(message.contains("has 2 errors"), "{message}");
}

#[test]
fn a_missing_templates_folder_is_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("model.yaml"), GOOD).expect("write");
    let args = ["generate", "--model", "model.yaml", "--out", "out", "--templates", "nope"];
    let output = patroon(dir.path(), &args);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(message.contains("cannot read template `nope/openapi.yaml.j2`"), "{message}");
    assert!(!dir.path().join("out").exists());
}

#[test]
fn the_model_is_never_overwritten_by_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("m/resource")).expect("mkdir");
    std::fs::write(dir.path().join("m/resource/openapi.yaml"), GOOD).expect("write");
    let args = ["generate", "--model", "m/resource/openapi.yaml", "--out", "m"];
    let output = patroon(dir.path(), &args);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("would be overwritten"));
    let kept = std::fs::read_to_string(dir.path().join("m/resource/openapi.yaml")).expect("read");
    assert_eq!(kept, GOOD);
}

#[test]
fn check_on_an_unreadable_output_is_an_error_not_drift() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("model.yaml"), GOOD).expect("write");
    std::fs::write(dir.path().join("out"), "a file, not a folder").expect("write");
    let output = patroon(dir.path(), &["check", "--model", "model.yaml", "--out", "out"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
}

#[test]
fn a_misspelt_technical_id_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let model = root().join("model/klantinteracties.yaml");
    let profile = std::fs::read_to_string(root().join("model/klantinteracties.profile.yaml"))
        .expect("profile")
        .replace("technical_id: ID", "technical_id: Id");
    std::fs::write(dir.path().join("p.yaml"), profile).expect("write");
    let model = model.to_string_lossy().into_owned();
    let output = patroon(
        dir.path(),
        &["generate", "--model", &model, "--profile", "p.yaml", "--out", "out"],
    );
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{message}");
    assert!(
        message.contains(
            "`technical_id`: no objecttype has an identifying attribute `Id`; did you mean `ID`?"
        ),
        "{message}"
    );
    assert!(message.contains("the profile for the model"), "{message}");
}

#[test]
fn a_model_without_any_resource_is_refused() {
    let abstract_only =
        GOOD.replace("      - name: Boek\n", "      - name: Boek\n        abstract: true\n");
    let message = refused(&abstract_only);
    assert!(message.contains("no objecttype of the model is a resource of this API"), "{message}");
    assert!(
        message.contains("pattern cannot be made from this model; nothing written"),
        "{message}"
    );
}

#[test]
fn colliding_api_names_are_numbered_apart_with_a_warning() {
    let dir = tempfile::tempdir().expect("tempdir");
    let model = GOOD.replace(
        "          - name: Titel\n",
        "          - name: URL\n            type: CharacterString\n          - name: Titel\n",
    );
    std::fs::write(dir.path().join("model.yaml"), model).expect("write");
    let args = ["generate", "--model", "model.yaml", "--out", "out", "--pattern", "resource"];
    let output = patroon(dir.path(), &args);
    let message = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{message}");
    let expected = "model.yaml:9:13: warning: `Boek.URL`: its API name `url` is already a property of the same object; it is `url2`";
    assert_eq!(message.matches(expected).count(), 1, "{message}");
}
