//! The pattern stage: the MIM model and the API profile in, an API IR out, one module per
//! API design pattern.
//!
//! Input: a validated `mim::Model` and a `Profile`.
//! Output: `api::Api` (paths, operations, schemas) for the chosen `ApiPattern`.
//! Not here: YAML or OpenAPI-version details (see `render`); patterns never see files.

pub mod action;
pub mod aggregate;
pub mod api;
pub mod common;
pub mod hal;
pub mod names;
pub mod naming;
pub mod resource;

use std::fmt;

use crate::location::Diagnostic;
use crate::mim::Model;
use crate::profile::Profile;

/// The API design patterns patroon can generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, clap::ValueEnum)]
pub enum ApiPattern {
    /// Resource per entity, plain JSON (ZGW and Open Klant style).
    Resource,
    /// Resource per entity as HAL with expand and fields (VNG API-Kennisbank style).
    Hal,
    /// Aggregate roots from the profile that carry their parts in one body.
    Aggregate,
    /// Handelingen from the profile as POST on action paths, plus reads.
    Action,
}

impl ApiPattern {
    /// Every implemented pattern, in output order.
    pub const ALL: [ApiPattern; 4] =
        [ApiPattern::Resource, ApiPattern::Hal, ApiPattern::Aggregate, ApiPattern::Action];

    /// The name used on the command line and as the output folder.
    pub fn name(self) -> &'static str {
        match self {
            ApiPattern::Resource => "resource",
            ApiPattern::Hal => "hal",
            ApiPattern::Aggregate => "aggregate",
            ApiPattern::Action => "action",
        }
    }
}

impl fmt::Display for ApiPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Builds the API of one pattern.
pub fn build(model: &Model, profile: &Profile, pattern: ApiPattern) -> api::Api {
    let mut builder = common::ApiBuilder::new(model, profile, pattern.name());
    match pattern {
        ApiPattern::Resource => resource::build(&mut builder),
        ApiPattern::Hal => hal::build(&mut builder),
        ApiPattern::Aggregate => aggregate::build(&mut builder),
        ApiPattern::Action => action::build(&mut builder),
    }
    if builder.resources().is_empty() {
        let message = "no objecttype of the model is a resource of this API (all are abstract, \
                       external or excluded); there is nothing to generate";
        let at = model.element.at.clone();
        builder.api.diagnostics.push(Diagnostic::error(at, &model.element.name, message));
    }
    unique_operation_ids(&mut builder.api);
    builder.api
}

/// Numbers apart operationIds that two resources derived alike; they must be unique.
fn unique_operation_ids(api: &mut api::Api) {
    let mut seen = std::collections::HashSet::new();
    for item in &mut api.paths {
        for operation in &mut item.operations {
            let base = operation.operation_id.clone();
            let mut number = 2;
            while !seen.insert(operation.operation_id.clone()) {
                operation.operation_id = format!("{base}{number}");
                number += 1;
            }
        }
    }
}
