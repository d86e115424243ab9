//! Evidence facts and the explanations written from them.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::Verdict;
use crate::predicate::{Direction, Guard, Measure, Op, TrendMode};
use crate::Lang;

/// What a value was compared against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Bound {
    /// A threshold written in the target.
    Threshold,
    /// The superior government's target `g(Y)`.
    Superior,
    /// A reference series.
    Reference(String),
}

/// Why a value could not be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum Reason {
    /// No value for that year.
    NoValue,
    /// No superior target for that year.
    NoTarget,
    /// A word where a number is needed.
    NotANumber {
        /// The word.
        word: String,
    },
    /// A status word that is neither affirmative nor negative.
    UnknownWord {
        /// The word.
        word: String,
    },
    /// No record of an event at all.
    NoRecords,
    /// The base value of a relative change is zero.
    DivisionByZero,
    /// The arithmetic overflowed.
    Overflow,
    /// The phrase needs the indicator's polarity, which is not declared.
    NoPolarity,
    /// A guard or `适用` reads a dimension on which the region gives no class (`None`: the rules
    /// declare no dimensions and the region gives no class at all).
    NoClass {
        /// The dimension (`地形`).
        dimension: Option<String>,
    },
    /// The region has a class that the rules do not declare, so its classes cannot be trusted.
    UndeclaredClass {
        /// The class as given.
        class: String,
    },
}

/// A data cell that a verdict read: recorded by the evaluator as it reads, so that the rows no
/// verdict read can be reported without re-deriving them from the explanation.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "cell", rename_all = "snake_case")]
pub enum Read {
    /// A value of the indicator's series (`quantity: None`) or of a named series.
    Value {
        /// Named series, or `None` for the indicator's own.
        quantity: Option<String>,
        /// Year.
        year: i32,
    },
    /// A superior (or control) target.
    Target {
        /// Named series, or `None` for the indicator's own.
        quantity: Option<String>,
        /// Year.
        year: i32,
    },
    /// An event record.
    Event {
        /// Event kind.
        event: String,
        /// Year.
        year: i32,
    },
}

impl Read {
    /// Compact text: `2023` (a value), `t2023` (a target), `PM2.5浓度:2023`, `PM2.5浓度:t2023`,
    /// `event:较大环境事件:2022`.
    pub fn text(&self) -> String {
        match self {
            Read::Value {
                quantity: None,
                year,
            } => year.to_string(),
            Read::Value {
                quantity: Some(q),
                year,
            } => format!("{q}:{year}"),
            Read::Target {
                quantity: None,
                year,
            } => format!("t{year}"),
            Read::Target {
                quantity: Some(q),
                year,
            } => format!("{q}:t{year}"),
            Read::Event { event, year } => format!("event:{event}:{year}"),
        }
    }

    /// Read [`Read::text`] back.
    pub fn from_text(s: &str) -> Option<Read> {
        let (head, last) = match s.rsplit_once(':') {
            Some((h, l)) => (Some(h), l),
            None => (None, s),
        };
        let (target, year) = match last.strip_prefix('t') {
            Some(y) => (true, y.parse().ok()?),
            None => (false, last.parse().ok()?),
        };
        Some(match (head, target) {
            (Some(h), false) if h.starts_with("event:") => Read::Event {
                event: h["event:".len()..].to_string(),
                year,
            },
            (q, false) => Read::Value {
                quantity: q.map(str::to_string),
                year,
            },
            (q, true) => Read::Target {
                quantity: q.map(str::to_string),
                year,
            },
        })
    }
}

