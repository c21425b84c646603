//! One conversation across platforms: joins the threads that are really about one post.
//!
//! An institution's blog post is discussed on the blog, announced on Mastodon and Bluesky,
//! linked from other blogs (pingbacks, webmentions), and its comment feed or Disqus thread may
//! be imported separately. Counted apart, one conversation would count three times and its
//! people would seem to meet less often than they do. Three rules join them:
//!
//! 1. **Same page.** A conversation whose URL is the URL of another conversation that has a
//!    post (a webmention's target page, a Disqus thread or comment feed of the blog post)
//!    joins that one.
//! 2. **Root links to it.** A thread whose opening post links to such a conversation's URL
//!    (the owner's toot "New on the blog: `<url>`", someone's Bluesky post sharing it) joins it,
//!    with all its replies. A reply deep inside an unrelated thread that links to the post
//!    stays where it is: its thread is about something else.
//! 3. **Cross-posts.** The owner's opening posts on different platforms within
//!    [`CROSS_POST_WINDOW`] that link to the same page or say nearly the same (at least
//!    [`CROSS_POST_SIMILARITY`] of their words shared) are one announcement: the later ones
//!    join the earliest.
//!
//! URLs are compared without scheme, `www.`, fragment, trailing slash and `utm_` parameters.
//! Items of a same-page thread that named no parent found in the corpus (a webmention names
//! only the page) answer the post they joined.
//! Joining rewrites `CorpusItem::conversation`; the joined conversation keeps its record, with
//! `joined_into` set, so reports can say what was joined. Joining is decided on what is
//! stored each time the corpus is loaded: nothing is written back.

use rustc_hash::FxHashMap as HashMap;

use relate_model::corpus::Corpus;
use relate_model::{ItemKind, State};

/// How far apart cross-posts of one announcement may be.
pub const CROSS_POST_WINDOW: i64 = 12 * 3600;
/// Share of words (Jaccard, words of three letters or more) that makes two posts one.
pub const CROSS_POST_SIMILARITY: f64 = 0.6;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reason {
    SamePage,
    RootLinks,
    CrossPost,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::SamePage => "same page",
            Reason::RootLinks => "links to the post",
            Reason::CrossPost => "cross-post",
        }
    }
}

/// One join: conversation `from` now belongs to `into`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Join {
    pub from: u32,
    pub into: u32,
    pub reason: Reason,
}

/// Joins conversations in place and returns what was joined, in conversation order.
pub fn apply(corpus: &mut Corpus) -> Vec<Join> {
    let n = corpus.conversations.len();
    if n < 2 {
        return Vec::new();
    }
    let roots = opening_posts(corpus);
    // pages that a conversation is about: its own URL and its opening post's URL
    let mut pages: HashMap<String, u32> = HashMap::default();
    for (c, conversation) in corpus.conversations.iter().enumerate() {
        let Some(root) = roots[c] else { continue };
        let urls = [conversation.url.as_deref(), corpus.items[root as usize].url()];
        for url in urls.into_iter().flatten() {
            if let Some(page) = normalise(url) {
                // the earliest conversation about a page keeps it
                pages.entry(page).or_insert(c as u32);
            }
        }
    }
    let mut joins: Vec<Join> = Vec::new();
    let mut into: Vec<u32> = (0..n as u32).collect();
    let target = |page: Option<String>, c: u32| -> Option<u32> {
        page.and_then(|p| pages.get(&p).copied()).filter(|&t| t != c)
    };
    for c in 0..n as u32 {
        let conversation = &corpus.conversations[c as usize];
        let same_page = conversation.url.as_deref().and_then(|u| target(normalise(u), c));
        // webmentions and feed comments about the page, or the same post reached through a
        // second export (its comment feed beside the WXR): the first conversation keeps it
        if let Some(t) = same_page {
            joins.push(Join { from: c, into: t, reason: Reason::SamePage });
            into[c as usize] = t;
            continue;
        }
        let Some(root) = roots[c as usize] else { continue };
        let linked =
            corpus.items[root as usize].links().iter().find_map(|l| target(normalise(l), c));
        if let Some(t) = linked {
            joins.push(Join { from: c, into: t, reason: Reason::RootLinks });
            into[c as usize] = t;
        }
    }
    cross_posts(corpus, &roots, &mut into, &mut joins);
    // follow chains (a toot's thread joined a feed's conversation that joined the post), never
    // looping: a cycle keeps its first member
    let resolved: Vec<u32> = (0..n as u32)
        .map(|c| {
            let mut at = c;
            let mut steps = 0;
            while into[at as usize] != at && steps < n {
                at = into[at as usize];
                steps += 1;
            }
            if steps >= n { c } else { at }
        })
        .collect();
    for join in &mut joins {
        join.into = resolved[join.from as usize];
    }
    joins.retain(|j| j.into != j.from);
    joins.sort_by_key(|j| j.from);
    joins.dedup_by_key(|j| j.from);
    for join in &joins {
        corpus.conversations[join.from as usize].joined_into = Some(join.into);
    }
    if !joins.is_empty() {
        // what a page's webmentions and feed comments answer is the page's post: an item of a
        // same-page thread that had no parent in its own export answers the post it joined
        let mut answers_post: Vec<Option<u32>> = vec![None; n];
        for join in joins.iter().filter(|j| j.reason == Reason::SamePage) {
            answers_post[join.from as usize] = roots[join.into as usize];
        }
        for item in &mut corpus.items {
            if let Some(post) = answers_post[item.conversation as usize]
                && item.kind != ItemKind::Post
                && (item.parent.is_none() || item.parent_missing)
            {
                item.parent = Some(post);
                item.parent_missing = false;
            }
            item.conversation = resolved[item.conversation as usize];
        }
    }
    joins
}

