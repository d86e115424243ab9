//! Walking the file tree into a [`RuleSet`], collecting every error.

mod finish;
mod indicator;

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use super::examples::{self, Example};
use super::tiers;
use super::{
    Attribute, Dimension, Group, Indicator, RuleError, RuleErrorKind, RuleSet, Scope, System,
    Thing, Veto,
};
use crate::predicate::{Polarity, Predicate, RegionExpr, TargetOptions};
use crate::syntax::file::{canonical_keyword, parse_file, Arg, Block, Item, Stmt, StmtBody};
use crate::syntax::{parse_region_expr, Expected, Help, Wanted};
use crate::types::{Tolerance, MAX_YEARS};
use crate::Span;

/// A loaded file: the rules (complete only when there is no error) and every diagnostic.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The rules.
    pub rules: RuleSet,
    /// Errors and warnings, in file order.
    pub diagnostics: Vec<RuleError>,
}

/// Parse and validate an indicator file, keeping warnings.
pub fn load(src: &str) -> Loaded {
    let file = match parse_file(src) {
        Ok(f) => f,
        Err(errs) => {
            let diagnostics = errs
                .into_iter()
                .map(|e| RuleError {
                    kind: RuleErrorKind::Syntax(e.kind),
                    span: e.span,
                    help: e.help,
                })
                .collect();
            return Loaded {
                rules: RuleSet::default(),
                diagnostics,
            };
        }
    };
    let mut l = Loader {
        line_starts: std::iter::once(0)
            .chain(src.match_indices('\n').map(|(i, _)| i + 1))
            .collect(),
        ..Loader::default()
    };
    let systems: Vec<&Block> = file
        .items
        .iter()
        .filter_map(|i| match i {
            Item::Block(b) => Some(b),
            _ => None,
        })
        .collect();
    for item in &file.items {
        if let Item::Stmt(s) = item {
            l.err(
                RuleErrorKind::Misplaced {
                    keyword: s.keyword.clone(),
                    place: Scope::OutsideSystem,
                },
                s.keyword_span,
            );
        }
    }
    match systems.as_slice() {
        [one] if canonical_keyword(&one.keyword) == Some("体系") => l.system(one),
        [] => l.err(RuleErrorKind::System, Span::new(0, 0)),
        [first, ..] => {
            if canonical_keyword(&first.keyword) == Some("体系") {
                l.system(first);
            }
            for b in systems.iter().skip(1) {
                l.err(RuleErrorKind::System, b.keyword_span);
            }
            if canonical_keyword(&first.keyword) != Some("体系") {
                l.err(RuleErrorKind::System, first.keyword_span);
            }
        }
    }
    l.finish();
    l.diagnostics.sort_by_key(|d| (d.span.start, d.span.end));
    Loaded {
        rules: l.rules,
        diagnostics: l.diagnostics,
    }
}

#[derive(Default)]
struct Loader {
    rules: RuleSet,
    diagnostics: Vec<RuleError>,
    /// Region names used, with the span of each use (checked when all are declared).
    region_uses: Vec<(String, Span)>,
    group_spans: BTreeMap<String, Span>,
    /// Indicator id → span of the target text (for tier analysis messages).
    target_spans: BTreeMap<String, Span>,
    example_blocks: Vec<Block>,
    /// Indicator id → span of its first definition.
    indicator_spans: BTreeMap<String, Span>,
    /// Byte offsets of line starts, for "first used on line N".
    line_starts: Vec<usize>,
}

/// The quoted name of a block (`领域 "…" {`), or an error.
pub(crate) fn block_name(b: &Block, errs: &mut Vec<RuleError>) -> Option<String> {
    match b.args.as_slice() {
        [a] => Some(a.text.clone()),
        _ => {
            let kind = RuleErrorKind::Arguments {
                keyword: b.keyword.clone(),
                expected: Wanted::QuotedName.into(),
            };
            errs.push(RuleError::new(kind, b.span));
            None
        }
    }
}

fn one_arg<'a>(l: &mut Loader, s: &'a Stmt, expected: impl Into<Expected>) -> Option<&'a Arg> {
    match &s.body {
        StmtBody::Args(a) if a.len() == 1 => Some(&a[0]),
        StmtBody::Raw(a) => Some(a),
        _ => {
            l.err(
                RuleErrorKind::Arguments {
                    keyword: s.keyword.clone(),
                    expected: expected.into(),
                },
                s.span,
            );
            None
        }
    }
}

impl Loader {
    fn line_of(&self, span: Span) -> usize {
        self.line_starts.partition_point(|&s| s <= span.start)
    }

