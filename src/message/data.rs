//! Messages of the data stage: why rows are unused, the readers' warnings, why a cell needs a
//! number, and the leaf errors (numbers, encodings) said in either language.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::{rows, Say};
use crate::types::clip;
use crate::Lang;

/// Why an input row (or cell) was not used.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Unused {
    /// Neither a value nor a target.
    Empty,
    /// A placeholder for missing data, as written (`—`).
    Placeholder {
        /// The placeholder.
        word: String,
    },
    /// The `indicator` cell names no indicator of the rules.
    NoIndicator {
        /// The cell (or its part before `:`).
        text: String,
        /// The closest indicator name.
        suggestion: Option<String>,
    },
    /// `veto:<id>` names no veto item.
    NoVeto {
        /// The id.
        id: String,
    },
    /// `event:<kind>` names events that no target reads.
    NoEvents {
        /// The event kind.
        kind: String,
    },
    /// `<id>:<name>` names a series the indicator's target does not read.
    NoSeries {
        /// The indicator.
        id: String,
        /// The series name.
        name: String,
        /// The closest series the target reads.
        suggestion: Option<String>,
    },
    /// A series of a hand-built region that no target reads.
    SeriesNotRead,
    /// Years after the assessment year.
    AfterYear {
        /// First and last year of the rows.
        years: (i32, i32),
        /// The assessment year.
        assessment: i32,
    },
    /// The region's classes do not say whether the indicator applies.
    ClassGap {
        /// The indicator.
        id: String,
    },
    /// The indicator does not apply to the region.
    NotApplicable {
        /// The indicator.
        id: String,
    },
    /// The indicator's target is for other years (a year schedule), not the assessment year.
    NotTargetYear {
        /// The indicator.
        id: String,
        /// The assessment year.
        assessment: i32,
    },
    /// The indicator has no target of its own.
    NoOwnTarget {
        /// The indicator.
        id: String,
    },
    /// No target reads these years.
    YearsNotRead {
        /// First and last year of the rows.
        years: (i32, i32),
        /// The assessment year.
        assessment: i32,
    },
}

fn span(years: (i32, i32), lang: Lang) -> String {
    match (years, lang) {
        ((a, b), Lang::Zh) if a == b => format!("{a}年"),
        ((a, b), Lang::Zh) => format!("{a}–{b}年"),
        ((a, b), Lang::En) if a == b => format!("year {a}"),
        ((a, b), Lang::En) => format!("years {a}–{b}"),
    }
}

fn did_you_mean(suggestion: &Option<String>, lang: Lang) -> String {
    match (suggestion, lang) {
        (Some(s), Lang::Zh) => format!(",是否为「{s}」?"),
        (Some(s), Lang::En) => format!(": did you mean `{s}`?"),
        (None, _) => String::new(),
    }
}

