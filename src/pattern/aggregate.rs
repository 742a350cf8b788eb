//! The aggregate pattern: aggregate roots that carry their parts in one body.
//!
//! Input: the resolved model and the profile (`aggregates`).
//! Output: an `Api` in which each aggregate root is a resource (paginated GET and POST on
//! the collection; GET, PUT, PATCH and DELETE on the item) whose schema embeds its parts in
//! full, in requests and responses alike: a Klantcontact is created with its Betrokkenen,
//! Onderwerpobjecten and Bijlagen in one POST, and PUT, PATCH and DELETE act on the whole.
//! Parts have no paths, except a read-only collection and item when the profile lists them
//! under `collections`. Relations between aggregates stay references.
//!
//! How an objecttype is assigned to an aggregate (`assign`), among the objecttypes the API
//! serves:
//! 1. an objecttype the profile lists under `aggregates.roots` is a root;
//! 2. an objecttype the profile lists under `aggregates.parts` is a part of the root named
//!    there;
//! 3. the target of a composition in the model (`aggregation: composite`) is a part of the
//!    aggregate of its source, followed through chains of compositions, unless rule 1 or 2
//!    says otherwise (the profile wins, and the disagreement is reported);
//! 4. a target that compositions would put into two aggregates belongs to neither: it is a
//!    root of its own, and that is reported;
//! 5. every other objecttype is a root of its own.
//!
//! Within an aggregate every part has one place: the first relation that reaches it when
//! walking breadth-first from the root through its parts (a member's compositions first,
//! then its other relations, each in model order). Other relations to a part stay
//! references. A part that no walk reaches becomes a root of its own, reported.
//! Reports are warnings in `Api::diagnostics` and lines in `Api::notes`.
//! Not here: the schemas of MIM types and the shared paths and components (see `common`).

use crate::location::{Diagnostic, Location};
use crate::mim::Aggregation;
use crate::pattern::api::*;
use crate::pattern::common::{ApiBuilder, Endpoints, Members, Role, enumerate_words};

/// Which aggregate each objecttype belongs to.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Assignment {
    /// Per objecttype (by index): the root of its aggregate (itself for a root); `None` for
    /// an objecttype that is not a resource of the API.
    pub root_of: Vec<Option<usize>>,
    /// Per objecttype: the relation (by index) through which its root's body holds it;
    /// `None` for roots.
    pub place: Vec<Option<usize>>,
    /// Per objecttype: why it is a part (`the profile`, or the composition).
    pub why: Vec<Option<String>>,
    /// What did not fit the rules, as warnings.
    pub conflicts: Vec<Diagnostic>,
}

impl Assignment {
    /// The parts of a root, in model order.
    pub fn parts(&self, root: usize) -> Vec<usize> {
        (0..self.root_of.len())
            .filter(|idx| *idx != root && self.root_of[*idx] == Some(root))
            .collect()
    }

    /// Whether an objecttype is the root of an aggregate.
    pub fn is_root(&self, objecttype: usize) -> bool {
        self.root_of.get(objecttype).copied().flatten() == Some(objecttype)
    }
}

/// Builds the aggregate API.
pub fn build(builder: &mut ApiBuilder<'_>) {
    let assignment = assign(builder);
    let resources = builder.resources();

    // Roots, then parts: each records its own members in its own schema, the full form
    // before the PATCH form.
    for objecttype in &resources {
        if assignment.is_root(*objecttype) {
            root_schemas(builder, &assignment, *objecttype);
        }
    }
    // FIXME: a relation from outside an aggregate to one of its parts (Retour betreft
    // Bestelregel in the aggregate fixture) stays a `Verwijzing`, whose `url` has no path
    // in this API unless the profile gives the part a collection; only its `uuid` helps.
    for objecttype in &resources {
        if !assignment.is_root(*objecttype) {
            part_schema(builder, &assignment, *objecttype);
        }
    }
    for objecttype in resources {
        paths(builder, &assignment, objecttype);
    }
    for list in 0..builder.model.referentielijsten.len() {
        builder.plain_referentielijst(list);
    }
    builder.record_absent();
    notes(builder, &assignment);
}

