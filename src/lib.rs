//! meedoen: integrated intake, participation ladder, urgent signals and the split social
//! contract for the frontdesk of a Werk & Inkomen team.
//!
//! Layers (arrows point down): `tui`/`cli` → `service` (+ `demo`) → `store`/`export` →
//! `forms` → `domain`; `tests/layering.rs` holds them, docs/architecture.md draws them.

pub mod cli;
pub mod demo;
pub mod domain;
pub mod export;
pub mod forms;
pub mod service;
pub mod store;
pub mod tui;
