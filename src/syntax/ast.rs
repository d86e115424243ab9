//! The syntax tree of a target expression: what was written, with spans, printable back to
//! canonical source text.

use std::fmt;

use rust_decimal::Decimal;

use crate::types::{Direction, Op, TrendMode};
use crate::Span;

/// A parsed target expression.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    /// The expression.
    pub expr: Expr,
    /// Span of the whole expression in the original text.
    pub span: Span,
}

/// The outermost form of a target expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// Clauses joined by `且` (each a disjunction of `或`).
    Conj(Conj),
    /// `A、B:≥60;C:≥30` or `山区≥60、丘陵区≥40`: tiers chosen by region class.
    RegionTiers(Vec<RegionTier>),
    /// `综合利用率≤60%的地区…、综合利用率>60%的地区…`: tiers chosen by the base-year level.
    LevelTiers(Vec<LevelTier>),
    /// `大于75%(2007年、2008年大于80%)`: a default and year-specific thresholds; `2025年≥80`,
    /// `≥80(2025年)`: year-specific thresholds only.
    YearTiers {
        /// What holds in the other years (`None`: the target names its years only).
        default: Option<Conj>,
        /// Year-specific requirements.
        tiers: Vec<YearTier>,
    },
}

/// Clauses joined by `且` (and).
#[derive(Debug, Clone, PartialEq)]
pub struct Conj {
    /// At least one disjunction.
    pub items: Vec<Disj>,
    /// Span in the original text.
    pub span: Span,
}

/// Clauses joined by `或` (or).
#[derive(Debug, Clone, PartialEq)]
pub struct Disj {
    /// At least one clause.
    pub items: Vec<Clause>,
    /// Span in the original text.
    pub span: Span,
}

/// A region-class tier.
#[derive(Debug, Clone, PartialEq)]
pub struct RegionTier {
    /// The class or group names, any of which selects the tier.
    pub names: Vec<Name>,
    /// The requirement in those regions.
    pub then: Conj,
    /// Span in the original text.
    pub span: Span,
}

/// A base-level tier.
#[derive(Debug, Clone, PartialEq)]
pub struct LevelTier {
    /// The quantity named in the guard (normally the indicator itself).
    pub quantity: String,
    /// Guard comparison.
    pub op: Op,
    /// Guard threshold.
    pub value: Decimal,
    /// Guard unit.
    pub unit: Option<String>,
    /// The requirement for regions at that level.
    pub then: Conj,
    /// Span in the original text.
    pub span: Span,
}

/// A year-specific tier.
#[derive(Debug, Clone, PartialEq)]
pub struct YearTier {
    /// The years.
    pub years: Vec<i32>,
    /// The requirement in those years.
    pub then: Conj,
    /// Span in the original text.
    pub span: Span,
}

/// The printed parts of `分别达到100%、100%、80%以上`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Respective {
    /// The shared lead words (`达到`, `比2015年下降`).
    pub lead: String,
    /// Each value with its unit.
    pub values: Vec<(Decimal, Option<String>)>,
    /// The shared suffix (`以上`, `左右`), or empty.
    pub suffix: String,
}

/// A name with its span (a region class or group).
#[derive(Debug, Clone, PartialEq)]
pub struct Name {
    /// The name.
    pub text: String,
    /// Span in the original text.
    pub span: Span,
}

/// One clause: a comparison, a phrase, a status …
#[derive(Debug, Clone, PartialEq)]
pub struct Clause {
    /// What the clause says.
    pub kind: ClauseKind,
    /// Span in the original text.
    pub span: Span,
    /// Span of the unit written after the number, if any.
    pub unit_span: Option<Span>,
}

