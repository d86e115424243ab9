//! Examples inside indicator files: small test cases run by `zhibiao test` and `cargo test`.

use serde::{Deserialize, Serialize};

use super::{RuleError, RuleErrorKind, RuleSet};
use crate::data::SeriesKey;
use crate::eval::{evaluate_region, RegionData, Value, Verdict};
use crate::syntax::file::{canonical_keyword, Block, Item, StmtBody};
use crate::{Lang, Span};

/// One data line of an example.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExampleData {
    /// Which series.
    pub series: SeriesKey,
    /// Year → value.
    pub values: Vec<(i32, Value)>,
    /// Year → target.
    pub targets: Vec<(i32, Value)>,
}

/// An expected verdict.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Expectation {
    /// Indicator id, or `None` for the whole region.
    pub indicator: Option<String>,
    /// Expected verdict.
    pub verdict: Verdict,
    /// Text the explanation must contain.
    pub fragment: Option<String>,
    /// Where the expectation is written.
    pub span: Span,
}

/// An example (`示例 "…" { … }`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Example {
    /// Name.
    pub name: String,
    /// Region name.
    pub region: Option<String>,
    /// Region classes.
    pub classes: Vec<String>,
    /// Assessment year (default: the latest year in the data).
    pub year: Option<i32>,
    /// Data lines.
    pub data: Vec<ExampleData>,
    /// Expectations.
    pub expects: Vec<Expectation>,
    /// Span of the opening line.
    pub span: Span,
}

impl Example {
    /// The example's data as a region.
    pub fn region_data(&self) -> RegionData {
        let mut r = RegionData::new(self.region.clone().unwrap_or_else(|| self.name.clone()));
        r.classes = self.classes.iter().cloned().collect();
        for d in &self.data {
            for (y, v) in &d.values {
                d.series.insert(&mut r, *y, v.clone(), false);
            }
            for (y, v) in &d.targets {
                d.series.insert(&mut r, *y, v.clone(), true);
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

/// Read an example block, checking ids and words against the rules.
pub(crate) fn example(b: &Block, rules: &RuleSet, errs: &mut Vec<RuleError>) -> Option<Example> {
    let name = super::load::block_name(b, errs)?;
    let mut ex = Example {
        name,
        region: None,
        classes: Vec::new(),
        year: None,
        data: Vec::new(),
        expects: Vec::new(),
        span: b.span,
    };
    let known: Vec<&str> = rules.classes().collect();
    for item in &b.items {
        let s = match item {
            Item::Stmt(s) => s,
            Item::Block(inner) => {
                errs.push(RuleError::new(
                    RuleErrorKind::Misplaced {
                        keyword: inner.keyword.clone(),
                        place: "`示例`".into(),
                    },
                    inner.keyword_span,
                ));
                continue;
            }
            _ => continue,
        };
        match (canonical_keyword(&s.keyword), &s.body) {
            (Some("地区"), StmtBody::Args(a)) if a.len() == 1 => {
                ex.region = Some(a[0].text.clone())
            }
            (Some("分类") | Some("地区分类"), StmtBody::Args(a)) => {
                for c in a {
                    if !known.contains(&c.text.as_str()) {
                        let help = match crate::syntax::closest(&c.text, known.iter().copied()) {
                            Some(k) => format!("did you mean `{k}`?"),
                            None => "give an example region only declared classes (groups follow from them)".to_string(),
                        };
                        errs.push(
                            RuleError::new(
                                RuleErrorKind::UnknownRegion {
                                    name: c.text.clone(),
                                },
                                c.span,
                            )
                            .help(help),
                        );
                    }
                    ex.classes.push(c.text.clone());
                }
            }
            (Some("年份"), StmtBody::Args(a)) if a.len() == 1 => match a[0].text.parse() {
                Ok(y) => ex.year = Some(y),
                Err(_) => errs.push(RuleError::new(
                    RuleErrorKind::Number {
                        text: a[0].text.clone(),
                        expected: "a year",
                    },
                    a[0].span,
                )),
            },
            (
                Some("数据"),
                StmtBody::Data {
                    series,
                    values,
                    targets,
                },
            ) => {
                let key = match SeriesKey::classify(&series.text, rules) {
                    Ok(k) => k,
                    Err(reason) => {
                        errs.push(
                            RuleError::new(
                                RuleErrorKind::Unknown {
                                    what: "series",
                                    id: series.text.clone(),
                                },
                                series.span,
                            )
                            .help(reason),
                        );
                        continue;
                    }
                };
                let conv = |ps: &Vec<crate::syntax::file::Point>,
                            errs: &mut Vec<RuleError>|
                 -> Vec<(i32, Value)> {
                    ps.iter()
                        .filter_map(|p| match Value::parse(&p.value) {
                            Some(v) => Some((p.year, v)),
                            None => {
                                errs.push(RuleError::new(
                                    RuleErrorKind::Number {
                                        text: p.value.clone(),
                                        expected: "a value",
                                    },
                                    p.span,
                                ));
                                None
                            }
                        })
                        .collect()
                };
                let values = conv(values, errs);
                let targets = conv(targets, errs);
                ex.data.push(ExampleData {
                    series: key,
                    values,
                    targets,
                });
            }
            (Some("数据"), _) => errs.push(RuleError::new(
                RuleErrorKind::Arguments {
                    keyword: s.keyword.clone(),
                    expected: "`<series> <year>=<value>… [目标 <year>=<value>…]`".into(),
                },
                s.span,
            )),
            (
                Some("期望"),
                StmtBody::Expect {
                    id,
                    verdict,
                    fragment,
                },
            ) => {
                let Some(v) = Verdict::from_word(&verdict.text) else {
                    errs.push(
                        RuleError::new(RuleErrorKind::Verdict { word: verdict.text.clone() }, verdict.span)
                            .help("write 达标, 未达标, 数据不足 or 不适用 (pass, fail, insufficient, not_applicable)"),
                    );
                    continue;
                };
                if let Some(id) = id {
                    if rules.indicator(&id.text).is_none() {
                        errs.push(RuleError::new(
                            RuleErrorKind::Unknown {
                                what: "indicator",
                                id: id.text.clone(),
                            },
                            id.span,
                        ));
                        continue;
                    }
                }
                ex.expects.push(Expectation {
                    indicator: id.as_ref().map(|a| a.text.clone()),
                    verdict: v,
                    fragment: fragment.as_ref().map(|f| f.text.clone()),
                    span: s.span,
                });
            }
            _ => errs.push(RuleError::new(
                RuleErrorKind::Misplaced {
                    keyword: s.keyword.clone(),
                    place: "`示例`".into(),
                },
                s.keyword_span,
            )),
        }
    }
    Some(ex)
}
