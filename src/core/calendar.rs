//! Calendar dates for a scenario's day 0, so results can be read as dates. Proleptic
//! Gregorian, by day count from 1970-01-01 (the civil-from-days algorithm of Howard Hinnant,
//! "chrono-Compatible Low-Level Date Algorithms").

use serde::{Deserialize, Serialize};

use std::fmt;

/// A calendar date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

const MONTHS: [&str; 12] =
    ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (i64::from(m) + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> Date {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    Date { year, month, day }
}

impl Date {
    /// Reads `YYYY-MM-DD`, a real date from 1900 to 2999.
    ///
    /// # Errors
    /// The message says what is wrong with the text.
    pub fn parse(text: &str) -> Result<Date, String> {
        let bad = || {
            format!("\"{text}\" is not a date; accepted: YYYY-MM-DD, from 1900-01-01 to 2999-12-31")
        };
        let parts: Vec<&str> = text.trim().split('-').collect();
        let [y, m, d] = parts[..] else { return Err(bad()) };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(bad());
        }
        let (year, month, day): (i32, u32, u32) = (
            y.parse().map_err(|_| bad())?,
            m.parse().map_err(|_| bad())?,
            d.parse().map_err(|_| bad())?,
        );
        let date = Date { year, month, day };
        // A real date survives the round trip through the day count (no 31 April).
        if !(1900..=2999).contains(&year)
            || !(1..=12).contains(&month)
            || day == 0
            || civil_from_days(days_from_civil(year, month, day)) != date
        {
            return Err(bad());
        }
        Ok(date)
    }

    /// The date `days` later.
    pub fn plus_days(self, days: i64) -> Date {
        civil_from_days(days_from_civil(self.year, self.month, self.day) + days)
    }

    /// The day of the week: "Mon" … "Sun" (1970-01-01 was a Thursday).
    pub fn weekday(self) -> &'static str {
        const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
        DAYS[days_from_civil(self.year, self.month, self.day).rem_euclid(7) as usize]
    }

    /// "14 Mar": for an axis's ticks.
    pub fn tick(self) -> String {
        format!("{} {}", self.day, MONTHS[(self.month - 1) as usize])
    }

    /// "14 Mar 2027": for tooltips and captions.
    pub fn short(self) -> String {
        format!("{} {} {}", self.day, MONTHS[(self.month - 1) as usize], self.year)
    }
}

impl fmt::Display for Date {
    /// ISO 8601: 2027-03-14.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weekdays_follow_the_calendar() {
        let d = Date::parse("2027-01-04").unwrap();
        assert_eq!(d.weekday(), "Mon");
        assert_eq!(d.plus_days(6).weekday(), "Sun");
        assert_eq!(Date::parse("2000-02-29").unwrap().weekday(), "Tue");
    }

    #[test]
    fn dates_count_days_across_months_leap_years_and_centuries() {
        let d = Date::parse("2024-02-28").unwrap();
        assert_eq!(d.plus_days(1).to_string(), "2024-02-29");
        assert_eq!(d.plus_days(2).to_string(), "2024-03-01");
        assert_eq!(Date::parse("2023-12-31").unwrap().plus_days(1).to_string(), "2024-01-01");
        assert_eq!(Date::parse("2000-02-28").unwrap().plus_days(1).to_string(), "2000-02-29");
        assert_eq!(Date::parse("1900-02-28").unwrap().plus_days(1).to_string(), "1900-03-01");
        // 1970-01-01 is day 0 of the count; 2026-11-24 is day 20,781.
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2026, 11, 24), 20_781);
        assert_eq!(Date::parse("2027-03-14").unwrap().short(), "14 Mar 2027");
    }

    #[test]
    fn only_real_dates_in_the_iso_form_are_read() {
        for bad in [
            "2027-02-29",
            "2027-04-31",
            "2027-13-01",
            "27-03-14",
            "2027/03/14",
            "1899-12-31",
            "tomorrow",
            "",
        ] {
            let m = Date::parse(bad).unwrap_err();
            assert!(m.contains("is not a date; accepted: YYYY-MM-DD"), "{bad}: {m}");
        }
        assert!(Date::parse("2028-02-29").is_ok());
    }
}
