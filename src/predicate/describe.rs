//! Canonical text (`Display`) and plain-language readings of predicates.

use std::fmt;

use super::{Direction, Guard, Measure, Op, Predicate, Tier, TrendMode};
use crate::syntax::joined;
use crate::syntax::phrase::{self, Meaning};
use crate::Lang;

fn unit(u: &Option<String>) -> &str {
    u.as_deref().unwrap_or("")
}

/// The canonical trend phrase of a mode and direction (the phrase table's first).
pub(crate) fn trend_phrase(mode: TrendMode, direction: Direction) -> &'static str {
    phrase::canonical(Meaning::Trend(mode, direction)).unwrap_or("保持稳定或持续改善")
}

/// The canonical change word of a measure and direction: a rate word for a relative change, a
/// `幅度` word for a difference (the phrase table's first of each meaning).
fn change_word(measure: Measure, direction: Direction) -> &'static str {
    let direction = if direction == Direction::Down {
        Direction::Down
    } else {
        Direction::Up
    };
    let rate = measure == Measure::Relative;
    phrase::canonical(Meaning::Change { direction, rate }).unwrap_or("提高幅度")
}

impl fmt::Display for Predicate {
    /// Canonical target text; parsing it gives back an equal predicate for the forms the
    /// language produces (an `any` of `all`s has no text form and is printed flat).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Predicate::Compare { op, value, unit: u } => write!(f, "{op}{value}{}", unit(u)),
            Predicate::Reach { value, unit: u } => write!(f, "达到{value}{}", unit(u)),
            Predicate::Range { min, max, unit: u } => write!(f, "{min}~{max}{}之间", unit(u)),
            Predicate::Approx { value, unit: u } => write!(f, "{value}{}左右", unit(u)),
            Predicate::SuperiorTarget { quantity: None } => f.write_str("完成上级规定的考核任务"),
            Predicate::SuperiorTarget { quantity: Some(q) } => write!(f, "{q}不超过控制目标值"),
            Predicate::Reference { op, reference } => write!(f, "{op}{reference}"),
            Predicate::Trend {
                mode,
                direction,
                quantity,
                window,
            } => {
                if let Some(w) = window {
                    write!(f, "近{w}年")?;
                }
                let phrase = trend_phrase(*mode, *direction);
                if let Some(q) = quantity {
                    f.write_str(&crate::syntax::trend_quantity(q, phrase))?;
                }
                f.write_str(phrase)
            }
            Predicate::Change {
                measure,
                direction,
                op,
                value,
                unit: u,
                base,
                about,
            } => {
                if let Some(b) = base {
                    write!(f, "比{b}年")?;
                }
                let word = change_word(*measure, *direction);
                // a difference of a `%` value is in percentage points, whatever the indicator
                let u = match (measure, u.as_deref()) {
                    (Measure::Difference, Some("%")) => "个百分点",
                    _ => unit(u),
                };
                match about {
                    true => write!(f, "{word}{value}{u}左右"),
                    false => write!(f, "{word}{op}{value}{u}"),
                }
            }
            Predicate::Status {
                requirement,
                quantity,
                ..
            } => match quantity {
                // bare when the words read back as this quantity and requirement, else the
                // name in 「」 (`「近平均数30%受污染耕地利用率」得到有效保障`)
                Some(q) => {
                    if crate::syntax::status_reads_back(q, requirement) {
                        write!(f, "{q}{requirement}")
                    } else {
                        write!(f, "「{q}」{requirement}")
                    }
                }
                // a requirement of the closed word lists prints as itself; free text as `状态 "…"`
                None if crate::syntax::parse_target(requirement).is_ok_and(|t| {
                    matches!(&t.expr, crate::syntax::Expr::Conj(c)
                        if c.items.len() == 1 && c.items[0].items.len() == 1
                        && matches!(c.items[0].items[0].kind, crate::syntax::ClauseKind::Status { quantity: None, .. }))
                }) => f.write_str(requirement),
                None => write!(f, "状态 \"{requirement}\""),
            },
            Predicate::Qualitative { text } => write!(f, "定性 \"{text}\""),
            Predicate::NoEvent {
                years: Some(n),
                event,
            } => write!(f, "近{n}年内无{event}"),
            Predicate::NoEvent { years: None, event } => write!(f, "无{event}"),
            Predicate::EachYear { years, item } => write!(f, "近{years}年{item}"),
            Predicate::Named { quantity, item } => write!(f, "「{quantity}」{item}"),
            Predicate::Share {
                op: Op::Ge,
                value,
                of,
                requirement,
            } => write!(f, "{value}%的{of}{requirement}"),
            Predicate::Share {
                op,
                value,
                of,
                requirement,
            } => write!(f, "{of}{op}{value}%{requirement}"),
            Predicate::All { items } => joined(f, items, ",且"),
            Predicate::Any { items } => joined(f, items, "或"),
            Predicate::Tiered { tiers } => fmt_tiers(f, tiers),
        }
    }
}

