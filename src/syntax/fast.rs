//! A fast path for the commonest targets — a plain comparison (`≥20`, `<0.5%`), a bare number
//! (`100`, `95%`), or one fixed phrase (`保持稳定或持续改善`, `完成上级管控目标`, `建立`) — that builds
//! the same tree as the grammar without running it. `tests/targets.rs` checks that both agree.

use super::ast::{Clause, ClauseKind, Conj, Disj, Expr, Target};
use super::normalize::Normalized;
use super::phrase::{Family, Meaning, PHRASES};
use crate::types::Op;
use crate::Span;

fn number_end(s: &str) -> usize {
    let b = s.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'-'));
    let digits = |i: &mut usize| {
        let start = *i;
        while *i < b.len() && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i > start
    };
    if !digits(&mut i) {
        return 0;
    }
    if i < b.len() && b[i] == b'.' {
        let mut j = i + 1;
        if digits(&mut j) {
            i = j;
        }
    }
    i
}

fn wrap(kind: ClauseKind, span: Span, unit_span: Option<Span>) -> Target {
    let clause = Clause {
        kind,
        span,
        unit_span,
    };
    let disj = Disj {
        items: vec![clause],
        span,
    };
    Target {
        expr: Expr::Conj(Conj {
            items: vec![disj],
            span,
        }),
        span,
    }
}

/// The clause of a target that is one fixed phrase of the phrase table (a trend, a superior
/// target, a requirement word alone), as the grammar reads it.
fn fixed_phrase(text: &str) -> Option<ClauseKind> {
    let p = PHRASES.iter().find(|p| {
        p.text == text
            && matches!(
                p.meaning.family(),
                Family::Trend | Family::Superior | Family::Requirement | Family::NegatedRequirement
            )
    })?;
    Some(match p.meaning {
        Meaning::Trend(mode, direction) => ClauseKind::Trend {
            window: None,
            quantity: None,
            phrase: p.text,
            mode,
            direction,
        },
        Meaning::Superior => ClauseKind::Superior {
            quantity: None,
            phrase: p.text.to_string(),
        },
        _ => ClauseKind::Status {
            quantity: None,
            phrase: p.text.to_string(),
            negated: p.meaning == Meaning::NegatedRequirement,
            quoted: false,
        },
    })
}

/// The tree of `norm`, if it is one of the simple forms.
pub(super) fn parse(norm: &Normalized, src_len: usize) -> Option<Target> {
    let text = norm.text.as_str();
    let span = Span::new(0, src_len);
    if let Some(kind) = fixed_phrase(text) {
        return Some(wrap(kind, span, None));
    }
    let (op, rest, at) = match text.chars().next()? {
        '≥' => (Some(Op::Ge), &text['≥'.len_utf8()..], '≥'.len_utf8()),
        '≤' => (Some(Op::Le), &text['≤'.len_utf8()..], '≤'.len_utf8()),
        '>' => (Some(Op::Gt), &text[1..], 1),
        '<' => (Some(Op::Lt), &text[1..], 1),
        '=' => (Some(Op::Eq), &text[1..], 1),
        c if c.is_ascii_digit() => (None, text, 0),
        _ => return None,
    };
    let n = number_end(rest);
    if n == 0 {
        return None;
    }
    // the one number reader; anything it refuses goes to the grammar, which says why
    let value = crate::types::read_decimal(&rest[..n]).ok()?;
    let (unit, unit_span) = match &rest[n..] {
        "" => (None, None),
        "%" => {
            let s = at + n;
            (
                Some("%".to_string()),
                Some(Span::new(norm.original(s), norm.original(s + 1))),
            )
        }
        _ => return None,
    };
    let kind = match op {
        Some(op) => ClauseKind::Compare { op, value, unit },
        None => ClauseKind::Reach { value, unit },
    };
    Some(wrap(kind, span, unit_span))
}
