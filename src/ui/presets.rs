//! One-click starting scenarios, each a scenario file in `presets/` (the CLI reads them too).
//!
//! Every number in them is **illustrative**: chosen to be plausible for the case and to show
//! its trade-off, not taken from a published data set. Each preset says so on the page, with
//! the reasoning behind its main numbers, so nobody mistakes them for benchmarks.

/// A starting scenario.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Preset {
    /// A stable key for test hooks and links.
    pub key: &'static str,
    pub name: &'static str,
    /// What the case shows, in a sentence.
    pub summary: &'static str,
    /// Where its numbers come from.
    pub sources: &'static str,
    pub json: &'static str,
}

/// The presets, the page's default first.
pub const PRESETS: [Preset; 9] = [
    Preset {
        key: "ecommerce",
        name: "Steady e-commerce seller",
        summary: "A phone case sold online: steady demand with a weekly rhythm, a domestic \
                  supplier a few days away, lost sales when out of stock.",
        sources: "Illustrative numbers: 40 units a day (sd 14), lead time 3–6 days, $6 a unit, \
                  a 25 %/year holding rate (a common rule of thumb for cost of capital, \
                  insurance and shrinkage), sold at $15 (a lost sale forgoes all $15: the $6 \
                  it would have cost and $9 of margin), the supplier paid 30 days after \
                  delivery.",
        json: include_str!("../../presets/ecommerce.json"),
    },
    Preset {
        key: "restaurant",
        name: "Perishable restaurant ingredient",
        summary: "Fresh basil: daily deliveries, a four-day shelf life and a busy weekend. \
                  Stock you hold may rot; stock you lack loses a dish.",
        sources: "Illustrative numbers: 12 bunches a day on average (Poisson), more on Friday \
                  and Saturday, next-day delivery, €1.50 a bunch, €6 of margin lost per dish \
                  not served (so a lost dish forgoes €7.50 with the basil it would have used), 4 \
                  days of shelf life.",
        json: include_str!("../../presets/restaurant.json"),
    },
    Preset {
        key: "overseas",
        name: "Single overseas supplier",
        summary: "A casting from one foundry abroad: a long and uncertain lead time, random \
                  disruptions and a two-week shutdown every year, reviewed weekly, shipped by \
                  the container.",
        sources: "Illustrative numbers: 50 a day (sd 15), a lognormal lead time of 45 days \
                  (sd 12) covering production and sea freight, the foundry down about 6 % of \
                  days at random plus a 14-day holiday shutdown, $35 a unit ($34 in orders of \
                  1,500 or more), orders in multiples of 100, a container of 1,500 castings at \
                  $1,200 however full, $3 per unit-day of backorder, and the foundry paid when \
                  an order is placed, so stock at sea is cash tied up.",
        json: include_str!("../../presets/overseas.json"),
    },
    Preset {
        key: "fashion",
        name: "Fast-fashion SKU",
        summary: "A seasonal jacket: volatile, fading demand over a six-month season and a \
                  high chance the style is dropped, leaving stock to sell off cheaply.",
        sources: "Illustrative numbers: 25 a day (negative binomial, sd 14) falling 60 % a \
                  year, near-shore lead time of 10–20 days, a 90 % yearly chance of being \
                  discontinued with €8 salvage on a €22 unit sold at €52.",
        json: include_str!("../../presets/fashion.json"),
    },
    Preset {
        key: "hospital",
        name: "Hospital critical supply",
        summary: "IV fluid bags from a sole-source manufacturer that occasionally stops \
                  shipping for weeks: a stockout is near-catastrophic. Buffer them, or pay a \
                  distributor to deliver overnight when stock runs low?",
        sources: "Illustrative numbers: 30 bags a day (Poisson), lead time 2–5 days, the \
                  manufacturer down about 5 % of days in spells of three weeks on average, $2 \
                  a bag, and $500 per bag-day short standing for the cost of delayed care; a \
                  distributor that delivers overnight, outage or not, at $1.50 a bag over the \
                  price and $120 a delivery, below one day's use; a storeroom with room for \
                  3,000 bags (100 days), deliveries beyond it refused.",
        json: include_str!("../../presets/hospital.json"),
    },
    Preset {
        key: "machine",
        name: "Unreliable upstream machine",
        summary: "Brackets from a stamping press upstream that breaks down: availability and \
                  repair time are the disruption; a stopped assembly line is the shortage.",
        sources: "Illustrative numbers: 200 brackets a day (sd 20), made overnight (lead time \
                  1 day), the press available 92 % of days with repairs of 2 days on \
                  average, $3 a bracket, $10 per bracket-day the line waits.",
        json: include_str!("../../presets/machine.json"),
    },
    Preset {
        key: "plastics",
        name: "Plastic part, resin price swings",
        summary: "A moulded housing whose resin follows the oil price: prices drift up, jump \
                  without warning, and the moulder has announced a 12 % rise. JIT pays the \
                  price of the day; JIC holds stock bought earlier; buying ahead of the rise \
                  may pay.",
        sources: "Illustrative numbers: 200 a day (sd 60), lead time 7–14 days, reviewed \
                  weekly, $2.40 a unit rising 3 % a year, about 4 random jumps a year of +1 % \
                  ± 8 %, a 12 % rise on day 150 announced 45 days ahead, bought ahead as much \
                  as pays (the special-order rule: the rise ÷ the daily cost of holding a unit, \
                  about 87 days of demand), the moulder down about 3 % of days.",
        json: include_str!("../../presets/plastics.json"),
    },
    Preset {
        key: "nearshore",
        name: "Overseas part, nearshore backup",
        summary: "A controller board from one assembler in Asia, down for weeks at a time and \
                  shut for three weeks every New Year. Buffer a month of stock, or order from \
                  a dearer assembler in Europe while the first one is down?",
        sources: "Illustrative numbers: 30 boards a day (sd 10), a lognormal lead time of 40 \
                  days (sd 8) by sea, the Asian assembler down about 14 % of days at random in \
                  spells of about 15 days plus a 21-day New Year shutdown, paid when ordered, \
                  €48 a board; a European backup 4–8 days away at €51 a board, €150 an order \
                  and at least 100 boards, down about 1.5 % of days, used only while the first \
                  one is down; €8 per board-day of backorder (an assembly line waiting).",
        json: include_str!("../../presets/nearshore.json"),
    },
    Preset {
        key: "catalogue",
        name: "A small catalogue (5 items)",
        summary: "Five unlike items together (a perishable, an overseas casting, a lumpy \
                  spare part, a web-shop SKU and a label roll known only by its history), two \
                  suppliers: optimise every item to see the portfolio.",
        sources: "Illustrative numbers, as in the cases above; the label roll's demand and \
                  lead times are made-up histories resampled day by day.",
        json: include_str!("../../presets/catalogue.json"),
    },
];
