//! The relationship ledger: for each person, what the relationship with us has been and where
//! it is going; the monthly cohort table; and outcome events (tickets, memberships, donations)
//! set beside it, as an association and never as a cause.
//!
//! Definitions (docs/measures.md, "Relationship ledger"):
//!
//! - *People*: exactly the participants of [`ties`](crate::ties) (non-owner people with a
//!   public item that has words), so every count agrees with `relate report`. Linked accounts
//!   are one person (the corpus already attributes their items to one participant).
//! - *Encounter*: a moment of contact with us, one of
//!   - **to us** (direct, weight [`DIRECT_WEIGHT`]): a public item of theirs that addresses an
//!     owner item (`threads`: a reply, `@Name`, a comment on our post);
//!   - **from us** (direct, [`DIRECT_WEIGHT`]): a public owner item that addresses one or more
//!     of their items (one encounter per owner item and person);
//!   - **indirect** ([`INDIRECT_WEIGHT`]): a public item of theirs with words, in a conversation
//!     where an owner wrote, that addresses no owner item (they talked in our thread, not to
//!     us); or a like or repost of an owner item.
//!
//!   Their items in conversations without an owner item are no encounter. An encounter
//!   happens at its item's time; undated ones are counted but have no place in time.
//! - *Tie strength* at time `t`, after Orbit's model: every dated encounter before `t` adds its
//!   weight, decayed by [`DECAY`] per [`DECAY_DAYS`] days since:
//!   `strength(t) = Σ w · 0.9^((t − t_e) / 30 days)`.
//! - *Period* `[from, to)`: by default the [`DEFAULT_PERIOD_DAYS`] days up to the end of the
//!   UTC day of the reference time (the latest public item; no clock is read).
//! - *State* of a person for a period, the first that applies:
//!   1. none: no encounter before `to` (not met yet, or never in a thread with us);
//!   2. **new**: the first encounter is inside the period;
//!   3. **returning**: an encounter inside the period came [`LAPSE_DAYS`] days or more after
//!      the one before it (they came back after a lapse);
//!   4. **lapsed**: no encounter in the [`LAPSE_DAYS`] days before `to`;
//!   5. **growing**: `strength(to) ≥ GROWING_RATIO · strength(from)`;
//!   6. **cooling**: `strength(to) ≤ COOLING_RATIO · strength(from)` (30 days without contact
//!      leave 0.9 of the strength: cooling);
//!   7. **steady**: otherwise.
//! - *Cohorts*: people by the UTC calendar month `M` of their first encounter (before `to`);
//!   *still in conversation after k months* ([`COHORT_OFFSETS`]): an encounter before `to` in
//!   month `M + k` or later. A column the data cannot show yet (`M + k` after the month of
//!   `to`) is `None`, not zero.
//! - *Outcomes* ([`Outcome`]): events the user imports (a ticket, a membership, a donation),
//!   for a person or a segment. Per person, those dated inside the period, beside the state.
//!   The summary compares people with a strong tie (`strength(to) ≥ STRONG_TIE`) with the
//!   others met before `to`: outcomes per person in each group. It describes who comes; it
//!   cannot say that the conversation made them come.
//!
//! Complexity: one pass over the items, then each person's encounters sorted by time:
//! O(items + encounters · log(encounters per person)).

use relate_model::State;
use relate_model::corpus::Corpus;
use serde::Serialize;

use crate::Analyses;
use crate::learning::MomentKind;
use crate::response::is_others_comment;
use crate::sources::SourceKind;

pub const DAY: i64 = 86_400;
/// Weight of an exchange with us, either way.
pub const DIRECT_WEIGHT: f64 = 1.0;
/// Weight of being in our thread without an exchange, or of a like or repost of our item:
/// attention, less than a word addressed to us.
pub const INDIRECT_WEIGHT: f64 = 0.3;
/// What is left of an encounter's weight after [`DECAY_DAYS`] days (Orbit: about 10 % a month).
pub const DECAY: f64 = 0.9;
pub const DECAY_DAYS: i64 = 30;
/// A gap this long without an encounter is a lapse: after it, a person is `lapsed`, and one
/// who comes back is `returning`.
pub const LAPSE_DAYS: i64 = 90;
/// The default period: a quarter, as long as a lapse, so each state can show in it.
pub const DEFAULT_PERIOD_DAYS: i64 = 90;
/// Strength at the period's end at least this many times its start: `growing`.
pub const GROWING_RATIO: f64 = 1.1;
/// Strength at the period's end at most this many times its start: `cooling`. Above
/// `DECAY` so that a month without contact cools, a week (0.976) does not.
pub const COOLING_RATIO: f64 = 0.95;
/// A strong tie: about a recent exchange both ways (2.0 fresh), or two direct encounters
/// within the last two and a half months.
pub const STRONG_TIE: f64 = 1.5;
/// Months after the first encounter at which the cohort table asks who is still there.
pub const COHORT_OFFSETS: [i32; 3] = [1, 3, 6];

/// How an encounter came about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EncounterKind {
    /// Their item addressed one of ours.
    ToUs,
    /// Our item addressed one of theirs.
    FromUs,
    /// In our thread without an exchange, or a like or repost of our item.
    Indirect,
}

impl EncounterKind {
    pub fn weight(self) -> f64 {
        match self {
            EncounterKind::ToUs | EncounterKind::FromUs => DIRECT_WEIGHT,
            EncounterKind::Indirect => INDIRECT_WEIGHT,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            EncounterKind::ToUs => "to_us",
            EncounterKind::FromUs => "from_us",
            EncounterKind::Indirect => "indirect",
        }
    }
}

/// Stands for "no date" in [`Encounter::at`], so undated encounters sort last.
const UNDATED: i64 = i64::MAX;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Encounter {
    /// UTC seconds; see [`Encounter::time`].
    at: i64,
    /// The item: theirs, or ours for [`EncounterKind::FromUs`].
    pub item: u32,
    pub kind: EncounterKind,
}

impl Encounter {
    pub fn time(&self) -> Option<i64> {
        (self.at != UNDATED).then_some(self.at)
    }
}

/// A relationship's state in a period (see the module doc for the order they are tried in).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum TieState {
    New,
    Returning,
    Growing,
    Steady,
    Cooling,
    Lapsed,
}

