//! Data input: CSV and JSON readers, encodings, and every kind of bad input (exit 1 with the
//! row, never a panic, nothing dropped silently).

use std::path::PathBuf;

use zhibiao::data::{parse_measurements_csv, read_measurements, read_regions, DataErrorKind};
use zhibiao::eval::Value;
use zhibiao::RuleSet;

const RULES: &str = r#"体系 "测试" {
    地区分类 区位: 东部 中部 西部
    指标 1 "森林覆盖率" {
        单位 %
        方向 正向
        目标 ≥20
    }
    指标 2 "单位GDP能耗" {
        单位 吨标煤/万元
        方向 逆向
        目标 ≤0.70吨标煤/万元,且能源消耗总量不超过控制目标值
    }
    指标 3 "河长制" {
        目标 全面实施
    }
    指标 4 "分档" {
        单位 %
        目标 东部≥60、中部≥40
    }
    否决项 1 "重大生态破坏事件"
}
"#;

fn rules() -> RuleSet {
    RuleSet::parse(RULES).unwrap()
}

fn tmp(name: &str, bytes: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("zhibiao-data-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn reads_english_and_chinese_headers_bom_percent_and_status_words() {
    let en = "region,indicator,year,value,target\nA县,1,2023,22%,\nA县,2:能源消耗总量,2023,101.5,103\nA县,河长制,2023,已全面实施,\nA县,veto:1,2023,否,\n";
    let zh = "\u{feff}地区,指标,年份,值,目标\nA县,1,2023,22%,\nA县,2:能源消耗总量,2023,101.5,103\nA县,河长制,2023,已全面实施,\nA县,veto:1,2023,否,\n".to_string();
    let a = parse_measurements_csv(en, &rules(), "en.csv").unwrap();
    let b = parse_measurements_csv(&zh, &rules(), "zh.csv").unwrap();
    assert_eq!(a.to_regions(), b.to_regions());
    let r = &a.region_at(0).unwrap();
    assert_eq!(
        r.series("1", None).unwrap().values[&2023],
        Value::Number("22".parse().unwrap())
    );
    assert_eq!(
        r.series("2", Some("能源消耗总量")).unwrap().targets[&2023],
        Value::Number("103".parse().unwrap())
    );
    assert_eq!(
        r.series("3", None).unwrap().values[&2023],
        Value::Word("已全面实施".into())
    );
    assert!(r.vetoes.contains_key("1"));
    assert_eq!(a.latest_year, Some(2023));
}

#[test]
fn reads_gb18030() {
    let text = "地区,指标,年份,值,目标\n甲县,1,2023,25,\n";
    let (bytes, _, _) = encoding_rs::GB18030.encode(text);
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the test input must not be UTF-8"
    );
    let p = tmp("gbk.csv", &bytes);
    let ds = read_measurements(&p, &rules()).unwrap();
    assert_eq!(ds.region_at(0).unwrap().name, "甲县");
}