/// Each conversation's opening post: its earliest public item of kind `Post`.
fn opening_posts(corpus: &Corpus) -> Vec<Option<u32>> {
    let mut roots: Vec<Option<u32>> = vec![None; corpus.conversations.len()];
    for (i, item) in corpus.items.iter().enumerate() {
        if item.kind != ItemKind::Post || item.state != State::Public {
            continue;
        }
        let slot = &mut roots[item.conversation as usize];
        let earlier = match *slot {
            None => true,
            Some(r) => {
                let r = &corpus.items[r as usize];
                item.created_at.unwrap_or(i64::MAX) < r.created_at.unwrap_or(i64::MAX)
            }
        };
        if earlier {
            *slot = Some(i as u32);
        }
    }
    roots
}

fn cross_posts(corpus: &Corpus, roots: &[Option<u32>], into: &mut [u32], joins: &mut Vec<Join>) {
    // the owner's opening posts, by time
    let mut posts: Vec<(i64, u32, u32)> = roots
        .iter()
        .enumerate()
        .filter_map(|(c, r)| r.map(|r| (c as u32, r)))
        .filter(|&(_, r)| corpus.is_owner_item(&corpus.items[r as usize]))
        .filter_map(|(c, r)| corpus.items[r as usize].created_at.map(|t| (t, c, r)))
        .collect();
    if posts.len() < 2 {
        return;
    }
    // cross-posts need two platforms: most corpora have one, and need no comparison at all
    let first_platform = &corpus.conversations[posts[0].1 as usize].platform;
    if posts.iter().all(|&(_, c, _)| corpus.conversations[c as usize].platform == *first_platform) {
        return;
    }
    posts.sort_unstable();
    // word sets and pages are made when a pair is compared, once per post
    let mut words: Vec<Option<Vec<String>>> = vec![None; posts.len()];
    let mut pages: Vec<Option<Vec<String>>> = vec![None; posts.len()];
    let fill = |slot: usize,
                words: &mut Vec<Option<Vec<String>>>,
                pages: &mut Vec<Option<Vec<String>>>| {
        let item = posts[slot].2;
        if words[slot].is_none() {
            words[slot] = Some(word_set(corpus.text_of(item)));
            pages[slot] = Some(
                corpus.items[item as usize].links().iter().filter_map(|l| normalise(l)).collect(),
            );
        }
    };
    // platforms already in each announcement group: one post per platform makes a cross-post,
    // a second post on the same platform is a repeat with its own conversation
    let mut group_platforms: HashMap<u32, Vec<&str>> = HashMap::default();
    for later in 1..posts.len() {
        let (t, c, _) = posts[later];
        if into[c as usize] != c {
            continue;
        }
        let platform = &*corpus.conversations[c as usize].platform;
        for earlier in (0..later).rev() {
            let (te, ce, _) = posts[earlier];
            if t - te > CROSS_POST_WINDOW {
                break;
            }
            if &*corpus.conversations[ce as usize].platform == platform {
                continue;
            }
            let group = into[ce as usize];
            let present = group_platforms
                .entry(group)
                .or_insert_with(|| vec![&*corpus.conversations[group as usize].platform]);
            if present.contains(&platform) {
                continue;
            }
            fill(later, &mut words, &mut pages);
            fill(earlier, &mut words, &mut pages);
            let (Some(pl), Some(pe)) = (&pages[later], &pages[earlier]) else { continue };
            let (Some(wl), Some(we)) = (&words[later], &words[earlier]) else { continue };
            let same_link = pl.iter().any(|p| pe.contains(p));
            if same_link || jaccard(wl, we) >= CROSS_POST_SIMILARITY {
                present.push(platform);
                joins.push(Join { from: c, into: group, reason: Reason::CrossPost });
                into[c as usize] = group;
                break;
            }
        }
    }
}

fn word_set(text: &str) -> Vec<String> {
    let mut words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3 && !w.starts_with("http"))
        .map(str::to_lowercase)
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

fn jaccard(a: &[String], b: &[String]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let shared = a.iter().filter(|w| b.binary_search(w).is_ok()).count();
    shared as f64 / (a.len() + b.len() - shared) as f64
}

