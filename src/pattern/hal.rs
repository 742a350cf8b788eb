//! The HAL pattern: resources as `application/hal+json`, in the style of the VNG
//! API-Kennisbank and Haal Centraal.
//!
//! Input: the resolved model and the profile.
//! Output: an `Api` with the same collections and items as the resource pattern, but:
//! - a resource `XHal` has `_links` (`XHalLinks`: `self`, and one link or list of links
//!   per relation, each a shared `HalLink` with `href` and `title`) instead of `uuid`, `url`
//!   and reference properties; its technical identifier lives in the `self` link;
//! - `_embedded` (`XHalEmbedded`, read-only) holds the related resources of this API that
//!   a client asks for with `expand`; they come without an `_embedded` of their own (the
//!   form `XHalIngebed`, or `XHal` itself when it has no `_embedded`), so embedding is one
//!   level deep; resources in other registers are linked, never embedded;
//! - a collection is `XHalCollectie`: `_links` with `self`, `first`, `prev`, `next`,
//!   `last` (`HalCollectieLinks`) and `_embedded.{plural}`;
//! - both GETs take `expand` (when there is something to embed) and `fields`;
//! - PATCH takes `XHalPatch`, in which `_links` is replaced as a whole when given.
//!
//! Error bodies stay `application/problem+json`.
//! Not here: the schemas of MIM types and the shared paths and components (see `common`).

use crate::pattern::api::*;
use crate::pattern::common::{
    ApiBuilder, Endpoints, HAL_JSON, Identity, Members, relation_description, wrap_many,
};
use crate::pattern::naming::property_name;

/// The shared link object.
pub const HAL_LINK: &str = "HalLink";
/// The shared links of a page of a collection.
pub const COLLECTION_LINKS: &str = "HalCollectieLinks";

/// Builds the HAL API.
pub fn build(builder: &mut ApiBuilder<'_>) {
    builder.media_type = HAL_JSON;
    builder.identity = Identity::SelfLink;
    link_schemas(builder);
    fields_parameter(builder);

    // First every resource's own schema, so that each model element is recorded in the
    // schema a client reads first; then what refers to other resources' schemas.
    let resources = builder.resources();
    for objecttype in &resources {
        builder.resource_tag(*objecttype);
        let name = hal_family(builder, *objecttype);
        builder.expose(
            builder.model.objecttypes[*objecttype].element.name.clone(),
            Place::Schema(name),
        );
    }
    for objecttype in resources {
        resource(builder, objecttype);
    }
    for list in 0..builder.model.referentielijsten.len() {
        referentielijst(builder, list);
    }
    builder.record_absent();
}

/// The `_embedded` schemas, PATCH schema, collection schema and paths of a resource.
fn resource(builder: &mut ApiBuilder<'_>, objecttype: usize) {
    let name = format!("{}Hal", builder.schema_name_of(objecttype));
    for concrete in concrete_members(builder, objecttype) {
        embedded_schema(builder, concrete);
    }
    let patch =
        builder.add_family(objecttype, &|name| format!("{name}HalPatch"), &mut |b, c, n| {
            let members = Members { leading: vec![links_property(b, c)], ..Members::default() };
            b.object_schema(c, n, &members)
        });
    let page = collection_schema(builder, objecttype, &name);

    let mut read_parameters = Vec::new();
    if let Some(expand) = expand_parameter(builder, objecttype) {
        read_parameters.push(expand);
    }
    read_parameters.push(ParameterUse::Ref { name: "fields".into() });
    let endpoints = Endpoints {
        objecttype,
        item: name,
        patch: Some(patch),
        page,
        read_parameters,
        writable: true,
    };
    let paths = builder.endpoints(&endpoints);
    builder.api.paths.extend(paths);
}

/// The objecttype itself, or its concrete subtypes when it is abstract.
fn concrete_members(builder: &ApiBuilder<'_>, objecttype: usize) -> Vec<usize> {
    if builder.model.objecttypes[objecttype].is_abstract {
        builder.concrete_subtypes(objecttype)
    } else {
        vec![objecttype]
    }
}

