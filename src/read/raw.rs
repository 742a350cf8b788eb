//! What a UML-style export says, keyed by its own ids: the meeting point of the XML readers.
//!
//! Input: filled by the XMI reader and the MIM serialisation reader.
//! Output: `RawModel`, which `resolve` turns into a `ModelDoc`.
//! Not here: deciding names, resolving ids, or anything about the XML they came from.

use crate::location::{Diagnostic, Location};
use crate::mim::{Aggregation, Cardinality};
use crate::read::doc::{ElementDoc, EnumValueDoc, ModelInfoDoc};

/// The MIM kind a classifier maps to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// MIM Objecttype.
    Objecttype,
    /// MIM Gegevensgroeptype.
    Gegevensgroeptype,
    /// MIM Gestructureerd datatype: kept as a gegevensgroeptype, the IR has no own kind.
    GestructureerdDatatype,
    /// MIM Primitief datatype.
    PrimitiefDatatype,
    /// MIM Enumeratie.
    Enumeratie,
    /// MIM Referentielijst.
    Referentielijst,
    /// MIM Codelijst.
    Codelijst,
    /// MIM Keuze.
    Keuze,
    /// MIM Relatieklasse: kept as an objecttype.
    Relatieklasse,
    /// A type defined outside the model (MIM Interface, «Extern»).
    Extern,
}

impl Kind {
    /// The MIM name of the kind, for messages and summaries.
    pub fn mim_name(self) -> &'static str {
        match self {
            Kind::Objecttype => "Objecttype",
            Kind::Gegevensgroeptype => "Gegevensgroeptype",
            Kind::GestructureerdDatatype => "Gestructureerd datatype",
            Kind::PrimitiefDatatype => "Primitief datatype",
            Kind::Enumeratie => "Enumeratie",
            Kind::Referentielijst => "Referentielijst",
            Kind::Codelijst => "Codelijst",
            Kind::Keuze => "Keuze",
            Kind::Relatieklasse => "Relatieklasse",
            Kind::Extern => "Interface",
        }
    }

    /// Whether elements of this kind have instances of their own (relation ends).
    pub fn is_objecttype(self) -> bool {
        matches!(self, Kind::Objecttype | Kind::Relatieklasse)
    }
}

/// A reference to a type: by id, by name, or both (the name is a fallback).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RawType {
    /// The id of the element referred to.
    pub id: Option<String>,
    /// The name written next to the id, or alone.
    pub name: Option<String>,
    /// Where the reference is written.
    pub at: Location,
}

/// A package with its place in the package tree.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RawPackage {
    /// The export's id.
    pub id: String,
    /// Name, documentation, tags.
    pub element: ElementDoc,
    /// The enclosing package, by index.
    pub parent: Option<usize>,
    /// Whether the package holds types defined elsewhere («Extern»).
    pub external: bool,
}

/// An attribute (or data element, referentie-element, keuze alternative).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RawAttribute {
    /// Name, documentation, tags.
    pub element: ElementDoc,
    /// Its type.
    pub type_ref: RawType,
    /// Its multiplicity, when given.
    pub cardinality: Option<Cardinality>,
    /// Part of the key.
    pub identifying: bool,
    /// MIM Mogelijk geen waarde.
    pub mogelijk_geen_waarde: bool,
    /// MIM Indicatie afleidbaar.
    pub derived: bool,
    /// MIM Lengte.
    pub length: Option<u32>,
    /// MIM Formeel patroon.
    pub pattern: Option<String>,
    /// MIM Patroon.
    pub pattern_description: Option<String>,
}

/// A classifier: anything that can be a type or an objecttype.
#[derive(Debug, Clone, PartialEq)]
pub struct RawClassifier {
    /// The export's id.
    pub id: String,
    /// Name, documentation, tags.
    pub element: ElementDoc,
    /// Its package, by index.
    pub package: usize,
    /// What it maps to.
    pub kind: Kind,
    /// Abstract.
    pub is_abstract: bool,
    /// Attributes, data elements, referentie-elementen or keuze alternatives.
    pub attributes: Vec<RawAttribute>,
    /// Enumeration values.
    pub values: Vec<EnumValueDoc>,
    /// MIM Data locatie / Locatie (codelijst, referentielijst).
    pub location: Option<String>,
    /// MIM Lengte (primitief datatype).
    pub length: Option<u32>,
    /// MIM Formeel patroon (primitief datatype).
    pub pattern: Option<String>,
    /// MIM Patroon (primitief datatype).
    pub pattern_description: Option<String>,
}

/// A relation between two classifiers, already oriented from source to target.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RawAssociation {
    /// Name, documentation, tags.
    pub element: ElementDoc,
    /// The owning end's type.
    pub source: RawType,
    /// The target end's type.
    pub target: RawType,
    /// Role name of the target end.
    pub role: Option<String>,
    /// Target end multiplicity.
    pub cardinality: Option<Cardinality>,
    /// Source end multiplicity.
    pub source_cardinality: Option<Cardinality>,
    /// Aggregation kind.
    pub aggregation: Aggregation,
    /// The id of the association class (Relatieklasse) that belongs to it.
    pub association_class: Option<String>,
}

/// A generalisation: `sub` is a specialisation of `sup`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RawGeneralization {
    /// The subtype's id.
    pub sub: String,
    /// The supertype.
    pub sup: RawType,
    /// Where the generalisation is written.
    pub at: Location,
}

/// A type known only by a stub (EA `EAStub`, MIM Interface).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RawExternal {
    /// The export's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Whether it is a class (an objecttype elsewhere) rather than a datatype.
    pub is_class: bool,
    /// Where the stub is written.
    pub at: Location,
    /// Where it came from, for the `extern` tag: `EAStub`, `Interface`.
    pub source: &'static str,
}

/// Everything a reader found, by id.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RawModel {
    /// The model's own name and description.
    pub info: ModelInfoDoc,
    /// Packages, parents before children.
    pub packages: Vec<RawPackage>,
    /// Classifiers in file order.
    pub classifiers: Vec<RawClassifier>,
    /// Associations in file order.
    pub associations: Vec<RawAssociation>,
    /// Generalisations in file order.
    pub generalizations: Vec<RawGeneralization>,
    /// Stubs for types outside the export.
    pub externals: Vec<RawExternal>,
    /// Warnings found while reading.
    pub diagnostics: Vec<Diagnostic>,
}
