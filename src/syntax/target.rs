//! Parsing target expressions: normalise, run the pest grammar, build the [`Target`] tree.

use pest::iterators::Pair;
use pest::Parser as _;
use rust_decimal::Decimal;

use super::ast::{
    Clause, ClauseKind, Conj, Disj, Expr, LevelTier, Name, RegionTier, Respective, Target, YearTier,
};
use super::error::{SyntaxError, SyntaxErrorKind};
use super::expected::Wanted;
use super::help::Help;
use super::normalize::{normalize, Normalized};
use super::phrase::{self, Family, Meaning, Phrase};
use super::suggest::{convert_error, unknown_phrase};
use crate::types::Op;
use crate::Span;

mod clause;

/// The longest target expression accepted, in characters.
pub const MAX_TARGET_CHARS: usize = 500;

#[derive(pest_derive::Parser)]
#[grammar = "../grammar/targets.pest"]
struct TargetParser;

/// Parse a target expression into its syntax tree, with the grammar only (no fast path).
#[doc(hidden)]
pub fn parse_target_with_grammar(src: &str) -> Result<Target, SyntaxError> {
    grammar(&normalize(src), src)
}

fn grammar(norm: &Normalized, src: &str) -> Result<Target, SyntaxError> {
    let mut pairs =
        TargetParser::parse(Rule::target, &norm.text).map_err(|e| convert_error(norm, src, e))?;
    let target = pairs
        .next()
        .ok_or_else(|| SyntaxError::new(SyntaxErrorKind::Empty, Span::new(0, src.len())))?;
    Builder { norm }.target(target)
}

/// Parse a target expression into its syntax tree.
///
/// ```
/// use zhibiao::syntax::{parse_target, Expr};
/// let t = parse_target("完成上级规定的考核任务,且≥90或持续提高").unwrap();
/// assert!(matches!(t.expr, Expr::Conj(ref c) if c.items.len() == 2));
/// assert_eq!(t.to_string(), "完成上级规定的考核任务,且≥90或持续提高");
/// ```
pub fn parse_target(src: &str) -> Result<Target, SyntaxError> {
    let len = src.chars().count();
    if len > MAX_TARGET_CHARS {
        return Err(SyntaxError::new(
            SyntaxErrorKind::TooLong {
                len,
                max: MAX_TARGET_CHARS,
            },
            Span::new(0, src.len()),
        ));
    }
    if src.trim().is_empty() {
        return Err(SyntaxError::new(
            SyntaxErrorKind::Empty,
            Span::new(0, src.len()),
        ));
    }
    let norm = normalize(src);
    match super::fast::parse(&norm, src.len()) {
        Some(t) => Ok(t),
        None => grammar(&norm, src),
    }
}

struct Builder<'n> {
    norm: &'n Normalized,
}

/// Unit symbols written in Latin letters that a target may use after a number.
pub const UNIT_SYMBOLS: &[&str] = &[
    "m", "km", "hm", "cm", "mm", "t", "kg", "g", "mg", "L", "mL", "dB", "kWh", "kW", "h", "d", "a",
    "ha", "ce", "tce", "kgce", "GDP", "CO", "SO", "NOx", "COD", "A",
];

fn bad_number(text: &str, span: Span) -> SyntaxError {
    SyntaxError::new(
        SyntaxErrorKind::BadNumber {
            text: text.to_string(),
        },
        span,
    )
}