/// Tiers as a target prints them: the default first with the others in brackets
/// (`≥75(2025年≥80)`), else the tiers joined with `;` (`山区:≥60;丘陵区:≥40`).
fn fmt_tiers(f: &mut fmt::Formatter<'_>, tiers: &[Tier]) -> fmt::Result {
    let default = tiers.iter().find(|t| t.when == Guard::Otherwise);
    if let Some(d) = default {
        write!(f, "{}(", d.then)?;
    }
    let mut first = true;
    for t in tiers {
        let sep = if first { "" } else { ";" };
        match &t.when {
            Guard::Region(r) => {
                write!(f, "{sep}{}:{}", r.to_string().replace(" | ", "、"), t.then)?
            }
            Guard::Level { op, value } => write!(f, "{sep}本指标{op}{value}的地区{}", t.then)?,
            Guard::Years(ys) => {
                let ys: Vec<String> = ys.iter().map(|y| format!("{y}年")).collect();
                write!(f, "{sep}{}{}", ys.join("、"), t.then)?
            }
            Guard::Otherwise => continue,
        }
        first = false;
    }
    if default.is_some() {
        f.write_str(")")?;
    }
    Ok(())
}

fn op_words(op: Op, lang: Lang) -> &'static str {
    match (lang, op) {
        (Lang::Zh, Op::Ge) => "不低于",
        (Lang::Zh, Op::Gt) => "高于",
        (Lang::Zh, Op::Le) => "不高于",
        (Lang::Zh, Op::Lt) => "低于",
        (Lang::Zh, Op::Eq) => "等于",
        (Lang::En, Op::Ge) => "at least",
        (Lang::En, Op::Gt) => "above",
        (Lang::En, Op::Le) => "at most",
        (Lang::En, Op::Lt) => "below",
        (Lang::En, Op::Eq) => "equal to",
    }
}

fn dir_words(d: Direction, lang: Lang) -> &'static str {
    match (lang, d) {
        (Lang::Zh, Direction::Up) => "上升",
        (Lang::Zh, Direction::Down) => "下降",
        (Lang::Zh, Direction::Better) => "向好(按指标方向)",
        (Lang::En, Direction::Up) => "upward",
        (Lang::En, Direction::Down) => "downward",
        (Lang::En, Direction::Better) => "in the indicator's good direction",
    }
}

impl Predicate {
    /// A plain reading of what the predicate requires, in Chinese or English, one line per
    /// clause, indented for nesting.
    ///
    /// ```
    /// use zhibiao::{predicate::Predicate, Lang};
    /// let p: Predicate = "≥20".parse().unwrap();
    /// assert_eq!(p.reading(Lang::Zh), "评估年数值不低于 20");
    /// ```
    pub fn reading(&self, lang: Lang) -> String {
        let mut out = String::new();
        self.read_into(&mut out, 0, lang);
        out.trim_end().to_string()
    }

