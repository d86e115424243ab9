//! Stage 4: evaluating predicates against a region's data.
//!
//! One evaluator serves two paths: [`Context::verdict`] records nothing (no allocation per
//! value) and [`Context::evaluate`] records [`Fact`]s from which explanations are written. The
//! semantics are SPEC §4; all arithmetic is checked `Decimal` arithmetic, so overflow and
//! division by zero give `insufficient` with a reason instead of a panic.

mod examples;
mod explain;
pub mod system;
mod unused;

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

pub use crate::data::{IndicatorData, RegionData, Series, Value};
pub use examples::{run_examples, ExampleResult, Mismatch};
pub use explain::{Bound, Fact, Read, Reason};
pub use system::{
    evaluate_region, evaluate_regions, region_verdict, Coverage, IndicatorResult, RegionResult,
    VetoResult, VetoState,
};

use crate::predicate::{Direction, Guard, Measure, Op, Polarity, Predicate, TrendMode};
use crate::rules::Dimension;
use crate::syntax::phrase;
use crate::Lang;

pub use crate::types::{Settings, Tolerance, Verdict};

/// Evaluation of one indicator for one region in one assessment year.
#[derive(Debug, Clone)]
pub struct Context<'a> {
    /// The region's data.
    pub region: &'a RegionData,
    /// The indicator id whose series are read.
    pub indicator: &'a str,
    /// Assessment year Y.
    pub year: i32,
    /// Window, polarity, tolerance.
    pub settings: Settings,
    /// The indicator's unit, for explanations.
    pub unit: Option<&'a str>,
    /// Region groups (expressions over classes) that tier guards may name.
    pub groups: &'a [crate::rules::Group],
    /// The declared class dimensions, which decide when a region's classes are complete.
    pub dimensions: &'a [Dimension],
    /// Polarities of named quantities (`方向 PM2.5浓度 逆向`), for their `better` trends.
    pub quantity_polarity: &'a [(String, Polarity)],
    /// The region's classes, checked once per region by the caller (else checked per guard).
    pub classes: Option<Classes<'a>>,
}

/// The result of evaluating a predicate with evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    /// The verdict.
    pub verdict: Verdict,
    /// What was looked at, in order.
    pub evidence: Vec<Fact>,
    /// Every data cell read, each once, sorted.
    #[serde(default)]
    pub reads: Vec<Read>,
}

impl Outcome {
    /// The explanation: the evidence in words, then `→ verdict`.
    pub fn explanation(&self, lang: Lang) -> String {
        explain::explanation(&self.evidence, self.verdict, lang)
    }
}

/// Where facts and the cells read go: nowhere (verdict-only) or into lists.
trait Recorder {
    const ON: bool;
    fn note(&mut self, f: impl FnOnce() -> Fact);
    fn read(&mut self, cell: impl FnOnce() -> Read);
}

struct Silent;

impl Recorder for Silent {
    const ON: bool = false;
    #[inline(always)]
    fn note(&mut self, _: impl FnOnce() -> Fact) {}
    #[inline(always)]
    fn read(&mut self, _: impl FnOnce() -> Read) {}
}

/// The explaining path's recorder.
#[derive(Default)]
struct Trace {
    facts: Vec<Fact>,
    reads: Vec<Read>,
}

impl Recorder for Trace {
    const ON: bool = true;
    fn note(&mut self, f: impl FnOnce() -> Fact) {
        self.facts.push(f());
    }
    fn read(&mut self, cell: impl FnOnce() -> Read) {
        self.reads.push(cell());
    }
}

/// Why a region's classes do not settle a guard (SPEC §4, "Known regions"): never read as
/// "not in the class", so a missing or misspelled class cannot make an indicator `not_applicable`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClassGap<'a> {
    /// The region gives no class on this dimension (`None`: no dimension declares the class and
    /// the region gives no class at all).
    NoClass(Option<&'a str>),
    /// The region has a class that the rules do not declare.
    Undeclared(&'a str),
}

impl ClassGap<'_> {
    /// The reason recorded in the evidence.
    pub fn reason(self) -> Reason {
        match self {
            ClassGap::NoClass(d) => Reason::NoClass {
                dimension: d.map(str::to_string),
            },
            ClassGap::Undeclared(c) => Reason::UndeclaredClass {
                class: c.to_string(),
            },
        }
    }
}

