//! Pingbacks and trackbacks: other sites linking to a conversation, with junk flagged.
//!
//! Definition (docs/measures.md, "Cross-site links"): every public pingback or trackback is
//! a link from the site in its author URL. It is *junk* when its excerpt is mostly style
//! sheet (two or more `property: value;` declarations, or braces) or has fewer than four
//! words of prose: what scraper and aggregator pages send. Never fetched: the source URL is
//! only recorded (pingback sources are a known request-forgery vector).

use relate_model::State;
use relate_model::corpus::Corpus;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct CrossLink {
    #[serde(skip)]
    pub item: u32,
    pub site: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub kind: &'static str,
    pub junk: bool,
    pub reason: Option<&'static str>,
}

#[derive(Debug, Default, Serialize)]
pub struct Pingbacks {
    pub total: u64,
    pub junk: u64,
    pub links: Vec<CrossLink>,
}

pub fn compute(corpus: &Corpus) -> Pingbacks {
    let mut out = Pingbacks::default();
    for (index, item) in corpus.items.iter().enumerate() {
        if item.state != State::Public || !item.kind.is_link_notice() {
            continue;
        }
        let reason = junk_reason(corpus.text(item));
        out.total += 1;
        out.junk += reason.is_some() as u64;
        out.links.push(CrossLink {
            item: index as u32,
            site: corpus.author(item).display_name.clone(),
            title: None,
            url: item.url().map(str::to_string),
            kind: item.kind.as_str(),
            junk: reason.is_some(),
            reason,
        });
    }
    out
}

/// Why an excerpt looks like scraped junk, if it does.
pub fn junk_reason(excerpt: &str) -> Option<&'static str> {
    let declarations = excerpt
        .split(';')
        .filter(|part| {
            let part = part.trim().trim_start_matches(['{', '}']).trim();
            part.split_once(':').is_some_and(|(property, value)| {
                let property = property.trim();
                !property.is_empty()
                    && property.len() <= 32
                    && property.chars().all(|c| c.is_ascii_lowercase() || c == '-')
                    && !value.trim().is_empty()
            })
        })
        .count();
    if declarations >= 2 || excerpt.contains('{') || excerpt.contains('}') {
        return Some("style sheet in the excerpt");
    }
    let prose_words = excerpt
        .split_whitespace()
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .count();
    (prose_words < 4).then_some("no prose in the excerpt")
}

#[cfg(test)]
mod tests {
    use super::junk_reason;

    #[test]
    fn css_and_empty_excerpts_are_junk_prose_is_not() {
        assert!(
            junk_reason(
                "[…] background-position: 50% 0px; color:#222; margin : 0; } example – Today […]"
            )
            .is_some()
        );
        assert!(junk_reason("[…] […]").is_some());
        assert_eq!(
            junk_reason("[…] wurde in der Szene intensiv und kontrovers diskutiert […]"),
            None
        );
    }
}