    fn read_into(&self, out: &mut String, depth: usize, lang: Lang) {
        let pad = "  ".repeat(depth);
        match self {
            Predicate::All { items } | Predicate::Any { items } => {
                let all = matches!(self, Predicate::All { .. });
                out.push_str(&format!("{pad}{}\n", list_heading(all, lang)));
                for p in items {
                    p.read_into(out, depth + 1, lang);
                }
            }
            Predicate::Tiered { tiers } => {
                out.push_str(&format!("{pad}{}\n", tiers_heading(lang)));
                for t in tiers {
                    out.push_str(&format!("{pad}  {}:\n", guard_reading(&t.when, lang)));
                    t.then.read_into(out, depth + 2, lang);
                }
                out.push_str(&format!("{pad}  {}\n", no_tier_reading(lang)));
            }
            leaf => {
                out.push_str(&pad);
                out.push_str(&leaf.leaf_reading(lang));
                out.push('\n');
            }
        }
    }

    /// The one-line reading of a predicate that holds no other predicate on lines of its own.
    fn leaf_reading(&self, lang: Lang) -> String {
        match self {
            Predicate::Trend {
                mode,
                direction,
                quantity,
                window,
            } => trend_reading(*mode, *direction, quantity, *window, lang),
            Predicate::Change {
                measure,
                direction,
                op,
                value,
                unit: u,
                base,
                about,
            } => {
                let change = ChangeReading {
                    measure: *measure,
                    direction: *direction,
                    op: (!*about).then_some(*op),
                    base: *base,
                };
                change.say(*value, u, lang)
            }
            Predicate::Compare { .. }
            | Predicate::Reach { .. }
            | Predicate::Approx { .. }
            | Predicate::Range { .. }
            | Predicate::SuperiorTarget { .. }
            | Predicate::Reference { .. } => self.value_reading(lang),
            _ => self.record_reading(lang),
        }
    }

    /// The reading of a requirement on the assessment year's value.
    fn value_reading(&self, lang: Lang) -> String {
        match (self, lang) {
            (Predicate::Compare { op, value, unit: u }, Lang::Zh) => {
                format!("评估年数值{} {value}{}", op_words(*op, lang), unit(u))
            }
            (Predicate::Compare { op, value, unit: u }, Lang::En) => format!(
                "the assessment-year value is {} {value}{}",
                op_words(*op, lang),
                unit(u)
            ),
            (Predicate::Reach { value, unit: u }, Lang::Zh) => {
                format!("评估年数值达到 {value}{}(正向指标 ≥,逆向指标 ≤)", unit(u))
            }
            (Predicate::Reach { value, unit: u }, Lang::En) => format!(
                "the assessment-year value reaches {value}{} (≥ if higher is better, ≤ if lower)",
                unit(u)
            ),
            (Predicate::Approx { value, unit: u }, Lang::Zh) => {
                format!("评估年数值在 {value}{} 左右(相差不超过近似容差)", unit(u))
            }
            (Predicate::Approx { value, unit: u }, Lang::En) => format!(
                "the assessment-year value is about {value}{} (within the approximate tolerance)",
                unit(u)
            ),
            (Predicate::Range { min, max, unit: u }, Lang::Zh) => {
                format!("评估年数值在 {min}{0} 与 {max}{0} 之间(含)", unit(u))
            }
            (Predicate::Range { min, max, unit: u }, Lang::En) => format!(
                "the assessment-year value is between {min}{0} and {max}{0} inclusive",
                unit(u)
            ),
            (Predicate::SuperiorTarget { quantity }, Lang::Zh) => {
                format!(
                    "{}评估年数值达到上级下达的目标(按指标方向)",
                    who(quantity, lang)
                )
            }
            (Predicate::SuperiorTarget { quantity }, Lang::En) => format!(
                "{} meets the target set by the superior government in the assessment year",
                who(quantity, lang)
            ),
            (Predicate::Reference { op, reference }, Lang::Zh) => {
                format!("评估年数值{}「{reference}」", op_words(*op, lang))
            }
            (Predicate::Reference { op, reference }, Lang::En) => format!(
                "the assessment-year value is {} the reference series \"{reference}\"",
                op_words(*op, lang)
            ),
            _ => self.record_reading(lang),
        }
    }