/// The clause forms of the target language.
#[derive(Debug, Clone, PartialEq)]
pub enum ClauseKind {
    /// `≥20`, `不低于90%`, `85%以上`.
    Compare {
        /// Comparison.
        op: Op,
        /// Threshold.
        value: Decimal,
        /// Unit written after the number.
        unit: Option<String>,
    },
    /// `100`, `达到100%`, `为95%`.
    Reach {
        /// Value to reach.
        value: Decimal,
        /// Unit written after the number.
        unit: Option<String>,
    },
    /// `15左右`, `控制在15%左右`.
    Approx {
        /// The value.
        value: Decimal,
        /// Unit written after the number.
        unit: Option<String>,
    },
    /// `0.3-0.4之间`.
    Range {
        /// Lower bound (inclusive).
        min: Decimal,
        /// Upper bound (inclusive).
        max: Decimal,
        /// Unit.
        unit: Option<String>,
    },
    /// `完成上级规定的考核任务`, `能源消耗总量不超过控制目标值`.
    Superior {
        /// Named quantity, if any.
        quantity: Option<String>,
        /// The phrase as written (normalised).
        phrase: String,
    },
    /// `低于全国平均水平`.
    Reference {
        /// Comparison (`≥` when none is written).
        op: Option<Op>,
        /// Reference series name.
        name: String,
    },
    /// `高于上年`, `高于上年和全县平均水平`: the value compared with the year before's (and
    /// with a reference series).
    PrevYear {
        /// Comparison.
        op: Op,
        /// A reference series compared with the same sign, if named.
        and_reference: Option<String>,
    },
    /// `保持稳定或持续改善`, `近三年逐年下降`, `面积不减少`.
    Trend {
        /// `近N年`: the window for this clause.
        window: Option<u32>,
        /// Named quantity, if any.
        quantity: Option<String>,
        /// The trend phrase as written (from the phrase table).
        phrase: &'static str,
        /// How steps are judged (the phrase's meaning).
        mode: TrendMode,
        /// Which way (the phrase's meaning).
        direction: Direction,
    },
    /// `△EQI>-1`.
    Delta {
        /// The name after `△`.
        name: String,
        /// Comparison.
        op: Op,
        /// Threshold.
        value: Decimal,
        /// Unit.
        unit: Option<String>,
    },
    /// `年增量≥0.3个百分点`, `比2015年下降10%`.
    Change {
        /// `比YYYY年`.
        base: Option<i32>,
        /// The change word (`提高幅度`, `下降率`, `下降` …) from the phrase table.
        word: &'static str,
        /// The direction the word counts as positive.
        direction: Direction,
        /// A rate word (`增长率`): relative on a `%` value.
        rate: bool,
        /// Comparison (`≥` when none is written).
        op: Option<Op>,
        /// Threshold.
        value: Decimal,
        /// Unit.
        unit: Option<String>,
        /// `下降15%左右`: within the approximate tolerance of the value.
        about: bool,
    },
    /// `比2010年翻一番`: doubled since the base year.
    Double {
        /// `比YYYY年`.
        base: i32,
    },
    /// `〔18〕`: a five-year cumulative target.
    Cumulative {
        /// The cumulative amount.
        value: Decimal,
        /// Unit.
        unit: Option<String>,
    },
    /// `连续三年名列全省前10名`, `名列前茅`: a rank among peers.
    Rank {
        /// `连续N年`.
        years: Option<u32>,
        /// The quantity ranked (`生态环境质量评价指数在全省…`), if printed.
        quantity: Option<String>,
        /// Among whom (`全省`, `全省县域经济`).
        scope: Option<String>,
        /// The place to reach (`前10名`, `20强`, `第一`), or `None` when none is printed.
        top: Option<u32>,
        /// The word for an unnumbered rank (`前茅`, `前列`, `领先`).
        vague: Option<String>,
    },
    /// `化肥、农药利用率均达到40%`, `PM10和PM2.5年均浓度分别小于90、50`: several named
    /// quantities, with the same requirement (`均`) or one each in order (`分别`).
    Several {
        /// The quantities' full names (a shared part printed once is added to each).
        quantities: Vec<String>,
        /// One requirement for all, or one per quantity.
        items: Vec<ClauseKind>,
        /// For `分别`: the printed values with their shared lead and suffix words.
        respective: Option<Respective>,
    },
    /// `建立`, `划定并遵守`, `性质不改变`, `未建立`: a requirement built from the closed word lists.
    Status {
        /// Named quantity, if any.
        quantity: Option<String>,
        /// The requirement as written, negation included (`不建立`).
        phrase: String,
        /// Whether the requirement is negative (`不明显`, `未建立`).
        negated: bool,
        /// Written as free text, `状态 "…"` (SPEC §3).
        quoted: bool,
    },
    /// `定性 "…"`: a prose requirement that is no rule of the language, judged by a recorded
    /// 达标/未达标/是/否.
    Qualitative {
        /// The requirement text.
        text: String,
    },
    /// `近3年100%`: a level requirement in each year of the last `years` years.
    EachYear {
        /// `近N年`.
        years: u32,
        /// The requirement (a comparison, `reach` or range).
        inner: Box<ClauseKind>,
    },
    /// `城市生活污水集中处理率达到90%`: a requirement on a quantity the target names.
    Named {
        /// The quantity as printed.
        quantity: String,
        /// The requirement (a comparison, `reach`, range or change).
        inner: Box<ClauseKind>,
    },
    /// `三年内无较大环境事件`.
    NoEvent {
        /// Number of years (`None`: the evaluation window).
        years: Option<u32>,
        /// Event kind.
        event: String,
    },
    /// `80%的乡镇达到…并获命名`.
    Share {
        /// Text before the number (`州(市)`), kept for printing.
        lead: Option<String>,
        /// `全县乡镇超过50%…`: the comparison printed after the sub-regions (`None`: `N%以上的`,
        /// at least).
        op: Option<Op>,
        /// `(含涉农街道)` after the sub-region word, kept for printing.
        note: Option<String>,
        /// Percent of sub-regions.
        value: Decimal,
        /// Sub-region word.
        of: String,
        /// What they must achieve.
        requirement: String,
    },
}

