//! Help lines of diagnostics, typed so that they can be said in Chinese or English.
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
