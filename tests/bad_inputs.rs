//! Bad inputs through the command line (`tests/data/bad-inputs.tsv`): every reproducer of the
//! hardening issue gives a clear error or the right verdict, never a panic, a hang or a silent
//! loss. Each row runs `zhibiao` in a fresh directory with its files and checks the exit code and
//! the text it must print.
#![cfg(feature = "cli")]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/bad-inputs");

/// The longest a row may run: a hang is a failure, not a slow test.
const LIMIT: Duration = Duration::from_secs(30);

struct Row {
    line: usize,
    name: String,
    files: String,
    args: String,
    exit: i32,
    expect: String,
}

fn rows() -> Vec<Row> {
    let text = include_str!("data/bad-inputs.tsv");
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.starts_with("#") && !l.starts_with("name\t") && !l.trim().is_empty())
        .map(|(i, l)| {
            let c: Vec<&str> = l.split('\t').collect();
            assert_eq!(c.len(), 5, "line {}: {} columns", i + 1, c.len());
            Row {
                line: i + 1,
                name: c[0].into(),
                files: c[1].into(),
                args: c[2].into(),
                exit: c[3].parse().unwrap(),
                expect: c[4].into(),
            }
        })
        .collect()
}

/// `\n`, `\r`, `\t`, `\\`, `\xHH` (a raw byte) and `\R{N}` (N more copies of the byte before).
fn unescape(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'\\' || i + 1 >= b.len() {
            out.push(b[i]);
            i += 1;
            continue;
        }
        match b[i + 1] {
            b'n' => out.push(b'\n'),
            b'r' => out.push(b'\r'),
            b't' => out.push(b'\t'),
            b'\\' => out.push(b'\\'),
            b'x' => {
                let hex = std::str::from_utf8(&b[i + 2..i + 4]).unwrap();
                out.push(u8::from_str_radix(hex, 16).unwrap());
                i += 2;
            }
            b'R' => {
                let end = s[i..].find('}').unwrap() + i;
                let n: usize = s[i + 3..end].parse().unwrap();
                let last = *out.last().unwrap();
                out.extend(std::iter::repeat_n(last, n));
                i = end - 1;
            }
            other => panic!("unknown escape \\{}", other as char),
        }
        i += 2;
    }
    out
}

/// Files: `name=<text>` (escapes as above), `name@fixture` (a copy of a fixture),
/// `name/` (an empty directory), `name->target` (a symlink), separated by ` || `.
fn make_files(dir: &Path, spec: &str) {
    for f in spec.split(" || ").filter(|f| *f != "-") {
        let name = f
            .split(['=', '@'])
            .next()
            .unwrap_or(f)
            .split("->")
            .next()
            .unwrap_or(f);
        if let Some(parent) = dir.join(name.trim_end_matches('/')).parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        if let Some((name, target)) = f.split_once("->") {
            #[cfg(unix)]
            std::os::unix::fs::symlink(target, dir.join(name)).unwrap();
            #[cfg(not(unix))]
            let _ = (name, target);
        } else if let Some(name) = f.strip_suffix('/') {
            std::fs::create_dir_all(dir.join(name)).unwrap();
        } else if let Some((name, fixture)) = f.split_once('@').filter(|(n, _)| !n.contains('=')) {
            std::fs::copy(Path::new(FIXTURES).join(fixture), dir.join(name)).unwrap();
        } else {
            let (name, text) = f.split_once('=').unwrap();
            std::fs::write(dir.join(name), unescape(text)).unwrap();
        }
    }
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("zhibiao-bad-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    timed_out: bool,
}

/// Run `zhibiao` in `dir`; an argument `>/dev/full` sends stdout to `/dev/full`.
fn run(dir: &Path, args: &str) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_zhibiao"));
    cmd.current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null());
    let out_path = dir.join(".stdout");
    let err_path = dir.join(".stderr");
    let mut stdout = std::fs::File::create(&out_path).unwrap();
    for a in args.split(' ').filter(|a| !a.is_empty()) {
        match a {
            ">/dev/full" => stdout = std::fs::File::create("/dev/full").unwrap(),
            _ => {
                cmd.arg(String::from_utf8(unescape(a)).unwrap());
            }
        }
    }
    cmd.stdout(stdout)
        .stderr(std::fs::File::create(&err_path).unwrap());
    let mut child = cmd.spawn().unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break Some(s);
        }
        if start.elapsed() > LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let read =
        |p: &Path| String::from_utf8_lossy(&std::fs::read(p).unwrap_or_default()).into_owned();
    Run {
        code: status.and_then(|s| s.code()),
        stdout: read(&out_path),
        stderr: read(&err_path),
        timed_out: status.is_none(),
    }
}

/// `stderr:<text>`, `stdout:<text>`, `!stdout:<text>` (must not appear), `file:<name>:<text>`
/// (the file holds it), `same:<name>` (the file is unchanged), joined by ` && `.
fn check(dir: &Path, r: &Run, expect: &str, before: &[(PathBuf, Vec<u8>)]) -> Vec<String> {
    let mut bad = Vec::new();
    for e in expect.split(" && ").filter(|e| *e != "-") {
        let (negate, e) = match e.strip_prefix('!') {
            Some(rest) => (true, rest),
            None => (false, e),
        };
        let (haystack, needle) = if let Some(t) = e.strip_prefix("stderr:") {
            (r.stderr.clone(), t.to_string())
        } else if let Some(t) = e.strip_prefix("stdout:") {
            (r.stdout.clone(), t.to_string())
        } else if let Some(t) = e.strip_prefix("file:") {
            let (name, t) = t.split_once(':').unwrap();
            let text = std::fs::read(dir.join(name)).unwrap_or_default();
            (String::from_utf8_lossy(&text).into_owned(), t.to_string())
        } else if let Some(name) = e.strip_prefix("same:") {
            let now = std::fs::read(dir.join(name)).unwrap_or_default();
            let was = before
                .iter()
                .find(|(p, _)| p.ends_with(name))
                .map(|(_, b)| b);
            if was != Some(&now) {
                bad.push(format!("`{name}` was changed"));
            }
            continue;
        } else {
            panic!("unknown expectation `{e}`");
        };
        let needle = String::from_utf8(unescape(&needle)).unwrap();
        if haystack.contains(&needle) == negate {
            let what = if negate { "must not contain" } else { "lacks" };
            bad.push(format!("{what} `{needle}`"));
        }
    }
    bad
}

#[test]
fn every_bad_input_is_handled() {
    let mut failures = Vec::new();
    for row in rows() {
        let dir = scratch(&row.name);
        make_files(&dir, &row.files);
        let before: Vec<(PathBuf, Vec<u8>)> = std::fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.path().is_file())
            .map(|e| (e.path(), std::fs::read(e.path()).unwrap()))
            .collect();
        let r = run(&dir, &row.args);
        let mut bad = Vec::new();
        if r.timed_out {
            bad.push(format!("still running after {LIMIT:?}"));
        }
        if r.code != Some(row.exit) {
            bad.push(format!("exit {:?}, expected {}", r.code, row.exit));
        }
        if r.stderr.contains("panicked") || r.code == Some(101) {
            bad.push("panicked".into());
        }
        bad.extend(check(&dir, &r, &row.expect, &before));
        if !bad.is_empty() {
            failures.push(format!(
                "line {} `{}`: {}\n  stdout: {}\n  stderr: {}",
                row.line,
                row.name,
                bad.join("; "),
                r.stdout.chars().take(600).collect::<String>(),
                r.stderr.chars().take(600).collect::<String>()
            ));
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
