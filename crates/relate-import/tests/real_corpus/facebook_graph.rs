//! `facebook-graph/`: python-facebook's recorded Graph API pages (a page feed, a group feed,
//! a post's comments without ids or `from`, and comments with `from`).

use crate::{conversations, import, kinds, reply_links};

fn metric(sink: &relate_import::testing::VecSink, item: &str, metric: &str) -> Option<i64> {
    sink.audience
        .iter()
        .filter(|a| a.item.as_deref() == Some(item) && a.metric == metric)
        .map(|a| a.value)
        .next_back()
}

#[test]
fn comments_without_ids_are_threaded_by_their_permalinks() {
    let (result, sink) = import("facebook-graph", "facebook-graph/pyfb-comments_p1.json");
    result.unwrap();
    assert!(sink.warnings.is_empty(), "{:?}", sink.warnings);
    // jq '[.data[] | .permalink_url | test("reply_comment_id")] | group_by(.) | map(length)'
    // -> 6 without, 4 with reply_comment_id
    assert_eq!(kinds(&sink).get("comment"), Some(&6));
    assert_eq!(kinds(&sink).get("reply"), Some(&4));
    assert_eq!(reply_links(&sink), 10);
    // every permalink is under /19292868552/posts/10158407654328553/
    assert_eq!(conversations(&sink), 1);
    assert_eq!(sink.items[0].conversation, "facebook:19292868552_10158407654328553");
    // the sixth record: comment_id=10158407903973553&reply_comment_id=10158409983033553
    let reply = sink.item("10158407654328553_10158409983033553").unwrap();
    assert_eq!(reply.parent.as_deref(), Some("facebook:10158407654328553_10158407903973553"));
    // no record has `from`
    assert_eq!(sink.participants.len(), 1);
    assert_eq!(sink.participants[0].key, "facebook:[unknown]");
    // jq '.summary.total_count' -> 18; second record comment_count 2
    assert_eq!(metric(&sink, "facebook:19292868552_10158407654328553", "replies"), Some(18));
    assert_eq!(metric(&sink, "facebook:10158407654328553_10158407903973553", "replies"), Some(2));
}

#[test]
fn comments_with_authors() {
    let (result, sink) = import("facebook-graph", "facebook-graph/pyfb-comment_by_parent_p1.json");
    result.unwrap();
    // jq '.data | length' -> 5, none with parent or reply_comment_id
    assert_eq!(kinds(&sink).get("comment"), Some(&5));
    assert_eq!(conversations(&sink), 1);
    assert_eq!(sink.items[0].conversation, "facebook:2121008874780932_2498598377021978");
    // jq '[.data[].from.id] | unique' -> 2 people
    assert_eq!(sink.participants.len(), 2);
    let author = sink.participant("facebook:2711636948859886").unwrap();
    assert_eq!(author.display_name, "Kun Liu");
    assert_eq!(author.url.as_deref(), Some("https://www.facebook.com/2711636948859886"));
    assert_eq!(metric(&sink, "facebook:2498598377021978_2498617433686739", "likes"), Some(2));
}

#[test]
fn page_feed_with_counts() {
    let (result, sink) =
        import("facebook-graph", "facebook-graph/pyfb-feeds_default_fields_p1.json");
    result.unwrap();
    assert_eq!(kinds(&sink).get("post"), Some(&5));
    assert_eq!(conversations(&sink), 5);
    // jq '.data[] | [.reactions.summary.total_count, .comments.summary.total_count, .shares.count]'
    let first = "facebook:19292868552_10158349356748553";
    assert_eq!(metric(&sink, first, "likes"), Some(125));
    assert_eq!(metric(&sink, first, "replies"), Some(13));
    assert_eq!(metric(&sink, first, "reposts"), Some(10));
    assert_eq!(metric(&sink, "facebook:19292868552_10158333323653553", "replies"), Some(49));
    assert_eq!(sink.audience.len(), 15);
    // no `from`: the page is the author and the site author
    assert_eq!(sink.participants.len(), 1);
    assert!(sink.participants[0].site_author);
    assert_eq!(sink.participants[0].key, "facebook:19292868552");
    // the second post shares a link through l.facebook.com; its unshimmed_url is kept
    let shared = sink.item("19292868552_10158347294088553").unwrap();
    assert!(
        shared.links[0].starts_with(
            "https://engineering.fb.com/2021/05/20/networking-traffic/peering-automation/"
        ),
        "{:?}",
        shared.links
    );
    // the first post's photo page on facebook.com is not a source
    let photo = sink.item("19292868552_10158349356748553").unwrap();
    assert!(photo.links.iter().all(|l| !l.contains("facebook.com/")), "{:?}", photo.links);
}

#[test]
fn the_whole_folder() {
    let (result, sink) = import("facebook-graph", "facebook-graph");
    result.unwrap();
    // 10 + 5 comments, 5 page posts, 5 group posts (jq '.data | length' per file)
    assert_eq!(sink.items.len(), 25);
    assert_eq!(kinds(&sink).get("post"), Some(&10));
    // one post per feed record, one for each comments page
    assert_eq!(conversations(&sink), 12);
    // the group post without `message` (jq '.data[3] | has("message")' -> false)
    assert_eq!(sink.item("2260975870792283_3038566336366562").unwrap().text, "");
}
