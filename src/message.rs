//! The message catalogue: what zhibiao tells its users, typed where it arises and put in words
//! (Chinese or English) only where it is shown. A leaf module: the stages build these values,
//! the reports render them.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

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

/// What would make a failing or undecided indicator pass, as the reports print it beside it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Hint {
    /// The value falls short of a lower bound by `gap` (`还差 0.1 个百分点`).
    Short {
        /// How much is missing.
        gap: Decimal,
        /// The unit.
        unit: Option<String>,
    },
    /// The value exceeds an upper bound by `gap` (`超出 2 μg/m3`).
    Over {
        /// By how much.
        gap: Decimal,
        /// The unit.
        unit: Option<String>,
    },
    /// The value equals a strict bound (`需高于 20`, `需低于 20`).
    Strict {
        /// Above (`>`) or below (`<`).
        above: bool,
        /// The bound.
        bound: Decimal,
    },
    /// A year's value is missing (`缺 2023 年数据`).
    MissingYear(i32),
}

fn amount(gap: Decimal, unit: &Option<String>, lang: Lang) -> String {
    let n = gap.normalize();
    match (unit.as_deref(), lang) {
        (Some("%"), Lang::Zh) => format!("{n} 个百分点"),
        (Some("%"), Lang::En) => format!("{n} percentage points"),
        (Some(u), _) if !u.is_empty() && u != "-" => format!("{n} {u}"),
        _ => n.to_string(),
    }
}

impl Hint {
    /// The hint in words.
    ///
    /// ```
    /// use zhibiao::message::Hint;
    /// use zhibiao::Lang;
    /// let short = Hint::Short { gap: "0.1".parse().unwrap(), unit: Some("%".into()) };
    /// assert_eq!(short.text(Lang::Zh), "还差 0.1 个百分点");
    /// assert_eq!(Hint::MissingYear(2023).text(Lang::Zh), "缺 2023 年数据");
    /// ```
    pub fn text(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            Hint::Short { gap, unit } if zh => format!("还差 {}", amount(*gap, unit, lang)),
            Hint::Short { gap, unit } => format!("{} short", amount(*gap, unit, lang)),
            Hint::Over { gap, unit } if zh => format!("超出 {}", amount(*gap, unit, lang)),
            Hint::Over { gap, unit } => format!("{} over", amount(*gap, unit, lang)),
            Hint::Strict { above, bound } => match (above, zh) {
                (true, true) => format!("需高于 {}", bound.normalize()),
                (false, true) => format!("需低于 {}", bound.normalize()),
                (true, false) => format!("must be above {}", bound.normalize()),
                (false, false) => format!("must be below {}", bound.normalize()),
            },
            Hint::MissingYear(y) if zh => format!("缺 {y} 年数据"),
            Hint::MissingYear(y) => format!("{y} data missing"),
        }
    }
}

/// A message said in the user's language: the typed kinds of every stage (errors, warnings)
/// implement it beside their definition, Chinese and English side by side; a report or the
/// command line chooses the language when it shows them.
pub trait Say {
    /// The message in `lang`: one line, no `error:` prefix.
    fn say(&self, lang: Lang) -> String;
}

/// The word a diagnostic line starts with: `error`/`错误`, `warning`/`警告`.
pub fn severity(error: bool, lang: Lang) -> &'static str {
    match (error, lang) {
        (true, Lang::Zh) => "错误",
        (true, Lang::En) => "error",
        (false, Lang::Zh) => "警告",
        (false, Lang::En) => "warning",
    }
}

/// Rows as ranges in words: `第 2–4、9 行`, `rows 2–4, 9` (`count` rows in all).
///
/// ```
/// use zhibiao::message::rows;
/// use zhibiao::Lang;
/// assert_eq!(rows(&[[2, 4], [9, 9]], 4, Lang::Zh), "第 2–4、9 行");
/// assert_eq!(rows(&[[5, 5]], 1, Lang::En), "row 5");
/// ```
pub fn rows(ranges: &[[usize; 2]], count: usize, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("第 {} 行", join_ranges(ranges, "–", "、")),
        Lang::En => {
            let label = if count == 1 { "row" } else { "rows" };
            format!("{label} {}", join_ranges(ranges, "–", ", "))
        }
    }
}

