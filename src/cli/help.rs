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
    ("explain", "", "显示一条目标表述如何被解读"),
    ("explain", "unit", "指标的单位,用于检查表述中的单位"),
    ("explain", "polarity", "指标的方向:higher 正向,lower 逆向"),
    ("explain", "json", "以 JSON 输出判定条件"),
    ("explain", "lang", "解读所用的语言:zh 中文(默认),en 英文"),
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
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
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
    cmd
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
            !eval.contains("Options:") && !eval.contains("Usage:"),
            "{eval}"
        );
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
