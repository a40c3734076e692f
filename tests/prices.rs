//! Prices over time (`core::prices`): the forward purchase ahead of an announced rise against
//! the textbook special-order closed form, inflation against a hand computation, a supply
//! agreement counted by hand, constant prices through the priced books giving the plain
//! books' money, the draws untouched by prices, links, and messages for bad input.

use jitjic::core::closed_form::{forward_buy_days, special_order_quantity};
use jitjic::core::sim::{simulate, PolicyResult};
use jitjic::core::{PolicyKind, Scenario};
use jitjic::share::parse_scenario;

/// Demand exactly 10 a day, overnight lead time, daily review: JIT orders 10 each evening at
/// the day's price and ends every day with nothing on hand. Unit cost 100, capital 20 % a
/// year, nothing else; `prices` is the item's prices, `policies` its policies.
fn daily(horizon: u32, prices: &str, policies: &str) -> Scenario {
    parse_scenario(&format!(
        r#"{{ "version": 9,
          "settings": {{ "horizon_days": {horizon}, "warm_up_days": 0, "replications": 2,
                         "days_per_year": 365 }},
          "items": [ {{ "review_period_days": 1,
            "demand": {{ "distribution": "normal", "mean": 10, "sd": 0 }},
            "lead_time": {{ "distribution": "fixed", "days": 0 }},
            "costs": {{ "unit_cost": 100, "order_cost": 0, "holding_rate_pct_per_year": 20,
                       "storage_per_unit_day": 0, "backorder_per_unit_day": 50 }},
            "prices": {prices},
            "policies": {policies} }} ] }}"#
    ))
    .unwrap_or_else(|e| panic!("{e:?}"))
}

fn jit(s: &Scenario) -> PolicyResult {
    simulate(s).policy(PolicyKind::Jit).unwrap().clone()
}

const JIT: &str = r#"[ { "policy": "jit" } ]"#;

/// A 10 % rise on day 200, announced 30 days ahead, bought ahead by `cover`.
fn rise(cover: &str) -> Scenario {
    let prices = format!(
        r#"{{ "changes": [ {{ "day": 200, "pct": 10, "announced_days_ahead": 30 }} ]
              {cover} }}"#
    );
    daily(600, &prices, JIT)
}

fn cost(s: &Scenario) -> f64 {
    jit(s).total_cost_per_year.mean()
}

