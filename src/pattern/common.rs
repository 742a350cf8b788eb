//! What every pattern shares: schemas from MIM types, references, errors, paging, headers.
//!
//! Input: the resolved model and the profile.
//! Output: an `ApiBuilder` that patterns fill with paths; it adds the component schemas,
//! parameters, headers and error responses they use, each once, and records where every
//! model element went (`Exposure`). Shared building blocks: the object schema of an
//! objecttype with the members a pattern asks for (`Members`), a family of schemas for an
//! abstract supertype (`add_family`), the collection and item operations of a resource
//! (`endpoints`), filters, referentielijsten as read-only lists, and the report of
//! objecttypes that are not in the API.
//! Not here: which paths, operations and representations a pattern has; that is what makes
//! a pattern (see the pattern modules).

use std::collections::HashSet;

use crate::location::{Diagnostic, Location};
use crate::mim::{Attribuutsoort, Cardinality, Model, Primitive, Relatiesoort, TypeRef};
use crate::pattern::api::*;
use crate::pattern::names::Names;
use crate::pattern::naming::{enum_value, plural, property_name};
use crate::profile::Profile;
use crate::profile::patterns::relation_matches;

/// Whether ADR 2.2 takes a property for a date by its name: `date`, `datum`, or a name
/// with `Date`/`Datum` after another letter, or `_date`/`_datum` (case of the `d` free).
pub fn named_like_a_date(name: &str) -> bool {
    if name == "date" || name == "datum" {
        return true;
    }
    let bytes = name.as_bytes();
    (0..bytes.len()).any(|idx| {
        let rest = &name[idx..];
        let word_before =
            idx > 0 && (bytes[idx - 1].is_ascii_alphanumeric() || bytes[idx - 1] == b'_');
        let capital = word_before && (rest.starts_with("Date") || rest.starts_with("Datum"));
        let underscored = rest.starts_with("_d") || rest.starts_with("_D");
        let underscored =
            underscored && (rest[2..].starts_with("ate") || rest[2..].starts_with("atum"));
        capital || underscored
    })
}

/// The media type of error responses (RFC 9457).
pub const PROBLEM_JSON: &str = "application/problem+json";
/// The media type of plain JSON bodies.
pub const JSON: &str = "application/json";
/// The media type of HAL bodies.
pub const HAL_JSON: &str = "application/hal+json";

/// Where a resource shows its technical identifier (the profile's `technical_id`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Identity {
    /// As the `uuid` property, beside a `url` property.
    Properties,
    /// Inside the `self` link of the schema's `…Links` companion (HAL).
    SelfLink,
}

/// Which members the object schema of an objecttype holds (see `ApiBuilder::object_schema`).
#[derive(Debug, Clone, Default)]
pub struct Members {
    /// Properties that come first, such as `uuid` and `url`.
    pub leading: Vec<Property>,
    /// Whether the model's required members are required; false gives the PATCH form.
    pub complete: bool,
    /// Whether relations are members; HAL leaves them to `_links`.
    pub relations: bool,
    /// Relations (by index in `Model::relatiesoorten`) whose targets are written in full,
    /// each with the component schema of the target.
    pub embedded: Vec<(usize, String)>,
    /// Only the attributes and relations with these model names; `None` means all.
    pub only: Option<Vec<String>>,
    /// Whether every member named in `only` is required.
    pub only_required: bool,
}

pub use crate::pattern::names::Role;

/// An API under construction, with the model and profile it comes from.
pub struct ApiBuilder<'a> {
    /// The model.
    pub model: &'a Model,
    /// The profile.
    pub profile: &'a Profile,
    /// The API so far.
    pub api: Api,
    /// The media type of request and response bodies; errors are always problem+json.
    pub media_type: &'static str,
    /// Where resources show their technical identifier.
    pub identity: Identity,
    /// The schema names, path segments and roles of the model's elements.
    pub names: Names,
    /// The names in `api.schemas`, for quick lookup.
    schema_names: HashSet<String>,
    /// The elements in `api.exposure`, for quick lookup.
    exposed: HashSet<String>,
}

impl<'a> ApiBuilder<'a> {
    /// An empty API for a pattern.
    pub fn new(model: &'a Model, profile: &'a Profile, pattern: &str) -> Self {
        let api = Api {
            pattern: pattern.to_string(),
            info: profile.info.clone(),
            servers: profile.servers.clone(),
            tags: Vec::new(),
            paths: Vec::new(),
            schemas: Vec::new(),
            parameters: Vec::new(),
            headers: Vec::new(),
            responses: Vec::new(),
            exposure: Vec::new(),
            notes: Vec::new(),
            diagnostics: Vec::new(),
        };
        let names = Names::new(model, profile);
        let mut builder = ApiBuilder {
            model,
            profile,
            api,
            media_type: JSON,
            identity: Identity::Properties,
            names,
            schema_names: HashSet::new(),
            exposed: HashSet::new(),
        };
        builder.api.diagnostics.extend(builder.names.diagnostics.iter().cloned());
        builder
    }

    /// A body of the builder's media type.
    pub fn body(&self, schema: Schema, required: bool) -> Body {
        Body { media_type: self.media_type.to_string(), schema, required }
    }

    /// Records where a model element went.
    pub fn expose(&mut self, element: impl Into<String>, place: Place) {
        let element = element.into();
        if self.exposed.insert(element.clone()) {
            self.api.exposure.push(Exposure { element, place });
        }
    }

    /// Whether a component schema exists.
    pub fn has_schema(&self, name: &str) -> bool {
        self.schema_names.contains(name)
    }

    /// Adds a component schema unless one of that name exists.
    pub fn add_schema(&mut self, name: &str, schema: Schema) {
        if !self.has_schema(name) {
            self.schema_names.insert(name.to_string());
            self.api.schemas.push(Named { name: name.to_string(), item: schema });
        }
    }

    /// Adds a tag unless it exists.
    pub fn add_tag(&mut self, name: &str, description: Option<String>) {
        if !self.api.tags.iter().any(|tag| tag.name == name) {
            self.api.tags.push(Tag { name: name.to_string(), description });
        }
    }

    /// How an objecttype takes part: a resource, served by its abstract root, or absent.
    pub fn role(&self, objecttype: usize) -> Role {
        self.names.roles[objecttype].clone()
    }

