//! National scale, end to end: the `zhibiao eval` command line on a generated national panel,
//! against a floor that only reads the same CSV and parses its numbers.
//!
//! The panel: 2,844 county-level regions × 10 years (2015–2024) × every indicator with a target
//! of `rules/seeds/shengzhou-2024.zb` (the ideas of `benches/national.rs`: a deterministic LCG,
//! a yearly series per indicator drifting around its threshold, about a quarter of model regions
//! whose data pass, status words for status targets, superior targets in the `target` column,
//! named series, `veto:` and `event:` rows where the rules read them, about 1 % of the rows
//! left out), plus a regions file giving every region a class on every dimension. Scales ×1,
//! ×4 and ×16 multiply the regions.
//!
//! For each scale three child processes are timed, each run `ZB_E2E_RUNS` times (default 3; the
//! best wall time is reported, all are printed): the baseline (this binary re-executed with
//! `ZB_E2E_BASELINE=<csv>`: read the CSV with the `csv` crate and parse every numeric `value` and
//! `target` cell as a `rust_decimal::Decimal`), `zhibiao eval … --format json -o FILE` and
//! `zhibiao eval … --format table -o FILE`. Peak RSS is the last `VmHWM` read from
//! `/proc/<pid>/status`, polled every 5 ms while the child runs (so a peak reached in the last
//! few milliseconds can be missed; Linux only, "n/a" elsewhere).
//!
//! Run (build the CLI first; the bench does not build it):
//!
//! ```sh
//! cargo build --release --bin zhibiao
//! ZB_E2E_SCALES=1,4 cargo bench --bench e2e
//! ```
//!
//! Environment: `ZB_E2E_SCALES` (default `1,4,16`), `ZB_E2E_TIMEOUT_SECS` (per run, default
//! 300; the child is killed and the row says "timeout", and larger scales skip that command),
//! `ZB_E2E_RUNS` (default 3), `ZB_BIN` (the `zhibiao` binary; default
//! `$CARGO_TARGET_DIR/release/zhibiao` or `target/release/zhibiao`), `ZB_E2E_RULES` (another
//! rule file), `ZB_E2E_DATA` (where the generated files and outputs go; default
//! `<target dir>/e2e-data`).

mod common;
use common::{county_kind, dec, needs, target_for, Lcg, Needs};

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::{Duration, Instant, SystemTime};

use rust_decimal::Decimal;
use zhibiao::predicate::Polarity;
use zhibiao::RuleSet;

const REGIONS: usize = 2_844;
const FIRST_YEAR: i32 = 2015;
const YEAR: i32 = 2024;
const YEARS: usize = (YEAR - FIRST_YEAR + 1) as usize;
const SEED: u64 = 2844;

