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
        // (file, why) → (rows, first year, last year)
        let mut whys: BTreeMap<(u32, Why), (Vec<usize>, i32, i32)> = BTreeMap::new();
        let mut states: Vec<Option<KeyState>> = vec![None; self.keys.len()];
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
            let state = *states[r.key as usize].get_or_insert_with(|| key_state(result, rules, id));
            let why = match state {
                _ if r.year > result.year => Why::AfterYear,
                KeyState::ClassGap => Why::ClassGap(r.key),
                KeyState::NotApplicable => Why::NotApplicable(r.key),
                KeyState::NoOwnTarget => Why::NoOwnTarget(r.key),
                KeyState::Judged => Why::NotRead,
            };
            let g = whys
                .entry((u32::from(r.file), why))
                .or_insert_with(|| (Vec::new(), r.year, r.year));
            g.0.push(r.row as usize);
            g.1 = g.1.min(r.year);
            g.2 = g.2.max(r.year);
        }
        // reasons are put in words once per group, rows become ranges
        let mut out: Vec<UnusedRows> = whys
            .into_iter()
            .map(|((file, why), (rows, from, to))| {
                let file = self.files.get(file as usize).map_or("", String::as_str);
                UnusedRows::of(file, why.text(result.year, (from, to), &self.keys), rows)
            })
            .collect();
        let listed = self.unused.get(&result.region).into_iter().flatten();
        out.extend(UnusedRows::group(
            listed.map(|u| (u.file.as_str(), u.reason.as_str(), u.row)),
        ));
        out.sort_by_key(|g| g.rows.first().map_or(0, |r| r[0]));
        out
    }
}

/// Why a stored row was not read, before it is put in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Why {
    AfterYear,
    ClassGap(u32),
    NotApplicable(u32),
    NoOwnTarget(u32),
    NotRead,
}

impl Why {
    /// The reason in words; `years` is the first and last year of the rows it covers.
    fn text(self, assessment: i32, years: (i32, i32), keys: &[SeriesKey]) -> String {
        let span = match years {
            (a, b) if a == b => format!("year {a}"),
            (a, b) => format!("years {a}–{b}"),
        };
        let id = |k: u32| match keys.get(k as usize) {
            Some(SeriesKey::Indicator { id } | SeriesKey::Named { id, .. }) => id.as_str(),
            _ => "",
        };
        match self {
            Why::AfterYear => format!("{span} after the assessment year {assessment}"),
            Why::ClassGap(k) => format!(
                "indicator {} is not judged: the region's classes do not say whether it applies",
                id(k)
            ),
            Why::NotApplicable(k) => format!("indicator {} does not apply to this region", id(k)),
            Why::NoOwnTarget(k) => format!(
                "indicator {} has no target of its own (its sub-indicators are judged)",
                id(k)
            ),
            Why::NotRead => format!("no target reads {span} (assessment year {assessment})"),
        }
    }
}

/// What became of the indicator a series belongs to, which decides why its rows went unread.
#[derive(Debug, Clone, Copy)]
enum KeyState {
    ClassGap,
    NotApplicable,
    NoOwnTarget,
    Judged,
}

fn key_state(result: &RegionResult, rules: &RuleSet, id: Option<&str>) -> KeyState {
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
        KeyState::ClassGap
    } else if judged.is_some_and(|i| i.verdict == crate::eval::Verdict::NotApplicable) {
        KeyState::NotApplicable
    } else if id.is_some_and(|id| rules.indicator(id).is_some_and(|i| i.predicate.is_none())) {
        KeyState::NoOwnTarget
    } else {
        KeyState::Judged
    }
}