/// `XHal` (with its `XHalLinks`): `_links`, the attributes, and `_embedded` when there is
/// something to embed.
fn hal_family(builder: &mut ApiBuilder<'_>, objecttype: usize) -> String {
    builder.add_family(objecttype, &|name| format!("{name}Hal"), &mut |builder, concrete, name| {
        links_schema(builder, concrete);
        let members = Members {
            leading: vec![links_property(builder, concrete)],
            complete: true,
            ..Members::default()
        };
        let mut schema = builder.object_schema(concrete, name, &members);
        if let Shape::Object { properties, required } = &mut schema.shape {
            required.insert(0, "_links".to_string());
            if !embeddable(builder, concrete).is_empty() {
                let embedded = Schema::reference(&format!("{name}Embedded"))
                    .described(Some(
                        "Resources waarnaar deze resource verwijst, meegeleverd als de parameter \
                         `expand` erom vraagt."
                            .into(),
                    ))
                    .read_only();
                properties.push(Property::new("_embedded", embedded));
            }
        }
        schema
    })
}

/// The form of a resource inside another's `_embedded`: without an `_embedded` of its own.
/// That is `XHal` itself when it has none, else `XHalIngebed`.
fn embedded_form(builder: &mut ApiBuilder<'_>, objecttype: usize) -> String {
    let members = concrete_members(builder, objecttype);
    if members.iter().all(|member| embeddable(builder, *member).is_empty()) {
        return format!("{}Hal", builder.schema_name_of(objecttype));
    }
    builder.add_family(objecttype, &|name| format!("{name}HalIngebed"), &mut |b, c, n| {
        let members =
            Members { leading: vec![links_property(b, c)], complete: true, ..Members::default() };
        let mut schema = b.object_schema(c, n, &members);
        if let Shape::Object { required, .. } = &mut schema.shape {
            required.insert(0, "_links".to_string());
        }
        let label = &b.model.objecttypes[c].element.name;
        schema.description = Some(format!(
            "Een {label} zoals opgenomen in het `_embedded` van een andere resource: zonder \
             eigen `_embedded`."
        ));
        schema
    })
}

/// The `_links` property of a concrete objecttype's schemas.
fn links_property(builder: &ApiBuilder<'_>, concrete: usize) -> Property {
    let links = Schema::reference(&links_name(builder, concrete)).described(Some(
        "Links naar deze resource en naar de resources waarnaar zij verwijst.".into(),
    ));
    Property::new("_links", links)
}

fn links_name(builder: &ApiBuilder<'_>, concrete: usize) -> String {
    format!("{}HalLinks", builder.schema_name_of(concrete))
}

/// `XHalLinks`: `self`, and one link (or list of links) per relation; records each
/// relation's place.
fn links_schema(builder: &mut ApiBuilder<'_>, concrete: usize) {
    let model = builder.model;
    let name = links_name(builder, concrete);
    let own =
        Schema::reference(HAL_LINK).described(Some("De URL van deze resource.".into())).read_only();
    let mut properties = vec![Property::new("self", own)];
    let mut required = vec!["self".to_string()];

    for relation in model.all_relations(concrete) {
        let path = model.relation_path(relation);
        if let Some(reason) = builder.absent_target(relation) {
            builder.expose(path, Place::NotExposed(reason));
            continue;
        }
        let property = builder.relation_property(relation);
        if properties.iter().any(|known| known.name == property) {
            continue;
        }
        let link = Schema::reference(HAL_LINK);
        let mut schema = if relation.cardinality.is_many() {
            wrap_many(link, relation.cardinality)
        } else {
            link
        };
        let mut description = relation_description(model, relation);
        let target = &model.objecttypes[relation.target].element.name;
        if let Some(external) = builder.profile.external(target) {
            description.push_str(&format!(" De link wijst naar {}.", external.register));
        }
        schema.description = Some(description);
        if relation.cardinality.is_required() {
            required.push(property.clone());
        }
        builder.expose(path, Place::Property { schema: name.clone(), property: property.clone() });
        properties.push(Property::new(&property, schema));
    }
    let label = &model.objecttypes[concrete].element.name;
    let schema =
        Schema::object(properties, required).described(Some(format!("De links van een {label}.")));
    builder.add_schema(&name, schema);
}

