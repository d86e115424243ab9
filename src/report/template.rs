//! The data-entry template of a rule set: every series its targets read (indicators, named
//! series, superior targets, vetoes, events) with the unit, the target as printed and a note
//! column, for the regions and years asked for.
//!
//! The workbook has a long sheet (`长表`, one row per region × series × year, the layout of the
//! CSV) and a wide sheet per year (`2023年`: series down, regions across; a series whose superior
//! target is read has a second row `<series>(目标)`). Fill in either. Word cells offer their
//! words in a drop-down list (a warning, not a refusal, for anything else); the header row is
//! frozen (锁定表头). Both read back with `zhibiao eval` as they are; the CSV variant is the
//! long sheet.
//!
//! Given data (`zhibiao template --data m.csv`), the sheets per year come filled in with it and
//! the long sheet is left out (a value in both would be read twice): a CSV turned into the
//! workbook people keep.

#[cfg(any(feature = "xlsx", feature = "cli"))]
use std::collections::HashMap;

#[cfg(any(feature = "xlsx", feature = "cli"))]
use crate::data::{Dataset, Value};
use crate::predicate::Predicate;
use crate::rules::{RuleSet, SeriesKey};
use crate::Lang;

/// One series of the template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateRow {
    /// The `指标` cell that names the series (`1`, `4:能源消耗总量`, `veto:1`, `event:…`).
    pub key: String,
    /// What it is, for people: the indicator's name (and the series' name).
    pub name: String,
    /// The unit, if the rules give one.
    pub unit: String,
    /// The target as printed.
    pub printed: String,
    /// Whether the value cell is read.
    pub value: bool,
    /// Whether the superior target cell is read.
    pub target: bool,
    /// The words a value cell takes (empty: a number).
    pub words: Vec<String>,
}

/// The series of a rule set, in the order of the rules: headings (indicators whose sub-indicators
/// hold the targets) are left out.
pub fn template_rows(rules: &RuleSet) -> Vec<TemplateRow> {
    let program = rules.compile();
    let mut out = Vec::new();
    for (i, key) in program.series().iter().enumerate() {
        let Some(id) = program.id(key) else { continue };
        debug_assert_eq!(id.index(), i);
        let owner = program.owner(id);
        let ind = owner.and_then(|o| rules.indicators.get(o));
        let heading = owner.is_some_and(|o| {
            ind.is_some_and(|i| i.predicate.is_none()) && rules.sub_indicators(o).next().is_some()
        });
        if heading {
            continue;
        }
        let inputs = owner.map_or(&[][..], |o| program.inputs(o));
        let reads = |t: bool| inputs.iter().any(|x| x.series == id && x.target == t);
        let words = inputs
            .iter()
            .any(|x| x.series == id && x.words && !x.target);
        let (key_text, name) = names(rules, key, ind);
        let printed = ind
            .and_then(|i| i.target.clone())
            .unwrap_or_else(|| match key {
                SeriesKey::Veto { id } => veto_text(rules, id),
                _ => String::new(),
            });
        let own = matches!(key, SeriesKey::Indicator { .. });
        out.push(TemplateRow {
            key: key_text,
            name,
            unit: ind
                .filter(|_| own)
                .and_then(|i| i.unit.clone())
                .unwrap_or_default(),
            printed,
            value: owner.is_none() || reads(false),
            target: reads(true),
            words: if owner.is_none() || words {
                word_list(key, ind.and_then(|i| i.predicate.as_ref()))
            } else {
                Vec::new()
            },
        });
    }
    out
}

fn veto_text(rules: &RuleSet, id: &str) -> String {
    rules
        .vetoes
        .iter()
        .find(|v| v.id == id)
        .map(|v| v.text.clone())
        .unwrap_or_default()
}

/// The `指标` cell and the name of a series.
fn names(
    rules: &RuleSet,
    key: &SeriesKey,
    ind: Option<&crate::rules::Indicator>,
) -> (String, String) {
    let ind_name = ind.map_or("", |i| i.name.as_str());
    match key {
        SeriesKey::Indicator { id } => (id.clone(), ind_name.to_string()),
        SeriesKey::Named { id, name } => (format!("{id}:{name}"), format!("{ind_name} · {name}")),
        SeriesKey::Veto { id } => (format!("veto:{id}"), veto_text(rules, id)),
        SeriesKey::Event { name } => (format!("event:{name}"), name.clone()),
    }
}