    /// The topmost abstract ancestor of an objecttype (itself if it is one), if any.
    pub fn abstract_root(&self, objecttype: usize) -> Option<usize> {
        self.names.roots[objecttype]
    }

    /// The concrete objecttypes an abstract resource serves, in model order; empty for
    /// any other objecttype.
    pub fn concrete_subtypes(&self, objecttype: usize) -> Vec<usize> {
        self.names.family(objecttype)
    }

    /// The objecttypes that are resources, in model order.
    pub fn resources(&self) -> Vec<usize> {
        (0..self.model.objecttypes.len()).filter(|idx| self.role(*idx) == Role::Resource).collect()
    }

    /// The resource that serves an objecttype, if it is in the API at all.
    pub fn serving_resource(&self, objecttype: usize) -> Option<usize> {
        match self.role(objecttype) {
            Role::Resource => Some(objecttype),
            Role::ServedBy(root) => Some(root),
            Role::Absent(_) => None,
        }
    }

    /// The path segment of an objecttype's collection.
    pub fn collection_path(&self, objecttype: usize) -> String {
        format!("/{}", self.names.objecttype_segments[objecttype])
    }

    /// The component schema name of an objecttype.
    pub fn schema_name_of(&self, objecttype: usize) -> String {
        self.names.objecttypes[objecttype].clone()
    }

    /// Whether an attribute is the technical identifier that becomes the resource `uuid`.
    pub fn is_technical_id(&self, attribute: &Attribuutsoort) -> bool {
        attribute.identifying
            && self.profile.technical_id.as_deref() == Some(attribute.element.name.as_str())
    }

    /// The schema of an attribute: its type, cardinality, length, pattern and definition.
    pub fn attribute_schema(&mut self, attribute: &Attribuutsoort) -> Schema {
        let mut schema =
            self.type_schema(attribute.type_ref, attribute.length, attribute.pattern.as_deref());
        let mut description = attribute.element.definition.clone();
        if let Some(words) = &attribute.pattern_description {
            let text = format!("Patroon: {words}");
            description = Some(match description {
                Some(definition) => format!("{definition}\n\n{text}"),
                None => text,
            });
        }
        if attribute.cardinality.is_many() {
            schema = wrap_many(schema, attribute.cardinality);
        }
        schema.description = match (description, schema.description.take()) {
            (Some(definition), Some(from_type)) => Some(format!("{definition}\n\n{from_type}")),
            (definition, from_type) => definition.or(from_type),
        };
        schema.nullable = attribute.mogelijk_geen_waarde;
        schema.read_only = attribute.derived;
        schema
    }

    /// The schema of a type, with an attribute's length and pattern overriding the type's.
    pub fn type_schema(
        &mut self,
        type_ref: TypeRef,
        length: Option<u32>,
        pattern: Option<&str>,
    ) -> Schema {
        match type_ref {
            TypeRef::Primitive(primitive) => primitive_schema(primitive, length, pattern),
            TypeRef::Datatype(idx) => {
                let datatype = &self.model.datatypes[idx];
                let length = length.or(datatype.length);
                let pattern = pattern.map(str::to_string).or_else(|| datatype.pattern.clone());
                self.type_schema(datatype.base, length, pattern.as_deref())
            }
            TypeRef::Enumeratie(idx) => Schema::reference(&self.enumeratie_schema(idx)),
            TypeRef::Referentielijst(idx) => self.referentielijst_code(idx),
            TypeRef::Codelijst(idx) => {
                let list = &self.model.codelijsten[idx];
                let mut text = format!("Waarde uit de codelijst {}", list.element.name);
                if let Some(location) = &list.location {
                    text.push_str(&format!(" ({location})"));
                }
                self.expose(
                    list.element.name.clone(),
                    Place::NotExposed(
                        "a codelijst is kept elsewhere; its values are plain text".into(),
                    ),
                );
                primitive_schema(Primitive::CharacterString, length, pattern).described(Some(text))
            }
            TypeRef::Keuze(idx) => {
                let options = self.model.keuzes[idx].options.clone();
                let options = options
                    .into_iter()
                    .map(|option| self.type_schema(option, None, None))
                    .collect();
                // anyOf, not oneOf: options may overlap (a date is also a string).
                Schema::of(Shape::AnyOf { options })
            }
            TypeRef::Gegevensgroeptype(idx) => Schema::reference(&self.group_schema(idx)),
        }
    }

    /// Adds the schema of an enumeratie once; returns its name.
    pub fn enumeratie_schema(&mut self, idx: usize) -> String {
        let enumeratie = &self.model.enumeraties[idx];
        let name = self.names.enumeraties[idx].clone();
        if self.has_schema(&name) {
            return name;
        }
        let values: Vec<String> = enumeratie.values.iter().map(enum_code).collect();
        let mut lines: Vec<String> = enumeratie.element.definition.iter().cloned().collect();
        for (code, value) in values.iter().zip(&enumeratie.values) {
            let meaning = value.element.definition.as_deref().unwrap_or(&value.element.name);
            lines.push(format!("* `{code}` - {meaning}"));
        }
        let mut schema = Schema::string();
        if let Shape::String { values: slot, .. } = &mut schema.shape {
            *slot = values;
        }
        schema.description = Some(lines.join("\n"));
        self.add_schema(&name, schema);
        self.expose(enumeratie.element.name.clone(), Place::Schema(name.clone()));
        name
    }

    /// Adds the schema of a gegevensgroeptype once; returns its name.
    pub fn group_schema(&mut self, idx: usize) -> String {
        let group = &self.model.gegevensgroeptypen[idx];
        let name = self.names.groups[idx].clone();
        if self.has_schema(&name) {
            return name;
        }
        // Reserve the name first so a group that refers to itself cannot recurse forever.
        self.add_schema(&name, Schema::default());
        let attributes = group.attributes.clone();
        let definition = group.element.definition.clone();
        let (properties, required) =
            self.attribute_properties(&group.element.name, &name, &attributes, &[]);
        let schema = Schema::object(properties, required).described(definition);
        if let Some(slot) = self.api.schemas.iter_mut().find(|schema| schema.name == name) {
            slot.item = schema;
        }
        self.expose(group.element.name.clone(), Place::Schema(name.clone()));
        name
    }

