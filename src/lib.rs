//! jitjic: just-in-time or just-in-case? A Monte Carlo inventory calculator.
//!
//! `ui → charts → core`, `ui → share → core`, `ui → worker → share → core`: see
//! ARCHITECTURE.md.

pub mod charts;
pub mod core;
pub mod share;
pub mod ui;
pub mod worker;
