//! One clause of a target: the parts the grammar marks are gathered once ([`Parts`]), then the
//! clause's rule types them ([`Parts::kind`]).

use pest::iterators::Pair;
use rust_decimal::Decimal;

use super::{bad_number, cn_value, op_of, Builder, Rule, QUANTIFIERS};
use crate::syntax::ast::{Clause, ClauseKind};
use crate::syntax::error::{SyntaxError, SyntaxErrorKind};
use crate::syntax::expected::Wanted;
use crate::syntax::help::Help;
use crate::syntax::phrase::{Family, Meaning, Phrase};
use crate::syntax::suggest::unknown_phrase;
use crate::types::Op;
use crate::Span;

/// The parts of a clause, as the grammar marks them.
#[derive(Default)]
struct Parts {
    /// A comparison sign or word.
    op: Option<Op>,
    /// Each number with the unit written after it.
    nums: Vec<(Decimal, Option<String>)>,
    /// Where the last unit is written.
    unit_span: Option<Span>,
    /// `以下`/`以内` after the number: at most.
    flip: bool,
    /// `左右`.
    about: bool,
    /// A named quantity.
    quantity: Option<String>,
    /// A superior-target phrase, a requirement, the sub-regions of a share or a quoted text.
    phrase: String,
    /// The phrase-table entry of a trend or change phrase, looked up where it is read.
    meaning: Option<&'static Phrase>,
    /// A requirement that says `不`/`未`.
    negated: bool,
    /// `近3年`.
    window: Option<u32>,
    /// `比2020年`.
    base: Option<i32>,
    /// A reference, a `△` quantity, an event or the requirement of a share.
    name: String,
    /// The words before a share.
    lead: Option<String>,
    /// A note after a share.
    note: Option<String>,
}

impl Builder<'_> {
    pub(super) fn clause(&self, p: Pair<'_, Rule>) -> Result<Clause, SyntaxError> {
        match p.as_rule() {
            Rule::each_year => return self.each_year(p),
            Rule::named | Rule::named_bare => return self.named(p),
            Rule::several => return self.several(p),
            Rule::rank => return self.rank(p),
            _ => {}
        }
        let span = self.span(&p);
        let (rule, text) = (p.as_rule(), p.as_str());
        let parts = self.parts(p, span)?;
        let unit_span = parts.unit_span;
        Ok(Clause {
            kind: parts.kind(rule, text, span)?,
            span,
            unit_span,
        })
    }

    /// The marked parts of a clause, each read once.
    fn parts(&self, p: Pair<'_, Rule>, span: Span) -> Result<Parts, SyntaxError> {
        let mut parts = Parts::default();
        for q in p.into_inner() {
            let s = q.as_str();
            match q.as_rule() {
                Rule::op_sym | Rule::op_word => parts.op = Some(op_of(s)),
                // 提高到… is at least the level; 降低到… at most
                Rule::to_word => {
                    let up = ["提高", "提升", "增加", "上升"]
                        .iter()
                        .any(|w| s.starts_with(w));
                    parts.op = Some(if up { Op::Ge } else { Op::Le });
                }
                Rule::number => parts.nums.push((self.number(&q)?, None)),
                Rule::unit => {
                    let u = self.unit(&q)?;
                    if let Some(last) = parts.nums.last_mut() {
                        last.1 = Some(u);
                    }
                    parts.unit_span = Some(self.span(&q));
                }
                Rule::bound_suffix => parts.flip = s != "以上",
                Rule::about => parts.about = true,
                Rule::superior_phrase | Rule::superior_issued => parts.phrase = s.to_string(),
                Rule::trend_phrase => parts.meaning = Some(self.phrase(Family::Trend, &q)?),
                Rule::change_word => parts.meaning = Some(self.phrase(Family::Change, &q)?),
                Rule::requirement => {
                    parts.phrase = s.to_string();
                    parts.negated = q
                        .into_inner()
                        .any(|r| matches!(r.as_rule(), Rule::negation | Rule::negated_phrase));
                }
                Rule::quantity_sup | Rule::quantity_trend | Rule::quantity_status => {
                    parts.quantity = one_quantity(s, span)?
                }
                Rule::quoted_quantity => {
                    let name = s.trim_start_matches('「').trim_end_matches('」');
                    parts.quantity = Some(name.to_string())
                }
                Rule::window => parts.window = Some(cn_value(q.into_inner().as_str())),
                Rule::cn_number => parts.window = Some(cn_value(s)),
                Rule::base => {
                    let year = q.into_inner().next().ok_or_else(|| bad_number(s, span))?;
                    parts.base = Some(self.year(&year)?);
                }
                Rule::ref_name
                | Rule::delta_name
                | Rule::event_name
                | Rule::event_kind
                | Rule::share_req => parts.name = s.trim().to_string(),
                Rule::share_lead | Rule::share_scope => parts.lead = Some(s.to_string()),
                Rule::share_all => parts.nums.push((Decimal::ONE_HUNDRED, None)),
                Rule::share_note => parts.note = Some(s.to_string()),
                Rule::share_of => parts.phrase = s.to_string(),
                Rule::quoted => parts.phrase = s[1..s.len() - 1].to_string(),
                _ => {}
            }
        }
        Ok(parts)
    }
}

