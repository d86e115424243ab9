//! Reading workbooks (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`) with calamine: every sheet with
//! a header row is read in its layout (see `sheet`), every message names the cell
//! (`data.xlsx!2023!C7`).
//!
//! Cells are read as Excel shows them:
//! - a number to 15 significant digits, Excel's own precision (Excel stores a binary double and
//!   writes `74.900000000000006` for what it shows as `74.9`; that double is the only `f64` on a
//!   value's way in, and it is rounded to a decimal at once);
//! - a number in a cell formatted as a percentage (`0.85` shown as `85%`) as the percentage,
//!   with a warning per sheet that says so;
//! - a date as its year where a year is read, else as `2023-05-01` (a word);
//! - text as typed, so that placeholders (`—`, `/`, `暂无` …) mean what they mean in a CSV;
//! - `TRUE`/`FALSE` as `是`/`否`; an error value (`#DIV/0!`) as itself, an error wherever a
//!   number is needed.

use std::path::Path;

use calamine::{Data, Range, Reader};
use rust_decimal::Decimal;

use super::builder::Builder;
use super::places::{a1, Place, Places};
use super::sheet::{records, Record, Sheet, SheetCell};
use super::{DataError, DataErrorKind, DataWarning, Dataset, DuplicateCell};
use crate::message::Warning;
use crate::rules::RuleSet;

/// The file name endings read as workbooks.
pub const WORKBOOK_EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xlsb", "xls", "ods"];

/// Names of sheets that guide whoever fills in the workbook; without a header row they are
/// passed over without a warning.
const GUIDE_SHEETS: [&str; 5] = ["说明", "填表说明", "notes", "readme", "guide"];

/// Whether a path names a workbook (by its ending).
pub fn is_workbook(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        WORKBOOK_EXTENSIONS
            .iter()
            .any(|w| e.eq_ignore_ascii_case(w))
    })
}

/// Read measurements from a workbook: the records of every sheet in its layout, against
/// `rules`.
pub fn read_workbook(path: &Path, rules: &RuleSet) -> Result<Dataset, DataError> {
    let file = path.display().to_string();
    let wb = calamine::open_workbook_auto(path)
        .map_err(|e| whole_at(file.clone(), DataErrorKind::Workbook(e.to_string())))?;
    read_sheets(wb, rules, &file)
}

/// Read measurements from a workbook's bytes (any of the formats; `file` names it in
/// messages).
///
/// ```
/// use zhibiao::data::parse_measurements_workbook;
/// use zhibiao::RuleSet;
/// let rules = RuleSet::parse("体系 \"x\" {\n指标 1 \"森林覆盖率\" {\n目标 ≥20\n}\n}\n").unwrap();
/// let e = parse_measurements_workbook(b"not a workbook", &rules, "d.xlsx").unwrap_err();
/// assert!(e.to_string().starts_with("d.xlsx: cannot read the workbook"));
/// ```
pub fn parse_measurements_workbook(
    bytes: &[u8],
    rules: &RuleSet,
    file: &str,
) -> Result<Dataset, DataError> {
    let wb = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| whole_at(file.to_string(), DataErrorKind::Workbook(e.to_string())))?;
    read_sheets(wb, rules, file)
}

fn read_sheets<RS: std::io::Read + std::io::Seek>(
    mut wb: calamine::Sheets<RS>,
    rules: &RuleSet,
    file: &str,
) -> Result<Dataset, DataError> {
    let whole = |kind| whole_at(file.to_string(), kind);
    let mut places = Places::default();
    let mut all: Vec<Record> = Vec::new();
    let mut regions: Vec<String> = Vec::new();
    let mut warnings = Vec::new();
    let mut formats_unknown = false;
    for name in wb.sheet_names() {
        let range = wb
            .worksheet_range(&name)
            .map_err(|e| whole(DataErrorKind::Workbook(format!("sheet `{name}`: {e}"))))?;
        // `.xls` and `.ods` files give no cell formats: a percentage cell is its fraction
        let styles = wb.worksheet_style(&name).ok().filter(|s| !s.is_empty());
        let (sheet, percent) = convert(&name, &range, styles.as_ref());
        if styles.is_none() && !formats_unknown {
            formats_unknown = range.used_cells().any(|(.., d)| fraction(d));
        }
        let at = |cell: Option<(u32, u32)>| match cell {
            Some((r, c)) => format!("{file}!{name}!{}", a1(r, c)),
            None => format!("{file}!{name}"),
        };
        let read = records(&sheet).map_err(|(e, cell)| whole_at(at(cell), e.into()))?;
        let Some(read) = read else {
            // a guide sheet (`说明`, as the template has) is not data
            let guide = GUIDE_SHEETS.contains(&name.trim().to_lowercase().as_str());
            if !sheet.rows.is_empty() && !guide {
                warnings.push(warning(at(None), Warning::SheetNotRead));
            }
            continue;
        };
        sheet_warnings(&mut warnings, &at(None), &read, percent);
        let index = u32::try_from(places.sheets.len()).unwrap_or(u32::MAX);
        places.sheets.push(name.clone());
        for rec in read.records {
            places.lines.push(Place {
                sheet: index,
                cells: rec.cells,
            });
            all.push(rec);
        }
        regions.extend(read.regions);
    }
    if formats_unknown {
        warnings.push(warning(file.to_string(), Warning::NoFormats));
    }
    let mut b = Builder::new(rules, file);
    for r in &regions {
        b.touch_region(r);
    }
    for (i, rec) in all.iter().enumerate() {
        let [region, indicator, year, value, target] = &rec.fields;
        b.row(i + 1, region, indicator, year, value, target)
            .map_err(|e| locate_error(e, &places, file))?;
    }
    if b.rows == 0 && regions.is_empty() {
        return Err(whole(DataErrorKind::Empty));
    }
    let mut ds = b.finish();
    locate_dataset(&mut ds, &places, file);
    ds.warnings.splice(0..0, warnings);
    ds.places = Some(Box::new(places));
    Ok(ds)
}

