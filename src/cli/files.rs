//! The commands over rule files: `check`, `test` and `fmt`; directories are searched for
//! `.zb` files first.

use std::io::Write;
use std::path::PathBuf;

use super::{diagnostics_lang, load_source, read, say_error, LangArg};
use crate::eval::run_examples;
use crate::message::{severity, Run, Say};
use crate::Lang;

/// File arguments with directories replaced by the `.zb` files below them; a symlink loop is a
/// warning, a directory without indicator files an error (`None`).
fn expand(files: Vec<PathBuf>, err: &mut dyn Write, lang: Lang) -> Option<Vec<PathBuf>> {
    let mut out = Vec::new();
    for f in &files {
        let walk = crate::rules::walk_files(f);
        for l in &walk.loops {
            let dir = l.display().to_string();
            let w = Run::LinkLoop { dir }.say(lang);
            let _ = writeln!(err, "{}: {w}", severity(false, lang));
        }
        if walk.files.is_empty() {
            let dir = f.display().to_string();
            say_error(err, lang, &Run::NoRuleFiles { dir });
            return None;
        }
        out.extend(walk.files);
    }
    Some(out)
}

/// `zhibiao check`: load every file, its diagnostics on `err`, a line for each file that loads.
pub(super) fn check(files: Vec<PathBuf>, l: Option<LangArg>, err: &mut dyn Write) -> u8 {
    let Some(files) = expand(files, err, diagnostics_lang(l, None)) else {
        return 1;
    };
    let mut failed = 0;
    for f in &files {
        let Some(src) = read(f, err, diagnostics_lang(l, None)) else {
            failed += 1;
            continue;
        };
        let l = diagnostics_lang(l, Some(&src));
        match load_source(f, &src, err, true, l) {
            Some(r) => {
                let ok = Run::CheckOk {
                    file: f.display().to_string(),
                    indicators: r.indicators.len(),
                    examples: r.examples.len(),
                };
                let _ = writeln!(err, "{}", ok.say(l));
            }
            None => failed += 1,
        }
    }
    u8::from(failed > 0)
}

/// `zhibiao fmt`: rewrite each file in the canonical layout, or with `check` only say which
/// would change.
pub(super) fn fmt(files: Vec<PathBuf>, check: bool, l: Option<LangArg>, err: &mut dyn Write) -> u8 {
    let Some(files) = expand(files, err, diagnostics_lang(l, None)) else {
        return 1;
    };
    let mut code = 0;
    for f in &files {
        let Some(src) = read(f, err, diagnostics_lang(l, None)) else {
            code = 1;
            continue;
        };
        let l = diagnostics_lang(l, Some(&src));
        match crate::syntax::file::parse_file(&src) {
            Ok(file) => {
                let formatted = file.to_canonical();
                if formatted != src {
                    if check {
                        let file = f.display().to_string();
                        let _ = writeln!(err, "{}", Run::NotFormatted { file }.say(l));
                        code = 1;
                    } else if let Err(e) = std::fs::write(f, formatted) {
                        let file = Some(f.display().to_string());
                        let error = e.to_string();
                        say_error(err, l, &Run::CannotWrite { file, error });
                        code = 1;
                    }
                }
            }
            Err(errs) => {
                for e in &errs {
                    let origin = f.display().to_string();
                    let d = e.diagnostic(l);
                    let _ = write!(err, "{}", d.render_in(&origin, &src, l));
                }
                code = 1;
            }
        }
    }
    code
}

/// `zhibiao test`: every example of every file, a line per mismatch, then the counts (in
/// Chinese when any file's diagnostics are).
pub(super) fn test(
    files: Vec<PathBuf>,
    l: Option<LangArg>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> u8 {
    let Some(files) = expand(files, err, diagnostics_lang(l, None)) else {
        return 1;
    };
    let mut summary = diagnostics_lang(l, None);
    let (mut passed, mut failed) = (0usize, 0usize);
    for f in &files {
        let Some(src) = read(f, err, diagnostics_lang(l, None)) else {
            failed += 1;
            continue;
        };
        let lang = diagnostics_lang(l, Some(&src));
        if lang == Lang::Zh {
            summary = Lang::Zh;
        }
        let Some(rules) = load_source(f, &src, err, false, lang) else {
            failed += 1;
            continue;
        };
        for r in run_examples(&rules, Lang::Zh) {
            failed += r.mismatches.len();
            passed += r.checked - r.mismatches.len();
            for m in &r.mismatches {
                let (line, col) = m.span.line_col(&src);
                let who = m
                    .indicator
                    .as_deref()
                    .map_or("整体".to_string(), |i| format!("指标 {i}"));
                let failed = Run::ExampleFailed {
                    at: format!("{}:{line}:{col} 示例 \"{}\" {who}", f.display(), r.name),
                    expected: m.expected,
                    actual: m.actual,
                    lacks: m.missing_fragment.clone(),
                };
                let _ = writeln!(out, "{}", failed.say(lang));
                let _ = writeln!(out, "     {}", m.explanation);
            }
        }
    }
    let _ = writeln!(out, "{}", Run::TestSummary { passed, failed }.say(summary));
    u8::from(failed > 0)
}
