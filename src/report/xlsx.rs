//! The `.xlsx` report: a summary sheet (region, verdict, why, coverage counts), a region ×
//! indicator matrix coloured by verdict, and a sheet per region (value, unit, target as printed,
//! verdict, explanation; veto items; unused rows). Column heads in the report's language. Cells
//! are written as strings, never as formulas, so `=…` from the data is inert.

use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook, Worksheet, XlsxError};

use super::{attr, group_unused, veto_word, Report};
use crate::eval::{RegionResult, Verdict};
use crate::rules::RuleSet;
use crate::Lang;

/// The background of a verdict's cells (the colours Excel's own conditional formats use).
fn fill(v: Verdict) -> Color {
    Color::RGB(match v {
        Verdict::Pass => 0xC6EFCE,
        Verdict::Fail => 0xFFC7CE,
        Verdict::Insufficient => 0xFFEB9C,
        Verdict::NotApplicable => 0xEDEDED,
    })
}

/// The formats of the report, made once.
struct Styles {
    head: Format,
    wrap: Format,
    verdicts: [(Verdict, Format); 4],
}

impl Styles {
    fn new() -> Styles {
        let cell = Format::new().set_border(FormatBorder::Thin).set_text_wrap();
        let verdict = |v| (v, cell.clone().set_background_color(fill(v)).set_bold());
        Styles {
            head: cell.clone().set_bold().set_background_color(0xDDEBF7),
            wrap: cell.clone(),
            verdicts: [
                verdict(Verdict::Pass),
                verdict(Verdict::Fail),
                verdict(Verdict::Insufficient),
                verdict(Verdict::NotApplicable),
            ],
        }
    }

    fn verdict(&self, v: Verdict) -> &Format {
        self.verdicts
            .iter()
            .find(|(w, _)| *w == v)
            .map_or(&self.wrap, |(_, f)| f)
    }
}

