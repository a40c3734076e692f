//! Formats: the scenario file (JSON) and the results written from it, as versioned
//! serialisable counterparts of the core types, and their conversion into a validated
//! scenario, and share links (`link`). Only this module knows what a file or a link looks
//! like.

pub mod catalogue;
pub mod csv_text;
pub mod erp_csv;
pub mod gate;
pub mod items_csv;
pub mod json_path;
pub mod link;
pub mod optimise_file;
pub mod plan_file;
pub mod portfolio_file;
pub mod results;
pub mod scenario_file;

pub use scenario_file::{parse_scenario, read_file, FileError, Problem, ScenarioFile, VERSION};
