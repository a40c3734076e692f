//! The page, in Yew: the app, its state (a reducer with an Action enum over the scenario
//! document), one component per file, and the view-model that turns core results into text.
//! It renders; it does not compute.

mod advisor;
mod app;
mod chart_canvas;
mod chart_data;
pub mod document;
mod download;
mod embed;
mod field_input;
pub mod fields;
mod files_bar;
mod glossary;
mod history_estimator;
mod item_form;
mod item_list;
mod listen;
pub mod locale;
mod plan_table;
pub mod pool;
mod portfolio_view;
mod preset_picker;
pub mod presets;
mod problems;
mod results_table;
mod row_list;
pub mod runs;
mod settings_form;
mod share_bar;
pub mod state;
pub mod view_model;
mod worker_bridge;

pub use app::{read_link_in_steps, App};
pub use embed::{requested as requested_embed, Embed, EmbedProps, EMBED_VIEWS};