impl Builder<'_> {
    fn span(&self, p: &Pair<'_, Rule>) -> Span {
        let s = p.as_span();
        Span::new(self.norm.original(s.start()), self.norm.original(s.end()))
    }

    fn target(&self, p: Pair<'_, Rule>) -> Result<Target, SyntaxError> {
        let span = self.span(&p);
        let inner = p.into_inner().find(|q| q.as_rule() != Rule::EOI);
        let inner = inner.ok_or_else(|| SyntaxError::new(SyntaxErrorKind::Empty, span))?;
        let expr = match inner.as_rule() {
            Rule::region_tiers => Expr::RegionTiers(
                inner
                    .into_inner()
                    .map(|t| self.region_tier(t))
                    .collect::<Result<_, _>>()?,
            ),
            Rule::class_tiers => Expr::RegionTiers(
                inner
                    .into_inner()
                    .map(|t| self.class_tier(t))
                    .collect::<Result<_, _>>()?,
            ),
            Rule::level_tiers => Expr::LevelTiers(
                inner
                    .into_inner()
                    .map(|t| self.level_tier(t))
                    .collect::<Result<_, _>>()?,
            ),
            Rule::year_tiers => {
                let mut it = inner.into_inner();
                let default = match it.next() {
                    Some(d) => self.conj(d)?,
                    None => return Err(SyntaxError::new(SyntaxErrorKind::Empty, span)),
                };
                let mut tiers: Vec<YearTier> =
                    it.map(|t| self.year_tier(t)).collect::<Result<_, _>>()?;
                // `城市污水集中处理率达到85%以上(2020年达到100%)`: the years' level is the
                // same quantity's
                if let Some(q) = single_named(&default) {
                    for t in &mut tiers {
                        name_levels(&mut t.then, q);
                    }
                }
                Expr::YearTiers {
                    default: Some(default),
                    tiers,
                }
            }
            Rule::year_schedule => Expr::YearTiers {
                default: None,
                tiers: inner
                    .into_inner()
                    .map(|t| self.year_tier(t))
                    .collect::<Result<_, _>>()?,
            },
            Rule::year_after => Expr::YearTiers {
                default: None,
                tiers: vec![self.year_tier(inner)?],
            },
            Rule::named_logic => Expr::Conj(self.named_logic(inner)?),
            _ => Expr::Conj(self.conj(inner)?),
        };
        Ok(Target { expr, span })
    }

    fn conj(&self, p: Pair<'_, Rule>) -> Result<Conj, SyntaxError> {
        let span = self.span(&p);
        let items = p
            .into_inner()
            .map(|d| self.disj(d))
            .collect::<Result<_, _>>()?;
        Ok(Conj { items, span })
    }

    fn disj(&self, p: Pair<'_, Rule>) -> Result<Disj, SyntaxError> {
        let span = self.span(&p);
        let items = p
            .into_inner()
            .map(|c| self.clause(c))
            .collect::<Result<_, _>>()?;
        Ok(Disj { items, span })
    }

    /// The class or group names of a `region_names` pair.
    /// The class names of a list; a one-character name before `、` shares the rest of the next
    /// name (`超、特大城市` is 超大城市 and 特大城市).
    fn names(&self, p: Pair<'_, Rule>) -> Vec<Name> {
        let mut names: Vec<Name> = p
            .into_inner()
            .map(|n| Name {
                text: n.as_str().to_string(),
                span: self.span(&n),
            })
            .collect();
        for i in (0..names.len().saturating_sub(1)).rev() {
            let mut first = names[i].text.chars();
            let (Some(c), None) = (first.next(), first.next()) else {
                continue;
            };
            let rest: String = names[i + 1].text.chars().skip(1).collect();
            if !rest.is_empty() {
                names[i].text = format!("{c}{rest}");
            }
        }
        names
    }

    fn region_tier(&self, p: Pair<'_, Rule>) -> Result<RegionTier, SyntaxError> {
        let span = self.span(&p);
        let mut names = Vec::new();
        let mut then = None;
        for q in p.into_inner() {
            match q.as_rule() {
                Rule::region_names => names = self.names(q),
                _ => then = Some(self.conj(q)?),
            }
        }
        let then = then.ok_or_else(|| SyntaxError::new(SyntaxErrorKind::Empty, span))?;
        Ok(RegionTier { names, then, span })
    }

    fn class_tier(&self, p: Pair<'_, Rule>) -> Result<RegionTier, SyntaxError> {
        let span = self.span(&p);
        let mut it = p.into_inner();
        let (Some(names), Some(cmp)) = (it.next(), it.next()) else {
            return Err(SyntaxError::new(SyntaxErrorKind::Empty, span));
        };
        let names = self.names(names);
        let cspan = self.span(&cmp);
        let (kind, unit_span) = self.sym_compare(cmp)?;
        let clause = Clause {
            kind,
            span: cspan,
            unit_span,
        };
        let then = Conj {
            items: vec![Disj {
                items: vec![clause],
                span: cspan,
            }],
            span: cspan,
        };
        Ok(RegionTier { names, then, span })
    }

    /// `≥60` after a class name: the comparison and the span of its unit.
    fn sym_compare(&self, p: Pair<'_, Rule>) -> Result<(ClauseKind, Option<Span>), SyntaxError> {
        let mut op = Op::Ge;
        let mut value = Decimal::ZERO;
        let mut unit = None;
        let mut unit_span = None;
        for q in p.into_inner() {
            match q.as_rule() {
                Rule::op_sym | Rule::op_word => op = op_of(q.as_str()),
                Rule::number => value = self.number(&q)?,
                Rule::unit => {
                    unit = Some(self.unit(&q)?);
                    unit_span = Some(self.span(&q));
                }
                _ => {}
            }
        }
        Ok((ClauseKind::Compare { op, value, unit }, unit_span))
    }

    fn level_tier(&self, p: Pair<'_, Rule>) -> Result<LevelTier, SyntaxError> {
        let span = self.span(&p);
        let mut t = LevelTier {
            quantity: String::new(),
            op: Op::Ge,
            value: Decimal::ZERO,
            unit: None,
            then: Conj {
                items: Vec::new(),
                span,
            },
            span,
        };
        for q in p.into_inner() {
            match q.as_rule() {
                Rule::level_name => t.quantity = q.as_str().to_string(),
                Rule::op_sym => t.op = op_of(q.as_str()),
                Rule::number => t.value = self.number(&q)?,
                Rule::unit => t.unit = Some(self.unit(&q)?),
                Rule::tier_conj => t.then = self.conj(q)?,
                _ => {}
            }
        }
        Ok(t)
    }

    fn year_tier(&self, p: Pair<'_, Rule>) -> Result<YearTier, SyntaxError> {
        let span = self.span(&p);
        let mut years = Vec::new();
        let mut then = Conj {
            items: Vec::new(),
            span,
        };
        for q in p.into_inner() {
            match q.as_rule() {
                Rule::year_list => {
                    for y in q.into_inner() {
                        years.push(self.year(&y)?);
                    }
                }
                _ => then = self.conj(q)?,
            }
        }
        Ok(YearTier { years, then, span })
    }

    /// `近N年` and a level requirement that must hold in each of those years.
    fn each_year(&self, p: Pair<'_, Rule>) -> Result<Clause, SyntaxError> {
        let span = self.span(&p);
        let mut years = 0;
        let mut inner = None;
        for q in p.into_inner() {
            match q.as_rule() {
                Rule::window => years = cn_value(q.into_inner().as_str()),
                _ => inner = Some(self.clause(q)?),
            }
        }
        let inner = inner.ok_or_else(|| bad_number("近", span))?;
        Ok(Clause {
            kind: ClauseKind::EachYear {
                years,
                inner: Box::new(inner.kind),
            },
            span,
            unit_span: inner.unit_span,
        })
    }

    /// A requirement on a quantity the target names (`森林覆盖率达到26%`).
    fn named(&self, p: Pair<'_, Rule>) -> Result<Clause, SyntaxError> {
        let span = self.span(&p);
        let mut quantity = String::new();
        let mut inner = None;
        for q in p.into_inner() {
            match q.as_rule() {
                Rule::quantity_named | Rule::quantity_headed => {
                    quantity = q.as_str().trim().to_string()
                }
                Rule::quoted_quantity => quantity = unquoted(q.as_str()).to_string(),
                _ => inner = Some(self.clause(q)?),
            }
        }
        let inner = inner.ok_or_else(|| bad_number(&quantity, span))?;
        // `总体达到80%`, `要在90%以上`: lead words only, no quantity: the indicator's own
        if lead_words_only(&quantity) {
            return Ok(inner);
        }
        let quantity = self.quantity_name(&quantity, span)?;
        Ok(Clause {
            kind: ClauseKind::Named {
                quantity,
                inner: Box::new(inner.kind),
            },
            span,
            unit_span: inner.unit_span,
        })
    }

    /// `A>50%或B>40%`: comparisons of named quantities joined by `或` and `且`.
    fn named_logic(&self, p: Pair<'_, Rule>) -> Result<Conj, SyntaxError> {
        let span = self.span(&p);
        let mut items = Vec::new();
        let mut disj: Vec<Clause> = Vec::new();
        for q in p.into_inner() {
            if q.as_rule() == Rule::logic_sep {
                if !q.as_str().contains('或') {
                    items.push(disj_of(std::mem::take(&mut disj)));
                }
                continue;
            }
            let cspan = self.span(&q);
            let mut quantity = String::new();
            let mut inner = None;
            for r in q.into_inner() {
                match r.as_rule() {
                    Rule::sym_compare => inner = Some(self.sym_compare(r)?),
                    _ => quantity = unquoted(r.as_str()).to_string(),
                }
            }
            let (kind, unit_span) = inner.ok_or_else(|| bad_number(&quantity, cspan))?;
            disj.push(Clause {
                kind: ClauseKind::Named {
                    quantity: self.quantity_name(&quantity, cspan)?,
                    inner: Box::new(kind),
                },
                span: cspan,
                unit_span,
            });
        }
        items.push(disj_of(disj));
        Ok(Conj { items, span })
    }

    /// A named quantity's name, or the error saying why the words are no name.
    fn quantity_name(&self, text: &str, span: Span) -> Result<String, SyntaxError> {
        named_quantity(text).map_err(|why| {
            let kind = SyntaxErrorKind::ExpectedFound {
                expected: Wanted::QuantityBefore.into(),
                found: text.to_string(),
            };
            SyntaxError::new(kind, span).with_help(why)
        })
    }

    /// `化肥、农药利用率均达到40%`, `PM10和PM2.5年均浓度分别小于90、50`.
    fn several(&self, p: Pair<'_, Rule>) -> Result<Clause, SyntaxError> {
        let span = self.span(&p);
        let mut names = Vec::new();
        let mut head = None;
        let mut items = Vec::new();
        let mut respective = None;
        let mut unit_span = None;
        for q in p.into_inner() {
            match q.as_rule() {
                Rule::quantity_list => {
                    for r in q.into_inner() {
                        match r.as_rule() {
                            Rule::list_head => head = Some(r.as_str().trim().to_string()),
                            _ => names.push(r.as_str().trim().to_string()),
                        }
                    }
                }
                Rule::each_word => {}
                Rule::requirement => {
                    let negated = q
                        .clone()
                        .into_inner()
                        .any(|r| matches!(r.as_rule(), Rule::negation | Rule::negated_phrase));
                    items.push(ClauseKind::Status {
                        quantity: None,
                        phrase: q.as_str().to_string(),
                        negated,
                        quoted: false,
                    });
                }
                Rule::respective => {
                    let (r, kinds) = self.respective(q, span)?;
                    respective = Some(r);
                    items = kinds;
                }
                _ => {
                    let c = self.clause(q)?;
                    unit_span = c.unit_span;
                    items.push(c.kind);
                }
            }
        }
        let quantities = list_names(&names, head.as_deref())
            .map_err(|why| {
                let kind = SyntaxErrorKind::ExpectedFound {
                    expected: Wanted::QuantityList.into(),
                    found: names.join("、"),
                };
                SyntaxError::new(kind, span).with_help(why)
            })?
            .iter()
            .map(|q| self.quantity_name(q, span))
            .collect::<Result<Vec<_>, _>>()?;
        // each quantity with a requirement word must read as that quantity on its own (it is
        // printed so); `近平均数30%…` does not
        for q in &quantities {
            for item in &items {
                let ClauseKind::Status { phrase, .. } = item else {
                    continue;
                };
                if !status_reads_back(q, phrase) {
                    let kind = SyntaxErrorKind::ExpectedFound {
                        expected: Wanted::QuantityList.into(),
                        found: q.clone(),
                    };
                    return Err(SyntaxError::new(kind, span).with_help(Help::text(
                        "a name of the list does not read as a quantity's name on its own: write one target per quantity",
                        "列表中的名称单独读不成指标名称:请每个指标各写一条目标",
                    )));
                }
            }
        }
        if respective.is_some() && items.len() != 1 && items.len() != quantities.len() {
            let kind = SyntaxErrorKind::ValueCount {
                quantities: quantities.len(),
                values: items.len(),
            };
            return Err(SyntaxError::new(kind, span).with_help(Help::text(
                "`分别` pairs the quantities with the values in order",
                "`分别` 按顺序把指标与数值一一对应",
            )));
        }
        Ok(Clause {
            kind: ClauseKind::Several {
                quantities,
                items,
                respective,
            },
            span,
            unit_span,
        })
    }

    /// `分别达到100%、100%、80%以上`: each value read with the shared lead and suffix words.
    fn respective(
        &self,
        p: Pair<'_, Rule>,
        span: Span,
    ) -> Result<(Respective, Vec<ClauseKind>), SyntaxError> {
        let mut r = Respective {
            lead: String::new(),
            values: Vec::new(),
            suffix: String::new(),
        };
        let mut texts = Vec::new();
        for q in p.into_inner() {
            match q.as_rule() {
                Rule::resp_lead => r.lead = q.as_str().trim().to_string(),
                Rule::resp_suffix => r.suffix = q.as_str().to_string(),
                _ => {
                    texts.push(q.as_str().trim().to_string());
                    let mut value = (Decimal::ZERO, None);
                    for v in q.into_inner() {
                        match v.as_rule() {
                            Rule::number => value.0 = self.number(&v)?,
                            _ => value.1 = Some(self.unit(&v)?),
                        }
                    }
                    r.values.push(value);
                }
            }
        }
        let kinds = texts
            .iter()
            .map(|t| one_clause(&format!("{}{t}{}", r.lead, r.suffix), span))
            .collect::<Result<_, _>>()?;
        Ok((r, kinds))
    }

    /// `连续三年名列全省前10名`, `进入全省县域经济20强`, `名列前茅`.
    fn rank(&self, p: Pair<'_, Rule>) -> Result<Clause, SyntaxError> {
        let span = self.span(&p);
        let (mut years, mut scope, mut top, mut vague) = (None, None, None, None);
        let mut quantity = None;
        for q in p.into_inner() {
            match q.as_rule() {
                Rule::rank_years => years = Some(cn_value(q.into_inner().as_str())),
                Rule::rank_scope => scope = Some(q.as_str().trim().to_string()),
                Rule::rank_quantity => quantity = Some(self.quantity_name(q.as_str(), span)?),
                Rule::rank_top => top = Some(cn_value(q.into_inner().as_str())),
                Rule::rank_vague => vague = Some(q.as_str().to_string()),
                _ => {}
            }
        }
        if years == Some(0) || top == Some(0) {
            return Err(bad_number("0", span));
        }
        Ok(Clause {
            kind: ClauseKind::Rank {
                years,
                quantity,
                scope,
                top,
                vague,
            },
            span,
            unit_span: None,
        })
    }

    /// The phrase-table entry of a phrase the grammar read.
    fn phrase(&self, f: Family, p: &Pair<'_, Rule>) -> Result<&'static Phrase, SyntaxError> {
        phrase::lookup(f, p.as_str()).ok_or_else(|| unknown_phrase(p.as_str(), self.span(p)))
    }

    /// A unit after a number. Letters in it must spell known unit symbols (`m3`, `mg/L`,
    /// `μg/m3`): `≥9O` is a number followed by the letter `O`, not 9 in a unit `O`.
    fn unit(&self, p: &Pair<'_, Rule>) -> Result<String, SyntaxError> {
        let text = p.as_str();
        // digits belong to a unit symbol only (`m3`, `km2`); `为515` is words and a number
        let mut prev: Option<char> = None;
        let mut in_symbol = false;
        for c in text.chars() {
            if c.is_ascii_digit() {
                in_symbol = in_symbol || prev.is_some_and(|p| p.is_ascii_alphabetic());
                if !in_symbol {
                    let kind = SyntaxErrorKind::ExpectedFound {
                        expected: Wanted::Unit.into(),
                        found: text.to_string(),
                    };
                    return Err(SyntaxError::new(kind, self.span(p)).with_help(Help::text(
                        "a number inside the unit: write the unit alone (`万元`, `m3`)",
                        "单位中有数字:请只写单位(`万元`、`m3`)",
                    )));
                }
            } else {
                in_symbol = false;
            }
            prev = Some(c);
        }
        let unknown = text
            .split(|c: char| !c.is_ascii_alphabetic())
            .find(|run| !run.is_empty() && !UNIT_SYMBOLS.contains(run));
        let Some(letters) = unknown else {
            return Ok(text.to_string());
        };
        let looks_like_digits = letters.chars().all(|c| matches!(c, 'O' | 'o' | 'l' | 'I'));
        let help = if looks_like_digits {
            Help::LooksLikeDigits(letters.to_string())
        } else {
            Help::UnitLetters(UNIT_SYMBOLS.join(", "))
        };
        Err(SyntaxError::new(
            SyntaxErrorKind::LettersAfterNumber {
                letters: letters.to_string(),
            },
            self.span(p),
        )
        .with_help(help))
    }

    /// A number, by the one reader of targets and data: thousands separators (`30,000`) are
    /// part of the number as printed; a number that would be rounded is an error.
    fn number(&self, p: &Pair<'_, Rule>) -> Result<Decimal, SyntaxError> {
        crate::types::read_decimal(p.as_str()).map_err(|e| {
            let err = bad_number(p.as_str(), self.span(p));
            match e {
                crate::types::NumberError::TooPrecise(_) => err.with_help(Help::text(
                    "a value keeps 28 digits exactly; this one would be rounded: write fewer digits",
                    "数值最多精确保存 28 位,这个数会被舍入:请少写几位",
                )),
                _ => err,
            }
        })
    }

    fn year(&self, p: &Pair<'_, Rule>) -> Result<i32, SyntaxError> {
        p.as_str()
            .parse()
            .map_err(|_| bad_number(p.as_str(), self.span(p)))
    }
}

