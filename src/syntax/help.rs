//! Help lines of diagnostics, typed so that they can be said in Chinese or English, and the
//! Chinese words for the English phrases that errors name (`a number`, `a quoted text` …).
//!
//! ```
//! use zhibiao::message::Say;
//! use zhibiao::syntax::Help;
//! use zhibiao::Lang;
//! let h = Help::DidYouMean("持续改善".into());
//! assert_eq!(h.say(Lang::En), "did you mean `持续改善`?");
//! assert_eq!(h.say(Lang::Zh), "是否为「持续改善」?");
//! ```

use crate::message::{Say, Unused};
use crate::Lang;

/// A hint shown under the caret of a diagnostic.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Help {
    /// The nearest known word: "did you mean `持续改善`?".
    DidYouMean(String),
    /// A fragment that may be a requirement in prose: write it as `定性 "…"`.
    WriteQualitative(String),
    /// A fixed hint, in both languages.
    Text {
        /// English.
        en: &'static str,
        /// Chinese.
        zh: &'static str,
    },
    /// Letters after a number that look like digits (`9O`): `O`, `o` like 0, `l`, `I` like 1.
    LooksLikeDigits(String),
    /// Letters after a number that spell no unit: the known unit symbols.
    UnitLetters(String),
    /// A unit in the target that is not the declared one (and neither is `%`).
    ConvertUnit {
        /// The declared unit.
        declared: String,
    },
    /// An id used a second time.
    FirstUsed {
        /// The id.
        id: String,
        /// The line of its first use.
        line: usize,
    },
    /// A sub-indicator numbered outside its parent.
    NumberUnder {
        /// The parent's id.
        parent: String,
    },
    /// A trend about a named quantity needs that quantity's polarity.
    TrendPolarity {
        /// The quantity.
        quantity: String,
    },
    /// The declared region classes and groups, none close to an unknown name.
    Declared(String),
    /// Why a data line of an example is read by no target.
    Unused(Box<Unused>),
}

impl Help {
    /// A fixed hint.
    pub const fn text(en: &'static str, zh: &'static str) -> Help {
        Help::Text { en, zh }
    }
}

impl Say for Help {
    fn say(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            Help::DidYouMean(s) if zh => format!("是否为「{s}」?"),
            Help::DidYouMean(s) => format!("did you mean `{s}`?"),
            Help::WriteQualitative(f) if zh => {
                format!("如果这是用文字表述的要求,请写作 `定性 \"{f}\"`")
            }
            Help::WriteQualitative(f) => {
                format!("if this is a prose requirement, write it as `定性 \"{f}\"`")
            }
            Help::Text { zh: t, .. } if zh => (*t).to_string(),
            Help::Text { en, .. } => (*en).to_string(),
            Help::LooksLikeDigits(letters) if zh => format!(
                "`{letters}` 像是数字 `{}`:请写数字,或写 `m3`、`mg/L` 等单位",
                digits(letters)
            ),
            Help::LooksLikeDigits(letters) => format!(
                "`{letters}` looks like the digits `{}`; write digits, or a unit such as `m3` or `mg/L`",
                digits(letters)
            ),
            Help::UnitLetters(list) if zh => {
                format!("用字母写的单位须为以下之一:{}", list.replace(", ", "、"))
            }
            Help::UnitLetters(list) => format!("a unit in letters must be one of {list}"),
            Help::ConvertUnit { declared } if zh => {
                format!("请把阈值换算为 `{declared}`,或改正指标的 `单位`")
            }
            Help::ConvertUnit { declared } => {
                format!("convert the threshold to `{declared}`, or correct the indicator's `单位`")
            }
            Help::FirstUsed { id, line } if zh => format!("`{id}` 已在第 {line} 行使用"),
            Help::FirstUsed { id, line } => format!("`{id}` is first used on line {line}"),
            Help::NumberUnder { parent: p } if zh => format!("请编号为 `{p}.1`、`{p}.2` …"),
            Help::NumberUnder { parent: p } => format!("number it `{p}.1`, `{p}.2` …"),
            Help::TrendPolarity { quantity: q } if zh => format!(
                "趋势针对的是 `{q}`:请为指标加上 `方向 {q} 正向` 或 `方向 {q} 逆向`"
            ),
            Help::TrendPolarity { quantity: q } => format!(
                "the trend is about `{q}`: add `方向 {q} 正向` or `方向 {q} 逆向` to the indicator"
            ),
            Help::Declared(list) if zh => format!("已声明的分类和地区组:{list}"),
            Help::Declared(list) => format!("declared classes and groups: {list}"),
            Help::Unused(u) => u.text(lang),
        }
    }
}

