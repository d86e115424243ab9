//! `zhibiao template`: the data-entry workbook (or CSV) of a rule set.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{lang, load_rules, LangArg};
use crate::data::Dataset;
use crate::report::{default_region, template_csv};
use crate::types::{MAX_YEARS, YEARS};

/// `zhibiao template` arguments.
#[derive(Debug, clap::Args)]
pub struct TemplateArgs {
    /// Indicator file (.zb).
    pub rules: PathBuf,
    /// Regions file (CSV or .json): one column per region, in its order.
    #[arg(long)]
    pub regions: Option<PathBuf>,
    /// A region's name (repeat, or separate names with commas); without `--regions` or
    /// `--region`, one region named 本地区.
    #[arg(long = "region", value_delimiter = ',')]
    pub region: Vec<String>,
    /// Years: `2023-2024`, `2022,2024` or `2024` (with `--data`, the data's years if not given).
    #[arg(long, required_unless_present = "data")]
    pub years: Option<String>,
    /// Measurements (CSV, JSON or a workbook) to fill the sheets per year with: the data turned
    /// into the workbook (`-o FILE.xlsx`); its regions and years unless others are given.
    #[arg(long)]
    pub data: Option<PathBuf>,
    /// Language of the column heads and sheet names (both read back).
    #[arg(long, value_enum, default_value_t)]
    pub lang: LangArg,
    /// The file to write: `.xlsx` for a workbook, `.csv` for CSV; standard output (CSV) if
    /// not given. An existing file is not overwritten without `--force`.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Overwrite an existing output file (never an input file).
    #[arg(long)]
    pub force: bool,
}

