//! The properties the fuzz targets check (`fuzz/fuzz_targets/*.rs` include this file), so that
//! `cargo test` replays every saved input on stable (`tests/fuzz_regressions.rs`). Each check
//! takes arbitrary bytes and panics only when a property fails.
#![allow(dead_code)]

use zhibiao::data::{parse_measurements_csv, parse_measurements_json};
use zhibiao::eval::Evaluator;
use zhibiao::predicate::{Predicate, TargetOptions};
use zhibiao::report::{write_report, Format};
use zhibiao::syntax::file::parse_file;
use zhibiao::syntax::{parse_target, parse_target_with_grammar, Target};
use zhibiao::{Lang, RuleSet};

fn erased(mut t: Target) -> Target {
    t.erase_spans();
    t
}

/// Whether a predicate has a text form: an `any` holding an `all` is printed flat (documented).
fn printable(p: &Predicate) -> bool {
    let json = serde_json::to_value(p).unwrap_or_default();
    fn any_of_all(v: &serde_json::Value, in_any: bool) -> bool {
        match v {
            serde_json::Value::Object(m) => {
                let kind = m.get("kind").and_then(|k| k.as_str()).unwrap_or("");
                if in_any && kind == "all" {
                    return true;
                }
                m.values().any(|x| any_of_all(x, kind == "any"))
            }
            serde_json::Value::Array(a) => a.iter().any(|x| any_of_all(x, in_any)),
            _ => false,
        }
    }
    !any_of_all(&json, false)
}

/// (a) A target text: parsing never panics; the fast path and the grammar agree; the syntax
/// tree prints to text that parses back to the same tree; the predicate prints to text that
/// parses back to the same predicate; its JSON reads back to the same predicate.
pub fn target_text(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let fast = parse_target(text);
    let grammar = parse_target_with_grammar(text);
    // an error is said in both languages without a panic
    for e in [&fast, &grammar]
        .into_iter()
        .filter_map(|r| r.as_ref().err())
    {
        for lang in [Lang::En, Lang::Zh] {
            let _ = e.diagnostic(lang).render_in("<expr>", text, lang);
        }
    }
    if let (Ok(f), Ok(g)) = (&fast, &grammar) {
        assert_eq!(
            erased(f.clone()),
            erased(g.clone()),
            "fast path and grammar differ on `{text}`"
        );
    }
    if let (Ok(_), Err(e)) = (&fast, &grammar) {
        // the fast path reads only what the grammar reads (length limits aside)
        assert!(
            text.chars().count() > zhibiao::syntax::MAX_TARGET_CHARS,
            "fast path reads `{text}`, grammar does not: {e}"
        );
    }
    if let Some(t) = fast
        .as_ref()
        .ok()
        .filter(|t| t.to_string().chars().count() <= zhibiao::syntax::MAX_TARGET_CHARS)
    {
        let printed = t.to_string();
        let back = parse_target(&printed).unwrap_or_else(|e| {
            panic!("`{text}` prints as `{printed}`, which does not parse: {e}")
        });
        assert_eq!(
            erased(back),
            erased(t.clone()),
            "`{text}` → `{printed}` reads differently"
        );
    }
    let opts = TargetOptions::default();
    if let Ok(p) = Predicate::parse(text, &opts) {
        let json = serde_json::to_string(&p).expect("a predicate serialises");
        let back: Predicate = serde_json::from_str(&json)
            .unwrap_or_else(|e| panic!("`{text}`: JSON `{json}` does not read back: {e}"));
        assert_eq!(back, p, "`{text}`: JSON round trip");
        // the canonical text may add brackets (`「…」`) beyond the input limit
        let fits = |t: &str| t.chars().count() <= zhibiao::syntax::MAX_TARGET_CHARS;
        if printable(&p) && fits(&p.to_string()) {
            let printed = p.to_string();
            let again = Predicate::parse(&printed, &opts).unwrap_or_else(|e| {
                panic!("`{text}` → predicate printed as `{printed}`, which does not parse: {e}")
            });
            assert_eq!(again, p, "`{text}` → `{printed}` is another predicate");
        }
    }
}

