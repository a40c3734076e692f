//! A catalogue's portfolio, gathered from its optimise records: what a record carries for it
//! (`jitjic optimise --items … --for-portfolio`), the partial sums one piece of a catalogue
//! adds up to (`jitjic portfolio --partial`), and the portfolio they make
//! (`jitjic portfolio`). docs/catalogue.md describes each.
//!
//! The totals' sums are exact (`core::exact_sum`), so pieces gathered on other machines and
//! merged in any order give one process's totals bit for bit. Per-replication costs travel
//! only as far as the partial sums of the piece that read them; what reaches the end is one
//! small summary per item (its classes and exchange hull) and each piece's sums.

use serde::{Deserialize, Serialize};

use crate::core::exact_sum::ExactSum;
use crate::core::optimise::{
    summarise, Allocation, Frontier, HullPoint, PortfolioTotal, Share, Stance, Sums,
};
use crate::core::Item;

use super::optimise_file::{class_out, total_out, CellOut, ClassOut, TotalOut};
use super::results::RESULTS_VERSION;

/// One allocation of an item in its record: each replication's cost and the cash it ties up.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AllocationOut {
    pub cash_tied_up: f64,
    pub cash_in_transit: f64,
    pub cost_by_replication: Vec<f64>,
}

/// A point of an item's exchange hull.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HullOut {
    pub buffer_days: f64,
    pub cash_tied_up: f64,
    pub total_cost_per_year: f64,
}

/// What an optimise record carries for the portfolio (its `portfolio` member).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShareOut {
    /// The fingerprint of the catalogue's header (`catalogue::Header::fingerprint`): records
    /// add up only under one header.
    pub header: String,
    pub currency: String,
    pub yearly_value: f64,
    pub demand_cv: f64,
    pub stance: Stance,
    pub jit: AllocationOut,
    pub jic: AllocationOut,
    pub optimum: AllocationOut,
    pub hull: Vec<HullOut>,
}

impl ShareOut {
    /// An optimised item's share of the portfolio.
    pub fn new(
        item: &Item,
        f: &Frontier,
        stance: Stance,
        days_per_year: f64,
        currency: &str,
        header: &str,
    ) -> Self {
        let share = Share::new(item, f, stance, days_per_year);
        let [jit, jic, optimum] = share.allocations.map(|a| AllocationOut {
            cash_tied_up: a.cash_tied_up,
            cash_in_transit: a.cash_in_transit,
            cost_by_replication: a.cost_by_replication,
        });
        ShareOut {
            header: header.to_owned(),
            currency: currency.to_owned(),
            yearly_value: share.yearly_value,
            demand_cv: share.cv,
            stance,
            jit,
            jic,
            optimum,
            hull: share.hull.iter().map(hull_out).collect(),
        }
    }
}

fn hull_out(p: &HullPoint) -> HullOut {
    HullOut {
        buffer_days: p.buffer_days,
        cash_tied_up: p.cash_tied_up,
        total_cost_per_year: p.cost_per_year,
    }
}

/// What is kept of an item once its costs are in the sums.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryOut {
    pub position: u32,
    pub item: String,
    pub yearly_value: f64,
    pub demand_cv: f64,
    pub stance: Stance,
    pub hull: Vec<HullOut>,
}

/// One allocation's exact sums, as their partials (`core::exact_sum`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SumsOut {
    pub cash_tied_up: Vec<f64>,
    pub cash_in_transit: Vec<f64>,
    pub cost_by_replication: Vec<Vec<f64>>,
}

/// A piece of a catalogue added up: its sums and its items' entries.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartialOut {
    pub header: Option<String>,
    pub currency: Option<String>,
    pub items: u64,
    pub failed: u64,
    pub nothing_to_optimise: u64,
    pub jit: SumsOut,
    pub jic: SumsOut,
    pub optimum: SumsOut,
    pub entries: Vec<EntryOut>,
}

/// A line of the portfolio step's input: an optimise record or a piece's partial sums.
/// Members it does not need (the record's frontier, advice, plan) are passed over.
#[derive(Deserialize)]
struct LineIn {
    position: Option<u32>,
    name: Option<String>,
    error: Option<String>,
    nothing_to_optimise: Option<String>,
    portfolio: Option<ShareOut>,
    partial: Option<PartialOut>,
}

