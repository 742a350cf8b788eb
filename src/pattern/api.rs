//! The API IR: an OpenAPI document in typed form, independent of the OpenAPI version.
//!
//! Input: filled by the pattern modules.
//! Output: `Api`, serialised into the templates by `render`; `Exposure` records where each
//! model element went (or why it did not).
//! Not here: YAML text, version-specific spelling (3.0 `nullable` vs 3.1 `type: [.., null]`):
//! the templates decide those.

use serde::Serialize;

use crate::location::Diagnostic;
use crate::profile::{ApiInfo, Server};

/// A whole API description.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Api {
    /// The pattern that made it.
    pub pattern: String,
    /// Title, version, contact, licence.
    pub info: ApiInfo,
    /// Servers.
    pub servers: Vec<Server>,
    /// Tags in path order.
    pub tags: Vec<Tag>,
    /// Paths in order.
    pub paths: Vec<PathItem>,
    /// `components.schemas`, in order.
    pub schemas: Vec<Named<Schema>>,
    /// `components.parameters`, in order.
    pub parameters: Vec<Named<Parameter>>,
    /// `components.headers`, in order.
    pub headers: Vec<Named<Header>>,
    /// `components.responses`, in order.
    pub responses: Vec<Named<ResponseDef>>,
    /// Where each model element went.
    #[serde(skip)]
    pub exposure: Vec<Exposure>,
    /// Notes for the report that goes with the spec, such as how aggregates were formed.
    #[serde(skip)]
    pub notes: Vec<String>,
    /// Warnings about the profile or model that only this pattern runs into.
    #[serde(skip)]
    pub diagnostics: Vec<Diagnostic>,
}

/// Something with a component name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Named<T> {
    /// The component name.
    pub name: String,
    /// The component.
    pub item: T,
}

/// A tag.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Tag {
    /// Name.
    pub name: String,
    /// Description.
    pub description: Option<String>,
}

/// One path and its operations.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PathItem {
    /// The path, starting with `/`.
    pub path: String,
    /// Operations in the order get, post, put, patch, delete.
    pub operations: Vec<Operation>,
}

/// One operation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Operation {
    /// `get`, `post`, `put`, `patch` or `delete`.
    pub method: &'static str,
    /// Unique camelCase id.
    pub operation_id: String,
    /// One line.
    pub summary: String,
    /// More text.
    pub description: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// Parameters: references to components or inline.
    pub parameters: Vec<ParameterUse>,
    /// Request body.
    pub request_body: Option<Body>,
    /// Responses by status, in order.
    pub responses: Vec<Response>,
}

/// A parameter as used by an operation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ParameterUse {
    /// `$ref` to `components.parameters`.
    Ref {
        /// Component name.
        name: String,
    },
    /// Written in place.
    Inline {
        /// The parameter.
        parameter: Parameter,
    },
}

/// A parameter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Parameter {
    /// Its name.
    pub name: String,
    /// `query`, `path` or `header`.
    pub location: &'static str,
    /// Description.
    pub description: Option<String>,
    /// Required.
    pub required: bool,
    /// Schema.
    pub schema: Schema,
}

/// A response header.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Header {
    /// Description.
    pub description: String,
    /// Required.
    pub required: bool,
    /// Schema.
    pub schema: Schema,
}

/// A request or response body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Body {
    /// Media type.
    pub media_type: String,
    /// Schema.
    pub schema: Schema,
    /// Required (requests only).
    pub required: bool,
}

/// A response as used by an operation.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Response {
    /// `$ref` to `components.responses`.
    Ref {
        /// HTTP status.
        status: String,
        /// Component name.
        name: String,
    },
    /// Written in place.
    Inline {
        /// HTTP status.
        status: String,
        /// The response.
        response: ResponseDef,
    },
}

/// A response.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ResponseDef {
    /// Description.
    pub description: String,
    /// Header names from `components.headers`.
    pub headers: Vec<String>,
    /// Body.
    pub content: Option<Body>,
}

/// A JSON schema, with the few keywords patroon uses.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Schema {
    /// The shape.
    pub shape: Shape,
    /// Description.
    pub description: Option<String>,
    /// Null is allowed as a value.
    pub nullable: bool,
    /// Set by the server only.
    pub read_only: bool,
}