/// The relations of a concrete objecttype whose targets this API serves (and so can
/// embed), with the serving resource of each target.
fn embeddable(builder: &ApiBuilder<'_>, concrete: usize) -> Vec<(String, usize, usize)> {
    let model = builder.model;
    let mut found: Vec<(String, usize, usize)> = Vec::new();
    for relation in model.all_relations(concrete) {
        let target = &model.objecttypes[relation.target].element.name;
        if builder.profile.external(target).is_some() {
            continue;
        }
        let (Some(served), Some(index)) =
            (builder.serving_resource(relation.target), builder.relation_index(relation))
        else {
            continue;
        };
        let property = builder.relation_property(relation);
        if !found.iter().any(|(known, _, _)| *known == property) {
            found.push((property, index, served));
        }
    }
    found
}

/// `XHalEmbedded`: one optional member per relation this API can embed.
fn embedded_schema(builder: &mut ApiBuilder<'_>, concrete: usize) {
    let targets = embeddable(builder, concrete);
    if targets.is_empty() {
        return;
    }
    let mut properties = Vec::new();
    for (property, index, served) in targets {
        let form = embedded_form(builder, served);
        let relation = &builder.model.relatiesoorten[index];
        properties
            .push(Property::new(&property, builder.embedded_relation_schema(relation, &form)));
    }
    let label = &builder.model.objecttypes[concrete].element.name;
    let schema = Schema::object(properties, Vec::new()).described(Some(format!(
        "De resources waarnaar een {label} verwijst, elk zonder eigen `_embedded`."
    )));
    let name = format!("{}HalEmbedded", builder.schema_name_of(concrete));
    builder.add_schema(&name, schema);
}

/// `XHalCollectie`: paging links and the page's resources in `_embedded.{plural}`.
fn collection_schema(builder: &mut ApiBuilder<'_>, objecttype: usize, item: &str) -> String {
    let label = builder.model.objecttypes[objecttype].element.name.clone();
    let key = property_name(&builder.names.objecttype_segments[objecttype]);
    let base = builder.schema_name_of(objecttype);
    page_schema(builder, &base, &label, &key, item)
}

fn page_schema(
    builder: &mut ApiBuilder<'_>,
    base: &str,
    label: &str,
    key: &str,
    item: &str,
) -> String {
    let name = format!("{base}HalCollectie");
    let items = Schema::array_of(Schema::reference(item))
        .described(Some(format!("De {label}-resources op deze pagina.")));
    let embedded = Schema::object(vec![Property::new(key, items)], vec![key.to_string()]);
    let links = Schema::reference(COLLECTION_LINKS);
    let schema = Schema::object(
        vec![Property::new("_links", links), Property::new("_embedded", embedded)],
        vec!["_links".into(), "_embedded".into()],
    )
    .described(Some(format!("Een pagina met {label}-resources.")));
    builder.add_schema(&name, schema);
    name
}

/// The `expand` parameter of a resource's GETs, naming what it can embed; `None` when the
/// resource refers to nothing this API serves.
fn expand_parameter(builder: &ApiBuilder<'_>, objecttype: usize) -> Option<ParameterUse> {
    let mut names: Vec<String> = Vec::new();
    for concrete in concrete_members(builder, objecttype) {
        for (property, _, _) in embeddable(builder, concrete) {
            if !names.contains(&property) {
                names.push(property);
            }
        }
    }
    let example = names.first()?.clone();
    let description = format!(
        "Kommagescheiden lijst van relaties waarvan de resources in `_embedded` worden \
         meegeleverd: {}. Met een punt en een eigenschap komt alleen die eigenschap mee \
         (`{example}.{{eigenschap}}`). Meegeleverde resources hebben geen eigen `_embedded`.",
        names.join(", ")
    );
    Some(ParameterUse::Inline {
        parameter: Parameter {
            name: "expand".into(),
            location: "query",
            description: Some(description),
            required: false,
            schema: Schema::string(),
        },
    })
}