#[test]
fn the_forward_purchase_that_pays_best_is_the_special_order_closed_form() {
    // The closed form (no order cost): Q* = k·D / (v·r) = 10 × 3,650 / (100 × 0.2) = 1,825
    // units, 182.5 days of demand.
    let q = special_order_quantity(100.0, 10.0, 3_650.0, 0.2, 0.0);
    assert!((q - 1_825.0).abs() < 1e-9, "{q}");
    let days = forward_buy_days(10.0, 100.0 * 0.2 / 365.0);
    assert!((days - 182.5).abs() < 1e-9, "{days}");

    // The simulation: a cover of C days buys 10·C units at 100 on day 199 instead of at 110
    // on days 200 … 199 + C, and holds 10·C, 10·(C − 1), …, 10 units on those evenings.
    // By hand: gain(C) = 10·C·10 − 100 × 0.2/365 × 10 × C(C + 1)/2 over the 600 days.
    let none = cost(&rise(""));
    let per_year = 365.0 / 600.0;
    let gain = |c: f64| (100.0 * c - 100.0 * 0.2 / 365.0 * 10.0 * c * (c + 1.0) / 2.0) * per_year;
    let mut best = (f64::NEG_INFINITY, 0u32);
    for c in (150..=215).step_by(5).chain(178..=187) {
        let with = cost(&rise(&format!(r#", "forward_buy": {{ "cover_days": {c} }}"#)));
        let g = none - with;
        assert!((g - gain(f64::from(c))).abs() < 1e-6, "cover {c}: {g} vs {}", gain(f64::from(c)));
        if g > best.0 {
            best = (g, c);
        }
    }
    // The discrete optimum C + ½ = 182.5: the closed form's, within the day's half.
    assert!((f64::from(best.1) - days).abs() <= 0.5 + 1e-9, "best cover {}", best.1);
    // "As much as pays" buys the closed form's cover, half a day off the discrete optimum: its
    // gain is the best one's to 1 part in 10,000.
    let pays = rise(r#", "forward_buy": "as_much_as_pays""#);
    let r = jit(&pays);
    let bought = r.forward_bought_units_per_year.mean() / per_year;
    assert!((bought - 1_825.0).abs() < 1e-9, "{bought}");
    let pays_gain = none - r.total_cost_per_year.mean();
    assert!(pays_gain >= best.0 * (1.0 - 1e-4), "{pays_gain} vs {}", best.0);
    // Without notice there is nothing to buy ahead of.
    let surprise = daily(
        600,
        r#"{ "changes": [ { "day": 200, "pct": 10 } ], "forward_buy": { "cover_days": 180 } }"#,
        JIT,
    );
    assert_eq!(jit(&surprise).forward_bought_units_per_year.mean(), 0.0);
    assert_eq!(cost(&surprise), none);
}

#[test]
fn inflation_raises_what_each_order_pays_at_the_stated_rate() {
    // 12 % a year: the order of day t pays 100 × 1.12^(t/365).
    let s = daily(730, r#"{ "inflation_pct_per_year": 12 }"#, JIT);
    let r = jit(&s);
    let g = 1.12f64.powf(1.0 / 365.0);
    let paid: f64 = (0..730).map(|t| 100.0 * g.powi(t)).sum::<f64>() / 730.0;
    assert!((r.price_paid_per_unit.mean() - paid).abs() < 1e-9, "{:?}", r.price_paid_per_unit);
    // Purchases: the 7,300 units sold, the start's 10 counted at 100 and the 10 left at the
    // end credited at the last price paid.
    let sold: f64 = (0..730).map(|t| 10.0 * 100.0 * g.powi(t)).sum();
    let purchases = (sold + 10.0 * 100.0 - 10.0 * 100.0 * g.powi(729)) * 365.0 / 730.0;
    assert!((r.purchase_cost_per_year.mean() - purchases).abs() < 1e-6);
    // Year 2's units cost 12 % more than year 1's.
    let first = daily(365, r#"{ "inflation_pct_per_year": 12 }"#, JIT);
    let year1 = jit(&first).price_paid_per_unit.mean();
    let year2 = (2.0 * paid - year1) / 1.0;
    assert!((year2 / year1 - 1.12).abs() < 1e-9, "{year1} {year2}");
}

#[test]
fn a_buffer_under_inflation_costs_what_the_moving_average_by_hand_says() {
    // JIT and a JIC of 5 days under 12 % a year. Each evening both order the day's 10 at the
    // day's price; JIC holds 50 more all the time, valued at its moving average cost, which
    // lags the market. By hand, the difference in total cost is capital on the extra stock
    // at that book price, and the end credit of the extra stock at it less its start at 100.
    let policies = r#"[ { "policy": "jit" }, { "policy": "jic", "buffer_days": 5 } ]"#;
    let s = daily(365, r#"{ "inflation_pct_per_year": 12 }"#, policies);
    let c = simulate(&s);
    let (jit, jic) =
        (c.policy(PolicyKind::Jit).unwrap().clone(), c.policy(PolicyKind::Jic).unwrap().clone());
    let g = 1.12f64.powf(1.0 / 365.0);
    let rate = 0.2 / 365.0;
    // JIC's position is 60 after each review; an order of 10 at p joins 50 at the book price.
    let (mut book_jic, mut holding) = (100.0, 0.0);
    let mut book_jit = 100.0;
    for t in 0..365 {
        let price = 100.0 * g.powi(t);
        // The evening: JIC has 50 on hand (JIT nothing), valued at the book before the order.
        holding += 50.0 * book_jic * rate;
        book_jic = (50.0 * book_jic + 10.0 * price) / 60.0;
        book_jit = price;
    }
    // Purchases: equal orders; the start counts 60 (JIC) or 10 (JIT) at 100, the end credits
    // 60 or 10 at each one's book price.
    let purchases = (60.0 - 10.0) * 100.0 - (60.0 * book_jic - 10.0 * book_jit);
    let by_hand = holding + purchases;
    let simulated = jic.total_cost_per_year.mean() - jit.total_cost_per_year.mean();
    assert!((simulated - by_hand).abs() < 1e-6, "{simulated} vs {by_hand}");
    assert!((jic.holding_cost_per_year.mean() - holding).abs() < 1e-6);
}

#[test]
fn a_supply_agreement_prices_the_first_units_of_each_period_by_hand() {
    // 100 units per 30 days at 80, the market at 100: each period's 300 units pay
    // 100 × 80 + 200 × 100, 93.33 a unit.
    let s = daily(
        90,
        r#"{ "agreement": { "price": 80, "units_per_period": 100, "period_days": 30 } }"#,
        JIT,
    );
    let r = jit(&s);
    assert!((r.price_paid_per_unit.mean() - 28_000.0 / 300.0).abs() < 1e-9);
    // Purchases: 900 units ordered (3 × 28,000), the start's 10 at 100, the 10 left at the
    // end credited at the last order's 100.
    let expected = (3.0 * 28_000.0 + 1_000.0 - 1_000.0) * 365.0 / 90.0;
    assert!((r.purchase_cost_per_year.mean() - expected).abs() < 1e-6);
}

/// A noisy item with every feature whose money the books touch: random lead times and a
/// supply yield, payment 30 days after receipt, perishable lots, an expedite and a shelf.
fn busy(prices: &str) -> Scenario {
    parse_scenario(&format!(
        r#"{{ "version": 9, "settings": {{ "horizon_days": 400, "replications": 30 }},
          "suppliers": [ {{ "name": "Mill",
              "random_outages": {{ "mean_up_days": 60, "mean_down_days": 6 }} }} ],
          "items": [ {{ "supplier": "Mill",
            "demand": {{ "distribution": "poisson", "mean": 12 }},
            "lead_time": {{ "distribution": "uniform", "min": 3, "max": 8 }},
            "supply_yield": {{ "distribution": "uniform", "min": 0.8, "max": 1 }},
            "perishability": {{ "shelf_life_days": 30 }},
            "payment_terms": {{ "paid": "after_receipt", "days": 30 }},
            "costs": {{ "unit_cost": 40, "order_cost": 25, "holding_rate_pct_per_year": 25,
                       "storage_per_unit_day": 0.01, "backorder_per_unit_day": 3 }},
            "expedite": {{ "trigger_units": 10, "lead_time_days": 1, "premium_per_unit": 6 }},
            "storage": {{ "capacity_units": 250 }},
            {prices}
            "policies": [ {{ "policy": "jit" }}, {{ "policy": "jic", "buffer_days": 6 }} ] }} ] }}"#
    ))
    .unwrap_or_else(|e| panic!("{e:?}"))
}

#[test]
fn a_constant_price_through_the_priced_books_gives_the_plain_books_money() {
    // An agreement at the unit cost changes no price but runs every order, arrival, evening
    // and end credit through the book price: the money must be the plain books', to rounding.
    let plain = simulate(&busy(""));
    let priced = simulate(&busy(
        r#""prices": { "agreement": { "price": 40, "units_per_period": 1e9, "period_days": 30 } },"#,
    ));
    for (a, b) in plain.policies.iter().zip(&priced.policies) {
        for (what, x, y) in [
            ("purchases", &a.purchase_cost_per_year, &b.purchase_cost_per_year),
            ("holding", &a.holding_cost_per_year, &b.holding_cost_per_year),
            ("cash", &a.avg_cash_tied_up, &b.avg_cash_tied_up),
            ("owed", &a.avg_owed_to_suppliers, &b.avg_owed_to_suppliers),
            ("total", &a.total_cost_per_year, &b.total_cost_per_year),
        ] {
            let scale = x.mean().abs().max(1.0);
            assert!(
                (x.mean() - y.mean()).abs() < 1e-9 * scale,
                "{what}: {} vs {}",
                x.mean(),
                y.mean()
            );
        }
        assert_eq!(a.stockout_days_per_year, b.stockout_days_per_year);
        assert_eq!(a.expedites_per_year, b.expedites_per_year);
    }
}

#[test]
fn price_jumps_draw_from_their_own_stream_and_leave_the_days_alone() {
    let plain = simulate(&busy(""));
    let jumpy = simulate(&busy(
        r#""prices": { "inflation_pct_per_year": 5,
                       "jumps": { "per_year": 6, "mean_pct": 4, "sd_pct": 10 } },"#,
    ));
    for (a, b) in plain.policies.iter().zip(&jumpy.policies) {
        // The same demand, lead times, outages and yields: the same stock, the same days.
        assert_eq!(a.stockout_days_per_year, b.stockout_days_per_year);
        assert_eq!(a.fill_rate, b.fill_rate);
        assert_eq!(a.avg_on_hand, b.avg_on_hand);
        // Prices rose on average (5 % a year and +4 % jumps): what was paid did too.
        assert!(b.price_paid_per_unit.mean() > 40.0 * 1.02, "{:?}", b.price_paid_per_unit);
        assert!(b.purchase_cost_per_year.mean() > a.purchase_cost_per_year.mean());
    }
}

#[test]
fn prices_travel_in_links_and_written_files() {
    use jitjic::share::link::{decode, encode, View};
    use jitjic::share::scenario_file::ScenarioFile;
    let s = busy(
        r#""prices": { "inflation_pct_per_year": 3,
             "changes": [ { "day": 90, "to_price": 44, "announced_days_ahead": 20 },
                          { "day": 200, "pct": -5 } ],
             "jumps": { "per_year": 2, "mean_pct": 8, "sd_pct": 5 },
             "agreement": { "price": 38, "units_per_period": 200, "period_days": 30,
                            "start_day": 10, "days": 300 },
             "forward_buy": { "cover_days": 20 } },"#,
    );
    let written = serde_json::to_value(ScenarioFile::from_spec(s.spec())).unwrap();
    let shared = decode(&encode(&written, &View::default())).expect("its own link");
    let again = parse_scenario(&shared.scenario.to_string()).unwrap();
    assert_eq!(again.spec().items[0].prices, s.spec().items[0].prices);
    let (a, b) = (simulate(&s), simulate(&again));
    for (x, y) in a.policies.iter().zip(&b.policies) {
        assert_eq!(x.cost_by_replication, y.cost_by_replication);
    }
    let pays = busy(
        r#""prices": { "changes": [ { "day": 90, "pct": 8, "announced_days_ahead": 20 } ], "forward_buy": "as_much_as_pays" },"#,
    );
    let written = serde_json::to_value(ScenarioFile::from_spec(pays.spec())).unwrap();
    assert_eq!(written["items"][0]["prices"]["forward_buy"], "as_much_as_pays");
}

#[test]
fn bad_prices_name_the_field_the_value_and_the_range() {
    let bad = |prices: &str| {
        let e = parse_scenario(&format!(
            r#"{{ "version": 9, "settings": {{ "horizon_days": 365 }},
                 "items": [ {{ "demand": {{ "distribution": "poisson", "mean": 5 }},
                              "lead_time": {{ "distribution": "fixed", "days": 3 }},
                              "prices": {prices} }} ] }}"#
        ))
        .unwrap_err();
        format!("{e:?}")
    };
    let m = bad(r#"{ "inflation_pct_per_year": 500 }"#);
    assert!(m.contains("items[0].prices.inflation_pct_per_year") && m.contains("500"), "{m}");
    let m = bad(r#"{ "changes": [ { "day": 30, "pct": 5, "to_price": 9 } ] }"#);
    assert!(m.contains("items[0].prices.changes[0]") && m.contains("exactly one"), "{m}");
    let m = bad(r#"{ "changes": [ { "day": 400, "pct": 5 } ] }"#);
    assert!(m.contains("items[0].prices") && m.contains("400") && m.contains("1 to 364"), "{m}");
    let m = bad(r#"{ "changes": [ { "day": 30, "pct": -100 } ] }"#);
    assert!(m.contains("changes[0].pct") && m.contains("-100"), "{m}");
    let m = bad(r#"{ "forward_buy": { "cover_days": -3 } }"#);
    assert!(m.contains("forward_buy.cover_days") && m.contains("-3"), "{m}");
    // A version 8 file cannot carry prices.
    let e = parse_scenario(
        r#"{ "version": 8, "items": [ { "demand": { "distribution": "poisson", "mean": 5 },
              "lead_time": { "distribution": "fixed", "days": 3 },
              "prices": { "inflation_pct_per_year": 2 } } ] }"#,
    )
    .unwrap_err();
    assert!(format!("{e:?}").contains("needs format version 9"), "{e:?}");
}

/// Noisy demand around 10 a day, a 10 % rise on day 200 announced 30 days ahead, bought ahead
/// as much as pays; 300 replications.
fn noisy_rise(forward: &str) -> Scenario {
    parse_scenario(&format!(
        r#"{{ "version": 9, "settings": {{ "horizon_days": 500, "replications": 300, "seed": 3 }},
          "items": [ {{ "review_period_days": 1,
            "demand": {{ "distribution": "poisson", "mean": 10 }},
            "lead_time": {{ "distribution": "uniform", "min": 2, "max": 6 }},
            "costs": {{ "unit_cost": 100, "order_cost": 0, "holding_rate_pct_per_year": 20,
                       "storage_per_unit_day": 0, "backorder_per_unit_day": 20 }},
            "prices": {{ "changes": [ {{ "day": 200, "pct": 10, "announced_days_ahead": 30 }} ],
                        "forward_buy": {forward} }} }} ] }}"#
    ))
    .unwrap_or_else(|e| panic!("{e:?}"))
}

#[test]
fn the_optimiser_keeps_buying_ahead_where_it_pays_and_the_plan_does_what_was_simulated() {
    use jitjic::core::optimise::levers::{optimise_with_levers, Lever};
    use jitjic::core::optimise::{advise, Options};
    use jitjic::share::plan_file::{plan_document, Planned};
    let s = noisy_rise(r#""as_much_as_pays""#);
    let f = optimise_with_levers(s.item(), s.settings(), &Options { points: 9, target: None })
        .expect("something to optimise");
    let choice = f.levers.iter().find(|l| l.lever == Lever::ForwardBuy).expect("weighed");
    // About 1,825 units at 10 below the new price, held 91 days on average at 100 × 20 %/365
    // a day: about 18,250 − 9,100 over 500 days, some 6,600 a year.
    let saving = choice.saving_per_year;
    assert!(choice.used && saving.mean() > 5.0 * saving.se(), "{choice:?}");
    assert!((saving.mean() - 6_600.0).abs() < 0.1 * 6_600.0, "{saving:?}");
    let advice = advise(s.item(), &f, s.wording());
    assert!(advice.sentence.contains("Buying ahead of announced rises (as much as pays) saves"));
    // The plan states the purchase: on the review of day 199, 1,825 units on top of the rule.
    let buys = &advice.erp.buy_ahead;
    assert_eq!(buys.len(), 1, "{buys:?}");
    assert_eq!((buys[0].day, buys[0].change_day, buys[0].units), (199, 200, 1_825.0));
    // Simulated back from the plan file, the optimum's own numbers, replication by replication.
    let doc = serde_json::to_value(jitjic::share::scenario_file::ScenarioFile::from_spec(s.spec()))
        .unwrap();
    let planned = [Some(Planned {
        name: "Plan".into(),
        plan: &advice.erp,
        warm_up_days: s.item().warm_up_days(),
    })];
    let back = parse_scenario(&plan_document(&doc, &planned).to_string()).unwrap();
    let r = &simulate(&back).policies[0];
    assert_eq!(r.cost_by_replication, f.optimum().result.cost_by_replication);
    let measured = f64::from(500 - s.item().warm_up_days());
    let bought = r.forward_bought_units_per_year.mean() * measured / 365.0;
    assert!((bought - 1_825.0).abs() < 1e-6, "{bought}");
}

#[test]
fn buying_far_more_than_pays_is_left_out_of_the_plan() {
    use jitjic::core::optimise::levers::{optimise_with_levers, Lever};
    use jitjic::core::optimise::{advise, Options};
    // Two years of cover ahead of a 10 % rise held at 20 % a year costs more than it saves.
    let s = noisy_rise(r#"{ "cover_days": 730 }"#);
    let f = optimise_with_levers(s.item(), s.settings(), &Options { points: 9, target: None })
        .expect("something to optimise");
    let choice = f.levers.iter().find(|l| l.lever == Lever::ForwardBuy).expect("weighed");
    assert!(!choice.used, "{choice:?}");
    assert_eq!(f.optimum().result.forward_bought_units_per_year.mean(), 0.0);
    let advice = advise(s.item(), &f, s.wording());
    assert!(advice.sentence.contains("does not pay"), "{}", advice.sentence);
    assert!(advice.erp.buy_ahead.is_empty());
}

#[test]
fn the_drivers_move_and_remove_the_price_swings() {
    use jitjic::core::optimise::{sensitivity, Driver, Options};
    let s = busy(r#""prices": { "jumps": { "per_year": 6, "mean_pct": 2, "sd_pct": 10 } },"#);
    let sens = sensitivity(&s, 0, &Options { points: 7, target: None }, "USD").unwrap();
    let effect = sens.effects.iter().find(|e| e.driver == Driver::PriceVolatility).expect("ranked");
    assert_eq!(effect.level, "6 jumps a year of 2 % ± 10 %");
    assert!(effect.without.is_some(), "removed as a risk");
    // An item without jumps has no such driver.
    let calm = sensitivity(&busy(""), 0, &Options { points: 7, target: None }, "USD").unwrap();
    assert!(calm.effects.iter().all(|e| e.driver != Driver::PriceVolatility));
}
