//! `hackernews/`: the example items of the official API README.

use crate::{conversations, import, kinds, reply_links};

#[test]
fn readme_examples() {
    let (result, sink) = import("hackernews", "hackernews/hn-api-readme-examples.json");
    let summary = result.unwrap();
    // python3 -c "import json,collections; d=json.load(open('hn-api-readme-examples.json'));
    //   print(collections.Counter(x.get('type','user') for x in d))"
    // -> story 2, job 1, poll 1, comment 1, pollopt 1, user 1
    assert_eq!(kinds(&sink).get("post"), Some(&4));
    assert_eq!(kinds(&sink).get("comment"), Some(&1));
    assert_eq!(sink.items.len(), 5);
    assert_eq!(summary.skipped.get("pollopt"), Some(&1));
    assert!(sink.warnings.is_empty(), "{:?}", sink.warnings);
    // comment 2921983 has parent 2921506, which the file does not hold: that id stands in
    // for its thread, beside the four posts' own
    assert_eq!(reply_links(&sink), 1);
    assert_eq!(conversations(&sink), 5);
    let comment = sink.item("2921983").unwrap();
    assert_eq!(comment.conversation, "hackernews:news.ycombinator.com:2921506");
    assert_eq!(comment.author, "hackernews:norvig");
    // score 111, descendants 71 on story 8863 (jq '.[0] | .score, .descendants')
    let of = |item: &str, metric: &str| {
        sink.audience
            .iter()
            .find(|a| a.item.as_deref() == Some(item) && a.metric == metric)
            .map(|a| a.value)
    };
    assert_eq!(of("hackernews:news.ycombinator.com:8863", "score"), Some(111));
    assert_eq!(of("hackernews:news.ycombinator.com:8863", "replies"), Some(71));
    assert_eq!(of("hackernews:news.ycombinator.com:8863", "unloaded_replies"), Some(71));
    assert_eq!(
        sink.item("8863").unwrap().links,
        vec!["http://www.getdropbox.com/u/2/screencast.html".to_string()]
    );
    // user jl: karma 2937
    let karma = sink.audience.iter().find(|a| a.metric == "karma").unwrap();
    assert_eq!((karma.account.as_deref(), karma.value), (Some("hackernews:jl"), 2937));
    // participants: dhouston, norvig, tel, justin, pg (poll and pollopt), jl
    assert_eq!(sink.participants.len(), 6);
}
