//! The layouts of a sheet, recognised from its header row, and the records they hold.
//!
//! The header row is the first of the sheet's first [`HEADER_ROWS`] rows that names a region or
//! indicator column (rows above it, a title, are not read and are listed in a warning). Its
//! cells are read with the CSV's column names (`地区`, `指标`, `年份`, `值`, `目标` …); columns
//! that only describe a row (`单位`, `要求`, `备注`, `序号` …) are not read. Every other header
//! cell is a *data column*, and the layout follows:
//!
//! | header | layout | year | region |
//! |---|---|---|---|
//! | `指标` and `值` or `目标` | long, one record per row (as the CSV) | `年份` or the sheet's name | `地区` or the sheet's name |
//! | `地区`, no `指标`, names across | regions down, indicators across | `年份` or the sheet's name | `地区` |
//! | `指标`, no `地区`, names across | indicators down, regions across | `年份` or the sheet's name | the header cell |
//! | `指标`, years across (`2023`, `2023年`) | indicators down, years across | the header cell | `地区` or the sheet's name |
//!
//! An indicator (across or down) written with `(目标)` after it holds superior targets: its cell
//! fills the `target` field of the record with the same region, indicator and year. An empty cell
//! of a wide layout is no record; an empty row of the long layout is no record either (a warning
//! lists them), and its region still appears, so that its verdicts are 数据不足, never missing.

use std::borrow::Cow;
use std::collections::HashMap;

use rust_decimal::Decimal;

use super::error::LayoutError;
use super::read::COLUMNS;

/// How many rows from the top are searched for the header row.
pub(crate) const HEADER_ROWS: usize = 10;

/// Header cells of columns that describe a row and are not read.
const INFO: &[&str] = &[
    "unit",
    "单位",
    "计量单位",
    "requirement",
    "要求",
    "目标要求",
    "指标要求",
    "考核要求",
    "printed target",
    "note",
    "notes",
    "备注",
    "说明",
    "attribute",
    "属性",
    "指标属性",
    "no.",
    "name",
    "名称",
    "指标类别",
];

/// Suffixes that make an indicator's cells superior targets.
const TARGET_SUFFIXES: [&str; 4] = ["(目标)", "（目标）", "(target)", "（target）"];

/// A cell as the workbook holds it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum SheetCell {
    /// Nothing.
    Empty,
    /// Text as typed.
    Text(String),
    /// A number, as Excel shows it (15 significant digits).
    Number(Decimal),
    /// A number in a cell formatted as a percentage: the fraction Excel stores (`0.85` for 85%).
    Percent(Decimal),
    /// A date.
    Date {
        /// Year.
        year: i32,
        /// Month.
        month: u32,
        /// Day.
        day: u32,
    },
    /// An error value (`#DIV/0!`) or a number that cannot be held exactly.
    Error(String),
}

impl SheetCell {
    /// The cell as the text a CSV would hold: a percentage cell as `85%`, a date as
    /// `2023-05-01` (a date's year is its year where a year is read).
    pub(crate) fn text(&self) -> Cow<'_, str> {
        match self {
            SheetCell::Empty => Cow::Borrowed(""),
            SheetCell::Text(s) | SheetCell::Error(s) => Cow::Borrowed(s.trim()),
            SheetCell::Number(d) => Cow::Owned(d.normalize().to_string()),
            SheetCell::Percent(d) => Cow::Owned(match d.checked_mul(Decimal::ONE_HUNDRED) {
                Some(p) => format!("{}%", p.normalize()),
                None => format!("{d}"),
            }),
            SheetCell::Date { year, month, day } => {
                Cow::Owned(format!("{year:04}-{month:02}-{day:02}"))
            }
        }
    }

    fn year_text(&self) -> Cow<'_, str> {
        match self {
            SheetCell::Date { year, .. } => Cow::Owned(year.to_string()),
            other => other.text(),
        }
    }

    fn is_empty(&self) -> bool {
        self.text().is_empty()
    }
}

/// One sheet: its name, the position of its first cell (0-based row, column) and its rows.
#[derive(Debug, Clone, Default)]
pub(crate) struct Sheet {
    pub(crate) name: String,
    pub(crate) origin: (u32, u32),
    pub(crate) rows: Vec<Vec<SheetCell>>,
}