fn whole_at(file: String, kind: DataErrorKind) -> DataError {
    DataError {
        kind,
        file,
        row: 0,
        column: None,
    }
}

fn warning(file: String, warning: Warning) -> DataWarning {
    DataWarning {
        file,
        row: None,
        warning,
    }
}

/// The warnings of one sheet: title rows, empty rows, columns not read, percentage cells.
fn sheet_warnings(
    out: &mut Vec<DataWarning>,
    sheet: &str,
    read: &super::sheet::SheetRecords,
    percent: Option<(usize, String)>,
) {
    let sheet = || sheet.to_string();
    let rows = |rows: &[usize]| (crate::message::ranges(rows.to_vec()), rows.len());
    if !read.title_rows.is_empty() {
        let (rows, count) = rows(&read.title_rows);
        out.push(warning(sheet(), Warning::TitleRows { rows, count }));
    }
    if !read.empty_rows.is_empty() {
        let (rows, count) = rows(&read.empty_rows);
        out.push(warning(sheet(), Warning::EmptyRows { rows, count }));
    }
    for h in &read.ignored {
        let column = h.clone();
        out.push(warning(
            sheet(),
            Warning::ColumnNotRead { column, key: false },
        ));
    }
    if let Some((count, first)) = percent {
        out.push(warning(sheet(), Warning::PercentCells { count, first }));
    }
}

/// An error of the builder, with its record's cell in place of the record's number.
fn locate_error(mut e: DataError, places: &Places, file: &str) -> DataError {
    if let DataErrorKind::Duplicate {
        region,
        indicator,
        year,
        first,
    } = &e.kind
    {
        let first = places
            .cell(file, *first, Some("value"))
            .unwrap_or_else(|| first.to_string());
        e.kind = DataErrorKind::DuplicateCell(Box::new(DuplicateCell {
            region: region.clone(),
            indicator: indicator.clone(),
            year: *year,
            first,
        }));
    }
    if let Some(cell) = places.cell(file, e.row, e.column.as_deref()) {
        e.file = cell;
        e.row = 0;
    }
    e
}

/// The dataset's unused rows and warnings, with sheets and cells in place of record numbers.
fn locate_dataset(ds: &mut Dataset, places: &Places, file: &str) {
    for rows in ds.unused.values_mut() {
        for u in rows {
            if let Some((f, row)) = places.row(file, u.row) {
                u.file = f;
                u.row = row;
            }
        }
    }
    for w in ds.warnings.iter_mut().chain(ds.checks.iter_mut()) {
        if let Some(cell) = w.row.and_then(|r| places.cell(file, r, Some("value"))) {
            w.file = cell;
            w.row = None;
        }
    }
}

/// A calamine sheet as cells, with the number of cells formatted as percentages and the first
/// of them.
fn convert(
    name: &str,
    range: &Range<Data>,
    styles: Option<&calamine::StyleRange>,
) -> (Sheet, Option<(usize, String)>) {
    let origin = range.start().unwrap_or((0, 0));
    let mut percent: Option<(usize, String)> = None;
    let rows = range
        .rows()
        .enumerate()
        .map(|(r, row)| {
            row.iter()
                .enumerate()
                .map(|(c, d)| {
                    let pos = (
                        origin.0.saturating_add(r as u32),
                        origin.1.saturating_add(c as u32),
                    );
                    let pct = matches!(d, Data::Float(_) | Data::Int(_))
                        && styles
                            .and_then(|s| s.get(pos))
                            .and_then(|s| s.number_format.as_ref())
                            .is_some_and(|f| percent_format(&f.format_code));
                    if pct {
                        let p = percent.get_or_insert_with(|| (0, a1(pos.0, pos.1)));
                        p.0 += 1;
                    }
                    cell(d, pct)
                })
                .collect()
        })
        .collect();
    let sheet = Sheet {
        name: name.to_string(),
        origin,
        rows,
    };
    (sheet, percent)
}

/// A number strictly between -1 and 1, other than 0: what a percentage cell holds.
fn fraction(d: &Data) -> bool {
    matches!(d, Data::Float(f) if *f != 0.0 && f.abs() < 1.0)
}

