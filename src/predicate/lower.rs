//! Lowering: syntax tree → predicate, with unit checks.

use thiserror::Error;

use super::{
    Direction, Guard, Measure, Op, Polarity, Predicate, PredicateError, RegionExpr, Tier,
    CUMULATIVE, RANK,
};
use crate::message::Say;
use crate::syntax::{Clause, ClauseKind, Conj, Expr, Help, SyntaxError, Target};
use crate::{Lang, Span};

/// What the target is declared against: the indicator's unit and polarity.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TargetOptions {
    /// The indicator's unit (`单位`); units written in the target are checked against it.
    pub unit: Option<String>,
    /// The indicator's polarity (`方向`).
    pub polarity: Option<Polarity>,
}

impl TargetOptions {
    /// Whether the declared unit is a percentage.
    pub fn is_percent(&self) -> bool {
        self.unit.as_deref().is_some_and(|u| u.trim() == "%")
    }
}

/// An error found while lowering a syntax tree.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{kind}")]
pub struct LowerError {
    /// What went wrong.
    pub kind: LowerErrorKind,
    /// Where.
    pub span: Span,
    /// A hint.
    pub help: Option<Help>,
}

/// Kinds of lowering error.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum LowerErrorKind {
    /// A unit in the target differs from the declared unit.
    #[error("the target is in `{written}` but the indicator is declared in `{declared}`")]
    UnitMismatch {
        /// Unit in the target.
        written: String,
        /// Declared unit.
        declared: String,
    },
    /// The predicate would not be well formed.
    #[error("{0}")]
    Invalid(PredicateError),
}

/// A target that failed to parse or to lower.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum TargetError {
    /// Parse error.
    #[error(transparent)]
    Syntax(SyntaxError),
    /// Lowering error.
    #[error(transparent)]
    Lower(LowerError),
}

impl TargetError {
    /// The span of the error in the target text.
    pub fn span(&self) -> Span {
        match self {
            TargetError::Syntax(e) => e.span,
            TargetError::Lower(e) => e.span,
        }
    }

    /// The help line, if any.
    pub fn help(&self) -> Option<&Help> {
        match self {
            TargetError::Syntax(e) => e.help.as_ref(),
            TargetError::Lower(e) => e.help.as_ref(),
        }
    }

    /// As a renderable diagnostic in `lang`.
    pub fn diagnostic(&self, lang: Lang) -> crate::diagnostic::Diagnostic {
        crate::diagnostic::Diagnostic::error(self.say(lang), self.span())
            .with_help(self.help().map(|h| h.say(lang)))
    }
}

impl Say for LowerErrorKind {
    fn say(&self, lang: Lang) -> String {
        match (self, lang) {
            (LowerErrorKind::UnitMismatch { written, declared }, Lang::Zh) => {
                format!("目标的单位是「{written}」,而指标声明的单位是「{declared}」")
            }
            (LowerErrorKind::Invalid(e), _) => e.say(lang),
            (_, Lang::En) => self.to_string(),
        }
    }
}

impl Say for TargetError {
    fn say(&self, lang: Lang) -> String {
        match self {
            TargetError::Syntax(e) => e.kind.say(lang),
            TargetError::Lower(e) => e.kind.say(lang),
        }
    }
}

fn canonical_unit(u: &str) -> String {
    u.chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .replace("立方米", "m3")
        .replace("平方米", "m2")
        .replace("平方公里", "km2")
        .replace("平方千米", "km2")
        .replace("吨标准煤", "吨标煤")
        .replace(['³'], "3")
        .replace(['²'], "2")
        .replace('㎡', "m2")
        .replace("ug", "μg")
        .to_lowercase()
}

/// Whether a unit written in a target agrees with the declared unit (`m3` = `立方米`,
/// `m2` = `平方米`, `吨标准煤` = `吨标煤`; spaces ignored).
///
/// ```
/// use zhibiao::predicate::units_compatible;
/// assert!(units_compatible("m3/万元", "立方米/万元"));
/// assert!(!units_compatible("吨标煤/万元", "立方米/万元"));
/// ```
pub fn units_compatible(written: &str, declared: &str) -> bool {
    canonical_unit(written) == canonical_unit(declared)
}

fn invalid(e: PredicateError, span: Span) -> LowerError {
    LowerError {
        kind: LowerErrorKind::Invalid(e),
        span,
        help: None,
    }
}