    /// The reading of a requirement on records, events, shares or a part of the target.
    fn record_reading(&self, lang: Lang) -> String {
        match (self, lang) {
            (
                Predicate::Status {
                    requirement,
                    quantity,
                    ..
                },
                Lang::Zh,
            ) => {
                format!("{}评估年数据确认「{requirement}」", who(quantity, lang))
            }
            (
                Predicate::Status {
                    requirement,
                    quantity,
                    ..
                },
                Lang::En,
            ) => format!(
                "the data for the assessment year affirm \"{requirement}\" for {}",
                who(quantity, lang)
            ),
            (Predicate::Qualitative { text }, Lang::Zh) => {
                format!("定性要求「{text}」:评估年数据记为 达标/是")
            }
            (Predicate::Qualitative { text }, Lang::En) => {
                format!(
                    "qualitative requirement \"{text}\": the assessment-year record says 达标/是"
                )
            }
            (
                Predicate::NoEvent {
                    years: Some(years),
                    event,
                },
                Lang::Zh,
            ) => {
                format!("近{years}年内未发生「{event}」")
            }
            (
                Predicate::NoEvent {
                    years: Some(years),
                    event,
                },
                Lang::En,
            ) => {
                format!("no \"{event}\" in the last {years} years")
            }
            (Predicate::NoEvent { years: None, event }, Lang::Zh) => {
                format!("评估窗口内未发生「{event}」")
            }
            (Predicate::NoEvent { years: None, event }, Lang::En) => {
                format!("no \"{event}\" within the evaluation window")
            }
            (Predicate::EachYear { years, item }, Lang::Zh) => {
                format!("近{years}年每年:{}", item.reading(lang))
            }
            (Predicate::EachYear { years, item }, Lang::En) => {
                format!("in each of the last {years} years: {}", item.reading(lang))
            }
            (Predicate::Named { quantity, item }, Lang::Zh) => {
                format!("「{quantity}」:{}", item.reading(lang))
            }
            (Predicate::Named { quantity, item }, Lang::En) => {
                format!("\"{quantity}\": {}", item.reading(lang))
            }
            (
                Predicate::Share {
                    op,
                    value,
                    of,
                    requirement,
                },
                Lang::Zh,
            ) => format!(
                "{of}中「{requirement}」的比例{} {value}%",
                op_words(*op, lang)
            ),
            (
                Predicate::Share {
                    op,
                    value,
                    of,
                    requirement,
                },
                Lang::En,
            ) => format!(
                "the share of {of} that \"{requirement}\" is {} {value}%",
                op_words(*op, lang)
            ),
            // the rest hold other predicates and are read by `read_into`
            _ => self.reading(lang),
        }
    }
}

/// Who a reading is about: a named quantity, or the indicator itself.
fn who(quantity: &Option<String>, lang: Lang) -> String {
    match (quantity, lang) {
        (Some(q), Lang::Zh) => format!("「{q}」"),
        (Some(q), Lang::En) => format!("\"{q}\""),
        (None, Lang::Zh) => "本指标".to_string(),
        (None, Lang::En) => "the indicator".to_string(),
    }
}

/// The heading of `all` or `any` of several predicates.
fn list_heading(all: bool, lang: Lang) -> &'static str {
    match (lang, all) {
        (Lang::Zh, true) => "同时满足:",
        (Lang::Zh, false) => "满足其一:",
        (Lang::En, true) => "all of:",
        (Lang::En, false) => "any of:",
    }
}

fn tiers_heading(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "分档(取第一个符合的档):",
        Lang::En => "tiers (the first that applies decides):",
    }
}

fn no_tier_reading(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "均不符合 → 不适用",
        Lang::En => "none applies → not applicable",
    }
}

