//! The resource-per-entity pattern: plain JSON resources in the style of the ZGW APIs.
//!
//! Input: the resolved model and the profile.
//! Output: an `Api` with, per resource objecttype, a collection (paginated GET, POST) and
//! an item (GET, PUT, PATCH, DELETE); abstract supertypes as one resource whose schema is a
//! `oneOf` over the concrete subtypes with a discriminator; referentielijsten as read-only
//! resources.
//! Not here: the schemas of MIM types and the shared components (see `common`); inverse
//! relation properties (a relation shows on its source only).

use crate::mim::{Attribuutsoort, Relatiesoort, TypeRef};
use crate::pattern::api::*;
use crate::pattern::common::{ApiBuilder, JSON, Role, enum_code};
use crate::pattern::naming::{enum_value, plural, property_name, schema_name};

/// Builds the resource-per-entity API.
pub fn build(builder: &mut ApiBuilder<'_>) {
    for objecttype in builder.resources() {
        resource(builder, objecttype);
    }
    for list in 0..builder.model.referentielijsten.len() {
        referentielijst(builder, list);
    }
    record_absent(builder);
}

/// A resource: its schemas, collection and item paths.
fn resource(builder: &mut ApiBuilder<'_>, objecttype: usize) {
    let name = builder.schema_name_of(objecttype);
    let collection = builder.collection_path(objecttype);
    let tag = collection.trim_start_matches('/').to_string();
    let definition = builder.model.objecttypes[objecttype].element.definition.clone();
    builder.add_tag(&tag, definition);
    resource_schemas(builder, objecttype, "");
    resource_schemas(builder, objecttype, "Patched");
    builder.expose(
        builder.model.objecttypes[objecttype].element.name.clone(),
        Place::Schema(name.clone()),
    );

    let item_path = format!("{collection}/{{uuid}}");
    let paths = crud_paths(builder, objecttype, &name, &tag, &collection, &item_path);
    builder.api.paths.extend(paths);
}

/// The schema (or `Patched` schema) of a resource, with one schema per concrete subtype
/// when the resource is an abstract supertype.
pub fn resource_schemas(builder: &mut ApiBuilder<'_>, objecttype: usize, prefix: &str) {
    let name = format!("{prefix}{}", builder.schema_name_of(objecttype));
    let subtypes = builder.concrete_subtypes(objecttype);
    if !builder.model.objecttypes[objecttype].is_abstract {
        let schema = flat_schema(builder, objecttype, prefix.is_empty(), None);
        builder.add_schema(&name, schema);
        return;
    }

    let discriminator = discriminator(builder, objecttype);
    let mut options = Vec::new();
    let mut mapping = Vec::new();
    for subtype in &subtypes {
        let sub_name = format!("{prefix}{}", builder.schema_name_of(*subtype));
        let value = enum_value(&builder.model.objecttypes[*subtype].element.name);
        let schema = flat_schema(
            builder,
            *subtype,
            prefix.is_empty(),
            Some((&discriminator.property, &value)),
        );
        builder.add_schema(&sub_name, schema);
        builder.expose(
            builder.model.objecttypes[*subtype].element.name.clone(),
            Place::Schema(sub_name.clone()),
        );
        options.push(Schema::reference(&sub_name));
        mapping.push((value, sub_name));
    }
    let definition = builder.model.objecttypes[objecttype].element.definition.clone();
    let schema = Schema::of(Shape::OneOf {
        options,
        discriminator: Some(Discriminator { property: discriminator.property, mapping }),
    })
    .described(definition);
    builder.add_schema(&name, schema);
}

/// What tells the subtypes of an abstract resource apart: a property whose value is the
/// subtype's name in snake_case.
struct Discriminating {
    /// The property name.
    property: String,
}

