//! Comment and post bodies: HTML to plain text, and the links inside.
//!
//! WordPress stores comment bodies as HTML-ish text in which a bare newline is a line break
//! and a blank line a paragraph (its `wpautop` filter adds the `<p>` tags only on display),
//! so text nodes keep their newlines, and block elements add paragraph breaks.

use ego_tree::NodeRef;
use scraper::{Html, Node};

/// Renders `html` as plain text and collects the `href` of every link, in order.
///
/// Returns `(text, hrefs)`. Text without markup comes back unchanged (apart from trimming),
/// without running the HTML parser.
pub fn html_to_text(html: &str) -> (String, Vec<String>) {
    if !html.contains('<') && !html.contains('&') {
        return (html.trim().to_string(), Vec::new());
    }
    let document = Html::parse_fragment(html);
    let mut text = String::with_capacity(html.len());
    let mut hrefs = Vec::new();
    walk(document.tree.root(), &mut text, &mut hrefs);
    (tidy(&text), hrefs)
}

fn walk(node: NodeRef<'_, Node>, out: &mut String, hrefs: &mut Vec<String>) {
    for child in node.children() {
        match child.value() {
            Node::Text(t) => out.push_str(t),
            Node::Element(e) => {
                let name = e.name();
                if matches!(name, "script" | "style" | "template") {
                    continue;
                }
                if name == "a"
                    && let Some(href) = e.attr("href")
                {
                    hrefs.push(href.trim().to_string());
                }
                let block = matches!(
                    name,
                    "p" | "div"
                        | "blockquote"
                        | "li"
                        | "ul"
                        | "ol"
                        | "h1"
                        | "h2"
                        | "h3"
                        | "h4"
                        | "h5"
                        | "h6"
                        | "pre"
                        | "table"
                        | "tr"
                        | "figure"
                        | "section"
                        | "article"
                );
                if block {
                    out.push_str("\n\n");
                }
                if name == "br" {
                    out.push('\n');
                }
                walk(child, out, hrefs);
                if block {
                    out.push_str("\n\n");
                }
            }
            _ => walk(child, out, hrefs),
        }
    }
}

/// Collapses runs of blank lines to one and trims trailing spaces on each line.
fn tidy(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        blank_run = 0;
        out.push_str(line);
    }
    out
}

/// Links in an item: the given `hrefs` first, then bare `http(s)://` and `www.` URLs in the
/// text that are not already among them. Trailing punctuation is not part of a bare URL.
pub fn extract_links(text: &str, hrefs: Vec<String>) -> Vec<String> {
    let mut links: Vec<String> = Vec::new();
    for href in hrefs {
        if (href.starts_with("http://") || href.starts_with("https://")) && !links.contains(&href) {
            links.push(href);
        }
    }
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &text[i..];
        let starts = rest.starts_with("http://")
            || rest.starts_with("https://")
            || (rest.starts_with("www.") && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric()));
        if !starts {
            // advance to the next char boundary
            i += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '“' | '”' | '„'))
            .unwrap_or(rest.len());
        let url = rest[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '\'']);
        let url = if url.starts_with("www.") { format!("http://{url}") } else { url.to_string() };
        if url.len() > "https://".len() && !links.iter().any(|l| l == &url) {
            links.push(url);
        }
        i += end.max(1);
    }
    links
}

/// An e-mail address, not a fediverse handle (`@user@host`, or `user@host` on Mastodon).
pub(crate) fn is_email(s: &str, platform: &str) -> bool {
    let fediverse = matches!(platform, "mastodon" | "fediverse" | "pixelfed" | "misskey");
    match s.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && !fediverse
                && domain.contains('.')
                && !domain.contains('@')
                && !s.contains(char::is_whitespace)
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_wordpress_text_keeps_its_line_breaks() {
        let (text, hrefs) = html_to_text("Erste Zeile\nzweite Zeile\n\nAbsatz");
        assert_eq!(text, "Erste Zeile\nzweite Zeile\n\nAbsatz");
        assert!(hrefs.is_empty());
    }

    #[test]
    fn markup_becomes_paragraphs_and_hrefs_are_collected() {
        let (text, hrefs) = html_to_text(
            "<p>Seht euch <a href=\"https://example.org/a\">das</a> an &amp; sagt was.</p><p>Zweiter<br>Teil</p><script>alert(1)</script>",
        );
        assert_eq!(text, "Seht euch das an & sagt was.\n\nZweiter\nTeil");
        assert_eq!(hrefs, vec!["https://example.org/a".to_string()]);
    }

    #[test]
    fn bare_urls_lose_trailing_punctuation_and_are_not_duplicated() {
        let links = extract_links(
            "PDF: http://bit.ly/abc123 Seiten 11 bis 16. Siehe https://example.org/x).",
            vec!["https://example.org/x".into(), "mailto:a@b".into()],
        );
        assert_eq!(links, vec!["https://example.org/x", "http://bit.ly/abc123"]);
    }

    #[test]
    fn www_links_get_a_scheme() {
        assert_eq!(
            extract_links("auf www.example.org/seite.", vec![]),
            vec!["http://www.example.org/seite"]
        );
    }
}
