//! `bluesky-api/`: real getPostThread and getQuotes responses (bskyr's recorded responses and
//! lucarne's mock of a vercel.com thread).
//!
//! Counts from jq over the files:
//!   jq -c '[.. | objects | select(has("post")) | .post | {u: .uri[-13:],
//!     r: (.record.reply.parent.uri // "" | .[-13:]), lc: .likeCount, rc: .repostCount,
//!     rpc: .replyCount, qc: .quoteCount}]' getPostThread-*.json
//!   jq -c '[.posts[] | {e: .record.embed["$type"], q: (.record.embed.record.uri //
//!     .record.embed.record.record.uri), l: [.record.facets[]?.features[] |
//!     select(."$type"|endswith("link")) | .uri], card: .record.embed.media.external.uri}]'
//!     getQuotes-*.json

use crate::{conversations, import, kinds, reply_links};

#[test]
fn thread_with_three_replies() {
    let (result, sink) =
        import("bluesky-api", "bluesky-api/getPostThread-vercel-3jwvd2i3kms2f.json");
    result.unwrap();
    assert!(sink.warnings.is_empty(), "{:?}", sink.warnings);
    // the root and 3 replies to it
    assert_eq!(sink.items.len(), 4);
    assert_eq!(kinds(&sink).get("post"), Some(&1));
    assert_eq!(kinds(&sink).get("comment"), Some(&3));
    assert_eq!(reply_links(&sink), 3);
    assert_eq!(conversations(&sink), 1);
    let root_key = "bluesky:did:plc:m2jwplpernhxkzbo4ev5ljwj/app.bsky.feed.post/3jwvd2i3kms2f";
    assert!(sink.items.iter().all(|i| i.conversation == root_key));
    assert_eq!(
        sink.conversations[0].url.as_deref(),
        Some("https://bsky.app/profile/did:plc:m2jwplpernhxkzbo4ev5ljwj/post/3jwvd2i3kms2f")
    );
    // 4 authors; one shows handle.invalid and is named by its DID
    assert_eq!(sink.participants.len(), 4);
    let invalid = sink.participant("bluesky:did:plc:hank7iv3rp7wf7jttggeff2h").unwrap();
    assert_eq!(invalid.handle, "did:plc:hank7iv3rp7wf7jttggeff2h");
    let vercel = sink.participant("bluesky:did:plc:m2jwplpernhxkzbo4ev5ljwj").unwrap();
    assert_eq!(vercel.url.as_deref(), Some("https://bsky.app/profile/vercel.com"));
    // root: likeCount 28, repostCount 5, replyCount 3, quoteCount 2; 4 numbers per post
    let of = |metric: &str| {
        sink.audience
            .iter()
            .find(|a| a.item.as_deref() == Some(root_key) && a.metric == metric)
            .map(|a| a.value)
    };
    assert_eq!(
        (of("likes"), of("reposts"), of("replies"), of("quotes")),
        (Some(28), Some(5), Some(3), Some(2))
    );
    assert_eq!(sink.audience.len(), 16);
}

#[test]
fn thread_of_one_post() {
    let (result, sink) =
        import("bluesky-api", "bluesky-api/getPostThread-bskyr-3k7qmjev5lr2s.json");
    result.unwrap();
    assert_eq!(sink.items.len(), 1);
    assert_eq!(kinds(&sink).get("post"), Some(&1));
    // two link facets
    assert_eq!(sink.items[0].links, vec!["http://localview.net", "https://rstats.ai/gov.html"]);
    assert_eq!(sink.audience.iter().find(|a| a.metric == "likes").map(|a| a.value), Some(4));
}

#[test]
fn quotes_of_one_post() {
    let (result, sink) = import("bluesky-api", "bluesky-api/getQuotes-bskyr-3lc5c5qv72r2w.json");
    result.unwrap();
    assert!(sink.warnings.is_empty(), "{:?}", sink.warnings);
    // 2 posts: embed.record and embed.recordWithMedia, both of the same post
    assert_eq!(kinds(&sink).get("quote"), Some(&2));
    let quoted = "bluesky:did:plc:5c2r73erhng4bszmxlfdtscf/app.bsky.feed.post/3lc5c5qv72r2w";
    assert!(sink.items.iter().all(|i| i.parent.as_deref() == Some(quoted)));
    assert_eq!(conversations(&sink), 2);
    // the second: two link facets (the first as written, with a stray quote) and a card
    let second = sink
        .item("at://did:plc:wpe35pganb6d4pg4ekmfy6u5/app.bsky.feed.post/3lc5d6zspys2c")
        .unwrap();
    assert_eq!(
        second.links,
        vec![
            "https://christophertkenny.com/bskyr/'",
            "https://bsky.app/profile/bskyr.bsky.social/post/3lc5c5qv72r2w",
            "https://christophertkenny.com/bskyr/",
        ]
    );
    // mention facets: 2 in the first post, 1 in the second
    let first = sink
        .item("at://did:plc:3ixxligsafp4u6ghljcoetnm/app.bsky.feed.post/3lc6isqcp6u2y")
        .unwrap();
    assert_eq!(first.mentions.len(), 2);
    assert_eq!(second.mentions, vec!["bluesky:did:plc:5c2r73erhng4bszmxlfdtscf".to_string()]);
}

#[test]
fn the_folder_of_responses() {
    let (result, sink) = import("bluesky-api", "bluesky-api");
    result.unwrap();
    // 1 + 4 + 2 posts by 1 + 4 + 2 authors
    assert_eq!(sink.items.len(), 7);
    assert_eq!(sink.participants.len(), 7);
}

#[test]
fn no_other_format_is_claimed() {
    // every real file of every other format, and each format's folder, one by one
    let root = crate::corpus("");
    let mut checked = 0;
    for dir in std::fs::read_dir(&root).unwrap() {
        let dir = dir.unwrap().path();
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        if !dir.is_dir() || name.starts_with("bluesky-") {
            continue;
        }
        let mut paths = vec![dir.clone()];
        paths.extend(std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()));
        for path in paths {
            let input = relate_import::Input::from_path(&path).unwrap();
            for id in ["bluesky-api", "bluesky-car"] {
                let importer = relate_import::by_id(id).unwrap();
                assert_eq!(
                    importer.detect(&input),
                    relate_import::Detection::No,
                    "{id} claims {}",
                    path.display()
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 30, "only {checked} inputs checked");
}