impl Target {
    /// Set every span to `0..0`, so that trees can be compared by content only.
    pub fn erase_spans(&mut self) {
        self.span = Span::default();
        match &mut self.expr {
            Expr::Conj(c) => c.erase_spans(),
            Expr::RegionTiers(ts) => {
                for t in ts {
                    t.span = Span::default();
                    t.names.iter_mut().for_each(|n| n.span = Span::default());
                    t.then.erase_spans();
                }
            }
            Expr::LevelTiers(ts) => {
                for t in ts {
                    t.span = Span::default();
                    t.then.erase_spans();
                }
            }
            Expr::YearTiers { default, tiers } => {
                if let Some(d) = default {
                    d.erase_spans();
                }
                for t in tiers {
                    t.span = Span::default();
                    t.then.erase_spans();
                }
            }
        }
    }
}

impl Conj {
    fn erase_spans(&mut self) {
        self.span = Span::default();
        for d in &mut self.items {
            d.span = Span::default();
            d.items.iter_mut().for_each(|c| {
                c.span = Span::default();
                c.unit_span = None;
            });
        }
    }
}

/// Print a decimal exactly as written (scale kept: `0.70` stays `0.70`).
fn num(f: &mut fmt::Formatter<'_>, d: &Decimal) -> fmt::Result {
    write!(f, "{d}")
}

fn unit(f: &mut fmt::Formatter<'_>, u: &Option<String>) -> fmt::Result {
    match u {
        Some(u) => f.write_str(u),
        None => Ok(()),
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.expr)
    }
}

impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expr::Conj(c) => write!(f, "{c}"),
            Expr::RegionTiers(tiers) => {
                // `山区≥60`; a name ending in a phrase (`…比2020年下降`) keeps its `:` so that
                // the text reads as a tier again, not as the phrase's requirement
                let class_style = tiers.iter().all(|t| {
                    t.names.len() == 1
                        && !ends_in_phrase(&t.names[0].text)
                        && t.then.items.len() == 1
                        && t.then.items[0].items.len() == 1
                        && matches!(t.then.items[0].items[0].kind, ClauseKind::Compare { .. })
                });
                for (i, t) in tiers.iter().enumerate() {
                    if class_style {
                        if i > 0 {
                            f.write_str("、")?;
                        }
                        write!(f, "{}{}", t.names[0].text, t.then)?;
                    } else {
                        if i > 0 {
                            f.write_str(";")?;
                        }
                        let names: Vec<&str> = t.names.iter().map(|n| n.text.as_str()).collect();
                        write!(f, "{}:{}", names.join("、"), t.then)?;
                    }
                }
                Ok(())
            }
            Expr::LevelTiers(tiers) => {
                for (i, t) in tiers.iter().enumerate() {
                    if i > 0 {
                        f.write_str("、")?;
                    }
                    write!(f, "{}{}", t.quantity, t.op.symbol())?;
                    num(f, &t.value)?;
                    unit(f, &t.unit)?;
                    write!(f, "的地区{}", t.then)?;
                }
                Ok(())
            }
            Expr::YearTiers { default, tiers } => {
                if let Some(d) = default {
                    write!(f, "{d}(")?;
                }
                for (i, t) in tiers.iter().enumerate() {
                    if i > 0 {
                        f.write_str(";")?;
                    }
                    let years: Vec<String> = t.years.iter().map(|y| format!("{y}年")).collect();
                    write!(f, "{}{}", years.join("、"), t.then)?;
                }
                if default.is_some() {
                    f.write_str(")")?;
                }
                Ok(())
            }
        }
    }
}

