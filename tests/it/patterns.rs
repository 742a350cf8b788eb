//! The HAL, aggregate and action patterns: each one's defining shape on the real model,
//! the aggregate rules on a fixture, and the profile keys that drive them.
//!
//! Input: model/klantinteracties.yaml and its profile; tests/fixtures/aggregaten and
//! kenmerken; profiles written here for the error cases; with `PATROON_REFDATA`, the
//! functions of the standard (klantinteracties/functies.md).
//! Output: test results.
//! Not here: golden comparison (see `golden`); that every model element is in each spec
//! or in its report (see `klantinteracties`); conformance linting (CI).

use patroon::pattern::ApiPattern;
use patroon::pattern::naming::plural;
use patroon::pipeline::{self, LoadError, PatternOutput};
use regex::Regex;
use serde_json::Value;

use crate::support::{assert_every_element_placed, check, parse_spec, refdata, root};

/// The path rule of ADR 2.2 (`nlgov:paths-kebab-case`) as the ruleset writes it, with each
/// literal `{` escaped because the regex crate would read it as a repetition.
const ADR_PATH: &str =
    r"^(\/|(\/_[a-z0-9]+|\/(([a-z0-9\-]+|\{[^}]+})(\/([a-z0-9\-\.]+|\{[^}]+}))*)(\/_[a-z]+)?)\/?)$";

fn klantinteracties() -> Vec<PatternOutput> {
    check(&root().join("model/klantinteracties.yaml"))
}

fn output(outputs: &[PatternOutput], pattern: ApiPattern) -> &PatternOutput {
    outputs.iter().find(|output| output.pattern == pattern).expect("pattern generated")
}

/// The 3.0.3 and 3.1.0 specs of a pattern.
fn specs(outputs: &[PatternOutput], pattern: ApiPattern) -> Vec<Value> {
    output(outputs, pattern).files[..2].iter().map(|file| parse_spec(&file.text)).collect()
}

/// The component name a schema refers to, directly or through a one-part `allOf`.
fn ref_name(schema: &Value) -> Option<&str> {
    let target = schema["$ref"].as_str().or_else(|| schema["allOf"][0]["$ref"].as_str())?;
    target.strip_prefix("#/components/schemas/")
}

/// The object schemas a component stands for: itself, or each option of its `oneOf`.
fn variants<'a>(spec: &'a Value, name: &str) -> Vec<&'a Value> {
    let schema = &spec["components"]["schemas"][name];
    match schema["oneOf"].as_array() {
        Some(options) => options
            .iter()
            .filter_map(ref_name)
            .map(|option| &spec["components"]["schemas"][option])
            .collect(),
        None => vec![schema],
    }
}