/// The comparison an operator symbol or word (from the phrase table) stands for.
fn op_of(s: &str) -> Op {
    match s {
        "≥" => Op::Ge,
        "≤" => Op::Le,
        ">" => Op::Gt,
        "<" => Op::Lt,
        "=" => Op::Eq,
        w => match phrase::lookup(Family::Op, w).map(|p| p.meaning) {
            Some(Meaning::Op(op)) => op,
            // the grammar lists exactly the table's words (checked by a test)
            _ => Op::Eq,
        },
    }
}

/// The quantity of a requirement that is one named clause (`城市污水集中处理率达到85%以上`).
fn single_named(c: &Conj) -> Option<&str> {
    match c.items.as_slice() {
        [d] => match d.items.as_slice() {
            [Clause {
                kind: ClauseKind::Named { quantity, .. },
                ..
            }] => Some(quantity),
            _ => None,
        },
        _ => None,
    }
}

/// Name `quantity` on every unnamed level requirement of `c` (a comparison, `reach`, range or
/// approximate level).
fn name_levels(c: &mut Conj, quantity: &str) {
    for clause in c.items.iter_mut().flat_map(|d| d.items.iter_mut()) {
        let level = matches!(
            clause.kind,
            ClauseKind::Compare { .. }
                | ClauseKind::Reach { .. }
                | ClauseKind::Range { .. }
                | ClauseKind::Approx { .. }
        );
        if level {
            let inner = std::mem::replace(
                &mut clause.kind,
                ClauseKind::Qualitative {
                    text: String::new(),
                },
            );
            clause.kind = ClauseKind::Named {
                quantity: quantity.to_string(),
                inner: Box::new(inner),
            };
        }
    }
}

