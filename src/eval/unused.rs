//! Which input rows no verdict read, with the reason (SPEC §6: every row is used or listed).

use std::collections::BTreeMap;

use crate::data::{Dataset, SeriesKey, UnusedRows};
use crate::eval::{Fact, Read, Reason, RegionResult};
use crate::rules::RuleSet;

impl Dataset {
    /// Every row of a region that was not used — listed when it was read (an unknown indicator,
    /// an empty row) or not read by any verdict of `result` — grouped by reason with row ranges.
    /// Which cells were read is what the evaluator recorded (`IndicatorResult::reads`), so
    /// `result` must come from the explaining path (`lang = Some(…)`).
    pub fn unused_rows(&self, result: &RegionResult, rules: &RuleSet) -> Vec<UnusedRows> {
        use std::collections::HashSet;
        // (indicator id, named series, year, target column), as the evaluator recorded its reads
        let mut read: HashSet<(&str, Option<&str>, i32, bool)> = HashSet::new();
        let mut events: HashSet<(&str, i32)> = HashSet::new();
        for ind in &result.indicators {
            let id = ind.id.as_str();
            for cell in &ind.reads {
                match cell {
                    Read::Value { quantity, year } => {
                        read.insert((id, quantity.as_deref(), *year, false));
                    }
                    Read::Target { quantity, year } => {
                        read.insert((id, quantity.as_deref(), *year, true));
                    }
                    Read::Event { event, year } => {
                        events.insert((event.as_str(), *year));
                    }
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
