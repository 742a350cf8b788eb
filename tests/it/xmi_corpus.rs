//! The real exports in `$PATROON_REFDATA/xmi/`: counts, a clean build and the YAML round trip.
//!
//! Each expected figure was counted by hand, independently of the reader, with Python's
//! `xml.etree.ElementTree` over the file; the comment above each case says how.
//! "attributes" are the attributes of those objecttypes; externals are not counted.

use std::path::PathBuf;

use patroon::location::Location;
use patroon::mim::{self, Model};
use patroon::read::doc::PackageDoc;
use patroon::read::{self, inspect::Summary, yaml_model};

fn refdata(name: &str) -> Option<PathBuf> {
    let Ok(root) = std::env::var("PATROON_REFDATA") else {
        println!("skipped: PATROON_REFDATA not set");
        return None;
    };
    let path = PathBuf::from(root).join("xmi").join(name);
    assert!(path.exists(), "missing reference file {}", path.display());
    Some(path)
}

/// Sets every location to the default, so models read from different files compare.
pub fn without_locations(mut model: Model) -> Model {
    let clear = |element: &mut mim::Element| element.at = Default::default();
    clear(&mut model.element);
    model.packages.iter_mut().for_each(|item| clear(&mut item.element));
    for item in &mut model.objecttypes {
        clear(&mut item.element);
        item.attributes.iter_mut().for_each(|attribute| clear(&mut attribute.element));
    }
    model.relatiesoorten.iter_mut().for_each(|item| clear(&mut item.element));
    for item in &mut model.gegevensgroeptypen {
        clear(&mut item.element);
        item.attributes.iter_mut().for_each(|attribute| clear(&mut attribute.element));
    }
    model.datatypes.iter_mut().for_each(|item| clear(&mut item.element));
    for item in &mut model.enumeraties {
        clear(&mut item.element);
        item.values.iter_mut().for_each(|value| clear(&mut value.element));
    }
    for item in &mut model.referentielijsten {
        clear(&mut item.element);
        item.elements.iter_mut().for_each(|attribute| clear(&mut attribute.element));
    }
    model.codelijsten.iter_mut().for_each(|item| clear(&mut item.element));
    model.keuzes.iter_mut().for_each(|item| clear(&mut item.element));
    model
}

/// The locations of a package and everything in it.
fn locations(package: &PackageDoc) -> Vec<&Location> {
    let mut found = vec![&package.element.at];
    for item in &package.objecttypes {
        found.push(&item.element.at);
        found.extend(item.attributes.iter().map(|attribute| &attribute.element.at));
        found.extend(item.relations.iter().map(|relation| &relation.element.at));
    }
    for item in &package.gegevensgroeptypen {
        found.push(&item.element.at);
        found.extend(item.attributes.iter().map(|attribute| &attribute.element.at));
    }
    found.extend(package.datatypes.iter().map(|item| &item.element.at));
    for item in &package.enumeraties {
        found.push(&item.element.at);
        found.extend(item.values.iter().map(|value| &value.element.at));
    }
    found.extend(package.referentielijsten.iter().map(|item| &item.element.at));
    found.extend(package.codelijsten.iter().map(|item| &item.element.at));
    found.extend(package.keuzes.iter().map(|item| &item.element.at));
    found
}

/// Reads a file, checks the counts, a build without errors and the YAML round trip.
fn check(name: &str, expected: [usize; 4]) {
    let Some(path) = refdata(name) else { return };
    let (doc, warnings) = read::read_model_with_warnings(&path).unwrap();

    let total = Summary::of(&doc, &warnings).total;
    let found = [total.objecttypes, total.attributes, total.relations, total.generalisations];
    assert_eq!(found, expected, "{name}: objecttypes, attributes, relations, generalisations");

    // Every element points at its XML element; only the `Extern` package is made up.
    for package in doc.packages.iter().filter(|package| package.element.name != "Extern") {
        for at in locations(package) {
            assert!(
                at.line > 0 && at.col > 0,
                "{name}: an element of `{}` has no place",
                package.element.name
            );
        }
    }

    let (model, diags) = mim::build(&doc);
    let errors: Vec<String> =
        diags.iter().filter(|diag| diag.is_error()).map(ToString::to_string).collect();
    assert!(errors.is_empty(), "{name}: build errors:\n{}", errors.join("\n"));

    let written = yaml_model::write(&doc).unwrap();
    let again = yaml_model::parse(&written, &std::sync::Arc::from("round-trip.yaml")).unwrap();
    let (model_again, diags_again) = mim::build(&again);
    assert!(diags_again.iter().all(|diag| !diag.is_error()), "{name}: round trip errors");
    assert!(
        without_locations(model) == without_locations(model_again),
        "{name}: the IR differs after the YAML round trip"
    );
}

