//! One small hand-written file per kind of trap that real exports hold, with the value a
//! careful reader must find; plus refusal of DTD tricks.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use patroon::location::Diagnostic;
use patroon::mim::{self, Aggregation, Cardinality, Model, Primitive, TypeRef};
use patroon::read::{self, ReadError, doc::ModelDoc, inspect};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/xmi").join(name)
}

fn read(name: &str) -> (ModelDoc, Vec<Diagnostic>, Model) {
    let (doc, warnings) = read::read_model_with_warnings(&fixture(name)).unwrap();
    let (model, diags) = mim::build(&doc);
    let errors: Vec<String> =
        diags.iter().filter(|diag| diag.is_error()).map(ToString::to_string).collect();
    assert!(errors.is_empty(), "{name}: {}", errors.join("\n"));

    // Every fixture also round-trips through the YAML model format.
    let written = read::yaml_model::write(&doc).unwrap();
    let again = read::yaml_model::parse(&written, &std::sync::Arc::from("again.yaml")).unwrap();
    let (model_again, _) = mim::build(&again);
    let same = crate::xmi_corpus::without_locations(model.clone())
        == crate::xmi_corpus::without_locations(model_again);
    assert!(same, "{name}: the IR differs after the YAML round trip");
    (doc, warnings, model)
}

fn objecttype<'a>(model: &'a Model, name: &str) -> &'a mim::Objecttype {
    let idx = model.objecttype_index(name).unwrap_or_else(|| panic!("no objecttype `{name}`"));
    &model.objecttypes[idx]
}

fn attribute<'a>(model: &'a Model, owner: &str, name: &str) -> &'a mim::Attribuutsoort {
    let owner = objecttype(model, owner);
    owner.attributes.iter().find(|a| a.element.name == name).unwrap()
}

fn warned(warnings: &[Diagnostic], text: &str) -> bool {
    warnings.iter().any(|warning| warning.message.contains(text))
}

// Quirk 1, and public reports 10/11: windows-1252 is decoded as declared.
#[test]
fn windows_1252_names_are_decoded() {
    let (_, _, model) = read("ea11_quirks.xmi");
    assert!(model.objecttype_index("Reëel object").is_some());
    let naam = attribute(&model, "Gebied", "naam");
    assert_eq!(naam.element.tags.get("Indicatie materiële historie").unwrap(), "Nee");
}

// Quirk 2: a stereotype given as element and as tag counts once.
#[test]
fn a_stereotype_written_twice_counts_once() {
    let (doc, _, model) = read("ea11_quirks.xmi");
    assert_eq!(doc.packages[0].objecttypes.len(), 3);
    assert!(objecttype(&model, "Reëel object").element.tags.get("stereotype").is_none());
}

// Quirk 3 and public report 25: attribute bounds from lowerBound/upperBound tags,
// end multiplicity from `multiplicity`.
#[test]
fn multiplicities_come_from_tags_and_ends() {
    let (_, _, model) = read("ea11_quirks.xmi");
    assert_eq!(attribute(&model, "Gebied", "naam").cardinality, Cardinality::MANY);
    let aantal = attribute(&model, "Gebied", "aantal").cardinality;
    assert_eq!(aantal, Cardinality { min: 1, max: Some(12) });
    let relation = &model.relatiesoorten[0];
    assert_eq!(relation.cardinality, Cardinality { min: 1, max: Some(2) });
    assert_eq!(relation.source_cardinality, Cardinality::MANY);
}

// Quirk 4: the type tag is a fallback; the idref names the type (here an EA primitive id).
// Quirk 14 and public reports 1/2: EA primitive ids map to MIM primitives.
#[test]
fn ea_primitive_ids_map_to_mim_primitives() {
    let (_, _, model) = read("ea11_quirks.xmi");
    let aantal = attribute(&model, "Gebied", "aantal");
    assert_eq!(aantal.type_ref, TypeRef::Primitive(Primitive::Integer));
    let naam = attribute(&model, "Gebied", "naam");
    assert_eq!(naam.type_ref, TypeRef::Primitive(Primitive::CharacterString));
    let (_, _, model) = read("ea25_quirks.xmi");
    let breedte = attribute(&model, "Weg (Wegen)", "breedte");
    assert_eq!(breedte.type_ref, TypeRef::Primitive(Primitive::Real));
    let code = attribute(&model, "Weg (Wegen)", "code");
    assert_eq!(code.type_ref, TypeRef::Primitive(Primitive::CharacterString));
}

