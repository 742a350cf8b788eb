//! The profile keys that only some patterns read: `aggregates` (the aggregate pattern) and
//! `handelingen` (the action pattern).
//!
//! Input: the `aggregates` and `handelingen` nodes of a profile file, and the model.
//! Output: `Aggregates` and `Handeling`s, and located diagnostics for every name the model
//! lacks (with a suggestion), every handeling name an ADR action path cannot carry, and
//! entries that contradict each other.
//! Not here: which objecttype ends up in which aggregate when compositions in the model
//! are added (see `pattern::aggregate`), and the paths and schemas of a handeling (see
//! `pattern::action`).

use crate::location::{Diagnostic, Location, suggest};
use crate::mim::{Aggregation, Model, Relatiesoort};
use crate::profile::Profile;
use crate::read::doc::NameRef;
use crate::read::fields::Fields;
use crate::yaml::Value;

/// The aggregate roots and parts a profile names (the aggregate pattern).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Aggregates {
    /// Objecttypes that are roots, whatever a composition in the model says.
    pub roots: Vec<NameRef>,
    /// Parts, each with the root that owns it.
    pub parts: Vec<Part>,
    /// Parts that also get a read-only collection of their own.
    pub collections: Vec<NameRef>,
}

/// A part and the root that owns it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Part {
    /// The part.
    pub part: NameRef,
    /// Its root.
    pub root: NameRef,
}

/// Where a handeling acts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum On {
    /// On the collection: it makes a new object (`/klantcontacten/_registreer`).
    #[default]
    Collection,
    /// On one existing object (`/klantcontacten/{uuid}/_koppel`).
    Item,
}

/// One business operation of the handelingen catalogue (the action pattern).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Handeling {
    /// One lowercase word: the last path segment after `_`.
    pub name: String,
    /// The objecttype whose path the handeling hangs under.
    pub objecttype: NameRef,
    /// Collection or item.
    pub on: On,
    /// A related objecttype of one existing `objecttype` that the handeling makes:
    /// `/klantcontacten/{uuid}/betrokkenen/_registreer`.
    pub part: Option<NameRef>,
    /// The attributes and relations the request carries, by model name; `None`: all.
    pub input: Option<Vec<NameRef>>,
    /// Related objecttypes whose new objects the request carries in full.
    pub takes: Vec<NameRef>,
    /// The objecttype of the response; `None`: the part, else the objecttype.
    pub returns: Option<NameRef>,
    /// The functions of the standard it serves (free text, such as `F2173 Registreer
    /// klantcontact`).
    pub functions: Vec<String>,
    /// Text for the operation's description.
    pub description: Option<String>,
    /// Where the entry is written.
    pub at: Location,
}

impl Handeling {
    /// The objecttype the handeling makes or changes: the part, else the objecttype.
    pub fn subject(&self) -> &str {
        self.part.as_ref().map_or(&self.objecttype.name, |part| &part.name)
    }

    /// Whether the handeling makes a new object (on a collection, or a new part).
    pub fn creates(&self) -> bool {
        self.on == On::Collection || self.part.is_some()
    }
}

/// Reads `aggregates`: `roots` (a list), `parts` (part → root) and `collections` (a list).
pub fn aggregates(fields: &Fields<'_>, diags: &mut Vec<Diagnostic>) -> Aggregates {
    let Some(node) = fields.get("aggregates") else { return Aggregates::default() };
    let allowed = ["roots", "parts", "collections"];
    let Some(section) = Fields::new(node, &allowed, "aggregates", diags) else {
        return Aggregates::default();
    };
    let mut aggregates = Aggregates {
        roots: section.refs("roots", diags),
        collections: section.refs("collections", diags),
        ..Aggregates::default()
    };
    if let Some(parts) = section.get("parts") {
        let Value::Map(entries) = &parts.value else {
            let message = "`parts` must map each part to the root that owns it";
            diags.push(Diagnostic::error(parts.at.clone(), "aggregates", message));
            return aggregates;
        };
        for (part, root) in entries {
            match (part.as_str(), root.as_str()) {
                (Some(part_name), Some(root_name)) => aggregates.parts.push(Part {
                    part: NameRef { name: part_name.to_string(), at: part.at.clone() },
                    root: NameRef { name: root_name.to_string(), at: root.at.clone() },
                }),
                _ => {
                    let message =
                        "each part needs the name of one root, like `Bijlage: Klantcontact`";
                    diags.push(Diagnostic::error(part.at.clone(), "aggregates.parts", message));
                }
            }
        }
    }
    aggregates
}

