//! The `.xlsx` report of every seed system's demo data, in both languages, read back with
//! calamine and checked cell by cell against the report it was written from.
#![cfg(feature = "xlsx")]

use std::io::Cursor;

use calamine::{Data, Range, Reader, Xlsx};
use zhibiao::report::{Format, Report};
use zhibiao::{Lang, Verdict};

mod seeds;

use seeds::SYSTEMS;

fn text(range: &Range<Data>, row: usize, col: usize) -> String {
    match range.get((row, col)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Float(f)) => f.to_string(),
        Some(Data::Int(i)) => i.to_string(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

fn fill_of(v: Verdict) -> &'static str {
    match v {
        Verdict::Pass => "#C6EFCE",
        Verdict::Fail => "#FFC7CE",
        Verdict::Insufficient => "#FFEB9C",
        Verdict::NotApplicable => "#EDEDED",
    }
}

#[test]
fn the_workbook_holds_the_report_cell_by_cell() {
    for system in SYSTEMS {
        let rules = seeds::rules(system);
        let ds = seeds::read(system, &rules, "measurements.csv");
        let year = ds.latest_year.unwrap();
        for lang in [Lang::Zh, Lang::En] {
            let report = Report::build(&rules, &ds, year, lang);
            let mut bytes = Vec::new();
            report
                .write_to(&mut bytes, Format::Xlsx, lang, &rules, &ds, false)
                .unwrap();
            let mut book = Xlsx::new(Cursor::new(bytes)).unwrap();
            let sheets = book.sheet_names();
            let zh = lang == Lang::Zh;
            assert_eq!(sheets[0], if zh { "汇总" } else { "summary" });
            assert_eq!(sheets[1], if zh { "矩阵" } else { "matrix" });
            assert_eq!(sheets.len(), report.regions.len() + 2, "{system}");

            let summary = book.worksheet_range(&sheets[0]).unwrap();
            assert_eq!(text(&summary, 0, 1), if zh { "结论" } else { "verdict" });
            for (i, r) in report.regions.iter().enumerate() {
                assert_eq!(text(&summary, i + 1, 0), r.region);
                assert_eq!(text(&summary, i + 1, 1), r.verdict.label(lang));
                assert_eq!(text(&summary, i + 1, 2), r.summary(lang));
                assert_eq!(text(&summary, i + 1, 3), r.coverage.binding.to_string());
                assert_eq!(text(&summary, i + 1, 5), r.coverage.fail.to_string());
            }

            let matrix = book.worksheet_range(&sheets[1]).unwrap();
            let styles = book.worksheet_style(&sheets[1]).unwrap();
            for (i, r) in report.regions.iter().enumerate() {
                assert_eq!(text(&matrix, i + 1, 0), r.region);
                for (k, ind) in r.indicators.iter().enumerate() {
                    assert_eq!(text(&matrix, 0, k + 1), format!("{} {}", ind.id, ind.name));
                    assert_eq!(text(&matrix, i + 1, k + 1), ind.verdict.label(lang));
                    let style = styles.get(((i + 1) as u32, (k + 1) as u32)).unwrap();
                    let color = style.fill.as_ref().and_then(|f| f.get_color()).unwrap();
                    assert_eq!(
                        color.to_string(),
                        fill_of(ind.verdict),
                        "{system} {}",
                        ind.id
                    );
                }
            }

            for (r, name) in report.regions.iter().zip(&sheets[2..]) {
                let sheet = book.worksheet_range(name).unwrap();
                assert!(text(&sheet, 0, 0).starts_with(&r.region), "{name}");
                assert_eq!(text(&sheet, 1, 0), r.coverage_line(lang));
                for (k, ind) in r.indicators.iter().enumerate() {
                    let at = k + 4;
                    assert_eq!(text(&sheet, at, 0), ind.id);
                    assert_eq!(text(&sheet, at, 1).trim(), ind.name);
                    assert_eq!(text(&sheet, at, 3), ind.value.as_deref().unwrap_or("-"));
                    let unit = rules.indicator(&ind.id).and_then(|d| d.unit.clone());
                    assert_eq!(text(&sheet, at, 4), unit.unwrap_or_default());
                    assert_eq!(
                        text(&sheet, at, 5),
                        ind.target_text.as_deref().unwrap_or("-")
                    );
                    assert_eq!(text(&sheet, at, 6), ind.verdict.label(lang));
                    assert_eq!(text(&sheet, at, 7), ind.explanation);
                }
                let rows: Vec<String> = (0..sheet.height()).map(|i| text(&sheet, i, 0)).collect();
                let unused = if zh {
                    "未使用的输入行"
                } else {
                    "unused input rows"
                };
                assert_eq!(
                    rows.iter().any(|c| c == unused),
                    !r.unused_rows.is_empty(),
                    "{name}"
                );
            }
        }
    }
}
