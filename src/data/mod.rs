//! Reading measurements and regions (CSV or JSON) into per-region data.
//!
//! CSV files may be UTF-8 (with or without BOM) or GB18030/GBK, as Excel on Chinese Windows
//! writes them; headers may be English or Chinese. Row numbers are file line numbers with the
//! header as line 1. Every row is used or reported: errors stop the read, rows that no
//! indicator uses are returned as [`UnusedRow`]s with the reason.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::rules::RuleSet;
pub use crate::rules::SeriesKey;

mod model;
pub use model::{IndicatorData, RegionData, Series, Value};

impl SeriesKey {
    /// Whether a region already holds a value or a target of this series for the year.
    pub(crate) fn has(&self, region: &RegionData, year: i32) -> bool {
        let in_series = |s: Option<&crate::data::Series>| {
            s.is_some_and(|s| s.values.contains_key(&year) || s.targets.contains_key(&year))
        };
        match self {
            SeriesKey::Indicator { id } => in_series(region.series(id, None)),
            SeriesKey::Named { id, name } => in_series(region.series(id, Some(name))),
            SeriesKey::Veto { id } => region.vetoes.get(id).is_some_and(|m| m.contains_key(&year)),
            SeriesKey::Event { name } => region
                .events
                .get(name)
                .is_some_and(|m| m.contains_key(&year)),
        }
    }

    /// Store a value (or a target) of this series in a region.
    pub fn insert(&self, region: &mut RegionData, year: i32, value: Value, target: bool) {
        match (self, target) {
            (SeriesKey::Indicator { id }, false) => region.set_value(id, year, value),
            (SeriesKey::Indicator { id }, true) => region.set_target(id, year, value),
            (SeriesKey::Named { id, name }, false) => region.set_named(id, name, year, value),
            (SeriesKey::Named { id, name }, true) => region.set_named_target(id, name, year, value),
            (SeriesKey::Veto { id }, _) => region.set_veto(id, year, value),
            (SeriesKey::Event { name }, _) => region.set_event(name, year, value),
        }
    }
}

/// An input row that no indicator uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnusedRow {
    /// File.
    pub file: String,
    /// Line number (header = 1) or JSON item number.
    pub row: usize,
    /// The `indicator` cell.
    pub indicator: String,
    /// Why it is not used.
    pub reason: String,
}

/// Input rows not used for one reason in one file, with the row numbers as ranges: what a
/// report lists, so that a panel of many years does not list every row on its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnusedRows {
    /// File.
    pub file: String,
    /// Why they are not used.
    pub reason: String,
    /// How many rows.
    pub count: usize,
    /// Row numbers (header = 1) as inclusive ranges `[first, last]`, ascending; in JSON one
    /// string, `"2-9,12"`.
    #[serde(with = "ranges_text")]
    pub rows: Vec<[usize; 2]>,
}

/// Row ranges as one compact string in JSON: `"2-9,12"`.
mod ranges_text {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(rows: &[[usize; 2]], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&super::join_ranges(rows, "-", ","))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<[usize; 2]>, D::Error> {
        let s = String::deserialize(d)?;
        s.split(',')
            .filter(|p| !p.trim().is_empty())
            .map(|p| {
                let (a, b) = p.split_once('-').unwrap_or((p, p));
                match (a.trim().parse(), b.trim().parse()) {
                    (Ok(a), Ok(b)) => Ok([a, b]),
                    _ => Err(serde::de::Error::custom(format!("not a row range: `{p}`"))),
                }
            })
            .collect()
    }
}

