//! A tiny seeded random generator (splitmix64) for the demo.
//!
//! Hand-written rather than `rand`: the demo promises the same residents for the same seed
//! on every machine and in every future build, and `rand` does not promise stable output
//! across its versions. splitmix64 is ten lines, fast, and good enough for made-up people.

#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// An independent stream for item `index` of a run with `seed`, so resident 17 is the
    /// same person whether the demo has 200 or 100,000 residents.
    pub fn for_item(seed: u64, index: u64) -> Self {
        let mut base = Rng(seed ^ 0x6d65_6564_6f65_6e00);
        let a = base.next_u64();
        let mut r = Rng(a ^ index.wrapping_mul(0xD6E8_FEB8_6659_FD93));
        r.next_u64();
        r
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n > 0`; 0 gives 0).
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        ((self.next_u64() as u128 * n as u128) >> 64) as u64
    }

    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo + 1) as u64) as i64
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// One of `items` (callers pass non-empty constant lists).
    pub fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        let i = self.below(items.len() as u64) as usize;
        items[i.min(items.len().saturating_sub(1))]
    }

    /// Pick by weight: `[(item, weight)]`.
    pub fn weighted<T: Copy>(&mut self, items: &[(T, u32)]) -> T {
        let total: u64 = items.iter().map(|(_, w)| *w as u64).sum();
        let mut x = self.below(total.max(1));
        for (item, w) in items {
            if x < *w as u64 {
                return *item;
            }
            x -= *w as u64;
        }
        items[items.len() - 1].0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_stream_and_items_are_independent_of_count() {
        let a: Vec<u64> = (0..5).map(|i| Rng::for_item(7, i).next_u64()).collect();
        let b: Vec<u64> = (0..5).map(|i| Rng::for_item(7, i).next_u64()).collect();
        assert_eq!(a, b);
        let c: Vec<u64> = (0..5).map(|i| Rng::for_item(8, i).next_u64()).collect();
        assert_ne!(a, c);
    }

    #[test]
    fn below_and_range_stay_in_bounds() {
        let mut r = Rng::new(1);
        for _ in 0..10_000 {
            assert!(r.below(7) < 7);
            let x = r.range(-3, 3);
            assert!((-3..=3).contains(&x));
        }
    }

    #[test]
    fn weighted_respects_zero_weights() {
        let mut r = Rng::new(3);
        let items = [("nooit", 0), ("altijd", 5)];
        for _ in 0..1000 {
            assert_eq!(r.weighted(&items), "altijd");
        }
    }
}