/// The digits letters look like: `O`, `o` → 0, else 1.
fn digits(letters: &str) -> String {
    letters
        .chars()
        .map(|c| if c == 'O' || c == 'o' { '0' } else { '1' })
        .collect()
}

impl std::fmt::Display for Help {
    /// The English words (diagnostics choose their language with [`Say::say`]).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.say(Lang::En))
    }
}

/// Chinese for the English phrases errors name: what was expected, where a keyword stands,
/// what kind of thing is duplicate or unknown. Longer phrases first where one holds another.
const WORDS: &[(&str, &str)] = &[
    // the target grammar
    (
        "a comparison, a level or a change for each value",
        "每个值各一个比较、水平或变化",
    ),
    (
        "a reference such as `全国平均水平`",
        "参照值(如 `全国平均水平`)",
    ),
    (
        "a quantity's name before the requirement",
        "要求之前的指标名称",
    ),
    (
        "one quantity's name before the requirement",
        "要求之前的单个指标名称",
    ),
    (
        "a control target after a named quantity",
        "指标名称之后的控制目标",
    ),
    ("a list of quantities' names", "指标名称的列表"),
    ("a quantity's name", "指标名称"),
    ("a phrase of the phrase table", "短语表中的短语"),
    (
        "a number of years, at least 2 and at most 100",
        "年数(至少 2,至多 100)",
    ),
    ("a number of years", "年数"),
    ("a known requirement", "已知的要求"),
    ("a trend phrase", "趋势表述"),
    ("a superior target", "上级目标"),
    ("a share of sub-regions", "下辖地区的比例"),
    ("a region class or group", "地区分类或地区组"),
    ("a region class", "地区分类"),
    ("a region expression", "地区表达式"),
    ("a comparison", "比较符号"),
    ("a change", "变化"),
    ("an event", "事件"),
    ("a clause", "一项条件"),
    ("the end of the target", "目标的结尾"),
    ("the end of the expression", "表达式的结尾"),
    ("a number", "数字"),
    // the file grammar
    (
        "a series such as `4` or `5:能源消耗总量`",
        "数据系列(如 `4` 或 `5:能源消耗总量`)",
    ),
    ("a quoted text", "带引号的文字"),
    ("a quoted name", "带引号的名称"),
    ("a quoted document number", "带引号的文号"),
    ("a word", "词"),
    ("the rest of the line", "本行其余内容"),
    ("`<year>=<value>`", "`<年份>=<值>`"),
    ("a value", "值"),
    ("the end of the line", "行尾"),
    ("a comment", "注释"),
    ("a statement", "语句"),
    ("a year from 1000 to 9999", "1000 到 9999 之间的年份"),
    // the rule loader
    ("a target expression", "目标表述"),
    ("a unit", "单位"),
    ("a tolerance such as `1` or `5%`", "容差(如 `1` 或 `5%`)"),
    ("a tolerance", "容差"),
    ("a level word such as `县`", "层级词(如 `县`)"),
    ("a percentage such as `80%`", "百分数(如 `80%`)"),
    ("a percentage between 0 and 100", "0 到 100 之间的百分数"),
    ("an id without `:`", "不含 `:` 的编号"),
    ("`<id> \"<name>\"`", "`<编号> \"<名称>\"`"),
    ("`<id> \"<text>\"`", "`<编号> \"<文字>\"`"),
    (
        "`<dimension>: <class> <class>…`",
        "`<维度>: <分类> <分类>…`",
    ),
    ("`<name> = <region expression>`", "`<名称> = <地区表达式>`"),
    ("the file outside `体系`", "「体系」之外"),
    ("class dimension", "分类维度"),
    ("region class", "地区分类"),
    ("region group", "地区组"),
    ("indicator", "指标"),
    ("example", "示例"),
    ("series", "数据系列"),
    ("veto", "否决项"),
];