impl Unused {
    /// The reason in words.
    ///
    /// ```
    /// use zhibiao::message::Unused;
    /// use zhibiao::Lang;
    /// let r = Unused::YearsNotRead { years: (2020, 2022), assessment: 2024 };
    /// assert_eq!(r.text(Lang::Zh), "没有目标读取 2020–2022年的数据(评估年份 2024)");
    /// assert_eq!(r.text(Lang::En), "no target reads years 2020–2022 (assessment year 2024)");
    /// ```
    pub fn text(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            Unused::Empty if zh => "值和目标均为空".into(),
            Unused::Empty => "both value and target are empty".into(),
            Unused::Placeholder { word } if zh => format!("「{}」表示缺少数据", clip(word)),
            Unused::Placeholder { word } => format!("`{}` marks a missing value", clip(word)),
            Unused::NoIndicator { text, suggestion } if zh => format!(
                "规则中没有编号或名称为「{}」的指标{}",
                clip(text),
                did_you_mean(suggestion, lang)
            ),
            Unused::NoIndicator { text, suggestion } => format!(
                "the rules have no indicator with id or name `{}`{}",
                clip(text),
                did_you_mean(suggestion, lang)
            ),
            Unused::NoVeto { id } if zh => format!("规则中没有否决项 {}", clip(id)),
            Unused::NoVeto { id } => format!("the rules have no veto item `{}`", clip(id)),
            Unused::NoEvents { kind } if zh => format!("没有目标读取「{}」事件", clip(kind)),
            Unused::NoEvents { kind } => format!("no target reads events `{}`", clip(kind)),
            Unused::NoSeries {
                id,
                name,
                suggestion,
            } if zh => format!(
                "指标 {id} 的目标不读取「{}」{}",
                clip(name),
                did_you_mean(suggestion, lang)
            ),
            Unused::NoSeries {
                id,
                name,
                suggestion,
            } => format!(
                "the target of indicator {id} does not read a series `{}`{}",
                clip(name),
                did_you_mean(suggestion, lang)
            ),
            Unused::SeriesNotRead if zh => "没有目标读取这一数据系列".into(),
            Unused::SeriesNotRead => "no target reads this series".into(),
            Unused::AfterYear { years, assessment } if zh => {
                format!("{}在评估年份 {assessment} 之后", span(*years, lang))
            }
            Unused::AfterYear { years, assessment } => {
                format!(
                    "{} after the assessment year {assessment}",
                    span(*years, lang)
                )
            }
            Unused::ClassGap { id } if zh => {
                format!("指标 {id} 未判定:地区分类未说明是否适用")
            }
            Unused::ClassGap { id } => format!(
                "indicator {id} is not judged: the region's classes do not say whether it applies"
            ),
            Unused::NotApplicable { id } if zh => format!("指标 {id} 不适用于本地区"),
            Unused::NotApplicable { id } => {
                format!("indicator {id} does not apply to this region")
            }
            Unused::NotTargetYear { id, assessment } if zh => {
                format!("指标 {id} 的目标不适用于评估年份 {assessment}(目标只适用于其他年份)")
            }
            Unused::NotTargetYear { id, assessment } => format!(
                "the target of indicator {id} is not for the assessment year {assessment} (it is for other years only)"
            ),
            Unused::NoOwnTarget { id } if zh => {
                format!("指标 {id} 没有自身目标(由其子项判定)")
            }
            Unused::NoOwnTarget { id } => {
                format!("indicator {id} has no target of its own (its sub-indicators are judged)")
            }
            Unused::YearsNotRead { years, assessment } if zh => format!(
                "没有目标读取 {}的数据(评估年份 {assessment})",
                span(*years, lang)
            ),
            Unused::YearsNotRead { years, assessment } => format!(
                "no target reads {} (assessment year {assessment})",
                span(*years, lang)
            ),
        }
    }
}

impl std::fmt::Display for Unused {
    /// The English words (reports choose their language with [`Unused::text`]).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

/// Whether a plausibility warning is about values or about superior targets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Cells {
    /// The values.
    Value,
    /// The superior targets (`(目标)` rows).
    Target,
}

impl Cells {
    fn word(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Cells::Value, Lang::Zh) => "数值",
            (Cells::Value, Lang::En) => "value",
            (Cells::Target, Lang::Zh) => "目标值",
            (Cells::Target, Lang::En) => "target",
        }
    }
}

