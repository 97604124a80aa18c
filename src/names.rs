//! People's names as Chinese offices read and order them: the surname takes its surname reading
//! (曾 zēng, 单 shàn, 尉迟 yùchí), and 按姓氏笔画 orders by the surname's stroke count, then the
//! order of its strokes (横竖撇点折), then the next character — the order of published lists.

use std::collections::HashMap;
use std::sync::OnceLock;

use pinyin::ToPinyin;

/// Surnames whose reading differs from the character's everyday one, or that a reader would
/// otherwise split wrongly: compound surnames first (they are matched before single ones).
/// Readings in tone-number form, one syllable per character.
pub const SURNAMES: &[(&str, &str)] = &[
    // compound
    ("尉迟", "yu4 chi2"),
    ("万俟", "mo4 qi2"),
    ("长孙", "zhang3 sun1"),
    ("澹台", "tan2 tai2"),
    ("单于", "chan2 yu2"),
    ("令狐", "ling2 hu2"),
    ("乐正", "yue4 zheng4"),
    ("中行", "zhong1 hang2"),
    ("欧阳", "ou1 yang2"),
    ("上官", "shang4 guan1"),
    ("司马", "si1 ma3"),
    ("诸葛", "zhu1 ge3"),
    ("东方", "dong1 fang1"),
    ("皇甫", "huang2 fu3"),
    ("夏侯", "xia4 hou2"),
    ("公孙", "gong1 sun1"),
    ("慕容", "mu4 rong2"),
    ("宇文", "yu3 wen2"),
    ("司徒", "si1 tu2"),
    ("司空", "si1 kong1"),
    ("呼延", "hu1 yan2"),
    ("闻人", "wen2 ren2"),
    ("南宫", "nan2 gong1"),
    ("独孤", "du2 gu1"),
    ("端木", "duan1 mu4"),
    ("轩辕", "xuan1 yuan2"),
    ("钟离", "zhong1 li2"),
    ("宗政", "zong1 zheng4"),
    ("濮阳", "pu2 yang2"),
    ("公冶", "gong1 ye3"),
    ("拓跋", "tuo4 ba2"),
    ("申屠", "shen1 tu2"),
    ("太史", "tai4 shi3"),
    ("赫连", "he4 lian2"),
    // single
    ("曾", "zeng1"),
    ("单", "shan4"),
    ("解", "xie4"),
    ("仇", "qiu2"),
    ("查", "zha1"),
    ("翟", "zhai2"),
    ("区", "ou1"),
    ("覃", "qin2"),
    ("朴", "piao2"),
    ("盖", "ge3"),
    ("缪", "miao4"),
    ("乐", "yue4"),
    ("秘", "bi4"),
    ("宓", "fu2"),
    ("员", "yun4"),
    ("种", "chong2"),
    ("繁", "po2"),
    ("召", "shao4"),
    ("隗", "wei3"),
    ("冼", "xian3"),
    ("黑", "he4"),
    ("逄", "pang2"),
    ("莘", "shen1"),
    ("眭", "sui1"),
    ("柏", "bai3"),
    ("重", "chong2"),
    ("折", "she2"),
    ("洗", "xian3"),
    ("宿", "su4"),
    ("能", "nai4"),
    ("尉", "wei4"),
    ("任", "ren2"),
    ("华", "hua4"),
    ("纪", "ji3"),
    ("燕", "yan1"),
    ("句", "gou1"),
    ("阚", "kan4"),
    ("訾", "zi1"),
    ("过", "guo1"),
    ("那", "na1"),
    ("牟", "mou2"),
    ("粘", "nian2"),
    ("贲", "ben1"),
    ("郇", "huan2"),
    ("车", "che1"),
    ("石", "shi2"),
    ("沈", "shen3"),
    ("薄", "bo2"),
    ("都", "du1"),
    ("卜", "bu3"),
    ("朝", "chao2"),
    ("蔚", "yu4"),
    ("祭", "zhai4"),
    ("叶", "ye4"),
    ("曲", "qu1"),
    ("隽", "juan4"),
    ("应", "ying1"),
    ("佴", "nai4"),
    ("褚", "chu3"),
    ("殷", "yin1"),
    ("贾", "jia3"),
    ("角", "jue2"),
    ("乜", "nie4"),
    ("仉", "zhang3"),
    ("暴", "bao4"),
    ("谌", "chen2"),
    ("厍", "she4"),
    ("哈", "ha3"),
    ("於", "yu1"),
    ("葛", "ge3"),
    ("藏", "zang4"),
    ("相", "xiang4"),
    ("强", "qiang2"),
    ("弘", "hong2"),
    ("长", "chang2"),
    ("盛", "sheng4"),
    ("行", "xing2"),
    ("率", "shuai4"),
];