/// Words of the report's sheets and heads.
struct Words {
    summary: &'static str,
    matrix: &'static str,
    summary_heads: [&'static str; 9],
    region_heads: [&'static str; 9],
    vetoes: &'static str,
    unused: [&'static str; 4],
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::Zh => Words {
            summary: "汇总",
            matrix: "矩阵",
            summary_heads: [
                "地区",
                "结论",
                "原因",
                "约束性指标",
                "达标",
                "未达标",
                "数据不足",
                "不适用",
                "参考性指标达标",
            ],
            region_heads: [
                "编号",
                "指标",
                "属性",
                "数值",
                "单位",
                "目标",
                "结论",
                "说明",
                "规划目标进度",
            ],
            vetoes: "否决项",
            unused: ["未使用的输入行", "文件", "行", "原因"],
        },
        Lang::En => Words {
            summary: "summary",
            matrix: "matrix",
            summary_heads: [
                "region",
                "verdict",
                "why",
                "binding indicators",
                "pass",
                "fail",
                "insufficient",
                "not_applicable",
                "reference indicators met",
            ],
            region_heads: [
                "id",
                "indicator",
                "attribute",
                "value",
                "unit",
                "target",
                "verdict",
                "explanation",
                "plan-year progress",
            ],
            vetoes: "veto items",
            unused: ["unused input rows", "file", "rows", "why"],
        },
    }
}

fn row(i: usize) -> u32 {
    u32::try_from(i).unwrap_or(u32::MAX)
}

fn col(i: usize) -> u16 {
    u16::try_from(i).unwrap_or(u16::MAX)
}

/// The report as an `.xlsx` workbook's bytes.
pub(crate) fn workbook(report: &Report, rules: &RuleSet, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let w = words(lang);
    let s = Styles::new();
    let mut wb = Workbook::new();
    let mut names = SheetNames::default();
    summary(
        wb.add_worksheet().set_name(names.take(w.summary))?,
        report,
        lang,
        &w,
        &s,
    )?;
    matrix(
        wb.add_worksheet().set_name(names.take(w.matrix))?,
        report,
        lang,
        &s,
    )?;
    for r in &report.regions {
        let ws = wb.add_worksheet().set_name(names.take(&r.region))?;
        region(ws, r, rules, lang, &w, &s)?;
    }
    wb.save_to_buffer()
}

fn summary(
    ws: &mut Worksheet,
    report: &Report,
    lang: Lang,
    w: &Words,
    s: &Styles,
) -> Result<(), XlsxError> {
    ws.write_row_with_format(0, 0, w.summary_heads, &s.head)?;
    ws.set_freeze_panes(1, 1)?;
    for (i, r) in report.regions.iter().enumerate() {
        let at = row(i + 1);
        let c = &r.coverage;
        ws.write_string_with_format(at, 0, &r.region, &s.wrap)?;
        ws.write_string_with_format(at, 1, r.verdict.label(lang), s.verdict(r.verdict))?;
        ws.write_string_with_format(at, 2, r.summary(lang), &s.wrap)?;
        for (k, n) in [c.binding, c.pass, c.fail, c.insufficient, c.not_applicable]
            .into_iter()
            .enumerate()
        {
            ws.write_number_with_format(at, col(k + 3), n as f64, &s.wrap)?;
        }
        let reference = format!("{}/{}", r.reference_met, r.reference_applicable);
        ws.write_string_with_format(at, 8, reference, &s.wrap)?;
    }
    for (c, width) in [16, 10, 60, 10, 8, 8, 8, 8, 14].into_iter().enumerate() {
        ws.set_column_width(col(c), width)?;
    }
    Ok(())
}

/// Regions down, indicators across (`1 森林覆盖率` in the head), each cell a verdict.
fn matrix(ws: &mut Worksheet, report: &Report, lang: Lang, s: &Styles) -> Result<(), XlsxError> {
    let Some(first) = report.regions.first() else {
        return Ok(());
    };
    let region_head = crate::message::Label::Region.text(lang);
    ws.write_string_with_format(0, 0, region_head, &s.head)?;
    for (k, ind) in first.indicators.iter().enumerate() {
        let head = format!("{} {}", ind.id, ind.name);
        ws.write_string_with_format(0, col(k + 1), head, &s.head)?;
        ws.set_column_width(col(k + 1), 10)?;
    }
    ws.set_row_height(0, 90)?;
    ws.set_column_width(0, 16)?;
    ws.set_freeze_panes(1, 1)?;
    for (i, r) in report.regions.iter().enumerate() {
        let at = row(i + 1);
        ws.write_string_with_format(at, 0, &r.region, &s.wrap)?;
        for (k, ind) in r.indicators.iter().enumerate() {
            let f = s.verdict(ind.verdict);
            ws.write_string_with_format(at, col(k + 1), ind.verdict.label(lang), f)?;
        }
    }
    Ok(())
}

fn region(
    ws: &mut Worksheet,
    r: &RegionResult,
    rules: &RuleSet,
    lang: Lang,
    w: &Words,
    s: &Styles,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(
        0,
        0,
        format!("{} {} — {}", r.region, r.year, r.verdict.label(lang)),
        s.verdict(r.verdict),
    )?;
    ws.write_string(1, 0, r.coverage_line(lang))?;
    ws.write_row_with_format(3, 0, w.region_heads, &s.head)?;
    ws.set_freeze_panes(4, 2)?;
    let mut at = 4u32;
    for i in &r.indicators {
        let unit = rules
            .indicator(&i.id)
            .and_then(|d| d.unit.as_deref())
            .unwrap_or("");
        let name = match i.parent {
            Some(_) => format!("  {}", i.name),
            None => i.name.clone(),
        };
        let cells = [
            i.id.as_str(),
            &name,
            attr(i.attribute, lang),
            i.value.as_deref().unwrap_or("-"),
            unit,
            i.target_text.as_deref().unwrap_or("-"),
        ];
        for (c, text) in cells.iter().enumerate() {
            ws.write_string_with_format(at, col(c), *text, &s.wrap)?;
        }
        ws.write_string_with_format(at, 6, i.verdict.label(lang), s.verdict(i.verdict))?;
        ws.write_string_with_format(at, 7, &i.explanation, &s.wrap)?;
        if let Some(m) = &i.progress {
            ws.write_string_with_format(at, 8, m.text(lang), &s.wrap)?;
        }
        at += 1;
    }
    if !r.vetoes.is_empty() {
        at += 1;
        ws.write_string_with_format(at, 0, w.vetoes, &s.head)?;
        for v in &r.vetoes {
            at += 1;
            ws.write_string_with_format(at, 0, &v.id, &s.wrap)?;
            ws.write_string_with_format(at, 1, &v.text, &s.wrap)?;
            ws.write_string_with_format(at, 6, veto_word(v.state, lang), &s.wrap)?;
        }
    }
    if !r.unused_rows.is_empty() {
        at += 2;
        ws.write_string_with_format(at, 0, w.unused[0], &s.head)?;
        at += 1;
        ws.write_row_with_format(at, 0, [w.unused[1], w.unused[2], w.unused[3]], &s.head)?;
        for (reason, file, rows) in group_unused(&r.unused_rows, lang) {
            at += 1;
            ws.write_string_with_format(at, 0, file, &s.wrap)?;
            ws.write_string_with_format(at, 1, rows, &s.wrap)?;
            ws.write_string_with_format(at, 2, reason, &s.wrap)?;
        }
    }
    for (c, width) in [8, 32, 8, 12, 8, 30, 10, 60, 40].into_iter().enumerate() {
        ws.set_column_width(col(c), width)?;
    }
    Ok(())
}

/// Sheet names as Excel takes them: at most 31 characters, none of `[]:*?/\`, not starting or
/// ending with `'`, unique (case-insensitively); a clash gets ` (2)`.
#[derive(Default)]
struct SheetNames {
    taken: Vec<String>,
}

impl SheetNames {
    fn take(&mut self, wanted: &str) -> String {
        let clean: String = wanted
            .chars()
            .map(|c| {
                if "[]:*?/\\".contains(c) || c.is_control() {
                    '_'
                } else {
                    c
                }
            })
            .collect();
        let clean = clean.trim_matches('\'').trim();
        let base: String = if clean.is_empty() {
            "_".into()
        } else {
            clean.chars().take(31).collect()
        };
        let mut name = base.clone();
        let mut n = 1;
        while self
            .taken
            .iter()
            .any(|t| t.to_lowercase() == name.to_lowercase())
        {
            n += 1;
            let suffix = format!(" ({n})");
            let keep = 31 - suffix.chars().count();
            name = format!("{}{suffix}", base.chars().take(keep).collect::<String>());
        }
        self.taken.push(name.clone());
        name
    }
}

#[cfg(test)]
mod tests {
    use super::SheetNames;

    #[test]
    fn sheet_names_excel_takes() {
        let mut n = SheetNames::default();
        assert_eq!(n.take("汇总"), "汇总");
        assert_eq!(n.take("汇总"), "汇总 (2)");
        assert_eq!(n.take("a/b:c"), "a_b_c");
        assert_eq!(n.take("'x'"), "x");
        assert_eq!(n.take(""), "_");
        let long = "很".repeat(40);
        assert_eq!(n.take(&long).chars().count(), 31);
        assert_eq!(n.take(&long).chars().count(), 31);
    }
}