    fn err(&mut self, kind: RuleErrorKind, span: Span) {
        self.diagnostics.push(RuleError::new(kind, span));
    }

    fn push(&mut self, e: RuleError) {
        self.diagnostics.push(e);
    }

    /// A window (`评估窗口 3`): a number of years from 2 to [`MAX_YEARS`].
    fn window(&mut self, a: &Arg) -> Option<u32> {
        let w = self.number::<u32>(a, Wanted::Window)?;
        if (2..=MAX_YEARS).contains(&w) {
            return Some(w);
        }
        self.err(
            RuleErrorKind::Number {
                text: a.text.clone(),
                expected: Wanted::Window,
            },
            a.span,
        );
        None
    }

    fn number<T: std::str::FromStr>(&mut self, a: &Arg, expected: Wanted) -> Option<T> {
        let t = crate::syntax::normalize(&a.text).text;
        match t.trim().parse() {
            Ok(v) => Some(v),
            Err(_) => {
                self.err(
                    RuleErrorKind::Number {
                        text: a.text.clone(),
                        expected,
                    },
                    a.span,
                );
                None
            }
        }
    }

    fn tolerance(&mut self, a: &Arg) -> Option<Tolerance> {
        let t = Tolerance::parse(&a.text);
        if t.is_none() {
            self.err(
                RuleErrorKind::Number {
                    text: a.text.clone(),
                    expected: Wanted::Tolerance,
                },
                a.span,
            );
        }
        t
    }

    fn region(&mut self, a: &Arg) -> Option<RegionExpr> {
        match parse_region_expr(&a.text) {
            Ok((e, names)) => {
                for (n, s) in names {
                    self.region_uses.push((n, s.shift(a.span.start)));
                }
                Some(e)
            }
            Err(e) => {
                self.push(RuleError {
                    kind: RuleErrorKind::Syntax(e.kind),
                    span: e.span.shift(a.span.start),
                    help: e.help,
                });
                None
            }
        }
    }

    fn system(&mut self, b: &Block) {
        let name = self.block_name(b);
        self.rules.system = System {
            name,
            window: 2,
            ..System::default()
        };
        for item in &b.items {
            match item {
                Item::Stmt(s) => self.system_stmt(s),
                Item::Block(inner) => match canonical_keyword(&inner.keyword) {
                    Some("领域") => self.domain(inner),
                    Some("任务") => self.task(inner, None),
                    Some("指标") => self.indicator(inner, None, None, None),
                    Some("示例") => self.example_blocks.push(inner.clone()),
                    _ => self.err(
                        RuleErrorKind::Misplaced {
                            keyword: inner.keyword.clone(),
                            place: Scope::Block("体系"),
                        },
                        inner.keyword_span,
                    ),
                },
                _ => {}
            }
        }
    }

    fn system_stmt(&mut self, s: &Stmt) {
        match canonical_keyword(&s.keyword) {
            Some("文号") => {
                self.rules.system.document =
                    one_arg(self, s, Wanted::QuotedDocNumber).map(|a| a.text.clone())
            }
            Some("层级") => {
                self.rules.system.level =
                    one_arg(self, s, Wanted::LevelWord).map(|a| a.text.clone())
            }
            Some("评估窗口") => {
                if let Some(a) = one_arg(self, s, Wanted::Years).cloned() {
                    if let Some(w) = self.window(&a) {
                        self.rules.system.window = w;
                    }
                }
            }
            Some("稳定容差") => {
                if let Some(a) = one_arg(self, s, Wanted::Tolerance).cloned() {
                    if let Some(t) = self.tolerance(&a) {
                        self.rules.system.tolerance = t;
                    }
                }
            }
            Some("近似容差") => {
                if let Some(a) = one_arg(self, s, Wanted::Tolerance).cloned() {
                    if let Some(t) = self.tolerance(&a) {
                        self.rules.system.approx_tolerance = t;
                    }
                }
            }
            Some("参考指标达标比例") => {
                if let Some(a) = one_arg(self, s, Wanted::Percentage).cloned() {
                    let text = a.text.trim_end_matches(['%', '％']).to_string();
                    let t = Arg { text, ..a.clone() };
                    if let Some(d) = self.number::<Decimal>(&t, Wanted::PercentageBetween) {
                        if d < Decimal::ZERO || d > Decimal::ONE_HUNDRED {
                            self.err(
                                RuleErrorKind::Number {
                                    text: a.text.clone(),
                                    expected: Wanted::PercentageBetween,
                                },
                                a.span,
                            );
                        } else {
                            self.rules.system.min_reference_share = Some(d);
                        }
                    }
                }
            }
            Some("地区分类") => self.dimension_stmt(s),
            Some("地区组") => self.group_stmt(s),
            Some("否决项") => self.veto_stmt(s),
            _ => self.misplaced(s, Scope::Block("体系")),
        }
    }

