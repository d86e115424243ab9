//! Stage 5: evaluating compiled rules against a region's cells.
//!
//! The evaluator (`machine`) runs compiled code ([`crate::rules::Program`]) against a region's
//! cells by series id: a [`Dataset`](crate::data::Dataset)'s dense cells ([`Evaluator`]) or a
//! hand-built [`RegionData`] ([`evaluate_region`], [`Context`]). The semantics are SPEC §4.

mod describe;
mod examples;
mod explain;
mod machine;
mod progress;
mod result;
mod source;
pub mod system;
mod unused;
mod words;

use serde::{Deserialize, Serialize};

pub use crate::data::{IndicatorData, RegionData, Series, Value};
pub use examples::{run_examples, ExampleResult, Mismatch};
pub use explain::{Bound, Fact, Read, Reason};
pub use source::ClassGap;
pub use system::{
    evaluate_region, evaluate_regions, region_verdict, Coverage, Evaluator, IndicatorResult,
    RegionResult, VetoResult, VetoState,
};
pub use words::{affirms, value_affirms, verdict_word};

use crate::predicate::{Polarity, Predicate};
use crate::rules::{ClassTable, Interner, Lowering, SeriesKey};
use crate::Lang;
use machine::{CellRead, Machine, Recorder, Silent, Trace};
use source::{ModelSource, RegionClasses};

pub use crate::types::{Settings, Tolerance, Verdict};

/// Evaluation of one predicate against a hand-built region: the predicate is compiled for the
/// call. To judge many regions or a whole rule set, use [`evaluate_regions`] or an
/// [`Evaluator`] over a [`Dataset`](crate::data::Dataset), which compile once.
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
    pub dimensions: &'a [crate::rules::Dimension],
    /// Polarities of named quantities (`方向 PM2.5浓度 逆向`), for their `better` trends.
    pub quantity_polarity: &'a [(String, Polarity)],
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
    dimensions: &'a [crate::rules::Dimension],
    name: &'a str,
) -> Result<bool, ClassGap<'a>> {
    let expr = crate::predicate::RegionExpr::Class(name.to_string());
    let mut table = ClassTable::new(dimensions);
    let compiled = table.expr_with_groups(&expr, groups);
    let classes = RegionClasses::new(&table, &region.classes);
    // the gap names only the dimension and the region's class, which outlive the table
    match classes.holds(&compiled) {
        Ok(b) => Ok(b),
        Err(ClassGap::NoClass(d)) => Err(ClassGap::NoClass(d.and_then(|d| {
            dimensions
                .iter()
                .find(|x| x.name == d)
                .map(|x| x.name.as_str())
        }))),
        Err(ClassGap::Undeclared(c)) => Err(ClassGap::Undeclared(
            region.classes.get(c).map_or("", String::as_str),
        )),
    }
}

/// The cells a trace read, as the public [`Read`]s (each once, sorted).
fn public_reads(mut reads: Vec<CellRead>, keys: &[SeriesKey]) -> Vec<Read> {
    reads.sort_unstable();
    reads.dedup();
    let mut out: Vec<Read> = reads
        .into_iter()
        .filter_map(|c| {
            let quantity = match keys.get(c.series.index())? {
                SeriesKey::Indicator { .. } => None,
                SeriesKey::Named { name, .. } => Some(name.clone()),
                SeriesKey::Event { name } => {
                    return Some(Read::Event {
                        event: name.clone(),
                        year: c.year,
                    })
                }
                SeriesKey::Veto { .. } => return None,
            };
            Some(if c.target {
                Read::Target {
                    quantity,
                    year: c.year,
                }
            } else {
                Read::Value {
                    quantity,
                    year: c.year,
                }
            })
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
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
    pub fn with_dimensions(mut self, dimensions: &'a [crate::rules::Dimension]) -> Context<'a> {
        self.dimensions = dimensions;
        self
    }

    /// The same context with other settings.
    pub fn with_settings(mut self, settings: Settings) -> Context<'a> {
        self.settings = settings;
        self
    }

    /// The verdict only.
    pub fn verdict(&self, p: &Predicate) -> Verdict {
        self.run(p, &mut Silent).0
    }

    /// The verdict with evidence (for explanations).
    pub fn evaluate(&self, p: &Predicate) -> Outcome {
        let mut trace = Trace::default();
        let (verdict, keys) = self.run(p, &mut trace);
        let mut facts = trace.facts;
        facts.shrink_to_fit();
        Outcome {
            verdict,
            evidence: facts,
            reads: public_reads(trace.reads, &keys),
        }
    }

    /// Compile `p` for this context and run it against the region.
    fn run<R: Recorder>(&self, p: &Predicate, r: &mut R) -> (Verdict, Vec<SeriesKey>) {
        let mut series = Interner::default();
        let own = series.intern(
            SeriesKey::Indicator {
                id: self.indicator.to_string(),
            },
            None,
        );
        let mut classes = ClassTable::new(self.dimensions);
        let code = Lowering {
            series: &mut series,
            classes: &mut classes,
            groups: self.groups,
            owner: None,
            id: self.indicator,
            polarities: self.quantity_polarity,
            own,
            settings: self.settings,
            inputs: Vec::new(),
        }
        .code(p);
        let region_classes = RegionClasses::new(&classes, &self.region.classes);
        let source = ModelSource {
            region: self.region,
            keys: series.keys(),
        };
        let machine = Machine {
            source: &source,
            classes: &region_classes,
            own,
            own_name: None,
            year: self.year,
            settings: self.settings,
            unit: self.unit,
        };
        let verdict = machine.eval(&code, r);
        (verdict, series.keys().to_vec())
    }
}
