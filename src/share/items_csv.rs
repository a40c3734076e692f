//! An item list as CSV: one row per item, the columns a planner keeps in a spreadsheet. Each
//! row becomes an item of the scenario file (empty cells are left out, so they take the
//! file's defaults); the scenario file's validation then checks every number with its range.
//!
//! The header names the columns it uses, in any order; `name`, `demand_distribution` and
//! `lead_time_distribution` are required. See [`COLUMNS`] and docs/scenario.md.

use std::fmt;

use serde_json::{Map, Value};

use super::gate::{shorten, MAX_JSON_BYTES as MAX_CSV_BYTES};
use super::scenario_file::MAX_PROBLEMS;
use crate::core::input::Num;

/// Every column: (header, where it goes in the item, whether it is a number).
pub const COLUMNS: [(&str, &str, bool); 51] = [
    ("name", "name", false),
    ("demand_distribution", "demand.distribution", false),
    ("demand_mean", "demand.mean", true),
    ("demand_sd", "demand.sd", true),
    ("lead_time_distribution", "lead_time.distribution", false),
    ("lead_time_days", "lead_time.days", true),
    ("lead_time_mean", "lead_time.mean", true),
    ("lead_time_sd", "lead_time.sd", true),
    ("lead_time_min", "lead_time.min", true),
    ("lead_time_max", "lead_time.max", true),
    ("supplier", "supplier", false),
    ("review_period_days", "review_period_days", true),
    ("unit_cost", "costs.unit_cost", true),
    ("holding_rate_pct_per_year", "costs.holding_rate_pct_per_year", true),
    ("storage_per_unit_day", "costs.storage_per_unit_day", true),
    ("order_cost", "costs.order_cost", true),
    ("backorder_per_unit_day", "costs.backorder_per_unit_day", true),
    ("lost_sale_per_unit", "costs.lost_sale_per_unit", true),
    ("shortage", "shortage", false),
    ("shelf_life_days", "perishability.shelf_life_days", true),
    ("selling_price_per_unit", "costs.selling_price_per_unit", true),
    ("goodwill_per_unit", "costs.goodwill_per_unit", true),
    ("payment_paid", "payment_terms.paid", false),
    ("payment_days", "payment_terms.days", true),
    ("expedite_trigger_units", "expedite.trigger_units", true),
    ("expedite_order_units", "expedite.order_units", true),
    ("expedite_lead_time_days", "expedite.lead_time_days", true),
    ("expedite_premium_per_unit", "expedite.premium_per_unit", true),
    ("expedite_fixed_cost", "expedite.fixed_cost", true),
    ("storage_capacity_units", "storage.capacity_units", true),
    ("storage_when_full", "storage.when_full", false),
    ("storage_overflow_per_unit_day", "storage.overflow_per_unit_day", true),
    ("price_inflation_pct_per_year", "prices.inflation_pct_per_year", true),
    ("price_change_day", "prices.changes[0].day", true),
    ("price_change_pct", "prices.changes[0].pct", true),
    ("price_change_notice_days", "prices.changes[0].announced_days_ahead", true),
    ("price_jumps_per_year", "prices.jumps.per_year", true),
    ("price_jump_mean_pct", "prices.jumps.mean_pct", true),
    ("price_jump_sd_pct", "prices.jumps.sd_pct", true),
    ("agreement_price", "prices.agreement.price", true),
    ("agreement_units_per_period", "prices.agreement.units_per_period", true),
    ("agreement_period_days", "prices.agreement.period_days", true),
    ("forward_buy_cover_days", "prices.forward_buy.cover_days", true),
    ("backup_rule", "backup.rule", false),
    ("backup_share", "backup.backup_share", true),
    ("backup_level_units", "backup.level_units", true),
    ("backup_supplier", "backup.supplier", false),
    ("backup_lead_time_days", "backup.lead_time.days", true),
    ("backup_unit_cost", "backup.unit_cost", true),
    ("backup_order_cost", "backup.order_cost", true),
    ("backup_min_order_units", "backup.min_order_units", true),
];

/// The most rows read (the scenario file's item limit).
pub const MAX_ROWS: usize = super::scenario_file::MAX_ITEMS;

