//! What the command line itself says about a run: its errors, notes and summaries.

use super::Say;
use crate::types::clip;
use crate::Lang;

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