// Quirk 5: Dutch tagged values with spaces fill the MIM fields; EA internals are dropped;
// unknown tags are kept and reported.
#[test]
fn dutch_tagged_values_fill_mim_fields() {
    let (_, warnings, model) = read("ea11_quirks.xmi");
    let naam = attribute(&model, "Gebied", "naam");
    assert!(naam.mogelijk_geen_waarde && naam.derived);
    assert_eq!(naam.length, Some(80));
    assert_eq!(naam.pattern.as_deref(), Some("^[A-Z].*$"));
    assert_eq!(naam.pattern_description.as_deref(), Some("begint met een hoofdletter"));
    assert_eq!(naam.element.herkomst.as_deref(), Some("Gemeente"));
    assert_eq!(naam.element.definition.as_deref(), Some("De naam van het gebied."));
    assert_eq!(naam.element.notes.as_deref(), Some("Zoals ter plaatse bekend."));
    assert_eq!(naam.element.tags.get("Datum opname").unwrap(), "2024-01-01");
    assert_eq!(naam.element.tags.get("Regels gemeente").unwrap(), "geen");
    assert!(warned(&warnings, "unknown tagged value `Regels gemeente`"));
    let object = objecttype(&model, "Reëel object");
    assert!(!object.element.tags.contains_key("ea_localid"));
    assert_eq!(object.element.definition.as_deref(), Some("Iets in de werkelijkheid."));
}

// EA writes long tagged values as `<memo>`: in XMI 1.1 the text is in the tag's
// extension, in XMI 2.x after `#NOTES#`; a tag's own description is not its value.
#[test]
fn memo_values_are_read() {
    let (_, _, model) = read("ea11_quirks.xmi");
    let aantal = attribute(&model, "Gebied", "aantal");
    assert_eq!(aantal.element.notes.as_deref(), Some("Een lange toelichting."));
    assert!(!aantal.element.tags.contains_key("Herkomst definitie"));
    let (_, _, model) = read("ea25_quirks.xmi");
    let weg = objecttype(&model, "Weg (Wegen)");
    assert_eq!(weg.element.notes.as_deref(), Some("Een weg in beheer."));
    assert!(!weg.element.tags.contains_key("Populatie"));
}

// Quirk 6: an EAStub used as relation target becomes an external objecttype; stubs used
// as attribute types become external datatypes.
#[test]
fn stubs_become_external_elements() {
    let (doc, warnings, model) = read("ea11_quirks.xmi");
    let wijk = objecttype(&model, "Wijk");
    assert_eq!(wijk.element.tags.get("extern").unwrap(), "EAStub");
    let summary = inspect::Summary::of(&doc, &warnings);
    assert_eq!(summary.externals, ["Wijk", "GM_Curve", "GM_Surface"]);
    assert_eq!(summary.total.objecttypes, 3);
}

// Quirk 7: «trace» abstractions written as UML:Association are not relations.
#[test]
fn trace_abstractions_are_ignored() {
    let (_, _, model) = read("ea11_quirks.xmi");
    assert_eq!(model.relatiesoorten.len(), 1);
}

// Quirk 8: the association class is kept as an objecttype, its link as a tag, with a warning.
#[test]
fn association_classes_are_kept_as_objecttypes() {
    let (_, warnings, model) = read("ea11_quirks.xmi");
    assert!(model.objecttype_index("Lidmaatschap").is_some());
    let relation = &model.relatiesoorten[0];
    assert_eq!(relation.element.tags.get("relatieklasse").unwrap(), "Lidmaatschap");
    assert!(warned(&warnings, "association class `Lidmaatschap`"));
}

// Quirk 9: a «Prullenbak» package is not part of the model; the «Informatiemodel»
// package names the model.
#[test]
fn trash_packages_are_skipped() {
    let (doc, warnings, model) = read("ea11_quirks.xmi");
    assert!(model.objecttype_index("Weg").is_none());
    assert!(warned(&warnings, "«Prullenbak»"));
    assert_eq!(doc.model.element.name, "Gebieden");
}

