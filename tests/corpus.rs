//! The public corpus (`tests/data/corpus/`): targets printed in real indicator tables, each row
//! marked with how the language reads it, and every row checked.
//!
//! `documents.tsv` lists the documents (title, issuer, year, level, kind, script, address); each
//! `<doc>.tsv` holds the document's rows — `indicator`, `unit`, `target` exactly as printed — and
//! a fourth column `reading`:
//!
//! - a predicate kind (`compare`, `range`, `tiered` …): the target parses, to that kind;
//! - `qualitative`: a requirement with no measurable rule, written `定性 "…"` in a rule file; the
//!   printed text itself must not parse (the language does not guess a reading);
//! - `not-a-target: <reason>`: prose that is no target; it must not parse;
//! - `gap: <family>`: a rule the language cannot read yet, with the phrase family that would
//!   read it; it must not parse (when it starts to, the mark must be updated).
//!
//! `rules/COVERAGE.md` is generated from the marks: `UPDATE_CORPUS=1 cargo test --test corpus`
//! rewrites it (and fills empty marks of new rows: the kind when the row parses, else `gap: ?`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use zhibiao::predicate::{Predicate, TargetOptions};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/corpus");
const COVERAGE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/rules/COVERAGE.md");

/// The phrase families a `gap` names (the issue "Read the real world's indicator tables").
const FAMILIES: &[(&str, &str)] = &[
    ("approximate", "`15左右`, `控制在15%左右`"),
    (
        "bounds-in-words",
        "`控制在…以内`, `在95%以上`, `不少于`, `不多于`",
    ),
    ("quantifier", "`总体达到…`, `均…`, `分别达…`"),
    ("superior-any-level", "`完成省/市/县下达的任务`"),
    ("event-without-years", "`未发生…`, `不发生…`"),
    (
        "tier-list",
        "tiers separated by spaces, `及`, `和`, `;`; shared suffixes",
    ),
    (
        "named-conditions",
        "`A>50%或B>40%`, `高于上年和全县平均水平`",
    ),
    (
        "year-schedule",
        "`2025年≥80`, `≥80(2025年)`, `到2025年达到60%`",
    ),
    ("cumulative", "five-year targets in brackets `〔18〕`"),
    ("unit-suffix", "`<60dB(A)`, `(h)`, `黄海高程`"),
    ("negated-trend", "`不降低`, `只能更好、不能变差`"),
    ("rank", "`名列前茅`, `前10名`, `20强`"),
    ("lead-in", "`要达…`, `要在…以上`, `比…翻一番`"),
    (
        "named-subject",
        "the cell names its quantity first: `森林覆盖率达到26%`",
    ),
    ("sub-region-share", "`X%以上的乡镇达到…`"),
    (
        "annotation",
        "a printed note beside the target: `≥75%(省考核标准为≥70%)`",
    ),
    (
        "requirement-word",
        "a requirement word not yet in the closed list: `基本消除`, `具备`",
    ),
    (
        "water-class",
        "a water-quality class: `达到或优于Ⅲ类`, `保持Ⅱ类`",
    ),
    (
        "limit-table",
        "a quality standard's limit (`≤0.5`, `7.5～8.5`) with conditions in words",
    ),
    ("other", "anything else"),
];

#[derive(Debug, Clone)]
struct Row {
    doc: String,
    line: usize,
    indicator: String,
    unit: String,
    target: String,
    reading: String,
}

#[derive(Debug, Clone)]
struct Document {
    id: String,
    title: String,
    year: String,
    script: String,
}

fn documents() -> Vec<Document> {
    let text = std::fs::read_to_string(Path::new(DIR).join("documents.tsv")).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split('\t').collect();
    assert_eq!(
        header,
        ["doc", "title", "issuer", "year", "level", "kind", "script", "address"]
    );
    lines
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 8, "documents.tsv: {l}");
            assert!(
                f[7].starts_with("http://") || f[7].starts_with("https://"),
                "{}: the address is a public URL",
                f[0]
            );
            assert!(matches!(f[6], "simplified" | "traditional"), "{}", f[0]);
            Document {
                id: f[0].into(),
                title: f[1].into(),
                year: f[3].into(),
                script: f[6].into(),
            }
        })
        .collect()
}

fn doc_path(id: &str) -> PathBuf {
    Path::new(DIR).join(format!("{id}.tsv"))
}

fn rows(doc: &str) -> Vec<Row> {
    let text = std::fs::read_to_string(doc_path(doc)).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    assert!(
        header == "indicator\tunit\ttarget" || header == "indicator\tunit\ttarget\treading",
        "{doc}: header {header}"
    );
    lines
        .enumerate()
        .map(|(i, l)| {
            let f: Vec<&str> = l.split('\t').collect();
            assert!(
                f.len() == 3 || f.len() == 4,
                "{doc}:{}: {} fields",
                i + 2,
                f.len()
            );
            Row {
                doc: doc.into(),
                line: i + 2,
                indicator: f[0].into(),
                unit: f[1].into(),
                target: f[2].into(),
                reading: f.get(3).copied().unwrap_or("").into(),
            }
        })
        .collect()
}