/// A template to fill in: the header and two example items.
pub fn template() -> String {
    let header: Vec<&str> = COLUMNS.iter().map(|c| c.0).collect();
    format!(
        "{}\n\
         \"Phone case, black\",normal,40,12,uniform,,,,3,6,,1,6,25,0.002,15,,,lost_sale,,15,,after_receipt,30,,,,,,2000,rent,0.004,3,120,8,60,,,,,,,30,split,0.2,,,4,7.5,40,\n\
         Fresh basil,poisson,3,,fixed,2,,,,,,1,4,25,0.01,5,2,,backorder,4,,,,,5,,0,1.5,10,,,,,,,,,,,3.6,300,30,,,,,,,,,\n",
        header.join(",")
    )
}

/// Puts `value` at a dotted path of object keys (`costs.unit_cost`), making the objects on
/// the way; `changes[0]` is the first object of a list (a row holds one price change).
fn set(item: &mut Map<String, Value>, path: &str, value: Value) {
    match path.split_once('.') {
        None => {
            item.insert(path.to_owned(), value);
        }
        Some((head, rest)) => {
            let inner = match head.strip_suffix("[0]") {
                Some(list) => {
                    let list = item.entry(list.to_owned()).or_insert_with(|| Value::Array(vec![]));
                    match list {
                        Value::Array(a) => {
                            if a.is_empty() {
                                a.push(Value::Object(Map::new()));
                            }
                            &mut a[0]
                        }
                        other => other,
                    }
                }
                None => item.entry(head.to_owned()).or_insert_with(|| Value::Object(Map::new())),
            };
            if let Value::Object(o) = inner {
                set(o, rest, value);
            }
        }
    }
}

/// A problem with one cell or line of the CSV.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CsvError {
    /// The line in the file (1 is the header).
    pub line: u64,
    /// The column's header, when the problem is in one cell.
    pub column: Option<String>,
    pub problem: String,
}

impl fmt::Display for CsvError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.column {
            Some(c) => write!(f, "line {}, {c}: {}", self.line, self.problem),
            None => write!(f, "line {}: {}", self.line, self.problem),
        }
    }
}

/// The items of a CSV item list, as scenario-file items.
///
/// # Errors
/// Every problem found, each with its line (and column): an unknown or missing column, a
/// number that is not one, a row of the wrong length, too many rows.
pub fn read_items(text: &str) -> Result<Vec<Value>, Vec<CsvError>> {
    if text.len() > MAX_CSV_BYTES {
        return Err(vec![CsvError {
            line: 1,
            column: None,
            problem: format!(
                "the file is {} bytes; accepted: up to {} ({} MB)",
                Num(text.len() as f64),
                Num(MAX_CSV_BYTES as f64),
                MAX_CSV_BYTES >> 20
            ),
        }]);
    }
    let rows = ItemRows::new(text.as_bytes()).map_err(listed)?;
    let mut items = Vec::new();
    let mut errors = Vec::new();
    for (k, (line, row)) in rows.enumerate() {
        if k >= MAX_ROWS {
            errors.push(CsvError {
                line,
                column: None,
                problem: format!("more than {MAX_ROWS} items; accepted: up to that"),
            });
            break;
        }
        match row {
            Ok(item) => items.push(item),
            Err(problems) => errors.extend(problems),
        }
    }
    if items.is_empty() && errors.is_empty() {
        errors.push(CsvError {
            line: 2,
            column: None,
            problem: "no items: the file has only its header".into(),
        });
    }
    if errors.is_empty() {
        Ok(items)
    } else {
        Err(listed(errors))
    }
}

/// The rows of a CSV item list one at a time, each a scenario-file item or its problems,
/// with the line it starts on: a streamed catalogue reads any number of rows in the memory
/// of one (`jitjic … --items`). Its header is checked when it is made.
pub struct ItemRows<R: std::io::Read> {
    reader: csv::Reader<R>,
    columns: Vec<(&'static str, &'static str, bool)>,
    record: csv::StringRecord,
    /// A read error ends the rows (after it is reported as the last row).
    ended: bool,
}

