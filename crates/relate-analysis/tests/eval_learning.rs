//! The current learning-moment detector against the hand-coded evaluation set.

mod common;

#[test]
fn the_evaluation_set_loads_whole() {
    let set = common::load();
    // eval/learning/README.md: 42 threads, 295 items, 253 coded replies
    assert_eq!(set.corpus.conversations.len(), 42);
    assert_eq!(set.corpus.items.len(), 295);
    assert_eq!(set.codes.len(), 253);
    assert_eq!(set.codes.iter().filter(|c| c.learning_moment).count(), 55);
}

/// Owner learning moments (acknowledged, quoted, taken up) as relate finds them, against the
/// hand codes of owner replies. The floors are what the detector reaches today (measured
/// 2026-11-27), set a little below so that a change that makes it worse fails here.
#[test]
fn owner_learning_moments_against_hand_codes() {
    use relate_analysis::learning::MomentKind;
    let set = common::load();
    let analyses = relate_analysis::run(&set.corpus);
    let mut found = vec![false; set.corpus.items.len()];
    for m in &analyses.learning.moments {
        if m.kind != MomentKind::Source
            && let Some(at) = m.taken_up_in
        {
            found[at as usize] = true;
        }
    }
    let owner_codes: Vec<&common::Code> = set
        .codes
        .iter()
        .filter(|c| set.corpus.is_owner_item(&set.corpus.items[c.item as usize]))
        .collect();
    let predicted: Vec<bool> = owner_codes.iter().map(|c| found[c.item as usize]).collect();
    let truth: Vec<bool> = owner_codes.iter().map(|c| c.learning_moment).collect();
    let (precision, recall) = common::precision_recall(&predicted, &truth);
    eprintln!(
        "owner learning moments: {} coded replies, {} positive, precision {precision:.2}, recall {recall:.2}",
        owner_codes.len(),
        truth.iter().filter(|t| **t).count()
    );
    // measured with German compounds split: 96 owner replies, 43 positive, precision 0.81,
    // recall 0.70 (before: 0.81 / 0.67)
    assert!(precision >= 0.78, "precision {precision:.2} fell below its floor 0.78");
    assert!(recall >= 0.67, "recall {recall:.2} fell below its floor 0.67");
}

/// Local uptake (`relate_analysis::uptake`) against the hand codes 0/1/2 of every reply:
/// Spearman's ρ with ties given their average rank. The set was used to choose the weights,
/// so this is a floor against regressions, not a validation (docs/measures.md).
#[test]
fn local_uptake_against_hand_codes() {
    let set = common::load();
    let analyses = relate_analysis::run(&set.corpus);
    let mut score = Vec::new();
    let mut code = Vec::new();
    for c in &set.codes {
        let s = analyses.uptake.score[c.item as usize]
            .unwrap_or_else(|| panic!("{} is a reply and has a score", c.id));
        score.push(f64::from(s));
        code.push(f64::from(c.uptake));
    }
    let rho = relate_analysis::calibrate::spearman(&score, &code).expect("defined");
    eprintln!("local uptake: {} coded replies, Spearman's rho {rho:.3}", code.len());
    // measured 2026-11-27: 253 replies, rho 0.645
    assert!(rho >= 0.60, "rho {rho:.3} fell below its floor 0.60");
}

/// Discourse acts (`relate_analysis::acts`) against the hand-coded `acts` of every reply:
/// precision and recall per act. The set was used to tune the word lists and rules, so the
/// floors guard against regressions; they are not a validation (docs/measures.md).
#[test]
fn discourse_acts_against_hand_codes() {
    use relate_text::Act;
    let set = common::load();
    let analyses = relate_analysis::run(&set.corpus);
    let mut failed = Vec::new();
    // measured 2026-11-27 on 253 replies (positives, precision, recall):
    // question 47 0.92 0.96, answer 47 0.88 0.81, acknowledgement 75 0.96 0.89,
    // agreement 46 0.91 0.65, disagreement 40 0.95 0.47, suggestion 50 0.88 0.84,
    // source 19 0.95 0.95
    for (act, min_precision, min_recall) in [
        (Act::Question, 0.85, 0.90),
        (Act::Answer, 0.80, 0.75),
        (Act::Acknowledgement, 0.90, 0.80),
        (Act::Agreement, 0.85, 0.55),
        (Act::Disagreement, 0.85, 0.40),
        (Act::Suggestion, 0.80, 0.75),
        (Act::Source, 0.85, 0.85),
    ] {
        let predicted: Vec<bool> =
            set.codes.iter().map(|c| analyses.acts.of(c.item).contains(act)).collect();
        let truth: Vec<bool> =
            set.codes.iter().map(|c| c.acts.iter().any(|a| a == act.name())).collect();
        let (precision, recall) = common::precision_recall(&predicted, &truth);
        eprintln!(
            "{:16} {:3} positive, precision {precision:.2}, recall {recall:.2}",
            act.name(),
            truth.iter().filter(|t| **t).count()
        );
        if precision < min_precision || recall < min_recall {
            failed.push(format!(
                "{}: precision {precision:.2} (floor {min_precision}), recall {recall:.2} (floor {min_recall})",
                act.name()
            ));
        }
    }
    assert!(failed.is_empty(), "below the floors: {failed:#?}");
}