/// The cells a verdict read, serialised compactly as one string (`"2022;2023;t2023"`).
pub(crate) mod reads_text {
    use super::Read;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(reads: &[Read], s: S) -> Result<S::Ok, S::Error> {
        let text: Vec<String> = reads.iter().map(Read::text).collect();
        s.serialize_str(&text.join(";"))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Read>, D::Error> {
        let s = String::deserialize(d)?;
        s.split(';')
            .filter(|t| !t.is_empty())
            .map(|t| {
                Read::from_text(t)
                    .ok_or_else(|| serde::de::Error::custom(format!("not a cell read: `{t}`")))
            })
            .collect()
    }
}

/// One piece of evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "fact", rename_all = "snake_case")]
pub enum Fact {
    /// `value op bound` in the assessment year.
    Compared {
        /// Assessment year.
        year: i32,
        /// Named quantity, or `None` for the indicator.
        quantity: Option<String>,
        /// The value.
        value: Decimal,
        /// Comparison.
        op: Op,
        /// Threshold, superior target or reference value.
        bound: Decimal,
        /// What the bound is.
        against: Bound,
        /// The indicator's unit.
        unit: Option<String>,
        /// Whether it holds.
        holds: bool,
    },
    /// A step of a trend (or, for `overall`, first year to last).
    Step {
        /// Named quantity.
        quantity: Option<String>,
        /// Earlier year.
        from_year: i32,
        /// Earlier value.
        from: Decimal,
        /// Later year.
        to_year: i32,
        /// Later value.
        to: Decimal,
        /// The direction asked for.
        direction: Direction,
        /// How the step is judged.
        mode: TrendMode,
        /// Whether the step is acceptable.
        ok: bool,
    },
    /// A change against a base year.
    Change {
        /// Base year.
        base_year: i32,
        /// Base value.
        base: Decimal,
        /// Assessment year.
        year: i32,
        /// Assessment-year value.
        value: Decimal,
        /// Difference or relative.
        measure: Measure,
        /// The phrase's direction (the change is counted positive that way).
        direction: Direction,
        /// The computed change (percent for relative).
        change: Decimal,
        /// Comparison.
        op: Op,
        /// Threshold.
        bound: Decimal,
        /// For `下降15%左右`: the approximate tolerance around the threshold (`op` is then `=`).
        #[serde(skip_serializing_if = "Option::is_none")]
        tolerance: Option<Decimal>,
        /// Whether it holds.
        holds: bool,
    },
    /// A status word read.
    Status {
        /// Year.
        year: i32,
        /// Named quantity.
        quantity: Option<String>,
        /// The recorded word.
        word: String,
        /// The requirement.
        requirement: String,
        /// Whether the word affirms it.
        affirmed: bool,
        /// A qualitative requirement (`定性 "…"`), judged by a recorded 达标/未达标/是/否.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        qualitative: bool,
    },
    /// Sub-regions counted for a share (`80%的乡镇达到…`).
    SubRegions {
        /// The requirement each sub-region is asked for.
        requirement: String,
        /// Sub-regions whose record affirms it.
        met: usize,
        /// Sub-regions.
        total: usize,
        /// `met / total` in percent.
        share: Decimal,
        /// Comparison.
        op: Op,
        /// Required share in percent.
        bound: Decimal,
        /// Whether it holds.
        holds: bool,
    },
    /// Event records examined.
    Event {
        /// Event kind.
        event: String,
        /// First year of the period.
        from: i32,
        /// Last year of the period.
        to: i32,
        /// The first year it occurred, if any.
        occurred: Option<i32>,
    },
    /// Something needed was missing or unusable.
    Missing {
        /// Named quantity or event, or `None` for the indicator.
        quantity: Option<String>,
        /// The year concerned.
        year: Option<i32>,
        /// Why.
        #[serde(flatten)]
        reason: Reason,
    },
    /// The tier that was chosen.
    Tier {
        /// Index of the tier.
        index: usize,
        /// Its guard.
        guard: Guard,
    },
    /// No tier applies to the region.
    NoTier,
    /// A target for named years only, and the assessment year is not one of them.
    NotTargetYear {
        /// The assessment year.
        year: i32,
        /// The years the target names.
        years: Vec<i32>,
    },
}

/// How a value stands to its bound, as the explanation prints it: the requirement's sign when
/// it holds (`74.9 ≥ 70`); else the sign that is true and what was required
/// (`74.9 < 75(应 ≥ 75)`), so that no line reads as a false statement. `against` names the
/// bound (`上级考核目标 `).
fn relation(
    value: Decimal,
    op: Op,
    against: &str,
    bound: Decimal,
    holds: bool,
    zh: bool,
) -> String {
    if holds {
        return format!("{} {against}{}", op.symbol(), num(bound));
    }
    let actual = match value.cmp(&bound) {
        std::cmp::Ordering::Less => "<",
        std::cmp::Ordering::Equal => "=",
        std::cmp::Ordering::Greater => ">",
    };
    let b = num(bound);
    match zh {
        true => format!("{actual} {against}{b}(应 {} {b})", op.symbol()),
        false => format!("{actual} {against}{b} (needs {} {b})", op.symbol()),
    }
}

/// A value shown to two places, or in full where two places would hide its difference from
/// the bound (`0.999` against `1`).
fn shown_against(value: Decimal, bound: Decimal) -> String {
    let short = shown(value);
    if value != bound && short == num(bound) {
        num(value)
    } else {
        short
    }
}

/// The mark after a comparison or step that does not hold.
fn not_met(ok: bool, zh: bool) -> &'static str {
    match (ok, zh) {
        (true, _) => "",
        (false, true) => "(不满足)",
        (false, false) => " (not met)",
    }
}