/// Lower a syntax tree into a predicate.
///
/// ```
/// use zhibiao::syntax::parse_target;
/// use zhibiao::predicate::{lower, TargetOptions};
/// let t = parse_target("≤0.70吨标煤/万元").unwrap();
/// let opts = TargetOptions { unit: Some("立方米/万元".into()), polarity: None };
/// assert!(lower(&t, &opts).is_err());
/// ```
pub fn lower(t: &Target, opts: &TargetOptions) -> Result<Predicate, LowerError> {
    match &t.expr {
        Expr::Conj(c) => conj(c, opts),
        Expr::RegionTiers(ts) => {
            let mut tiers = Vec::with_capacity(ts.len());
            for t in ts {
                let mut names: Vec<RegionExpr> = t
                    .names
                    .iter()
                    .map(|n| RegionExpr::Class(n.text.clone()))
                    .collect();
                let when = if names.len() == 1 {
                    names.remove(0)
                } else {
                    RegionExpr::Or(names)
                };
                tiers.push(Tier {
                    when: Guard::Region(when),
                    then: conj(&t.then, opts)?,
                });
            }
            Predicate::tiered(tiers).map_err(|e| invalid(e, t.span))
        }
        Expr::LevelTiers(ts) => {
            let mut tiers = Vec::with_capacity(ts.len());
            for lt in ts {
                check_unit(lt.unit.as_deref(), opts, lt.span, false)?;
                tiers.push(Tier {
                    when: Guard::Level {
                        op: lt.op,
                        value: lt.value,
                    },
                    then: conj(&lt.then, opts)?,
                });
            }
            Predicate::tiered(tiers).map_err(|e| invalid(e, t.span))
        }
        Expr::YearTiers { default, tiers: ts } => {
            let mut tiers = Vec::with_capacity(ts.len() + 1);
            for yt in ts {
                tiers.push(Tier {
                    when: Guard::Years(yt.years.clone()),
                    then: conj(&yt.then, opts)?,
                });
            }
            // a target that names its years only says nothing of the others: no tier applies
            if let Some(default) = default {
                tiers.push(Tier {
                    when: Guard::Otherwise,
                    then: conj(default, opts)?,
                });
            }
            Predicate::tiered(tiers).map_err(|e| invalid(e, t.span))
        }
    }
}

fn conj(c: &Conj, opts: &TargetOptions) -> Result<Predicate, LowerError> {
    let mut items = Vec::with_capacity(c.items.len());
    for d in &c.items {
        let mut alts = Vec::with_capacity(d.items.len());
        for cl in &d.items {
            alts.push(clause(cl, opts)?);
        }
        items.push(Predicate::any(alts).map_err(|e| invalid(e, d.span))?);
    }
    Predicate::all(items).map_err(|e| invalid(e, c.span))
}

fn check_unit(
    unit: Option<&str>,
    opts: &TargetOptions,
    span: Span,
    change: bool,
) -> Result<(), LowerError> {
    let (Some(written), Some(declared)) = (unit, opts.unit.as_deref()) else {
        return Ok(());
    };
    let declared = declared.trim();
    if declared.is_empty() || declared == "-" || declared == "—" {
        return Ok(());
    }
    let ok = units_compatible(written, declared)
        || (change
            && (written == "%"
                || ((written == "个百分点" || written == "百分点") && declared == "%")));
    if ok {
        return Ok(());
    }
    let help = if written == "%" || declared == "%" {
        Help::text(
            "write the number in the indicator's unit, or correct `单位`",
            "请按指标的单位写数值,或改正 `单位`",
        )
    } else {
        Help::ConvertUnit {
            declared: declared.to_string(),
        }
    };
    Err(LowerError {
        kind: LowerErrorKind::UnitMismatch {
            written: written.to_string(),
            declared: declared.to_string(),
        },
        span,
        help: Some(help),
    })
}

/// How a change is measured (SPEC §4 "Change phrases"): a rate word (`增长率`, from the phrase
/// table) or a `%` on a non-percentage quantity is relative; percentage points are a difference.
fn change_measure(rate: bool, unit: Option<&str>, opts: &TargetOptions) -> Measure {
    match unit {
        Some("个百分点") | Some("百分点") => Measure::Difference,
        Some("%") => {
            if rate {
                Measure::Relative
            } else if opts.is_percent() {
                Measure::Difference
            } else {
                Measure::Relative
            }
        }
        _ => Measure::Difference,
    }
}