/// The reverse direction (`Learning::from_us`): others learning from us. Scored on the
/// non-owner replies; a reply is positive when it is coded a learning moment and the coder
/// notes that it was learned from the owner (README: concept from an owner item, or an
/// acknowledgement of what the owner said), and predicted positive when relate has a
/// from-us moment taken up in it.
#[test]
fn reverse_learning_moments_against_hand_codes() {
    let set = common::load();
    let analyses = relate_analysis::run(&set.corpus);
    let mut found = vec![false; set.corpus.items.len()];
    for m in &analyses.learning.from_us {
        if let Some(at) = m.taken_up_in {
            found[at as usize] = true;
        }
    }
    let other_codes: Vec<&common::Code> = set
        .codes
        .iter()
        .filter(|c| !set.corpus.is_owner_item(&set.corpus.items[c.item as usize]))
        .collect();
    let predicted: Vec<bool> = other_codes.iter().map(|c| found[c.item as usize]).collect();
    let truth: Vec<bool> = other_codes
        .iter()
        .map(|c| c.learning_moment && c.notes.contains("from the owner"))
        .collect();
    for (c, (p, t)) in other_codes.iter().zip(predicted.iter().zip(&truth)) {
        if p != t {
            eprintln!("  {} predicted {p}, coded {t}", c.id);
        }
    }
    let (precision, recall) = common::precision_recall(&predicted, &truth);
    eprintln!(
        "reverse learning moments: {} coded non-owner replies, {} positive, precision {precision:.2}, recall {recall:.2}",
        other_codes.len(),
        truth.iter().filter(|t| **t).count()
    );
    // measured: 157 non-owner replies, 6 positive, precision 0.62 (5 of 8), recall 0.83 (5
    // of 6); before, 0.30 (3 of 10) and 0.50. Gained: "didn't know that" and "Hadn't thought
    // about …" without a subject are acknowledgements (t10-04, t14-04); promotional spam
    // (t02-03, t21-05) and irony as relate_text::acts reads it (t15-04) acknowledge nothing;
    // a concept that is only an acknowledgement or agreement ("Good point", "great idea",
    // t15-04, t24-03) is not taken up. Still missed: t38-01 ("Den Satz nehme ich … mit", an
    // echo in our own thread). Still false: a lesson from a visitor credited to our post
    // (t28-05) and reuse in another thread that is not learning (t29-03, t39-01).
    assert!(precision >= 0.55, "precision {precision:.2} fell below its floor 0.55");
    assert!(recall >= 0.75, "recall {recall:.2} fell below its floor 0.75");
}

