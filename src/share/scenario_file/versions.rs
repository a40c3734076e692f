//! Which format version introduced which field. A file declares the version it was written
//! for; a field from a later version is refused with the version it needs, so a file is never
//! read as something its writer did not mean (and an old jitjic, which would refuse the
//! unknown field anyway, is not the only one to notice).

#[allow(clippy::wildcard_imports)]
use super::*;

/// Every field of `file` that needs a newer version than the file declares, as a problem at
/// its path: "needs version 4; this file declares version 3".
pub(super) fn newer_than_declared(file: &ScenarioFile) -> Vec<FileError> {
    // Paths are written only for a field that is too new: a scenario's fields are many, and
    // those of a file of the current version are all fine.
    let mut used: Vec<(String, u32)> = Vec::new();
    let mut uses = |path: &dyn Fn() -> String, present: bool, version: u32| {
        if present && version > file.version {
            used.push((path(), version));
        }
    };
    uses(&|| "settings.start_date".into(), file.settings.start_date.is_some(), 3);
    uses(&|| "settings.practically_same".into(), file.settings.practically_same.is_some(), 5);
    uses(&|| "settings.warehouse".into(), file.settings.warehouse.is_some(), 11);
    uses(&|| "suppliers".into(), !file.suppliers.is_empty(), 2);
    for (k, s) in file.suppliers.iter().enumerate() {
        uses(&|| format!("suppliers[{k}].payment_terms"), s.payment_terms.is_some(), 4);
    }
    for (i, item) in file.items.iter().enumerate() {
        let p = |field: &'static str| move || format!("items[{i}].{field}");
        uses(&p("supplier"), item.supplier.is_some(), 2);
        uses(&p("supply_yield"), item.supply_yield.is_some(), 2);
        uses(&p("demand_shape"), item.demand_shape.is_some(), 2);
        uses(&p("perishability"), item.perishability.is_some(), 2);
        let position = item.perishability.and_then(|k| k.position);
        uses(&p("perishability.position"), position.is_some(), 4);
        uses(&p("obsolescence"), item.obsolescence.is_some(), 2);
        uses(&p("payment_terms"), item.payment_terms.is_some(), 4);
        uses(&p("warm_up_days"), item.warm_up_days.is_some(), 4);
        uses(&p("rule_fixed"), item.rule_fixed.is_some(), 6);
        uses(&p("price_breaks"), item.price_breaks.is_some(), 7);
        uses(&p("freight"), item.freight.is_some(), 7);
        uses(&p("expedite"), item.expedite.is_some(), 8);
        uses(&p("storage"), item.storage.is_some(), 8);
        uses(&p("prices"), item.prices.is_some(), 9);
        uses(&p("backup"), item.backup.is_some(), 10);
        if let Some(costs) = &item.costs {
            uses(&p("costs.selling_price_per_unit"), costs.selling_price_per_unit.is_some(), 4);
            uses(&p("costs.lost_margin_per_unit"), costs.lost_margin_per_unit.is_some(), 4);
            uses(&p("costs.goodwill_per_unit"), costs.goodwill_per_unit.is_some(), 4);
        }
        for (j, policy) in item.policies.iter().flatten().enumerate() {
            let needs = match policy {
                PolicyFile::JicByMonth { .. } | PolicyFile::JicReestimated { .. } => 2,
                PolicyFile::Plan { .. } => 4,
                _ => 1,
            };
            uses(&|| format!("items[{i}].policies[{j}]"), true, needs);
        }
    }
    used.into_iter()
        .map(|(path, needs)| FileError {
            path,
            problem: Problem::Version(format!(
                "needs format version {needs}; this file declares version {} (write \
                 \"version\": {needs}, or leave the field out)",
                file.version
            )),
        })
        .collect()
}

/// What a file written before version 4 now means otherwise, in words for the page's note on
/// a link or file that holds one (docs/links.md, "What moved with version 4"): empty when
/// nothing it holds moved. Its `scenario` is the file, validated.
pub fn moved_since(file: &ScenarioFile, scenario: &crate::core::Scenario) -> Vec<&'static str> {
    if file.version >= 4 {
        return Vec::new();
    }
    let mut moved = Vec::new();
    let items = scenario.items();
    if items.iter().any(|i| i.lost_sales()) {
        moved.push(
            "a lost sale now costs its purchase as well as the lost margin and goodwill the file \
             gives (a lost unit is never bought)",
        );
    }
    let targets = file.items.iter().flat_map(|i| i.policies.iter().flatten()).any(|p| {
        matches!(
            p,
            PolicyFile::Jic { cycle_service_level: Some(_), .. }
                | PolicyFile::Jic { fill_rate: Some(_), .. }
        )
    });
    if targets {
        moved.push("JIC service targets are now sized on the simulation, so they are met");
    }
    if items.iter().any(|i| i.is_phased()) {
        moved.push(
            "levels under a demand shape are now set per month and weekday, as an ERP holds them",
        );
    }
    if items.iter().any(|i| i.whole_units()) {
        moved.push("levels are now whole units where demand is");
    }
    moved
}
