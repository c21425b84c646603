//! WordPress comment feeds (RSS 2 site-wide and per post, Atom with thr:in-reply-to) and a
//! post feed with slash:comments. Counts from Python's ElementTree over the files:
//! `items = root.findall('./channel/item')` (RSS) or `root.findall('a:entry', ns)` (Atom).

use std::collections::BTreeSet;

use crate::{conversations, import, kinds};
use relate_model::ItemKind;

/// The whizzy mirror rewrote every URL to a relative one and names no absolute site URL.
const CISCO: &str = "web:/2017/02/23/cisco-7941-asterisk-and-sip";

#[test]
fn whizzy_site_comment_feed() {
    let (res, sink) = import("rss-comments", "rss-atom-comments/whizzy-comments-feed-rss2.xml");
    res.unwrap();
    // len(items) -> 50
    assert_eq!(sink.items.len(), 50);
    // content:encoded matching r'\s*<p>[^<]*<a href="[^"]*#comment-(\d+)">[^<]*</a>\.' -> 13
    // (FORMATS.md's 26 counts description and content:encoded); text (tags stripped)
    // starting and ending with "[&#8230;]" -> 4 pingbacks
    assert_eq!(kinds(&sink).get("reply"), Some(&13));
    assert_eq!(kinds(&sink).get("pingback"), Some(&4));
    assert_eq!(kinds(&sink).get("comment"), Some(&33));
    // {link.split('#')[0] for items} -> 10 posts
    assert_eq!(conversations(&sink), 10);
    // distinct dc:creator -> 43 (39 commenters, 4 linking pages)
    assert_eq!(sink.participants.len(), 43);
    // parents named by "In reply to" that are items of this feed -> 8 of 13
    let keys: BTreeSet<&str> = sink.items.iter().map(|i| i.key.as_str()).collect();
    let replies: Vec<_> = sink.items.iter().filter(|i| i.kind == ItemKind::Reply).collect();
    let inside = replies.iter().filter(|r| keys.contains(r.parent.as_deref().unwrap())).count();
    assert_eq!(inside, 8);
    // no absolute URL anywhere in the channel: one warning, no conversation URLs
    assert_eq!(sink.warnings.len(), 1, "{:?}", sink.warnings);
    assert!(sink.conversations.iter().all(|c| c.url.is_none()));
    // the first item: link /2017/02/23/cisco-7941-asterisk-and-sip/#comment-7480, by Ricardo
    let first = &sink.items[0];
    assert_eq!(first.key, format!("{CISCO}#comment-7480"));
    assert_eq!(first.kind, ItemKind::Comment);
    assert_eq!(first.parent.as_deref(), Some(CISCO));
    assert_eq!(sink.participant(&first.author).unwrap().display_name, "Ricardo");
    // pubDate "Wed, 19 May 2021 18:49:15 +0000"
    assert_eq!(
        first.created_at.map(relate_model::time::rfc3339).as_deref(),
        Some("2021-05-19T18:49:15Z")
    );
    let cisco = sink.conversations.iter().find(|c| c.key == CISCO).unwrap();
    assert_eq!(cisco.title.as_deref(), Some("Cisco 7941, Asterisk and SIP"));
    // a pingback's author is the linking page, a site, its name decoded from "&#8211;"
    let pingback = sink.items.iter().find(|i| i.kind == ItemKind::Pingback).unwrap();
    assert_eq!(
        pingback.title.as_deref(),
        Some("Late Night Linux \u{2013} Episode 109 \u{2013} Late Night Linux")
    );
    let site = sink.participant(&pingback.author).unwrap();
    assert_eq!(site.kind, relate_model::ParticipantKind::Site);
    // the "In reply to" line is the HTML's, not the text's
    let reply = replies.iter().find(|r| r.html.as_deref().unwrap_or("").contains("#comment-3920"));
    let reply = reply.expect("a reply to comment 3920");
    assert_eq!(
        reply.parent.as_deref(),
        Some("web:/2021/01/02/double-helping-of-pi-hole#comment-3920")
    );
    assert!(!reply.text.starts_with("In reply to"), "{}", reply.text);
}

#[test]
fn whizzy_per_post_feed_meets_the_site_feed() {
    let (res, per_post) =
        import("rss-comments", "rss-atom-comments/whizzy-post-cisco-7941-comments-feed-rss2.xml");
    res.unwrap();
    // len(items) -> 38, all on one post; "In reply to" first paragraphs -> 10
    assert_eq!(per_post.items.len(), 38);
    assert_eq!(kinds(&per_post).get("reply"), Some(&10));
    assert_eq!(kinds(&per_post).get("comment"), Some(&28));
    assert_eq!(per_post.conversations.len(), 1);
    assert_eq!(per_post.conversations[0].key, CISCO);
    // channel title "Comments on: Cisco 7941, Asterisk and SIP" (items say only "By: CB")
    assert_eq!(per_post.conversations[0].title.as_deref(), Some("Cisco 7941, Asterisk and SIP"));
    // distinct dc:creator -> 31
    assert_eq!(per_post.participants.len(), 31);
    // comment ids (#comment-N of links) in both feeds -> 25: the same keys from either feed
    let (_, site) = import("rss-comments", "rss-atom-comments/whizzy-comments-feed-rss2.xml");
    let a: BTreeSet<&str> = per_post.items.iter().map(|i| i.key.as_str()).collect();
    let b: BTreeSet<&str> = site.items.iter().map(|i| i.key.as_str()).collect();
    assert_eq!(a.intersection(&b).count(), 25);
    let author = |sink: &relate_import::testing::VecSink, key: &str| {
        sink.items.iter().find(|i| i.key == key).map(|i| i.author.clone())
    };
    let shared = format!("{CISCO}#comment-7480");
    assert_eq!(author(&per_post, &shared), author(&site, &shared));
}