/// Row ranges as text: `2–4, 9` (or `2-4,9`), a single row without its dash.
pub fn join_ranges(rows: &[[usize; 2]], dash: &str, sep: &str) -> String {
    let parts: Vec<String> = rows
        .iter()
        .map(|[a, b]| match a == b {
            true => a.to_string(),
            false => format!("{a}{dash}{b}"),
        })
        .collect();
    parts.join(sep)
}

/// Sorted row numbers as inclusive ranges `[first, last]`.
pub fn ranges(mut rows: Vec<usize>) -> Vec<[usize; 2]> {
    rows.sort_unstable();
    rows.dedup();
    let mut out: Vec<[usize; 2]> = Vec::new();
    for r in rows {
        match out.last_mut() {
            Some(last) if last[1] + 1 == r => last[1] = r,
            _ => out.push([r, r]),
        }
    }
    out
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

/// What the command line says about a run, beside the stages' own errors and warnings.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Run {
    /// `-o` names an input file.
    OutputIsInput {
        /// The output.
        output: String,
        /// The input it would overwrite.
        input: String,
    },
    /// An `.xlsx` report asked for on a terminal.
    XlsxNeedsFile,
    /// The data file has no rows.
    NoDataRows {
        /// The file.
        file: String,
    },
    /// `--strict` and implausible values.
    Implausible {
        /// How many warnings.
        count: usize,
    },
    /// Progress on a terminal.
    Progress {
        /// Regions evaluated.
        done: usize,
        /// Regions in all.
        total: usize,
    },
    /// `template --data` without a workbook output.
    DataNeedsWorkbook,
    /// The template's output exists and `--force` is not given.
    OutputExists {
        /// The output.
        output: String,
    },
    /// `--years`: a part that is not a year.
    NotAYear {
        /// The part.
        text: String,
    },
    /// `--years`: a range that runs backwards.
    YearsBackwards {
        /// The range.
        text: String,
    },
    /// More years than a template holds.
    TooManyYears {
        /// Whether the years are the data's.
        data: bool,
    },
    /// No years given (and no data to take them from).
    NoYears,
    /// `--data` has no values.
    DataWithoutValues,
    /// The workbook cannot be built.
    CannotBuild {
        /// Why.
        error: String,
    },
    /// Built without the `xlsx` feature.
    NoWorkbooks,
    /// Values of `--data` that the template leaves out.
    ValuesLeftOut {
        /// How many.
        count: usize,
    },
    /// The template is written.
    TemplateWritten {
        /// The file.
        file: String,
        /// Series (rows of the long sheet per region and year).
        series: usize,
        /// Regions.
        regions: usize,
        /// Years.
        years: usize,
    },
    /// A file cannot be read.
    CannotRead {
        /// The file.
        file: String,
        /// The system's error.
        error: String,
    },
    /// A directory link that leads back to a directory already read.
    LinkLoop {
        /// The link.
        dir: String,
    },
    /// A directory without indicator files.
    NoRuleFiles {
        /// The directory.
        dir: String,
    },
    /// `check` passed a file.
    CheckOk {
        /// The file.
        file: String,
        /// Its indicators.
        indicators: usize,
        /// Its examples.
        examples: usize,
    },
    /// `explain` of a target that needs the indicator's polarity.
    NeedsPolarity,
    /// `fmt --check` of a file that is not in the canonical layout.
    NotFormatted {
        /// The file.
        file: String,
    },
    /// An example of `zhibiao test` that did not come out as written: the head line.
    ExampleFailed {
        /// `file:line:col 示例 "name" 指标 1`.
        at: String,
        /// The verdict written in the example.
        expected: crate::types::Verdict,
        /// The verdict evaluated.
        actual: crate::types::Verdict,
        /// An expected fragment the explanation lacks.
        lacks: Option<String>,
    },
    /// The last line of `zhibiao test`.
    TestSummary {
        /// Checks that passed.
        passed: usize,
        /// Checks that failed.
        failed: usize,
    },
    /// The report cannot be written.
    CannotWrite {
        /// The file (`None`: standard output).
        file: Option<String>,
        /// The system's error.
        error: String,
    },
}

