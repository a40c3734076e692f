//! A sum of floating-point numbers kept exactly, rounded once when read: the same bits
//! whatever the order or grouping of its terms.
//!
//! The portfolio adds items replication by replication. One process adds them in item order;
//! a catalogue run on many machines adds them in pieces, in whatever order the pieces finish.
//! A plain `+=` gives different last bits for the two; this gives the correctly rounded value
//! of the exact sum for both, so a cluster's totals equal one process's bit for bit.
//!
//! The exact sum is held as Shewchuk's non-overlapping partials (J. R. Shewchuk, *Adaptive
//! Precision Floating-Point Arithmetic and Fast Robust Geometric Predicates*, 1997): each new
//! term is added with error-free two-sums, keeping every rounding error as another partial.
//! Reading it rounds the partials once, with the half-way correction of Python's
//! `math.fsum` (the same algorithm), so the two agree. Written here rather than taken from a
//! crate because the state must be written out, read back and merged across processes.
//!
//! Terms are finite (costs, cash); an infinite or NaN term makes the sum NaN.

/// An exact running sum of `f64`s.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ExactSum {
    /// Non-overlapping, increasing in magnitude; their exact sum is the sum.
    partials: Vec<f64>,
    /// A term was not finite.
    not_finite: bool,
}

impl ExactSum {
    /// Adds one term, exactly.
    pub fn add(&mut self, x: f64) {
        if !x.is_finite() {
            self.not_finite = true;
            return;
        }
        let mut x = x;
        let mut kept = 0;
        for k in 0..self.partials.len() {
            let mut y = self.partials[k];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            // Two-sum: hi + lo is exactly x + y.
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                self.partials[kept] = lo;
                kept += 1;
            }
            x = hi;
        }
        self.partials.truncate(kept);
        if !x.is_finite() {
            // The exact sum overflows f64; it has no finite rounding.
            self.not_finite = true;
        }
        self.partials.push(x);
    }

    /// Adds another sum's terms, exactly.
    pub fn merge(&mut self, other: &ExactSum) {
        self.not_finite |= other.not_finite;
        other.partials.iter().for_each(|&p| self.add(p));
    }

    /// The exact sum rounded to the nearest `f64` (ties to even); NaN when a term was not
    /// finite or the sum overflows.
    pub fn value(&self) -> f64 {
        if self.not_finite {
            return f64::NAN;
        }
        let p = &self.partials;
        let Some(mut n) = p.len().checked_sub(1) else { return 0.0 };
        // From the largest partial down, until a rounding error appears.
        let mut hi = p[n];
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = p[n];
            hi = x + y;
            lo = y - (hi - x);
            if lo != 0.0 {
                break;
            }
        }
        // Half-way between two floats with more below of the same sign: round the other way.
        if n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            if y == x - hi {
                hi = x;
            }
        }
        hi
    }

    /// The partials: written out to carry the sum to another process
    /// ([`ExactSum::from_partials`] reads them back).
    pub fn partials(&self) -> &[f64] {
        &self.partials
    }

    /// A sum of these terms (any list of numbers: they are added one by one).
    pub fn from_partials(terms: &[f64]) -> ExactSum {
        let mut sum = ExactSum::default();
        terms.iter().for_each(|&t| sum.add(t));
        sum
    }
}

impl FromIterator<f64> for ExactSum {
    fn from_iter<I: IntoIterator<Item = f64>>(terms: I) -> Self {
        let mut sum = ExactSum::default();
        terms.into_iter().for_each(|t| sum.add(t));
        sum
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sum(terms: &[f64]) -> f64 {
        terms.iter().copied().collect::<ExactSum>().value()
    }

    /// CPython's own cases for `math.fsum` (Lib/test/test_math.py), each with its exact
    /// answer worked by hand there.
    #[test]
    fn it_rounds_the_exact_sum_as_python_fsum_does() {
        let p = |e: i32| 2f64.powi(e);
        assert_eq!(sum(&[]), 0.0);
        assert_eq!(sum(&[0.1; 10]), 1.0);
        assert_eq!(sum(&[1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]), 1e-100);
        assert_eq!(sum(&[p(53), -0.5, -p(-54)]), p(53) - 1.0);
        // Half-way cases, each side.
        assert_eq!(sum(&[p(53), 1.0, p(-100)]), p(53) + 2.0);
        assert_eq!(sum(&[p(53) + 10.0, 1.0, p(-100)]), p(53) + 12.0);
        assert_eq!(sum(&[p(53) - 4.0, 0.5, p(-54)]), p(53) - 3.0);
        // 1/n for n = 1..1000: CPython's expected value, 0x1.df11f45f4e61ap+2.
        let harmonic: Vec<f64> = (1..=1000).map(|n| 1.0 / f64::from(n)).collect();
        assert_eq!(sum(&harmonic), 7.485_470_860_550_345);
        assert!(sum(&[1.0, f64::INFINITY]).is_nan());
        assert!(sum(&[f64::MAX, f64::MAX]).is_nan(), "an overflowing sum has no value");
    }

    #[test]
    fn any_order_and_any_grouping_give_the_same_bits() {
        // Costs of very different sizes, where a plain sum depends on its order.
        let terms: Vec<f64> = (0..2_000_u32)
            .map(|i| {
                let x = f64::from(i.wrapping_mul(2_654_435_761) % 1_000_003) / 7.0;
                if i % 3 == 0 {
                    x * 1e9
                } else if i % 3 == 1 {
                    -x * 1e-3
                } else {
                    x
                }
            })
            .collect();
        let forward = sum(&terms);
        let backward: Vec<f64> = terms.iter().rev().copied().collect();
        assert_eq!(sum(&backward).to_bits(), forward.to_bits());
        let plain_forward: f64 = terms.iter().sum();
        let plain_backward: f64 = backward.iter().sum();
        assert_ne!(plain_forward, plain_backward, "a plain sum differs by order here");
        // In pieces, merged in another order, and through written-out partials.
        let pieces: Vec<ExactSum> =
            terms.chunks(333).map(|c| c.iter().copied().collect()).collect();
        let mut merged = ExactSum::default();
        for piece in pieces.iter().rev() {
            merged.merge(&ExactSum::from_partials(piece.partials()));
        }
        assert_eq!(merged.value().to_bits(), forward.to_bits());
        // Adding and taking away the same terms leaves exactly what was there.
        let mut back = merged.clone();
        terms[..1_000].iter().for_each(|&t| back.add(-t));
        assert_eq!(back.value().to_bits(), sum(&terms[1_000..]).to_bits());
    }
}
