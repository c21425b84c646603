//! `bluesky-car/`: a real repository export (a Bluesky engineer's test account, 2025).
//!
//! Counts from a Python walk of the file independent of relate: the CARv1 framing read by
//! hand, blocks decoded with `cbor2`, the tree walked from the commit's `data`:
//!   keys per collection: app.bsky.feed.post 23, com.atproto.lexicon.schema 5,
//!   app.bsky.graph.follow 3, app.bsky.feed.like 2, app.bsky.actor.profile 1,
//!   app.bsky.feed.repost 1, blue.linkat.board 1, com.atproto.lexicon.record 1,
//!   net.bnewbold.demo.mushroom 1
//!   posts with `reply`: 2 (3lj2ex7vyjc2h: parent == root; 3kyozfaqkgc23: parent != root);
//!   posts with embed app.bsky.embed.record: 1 (3ktbn5b7zkc26, of the account's own post)
//!   commit: did did:plc:nhxcyu4ewwhl5pqil4dotqjo, rev 3ljlyqit2uk2l

use crate::{conversations, import, kinds, reply_links};

const FILE: &str = "bluesky-car/bnewbold.robocracy.org.20250310005405.car";
const DID: &str = "did:plc:nhxcyu4ewwhl5pqil4dotqjo";

fn uri(collection: &str, rkey: &str) -> String {
    format!("at://{DID}/{collection}/{rkey}")
}

#[test]
fn repository_export() {
    let (result, sink) = import("bluesky-car", FILE);
    let summary = result.unwrap();
    assert!(sink.warnings.is_empty(), "{:?}", sink.warnings);
    // 23 posts = 20 posts + 1 comment + 1 reply + 1 quote; 2 likes; 1 repost
    assert_eq!(sink.items.len(), 26);
    assert_eq!(kinds(&sink).get("post"), Some(&20));
    assert_eq!(kinds(&sink).get("comment"), Some(&1));
    assert_eq!(kinds(&sink).get("reply"), Some(&1));
    assert_eq!(kinds(&sink).get("quote"), Some(&1));
    assert_eq!(kinds(&sink).get("like"), Some(&2));
    assert_eq!(kinds(&sink).get("repost"), Some(&1));
    // 2 replies + 1 quote + 3 likes and reposts point at a parent
    assert_eq!(reply_links(&sink), 6);
    // 21 posts that start their own thread, 2 foreign reply roots, 2 liked/reposted
    // subjects (the repost and one like share theirs)
    assert_eq!(conversations(&sink), 25);
    assert_eq!(summary.skipped.get("com.atproto.lexicon.schema"), Some(&5));
    assert_eq!(summary.skipped.get("com.atproto.lexicon.record"), Some(&1));
    assert_eq!(summary.skipped.get("blue.linkat.board"), Some(&1));
    assert_eq!(summary.skipped.get("net.bnewbold.demo.mushroom"), Some(&1));

    let comment = sink.item(&uri("app.bsky.feed.post", "3lj2ex7vyjc2h")).unwrap();
    assert_eq!(comment.kind.as_str(), "comment");
    assert_eq!(
        comment.parent.as_deref(),
        Some("bluesky:did:plc:box3ql3jyrlb7ptzh2tnn2aw/app.bsky.feed.post/3lizyzajiks23")
    );
    let reply = sink.item(&uri("app.bsky.feed.post", "3kyozfaqkgc23")).unwrap();
    assert_eq!(reply.kind.as_str(), "reply");
    assert_eq!(reply.conversation, format!("bluesky:{DID}/app.bsky.feed.post/3ktbqfmhvak26"));
    let quote = sink.item(&uri("app.bsky.feed.post", "3ktbn5b7zkc26")).unwrap();
    assert_eq!(quote.parent, Some(format!("bluesky:{DID}/app.bsky.feed.post/3kly7jzzyuk2v")));
    // jq-equivalent over the decoded posts: 4 carry a mention facet, 2 a link facet
    assert_eq!(sink.items.iter().filter(|i| !i.mentions.is_empty()).count(), 4);
    assert_eq!(sink.items.iter().filter(|i| !i.links.is_empty()).count(), 2);
    assert_eq!(quote.mentions, vec!["bluesky:did:plc:44ybard66vv44zksje25o7dz".to_string()]);
    // every post has a createdAt with a zone; 3kly5whjwmc2v was written 2024-02-22
    assert!(sink.items.iter().all(|i| i.created_at.is_some()));
    let first = sink.item(&uri("app.bsky.feed.post", "3kly5whjwmc2v")).unwrap();
    assert_eq!(relate_model::time::date(first.created_at.unwrap()), "2024-02-22");

    // one account, the site's own, named by its profile (a 16-character display name)
    assert_eq!(sink.participants.len(), 1);
    let account = &sink.participants[0];
    assert_eq!(account.key, format!("bluesky:{DID}"));
    assert!(account.site_author);
    assert_eq!(account.display_name.chars().count(), 16);
    assert!(sink.items.iter().all(|i| i.author == account.key));

    // 3 follow records; rev 3ljlyqit2uk2l dates the count 2025-03-05
    assert_eq!(sink.audience.len(), 1);
    let following = &sink.audience[0];
    assert_eq!((following.metric.as_str(), following.value), ("following", 3));
    assert_eq!(relate_model::time::date(following.at.unwrap()), "2025-03-05");
}
