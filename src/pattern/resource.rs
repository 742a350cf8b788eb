//! The resource-per-entity pattern: plain JSON resources in the style of the ZGW APIs.
//!
//! Input: the resolved model and the profile.
//! Output: an `Api` with, per resource objecttype, a collection (paginated GET, POST) and
//! an item (GET, PUT, PATCH, DELETE); abstract supertypes as one resource whose schema is a
//! `oneOf` over the concrete subtypes with a discriminator; referentielijsten as read-only
//! resources.
//! Not here: the schemas of MIM types, the object schemas and the shared paths and
//! components (see `common`); inverse relation properties (a relation shows on its source
//! only).

use crate::pattern::api::Place;
use crate::pattern::common::{ApiBuilder, Endpoints};

/// Builds the resource-per-entity API.
pub fn build(builder: &mut ApiBuilder<'_>) {
    for objecttype in builder.resources() {
        resource(builder, objecttype);
    }
    for list in 0..builder.model.referentielijsten.len() {
        builder.plain_referentielijst(list);
    }
    builder.record_absent();
}

/// A resource: its schema, its PATCH schema, its collection and item paths.
fn resource(builder: &mut ApiBuilder<'_>, objecttype: usize) {
    builder.resource_tag(objecttype);
    let name = builder.resource_schema(objecttype, "");
    let patch = builder.resource_schema(objecttype, "Patched");
    builder.expose(
        builder.model.objecttypes[objecttype].element.name.clone(),
        Place::Schema(name.clone()),
    );
    let page = builder.paginated_schema(&name);
    let endpoints = Endpoints {
        objecttype,
        item: name,
        patch: Some(patch),
        page,
        read_parameters: Vec::new(),
        writable: true,
    };
    let paths = builder.endpoints(&endpoints);
    builder.api.paths.extend(paths);
}
