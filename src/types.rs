//! Leaf types shared by every stage: comparison operators, polarities and the typed meanings of
//! trend and change phrases. They hold no stage logic, so `syntax` can record a phrase's meaning
//! and `predicate`, `eval` and `report` can use it without importing back up the pipeline.

use std::fmt;
use std::str::FromStr;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A comparison operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Op {
    /// `≥`
    #[serde(rename = ">=")]
    Ge,
    /// `>`
    #[serde(rename = ">")]
    Gt,
    /// `≤`
    #[serde(rename = "<=")]
    Le,
    /// `<`
    #[serde(rename = "<")]
    Lt,
    /// `=`
    #[serde(rename = "=")]
    Eq,
}

impl Op {
    /// The symbol used in canonical text (`≥`, `>`, `≤`, `<`, `=`).
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Ge => "≥",
            Op::Gt => ">",
            Op::Le => "≤",
            Op::Lt => "<",
            Op::Eq => "=",
        }
    }

    /// Whether `a op b` holds, exactly.
    ///
    /// ```
    /// use zhibiao::predicate::Op;
    /// use rust_decimal::Decimal;
    /// let a: Decimal = "0.70".parse().unwrap();
    /// let b: Decimal = "0.7".parse().unwrap();
    /// assert!(Op::Le.holds(a, b));
    /// assert!(!Op::Lt.holds(a, b));
    /// ```
    #[inline]
    pub fn holds(self, a: Decimal, b: Decimal) -> bool {
        match self {
            Op::Ge => a >= b,
            Op::Gt => a > b,
            Op::Le => a <= b,
            Op::Lt => a < b,
            Op::Eq => a == b,
        }
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol())
    }
}

/// Which direction is good for an indicator (`方向 正向` / `方向 逆向`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Polarity {
    /// Higher is better (正向).
    Higher,
    /// Lower is better (逆向).
    Lower,
}

/// How a trend is judged over the window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TrendMode {
    /// `保持稳定或持续改善`: every step improves or worsens by at most the tolerance.
    HoldOrImprove,
    /// `持续下降`, `逐年下降`: every step moves strictly in the direction.
    Continuous,
    /// `逐步下降`, `有所提高`: the last year is strictly beyond the first year of the window.
    Overall,
    /// `不降低`, `面积不减少`: no step moves against the direction.
    NoWorse,
}

/// The direction a trend or change phrase asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Rising (`提高`, `增加`).
    Up,
    /// Falling (`下降`, `减少`).
    Down,
    /// The indicator's good direction (`改善`), which needs a polarity.
    Better,
}

impl Direction {
    /// Resolve `better` with a polarity; `None` when it cannot be resolved.
    pub fn resolve(self, polarity: Option<Polarity>) -> Option<Direction> {
        match (self, polarity) {
            (Direction::Better, Some(Polarity::Higher)) => Some(Direction::Up),
            (Direction::Better, Some(Polarity::Lower)) => Some(Direction::Down),
            (Direction::Better, None) => None,
            (d, _) => Some(d),
        }
    }
}

/// How a change is measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// `v(Y) − v(B)` (percentage points on `%` indicators).
    Difference,
    /// `(v(Y) − v(B)) / v(B) × 100`.
    Relative,
}

/// The four verdicts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// 达标
    Pass,
    /// 未达标
    Fail,
    /// 数据不足
    Insufficient,
    /// 不适用
    NotApplicable,
}

impl Verdict {
    /// `Pass` when a condition holds, else `Fail`.
    pub fn from_holds(holds: bool) -> Verdict {
        if holds {
            Verdict::Pass
        } else {
            Verdict::Fail
        }
    }

