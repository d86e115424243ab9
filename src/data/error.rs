//! Errors and warnings of the data readers: file, row and column, never a panic.

use serde::{Deserialize, Serialize};
use thiserror::Error;

use crate::types::clip;

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
        why: String,
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
