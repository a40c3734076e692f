//! `jitjic portfolio`: a catalogue's portfolio from its optimise records
//! (`optimise --items … --for-portfolio`), or from pieces' partial sums, read line by line.
//! See `jitjic::share::portfolio_file`.

use std::fs::File;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::ExitCode;

use jitjic::share::portfolio_file::Gather;

pub fn run(path: &Path, partial: bool, budget: Option<f64>) -> ExitCode {
    let input: Box<dyn BufRead> = if path.as_os_str() == "-" {
        Box::new(BufReader::new(std::io::stdin().lock()))
    } else {
        match File::open(path) {
            Ok(f) => Box::new(BufReader::new(f)),
            Err(e) => {
                eprintln!("jitjic: cannot read {}: {e}", path.display());
                return ExitCode::from(2);
            }
        }
    };
    let mut gather = Gather::default();
    let mut unreadable = 0_u64;
    for (n, line) in input.split(b'\n').enumerate() {
        let line = match line {
            Ok(l) => l,
            Err(e) => {
                eprintln!("jitjic: cannot read {}: {e}", path.display());
                return ExitCode::from(2);
            }
        };
        let text = String::from_utf8_lossy(&line);
        if text.trim().is_empty() {
            continue;
        }
        if let Err(why) = gather.line(&text) {
            eprintln!("jitjic: {}: line {}: {why}", path.display(), n + 1);
            unreadable += 1;
        }
    }
    let mut out = std::io::stdout().lock();
    if partial {
        return match out.write_all(gather.partial_line().as_bytes()) {
            Ok(()) if unreadable == 0 => ExitCode::SUCCESS,
            Ok(()) => ExitCode::from(1),
            Err(_) => ExitCode::from(2),
        };
    }
    let portfolio = match gather.finish(budget) {
        Ok(p) => p,
        Err(why) => {
            eprintln!("jitjic: {why}");
            return ExitCode::from(2);
        }
    };
    // Written as it is made: a catalogue's curve and classes run to many megabytes.
    let mut out = std::io::BufWriter::new(out);
    if serde_json::to_writer_pretty(&mut out, &portfolio).is_err()
        || writeln!(out).is_err()
        || out.flush().is_err()
    {
        return ExitCode::from(2);
    }
    let failed = portfolio.failed + unreadable;
    if failed > 0 {
        eprintln!(
            "jitjic: {failed} record(s) failed or could not be read; the totals leave them out"
        );
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
