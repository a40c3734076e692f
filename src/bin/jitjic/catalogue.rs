//! A catalogue streamed through `simulate` or `optimise` (`--items`): records read as the
//! cores free up (a sliding window of a few records a core, run on rayon's pool), written in
//! input order as each is done, so memory is set by the window, not by the catalogue. See
//! `jitjic::share::catalogue`.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufRead, BufReader, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc::{sync_channel, Receiver, TryRecvError};
use std::sync::Arc;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use jitjic::core::optimise::levers::optimise_with_levers as optimise_item;
use jitjic::core::optimise::{portfolio, Options};
use jitjic::core::sim::{simulate_item_keeping, Keep};
use jitjic::core::Scenario;
use jitjic::share::catalogue::{self, Header, Line, Lines, RecordError};
use jitjic::share::erp_csv;
use jitjic::share::items_csv::ItemRows;
use jitjic::share::optimise_file::{OptimiseFile, OptimisedItemOut};
use jitjic::share::portfolio_file::ShareOut;
use jitjic::share::results::{csv_rows, ItemOut, ResultsFile, Shown};
use serde::Serialize;

use crate::args::OptimiseArgs;

/// What a streamed catalogue was asked for.
#[derive(Debug, PartialEq)]
pub struct CatalogueArgs {
    /// The header: a scenario file without items (else the catalogue's first line, else
    /// the defaults).
    pub header: Option<PathBuf>,
    /// The catalogue: JSON Lines or CSV; `-` is standard input.
    pub items: PathBuf,
    /// `optimise` and its options; `None` for `simulate`.
    pub optimise: Option<OptimiseArgs>,
    pub csv: bool,
    /// Shard `k` of `n` (from 1): the records whose position is `k − 1` modulo `n`.
    pub shard: (u32, u32),
    /// The position of the input's first record in its catalogue (a piece of one).
    pub first_position: u32,
    /// `optimise`: each record also carries what `jitjic portfolio` adds up.
    pub for_portfolio: bool,
}

/// Records in flight at once: a few per core, so that a core freed by a quick item finds the
/// next at once while a slow one holds back only the writing, not the work.
const PER_CORE: usize = 4;

/// What every record's run shares.
struct Context {
    header: Header,
    optimise: Option<OptimiseArgs>,
    csv: bool,
    for_portfolio: bool,
    /// CSV's columns after `position,line,error,` (none for JSON Lines).
    columns: String,
    /// The header's fingerprint, for `--for-portfolio`.
    fingerprint: String,
}

/// A record read and not yet run.
enum Source {
    Json(String),
    Csv(Result<serde_json::Value, Vec<jitjic::share::items_csv::CsvError>>),
    Unreadable(RecordError),
}

struct Pending {
    position: u32,
    line: u64,
    source: Source,
}

/// A record's output: its text, and whether it failed.
struct Done {
    text: String,
    failed: bool,
}

#[derive(Serialize)]
struct SimulatedRecord<'a> {
    position: u32,
    line: u64,
    #[serde(flatten)]
    item: &'a ItemOut,
}

#[derive(Serialize)]
struct OptimisedRecord<'a> {
    position: u32,
    line: u64,
    #[serde(flatten)]
    item: &'a OptimisedItemOut,
    #[serde(skip_serializing_if = "Option::is_none")]
    portfolio: Option<ShareOut>,
}

#[derive(Serialize)]
struct FailedRecord<'a> {
    position: u32,
    line: u64,
    error: &'a str,
}

/// The records of a catalogue and what they share.
struct Opened {
    records: Box<dyn Iterator<Item = (u64, Source)>>,
    header: Header,
    /// JSON Lines (else CSV).
    json: bool,
}

