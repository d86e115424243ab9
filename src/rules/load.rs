//! Walking the file tree into a [`RuleSet`], collecting every error.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use super::examples::{self, Example};
use super::tiers;
use super::{
    Attribute, Dimension, Group, Indicator, RuleError, RuleErrorKind, RuleSet, System, Veto,
};
use crate::predicate::{Polarity, Predicate, RegionExpr, TargetOptions};
use crate::syntax::file::{canonical_keyword, parse_file, Arg, Block, Item, Stmt, StmtBody};
use crate::syntax::parse_region_expr;
use crate::types::Tolerance;
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
                    place: "the file outside `体系`".into(),
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
                expected: "a quoted name".into(),
            };
            errs.push(RuleError::new(kind, b.span));
            None
        }
    }
}

fn one_arg<'a>(l: &mut Loader, s: &'a Stmt, expected: &str) -> Option<&'a Arg> {
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

    fn number<T: std::str::FromStr>(&mut self, a: &Arg, expected: &'static str) -> Option<T> {
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
                    expected: "a tolerance such as `1` or `5%`",
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
                            place: "`体系`".into(),
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
                    one_arg(self, s, "a quoted document number").map(|a| a.text.clone())
            }
            Some("层级") => {
                self.rules.system.level =
                    one_arg(self, s, "a level word such as `县`").map(|a| a.text.clone())
            }
            Some("评估窗口") => {
                if let Some(a) = one_arg(self, s, "a number of years") {
                    let a = a.clone();
                    if let Some(w) = self.number::<u32>(&a, "a number of years (at least 2)") {
                        if w < 2 {
                            self.err(
                                RuleErrorKind::Number {
                                    text: a.text.clone(),
                                    expected: "a number of years (at least 2)",
                                },
                                a.span,
                            );
                        } else {
                            self.rules.system.window = w;
                        }
                    }
                }
            }
            Some("稳定容差") => {
                if let Some(a) = one_arg(self, s, "a tolerance").cloned() {
                    if let Some(t) = self.tolerance(&a) {
                        self.rules.system.tolerance = t;
                    }
                }
            }
            Some("参考指标达标比例") => {
                if let Some(a) = one_arg(self, s, "a percentage such as `80%`").cloned() {
                    let text = a.text.trim_end_matches(['%', '％']).to_string();
                    let t = Arg { text, ..a.clone() };
                    if let Some(d) = self.number::<Decimal>(&t, "a percentage between 0 and 100") {
                        if d < Decimal::ZERO || d > Decimal::ONE_HUNDRED {
                            self.err(
                                RuleErrorKind::Number {
                                    text: a.text.clone(),
                                    expected: "a percentage between 0 and 100",
                                },
                                a.span,
                            );
                        } else {
                            self.rules.system.min_reference_share = Some(d);
                        }
                    }
                }
            }
            Some("地区分类") => match &s.body {
                StmtBody::Classes { dimension, classes } => {
                    if self
                        .rules
                        .dimensions
                        .iter()
                        .any(|d| d.name == dimension.text)
                    {
                        self.err(
                            RuleErrorKind::Duplicate {
                                what: "class dimension",
                                id: dimension.text.clone(),
                            },
                            dimension.span,
                        );
                    }
                    let mut names = Vec::new();
                    for c in classes {
                        let dup =
                            self.rules.classes().any(|x| x == c.text) || names.contains(&c.text);
                        if dup {
                            self.err(
                                RuleErrorKind::Duplicate {
                                    what: "region class",
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
                        expected: "`<dimension>: <class> <class>…`".into(),
                    },
                    s.span,
                ),
            },
            Some("地区组") => match &s.body {
                StmtBody::Group { name, expr } => {
                    if self.group_spans.contains_key(&name.text) {
                        self.err(
                            RuleErrorKind::Duplicate {
                                what: "region group",
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
                        expected: "`<name> = <region expression>`".into(),
                    },
                    s.span,
                ),
            },
            Some("否决项") => match &s.body {
                StmtBody::Args(a) if a.len() == 2 => {
                    if self.rules.vetoes.iter().any(|v| v.id == a[0].text) {
                        self.err(
                            RuleErrorKind::Duplicate {
                                what: "veto",
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
                        expected: "`<id> \"<text>\"`".into(),
                    },
                    s.span,
                ),
            },
            _ => self.misplaced(s, "`体系`"),
        }
    }

    fn misplaced(&mut self, s: &Stmt, place: &str) {
        let known = canonical_keyword(&s.keyword).is_some();
        let mut e = RuleError::new(
            RuleErrorKind::Misplaced {
                keyword: s.keyword.clone(),
                place: place.into(),
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
                e = e.help(format!("did you mean `{best}`?"));
            }
        }
        self.push(e);
    }

    fn block_name(&mut self, b: &Block) -> String {
        block_name(b, &mut self.diagnostics).unwrap_or_default()
    }

    fn domain(&mut self, b: &Block) {
        let name = self.block_name(b);
        for item in &b.items {
            match item {
                Item::Block(inner) => match canonical_keyword(&inner.keyword) {
                    Some("任务") => self.task(inner, Some(&name)),
                    Some("指标") => self.indicator(inner, None, Some(&name), None),
                    _ => self.err(
                        RuleErrorKind::Misplaced {
                            keyword: inner.keyword.clone(),
                            place: "`领域`".into(),
                        },
                        inner.keyword_span,
                    ),
                },
                Item::Stmt(s) => self.misplaced(s, "`领域`"),
                _ => {}
            }
        }
    }

    fn task(&mut self, b: &Block, domain: Option<&str>) {
        let name = self.block_name(b);
        for item in &b.items {
            match item {
                Item::Block(inner) if canonical_keyword(&inner.keyword) == Some("指标") => {
                    self.indicator(inner, None, domain, Some(&name))
                }
                Item::Block(inner) => self.err(
                    RuleErrorKind::Misplaced {
                        keyword: inner.keyword.clone(),
                        place: "`任务`".into(),
                    },
                    inner.keyword_span,
                ),
                Item::Stmt(s) => self.misplaced(s, "`任务`"),
                _ => {}
            }
        }
    }

    fn indicator(
        &mut self,
        b: &Block,
        parent: Option<&Indicator>,
        domain: Option<&str>,
        task: Option<&str>,
    ) {
        let (id, id_span, name) = match b.args.as_slice() {
            [id, name] => (id.text.clone(), id.span, name.text.clone()),
            _ => {
                self.err(
                    RuleErrorKind::Arguments {
                        keyword: b.keyword.clone(),
                        expected: "`<id> \"<name>\"`".into(),
                    },
                    b.span,
                );
                return;
            }
        };
        if let Some(first) = self.indicator_spans.get(&id) {
            let line = self.line_of(*first);
            self.push(
                RuleError::new(
                    RuleErrorKind::Duplicate {
                        what: "indicator",
                        id: id.clone(),
                    },
                    id_span,
                )
                .help(format!("`{id}` is first used on line {line}")),
            );
        }
        if let Some(p) = parent {
            if !id.starts_with(&format!("{}.", p.id)) {
                self.push(
                    RuleError::new(
                        RuleErrorKind::SubId {
                            id: id.clone(),
                            parent: p.id.clone(),
                        },
                        id_span,
                    )
                    .help(format!("number it `{}.1`, `{}.2` …", p.id, p.id)),
                );
            }
        }
        if id.contains(':') {
            self.push(RuleError::new(
                RuleErrorKind::Number {
                    text: id.clone(),
                    expected: "an id without `:`",
                },
                id_span,
            ));
        }
        let mut ind = Indicator {
            id: id.clone(),
            name,
            parent: parent.map(|p| p.id.clone()),
            domain: domain.map(str::to_string),
            task: task.map(str::to_string),
            unit: parent.and_then(|p| p.unit.clone()),
            attribute: parent.map_or(Attribute::Binding, |p| p.attribute),
            polarity: parent.and_then(|p| p.polarity),
            quantity_polarity: Vec::new(),
            applies: parent.and_then(|p| p.applies.clone()),
            target: None,
            predicate: None,
            owner: parent.and_then(|p| p.owner.clone()),
            note: None,
            window: parent.and_then(|p| p.window),
            tolerance: parent.and_then(|p| p.tolerance),
        };
        let mut target: Option<Arg> = None;
        for item in &b.items {
            let Item::Stmt(s) = item else { continue };
            match canonical_keyword(&s.keyword) {
                Some("单位") => {
                    ind.unit = one_arg(self, s, "a unit")
                        .map(|a| a.text.clone())
                        .filter(|u| u != "-" && u != "—")
                }
                Some("属性") => {
                    if let Some(a) = one_arg(self, s, "`约束性`, `参考性` or `指导性`").cloned()
                    {
                        match Attribute::from_word(&a.text) {
                            Some(at) => ind.attribute = at,
                            None => self.push(
                                RuleError::new(RuleErrorKind::Attribute { word: a.text.clone() }, a.span)
                                    .help("write `约束性`, `参考性` or `指导性` (binding, reference, guidance)"),
                            ),
                        }
                    }
                }
                Some("方向") => match &s.body {
                    // `方向 PM2.5浓度 逆向`: the polarity of a named quantity
                    StmtBody::Args(a) if a.len() == 2 => {
                        if let Some(p) = self.polarity(&a[1]) {
                            ind.quantity_polarity.push((a[0].text.clone(), p));
                        }
                    }
                    _ => {
                        if let Some(a) = one_arg(self, s, "`正向` or `逆向`").cloned() {
                            ind.polarity = self.polarity(&a).or(ind.polarity);
                        }
                    }
                },
                Some("适用") => {
                    if let Some(a) = one_arg(self, s, "a region expression").cloned() {
                        ind.applies = self.region(&a);
                    }
                }
                Some("目标") => match &s.body {
                    StmtBody::Raw(a) => target = Some(a.clone()),
                    _ => self.err(
                        RuleErrorKind::Arguments {
                            keyword: s.keyword.clone(),
                            expected: "a target expression".into(),
                        },
                        s.span,
                    ),
                },
                Some("责任") => {
                    ind.owner = one_arg(self, s, "a quoted text").map(|a| a.text.clone())
                }
                Some("说明") => {
                    ind.note = one_arg(self, s, "a quoted text").map(|a| a.text.clone())
                }
                Some("评估窗口") => {
                    if let Some(a) = one_arg(self, s, "a number of years").cloned() {
                        ind.window = self
                            .number::<u32>(&a, "a number of years (at least 2)")
                            .filter(|w| *w >= 2);
                    }
                }
                Some("稳定容差") => {
                    if let Some(a) = one_arg(self, s, "a tolerance").cloned() {
                        ind.tolerance = self.tolerance(&a);
                    }
                }
                _ => self.misplaced(s, "`指标`"),
            }
        }
        if let Some(t) = target {
            self.target(&mut ind, &t);
        }
        self.indicator_spans.entry(id.clone()).or_insert(id_span);
        let index = self.rules.indicators.len();
        self.rules.indicators.push(ind.clone());
        for item in &b.items {
            if let Item::Block(inner) = item {
                if canonical_keyword(&inner.keyword) == Some("指标") {
                    let me = self.rules.indicators[index].clone();
                    self.indicator(inner, Some(&me), domain, task);
                } else {
                    self.err(
                        RuleErrorKind::Misplaced {
                            keyword: inner.keyword.clone(),
                            place: "`指标`".into(),
                        },
                        inner.keyword_span,
                    );
                }
            }
        }
    }

    /// `正向` / `逆向` (or an alias); an error with help otherwise.
    fn polarity(&mut self, a: &Arg) -> Option<Polarity> {
        match a.text.as_str() {
            "正向" | "higher" | "正" => Some(Polarity::Higher),
            "逆向" | "lower" | "负向" | "逆" => Some(Polarity::Lower),
            _ => {
                self.push(
                    RuleError::new(
                        RuleErrorKind::Polarity {
                            word: a.text.clone(),
                        },
                        a.span,
                    )
                    .help("write `正向` (higher is better) or `逆向` (lower is better)"),
                );
                None
            }
        }
    }

    fn target(&mut self, ind: &mut Indicator, t: &Arg) {
        ind.target = Some(t.text.clone());
        let opts = TargetOptions {
            unit: ind.unit.clone(),
            polarity: ind.polarity,
        };
        match Predicate::parse(&t.text, &opts) {
            Ok(p) => {
                if p.needs_polarity() && ind.polarity.is_none() {
                    self.push(
                        RuleError::new(RuleErrorKind::MissingPolarity { target: t.text.clone() }, t.span)
                            .help("add `方向 正向` (higher is better) or `方向 逆向` (lower is better) to the indicator"),
                    );
                }
                for q in p.quantities_needing_polarity() {
                    if !ind.quantity_polarity.iter().any(|(n, _)| *n == q) {
                        self.push(
                            RuleError::new(RuleErrorKind::MissingPolarity { target: t.text.clone() }, t.span)
                                .help(format!("the trend is about `{q}`: add `方向 {q} 正向` or `方向 {q} 逆向` to the indicator")),
                        );
                    }
                }
                let mut names = Vec::new();
                p.walk(&mut |q| {
                    if let Predicate::Tiered { tiers } = q {
                        for tier in tiers {
                            if let crate::predicate::Guard::Region(r) = &tier.when {
                                names.extend(r.names().into_iter().map(str::to_string));
                            }
                        }
                    }
                });
                for n in names {
                    let span = t.text.find(&n).map_or(t.span, |i| {
                        Span::new(t.span.start + i, t.span.start + i + n.len())
                    });
                    self.region_uses.push((n, span));
                }
                self.target_spans.insert(ind.id.clone(), t.span);
                ind.predicate = Some(p);
            }
            Err(e) => {
                let mut err = RuleError::new(
                    RuleErrorKind::Target(e.clone()),
                    e.span().shift(t.span.start),
                );
                err.help = e.help().map(str::to_string);
                self.push(err);
            }
        }
    }

    /// Checks that need the whole file: region names, group expansion, tiers, examples.
    fn finish(&mut self) {
        let classes: BTreeSet<String> = self.rules.classes().map(str::to_string).collect();
        let groups: BTreeMap<String, RegionExpr> = self
            .rules
            .groups
            .iter()
            .map(|g| (g.name.clone(), g.expr.clone()))
            .collect();
        for (name, span) in std::mem::take(&mut self.region_uses) {
            if !classes.contains(&name) && !groups.contains_key(&name) {
                let mut e =
                    RuleError::new(RuleErrorKind::UnknownRegion { name: name.clone() }, span);
                let known: Vec<&str> = classes
                    .iter()
                    .chain(groups.keys())
                    .map(String::as_str)
                    .collect();
                e = e.help(match crate::syntax::closest(&name, known.iter().copied()) {
                    _ if known.is_empty() => {
                        "declare it with `地区分类 <dimension>: …` or `地区组 <name> = …`"
                            .to_string()
                    }
                    Some(c) => format!("did you mean `{c}`?"),
                    None => format!("declared classes and groups: {}", known.join(" ")),
                });
                self.push(e);
            }
        }
        if self
            .diagnostics
            .iter()
            .any(|d| matches!(d.kind, RuleErrorKind::UnknownRegion { .. }))
        {
            // expansion would only repeat these errors
        } else {
            match tiers::expand_groups(&groups) {
                Ok(expanded) => {
                    for g in &mut self.rules.groups {
                        if let Some(e) = expanded.get(&g.name) {
                            g.expr = e.clone();
                        }
                    }
                    let dims = self.rules.dimensions.clone();
                    for ind in &self.rules.indicators {
                        let (Some(p), Some(span)) =
                            (&ind.predicate, self.target_spans.get(&ind.id))
                        else {
                            continue;
                        };
                        let p = tiers::expand_predicate(p, &expanded);
                        self.diagnostics.extend(tiers::analyse(&p, &dims, *span));
                    }
                }
                Err(name) => {
                    let span = self.group_spans.get(&name).copied().unwrap_or_default();
                    self.err(RuleErrorKind::GroupCycle { name }, span);
                }
            }
        }
        let blocks = std::mem::take(&mut self.example_blocks);
        let program = self.rules.compile();
        let made: Vec<(Span, Option<Example>, Vec<RuleError>)> = blocks
            .iter()
            .map(|b| {
                let mut errs = Vec::new();
                let ex = examples::example(b, &program, &mut errs);
                (b.span, ex, errs)
            })
            .collect();
        drop(program);
        for (span, ex, mut errs) in made {
            if let Some(ex) = ex {
                if self
                    .rules
                    .examples
                    .iter()
                    .any(|e: &Example| e.name == ex.name)
                {
                    errs.push(RuleError::new(
                        RuleErrorKind::Duplicate {
                            what: "example",
                            id: ex.name.clone(),
                        },
                        span,
                    ));
                }
                self.rules.examples.push(ex);
            }
            self.diagnostics.extend(errs);
        }
    }
}
