//! Table-driven evaluation tests: `tests/data/eval-cases.tsv` (format documented at the top of
//! that file). Every case is parsed, evaluated with `Context::evaluate` and `Context::verdict`,
//! and checked; all failures are collected and reported together.

use std::collections::{BTreeMap, BTreeSet};

use zhibiao::eval::{Context, Outcome, RegionData, Settings, Tolerance, Value, Verdict};
use zhibiao::predicate::{Polarity, Predicate, TargetOptions};
use zhibiao::Lang;

const INDICATOR: &str = "4";
const MIN_CASES: usize = 100;

#[derive(Debug)]
struct Case {
    line: usize,
    name: String,
    target: String,
    kind: Option<String>,
    unit: Option<String>,
    polarity: Option<Polarity>,
    tolerance: Tolerance,
    window: u32,
    year: i32,
    classes: Vec<String>,
    data: String,
    expected: Verdict,
    fragment: Option<String>,
}

fn dash(s: &str) -> Option<&str> {
    let s = s.trim();
    if s.is_empty() || s == "-" {
        None
    } else {
        Some(s)
    }
}

fn parse_verdict(s: &str) -> Result<Verdict, String> {
    Ok(match s.trim() {
        "pass" => Verdict::Pass,
        "fail" => Verdict::Fail,
        "insufficient" => Verdict::Insufficient,
        "not_applicable" => Verdict::NotApplicable,
        other => return Err(format!("unknown verdict `{other}`")),
    })
}

fn parse_line(line_no: usize, line: &str) -> Result<Case, String> {
    let cols: Vec<&str> = line.split('\t').collect();
    if cols.len() < 11 || cols.len() > 12 {
        return Err(format!(
            "expected 11 or 12 tab-separated columns, found {}",
            cols.len()
        ));
    }
    let polarity = match dash(cols[4]) {
        None => None,
        Some("higher") => Some(Polarity::Higher),
        Some("lower") => Some(Polarity::Lower),
        Some(p) => return Err(format!("unknown polarity `{p}`")),
    };
    let tolerance = match dash(cols[5]) {
        None => Tolerance::Zero,
        Some(t) => Tolerance::parse(t).ok_or_else(|| format!("bad tolerance `{t}`"))?,
    };
    let window = match dash(cols[6]) {
        None => 2,
        Some(w) => w.parse().map_err(|_| format!("bad window `{w}`"))?,
    };
    let year = cols[7]
        .trim()
        .parse()
        .map_err(|_| format!("bad year `{}`", cols[7]))?;
    let classes = dash(cols[8]).map_or_else(Vec::new, |c| {
        c.split(';').map(|s| s.trim().to_string()).collect()
    });
    Ok(Case {
        line: line_no,
        name: cols[0].trim().to_string(),
        target: cols[1].trim().to_string(),
        kind: dash(cols[2]).map(str::to_string),
        unit: dash(cols[3]).map(str::to_string),
        polarity,
        tolerance,
        window,
        year,
        classes,
        data: cols[9].trim().to_string(),
        expected: parse_verdict(cols[10])?,
        fragment: cols.get(11).and_then(|f| dash(f)).map(str::to_string),
    })
}

/// Read the table: `#` lines and blank lines are skipped, the header (first column `name`) too.
fn load() -> (Vec<Case>, Vec<String>) {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/eval-cases.tsv");
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let mut cases = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        if line.trim().is_empty()
            || line.trim_start().starts_with('#')
            || line.starts_with("name\t")
        {
            continue;
        }
        match parse_line(line_no, line) {
            Ok(c) => cases.push(c),
            Err(e) => errors.push(format!("line {line_no}: {e}")),
        }
    }
    (cases, errors)
}

fn value(text: &str) -> Result<Value, String> {
    Value::parse(text).ok_or_else(|| format!("empty value in `{text}`"))
}

/// Split `[t]YYYY=V` into (is_target, year, value).
fn point(tok: &str) -> Result<(bool, i32, Value), String> {
    let (y, v) = tok
        .split_once('=')
        .ok_or_else(|| format!("`{tok}`: expected YEAR=VALUE"))?;
    let (target, y) = match y.strip_prefix('t') {
        Some(rest) => (true, rest),
        None => (false, y),
    };
    let year = y.parse().map_err(|_| format!("`{tok}`: bad year `{y}`"))?;
    Ok((target, year, value(v)?))
}

fn build_region(case: &Case) -> Result<RegionData, String> {
    let mut r = RegionData::new(case.name.clone());
    for c in &case.classes {
        r.classes.insert(c.clone());
    }
    if dash(&case.data).is_none() {
        return Ok(r);
    }
    for tok in case.data.split_whitespace() {
        if let Some(rest) = tok.strip_prefix("event:") {
            let (kind, p) = rest
                .rsplit_once(':')
                .ok_or_else(|| format!("`{tok}`: expected event:KIND:YEAR=VALUE"))?;
            let (target, year, v) = point(p)?;
            if target {
                return Err(format!("`{tok}`: events have no targets"));
            }
            r.set_event(kind, year, v);
        } else if let Some((name, p)) = tok.rsplit_once(':') {
            let (target, year, v) = point(p)?;
            if target {
                r.set_named_target(INDICATOR, name, year, v);
            } else {
                r.set_named(INDICATOR, name, year, v);
            }
        } else {
            let (target, year, v) = point(tok)?;
            if target {
                r.set_target(INDICATOR, year, v);
            } else {
                r.set_value(INDICATOR, year, v);
            }
        }
    }
    Ok(r)
}