/// [`zh_words`] after a Chinese word: code in backticks stands apart (`应为 `}``).
pub(crate) fn zh_after(en: &str) -> String {
    let zh = zh_words(en);
    match zh.starts_with('`') {
        true => format!(" {zh}"),
        false => zh,
    }
}

/// An English phrase of the phrase table (or several joined with `, ` and ` or `) in Chinese; a phrase
/// not in the table is kept as written.
///
/// ```
/// # use zhibiao::syntax::zh_words;
/// assert_eq!(zh_words("a number, a comparison or a known requirement"), "数字、比较符号或已知的要求");
/// assert_eq!(zh_words("`|`, `&` or the end of the expression"), "`|`、`&` 或表达式的结尾");
/// ```
pub fn zh_words(en: &str) -> String {
    // the items and the separators between them (`, ` or ` or `)
    let mut items: Vec<String> = Vec::new();
    let mut seps: Vec<&str> = Vec::new();
    let mut rest = en;
    let ends_item = |r: &str| r.is_empty() || r.starts_with(", ") || r.starts_with(" or ");
    while !rest.is_empty() {
        if !items.is_empty() {
            if let Some(r) = rest.strip_prefix(", ") {
                seps.push("、");
                rest = r;
            } else if let Some(r) = rest.strip_prefix(" or ") {
                seps.push("或");
                rest = r;
            } else {
                return en.to_string();
            }
        }
        let word = WORDS
            .iter()
            .filter(|(e, _)| rest.starts_with(e) && ends_item(&rest[e.len()..]))
            .max_by_key(|(e, _)| e.len());
        let code = rest
            .strip_prefix('`')
            .and_then(|r| r.find('`'))
            .map(|i| &rest[..i + 2])
            .filter(|c| ends_item(&rest[c.len()..]));
        match (word, code) {
            (Some((e, zh)), _) => {
                items.push((*zh).to_string());
                rest = &rest[e.len()..];
            }
            (None, Some(c)) => {
                items.push(c.to_string());
                rest = &rest[c.len()..];
            }
            (None, None) => return en.to_string(),
        }
    }
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if let Some(sep) = i.checked_sub(1).and_then(|j| seps.get(j)) {
            // `或` stands apart from code in backticks
            let spaced = *sep == "或";
            if spaced && out.ends_with('`') {
                out.push(' ');
            }
            out.push_str(sep);
            if spaced && item.starts_with('`') {
                out.push(' ');
            }
        }
        out.push_str(item);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_phrase_reads_without_english() {
        for (en, _) in WORDS {
            let zh = zh_words(en);
            let outside_code: String = zh.split('`').step_by(2).collect();
            assert!(
                !outside_code.chars().any(|c| c.is_ascii_alphabetic()),
                "{en} → {zh}"
            );
        }
        assert_eq!(
            zh_words("`约束性`, `参考性` or `指导性`"),
            "`约束性`、`参考性` 或 `指导性`"
        );
        assert_eq!(zh_words("`正向` or `逆向`"), "`正向` 或 `逆向`");
        assert_eq!(zh_words("a word or `}`"), "词或 `}`");
    }
}
