//! Helpers shared by the benches: criterion settings and a deterministic generator.
#![allow(dead_code)] // each bench uses a part

use std::time::Duration;

use std::collections::BTreeSet;

use criterion::Criterion;
use rust_decimal::Decimal;
use zhibiao::predicate::Predicate;

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

/// What an indicator's predicate reads, so that a generator writes the rows it needs.
#[derive(Default, Debug)]
pub struct Needs {
    pub threshold: Option<Decimal>,
    pub own_numeric: bool,
    pub own_target: bool,
    pub named_values: Vec<String>,
    pub named_targets: Vec<String>,
    pub status: Option<(String, Option<String>)>,
    pub qualitative: bool,
    pub events: Vec<String>,
}

pub fn needs(p: &Predicate) -> Needs {
    let mut n = Needs::default();
    p.walk(&mut |q| match q {
        Predicate::Compare { value, .. }
        | Predicate::Reach { value, .. }
        | Predicate::Share { value, .. } => {
            n.threshold.get_or_insert(*value);
            n.own_numeric = true;
        }
        Predicate::Range { min, .. } => {
            n.threshold.get_or_insert(*min);
            n.own_numeric = true;
        }
        Predicate::SuperiorTarget { quantity: None, .. } => {
            n.own_numeric = true;
            n.own_target = true;
        }
        Predicate::SuperiorTarget {
            quantity: Some(qn), ..
        } => {
            n.named_values.push(qn.clone());
            n.named_targets.push(qn.clone());
        }
        Predicate::Reference { reference, .. } => {
            n.own_numeric = true;
            n.named_values.push(reference.clone());
        }
        Predicate::Trend { quantity: None, .. } | Predicate::Change { .. } => n.own_numeric = true,
        Predicate::Trend {
            quantity: Some(qn), ..
        } => n.named_values.push(qn.clone()),
        Predicate::Status {
            requirement,
            quantity,
            ..
        } => n.status = Some((requirement.clone(), quantity.clone())),
        Predicate::Qualitative { .. } => n.qualitative = true,
        Predicate::NoEvent { event, .. } => n.events.push(event.clone()),
        _ => {}
    });
    // one series per name: a quantity read by two parts of a target is one set of rows
    let mut seen = BTreeSet::new();
    n.named_values.retain(|q| seen.insert(q.clone()));
    // a series is either numbers or status words; numbers win
    if let Some((_, q)) = &n.status {
        match q {
            None if n.own_numeric => n.status = None,
            Some(q) if n.named_values.contains(q) => n.status = None,
            _ => {}
        }
    }
    if n.own_numeric {
        n.qualitative = false;
    }
    n
}

/// A yearly series of `years` values around `base`, drifting in the good direction on average;
/// percentages are capped at 100. A model region (`good`) starts on the good side of `base` and
/// improves strictly every year.
pub fn series(
    rng: &mut Lcg,
    base: f64,
    good_up: bool,
    percent: bool,
    good: bool,
    years: usize,
) -> Vec<f64> {
    let start = if good {
        1.02 + 0.1 * rng.unit()
    } else {
        0.9 + 0.25 * rng.unit()
    };
    let mut v = base * if good_up { start } else { 2.0 - start };
    let mut out = Vec::with_capacity(years);
    for _ in 0..years {
        let u = if good {
            0.45 + 0.55 * rng.unit()
        } else {
            rng.unit()
        };
        let step = (u - 0.4) * 0.04 * base.abs().max(1.0);
        v += if good_up { step } else { -step };
        if percent {
            v = v.clamp(0.0, 100.0);
        }
        out.push(v);
    }
    out
}

/// A superior target for value `v`: a model region (`good`) beats it by 3% in its good
/// direction, another lands within ±4% of it.
pub fn target_for(rng: &mut Lcg, v: f64, good: bool, good_up: bool, percent: bool) -> f64 {
    let f = match (good, good_up) {
        (true, true) => 0.97,
        (true, false) => 1.03,
        (false, _) => 0.96 + 0.08 * rng.unit(),
    };
    let g = v * f;
    if percent {
        g.min(100.0)
    } else {
        g
    }
}

/// A county-level administrative kind: 市辖区 / 县级市 / 县 dominate, 旗 is rare.
pub fn county_kind(rng: &mut Lcg) -> &'static str {
    let w = rng.unit();
    if w < 0.33 {
        "市辖区"
    } else if w < 0.6 {
        "县级市"
    } else if w < 0.97 {
        "县"
    } else {
        "旗"
    }
}

/// `x` as a decimal with `places` decimal places.
pub fn dec(x: f64, places: u32) -> Decimal {
    let scale = 10f64.powi(places as i32);
    Decimal::new((x * scale).round() as i64, places)
}

/// A recorded status word for requirement `req`: mostly affirming for a model region (`good`).
pub fn status_word(rng: &mut Lcg, req: &str, good: bool) -> String {
    let u = if good { 0.5 * rng.unit() } else { rng.unit() };
    if u < 0.4 {
        req.to_string()
    } else if u < 0.75 {
        format!("已{req}")
    } else if u < 0.85 {
        format!("未{req}")
    } else if u < 0.95 {
        "是".to_string()
    } else {
        "否".to_string()
    }
}
