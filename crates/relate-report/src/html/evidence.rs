//! The evidence behind the numbers: one section per number, registered while the page
//! renders and written at its end, so each number can link to `#ev-<id>`.

use std::collections::HashMap;

use maud::Markup;

/// Rows listed per number at most; the section says how many more there are. A report of a
/// million items must stay a file a browser opens.
pub(super) const LIMIT: usize = 200;

/// One entry of a section. Rows are cheap until rendered: only the first [`LIMIT`] of a
/// section are kept (the dashboard's own limit there).
pub(super) enum Row {
    Item(u32),
    /// Someone else's comment, with whether and when we answered it.
    Comment(u32),
    /// An item with a note (what was brought in, the acknowledgement).
    Noted(u32, Markup),
    /// A person with some of their items.
    Person {
        participant: u32,
        note: Option<Markup>,
        items: Vec<u32>,
    },
    /// An audience snapshot (index into `Corpus::audience`).
    Snapshot(u32),
    /// An item that is not public: date, platform and kind only.
    Hidden(u32),
}

pub(super) struct Section {
    pub id: String,
    pub heading: String,
    pub rows: Vec<Row>,
    /// All rows, listed or not.
    pub total: usize,
}

pub(super) struct Evidence {
    sections: Vec<Section>,
    index: HashMap<String, usize>,
    /// Rows kept per section.
    limit: usize,
}

impl Default for Evidence {
    fn default() -> Self {
        Evidence::with_limit(LIMIT)
    }
}

impl Evidence {
    /// Keeping up to `limit` rows per section (the dashboard pages through more than a file
    /// could hold).
    pub(super) fn with_limit(limit: usize) -> Self {
        Evidence { sections: Vec::new(), index: HashMap::new(), limit }
    }

    /// The section `id`, if registered (with or without rows).
    pub(super) fn section(&self, id: &str) -> Option<&Section> {
        self.index.get(id).map(|&i| &self.sections[i])
    }

    /// Registers the rows behind the number `id`, unless registered already (the same number
    /// shown twice keeps its first rows). True when there is at least one row.
    pub(super) fn register<I: IntoIterator<Item = Row>>(
        &mut self,
        id: &str,
        heading: &str,
        rows: impl FnOnce() -> I,
    ) -> bool {
        if let Some(&i) = self.index.get(id) {
            return self.sections[i].total > 0;
        }
        // ids are made of our own words and numbers, never of imported text
        debug_assert!(
            id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "evidence id {id:?}"
        );
        let mut rows = rows().into_iter();
        let kept: Vec<Row> = rows.by_ref().take(self.limit).collect();
        let total = kept.len() + rows.count();
        self.index.insert(id.to_string(), self.sections.len());
        self.sections.push(Section {
            id: id.to_string(),
            heading: heading.to_string(),
            rows: kept,
            total,
        });
        total > 0
    }

    /// The sections with rows, in the order they were registered.
    pub(super) fn sections(&self) -> impl Iterator<Item = &Section> {
        self.sections.iter().filter(|s| s.total > 0)
    }
}
