//! The vanity numbers, kept for contrast: what the platforms say about reach.
//!
//! - **Account figures**: for each platform, account (or the whole site) and metric
//!   (`followers`, `following`, `posts`, `page_views`, `fans`, ...), the latest snapshot and
//!   the earliest, so a report can say "1,204 followers (was 1,150 on 2026-01-01)".
//! - **Stated item totals**: per metric (`likes`, `reposts`, `replies`, `quotes`), the sum
//!   over items of each item's latest stated count. These are the platforms' own counters;
//!   likes and reposts relate imported as records are counted separately, as items.
//!
//! Accounts merged with `relate identity link` are not summed: follower counts of two
//! accounts of one person overlap in ways no export tells.

use std::collections::BTreeMap;

use relate_model::corpus::Corpus;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Figure {
    pub platform: String,
    /// The participant key, or `None` for the whole site.
    pub account: Option<String>,
    pub metric: String,
    pub value: i64,
    pub at: i64,
    /// The earliest snapshot, when there is more than one.
    pub first_value: Option<i64>,
    pub first_at: Option<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Audience {
    /// Sorted by platform, account, metric.
    pub figures: Vec<Figure>,
    pub item_totals: BTreeMap<String, i64>,
}

pub fn compute(corpus: &Corpus) -> Audience {
    let mut figures: BTreeMap<(String, Option<String>, String), Figure> = BTreeMap::new();
    let mut latest_per_item: BTreeMap<(String, String), (i64, i64)> = BTreeMap::new();
    for s in &corpus.audience {
        let at = s.at.unwrap_or(0);
        if let Some(item) = &s.item {
            let slot =
                latest_per_item.entry((item.clone(), s.metric.clone())).or_insert((at, s.value));
            if at >= slot.0 {
                *slot = (at, s.value);
            }
            continue;
        }
        let key = (s.platform.clone(), s.account.clone(), s.metric.clone());
        match figures.get_mut(&key) {
            None => {
                figures.insert(
                    key,
                    Figure {
                        platform: s.platform.clone(),
                        account: s.account.clone(),
                        metric: s.metric.clone(),
                        value: s.value,
                        at,
                        first_value: None,
                        first_at: None,
                    },
                );
            }
            Some(f) => {
                let (first_value, first_at) = match (f.first_value, f.first_at) {
                    (Some(v), Some(t)) => (v, t),
                    _ => (f.value, f.at),
                };
                let (first_value, first_at) =
                    if at < first_at { (s.value, at) } else { (first_value, first_at) };
                if at >= f.at {
                    f.value = s.value;
                    f.at = at;
                }
                f.first_value = Some(first_value);
                f.first_at = Some(first_at);
            }
        }
    }
    let mut item_totals: BTreeMap<String, i64> = BTreeMap::new();
    for ((_, metric), (_, value)) in latest_per_item {
        *item_totals.entry(metric).or_default() += value;
    }
    Audience { figures: figures.into_values().collect(), item_totals }
}

#[cfg(test)]
mod tests {
    use super::*;
    use relate_model::AudienceSnapshot;

    fn snap(
        account: Option<&str>,
        item: Option<&str>,
        metric: &str,
        value: i64,
        at: i64,
    ) -> AudienceSnapshot {
        AudienceSnapshot {
            platform: "mastodon".into(),
            account: account.map(Into::into),
            item: item.map(Into::into),
            metric: metric.into(),
            value,
            at: Some(at),
        }
    }

    #[test]
    fn latest_and_first_figures_and_item_totals() {
        let mut corpus = Corpus::default();
        corpus.audience = vec![
            snap(Some("mastodon:@m@x"), None, "followers", 120, 100),
            snap(Some("mastodon:@m@x"), None, "followers", 150, 300),
            snap(Some("mastodon:@m@x"), None, "followers", 130, 200),
            snap(None, Some("mastodon:x:1"), "likes", 4, 100),
            snap(None, Some("mastodon:x:1"), "likes", 6, 200),
            snap(None, Some("mastodon:x:2"), "likes", 1, 100),
            snap(None, Some("mastodon:x:2"), "reposts", 2, 100),
        ];
        let a = compute(&corpus);
        assert_eq!(a.figures.len(), 1);
        let f = &a.figures[0];
        assert_eq!((f.value, f.at, f.first_value, f.first_at), (150, 300, Some(120), Some(100)));
        // item 1's latest is 6 (not 4 + 6), plus item 2's 1
        assert_eq!(a.item_totals.get("likes"), Some(&7));
        assert_eq!(a.item_totals.get("reposts"), Some(&2));
    }
}
