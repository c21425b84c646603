//! The vocabulary every other relate crate speaks: participants, conversations, items, their
//! moderation state, and the in-memory `Corpus` that analyses read.
//!
//! Platform-neutral by design: an importer maps its export onto these types, and nothing
//! downstream knows which platform a record came from except through `platform` strings.
//! No IO here.

pub mod corpus;
pub mod time;

use serde::{Deserialize, Serialize};

/// What kind of contribution an item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ItemKind {
    /// The start of a conversation: a blog post, a page, a root status.
    Post,
    /// A direct response to a post.
    Comment,
    /// A response to a comment or reply.
    Reply,
    /// A WordPress pingback: another site linked to the post (automated).
    Pingback,
    /// A trackback: another site announced a link to the post.
    Trackback,
    /// A boost, retweet or repost.
    Repost,
    /// A mention from elsewhere (webmention and the like).
    Mention,
    /// A post that quotes another (a quote tweet, a Bluesky quote post): it starts its own
    /// thread but points at the quoted item through `parent`.
    Quote,
    /// A like, favourite or reaction: no words, only a sign of attention. Counted beside the
    /// conversation, never as part of it.
    Like,
    /// Someone was there: a person present at an offline encounter (a tour, a talk, a
    /// workshop). An encounter, so it makes a participant and a conversation; not a comment,
    /// so nobody is "left waiting" for an answer to having come.
    Attendance,
}

impl ItemKind {
    pub const ALL: [ItemKind; 10] = [
        ItemKind::Post,
        ItemKind::Comment,
        ItemKind::Reply,
        ItemKind::Pingback,
        ItemKind::Trackback,
        ItemKind::Repost,
        ItemKind::Mention,
        ItemKind::Quote,
        ItemKind::Like,
        ItemKind::Attendance,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Post => "post",
            ItemKind::Comment => "comment",
            ItemKind::Reply => "reply",
            ItemKind::Pingback => "pingback",
            ItemKind::Trackback => "trackback",
            ItemKind::Repost => "repost",
            ItemKind::Mention => "mention",
            ItemKind::Quote => "quote",
            ItemKind::Like => "like",
            ItemKind::Attendance => "attendance",
        }
    }

    pub fn parse(s: &str) -> Option<ItemKind> {
        ItemKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// Comments and replies: what people write back. Pingbacks and trackbacks are links
    /// between sites, not words addressed to someone.
    pub fn is_response(self) -> bool {
        matches!(self, ItemKind::Comment | ItemKind::Reply)
    }

    /// Pingbacks and trackbacks: another site pointing at the conversation.
    pub fn is_link_notice(self) -> bool {
        matches!(self, ItemKind::Pingback | ItemKind::Trackback)
    }

    /// Likes and reposts: attention without words, the vanity side of the ledger.
    pub fn is_attention(self) -> bool {
        matches!(self, ItemKind::Like | ItemKind::Repost)
    }
}

/// Visibility and moderation state. Only `Public` items count in any measure; the others are
/// stored so that a re-import can tell what changed, and counted under "excluded".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum State {
    Public,
    /// Visible to some people only (private posts, followers-only, direct messages,
    /// password-protected posts). Never shown unless the user asks.
    Restricted,
    /// Awaiting moderation.
    Pending,
    Spam,
    Trash,
    Deleted,
}

impl State {
    pub const ALL: [State; 6] = [
        State::Public,
        State::Restricted,
        State::Pending,
        State::Spam,
        State::Trash,
        State::Deleted,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            State::Public => "public",
            State::Restricted => "restricted",
            State::Pending => "pending",
            State::Spam => "spam",
            State::Trash => "trash",
            State::Deleted => "deleted",
        }
    }

    pub fn parse(s: &str) -> Option<State> {
        State::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Whether a participant is a person or a site (pingbacks come from sites, not people).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ParticipantKind {
    Person,
    Site,
    /// Deleted or anonymous accounts that stand for many people (`[deleted]`): stored, never
    /// counted as a person.
    Unknown,
}

impl ParticipantKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ParticipantKind::Person => "person",
            ParticipantKind::Site => "site",
            ParticipantKind::Unknown => "unknown",
        }
    }

    pub fn parse(s: &str) -> Option<ParticipantKind> {
        match s {
            "person" => Some(ParticipantKind::Person),
            "site" => Some(ParticipantKind::Site),
            "unknown" => Some(ParticipantKind::Unknown),
            _ => None,
        }
    }
}

/// Someone (or some site) who wrote items.
///
/// `key` is stable across re-imports and never contains an e-mail address or IP: importers
/// derive it from the platform's account id, or from a keyed hash of what identifies a guest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub key: String,
    /// Platform family, as used in owner declarations (`wordpress`, `convokit`, ...).
    pub platform: String,
    /// Login or handle where the platform has one; the display name otherwise.
    pub handle: String,
    pub display_name: String,
    pub url: Option<String>,
    pub kind: ParticipantKind,
    /// Set by importers that know this account speaks for the site (WXR authors).
    pub site_author: bool,
}

/// A thread: one blog post with its comments, one ConvoKit conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conversation {
    pub key: String,
    pub platform: String,
    pub title: Option<String>,
    pub url: Option<String>,
}

/// One contribution: a post, comment, reply, pingback, ...
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Item {
    /// Stable across re-imports: `<importer>:<site>:<kind>:<native id>`.
    pub key: String,
    /// The id the platform itself shows (comment id, utterance id).
    pub native_id: String,
    pub conversation: String,
    /// Key of the item this one answers, if any. It may point to an item that is not in the
    /// export (a thread cut off); analyses treat such items as orphans.
    pub parent: Option<String>,
    pub author: String,
    pub kind: ItemKind,
    pub state: State,
    /// Seconds since the Unix epoch, UTC. `None` when the export has no usable date.
    pub created_at: Option<i64>,
    pub title: Option<String>,
    pub url: Option<String>,
    /// Plain text (HTML rendered to text, paragraphs separated by blank lines).
    pub text: String,
    /// The original HTML, when the export carried HTML that differs from `text`.
    pub html: Option<String>,
    /// Links found in the item, in order of appearance, as written.
    pub links: Vec<String>,
    /// Explicit mentions the platform marks up (`@handle` tags); `@Name:` addressing in plain
    /// text is resolved later, by the threads analysis, because it needs the thread's names.
    pub mentions: Vec<String>,
}

/// A vanity number as an export (or the user) states it on a date: followers, likes, boosts,
/// page views. Kept to set beside the conversations, never mixed into them.
///
/// Exactly one of `account` and `item` is usually set: followers belong to an account, likes
/// to an item; a number for the whole site (page views, Facebook fans) has neither.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AudienceSnapshot {
    /// `mastodon`, `twitter`, `blog`, ...
    pub platform: String,
    /// The participant key the number belongs to.
    pub account: Option<String>,
    /// The item key the number belongs to.
    pub item: Option<String>,
    /// `followers`, `following`, `posts`, `likes`, `reposts`, `replies`, `quotes`,
    /// `page_views`, `fans`, or `unloaded_replies` (replies a platform counted but the export
    /// left out: Reddit's `more` stubs, a thread cut off).
    pub metric: String,
    pub value: i64,
    /// When the number was true, UTC seconds; `None` means "when the export was made", and
    /// the store then records the import time.
    pub at: Option<i64>,
}
