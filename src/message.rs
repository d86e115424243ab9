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
