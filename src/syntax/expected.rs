//! What a diagnostic says was expected, typed: each phrase is a [`Wanted`] with its English and
//! Chinese words side by side, and [`Expected`] is a list of them ("a number or a comparison",
//! "数字或比较符号"). Nothing is translated from an English string after the fact.
//!
//! ```
//! use zhibiao::message::Say;
//! use zhibiao::syntax::{Expected, Wanted};
//! use zhibiao::Lang;
//! let e = Expected::any([Wanted::Code("|"), Wanted::Code("&"), Wanted::EndOfExpression]);
//! assert_eq!(e.to_string(), "`|`, `&` or the end of the expression");
//! assert_eq!(e.say(Lang::Zh), "`|`、`&` 或表达式的结尾");
//! ```

use crate::message::Say;
use crate::Lang;

/// One thing the grammar or the rule loader would have understood.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Wanted {
    /// Literal text, shown in backticks in both languages (`}`, `目标`, `正向`).
    Code(&'static str),
    // --- the target grammar
    /// A number.
    Number,
    /// A comparison sign or word.
    Comparison,
    /// A requirement of the phrase table.
    KnownRequirement,
    /// A unit.
    Unit,
    /// A trend phrase (`持续改善`).
    TrendPhrase,
    /// A superior target (`完成上级下达的任务`).
    SuperiorTarget,
    /// A change (`下降`, `△`).
    Change,
    /// A reference value (`全国平均水平`).
    Reference,
    /// An event (`无重大环境事件`).
    Event,
    /// A share of sub-regions.
    Share,
    /// A region class.
    RegionClass,
    /// A region class or group.
    RegionClassOrGroup,
    /// A region expression.
    RegionExpression,
    /// A quoted text.
    QuotedText,
    /// The end of the target.
    EndOfTarget,
    /// The end of a region expression.
    EndOfExpression,
    /// One comparison, level or change for each value of `分别`.
    EachValue,
    /// A quantity's name before the requirement.
    QuantityBefore,
    /// One quantity's name before the requirement.
    OneQuantityBefore,
    /// A control target after a named quantity.
    ControlTarget,
    /// A list of quantities' names.
    QuantityList,
    /// A quantity's name.
    QuantityName,
    /// A phrase of the phrase table.
    TablePhrase,
    /// A clause.
    Clause,
    /// A number of years.
    Years,
    /// A window: a number of years from 2 to [`crate::types::MAX_YEARS`].
    Window,
    // --- the file grammar
    /// A data series (`4`, `5:能源消耗总量`).
    Series,
    /// A quoted name.
    QuotedName,
    /// A quoted document number.
    QuotedDocNumber,
    /// A word.
    Word,
    /// The rest of the line.
    RestOfLine,
    /// `<year>=<value>`.
    YearValue,
    /// A value.
    Value,
    /// The end of the line.
    EndOfLine,
    /// A comment.
    Comment,
    /// A statement.
    Statement,
    /// A year from 1000 to 9999.
    Year,
    // --- the rule loader
    /// A target expression.
    TargetExpression,
    /// A tolerance (`1`, `5%`).
    Tolerance,
    /// A level word (`县`).
    LevelWord,
    /// A percentage (`80%`).
    Percentage,
    /// A percentage from 0 to 100.
    PercentageBetween,
    /// An id without `:`.
    IdWithoutColon,
    /// `<id> "<name>"`.
    IdName,
    /// `<id> "<text>"`.
    IdText,
    /// `<dimension>: <class> <class>…`.
    ClassLine,
    /// `<name> = <region expression>`.
    GroupLine,
    /// An example's data line.
    ExampleLine,
}

