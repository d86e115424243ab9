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
        '\u{3000}' => ' ',
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
        '\u{00A0}' | '\t' => ' ',
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

/// Normalise target text: full-width → half-width, `>=`/`⩾` → `≥`, `<=`/`⩽` → `≤`,
/// traditional characters → simplified; spaces between two CJK characters (line wraps
/// of a printed table) are dropped.
///
/// ```
/// use zhibiao::syntax::normalize;
/// assert_eq!(normalize("＞＝９０％，且不降低").text, "≥90%,且不降低");
/// assert_eq!(normalize("達到100%").text, "达到100%");
/// ```
pub fn normalize(src: &str) -> Normalized {
    let mut text = String::with_capacity(src.len());
    let mut map = Vec::with_capacity(src.len() + 1);
    let mut iter = src.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let mut out = map_char(c);
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
    fn traditional_keywords() {
        assert_eq!(normalize("不超過").text, "不超过");
        assert_eq!(
            normalize("三年內無較大環境事件").text,
            "三年内无较大环境事件"
        );
    }
}