/// Reads the header (a file, the catalogue's first line, or the defaults) and tells the
/// catalogue's layout: `None` when it holds nothing; the exit status after saying what was
/// wrong when it cannot be read.
fn open(args: &CatalogueArgs) -> Result<Option<Opened>, ExitCode> {
    let mut header = match &args.header {
        None => None,
        Some(path) => {
            match crate::cli::read(path).map_err(|m| vec![m]).and_then(|t| Header::read(&t)) {
                Ok(h) => Some(h),
                Err(problems) => {
                    eprintln!("jitjic: {}: not a catalogue header:", path.display());
                    for p in problems {
                        eprintln!("  {p}");
                    }
                    return Err(ExitCode::from(1));
                }
            }
        }
    };
    let mut input: Box<dyn BufRead> = if args.items.as_os_str() == "-" {
        Box::new(BufReader::new(std::io::stdin().lock()))
    } else {
        match File::open(&args.items) {
            Ok(f) => Box::new(BufReader::new(f)),
            Err(e) => {
                eprintln!("jitjic: cannot read {}: {e}", args.items.display());
                return Err(ExitCode::from(2));
            }
        }
    };
    // JSON Lines start with an object; a CSV with its header row.
    let json = match first_byte(&mut input) {
        // Nothing to run.
        Ok(None) => return Ok(None),
        Ok(b) => b == Some(b'{'),
        Err(e) => {
            eprintln!("jitjic: cannot read {}: {e}", args.items.display());
            return Err(ExitCode::from(2));
        }
    };
    let records: Box<dyn Iterator<Item = (u64, Source)>> = if json {
        let mut lines = Lines::new(input)
            .filter(|(_, l)| !matches!(l, Line::Text(t) if t.trim().is_empty()))
            .peekable();
        if let Some((_, Line::Text(first))) = lines.peek() {
            if catalogue::is_header(first) {
                if header.is_some() {
                    eprintln!(
                        "jitjic: the catalogue's first line is a header and a header file is \
                         given too: give one"
                    );
                    return Err(ExitCode::from(2));
                }
                match Header::read(first) {
                    Ok(h) => header = Some(h),
                    Err(problems) => {
                        eprintln!(
                            "jitjic: {}: line 1 is not a catalogue header:",
                            args.items.display()
                        );
                        for p in problems {
                            eprintln!("  {p}");
                        }
                        return Err(ExitCode::from(1));
                    }
                }
                lines.next();
            }
        }
        Box::new(lines.map(|(n, line)| match line {
            Line::Text(text) => (n, Source::Json(text)),
            other => (n, Source::Unreadable(catalogue::unreadable(n, &other))),
        }))
    } else {
        match ItemRows::new(input) {
            Ok(rows) => Box::new(rows.map(|(n, row)| (n, Source::Csv(row)))),
            Err(problems) => {
                eprintln!("jitjic: {}: not an item list:", args.items.display());
                for p in problems {
                    eprintln!("  {p}");
                }
                return Err(ExitCode::from(1));
            }
        }
    };
    Ok(Some(Opened { records, header: header.unwrap_or_else(Header::standard), json }))
}