fn clause(c: &Clause, opts: &TargetOptions) -> Result<Predicate, LowerError> {
    let inv = |e| invalid(e, c.span);
    Ok(match &c.kind {
        ClauseKind::Compare { op, value, unit } => {
            check_unit(unit.as_deref(), opts, unit_span(c), false)?;
            Predicate::compare(*op, *value, unit.clone())
        }
        ClauseKind::Reach { value, unit } => {
            check_unit(unit.as_deref(), opts, unit_span(c), false)?;
            Predicate::reach(*value, unit.clone())
        }
        ClauseKind::Approx { value, unit } => {
            check_unit(unit.as_deref(), opts, unit_span(c), false)?;
            Predicate::approx(*value, unit.clone())
        }
        ClauseKind::Range { min, max, unit } => {
            check_unit(unit.as_deref(), opts, c.span, false)?;
            Predicate::range(*min, *max, unit.clone()).map_err(inv)?
        }
        ClauseKind::Superior { quantity, .. } => Predicate::superior_target(quantity.clone()),
        ClauseKind::Reference { op, name } => {
            Predicate::reference(op.unwrap_or(Op::Ge), name.clone())
        }
        ClauseKind::PrevYear { op, and_reference } => {
            prev_year(*op, and_reference.as_deref()).map_err(inv)?
        }
        ClauseKind::Trend {
            window,
            quantity,
            mode,
            direction,
            ..
        } => Predicate::trend(*mode, *direction, quantity.clone(), *window).map_err(inv)?,
        ClauseKind::Delta {
            op, value, unit, ..
        } => {
            check_unit(unit.as_deref(), opts, c.span, true)?;
            Predicate::change(
                Measure::Difference,
                Direction::Up,
                *op,
                *value,
                unit.clone(),
                None,
            )
        }
        ClauseKind::Change {
            base,
            direction,
            rate,
            op,
            value,
            unit,
            about,
            ..
        } => {
            check_unit(unit.as_deref(), opts, unit_span(c), true)?;
            let measure = change_measure(*rate, unit.as_deref(), opts);
            if *about {
                Predicate::about_change(measure, *direction, *value, unit.clone(), *base)
            } else {
                Predicate::change(
                    measure,
                    *direction,
                    op.unwrap_or(Op::Ge),
                    *value,
                    unit.clone(),
                    *base,
                )
            }
        }
        ClauseKind::Double { base } => Predicate::change(
            Measure::Relative,
            Direction::Up,
            Op::Ge,
            rust_decimal::Decimal::ONE_HUNDRED,
            Some("%".into()),
            Some(*base),
        ),
        // the five-year amount as printed (a reduction as a positive number), on its own series
        ClauseKind::Cumulative { value, unit } => Predicate::named(
            CUMULATIVE.to_string(),
            Predicate::compare(Op::Ge, *value, unit.clone()),
        )
        .map_err(inv)?,
        ClauseKind::Rank {
            years,
            quantity,
            scope,
            top: Some(top),
            ..
        } => {
            let series = format!(
                "{}{}{RANK}",
                quantity.as_deref().unwrap_or(""),
                scope.as_deref().unwrap_or("")
            );
            rank(series, *top, *years).map_err(inv)?
        }
        // no place is printed: only a recorded 达标/未达标 can judge it
        ClauseKind::Rank { top: None, .. } => Predicate::qualitative(c.kind.to_string()),
        ClauseKind::Several {
            quantities, items, ..
        } => several(c, quantities, items)?,
        ClauseKind::Status {
            quantity, phrase, ..
        } => Predicate::status(phrase.clone(), quantity.clone()),
        ClauseKind::Qualitative { text } => Predicate::qualitative(text.clone()),
        ClauseKind::EachYear { years, inner } => {
            Predicate::each_year(*years, clause(&within(c, inner), opts)?).map_err(inv)?
        }
        ClauseKind::Named { quantity, inner } => {
            // the indicator's unit and polarity are not the named quantity's
            let item = clause(&within(c, inner), &TargetOptions::default())?;
            Predicate::named(quantity.clone(), item).map_err(inv)?
        }
        ClauseKind::NoEvent { years, event } => {
            Predicate::no_event(*years, event.clone()).map_err(inv)?
        }
        ClauseKind::Share {
            op,
            value,
            of,
            requirement,
            ..
        } => Predicate::share(
            op.unwrap_or(Op::Ge),
            *value,
            of.clone(),
            requirement.clone(),
        )
        .map_err(inv)?,
    })
}

