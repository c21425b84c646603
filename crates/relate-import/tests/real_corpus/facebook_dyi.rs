//! `facebook-dyi/`: the Waultar project's real (partly redacted) DYI files: Danish comments
//! with mojibake and entries without `data`, group and reply comments, posts, reactions.

use crate::{conversations, import, kinds, reply_links};

// Counts below come from python3 with
//   rep = lambda s: s.encode('latin-1').decode('utf-8')
// over json.load of each file.

#[test]
fn danish_comments_with_mojibake_and_missing_data() {
    let (result, sink) = import("facebook-dyi", "facebook-dyi/waultar-comments.json");
    result.unwrap();
    assert!(sink.warnings.is_empty(), "{:?}", sink.warnings);
    // len(d['comments_v2']) -> 6, of which 3 have 'data'; every title "har kommenteret"
    assert_eq!(kinds(&sink).get("comment"), Some(&6));
    assert_eq!(sink.items.iter().filter(|i| i.text.is_empty()).count(), 3);
    assert_eq!(reply_links(&sink), 0);
    assert_eq!(conversations(&sink), 6);
    // rep("T\u00c3\u0098S\n") -> "TØS\n"
    assert!(sink.items.iter().any(|i| i.text == "TØS"));
    assert_eq!(sink.participants.len(), 1);
    assert_eq!(sink.participants[0].display_name, "Gustav Johansen");
    assert!(sink.participants[0].site_author);
}

#[test]
fn group_comments_and_replies() {
    let (result, sink) = import("facebook-dyi", "facebook-dyi/waultar-comments-redacted.json");
    result.unwrap();
    // an array of 3 wrappers: group_comments_v2 (1), comments_v2 (4), group_comments_v2 (3);
    // 2 titles say "replied to … comment"
    assert_eq!(sink.items.len(), 8);
    assert_eq!(kinds(&sink).get("reply"), Some(&2));
    assert_eq!(kinds(&sink).get("comment"), Some(&6));
    let restricted =
        sink.items.iter().filter(|i| i.state == relate_model::State::Restricted).count();
    assert_eq!(restricted, 4);
    // authors: "REDACTED AUTHOR" 5 times, "REDACTED PROFILE" 3 times
    assert_eq!(sink.participants.len(), 2);
    let owner = sink.participants.iter().find(|p| p.site_author).unwrap();
    assert_eq!(owner.display_name, "REDACTED AUTHOR");
    // the gif's external_context.url
    assert!(sink.items.iter().any(|i| i.links.iter().any(|l| l.contains("tenor.co/images/"))));
}

#[test]
fn posts() {
    let (result, sink) = import("facebook-dyi", "facebook-dyi/waultar-your_posts_1.json");
    let summary = result.unwrap();
    // 14 entries; 10 have a post text, an http external_context.url, or media/note
    assert_eq!(kinds(&sink).get("post"), Some(&10));
    assert_eq!(summary.skipped.get("empty post"), Some(&4));
    assert_eq!(conversations(&sink), 10);
    // titles begin with "Lukas Vinther Offenberg Larsen" 5 times, "Malou Elmelund
    // Landsgaard" twice (both kept); untitled posts are the owner's
    let owner = sink.participants.iter().find(|p| p.site_author).unwrap();
    assert_eq!(owner.display_name, "Lukas Vinther Offenberg Larsen");
    assert_eq!(sink.participants.len(), 2);
    assert_eq!(sink.items.iter().filter(|i| i.author == owner.key).count(), 8);
    assert!(sink.items.iter().any(|i| i.text.contains("kan næsten ikke blive bedre")));
    assert!(
        sink.items
            .iter()
            .any(|i| i.links == vec!["http://autoinsurance4all.info/video.php?id=526"])
    );
    // upload_ip in the media EXIF data never leaves the importer
    assert!(
        sink.items
            .iter()
            .all(|i| !i.text.contains("192.192") && !i.links.iter().any(|l| l.contains("192.192")))
    );
}

#[test]
fn reactions_are_likes_by_the_owner() {
    let (result, sink) =
        import("facebook-dyi", "facebook-dyi/waultar-reactions-posts_and_comments.json");
    result.unwrap();
    // len(reactions_v2) -> 17, all "LIKE" by Gustav Johansen, 17 distinct timestamps
    assert_eq!(kinds(&sink).get("like"), Some(&17));
    let keys: std::collections::BTreeSet<_> = sink.items.iter().map(|i| &i.key).collect();
    assert_eq!(keys.len(), 17);
    assert_eq!(conversations(&sink), 1);
    assert_eq!(sink.participants.len(), 1);
    assert!(sink.participants[0].site_author);
}

#[test]
fn the_whole_folder() {
    let (result, sink) = import("facebook-dyi", "facebook-dyi");
    result.unwrap();
    // 6 + 8 comments, 10 posts, 17 reactions
    assert_eq!(sink.items.len(), 41);
    // Gustav Johansen: 3 comment authors + 17 reaction actors, more than anyone else
    let owners: Vec<_> = sink.participants.iter().filter(|p| p.site_author).collect();
    assert_eq!(owners.len(), 1);
    assert_eq!(owners[0].display_name, "Gustav Johansen");
}