    /// Properties and required names for attributes; records each attribute's place. A
    /// name already in `existing` or given to an earlier attribute is numbered apart.
    pub fn attribute_properties(
        &mut self,
        owner: &str,
        schema: &str,
        attributes: &[Attribuutsoort],
        existing: &[Property],
    ) -> (Vec<Property>, Vec<String>) {
        let mut properties = Vec::new();
        let mut required = Vec::new();
        for attribute in attributes {
            let path = format!("{owner}.{}", attribute.element.name);
            if self.is_technical_id(attribute) {
                let place = match self.identity {
                    Identity::Properties => {
                        Place::Property { schema: schema.into(), property: "uuid".into() }
                    }
                    Identity::SelfLink => Place::Property {
                        schema: format!("{schema}Links"),
                        property: "self".into(),
                    },
                };
                self.expose(path, place);
                continue;
            }
            let wanted = self.api_property_name(&path, &attribute.element.name);
            let taken: Vec<&str> =
                existing.iter().chain(&properties).map(|known| known.name.as_str()).collect();
            let name = self.unique_property(wanted, &taken, &path, &attribute.element.at);
            let property_schema = self.attribute_schema(attribute);
            self.warn_date_name(&name, &property_schema, &path, &attribute.element.at);
            if attribute.cardinality.is_required()
                && !attribute.mogelijk_geen_waarde
                && !attribute.derived
            {
                required.push(name.clone());
            }
            self.expose(path, Place::Property { schema: schema.into(), property: name.clone() });
            properties.push(Property::new(&name, property_schema));
        }
        (properties, required)
    }

    /// The API name of an attribute: the profile's choice for its model path (or for
    /// `*.name`, any attribute of that name), else derived.
    pub fn api_property_name(&self, path: &str, name: &str) -> String {
        let names = &self.profile.names;
        names
            .get(path)
            .or_else(|| names.get(&format!("*.{name}")))
            .cloned()
            .unwrap_or_else(|| property_name(name))
    }

    /// Warns when a property is named like a date (the ADR 2.2 rules
    /// `nlgov:use-date-instead-of-datetime` and `nlgov:specify-format-for-date-and-time` go
    /// by name) but does not hold a date, so the spec would fail those rules.
    fn warn_date_name(&mut self, property: &str, schema: &Schema, path: &str, at: &Location) {
        let is_date =
            matches!(&schema.shape, Shape::String { format: Some(format), .. } if format == "date");
        if is_date || !named_like_a_date(property) {
            return;
        }
        let message = format!(
            "the property `{property}` is named like a date but holds no date; the API design \
             rules (ADR 2.2) reject that; give it another name under `names` in the profile"
        );
        self.warn_once(Diagnostic::warning(at.clone(), path, message));
    }

    /// Records a warning unless the same one is recorded already (a member shared by several
    /// schemas is named once per schema).
    fn warn_once(&mut self, diagnostic: Diagnostic) {
        if !self.api.diagnostics.contains(&diagnostic) {
            self.api.diagnostics.push(diagnostic);
        }
    }

    /// `wanted`, or `wanted` with the lowest number from 2 up that no property in `taken`
    /// has; a renumbered name is reported as a warning on the element at `path`.
    pub fn unique_property(
        &mut self,
        wanted: String,
        taken: &[&str],
        path: &str,
        at: &Location,
    ) -> String {
        let wanted = if wanted.is_empty() { "eigenschap".to_string() } else { wanted };
        if !taken.contains(&wanted.as_str()) {
            return wanted;
        }
        let name = (2..)
            .map(|number| format!("{wanted}{number}"))
            .find(|candidate| !taken.contains(&candidate.as_str()))
            .unwrap_or_default();
        let message = format!(
            "its API name `{wanted}` is already a property of the same object; it is `{name}` \
             (choose another under `names` in the profile)"
        );
        self.warn_once(Diagnostic::warning(at.clone(), path, message));
        name
    }

    /// The code a referentielijst attribute holds: the list's key element, described.
    fn referentielijst_code(&mut self, idx: usize) -> Schema {
        let list = &self.model.referentielijsten[idx];
        let key =
            list.elements.iter().find(|element| element.identifying).or(list.elements.first());
        let (type_ref, length, pattern) = match key {
            Some(key) => (key.type_ref, key.length, key.pattern.clone()),
            None => (TypeRef::Primitive(Primitive::CharacterString), None, None),
        };
        let text = format!(
            "Code uit de referentielijst {} (zie /{}).",
            list.element.name, self.names.list_segments[idx]
        );
        self.type_schema(type_ref, length, pattern.as_deref()).described(Some(text))
    }

    /// The property name of a relation: its role, or its name followed by the target
    /// (plural when many), so that relations with the same name stay apart.
    pub fn relation_property(&self, relation: &Relatiesoort) -> String {
        if let Some(name) = self.profile.names.get(&self.model.relation_path(relation)) {
            return name.clone();
        }
        if let Some(role) = &relation.role {
            return property_name(role);
        }
        let target = &self.model.objecttypes[relation.target].element.name;
        let target = if relation.cardinality.is_many() {
            plural(target, self.profile)
        } else {
            target.clone()
        };
        property_name(&format!("{} {target}", relation.element.name))
    }

    /// The schema of a relation: a reference object (or a URL for an external target),
    /// an array of them when many.
    pub fn relation_schema(&mut self, relation: &Relatiesoort) -> Schema {
        let target = &self.model.objecttypes[relation.target].element;
        let single = match self.profile.external(&target.name) {
            Some(external) => {
                let mut schema = Schema::formatted("uri");
                if let Shape::String { max_length, .. } = &mut schema.shape {
                    *max_length = Some(1000);
                }
                schema.described(Some(format!(
                    "URL van een {} in {}.",
                    target.name, external.register
                )))
            }
            None => {
                self.reference_schema();
                Schema::reference(REFERENCE)
            }
        };
        let mut schema = if relation.cardinality.is_many() {
            wrap_many(single, relation.cardinality)
        } else {
            single
        };
        schema.description = Some(relation_description(self.model, relation));
        schema
    }

    /// Adds the shared reference object schema once.
    pub fn reference_schema(&mut self) {
        if self.has_schema(REFERENCE) {
            return;
        }
        let uuid = Schema::formatted("uuid")
            .described(Some("UUID van de resource waarnaar verwezen wordt.".into()));
        let mut url = Schema::formatted("uri")
            .described(Some("URL van de resource waarnaar verwezen wordt.".into()));
        url.read_only = true;
        let schema = Schema::object(
            vec![Property::new("uuid", uuid), Property::new("url", url)],
            vec!["uuid".into()],
        )
        .described(Some("Verwijzing naar een andere resource in deze API.".into()));
        self.add_schema(REFERENCE, schema);
    }

