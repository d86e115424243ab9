//! Evidence facts in words, Chinese and English side by side: one step per kind of fact.

use std::cmp::Ordering;

use rust_decimal::Decimal;

use super::explain::{Bound, Fact, Reason};
use crate::predicate::{Direction, Guard, Measure, Op, TrendMode};
use crate::Lang;

impl Fact {
    /// The fact in words.
    pub fn describe(&self, lang: Lang) -> String {
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
                // a named quantity's unit is not the indicator's
                let u = match quantity {
                    Some(_) => String::new(),
                    None => unit(u),
                };
                let against = against_words(against, lang);
                let rel = relation(*value, *op, &against, *bound, *holds, lang);
                let (q, v) = (who(quantity, lang), num(*value));
                match lang {
                    Lang::Zh => format!("{year}年{q} {v}{u} {rel}"),
                    Lang::En => format!("{year}: {q}{v}{u} {rel}"),
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
                let want = wanted_move(*mode, *direction == Direction::Down, lang);
                let step = ((*from_year, *from), (*to_year, *to));
                step_words(quantity, step, want, *ok, lang)
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
                let values = ((*base_year, *base), (*year, *value));
                let against = (*op, *bound, *tolerance, *holds);
                change_words(values, (*measure, *direction), *change, against, lang)
            }
            Fact::Status {
                year,
                quantity,
                word,
                requirement,
                affirmed,
                qualitative,
            } => {
                let record = (*year, who(quantity, lang), word.as_str());
                status_words(record, requirement, *affirmed, *qualitative, lang)
            }
            Fact::SubRegions {
                requirement,
                met,
                total,
                share,
                op,
                bound,
                holds,
            } => {
                let rel = relation(*share, *op, "", *bound, *holds, lang)
                    .replace(&num(*bound), &format!("{}%", num(*bound)));
                let share = shown_against(*share, *bound);
                match lang {
                    Lang::Zh => {
                        format!("子区域 {met}/{total} 个「{requirement}」,占 {share}% {rel}")
                    }
                    Lang::En => {
                        format!("sub-regions {met}/{total} \"{requirement}\", {share}% {rel}")
                    }
                }
            }
            Fact::Event {
                event,
                from,
                to,
                occurred,
            } => match (lang, occurred) {
                (Lang::Zh, None) => format!("{from}–{to}年无「{event}」发生记录"),
                (Lang::Zh, Some(y)) => format!("{y}年发生「{event}」"),
                (Lang::En, None) => format!("no \"{event}\" recorded as occurring in {from}–{to}"),
                (Lang::En, Some(y)) => format!("\"{event}\" occurred in {y}"),
            },
            Fact::Missing {
                quantity,
                year,
                reason,
            } => missing_words(reason, &who(quantity, lang), *year, lang),
            Fact::Tier { guard, .. } => tier_words(guard, lang),
            Fact::NotTargetYear { year, years } => {
                let list: Vec<String> = years.iter().map(|y| format!("{y}年")).collect();
                match lang {
                    Lang::Zh => format!("{year}年不是目标年份(目标只适用于 {})", list.join("、")),
                    Lang::En => format!(
                        "{year} is not a target year (the target is for {} only)",
                        list.join(", ")
                    ),
                }
            }
            Fact::NoTier => match lang {
                Lang::Zh => "地区不属于任何分档".to_string(),
                Lang::En => "the region is in no tier".to_string(),
            },
        }
    }
}

