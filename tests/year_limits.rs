//! Year arithmetic at the limits of `i32`: a library caller may pass any assessment year and
//! any data year; windows and printed numbers of years are at most 100. Nothing panics, and a
//! year whose window runs past the ends of `i32` reads as missing data (数据不足), never 达标.

use proptest::prelude::*;
use zhibiao::eval::{evaluate_region, RegionData, Value};
use zhibiao::{RuleSet, Verdict};

const RULES: &str = r#"体系 "年份" {
    评估窗口 100
    指标 1 "x" {
        单位 %
        方向 正向
        目标 近100年内无较大环境事件,且保持稳定或持续改善,且比2015年下降10%
    }
    指标 2 "y" {
        单位 %
        方向 正向
        目标 近5年≥20,且连续三年名列全省前10名,且下降15%左右
    }
    否决项 1 "重大事件"
}
"#;

fn year() -> impl Strategy<Value = i32> {
    prop_oneof![
        Just(i32::MIN),
        Just(i32::MIN + 1),
        Just(i32::MAX),
        Just(i32::MAX - 1),
        Just(0),
        -200i32..200,
        1000i32..10_000,
        any::<i32>(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 400,
        failure_persistence: Some(Box::new(proptest::test_runner::FileFailurePersistence::Direct("proptest-regressions/year_limits.txt"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_year_evaluates_without_panic(y in year(), years in prop::collection::vec(year(), 0..6)) {
        let rules = RuleSet::parse(RULES).unwrap();
        let mut r = RegionData::new("甲县");
        for (k, d) in years.iter().enumerate() {
            r.set_value("1", *d, Value::Number(20.into()));
            r.set_value("2", *d, Value::Number((k as i64).into()));
            r.set_value("2:全省排名", *d, Value::Number(3.into()));
            r.set_event("较大环境事件", *d, Value::Word("否".into()));
            r.set_veto("1", *d, Value::Word("否".into()));
        }
        let out = evaluate_region(&rules, &r, y, None);
        // a window running off the ends of i32 cannot be complete
        if y < i32::MIN + 100 {
            prop_assert_ne!(out.verdict, Verdict::Pass);
        }
    }
}

#[test]
fn windows_and_numbers_of_years_are_capped() {
    for (text, ok) in [
        ("近100年内无较大环境事件", true),
        ("近101年内无较大环境事件", false),
        ("4000000000年内无较大环境事件", false),
        ("近4294967295年持续下降", false),
        ("近99999999999年持续下降", false),
        ("近1年持续下降", false),
    ] {
        let r = zhibiao::predicate::Predicate::parse(text, &Default::default());
        assert_eq!(r.is_ok(), ok, "{text}: {r:?}");
    }
}