fn disj_of(items: Vec<Clause>) -> Disj {
    let start = items.first().map_or(0, |c| c.span.start);
    let end = items.last().map_or(0, |c| c.span.end);
    Disj {
        items,
        span: Span::new(start, end),
    }
}

fn unquoted(s: &str) -> &str {
    s.trim().trim_start_matches('「').trim_end_matches('」')
}

/// One requirement read on its own (`达到80%以上`), for one value of a `分别` list.
fn one_clause(text: &str, span: Span) -> Result<ClauseKind, SyntaxError> {
    let bad = || {
        let kind = SyntaxErrorKind::ExpectedFound {
            expected: Wanted::EachValue.into(),
            found: text.to_string(),
        };
        SyntaxError::new(kind, span)
    };
    let t = grammar(&normalize(text), text).map_err(|_| bad())?;
    match t.expr {
        Expr::Conj(mut c) if c.items.len() == 1 && c.items[0].items.len() == 1 => {
            Ok(c.items.remove(0).items.remove(0).kind)
        }
        _ => Err(bad()),
    }
}

/// The full names of a printed list of quantities. `等<head>` gives the shared part; else the
/// head of the last name (from [`phrase::quantity_head`]) is shared when no name before it has a
/// head of its own, and the names are as printed when every name has one. Quoted names are
/// full names.
fn list_names(names: &[String], head: Option<&str>) -> Result<Vec<String>, Help> {
    let quoted = |n: &str| n.starts_with('「') && n.ends_with('」');
    if let Some(h) = head {
        return Ok(names
            .iter()
            .map(|n| match quoted(n) {
                true => unquoted(n).to_string(),
                false => format!("{n}{h}"),
            })
            .collect());
    }
    let complete = |n: &String| quoted(n) || phrase::quantity_head(n).is_some();
    if names.iter().all(complete) {
        return Ok(names.iter().map(|n| unquoted(n).to_string()).collect());
    }
    let (last, before) = names.split_last().ok_or(NO_QUANTITY)?;
    match phrase::quantity_head(last) {
        Some(h) if !quoted(last) && !before.iter().any(complete) => Ok(before
            .iter()
            .map(|n| format!("{n}{h}"))
            .chain(std::iter::once(last.clone()))
            .collect()),
        _ => Err(Help::text(
            "the names do not say which part they share: quote each quantity's full name, \
                  e.g. `「化肥利用率」、「农药利用率」均达到40%`",
            "这些名称没有说明共用哪一部分:请用「」写出每个指标的全称,\
             如 `「化肥利用率」、「农药利用率」均达到40%`",
        )),
    }
}

