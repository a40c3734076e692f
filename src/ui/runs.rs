//! The item's run on the page's workers: its parts (see `core::sim::PART_REPLICATIONS`) go to
//! the pool, come back in any order, and are merged in their own order, so the numbers are
//! those of one direct run whatever the number of workers. Results are shown as they firm
//! up: a first estimate as soon as the parts for a small budget of work are in, then each time
//! the replications merged double, then the full run. A new scenario cancels the run in
//! flight; so does the Cancel button, which keeps the estimate reached.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use crate::core::budget::{self, Fit};
use crate::core::{comparison, parts, Comparison, Keep, Part, Scenario};
use crate::ui::advisor::Shown;
use crate::ui::pool::{submit, Failure, Priority, Ticket};
use crate::worker::{Outcome, Task};

/// About how many replication-policy-days the first estimate takes: a few tens of
/// milliseconds of one worker (tests/e2e/bench.mjs measures it).
pub const FIRST_ESTIMATE_WORK: u64 = 2_000_000;

/// The fewest replications a first estimate uses.
const FIRST_ESTIMATE_MIN_RUNS: u32 = 50;

/// How many replications the first estimate of an item uses: all of them when that is
/// quick, else as many as fit the budget.
pub fn first_estimate_runs(horizon_days: u32, policies: usize, replications: u32) -> u32 {
    let per_run = u64::from(horizon_days.max(1)) * policies.max(1) as u64;
    let fit = u32::try_from(FIRST_ESTIMATE_WORK / per_run).unwrap_or(u32::MAX);
    replications.min(fit.max(FIRST_ESTIMATE_MIN_RUNS))
}

/// Where a run is.
#[derive(Clone, Debug, PartialEq)]
pub enum Status {
    Running,
    Done,
    /// Stopped by the Cancel button: the results are those of the replications merged.
    Cancelled,
    /// A worker failed; the message says how.
    Failed(String),
    /// Not run: even the fewest runs are over the page's budget; the sentence says why.
    Refused(String),
}

/// What the page shows of the item's run.
#[derive(Clone, PartialEq)]
pub struct Shot {
    pub shown: Shown,
    /// The latest results: of `shown` when `current`, else of the scenario before (kept on
    /// screen until the first estimate of the new one).
    pub comparison: Option<Rc<Comparison>>,
    pub current: bool,
    /// Replications merged so far, of `wanted`.
    pub done: u32,
    pub wanted: u32,
    pub status: Status,
    /// Why `wanted` is fewer than the scenario asks for (see `core::budget`).
    pub scaled: Option<String>,
}

impl Shot {
    /// The results shown are an estimate from fewer runs than asked.
    pub fn partial(&self) -> bool {
        self.comparison.as_ref().is_some_and(|c| c.settings.n_replications() < self.wanted)
    }
}

/// The item's run: the latest [`Shot`] and a callback that cancels it.
pub struct ItemRun {
    pub shot: Shot,
    pub cancel: Callback<()>,
}

/// A run's parts as they come in, in any order, merged in their own order.
struct Merging {
    parts: Vec<Option<Part>>,
    merged: Option<Part>,
    next: usize,
    /// The replications merged at which results are shown next.
    show_at: u32,
    /// All the run's replications.
    wanted: u32,
}

impl Merging {
    /// Nothing merged yet of a run of `wanted` replications in `parts` parts, the first
    /// results due at `show_at`.
    fn new(parts: usize, show_at: u32, wanted: u32) -> Merging {
        Merging { parts: vec![None; parts], merged: None, next: 0, show_at, wanted }
    }

    /// Takes part `k` and merges every part now in order. Returns the results to show, if a
    /// threshold was reached: the first parts that reach it, whatever came in after them
    /// (parts from several workers arrive out of order, and a gap filled late would otherwise
    /// show more runs than the budget, a count that depended on timing). Thresholds: the
    /// first estimate's `show_at`, then twice the runs shown each time, and the whole run.
    fn receive(&mut self, k: usize, part: Part) -> Option<Part> {
        self.parts[k] = Some(part);
        let mut show = None;
        while let Some(part) = self.parts.get_mut(self.next).and_then(Option::take) {
            let merged = match self.merged.as_mut() {
                None => self.merged.insert(part),
                Some(merged) => {
                    merged.merge(&part);
                    merged
                }
            };
            self.next += 1;
            if merged.to >= self.show_at || merged.to == self.wanted {
                self.show_at = merged.to.saturating_mul(2);
                show = Some(merged.clone());
            }
        }
        show
    }

