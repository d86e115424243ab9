//! Whole-system evaluation: every indicator of a compiled rule set for a region, composites,
//! `适用`, vetoes and the overall verdict (SPEC §4).

use std::thread;

use super::machine::{level, CellRead, Machine, Recorder, Silent, Trace};
use super::result::share_met;
pub use super::result::{Coverage, IndicatorResult, RegionResult, VetoResult, VetoState};
use super::source::{Binding, CellRef, ClassGap, GridSource, ModelSource, RegionClasses, Source};
use super::words::cell_affirms;
use super::{explain, public_reads, Fact, Outcome, RegionData, Verdict};
use crate::data::store::Cell;
use crate::data::Dataset;
use crate::rules::{Attribute, Code, Program, RuleSet};
use crate::Lang;

/// One region being evaluated: the compiled rules, the region's cells and its classes.
struct Run<'a, S> {
    program: &'a Program<'a>,
    source: &'a S,
    classes: &'a RegionClasses<'a>,
    year: i32,
}

impl<'a, S: Source> Run<'a, S> {
    fn new(
        program: &'a Program<'a>,
        source: &'a S,
        classes: &'a RegionClasses<'a>,
        year: i32,
    ) -> Self {
        Run {
            program,
            source,
            classes,
            year,
        }
    }

