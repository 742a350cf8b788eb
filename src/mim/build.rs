//! Resolves the names in a model document into the MIM IR.
//!
//! Input: a `ModelDoc` from any reader.
//! Output: the `Model` with every reference resolved, plus a diagnostic for each name that
//! does not resolve, each duplicate name and each reference to the wrong kind of element.
//! Not here: checks that need the resolved model (cycles, keys): see `validate`.

use std::collections::HashMap;

use crate::location::{Diagnostic, Location, suggest};
use crate::mim::types::*;
use crate::read::doc::*;

/// What a name in the model stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Named {
    Objecttype(usize),
    Type(TypeRef),
}

struct Scope {
    names: HashMap<String, Named>,
}

impl Scope {
    fn lookup(
        &self,
        name: &NameRef,
        kind: &str,
        path: &str,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Named> {
        // An empty name was already reported by the reader as a missing key.
        if name.name.is_empty() {
            return None;
        }
        if let Some(found) = self.names.get(&name.name) {
            return Some(*found);
        }
        if let Some(primitive) = Primitive::from_name(&name.name) {
            return Some(Named::Type(TypeRef::Primitive(primitive)));
        }
        let mut message = format!("unknown {kind} `{}`", name.name);
        let candidates = self
            .names
            .keys()
            .map(String::as_str)
            .chain(Primitive::ALL.iter().map(|(primitive, _)| *primitive));
        if let Some(close) = suggest(&name.name, candidates) {
            message.push_str(&format!("; did you mean `{close}`?"));
        }
        diags.push(Diagnostic::error(name.at.clone(), path, message));
        None
    }

    fn type_ref(&self, name: &NameRef, path: &str, diags: &mut Vec<Diagnostic>) -> TypeRef {
        match self.lookup(name, "type", path, diags) {
            Some(Named::Type(type_ref)) => type_ref,
            Some(Named::Objecttype(_)) => {
                let message = format!(
                    "`{}` is an objecttype, not a datatype; a link to an objecttype is a relation",
                    name.name
                );
                diags.push(Diagnostic::error(name.at.clone(), path, message));
                TypeRef::Primitive(Primitive::CharacterString)
            }
            None => TypeRef::Primitive(Primitive::CharacterString),
        }
    }

    fn objecttype(&self, name: &NameRef, path: &str, diags: &mut Vec<Diagnostic>) -> Option<usize> {
        match self.lookup(name, "objecttype", path, diags)? {
            Named::Objecttype(idx) => Some(idx),
            Named::Type(_) => {
                let message = format!("`{}` is not an objecttype", name.name);
                diags.push(Diagnostic::error(name.at.clone(), path, message));
                None
            }
        }
    }
}

fn element(doc: &ElementDoc) -> Element {
    Element {
        name: doc.name.clone(),
        definition: doc.definition.clone(),
        notes: doc.notes.clone(),
        herkomst: doc.herkomst.clone(),
        tags: doc.tags.clone(),
        at: doc.at.clone(),
    }
}

/// Registers every named element, reporting names given twice.
fn scope(doc: &ModelDoc, diags: &mut Vec<Diagnostic>) -> Scope {
    let mut names: HashMap<String, Named> = HashMap::new();
    let mut first_at: HashMap<String, Location> = HashMap::new();
    let mut counters = [0usize; 8];
    let mut add = |element: &ElementDoc, named: Named, diags: &mut Vec<Diagnostic>| {
        if let Some(earlier) = first_at.get(&element.name) {
            let message = format!("the name `{}` is also used at {earlier}", element.name);
            diags.push(Diagnostic::error(element.at.clone(), &element.name, message));
            return;
        }
        first_at.insert(element.name.clone(), element.at.clone());
        names.insert(element.name.clone(), named);
    };
    let mut next = |kind: usize| {
        counters[kind] += 1;
        counters[kind] - 1
    };
    for package in &doc.packages {
        for item in &package.objecttypes {
            add(&item.element, Named::Objecttype(next(0)), diags);
        }
        for item in &package.gegevensgroeptypen {
            add(&item.element, Named::Type(TypeRef::Gegevensgroeptype(next(1))), diags);
        }
        for item in &package.datatypes {
            add(&item.element, Named::Type(TypeRef::Datatype(next(2))), diags);
        }
        for item in &package.enumeraties {
            add(&item.element, Named::Type(TypeRef::Enumeratie(next(3))), diags);
        }
        for item in &package.referentielijsten {
            add(&item.element, Named::Type(TypeRef::Referentielijst(next(4))), diags);
        }
        for item in &package.codelijsten {
            add(&item.element, Named::Type(TypeRef::Codelijst(next(5))), diags);
        }
        for item in &package.keuzes {
            add(&item.element, Named::Type(TypeRef::Keuze(next(6))), diags);
        }
    }
    Scope { names }
}

fn attributes(
    docs: &[AttributeDoc],
    parent: &str,
    scope: &Scope,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Attribuutsoort> {
    let mut seen: HashMap<&str, &Location> = HashMap::new();
    docs.iter()
        .map(|doc| {
            let path = format!("{parent}.{}", doc.element.name);
            if let Some(earlier) = seen.insert(&doc.element.name, &doc.element.at) {
                let message =
                    format!("attribute `{}` is also defined at {earlier}", doc.element.name);
                diags.push(Diagnostic::error(doc.element.at.clone(), &path, message));
            }
            Attribuutsoort {
                element: element(&doc.element),
                type_ref: scope.type_ref(&doc.type_name, &path, diags),
                cardinality: doc.cardinality.unwrap_or(Cardinality::ONE),
                identifying: doc.identifying,
                mogelijk_geen_waarde: doc.mogelijk_geen_waarde,
                derived: doc.derived,
                length: doc.length,
                pattern: doc.pattern.clone(),
                pattern_description: doc.pattern_description.clone(),
            }
        })
        .collect()
}

/// Builds the IR from a document; the model is usable only if no diagnostic is an error.
pub fn build(doc: &ModelDoc) -> (Model, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let scope = scope(doc, &mut diags);
    let mut model = Model {
        element: element(&doc.model.element),
        version: doc.model.version.clone(),
        ..Model::default()
    };

    for (package_idx, package) in doc.packages.iter().enumerate() {
        model.packages.push(Package { element: element(&package.element) });
        for item in &package.objecttypes {
            let name = &item.element.name;
            let supertypes = item
                .supertypes
                .iter()
                .filter_map(|supertype| scope.objecttype(supertype, name, &mut diags))
                .collect();
            model.objecttypes.push(Objecttype {
                element: element(&item.element),
                package: package_idx,
                is_abstract: item.is_abstract,
                supertypes,
                attributes: attributes(&item.attributes, name, &scope, &mut diags),
            });
        }
        for item in &package.gegevensgroeptypen {
            let name = &item.element.name;
            model.gegevensgroeptypen.push(Gegevensgroeptype {
                element: element(&item.element),
                attributes: attributes(&item.attributes, name, &scope, &mut diags),
            });
        }
        for item in &package.datatypes {
            model.datatypes.push(Datatype {
                element: element(&item.element),
                base: scope.type_ref(&item.base, &item.element.name, &mut diags),
                length: item.length,
                pattern: item.pattern.clone(),
                pattern_description: item.pattern_description.clone(),
            });
        }
        for item in &package.enumeraties {
            let values = item
                .values
                .iter()
                .map(|value| Enumeratiewaarde {
                    element: element(&value.element),
                    code: value.code.clone(),
                })
                .collect();
            model.enumeraties.push(Enumeratie { element: element(&item.element), values });
        }
        for item in &package.referentielijsten {
            let name = &item.element.name;
            model.referentielijsten.push(Referentielijst {
                element: element(&item.element),
                location: item.location.clone(),
                elements: attributes(&item.elements, name, &scope, &mut diags),
            });
        }
        for item in &package.codelijsten {
            model.codelijsten.push(Codelijst {
                element: element(&item.element),
                location: item.location.clone(),
            });
        }
        for item in &package.keuzes {
            let name = &item.element.name;
            let options = item
                .options
                .iter()
                .map(|option| scope.type_ref(option, name, &mut diags))
                .collect();
            model.keuzes.push(Keuze { element: element(&item.element), options });
        }
    }

    // Relations last: their targets may be declared after their sources.
    let mut source_idx = 0;
    for package in &doc.packages {
        for item in &package.objecttypes {
            for relation in &item.relations {
                let path = format!("{}.{}", item.element.name, relation.element.name);
                let Some(target) = scope.objecttype(&relation.target, &path, &mut diags) else {
                    continue;
                };
                model.relatiesoorten.push(Relatiesoort {
                    element: element(&relation.element),
                    source: source_idx,
                    target,
                    role: relation.role.clone(),
                    cardinality: relation.cardinality.unwrap_or(Cardinality::OPTIONAL),
                    source_cardinality: relation.source_cardinality.unwrap_or(Cardinality::MANY),
                    aggregation: relation.aggregation,
                });
            }
            source_idx += 1;
        }
    }
    (model, diags)
}
