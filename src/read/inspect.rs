//! Looking at a model document: a summary for `inspect`, and picking one package.
//!
//! Input: a `ModelDoc` from any reader (and the warnings reading gave).
//! Output: `Summary` (counts per MIM kind, packages, externals, warnings), shown with
//! `Display`; `select_package` gives a smaller document.
//! Not here: printing; the CLI decides where the text goes.

use std::collections::{HashMap, HashSet};
use std::fmt;

use crate::location::{Diagnostic, Location};
use crate::read::ReadError;
use crate::read::doc::*;
use crate::read::resolve::EXTERN_TAG;

/// Counts of one package or of the whole model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    /// Objecttypes, externals not counted.
    pub objecttypes: usize,
    /// Attributes of those objecttypes.
    pub attributes: usize,
    /// Relations owned by those objecttypes.
    pub relations: usize,
    /// Supertype links of those objecttypes.
    pub generalisations: usize,
    /// Gegevensgroeptypen (and structured datatypes).
    pub gegevensgroeptypen: usize,
    /// Primitive datatypes, externals not counted.
    pub datatypes: usize,
    /// Enumeraties.
    pub enumeraties: usize,
    /// Referentielijsten.
    pub referentielijsten: usize,
    /// Codelijsten.
    pub codelijsten: usize,
    /// Keuzes.
    pub keuzes: usize,
}

impl Counts {
    fn of(package: &PackageDoc) -> Counts {
        let own: Vec<&ObjecttypeDoc> =
            package.objecttypes.iter().filter(|item| !is_external(&item.element)).collect();
        Counts {
            objecttypes: own.len(),
            attributes: own.iter().map(|item| item.attributes.len()).sum(),
            relations: own.iter().map(|item| item.relations.len()).sum(),
            generalisations: own.iter().map(|item| item.supertypes.len()).sum(),
            gegevensgroeptypen: package.gegevensgroeptypen.len(),
            datatypes: package.datatypes.iter().filter(|item| !is_external(&item.element)).count(),
            enumeraties: package.enumeraties.len(),
            referentielijsten: package.referentielijsten.len(),
            codelijsten: package.codelijsten.len(),
            keuzes: package.keuzes.len(),
        }
    }

    fn add(&mut self, other: Counts) {
        self.objecttypes += other.objecttypes;
        self.attributes += other.attributes;
        self.relations += other.relations;
        self.generalisations += other.generalisations;
        self.gegevensgroeptypen += other.gegevensgroeptypen;
        self.datatypes += other.datatypes;
        self.enumeraties += other.enumeraties;
        self.referentielijsten += other.referentielijsten;
        self.codelijsten += other.codelijsten;
        self.keuzes += other.keuzes;
    }
}

/// Whether an element stands for something defined outside the model.
pub fn is_external(element: &ElementDoc) -> bool {
    element.tags.contains_key(EXTERN_TAG)
}

/// What `inspect` shows about a model.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Summary {
    /// The model's name.
    pub model: String,
    /// The model's version, when given.
    pub version: Option<String>,
    /// The whole model.
    pub total: Counts,
    /// Each package by name.
    pub packages: Vec<(String, Counts)>,
    /// Names of external elements.
    pub externals: Vec<String>,
    /// Number of warnings reading gave.
    pub warnings: usize,
}

impl Summary {
    /// Summarises a document and the warnings reading it gave.
    pub fn of(doc: &ModelDoc, warnings: &[Diagnostic]) -> Summary {
        let mut summary = Summary {
            model: doc.model.element.name.clone(),
            version: doc.model.version.clone(),
            warnings: warnings.len(),
            ..Summary::default()
        };
        for package in &doc.packages {
            let counts = Counts::of(package);
            summary.total.add(counts);
            summary.packages.push((package.element.name.clone(), counts));
            let objecttypes = package.objecttypes.iter().map(|item| &item.element);
            let datatypes = package.datatypes.iter().map(|item| &item.element);
            for element in objecttypes.chain(datatypes) {
                if is_external(element) {
                    summary.externals.push(element.name.clone());
                }
            }
        }
        summary
    }
}

impl fmt::Display for Counts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} objecttypes, {} attributes, {} relations, {} generalisations, \
             {} gegevensgroeptypen, {} datatypes, {} enumeraties, {} referentielijsten, \
             {} codelijsten, {} keuzes",
            self.objecttypes,
            self.attributes,
            self.relations,
            self.generalisations,
            self.gegevensgroeptypen,
            self.datatypes,
            self.enumeraties,
            self.referentielijsten,
            self.codelijsten,
            self.keuzes
        )
    }
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "model: {}", self.model)?;
        if let Some(version) = &self.version {
            write!(f, " {version}")?;
        }
        writeln!(f)?;
        writeln!(f, "total: {}", self.total)?;
        writeln!(f, "packages: {}", self.packages.len())?;
        for (name, counts) in &self.packages {
            writeln!(f, "  {name}: {counts}")?;
        }
        writeln!(f, "externals: {}", self.externals.len())?;
        for name in &self.externals {
            writeln!(f, "  {name}")?;
        }
        write!(f, "warnings: {}", self.warnings)
    }
}

