//! Conversation threads: items in reading order, and who addressed whom.
//!
//! Definitions (docs/measures.md, "Threads and addressing"):
//! - An item *addresses* another item when it is a threaded reply to it (parent link), or
//!   when it names its author with `@Name` (at the start of the text or after a space),
//!   resolved to that person's latest earlier public item in the same conversation. Names
//!   match a participant's display name, handle or first name, case-insensitively, longest
//!   first; only people who already wrote in the thread can be addressed.
//! - A top-level comment without `@Name` addresses the post (and so the post's author).
//! - Pingbacks and trackbacks address the post, but are links between sites, not exchanges.
//! - Only public items address or are addressed. An item whose parent is not in the corpus
//!   (a thread cut off) is an orphan: kept, addressed only through `@Name`.
//!
//! Complexity: O(n log n) for the ordering, O(n * names) for `@Name` resolution.

use rustc_hash::FxHashMap as HashMap;

use rayon::prelude::*;
use relate_model::corpus::Corpus;
use relate_model::{ItemKind, State};
use serde::Serialize;

/// How an item came to address another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Via {
    /// A threaded reply: the export's parent link.
    Parent,
    /// `@Name` in the text.
    AtName,
    /// A top-level comment, addressed to the post.
    Post,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Address {
    pub target: u32,
    pub via: Via,
}

/// Rows of values stored back to back (compressed sparse rows): a million small lists in
/// two allocations instead of a million.
#[derive(Debug, Clone)]
pub struct Rows<T> {
    /// `offsets[r]..offsets[r + 1]` are row `r`'s values.
    offsets: Vec<u32>,
    values: Vec<T>,
}

impl<T> Default for Rows<T> {
    fn default() -> Self {
        Rows { offsets: vec![0], values: Vec::new() }
    }
}

impl<T> Rows<T> {
    /// Builds `rows` rows from `(row, value)` pairs; values keep their order within a row.
    /// Pairs of rows `rows` and beyond are left out.
    fn from_pairs(rows: usize, pairs: Vec<(u32, T)>) -> Rows<T>
    where
        T: Copy,
    {
        // a counting sort: a million pairs, linear instead of a comparison sort
        let mut offsets = vec![0u32; rows + 1];
        for &(row, _) in &pairs {
            if let Some(count) = offsets.get_mut(row as usize + 1) {
                *count += 1;
            }
        }
        for r in 0..rows {
            offsets[r + 1] += offsets[r];
        }
        let Some(&(_, any)) = pairs.first() else { return Rows { offsets, values: Vec::new() } };
        let mut values = vec![any; offsets[rows] as usize];
        let mut next: Vec<u32> = offsets[..rows].to_vec();
        for (row, value) in pairs {
            if let Some(at) = next.get_mut(row as usize) {
                values[*at as usize] = value;
                *at += 1;
            }
        }
        Rows { offsets, values }
    }

    pub fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn iter(&self) -> impl Iterator<Item = &[T]> + '_ {
        (0..self.len()).map(|r| &self[r])
    }
}

impl<T> std::ops::Index<usize> for Rows<T> {
    type Output = [T];
    fn index(&self, row: usize) -> &[T] {
        &self.values[self.offsets[row] as usize..self.offsets[row + 1] as usize]
    }
}

impl<'a, T> IntoIterator for &'a Rows<T> {
    type Item = &'a [T];
    type IntoIter = Box<dyn Iterator<Item = &'a [T]> + 'a>;
    fn into_iter(self) -> Self::IntoIter {
        Box::new(self.iter())
    }
}

#[derive(Debug, Default)]
pub struct Threads {
    /// Per conversation, its items in reading order (time, then store order), all states.
    pub order: Rows<u32>,
    /// Per item, its position in reading order within its conversation.
    pub position: Vec<u32>,
    /// Per item, the items it addresses (public items only; empty otherwise).
    pub addresses: Rows<Address>,
    /// Per item, its depth in the reply tree (posts and orphans 0).
    pub depth: Vec<u32>,
}

impl Threads {
    /// True if `a` comes before `b` in its conversation's reading order.
    pub fn before(&self, a: u32, b: u32) -> bool {
        self.position[a as usize] < self.position[b as usize]
    }
}