/// Where a clause's unit is written (the whole clause if it has none).
fn unit_span(c: &Clause) -> Span {
    c.unit_span.unwrap_or(c.span)
}

/// A clause held by `c` (`近3年…`, `「…」…`), at `c`'s place.
fn within(c: &Clause, inner: &ClauseKind) -> Clause {
    Clause {
        kind: inner.clone(),
        span: c.span,
        unit_span: c.unit_span,
    }
}

/// `高于上年`, `不低于上年和全国平均水平`: v(Y) op v(Y−1) is a difference from the year before,
/// signed by the comparison, and the reference too when one is named.
fn prev_year(op: Op, and_reference: Option<&str>) -> Result<Predicate, PredicateError> {
    let (direction, strict) = match op {
        Op::Gt => (Direction::Up, Op::Gt),
        Op::Ge => (Direction::Up, Op::Ge),
        Op::Lt => (Direction::Down, Op::Gt),
        Op::Le => (Direction::Down, Op::Ge),
        Op::Eq => (Direction::Up, Op::Eq),
    };
    let zero = rust_decimal::Decimal::ZERO;
    let step = Predicate::change(Measure::Difference, direction, strict, zero, None, None);
    match and_reference {
        None => Ok(step),
        Some(r) => Predicate::all(vec![step, Predicate::reference(op, r.to_string())]),
    }
}

/// A place among peers: at most `top` on the rank series, in each of `years` years.
fn rank(series: String, top: u32, years: Option<u32>) -> Result<Predicate, PredicateError> {
    let place = Predicate::compare(Op::Le, top.into(), None);
    let ranked = Predicate::named(series, place)?;
    match years {
        Some(n) if n > 1 => Predicate::each_year(n, ranked),
        _ => Ok(ranked),
    }
}

/// `化肥、农药利用率均达到40%`: the requirement (or each one of `分别`) on each named quantity.
fn several(
    c: &Clause,
    quantities: &[String],
    items: &[ClauseKind],
) -> Result<Predicate, LowerError> {
    let inv = |e| invalid(e, c.span);
    let each = quantities.iter().enumerate().map(|(i, q)| {
        let kind = items.get(i).or(items.first());
        let kind = kind.ok_or(PredicateError::Empty("all")).map_err(inv)?;
        if let ClauseKind::Status { phrase, .. } = kind {
            return Ok(Predicate::status(phrase.clone(), Some(q.clone())));
        }
        let item = clause(&within(c, kind), &TargetOptions::default())?;
        Predicate::named(q.clone(), item).map_err(inv)
    });
    Predicate::all(each.collect::<Result<_, _>>()?).map_err(inv)
}

impl From<&TargetError> for crate::diagnostic::Diagnostic {
    /// In English.
    fn from(e: &TargetError) -> crate::diagnostic::Diagnostic {
        e.diagnostic(Lang::En)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse_target;

    fn p(s: &str) -> Predicate {
        lower(&parse_target(s).unwrap(), &TargetOptions::default()).unwrap()
    }

    #[test]
    fn change_measures() {
        let pct = TargetOptions {
            unit: Some("%".into()),
            polarity: None,
        };
        let t = parse_target("提高幅度≥2%").unwrap();
        assert!(matches!(
            lower(&t, &pct).unwrap(),
            Predicate::Change {
                measure: Measure::Difference,
                ..
            }
        ));
        assert!(matches!(
            p("提高幅度≥2%"),
            Predicate::Change {
                measure: Measure::Relative,
                ..
            }
        ));
        assert!(matches!(
            p("下降率≥4.5%"),
            Predicate::Change {
                measure: Measure::Relative,
                direction: Direction::Down,
                ..
            }
        ));
        assert!(matches!(
            p("比2015年下降10%"),
            Predicate::Change {
                base: Some(2015),
                ..
            }
        ));
        assert!(matches!(p("△EQI>-1"), Predicate::Change { op: Op::Gt, .. }));
    }

    #[test]
    fn unit_mismatch_has_span() {
        let src = "≤0.70吨标煤/万元";
        let t = parse_target(src).unwrap();
        let opts = TargetOptions {
            unit: Some("立方米/万元".into()),
            polarity: None,
        };
        let e = lower(&t, &opts).unwrap_err();
        assert!(matches!(e.kind, LowerErrorKind::UnitMismatch { .. }));
        assert_eq!(&src[e.span.start..e.span.end], "吨标煤/万元");
    }
}