/// Assigns every resource of the API to an aggregate (see the module documentation).
pub fn assign(builder: &ApiBuilder<'_>) -> Assignment {
    let model = builder.model;
    let count = model.objecttypes.len();
    let mut state = State {
        fixed: vec![None; count],
        visiting: vec![false; count],
        why: vec![None; count],
        conflicts: Vec::new(),
    };
    let resources = builder.resources();
    let aggregates = &builder.profile.aggregates;
    let index = |name: &str| model.objecttype_index(name).filter(|idx| resources.contains(idx));

    for root in &aggregates.roots {
        if let Some(idx) = index(&root.name) {
            state.fixed[idx] = Some(idx);
        }
    }
    for part in &aggregates.parts {
        if let (Some(part_idx), Some(root_idx)) = (index(&part.part.name), index(&part.root.name)) {
            state.fixed[part_idx] = Some(root_idx);
            state.why[part_idx] = Some("the profile".to_string());
        }
    }
    let owners = composition_owners(builder);
    report_overridden(builder, &owners, &mut state);

    let mut root_of = vec![None; count];
    for objecttype in &resources {
        root_of[*objecttype] = Some(resolve(builder, &owners, *objecttype, &mut state));
    }
    let mut assignment = Assignment {
        root_of,
        place: vec![None; count],
        why: state.why,
        conflicts: state.conflicts,
    };
    place_parts(builder, &mut assignment);
    assignment
}

/// The assignment as it is being worked out.
struct State {
    /// The root of an objecttype, once known.
    fixed: Vec<Option<usize>>,
    /// Objecttypes being resolved, to stop at a cycle of compositions.
    visiting: Vec<bool>,
    /// Why a part is a part.
    why: Vec<Option<String>>,
    /// What did not fit.
    conflicts: Vec<Diagnostic>,
}

/// Per objecttype: the compositions (relation indexes) that make it a part of their source.
fn composition_owners(builder: &ApiBuilder<'_>) -> Vec<Vec<usize>> {
    let model = builder.model;
    let mut owners = vec![Vec::new(); model.objecttypes.len()];
    for (idx, relation) in model.relatiesoorten.iter().enumerate() {
        if relation.aggregation != Aggregation::Composite {
            continue;
        }
        let (Some(source), Some(target)) =
            (builder.serving_resource(relation.source), builder.serving_resource(relation.target))
        else {
            continue;
        };
        if source != target && builder.role(target) == Role::Resource {
            owners[target].push(idx);
        }
    }
    owners
}

/// Reports compositions that the profile overrides by naming the target a root, or a part
/// of another root.
fn report_overridden(builder: &ApiBuilder<'_>, owners: &[Vec<usize>], state: &mut State) {
    let model = builder.model;
    for (target, relations) in owners.iter().enumerate() {
        let Some(fixed) = state.fixed[target] else { continue };
        for relation in relations {
            let relation = &model.relatiesoorten[*relation];
            let Some(source) = builder.serving_resource(relation.source) else { continue };
            let source_root = state.fixed[source].unwrap_or(source);
            if source_root == fixed {
                continue;
            }
            let target_name = &model.objecttypes[target].element.name;
            let listed = if fixed == target {
                "a root".to_string()
            } else {
                format!("a part of `{}`", model.objecttypes[fixed].element.name)
            };
            let message = format!(
                "the composition `{}` makes `{target_name}` a part of `{}`, but the profile \
                 lists it as {listed}; the profile wins",
                model.relation_path(relation),
                model.objecttypes[source_root].element.name
            );
            state.conflicts.push(Diagnostic::warning(
                profile_place(builder, target_name),
                "aggregates",
                message,
            ));
        }
    }
}

/// The root of an objecttype's aggregate by the rules; records conflicts on the way.
fn resolve(
    builder: &ApiBuilder<'_>,
    owners: &[Vec<usize>],
    objecttype: usize,
    state: &mut State,
) -> usize {
    if let Some(root) = state.fixed[objecttype] {
        return root;
    }
    if state.visiting[objecttype] {
        return objecttype;
    }
    state.visiting[objecttype] = true;

    let model = builder.model;
    let mut roots: Vec<(usize, usize)> = Vec::new();
    for relation in &owners[objecttype] {
        let Some(source) = builder.serving_resource(model.relatiesoorten[*relation].source) else {
            continue;
        };
        let root = resolve(builder, owners, source, state);
        if root != objecttype && !roots.iter().any(|(known, _)| *known == root) {
            roots.push((root, *relation));
        }
    }
    let root = match roots.as_slice() {
        [] => objecttype,
        [(root, relation)] => {
            let path = model.relation_path(&model.relatiesoorten[*relation]);
            state.why[objecttype] = Some(format!("the composition `{path}`"));
            *root
        }
        several => {
            let name = &model.objecttypes[objecttype].element.name;
            let names: Vec<String> = several
                .iter()
                .map(|(root, _)| format!("`{}`", model.objecttypes[*root].element.name))
                .collect();
            let message = format!(
                "compositions make `{name}` a part of {}; a part has one root, so it is a root \
                 of its own; name its root under `aggregates.parts` to choose",
                names.join(" and ")
            );
            let at = model.relatiesoorten[several[1].1].element.at.clone();
            state.conflicts.push(Diagnostic::warning(at, "aggregates", message));
            objecttype
        }
    };
    state.fixed[objecttype] = Some(root);
    root
}