/// The surname of a name and its reading: the longest entry of [`SURNAMES`] that starts the
/// name (compound first), else the first character with its everyday reading.
pub fn surname(name: &str) -> Option<(&str, Vec<String>)> {
    static TABLE: OnceLock<Vec<(&'static str, &'static str)>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut t = SURNAMES.to_vec();
        t.sort_by_key(|(s, _)| std::cmp::Reverse(s.chars().count()));
        t
    });
    if let Some((s, r)) = table.iter().find(|(s, _)| name.starts_with(s) && name.chars().count() > s.chars().count()) {
        return Some((&name[..s.len()], r.split(' ').map(str::to_string).collect()));
    }
    None
}

/// Reading of each character of a name in tone-number form (`None` for what has none): the
/// surname's reading for the surname part, the everyday reading for the rest.
fn readings(name: &str) -> Vec<(char, Option<String>)> {
    let (skip, sur) = match surname(name) {
        Some((s, r)) => (s.chars().count(), r),
        None => (0, vec![]),
    };
    name.chars()
        .zip(name.to_pinyin())
        .enumerate()
        .map(|(i, (c, p))| {
            (c, if i < skip { Some(sur[i].clone()) } else { p.map(|p| p.with_tone_num_end().to_string()) })
        })
        .collect()
}

fn plain(syllable: &str) -> String {
    syllable.chars().filter(|c| !c.is_ascii_digit()).map(|c| if c == 'ü' { 'v' } else { c }).collect()
}

/// Pinyin initials and full pinyin of a person's name, for search: the surname reading first,
/// then — where the surname's characters also read otherwise — that reading too, space-separated
/// (`曾伟` → (`zw cw`, `zengwei cengwei`)), so that a search by either reading finds the person.
pub fn pinyin_forms(name: &str) -> (String, String) {
    let (ini, full) = forms_of(readings(name));
    let (ini2, full2) = crate::text::pinyin_forms(name);
    if full2 == full || full2.is_empty() {
        (ini, full)
    } else if ini2 == ini {
        (ini, format!("{full} {full2}"))
    } else {
        (format!("{ini} {ini2}"), format!("{full} {full2}"))
    }
}

fn forms_of(r: Vec<(char, Option<String>)>) -> (String, String) {
    let mut initials = String::new();
    let mut full = String::new();
    for (c, p) in r {
        match p {
            Some(p) => {
                let p = plain(&p);
                initials.extend(p.chars().next());
                full.push_str(&p);
            }
            None if c.is_ascii_alphanumeric() => {
                let l = c.to_ascii_lowercase();
                initials.push(l);
                full.push(l);
            }
            None => {}
        }
    }
    (initials, full)
}

/// Sort key in pinyin order for a person's name: character by character, by reading (the
/// surname's for the surname), then tone, then the character itself (so that one surname stays
/// together); a shorter name before a longer one it starts.
pub fn pinyin_key(name: &str) -> Vec<u8> {
    let mut k = Vec::new();
    for (c, p) in readings(name) {
        match p {
            Some(p) => k.extend_from_slice(plain(&p).as_bytes()),
            None => k.extend(c.to_lowercase().to_string().bytes()),
        }
        k.push(1);
        let cp = c as u32;
        k.extend_from_slice(&[(cp >> 16) as u8, (cp >> 8) as u8, cp as u8]);
    }
    k
}

