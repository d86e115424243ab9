//! Region groups, and the analysis of tiers over the declared classes.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use super::{Dimension, RuleError, RuleErrorKind};
use crate::predicate::{Guard, Predicate, RegionExpr, Tier};
use crate::syntax::Help;
use crate::Span;

/// The most class names a group may expand to: groups that double (`G2 = G1 | G1`) would
/// otherwise grow exponentially.
pub const MAX_GROUP_SIZE: u64 = 10_000;

/// How many uncovered class combinations a warning names.
pub const SHOWN_UNCOVERED: usize = 6;

/// Why groups do not expand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum GroupError {
    /// A group that refers to itself.
    Cycle(String),
    /// A group whose expansion would exceed [`MAX_GROUP_SIZE`] names; the chain of groups that
    /// makes it large, from the group down.
    TooLarge {
        /// The groups, outermost first.
        chain: Vec<String>,
        /// How many names it would hold (saturating).
        size: u64,
    },
}

/// How many class names each group expands to, without expanding (saturating; a cycle counts
/// as small here and is reported by the expansion).
fn group_sizes(groups: &BTreeMap<String, RegionExpr>) -> BTreeMap<&str, u64> {
    fn size(
        e: &RegionExpr,
        groups: &BTreeMap<String, RegionExpr>,
        memo: &mut BTreeMap<String, u64>,
        visiting: &mut BTreeSet<String>,
    ) -> u64 {
        match e {
            RegionExpr::Class(c) => match groups.get(c) {
                None => 1,
                Some(_) if visiting.contains(c) => 1,
                Some(g) => {
                    if let Some(n) = memo.get(c) {
                        return *n;
                    }
                    visiting.insert(c.clone());
                    let n = size(g, groups, memo, visiting);
                    visiting.remove(c);
                    memo.insert(c.clone(), n);
                    n
                }
            },
            RegionExpr::Not(x) => size(x, groups, memo, visiting),
            RegionExpr::And(v) | RegionExpr::Or(v) => v.iter().fold(0u64, |n, x| {
                n.saturating_add(size(x, groups, memo, visiting))
            }),
        }
    }
    let mut memo = BTreeMap::new();
    groups
        .keys()
        .map(|k| {
            let n = size(
                &RegionExpr::Class(k.clone()),
                groups,
                &mut memo,
                &mut BTreeSet::new(),
            );
            (k.as_str(), n)
        })
        .collect()
}

/// The chain of groups that makes `name` large: at each step the largest group it names.
fn large_chain(
    name: &str,
    groups: &BTreeMap<String, RegionExpr>,
    sizes: &BTreeMap<&str, u64>,
) -> Vec<String> {
    fn names(e: &RegionExpr, out: &mut Vec<String>) {
        match e {
            RegionExpr::Class(c) => out.push(c.clone()),
            RegionExpr::Not(x) => names(x, out),
            RegionExpr::And(v) | RegionExpr::Or(v) => v.iter().for_each(|x| names(x, out)),
        }
    }
    let mut chain = vec![name.to_string()];
    let mut at = name.to_string();
    while let Some(e) = groups.get(&at) {
        let mut inner = Vec::new();
        names(e, &mut inner);
        let next = inner
            .into_iter()
            .filter(|n| groups.contains_key(n) && !chain.contains(n))
            .max_by_key(|n| sizes.get(n.as_str()).copied().unwrap_or(0));
        match next {
            Some(n) => {
                chain.push(n.clone());
                at = n;
            }
            None => break,
        }
    }
    chain
}

/// Expand every group into an expression over classes only.
pub(crate) fn expand_groups(
    groups: &BTreeMap<String, RegionExpr>,
) -> Result<BTreeMap<String, RegionExpr>, GroupError> {
    let sizes = group_sizes(groups);
    if let Some((name, size)) = sizes.iter().find(|(_, n)| **n > MAX_GROUP_SIZE) {
        return Err(GroupError::TooLarge {
            chain: large_chain(name, groups, &sizes),
            size: *size,
        });
    }
    expand_all(groups).map_err(GroupError::Cycle)
}

/// Expand every group; `Err(name)` on a cycle.
fn expand_all(
    groups: &BTreeMap<String, RegionExpr>,
) -> Result<BTreeMap<String, RegionExpr>, String> {
    fn go(
        name: &str,
        groups: &BTreeMap<String, RegionExpr>,
        done: &mut BTreeMap<String, RegionExpr>,
        visiting: &mut BTreeSet<String>,
    ) -> Result<RegionExpr, String> {
        if let Some(e) = done.get(name) {
            return Ok(e.clone());
        }
        if !visiting.insert(name.to_string()) {
            return Err(name.to_string());
        }
        let Some(e) = groups.get(name) else {
            return Ok(RegionExpr::Class(name.to_string()));
        };
        let out = map(e, &mut |n| {
            if groups.contains_key(n) {
                go(n, groups, done, visiting).map(Some)
            } else {
                Ok(None)
            }
        })?;
        visiting.remove(name);
        done.insert(name.to_string(), out.clone());
        Ok(out)
    }
    fn map(
        e: &RegionExpr,
        f: &mut dyn FnMut(&str) -> Result<Option<RegionExpr>, String>,
    ) -> Result<RegionExpr, String> {
        Ok(match e {
            RegionExpr::Class(c) => f(c)?.unwrap_or_else(|| e.clone()),
            RegionExpr::Not(x) => RegionExpr::Not(Box::new(map(x, f)?)),
            RegionExpr::And(v) => {
                RegionExpr::And(v.iter().map(|x| map(x, f)).collect::<Result<_, _>>()?)
            }
            RegionExpr::Or(v) => {
                RegionExpr::Or(v.iter().map(|x| map(x, f)).collect::<Result<_, _>>()?)
            }
        })
    }
    let mut done = BTreeMap::new();
    for name in groups.keys() {
        go(name, groups, &mut done, &mut BTreeSet::new())?;
    }
    Ok(done)
}

