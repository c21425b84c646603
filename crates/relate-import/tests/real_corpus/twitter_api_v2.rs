//! `twitter-api-v2/`: two real twarc2 search pages (DocNow/twarc-csv test data), each one
//! JSON line `{data, includes: {users, tweets, ...}, meta, __twarc}`.
//!
//! Counts from Python over each line (`d = json.loads(line)`):
//!   tweets = data, then includes.tweets not already in data (by id)
//!   kind: retweeted -> repost; replied_to -> comment if its id == conversation_id else
//!     reply; quoted -> quote; else post
//!   participants = distinct author_id of those tweets (all are in includes.users)
//!   audience = 4 public_metrics for every tweet but retweets + followers/following for
//!     every author; all dated __twarc.retrieved_at

use crate::{conversations, import, kinds, reply_links};

#[test]
fn brexit_search_page() {
    let (result, sink) = import("twitter-api-v2", "twitter-api-v2/twarc-csv-brexit.jsonl");
    result.unwrap();
    assert!(sink.warnings.is_empty(), "{:?}", sink.warnings);
    // 100 results + 59 included, 4 of them also results
    assert_eq!(sink.items.len(), 155);
    let kinds = kinds(&sink);
    assert_eq!(kinds.get("post"), Some(&47));
    assert_eq!(kinds.get("repost"), Some(&67));
    assert_eq!(kinds.get("quote"), Some(&24));
    assert_eq!(kinds.get("comment"), Some(&15));
    assert_eq!(kinds.get("reply"), Some(&2));
    assert_eq!(reply_links(&sink), 108);
    assert_eq!(conversations(&sink), 144);
    assert_eq!(sink.participants.len(), 148);
    assert_eq!(sink.audience.len(), (155 - 67) * 4 + 148 * 2);
    let at = relate_model::time::parse_rfc3339("2021-09-22T16:38:09+00:00");
    assert!(sink.audience.iter().all(|a| a.at == at));
    assert!(sink.items.iter().all(|i| i.created_at.is_some()));
    // 148 entities.mentions over the 155 tweets
    assert_eq!(sink.items.iter().map(|i| i.mentions.len()).sum::<usize>(), 148);
}

#[test]
fn obama_search_page_with_an_error() {
    let (result, sink) = import("twitter-api-v2", "twitter-api-v2/twarc-csv-noflat.jsonl");
    let summary = result.unwrap();
    assert!(sink.warnings.is_empty(), "{:?}", sink.warnings);
    // 100 results + 66 included, 2 of them also results
    assert_eq!(sink.items.len(), 164);
    let kinds = kinds(&sink);
    assert_eq!(kinds.get("post"), Some(&50));
    assert_eq!(kinds.get("repost"), Some(&47));
    assert_eq!(kinds.get("quote"), Some(&17));
    assert_eq!(kinds.get("comment"), Some(&25));
    assert_eq!(kinds.get("reply"), Some(&25));
    assert_eq!(reply_links(&sink), 114);
    assert_eq!(conversations(&sink), 131);
    assert_eq!(sink.participants.len(), 153);
    assert_eq!(sink.audience.len(), (164 - 47) * 4 + 153 * 2);
    // errors: one suspended user behind a mention
    assert_eq!(summary.skipped.get("unavailable"), Some(&1));
    // the tweet with in_reply_to_user_id but no replied_to (1380242449700847616) is a post
    let addressed = sink.items.iter().find(|i| i.native_id == "1380242449700847616").unwrap();
    assert_eq!((addressed.kind.as_str(), addressed.parent.as_deref()), ("post", None));
    assert_eq!(sink.items.iter().map(|i| i.mentions.len()).sum::<usize>(), 150);
}