impl Say for Run {
    fn say(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            Run::OutputIsInput { output, input } if zh => {
                format!("`{output}` 是输入文件(`{input}`):请另选输出文件")
            }
            Run::OutputIsInput { output, input } => {
                format!("`{output}` is an input file (`{input}`); choose another output file")
            }
            Run::XlsxNeedsFile if zh => {
                "工作簿报告是二进制文件:请用 `-o report.xlsx` 写入文件".into()
            }
            Run::XlsxNeedsFile => {
                "an .xlsx report is a binary file: write it with `-o report.xlsx`".into()
            }
            Run::NoDataRows { file } if zh => format!("`{file}` 中没有数据行"),
            Run::NoDataRows { file } => format!("`{file}` has no data rows"),
            Run::Implausible { count } if zh => format!("{count} 个不合理的数值(`--strict`)"),
            Run::Implausible { count } => format!("{count} implausible values (`--strict`)"),
            Run::Progress { done, total } if zh => format!("正在评估地区:{done}/{total}"),
            Run::Progress { done, total } => format!("evaluating regions: {done}/{total}"),
            Run::DataNeedsWorkbook if zh => "`--data` 用于填写工作簿:请用 `-o 文件.xlsx` 输出".into(),
            Run::DataNeedsWorkbook => {
                "`--data` fills a workbook: write it with `-o FILE.xlsx`".into()
            }
            Run::OutputExists { output } if zh => {
                format!("`{output}` 已存在:模板会覆盖已填写的内容(用 `--force` 覆盖)")
            }
            Run::OutputExists { output } => format!(
                "`{output}` exists: a template would replace what was filled in (`--force` to overwrite)"
            ),
            Run::NotAYear { text } if zh => format!("--years:「{}」不是年份(1000–9999)", clip(text)),
            Run::NotAYear { text } => format!("--years: `{}` is not a year (1000–9999)", clip(text)),
            Run::YearsBackwards { text } if zh => {
                format!("--years:「{}」起止颠倒:请先写起始年份", clip(text))
            }
            Run::YearsBackwards { text } => format!(
                "--years: `{}` runs backwards: write the first year first",
                clip(text)
            ),
            Run::TooManyYears { data } => match (zh, data) {
                (true, false) => format!("--years:超过 {} 年", crate::types::MAX_YEARS),
                (false, false) => format!("--years: more than {} years", crate::types::MAX_YEARS),
                (true, true) => format!(
                    "数据跨越超过 {} 年:请给出 `--years`",
                    crate::types::MAX_YEARS
                ),
                (false, true) => format!(
                    "the data spans more than {} years: give `--years`",
                    crate::types::MAX_YEARS
                ),
            },
            Run::NoYears if zh => "--years:没有给出年份:`--years 2023-2024`".into(),
            Run::NoYears => "--years: no years given: `--years 2023-2024`".into(),
            Run::DataWithoutValues if zh => "数据中没有数值:请给出 `--years`".into(),
            Run::DataWithoutValues => "the data has no values: give `--years`".into(),
            Run::CannotBuild { error } if zh => format!("无法生成工作簿:{error}"),
            Run::CannotBuild { error } => format!("cannot build the workbook: {error}"),
            Run::NoWorkbooks if zh => "此版本不读写工作簿(构建时未启用 `xlsx` 功能):请用 `-o data.csv`".into(),
            Run::NoWorkbooks => "this build reads and writes no workbooks (built without the `xlsx` feature): write `-o data.csv`".into(),
            Run::ValuesLeftOut { count } if zh => format!(
                "数据中有 {count} 个数值不在工作簿中(没有目标读取的数据系列,或未要求的地区和年份)"
            ),
            Run::ValuesLeftOut { count } => format!(
                "{count} values of the data are not in the workbook (series no target reads, or regions and years not asked for)"
            ),
            Run::TemplateWritten { file, series, regions, years } if zh => {
                format!("{file}:{series} 个数据系列 × {regions} 个地区 × {years} 年")
            }
            Run::TemplateWritten { file, series, regions, years } => {
                format!("{file}: {series} series × {regions} regions × {years} years")
            }
            Run::CannotRead { file, error } if zh => format!("无法读取 `{file}`:{error}"),
            Run::CannotRead { file, error } => format!("cannot read `{file}`: {error}"),
            Run::LinkLoop { dir } if zh => {
                format!("`{dir}` 指回已读过的目录(链接成环):不再重复读取")
            }
            Run::LinkLoop { dir } => format!(
                "`{dir}` leads back to a directory already read (a link loop): not read again"
            ),
            Run::NoRuleFiles { dir } if zh => format!("`{dir}` 中没有指标文件(*.zb)"),
            Run::NoRuleFiles { dir } => format!("no indicator files (*.zb) in `{dir}`"),
            Run::CheckOk { file, indicators, examples } if zh => {
                format!("{file}: 通过({indicators} 个指标,{examples} 个示例)")
            }
            Run::CheckOk { file, indicators, examples } => {
                format!("{file}: ok ({indicators} indicators, {examples} examples)")
            }
            Run::NeedsPolarity if zh => "注意:这一目标需要指标的方向(`--polarity higher|lower`)".into(),
            Run::NeedsPolarity => {
                "note: this target needs the indicator's polarity (`--polarity higher|lower`)".into()
            }
            Run::NotFormatted { file } if zh => format!("{file} 不是规范格式"),
            Run::NotFormatted { file } => format!("{file} is not formatted"),
            Run::ExampleFailed { at, expected, actual, lacks } => {
                let (e, a) = (expected.label(Lang::Zh), actual.label(Lang::Zh));
                match (zh, expected == actual, lacks) {
                    (true, true, Some(f)) => format!("失败 {at}:{a} 符合期望,但说明中缺少「{f}」"),
                    (false, true, Some(f)) => {
                        format!("FAIL {at}: {a} as expected, but the explanation lacks \"{f}\"")
                    }
                    (true, _, None) => format!("失败 {at}:期望{e},实际为{a}"),
                    (true, _, Some(f)) => {
                        format!("失败 {at}:期望{e},实际为{a}\n     说明中缺少「{f}」")
                    }
                    (false, _, None) => {
                        format!("FAIL {at}: expected {e} ({expected}), got {a} ({actual})")
                    }
                    (false, _, Some(f)) => format!(
                        "FAIL {at}: expected {e} ({expected}), got {a} ({actual})\n     explanation lacks \"{f}\""
                    ),
                }
            }
            Run::TestSummary { passed, failed } if zh => format!("通过 {passed} 个,失败 {failed} 个"),
            Run::TestSummary { passed, failed } => format!("{passed} passed, {failed} failed"),
            Run::CannotWrite { file, error } => match (file, zh) {
                (Some(f), true) => format!("无法写入 `{f}`:{error}"),
                (None, true) => format!("无法写入标准输出:{error}"),
                (Some(f), false) => format!("cannot write `{f}`: {error}"),
                (None, false) => format!("cannot write standard output: {error}"),
            },
        }
    }
}