/// A step of a trend: how the value moved from one year to the next, and what was wanted.
fn step_words(
    quantity: &Option<String>,
    ((from_year, from), (to_year, to)): ((i32, Decimal), (i32, Decimal)),
    want: &str,
    ok: bool,
    lang: Lang,
) -> String {
    let moved = match (to.cmp(&from), lang) {
        (Ordering::Greater, Lang::Zh) => "上升",
        (Ordering::Less, Lang::Zh) => "下降",
        (Ordering::Equal, Lang::Zh) => "持平",
        (Ordering::Greater, Lang::En) => "rose",
        (Ordering::Less, Lang::En) => "fell",
        (Ordering::Equal, Lang::En) => "held",
    };
    let mark = not_met(ok, lang);
    let (q, to, from) = (who(quantity, lang), num(to), num(from));
    match lang {
        Lang::Zh => format!("{to_year}年{q}{to}较{from_year}年({from}){moved}(要求{want}){mark}"),
        Lang::En => {
            format!("{to_year}: {q}{to} {moved} from {from_year} ({from}) (wanted {want}){mark}")
        }
    }
}

/// A change against a base year: the two values (base first), the change counted in
/// `direction`, and how it stands to the bound `(op, bound, tolerance, holds)`.
fn change_words(
    ((base_year, base), (year, value)): ((i32, Decimal), (i32, Decimal)),
    (measure, direction): (Measure, Direction),
    change: Decimal,
    (op, bound, tolerance, holds): (Op, Decimal, Option<Decimal>, bool),
    lang: Lang,
) -> String {
    let (b, t) = (num(bound), tolerance.map(num));
    let rel = match (t, holds, lang) {
        (Some(t), true, Lang::Zh) => format!("在 {b}±{t}"),
        (Some(t), false, Lang::Zh) => format!("不在 {b}±{t}"),
        (Some(t), true, Lang::En) => format!("within {b}±{t}"),
        (Some(t), false, Lang::En) => format!("outside {b}±{t}"),
        (None, ..) => relation(change, op, "", bound, holds, lang),
    };
    let u = match measure {
        Measure::Relative => "%",
        Measure::Difference => "",
    };
    let dir = match (direction, lang) {
        (Direction::Down, Lang::Zh) => "降幅",
        (_, Lang::Zh) => "增幅",
        (Direction::Down, Lang::En) => "decrease",
        (_, Lang::En) => "increase",
    };
    let change = shown_against(change, bound);
    let (value, base) = (num(value), num(base));
    match lang {
        Lang::Zh => format!("{year}年 {value} 较{base_year}年 {base}:{dir} {change}{u} {rel}"),
        Lang::En => format!("{year} {value} against {base_year} {base}: {dir} {change}{u} {rel}"),
    }
}

/// A recorded word `(year, who, word)` and whether it affirms the requirement.
fn status_words(
    (year, q, word): (i32, String, &str),
    requirement: &str,
    affirmed: bool,
    qualitative: bool,
    lang: Lang,
) -> String {
    match (qualitative, lang, affirmed) {
        (true, Lang::Zh, true) => {
            format!("定性要求「{requirement}」:{year}年记录为「{word}」(已达到)")
        }
        (true, Lang::Zh, false) => {
            format!("定性要求「{requirement}」:{year}年记录为「{word}」(未达到)")
        }
        (true, Lang::En, true) => format!(
            "qualitative requirement \"{requirement}\": recorded \"{word}\" for {year} (met)"
        ),
        (true, Lang::En, false) => format!(
            "qualitative requirement \"{requirement}\": recorded \"{word}\" for {year} (not met)"
        ),
        (false, Lang::Zh, true) => format!("{year}年{q}记录「{word}」,确认「{requirement}」"),
        (false, Lang::Zh, false) => format!("{year}年{q}记录「{word}」,未满足「{requirement}」"),
        (false, Lang::En, true) => {
            format!("{year}: {q}recorded \"{word}\", affirming \"{requirement}\"")
        }
        (false, Lang::En, false) => {
            format!("{year}: {q}recorded \"{word}\", not \"{requirement}\"")
        }
    }
}

