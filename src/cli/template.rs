//! `zhibiao template`: the data-entry workbook (or CSV) of a rule set.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::{lang, load_rules_in, LangArg};
use crate::data::Dataset;
use crate::message::{severity, Run, Say};
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
fn parse_years(text: &str) -> Result<Vec<i32>, Run> {
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
                .ok_or_else(|| Run::NotAYear {
                    text: t.to_string(),
                })
        };
        let (a, b) = (year(a)?, year(b)?);
        if a > b {
            return Err(Run::YearsBackwards {
                text: part.to_string(),
            });
        }
        out.extend(a..=b);
        if out.len() > MAX_YEARS as usize {
            return Err(Run::TooManyYears { data: false });
        }
    }
    out.sort_unstable();
    out.dedup();
    if out.is_empty() {
        return Err(Run::NoYears);
    }
    Ok(out)
}

/// The regions the template is for: the regions file's, the `--region` names, the data's, or
/// 本地区.
fn regions(
    args: &TemplateArgs,
    rules: &crate::RuleSet,
    data: Option<&Dataset>,
) -> Result<Vec<String>, crate::data::DataError> {
    let mut out: Vec<String> = Vec::new();
    if let Some(path) = &args.regions {
        let mut ds = crate::data::Dataset::default();
        crate::data::read_regions(path, rules, &mut ds)?;
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

/// The input that `output` names, if it is one.
fn input_at<'a>(output: &Path, args: &'a TemplateArgs) -> Option<&'a Path> {
    let same = |a: &Path, b: &Path| match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    std::iter::once(args.rules.as_path())
        .chain(args.regions.as_deref())
        .chain(args.data.as_deref())
        .find(|input| same(output, input))
}

/// Run `zhibiao template`; the exit code.
pub(crate) fn run(args: &TemplateArgs, out: &mut dyn Write, err: &mut dyn Write) -> u8 {
    let l = lang(args.lang);
    let fail = |err: &mut dyn Write, m: &dyn Say| {
        let _ = writeln!(err, "{}: {}", severity(true, l), m.say(l));
        1
    };
    let data_fail = |err: &mut dyn Write, e: crate::data::DataError| {
        let _ = writeln!(err, "{}: {}", severity(true, l), e.text(l));
        1
    };
    let workbook = args.output.as_deref().is_some_and(|p| {
        p.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
    });
    if args.data.is_some() && !workbook {
        return fail(err, &Run::DataNeedsWorkbook);
    }
    if let Some(p) = &args.output {
        if let Some(input) = input_at(p, args) {
            let (output, input) = (p.display().to_string(), input.display().to_string());
            return fail(err, &Run::OutputIsInput { output, input });
        }
        if p.exists() && !args.force {
            let output = p.display().to_string();
            return fail(err, &Run::OutputExists { output });
        }
    }
    let Some(rules) = load_rules_in(&args.rules, err, false, l) else {
        return 1;
    };
    let data = match &args.data {
        Some(p) => match crate::data::read_measurements(p, &rules) {
            Ok(ds) => Some(ds),
            Err(e) => return data_fail(err, e),
        },
        None => None,
    };
    let years = match (&args.years, &data) {
        (Some(y), _) => parse_years(y),
        (None, Some(ds)) => data_years(ds),
        (None, None) => Err(Run::NoYears),
    };
    let years = match years {
        Ok(y) => y,
        Err(m) => return fail(err, &m),
    };
    let regions = match regions(args, &rules, data.as_ref()) {
        Ok(r) => r,
        Err(e) => return data_fail(err, e),
    };
    let bytes = if workbook {
        match xlsx(&rules, &regions, &years, l, data.as_ref(), err) {
            Ok(b) => b,
            Err(m) => return fail(err, &m),
        }
    } else {
        template_csv(&rules, &regions, &years, l).into_bytes()
    };
    let written = match &args.output {
        Some(p) => std::fs::write(p, bytes),
        None => out.write_all(&bytes),
    };
    if let Err(e) = written {
        let file = args.output.as_ref().map(|p| p.display().to_string());
        let error = e.to_string();
        return fail(err, &Run::CannotWrite { file, error });
    }
    if let Some(p) = &args.output {
        let done = Run::TemplateWritten {
            file: p.display().to_string(),
            series: crate::report::template_rows(&rules).len(),
            regions: regions.len(),
            years: years.len(),
        };
        let _ = writeln!(err, "{}", done.say(l));
    }
    0
}

/// The years of a dataset, first to latest.
fn data_years(ds: &Dataset) -> Result<Vec<i32>, Run> {
    let mut years: Vec<i32> = crate::report::template_values(ds)
        .into_keys()
        .map(|(_, _, y, _)| y)
        .collect();
    years.sort_unstable();
    years.dedup();
    if years.is_empty() {
        return Err(Run::DataWithoutValues);
    }
    if years.len() > MAX_YEARS as usize {
        return Err(Run::TooManyYears { data: true });
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
) -> Result<Vec<u8>, Run> {
    if let Some(ds) = data {
        let count = crate::report::values_left_out(rules, ds, regions, years);
        if count > 0 {
            let left = Run::ValuesLeftOut { count };
            let _ = writeln!(err, "{}: {}", severity(false, l), left.say(l));
        }
    }
    crate::report::template_xlsx(rules, regions, years, l, data).map_err(|e| Run::CannotBuild {
        error: e.to_string(),
    })
}

#[cfg(not(feature = "xlsx"))]
fn xlsx(
    _: &crate::RuleSet,
    _: &[String],
    _: &[i32],
    _: crate::Lang,
    _: Option<&Dataset>,
    _: &mut dyn Write,
) -> Result<Vec<u8>, Run> {
    Err(Run::NoWorkbooks)
}

#[cfg(test)]
mod tests {
    use super::parse_years;
    use crate::message::Say;

    #[test]
    fn years() {
        assert_eq!(parse_years("2023-2024").unwrap(), [2023, 2024]);
        assert_eq!(parse_years("2024, 2022").unwrap(), [2022, 2024]);
        assert_eq!(parse_years("2024年").unwrap(), [2024]);
        let said = |t: &str| parse_years(t).unwrap_err().say(crate::Lang::En);
        assert!(said("2024-2023").contains("backwards"));
        assert!(said("1000-9999").contains("more than 100"));
        assert!(said("20234").contains("not a year"));
        assert!(parse_years(",").is_err());
    }
}