/// Finds an enumeration attribute of the supertype whose values name its subtypes (such as
/// `Partij.Soort partij`); without one, a synthetic `type` property is used.
fn discriminator(builder: &ApiBuilder<'_>, objecttype: usize) -> Discriminating {
    let model = builder.model;
    let subtype_codes: Vec<String> = builder
        .concrete_subtypes(objecttype)
        .iter()
        .map(|idx| enum_value(&model.objecttypes[*idx].element.name))
        .collect();
    for attribute in &model.objecttypes[objecttype].attributes {
        let TypeRef::Enumeratie(idx) = attribute.type_ref else { continue };
        let codes: Vec<String> = model.enumeraties[idx].values.iter().map(enum_code).collect();
        if subtype_codes.iter().all(|code| codes.contains(code)) {
            return Discriminating { property: property_name(&attribute.element.name) };
        }
    }
    Discriminating { property: "type".to_string() }
}

/// The flattened object schema of a concrete objecttype: identity, every attribute and
/// relation of it and its supertypes. `complete` false gives the PATCH form (nothing
/// required but the discriminator).
fn flat_schema(
    builder: &mut ApiBuilder<'_>,
    objecttype: usize,
    complete: bool,
    discriminator: Option<(&str, &str)>,
) -> Schema {
    let model = builder.model;
    let schema_name = schema_name(&model.objecttypes[objecttype].element.name);
    let mut properties = builder.identity_properties();
    let mut required = Vec::new();

    let mut lineage = model.ancestors_and_self(objecttype);
    lineage.reverse();
    for owner in &lineage {
        let owner_element = &model.objecttypes[*owner].element;
        let attributes: Vec<Attribuutsoort> = model.objecttypes[*owner].attributes.clone();
        let (own_properties, own_required) =
            builder.attribute_properties(&owner_element.name, &schema_name, &attributes);
        properties.extend(own_properties);
        required.extend(own_required);
    }
    for relation in model.all_relations(objecttype) {
        relation_property(builder, relation, &schema_name, &mut properties, &mut required);
    }

    if let Some((property, value)) = discriminator {
        let mut schema = Schema::string().described(Some(format!(
            "Soort {}: `{value}` voor deze variant.",
            model.objecttypes[objecttype].element.name
        )));
        if let Shape::String { values, .. } = &mut schema.shape {
            *values = vec![value.to_string()];
        }
        match properties.iter_mut().find(|existing| existing.name == property) {
            Some(existing) => existing.schema = schema,
            None => properties.push(Property::new(property, schema)),
        }
        if !required.iter().any(|name| name == property) {
            required.push(property.to_string());
        }
    }
    if !complete {
        required.retain(|name| discriminator.is_some_and(|(property, _)| property == name));
    }
    Schema::object(properties, required)
        .described(model.objecttypes[objecttype].element.definition.clone())
}

fn relation_property(
    builder: &mut ApiBuilder<'_>,
    relation: &Relatiesoort,
    schema: &str,
    properties: &mut Vec<Property>,
    required: &mut Vec<String>,
) {
    let path = builder.model.relation_path(relation);
    let target_role = builder.role(relation.target);
    let target_external = builder
        .profile
        .external(&builder.model.objecttypes[relation.target].element.name)
        .is_some();
    if matches!(target_role, Role::Absent(_)) && !target_external {
        let Role::Absent(reason) = target_role else { return };
        builder.expose(path, Place::NotExposed(format!("its target is not in the API: {reason}")));
        return;
    }
    let name = builder.relation_property(relation);
    if properties.iter().any(|existing| existing.name == name) {
        return;
    }
    let property_schema = builder.relation_schema(relation);
    if relation.cardinality.is_required() {
        required.push(name.clone());
    }
    builder.expose(path, Place::Property { schema: schema.to_string(), property: name.clone() });
    properties.push(Property::new(&name, property_schema));
}

