//! Calendar dates written `AAAA-MM-JJ`, from a count of days.

/// The civil date `AAAA-MM-JJ` of a day counted from 1970-01-01 (day 0),
/// in the proleptic Gregorian calendar (Howard Hinnant's algorithm).
pub fn from_days(days: i64) -> String {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::from_days;

    #[test]
    fn days_become_civil_dates() {
        assert_eq!(from_days(0), "1970-01-01");
        assert_eq!(from_days(-1), "1969-12-31");
        assert_eq!(from_days(11_016), "2000-02-29");
        assert_eq!(from_days(20_786), "2026-11-29");
    }
}
