//! Reading recorded words: whether a word affirms a requirement, denies it, or is not
//! understood (then the verdict is 数据不足, never a guess).

use rust_decimal::Decimal;

use super::source::CellRef;
use super::Value;
use crate::syntax::phrase;

/// Whether a word is one of the generic words that affirm (`是`, `达标`, `完成`, `有`, `发生`,
/// `yes`, `1` …) or deny (`否`, `未达标`, `无`, `未发生`, `no`, `0` …) a status, a verdict or an
/// occurrence; ASCII words in any case.
fn generic(w: &str) -> Option<bool> {
    match w {
        "是" | "达标" | "已达标" | "完成" | "已完成" | "通过" | "有" | "√" | "✓" | "发生" => {
            Some(true)
        }
        "否" | "未达标" | "不达标" | "未完成" | "无" | "×" | "✗" | "未发生" | "没有" => {
            Some(false)
        }
        _ if w.is_ascii() && w.len() <= 5 => {
            let is = |list: &[&str]| list.iter().any(|x| x.eq_ignore_ascii_case(w));
            if is(&["true", "yes", "y", "1"]) {
                Some(true)
            } else if is(&["false", "no", "n", "0"]) {
                Some(false)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// Whether a recorded word affirms (`Some(true)`), denies (`Some(false)`) or is not understood.
/// `requirement` is the phrase being attested (`建立`): the word itself or `已建立` affirm it,
/// `未建立` denies it.
///
/// ```
/// use zhibiao::eval::affirms;
/// assert_eq!(affirms("已建立", Some("建立")), Some(true));
/// assert_eq!(affirms("否", None), Some(false));
/// assert_eq!(affirms("也许", None), None);
/// ```
pub fn affirms(word: &str, requirement: Option<&str>) -> Option<bool> {
    let negated = requirement.is_some_and(|r| phrase::negation_of(r).is_some());
    word_attests(word, requirement, negated)
}

/// [`value_affirms`] for a requirement whose negation is known.
pub(crate) fn attests(v: CellRef<'_>, requirement: &str, negated: bool) -> Option<bool> {
    match v {
        CellRef::Word(w) => word_attests(w, Some(requirement), negated),
        CellRef::Number(_) => cell_affirms(v, None),
    }
}

/// Whether a recorded word attests `requirement` (negative when `negated`).
fn word_attests(word: &str, requirement: Option<&str>, negated: bool) -> Option<bool> {
    let w = word.trim();
    let generic = generic(w).filter(|_| w != "有" && w != "无");
    // a negated recorded word (`未建立`, `没有`): data, read as written
    let negation = |s: &str| {
        ["不", "无", "未", "没有", "没"]
            .iter()
            .find_map(|p| s.strip_prefix(p).map(str::to_string))
    };
    if let Some(r) = requirement {
        if w == r {
            return Some(true);
        }
        if negated {
            let core = phrase::negation_of(r).unwrap_or_default();
            // a negated requirement (`不改变`, `无`, `不明显`): `未改变`, `没有` affirm it,
            // `改变`, `已改变`, `有` deny it
            if generic.is_some() {
                return generic;
            }
            if negation(w).is_some() {
                return Some(true);
            }
            if w == core
                || w.strip_prefix('已') == Some(core)
                || w.starts_with('有')
                || (core.is_empty() && w == "有")
            {
                return Some(false);
            }
            return None;
        }
        if w.strip_prefix('已') == Some(r) || r.ends_with(w.strip_prefix('已').unwrap_or("\u{0}"))
        {
            return Some(true);
        }
        if negation(w).as_deref() == Some(r) {
            return Some(false);
        }
    }
    if let Some(g) = generic {
        return Some(g);
    }
    match w {
        "有" => return Some(true),
        "无" => return Some(false),
        _ => {}
    }
    if w.starts_with('已') {
        return Some(true);
    }
    if w.starts_with('未') || w.starts_with('没') {
        return Some(false);
    }
    None
}

/// [`affirms`] for a recorded value: a word, or `1`/`0`.
pub fn value_affirms(v: &Value, requirement: Option<&str>) -> Option<bool> {
    cell_affirms(v.into(), requirement)
}

/// [`value_affirms`] for a cell.
pub(crate) fn cell_affirms(v: CellRef<'_>, requirement: Option<&str>) -> Option<bool> {
    match v {
        CellRef::Word(w) => affirms(w, requirement),
        CellRef::Number(d) if d == Decimal::ONE => Some(true),
        CellRef::Number(d) if d.is_zero() => Some(false),
        CellRef::Number(_) => None,
    }
}

/// A recorded verdict word for a qualitative requirement: `达标`, `是`, `完成`, `1` … affirm;
/// `未达标`, `否`, `0` … deny. Words about presence or occurrence (`有`, `无`, `发生`) decide
/// nothing here.
///
/// ```
/// use zhibiao::eval::{verdict_word, Value};
/// assert_eq!(verdict_word(&Value::parse("达标").unwrap()), Some(true));
/// assert_eq!(verdict_word(&Value::parse("否").unwrap()), Some(false));
/// assert_eq!(verdict_word(&Value::parse("已建立").unwrap()), None);
/// ```
pub fn verdict_word(v: &Value) -> Option<bool> {
    cell_verdict(v.into())
}

/// [`verdict_word`] for a cell.
pub(crate) fn cell_verdict(v: CellRef<'_>) -> Option<bool> {
    const NOT_VERDICTS: [&str; 5] = ["有", "无", "发生", "未发生", "没有"];
    match v {
        CellRef::Word(w) if NOT_VERDICTS.contains(&w.trim()) => None,
        CellRef::Word(w) => generic(w.trim()),
        CellRef::Number(_) => cell_affirms(v, None),
    }
}