impl UnusedRows {
    /// Group rows by (file, reason), ranges ascending; groups in order of their first row.
    ///
    /// ```
    /// use zhibiao::data::UnusedRows;
    /// let g = UnusedRows::group([("a.csv", "x", 4), ("a.csv", "x", 2), ("a.csv", "x", 3), ("a.csv", "y", 9)]);
    /// assert_eq!(g[0].rows, vec![[2, 4]]);
    /// assert_eq!((g[0].count, g[1].count), (3, 1));
    /// ```
    pub fn group<'a>(rows: impl IntoIterator<Item = (&'a str, &'a str, usize)>) -> Vec<UnusedRows> {
        let mut by: BTreeMap<(&str, &str), Vec<usize>> = BTreeMap::new();
        for (file, reason, row) in rows {
            by.entry((file, reason)).or_default().push(row);
        }
        let mut out: Vec<UnusedRows> = by
            .into_iter()
            .map(|((file, reason), rows)| UnusedRows::of(file, reason.to_string(), rows))
            .collect();
        out.sort_by_key(|g| g.rows.first().map_or(0, |r| r[0]));
        out
    }

    /// One group: these rows of `file`, for `reason`.
    pub fn of(file: &str, reason: String, mut rows: Vec<usize>) -> UnusedRows {
        rows.sort_unstable();
        rows.dedup();
        let mut ranges: Vec<[usize; 2]> = Vec::new();
        for r in &rows {
            match ranges.last_mut() {
                Some(last) if last[1] + 1 == *r => last[1] = *r,
                _ => ranges.push([*r, *r]),
            }
        }
        UnusedRows {
            file: file.to_string(),
            reason,
            count: rows.len(),
            rows: ranges,
        }
    }

    /// The rows in words: `row 5`, `rows 2–4, 9`.
    pub fn rows_text(&self) -> String {
        let label = if self.count == 1 { "row" } else { "rows" };
        format!("{label} {}", join_ranges(&self.rows, "–", ", "))
    }
}

/// Row ranges as text: `2–4, 9` (or `2-4,9`), a single row without its dash.
fn join_ranges(rows: &[[usize; 2]], dash: &str, sep: &str) -> String {
    let parts: Vec<String> = rows
        .iter()
        .map(|[a, b]| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}{dash}{b}")
            }
        })
        .collect();
    parts.join(sep)
}

/// A warning about the input that does not stop evaluation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataWarning {
    /// File.
    pub file: String,
    /// Row, if one.
    pub row: Option<usize>,
    /// Message.
    pub message: String,
}

impl std::fmt::Display for DataWarning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.row {
            Some(r) => write!(f, "warning: {}:{r}: {}", self.file, self.message),
            None => write!(f, "warning: {}: {}", self.file, self.message),
        }
    }
}

/// A bad input file.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{file}:{row}{}: {kind}", column.as_ref().map(|c| format!(" (column `{c}`)")).unwrap_or_default())]
pub struct DataError {
    /// What.
    pub kind: DataErrorKind,
    /// File.
    pub file: String,
    /// Line (header = 1), or JSON item; 0 for the whole file.
    pub row: usize,
    /// Column name.
    pub column: Option<String>,
}

/// Kinds of data error.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum DataErrorKind {
    /// The file cannot be read.
    #[error("cannot read the file: {0}")]
    Io(String),
    /// The file has no header or no rows.
    #[error("the file is empty")]
    Empty,
    /// A required column is missing.
    #[error("missing column `{0}` (or its Chinese name `{1}`)")]
    MissingColumn(&'static str, &'static str),
    /// A year cell that is not a year.
    #[error("`{0}` is not a year")]
    BadYear(String),
    /// A value cell that should be a number is not.
    #[error("`{value}` is not a number ({why})")]
    BadNumber {
        /// The cell.
        value: String,
        /// Why a number is expected.
        why: String,
    },
    /// A malformed CSV record.
    #[error("malformed row: {0}")]
    Csv(String),
    /// The same (region, indicator, year) twice.
    #[error("duplicate row for region `{region}`, indicator `{indicator}`, year {year}: also on row {first}")]
    Duplicate {
        /// Region.
        region: String,
        /// Indicator cell.
        indicator: String,
        /// Year.
        year: i32,
        /// The earlier row.
        first: usize,
    },
    /// An empty required cell.
    #[error("the `{0}` cell is empty")]
    EmptyCell(&'static str),
    /// JSON that does not match the format.
    #[error("invalid JSON: {0}")]
    Json(String),
    /// A region class that the rules do not declare (SPEC §4, "Known regions").
    #[error("class `{class}` is not declared in the rules{}", suggestion.as_ref().map(|s| format!(": did you mean `{s}`?")).unwrap_or_default())]
    UndeclaredClass {
        /// The class as written (the row names the region).
        class: String,
        /// The closest declared class.
        suggestion: Option<String>,
    },
    /// A region of the measurements that the regions file does not list.
    #[error("region `{region}` has measurements but is not in the regions file{}", if *more > 0 { format!(" (nor are {more} more regions)") } else { String::new() })]
    RegionNotListed {
        /// The first such region.
        region: String,
        /// How many more.
        more: usize,
    },
}