    /// The `uuid` and `url` properties every resource has.
    pub fn identity_properties(&self) -> Vec<Property> {
        let uuid = Schema::formatted("uuid")
            .described(Some("Unieke identificatie van de resource (UUID4).".into()))
            .read_only();
        let mut url = Schema::formatted("uri")
            .described(Some("De unieke URL van de resource binnen deze API.".into()))
            .read_only();
        if let Shape::String { max_length, .. } = &mut url.shape {
            *max_length = Some(1000);
        }
        vec![Property::new("uuid", uuid), Property::new("url", url)]
    }

    /// Adds the `API-Version` and `Location` headers once.
    pub fn standard_headers(&mut self) {
        if !self.api.headers.is_empty() {
            return;
        }
        let version = Header {
            description: "De volledige versie van de API die het antwoord gaf (semver).".into(),
            required: true,
            schema: Schema::string(),
        };
        let location = Header {
            description: "De URL van de aangemaakte resource.".into(),
            required: true,
            schema: Schema::formatted("uri"),
        };
        self.api.headers.push(Named { name: "API-Version".into(), item: version });
        self.api.headers.push(Named { name: "Location".into(), item: location });
    }

    /// Adds the paging parameters once; returns their component names.
    pub fn paging_parameters(&mut self) -> Vec<ParameterUse> {
        // Name, description, maximum; both are whole numbers from 1.
        let paging = [
            ("page", "Het nummer van de pagina met resultaten (vanaf 1).", None),
            ("pageSize", "Het aantal resultaten per pagina.", Some(100)),
        ];
        if !self.api.parameters.iter().any(|parameter| parameter.name == "page") {
            for (name, description, maximum) in paging {
                let parameter = Parameter {
                    name: name.into(),
                    location: "query",
                    description: Some(description.into()),
                    required: false,
                    schema: Schema::of(Shape::Integer {
                        format: Some("int32".into()),
                        minimum: Some(1),
                        maximum,
                    }),
                };
                self.api.parameters.push(Named { name: name.into(), item: parameter });
            }
        }
        paging.iter().map(|(name, _, _)| ParameterUse::Ref { name: (*name).into() }).collect()
    }

    /// Adds a paginated list schema for an item schema once; returns its name.
    pub fn paginated_schema(&mut self, item: &str) -> String {
        let name = format!("Paginated{item}List");
        if self.has_schema(&name) {
            return name;
        }
        let count = Schema::of(Shape::Integer {
            format: Some("int32".into()),
            minimum: Some(0),
            maximum: None,
        })
        .described(Some("Het totale aantal resultaten.".into()));
        let mut next =
            Schema::formatted("uri").described(Some("URL van de volgende pagina.".into()));
        next.nullable = true;
        let mut previous =
            Schema::formatted("uri").described(Some("URL van de vorige pagina.".into()));
        previous.nullable = true;
        let results = Schema::array_of(Schema::reference(item));
        let schema = Schema::object(
            vec![
                Property::new("count", count),
                Property::new("next", next),
                Property::new("previous", previous),
                Property::new("results", results),
            ],
            vec!["count".into(), "results".into()],
        );
        self.add_schema(&name, schema);
        name
    }

    /// Adds the problem schemas and error responses once.
    pub fn error_responses(&mut self) {
        if self.has_schema("Fout") {
            return;
        }
        let text = |description: &str| Schema::string().described(Some(description.into()));
        let fout_properties = vec![
            Property::new(
                "type",
                Schema::formatted("uri").described(Some("URI die het soort fout aanduidt.".into())),
            ),
            Property::new("code", text("Systeemcode van het soort fout.")),
            Property::new("title", text("Korte, algemene omschrijving van het soort fout.")),
            Property::new(
                "status",
                Schema::of(Shape::Integer {
                    format: Some("int32".into()),
                    minimum: Some(100),
                    maximum: Some(599),
                })
                .described(Some("De HTTP-statuscode.".into())),
            ),
            Property::new("detail", text("Uitleg over deze specifieke fout.")),
            Property::new(
                "instance",
                Schema::formatted("uri").described(Some("URI van deze specifieke fout.".into())),
            ),
        ];
        let required: Vec<String> = ["title", "status", "detail"].map(String::from).to_vec();
        self.add_schema(
            "Fout",
            Schema::object(fout_properties.clone(), required.clone())
                .described(Some("Foutbericht volgens RFC 9457 (problem details).".into())),
        );

        let invalid_param = Schema::object(
            vec![
                Property::new("name", text("Naam van het veld met ongeldige gegevens.")),
                Property::new("code", text("Systeemcode van het soort fout.")),
                Property::new("reason", text("Uitleg wat er mis is met de gegevens.")),
            ],
            vec!["name".into(), "reason".into()],
        );
        self.add_schema("FieldValidationError", invalid_param);
        let mut validation_properties = fout_properties;
        validation_properties.push(Property::new(
            "invalidParams",
            Schema::array_of(Schema::reference("FieldValidationError")),
        ));
        self.add_schema(
            "ValidatieFout",
            Schema::object(validation_properties, required)
                .described(Some("Foutbericht met de velden die niet valide zijn.".into())),
        );

        for (name, description, schema) in ERRORS {
            let response = ResponseDef {
                description: (*description).into(),
                headers: vec!["API-Version".into()],
                content: Some(Body {
                    media_type: PROBLEM_JSON.into(),
                    schema: Schema::reference(schema),
                    required: false,
                }),
            };
            self.api.responses.push(Named { name: (*name).into(), item: response });
        }
    }

    /// Error responses by status for an operation of this method, on an item or not.
    pub fn error_uses(&mut self, method: &str, on_item: bool) -> Vec<Response> {
        self.standard_headers();
        self.error_responses();
        let writes = matches!(method, "post" | "put" | "patch");
        let mut statuses = vec!["400", "401", "403"];
        if on_item {
            statuses.push("404");
        }
        if writes {
            statuses.push("409");
        }
        if on_item && matches!(method, "put" | "patch" | "delete") {
            statuses.push("412");
        }
        if writes {
            statuses.push("415");
        }
        statuses.push("500");
        statuses
            .into_iter()
            .filter_map(|status| {
                let (name, _, _) =
                    ERRORS.iter().find(|(name, _, _)| error_status(name) == status)?;
                Some(Response::Ref { status: status.into(), name: (*name).into() })
            })
            .collect()
    }

