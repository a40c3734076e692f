//! Formats: the scenario file (JSON), the share link and CSV, as versioned serialisable
//! counterparts of the core types, and their conversion into a validated scenario. Only this
//! module knows what a link or a file looks like.
//!
//! The foundation slice has no format yet: the page's form is its only input, and the form's
//! text is validated by `core::input`. The scenario file and the link arrive with the engine
//! and sharing work, here.
