//! Errors and warnings of the data readers: file, row and column, never a panic.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::message::{Say, Warning};
use crate::types::clip;
use crate::Lang;

/// A warning about the input that does not stop evaluation: where, and what (typed; put in
/// words by [`DataWarning::text`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DataWarning {
    /// File (or `file!sheet`).
    pub file: String,
    /// Row, if one.
    pub row: Option<usize>,
    /// What.
    #[serde(flatten)]
    pub warning: Warning,
}

impl DataWarning {
    /// The whole line in `lang`: `警告: data.csv:7: …`.
    pub fn text(&self, lang: Lang) -> String {
        let head = crate::message::severity(false, lang);
        let message = self.warning.say(lang);
        match self.row {
            Some(r) => format!("{head}: {}:{r}: {message}", self.file),
            None => format!("{head}: {}: {message}", self.file),
        }
    }
}

impl std::fmt::Display for DataWarning {
    /// The English line (the command line chooses its language with [`DataWarning::text`]).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

/// A bad input file: `data.csv:7 (column `value`): …`; a workbook's errors name the cell in
/// `file` (`data.xlsx!2023!C7`) with row 0, and an error of the whole file has row 0 too.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{file}{}{}: {kind}", if *row > 0 { format!(":{row}") } else { String::new() }, column.as_ref().map(|c| format!(" (column `{c}`)")).unwrap_or_default())]
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
    #[error("`{}` is not a year", clip(.0))]
    BadYear(String),
    /// The file's bytes are not read as text.
    #[error(transparent)]
    Encoding(crate::encoding::DecodeError),
    /// A number that a value cannot hold exactly.
    #[error(transparent)]
    Number(#[from] crate::types::NumberError),
    /// A value cell that should be a number is not.
    #[error("`{}` is not a number ({why})", clip(.value))]
    BadNumber {
        /// The cell.
        value: String,
        /// Why a number is expected.
        why: Box<crate::message::NumberNeeded>,
    },
    /// A malformed CSV record.
    #[error("malformed row: {}", clip(.0))]
    Csv(String),
    /// A quoted cell that runs over a line break.
    #[error("a quote opened on this row is not closed: the cell runs over the line break")]
    UnclosedQuote,
    /// The same (region, indicator, year) twice.
    #[error("duplicate row for region `{}`, indicator `{}`, year {year}: also on row {first}", clip(.region), clip(.indicator))]
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
    /// The same (region, indicator, year) twice in a workbook.
    #[error("{0}")]
    DuplicateCell(Box<DuplicateCell>),
    /// A workbook that cannot be opened or a sheet that cannot be read.
    #[error("cannot read the workbook: {}", clip(.0))]
    Workbook(String),
    /// A sheet whose layout does not say which cells are what.
    #[error("{0}")]
    Layout(#[from] LayoutError),
    /// An empty required cell.
    #[error("the `{0}` cell is empty")]
    EmptyCell(&'static str),
    /// JSON that does not match the format.
    #[error("invalid JSON: {}", clip(.0))]
    Json(String),
    /// A region class that the rules do not declare (SPEC §4, "Known regions").
    #[error("class `{}` is not declared in the rules{}", clip(.class), suggestion.as_ref().map(|s| format!(": did you mean `{s}`?")).unwrap_or_default())]
    UndeclaredClass {
        /// The class as written (the row names the region).
        class: String,
        /// The closest declared class.
        suggestion: Option<String>,
    },
    /// A parent region that the regions file does not list (or the region itself).
    #[error(
        "region `{}` names `{}` as its parent, which the regions file does not list", clip(.region), clip(.parent)
    )]
    ParentNotListed {
        /// The region.
        region: String,
        /// The parent as written.
        parent: String,
    },
    /// A region of the measurements that the regions file does not list.
    #[error("region `{}` has measurements but is not in the regions file{}{}", clip(.region), if *more > 0 { format!(" (nor are {more} more regions)") } else { String::new() }, suggestion.as_ref().map(|s| format!(": did you mean `{s}`?")).unwrap_or_default())]
    RegionNotListed {
        /// The first such region.
        region: String,
        /// How many more.
        more: usize,
        /// The closest region name of the regions file.
        suggestion: Option<String>,
    },
}

/// Why a sheet's layout is not read: the header row does not say which cells hold regions,
/// indicators, years and values.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum LayoutError {
    /// No year column, and the sheet's name is not a year.
    #[error("the sheet has no `年份` (year) column and its name `{}` is not a year: name the sheet after its year (`2023`) or add a `年份` column", clip(.0))]
    NoYear(String),
    /// No region column, and the sheet's name is a default name.
    #[error("the sheet has no `地区` (region) column and its name `{}` is not a region: name the sheet after its region or add a `地区` column", clip(.0))]
    NoRegion(String),
    /// Year columns beside other columns.
    #[error("column `{}` is not a year, but other columns are years: a sheet has years or names across, not both", clip(.0))]
    MixedHeaders(String),
    /// Regions down and years across, with no indicator column.
    #[error("regions down and years across need an `指标` (indicator) column: which indicator do the values belong to?")]
    NoIndicator,
    /// A header row with nothing to read beside it.
    #[error("the header row names no indicator, region or year columns with values")]
    NoValues,
    /// Regions down and names across, with an indicator column too.
    #[error("the sheet has both `地区` and `指标` columns but no `值` (value) column: which column holds the values?")]
    NoValueColumn,
}