/// Measurements for many regions, read against a rule set: every row is stored in a region's
/// data or listed as unused with the reason.
///
/// ```
/// use zhibiao::data::parse_measurements_csv;
/// use zhibiao::RuleSet;
/// let rules = RuleSet::parse("体系 \"x\" {\n指标 1 \"森林覆盖率\" {\n单位 %\n目标 ≥20\n}\n}\n").unwrap();
/// let csv = "region,indicator,year,value\n甲县,1,2023,22%\n乙县,森林覆盖率,2023,18\n乙县,9,2023,1\n";
/// let ds = parse_measurements_csv(csv, &rules, "m.csv").unwrap();
/// assert_eq!(ds.regions.len(), 2);
/// assert_eq!(ds.stored_rows(), 2);
/// assert_eq!(ds.unused["乙县"][0].row, 4); // no indicator 9: listed, not dropped
/// assert!(ds.region("甲县").is_some());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    /// Regions in order of first appearance.
    pub regions: Vec<RegionData>,
    /// Rows not used, per region name.
    pub unused: BTreeMap<String, Vec<UnusedRow>>,
    /// Warnings (regions without classes a tier needs, unknown classes …).
    pub warnings: Vec<DataWarning>,
    /// The latest year in the file.
    pub latest_year: Option<i32>,
    /// Every stored row, per region (parallel to `regions`), to report the rows no verdict read.
    #[serde(skip)]
    pub(crate) stored: Vec<Vec<StoredRow>>,
    /// The files rows came from (a stored row holds an index).
    #[serde(skip)]
    pub(crate) files: Vec<String>,
    /// The series keys of stored rows (a stored row holds an index).
    #[serde(skip)]
    pub(crate) keys: Vec<SeriesKey>,
    /// Region name → position in `regions`.
    #[serde(skip)]
    index: std::collections::HashMap<String, usize>,
}

/// Where a stored row came from and what it holds.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct StoredRow {
    /// Line number (header = 1).
    pub(crate) row: u32,
    /// Index into `Dataset::keys`.
    pub(crate) key: u32,
    pub(crate) year: i32,
    /// Index into `Dataset::files`.
    pub(crate) file: u16,
    pub(crate) value: bool,
    pub(crate) target: bool,
}

impl Dataset {
    /// How many input rows were stored (the others are in `unused`).
    pub fn stored_rows(&self) -> usize {
        self.stored.iter().map(Vec::len).sum()
    }

    /// The region with this name, if any.
    pub fn region(&self, name: &str) -> Option<&RegionData> {
        self.region_position(name).map(|p| &self.regions[p])
    }

    /// The position of the region with this name in `regions`.
    pub(crate) fn region_position(&self, name: &str) -> Option<usize> {
        match self.index.get(name) {
            Some(&p) if self.regions.get(p).is_some_and(|r| r.name == name) => Some(p),
            _ => self.regions.iter().position(|r| r.name == name),
        }
    }

    /// The position of the region with this name, adding it if it is new.
    fn region_pos(&mut self, name: &str) -> usize {
        self.region_mut(name);
        self.index.get(name).copied().unwrap_or(0)
    }

    /// The region with this name.
    pub fn region_mut(&mut self, name: &str) -> &mut RegionData {
        if let Some(&p) = self.index.get(name) {
            if self.regions.get(p).is_some_and(|r| r.name == name) {
                return &mut self.regions[p];
            }
        }
        // the index covers every region unless the dataset was deserialised
        let indexed = self.index.len() == self.regions.len();
        let found = if indexed {
            None
        } else {
            self.regions.iter().position(|r| r.name == name)
        };
        let pos = match found {
            Some(p) => p,
            None => {
                self.regions.push(RegionData::new(name));
                self.regions.len() - 1
            }
        };
        self.index.insert(name.to_string(), pos);
        &mut self.regions[pos]
    }
}

/// Decode bytes as UTF-8 (BOM stripped) or, failing that, GB18030.
///
/// ```
/// let gbk = [0xB5, 0xD8, 0xC7, 0xF8]; // 地区 in GBK
/// assert_eq!(zhibiao::data::decode(&gbk), "地区");
/// assert_eq!(zhibiao::data::decode("\u{feff}a".as_bytes()), "a");
/// ```
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::GB18030.decode(bytes).0.into_owned(),
    }
}

