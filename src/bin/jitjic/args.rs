//! The command line, read by lexopt: paths stay `OsString`s (a file name need not be UTF-8),
//! every other value must be text, and a problem is a sentence rather than an abort.

use std::ffi::OsString;
use std::path::PathBuf;

use jitjic::core::optimise::check_target;
use jitjic::core::ServiceTarget;
use lexopt::prelude::*;

use crate::catalogue::CatalogueArgs;

/// What the command line asked for.
#[derive(Debug, PartialEq)]
pub enum Command {
    Help,
    Version,
    Validate {
        path: PathBuf,
    },
    Optimise {
        path: PathBuf,
        options: OptimiseArgs,
    },
    Simulate {
        path: PathBuf,
        csv: bool,
        trajectory: bool,
    },
    Link {
        path: PathBuf,
        base: String,
        item: usize,
    },
    /// A link's text, or `-` for standard input.
    Decode {
        link: String,
    },
    /// `simulate` or `optimise` over a catalogue streamed item by item (`--items`).
    Catalogue(CatalogueArgs),
    /// A catalogue's portfolio from its optimise records (or pieces' partial sums).
    Portfolio {
        path: PathBuf,
        /// Write the partial sums instead, for another `portfolio` to merge.
        partial: bool,
        budget: Option<f64>,
    },
}