/// A record of a sheet: the five fields' texts and the cell each was read from.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Record {
    pub(crate) fields: [String; 5],
    pub(crate) cells: [Option<(u32, u32)>; 5],
}

const REGION: usize = 0;
const INDICATOR: usize = 1;
const YEAR: usize = 2;
const VALUE: usize = 3;
const TARGET: usize = 4;

/// What a sheet holds.
#[derive(Debug, Default)]
pub(crate) struct SheetRecords {
    pub(crate) records: Vec<Record>,
    /// Regions of records that hold nothing (they still appear in the data).
    pub(crate) regions: Vec<String>,
    /// Sheet rows (1-based) above the header that hold something, and long-layout rows with
    /// neither value nor target.
    pub(crate) title_rows: Vec<usize>,
    pub(crate) empty_rows: Vec<usize>,
    /// Header cells of the long layout that are not read.
    pub(crate) ignored: Vec<String>,
}

/// Where the fields of the records come from.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Layout {
    /// One record per row.
    Long,
    /// Regions down, indicators across.
    RegionsDown,
    /// Indicators down, regions across.
    RegionsAcross,
    /// Indicators down, years across.
    YearsAcross,
}

/// The header row, read: which column holds which field, and the data columns.
struct Header {
    row: usize,
    fields: [Option<usize>; 5],
    /// (column, header text, the year it names)
    data: Vec<(usize, String, Option<i32>)>,
}

/// A header cell, as compared with the column names.
fn header_key(text: &str) -> String {
    text.trim().trim_start_matches('\u{feff}').to_lowercase()
}

/// The field a header cell names, and whether any column name of a field matches (a second
/// `指标名称` beside `指标` is a column not read, not a data column).
fn field_of(key: &str) -> Option<(usize, usize)> {
    COLUMNS
        .iter()
        .enumerate()
        .find_map(|(i, (_, names))| names.iter().position(|n| *n == key).map(|rank| (i, rank)))
}

/// A year written as a header or a sheet name: `2023`, `2023年`, `2023年度`.
pub(crate) fn year_name(text: &str) -> Option<i32> {
    let t = text.trim();
    let t = t
        .strip_suffix("年度")
        .or_else(|| t.strip_suffix('年'))
        .unwrap_or(t);
    if t.len() != 4 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    t.parse().ok().filter(|y| crate::types::YEARS.contains(y))
}

/// A sheet name that names no region: `Sheet1`, `工作表1`, `表1`.
fn default_sheet_name(name: &str) -> bool {
    let t = name.trim().to_lowercase();
    let stem = ["sheet", "工作表", "表"]
        .iter()
        .find_map(|p| t.strip_prefix(p))
        .map(|rest| rest.trim().bytes().all(|b| b.is_ascii_digit()));
    t.is_empty() || stem == Some(true)
}

fn find_header(sheet: &Sheet) -> Option<Header> {
    let (row, cells) = sheet
        .rows
        .iter()
        .take(HEADER_ROWS)
        .enumerate()
        .find(|(_, cells)| {
            cells.iter().any(|c| {
                matches!(
                    field_of(&header_key(&c.text())),
                    Some((REGION | INDICATOR, _))
                )
            })
        })?;
    // each field takes the column of its most specific name (`指标` before `序号`)
    let mut fields: [Option<(usize, usize)>; 5] = [None; 5];
    let mut data = Vec::new();
    for (col, cell) in cells.iter().enumerate() {
        let text = cell.year_text().trim().to_string();
        let key = header_key(&text);
        if key.is_empty() {
            continue;
        }
        match field_of(&key) {
            Some((f, rank)) if f < fields.len() => {
                if fields[f].is_none_or(|(_, r)| rank < r) {
                    fields[f] = Some((col, rank));
                }
            }
            Some(_) => {}
            None if INFO.contains(&key.as_str()) => {}
            None => data.push((col, text.clone(), year_name(&text))),
        }
    }
    Some(Header {
        row,
        fields: fields.map(|f| f.map(|(c, _)| c)),
        data,
    })
}