/// Whether `region` has the class `name` or belongs to the group `name` (groups are expressions
/// over classes), three-valued over the declared dimensions: a region that gives a class of a
/// dimension is complete for it; one that gives none is a [`ClassGap`].
///
/// ```
/// use zhibiao::eval::{region_has, ClassGap, RegionData};
/// use zhibiao::rules::Dimension;
/// let dims = [Dimension { name: "地形".into(), classes: vec!["山区".into(), "平原区".into()] }];
/// let plain = RegionData::new("甲县").with_class("平原区");
/// assert_eq!(region_has(&plain, &[], &dims, "山区"), Ok(false));
/// let silent = RegionData::new("乙县");
/// assert_eq!(region_has(&silent, &[], &dims, "山区"), Err(ClassGap::NoClass(Some("地形"))));
/// let typo = RegionData::new("丙县").with_class("山地");
/// assert_eq!(region_has(&typo, &[], &dims, "山区"), Err(ClassGap::Undeclared("山地")));
/// ```
pub fn region_has<'a>(
    region: &'a RegionData,
    groups: &'a [crate::rules::Group],
    dimensions: &'a [Dimension],
    name: &str,
) -> Result<bool, ClassGap<'a>> {
    Classes::new(region, groups, dimensions).has(name)
}

/// A region's classes read against the declared dimensions and groups, checked once per region
/// (whether it has a class the rules do not declare), then asked per guard.
#[derive(Debug, Clone, Copy)]
pub struct Classes<'a> {
    region: &'a RegionData,
    groups: &'a [crate::rules::Group],
    dimensions: &'a [Dimension],
    /// The region's first class that no dimension declares.
    undeclared: Option<&'a str>,
}

impl<'a> Classes<'a> {
    /// Check the region's classes against the declared dimensions.
    pub fn new(
        region: &'a RegionData,
        groups: &'a [crate::rules::Group],
        dimensions: &'a [Dimension],
    ) -> Classes<'a> {
        let declared = |c: &str| dimensions.iter().any(|d| d.classes.iter().any(|x| x == c));
        let undeclared = if dimensions.is_empty() {
            None
        } else {
            region
                .classes
                .iter()
                .find(|c| !declared(c))
                .map(String::as_str)
        };
        Classes {
            region,
            groups,
            dimensions,
            undeclared,
        }
    }

    /// The region.
    pub fn region(&self) -> &'a RegionData {
        self.region
    }

    /// Whether the region has the class `name` or belongs to the group `name`; see
    /// [`region_has`].
    pub fn has(&self, name: &str) -> Result<bool, ClassGap<'a>> {
        match self.groups.iter().find(|g| g.name == name) {
            Some(g) => g.expr.holds(&|c| self.class(c)),
            None => self.class(name),
        }
    }

    fn class(&self, name: &str) -> Result<bool, ClassGap<'a>> {
        if let Some(c) = self.undeclared {
            return Err(ClassGap::Undeclared(c));
        }
        let classes = &self.region.classes;
        if classes.contains(name) {
            return Ok(true);
        }
        match self
            .dimensions
            .iter()
            .find(|d| d.classes.iter().any(|c| c == name))
        {
            Some(d) if d.classes.iter().any(|c| classes.contains(c)) => Ok(false),
            Some(d) => Err(ClassGap::NoClass(Some(&d.name))),
            None if classes.is_empty() => Err(ClassGap::NoClass(None)),
            None => Ok(false),
        }
    }
}

/// Words that affirm a status or say an event/veto occurred.
const AFFIRMATIVE: &[&str] = &[
    "是",
    "true",
    "yes",
    "y",
    "1",
    "达标",
    "已达标",
    "完成",
    "已完成",
    "通过",
    "有",
    "√",
    "✓",
    "发生",
];
/// Words that deny.
const NEGATIVE: &[&str] = &[
    "否",
    "false",
    "no",
    "n",
    "0",
    "未达标",
    "不达标",
    "未完成",
    "无",
    "×",
    "✗",
    "未发生",
    "没有",
];

