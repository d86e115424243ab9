//! The command line's help in Chinese: every subcommand's and argument's help text, the
//! headings and the usage line, put over clap's English when the help is read in Chinese
//! (`--lang zh` on the command line, or a Chinese locale: `LC_ALL`, `LC_MESSAGES`, `LANG`).

use clap::{Arg, ArgAction, Command};

/// (subcommand, argument, help): `""` as the argument is the subcommand's own description; `""`
/// as the subcommand is the program.
const ZH: &[(&str, &str, &str)] = &[
    ("", "", "zhibiao:把生态文明建设示范区等指标表变成可执行的规则,逐项判定达标情况"),
    ("check", "", "校验指标文件;诊断信息输出到标准错误"),
    ("check", "files", "指标文件(.zb),或在其中查找指标文件的目录"),
    ("check", "lang", "诊断信息的语言:zh 中文,en 英文(默认:规则文件为中文或中文环境下为中文,否则为英文)"),
    ("explain", "", "显示一条目标表述如何被解读"),
    ("explain", "unit", "指标的单位,用于检查表述中的单位"),
    ("explain", "polarity", "指标的方向:higher 正向,lower 逆向"),
    ("explain", "json", "以 JSON 输出判定条件"),
    ("explain", "lang", "解读所用的语言:zh 中文(默认),en 英文;错误信息不给此参数时,表述含中文或中文环境下为中文,否则为英文"),
    ("explain", "expr", "目标表述,如 ≥20、完成上级规定的考核任务"),
    ("eval", "", "用指标文件评估测量数据"),
    ("eval", "rules", "指标文件(.zb)"),
    ("eval", "data", "测量数据:CSV、JSON 或工作簿(.xlsx、.xls、.ods)"),
    ("eval", "regions", "地区及其分类(CSV 或 .json)"),
    ("eval", "year", "评估年份,1000–9999(默认:数据中最新的年份)"),
    ("eval", "format", "输出格式:table 表格(默认)、json、csv、markdown、html、xlsx 工作簿(需 -o 文件.xlsx)"),
    ("eval", "lang", "报告语言:zh 中文(默认),en 英文"),
    ("eval", "output", "写入文件,而非标准输出"),
    (
        "eval",
        "strict",
        "把合理性警告(% 值超出 0–100、百分数写成小数、与上年相差十倍以上)视为错误",
    ),
    ("test", "", "运行指标文件中的示例"),
    ("test", "files", "指标文件(.zb),或在其中查找指标文件的目录"),
    ("test", "lang", "诊断信息和结果的语言:zh 中文,en 英文(默认:规则文件为中文或中文环境下为中文,否则为英文)"),
    (
        "template",
        "",
        "生成规则集的数据填报模板:工作簿(-o data.xlsx:长表和每年一张表)或 CSV 长表",
    ),
    ("template", "rules", "指标文件(.zb)"),
    ("template", "regions", "地区文件(CSV 或 .json):按其顺序每个地区一列"),
    (
        "template",
        "region",
        "地区名称(可重复,或用逗号分隔);不给 --regions 和 --region 时为「本地区」",
    ),
    (
        "template",
        "years",
        "年份:2023-2024、2022,2024 或 2024(给出 --data 时默认为数据中的年份)",
    ),
    ("template", "data", "用来填入各年份表的测量数据(CSV、JSON 或工作簿)"),
    ("template", "lang", "列标题和工作表名称的语言:zh 中文(默认),en 英文(两种都能读回)"),
    (
        "template",
        "output",
        "输出文件:.xlsx 为工作簿,.csv 为 CSV;不给时 CSV 输出到标准输出。已有文件不覆盖,除非 --force",
    ),
    ("template", "force", "覆盖已有的输出文件(输入文件永不覆盖)"),
    ("fmt", "", "把指标文件改写为规范格式"),
    ("fmt", "check", "只检查;有文件会被改动时退出码为 1"),
    ("fmt", "files", "指标文件(.zb),或在其中查找指标文件的目录"),
    ("fmt", "lang", "诊断信息的语言:zh 中文,en 英文(默认:规则文件为中文或中文环境下为中文,否则为英文)"),
];

/// The help's layout with Chinese headings.
const TEMPLATE: &str = "{about-with-newline}\n用法:{usage}\n\n{all-args}{after-help}";

/// Whether the help should be read in Chinese: `--lang zh`/`--lang en` among the arguments
/// decides; else a Chinese locale.
pub(crate) fn chinese(args: &[std::ffi::OsString]) -> bool {
    let args: Vec<&str> = args.iter().filter_map(|a| a.to_str()).collect();
    for (i, a) in args.iter().enumerate() {
        let value = match a.strip_prefix("--lang=") {
            Some(v) => Some(v),
            None if *a == "--lang" => args.get(i + 1).copied(),
            None => None,
        };
        if let Some(v) = value {
            return v == "zh";
        }
    }
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.is_empty())
        .is_some_and(|v| v.to_lowercase().starts_with("zh"))
}