/// The words a series' value cell takes: those of its status requirements (`已建立`, `未建立`),
/// then `是`/`否` (for events `未发生`/`发生`; for prose targets `达标`/`未达标`).
fn word_list(key: &SeriesKey, predicate: Option<&Predicate>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |w: String| {
        if !w.is_empty() && !out.contains(&w) {
            out.push(w);
        }
    };
    let named = match key {
        SeriesKey::Named { name, .. } => Some(name.as_str()),
        _ => None,
    };
    if let Some(p) = predicate {
        p.walk(&mut |p| match p {
            Predicate::Status {
                requirement,
                quantity,
                ..
            } if quantity.as_deref() == named || named.is_none() => {
                match crate::syntax::phrase::negation_of(requirement) {
                    Some(core) => {
                        add(requirement.clone());
                        add(core.to_string());
                    }
                    None => {
                        let core = requirement.strip_prefix('已').unwrap_or(requirement);
                        add(format!("已{core}"));
                        add(format!("未{core}"));
                    }
                }
            }
            Predicate::Qualitative { .. } => {
                add("达标".into());
                add("未达标".into());
            }
            _ => {}
        });
    }
    match key {
        SeriesKey::Event { .. } => ["未发生", "发生"].map(|w| add(w.to_string())),
        _ => ["是", "否"].map(|w| add(w.to_string())),
    };
    out
}

/// Column heads of the template, in the language asked for: the reader takes both.
fn heads(lang: Lang) -> [&'static str; 9] {
    match lang {
        Lang::Zh => [
            "地区",
            "指标",
            "年份",
            "值",
            "目标",
            "指标名称",
            "单位",
            "要求",
            "备注",
        ],
        Lang::En => [
            "region",
            "indicator",
            "year",
            "value",
            "target",
            "name",
            "unit",
            "requirement",
            "note",
        ],
    }
}

/// The region name used when none is given.
pub fn default_region(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "本地区",
        Lang::En => "our region",
    }
}

/// The long layout as CSV (with a BOM, for Excel): one row per region × series × year.
pub fn template_csv(rules: &RuleSet, regions: &[String], years: &[i32], lang: Lang) -> String {
    let mut w = csv::WriterBuilder::new().from_writer(Vec::new());
    let _ = w.write_record(heads(lang));
    for (region, row, year) in long_rows(&template_rows(rules), regions, years) {
        let y = year.to_string();
        let _ = w.write_record([
            region.as_str(),
            &row.key,
            &y,
            "",
            "",
            &row.name,
            &row.unit,
            &row.printed,
            "",
        ]);
    }
    let bytes = w.into_inner().unwrap_or_default();
    format!("\u{feff}{}", String::from_utf8(bytes).unwrap_or_default())
}

fn long_rows<'a>(
    rows: &'a [TemplateRow],
    regions: &'a [String],
    years: &'a [i32],
) -> impl Iterator<Item = (&'a String, &'a TemplateRow, i32)> + 'a {
    regions.iter().flat_map(move |region| {
        rows.iter()
            .flat_map(move |row| years.iter().map(move |y| (region, row, *y)))
    })
}

/// (region, series key as the template writes it, year, target?) → value.
#[cfg(any(feature = "xlsx", feature = "cli"))]
pub(crate) type Filled = HashMap<(String, String, i32, bool), Value>;

/// The cells of a dataset by the template's keys.
#[cfg(any(feature = "xlsx", feature = "cli"))]
pub(crate) fn filled(ds: &Dataset) -> Filled {
    let mut out = Filled::new();
    for r in ds.to_regions() {
        let mut put = |key: String, s: &crate::data::Series| {
            for (t, m) in [(false, &s.values), (true, &s.targets)] {
                for (y, v) in m {
                    out.insert((r.name.clone(), key.clone(), *y, t), v.clone());
                }
            }
        };
        for (id, d) in &r.indicators {
            put(id.clone(), &d.series);
            for (name, s) in &d.named {
                put(format!("{id}:{name}"), s);
            }
        }
        for (kind, m) in [("veto", &r.vetoes), ("event", &r.events)] {
            for (id, years) in m {
                for (y, v) in years {
                    out.insert(
                        (r.name.clone(), format!("{kind}:{id}"), *y, false),
                        v.clone(),
                    );
                }
            }
        }
    }
    out
}

#[cfg(feature = "xlsx")]
pub use xlsx::{template_xlsx, values_left_out};