/// What a trend step was asked to do (`保持稳定或下降`, `not rising`).
fn wanted_move(mode: TrendMode, down: bool, lang: Lang) -> &'static str {
    use TrendMode as M;
    match (lang, mode, down) {
        (Lang::Zh, M::Continuous | M::Overall, true) => "下降",
        (Lang::Zh, M::Continuous | M::Overall, false) => "上升",
        (Lang::Zh, M::NoWorse, true) => "不上升",
        (Lang::Zh, M::NoWorse, false) => "不下降",
        (Lang::Zh, M::HoldOrImprove, true) => "保持稳定或下降",
        (Lang::Zh, M::HoldOrImprove, false) => "保持稳定或上升",
        (Lang::En, M::Continuous | M::Overall, true) => "falling",
        (Lang::En, M::Continuous | M::Overall, false) => "rising",
        (Lang::En, M::NoWorse, true) => "not rising",
        (Lang::En, M::NoWorse, false) => "not falling",
        (Lang::En, M::HoldOrImprove, true) => "steady or falling",
        (Lang::En, M::HoldOrImprove, false) => "steady or rising",
    }
}

/// What a bound is, before its value (`上级考核目标 `); nothing for a threshold.
fn against_words(against: &Bound, lang: Lang) -> String {
    match (against, lang) {
        (Bound::Threshold, _) => String::new(),
        (Bound::Superior, Lang::Zh) => "上级考核目标 ".to_string(),
        (Bound::Superior, Lang::En) => "superior target ".to_string(),
        (Bound::Reference(r), _) => format!("{r} "),
    }
}

/// Why something needed was missing: `who` is the quantity's words (empty for the indicator).
fn missing_words(reason: &Reason, who: &str, year: Option<i32>, lang: Lang) -> String {
    let when = match (year, lang) {
        (Some(y), Lang::Zh) => format!("{y}年"),
        (Some(y), Lang::En) => format!(" for {y}"),
        (None, _) => String::new(),
    };
    match (reason, lang) {
        (Reason::NoValue, Lang::Zh) => format!("缺少{who}{when}数据"),
        (Reason::NoValue, Lang::En) => format!("no {who}value{when}"),
        (Reason::NoTarget, Lang::Zh) => format!("缺少{who}{when}上级考核目标"),
        (Reason::NoTarget, Lang::En) => format!("no {who}superior target{when}"),
        (Reason::NotANumber { word }, Lang::Zh) => format!("{who}{when}数据「{word}」不是数值"),
        (Reason::NotANumber { word }, Lang::En) => {
            format!("{who}value{when} \"{word}\" is not a number")
        }
        (Reason::UnknownWord { word }, Lang::Zh) => {
            format!("{who}{when}状态词「{word}」无法识别(用 是/否、已建立/未建立 等)")
        }
        (Reason::UnknownWord { word }, Lang::En) => {
            format!("{who}status word{when} \"{word}\" is not understood (use 是/否, yes/no …)")
        }
        (Reason::NoRecords, Lang::Zh) => format!("没有{who}的任何记录"),
        (Reason::NoRecords, Lang::En) => format!("no records of {who}at all"),
        (Reason::DivisionByZero, Lang::Zh) => format!("{when}基数为0,无法计算变化率"),
        (Reason::DivisionByZero, Lang::En) => {
            format!("the base value{when} is 0, so no relative change")
        }
        (Reason::Overflow, Lang::Zh) => "数值超出可精确计算的范围".to_string(),
        (Reason::Overflow, Lang::En) => "the arithmetic overflowed".to_string(),
        (Reason::NoPolarity, Lang::Zh) => "指标未声明方向(正向/逆向),无法判断".to_string(),
        (Reason::NoPolarity, Lang::En) => {
            "the indicator declares no polarity (higher/lower)".to_string()
        }
        (Reason::NoClass { dimension: Some(d) }, Lang::Zh) => format!("未给出地区分类 {d}"),
        (Reason::NoClass { dimension: Some(d) }, Lang::En) => {
            format!("the region gives no class of {d}")
        }
        (Reason::NoClass { dimension: None }, Lang::Zh) => "未给出地区分类".to_string(),
        (Reason::NoClass { dimension: None }, Lang::En) => "the region gives no class".to_string(),
        (Reason::UndeclaredClass { class }, Lang::Zh) => {
            format!("地区分类「{class}」未在规则中声明")
        }
        (Reason::UndeclaredClass { class }, Lang::En) => {
            format!("the region's class \"{class}\" is not declared in the rules")
        }
    }
}