/// The stroke order of a character, 1–5 = 横竖撇点折 (see `assets/strokes.txt`).
pub fn strokes(c: char) -> Option<&'static str> {
    static TABLE: OnceLock<HashMap<char, &'static str>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut m = HashMap::new();
        for line in include_str!("../assets/strokes.txt").lines().filter(|l| !l.starts_with('#')) {
            let mut parts = line.split(' ');
            let Some(start) = parts.next().and_then(|h| u32::from_str_radix(h, 16).ok()) else { continue };
            for (i, seq) in parts.enumerate() {
                if seq != "-" {
                    if let Some(c) = char::from_u32(start + i as u32) {
                        m.insert(c, seq);
                    }
                }
            }
        }
        m
    });
    table.get(&c).copied()
}

/// Sort key 按姓氏笔画: character by character, by stroke count, then the strokes in writing
/// order (横 before 竖 before 撇 before 点 before 折), then the character. Characters without
/// stroke data (letters, digits, ·) come after every Chinese character of their place.
pub fn stroke_key(name: &str) -> Vec<u8> {
    let mut k = Vec::new();
    for c in name.chars() {
        match strokes(c) {
            Some(s) => {
                k.push(s.len().min(250) as u8);
                k.extend_from_slice(s.as_bytes());
            }
            None => k.push(255),
        }
        let cp = c as u32;
        k.extend_from_slice(&[(cp >> 16) as u8, (cp >> 8) as u8, cp as u8]);
    }
    k
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reading(name: &str) -> String {
        readings(name)
            .into_iter()
            .take(surname(name).map(|(s, _)| s.chars().count()).unwrap_or(1))
            .map(|(_, p)| plain(&p.unwrap()))
            .collect()
    }

    #[test]
    fn surnames_take_their_surname_reading() {
        let expected = [
            // surnames with a reading of their own
            ("曾伟", "zeng"),
            ("单明", "shan"),
            ("解放", "xie"),
            ("仇英", "qiu"),
            ("查良", "zha"),
            ("翟强", "zhai"),
            ("区华", "ou"),
            ("覃敏", "qin"),
            ("尉迟恭", "yuchi"),
            ("朴勇", "piao"),
            ("盖文", "ge"),
            ("缪斌", "miao"),
            ("乐平", "yue"),
            ("秘书", "bi"),
            ("万俟卨", "moqi"),
            ("长孙无忌", "zhangsun"),
            ("澹台明", "tantai"),
            ("宓平", "fu"),
            ("员青", "yun"),
            ("种师道", "chong"),
            ("繁钦", "po"),
            ("召军", "shao"),
            ("隗林", "wei"),
            ("冼星海", "xian"),
            ("黑军", "he"),
            ("逄勇", "pang"),
            ("莘华", "shen"),
            ("眭林", "sui"),
            ("柏杨", "bai"),
            ("重阳", "chong"),
            ("折兰", "she"),
            ("洗英", "xian"),
            ("宿华", "su"),
            ("能静", "nai"),
            // thirty more
            ("单于平", "chanyu"),
            ("令狐冲", "linghu"),
            ("乐正华", "yuezheng"),
            ("欧阳明", "ouyang"),
            ("上官云", "shangguan"),
            ("尉文", "wei"),
            ("任军", "ren"),
            ("华明", "hua"),
            ("纪平", "ji"),
            ("燕青", "yan"),
            ("句兵", "gou"),
            ("阚泽", "kan"),
            ("訾红", "zi"),
            ("过勇", "guo"),
            ("那英", "na"),
            ("牟平", "mou"),
            ("粘华", "nian"),
            ("贲明", "ben"),
            ("郇军", "huan"),
            ("车辉", "che"),
            ("石磊", "shi"),
            ("沈红", "shen"),
            ("薄熙", "bo"),
            ("都华", "du"),
            ("卜明", "bu"),
            ("蔚华", "yu"),
            ("祭明", "zhai"),
            ("叶飞", "ye"),
            ("曲波", "qu"),
            ("隽华", "juan"),
            ("应勇", "ying"),
            ("褚明", "chu"),
            ("殷红", "yin"),
            ("贾平", "jia"),
            ("谌华", "chen"),
            ("厍军", "she"),
            ("哈军", "ha"),
            ("葛优", "ge"),
            ("强华", "qiang"),
            ("盛明", "sheng"),
        ];
        assert!(expected.len() >= SURNAMES.len().min(34) + 30);
        for (name, want) in expected {
            assert_eq!(reading(name), want, "{name}");
        }
    }

    #[test]
    fn either_reading_finds_the_person() {
        assert_eq!(pinyin_forms("曾伟"), ("zw cw".into(), "zengwei cengwei".into()));
        assert_eq!(pinyin_forms("张三丰"), ("zsf".into(), "zhangsanfeng".into()));
        assert_eq!(pinyin_forms("单明").0, "sm dm");
        assert_eq!(pinyin_forms("尉迟恭").0.split(' ').next(), Some("ycg"));
        // a name that is just a surname-like character keeps its everyday reading
        assert_eq!(surname("曾"), None);
    }

    #[test]
    fn zeng_sorts_among_z_not_among_c() {
        let mut v = vec!["曾伟", "曹明", "常华", "张三", "赵四", "蔡一"];
        v.sort_by_key(|s| pinyin_key(s));
        assert_eq!(v, ["蔡一", "曹明", "常华", "曾伟", "张三", "赵四"]);
        let mut v = vec!["张三丰", "张三", "章华", "张五"];
        v.sort_by_key(|s| pinyin_key(s));
        assert_eq!(v, ["张三", "张三丰", "张五", "章华"]);
    }

    #[test]
    fn strokes_in_writing_order() {
        assert_eq!(strokes('王'), Some("1121"));
        assert_eq!(strokes('毛'), Some("3115"));
        assert_eq!(strokes('于'), Some("112"));
        assert_eq!(strokes('上'), Some("211"));
        assert_eq!(strokes('马'), Some("551"));
        assert_eq!(strokes('邓').map(str::len), Some(4));
    }

    /// The surnames of a published 按姓氏笔画 list (the order used by the NPC's own name lists:
    /// 2 strokes, 3, 4 beginning 王 毛 文 …), shuffled and sorted back.
    #[test]
    fn stroke_order_matches_published_lists() {
        let published = [
            "丁", "卜", "于", "万", "上官", "弓", "马", "王", "井", "韦", "云", "木", "支", "牛", "毛", "仇", "文",
            "方", "尹", "孔", "邓", "艾", "古", "石", "龙", "卢", "叶", "田", "史", "冉", "付", "白", "丛", "包", "冯",
            "兰", "宁", "司马", "边", "邢", "吉", "巩", "朴", "毕", "吕", "朱", "乔", "伍", "任", "华", "向", "全",
            "庄", "刘", "齐", "关", "江", "汤", "许", "阮", "孙", "牟", "严", "苏", "杜", "李", "杨", "连", "肖", "吴",
            "何", "余", "谷", "邹", "应", "辛", "汪", "沈", "宋", "张", "陆", "陈", "邵", "武", "苗", "范", "林",
            "欧阳", "罗", "金", "周", "郑", "单", "孟", "赵", "胡", "钟", "段", "侯", "姜", "洪", "姚", "秦", "袁",
            "聂", "贾", "夏", "顾", "钱", "徐", "高", "郭", "唐", "黄", "曹", "龚", "盛", "崔", "康", "章", "梁", "彭",
            "董", "蒋", "韩", "程", "曾", "谢", "蔡", "廖", "谭", "黎", "潘", "薛", "戴", "魏",
        ];
        assert!(published.len() >= 50);
        let mut shuffled: Vec<&str> = published.iter().rev().copied().collect();
        shuffled.sort_by_key(|s| stroke_key(&format!("{s}某")));
        assert_eq!(shuffled, published);
    }
}
