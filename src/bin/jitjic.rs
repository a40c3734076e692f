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

use std::io::{Read, Write};
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use jitjic::core::budget::policy_days;
use jitjic::core::optimise::{
    check_target, optimise as optimise_item, portfolio, sensitivity, Options,
};
use jitjic::core::work;
use jitjic::core::{simulate_item, Comparison, Scenario, ServiceTarget};
use jitjic::share::link::{self, View};
use jitjic::share::optimise_file::OptimiseFile;
use jitjic::share::plan_file::{plan_document, Planned};
use jitjic::share::results::ResultsFile;
use jitjic::share::scenario_file::notes;
use jitjic::share::{parse_scenario, FileError};

const USAGE: &str = "\
jitjic: just-in-time or just-in-case? Simulates each item's policies on the same random days.

Usage:
  jitjic simulate <scenario.json> [--csv] [--trajectory]
  jitjic validate <scenario.json>
  jitjic optimise <scenario.json> [--points N] [--fill-rate PCT | --cycle-service-level PCT]
                  [--sensitivity] [--budget CASH] [--csv] [--plan FILE]
  jitjic link <scenario.json> [--base URL] [--item N]
  jitjic decode <LINK>
  jitjic --help | --version

  simulate      Run every item's policies and print the results as JSON: each metric's mean
                and standard error, yearly and over the horizon, with its unit.
  validate      Check the scenario file and say how much work it describes.
  optimise      Sweep each item's buffer from 0 days (JIT) well past any sensible JIC level on
                an adaptive grid, on the same random days, and print as JSON: the frontier
                (cost and its parts, fill rate, cycle service level, stockout days, cash tied
                up per buffer), the cheapest buffer refined with the buffers that cost the
                same within the noise, its paired difference from JIT, JIC and its neighbours,
                the stance (lean, balanced, buffered) in words and the recommended policy in
                ERP terms; then the portfolio: totals, exchange curve, ABC/XYZ classes.
  link          Print the share link that opens the page on this scenario (validated first).
  decode        Print the scenario file a share link holds (a whole link, #… or the part
                after the #); its problems, if any, go to standard error.
  --base URL    link: the page's address, e.g. https://wiki.example/tools/jitjic/ (default:
                none; the link then starts at its #).
  --item N      link: the item the page shows first (1 is the first; default 1).
  --points N    About how many buffers per item (7 to 200; default 25).
  --fill-rate PCT, --cycle-service-level PCT
                Also find the buffer that service target needs (above 0, below 100 %) and
                its cost above the optimum.
  --sensitivity Rank each item's drivers (one at a time) and say which push its buffer.
  --budget CASH The allocation of buffers within this cash tied up that costs least.
  --plan FILE   Also write a scenario file in which each optimised item compares exactly
                its recommended plan (a \"plan\" policy: its levels by period, as the ERP
                terms give them); simulating it gives the optimum's numbers.
  <scenario>    A scenario file (see docs/scenario.md); - reads standard input.
  --csv         simulate: one CSV row per item and policy; optimise: one row per item with
                the recommended policy in ERP terms. Instead of JSON.
  --trajectory  Include each policy's end-of-day stock on hand by day (JSON only).

Exit status: 0 done; 1 the scenario is not valid; 2 bad command line or unreadable file.
";

/// What the command line asked for.
#[derive(Debug, PartialEq)]
enum Command {
    Help,
    Version,
    Validate { path: String },
    Optimise { path: String, options: OptimiseArgs },
    Simulate { path: String, csv: bool, trajectory: bool },
    Link { path: String, base: String, item: usize },
    Decode { link: String },
}

/// What `optimise` was asked for beyond the file.
#[derive(Debug, PartialEq)]
struct OptimiseArgs {
    points: usize,
    target: Option<ServiceTarget>,
    sensitivity: bool,
    budget: Option<f64>,
    csv: bool,
    /// Where to write the recommended plans as a scenario file.
    plan: Option<String>,
}

impl Default for OptimiseArgs {
    fn default() -> Self {
        OptimiseArgs {
            points: 25,
            target: None,
            sensitivity: false,
            budget: None,
            csv: false,
            plan: None,
        }
    }
}

/// A number after a flag, in range.
fn flag_value(
    flag: &str,
    value: Option<&str>,
    accepted: (f64, f64),
    what: &str,
) -> Result<f64, String> {
    let text = value.ok_or_else(|| format!("{flag} needs a value ({what})"))?;
    let x: f64 = text
        .trim()
        .trim_end_matches('%')
        .parse()
        .map_err(|_| format!("{flag}: \"{text}\" is not a number ({what})"))?;
    if !(x.is_finite() && x >= accepted.0 && x <= accepted.1) {
        return Err(format!("{flag}: {text} is out of range ({what})"));
    }
    Ok(x)
}

fn parse_args(args: &[String]) -> Result<Command, String> {
    let mut words = args.iter().map(String::as_str);
    let command = match words.next() {
        None | Some("-h" | "--help" | "help") => return Ok(Command::Help),
        Some("-V" | "--version") => return Ok(Command::Version),
        Some(c @ ("simulate" | "validate" | "optimise" | "optimize")) => c,
        Some("link") => return parse_link(words),
        Some("decode") => {
            let link = words.next().ok_or("decode needs a link")?.to_owned();
            if let Some(extra) = words.next() {
                return Err(format!("one link at a time; \"{extra}\" is one too many"));
            }
            return Ok(Command::Decode { link });
        }
        Some(other) => {
            return Err(format!(
                "unknown command \"{other}\"; try simulate, validate, optimise, link or decode"
            ))
        }
    };
    let (mut path, mut csv, mut trajectory) = (None, false, false);
    let mut opt = OptimiseArgs::default();
    let optimising = matches!(command, "optimise" | "optimize");
    while let Some(word) = words.next() {
        match word {
            "--csv" if command != "validate" => csv = true,
            "--trajectory" if command == "simulate" => trajectory = true,
            "--points" if optimising => {
                let n = flag_value(
                    word,
                    words.next(),
                    (7.0, 200.0),
                    "accepted: whole numbers from 7 to 200",
                )?;
                if n.fract() != 0.0 {
                    return Err(format!("--points: {n} is not a whole number (accepted: whole numbers from 7 to 200)"));
                }
                opt.points = n as usize;
            }
            "--sensitivity" if optimising => opt.sensitivity = true,
            "--plan" if optimising => {
                let file = words.next().ok_or("--plan needs a file to write the plans to")?;
                opt.plan = Some(file.to_owned());
            }
            "--budget" if optimising => {
                opt.budget = Some(flag_value(
                    word,
                    words.next(),
                    (0.0, 1e15),
                    "cash tied up in the scenario's currency; accepted: from 0",
                )?);
            }
            flag @ ("--fill-rate" | "--cycle-service-level") if optimising => {
                if opt.target.is_some() {
                    return Err(
                        "one service target at a time: --fill-rate or --cycle-service-level".into(),
                    );
                }
                let pct = flag_value(
                    flag,
                    words.next(),
                    (f64::MIN, f64::MAX),
                    "percent; accepted: above 0 and below 100",
                )?;
                let target = if flag == "--fill-rate" {
                    ServiceTarget::FillRate(pct / 100.0)
                } else {
                    ServiceTarget::CycleServiceLevel(pct / 100.0)
                };
                opt.target = Some(check_target(target).map_err(|m| format!("{flag}: {m}"))?);
            }
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
        "optimise" | "optimize" => {
            if trajectory {
                return Err("--trajectory is for simulate".into());
            }
            opt.csv = csv;
            Command::Optimise { path, options: opt }
        }
        _ => Command::Simulate { path, csv, trajectory },
    })
}

/// `link <scenario.json> [--base URL] [--item N]`.
fn parse_link<'a>(mut words: impl Iterator<Item = &'a str>) -> Result<Command, String> {
    let (mut path, mut base, mut item) = (None, String::new(), 0);
    while let Some(word) = words.next() {
        match word {
            "--base" => base = words.next().ok_or("--base needs the page's address")?.to_owned(),
            "--item" => {
                let n = flag_value(word, words.next(), (1.0, 1e6), "accepted: 1 or more")?;
                if n.fract() != 0.0 {
                    return Err(format!("--item: {n} is not a whole number (accepted: 1 or more)"));
                }
                item = n as usize - 1;
            }
            "-h" | "--help" => return Ok(Command::Help),
            flag if flag.starts_with("--") => {
                return Err(format!("unknown option \"{flag}\" for link"))
            }
            file if path.is_none() => path = Some(file.to_owned()),
            extra => {
                return Err(format!("one scenario file at a time; \"{extra}\" is one too many"))
            }
        }
    }
    let path = path.ok_or("link needs a scenario file (or - for stdin)")?;
    Ok(Command::Link { path, base, item })
}

