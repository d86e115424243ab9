//! Rule-file diagnostics in Chinese (`zhibiao check --lang zh`) and in English (`--lang en`):
//! one bad file per error kind, its first line, caret line and help in both languages, and no
//! English word of the English message left in the Chinese one.
#![cfg(feature = "cli")]

use std::path::PathBuf;
use std::process::Command;

/// (name, rule file, Chinese first line, Chinese help, English first line, English help); an
/// empty help means the diagnostic has none.
const CASES: &[(&str, &str, &str, &str, &str, &str)] = &[
    (
        "unclosed_block",
        "体系 \"x\" {\n    指标 1 \"x\" {\n        目标 ≥20\n    }\n",
        "错误: 「体系 …」之后应为 `}`",
        "这个块没有闭合:请加一行 `}`",
        "error: expected `}` after `体系 …`",
        "this block is never closed: add a line with `}`",
    ),
    (
        "stray_close",
        "}\n",
        "错误: 应为语句,却是「}」",
        "这个 `}` 没有对应的块",
        "error: expected a statement, found `}`",
        "this `}` closes no block",
    ),
    (
        "open_quote",
        "体系 \"x {\n    指标 1 \"x\" {\n        目标 ≥20\n    }\n}\n",
        "错误: 应为行尾、注释、带引号的文字或词,却是「\"x {」",
        "引号没有闭合:请补上缺少的 `\"`",
        "error: expected the end of the line, a comment, a quoted text or a word, found `\"x {`",
        "a quoted text is not closed: add the missing `\"`",
    ),
    (
        "number_expected",
        "体系 \"x\" {\n    指标 1 \"x\" {\n        目标 ≥\n    }\n}\n",
        "错误: 目标有误:「≥」之后应为数字",
        "",
        "error: in target: expected a number after `≥`",
        "",
    ),
    (
        "did_you_mean",
        "体系 \"x\" {\n    指标 1 \"x\" {\n        目标 保持稳定或持续\n    }\n}\n",
        "错误: 目标有误:「或」之后应为数字、比较符号或已知的要求",
        "是否为「持续改善」?",
        "error: in target: expected a number, a comparison or a known requirement after `或`",
        "did you mean `持续改善`?",
    ),
    (
        "prose_requirement",
        "体系 \"x\" {\n    指标 1 \"x\" {\n        目标 按要求建立台账\n    }\n}\n",
        "错误: 目标有误:",
        "如果这是用文字表述的要求,请写作 `定性 \"按要求建立台账\"`",
        "error: in target: expected",
        "if this is a prose requirement, write it as `定性 \"按要求建立台账\"`",
    ),
    (
        "family_hint",
        "体系 \"x\" {\n    指标 1 \"x\" {\n        目标 山区≥60/丘陵区≥40\n    }\n}\n",
        "错误: 目标有误:",
        "分档请用 `、` 或 `;` 分隔",
        "error: in target: expected",
        "separate tiers with `、` or `;`",
    ),
    (
        "letters_after_number",
        "体系 \"x\" {\n    指标 1 \"x\" {\n        目标 ≥9O\n    }\n}\n",
        "错误: 目标有误:数字后面的「O」不是单位",
        "`O` 像是数字 `0`:请写数字,或写 `m3`、`mg/L` 等单位",
        "error: in target: a number is followed by `O`, which is not a unit",
        "`O` looks like the digits `0`; write digits, or a unit such as `m3` or `mg/L`",
    ),
    (
        "value_count",
        "体系 \"x\" {\n    指标 1 \"x\" {\n        方向 正向\n        目标 化肥利用率、农药利用率分别达到40%、50%、60%\n    }\n}\n",
        "错误: 目标有误:应为 2 个指标各一个值,却有 3 个值",
        "`分别` 按顺序把指标与数值一一对应",
        "error: in target: expected one value for each of the 2 quantities, found `3 values`",
        "`分别` pairs the quantities with the values in order",
    ),
    (
        "unit_mismatch",
        "体系 \"x\" {\n    指标 1 \"x\" {\n        单位 %\n        目标 ≥20吨\n    }\n}\n",
        "错误: 目标有误:目标的单位是「吨」,而指标声明的单位是「%」",
        "请按指标的单位写数值,或改正 `单位`",
        "error: in target: the target is in `吨` but the indicator is declared in `%`",
        "write the number in the indicator's unit, or correct `单位`",
    ),
    (
        "convert_unit",
        "体系 \"x\" {\n    指标 1 \"x\" {\n        单位 万元\n        目标 ≥20吨\n    }\n}\n",
        "错误: 目标有误:目标的单位是「吨」,而指标声明的单位是「万元」",
        "请把阈值换算为 `万元`,或改正指标的 `单位`",
        "error: in target: the target is in `吨` but the indicator is declared in `万元`",
        "convert the threshold to `万元`, or correct the indicator's `单位`",
    ),
    (
        "too_many_years",
        "体系 \"x\" {\n    指标 1 \"x\" {\n        目标 近4294967295年持续下降\n    }\n}\n",
        "错误: 目标有误:年数应在 2 到 100 之间,而不是 4294967295",
        "",
        "error: in target: a number of years must be at least 2 and at most 100, not 4294967295",
        "",
    ),
    (
        "misplaced",
        "体系 \"x\" {\n    指本 1\n}\n",
        "错误: 「指本」不能用在「体系」中",
        "",
        "error: `指本` is not allowed in `体系`",
        "",
    ),
    (
        "arguments",
        "体系 \"x\" {\n    指标 1 \"x\" {\n        单位\n        目标 ≥20\n    }\n}\n",
        "错误: 「单位」需要单位",
        "",
        "error: `单位` expects a unit",
        "",
    ),
    (
        "no_system",
        "# 空\n",
        "错误: 一个文件只能有一个「体系」块",
        "",
        "error: a file holds exactly one `体系` (system) block",
        "",
    ),
    (
        "duplicate",
        "体系 \"x\" {\n    指标 1 \"x\" {\n        目标 ≥20\n    }\n    指标 1 \"y\" {\n        目标 ≥20\n    }\n}\n",
        "错误: 重复的指标「1」",
        "`1` 已在第 2 行使用",
        "error: duplicate indicator `1`",
        "`1` is first used on line 2",
    ),
    (
        "sub_id",
        "体系 \"x\" {\n    指标 1 \"x\" {\n        指标 2 \"y\" {\n            目标 ≥20\n        }\n    }\n}\n",
        "错误: 子指标「2」的编号不在「1」之下",
        "请编号为 `1.1`、`1.2` …",
        "error: sub-indicator `2` is not numbered under `1`",
        "number it `1.1`, `1.2` …",
    ),
    (
        "unknown_region",
        "体系 \"x\" {\n    指标 1 \"x\" {\n        适用 山区\n        目标 ≥20\n    }\n}\n",
        "错误: 未知的地区分类或地区组「山区」",
        "请用 `地区分类 <维度>: …` 或 `地区组 <名称> = …` 声明",
        "error: unknown region class or group `山区`",
        "declare it with `地区分类 <dimension>: …` or `地区组 <name> = …`",
    ),
    (
        "unknown_region_declared",
        "体系 \"x\" {\n    地区分类 地形: 山区 平原\n    指标 1 \"x\" {\n        适用 东部\n        目标 ≥20\n    }\n}\n",
        "错误: 未知的地区分类或地区组「东部」",
        "已声明的分类和地区组:山区 平原",
        "error: unknown region class or group `东部`",
        "declared classes and groups: 山区 平原",
    ),
    (
        "group_cycle",
        "体系 \"x\" {\n    地区分类 地形: 山区 平原\n    地区组 甲 = 甲 | 山区\n    指标 1 \"x\" {\n        目标 ≥20\n    }\n}\n",
        "错误: 地区组「甲」引用了自身",
        "",
        "error: region group `甲` refers to itself",
        "",
    ),
    (
        "bad_class_name",
        "体系 \"x\" {\n    地区分类 地形: 山(区 平原\n    指标 1 \"x\" {\n        目标 ≥20\n    }\n}\n",
        "错误: 分类名称「山(区」含有「(」:分类名称是一个词,不含 `& | ! ( )`、分隔符、空格或控制字符",
        "",
        "error: class name `山(区` holds `(`: a class name is one word, without `& | ! ( )`, separators, spaces or control characters",
        "",
    ),
    (
        "attribute",
        "体系 \"x\" {\n    指标 1 \"x\" {\n        属性 必须\n        目标 ≥20\n    }\n}\n",
        "错误: 未知的属性「必须」",
        "请写 `约束性`、`参考性` 或 `指导性`",
        "error: unknown attribute `必须`",
        "write `约束性`, `参考性` or `指导性` (binding, reference, guidance)",
    ),
    (
        "polarity",
        "体系 \"x\" {\n    指标 1 \"x\" {\n        方向 向上\n        目标 ≥20\n    }\n}\n",
        "错误: 未知的方向「向上」",
        "请写 `正向`(越高越好)或 `逆向`(越低越好)",
        "error: unknown polarity `向上`",
        "write `正向` (higher is better) or `逆向` (lower is better)",
    ),
    (
        "missing_polarity",
        "体系 \"x\" {\n    指标 1 \"x\" {\n        目标 持续改善\n    }\n}\n",
        "错误: 目标「持续改善」需要指标的方向",
        "请为指标加上 `方向 正向`(越高越好)或 `方向 逆向`(越低越好)",
        "error: target `持续改善` needs the indicator's polarity",
        "add `方向 正向` (higher is better) or `方向 逆向` (lower is better) to the indicator",
    ),
    (
        "overlapping_tiers",
        "体系 \"x\" {\n    地区分类 地形: 山区 平原\n    地区分类 规模: 大 小\n    指标 1 \"x\" {\n        目标 山区≥60、大≥40\n    }\n}\n",
        "错误: 第 1 档与第 2 档在 山区 & 大 的地区重叠",
        "请使各档互斥,如在 `地区组` 中用 `&` 和 `!`",
        "error: tiers 1 and 2 overlap for regions in 山区 & 大",
        "make the tiers exclusive, e.g. with `&` and `!` in a `地区组`",
    ),
    (
        "uncovered_tiers",
        "体系 \"x\" {\n    地区分类 地形: 山区 丘陵 平原\n    指标 1 \"x\" {\n        目标 山区≥60、平原≥18\n    }\n}\n",
        "警告: 没有一档适用于 丘陵 的地区:这些地区不适用",
        "",
        "warning: no tier covers regions in 丘陵; they are not applicable",
        "",
    ),
    (
        "window_number",
        "体系 \"x\" {\n    评估窗口 1\n    指标 1 \"x\" {\n        方向 正向\n        目标 持续改善\n    }\n}\n",
        "错误: 「1」不是年数(至少 2,至多 100)",
        "",
        "error: `1` is not a number of years, at least 2 and at most 100",
        "",
    ),
    (
        "unknown_indicator",
        "体系 \"x\" {\n    指标 1 \"x\" {\n        目标 ≥20\n    }\n    示例 \"e\" {\n        年份 2023\n        数据 1 2023=30\n        期望 9 达标\n    }\n}\n",
        "错误: 未知的指标「9」",
        "",
        "error: unknown indicator `9`",
        "",
    ),
    (
        "unknown_series",
        "体系 \"x\" {\n    指标 1 \"x\" {\n        目标 ≥20\n    }\n    示例 \"e\" {\n        年份 2023\n        数据 7 2023=30\n        期望 1 达标\n    }\n}\n",
        "错误: 未知的数据系列「7」",
        "规则中没有编号或名称为「7」的指标,是否为「x」?",
        "error: unknown series `7`",
        "the rules have no indicator with id or name `7`: did you mean `x`?",
    ),
    (
        "verdict",
        "体系 \"x\" {\n    指标 1 \"x\" {\n        目标 ≥20\n    }\n    示例 \"e\" {\n        年份 2023\n        数据 1 2023=30\n        期望 1 好\n    }\n}\n",
        "错误: 未知的判定「好」",
        "请写 达标、未达标、数据不足 或 不适用",
        "error: unknown verdict `好`",
        "write 达标, 未达标, 数据不足 or 不适用 (pass, fail, insufficient, not_applicable)",
    ),
];

