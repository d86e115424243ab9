//! Examples inside indicator files: small test cases that `zhibiao test` and `cargo test` run
//! (the runner is in the `eval` stage, after evaluation).

use serde::{Deserialize, Serialize};

use super::{Program, RuleError, RuleErrorKind, Scope, SeriesKey, Thing};
use crate::syntax::file::{canonical_keyword, Arg, Block, Item, Point, StmtBody};
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
    for item in &b.items {
        let s = match item {
            Item::Stmt(s) => s,
            Item::Block(inner) => {
                errs.push(misplaced(&inner.keyword, inner.keyword_span));
                continue;
            }
            _ => continue,
        };
        match (canonical_keyword(&s.keyword), &s.body) {
            (Some("地区"), StmtBody::Args(a)) if a.len() == 1 => {
                ex.region = Some(a[0].text.clone())
            }
            (Some("分类") | Some("地区分类"), StmtBody::Args(a)) => {
                ex.classes.extend(classes(a, program, errs))
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
            ) => ex
                .data
                .extend(data_line(program, series, values, targets, errs)),
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
            ) => ex.expects.extend(expectation(
                program,
                (id.as_ref(), verdict, fragment.as_ref()),
                s.span,
                errs,
            )),
            _ => errs.push(misplaced(&s.keyword, s.keyword_span)),
        }
    }
    Some(ex)
}

/// A keyword that has no place in an example.
fn misplaced(keyword: &str, span: Span) -> RuleError {
    let kind = RuleErrorKind::Misplaced {
        keyword: keyword.to_string(),
        place: Scope::Block("示例"),
    };
    RuleError::new(kind, span)
}

/// The example region's classes; each must be declared (groups follow from them).
fn classes(args: &[Arg], program: &Program<'_>, errs: &mut Vec<RuleError>) -> Vec<String> {
    let known: Vec<&str> = program.rules().classes().collect();
    for c in args.iter().filter(|c| !known.contains(&c.text.as_str())) {
        let help = match crate::syntax::closest(&c.text, known.iter().copied()) {
            Some(k) => Help::DidYouMean(k.to_string()),
            None => Help::text(
                "give an example region only declared classes (groups follow from them)",
                "示例地区只能给出已声明的分类(地区组由分类推出)",
            ),
        };
        let kind = RuleErrorKind::UnknownRegion {
            name: c.text.clone(),
        };
        errs.push(RuleError::new(kind, c.span).help(help));
    }
    args.iter().map(|c| c.text.clone()).collect()
}

/// A data line `数据 <series> <year>=<value>… [目标 <year>=<value>…]`, its series resolved.
fn data_line(
    program: &Program<'_>,
    series: &Arg,
    values: &[Point],
    targets: &[Point],
    errs: &mut Vec<RuleError>,
) -> Option<ExampleData> {
    let key = match program.classify(&series.text) {
        Ok(id) => program.key(id)?.clone(),
        Err(reason) => {
            let kind = RuleErrorKind::Unknown {
                what: Thing::Series,
                id: series.text.clone(),
            };
            errs.push(RuleError::new(kind, series.span).help(Help::Unused(Box::new(reason))));
            return None;
        }
    };
    Some(ExampleData {
        series: key,
        values: points(values, errs),
        targets: points(targets, errs),
    })
}

/// The `<year>=<value>` pairs of a data line; an empty value is an error.
fn points(ps: &[Point], errs: &mut Vec<RuleError>) -> Vec<(i32, String)> {
    let mut out = Vec::with_capacity(ps.len());
    for p in ps {
        match p.value.trim() {
            "" => errs.push(RuleError::new(
                RuleErrorKind::Number {
                    text: p.value.clone(),
                    expected: Wanted::Value,
                },
                p.span,
            )),
            v => out.push((p.year, v.to_string())),
        }
    }
    out
}

/// `期望 [<indicator>] <verdict> ["<fragment>"]`, its verdict word and indicator checked.
fn expectation(
    program: &Program<'_>,
    (id, verdict, fragment): (Option<&Arg>, &Arg, Option<&Arg>),
    span: Span,
    errs: &mut Vec<RuleError>,
) -> Option<Expectation> {
    let Some(v) = Verdict::from_word(&verdict.text) else {
        let kind = RuleErrorKind::Verdict {
            word: verdict.text.clone(),
        };
        errs.push(RuleError::new(kind, verdict.span).help(Help::text(
            "write 达标, 未达标, 数据不足 or 不适用 (pass, fail, insufficient, not_applicable)",
            "请写 达标、未达标、数据不足 或 不适用",
        )));
        return None;
    };
    if let Some(id) = id.filter(|id| program.rules().indicator(&id.text).is_none()) {
        let kind = RuleErrorKind::Unknown {
            what: Thing::Indicator,
            id: id.text.clone(),
        };
        errs.push(RuleError::new(kind, id.span));
        return None;
    }
    Some(Expectation {
        indicator: id.map(|a| a.text.clone()),
        verdict: v,
        fragment: fragment.map(|f| f.text.clone()),
        span,
    })
}
