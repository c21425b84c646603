//! The report's two drawings, as inline SVG written here: the months as small multiples (one
//! row of bars per series) and the map of who brought which concept to whom. Every bar and
//! concept is a link to its evidence; every text goes through maud's escaping.

use maud::{Markup, html};

/// One month of a series: its value and the link to its evidence (none for an empty month).
pub(super) struct Bar {
    pub value: u64,
    pub href: Option<String>,
}

pub(super) struct Series {
    pub label: String,
    /// CSS class of the bars: `real`, `real2` or `vain`.
    pub class: &'static str,
    pub bars: Vec<Bar>,
}

/// A month on the axis.
pub(super) struct Month {
    pub name: &'static str,
    pub year: i32,
}

const WIDTH: f64 = 960.0;
const LABELS: f64 = 230.0;
const ROW: f64 = 50.0;
const BAR_MAX: f64 = 28.0;
const PANEL_TITLE: f64 = 26.0;
const AXIS: f64 = 22.0;

/// Panels of series over the same `months`; each series scaled to its own largest month
/// (the value is written on each bar, so rows of different sizes stay readable).
pub(super) fn timeline(
    months: &[Month],
    panels: &[(&str, &[Series])],
    format: impl Fn(u64) -> String,
) -> Markup {
    let n = months.len().max(1) as f64;
    let slot = (WIDTH - LABELS - 10.0) / n;
    let bar = (slot * 0.7).min(34.0);
    let x_of = |m: usize| LABELS + slot * (m as f64 + 0.5);
    // month labels of at least 40 px each
    let every = (40.0 / slot).ceil().max(1.0) as usize;
    // the year with the first label shown and with each first label of a new year
    let shown: Vec<(usize, String)> = months
        .iter()
        .enumerate()
        .step_by(every)
        .scan(None, |last_year, (m, month)| {
            let new_year = *last_year != Some(month.year);
            *last_year = Some(month.year);
            let label =
                if new_year { format!("{} {}", month.name, month.year) } else { month.name.into() };
            Some((m, label))
        })
        .collect();
    let height: f64 =
        panels.iter().map(|(_, s)| PANEL_TITLE + ROW * s.len() as f64 + AXIS).sum::<f64>() + 8.0;
    let mut y = 0.0;
    let mut layout = Vec::new();
    for (title, series) in panels {
        layout.push((y, *title, *series));
        y += PANEL_TITLE + ROW * series.len() as f64 + AXIS;
    }
    html! {
        svg.chart viewBox={ "0 0 " (WIDTH) " " (height) } role="img" aria-label=(panels.iter().map(|p| p.0).collect::<Vec<_>>().join(" / ")) {
            @for (top, title, series) in layout {
                text.panel x="8" y=(top + 18.0) { (title) }
                @for (row, s) in series.iter().enumerate() {
                    @let base = top + PANEL_TITLE + ROW * (row as f64 + 1.0) - 8.0;
                    @let largest = s.bars.iter().map(|b| b.value).max().unwrap_or(0).max(1) as f64;
                    text.series.name x="8" y=(base - 8.0) { (truncate(&s.label, 32)) title { (s.label) } }
                    line.base x1=(LABELS) x2=(WIDTH - 10.0) y1=(base) y2=(base) {}
                    g class=(s.class) {
                        @for (m, b) in s.bars.iter().enumerate() {
                            @let h = (b.value as f64 / largest * BAR_MAX).max(if b.value > 0 { 2.0 } else { 1.0 });
                            @if let Some(href) = &b.href {
                                a href=(href) {
                                    rect x=(x_of(m) - bar / 2.0) y=(base - h) width=(bar) height=(h) {}
                                    @if slot >= 16.0 {
                                        text.val x=(x_of(m)) y=(base - h - 3.0) { (format(b.value)) }
                                    }
                                    title { (months[m].name) " " (months[m].year) ": " (format(b.value)) }
                                }
                            }
                        }
                    }
                }
                @let axis = top + PANEL_TITLE + ROW * series.len() as f64 + 12.0;
                @for (m, label) in &shown {
                    text.axis x=(x_of(*m)) y=(axis) text-anchor="middle" { (label) }
                }
            }
        }
    }
}

