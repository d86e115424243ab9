//! Parsing benchmarks: every target expression of `rules/**/*.zb`, a few short expressions, and
//! whole rule files including validation.
//!
//! Run: `cargo bench --bench parse`
//! Throughput is reported in elements (target expressions, or indicators for whole files) per second.

mod common;
use common::config;
use std::hint::black_box;
use std::path::{Path, PathBuf};

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use zhibiao::predicate::{Predicate, TargetOptions};
use zhibiao::syntax::parse_target;
use zhibiao::RuleSet;

/// Every `.zb` file below `rules/`, sorted.
fn rule_files() -> Vec<PathBuf> {
    zhibiao::rules::find_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("rules"))
}

/// (target text, options declared by its indicator) for every indicator with a target.
/// Uses `rules::load`, which keeps what it could read even if a file has errors.
fn all_targets(files: &[(PathBuf, String)]) -> Vec<(String, TargetOptions)> {
    let mut out = Vec::new();
    for (_, src) in files {
        let loaded = zhibiao::rules::load(src);
        for ind in &loaded.rules.indicators {
            if let Some(t) = &ind.target {
                out.push((
                    t.clone(),
                    TargetOptions {
                        unit: ind.unit.clone().filter(|u| u != "-"),
                        polarity: ind.polarity,
                    },
                ));
            }
        }
    }
    out
}

fn bench_targets(c: &mut Criterion) {
    let files: Vec<(PathBuf, String)> = rule_files()
        .into_iter()
        .map(|p| {
            (
                p.clone(),
                std::fs::read_to_string(&p).expect("read rule file"),
            )
        })
        .collect();
    let targets = all_targets(&files);
    // Only expressions that currently parse (the grammar is being worked on concurrently).
    let syntax_ok: Vec<&str> = targets
        .iter()
        .map(|(t, _)| t.as_str())
        .filter(|t| parse_target(t).is_ok())
        .collect();
    let lower_ok: Vec<&(String, TargetOptions)> = targets
        .iter()
        .filter(|(t, o)| Predicate::parse(t, o).is_ok())
        .collect();
    let chars: usize = syntax_ok.iter().map(|t| t.chars().count()).sum();
    eprintln!(
        "parse: {} files, {} targets ({} parse, {} lower), mean {:.1} chars/target",
        files.len(),
        targets.len(),
        syntax_ok.len(),
        lower_ok.len(),
        chars as f64 / syntax_ok.len().max(1) as f64
    );

    let mut g = c.benchmark_group("all_targets");
    g.throughput(Throughput::Elements(syntax_ok.len() as u64));
    g.bench_function("parse_target", |b| {
        b.iter(|| {
            for t in &syntax_ok {
                black_box(parse_target(black_box(t)).ok());
            }
        })
    });
    g.throughput(Throughput::Elements(lower_ok.len() as u64));
    g.bench_function("Predicate::parse", |b| {
        b.iter(|| {
            for (t, o) in &lower_ok {
                black_box(Predicate::parse(black_box(t), o).ok());
            }
        })
    });
    g.finish();

    let mut g = c.benchmark_group("short_targets");
    g.throughput(Throughput::Elements(1));
    for (name, src) in [
        ("ge20", "≥20"),
        ("status_jianli", "建立"),
        ("hold_or_improve", "保持稳定或持续改善"),
    ] {
        assert!(parse_target(src).is_ok(), "`{src}` should parse");
        g.bench_function(format!("parse_target/{name}"), |b| {
            b.iter(|| black_box(parse_target(black_box(src)).ok()))
        });
        let opts = TargetOptions {
            unit: Some("%".into()),
            polarity: Some(zhibiao::predicate::Polarity::Higher),
        };
        g.bench_function(format!("Predicate::parse/{name}"), |b| {
            b.iter(|| black_box(Predicate::parse(black_box(src), &opts).ok()))
        });
    }
    // The raw `str::parse::<Decimal>` of "20": a floor for what parsing `≥20` could cost.
    g.bench_function("floor/decimal_from_str_20", |b| {
        b.iter(|| black_box(black_box("20").parse::<rust_decimal::Decimal>().ok()))
    });
    g.finish();

    let mut g = c.benchmark_group("rule_files");
    for (path, src) in &files {
        let Ok(rules) = RuleSet::parse(src) else {
            eprintln!(
                "parse: {} does not validate now; left out of rule_files",
                path.display()
            );
            continue;
        };
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        g.throughput(Throughput::Elements(rules.indicators.len() as u64));
        g.bench_function(format!("RuleSet::parse/{name}"), |b| {
            b.iter(|| black_box(RuleSet::parse(black_box(src)).is_ok()))
        });
    }
    g.finish();
}

criterion_group! { name = benches; config = config(); targets = bench_targets }
criterion_main!(benches);