    /// Whether `适用` lets the indicator at `idx` apply; a gap when the region's classes do not
    /// say (never read as "does not apply").
    fn applies(&self, idx: usize) -> Result<bool, ClassGap<'a>> {
        match &self.program.indicators[idx].applies {
            None => Ok(true),
            Some(a) => self.classes.holds(a),
        }
    }

    fn machine(&self, idx: usize) -> Machine<'_, S> {
        let c = &self.program.indicators[idx];
        Machine {
            source: self.source,
            classes: self.classes,
            own: c.own,
            own_name: None,
            year: self.year,
            settings: c.settings,
            unit: self.program.rules.indicators[idx].unit.as_deref(),
        }
    }

    /// The indicator's own verdict, recorded into `r`.
    fn own<R: Recorder>(&self, idx: usize, r: &mut R) -> Option<Verdict> {
        let c = &self.program.indicators[idx];
        let code = c.code.as_ref()?;
        if let (false, Code::Compare { op, value }) = (R::ON, code) {
            // the commonest target, a threshold on the own value, read straight from its column
            // when nothing is recorded (the same verdicts as `Machine::threshold`)
            return Some(level(
                self.source.cell(c.own, self.year, false),
                *op,
                *value,
            ));
        }
        Some(self.machine(idx).eval(code, r))
    }

    /// Whether a veto item occurred in the window (its cells are marked read when `reads` is
    /// given; the verdict-only path records nothing).
    fn veto(&self, v: usize, reads: Option<&mut Vec<CellRead>>) -> (VetoState, Option<i32>) {
        let series = self.program.vetoes[v];
        let from = crate::types::first_year(self.year, self.program.rules.system.window);
        let mut state = VetoState::NotRecorded;
        if let Some(reads) = reads {
            reads.extend((from..=self.year).map(|year| CellRead {
                series,
                year,
                target: false,
            }));
        }
        for year in from..=self.year {
            match self
                .source
                .cell(series, year, false)
                .and_then(|c| cell_affirms(c, None))
            {
                Some(true) => return (VetoState::Occurred, Some(year)),
                Some(false) => state = VetoState::NotOccurred,
                None => {}
            }
        }
        (state, None)
    }

    /// One indicator's verdict (its `适用`, its own target and its sub-indicators), nothing else.
    fn indicator_verdict(&self, idx: usize) -> Verdict {
        match self.applies(idx) {
            Ok(true) => {}
            Ok(false) => return Verdict::NotApplicable,
            Err(_) => return Verdict::Insufficient,
        }
        let own = self.own(idx, &mut Silent);
        let kids = &self.program.indicators[idx].kids;
        if kids.is_empty() {
            own.unwrap_or(Verdict::NotApplicable)
        } else {
            let kids = kids.iter().map(|&j| self.indicator_verdict(j));
            Verdict::all(own.into_iter().chain(kids))
        }
    }

    /// The overall verdict only: no explanations, one allocation.
    fn verdict(&self) -> Verdict {
        let n = self.program.indicators.len();
        let mut verdicts = vec![Verdict::NotApplicable; n];
        for idx in (0..n).rev() {
            verdicts[idx] = match self.applies(idx) {
                Ok(true) => {
                    let own = self.own(idx, &mut Silent);
                    let kids = &self.program.indicators[idx].kids;
                    if kids.is_empty() {
                        own.unwrap_or(Verdict::NotApplicable)
                    } else {
                        Verdict::all(own.into_iter().chain(kids.iter().map(|&j| verdicts[j])))
                    }
                }
                Ok(false) => Verdict::NotApplicable,
                Err(_) => Verdict::Insufficient,
            };
        }
        let vetoed =
            (0..self.program.vetoes.len()).any(|v| self.veto(v, None).0 == VetoState::Occurred);
        overall(self.program.rules, |i| verdicts[i], vetoed).0
    }

    /// Every indicator with evidence (when `lang` is given), and the cells read.
    fn evaluate(&self, name: &str, lang: Option<Lang>, reads: &mut Vec<CellRead>) -> RegionResult {
        let rules = self.program.rules;
        let n = rules.indicators.len();
        let mut results: Vec<Option<IndicatorResult>> = vec![None; n];
        // children come after their parent: evaluate from the end so children are ready
        for idx in (0..n).rev() {
            let (outcome, explanation) = self.indicator(idx, &results, lang, reads);
            let ind = &rules.indicators[idx];
            let own = self.program.indicators[idx].own;
            results[idx] = Some(IndicatorResult {
                id: ind.id.clone(),
                name: ind.name.clone(),
                parent: ind.parent.clone(),
                attribute: ind.attribute,
                verdict: outcome.verdict,
                value: self.source.cell(own, self.year, false).map(|c| c.text()),
                unit: ind.unit.clone(),
                target_text: ind.target.clone(),
                explanation,
                evidence: outcome.evidence,
                reads: outcome.reads,
                progress: lang.and_then(|_| {
                    super::progress::next_milestone(ind, own, self.source, self.year, reads)
                }),
            });
        }
        let indicators: Vec<IndicatorResult> = results.into_iter().flatten().collect();
        self.result(name, indicators, reads)
    }

    /// One indicator's outcome and explanation, its sub-indicators' verdicts included.
    fn indicator(
        &self,
        idx: usize,
        done: &[Option<IndicatorResult>],
        lang: Option<Lang>,
        reads: &mut Vec<CellRead>,
    ) -> (Outcome, String) {
        let applicable = self.applies(idx);
        let (mut outcome, mut explanation) = self.own_outcome(idx, lang, applicable, reads);
        let kids = &self.program.indicators[idx].kids;
        if applicable == Ok(true) && !kids.is_empty() {
            let kids: Vec<(&str, Verdict)> = kids
                .iter()
                .filter_map(|&j| done[j].as_ref().map(|r| (r.id.as_str(), r.verdict)))
                .collect();
            let own = self.program.indicators[idx]
                .code
                .as_ref()
                .map(|_| outcome.verdict);
            outcome.verdict = Verdict::all(own.into_iter().chain(kids.iter().map(|(_, v)| *v)));
            if let Some(l) = lang {
                explanation = with_sub_indicators(explanation, &kids, outcome.verdict, l);
            }
        }
        (outcome, explanation)
    }

    /// The indicator's own verdict (before its sub-indicators), with evidence and the cells
    /// read when explaining, and its explanation.
    fn own_outcome(
        &self,
        idx: usize,
        lang: Option<Lang>,
        applicable: Result<bool, ClassGap<'_>>,
        reads: &mut Vec<CellRead>,
    ) -> (Outcome, String) {
        let plain = |verdict, evidence| Outcome {
            verdict,
            evidence,
            reads: Vec::new(),
        };
        let ind = &self.program.rules.indicators[idx];
        match (&self.program.indicators[idx].code, applicable) {
            (_, Err(gap)) => {
                let facts = vec![Fact::Missing {
                    quantity: None,
                    year: None,
                    reason: gap.reason(),
                }];
                let why = lang.map_or_else(String::new, |l| {
                    explain::explanation(&facts, Verdict::Insufficient, l)
                });
                (plain(Verdict::Insufficient, facts), why)
            }
            (_, Ok(false)) => {
                let why = match (lang, &ind.applies) {
                    (Some(l), Some(a)) => format!(
                        "{} → {}",
                        crate::message::applies_only(&a.to_string(), l),
                        Verdict::NotApplicable.label(l)
                    ),
                    _ => String::new(),
                };
                (plain(Verdict::NotApplicable, Vec::new()), why)
            }
            (None, Ok(true)) => (plain(Verdict::NotApplicable, Vec::new()), String::new()),
            (Some(code), Ok(true)) => match lang {
                None => (
                    plain(self.machine(idx).eval(code, &mut Silent), Vec::new()),
                    String::new(),
                ),
                Some(l) => {
                    let mut trace = Trace::default();
                    let verdict = self.machine(idx).eval(code, &mut trace);
                    reads.extend_from_slice(&trace.reads);
                    let mut evidence = trace.facts;
                    evidence.shrink_to_fit();
                    let o = Outcome {
                        verdict,
                        evidence,
                        reads: public_reads(trace.reads, self.program.series()),
                    };
                    let why = o.explanation(l);
                    (o, why)
                }
            },
        }
    }

    /// The region's result from its indicators' results: vetoes, the overall verdict, coverage.
    fn result(
        &self,
        name: &str,
        indicators: Vec<IndicatorResult>,
        reads: &mut Vec<CellRead>,
    ) -> RegionResult {
        let rules = self.program.rules;
        let vetoes: Vec<VetoResult> = rules
            .vetoes
            .iter()
            .enumerate()
            .map(|(i, v)| {
                let (state, year) = self.veto(i, Some(&mut *reads));
                VetoResult {
                    id: v.id.clone(),
                    text: v.text.clone(),
                    state,
                    year,
                }
            })
            .collect();
        let vetoed = vetoes.iter().any(|v| v.state == VetoState::Occurred);
        let (verdict, reference_met, reference_applicable) =
            overall(rules, |i| indicators[i].verdict, vetoed);
        let coverage = Coverage::of(&indicators);
        RegionResult {
            region: name.to_string(),
            year: self.year,
            verdict,
            indicators,
            vetoes,
            reference_met,
            reference_applicable,
            reference_required: rules.system.min_reference_share,
            unused_rows: Vec::new(),
            coverage,
        }
    }
}

