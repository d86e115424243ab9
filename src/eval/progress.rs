//! Plan-year progress: for a target with a year schedule (`2025年≥80`, `≥75(2025年≥80)`), the
//! next milestone after the assessment year, how far the assessment-year value is from it, and
//! whether the straight line from the first recorded year reaches it in time.
//!
//! The projection is linear between two recorded values: the first year with a value (at most
//! [`MAX_YEARS`] years back) and the assessment year; their
//! average change a year is carried on to the milestone's year. It is shown beside the verdict
//! and never changes one.

use rust_decimal::Decimal;

use super::machine::CellRead;
use super::source::{CellRef, Source};
use crate::message::{Milestone, Projection};
use crate::predicate::{Guard, Predicate};
use crate::rules::{Indicator, SeriesId};
use crate::types::{Op, Polarity, MAX_YEARS};

/// The next milestone of `ind`'s year schedule after `year`, read on its own series `own`.
pub(crate) fn next_milestone<S: Source>(
    ind: &Indicator,
    own: SeriesId,
    source: &S,
    year: i32,
    reads: &mut Vec<CellRead>,
) -> Option<Milestone> {
    let (at, op, bound, unit) = milestone(ind, year)?;
    let number = |y: i32| match source.cell(own, y, false) {
        Some(CellRef::Number(v)) => Some(v),
        _ => None,
    };
    let now = number(year);
    let first = (1..=MAX_YEARS as i32)
        .rev()
        .filter_map(|back| year.checked_sub(back))
        .find_map(|y| number(y).map(|v| (y, v)));
    let trend = match (first, now) {
        (Some(from), Some(now)) => project(from, (year, now), at, op, bound),
        _ => None,
    };
    // the cells the progress line shows are used, as a verdict's are
    let shown = [now.map(|_| year), trend.as_ref().map(|t| t.from.0)];
    reads.extend(shown.into_iter().flatten().map(|year| CellRead {
        series: own,
        year,
        target: false,
    }));
    Some(Milestone {
        year: at,
        op,
        bound,
        unit: unit.or_else(|| ind.unit.clone()),
        assessed: year,
        now,
        trend,
    })
}

/// The earliest schedule tier after `year` whose requirement is a comparison of the value.
fn milestone(ind: &Indicator, year: i32) -> Option<(i32, Op, Decimal, Option<String>)> {
    let Some(Predicate::Tiered { tiers }) = &ind.predicate else {
        return None;
    };
    tiers
        .iter()
        .filter_map(|t| {
            let Guard::Years(years) = &t.when else {
                return None;
            };
            let at = years.iter().copied().filter(|y| *y > year).min()?;
            let (op, bound, unit) = match &t.then {
                Predicate::Compare { op, value, unit } => (*op, *value, unit.clone()),
                Predicate::Reach { value, unit } => match ind.polarity? {
                    Polarity::Higher => (Op::Ge, *value, unit.clone()),
                    Polarity::Lower => (Op::Le, *value, unit.clone()),
                },
                _ => return None,
            };
            Some((at, op, bound, unit))
        })
        .min_by_key(|m| m.0)
}

/// The line through `from` and `now`, carried on to `at`; checked, so a number beyond what a
/// decimal holds gives no projection.
fn project(
    from: (i32, Decimal),
    now: (i32, Decimal),
    at: i32,
    op: Op,
    bound: Decimal,
) -> Option<Projection> {
    let years = Decimal::from(now.0.checked_sub(from.0)?);
    let per_year = now.1.checked_sub(from.1)?.checked_div(years)?;
    let ahead = Decimal::from(at.checked_sub(now.0)?);
    let projected = now.1.checked_add(per_year.checked_mul(ahead)?)?;
    Some(Projection {
        from,
        per_year,
        projected,
        reaches: op.holds(projected, bound),
    })
}
