//! The same `≥20` check in general-purpose expression engines, beside zhibiao's compiled
//! predicate and a hand-written closure.
//!
//! Build and run (outside the repo's target dir):
//!   cd benches/peers && cargo run --release
//!
//! Each engine evaluates 1,000,000 values per run (1,000 distinct values looped 1,000×);
//! the figure is the median of RUNS runs, in ns per value. Every engine's pass count is
//! checked against the closure's.

use std::hint::black_box;
use std::time::Instant;

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;

const DISTINCT: usize = 1_000;
const LOOPS: usize = 1_000;
const RUNS: usize = 7;
const YEAR: i32 = 2024;

struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

/// Median over RUNS of ns/value for `f`, which must evaluate DISTINCT × LOOPS values and
/// return the number that passed.
fn time(name: &str, expect: usize, mut f: impl FnMut() -> usize) -> f64 {
    // warm-up and correctness check
    let n = f();
    assert_eq!(n, expect * LOOPS, "{name}: wrong pass count");
    let mut runs: Vec<f64> = (0..RUNS)
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed().as_nanos() as f64 / (DISTINCT * LOOPS) as f64
        })
        .collect();
    runs.sort_by(|a, b| a.partial_cmp(b).unwrap());
    runs[RUNS / 2]
}

fn main() {
    let mut rng = Lcg(20);
    let values: Vec<Decimal> = (0..DISTINCT)
        .map(|_| Decimal::new((rng.next() % 400) as i64, 1))
        .collect();
    let floats: Vec<f64> = values.iter().map(|d| d.to_f64().unwrap()).collect();
    let twenty = Decimal::from(20);
    let expect = values.iter().filter(|v| **v >= twenty).count();
    let mut results: Vec<(&str, f64)> = Vec::new();

    // 1. closure on Decimal (the practical limit)
    results.push((
        "closure (Decimal ≥ 20)",
        time("closure", expect, || {
            let mut n = 0;
            for _ in 0..LOOPS {
                for v in black_box(&values) {
                    n += (*v >= twenty) as usize;
                }
            }
            n
        }),
    ));

    // 2. zhibiao: compiled predicate, verdict-only path, value read from RegionData
    {
        use zhibiao::eval::{Context, RegionData, Value, Verdict};
        let p: zhibiao::Predicate = "≥20".parse().unwrap();
        let regions: Vec<RegionData> = values
            .iter()
            .map(|v| {
                let mut r = RegionData::new("x");
                r.set_value("1", YEAR, Value::Number(*v));
                r
            })
            .collect();
        results.push((
            "zhibiao Context::verdict (≥20)",
            time("zhibiao", expect, || {
                let mut n = 0;
                for _ in 0..LOOPS {
                    for r in black_box(&regions) {
                        n += (Context::new(r, "1", YEAR).verdict(&p) == Verdict::Pass) as usize;
                    }
                }
                n
            }),
        ));
    }

    // 3. zen-expression: unary expression `>= 20` on `$`, Decimal numbers
    {
        use zen_expression::variable::Variable;
        use zen_expression::vm::VM;
        use zen_expression::Scope;
        let expr = zen_expression::compile_unary_expression(">= 20").unwrap();
        let mut vm = VM::new();
        let mut scope = Scope::new(Variable::Null);
        results.push((
            "zen-expression 2.1 evaluate_with_scope (>= 20)",
            time("zen", expect, || {
                let mut n = 0;
                for _ in 0..LOOPS {
                    for v in black_box(&values) {
                        scope.set_local(Variable::dollar_key(), Variable::Number(*v));
                        n += expr.evaluate_with_scope(&scope, &mut vm).unwrap() as usize;
                    }
                }
                n
            }),
        ));
    }

    // 4. cel-interpreter: `x >= 20.0`, doubles
    {
        use cel_interpreter::{Context, Program, Value};
        let program = Program::compile("x >= 20.0").unwrap();
        let mut ctx = Context::default();
        results.push((
            "cel-interpreter 0.10 execute (x >= 20.0)",
            time("cel", expect, || {
                let mut n = 0;
                for _ in 0..LOOPS {
                    for v in black_box(&floats) {
                        ctx.add_variable_from_value("x", *v);
                        n += (program.execute(&ctx).unwrap() == Value::Bool(true)) as usize;
                    }
                }
                n
            }),
        ));
    }

    // 5. rhai: `x >= 20.0`, f64
    {
        let engine = rhai::Engine::new();
        let ast = engine.compile_expression("x >= 20.0").unwrap();
        let mut scope = rhai::Scope::new();
        scope.push("x", 0.0_f64);
        results.push((
            "rhai 1.27 eval_ast_with_scope (x >= 20.0)",
            time("rhai", expect, || {
                let mut n = 0;
                for _ in 0..LOOPS {
                    for v in black_box(&floats) {
                        scope.set_value("x", *v);
                        n += engine
                            .eval_ast_with_scope::<bool>(&mut scope, &ast)
                            .unwrap() as usize;
                    }
                }
                n
            }),
        ));
    }

    // 6. fasteval2: compiled `x >= 20` (f64; comparisons return 1.0/0.0)
    {
        use fasteval2::{Compiler, Evaler};
        let parser = fasteval2::Parser::new();
        let mut slab = fasteval2::Slab::new();
        let compiled = parser
            .parse("x >= 20", &mut slab.ps)
            .unwrap()
            .from(&slab.ps)
            .compile(&slab.ps, &mut slab.cs, &mut fasteval2::EmptyNamespace);
        results.push((
            "fasteval2 2.1 compiled eval (x >= 20)",
            time("fasteval2", expect, || {
                let mut n = 0;
                for _ in 0..LOOPS {
                    for v in black_box(&floats) {
                        let x = *v;
                        let mut ns =
                            |name: &str, _args: Vec<f64>| if name == "x" { Some(x) } else { None };
                        n += (compiled.eval(&slab, &mut ns).unwrap() == 1.0) as usize;
                    }
                }
                n
            }),
        ));
    }

    let base = results[0].1;
    println!(
        "{:<48} {:>12} {:>14}",
        "engine (1,000,000 values, median of 7 runs)", "ns/value", "× closure"
    );
    for (name, ns) in &results {
        println!("{:<48} {:>12.2} {:>14.1}", name, ns, ns / base);
    }
    let zb = results[1].1;
    println!();
    for (name, ns) in results.iter().skip(2) {
        let r = ns / zb;
        if r >= 1.0 {
            println!("{name}: zhibiao is {r:.1}× faster");
        } else {
            println!("{name}: zhibiao is {:.1}× slower", 1.0 / r);
        }
    }
}
