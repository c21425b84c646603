//! Agreement between relate's measures and a person's hand codes, so users can trust or
//! distrust a measure on their own data (`relate code sample`, `relate calibrate`).
//!
//! - **Cohen's κ** for categorical codes: (observed agreement − chance agreement) / (1 −
//!   chance agreement), chance from each rater's marginal frequencies. 1 is perfect, 0 is
//!   chance. Below [`KAPPA_WARNING`] a measure should not be trusted on that data.
//! - **Precision** (of what relate found, the share the person confirmed) and **recall** (of
//!   what the person coded, the share relate found).
//! - **Spearman's ρ** for graded codes (uptake 0/1/2 against a score 0..1): Pearson's
//!   correlation of the ranks, ties given their average rank.

/// κ below which `relate calibrate` warns.
pub const KAPPA_WARNING: f64 = 0.65;

/// Cohen's κ between two raters' labels (any small categories). `None` for no items, and for
/// the degenerate case where chance agreement is 1 (both raters always said the same one
/// thing): κ is undefined there.
pub fn cohen_kappa(a: &[u8], b: &[u8]) -> Option<f64> {
    let n = a.len().min(b.len());
    if n == 0 {
        return None;
    }
    let observed = a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / n as f64;
    let mut chance = 0.0;
    for category in 0..=u8::MAX {
        let pa = a[..n].iter().filter(|&&x| x == category).count() as f64 / n as f64;
        let pb = b[..n].iter().filter(|&&x| x == category).count() as f64 / n as f64;
        chance += pa * pb;
    }
    if (1.0 - chance).abs() < 1e-12 {
        return None;
    }
    Some((observed - chance) / (1.0 - chance))
}

/// Precision and recall of `predicted` against `truth`; `None` where undefined (nothing
/// predicted, nothing true).
pub fn precision_recall(predicted: &[bool], truth: &[bool]) -> (Option<f64>, Option<f64>) {
    let pairs = || predicted.iter().zip(truth);
    let tp = pairs().filter(|(p, t)| **p && **t).count() as f64;
    let predicted_n = pairs().filter(|(p, _)| **p).count() as f64;
    let true_n = pairs().filter(|(_, t)| **t).count() as f64;
    ((predicted_n > 0.0).then(|| tp / predicted_n), (true_n > 0.0).then(|| tp / true_n))
}

/// Spearman's rank correlation; `None` for fewer than two pairs or a constant side.
pub fn spearman(a: &[f64], b: &[f64]) -> Option<f64> {
    let n = a.len().min(b.len());
    if n < 2 {
        return None;
    }
    let (ra, rb) = (ranks(&a[..n]), ranks(&b[..n]));
    let mean = (n as f64 + 1.0) / 2.0;
    let (mut cov, mut va, mut vb) = (0.0, 0.0, 0.0);
    for i in 0..n {
        let (x, y) = (ra[i] - mean, rb[i] - mean);
        cov += x * y;
        va += x * x;
        vb += y * y;
    }
    (va > 0.0 && vb > 0.0).then(|| cov / (va * vb).sqrt())
}

/// 1-based ranks, ties sharing their average rank.
fn ranks(values: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..values.len()).collect();
    order.sort_by(|&i, &j| values[i].total_cmp(&values[j]));
    let mut ranks = vec![0.0; values.len()];
    let mut start = 0;
    while start < order.len() {
        let mut end = start;
        while end + 1 < order.len() && values[order[end + 1]] == values[order[start]] {
            end += 1;
        }
        let average = (start + end) as f64 / 2.0 + 1.0;
        for &i in &order[start..=end] {
            ranks[i] = average;
        }
        start = end + 1;
    }
    ranks
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kappa_by_hand() {
        // 10 items: both say 1 on 4, both 0 on 4, disagree on 2 (one each way).
        // observed 0.8; chance 0.5*0.5 + 0.5*0.5 = 0.5; kappa (0.8 - 0.5) / 0.5 = 0.6
        let a = [1, 1, 1, 1, 0, 0, 0, 0, 1, 0];
        let b = [1, 1, 1, 1, 0, 0, 0, 0, 0, 1];
        assert!((cohen_kappa(&a, &b).unwrap() - 0.6).abs() < 1e-9);
        assert_eq!(cohen_kappa(&[1, 1], &[1, 1]), None);
        assert_eq!(cohen_kappa(&[], &[]), None);
    }

    #[test]
    fn precision_and_recall_by_hand() {
        let predicted = [true, true, false, false, true];
        let truth = [true, false, true, false, true];
        let (p, r) = precision_recall(&predicted, &truth);
        assert_eq!(p, Some(2.0 / 3.0));
        assert_eq!(r, Some(2.0 / 3.0));
        assert_eq!(precision_recall(&[false], &[false]), (None, None));
    }

    #[test]
    fn spearman_with_ties() {
        assert_eq!(spearman(&[1.0, 2.0, 3.0], &[10.0, 20.0, 30.0]), Some(1.0));
        assert_eq!(spearman(&[1.0, 2.0, 3.0], &[3.0, 2.0, 1.0]), Some(-1.0));
        // ranks a: 1.5 1.5 3 ; b: 1 2 3 -> rho = 0.866...
        let rho = spearman(&[0.0, 0.0, 1.0], &[1.0, 2.0, 3.0]).unwrap();
        assert!((rho - 0.8660254).abs() < 1e-6, "{rho}");
        assert_eq!(spearman(&[1.0, 1.0], &[1.0, 2.0]), None);
    }
}