fn main() -> ExitCode {
    if let Some(csv) = std::env::var_os("ZB_E2E_BASELINE") {
        return baseline(Path::new(&csv));
    }
    match bench() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("e2e: {e}");
            ExitCode::FAILURE
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The baseline child: read the CSV, parse the numbers.

fn baseline(path: &Path) -> ExitCode {
    match read_numbers(path) {
        Ok((rows, numbers, words, sum)) => {
            println!("{rows} rows, {numbers} numbers, {words} words, sum {sum}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("baseline: {}: {e}", path.display());
            ExitCode::FAILURE
        }
    }
}

fn read_numbers(path: &Path) -> Result<(u64, u64, u64, Decimal), Box<dyn std::error::Error>> {
    let mut rdr = csv::ReaderBuilder::new().flexible(true).from_path(path)?;
    let headers = rdr.headers()?.clone();
    let col = |name: &str| headers.iter().position(|h| h.trim() == name);
    let cols: Vec<usize> = [col("value"), col("target")]
        .into_iter()
        .flatten()
        .collect();
    if cols.is_empty() {
        return Err("no `value` column".into());
    }
    let (mut rows, mut numbers, mut words, mut sum) = (0u64, 0u64, 0u64, Decimal::ZERO);
    let mut rec = csv::StringRecord::new();
    while rdr.read_record(&mut rec)? {
        rows += 1;
        for &i in &cols {
            let cell = rec.get(i).unwrap_or("").trim();
            if cell.is_empty() {
                continue;
            }
            match cell.parse::<Decimal>() {
                Ok(d) => {
                    numbers += 1;
                    sum = sum.saturating_add(d);
                }
                Err(_) => words += 1,
            }
        }
    }
    Ok((rows, numbers, words, sum))
}

// ---------------------------------------------------------------------------------------------
// Generating the panel.

/// Sizes of what was generated.
#[derive(Default)]
struct Generated {
    rows: u64,
    regions: usize,
}

/// Write `measurements` and `regions` CSVs for `n` regions. Region `k` is the same at every
/// scale (one LCG stream, regions in order), so ×4 holds ×1 as its first quarter.
fn generate(
    rules: &RuleSet,
    n: usize,
    measurements: &Path,
    regions: &Path,
) -> Result<Generated, Box<dyn std::error::Error>> {
    let mut rng = Lcg(SEED);
    let plans: Vec<(&zhibiao::rules::Indicator, Needs)> = rules
        .indicators
        .iter()
        .filter_map(|i| i.predicate.as_ref().map(|p| (i, needs(p))))
        .collect();
    let events: BTreeSet<&str> = plans
        .iter()
        .flat_map(|(_, n)| n.events.iter().map(String::as_str))
        .collect();
    let mut m = csv::Writer::from_path(measurements)?;
    let mut r = csv::Writer::from_path(regions)?;
    m.write_record(["region", "indicator", "year", "value", "target"])?;
    r.write_record(["region", "classes"])?;
    let width = (n - 1).to_string().len().max(4);
    let mut out = Generated {
        regions: n,
        ..Generated::default()
    };
    let mut row = |m: &mut csv::Writer<std::fs::File>,
                   rng: &mut Lcg,
                   region: &str,
                   cell: &str,
                   year: i32,
                   value: &str,
                   target: &str|
     -> csv::Result<()> {
        // about 1 % of the rows are missing (数据不足 where a verdict needs them)
        if rng.unit() < 0.01 {
            return Ok(());
        }
        out.rows += 1;
        m.write_record([region, cell, &year.to_string(), value, target])
    };
    for k in 0..n {
        let region = format!("县{k:0width$}");
        let good = rng.unit() < 0.25;
        let mut classes: Vec<&str> = Vec::new();
        for d in &rules.dimensions {
            if d.name == "特征" {
                // features: any subset, at least one (no 特征 class at all is 数据不足)
                let before = classes.len();
                for c in &d.classes {
                    if rng.unit() < 0.5 {
                        classes.push(c);
                    }
                }
                if classes.len() == before {
                    classes.push(rng.pick(d.classes.as_slice()).as_str());
                }
            } else if d.name == "行政区划" {
                classes.push(county_kind(&mut rng));
            } else {
                classes.push(rng.pick(d.classes.as_slice()).as_str());
            }
        }
        r.write_record([region.as_str(), &classes.join(";")])?;

        for (ind, nd) in &plans {
            let percent = ind.unit.as_deref() == Some("%");
            let good_up = ind.polarity != Some(Polarity::Lower);
            let base = nd
                .threshold
                .map(|t| t.to_string().parse::<f64>().unwrap_or(50.0))
                .unwrap_or(if percent { 85.0 } else { 30.0 });
            let places = if base.abs() < 2.0 { 3 } else { 1 };
            if nd.own_numeric {
                let s = common::series(&mut rng, base, good_up, percent, good, YEARS);
                for (y, v) in (FIRST_YEAR..).zip(s) {
                    let target = if nd.own_target {
                        dec(target_for(&mut rng, v, good, good_up, percent), places).to_string()
                    } else {
                        String::new()
                    };
                    let value = dec(v, places).to_string();
                    row(&mut m, &mut rng, &region, &ind.id, y, &value, &target)?;
                }
            }
            for q in &nd.named_values {
                let q_up = ind
                    .quantity_polarity
                    .iter()
                    .find(|(name, _)| name == q)
                    .map_or(good_up, |(_, p)| *p != Polarity::Lower);
                let cell = format!("{}:{q}", ind.id);
                let s = common::series(&mut rng, base, q_up, percent, good, YEARS);
                for (y, v) in (FIRST_YEAR..).zip(s) {
                    let target = if nd.named_targets.contains(q) {
                        // a named quantity's superior target is a cap
                        dec(target_for(&mut rng, v, good, false, false), places).to_string()
                    } else {
                        String::new()
                    };
                    let value = dec(v, places).to_string();
                    row(&mut m, &mut rng, &region, &cell, y, &value, &target)?;
                }
            }
            if let Some((req, q)) = &nd.status {
                let cell = match q {
                    None => ind.id.clone(),
                    Some(q) => format!("{}:{q}", ind.id),
                };
                for y in FIRST_YEAR..=YEAR {
                    let w = common::status_word(&mut rng, req, good);
                    row(&mut m, &mut rng, &region, &cell, y, &w, "")?;
                }
            }
            if nd.qualitative {
                for y in FIRST_YEAR..=YEAR {
                    let u = if good { 0.6 * rng.unit() } else { rng.unit() };
                    let w = *rng.pick(if u < 0.7 {
                        &["达标", "是"]
                    } else {
                        &["未达标", "否"]
                    });
                    row(&mut m, &mut rng, &region, &ind.id, y, w, "")?;
                }
            }
        }
        for e in &events {
            let cell = format!("event:{e}");
            for y in FIRST_YEAR..=YEAR {
                let w = if good || rng.unit() < 0.97 {
                    "否"
                } else {
                    "是"
                };
                row(&mut m, &mut rng, &region, &cell, y, w, "")?;
            }
        }
        for v in &rules.vetoes {
            let cell = format!("veto:{}", v.id);
            for y in FIRST_YEAR..=YEAR {
                let w = if good || rng.unit() < 0.995 {
                    "否"
                } else {
                    "是"
                };
                row(&mut m, &mut rng, &region, &cell, y, w, "")?;
            }
        }
    }
    m.flush()?;
    r.flush()?;
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Measuring child processes.

#[derive(Clone, Copy, PartialEq)]
enum Outcome {
    Ok,
    Timeout,
    Failed(Option<i32>),
}

struct Measured {
    wall: Duration,
    /// Peak resident set (VmHWM), KiB.
    rss_kib: Option<u64>,
    outcome: Outcome,
}

fn vm_hwm_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.trim_start_matches("VmHWM:")
        .trim()
        .trim_end_matches("kB")
        .trim()
        .parse()
        .ok()
}

/// Run `cmd` to completion (or until `timeout`), its stdout and stderr into files.
fn measure(
    cmd: &mut Command,
    stdout: &Path,
    stderr: &Path,
    timeout: Duration,
) -> std::io::Result<Measured> {
    cmd.stdin(Stdio::null())
        .stdout(std::fs::File::create(stdout)?)
        .stderr(std::fs::File::create(stderr)?);
    let start = Instant::now();
    let mut child = cmd.spawn()?;
    let pid = child.id();
    let mut rss = None;
    let mut last_poll: Option<Instant> = None;
    loop {
        // waitpid(WNOHANG) every millisecond keeps the wall time within ~1 ms; /proc every 5 ms
        if let Some(status) = child.try_wait()? {
            let wall = start.elapsed();
            let outcome = if status.success() {
                Outcome::Ok
            } else {
                Outcome::Failed(status.code())
            };
            return Ok(Measured {
                wall,
                rss_kib: rss,
                outcome,
            });
        }
        if last_poll.is_none_or(|t| t.elapsed() >= Duration::from_millis(5)) {
            if let Some(v) = vm_hwm_kib(pid) {
                rss = Some(v);
            }
            last_poll = Some(Instant::now());
        }
        if start.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            return Ok(Measured {
                wall: start.elapsed(),
                rss_kib: rss,
                outcome: Outcome::Timeout,
            });
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// What one command produced over its runs at one scale.
struct Row {
    what: String,
    walls: Vec<Duration>,
    rss_kib: Option<u64>,
    outcome: Outcome,
    output_bytes: Option<u64>,
}

impl Row {
    fn best(&self) -> Option<Duration> {
        (self.outcome == Outcome::Ok)
            .then(|| self.walls.iter().min().copied())
            .flatten()
    }
}

fn mib(bytes: f64) -> f64 {
    bytes / (1024.0 * 1024.0)
}

fn print_table(scale: usize, gen: &Generated, csv_bytes: u64, rows: &[Row], timeout: Duration) {
    println!();
    println!(
        "### ×{scale}: {} regions, {} data rows, CSV {:.1} MiB",
        gen.regions,
        gen.rows,
        mib(csv_bytes as f64)
    );
    println!();
    println!(
        "| what | wall (s) | peak RSS (MiB) | ratio to baseline wall | RSS / CSV size | all runs (s) |"
    );
    println!("| --- | ---: | ---: | ---: | ---: | --- |");
    let base = rows.first().and_then(Row::best);
    for r in rows {
        let runs = r
            .walls
            .iter()
            .map(|w| format!("{:.3}", w.as_secs_f64()))
            .collect::<Vec<_>>()
            .join(", ");
        let wall = match (r.outcome, r.best()) {
            (Outcome::Ok, Some(b)) => format!("{:.3}", b.as_secs_f64()),
            (Outcome::Timeout, _) => format!("timeout (> {} s)", timeout.as_secs()),
            (Outcome::Failed(code), _) => format!("failed (exit {code:?})"),
            _ => "-".into(),
        };
        // a run that was killed had not reached its peak: "at least"
        let at_least = if r.outcome == Outcome::Ok { "" } else { "≥ " };
        let rss = r.rss_kib.map_or("n/a".into(), |k| {
            format!("{at_least}{:.1}", k as f64 / 1024.0)
        });
        let ratio = match (r.best(), base) {
            (Some(w), Some(b)) if !b.is_zero() => {
                format!("{:.1}×", w.as_secs_f64() / b.as_secs_f64())
            }
            _ => "-".into(),
        };
        let per_csv = r.rss_kib.map_or("n/a".into(), |k| {
            format!("{at_least}{:.2}×", (k * 1024) as f64 / csv_bytes as f64)
        });
        let runs = if r.walls.is_empty() {
            "skipped".to_string()
        } else {
            runs
        };
        println!(
            "| {} | {wall} | {rss} | {ratio} | {per_csv} | {runs} |",
            r.what
        );
    }
    for r in rows {
        if let Some(b) = r.output_bytes {
            println!("{}: output {:.1} MiB", r.what, mib(b as f64));
        }
    }
    let _ = std::io::stdout().flush();
}

// ---------------------------------------------------------------------------------------------
// The driver.

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> Result<T, String> {
    match std::env::var(name) {
        Ok(s) if !s.trim().is_empty() => s
            .trim()
            .parse()
            .map_err(|_| format!("{name}=`{s}` cannot be read")),
        _ => Ok(default),
    }
}

fn target_dir(manifest: &Path) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(d) if !d.is_empty() => manifest.join(d),
        _ => manifest.join("target"),
    }
}

/// The newest modification time of the files below `dir`.
fn newest(dir: &Path) -> Option<SystemTime> {
    let mut best = None;
    for e in std::fs::read_dir(dir).ok()?.flatten() {
        let p = e.path();
        let t = if p.is_dir() {
            newest(&p)
        } else {
            e.metadata().and_then(|m| m.modified()).ok()
        };
        best = best.max(t);
    }
    best
}

fn label(v: &serde_json::Value) -> String {
    v.as_str().map_or_else(|| v.to_string(), str::to_string)
}

/// Indicator and region verdicts in a JSON report, and its unused rows.
fn tally(json: &Path) -> Result<String, Box<dyn std::error::Error>> {
    let v: serde_json::Value =
        serde_json::from_reader(std::io::BufReader::new(std::fs::File::open(json)?))?;
    let mut regions: BTreeMap<String, u64> = BTreeMap::new();
    let mut indicators: BTreeMap<String, u64> = BTreeMap::new();
    let mut unused = 0u64;
    for r in v["regions"].as_array().ok_or("no `regions` array")? {
        *regions.entry(label(&r["verdict"])).or_default() += 1;
        for i in r["indicators"].as_array().into_iter().flatten() {
            *indicators.entry(label(&i["verdict"])).or_default() += 1;
        }
        // one entry per row, or (newer reports) per group of rows with a `count`
        for u in r["unused_rows"].as_array().into_iter().flatten() {
            unused += u["count"].as_u64().unwrap_or(1);
        }
    }
    Ok(format!(
        "region verdicts {regions:?}; indicator verdicts {indicators:?}; unused rows listed {unused}"
    ))
}

fn bench() -> Result<(), Box<dyn std::error::Error>> {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    let scales: Vec<usize> = env_or("ZB_E2E_SCALES", "1,4,16".to_string())?
        .split(',')
        .map(|s| s.trim().parse::<usize>())
        .collect::<Result<_, _>>()
        .map_err(|_| "ZB_E2E_SCALES must be a comma-separated list such as 1,4,16")?;
    if scales.contains(&0) {
        return Err("ZB_E2E_SCALES: a scale must be at least 1".into());
    }
    let timeout = Duration::from_secs(env_or("ZB_E2E_TIMEOUT_SECS", 300u64)?);
    let runs: usize = env_or("ZB_E2E_RUNS", 3usize)?.max(1);
    let target = target_dir(manifest);
    let given = std::env::var_os("ZB_BIN").filter(|b| !b.is_empty());
    let bin = given
        .clone()
        .map_or_else(|| target.join("release").join("zhibiao"), PathBuf::from);
    if !bin.is_file() {
        eprintln!(
            "e2e: no zhibiao binary at `{}`.\n  Build it with the same target dir first:\n    CARGO_TARGET_DIR={} cargo build --release --bin zhibiao\n  or point ZB_BIN=/path/to/zhibiao at one.",
            bin.display(),
            target.display()
        );
        return Err("zhibiao binary missing".into());
    }
    // a binary built here from an older src/ measures old code (ZB_BIN may be any build)
    if let (None, Ok(built), Some(src)) = (
        &given,
        std::fs::metadata(&bin).and_then(|m| m.modified()),
        newest(&manifest.join("src")),
    ) {
        if src > built {
            eprintln!(
                "e2e: warning: `{}` is older than the newest file in src/; rebuild it to measure the current code",
                bin.display()
            );
        }
    }
    let rules_path = match std::env::var_os("ZB_E2E_RULES") {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => manifest.join("rules/seeds/shengzhou-2024.zb"),
    };
    let src = std::fs::read_to_string(&rules_path)
        .map_err(|e| format!("{}: {e}", rules_path.display()))?;
    let rules = RuleSet::parse(&src).map_err(|e| format!("{}: {e:?}", rules_path.display()))?;
    let data = match std::env::var_os("ZB_E2E_DATA") {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ => target.join("e2e-data"),
    };
    std::fs::create_dir_all(&data)?;
    let me = std::env::current_exe()?;
    println!(
        "e2e: rules {} ({} indicators with a target, {} dimensions, {} vetoes); zhibiao {}; data in {}; timeout {} s per run, {runs} runs",
        rules_path.display(),
        rules.indicators.iter().filter(|i| i.predicate.is_some()).count(),
        rules.dimensions.len(),
        rules.vetoes.len(),
        bin.display(),
        data.display(),
        timeout.as_secs()
    );

    // a command that timed out (or failed) at one scale is not run at larger ones
    let mut given_up: BTreeSet<&str> = BTreeSet::new();
    for &scale in &scales {
        let n = REGIONS * scale;
        let meas = data.join(format!("measurements-x{scale}.csv"));
        let regs = data.join(format!("regions-x{scale}.csv"));
        let t = Instant::now();
        let gen = generate(&rules, n, &meas, &regs)?;
        let csv_bytes = std::fs::metadata(&meas)?.len();
        println!(
            "\n×{scale}: generated {} ({} rows, {:.1} MiB) and {} in {:.1} s",
            meas.display(),
            gen.rows,
            mib(csv_bytes as f64),
            regs.display(),
            t.elapsed().as_secs_f64()
        );
        let _ = std::io::stdout().flush();

        let mut rows = Vec::new();
        for what in [
            "baseline: csv + Decimal",
            "zhibiao eval --format json",
            "zhibiao eval --format table",
        ] {
            let (tag, ext) = match what {
                w if w.starts_with("baseline") => ("baseline", "txt"),
                w if w.ends_with("json") => ("json", "json"),
                _ => ("table", "txt"),
            };
            let out = data.join(format!("out-{tag}-x{scale}.{ext}"));
            let stdout = data.join(format!("out-{tag}-x{scale}.stdout"));
            let stderr = data.join(format!("out-{tag}-x{scale}.stderr"));
            let mut row = Row {
                what: what.to_string(),
                walls: Vec::new(),
                rss_kib: None,
                outcome: Outcome::Ok,
                output_bytes: None,
            };
            if given_up.contains(tag) {
                rows.push(row);
                continue;
            }
            for run in 0..runs {
                let mut cmd = if tag == "baseline" {
                    let mut c = Command::new(&me);
                    c.env("ZB_E2E_BASELINE", &meas);
                    c
                } else {
                    let mut c = Command::new(&bin);
                    c.arg("eval")
                        .arg(&rules_path)
                        .arg(&meas)
                        .arg("--regions")
                        .arg(&regs)
                        .arg("--format")
                        .arg(tag)
                        .arg("-o")
                        .arg(&out);
                    c
                };
                let m = measure(&mut cmd, &stdout, &stderr, timeout)?;
                eprintln!(
                    "  ×{scale} {what} run {}: {:.3} s, VmHWM {} MiB{}",
                    run + 1,
                    m.wall.as_secs_f64(),
                    m.rss_kib
                        .map_or("n/a".into(), |k| format!("{:.1}", k as f64 / 1024.0)),
                    match m.outcome {
                        Outcome::Ok => String::new(),
                        Outcome::Timeout => " (timeout, killed)".into(),
                        Outcome::Failed(c) => format!(" (failed, exit {c:?})"),
                    }
                );
                row.walls.push(m.wall);
                row.rss_kib = row.rss_kib.max(m.rss_kib);
                if m.outcome != Outcome::Ok {
                    row.outcome = m.outcome;
                    given_up.insert(tag);
                    if let Outcome::Failed(_) = m.outcome {
                        let e = std::fs::read_to_string(&stderr).unwrap_or_default();
                        eprintln!("  stderr of the failed run:\n{}", head(&e, 20));
                    }
                    break;
                }
                if run == 0 {
                    // what the child said: warnings from zhibiao, the baseline's counts
                    let e = std::fs::read_to_string(&stderr).unwrap_or_default();
                    if !e.trim().is_empty() {
                        eprintln!("  ×{scale} {what} stderr:\n{}", head(&e, 10));
                    }
                    if tag == "baseline" {
                        let o = std::fs::read_to_string(&stdout).unwrap_or_default();
                        eprintln!("  ×{scale} baseline read {}", o.trim());
                    }
                    if tag == "json" {
                        let size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
                        if size <= 512 << 20 {
                            match tally(&out) {
                                Ok(t) => eprintln!("  ×{scale} {t}"),
                                Err(e) => eprintln!("  ×{scale} cannot read the JSON report: {e}"),
                            }
                        }
                    }
                }
            }
            if tag != "baseline" && row.outcome == Outcome::Ok {
                row.output_bytes = std::fs::metadata(&out).map(|m| m.len()).ok();
            }
            rows.push(row);
        }
        print_table(scale, &gen, csv_bytes, &rows, timeout);
    }
    Ok(())
}

fn head(text: &str, lines: usize) -> String {
    let mut out: Vec<&str> = text.lines().take(lines).collect();
    let total = text.lines().count();
    let more = format!("    … {} more lines", total.saturating_sub(lines));
    if total > lines {
        out.push(&more);
    }
    out.iter()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}