fn parse(r: &Row) -> Result<Predicate, String> {
    let unit = match r.unit.trim() {
        "-" | "" => None,
        u => Some(u.to_string()),
    };
    // the indicator's name without the column or tier written after it (`…[2025]`), as a rule
    // file gives it: a cell that repeats it is about the indicator's own series
    let name = r.indicator.split('[').next().unwrap_or_default();
    let opts = TargetOptions {
        unit,
        polarity: None,
    };
    Predicate::parse(&r.target, &opts)
        .map(|p| p.with_own_name(name))
        .map_err(|e| e.to_string())
}

/// What a row's mark says, read.
#[derive(Debug, Clone, PartialEq)]
enum Reading {
    Kind(String),
    Qualitative,
    NotATarget(String),
    Gap(String),
    Unmarked,
}

fn reading(mark: &str) -> Reading {
    let mark = mark.trim();
    if mark.is_empty() {
        Reading::Unmarked
    } else if mark == "qualitative" {
        Reading::Qualitative
    } else if let Some(r) = mark.strip_prefix("not-a-target:") {
        Reading::NotATarget(r.trim().into())
    } else if let Some(f) = mark.strip_prefix("gap:") {
        Reading::Gap(f.trim().into())
    } else {
        Reading::Kind(mark.into())
    }
}

/// Why a row disagrees with its mark, if it does.
fn check(r: &Row) -> Option<String> {
    let parsed = parse(r);
    let at = format!("{}:{} `{}`", r.doc, r.line, r.target);
    match (reading(&r.reading), &parsed) {
        (Reading::Kind(k), Ok(p)) if p.kind() == k => None,
        // the language reads it as a qualitative requirement itself (`名列前茅`: no place printed)
        (Reading::Qualitative, Ok(p)) if p.kind() == "qualitative" => None,
        (Reading::Kind(k), Ok(p)) => Some(format!("{at}: marked {k}, parses to {}", p.kind())),
        (Reading::Kind(k), Err(e)) => Some(format!("{at}: marked {k}, does not parse: {e}")),
        (Reading::Qualitative, Ok(p)) | (Reading::NotATarget(_), Ok(p)) => Some(format!(
            "{at}: marked `{}` but the language reads it as {}",
            r.reading,
            p.kind()
        )),
        (Reading::Gap(f), Ok(p)) => Some(format!(
            "{at}: marked `gap: {f}` but now parses to {}: update the mark",
            p.kind()
        )),
        (Reading::Qualitative, Err(_)) => {
            let written = format!("定性 \"{}\"", r.target.replace('"', "'"));
            Predicate::parse(&written, &TargetOptions::default())
                .err()
                .map(|e| format!("{at}: `{written}` does not parse: {e}"))
        }
        (Reading::NotATarget(why), Err(_)) if why.is_empty() => {
            Some(format!("{at}: `not-a-target` needs a reason"))
        }
        (Reading::Gap(f), Err(_)) if !FAMILIES.iter().any(|(n, _)| *n == f) => {
            Some(format!("{at}: unknown family `{f}`"))
        }
        (Reading::NotATarget(_), Err(_)) | (Reading::Gap(_), Err(_)) => None,
        (Reading::Unmarked, _) => Some(format!("{at}: not marked")),
    }
}

/// Fill empty marks (the kind when the row parses, else `gap: ?`) and write the files back.
fn fill_marks(doc: &str, rows: &[Row]) {
    let mut out = String::from("indicator\tunit\ttarget\treading\n");
    for r in rows {
        let mark = match reading(&r.reading) {
            Reading::Unmarked => match parse(r) {
                Ok(p) => p.kind().to_string(),
                Err(_) => "gap: ?".to_string(),
            },
            _ => r.reading.clone(),
        };
        out.push_str(&format!(
            "{}\t{}\t{}\t{mark}\n",
            r.indicator, r.unit, r.target
        ));
    }
    std::fs::write(doc_path(doc), out).unwrap();
}

#[derive(Default)]
struct Tally {
    rows: usize,
    rule: usize,
    qualitative: usize,
    prose: usize,
    gap: usize,
}

impl Tally {
    fn add(&mut self, r: &Reading) {
        self.rows += 1;
        match r {
            Reading::Kind(_) => self.rule += 1,
            Reading::Qualitative => self.qualitative += 1,
            Reading::NotATarget(_) => self.prose += 1,
            Reading::Gap(_) | Reading::Unmarked => self.gap += 1,
        }
    }

    fn cells(&self) -> String {
        let rules = self.rule + self.gap;
        let share = if rules == 0 {
            "—".to_string()
        } else {
            format!("{:.0} %", 100.0 * self.rule as f64 / rules as f64)
        };
        format!(
            "{} | {} | {} | {} | {} | {share}",
            self.rows, self.rule, self.gap, self.qualitative, self.prose
        )
    }
}

