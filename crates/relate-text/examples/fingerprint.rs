//! Output fingerprint and instruction-count workload for relate-text.
//!
//! `cargo run --release --example fingerprint -p relate-text -- fingerprint [N]` prints an FNV
//! hash over the Debug rendering of the outputs of the public functions for the first N
//! (default 100,000) corpus texts plus the texts of the WXR samples and some odd inputs, and a
//! second one for `locate`, `locate_in_words`, `stem` and `sentence_around`; optimisations
//! must leave both unchanged; a third, for `works`, `marked_titles`, `title_key`, `acts`,
//! `self_reference` and `mentions`, likewise. `... -- bench [N]` runs only the calls the analysis makes, the
//! way it makes them (detect_language on every text, phrases on 3/4, words and
//! acknowledgements on 1/4), for measuring under callgrind.

use std::fmt::Write as _;
use std::io::BufRead as _;

use relate_text::{
    Act, Lang, SelfNames, acknowledgements, acts, content_stems, detect_language, locate,
    locate_in_words, marked_titles, mentions, phrases, reports_broken_link, self_reference,
    sentence_around, stem, title_key, words, works,
};

const CORPUS: &str = "bench/out/corpus-1000000/utterances.jsonl";
const XML: &[&str] = &[
    "demo/museum-blog.xml",
    "../shared/corpus/wxr/seed-social-media-roi.xml",
    "../shared/corpus/wxr/isso-wordpress.xml",
    "../shared/corpus/wxr/theme-unit-test-data.xml",
    "../shared/corpus/wxr/valid-wxr-1.0.xml",
];

fn root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn corpus_texts(n: usize) -> Vec<String> {
    let file = std::fs::File::open(root().join(CORPUS)).expect("corpus (run bench first)");
    std::io::BufReader::new(file)
        .lines()
        .take(n)
        .map(|line| {
            let v: serde_json::Value = serde_json::from_str(&line.expect("line")).expect("json");
            v["text"].as_str().unwrap_or_default().to_owned()
        })
        .collect()
}

/// Crude: the contents of every CDATA section.
fn xml_texts() -> Vec<String> {
    let mut out = Vec::new();
    for path in XML {
        let Ok(xml) = std::fs::read_to_string(root().join(path)) else {
            eprintln!("missing {path}");
            continue;
        };
        let mut rest = xml.as_str();
        while let Some(at) = rest.find("<![CDATA[") {
            rest = &rest[at + 9..];
            let end = rest.find("]]>").unwrap_or(rest.len());
            out.push(rest[..end].to_owned());
            rest = &rest[end..];
        }
    }
    out
}