    /// `地区分类 <维度>: <类> <类>…`: a dimension of region classes, each class once.
    fn dimension_stmt(&mut self, s: &Stmt) {
        match &s.body {
            StmtBody::Classes { dimension, classes } => {
                if self
                    .rules
                    .dimensions
                    .iter()
                    .any(|d| d.name == dimension.text)
                {
                    self.err(
                        RuleErrorKind::Duplicate {
                            what: Thing::ClassDimension,
                            id: dimension.text.clone(),
                        },
                        dimension.span,
                    );
                }
                let mut names = Vec::new();
                for c in classes {
                    if !self.name_ok(&c.text, c.span) {
                        continue;
                    }
                    let dup = self.rules.classes().any(|x| x == c.text) || names.contains(&c.text);
                    if dup {
                        self.err(
                            RuleErrorKind::Duplicate {
                                what: Thing::RegionClass,
                                id: c.text.clone(),
                            },
                            c.span,
                        );
                    } else {
                        names.push(c.text.clone());
                    }
                }
                self.rules.dimensions.push(Dimension {
                    name: dimension.text.clone(),
                    classes: names,
                });
            }
            _ => self.err(
                RuleErrorKind::Arguments {
                    keyword: s.keyword.clone(),
                    expected: Wanted::ClassLine.into(),
                },
                s.span,
            ),
        }
    }

    /// Whether a class or group name can be written in a region expression and read back from
    /// its JSON form: no operator (`& | ! ( )`), separator, space or control character.
    fn name_ok(&mut self, name: &str, span: Span) -> bool {
        let bad = name
            .chars()
            .find(|c| c.is_control() || c.is_whitespace() || "&|!()（）:：;；,，、".contains(*c));
        match bad {
            None => true,
            Some(ch) => {
                self.err(
                    RuleErrorKind::BadName {
                        name: name.to_string(),
                        ch,
                    },
                    span,
                );
                false
            }
        }
    }

    /// `地区组 <名> = <表达式>`: a region group.
    fn group_stmt(&mut self, s: &Stmt) {
        match &s.body {
            StmtBody::Group { name, .. } if !self.name_ok(&name.text, name.span) => {}
            StmtBody::Group { name, expr } => {
                if self.group_spans.contains_key(&name.text) {
                    self.err(
                        RuleErrorKind::Duplicate {
                            what: Thing::RegionGroup,
                            id: name.text.clone(),
                        },
                        name.span,
                    );
                }
                if let Some(e) = self.region(expr) {
                    self.group_spans.insert(name.text.clone(), name.span);
                    self.rules.groups.push(Group {
                        name: name.text.clone(),
                        expr: e,
                    });
                }
            }
            _ => self.err(
                RuleErrorKind::Arguments {
                    keyword: s.keyword.clone(),
                    expected: Wanted::GroupLine.into(),
                },
                s.span,
            ),
        }
    }

    /// `否决项 <编号> "<文字>"`: a veto item.
    fn veto_stmt(&mut self, s: &Stmt) {
        match &s.body {
            StmtBody::Args(a) if a.len() == 2 => {
                if self.rules.vetoes.iter().any(|v| v.id == a[0].text) {
                    self.err(
                        RuleErrorKind::Duplicate {
                            what: Thing::Veto,
                            id: a[0].text.clone(),
                        },
                        a[0].span,
                    );
                }
                self.rules.vetoes.push(Veto {
                    id: a[0].text.clone(),
                    text: a[1].text.clone(),
                });
            }
            _ => self.err(
                RuleErrorKind::Arguments {
                    keyword: s.keyword.clone(),
                    expected: Wanted::IdText.into(),
                },
                s.span,
            ),
        }
    }

    fn misplaced(&mut self, s: &Stmt, place: Scope) {
        let known = canonical_keyword(&s.keyword).is_some();
        let mut e = RuleError::new(
            RuleErrorKind::Misplaced {
                keyword: s.keyword.clone(),
                place,
            },
            s.keyword_span,
        );
        if !known {
            let words: Vec<&str> = crate::syntax::file::KEYWORDS
                .iter()
                .map(|(zh, _)| *zh)
                .collect();
            if let Some(best) = words
                .iter()
                .find(|w| w.chars().filter(|c| s.keyword.contains(*c)).count() >= 2)
            {
                e = e.help(Help::DidYouMean(best.to_string()));
            }
        }
        self.push(e);
    }
}