impl Wanted {
    /// The English and Chinese words (`Code` is said by [`Wanted::say`]).
    const fn words(self) -> (&'static str, &'static str) {
        use Wanted as W;
        match self {
            W::Code(_) => ("", ""),
            W::Number => ("a number", "数字"),
            W::Comparison => ("a comparison", "比较符号"),
            W::KnownRequirement => ("a known requirement", "已知的要求"),
            W::Unit => ("a unit", "单位"),
            W::TrendPhrase => ("a trend phrase", "趋势表述"),
            W::SuperiorTarget => ("a superior target", "上级目标"),
            W::Change => ("a change", "变化"),
            W::Reference => (
                "a reference such as `全国平均水平`",
                "参照值(如 `全国平均水平`)",
            ),
            W::Event => ("an event", "事件"),
            W::Share => ("a share of sub-regions", "下辖地区的比例"),
            W::RegionClass => ("a region class", "地区分类"),
            W::RegionClassOrGroup => ("a region class or group", "地区分类或地区组"),
            W::RegionExpression => ("a region expression", "地区表达式"),
            W::QuotedText => ("a quoted text", "带引号的文字"),
            W::EndOfTarget => ("the end of the target", "目标的结尾"),
            W::EndOfExpression => ("the end of the expression", "表达式的结尾"),
            W::EachValue => (
                "a comparison, a level or a change for each value",
                "每个值各一个比较、水平或变化",
            ),
            W::QuantityBefore => (
                "a quantity's name before the requirement",
                "要求之前的指标名称",
            ),
            W::OneQuantityBefore => (
                "one quantity's name before the requirement",
                "要求之前的单个指标名称",
            ),
            W::ControlTarget => (
                "a control target after a named quantity",
                "指标名称之后的控制目标",
            ),
            W::QuantityList => ("a list of quantities' names", "指标名称的列表"),
            W::QuantityName => ("a quantity's name", "指标名称"),
            W::TablePhrase => ("a phrase of the phrase table", "短语表中的短语"),
            W::Clause => ("a clause", "一项条件"),
            W::Years => ("a number of years", "年数"),
            W::Window => (
                "a number of years, at least 2 and at most 100",
                "年数(至少 2,至多 100)",
            ),
            W::Series => (
                "a series such as `4` or `5:能源消耗总量`",
                "数据系列(如 `4` 或 `5:能源消耗总量`)",
            ),
            W::QuotedName => ("a quoted name", "带引号的名称"),
            W::QuotedDocNumber => ("a quoted document number", "带引号的文号"),
            W::Word => ("a word", "词"),
            W::RestOfLine => ("the rest of the line", "本行其余内容"),
            W::YearValue => ("`<year>=<value>`", "`<年份>=<值>`"),
            W::Value => ("a value", "值"),
            W::EndOfLine => ("the end of the line", "行尾"),
            W::Comment => ("a comment", "注释"),
            W::Statement => ("a statement", "语句"),
            W::Year => ("a year from 1000 to 9999", "1000 到 9999 之间的年份"),
            W::TargetExpression => ("a target expression", "目标表述"),
            W::Tolerance => ("a tolerance such as `1` or `5%`", "容差(如 `1` 或 `5%`)"),
            W::LevelWord => ("a level word such as `县`", "层级词(如 `县`)"),
            W::Percentage => ("a percentage such as `80%`", "百分数(如 `80%`)"),
            W::PercentageBetween => ("a percentage between 0 and 100", "0 到 100 之间的百分数"),
            W::IdWithoutColon => ("an id without `:`", "不含 `:` 的编号"),
            W::IdName => ("`<id> \"<name>\"`", "`<编号> \"<名称>\"`"),
            W::IdText => ("`<id> \"<text>\"`", "`<编号> \"<文字>\"`"),
            W::ClassLine => (
                "`<dimension>: <class> <class>…`",
                "`<维度>: <分类> <分类>…`",
            ),
            W::GroupLine => ("`<name> = <region expression>`", "`<名称> = <地区表达式>`"),
            W::ExampleLine => (
                "`<series> <year>=<value>… [目标 <year>=<value>…]`",
                "`<数据系列> <年份>=<值>… [目标 <年份>=<值>…]`",
            ),
        }
    }
}

impl Say for Wanted {
    fn say(&self, lang: Lang) -> String {
        match (self, self.words()) {
            (Wanted::Code(c), _) => format!("`{c}`"),
            (_, (_, zh)) if lang == Lang::Zh => zh.to_string(),
            (_, (en, _)) => en.to_string(),
        }
    }
}

impl std::fmt::Display for Wanted {
    /// In English.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.say(Lang::En))
    }
}

/// What would have been understood: one or more [`Wanted`] things, said as "a, b or c".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expected(Vec<Wanted>);

impl Expected {
    /// Any of these, in order, once each.
    pub fn any(wanted: impl IntoIterator<Item = Wanted>) -> Expected {
        let mut list: Vec<Wanted> = Vec::new();
        for w in wanted {
            if !list.contains(&w) {
                list.push(w);
            }
        }
        Expected(list)
    }

    /// The things, in order.
    pub fn wanted(&self) -> &[Wanted] {
        &self.0
    }

    /// Whether `w` is one of them.
    pub fn contains(&self, w: Wanted) -> bool {
        self.0.contains(&w)
    }

