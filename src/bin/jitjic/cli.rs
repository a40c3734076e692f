//! The commands: reading a scenario, running it, printing what was asked.

use std::io::{Read, Write};
use std::path::Path;
use std::process::ExitCode;
use std::sync::Mutex;

use jitjic::core::budget::policy_days;
use jitjic::core::optimise::levers::optimise_with_levers as optimise_item;
use jitjic::core::optimise::{portfolio, sensitivity, warehouse_sample, Options};
use jitjic::core::sim::{simulate_item_keeping, Keep};
use jitjic::core::warehouse::Tally;
use jitjic::core::work;
use jitjic::core::{Comparison, Scenario};
use jitjic::share::link::{self, View};
use jitjic::share::optimise_file::OptimiseFile;
use jitjic::share::plan_file::{plan_document, Planned};
use jitjic::share::results::ResultsFile;
use jitjic::share::scenario_file::notes;
use jitjic::share::{parse_scenario, FileError};

use crate::args::{parse_args, Command, OptimiseArgs};

const USAGE: &str = "\
jitjic: just-in-time or just-in-case? Simulates each item's policies on the same random days.

Usage:
  jitjic simulate <scenario.json> [--csv] [--trajectory]
  jitjic validate <scenario.json>
  jitjic optimise <scenario.json> [--points N] [--fill-rate PCT | --cycle-service-level PCT]
                  [--sensitivity] [--budget CASH] [--csv] [--plan FILE]
  jitjic link <scenario.json> [--base URL] [--item N]
  jitjic decode <LINK>
  jitjic simulate|optimise [<header.json>] --items <catalogue> [--csv] [--shard K/N]
                  [--first-position P] [optimise's --points, --fill-rate, --cycle-service-level]
                  [optimise's --for-portfolio]
  jitjic portfolio <records.jsonl> [--partial] [--budget CASH]
  jitjic --help | --version

  simulate      Run every item's policies and print the results as JSON: each metric's mean
                and standard error, yearly and over the horizon, with its unit.
  validate      Check the scenario file and say how much work it describes: policy-days
                for simulate and for optimise, and about how long each takes here.
  optimise      Sweep each item's buffer from 0 days (JIT) well past any sensible JIC level on
                an adaptive grid, on the same random days, and print as JSON: the frontier
                (cost and its parts, fill rate, cycle service level, stockout days, cash tied
                up per buffer), the cheapest buffer refined with the buffers that cost the
                same within the noise, its paired difference from JIT, JIC and its neighbours,
                the stance (lean, balanced, buffered) in words and the recommended policy in
                ERP terms; then the portfolio: totals, exchange curve, ABC/XYZ classes.
  portfolio     Add up a catalogue's optimise records (written with --for-portfolio) into
                its portfolio: totals JIT everywhere, JIC everywhere and each item at its
                optimum (summed replication by replication, exactly: any order or grouping of
                the records gives the same bits), exchange curve, ABC/XYZ classes. Its input
                may also hold --partial lines, each the sums of a piece of the catalogue.
  link          Print the share link that opens the page on this scenario (validated first).
  decode        Print the scenario file a share link holds (a whole link, #… or the part
                after the #; - reads it from standard input); its problems, if any, go to
                standard error.
  --base URL    link: the page's address, e.g. https://wiki.example/tools/jitjic/ (default:
                none; the link then starts at its #).
  --item N      link: the item the page shows first (1 is the first; default 1).
  --points N    About how many buffers per item (7 to 200; default 25).
  --fill-rate PCT, --cycle-service-level PCT
                Also find the buffer that service target needs (above 0, below 100 %) and
                its cost above the optimum.
  --sensitivity Rank each item's drivers (one at a time) and say which push its buffer.
  --budget CASH optimise, portfolio: the allocation of buffers within this cash tied up
                that costs least.
  --plan FILE   Also write a scenario file in which each optimised item compares exactly
                its recommended plan (a \"plan\" policy: its levels by period, as the ERP
                terms give them); simulating it gives the optimum's numbers.
  <scenario>    A scenario file (see docs/scenario.md); - reads standard input.
  --csv         simulate: one CSV row per item and policy; optimise: one row per item with
                the recommended policy in ERP terms. Instead of JSON.
  --trajectory  Include each policy's end-of-day stock on hand by day (JSON only).
  --items FILE  A catalogue streamed item by item (JSON Lines or CSV; - reads standard
                input): one record out per item, in input order, as JSON Lines (or CSV rows
                with --csv), in the memory of a few items whatever the catalogue's size. The
                settings and suppliers come from <header.json> (a scenario file without items)
                or the catalogue's first line; a bad record is reported in its place. See
                docs/catalogue.md.
  --shard K/N   --items: only the records whose position is K-1 modulo N (K from 1 to N).
  --first-position P
                --items: the input is a piece of a catalogue whose first record is at
                position P (from 0), so each item draws its own position's random days.
  --for-portfolio
                optimise --items: each record also carries what `jitjic portfolio` adds up
                (its cost in each replication for JIT, JIC and its optimum, and its exchange
                hull).
  --partial     portfolio: write the records' sums as one line, for another portfolio to
                merge with other pieces', instead of the portfolio.

Exit status: 0 done; 1 the scenario is not valid (--items: some records failed); 2 bad
command line or unreadable file.
";

/// Prints the share link of a valid scenario file.
fn share(path: &Path, base: &str, item: usize) -> ExitCode {
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
    let whole = link::link(base, &doc, &View { item });
    // A link the page would refuse to open is not written.
    let chars = whole.split_once('#').map_or(0, |(_, f)| f.chars().count());
    if chars > link::MAX_LINK_CHARS {
        eprintln!(
            "jitjic: the link would be {chars} characters after its #; a link holds up to {}: \
             share the scenario file instead",
            link::MAX_LINK_CHARS
        );
        return ExitCode::from(2);
    }
    println!("{whole}");
    ExitCode::SUCCESS
}

/// Prints the scenario file a link holds.
fn decode(text: &str) -> ExitCode {
    let text = if text == "-" {
        match read(Path::new("-")) {
            Ok(text) => text,
            Err(message) => {
                eprintln!("jitjic: {message}");
                return ExitCode::from(2);
            }
        }
    } else {
        text.to_owned()
    };
    let shared = match link::decode(&text) {
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
fn load(path: &Path) -> Result<(String, Scenario), ExitCode> {
    let text = read(path).map_err(|message| {
        eprintln!("jitjic: {message}");
        ExitCode::from(2)
    })?;
    match parse_scenario(&text) {
        Ok(s) => Ok((text, s)),
        Err(errors) => {
            report(&path.display().to_string(), &errors);
            Err(ExitCode::from(1))
        }
    }
}

/// A file's text (`-`: standard input), read no further than the most a scenario may be.
pub(crate) fn read(path: &Path) -> Result<String, String> {
    let most = jitjic::share::gate::MAX_JSON_BYTES;
    let mut bytes = Vec::new();
    let stdin = path.as_os_str() == "-";
    let result = if stdin {
        std::io::stdin().lock().take(most as u64 + 1).read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|f| f.take(most as u64 + 1).read_to_end(&mut bytes))
    };
    let name = if stdin { "standard input".to_owned() } else { path.display().to_string() };
    result.map_err(|e| format!("cannot read {name}: {e}"))?;
    if bytes.len() > most {
        return Err(format!(
            "{name} is over {} MB; accepted: a scenario of up to that",
            most >> 20
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{name} is not UTF-8 text (a byte that is not, at byte {}); accepted: JSON text",
            e.utf8_error().valid_up_to()
        )
    })
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
        Command::Catalogue(args) => return crate::catalogue::run(&args),
        Command::Portfolio { path, partial, budget } => {
            return crate::portfolio::run(&path, partial, budget)
        }
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
            "{}: valid: {} item{}, {policies} polic{}, {} replications of {} days",
            path.display(),
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
    // Stock on hand over time is kept only when it is printed.
    let keep = if trajectory { Keep::Trajectories } else { Keep::Metrics };
    let comparisons = simulate_in_parallel(&scenario, keep);
    let results = ResultsFile::new(&scenario, &comparisons, trajectory);
    let text = if csv { results.to_csv(&scenario, &comparisons) } else { results.to_json() + "\n" };
    let mut out = std::io::stdout().lock();
    if out.write_all(text.as_bytes()).and_then(|()| out.flush()).is_err() {
        // A closed pipe (`| head`) is not an error worth a message.
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}

/// `work(i)` for every i below `n`, spread over the machine's cores (rayon), in order. Items
/// are independent (each has its own random streams), so the results are the same whatever
/// the split.
fn in_parallel<T: Send>(n: usize, work: impl Fn(usize) -> T + Sync + Send) -> Vec<T> {
    use rayon::prelude::*;
    (0..n).into_par_iter().map(work).collect()
}

fn simulate_in_parallel(scenario: &Scenario, keep: Keep) -> Vec<Comparison> {
    let (items, settings) = (scenario.items(), scenario.settings());
    in_parallel(items.len(), |i| simulate_item_keeping(&items[i], settings, keep))
}

fn optimise(path: &Path, args: &OptimiseArgs) -> ExitCode {
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
    // The warehouse's samples, added as each is made (integer sums: any order gives the
    // same bits) and dropped, so memory does not grow with the items.
    let space = scenario.warehouse().map(|_| {
        let tally = Tally::for_run(settings.n_replications(), settings.horizon_days());
        let tally = Mutex::new(tally);
        in_parallel(items.len(), |i| {
            if let Ok(f) = &frontiers[i] {
                let sample = warehouse_sample(&items[i], settings, f, scenario.space_per_unit(i));
                let mut tally = tally.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
                // The same shape by construction.
                let _ = tally.add(&sample);
            }
        });
        tally.into_inner().unwrap_or_else(|poisoned| poisoned.into_inner())
    });
    let portfolio = portfolio(&scenario, frontiers.clone(), space.as_ref());
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
            eprintln!("jitjic: --plan: cannot write {}: {e}", file.display());
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

pub fn main() -> ExitCode {
    match parse_args(std::env::args_os().skip(1)) {
        Ok(command) => run(command),
        Err(message) => {
            eprintln!("jitjic: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
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
