//! The validate stage: semantic checks on the resolved model.
//!
//! Input: a `mim::Model` (names resolved by `mim::build`, unresolved ones replaced by
//! placeholders, so validation can run even when building found errors).
//! Output: every problem found, as located diagnostics; errors make the model unusable,
//! warnings are shown and generation goes on.
//! Not here: checks of the API profile against the model (see `profile`), checks of the
//! names an API derives (see `pattern`), and anything the readers already refuse (syntax,
//! unknown keys, unknown names).

use std::collections::HashSet;

use crate::location::{Diagnostic, Location};
use crate::mim::{Attribuutsoort, Cardinality, Model, TypeRef};

/// Checks a model; returns every problem found.
pub fn validate(model: &Model) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    if model.objecttypes.is_empty() {
        let message = "the model has no objecttypes; there is nothing to make an API of";
        diags.push(Diagnostic::error(model.element.at.clone(), &model.element.name, message));
    }
    generalisation(model, &mut diags);
    attributes(model, &mut diags);
    type_cycles(model, &mut diags);
    datatypes(model, &mut diags);
    relations(model, &mut diags);
    lists(model, &mut diags);
    diags
}

fn generalisation(model: &Model, diags: &mut Vec<Diagnostic>) {
    for (idx, objecttype) in model.objecttypes.iter().enumerate() {
        // Walk up from each direct supertype; reaching `idx` again is a cycle.
        let mut stack: Vec<usize> = objecttype.supertypes.clone();
        let mut seen = HashSet::new();
        while let Some(current) = stack.pop() {
            if current == idx {
                let message = "generalisation cycle: this objecttype is its own supertype";
                diags.push(Diagnostic::error(
                    objecttype.element.at.clone(),
                    &objecttype.element.name,
                    message,
                ));
                break;
            }
            if seen.insert(current) {
                stack.extend(model.objecttypes[current].supertypes.iter().copied());
            }
        }
        if objecttype.is_abstract && model.subtypes(idx).is_empty() {
            let message = "abstract objecttype without subtypes; it can have no instances";
            diags.push(Diagnostic::warning(
                objecttype.element.at.clone(),
                &objecttype.element.name,
                message,
            ));
        }
    }
}

/// Every owner of attributes with its name: objecttypes, groups and referentielijsten.
fn attribute_owners(model: &Model) -> Vec<(&str, &[Attribuutsoort])> {
    let objecttypes =
        model.objecttypes.iter().map(|ot| (ot.element.name.as_str(), ot.attributes.as_slice()));
    let groups = model
        .gegevensgroeptypen
        .iter()
        .map(|group| (group.element.name.as_str(), group.attributes.as_slice()));
    let lists = model
        .referentielijsten
        .iter()
        .map(|list| (list.element.name.as_str(), list.elements.as_slice()));
    objecttypes.chain(groups).chain(lists).collect()
}

fn attributes(model: &Model, diags: &mut Vec<Diagnostic>) {
    for (owner, attributes) in attribute_owners(model) {
        for attribute in attributes {
            let path = format!("{owner}.{}", attribute.element.name);
            let at = &attribute.element.at;
            if attribute.identifying && attribute.cardinality != Cardinality::ONE {
                let message = format!(
                    "an identifying attribute must have cardinality 1, not {}",
                    attribute.cardinality
                );
                diags.push(Diagnostic::error(at.clone(), path.clone(), message));
            }
            if attribute.identifying && attribute.mogelijk_geen_waarde {
                let message = "an identifying attribute must always have a value";
                diags.push(Diagnostic::error(at.clone(), path.clone(), message));
            }
            if attribute.cardinality.max == Some(0) {
                let message = "cardinality with maximum 0 allows no value at all";
                diags.push(Diagnostic::error(at.clone(), path.clone(), message));
            }
            constraints(attribute.length, attribute.pattern.as_deref(), at, &path, diags);
        }
    }
}