#[cfg(feature = "xlsx")]
mod xlsx {
    use rust_xlsxwriter::{
        DataValidation, DataValidationErrorStyle, Format, Workbook, Worksheet, XlsxError,
    };

    use super::{filled, heads, long_rows, template_rows, Filled, TemplateRow};
    use super::{Dataset, Value};
    use crate::rules::RuleSet;
    use crate::Lang;

    /// How many values of `data` a workbook filled from it leaves out: series no target reads
    /// (listed in the data's unused rows), regions or years not asked for.
    pub fn values_left_out(
        rules: &RuleSet,
        data: &Dataset,
        regions: &[String],
        years: &[i32],
    ) -> usize {
        let keys: std::collections::HashSet<String> =
            template_rows(rules).into_iter().map(|r| r.key).collect();
        let unused: usize = data.unused.values().map(Vec::len).sum();
        let outside = filled(data)
            .keys()
            .filter(|(r, k, y, _)| !(keys.contains(k) && years.contains(y) && regions.contains(r)))
            .count();
        unused + outside
    }

    /// A value as a cell: a number Excel holds exactly (up to 15 significant digits) as a
    /// number, anything else as text.
    fn put_value(ws: &mut Worksheet, r: u32, c: u16, v: &Value) -> Result<(), XlsxError> {
        if let Value::Number(d) = v {
            let d = d.normalize();
            let digits = d.mantissa().unsigned_abs().to_string().len();
            let f: Option<f64> = d.to_string().parse().ok();
            if let (true, Some(f)) = (digits <= 15, f) {
                ws.write_number(r, c, f)?;
                return Ok(());
            }
        }
        ws.write_string(r, c, v.to_string())?;
        Ok(())
    }

    /// The template workbook (see the module): its bytes.
    /// `data`, if given, fills the sheets per year (and the long sheet is left out).
    pub fn template_xlsx(
        rules: &RuleSet,
        regions: &[String],
        years: &[i32],
        lang: Lang,
        data: Option<&Dataset>,
    ) -> Result<Vec<u8>, XlsxError> {
        let rows = template_rows(rules);
        let mut wb = Workbook::new();
        let head = Format::new().set_bold().set_background_color(0xDDEBF7);
        let fixed = Format::new().set_background_color(0xF2F2F2);
        let values = data.map(filled);
        if values.is_none() {
            let ws = wb.add_worksheet();
            long_sheet(ws, &rows, regions, years, lang, &head, &fixed)?;
        }
        for y in years {
            let name = match lang {
                Lang::Zh => format!("{y}年"),
                Lang::En => y.to_string(),
            };
            let ws = wb.add_worksheet().set_name(name)?;
            let sheet = Wide {
                rows: &rows,
                regions,
                lang,
                year: *y,
                values: values.as_ref(),
            };
            wide_sheet(ws, &sheet, &head, &fixed)?;
        }
        guide_sheet(wb.add_worksheet(), lang)?;
        wb.save_to_buffer()
    }

    fn drop_down(words: &[String]) -> Result<DataValidation, XlsxError> {
        Ok(DataValidation::new()
            .allow_list_strings(words)?
            .set_error_style(DataValidationErrorStyle::Warning))
    }

    fn long_sheet(
        ws: &mut Worksheet,
        rows: &[TemplateRow],
        regions: &[String],
        years: &[i32],
        lang: Lang,
        head: &Format,
        fixed: &Format,
    ) -> Result<(), XlsxError> {
        ws.set_name(if lang == Lang::Zh { "长表" } else { "long" })?;
        ws.write_row_with_format(0, 0, heads(lang), head)?;
        ws.set_freeze_panes(1, 0)?;
        for (i, (region, row, year)) in long_rows(rows, regions, years).enumerate() {
            let r = u32::try_from(i + 1).unwrap_or(u32::MAX);
            ws.write_string_with_format(r, 0, region, fixed)?;
            ws.write_string_with_format(r, 1, &row.key, fixed)?;
            ws.write_number_with_format(r, 2, f64::from(year), fixed)?;
            // a cell no target reads is grey; a word cell offers its words
            if !row.value {
                ws.write_blank(r, 3, fixed)?;
            } else if !row.words.is_empty() {
                ws.add_data_validation(r, 3, r, 3, &drop_down(&row.words)?)?;
            }
            if !row.target {
                ws.write_blank(r, 4, fixed)?;
            }
            ws.write_string_with_format(r, 5, &row.name, fixed)?;
            ws.write_string_with_format(r, 6, &row.unit, fixed)?;
            ws.write_string_with_format(r, 7, &row.printed, fixed)?;
        }
        for (c, w) in [10, 12, 8, 12, 12, 36, 10, 40, 24].iter().enumerate() {
            ws.set_column_width(c as u16, *w)?;
        }
        Ok(())
    }

