//! Which input rows no verdict read, with the reason (SPEC §6: every row is used or listed).

use crate::data::{Dataset, SeriesKey, UnusedRow};
use crate::eval::{Bound, Fact, Reason, RegionResult};
use crate::rules::RuleSet;

impl Dataset {
    /// The rows of a region that no verdict of `result` read, each with the reason. Which
    /// cells were read is taken from the evidence, so `result` must come from the explaining
    /// path (`lang = Some(…)`).
    pub fn unread_rows(&self, result: &RegionResult, rules: &RuleSet) -> Vec<UnusedRow> {
        use std::collections::BTreeSet;
        // (indicator id, named series, year, target column)
        let mut read: BTreeSet<(&str, Option<&str>, i32, bool)> = BTreeSet::new();
        let mut events: BTreeSet<(&str, i32)> = BTreeSet::new();
        for ind in &result.indicators {
            let id = ind.id.as_str();
            for f in &ind.evidence {
                match f {
                    Fact::Compared {
                        year,
                        quantity,
                        against,
                        ..
                    } => {
                        let q = quantity.as_deref();
                        match against {
                            Bound::Reference(name) => {
                                read.insert((id, None, *year, false));
                                read.insert((id, Some(name.as_str()), *year, false));
                            }
                            Bound::Superior => {
                                read.insert((id, q, *year, false));
                                read.insert((id, q, *year, true));
                            }
                            Bound::Threshold => {
                                read.insert((id, q, *year, false));
                            }
                        }
                    }
                    Fact::Step {
                        quantity,
                        from_year,
                        to_year,
                        ..
                    } => {
                        read.insert((id, quantity.as_deref(), *from_year, false));
                        read.insert((id, quantity.as_deref(), *to_year, false));
                    }
                    Fact::Change {
                        base_year, year, ..
                    } => {
                        read.insert((id, None, *base_year, false));
                        read.insert((id, None, *year, false));
                    }
                    Fact::Status { year, quantity, .. } => {
                        read.insert((id, quantity.as_deref(), *year, false));
                    }
                    Fact::Missing {
                        quantity,
                        year: Some(y),
                        reason,
                    } => {
                        // a missing target means the value beside it was looked at too
                        if matches!(reason, Reason::NoTarget) {
                            read.insert((id, quantity.as_deref(), *y, true));
                        }
                        read.insert((id, quantity.as_deref(), *y, false));
                        if let Some(q) = quantity {
                            events.insert((q.as_str(), *y));
                        }
                    }
                    Fact::Event {
                        event, from, to, ..
                    } => {
                        for y in *from..=*to {
                            events.insert((event.as_str(), y));
                        }
                    }
                    Fact::Tier {
                        guard: crate::predicate::Guard::Level { .. },
                        ..
                    } => {
                        read.insert((id, None, result.year - 1, false));
                    }
                    _ => {}
                }
            }
        }
        let veto_from = result.year - rules.system.window as i32 + 1;
        let mut out = Vec::new();
        for r in self.stored.iter().filter(|r| r.region == result.region) {
            let (used, id) = match &r.key {
                SeriesKey::Indicator { id } => (
                    (r.value && read.contains(&(id.as_str(), None, r.year, false)))
                        || (r.target && read.contains(&(id.as_str(), None, r.year, true))),
                    Some(id.as_str()),
                ),
                SeriesKey::Named { id, name } => (
                    (r.value && read.contains(&(id.as_str(), Some(name.as_str()), r.year, false)))
                        || (r.target
                            && read.contains(&(id.as_str(), Some(name.as_str()), r.year, true))),
                    Some(id.as_str()),
                ),
                SeriesKey::Veto { .. } => ((veto_from..=result.year).contains(&r.year), None),
                SeriesKey::Event { name } => (events.contains(&(name.as_str(), r.year)), None),
            };
            if used {
                continue;
            }
            let judged = id.and_then(|id| result.indicators.iter().find(|i| i.id == id));
            let verdict = judged.map(|i| i.verdict);
            let class_gap = judged.is_some_and(|i| {
                i.evidence.iter().any(|f| {
                    matches!(
                        f,
                        Fact::Missing {
                            reason: Reason::NoClass { .. } | Reason::UndeclaredClass { .. },
                            ..
                        }
                    )
                })
            });
            let reason = if r.year > result.year {
                format!(
                    "year {} is after the assessment year {}",
                    r.year, result.year
                )
            } else if class_gap {
                format!(
                    "indicator {} is not judged: the region's classes do not say whether it applies",
                    id.unwrap_or_default()
                )
            } else if verdict == Some(crate::eval::Verdict::NotApplicable) {
                format!(
                    "indicator {} does not apply to this region",
                    id.unwrap_or_default()
                )
            } else if id
                .is_some_and(|id| rules.indicator(id).is_some_and(|i| i.predicate.is_none()))
            {
                format!(
                    "indicator {} has no target of its own (its sub-indicators are judged)",
                    id.unwrap_or_default()
                )
            } else {
                format!(
                    "no target reads year {} (assessment year {})",
                    r.year, result.year
                )
            };
            out.push(UnusedRow {
                file: r.file.clone(),
                row: r.row,
                indicator: r.cell.clone(),
                reason,
            });
        }
        out
    }
}
