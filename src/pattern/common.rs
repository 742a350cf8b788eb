//! What every pattern shares: schemas from MIM types, references, errors, paging, headers.
//!
//! Input: the resolved model and the profile.
//! Output: an `ApiBuilder` that patterns fill with paths; it adds the component schemas,
//! parameters, headers and error responses they use, each once, and records where every
//! model element went (`Exposure`).
//! Not here: which paths and operations exist; that is what makes a pattern (see the
//! pattern modules).

use crate::mim::{Attribuutsoort, Cardinality, Model, Primitive, TypeRef};
use crate::pattern::api::*;
use crate::pattern::naming::{enum_value, plural, property_name, schema_name};
use crate::profile::Profile;

/// The media type of error responses (RFC 9457).
pub const PROBLEM_JSON: &str = "application/problem+json";
/// The media type of plain JSON bodies.
pub const JSON: &str = "application/json";

/// How an objecttype takes part in the API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// It is a resource of its own (or the root of a generalisation).
    Resource,
    /// It is served by the resource of its abstract supertype (by index).
    ServedBy(usize),
    /// It is not in the API, for this reason.
    Absent(String),
}

/// An API under construction, with the model and profile it comes from.
pub struct ApiBuilder<'a> {
    /// The model.
    pub model: &'a Model,
    /// The profile.
    pub profile: &'a Profile,
    /// The API so far.
    pub api: Api,
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
        };
        ApiBuilder { model, profile, api }
    }

    /// Records where a model element went.
    pub fn expose(&mut self, element: impl Into<String>, place: Place) {
        let element = element.into();
        if !self.api.exposure.iter().any(|known| known.element == element) {
            self.api.exposure.push(Exposure { element, place });
        }
    }

    /// Whether a component schema exists.
    pub fn has_schema(&self, name: &str) -> bool {
        self.api.schemas.iter().any(|schema| schema.name == name)
    }

    /// Adds a component schema unless one of that name exists.
    pub fn add_schema(&mut self, name: &str, schema: Schema) {
        if !self.has_schema(name) {
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
        let element = &self.model.objecttypes[objecttype].element;
        if let Some(external) = self.profile.external(&element.name) {
            return Role::Absent(format!(
                "kept in another register ({}); referenced by URL",
                external.register
            ));
        }
        if self.profile.exclude.contains(&element.name) {
            return Role::Absent("excluded by the profile".to_string());
        }
        if let Some(root) = self.abstract_root(objecttype)
            && root != objecttype
        {
            return Role::ServedBy(root);
        }
        if self.model.objecttypes[objecttype].is_abstract
            && self.concrete_subtypes(objecttype).is_empty()
        {
            return Role::Absent("abstract without concrete subtypes".to_string());
        }
        Role::Resource
    }

    /// The topmost abstract ancestor of an objecttype (itself if it is one), if any.
    pub fn abstract_root(&self, objecttype: usize) -> Option<usize> {
        self.model
            .ancestors_and_self(objecttype)
            .into_iter()
            .rfind(|idx| self.model.objecttypes[*idx].is_abstract)
    }

    /// The concrete objecttypes below an objecttype, in model order.
    pub fn concrete_subtypes(&self, objecttype: usize) -> Vec<usize> {
        (0..self.model.objecttypes.len())
            .filter(|idx| *idx != objecttype && !self.model.objecttypes[*idx].is_abstract)
            .filter(|idx| self.model.ancestors_and_self(*idx).contains(&objecttype))
            .collect()
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
        format!("/{}", plural(&self.model.objecttypes[objecttype].element.name, self.profile))
    }

    /// The component schema name of an objecttype.
    pub fn schema_name_of(&self, objecttype: usize) -> String {
        schema_name(&self.model.objecttypes[objecttype].element.name)
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
                Schema::of(Shape::OneOf { options, discriminator: None })
            }
            TypeRef::Gegevensgroeptype(idx) => Schema::reference(&self.group_schema(idx)),
        }
    }

    /// Adds the schema of an enumeratie once; returns its name.
    pub fn enumeratie_schema(&mut self, idx: usize) -> String {
        let enumeratie = &self.model.enumeraties[idx];
        let name = schema_name(&enumeratie.element.name);
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
        let name = schema_name(&group.element.name);
        if self.has_schema(&name) {
            return name;
        }
        // Reserve the name first so a group that refers to itself cannot recurse forever.
        self.add_schema(&name, Schema::default());
        let attributes = group.attributes.clone();
        let definition = group.element.definition.clone();
        let (properties, required) =
            self.attribute_properties(&group.element.name, &name, &attributes);
        let schema = Schema::object(properties, required).described(definition);
        if let Some(slot) = self.api.schemas.iter_mut().find(|schema| schema.name == name) {
            slot.item = schema;
        }
        self.expose(group.element.name.clone(), Place::Schema(name.clone()));
        name
    }

    /// Properties and required names for attributes; records each attribute's place.
    pub fn attribute_properties(
        &mut self,
        owner: &str,
        schema: &str,
        attributes: &[Attribuutsoort],
    ) -> (Vec<Property>, Vec<String>) {
        let mut properties = Vec::new();
        let mut required = Vec::new();
        for attribute in attributes {
            let path = format!("{owner}.{}", attribute.element.name);
            if self.is_technical_id(attribute) {
                self.expose(
                    path,
                    Place::Property { schema: schema.into(), property: "uuid".into() },
                );
                continue;
            }
            let name = property_name(&attribute.element.name);
            let property_schema = self.attribute_schema(attribute);
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
            list.element.name,
            plural(&list.element.name, self.profile)
        );
        self.type_schema(type_ref, length, pattern.as_deref()).described(Some(text))
    }

    /// The property name of a relation: its role, or its name followed by the target
    /// (plural when many), so that relations with the same name stay apart.
    pub fn relation_property(&self, relation: &crate::mim::Relatiesoort) -> String {
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
    pub fn relation_schema(&mut self, relation: &crate::mim::Relatiesoort) -> Schema {
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
        if !self.api.parameters.iter().any(|parameter| parameter.name == "page") {
            let page = Parameter {
                name: "page".into(),
                location: "query",
                description: Some("Het nummer van de pagina met resultaten (vanaf 1).".into()),
                required: false,
                schema: Schema::of(Shape::Integer {
                    format: Some("int32".into()),
                    minimum: Some(1),
                    maximum: None,
                }),
            };
            let page_size = Parameter {
                name: "pageSize".into(),
                location: "query",
                description: Some("Het aantal resultaten per pagina.".into()),
                required: false,
                schema: Schema::of(Shape::Integer {
                    format: Some("int32".into()),
                    minimum: Some(1),
                    maximum: Some(100),
                }),
            };
            self.api.parameters.push(Named { name: "page".into(), item: page });
            self.api.parameters.push(Named { name: "pageSize".into(), item: page_size });
        }
        vec![
            ParameterUse::Ref { name: "page".into() },
            ParameterUse::Ref { name: "pageSize".into() },
        ]
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
fn relation_description(model: &Model, relation: &crate::mim::Relatiesoort) -> String {
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