/// Reads the `handelingen` list.
pub fn handelingen(fields: &Fields<'_>, diags: &mut Vec<Diagnostic>) -> Vec<Handeling> {
    let allowed = [
        "name",
        "objecttype",
        "on",
        "part",
        "input",
        "takes",
        "returns",
        "functions",
        "description",
    ];
    let mut handelingen = Vec::new();
    for node in fields.list("handelingen", diags) {
        let Some(entry) = Fields::new(node, &allowed, "handelingen", diags) else { continue };
        let name = entry.required_text("name", diags).unwrap_or_default();
        let name_at = entry.get("name").map_or_else(|| entry.at.clone(), |node| node.at.clone());
        check_handeling_name(&name, &name_at, diags);

        let on = match entry.text("on", diags).as_deref() {
            None | Some("collection") => On::Collection,
            Some("item") => On::Item,
            Some(other) => {
                let message = format!("`on` must be `collection` or `item`, not `{other}`");
                diags.push(Diagnostic::error(entry.at.clone(), "handelingen", message));
                On::Collection
            }
        };
        let part = entry.get("part").map(|_| entry.required_ref("part", diags));
        if part.is_some() && entry.get("on").is_some() {
            let message = "a handeling with a `part` acts on one existing object; leave `on` out";
            diags.push(Diagnostic::error(entry.at.clone(), "handelingen", message));
        }
        handelingen.push(Handeling {
            name,
            objecttype: entry.required_ref("objecttype", diags),
            on: if part.is_some() { On::Item } else { on },
            part,
            input: entry.get("input").map(|_| entry.refs("input", diags)),
            takes: entry.refs("takes", diags),
            returns: entry.get("returns").map(|_| entry.required_ref("returns", diags)),
            functions: entry.refs("functions", diags).into_iter().map(|f| f.name).collect(),
            description: entry.text("description", diags),
            at: entry.at.clone(),
        });
    }
    handelingen
}

/// A handeling name becomes the last path segment `/_name`, which the ADR 2.2 rule
/// `nlgov:paths-kebab-case` only accepts as lowercase letters.
fn check_handeling_name(name: &str, at: &Location, diags: &mut Vec<Diagnostic>) {
    if name.is_empty() || name.chars().all(|c| c.is_ascii_lowercase()) {
        return;
    }
    let mut message = format!(
        "handeling name `{name}` must be one lowercase word (letters a to z only): it becomes \
         the path segment `/_{name}`, and the ADR 2.2 rule `nlgov:paths-kebab-case` accepts \
         only lowercase letters after `/_` (no hyphens, underscores, digits or capitals)"
    );
    let letters: String =
        name.chars().filter(char::is_ascii_alphabetic).map(|c| c.to_ascii_lowercase()).collect();
    if !letters.is_empty() {
        message.push_str(&format!("; did you mean `{letters}`?"));
    }
    diags.push(Diagnostic::error(at.clone(), "handelingen", message));
}

/// Reports every name in `aggregates` and `handelingen` that the model lacks or that cannot
/// take part, with a suggestion where one is close.
pub fn check(profile: &Profile, model: &Model, diags: &mut Vec<Diagnostic>) {
    let names = Names { model, profile };
    check_aggregates(&names, &profile.aggregates, diags);
    check_handelingen(&names, &profile.handelingen, diags);
}

/// The model and profile, for looking names up.
struct Names<'a> {
    model: &'a Model,
    profile: &'a Profile,
}