/// A warning about the input that does not stop evaluation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "warning", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Warning {
    /// Not UTF-8 from the warning's line on: the file is read as GB18030.
    ReadAsGb18030,
    /// A column (or JSON key) that is not read.
    ColumnNotRead {
        /// The column's head.
        column: String,
        /// A JSON key rather than a column.
        key: bool,
    },
    /// A sheet none of whose first rows names a region or indicator column.
    SheetNotRead,
    /// Rows above a sheet's header (a title).
    TitleRows {
        /// The rows, as ranges.
        rows: Vec<[usize; 2]>,
        /// How many.
        count: usize,
    },
    /// Rows with neither value nor target.
    EmptyRows {
        /// The rows, as ranges.
        rows: Vec<[usize; 2]>,
        /// How many.
        count: usize,
    },
    /// Cells formatted as a percentage, read as shown.
    PercentCells {
        /// How many.
        count: usize,
        /// The first one (`C7`).
        first: String,
    },
    /// A kind of workbook without number formats that holds fractions.
    NoFormats,
    /// A `%` value outside 0–100.
    OutsidePercent {
        /// Value or target.
        cells: Cells,
        /// The number.
        value: Decimal,
        /// The indicator.
        id: String,
        /// The year.
        year: i32,
    },
    /// A value more than `times` times (or less than 1/`times` of) the year before.
    Jump {
        /// Value or target.
        cells: Cells,
        /// The indicator.
        id: String,
        /// The year before and its value.
        from: (i32, Decimal),
        /// The year and its value.
        to: (i32, Decimal),
        /// The factor.
        times: u32,
    },
    /// Every value of a `%` indicator is at most 1.
    AllFractions {
        /// Value or target.
        cells: Cells,
        /// The indicator.
        id: String,
    },
    /// The rules use region classes and no regions file is given.
    NoRegionsFile,
}

impl Say for Warning {
    fn say(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            Warning::ReadAsGb18030 if zh => "从这一行起不是 UTF-8:全文按 GB18030 读取".into(),
            Warning::ReadAsGb18030 => "not UTF-8 from this line: the file is read as GB18030".into(),
            Warning::ColumnNotRead { column, key } => match (zh, key) {
                (true, false) => format!(
                    "不读取列「{}」(读取的列:地区、指标、年份、值、目标)",
                    clip(column)
                ),
                (true, true) => format!(
                    "不读取键「{}」(读取的键:地区、指标、年份、值、目标)",
                    clip(column)
                ),
                (false, false) => format!(
                    "column `{}` is not read (zhibiao reads region, indicator, year, value, target)",
                    clip(column)
                ),
                (false, true) => format!(
                    "key `{}` is not read (zhibiao reads region, indicator, year, value, target)",
                    clip(column)
                ),
            },
            Warning::SheetNotRead if zh => {
                "未读取此工作表:前几行中没有「地区」或「指标」列".into()
            }
            Warning::SheetNotRead => "the sheet is not read: none of its first rows names a `地区` (region) or `指标` (indicator) column".into(),
            Warning::TitleRows { rows: r, count } if zh => {
                format!("表头之上的{}(标题)不读取", rows(r, *count, lang))
            }
            Warning::TitleRows { rows: r, count } => format!(
                "{} above the header row {} not read (a title)",
                rows(r, *count, lang),
                if *count == 1 { "is" } else { "are" }
            ),
            Warning::EmptyRows { rows: r, count } if zh => {
                format!("{}既无数值也无目标,不读取", rows(r, *count, lang))
            }
            Warning::EmptyRows { rows: r, count } => format!(
                "{} {} neither value nor target and {} not read",
                rows(r, *count, lang),
                if *count == 1 { "has" } else { "have" },
                if *count == 1 { "is" } else { "are" }
            ),
            Warning::PercentCells { count, first } if zh => format!(
                "{count} 个单元格设为百分比格式(自 {first} 起),按显示读取:显示为 85% 的 0.85 读作 85"
            ),
            Warning::PercentCells { count, first } => {
                let (cells, verb) = if *count == 1 { ("cell", "is") } else { ("cells", "are") };
                format!("{count} {cells} formatted as a percentage (from {first}) {verb} read as shown: 0.85 shown as 85% is read as 85")
            }
            Warning::NoFormats if zh => "这类文件不含单元格的数字格式:显示为 85% 的单元格读作其小数 0.85(另存为 .xlsx 可按显示读取)".into(),
            Warning::NoFormats => "the cells' number formats are not in this kind of file: a cell that shows 85% is read as its fraction 0.85 (save as .xlsx to have it read as shown)".into(),
            Warning::OutsidePercent { cells, value, id, year } if zh => format!(
                "指标 {id} 的{}「{value}」({year}年)超出 % 指标的 0–100",
                cells.word(lang)
            ),
            Warning::OutsidePercent { cells, value, id, year } => format!(
                "{} `{value}` of indicator {id} ({year}) is outside 0–100 for a `%` indicator",
                cells.word(lang)
            ),
            Warning::Jump { cells, id, from, to, times } if zh => format!(
                "指标 {id} 的{}从「{}」({}年)变为「{}」({}年),相差 {times} 倍以上:小数点或单位写错了?",
                cells.word(lang), from.1, from.0, to.1, to.0
            ),
            Warning::Jump { cells, id, from, to, times } => format!(
                "{} of indicator {id} jumps from `{}` ({}) to `{}` ({}), more than {times} times: a misplaced decimal point or unit?",
                cells.word(lang), from.1, from.0, to.1, to.0
            ),
            Warning::AllFractions { cells, id } if zh => format!(
                "% 指标 {id} 的{}全都不大于 1:是否把百分数(85)写成了小数(0.85)?",
                cells.word(lang)
            ),
            Warning::AllFractions { cells, id } => format!(
                "every {} of `%` indicator {id} is at most 1: fractions (`0.85`) where percentages (`85`) are meant?",
                cells.word(lang)
            ),
            Warning::NoRegionsFile if zh => "没有 `--regions` 地区文件:含地区分级或「适用」的指标为数据不足(未给出地区分类)".into(),
            Warning::NoRegionsFile => "no `--regions` file: indicators with region tiers or `适用` are 数据不足 (no region classes given)".into(),
        }
    }
}