    /// The word in a language (`达标` / `pass`).
    pub fn label(self, lang: Lang) -> &'static str {
        match (lang, self) {
            (Lang::Zh, Verdict::Pass) => "达标",
            (Lang::Zh, Verdict::Fail) => "未达标",
            (Lang::Zh, Verdict::Insufficient) => "数据不足",
            (Lang::Zh, Verdict::NotApplicable) => "不适用",
            (Lang::En, Verdict::Pass) => "pass",
            (Lang::En, Verdict::Fail) => "fail",
            (Lang::En, Verdict::Insufficient) => "insufficient",
            (Lang::En, Verdict::NotApplicable) => "not_applicable",
        }
    }

    /// Read `达标`/`pass`, `未达标`/`fail`, `数据不足`/`insufficient`, `不适用`/`not_applicable`.
    pub fn from_word(w: &str) -> Option<Verdict> {
        Some(match w {
            "达标" | "pass" | "通过" => Verdict::Pass,
            "未达标" | "fail" | "不达标" => Verdict::Fail,
            "数据不足" | "insufficient" => Verdict::Insufficient,
            "不适用" | "not_applicable" | "n/a" => Verdict::NotApplicable,
            _ => return None,
        })
    }

    /// Kleene conjunction of verdicts; `not_applicable` items are left out, and all of them
    /// `not_applicable` (or none) gives `not_applicable`.
    ///
    /// ```
    /// use zhibiao::Verdict::*;
    /// assert_eq!(zhibiao::Verdict::all([Pass, Insufficient, Fail]), Fail);
    /// assert_eq!(zhibiao::Verdict::all([Pass, Insufficient]), Insufficient);
    /// assert_eq!(zhibiao::Verdict::all([NotApplicable, Pass]), Pass);
    /// ```
    pub fn all(items: impl IntoIterator<Item = Verdict>) -> Verdict {
        let (mut any, mut fail, mut insufficient) = (false, false, false);
        for v in items {
            match v {
                Verdict::Fail => fail = true,
                Verdict::Insufficient => insufficient = true,
                Verdict::NotApplicable => continue,
                Verdict::Pass => {}
            }
            any = true;
        }
        match (any, fail, insufficient) {
            (false, _, _) => Verdict::NotApplicable,
            (_, true, _) => Verdict::Fail,
            (_, _, true) => Verdict::Insufficient,
            _ => Verdict::Pass,
        }
    }

    /// Kleene disjunction; `not_applicable` items are left out. It is the dual of [`Verdict::all`]:
    /// `any(xs) = ¬all(¬xs)`, where `¬` swaps pass and fail.
    pub fn any(items: impl IntoIterator<Item = Verdict>) -> Verdict {
        Verdict::all(items.into_iter().map(Verdict::negate)).negate()
    }

    /// Pass ↔ fail; insufficient and not applicable stay.
    fn negate(self) -> Verdict {
        match self {
            Verdict::Pass => Verdict::Fail,
            Verdict::Fail => Verdict::Pass,
            other => other,
        }
    }
}

impl fmt::Display for Verdict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label(Lang::En))
    }
}

/// What `保持稳定` allows: an absolute amount in the indicator's unit, or a percentage of the
/// earlier value. Serialises as `"1"` or `"5%"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tolerance {
    /// In the indicator's unit.
    Absolute(Decimal),
    /// Percent of the earlier year's value.
    Relative(Decimal),
    /// None (the default).
    #[default]
    Zero,
}

impl Tolerance {
    /// Parse `1`, `0.5`, `5%`.
    pub fn parse(s: &str) -> Option<Tolerance> {
        // full-width digits, point and percent sign as typed in a Chinese spreadsheet
        let s: String = s
            .trim()
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
                '．' => '.',
                '％' => '%',
                c => c,
            })
            .collect();
        let (num, rel) = match s.strip_suffix('%') {
            Some(n) => (n.trim().to_string(), true),
            None => (s.clone(), false),
        };
        let d: Decimal = num.parse().ok()?;
        if d < Decimal::ZERO {
            return None;
        }
        Some(match (d.is_zero(), rel) {
            (true, _) => Tolerance::Zero,
            (false, true) => Tolerance::Relative(d),
            (false, false) => Tolerance::Absolute(d),
        })
    }

    /// The allowed worsening for a step starting at `from`; `None` on overflow.
    pub fn amount(self, from: Decimal) -> Option<Decimal> {
        match self {
            Tolerance::Zero => Some(Decimal::ZERO),
            Tolerance::Absolute(d) => Some(d),
            Tolerance::Relative(p) => from.abs().checked_mul(p)?.checked_div(Decimal::ONE_HUNDRED),
        }
    }
}

