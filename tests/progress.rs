//! Plan-year progress: a target with a year schedule shows its next milestone after the
//! assessment year, the distance to it and the linear projection from the first recorded year,
//! in every report format; it never changes a verdict.

use zhibiao::data::parse_measurements_csv;
use zhibiao::message::Milestone;
use zhibiao::report::{Format, Report};
use zhibiao::types::Op;
use zhibiao::{Lang, RuleSet, Verdict};

const RULES: &str = r#"体系 "规划" {
    指标 1 "森林覆盖率" {
        单位 %
        方向 正向
        目标 ≥60(2025年≥66)
    }
    指标 2 "PM2.5浓度" {
        单位 μg/m3
        方向 逆向
        目标 2025年≤35;2030年≤30
    }
    指标 3 "污水处理率" {
        单位 %
        方向 正向
        目标 到2025年达到95%
    }
    指标 4 "林草覆盖率" {
        单位 %
        方向 正向
        目标 ≥20
    }
}
"#;

const DATA: &str = "region,indicator,year,value
甲县,1,2020,60
甲县,1,2023,63
甲县,2,2021,44
甲县,2,2023,38
甲县,3,2022,90
甲县,3,2023,91
甲县,4,2023,30
乙县,1,2023,61
乙县,3,2023,96
乙县,4,2023,30
";

fn report(lang: Lang) -> (RuleSet, zhibiao::Dataset, Report) {
    let rules = RuleSet::parse(RULES).unwrap();
    let ds = parse_measurements_csv(DATA, &rules, "d.csv").unwrap();
    let report = Report::build(&rules, &ds, 2023, lang);
    (rules, ds, report)
}

/// The report of `csv` for 2023.
fn report_of(csv: &str) -> Report {
    let rules = RuleSet::parse(RULES).unwrap();
    let ds = parse_measurements_csv(csv, &rules, "d.csv").unwrap();
    Report::build(&rules, &ds, 2023, Lang::Zh)
}

fn milestone<'a>(r: &'a Report, region: &str, id: &str) -> Option<&'a Milestone> {
    let region = r.regions.iter().find(|x| x.region == region)?;
    let i = region.indicators.iter().find(|i| i.id == id)?;
    i.progress.as_ref()
}

#[test]
fn the_next_milestone_its_distance_and_the_projection() {
    let (_, _, r) = report(Lang::Zh);
    let d = |s: &str| s.parse::<rust_decimal::Decimal>().unwrap();
    // 60 (2020) → 63 (2023): +1 a year, 65 in 2025 < 66
    let m = milestone(&r, "甲县", "1").unwrap();
    assert_eq!(
        (m.year, m.op, m.bound, m.now),
        (2025, Op::Ge, d("66"), Some(d("63")))
    );
    let t = m.trend.as_ref().unwrap();
    assert_eq!(
        (t.from, t.per_year, t.projected, t.reaches),
        ((2020, d("60")), d("1"), d("65"), false)
    );
    assert_eq!(
        m.text(Lang::Zh),
        "下一目标:2025年 ≥ 66;2023年 63,还差 3 个百分点;按 2020–2023 年平均每年 +1 推算,2025年约 65,不能按期达到"
    );
    // lower is better: 44 → 38 over two years, 32 in 2025 ≤ 35; the nearer of two milestones
    let m = milestone(&r, "甲县", "2").unwrap();
    assert_eq!((m.year, m.op), (2025, Op::Le));
    assert!(m.trend.as_ref().unwrap().reaches);
    assert_eq!(
        m.text(Lang::En),
        "next milestone: 2025 ≤ 35; 38 in 2023, 3 μg/m3 over; at the 2021–2023 average of -3 a year, about 32 in 2025: in time"
    );
    // `达到` follows the indicator's polarity
    let m = milestone(&r, "甲县", "3").unwrap();
    assert_eq!((m.op, m.bound), (Op::Ge, d("95")));
    let t = m.trend.as_ref().unwrap();
    assert_eq!((t.projected, t.reaches), (d("93"), false));
    // met already; one year only: no projection; no value: the year is missing
    let m = milestone(&r, "乙县", "3").unwrap();
    assert_eq!(m.met(), Some(true));
    assert!(
        m.text(Lang::Zh)
            .contains("已达到;无更早年份的数据,不作推算"),
        "{}",
        m.text(Lang::Zh)
    );
    let m = milestone(&r, "乙县", "2").unwrap();
    assert_eq!(m.text(Lang::Zh), "下一目标:2025年 ≤ 35;缺 2023 年数据");
    // no schedule, no milestone
    assert!(milestone(&r, "甲县", "4").is_none());
}

#[test]
fn progress_never_changes_a_verdict() {
    let (_, _, r) = report(Lang::Zh);
    let region = &r.regions[0];
    let verdict = |id: &str| {
        region
            .indicators
            .iter()
            .find(|i| i.id == id)
            .unwrap()
            .verdict
    };
    assert_eq!(verdict("1"), Verdict::Pass);
    // 2023 is not a year of the schedule
    assert_eq!(verdict("2"), Verdict::NotApplicable);
}