/// The next milestone of a year schedule (`2025年≥80`) after the assessment year, how far the
/// assessment-year value is from it, and where the trend since the first year leads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Milestone {
    /// The milestone's year.
    pub year: i32,
    /// The comparison the value must meet then.
    pub op: crate::types::Op,
    /// Its threshold.
    #[serde(with = "rust_decimal::serde::str")]
    pub bound: Decimal,
    /// The unit, as the rules give it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The assessment year.
    pub assessed: i32,
    /// The assessment year's value, if recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub now: Option<Decimal>,
    /// The straight line from the first recorded year to the assessment year, carried on to
    /// the milestone's year; `None` without an earlier year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trend: Option<Projection>,
}

/// A linear projection: the average change a year between two recorded years, carried on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Projection {
    /// The first recorded year and its value.
    pub from: (i32, Decimal),
    /// The average change a year from then to the assessment year.
    #[serde(with = "rust_decimal::serde::str")]
    pub per_year: Decimal,
    /// The value the line reaches in the milestone's year.
    #[serde(with = "rust_decimal::serde::str")]
    pub projected: Decimal,
    /// Whether that value meets the milestone.
    pub reaches: bool,
}

/// A number as a report shows a computed one: at most two decimals, no trailing zeros.
fn shown(d: Decimal) -> String {
    d.round_dp(2).normalize().to_string()
}