impl<R: std::io::Read> ItemRows<R> {
    /// Reads and checks the header.
    ///
    /// # Errors
    /// An unreadable header, an unknown column (with the nearest known one), a required
    /// column missing.
    pub fn new(input: R) -> Result<ItemRows<R>, Vec<CsvError>> {
        let mut reader = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(input);
        let header: Vec<String> = match reader.headers() {
            Ok(h) => h.iter().map(str::to_owned).collect(),
            Err(e) => return Err(vec![at(1, None, e.to_string())]),
        };
        let mut errors = Vec::new();
        let known: Vec<&str> = COLUMNS.iter().map(|c| c.0).collect();
        let mut columns = Vec::new();
        for h in &header {
            match COLUMNS.iter().find(|c| c.0 == h.as_str()) {
                Some(c) => columns.push(*c),
                None => errors.push(at(
                    1,
                    Some(h),
                    match nearest(h, &known) {
                        Some(near) => format!(
                            "not a column this reads; did you mean {near}? (every column is in \
                             the CSV template and docs/scenario.md)"
                        ),
                        None => "not a column this reads; every column is in the CSV template \
                                 and docs/scenario.md"
                            .to_owned(),
                    },
                )),
            }
        }
        for required in ["name", "demand_distribution", "lead_time_distribution"] {
            if !header.iter().any(|h| h == required) {
                errors.push(at(1, Some(required), "the column is missing".into()));
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(ItemRows { reader, columns, record: csv::StringRecord::new(), ended: false })
    }

    /// The column whose cells go to `path` in an item (`costs.unit_cost` → `unit_cost`).
    pub fn column_of(path: &str) -> Option<&'static str> {
        COLUMNS.iter().find(|c| c.1 == path).map(|c| c.0)
    }

    fn item(&self, line: u64) -> Result<Value, Vec<CsvError>> {
        let mut errors = Vec::new();
        let mut item = Map::new();
        for ((header, path, number), cell) in self.columns.iter().zip(self.record.iter()) {
            if cell.is_empty() {
                continue;
            }
            let value = if *number {
                match cell.parse::<f64>().ok().filter(|x| x.is_finite()) {
                    Some(x) => serde_json::json!(x),
                    None => {
                        errors.push(at(
                            line,
                            Some(header),
                            format!("\"{}\" is not a number", shorten(cell, 40)),
                        ));
                        continue;
                    }
                }
            } else {
                // A name this tool wrote made inert for spreadsheets reads back as it was.
                Value::String(super::csv_text::read_cell(cell).to_owned())
            };
            set(&mut item, path, value);
        }
        // A backup's lead time in a row is a fixed number of days.
        if let Some(Value::Object(lead)) =
            item.get_mut("backup").and_then(|b| b.get_mut("lead_time"))
        {
            lead.insert("distribution".into(), Value::String("fixed".into()));
        }
        if errors.is_empty() {
            Ok(Value::Object(item))
        } else {
            Err(errors)
        }
    }
}

impl<R: std::io::Read> Iterator for ItemRows<R> {
    /// The line the row starts on, and the item or its problems.
    type Item = (u64, Result<Value, Vec<CsvError>>);

    fn next(&mut self) -> Option<Self::Item> {
        if self.ended {
            return None;
        }
        let line = self.reader.position().line().max(2);
        match self.reader.read_record(&mut self.record) {
            Ok(false) => None,
            Ok(true) => {
                let line = self.record.position().map_or(line, csv::Position::line);
                Some((line, self.item(line)))
            }
            Err(e) => {
                // A row of the wrong length is that row's problem; reading goes on. Anything
                // else (bytes that cannot be read) ends the rows here.
                let line = e.position().map_or(line, csv::Position::line);
                self.ended = !matches!(e.kind(), csv::ErrorKind::UnequalLengths { .. });
                Some((line, Err(vec![at(line, None, e.to_string())])))
            }
        }
    }
}

fn at(line: u64, column: Option<&str>, problem: String) -> CsvError {
    CsvError { line, column: column.map(|c| shorten(c, 40)), problem }
}

/// The known column closest to `typed` by edit distance, when it is a slip (at most 3 edits
/// and less than half the name).
fn nearest<'a>(typed: &str, known: &[&'a str]) -> Option<&'a str> {
    // Levenshtein distance on characters, one row at a time; a header is short (the cell
    // is cut to 40 characters before this is reached only in the message, so cap here too).
    let typed: Vec<char> = typed.chars().take(60).collect();
    let distance = |word: &str| {
        let word: Vec<char> = word.chars().collect();
        let mut row: Vec<usize> = (0..=word.len()).collect();
        for (i, &a) in typed.iter().enumerate() {
            let mut diagonal = row[0];
            row[0] = i + 1;
            for (j, &b) in word.iter().enumerate() {
                let next = (diagonal + usize::from(a != b)).min(row[j] + 1).min(row[j + 1] + 1);
                diagonal = row[j + 1];
                row[j + 1] = next;
            }
        }
        row[word.len()]
    };
    known
        .iter()
        .map(|&k| (distance(k), k))
        .min()
        .filter(|&(d, k)| d <= 3 && 2 * d < k.len())
        .map(|(_, k)| k)
}