// Quirk 10: a «Keuze» class lists its alternatives as attributes.
#[test]
fn keuze_alternatives_are_the_options() {
    let (_, _, model) = read("ea11_quirks.xmi");
    let keuze = &model.keuzes[0];
    assert_eq!(keuze.element.name, "LijnOfVlak");
    let names: Vec<&str> = keuze.options.iter().map(|option| model.type_name(*option)).collect();
    assert_eq!(names, ["GM_Curve", "GM_Surface"]);
    let vorm = attribute(&model, "Gebied", "vorm");
    assert!(matches!(vorm.type_ref, TypeRef::Keuze(0)));
}

// Aggregation kind: a composite end gives a composite relation, from whole to part.
#[test]
fn composite_ends_give_composite_relations() {
    let (_, _, model) = read("ea11_quirks.xmi");
    let relation = &model.relatiesoorten[0];
    assert_eq!(relation.aggregation, Aggregation::Composite);
    assert_eq!(model.objecttypes[relation.source].element.name, "Gebied");
    assert_eq!(relation.role.as_deref(), Some("wijk"));
    let (_, _, model) = read("ea25_quirks.xmi");
    let relation = &model.relatiesoorten[0];
    assert_eq!(relation.aggregation, Aggregation::Composite);
}

// Quirks 11 and 12 and public report 3: XMI 2.5.1 namespaces, stereotypes from the
// extension and from profile applications, counted once.
#[test]
fn xmi_25_extension_and_profiles_are_merged() {
    let (doc, _, model) = read("ea25_quirks.xmi");
    let weg = objecttype(&model, "Weg (Wegen)");
    assert_eq!(weg.element.herkomst.as_deref(), Some("Wegbeheerder"));
    assert_eq!(weg.element.definition.as_deref(), Some("Een weg."));
    assert!(attribute(&model, "Weg (Wegen)", "breedte").mogelijk_geen_waarde);
    let total: usize = doc.packages.iter().map(|package| package.objecttypes.len()).sum();
    assert_eq!(total, 3);
}

// Quirk 13: nameless classes that are EA boundaries are skipped.
#[test]
fn boundaries_are_skipped() {
    let (_, warnings, model) = read("ea25_quirks.xmi");
    assert!(model.objecttypes.iter().all(|objecttype| !objecttype.element.name.is_empty()));
    assert!(!warned(&warnings, "without a name"));
}

// Quirk 15 and public report 1: -1, * and n all mean unbounded.
#[test]
fn every_unbounded_spelling_is_read() {
    let (_, _, model) = read("ea25_quirks.xmi");
    assert_eq!(attribute(&model, "Weg (Wegen)", "breedte").cardinality, Cardinality::MANY);
    let code = attribute(&model, "Weg (Wegen)", "code").cardinality;
    assert_eq!(code, Cardinality { min: 1, max: None });
}

// Quirk 16 and public reports 7/17: ends owned by a class or by the association are
// resolved through memberEnd; the connector decides source and target; the role's
// tags («Relatierol») reach the relation.
#[test]
fn association_ends_are_resolved_through_member_end() {
    let (_, _, model) = read("ea25_quirks.xmi");
    let relation = &model.relatiesoorten[0];
    assert_eq!(model.relation_path(relation), "Weg (Wegen).bestaat uit (Wegdeel)");
    assert_eq!(relation.role.as_deref(), Some("onderdeel"));
    assert_eq!(relation.cardinality, Cardinality { min: 1, max: None });
    assert_eq!(relation.element.tags.get("Datum opname").unwrap(), "2020-02-02");
}

// Quirk 17 and public report 18: the same class name in two packages gets qualified.
#[test]
fn name_clashes_are_qualified_with_the_package() {
    let (_, warnings, model) = read("ea25_quirks.xmi");
    assert!(model.objecttype_index("Weg (Wegen)").is_some());
    assert!(model.objecttype_index("Weg (Water)").is_some());
    assert!(warned(&warnings, "the name `Weg` is used by 2 elements"));
    let wegdeel = objecttype(&model, "Wegdeel");
    assert_eq!(model.objecttypes[wegdeel.supertypes[0]].element.name, "Weg (Wegen)");
}

// Public reports 4 and 6: `dataType` and a bare uml:Enumeration are understood.
#[test]
fn datatype_spellings_and_plain_enumerations() {
    let (_, _, model) = read("ea25_quirks.xmi");
    assert_eq!(model.gegevensgroeptypen[0].element.name, "Maat");
    let soort = &model.enumeraties[0];
    let values: Vec<&str> = soort.values.iter().map(|value| value.element.name.as_str()).collect();
    assert_eq!(values, ["snelweg", "fietspad"]);
}

