//! Every chart of every preset reads at every size the page gives it: no text over text, cut
//! off at the canvas's edge, or over the data (`charts::Recorded`; its own tests are the
//! negative controls). Drawn natively to SVG in CSS pixels; the browser tests run the same
//! check on the page's canvases at pixel ratios 1, 2 and 3.

use jitjic::charts::{frontier, rules, ChartKind, Recorded, Theme};
use jitjic::core::optimise::{optimise, Options};
use jitjic::core::{simulate_item, Comparison};
use plotters::prelude::*;

/// Plotters' native text estimate is narrower than the sans-serif fonts browsers draw with.
const NATIVE_TEXT_WIDTH: f64 = 1.2;

/// A chart's box on the page at a column `width` CSS pixels wide (www/style.css): the
/// inventory chart at 5:3; the cost and spread charts at 5:3, or 4:5 below 560 px where their
/// panels stack; the frontier at 9:7, or 1:2 below 560 px.
fn page_size(chart: &str, width: u32) -> (u32, u32) {
    let narrow = width < 560;
    let (w, h) = match chart {
        "inventory" | "rules" => (5, 3),
        "frontier" if narrow => (1, 2),
        "frontier" => (9, 7),
        _ if narrow => (4, 5),
        _ => (5, 3),
    };
    (width, width * h / w)
}

/// The widths a chart's column has: a 320 and a 360 px phone, a 400 px embed's column, a
/// tablet's half, a laptop's column and a wide screen's.
const WIDTHS: [u32; 6] = [296, 330, 390, 560, 700, 1200];

/// A chart alone in an embedded iframe of 320×240, 400×300 and 600×400 (less the summary
/// and the link to the calculator; the browser tests measure them), and a little taller.
const EMBEDS: [(u32, u32); 6] =
    [(300, 140), (380, 200), (580, 290), (310, 170), (390, 230), (590, 330)];

fn problems_of(
    draw: impl FnOnce(&DrawingArea<Recorded<SVGBackend<'_>>, plotters::coord::Shift>),
    size: (u32, u32),
) -> Vec<String> {
    let mut svg = String::new();
    let (backend, log) = Recorded::new(SVGBackend::with_string(&mut svg, size));
    let area = backend.widened(NATIVE_TEXT_WIDTH).into_drawing_area();
    draw(&area);
    log.problems()
}

#[test]
fn every_chart_of_every_preset_reads_at_every_size() {
    let mut found = Vec::new();
    let mut charts = 0;
    for entry in std::fs::read_dir("presets").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let mut doc: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        doc["settings"]["replications"] = 200.into();
        let s = jitjic::share::parse_scenario(&doc.to_string()).unwrap();
        let preset = path.file_stem().unwrap().to_string_lossy().into_owned();
        let currency = s.currency().to_owned();
        for (i, item) in s.items().iter().enumerate().take(4) {
            let c = simulate_item(item, s.settings());
            let f = optimise(item, s.settings(), &Options::default()).unwrap();
            let ends: Comparison = f.ends_and_optimum(item, s.settings());
            let mut sizes: Vec<(&str, (u32, u32))> = Vec::new();
            for key in ["inventory", "cost", "distribution", "frontier", "rules"] {
                sizes.extend(WIDTHS.iter().map(|&w| (key, page_size(key, w))));
                sizes.extend(EMBEDS.iter().map(|&s| (key, s)));
            }
            for (key, size) in sizes {
                let kind = ChartKind::ALL.iter().find(|k| k.key() == key);
                let mut check = |what: &str, problems: Vec<String>| {
                    charts += 1;
                    for p in problems {
                        found.push(format!("{preset} item {i} {what} {}×{}: {p}", size.0, size.1));
                    }
                };
                match kind {
                    Some(kind) => {
                        check(
                            key,
                            problems_of(|a| drop(kind.draw(a, &c, &currency, Theme::LIGHT)), size),
                        );
                        if key == "inventory" {
                            check(
                                "inventory (optimum)",
                                problems_of(
                                    |a| drop(kind.draw(a, &ends, &currency, Theme::LIGHT)),
                                    size,
                                ),
                            );
                        }
                    }
                    None if key == "rules" => check(
                        key,
                        problems_of(|a| drop(rules(a, &f, &currency, Theme::LIGHT)), size),
                    ),
                    None => check(
                        key,
                        problems_of(
                            |a| drop(frontier(a, &f, c.shortage, &currency, Theme::LIGHT)),
                            size,
                        ),
                    ),
                }
            }
        }
    }
    assert!(charts > 100, "only {charts} charts drawn");
    assert!(found.is_empty(), "{} problems in {charts} charts:\n{}", found.len(), found.join("\n"));
}