    /// A sheet per year: what it lists and, if filled, the values.
    struct Wide<'a> {
        rows: &'a [TemplateRow],
        regions: &'a [String],
        lang: Lang,
        year: i32,
        values: Option<&'a Filled>,
    }

    fn wide_sheet(
        ws: &mut Worksheet,
        w: &Wide<'_>,
        head: &Format,
        fixed: &Format,
    ) -> Result<(), XlsxError> {
        let h = heads(w.lang);
        ws.write_row_with_format(0, 0, [h[1], h[5], h[6], h[7], h[8]], head)?;
        for (i, region) in w.regions.iter().enumerate() {
            let c = u16::try_from(i + 5).unwrap_or(u16::MAX);
            ws.write_string_with_format(0, c, region, head)?;
        }
        ws.set_freeze_panes(1, 2)?;
        let last = u16::try_from(w.regions.len() + 4).unwrap_or(u16::MAX);
        let suffix = if w.lang == Lang::Zh {
            "(目标)"
        } else {
            "(target)"
        };
        let mut r = 0u32;
        for row in w.rows {
            let lines = [(row.value, false), (row.target, true)];
            for (_, target) in lines.into_iter().filter(|(read, _)| *read) {
                r += 1;
                let key = if target {
                    format!("{}{suffix}", row.key)
                } else {
                    row.key.clone()
                };
                ws.write_string_with_format(r, 0, key, fixed)?;
                ws.write_string_with_format(r, 1, &row.name, fixed)?;
                ws.write_string_with_format(r, 2, &row.unit, fixed)?;
                ws.write_string_with_format(r, 3, &row.printed, fixed)?;
                if !target && !row.words.is_empty() && last >= 5 {
                    ws.add_data_validation(r, 5, r, last, &drop_down(&row.words)?)?;
                }
                let Some(values) = w.values else { continue };
                for (i, region) in w.regions.iter().enumerate() {
                    let at = (region.clone(), row.key.clone(), w.year, target);
                    if let Some(v) = values.get(&at) {
                        put_value(ws, r, u16::try_from(i + 5).unwrap_or(u16::MAX), v)?;
                    }
                }
            }
        }
        ws.set_column_width(0, 12)?;
        ws.set_column_width(1, 36)?;
        ws.set_column_width(3, 40)?;
        ws.set_column_width(4, 16)?;
        Ok(())
    }

    fn guide_sheet(ws: &mut Worksheet, lang: Lang) -> Result<(), XlsxError> {
        let lines: &[&str] = match lang {
            Lang::Zh => &[
                "填表说明",
                "在「长表」或各年份工作表中填写数据,二者选其一(同一地区、指标、年份填两次会报重复)。",
                "数值照实填写:百分数填 85 或 85%(设为百分比格式的单元格按显示值读取);缺数据填 — 或留空。",
                "「(目标)」行填上级下达的目标值;灰色单元格是说明,不读取。",
                "下拉列表给出可用的词(是/否、已建立/未建立 …),也可填写其他说明词。",
                "填好后运行:zhibiao eval 规则文件.zb 本文件.xlsx",
            ],
            Lang::En => &[
                "How to fill in",
                "Fill in either the `long` sheet or the sheets of the years, not both (a region, indicator and year given twice is an error).",
                "Values as they are: a percentage as 85 or 85% (cells formatted as % are read as shown); a missing value as — or left empty.",
                "Rows marked (target) take the superior target; grey cells describe the row and are not read.",
                "Drop-down lists offer the words a cell takes (是/否, 已建立/未建立 …).",
                "Then run: zhibiao eval rules.zb this-file.xlsx",
            ],
        };
        ws.set_name(if lang == Lang::Zh { "说明" } else { "notes" })?;
        for (i, l) in lines.iter().enumerate() {
            ws.write_string(u32::try_from(i).unwrap_or(0), 0, *l)?;
        }
        ws.set_column_width(0, 100)?;
        Ok(())
    }
}
