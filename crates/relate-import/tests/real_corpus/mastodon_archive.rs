//! `mastodon-archive` over `../shared/corpus/mastodon-archive/` (a 2024 archive from
//! indieweb.social: outbox.json, actor.json, likes.json).

use relate_model::{ItemKind, State};

use crate::{conversations, import, kinds, reply_links};

const OWNER: &str = "mastodon:dealingwith@indieweb.social";

#[test]
fn the_archive_folder() {
    let (result, sink) = import("mastodon-archive", "mastodon-archive");
    result.unwrap();
    assert!(sink.warnings.is_empty(), "{:?}", &sink.warnings[..sink.warnings.len().min(5)]);
    // jq '[.orderedItems[].type] | group_by(.) | map({(.[0]): length}) | add' outbox.json
    //   -> Create 1260, Announce 326;  jq '.orderedItems | length' likes.json -> 1115
    // Posts: Creates with inReplyTo null (838). Comments/replies: the 422 with inReplyTo,
    // split by whether the parent is the conversation's root, computed in Python with the
    // rule of the module doc (reply chain -> the one root of the `conversation` -> the tag).
    let expected =
        [("comment", 127), ("like", 1115), ("post", 838), ("reply", 295), ("repost", 326)];
    assert_eq!(kinds(&sink), expected.into_iter().collect());
    // 422 inReplyTo + 326 boosted + 1115 liked
    assert_eq!(reply_links(&sink), 1863);
    // same Python: distinct conversation keys over statuses, boosts and likes; 133 of them
    // are conversations started elsewhere, keyed by their `conversation` URI (132 OStatus
    // `tag:` URIs, 1 https context URI), not by a status
    assert_eq!(conversations(&sink), 2233);
    let roots: std::collections::BTreeSet<&str> =
        sink.items.iter().filter(|i| i.kind == ItemKind::Post).map(|i| i.key.as_str()).collect();
    let started_elsewhere: std::collections::BTreeSet<&str> = sink
        .items
        .iter()
        .filter(|i| i.kind.is_response())
        .map(|i| i.conversation.as_str())
        .filter(|c| !roots.contains(c))
        .collect();
    assert_eq!(started_elsewhere.len(), 133);
    assert_eq!(started_elsewhere.iter().filter(|c| c.contains(":tag:")).count(), 132);
    // FORMATS.md: 35 direct + 40 followers-only; python: public collection in neither to nor cc
    let restricted = sink.items.iter().filter(|i| i.state == State::Restricted).count();
    assert_eq!(restricted, 75);
    assert_eq!(sink.participants.len(), 1);
    let owner = &sink.participants[0];
    assert_eq!(owner.key, OWNER);
    assert_eq!(owner.handle, "@dealingwith@indieweb.social");
    assert_eq!(owner.url.as_deref(), Some("https://indieweb.social/@dealingwith"));
    assert!(owner.site_author);
    assert!(sink.items.iter().all(|i| i.author == OWNER));
    // python: Creates with an attachment that has a `name` (alt text): 168 images and 2
    // videos described, in 138 statuses
    let described = sink
        .items
        .iter()
        .filter(|i| i.text.lines().any(|l| l.starts_with("[image: ") || l.starts_with("[video: ")))
        .count();
    assert_eq!(described, 138);
    // the archive states no counts
    assert!(sink.audience.is_empty());
}

#[test]
fn the_outbox_alone() {
    let (result, sink) = import("mastodon-archive", "mastodon-archive/outbox.json");
    result.unwrap();
    // 1260 Create + 326 Announce; the likes are beside it, not in it
    assert_eq!(sink.items.len(), 1586);
    assert_eq!(sink.items.iter().filter(|i| i.kind == ItemKind::Like).count(), 0);
    assert_eq!(sink.participants[0].key, OWNER);
    assert_eq!(sink.participants[0].url.as_deref(), Some("https://indieweb.social/@dealingwith"));
}