#[test]
fn whizzy_post_feed_comment_counts() {
    let (res, sink) =
        import("rss-comments", "rss-atom-comments/whizzy-posts-feed-rss2-slash-wfw.xml");
    res.unwrap();
    // len(items) -> 50 posts, all by dc:creator "will"
    assert_eq!(sink.items.len(), 50);
    assert_eq!(kinds(&sink).get("post"), Some(&50));
    assert_eq!(sink.participants.len(), 1);
    assert!(sink.participants[0].site_author);
    // items with slash:comments -> 24, their sum -> 160, the Cisco post's -> 38
    assert_eq!(sink.audience.len(), 24);
    assert_eq!(sink.audience.iter().map(|a| a.value).sum::<i64>(), 160);
    assert!(sink.audience.iter().all(|a| a.metric == "replies"));
    let cisco = sink.audience.iter().find(|a| a.item.as_deref() == Some(CISCO)).unwrap();
    assert_eq!(cisco.value, 38);
    // lastBuildDate "Wed, 14 Jul 2021 13:46:20 +0000"
    assert_eq!(cisco.at.map(relate_model::time::rfc3339).as_deref(), Some("2021-07-14T13:46:20Z"));
    let post = sink.items.iter().find(|i| i.key == CISCO).unwrap();
    assert_eq!(post.title.as_deref(), Some("Cisco 7941, Asterisk and SIP"));
    assert_eq!(post.conversation, CISCO);
}

#[test]
fn bigredtin_atom_thread_extension() {
    let (res, sink) =
        import("rss-comments", "rss-atom-comments/bigredtin-comments-feed-atom-thr.xml");
    res.unwrap();
    // len(entries) -> 10; thr:in-reply-to ref with "#comment-" -> 2 (2324 -> 2323, 2322 -> 2321)
    assert_eq!(sink.items.len(), 10);
    assert_eq!(kinds(&sink).get("reply"), Some(&2));
    assert_eq!(kinds(&sink).get("comment"), Some(&8));
    // distinct posts in link rel=alternate -> 5
    assert_eq!(conversations(&sink), 5);
    // distinct (author/name, author/uri) -> 8, four with a uri
    assert_eq!(sink.participants.len(), 8);
    assert_eq!(sink.participants.iter().filter(|p| p.url.is_some()).count(), 4);
    assert!(sink.warnings.is_empty(), "{:?}", sink.warnings);
    let post = "web:bigredtin.com/2011/wordpress-theme-elements";
    let reply = sink.item("2324").unwrap();
    assert_eq!(reply.key, format!("{post}#comment-2324"));
    assert_eq!(reply.parent.as_deref(), Some(format!("{post}#comment-2323").as_str()));
    assert_eq!(reply.author, "web:peterwilson.cc");
    assert_eq!(
        reply.url.as_deref(),
        Some("http://bigredtin.com/2011/wordpress-theme-elements/#comment-2324")
    );
    // parent 2321 is older than the feed's last ten: a dangling key
    assert_eq!(
        sink.item("2322").unwrap().parent.as_deref(),
        Some(format!("{post}#comment-2321").as_str())
    );
    // an id on the old domain (http://peterwilson.cc/?p=134#comment-3858) keys by its link
    let old_domain = sink.item("3858").unwrap();
    assert_eq!(
        old_domain.conversation,
        "web:bigredtin.com/2009/including-wordpress-comment-reply-js"
    );
    assert_eq!(old_domain.kind, ItemKind::Comment);
    let conversation = sink.conversations.iter().find(|c| c.key == post).unwrap();
    assert_eq!(
        conversation.url.as_deref(),
        Some("http://bigredtin.com/2011/wordpress-theme-elements/")
    );
    // title "Comment on WordPress Theme Elements by Thao"
    assert_eq!(conversation.title.as_deref(), Some("WordPress Theme Elements"));
}

/// WXR is RSS too: the WordPress exports must stay with wordpress-wxr.
#[test]
fn wordpress_exports_are_not_comment_feeds() {
    use relate_import::{Detection, Importer, Input};
    for file in [
        "isso-wordpress.xml",
        "seed-social-media-roi.xml",
        "theme-unit-test-data.xml",
        "valid-wxr-1.0.xml",
    ] {
        let input = Input::from_path(&crate::corpus(&format!("wxr/{file}"))).unwrap();
        assert_eq!(
            relate_import::rss_comments::RssComments.detect(&input),
            Detection::No,
            "{file}"
        );
        assert_eq!(relate_import::detect(&input).map(|i| i.id()), Some("wordpress-wxr"), "{file}");
    }
}