/// `-h`, `--help` in Chinese.
fn help_flag() -> Arg {
    Arg::new("help")
        .short('h')
        .long("help")
        .action(ArgAction::Help)
        .help("显示帮助")
        .help_heading("选项")
        .display_order(1000)
}

/// The command with its help in Chinese.
pub(crate) fn localize(cmd: Command) -> Command {
    let zh = |sub: &str, arg: &str| {
        ZH.iter()
            .find(|(s, a, _)| *s == sub && *a == arg)
            .map(|(.., t)| *t)
    };
    let mut cmd = cmd
        .help_template(TEMPLATE)
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令")
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .disable_version_flag(true)
        .arg(help_flag())
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("显示版本")
                .help_heading("选项"),
        );
    if let Some(t) = zh("", "") {
        cmd = cmd.about(t);
    }
    for name in subcommand_names(&cmd) {
        cmd = cmd.mut_subcommand(&name, |mut sub| {
            if let Some(t) = zh(&name, "") {
                sub = sub.about(t);
            }
            sub = sub
                .help_template(TEMPLATE)
                .disable_help_flag(true)
                .arg(help_flag());
            let ids: Vec<String> = sub
                .get_arguments()
                .map(|a| a.get_id().to_string())
                .collect();
            for (order, id) in ids.iter().filter(|id| id.as_str() != "help").enumerate() {
                let text = zh(&name, id);
                sub = sub.mut_arg(id, |a| {
                    let heading = if a.is_positional() {
                        "参数"
                    } else {
                        "选项"
                    };
                    // clap's own "Possible values" and "default" lines are English: the
                    // Chinese help names the values and the default itself
                    let takes_values = a.get_action().takes_values();
                    let a = a
                        .help_heading(heading)
                        .display_order(order)
                        .hide_possible_values(takes_values)
                        .hide_default_value(takes_values);
                    match text {
                        Some(t) => a.help(t),
                        None => a,
                    }
                });
            }
            sub
        });
    }
    chinese_usage(cmd)
}

/// The names of a command's subcommands (owned: the command is changed while they are visited).
fn subcommand_names(cmd: &Command) -> Vec<String> {
    cmd.get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect()
}

/// The usage lines with `[选项]` for clap's `[OPTIONS]`.
fn chinese_usage(mut cmd: Command) -> Command {
    cmd.build();
    for name in subcommand_names(&cmd) {
        cmd = cmd.mut_subcommand(&name, |mut sub| {
            let usage = sub.render_usage().to_string();
            let usage = usage
                .trim_start_matches("Usage:")
                .trim()
                .replace("[OPTIONS]", "[选项]");
            sub.override_usage(usage)
        });
    }
    cmd
}