pub fn compute(corpus: &Corpus) -> Threads {
    let n = corpus.items.len();
    let pairs: Vec<(u32, u32)> =
        corpus.items.iter().enumerate().map(|(i, item)| (item.conversation, i as u32)).collect();
    let mut order = Rows::from_pairs(corpus.conversations.len(), pairs);
    for row in 0..order.len() {
        let (start, end) = (order.offsets[row] as usize, order.offsets[row + 1] as usize);
        order.values[start..end].sort_by_key(|&i| {
            let item = &corpus.items[i as usize];
            (item.created_at.unwrap_or(i64::MAX), i)
        });
    }
    let mut position = vec![0u32; n];
    for items in &order {
        for (pos, &i) in items.iter().enumerate() {
            position[i as usize] = pos as u32;
        }
    }
    // the names each participant can be addressed by, made once (not once per conversation)
    let variants: Vec<Vec<String>> =
        corpus.participants.par_iter().map(|p| name_variants(&p.display_name, &p.handle)).collect();
    // conversations are independent: resolve them in parallel
    let address_pairs: Vec<(u32, Address)> = (0..order.len())
        .into_par_iter()
        .flat_map_iter(|c| resolve_addresses(corpus, &variants, &order[c]))
        .collect();
    let addresses = Rows::from_pairs(n, address_pairs);
    let depth: Vec<u32> = (0..n)
        .into_par_iter()
        .map(|i| {
            // walk up the parents; a cycle in bad data stops after n steps
            let mut d = 0u32;
            let mut cursor = corpus.items[i].parent;
            while let Some(p) = cursor {
                d += 1;
                if d as usize > n {
                    break;
                }
                cursor = corpus.items[p as usize].parent;
            }
            d
        })
        .collect();
    Threads { order, position, addresses, depth }
}

/// The addresses of one conversation's public items, given in reading order. `variants` are
/// every participant's [`name_variants`].
fn resolve_addresses(
    corpus: &Corpus,
    variants: &[Vec<String>],
    items: &[u32],
) -> Vec<(u32, Address)> {
    let mut pairs: Vec<(u32, Address)> = Vec::new();
    // latest public item per author so far
    let mut latest: HashMap<u32, u32> = HashMap::default();
    // authors in the order they first wrote; the names of the first `named` are in `names`,
    // which are made only when an item has an `@` (most conversations have none)
    let mut authors: Vec<u32> = Vec::new();
    let mut names: Vec<(&str, u32)> = Vec::new();
    let mut named = 0;
    for &i in items {
        let item = &corpus.items[i as usize];
        // a like or a boost addresses no one and is nothing to answer
        if item.state != State::Public || item.kind.is_attention() {
            continue;
        }
        // this item's addresses are `pairs[first..]`
        let first = pairs.len();
        if let Some(parent) = item.parent {
            let p = &corpus.items[parent as usize];
            if p.state == State::Public {
                let via = if p.kind == ItemKind::Post { Via::Post } else { Via::Parent };
                pairs.push((i, Address { target: parent, via }));
            }
        }
        let text = corpus.text(item);
        if text.contains('@') {
            // longest names first, so "Johanna W. Holt" wins over "Johanna"; a name after
            // the equal ones already there, as a stable sort would put it
            for &author in &authors[named..] {
                for name in &variants[author as usize] {
                    let longer_or_before = |(n, _): &(&str, u32)| {
                        n.len() > name.len() || (n.len() == name.len() && *n <= name.as_str())
                    };
                    let at = names.partition_point(longer_or_before);
                    names.insert(at, (name.as_str(), author));
                }
            }
            named = authors.len();
            for author in at_names(text, &names) {
                if author == item.author {
                    continue;
                }
                let Some(&target) = latest.get(&author) else { continue };
                let found = &pairs[first..];
                match found.iter().position(|(_, a)| a.target == target) {
                    // "@Anna" under Anna's own post names the post: it stays addressed when
                    // the default address to the post gives way below, in the order named
                    Some(known) if found[known].1.via == Via::Post => {
                        pairs.remove(first + known);
                        pairs.push((i, Address { target, via: Via::AtName }));
                    }
                    Some(_) => {}
                    None => pairs.push((i, Address { target, via: Via::AtName })),
                }
            }
        }
        // `@Name` in a top-level comment replaces the default address to the post
        if pairs[first..].iter().any(|(_, a)| a.via == Via::AtName) {
            let mut kept = first;
            for k in first..pairs.len() {
                if pairs[k].1.via != Via::Post {
                    pairs[kept] = pairs[k];
                    kept += 1;
                }
            }
            pairs.truncate(kept);
        }
        if latest.insert(item.author, i).is_none() {
            authors.push(item.author);
        }
    }
    pairs
}

