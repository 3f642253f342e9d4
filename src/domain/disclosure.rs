//! Small numbers in published figures: a count of 1 to 4 residents can point at a person
//! (AVG art. 5 and 25: data minimisation by design), so the council's report shows it as
//! "<5". Zero points at nobody and stays.

/// Counts below this (and above zero) are not published.
pub const THRESHOLD: u64 = 5;

/// One published count: exact, or withheld because it is small (or would give a small one
/// away).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    Exact(u64),
    Suppressed,
}

impl Cell {
    pub fn exact(self) -> Option<u64> {
        match self {
            Cell::Exact(n) => Some(n),
            Cell::Suppressed => None,
        }
    }

    /// As a spreadsheet cell or a line of text: the number, or `<5`.
    pub fn shown(self) -> String {
        match self {
            Cell::Exact(n) => n.to_string(),
            Cell::Suppressed => format!("<{THRESHOLD}"),
        }
    }
}

fn small(n: u64) -> bool {
    n > 0 && n < THRESHOLD
}

/// A count published on its own.
pub fn single(n: u64) -> Cell {
    if small(n) {
        Cell::Suppressed
    } else {
        Cell::Exact(n)
    }
}

/// The counts of one breakdown (per rung, per signal kind …), whose total may be known
/// from elsewhere. Small ones are withheld; when that is exactly one, the smallest other
/// non-zero count goes too, or the total minus the rest would give it back
/// (complementary suppression, as statistical offices do).
pub fn group(values: &[u64]) -> Vec<Cell> {
    let mut cells: Vec<Cell> = values.iter().map(|n| single(*n)).collect();
    let withheld = cells.iter().filter(|c| **c == Cell::Suppressed).count();
    if withheld == 1 {
        let partner = values
            .iter()
            .enumerate()
            .filter(|(i, n)| **n > 0 && cells[*i] != Cell::Suppressed)
            .min_by_key(|(i, n)| (**n, *i))
            .map(|(i, _)| i);
        if let Some(i) = partner {
            cells[i] = Cell::Suppressed;
        }
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_to_four_are_withheld_zero_and_five_are_not() {
        assert_eq!(single(0), Cell::Exact(0));
        for n in 1..=4 {
            assert_eq!(single(n), Cell::Suppressed);
        }
        assert_eq!(single(5), Cell::Exact(5));
        assert_eq!(single(4).shown(), "<5");
    }

    #[test]
    fn a_lone_small_cell_takes_the_smallest_other_with_it() {
        assert_eq!(
            group(&[40, 3, 12, 0, 9]),
            vec![
                Cell::Exact(40),
                Cell::Suppressed,
                Cell::Exact(12),
                Cell::Exact(0),
                Cell::Suppressed
            ]
        );
        // Two small ones already hide each other.
        assert_eq!(
            group(&[2, 1, 30]),
            vec![Cell::Suppressed, Cell::Suppressed, Cell::Exact(30)]
        );
        // Nothing small: nothing withheld.
        assert_eq!(
            group(&[0, 5, 6]),
            vec![Cell::Exact(0), Cell::Exact(5), Cell::Exact(6)]
        );
        // A lone small cell with only zeros beside it stays alone.
        assert_eq!(
            group(&[0, 2, 0]),
            vec![Cell::Exact(0), Cell::Suppressed, Cell::Exact(0)]
        );
    }
}