#[test]
fn reads_json_rows() {
    let p = tmp("m.json", r#"[{"region":"A县","indicator":"1","year":2023,"value":22},{"地区":"A县","指标":"3","年份":"2023","值":"已实施"}]"#.as_bytes());
    let ds = read_measurements(&p, &rules()).unwrap();
    assert_eq!(ds.len(), 1);
    assert_eq!(
        ds.region_at(0).unwrap().series("1", None).unwrap().values[&2023],
        Value::Number("22".parse().unwrap())
    );
}

#[test]
fn unused_rows_are_listed_with_reasons() {
    let csv = "region,indicator,year,value\nA县,1,2023,22\nA县,99,2023,1\nA县,2:用水总量,2023,5\nA县,event:台风,2023,是\nA县,veto:7,2023,否\n";
    let ds = parse_measurements_csv(csv, &rules(), "u.csv").unwrap();
    let unused = &ds.unused["A县"];
    let rows: Vec<usize> = unused.iter().map(|u| u.row).collect();
    assert_eq!(rows, vec![3, 4, 5, 6]);
    assert!(
        unused[0].reason.to_string().contains("no indicator"),
        "{}",
        unused[0].reason
    );
    assert!(
        unused[1]
            .reason
            .to_string()
            .contains("does not read a series `用水总量`"),
        "{}",
        unused[1].reason
    );
}

/// Each bad input: the error kind, the row (header = line 1) and the column.
#[test]
fn bad_inputs_name_row_and_column() {
    type Case<'a> = (&'a str, fn(&DataErrorKind) -> bool, usize, Option<&'a str>);
    let cases: &[Case] = &[
        (
            "region,indicator,year,value\nA县,1,2023,22\nA县,1,20x3,22\n",
            |k| matches!(k, DataErrorKind::BadYear(_)),
            3,
            Some("year"),
        ),
        (
            "region,indicator,year,value\nA县,1,2023,2..2\n",
            |k| matches!(k, DataErrorKind::BadNumber { .. }),
            2,
            Some("value"),
        ),
        (
            "region,indicator,year,value\nA县,1,2023,很多\n",
            |k| matches!(k, DataErrorKind::BadNumber { .. }),
            2,
            Some("value"),
        ),
        (
            "region,indicator,year,value\nA县,1,2023,22\nB县,1,2023,1\nA县,1,2023,23\n",
            |k| matches!(k, DataErrorKind::Duplicate { first: 2, .. }),
            4,
            Some("indicator"),
        ),
        (
            "region,indicator,value\nA县,1,22\n",
            |k| matches!(k, DataErrorKind::MissingColumn("year", "年份")),
            1,
            None,
        ),
        ("", |k| matches!(k, DataErrorKind::Empty), 1, None),
        (
            "region,indicator,year,value\n",
            |k| matches!(k, DataErrorKind::Empty),
            1,
            None,
        ),
        (
            "region,indicator,year,value\n,1,2023,22\n",
            |k| matches!(k, DataErrorKind::EmptyCell("region")),
            2,
            Some("region"),
        ),
    ];
    for (csv, kind, row, column) in cases {
        let e = parse_measurements_csv(csv, &rules(), "bad.csv").unwrap_err();
        assert!(kind(&e.kind), "{csv:?}: {:?}", e.kind);
        assert_eq!(e.row, *row, "{csv:?}: {e}");
        assert_eq!(e.column.as_deref(), *column, "{csv:?}");
        let msg = e.to_string();
        assert!(msg.starts_with(&format!("bad.csv:{row}")), "{msg}");
    }
}

#[test]
fn regions_file_classes_are_checked() {
    let measurements = || {
        parse_measurements_csv(
            "region,indicator,year,value\nA县,4,2023,61\nB县,4,2023,50\nC县,4,2023,50\n",
            &rules(),
            "m.csv",
        )
        .unwrap()
    };
    // every region listed, every class declared: classes attached
    let mut ds = measurements();
    let p = tmp(
        "regions-ok.csv",
        "region,classes\nA县,东部\nB县,中部\nC县,西部\n".as_bytes(),
    );
    read_regions(&p, &rules(), &mut ds).unwrap();
    assert!(ds.classes(0).unwrap().contains("东部"));
    // an undeclared class is an error naming file, row and the closest declared class
    let mut ds = measurements();
    let p = tmp(
        "regions-typo.csv",
        "region,classes\nA县,东部\nB县,中布\nC县,西部\n".as_bytes(),
    );
    let e = read_regions(&p, &rules(), &mut ds).unwrap_err();
    assert_eq!(e.row, 3, "{e}");
    assert!(
        e.to_string()
            .contains("class `中布` is not declared in the rules: did you mean `中部`?"),
        "{e}"
    );
    // a region of the measurements missing from the regions file is an error
    let mut ds = measurements();
    let p = tmp(
        "regions-short.csv",
        "region,classes\nA县,东部\nB县,中部\n".as_bytes(),
    );
    let e = read_regions(&p, &rules(), &mut ds).unwrap_err();
    assert!(
        e.to_string()
            .contains("region `C县` has measurements but is not in the regions file"),
        "{e}"
    );
}

#[test]
fn rows_after_the_assessment_year_are_reported() {
    let csv =
        "region,indicator,year,value\nA县,1,2021,20\nA县,1,2022,21\nA县,1,2023,22\nA县,4,2022,50\n";
    let ds = parse_measurements_csv(csv, &rules(), "y.csv").unwrap();
    let rules = rules();
    let program = rules.compile();
    let ev = zhibiao::eval::Evaluator::new(&program, &ds);
    let result = ev.evaluate(0, 2022, Some(zhibiao::Lang::En)).unwrap();
    let u = result.unused_rows;
    let rows: Vec<[usize; 2]> = u.iter().flat_map(|g| g.rows.clone()).collect();
    assert_eq!(rows, vec![[2, 2], [4, 4], [5, 5]], "{u:?}");
    assert!(u.iter().all(|g| g.count == 1));
    assert!(
        u[0].reason
            .contains("no target reads year 2021 (assessment year 2022)"),
        "{}",
        u[0].reason
    );
    assert!(u[1].reason.contains("after the assessment year 2022"));
    assert!(
        u[2].reason
            .contains("the region's classes do not say whether it applies"),
        "{}",
        u[2].reason
    );
}

proptest::proptest! {
    /// Any text as a measurements file: an error or a dataset, never a panic; every non-empty
    /// data row is either stored or listed as unused.
    #[test]
    fn readers_never_panic(text in "(region,indicator,year,value,target\n)?([A-C县,0-9veto:event.%是否 \\-]{0,30}\n){0,8}") {
        if let Ok(ds) = parse_measurements_csv(&text, &rules(), "p.csv") {
            let unused: usize = ds.unused.values().map(Vec::len).sum();
            let rows = text.lines().skip(1).filter(|l| l.split(',').any(|c| !c.trim().is_empty())).count();
            proptest::prop_assert_eq!(unused + ds.stored_rows(), rows, "{}", text);
        }
    }
}

#[test]
fn columns_that_are_not_read_are_reported() {
    let ds = parse_measurements_csv(
        "region,indicator,year,value,备注\nA县,1,2023,22,估算\n",
        &rules(),
        "c.csv",
    )
    .unwrap();
    assert_eq!(ds.warnings.len(), 1);
    assert_eq!(ds.warnings[0].row, Some(1));
    let w = &ds.warnings[0];
    assert_eq!(
        w.text(zhibiao::Lang::En),
        "warning: c.csv:1: column `备注` is not read (zhibiao reads region, indicator, year, value, target)"
    );
    assert_eq!(
        w.text(zhibiao::Lang::Zh),
        "警告: c.csv:1: 不读取列「备注」(读取的列:地区、指标、年份、值、目标)"
    );
}

#[test]
fn the_cells_a_verdict_read_survive_serialisation() {
    let csv = "region,indicator,year,value,target\nA县,1,2022,21,\nA县,1,2023,22,\nA县,2:能源消耗总量,2023,101.5,103\n";
    let ds = parse_measurements_csv(csv, &rules(), "r.csv").unwrap();
    let result = zhibiao::eval::evaluate_region(
        &rules(),
        &ds.region_at(0).unwrap(),
        2023,
        Some(zhibiao::Lang::Zh),
    );
    assert!(result.indicators.iter().any(|i| !i.reads.is_empty()));
    let json = serde_json::to_string(&result).unwrap();
    let back: zhibiao::eval::RegionResult = serde_json::from_str(&json).unwrap();
    for (a, b) in result.indicators.iter().zip(&back.indicators) {
        assert_eq!(a.reads, b.reads, "{}", a.id);
    }
}

/// `80%的乡镇达到…`: a region's share counts its sub-regions (regions file `parent`); without
/// sub-regions the share is the region's own value; a sub-region without a record is 数据不足.
#[test]
fn shares_count_the_sub_regions_named_in_the_regions_file() {
    let rules = RuleSet::parse(
        "体系 \"x\" {\n地区分类 层级: 县 乡镇\n指标 1 \"生态乡镇比例\" {\n单位 %\n目标 80%的乡镇达到市级生态乡镇标准并获命名\n}\n}\n",
    )
    .unwrap();
    let verdict = |measurements: &str, regions: &str| {
        let mut ds = parse_measurements_csv(measurements, &rules, "m.csv").unwrap();
        let p = tmp("regions-parent.csv", regions.as_bytes());
        read_regions(&p, &rules, &mut ds).unwrap();
        let program = rules.compile();
        let ev = zhibiao::eval::Evaluator::new(&program, &ds);
        let pos = ds.position("甲县").unwrap();
        let r = ev.evaluate(pos, 2023, Some(zhibiao::Lang::Zh)).unwrap();
        (r.indicators[0].verdict, r.indicators[0].explanation.clone())
    };
    let regions =
        "region,classes,parent\n甲县,县,\n一镇,乡镇,甲县\n二镇,乡镇,甲县\n三镇,乡镇,甲县\n";
    let two_of_three =
        "region,indicator,year,value\n一镇,1,2023,是\n二镇,1,2023,是\n三镇,1,2023,否\n";
    let (v, why) = verdict(two_of_three, regions);
    assert_eq!(v, zhibiao::Verdict::Fail, "{why}");
    assert!(why.contains("子区域 2/3"), "{why}");
    let all = "region,indicator,year,value\n一镇,1,2023,是\n二镇,1,2023,已命名\n三镇,1,2023,是\n";
    assert_eq!(verdict(all, regions).0, zhibiao::Verdict::Pass);
    let missing = "region,indicator,year,value\n一镇,1,2023,是\n二镇,1,2023,是\n甲县,1,2022,1\n";
    let (v, why) = verdict(missing, regions);
    assert_eq!(v, zhibiao::Verdict::Insufficient, "{why}");
    assert!(why.contains("三镇"), "{why}");
    // without sub-regions, the share is given directly
    let direct = "region,indicator,year,value\n甲县,1,2023,85\n";
    assert_eq!(
        verdict(direct, "region,classes\n甲县,县\n").0,
        zhibiao::Verdict::Pass
    );
    // a parent the file does not list is an error naming the row
    let mut ds = parse_measurements_csv(all, &rules, "m.csv").unwrap();
    let p = tmp(
        "regions-bad-parent.csv",
        "region,classes,parent\n甲县,县,\n一镇,乡镇,乙县\n二镇,乡镇,甲县\n三镇,乡镇,甲县\n"
            .as_bytes(),
    );
    let e = read_regions(&p, &rules, &mut ds).unwrap_err();
    assert_eq!(e.row, 3, "{e}");
    assert!(e.to_string().contains("`乙县`"), "{e}");
}