/// [`decode`] without copying a UTF-8 file (the common case); the BOM is dropped in place.
fn decode_owned(mut bytes: Vec<u8>) -> String {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => encoding_rs::GB18030.decode(e.as_bytes()).0.into_owned(),
    }
}

fn read(path: &Path) -> Result<String, DataError> {
    std::fs::read(path)
        .map(decode_owned)
        .map_err(|e| DataError {
            kind: DataErrorKind::Io(e.to_string()),
            file: path.display().to_string(),
            row: 0,
            column: None,
        })
}

const COLUMNS: &[(&str, &[&str])] = &[
    ("region", &["region", "地区", "地区名称", "行政区"]),
    (
        "indicator",
        &["indicator", "指标", "指标编号", "指标名称", "序号"],
    ),
    ("year", &["year", "年份", "年度", "年"]),
    ("value", &["value", "值", "数值", "指标值", "现状值"]),
    ("target", &["target", "目标", "目标值", "上级目标"]),
    ("classes", &["classes", "分类", "地区分类", "类别"]),
];

fn column(headers: &csv::StringRecord, name: &str) -> Option<usize> {
    let names = COLUMNS
        .iter()
        .find(|(n, _)| *n == name)
        .map_or(&[][..], |(_, a)| *a);
    headers.iter().position(|h| {
        let h = h.trim().trim_start_matches('\u{feff}').to_ascii_lowercase();
        names.contains(&h.as_str())
    })
}

fn zh_name(name: &'static str) -> &'static str {
    COLUMNS
        .iter()
        .find(|(n, _)| *n == name)
        .and_then(|(_, a)| a.get(1).copied())
        .unwrap_or(name)
}

/// One measurement row, from CSV or JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// Region.
    #[serde(alias = "地区")]
    pub region: String,
    /// Indicator id or name, `<id>:<name>`, `veto:<id>` or `event:<kind>`.
    #[serde(alias = "指标")]
    pub indicator: String,
    /// Year.
    #[serde(alias = "年份")]
    pub year: serde_json::Value,
    /// Value.
    #[serde(default, alias = "值")]
    pub value: Option<serde_json::Value>,
    /// Target.
    #[serde(default, alias = "目标")]
    pub target: Option<serde_json::Value>,
}

fn cell(v: &Option<serde_json::Value>) -> String {
    match v {
        None | Some(serde_json::Value::Null) => String::new(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    }
}

/// Read measurements (CSV, or JSON when the file name ends in `.json`).
pub fn read_measurements(path: &Path, rules: &RuleSet) -> Result<Dataset, DataError> {
    let file = path.display().to_string();
    let json = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    if !json {
        // a UTF-8 CSV is read as a stream, never held whole; anything else is decoded first
        match stream_csv(path, rules, &file) {
            Err(CsvFail::NotUtf8(_)) => {}
            Err(CsvFail::Data(e)) => return Err(e),
            Ok(ds) => return Ok(ds),
        }
    }
    let text = read(path)?;
    if json {
        let rows: Vec<Row> = serde_json::from_str(&text).map_err(|e| DataError {
            kind: DataErrorKind::Json(e.to_string()),
            file: file.clone(),
            row: e.line(),
            column: None,
        })?;
        let rows = rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let year = match &r.year {
                    serde_json::Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                (
                    i + 1,
                    r.region.clone(),
                    r.indicator.clone(),
                    year,
                    cell(&r.value),
                    cell(&r.target),
                )
            })
            .collect();
        return build(rows, rules, &file);
    }
    parse_measurements_csv(&text, rules, &file)
}

/// Read a CSV file as a UTF-8 stream (a BOM is skipped).
fn stream_csv(path: &Path, rules: &RuleSet, file: &str) -> Result<Dataset, CsvFail> {
    use std::io::BufRead;
    let io_err = |e: std::io::Error| {
        CsvFail::Data(DataError {
            kind: DataErrorKind::Io(e.to_string()),
            file: file.to_string(),
            row: 0,
            column: None,
        })
    };
    let mut input =
        std::io::BufReader::with_capacity(1 << 16, std::fs::File::open(path).map_err(io_err)?);
    if input
        .fill_buf()
        .map_err(io_err)?
        .starts_with(&[0xEF, 0xBB, 0xBF])
    {
        input.consume(3);
    }
    read_csv(input, rules, file)
}

