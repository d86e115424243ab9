//! Errors of the target grammar in the user's words: what was expected where, and the nearest
//! phrase of the phrase table as help (did-you-mean).

use super::error::{SyntaxError, SyntaxErrorKind};
use super::expected::{Expected, Wanted};
use super::help::Help;
use super::normalize::Normalized;
use super::phrase;
use super::target::{phrase_of, Rule, A_CLAUSE};
use crate::Span;

/// A phrase the grammar accepted but the phrase table does not know: the two disagree.
pub(super) fn unknown_phrase(text: &str, span: Span) -> SyntaxError {
    SyntaxError::new(
        SyntaxErrorKind::ExpectedFound {
            expected: Wanted::TablePhrase.into(),
            found: text.into(),
        },
        span,
    )
}

const SEPARATORS: &[char] = &[',', ';', '且', '或', '、', ':', '(', ')'];

/// A phrase family the language does not read yet, named in the help of a target that uses it.
fn family_hint(text: &str) -> Option<Help> {
    const FAMILIES: &[(&[&str], &str, &str)] = &[
        (
            &["名列前茅", "前列", "名列", "前茅", "位居"],
            "write a rank among peers as `连续三年名列全省前10名`, `进入全省20强`, `居全市第一` (the place is read from the series `<id>:<scope>排名`) or, with no place printed, `名列前茅`",
            "排名请写作 `连续三年名列全省前10名`、`进入全省20强`、`居全市第一`(名次读自数据系列 `<编号>:<范围>排名`);不写名次时写 `名列前茅`",
        ),
        (
            &["〔"],
            "a five-year cumulative target is the bracketed amount alone: `〔18〕`, or `〔18〕(2025年)` for the plan's last year",
            "五年累计目标只写括号中的数:`〔18〕`,或加上规划末年 `〔18〕(2025年)`",
        ),
        (
            &[
                "均达", "均为", "均在", "均不", "均控制", "均保持", "均高于", "均低于", "均大于",
                "均小于", "均≥", "均≤", "均>", "均<", "分别",
            ],
            "several quantities take one requirement with `均` (`化肥、农药利用率均达到40%`) or one value each with `分别`; quote the full names when they share no head: `「单位GDP能耗」、「二氧化碳排放」分别下降3%、4%`",
            "多个指标共用一个要求时用 `均`(`化肥、农药利用率均达到40%`),各有一个值时用 `分别`;名称没有共同的中心词时,用「」写出全称:`「单位GDP能耗」、「二氧化碳排放」分别下降3%、4%`",
        ),
        (
            &["省考核标准", "标准为", "(注", "(备注"],
            "a note printed beside the target is not part of the rule: keep the target and write the note as a comment (`# 省考核标准为≥70%`)",
            "目标旁的备注不属于规则:保留目标,把备注写成注释(`# 省考核标准为≥70%`)",
        ),
        (
            &["/"],
            "separate tiers with `、` or `;` (`山区≥60、丘陵区≥40`); `/` is not read",
            "分档请用 `、` 或 `;` 分隔(`山区≥60、丘陵区≥40`);`/` 不被读取",
        ),
        (
            &["翻一番", "翻两番"],
            "`翻一番` needs the year it doubles from: `比2010年翻一番`",
            "`翻一番` 需要写出从哪一年算起:`比2010年翻一番`",
        ),
        (
            &["Ⅰ类", "Ⅱ类", "Ⅲ类", "Ⅳ类", "Ⅴ类", "III类", "II类"],
            "a water-quality class is not read yet: judge the share of sections meeting the class, e.g. `「达到或优于Ⅲ类比例」≥80%`",
            "暂不支持水质类别:请按达到该类别的断面比例判定,如 `「达到或优于Ⅲ类比例」≥80%`",
        ),
    ];
    // `(≥20)`: the whole target in brackets
    let t = text.trim();
    if (t.starts_with('(') || t.starts_with('(')) && (t.ends_with(')') || t.ends_with(')')) {
        return Some(Help::text(
            "the whole target is in brackets, which are not read: write it without them (`≥20`)",
            "整个目标写在括号中,括号不被读取:请去掉括号(`≥20`)",
        ));
    }
    // `20强`: a number of the best, not `强化`
    let top_n = text.char_indices().any(|(i, c)| {
        c == '强'
            && text[..i]
                .chars()
                .next_back()
                .is_some_and(|d| d.is_ascii_digit())
    });
    if top_n {
        return FAMILIES.first().map(|(_, en, zh)| Help::text(en, zh));
    }
    FAMILIES
        .iter()
        .find(|(words, ..)| words.iter().any(|w| text.contains(w)))
        .map(|(_, en, zh)| Help::text(en, zh))
}