/// Words before a requirement that name no quantity: `将`, `要`, `则` (`森林覆盖率将达到24%`
/// is about 森林覆盖率), and `总体`/`整体` (overall: the requirement is on the quantity as a
/// whole, its value); `确保`, `力争` before the name.
fn strip_lead(text: &str) -> &str {
    const LEAD: &[&str] = &["必须", "力争", "将", "要", "需", "须", "则", "总体", "整体"];
    const BEFORE: &[&str] = &["确保", "力争"];
    let mut q = text.trim();
    while let Some(rest) = LEAD.iter().find_map(|w| q.strip_suffix(w)) {
        q = rest.trim_end();
    }
    while let Some(rest) = BEFORE.iter().find_map(|w| q.strip_prefix(w)) {
        q = rest.trim_start();
    }
    q
}

/// Whether the words before a requirement are lead words only (`总体`, `要`, `则`).
fn lead_words_only(text: &str) -> bool {
    !text.trim().is_empty() && strip_lead(text).is_empty()
}

/// The help when words name no quantity.
const NO_QUANTITY: Help = Help::text("no quantity is named", "没有写出指标名称");

/// Words that spread a requirement over several quantities; no quantity's name ends in one.
const QUANTIFIERS: &[&str] = &["分别", "均", "全部", "都", "各"];