/// Checks a length and a regular expression wherever they are given.
fn constraints(
    length: Option<u32>,
    pattern: Option<&str>,
    at: &Location,
    path: &str,
    diags: &mut Vec<Diagnostic>,
) {
    if length == Some(0) {
        diags.push(Diagnostic::error(
            at.clone(),
            path,
            "length 0 allows no value; give at least 1",
        ));
    }
    if let Some(pattern) = pattern
        && let Err(error) = regex_syntax::Parser::new().parse(pattern)
    {
        let reason = error.to_string().lines().last().unwrap_or_default().to_string();
        let message = format!("`{pattern}` is not a regular expression: {reason}");
        diags.push(Diagnostic::error(at.clone(), path, message));
    }
}

/// Types that contain themselves, through datatype bases, keuze options, group members or
/// referentielijst elements, have no finite value.
fn type_cycles(model: &Model, diags: &mut Vec<Diagnostic>) {
    let contained = |type_ref: TypeRef| -> Vec<TypeRef> {
        let members =
            |attributes: &[Attribuutsoort]| attributes.iter().map(|a| a.type_ref).collect();
        match type_ref {
            TypeRef::Primitive(_) | TypeRef::Enumeratie(_) | TypeRef::Codelijst(_) => Vec::new(),
            TypeRef::Datatype(idx) => vec![model.datatypes[idx].base],
            TypeRef::Keuze(idx) => model.keuzes[idx].options.clone(),
            TypeRef::Gegevensgroeptype(idx) => members(&model.gegevensgroeptypen[idx].attributes),
            TypeRef::Referentielijst(idx) => members(&model.referentielijsten[idx].elements),
        }
    };
    let all = (0..model.datatypes.len())
        .map(TypeRef::Datatype)
        .chain((0..model.keuzes.len()).map(TypeRef::Keuze))
        .chain((0..model.gegevensgroeptypen.len()).map(TypeRef::Gegevensgroeptype))
        .chain((0..model.referentielijsten.len()).map(TypeRef::Referentielijst));
    for start in all {
        // Depth-first from `start`; a path that comes back to it is a cycle.
        let mut stack: Vec<(TypeRef, Vec<TypeRef>)> = vec![(start, vec![start])];
        let mut seen = HashSet::new();
        while let Some((current, trail)) = stack.pop() {
            for next in contained(current) {
                if next == start {
                    let names: Vec<&str> =
                        trail.iter().chain([&start]).map(|t| model.type_name(*t)).collect();
                    let message = format!("type cycle: {}", names.join(" → "));
                    let element = element_of(model, start);
                    diags.push(Diagnostic::error(element.1.clone(), element.0, message));
                    stack.clear();
                    break;
                }
                if seen.insert(next) {
                    let mut longer = trail.clone();
                    longer.push(next);
                    stack.push((next, longer));
                }
            }
        }
    }
}

fn element_of(model: &Model, type_ref: TypeRef) -> (&str, &Location) {
    let element = match type_ref {
        TypeRef::Datatype(idx) => &model.datatypes[idx].element,
        TypeRef::Keuze(idx) => &model.keuzes[idx].element,
        TypeRef::Gegevensgroeptype(idx) => &model.gegevensgroeptypen[idx].element,
        TypeRef::Referentielijst(idx) => &model.referentielijsten[idx].element,
        TypeRef::Enumeratie(idx) => &model.enumeraties[idx].element,
        TypeRef::Codelijst(idx) => &model.codelijsten[idx].element,
        TypeRef::Primitive(_) => &model.element,
    };
    (element.name.as_str(), &element.at)
}

fn datatypes(model: &Model, diags: &mut Vec<Diagnostic>) {
    for datatype in &model.datatypes {
        let (name, at) = (&datatype.element.name, &datatype.element.at);
        if !matches!(datatype.base, TypeRef::Primitive(_) | TypeRef::Datatype(_)) {
            let message = format!(
                "a primitive datatype must be based on a MIM primitive or another datatype, not on `{}`",
                model.type_name(datatype.base)
            );
            diags.push(Diagnostic::error(at.clone(), name, message));
        }
        constraints(datatype.length, datatype.pattern.as_deref(), at, name, diags);
    }
    for keuze in &model.keuzes {
        let (name, at) = (&keuze.element.name, &keuze.element.at);
        match keuze.options.len() {
            0 => diags.push(Diagnostic::error(at.clone(), name, "keuze without options")),
            1 => diags.push(Diagnostic::warning(at.clone(), name, "keuze with one option")),
            _ => {}
        }
    }
}

