//! Markdown for notes: `relate learned --format markdown`, a list a person can paste into a
//! weekly note. Every entry says what, from whom, where and who took it up, with the evidence
//! as a blockquote. Text people wrote is escaped, so a `*` or `[` in a comment stays a
//! character and cannot become emphasis, a link or a heading.

use std::fmt::Write;

use relate_analysis::Analyses;
use relate_analysis::learning::{Direction, Moment, MomentKind, quote};
use relate_model::corpus::Corpus;
use relate_model::time::date;

use crate::{Directions, Filter, item_platform, item_url, moments_by_day, moments_matching};

/// `relate learned --format markdown`: the moments `filter` selects, as one list, or with
/// `by_day` under a `###` heading per day.
pub fn learned(corpus: &Corpus, analyses: &Analyses, filter: &Filter<'_>, by_day: bool) -> String {
    let mut out = String::from(match filter.direction {
        Directions::ToUs => "## What we learned\n\n",
        Directions::FromUs => "## What others took from us\n\n",
        Directions::Both => "## What we learned, and what others took from us\n\n",
    });
    let moments = moments_matching(corpus, analyses, filter);
    if moments.is_empty() {
        out.push_str("Nothing learned in this selection.\n");
        return out;
    }
    if by_day {
        for (day, moments) in moments_by_day(corpus, &moments) {
            let _ = writeln!(out, "### {}\n", day.as_deref().unwrap_or("No date"));
            for m in moments {
                entry(&mut out, corpus, m);
            }
            out.push('\n');
        }
    } else {
        for m in moments {
            entry(&mut out, corpus, m);
        }
    }
    out
}

fn entry(out: &mut String, corpus: &Corpus, m: &Moment) {
    // moments in which others learned from us are marked "They …"
    let label = match (m.direction, m.kind) {
        (Direction::ToUs, MomentKind::Acknowledged) => "Learned",
        (Direction::ToUs, MomentKind::Quoted) => "Quoted",
        (Direction::ToUs, MomentKind::Uptake) => "Took up",
        (Direction::FromUs, MomentKind::Acknowledged) => "They learned",
        (Direction::FromUs, MomentKind::Quoted) => "They quoted",
        (Direction::FromUs, MomentKind::Uptake) => "They took up",
        (_, MomentKind::Source) => "Source",
    };
    let what = if m.kind == MomentKind::Source {
        autolink(&m.what)
    } else {
        format!("“{}”", escape(&m.what))
    };
    let from = escape(&corpus.participants[m.from as usize].display_name);
    let _ = write!(out, "- **{label}:** {what} from {from} ({})", place(corpus, m.item));
    if let Some(o) = m.taken_up_in {
        let by = escape(&corpus.author(&corpus.items[o as usize]).display_name);
        let _ = write!(out, ", taken up by {by} ({})", place(corpus, o));
    }
    if m.reported_broken {
        out.push_str(", link reported broken");
    }
    out.push('\n');
    let mut evidence = vec![format!("{from}: {}", escape(&quote(corpus, m.item, m.introduced_at)))];
    if let (Some(o), Some(at)) = (m.taken_up_in, m.taken_up_at) {
        let by = escape(&corpus.author(&corpus.items[o as usize]).display_name);
        evidence.push(format!("{by}: {}", escape(&quote(corpus, o, at))));
    }
    if let Some(ack) = &m.acknowledgement {
        evidence.push(format!("Acknowledged: “{}”", escape(ack)));
    }
    let _ = writeln!(out, "  > {}", evidence.join("\n  >\n  > "));
}

/// Where an item is: platform, id (a link when the item has a URL) and day.
fn place(corpus: &Corpus, item: u32) -> String {
    let id = escape(corpus.native_id_of(item));
    let id = match item_url(corpus, item) {
        Some(url) => format!("[#{id}]({})", link_destination(url)),
        None => format!("#{id}"),
    };
    let mut place = format!("{}, {id}", escape(item_platform(corpus, item)));
    if let Some(at) = corpus.items[item as usize].created_at {
        let _ = write!(place, ", {}", date(at));
    }
    place
}