/// Whether a number format shows a percentage: a `%` outside quotes and not escaped.
fn percent_format(code: &str) -> bool {
    let mut quoted = false;
    let mut escaped = false;
    for ch in code.chars() {
        match ch {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '%' if !quoted => return true,
            _ => {}
        }
    }
    false
}

/// A calamine value as a cell.
fn cell(d: &Data, percent: bool) -> SheetCell {
    let number = |n: Option<Decimal>| match n {
        Some(n) if percent => SheetCell::Percent(n),
        Some(n) => SheetCell::Number(n),
        None => SheetCell::Error("a number Excel cannot show".into()),
    };
    match d {
        Data::Empty => SheetCell::Empty,
        Data::String(s) => SheetCell::Text(s.clone()),
        Data::Int(i) => number(Some(Decimal::from(*i))),
        Data::Float(f) => number(excel_number(*f)),
        Data::Bool(b) => SheetCell::Text(if *b { "是" } else { "否" }.into()),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (year, month, day, ..) = dt.to_ymd_hms_milli();
            SheetCell::Date {
                year: i32::from(year),
                month: u32::from(month),
                day: u32::from(day),
            }
        }
        Data::DateTime(dt) => SheetCell::Text(format!("{}", dt.as_f64())),
        Data::DateTimeIso(s) => iso_date(s).unwrap_or_else(|| SheetCell::Text(s.clone())),
        Data::DurationIso(s) => SheetCell::Text(s.clone()),
        Data::Error(e) => SheetCell::Error(e.to_string()),
    }
}

/// `2023-05-01` (and `2023-05-01T…`) as a date.
fn iso_date(s: &str) -> Option<SheetCell> {
    let mut parts = s.get(..10)?.split('-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    Some(SheetCell::Date { year, month, day })
}

/// A stored double as the decimal Excel shows: 15 significant digits, trailing zeros dropped;
/// `None` for what no decimal holds (infinities, NaN, beyond 28 digits).
pub(crate) fn excel_number(f: f64) -> Option<Decimal> {
    if !f.is_finite() {
        return None;
    }
    if f == 0.0 {
        return Some(Decimal::ZERO);
    }
    let text = format!("{f:.14e}");
    let (mantissa, exp) = text.split_once('e')?;
    let exp: i32 = exp.parse().ok()?;
    let digits: i128 = mantissa.replace('.', "").parse().ok()?;
    // mantissa digits × 10^(exp − 14)
    let shift = exp - 14;
    if shift >= 0 {
        let scale = Decimal::from_i128_with_scale(10i128.checked_pow(shift.unsigned_abs())?, 0);
        return Decimal::from_i128_with_scale(digits, 0)
            .checked_mul(scale)
            .map(|d| d.normalize());
    }
    let scale = shift.unsigned_abs();
    if scale <= 28 {
        return Some(Decimal::from_i128_with_scale(digits, scale).normalize());
    }
    // smaller than Excel's 15 digits can show beside 28 places: round to 28 places
    let drop = scale - 28;
    let kept = digits.checked_div(10i128.checked_pow(drop)?)?;
    Some(Decimal::from_i128_with_scale(kept, 28).normalize())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_excel_shows_them() {
        let d = |f: f64| excel_number(f).map(|d| d.to_string());
        let stored: f64 = "74.900000000000006".parse().unwrap();
        assert_eq!(d(stored).as_deref(), Some("74.9"));
        assert_eq!(d(0.749 * 100.0).as_deref(), Some("74.9"));
        assert_eq!(d(0.1 + 0.2).as_deref(), Some("0.3"));
        assert_eq!(d(85.0).as_deref(), Some("85"));
        assert_eq!(d(-1.5).as_deref(), Some("-1.5"));
        assert_eq!(d(1e20).as_deref(), Some("100000000000000000000"));
        assert_eq!(d(1.23e-5).as_deref(), Some("0.0000123"));
        assert_eq!(d(1e-40).as_deref(), Some("0"));
        assert_eq!(d(1e30), None);
        assert_eq!(d(f64::NAN), None);
        assert_eq!(d(0.0).as_deref(), Some("0"));
    }

    #[test]
    fn percent_formats() {
        assert!(percent_format("0%"));
        assert!(percent_format("0.00%"));
        assert!(!percent_format("0.00\"%\""));
        assert!(!percent_format("0\\%"));
        assert!(!percent_format("General"));
    }

    #[test]
    fn cells() {
        assert_eq!(cell(&Data::Float(0.85), true).text(), "85%");
        assert_eq!(cell(&Data::Float(22.0), false).text(), "22");
        assert_eq!(cell(&Data::Bool(true), false).text(), "是");
        assert_eq!(
            cell(&Data::DateTimeIso("2023-05-01T00:00:00".into()), false).text(),
            "2023-05-01"
        );
        assert_eq!(
            cell(&Data::Error(calamine::CellErrorType::Div0), false).text(),
            "#DIV/0!"
        );
    }
}
