//! Replays every saved fuzz input (`fuzz/regressions/<target>/`, crashes found and fixed) and
//! every seed (`fuzz/seeds/<target>/`) through the fuzz targets' checks, on stable, in
//! `cargo test`.

mod fuzz_checks;

use std::path::Path;

fn replay(target: &str, check: fn(&[u8])) -> usize {
    let mut n = 0;
    for dir in ["regressions", "seeds"] {
        let d = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fuzz")
            .join(dir)
            .join(target);
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        let mut files: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        files.sort();
        for f in files.iter().filter(|f| f.is_file()) {
            let bytes = std::fs::read(f).unwrap();
            let name = f.display().to_string();
            let r = std::panic::catch_unwind(|| check(&bytes));
            assert!(r.is_ok(), "{name} fails its fuzz check");
            n += 1;
        }
    }
    n
}

#[test]
fn target_inputs_replay() {
    assert!(replay("target_text", fuzz_checks::target_text) > 0);
}

#[test]
fn rule_file_inputs_replay() {
    assert!(replay("rule_file", fuzz_checks::rule_file) > 0);
}

#[test]
fn data_file_inputs_replay() {
    assert!(replay("data_file", fuzz_checks::data_file) > 0);
}

#[cfg(feature = "xlsx")]
#[test]
fn workbook_file_inputs_replay() {
    assert!(replay("workbook_file", fuzz_checks::workbook_file) > 0);
}