/// `text` as Markdown that shows exactly these characters: whitespace runs become one space
/// (nothing breaks out of a list item), characters that start inline markup (emphasis, code,
/// links, HTML, entities, GFM tables and strikethrough) are backslash-escaped, and so is
/// what would start a block (heading, list, quote) at the beginning.
pub fn escape(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(flat.len() + 8);
    for c in flat.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '|' | '~' | '!') {
            out.push('\\');
        }
        out.push(c);
    }
    let digits = out.bytes().take_while(u8::is_ascii_digit).count();
    if out.starts_with(['#', '-', '+', '=']) {
        out.insert(0, '\\');
    } else if digits > 0 && out[digits..].starts_with(['.', ')']) {
        out.insert(digits, '\\');
    }
    out
}

/// A URL as an autolink (`<https://…>`); characters an autolink cannot hold are
/// percent-encoded. A URL without a scheme is not a link, so it is shown as escaped text.
fn autolink(url: &str) -> String {
    if url.contains("://") { format!("<{}>", link_destination(url)) } else { escape(url) }
}

/// `url` with the characters that would end or break a link destination percent-encoded.
pub(crate) fn link_destination(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.trim().chars() {
        match c {
            ' ' => out.push_str("%20"),
            '(' => out.push_str("%28"),
            ')' => out.push_str("%29"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            c if c.is_control() || c.is_whitespace() => {
                let mut buf = [0u8; 4];
                for b in c.encode_utf8(&mut buf).bytes() {
                    let _ = write!(out, "%{b:02X}");
                }
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use relate_model::corpus::testing::corpus_from_text;

    use super::*;

    #[test]
    fn escape_keeps_user_text_literal() {
        assert_eq!(escape("*wichtig* und _so_"), r"\*wichtig\* und \_so\_");
        assert_eq!(
            escape("[Link](http://x.example) `code`"),
            r"\[Link\](http://x.example) \`code\`"
        );
        assert_eq!(
            escape("<script>&amp; a|b ~~weg~~ ![bild]"),
            r"\<script\>\&amp; a\|b \~\~weg\~\~ \!\[bild\]"
        );
        assert_eq!(escape(r"C:\pfad"), r"C:\\pfad");
        // block starts only matter at the beginning
        assert_eq!(escape("# keine Überschrift"), r"\# keine Überschrift");
        assert_eq!(escape("- kein Punkt"), r"\- kein Punkt");
        assert_eq!(escape("+ 1"), r"\+ 1");
        assert_eq!(escape("2026. Jahr"), r"2026\. Jahr");
        assert_eq!(escape("3) drei"), r"3\) drei");
        assert_eq!(escape("Schulte-Brandt #tag 1. Mai"), "Schulte-Brandt #tag 1. Mai");
        // a line break cannot end the list item or start a block
        assert_eq!(escape("eins\n\n# zwei\n- drei"), r"eins # zwei - drei");
        assert_eq!(escape("„Sprechstunde für Erbstücke“"), "„Sprechstunde für Erbstücke“");
    }

    #[test]
    fn link_destinations_cannot_break_out() {
        assert_eq!(autolink("https://a.example/x_(y) z"), "<https://a.example/x_%28y%29%20z>");
        assert_eq!(autolink("www.a.example"), "www.a.example");
        assert_eq!(link_destination("https://a.example/<b>"), "https://a.example/%3Cb%3E");
    }

    #[test]
    fn an_entry_has_what_who_where_and_the_evidence() {
        let mut corpus = corpus_from_text(
            "owner Christian
== seed Der *ROI*
#1 Christian: Was bringt ein Blog?
#2 Ben -> #1: Denken Sie an den \"herrschaftsfreien Diskurs\" im Netz.
#3 Christian -> #2: Auf den herrschaftsfreien Diskurs bin ich gar nicht gekommen, danke für diese Anregung!",
        );
        let analyses = relate_analysis::stitch_and_run(&mut corpus, relate_analysis::Options::ALL);
        let md = learned(&corpus, &analyses, &Filter::default(), false);
        assert!(
            md.starts_with(
                "## What we learned\n\n- **Learned:** “herrschaftsfreien Diskurs” from Ben ("
            ),
            "{md}"
        );
        assert!(md.contains(", taken up by Christian ("), "{md}");
        assert!(md.contains("\n  > Ben: Denken Sie an den"), "{md}");
        assert!(md.contains("\n  >\n  > Christian: Auf den herrschaftsfreien Diskurs"), "{md}");
        assert!(md.contains("\n  >\n  > Acknowledged: “"), "{md}");
        let none = learned(
            &corpus,
            &analyses,
            &Filter { person: Some("Nobody"), ..Filter::default() },
            true,
        );
        assert_eq!(none, "## What we learned\n\nNothing learned in this selection.\n");
    }
}
