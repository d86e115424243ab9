//! The stages import only downward: `syntax → predicate → rules → data → eval → report → cli`,
//! and the leaf modules (`types`, `span`, `diagnostic`) import no stage. A `crate::<module>` path
//! anywhere in a stage's files (doc comments included, unit tests excluded) counts as an import.

use std::collections::BTreeMap;
use std::path::Path;

const STAGES: [&str; 7] = [
    "syntax",
    "predicate",
    "rules",
    "data",
    "eval",
    "report",
    "cli",
];
const LEAVES: [&str; 3] = ["types", "span", "diagnostic"];

/// Top-level module → the `crate::` modules its files name.
fn imports() -> BTreeMap<String, Vec<(String, String)>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(&src).unwrap();
            let top = rel
                .components()
                .next()
                .unwrap()
                .as_os_str()
                .to_string_lossy();
            let top = top.trim_end_matches(".rs").to_string();
            if top == "lib" || top == "main" {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let text = text
                .split("#[cfg(test)]\nmod tests")
                .next()
                .unwrap_or_default();
            let mut rest = text;
            while let Some(i) = rest.find("crate::") {
                rest = &rest[i + "crate::".len()..];
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || *c == '_' || c.is_ascii_digit())
                    .collect();
                if !name.is_empty() && name != top {
                    out.entry(top.clone())
                        .or_default()
                        .push((name, rel.display().to_string()));
                }
            }
        }
    }
    out
}

#[test]
fn stages_import_only_downward() {
    let rank = |m: &str| STAGES.iter().position(|s| *s == m);
    let mut bad = Vec::new();
    for (module, deps) in imports() {
        for (dep, file) in deps {
            let back = match (rank(&module), rank(&dep)) {
                (Some(a), Some(b)) => b > a,
                // a leaf module names no stage
                _ => LEAVES.contains(&module.as_str()) && rank(&dep).is_some(),
            };
            if back {
                bad.push(format!("{file}: {module} → {dep}"));
            }
        }
    }
    bad.sort();
    bad.dedup();
    assert!(
        bad.is_empty(),
        "imports back up the pipeline ({}):\n{}",
        STAGES.join(" → "),
        bad.join("\n")
    );
}
