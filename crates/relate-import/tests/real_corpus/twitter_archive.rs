//! `twitter-archive/`: a real 2008–2023 archive's `tweets.js` and `manifest.js`, kept side by
//! side with a prefix (`vovavasylyna-tweets.js`, `vovavasylyna-manifest.js`), without the
//! archive's private files.
//!
//! Counts from Python over the file (the JS assignment stripped, then `json.loads`):
//!   tw = [e["tweet"] for e in data]              # 2161 tweets, none edited twice
//!   RT = full_text.startswith("RT @")            # 11, `retweeted` is false on all
//!   replies: in_reply_to_status_id_str set       # 710; 10 answer the archive's own tweets
//!   conversation = root of the chain within the archive, else the parent outside it
//!     -> 709 comments (parent == conversation), 1 reply, 2139 conversations
//!   quotes: not RT, not reply, an entities.urls expanded_url to /status/<other id>  # 2
//!   audience: favorite_count / retweet_count of the 2150 non-RT tweets (2 each) + the
//!     manifest's follower (96) and following (44) counts; generationDate 2023-06-28T05:48:42Z

use crate::{conversations, import, kinds, reply_links};

#[test]
fn prefixed_tweets_and_manifest_in_one_folder() {
    let (result, sink) = import("twitter-archive", "twitter-archive");
    result.unwrap();
    assert!(sink.warnings.is_empty(), "{:?}", &sink.warnings[..sink.warnings.len().min(5)]);
    assert_eq!(sink.items.len(), 2161);
    let kinds = kinds(&sink);
    assert_eq!(kinds.get("post"), Some(&1438));
    assert_eq!(kinds.get("comment"), Some(&709));
    assert_eq!(kinds.get("reply"), Some(&1));
    assert_eq!(kinds.get("repost"), Some(&11));
    assert_eq!(kinds.get("quote"), Some(&2));
    // 710 replies + 2 quotes
    assert_eq!(reply_links(&sink), 712);
    assert_eq!(conversations(&sink), 2139);
    assert_eq!(sink.conversations.len(), 2139);

    // the manifest: accountId 17920070, userName vovavasilina
    assert_eq!(sink.participants.len(), 1);
    let owner = &sink.participants[0];
    assert_eq!(owner.key, "twitter:17920070");
    assert_eq!(owner.handle, "vovavasilina");
    assert_eq!(owner.url.as_deref(), Some("https://x.com/vovavasilina"));
    assert!(owner.site_author);

    // the first element: id 1657435576369332225, Sat May 13 17:20:09 +0000 2023, which is
    // datetime(2023, 5, 13, 17, 20, 9, tzinfo=timezone.utc).timestamp() == 1683998409
    let first = &sink.items[0];
    assert_eq!(first.key, "twitter:status:1657435576369332225");
    assert_eq!(first.created_at, Some(1_683_998_409));
    assert!(sink.items.iter().all(|i| i.created_at.is_some()));
    // 786 user_mentions in all, 5 urls (all different within their tweet)
    assert_eq!(sink.items.iter().map(|i| i.mentions.len()).sum::<usize>(), 786);
    assert_eq!(sink.items.iter().map(|i| i.links.len()).sum::<usize>(), 5);

    let at = relate_model::time::parse_rfc3339("2023-06-28T05:48:42.988Z");
    assert!(sink.audience.iter().all(|a| a.at == at));
    assert_eq!(sink.audience.len(), 2150 * 2 + 2);
    let of = |metric: &str| {
        sink.audience.iter().find(|a| a.account.is_some() && a.metric == metric).map(|a| a.value)
    };
    assert_eq!((of("followers"), of("following")), (Some(96), Some(44)));
    // the most liked: 1654373819367211009, favorite_count "4"
    let likes = sink.audience.iter().find(|a| {
        a.item.as_deref() == Some("twitter:status:1654373819367211009") && a.metric == "likes"
    });
    assert_eq!(likes.map(|a| a.value), Some(4));
}

#[test]
fn lone_tweets_file_finds_the_owner_in_self_replies() {
    let (result, sink) = import("twitter-archive", "twitter-archive/vovavasylyna-tweets.js");
    result.unwrap();
    assert!(sink.warnings.is_empty(), "{:?}", &sink.warnings[..sink.warnings.len().min(5)]);
    assert_eq!(sink.items.len(), 2161);
    // the first reply to an own tweet names in_reply_to_user_id_str 17920070, vovavasilina
    assert_eq!(sink.participants[0].key, "twitter:17920070");
    assert_eq!(sink.participants[0].handle, "vovavasilina");
    // no manifest: no follower counts, no date
    assert_eq!(sink.audience.len(), 2150 * 2);
    assert!(sink.audience.iter().all(|a| a.at.is_none()));
}
