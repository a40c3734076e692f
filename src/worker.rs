//! What the page asks its Web Workers to compute, and the answers, as bytes.
//!
//! The page keeps the scenario it shows; a worker gets it once as the scenario file (the
//! CLI's JSON, validated again there through `share::scenario_file`, so the worker computes on
//! exactly the scenario the page validated) under a key, then tasks that name the key: a
//! part of an item's run (a range of replications, see `core::sim::PART_REPLICATIONS`), an
//! item's frontier, the drivers of its buffer. Requests and answers are postcard bytes:
//! compact, and every `f64` crosses bit for bit, so a run shared among workers is the run
//! made on the page. [`Worker::handle`] is plain Rust, tested natively; the simulation's
//! module (`worker_main.rs`) wires it to the worker's messages.

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use crate::core::optimise::levers::optimise_with_levers;
use crate::core::optimise::{
    sensitivity, warehouse_sample, Frontier, NothingToChoose, Options, Sensitivity,
};
use crate::core::warehouse::Tally;
use crate::core::{simulate_part, Comparison, Keep, Part, Scenario};
use crate::share::scenario_file::{parse_scenario, ScenarioFile};

/// A task for a worker.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// Echoed in the answer, so the page knows what it answers.
    pub job: u64,
    /// The scenario's key.
    pub scenario: u64,
    /// The scenario file, when the page has not sent this worker the key's scenario yet.
    pub file: Option<String>,
    pub task: Task,
}

/// What to compute, for one item of the scenario.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Task {
    /// The item's own policies over the replications `[from, to)`.
    Part { item: u32, from: u32, to: u32, keep: Keep },
    /// The item's frontier on an adaptive grid of about `points` buffers over the first
    /// `replications`, and when `sides`, JIT, JIC and the optimum side by side (for the
    /// charts); when `warehouse` (and the scenario has one), the item's sample of warehouse
    /// space for the portfolio.
    Frontier { item: u32, points: u32, replications: u32, sides: bool, warehouse: bool },
    /// The drivers of the item's buffer, each moved a step and re-optimised on a grid of
    /// `points` buffers, over the first `replications`.
    Sensitivity { item: u32, points: u32, replications: u32 },
}

/// An item's frontier, JIT, JIC and the optimum side by side (when asked for), and its
/// sample of warehouse space (when asked for and the scenario has a warehouse).
pub type Optimised = (Box<Frontier>, Option<Comparison>, Option<Tally>);

/// A task's result.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Outcome {
    Part(Part),
    /// Boxed: a frontier (with JIT, JIC and every rule's cheapest point) is large.
    Frontier(Result<Optimised, NothingToChoose>),
    Sensitivity(Option<Sensitivity>),
}

/// The answer to a request: its result, or why there is none (a scenario the worker cannot
/// read, an item it does not have: the page's bug, reported rather than hidden).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Response {
    pub job: u64,
    pub outcome: Result<Outcome, String>,
}

/// The bytes of a message.
pub fn encode<T: Serialize>(message: &T) -> Vec<u8> {
    // Serialising into a growing vector fails only when out of memory.
    postcard::to_allocvec(message).unwrap_or_default()
}

/// A message from its bytes.
///
/// # Errors
/// When the bytes are not a message of this type.
pub fn decode<T: for<'de> Deserialize<'de>>(bytes: &[u8]) -> Result<T, String> {
    postcard::from_bytes(bytes).map_err(|e| format!("unreadable worker message: {e}"))
}

/// The scenario file a worker is sent: the page's validated scenario written out.
pub fn scenario_file(scenario: &Scenario) -> String {
    serde_json::to_string(&ScenarioFile::from_spec(scenario.spec())).unwrap_or_default()
}

/// How many scenarios a worker keeps: the one shown, and the one it replaces while a
/// superseded task finishes.
pub const KEPT: usize = 4;

/// A worker's state: the scenarios it was sent, newest last.
#[derive(Default)]
pub struct Worker {
    scenarios: Vec<(u64, Rc<Scenario>)>,
}

impl Worker {
    /// Computes a request's answer.
    pub fn handle(&mut self, request: Request) -> Response {
        let outcome =
            self.scenario(request.scenario, request.file).and_then(|s| run(&s, request.task));
        Response { job: request.job, outcome }
    }

    /// A request's answer, both as the bytes that cross to and from the page (an unreadable
    /// request is answered with why, as job 0).
    pub fn answer(&mut self, request: &[u8]) -> Vec<u8> {
        let response = match decode(request) {
            Ok(request) => self.handle(request),
            Err(reason) => Response { job: 0, outcome: Err(reason) },
        };
        encode(&response)
    }

    /// Whether it holds the scenario of a key.
    pub fn holds(&self, key: u64) -> bool {
        self.scenarios.iter().any(|(k, _)| *k == key)
    }

