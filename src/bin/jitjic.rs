//! `jitjic`: the page's engine on the command line, for batch runs over a catalogue.
//!
//! ```text
//! jitjic simulate scenario.json [--csv] [--trajectory]   results as JSON (or CSV)
//! jitjic validate scenario.json                          check a file, simulate nothing
//! jitjic optimise scenario.json                          each item's JIT-to-JIC frontier
//! ```
//!
//! `-` reads the scenario from standard input. Exit status: 0 done, 1 the scenario is not
//! valid (every problem is printed to standard error with its JSON path), 2 the command line
//! or a file could not be used.

use std::io::{Read, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use jitjic::core::optimise::frontier;
use jitjic::core::{simulate_item, Comparison, Scenario};
use jitjic::share::results::{FrontierFile, ResultsFile};
use jitjic::share::{parse_scenario, FileError};

const USAGE: &str = "\
jitjic: just-in-time or just-in-case? Simulates each item's policies on the same random days.

Usage:
  jitjic simulate <scenario.json> [--csv] [--trajectory]
  jitjic validate <scenario.json>
  jitjic optimise <scenario.json>
  jitjic --help | --version

  simulate      Run every item's policies and print the results as JSON: each metric's mean
                and standard error, yearly and over the horizon, with its unit.
  validate      Check the scenario file and say how much work it describes.
  optimise      Sweep each item's buffer from 0 days (JIT) to 30 days of mean demand on the
                same random days and print the frontier as JSON: cost, fill rate, cycle
                service level, stockout days and cash tied up per buffer, the cheapest
                buffer and the buffers that cost the same within the noise.
  <scenario>    A scenario file (see docs/scenario.md); - reads standard input.
  --csv         Print one CSV row per item and policy instead of JSON.
  --trajectory  Include each policy's end-of-day stock on hand by day (JSON only).

Exit status: 0 done; 1 the scenario is not valid; 2 bad command line or unreadable file.
";

/// What the command line asked for.
#[derive(Debug, PartialEq)]
enum Command {
    Help,
    Version,
    Validate { path: String },
    Optimise { path: String },
    Simulate { path: String, csv: bool, trajectory: bool },
}

fn parse_args(args: &[String]) -> Result<Command, String> {
    let mut words = args.iter().map(String::as_str);
    let command = match words.next() {
        None | Some("-h" | "--help" | "help") => return Ok(Command::Help),
        Some("-V" | "--version") => return Ok(Command::Version),
        Some(c @ ("simulate" | "validate" | "optimise" | "optimize")) => c,
        Some(other) => {
            return Err(format!("unknown command \"{other}\"; try simulate, validate or optimise"))
        }
    };
    let (mut path, mut csv, mut trajectory) = (None, false, false);
    for word in words {
        match word {
            "--csv" if command == "simulate" => csv = true,
            "--trajectory" if command == "simulate" => trajectory = true,
            "-h" | "--help" => return Ok(Command::Help),
            flag if flag.starts_with("--") => {
                return Err(format!("unknown option \"{flag}\" for {command}"))
            }
            file if path.is_none() => path = Some(file.to_owned()),
            extra => {
                return Err(format!("one scenario file at a time; \"{extra}\" is one too many"))
            }
        }
    }
    let path = path.ok_or_else(|| format!("{command} needs a scenario file (or - for stdin)"))?;
    if csv && trajectory {
        return Err("--trajectory is for JSON output; leave out --csv or --trajectory".into());
    }
    Ok(match command {
        "validate" => Command::Validate { path },
        "optimise" | "optimize" => Command::Optimise { path },
        _ => Command::Simulate { path, csv, trajectory },
    })
}

fn read(path: &str) -> Result<String, String> {
    let mut text = String::new();
    let result = if path == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::File::open(path).and_then(|mut f| f.read_to_string(&mut text)).map(|_| ())
    };
    result.map(|()| text).map_err(|e| format!("cannot read {path}: {e}"))
}

fn report(path: &str, errors: &[FileError]) {
    let mut err = std::io::stderr().lock();
    let n = errors.len();
    let _ = writeln!(
        err,
        "{path}: not a valid scenario ({n} problem{}):",
        if n == 1 { "" } else { "s" }
    );
    for e in errors {
        let _ = writeln!(err, "  {e}");
    }
}