impl TieState {
    pub const ALL: [TieState; 6] = [
        TieState::New,
        TieState::Returning,
        TieState::Growing,
        TieState::Steady,
        TieState::Cooling,
        TieState::Lapsed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TieState::New => "new",
            TieState::Returning => "returning",
            TieState::Growing => "growing",
            TieState::Steady => "steady",
            TieState::Cooling => "cooling",
            TieState::Lapsed => "lapsed",
        }
    }
}

/// The half-open period `[from, to)` states and outcome counts refer to, UTC seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Period {
    pub from: i64,
    pub to: i64,
}

impl Period {
    /// The [`DEFAULT_PERIOD_DAYS`] days up to the end of `now`'s UTC day.
    pub fn ending_on_day_of(now: i64) -> Period {
        let to = (now.div_euclid(DAY) + 1) * DAY;
        Period { from: to - DEFAULT_PERIOD_DAYS * DAY, to }
    }

    pub fn contains(&self, t: i64) -> bool {
        self.from <= t && t < self.to
    }
}

/// Something that happened outside the conversations: a ticket bought, a membership, a
/// donation, volunteering. For one person or for a segment the user named.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// UTC seconds.
    pub at: i64,
    /// Index into `Corpus::participants` (a linked account counts for the person it is
    /// linked to); `None` for a segment or someone not in the corpus.
    pub person: Option<u32>,
    /// The segment's name, for an outcome of a group (`segment:Members`).
    pub segment: Option<String>,
    /// `ticket`, `membership`, `donation`, `volunteering`, ...
    pub kind: String,
    pub value: Option<f64>,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct LedgerOptions<'a> {
    /// The reference time; default: the latest public item's.
    pub now: Option<i64>,
    /// Default: [`Period::ending_on_day_of`] the reference time.
    pub period: Option<Period>,
    pub outcomes: &'a [Outcome],
}

/// One person's line in the ledger.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Index into `Corpus::participants`.
    pub participant: u32,
    /// The platforms of their accounts (more than one when accounts were linked), sorted.
    pub platforms: Vec<String>,
    /// Their public items with words (as `ties`).
    pub items: u64,
    pub first_encounter: Option<i64>,
    pub last_encounter: Option<i64>,
    /// Encounters, dated or not.
    pub encounters: u64,
    /// Conversations holding one of their encounters' items.
    pub conversations: u64,
    /// Their items addressing an owner item (`ties.to_owner`).
    pub exchanges_to_us: u64,
    /// Owner items addressing one of theirs (`ties.from_owner`).
    pub exchanges_from_us: u64,
    /// Exchanges both ways (`ties.reciprocal`).
    pub reciprocal: bool,
    /// The smaller direction over the larger: 1 balanced, 0 one-sided or none.
    pub reciprocity: f64,
    /// Their comments and replies (`response`'s others' comments).
    pub their_comments: u64,
    /// ... of which an owner answered.
    pub we_answered: u64,
    /// Median seconds to our first answer, over answered comments with dates.
    pub median_seconds_we_took: Option<i64>,
    /// Owner items to them ([`Entry::exchanges_from_us`]) that they answered: a later item of
    /// theirs addresses it.
    pub they_answered: u64,
    /// Median seconds to their first answer.
    pub median_seconds_they_took: Option<i64>,
    /// Concepts and passages of theirs we took up (learning moments to us, not sources).
    pub brought_concepts: u64,
    /// Sources they were the first to share (not links to our own pages).
    pub brought_sources: u64,
    /// Concepts of ours they took up (learning moments from us).
    pub took_up_concepts: u64,
    /// Sources we shared first that they shared again or mentioned.
    pub took_up_sources: u64,
    /// Strength at the period's start and end.
    pub strength_at_start: f64,
    pub strength: f64,
    /// `None` when they had no encounter before the period's end.
    pub state: Option<TieState>,
    /// Their outcomes dated inside the period, per kind (sorted by kind).
    pub outcomes: Vec<(String, u64)>,
    /// Sum of those outcomes' values.
    pub outcome_value: f64,
    /// Their outcomes at any date.
    pub outcomes_all: u64,
    /// `Ledger::encounters[range]` are theirs, oldest first (undated last).
    range: (u32, u32),
}

impl Entry {
    /// Outcomes inside the period, all kinds.
    pub fn outcomes_in_period(&self) -> u64 {
        self.outcomes.iter().map(|(_, n)| n).sum()
    }

    pub fn strong(&self) -> bool {
        self.strength >= STRONG_TIE
    }
}

/// People first met in one month, and how many were still in conversation later.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cohort {
    /// Months since year 0: `year * 12 + month - 1` ([`month_label`]).
    pub month: i32,
    pub people: u64,
    /// Per [`COHORT_OFFSETS`] entry: people with an encounter in month `M + k` or later;
    /// `None` while month `M + k` lies after the period's end.
    pub still: [Option<u64>; 3],
}

/// Outcomes per person in one group of people.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct OutcomeGroup {
    pub people: u64,
    /// People with at least one outcome in the period.
    pub with_outcome: u64,
    /// Outcomes in the period.
    pub outcomes: u64,
}

impl OutcomeGroup {
    pub fn per_person(&self) -> Option<f64> {
        (self.people > 0).then(|| self.outcomes as f64 / self.people as f64)
    }
}

/// Outcomes of the period, beside the ties.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OutcomeSummary {
    /// All outcomes dated inside the period.
    pub in_period: u64,
    /// People met before the period's end with `strength ≥ STRONG_TIE` ...
    pub strong: OutcomeGroup,
    /// ... and the other people met before the period's end.
    pub others: OutcomeGroup,
    /// Outcomes of segments, per segment (sorted).
    pub segments: Vec<(String, u64)>,
    /// Outcomes of nobody in the ledger: a name that matched no one, an owner, someone
    /// never met.
    pub outside_ledger: u64,
}

#[derive(Debug, Clone)]
pub struct Ledger {
    pub now: i64,
    pub period: Period,
    /// Strongest tie first (then by name).
    pub people: Vec<Entry>,
    pub cohorts: Vec<Cohort>,
    pub outcomes: OutcomeSummary,
    encounters: Vec<Encounter>,
    /// Per participant index, its position in `people` plus one (0: not in the ledger): a
    /// report looks people up by participant for every row it writes.
    positions: Vec<u32>,
}

impl Ledger {
    /// `entry`'s encounters, oldest first (undated last).
    pub fn encounters_of(&self, entry: &Entry) -> &[Encounter] {
        &self.encounters[entry.range.0 as usize..entry.range.1 as usize]
    }