fn dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!(
        "zhibiao-diagnostics-zh-{}-{name}",
        std::process::id()
    ));
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// `zhibiao <args>` in `dir`: (exit code, stderr).
fn run(dir: &PathBuf, args: &[&str]) -> (i32, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_zhibiao"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .output()
        .unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// The stderr of `check <lang>` on the case's file.
fn check(name: &str, text: &str, lang: &[&str]) -> String {
    // a directory per call: tests run in parallel and share case names
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let d = dir(&format!("{name}-{n}"));
    std::fs::write(d.join("r.zb"), text).unwrap();
    let mut args = vec!["check"];
    args.extend(lang);
    args.push("r.zb");
    let (code, stderr) = run(&d, &args);
    assert!(code == 0 || code == 1, "{name}: exit {code}\n{stderr}");
    stderr
}

/// The first diagnostic's head line and caret line (with its help).
fn head_and_caret(stderr: &str) -> (&str, &str) {
    let mut lines = stderr.lines();
    let head = lines.next().unwrap_or_default();
    let caret = lines
        .find(|l| l.trim_start().starts_with('|') && l.contains('^'))
        .unwrap_or_default();
    (head, caret)
}

fn assert_case(name: &str, stderr: &str, first: &str, help: &str) {
    let (head, caret) = head_and_caret(stderr);
    assert!(head.starts_with(first), "{name}: {head:?}\n{stderr}");
    assert!(!caret.is_empty(), "{name}: no caret line\n{stderr}");
    assert!(
        help.is_empty() || caret.contains(help),
        "{name}: help {help:?} not in {caret:?}\n{stderr}"
    );
    assert!(
        stderr.contains(" --> r.zb:"),
        "{name}: no location\n{stderr}"
    );
}

#[test]
fn rule_file_diagnostics_read_in_chinese() {
    // a Chinese rule file is checked in Chinese without `--lang` too (`}` alone is not one)
    let chinese = |t: &str| t.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c));
    for (name, text, zh, zh_help, ..) in CASES {
        let without: &[&[&str]] = if chinese(text) { &[&[]] } else { &[] };
        for lang in std::iter::once(&["--lang", "zh"][..]).chain(without.iter().copied()) {
            let stderr = check(name, text, lang);
            assert_case(name, &stderr, zh, zh_help);
            assert!(
                stderr.starts_with("错误: ") || stderr.starts_with("警告: "),
                "{name}: {stderr}"
            );
        }
    }
}

