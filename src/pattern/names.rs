//! The API names of a model, decided once for every pattern: component schema names and
//! path segments that are unique, and the roles of objecttypes.
//!
//! Input: the resolved model and the profile.
//! Output: `Names`: a schema name and (where one is needed) a plural path segment per
//! objecttype, enumeratie, gegevensgroeptype and referentielijst, with a warning for every
//! name that had to be numbered to stay apart from another, and an error for every name
//! that gives no API name at all; and `Role` per objecttype.
//! Not here: property names, which are unique per object (see `common`).

use std::collections::HashSet;

use crate::location::Diagnostic;
use crate::mim::{Element, Model};
use crate::pattern::naming::{kebab, plural, schema_name};
use crate::profile::Profile;

/// Component schema names patroon itself uses.
pub const BUILT_IN: [&str; 6] =
    ["Fout", "ValidatieFout", "FieldValidationError", "Verwijzing", "HalLink", "HalCollectieLinks"];

/// How the patterns derive further schema names from a base name (prefix, suffix).
const DERIVED: [(&str, &str); 10] = [
    ("", ""),
    ("Patched", ""),
    ("Paginated", "List"),
    ("", "Links"),
    ("", "Hal"),
    ("", "HalLinks"),
    ("", "HalPatch"),
    ("", "HalIngebed"),
    ("", "HalEmbedded"),
    ("", "HalCollectie"),
];

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

/// The names and roles of one model in the API.
#[derive(Debug, Clone, Default)]
pub struct Names {
    /// Schema name per objecttype.
    pub objecttypes: Vec<String>,
    /// Path segment per objecttype.
    pub objecttype_segments: Vec<String>,
    /// Schema name per enumeratie.
    pub enumeraties: Vec<String>,
    /// Schema name per gegevensgroeptype.
    pub groups: Vec<String>,
    /// Schema name per referentielijst.
    pub lists: Vec<String>,
    /// Path segment per referentielijst.
    pub list_segments: Vec<String>,
    /// Role per objecttype.
    pub roles: Vec<Role>,
    /// The abstract root that serves each objecttype's family, if any.
    pub roots: Vec<Option<usize>>,
    /// Warnings about renumbered names, errors about names that give no API name.
    pub diagnostics: Vec<Diagnostic>,
}

impl Names {
    /// Decides every name and role of the model.
    pub fn new(model: &Model, profile: &Profile) -> Names {
        let mut names = Names::default();
        let mut taken: HashSet<String> = BUILT_IN.iter().map(|name| name.to_string()).collect();
        let mut segments: HashSet<String> = HashSet::new();

        for objecttype in &model.objecttypes {
            let schema = names.unique_schema(&objecttype.element, &mut taken);
            let segment = names.unique_segment(&objecttype.element, profile, &mut segments);
            names.objecttypes.push(schema);
            names.objecttype_segments.push(segment);
        }
        for list in &model.referentielijsten {
            let schema = names.unique_schema(&list.element, &mut taken);
            let segment = names.unique_segment(&list.element, profile, &mut segments);
            names.lists.push(schema);
            names.list_segments.push(segment);
        }
        for enumeratie in &model.enumeraties {
            let schema = names.unique_schema(&enumeratie.element, &mut taken);
            names.enumeraties.push(schema);
        }
        for group in &model.gegevensgroeptypen {
            let schema = names.unique_schema(&group.element, &mut taken);
            names.groups.push(schema);
        }
        names.roles(model, profile);
        names
    }

    /// A schema name for an element whose derived names clash with no name taken so far.
    fn unique_schema(&mut self, element: &Element, taken: &mut HashSet<String>) -> String {
        let base = schema_name(&element.name);
        if base.is_empty() {
            self.no_api_name(element);
            return format!("Element{}", taken.len());
        }
        let free = |candidate: &str, taken: &HashSet<String>| {
            DERIVED
                .iter()
                .all(|(prefix, suffix)| !taken.contains(&format!("{prefix}{candidate}{suffix}")))
        };
        let mut candidate = base.clone();
        let mut number = 2;
        while !free(&candidate, taken) {
            candidate = format!("{base}{number}");
            number += 1;
        }
        if candidate != base {
            let message = format!(
                "its API name `{base}` is taken by another element or by patroon; it is called `{candidate}`"
            );
            self.diagnostics.push(Diagnostic::warning(element.at.clone(), &element.name, message));
        }
        for (prefix, suffix) in DERIVED {
            taken.insert(format!("{prefix}{candidate}{suffix}"));
        }
        candidate
    }

    /// A plural path segment no other collection has.
    fn unique_segment(
        &mut self,
        element: &Element,
        profile: &Profile,
        taken: &mut HashSet<String>,
    ) -> String {
        let base = plural(&element.name, profile);
        if kebab(&element.name).is_empty() {
            // Reported by `unique_schema` already.
            return format!("element-{}", taken.len());
        }
        let mut candidate = base.clone();
        let mut number = 2;
        while taken.contains(&candidate) {
            candidate = format!("{base}-{number}");
            number += 1;
        }
        if candidate != base {
            let message =
                format!("its path `/{base}` is taken by another collection; it is `/{candidate}`");
            self.diagnostics.push(Diagnostic::warning(element.at.clone(), &element.name, message));
        }
        taken.insert(candidate.clone());
        candidate
    }

    fn no_api_name(&mut self, element: &Element) {
        let message = format!(
            "the name `{}` has no letters or digits that can make an API name; rename it",
            element.name
        );
        self.diagnostics.push(Diagnostic::error(element.at.clone(), &element.name, message));
    }

    /// Decides each objecttype's role: absent (external, excluded, under an absent root,
    /// abstract without concrete subtypes), served by its topmost abstract ancestor, or a
    /// resource.
    fn roles(&mut self, model: &Model, profile: &Profile) {
        let count = model.objecttypes.len();
        let own_absence = |idx: usize| -> Option<String> {
            let name = &model.objecttypes[idx].element.name;
            if let Some(external) = profile.external(name) {
                return Some(format!(
                    "kept in another register ({}); referenced by URL",
                    external.register
                ));
            }
            profile.exclude.contains(name).then(|| "excluded by the profile".to_string())
        };
        self.roots = (0..count)
            .map(|idx| {
                model
                    .ancestors_and_self(idx)
                    .into_iter()
                    .rfind(|a| model.objecttypes[*a].is_abstract)
            })
            .collect();

        let mut roles = Vec::with_capacity(count);
        for idx in 0..count {
            let role = if let Some(reason) = own_absence(idx) {
                Role::Absent(reason)
            } else {
                match self.roots[idx] {
                    Some(root) if root != idx => match own_absence(root) {
                        Some(reason) => Role::Absent(format!(
                            "its abstract supertype `{}` is not in the API: {reason}",
                            model.objecttypes[root].element.name
                        )),
                        None => Role::ServedBy(root),
                    },
                    _ => Role::Resource,
                }
            };
            roles.push(role);
        }
        for idx in 0..count {
            let served = (0..count).any(|other| roles[other] == Role::ServedBy(idx));
            if model.objecttypes[idx].is_abstract && roles[idx] == Role::Resource && !served {
                roles[idx] = Role::Absent("abstract without concrete subtypes".to_string());
            }
        }
        self.roles = roles;
    }

    /// The concrete objecttypes an abstract root serves, in model order.
    pub fn family(&self, root: usize) -> Vec<usize> {
        (0..self.roles.len()).filter(|idx| self.roles[*idx] == Role::ServedBy(root)).collect()
    }
}