    /// The entry of participant `participant` (after identity merging), if they are in it.
    pub fn entry_of(&self, participant: u32) -> Option<&Entry> {
        let position = *self.positions.get(participant as usize)?;
        let entry = self.people.get(position.checked_sub(1)? as usize)?;
        // `people` is public: if a caller reordered it, look the slow way
        if entry.participant == participant {
            Some(entry)
        } else {
            self.people.iter().find(|e| e.participant == participant)
        }
    }

    /// People per state, in [`TieState::ALL`] order.
    pub fn state_counts(&self) -> [(TieState, u64); 6] {
        TieState::ALL.map(|s| (s, self.people.iter().filter(|e| e.state == Some(s)).count() as u64))
    }
}

/// The latest date of a public item.
pub fn latest_public(corpus: &Corpus) -> Option<i64> {
    corpus.items.iter().filter(|i| i.state == State::Public).filter_map(|i| i.created_at).max()
}

/// Tie strength at `t` from encounters sorted by time (see the module doc).
pub fn strength_at(encounters: &[Encounter], t: i64) -> f64 {
    let period = (DECAY_DAYS * DAY) as f64;
    encounters
        .iter()
        .take_while(|e| e.at < t)
        .map(|e| e.kind.weight() * DECAY.powf((t - e.at) as f64 / period))
        // `sum` of nothing is -0.0, which would print as a negative strength
        .fold(0.0, |total, w| total + w)
}

/// A person's state in `period` from their dated encounters, oldest first.
pub fn state_of(dated: &[Encounter], period: Period) -> Option<TieState> {
    let before_end = &dated[..dated.partition_point(|e| e.at < period.to)];
    let first = before_end.first()?;
    if first.at >= period.from {
        return Some(TieState::New);
    }
    let came_back = before_end
        .windows(2)
        .any(|w| period.contains(w[1].at) && w[1].at - w[0].at >= LAPSE_DAYS * DAY);
    if came_back {
        return Some(TieState::Returning);
    }
    let last = before_end.last()?;
    // the same lapse as `returning`'s: 90 days or more without an encounter
    if last.at <= period.to - LAPSE_DAYS * DAY {
        return Some(TieState::Lapsed);
    }
    let (start, end) = (strength_at(dated, period.from), strength_at(dated, period.to));
    Some(if end >= GROWING_RATIO * start {
        TieState::Growing
    } else if end <= COOLING_RATIO * start {
        TieState::Cooling
    } else {
        TieState::Steady
    })
}

/// The UTC calendar month of `t` as `year * 12 + month - 1`.
pub fn month_of(t: i64) -> i32 {
    let (year, month) = year_month(t.div_euclid(DAY));
    (year * 12 + month - 1) as i32
}

/// `YYYY-MM` for a [`month_of`] value.
pub fn month_label(month: i32) -> String {
    format!("{:04}-{:02}", month.div_euclid(12), month.rem_euclid(12) + 1)
}

/// Year and month of a day number (days since 1970-01-01), by Howard Hinnant's
/// `civil_from_days`: exact for the proleptic Gregorian calendar, no table, no clock.
fn year_month(days: i64) -> (i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month)
}

fn median(values: &mut [i64]) -> Option<i64> {
    values.sort_unstable();
    match values.len() {
        0 => None,
        n if n % 2 == 1 => Some(values[n / 2]),
        n => Some((values[n / 2 - 1] + values[n / 2]) / 2),
    }
}

const NOBODY: u32 = u32::MAX;