/// Years as written on the command line: `2023-2024`, `2022,2024`, `2024`.
fn parse_years(text: &str) -> Result<Vec<i32>, String> {
    let mut out = Vec::new();
    for part in text
        .split([',', '，'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let (a, b) = part
            .split_once(['-', '–', '~'])
            .map_or((part, part), |(a, b)| (a.trim(), b.trim()));
        let year = |t: &str| {
            t.trim_end_matches('年')
                .parse::<i32>()
                .ok()
                .filter(|y| YEARS.contains(y))
                .ok_or_else(|| format!("`{t}` is not a year (1000–9999)"))
        };
        let (a, b) = (year(a)?, year(b)?);
        if a > b {
            return Err(format!(
                "`{part}` runs backwards: write the first year first"
            ));
        }
        out.extend(a..=b);
        if out.len() > MAX_YEARS as usize {
            return Err(format!("more than {MAX_YEARS} years"));
        }
    }
    out.sort_unstable();
    out.dedup();
    if out.is_empty() {
        return Err("no years given: `--years 2023-2024`".into());
    }
    Ok(out)
}

/// The regions the template is for: the regions file's, the `--region` names, the data's, or
/// 本地区.
fn regions(
    args: &TemplateArgs,
    rules: &crate::RuleSet,
    data: Option<&Dataset>,
) -> Result<Vec<String>, String> {
    let mut out: Vec<String> = Vec::new();
    if let Some(path) = &args.regions {
        let mut ds = crate::data::Dataset::default();
        crate::data::read_regions(path, rules, &mut ds).map_err(|e| e.to_string())?;
        out.extend(ds.names().map(str::to_string));
    }
    for r in args
        .region
        .iter()
        .map(|r| r.trim())
        .filter(|r| !r.is_empty())
    {
        if !out.iter().any(|o| o == r) {
            out.push(r.to_string());
        }
    }
    if out.is_empty() {
        if let Some(ds) = data {
            out.extend(ds.names().map(str::to_string));
        }
    }
    if out.is_empty() {
        out.push(default_region(lang(args.lang)).to_string());
    }
    Ok(out)
}

/// Whether `output` is one of the inputs.
fn is_input(output: &Path, args: &TemplateArgs) -> bool {
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    std::iter::once(args.rules.as_path())
        .chain(args.regions.as_deref())
        .any(|input| same(output, input))
}

/// Run `zhibiao template`; the exit code.
pub(crate) fn run(args: &TemplateArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let fail = |err: &mut dyn Write, m: String| {
        let _ = writeln!(err, "error: {m}");
        1
    };
    let workbook = args.output.as_deref().is_some_and(|p| {
        p.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
    });
    if args.data.is_some() && !workbook {
        return fail(
            err,
            "`--data` fills a workbook: write it with `-o FILE.xlsx`".into(),
        );
    }
    if let Some(p) = &args.output {
        if is_input(p, args) {
            let m = format!(
                "`{}` is an input file; choose another output file",
                p.display()
            );
            return fail(err, m);
        }
        if p.exists() && !args.force {
            let m = format!(
                "`{}` exists: a template would replace what was filled in (`--force` to overwrite)",
                p.display()
            );
            return fail(err, m);
        }
    }
    let Some(rules) = load_rules(&args.rules, err, false) else {
        return 1;
    };
    let data = match &args.data {
        Some(p) => match crate::data::read_measurements(p, &rules) {
            Ok(ds) => Some(ds),
            Err(e) => return fail(err, e.to_string()),
        },
        None => None,
    };
    let years = match (&args.years, &data) {
        (Some(y), _) => parse_years(y).map_err(|m| format!("--years: {m}")),
        (None, Some(ds)) => data_years(ds),
        (None, None) => Err("--years: no years given: `--years 2023-2024`".into()),
    };
    let years = match years {
        Ok(y) => y,
        Err(m) => return fail(err, m),
    };
    let regions = match regions(args, &rules, data.as_ref()) {
        Ok(r) => r,
        Err(m) => return fail(err, m),
    };
    let l = lang(args.lang);
    let bytes = if workbook {
        match xlsx(&rules, &regions, &years, l, data.as_ref(), err) {
            Ok(b) => b,
            Err(m) => return fail(err, m),
        }
    } else {
        template_csv(&rules, &regions, &years, l).into_bytes()
    };
    let written = match &args.output {
        Some(p) => std::fs::write(p, bytes),
        None => out.write_all(&bytes),
    };
    if let Err(e) = written {
        let target = args
            .output
            .as_ref()
            .map_or("standard output".into(), |p| format!("`{}`", p.display()));
        return fail(err, format!("cannot write {target}: {e}"));
    }
    if let Some(p) = &args.output {
        let rows = crate::report::template_rows(&rules).len();
        let _ = writeln!(
            err,
            "{}: {rows} series × {} regions × {} years",
            p.display(),
            regions.len(),
            years.len()
        );
    }
    0
}

/// The years of a dataset, first to latest.
fn data_years(ds: &Dataset) -> Result<Vec<i32>, String> {
    let mut years: Vec<i32> = crate::report::template_values(ds)
        .into_keys()
        .map(|(_, _, y, _)| y)
        .collect();
    years.sort_unstable();
    years.dedup();
    if years.is_empty() {
        return Err("the data has no values: give `--years`".into());
    }
    if years.len() > MAX_YEARS as usize {
        return Err(format!(
            "the data spans more than {MAX_YEARS} years: give `--years`"
        ));
    }
    Ok(years)
}

/// The workbook; a warning counts the data's values it leaves out.
#[cfg(feature = "xlsx")]
fn xlsx(
    rules: &crate::RuleSet,
    regions: &[String],
    years: &[i32],
    l: crate::Lang,
    data: Option<&Dataset>,
    err: &mut dyn Write,
) -> Result<Vec<u8>, String> {
    if let Some(ds) = data {
        let left = crate::report::values_left_out(rules, ds, regions, years);
        if left > 0 {
            let _ = writeln!(
                err,
                "warning: {left} values of the data are not in the workbook (series no target reads, or regions and years not asked for)"
            );
        }
    }
    crate::report::template_xlsx(rules, regions, years, l, data)
        .map_err(|e| format!("cannot build the workbook: {e}"))
}

#[cfg(not(feature = "xlsx"))]
fn xlsx(
    _: &crate::RuleSet,
    _: &[String],
    _: &[i32],
    _: crate::Lang,
    _: Option<&Dataset>,
    _: &mut dyn Write,
) -> Result<Vec<u8>, String> {
    Err("this build reads and writes no workbooks (built without the `xlsx` feature): write `-o data.csv`".into())
}

#[cfg(test)]
mod tests {
    use super::parse_years;

    #[test]
    fn years() {
        assert_eq!(parse_years("2023-2024").unwrap(), [2023, 2024]);
        assert_eq!(parse_years("2024, 2022").unwrap(), [2022, 2024]);
        assert_eq!(parse_years("2024年").unwrap(), [2024]);
        assert!(parse_years("2024-2023").unwrap_err().contains("backwards"));
        assert!(parse_years("1000-9999")
            .unwrap_err()
            .contains("more than 100"));
        assert!(parse_years("20234").unwrap_err().contains("not a year"));
        assert!(parse_years(",").is_err());
    }
}
