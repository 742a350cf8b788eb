//! patroon turns a MIM information model into OpenAPI specifications.
//!
//! Input: a model file (patroon YAML) and its API profile.
//! Output: OpenAPI 3.0.3 documents, one per API design pattern.
//! Not here: command-line handling (see `main.rs` and `cli/`).
//!
//! The stages, in order: `read` → `mim` (resolved IR) → `validate` → `pattern` (API IR)
//! → `render` (minijinja templates). `pipeline` strings them together.

#![deny(missing_docs)]

pub mod location;
pub mod mim;
pub mod output;
pub mod pattern;
pub mod pipeline;
pub mod profile;
pub mod read;
pub mod render;
pub mod validate;
pub mod yaml;
