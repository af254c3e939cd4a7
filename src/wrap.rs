//! Text wrapped to a width in columns, for the terminal: Chinese breaks
//! between characters and English at spaces (Unicode line breaking, by
//! display width), and a URL is never broken, so it can still be clicked and
//! copied. The page writers and the prompts both wrap through [`fill`].

use std::ops::Range;

use textwrap::core::{Word, display_width};
use textwrap::{WordSeparator, WrapAlgorithm};
use unicode_width::UnicodeWidthChar as _;

/// This many columns or fewer after the indent would leave a narrow column
/// of a few characters a line: the text is then indented but not wrapped.
const NARROWEST: usize = 10;

/// `text` wrapped to `width` columns, its first line after `first` and every
/// other line after `rest`. A URL stays whole on one line, on a line of its
/// own (and past the width) when it is wider than the width; every other
/// line fits. Without a width, or one too narrow for the indent, the lines
/// of `text` are only indented.
pub fn fill(text: &str, width: Option<usize>, first: &str, rest: &str) -> String {
    let room = |indent: &str| width.map(|w| w.saturating_sub(display_width(indent)));
    let (first_room, rest_room) = match (room(first), room(rest)) {
        (Some(f), Some(r)) if f.min(r) > NARROWEST => (Some(f), Some(r)),
        _ => (None, None),
    };
    let mut lines = Vec::new();
    for (i, line) in text.lines().enumerate() {
        match (first_room, rest_room) {
            // Only the text's first line starts after `first`.
            (Some(f), Some(r)) if i == 0 => lines.extend(wrap_line(line, &[f, r])),
            (_, Some(r)) => lines.extend(wrap_line(line, &[r])),
            _ => lines.push(line.to_owned()),
        }
    }
    let mut out = first.to_owned();
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
            // An empty line stays empty: no trailing spaces.
            if !line.is_empty() {
                out.push_str(rest);
            }
        }
        out.push_str(line);
    }
    out
}

/// One line of text in lines as wide as `rooms` says (its last width
/// repeats). A word too wide for a line, such as a long id, is broken
/// between characters; a URL never is.
fn wrap_line(line: &str, rooms: &[usize]) -> Vec<String> {
    let narrowest = rooms.iter().copied().min().unwrap_or_default();
    let mut words = Vec::new();
    for word in url_words(line) {
        if word.width > narrowest && urls(&word).is_empty() {
            words.extend(word.break_apart(narrowest));
        } else {
            words.push(word);
        }
    }
    // First fit, not textwrap's optimal fit: optimal fit lets a line run a
    // few columns past the width when that evens out the paragraph, which a
    // terminal shows as a broken line. First fit overflows only for a word
    // wider than the line, which here is only ever a URL.
    WrapAlgorithm::FirstFit
        .wrap(&words, rooms)
        .into_iter()
        .map(|row| {
            let mut text = String::new();
            for (i, word) in row.iter().enumerate() {
                text.push_str(word.word);
                if i + 1 < row.len() {
                    text.push_str(word.whitespace);
                }
            }
            text
        })
        .collect()
}

/// The words of `line` between the places Unicode line breaking allows a
/// break, except those inside a URL: a URL's word is the URL with whatever
/// may not be parted from it (an opening bracket before it, a full stop or a
/// closing bracket after it).
fn url_words(line: &str) -> Vec<Word<'_>> {
    let urls = urls(line);
    let mut words = Vec::new();
    let (mut start, mut end) = (0, 0);
    for word in WordSeparator::UnicodeBreakProperties.find_words(line) {
        // The words are contiguous: together they are the whole line.
        end += word.word.len() + word.whitespace.len();
        if !urls.iter().any(|url| url.start < end && end < url.end) {
            words.push(Word::from(&line[start..end]));
            start = end;
        }
    }
    words
}

/// Where the URLs in `text` are: each from `http://` or `https://` up to
/// whitespace, a wide character (Chinese, or full-width punctuation such as
/// `，` `。` `）` `」`) or a closing bracket or quote.
fn urls(text: &str) -> Vec<Range<usize>> {
    text.match_indices("http")
        .map(|(at, _)| at)
        .filter(|&at| text[at..].starts_with("http://") || text[at..].starts_with("https://"))
        .map(|at| {
            let url = &text[at..];
            at..at + url.find(ends_url).unwrap_or(url.len())
        })
        .collect()
}