/// What `optimise` was asked for beyond the file.
#[derive(Clone, Debug, PartialEq)]
pub struct OptimiseArgs {
    pub points: usize,
    pub target: Option<ServiceTarget>,
    pub sensitivity: bool,
    pub budget: Option<f64>,
    pub csv: bool,
    /// Where to write the recommended plans as a scenario file.
    pub plan: Option<PathBuf>,
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

/// A flag's value as text.
fn text(flag: &str, value: Result<OsString, lexopt::Error>) -> Result<String, String> {
    let value = value.map_err(|_| format!("{flag} needs a value"))?;
    value
        .into_string()
        .map_err(|v| format!("{flag}: \"{}\" is not UTF-8 text", v.to_string_lossy()))
}

/// A number after a flag, in range.
fn number(
    flag: &str,
    value: Result<OsString, lexopt::Error>,
    accepted: (f64, f64),
    what: &str,
) -> Result<f64, String> {
    let text = text(flag, value).map_err(|e| format!("{e} ({what})"))?;
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

/// A whole number after a flag, in range.
fn whole(
    flag: &str,
    value: Result<OsString, lexopt::Error>,
    accepted: (f64, f64),
    what: &str,
) -> Result<f64, String> {
    let n = number(flag, value, accepted, what)?;
    if n.fract() != 0.0 {
        return Err(format!("{flag}: {n} is not a whole number ({what})"));
    }
    Ok(n)
}

fn lossy(value: &OsString) -> String {
    value.to_string_lossy().into_owned()
}

/// Reads the arguments after the program's name.
///
/// # Errors
/// What is wrong with them, in a sentence.
pub fn parse_args(args: impl IntoIterator<Item = OsString>) -> Result<Command, String> {
    let mut p = lexopt::Parser::from_args(args);
    let unexpected = |arg: lexopt::Arg<'_>| arg.unexpected().to_string();
    let command = match p.next().map_err(|e| e.to_string())? {
        None | Some(Short('h') | Long("help")) => return Ok(Command::Help),
        Some(Short('V') | Long("version")) => return Ok(Command::Version),
        Some(Value(word)) => match word.to_str() {
            Some("help") => return Ok(Command::Help),
            Some(
                c @ ("simulate" | "validate" | "optimise" | "optimize" | "link" | "decode"
                | "portfolio"),
            ) => c.to_owned(),
            _ => {
                return Err(format!(
                    "unknown command \"{}\"; try simulate, validate, optimise, portfolio, link \
                     or decode",
                    lossy(&word)
                ))
            }
        },
        Some(other) => return Err(unexpected(other)),
    };
    let command = command.as_str();
    let optimising = matches!(command, "optimise" | "optimize");
    let (mut path, mut csv, mut trajectory) = (None::<OsString>, false, false);
    let (mut base, mut item) = (String::new(), 0);
    let mut opt = OptimiseArgs::default();
    let (mut items, mut shard, mut first_position) = (None::<OsString>, None, None);
    let (mut for_portfolio, mut partial) = (false, false);
    let streams = matches!(command, "simulate" | "optimise" | "optimize");
    while let Some(arg) = p.next().map_err(|e| e.to_string())? {
        match arg {
            Short('h') | Long("help") => return Ok(Command::Help),
            Long("csv") if matches!(command, "simulate" | "optimise" | "optimize") => csv = true,
            Long("trajectory") if command == "simulate" => trajectory = true,
            Long("points") if optimising => {
                let what = "accepted: whole numbers from 7 to 200";
                opt.points = whole("--points", p.value(), (7.0, 200.0), what)? as usize;
            }
            Long("sensitivity") if optimising => opt.sensitivity = true,
            Long("plan") if optimising => {
                let file = p
                    .value()
                    .map_err(|_| "--plan needs a file to write the plans to".to_owned())?;
                opt.plan = Some(PathBuf::from(file));
            }
            Long("budget") if optimising || command == "portfolio" => {
                let what = "cash tied up in the scenario's currency; accepted: from 0";
                opt.budget = Some(number("--budget", p.value(), (0.0, 1e15), what)?);
            }
            Long(flag @ ("fill-rate" | "cycle-service-level")) if optimising => {
                let flag = format!("--{flag}");
                if opt.target.is_some() {
                    return Err(
                        "one service target at a time: --fill-rate or --cycle-service-level".into(),
                    );
                }
                let what = "percent; accepted: above 0 and below 100";
                let pct = number(&flag, p.value(), (f64::MIN, f64::MAX), what)?;
                let target = if flag == "--fill-rate" {
                    ServiceTarget::FillRate(pct / 100.0)
                } else {
                    ServiceTarget::CycleServiceLevel(pct / 100.0)
                };
                opt.target = Some(check_target(target).map_err(|m| format!("{flag}: {m}"))?);
            }
            Long("for-portfolio") if optimising => for_portfolio = true,
            Long("partial") if command == "portfolio" => partial = true,
            Long("items") if streams => {
                items = Some(p.value().map_err(|_| {
                    "--items needs a catalogue (JSON Lines or CSV; - for standard input)".to_owned()
                })?);
            }
            Long("shard") if streams => {
                let text = text("--shard", p.value())?;
                let what = "K/N: shard K of N, K from 1 to N, N from 1 to 100,000";
                let (k, n) = text
                    .split_once('/')
                    .and_then(|(k, n)| {
                        Some((k.trim().parse::<u32>().ok()?, n.trim().parse::<u32>().ok()?))
                    })
                    .filter(|&(k, n)| (1..=100_000).contains(&n) && (1..=n).contains(&k))
                    .ok_or_else(|| format!("--shard: \"{text}\" is not a shard ({what})"))?;
                shard = Some((k, n));
            }
            Long("first-position") if streams => {
                let what = "the position of the first record in its catalogue; accepted: 0 to 4,294,967,295";
                first_position =
                    Some(whole("--first-position", p.value(), (0.0, f64::from(u32::MAX)), what)?
                        as u32);
            }
            Long("base") if command == "link" => {
                base =
                    text("--base", p.value()).map_err(|e| format!("{e} (the page's address)"))?;
            }
            Long("item") if command == "link" => {
                item = whole("--item", p.value(), (1.0, 1e6), "accepted: 1 or more")? as usize - 1;
            }
            Value(word) if path.is_none() => path = Some(word),
            Value(extra) => {
                let what = match command {
                    "decode" => "link",
                    "portfolio" => "file of records",
                    _ => "scenario file",
                };
                return Err(format!("one {what} at a time; \"{}\" is one too many", lossy(&extra)));
            }
            Long(flag) => return Err(format!("unknown option \"--{flag}\" for {command}")),
            other => return Err(unexpected(other)),
        }
    }
    if command == "decode" {
        let link = path.ok_or("decode needs a link (or - for standard input)")?;
        let link = link.into_string().map_err(|l| {
            format!("the link \"{}\" is not UTF-8 text; a link is", l.to_string_lossy())
        })?;
        return Ok(Command::Decode { link });
    }
    if command == "portfolio" {
        let path =
            path.ok_or("portfolio needs optimise records (a file, or - for standard input)")?;
        return Ok(Command::Portfolio { path: PathBuf::from(path), partial, budget: opt.budget });
    }
    if let Some(items) = items {
        if for_portfolio && csv {
            return Err("--for-portfolio writes JSON Lines records; leave out --csv".into());
        }
        if trajectory || opt.sensitivity || opt.budget.is_some() || opt.plan.is_some() {
            return Err("--items runs each item on its own: --trajectory, --sensitivity, \
                        --budget and --plan are for a scenario file"
                .into());
        }
        opt.csv = csv;
        return Ok(Command::Catalogue(CatalogueArgs {
            header: path.map(PathBuf::from),
            items: PathBuf::from(items),
            optimise: (command != "simulate").then_some(opt),
            csv,
            shard: shard.unwrap_or((1, 1)),
            first_position: first_position.unwrap_or(0),
            for_portfolio,
        }));
    }
    if for_portfolio {
        return Err("--for-portfolio is for a catalogue given with --items (a scenario file's \
                    optimise has its portfolio already)"
            .into());
    }
    if shard.is_some() || first_position.is_some() {
        return Err("--shard and --first-position are for a catalogue given with --items".into());
    }
    let path = PathBuf::from(
        path.ok_or_else(|| format!("{command} needs a scenario file (or - for stdin)"))?,
    );
    if csv && trajectory {
        return Err("--trajectory is for JSON output; leave out --csv or --trajectory".into());
    }
    Ok(match command {
        "validate" => Command::Validate { path },
        "link" => Command::Link { path, base, item },
        "optimise" | "optimize" => {
            opt.csv = csv;
            Command::Optimise { path, options: opt }
        }
        _ => Command::Simulate { path, csv, trajectory },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(words: &[&str]) -> Result<Command, String> {
        parse_args(words.iter().map(OsString::from))
    }

    #[test]
    fn the_command_line_is_read_strictly() {
        assert_eq!(parse(&[]), Ok(Command::Help));
        assert_eq!(
            parse(&["simulate", "a.json", "--csv"]),
            Ok(Command::Simulate { path: "a.json".into(), csv: true, trajectory: false })
        );
        assert_eq!(parse(&["validate", "-"]), Ok(Command::Validate { path: "-".into() }));
        assert!(parse(&["simulate"]).unwrap_err().contains("needs a scenario"));
        assert!(parse(&["validate", "a", "--csv"]).unwrap_err().contains("--csv"));
        assert!(parse(&["simulate", "a", "b"]).unwrap_err().contains("\"b\""));
        assert!(parse(&["run", "a"]).unwrap_err().contains("unknown command"));
        assert_eq!(
            parse(&["link", "a.json", "--base", "https://x/j/", "--item", "3"]),
            Ok(Command::Link { path: "a.json".into(), base: "https://x/j/".into(), item: 2 })
        );
        assert!(parse(&["link", "a", "--item", "0"]).unwrap_err().contains("1 or more"));
        assert!(parse(&["link"]).unwrap_err().contains("needs a scenario"));
        assert_eq!(parse(&["decode", "#1.abc"]), Ok(Command::Decode { link: "#1.abc".into() }));
        assert_eq!(parse(&["decode", "-"]), Ok(Command::Decode { link: "-".into() }));
        assert!(parse(&["decode"]).unwrap_err().contains("needs a link"));
        assert_eq!(
            parse(&["optimise", "a"]),
            Ok(Command::Optimise { path: "a".into(), options: OptimiseArgs::default() })
        );
        assert_eq!(
            parse(&["optimise", "a", "--fill-rate", "98.5", "--points", "15"]),
            Ok(Command::Optimise {
                path: "a".into(),
                options: OptimiseArgs {
                    points: 15,
                    target: Some(ServiceTarget::FillRate(0.985)),
                    ..OptimiseArgs::default()
                }
            })
        );
        let full = parse(&["optimise", "a", "--cycle-service-level", "100"]);
        assert!(full.unwrap_err().contains("infinite buffer"), "100% is refused with the reason");
        assert!(parse(&["optimise", "a", "--points", "3"]).unwrap_err().contains("7 to 200"));
        assert!(parse(&["optimise", "a", "--budget"]).unwrap_err().contains("needs a value"));
        assert!(parse(&["simulate", "a", "--csv", "--trajectory"]).is_err());
        assert!(parse(&["simulate", "a", "--colour"]).unwrap_err().contains("--colour"));
        assert_eq!(
            parse(&["portfolio", "-", "--partial"]),
            Ok(Command::Portfolio { path: "-".into(), partial: true, budget: None })
        );
        assert!(parse(&["portfolio"]).unwrap_err().contains("needs optimise records"));
        assert!(parse(&["portfolio", "a", "--items", "b"]).unwrap_err().contains("--items"));
        assert!(parse(&["optimise", "a", "--for-portfolio"]).unwrap_err().contains("--items"));
        assert!(parse(&["simulate", "--items", "-", "--for-portfolio"]).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_file_name_need_not_be_text_but_a_value_must_be() {
        use std::os::unix::ffi::OsStringExt;
        let name = OsString::from_vec(b"caf\xe9.json".to_vec());
        let got = parse_args([OsString::from("validate"), name.clone()]);
        assert_eq!(got, Ok(Command::Validate { path: PathBuf::from(name.clone()) }));
        let got = parse_args([OsString::from("link"), "a".into(), "--base".into(), name]);
        assert!(got.unwrap_err().contains("is not UTF-8 text"));
        let bad = OsString::from_vec(b"\xff\xfe".to_vec());
        assert!(parse_args([bad]).unwrap_err().contains("unknown command"));
    }
}