/// The shared `fields` parameter.
fn fields_parameter(builder: &mut ApiBuilder<'_>) {
    let parameter = Parameter {
        name: "fields".into(),
        location: "query",
        description: Some(
            "Kommagescheiden lijst van de eigenschappen die het antwoord moet bevatten \
             (groepen met een punt: `naam.voornaam`; links als `_links.{relatie}`). De link \
             `self` komt altijd mee. Zonder deze parameter komen alle eigenschappen mee."
                .into(),
        ),
        required: false,
        schema: Schema::string(),
    };
    builder.api.parameters.push(Named { name: "fields".into(), item: parameter });
}

/// `HalLink` and `HalCollectieLinks`.
fn link_schemas(builder: &mut ApiBuilder<'_>) {
    let mut href = Schema::formatted("uri")
        .described(Some("De URL (of URI-template) van de gelinkte resource.".into()));
    if let Shape::String { max_length, .. } = &mut href.shape {
        *max_length = Some(1000);
    }
    let title = Schema::string().described(Some("Voor mensen leesbaar label bij de link.".into()));
    let templated = Schema::of(Shape::Boolean)
        .described(Some("Of `href` een URI-template is (RFC 6570).".into()));
    let link = Schema::object(
        vec![
            Property::new("href", href),
            Property::new("title", title),
            Property::new("templated", templated),
        ],
        vec!["href".into()],
    )
    .described(Some("Een link volgens HAL (draft-kelly-json-hal).".into()));
    builder.add_schema(HAL_LINK, link);

    let link_to =
        |description: &str| Schema::reference(HAL_LINK).described(Some(description.to_string()));
    let links = Schema::object(
        vec![
            Property::new("self", link_to("Deze pagina.")),
            Property::new("first", link_to("De eerste pagina.")),
            Property::new("prev", link_to("De vorige pagina; ontbreekt op de eerste.")),
            Property::new("next", link_to("De volgende pagina; ontbreekt op de laatste.")),
            Property::new("last", link_to("De laatste pagina.")),
        ],
        vec!["self".into()],
    )
    .described(Some("De links van een pagina van een collectie.".into()));
    builder.add_schema(COLLECTION_LINKS, links);
}

/// A referentielijst: `XHal` with only a `self` link, and a paginated list.
fn referentielijst(builder: &mut ApiBuilder<'_>, list: usize) {
    let element = &builder.model.referentielijsten[list].element;
    let label = element.name.clone();
    let definition = element.definition.clone();
    let base = builder.names.lists[list].clone();
    let name = format!("{base}Hal");
    let links_name = format!("{name}Links");

    let own = Schema::reference(HAL_LINK)
        .described(Some("De URL van dit element van de lijst.".into()))
        .read_only();
    let links = Schema::object(vec![Property::new("self", own)], vec!["self".into()])
        .described(Some(format!("De links van een element van {label}.")));
    builder.add_schema(&links_name, links);

    let (mut properties, mut required) = builder.referentielijst_properties(list, &name);
    let links_schema = Schema::reference(&links_name)
        .described(Some("Links naar dit element van de lijst.".into()));
    properties.insert(0, Property::new("_links", links_schema));
    required.insert(0, "_links".into());
    builder.add_schema(&name, Schema::object(properties, required).described(definition));

    let key = property_name(&builder.names.list_segments[list]);
    let page = page_schema(builder, &base, &label, &key, &name);
    builder.referentielijst_paths(list, &name, &page);
}
