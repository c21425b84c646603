//! `mastodon-api` over `../shared/corpus/mastodon-api/` (responses recorded by rtoot's tests).

use relate_model::{ItemKind, State};

use crate::{conversations, import, kinds};

#[test]
fn a_context_without_ancestors_is_one_tree_under_its_focal_status() {
    let (result, sink) =
        import("mastodon-api", "mastodon-api/context-mastodon.social-109294719267373593.json");
    result.unwrap();
    assert!(sink.warnings.is_empty(), "{:?}", sink.warnings);
    // jq '.descendants | map(select(.in_reply_to_id == "109294719267373593")) | length' -> 43
    // jq '.descendants | length' -> 59
    let expected = [("comment", 43), ("reply", 16)];
    assert_eq!(kinds(&sink), expected.into_iter().collect());
    assert_eq!(conversations(&sink), 1);
    // the focal status is by a local account (its acct has no domain; found among mentions)
    let focal = "mastodon:mastodon.social:109294719267373593";
    assert!(sink.items.iter().all(|i| i.conversation == focal));
    // jq '[.descendants[].account | [.username, .uri]] | unique | length' -> 50
    assert_eq!(sink.participants.len(), 50);
    // 50 accounts x 3 counts + 59 statuses x 3 counts
    assert_eq!(sink.audience.len(), 327);
    // jq '[.descendants[].favourites_count] | add' -> 138
    let likes: i64 = sink
        .audience
        .iter()
        .filter(|a| a.item.is_some() && a.metric == "likes")
        .map(|a| a.value)
        .sum();
    assert_eq!(likes, 138);
    // jq '.descendants[0].account.followers_count' -> 12193
    let followers = sink
        .audience
        .iter()
        .find(|a| {
            a.account.as_deref() == Some("mastodon:austinkocher@mastodon.social")
                && a.metric == "followers"
        })
        .map(|a| a.value);
    assert_eq!(followers, Some(12193));
    // jq '[.descendants[].mentions | length] | add' -> 184
    assert_eq!(sink.items.iter().map(|i| i.mentions.len()).sum::<usize>(), 184);
    assert!(sink.items.iter().all(|i| i.state == State::Public));
}

#[test]
fn a_context_with_one_ancestor_and_a_single_status() {
    let (result, sink) =
        import("mastodon-api", "mastodon-api/context-fosstodon-114027213608365869.json");
    result.unwrap();
    assert_eq!(sink.items.len(), 1);
    assert_eq!(sink.items[0].key, "mastodon:fosstodon.org:114026814291152535");
    assert_eq!(sink.items[0].kind, ItemKind::Post);

    let (result, sink) =
        import("mastodon-api", "mastodon-api/status-fosstodon-114620457512351116.json");
    result.unwrap();
    assert_eq!(sink.items.len(), 1);
    let status = &sink.items[0];
    assert_eq!(status.author, "mastodon:schochastics@fosstodon.org");
    // jq '.mentions[].acct' -> "maelle@mastodon.social"
    assert_eq!(status.mentions, vec!["@maelle@mastodon.social"]);
    // jq '.card.url': the one link shared; the hashtag and mention links are not
    assert_eq!(status.links.len(), 1);
    assert!(status.links[0].starts_with("https://r-consortium.org/posts/"));
    // jq '.favourites_count, .reblogs_count, .replies_count, .account.followers_count' -> 12 5 1 1037
    let value = |metric: &str| sink.audience.iter().find(|a| a.metric == metric).map(|a| a.value);
    assert_eq!((value("likes"), value("reposts"), value("replies")), (Some(12), Some(5), Some(1)));
    assert_eq!(value("followers"), Some(1037));
}

#[test]
fn the_folder_of_responses() {
    let (result, sink) = import("mastodon-api", "mastodon-api");
    result.unwrap();
    // 59 + 1 + 1 statuses; schochastics@fosstodon.org wrote two of them, announced once
    assert_eq!(sink.items.len(), 61);
    assert_eq!(sink.participants.len(), 51);
}

#[test]
fn neither_mastodon_importer_claims_other_formats() {
    use relate_import::{Detection, Importer, Input};
    let root = crate::corpus("");
    let mut checked = 0;
    for entry in std::fs::read_dir(&root).unwrap().flatten() {
        let format = entry.file_name().to_string_lossy().into_owned();
        if format.starts_with("mastodon") || !entry.path().is_dir() {
            continue;
        }
        for file in std::fs::read_dir(entry.path()).unwrap().flatten() {
            let Ok(input) = Input::from_path(&file.path()) else { continue };
            for importer in [
                &relate_import::mastodon_archive::MastodonArchive as &dyn Importer,
                &relate_import::mastodon_api::MastodonApi,
            ] {
                assert_eq!(importer.detect(&input), Detection::No, "{}", file.path().display());
            }
            checked += 1;
        }
    }
    assert!(checked > 20, "{checked}");
}
