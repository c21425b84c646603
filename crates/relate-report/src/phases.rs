//! Where conversations got to (`relate_analysis::phases`, a heuristic), for the terminal and
//! for scripts. Every rendering says "heuristic": the phases are read from phrases and acts,
//! not from understanding (docs/measures.md, "Where a conversation got to").

use std::fmt::Write;

use relate_analysis::Analyses;
use relate_analysis::phases::Phase;
use relate_model::corpus::Corpus;
use serde_json::{Value, json};

/// The model the phases come from, named wherever they are shown.
pub const MODEL: &str = "Gunawardena, Lowe & Anderson 1997";

/// The report's lines: how many conversations got furthest to each phase; empty when the
/// phases were not computed (`relate report --phases` computes them).
pub fn report_lines(analyses: &Analyses) -> String {
    let phases = &analyses.phases;
    if phases.is_empty() {
        return String::new();
    }
    let counts = phases.distribution();
    let parts: Vec<String> = Phase::ALL
        .iter()
        .zip(counts)
        .map(|(p, n)| format!("{} {} {n}", p.roman(), p.name()))
        .collect();
    let mut out = String::new();
    let _ =
        writeln!(out, "  where they got to       (heuristic, after {MODEL}; `relate threads ID`)");
    let _ = writeln!(out, "    {}", parts.join(", "));
    out
}

/// The line under a conversation in `relate threads ID`; empty when it has no phase.
pub fn thread_line(corpus: &Corpus, analyses: &Analyses, conversation: u32) -> String {
    let Some(r) = analyses.phases.of(conversation) else { return String::new() };
    format!(
        "Where it got to (heuristic, after {MODEL}): {} {}, first in #{} ({}: {:?})\n",
        r.phase.roman(),
        r.phase.name(),
        corpus.native_id_of(r.item),
        r.signal.name(),
        r.evidence
    )
}

/// `phases` in `relate report --json`: `null` unless computed; else `heuristic` (true),
/// `model`, `furthest` (conversations per phase, by name) and `with_a_phase`.
pub fn report_json(analyses: &Analyses) -> Value {
    let phases = &analyses.phases;
    if phases.is_empty() {
        return Value::Null;
    }
    let counts = phases.distribution();
    let furthest: serde_json::Map<String, Value> =
        Phase::ALL.iter().zip(counts).map(|(p, n)| (p.name().to_string(), json!(n))).collect();
    json!({
        "heuristic": true,
        "model": MODEL,
        "furthest": furthest,
        "with_a_phase": counts.iter().sum::<u64>(),
    })
}

/// A conversation's `phase` in `relate threads --json`: `null` without one; else `phase` (1 to
/// 5), `name`, `item` (the platform's id of the first reply that reached it), `signal`,
/// `evidence` and `heuristic` (true).
pub fn conversation_json(corpus: &Corpus, analyses: &Analyses, conversation: u32) -> Value {
    let Some(r) = analyses.phases.of(conversation) else { return Value::Null };
    json!({
        "phase": r.phase.number(),
        "name": r.phase.name(),
        "item": corpus.native_id_of(r.item),
        "signal": r.signal.name(),
        "evidence": r.evidence,
        "heuristic": true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use relate_model::corpus::testing::corpus_from_text;

    #[test]
    fn says_heuristic_and_names_the_evidence() {
        let corpus = corpus_from_text(
            "owner Lib
             #1 Lib: Late opening on Thursdays.
             #2 Sam -> #1: In my experience Thursdays are quiet anyway.
             #3 Lib -> #2: Ah, I hadn't thought of that.",
        );
        let analyses = relate_analysis::run(&corpus);
        assert_eq!(
            thread_line(&corpus, &analyses, 0),
            "Where it got to (heuristic, after Gunawardena, Lowe & Anderson 1997): V agreement, \
             first in #3 (cue: \"hadn't thought of\")\n"
        );
        assert_eq!(
            report_lines(&analyses),
            "  where they got to       (heuristic, after Gunawardena, Lowe & Anderson 1997; \
             `relate threads ID`)\n    I sharing 0, II dissonance 0, III negotiation 0, IV \
             testing 0, V agreement 1\n"
        );
        let v = report_json(&analyses);
        assert_eq!(v["heuristic"], true);
        assert_eq!(v["furthest"]["agreement"], 1);
        assert_eq!(v["with_a_phase"], 1);
        let c = conversation_json(&corpus, &analyses, 0);
        assert_eq!((c["phase"].as_u64(), c["item"].as_str()), (Some(5), Some("3")));
    }

    #[test]
    fn nothing_unless_computed() {
        let corpus = corpus_from_text("owner Lib\n#1 Lib: Open.\n#2 Sam -> #1: Thanks!");
        let analyses = relate_analysis::run_with(&corpus, relate_analysis::Options::REPORT);
        assert_eq!(report_lines(&analyses), "");
        assert_eq!(thread_line(&corpus, &analyses, 0), "");
        assert_eq!(report_json(&analyses), Value::Null);
        assert_eq!(conversation_json(&corpus, &analyses, 0), Value::Null);
    }
}
