//! A synthetic national panel: 2,844 county-level regions × 10 years (2015–2024) × every
//! indicator of `rules/seeds/shengzhou-2024.zb`, generated deterministically (LCG), evaluated for
//! assessment year 2024 on one thread and on all cores.
//!
//! Run: `cargo bench --bench national`

mod common;
use common::{config, county_kind, dec, needs, target_for, Lcg, Needs};
use std::collections::BTreeMap;
use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, SamplingMode, Throughput};
use zhibiao::eval::region_verdict;
use zhibiao::eval::{evaluate_regions, Context, RegionData, Value, Verdict};
use zhibiao::predicate::{Polarity, Predicate};
use zhibiao::{Lang, RuleSet};

const REGIONS: usize = 2_844;
const FIRST_YEAR: i32 = 2015;
const YEAR: i32 = 2024;

/// A yearly series keyed by year (see [`common::series`]).
fn series(
    rng: &mut Lcg,
    base: f64,
    good_up: bool,
    percent: bool,
    good: bool,
) -> BTreeMap<i32, f64> {
    let years = (YEAR - FIRST_YEAR + 1) as usize;
    (FIRST_YEAR..=YEAR)
        .zip(common::series(rng, base, good_up, percent, good, years))
        .collect()
}

fn panel(rules: &RuleSet) -> Vec<RegionData> {
    let mut rng = Lcg(2844);
    let plans: Vec<(&zhibiao::rules::Indicator, Needs)> = rules
        .indicators
        .iter()
        .filter_map(|i| i.predicate.as_ref().map(|p| (i, needs(p))))
        .collect();
    let mut regions = Vec::with_capacity(REGIONS);
    for k in 0..REGIONS {
        let mut r = RegionData::new(format!("县{k:04}"));
        // about a quarter of the regions are model counties whose data passes
        let good = rng.unit() < 0.25;
        for d in &rules.dimensions {
            if d.name == "特征" {
                for c in &d.classes {
                    if rng.unit() < 0.5 {
                        r.classes.insert(c.clone());
                    }
                }
            } else if d.name == "行政区划" {
                r.classes.insert(county_kind(&mut rng).to_string());
            } else {
                r.classes.insert(rng.pick(&d.classes).clone());
            }
        }
        for (ind, n) in &plans {
            let percent = ind.unit.as_deref() == Some("%");
            let good_up = ind.polarity != Some(Polarity::Lower);
            let base = n
                .threshold
                .map(|t| t.to_string().parse::<f64>().unwrap_or(50.0))
                .unwrap_or(if percent { 85.0 } else { 30.0 });
            let places = if base < 2.0 { 3 } else { 1 };
            if n.own_numeric {
                let s = series(&mut rng, base, good_up, percent, good);
                for (y, v) in &s {
                    r.set_value(&ind.id, *y, Value::Number(dec(*v, places)));
                    if n.own_target {
                        let g = target_for(&mut rng, *v, good, good_up, percent);
                        r.set_target(&ind.id, *y, Value::Number(dec(g, places)));
                    }
                }
            }
            for q in &n.named_values {
                let s = series(&mut rng, base, good_up, percent, good);
                for (y, v) in &s {
                    r.set_named(&ind.id, q, *y, Value::Number(dec(*v, places)));
                    if n.named_targets.contains(q) {
                        r.set_named_target(
                            &ind.id,
                            q,
                            *y,
                            Value::Number(dec(
                                target_for(&mut rng, *v, good, false, false),
                                places,
                            )),
                        );
                    }
                }
            }
            if let Some((req, q)) = &n.status {
                for y in FIRST_YEAR..=YEAR {
                    let w = common::status_word(&mut rng, req, good);
                    match q {
                        None => r.set_value(&ind.id, y, Value::Word(w)),
                        Some(q) => r.set_named(&ind.id, q, y, Value::Word(w)),
                    }
                }
            }
            for e in &n.events {
                for y in FIRST_YEAR..=YEAR {
                    r.set_event(
                        e,
                        y,
                        Value::Word(
                            if good || rng.unit() < 0.97 {
                                "否"
                            } else {
                                "是"
                            }
                            .into(),
                        ),
                    );
                }
            }
        }
        for v in &rules.vetoes {
            for y in FIRST_YEAR..=YEAR {
                r.set_veto(
                    &v.id,
                    y,
                    Value::Word(
                        if good || rng.unit() < 0.995 {
                            "否"
                        } else {
                            "是"
                        }
                        .into(),
                    ),
                );
            }
        }
        regions.push(r);
    }
    regions
}

