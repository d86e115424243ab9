//! Examples inside indicator files: small test cases that `zhibiao test` and `cargo test` run
//! (the runner is in the `eval` stage, after evaluation).

use serde::{Deserialize, Serialize};

use super::{Program, RuleError, RuleErrorKind, Scope, SeriesKey, Thing};
use crate::syntax::file::{canonical_keyword, Block, Item, StmtBody};
use crate::syntax::{Help, Wanted};
use crate::types::Verdict;
use crate::Span;

/// One data line of an example.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ExampleData {
    /// Which series.
    pub series: SeriesKey,
    /// Year → value, as written (read as a value when the example runs).
    pub values: Vec<(i32, String)>,
    /// Year → target, as written.
    pub targets: Vec<(i32, String)>,
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

/// Read an example block, checking ids and words against the rules.
pub(crate) fn example(
    b: &Block,
    program: &Program<'_>,
    errs: &mut Vec<RuleError>,
) -> Option<Example> {
    let rules = program.rules();
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
                        place: Scope::Block("示例"),
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
                            Some(k) => Help::DidYouMean(k.to_string()),
                            None => Help::text(
                                "give an example region only declared classes (groups follow from them)",
                                "示例地区只能给出已声明的分类(地区组由分类推出)",
                            ),
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
                Ok(y) if crate::types::YEARS.contains(&y) => ex.year = Some(y),
                _ => errs.push(RuleError::new(
                    RuleErrorKind::Number {
                        text: a[0].text.clone(),
                        expected: Wanted::Year,
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
                let key = match program.classify(&series.text) {
                    Ok(id) => match program.key(id) {
                        Some(k) => k.clone(),
                        None => continue,
                    },
                    Err(reason) => {
                        errs.push(
                            RuleError::new(
                                RuleErrorKind::Unknown {
                                    what: Thing::Series,
                                    id: series.text.clone(),
                                },
                                series.span,
                            )
                            .help(Help::Unused(Box::new(reason))),
                        );
                        continue;
                    }
                };
                let conv = |ps: &Vec<crate::syntax::file::Point>,
                            errs: &mut Vec<RuleError>|
                 -> Vec<(i32, String)> {
                    ps.iter()
                        .filter_map(|p| match p.value.trim() {
                            v if !v.is_empty() => Some((p.year, v.to_string())),
                            _ => {
                                errs.push(RuleError::new(
                                    RuleErrorKind::Number {
                                        text: p.value.clone(),
                                        expected: Wanted::Value,
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
                    expected: Wanted::ExampleLine.into(),
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
                            .help(Help::text(
                                "write 达标, 未达标, 数据不足 or 不适用 (pass, fail, insufficient, not_applicable)",
                                "请写 达标、未达标、数据不足 或 不适用",
                            )),
                    );
                    continue;
                };
                if let Some(id) = id {
                    if rules.indicator(&id.text).is_none() {
                        errs.push(RuleError::new(
                            RuleErrorKind::Unknown {
                                what: Thing::Indicator,
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
                    place: Scope::Block("示例"),
                },
                s.keyword_span,
            )),
        }
    }
    Some(ex)
}
