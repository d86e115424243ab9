//! The evaluator: compiled [`Code`] run against a region's cells by series id.
//!
//! One evaluator serves two paths: with [`Silent`] it records nothing (no allocation per value),
//! with [`Trace`] it records [`Fact`]s for explanations and the cells it read. The semantics are
//! SPEC §4; all arithmetic is checked `Decimal` arithmetic, so overflow and division by zero
//! give `insufficient` with a reason instead of a panic.

use rust_decimal::Decimal;

use super::source::{CellRef, RegionClasses, Source};
use super::words::{attests, cell_affirms, cell_verdict};
use super::{Bound, Fact, Reason};
use crate::rules::{Code, CodeGuard, Qty, SeriesId};
use crate::types::{first_year, Direction, Measure, Op, Settings, TrendMode, Verdict};

/// A cell read: series, year, target column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct CellRead {
    pub(crate) series: SeriesId,
    pub(crate) year: i32,
    pub(crate) target: bool,
}

/// Where facts and the cells read go: nowhere (verdict-only) or into lists.
pub(crate) trait Recorder {
    const ON: bool;
    fn note(&mut self, f: impl FnOnce() -> Fact);
    fn read(&mut self, cell: CellRead);
}

/// The verdict-only recorder.
pub(crate) struct Silent;

impl Recorder for Silent {
    const ON: bool = false;
    #[inline(always)]
    fn note(&mut self, _: impl FnOnce() -> Fact) {}
    #[inline(always)]
    fn read(&mut self, _: CellRead) {}
}

/// The explaining path's recorder.
#[derive(Default)]
pub(crate) struct Trace {
    pub(crate) facts: Vec<Fact>,
    pub(crate) reads: Vec<CellRead>,
}

impl Recorder for Trace {
    const ON: bool = true;
    fn note(&mut self, f: impl FnOnce() -> Fact) {
        self.facts.push(f());
    }
    fn read(&mut self, cell: CellRead) {
        self.reads.push(cell);
    }
}

/// Evaluation of one indicator for one region in one assessment year.
#[derive(Clone, Copy)]
pub(crate) struct Machine<'a, S> {
    pub(crate) source: &'a S,
    pub(crate) classes: &'a RegionClasses<'a>,
    pub(crate) own: SeriesId,
    /// The name of the series read as "own" when it is a named quantity (`「X」≥90`).
    pub(crate) own_name: Option<&'a str>,
    pub(crate) year: i32,
    pub(crate) settings: Settings,
    pub(crate) unit: Option<&'a str>,
}

/// Kleene `and` (or `or` when `any`) of items evaluated in turn; the verdict-only path stops at
/// the first decisive verdict (a `fail` for `and`, a `pass` for `or`).
fn join<R: Recorder, T>(
    items: impl IntoIterator<Item = T>,
    any: bool,
    r: &mut R,
    mut eval: impl FnMut(T, &mut R) -> Verdict,
) -> Verdict {
    let decisive = if any { Verdict::Pass } else { Verdict::Fail };
    let mut acc = Verdict::NotApplicable;
    for item in items {
        let v = eval(item, r);
        if !R::ON && v == decisive {
            return v;
        }
        acc = if any {
            Verdict::any([acc, v])
        } else {
            Verdict::all([acc, v])
        };
    }
    acc
}

/// A threshold on a cell, verdict only: a number compared, anything else 数据不足 (the
/// recording path is [`Machine::eval`], which says why).
pub(crate) fn level(cell: Option<CellRef<'_>>, op: Op, value: Decimal) -> Verdict {
    match cell {
        Some(CellRef::Number(v)) => Verdict::from_holds(op.holds(v, value)),
        _ => Verdict::Insufficient,
    }
}

fn name(q: Option<&str>) -> Option<String> {
    q.map(str::to_string)
}