    /// Said after a Chinese word: code in backticks stands apart (`应为 `}``).
    pub(crate) fn zh_after(&self) -> String {
        let zh = self.say(Lang::Zh);
        match zh.starts_with('`') {
            true => format!(" {zh}"),
            false => zh,
        }
    }
}

impl<const N: usize> From<[Wanted; N]> for Expected {
    fn from(any: [Wanted; N]) -> Expected {
        Expected::any(any)
    }
}

impl From<Wanted> for Expected {
    fn from(w: Wanted) -> Expected {
        Expected(vec![w])
    }
}

impl Say for Expected {
    /// English "a, b or c"; Chinese "a、b或c", with `或` set apart from code in backticks.
    fn say(&self, lang: Lang) -> String {
        let (comma, or) = match lang {
            Lang::Zh => ("、", "或"),
            Lang::En => (", ", " or "),
        };
        let mut out = String::new();
        let last = self.0.len().saturating_sub(1);
        for (i, w) in self.0.iter().enumerate() {
            let item = w.say(lang);
            if i > 0 && i == last {
                let apart = lang == Lang::Zh;
                if apart && out.ends_with('`') {
                    out.push(' ');
                }
                out.push_str(or);
                if apart && item.starts_with('`') {
                    out.push(' ');
                }
            } else if i > 0 {
                out.push_str(comma);
            }
            out.push_str(&item);
        }
        out
    }
}

impl std::fmt::Display for Expected {
    /// In English (diagnostics choose their language with [`Say::say`]).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.say(Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: &[Wanted] = &[
        Wanted::Number,
        Wanted::Comparison,
        Wanted::KnownRequirement,
        Wanted::Unit,
        Wanted::TrendPhrase,
        Wanted::SuperiorTarget,
        Wanted::Change,
        Wanted::Reference,
        Wanted::Event,
        Wanted::Share,
        Wanted::RegionClass,
        Wanted::RegionClassOrGroup,
        Wanted::RegionExpression,
        Wanted::QuotedText,
        Wanted::EndOfTarget,
        Wanted::EndOfExpression,
        Wanted::EachValue,
        Wanted::QuantityBefore,
        Wanted::OneQuantityBefore,
        Wanted::ControlTarget,
        Wanted::QuantityList,
        Wanted::QuantityName,
        Wanted::TablePhrase,
        Wanted::Clause,
        Wanted::Years,
        Wanted::Window,
        Wanted::Series,
        Wanted::QuotedName,
        Wanted::QuotedDocNumber,
        Wanted::Word,
        Wanted::RestOfLine,
        Wanted::YearValue,
        Wanted::Value,
        Wanted::EndOfLine,
        Wanted::Comment,
        Wanted::Statement,
        Wanted::Year,
        Wanted::TargetExpression,
        Wanted::Tolerance,
        Wanted::LevelWord,
        Wanted::Percentage,
        Wanted::PercentageBetween,
        Wanted::IdWithoutColon,
        Wanted::IdName,
        Wanted::IdText,
        Wanted::ClassLine,
        Wanted::GroupLine,
        Wanted::ExampleLine,
    ];

    #[test]
    fn every_phrase_reads_without_english() {
        for w in ALL {
            let zh = w.say(Lang::Zh);
            let outside_code: String = zh.split('`').step_by(2).collect();
            assert!(
                !outside_code.chars().any(|c| c.is_ascii_alphabetic()),
                "{w:?} → {zh}"
            );
            assert!(!w.say(Lang::En).is_empty(), "{w:?}");
        }
    }

    #[test]
    fn lists_read_as_one_phrase() {
        let attr = Expected::any([
            Wanted::Code("约束性"),
            Wanted::Code("参考性"),
            Wanted::Code("指导性"),
        ]);
        assert_eq!(attr.to_string(), "`约束性`, `参考性` or `指导性`");
        assert_eq!(attr.say(Lang::Zh), "`约束性`、`参考性` 或 `指导性`");
        let word = Expected::any([Wanted::Word, Wanted::Code("}")]);
        assert_eq!(word.say(Lang::Zh), "词或 `}`");
        assert_eq!(word.zh_after(), "词或 `}`");
        assert_eq!(Expected::from(Wanted::Code("}")).zh_after(), " `}`");
        let clause = Expected::any([
            Wanted::Number,
            Wanted::Comparison,
            Wanted::KnownRequirement,
            Wanted::Number,
        ]);
        assert_eq!(
            clause.to_string(),
            "a number, a comparison or a known requirement"
        );
        assert_eq!(clause.say(Lang::Zh), "数字、比较符号或已知的要求");
    }
}