/// The shape of a schema.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Shape {
    /// Anything (used for free-form values).
    #[default]
    Any,
    /// `$ref` to `components.schemas`.
    Ref {
        /// Component name.
        name: String,
    },
    /// Text.
    String {
        /// Format (`date`, `date-time`, `uri`, `uuid`, `email`).
        format: Option<String>,
        /// Maximum length.
        max_length: Option<u32>,
        /// Minimum length.
        min_length: Option<u32>,
        /// Regular expression.
        pattern: Option<String>,
        /// Allowed values.
        values: Vec<String>,
    },
    /// Whole number.
    Integer {
        /// Format (`int32`, `int64`).
        format: Option<String>,
        /// Minimum.
        minimum: Option<i64>,
        /// Maximum.
        maximum: Option<i64>,
    },
    /// Number.
    Number {
        /// Format (`double`).
        format: Option<String>,
    },
    /// True or false.
    Boolean,
    /// A list.
    Array {
        /// Item schema.
        items: Box<Schema>,
        /// Minimum number of items.
        min_items: Option<u32>,
        /// Maximum number of items.
        max_items: Option<u32>,
    },
    /// An object.
    Object {
        /// Properties in order.
        properties: Vec<Property>,
        /// Names of required properties.
        required: Vec<String>,
    },
    /// At least one of these (a keuze: options may overlap).
    AnyOf {
        /// The options.
        options: Vec<Schema>,
    },
    /// Exactly one of these.
    OneOf {
        /// The options.
        options: Vec<Schema>,
        /// The discriminating property and its mapping (value → component name).
        discriminator: Option<Discriminator>,
    },
}

/// An object property.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Property {
    /// Name.
    pub name: String,
    /// Schema.
    pub schema: Schema,
}

/// A discriminator of a `oneOf`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Discriminator {
    /// The property that tells the options apart.
    pub property: String,
    /// Value → component schema name.
    pub mapping: Vec<(String, String)>,
}

/// Where a model element went in the API, or why it is not there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exposure {
    /// The model path (`Klantcontact`, `Klantcontact.Kanaal`, `Partij.had (Partij-identificator)`).
    pub element: String,
    /// Where it is, or why not.
    pub place: Place,
}

/// Where an element is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// A component schema.
    Schema(String),
    /// A property of a component schema.
    Property {
        /// The schema.
        schema: String,
        /// The property.
        property: String,
    },
    /// Not in the API, for this reason.
    NotExposed(String),
}

impl Schema {
    /// A schema of this shape with nothing else set.
    pub fn of(shape: Shape) -> Schema {
        Schema { shape, ..Schema::default() }
    }

    /// A `$ref` to a component schema.
    pub fn reference(name: &str) -> Schema {
        Schema::of(Shape::Ref { name: name.to_string() })
    }

    /// A plain string.
    pub fn string() -> Schema {
        Schema::of(Shape::String {
            format: None,
            max_length: None,
            min_length: None,
            pattern: None,
            values: Vec::new(),
        })
    }

    /// A string of a format.
    pub fn formatted(format: &str) -> Schema {
        let mut schema = Schema::string();
        if let Shape::String { format: slot, .. } = &mut schema.shape {
            *slot = Some(format.to_string());
        }
        schema
    }

    /// With a description.
    pub fn described(mut self, description: Option<String>) -> Schema {
        self.description = description;
        self
    }

    /// Read-only.
    pub fn read_only(mut self) -> Schema {
        self.read_only = true;
        self
    }

    /// A list of this schema.
    pub fn array_of(items: Schema) -> Schema {
        Schema::of(Shape::Array { items: Box::new(items), min_items: None, max_items: None })
    }

    /// An object with these properties; `required` names the required ones.
    pub fn object(properties: Vec<Property>, required: Vec<String>) -> Schema {
        Schema::of(Shape::Object { properties, required })
    }
}

impl Property {
    /// A property.
    pub fn new(name: &str, schema: Schema) -> Property {
        Property { name: name.to_string(), schema }
    }
}
