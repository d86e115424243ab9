//! Evaluating one compiled predicate over 1,000,000 values, beside hand-written closures.
//!
//! Run: `cargo bench --bench predicate`
//!
//! Every benchmark evaluates 1,000,000 values per iteration (1,000 distinct regions/values,
//! looped 1,000×), so criterion's time per iteration in ms equals ns per value.

mod common;
use common::{config, Lcg};
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};
use rust_decimal::Decimal;
use zhibiao::eval::{Context, RegionData, Settings, Value, Verdict};
use zhibiao::predicate::{Polarity, Predicate, TargetOptions};
use zhibiao::Lang;

const DISTINCT: usize = 1_000;
const LOOPS: usize = 1_000;
const YEAR: i32 = 2024;

fn count_pass(vs: impl Iterator<Item = Verdict>) -> usize {
    vs.filter(|v| *v == Verdict::Pass).count()
}

fn bench_ge20(c: &mut Criterion) {
    let p: Predicate = "≥20".parse().expect("≥20 parses");
    let mut rng = Lcg(20);
    let values: Vec<Decimal> = (0..DISTINCT).map(|_| rng.dec(0, 40)).collect();
    let regions: Vec<RegionData> = values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let mut r = RegionData::new(format!("县{i}"));
            r.set_value("1", YEAR, Value::Number(*v));
            r
        })
        .collect();
    let twenty = Decimal::from(20);
    // sanity: all paths agree
    let expect = values.iter().filter(|v| **v >= twenty).count();
    assert_eq!(
        count_pass(
            regions
                .iter()
                .map(|r| Context::new(r, "1", YEAR).verdict(&p))
        ),
        expect
    );
    eprintln!("predicate: ≥20 passes {expect} of {DISTINCT} distinct values");

    let mut g = c.benchmark_group("ge20_1M");
    g.sampling_mode(SamplingMode::Flat);
    g.throughput(Throughput::Elements((DISTINCT * LOOPS) as u64));

    // The practical limit: a closure comparing decimals already in a slice.
    let closure = |d: &Decimal| *d >= twenty;
    g.bench_function("closure_decimal_slice", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for _ in 0..LOOPS {
                for v in black_box(&values) {
                    n += closure(black_box(v)) as usize;
                }
            }
            n
        })
    });

    // The same closure, but reaching the value the way the evaluator does (region → indicator → year).
    let lookup = |r: &RegionData| match r.series("1", None).and_then(|s| s.values.get(&YEAR)) {
        Some(Value::Number(d)) => Some(*d >= twenty),
        _ => None,
    };
    g.bench_function("closure_regiondata_lookup", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for _ in 0..LOOPS {
                for r in black_box(&regions) {
                    n += (lookup(r) == Some(true)) as usize;
                }
            }
            n
        })
    });

    // The compiled path: a one-indicator system compiled once, the values in a Dataset's dense
    // cells, each region's whole-system verdict (classes, vetoes and the overall verdict too).
    let rules = zhibiao::RuleSet::parse("体系 \"x\" {\n指标 1 \"x\" {\n目标 ≥20\n}\n}\n")
        .expect("one-indicator rules");
    let ds = zhibiao::Dataset::from_regions(&rules, &regions);
    let program = rules.compile();
    let ev = zhibiao::eval::Evaluator::new(&program, &ds);
    assert_eq!(
        count_pass((0..ds.len()).map(|i| ev.verdict(i, YEAR))),
        expect
    );
    assert_eq!(
        count_pass(ev.indicator_verdicts(0, YEAR).into_iter()),
        expect
    );
    g.bench_function("zhibiao_compiled_indicator", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for _ in 0..LOOPS {
                for i in 0..black_box(&ds).len() {
                    n += (ev.indicator_verdict(i, 0, YEAR) == Verdict::Pass) as usize;
                }
            }
            n
        })
    });
    g.bench_function("zhibiao_compiled_column", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for _ in 0..LOOPS {
                n += count_pass(ev.indicator_verdicts(0, YEAR).into_iter());
            }
            n
        })
    });
    g.bench_function("zhibiao_compiled_dataset", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for _ in 0..LOOPS {
                for i in 0..black_box(&ds).len() {
                    n += (ev.verdict(i, YEAR) == Verdict::Pass) as usize;
                }
            }
            n
        })
    });

    g.bench_function("zhibiao_verdict", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for _ in 0..LOOPS {
                for r in black_box(&regions) {
                    n += (Context::new(r, "1", YEAR).verdict(black_box(&p)) == Verdict::Pass)
                        as usize;
                }
            }
            n
        })
    });

    // With settings and unit as the whole-system evaluator passes them.
    let settings = Settings {
        polarity: Some(Polarity::Higher),
        ..Settings::default()
    };
    g.bench_function("zhibiao_verdict_with_settings", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for _ in 0..LOOPS {
                for r in black_box(&regions) {
                    let ctx = Context::new(r, "1", YEAR)
                        .with_settings(settings)
                        .with_unit(Some("%"));
                    n += (ctx.verdict(black_box(&p)) == Verdict::Pass) as usize;
                }
            }
            n
        })
    });
    g.finish();

    // The explanation path is ~2 orders of magnitude slower: measure it on 1,000 values only.
    let mut g = c.benchmark_group("ge20_1k_explained");
    g.throughput(Throughput::Elements(DISTINCT as u64));
    g.bench_function("zhibiao_evaluate", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for r in black_box(&regions) {
                n += (Context::new(r, "1", YEAR).evaluate(black_box(&p)).verdict == Verdict::Pass)
                    as usize;
            }
            n
        })
    });
    g.bench_function("zhibiao_evaluate_explanation_zh", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for r in black_box(&regions) {
                n += Context::new(r, "1", YEAR)
                    .evaluate(black_box(&p))
                    .explanation(Lang::Zh)
                    .len();
            }
            n
        })
    });
    g.finish();
}

