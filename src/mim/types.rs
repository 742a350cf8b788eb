//! The MIM element types of the intermediate representation.
//!
//! Input: none; these are plain data filled by `mim::build`.
//! Output: `Model` and its elements, with lookups used by validation and the patterns.
//! Not here: resolution and checks; MIM features no reader produces yet (Relatieklasse,
//! Externe koppeling) are absent rather than half-modelled.

use std::fmt;

use indexmap::IndexMap;

use crate::location::Location;

/// What every named model element has.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Element {
    /// The name as the model spells it.
    pub name: String,
    /// MIM definition.
    pub definition: Option<String>,
    /// MIM Toelichting.
    pub notes: Option<String>,
    /// MIM Herkomst.
    pub herkomst: Option<String>,
    /// Other tagged values, kept but not interpreted.
    pub tags: IndexMap<String, String>,
    /// Where the element is written.
    pub at: Location,
}

/// How many: a minimum and an optional maximum (`None` is `*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Cardinality {
    /// The lower bound.
    pub min: u32,
    /// The upper bound; `None` means unbounded.
    pub max: Option<u32>,
}

impl Cardinality {
    /// Exactly one.
    pub const ONE: Cardinality = Cardinality { min: 1, max: Some(1) };
    /// Zero or one.
    pub const OPTIONAL: Cardinality = Cardinality { min: 0, max: Some(1) };
    /// Zero or more.
    pub const MANY: Cardinality = Cardinality { min: 0, max: None };

    /// Parses `1`, `0..1`, `0..*`, `1..*`, `*`, `2..5` (spaces around `..` allowed).
    pub fn parse(text: &str) -> Option<Cardinality> {
        let text = text.trim();
        let bound = |part: &str| -> Option<Option<u32>> {
            match part.trim() {
                "*" | "n" => Some(None),
                number => number.parse::<u32>().ok().map(Some),
            }
        };
        match text.split_once("..") {
            Some((low, high)) => {
                let min = bound(low)??;
                let max = bound(high)?;
                Some(Cardinality { min, max })
            }
            None if text == "*" => Some(Cardinality::MANY),
            None => {
                let exact = text.parse::<u32>().ok()?;
                Some(Cardinality { min: exact, max: Some(exact) })
            }
        }
    }

    /// Whether at least one is required.
    pub fn is_required(self) -> bool {
        self.min > 0
    }

    /// Whether more than one is allowed.
    pub fn is_many(self) -> bool {
        self.max.is_none_or(|max| max > 1)
    }
}

impl fmt::Display for Cardinality {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.max {
            Some(max) if max == self.min => write!(f, "{max}"),
            Some(max) => write!(f, "{}..{max}", self.min),
            None => write!(f, "{}..*", self.min),
        }
    }
}

/// The MIM primitive datatypes that need no declaration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Primitive {
    /// Text.
    CharacterString,
    /// Whole number.
    Integer,
    /// Floating-point number.
    Real,
    /// Exact decimal number.
    Decimal,
    /// Yes or no.
    Boolean,
    /// Calendar date.
    Date,
    /// Date with time of day.
    DateTime,
    /// A year.
    Year,
    /// A day of the month.
    Day,
    /// A month.
    Month,
    /// A web address.
    Uri,
}

impl Primitive {
    /// Every primitive with its MIM name.
    pub const ALL: [(&'static str, Primitive); 11] = [
        ("CharacterString", Primitive::CharacterString),
        ("Integer", Primitive::Integer),
        ("Real", Primitive::Real),
        ("Decimal", Primitive::Decimal),
        ("Boolean", Primitive::Boolean),
        ("Date", Primitive::Date),
        ("DateTime", Primitive::DateTime),
        ("Year", Primitive::Year),
        ("Day", Primitive::Day),
        ("Month", Primitive::Month),
        ("URI", Primitive::Uri),
    ];

    /// The primitive with this MIM name, if any.
    pub fn from_name(name: &str) -> Option<Primitive> {
        Primitive::ALL.iter().find(|(known, _)| *known == name).map(|(_, primitive)| *primitive)
    }

    /// The MIM name.
    pub fn name(self) -> &'static str {
        Primitive::ALL.iter().find(|(_, known)| *known == self).map_or("", |(name, _)| name)
    }
}

/// How an attribute or a datatype is typed, resolved to the element it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TypeRef {
    /// A MIM primitive used directly.
    Primitive(Primitive),
    /// A Primitief datatype, by index in `Model::datatypes`.
    Datatype(usize),
    /// An Enumeratie, by index in `Model::enumeraties`.
    Enumeratie(usize),
    /// A Referentielijst, by index in `Model::referentielijsten`.
    Referentielijst(usize),
    /// A Codelijst, by index in `Model::codelijsten`.
    Codelijst(usize),
    /// A Keuze, by index in `Model::keuzes`.
    Keuze(usize),
    /// A Gegevensgroeptype (the attribute is then a Gegevensgroep).
    Gegevensgroeptype(usize),
}