    /// A successful response with the API-Version header (and Location for 201).
    pub fn ok(&mut self, status: &str, description: &str, content: Option<Body>) -> Response {
        self.standard_headers();
        let mut headers = vec!["API-Version".to_string()];
        if status == "201" {
            headers.push("Location".into());
        }
        Response::Inline {
            status: status.into(),
            response: ResponseDef { description: description.into(), headers, content },
        }
    }
}

/// Schemas of objecttypes: the members a pattern asks for, and families of subtypes.
impl<'a> ApiBuilder<'a> {
    /// The object schema of a concrete objecttype: `members.leading`, then every attribute
    /// and relation of it and its supertypes that `members` lets in. Records each member's
    /// place under `schema` (the first schema to hold a member is where it is recorded).
    pub fn object_schema(&mut self, objecttype: usize, schema: &str, members: &Members) -> Schema {
        let model = self.model;
        let wanted = |name: &str| {
            members.only.as_ref().is_none_or(|only| only.iter().any(|known| known == name))
        };
        let mut properties = members.leading.clone();
        let mut required = Vec::new();

        let mut lineage = model.ancestors_and_self(objecttype);
        lineage.reverse();
        for owner in &lineage {
            let owner_element = &model.objecttypes[*owner].element;
            let attributes: Vec<Attribuutsoort> = model.objecttypes[*owner]
                .attributes
                .iter()
                .filter(|attribute| wanted(&attribute.element.name))
                .cloned()
                .collect();
            let (own_properties, own_required) =
                self.attribute_properties(&owner_element.name, schema, &attributes, &properties);
            properties.extend(own_properties);
            required.extend(own_required);
        }
        if members.relations {
            for relation in model.all_relations(objecttype) {
                let named = members.only.as_ref().is_none_or(|only| {
                    only.iter().any(|name| relation_matches(model, relation, name))
                });
                if named {
                    self.relation_member(relation, schema, members, &mut properties, &mut required);
                }
            }
        }

        if !members.complete {
            required.clear();
        }
        if members.only_required {
            let leading = members.leading.len();
            required = properties[leading..].iter().map(|property| property.name.clone()).collect();
        }
        Schema::object(properties, required)
            .described(model.objecttypes[objecttype].element.definition.clone())
    }

    /// Adds a relation as a member: a reference, or the target in full when embedded.
    fn relation_member(
        &mut self,
        relation: &Relatiesoort,
        schema: &str,
        members: &Members,
        properties: &mut Vec<Property>,
        required: &mut Vec<String>,
    ) {
        let path = self.model.relation_path(relation);
        if let Some(reason) = self.absent_target(relation) {
            self.expose(path, Place::NotExposed(reason));
            return;
        }
        let wanted = self.relation_property(relation);
        let taken: Vec<&str> = properties.iter().map(|known| known.name.as_str()).collect();
        let name = self.unique_property(wanted, &taken, &path, &relation.element.at);
        let index = self.relation_index(relation);
        let embedded = members.embedded.iter().find(|(idx, _)| Some(*idx) == index);
        let property_schema = match embedded {
            Some((_, target)) => self.embedded_relation_schema(relation, target),
            None => self.relation_schema(relation),
        };
        if relation.cardinality.is_required() {
            required.push(name.clone());
        }
        self.expose(path, Place::Property { schema: schema.to_string(), property: name.clone() });
        properties.push(Property::new(&name, property_schema));
    }

    /// Why a relation is not in the API, when its target is not (and is not kept in another
    /// register, which is referenced by URL).
    pub fn absent_target(&self, relation: &Relatiesoort) -> Option<String> {
        let target = &self.model.objecttypes[relation.target].element.name;
        if self.profile.external(target).is_some() {
            return None;
        }
        match self.role(relation.target) {
            Role::Absent(reason) => Some(format!("its target is not in the API: {reason}")),
            _ => None,
        }
    }

    /// The index of a relation in `Model::relatiesoorten`.
    pub fn relation_index(&self, relation: &Relatiesoort) -> Option<usize> {
        self.model.relatiesoorten.iter().position(|known| known == relation)
    }

    /// A relation written as its target in full (one schema, or a list when many).
    pub fn embedded_relation_schema(&self, relation: &Relatiesoort, target: &str) -> Schema {
        let single = Schema::reference(target);
        let mut schema = if relation.cardinality.is_many() {
            wrap_many(single, relation.cardinality)
        } else {
            single
        };
        schema.description = Some(relation_description(self.model, relation));
        schema
    }

