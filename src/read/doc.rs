//! The model document: what every reader produces, before names are resolved.
//!
//! Input: filled by the readers (YAML model, XMI, MIM serialisation).
//! Output: `ModelDoc`, which `mim::build` resolves into the IR and which `yaml_model::write`
//! writes back as a patroon model file (every field round-trips).
//! Not here: name resolution or checks; a doc may name types that do not exist.

use indexmap::IndexMap;
use serde::{Serialize, Serializer};

use crate::location::Location;
use crate::mim::{Aggregation, Cardinality};

/// A name that refers to another element, with where the reference is written.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct NameRef {
    /// The name referred to.
    pub name: String,
    /// Where the reference is written.
    pub at: Location,
}

impl Serialize for NameRef {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.name)
    }
}

fn serialize_cardinality<S: Serializer>(
    cardinality: &Option<Cardinality>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match cardinality {
        Some(cardinality) => serializer.serialize_str(&cardinality.to_string()),
        None => serializer.serialize_none(),
    }
}

fn serialize_aggregation<S: Serializer>(
    aggregation: &Aggregation,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(aggregation.as_str())
}

fn is_false(value: &bool) -> bool {
    !*value
}

fn is_plain(aggregation: &Aggregation) -> bool {
    *aggregation == Aggregation::None
}

/// Keys every element may have.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ElementDoc {
    /// The MIM name.
    pub name: String,
    /// MIM definition.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub definition: Option<String>,
    /// MIM Toelichting.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// MIM Herkomst.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub herkomst: Option<String>,
    /// Other tagged values.
    #[serde(skip_serializing_if = "IndexMap::is_empty")]
    pub tags: IndexMap<String, String>,
    /// Where the element is written.
    #[serde(skip)]
    pub at: Location,
}

/// A whole model file.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ModelDoc {
    /// The format version, `patroon-model/1`.
    pub format: String,
    /// The model's own description.
    pub model: ModelInfoDoc,
    /// Its packages.
    pub packages: Vec<PackageDoc>,
}

/// The `model:` block.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ModelInfoDoc {
    /// Name and definition.
    #[serde(flatten)]
    pub element: ElementDoc,
    /// The model's version.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

/// A package and what it holds.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct PackageDoc {
    /// Name and definition.
    #[serde(flatten)]
    pub element: ElementDoc,
    /// Objecttypes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub objecttypes: Vec<ObjecttypeDoc>,
    /// Gegevensgroeptypen.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub gegevensgroeptypen: Vec<GegevensgroeptypeDoc>,
    /// Primitieve datatypen.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub datatypes: Vec<DatatypeDoc>,
    /// Enumeraties.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub enumeraties: Vec<EnumeratieDoc>,
    /// Referentielijsten.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub referentielijsten: Vec<ReferentielijstDoc>,
    /// Codelijsten.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub codelijsten: Vec<CodelijstDoc>,
    /// Keuzes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub keuzes: Vec<KeuzeDoc>,
}

/// An objecttype as written.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ObjecttypeDoc {
    /// Name and definition.
    #[serde(flatten)]
    pub element: ElementDoc,
    /// Whether it is abstract.
    #[serde(rename = "abstract", skip_serializing_if = "is_false")]
    pub is_abstract: bool,
    /// Supertypes by name.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub supertypes: Vec<NameRef>,
    /// Attributes and gegevensgroepen.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<AttributeDoc>,
    /// Relations owned by this objecttype.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<RelationDoc>,
}

/// An attribute (or gegevensgroep, or referentie-element) as written.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct AttributeDoc {
    /// Name and definition.
    #[serde(flatten)]
    pub element: ElementDoc,
    /// The type by name.
    #[serde(rename = "type")]
    pub type_name: NameRef,
    /// Cardinality; `None` means the default, `1`.
    #[serde(serialize_with = "serialize_cardinality", skip_serializing_if = "Option::is_none")]
    pub cardinality: Option<Cardinality>,
    /// Part of the unique key.
    #[serde(skip_serializing_if = "is_false")]
    pub identifying: bool,
    /// MIM "Mogelijk geen waarde".
    #[serde(skip_serializing_if = "is_false")]
    pub mogelijk_geen_waarde: bool,
    /// MIM "Indicatie afleidbaar".
    #[serde(skip_serializing_if = "is_false")]
    pub derived: bool,
    /// Length override.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub length: Option<u32>,
    /// Formeel patroon.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// Patroon in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern_description: Option<String>,
}

/// A relation as written.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct RelationDoc {
    /// Name and definition.
    #[serde(flatten)]
    pub element: ElementDoc,
    /// The target objecttype by name.
    pub target: NameRef,
    /// Role name of the target end.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// Target-end cardinality; `None` means `0..1`.
    #[serde(serialize_with = "serialize_cardinality", skip_serializing_if = "Option::is_none")]
    pub cardinality: Option<Cardinality>,
    /// Source-end cardinality; `None` means `0..*`.
    #[serde(serialize_with = "serialize_cardinality", skip_serializing_if = "Option::is_none")]
    pub source_cardinality: Option<Cardinality>,
    /// Aggregation kind.
    #[serde(serialize_with = "serialize_aggregation", skip_serializing_if = "is_plain")]
    pub aggregation: Aggregation,
}

/// A gegevensgroeptype as written.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct GegevensgroeptypeDoc {
    /// Name and definition.
    #[serde(flatten)]
    pub element: ElementDoc,
    /// Its attributes.
    pub attributes: Vec<AttributeDoc>,
}

/// A primitive datatype as written.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct DatatypeDoc {
    /// Name and definition.
    #[serde(flatten)]
    pub element: ElementDoc,
    /// The base type by name.
    pub base: NameRef,
    /// Maximum length.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub length: Option<u32>,
    /// Formeel patroon.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// Patroon in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pattern_description: Option<String>,
}

/// An enumeratie as written.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct EnumeratieDoc {
    /// Name and definition.
    #[serde(flatten)]
    pub element: ElementDoc,
    /// Its values.
    pub values: Vec<EnumValueDoc>,
}

/// One enumeration value as written.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct EnumValueDoc {
    /// Name and definition.
    #[serde(flatten)]
    pub element: ElementDoc,
    /// Its code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

/// A referentielijst as written.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ReferentielijstDoc {
    /// Name and definition.
    #[serde(flatten)]
    pub element: ElementDoc,
    /// Data locatie.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Referentie-elementen.
    pub elements: Vec<AttributeDoc>,
}

/// A codelijst as written.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct CodelijstDoc {
    /// Name and definition.
    #[serde(flatten)]
    pub element: ElementDoc,
    /// Where the list is kept.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
}

/// A keuze as written.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct KeuzeDoc {
    /// Name and definition.
    #[serde(flatten)]
    pub element: ElementDoc,
    /// The types to choose from, by name.
    pub options: Vec<NameRef>,
}