/// Prints the share link of a valid scenario file.
fn share(path: &str, base: &str, item: usize) -> ExitCode {
    let (text, scenario) = match load(path) {
        Ok(loaded) => loaded,
        Err(status) => return status,
    };
    if item >= scenario.items().len() {
        eprintln!(
            "jitjic: --item {}: the scenario has {} item(s)",
            item + 1,
            scenario.items().len()
        );
        return ExitCode::from(2);
    }
    // The file as written (it parsed, so it is JSON), not re-serialised with every default.
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    println!("{}", link::link(base, &doc, &View { item }));
    ExitCode::SUCCESS
}

/// Prints the scenario file a link holds.
fn decode(text: &str) -> ExitCode {
    let shared = match link::decode(text) {
        Ok(shared) => shared,
        Err(e) => {
            eprintln!("jitjic: {e}");
            return ExitCode::from(1);
        }
    };
    let json = serde_json::to_string_pretty(&shared.scenario).unwrap_or_default();
    println!("{json}");
    match parse_scenario(&json) {
        Ok(_) => ExitCode::SUCCESS,
        Err(errors) => {
            report("the link's scenario", &errors);
            ExitCode::from(1)
        }
    }
}

/// A scenario file's text and the scenario, or the exit status after saying what was wrong:
/// 2 when it cannot be read, 1 when it is not valid (every problem printed).
fn load(path: &str) -> Result<(String, Scenario), ExitCode> {
    let text = read(path).map_err(|message| {
        eprintln!("jitjic: {message}");
        ExitCode::from(2)
    })?;
    match parse_scenario(&text) {
        Ok(s) => Ok((text, s)),
        Err(errors) => {
            report(path, &errors);
            Err(ExitCode::from(1))
        }
    }
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
        Command::Optimise { path, options } => return optimise(&path, &options),
        Command::Link { path, base, item } => return share(&path, &base, item),
        Command::Decode { link } => return decode(&link),
        Command::Simulate { path, csv, trajectory } => (path, Some((csv, trajectory))),
    };
    let scenario = match load(&path) {
        Ok((_, s)) => s,
        Err(status) => return status,
    };
    let Some((csv, trajectory)) = output else {
        let items = scenario.items();
        let policies: usize = items.iter().map(|i| i.policies().len()).sum();
        let s = scenario.settings();
        println!(
            "{path}: valid: {} item{}, {policies} polic{}, {} replications of {} days",
            items.len(),
            if items.len() == 1 { "" } else { "s" },
            if policies == 1 { "y" } else { "ies" },
            s.n_replications(),
            s.horizon_days(),
        );
        let reps = s.n_replications();
        let simulate = work::scenario_run(&scenario).total(reps);
        let optimise = work::scenario_frontiers(&scenario, 25).total(reps);
        for (what, days) in [("simulate", simulate), ("optimise", optimise)] {
            println!(
                "work: {what}: {} policy-days, about {} on one core of a 2-core machine \
                 ({} per second)",
                policy_days(days),
                duration(work::native_seconds(days)),
                policy_days(work::NATIVE_PER_SECOND),
            );
        }
        for (at, note) in notes(&scenario) {
            println!("note: {at}: {note}");
        }
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

/// `work(i)` for every i below `n`, spread over the machine's cores, in order. Items are
/// independent (each has its own random streams), so the results are the same whatever the
/// split.
fn in_parallel<T: Send>(n: usize, work: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let workers = cores.min(n).max(1);
    let next = AtomicUsize::new(0);
    let done: Vec<Mutex<Option<T>>> = (0..n).map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= n {
                    break;
                }
                let value = work(i);
                *done[i].lock().unwrap_or_else(|poisoned| poisoned.into_inner()) = Some(value);
            });
        }
    });
    done.into_iter()
        .enumerate()
        .map(|(i, slot)| {
            let slot = slot.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner());
            // A worker finishes every item it takes; should one have died, redo it here.
            slot.unwrap_or_else(|| work(i))
        })
        .collect()
}

