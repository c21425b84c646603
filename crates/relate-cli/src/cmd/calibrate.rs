//! `relate code sample` and `relate calibrate`: measure relate's measures against a person's
//! hand codes on the user's own data.

use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Subcommand;
use relate_analysis::Analyses;
use relate_analysis::acts::Act;
use relate_analysis::calibrate::{KAPPA_WARNING, cohen_kappa, precision_recall};
use relate_analysis::learning::MomentKind;
use relate_model::corpus::Corpus;
use relate_model::{ItemKind, State};

use super::{print, print_json};

#[derive(Subcommand)]
pub(crate) enum CodeCommand {
    /// Write a random sample of replies to code by hand, stratified by platform and by
    /// whether "we" wrote them: one row per reply, with the text it answers, and empty
    /// columns learning_moment (0/1), uptake (0/1/2), acts (question;answer;acknowledgement;
    /// agreement;disagreement;suggestion;source). relate's own answers are not in the file,
    /// so the coding stays blind. Then run `relate calibrate FILE`.
    Sample {
        /// How many replies.
        #[arg(long, default_value_t = 100)]
        n: usize,
        /// The CSV to write.
        #[arg(short, long)]
        output: PathBuf,
        /// The same seed gives the same sample.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

pub(crate) fn sample(db: &Path, command: CodeCommand) -> anyhow::Result<()> {
    let CodeCommand::Sample { n, output, seed } = command;
    let (corpus, _) = super::show::analyse(db, false)?;
    let chosen = stratified_sample(&corpus, n, seed);
    let mut out = csv::Writer::from_path(&output)
        .with_context(|| format!("cannot write {}", output.display()))?;
    out.write_record([
        "key",
        "platform",
        "author",
        "owner",
        "parent_text",
        "text",
        "learning_moment",
        "uptake",
        "acts",
        "notes",
    ])?;
    for &i in &chosen {
        let item = &corpus.items[i as usize];
        let parent = item.parent.map(|p| corpus.text_of(p)).unwrap_or("");
        let author = corpus.author(item);
        out.write_record([
            key(&corpus, i).as_str(),
            &corpus.conversations[item.conversation as usize].platform,
            &author.display_name,
            if author.is_owner { "1" } else { "0" },
            parent,
            corpus.text(item),
            "",
            "",
            "",
            "",
        ])?;
    }
    out.flush()?;
    eprintln!(
        "Wrote {} replies to {} (of {} eligible). Fill in learning_moment, uptake and acts, then: relate calibrate {}",
        chosen.len(),
        output.display(),
        eligible(&corpus).len(),
        output.display()
    );
    Ok(())
}

/// The id a sample row carries: the conversation key and the item's own id, as in the
/// ConvoKit export.
fn key(corpus: &Corpus, i: u32) -> String {
    let item = &corpus.items[i as usize];
    format!("{}#{}", corpus.conversations[item.conversation as usize].key, corpus.native_id(item))
}

/// Public replies with words.
fn eligible(corpus: &Corpus) -> Vec<u32> {
    (0..corpus.items.len() as u32)
        .filter(|&i| {
            let item = &corpus.items[i as usize];
            item.state == State::Public
                && item.parent.is_some()
                && matches!(item.kind, ItemKind::Comment | ItemKind::Reply | ItemKind::Quote)
                && !corpus.text(item).trim().is_empty()
        })
        .collect()
}

/// `n` replies, each stratum (platform, owner or not) represented in proportion and by at
/// least one where `n` allows; deterministic for a seed.
fn stratified_sample(corpus: &Corpus, n: usize, seed: u64) -> Vec<u32> {
    let mut strata: std::collections::BTreeMap<(String, bool), Vec<u32>> = Default::default();
    for i in eligible(corpus) {
        let item = &corpus.items[i as usize];
        let platform = corpus.conversations[item.conversation as usize].platform.to_string();
        strata.entry((platform, corpus.author(item).is_owner)).or_default().push(i);
    }
    let total: usize = strata.values().map(Vec::len).sum();
    let mut rng = SplitMix(seed);
    let mut chosen = Vec::new();
    for members in strata.values_mut() {
        // Fisher-Yates with a fixed generator: the same seed, the same sample
        for k in (1..members.len()).rev() {
            members.swap(k, (rng.next() % (k as u64 + 1)) as usize);
        }
        let share = (members.len() * n).div_ceil(total.max(1)).max(1).min(members.len());
        chosen.extend_from_slice(&members[..share]);
    }
    // rounding up per stratum may overshoot: drop at random, keep the order readable
    for k in (1..chosen.len()).rev() {
        chosen.swap(k, (rng.next() % (k as u64 + 1)) as usize);
    }
    chosen.truncate(n);
    chosen.sort_unstable();
    chosen
}

struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// One measure's agreement with the hand codes.
#[derive(serde::Serialize)]
struct Agreement {
    measure: String,
    coded: usize,
    kappa: Option<f64>,
    precision: Option<f64>,
    recall: Option<f64>,
    spearman: Option<f64>,
}

pub(crate) fn calibrate(db: &Path, file: &Path, json: bool) -> anyhow::Result<()> {
    let (corpus, analyses) =
        super::show::analyse_with(db, false, relate_analysis::Options::PER_ITEM)?;
    let by_key: std::collections::HashMap<String, u32> =
        (0..corpus.items.len() as u32).map(|i| (key(&corpus, i), i)).collect();
    let mut reader =
        csv::Reader::from_path(file).with_context(|| format!("cannot read {}", file.display()))?;
    let headers = reader.headers()?.clone();
    let column = |name: &str| {
        headers.iter().position(|h| h == name).with_context(|| {
            format!(
                "{}: no column {name:?} (write the file with `relate code sample`)",
                file.display()
            )
        })
    };
    let (key_col, lm_col) = (column("key")?, column("learning_moment")?);
    let (uptake_col, acts_col) = (column("uptake")?, column("acts")?);
    let mut rows: Vec<(u32, Option<bool>)> = Vec::new();
    // (item, uptake 0..2) and (item, acts) for rows where they were coded
    let mut uptakes: Vec<(u32, u8)> = Vec::new();
    let mut acts: Vec<(u32, Vec<String>)> = Vec::new();
    let mut unknown = 0;
    for (line, record) in reader.records().enumerate() {
        let record = record.with_context(|| format!("{}: row {}", file.display(), line + 2))?;
        let Some(&item) = by_key.get(record.get(key_col).unwrap_or("")) else {
            unknown += 1;
            continue;
        };
        let lm = match record.get(lm_col).map(str::trim) {
            Some("1") => Some(true),
            Some("0") => Some(false),
            Some("") | None => None,
            Some(other) => anyhow::bail!(
                "{}: row {}: learning_moment is {other:?}, expected 0, 1 or empty",
                file.display(),
                line + 2
            ),
        };
        let row = line + 2;
        match record.get(uptake_col).map(str::trim) {
            Some("") | None => {}
            Some(u @ ("0" | "1" | "2")) => uptakes.push((item, u.parse()?)),
            Some(other) => anyhow::bail!(
                "{}: row {row}: uptake is {other:?}, expected 0, 1, 2 or empty",
                file.display()
            ),
        }
        // an acts cell is coded when learning_moment or uptake is: empty then means "none"
        let coded = lm.is_some() || record.get(uptake_col).is_some_and(|u| !u.trim().is_empty());
        if coded {
            let names: Vec<String> = record
                .get(acts_col)
                .unwrap_or("")
                .split([';', ','])
                .map(|a| a.trim().to_lowercase())
                .filter(|a| !a.is_empty())
                .collect();
            if let Some(bad) =
                names.iter().find(|n| !Act::ALL.iter().any(|a| a.name() == n.as_str()))
            {
                anyhow::bail!(
                    "{}: row {row}: unknown act {bad:?}; the acts are {}",
                    file.display(),
                    Act::ALL.map(|a| a.name()).join(", ")
                );
            }
            acts.push((item, names));
        }
        rows.push((item, lm));
    }
    let mut results = vec![learning_agreement(&analyses, &corpus, &rows)];
    results.push(uptake_agreement(&analyses, &uptakes));
    for act in Act::ALL {
        results.push(act_agreement(&analyses, &acts, act));
    }
    if json {
        return print_json(&serde_json::json!({ "measures": results, "rows_not_found": unknown }));
    }
    let mut text = String::new();
    let show = |v: Option<f64>| v.map_or_else(|| "–".to_string(), |v| format!("{v:.2}"));
    text.push_str("measure                coded  kappa  precision  recall   rho\n");
    for r in &results {
        text.push_str(&format!(
            "{:<22} {:>5}  {:>5}  {:>9}  {:>6}  {:>4}\n",
            r.measure,
            r.coded,
            show(r.kappa),
            show(r.precision),
            show(r.recall),
            show(r.spearman)
        ));
        if r.kappa.is_some_and(|k| k < KAPPA_WARNING) {
            text.push_str(&format!(
                "  warning: kappa below {KAPPA_WARNING}: on this data, do not trust {} without reading the evidence\n",
                r.measure
            ));
        }
    }
    if unknown > 0 {
        text.push_str(&format!(
            "{unknown} rows name items this database does not have (another database, or re-imported since?)\n"
        ));
    }
    print(&text)
}

/// Uptake: Spearman's rho between relate's score and the codes 0/1/2, and kappa after cutting
/// the score in thirds (below 1/3: 0, below 2/3: 1, else 2).
fn uptake_agreement(analyses: &Analyses, coded: &[(u32, u8)]) -> Agreement {
    let pairs: Vec<(f32, u8)> = coded
        .iter()
        .filter_map(|&(i, c)| {
            analyses.uptake.score.get(i as usize).copied().flatten().map(|s| (s, c))
        })
        .collect();
    let scores: Vec<f64> = pairs.iter().map(|p| f64::from(p.0)).collect();
    let codes: Vec<f64> = pairs.iter().map(|p| f64::from(p.1)).collect();
    let binned: Vec<u8> = pairs.iter().map(|p| ((p.0 * 3.0) as u8).min(2)).collect();
    let truth: Vec<u8> = pairs.iter().map(|p| p.1).collect();
    Agreement {
        measure: "uptake".into(),
        coded: pairs.len(),
        kappa: cohen_kappa(&binned, &truth),
        precision: None,
        recall: None,
        spearman: relate_analysis::calibrate::spearman(&scores, &codes),
    }
}

/// One discourse act, present or not, against the codes.
fn act_agreement(analyses: &Analyses, coded: &[(u32, Vec<String>)], act: Act) -> Agreement {
    let predicted: Vec<bool> =
        coded.iter().map(|(i, _)| analyses.acts.of(*i).contains(act)).collect();
    let truth: Vec<bool> =
        coded.iter().map(|(_, names)| names.iter().any(|n| n == act.name())).collect();
    binary_agreement(format!("act: {}", act.name()), &predicted, &truth)
}

/// Agreement of a yes/no measure with the codes, one pair per coded item.
fn binary_agreement(measure: String, predicted: &[bool], truth: &[bool]) -> Agreement {
    let (precision, recall) = precision_recall(predicted, truth);
    let as_u8 = |v: &[bool]| v.iter().map(|&b| b as u8).collect::<Vec<u8>>();
    Agreement {
        measure,
        coded: predicted.len(),
        kappa: cohen_kappa(&as_u8(predicted), &as_u8(truth)),
        precision,
        recall,
        spearman: None,
    }
}

fn learning_agreement(
    analyses: &Analyses,
    corpus: &Corpus,
    rows: &[(u32, Option<bool>)],
) -> Agreement {
    let mut found = vec![false; corpus.items.len()];
    // the codes mark anyone's learning: ours and what others took from us
    for m in analyses.learning.moments.iter().chain(&analyses.learning.from_us) {
        if m.kind != MomentKind::Source
            && let Some(at) = m.taken_up_in
        {
            found[at as usize] = true;
        }
    }
    let coded: Vec<(bool, bool)> =
        rows.iter().filter_map(|&(i, lm)| lm.map(|t| (found[i as usize], t))).collect();
    let predicted: Vec<bool> = coded.iter().map(|c| c.0).collect();
    let truth: Vec<bool> = coded.iter().map(|c| c.1).collect();
    binary_agreement("learning_moment".into(), &predicted, &truth)
}
