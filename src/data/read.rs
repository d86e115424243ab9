//! Reading measurement files: CSV (UTF-8 streamed, or GB18030 decoded) and JSON.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::builder::Builder;
use super::{DataError, DataErrorKind, DataWarning, Dataset};
use crate::message::Warning;
use crate::rules::RuleSet;

/// Read a file as text by the encoding rule of [`crate::encoding`]; a GB18030 file is read
/// with a warning naming its first line that is not UTF-8.
pub(super) fn read(path: &Path) -> Result<(String, Option<DataWarning>), DataError> {
    let file = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| DataError {
        kind: DataErrorKind::Io(e.to_string()),
        file: file.clone(),
        row: 0,
        column: None,
    })?;
    let d = crate::encoding::decode(&bytes).map_err(|e| DataError {
        row: e.line().unwrap_or(0),
        kind: DataErrorKind::Encoding(e),
        file: file.clone(),
        column: None,
    })?;
    let warning = d.first_non_utf8_line.map(|line| DataWarning {
        file,
        row: Some(line),
        warning: Warning::ReadAsGb18030,
    });
    Ok((d.text, warning))
}

pub(crate) const COLUMNS: &[(&str, &[&str])] = &[
    ("region", &["region", "地区", "地区名称", "行政区"]),
    (
        "indicator",
        &["indicator", "指标", "指标编号", "指标名称", "序号"],
    ),
    ("year", &["year", "年份", "年度", "年"]),
    ("value", &["value", "值", "数值", "指标值", "现状值"]),
    ("target", &["target", "目标", "目标值", "上级目标"]),
    ("classes", &["classes", "分类", "地区分类", "类别"]),
    ("parent", &["parent", "上级地区", "上级", "所属地区"]),
];

/// The CSV reader of data files: a header row, rows of any length (checked by the readers), and
/// records ending at `\n` — so that a record's line is its line in the file with CRLF line
/// endings too (what Excel writes); the `\r` is trimmed with the cell.
pub(super) fn csv_reader<R: std::io::Read>(input: R) -> csv::Reader<R> {
    csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(true)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_reader(input)
}