// Classes other than EARootClass whose first stereotype is Objecttype/Relatieklasse or
// that have none (7 + 1 + 1); their UML:Attribute (20); UML:Association not tagged
// ea_type=Abstraction/Dependency (4); UML:Generalization with an xmi.id (2).
#[test]
fn imvertor_sample_base() {
    check("01_imvertor_SampleBase.1.xmi", [9, 20, 4, 2]);
}

// Classes with stereotype Objecttype outside the «Prullenbak» package (26); their
// UML:Attribute (66); UML:Association (98) minus the 82 tagged ea_type=Abstraction and
// the one without stereotype that starts at a ProxyConnector (15); UML:Generalization
// whose subtype is one of those classes (15).
#[test]
fn imx_geo() {
    check("03_geonovum_imx-geo_20240101.xmi.xml", [26, 66, 15, 15]);
}

// Classes with stereotype Objecttype (67) plus the class «Metadata» `Registratie`, which
// has no MIM kind and is read as an objecttype (68); their UML:Attribute (177 + 7 = 184);
// UML:Association (21) minus the one owned by the Gegevensgroeptype
// `BovenbouwgegevensSpoor`, which only an objecttype can own (20); UML:Generalization
// between those classes (56).
#[test]
fn imgeluid_xmi() {
    check("04a_geonovum_IMGeluid_v3_1_1.xmi", [68, 184, 20, 56]);
}

// mim:Objecttype (44); mim:Attribuutsoort under objecttypen (168) plus mim:Gegevensgroep
// (7); mim:RelatiesoortRelatiesoortLeidend (19); mim:GeneralisatieObjecttypes (35).
#[test]
fn imgeluid_mim_xml() {
    check("04b_geonovum_IMGeluid_mim-ex.xml", [44, 175, 19, 35]);
}

// packagedElement uml:Class with stereotype Objecttype (108); their ownedAttribute
// without @association (169); uml:Association (61) minus the 4 whose memberEnd is a plain
// ownedAttribute of a «Keuze» datatype (57), where the 2 that point at a keuze between
// two objecttypes count once per objecttype (59); generalization in those classes (104).
#[test]
fn ibro_xmi() {
    check("05a_geonovum_IBRO-LM.xmi", [108, 169, 59, 104]);
}

// The same model as MIM 1.2: mim:Objecttype (108); mim:Attribuutsoort (169);
// mim:Relatiesoort (57), where the 2 whose doel is a KeuzeRef to a keuze between two
// objecttypes count once per objecttype (59); mim:GeneralisatieObjecttypen (104).
#[test]
fn ibro_mim_xml() {
    check("05b_geonovum_IBRO-LM.mim-xml.xml", [108, 169, 59, 104]);
}

// Named uml:Class whose profile applications or extension stereotype include objecttype
// or featureType, or that have no codeList/dataType/Union/enumeratietype stereotype
// (38); their ownedAttribute without @association (61); uml:Association (61);
// generalization elements whose `general` is one of those classes (8; the other 29 point
// at CityGML classes that are not in the file).
#[test]
fn imgeo() {
    check("06_geonovum_IMGeo_2.2.xmi", [38, 61, 61, 8]);
}

// Named uml:Class that are not EA Boundary/Note (40) minus the «Referentielijst» (39);
// their ownedAttribute without @association (102); uml:Association (23);
// generalization elements (1).
#[test]
fn ggm_delft() {
    check("08_delft_GGM_VoorbeeldGeneratieRelaties.xmi.xml", [39, 102, 23, 1]);
}

// Foundation.Core.Class with stereotype featureType (FeatureType1, FeatureType2: 2);
// their Foundation.Core.Attribute (20 + 2); Foundation.Core.Association with an xmi.id
// (1); Foundation.Core.Generalization (0).
#[test]
fn shapechange_xmi10() {
    check("09_shapechange_test_xmi10.xmi", [2, 22, 1, 0]);
}

// LinkML is not a format patroon reads; the file is refused with a clear, located error.
#[test]
fn linkml_is_refused_with_a_clear_error() {
    let Some(path) = refdata("10_nbnl_aansluitingenregister.linkml.yml") else { return };
    let error = read::read_model(&path).unwrap_err().to_string();
    assert!(error.contains("linkml.yml:15:1: this is a LinkML schema"), "{error}");
}