impl Milestone {
    /// Whether the assessment-year value already meets the milestone.
    pub fn met(&self) -> Option<bool> {
        self.now.map(|v| self.op.holds(v, self.bound))
    }

    /// The milestone in words.
    ///
    /// ```
    /// use zhibiao::message::{Milestone, Projection};
    /// use zhibiao::types::Op;
    /// use zhibiao::Lang;
    /// let d = |s: &str| s.parse().unwrap();
    /// let m = Milestone {
    ///     year: 2025, op: Op::Ge, bound: d("80"), unit: Some("%".into()),
    ///     assessed: 2023, now: Some(d("72")),
    ///     trend: Some(Projection { from: (2020, d("66")), per_year: d("2"), projected: d("76"), reaches: false }),
    /// };
    /// assert_eq!(
    ///     m.text(Lang::Zh),
    ///     "下一目标:2025年 ≥ 80;2023年 72,还差 8 个百分点;按 2020–2023 年平均每年 +2 推算,2025年约 76,不能按期达到"
    /// );
    /// ```
    pub fn text(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let bound = self.bound.normalize();
        let head = match zh {
            true => format!("下一目标:{}年 {} {bound}", self.year, self.op.symbol()),
            false => format!("next milestone: {} {} {bound}", self.year, self.op.symbol()),
        };
        let mut parts = vec![head];
        let y = self.assessed;
        if let Some(v) = self.now {
            let gap = match self.met() {
                Some(true) if zh => "已达到".to_string(),
                Some(true) => "already met".to_string(),
                _ => self.gap(v).map(|h| h.text(lang)).unwrap_or_default(),
            };
            let v = v.normalize();
            parts.push(match (zh, gap.is_empty()) {
                (true, false) => format!("{y}年 {v},{gap}"),
                (false, false) => format!("{v} in {y}, {gap}"),
                (true, true) => format!("{y}年 {v}"),
                (false, true) => format!("{v} in {y}"),
            });
        }
        match (self.now, zh) {
            (None, true) => parts.push(format!("缺 {y} 年数据")),
            (None, false) => parts.push(format!("{y} data missing")),
            _ => {}
        }
        if self.now.is_some() && self.trend.is_none() {
            parts.push(match zh {
                true => "无更早年份的数据,不作推算".to_string(),
                false => "no earlier year to project from".to_string(),
            });
        }
        if let Some(t) = &self.trend {
            let sign = if t.per_year.is_sign_negative() {
                ""
            } else {
                "+"
            };
            let (from, per, at) = (t.from.0, shown(t.per_year), shown(t.projected));
            parts.push(match (zh, t.reaches) {
                (true, true) => format!("按 {from}–{y} 年平均每年 {sign}{per} 推算,{}年约 {at},可按期达到", self.year),
                (true, false) => format!("按 {from}–{y} 年平均每年 {sign}{per} 推算,{}年约 {at},不能按期达到", self.year),
                (false, true) => format!("at the {from}–{y} average of {sign}{per} a year, about {at} in {}: in time", self.year),
                (false, false) => format!("at the {from}–{y} average of {sign}{per} a year, about {at} in {}: not in time", self.year),
            });
        }
        parts.join(if zh { ";" } else { "; " })
    }