    /// The replications merged so far.
    fn done(&self) -> u32 {
        self.merged.as_ref().map_or(0, |m| m.to)
    }
}

struct Collector {
    shot: Shot,
    merging: Merging,
    /// Replications in the results shown.
    shown_runs: u32,
    ticket: Ticket,
    set: UseStateSetter<Option<Shot>>,
}

impl Collector {
    fn receive(&mut self, k: usize, result: Result<Outcome, Failure>) {
        if self.shot.status != Status::Running {
            return;
        }
        let show = match result {
            Ok(Outcome::Part(part)) => self.merging.receive(k, part),
            Ok(_) => return self.fail("a worker answered with something else".into()),
            Err(failure) => return self.fail(failure.to_string()),
        };
        self.shot.done = self.merging.done();
        if self.shot.done == self.shot.wanted {
            self.shot.status = Status::Done;
        }
        if let Some(part) = show {
            self.show(part);
        }
        self.set.set(Some(self.shot.clone()));
    }

    /// Finishes the replications merged so far into the results shown.
    fn show_results(&mut self) {
        if let Some(merged) = self.merging.merged.clone() {
            self.show(merged);
        }
    }

    /// Finishes `merged` (the first parts of the run) into the results shown.
    fn show(&mut self, merged: Part) {
        if merged.to == self.shown_runs {
            return;
        }
        let Shown(scenario, i) = &self.shot.shown;
        let item = &scenario.items()[*i];
        let settings = scenario.settings().with_replications(merged.to);
        self.shown_runs = merged.to;
        let (policies, down) = merged.finish(item);
        self.shot.comparison = Some(Rc::new(comparison(item, &settings, policies, down)));
        self.shot.current = true;
    }

    fn fail(&mut self, message: String) {
        self.ticket.cancel();
        self.show_results();
        self.shot.status = Status::Failed(message);
        self.set.set(Some(self.shot.clone()));
    }

    fn cancel(&mut self) {
        if self.shot.status != Status::Running {
            return;
        }
        self.ticket.cancel();
        self.show_results();
        self.shot.status = Status::Cancelled;
        self.set.set(Some(self.shot.clone()));
    }
}