pub fn compute(corpus: &Corpus, analyses: &Analyses, options: LedgerOptions<'_>) -> Ledger {
    let now = options.now.or_else(|| latest_public(corpus)).unwrap_or(0);
    let period = options.period.unwrap_or_else(|| Period::ending_on_day_of(now));
    let threads = &analyses.threads;
    let people = &analyses.ties.people;
    let n = people.len();
    // participant -> ledger slot; linked accounts resolve to the one that stands for both
    let mut slot = vec![NOBODY; corpus.participants.len()];
    for (s, p) in people.iter().enumerate() {
        slot[p.participant as usize] = s as u32;
    }
    let slot_of = |participant: u32| -> u32 {
        let root = corpus.participants[participant as usize].merged_into.unwrap_or(participant);
        slot[root as usize]
    };
    let is_owner_item = |i: u32| {
        let item = &corpus.items[i as usize];
        item.state == State::Public && corpus.is_owner_item(item)
    };
    let mut owner_wrote = vec![false; corpus.conversations.len()];
    for item in &corpus.items {
        if item.state == State::Public && !item.kind.is_attention() && corpus.is_owner_item(item) {
            owner_wrote[item.conversation as usize] = true;
        }
    }

    let mut found: Vec<(u32, Encounter)> = Vec::new();
    let mut their_comments = vec![0u64; n];
    let mut to_us = vec![0u64; n];
    let mut from_us = vec![0u64; n];
    let mut addressed: Vec<u32> = Vec::new();
    for (index, item) in corpus.items.iter().enumerate() {
        if item.state != State::Public {
            continue;
        }
        let index = index as u32;
        let at = item.created_at.unwrap_or(UNDATED);
        let author = slot[item.author as usize];
        if author != NOBODY {
            let s = author as usize;
            let kind = if item.kind.is_attention() {
                item.parent.filter(|&p| is_owner_item(p)).map(|_| EncounterKind::Indirect)
            } else {
                if is_others_comment(corpus, index) {
                    their_comments[s] += 1;
                }
                if threads.addresses[index as usize].iter().any(|a| is_owner_item(a.target)) {
                    to_us[s] += 1;
                    Some(EncounterKind::ToUs)
                } else if owner_wrote[item.conversation as usize] {
                    Some(EncounterKind::Indirect)
                } else {
                    None
                }
            };
            if let Some(kind) = kind {
                found.push((author, Encounter { at, item: index, kind }));
            }
        } else if corpus.is_owner_item(item) {
            // one encounter per person, however many of their items this one answers
            addressed.clear();
            for a in &threads.addresses[index as usize] {
                let s = slot[corpus.items[a.target as usize].author as usize];
                if s != NOBODY && !addressed.contains(&s) {
                    addressed.push(s);
                }
            }
            for &s in &addressed {
                from_us[s as usize] += 1;
                found.push((s, Encounter { at, item: index, kind: EncounterKind::FromUs }));
            }
        }
    }

    // each person's encounters back to back (a counting sort by person), then by time
    let mut offsets = vec![0u32; n + 1];
    for (s, _) in &found {
        offsets[*s as usize + 1] += 1;
    }
    for s in 0..n {
        offsets[s + 1] += offsets[s];
    }
    let mut cursor = offsets.clone();
    let placeholder = Encounter { at: UNDATED, item: 0, kind: EncounterKind::Indirect };
    let mut encounters = vec![placeholder; found.len()];
    for (s, e) in found {
        encounters[cursor[s as usize] as usize] = e;
        cursor[s as usize] += 1;
    }
    drop(cursor);
    for s in 0..n {
        encounters[offsets[s] as usize..offsets[s + 1] as usize]
            .sort_unstable_by_key(|e| (e.at, e.item));
    }

    let mut brought_concepts = vec![0u64; n];
    for m in &analyses.learning.moments {
        let s = slot_of(m.from);
        if m.kind != MomentKind::Source && s != NOBODY {
            brought_concepts[s as usize] += 1;
        }
    }
    let mut took_up_concepts = vec![0u64; n];
    for m in &analyses.learning.from_us {
        if let Some(taker) = m.taken_up_in {
            let s = slot_of(corpus.items[taker as usize].author);
            if s != NOBODY {
                took_up_concepts[s as usize] += 1;
            }
        }
    }
    let mut brought_sources = vec![0u64; n];
    let mut took_up_sources = vec![0u64; n];
    for source in &analyses.sources.sources {
        let s = slot_of(source.from);
        if s != NOBODY && source.kind != SourceKind::SelfLink {
            brought_sources[s as usize] += 1;
        }
        if corpus.participants[source.from as usize].is_owner {
            for share in &source.later {
                let s = slot_of(share.participant);
                if s != NOBODY {
                    took_up_sources[s as usize] += 1;
                }
            }
        }
    }
    let mut platforms: Vec<Vec<String>> = people
        .iter()
        .map(|p| vec![corpus.participants[p.participant as usize].platform.clone()])
        .collect();
    for (index, p) in corpus.participants.iter().enumerate() {
        if p.merged_into.is_some_and(|root| root as usize != index) {
            let s = slot_of(index as u32);
            if s != NOBODY {
                platforms[s as usize].push(p.platform.clone());
            }
        }
    }

    let mut outcome_lists: Vec<Vec<&Outcome>> = vec![Vec::new(); n];
    let mut summary = OutcomeSummary::default();
    let mut segments: Vec<(String, u64)> = Vec::new();
    for outcome in options.outcomes {
        let s = outcome.person.map_or(NOBODY, slot_of);
        let inside = period.contains(outcome.at);
        summary.in_period += u64::from(inside);
        if s != NOBODY {
            outcome_lists[s as usize].push(outcome);
        } else if inside {
            match &outcome.segment {
                Some(name) => segments.push((name.clone(), 1)),
                None => summary.outside_ledger += 1,
            }
        }
    }
    segments.sort();
    for (name, count) in segments {
        match summary.segments.last_mut() {
            Some((last, n)) if *last == name => *n += count,
            _ => summary.segments.push((name, count)),
        }
    }

    let first_answer = &analyses.response.first_answer;
    let mut conversations: Vec<u32> = Vec::new();
    let mut waits: Vec<i64> = Vec::new();
    let mut answers: Vec<(u32, u32)> = Vec::new();
    let mut entries: Vec<Entry> = Vec::with_capacity(n);
    for (s, person) in people.iter().enumerate() {
        let range = (offsets[s], offsets[s + 1]);
        let all = &encounters[range.0 as usize..range.1 as usize];
        let dated = &all[..all.partition_point(|e| e.at != UNDATED)];

        conversations.clear();
        conversations.extend(all.iter().map(|e| corpus.items[e.item as usize].conversation));
        conversations.sort_unstable();
        conversations.dedup();

        // how often and how fast we answered them
        waits.clear();
        let mut we_answered = 0;
        for e in all.iter().filter(|e| e.kind != EncounterKind::FromUs) {
            if !is_others_comment(corpus, e.item) {
                continue;
            }
            if let Some(answer) = first_answer[e.item as usize] {
                we_answered += 1;
                if let (Some(asked), Some(said)) =
                    (e.time(), corpus.items[answer as usize].created_at)
                {
                    waits.push(said - asked);
                }
            }
        }
        let median_seconds_we_took = median(&mut waits);

        // how often and how fast they answered us: their items addressing our items
        replies_to_us(corpus, analyses, all, &mut answers);
        waits.clear();
        let mut they_answered = 0;
        for e in all.iter().filter(|e| e.kind == EncounterKind::FromUs) {
            let reply = first_reply(corpus, analyses, &answers, e.item);
            if let Some(reply) = reply {
                they_answered += 1;
                if let (Some(asked), Some(said)) =
                    (e.time(), corpus.items[reply as usize].created_at)
                {
                    waits.push(said - asked);
                }
            }
        }
        let median_seconds_they_took = median(&mut waits);

        let mut kinds: Vec<(String, u64)> = Vec::new();
        let mut outcome_value = 0.0;
        let mut list = std::mem::take(&mut outcome_lists[s]);
        list.sort_by(|a, b| a.kind.cmp(&b.kind));
        for o in list.iter().filter(|o| period.contains(o.at)) {
            outcome_value += o.value.unwrap_or(0.0);
            match kinds.last_mut() {
                Some((kind, count)) if *kind == o.kind => *count += 1,
                _ => kinds.push((o.kind.clone(), 1)),
            }
        }

        let (a, b) = (to_us[s], from_us[s]);
        let mut person_platforms = std::mem::take(&mut platforms[s]);
        person_platforms.sort_unstable();
        person_platforms.dedup();
        entries.push(Entry {
            participant: person.participant,
            platforms: person_platforms,
            items: person.items,
            first_encounter: dated.first().map(|e| e.at),
            last_encounter: dated.last().map(|e| e.at),
            encounters: all.len() as u64,
            conversations: conversations.len() as u64,
            exchanges_to_us: a,
            exchanges_from_us: b,
            reciprocal: a > 0 && b > 0,
            reciprocity: if a.max(b) == 0 { 0.0 } else { a.min(b) as f64 / a.max(b) as f64 },
            their_comments: their_comments[s],
            we_answered,
            median_seconds_we_took,
            they_answered,
            median_seconds_they_took,
            brought_concepts: brought_concepts[s],
            brought_sources: brought_sources[s],
            took_up_concepts: took_up_concepts[s],
            took_up_sources: took_up_sources[s],
            strength_at_start: strength_at(dated, period.from),
            strength: strength_at(dated, period.to),
            state: state_of(dated, period),
            outcomes: kinds,
            outcome_value,
            outcomes_all: list.len() as u64,
            range,
        });
    }

    for e in &entries {
        // in the ledger, but never met with us by the period's end: no tie to compare
        if e.state.is_none() {
            summary.outside_ledger += e.outcomes_in_period();
            continue;
        }
        let group = if e.strong() { &mut summary.strong } else { &mut summary.others };
        let count = e.outcomes_in_period();
        group.people += 1;
        group.outcomes += count;
        group.with_outcome += u64::from(count > 0);
    }
    let cohorts = cohorts(&entries, &encounters, period);
    let name = |e: &Entry| &corpus.participants[e.participant as usize].display_name;
    entries.sort_by(|a, b| {
        b.strength
            .total_cmp(&a.strength)
            .then_with(|| name(a).cmp(name(b)))
            .then(a.participant.cmp(&b.participant))
    });
    let mut positions = vec![0u32; corpus.participants.len()];
    for (position, e) in entries.iter().enumerate() {
        positions[e.participant as usize] = position as u32 + 1;
    }
    Ledger { now, period, people: entries, cohorts, outcomes: summary, encounters, positions }
}