/// Gives each part its place in its root's body (breadth-first from the root); a part that
/// cannot be reached becomes a root of its own.
fn place_parts(builder: &ApiBuilder<'_>, assignment: &mut Assignment) {
    let model = builder.model;
    let roots: Vec<usize> =
        (0..model.objecttypes.len()).filter(|idx| assignment.is_root(*idx)).collect();
    for root in roots {
        let parts = assignment.parts(root);
        let mut reached = vec![root];
        let mut idx = 0;
        while idx < reached.len() {
            for relation in relations_by_priority(builder, reached[idx]) {
                let target = builder.serving_resource(model.relatiesoorten[relation].target);
                if let Some(target) = target
                    && parts.contains(&target)
                    && !reached.contains(&target)
                {
                    assignment.place[target] = Some(relation);
                    reached.push(target);
                }
            }
            idx += 1;
        }
        for part in parts.into_iter().filter(|part| !reached.contains(part)) {
            let name = &model.objecttypes[part].element.name;
            let message = format!(
                "no relation leads from `{}` or its other parts to `{name}`, so it has no \
                 place in the root's body; it is a root of its own",
                model.objecttypes[root].element.name
            );
            assignment.conflicts.push(Diagnostic::warning(
                profile_place(builder, name),
                "aggregates",
                message,
            ));
            assignment.root_of[part] = Some(part);
            assignment.why[part] = None;
        }
    }
}

/// The relations (by index) of a resource and its subtypes: compositions first, then the
/// others, each in model order.
fn relations_by_priority(builder: &ApiBuilder<'_>, resource: usize) -> Vec<usize> {
    let model = builder.model;
    let own: Vec<usize> = (0..model.relatiesoorten.len())
        .filter(|idx| builder.serving_resource(model.relatiesoorten[*idx].source) == Some(resource))
        .collect();
    let (mut compositions, others): (Vec<usize>, Vec<usize>) = own
        .into_iter()
        .partition(|idx| model.relatiesoorten[*idx].aggregation == Aggregation::Composite);
    compositions.extend(others);
    compositions
}

/// Where the profile speaks about an objecttype's aggregate, else the profile file.
fn profile_place(builder: &ApiBuilder<'_>, name: &str) -> Location {
    let aggregates = &builder.profile.aggregates;
    let listed = aggregates
        .roots
        .iter()
        .find(|root| root.name == name)
        .map(|root| root.at.clone())
        .or_else(|| {
            aggregates.parts.iter().find(|part| part.part.name == name).map(|p| p.part.at.clone())
        });
    listed.unwrap_or_else(|| match &builder.profile.file {
        Some(file) => Location::file(file),
        None => Location::default(),
    })
}

/// The parts of a root's aggregate with the schema each is written as, keyed by the
/// relation that holds it.
fn embedded(
    builder: &ApiBuilder<'_>,
    assignment: &Assignment,
    root: usize,
) -> Vec<(usize, String)> {
    assignment
        .parts(root)
        .into_iter()
        .filter_map(|part| Some((assignment.place[part]?, builder.schema_name_of(part))))
        .collect()
}

