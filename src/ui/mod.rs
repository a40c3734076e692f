//! The page, in Yew: the app, its state (a reducer with an Action enum), one component per
//! file, and the view-model that turns core results into text. It renders; it does not
//! compute.

mod app;
mod chart_canvas;
mod number_field;
mod results_table;
pub mod state;
pub mod view_model;

pub use app::App;
