//! `disqus/`: isso's hand fixture and remark42's partly anonymised export, which is
//! deliberately malformed.
//!
//! Counts from Python over isso-disqus.xml (ElementTree, namespaces d/dsq):
//!   [(p.get(dsq id), thread, parent, isDeleted, email, username) for p in posts]
//!   -> 4 t2 - false foo@bar.com -; 5 t2 p4 false foo@bar.com user; 6 t1337 - false
//!      foo@bar.com -; 8 t7 - false baz@email.foo EmptyUsername; 9 t2 - true foo@bar.com -;
//!      11 t2 p9 false foo@bar.com user
//!   threads: 2 (disqusdev, http://example.org/), 3 (empty), 7 (redacted, localhost link)
//! remark42-disqus.xml: `head -c 1` is a back-tick before `<?xml`; python3's
//! xml.dom.minidom says "not well-formed (invalid token): line 1, column 0" (0-based).

use crate::{conversations, import, kinds, reply_links};
use relate_import::ImportError;
use relate_model::State;

#[test]
fn isso_fixture() {
    let (result, sink) = import("disqus", "disqus/isso-disqus.xml");
    result.unwrap();
    assert_eq!(sink.items.len(), 6);
    assert_eq!(kinds(&sink).get("comment"), Some(&4));
    assert_eq!(kinds(&sink).get("reply"), Some(&2));
    assert_eq!(reply_links(&sink), 2);
    // threads 2, 7 and the missing 1337 (thread 3 has no posts)
    assert_eq!(conversations(&sink), 3);
    assert_eq!(sink.conversations.len(), 3);
    assert_eq!(sink.item("9").unwrap().state, State::Deleted);
    assert_eq!(sink.item("11").unwrap().parent.as_deref(), Some("disqus:disqusdev:9"));
    // thread 7 names its own forum
    assert_eq!(sink.item("8").unwrap().key, "disqus:redacted:8");
    let thread = sink.conversations.iter().find(|c| c.key == "disqus:disqusdev:thread/2").unwrap();
    assert_eq!(thread.url.as_deref(), Some("http://example.org/"));
    let orphan = sink.conversations.iter().find(|c| c.key == "disqus:disqusdev:thread/1337");
    assert_eq!(orphan.unwrap().url, None);
    // the orphan post is the only warning
    assert_eq!(sink.warnings.len(), 1, "{:?}", sink.warnings);
    // guests peter and "where am I?" share foo@bar.com: one guest; plus user, EmptyUsername
    assert_eq!(sink.participants.len(), 3);
    assert_eq!(sink.item("4").unwrap().author, sink.item("6").unwrap().author);
    let dump = format!("{sink:?}");
    assert!(!dump.contains("foo@bar.com") && !dump.contains("127.0.0.1"));
}

#[test]
fn remark42_export_is_malformed_from_its_first_character() {
    let (result, sink) = import("disqus", "disqus/remark42-disqus.xml");
    let err = result.unwrap_err();
    assert!(matches!(err, ImportError::Xml { line: 1, column: 1, .. }), "{err}");
    assert!(err.to_string().contains("remark42-disqus.xml:1:1"), "{err}");
    assert!(sink.items.is_empty());
}
