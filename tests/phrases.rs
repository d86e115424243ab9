//! The phrase table (`src/syntax/phrase.rs`) is the single source of the language's fixed phrases:
//! the grammar lists exactly its phrases in each family's rule, and `rules/README.md` carries the
//! table generated from it (`UPDATE_PHRASES=1 cargo test --test phrases` rewrites that block).

use std::collections::BTreeSet;

use zhibiao::syntax::phrase::{self, Family};

const GRAMMAR: &str = include_str!("../grammar/targets.pest");
const GUIDE: &str = "rules/README.md";
const BEGIN: &str = "<!-- phrase-table:begin -->\n";
const END: &str = "<!-- phrase-table:end -->";

/// The quoted literals of one grammar rule (`rule = @{ "a" | "b" … }`).
fn rule_literals(rule: &str) -> BTreeSet<String> {
    let start = GRAMMAR
        .find(&format!("\n{rule} "))
        .unwrap_or_else(|| panic!("no rule `{rule}` in the grammar"));
    let body = &GRAMMAR[start + 1..];
    let open = body.find('{').unwrap();
    let mut depth = 0;
    let mut end = open;
    for (i, c) in body[open..].char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    end = open + i;
                    break;
                }
            }
            _ => {}
        }
    }
    body[open..end]
        .split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

#[test]
fn grammar_lists_exactly_the_phrase_table() {
    for f in Family::ALL {
        let grammar = rule_literals(f.rule());
        let table: BTreeSet<String> = phrase::family(f).map(|p| p.text.to_string()).collect();
        assert_eq!(
            grammar,
            table,
            "grammar rule `{}` and the phrase table differ",
            f.rule()
        );
    }
}

#[test]
fn every_phrase_parses_to_its_meaning() {
    use zhibiao::syntax::phrase::Meaning;
    use zhibiao::syntax::{parse_target, ClauseKind, Expr};
    for f in [
        Family::Trend,
        Family::Requirement,
        Family::NegatedRequirement,
    ] {
        for p in phrase::family(f) {
            let t = parse_target(p.text).unwrap_or_else(|e| panic!("{}: {e}", p.text));
            let Expr::Conj(c) = &t.expr else {
                panic!("{}: not a clause", p.text)
            };
            let kind = &c.items[0].items[0].kind;
            match (p.meaning, kind) {
                (
                    Meaning::Trend(m, d),
                    ClauseKind::Trend {
                        mode, direction, ..
                    },
                ) => {
                    assert_eq!((m, d), (*mode, *direction), "{}", p.text)
                }
                (Meaning::Requirement, ClauseKind::Status { negated: false, .. })
                | (Meaning::NegatedRequirement, ClauseKind::Status { negated: true, .. }) => {}
                _ => panic!("{}: {kind:?}", p.text),
            }
        }
    }
}

#[test]
fn rule_author_guide_carries_the_generated_table() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(GUIDE);
    let text = std::fs::read_to_string(&path).unwrap();
    let start = text.find(BEGIN).expect("phrase-table:begin marker") + BEGIN.len();
    let end = text.find(END).expect("phrase-table:end marker");
    let want = phrase::markdown();
    if std::env::var_os("UPDATE_PHRASES").is_some() {
        let new = format!("{}{want}{}", &text[..start], &text[end..]);
        std::fs::write(&path, new).unwrap();
        return;
    }
    assert_eq!(
        &text[start..end],
        want,
        "{GUIDE} is out of date: UPDATE_PHRASES=1 cargo test --test phrases"
    );
}