/// Whether a tier's name ends in a phrase of the language (a change, trend, requirement or
/// comparison word), which would read with the value after it as that phrase's requirement.
fn ends_in_phrase(name: &str) -> bool {
    use super::phrase::{family, Family};
    Family::ALL
        .into_iter()
        .flat_map(family)
        .any(|p| !p.text.is_empty() && name.ends_with(p.text))
}

/// The quantity of a trend as written before its phrase: bare when `<quantity><phrase>` reads back
/// as that trend of that quantity, else in `「…」` (`水质达到或优于Ⅲ类比例` holds `或`).
pub fn trend_quantity<'a>(q: &'a str, phrase: &str) -> std::borrow::Cow<'a, str> {
    if trend_quantity_reads_bare(q, phrase) {
        q.into()
    } else {
        format!("「{q}」").into()
    }
}

/// Whether an unquoted name reads whole before `phrase` — the rule `quantity_trend` of
/// grammar/targets.pest from its side: no word that ends a clause, no comparison sign, no start a
/// window, `确保`, a year or a number would take, no trend phrase starting inside the name (or
/// across its end), and no trend modifier at its end.
fn trend_quantity_reads_bare(q: &str, phrase: &str) -> bool {
    use super::phrase::{family, Family, TREND_MODIFIERS};
    const ENDS: [&str; 14] = [
        ",", ";", "且", "或", "同时", "、", ":", ")", " ", "≥", "≤", ">", "<", "=",
    ];
    const LEADS: [&str; 3] = ["近", "确保", "-"];
    let starts_a_number = q.starts_with(|c: char| c.is_ascii_digit());
    if q.is_empty()
        || starts_a_number
        || ENDS.iter().any(|e| q.contains(e))
        || LEADS.iter().any(|l| q.starts_with(l))
        || TREND_MODIFIERS.iter().any(|m| q.ends_with(m))
    {
        return false;
    }
    let whole = format!("{q}{phrase}");
    !q.char_indices().any(|(i, _)| {
        family(Family::Trend).any(|t| !t.text.is_empty() && whole[i..].starts_with(t.text))
    })
}

/// Items separated by `sep`.
pub(crate) fn joined<T: fmt::Display>(
    f: &mut fmt::Formatter<'_>,
    items: &[T],
    sep: &str,
) -> fmt::Result {
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            f.write_str(sep)?;
        }
        write!(f, "{item}")?;
    }
    Ok(())
}

impl fmt::Display for Conj {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        joined(f, &self.items, ",且")
    }
}

impl fmt::Display for Disj {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        joined(f, &self.items, "或")
    }
}

impl fmt::Display for Clause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.kind)
    }
}

