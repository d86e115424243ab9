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