fn q(quantity: &Option<String>, lang: Lang) -> String {
    match (quantity, lang) {
        (Some(q), Lang::Zh) => format!("「{q}」"),
        (Some(q), Lang::En) => format!("\"{q}\" "),
        (None, _) => String::new(),
    }
}

fn num(d: Decimal) -> String {
    d.normalize().to_string()
}

fn shown(d: Decimal) -> String {
    num(d.round_dp(2))
}

fn unit(u: &Option<String>) -> String {
    match u.as_deref() {
        None | Some("-") | Some("") => String::new(),
        Some("%") => "%".to_string(),
        Some(u) => format!(" {u}"),
    }
}

impl Fact {
    /// The fact in words.
    pub fn describe(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        match self {
            Fact::Compared {
                year,
                quantity,
                value,
                op,
                bound,
                against,
                unit: u,
                holds,
            } => {
                let against = match (against, zh) {
                    (Bound::Threshold, _) => String::new(),
                    (Bound::Superior, true) => "上级考核目标 ".to_string(),
                    (Bound::Superior, false) => "superior target ".to_string(),
                    (Bound::Reference(r), true) => format!("{r} "),
                    (Bound::Reference(r), false) => format!("{r} "),
                };
                let u = if quantity.is_some() {
                    String::new()
                } else {
                    unit(u)
                };
                let rel = relation(*value, *op, &against, *bound, *holds, zh);
                if zh {
                    format!("{year}年{} {}{u} {rel}", q(quantity, lang), num(*value))
                } else {
                    format!("{year}: {}{}{u} {rel}", q(quantity, lang), num(*value))
                }
            }
            Fact::Step {
                quantity,
                from_year,
                from,
                to_year,
                to,
                direction,
                mode,
                ok,
            } => {
                let moved = match to.cmp(from) {
                    std::cmp::Ordering::Greater => {
                        if zh {
                            "上升"
                        } else {
                            "rose"
                        }
                    }
                    std::cmp::Ordering::Less => {
                        if zh {
                            "下降"
                        } else {
                            "fell"
                        }
                    }
                    std::cmp::Ordering::Equal => {
                        if zh {
                            "持平"
                        } else {
                            "held"
                        }
                    }
                };
                let down = *direction == Direction::Down;
                let want = match (mode, down, zh) {
                    (TrendMode::Continuous | TrendMode::Overall, true, true) => "下降",
                    (TrendMode::Continuous | TrendMode::Overall, false, true) => "上升",
                    (TrendMode::NoWorse, true, true) => "不上升",
                    (TrendMode::NoWorse, false, true) => "不下降",
                    (TrendMode::HoldOrImprove, true, true) => "保持稳定或下降",
                    (TrendMode::HoldOrImprove, false, true) => "保持稳定或上升",
                    (TrendMode::Continuous | TrendMode::Overall, true, false) => "falling",
                    (TrendMode::Continuous | TrendMode::Overall, false, false) => "rising",
                    (TrendMode::NoWorse, true, false) => "not rising",
                    (TrendMode::NoWorse, false, false) => "not falling",
                    (TrendMode::HoldOrImprove, true, false) => "steady or falling",
                    (TrendMode::HoldOrImprove, false, false) => "steady or rising",
                };
                let mark = not_met(*ok, zh);
                if zh {
                    format!(
                        "{to_year}年{}{}较{from_year}年({}){moved}(要求{want}){mark}",
                        q(quantity, lang),
                        num(*to),
                        num(*from)
                    )
                } else {
                    format!(
                        "{to_year}: {}{} {moved} from {from_year} ({}) (wanted {want}){mark}",
                        q(quantity, lang),
                        num(*to),
                        num(*from)
                    )
                }
            }
            Fact::Change {
                base_year,
                base,
                year,
                value,
                measure,
                direction,
                change,
                op,
                bound,
                tolerance,
                holds,
            } => {
                let rel = match (tolerance, holds, zh) {
                    (Some(t), true, true) => format!("在 {}±{}", num(*bound), num(*t)),
                    (Some(t), false, true) => format!("不在 {}±{}", num(*bound), num(*t)),
                    (Some(t), true, false) => format!("within {}±{}", num(*bound), num(*t)),
                    (Some(t), false, false) => format!("outside {}±{}", num(*bound), num(*t)),
                    (None, ..) => relation(*change, *op, "", *bound, *holds, zh),
                };
                let u = match measure {
                    Measure::Relative => "%",
                    Measure::Difference => "",
                };
                let dir = match (direction, zh) {
                    (Direction::Down, true) => "降幅",
                    (_, true) => "增幅",
                    (Direction::Down, false) => "decrease",
                    (_, false) => "increase",
                };
                let change = shown_against(*change, *bound);
                if zh {
                    format!(
                        "{year}年 {} 较{base_year}年 {}:{dir} {change}{u} {rel}",
                        num(*value),
                        num(*base),
                    )
                } else {
                    format!(
                        "{year} {} against {base_year} {}: {dir} {change}{u} {rel}",
                        num(*value),
                        num(*base),
                    )
                }
            }
            Fact::Status {
                year,
                word,
                requirement,
                affirmed,
                qualitative: true,
                ..
            } => match (zh, affirmed) {
                (true, true) => format!("定性要求「{requirement}」:{year}年记录为「{word}」(已达到)"),
                (true, false) => format!("定性要求「{requirement}」:{year}年记录为「{word}」(未达到)"),
                (false, true) => format!(
                    "qualitative requirement \"{requirement}\": recorded \"{word}\" for {year} (met)"
                ),
                (false, false) => format!(
                    "qualitative requirement \"{requirement}\": recorded \"{word}\" for {year} (not met)"
                ),
            },
            Fact::Status {
                year,
                quantity,
                word,
                requirement,
                affirmed,
                ..
            } => match (zh, affirmed) {
                (true, true) => format!(
                    "{year}年{}记录「{word}」,确认「{requirement}」",
                    q(quantity, lang)
                ),
                (true, false) => format!(
                    "{year}年{}记录「{word}」,未满足「{requirement}」",
                    q(quantity, lang)
                ),
                (false, true) => format!(
                    "{year}: {}recorded \"{word}\", affirming \"{requirement}\"",
                    q(quantity, lang)
                ),
                (false, false) => format!(
                    "{year}: {}recorded \"{word}\", not \"{requirement}\"",
                    q(quantity, lang)
                ),
            },
            Fact::SubRegions {
                requirement,
                met,
                total,
                share,
                op,
                bound,
                holds,
            } => {
                let rel = relation(*share, *op, "", *bound, *holds, zh)
                    .replace(&num(*bound), &format!("{}%", num(*bound)));
                let share = shown_against(*share, *bound);
                if zh {
                    format!("子区域 {met}/{total} 个「{requirement}」,占 {share}% {rel}")
                } else {
                    format!("sub-regions {met}/{total} \"{requirement}\", {share}% {rel}")
                }
            }
            Fact::Event {
                event,
                from,
                to,
                occurred,
            } => match (zh, occurred) {
                (true, None) => format!("{from}–{to}年无「{event}」发生记录"),
                (true, Some(y)) => format!("{y}年发生「{event}」"),
                (false, None) => format!("no \"{event}\" recorded as occurring in {from}–{to}"),
                (false, Some(y)) => format!("\"{event}\" occurred in {y}"),
            },
            Fact::Missing {
                quantity,
                year,
                reason,
            } => {
                let who = q(quantity, lang);
                let when = match (year, zh) {
                    (Some(y), true) => format!("{y}年"),
                    (Some(y), false) => format!(" for {y}"),
                    (None, _) => String::new(),
                };
                match (reason, zh) {
                    (Reason::NoValue, true) => format!("缺少{who}{when}数据"),
                    (Reason::NoValue, false) => format!("no {who}value{when}"),
                    (Reason::NoTarget, true) => format!("缺少{who}{when}上级考核目标"),
                    (Reason::NoTarget, false) => format!("no {who}superior target{when}"),
                    (Reason::NotANumber { word }, true) => {
                        format!("{who}{when}数据「{word}」不是数值")
                    }
                    (Reason::NotANumber { word }, false) => {
                        format!("{who}value{when} \"{word}\" is not a number")
                    }
                    (Reason::UnknownWord { word }, true) => {
                        format!("{who}{when}状态词「{word}」无法识别(用 是/否、已建立/未建立 等)")
                    }
                    (Reason::UnknownWord { word }, false) => format!(
                        "{who}status word{when} \"{word}\" is not understood (use 是/否, yes/no …)"
                    ),
                    (Reason::NoRecords, true) => format!("没有{who}的任何记录"),
                    (Reason::NoRecords, false) => format!("no records of {who}at all"),
                    (Reason::DivisionByZero, true) => format!("{when}基数为0,无法计算变化率"),
                    (Reason::DivisionByZero, false) => {
                        format!("the base value{when} is 0, so no relative change")
                    }
                    (Reason::Overflow, true) => "数值超出可精确计算的范围".to_string(),
                    (Reason::Overflow, false) => "the arithmetic overflowed".to_string(),
                    (Reason::NoPolarity, true) => "指标未声明方向(正向/逆向),无法判断".to_string(),
                    (Reason::NoPolarity, false) => {
                        "the indicator declares no polarity (higher/lower)".to_string()
                    }
                    (Reason::NoClass { dimension: Some(d) }, true) => format!("未给出地区分类 {d}"),
                    (Reason::NoClass { dimension: Some(d) }, false) => {
                        format!("the region gives no class of {d}")
                    }
                    (Reason::NoClass { dimension: None }, true) => "未给出地区分类".to_string(),
                    (Reason::NoClass { dimension: None }, false) => {
                        "the region gives no class".to_string()
                    }
                    (Reason::UndeclaredClass { class }, true) => {
                        format!("地区分类「{class}」未在规则中声明")
                    }
                    (Reason::UndeclaredClass { class }, false) => {
                        format!("the region's class \"{class}\" is not declared in the rules")
                    }
                }
            }
            Fact::Tier { guard, .. } => match (guard, zh) {
                (Guard::Region(r), true) => format!("按「{r}」档"),
                (Guard::Region(r), false) => format!("tier for {r}"),
                (Guard::Level { op, value }, true) => format!("上年数值{op}{}档", num(*value)),
                (Guard::Level { op, value }, false) => {
                    format!("tier for a previous-year value {op} {}", num(*value))
                }
                (Guard::Years(ys), true) => format!(
                    "{}年档",
                    ys.iter().map(i32::to_string).collect::<Vec<_>>().join("、")
                ),
                (Guard::Years(ys), false) => format!("tier for {ys:?}"),
                (Guard::Otherwise, true) => "其他年份档".to_string(),
                (Guard::Otherwise, false) => "default tier".to_string(),
            },
            Fact::NotTargetYear { year, years } => {
                let list: Vec<String> = years.iter().map(|y| format!("{y}年")).collect();
                if zh {
                    format!("{year}年不是目标年份(目标只适用于 {})", list.join("、"))
                } else {
                    format!("{year} is not a target year (the target is for {} only)", list.join(", "))
                }
            }
            Fact::NoTier => {
                if zh {
                    "地区不属于任何分档".to_string()
                } else {
                    "the region is in no tier".to_string()
                }
            }
        }
    }
}

