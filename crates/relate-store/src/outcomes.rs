//! Outcome events (`relate outcomes`): tickets, memberships, donations, volunteering, for a
//! person or a segment, set beside the relationship ledger. Migration 0004.

use rusqlite::params;
use rustc_hash::FxHashMap as HashMap;

use crate::{Result, Store};

/// One outcome as stored.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct OutcomeRow {
    /// UTC seconds.
    pub at: i64,
    /// The participant key the person resolved to; `None` for a segment or a name that
    /// matched no one.
    pub account: Option<String>,
    pub segment: Option<String>,
    pub kind: String,
    pub value: Option<f64>,
}

impl Store {
    /// Stores `rows` in one transaction; rows already stored (the same file imported again)
    /// are left alone. Returns how many were added.
    pub fn add_outcomes(&mut self, rows: &[OutcomeRow]) -> Result<u64> {
        let tx = self.conn.transaction()?;
        let mut added = 0;
        {
            let mut insert = tx.prepare(
                "INSERT OR IGNORE INTO outcomes(at, account, segment, kind, value, nth)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?;
            // equal rows are numbered, so that two tickets on one day stay two
            let mut seen: HashMap<(i64, &str, &str, &str, Option<u64>), i64> = HashMap::default();
            for row in rows {
                let account = row.account.as_deref().unwrap_or("");
                let segment = row.segment.as_deref().unwrap_or("");
                let nth = seen
                    .entry((row.at, account, segment, &row.kind, row.value.map(f64::to_bits)))
                    .or_insert(-1);
                *nth += 1;
                added += insert
                    .execute(params![row.at, account, segment, row.kind, row.value, *nth])?
                    as u64;
            }
        }
        tx.commit()?;
        Ok(added)
    }

    /// Every outcome, oldest first.
    pub fn outcomes(&self) -> Result<Vec<OutcomeRow>> {
        let mut stmt = self.conn.prepare(
            "SELECT at, account, segment, kind, value FROM outcomes
             ORDER BY at, account, segment, kind, id",
        )?;
        let rows = stmt.query_map([], |r| {
            let opt = |s: String| (!s.is_empty()).then_some(s);
            Ok(OutcomeRow {
                at: r.get(0)?,
                account: opt(r.get(1)?),
                segment: opt(r.get(2)?),
                kind: r.get(3)?,
                value: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(at: i64, account: Option<&str>, kind: &str, value: Option<f64>) -> OutcomeRow {
        OutcomeRow {
            at,
            account: account.map(str::to_string),
            segment: None,
            kind: kind.into(),
            value,
        }
    }

    #[test]
    fn the_same_file_twice_adds_nothing_but_equal_rows_in_one_file_stay() {
        let mut store = Store::in_memory().unwrap();
        let rows = vec![
            row(86_400, Some("test:ben"), "ticket", Some(12.0)),
            row(86_400, Some("test:ben"), "ticket", Some(12.0)),
            row(86_400, None, "membership", None),
            OutcomeRow { segment: Some("Schulklassen".into()), ..row(0, None, "ticket", None) },
        ];
        assert_eq!(store.add_outcomes(&rows).unwrap(), 4);
        assert_eq!(store.add_outcomes(&rows).unwrap(), 0);
        let stored = store.outcomes().unwrap();
        assert_eq!(stored.len(), 4);
        assert_eq!(stored[0].segment.as_deref(), Some("Schulklassen"));
        assert_eq!(stored[1], row(86_400, None, "membership", None));
    }
}