impl Names<'_> {
    fn objecttypes(&self) -> Vec<&str> {
        self.model.objecttypes.iter().map(|objecttype| objecttype.element.name.as_str()).collect()
    }

    /// The index of an objecttype this API serves with a path of its own, or an error.
    fn served(&self, section: &str, name: &NameRef, diags: &mut Vec<Diagnostic>) -> Option<usize> {
        let Some(idx) = self.model.objecttype_index(&name.name) else {
            let mut message = format!("`{}` is not in the model", name.name);
            if let Some(close) = suggest(&name.name, self.objecttypes()) {
                message.push_str(&format!("; did you mean `{close}`?"));
            }
            diags.push(Diagnostic::error(name.at.clone(), section, message));
            return None;
        };
        let why = if let Some(external) = self.profile.external(&name.name) {
            Some(format!("it is kept in another register ({})", external.register))
        } else if self.profile.exclude.contains(&name.name) {
            Some("the profile excludes it".to_string())
        } else {
            self.served_by(idx).map(|root| {
                format!(
                    "it is served by its abstract supertype `{}`; name that one",
                    self.model.objecttypes[root].element.name
                )
            })
        };
        match why {
            Some(why) => {
                let message = format!("`{}` cannot be used here: {why}", name.name);
                diags.push(Diagnostic::error(name.at.clone(), section, message));
                None
            }
            None => Some(idx),
        }
    }

    /// The topmost abstract supertype that serves an objecttype, when it is not itself.
    fn served_by(&self, objecttype: usize) -> Option<usize> {
        let root = self
            .model
            .ancestors_and_self(objecttype)
            .into_iter()
            .rfind(|idx| self.model.objecttypes[*idx].is_abstract)?;
        (root != objecttype).then_some(root)
    }

    /// An objecttype and its subtypes: the members whose relations and attributes count.
    fn family(&self, objecttype: usize) -> Vec<usize> {
        (0..self.model.objecttypes.len())
            .filter(|idx| self.model.ancestors_and_self(*idx).contains(&objecttype))
            .collect()
    }

    /// The relations of an objecttype, its supertypes and its subtypes.
    fn relations(&self, objecttype: usize) -> Vec<&Relatiesoort> {
        let mut relations: Vec<&Relatiesoort> = Vec::new();
        for member in self.family(objecttype) {
            for relation in self.model.all_relations(member) {
                if !relations.iter().any(|known| std::ptr::eq(*known, relation)) {
                    relations.push(relation);
                }
            }
        }
        relations
    }

    /// Reports `target` unless a relation of `source` leads to it (or to a supertype).
    fn related(
        &self,
        section: &str,
        source: usize,
        target: &NameRef,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<usize> {
        let idx = self.served(section, target, diags)?;
        let relations = self.relations(source);
        let leads = |relation: &&Relatiesoort| self.family(idx).contains(&relation.target);
        if relations.iter().any(leads) {
            return Some(idx);
        }
        let mut targets: Vec<&str> = relations
            .iter()
            .map(|relation| self.model.objecttypes[relation.target].element.name.as_str())
            .collect();
        targets.dedup();
        let source_name = &self.model.objecttypes[source].element.name;
        let mut message =
            format!("no relation of `{source_name}` leads to `{}`; related: ", target.name);
        message.push_str(&targets.join(", "));
        diags.push(Diagnostic::error(target.at.clone(), section, message));
        None
    }
}

fn check_aggregates(names: &Names<'_>, aggregates: &Aggregates, diags: &mut Vec<Diagnostic>) {
    let section = "aggregates";
    for root in &aggregates.roots {
        names.served(section, root, diags);
    }
    for part in &aggregates.parts {
        let part_idx = names.served(section, &part.part, diags);
        let root_idx = names.served(section, &part.root, diags);
        if aggregates.roots.iter().any(|root| root.name == part.part.name) {
            let message = format!(
                "`{}` is listed as a root and as a part; an objecttype is one or the other",
                part.part.name
            );
            diags.push(Diagnostic::error(part.part.at.clone(), section, message));
        }
        if aggregates.parts.iter().any(|other| other.part.name == part.root.name) {
            let message = format!(
                "the root `{}` of `{}` is itself a part; name the root of its aggregate",
                part.root.name, part.part.name
            );
            diags.push(Diagnostic::error(part.root.at.clone(), section, message));
        }
        if let (Some(part_idx), Some(root_idx)) = (part_idx, root_idx) {
            check_reachable(names, aggregates, part, part_idx, root_idx, diags);
        }
    }
    for collection in &aggregates.collections {
        names.served(section, collection, diags);
        if aggregates.roots.iter().any(|root| root.name == collection.name) {
            let message = format!(
                "`{}` is a root and has a collection already; `collections` lists parts",
                collection.name
            );
            diags.push(Diagnostic::error(collection.at.clone(), section, message));
        }
    }
}

