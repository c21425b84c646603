//! webmention.io links API dump and one mf2 parser test case.

use crate::{conversations, import, kinds};
use relate_model::{ItemKind, ParticipantKind, State};

#[test]
fn rockorager_links_api_dump() {
    let (res, sink) = import("webmention", "webmention/webmention.io-links-api-rockorager.json");
    res.unwrap();
    // jq '.links | length' -> 9; jq '[.links[].activity.type] | group_by(.) | map([.[0], length])'
    // -> [["link",1],["reply",8]]
    assert_eq!(sink.items.len(), 9);
    assert_eq!(kinds(&sink).get("comment"), Some(&8));
    assert_eq!(kinds(&sink).get("mention"), Some(&1));
    // jq '[.links[].target | sub("#.*";"") | rtrimstr("/")] | unique | length' -> 3
    assert_eq!(conversations(&sink), 3);
    assert_eq!(sink.conversations.len(), 3);
    // jq '[.links[].data.author.url] | unique | length' -> 7 (micro.blog/rnv replied twice)
    assert_eq!(sink.participants.len(), 7);
    assert!(sink.participants.iter().all(|p| p.kind == ParticipantKind::Person));
    // jq '[.links[] | select(.private or (.verified | not))] | length' -> 0
    assert!(sink.items.iter().all(|i| i.state == State::Public));
    assert!(sink.warnings.is_empty(), "{:?}", sink.warnings);

    // jq '.links[] | select(.id == 1137420) | .target, .activity.type'
    let link = sink.items.iter().find(|i| i.native_id == "1137420").expect("link 1137420");
    assert_eq!(link.kind, ItemKind::Mention);
    assert_eq!(link.conversation, "web:timculverhouse.com");
    assert_eq!(link.author, "web:www.timculverhouse.com");
    let first_post = sink
        .conversations
        .iter()
        .find(|c| c.key == "web:timculverhouse.com/notes/2021-04-16-first-post.html")
        .expect("first-post conversation");
    assert_eq!(
        first_post.url.as_deref(),
        Some("https://timculverhouse.com/notes/2021-04-16-first-post.html")
    );
    // jq '[.links[] | select(.target | test("first-post"))] | length' -> 7
    let on_first_post = sink.items.iter().filter(|i| i.conversation == first_post.key).count();
    assert_eq!(on_first_post, 7);
    // jq '.links[] | select(.id == 1133575) | .data.published' -> "2021-04-26T16:06:16+00:00"
    let reply = sink.items.iter().find(|i| i.native_id == "1133575").expect("reply 1133575");
    assert_eq!(reply.key, "web:webmention.io:1133575");
    assert_eq!(reply.author, "web:micro.blog/rnv");
    assert_eq!(
        reply.created_at.map(relate_model::time::rfc3339).as_deref(),
        Some("2021-04-26T16:06:16Z")
    );
    assert_eq!(reply.url.as_deref(), Some("https://micro.blog/rnv/11373171"));
}

/// The parser test case: an h-entry whose only property is `in-reply-to`, an h-cite with its
/// own author. An import gives one comment on the cited post, by an unknown author (the page
/// gives none); the h-cite's author wrote the post, not the reply, and is no participant.
#[test]
fn mf2_implied_value_nested_test_case() {
    let (res, sink) = import("webmention", "mf2/microformats-tests-impliedvalue-nested.json");
    res.unwrap();
    // jq '.items | length' -> 1; jq '.items[0].properties | keys' -> ["in-reply-to"]
    assert_eq!(sink.items.len(), 1);
    let item = &sink.items[0];
    assert_eq!(item.kind, ItemKind::Comment);
    // jq '.items[0].properties."in-reply-to"[0].properties.url[0]' -> "http://example.com/post"
    assert_eq!(item.conversation, "web:example.com/post");
    assert_eq!(item.parent.as_deref(), Some("web:example.com/post"));
    assert!(item.key.starts_with("web:mf2:"), "{}", item.key);
    assert_eq!((item.text.as_str(), item.created_at, item.url.as_deref()), ("", None, None));
    assert_eq!(sink.conversations.len(), 1);
    assert_eq!(sink.conversations[0].url.as_deref(), Some("http://example.com/post"));
    // jq '.items[0].properties."in-reply-to"[0].properties.name[0]' -> "Example Post"
    assert_eq!(sink.conversations[0].title.as_deref(), Some("Example Post"));
    assert_eq!(sink.participants.len(), 1);
    assert_eq!(sink.participants[0].kind, ParticipantKind::Unknown);
    assert_eq!(item.author, sink.participants[0].key);
}
