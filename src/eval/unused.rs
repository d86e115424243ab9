//! Which input rows no verdict read, with the reason (SPEC §6: every row is used or listed).

use std::collections::BTreeMap;

use super::machine::CellRead;
use super::{Evaluator, Fact, Reason, RegionResult, Verdict};
use crate::data::UnusedRows;
use crate::message::Unused;
use crate::Lang;

impl Evaluator<'_> {
    /// Every row of a region that was not used — listed when it was read (an unknown indicator,
    /// an empty row) or not read by any verdict of `result` — grouped by reason with row ranges.
    /// `reads` are the cells the evaluator recorded while explaining `result`.
    pub(crate) fn unused_rows(
        &self,
        pos: usize,
        result: &RegionResult,
        reads: Vec<CellRead>,
        lang: Lang,
    ) -> Vec<UnusedRows> {
        let Some(grid) = self.data.cells(pos) else {
            return Vec::new();
        };
        let mut read = vec![false; grid.len()];
        for c in reads {
            let slot = self
                .binding
                .column(c.series, c.target)
                .and_then(|col| grid.position(col, c.year));
            if let Some(i) = slot {
                read[i] = true;
            }
        }
        // a row is used when any of its cells (value, target) was read
        let mut used_lines: Vec<u32> = grid
            .filled()
            .filter(|(i, ..)| read[*i])
            .map(|(.., s)| s.line)
            .collect();
        used_lines.sort_unstable();
        // (why) → (rows, first year, last year); the owner of each column found once
        let mut whys: BTreeMap<Why, (Vec<usize>, i32, i32)> = BTreeMap::new();
        let mut owners: Vec<Option<Option<usize>>> = vec![None; self.data.columns.len()];
        for (i, column, year, slot) in grid.filled() {
            if read[i] || used_lines.binary_search(&slot.line).is_ok() {
                continue;
            }
            let owner = *owners
                .get_mut(column as usize)
                .map(|o| o.get_or_insert_with(|| self.owner(column)))
                .unwrap_or(&mut None);
            let why = if year > result.year {
                Why::AfterYear
            } else {
                owner.map_or(Why::NotRead, |idx| self.why(result, idx))
            };
            let g = whys.entry(why).or_insert_with(|| (Vec::new(), year, year));
            g.0.push(slot.line as usize);
            g.1 = g.1.min(year);
            g.2 = g.2.max(year);
        }
        self.group(result, whys, lang)
    }

    /// Reasons put in words once per group, rows as ranges, with the rows listed when read.
    fn group(
        &self,
        result: &RegionResult,
        whys: BTreeMap<Why, (Vec<usize>, i32, i32)>,
        lang: Lang,
    ) -> Vec<UnusedRows> {
        let ids: Vec<&str> = self
            .program
            .rules
            .indicators
            .iter()
            .map(|i| i.id.as_str())
            .collect();
        let mut out: Vec<UnusedRows> = whys
            .into_iter()
            .flat_map(|(why, (rows, from, to))| {
                let text = why.reason(result.year, (from, to), &ids).text(lang);
                self.data
                    .rows_by_file(rows)
                    .into_iter()
                    .map(move |(file, rows)| UnusedRows::of(&file, text.clone(), rows))
            })
            .collect();
        let listed: Vec<(&str, String, usize)> = self
            .data
            .unused
            .get(&result.region)
            .into_iter()
            .flatten()
            .map(|u| (u.file.as_str(), u.reason.text(lang), u.row))
            .collect();
        out.extend(UnusedRows::group(
            listed.iter().map(|(f, r, row)| (*f, r.as_str(), *row)),
        ));
        out.sort_by(|a, b| (&a.file, a.rows.first()).cmp(&(&b.file, b.rows.first())));
        out
    }

    /// The indicator a dataset column belongs to.
    fn owner(&self, column: u32) -> Option<usize> {
        let &(key, _) = self.data.columns.get(column as usize)?;
        let key = self.data.keys.get(key as usize)?;
        self.program.owner(self.program.id(key)?)
    }

    /// What became of the indicator at `idx`, which decides why its rows went unread.
    fn why(&self, result: &RegionResult, idx: usize) -> Why {
        let judged = result.indicators.get(idx);
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
        let off_year = judged.is_some_and(|i| {
            i.evidence
                .iter()
                .any(|f| matches!(f, Fact::NotTargetYear { .. }))
        });
        if class_gap {
            Why::ClassGap(idx)
        } else if off_year && judged.is_some_and(|i| i.verdict == Verdict::NotApplicable) {
            Why::NotTargetYear(idx)
        } else if judged.is_some_and(|i| i.verdict == Verdict::NotApplicable) {
            Why::NotApplicable(idx)
        } else if self
            .program
            .indicators
            .get(idx)
            .is_some_and(|c| c.code.is_none())
        {
            Why::NoOwnTarget(idx)
        } else {
            Why::NotRead
        }
    }
}

/// Why a stored row was not read, before it is put in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Why {
    AfterYear,
    ClassGap(usize),
    NotApplicable(usize),
    NotTargetYear(usize),
    NoOwnTarget(usize),
    NotRead,
}

impl Why {
    /// The reason; `years` is the first and last year of the rows it covers.
    fn reason(self, assessment: i32, years: (i32, i32), ids: &[&str]) -> Unused {
        let id = |k: usize| ids.get(k).copied().unwrap_or("").to_string();
        match self {
            Why::AfterYear => Unused::AfterYear { years, assessment },
            Why::ClassGap(k) => Unused::ClassGap { id: id(k) },
            Why::NotApplicable(k) => Unused::NotApplicable { id: id(k) },
            Why::NotTargetYear(k) => Unused::NotTargetYear {
                id: id(k),
                assessment,
            },
            Why::NoOwnTarget(k) => Unused::NoOwnTarget { id: id(k) },
            Why::NotRead => Unused::YearsNotRead { years, assessment },
        }
    }
}