/// `(our item, their item addressing it)` for a person's `to_us` encounters, by our item and
/// then in reading order.
fn replies_to_us(
    corpus: &Corpus,
    analyses: &Analyses,
    encounters: &[Encounter],
    out: &mut Vec<(u32, u32)>,
) {
    out.clear();
    for e in encounters.iter().filter(|e| e.kind == EncounterKind::ToUs) {
        for a in &analyses.threads.addresses[e.item as usize] {
            let target = &corpus.items[a.target as usize];
            if target.state == State::Public && corpus.is_owner_item(target) {
                out.push((a.target, e.item));
            }
        }
    }
    out.sort_unstable_by_key(|&(ours, theirs)| (ours, order_key(corpus, theirs)));
}

/// Their first item after `ours` that addresses it, from [`replies_to_us`].
fn first_reply(
    corpus: &Corpus,
    analyses: &Analyses,
    replies: &[(u32, u32)],
    ours: u32,
) -> Option<u32> {
    let start = replies.partition_point(|&(o, _)| o < ours);
    replies[start..]
        .iter()
        .take_while(|&&(o, _)| o == ours)
        .map(|&(_, theirs)| theirs)
        .find(|&theirs| later(corpus, analyses, ours, theirs))
}

/// Reading order across conversations: time, then store order.
fn order_key(corpus: &Corpus, item: u32) -> (i64, u32) {
    (corpus.items[item as usize].created_at.unwrap_or(UNDATED), item)
}

/// True if `b` comes after `a`: in reading order within a conversation, else by time.
fn later(corpus: &Corpus, analyses: &Analyses, a: u32, b: u32) -> bool {
    let (x, y) = (&corpus.items[a as usize], &corpus.items[b as usize]);
    if x.conversation == y.conversation {
        analyses.threads.before(a, b)
    } else {
        order_key(corpus, a) < order_key(corpus, b)
    }
}

fn cohorts(entries: &[Entry], encounters: &[Encounter], period: Period) -> Vec<Cohort> {
    let last_month = month_of(period.to - 1);
    // (cohort month, month of the last encounter before the period's end), per person met
    let mut spans: Vec<(i32, i32)> = entries
        .iter()
        .filter_map(|e| {
            let all = &encounters[e.range.0 as usize..e.range.1 as usize];
            let before_end = &all[..all.partition_point(|x| x.at < period.to)];
            Some((month_of(before_end.first()?.at), month_of(before_end.last()?.at)))
        })
        .collect();
    spans.sort_unstable();
    let mut out: Vec<Cohort> = Vec::new();
    for (first, last) in spans {
        if out.last().is_none_or(|c| c.month != first) {
            let still = COHORT_OFFSETS.map(|k| (first + k <= last_month).then_some(0));
            out.push(Cohort { month: first, people: 0, still });
        }
        let cohort = out.last_mut().expect("pushed above");
        cohort.people += 1;
        for (k, still) in COHORT_OFFSETS.iter().zip(cohort.still.iter_mut()) {
            if let Some(count) = still
                && last >= first + k
            {
                *count += 1;
            }
        }
    }
    out
}

/// What one person and we learned from each other, attached to an encounter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Learned {
    /// Index into `Learning::moments`: something of theirs we took up.
    WeLearned(u32),
    /// Index into `Learning::from_us`: something of ours they took up.
    TheyLearned(u32),
    /// Index into `Sources::sources`: a source they shared first.
    Source(u32),
}

/// One encounter on a person's timeline.
#[derive(Debug, Clone)]
pub struct Moment {
    pub encounter: Encounter,
    /// Their comment or reply: the owner item that first answered it, `Some(None)` when
    /// nobody did (left waiting); `None` for other items.
    pub our_answer: Option<Option<u32>>,
    /// An owner item to them: their first later item answering it, `Some(None)` when they did
    /// not answer; `None` for other items.
    pub their_answer: Option<Option<u32>>,
    /// Learning attached here: to the item that took it up when that is on the timeline, else
    /// to the one that brought it in.
    pub learned: Vec<Learned>,
}

/// A person's relationship with us as a timeline, oldest first (undated last), with the
/// learning of either side that happened outside it (an uptake in a new post of ours).
#[derive(Debug, Clone, Default)]
pub struct Timeline {
    pub moments: Vec<Moment>,
    /// Learning of this person's that no timeline item carries.
    pub elsewhere: Vec<Learned>,
}