    /// Adds the schema of an objecttype under `name(its schema name)`, made by `make` for
    /// each concrete objecttype. An abstract objecttype becomes a `oneOf` over one schema per
    /// concrete subtype (each also under `name(..)`), told apart by a discriminator property
    /// whose value is the subtype's name in snake_case. Returns the name; an existing schema
    /// of that name is kept.
    pub fn add_family(
        &mut self,
        objecttype: usize,
        name: &dyn Fn(&str) -> String,
        make: &mut dyn FnMut(&mut ApiBuilder<'a>, usize, &str) -> Schema,
    ) -> String {
        let family_name = name(&self.schema_name_of(objecttype));
        if self.has_schema(&family_name) {
            return family_name;
        }
        if !self.model.objecttypes[objecttype].is_abstract {
            let schema = make(self, objecttype, &family_name);
            self.add_schema(&family_name, schema);
            return family_name;
        }

        let discriminator = self.discriminator(objecttype);
        let mut options = Vec::new();
        let mut mapping = Vec::new();
        for subtype in self.concrete_subtypes(objecttype) {
            let subtype_name = self.model.objecttypes[subtype].element.name.clone();
            let schema_name = name(&self.schema_name_of(subtype));
            let value = self.discriminator_value(subtype);
            let mut schema = make(self, subtype, &schema_name);
            set_discriminator(&mut schema, &discriminator, &value, &subtype_name);
            self.add_schema(&schema_name, schema);
            self.expose(subtype_name, Place::Schema(schema_name.clone()));
            options.push(Schema::reference(&schema_name));
            mapping.push((value, schema_name));
        }
        let definition = self.model.objecttypes[objecttype].element.definition.clone();
        let schema = Schema::of(Shape::OneOf {
            options,
            discriminator: Some(Discriminator { property: discriminator, mapping }),
        })
        .described(definition);
        self.add_schema(&family_name, schema);
        family_name
    }

    /// The property that tells the subtypes of an abstract objecttype apart: an enumeration
    /// attribute of it whose values name every concrete subtype (such as `Partij.Soort
    /// partij`); without one, a synthetic `type` property.
    pub fn discriminator(&self, objecttype: usize) -> String {
        let model = self.model;
        let family = self.concrete_subtypes(objecttype);
        let subtype_codes: Vec<String> =
            family.iter().map(|idx| self.discriminator_value(*idx)).collect();
        for attribute in &model.objecttypes[objecttype].attributes {
            let TypeRef::Enumeratie(idx) = attribute.type_ref else { continue };
            let codes: Vec<String> = model.enumeraties[idx].values.iter().map(enum_code).collect();
            if subtype_codes.iter().all(|code| codes.contains(code)) {
                return self.api_property_name(
                    &format!(
                        "{}.{}",
                        model.objecttypes[objecttype].element.name, attribute.element.name
                    ),
                    &attribute.element.name,
                );
            }
        }
        // A synthetic property must not take the API name of a member of any subtype,
        // including a name the profile chose.
        let mut members: Vec<String> = Vec::new();
        for idx in &family {
            for owner in model.ancestors_and_self(*idx) {
                let owner_name = &model.objecttypes[owner].element.name;
                members.extend(model.objecttypes[owner].attributes.iter().map(|attribute| {
                    let path = format!("{owner_name}.{}", attribute.element.name);
                    self.api_property_name(&path, &attribute.element.name)
                }));
            }
            members
                .extend(model.all_relations(*idx).into_iter().map(|r| self.relation_property(r)));
        }
        ["type", "soort", "variant"]
            .iter()
            .map(|name| name.to_string())
            .chain((2..).map(|number| format!("type{number}")))
            .find(|name| !members.contains(name))
            .unwrap_or_default()
    }

    /// The value of the discriminator for a concrete subtype: its schema name in
    /// snake_case, unique because schema names are.
    pub fn discriminator_value(&self, subtype: usize) -> String {
        enum_value(&self.schema_name_of(subtype))
    }

    /// The plain resource schema of an objecttype (`prefix` empty) or its PATCH form
    /// (`prefix` `Patched`): `uuid`, `url`, attributes, and relations as references.
    pub fn resource_schema(&mut self, objecttype: usize, prefix: &str) -> String {
        let members = Members {
            leading: self.identity_properties(),
            complete: prefix.is_empty(),
            relations: true,
            ..Members::default()
        };
        self.add_family(
            objecttype,
            &|name| format!("{prefix}{name}"),
            &mut |builder, concrete, name| builder.object_schema(concrete, name, &members),
        )
    }
}

/// Paths and parameters that several patterns give a resource.
impl ApiBuilder<'_> {
    /// Adds the tag of a resource (its collection segment) and returns it.
    pub fn resource_tag(&mut self, objecttype: usize) -> String {
        let tag = self.collection_path(objecttype).trim_start_matches('/').to_string();
        let definition = self.model.objecttypes[objecttype].element.definition.clone();
        self.add_tag(&tag, definition);
        tag
    }