fn bench_hold_or_improve(c: &mut Criterion) {
    let opts = TargetOptions {
        unit: Some("%".into()),
        polarity: Some(Polarity::Higher),
    };
    let p = Predicate::parse("保持稳定或持续改善", &opts).expect("parses");
    let settings = Settings {
        window: 2,
        polarity: Some(Polarity::Higher),
        ..Settings::default()
    };
    let mut rng = Lcg(7);
    let pairs: Vec<(Decimal, Decimal)> = (0..DISTINCT)
        .map(|_| {
            let a = rng.dec(60, 70);
            // half hold or improve, half worsen
            let step = rng.dec(-2, 2);
            (a, a + step)
        })
        .collect();
    let regions: Vec<RegionData> = pairs
        .iter()
        .enumerate()
        .map(|(i, (a, b))| {
            let mut r = RegionData::new(format!("县{i}"));
            r.set_value("7.1", YEAR - 1, Value::Number(*a));
            r.set_value("7.1", YEAR, Value::Number(*b));
            r
        })
        .collect();
    let tolerance = Decimal::ZERO;
    // v(Y) − v(Y−1) in the good direction ≥ −τ; overflow → not a pass.
    let closure = |a: Decimal, b: Decimal| b.checked_sub(a).is_some_and(|m| m >= -tolerance);
    let expect = pairs.iter().filter(|(a, b)| closure(*a, *b)).count();
    assert_eq!(
        count_pass(regions.iter().map(|r| {
            Context::new(r, "7.1", YEAR)
                .with_settings(settings)
                .verdict(&p)
        })),
        expect
    );
    eprintln!("predicate: 保持稳定或持续改善 passes {expect} of {DISTINCT} distinct series");

    let mut g = c.benchmark_group("hold_or_improve_1M");
    g.sampling_mode(SamplingMode::Flat);
    g.throughput(Throughput::Elements((DISTINCT * LOOPS) as u64));
    g.bench_function("closure_decimal_pairs", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for _ in 0..LOOPS {
                for (a, b) in black_box(&pairs) {
                    n += closure(*a, *b) as usize;
                }
            }
            n
        })
    });
    g.bench_function("zhibiao_verdict", |b| {
        b.iter(|| {
            let mut n = 0usize;
            for _ in 0..LOOPS {
                for r in black_box(&regions) {
                    // A Context per value, as evaluate_region builds one per indicator.
                    let ctx = Context::new(r, "7.1", YEAR).with_settings(settings);
                    n += (ctx.verdict(black_box(&p)) == Verdict::Pass) as usize;
                }
            }
            n
        })
    });
    g.finish();
}

criterion_group! { name = benches; config = config(); targets = bench_ge20, bench_hold_or_improve }
criterion_main!(benches);
