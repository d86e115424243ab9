//! Which input rows no verdict read, with the reason (SPEC §6: every row is used or listed).

use std::collections::BTreeMap;

use crate::data::{Dataset, SeriesKey, UnusedRows};
use crate::eval::{Bound, Fact, Reason, RegionResult};
use crate::rules::RuleSet;

impl Dataset {
    /// Every row of a region that was not used — listed when it was read (an unknown indicator,
    /// an empty row) or not read by any verdict of `result` — grouped by reason with row ranges.
    /// Which cells were read is taken from the evidence, so `result` must come from the
    /// explaining path (`lang = Some(…)`).
    pub fn unused_rows(&self, result: &RegionResult, rules: &RuleSet) -> Vec<UnusedRows> {
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
        let stored = self
            .region_position(&result.region)
            .and_then(|p| self.stored.get(p))
            .map_or(&[][..], Vec::as_slice);
        // one reason per kind of row, written once per group
        let mut whys: BTreeMap<(u32, Why), Vec<usize>> = BTreeMap::new();
        for r in stored {
            let key = &self.keys[r.key as usize];
            let (used, id) = match key {
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
            let why = why_unread(result, rules, r.year, r.key, id);
            whys.entry((r.file, why)).or_default().push(r.row);
        }
        let texts: Vec<(String, String, usize)> = whys
            .into_iter()
            .flat_map(|((file, why), rows)| {
                let file = self.files.get(file as usize).cloned().unwrap_or_default();
                let reason = why.text(result.year, &self.keys);
                rows.into_iter()
                    .map(move |row| (file.clone(), reason.clone(), row))
            })
            .chain(
                self.unused
                    .get(&result.region)
                    .into_iter()
                    .flatten()
                    .map(|u| (u.file.clone(), u.reason.clone(), u.row)),
            )
            .collect();
        UnusedRows::group(
            texts
                .iter()
                .map(|(f, r, row)| (f.as_str(), r.as_str(), *row)),
        )
    }
}

/// Why a stored row was not read, before it is put in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Why {
    AfterYear(i32),
    ClassGap(u32),
    NotApplicable(u32),
    NoOwnTarget(u32),
    NotRead(i32),
}

impl Why {
    fn text(self, assessment: i32, keys: &[SeriesKey]) -> String {
        let id = |k: u32| match keys.get(k as usize) {
            Some(SeriesKey::Indicator { id } | SeriesKey::Named { id, .. }) => id.as_str(),
            _ => "",
        };
        match self {
            Why::AfterYear(y) => format!("year {y} is after the assessment year {assessment}"),
            Why::ClassGap(k) => format!(
                "indicator {} is not judged: the region's classes do not say whether it applies",
                id(k)
            ),
            Why::NotApplicable(k) => format!("indicator {} does not apply to this region", id(k)),
            Why::NoOwnTarget(k) => format!(
                "indicator {} has no target of its own (its sub-indicators are judged)",
                id(k)
            ),
            Why::NotRead(y) => format!("no target reads year {y} (assessment year {assessment})"),
        }
    }
}

fn why_unread(
    result: &RegionResult,
    rules: &RuleSet,
    year: i32,
    key: u32,
    id: Option<&str>,
) -> Why {
    if year > result.year {
        return Why::AfterYear(year);
    }
    let judged = id.and_then(|id| result.indicators.iter().find(|i| i.id == id));
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
    if class_gap {
        Why::ClassGap(key)
    } else if judged.is_some_and(|i| i.verdict == crate::eval::Verdict::NotApplicable) {
        Why::NotApplicable(key)
    } else if id.is_some_and(|id| rules.indicator(id).is_some_and(|i| i.predicate.is_none())) {
        Why::NoOwnTarget(key)
    } else {
        Why::NotRead(year)
    }
}