    /// The collection and item paths of a resource: a paginated, filterable GET on the
    /// collection and a GET on the item, plus POST, PUT, PATCH and DELETE when writable.
    pub fn endpoints(&mut self, endpoints: &Endpoints) -> Vec<PathItem> {
        let objecttype = endpoints.objecttype;
        let label = self.model.objecttypes[objecttype].element.name.clone();
        let id = property_name(&self.schema_name_of(objecttype));
        let tag = self.resource_tag(objecttype);
        let collection = self.collection_path(objecttype);
        let item = Schema::reference(&endpoints.item);
        let operation =
            |method, suffix: &str, summary: String, parameters, request_body, responses| {
                Operation {
                    method,
                    operation_id: format!("{id}{suffix}"),
                    summary,
                    description: None,
                    tags: vec![tag.clone()],
                    parameters,
                    request_body,
                    responses,
                }
            };

        let mut list_parameters = self.paging_parameters();
        list_parameters.extend(self.filters(objecttype));
        list_parameters.extend(endpoints.read_parameters.iter().cloned());
        let page = self.body(Schema::reference(&endpoints.page), true);
        let mut list_responses = vec![self.ok("200", "OK", Some(page))];
        list_responses.extend(self.error_uses("get", false));
        let mut collection_operations = vec![operation(
            "get",
            "List",
            format!("Alle {label} opvragen."),
            list_parameters,
            None,
            list_responses,
        )];
        if endpoints.writable {
            let mut create_responses =
                vec![self.ok("201", "Aangemaakt", Some(self.body(item.clone(), true)))];
            create_responses.extend(self.error_uses("post", false));
            collection_operations.push(operation(
                "post",
                "Create",
                format!("Een {label} aanmaken."),
                Vec::new(),
                Some(self.body(item.clone(), true)),
                create_responses,
            ));
        }

        let uuid = self.uuid_parameter();
        let mut read_parameters = vec![uuid.clone()];
        read_parameters.extend(endpoints.read_parameters.iter().cloned());
        // Each item operation: method, operationId suffix, summary, request body.
        let mut variants: Vec<(&'static str, &str, String, Option<Body>)> =
            vec![("get", "Read", format!("Een {label} opvragen."), None)];
        if endpoints.writable {
            let put_body = Some(self.body(item.clone(), true));
            variants.push((
                "put",
                "Update",
                format!("Een {label} in zijn geheel wijzigen."),
                put_body,
            ));
            if let Some(patch) = &endpoints.patch {
                let patch_body = Some(self.body(Schema::reference(patch), true));
                variants.push((
                    "patch",
                    "PartialUpdate",
                    format!("Een {label} deels wijzigen."),
                    patch_body,
                ));
            }
            variants.push(("delete", "Delete", format!("Een {label} verwijderen."), None));
        }
        let mut item_operations = Vec::new();
        for (method, suffix, summary, body) in variants {
            let response = if method == "delete" {
                self.ok("204", "Verwijderd", None)
            } else {
                self.ok("200", "OK", Some(self.body(item.clone(), false)))
            };
            let mut responses = vec![response];
            responses.extend(self.error_uses(method, true));
            let parameters =
                if method == "get" { read_parameters.clone() } else { vec![uuid.clone()] };
            item_operations.push(operation(method, suffix, summary, parameters, body, responses));
        }
        vec![
            PathItem { path: collection.clone(), operations: collection_operations },
            PathItem { path: format!("{collection}/{{uuid}}"), operations: item_operations },
        ]
    }

    /// The `uuid` path parameter, added once.
    pub fn uuid_parameter(&mut self) -> ParameterUse {
        if !self.api.parameters.iter().any(|parameter| parameter.name == "uuid") {
            let parameter = Parameter {
                name: "uuid".into(),
                location: "path",
                description: Some("Unieke identificatie van de resource (UUID4).".into()),
                required: true,
                schema: Schema::formatted("uuid"),
            };
            self.api.parameters.push(Named { name: "uuid".into(), item: parameter });
        }
        ParameterUse::Ref { name: "uuid".into() }
    }

    /// Query filters of a collection: one per relation (by the referenced uuid or URL) and
    /// one per identifying attribute that is not the technical id. A member inherited by
    /// several subtypes gives one filter; two members whose filter names clash, or a name
    /// that paging or `expand`/`fields` use, are numbered apart.
    pub fn filters(&mut self, objecttype: usize) -> Vec<ParameterUse> {
        let model = self.model;
        let mut members = vec![objecttype];
        members.extend(self.concrete_subtypes(objecttype));
        let mut parameters: Vec<Parameter> = Vec::new();
        let mut taken: Vec<String> =
            ["page", "pageSize", "expand", "fields"].map(String::from).to_vec();
        let mut seen: Vec<String> = Vec::new();
        let mut push = |path: String, mut parameter: Parameter| {
            if seen.contains(&path) {
                return;
            }
            seen.push(path);
            let base = parameter.name.clone();
            let mut number = 2;
            while taken.contains(&parameter.name) {
                parameter.name = format!("{base}{number}");
                number += 1;
            }
            taken.push(parameter.name.clone());
            parameters.push(parameter);
        };

        for member in &members {
            let mut lineage = model.ancestors_and_self(*member);
            lineage.reverse();
            for owner in lineage {
                let owner_name = &model.objecttypes[owner].element.name;
                for attribute in &model.objecttypes[owner].attributes {
                    if !attribute.identifying
                        || self.is_technical_id(attribute)
                        || attribute.cardinality.is_many()
                    {
                        continue;
                    }
                    let path = format!("{owner_name}.{}", attribute.element.name);
                    let mut schema = self.attribute_schema(attribute);
                    schema.description = None;
                    let name = self.api_property_name(&path, &attribute.element.name);
                    let description =
                        format!("Alleen resultaten met deze {}.", attribute.element.name);
                    push(
                        path,
                        Parameter {
                            name,
                            location: "query",
                            description: Some(description),
                            required: false,
                            schema,
                        },
                    );
                }
            }
            for relation in model.all_relations(*member) {
                let target = &model.objecttypes[relation.target].element.name;
                let property = self.relation_property(relation);
                let (suffix, format) = match self.role(relation.target) {
                    _ if self.profile.external(target).is_some() => ("Url", "uri"),
                    Role::Absent(_) => continue,
                    _ => ("Uuid", "uuid"),
                };
                let description = format!("Alleen resultaten die verwijzen naar deze {target}.");
                push(
                    model.relation_path(relation),
                    Parameter {
                        name: format!("{property}{suffix}"),
                        location: "query",
                        description: Some(description),
                        required: false,
                        schema: Schema::formatted(format),
                    },
                );
            }
        }
        parameters.into_iter().map(|parameter| ParameterUse::Inline { parameter }).collect()
    }

    /// A referentielijst as in the plain JSON patterns: its schema, a paginated list and an
    /// item by key.
    pub fn plain_referentielijst(&mut self, list: usize) {
        let definition = self.model.referentielijsten[list].element.definition.clone();
        let name = self.names.lists[list].clone();
        let (properties, required) = self.referentielijst_properties(list, &name);
        self.add_schema(&name, Schema::object(properties, required).described(definition));
        let page = self.paginated_schema(&name);
        self.referentielijst_paths(list, &name, &page);
    }

    /// The properties of a referentielijst's elements, recorded under `schema`.
    pub fn referentielijst_properties(
        &mut self,
        list: usize,
        schema: &str,
    ) -> (Vec<Property>, Vec<String>) {
        let element = self.model.referentielijsten[list].element.name.clone();
        let elements = self.model.referentielijsten[list].elements.clone();
        self.attribute_properties(&element, schema, &elements, &[])
    }

    /// A referentielijst as a read-only resource: a paginated list (`page`) and an item
    /// (`item`) by its key. Records the list under `item`.
    pub fn referentielijst_paths(&mut self, list: usize, item: &str, page: &str) {
        let model = self.model;
        let element = &model.referentielijsten[list].element;
        let segment = self.names.list_segments[list].clone();
        self.add_tag(&segment, element.definition.clone());
        self.expose(element.name.clone(), Place::Schema(item.to_string()));

        let elements = &model.referentielijsten[list].elements;
        let key = elements.iter().find(|item| item.identifying).or(elements.first());
        let key_name =
            key.map_or_else(|| "code".to_string(), |key| property_name(&key.element.name));
        let key_schema = match key {
            Some(key) => {
                let mut schema = self.attribute_schema(key);
                schema.description = None;
                schema
            }
            None => Schema::string(),
        };
        let id = property_name(&self.names.lists[list]);

        let page = self.body(Schema::reference(page), false);
        let mut list_responses = vec![self.ok("200", "OK", Some(page))];
        list_responses.extend(self.error_uses("get", false));
        let item = self.body(Schema::reference(item), false);
        let mut read_responses = vec![self.ok("200", "OK", Some(item))];
        read_responses.extend(self.error_uses("get", true));
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
            self.paging_parameters(),
            list_responses,
        );
        let read_operation = operation(
            "get",
            "Read",
            format!("Een element van de referentielijst {} opvragen.", element.name),
            vec![key_parameter],
            read_responses,
        );
        self.api
            .paths
            .push(PathItem { path: format!("/{segment}"), operations: vec![list_operation] });
        self.api.paths.push(PathItem {
            path: format!("/{segment}/{{{key_name}}}"),
            operations: vec![read_operation],
        });
    }