/// The five CRUD operations on a collection and an item path.
pub fn crud_paths(
    builder: &mut ApiBuilder<'_>,
    objecttype: usize,
    name: &str,
    tag: &str,
    collection: &str,
    item_path: &str,
) -> Vec<PathItem> {
    let label = builder.model.objecttypes[objecttype].element.name.clone();
    let id = property_name(name);
    let json = |schema: Schema| Body { media_type: JSON.to_string(), schema, required: true };

    let mut list_parameters = builder.paging_parameters();
    list_parameters.extend(filters(builder, objecttype));
    let page = builder.paginated_schema(name);
    let mut list_responses = vec![builder.ok("200", "OK", Some(json(Schema::reference(&page))))];
    list_responses.extend(builder.error_uses("get", false));
    let mut create_responses =
        vec![builder.ok("201", "Aangemaakt", Some(json(Schema::reference(name))))];
    create_responses.extend(builder.error_uses("post", false));

    let operation =
        |method, suffix: &str, summary: String, parameters, request_body, responses| Operation {
            method,
            operation_id: format!("{id}{suffix}"),
            summary,
            description: None,
            tags: vec![tag.to_string()],
            parameters,
            request_body,
            responses,
        };
    let collection_item = PathItem {
        path: collection.to_string(),
        operations: vec![
            operation(
                "get",
                "List",
                format!("Alle {label} opvragen."),
                list_parameters,
                None,
                list_responses,
            ),
            operation(
                "post",
                "Create",
                format!("Een {label} aanmaken."),
                Vec::new(),
                Some(json(Schema::reference(name))),
                create_responses,
            ),
        ],
    };

    let uuid = uuid_parameter(builder);
    let mut item_operations = Vec::new();
    let patched = format!("Patched{name}");
    let variants: [(&'static str, &str, String, Option<Body>, &str); 4] = [
        ("get", "Read", format!("Een {label} opvragen."), None, "200"),
        (
            "put",
            "Update",
            format!("Een {label} in zijn geheel wijzigen."),
            Some(json(Schema::reference(name))),
            "200",
        ),
        (
            "patch",
            "PartialUpdate",
            format!("Een {label} deels wijzigen."),
            Some(json(Schema::reference(&patched))),
            "200",
        ),
        ("delete", "Delete", format!("Een {label} verwijderen."), None, "204"),
    ];
    for (method, suffix, summary, body, status) in variants {
        let content = (status == "200").then(|| json(Schema::reference(name)));
        let description = if status == "204" { "Verwijderd" } else { "OK" };
        let mut responses = vec![builder.ok(
            status,
            description,
            content.map(|mut body| {
                body.required = false;
                body
            }),
        )];
        responses.extend(builder.error_uses(method, true));
        item_operations.push(operation(
            method,
            suffix,
            summary,
            vec![uuid.clone()],
            body,
            responses,
        ));
    }
    vec![collection_item, PathItem { path: item_path.to_string(), operations: item_operations }]
}

/// The `uuid` path parameter, added once.
pub fn uuid_parameter(builder: &mut ApiBuilder<'_>) -> ParameterUse {
    if !builder.api.parameters.iter().any(|parameter| parameter.name == "uuid") {
        let parameter = Parameter {
            name: "uuid".into(),
            location: "path",
            description: Some("Unieke identificatie van de resource (UUID4).".into()),
            required: true,
            schema: Schema::formatted("uuid"),
        };
        builder.api.parameters.push(Named { name: "uuid".into(), item: parameter });
    }
    ParameterUse::Ref { name: "uuid".into() }
}

/// Query filters of a collection: one per relation (by the referenced uuid or URL) and
/// one per identifying attribute that is not the technical id.
pub fn filters(builder: &mut ApiBuilder<'_>, objecttype: usize) -> Vec<ParameterUse> {
    let model = builder.model;
    let mut members = vec![objecttype];
    members.extend(builder.concrete_subtypes(objecttype));
    let mut parameters: Vec<Parameter> = Vec::new();
    let mut push = |parameter: Parameter| {
        if !parameters.iter().any(|known| known.name == parameter.name) {
            parameters.push(parameter);
        }
    };

    for member in &members {
        for attribute in model.all_attributes(*member) {
            if !attribute.identifying
                || builder.is_technical_id(attribute)
                || attribute.cardinality.is_many()
            {
                continue;
            }
            let mut schema = builder.attribute_schema(attribute);
            schema.description = None;
            push(Parameter {
                name: property_name(&attribute.element.name),
                location: "query",
                description: Some(format!(
                    "Alleen resultaten met deze {}.",
                    attribute.element.name
                )),
                required: false,
                schema,
            });
        }
        for relation in model.all_relations(*member) {
            let target = &model.objecttypes[relation.target].element.name;
            let property = builder.relation_property(relation);
            let (suffix, format) = match builder.role(relation.target) {
                _ if builder.profile.external(target).is_some() => ("Url", "uri"),
                Role::Absent(_) => continue,
                _ => ("Uuid", "uuid"),
            };
            push(Parameter {
                name: format!("{property}{suffix}"),
                location: "query",
                description: Some(format!("Alleen resultaten die verwijzen naar deze {target}.")),
                required: false,
                schema: Schema::formatted(format),
            });
        }
    }
    parameters.into_iter().map(|parameter| ParameterUse::Inline { parameter }).collect()
}

/// A referentielijst as a read-only resource: a paginated list and an item by its key.
pub fn referentielijst(builder: &mut ApiBuilder<'_>, list: usize) {
    let model = builder.model;
    let element = &model.referentielijsten[list].element;
    let name = schema_name(&element.name);
    let segment = plural(&element.name, builder.profile);
    builder.add_tag(&segment, element.definition.clone());

    let elements = model.referentielijsten[list].elements.clone();
    let (properties, required) = builder.attribute_properties(&element.name, &name, &elements);
    let schema = Schema::object(properties, required).described(element.definition.clone());
    builder.add_schema(&name, schema);
    builder.expose(element.name.clone(), Place::Schema(name.clone()));

    let key = elements.iter().find(|item| item.identifying).or(elements.first());
    let key_name = key.map_or_else(|| "code".to_string(), |key| property_name(&key.element.name));
    let key_schema = match key {
        Some(key) => {
            let mut schema = builder.attribute_schema(key);
            schema.description = None;
            schema
        }
        None => Schema::string(),
    };
    let id = property_name(&name);
    let json = |schema: Schema| Body { media_type: JSON.to_string(), schema, required: false };

    let page = builder.paginated_schema(&name);
    let mut list_responses = vec![builder.ok("200", "OK", Some(json(Schema::reference(&page))))];
    list_responses.extend(builder.error_uses("get", false));
    let mut read_responses = vec![builder.ok("200", "OK", Some(json(Schema::reference(&name))))];
    read_responses.extend(builder.error_uses("get", true));
    let key_parameter = ParameterUse::Inline {
        parameter: Parameter {
            name: key_name.clone(),
            location: "path",
            description: Some(format!("De {key_name} van het element van de lijst.")),
            required: true,
            schema: key_schema,
        },
    };
    let operation = |method, suffix: &str, summary: String, parameters, responses| Operation {
        method,
        operation_id: format!("{id}{suffix}"),
        summary,
        description: None,
        tags: vec![segment.clone()],
        parameters,
        request_body: None,
        responses,
    };
    let list_operation = operation(
        "get",
        "List",
        format!("De referentielijst {} opvragen.", element.name),
        builder.paging_parameters(),
        list_responses,
    );
    let read_operation = operation(
        "get",
        "Read",
        format!("Een element van de referentielijst {} opvragen.", element.name),
        vec![key_parameter],
        read_responses,
    );
    builder
        .api
        .paths
        .push(PathItem { path: format!("/{segment}"), operations: vec![list_operation] });
    builder.api.paths.push(PathItem {
        path: format!("/{segment}/{{{key_name}}}"),
        operations: vec![read_operation],
    });
}

/// Records the objecttypes that are not in the API, with their attributes and relations.
pub fn record_absent(builder: &mut ApiBuilder<'_>) {
    let model = builder.model;
    for (idx, objecttype) in model.objecttypes.iter().enumerate() {
        let Role::Absent(reason) = builder.role(idx) else { continue };
        builder.expose(objecttype.element.name.clone(), Place::NotExposed(reason.clone()));
        for attribute in &objecttype.attributes {
            let path = format!("{}.{}", objecttype.element.name, attribute.element.name);
            let why = format!("its objecttype `{}` is not in the API", objecttype.element.name);
            builder.expose(path, Place::NotExposed(why));
        }
        for relation in model.relatiesoorten.iter().filter(|relation| relation.source == idx) {
            let why = format!("its source `{}` is not in the API", objecttype.element.name);
            builder.expose(model.relation_path(relation), Place::NotExposed(why));
        }
    }
}