fn names(list: &Value) -> Vec<&str> {
    list.as_array()
        .map(|items| items.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default()
}

#[test]
fn hal_resources_link_themselves_and_embed_one_level_deep() {
    let outputs = klantinteracties();
    for spec in specs(&outputs, ApiPattern::Hal) {
        let schemas = spec["components"]["schemas"].as_object().expect("schemas");

        // Every resource schema has `_links.self` and no id or reference properties.
        let mut resources = 0;
        for name in
            schemas.keys().filter(|name| name.ends_with("Hal") || name.ends_with("HalIngebed"))
        {
            for variant in variants(&spec, name) {
                let links = ref_name(&variant["properties"]["_links"])
                    .unwrap_or_else(|| panic!("{name}: no `_links`"));
                assert!(schemas[links]["properties"]["self"].is_object(), "{name}: no self link");
                assert!(names(&schemas[links]["required"]).contains(&"self"), "{links}");
                assert!(names(&variant["required"]).contains(&"_links"), "{name}");
                for id in ["uuid", "url"] {
                    assert!(variant["properties"].get(id).is_none(), "{name} has `{id}`");
                }
                resources += 1;
            }
        }
        assert!(resources >= 20, "only {resources} HAL resource schemas");
        assert_eq!(
            ref_name(&schemas["InterneTaakHalLinks"]["properties"]["werdToegewezenAanActor"]),
            Some("HalLink")
        );
        assert_eq!(names(&schemas["HalLink"]["required"]), ["href"]);
        assert!(schemas["HalLink"]["properties"]["title"].is_object());

        // `_embedded` holds related resources without an `_embedded` of their own.
        for (name, embedded) in schemas.iter().filter(|(name, _)| name.ends_with("HalEmbedded")) {
            for (relation, member) in embedded["properties"].as_object().expect("members") {
                let target = ref_name(member)
                    .or_else(|| ref_name(&member["items"]))
                    .unwrap_or_else(|| panic!("{name}.{relation}: not a reference"));
                for variant in variants(&spec, target) {
                    assert!(variant["properties"].get("_embedded").is_none(), "{name}.{relation}");
                    assert!(variant["properties"]["_links"].is_object(), "{name}.{relation}");
                }
            }
        }
        let embedded = &schemas["KlantcontactHalEmbedded"]["properties"];
        assert_eq!(
            ref_name(&embedded["hadBetrokkenen"]["items"]),
            Some("BetrokkeneBijKlantcontactHalIngebed")
        );

        // Collections: `_embedded.{plural}` and paging links; bodies in HAL, errors not.
        let paths = spec["paths"].as_object().expect("paths");
        for (path, item) in paths {
            for (method, operation) in item.as_object().expect("operations") {
                if let Some(content) = operation["requestBody"]["content"].as_object() {
                    assert!(content.contains_key("application/hal+json"), "{method} {path}");
                }
                for (status, response) in operation["responses"].as_object().expect("responses") {
                    if let Some(content) = response["content"].as_object() {
                        assert!(content.contains_key("application/hal+json"), "{path} {status}");
                    }
                }
            }
            let Some(list) = item.get("get").filter(|_| !path.contains('{')) else { continue };
            let page =
                ref_name(&list["responses"]["200"]["content"]["application/hal+json"]["schema"])
                    .unwrap_or_else(|| panic!("{path}: no page schema"));
            assert!(page.ends_with("HalCollectie"), "{path}: {page}");
            let members = schemas[page]["properties"]["_embedded"]["properties"].as_object();
            let members = members.unwrap_or_else(|| panic!("{page}: no `_embedded`"));
            assert_eq!(members.len(), 1, "{page}");
            assert!(members.values().all(|member| member["type"] == "array"), "{page}");
            assert_eq!(ref_name(&schemas[page]["properties"]["_links"]), Some("HalCollectieLinks"));
        }
        let paging = &schemas["HalCollectieLinks"]["properties"];
        for link in ["self", "first", "prev", "next", "last"] {
            assert_eq!(ref_name(&paging[link]), Some("HalLink"), "{link}");
        }
        let members = &schemas["KlantcontactHalCollectie"]["properties"]["_embedded"]["properties"];
        assert!(members["klantcontacten"].is_object());
        for response in spec["components"]["responses"].as_object().expect("responses").values() {
            assert!(response["content"]["application/problem+json"].is_object());
        }

        // `expand` and `fields` on the GETs, camelCase, `expand` naming what can be embedded.
        let read = &paths["/klantcontacten/{uuid}"]["get"]["parameters"];
        let expand = read.as_array().and_then(|all| all.iter().find(|p| p["name"] == "expand"));
        let expand = expand.expect("expand on the item GET");
        assert!(expand["description"].as_str().is_some_and(|text| text.contains("hadBetrokkenen")));
        assert!(read.as_array().is_some_and(|all| {
            all.iter().any(|p| p["$ref"] == "#/components/parameters/fields")
        }));
        let list = &paths["/klantcontacten"]["get"]["parameters"];
        assert!(list.as_array().is_some_and(|all| all.iter().any(|p| p["name"] == "expand")));
    }
}

#[test]
fn hal_gives_the_technical_id_to_the_self_link() {
    let outputs = klantinteracties();
    let exposure = &output(&outputs, ApiPattern::Hal).api.exposure;
    let id = exposure.iter().find(|exposure| exposure.element == "Klantcontact.ID").expect("ID");
    assert_eq!(
        id.place,
        patroon::pattern::api::Place::Property {
            schema: "KlantcontactHalLinks".into(),
            property: "self".into()
        }
    );
}

#[test]
fn aggregate_creates_a_klantcontact_with_its_parts_in_one_post() {
    let outputs = klantinteracties();
    for spec in specs(&outputs, ApiPattern::Aggregate) {
        let paths = spec["paths"].as_object().expect("paths");
        let schemas = &spec["components"]["schemas"];
        let create = &paths["/klantcontacten"]["post"];
        let body = ref_name(&create["requestBody"]["content"]["application/json"]["schema"]);
        assert_eq!(body, Some("Klantcontact"));
        let klantcontact = &schemas["Klantcontact"]["properties"];
        for (member, part) in [
            ("hadBetrokkenen", "BetrokkeneBijKlantcontact"),
            ("gingOverOnderwerpobjecten", "Onderwerpobject"),
            ("omvatteBijlagen", "Bijlage"),
        ] {
            assert_eq!(ref_name(&klantcontact[member]["items"]), Some(part), "{member}");
        }
        // A reference to another aggregate stays a reference.
        assert_eq!(ref_name(&klantcontact["hadBetrokkenActoren"]["items"]), Some("Verwijzing"));
        // The PATCH form embeds the parts too.
        let patched = &schemas["PatchedKlantcontact"]["properties"]["hadBetrokkenen"]["items"];
        assert_eq!(ref_name(patched), Some("BetrokkeneBijKlantcontact"));
        // An abstract root embeds its parts in every variant.
        for variant in variants(&spec, "Partij") {
            let member = &variant["properties"]["hadPartijIdentificatoren"]["items"];
            assert_eq!(ref_name(member), Some("PartijIdentificator"));
        }

        // Parts have no paths, except the read-only collection the profile asks for.
        for absent in ["/onderwerpobjecten", "/bijlagen", "/partij-identificatoren"] {
            assert!(!paths.contains_key(absent), "{absent}");
        }
        for path in ["/betrokkenen", "/betrokkenen/{uuid}"] {
            let methods: Vec<&String> = paths[path].as_object().expect("path").keys().collect();
            assert_eq!(methods, ["get"], "{path}");
        }
        // The root's body is the only way to write a Betrokkene.
        let writers: Vec<String> = paths
            .iter()
            .flat_map(|(path, item)| {
                item.as_object().into_iter().flatten().map(move |(method, op)| (path, method, op))
            })
            .filter(|(_, _, op)| {
                let body = ref_name(&op["requestBody"]["content"]["application/json"]["schema"]);
                body.is_some_and(|name| {
                    name.contains("Klantcontact") || name.contains("Betrokkene")
                })
            })
            .map(|(path, method, _)| format!("{method} {path}"))
            .collect();
        let mut writers = writers;
        writers.sort();
        assert_eq!(
            writers,
            ["patch /klantcontacten/{uuid}", "post /klantcontacten", "put /klantcontacten/{uuid}"]
        );
    }
    let report = &output(&outputs, ApiPattern::Aggregate).files[2].text;
    assert!(report.contains("Aggregate root `Klantcontact` with `Betrokkene bij klantcontact`"));
    assert!(output(&outputs, ApiPattern::Aggregate).api.diagnostics.is_empty());
}

#[test]
fn aggregate_rules_follow_compositions_and_report_a_part_of_two_roots() {
    let outputs = check(&root().join("tests/fixtures/aggregaten/model.yaml"));
    let aggregate = output(&outputs, ApiPattern::Aggregate);
    let warnings: Vec<String> = aggregate.api.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    assert!(warnings.iter().any(|w| {
        w.contains("model.yaml:") && w.contains("make `Notitie` a part of `Bestelling` and `Klant`")
    }));
    assert!(warnings.iter().any(|w| {
        w.contains("model.profile.yaml:")
            && w.contains("`Voorraadplek`")
            && w.contains("profile wins")
    }));
    assert!(aggregate.files[2].text.contains("Warning: compositions make `Notitie`"));

    let spec = parse_spec(&aggregate.files[0].text);
    let schemas = &spec["components"]["schemas"];
    let paths = spec["paths"].as_object().expect("paths");
    // A chain of compositions: Korting sits in Bestelregel, which sits in Bestelling.
    assert_eq!(
        ref_name(&schemas["Bestelling"]["properties"]["regels"]["items"]),
        Some("Bestelregel")
    );
    assert_eq!(ref_name(&schemas["Bestelregel"]["properties"]["krijgtKorting"]), Some("Korting"));
    for part in ["/bestelregels", "/kortingen"] {
        assert!(!paths.contains_key(part), "{part}");
    }
    // A part two roots would claim, and a composition the profile overrides, are roots.
    for root in ["/notities", "/voorraadplekken"] {
        assert!(paths[root]["post"].is_object(), "{root}");
    }
    let bestelling = &schemas["Bestelling"]["properties"]["heeftNotities"]["items"];
    assert_eq!(ref_name(bestelling), Some("Verwijzing"));

    // Pins the FIXME in pattern::aggregate: a reference into a part from outside its
    // aggregate stays a `Verwijzing`, although the part has no path of its own.
    let retour = &schemas["Retour"]["properties"]["betreftBestelregel"];
    assert_eq!(ref_name(retour), Some("Verwijzing"));

    // Without `aggregates` in the profile, a composition alone makes a part.
    let kenmerken = check(&root().join("tests/fixtures/kenmerken/model.yaml"));
    let spec = parse_spec(&output(&kenmerken, ApiPattern::Aggregate).files[0].text);
    let garage = &spec["components"]["schemas"]["Garage"]["properties"]["werkplekken"]["items"];
    assert_eq!(ref_name(garage), Some("Werkplek"));
    assert!(spec["paths"].get("/werkplekken").is_none());
}

#[test]
fn every_fixture_element_is_in_each_spec_or_listed_as_not_exposed() {
    for case in ["aggregaten", "bibliotheek", "kenmerken"] {
        assert_every_element_placed(&root().join("tests/fixtures").join(case).join("model.yaml"));
    }
}

#[test]
fn every_handeling_is_a_post_on_an_adr_action_path() {
    let model = root().join("model/klantinteracties.yaml");
    let loaded = pipeline::load(&model, None, None).expect("model loads");
    let handelingen = &loaded.profile.handelingen;
    assert!(handelingen.len() >= 16, "{} handelingen", handelingen.len());
    let adr = Regex::new(ADR_PATH).expect("the ADR regex compiles");
    assert!(adr.is_match("/klantcontacten/{uuid}/betrokkenen/_registreer"));
    for refused in ["/klantcontacten/_registreer-klantcontact", "/klantcontacten/_stap2"] {
        assert!(!adr.is_match(refused), "{refused}");
    }
    let outputs = klantinteracties();

    for spec in specs(&outputs, ApiPattern::Action) {
        let paths = spec["paths"].as_object().expect("paths");
        for path in paths.keys() {
            assert!(adr.is_match(path), "{path} breaks nlgov:paths-kebab-case");
        }
        let posts = paths.values().filter(|item| item["post"].is_object()).count();
        assert_eq!(posts, handelingen.len(), "one POST per handeling, nothing else writes");
        for item in paths.values() {
            for method in item.as_object().expect("operations").keys() {
                assert!(method == "get" || method == "post", "{method}");
            }
        }

        for handeling in handelingen {
            let collection = format!("/{}", plural(&handeling.objecttype.name, &loaded.profile));
            let path = match (&handeling.part, handeling.creates()) {
                (Some(part), _) => format!(
                    "{collection}/{{uuid}}/{}/_{}",
                    plural(&part.name, &loaded.profile),
                    handeling.name
                ),
                (None, true) => format!("{collection}/_{}", handeling.name),
                (None, false) => format!("{collection}/{{uuid}}/_{}", handeling.name),
            };
            let post = &paths[&path]["post"];
            assert!(post.is_object(), "no POST {path}");
            assert!(adr.is_match(&path), "{path}");
            let status = if handeling.creates() { "201" } else { "200" };
            assert!(post["responses"][status].is_object(), "{path} {status}");
            let request = ref_name(&post["requestBody"]["content"]["application/json"]["schema"]);
            assert!(request.is_some_and(|name| name.ends_with("Verzoek")), "{path}");
            for function in &handeling.functions {
                assert!(post["description"].as_str().is_some_and(|text| text.contains(function)));
            }
        }

        // Every resource can be read: collection and item.
        for collection in ["/klantcontacten", "/partijen", "/actoren", "/betrokkenen", "/bijlagen"]
        {
            assert!(paths[collection]["get"].is_object(), "{collection}");
            assert!(paths[&format!("{collection}/{{uuid}}")]["get"].is_object(), "{collection}");
        }
        // Registering a Klantcontact takes its Betrokkenen in full; an Actor by reference.
        let request = &spec["components"]["schemas"]["RegistreerKlantcontactVerzoek"]["properties"];
        assert_eq!(
            ref_name(&request["hadBetrokkenen"]["items"]),
            Some("BetrokkeneBijKlantcontact")
        );
        assert_eq!(ref_name(&request["hadBetrokkenActoren"]["items"]), Some("Verwijzing"));
        // `input` limits an item handeling's request to the named members, all required.
        let koppel = &spec["components"]["schemas"]["KoppelKlantcontactVerzoek"];
        assert_eq!(names(&koppel["required"]), ["hadBetrokkenActoren"]);
        assert_eq!(koppel["properties"].as_object().map(|members| members.len()), Some(1));
    }
}

#[test]
fn a_part_handeling_names_the_relation_it_attaches_through() {
    // Pins the FIXME in pattern::action: with two relations from Partij to Digitaal adres,
    // a part handeling attaches through the first one, and says so.
    let profile = with_lines(&[
        "handelingen:",
        "  - name: registreer",
        "    objecttype: Partij",
        "    part: Digitaal adres",
    ]);
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("profile.yaml");
    std::fs::write(&path, profile).expect("write profile");
    let loaded = pipeline::load(&root().join("model/klantinteracties.yaml"), Some(&path), None)
        .expect("loads");
    let renderer = patroon::render::Renderer::new(None).expect("templates");
    let outputs = pipeline::generate(
        &loaded,
        &[ApiPattern::Action],
        &[patroon::render::OasVersion::V3_0_3],
        &renderer,
    )
    .expect("renders");
    let spec = parse_spec(&outputs[0].files[0].text);
    let post = &spec["paths"]["/partijen/{uuid}/digitale-adressen/_registreer"]["post"];
    let description = post["description"].as_str().expect("description");
    assert!(
        description.contains("Partij.verstrekte voor toekomstig contact (Digitaal adres)"),
        "{description}"
    );
}

#[test]
fn the_catalogue_covers_the_functions_of_the_standard() {
    let Some(refdata) = refdata() else { return };
    let text =
        std::fs::read_to_string(refdata.join("klantinteracties/functies.md")).expect("functies.md");
    let loaded =
        pipeline::load(&root().join("model/klantinteracties.yaml"), None, None).expect("loads");
    let outputs = klantinteracties();
    let spec = &specs(&outputs, ApiPattern::Action)[0];
    let function = Regex::new(r"\[(F\d{4}) - ([^\]]+)\]").expect("regex");
    let mut count = 0;
    for found in function.captures_iter(&text) {
        let (code, name) = (&found[1], found[2].trim());
        count += 1;
        let read = name.strip_prefix("Zoek ").map(|rest| (rest, false)).or_else(|| {
            name.strip_prefix("Vraag ").and_then(|rest| rest.strip_suffix(" op")).map(|r| (r, true))
        });
        if let Some((subject, item)) = read {
            // A read function is a GET on the collection (Zoek) or on an item (Vraag op).
            let subject = subject.to_lowercase();
            let objecttype = loaded.model.objecttypes.iter().find(|objecttype| {
                let name = objecttype.element.name.to_lowercase();
                subject == name || subject == plural(&name, &loaded.profile).replace('-', " ")
            });
            let objecttype = objecttype.unwrap_or_else(|| panic!("{code} {name}: objecttype"));
            let mut path = format!("/{}", plural(&objecttype.element.name, &loaded.profile));
            if item {
                path.push_str("/{uuid}");
            }
            assert!(spec["paths"][&path]["get"].is_object(), "{code} {name}: GET {path}");
            continue;
        }
        let wanted = format!("{code} {name}").to_lowercase();
        let covered = loaded.profile.handelingen.iter().any(|handeling| {
            handeling.functions.iter().any(|given| given.to_lowercase() == wanted)
        });
        assert!(covered, "{code} {name} has no handeling");
    }
    assert!(count >= 30, "only {count} functions found");
}

/// The Klantinteracties profile up to its own `aggregates` and `handelingen`.
const KLANTINTERACTIES_PROFILE_HEAD: &str = "\
format: patroon-profile/1
info:
  title: Klantinteracties
  version: 1.0.0
  contact:
    name: VNG Realisatie
    url: https://vng.nl
    email: standaarden.ondersteuning@vng.nl
servers:
  - url: https://klantinteracties.example.nl/api/v1
technical_id: ID
plurals:
  Betrokkene bij klantcontact: betrokkenen
  Digitaal adres: digitale adressen
external:
  Zaak: de Zaken API
  Klanttaak: het register van klanttaken
  Informatieobject: de Documenten API
  Overig Object: de Objecten API
";

/// Loads the Klantinteracties model with a profile of this text; returns its error.
fn refused(profile: &str) -> String {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("profile.yaml");
    std::fs::write(&path, profile).expect("write profile");
    match pipeline::load(&root().join("model/klantinteracties.yaml"), Some(&path), None) {
        Err(LoadError::Profile(error)) => error.to_string(),
        Err(other) => panic!("unexpected error: {other}"),
        Ok(_) => panic!("the profile was accepted"),
    }
}

#[test]
fn a_handeling_name_that_no_adr_path_can_carry_is_a_located_error() {
    let message = refused(&with_lines(&[
        "handelingen:",
        "  - name: registreer-klantcontact",
        "    objecttype: Klantcontact",
    ]));
    let expected = concat!(
        "profile.yaml:21:11: error: `handelingen`: ",
        "handeling name `registreer-klantcontact` must be one lowercase word"
    );
    assert!(message.contains(expected), "{message}");
    assert!(message.contains("`nlgov:paths-kebab-case`"), "{message}");
    assert!(message.contains("did you mean `registreerklantcontact`?"), "{message}");
}

#[test]
fn catalogue_and_aggregate_names_the_model_lacks_are_located_with_suggestions() {
    let message = refused(&with_lines(&[
        "aggregates:",
        "  roots: [Klantcontakt]",
        "  parts:",
        "    Bijlage: Partij",
        "handelingen:",
        "  - name: registreer",
        "    objecttype: Klantcontact",
        "    takes: [Partij-identificator]",
        "    input: [Kanal]",
        "  - name: registreer",
        "    objecttype: Persoon",
    ]));
    let expected = [
        concat!(
            "profile.yaml:21:11: error: `aggregates`: ",
            "`Klantcontakt` is not in the model; did you mean `Klantcontact`?"
        ),
        concat!(
            "profile.yaml:23:5: error: `aggregates`: ",
            "no relation leads from `Partij` (or its other parts) to `Bijlage`"
        ),
        concat!(
            "profile.yaml:27:13: error: `handelingen`: ",
            "no relation of `Klantcontact` leads to `Partij-identificator`; related: "
        ),
        concat!(
            "profile.yaml:28:13: error: `handelingen`: ",
            "`Klantcontact` has no attribute or relation `Kanal`; did you mean `Kanaal`?"
        ),
        concat!(
            "profile.yaml:30:17: error: `handelingen`: `Persoon` cannot be used here: ",
            "it is served by its abstract supertype `Partij`; name that one"
        ),
    ];
    for line in expected {
        assert!(message.contains(line), "missing {line:?} in:\n{message}");
    }
}

/// The Klantinteracties profile head followed by these lines.
fn with_lines(lines: &[&str]) -> String {
    format!("{KLANTINTERACTIES_PROFILE_HEAD}{}\n", lines.join("\n"))
}