/// Keeps only the package `name`, plus the elements of other packages it needs
/// (types, relation targets and supertypes, followed until nothing new is needed).
///
/// An unknown name is an error that lists the packages there are.
pub fn select_package(doc: &ModelDoc, name: &str) -> Result<ModelDoc, ReadError> {
    let Some(selected) = doc.packages.iter().position(|package| package.element.name == name)
    else {
        let names: Vec<&str> =
            doc.packages.iter().map(|package| package.element.name.as_str()).collect();
        let at = doc
            .packages
            .first()
            .map_or_else(Location::default, |package| Location::file(&package.element.at.file));
        let message =
            format!("there is no package `{name}`; the packages are: {}", names.join(", "));
        return Err(ReadError::Unsupported { at, message });
    };

    // Every element by name, with the names it refers to.
    let mut refers: HashMap<&str, Vec<&str>> = HashMap::new();
    for package in &doc.packages {
        for item in &package.objecttypes {
            let names = item
                .supertypes
                .iter()
                .map(|r| r.name.as_str())
                .chain(item.attributes.iter().map(|a| a.type_name.name.as_str()))
                .chain(item.relations.iter().map(|r| r.target.name.as_str()));
            refers.insert(&item.element.name, names.collect());
        }
        for item in &package.gegevensgroeptypen {
            let names = item.attributes.iter().map(|a| a.type_name.name.as_str());
            refers.insert(&item.element.name, names.collect());
        }
        for item in &package.datatypes {
            refers.insert(&item.element.name, vec![item.base.name.as_str()]);
        }
        for item in &package.referentielijsten {
            let names = item.elements.iter().map(|a| a.type_name.name.as_str());
            refers.insert(&item.element.name, names.collect());
        }
        for item in &package.keuzes {
            refers
                .insert(&item.element.name, item.options.iter().map(|o| o.name.as_str()).collect());
        }
        for item in &package.enumeraties {
            refers.insert(&item.element.name, Vec::new());
        }
        for item in &package.codelijsten {
            refers.insert(&item.element.name, Vec::new());
        }
    }

    let mut needed: HashSet<&str> = HashSet::new();
    let mut work: Vec<&str> = element_names(&doc.packages[selected]);
    while let Some(next) = work.pop() {
        if needed.insert(next) {
            work.extend(refers.get(next).into_iter().flatten().copied());
        }
    }

    let mut packages = vec![doc.packages[selected].clone()];
    for (idx, package) in doc.packages.iter().enumerate() {
        if idx == selected {
            continue;
        }
        let keep = |element: &ElementDoc| needed.contains(element.name.as_str());
        let mut kept = PackageDoc { element: package.element.clone(), ..PackageDoc::default() };
        kept.objecttypes =
            package.objecttypes.iter().filter(|i| keep(&i.element)).cloned().collect();
        kept.gegevensgroeptypen =
            package.gegevensgroeptypen.iter().filter(|i| keep(&i.element)).cloned().collect();
        kept.datatypes = package.datatypes.iter().filter(|i| keep(&i.element)).cloned().collect();
        kept.enumeraties =
            package.enumeraties.iter().filter(|i| keep(&i.element)).cloned().collect();
        kept.referentielijsten =
            package.referentielijsten.iter().filter(|i| keep(&i.element)).cloned().collect();
        kept.codelijsten =
            package.codelijsten.iter().filter(|i| keep(&i.element)).cloned().collect();
        kept.keuzes = package.keuzes.iter().filter(|i| keep(&i.element)).cloned().collect();
        if !element_names(&kept).is_empty() {
            packages.push(kept);
        }
    }
    Ok(ModelDoc { format: doc.format.clone(), model: doc.model.clone(), packages })
}

fn element_names(package: &PackageDoc) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    names.extend(package.objecttypes.iter().map(|i| i.element.name.as_str()));
    names.extend(package.gegevensgroeptypen.iter().map(|i| i.element.name.as_str()));
    names.extend(package.datatypes.iter().map(|i| i.element.name.as_str()));
    names.extend(package.enumeraties.iter().map(|i| i.element.name.as_str()));
    names.extend(package.referentielijsten.iter().map(|i| i.element.name.as_str()));
    names.extend(package.codelijsten.iter().map(|i| i.element.name.as_str()));
    names.extend(package.keuzes.iter().map(|i| i.element.name.as_str()));
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> ModelDoc {
        let text = "format: patroon-model/1\nmodel:\n  name: M\npackages:\n  - name: A\n    objecttypes:\n      - name: Boek\n        attributes:\n          - name: genre\n            type: Genre\n  - name: B\n    enumeraties:\n      - name: Genre\n        values:\n          - name: roman\n      - name: Kleur\n        values:\n          - name: rood\n";
        crate::read::yaml_model::parse(text, &std::sync::Arc::from("m.yaml")).unwrap()
    }

    #[test]
    fn selecting_a_package_keeps_what_it_refers_to() {
        let selected = select_package(&doc(), "A").unwrap();
        assert_eq!(selected.packages.len(), 2);
        assert_eq!(selected.packages[1].enumeraties.len(), 1);
        assert_eq!(selected.packages[1].enumeraties[0].element.name, "Genre");
        let (_, diags) = crate::mim::build(&selected);
        assert!(diags.is_empty(), "{diags:?}");
    }

    #[test]
    fn an_unknown_package_lists_the_packages() {
        let error = select_package(&doc(), "C").unwrap_err().to_string();
        assert!(error.contains("the packages are: A, B"), "{error}");
    }

    #[test]
    fn the_summary_counts_per_kind() {
        let summary = Summary::of(&doc(), &[]);
        assert_eq!(summary.total.objecttypes, 1);
        assert_eq!(summary.total.enumeraties, 2);
        assert!(summary.to_string().contains("  A: 1 objecttypes, 1 attributes"));
    }
}