/// The comparable form of a URL: host without `www.` plus path, query without `utm_`
/// parameters, no scheme, fragment or trailing slash. `None` for what is not an http(s) URL.
pub fn normalise(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url.trim()).ok()?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return None;
    }
    let host = parsed.host_str()?.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let path = parsed.path().trim_end_matches('/');
    let query: Vec<(String, String)> = parsed
        .query_pairs()
        .filter(|(k, _)| !k.starts_with("utm_"))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let mut out = format!("{host}{path}");
    if !query.is_empty() {
        let pairs: Vec<String> = query.iter().map(|(k, v)| format!("{k}={v}")).collect();
        out.push('?');
        out.push_str(&pairs.join("&"));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use relate_model::corpus::testing::corpus_from_text;

    fn joined(text: &str) -> (Corpus, Vec<(String, String, &'static str)>) {
        let mut corpus = corpus_from_text(text);
        let joins = apply(&mut corpus);
        let named = joins
            .iter()
            .map(|j| {
                (
                    corpus.conversations[j.from as usize].key.to_string(),
                    corpus.conversations[j.into as usize].key.to_string(),
                    j.reason.as_str(),
                )
            })
            .collect();
        (corpus, named)
    }

    #[test]
    fn normalise_ignores_scheme_www_fragment_slash_and_tracking() {
        assert_eq!(
            normalise("https://www.Museum.example/blog/roi/?utm_source=x&p=4#comment-3").as_deref(),
            Some("museum.example/blog/roi?p=4")
        );
        assert_eq!(
            normalise("http://museum.example/blog/roi").as_deref(),
            Some("museum.example/blog/roi")
        );
        assert_eq!(normalise("mailto:a@b.example"), None);
    }

    #[test]
    fn webmentions_and_announcements_join_the_blog_post() {
        let (corpus, joins) = joined(
            "owner Museum
             == blog platform=wordpress url=https://museum.example/roi/ Social Media ROI
             #1 Museum: the post
             #2 Ben -> #1: a comment
             == web:roi platform=web url=http://www.museum.example/roi
             #3 Anna (mention): I wrote about it
             == toot platform=mastodon
             #4 Museum: New on the blog: https://museum.example/roi#more
             #5 Carla -> #4: thanks, reading it now
             == other platform=mastodon
             #6 Dora: unrelated thread
             #7 Ben -> #6: see also https://museum.example/roi",
        );
        assert_eq!(
            joins,
            vec![
                ("web:roi".to_string(), "blog".to_string(), "same page"),
                ("toot".to_string(), "blog".to_string(), "links to the post"),
            ]
        );
        let in_blog: Vec<&str> = corpus
            .items
            .iter()
            .enumerate()
            .filter(|(_, i)| i.conversation == 0)
            .map(|(n, _)| corpus.native_id_of(n as u32))
            .collect();
        assert_eq!(in_blog, vec!["1", "2", "3", "4", "5"]);
        assert_eq!(corpus.conversations[2].joined_into, Some(0));
        // the webmention named only the page: it answers the page's post now
        assert_eq!(corpus.items[2].parent, Some(0));
        // the toot's thread keeps its own post, which links to the blog post
        assert_eq!(corpus.items[3].parent, None);
        // the reply deep in another thread stays there
        assert_eq!(corpus.items[6].conversation, 3);
    }

    #[test]
    fn owner_cross_posts_within_the_window_are_one_announcement() {
        let (_, joins) = joined(
            "owner Museum
             == m platform=mastodon
             #1 Museum: Heute Abend: Führung durch die neue Ausstellung zur Stadtgeschichte
             == b platform=bluesky
             #2 Museum: Heute Abend Führung durch die neue Ausstellung zur Stadtgeschichte!
             == x platform=twitter
             #40 Museum: Heute Abend: Führung durch die neue Ausstellung zur Stadtgeschichte
             == m2 platform=mastodon
             #3 Museum: Heute Abend: Führung durch die neue Ausstellung zur Stadtgeschichte",
        );
        // #2 is an hour after #1 on another platform: joined; #40 is 39 hours later: not;
        // #3 is on the same platform as #1: a repeat, not a cross-post
        assert_eq!(joins, vec![("b".to_string(), "m".to_string(), "cross-post")]);
    }

    #[test]
    fn guests_posting_alike_are_not_cross_posts() {
        let (_, joins) = joined(
            "== m platform=mastodon
             #1 Ben: Heute Abend Führung durch die Ausstellung
             == b platform=bluesky
             #2 Ben: Heute Abend Führung durch die Ausstellung",
        );
        assert!(joins.is_empty());
    }

    #[test]
    fn chains_resolve_to_the_post_and_cycles_do_not_loop() {
        let (corpus, joins) = joined(
            "owner Museum
             == blog platform=wordpress url=https://museum.example/a
             #1 Museum: post A
             == t1 platform=mastodon
             #2 Museum: read https://museum.example/a
             == b1 platform=bluesky
             #3 Museum: read https://museum.example/a",
        );
        // t1 links to the post; b1 links to it too (and is a cross-post of t1): both end there
        assert!(joins.iter().all(|(_, into, _)| into == "blog"), "{joins:?}");
        assert_eq!(joins.len(), 2);
        assert!(corpus.items.iter().all(|i| i.conversation == 0));
    }
}