/// A usage error (an unknown argument, a missing one, a bad value) in Chinese: what clap found,
/// its suggestion, the usage line and where to read more. `None` for what is not an error
/// (`--help`, `--version`), which clap prints itself.
pub(crate) fn usage_error(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind as C, ContextValue, ErrorKind as K};
    if !e.use_stderr() {
        return None;
    }
    let get = |k: C| -> String {
        match e.get(k) {
            Some(ContextValue::String(s)) => s.clone(),
            Some(ContextValue::Strings(v)) => v.join("、"),
            Some(ContextValue::StyledStr(s)) => s.to_string(),
            Some(ContextValue::Number(n)) => n.to_string(),
            Some(ContextValue::Bool(b)) => b.to_string(),
            _ => String::new(),
        }
    };
    let (arg, value) = (get(C::InvalidArg), get(C::InvalidValue));
    let mut text = match e.kind() {
        K::InvalidValue if value.is_empty() => format!("参数 {arg} 需要一个值"),
        K::InvalidValue => format!("参数 {arg} 的值「{value}」无效"),
        K::UnknownArgument => format!("不认识的参数「{arg}」"),
        K::InvalidSubcommand => format!("不认识的命令「{}」", get(C::InvalidSubcommand)),
        K::NoEquals => format!("参数 {arg} 的值须用 `=` 写在后面"),
        // the only validated value is `--year` (1000–9999); clap's reason is English
        K::ValueValidation if arg.starts_with("--year") => {
            format!("参数 {arg} 的值「{value}」无效:年份应在 1000–9999 之间")
        }
        K::ValueValidation => format!("参数 {arg} 的值「{value}」无效"),
        K::TooManyValues => format!("参数 {arg} 的值「{value}」多余"),
        K::TooFewValues | K::WrongNumberOfValues => format!("参数 {arg} 的值个数不对"),
        K::ArgumentConflict => format!("参数 {arg} 不能与 {} 同时使用", get(C::PriorArg)),
        K::MissingRequiredArgument => format!("缺少必需的参数:{arg}"),
        K::MissingSubcommand => "缺少命令".to_string(),
        K::InvalidUtf8 => "参数不是有效的 UTF-8".to_string(),
        _ => e.kind().to_string(),
    };
    let valid = get(C::ValidValue);
    if !valid.is_empty() {
        text.push_str(&format!("(可选:{valid})"));
    }
    for k in [C::SuggestedValue, C::SuggestedArg, C::SuggestedSubcommand] {
        let s = get(k);
        if !s.is_empty() {
            text.push_str(&format!(",是否为「{s}」?"));
        }
    }
    let usage = get(C::Usage);
    let usage = usage
        .trim()
        .trim_start_matches("Usage:")
        .trim_start_matches("用法:")
        .trim();
    let usage = match usage.is_empty() {
        true => String::new(),
        false => format!("\n用法:{usage}\n"),
    };
    Some(format!(
        "错误: {text}\n{usage}\n更多信息请用 `--help`(帮助)。\n"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn every_argument_has_its_chinese_help() {
        let cmd = crate::cli::Cli::command();
        for sub in cmd.get_subcommands() {
            let name = sub.get_name();
            assert!(
                ZH.iter().any(|(s, a, _)| *s == name && a.is_empty()),
                "{name}"
            );
            for arg in sub.get_arguments() {
                let id = arg.get_id().as_str();
                assert!(
                    ZH.iter().any(|(s, a, _)| *s == name && *a == id),
                    "{name} {id}: no Chinese help"
                );
            }
        }
    }

    #[test]
    fn the_help_reads_in_chinese() {
        let mut cmd = localize(crate::cli::Cli::command());
        cmd.build();
        let top = cmd.render_help().to_string();
        assert!(top.contains("用法:") && top.contains("命令"), "{top}");
        let eval = cmd
            .find_subcommand_mut("eval")
            .map(|s| s.render_help().to_string())
            .unwrap_or_default();
        assert!(eval.contains("评估年份") && eval.contains("选项"), "{eval}");
        assert!(
            !eval.contains("Options:") && !eval.contains("Usage:") && !eval.contains("[OPTIONS]"),
            "{eval}"
        );
        assert!(
            eval.contains("用法:zhibiao eval [选项] <RULES> <DATA>"),
            "{eval}"
        );
    }

    #[test]
    fn usage_errors_read_in_chinese() {
        let cmd = || localize(crate::cli::Cli::command());
        let error = |args: &[&str]| {
            let e = cmd().try_get_matches_from(args).err();
            e.and_then(|e| usage_error(&e)).unwrap_or_default()
        };
        let missing = error(&["zhibiao", "eval", "--lang", "zh"]);
        assert!(
            missing.starts_with("错误: 缺少必需的参数:<RULES>、<DATA>"),
            "{missing}"
        );
        assert!(missing.contains("用法:zhibiao eval"), "{missing}");
        assert!(
            !missing.contains("Usage") && !missing.contains("tip"),
            "{missing}"
        );
        let typo = error(&["zhibiao", "evl"]);
        assert!(
            typo.starts_with("错误: 不认识的命令「evl」,是否为「eval」?"),
            "{typo}"
        );
        let format = error(&["zhibiao", "eval", "r.zb", "d.csv", "--format", "pdf"]);
        assert!(
            format.contains("参数 --format <FORMAT> 的值「pdf」无效(可选:"),
            "{format}"
        );
        let year = error(&["zhibiao", "eval", "r.zb", "d.csv", "--year", "x"]);
        assert!(year.contains("参数 --year <YEAR> 的值「x」无效"), "{year}");
        let far = error(&["zhibiao", "eval", "r.zb", "d.csv", "--year", "99999"]);
        assert!(far.contains("年份应在 1000–9999 之间"), "{far}");
        let unknown = error(&["zhibiao", "eval", "r.zb", "d.csv", "--bogus"]);
        assert!(
            unknown.starts_with("错误: 不认识的参数「--bogus」"),
            "{unknown}"
        );
        assert!(usage_error(
            &cmd()
                .try_get_matches_from(["zhibiao", "--help"])
                .err()
                .unwrap()
        )
        .is_none());
    }

    #[test]
    fn the_language_of_the_help() {
        let args = |a: &[&str]| a.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
        assert!(chinese(&args(&[
            "zhibiao", "eval", "--lang", "zh", "--help"
        ])));
        assert!(!chinese(&args(&["zhibiao", "eval", "--lang=en", "--help"])));
    }
}
