//! The MIM intermediate representation: the information model with every reference resolved.
//!
//! Input: built from a `read::doc::ModelDoc` by `build` (which resolves names).
//! Output: `Model`, immutable after building; element kinds use the MIM names.
//! Not here: file formats (see `read`), semantic checks beyond name resolution (see
//! `validate`), anything about APIs (see `pattern`).

mod build;
mod types;

pub use build::build;
pub use types::*;