pub fn run(args: &CatalogueArgs) -> ExitCode {
    let Opened { mut records, header, json } = match open(args) {
        Ok(Some(opened)) => opened,
        // Nothing to run.
        Ok(None) => return ExitCode::SUCCESS,
        Err(status) => return status,
    };
    let progress = progress(&args.items, json);
    let (k, n) = args.shard;
    let window = PER_CORE * rayon::current_num_threads();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    // CSV's columns (JSON Lines need none).
    let columns = match (&args.optimise, args.csv) {
        (_, false) => String::new(),
        (None, true) => simulated_columns(),
        (Some(_), true) => erp_csv::HEADER.to_owned(),
    };
    if args.csv && writeln!(out, "position,line,error,{columns}").is_err() {
        return ExitCode::from(2);
    }
    let context = Arc::new(Context {
        fingerprint: header.fingerprint(),
        header,
        optimise: args.optimise.clone(),
        csv: args.csv,
        for_portfolio: args.for_portfolio,
        columns,
    });
    let (mut position, mut failed, mut done) = (u64::from(args.first_position), 0_u64, 0_u64);
    // Records in flight, in input order, each with where its output will come.
    let mut in_flight: VecDeque<Receiver<Done>> = VecDeque::with_capacity(window);
    let mut read_all = false;
    loop {
        while !read_all && in_flight.len() < window {
            let Some((line, source)) = records.next() else {
                read_all = true;
                break;
            };
            let here = position;
            position += 1;
            if here > u64::from(u32::MAX) {
                eprintln!("jitjic: line {line}: more than {} records in a catalogue", u32::MAX);
                return ExitCode::from(2);
            }
            if (here % u64::from(n)) as u32 != k - 1 {
                if let Some(bar) = &progress {
                    bar.inc(1);
                }
                continue;
            }
            let (send, receive) = sync_channel(1);
            let context = Arc::clone(&context);
            let pending = Pending { position: here as u32, line, source };
            rayon::spawn(move || {
                let _ = send.send(run_record(&context, pending));
            });
            in_flight.push_back(receive);
        }
        let Some(next) = in_flight.pop_front() else { break };
        let record = match next.try_recv() {
            Ok(d) => d,
            // What is written is on its way while the next record runs (a pipe's reader
            // sees it).
            Err(TryRecvError::Empty) => {
                if out.flush().is_err() {
                    return ExitCode::from(2);
                }
                match next.recv() {
                    Ok(d) => d,
                    Err(_) => return ExitCode::from(2),
                }
            }
            Err(TryRecvError::Disconnected) => return ExitCode::from(2),
        };
        failed += u64::from(record.failed);
        done += 1;
        if out.write_all(record.text.as_bytes()).is_err() {
            return ExitCode::from(2);
        }
        if let Some(bar) = &progress {
            bar.inc(1);
        }
    }
    if out.flush().is_err() {
        return ExitCode::from(2);
    }
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    if failed > 0 {
        eprintln!("jitjic: {failed} of {done} items failed; their records say why");
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

/// The first byte that is not white space (left unread), if any.
fn first_byte(input: &mut Box<dyn BufRead>) -> std::io::Result<Option<u8>> {
    loop {
        let chunk = input.fill_buf()?;
        if chunk.is_empty() {
            return Ok(None);
        }
        // A byte-order mark or blank lines before the first record.
        let skip =
            chunk.iter().position(|b| !b.is_ascii_whitespace() && ![0xef, 0xbb, 0xbf].contains(b));
        match skip {
            Some(at) => return Ok(Some(chunk[at])),
            None => {
                let n = chunk.len();
                input.consume(n);
            }
        }
    }
}

/// A progress bar on standard error when it is a terminal (items done, rate, time left when
/// the file's records can be counted first); none otherwise.
fn progress(items: &Path, json: bool) -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let total = (items.as_os_str() != "-").then(|| File::open(items).ok()).flatten().map(|f| {
        let mut lines = BufReader::new(f)
            .split(b'\n')
            .map_while(Result::ok)
            .filter(|l| l.iter().any(|b| !b.is_ascii_whitespace()))
            .peekable();
        // A CSV's header row, or a JSON Lines header, is not an item.
        let header = !json
            || lines
                .peek()
                .is_some_and(|first| catalogue::is_header(&String::from_utf8_lossy(first)));
        (lines.count() as u64).saturating_sub(u64::from(header))
    });
    // Items a second, whole (indicatif's own rate has four decimals).
    let rate = |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
        let _ = write!(w, "{:.0}/s", state.per_sec());
    };
    let bar = match total {
        Some(total) => ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr())
            .with_style(
                ProgressStyle::with_template(
                    "{bar:30} {human_pos}/{human_len} items, {rate}, {eta} left",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .with_key("rate", rate),
            ),
        None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()).with_style(
            ProgressStyle::with_template("{human_pos} items, {rate}, {elapsed}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner())
                .with_key("rate", rate),
        ),
    };
    Some(bar)
}

/// Runs one record; an internal error (a panic) fails the record, not the catalogue.
fn run_record(context: &Context, p: Pending) -> Done {
    let (position, line) = (p.position, p.line);
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| record(context, p))).unwrap_or_else(
        |_| {
            let error = "jitjic could not run this item (an internal error; please report it \
                         with the record)";
            failed(context, position, line, error)
        },
    )
}

/// A failed record's output: its position, line and why.
fn failed(context: &Context, position: u32, line: u64, message: &str) -> Done {
    let text = if context.csv {
        let empty = context.columns.matches(',').count() + 1;
        format!(
            "{position},{line},{}{}\n",
            jitjic::share::csv_text::cell(message),
            ",".repeat(empty)
        )
    } else {
        json_line(&FailedRecord { position, line, error: message })
    };
    Done { text, failed: true }
}