/// The one quantity written before a requirement, unquoted; words that are all blanks (a form
/// feed) name nothing.
fn one_quantity(s: &str, span: Span) -> Result<Option<String>, SyntaxError> {
    // `受污染耕地和重点建设用地安全利用率均得到有效保障`: `均` over names is no part of one
    // quantity's name
    if s.contains(['「', '」']) {
        let kind = SyntaxErrorKind::ExpectedFound {
            expected: Wanted::QuantityName.into(),
            found: s.trim().to_string(),
        };
        return Err(SyntaxError::new(kind, span).with_help(Help::text(
            "「」 go around a whole name: `「水质达到或优于Ⅲ类比例」保持稳定`",
            "「」应括住完整的名称:`「水质达到或优于Ⅲ类比例」保持稳定`",
        )));
    }
    if QUANTIFIERS.iter().any(|w| s.trim_end().ends_with(w)) {
        let kind = SyntaxErrorKind::ExpectedFound {
            expected: Wanted::OneQuantityBefore.into(),
            found: s.trim().to_string(),
        };
        return Err(SyntaxError::new(kind, span).with_help(Help::text(
            "a requirement over several quantities (`均`, `分别`) takes a level: \
             `化肥、农药利用率均达到40%`; else write one target per quantity",
            "对多个指标的要求(`均`、`分别`)须带水平值:\
             `化肥、农药利用率均达到40%`;否则请每个指标各写一条目标",
        )));
    }
    Ok(Some(s.trim().to_string()).filter(|q| !q.is_empty()))
}

impl Parts {
    /// The `i`th number (zero if the grammar marked none).
    fn n(&self, i: usize) -> Decimal {
        self.nums.get(i).map(|x| x.0).unwrap_or_default()
    }

    /// The unit after the `i`th number.
    fn u(&self, i: usize) -> Option<String> {
        self.nums.get(i).and_then(|x| x.1.clone())
    }

    /// The clause the rule makes of the parts.
    fn kind(self, rule: Rule, text: &str, span: Span) -> Result<ClauseKind, SyntaxError> {
        match rule {
            Rule::compare
            | Rule::reach
            | Rule::to_level
            | Rule::approx
            | Rule::range
            | Rule::delta
            | Rule::cumulative => Ok(self.value_kind(rule)),
            _ => self.word_kind(rule, text, span),
        }
    }

    /// A clause about a level: a comparison, a range, a `△` difference, a cumulative amount.
    fn value_kind(self, rule: Rule) -> ClauseKind {
        let (value, unit) = (self.n(0), self.u(0));
        match rule {
            Rule::compare => {
                let at_most = if self.flip { Op::Le } else { Op::Ge };
                ClauseKind::Compare {
                    op: self.op.unwrap_or(at_most),
                    value,
                    unit,
                }
            }
            Rule::reach => ClauseKind::Reach { value, unit },
            Rule::approx => ClauseKind::Approx { value, unit },
            Rule::range => ClauseKind::Range {
                min: value,
                max: self.n(1),
                unit: self.u(1).or(unit),
            },
            Rule::delta => ClauseKind::Delta {
                name: self.name,
                op: self.op.unwrap_or(Op::Ge),
                value,
                unit,
            },
            Rule::cumulative => ClauseKind::Cumulative { value, unit },
            // `to_level`: 提高到…, 降低到…
            _ => ClauseKind::Compare {
                op: self.op.unwrap_or(Op::Ge),
                value,
                unit,
            },
        }
    }