/// A part must be reachable from its root through relations to the root's other parts (or
/// through compositions, whose targets are parts too), so that it has a place in the root's
/// body.
fn check_reachable(
    names: &Names<'_>,
    aggregates: &Aggregates,
    part: &Part,
    part_idx: usize,
    root_idx: usize,
    diags: &mut Vec<Diagnostic>,
) {
    let model = names.model;
    let index = |name: &NameRef| model.objecttype_index(&name.name);
    let own_parts: Vec<usize> = aggregates
        .parts
        .iter()
        .filter(|other| other.root.name == part.root.name)
        .filter_map(|other| index(&other.part))
        .collect();
    let fixed: Vec<usize> = aggregates
        .roots
        .iter()
        .filter_map(index)
        .chain(aggregates.parts.iter().filter_map(|other| index(&other.part)))
        .collect();
    let mut reached = vec![root_idx];
    let mut idx = 0;
    while idx < reached.len() {
        for relation in names.relations(reached[idx]) {
            let own = own_parts.iter().find(|own| names.family(**own).contains(&relation.target));
            let composite = relation.aggregation == Aggregation::Composite
                && !fixed.iter().any(|other| names.family(*other).contains(&relation.target));
            let next = match (own, composite) {
                (Some(own), _) => Some(*own),
                (None, true) => Some(relation.target),
                (None, false) => None,
            };
            if let Some(next) = next
                && !reached.contains(&next)
            {
                reached.push(next);
            }
        }
        idx += 1;
    }
    if !reached.contains(&part_idx) {
        let message = format!(
            "no relation leads from `{}` (or its other parts) to `{}`, so it has no place in \
             the root's body; make it a root, or a part of a root that relates to it",
            part.root.name, part.part.name
        );
        diags.push(Diagnostic::error(part.part.at.clone(), "aggregates", message));
    }
}

fn check_handelingen(names: &Names<'_>, handelingen: &[Handeling], diags: &mut Vec<Diagnostic>) {
    let section = "handelingen";
    for (idx, handeling) in handelingen.iter().enumerate() {
        let earlier = &handelingen[..idx];
        let same_path = |other: &&Handeling| {
            other.name == handeling.name
                && other.objecttype.name == handeling.objecttype.name
                && other.part.as_ref().map(|part| &part.name)
                    == handeling.part.as_ref().map(|part| &part.name)
        };
        if let Some(other) = earlier.iter().find(same_path) {
            let message = format!(
                "handeling `{}` on `{}` is given twice (first at {}); each needs its own \
                 operationId, so give it another name",
                handeling.name,
                handeling.subject(),
                other.at
            );
            diags.push(Diagnostic::error(handeling.at.clone(), section, message));
        }

        let Some(objecttype) = names.served(section, &handeling.objecttype, diags) else {
            continue;
        };
        let subject = match &handeling.part {
            Some(part) => names.related(section, objecttype, part, diags),
            None => Some(objecttype),
        };
        let Some(subject) = subject else { continue };
        for taken in &handeling.takes {
            names.related(section, subject, taken, diags);
        }
        if let Some(returns) = &handeling.returns {
            names.served(section, returns, diags);
        }
        for input in handeling.input.iter().flatten() {
            check_input(names, subject, input, diags);
        }
    }
}

/// An `input` entry names an attribute or a relation of the subject (or of one of its
/// subtypes); a relation by its name, or as `name (Target)` when the name alone is ambiguous.
fn check_input(names: &Names<'_>, subject: usize, input: &NameRef, diags: &mut Vec<Diagnostic>) {
    let model = names.model;
    let mut known: Vec<String> = Vec::new();
    for member in names.family(subject) {
        for attribute in model.all_attributes(member) {
            known.push(attribute.element.name.clone());
        }
    }
    let relations = names.relations(subject);
    let matching =
        relations.iter().filter(|relation| relation_matches(model, relation, &input.name));
    let n_matching = matching.count();
    if known.contains(&input.name) || n_matching == 1 {
        return;
    }
    let subject_name = &model.objecttypes[subject].element.name;
    let message = if n_matching > 1 {
        format!(
            "`{}` names {n_matching} relations of `{subject_name}`; write it as `{} (Target)`",
            input.name, input.name
        )
    } else {
        known.extend(relations.iter().map(|relation| relation.element.name.clone()));
        let mut message = format!("`{subject_name}` has no attribute or relation `{}`", input.name);
        if let Some(close) = suggest(&input.name, known.iter().map(String::as_str)) {
            message.push_str(&format!("; did you mean `{close}`?"));
        }
        message
    };
    diags.push(Diagnostic::error(input.at.clone(), "handelingen", message));
}

/// Whether a name denotes a relation: its own name, or `name (Target)`.
pub fn relation_matches(model: &Model, relation: &Relatiesoort, name: &str) -> bool {
    let target = &model.objecttypes[relation.target].element.name;
    relation.element.name == name || format!("{} ({target})", relation.element.name) == name
}