fn layout(h: &Header) -> Result<Layout, LayoutError> {
    let [region, indicator, _, value, target] = h.fields.map(|f| f.is_some());
    let years = h.data.iter().filter(|d| d.2.is_some()).count();
    if indicator && (value || target) {
        return Ok(Layout::Long);
    }
    if years > 0 && years < h.data.len() {
        let odd = h.data.iter().find(|d| d.2.is_none()).map(|d| d.1.clone());
        return Err(LayoutError::MixedHeaders(odd.unwrap_or_default()));
    }
    match (region, indicator, years > 0) {
        (_, _, _) if h.data.is_empty() => Err(LayoutError::NoValues),
        (_, true, true) => Ok(Layout::YearsAcross),
        (true, false, true) => Err(LayoutError::NoIndicator),
        (true, false, false) => Ok(Layout::RegionsDown),
        (false, true, false) => Ok(Layout::RegionsAcross),
        _ => Err(LayoutError::NoValueColumn),
    }
}

/// A key across or down that names superior targets: the indicator without its suffix.
fn target_key(text: &str) -> Option<&str> {
    let t = text.trim();
    TARGET_SUFFIXES
        .iter()
        .find_map(|s| t.strip_suffix(s))
        .map(str::trim)
}

/// A layout error and the header row's first cell.
pub(crate) type LayoutFailure = (LayoutError, Option<(u32, u32)>);

/// Read a sheet's records; `Ok(None)` for a sheet with no header row (a notes sheet).
pub(crate) fn records(sheet: &Sheet) -> Result<Option<SheetRecords>, LayoutFailure> {
    let Some(h) = find_header(sheet) else {
        return Ok(None);
    };
    let header_cell = Some(cell_at(sheet, h.row, 0));
    let layout = layout(&h).map_err(|e| (e, header_cell))?;
    let sheet_year = year_name(&sheet.name).map(|y| y.to_string());
    let sheet_region = (!default_sheet_name(&sheet.name)).then(|| sheet.name.trim().to_string());
    if h.fields[YEAR].is_none() && layout != Layout::YearsAcross && sheet_year.is_none() {
        return Err((LayoutError::NoYear(sheet.name.clone()), header_cell));
    }
    let region_from_name = h.fields[REGION].is_none() && layout != Layout::RegionsAcross;
    if region_from_name && sheet_region.is_none() {
        return Err((LayoutError::NoRegion(sheet.name.clone()), header_cell));
    }
    let reader = Reader {
        sheet,
        h,
        layout,
        sheet_year,
        sheet_region: sheet_region.filter(|_| region_from_name),
    };
    Ok(Some(reader.read()))
}

/// The sheet cell of a row and column of the sheet's grid (1-based, as a workbook names it).
fn cell_at(sheet: &Sheet, row: usize, col: usize) -> (u32, u32) {
    let at = |origin: u32, i: usize| origin.saturating_add(u32::try_from(i).unwrap_or(u32::MAX));
    (at(sheet.origin.0, row), at(sheet.origin.1, col))
}

/// A sheet whose header and layout are known.
struct Reader<'s> {
    sheet: &'s Sheet,
    h: Header,
    layout: Layout,
    /// The year the sheet's name gives, if any.
    sheet_year: Option<String>,
    /// The region the sheet's name gives, when no column does.
    sheet_region: Option<String>,
}