/// Read measurements from CSV text (`file` names it in messages).
///
/// ```
/// use zhibiao::data::{parse_measurements_csv, DataErrorKind};
/// use zhibiao::RuleSet;
/// let rules = RuleSet::parse("体系 \"x\" {\n指标 1 \"森林覆盖率\" {\n目标 ≥20\n}\n}\n").unwrap();
/// let ok = parse_measurements_csv("地区,指标,年份,值\n甲县,森林覆盖率,2023,22\n甲县,9,2023,1\n", &rules, "d.csv").unwrap();
/// assert_eq!(ok.unused["甲县"][0].row, 3); // no indicator 9: listed, not dropped
/// let err = parse_measurements_csv("region,indicator,year,value\n甲县,1,2023,22\n甲县,1,2023,23\n", &rules, "d.csv").unwrap_err();
/// assert!(matches!(err.kind, DataErrorKind::Duplicate { first: 2, .. }));
/// assert_eq!(err.to_string(), "d.csv:3 (column `indicator`): duplicate row for region `甲县`, indicator `1`, year 2023: also on row 2");
/// ```
pub fn parse_measurements_csv(
    text: &str,
    rules: &RuleSet,
    file: &str,
) -> Result<Dataset, DataError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    read_csv(text.as_bytes(), rules, file).map_err(|e| match e {
        CsvFail::Data(e) => e,
        CsvFail::NotUtf8(line) => DataError {
            kind: DataErrorKind::Csv("the text is not UTF-8".into()),
            file: file.to_string(),
            row: line,
            column: None,
        },
    })
}

/// Why reading a CSV stream stopped.
enum CsvFail {
    /// Bad input, with file, row and column.
    Data(DataError),
    /// A line that is not UTF-8 (the file is read again and decoded as GB18030).
    NotUtf8(usize),
}

impl From<DataError> for CsvFail {
    fn from(e: DataError) -> CsvFail {
        CsvFail::Data(e)
    }
}

/// Read measurements from a CSV stream, record by record.
fn read_csv<R: std::io::Read>(input: R, rules: &RuleSet, file: &str) -> Result<Dataset, CsvFail> {
    let err = |kind, row, column: Option<&str>| DataError {
        kind,
        file: file.to_string(),
        row,
        column: column.map(str::to_string),
    };
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .from_reader(input);
    let headers = match rdr.headers() {
        Ok(h) => h.clone(),
        Err(e) if matches!(e.kind(), csv::ErrorKind::Utf8 { .. }) => {
            return Err(CsvFail::NotUtf8(1))
        }
        Err(e) => return Err(err(DataErrorKind::Csv(e.to_string()), 1, None).into()),
    };
    if headers.is_empty() || (headers.len() == 1 && headers[0].trim().is_empty()) {
        return Err(err(DataErrorKind::Empty, 1, None).into());
    }
    let mut idx = [0usize; 4];
    for (i, name) in ["region", "indicator", "year", "value"]
        .into_iter()
        .enumerate()
    {
        idx[i] = column(&headers, name)
            .ok_or_else(|| err(DataErrorKind::MissingColumn(name, zh_name(name)), 1, None))?;
    }
    let target = column(&headers, "target");
    let read: Vec<usize> = idx.iter().copied().chain(target).collect();
    let ignored: Vec<String> = headers
        .iter()
        .enumerate()
        .filter(|(i, h)| !read.contains(i) && !h.trim().is_empty())
        .map(|(_, h)| h.trim().to_string())
        .collect();
    let mut b = Builder::new(rules, file);
    let mut rec = csv::StringRecord::new();
    loop {
        match rdr.read_record(&mut rec) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                if matches!(e.kind(), csv::ErrorKind::Utf8 { .. }) {
                    return Err(CsvFail::NotUtf8(line));
                }
                return Err(err(DataErrorKind::Csv(e.to_string()), line, None).into());
            }
        }
        let line = rec.position().map_or(0, |p| p.line() as usize);
        if rec.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let get = |i: usize| rec.get(i).unwrap_or("").trim();
        b.row(
            line,
            get(idx[0]),
            get(idx[1]),
            get(idx[2]),
            get(idx[3]),
            target.map_or("", get),
        )?;
    }
    if b.rows == 0 {
        return Err(err(DataErrorKind::Empty, 1, None).into());
    }
    let mut ds = b.finish();
    for h in ignored {
        ds.warnings.push(DataWarning {
            file: file.to_string(),
            row: Some(1),
            message: format!(
                "column `{h}` is not read (zhibiao reads region, indicator, year, value, target)"
            ),
        });
    }
    Ok(ds)
}