fn relations(model: &Model, diags: &mut Vec<Diagnostic>) {
    let mut seen = HashSet::new();
    for relation in &model.relatiesoorten {
        let path = model.relation_path(relation);
        let key = (relation.source, relation.element.name.as_str(), relation.target);
        if !seen.insert(key) {
            let message = "a relation with this source, name and target is already defined";
            diags.push(Diagnostic::error(relation.element.at.clone(), path.clone(), message));
        }
        let ends = [("target", relation.cardinality), ("source", relation.source_cardinality)];
        for (end, cardinality) in ends {
            if cardinality.max == Some(0) {
                let message =
                    format!("{end}-end cardinality with maximum 0 allows no related object");
                diags.push(Diagnostic::error(relation.element.at.clone(), path.clone(), message));
            }
        }
    }
}

fn lists(model: &Model, diags: &mut Vec<Diagnostic>) {
    for enumeratie in &model.enumeraties {
        let (name, at) = (&enumeratie.element.name, &enumeratie.element.at);
        if enumeratie.values.is_empty() {
            diags.push(Diagnostic::error(at.clone(), name, "enumeratie without values"));
        }
        let mut seen = HashSet::new();
        for value in &enumeratie.values {
            if !seen.insert(value.element.name.as_str()) {
                let path = format!("{name}.{}", value.element.name);
                diags.push(Diagnostic::error(value.element.at.clone(), path, "value given twice"));
            }
        }
    }
    for list in &model.referentielijsten {
        if list.elements.is_empty() {
            let message = "referentielijst without elements";
            diags.push(Diagnostic::error(list.element.at.clone(), &list.element.name, message));
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::read::yaml_model;

    fn diagnostics(packages: &str) -> String {
        let text = format!(
            "format: patroon-model/1\nmodel:\n  name: T\npackages:\n  - name: P\n{packages}"
        );
        let doc = yaml_model::parse(&text, &Arc::from("t.yaml")).unwrap();
        let (model, mut diags) = crate::mim::build(&doc);
        diags.extend(validate(&model));
        crate::location::Diagnostics(diags).to_string()
    }

    const OBJECTTYPE: &str = "    objecttypes:\n      - name: A\n        attributes:\n          - name: X\n            type: K\n";

    #[test]
    fn keuze_that_contains_itself_is_a_cycle() {
        let shown = diagnostics(&format!(
            "{OBJECTTYPE}    keuzes:\n      - name: K\n        options: [K, CharacterString]\n"
        ));
        assert!(shown.contains("`K`: type cycle: K → K"), "{shown}");
    }

    #[test]
    fn referentielijst_keyed_by_itself_through_a_datatype_is_a_cycle() {
        let packages = "    objecttypes:\n      - name: A\n        attributes:\n          - name: X\n            type: Taal\n    datatypes:\n      - name: Code\n        base: Taal\n    referentielijsten:\n      - name: Taal\n        elements:\n          - name: Code\n            type: Code\n            identifying: true\n";
        let shown = diagnostics(packages);
        assert!(shown.contains("type cycle: Code → Taal → Code"), "{shown}");
        assert!(
            shown.contains("must be based on a MIM primitive or another datatype, not on `Taal`"),
            "{shown}"
        );
    }

    #[test]
    fn bad_constraints_and_empty_keuze_are_refused() {
        let packages = format!(
            "{OBJECTTYPE}            length: 0\n            pattern: '[a-'\n    keuzes:\n      - name: K\n        options: []\n"
        );
        let shown = diagnostics(&packages);
        assert!(shown.contains("length 0 allows no value"), "{shown}");
        assert!(shown.contains("`[a-` is not a regular expression"), "{shown}");
        assert!(shown.contains("keuze without options"), "{shown}");
    }
}
