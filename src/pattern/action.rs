//! The action pattern (handelingsgericht): business operations from the profile's
//! handelingen catalogue, plus read operations.
//!
//! Input: the resolved model and the profile (`handelingen`).
//! Output: an `Api` in which every resource objecttype has a paginated, filterable GET on
//! its collection and a GET on its item (the plain resource schema, as in the resource
//! pattern), and every handeling is a POST on an action path:
//! - `/{collection}/_{name}` for a handeling on the collection: it makes a new object
//!   (201 with `Location`);
//! - `/{collection}/{uuid}/_{name}` for a handeling on an item: it acts on that object (200);
//! - `/{collection}/{uuid}/{part collection}/_{name}` for a handeling with a `part`: it
//!   makes a new related object of that object (201).
//!
//! The request body `{Name}{Subject}Verzoek` holds the subject's attributes and relations
//! (only those in `input`, when given), relations as references except those to the
//! objecttypes in `takes`, which are written in full; on a collection it requires what the
//! model requires, on an item nothing (or, with `input`, exactly the named members). The
//! response is the resource schema of `returns`. Referentielijsten are read-only lists.
//! Not here: checking the catalogue (the profile reader does that, so every name here
//! exists); the schemas of MIM types and the shared paths and components (see `common`).

use crate::pattern::api::*;
use crate::pattern::common::{ApiBuilder, Endpoints, Members, Role, enumerate_words};
use crate::pattern::naming::{property_name, schema_name};
use crate::profile::{Handeling, On};

/// Builds the action API.
pub fn build(builder: &mut ApiBuilder<'_>) {
    let resources = builder.resources();
    for objecttype in &resources {
        let name = builder.resource_schema(*objecttype, "");
        builder.expose(
            builder.model.objecttypes[*objecttype].element.name.clone(),
            Place::Schema(name),
        );
    }
    for objecttype in resources {
        reads(builder, objecttype);
        let handelingen = builder.profile.handelingen.iter();
        let own: Vec<&Handeling> = handelingen
            .filter(|handeling| {
                builder.model.objecttype_index(&handeling.objecttype.name) == Some(objecttype)
            })
            .collect();
        for handeling in own {
            action(builder, handeling, objecttype);
        }
    }
    for list in 0..builder.model.referentielijsten.len() {
        builder.plain_referentielijst(list);
    }
    builder.record_absent();
}

/// The GETs of a resource: its collection (the Zoek functions) and item (Vraag op).
fn reads(builder: &mut ApiBuilder<'_>, objecttype: usize) {
    let name = builder.schema_name_of(objecttype);
    let page = builder.paginated_schema(&name);
    let endpoints = Endpoints {
        objecttype,
        item: name,
        patch: None,
        page,
        read_parameters: Vec::new(),
        writable: false,
    };
    let paths = builder.endpoints(&endpoints);
    builder.api.paths.extend(paths);
}

/// The objecttype a name refers to, when this API serves it as a resource.
fn resource_named(builder: &ApiBuilder<'_>, name: &str) -> Option<usize> {
    let idx = builder.model.objecttype_index(name)?;
    (builder.role(idx) == Role::Resource).then_some(idx)
}

/// One handeling: its request schema and its POST on an action path.
fn action(builder: &mut ApiBuilder<'_>, handeling: &Handeling, objecttype: usize) {
    let model = builder.model;
    let subject = match &handeling.part {
        Some(part) => match resource_named(builder, &part.name) {
            Some(part) => part,
            None => return,
        },
        None => objecttype,
    };
    let returns = match &handeling.returns {
        Some(returns) => match resource_named(builder, &returns.name) {
            Some(returns) => returns,
            None => return,
        },
        None => subject,
    };
    let collection = builder.collection_path(objecttype);
    let path = match (&handeling.part, handeling.on) {
        (Some(_), _) => {
            format!("{collection}/{{uuid}}{}/_{}", builder.collection_path(subject), handeling.name)
        }
        (None, On::Item) => format!("{collection}/{{uuid}}/_{}", handeling.name),
        (None, On::Collection) => format!("{collection}/_{}", handeling.name),
    };

    // FIXME: a `part` (and each objecttype in `takes`) is attached through the first
    // relation that leads to it; when two relations lead to the same objecttype (Partij
    // has two to Digitaal adres), the catalogue cannot choose the second one, and the
    // description names the relation that is used.
    let attach = first_relation(builder, objecttype, subject);
    let request = request_schema(builder, handeling, subject);
    let response_schema = builder.resource_schema(returns, "");
    let response = builder.body(Schema::reference(&response_schema), false);
    let mut responses = vec![match handeling.creates() {
        true => builder.ok("201", "Aangemaakt", Some(response)),
        false => builder.ok("200", "OK", Some(response)),
    }];
    let on_item = handeling.on == On::Item;
    responses.extend(builder.error_uses("post", on_item));
    let parameters = if on_item { vec![builder.uuid_parameter()] } else { Vec::new() };

    let subject_name = model.objecttypes[subject].element.name.clone();
    let mut operation_id = property_name(&format!("{} {subject_name}", handeling.name));
    if operation_taken(builder, &operation_id) {
        let owner = &model.objecttypes[objecttype].element.name;
        operation_id = property_name(&format!("{} {owner} {subject_name}", handeling.name));
    }
    let tag = builder.resource_tag(objecttype);
    let operation = Operation {
        method: "post",
        operation_id,
        summary: format!("{} {subject_name}.", schema_name(&handeling.name)),
        description: Some(description(builder, handeling, subject, attach, &path)),
        tags: vec![tag],
        parameters,
        request_body: Some(builder.body(Schema::reference(&request), true)),
        responses,
    };
    builder.api.paths.push(PathItem { path: path.clone(), operations: vec![operation] });

    let functions = match handeling.functions.is_empty() {
        true => String::new(),
        false => format!(": {}", handeling.functions.join("; ")),
    };
    builder.api.notes.push(format!("Handeling `POST {path}`{functions}."));
}