/// Replace group names by their expansions.
fn expand(e: &RegionExpr, groups: &BTreeMap<String, RegionExpr>) -> RegionExpr {
    match e {
        RegionExpr::Class(c) => groups.get(c).cloned().unwrap_or_else(|| e.clone()),
        RegionExpr::Not(x) => RegionExpr::Not(Box::new(expand(x, groups))),
        RegionExpr::And(v) => RegionExpr::And(v.iter().map(|x| expand(x, groups)).collect()),
        RegionExpr::Or(v) => RegionExpr::Or(v.iter().map(|x| expand(x, groups)).collect()),
    }
}

/// The predicate with group names in region guards expanded.
pub(crate) fn expand_predicate(p: &Predicate, groups: &BTreeMap<String, RegionExpr>) -> Predicate {
    match p {
        Predicate::All { items } => Predicate::All {
            items: items.iter().map(|q| expand_predicate(q, groups)).collect(),
        },
        Predicate::Any { items } => Predicate::Any {
            items: items.iter().map(|q| expand_predicate(q, groups)).collect(),
        },
        Predicate::Tiered { tiers } => Predicate::Tiered {
            tiers: tiers
                .iter()
                .map(|t| Tier {
                    when: match &t.when {
                        Guard::Region(r) => Guard::Region(expand(r, groups)),
                        g => g.clone(),
                    },
                    then: expand_predicate(&t.then, groups),
                })
                .collect(),
        },
        other => other.clone(),
    }
}

const MAX_COMBINATIONS: usize = 20_000;

/// Overlapping tiers (errors) and uncovered class combinations (warnings) of every `tiered`
/// inside `p`. A region is taken to have at most one class of each dimension.
pub(crate) fn analyse(p: &Predicate, dims: &[Dimension], span: Span) -> Vec<RuleError> {
    let mut out = Vec::new();
    p.walk(&mut |q| {
        let Predicate::Tiered { tiers } = q else {
            return;
        };
        if tiers.iter().all(|t| matches!(t.when, Guard::Region(_))) {
            region_tiers(tiers, dims, span, &mut out);
        } else if tiers.iter().all(|t| matches!(t.when, Guard::Level { .. })) {
            level_tiers(tiers, span, &mut out);
        }
    });
    out
}

fn region_tiers(tiers: &[Tier], dims: &[Dimension], span: Span, out: &mut Vec<RuleError>) {
    let used: BTreeSet<&str> = tiers
        .iter()
        .flat_map(|t| match &t.when {
            Guard::Region(r) => r.names(),
            _ => Vec::new(),
        })
        .collect();
    let dims: Vec<&Dimension> = dims
        .iter()
        .filter(|d| d.classes.iter().any(|c| used.contains(c.as_str())))
        .collect();
    let total: usize = dims.iter().map(|d| d.classes.len() + 1).product();
    if dims.is_empty() || total > MAX_COMBINATIONS {
        return;
    }
    let mut overlap_reported = BTreeSet::new();
    let mut uncovered = Vec::new();
    for n in 0..total {
        let mut k = n;
        let mut combo: Vec<&str> = Vec::new();
        let mut complete = true;
        for d in &dims {
            let i = k % (d.classes.len() + 1);
            k /= d.classes.len() + 1;
            match d.classes.get(i) {
                Some(c) => combo.push(c),
                None => complete = false,
            }
        }
        let matching: Vec<usize> = tiers
            .iter()
            .enumerate()
            .filter(|(_, t)| match &t.when {
                Guard::Region(r) => r.matches(&|c| combo.contains(&c)),
                _ => false,
            })
            .map(|(i, _)| i)
            .collect();
        if matching.len() >= 2 && overlap_reported.insert((matching[0], matching[1])) {
            out.push(
                RuleError::new(
                    RuleErrorKind::OverlappingTiers {
                        first: matching[0] + 1,
                        second: matching[1] + 1,
                        classes: combo.join(" & "),
                    },
                    span,
                )
                .help(Help::text(
                    "make the tiers exclusive, e.g. with `&` and `!` in a `地区组`",
                    "请使各档互斥,如在 `地区组` 中用 `&` 和 `!`",
                )),
            );
        }
        if matching.is_empty() && complete {
            uncovered.push(combo.join(" & "));
        }
    }
    if !uncovered.is_empty() {
        let total = uncovered.len();
        let shown: Vec<String> = uncovered.into_iter().take(SHOWN_UNCOVERED).collect();
        out.push(RuleError::new(
            RuleErrorKind::UncoveredTiers {
                classes: shown.join(", "),
                total,
            },
            span,
        ));
    }
}

fn level_tiers(tiers: &[Tier], span: Span, out: &mut Vec<RuleError>) {
    let eps = Decimal::new(1, 9);
    let mut points = Vec::new();
    for t in tiers {
        if let Guard::Level { value, .. } = t.when {
            points.extend([value - eps, value, value + eps]);
        }
    }
    for v in points {
        let m: Vec<usize> = tiers
            .iter()
            .enumerate()
            .filter(|(_, t)| matches!(t.when, Guard::Level { op, value } if op.holds(v, value)))
            .map(|(i, _)| i)
            .collect();
        if m.len() >= 2 {
            out.push(RuleError::new(
                RuleErrorKind::OverlappingTiers {
                    first: m[0] + 1,
                    second: m[1] + 1,
                    classes: format!("a base value of {}", v.normalize()),
                },
                span,
            ));
            return;
        }
    }
}