impl fmt::Display for Tolerance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Tolerance::Zero => f.write_str("0"),
            Tolerance::Absolute(d) => write!(f, "{d}"),
            Tolerance::Relative(d) => write!(f, "{d}%"),
        }
    }
}

impl Serialize for Tolerance {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Tolerance {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Tolerance::parse(&s)
            .ok_or_else(|| serde::de::Error::custom(format!("`{s}` is not a tolerance")))
    }
}

/// The years a data file, an example or `--year` may name: 1000–9999 (a typo such as `20230`
/// is an error, not a region whose cells span eighteen thousand years).
pub const YEARS: std::ops::RangeInclusive<i32> = 1000..=9999;

/// The most years a window (`评估窗口`) or a printed number of years (`近N年`, `N年内`,
/// `连续N年`) may span.
pub const MAX_YEARS: u32 = 100;

/// The first year of the `n` years that end with `y` (`y − n + 1`), saturating at the ends of
/// `i32` so that a year from a library caller never overflows.
///
/// ```
/// use zhibiao::types::first_year;
/// assert_eq!(first_year(2023, 3), 2021);
/// assert_eq!(first_year(i32::MIN, 3), i32::MIN);
/// ```
pub fn first_year(y: i32, n: u32) -> i32 {
    let back = i32::try_from(n.saturating_sub(1)).unwrap_or(i32::MAX);
    y.saturating_sub(back)
}

/// Input text as an error message echoes it: at most 60 characters, then how long it was, so a
/// 10 MB cell or line is never printed whole.
///
/// ```
/// use zhibiao::types::clip;
/// assert_eq!(clip("很多"), "很多");
/// assert_eq!(clip(&"x".repeat(1000)), format!("{}… (1000 characters)", "x".repeat(60)));
/// ```
pub fn clip(text: &str) -> std::borrow::Cow<'_, str> {
    clip_to(text, 60)
}

/// [`clip`] to `shown` characters (text up to a third longer is kept whole).
pub fn clip_to(text: &str, shown: usize) -> std::borrow::Cow<'_, str> {
    clip_in(text, shown, Lang::En)
}

/// [`clip_to`], saying how long the text is in `lang`: `… (500 characters)`, `…(共 500 个字符)`.
pub fn clip_in(text: &str, shown: usize, lang: Lang) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(shown + shown / 3) {
        None => std::borrow::Cow::Borrowed(text),
        Some(_) => {
            let end = text
                .char_indices()
                .nth(shown)
                .map_or(text.len(), |(i, _)| i);
            let n = text.chars().count();
            std::borrow::Cow::Owned(match lang {
                Lang::En => format!("{}… ({n} characters)", &text[..end]),
                Lang::Zh => format!("{}…(共 {n} 个字符)", &text[..end]),
            })
        }
    }
}