impl fmt::Display for ClauseKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClauseKind::Compare { op, value, unit: u } => {
                f.write_str(op.symbol())?;
                num(f, value)?;
                unit(f, u)
            }
            ClauseKind::Reach { value, unit: u } => {
                f.write_str("达到")?;
                num(f, value)?;
                unit(f, u)
            }
            ClauseKind::Approx { value, unit: u } => {
                num(f, value)?;
                unit(f, u)?;
                f.write_str("左右")
            }
            ClauseKind::Range { min, max, unit: u } => {
                num(f, min)?;
                f.write_str("~")?;
                num(f, max)?;
                unit(f, u)?;
                f.write_str("之间")
            }
            ClauseKind::Superior { quantity, phrase } => {
                if let Some(q) = quantity {
                    f.write_str(q)?;
                }
                f.write_str(phrase)
            }
            ClauseKind::PrevYear { op, and_reference } => {
                f.write_str(op.symbol())?;
                f.write_str("上年")?;
                match and_reference {
                    Some(r) => write!(f, "和{r}"),
                    None => Ok(()),
                }
            }
            ClauseKind::Reference { op, name } => {
                if let Some(op) = op {
                    f.write_str(op.symbol())?;
                }
                f.write_str(name)
            }
            ClauseKind::Trend {
                window,
                quantity,
                phrase,
                ..
            } => {
                if let Some(w) = window {
                    write!(f, "近{w}年")?;
                }
                if let Some(q) = quantity {
                    f.write_str(&trend_quantity(q, phrase))?;
                }
                f.write_str(phrase)
            }
            ClauseKind::Delta {
                name,
                op,
                value,
                unit: u,
            } => {
                write!(f, "△{name}{}", op.symbol())?;
                num(f, value)?;
                unit(f, u)
            }
            ClauseKind::Change {
                base,
                word,
                op,
                value,
                unit: u,
                about,
                ..
            } => {
                if let Some(b) = base {
                    write!(f, "比{b}年")?;
                }
                f.write_str(word)?;
                if let Some(op) = op {
                    f.write_str(op.symbol())?;
                }
                num(f, value)?;
                unit(f, u)?;
                if *about {
                    f.write_str("左右")?;
                }
                Ok(())
            }
            ClauseKind::Double { base } => write!(f, "比{base}年翻一番"),
            ClauseKind::Cumulative { value, unit: u } => {
                f.write_str("〔")?;
                num(f, value)?;
                unit(f, u)?;
                f.write_str("〕")
            }
            ClauseKind::Rank {
                years,
                quantity,
                scope,
                top,
                vague,
            } => fmt_rank(f, *years, quantity, scope, (*top, vague)),
            ClauseKind::Several {
                quantities,
                items,
                respective,
            } => fmt_several(f, quantities, items, respective.as_ref()),
            ClauseKind::Status {
                phrase,
                quoted: true,
                ..
            } => write!(f, "状态 \"{phrase}\""),
            ClauseKind::Status {
                quantity, phrase, ..
            } => {
                if let Some(q) = quantity {
                    f.write_str(q)?;
                }
                f.write_str(phrase)
            }
            ClauseKind::Qualitative { text } => write!(f, "定性 \"{text}\""),
            ClauseKind::EachYear { years, inner } => write!(f, "近{years}年{inner}"),
            ClauseKind::Named { quantity, inner } => write!(f, "「{quantity}」{inner}"),
            ClauseKind::NoEvent {
                years: Some(n),
                event,
            } => write!(f, "近{n}年内无{event}"),
            ClauseKind::NoEvent { years: None, event } => write!(f, "无{event}"),
            ClauseKind::Share {
                lead,
                op,
                note,
                value,
                of,
                requirement,
            } => {
                if let Some(l) = lead {
                    f.write_str(l)?;
                }
                fmt_share(f, *op, note, value, of, requirement)
            }
        }
    }
}

/// `连续3年名列全省前10名`, `名列前茅`.
fn fmt_rank(
    f: &mut fmt::Formatter<'_>,
    years: Option<u32>,
    quantity: &Option<String>,
    scope: &Option<String>,
    (top, vague): (Option<u32>, &Option<String>),
) -> fmt::Result {
    if let Some(n) = years {
        write!(f, "连续{n}年")?;
    }
    match (quantity, scope) {
        (Some(q), Some(s)) => write!(f, "{q}在{s}名列")?,
        (_, s) => write!(f, "名列{}", s.as_deref().unwrap_or(""))?,
    }
    match (top, vague) {
        (Some(n), _) => write!(f, "前{n}名"),
        (None, Some(v)) => f.write_str(v),
        (None, None) => f.write_str("前列"),
    }
}

/// `「化肥利用率」、「农药利用率」均达到40%`, `…分别小于90、50`.
fn fmt_several(
    f: &mut fmt::Formatter<'_>,
    quantities: &[String],
    items: &[ClauseKind],
    respective: Option<&Respective>,
) -> fmt::Result {
    for (i, q) in quantities.iter().enumerate() {
        let sep = if i == 0 { "" } else { "、" };
        write!(f, "{sep}「{q}」")?;
    }
    match (respective, items.first()) {
        (Some(r), _) => {
            write!(f, "分别{}", r.lead)?;
            for (i, (v, u)) in r.values.iter().enumerate() {
                if i > 0 {
                    f.write_str("、")?;
                }
                num(f, v)?;
                unit(f, u)?;
            }
            f.write_str(&r.suffix)
        }
        (None, Some(item)) => write!(f, "均{item}"),
        (None, None) => Ok(()),
    }
}

/// `80%的乡镇达到…`, `乡镇达标比例≥80%…` (after the lead words).
fn fmt_share(
    f: &mut fmt::Formatter<'_>,
    op: Option<Op>,
    note: &Option<String>,
    value: &Decimal,
    of: &str,
    requirement: &str,
) -> fmt::Result {
    match op {
        Some(op) => {
            write!(f, "{of}{}{}", note.as_deref().unwrap_or(""), op.symbol())?;
            num(f, value)?;
            write!(f, "%{requirement}")
        }
        None => {
            num(f, value)?;
            write!(f, "%的{of}{requirement}")
        }
    }
}
