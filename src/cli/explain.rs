//! `zhibiao explain`: a target's predicate, its canonical text and its reading.

use std::io::Write;

use super::{diagnostics_lang, lang, ExplainArgs, PolarityArg};
use crate::diagnostic::Diagnostic;
use crate::message::{Run, Say};
use crate::predicate::{Polarity, TargetOptions};
use crate::syntax::parse_target;

/// Explain one target expression; errors are rendered with a caret under `<expr>`.
pub(super) fn run(args: &ExplainArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let (expr, l) = (args.expr.as_str(), args.lang);
    let opts = TargetOptions {
        unit: args.unit.clone(),
        polarity: args.polarity.map(|p| match p {
            PolarityArg::Higher => Polarity::Higher,
            PolarityArg::Lower => Polarity::Lower,
        }),
    };
    let reading = lang(l.unwrap_or_default());
    let l = diagnostics_lang(l, Some(expr));
    let tree = match parse_target(expr) {
        Ok(t) => t,
        Err(e) => {
            let _ = write!(err, "{}", e.diagnostic(l).render_in("<expr>", expr, l));
            return 1;
        }
    };
    let p = match crate::predicate::lower(&tree, &opts) {
        Ok(p) => p,
        Err(e) => {
            let d = Diagnostic::error(e.kind.say(l), e.span)
                .with_help(e.help.as_ref().map(|h| h.say(l)));
            let _ = write!(err, "{}", d.render_in("<expr>", expr, l));
            return 1;
        }
    };
    if args.json {
        let _ = writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&p).unwrap_or_default()
        );
    } else {
        let _ = writeln!(out, "{p}");
        let _ = writeln!(out, "{}", p.reading(reading));
        if p.needs_polarity() && opts.polarity.is_none() {
            let _ = writeln!(err, "{}", Run::NeedsPolarity.say(l));
        }
    }
    0
}