/// Text made safe for a terminal: control characters (an ANSI escape from a data file, a
/// carriage return) are shown as `\u{1b}` escapes instead of acting on the terminal; tabs stay.
///
/// ```
/// use zhibiao::types::visible;
/// assert_eq!(visible("甲\u{1b}[31m县"), "甲\\u{1b}[31m县");
/// assert_eq!(visible("甲县"), "甲县");
/// ```
pub fn visible(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| c.is_control() && c != '\t' && c != '\n';
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Why a text is not a number that a value can hold exactly.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum NumberError {
    /// Not a decimal: digits, an optional sign, point and thousands separators (`1,000`).
    #[error("`{}` is not a number", clip(.0))]
    NotANumber(String),
    /// More digits than a value keeps (28 after the point, 28–29 in all): it would be rounded.
    #[error("`{}` has more digits than the 28 a value keeps exactly", clip(.0))]
    TooPrecise(String),
}

/// Read a decimal exactly, the one number reader of targets and data: an optional `-`, digits
/// with optional thousands separators in groups of three (`30,000`), an optional fraction. A
/// number that would be rounded is an error, never a nearby value; exponents (`1e30`) are not
/// numbers.
///
/// ```
/// use zhibiao::types::read_decimal;
/// assert_eq!(read_decimal("1,500").unwrap().to_string(), "1500");
/// assert!(read_decimal("1,50").is_err());
/// assert!(read_decimal("1e30").is_err());
/// assert!(read_decimal("1.00000000000000000000000000001").is_err());
/// ```
pub fn read_decimal(text: &str) -> Result<Decimal, NumberError> {
    let bad = || NumberError::NotANumber(text.to_string());
    let body = text.strip_prefix('-').unwrap_or(text);
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let all_digits = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
    let grouped = int.contains(',');
    let int_ok = if grouped {
        let mut groups = int.split(',');
        let first = groups.next().unwrap_or("");
        (1..=3).contains(&first.len())
            && all_digits(first)
            && groups.all(|g| g.len() == 3 && all_digits(g))
    } else {
        !int.is_empty() && all_digits(int)
    };
    let frac_ok = frac.is_none_or(|f| !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()));
    if !int_ok || !frac_ok {
        return Err(bad());
    }
    let too_precise = || NumberError::TooPrecise(text.to_string());
    let plain: std::borrow::Cow<'_, str> = if grouped {
        std::borrow::Cow::Owned(text.replace(',', ""))
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let d = Decimal::from_str_exact(&plain).map_err(|_| too_precise())?;
    // up to 28 digits a decimal holds any number exactly (the common case, checked cheaply);
    // beyond, the value must say exactly what was written (no digit dropped at the 28th place)
    let digits = plain.bytes().filter(u8::is_ascii_digit).count();
    if digits > 28 && canonical(&plain) != canonical(&d.normalize().to_string()) {
        return Err(too_precise());
    }
    Ok(d)
}

/// A decimal's digits without leading zeros, trailing fraction zeros or `-0`.
fn canonical(s: &str) -> String {
    let (neg, body) = match s.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, s),
    };
    let (int, frac) = body.split_once('.').unwrap_or((body, ""));
    let int = int.trim_start_matches('0');
    let frac = frac.trim_end_matches('0');
    let zero = int.is_empty() && frac.is_empty();
    let sign = if neg && !zero { "-" } else { "" };
    match frac {
        "" => format!("{sign}{}", if int.is_empty() { "0" } else { int }),
        f => format!("{sign}{}.{f}", if int.is_empty() { "0" } else { int }),
    }
}

/// How an indicator is judged: window, polarity, tolerance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// Years in the trend window (default 2: the assessment year and the one before).
    pub window: u32,
    /// Good direction.
    pub polarity: Option<Polarity>,
    /// What `左右` allows (`近似容差`).
    #[serde(default = "Settings::approx_default")]
    pub approx: Tolerance,
    /// What `保持稳定` allows.
    pub tolerance: Tolerance,
}

impl Settings {
    /// The default approximate tolerance: `15左右` allows 5 % of 15 either way.
    pub const APPROX: Tolerance = Tolerance::Relative(Decimal::from_parts(5, 0, 0, false, 0));

    /// [`Settings::APPROX`], for serde.
    pub fn approx_default() -> Tolerance {
        Settings::APPROX
    }
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            window: 2,
            polarity: None,
            approx: Settings::APPROX,
            tolerance: Tolerance::Zero,
        }
    }
}

/// The language of explanations and reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// Chinese (default).
    #[default]
    Zh,
    /// English.
    En,
}

impl FromStr for Lang {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "zh" | "中文" | "cn" => Ok(Lang::Zh),
            "en" | "英文" => Ok(Lang::En),
            _ => Err(format!("unknown language `{s}`: use `zh` or `en`")),
        }
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        })
    }
}