/// Facts joined with `;`, then `→ verdict`.
pub(crate) fn explanation(facts: &[Fact], verdict: Verdict, lang: Lang) -> String {
    let sep = if lang == Lang::Zh { ";" } else { "; " };
    let mut body: Vec<String> = Vec::with_capacity(facts.len());
    for text in facts.iter().map(|f| f.describe(lang)) {
        // the same fact read twice (a missing year of two clauses) is said once
        if !body.contains(&text) {
            body.push(text);
        }
    }
    if body.is_empty() {
        verdict.label(lang).to_string()
    } else {
        format!("{} → {}", body.join(sep), verdict.label(lang))
    }
}

#[cfg(test)]
mod wording {
    use super::*;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn a_comparison_that_fails_states_what_is_true() {
        let r = |v, op, b, holds, zh| relation(d(v), op, "", d(b), holds, zh);
        assert_eq!(r("74.9", Op::Ge, "75", false, true), "< 75(应 ≥ 75)");
        assert_eq!(r("74.9", Op::Ge, "75", false, false), "< 75 (needs ≥ 75)");
        assert_eq!(r("20", Op::Gt, "20", false, true), "= 20(应 > 20)");
        assert_eq!(r("31", Op::Le, "29", false, true), "> 29(应 ≤ 29)");
        assert_eq!(r("76", Op::Ge, "75", true, true), "≥ 75");
        let superior = relation(d("31"), Op::Le, "上级考核目标 ", d("29"), false, true);
        assert_eq!(superior, "> 上级考核目标 29(应 ≤ 29)");
    }

    #[test]
    fn a_fact_read_twice_is_said_once() {
        let missing = Fact::Missing {
            quantity: None,
            year: Some(2023),
            reason: Reason::NoValue,
        };
        let text = explanation(&[missing.clone(), missing], Verdict::Insufficient, Lang::Zh);
        assert_eq!(text.matches("2023").count(), 1, "{text}");
    }

    #[test]
    fn two_places_never_hide_a_difference() {
        assert_eq!(shown_against(d("0.999"), d("1")), "0.999");
        assert_eq!(shown_against(d("0.5"), d("1")), "0.5");
        assert_eq!(shown_against(d("14.0001"), d("15")), "14");
    }
}