impl Reader<'_> {
    fn at(&self, row: usize, col: usize) -> (u32, u32) {
        cell_at(self.sheet, row, col)
    }

    /// Every record below the header; the rows above it and the rows that hold nothing are
    /// listed.
    fn read(&self) -> SheetRecords {
        let h = &self.h;
        let mut out = SheetRecords {
            title_rows: (0..h.row)
                .filter(|r| self.sheet.rows[*r].iter().any(|c| !c.is_empty()))
                .map(|r| self.at(r, 0).0 as usize + 1)
                .collect(),
            ..SheetRecords::default()
        };
        match self.layout {
            // a second name of a field read (`指标名称` beside `指标`) describes the row
            Layout::Long => out.ignored = h.data.iter().map(|d| d.1.clone()).collect(),
            Layout::RegionsAcross => out.regions = h.data.iter().map(|d| d.1.clone()).collect(),
            _ => {}
        }
        let mut merge = Merge::default();
        for (r, cells) in self.sheet.rows.iter().enumerate().skip(h.row + 1) {
            if cells.iter().all(SheetCell::is_empty) {
                continue;
            }
            let base = self.row_fields(r, cells);
            if self.layout == Layout::Long {
                if base.fields[VALUE].is_empty() && base.fields[TARGET].is_empty() {
                    out.regions.push(base.fields[REGION].clone());
                    out.empty_rows.push(self.at(r, 0).0 as usize + 1);
                } else {
                    out.records.push(base);
                }
                continue;
            }
            if !base.fields[REGION].is_empty() {
                out.regions.push(base.fields[REGION].clone());
            }
            for (c, head, year) in &h.data {
                let cell = cells.get(*c).unwrap_or(&SheetCell::Empty);
                if !cell.is_empty() {
                    let (rec, slot) = self.data_cell(&base, (r, *c), cell, head, *year);
                    merge.push(&mut out.records, rec, slot);
                }
            }
        }
        out
    }

    /// The fields a row gives every record it holds (the sheet's name standing for a missing
    /// year or region column).
    fn row_fields(&self, r: usize, cells: &[SheetCell]) -> Record {
        let mut base = Record::default();
        for (f, col) in self.h.fields.iter().enumerate() {
            if let Some(c) = *col {
                let cell = cells.get(c).unwrap_or(&SheetCell::Empty);
                let text = if f == YEAR {
                    cell.year_text()
                } else {
                    cell.text()
                };
                base.fields[f] = text.into_owned();
                base.cells[f] = Some(self.at(r, c));
            }
        }
        if base.cells[YEAR].is_none() {
            base.fields[YEAR] = self.sheet_year.clone().unwrap_or_default();
        }
        if let Some(region) = &self.sheet_region {
            base.fields[REGION] = region.clone();
        }
        base
    }

    /// The record of one data cell of a wide layout: the header cell gives the year, the
    /// indicator or the region; a `(目标)` key across or down makes the cell a target. Also
    /// the slot (value or target) the cell fills.
    fn data_cell(
        &self,
        base: &Record,
        (r, c): (usize, usize),
        cell: &SheetCell,
        head: &str,
        year: Option<i32>,
    ) -> (Record, usize) {
        let mut rec = base.clone();
        // which field the header cell gives, and which the row's key
        let (across, down) = match self.layout {
            Layout::RegionsDown => (INDICATOR, None),
            Layout::RegionsAcross => (REGION, Some(INDICATOR)),
            _ => (YEAR, Some(INDICATOR)),
        };
        let mut target = false;
        if across == YEAR {
            rec.fields[YEAR] = year.map(|y| y.to_string()).unwrap_or_default();
        } else {
            let (key, t) = target_key(head).map_or((head, false), |k| (k, true));
            rec.fields[across] = key.to_string();
            target = t;
        }
        rec.cells[across] = Some(self.at(self.h.row, c));
        if let Some(d) = down {
            if let Some(k) = target_key(&rec.fields[d]) {
                rec.fields[d] = k.to_string();
                target = true;
            }
        }
        let slot = if target { TARGET } else { VALUE };
        rec.fields[slot] = cell.text().into_owned();
        rec.cells[slot] = Some(self.at(r, c));
        rec.fields[VALUE + TARGET - slot].clear();
        rec.cells[VALUE + TARGET - slot] = None;
        (rec, slot)
    }
}

/// Value and target cells of the same region, indicator and year, written in two places (an
/// indicator and its `(目标)` across or down), joined into one record.
#[derive(Default)]
struct Merge {
    open: HashMap<[String; 3], (usize, usize)>,
}

