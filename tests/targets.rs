//! Target expressions: every seed target lowers to its listed kind; error kinds and spans;
//! property tests for round-trip, never-panic and well-formed predicates.

use proptest::prelude::*;
use zhibiao::predicate::{Predicate, TargetOptions};
use zhibiao::syntax::{parse_target, SyntaxErrorKind, Target, Wanted};
use zhibiao::Span;

fn rows() -> Vec<(String, String, String, String, String)> {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/seed-targets.tsv"
    ))
    .unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            assert_eq!(c.len(), 5, "bad row {l:?}");
            (
                c[0].into(),
                c[1].into(),
                c[2].into(),
                c[3].into(),
                c[4].into(),
            )
        })
        .collect()
}

#[test]
fn every_seed_target_lowers_to_its_kind() {
    let rows = rows();
    assert!(rows.len() >= 200, "{} rows", rows.len());
    let mut bad = Vec::new();
    for (system, id, unit, target, kind) in &rows {
        let opts = TargetOptions {
            unit: (unit != "-").then(|| unit.clone()),
            polarity: None,
        };
        match Predicate::parse(target, &opts) {
            Ok(p) if p.kind() == kind => {}
            Ok(p) => bad.push(format!(
                "{system} {id} `{target}`: {} instead of {kind}",
                p.kind()
            )),
            Err(e) => bad.push(format!("{system} {id} `{target}`: {e}")),
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// The syntax-tree printer and the predicate printer agree: for every seed target, the tree's
/// text and the predicate's canonical text both parse back to the same predicate.
#[test]
fn both_printers_round_trip_every_seed_target_to_the_same_predicate() {
    let mut bad = Vec::new();
    for (system, id, unit, target, _) in rows() {
        let opts = TargetOptions {
            unit: (unit != "-").then(|| unit.clone()),
            polarity: None,
        };
        let p = Predicate::parse(&target, &opts).unwrap();
        let tree_text = parse_target(&target).unwrap().to_string();
        let canonical = p.to_string();
        for text in [&tree_text, &canonical] {
            match Predicate::parse(text, &opts) {
                Ok(q) if q == p => {}
                Ok(q) => bad.push(format!("{system} {id} `{target}` → `{text}` → {q:?}")),
                Err(e) => bad.push(format!("{system} {id} `{target}` → `{text}`: {e}")),
            }
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn seed_table_matches_the_rule_files() {
    // every 目标 line of rules/seeds is in the table, and every row is in its file
    for system in [
        "shengzhou-2024",
        "daxinganling-2022",
        "lianshan-2017",
        "zaoyang-2021",
        "baoshan-2017",
    ] {
        let src = std::fs::read_to_string(format!(
            "{}/rules/seeds/{system}.zb",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let rules = zhibiao::RuleSet::parse(&src).unwrap();
        let table: Vec<(String, String)> = rows()
            .into_iter()
            .filter(|r| r.0 == system)
            .map(|r| (r.1, r.3))
            .collect();
        let file: Vec<(String, String)> = rules
            .indicators
            .iter()
            .filter_map(|i| i.target.clone().map(|t| (i.id.clone(), t)))
            .collect();
        assert_eq!(table, file, "{system}");
    }
}

#[test]
fn the_issue_examples() {
    let p = Predicate::parse(
        "完成上级规定的考核任务,且≥90或持续提高",
        &TargetOptions::default(),
    )
    .unwrap();
    let j = serde_json::to_value(&p).unwrap();
    assert_eq!(j["kind"], "all");
    assert_eq!(j["items"][0]["kind"], "superior_target");
    assert_eq!(j["items"][1]["kind"], "any");
    assert_eq!(j["items"][1]["items"][0]["op"], ">=");
    assert_eq!(j["items"][1]["items"][0]["value"], "90");
    assert_eq!(j["items"][1]["items"][1]["mode"], "continuous");
    assert_eq!(j["items"][1]["items"][1]["direction"], "up");

    let p: Predicate = "中西部地区市辖区、东部地区:≥60;中西部其他地区、东北地区:≥30"
        .parse()
        .unwrap();
    let j = serde_json::to_value(&p).unwrap();
    assert_eq!(j["kind"], "tiered");
    assert_eq!(j["tiers"].as_array().unwrap().len(), 2);
    assert_eq!(
        j["tiers"][0]["when"]["region"],
        "中西部地区市辖区 | 东部地区"
    );
}

/// (input, error kind, the text under the caret)
#[test]
fn errors_have_kinds_and_spans() {
    type Case<'a> = (
        &'a str,
        fn(&SyntaxErrorKind) -> bool,
        &'a str,
        Option<&'a str>,
    );
    let cases: &[Case] = &[
        (
            "≥",
            |k| matches!(k, SyntaxErrorKind::Expected { after, .. } if after == "≥"),
            "",
            None,
        ),
        (
            "不低于",
            |k| matches!(k, SyntaxErrorKind::Expected { expected, .. } if *expected == Wanted::Number.into()),
            "",
            None,
        ),
        (
            "≥20,且保持稳定或持续",
            |k| matches!(k, SyntaxErrorKind::Expected { .. }),
            "持续",
            Some("did you mean `持续改善`?"),
        ),
        ("", |k| matches!(k, SyntaxErrorKind::Empty), "", None),
        (
            "≥20,且",
            |k| matches!(k, SyntaxErrorKind::Expected { .. }),
            "",
            None,
        ),
        (
            "保持稳定或持续改進",
            |k| matches!(k, SyntaxErrorKind::Expected { .. }),
            "持续改進",
            Some("did you mean `持续改善`?"),
        ),
        (
            "好好学习",
            |k| matches!(k, SyntaxErrorKind::ExpectedFound { .. }),
            "好好学习",
            None,
        ),
    ];
    for (src, kind, under, help) in cases {
        let e = parse_target(src).unwrap_err();
        assert!(kind(&e.kind), "{src:?}: {:?}", e.kind);
        assert_eq!(
            &src[e.span.start..e.span.end],
            *under,
            "{src:?}: span {:?}",
            e.span
        );
        if let Some(h) = help {
            assert_eq!(
                e.help.as_ref().map(ToString::to_string).as_deref(),
                Some(*h),
                "{src:?}"
            );
        }
    }
    let long = "≥1,且".repeat(200) + "≥1";
    assert!(matches!(
        parse_target(&long).unwrap_err().kind,
        SyntaxErrorKind::TooLong { .. }
    ));
}

#[test]
fn spans_point_into_the_original_text() {
    // full-width input: spans are offsets into what the user wrote
    let src = "＞＝９０％，且不降低";
    let t = parse_target(src).unwrap();
    let zhibiao::syntax::Expr::Conj(c) = &t.expr else {
        panic!()
    };
    let second = &c.items[1].items[0];
    assert_eq!(&src[second.span.start..second.span.end], "不降低");
    assert_eq!(t.span, Span::new(0, src.len()));
}

#[test]
fn traditional_and_full_width_spellings() {
    for (a, b) in [
        ("不超過1%", "不超过1%"),
        ("達到100%", "达到100%"),
        ("三年內無較大環境事件", "三年内无较大环境事件"),
        ("＞＝２０", "≥20"),
        (">=20", "≥20"),
    ] {
        let pa: Predicate = a.parse().unwrap();
        let pb: Predicate = b.parse().unwrap();
        assert_eq!(pa, pb, "{a} vs {b}");
    }
}

fn reparse(t: &Target) -> Target {
    let text = t.to_string();
    let mut back = parse_target(&text).unwrap_or_else(|e| panic!("`{text}` does not reparse: {e}"));
    back.erase_spans();
    back
}

#[test]
fn seed_targets_round_trip() {
    for (_, _, _, target, _) in rows() {
        let mut t = parse_target(&target).unwrap();
        t.erase_spans();
        assert_eq!(reparse(&t), t, "{target} → {}", t);
    }
}

// ------------------------------------------------------------------ property tests

fn number() -> impl Strategy<Value = String> {
    (0u32..100_000, 0u32..4).prop_map(|(n, scale)| {
        let d = rust_decimal::Decimal::new(i64::from(n), scale);
        d.to_string()
    })
}

fn clause() -> impl Strategy<Value = String> {
    prop_oneof![
        (
            prop::sample::select(vec!["≥", "≤", ">", "<", "不低于", "不超过", "大于", "低于"]),
            number(),
            prop::sample::select(vec!["", "%", "吨标煤/万元"])
        )
            .prop_map(|(op, n, u)| format!("{op}{n}{u}")),
        (number(), prop::sample::select(vec!["", "%"])).prop_map(|(n, u)| format!("达到{n}{u}")),
        prop::sample::select(vec![
            "完成上级规定的考核任务",
            "完成上级管控目标",
            "保持稳定或持续改善",
            "持续下降",
            "逐步下降",
            "不降低",
            "近三年逐年下降",
            "建立",
            "划定并遵守",
            "有效开展",
            "三年内无较大环境事件",
            "低于全国平均水平",
            "面积不减少",
            "性质不改变",
            "能源消耗总量不超过控制目标值",
        ])
        .prop_map(str::to_string),
        (
            prop::sample::select(vec![
                "年增量≥",
                "提高幅度≥",
                "下降率≥",
                "下降",
                "比2015年下降"
            ]),
            number(),
            prop::sample::select(vec!["%", "个百分点", ""])
        )
            .prop_map(|(w, n, u)| format!("{w}{n}{u}")),
        (number(), number()).prop_map(|(a, b)| format!("{a}~{b}之间")),
        number().prop_map(|n| format!("△EQI>-{n}")),
        number().prop_map(|n| format!("下降{n}%左右")),
        (2000i32..2030).prop_map(|y| format!("比{y}年翻一番")),
        number().prop_map(|n| format!("〔{n}〕")),
        (
            prop::sample::select(vec!["", "连续三年"]),
            prop::sample::select(vec!["全省", "全市"]),
            1u32..30
        )
            .prop_map(|(y, s, n)| format!("{y}名列{s}前{n}名")),
        prop::sample::select(vec![
            "名列前茅",
            "位居全省前列",
            "进入全省县域经济20强",
            "居全市第一"
        ])
        .prop_map(str::to_string),
        (number(), number()).prop_map(|(a, b)| format!(
            "化肥、农药利用率均达到{a}%以上,且PM10和PM2.5年均浓度分别小于{a}、{b}"
        )),
        number().prop_map(|n| format!("全县乡镇超过{n}%达到标准")),
    ]
}

fn expression() -> impl Strategy<Value = String> {
    let disj = prop::collection::vec(clause(), 1..3).prop_map(|v| v.join("或"));
    let conj = prop::collection::vec(disj, 1..4).prop_map(|v| v.join(",且"));
    prop_oneof![
        4 => conj,
        1 => prop::collection::vec((prop::sample::select(vec!["山区", "丘陵区", "平原区", "东部", "中西部"]), number()), 1..4)
            .prop_map(|v| v.iter().map(|(c, n)| format!("{c}≥{n}")).collect::<Vec<_>>().join("、")),
        1 => (number(), number()).prop_map(|(a, b)| format!("综合利用率≤{a}%的地区提高幅度≥2%、综合利用率>{b}%的地区保持稳定或持续改善")),
        1 => (number(), number()).prop_map(|(a, b)| format!("大于{a}%(2007年、2008年大于{b}%)")),
        1 => (number(), number()).prop_map(|(a, b)| format!("高污染燃料禁燃区覆盖率>{a}%或清洁能源使用率>{b}%")),
        1 => (number(), number()).prop_map(|(a, b)| format!("城市污水集中处理率达到{a}%以上(2020年达到{b}%)")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 300,
        failure_persistence: Some(Box::new(proptest::test_runner::FileFailurePersistence::Direct("proptest-regressions/targets.txt"))),
        ..ProptestConfig::default()
    })]

    /// parse → print → parse gives the same tree, and printing is a fixed point.
    #[test]
    fn round_trip(src in expression()) {
        let Ok(mut t) = parse_target(&src) else { return Ok(()) };
        t.erase_spans();
        let back = reparse(&t);
        prop_assert_eq!(&back, &t);
        prop_assert_eq!(back.to_string(), t.to_string());
    }

    /// Generated expressions always parse, and lower to well-formed predicates.
    #[test]
    fn generated_expressions_parse_and_lower(src in expression()) {
        let t = parse_target(&src);
        prop_assert!(t.is_ok(), "{src}: {:?}", t.err());
        if let Ok(p) = Predicate::parse(&src, &TargetOptions::default()) {
            let mut ok = true;
            p.walk(&mut |q| if let Predicate::All { items, .. } | Predicate::Any { items, .. } = q { ok &= items.len() >= 2 });
            prop_assert!(ok, "empty or singleton all/any in {src}");
            prop_assert!(p.check().is_ok());
            let json = serde_json::to_string(&p).unwrap();
            let back: Predicate = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(back, p);
        }
    }

    /// Arbitrary text (CJK included) never panics, and errors point inside the input.
    #[test]
    fn never_panics(src in "[≥≤<>=,;:、且或并及的地区年内无山区建立保持稳定持续改善提高下降0-9.%() \\u{4e00}-\\u{4e50}a-z]{0,40}") {
        match parse_target(&src) {
            Ok(_) => {}
            Err(e) => {
                prop_assert!(e.span.start <= src.len() && e.span.end <= src.len());
                prop_assert!(src.is_char_boundary(e.span.start) && src.is_char_boundary(e.span.end));
            }
        }
        let _ = Predicate::parse(&src, &TargetOptions { unit: Some("%".into()), polarity: None });
    }

    #[test]
    fn never_panics_on_any_string(src in any::<String>()) {
        let _ = parse_target(&src);
        let _ = zhibiao::syntax::parse_region_expr(&src);
        let _ = zhibiao::rules::load(&src);
    }
}

/// The fast path builds exactly the grammar's tree (spans included).
#[test]
fn fast_path_agrees_with_the_grammar_on_every_phrase_and_seed_target() {
    let mut inputs: Vec<String> = zhibiao::syntax::vocabulary()
        .iter()
        .map(|s| s.to_string())
        .collect();
    inputs.extend(rows().into_iter().map(|r| r.3));
    inputs.extend(
        [
            "≥20",
            "≤0.70",
            "<0.5%",
            ">-1",
            "=3",
            "100",
            "95%",
            "0.5",
            "-2",
            "＞＝２０％",
            "≥ 20",
            "20 ",
            "≥20%以上",
        ]
        .map(String::from),
    );
    for s in inputs {
        let fast = parse_target(&s);
        let slow = zhibiao::syntax::parse_target_with_grammar(&s);
        match (&fast, &slow) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "{s}"),
            (Err(_), Err(_)) => {}
            _ => panic!("{s}: fast path {fast:?} vs grammar {slow:?}"),
        }
    }
}

proptest! {
    #[test]
    fn fast_path_agrees_on_numbers(op in prop::sample::select(vec!["", "≥", "≤", ">", "<", "=", ">=", "＞"]), n in "-?[0-9]{1,6}(\\.[0-9]{1,4})?", unit in prop::sample::select(vec!["", "%", "％", "个百分点", "吨"])) {
        let s = format!("{op}{n}{unit}");
        let fast = parse_target(&s);
        let slow = zhibiao::syntax::parse_target_with_grammar(&s);
        prop_assert_eq!(fast.is_ok(), slow.is_ok(), "{}", s);
        if let (Ok(a), Ok(b)) = (fast, slow) {
            prop_assert_eq!(a, b, "{}", s);
        }
    }
}

/// Every phrase family of SPEC §1 and every comparison word of SPEC §3.
#[test]
fn spec_phrase_table() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/spec-phrases.tsv"
    ))
    .unwrap();
    let mut bad = Vec::new();
    let mut n = 0;
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let c: Vec<&str> = line.split('\t').collect();
        let (unit, target, kind, check) = (c[0], c[1], c[2], c[3]);
        n += 1;
        let opts = TargetOptions {
            unit: (unit != "-").then(|| unit.to_string()),
            polarity: None,
        };
        let p = match Predicate::parse(target, &opts) {
            Ok(p) => p,
            Err(e) => {
                bad.push(format!("`{target}`: {e}"));
                continue;
            }
        };
        if p.kind() != kind {
            bad.push(format!("`{target}`: {} instead of {kind}", p.kind()));
            continue;
        }
        let (path, want) = check.split_once('=').unwrap();
        let mut v = serde_json::to_value(&p).unwrap();
        for part in path.split('.') {
            v = match part.parse::<usize>() {
                Ok(i) => v[i].take(),
                Err(_) => v[part].take(),
            };
        }
        let got = match &v {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        if got != want {
            bad.push(format!("`{target}`: {path} = {got}, expected {want}"));
        }
    }
    assert!(n >= 60, "{n} rows");
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}