/// A root's schema and its PATCH form, both embedding the parts.
fn root_schemas(builder: &mut ApiBuilder<'_>, assignment: &Assignment, root: usize) {
    let embedded = embedded(builder, assignment, root);
    let model = builder.model;
    let parts: Vec<String> = assignment
        .parts(root)
        .iter()
        .map(|part| model.objecttypes[*part].element.name.clone())
        .collect();
    let mut note = None;
    if !parts.is_empty() {
        note = Some(format!(
            "Aggregaat: een {} bevat zijn delen ({}); die worden in hetzelfde verzoek \
             aangemaakt, gewijzigd en verwijderd.",
            model.objecttypes[root].element.name,
            enumerate_words(&parts)
        ));
    }
    for (prefix, complete) in [("", true), ("Patched", false)] {
        let members = Members {
            leading: builder.identity_properties(),
            complete,
            relations: true,
            embedded: embedded.clone(),
            ..Members::default()
        };
        let name = builder.add_family(root, &|name| format!("{prefix}{name}"), &mut |b, c, n| {
            let mut schema = b.object_schema(c, n, &members);
            append(&mut schema, note.as_deref());
            schema
        });
        if prefix.is_empty() {
            builder.expose(model.objecttypes[root].element.name.clone(), Place::Schema(name));
        }
    }
}

/// A part's schema: `uuid` (and `url` when it has a collection), attributes, references,
/// and its own parts embedded.
fn part_schema(builder: &mut ApiBuilder<'_>, assignment: &Assignment, part: usize) {
    let Some(root) = assignment.root_of[part] else { return };
    let model = builder.model;
    let mut leading = builder.identity_properties();
    if !has_collection(builder, part) {
        leading.truncate(1);
    }
    let members = Members {
        leading,
        complete: true,
        relations: true,
        embedded: embedded(builder, assignment, root),
        ..Members::default()
    };
    let note = format!(
        "Deel van het aggregaat met root {}: wordt alleen samen met die root aangemaakt, \
         gewijzigd en verwijderd.",
        model.objecttypes[root].element.name
    );
    let name = builder.add_family(part, &|name| name.to_string(), &mut |b, c, n| {
        let mut schema = b.object_schema(c, n, &members);
        append(&mut schema, Some(&note));
        schema
    });
    builder.expose(model.objecttypes[part].element.name.clone(), Place::Schema(name));
}

fn append(schema: &mut Schema, note: Option<&str>) {
    let Some(note) = note else { return };
    schema.description = Some(match schema.description.take() {
        Some(definition) => format!("{definition}\n\n{note}"),
        None => note.to_string(),
    });
}

fn has_collection(builder: &ApiBuilder<'_>, objecttype: usize) -> bool {
    let name = &builder.model.objecttypes[objecttype].element.name;
    builder.profile.aggregates.collections.iter().any(|listed| listed.name == *name)
}

/// A root's full set of operations; a part's read-only collection when the profile asks.
fn paths(builder: &mut ApiBuilder<'_>, assignment: &Assignment, objecttype: usize) {
    let root = assignment.is_root(objecttype);
    if !root && !has_collection(builder, objecttype) {
        return;
    }
    let name = builder.schema_name_of(objecttype);
    let page = builder.paginated_schema(&name);
    let patch = root.then(|| format!("Patched{name}"));
    let endpoints = Endpoints {
        objecttype,
        item: name,
        patch,
        page,
        read_parameters: Vec::new(),
        writable: root,
    };
    let paths = builder.endpoints(&endpoints);
    builder.api.paths.extend(paths);
}

/// The aggregates and conflicts, for the report and as warnings.
fn notes(builder: &mut ApiBuilder<'_>, assignment: &Assignment) {
    let model = builder.model;
    let mut notes = Vec::new();
    for root in (0..model.objecttypes.len()).filter(|idx| assignment.is_root(*idx)) {
        let parts: Vec<String> = assignment
            .parts(root)
            .into_iter()
            .map(|part| {
                let place = assignment.place[part]
                    .map(|relation| model.relation_path(&model.relatiesoorten[relation]))
                    .unwrap_or_default();
                let why = match assignment.why[part].as_deref() {
                    Some(why) if why == format!("the composition `{place}`") => "a composition",
                    Some(why) => why,
                    None => "the rules",
                };
                let name = &model.objecttypes[part].element.name;
                format!("`{name}` through `{place}` (by {why})")
            })
            .collect();
        let root_name = &model.objecttypes[root].element.name;
        notes.push(match parts.is_empty() {
            true => format!("Aggregate root `{root_name}`: no parts."),
            false => format!("Aggregate root `{root_name}` with {}.", parts.join(", ")),
        });
    }
    for conflict in &assignment.conflicts {
        notes.push(format!("Warning: {}", conflict.message));
    }
    builder.api.notes.extend(notes);
    builder.api.diagnostics.extend(assignment.conflicts.iter().cloned());
}