/// How a relation binds its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Aggregation {
    /// A plain association.
    #[default]
    None,
    /// A shared aggregation (UML "shared").
    Shared,
    /// A composition: the target is part of the source (MIM "Compositie").
    Composite,
}

impl Aggregation {
    /// The word used in model files.
    pub fn as_str(self) -> &'static str {
        match self {
            Aggregation::None => "none",
            Aggregation::Shared => "shared",
            Aggregation::Composite => "composite",
        }
    }
}

/// A MIM package (domain).
#[derive(Debug, Clone, PartialEq)]
pub struct Package {
    /// Name, definition and place.
    pub element: Element,
}

/// An Attribuutsoort, or a Gegevensgroep when its type is a gegevensgroeptype.
#[derive(Debug, Clone, PartialEq)]
pub struct Attribuutsoort {
    /// Name, definition and place.
    pub element: Element,
    /// The resolved type.
    pub type_ref: TypeRef,
    /// How many values.
    pub cardinality: Cardinality,
    /// Part of the unique key ({id}).
    pub identifying: bool,
    /// MIM "Mogelijk geen waarde": the value may be unknown.
    pub mogelijk_geen_waarde: bool,
    /// MIM "Indicatie afleidbaar": derived from other data.
    pub derived: bool,
    /// Maximum length, overriding the datatype's.
    pub length: Option<u32>,
    /// MIM "Formeel patroon": a regular expression.
    pub pattern: Option<String>,
    /// MIM "Patroon": the pattern in words.
    pub pattern_description: Option<String>,
}

/// A MIM Objecttype.
#[derive(Debug, Clone, PartialEq)]
pub struct Objecttype {
    /// Name, definition and place.
    pub element: Element,
    /// Index of the package it is in.
    pub package: usize,
    /// Whether it is abstract (only its subtypes have instances).
    pub is_abstract: bool,
    /// Direct supertypes, by index in `Model::objecttypes`.
    pub supertypes: Vec<usize>,
    /// Its own attributes, in model order (inherited ones not repeated).
    pub attributes: Vec<Attribuutsoort>,
}

/// A MIM Relatiesoort, directed from source to target.
#[derive(Debug, Clone, PartialEq)]
pub struct Relatiesoort {
    /// Name (the verb phrase), definition and place.
    pub element: Element,
    /// The objecttype that owns the relation.
    pub source: usize,
    /// The objecttype it points to.
    pub target: usize,
    /// Role name of the target end, when the model gives one.
    pub role: Option<String>,
    /// Target end: how many targets one source has.
    pub cardinality: Cardinality,
    /// Source end: how many sources one target has.
    pub source_cardinality: Cardinality,
    /// Association, aggregation or composition.
    pub aggregation: Aggregation,
}

/// A MIM Gegevensgroeptype: a group of attributes used inside objecttypes.
#[derive(Debug, Clone, PartialEq)]
pub struct Gegevensgroeptype {
    /// Name, definition and place.
    pub element: Element,
    /// Its attributes.
    pub attributes: Vec<Attribuutsoort>,
}

/// A MIM Primitief datatype.
#[derive(Debug, Clone, PartialEq)]
pub struct Datatype {
    /// Name, definition and place.
    pub element: Element,
    /// What it restricts: a primitive or another datatype.
    pub base: TypeRef,
    /// Maximum length.
    pub length: Option<u32>,
    /// MIM "Formeel patroon".
    pub pattern: Option<String>,
    /// MIM "Patroon" in words.
    pub pattern_description: Option<String>,
}

/// One value of an enumeratie.
#[derive(Debug, Clone, PartialEq)]
pub struct Enumeratiewaarde {
    /// Name (the value as the model gives it), definition and place.
    pub element: Element,
    /// The code, when the model gives one.
    pub code: Option<String>,
}

/// A MIM Enumeratie.
#[derive(Debug, Clone, PartialEq)]
pub struct Enumeratie {
    /// Name, definition and place.
    pub element: Element,
    /// The values, in model order.
    pub values: Vec<Enumeratiewaarde>,
}

/// A MIM Referentielijst: a list kept as data, with elements like attributes.
#[derive(Debug, Clone, PartialEq)]
pub struct Referentielijst {
    /// Name, definition and place.
    pub element: Element,
    /// MIM "Data locatie".
    pub location: Option<String>,
    /// The referentie-elementen.
    pub elements: Vec<Attribuutsoort>,
}

/// A MIM Codelijst: a list kept elsewhere, referred to by location.
#[derive(Debug, Clone, PartialEq)]
pub struct Codelijst {
    /// Name, definition and place.
    pub element: Element,
    /// Where the list is kept.
    pub location: Option<String>,
}