/// The overall verdict (SPEC §4) from the top-level indicators' verdicts and the vetoes, with the
/// reference/guidance counts (met, applicable).
fn overall(
    rules: &RuleSet,
    verdict_of: impl Fn(usize) -> Verdict,
    vetoed: bool,
) -> (Verdict, usize, usize) {
    let top = || (0..rules.indicators.len()).filter(|&i| rules.indicators[i].parent.is_none());
    let binding = Verdict::all(
        top()
            .filter(|&i| rules.indicators[i].attribute == Attribute::Binding)
            .map(&verdict_of),
    );
    let refs = || {
        top()
            .filter(|&i| rules.indicators[i].attribute != Attribute::Binding)
            .map(&verdict_of)
            .filter(|v| *v != Verdict::NotApplicable)
    };
    let (met, applicable) = (
        refs().filter(|v| *v == Verdict::Pass).count(),
        refs().count(),
    );
    let share_ok = share_met(rules.system.min_reference_share, met, applicable);
    let verdict = if vetoed || binding == Verdict::Fail || !share_ok {
        Verdict::Fail
    } else if binding == Verdict::Insufficient {
        Verdict::Insufficient
    } else {
        Verdict::Pass
    };
    (verdict, met, applicable)
}

/// A composite's explanation: its own, then its sub-indicators' verdicts.
fn with_sub_indicators(own: String, kids: &[(&str, Verdict)], verdict: Verdict, l: Lang) -> String {
    let list: Vec<String> = kids
        .iter()
        .map(|(id, v)| format!("{id} {}", v.label(l)))
        .collect();
    let sub = crate::message::sub_verdicts(&list, l);
    if own.is_empty() {
        format!("{sub} → {}", verdict.label(l))
    } else {
        format!("{own};{sub} → {}", verdict.label(l))
    }
}