fn bench_national(c: &mut Criterion) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/seeds/shengzhou-2024.zb");
    let src = std::fs::read_to_string(path).expect("read shengzhou-2024.zb");
    let rules = RuleSet::parse(&src).expect("shengzhou-2024.zb validates");
    let regions = panel(&rules);

    // Report the mix the panel produces, so the figures can be judged.
    let results = evaluate_regions(&rules, &regions, YEAR, None);
    let mut tally: BTreeMap<String, usize> = BTreeMap::new();
    for r in &results {
        for i in &r.indicators {
            *tally.entry(format!("{:?}", i.verdict)).or_default() += 1;
        }
    }
    assert!(
        results
            .iter()
            .zip(&regions)
            .all(|(res, r)| region_verdict(&rules, r, YEAR) == res.verdict),
        "region_verdict agrees with evaluate_region"
    );
    let overall = results
        .iter()
        .filter(|r| r.verdict == Verdict::Pass)
        .count();
    let values: usize = regions
        .iter()
        .map(|r| {
            r.indicators
                .values()
                .map(|d| {
                    d.series.values.len()
                        + d.series.targets.len()
                        + d.named
                            .values()
                            .map(|s| s.values.len() + s.targets.len())
                            .sum::<usize>()
                })
                .sum::<usize>()
        })
        .sum();
    eprintln!(
        "national: {} regions × {} indicators ({} with a predicate), {} stored values; indicator verdicts {:?}; regions passing overall {}",
        regions.len(),
        rules.indicators.len(),
        rules.indicators.iter().filter(|i| i.predicate.is_some()).count(),
        values,
        tally,
        overall
    );

    let mut g = c.benchmark_group("national");
    g.sampling_mode(SamplingMode::Flat);
    g.throughput(Throughput::Elements(regions.len() as u64));
    // The compiled path: rules compiled once, the panel in a Dataset's dense cells.
    let ds = zhibiao::Dataset::from_regions(&rules, &regions);
    let program = rules.compile();
    let ev = zhibiao::eval::Evaluator::new(&program, &ds);
    assert!(
        results
            .iter()
            .enumerate()
            .all(|(i, res)| ev.verdict(i, YEAR) == res.verdict),
        "the compiled dataset path agrees with evaluate_region"
    );
    // The verdict-only fast path: the overall verdict, nothing per indicator.
    g.bench_function("region_verdict/1thread", |b| {
        b.iter(|| {
            let mut pass = 0usize;
            for i in 0..black_box(&ds).len() {
                pass += (ev.verdict(i, YEAR) == Verdict::Pass) as usize;
            }
            pass
        })
    });
    g.bench_function("verdict_only/1thread", |b| {
        b.iter(|| {
            let mut pass = 0usize;
            for i in 0..black_box(&ds).len() {
                pass += ev
                    .evaluate(i, YEAR, None)
                    .is_some_and(|r| r.verdict == Verdict::Pass) as usize;
            }
            pass
        })
    });
    g.bench_function("explain_zh/1thread", |b| {
        b.iter(|| {
            let mut pass = 0usize;
            for i in 0..black_box(&ds).len() {
                pass += ev
                    .evaluate(i, YEAR, Some(Lang::Zh))
                    .is_some_and(|r| r.verdict == Verdict::Pass) as usize;
            }
            pass
        })
    });
    g.bench_function("verdict_only/evaluate_all", |b| {
        b.iter(|| ev.evaluate_all(YEAR, None).len())
    });
    g.bench_function("explain_zh/evaluate_all", |b| {
        b.iter(|| ev.evaluate_all(YEAR, Some(Lang::Zh)).len())
    });
    // Hand-built regions (the rules compiled once per call of evaluate_regions).
    g.bench_function("explain_zh/evaluate_regions", |b| {
        b.iter(|| evaluate_regions(&rules, black_box(&regions), YEAR, Some(Lang::Zh)).len())
    });

    // Breakdown (one thread): where the time of evaluate_region goes.
    let compiled: Vec<(&zhibiao::rules::Indicator, &Predicate)> = rules
        .indicators
        .iter()
        .filter_map(|i| i.predicate.as_ref().map(|p| (i, p)))
        .collect();
    g.bench_function("breakdown/predicates_verdict_only/1thread", |b| {
        b.iter(|| {
            let mut pass = 0usize;
            for r in black_box(&regions) {
                for (ind, p) in &compiled {
                    if let Some(a) = &ind.applies {
                        if !a.matches(&|c| r.classes.contains(c)) {
                            continue;
                        }
                    }
                    let ctx = Context::new(r, &ind.id, YEAR).with_settings(rules.settings(ind));
                    pass += (ctx.verdict(p) == Verdict::Pass) as usize;
                }
            }
            pass
        })
    });
    g.bench_function("breakdown/predicates_evidence_no_text/1thread", |b| {
        b.iter(|| {
            let mut facts = 0usize;
            for r in black_box(&regions) {
                for (ind, p) in &compiled {
                    let ctx = Context::new(r, &ind.id, YEAR).with_settings(rules.settings(ind));
                    facts += ctx.evaluate(p).evidence.len();
                }
            }
            facts
        })
    });
    g.bench_function("breakdown/predicates_explanation_zh/1thread", |b| {
        b.iter(|| {
            let mut bytes = 0usize;
            for r in black_box(&regions) {
                for (ind, p) in &compiled {
                    let ctx = Context::new(r, &ind.id, YEAR).with_settings(rules.settings(ind));
                    bytes += ctx.evaluate(p).explanation(Lang::Zh).len();
                }
            }
            bytes
        })
    });
    g.finish();
}

criterion_group! { name = benches; config = config(); targets = bench_national }
criterion_main!(benches);