impl<S: Source> Machine<'_, S> {
    fn own(&self) -> Qty<'_> {
        Qty {
            id: self.own,
            name: self.own_name,
            polarity: self.settings.polarity,
        }
    }

    /// A number of a series for a year, or a recorded reason why not.
    fn number<R: Recorder>(
        &self,
        q: Qty<'_>,
        year: i32,
        target: bool,
        r: &mut R,
    ) -> Option<Decimal> {
        r.read(CellRead {
            series: q.id,
            year,
            target,
        });
        match self.source.cell(q.id, year, target) {
            Some(CellRef::Number(d)) => Some(d),
            Some(CellRef::Word(w)) => {
                r.note(|| Fact::Missing {
                    quantity: name(q.name),
                    year: Some(year),
                    reason: Reason::NotANumber {
                        word: w.to_string(),
                    },
                });
                None
            }
            None => {
                r.note(|| Fact::Missing {
                    quantity: name(q.name),
                    year: Some(year),
                    reason: if target {
                        Reason::NoTarget
                    } else {
                        Reason::NoValue
                    },
                });
                None
            }
        }
    }

    /// Resolve `better` with the quantity's polarity.
    fn direction<R: Recorder>(&self, d: Direction, q: Qty<'_>, r: &mut R) -> Option<Direction> {
        let out = d.resolve(q.polarity);
        if out.is_none() {
            r.note(|| Fact::Missing {
                quantity: name(q.name),
                year: None,
                reason: Reason::NoPolarity,
            });
        }
        out
    }

    fn compared<R: Recorder>(
        &self,
        r: &mut R,
        q: Qty<'_>,
        value: Decimal,
        op: Op,
        bound: Decimal,
        kind: impl FnOnce() -> Bound,
    ) -> Verdict {
        let holds = op.holds(value, bound);
        r.note(|| Fact::Compared {
            year: self.year,
            quantity: name(q.name),
            value,
            op,
            bound,
            against: kind(),
            unit: self.unit.map(str::to_string),
            holds,
        });
        Verdict::from_holds(holds)
    }

    fn overflow<R: Recorder>(&self, r: &mut R) -> Verdict {
        r.note(|| Fact::Missing {
            quantity: None,
            year: Some(self.year),
            reason: Reason::Overflow,
        });
        Verdict::Insufficient
    }

    /// The own value for Y compared with a threshold.
    fn threshold<R: Recorder>(&self, op: Op, value: Decimal, r: &mut R) -> Verdict {
        match self.number(self.own(), self.year, false, r) {
            Some(v) => self.compared(r, self.own(), v, op, value, || Bound::Threshold),
            None => Verdict::Insufficient,
        }
    }

    pub(crate) fn eval<R: Recorder>(&self, p: &Code<'_>, r: &mut R) -> Verdict {
        let y = self.year;
        match p {
            Code::Compare { op, value } => self.threshold(*op, *value, r),
            Code::Reach { value } => match self.direction(Direction::Better, self.own(), r) {
                Some(Direction::Down) => self.threshold(Op::Le, *value, r),
                Some(_) => self.threshold(Op::Ge, *value, r),
                None => Verdict::Insufficient,
            },
            Code::Range { min, max } => {
                let Some(v) = self.number(self.own(), y, false, r) else {
                    return Verdict::Insufficient;
                };
                let lo = self.compared(r, self.own(), v, Op::Ge, *min, || Bound::Threshold);
                let hi = self.compared(r, self.own(), v, Op::Le, *max, || Bound::Threshold);
                Verdict::all([lo, hi])
            }
            Code::Approx { value } => self.approx(*value, r),
            Code::Share {
                op,
                value,
                requirement,
            } => self.share(*op, *value, requirement, r),
            Code::Superior { q } => self.superior(*q, r),
            Code::Reference { op, q } => {
                let v = self.number(self.own(), y, false, r);
                let rv = self.number(*q, y, false, r);
                match (v, rv) {
                    (Some(v), Some(rv)) => {
                        let reference = q.name.unwrap_or_default();
                        self.compared(r, self.own(), v, *op, rv, || {
                            Bound::Reference(reference.to_string())
                        })
                    }
                    _ => Verdict::Insufficient,
                }
            }
            Code::Trend {
                mode,
                direction,
                q,
                window,
            } => self.trend(
                *mode,
                *direction,
                *q,
                window.unwrap_or(self.settings.window),
                r,
            ),
            Code::Change {
                measure,
                direction,
                op,
                value,
                base,
                about,
            } => {
                let op = if *about { None } else { Some(*op) };
                self.change(
                    *measure,
                    *direction,
                    op,
                    *value,
                    base.unwrap_or(y.saturating_sub(1)),
                    r,
                )
            }
            Code::Status {
                q,
                requirement,
                negated,
            } => self.status(*q, requirement, Some(*negated), r),
            Code::Qualitative { text } => self.status(self.own(), text, None, r),
            Code::NoEvent { years, event, name } => self.no_event(*years, *event, name, r),
            Code::EachYear { years, item } => {
                let years = first_year(y, *years)..=y;
                join(years, false, r, |year, r| {
                    Machine { year, ..*self }.eval(item, r)
                })
            }
            Code::All(items) => join(items, false, r, |p, r| self.eval(p, r)),
            Code::Any(items) => join(items, true, r, |p, r| self.eval(p, r)),
            Code::Tiered(tiers) => self.tiered(tiers, r),
            Code::Of { q, item } => {
                let settings = Settings {
                    polarity: q.polarity,
                    ..self.settings
                };
                let named = Machine {
                    own: q.id,
                    own_name: q.name,
                    settings,
                    ..*self
                };
                named.eval(item, r)
            }
        }
    }

    /// `80%的乡镇达到…`: the share of sub-regions whose record for Y affirms the requirement;
    /// a region without sub-regions gives the share directly as its own value.
    fn share<R: Recorder>(&self, op: Op, value: Decimal, requirement: &str, r: &mut R) -> Verdict {
        let total = self.source.sub_regions();
        if total == 0 {
            return self.threshold(op, value, r);
        }
        let mut met = 0usize;
        for i in 0..total {
            let (name, cell) = self.source.sub_cell(i, self.own, self.year);
            let affirmed = cell.and_then(|c| attests(c, requirement, false));
            match (cell, affirmed) {
                (_, Some(ok)) => met += usize::from(ok),
                (None, None) => {
                    r.note(|| Fact::Missing {
                        quantity: Some(name.to_string()),
                        year: Some(self.year),
                        reason: Reason::NoValue,
                    });
                    return Verdict::Insufficient;
                }
                (Some(c), None) => {
                    r.note(|| Fact::Missing {
                        quantity: Some(name.to_string()),
                        year: Some(self.year),
                        reason: Reason::UnknownWord { word: c.text() },
                    });
                    return Verdict::Insufficient;
                }
            }
        }
        let share = Decimal::from(met)
            .checked_mul(Decimal::ONE_HUNDRED)
            .and_then(|x| x.checked_div(Decimal::from(total)));
        let Some(share) = share else {
            return self.overflow(r);
        };
        let holds = op.holds(share, value);
        r.note(|| Fact::SubRegions {
            requirement: requirement.to_string(),
            met,
            total,
            share,
            op,
            bound: value,
            holds,
        });
        Verdict::from_holds(holds)
    }

    /// `15左右`: within the approximate tolerance of the value, either way.
    fn approx<R: Recorder>(&self, value: Decimal, r: &mut R) -> Verdict {
        let Some(v) = self.number(self.own(), self.year, false, r) else {
            return Verdict::Insufficient;
        };
        let bounds = self
            .settings
            .approx
            .amount(value)
            .and_then(|tol| Some((value.checked_sub(tol)?, value.checked_add(tol)?)));
        let Some((lo, hi)) = bounds else {
            return self.overflow(r);
        };
        let a = self.compared(r, self.own(), v, Op::Ge, lo, || Bound::Threshold);
        let b = self.compared(r, self.own(), v, Op::Le, hi, || Bound::Threshold);
        Verdict::all([a, b])
    }

    fn superior<R: Recorder>(&self, q: Qty<'_>, r: &mut R) -> Verdict {
        // A named quantity's superior target is a control cap (`不超过控制目标值`).
        let op = if q.name.is_some() {
            Op::Le
        } else {
            match self.direction(Direction::Better, q, r) {
                Some(Direction::Down) => Op::Le,
                Some(_) => Op::Ge,
                None => return Verdict::Insufficient,
            }
        };
        let v = self.number(q, self.year, false, r);
        let g = self.number(q, self.year, true, r);
        match (v, g) {
            (Some(v), Some(g)) => self.compared(r, q, v, op, g, || Bound::Superior),
            _ => Verdict::Insufficient,
        }
    }

    fn tiered<R: Recorder>(
        &self,
        tiers: &[(CodeGuard<'_>, &crate::predicate::Guard, Code<'_>)],
        r: &mut R,
    ) -> Verdict {
        for (i, (guard, written, then)) in tiers.iter().enumerate() {
            let holds = match guard {
                CodeGuard::Region(e) => match self.classes.holds(e) {
                    Ok(b) => b,
                    Err(gap) => {
                        r.note(|| Fact::Missing {
                            quantity: None,
                            year: None,
                            reason: gap.reason(),
                        });
                        return Verdict::Insufficient;
                    }
                },
                CodeGuard::Level { op, value } => {
                    match self.number(self.own(), self.year.saturating_sub(1), false, r) {
                        Some(b) => op.holds(b, *value),
                        None => return Verdict::Insufficient,
                    }
                }
                CodeGuard::Years(ys) => ys.contains(&self.year),
                CodeGuard::Otherwise => true,
            };
            if holds {
                r.note(|| Fact::Tier {
                    index: i,
                    guard: (*written).clone(),
                });
                return self.eval(then, r);
            }
        }
        let years: Option<Vec<i32>> = tiers
            .iter()
            .map(|(g, _, _)| match g {
                CodeGuard::Years(ys) => Some(ys.to_vec()),
                _ => None,
            })
            .collect::<Option<Vec<_>>>()
            .map(|v| v.concat());
        match years {
            Some(years) => r.note(|| Fact::NotTargetYear {
                year: self.year,
                years,
            }),
            None => r.note(|| Fact::NoTier),
        }
        Verdict::NotApplicable
    }

    fn no_event<R: Recorder>(
        &self,
        years: Option<u32>,
        event: SeriesId,
        name: &str,
        r: &mut R,
    ) -> Verdict {
        let y = self.year;
        if !self.source.has_records(event) {
            r.note(|| Fact::Missing {
                quantity: Some(name.to_string()),
                year: None,
                reason: Reason::NoRecords,
            });
            return Verdict::Insufficient;
        }
        let n = years.unwrap_or(self.settings.window).max(1);
        let from = first_year(y, n);
        // a definite occurrence decides; otherwise an unreadable record leaves it open
        let mut occurred = None;
        let mut unknown = None;
        for year in from..=y {
            r.read(CellRead {
                series: event,
                year,
                target: false,
            });
        }
        for year in from..=y {
            let Some(v) = self.source.cell(event, year, false) else {
                continue;
            };
            match cell_affirms(v, None) {
                Some(true) => {
                    occurred = Some(year);
                    break;
                }
                Some(false) => {}
                None => unknown = unknown.or(Some((year, v))),
            }
        }
        if let (None, Some((year, v))) = (occurred, unknown) {
            r.note(|| Fact::Missing {
                quantity: Some(name.to_string()),
                year: Some(year),
                reason: Reason::UnknownWord { word: v.text() },
            });
            return Verdict::Insufficient;
        }
        r.note(|| Fact::Event {
            event: name.to_string(),
            from,
            to: y,
            occurred,
        });
        Verdict::from_holds(occurred.is_none())
    }

    /// A requirement attested by a recorded word for Y: a status requirement (`建立`: `已建立`
    /// affirms it; `negated` says whether it is a negative one) or, with `negated: None`, a
    /// qualitative one (`定性 "…"`: only 达标/未达标/是/否 and the like decide).
    fn status<R: Recorder>(
        &self,
        q: Qty<'_>,
        requirement: &str,
        negated: Option<bool>,
        r: &mut R,
    ) -> Verdict {
        let y = self.year;
        r.read(CellRead {
            series: q.id,
            year: y,
            target: false,
        });
        let Some(v) = self.source.cell(q.id, y, false) else {
            r.note(|| Fact::Missing {
                quantity: name(q.name),
                year: Some(y),
                reason: Reason::NoValue,
            });
            return Verdict::Insufficient;
        };
        let affirmed = match negated {
            None => cell_verdict(v),
            Some(negated) => attests(v, requirement, negated),
        };
        let Some(ok) = affirmed else {
            r.note(|| Fact::Missing {
                quantity: name(q.name),
                year: Some(y),
                reason: Reason::UnknownWord { word: v.text() },
            });
            return Verdict::Insufficient;
        };
        r.note(|| Fact::Status {
            year: y,
            quantity: name(q.name),
            word: v.text(),
            requirement: requirement.to_string(),
            affirmed: ok,
            qualitative: negated.is_none(),
        });
        Verdict::from_holds(ok)
    }

    fn trend<R: Recorder>(
        &self,
        mode: TrendMode,
        d: Direction,
        q: Qty<'_>,
        w: u32,
        r: &mut R,
    ) -> Verdict {
        let Some(d) = self.direction(d, q, r) else {
            return Verdict::Insufficient;
        };
        let first = first_year(self.year, w.max(2));
        // All window years must be present; report every missing one.
        let mut complete = true;
        for year in first..=self.year {
            if self.number(q, year, false, r).is_none() {
                complete = false;
                if !R::ON {
                    return Verdict::Insufficient;
                }
            }
        }
        if !complete {
            return Verdict::Insufficient;
        }
        let at = |year: i32| match self.source.cell(q.id, year, false) {
            Some(CellRef::Number(d)) => d,
            _ => Decimal::ZERO,
        };
        let signed = |from: Decimal, to: Decimal| -> Option<Decimal> {
            let delta = to.checked_sub(from)?;
            Some(if d == Direction::Down { -delta } else { delta })
        };
        let step = |from_year: i32, to_year: i32, a: Decimal, b: Decimal, ok: bool| Fact::Step {
            quantity: name(q.name),
            from_year,
            from: a,
            to_year,
            to: b,
            direction: d,
            mode,
            ok,
        };
        if mode == TrendMode::Overall {
            let (a, b) = (at(first), at(self.year));
            let Some(m) = signed(a, b) else {
                return self.overflow(r);
            };
            let ok = m > Decimal::ZERO;
            r.note(|| step(first, self.year, a, b, ok));
            return Verdict::from_holds(ok);
        }
        let mut verdict = Verdict::Pass;
        for year in first..self.year {
            let (a, b) = (at(year), at(year.saturating_add(1)));
            let Some(m) = signed(a, b) else {
                return self.overflow(r);
            };
            let ok = match mode {
                TrendMode::HoldOrImprove => match self.settings.tolerance.amount(a) {
                    Some(tol) => m >= -tol,
                    None => return self.overflow(r),
                },
                TrendMode::Continuous => m > Decimal::ZERO,
                _ => m >= Decimal::ZERO,
            };
            r.note(|| step(year, year.saturating_add(1), a, b, ok));
            if !ok {
                verdict = Verdict::Fail;
                if !R::ON {
                    return verdict;
                }
            }
        }
        verdict
    }

    fn change<R: Recorder>(
        &self,
        measure: Measure,
        d: Direction,
        op: Option<Op>,
        bound: Decimal,
        base: i32,
        r: &mut R,
    ) -> Verdict {
        let Some(d) = self.direction(d, self.own(), r) else {
            return Verdict::Insufficient;
        };
        let b = self.number(self.own(), base, false, r);
        let v = self.number(self.own(), self.year, false, r);
        let (Some(b), Some(v)) = (b, v) else {
            return Verdict::Insufficient;
        };
        let Some(delta) = v.checked_sub(b) else {
            return self.overflow(r);
        };
        let delta = if d == Direction::Down { -delta } else { delta };
        let change = match measure {
            Measure::Difference => delta,
            Measure::Relative => {
                if b.is_zero() {
                    r.note(|| Fact::Missing {
                        quantity: None,
                        year: Some(base),
                        reason: Reason::DivisionByZero,
                    });
                    return Verdict::Insufficient;
                }
                match delta
                    .checked_mul(Decimal::ONE_HUNDRED)
                    .and_then(|x| x.checked_div(b))
                {
                    Some(c) => c,
                    None => return self.overflow(r),
                }
            }
        };
        // `None`: within the approximate tolerance of the bound (`下降15%左右`)
        let tolerance = match op {
            Some(_) => None,
            None => match self.settings.approx.amount(bound) {
                Some(t) => Some(t),
                None => return self.overflow(r),
            },
        };
        let holds = match (op, tolerance) {
            (Some(op), _) => op.holds(change, bound),
            (None, t) => match change.checked_sub(bound) {
                Some(d) => t.is_some_and(|t| d.abs() <= t),
                None => return self.overflow(r),
            },
        };
        let op = op.unwrap_or(Op::Eq);
        r.note(|| Fact::Change {
            base_year: base,
            base: b,
            year: self.year,
            value: v,
            measure,
            direction: d,
            change,
            op,
            bound,
            tolerance,
            holds,
        });
        Verdict::from_holds(holds)
    }
}
