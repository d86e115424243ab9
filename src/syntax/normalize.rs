//! Text normalisation before parsing: full-width forms, comparison-sign spellings and
//! traditional characters (simplified one for one by the `character_converter` crate), with a
//! map back to original offsets.

/// Normalised text with, for every byte offset of the normalised text (and its end), the byte
/// offset in the original.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// The normalised text.
    pub text: String,
    map: Vec<usize>,
}

impl Normalized {
    /// The original byte offset of a normalised byte offset.
    pub fn original(&self, i: usize) -> usize {
        self.map
            .get(i)
            .copied()
            .unwrap_or_else(|| self.map.last().copied().unwrap_or(0))
    }
}

/// A CJK ideograph (`〇` included).
fn is_cjk(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '〇')
}

fn map_char(c: char) -> char {
    match c {
        // full-width ASCII block (！ … ～) → ASCII
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        '﹤' => '<',
        '﹥' => '>',
        '﹦' => '=',
        '⩾' | '≧' => '≥',
        '⩽' | '≦' => '≤',
        '〜' => '~',
        '−' | '–' | '—' => '-',
        '﹪' => '%',
        'Δ' | '∆' => '△',
        '\u{00B5}' => 'μ',
        // a line break or feed inside a cell is a wrap of the printed table, as a space is;
        // every Unicode space (no-break, ideographic, figure, thin …) is one space, so that
        // the grammar never reads a space that it does not skip as part of a name
        c if c.is_whitespace() => ' ',
        c if is_cjk(c) => simplified(c),
        c => c,
    }
}

/// A traditional character's simplified form (`達` → `达`), by the `character_converter`
/// crate, one character for one so that offsets still map back. A character of GB2312 (the
/// simplified character set) is kept as it is (`著` in `显著`), so simplified text never loads
/// the converter's dictionaries; `於` is always the comparison word `于` (`優於`, `不低於`); a
/// character with no one-character form is kept.
fn simplified(c: char) -> char {
    if c == '於' {
        return '于';
    }
    let mut buf = [0u8; 4];
    let s = c.encode_utf8(&mut buf);
    if in_gb2312(s) {
        return c;
    }
    let out = character_converter::traditional_to_simplified(s);
    let mut chars = out.chars();
    match (chars.next(), chars.next()) {
        (Some(s), None) => s,
        _ => c,
    }
}

/// Whether a character is a hanzi of GB2312 (rows 16–87 of its GBK code).
fn in_gb2312(s: &str) -> bool {
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(s);
    !unmappable
        && bytes.len() == 2
        && (0xB0..=0xF7).contains(&bytes[0])
        && (0xA1..=0xFE).contains(&bytes[1])
}

/// The digit a character stands for in a positional Chinese numeral (`一○○○`, `○‧○八`), or
/// `.` for its decimal mark.
fn numeral_digit(c: char) -> Option<char> {
    Some(match c {
        '○' | '〇' | '零' => '0',
        '一' => '1',
        '二' => '2',
        '三' => '3',
        '四' => '4',
        '五' => '5',
        '六' => '6',
        '七' => '7',
        '八' => '8',
        '九' => '9',
        '‧' | '.' | '．' => '.',
        _ => return None,
    })
}

/// The byte offsets of `src` that belong to a positional Chinese numeral, as the limit tables of
/// Taiwan print them (`一○○○`, `○‧○八`, `七.○–八.五`, `二.○以上`, `六以下`). A run of numeral
/// characters is a number when it holds a zero `○`/`〇` or a decimal mark between digits, when it
/// is the whole target, or when a bound word (`以上`, `以下`, `以内`) or a range dash follows it;
/// otherwise its characters stay words (`第一`, `三年内`, `一级`).
fn numeral_runs(src: &str) -> Vec<usize> {
    let chars: Vec<(usize, char)> = src.char_indices().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let start = i;
        while i < chars.len() && numeral_digit(chars[i].1).is_some() {
            i += 1;
        }
        if i == start {
            i += 1;
            continue;
        }
        let run = &chars[start..i];
        let digits = run
            .iter()
            .filter(|(_, c)| numeral_digit(*c) != Some('.'))
            .count();
        let rest = src[chars.get(i).map_or(src.len(), |c| c.0)..].trim_start();
        let before = src[..chars[start].0].trim();
        let zero = run.iter().any(|(_, c)| matches!(c, '○' | '〇' | '‧'))
            || run.windows(3).any(|w| numeral_digit(w[1].1) == Some('.'));
        let whole = before.is_empty() && rest.is_empty();
        let bound = ["以上", "以下", "以内", "-", "–", "~", "～"]
            .iter()
            .any(|w| rest.starts_with(w));
        let prev_cjk = chars[..start].last().is_some_and(|(_, c)| is_cjk(*c));
        let edges_ok = numeral_digit(run[0].1) != Some('.')
            && run
                .last()
                .is_some_and(|(_, c)| numeral_digit(*c) != Some('.'));
        if digits > 0 && edges_ok && (zero || whole || (bound && !prev_cjk)) {
            out.extend(run.iter().map(|(b, _)| *b));
        }
    }
    out
}

