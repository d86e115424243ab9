//! Checks that need the whole file: region names, group expansion, tiers, examples.

use super::*;

impl Loader {
    /// Checks that need the whole file: region names, group expansion, tiers, examples.
    pub(super) fn finish(&mut self) {
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
                    _ if known.is_empty() => Help::text(
                        "declare it with `地区分类 <dimension>: …` or `地区组 <name> = …`",
                        "请用 `地区分类 <维度>: …` 或 `地区组 <名称> = …` 声明",
                    ),
                    Some(c) => Help::DidYouMean(c.to_string()),
                    None => Help::Declared(known.join(" ")),
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
                Err(tiers::GroupError::Cycle(name)) => {
                    let span = self.group_spans.get(&name).copied().unwrap_or_default();
                    self.err(RuleErrorKind::GroupCycle { name }, span);
                }
                Err(tiers::GroupError::TooLarge { chain, size }) => {
                    let name = chain.first().cloned().unwrap_or_default();
                    let span = self.group_spans.get(&name).copied().unwrap_or_default();
                    self.err(RuleErrorKind::GroupTooLarge { chain, size }, span);
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
                            what: Thing::Example,
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
