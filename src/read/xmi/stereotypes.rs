//! The stereotype table: which MIM kind an exported stereotype stands for.
//!
//! Input: stereotype names as a file spells them (any case, spaces or not).
//! Output: the MIM kind of a classifier, the role of an attribute, or that a stereotype
//! is known but carries no kind (profile markers), or unknown (the caller warns).
//! Not here: reading stereotypes from XML (`uml13`, `uml2`).
//!
//! Names are compared after lowercasing and removing spaces, `_` and `-`, so
//! `Gestructureerd datatype`, `gestructureerdDatatype` and `GESTRUCTUREERD_DATATYPE` match.
//!
//! | Stereotype (MIM 1.0–1.2, older NEN3610/IMGeo/KKG, UML/EA)         | Becomes |
//! |---|---|
//! | Objecttype, featureType, objecttype, table                          | Objecttype |
//! | Gegevensgroeptype, groepattribuuttype                               | Gegevensgroeptype |
//! | Gestructureerd datatype, Complex datatype, dataType, Datatype, Union datatype (with attributes) | Gestructureerd datatype (a gegevensgroeptype) |
//! | Primitief datatype, primitive, Datatype (without attributes)        | Primitief datatype |
//! | Enumeratie, enumeration, enumeratietype                             | Enumeratie |
//! | Referentielijst, referentielijsttype                                | Referentielijst |
//! | Codelijst, codeList (with values: Enumeratie)                       | Codelijst |
//! | Keuze, Union, Constructie                                           | Keuze |
//! | Relatieklasse                                                       | Relatieklasse (an objecttype) |
//! | Extern, Interface, View                                             | external type |
//! | Attribuutsoort, attribuuttype, column, Data element, Referentie element, Datatype (on an attribute), Union element, Keuze element, Keuze (on an attribute) | attribute |
//! | Gegevensgroep, groepattribuut, groepattribuuttype (on an attribute) | attribute (its type is a gegevensgroeptype) |
//! | formeleHistorie, materieleHistorie, referentielijst, FK (on an attribute) | known markers of an attribute |
//! | identificatie, PK, id                                               | identifying attribute |
//! | voidable                                                            | Mogelijk geen waarde |
//! | Enumeratiewaarde, enum, enumeratiewaarde                            | enumeration value |
//! | Relatiesoort, Relatierol, Keuze, FK, Generalisatie, static          | (relation and generalisation markers) |
//! | trace, Abstraction, Dependency                                      | ignored link |
//! | Informatiemodel, Basismodel, Applicatiemodel, applicationSchema     | the model package |
//! | Domein, View, Prullenbak, project, leaf, BGT, ADE, ADEElement, Geometrie, IMGeo, Metadata, invariant | known markers without a kind (Prullenbak: its contents are skipped) |

use crate::read::raw::Kind;

/// A stereotype name lowercased, without spaces, `_` and `-`.
pub fn normalise(name: &str) -> String {
    name.chars()
        .filter(|c| !c.is_whitespace() && *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

/// What a stereotype says about a classifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClassRole {
    /// It fixes the MIM kind.
    Kind(Kind),
    /// A structured datatype when it has attributes, a primitive one when not.
    Datatype,
    /// A codelijst, or an enumeratie when it lists values.
    Codelist,
    /// A known marker without a kind.
    Marker,
}

/// The meaning of a classifier stereotype; `None` when unknown.
pub fn class_role(name: &str) -> Option<ClassRole> {
    let role = match normalise(name).as_str() {
        "objecttype" | "featuretype" | "table" | "entiteittype" => {
            ClassRole::Kind(Kind::Objecttype)
        }
        "gegevensgroeptype" | "groepattribuuttype" => ClassRole::Kind(Kind::Gegevensgroeptype),
        "gestructureerddatatype" | "complexdatatype" | "uniondatatype" => {
            ClassRole::Kind(Kind::GestructureerdDatatype)
        }
        "datatype" => ClassRole::Datatype,
        "primitiefdatatype" | "primitive" | "primitivetype" => {
            ClassRole::Kind(Kind::PrimitiefDatatype)
        }
        "enumeratie" | "enumeration" | "enumeratietype" => ClassRole::Kind(Kind::Enumeratie),
        "referentielijst" | "referentielijsttype" => ClassRole::Kind(Kind::Referentielijst),
        "codelijst" | "codelist" => ClassRole::Codelist,
        "keuze" | "union" | "constructie" => ClassRole::Kind(Kind::Keuze),
        "relatieklasse" => ClassRole::Kind(Kind::Relatieklasse),
        "extern" | "interface" => ClassRole::Kind(Kind::Extern),
        "bgt" | "ade" | "adeelement" | "geometrie" | "imgeo" | "metadata" | "invariant"
        | "leaf" | "entity" => ClassRole::Marker,
        _ => return None,
    };
    Some(role)
}

/// What a stereotype says about an attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AttributeRole {
    /// A plain attribute (or gegevensgroep, data element, referentie-element, option).
    Plain,
    /// Part of the key.
    Identifying,
    /// MIM Mogelijk geen waarde.
    Voidable,
    /// An enumeration value.
    Value,
    /// A known marker without meaning here.
    Marker,
}