fn ends_url(c: char) -> bool {
    c.is_whitespace()
        || c.width() == Some(2)
        || matches!(c, ')' | ']' | '}' | '>' | '"' | '\'' | '”' | '’')
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHINESE: &str = "如果运营商在十五日内没有答复或者你对答复不满意，可以向所在省的通信管理局申诉，申诉时准备好工单号、扣费截图和与客服的通话记录。";
    const MIXED: &[&str] = &[
        "申诉渠道：网站 https://yhssglxt.miit.gov.cn。电话有两个可能的号码：申诉受理电话历来是12300；2020年起工信部把三条政务热线（含12300）整合为12381一号对外。",
        "工业和信息化部“明白办、放心用”行动（新华社2025-04-30） http://slrbs.com/news/guonei/2025-05-01/1664424.html · 可信度 高 · 来源核对于 2026-12-01",
        "联通“十六项举措”（C114/飞象网，http://mqhcj.cn/html/2025-7-25/1714670.htm）只说“规范业务退订办理流程，符合办理条件的当场办结”",
        "Call 10086 and say \"human\" to reach an agent (users over 65 are put through directly); read them the text below and write down the ticket number.",
        "The appeal form is at https://yhssglxt.miit.gov.cn/web/index.html, or call 12300 (see \"https://www.miit.gov.cn/jgsj/txs/\") and ask for the contract.",
    ];

    fn long_tokens() -> Vec<String> {
        let url = format!(
            "https://zxb.ccn.com.cn/html/zxb/{}index.html",
            "2025-05-21/".repeat(12)
        );
        let id = "GD2025050112345678ABCDEF".repeat(6);
        vec![
            format!("来源：{url}（工信微报转述）· 可信度 高"),
            format!("Keep the ticket number {id} and the link {url} for the appeal."),
            format!("工单号{id}请保存"),
        ]
    }

    /// A line may run past the width only when it holds one URL and nothing
    /// else but punctuation that may not be parted from it.
    fn only_a_url(line: &str) -> bool {
        let urls = urls(line);
        let around = |s: &str| s.chars().all(|c| c.is_whitespace() || !c.is_alphanumeric());
        match urls.as_slice() {
            [url] => around(&line[..url.start]) && around(&line[url.end..]),
            _ => false,
        }
    }

    fn squeezed(text: &str) -> String {
        text.chars().filter(|c| !c.is_whitespace()).collect()
    }

    #[test]
    fn urls_stay_whole_and_everything_else_fits_the_width() {
        let mut texts = vec![CHINESE.to_owned()];
        texts.extend(MIXED.iter().map(|&t| t.to_owned()));
        texts.extend(long_tokens());
        for width in [20, 40, 80, 120] {
            for text in &texts {
                let wrapped = fill(text, Some(width), "  - ", "    ");
                for line in wrapped.lines() {
                    assert!(
                        display_width(line) <= width || only_a_url(line),
                        "{width}: {line:?} in\n{wrapped}"
                    );
                }
                for url in urls(text) {
                    let url = &text[url];
                    assert!(
                        wrapped.lines().any(|l| l.contains(url)),
                        "{width}: {url} broken in\n{wrapped}"
                    );
                }
                assert_eq!(squeezed(&wrapped), format!("-{}", squeezed(text)));
            }
        }
    }

    #[test]
    fn a_url_ends_at_whitespace_chinese_or_a_closing_bracket_or_quote() {
        let found = |text: &str| -> Vec<String> {
            urls(text).into_iter().map(|r| text[r].to_owned()).collect()
        };
        assert_eq!(found("网站 https://a.cn/x。电话"), ["https://a.cn/x"]);
        assert_eq!(
            found("（http://a.cn/2025-05-01/1.html）"),
            ["http://a.cn/2025-05-01/1.html"]
        );
        assert_eq!(
            found("(see http://a.cn/b) and “https://c.cn”"),
            ["http://a.cn/b", "https://c.cn"]
        );
        assert_eq!(
            found("「http://a.cn」见http://b.cn"),
            ["http://a.cn", "http://b.cn"]
        );
        assert!(found("httpx://a.cn and http:/a.cn").is_empty());
    }

    #[test]
    fn a_url_that_does_not_fit_goes_on_a_line_of_its_own() {
        let url = "http://slrbs.com/news/guonei/2025-05-01/1664424.html";
        let text = format!("新华社2025-04-30 {url} 可信度 高");
        assert_eq!(
            fill(&text, Some(30), "", ""),
            format!("新华社2025-04-30\n{url}\n可信度 高")
        );
        // It fits the width alone: it moves to the next line rather than break.
        let wrapped = fill(&format!("the source: {url} (checked)"), Some(56), "", "");
        assert_eq!(wrapped, format!("the source:\n{url}\n(checked)"));
    }

    #[test]
    fn without_a_width_lines_are_only_indented() {
        assert_eq!(fill("一\n\n二", None, "  * ", "    "), "  * 一\n\n    二");
        assert_eq!(fill("", Some(80), "  1. ", "     "), "  1. ");
        // Too narrow for the indent: not wrapped rather than a column of words.
        assert_eq!(
            fill("a b c d e f", Some(12), "    ", "    "),
            "    a b c d e f"
        );
    }
}