/// When a tier applies.
fn guard_reading(when: &Guard, lang: Lang) -> String {
    match (when, lang) {
        (Guard::Region(r), Lang::Zh) => format!("地区属于 {r}"),
        (Guard::Region(r), Lang::En) => format!("regions in {r}"),
        (Guard::Level { op, value }, Lang::Zh) => format!("上年数值{op}{value}"),
        (Guard::Level { op, value }, Lang::En) => format!("previous-year value {op} {value}"),
        (Guard::Years(ys), Lang::Zh) => format!("评估年为 {ys:?}"),
        (Guard::Years(ys), Lang::En) => format!("assessment year in {ys:?}"),
        (Guard::Otherwise, Lang::Zh) => "其他情况".to_string(),
        (Guard::Otherwise, Lang::En) => "otherwise".to_string(),
    }
}

/// The reading of a trend over a window (`近3年` or the evaluation window).
fn trend_reading(
    mode: TrendMode,
    direction: Direction,
    quantity: &Option<String>,
    window: Option<u32>,
    lang: Lang,
) -> String {
    let q = who(quantity, lang);
    let d = dir_words(direction, lang);
    let w = match (window, lang) {
        (Some(w), Lang::Zh) => format!("近{w}年"),
        (Some(w), Lang::En) => format!("over the last {w} years"),
        (None, Lang::Zh) => "评估窗口内".to_string(),
        (None, Lang::En) => "over the window".to_string(),
    };
    match (lang, mode) {
        (Lang::Zh, TrendMode::HoldOrImprove) => format!("{q}{w}每年较上年保持稳定(容差内)或{d}"),
        (Lang::Zh, TrendMode::Continuous) => format!("{q}{w}每年较上年{d}"),
        (Lang::Zh, TrendMode::Overall) => format!("{q}{w}末年较首年{d}"),
        (Lang::Zh, TrendMode::NoWorse) => format!("{q}{w}没有一年与{d}方向相反"),
        (Lang::En, TrendMode::HoldOrImprove) => {
            format!("{q} {w} holds steady (within tolerance) or moves {d} every year")
        }
        (Lang::En, TrendMode::Continuous) => format!("{q} moves strictly {d} every year {w}"),
        (Lang::En, TrendMode::Overall) => {
            format!("{q} ends {w} strictly {d} from where it started")
        }
        (Lang::En, TrendMode::NoWorse) => format!("{q} never moves against {d} {w}"),
    }
}

/// A change against a base year, with its comparison (`None`: about the value).
struct ChangeReading {
    measure: Measure,
    direction: Direction,
    op: Option<Op>,
    base: Option<i32>,
}

impl ChangeReading {
    fn say(&self, value: rust_decimal::Decimal, u: &Option<String>, lang: Lang) -> String {
        let op = match (self.op, lang) {
            (Some(op), _) => op_words(op, lang),
            (None, Lang::Zh) => "约为(近似容差内)",
            (None, Lang::En) => "about (within the approximate tolerance)",
        };
        let b = match (lang, self.base) {
            (Lang::Zh, Some(b)) => format!("较{b}年"),
            (Lang::Zh, None) => "较上年".to_string(),
            (Lang::En, Some(b)) => format!("against {b}"),
            (Lang::En, None) => "against the previous year".to_string(),
        };
        let m = match (lang, self.measure) {
            (Lang::Zh, Measure::Difference) => "变化量",
            (Lang::Zh, Measure::Relative) => "变化率(%)",
            (Lang::En, Measure::Difference) => "the change",
            (Lang::En, Measure::Relative) => "the relative change (%)",
        };
        // a difference of a `%` value is in percentage points
        let u = match (self.measure, u.as_deref(), lang) {
            (Measure::Difference, Some("%"), Lang::Zh) => " 个百分点",
            (Measure::Difference, Some("%"), Lang::En) => " percentage points",
            _ => unit(u),
        };
        let d = dir_words(self.direction, lang);
        match lang {
            Lang::Zh => format!("{b}{d}{m}{op} {value}{u}"),
            Lang::En => format!("{m} {b}, counted {d}, is {op} {value}{u}"),
        }
    }
}