/// Normalise target text: full-width → half-width, `>=`/`⩾` → `≥`, `<=`/`⩽` → `≤`,
/// traditional characters → simplified, positional Chinese numerals → digits (`一○○○` →
/// `1000`, see `numeral_runs`); spaces between two CJK characters (line wraps of a printed
/// table) are dropped.
///
/// ```
/// use zhibiao::syntax::normalize;
/// assert_eq!(normalize("＞＝９０％，且不降低").text, "≥90%,且不降低");
/// assert_eq!(normalize("達到100%").text, "达到100%");
/// ```
pub fn normalize(src: &str) -> Normalized {
    let mut text = String::with_capacity(src.len());
    let mut map = Vec::with_capacity(src.len() + 1);
    let numerals = numeral_runs(src);
    let mut iter = src.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let mut out = match numerals.binary_search(&i) {
            Ok(_) => numeral_digit(c).unwrap_or(c),
            Err(_) => map_char(c),
        };
        if out == ' ' && text.chars().next_back().is_some_and(is_cjk) {
            // spaces between two CJK characters are line wraps of the printed table
            // (`持续 改善`, `近三 年`): they are dropped, never read as separators
            let next = src[i..].chars().map(map_char).find(|c| *c != ' ');
            if next.is_some_and(is_cjk) {
                continue;
            }
        }
        if out == '>' || out == '<' {
            if let Some(&(_, next)) = iter.peek() {
                if map_char(next) == '=' {
                    iter.next();
                    out = if out == '>' { '≥' } else { '≤' };
                }
            }
        }
        let start = text.len();
        text.push(out);
        for _ in start..text.len() {
            map.push(i);
        }
    }
    map.push(src.len());
    Normalized { text, map }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_unicode_space_is_one_space() {
        for space in [
            '\u{00A0}', '\u{2007}', '\u{2009}', '\u{202F}', '\u{3000}', '\u{2028}',
        ] {
            assert_eq!(normalize(&format!("≥{space}20")).text, "≥ 20", "{space:?}");
        }
        // a zero after a figure space is a zero as after a space, never part of a name
        assert_eq!(
            normalize("山区:\u{2007}○配备").text,
            normalize("山区: ○配备").text
        );
    }

    #[test]
    fn maps_offsets_back() {
        let n = normalize(">=２０");
        assert_eq!(n.text, "≥20");
        // `2` starts at normalised byte 3 and original byte 2
        assert_eq!(n.original(3), 2);
        assert_eq!(n.original(n.text.len()), ">=２０".len());
    }

    #[test]
    fn line_wraps_between_cjk_are_dropped() {
        let n = normalize("保持稳定或持续 改善");
        assert_eq!(n.text, "保持稳定或持续改善");
        assert_eq!(n.original(n.text.len()), "保持稳定或持续 改善".len());
        assert_eq!(normalize("山区≥60 丘陵区≥40").text, "山区≥60 丘陵区≥40");
        assert_eq!(normalize("全县 80 %").text, "全县 80 %");
    }

    #[test]
    fn traditional_script_one_character_for_one() {
        // 著 is also simplified (显著): kept; 於 is always 于 in a target
        assert_eq!(normalize("顯著提高").text, "显著提高");
        assert_eq!(normalize("優於Ⅲ類").text, "优于Ⅲ类");
        let n = normalize("濕地面積不減少");
        assert_eq!(n.text, "湿地面积不减少");
        assert_eq!(n.original(n.text.len()), "濕地面積不減少".len());
    }

    #[test]
    fn positional_numerals() {
        assert_eq!(normalize("一○○○").text, "1000");
        assert_eq!(normalize("○‧○八").text, "0.08");
        assert_eq!(normalize("七.○–八.五").text, "7.0-8.5");
        assert_eq!(normalize("二.○以上").text, "2.0以上");
        assert_eq!(normalize("六以下").text, "6以下");
        assert_eq!(normalize("九").text, "9");
        // words stay words
        assert_eq!(
            normalize("近三年内无较大环境事件").text,
            "近三年内无较大环境事件"
        );
        assert_eq!(normalize("居全市第一").text, "居全市第一");
        assert_eq!(normalize("一级").text, "一级");
        assert_eq!(normalize("提高一以上").text, "提高一以上");
    }

    #[test]
    fn traditional_keywords() {
        assert_eq!(normalize("不超過").text, "不超过");
        assert_eq!(
            normalize("三年內無較大環境事件").text,
            "三年内无较大环境事件"
        );
    }
}
