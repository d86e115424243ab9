//! Domains, tasks and indicator blocks of an indicator file.

use super::*;

/// The attribute words (`属性`).
const ATTRIBUTES: [Wanted; 3] = [
    Wanted::Code("约束性"),
    Wanted::Code("参考性"),
    Wanted::Code("指导性"),
];

/// The polarity words (`方向`).
const POLARITIES: [Wanted; 2] = [Wanted::Code("正向"), Wanted::Code("逆向")];

impl Loader {
    pub(super) fn block_name(&mut self, b: &Block) -> String {
        block_name(b, &mut self.diagnostics).unwrap_or_default()
    }

    pub(super) fn domain(&mut self, b: &Block) {
        let name = self.block_name(b);
        for item in &b.items {
            match item {
                Item::Block(inner) => match canonical_keyword(&inner.keyword) {
                    Some("任务") => self.task(inner, Some(&name)),
                    Some("指标") => self.indicator(inner, None, Some(&name), None),
                    _ => self.err(
                        RuleErrorKind::Misplaced {
                            keyword: inner.keyword.clone(),
                            place: Scope::Block("领域"),
                        },
                        inner.keyword_span,
                    ),
                },
                Item::Stmt(s) => self.misplaced(s, Scope::Block("领域")),
                _ => {}
            }
        }
    }

    pub(super) fn task(&mut self, b: &Block, domain: Option<&str>) {
        let name = self.block_name(b);
        for item in &b.items {
            match item {
                Item::Block(inner) if canonical_keyword(&inner.keyword) == Some("指标") => {
                    self.indicator(inner, None, domain, Some(&name))
                }
                Item::Block(inner) => self.err(
                    RuleErrorKind::Misplaced {
                        keyword: inner.keyword.clone(),
                        place: Scope::Block("任务"),
                    },
                    inner.keyword_span,
                ),
                Item::Stmt(s) => self.misplaced(s, Scope::Block("任务")),
                _ => {}
            }
        }
    }