/// The start of the exchange curve: every item at its hull's start.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StartOut {
    pub cash_tied_up: f64,
    pub total_cost_per_year: f64,
}

/// A step of the exchange curve: one item moves up its hull.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct StepOut {
    pub cash_tied_up: f64,
    pub total_cost_per_year: f64,
    pub position: u32,
    pub buffer_days: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ExchangeCurveOut {
    pub start: StartOut,
    pub steps: Vec<StepOut>,
}

/// An item's buffer in an allocation.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BufferOut {
    pub position: u32,
    pub buffer_days: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AllocationChosen {
    pub budget: f64,
    pub cash_tied_up: f64,
    pub total_cost_per_year: f64,
    pub buffers: Vec<BufferOut>,
}

/// The portfolio of a catalogue (`jitjic portfolio`).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CataloguePortfolio {
    pub version: u32,
    pub generator: String,
    pub currency: String,
    /// Items in the totals.
    pub items: u64,
    pub nothing_to_optimise: u64,
    /// Records that failed: the totals leave them out.
    pub failed: u64,
    pub replications: usize,
    pub jit_everywhere: TotalOut,
    pub jic_everywhere: TotalOut,
    pub each_at_its_optimum: TotalOut,
    pub exchange_curve: ExchangeCurveOut,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget_allocation: Option<AllocationChosen>,
    pub classes: Vec<ClassOut>,
    pub cells: Vec<CellOut>,
}

/// Gathers records and partial sums, one line at a time, into a portfolio.
#[derive(Debug, Default)]
pub struct Gather {
    header: Option<String>,
    currency: Option<String>,
    sums: Sums,
    entries: Vec<EntryOut>,
    failed: u64,
    nothing: u64,
}

fn sums_out(sums: &Sums, a: usize) -> SumsOut {
    SumsOut {
        cash_tied_up: sums.cash_tied_up[a].partials().to_vec(),
        cash_in_transit: sums.cash_in_transit[a].partials().to_vec(),
        cost_by_replication: sums.cost_by_replication[a]
            .iter()
            .map(|s| s.partials().to_vec())
            .collect(),
    }
}

fn sums_in(parts: [&SumsOut; 3], items: u64) -> Result<Sums, String> {
    let n = parts[0].cost_by_replication.len();
    if parts.iter().any(|p| p.cost_by_replication.len() != n) {
        return Err("its JIT, JIC and optimum sums have different replications".into());
    }
    let exact = |terms: &[f64]| {
        terms
            .iter()
            .all(|t| t.is_finite())
            .then(|| ExactSum::from_partials(terms))
            .ok_or_else(|| "a partial sum is not a finite number".to_owned())
    };
    let mut sums = Sums { items, ..Sums::default() };
    for (a, p) in parts.iter().enumerate() {
        sums.cash_tied_up[a] = exact(&p.cash_tied_up)?;
        sums.cash_in_transit[a] = exact(&p.cash_in_transit)?;
        sums.cost_by_replication[a] =
            p.cost_by_replication.iter().map(|t| exact(t)).collect::<Result<_, _>>()?;
    }
    Ok(sums)
}

impl Gather {
    /// Takes one line: an optimise record made with `--for-portfolio`, or a partial.
    ///
    /// # Errors
    /// What is wrong with the line (it is then left out).
    pub fn line(&mut self, text: &str) -> Result<(), String> {
        let line: LineIn = serde_json::from_str(text)
            .map_err(|e| format!("not an optimise record or a portfolio's partial sums ({e})"))?;
        if let Some(p) = line.partial {
            return self.partial(p);
        }
        if line.error.is_some() {
            self.failed += 1;
            return Ok(());
        }
        if line.nothing_to_optimise.is_some() {
            self.nothing += 1;
            return Ok(());
        }
        let (Some(position), Some(share)) = (line.position, line.portfolio) else {
            return Err("the record has no portfolio data: run `jitjic optimise … --items … \
                        --for-portfolio` to write records the portfolio can add up"
                .into());
        };
        // A broken record sets nothing: the header and currency are the first good record's.
        check_share(&share)?;
        self.same(&share.header, &share.currency)?;
        let allocation = |a: AllocationOut| Allocation {
            cost_by_replication: a.cost_by_replication,
            cash_tied_up: a.cash_tied_up,
            cash_in_transit: a.cash_in_transit,
        };
        let ShareOut { yearly_value, demand_cv, stance, jit, jic, optimum, hull, .. } = share;
        self.sums.add(&[allocation(jit), allocation(jic), allocation(optimum)])?;
        self.entries.push(EntryOut {
            position,
            item: line.name.unwrap_or_default(),
            yearly_value,
            demand_cv,
            stance,
            hull,
        });
        Ok(())
    }