/// The first [`MAX_PROBLEMS`] problems, and a last line counting the rest.
fn listed(mut errors: Vec<CsvError>) -> Vec<CsvError> {
    if errors.len() > MAX_PROBLEMS {
        let more = errors.len() - MAX_PROBLEMS;
        let line = errors[MAX_PROBLEMS].line;
        errors.truncate(MAX_PROBLEMS);
        errors.push(CsvError {
            line,
            column: None,
            problem: format!(
                "and {} more problem{} from here on, not listed: fix these and read it again",
                Num(more as f64),
                if more == 1 { "" } else { "s" }
            ),
        });
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_reads_as_two_valid_items() {
        let items = read_items(&template()).unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0]["name"], "Phone case, black");
        assert_eq!(
            items[0]["lead_time"],
            serde_json::json!({ "distribution": "uniform", "min": 3.0, "max": 6.0 })
        );
        assert_eq!(items[1]["perishability"]["shelf_life_days"], 4.0);
        assert_eq!(
            items[0]["prices"],
            serde_json::json!({ "inflation_pct_per_year": 3.0, "forward_buy": { "cover_days": 30.0 },
                "changes": [ { "day": 120.0, "pct": 8.0, "announced_days_ahead": 60.0 } ] })
        );
        assert_eq!(items[1]["prices"]["agreement"]["price"], 3.6);
        assert!(items[1]["prices"].get("changes").is_none());
        assert_eq!(items[0]["storage"]["when_full"], "rent");
        assert_eq!(items[1]["expedite"]["premium_per_unit"], 1.5);
        let doc =
            serde_json::json!({ "version": crate::share::scenario_file::VERSION, "items": items });
        let file = crate::share::read_file(&doc.to_string()).unwrap();
        assert!(file.to_scenario().is_ok(), "{:?}", file.to_scenario().err());
    }

    #[test]
    fn a_name_made_inert_for_spreadsheets_reads_back_as_it_was() {
        let name = "=HYPERLINK(\"http://x\",\"a\")";
        let text = format!(
            "name,demand_distribution,demand_mean,lead_time_distribution,lead_time_days\n\
             {},poisson,3,fixed,2\n'Tis,poisson,3,fixed,2\n",
            crate::share::csv_text::cell(name)
        );
        let items = read_items(&text).unwrap();
        assert_eq!(items[0]["name"], name);
        assert_eq!(items[1]["name"], "'Tis");
    }

    #[test]
    fn problems_name_their_line_and_column() {
        let errors = read_items("name,demand_distribution,colour\nA,normal,red\n").unwrap_err();
        assert_eq!(
            errors[0].to_string().split(';').next().unwrap(),
            "line 1, colour: not a column this reads"
        );
        let errors = read_items("name,demand_distribuion\nA,normal\n").unwrap_err();
        assert!(
            errors[0].to_string().contains("did you mean demand_distribution?"),
            "{}",
            errors[0]
        );
        assert!(errors
            .iter()
            .any(|e| e.to_string() == "line 1, lead_time_distribution: the column is missing"));
        let errors = read_items(
            "name,demand_distribution,demand_mean,lead_time_distribution,lead_time_days\n\
             A,normal,20,fixed,3\nB,normal,lots,fixed,3\nC,normal,5\n",
        )
        .unwrap_err();
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(messages[0], "line 3, demand_mean: \"lots\" is not a number");
        assert!(messages[1].starts_with("line 4: "), "{messages:?}");
        assert_eq!(
            read_items("name,demand_distribution,lead_time_distribution\n").unwrap_err()[0].line,
            2
        );
    }
}