#[test]
fn rule_file_diagnostics_stay_english() {
    for (name, text, _, _, en, en_help) in CASES {
        let stderr = check(name, text, &["--lang", "en"]);
        assert_case(name, &stderr, en, en_help);
    }
}

/// The English words of a line, outside code in backticks.
fn english_words(line: &str) -> Vec<String> {
    let prose: String = line.split('`').step_by(2).collect::<Vec<_>>().join(" ");
    prose
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() >= 3)
        .map(str::to_lowercase)
        .collect()
}

#[test]
fn no_english_is_left_in_chinese() {
    for (name, text, ..) in CASES {
        let en = check(name, text, &["--lang", "en"]);
        let zh = check(name, text, &["--lang", "zh"]).to_lowercase();
        for bad in [
            "expected",
            "did you mean",
            "error:",
            "warning:",
            "in target",
            "help",
        ] {
            assert!(!zh.contains(bad), "{name}: `{bad}` in\n{zh}");
        }
        let (head, caret) = head_and_caret(&en);
        let words = english_words(head.trim_start_matches("error:"))
            .into_iter()
            .chain(english_words(caret));
        for w in words {
            // `r.zb` and the caret line's own characters are no words of the message
            if w == "zb" {
                continue;
            }
            let zh_lines: String = zh.lines().filter(|l| !l.contains("-->")).collect();
            assert!(
                !zh_lines
                    .split(|c: char| !c.is_ascii_alphabetic())
                    .any(|z| z == w),
                "{name}: `{w}` in\n{zh}"
            );
        }
    }
}