    pub(super) fn indicator(
        &mut self,
        b: &Block,
        parent: Option<&Indicator>,
        domain: Option<&str>,
        task: Option<&str>,
    ) {
        let Some((id, id_span, name)) = self.indicator_head(b, parent) else {
            return;
        };
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
            if let Item::Stmt(s) = item {
                self.indicator_stmt(&mut ind, s, &mut target);
            }
        }
        if let Some(t) = target {
            self.target(&mut ind, &t);
        }
        self.indicator_spans.entry(id).or_insert(id_span);
        let index = self.rules.indicators.len();
        self.rules.indicators.push(ind);
        self.sub_indicators(b, index, domain, task);
    }

    /// The id and name of an indicator block, checked (duplicate, sub-indicator numbering, no
    /// `:`); `None` when the block does not give them.
    fn indicator_head(
        &mut self,
        b: &Block,
        parent: Option<&Indicator>,
    ) -> Option<(String, Span, String)> {
        let (id, id_span, name) = match b.args.as_slice() {
            [id, name] => (id.text.clone(), id.span, name.text.clone()),
            _ => {
                self.err(
                    RuleErrorKind::Arguments {
                        keyword: b.keyword.clone(),
                        expected: Wanted::IdName.into(),
                    },
                    b.span,
                );
                return None;
            }
        };
        if let Some(first) = self.indicator_spans.get(&id) {
            let line = self.line_of(*first);
            self.push(
                RuleError::new(
                    RuleErrorKind::Duplicate {
                        what: Thing::Indicator,
                        id: id.clone(),
                    },
                    id_span,
                )
                .help(Help::FirstUsed {
                    id: id.clone(),
                    line,
                }),
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
                    .help(Help::NumberUnder {
                        parent: p.id.clone(),
                    }),
                );
            }
        }
        if id.contains(':') {
            self.push(RuleError::new(
                RuleErrorKind::Number {
                    text: id.clone(),
                    expected: Wanted::IdWithoutColon,
                },
                id_span,
            ));
        }
        Some((id, id_span, name))
    }

    /// One statement of an indicator block; the target is kept to be read last.
    fn indicator_stmt(&mut self, ind: &mut Indicator, s: &Stmt, target: &mut Option<Arg>) {
        match canonical_keyword(&s.keyword) {
            Some("单位") => {
                ind.unit = one_arg(self, s, Wanted::Unit)
                    .map(|a| a.text.clone())
                    .filter(|u| u != "-" && u != "—")
            }
            Some("属性") => {
                if let Some(a) = one_arg(self, s, ATTRIBUTES).cloned() {
                    match Attribute::from_word(&a.text) {
                        Some(at) => ind.attribute = at,
                        None => self.push(
                            RuleError::new(RuleErrorKind::Attribute { word: a.text.clone() }, a.span)
                                .help(Help::text(
                                    "write `约束性`, `参考性` or `指导性` (binding, reference, guidance)",
                                    "请写 `约束性`、`参考性` 或 `指导性`",
                                )),
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
                    if let Some(a) = one_arg(self, s, POLARITIES).cloned() {
                        ind.polarity = self.polarity(&a).or(ind.polarity);
                    }
                }
            },
            Some("适用") => {
                if let Some(a) = one_arg(self, s, Wanted::RegionExpression).cloned() {
                    ind.applies = self.region(&a);
                }
            }
            Some("目标") => match &s.body {
                StmtBody::Raw(a) => *target = Some(a.clone()),
                _ => self.err(
                    RuleErrorKind::Arguments {
                        keyword: s.keyword.clone(),
                        expected: Wanted::TargetExpression.into(),
                    },
                    s.span,
                ),
            },
            Some("责任") => {
                ind.owner = one_arg(self, s, Wanted::QuotedText).map(|a| a.text.clone())
            }
            Some("说明") => {
                ind.note = one_arg(self, s, Wanted::QuotedText).map(|a| a.text.clone())
            }
            Some("评估窗口") => {
                if let Some(a) = one_arg(self, s, Wanted::Years).cloned() {
                    ind.window = self.window(&a);
                }
            }
            Some("稳定容差") => {
                if let Some(a) = one_arg(self, s, Wanted::Tolerance).cloned() {
                    ind.tolerance = self.tolerance(&a);
                }
            }
            _ => self.misplaced(s, Scope::Block("指标")),
        }
    }

    /// The sub-indicator blocks of the indicator at `index` (any other block is misplaced).
    fn sub_indicators(
        &mut self,
        b: &Block,
        index: usize,
        domain: Option<&str>,
        task: Option<&str>,
    ) {
        for item in &b.items {
            let Item::Block(inner) = item else { continue };
            if canonical_keyword(&inner.keyword) == Some("指标") {
                let me = self.rules.indicators[index].clone();
                self.indicator(inner, Some(&me), domain, task);
            } else {
                self.err(
                    RuleErrorKind::Misplaced {
                        keyword: inner.keyword.clone(),
                        place: Scope::Block("指标"),
                    },
                    inner.keyword_span,
                );
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
                    .help(Help::text(
                        "write `正向` (higher is better) or `逆向` (lower is better)",
                        "请写 `正向`(越高越好)或 `逆向`(越低越好)",
                    )),
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
        // a cell that repeats the indicator's name (`森林覆盖率达到26%`) is about its own series
        match Predicate::parse(&t.text, &opts).map(|p| p.with_own_name(&ind.name)) {
            Ok(p) => {
                if p.needs_polarity() && ind.polarity.is_none() {
                    self.push(
                        RuleError::new(RuleErrorKind::MissingPolarity { target: t.text.clone() }, t.span)
                            .help(Help::text(
                                "add `方向 正向` (higher is better) or `方向 逆向` (lower is better) to the indicator",
                                "请为指标加上 `方向 正向`(越高越好)或 `方向 逆向`(越低越好)",
                            )),
                    );
                }
                for q in p.quantities_needing_polarity() {
                    if !ind.quantity_polarity.iter().any(|(n, _)| *n == q) {
                        self.push(
                            RuleError::new(
                                RuleErrorKind::MissingPolarity {
                                    target: t.text.clone(),
                                },
                                t.span,
                            )
                            .help(Help::TrendPolarity {
                                quantity: q.to_string(),
                            }),
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
                err.help = e.help().cloned();
                self.push(err);
            }
        }
    }
}