type RawRow = (usize, String, String, String, String, String);

fn build(rows: Vec<RawRow>, rules: &RuleSet, file: &str) -> Result<Dataset, DataError> {
    let mut b = Builder::new(rules, file);
    for (line, region, indicator, year, value, target) in &rows {
        b.row(*line, region, indicator, year, value, target)?;
    }
    Ok(b.finish())
}

/// Reads rows into a dataset as they come: each distinct `indicator` cell is classified once,
/// regions are found by index, duplicates are found by integer keys.
struct Builder<'a> {
    rules: &'a RuleSet,
    file: &'a str,
    file_id: u16,
    ds: Dataset,
    /// `indicator` cell → (cell id, series key id or why the cell is not used)
    cells: HashMap<String, (u32, Result<u32, String>), FastHash>,
    /// (region, cell, year) → the line of a row that was not stored (stored rows are found in
    /// the regions' data)
    seen: HashMap<(usize, u32, i32), usize, FastHash>,
    /// Cells that are words (status words), each normalised once.
    words: HashMap<String, Option<Value>, FastHash>,
    /// The last region seen and its position (rows usually come region by region).
    last_region: Option<(String, usize)>,
    rows: usize,
}

/// A small multiplicative hasher for the reader's integer and short-string keys (the keys come
/// from one file being read, not from an adversary across a network).
#[derive(Default, Clone, Copy)]
struct FastHasher(u64);

impl std::hash::Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn write_i32(&mut self, n: i32) {
        self.write_u64(u64::from(n as u32));
    }
    fn write_usize(&mut self, n: usize) {
        self.write_u64(n as u64);
    }
}

type FastHash = std::hash::BuildHasherDefault<FastHasher>;