/// The tier that was chosen.
fn tier_words(guard: &Guard, lang: Lang) -> String {
    match (guard, lang) {
        (Guard::Region(r), Lang::Zh) => format!("按「{r}」档"),
        (Guard::Region(r), Lang::En) => format!("tier for {r}"),
        (Guard::Level { op, value }, Lang::Zh) => format!("上年数值{op}{}档", num(*value)),
        (Guard::Level { op, value }, Lang::En) => {
            format!("tier for a previous-year value {op} {}", num(*value))
        }
        (Guard::Years(ys), Lang::Zh) => {
            let ys: Vec<String> = ys.iter().map(i32::to_string).collect();
            format!("{}年档", ys.join("、"))
        }
        (Guard::Years(ys), Lang::En) => format!("tier for {ys:?}"),
        (Guard::Otherwise, Lang::Zh) => "其他年份档".to_string(),
        (Guard::Otherwise, Lang::En) => "default tier".to_string(),
    }
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
    lang: Lang,
) -> String {
    if holds {
        return format!("{} {against}{}", op.symbol(), num(bound));
    }
    let actual = match value.cmp(&bound) {
        Ordering::Less => "<",
        Ordering::Equal => "=",
        Ordering::Greater => ">",
    };
    let (b, op) = (num(bound), op.symbol());
    match lang {
        Lang::Zh => format!("{actual} {against}{b}(应 {op} {b})"),
        Lang::En => format!("{actual} {against}{b} (needs {op} {b})"),
    }
}

/// A value shown to two places, or in full where two places would hide its difference from
/// the bound (`0.999` against `1`).
fn shown_against(value: Decimal, bound: Decimal) -> String {
    let short = num(value.round_dp(2));
    if value != bound && short == num(bound) {
        num(value)
    } else {
        short
    }
}

/// The mark after a comparison or step that does not hold.
fn not_met(ok: bool, lang: Lang) -> &'static str {
    match (ok, lang) {
        (true, _) => "",
        (false, Lang::Zh) => "(不满足)",
        (false, Lang::En) => " (not met)",
    }
}

/// A named quantity before its value (`「PM2.5浓度」`, `"PM2.5" `); nothing for the indicator.
fn who(quantity: &Option<String>, lang: Lang) -> String {
    match (quantity, lang) {
        (Some(q), Lang::Zh) => format!("「{q}」"),
        (Some(q), Lang::En) => format!("\"{q}\" "),
        (None, _) => String::new(),
    }
}

fn num(d: Decimal) -> String {
    d.normalize().to_string()
}

/// The indicator's unit after a value: `%` close up, a word unit after a space.
fn unit(u: &Option<String>) -> String {
    match u.as_deref() {
        None | Some("-") | Some("") => String::new(),
        Some("%") => "%".to_string(),
        Some(u) => format!(" {u}"),
    }
}

#[cfg(test)]
mod wording {
    use super::*;
    use crate::eval::explain::explanation;
    use crate::types::Verdict;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn a_comparison_that_fails_states_what_is_true() {
        let zh = Lang::Zh;
        let r = |v, op, b, holds, lang| relation(d(v), op, "", d(b), holds, lang);
        assert_eq!(r("74.9", Op::Ge, "75", false, zh), "< 75(应 ≥ 75)");
        assert_eq!(
            r("74.9", Op::Ge, "75", false, Lang::En),
            "< 75 (needs ≥ 75)"
        );
        assert_eq!(r("20", Op::Gt, "20", false, zh), "= 20(应 > 20)");
        assert_eq!(r("31", Op::Le, "29", false, zh), "> 29(应 ≤ 29)");
        assert_eq!(r("76", Op::Ge, "75", true, zh), "≥ 75");
        let superior = relation(d("31"), Op::Le, "上级考核目标 ", d("29"), false, zh);
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
