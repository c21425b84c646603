//! What the XML importers (wxr, rss-comments, disqus) share around quick-xml: errors that
//! point at a line and column, and the text of entity references.

use quick_xml::events::BytesStart;

use crate::{ImportError, Input};

/// The local name of an element (`dc:creator` -> `creator`).
pub(crate) fn local_name(e: &BytesStart<'_>) -> String {
    e.local_name().as_ref().to_string()
}

/// An [`ImportError::Xml`] at byte `offset` of `name`.
pub(crate) fn error(input: &Input, name: &str, offset: u64, message: String) -> ImportError {
    let (line, column) = input.line_col(name, offset);
    ImportError::Xml { file: input.display_path(name), line, column, message }
}

/// The error for a file that ends (at `offset`) while the element `open` is still open.
pub(crate) fn truncated(input: &Input, name: &str, offset: u64, open: &str) -> ImportError {
    error(input, name, offset, format!("the file ends inside <{open}> (truncated?)"))
}

/// Appends the text of the entity reference `&raw;`; one XML does not define (HTML's
/// `&nbsp;` in a feed) is kept as written, for the HTML pass.
pub(crate) fn push_entity(text: &mut String, raw: &str) {
    match quick_xml::escape::unescape(&format!("&{raw};")) {
        Ok(s) => text.push_str(&s),
        Err(_) => {
            text.push('&');
            text.push_str(raw);
            text.push(';');
        }
    }
}