fn simulate_in_parallel(scenario: &Scenario) -> Vec<Comparison> {
    let (items, settings) = (scenario.items(), scenario.settings());
    in_parallel(items.len(), |i| simulate_item(&items[i], settings))
}

fn optimise(path: &str, args: &OptimiseArgs) -> ExitCode {
    let (text, scenario) = match load(path) {
        Ok(loaded) => loaded,
        Err(status) => return status,
    };
    let options = Options { points: args.points, target: args.target };
    let (items, settings) = (scenario.items(), scenario.settings());
    let frontiers = in_parallel(items.len(), |i| optimise_item(&items[i], settings, &options));
    for e in frontiers.iter().filter_map(|f| f.as_ref().err()) {
        eprintln!("jitjic: {e}");
    }
    let sensitivities = if args.sensitivity {
        in_parallel(items.len(), |i| {
            frontiers[i]
                .is_ok()
                .then(|| {
                    sensitivity(
                        &scenario,
                        i,
                        &Options { points: 15, target: None },
                        scenario.currency(),
                    )
                })
                .flatten()
        })
    } else {
        Vec::new()
    };
    let portfolio = portfolio(&scenario, frontiers.clone(), scenario.currency());
    if let Some(budget) = args.budget {
        if let Err(message) = portfolio.allocate(budget) {
            eprintln!("jitjic: --budget: {message}");
            return ExitCode::from(2);
        }
    }
    if let Some(file) = &args.plan {
        let mut plans: Vec<Option<Planned<'_>>> = (0..items.len()).map(|_| None).collect();
        for p in &portfolio.items {
            plans[p.index] = Some(Planned {
                name: format!(
                    "Plan: optimum {} days",
                    (p.advice.buffer_days * 100.0).round() / 100.0
                ),
                plan: &p.advice.erp,
                warm_up_days: items[p.index].warm_up_days(),
            });
        }
        // The file as written (it parsed, so it is JSON), with the plans in it.
        let doc: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        let json = serde_json::to_string_pretty(&plan_document(&doc, &plans)).unwrap_or_default();
        if let Err(e) = std::fs::write(file, json + "\n") {
            eprintln!("jitjic: --plan: cannot write {file}: {e}");
            return ExitCode::from(2);
        }
    }
    let output = if args.csv {
        jitjic::share::erp_csv::portfolio(&portfolio)
    } else {
        OptimiseFile::new(&scenario, &frontiers, &sensitivities, &portfolio, args.budget).to_json()
            + "\n"
    };
    let mut stdout = std::io::stdout().lock();
    if stdout.write_all(output.as_bytes()).and_then(|()| stdout.flush()).is_err() {
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
            parse_args(&args(&["link", "a.json", "--base", "https://x/j/", "--item", "3"])),
            Ok(Command::Link { path: "a.json".into(), base: "https://x/j/".into(), item: 2 })
        );
        assert!(parse_args(&args(&["link", "a", "--item", "0"]))
            .unwrap_err()
            .contains("1 or more"));
        assert!(parse_args(&args(&["link"])).unwrap_err().contains("needs a scenario"));
        assert_eq!(
            parse_args(&args(&["decode", "#1.abc"])),
            Ok(Command::Decode { link: "#1.abc".into() })
        );
        assert!(parse_args(&args(&["decode"])).unwrap_err().contains("needs a link"));
        assert_eq!(
            parse_args(&args(&["optimise", "a"])),
            Ok(Command::Optimise { path: "a".into(), options: OptimiseArgs::default() })
        );
        assert_eq!(
            parse_args(&args(&["optimise", "a", "--fill-rate", "98.5", "--points", "15"])),
            Ok(Command::Optimise {
                path: "a".into(),
                options: OptimiseArgs {
                    points: 15,
                    target: Some(ServiceTarget::FillRate(0.985)),
                    ..OptimiseArgs::default()
                }
            })
        );
        let full = parse_args(&args(&["optimise", "a", "--cycle-service-level", "100"]));
        assert!(full.unwrap_err().contains("infinite buffer"), "100% is refused with the reason");
        assert!(parse_args(&args(&["optimise", "a", "--points", "3"]))
            .unwrap_err()
            .contains("7 to 200"));
        assert!(parse_args(&args(&["optimise", "a", "--budget"]))
            .unwrap_err()
            .contains("needs a value"));
        assert!(parse_args(&args(&["simulate", "a", "--csv", "--trajectory"])).is_err());
    }
}

/// Seconds in words: "0.4 s", "12 s", "7 min", "3.2 h".
fn duration(seconds: f64) -> String {
    if seconds < 10.0 {
        format!("{:.1} s", seconds)
    } else if seconds < 600.0 {
        format!("{:.0} s", seconds)
    } else if seconds < 3.0 * 3600.0 {
        format!("{:.0} min", seconds / 60.0)
    } else {
        format!("{:.1} h", seconds / 3600.0)
    }
}
