//! `audience-csv`: vanity numbers no export carries (blog page views, Facebook fans, newsletter
//! subscribers), one per row, to set beside the real return.
//!
//! ## Format
//! A CSV file with a header naming the columns `date`, `platform`, `metric`, `value` and
//! optionally `account` (a participant key), in any order, separated by `,`, `;` or tabs
//! (German spreadsheets write `;`). `date` is `YYYY-MM-DD` or an RFC 3339 time; `value` a whole
//! number (thousands separators `.`, `,`, `'` and spaces are dropped: `1.830` is 1830).
//!
//! ```text
//! date;platform;metric;value
//! 2026-02-28;blog;page_views;4975
//! ```
//!
//! ## Mapping
//! Each row is an `AudienceSnapshot` for the whole site (or `account`, when given). Re-importing
//! the same file changes nothing: a snapshot is keyed by platform, account, metric and date.
//!
//! ## Known quirks
//! - A row whose date or value cannot be read is a warning with its line, and skipped.

use relate_model::AudienceSnapshot;

use crate::{Detection, ImportContext, ImportError, ImportSummary, Importer, Input, Sink, Warning};

pub struct AudienceCsv;

const ID: &str = "audience-csv";
const REQUIRED: [&str; 4] = ["date", "platform", "metric", "value"];

impl Importer for AudienceCsv {
    fn id(&self) -> &'static str {
        ID
    }

    fn summary(&self) -> &'static str {
        "audience numbers as CSV (date, platform, metric, value[, account]): page views, fans, ..."
    }

    fn detect(&self, input: &Input) -> Detection {
        let files = input.files();
        let [name] = files.as_slice() else { return Detection::No };
        match header(&input.head(name, 4096)) {
            Some((columns, _)) if REQUIRED.iter().all(|c| columns.iter().any(|h| h == c)) => {
                Detection::Yes
            }
            _ => Detection::No,
        }
    }

    fn import(
        &self,
        input: &Input,
        _ctx: &ImportContext,
        sink: &mut dyn Sink,
    ) -> Result<ImportSummary, ImportError> {
        let files = input.files();
        let [name] = files.as_slice() else {
            return Err(input.not_this_format(ID, "expected one CSV file"));
        };
        let file = input.display_path(name);
        let Some((columns, delimiter)) = header(&input.head(name, 4096)) else {
            return Err(ImportError::not_this_format(file, ID, "no header line"));
        };
        let column = |c: &str| columns.iter().position(|h| h == c);
        let (Some(date), Some(platform), Some(metric), Some(value)) =
            (column("date"), column("platform"), column("metric"), column("value"))
        else {
            return Err(ImportError::not_this_format(
                file,
                ID,
                format!("the header needs the columns {}", REQUIRED.join(", ")),
            ));
        };
        let account = column("account");
        let reader = input.open_or_err(name)?;
        let mut csv = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(reader);
        for record in csv.records() {
            let record = match record {
                Ok(r) => r,
                Err(err) => {
                    let line = err.position().map_or(0, |p| p.line());
                    sink.warn(Warning {
                        location: format!("{}:{line}", file.display()),
                        message: format!("unreadable row, skipped: {err}"),
                    });
                    continue;
                }
            };
            let line = record.position().map_or(0, |p| p.line());
            let location = format!("{}:{line}", file.display());
            let field = |i: usize| record.get(i).unwrap_or("");
            let Some(at) = parse_date(field(date)) else {
                sink.warn(Warning {
                    location,
                    message: format!("date {:?} is not a date, row skipped", field(date)),
                });
                continue;
            };
            let Some(number) = parse_number(field(value)) else {
                sink.warn(Warning {
                    location,
                    message: format!("value {:?} is not a number, row skipped", field(value)),
                });
                continue;
            };
            if field(platform).is_empty() || field(metric).is_empty() {
                sink.warn(Warning {
                    location,
                    message: "platform or metric missing, row skipped".into(),
                });
                continue;
            }
            sink.audience(AudienceSnapshot {
                platform: field(platform).to_lowercase(),
                account: account.map(field).filter(|a| !a.is_empty()).map(str::to_string),
                item: None,
                metric: field(metric).to_lowercase().replace(' ', "_"),
                value: number,
                at: Some(at),
            })?;
        }
        Ok(ImportSummary::default())
    }
}

/// The lowercased column names of the first line and its delimiter.
fn header(head: &[u8]) -> Option<(Vec<String>, u8)> {
    let text = String::from_utf8_lossy(head);
    let first = text.trim_start_matches('\u{feff}').lines().next()?;
    let delimiter =
        [b';', b'\t', b','].into_iter().max_by_key(|d| first.matches(*d as char).count())?;
    let columns =
        first.split(delimiter as char).map(|c| c.trim().trim_matches('"').to_lowercase()).collect();
    Some((columns, delimiter))
}

fn parse_date(s: &str) -> Option<i64> {
    relate_model::time::parse_rfc3339(s).or_else(|| relate_model::time::parse_date(s))
}

fn parse_number(s: &str) -> Option<i64> {
    let digits: String =
        s.chars().filter(|c| !matches!(c, '.' | ',' | '\'' | ' ' | '\u{a0}')).collect();
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{fixture, import_path};

    #[test]
    fn semicolon_file_with_a_bad_row() {
        let (result, sink) = import_path(&AudienceCsv, &fixture("audience-csv/numbers.csv"));
        result.unwrap();
        let rows: Vec<(String, String, i64, String)> = sink
            .audience
            .iter()
            .map(|s| {
                (
                    s.platform.clone(),
                    s.metric.clone(),
                    s.value,
                    relate_model::time::date(s.at.unwrap()),
                )
            })
            .collect();
        assert_eq!(
            rows,
            vec![
                ("blog".into(), "page_views".into(), 4210, "2026-01-31".into()),
                ("blog".into(), "page_views".into(), 4975, "2026-02-28".into()),
                ("facebook".into(), "fans".into(), 1830, "2026-02-28".into()),
                ("facebook".into(), "fans".into(), 1847, "2026-03-31".into()),
            ]
        );
        assert_eq!(sink.warnings.len(), 1);
        assert!(sink.warnings[0].location.ends_with("numbers.csv:5"), "{:?}", sink.warnings);
        assert!(sink.warnings[0].message.contains("zu viele"));
        assert!(sink.items.is_empty());
    }

    #[test]
    fn numbers_with_separators() {
        assert_eq!(parse_number("1.830"), Some(1830));
        assert_eq!(parse_number("12 400"), Some(12400));
        assert_eq!(parse_number("viele"), None);
    }
}