    /// How far `v` is from the milestone.
    fn gap(&self, v: Decimal) -> Option<Hint> {
        use crate::types::Op;
        let unit = self.unit.clone();
        match self.op {
            Op::Ge | Op::Gt => self
                .bound
                .checked_sub(v)
                .map(|gap| Hint::Short { gap, unit }),
            Op::Le | Op::Lt => v
                .checked_sub(self.bound)
                .map(|gap| Hint::Over { gap, unit }),
            Op::Eq => None,
        }
    }
}

/// The fixed words of the reports: headings, column heads, labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Label {
    /// The region × indicator matrix.
    Overview,
    /// Region.
    Region,
    /// Year.
    Year,
    /// Verdict.
    Verdict,
    /// Why the region has its verdict.
    Why,
    /// The document a system is from.
    Document,
    /// A veto item.
    Veto,
    /// The rows no verdict used.
    UnusedRows,
    /// Reference and guidance indicators met.
    ReferenceMet,
    /// The chart column.
    Series,
    /// A region's own row in the CSV.
    Overall,
    /// The plan-year progress column.
    PlanProgress,
    /// The heading of the plan-year progress lines.
    PlanProgressHead,
    /// What the HTML charts show and how they are scaled.
    ChartLegend,
}

impl Label {
    /// The label in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            Label::Overview => ("总览", "Overview"),
            Label::Region => ("地区", "Region"),
            Label::Year => ("年份", "Year"),
            Label::Verdict => ("结论", "Verdict"),
            Label::Why => ("原因", "Why"),
            Label::Document => ("文号", "Document"),
            Label::Veto => ("否决项", "Veto"),
            Label::UnusedRows => ("未使用的输入行", "Unused input rows"),
            Label::ReferenceMet => ("参考性/指导性指标达标", "Reference/guidance indicators met"),
            Label::Series => ("趋势", "Series"),
            Label::Overall => ("整体", "overall"),
            Label::PlanProgress => ("规划目标进度", "plan-year progress"),
            Label::PlanProgressHead => ("规划目标进度", "Progress toward plan years"),
            Label::ChartLegend => (
                "zhibiao 生成。图中蓝点为各年数值(标注数值),红色虚线为阈值(标注要求),绿色底为达标一侧,红点为上级目标(标注数值),紫色菱形为下一规划目标(标注要求),紫色点线为按首年以来平均变化推算的走势;纵轴自 0 起至最大值的 1.1 倍,与阈值的差距按实际比例显示。",
                "Generated by zhibiao. Charts: blue dots are the yearly values (labelled), the dashed red line is the threshold (labelled with the requirement), green shading is the passing side, red dots are superior targets (labelled), a hollow purple diamond is the next plan-year milestone (labelled), the dotted purple line the projection at the average change since the first year; the vertical axis runs from 0 to 1.1 × the largest value, so the distance to the threshold is drawn in proportion.",
            ),
        };
        match lang {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// Items joined as a list: `1、2、3` or `1, 2, 3`.
pub fn list<S: AsRef<str>>(items: &[S], lang: Lang) -> String {
    let items: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
    items.join(match lang {
        Lang::Zh => "、",
        Lang::En => ", ",
    })
}

/// `head` with `parts` in brackets after it: `未达标(…;…)`, `fail (…; …)`.
pub fn with_reasons(head: &str, parts: &[String], lang: Lang) -> String {
    match (parts.is_empty(), lang) {
        (true, _) => head.to_string(),
        (false, Lang::Zh) => format!("{head}({})", parts.join(";")),
        (false, Lang::En) => format!("{head} ({})", parts.join("; ")),
    }
}

/// One reason of a region's verdict, as its summary lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum RegionReason<'a> {
    /// A veto item occurred.
    VetoOccurred(&'a str),
    /// Binding indicators with a verdict (`约束性指标 2、4 未达标`).
    Binding {
        /// Their ids.
        ids: Vec<&'a str>,
        /// Their verdict.
        verdict: crate::types::Verdict,
    },
    /// Too few reference indicators pass.
    ReferenceBelow {
        /// How many pass.
        met: usize,
        /// How many apply.
        applicable: usize,
        /// The share required, in percent.
        required: Decimal,
    },
    /// Veto items without a record.
    VetoUnrecorded(Vec<&'a str>),
    /// Nothing failed (with or without veto items in the rules).
    AllPass {
        /// Whether the rules have veto items.
        vetoes: bool,
    },
}

impl Say for RegionReason<'_> {
    fn say(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            RegionReason::VetoOccurred(id) if zh => format!("否决项 {id} 发生"),
            RegionReason::VetoOccurred(id) => format!("veto {id} occurred"),
            RegionReason::Binding { ids, verdict } if zh => {
                format!("约束性指标 {} {}", list(ids, lang), verdict.label(lang))
            }
            RegionReason::Binding { ids, verdict } => {
                format!(
                    "binding indicators {} {}",
                    list(ids, lang),
                    verdict.label(lang)
                )
            }
            RegionReason::ReferenceBelow {
                met,
                applicable,
                required,
            } if zh => {
                format!("参考性指标达标 {met}/{applicable} 未达到 {required}%")
            }
            RegionReason::ReferenceBelow {
                met,
                applicable,
                required,
            } => {
                format!("reference indicators met {met}/{applicable} is below {required}%")
            }
            RegionReason::VetoUnrecorded(ids) if zh => format!("否决项 {} 无记录", list(ids, lang)),
            RegionReason::VetoUnrecorded(ids) => format!("no record for veto {}", list(ids, lang)),
            RegionReason::AllPass { vetoes: false } if zh => "约束性指标全部达标".into(),
            RegionReason::AllPass { vetoes: true } if zh => {
                "约束性指标全部达标,无否决项发生".into()
            }
            RegionReason::AllPass { vetoes: false } => "every binding indicator passes".into(),
            RegionReason::AllPass { vetoes: true } => {
                "every binding indicator passes, no veto occurred".into()
            }
        }
    }
}