/// The same (region, indicator, year) twice in a workbook: the earlier record's cell.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("duplicate record for region `{}`, indicator `{}`, year {year}: also at {first}", clip(.region), clip(.indicator))]
pub struct DuplicateCell {
    /// Region.
    pub region: String,
    /// Indicator cell.
    pub indicator: String,
    /// Year.
    pub year: i32,
    /// The earlier record's cell (`data.xlsx!2023!C5`).
    pub first: String,
}

/// A column's name in Chinese, as the data's header may write it.
fn column_zh(column: &str) -> &str {
    match column {
        "region" => "地区",
        "indicator" => "指标",
        "year" => "年份",
        "value" => "值",
        "target" => "目标",
        "classes" => "分类",
        "parent" => "上级",
        other => other,
    }
}

impl DataError {
    /// The whole line in `lang` (without `error:`): `data.csv:7(「年份」列):…`.
    pub fn text(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        let row = if self.row > 0 {
            format!(":{}", self.row)
        } else {
            String::new()
        };
        let column = self
            .column
            .as_deref()
            .map(|c| format!("(「{}」列)", column_zh(c)))
            .unwrap_or_default();
        format!("{}{row}{column}:{}", self.file, self.kind.say(lang))
    }
}

fn did_you_mean_zh(suggestion: &Option<String>) -> String {
    suggestion
        .as_ref()
        .map(|s| format!(",是否为「{s}」?"))
        .unwrap_or_default()
}

impl Say for DataErrorKind {
    fn say(&self, lang: Lang) -> String {
        use DataErrorKind as K;
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            K::Io(e) => format!("无法读取文件:{e}"),
            K::Empty => "文件为空".into(),
            K::MissingColumn(en, zh) => format!("缺少「{zh}」列(或英文列名 `{en}`)"),
            K::BadYear(y) => format!("「{}」不是年份", clip(y)),
            K::Encoding(e) => e.say(lang),
            K::Number(e) => e.say(lang),
            K::BadNumber { value, why } => {
                format!("「{}」不是数字({})", clip(value), why.say(lang))
            }
            K::Csv(e) => format!("行格式有误:{}", clip(e)),
            K::UnclosedQuote => "本行开始的引号没有闭合:单元格跨过了换行".into(),
            K::Duplicate {
                region,
                indicator,
                year,
                first,
            } => format!(
                "地区「{}」指标「{}」{year}年的数据重复:第 {first} 行也有",
                clip(region),
                clip(indicator)
            ),
            K::DuplicateCell(d) => d.say(lang),
            K::Workbook(e) => format!("无法读取工作簿:{}", clip(e)),
            K::Layout(e) => e.say(lang),
            K::EmptyCell(c) => format!("「{}」单元格为空", column_zh(c)),
            K::Json(e) => format!("JSON 格式有误:{}", clip(e)),
            K::UndeclaredClass { class, suggestion } => format!(
                "规则中没有声明分类「{}」{}",
                clip(class),
                did_you_mean_zh(suggestion)
            ),
            K::ParentNotListed { region, parent } => format!(
                "地区「{}」的上级「{}」不在地区文件中",
                clip(region),
                clip(parent)
            ),
            K::RegionNotListed {
                region,
                more,
                suggestion,
            } => format!(
                "地区「{}」有测量数据,但不在地区文件中{}{}",
                clip(region),
                match *more {
                    0 => String::new(),
                    n => format!("(另有 {n} 个地区也不在)"),
                },
                did_you_mean_zh(suggestion)
            ),
        }
    }
}

impl Say for LayoutError {
    fn say(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            LayoutError::NoYear(name) => format!(
                "工作表没有「年份」列,表名「{}」也不是年份:请以年份命名工作表(2023)或加一列「年份」",
                clip(name)
            ),
            LayoutError::NoRegion(name) => format!(
                "工作表没有「地区」列,表名「{}」也不是地区:请以地区命名工作表或加一列「地区」",
                clip(name)
            ),
            LayoutError::MixedHeaders(h) => format!(
                "列「{}」不是年份,而其他列是年份:一张表横向只能是年份或名称,不能混用",
                clip(h)
            ),
            LayoutError::NoIndicator => {
                "地区纵列、年份横排时需要一列「指标」:这些数值属于哪个指标?".into()
            }
            LayoutError::NoValues => "表头中没有可读取数值的指标、地区或年份列".into(),
            LayoutError::NoValueColumn => {
                "工作表有「地区」和「指标」列,但没有「值」列:数值在哪一列?".into()
            }
        }
    }
}

impl Say for DuplicateCell {
    fn say(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.to_string(),
            Lang::Zh => format!(
                "地区「{}」指标「{}」{}年的数据重复:{} 也有",
                clip(&self.region),
                clip(&self.indicator),
                self.year,
                self.first
            ),
        }
    }
}