fn odd_texts() -> Vec<String> {
    let mut v: Vec<String> = [
        "",
        " ",
        "„offene Archive“ und «Museum der Dinge», >>Wissen teilen<< #SocialMedia #museum_digital",
        "🙂🙂 👍🏽 danke 🙏 e\u{301}e\u{301} Cafe\u{301}-Kultur „Cafe\u{301}“ Zo\u{308}gern",
        "a.b.c.d 2.0.1 3,5 1.000.000 z.B. bzw. etc. W. Holt 3. Mai",
        "ÄÖÜ ß ẞ İstanbul ǅ ﬁ \u{feff}\u{200b}\u{200d} \t\r\n\r\n\u{2029}x",
        "I hadn\u{2019}t seen it\nThat's new. don't can't it's O'Brien rock'n'roll",
        "Link geht nicht. The link doesn't work. 404 not found http://x.org/a_b www.example.com",
        "foo_bar __init__ a_1 1_a a'b 'a' a''b a.b. .a a:b a::b 1:2 1,2,3 1.a a1.2b",
        "日本語のテキスト 中文 한국어 ไทย עברית العربية Ελληνικά Русский текст",
        "e-mail co-operation Frage-Antwort-Spiel Presse- und Funkarbeit 5\" screen",
        "TIL: today i learned! Vielen Dank für den Hinweis. Guter Punkt? Stimmt!",
        "@Anna: Da hast du völlig recht! @Jo: genau.",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    v.push("x".repeat(2_000));
    v.push("Wissen-".repeat(100));
    v
}

fn fnv(h: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(h, |h, b| (h ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3))
}

fn fingerprint(texts: &[String]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325;
    let mut s = String::new();
    for t in texts {
        s.clear();
        write!(s, "{:?}", detect_language(t)).unwrap();
        for lang in [Lang::De, Lang::En] {
            write!(s, "{:?}", words(t, lang)).unwrap();
            write!(s, "{:?}", phrases(t, lang)).unwrap();
            write!(s, "{:?}", content_stems(t, lang)).unwrap();
        }
        write!(s, "{:?}{:?}", acknowledgements(t), reports_broken_link(t)).unwrap();
        h = fnv(h, s.as_bytes());
    }
    h
}

/// The rarer calls: `locate` (each phrase key of a text in that text and in the next one),
/// `locate_in_words`, `stem` of every word and `sentence_around` at a few offsets.
fn fingerprint_rare(texts: &[String]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325;
    let mut s = String::new();
    for (i, t) in texts.iter().enumerate() {
        let next = &texts[(i + 1) % texts.len()];
        s.clear();
        for lang in [Lang::De, Lang::En] {
            let ws = words(t, lang);
            for w in &ws {
                write!(s, "{}", stem(w.text, lang)).unwrap();
            }
            for p in phrases(t, lang) {
                write!(s, "{:?}{:?}", locate(t, lang, &p.key), locate(next, lang, &p.key)).unwrap();
                write!(s, "{:?}", locate_in_words(t, &ws, &p.key)).unwrap();
            }
        }
        for at in [0, 1, t.len() / 3, t.len() / 2, t.len()] {
            write!(s, "{:?}", sentence_around(t, at)).unwrap();
        }
        h = fnv(h, s.as_bytes());
    }
    h
}

/// The calls of the sources and self-talk analyses: works and marked titles with their keys,
/// discourse acts, self-reference (with names, as an owner's would be) and mentions.
fn fingerprint_works(texts: &[String]) -> u64 {
    let names = SelfNames::new(["Stadtmuseum Lindenau", "Lindenau", "Museum", "Nina Simon"]);
    let mut h = 0xcbf2_9ce4_8422_2325;
    let mut s = String::new();
    for t in texts {
        s.clear();
        for w in works(t) {
            write!(s, "{w:?}{}", title_key(&w.title)).unwrap();
            if let Some(author) = &w.author {
                write!(s, "{:?}", self_reference(author, &names)).unwrap();
            }
        }
        for (start, end) in marked_titles(t) {
            write!(s, "{start}..{end}{}", title_key(&t[start..end])).unwrap();
        }
        let acts = acts(t);
        // the question-only path must agree with the full one (not hashed: it adds nothing)
        assert_eq!(Act::Question.is_performed_by(t), acts.contains(Act::Question), "{t:?}");
        write!(s, "{acts}").unwrap();
        write!(s, "{:?}", self_reference(t, &names)).unwrap();
        write!(s, "{:?}", self_reference(t, &SelfNames::default())).unwrap();
        write!(s, "{:?}", mentions(t)).unwrap();
        h = fnv(h, s.as_bytes());
    }
    h
}

/// The analysis' calls, in its proportions; returns a checksum so nothing is optimised away.
/// Not inlined, so that callgrind reports its inclusive cost apart from reading the corpus.
#[inline(never)]
fn bench(texts: &[String]) -> usize {
    let mut sum = 0;
    for (i, t) in texts.iter().enumerate() {
        let lang = detect_language(t).unwrap_or(Lang::En);
        sum += lang as usize;
        if i % 4 == 3 {
            sum += words(t, lang).len();
            sum += acknowledgements(t).len();
        } else {
            sum += phrases(t, lang).len();
        }
    }
    sum
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mode = args.get(1).map_or("fingerprint", String::as_str);
    let n = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let mut texts = corpus_texts(n);
    match mode {
        "bench" => println!("checksum {}", bench(&texts)),
        _ => {
            let corpus = texts.len();
            texts.extend(xml_texts());
            texts.extend(odd_texts());
            println!("{} texts ({corpus} from the corpus)", texts.len());
            println!("fingerprint {:016x}", fingerprint(&texts));
            println!("rare calls  {:016x}", fingerprint_rare(&texts));
            println!("works, acts {:016x}", fingerprint_works(&texts));
        }
    }
}
