//! `discourse/`: the discourse_api gem's recorded answers (a 2013 sandbox topic, a 2020
//! `/posts.json`, and a `/user_actions.json` page saved as `replies.json`).
//!
//! Counts from Python over the files:
//!   t = json.load(open('discourse_api-topic.json')); [(p['id'], p['post_number'],
//!     p['post_type'], p['reply_to_post_number'], [a['count'] for a in p['actions_summary']
//!     if a['id'] == 2], p['reads']) for p in t['post_stream']['posts']], t['views']
//!   -> (83,1,1,None,[0],34) (84,2,2,None,[0],34) (86,3,1,None,[5],34) (226,14,1,1,[5],22), 268
//!   l = json.load(open('discourse_api-posts_latest.json'))['latest_posts']; [(p['id'],
//!     p['topic_id'], p['post_number'], p['reply_to_post_number'], p['avatar_template'])
//!     for p in l] -> (15,11,2,None,letter) (14,11,1,None,letter)
//!     (10,7,1,None,'/user_avatar/localhost/...') (2,2,1,None,'/user_avatar/localhost/...')
//!   u = json.load(open('discourse_api-replies.json'))['user_actions'] -> one action_type 5:
//!     post_id 48, topic 39, post_number 3, reply_to_post_number 2, acting_user_id 11

use crate::{conversations, import, kinds, reply_links};
use relate_model::{ItemKind, State};

#[test]
fn sandbox_topic() {
    let (result, sink) = import("discourse", "discourse/discourse_api-topic.json");
    let summary = result.unwrap();
    // post 84 (post_type 2, "This topic is now pinned") is a moderator action
    assert_eq!(summary.skipped.get("moderator_action"), Some(&1));
    assert_eq!(sink.items.len(), 3);
    assert_eq!(kinds(&sink).get("post"), Some(&1));
    assert_eq!(kinds(&sink).get("comment"), Some(&2));
    assert_eq!(reply_links(&sink), 2);
    assert_eq!(conversations(&sink), 1);
    assert!(sink.items.iter().all(|i| i.state == State::Public));
    // only gravatar URLs and external links: no host, one warning
    assert_eq!(sink.warnings.len(), 1, "{:?}", sink.warnings);
    let first = sink.item("83").unwrap();
    assert_eq!(first.key, "discourse:discourse:57/1");
    assert_eq!(first.title.as_deref(), Some("THIS SITE IS A SANDBOX -- it is reset every day"));
    // post 14 answers post 1 explicitly, post 3 implicitly: both comments on the topic
    for id in ["86", "226"] {
        let item = sink.item(id).unwrap();
        assert_eq!(item.kind, ItemKind::Comment);
        assert_eq!(item.parent.as_deref(), Some("discourse:discourse:57/1"));
    }
    let of = |item: &str, metric: &str| {
        sink.audience
            .iter()
            .find(|a| a.item.as_deref() == Some(item) && a.metric == metric)
            .map(|a| a.value)
    };
    assert_eq!(of("discourse:discourse:57/3", "likes"), Some(5));
    assert_eq!(of("discourse:discourse:57/14", "likes"), Some(5));
    assert_eq!(of("discourse:discourse:57/14", "reads"), Some(22));
    assert_eq!(of("discourse:discourse:57/1", "page_views"), Some(268));
    // 4 ids in the stream, 4 posts in the file
    assert_eq!(of("discourse:discourse:57/1", "unloaded_replies"), None);
    assert_eq!(sink.participants.len(), 3);
}

#[test]
fn latest_posts() {
    let (result, sink) = import("discourse", "discourse/discourse_api-posts_latest.json");
    result.unwrap();
    // the system user's avatar path names the host
    assert!(sink.warnings.is_empty(), "{:?}", sink.warnings);
    assert_eq!(sink.items.len(), 4);
    assert_eq!(kinds(&sink).get("post"), Some(&3));
    assert_eq!(kinds(&sink).get("comment"), Some(&1));
    assert_eq!(conversations(&sink), 3);
    let comment = sink.item("15").unwrap();
    assert_eq!(comment.key, "discourse:localhost:11/2");
    assert_eq!(comment.parent.as_deref(), Some("discourse:localhost:11/1"));
    assert_eq!(
        comment.url.as_deref(),
        Some("https://localhost/t/this-is-an-uncategorized-title/11/2")
    );
    // johndoe (1) and system (-1)
    assert_eq!(sink.participants.len(), 2);
    assert!(sink.participant("discourse:localhost:-1").is_some());
}

#[test]
fn user_actions_page() {
    let (result, sink) = import("discourse", "discourse/discourse_api-replies.json");
    result.unwrap();
    assert_eq!(sink.items.len(), 1);
    let reply = sink.item("48").unwrap();
    assert_eq!(reply.kind, ItemKind::Reply);
    assert_eq!(reply.key, "discourse:discourse:39/3");
    assert_eq!(reply.parent.as_deref(), Some("discourse:discourse:39/2"));
    assert_eq!(reply.author, "discourse:discourse:11");
    assert_eq!(reply.text, "Test Reply #1");
    assert_eq!(sink.warnings.len(), 1, "{:?}", sink.warnings);
}
