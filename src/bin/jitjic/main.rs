//! `jitjic`: the page's engine on the command line, for batch runs over a catalogue.
//!
//! ```text
//! jitjic simulate scenario.json [--csv] [--trajectory]   results as JSON (or CSV)
//! jitjic validate scenario.json                          check a file, simulate nothing
//! jitjic optimise scenario.json                          each item's JIT-to-JIC frontier
//! jitjic link scenario.json [--base URL] [--item N]      the scenario as a share link
//! jitjic decode LINK                                     a share link's scenario file
//! ```
//!
//! `-` reads the scenario from standard input. Exit status: 0 done, 1 the scenario is not
//! valid (every problem is printed to standard error with its JSON path), 2 the command line
//! or a file could not be used.

// The command-line tool is native: in a wasm build this binary is an empty `main`, and
// lexopt is a native-only dependency.
#![cfg_attr(target_arch = "wasm32", allow(unused))]

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod args;
#[cfg(not(target_arch = "wasm32"))]
mod catalogue;
#[cfg(not(target_arch = "wasm32"))]
mod cli;
#[cfg(not(target_arch = "wasm32"))]
mod portfolio;

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}