/// `entry`'s timeline (see [`Timeline`]); reads only what concerns them, plus one pass over
/// the learning moments and sources.
pub fn timeline(corpus: &Corpus, analyses: &Analyses, ledger: &Ledger, entry: &Entry) -> Timeline {
    let encounters = ledger.encounters_of(entry);
    let mut moments: Vec<Moment> = encounters
        .iter()
        .map(|&encounter| Moment {
            encounter,
            our_answer: None,
            their_answer: None,
            learned: Vec::new(),
        })
        .collect();
    let mut position: Vec<(u32, usize)> =
        encounters.iter().enumerate().map(|(i, e)| (e.item, i)).collect();
    position.sort_unstable();
    let at = |item: u32| -> Option<usize> {
        let i = position.partition_point(|&(x, _)| x < item);
        position.get(i).filter(|&&(x, _)| x == item).map(|&(_, p)| p)
    };
    let mut replies = Vec::new();
    replies_to_us(corpus, analyses, encounters, &mut replies);
    for m in &mut moments {
        let item = m.encounter.item;
        match m.encounter.kind {
            EncounterKind::FromUs => {
                m.their_answer = Some(first_reply(corpus, analyses, &replies, item));
            }
            _ if is_others_comment(corpus, item) => {
                m.our_answer = Some(analyses.response.first_answer[item as usize]);
            }
            _ => {}
        }
    }
    let mut elsewhere = Vec::new();
    let mut attach = |learned: Learned, first: Option<u32>, second: u32| match first
        .and_then(&at)
        .or_else(|| at(second))
    {
        Some(p) => moments[p].learned.push(learned),
        None => elsewhere.push(learned),
    };
    let participant = entry.participant;
    let is_them = |p: u32| corpus.participants[p as usize].merged_into.unwrap_or(p) == participant;
    for (index, m) in analyses.learning.moments.iter().enumerate() {
        if m.kind != MomentKind::Source && is_them(m.from) {
            attach(Learned::WeLearned(index as u32), m.taken_up_in, m.item);
        }
    }
    for (index, m) in analyses.learning.from_us.iter().enumerate() {
        if let Some(taker) = m.taken_up_in
            && is_them(corpus.items[taker as usize].author)
        {
            attach(Learned::TheyLearned(index as u32), Some(taker), m.item);
        }
    }
    for (index, source) in analyses.sources.sources.iter().enumerate() {
        if source.kind != SourceKind::SelfLink && is_them(source.from) {
            attach(Learned::Source(index as u32), None, source.item);
        }
    }
    Timeline { moments, elsewhere }
}

#[cfg(test)]
mod tests {
    use super::*;
    use relate_model::corpus::testing::corpus_from_text;

    const HOUR: i64 = 3600;

    fn ledger_with(text: &str, options: LedgerOptions<'_>) -> (Corpus, Analyses, Ledger) {
        let corpus = corpus_from_text(text);
        let analyses = crate::run_with(&corpus, crate::Options::REPORT);
        let ledger = compute(&corpus, &analyses, options);
        (corpus, analyses, ledger)
    }