/// Runs one record and writes its output (a JSON line, or CSV rows).
fn record(context: &Context, p: Pending) -> Done {
    let Pending { position, line, source } = p;
    let header = &context.header;
    let scenario = match source {
        Source::Json(text) => catalogue::json_line(header, line, &text, position),
        Source::Csv(row) => catalogue::csv_row(header, line, row, position),
        Source::Unreadable(e) => Err(e),
    };
    let scenario = match scenario {
        Ok(s) => s,
        Err(e) => return failed(context, position, line, &e.to_string()),
    };
    let text = match &context.optimise {
        None => simulated(&scenario, position, line, context.csv),
        Some(options) => optimised(
            &scenario,
            position,
            line,
            options,
            context.for_portfolio.then_some(context.fingerprint.as_str()),
        ),
    };
    Done { text, failed: false }
}

/// The columns of `simulate --csv` with every metric an item can have (the same for every
/// item, so they are read off a small probe item's rows).
fn simulated_columns() -> String {
    // One run is enough to name the columns.
    let probe = catalogue::probe();
    let settings = probe.settings().with_replications(1);
    let comparison = simulate_item_keeping(&probe.items()[0], &settings, Keep::Metrics);
    let rows = csv_rows(probe.currency(), &[comparison], Shown::EVERY, true);
    rows.lines().next().unwrap_or_default().to_owned()
}

fn json_line<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default() + "\n"
}

/// CSV rows with the record's position and line (and no error) in front.
fn prefixed(rows: &str, position: u32, line: u64) -> String {
    rows.lines().map(|row| format!("{position},{line},,{row}\n")).collect()
}

fn simulated(scenario: &Scenario, position: u32, line: u64, csv: bool) -> String {
    let item = &scenario.items()[0];
    let comparison = simulate_item_keeping(item, scenario.settings(), Keep::Metrics);
    let comparisons = [comparison];
    if csv {
        return prefixed(
            &csv_rows(scenario.currency(), &comparisons, Shown::EVERY, false),
            position,
            line,
        );
    }
    let results = ResultsFile::new(scenario, &comparisons, false);
    json_line(&SimulatedRecord { position, line, item: &results.items[0] })
}

fn optimised(
    scenario: &Scenario,
    position: u32,
    line: u64,
    args: &OptimiseArgs,
    // The header's fingerprint, when the record carries its portfolio data.
    for_portfolio: Option<&str>,
) -> String {
    let options = Options { points: args.points, target: args.target };
    let frontier = optimise_item(&scenario.items()[0], scenario.settings(), &options);
    let frontiers = vec![frontier];
    let portfolio = portfolio(scenario, frontiers.clone(), None);
    if args.csv {
        let rows: String = portfolio
            .items
            .iter()
            .flat_map(|i| erp_csv::rows(&i.advice, portfolio.start_date))
            .map(|row| row + "\n")
            .collect();
        // An item with nothing to optimise has no plan: one row says why.
        if rows.is_empty() {
            let why = frontiers[0].as_ref().err().map_or(String::new(), |e| e.reason.clone());
            let cells = erp_csv::HEADER.matches(',').count();
            return format!(
                "{position},{line},{},{}{}\n",
                jitjic::share::csv_text::cell(&format!("nothing to optimise: {why}")),
                jitjic::share::csv_text::cell(scenario.items()[0].name()),
                ",".repeat(cells)
            );
        }
        return prefixed(&rows, position, line);
    }
    let file = OptimiseFile::new(scenario, &frontiers, &[], &portfolio, None);
    let share = match (&frontiers[0], portfolio.items.first(), for_portfolio) {
        (Ok(f), Some(p), Some(header)) => Some(ShareOut::new(
            &scenario.items()[0],
            f,
            p.advice.stance,
            scenario.settings().days_per_year(),
            scenario.currency(),
            header,
        )),
        _ => None,
    };
    json_line(&OptimisedRecord { position, line, item: &file.items[0], portfolio: share })
}
