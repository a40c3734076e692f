//! Charts rendered natively to SVG: titles, axes and every series are there.

use jitjic::charts::{to_svg, ChartKind};
use jitjic::core::scenario::SaleValue;
use jitjic::core::{simulate, Scenario, ScenarioInput};

fn comparison() -> jitjic::core::Comparison {
    let input = ScenarioInput { n_replications: 100.0, ..Default::default() };
    simulate(&Scenario::try_from(input).unwrap())
}

/// The text of every `<text>` element, trimmed.
fn texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|t| {
            let body = t.split_once('>')?.1;
            Some(body.split("</text>").next()?.trim().to_owned())
        })
        .collect()
}

fn has_text(svg: &str, wanted: &str) -> bool {
    texts(svg).iter().any(|t| t == wanted)
}

/// The polyline points of every `<polyline>` in the document, by stroke colour.
fn polylines_with_stroke<'a>(svg: &'a str, color: &str) -> Vec<&'a str> {
    svg.lines()
        .filter(|l| l.contains("<polyline") && l.contains(&format!("stroke=\"{color}\"")))
        .collect()
}

#[test]
fn inventory_chart_has_title_axes_and_both_policies() {
    let c = comparison();
    let svg = to_svg(ChartKind::InventoryOverTime, &c, "USD", (800, 480));
    assert!(svg.starts_with("<svg"), "not an SVG document");
    for text in [
        "Inventory on hand over time",
        "Day",
        "On hand at end of day (units)",
        "Warm-up (8 days), not measured",
        "P10–P90 of runs",
        "JIT (order-up-to 160 units)",
        "JIC 5 days (order-up-to 260 units)",
    ] {
        assert!(has_text(&svg, text), "missing {text:?}");
    }
    // A shaded P10–P90 band per policy, in its colour, with two points per sampled day.
    for color in ["#0072B2", "#E69F00"] {
        let band = svg
            .lines()
            .find(|l| l.contains("<polygon") && l.contains(&format!("fill=\"{color}\"")))
            .unwrap_or_else(|| panic!("no band in {color}"));
        assert!(band.matches(',').count() >= 2 * 100, "{color}: band too short");
    }
    // One long line per policy, one point per day.
    for color in ["#0072B2", "#E69F00"] {
        let lines = polylines_with_stroke(&svg, color);
        let longest = lines.iter().map(|l| l.matches(',').count()).max().unwrap_or(0);
        assert!(longest >= 365, "{color}: {longest} points");
    }
}

#[test]
fn cost_chart_has_both_panels_parts_and_policies() {
    let c = comparison();
    let svg = to_svg(ChartKind::CostAndStockouts, &c, "USD", (800, 480));
    for text in [
        "Cost per year, excl. purchases",
        "Storage",
        "Stockout days per year",
        "USD per year",
        "days per year",
        "Capital holding",
        "Ordering",
        "Backorder penalty",
        "JIT",
        "JIC 5 days",
    ] {
        assert!(has_text(&svg, text), "missing {text:?}");
    }
    // Bars: the two policies' stockout bars in their colours.
    assert!(svg.contains("fill=\"#0072B2\""));
    assert!(svg.contains("fill=\"#E69F00\""));
}

#[test]
fn lost_sales_items_stack_their_lost_sales_not_a_backorder_penalty() {
    let input = ScenarioInput { n_replications: 50.0, jic_buffer_days: 0.5, ..Default::default() };
    let s = Scenario::try_from(input)
        .unwrap()
        .with_lost_sales(SaleValue::MarginAndGoodwill(30.0))
        .unwrap();
    let c = simulate(&s);
    assert!(c.policies.iter().all(|p| p.lost_sale_cost_per_year.mean() > 0.0), "nothing lost");
    let svg = to_svg(ChartKind::CostAndStockouts, &c, "USD", (800, 480));
    assert!(has_text(&svg, "Lost sales"));
    assert!(!has_text(&svg, "Backorder penalty"));
    // The total written above each bar is the operating cost, lost sales included.
    let jit = &c.policies[0];
    assert!(has_text(
        &svg,
        &format!("${}", jitjic::core::input::Num(jit.operating_cost_per_year.mean().round()))
    ));
}