// Quirk 19: XMI 1.0 long form with CRLF, a DOCTYPE naming an absent DTD, tagged values
// apart from their element, and MultiplicityRange.
#[test]
fn xmi_10_long_form_is_read() {
    let (_, warnings, model) = read("xmi10_quirks.xmi");
    let gebouw = objecttype(&model, "Gebouw");
    assert_eq!(gebouw.element.definition.as_deref(), Some("Een bouwwerk."));
    assert_eq!(
        gebouw.element.at.to_string(),
        format!("{}:11:1", fixture("xmi10_quirks.xmi").display())
    );
    let hoogte = attribute(&model, "Gebouw", "hoogte");
    assert_eq!(hoogte.cardinality, Cardinality::MANY);
    assert_eq!(hoogte.type_ref, TypeRef::Primitive(Primitive::Real));
    assert!(warned(&warnings, "its DTD is not loaded"));
}

// Quirk 20: MIM serialisation v1 and 1.2: an element holding only a comment is empty,
// XHTML is read as text, references resolve, Interface/Constructie are external.
#[test]
fn mim_serialisation_v1_and_12_read_the_same() {
    let mut models = Vec::new();
    for name in ["mim_v1_quirks.xml", "mim12_quirks.xml"] {
        let (doc, _, model) = read(name);
        let bron = objecttype(&model, "Bron");
        assert_eq!(bron.element.definition, None);
        let vorm = attribute(&model, "Bron", "vorm");
        assert_eq!(vorm.element.definition.as_deref(), Some("De vorm van de bron."));
        assert_eq!(model.type_name(vorm.type_ref), "GM_Surface");
        assert_eq!(vorm.cardinality, Cardinality::OPTIONAL);
        assert!(vorm.mogelijk_geen_waarde);
        let relation = &model.relatiesoorten[0];
        assert_eq!(relation.aggregation, Aggregation::Composite);
        assert_eq!(model.objecttypes[relation.target].element.name, "Gebied");
        let gebied = objecttype(&model, "Gebied");
        assert_eq!(model.objecttypes[gebied.supertypes[0]].element.name, "Bron");
        assert_eq!(inspect::Summary::of(&doc, &[]).externals, ["GM_Surface"]);
        models.push(crate::xmi_corpus::without_locations(model));
    }
    assert_eq!(models[0].objecttypes, models[1].objecttypes);
}

fn refused(text: &str) -> ReadError {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("evil.xmi");
    std::fs::write(&path, text).unwrap();
    let started = Instant::now();
    let error = read::read_model(&path).unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(1), "refusing took too long");
    error
}

// Security: an internal DTD subset (where entities are declared) is refused at once.
#[test]
fn a_doctype_with_declarations_is_refused() {
    let error = refused("<?xml version=\"1.0\"?>\n<!DOCTYPE XMI [<!ELEMENT XMI ANY>]>\n<XMI/>");
    assert!(error.to_string().contains("evil.xmi:2:1: a DOCTYPE with an internal subset"));
}

// Security: an external entity is never resolved.
#[test]
fn an_external_entity_is_refused() {
    let text = "<?xml version=\"1.0\"?>\n<!DOCTYPE XMI [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<XMI>&x;</XMI>";
    let error = refused(text).to_string();
    assert!(error.contains(":2:1:"), "{error}");
    assert!(!error.contains("root:"), "{error}");
}

// Security: an entity-expansion bomb is refused before anything is expanded.
#[test]
fn an_entity_bomb_is_refused() {
    let mut text =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
    for level in 1..10 {
        let previous = if level == 1 { "lol".to_string() } else { format!("lol{}", level - 1) };
        text.push_str(&format!(
            "<!ENTITY lol{level} \"{}\">\n",
            format!("&{previous};").repeat(10)
        ));
    }
    text.push_str("]>\n<XMI>&lol9;</XMI>");
    let error = refused(&text).to_string();
    assert!(error.contains("evil.xmi:2:1: a DOCTYPE with an internal subset"), "{error}");
}

// Security: an entity used without any DOCTYPE is refused with its place and path.
#[test]
fn an_undeclared_entity_is_refused() {
    let error = refused("<XMI xmi.version=\"1.1\">\n  <XMI.content>&x;</XMI.content></XMI>");
    let shown = error.to_string();
    assert!(shown.contains("evil.xmi:2:"), "{shown}");
    assert!(shown.contains("(in `XMI/XMI.content`)"), "{shown}");
}