impl<'a> Builder<'a> {
    fn new(rules: &'a RuleSet, file: &'a str) -> Builder<'a> {
        let mut ds = Dataset::default();
        ds.files.push(file.to_string());
        Builder {
            rules,
            file,
            file_id: u16::try_from(ds.files.len() - 1).unwrap_or(u16::MAX),
            ds,
            cells: HashMap::default(),
            seen: HashMap::default(),
            words: HashMap::default(),
            last_region: None,
            rows: 0,
        }
    }

    /// The dataset, without the spare capacity of its growing row lists.
    fn finish(mut self) -> Dataset {
        self.ds.stored.iter_mut().for_each(Vec::shrink_to_fit);
        self.ds
    }

    fn err(&self, kind: DataErrorKind, row: usize, column: &str) -> DataError {
        DataError {
            kind,
            file: self.file.to_string(),
            row,
            column: Some(column.to_string()),
        }
    }

    /// The cell's id and its series key (or why it is not used), classified on first sight.
    fn cell(&mut self, indicator: &str) -> (u32, Result<u32, String>) {
        if let Some(c) = self.cells.get(indicator) {
            return c.clone();
        }
        let id = self.cells.len() as u32;
        let class = SeriesKey::classify(indicator, self.rules).map(|k| {
            self.ds.keys.push(k);
            (self.ds.keys.len() - 1) as u32
        });
        self.cells
            .insert(indicator.to_string(), (id, class.clone()));
        (id, class)
    }

    fn unused(&mut self, region: &str, line: usize, indicator: &str, reason: String) {
        self.ds
            .unused
            .entry(region.to_string())
            .or_default()
            .push(UnusedRow {
                file: self.file.to_string(),
                row: line,
                indicator: indicator.to_string(),
                reason,
            });
    }

    fn row(
        &mut self,
        line: usize,
        region: &str,
        indicator: &str,
        year: &str,
        value: &str,
        target: &str,
    ) -> Result<(), DataError> {
        self.rows += 1;
        if region.is_empty() {
            return Err(self.err(DataErrorKind::EmptyCell("region"), line, "region"));
        }
        if indicator.is_empty() {
            return Err(self.err(DataErrorKind::EmptyCell("indicator"), line, "indicator"));
        }
        let y = read_year(year)
            .ok_or_else(|| self.err(DataErrorKind::BadYear(year.to_string()), line, "year"))?;
        let (cell_id, class) = self.cell(indicator);
        let pos = match &self.last_region {
            Some((name, pos)) if name == region => *pos,
            _ => {
                let pos = self.ds.region_pos(region);
                self.last_region = Some((region.to_string(), pos));
                pos
            }
        };
        let first = self.seen.get(&(pos, cell_id, y)).copied().or_else(|| {
            class
                .as_ref()
                .ok()
                .and_then(|&k| self.stored_line(pos, k, y))
        });
        if let Some(first) = first {
            let kind = DataErrorKind::Duplicate {
                region: region.to_string(),
                indicator: indicator.to_string(),
                year: y,
                first,
            };
            return Err(self.err(kind, line, "indicator"));
        }
        self.ds.latest_year = self.ds.latest_year.max(Some(y));
        let key = match class {
            Ok(k) => k,
            Err(reason) => {
                self.seen.insert((pos, cell_id, y), line);
                self.unused(region, line, indicator, reason);
                return Ok(());
            }
        };
        let v = self.value(value);
        let t = self.value(target);
        self.check_numbers(key, line, [(value, &v, "value"), (target, &t, "target")])?;
        if v.is_none() && t.is_none() {
            self.seen.insert((pos, cell_id, y), line);
            self.unused(
                region,
                line,
                indicator,
                "both value and target are empty".into(),
            );
            return Ok(());
        }
        self.store(pos, line, key, y, v, t);
        Ok(())
    }

    /// The line of the stored row of this series and year in the region, if there is one: found
    /// in the region's data, so no per-row key set is kept for the rows that are stored.
    fn stored_line(&self, pos: usize, key: u32, year: i32) -> Option<usize> {
        let region = self.ds.regions.get(pos)?;
        if !self.ds.keys.get(key as usize)?.has(region, year) {
            return None;
        }
        self.ds
            .stored
            .get(pos)?
            .iter()
            .find(|r| r.key == key && r.year == year)
            .map(|r| r.row as usize)
    }

    /// A cell as a value: numbers directly, words normalised once per distinct word.
    fn value(&mut self, cell: &str) -> Option<Value> {
        match Value::parse_number(cell) {
            Some(v) => Some(v),
            None if cell.trim().is_empty() => None,
            None => {
                if let Some(v) = self.words.get(cell) {
                    return v.clone();
                }
                let v = Value::parse(cell);
                self.words.insert(cell.to_string(), v.clone());
                v
            }
        }
    }

    /// A word where the series is judged on numbers is an error naming the cell.
    fn check_numbers(
        &self,
        key: u32,
        line: usize,
        cells: [(&str, &Option<Value>, &str); 2],
    ) -> Result<(), DataError> {
        let series = &self.ds.keys[key as usize];
        for (cell, parsed, column) in cells {
            if let Some(Value::Word(w)) = parsed {
                if let Some(why) = series.needs_number(self.rules, column == "target", w) {
                    let kind = DataErrorKind::BadNumber {
                        value: cell.to_string(),
                        why,
                    };
                    return Err(self.err(kind, line, column));
                }
            }
        }
        Ok(())
    }

    fn store(
        &mut self,
        pos: usize,
        line: usize,
        key: u32,
        y: i32,
        v: Option<Value>,
        t: Option<Value>,
    ) {
        let ds = &mut self.ds;
        if ds.stored.len() <= pos {
            ds.stored.resize_with(pos + 1, Vec::new);
        }
        ds.stored[pos].push(StoredRow {
            file: self.file_id,
            // a file of more than 4 billion lines cannot be read into memory anyway
            row: u32::try_from(line).unwrap_or(u32::MAX),
            key,
            year: y,
            value: v.is_some(),
            target: t.is_some(),
        });
        let series = &ds.keys[key as usize];
        let r = &mut ds.regions[pos];
        if let Some(v) = v {
            series.insert(r, y, v, false);
        }
        if let Some(t) = t {
            series.insert(r, y, t, true);
        }
    }
}