    /// Records the objecttypes that are not in the API, with their attributes and relations.
    pub fn record_absent(&mut self) {
        let model = self.model;
        for (idx, objecttype) in model.objecttypes.iter().enumerate() {
            let Role::Absent(reason) = self.role(idx) else { continue };
            self.expose(objecttype.element.name.clone(), Place::NotExposed(reason.clone()));
            for attribute in &objecttype.attributes {
                let path = format!("{}.{}", objecttype.element.name, attribute.element.name);
                let why = format!("its objecttype `{}` is not in the API", objecttype.element.name);
                self.expose(path, Place::NotExposed(why));
            }
            for relation in model.relatiesoorten.iter().filter(|relation| relation.source == idx) {
                let why = format!("its source `{}` is not in the API", objecttype.element.name);
                self.expose(model.relation_path(relation), Place::NotExposed(why));
            }
        }
    }
}

/// What `ApiBuilder::endpoints` makes for one resource.
#[derive(Debug, Clone)]
pub struct Endpoints {
    /// The objecttype: it gives the path, tag, label, operationIds and filters.
    pub objecttype: usize,
    /// The component schema of one resource in request and response bodies.
    pub item: String,
    /// The component schema of a PATCH body; `None`: no PATCH.
    pub patch: Option<String>,
    /// The component schema of one page of the collection.
    pub page: String,
    /// Query parameters both GETs take besides paging and filters.
    pub read_parameters: Vec<ParameterUse>,
    /// Whether POST, PUT, PATCH and DELETE exist besides the GETs.
    pub writable: bool,
}

/// Gives the schema of one subtype its discriminator: the property (added or replaced)
/// allows only the subtype's value and is required.
fn set_discriminator(schema: &mut Schema, property: &str, value: &str, subtype: &str) {
    let Shape::Object { properties, required } = &mut schema.shape else { return };
    let mut value_schema =
        Schema::string().described(Some(format!("Soort {subtype}: `{value}` voor deze variant.")));
    if let Shape::String { values, .. } = &mut value_schema.shape {
        *values = vec![value.to_string()];
    }
    match properties.iter_mut().find(|existing| existing.name == property) {
        Some(existing) => existing.schema = value_schema,
        None => properties.push(Property::new(property, value_schema)),
    }
    if !required.iter().any(|name| name == property) {
        required.push(property.to_string());
    }
}

/// The name of the shared reference object schema.
pub const REFERENCE: &str = "Verwijzing";

const ERRORS: &[(&str, &str, &str)] = &[
    ("Fout400", "Het verzoek is ongeldig.", "ValidatieFout"),
    ("Fout401", "Niet geauthenticeerd.", "Fout"),
    ("Fout403", "Geen toegang.", "Fout"),
    ("Fout404", "Niet gevonden.", "Fout"),
    ("Fout409", "Conflict met de huidige toestand van de resource.", "Fout"),
    ("Fout412", "Niet voldaan aan de voorwaarde van het verzoek.", "Fout"),
    ("Fout415", "Mediatype niet ondersteund.", "Fout"),
    ("Fout500", "Interne serverfout.", "Fout"),
];

fn error_status(name: &str) -> &str {
    name.trim_start_matches("Fout")
}

/// Names joined as Dutch prose: `a`, `a en b`, `a, b en c`.
pub fn enumerate_words(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} en {last}", init.join(", ")),
    }
}

/// The code of an enumeration value in the API.
pub fn enum_code(value: &crate::mim::Enumeratiewaarde) -> String {
    value.code.clone().unwrap_or_else(|| enum_value(&value.element.name))
}

/// A list schema for a many-valued attribute or relation.
pub fn wrap_many(item: Schema, cardinality: Cardinality) -> Schema {
    let mut schema = Schema::array_of(item);
    if let Shape::Array { min_items, max_items, .. } = &mut schema.shape {
        *min_items = (cardinality.min > 0).then_some(cardinality.min);
        *max_items = cardinality.max;
    }
    schema
}

/// The description of a relation property: its definition, else its name and target.
pub fn relation_description(model: &Model, relation: &Relatiesoort) -> String {
    let target = &model.objecttypes[relation.target].element.name;
    match &relation.element.definition {
        Some(definition) => definition.clone(),
        None => format!("{} {target}.", relation.element.name),
    }
}

/// The schema of a MIM primitive.
pub fn primitive_schema(
    primitive: Primitive,
    length: Option<u32>,
    pattern: Option<&str>,
) -> Schema {
    let text = |format: Option<&str>| {
        Schema::of(Shape::String {
            format: format.map(str::to_string),
            max_length: length,
            min_length: None,
            pattern: pattern.map(str::to_string),
            values: Vec::new(),
        })
    };
    match primitive {
        Primitive::CharacterString => text(None),
        Primitive::Uri => text(Some("uri")),
        Primitive::Date => text(Some("date")),
        Primitive::DateTime => text(Some("date-time")),
        Primitive::Boolean => Schema::of(Shape::Boolean),
        Primitive::Real | Primitive::Decimal => {
            Schema::of(Shape::Number { format: Some("double".into()) })
        }
        Primitive::Integer => {
            // A length on an integer is read as a number of digits.
            let maximum =
                length.filter(|digits| *digits <= 18).map(|digits| 10_i64.pow(digits) - 1);
            let format =
                if maximum.is_none_or(|max| max > i64::from(i32::MAX)) { "int64" } else { "int32" };
            Schema::of(Shape::Integer { format: Some(format.into()), minimum: None, maximum })
        }
        Primitive::Year => Schema::of(Shape::Integer {
            format: Some("int32".into()),
            minimum: None,
            maximum: None,
        }),
        Primitive::Month => Schema::of(Shape::Integer {
            format: Some("int32".into()),
            minimum: Some(1),
            maximum: Some(12),
        }),
        Primitive::Day => Schema::of(Shape::Integer {
            format: Some("int32".into()),
            minimum: Some(1),
            maximum: Some(31),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_api_design_rules_take_for_dates() {
        for name in ["datum", "date", "ingangsDatum", "mDatumTijdGeladen", "x_date", "begin_Datum"]
        {
            assert!(named_like_a_date(name), "{name}");
        }
        for name in ["einddatumLand", "Datum", "plaatsgevondenOp", "update", "mandate"] {
            assert!(!named_like_a_date(name), "{name}");
        }
    }
}
