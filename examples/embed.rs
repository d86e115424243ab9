//! Embedding zhibiao: load a shipped indicator system and its demo data, evaluate every region
//! on all cores, and print each region's verdict with the reason.
//!
//! ```sh
//! cargo run --example embed
//! ```

use std::path::Path;

use zhibiao::data::{read_measurements, read_regions};
use zhibiao::eval::Evaluator;
use zhibiao::{Lang, RuleSet};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let src = std::fs::read_to_string(root.join("rules/seeds/shengzhou-2024.zb"))?;
    let rules = RuleSet::parse(&src)?;
    let dir = root.join("examples/data/shengzhou-2024");
    let mut data = read_measurements(&dir.join("measurements.csv"), &rules)?;
    read_regions(&dir.join("regions.csv"), &rules, &mut data)?;
    let year = data.latest_year.ok_or("no data")?;
    // compile once, bind to the data once, evaluate every region on all cores
    let program = rules.compile();
    let evaluator = Evaluator::new(&program, &data);
    for result in evaluator.evaluate_all(year, Some(Lang::Zh)) {
        println!("{} {year}: {}", result.region, result.summary(Lang::Zh));
    }
    Ok(())
}
