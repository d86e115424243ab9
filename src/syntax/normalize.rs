//! Text normalisation before parsing: full-width forms, comparison-sign spellings and
//! traditional-character spellings of the keywords, with a map back to original offsets.

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

/// Traditional → simplified for characters that occur in target keywords.
const TRADITIONAL: &[(char, char)] = &[
    ('達', '达'),
    ('過', '过'),
    ('無', '无'),
    ('類', '类'),
    ('蓋', '盖'),
    ('於', '于'),
    ('續', '续'),
    ('穩', '稳'),
    ('態', '态'),
    ('準', '准'),
    ('標', '标'),
    ('級', '级'),
    ('規', '规'),
    ('劃', '划'),
    ('務', '务'),
    ('實', '实'),
    ('開', '开'),
    ('區', '区'),
    ('減', '减'),
    ('變', '变'),
    ('設', '设'),
    ('較', '较'),
    ('內', '内'),
    ('環', '环'),
    ('質', '质'),
    ('現', '现'),
    ('體', '体'),
    ('總', '总'),
    ('護', '护'),
    ('處', '处'),
    ('進', '进'),
    ('與', '与'),
    ('為', '为'),
    ('應', '应'),
    ('產', '产'),
    ('濟', '济'),
    ('節', '节'),
    ('約', '约'),
    ('數', '数'),
    ('並', '并'),
    ('點', '点'),
    ('個', '个'),
    ('顯', '显'),
    ('於', '于'),
    ('勵', '励'),
    ('機', '机'),
    ('製', '制'),
    ('嚴', '严'),
    ('務', '务'),
    ('統', '统'),
    ('級', '级'),
    ('將', '将'),
    ('維', '维'),
    ('持', '持'),
    ('長', '长'),
    ('國', '国'),
    ('縣', '县'),
    ('鄉', '乡'),
    ('鎮', '镇'),
    ('獲', '获'),
    ('圍', '围'),
    ('積', '积'),
    ('質', '质'),
    ('當', '当'),
    ('級', '级'),
    ('報', '报'),
    ('審', '审'),
    ('劃', '划'),
    ('計', '计'),
    ('畫', '画'),
    ('間', '间'),
    ('內', '内'),
    ('對', '对'),
    ('從', '从'),
    ('與', '与'),
    ('門', '门'),
    ('單', '单'),
    ('億', '亿'),
    ('萬', '万'),
    ('噸', '吨'),
    ('煤', '煤'),
    ('氣', '气'),
    ('億', '亿'),
    ('邊', '边'),
    ('級', '级'),
    ('盡', '尽'),
    ('戶', '户'),
    ('處', '处'),
    ('傳', '传'),
    ('識', '识'),
    ('確', '确'),
];

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
        _ => TRADITIONAL
            .iter()
            .find(|(t, _)| *t == c)
            .map_or(c, |(_, s)| *s),
    }
}

/// Normalise target text: full-width → half-width, `>=`/`⩾` → `≥`, `<=`/`⩽` → `≤`,
/// traditional keyword characters → simplified; spaces between two CJK characters (line wraps
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
    fn traditional_keywords() {
        assert_eq!(normalize("不超過").text, "不超过");
        assert_eq!(
            normalize("三年內無較大環境事件").text,
            "三年内无较大环境事件"
        );
    }
}