/// Named works (`relate_text::works`, sources of kind `work`) against the works named in the
/// set, established by hand by reading every text with quotation marks or "by"/"von" (grep
/// for „ “ " and "by "). Every item naming a book, article, play or exhibition by its title:
///
/// - t01-01 Hanna Petersen, „Sammeln mit allen. Partizipation im Stadtmuseum“ (Kustos Verlag, 2021)
/// - t03-01 Frances Oduya's "Listening Back" (Northfield University Press, 2018)
/// - t08-03 Hilda Crane, "Banners of the Trades" (1979)
/// - t10-00 "The Salt Road" by Miriam Ashe
/// - t12-00, t21-00, t23-00 „Die Flut“ (the theatre's play: "Premiere: „Die Flut“")
/// - t13-02, t13-04, t30-02 „Wir von der Schleuse“ (a play of the Kollektiv Hinterhof, 2023)
/// - t19-04 Ilse Dornbach, „Dinge mit Lebenslauf“ (Kassel 2012), also a DOI
/// - t42-00 „Dein Ding für Lindenau“ (the exhibition: "Führungen durch „…“")
///
/// Not works: quoted concepts and speech ("shared authority", „partizipatives Sammeln“ von
/// Selin Arslan, „Objektbiografie“ von Paul Wendt, "third places", „Stammtisch“), names of
/// things and offers („Kolonialwaren Hesse“, the "Chartist rally, 1848" photograph, the family
/// trail "Follow the Fox", the course "Introduction to email").
///
/// An item is predicted to name a work when the detector finds one in it with a cue, or when it
/// names in quotation marks the title of a work that was shared with a cue no later than it (as
/// the sources analysis picks works up).
#[test]
fn named_works_against_hand_reading() {
    use relate_analysis::sources::SourceKind;
    use relate_text::{marked_titles, title_key, works};
    const EXPECTED: &[(&str, &str)] = &[
        ("t01-01", "sammeln mit allen. partizipation im stadtmuseum"),
        ("t03-01", "listening back"),
        ("t08-03", "banners of the trades"),
        ("t10-00", "the salt road"),
        ("t12-00", "die flut"),
        ("t13-02", "wir von der schleuse"),
        ("t13-04", "wir von der schleuse"),
        ("t19-04", "dinge mit lebenslauf"),
        ("t21-00", "die flut"),
        ("t23-00", "die flut"),
        ("t30-02", "wir von der schleuse"),
        ("t42-00", "dein ding für lindenau"),
    ];
    let set = common::load();
    let corpus = &set.corpus;
    let analyses = relate_analysis::run(corpus);
    let at = |i: u32| (corpus.items[i as usize].created_at.unwrap_or(i64::MAX), i);
    // works shared with a cue: key -> first item
    let shared: std::collections::HashMap<String, u32> = analyses
        .sources
        .sources
        .iter()
        .filter(|s| s.kind == SourceKind::Work)
        .map(|s| (s.key.trim_start_matches("work:").to_string(), s.item))
        .collect();
    let mut found: Vec<(String, String)> = Vec::new();
    for (i, item) in corpus.items.iter().enumerate() {
        let i = i as u32;
        let text = corpus.text(item);
        let mut keys: Vec<String> = works(text).iter().map(|w| title_key(&w.title)).collect();
        for (start, end) in marked_titles(text) {
            let key = title_key(&text[start..end]);
            if shared.get(&key).is_some_and(|&first| at(first) <= at(i)) {
                keys.push(key);
            }
        }
        keys.sort();
        keys.dedup();
        for key in keys {
            found.push((corpus.native_id_of(i).to_string(), key));
        }
    }
    found.sort();
    for s in analyses.sources.sources.iter().filter(|s| s.kind == SourceKind::Work) {
        let later: Vec<&str> = s.later.iter().map(|l| corpus.native_id_of(l.item)).collect();
        eprintln!(
            "work {:?} by {:?}: shared in {}, picked up in {later:?}",
            s.url,
            s.author,
            corpus.native_id_of(s.item)
        );
    }
    let expected: Vec<(String, String)> =
        EXPECTED.iter().map(|(i, t)| (i.to_string(), t.to_string())).collect();
    let hits = found.iter().filter(|f| expected.contains(f)).count();
    for f in found.iter().filter(|f| !expected.contains(f)) {
        eprintln!("  not a work by hand: {} {:?}", f.0, f.1);
    }
    for e in expected.iter().filter(|e| !found.contains(e)) {
        eprintln!("  missed: {} {:?}", e.0, e.1);
    }
    let precision = hits as f64 / found.len().max(1) as f64;
    let recall = hits as f64 / expected.len() as f64;
    eprintln!(
        "named works: {} found, {} by hand, precision {precision:.2}, recall {recall:.2}",
        found.len(),
        expected.len()
    );
    // measured: 11 found, 12 by hand, precision 1.00, recall 0.92 (missed: t42-00, whose
    // exhibition title follows "Führungen durch", not a cue)
    assert!(precision >= 0.90, "precision {precision:.2} fell below its floor 0.90");
    assert!(recall >= 0.85, "recall {recall:.2} fell below its floor 0.85");
}