/// Why a cell must hold a number.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum NumberNeeded {
    /// It looks like a number but cannot be read as one.
    LooksNumeric,
    /// The indicator is judged on numbers.
    Indicator(String),
    /// The named series is judged on numbers.
    Series(String, String),
}

impl Say for NumberNeeded {
    fn say(&self, lang: Lang) -> String {
        match (self, lang) {
            (NumberNeeded::LooksNumeric, Lang::Zh) => "看起来是数字,但无法读作数字".into(),
            (NumberNeeded::LooksNumeric, Lang::En) => {
                "it looks like a number but cannot be read as one".into()
            }
            (NumberNeeded::Indicator(id), Lang::Zh) => format!("指标 {id} 按数值判定"),
            (NumberNeeded::Indicator(id), Lang::En) => {
                format!("indicator {id} is judged on numbers")
            }
            (NumberNeeded::Series(id, name), Lang::Zh) => {
                format!("数据系列 {id}:{name} 按数值判定")
            }
            (NumberNeeded::Series(id, name), Lang::En) => {
                format!("series {id}:{name} is judged on numbers")
            }
        }
    }
}

impl std::fmt::Display for NumberNeeded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.say(Lang::En))
    }
}

impl Say for crate::types::NumberError {
    fn say(&self, lang: Lang) -> String {
        use crate::types::NumberError as E;
        match (self, lang) {
            (E::NotANumber(s), Lang::Zh) => format!("「{}」不是数字", clip(s)),
            (E::TooPrecise(s), Lang::Zh) => {
                format!("「{}」的位数超过数值能精确保存的 28 位", clip(s))
            }
            _ => self.to_string(),
        }
    }
}

impl Say for crate::encoding::DecodeError {
    fn say(&self, lang: Lang) -> String {
        use crate::encoding::DecodeError as E;
        match (self, lang) {
            (E::Utf32, Lang::Zh) => "文件为 UTF-32,无法读取:请另存为 UTF-8".into(),
            (E::Utf16WithoutBom, Lang::Zh) => {
                "文件像是没有字节序标记的 UTF-16:请另存为 UTF-8".into()
            }
            (E::Mixed { byte, .. }, Lang::Zh) => format!(
                "字节 0x{byte:02X} 不是 UTF-8,而此前的内容是 UTF-8:文件混用了编码;请另存为 UTF-8"
            ),
            (E::Invalid { .. }, Lang::Zh) => {
                "内容既不是 UTF-8 也不是 GB18030:请另存为 UTF-8".into()
            }
            _ => self.to_string(),
        }
    }
}