/// The quantity a target names before its requirement, without a trailing `将`/`要` (`森林覆盖率
/// 将达到24%` is about 森林覆盖率); `Err` says why the words before the requirement are not a
/// quantity's name: a negation (`不应致使…多于10%` says the opposite of `>10%`), a year
/// (`武汉市2017年…下降15%` is a target for 2017) or a quantifier (`…分别下降`, `…均控制在`).
fn named_quantity(text: &str) -> Result<String, Help> {
    const NEGATION: &[&str] = &[
        "不应", "不得", "不能", "不可", "不会", "禁止", "严禁", "避免", "不",
    ];
    let q = strip_lead(text);
    if q.contains(['「', '」']) {
        return Err(Help::text(
            "「」 go around a whole name: `「PM2.5浓度」≤35`",
            "「」应括住完整的名称:`「PM2.5浓度」≤35`",
        ));
    }
    if NEGATION.iter().any(|w| q.contains(w)) {
        return Err(Help::text(
            "the words before the requirement hold a negation: write the requirement itself",
            "要求前的文字含有否定词:请直接写出要求本身",
        ));
    }
    let year = q.char_indices().any(|(i, _)| {
        q[i..].len() >= 5
            && q[i..].chars().take(4).all(|c| c.is_ascii_digit())
            && q[i..].chars().nth(4) == Some('年')
    });
    if year {
        return Err(Help::text(
            "a year before the requirement makes it a year's target, which is not read yet",
            "要求前的年份使之成为某一年的目标,暂不支持",
        ));
    }
    if QUANTIFIERS.iter().any(|w| q.ends_with(w)) {
        return Err(Help::text(
            "a quantifier (`分别`, `均`) before the requirement is not read yet",
            "要求前的量词(`分别`、`均`)暂不支持",
        ));
    }
    if q.is_empty() {
        return Err(NO_QUANTITY);
    }
    Ok(q.to_string())
}