    fn partial(&mut self, p: PartialOut) -> Result<(), String> {
        if let (Some(h), Some(c)) = (&p.header, &p.currency) {
            self.same(h, c)?;
        }
        let sums = sums_in([&p.jit, &p.jic, &p.optimum], p.items)?;
        if p.entries.len() as u64 != p.items {
            return Err(format!(
                "the partial sums count {} items and list {}",
                p.items,
                p.entries.len()
            ));
        }
        for e in &p.entries {
            check_numbers(e.yearly_value, e.demand_cv, &e.hull)?;
        }
        self.sums.merge(&sums)?;
        self.entries.extend(p.entries);
        self.failed += p.failed;
        self.nothing += p.nothing_to_optimise;
        Ok(())
    }

    /// Records add up only under one header (settings, suppliers in their order), and so
    /// in one currency.
    fn same(&mut self, header: &str, currency: &str) -> Result<(), String> {
        match (&self.header, &self.currency) {
            (Some(h), _) if h != header => Err(format!(
                "it was made under another header (fingerprint {header}, not the {h} of the \
                 records before it): a portfolio adds up items run on the same settings and \
                 suppliers, in the same order"
            )),
            (_, Some(c)) if c != currency => Err(format!(
                "its currency {currency} is not the {c} of the records before it; a portfolio \
                 adds up one currency"
            )),
            (Some(_), Some(_)) => Ok(()),
            _ => {
                self.header = Some(header.to_owned());
                self.currency = Some(currency.to_owned());
                Ok(())
            }
        }
    }