pub(super) fn column(headers: &csv::StringRecord, name: &str) -> Option<usize> {
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

/// Read measurements: JSON when the file name ends in `.json`, a workbook when it ends in
/// `.xlsx`, `.xls`, `.ods` … (with the `xlsx` feature), else CSV.
pub fn read_measurements(path: &Path, rules: &RuleSet) -> Result<Dataset, DataError> {
    #[cfg(feature = "xlsx")]
    if super::is_workbook(path) {
        return super::read_workbook(path, rules);
    }
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
    let (text, warning) = read(path)?;
    let mut ds = if json {
        parse_measurements_json(&text, rules, &file)?
    } else {
        parse_measurements_csv(&text, rules, &file)?
    };
    ds.warnings.extend(warning);
    Ok(ds)
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
    let head = input.fill_buf().map_err(io_err)?;
    // UTF-16 and UTF-32 (NUL bytes, or their byte-order marks) are decided by the whole file
    if head.contains(&0) || head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return Err(CsvFail::NotUtf8(1));
    }
    if head.starts_with(&[0xEF, 0xBB, 0xBF]) {
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

/// Records per batch handed from the parsing thread to the storing one.
const BATCH: usize = 1024;

/// Parse records into batches and send them (a parse error ends the stream); stops when the
/// receiver is gone.
fn parse_records<R: std::io::Read>(
    mut rdr: csv::Reader<R>,
    tx: &std::sync::mpsc::SyncSender<Result<Vec<csv::StringRecord>, csv::Error>>,
    spare: &std::sync::mpsc::Receiver<Vec<csv::StringRecord>>,
) {
    loop {
        let mut batch = spare.try_recv().unwrap_or_default();
        let mut n = 0;
        while n < BATCH {
            if batch.len() <= n {
                batch.push(csv::StringRecord::new());
            }
            match rdr.read_record(&mut batch[n]) {
                Ok(true) => n += 1,
                Ok(false) => break,
                Err(e) => {
                    batch.truncate(n);
                    let _ = tx.send(Ok(batch));
                    let _ = tx.send(Err(e));
                    return;
                }
            }
        }
        batch.truncate(n);
        let last = n < BATCH;
        if tx.send(Ok(batch)).is_err() || last {
            return;
        }
    }
}

/// Which columns hold the cells of a measurement row.
struct Cells {
    idx: [usize; 4],
    target: Option<usize>,
}

impl Cells {
    /// Store one record (an all-blank record is skipped).
    fn row(&self, b: &mut Builder<'_>, rec: &csv::StringRecord) -> Result<(), DataError> {
        let line = rec.position().map_or(0, |p| p.line() as usize);
        if rec.iter().all(|c| c.trim().is_empty()) {
            return Ok(());
        }
        let get = |i: usize| rec.get(i).unwrap_or("").trim();
        let idx = self.idx;
        // a cell that runs over a line break: a quote opened on this row is not closed (the
        // rest of the file would vanish into the cell)
        let raw = |i: usize| rec.get(i).unwrap_or("");
        // one scan of the whole record first: a line break anywhere is rare
        let broken = rec.as_slice().contains('\n')
            && idx
                .iter()
                .copied()
                .chain(self.target)
                .any(|i| raw(i).contains('\n'));
        if broken {
            return Err(DataError {
                kind: DataErrorKind::UnclosedQuote,
                file: b.file().to_string(),
                row: line,
                column: None,
            });
        }
        b.row(
            line,
            get(idx[0]),
            get(idx[1]),
            get(idx[2]),
            get(idx[3]),
            self.target.map_or("", get),
        )
    }
}

/// Read measurements from a CSV stream, record by record.
fn read_csv<R: std::io::Read + Send>(
    input: R,
    rules: &RuleSet,
    file: &str,
) -> Result<Dataset, CsvFail> {
    let err = |kind, row, column: Option<&str>| DataError {
        kind,
        file: file.to_string(),
        row,
        column: column.map(str::to_string),
    };
    let mut rdr = csv_reader(input);
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
    let cells = Cells { idx, target };
    std::thread::scope(|s| {
        // one thread parses records, this one stores them: reading is a pipeline of two stages
        let (tx, rx) = std::sync::mpsc::sync_channel(4);
        let (back, spare) = std::sync::mpsc::channel();
        s.spawn(move || parse_records(rdr, &tx, &spare));
        for batch in rx {
            let batch = batch.map_err(|e: csv::Error| {
                let line = e.position().map_or(0, |p| p.line() as usize);
                if matches!(e.kind(), csv::ErrorKind::Utf8 { .. }) {
                    return CsvFail::NotUtf8(line);
                }
                err(DataErrorKind::Csv(e.to_string()), line, None).into()
            })?;
            for rec in &batch {
                cells.row(&mut b, rec)?;
            }
            // the parser reuses the records' buffers; it may have stopped already
            let _ = back.send(batch);
        }
        Ok::<(), CsvFail>(())
    })?;
    if b.rows == 0 {
        return Err(err(DataErrorKind::Empty, 1, None).into());
    }
    let mut ds = b.finish();
    for h in ignored {
        ds.warnings.push(DataWarning {
            file: file.to_string(),
            row: Some(1),
            warning: Warning::ColumnNotRead {
                column: h,
                key: false,
            },
        });
    }
    Ok(ds)
}

type RawRow = (usize, String, String, String, String, String);

/// Read measurements from JSON text (an array of `{region, indicator, year, value, target}`
/// objects; Chinese keys too), numbers exactly as written; `file` names the source in errors.
pub fn parse_measurements_json(
    text: &str,
    rules: &RuleSet,
    file: &str,
) -> Result<Dataset, DataError> {
    let (rows, warnings) = json_rows(text, file)?;
    let mut ds = build(rows, rules, file)?;
    ds.warnings.extend(warnings);
    Ok(ds)
}

/// The keys of a JSON measurement row, English and Chinese.
const JSON_KEYS: [(&str, &str); 5] = [
    ("region", "地区"),
    ("indicator", "指标"),
    ("year", "年份"),
    ("value", "值"),
    ("target", "目标"),
];

/// The rows of a JSON measurement file: an array of objects. Numbers keep the digits as
/// written (never through `f64`). A key that is a near miss of a read key (`valeu`) is an error
/// with the key it meant; any other unknown key is a warning, like an unknown CSV column.
fn json_rows(text: &str, file: &str) -> Result<(Vec<RawRow>, Vec<DataWarning>), DataError> {
    let err = |kind, row| DataError {
        kind,
        file: file.to_string(),
        row,
        column: None,
    };
    let items: Vec<serde_json::Map<String, serde_json::Value>> = serde_json::from_str(text)
        .map_err(|e| err(DataErrorKind::Json(e.to_string()), e.line()))?;
    let mut warnings = Vec::new();
    let mut rows = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let row = i + 1;
        for key in item.keys() {
            if JSON_KEYS.iter().any(|(en, zh)| key == en || key == zh) {
                continue;
            }
            let mut known = JSON_KEYS.iter().flat_map(|(en, zh)| [*en, *zh]);
            // `valeu`: the same letters in another order is a typo too
            let sorted = |w: &str| {
                let mut c: Vec<char> = w.chars().collect();
                c.sort_unstable();
                c
            };
            let meant = crate::syntax::closest(key, known.clone())
                .or_else(|| known.find(|k| sorted(k) == sorted(key)));
            if let Some(meant) = meant {
                let message = format!("unknown key `{key}`: did you mean `{meant}`?");
                return Err(err(DataErrorKind::Json(message), row));
            }
            warnings.push(DataWarning {
                file: file.to_string(),
                row: Some(row),
                warning: Warning::ColumnNotRead {
                    column: key.clone(),
                    key: true,
                },
            });
        }
        let field = |k: usize| {
            let (en, zh) = JSON_KEYS[k];
            match item.get(en).or_else(|| item.get(zh)) {
                None | Some(serde_json::Value::Null) => String::new(),
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(other) => other.to_string(),
            }
        };
        rows.push((row, field(0), field(1), field(2), field(3), field(4)));
    }
    Ok((rows, warnings))
}

fn build(rows: Vec<RawRow>, rules: &RuleSet, file: &str) -> Result<Dataset, DataError> {
    let mut b = Builder::new(rules, file);
    for (line, region, indicator, year, value, target) in &rows {
        b.row(*line, region, indicator, year, value, target)?;
    }
    Ok(b.finish())
}