/// (b) A whole indicator file: loading never panics; a file that parses is formatted to text
/// that parses and loads with the same diagnostics count, and formatting is idempotent.
pub fn rule_file(data: &[u8]) {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let loaded = zhibiao::rules::load(src);
    for d in &loaded.diagnostics {
        for lang in [Lang::En, Lang::Zh] {
            let _ = d.diagnostic_in(lang).render_in("fuzz.zb", src, lang);
        }
    }
    let Ok(file) = parse_file(src) else {
        return;
    };
    let formatted = file.to_canonical();
    let again = parse_file(&formatted)
        .unwrap_or_else(|e| panic!("formatted file does not parse: {e:?}\n{formatted}"));
    assert_eq!(
        again.to_canonical(),
        formatted,
        "formatting is not idempotent"
    );
    let errors = |l: &zhibiao::rules::Loaded| {
        l.diagnostics
            .iter()
            .filter(|d| d.severity() == zhibiao::diagnostic::Severity::Error)
            .count()
    };
    let reloaded = zhibiao::rules::load(&formatted);
    assert_eq!(
        errors(&reloaded) == 0,
        errors(&loaded) == 0,
        "formatting changes whether the file has errors\n{formatted}"
    );
}

const RULES: [&str; 2] = [
    include_str!("../../rules/seeds/shengzhou-2024.zb"),
    include_str!("../../rules/corpus/real-world-forms.zb"),
];

/// (c) A data file (CSV, or JSON when it starts with `[`) against a shipped rule file (chosen by
/// the first byte): reading never panics; every region's verdict-only result equals its
/// explained result, indicator by indicator; every report format renders.
pub fn data_file(data: &[u8]) {
    let Some((&choice, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let Ok(rules) = RuleSet::parse(RULES[usize::from(choice) % RULES.len()]) else {
        panic!("a shipped rule file loads");
    };
    let ds = if text.trim_start().starts_with('[') {
        parse_measurements_json(text, &rules, "fuzz.json")
    } else {
        parse_measurements_csv(text, &rules, "fuzz.csv")
    };
    let ds = match ds {
        Ok(ds) => ds,
        Err(e) => {
            // an error is said in both languages without a panic
            let _ = (e.text(Lang::Zh), e.text(Lang::En));
            return;
        }
    };
    check_dataset(&rules, &ds);
}

/// A dataset read against `rules`: every region's verdict-only result equals its explained
/// result, indicator by indicator, and every report format renders.
fn check_dataset(rules: &RuleSet, ds: &zhibiao::data::Dataset) {
    let year = ds.latest_year.unwrap_or(2023);
    for w in ds.warnings.iter().chain(&ds.checks) {
        let _ = (w.text(Lang::Zh), w.text(Lang::En));
    }
    let program = rules.compile();
    let ev = Evaluator::new(&program, ds);
    for pos in 0..ev.len() {
        let quick = ev.verdict(pos, year);
        let full = ev
            .evaluate(pos, year, Some(Lang::Zh))
            .expect("a region in range");
        assert_eq!(
            quick, full.verdict,
            "verdict-only and explained differ for region {pos}"
        );
        for (idx, ind) in rules.indicators.iter().enumerate() {
            let one = ev.indicator_verdict(pos, idx, year);
            if let Some(r) = full.indicators.iter().find(|r| r.id == ind.id) {
                assert_eq!(one, r.verdict, "indicator {} of region {pos}", ind.id);
            }
        }
    }
    let mut formats = vec![
        Format::Table,
        Format::Json,
        Format::Csv,
        Format::Markdown,
        Format::Html,
    ];
    if cfg!(feature = "xlsx") {
        formats.push(Format::Xlsx);
    }
    // every format in Chinese; the text formats in English too
    let english = [Format::Table, Format::Csv].map(|f| (f, Lang::En));
    for (format, lang) in formats.into_iter().map(|f| (f, Lang::Zh)).chain(english) {
        let mut out = Vec::new();
        write_report(
            &mut out,
            format,
            rules,
            ds,
            year,
            lang,
            false,
            &mut |_, _| {},
        )
        .expect("a report renders into memory");
    }
}

/// (d) A workbook's bytes against a shipped rule file (chosen by the first byte): reading
/// never panics, and what it reads passes the checks of (c).
#[cfg(feature = "xlsx")]
pub fn workbook_file(data: &[u8]) {
    let Some((&choice, rest)) = data.split_first() else {
        return;
    };
    let Ok(rules) = RuleSet::parse(RULES[usize::from(choice) % RULES.len()]) else {
        panic!("a shipped rule file loads");
    };
    if let Ok(ds) = zhibiao::data::parse_measurements_workbook(rest, &rules, "fuzz.xlsx") {
        check_dataset(&rules, &ds);
    }
}