/// The meaning of an attribute stereotype; `None` when unknown.
pub fn attribute_role(name: &str) -> Option<AttributeRole> {
    let role = match normalise(name).as_str() {
        "attribuutsoort" | "attribuuttype" | "attribute" | "column" | "dataelement"
        | "referentieelement" | "datatype" | "unionelement" | "keuzeelement" | "gegevensgroep"
        | "groepattribuut" | "groepattribuuttype" | "relatierol" | "keuze" => AttributeRole::Plain,
        "identificatie" | "pk" | "id" => AttributeRole::Identifying,
        "voidable" => AttributeRole::Voidable,
        "enumeratiewaarde" | "enum" | "enumerationliteral" => AttributeRole::Value,
        "fk" | "referentielijst" | "bgt" | "ade" | "adeelement" | "geometrie" | "imgeo"
        | "formelehistorie" | "materielehistorie" => AttributeRole::Marker,
        _ => return None,
    };
    Some(role)
}

/// Whether a stereotype on an association or generalisation is known.
pub fn is_known_link(name: &str) -> bool {
    matches!(
        normalise(name).as_str(),
        "relatiesoort"
            | "relatierol"
            | "fk"
            | "generalisatie"
            | "static"
            | "voidable"
            | "association"
            | "aggregation"
            | "composition"
            | "bgt"
            | "ade"
    )
}

/// Whether a stereotype marks a link that is not a relation (`«trace»`, dependencies).
pub fn is_ignored_link(name: &str) -> bool {
    matches!(
        normalise(name).as_str(),
        "trace" | "abstraction" | "dependency" | "realisation" | "realization" | "import"
    )
}

/// What a stereotype says about a package.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PackageRole {
    /// The package that is the information model itself.
    Model,
    /// A package of external types.
    Extern,
    /// A recycle bin: its contents are not part of the model.
    Trash,
    /// A known marker (domein, view, …).
    Marker,
}

/// The meaning of a package stereotype; `None` when unknown.
pub fn package_role(name: &str) -> Option<PackageRole> {
    let role = match normalise(name).as_str() {
        "informatiemodel" | "basismodel" | "applicatiemodel" | "applicationschema"
        | "applicationmodel" => PackageRole::Model,
        "extern" => PackageRole::Extern,
        "prullenbak" => PackageRole::Trash,
        "domein" | "view" | "project" | "leaf" | "bgt" | "ade" | "imgeo" | "package" => {
            PackageRole::Marker
        }
        _ => return None,
    };
    Some(role)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_are_matched_without_case_and_spaces() {
        assert_eq!(class_role("Objecttype"), Some(ClassRole::Kind(Kind::Objecttype)));
        assert_eq!(class_role("featureType"), Some(ClassRole::Kind(Kind::Objecttype)));
        let structured = Some(ClassRole::Kind(Kind::GestructureerdDatatype));
        assert_eq!(class_role("Gestructureerd datatype"), structured);
        assert_eq!(class_role("GESTRUCTUREERD_DATATYPE"), structured);
        assert_eq!(class_role("dataType"), Some(ClassRole::Datatype));
        assert_eq!(class_role("enumeration"), class_role("Enumeratie"));
        assert_eq!(class_role("Zeppelin"), None);
    }

    #[test]
    fn attribute_and_link_stereotypes() {
        assert_eq!(attribute_role("identificatie"), Some(AttributeRole::Identifying));
        assert_eq!(attribute_role("voidable"), Some(AttributeRole::Voidable));
        assert_eq!(attribute_role("Enum"), Some(AttributeRole::Value));
        assert!(is_ignored_link("trace"));
        assert!(is_known_link("Relatiesoort"));
        assert_eq!(package_role("Prullenbak"), Some(PackageRole::Trash));
    }
}