impl Merge {
    fn push(&mut self, records: &mut Vec<Record>, rec: Record, slot: usize) {
        let key = [
            rec.fields[REGION].clone(),
            rec.fields[INDICATOR].clone(),
            rec.fields[YEAR].clone(),
        ];
        if let Some(&(i, filled)) = self.open.get(&key) {
            if filled != slot {
                if let Some(old) = records.get_mut(i) {
                    old.fields[slot].clone_from(&rec.fields[slot]);
                    old.cells[slot] = rec.cells[slot];
                    self.open.remove(&key);
                    return;
                }
            }
        }
        self.open.insert(key, (records.len(), slot));
        records.push(rec);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(name: &str, rows: &[&[&str]]) -> Sheet {
        let cell = |t: &&str| match t.parse::<Decimal>() {
            Ok(d) => SheetCell::Number(d),
            Err(_) if t.is_empty() => SheetCell::Empty,
            Err(_) => SheetCell::Text(t.to_string()),
        };
        Sheet {
            name: name.into(),
            origin: (0, 0),
            rows: rows.iter().map(|r| r.iter().map(cell).collect()).collect(),
        }
    }

    fn fields(s: &Sheet) -> Vec<[String; 5]> {
        let r = records(s).unwrap().unwrap();
        r.records.into_iter().map(|r| r.fields).collect()
    }

    fn f(a: [&str; 5]) -> [String; 5] {
        a.map(str::to_string)
    }

    #[test]
    fn long_layout_reads_rows() {
        let s = sheet(
            "Sheet1",
            &[
                &["地区", "指标", "年份", "值", "单位"],
                &["甲县", "1", "2023", "22", "%"],
            ],
        );
        assert_eq!(fields(&s), vec![f(["甲县", "1", "2023", "22", ""])]);
    }

    #[test]
    fn regions_down_with_the_year_from_the_sheet_name() {
        let s = sheet(
            "2023年",
            &[
                &["2023年数据表"],
                &["地区", "森林覆盖率", "森林覆盖率(目标)"],
                &["甲县", "22", "20"],
                &["乙县", "", "20"],
            ],
        );
        let r = records(&s).unwrap().unwrap();
        assert_eq!(r.title_rows, vec![1]);
        let got: Vec<_> = r.records.iter().map(|r| r.fields.clone()).collect();
        assert_eq!(
            got,
            vec![
                f(["甲县", "森林覆盖率", "2023", "22", "20"]),
                f(["乙县", "森林覆盖率", "2023", "", "20"])
            ]
        );
        assert_eq!(r.records[0].cells[4], Some((2, 2)));
    }

    #[test]
    fn indicators_down_regions_across() {
        let s = sheet(
            "2024",
            &[&["指标", "单位", "甲县", "乙县"], &["1", "%", "22", "18"]],
        );
        assert_eq!(
            fields(&s),
            vec![
                f(["甲县", "1", "2024", "22", ""]),
                f(["乙县", "1", "2024", "18", ""])
            ]
        );
    }

    #[test]
    fn indicators_down_years_across_with_target_rows() {
        let s = sheet(
            "甲县",
            &[
                &["序号", "指标名称", "2022", "2023年"],
                &["1", "森林覆盖率", "21", "22"],
                &["", "森林覆盖率（目标）", "", "20"],
            ],
        );
        assert_eq!(
            fields(&s),
            vec![
                f(["甲县", "森林覆盖率", "2022", "21", ""]),
                f(["甲县", "森林覆盖率", "2023", "22", "20"])
            ]
        );
    }

    #[test]
    fn layouts_that_do_not_say_are_errors() {
        let e = |rows: &[&[&str]], name: &str| records(&sheet(name, rows)).unwrap_err().0;
        assert_eq!(
            e(&[&["地区", "森林覆盖率"]], "Sheet1"),
            LayoutError::NoYear("Sheet1".into())
        );
        assert_eq!(
            e(&[&["指标", "2023"]], "Sheet1"),
            LayoutError::NoRegion("Sheet1".into())
        );
        assert_eq!(
            e(&[&["地区", "2022", "备用"]], "x"),
            LayoutError::MixedHeaders("备用".into())
        );
        assert_eq!(e(&[&["地区", "2022"]], "x"), LayoutError::NoIndicator);
        assert_eq!(e(&[&["地区", "指标", "年份"]], "x"), LayoutError::NoValues);
        assert!(records(&sheet("说明", &[&["填表说明"]])).unwrap().is_none());
    }

    #[test]
    fn sheet_names() {
        assert_eq!(year_name("2023年"), Some(2023));
        assert_eq!(year_name("2023年度"), Some(2023));
        assert_eq!(year_name("2023-2024"), None);
        assert_eq!(year_name("0999"), None);
        assert!(
            default_sheet_name("Sheet1")
                && default_sheet_name("工作表 2")
                && default_sheet_name("表")
        );
        assert!(!default_sheet_name("甲县"));
    }
}