/// Whether a recorded word affirms (`Some(true)`), denies (`Some(false)`) or is not understood.
/// `requirement` is the phrase being attested (`建立`): the word itself or `已建立` affirm it,
/// `未建立` denies it.
///
/// ```
/// use zhibiao::eval::affirms;
/// assert_eq!(affirms("已建立", Some("建立")), Some(true));
/// assert_eq!(affirms("否", None), Some(false));
/// assert_eq!(affirms("也许", None), None);
/// ```
pub fn affirms(word: &str, requirement: Option<&str>) -> Option<bool> {
    let negated = requirement.is_some_and(|r| phrase::negation_of(r).is_some());
    word_attests(word, requirement, negated)
}

/// How a recorded word is read: as a verdict (`定性 "…"`) or as attesting a requirement whose
/// negation was resolved when the predicate was built.
#[derive(Debug, Clone, Copy)]
enum Attest {
    Verdict,
    Requirement { negated: bool },
}

/// [`value_affirms`] for a requirement whose negation is known.
fn attests(v: &Value, requirement: &str, negated: bool) -> Option<bool> {
    match v {
        Value::Word(w) => word_attests(w, Some(requirement), negated),
        Value::Number(_) => value_affirms(v, None),
    }
}

/// Whether a recorded word attests `requirement` (negative when `negated`).
fn word_attests(word: &str, requirement: Option<&str>, negated: bool) -> Option<bool> {
    let w = word.trim();
    let is = |list: &[&str]| list.iter().any(|x| x.eq_ignore_ascii_case(w));
    let generic = if is(AFFIRMATIVE) && w != "有" {
        Some(true)
    } else if is(NEGATIVE) && w != "无" {
        Some(false)
    } else {
        None
    };
    // a negated recorded word (`未建立`, `没有`): data, read as written
    let negation = |s: &str| {
        ["不", "无", "未", "没有", "没"]
            .iter()
            .find_map(|p| s.strip_prefix(p).map(str::to_string))
    };
    if let Some(r) = requirement {
        if w == r {
            return Some(true);
        }
        if negated {
            let core = phrase::negation_of(r).unwrap_or_default();
            // a negated requirement (`不改变`, `无`, `不明显`): `未改变`, `没有` affirm it,
            // `改变`, `已改变`, `有` deny it
            if generic.is_some() {
                return generic;
            }
            if negation(w).is_some() {
                return Some(true);
            }
            if w == core
                || w.strip_prefix('已') == Some(core)
                || w.starts_with('有')
                || (core.is_empty() && w == "有")
            {
                return Some(false);
            }
            return None;
        }
        if w.strip_prefix('已') == Some(r) || r.ends_with(w.strip_prefix('已').unwrap_or("\u{0}"))
        {
            return Some(true);
        }
        if negation(w).as_deref() == Some(r) {
            return Some(false);
        }
    }
    if let Some(g) = generic {
        return Some(g);
    }
    match w {
        "有" => return Some(true),
        "无" => return Some(false),
        _ => {}
    }
    if w.starts_with('已') {
        return Some(true);
    }
    if w.starts_with('未') || w.starts_with('没') {
        return Some(false);
    }
    None
}

/// [`affirms`] for a recorded value: a word, or `1`/`0`.
pub fn value_affirms(v: &Value, requirement: Option<&str>) -> Option<bool> {
    match v {
        Value::Word(w) => affirms(w, requirement),
        Value::Number(d) if *d == Decimal::ONE => Some(true),
        Value::Number(d) if d.is_zero() => Some(false),
        Value::Number(_) => None,
    }
}

