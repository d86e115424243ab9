//! Workbooks read back to the same data as the equivalent CSV: the demo data of every seed
//! system written by rust_xlsxwriter in the long layout, the three wide layouts, with cells
//! formatted as percentages, placeholders and a misspelt indicator name.
#![cfg(feature = "xlsx")]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use zhibiao::message::Warning;

use rust_xlsxwriter::{Format, Workbook, Worksheet};
use zhibiao::data::{parse_measurements_csv, read_measurements, Dataset};
use zhibiao::RuleSet;

mod seeds;

use seeds::SYSTEMS;

/// The demo CSV of a system as rows of (region, indicator, year, value, target).
fn demo(system: &str) -> (RuleSet, String, Vec<[String; 5]>) {
    let rules = seeds::rules(system);
    let csv = std::fs::read_to_string(seeds::data_dir(system).join("measurements.csv")).unwrap();
    let rows = csv
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let mut cells = l.split(',').map(str::to_string);
            std::array::from_fn(|_| cells.next().unwrap_or_default())
        })
        .collect();
    (rules, csv, rows)
}

fn out(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("zhibiao-workbook-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// Write a cell as a user would type it: a number as a number, anything else as text.
fn put(ws: &mut Worksheet, row: u32, col: u16, text: &str) {
    match text.parse::<f64>() {
        Ok(n) if !text.is_empty() => ws.write_number(row, col, n).map(|_| ()),
        _ if text.is_empty() => Ok(()),
        _ => ws.write_string(row, col, text).map(|_| ()),
    }
    .unwrap();
}

/// What a dataset holds, without where it came from: the regions' values and targets, and
/// the unused rows' (region, indicator, reason).
fn content(
    ds: &Dataset,
) -> (
    Vec<zhibiao::data::RegionData>,
    Vec<(String, String, String)>,
) {
    let mut regions = ds.to_regions();
    regions.sort_by(|a, b| a.name.cmp(&b.name));
    let mut unused: Vec<_> = ds
        .unused
        .iter()
        .flat_map(|(r, rows)| {
            rows.iter()
                .map(|u| (r.clone(), u.indicator.clone(), u.reason.to_string()))
        })
        .collect();
    unused.sort();
    (regions, unused)
}

fn long(rows: &[[String; 5]], path: &Path, percent_of: impl Fn(&str) -> bool) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet().set_name("数据").unwrap();
    let pct = Format::new().set_num_format("0.0%");
    for (c, h) in ["地区", "指标", "年份", "值", "目标", "备注"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        for (c, text) in r.iter().enumerate() {
            let n = text.parse::<f64>();
            match n {
                Ok(n) if c >= 3 && percent_of(&r[1]) => {
                    ws.write_number_with_format(row, c as u16, n / 100.0, &pct)
                        .unwrap();
                }
                _ => put(ws, row, c as u16, text),
            }
        }
    }
    wb.save(path).unwrap();
}

/// Regions down, indicators across, a sheet per year; targets in `(目标)` columns.
fn regions_down(rows: &[[String; 5]], path: &Path) {
    let mut by_year: BTreeMap<&str, Vec<&[String; 5]>> = BTreeMap::new();
    for r in rows {
        by_year.entry(r[2].as_str()).or_default().push(r);
    }
    let mut wb = Workbook::new();
    for (year, rows) in by_year {
        let ws = wb.add_worksheet().set_name(format!("{year}年")).unwrap();
        let mut cols: Vec<String> = Vec::new();
        let mut regions: Vec<&str> = Vec::new();
        let col = |cols: &mut Vec<String>, h: String| match cols.iter().position(|c| *c == h) {
            Some(i) => i,
            None => {
                cols.push(h);
                cols.len() - 1
            }
        };
        ws.write_string(0, 0, "地区").unwrap();
        for r in rows {
            let ri = match regions.iter().position(|x| *x == r[0]) {
                Some(i) => i,
                None => {
                    regions.push(&r[0]);
                    regions.len() - 1
                }
            } as u32
                + 1;
            ws.write_string(ri, 0, &r[0]).unwrap();
            for (k, suffix) in [(3, ""), (4, "(目标)")] {
                if r[k].is_empty() {
                    continue;
                }
                let c = col(&mut cols, format!("{}{suffix}", r[1])) as u16 + 1;
                put(ws, ri, c, &r[k]);
            }
        }
        for (i, h) in cols.iter().enumerate() {
            ws.write_string(0, i as u16 + 1, h).unwrap();
        }
    }
    wb.save(path).unwrap();
}

/// Indicators down, and across either years (a sheet per region) or regions (a sheet per
/// year); targets in `(目标)` rows.
fn indicators_down(rows: &[[String; 5]], path: &Path, years_across: bool) {
    let (sheet_of, across_of) = if years_across { (0, 2) } else { (2, 0) };
    let mut sheets: BTreeMap<String, Vec<&[String; 5]>> = BTreeMap::new();
    for r in rows {
        sheets.entry(r[sheet_of].clone()).or_default().push(r);
    }
    let mut wb = Workbook::new();
    for (name, rows) in sheets {
        let ws = wb.add_worksheet().set_name(&name).unwrap();
        ws.write_string(0, 0, "指标").unwrap();
        ws.write_string(0, 1, "单位").unwrap();
        let mut across: Vec<&str> = Vec::new();
        let mut down: Vec<String> = Vec::new();
        for r in rows {
            let c = match across.iter().position(|x| *x == r[across_of]) {
                Some(i) => i,
                None => {
                    across.push(&r[across_of]);
                    across.len() - 1
                }
            } as u16
                + 2;
            for (k, suffix) in [(3, ""), (4, "（目标）")] {
                if r[k].is_empty() {
                    continue;
                }
                let key = format!("{}{suffix}", r[1]);
                let row = match down.iter().position(|x| *x == key) {
                    Some(i) => i,
                    None => {
                        down.push(key.clone());
                        down.len() - 1
                    }
                } as u32
                    + 1;
                ws.write_string(row, 0, &key).unwrap();
                put(ws, row, c, &r[k]);
            }
        }
        for (i, h) in across.iter().enumerate() {
            let label = if years_across {
                format!("{h}年")
            } else {
                h.to_string()
            };
            ws.write_string(0, i as u16 + 2, label).unwrap();
        }
    }
    wb.save(path).unwrap();
}

#[test]
fn every_layout_reads_back_to_the_csv_data() {
    for system in SYSTEMS {
        let (rules, csv, rows) = demo(system);
        let expected = content(&parse_measurements_csv(&csv, &rules, "m.csv").unwrap());
        let percent = |id: &str| {
            rules
                .indicator(id)
                .is_some_and(|i| i.unit.as_deref() == Some("%"))
        };
        let plain = out(&format!("{system}-long.xlsx"));
        long(&rows, &plain, |_| false);
        let pct = out(&format!("{system}-percent.xlsx"));
        long(&rows, &pct, percent);
        let down = out(&format!("{system}-regions-down.xlsx"));
        regions_down(&rows, &down);
        let years = out(&format!("{system}-years-across.xlsx"));
        indicators_down(&rows, &years, true);
        let regions = out(&format!("{system}-regions-across.xlsx"));
        indicators_down(&rows, &regions, false);
        for path in [&plain, &pct, &down, &years, &regions] {
            let ds = read_measurements(path, &rules)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert_eq!(content(&ds), expected, "{}", path.display());
        }
        let ds = read_measurements(&pct, &rules).unwrap();
        let said = ds
            .warnings
            .iter()
            .any(|w| matches!(w.warning, Warning::PercentCells { .. }));
        assert!(
            said || !rows.iter().any(|r| percent(&r[1])),
            "{system}: {:?}",
            ds.warnings
        );
    }
}

fn book(path: &Path, sheets: &[(&str, &[&[&str]])]) {
    let mut wb = Workbook::new();
    for (name, rows) in sheets {
        let ws = wb.add_worksheet().set_name(*name).unwrap();
        for (r, cells) in rows.iter().enumerate() {
            for (c, text) in cells.iter().enumerate() {
                put(ws, r as u32, c as u16, text);
            }
        }
    }
    wb.save(path).unwrap();
}

const RULES: &str = "体系 \"x\" {\n指标 1 \"森林覆盖率\" {\n单位 %\n目标 ≥20\n}\n指标 2 \"河长制\" {\n目标 全面推行\n}\n}\n";

#[test]
fn placeholders_and_typos_as_in_a_csv() {
    let rules = RuleSet::parse(RULES).unwrap();
    let path = out("typo.xlsx");
    book(
        &path,
        &[(
            "2023",
            &[
                &["地区", "森林覆盖率", "森林覆盖律", "河长制"],
                &["甲县", "—", "30", "全面推行"],
                &["乙县", "25", "/", "暂无"],
            ],
        )],
    );
    let csv = "地区,指标,年份,值\n甲县,森林覆盖率,2023,—\n甲县,森林覆盖律,2023,30\n甲县,河长制,2023,全面推行\n乙县,森林覆盖率,2023,25\n乙县,森林覆盖律,2023,/\n乙县,河长制,2023,暂无\n";
    let from_csv = parse_measurements_csv(csv, &rules, "m.csv").unwrap();
    let ds = read_measurements(&path, &rules).unwrap();
    assert_eq!(content(&ds), content(&from_csv));
    let typo = &ds.unused["甲县"]
        .iter()
        .find(|u| u.indicator == "森林覆盖律")
        .unwrap();
    assert!(
        typo.reason
            .to_string()
            .contains("did you mean `森林覆盖率`"),
        "{}",
        typo.reason
    );
    assert_eq!(
        (typo.file.as_str(), typo.row),
        (&*format!("{}!2023", path.display()), 2)
    );
}

#[test]
fn errors_name_the_sheet_and_cell() {
    let rules = RuleSet::parse(RULES).unwrap();
    let path = out("bad.xlsx");
    book(
        &path,
        &[
            ("说明", &[&["填表说明:每个地区一行"]]),
            (
                "2023",
                &[&["地区", "森林覆盖率"], &["甲县", "22"], &["乙县", "很高"]],
            ),
        ],
    );
    let e = read_measurements(&path, &rules).unwrap_err();
    assert_eq!(e.file, format!("{}!2023!B3", path.display()));
    assert!(e.to_string().contains("`很高` is not a number"), "{e}");

    let path = out("noyear.xlsx");
    book(
        &path,
        &[("Sheet1", &[&["地区", "森林覆盖率"], &["甲县", "22"]])],
    );
    let e = read_measurements(&path, &rules).unwrap_err();
    assert!(e.to_string().contains("`Sheet1` is not a year"), "{e}");
    assert!(
        e.to_string()
            .starts_with(&format!("{}!Sheet1!A1: ", path.display())),
        "{e}"
    );

    let path = out("dup.xlsx");
    book(
        &path,
        &[
            ("2023", &[&["地区", "森林覆盖率"], &["甲县", "22"]]),
            (
                "长表",
                &[
                    &["地区", "指标", "年份", "值"],
                    &["甲县", "1", "2023", "22"],
                ],
            ),
        ],
    );
    let e = read_measurements(&path, &rules).unwrap_err();
    let text = e.to_string();
    assert!(
        text.starts_with(&format!("{}!长表!B2", path.display())),
        "{text}"
    );
    assert!(
        text.ends_with(&format!("also at {}!2023!B2", path.display())),
        "{text}"
    );
}

#[test]
fn a_region_with_no_values_is_still_in_the_data() {
    let rules = RuleSet::parse(RULES).unwrap();
    let path = out("empty.xlsx");
    book(
        &path,
        &[(
            "数据",
            &[
                &["地区", "指标", "年份", "值"],
                &["甲县", "1", "2023", ""],
                &["乙县", "1", "2023", "22"],
            ],
        )],
    );
    let ds = read_measurements(&path, &rules).unwrap();
    assert_eq!(ds.names().collect::<Vec<_>>(), ["甲县", "乙县"]);
    assert!(
        ds.warnings.iter().any(|w| w.warning
            == Warning::EmptyRows {
                rows: vec![[2, 2]],
                count: 1
            }),
        "{:?}",
        ds.warnings
    );
}

/// The shipped demo workbooks (`zhibiao template --data measurements.csv -o measurements.xlsx`)
/// hold the demo CSV's values and give the same verdicts; so does a workbook made now.
#[test]
fn shipped_demo_workbooks_match_the_csv() {
    for system in SYSTEMS {
        let (rules, _, _) = demo(system);
        let dir = seeds::data_dir(system);
        let read = |file: &str| seeds::read(system, &rules, file);
        let csv = read("measurements.csv");
        let regions: Vec<String> = csv.names().map(str::to_string).collect();
        let mut years: Vec<i32> = csv
            .to_regions()
            .iter()
            .flat_map(|r| {
                let own = r
                    .indicators
                    .values()
                    .flat_map(|d| d.series.values.keys().chain(d.series.targets.keys()));
                let records = r
                    .events
                    .values()
                    .chain(r.vetoes.values())
                    .flat_map(|m| m.keys());
                own.chain(records).copied().collect::<Vec<_>>()
            })
            .collect();
        years.sort_unstable();
        years.dedup();
        let made = out(&format!("{system}-from-data.xlsx"));
        let bytes =
            zhibiao::report::template_xlsx(&rules, &regions, &years, zhibiao::Lang::Zh, Some(&csv))
                .unwrap();
        std::fs::write(&made, bytes).unwrap();
        for xlsx in [read("measurements.xlsx"), {
            let mut ds = read_measurements(&made, &rules).unwrap();
            zhibiao::data::read_regions(&dir.join("regions.csv"), &rules, &mut ds).unwrap();
            ds
        }] {
            let (got, want) = (content(&xlsx).0, content(&csv).0);
            let differ: Vec<&str> = got
                .iter()
                .zip(&want)
                .filter(|(a, b)| a != b)
                .map(|(a, _)| a.name.as_str())
                .collect();
            assert!(
                differ.is_empty() && got.len() == want.len(),
                "{system}: {differ:?}"
            );
            let year = csv.latest_year.unwrap();
            let verdicts = |ds: &Dataset| {
                let report = zhibiao::report::Report::build(&rules, ds, year, zhibiao::Lang::Zh);
                report
                    .regions
                    .iter()
                    .map(|r| {
                        (
                            r.region.clone(),
                            r.verdict,
                            r.indicators.iter().map(|i| i.verdict).collect::<Vec<_>>(),
                        )
                    })
                    .collect::<Vec<_>>()
            };
            assert_eq!(verdicts(&xlsx), verdicts(&csv), "{system}");
        }
    }
}

/// `.xls` and `.ods` files written by other programs read as the same records.
#[test]
fn xls_and_ods_files_read() {
    let rules = seeds::rules("shengzhou-2024");
    let dir = seeds::root().join("tests/data/workbooks");
    for name in ["regions-down.xls", "regions-down.ods"] {
        let ds = read_measurements(&dir.join(name), &rules).unwrap();
        let shengzhou = ds.region("嵊州市").unwrap();
        let pm = &shengzhou.indicators["4"].series;
        assert_eq!(pm.values[&2024].to_string(), "27", "{name}");
        assert_eq!(pm.targets[&2024].to_string(), "29", "{name}");
        assert_eq!(
            shengzhou.indicators["2"].series.values[&2024].to_string(),
            "已建立"
        );
        let missing = &ds.unused["乙县"][0];
        assert_eq!(
            missing.reason.to_string(),
            "`—` marks a missing value",
            "{name}"
        );
        assert_eq!(
            (missing.file.ends_with("!2024"), missing.row),
            (true, 3),
            "{name}"
        );
        let unknown = ds.warnings.iter().any(|w| w.warning == Warning::NoFormats);
        assert_eq!(unknown, name.ends_with(".xls"), "{name}: {:?}", ds.warnings);
    }
}
