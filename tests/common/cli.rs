//! Running the `jitjic` binary as a person would, for the test files that do
//! (`#[path = "common/cli.rs"] mod run;`).

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// The binary run with `args`, `stdin` written to it (if any), and what it printed.
pub fn jitjic(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_jitjic"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the jitjic binary runs");
    if let Some(text) = stdin {
        // A command refused on its arguments exits without reading: a closed pipe is fine.
        match child.stdin.take().unwrap().write_all(text.as_bytes()) {
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
            result => result.unwrap(),
        }
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}