fn build_predicate(case: &Case) -> Result<Predicate, String> {
    if let Some(json) = case.target.strip_prefix("json:") {
        return serde_json::from_str(json).map_err(|e| format!("bad JSON predicate: {e}"));
    }
    let opts = TargetOptions {
        unit: case.unit.clone(),
        polarity: case.polarity,
    };
    Predicate::parse(&case.target, &opts)
        .map_err(|e| format!("target `{}` does not parse: {e}", case.target))
}

/// `kind[:field…]`: the top-level kind, and values each equal to some string field of the JSON.
fn check_kind(spec: &str, p: &Predicate) -> Result<(), String> {
    let json = serde_json::to_value(p).map_err(|e| e.to_string())?;
    let mut parts = spec.split(':');
    let kind = parts.next().unwrap_or_default();
    if p.kind() != kind {
        return Err(format!(
            "kind: expected `{kind}`, got `{}` ({json})",
            p.kind()
        ));
    }
    let strings: Vec<&str> = json
        .as_object()
        .map(|o| o.values().filter_map(|v| v.as_str()).collect())
        .unwrap_or_default();
    for want in parts {
        if !strings.contains(&want) {
            return Err(format!("kind: no field equal to `{want}` in {json}"));
        }
    }
    Ok(())
}

fn check_explanation(case: &Case, o: &Outcome) -> Result<(), String> {
    let text = o.explanation(Lang::Zh);
    let label = o.verdict.label(Lang::Zh);
    let ends_ok = if o.evidence.is_empty() {
        text == label
    } else {
        text.ends_with(&format!(" → {label}"))
    };
    if !ends_ok {
        return Err(format!(
            "explanation does not end with the verdict `{label}`: {text}"
        ));
    }
    if let Some(f) = &case.fragment {
        if !text.contains(f.as_str()) {
            return Err(format!("explanation lacks `{f}`: {text}"));
        }
    }
    Ok(())
}

fn run(case: &Case) -> Result<(), String> {
    let p = build_predicate(case)?;
    if let Some(k) = &case.kind {
        check_kind(k, &p)?;
    }
    let region = build_region(case)?;
    let settings = Settings {
        window: case.window,
        polarity: case.polarity,
        tolerance: case.tolerance,
        ..Settings::default()
    };
    let ctx = Context::new(&region, INDICATOR, case.year)
        .with_settings(settings)
        .with_unit(case.unit.as_deref());
    let o = ctx.evaluate(&p);
    let fast = ctx.verdict(&p);
    let mut problems = Vec::new();
    if o.verdict != case.expected {
        problems.push(format!(
            "expected {}, got {} — {}",
            case.expected,
            o.verdict,
            o.explanation(Lang::Zh)
        ));
    }
    if fast != o.verdict {
        problems.push(format!(
            "verdict() gave {fast} but evaluate() gave {}",
            o.verdict
        ));
    }
    if o.verdict == case.expected {
        if let Err(e) = check_explanation(case, &o) {
            problems.push(e);
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("; "))
    }
}

#[test]
fn eval_cases() {
    let (cases, mut failures) = load();
    assert!(
        cases.len() >= MIN_CASES,
        "the table has {} cases, fewer than {MIN_CASES}",
        cases.len()
    );

    let mut seen = BTreeSet::new();
    for c in &cases {
        if !seen.insert(c.name.as_str()) {
            failures.push(format!("line {}: duplicate case name `{}`", c.line, c.name));
        }
    }

    // Counts per kind (every predicate inside each case), printed with --nocapture.
    let mut kinds: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut verdicts: BTreeMap<String, usize> = BTreeMap::new();
    for c in &cases {
        *verdicts.entry(c.expected.to_string()).or_default() += 1;
        if let Ok(p) = build_predicate(c) {
            let mut here = BTreeSet::new();
            p.walk(&mut |q| {
                here.insert(q.kind());
            });
            for k in here {
                *kinds.entry(k).or_default() += 1;
            }
        }
        if let Err(e) = run(c) {
            failures.push(format!("line {} `{}` [{}]: {e}", c.line, c.name, c.target));
        }
    }
    println!("{} cases; expected verdicts {verdicts:?}", cases.len());
    println!("cases containing each predicate kind: {kinds:?}");

    if !failures.is_empty() {
        panic!(
            "{} of {} evaluation cases failed:\n  {}",
            failures.len(),
            cases.len(),
            failures.join("\n  ")
        );
    }
}