/// A recorded verdict word for a qualitative requirement: `达标`, `是`, `完成`, `1` … affirm;
/// `未达标`, `否`, `0` … deny. Words about presence or occurrence (`有`, `无`, `发生`) decide
/// nothing here.
///
/// ```
/// use zhibiao::eval::{verdict_word, Value};
/// assert_eq!(verdict_word(&Value::parse("达标").unwrap()), Some(true));
/// assert_eq!(verdict_word(&Value::parse("否").unwrap()), Some(false));
/// assert_eq!(verdict_word(&Value::parse("已建立").unwrap()), None);
/// ```
pub fn verdict_word(v: &Value) -> Option<bool> {
    const NOT_VERDICTS: [&str; 5] = ["有", "无", "发生", "未发生", "没有"];
    match v {
        Value::Word(w) if NOT_VERDICTS.contains(&w.trim()) => None,
        Value::Word(w) => {
            let w = w.trim();
            let is = |list: &[&str]| list.iter().any(|x| x.eq_ignore_ascii_case(w));
            if is(AFFIRMATIVE) {
                Some(true)
            } else if is(NEGATIVE) {
                Some(false)
            } else {
                None
            }
        }
        Value::Number(_) => value_affirms(v, None),
    }
}

/// A number of a series for a year, or a recorded reason why not.
fn number_in<R: Recorder>(
    s: Option<&Series>,
    quantity: Option<&str>,
    year: i32,
    target: bool,
    r: &mut R,
) -> Option<Decimal> {
    r.read(|| {
        let quantity = quantity.map(str::to_string);
        if target {
            Read::Target { quantity, year }
        } else {
            Read::Value { quantity, year }
        }
    });
    let v = s.and_then(|s| {
        if target {
            s.targets.get(&year)
        } else {
            s.values.get(&year)
        }
    });
    match v {
        Some(Value::Number(d)) => Some(*d),
        Some(Value::Word(w)) => {
            r.note(|| Fact::Missing {
                quantity: quantity.map(str::to_string),
                year: Some(year),
                reason: Reason::NotANumber { word: w.clone() },
            });
            None
        }
        None => {
            r.note(|| Fact::Missing {
                quantity: quantity.map(str::to_string),
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

impl<'a> Context<'a> {
    /// A context with default settings (window 2, no polarity, tolerance 0).
    pub fn new(region: &'a RegionData, indicator: &'a str, year: i32) -> Context<'a> {
        Context {
            region,
            indicator,
            year,
            settings: Settings::default(),
            unit: None,
            groups: &[],
            dimensions: &[],
            quantity_polarity: &[],
            classes: None,
        }
    }

    /// The same context with the indicator's unit (shown in explanations).
    pub fn with_unit(mut self, unit: Option<&'a str>) -> Context<'a> {
        self.unit = unit;
        self
    }

    /// The same context with region groups, so that guards may name them.
    pub fn with_groups(mut self, groups: &'a [crate::rules::Group]) -> Context<'a> {
        self.groups = groups;
        self
    }

    /// The same context with the polarities of named quantities.
    pub fn with_quantity_polarity(mut self, polarities: &'a [(String, Polarity)]) -> Context<'a> {
        self.quantity_polarity = polarities;
        self
    }

    /// The same context with the declared class dimensions (SPEC §4, "Known regions").
    pub fn with_dimensions(mut self, dimensions: &'a [Dimension]) -> Context<'a> {
        self.dimensions = dimensions;
        self
    }

    /// Whether the region has a class, or belongs to a group; a [`ClassGap`] when it does not say.
    pub fn in_region(&self, name: &str) -> Result<bool, ClassGap<'a>> {
        match &self.classes {
            Some(c) => c.has(name),
            None => region_has(self.region, self.groups, self.dimensions, name),
        }
    }

    /// The same context with the region's classes already checked (once per region).
    pub fn with_classes(mut self, classes: Classes<'a>) -> Context<'a> {
        self.classes = Some(classes);
        self
    }

    /// The same context with other settings.
    pub fn with_settings(mut self, settings: Settings) -> Context<'a> {
        self.settings = settings;
        self
    }

    /// The verdict only; records nothing and does not allocate.
    pub fn verdict(&self, p: &Predicate) -> Verdict {
        self.eval(p, &mut Silent)
    }

    /// The verdict with evidence (for explanations).
    pub fn evaluate(&self, p: &Predicate) -> Outcome {
        let mut trace = Trace::default();
        let verdict = self.eval(p, &mut trace);
        // each cell once, and no spare capacity kept for a whole panel's results
        trace.reads.sort_unstable();
        trace.reads.dedup();
        trace.reads.shrink_to_fit();
        trace.facts.shrink_to_fit();
        Outcome {
            verdict,
            evidence: trace.facts,
            reads: trace.reads,
        }
    }

    fn series(&self, quantity: Option<&str>) -> Option<&'a Series> {
        self.region.series(self.indicator, quantity)
    }

    /// A number of a series for a year, or a recorded reason why not.
    fn number<R: Recorder>(
        &self,
        quantity: Option<&str>,
        year: i32,
        target: bool,
        r: &mut R,
    ) -> Option<Decimal> {
        number_in(self.series(quantity), quantity, year, target, r)
    }

    /// Resolve `better` with the polarity of the indicator, or of the named quantity the
    /// phrase is about (never the indicator's for a named quantity).
    fn direction<R: Recorder>(
        &self,
        d: Direction,
        q: Option<&str>,
        r: &mut R,
    ) -> Option<Direction> {
        let polarity = match q {
            None => self.settings.polarity,
            Some(q) => self
                .quantity_polarity
                .iter()
                .find(|(n, _)| n == q)
                .map(|(_, p)| *p),
        };
        let out = d.resolve(polarity);
        if out.is_none() {
            r.note(|| Fact::Missing {
                quantity: q.map(str::to_string),
                year: None,
                reason: Reason::NoPolarity,
            });
        }
        out
    }

    fn compared<R: Recorder>(
        &self,
        r: &mut R,
        quantity: Option<&str>,
        value: Decimal,
        op: Op,
        bound: Decimal,
        kind: Bound,
    ) -> Verdict {
        let holds = op.holds(value, bound);
        r.note(|| Fact::Compared {
            year: self.year,
            quantity: quantity.map(str::to_string),
            value,
            op,
            bound,
            against: kind,
            unit: self.unit.map(str::to_string),
            holds,
        });
        if holds {
            Verdict::Pass
        } else {
            Verdict::Fail
        }
    }

    fn overflow<R: Recorder>(&self, r: &mut R) -> Verdict {
        r.note(|| Fact::Missing {
            quantity: None,
            year: Some(self.year),
            reason: Reason::Overflow,
        });
        Verdict::Insufficient
    }

    fn eval<R: Recorder>(&self, p: &Predicate, r: &mut R) -> Verdict {
        let y = self.year;
        match p {
            Predicate::Compare { op, value, .. } => match self.number(None, y, false, r) {
                Some(v) => self.compared(r, None, v, *op, *value, Bound::Threshold),
                None => Verdict::Insufficient,
            },
            Predicate::Reach { value, .. } => {
                let Some(d) = self.direction(Direction::Better, None, r) else {
                    return Verdict::Insufficient;
                };
                let op = if d == Direction::Down { Op::Le } else { Op::Ge };
                match self.number(None, y, false, r) {
                    Some(v) => self.compared(r, None, v, op, *value, Bound::Threshold),
                    None => Verdict::Insufficient,
                }
            }
            Predicate::Range { min, max, .. } => {
                let Some(v) = self.number(None, y, false, r) else {
                    return Verdict::Insufficient;
                };
                let lo = self.compared(r, None, v, Op::Ge, *min, Bound::Threshold);
                let hi = self.compared(r, None, v, Op::Le, *max, Bound::Threshold);
                Verdict::all([lo, hi])
            }
            Predicate::SuperiorTarget { quantity } => {
                let q = quantity.as_deref();
                // A named quantity's superior target is a control cap (`不超过控制目标值`).
                let op = if q.is_some() {
                    Op::Le
                } else {
                    match self.direction(Direction::Better, None, r) {
                        Some(Direction::Down) => Op::Le,
                        Some(_) => Op::Ge,
                        None => return Verdict::Insufficient,
                    }
                };
                let v = self.number(q, y, false, r);
                let g = self.number(q, y, true, r);
                match (v, g) {
                    (Some(v), Some(g)) => self.compared(r, q, v, op, g, Bound::Superior),
                    _ => Verdict::Insufficient,
                }
            }
            Predicate::Reference { op, reference } => {
                let v = self.number(None, y, false, r);
                let rv = self.number(Some(reference), y, false, r);
                match (v, rv) {
                    (Some(v), Some(rv)) => {
                        self.compared(r, None, v, *op, rv, Bound::Reference(reference.clone()))
                    }
                    _ => Verdict::Insufficient,
                }
            }
            Predicate::Trend {
                mode,
                direction,
                quantity,
                window,
            } => self.trend(
                *mode,
                *direction,
                quantity.as_deref(),
                window.unwrap_or(self.settings.window),
                r,
            ),
            Predicate::Change {
                measure,
                direction,
                op,
                value,
                base,
                ..
            } => self.change(*measure, *direction, *op, *value, base.unwrap_or(y - 1), r),
            Predicate::Status {
                requirement,
                quantity,
                negated,
            } => {
                let how = Attest::Requirement { negated: *negated };
                self.status(quantity.as_deref(), requirement, how, r)
            }
            Predicate::Qualitative { text } => self.status(None, text, Attest::Verdict, r),
            Predicate::NoEvent { years, event } => {
                let Some(records) = self.region.events.get(event) else {
                    r.note(|| Fact::Missing {
                        quantity: Some(event.clone()),
                        year: None,
                        reason: Reason::NoRecords,
                    });
                    return Verdict::Insufficient;
                };
                let n = years.unwrap_or(self.settings.window).max(1);
                let from = y - (n as i32) + 1;
                // a definite occurrence decides; otherwise an unreadable record leaves it open
                let mut occurred = None;
                let mut unknown = None;
                for year in from..=y {
                    r.read(|| Read::Event {
                        event: event.clone(),
                        year,
                    });
                }
                for (year, v) in records.range(from..=y) {
                    match value_affirms(v, None) {
                        Some(true) => {
                            occurred = Some(*year);
                            break;
                        }
                        Some(false) => {}
                        None => unknown = unknown.or(Some((*year, v))),
                    }
                }
                if let (None, Some((year, v))) = (occurred, unknown) {
                    r.note(|| Fact::Missing {
                        quantity: Some(event.clone()),
                        year: Some(year),
                        reason: Reason::UnknownWord {
                            word: v.to_string(),
                        },
                    });
                    return Verdict::Insufficient;
                }
                r.note(|| Fact::Event {
                    event: event.clone(),
                    from,
                    to: y,
                    occurred,
                });
                if occurred.is_some() {
                    Verdict::Fail
                } else {
                    Verdict::Pass
                }
            }
            Predicate::Share { op, value, .. } => match self.number(None, y, false, r) {
                Some(v) => self.compared(r, None, v, *op, *value, Bound::Threshold),
                None => Verdict::Insufficient,
            },
            Predicate::EachYear { years, item } => {
                let mut acc = Verdict::NotApplicable;
                for year in (y - (*years as i32) + 1)..=y {
                    let mut at = self.clone();
                    at.year = year;
                    let v = at.eval(item, r);
                    if !R::ON && v == Verdict::Fail {
                        return v;
                    }
                    acc = Verdict::all([acc, v]);
                }
                acc
            }
            Predicate::All { items } => {
                let mut acc = Verdict::NotApplicable;
                for p in items {
                    let v = self.eval(p, r);
                    if !R::ON && v == Verdict::Fail {
                        return v;
                    }
                    acc = Verdict::all([acc, v]);
                }
                acc
            }
            Predicate::Any { items } => {
                let mut acc = Verdict::NotApplicable;
                for p in items {
                    let v = self.eval(p, r);
                    if !R::ON && v == Verdict::Pass {
                        return v;
                    }
                    acc = Verdict::any([acc, v]);
                }
                acc
            }
            Predicate::Tiered { tiers } => {
                for (i, t) in tiers.iter().enumerate() {
                    let holds = match &t.when {
                        Guard::Region(e) => match e.holds(&|c| self.in_region(c)) {
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
                        Guard::Level { op, value } => match self.number(None, y - 1, false, r) {
                            Some(b) => op.holds(b, *value),
                            None => return Verdict::Insufficient,
                        },
                        Guard::Years(ys) => ys.contains(&y),
                        Guard::Otherwise => true,
                    };
                    if holds {
                        r.note(|| Fact::Tier {
                            index: i,
                            guard: t.when.clone(),
                        });
                        return self.eval(&t.then, r);
                    }
                }
                r.note(|| Fact::NoTier);
                Verdict::NotApplicable
            }
        }
    }

    /// A requirement attested by a recorded word for Y: a status requirement (`建立`: `已建立`
    /// affirms it) or a qualitative one (`定性 "…"`: only 达标/未达标/是/否 and the like decide).
    fn status<R: Recorder>(
        &self,
        q: Option<&str>,
        requirement: &str,
        how: Attest,
        r: &mut R,
    ) -> Verdict {
        let y = self.year;
        r.read(|| Read::Value {
            quantity: q.map(str::to_string),
            year: y,
        });
        let Some(v) = self.series(q).and_then(|s| s.values.get(&y)) else {
            r.note(|| Fact::Missing {
                quantity: q.map(str::to_string),
                year: Some(y),
                reason: Reason::NoValue,
            });
            return Verdict::Insufficient;
        };
        let (affirmed, qualitative) = match how {
            Attest::Verdict => (verdict_word(v), true),
            Attest::Requirement { negated } => (attests(v, requirement, negated), false),
        };
        let Some(ok) = affirmed else {
            r.note(|| Fact::Missing {
                quantity: q.map(str::to_string),
                year: Some(y),
                reason: Reason::UnknownWord {
                    word: v.to_string(),
                },
            });
            return Verdict::Insufficient;
        };
        r.note(|| Fact::Status {
            year: y,
            quantity: q.map(str::to_string),
            word: v.to_string(),
            requirement: requirement.to_string(),
            affirmed: ok,
            qualitative,
        });
        if ok {
            Verdict::Pass
        } else {
            Verdict::Fail
        }
    }

    fn trend<R: Recorder>(
        &self,
        mode: TrendMode,
        d: Direction,
        q: Option<&str>,
        w: u32,
        r: &mut R,
    ) -> Verdict {
        let Some(d) = self.direction(d, q, r) else {
            return Verdict::Insufficient;
        };
        let w = w.max(2) as i32;
        let first = self.year - w + 1;
        let series = self.series(q);
        // All window years must be present; report every missing one.
        let mut complete = true;
        for year in first..=self.year {
            if number_in(series, q, year, false, r).is_none() {
                complete = false;
                if !R::ON {
                    return Verdict::Insufficient;
                }
            }
        }
        if !complete {
            return Verdict::Insufficient;
        }
        let Some(s) = series else {
            return Verdict::Insufficient;
        };
        let at = |year: i32| {
            s.values
                .get(&year)
                .and_then(Value::number)
                .unwrap_or_default()
        };
        let signed = |from: Decimal, to: Decimal| -> Option<Decimal> {
            let delta = to.checked_sub(from)?;
            Some(if d == Direction::Down { -delta } else { delta })
        };
        if mode == TrendMode::Overall {
            let (a, b) = (at(first), at(self.year));
            let Some(m) = signed(a, b) else {
                return self.overflow(r);
            };
            let ok = m > Decimal::ZERO;
            r.note(|| Fact::Step {
                quantity: q.map(str::to_string),
                from_year: first,
                from: a,
                to_year: self.year,
                to: b,
                direction: d,
                mode,
                ok,
            });
            return if ok { Verdict::Pass } else { Verdict::Fail };
        }
        let mut verdict = Verdict::Pass;
        for year in first..self.year {
            let (a, b) = (at(year), at(year + 1));
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
            r.note(|| Fact::Step {
                quantity: q.map(str::to_string),
                from_year: year,
                from: a,
                to_year: year + 1,
                to: b,
                direction: d,
                mode,
                ok,
            });
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
        op: Op,
        bound: Decimal,
        base: i32,
        r: &mut R,
    ) -> Verdict {
        let Some(d) = self.direction(d, None, r) else {
            return Verdict::Insufficient;
        };
        let b = self.number(None, base, false, r);
        let v = self.number(None, self.year, false, r);
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
        let holds = op.holds(change, bound);
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
            holds,
        });
        if holds {
            Verdict::Pass
        } else {
            Verdict::Fail
        }
    }
}