#[test]
fn explain_errors_follow_lang() {
    let d = dir("explain");
    let (code, zh) = run(&d, &["explain", "--lang", "zh", "保持稳定或持续"]);
    assert_eq!(code, 1);
    assert!(zh.starts_with("错误: 「或」之后应为"), "{zh}");
    assert!(zh.contains("是否为「持续改善」?"), "{zh}");
    let (code, en) = run(&d, &["explain", "--lang", "en", "保持稳定或持续"]);
    assert_eq!(code, 1);
    assert!(en.starts_with("error: expected"), "{en}");
    assert!(en.contains("did you mean `持续改善`?"), "{en}");
}

#[test]
fn eval_reports_a_bad_rule_file_in_its_language() {
    let d = dir("eval");
    std::fs::write(
        d.join("r.zb"),
        "体系 \"x\" {\n    指标 1 \"x\" {\n        目标 ≥\n    }\n}\n",
    )
    .unwrap();
    std::fs::write(
        d.join("d.csv"),
        "region,indicator,year,value\n甲县,1,2023,5\n",
    )
    .unwrap();
    let (code, zh) = run(&d, &["eval", "r.zb", "d.csv"]);
    assert_eq!(code, 1);
    assert!(zh.starts_with("错误: 目标有误:「≥」之后应为数字"), "{zh}");
    let (_, en) = run(&d, &["eval", "r.zb", "d.csv", "--lang", "en"]);
    assert!(
        en.starts_with("error: in target: expected a number"),
        "{en}"
    );
}

#[test]
fn a_chinese_locale_chooses_chinese() {
    let d = dir("locale");
    std::fs::write(d.join("r.zb"), "}\n").unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_zhibiao"))
        .args(["check", "r.zb"])
        .current_dir(&d)
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "zh_CN.UTF-8")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.starts_with("错误: 应为语句"), "{stderr}");
}