#[test]
fn a_projection_is_exact_and_shown_to_two_decimals() {
    let r = report_of("region,indicator,year,value\n甲县,1,2020,60\n甲县,1,2023,61\n");
    let m = milestone(&r, "甲县", "1").unwrap();
    let t = m.trend.as_ref().unwrap();
    // 1/3 a year: 61 + 2/3 in 2025
    assert!(t.projected > "61.66".parse().unwrap() && t.projected < "61.67".parse().unwrap());
    assert!(
        m.text(Lang::Zh)
            .contains("平均每年 +0.33 推算,2025年约 61.67"),
        "{}",
        m.text(Lang::Zh)
    );
}

#[test]
fn every_format_shows_the_progress() {
    for lang in [Lang::Zh, Lang::En] {
        let (rules, ds, r) = report(lang);
        let head = match lang {
            Lang::Zh => "下一目标:2025年 ≥ 66",
            Lang::En => "next milestone: 2025 ≥ 66",
        };
        for format in [Format::Table, Format::Markdown, Format::Html, Format::Csv] {
            let text = r.render(format, lang, &rules, &ds, false);
            assert!(text.contains(head), "{format:?} {lang:?}:\n{text}");
        }
        // the chart draws the milestone, labelled, and the projection to it
        let html = r.render(Format::Html, lang, &rules, &ds, false);
        assert!(html.contains("class=\"milestone\""), "{html}");
        assert!(
            html.contains("class=\"milestone-label\">≥66</text>"),
            "{html}"
        );
        assert!(html.contains("class=\"projection\""), "{html}");
        // JSON holds the milestone typed, and reads back
        let json = r.render(Format::Json, lang, &rules, &ds, false);
        let back: Report = serde_json::from_str(&json).unwrap();
        assert_eq!(back, r);
        assert!(json.contains("\"progress\": {"), "{json}");
    }
}

#[test]
fn rows_the_progress_shows_are_used_and_off_years_say_so() {
    let (_, _, r) = report(Lang::Zh);
    // 2020 of indicator 1 and 2021 of indicator 2 are read by the projections only
    let jia = &r.regions[0];
    assert!(jia.unused_rows.is_empty(), "{:?}", jia.unused_rows);
    let r =
        report_of("region,indicator,year,value\n甲县,2,2021,44\n甲县,2,2022,40\n甲县,2,2023,38\n");
    let unused = &r.regions[0].unused_rows;
    assert_eq!(unused.len(), 1, "{unused:?}");
    assert_eq!(unused[0].rows, vec![[3, 3]]);
    assert_eq!(
        unused[0].reason,
        "指标 2 的目标不适用于评估年份 2023(目标只适用于其他年份)"
    );
}

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    /// A number as the data may write it: small, large, negative, with many decimals.
    fn number() -> impl Strategy<Value = String> {
        prop_oneof![
            (-1000i64..1000).prop_map(|n| n.to_string()),
            (any::<i64>(), 0u32..10)
                .prop_map(|(n, s)| rust_decimal::Decimal::new(n, s).to_string()),
            Just("79228162514264337593543950335".to_string()),
            Just("-79228162514264337593543950335".to_string()),
            Just("0.0000000000000000000000000001".to_string()),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        /// Any values in any years: progress is shown or not, never a panic; a projection is
        /// the line through its two years, and `reaches` is its comparison.
        #[test]
        fn progress_of_any_values(
            rows in proptest::collection::vec(
                (prop_oneof![1990i32..=2030, 1000i32..=9999], number()),
                1..6,
            ),
            year in prop_oneof![2000i32..=2026, 1000i32..=9999],
        ) {
            let rules = RuleSet::parse(RULES).unwrap();
            let mut csv = String::from("region,indicator,year,value\n");
            for (y, v) in &rows {
                csv.push_str(&format!("甲县,1,{y},{v}\n"));
            }
            let Ok(ds) = parse_measurements_csv(&csv, &rules, "d.csv") else {
                return Ok(()); // duplicate years
            };
            let r = Report::build(&rules, &ds, year, Lang::Zh);
            let _ = r.render(Format::Table, Lang::Zh, &rules, &ds, false);
            if let Some(m) = milestone(&r, "甲县", "1") {
                prop_assert!(m.year > year && m.year == 2025);
                if let (Some(t), Some(now)) = (&m.trend, m.now) {
                    prop_assert!(t.from.0 < year);
                    prop_assert_eq!(t.reaches, m.op.holds(t.projected, m.bound));
                    // the line: now + per_year × (2025 − year), up to the 28 digits kept
                    let ahead = rust_decimal::Decimal::from(2025 - year);
                    if let Some(expected) = t.per_year.checked_mul(ahead).and_then(|d| now.checked_add(d)) {
                        prop_assert_eq!(t.projected, expected);
                    }
                }
            }
        }
    }
}