fn operation_taken(builder: &ApiBuilder<'_>, id: &str) -> bool {
    builder.api.paths.iter().flat_map(|path| &path.operations).any(|op| op.operation_id == id)
}

/// `{Name}{Subject}Verzoek`: what the handeling's request carries.
fn request_schema(builder: &mut ApiBuilder<'_>, handeling: &Handeling, subject: usize) -> String {
    let model = builder.model;

    // Each taken objecttype is written in full through the first relation that reaches it.
    let mut embedded = Vec::new();
    let mut taken_relations = Vec::new();
    for taken in &handeling.takes {
        let Some(target) = resource_named(builder, &taken.name) else { continue };
        let Some(relation) = first_relation(builder, subject, target) else { continue };
        let schema = builder.resource_schema(target, "");
        embedded.push((relation, schema));
        let relation = &model.relatiesoorten[relation];
        let target_name = &model.objecttypes[relation.target].element.name;
        taken_relations.push(format!("{} ({target_name})", relation.element.name));
    }
    let only = handeling.input.as_ref().map(|input| {
        let mut names: Vec<String> = input.iter().map(|name| name.name.clone()).collect();
        names.extend(taken_relations);
        names
    });
    let members = Members {
        leading: Vec::new(),
        complete: handeling.creates(),
        relations: true,
        embedded,
        only_required: only.is_some() && !handeling.creates(),
        only,
    };
    let verb = schema_name(&handeling.name);
    let text = format!(
        "De gegevens die de handeling `{}` voor een {} meekrijgt.",
        handeling.name, model.objecttypes[subject].element.name
    );
    builder.add_family(subject, &|name| format!("{verb}{name}Verzoek"), &mut |b, c, n| {
        let mut schema = b.object_schema(c, n, &members);
        schema.description = Some(text.clone());
        schema
    })
}

/// The relations (by index) of an objecttype, its supertypes and its subtypes, in model
/// order.
fn all_relations(builder: &ApiBuilder<'_>, objecttype: usize) -> Vec<usize> {
    let model = builder.model;
    (0..model.relatiesoorten.len())
        .filter(|idx| {
            builder.serving_resource(model.relatiesoorten[*idx].source) == Some(objecttype)
        })
        .chain(
            model
                .all_relations(objecttype)
                .into_iter()
                .filter_map(|relation| builder.relation_index(relation)),
        )
        .fold(Vec::new(), |mut found, idx| {
            if !found.contains(&idx) {
                found.push(idx);
            }
            found
        })
}

/// The first relation (by index, in model order) from one resource to another.
fn first_relation(builder: &ApiBuilder<'_>, source: usize, target: usize) -> Option<usize> {
    let model = builder.model;
    all_relations(builder, source)
        .into_iter()
        .find(|idx| builder.serving_resource(model.relatiesoorten[*idx].target) == Some(target))
}

/// What the handeling does, in words, with the functions it serves.
fn description(
    builder: &ApiBuilder<'_>,
    handeling: &Handeling,
    subject: usize,
    attach: Option<usize>,
    path: &str,
) -> String {
    let model = builder.model;
    let subject_name = &model.objecttypes[subject].element.name;
    let owner = &handeling.objecttype.name;
    let mut text = match (&handeling.part, handeling.on) {
        (Some(_), _) => {
            let relation = attach
                .map(|idx| {
                    format!(" (relatie `{}`)", model.relation_path(&model.relatiesoorten[idx]))
                })
                .unwrap_or_default();
            format!(
                "Maakt een {subject_name} aan, gekoppeld aan {owner} `{{uuid}}` uit het \
                 pad{relation}."
            )
        }
        (None, On::Item) => {
            format!("Voert de handeling `{}` uit op een {subject_name}.", handeling.name)
        }
        (None, On::Collection) => format!("Maakt een {subject_name} aan."),
    };
    let taken: Vec<String> = handeling.takes.iter().map(|taken| taken.name.clone()).collect();
    if !taken.is_empty() {
        text.push_str(&format!(
            " Het verzoek bevat ook de nieuwe objecten van {}, volledig; alles wordt in één \
             keer vastgelegd.",
            enumerate_words(&taken)
        ));
    }
    if let Some(extra) = &handeling.description {
        text.push_str(&format!("\n\n{extra}"));
    }
    if !handeling.functions.is_empty() {
        text.push_str(&format!("\n\nFunctie: {}.", handeling.functions.join("; ")));
    }
    text.push_str(&format!("\n\nPad: `POST {path}`."));
    text
}
