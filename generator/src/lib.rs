//! A generator of typed Rust API clients.
//!
//! Inputs (reference pages, later OpenAPI documents) are read by a [`frontend`] into the
//! [`ir`]; the [`emit`] step turns the IR into the files of a crate; [`output`] writes them, or
//! checks that what is on disk matches.

pub mod diag;
pub mod frontend;
pub mod ir;
pub mod names;