    fn scenario(&mut self, key: u64, file: Option<String>) -> Result<Rc<Scenario>, String> {
        if let Some(file) = file {
            let scenario = parse_scenario(&file).map_err(|errors| {
                let first = errors.first().map(ToString::to_string).unwrap_or_default();
                format!("the worker could not read the scenario: {first}")
            })?;
            self.scenarios.retain(|(k, _)| *k != key);
            if self.scenarios.len() == KEPT {
                self.scenarios.remove(0);
            }
            self.scenarios.push((key, Rc::new(scenario)));
        }
        self.scenarios
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, s)| s.clone())
            .ok_or_else(|| format!("the worker has no scenario {key}"))
    }
}

fn run(scenario: &Scenario, task: Task) -> Result<Outcome, String> {
    let item = |i: u32| {
        scenario.items().get(i as usize).ok_or_else(|| format!("the scenario has no item {i}"))
    };
    let settings = scenario.settings();
    Ok(match task {
        Task::Part { item: i, from, to, keep } => {
            if from >= to || to > settings.n_replications() {
                return Err(format!("no replications {from} to {to}"));
            }
            let item = item(i)?;
            Outcome::Part(simulate_part(item, settings, item.sized_policies(), (from, to), keep))
        }
        Task::Frontier { item: i, points, replications, sides, warehouse } => {
            let per_unit = scenario.space_per_unit(i as usize);
            let item = item(i)?;
            let settings = settings.with_replications(replications);
            let options = Options { points: points as usize, target: None };
            let warehouse = warehouse && scenario.warehouse().is_some();
            Outcome::Frontier(optimise_with_levers(item, &settings, &options).map(|f| {
                let sides = sides.then(|| f.ends_and_optimum(item, &settings));
                let space = warehouse.then(|| warehouse_sample(item, &settings, &f, per_unit));
                (Box::new(f), sides, space)
            }))
        }
        Task::Sensitivity { item: i, points, replications } => {
            item(i)?;
            let mut spec = scenario.spec().clone();
            spec.settings.n_replications = replications.max(1);
            let fewer = Scenario::new(spec).map_err(|e| e.to_string())?;
            let options = Options { points: points as usize, target: None };
            Outcome::Sensitivity(sensitivity(&fewer, i as usize, &options, fewer.currency()))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::{parts, simulate_item};

    fn preset() -> Scenario {
        parse_scenario(include_str!("../presets/ecommerce.json")).unwrap()
    }

    #[test]
    fn a_run_in_parts_through_messages_is_the_run_made_directly() {
        let scenario = preset();
        let file = scenario_file(&scenario);
        let mut worker = Worker::default();
        let mut run: Option<Part> = None;
        for (k, (from, to)) in parts(scenario.settings().n_replications()).enumerate() {
            let request = Request {
                job: k as u64,
                scenario: 7,
                file: (k == 0).then(|| file.clone()),
                task: Task::Part { item: 0, from, to, keep: Keep::Trajectories },
            };
            let bytes = encode(&worker.handle(decode(&encode(&request)).unwrap()));
            let Response { job, outcome: Ok(Outcome::Part(part)) } = decode(&bytes).unwrap() else {
                panic!("no part")
            };
            assert_eq!(job, k as u64);
            match run.as_mut() {
                None => run = Some(part),
                Some(run) => run.merge(&part),
            }
        }
        let item = &scenario.items()[0];
        let (policies, down) = run.unwrap().finish(item);
        let direct = simulate_item(item, scenario.settings());
        assert_eq!(crate::core::comparison(item, scenario.settings(), policies, down), direct);
    }

    #[test]
    fn unknown_scenarios_items_and_ranges_are_answered_with_a_reason() {
        let mut worker = Worker::default();
        let ask = |worker: &mut Worker, file: Option<String>, task| {
            worker.handle(Request { job: 1, scenario: 3, file, task }).outcome.err().unwrap()
        };
        let part = Task::Part { item: 0, from: 0, to: 10, keep: Keep::Metrics };
        assert!(ask(&mut worker, None, part).contains("no scenario 3"));
        assert!(ask(&mut worker, Some("{".into()), part).contains("could not read"));
        let file = Some(scenario_file(&preset()));
        let far = Task::Part { item: 5, from: 0, to: 10, keep: Keep::Metrics };
        assert!(ask(&mut worker, file, far).contains("no item 5"));
        let backwards = Task::Part { item: 0, from: 10, to: 10, keep: Keep::Metrics };
        assert!(ask(&mut worker, None, backwards).contains("no replications"));
        assert!(decode::<Request>(&[0xff, 0xff]).is_err());
    }

    #[test]
    fn every_preset_reaches_a_worker_as_the_same_scenario() {
        for preset in crate::ui::presets::PRESETS {
            let scenario = parse_scenario(preset.json).unwrap();
            let again = parse_scenario(&scenario_file(&scenario)).unwrap();
            assert_eq!(again, scenario, "{}", preset.name);
        }
    }
}