/// Value of `三`, `十二`, `3`; a number too large for `u32` is `u32::MAX` (later refused as more
/// than [`crate::types::MAX_YEARS`] years), never wrapped or zero.
fn cn_value(s: &str) -> u32 {
    if s.bytes().all(|b| b.is_ascii_digit()) && !s.is_empty() {
        return s.parse().unwrap_or(u32::MAX);
    }
    let digit = |c: char| match c {
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => 0,
    };
    let cs: Vec<char> = s.chars().collect();
    match cs.as_slice() {
        ['十'] => 10,
        ['十', d] => 10 + digit(*d),
        [d, '十'] => digit(*d) * 10,
        [d, '十', e] => digit(*d) * 10 + digit(*e),
        [d] => digit(*d),
        _ => 0,
    }
}

/// Words a user understands for the grammar's rules.
/// A clause: what the grammar wants where any requirement may start.
pub(super) const A_CLAUSE: &[Wanted] =
    &[Wanted::Number, Wanted::Comparison, Wanted::KnownRequirement];

/// Words a user understands for the grammar's rules.
pub(super) fn phrase_of(rule: Rule) -> Option<&'static [Wanted]> {
    use Wanted as W;
    Some(match rule {
        Rule::number | Rule::year | Rule::reach | Rule::range => &[W::Number],
        Rule::op_sym | Rule::op_word | Rule::sym_compare | Rule::compare => &[W::Comparison],
        Rule::unit => &[W::Unit],
        Rule::trend_phrase | Rule::trend => &[W::TrendPhrase],
        Rule::superior_phrase | Rule::superior => &[W::SuperiorTarget],
        Rule::status | Rule::status_phrase | Rule::status_quoted => &[W::KnownRequirement],
        Rule::change_word | Rule::change | Rule::delta => &[W::Change],
        Rule::reference | Rule::ref_name => &[W::Reference],
        Rule::no_event | Rule::event_name => &[W::Event],
        Rule::share | Rule::share_of => &[W::Share],
        Rule::region_name | Rule::region_names => &[W::RegionClass],
        Rule::conj | Rule::tier_conj | Rule::disj => A_CLAUSE,
        Rule::quoted => &[W::QuotedText],
        Rule::EOI => &[W::EndOfTarget],
        _ => return None,
    })
}

