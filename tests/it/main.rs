//! The single integration-test binary: every module below is one area of behaviour.
//!
//! Input: the committed model, fixtures under tests/fixtures, goldens under tests/golden
//! and output/, and (when `PATROON_REFDATA` is set) the shared reference data.
//! Output: test results; goldens are rewritten when `PATROON_UPDATE_GOLDEN=1`.
//! Not here: unit tests of single functions (they sit beside their code).

// Helpers outside `#[test]` functions fail tests by panicking, as tests do.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod cli;
mod golden;
mod klantinteracties;
mod patterns;
mod quirks;
mod support;
mod tidy;
mod xmi_corpus;