/// A MIM Keuze between datatypes.
#[derive(Debug, Clone, PartialEq)]
pub struct Keuze {
    /// Name, definition and place.
    pub element: Element,
    /// The types to choose from.
    pub options: Vec<TypeRef>,
}

/// A whole information model, every reference resolved.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Model {
    /// The model's own name, definition and place.
    pub element: Element,
    /// The model's version, when given.
    pub version: Option<String>,
    /// Packages (domains).
    pub packages: Vec<Package>,
    /// Objecttypes, in model order.
    pub objecttypes: Vec<Objecttype>,
    /// Relatiesoorten, in model order (grouped by source).
    pub relatiesoorten: Vec<Relatiesoort>,
    /// Gegevensgroeptypen.
    pub gegevensgroeptypen: Vec<Gegevensgroeptype>,
    /// Primitieve datatypen.
    pub datatypes: Vec<Datatype>,
    /// Enumeraties.
    pub enumeraties: Vec<Enumeratie>,
    /// Referentielijsten.
    pub referentielijsten: Vec<Referentielijst>,
    /// Codelijsten.
    pub codelijsten: Vec<Codelijst>,
    /// Keuzes.
    pub keuzes: Vec<Keuze>,
}

impl Model {
    /// The index of the objecttype with this name.
    pub fn objecttype_index(&self, name: &str) -> Option<usize> {
        self.objecttypes.iter().position(|objecttype| objecttype.element.name == name)
    }

    /// The direct subtypes of an objecttype, by index, in model order.
    pub fn subtypes(&self, objecttype: usize) -> Vec<usize> {
        (0..self.objecttypes.len())
            .filter(|idx| self.objecttypes[*idx].supertypes.contains(&objecttype))
            .collect()
    }

    /// An objecttype and all its supertypes, nearest first, each once.
    pub fn ancestors_and_self(&self, objecttype: usize) -> Vec<usize> {
        let mut seen = vec![objecttype];
        let mut idx = 0;
        while idx < seen.len() {
            for supertype in &self.objecttypes[seen[idx]].supertypes {
                if !seen.contains(supertype) {
                    seen.push(*supertype);
                }
            }
            idx += 1;
        }
        seen
    }

    /// The attributes of an objecttype including inherited ones, supertypes' first.
    pub fn all_attributes(&self, objecttype: usize) -> Vec<&Attribuutsoort> {
        let mut lineage = self.ancestors_and_self(objecttype);
        lineage.reverse();
        lineage.iter().flat_map(|idx| self.objecttypes[*idx].attributes.iter()).collect()
    }

    /// The relations whose source is this objecttype or one of its supertypes.
    pub fn all_relations(&self, objecttype: usize) -> Vec<&Relatiesoort> {
        let mut lineage = self.ancestors_and_self(objecttype);
        lineage.reverse();
        lineage
            .iter()
            .flat_map(|idx| self.relatiesoorten.iter().filter(move |rel| rel.source == *idx))
            .collect()
    }

    /// The name of the element a type reference points to.
    pub fn type_name(&self, type_ref: TypeRef) -> &str {
        match type_ref {
            TypeRef::Primitive(primitive) => primitive.name(),
            TypeRef::Datatype(idx) => &self.datatypes[idx].element.name,
            TypeRef::Enumeratie(idx) => &self.enumeraties[idx].element.name,
            TypeRef::Referentielijst(idx) => &self.referentielijsten[idx].element.name,
            TypeRef::Codelijst(idx) => &self.codelijsten[idx].element.name,
            TypeRef::Keuze(idx) => &self.keuzes[idx].element.name,
            TypeRef::Gegevensgroeptype(idx) => &self.gegevensgroeptypen[idx].element.name,
        }
    }

    /// The path of a relation in messages: `Source.name (Target)`.
    pub fn relation_path(&self, relation: &Relatiesoort) -> String {
        format!(
            "{}.{} ({})",
            self.objecttypes[relation.source].element.name,
            relation.element.name,
            self.objecttypes[relation.target].element.name
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cardinality_parses_the_usual_forms() {
        assert_eq!(Cardinality::parse("1"), Some(Cardinality::ONE));
        assert_eq!(Cardinality::parse("0..1"), Some(Cardinality::OPTIONAL));
        assert_eq!(Cardinality::parse("0 .. *"), Some(Cardinality::MANY));
        assert_eq!(Cardinality::parse("*"), Some(Cardinality::MANY));
        assert_eq!(Cardinality::parse("2..5"), Some(Cardinality { min: 2, max: Some(5) }));
        assert_eq!(Cardinality::parse("one"), None);
        assert_eq!(Cardinality::parse("*..1"), None);
    }

    #[test]
    fn cardinality_prints_back_the_same() {
        for text in ["1", "0..1", "0..*", "1..*", "2..5"] {
            assert_eq!(Cardinality::parse(text).unwrap().to_string(), text);
        }
    }
}
