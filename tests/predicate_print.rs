//! One printer: every predicate prints as canonical target text that parses back to the same
//! predicate (`Predicate` → text → `Predicate`), for predicates generated directly rather than
//! from text.

use proptest::prelude::*;
use rust_decimal::Decimal;
use zhibiao::predicate::{
    Direction, Guard, Measure, Op, Predicate, RegionExpr, TargetOptions, Tier, TrendMode,
};

fn decimal() -> impl Strategy<Value = Decimal> {
    (0i64..100_000, 0u32..4).prop_map(|(n, scale)| Decimal::new(n, scale))
}

fn op() -> impl Strategy<Value = Op> {
    prop::sample::select(vec![Op::Ge, Op::Gt, Op::Le, Op::Lt])
}

fn unit() -> impl Strategy<Value = Option<String>> {
    prop::sample::select(vec![None, Some("%".to_string())])
}

fn leaf() -> impl Strategy<Value = Predicate> {
    prop_oneof![
        (op(), decimal(), unit()).prop_map(|(o, v, u)| Predicate::compare(o, v, u)),
        (decimal(), unit()).prop_map(|(v, u)| Predicate::reach(v, u)),
        (decimal(), decimal(), unit())
            .prop_map(|(a, b, u)| { Predicate::range(a.min(b), a.max(b), u).unwrap() }),
        prop::sample::select(vec![None, Some("能源消耗总量".to_string())])
            .prop_map(Predicate::superior_target),
        (
            op(),
            prop::sample::select(vec!["全国平均水平", "全省平均水平"])
        )
            .prop_map(|(o, r)| Predicate::reference(o, r)),
        (
            prop::sample::select(vec![
                TrendMode::HoldOrImprove,
                TrendMode::Continuous,
                TrendMode::Overall,
                TrendMode::NoWorse
            ]),
            prop::sample::select(vec![Direction::Up, Direction::Down, Direction::Better]),
            prop::sample::select(vec![
                None,
                Some("面积".to_string()),
                Some("PM2.5浓度".to_string()),
                Some("水质达到或优于Ⅲ类比例".to_string())
            ]),
            prop::sample::select(vec![None, Some(3u32), Some(5)]),
        )
            .prop_map(|(m, d, q, w)| Predicate::trend(m, d, q, w).unwrap()),
        (
            prop::sample::select(vec![
                (Measure::Difference, None),
                (Measure::Difference, Some("个百分点")),
                (Measure::Difference, Some("%")),
                (Measure::Relative, Some("%")),
            ]),
            prop::sample::select(vec![Direction::Up, Direction::Down]),
            op(),
            decimal(),
            prop::sample::select(vec![None, Some(2015)]),
        )
            .prop_map(|((m, u), d, o, v, b)| {
                Predicate::change(m, d, o, v, u.map(str::to_string), b)
            }),
        (
            prop::sample::select(vec!["建立", "划定并遵守", "有效开展", "未建立", "不明显"]),
            prop::sample::select(vec![None, Some("性质".to_string())])
        )
            .prop_map(|(r, q)| Predicate::status(r, q)),
        prop::sample::select(vec![
            "完成党政领导干部生态环境损害责任追究工作",
            "严禁生态环境破坏行为"
        ])
        .prop_map(Predicate::qualitative),
        prop::sample::select(vec![None, Some(3u32)]).prop_map(|y| Predicate::no_event(
            y,
            "较大环境事件"
        )
        .unwrap()),
        (2u32..6, op(), decimal()).prop_map(|(y, o, v)| Predicate::each_year(
            y,
            Predicate::compare(o, v, None)
        )
        .unwrap()),
        decimal().prop_map(|v| Predicate::approx(v, None)),
        (
            prop::sample::select(vec!["城市生活污水集中处理率", "PM2.5浓度", "山区"]),
            op(),
            decimal()
        )
            .prop_map(|(q, o, v)| Predicate::named(q, Predicate::compare(o, v, None)).unwrap()),
        (
            prop::sample::select(vec![Direction::Up, Direction::Down]),
            decimal(),
            prop::sample::select(vec![None, Some(2015)]),
        )
            .prop_map(|(d, v, b)| Predicate::about_change(
                Measure::Relative,
                d,
                v,
                Some("%".into()),
                b
            )),
        // a rank in each of three years, a five-year cumulative amount
        (1u32..30).prop_map(|n| Predicate::each_year(
            3,
            Predicate::named("全省排名", Predicate::compare(Op::Le, n.into(), None)).unwrap()
        )
        .unwrap()),
        decimal().prop_map(|v| Predicate::named(
            zhibiao::predicate::CUMULATIVE,
            Predicate::compare(Op::Ge, v, None)
        )
        .unwrap()),
        (op(), decimal()).prop_map(|(o, v)| Predicate::share(
            o,
            v.min(rust_decimal::Decimal::ONE_HUNDRED).abs(),
            "乡镇",
            "达到标准"
        )
        .unwrap()),
    ]
}

fn tiered() -> impl Strategy<Value = Predicate> {
    let class = prop::sample::select(vec!["山区", "丘陵区", "平原区", "东部", "中西部地区"]);
    prop::collection::vec((class, op(), decimal()), 1..4).prop_map(|tiers| {
        let mut seen = Vec::new();
        let tiers = tiers
            .into_iter()
            .filter(|(c, _, _)| {
                let new = !seen.contains(c);
                seen.push(*c);
                new
            })
            .map(|(c, o, v)| Tier {
                when: Guard::Region(RegionExpr::Class(c.to_string())),
                then: Predicate::compare(o, v, None),
            })
            .collect();
        Predicate::tiered(tiers).unwrap()
    })
}

/// A target for named years only (`2025年≥80;2030年≥90`).
fn year_schedule() -> impl Strategy<Value = Predicate> {
    prop::collection::btree_map(2020i32..2031, (op(), decimal()), 1..3).prop_map(|m| {
        let tiers = m
            .into_iter()
            .map(|(y, (o, v))| Tier {
                when: Guard::Years(vec![y]),
                then: Predicate::compare(o, v, None),
            })
            .collect();
        Predicate::tiered(tiers).unwrap()
    })
}

fn predicate() -> impl Strategy<Value = Predicate> {
    prop_oneof![
        1 => tiered(),
        1 => year_schedule(),
        3 => leaf(),
        1 => prop::collection::vec(leaf(), 2..4).prop_map(|v| Predicate::all(v).unwrap()),
        1 => prop::collection::vec(leaf(), 2..4).prop_map(|v| Predicate::any(v).unwrap()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 500,
        failure_persistence: Some(Box::new(proptest::test_runner::FileFailurePersistence::Direct("proptest-regressions/predicate_print.txt"))),
        ..ProptestConfig::default()
    })]

    /// Predicate → canonical text → Predicate is the identity, and printing is a fixed point.
    #[test]
    fn predicates_round_trip_through_their_text(p in predicate()) {
        let opts = TargetOptions { unit: Some("%".into()), polarity: None };
        let text = p.to_string();
        let back = Predicate::parse(&text, &opts);
        prop_assert!(back.is_ok(), "`{}` does not parse: {:?}", text, back.err());
        let back = back.unwrap();
        prop_assert_eq!(&back, &p, "via `{}`", text);
        prop_assert_eq!(back.to_string(), text);
    }
}