/// Lowercased names by which a participant can be addressed: display name, handle, and the
/// first word of the display name when it is at least three letters long.
pub(crate) fn name_variants(display_name: &str, handle: &str) -> Vec<String> {
    let mut names = vec![display_name.trim().to_lowercase()];
    let handle = handle.trim().trim_start_matches('@').to_lowercase();
    if !names.contains(&handle) {
        names.push(handle);
    }
    if let Some(first) = display_name.split_whitespace().next() {
        let first = first.to_lowercase();
        if first.chars().count() >= 3 && !names.contains(&first) {
            names.push(first);
        }
    }
    names.retain(|n| !n.is_empty());
    names
}

/// The authors named with `@Name` in `text`, in order. `names` is sorted longest first.
pub(crate) fn at_names<S: AsRef<str>>(text: &str, names: &[(S, u32)]) -> Vec<u32> {
    let mut found = Vec::new();
    for (at, _) in text.match_indices('@') {
        let before = text[..at].chars().next_back();
        if before.is_some_and(|c| !(c.is_whitespace() || matches!(c, '(' | '[' | '>' | '"'))) {
            continue; // part of an e-mail address or a handle@server
        }
        let rest = &text[at + 1..];
        let lower: String = rest.chars().take(64).collect::<String>().to_lowercase();
        for (name, author) in names {
            if let Some(after) = lower.strip_prefix(name.as_ref()) {
                let boundary = after.chars().next().is_none_or(|c| !c.is_alphanumeric());
                if boundary {
                    found.push(*author);
                    break;
                }
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use relate_model::corpus::testing::corpus_from_text;

    /// Renders every public item's addresses as `#id -> #target (via)`.
    fn check(text: &str) -> String {
        let corpus = corpus_from_text(text);
        let threads = compute(&corpus);
        let mut out = String::new();
        for (i, item) in corpus.items.iter().enumerate() {
            let targets: Vec<String> = threads.addresses[i]
                .iter()
                .map(|a| format!("#{} ({:?})", corpus.native_id_of(a.target), a.via))
                .collect();
            out.push_str(&format!(
                "#{} d{} -> {}\n",
                corpus.native_id(item),
                threads.depth[i],
                targets.join(", ")
            ));
        }
        out
    }

    #[test]
    fn at_names_in_flat_comments_resolve_to_the_latest_earlier_item() {
        let got = check(
            "owner Christian_Henner-Fehr
             #1 Christian_Henner-Fehr: post
             #2 Ben -> #1: first
             #3 Johanna_W._Holt -> #1: second
             #4 Ben -> #1: third
             #5 Christian_Henner-Fehr -> #1: @Ben: yes\\n\\n@Johanna W. Holt: no
             #6 Kulturplanet -> #5: @Christian Ja, genau
             #7 Heinz -> #1: mail me at heinz@example.org",
        );
        assert_eq!(
            got,
            "#1 d0 -> \n\
             #2 d1 -> #1 (Post)\n\
             #3 d1 -> #1 (Post)\n\
             #4 d1 -> #1 (Post)\n\
             #5 d1 -> #4 (AtName), #3 (AtName)\n\
             #6 d2 -> #5 (Parent)\n\
             #7 d1 -> #1 (Post)\n"
        );
    }

    #[test]
    fn naming_the_post_author_beside_another_keeps_the_post_addressed() {
        let got = check(
            "owner Anna
             #1 Anna: post
             #2 Carl -> #1: first
             #3 Dora -> #1: @Carl and @Anna: both of you are right",
        );
        assert_eq!(got, "#1 d0 -> \n#2 d1 -> #1 (Post)\n#3 d1 -> #2 (AtName), #1 (AtName)\n");
    }

    #[test]
    fn hidden_items_neither_address_nor_are_addressed() {
        let got = check(
            "owner Anna
             #1 Anna: post
             #2 Ben -> #1 [spam]: buy
             #3 Anna -> #2: @Ben: no
             #4 Carl -> #9: orphan @Anna hello",
        );
        assert_eq!(got, "#1 d0 -> \n#2 d1 -> \n#3 d2 -> \n#4 d0 -> #3 (AtName)\n");
    }
}