    fn entry<'a>(corpus: &Corpus, ledger: &'a Ledger, name: &str) -> &'a Entry {
        ledger
            .people
            .iter()
            .find(|e| corpus.participants[e.participant as usize].display_name == name)
            .unwrap_or_else(|| panic!("{name} is not in the ledger"))
    }

    /// `#id kind` per encounter.
    fn encounters(corpus: &Corpus, ledger: &Ledger, name: &str) -> Vec<String> {
        ledger
            .encounters_of(entry(corpus, ledger, name))
            .iter()
            .map(|e| format!("#{} {}", corpus.native_id_of(e.item), e.kind.as_str()))
            .collect()
    }

    fn period_hours(from: i64, to: i64) -> Option<Period> {
        Some(Period { from: from * HOUR, to: to * HOUR })
    }

    #[test]
    fn encounters_are_direct_each_way_or_indirect_in_our_threads() {
        let (corpus, _, ledger) = ledger_with(
            "owner Anna
             == ours
             #1 Anna: Wir öffnen das Depot.
             #2 Ben -> #1: Wann genau?
             #3 Anna -> #2: Am Samstag.
             #4 Carl -> #2: Ich komme auch.
             #5 Carl -> #1 (like): ♥
             #6 Anna -> #1: @Ben @Carl bis Samstag!
             == theirs
             #7 Dora: A thread without us.
             #8 Carl -> #7: Nice.",
            LedgerOptions::default(),
        );
        // the ledger holds exactly the participants of `ties`
        assert_eq!(ledger.people.len(), 3);
        assert_eq!(encounters(&corpus, &ledger, "Ben"), ["#2 to_us", "#3 from_us", "#6 from_us"]);
        // Carl answered Ben, not us: indirect; the like of our post too; #8 is not ours
        assert_eq!(
            encounters(&corpus, &ledger, "Carl"),
            ["#4 indirect", "#5 indirect", "#6 from_us"]
        );
        assert_eq!(encounters(&corpus, &ledger, "Dora"), Vec::<String>::new());
        let dora = entry(&corpus, &ledger, "Dora");
        assert_eq!((dora.first_encounter, dora.state), (None, None));
        let carl = entry(&corpus, &ledger, "Carl");
        assert_eq!((carl.items, carl.encounters, carl.conversations), (2, 3, 1));
    }

    #[test]
    fn counts_agree_with_ties() {
        let text = "owner Anna
             == a
             #1 Anna: post
             #2 Ben -> #1: one
             #3 Anna -> #2: @Ben two
             #4 Ben -> #3: three
             #5 Cem -> #4: four @Anna
             == b
             #6 Ben: elsewhere
             #7 Anna -> #6: five";
        let (corpus, analyses, ledger) = ledger_with(text, LedgerOptions::default());
        assert_eq!(ledger.people.len(), analyses.ties.people.len());
        for p in &analyses.ties.people {
            let e = ledger.entry_of(p.participant).unwrap();
            let name = &corpus.participants[p.participant as usize].display_name;
            assert_eq!(
                (e.items, e.exchanges_to_us, e.exchanges_from_us, e.reciprocal),
                (p.items, p.to_owner, p.from_owner, p.reciprocal),
                "{name}"
            );
        }
        // Ben wrote 2 and 4 to us, we wrote 3 and 7 to him; conversation b has our #7
        let ben = entry(&corpus, &ledger, "Ben");
        assert_eq!((ben.exchanges_to_us, ben.exchanges_from_us, ben.conversations), (2, 2, 2));
        assert_eq!(ben.reciprocity, 1.0);
    }

    #[test]
    fn first_and_last_encounter_and_reciprocity() {
        let (corpus, _, ledger) = ledger_with(
            "owner Anna
             #1 Anna: Neue Ausstellung.
             #10 Ben -> #1: Schön.
             #20 Ben -> #1: Noch etwas.
             #30 Ben -> #1: Und noch etwas.
             #40 Anna -> #30: @Ben danke.",
            LedgerOptions::default(),
        );
        let ben = entry(&corpus, &ledger, "Ben");
        assert_eq!((ben.first_encounter, ben.last_encounter), (Some(10 * HOUR), Some(40 * HOUR)));
        // three to us, one from us: 1/3
        assert_eq!((ben.exchanges_to_us, ben.exchanges_from_us), (3, 1));
        assert!((ben.reciprocity - 1.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn answers_each_way_how_often_and_how_fast() {
        let (corpus, _, ledger) = ledger_with(
            "owner Anna
             #1 Anna: Was sollen wir sammeln?
             #2 Ben -> #1: Fahrkarten.
             #4 Anna -> #2: @Ben welche?
             #7 Ben -> #4: Die aus Pappe.
             #8 Ben -> #1: Und Plakate.
             #9 Anna -> #8: @Ben gute Idee.
             #20 Anna -> #7: @Ben noch eine Frage.",
            LedgerOptions::default(),
        );
        let ben = entry(&corpus, &ledger, "Ben");
        // his comments 2, 7, 8: we answered 2 (after 2 h) and 8 (after 1 h); 7 got #20 (13 h)
        assert_eq!((ben.their_comments, ben.we_answered), (3, 3));
        assert_eq!(ben.median_seconds_we_took, Some(2 * HOUR));
        // our items to him: 4, 9, 20; he answered 4 (after 3 h) only
        assert_eq!((ben.exchanges_from_us, ben.they_answered), (3, 1));
        assert_eq!(ben.median_seconds_they_took, Some(3 * HOUR));
    }

    #[test]
    fn strength_decays_ten_percent_per_thirty_days() {
        // Ben's comment at hour 1 and our answer at hour 2; Carl only answered Ben
        let (corpus, _, ledger) = ledger_with(
            "owner Anna
             #0 Anna: post
             #1 Ben -> #0: hallo
             #2 Anna -> #1: @Ben hallo
             #3 Carl -> #1: hallo Ben",
            LedgerOptions { period: period_hours(0, 1 + 720), ..Default::default() },
        );
        let ben = entry(&corpus, &ledger, "Ben");
        // 1.0 · 0.9 (30 days) + 1.0 · 0.9^(719/720)
        let expected = 0.9 + 0.9f64.powf(719.0 / 720.0);
        assert!((ben.strength - expected).abs() < 1e-9, "{}", ben.strength);
        assert_eq!(ben.strength_at_start, 0.0);
        let carl = entry(&corpus, &ledger, "Carl");
        let expected = 0.3 * 0.9f64.powf(718.0 / 720.0);
        assert!((carl.strength - expected).abs() < 1e-9, "{}", carl.strength);
        // an encounter at the period's end does not count yet
        let dated = ledger.encounters_of(ben);
        assert_eq!(strength_at(dated, HOUR), 0.0);
        assert!(
            (strength_at(dated, HOUR + 60 * DAY) - (0.81 + 0.81 * 0.9f64.powf(-1.0 / 720.0))).abs()
                < 1e-9
        );
    }

    /// Ben's encounters are at the given hours (each a comment on our post).
    fn state_with(hours: &[i64], period: (i64, i64)) -> Option<TieState> {
        let mut text = String::from("owner Anna\n#0 Anna: post\n");
        for h in hours {
            text.push_str(&format!("#{h} Ben -> #0: wieder da\n"));
        }
        let (corpus, _, ledger) = ledger_with(
            &text,
            LedgerOptions { period: period_hours(period.0, period.1), ..Default::default() },
        );
        entry(&corpus, &ledger, "Ben").state
    }

    #[test]
    fn states_for_a_period() {
        let d = 24; // hours
        // first encounter inside the period
        assert_eq!(state_with(&[10 * d], (5 * d, 35 * d)), Some(TieState::New));
        // not met before the period's end
        assert_eq!(state_with(&[40 * d], (5 * d, 35 * d)), None);
        // back after 100 days without an encounter
        assert_eq!(state_with(&[d, 101 * d], (95 * d, 125 * d)), Some(TieState::Returning));
        // back after 80 days: not a lapse; 0.9^(64/30) = 0.80 at the start, and with the new
        // encounter 0.9^(104/30) + 0.9^(24/30) = 0.69 + 0.92 = 1.61 at the end: growing
        assert_eq!(state_with(&[d, 81 * d], (65 * d, 105 * d)), Some(TieState::Growing));
        // no encounter in the 90 days before the period's end: lapsed
        assert_eq!(state_with(&[d], (62 * d, 92 * d)), Some(TieState::Lapsed));
        // 89 days: not yet lapsed, but 30 days without contact: 0.9 of the start, cooling
        assert_eq!(state_with(&[d], (60 * d, 90 * d)), Some(TieState::Cooling));
        // a week without contact keeps 0.976: steady
        assert_eq!(state_with(&[d], (20 * d, 27 * d)), Some(TieState::Steady));
    }

    #[test]
    fn states_take_the_first_that_applies() {
        let d = 24;
        // a long period: first met inside it and silent for 100 days is new, not lapsed
        assert_eq!(state_with(&[10 * d], (0, 200 * d)), Some(TieState::New));
        // came back inside the period and silent since: returning, not lapsed
        assert_eq!(state_with(&[d, 101 * d], (50 * d, 250 * d)), Some(TieState::Returning));
        // exactly 90 days without an encounter at the period's end: the lapse of `returning`
        assert_eq!(state_with(&[10 * d], (50 * d, 100 * d)), Some(TieState::Lapsed));
        assert_ne!(state_with(&[10 * d + 1], (50 * d, 100 * d)), Some(TieState::Lapsed));
    }

    #[test]
    fn default_period_is_ninety_days_to_the_end_of_the_latest_day() {
        let (_, _, ledger) =
            ledger_with("owner Anna\n#0 Anna: post\n#50 Ben -> #0: hi", LedgerOptions::default());
        assert_eq!(ledger.now, 50 * HOUR);
        assert_eq!(ledger.period, Period { from: 3 * DAY - 90 * DAY, to: 3 * DAY });
    }

    #[test]
    fn months_follow_the_calendar() {
        let t = |s: &str| relate_model::time::parse_rfc3339(s).unwrap();
        assert_eq!(month_label(month_of(t("2012-02-29T23:59:59Z"))), "2012-02");
        assert_eq!(month_label(month_of(t("2012-03-01T00:00:00Z"))), "2012-03");
        assert_eq!(month_label(month_of(t("2000-12-31T12:00:00Z"))), "2000-12");
        assert_eq!(month_label(month_of(t("1969-12-31T23:59:59Z"))), "1969-12");
        assert_eq!(month_label(month_of(0)), "1970-01");
        assert_eq!(month_of(t("2026-01-15T00:00:00Z")) - month_of(t("2025-07-31T00:00:00Z")), 6);
    }

    #[test]
    fn cohorts_count_who_is_still_in_conversation() {
        // months of 1970 start at hours: Feb 744, Mar 1416, Apr 2160, May 2880, Jun 3624,
        // Jul 4344, Aug 5088
        let (_, _, ledger) = ledger_with(
            "owner Anna
             #0 Anna: post
             #10 Ben -> #0: January, and back in February
             #800 Ben -> #0: February
             #20 Carl -> #0: January, and back in April
             #2200 Carl -> #0: April
             #30 Dora -> #0: January only
             #1500 Eve -> #0: March, and back in July
             #4400 Eve -> #0: July",
            LedgerOptions { period: period_hours(0, 4500), ..Default::default() },
        );
        let table: Vec<(String, u64, [Option<u64>; 3])> =
            ledger.cohorts.iter().map(|c| (month_label(c.month), c.people, c.still)).collect();
        assert_eq!(
            table,
            [
                // the period ends in July: January's 6-month column (July) is known
                ("1970-01".to_string(), 3, [Some(2), Some(1), Some(0)]),
                // March + 6 = September: not yet
                ("1970-03".to_string(), 1, [Some(1), Some(1), None]),
            ]
        );
    }

    #[test]
    fn outcomes_beside_the_ties_per_person_and_for_strong_and_other_ties() {
        let (corpus, _, ledger) = {
            let corpus = corpus_from_text(
                "owner Anna
                 #0 Anna: Führung am Samstag
                 #1 Ben -> #0: Ich komme!
                 #2 Anna -> #1: @Ben schön
                 #3 Carl -> #1: ich vielleicht
                 #30 Dora -> #0: Ich war da, nach dem Zeitraum",
            );
            let analyses = crate::run_with(&corpus, crate::Options::REPORT);
            let who = |name: &str| {
                corpus.participants.iter().position(|p| p.display_name == name).map(|i| i as u32)
            };
            let outcome =
                |hours: i64, person: Option<u32>, segment: Option<&str>, kind: &str, value| {
                    Outcome {
                        at: hours * HOUR,
                        person,
                        segment: segment.map(str::to_string),
                        kind: kind.into(),
                        value,
                    }
                };
            let outcomes = vec![
                outcome(5, who("Ben"), None, "ticket", Some(12.0)),
                outcome(6, who("Ben"), None, "donation", Some(50.0)),
                outcome(7, who("Ben"), None, "ticket", Some(12.0)),
                // before the period: counted for Ben at any date, not in the period
                outcome(-100 * 24, who("Ben"), None, "ticket", None),
                outcome(8, None, Some("Schulklassen"), "ticket", Some(90.0)),
                outcome(9, who("Anna"), None, "volunteering", None),
                outcome(9, None, None, "membership", None),
                // Dora is in the ledger, but met with us only after the period
                outcome(10, who("Dora"), None, "ticket", None),
            ];
            let ledger = compute(
                &corpus,
                &analyses,
                LedgerOptions {
                    period: period_hours(0, 24),
                    outcomes: &outcomes,
                    ..Default::default()
                },
            );
            (corpus, analyses, ledger)
        };
        let ben = entry(&corpus, &ledger, "Ben");
        assert_eq!(ben.outcomes, [("donation".to_string(), 1), ("ticket".to_string(), 2)]);
        assert_eq!((ben.outcome_value, ben.outcomes_all), (74.0, 4));
        // Ben: 1.0 (#1) + 1.0 (#2) decayed less than a day: strong; Carl 0.3: not
        assert!(ben.strong());
        let s = &ledger.outcomes;
        assert_eq!(s.in_period, 7);
        assert_eq!(s.strong, OutcomeGroup { people: 1, with_outcome: 1, outcomes: 3 });
        assert_eq!(s.others, OutcomeGroup { people: 1, with_outcome: 0, outcomes: 0 });
        assert_eq!(s.segments, [("Schulklassen".to_string(), 1)]);
        // the owner's, the unmatched name's, and Dora's (no tie by the period's end)
        assert_eq!(s.outside_ledger, 3);
        assert_eq!(s.strong.per_person(), Some(3.0));
    }

    #[test]
    fn timeline_shows_answers_and_learning_both_ways() {
        let (corpus, analyses, ledger) = ledger_with(
            "owner Anna
             == a
             #1 Anna: Wir sammeln Geschichten aus dem Viertel und zeigen sie im Museum.
             #2 Ben -> #1: Das erinnert mich an die Idee des „partizipativen Sammelns“, die gerade viele Häuser erproben.
             #3 Anna -> #1: @Ben: An „partizipatives Sammeln“ hatte ich gar nicht gedacht, danke für den Hinweis!
             #4 Ben -> #1: Und wer sammelt die Fotos?
             == b
             #5 Anna: Wir starten das „Sammeln der Gegenwart“ im Depot.
             #6 Ben -> #5: Ich komme.
             == c
             #7 Anna: Unsere Sommerreihe beginnt.
             #8 Ben -> #7: Das „Sammeln der Gegenwart“ geht mir nicht aus dem Kopf, ein spannender Gedanke!",
            LedgerOptions::default(),
        );
        let ben = entry(&corpus, &ledger, "Ben");
        assert_eq!((ben.brought_concepts, ben.took_up_concepts), (1, 1));
        let t = timeline(&corpus, &analyses, &ledger, ben);
        let lines: Vec<String> = t
            .moments
            .iter()
            .map(|m| {
                let id = |i: Option<u32>| {
                    i.map_or("-".to_string(), |i| format!("#{}", corpus.native_id_of(i)))
                };
                format!(
                    "#{} {} ours {} theirs {} learned {}",
                    corpus.native_id_of(m.encounter.item),
                    m.encounter.kind.as_str(),
                    m.our_answer.map_or("n/a".into(), id),
                    m.their_answer.map_or("n/a".into(), id),
                    m.learned.len()
                )
            })
            .collect();
        assert_eq!(
            lines,
            [
                "#2 to_us ours #3 theirs n/a learned 0",
                // we took up his concept here
                "#3 from_us ours n/a theirs - learned 1",
                // his question was left waiting
                "#4 to_us ours - theirs n/a learned 0",
                "#6 to_us ours - theirs n/a learned 0",
                // he took up ours here
                "#8 to_us ours - theirs n/a learned 1",
            ]
        );
        assert!(t.elsewhere.is_empty());
    }
}