    /// The partial sums of what was gathered, as one JSON line.
    pub fn partial_line(&self) -> String {
        let partial = PartialOut {
            header: self.header.clone(),
            currency: self.currency.clone(),
            items: self.sums.items,
            failed: self.failed,
            nothing_to_optimise: self.nothing,
            jit: sums_out(&self.sums, 0),
            jic: sums_out(&self.sums, 1),
            optimum: sums_out(&self.sums, 2),
            entries: self.entries.clone(),
        };
        #[derive(Serialize)]
        struct Line<'a> {
            partial: &'a PartialOut,
        }
        serde_json::to_string(&Line { partial: &partial }).unwrap_or_default() + "\n"
    }

    /// The portfolio of everything gathered.
    ///
    /// # Errors
    /// When an item was gathered twice (its position appears again), or a budget is below
    /// what JIT everywhere ties up.
    pub fn finish(mut self, budget: Option<f64>) -> Result<CataloguePortfolio, String> {
        // Position order, as one process holds the items.
        self.entries.sort_by_key(|e| e.position);
        if let Some(w) = self.entries.windows(2).find(|w| w[0].position == w[1].position) {
            return Err(format!(
                "position {} appears twice: a record was given twice, or two pieces overlap",
                w[0].position
            ));
        }
        let no_costs = || Allocation {
            cost_by_replication: Vec::new(),
            cash_tied_up: 0.0,
            cash_in_transit: 0.0,
        };
        let shares: Vec<Share> = self
            .entries
            .iter()
            .map(|e| Share {
                yearly_value: e.yearly_value,
                cv: e.demand_cv,
                stance: e.stance,
                allocations: [no_costs(), no_costs(), no_costs()],
                hull: e
                    .hull
                    .iter()
                    .map(|h| HullPoint {
                        buffer_days: h.buffer_days,
                        cash_tied_up: h.cash_tied_up,
                        cost_per_year: h.total_cost_per_year,
                    })
                    .collect(),
            })
            .collect();
        let s = summarise(&shares, &self.sums);
        let position = |k: usize| self.entries[k].position;
        let budget_allocation = match budget {
            None => None,
            Some(b) => {
                let at = s.exchange.allocate(b)?;
                let (cash, cost) = match at {
                    0 => (s.exchange.start_cash, s.exchange.start_cost_per_year),
                    k => (s.exchange.steps[k - 1].cash, s.exchange.steps[k - 1].cost_per_year),
                };
                Some(AllocationChosen {
                    budget: b,
                    cash_tied_up: cash,
                    total_cost_per_year: cost,
                    buffers: s
                        .exchange
                        .buffers_at(at)
                        .into_iter()
                        .enumerate()
                        .map(|(k, buffer_days)| BufferOut { position: position(k), buffer_days })
                        .collect(),
                })
            }
        };
        let currency = self.currency.clone().unwrap_or_default();
        let total = |t: &PortfolioTotal| total_out(t, &currency);
        Ok(CataloguePortfolio {
            version: RESULTS_VERSION,
            generator: format!("jitjic {}", env!("CARGO_PKG_VERSION")),
            currency: currency.clone(),
            items: self.sums.items,
            nothing_to_optimise: self.nothing,
            failed: self.failed,
            replications: self.sums.cost_by_replication[0].len(),
            jit_everywhere: total(&s.jit),
            jic_everywhere: total(&s.jic),
            each_at_its_optimum: total(&s.optimum),
            exchange_curve: ExchangeCurveOut {
                start: StartOut {
                    cash_tied_up: s.exchange.start_cash,
                    total_cost_per_year: s.exchange.start_cost_per_year,
                },
                steps: s
                    .exchange
                    .steps
                    .iter()
                    .map(|st| StepOut {
                        cash_tied_up: st.cash,
                        total_cost_per_year: st.cost_per_year,
                        position: position(st.item),
                        buffer_days: st.buffer_days,
                    })
                    .collect(),
            },
            budget_allocation,
            classes: self
                .entries
                .iter()
                .enumerate()
                .map(|(k, e)| {
                    let classes = (s.abc[k], s.xyz[k]);
                    let (value, cv) = (e.yearly_value, e.demand_cv);
                    class_out(Some(e.position), &e.item, classes, value, cv, e.stance)
                })
                .collect(),
            cells: s.cells.iter().map(super::optimise_file::cell_out).collect(),
        })
    }
}

/// A record's numbers are finite, its three allocations have the same replications, and its
/// hull runs as a hull does (cash up, cost down).
fn check_share(s: &ShareOut) -> Result<(), String> {
    let n = s.jit.cost_by_replication.len();
    if n == 0 || s.jic.cost_by_replication.len() != n || s.optimum.cost_by_replication.len() != n {
        return Err(format!(
            "its JIT, JIC and optimum have {n}, {} and {} costs by replication; accepted: the \
             same number, at least 1",
            s.jic.cost_by_replication.len(),
            s.optimum.cost_by_replication.len()
        ));
    }
    for a in [&s.jit, &s.jic, &s.optimum] {
        if !(a.cash_tied_up.is_finite()
            && a.cash_in_transit.is_finite()
            && a.cost_by_replication.iter().all(|c| c.is_finite()))
        {
            return Err("its costs and cash must be finite numbers".into());
        }
    }
    check_numbers(s.yearly_value, s.demand_cv, &s.hull)
}

fn check_numbers(value: f64, cv: f64, hull: &[HullOut]) -> Result<(), String> {
    if !(value.is_finite() && cv.is_finite()) {
        return Err("its yearly value and demand CV must be finite numbers".into());
    }
    if hull.is_empty() {
        return Err("its exchange hull has no point; it starts at JIT or below".into());
    }
    let finite = hull.iter().all(|h| {
        h.buffer_days.is_finite() && h.cash_tied_up.is_finite() && h.total_cost_per_year.is_finite()
    });
    let climbs = hull.windows(2).all(|w| {
        w[1].cash_tied_up > w[0].cash_tied_up && w[1].total_cost_per_year < w[0].total_cost_per_year
    });
    if !(finite && climbs) {
        return Err(
            "its exchange hull must be finite points with cash rising and cost falling".into()
        );
    }
    Ok(())
}
