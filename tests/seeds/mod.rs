//! The five seed systems and their demo data, shared by the workbook tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use zhibiao::data::{read_measurements, read_regions, Dataset};
use zhibiao::RuleSet;

/// The seed systems (rule file `rules/seeds/<name>.zb`, demo data `examples/data/<name>/`).
pub const SYSTEMS: [&str; 5] = [
    "shengzhou-2024",
    "daxinganling-2022",
    "lianshan-2017",
    "zaoyang-2021",
    "baoshan-2017",
];

/// The repository's root.
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A seed system's rules.
pub fn rules(system: &str) -> RuleSet {
    let src = std::fs::read_to_string(root().join(format!("rules/seeds/{system}.zb"))).unwrap();
    RuleSet::parse(&src).unwrap()
}

/// A seed system's demo data directory.
pub fn data_dir(system: &str) -> PathBuf {
    root().join(format!("examples/data/{system}"))
}

/// A demo data file of a seed system read with its regions file.
pub fn read(system: &str, rules: &RuleSet, file: &str) -> Dataset {
    let dir = data_dir(system);
    let mut ds = read_measurements(&dir.join(file), rules).unwrap();
    read_regions(&dir.join("regions.csv"), rules, &mut ds).unwrap();
    ds
}