#[test]
fn frontier_chart_marks_jit_jic_and_the_optimum_and_draws_every_panel() {
    use jitjic::charts::{frontier_svg, shown_days};
    use jitjic::core::optimise::{optimise, Options};
    // With its rule fixed, JIT and JIC lie on the frontier (lines); with it free, an order cost
    // makes bigger orders pay, and JIT and JIC are points of their own beside it.
    for (fixed, jit, jic) in [
        (true, "JIT", "JIC 5 days"),
        (false, "JIT (its own rule, +€", "JIC 5 days (its own rule, +€"),
    ] {
        let s = jitjic::share::parse_scenario(&format!(
            r#"{{ "version": 6, "settings": {{ "replications": 200, "seed": 1, "currency": "EUR" }},
              "items": [ {{ "demand": {{ "distribution": "normal", "mean": 20, "sd": 6 }},
                "lead_time": {{ "distribution": "uniform", "min": 5, "max": 9 }},
                "rule_fixed": {fixed}, "costs": {{ "backorder_per_unit_day": 10 }} }} ] }}"#
        ))
        .unwrap();
        let f = optimise(s.item(), s.settings(), &Options::default()).unwrap();
        assert_eq!(f.on_own_rule(), fixed);
        let svg = frontier_svg(&f, jitjic::core::Shortage::Backorder, "EUR", (900, 700));
        assert!(!svg.is_empty(), "the chart drew");
        for wanted in [
            "Yearly cost above the optimum, by buffer",
            "Cost parts, excl. purchases",
            "Stockout days per year",
            "Buffer (days of mean demand)",
            "EUR per year above the optimum",
            "Same cost within the noise",
            "Cost above the optimum, 95 % band",
            "Capital holding",
            "Backorder penalty",
        ] {
            assert!(has_text(&svg, wanted), "missing {wanted:?}");
        }
        for wanted in [jit, jic] {
            let named = |t: &String| t == wanted || (!fixed && t.starts_with(wanted));
            assert!(texts(&svg).iter().any(named), "missing {wanted:?}");
        }
        let best = (f.optimum().buffer_days * 10.0).round() / 10.0;
        let unit = if best == 1.0 { "day" } else { "days" };
        assert!(has_text(&svg, &format!("Optimum {best} {unit}")), "optimum {best} not marked");
        // The x axis covers the optimum and JIC with room to see the curve rise again.
        let x_max = shown_days(&f);
        assert!(x_max >= 2.0 * f.optimum().buffer_days && x_max >= 5.0);
        // Money in euros on the axis.
        assert!(texts(&svg).iter().any(|t| t.starts_with('€')), "no € labels");
    }
}

#[test]
fn distribution_chart_has_both_histograms_for_every_policy() {
    let c = comparison();
    assert_eq!(c.policies[0].cost_by_replication.len(), 100);
    let svg = to_svg(ChartKind::Distributions, &c, "USD", (800, 480));
    for wanted in [
        "Yearly cost across runs (line: P95)",
        "Stockout days per year across runs (line: P95)",
        "USD per year",
        "share of runs",
        "JIT",
        "JIC 5 days",
    ] {
        assert!(has_text(&svg, wanted), "missing {wanted:?}");
    }
    // Each policy's bars in its colour, in both panels.
    for color in ["#0072B2", "#E69F00"] {
        let bars = svg.matches(&format!("opacity=\"0.35\" fill=\"{color}\"")).count();
        assert!(bars >= 2, "{color}: {bars} bars");
    }
}

#[test]
fn inventory_chart_shades_outages_shocks_and_the_share_of_runs_with_the_supplier_down() {
    let s = jitjic::share::parse_scenario(
        r#"{ "version": 2, "settings": { "replications": 50, "seed": 2 },
          "suppliers": [ { "name": "S", "random_outages": { "mean_up_days": 40, "mean_down_days": 4 },
                           "scheduled_outages": [ { "start_day": 100, "days": 10 } ] } ],
          "items": [ { "supplier": "S",
            "demand": { "distribution": "normal", "mean": 20, "sd": 5 },
            "demand_shape": { "scheduled_shocks": [ { "start_day": 200, "days": 7, "multiplier": 2 } ] },
            "lead_time": { "distribution": "fixed", "days": 3 } } ] }"#,
    )
    .unwrap();
    let c = jitjic::core::simulate(&s);
    let svg = to_svg(ChartKind::InventoryOverTime, &c, "USD", (800, 480));
    for wanted in [
        "Scheduled outage",
        "Demand shock",
        "Supplier down (right axis)",
        "Supplier down (share of runs)",
    ] {
        assert!(has_text(&svg, wanted), "missing {wanted:?}");
    }
    // Inside the scheduled window the supplier is down in every run.
    assert!(c.supplier_down_share_by_day[100..110].iter().all(|&s| s == 1.0));
}

