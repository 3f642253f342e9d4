//! The dates a rule, signal, suggestion or standard text is in force (`geldig_vanaf` /
//! `geldig_tot` in `forms/`), and the checks on a set of versions of one rule.

use chrono::NaiveDate;

/// In force from `from` (that day included) until `until` (that day no longer), so one
/// version's `geldig_tot` is the next version's `geldig_vanaf`. Open ends have no date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Validity {
    pub from: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

/// What is wrong with the versions of one rule, in the order the checks find them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeProblem {
    /// `until` is not after `from`: the version is never in force.
    Empty { index: usize },
    /// Two versions are both in force on `on`.
    Overlap {
        first: usize,
        second: usize,
        on: NaiveDate,
    },
    /// No version is in force from `from` until `until`.
    Gap { from: NaiveDate, until: NaiveDate },
}

impl Validity {
    pub const ALWAYS: Validity = Validity {
        from: None,
        until: None,
    };

    pub fn contains(&self, on: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= on) && self.until.is_none_or(|u| on < u)
    }

    pub fn is_always(&self) -> bool {
        self.from.is_none() && self.until.is_none()
    }

    fn is_empty(&self) -> bool {
        matches!((self.from, self.until), (Some(f), Some(u)) if u <= f)
    }
}

/// Checks the versions of one rule: each in force for at least a day, never two at once,
/// and no day between the first and the last on which none is in force.
pub fn range_problems(versions: &[Validity]) -> Vec<RangeProblem> {
    let mut problems: Vec<RangeProblem> = versions
        .iter()
        .enumerate()
        .filter(|(_, v)| v.is_empty())
        .map(|(index, _)| RangeProblem::Empty { index })
        .collect();
    let mut order: Vec<usize> = (0..versions.len())
        .filter(|i| !versions[*i].is_empty())
        .collect();
    // An open start sorts first.
    order.sort_by_key(|i| versions[*i].from);
    for pair in order.windows(2) {
        let (a, b) = (versions[pair[0]], versions[pair[1]]);
        match (a.until, b.from) {
            (None, Some(on)) => problems.push(RangeProblem::Overlap {
                first: pair[0],
                second: pair[1],
                on,
            }),
            (_, None) => problems.push(RangeProblem::Overlap {
                first: pair[0],
                second: pair[1],
                on: a.from.unwrap_or(NaiveDate::MIN),
            }),
            (Some(until), Some(from)) if from < until => problems.push(RangeProblem::Overlap {
                first: pair[0],
                second: pair[1],
                on: from,
            }),
            (Some(until), Some(from)) if until < from => problems.push(RangeProblem::Gap {
                from: until,
                until: from,
            }),
            _ => {}
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    fn v(from: Option<NaiveDate>, until: Option<NaiveDate>) -> Validity {
        Validity { from, until }
    }

    #[test]
    fn from_is_included_and_until_is_not() {
        let r = v(d(2026, 1, 1), d(2027, 1, 1));
        assert!(!r.contains(d(2025, 12, 31).unwrap_or_default()));
        assert!(r.contains(d(2026, 1, 1).unwrap_or_default()));
        assert!(r.contains(d(2026, 12, 31).unwrap_or_default()));
        assert!(!r.contains(d(2027, 1, 1).unwrap_or_default()));
    }

    #[test]
    fn consecutive_versions_are_fine() {
        let versions = [
            v(None, d(2026, 1, 1)),
            v(d(2026, 1, 1), d(2027, 1, 1)),
            v(d(2027, 1, 1), None),
        ];
        assert_eq!(range_problems(&versions), vec![]);
    }

    #[test]
    fn overlap_gap_and_empty_are_found() {
        let overlap = [v(None, d(2026, 2, 1)), v(d(2026, 1, 1), None)];
        assert!(matches!(
            range_problems(&overlap)[..],
            [RangeProblem::Overlap { .. }]
        ));
        let gap = [v(None, d(2026, 1, 1)), v(d(2026, 2, 1), None)];
        assert_eq!(
            range_problems(&gap),
            vec![RangeProblem::Gap {
                from: d(2026, 1, 1).unwrap_or_default(),
                until: d(2026, 2, 1).unwrap_or_default()
            }]
        );
        let empty = [v(d(2026, 2, 1), d(2026, 1, 1))];
        assert_eq!(
            range_problems(&empty),
            vec![RangeProblem::Empty { index: 0 }]
        );
        let twice_open = [v(None, None), v(None, None)];
        assert_eq!(range_problems(&twice_open).len(), 1);
    }
}