/// Evaluate a hand-built region against compiled rules.
pub(crate) fn evaluate_model(
    program: &Program<'_>,
    region: &RegionData,
    year: i32,
    lang: Option<Lang>,
) -> RegionResult {
    let source = ModelSource {
        region,
        keys: program.series(),
    };
    let classes = RegionClasses::new(&program.classes, &region.classes);
    let run = Run::new(program, &source, &classes, year);
    run.evaluate(&region.name, lang, &mut Vec::new())
}

/// The overall verdict of one region, and nothing else: no explanations.
pub fn region_verdict(rules: &RuleSet, region: &RegionData, year: i32) -> Verdict {
    let program = rules.compile();
    let source = ModelSource {
        region,
        keys: program.series(),
    };
    let classes = RegionClasses::new(&program.classes, &region.classes);
    Run::new(&program, &source, &classes, year).verdict()
}

/// Evaluate every indicator of `rules` for one region in assessment year `year`.
/// `lang = None` leaves explanations and evidence empty; [`region_verdict`] is faster still.
/// The rules are compiled for the call: to judge many regions, use [`evaluate_regions`] or an
/// [`Evaluator`].
///
/// ```
/// use zhibiao::eval::{evaluate_region, region_verdict, RegionData, Value};
/// use zhibiao::{Lang, RuleSet, Verdict};
/// let rules = RuleSet::parse("体系 \"x\" {\n指标 1 \"森林覆盖率\" {\n单位 %\n目标 ≥20\n}\n否决项 1 \"重大事件\"\n}\n").unwrap();
/// let mut r = RegionData::new("甲县");
/// r.set_value("1", 2023, Value::parse("22").unwrap());
/// r.set_veto("1", 2023, Value::parse("是").unwrap());
/// let result = evaluate_region(&rules, &r, 2023, Some(Lang::Zh));
/// assert_eq!(result.indicators[0].verdict, Verdict::Pass);
/// assert_eq!(result.verdict, Verdict::Fail); // the veto occurred
/// assert_eq!(result.summary(Lang::Zh), "未达标(否决项 1 发生)");
/// assert_eq!(region_verdict(&rules, &r, 2023), Verdict::Fail);
/// ```
pub fn evaluate_region(
    rules: &RuleSet,
    region: &RegionData,
    year: i32,
    lang: Option<Lang>,
) -> RegionResult {
    evaluate_model(&rules.compile(), region, year, lang)
}