/// Runs the item shown on the workers and returns what to show of it.
#[hook]
pub fn use_item_run(shown: Shown) -> ItemRun {
    let shot = use_state(|| None::<Shot>);
    let collector = use_mut_ref(|| None::<Rc<RefCell<Collector>>>);
    {
        let (set, collector, before) =
            (shot.setter(), collector.clone(), shot.as_ref().and_then(|s| s.comparison.clone()));
        use_effect_with(shown.clone(), move |shown| {
            if let Some(old) = collector.borrow_mut().take() {
                old.borrow().ticket.cancel();
            }
            let Shown(scenario, i) = shown;
            let item = &scenario.items()[*i];
            let settings = scenario.settings();
            let work = crate::core::work::item_run(item, settings.horizon_days());
            let asked = settings.n_replications();
            let fit = budget::fit("This item's run", work, asked, budget::ITEM_RUN);
            let scaled = match fit {
                Fit::Scaled { ref why, .. } => Some(why.clone()),
                Fit::Full => None,
                Fit::Refused(why) => {
                    // Not even the fewest runs fit: nothing is sent to the workers.
                    *collector.borrow_mut() = None;
                    set.set(Some(Shot {
                        shown: shown.clone(),
                        comparison: before,
                        current: false,
                        done: 0,
                        wanted: asked,
                        status: Status::Refused(why),
                        scaled: None,
                    }));
                    return;
                }
            };
            let wanted = fit.replications(asked).unwrap_or(budget::MIN_REPLICATIONS).min(asked);
            let ranges: Vec<(u32, u32)> = parts(wanted).collect();
            let first = first_estimate_runs(settings.horizon_days(), item.policies().len(), wanted);
            let ticket = Ticket::new();
            let c = Rc::new(RefCell::new(Collector {
                shot: Shot {
                    shown: shown.clone(),
                    comparison: before,
                    current: false,
                    done: 0,
                    wanted,
                    status: Status::Running,
                    scaled,
                },
                merging: Merging::new(ranges.len(), first, wanted),
                shown_runs: 0,
                ticket: ticket.clone(),
                set: set.clone(),
            }));
            set.set(Some(c.borrow().shot.clone()));
            for (k, (from, to)) in ranges.into_iter().enumerate() {
                let task = Task::Part { item: *i as u32, from, to, keep: Keep::Trajectories };
                let c = c.clone();
                submit(scenario, task, Priority::Results, &ticket, move |r| {
                    c.borrow_mut().receive(k, r);
                });
            }
            *collector.borrow_mut() = Some(c);
        });
    }
    let cancel = {
        let collector = collector.clone();
        Callback::from(move |()| {
            let c = collector.borrow().clone();
            if let Some(c) = c {
                c.borrow_mut().cancel();
            }
        })
    };
    let shot = match shot.as_ref().filter(|s| s.shown == shown) {
        Some(s) => s.clone(),
        // The first render of a new scenario, before its effect has run.
        None => Shot {
            shown: shown.clone(),
            comparison: shot.as_ref().and_then(|s| s.comparison.clone()),
            current: false,
            done: 0,
            wanted: shown.0.settings().n_replications(),
            status: Status::Running,
            scaled: None,
        },
    };
    ItemRun { shot, cancel }
}

/// What receives every item's comparisons.
type Done = Box<dyn FnOnce(Result<Vec<Comparison>, String>)>;