/// Whether `<quantity><requirement>`, written bare, reads back as that one status of that
/// quantity (`水质得到有效保障` does; `近平均数30%…得到有效保障` does not).
pub(crate) fn status_reads_back(quantity: &str, requirement: &str) -> bool {
    parse_target(&format!("{quantity}{requirement}")).is_ok_and(|t| {
        matches!(&t.expr, Expr::Conj(c)
            if c.items.len() == 1 && c.items[0].items.len() == 1
            && matches!(&c.items[0].items[0].kind,
                ClauseKind::Status { quantity: Some(n), phrase, .. }
                    if n == quantity && phrase == requirement))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(s: &str) -> ClauseKind {
        match parse_target(s).unwrap().expr {
            Expr::Conj(c) => c.items[0].items[0].kind.clone(),
            e => panic!("not a clause: {e:?}"),
        }
    }

    #[test]
    fn comparisons() {
        assert!(matches!(
            kind("≥20"),
            ClauseKind::Compare { op: Op::Ge, .. }
        ));
        assert!(
            matches!(kind("不低于90%"), ClauseKind::Compare { op: Op::Ge, unit: Some(ref u), .. } if u == "%")
        );
        assert!(matches!(
            kind("85%以上"),
            ClauseKind::Compare { op: Op::Ge, .. }
        ));
        assert!(matches!(
            kind("大于98%"),
            ClauseKind::Compare { op: Op::Gt, .. }
        ));
        assert!(matches!(
            kind("<0.5"),
            ClauseKind::Compare { op: Op::Lt, .. }
        ));
        assert!(matches!(
            kind("控制在5%以内"),
            ClauseKind::Compare { op: Op::Le, .. }
        ));
        assert!(
            matches!(kind("≤0.70吨标煤/万元"), ClauseKind::Compare { op: Op::Le, unit: Some(ref u), .. } if u == "吨标煤/万元")
        );
    }

    #[test]
    fn reach_range_status() {
        assert!(matches!(kind("100"), ClauseKind::Reach { .. }));
        assert!(matches!(kind("达到100%"), ClauseKind::Reach { .. }));
        assert!(matches!(kind("为95%"), ClauseKind::Reach { .. }));
        assert!(matches!(kind("0.3-0.4之间"), ClauseKind::Range { .. }));
        assert!(matches!(
            kind("建立"),
            ClauseKind::Status { quantity: None, .. }
        ));
        assert!(matches!(
            kind("科学编制"),
            ClauseKind::Status { quantity: None, .. }
        ));
        assert!(matches!(
            kind("性质不改变"),
            ClauseKind::Status {
                quantity: Some(_),
                ..
            }
        ));
        assert!(matches!(kind("达到功能区标准"), ClauseKind::Status { .. }));
    }

    #[test]
    fn errors_point_at_missing_number() {
        let e = parse_target("≥").unwrap_err();
        assert_eq!(e.span, Span::new(3, 3));
        assert!(
            matches!(e.kind, SyntaxErrorKind::Expected { ref expected, .. } if expected.contains(Wanted::Number))
        );
    }

    #[test]
    fn unknown_phrase_suggests() {
        let e = parse_target("完成上级规定的考核任务,且保持稳定或持续").unwrap_err();
        assert_eq!(
            e.help.map(|h| h.to_string()).as_deref(),
            Some("did you mean `持续改善`?")
        );
        let src = "完成上级规定的考核任务,且保持稳定或持续";
        assert_eq!(&src[e.span.start..e.span.end], "持续");
    }

    #[test]
    fn cn_numbers() {
        assert_eq!(cn_value("三"), 3);
        assert_eq!(cn_value("十二"), 12);
        assert_eq!(cn_value("5"), 5);
    }

    #[test]
    fn trend_names_print_bare_only_when_they_read_back() {
        let cases = [
            ("森林覆盖率保持稳定", "森林覆盖率保持稳定"),
            ("「甲<」保持稳定或持续改善", "「甲<」保持稳定或持续改善"),
            ("「万元工业增加值」保持稳定", "「万元工业增加值」保持稳定"),
            ("「甲持续」改善", "「甲持续」改善"),
            ("「甲继续」保持稳定", "「甲继续」保持稳定"),
            ("「近三年甲」保持稳定", "「近三年甲」保持稳定"),
            ("「确保甲」保持稳定", "「确保甲」保持稳定"),
        ];
        for (src, printed) in cases {
            let t = parse_target(src).unwrap();
            assert_eq!(t.to_string(), printed, "{src}");
            assert_eq!(parse_target(printed).unwrap().to_string(), printed);
        }
    }

    #[test]
    fn a_superior_phrase_inside_a_share_stays_its_requirement() {
        for src in [
            "乡镇>50%达完成上级下达的总量控制目标名",
            "乡镇>50%达完成上级下达的总量控制目标",
        ] {
            assert!(matches!(kind(src), ClauseKind::Share { .. }), "{src}");
        }
        assert!(matches!(
            kind("SO2排放总量完成上级下达的总量控制目标"),
            ClauseKind::Superior {
                quantity: Some(_),
                ..
            }
        ));
    }
}
