//! Every shipped indicator file: loads without errors, its examples pass, it is formatted,
//! its indicator count matches the source document, and its examples cover what they must.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use zhibiao::eval::run_examples;
use zhibiao::eval::Verdict;
use zhibiao::predicate::Predicate;
use zhibiao::rules::{load, RuleErrorKind};
use zhibiao::syntax::file::parse_file;
use zhibiao::{Lang, RuleSet};

fn rule_files() -> Vec<PathBuf> {
    let out = zhibiao::rules::find_files(&Path::new(env!("CARGO_MANIFEST_DIR")).join("rules"));
    assert!(
        out.len() >= 5,
        "expected the five seed systems under rules/, found {out:?}"
    );
    out
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap()
}

#[test]
fn every_file_checks_and_every_example_passes() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for f in rule_files() {
        let src = read(&f);
        let rules = match RuleSet::parse(&src) {
            Ok(r) => r,
            Err(errs) => {
                for e in errs {
                    failures.push(format!(
                        "{}: {}",
                        f.display(),
                        e.diagnostic().render(&f.display().to_string(), &src)
                    ));
                }
                continue;
            }
        };
        assert!(
            !rules.examples.is_empty(),
            "{} has no examples",
            f.display()
        );
        // the verdict-only paths agree with the explaining one
        for ex in &rules.examples {
            let region = ex.region_data();
            let year = ex.year.or_else(|| region.latest_year()).unwrap_or(0);
            let full = zhibiao::eval::evaluate_region(&rules, &region, year, Some(Lang::Zh));
            let quiet = zhibiao::eval::evaluate_region(&rules, &region, year, None);
            let fast = zhibiao::eval::region_verdict(&rules, &region, year);
            assert_eq!(fast, full.verdict, "{} {}", f.display(), ex.name);
            let a: Vec<Verdict> = full.indicators.iter().map(|i| i.verdict).collect();
            let b: Vec<Verdict> = quiet.indicators.iter().map(|i| i.verdict).collect();
            assert_eq!(a, b, "{} {}", f.display(), ex.name);
        }
        for r in run_examples(&rules, Lang::Zh) {
            checked += r.checked;
            for m in r.mismatches {
                failures.push(format!(
                    "{} example {:?} indicator {:?}: expected {}, got {}: {}",
                    f.display(),
                    r.name,
                    m.indicator,
                    m.expected,
                    m.actual,
                    m.explanation
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked > 200, "only {checked} expectations checked");
}

#[test]
fn every_file_is_formatted_and_fmt_is_idempotent() {
    for f in rule_files() {
        let src = read(&f);
        let once = parse_file(&src).unwrap().to_canonical();
        let twice = parse_file(&once).unwrap().to_canonical();
        assert_eq!(once, twice, "fmt is not idempotent on {}", f.display());
        assert_eq!(
            once,
            src,
            "{} is not in canonical layout: run `zhibiao fmt`",
            f.display()
        );
        // formatting keeps every comment
        let comments = |s: &str| s.lines().filter(|l| l.contains('#')).count();
        assert_eq!(comments(&src), comments(&once), "{}", f.display());
    }
}

#[test]
fn indicator_counts_match_the_documents() {
    // top-level indicators per document (corpus README and the seeds)
    let expected: BTreeMap<&str, usize> = [
        ("shengzhou-2024", 25),    // 1–19 and reference indicators 20–25
        ("daxinganling-2022", 41), // 36 in 附件1 plus the five policy items P1–P5
        ("lianshan-2017", 50),     // every target stated in the plan's tasks
        ("zaoyang-2021", 37),      // indicators 2–38 (the copy starts at 2)
        ("baoshan-2017", 24),      // 18 建设指标 and 6 基本条件
    ]
    .into_iter()
    .collect();
    for f in rule_files() {
        let stem = f.file_stem().unwrap().to_string_lossy().to_string();
        let Some(want) = expected.get(stem.as_str()) else {
            continue;
        };
        let src = read(&f);
        let rules = RuleSet::parse(&src).unwrap();
        let top = rules.top_level().count();
        assert_eq!(top, *want, "{stem}: top-level indicators");
        let declared: usize = src
            .lines()
            .find_map(|l| l.strip_prefix("# 指标数:"))
            .and_then(|l| l.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap_or(0);
        assert!(
            declared == top || stem == "daxinganling-2022" && declared + 5 == top,
            "{stem}: `# 指标数: {declared}` vs {top}"
        );
    }
}

/// Whether an indicator's target needs examples both ways: tiers, trends, superior targets,
/// named series.
fn needs_both(p: &Predicate) -> bool {
    let mut needs = false;
    p.walk(&mut |q| match q {
        Predicate::Tiered { .. }
        | Predicate::Trend { .. }
        | Predicate::SuperiorTarget { .. }
        | Predicate::Reference { .. } => needs = true,
        Predicate::Status {
            quantity: Some(_), ..
        } => needs = true,
        _ => {}
    });
    needs
}

#[test]
fn examples_cover_pass_and_fail_of_every_tier_trend_superior_and_named_series() {
    let mut missing = Vec::new();
    for f in rule_files() {
        let rules = RuleSet::parse(&read(&f)).unwrap();
        let mut seen: BTreeMap<&str, (bool, bool)> = BTreeMap::new();
        let mut whole = false;
        for ex in &rules.examples {
            for e in &ex.expects {
                match &e.indicator {
                    None => whole = true,
                    Some(id) => {
                        let s = seen.entry(id.as_str()).or_default();
                        s.0 |= e.verdict == Verdict::Pass;
                        s.1 |= e.verdict == Verdict::Fail;
                    }
                }
            }
        }
        assert!(whole, "{} has no whole-region example", f.display());
        for ind in &rules.indicators {
            if ind.predicate.as_ref().is_some_and(needs_both) {
                let (p, fl) = seen.get(ind.id.as_str()).copied().unwrap_or_default();
                if !(p && fl) {
                    missing.push(format!(
                        "{} indicator {} (pass: {p}, fail: {fl})",
                        f.display(),
                        ind.id
                    ));
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "examples missing:\n{}",
        missing.join("\n")
    );
}

#[test]
fn daxinganling_has_a_region_failed_by_a_veto() {
    let f = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/seeds/daxinganling-2022.zb");
    let rules = RuleSet::parse(&read(&f)).unwrap();
    assert_eq!(rules.vetoes.len(), 6);
    let vetoed = rules.examples.iter().any(|ex| {
        ex.data.iter().any(|d| {
            matches!(d.series, zhibiao::data::SeriesKey::Veto { .. })
                && d.values.iter().any(|(_, v)| v == "是")
        }) && ex
            .expects
            .iter()
            .any(|e| e.indicator.is_none() && e.verdict == Verdict::Fail)
    });
    assert!(vetoed);
}

/// A file with five different mistakes yields five errors on the right lines.
#[test]
fn five_mistakes_five_errors() {
    let src = r#"体系 "五个错误" {
    地区分类 区位: 东部 中部 西部
    指标 1 "重复编号" {
        单位 %
        方向 正向
        目标 ≥20
    }
    指标 1 "重复编号" {
        目标 ≥30
    }
    指标 2 "单位错误" {
        单位 立方米/万元
        目标 ≤0.70吨标煤/万元
    }
    指标 3 "未知分类" {
        单位 %
        目标 山区≥60、东部≥40
    }
    指标 4 "缺少方向" {
        单位 %
        目标 完成上级规定的考核任务
    }
    指标 5 "属性错误" {
        属性 必须性
        目标 ≥1
    }
}
"#;
    let loaded = load(src);
    let errors: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity() == zhibiao::diagnostic::Severity::Error)
        .collect();
    let lines: Vec<usize> = errors.iter().map(|e| e.span.line_col(src).0).collect();
    assert_eq!(lines, vec![8, 13, 17, 21, 24], "{errors:#?}");
    assert!(matches!(errors[0].kind, RuleErrorKind::Duplicate { .. }));
    assert!(matches!(errors[1].kind, RuleErrorKind::Target(_)));
    assert!(matches!(errors[2].kind, RuleErrorKind::UnknownRegion { ref name } if name == "山区"));
    assert!(matches!(
        errors[3].kind,
        RuleErrorKind::MissingPolarity { .. }
    ));
    assert!(matches!(errors[4].kind, RuleErrorKind::Attribute { .. }));
    let rendered: String = errors
        .iter()
        .map(|e| e.diagnostic().render("five.zb", src))
        .collect();
    assert!(rendered.contains("five.zb:13:"), "{rendered}");
    assert!(rendered.contains("^^^"), "{rendered}");
}

#[test]
fn overlapping_tiers_and_uncovered_classes() {
    let src = "体系 \"t\" {\n    地区分类 区位: 东部 中部 西部 东北\n    地区分类 类型: 市辖区 县\n    地区组 中西部 = 中部 | 西部\n    指标 1 \"x\" {\n        目标 中西部、东部:≥60;中部:≥30\n    }\n    指标 2 \"y\" {\n        目标 东部≥50\n    }\n}\n";
    let loaded = load(src);
    let kinds: Vec<String> = loaded
        .diagnostics
        .iter()
        .map(|d| d.kind.to_string())
        .collect();
    assert!(
        kinds.iter().any(|k| k.contains("tiers 1 and 2 overlap")),
        "{kinds:?}"
    );
    let warnings: Vec<String> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity() == zhibiao::diagnostic::Severity::Warning)
        .map(|d| d.kind.to_string())
        .collect();
    assert!(
        warnings.iter().any(|w| w.contains("中部, 西部, 东北")),
        "{warnings:?}"
    );
    assert!(
        warnings.iter().any(|w| w.contains("in 东北;")),
        "{warnings:?}"
    );
}

#[test]
fn rule_sets_round_trip_through_json() {
    for f in rule_files() {
        let rules = RuleSet::parse(&read(&f)).unwrap();
        let json = serde_json::to_string(&rules).unwrap();
        let back: RuleSet = serde_json::from_str(&json).unwrap();
        assert_eq!(back, rules, "{}", f.display());
    }
}

#[test]
fn the_rule_author_guide_example_checks_and_passes() {
    let guide = read(&Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/README.md"));
    let start = guide.find("```zb\n").unwrap() + "```zb\n".len();
    let end = start + guide[start..].find("```").unwrap();
    let src = &guide[start..end];
    let loaded = load(src);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let results = run_examples(&loaded.rules, Lang::Zh);
    let checked: usize = results.iter().map(|r| r.checked).sum();
    let failed: Vec<_> = results.iter().flat_map(|r| r.mismatches.iter()).collect();
    assert!(failed.is_empty(), "{failed:#?}");
    assert_eq!(checked, 8);
    assert_eq!(
        parse_file(src).unwrap().to_canonical(),
        src,
        "the guide's example is in canonical layout"
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let src = "指标 1 \"x\" {\n".repeat(10_000) + &"}\n".repeat(10_000);
    let errs = parse_file(&src).unwrap_err();
    assert!(
        matches!(
            errs[0].kind,
            zhibiao::syntax::SyntaxErrorKind::TooDeep { max: 16 }
        ),
        "{:?}",
        errs[0]
    );
    assert!(load(&src)
        .diagnostics
        .iter()
        .any(|d| d.kind.to_string().contains("nested deeper")));
}