/// Runs every item of a scenario on the workers (each item's parts merged in order, as for
/// the item shown) and hands the comparisons, in item order, to `done`; or the first failure.
pub fn run_items(
    scenario: &Rc<Scenario>,
    ticket: &Ticket,
    done: impl FnOnce(Result<Vec<Comparison>, String>) + 'static,
) {
    struct Items {
        parts: Vec<Vec<Option<Part>>>,
        left: usize,
        done: Option<Done>,
    }
    let settings = scenario.settings();
    let work = crate::core::work::scenario_run(scenario);
    // The file must be the full run, as the command-line tool's: never scaled down.
    let asked = settings.n_replications();
    if let Fit::Scaled { .. } | Fit::Refused(_) =
        budget::fit("Every item's run", work, asked, budget::PORTFOLIO)
    {
        done(Err(format!(
            "every item's full run would simulate {} policy-days, over the page's budget of \
             {}; the command-line tool (jitjic simulate --csv) has no budget",
            budget::policy_days(work.total(asked)),
            budget::policy_days(budget::PORTFOLIO)
        )));
        return;
    }
    let ranges: Vec<(u32, u32)> = parts(settings.n_replications()).collect();
    let n_items = scenario.items().len();
    let items = Rc::new(RefCell::new(Items {
        parts: vec![vec![None; ranges.len()]; n_items],
        left: n_items * ranges.len(),
        done: Some(Box::new(done)),
    }));
    for i in 0..n_items {
        for (k, &(from, to)) in ranges.iter().enumerate() {
            // The CSV holds no stock over time: the workers keep only the metrics.
            let task = Task::Part { item: i as u32, from, to, keep: Keep::Metrics };
            let (items, scenario, ticket2) = (items.clone(), scenario.clone(), ticket.clone());
            submit(&scenario.clone(), task, Priority::Requested, ticket, move |answer| {
                let mut all = items.borrow_mut();
                let part = match answer {
                    Ok(Outcome::Part(part)) => part,
                    other => {
                        ticket2.cancel();
                        let why = match other {
                            Err(failure) => failure.to_string(),
                            Ok(_) => "a worker answered with something else".to_owned(),
                        };
                        if let Some(done) = all.done.take() {
                            done(Err(why));
                        }
                        return;
                    }
                };
                all.parts[i][k] = Some(part);
                all.left -= 1;
                if all.left > 0 {
                    return;
                }
                let comparisons = std::mem::take(&mut all.parts)
                    .into_iter()
                    .zip(scenario.items())
                    .map(|(parts, item)| {
                        let mut parts = parts.into_iter().flatten();
                        let mut run = parts.next().expect("a run has a part");
                        parts.for_each(|p| run.merge(&p));
                        let (policies, down) = run.finish(item);
                        comparison(item, scenario.settings(), policies, down)
                    })
                    .collect();
                if let Some(done) = all.done.take() {
                    done(Ok(comparisons));
                }
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_first_estimate_uses_every_run_when_that_is_quick_and_a_budget_when_not() {
        // The first preset: 500 runs of a year, three policies, all at once.
        assert_eq!(first_estimate_runs(365, 3, 500), 500);
        // 10,000 runs: as many as fit about two million policy-days.
        let runs = first_estimate_runs(365, 3, 10_000);
        assert_eq!(runs, 2_000_000 / (365 * 3));
        // Ten years of twenty policies: never fewer than 50 runs.
        assert_eq!(first_estimate_runs(3_650, 20, 10_000), FIRST_ESTIMATE_MIN_RUNS);
        // Fewer runs than that minimum asked: those.
        assert_eq!(first_estimate_runs(3_650, 20, 10), 10);
    }

    #[test]
    fn results_are_shown_at_the_same_runs_with_the_same_bits_however_the_parts_arrive() {
        let scenario = crate::share::parse_scenario(
            r#"{ "version": 6, "settings": { "horizon_days": 60, "replications": 2000, "seed": 3 },
              "items": [ { "demand": { "distribution": "normal", "mean": 20, "sd": 6 },
                "lead_time": { "distribution": "uniform", "min": 2, "max": 6 } } ] }"#,
        )
        .expect("a valid scenario");
        let (item, settings) = (&scenario.items()[0], *scenario.settings());
        let ranges: Vec<(u32, u32)> = parts(2_000).collect();
        let computed: Vec<Part> = ranges
            .iter()
            .map(|&r| {
                crate::core::simulate_part(item, &settings, item.policies(), r, Keep::Metrics)
            })
            .collect();
        // What is shown, as (runs, the part's bytes), for parts arriving in `order`.
        let shown = |order: &[usize]| {
            let mut merging = Merging::new(ranges.len(), 600, 2_000);
            let mut shown = Vec::new();
            for &k in order {
                if let Some(part) = merging.receive(k, computed[k].clone()) {
                    shown.push((part.to, postcard::to_allocvec(&part).expect("a part")));
                }
            }
            assert_eq!(merging.done(), 2_000);
            shown
        };
        // The same runs shown, each from the same bytes (only the runs said when not).
        let same = |got: Vec<(u32, Vec<u8>)>, want: &[(u32, Vec<u8>)]| {
            let runs = |s: &[(u32, Vec<u8>)]| s.iter().map(|s| s.0).collect::<Vec<_>>();
            assert_eq!(runs(&got), runs(want));
            assert!(got == want, "runs {:?}: the same runs, other bytes", runs(want));
        };
        // In order: 750 (the first parts past 600), 1,500 (twice 750), then all 2,000.
        let in_order = shown(&[0, 1, 2, 3, 4, 5, 6, 7]);
        assert_eq!(in_order.iter().map(|s| s.0).collect::<Vec<_>>(), [750, 1_500, 2_000]);
        // Part 2 late: everything comes in at once, and all of it is shown.
        same(shown(&[0, 1, 3, 4, 5, 6, 7, 2]), &in_order[2..]);
        // Part 1 late: the first estimate is still 750 (not the 1,000 then merged), and so is
        // what follows.
        same(shown(&[0, 2, 3, 1, 4, 7, 5, 6]), &in_order);
        // Two at a time from two workers, the second's first: 750, then 1,500 passed within
        // one arrival, so the next shown is the whole run.
        same(shown(&[2, 0, 3, 1, 6, 4, 7, 5]), &[in_order[0].clone(), in_order[2].clone()]);
    }
}
