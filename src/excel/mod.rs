//! Excel in and out (DOMAIN.md §4): the generic reader and import pipeline driven by table specs,
//! and the report writer every export uses.

pub mod cells;
pub mod guard;
pub mod html;
pub mod import;
pub mod kinds;
pub mod limits;
pub mod names;
pub mod read;
pub mod spec;
pub mod write;