/// One learning moment on the map: who brought the concept in, who took it up.
pub(super) struct Edge {
    pub from: String,
    pub concept: String,
    pub href: String,
    pub to: String,
    pub from_us: bool,
}

const MAP_ROW: f64 = 28.0;
const MAP_HEAD: f64 = 34.0;
const LEFT: f64 = 250.0;
const MIDDLE: f64 = 480.0;
const RIGHT: f64 = 710.0;
/// Half the width of a concept's label, estimated (12 px text, about 6.8 px a character), so
/// the lines reach it without a font to measure with.
fn half_width(label: &str) -> f64 {
    (label.chars().count() as f64 * 3.4).clamp(12.0, 150.0)
}

/// People who brought concepts in (left), the concepts (middle, links to their evidence),
/// and who took them up (right).
pub(super) fn concept_map(
    edges: &[Edge],
    head_from: &str,
    head_concept: &str,
    head_to: &str,
) -> Markup {
    let mut left: Vec<&str> = Vec::new();
    let mut right: Vec<&str> = Vec::new();
    for e in edges {
        if !left.contains(&e.from.as_str()) {
            left.push(&e.from);
        }
        if !e.to.is_empty() && !right.contains(&e.to.as_str()) {
            right.push(&e.to);
        }
    }
    // grouped by who brought them, so lines from one person do not cross others'
    let mut order: Vec<&Edge> = edges.iter().collect();
    order.sort_by_key(|e| left.iter().position(|l| *l == e.from));
    let rows = edges.len().max(left.len()).max(right.len()) as f64;
    let height = MAP_HEAD + rows * MAP_ROW + 8.0;
    let spread = |i: usize, of: usize| MAP_HEAD + (i as f64 + 0.5) * (rows * MAP_ROW) / of as f64;
    let y_left = |name: &str| spread(left.iter().position(|l| *l == name).unwrap_or(0), left.len());
    let y_right =
        |name: &str| spread(right.iter().position(|r| *r == name).unwrap_or(0), right.len().max(1));
    html! {
        svg.chart.map viewBox={ "0 0 " (WIDTH) " " (height) } role="img" aria-label=(head_concept) {
            text.panel x=(LEFT) y="20" text-anchor="end" { (head_from) }
            text.panel x=(MIDDLE) y="20" text-anchor="middle" { (head_concept) }
            text.panel x=(RIGHT) y="20" { (head_to) }
            @for (row, e) in order.iter().enumerate() {
                @let y = spread(row, order.len());
                @let label = truncate(&e.concept, 40);
                @let half = half_width(&label);
                line class=(if e.from_us { "from-us" } else { "to-us" }) x1=(LEFT + 6.0) y1=(y_left(&e.from) - 4.0) x2=(MIDDLE - half - 6.0) y2=(y - 4.0) {}
                @if !e.to.is_empty() {
                    line class=(if e.from_us { "from-us" } else { "to-us" }) x1=(MIDDLE + half + 6.0) y1=(y - 4.0) x2=(RIGHT - 6.0) y2=(y_right(&e.to) - 4.0) {}
                }
                a href=(e.href) {
                    text.what x=(MIDDLE) y=(y) text-anchor="middle" { (label) title { (e.concept) } }
                }
            }
            @for name in &left {
                text.name x=(LEFT) y=(y_left(name)) text-anchor="end" { (truncate(name, 30)) title { (name) } }
            }
            @for name in &right {
                text.name x=(RIGHT) y=(y_right(name)) { (truncate(name, 30)) title { (name) } }
            }
        }
    }
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(max - 1).collect::<String>().trim_end())
    }
}