/// Map `f` over `0..n` on all cores; results in order.
fn parallel<T: Send>(n: usize, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let threads = thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(n.max(1));
    if threads <= 1 || n < 64 {
        return (0..n).map(f).collect();
    }
    let chunk = n.div_ceil(threads);
    let f = &f;
    thread::scope(|s| {
        let handles: Vec<_> = (0..n)
            .step_by(chunk)
            .map(|from| s.spawn(move || (from..(from + chunk).min(n)).map(f).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// Evaluate many hand-built regions, on all cores; the rules are compiled once. Results are in
/// input order.
///
/// ```
/// use zhibiao::eval::{evaluate_regions, RegionData, Value};
/// use zhibiao::{Lang, RuleSet, Verdict};
/// let rules = RuleSet::parse("体系 \"x\" {\n指标 1 \"森林覆盖率\" {\n单位 %\n目标 ≥20\n}\n}\n").unwrap();
/// let mut a = RegionData::new("甲县");
/// a.set_value("1", 2023, Value::parse("22").unwrap());
/// let mut b = RegionData::new("乙县");
/// b.set_value("1", 2023, Value::parse("18").unwrap());
/// let results = evaluate_regions(&rules, &[a, b], 2023, Some(Lang::Zh));
/// let verdicts: Vec<Verdict> = results.iter().map(|r| r.verdict).collect();
/// assert_eq!(verdicts, [Verdict::Pass, Verdict::Fail]);
/// assert!(results[1].indicators[0].explanation.contains("18"));
/// ```
pub fn evaluate_regions(
    rules: &RuleSet,
    regions: &[RegionData],
    year: i32,
    lang: Option<Lang>,
) -> Vec<RegionResult> {
    let program = rules.compile();
    parallel(regions.len(), |i| {
        evaluate_model(&program, &regions[i], year, lang)
    })
}

/// Compiled rules bound to a [`Dataset`]: evaluates its regions by position, reading cells by
/// id from the dense layout, and reports the rows no verdict read.
///
/// ```
/// use zhibiao::data::parse_measurements_csv;
/// use zhibiao::eval::Evaluator;
/// use zhibiao::{Lang, RuleSet, Verdict};
/// let rules = RuleSet::parse("体系 \"x\" {\n指标 1 \"森林覆盖率\" {\n单位 %\n目标 ≥20\n}\n}\n").unwrap();
/// let csv = "region,indicator,year,value\n甲县,1,2023,22\n乙县,1,2023,18\n乙县,1,2022,17\n";
/// let ds = parse_measurements_csv(csv, &rules, "m.csv").unwrap();
/// let program = rules.compile();
/// let ev = Evaluator::new(&program, &ds);
/// assert_eq!(ev.verdict(0, 2023), Verdict::Pass);
/// let all = ev.evaluate_all(2023, Some(Lang::Zh));
/// assert_eq!(all[1].verdict, Verdict::Fail);
/// assert_eq!(all[1].unused_rows[0].rows_text(), "row 4"); // 2022 is read by no target
/// ```
pub struct Evaluator<'a> {
    pub(crate) program: &'a Program<'a>,
    pub(crate) data: &'a Dataset,
    pub(crate) binding: Binding,
    /// Each region's classes, read against the program's class table once.
    classes: Vec<RegionClasses<'a>>,
    /// Each region's sub-regions (positions).
    children: Vec<Vec<usize>>,
}

impl<'a> Evaluator<'a> {
    /// Bind compiled rules to a dataset (each series to its columns, once).
    pub fn new(program: &'a Program<'a>, data: &'a Dataset) -> Evaluator<'a> {
        Evaluator {
            program,
            data,
            binding: Binding::new(program.series(), data),
            classes: data
                .regions()
                .iter()
                .map(|r| RegionClasses::new(&program.classes, &r.classes))
                .collect(),
            children: data.children(),
        }
    }

    /// The cells of the region at `pos`, with its sub-regions.
    fn source(&self, pos: usize) -> Option<GridSource<'_>> {
        Some(GridSource {
            cells: self.data.cells(pos)?,
            binding: &self.binding,
            words: &self.data.words,
            data: self.data,
            children: self.children.get(pos).map_or(&[], Vec::as_slice),
        })
    }

    /// The overall verdict of the region at `pos` (insufficient for a position out of range).
    pub fn verdict(&self, pos: usize, year: i32) -> Verdict {
        let (Some(source), Some(classes)) = (self.source(pos), self.classes.get(pos)) else {
            return Verdict::Insufficient;
        };
        Run::new(self.program, &source, classes, year).verdict()
    }

    /// The verdict of the indicator at position `idx` of the rules (with its `适用` and its
    /// sub-indicators) for the region at `pos`: one compiled target over one region's cells,
    /// nothing recorded (insufficient for a position out of range).
    pub fn indicator_verdict(&self, pos: usize, idx: usize, year: i32) -> Verdict {
        let (Some(source), Some(classes)) = (self.source(pos), self.classes.get(pos)) else {
            return Verdict::Insufficient;
        };
        if idx >= self.program.indicators.len() {
            return Verdict::Insufficient;
        }
        Run::new(self.program, &source, classes, year).indicator_verdict(idx)
    }

    /// [`Evaluator::indicator_verdict`] for every region, in order: the compiled target run down
    /// one column of the panel (a threshold without `适用` or sub-indicators reads the column
    /// directly).
    pub fn indicator_verdicts(&self, idx: usize, year: i32) -> Vec<Verdict> {
        let Some(c) = self.program.indicators.get(idx) else {
            return vec![Verdict::Insufficient; self.data.len()];
        };
        let column = self.binding.column(c.own, false);
        match (&c.code, &c.applies, c.kids.is_empty()) {
            (Some(Code::Compare { op, value }), None, true) => (0..self.data.len())
                .map(|pos| {
                    let cell = column
                        .zip(self.data.cells(pos))
                        .and_then(|(col, cells)| cells.get(col, year));
                    let number = match cell.map(|s| s.cell) {
                        Some(Cell::Number(v)) => Some(CellRef::Number(v)),
                        _ => None,
                    };
                    level(number, *op, *value)
                })
                .collect(),
            _ => (0..self.data.len())
                .map(|pos| self.indicator_verdict(pos, idx, year))
                .collect(),
        }
    }

    /// Every indicator of the region at `pos`, with explanations when `lang` is given and, then,
    /// the region's unused rows grouped by reason.
    pub fn evaluate(&self, pos: usize, year: i32, lang: Option<Lang>) -> Option<RegionResult> {
        let region = self.data.regions().get(pos)?;
        let classes = self.classes.get(pos)?;
        let source = self.source(pos)?;
        let run = Run::new(self.program, &source, classes, year);
        let mut reads = Vec::new();
        let mut result = run.evaluate(&region.name, lang, &mut reads);
        if let Some(lang) = lang {
            result.unused_rows = self.unused_rows(pos, &result, reads, lang);
        }
        Some(result)
    }

    /// How many regions the dataset holds.
    pub fn len(&self) -> usize {
        self.data.len()
    }

    /// Whether the dataset holds no region.
    pub fn is_empty(&self) -> bool {
        self.data.is_empty()
    }

    /// The regions at positions `range` evaluated and passed through `f` on all cores, in
    /// order (a report renders each region where it was evaluated).
    pub fn map_range<T: Send>(
        &self,
        range: std::ops::Range<usize>,
        year: i32,
        lang: Option<Lang>,
        f: impl Fn(RegionResult) -> T + Sync,
    ) -> Vec<T> {
        let from = range.start;
        parallel(range.len(), |i| self.evaluate(from + i, year, lang).map(&f))
            .into_iter()
            .flatten()
            .collect()
    }

    /// Every region, on all cores, in order.
    pub fn evaluate_all(&self, year: i32, lang: Option<Lang>) -> Vec<RegionResult> {
        self.evaluate_range(0..self.data.len(), year, lang)
    }

    /// The regions at positions `range`, on all cores, in order.
    pub fn evaluate_range(
        &self,
        range: std::ops::Range<usize>,
        year: i32,
        lang: Option<Lang>,
    ) -> Vec<RegionResult> {
        self.map_range(range, year, lang, |r| r)
    }
}