#[test]
fn a_pointer_reads_values_off_the_x_axis_the_chart_reports() {
    use jitjic::charts::{read_at, Theme, XAxis};
    let axis = XAxis { pixels: (100, 500), rows: (20, 220), values: (0.0, 40.0), plot: 0 };
    assert_eq!(axis.value_at(100.0, 50.0), Some(0.0));
    assert_eq!(axis.value_at(300.0, 50.0), Some(20.0));
    assert_eq!(axis.value_at(500.0, 220.0), Some(40.0));
    assert_eq!(axis.value_at(99.0, 50.0), None, "left of the plot");
    assert_eq!(axis.value_at(501.0, 50.0), None, "right of the plot");
    assert_eq!(axis.value_at(300.0, 221.0), None, "below the plot");
    // Two plots stacked: the pointer's height says which it is on.
    let below = XAxis { rows: (260, 460), values: (0.0, 4.0), plot: 1, ..axis };
    assert_eq!(read_at(&[axis, below], 300.0, 100.0), Some((0, 20.0)));
    assert_eq!(read_at(&[axis, below], 300.0, 300.0), Some((1, 2.0)));
    assert_eq!(read_at(&[axis, below], 300.0, 240.0), None, "between them");
    // The inventory chart reports its plot's span across the horizon.
    let c = comparison();
    let mut svg = String::new();
    let area = plotters::prelude::SVGBackend::with_string(&mut svg, (800, 480));
    use plotters::prelude::IntoDrawingArea;
    let drawn = ChartKind::InventoryOverTime
        .draw(&area.into_drawing_area(), &c, "USD", Theme::LIGHT)
        .unwrap();
    let [drawn] = drawn[..] else { panic!("one plot: {drawn:?}") };
    assert!(drawn.pixels.0 > 0 && drawn.pixels.1 < 800 && drawn.pixels.0 < drawn.pixels.1);
    assert!(drawn.rows.0 > 0 && drawn.rows.1 < 480 && drawn.rows.0 < drawn.rows.1);
    assert_eq!(drawn.values, (0.0, f64::from(c.settings.horizon_days() - 1)));
    // The cost chart's two plots sit side by side, one unit a policy; so do the spreads'.
    for kind in [ChartKind::CostAndStockouts, ChartKind::Distributions] {
        let mut svg = String::new();
        let area = plotters::prelude::SVGBackend::with_string(&mut svg, (800, 480));
        let axes = kind.draw(&area.into_drawing_area(), &c, "USD", Theme::LIGHT).unwrap();
        assert_eq!(axes.len(), 2, "{kind:?}");
        assert_eq!((axes[0].plot, axes[1].plot), (0, 1));
        assert!(axes[0].pixels.1 < axes[1].pixels.0, "{kind:?}: {axes:?}");
        // Narrow, the plots stack: each as wide as the chart, one above the other.
        let mut svg = String::new();
        let area = plotters::prelude::SVGBackend::with_string(&mut svg, (360, 450));
        let stacked = kind.draw(&area.into_drawing_area(), &c, "USD", Theme::LIGHT).unwrap();
        assert!(stacked[0].rows.1 < stacked[1].rows.0, "{kind:?} at 360 px: {stacked:?}");
        assert!(stacked[1].pixels.1 - stacked[1].pixels.0 > 240, "{kind:?}: {stacked:?}");
        if kind == ChartKind::CostAndStockouts {
            assert_eq!(axes[0].values, (0.0, c.policies.len() as f64));
        } else {
            // The cost plot spans the runs' costs.
            let lowest = c.policies.iter().flat_map(|p| p.cost_by_replication.iter().copied());
            assert_eq!(axes[0].values.0, lowest.fold(f64::INFINITY, f64::min));
        }
    }
}

#[test]
fn with_a_start_date_the_inventory_chart_reads_in_dates() {
    let s = jitjic::share::parse_scenario(
        r#"{ "version": 3, "settings": { "replications": 20, "start_date": "2027-01-04" },
          "items": [ { "demand": { "distribution": "normal", "mean": 20, "sd": 5 },
            "lead_time": { "distribution": "fixed", "days": 3 } } ] }"#,
    )
    .unwrap();
    let svg = to_svg(ChartKind::InventoryOverTime, &jitjic::core::simulate(&s), "USD", (800, 480));
    assert!(has_text(&svg, "Date (day 0 = 2027-01-04)"));
    // Day 0 is 4 Jan; ticks are dates, not day numbers, with the year: the last day is in
    // 2028.
    assert!(has_text(&svg, "4 Jan 2027"), "{:?}", texts(&svg));
    // A horizon within one year needs no year on its ticks.
    let s = jitjic::share::parse_scenario(
        r#"{ "version": 3, "settings": { "replications": 20, "start_date": "2027-01-01" },
          "items": [ { "demand": { "distribution": "normal", "mean": 20, "sd": 5 },
            "lead_time": { "distribution": "fixed", "days": 3 } } ] }"#,
    )
    .unwrap();
    let svg = to_svg(ChartKind::InventoryOverTime, &jitjic::core::simulate(&s), "USD", (800, 480));
    assert!(has_text(&svg, "1 Jan"), "{:?}", texts(&svg));
    assert!(!texts(&svg).iter().any(|t| t.ends_with("2027")), "{:?}", texts(&svg));
}