/// A year cell: `2023`, `２０２３`, `2023年`.
fn read_year(cell: &str) -> Option<i32> {
    let t = cell.trim();
    match t.parse() {
        Ok(y) => Some(y),
        Err(_) => crate::syntax::normalize(t)
            .text
            .trim()
            .trim_end_matches('年')
            .parse()
            .ok(),
    }
}

/// Read a regions file (`region,classes`; CSV or JSON) into the dataset: classes are attached to
/// regions. A class the rules do not declare, and a region of the measurements that the file does
/// not list, are errors (SPEC §4, "Known regions").
pub fn read_regions(path: &Path, rules: &RuleSet, ds: &mut Dataset) -> Result<(), DataError> {
    let text = read(path)?;
    let file = path.display().to_string();
    let entries: Vec<(usize, String, String)> = if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
    {
        #[derive(Deserialize)]
        struct Entry {
            #[serde(alias = "地区")]
            region: String,
            #[serde(alias = "分类")]
            classes: serde_json::Value,
        }
        let list: Vec<Entry> = serde_json::from_str(&text).map_err(|e| DataError {
            kind: DataErrorKind::Json(e.to_string()),
            file: file.clone(),
            row: e.line(),
            column: None,
        })?;
        list.into_iter()
            .enumerate()
            .map(|(i, e)| {
                let classes = match e.classes {
                    serde_json::Value::Array(a) => a
                        .iter()
                        .map(|v| v.as_str().unwrap_or_default().to_string())
                        .collect::<Vec<_>>()
                        .join(";"),
                    serde_json::Value::String(s) => s,
                    other => other.to_string(),
                };
                (i + 1, e.region, classes)
            })
            .collect()
    } else {
        let err = |kind, row| DataError {
            kind,
            file: file.clone(),
            row,
            column: None,
        };
        let mut rdr = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(text.as_bytes());
        let headers = rdr
            .headers()
            .map_err(|e| err(DataErrorKind::Csv(e.to_string()), 1))?
            .clone();
        let r = column(&headers, "region")
            .ok_or_else(|| err(DataErrorKind::MissingColumn("region", "地区"), 1))?;
        let c = column(&headers, "classes")
            .ok_or_else(|| err(DataErrorKind::MissingColumn("classes", "分类"), 1))?;
        let mut out = Vec::new();
        for rec in rdr.records() {
            let rec = rec.map_err(|e| {
                err(
                    DataErrorKind::Csv(e.to_string()),
                    e.position().map_or(0, |p| p.line() as usize),
                )
            })?;
            let line = rec.position().map_or(0, |p| p.line() as usize);
            if rec.iter().all(|x| x.trim().is_empty()) {
                continue;
            }
            out.push((
                line,
                rec.get(r).unwrap_or("").trim().to_string(),
                rec.get(c).unwrap_or("").trim().to_string(),
            ));
        }
        out
    };
    if entries.is_empty() {
        return Err(DataError {
            kind: DataErrorKind::Empty,
            file,
            row: 1,
            column: None,
        });
    }
    let known: std::collections::HashSet<&str> = rules.classes().collect();
    let mut listed = std::collections::HashSet::new();
    for (row, region, classes) in entries {
        ds.region_mut(&region);
        for c in classes
            .split([';', '|', '、', ' ', ',', '；', '，'])
            .map(str::trim)
            .filter(|c| !c.is_empty())
        {
            if !known.contains(c) {
                return Err(DataError {
                    kind: DataErrorKind::UndeclaredClass {
                        class: c.to_string(),
                        suggestion: crate::syntax::closest(c, rules.classes()).map(str::to_string),
                    },
                    file,
                    row,
                    column: Some("classes".to_string()),
                });
            }
            ds.region_mut(&region).classes.insert(c.to_string());
        }
        listed.insert(region);
    }
    let mut missing = ds.regions.iter().filter(|r| !listed.contains(&r.name));
    if let Some(first) = missing.next() {
        return Err(DataError {
            kind: DataErrorKind::RegionNotListed {
                region: first.name.clone(),
                more: missing.count(),
            },
            file,
            row: 0,
            column: None,
        });
    }
    Ok(())
}
