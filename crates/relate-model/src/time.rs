//! Time helpers: every timestamp in relate is UTC seconds since the epoch; these are the only
//! places that parse or format them, so no conversion silently wraps or panics elsewhere.

use jiff::Timestamp;
use jiff::civil::DateTime;

/// Formats UTC seconds as RFC 3339 (`2012-02-03T10:40:12Z`).
pub fn rfc3339(seconds: i64) -> String {
    match Timestamp::from_second(seconds) {
        Ok(ts) => ts.to_string(),
        Err(_) => format!("@{seconds}"),
    }
}

/// Formats UTC seconds as a calendar date (`2012-02-03`).
pub fn date(seconds: i64) -> String {
    match Timestamp::from_second(seconds) {
        Ok(ts) => ts.strftime("%Y-%m-%d").to_string(),
        Err(_) => format!("@{seconds}"),
    }
}

/// Parses a `YYYY-MM-DD HH:MM:SS` wall-clock value (WordPress' format). Returns `None` for
/// empty values and the `0000-00-00 00:00:00` WordPress writes when a date is unknown.
pub fn parse_wall_clock(s: &str) -> Option<DateTime> {
    let s = s.trim();
    if s.is_empty() || s.starts_with("0000-00-00") {
        return None;
    }
    s.replacen(' ', "T", 1).parse::<DateTime>().ok()
}

/// Interprets a wall-clock value as UTC and returns epoch seconds.
pub fn wall_clock_as_utc(dt: DateTime) -> Option<i64> {
    jiff::tz::TimeZone::UTC.to_timestamp(dt).ok().map(|t| t.as_second())
}

/// Parses RFC 2822 (`Fri, 03 Feb 2012 08:12:00 +0000`, RSS' `pubDate`) to epoch seconds.
pub fn parse_rfc2822(s: &str) -> Option<i64> {
    jiff::fmt::rfc2822::parse(s.trim()).ok().map(|z| z.timestamp().as_second())
}

/// Parses RFC 3339 / ISO 8601 instants (`2012-02-03T10:40:12Z`, with offset) to epoch seconds.
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    s.trim().parse::<Timestamp>().ok().map(|t| t.as_second())
}

/// Parses Twitter's `created_at` (`Wed Oct 10 20:19:24 +0000 2018`, API v1.1 and archives)
/// to epoch seconds.
pub fn parse_twitter(s: &str) -> Option<i64> {
    jiff::fmt::strtime::parse("%a %b %d %H:%M:%S %z %Y", s.trim())
        .and_then(|t| t.to_timestamp())
        .map(|t| t.as_second())
        .ok()
}

/// Parses a calendar date `YYYY-MM-DD` as midnight UTC, to epoch seconds.
pub fn parse_date(s: &str) -> Option<i64> {
    let date = s.trim().parse::<jiff::civil::Date>().ok()?;
    wall_clock_as_utc(date.to_datetime(jiff::civil::Time::midnight()))
}

/// A date as feeds and mf2 pages write it: RFC 3339, its space-separated and colon-less
/// offset variants, RFC 2822, or a bare wall-clock time (taken as UTC).
pub fn parse_web_date(s: &str) -> Option<i64> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Some(t) = parse_rfc3339(s) {
        return Some(t);
    }
    let t_separated = s.replacen(' ', "T", 1);
    if let Some(t) = parse_rfc3339(&t_separated) {
        return Some(t);
    }
    // `2013-06-13T12:00:00-0700`: an offset without colon
    let bytes = t_separated.as_bytes();
    if bytes.len() > 5 && matches!(bytes[bytes.len() - 5], b'+' | b'-') {
        let (head, offset) = t_separated.split_at(t_separated.len() - 2);
        if let Some(t) = parse_rfc3339(&format!("{head}:{offset}")) {
            return Some(t);
        }
    }
    if let Some(t) = parse_rfc2822(s) {
        return Some(t);
    }
    if let Some(t) = parse_wall_clock(s).and_then(wall_clock_as_utc) {
        return Some(t);
    }
    parse_wall_clock(&format!("{s} 00:00:00")).and_then(wall_clock_as_utc)
}

/// Parses what a user types for `--since`: `today`, `7d` (days back from `now`), or a date
/// `YYYY-MM-DD` or RFC 3339 instant. Returns epoch seconds.
pub fn parse_since(s: &str, now: i64) -> Option<i64> {
    let s = s.trim();
    const DAY: i64 = 86_400;
    if s.eq_ignore_ascii_case("today") {
        return Some(now - now.rem_euclid(DAY));
    }
    if let Some(days) = s.strip_suffix('d').and_then(|n| n.parse::<i64>().ok()) {
        // more days than time holds is not a period
        return days.checked_mul(DAY).and_then(|back| now.checked_sub(back));
    }
    parse_date(s).or_else(|| parse_rfc3339(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn since_with_more_days_than_time_holds_is_none() {
        assert_eq!(parse_since("7d", 10 * 86_400), Some(3 * 86_400));
        assert_eq!(parse_since("999999999999999d", 0), None);
        assert_eq!(parse_since("-9223372036854775807d", 0), None);
    }

    #[test]
    fn wordpress_zero_date_is_none() {
        assert_eq!(parse_wall_clock("0000-00-00 00:00:00"), None);
        assert_eq!(parse_wall_clock(""), None);
    }

    #[test]
    fn wall_clock_round_trips_through_rfc3339() {
        let dt = parse_wall_clock("2012-02-03 10:40:12").unwrap();
        assert_eq!(rfc3339(wall_clock_as_utc(dt).unwrap()), "2012-02-03T10:40:12Z");
    }

    #[test]
    fn rfc2822_pubdate_parses_with_offset() {
        let s = parse_rfc2822("Fri, 03 Feb 2012 09:12:00 +0100").unwrap();
        assert_eq!(rfc3339(s), "2012-02-03T08:12:00Z");
    }

    #[test]
    fn twitter_created_at_parses_with_offset() {
        let s = parse_twitter("Wed Oct 10 20:19:24 +0200 2018").unwrap();
        assert_eq!(rfc3339(s), "2018-10-10T18:19:24Z");
        assert_eq!(parse_twitter("2018-10-10T18:19:24Z"), None);
    }

    #[test]
    fn a_date_is_midnight_utc() {
        assert_eq!(rfc3339(parse_date(" 2012-02-04 ").unwrap()), "2012-02-04T00:00:00Z");
        assert_eq!(parse_date("2012-02-04T10:00:00Z"), None);
    }

    #[test]
    fn since_understands_days_today_and_dates() {
        let now = parse_rfc3339("2026-11-27T15:30:00Z").unwrap();
        assert_eq!(rfc3339(parse_since("today", now).unwrap()), "2026-11-27T00:00:00Z");
        assert_eq!(rfc3339(parse_since("7d", now).unwrap()), "2026-11-20T15:30:00Z");
        assert_eq!(rfc3339(parse_since("2012-02-04", now).unwrap()), "2012-02-04T00:00:00Z");
        assert_eq!(parse_since("soon", now), None);
    }
}
