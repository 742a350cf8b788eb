//! The validate stage: semantic checks on the resolved model.
//!
//! Input: a `mim::Model` (names already resolved by `mim::build`).
//! Output: every problem found, as located diagnostics; errors make the model unusable,
//! warnings are shown and generation goes on.
//! Not here: checks of the API profile against the model (see `profile`), and anything
//! the readers already refuse (syntax, unknown keys, unknown names).

use std::collections::HashSet;

use crate::location::Diagnostic;
use crate::mim::{Model, TypeRef};

/// Checks a model; returns every problem found.
pub fn validate(model: &Model) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    if model.objecttypes.is_empty() {
        let message = "the model has no objecttypes; there is nothing to make an API of";
        diags.push(Diagnostic::error(model.element.at.clone(), &model.element.name, message));
    }
    generalisation_cycles(model, &mut diags);
    keys_and_attributes(model, &mut diags);
    datatype_cycles(model, &mut diags);
    group_cycles(model, &mut diags);
    relations(model, &mut diags);
    lists(model, &mut diags);
    diags
}

fn generalisation_cycles(model: &Model, diags: &mut Vec<Diagnostic>) {
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

fn keys_and_attributes(model: &Model, diags: &mut Vec<Diagnostic>) {
    for objecttype in &model.objecttypes {
        for attribute in &objecttype.attributes {
            let path = format!("{}.{}", objecttype.element.name, attribute.element.name);
            if attribute.identifying && attribute.cardinality != crate::mim::Cardinality::ONE {
                let message = format!(
                    "an identifying attribute must have cardinality 1, not {}",
                    attribute.cardinality
                );
                diags.push(Diagnostic::error(attribute.element.at.clone(), path.clone(), message));
            }
            if attribute.cardinality.max == Some(0) {
                let message = "cardinality with maximum 0 allows no value at all";
                diags.push(Diagnostic::error(attribute.element.at.clone(), path, message));
            }
        }
    }
}

fn datatype_cycles(model: &Model, diags: &mut Vec<Diagnostic>) {
    for (idx, datatype) in model.datatypes.iter().enumerate() {
        let mut current = datatype.base;
        let mut steps = 0;
        while let TypeRef::Datatype(next) = current {
            if next == idx || steps > model.datatypes.len() {
                let message = "datatype cycle: this datatype is based on itself";
                diags.push(Diagnostic::error(
                    datatype.element.at.clone(),
                    &datatype.element.name,
                    message,
                ));
                break;
            }
            current = model.datatypes[next].base;
            steps += 1;
        }
        if matches!(datatype.base, TypeRef::Gegevensgroeptype(_) | TypeRef::Keuze(_)) {
            let message = "a primitive datatype must be based on a primitive or another datatype";
            diags.push(Diagnostic::error(
                datatype.element.at.clone(),
                &datatype.element.name,
                message,
            ));
        }
    }
}

fn group_cycles(model: &Model, diags: &mut Vec<Diagnostic>) {
    for (idx, group) in model.gegevensgroeptypen.iter().enumerate() {
        let mut stack = vec![idx];
        let mut seen = HashSet::new();
        while let Some(current) = stack.pop() {
            for attribute in &model.gegevensgroeptypen[current].attributes {
                if let TypeRef::Gegevensgroeptype(inner) = attribute.type_ref {
                    if inner == idx {
                        let message = "gegevensgroeptype contains itself";
                        diags.push(Diagnostic::error(
                            group.element.at.clone(),
                            &group.element.name,
                            message,
                        ));
                        stack.clear();
                        break;
                    }
                    if seen.insert(inner) {
                        stack.push(inner);
                    }
                }
            }
        }
    }
}

fn relations(model: &Model, diags: &mut Vec<Diagnostic>) {
    let mut seen = HashSet::new();
    for relation in &model.relatiesoorten {
        let key = (relation.source, relation.element.name.as_str(), relation.target);
        if !seen.insert(key) {
            let message = "a relation with this source, name and target is already defined";
            diags.push(Diagnostic::error(
                relation.element.at.clone(),
                model.relation_path(relation),
                message,
            ));
        }
        for (end, cardinality) in
            [("target", relation.cardinality), ("source", relation.source_cardinality)]
        {
            if cardinality.max == Some(0) {
                let message =
                    format!("{end}-end cardinality with maximum 0 allows no related object");
                diags.push(Diagnostic::error(
                    relation.element.at.clone(),
                    model.relation_path(relation),
                    message,
                ));
            }
        }
    }
}

fn lists(model: &Model, diags: &mut Vec<Diagnostic>) {
    for enumeratie in &model.enumeraties {
        if enumeratie.values.is_empty() {
            let message = "enumeratie without values";
            diags.push(Diagnostic::error(
                enumeratie.element.at.clone(),
                &enumeratie.element.name,
                message,
            ));
        }
        let mut seen = HashSet::new();
        for value in &enumeratie.values {
            if !seen.insert(value.element.name.as_str()) {
                let path = format!("{}.{}", enumeratie.element.name, value.element.name);
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