pub(super) fn convert_error(
    norm: &Normalized,
    src: &str,
    e: pest::error::Error<Rule>,
) -> SyntaxError {
    let pos = match e.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((s, _)) => s,
    };
    let text = &norm.text;
    let mut wanted: Vec<&[Wanted]> = match &e.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } => {
            positives.iter().filter_map(|r| phrase_of(*r)).collect()
        }
        pest::error::ErrorVariant::CustomError { .. } => Vec::new(),
    };
    // Right after a comparison or change word only a number makes sense.
    let before_pos = text[..pos].trim_end();
    let after_op = [
        "≥", "≤", ">", "<", "=", "于", "过", "到", "在", "为", "达", "幅度", "率", "增量", "增幅",
        "降幅",
    ]
    .iter()
    .any(|w| before_pos.ends_with(w));
    let number: &[Wanted] = &[Wanted::Number];
    if wanted.contains(&number) && after_op {
        wanted = vec![number];
    }
    // The clause-level phrase covers the specific ones.
    if wanted.len() > 2 || wanted.is_empty() {
        wanted = vec![A_CLAUSE];
    }
    let expected = Expected::any(wanted.into_iter().flatten().copied());
    // The fragment around the error: from the last separator before `pos` to the next one.
    let frag_start = text[..pos].rfind(SEPARATORS).map_or(0, |i| {
        i + text[i..].chars().next().map_or(1, char::len_utf8)
    });
    let frag_end = text[pos..].find(SEPARATORS).map_or(text.len(), |i| pos + i);
    let fragment = text[frag_start..frag_end].trim();
    let wants_number =
        expected.contains(Wanted::Number) && !expected.contains(Wanted::KnownRequirement);
    let (span_n, help) = if wants_number || fragment.is_empty() {
        let end = text[pos..]
            .chars()
            .next()
            .map_or(pos, |c| pos + c.len_utf8());
        (Span::new(pos, end), family_hint(text))
    } else {
        // the words before a number (`不得低于` in `不得低于90%`) are what may be misspelled
        let head = fragment
            .split(|c: char| c.is_ascii_digit())
            .next()
            .unwrap_or(fragment);
        let help = suggest(fragment)
            .or_else(|| (head != fragment).then(|| suggest(head)).flatten())
            .map(|s| Help::DidYouMean(s.to_string()))
            .or_else(|| family_hint(text))
            .or_else(|| {
                (fragment.chars().count() >= 4)
                    .then(|| Help::WriteQualitative(fragment.to_string()))
            });
        (
            Span::new(
                frag_start + (text[frag_start..].len() - text[frag_start..].trim_start().len()),
                frag_end,
            ),
            help,
        )
    };
    let span = Span::new(norm.original(span_n.start), norm.original(span_n.end));
    let before = text[..span_n.start].trim_end();
    let after: String = {
        let s = before.rfind(SEPARATORS).map_or(0, |i| i);
        let tail = &before[s..];
        if tail.is_empty() {
            String::new()
        } else {
            tail.to_string()
        }
    };
    let kind = if after.is_empty() {
        let found: String = if fragment.is_empty() {
            src.trim().chars().take(12).collect()
        } else {
            fragment.to_string()
        };
        SyntaxErrorKind::ExpectedFound { expected, found }
    } else {
        SyntaxErrorKind::Expected { expected, after }
    };
    let mut err = SyntaxError::new(kind, span);
    err.help = help;
    err
}

/// The closest known phrase to `fragment`, if any is close.
pub fn suggest(fragment: &str) -> Option<&'static str> {
    closest(fragment, phrase::vocabulary().iter().copied())
}

/// The candidate closest to `word`: the shortest one that extends it, else the one at the
/// smallest edit distance if that is at most a third of the word (at least 1).
///
/// ```
/// use zhibiao::syntax::closest;
/// assert_eq!(closest("东郊", ["东部", "西部", "中部"]), Some("东部"));
/// assert_eq!(closest("持续", ["持续改善", "保持稳定"]), Some("持续改善"));
/// assert_eq!(closest("山区", ["东部", "西部"]), None);
/// ```
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let w: Vec<char> = word.chars().collect();
    if w.is_empty() {
        return None;
    }
    let mut extension: Option<&str> = None;
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        if c.starts_with(word)
            && c != word
            && extension.is_none_or(|e| c.chars().count() < e.chars().count())
        {
            extension = Some(c);
        }
        let d = edit_distance(&w, &c.chars().collect::<Vec<_>>());
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    let limit = (w.len() / 3).max(1);
    extension.or_else(|| best.filter(|(d, _)| *d <= limit).map(|(_, c)| c))
}

fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use crate::syntax::parse_target;

    fn help(text: &str) -> String {
        parse_target(text)
            .err()
            .and_then(|e| e.help)
            .map(|h| h.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn families_not_read_yet_are_named() {
        assert!(help("名列全省前十名以内").contains("rank"));
        assert!(help("〔18〕%以上").contains("cumulative"));
        assert!(help("生态指数全省20强").contains("rank"));
        assert!(!help("强化管制基准污染物为主轴").contains("rank"));
        assert!(help("单位GDP能耗、二氧化碳排放分别下降3%、4%").contains("full name"));
        assert!(help("翻一番").contains("比2010年翻一番"));
        assert!(help("山区≥60/丘陵区≥40").contains("separate tiers"));
        assert!(help("≥75%(省考核标准为≥70%)").contains("comment"));
        assert!(help("干流水质保持Ⅱ类").contains("water-quality class"));
    }
}
