//! The single integration-test binary; each module is one area.

// A failed unwrap in a test is the test failing, with the reason printed.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod quirks;
mod xmi_corpus;