    /// A clause read from words: superior targets, references, trends, changes, statuses,
    /// events and shares.
    fn word_kind(self, rule: Rule, text: &str, span: Span) -> Result<ClauseKind, SyntaxError> {
        let meaning = self.meaning.map(|m| (m.text, m.meaning));
        Ok(match rule {
            Rule::superior if self.quantity.is_some() && !names_a_cap(&self.phrase) => {
                return Err(quantity_without_cap(text, span))
            }
            Rule::superior => ClauseKind::Superior {
                quantity: self.quantity,
                phrase: self.phrase,
            },
            Rule::reference => ClauseKind::Reference {
                op: self.op,
                name: self.name,
            },
            Rule::prev_year => ClauseKind::PrevYear {
                op: self.op.unwrap_or(Op::Ge),
                and_reference: Some(self.name).filter(|n| !n.is_empty()),
            },
            Rule::trend => match meaning {
                Some((phrase, Meaning::Trend(mode, direction))) => ClauseKind::Trend {
                    window: self.window,
                    quantity: self.quantity,
                    phrase,
                    mode,
                    direction,
                },
                _ => return Err(unknown_phrase(text, span)),
            },
            Rule::change => match meaning {
                Some((word, Meaning::Change { direction, rate })) => ClauseKind::Change {
                    value: self.n(0),
                    unit: self.u(0),
                    base: self.base,
                    word,
                    direction,
                    rate,
                    op: self.op,
                    about: self.about,
                },
                _ => return Err(unknown_phrase(text, span)),
            },
            Rule::double => ClauseKind::Double {
                base: self.base.ok_or_else(|| bad_number(text, span))?,
            },
            Rule::status => ClauseKind::Status {
                quantity: self.quantity,
                phrase: self.phrase,
                negated: self.negated,
                quoted: false,
            },
            Rule::status_quoted if text.starts_with("定性") || text.starts_with("qualitative") => {
                ClauseKind::Qualitative { text: self.phrase }
            }
            Rule::status_quoted => ClauseKind::Status {
                quantity: None,
                phrase: self.phrase,
                negated: false,
                quoted: true,
            },
            Rule::no_event => ClauseKind::NoEvent {
                years: self.window,
                event: self.name,
            },
            Rule::share => ClauseKind::Share {
                value: self.n(0),
                lead: self.lead,
                op: self.op,
                note: self.note,
                of: self.phrase,
                requirement: self.name,
            },
            _ => {
                let kind = SyntaxErrorKind::ExpectedFound {
                    expected: Wanted::Clause.into(),
                    found: text.into(),
                };
                return Err(SyntaxError::new(kind, span));
            }
        })
    }
}

/// Whether a superior-target phrase names a control cap (`不超过控制目标值`,
/// `完成国家下达的能源消耗总量控制目标`): only then may a named quantity stand before it. The
/// issued form (`superior_issued`) is free text between fixed words, so the word `控制` is what
/// is printed to tell it.
fn names_a_cap(phrase: &str) -> bool {
    phrase.contains("控制")
}

/// A named quantity with a superior target that is no control cap (`<quantity>达到考核要求`
/// says nothing of a cap).
fn quantity_without_cap(text: &str, span: Span) -> SyntaxError {
    let kind = SyntaxErrorKind::ExpectedFound {
        expected: Wanted::ControlTarget.into(),
        found: text.into(),
    };
    SyntaxError::new(kind, span).with_help(Help::text(
        "a quantity is compared with a control target (`不超过控制目标值`); \
         write a requirement met by a recorded word as `定性 \"…\"`",
        "指标只能与控制目标比较(`不超过控制目标值`);\
         以记录的文字判定的要求请写作 `定性 \"…\"`",
    ))
}
