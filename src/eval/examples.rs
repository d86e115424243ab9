//! Running the examples of indicator files (`zhibiao test`, `cargo test`): each example's data
//! is evaluated and every expectation checked.

use crate::data::{RegionData, Value};
use crate::eval::evaluate_region;
use crate::rules::{Example, RuleSet};
use crate::types::Verdict;
use crate::{Lang, Span};

impl Example {
    /// The example's data as a region (values read as the data readers read them).
    pub fn region_data(&self) -> RegionData {
        let mut r = RegionData::new(self.region.clone().unwrap_or_else(|| self.name.clone()));
        r.classes = self.classes.iter().cloned().collect();
        for d in &self.data {
            for (y, v) in &d.values {
                if let Some(v) = Value::parse(v) {
                    d.series.insert(&mut r, *y, v, false);
                }
            }
            for (y, v) in &d.targets {
                if let Some(v) = Value::parse(v) {
                    d.series.insert(&mut r, *y, v, true);
                }
            }
        }
        r
    }
}

/// An expectation that did not hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Mismatch {
    /// Indicator id, or `None` for the whole region.
    pub indicator: Option<String>,
    /// Expected verdict.
    pub expected: Verdict,
    /// Actual verdict.
    pub actual: Verdict,
    /// The explanation.
    pub explanation: String,
    /// The fragment that the explanation lacks, if that was the failure.
    pub missing_fragment: Option<String>,
    /// Where the expectation is written.
    pub span: Span,
}

/// The outcome of one example.
#[derive(Debug, Clone, PartialEq)]
pub struct ExampleResult {
    /// Example name.
    pub name: String,
    /// Number of expectations checked.
    pub checked: usize,
    /// Those that failed.
    pub mismatches: Vec<Mismatch>,
}

/// Run every example of a rule set.
pub fn run_examples(rules: &RuleSet, lang: Lang) -> Vec<ExampleResult> {
    rules
        .examples
        .iter()
        .map(|ex| {
            let region = ex.region_data();
            let year = ex.year.or_else(|| region.latest_year()).unwrap_or(0);
            let result = evaluate_region(rules, &region, year, Some(lang));
            let mut mismatches = Vec::new();
            for e in &ex.expects {
                let (actual, explanation) = match &e.indicator {
                    None => (result.verdict, result.summary(lang)),
                    Some(id) => match result.indicators.iter().find(|i| &i.id == id) {
                        Some(i) => (i.verdict, i.explanation.clone()),
                        None => continue,
                    },
                };
                let missing = e
                    .fragment
                    .as_ref()
                    .filter(|f| !explanation.contains(f.as_str()))
                    .cloned();
                if actual != e.verdict || missing.is_some() {
                    mismatches.push(Mismatch {
                        indicator: e.indicator.clone(),
                        expected: e.verdict,
                        actual,
                        explanation,
                        missing_fragment: missing,
                        span: e.span,
                    });
                }
            }
            ExampleResult {
                name: ex.name.clone(),
                checked: ex.expects.len(),
                mismatches,
            }
        })
        .collect()
}