/// What the binding indicators came to, in words: `约束性指标 25 项:达标 20,未达标 1,数据不足 2,不适用 2`.
pub fn coverage_counts(counts: [usize; 5], lang: Lang) -> String {
    let [binding, pass, fail, insufficient, not_applicable] = counts;
    match lang {
        Lang::Zh => format!(
            "约束性指标 {binding} 项:达标 {pass},未达标 {fail},数据不足 {insufficient},不适用 {not_applicable}"
        ),
        Lang::En => format!(
            "binding indicators {binding}: pass {pass}, fail {fail}, insufficient {insufficient}, not_applicable {not_applicable}"
        ),
    }
}

/// An item with its reason: `4(缺 2023 年数据)`, `4 (2023 data missing)`.
pub fn item_because(item: &str, why: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{item}({why})"),
        Lang::En => format!("{item} ({why})"),
    }
}

/// The sub-indicators a composite's verdict comes from: `子项 5.1、5.2`.
pub fn sub_indicators<S: AsRef<str>>(ids: &[S], lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("子项 {}", list(ids, lang)),
        Lang::En => format!("sub-indicators {}", list(ids, lang)),
    }
}

/// The verdicts of a composite's sub-indicators: `子项:5.1 达标、5.2 未达标`.
pub fn sub_verdicts<S: AsRef<str>>(items: &[S], lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("子项:{}", list(items, lang)),
        Lang::En => format!("sub-indicators: {}", list(items, lang)),
    }
}

/// An indicator for some regions only: `仅适用于 有受污染耕地`.
pub fn applies_only(to: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("仅适用于 {to}"),
        Lang::En => format!("applies only to {to}"),
    }
}