/// `rules/COVERAGE.md` from the marks.
fn coverage(docs: &[Document], all: &[Row]) -> String {
    let mut out = String::from(
        "# Coverage of the public corpus\n\n\
         Generated by `UPDATE_CORPUS=1 cargo test --test corpus` from the marks in\n\
         `tests/data/corpus/` (see `tests/corpus.rs` for what a mark means; the test checks every\n\
         row against it). *Rules* are rows that are targets with a measurable rule: *read* ones\n\
         parse to the marked predicate kind, *gaps* are rules the language cannot read yet, by the\n\
         phrase family that would read them. *Qualitative* rows are requirements with no\n\
         measurable rule (written `定性 \"…\"`); *prose* rows are no target at all.\n\n",
    );
    let distinct: std::collections::BTreeSet<&str> =
        all.iter().map(|r| r.target.as_str()).collect();
    let mut total = Tally::default();
    for r in all {
        total.add(&reading(&r.reading));
    }
    out.push_str(&format!(
        "{} documents ({} in traditional script), {} rows, {} distinct printed targets.\n\n",
        docs.len(),
        docs.iter().filter(|d| d.script == "traditional").count(),
        all.len(),
        distinct.len()
    ));
    out.push_str("| | rows | rules read | gaps | qualitative | prose | rules read / all rules |\n");
    out.push_str("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    out.push_str(&format!("| **all** | {} |\n\n", total.cells()));

    out.push_str("## By phrase family\n\nRules read, by predicate kind:\n\n| kind | rows |\n| --- | ---: |\n");
    let mut kinds: BTreeMap<String, usize> = BTreeMap::new();
    let mut gaps: BTreeMap<String, usize> = BTreeMap::new();
    for r in all {
        match reading(&r.reading) {
            Reading::Kind(k) => *kinds.entry(k).or_default() += 1,
            Reading::Gap(f) => *gaps.entry(f).or_default() += 1,
            _ => {}
        }
    }
    for (k, n) in &kinds {
        out.push_str(&format!("| `{k}` | {n} |\n"));
    }
    out.push_str("\nGaps, by the family that would read them:\n\n| family | e.g. | rows |\n| --- | --- | ---: |\n");
    for (f, e) in FAMILIES {
        if let Some(n) = gaps.get(*f) {
            out.push_str(&format!("| {f} | {e} | {n} |\n"));
        }
    }

    out.push_str("\n## By document\n\n| document | year | script | rows | rules read | gaps | qualitative | prose | read / rules |\n| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
    for d in docs {
        let mut t = Tally::default();
        for r in all.iter().filter(|r| r.doc == d.id) {
            t.add(&reading(&r.reading));
        }
        out.push_str(&format!(
            "| {} (`{}`) | {} | {} | {} |\n",
            d.title.replace('|', "\\|"),
            d.id,
            d.year,
            d.script,
            t.cells()
        ));
    }
    out
}

#[test]
fn every_corpus_row_reads_as_marked() {
    let docs = documents();
    let update = std::env::var_os("UPDATE_CORPUS").is_some();
    let mut all = Vec::new();
    for d in &docs {
        assert!(doc_path(&d.id).exists(), "no file for document {}", d.id);
        let rs = rows(&d.id);
        assert!(!rs.is_empty(), "{}: no rows", d.id);
        if update {
            fill_marks(&d.id, &rs);
            all.extend(rows(&d.id));
        } else {
            all.extend(rs);
        }
    }
    // every file is a listed document
    for f in std::fs::read_dir(DIR).unwrap() {
        let name = f.unwrap().file_name().to_string_lossy().to_string();
        if let Some(id) = name.strip_suffix(".tsv").filter(|n| *n != "documents") {
            assert!(
                docs.iter().any(|d| d.id == id),
                "{name} is not in documents.tsv"
            );
        }
    }
    let bad: Vec<String> = all.iter().filter_map(check).collect();
    let text = coverage(&docs, &all);
    if update {
        std::fs::write(COVERAGE, &text).unwrap();
    }
    assert!(
        bad.is_empty(),
        "{} rows disagree with their marks:\n{}",
        bad.len(),
        bad.join("\n")
    );
    let on_disk = std::fs::read_to_string(COVERAGE).unwrap_or_default();
    assert!(
        on_disk == text,
        "rules/COVERAGE.md is out of date: run UPDATE_CORPUS=1 cargo test --test corpus"
    );
}

#[test]
fn the_corpus_is_large_enough() {
    let docs = documents();
    let distinct: std::collections::BTreeSet<String> = docs
        .iter()
        .flat_map(|d| rows(&d.id))
        .map(|r| r.target)
        .collect();
    assert!(docs.len() >= 30, "{} documents", docs.len());
    assert!(distinct.len() >= 500, "{} distinct targets", distinct.len());
    assert!(docs.iter().any(|d| d.script == "traditional"));
}