/// A chart drawn in the dark scheme: the canvas filled with the dark panel colour, every
/// text in the light ink, nothing black.
fn assert_dark(svg: &str, what: &str) {
    let lower = svg.to_lowercase();
    assert!(lower.contains(r##"fill="#1d2128""##), "{what}: no dark background");
    let texts = lower.matches("<text").count();
    let light = lower.matches(r##"fill="#e6e8eb""##).count();
    assert!(texts > 5 && light >= texts, "{what}: {light} light of {texts} texts");
    assert!(!lower.contains("#000000"), "{what}: black on the dark background");
}

#[test]
fn in_the_dark_scheme_every_chart_is_drawn_dark_with_light_text() {
    use jitjic::charts::{frontier, Theme};
    use jitjic::core::optimise::{optimise, Options};
    use plotters::prelude::{IntoDrawingArea, SVGBackend};
    let c = comparison();
    for kind in ChartKind::ALL {
        let mut svg = String::new();
        {
            let area = SVGBackend::with_string(&mut svg, (800, 480));
            kind.draw(&area.into_drawing_area(), &c, "USD", Theme::DARK).unwrap();
        }
        assert_dark(&svg, &format!("{kind:?}"));
    }
    let s =
        Scenario::try_from(ScenarioInput { n_replications: 100.0, ..Default::default() }).unwrap();
    let f = optimise(&s.items()[0], s.settings(), &Options::default()).unwrap();
    let mut svg = String::new();
    {
        let area = SVGBackend::with_string(&mut svg, (900, 700)).into_drawing_area();
        frontier(&area, &f, jitjic::core::Shortage::Backorder, "USD", Theme::DARK).unwrap();
    }
    assert_dark(&svg, "frontier");
    // The light scheme is what it was: black text on white.
    assert!(jitjic::charts::to_svg(ChartKind::CostAndStockouts, &c, "USD", (800, 480))
        .to_lowercase()
        .contains(r##"fill="#ffffff""##));
}

#[test]
fn rules_chart_names_the_families_the_optimal_rule_and_the_items_own() {
    use jitjic::charts::{rules_svg, typical_order};
    use jitjic::core::optimise::{optimise, Options};
    // An order cost makes bigger orders worth comparing: every family is drawn.
    let s = jitjic::share::parse_scenario(
        r#"{ "version": 6, "settings": { "replications": 100, "seed": 1, "currency": "EUR" },
          "items": [ { "demand": { "distribution": "normal", "mean": 20, "sd": 6 },
            "lead_time": { "distribution": "fixed", "days": 5 },
            "costs": { "unit_cost": 40, "order_cost": 50, "backorder_per_unit_day": 2 } } ] }"#,
    )
    .unwrap();
    let f = optimise(s.item(), s.settings(), &Options::default()).unwrap();
    assert!(f.rules.len() > 10, "{}", f.rules.len());
    let svg = rules_svg(&f, "EUR", (800, 480));
    for wanted in [
        "Yearly cost above the optimum, by rule and order size",
        "Order up to a level every R days",
        "(r, Q)",
        "(s, S)",
        "Optimal rule",
        "The rule JIT uses",
        "Typical order (units: ordered ÷ orders)",
        "EUR per year above the optimum",
    ] {
        assert!(has_text(&svg, wanted), "missing {wanted:?}");
    }
    // The x axis reaches the largest typical order: bigger orders are further right.
    let largest = f.rules.iter().map(typical_order).fold(0.0, f64::max);
    assert!(largest > 300.0, "{largest}");
}

#[test]
fn the_frontier_is_shown_from_its_lowest_point_near_jit_never_from_an_empty_stretch() {
    use jitjic::charts::{shown_days, shown_from};
    use jitjic::core::optimise::{optimise, Options};
    for fixed in [true, false] {
        let s = jitjic::share::parse_scenario(&format!(
            r#"{{ "version": 6, "settings": {{ "replications": 100, "seed": 1 }},
              "items": [ {{ "demand": {{ "distribution": "normal", "mean": 20, "sd": 6 }},
                "lead_time": {{ "distribution": "uniform", "min": 5, "max": 9 }},
                "rule_fixed": {fixed}, "costs": {{ "backorder_per_unit_day": 10 }} }} ] }}"#
        ))
        .unwrap();
        let f = optimise(s.item(), s.settings(), &Options::default()).unwrap();
        let from = shown_from(&f, shown_days(&f));
        // The axis starts at 0 or at a point of the frontier: no stretch without a curve.
        assert!(from == 0.0 || f.points.iter().any(|p| p.buffer_days == from), "{from}");
        assert!(from <= 0.0);
    }
}
