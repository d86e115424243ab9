//! Helpers shared by the benches: criterion settings and a deterministic generator.
#![allow(dead_code)] // each bench uses a part

use std::time::Duration;

use criterion::Criterion;
use rust_decimal::Decimal;

/// Short runs: the development machine has two cores.
pub fn config() -> Criterion {
    Criterion::default()
        .sample_size(20)
        .measurement_time(Duration::from_secs(3))
        .warm_up_time(Duration::from_secs(1))
        .configure_from_args()
}

/// A tiny deterministic LCG (Knuth's MMIX constants), so that every run sees the same data.
pub struct Lcg(pub u64);

impl Lcg {
    /// The next 31 bits.
    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    /// Uniform in [0, 1) (for choosing data only; evaluation uses decimals).
    pub fn unit(&mut self) -> f64 {
        (self.next() % 1_000_000) as f64 / 1_000_000.0
    }

    /// One of `xs`.
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[(self.next() % xs.len() as u64) as usize]
    }

    /// A decimal in [lo, hi) with one decimal place.
    pub fn dec(&mut self, lo: i64, hi: i64) -> Decimal {
        let span = ((hi - lo) * 10) as u64;
        Decimal::new(lo * 10 + (self.next() % span) as i64, 1)
    }
}