fn run(command: Command) -> ExitCode {
    let (path, output) = match command {
        Command::Help => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Command::Version => {
            println!("jitjic {}", env!("CARGO_PKG_VERSION"));
            return ExitCode::SUCCESS;
        }
        Command::Validate { path } => (path, None),
        Command::Optimise { path } => return optimise(&path),
        Command::Simulate { path, csv, trajectory } => (path, Some((csv, trajectory))),
    };
    let text = match read(&path) {
        Ok(text) => text,
        Err(message) => {
            eprintln!("jitjic: {message}");
            return ExitCode::from(2);
        }
    };
    let scenario = match parse_scenario(&text) {
        Ok(s) => s,
        Err(errors) => {
            report(&path, &errors);
            return ExitCode::from(1);
        }
    };
    let Some((csv, trajectory)) = output else {
        let items = scenario.items();
        let policies: usize = items.iter().map(|i| i.policies().len()).sum();
        let s = scenario.settings();
        let item_days =
            policies as u64 * u64::from(s.n_replications()) * u64::from(s.horizon_days());
        println!(
            "{path}: valid: {} item{}, {policies} polic{}, {} replications of {} days \
             ({item_days} policy-item-days to simulate)",
            items.len(),
            if items.len() == 1 { "" } else { "s" },
            if policies == 1 { "y" } else { "ies" },
            s.n_replications(),
            s.horizon_days(),
        );
        return ExitCode::SUCCESS;
    };
    let comparisons = simulate_in_parallel(&scenario);
    let results = ResultsFile::new(&scenario, &comparisons, trajectory);
    let text = if csv { results.to_csv(&scenario, &comparisons) } else { results.to_json() + "\n" };
    let mut out = std::io::stdout().lock();
    if out.write_all(text.as_bytes()).and_then(|()| out.flush()).is_err() {
        // A closed pipe (`| head`) is not an error worth a message.
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}

/// Every item's comparison, items spread over the machine's cores. Items are independent
/// (each has its own random streams), so the results are the same whatever the split.
fn simulate_in_parallel(scenario: &Scenario) -> Vec<Comparison> {
    let items = scenario.items();
    let settings = scenario.settings();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let workers = cores.min(items.len()).max(1);
    let next = AtomicUsize::new(0);
    let done: Vec<Mutex<Option<Comparison>>> = items.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                let comparison = simulate_item(item, settings);
                *done[i].lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(comparison);
            });
        }
    });
    done.into_iter()
        .zip(items)
        .map(|(slot, item)| {
            let slot = slot.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner());
            // A worker finishes every item it takes; should one have died, redo its item here.
            slot.unwrap_or_else(|| simulate_item(item, settings))
        })
        .collect()
}

/// The buffers the frontier is simulated at, in days of mean demand.
const FRONTIER_GRID_DAYS: [f64; 17] =
    [0.0, 0.5, 1.0, 1.5, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 10.0, 12.0, 15.0, 20.0, 25.0, 30.0];

fn optimise(path: &str) -> ExitCode {
    let scenario = match read(path).map(|text| parse_scenario(&text)) {
        Err(message) => {
            eprintln!("jitjic: {message}");
            return ExitCode::from(2);
        }
        Ok(Err(errors)) => {
            report(path, &errors);
            return ExitCode::from(1);
        }
        Ok(Ok(s)) => s,
    };
    let frontiers: Vec<_> = scenario
        .items()
        .iter()
        .filter_map(|item| frontier(item, scenario.settings(), &FRONTIER_GRID_DAYS))
        .collect();
    let text = FrontierFile::new(&scenario, &frontiers).to_json() + "\n";
    let mut out = std::io::stdout().lock();
    if out.write_all(text.as_bytes()).and_then(|()| out.flush()).is_err() {
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match parse_args(&args) {
        Ok(command) => run(command),
        Err(message) => {
            eprintln!("jitjic: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(words: &[&str]) -> Vec<String> {
        words.iter().map(|w| (*w).to_owned()).collect()
    }

    #[test]
    fn the_command_line_is_read_strictly() {
        assert_eq!(parse_args(&args(&[])), Ok(Command::Help));
        assert_eq!(
            parse_args(&args(&["simulate", "a.json", "--csv"])),
            Ok(Command::Simulate { path: "a.json".into(), csv: true, trajectory: false })
        );
        assert_eq!(
            parse_args(&args(&["validate", "-"])),
            Ok(Command::Validate { path: "-".into() })
        );
        assert!(parse_args(&args(&["simulate"])).unwrap_err().contains("needs a scenario"));
        assert!(parse_args(&args(&["validate", "a", "--csv"])).unwrap_err().contains("--csv"));
        assert!(parse_args(&args(&["simulate", "a", "b"])).unwrap_err().contains("\"b\""));
        assert!(parse_args(&args(&["run", "a"])).unwrap_err().contains("unknown command"));
        assert_eq!(
            parse_args(&args(&["optimise", "a"])),
            Ok(Command::Optimise { path: "a".into() })
        );
        assert!(parse_args(&args(&["simulate", "a", "--csv", "--trajectory"])).is_err());
    }
}
