//! A page of output for people, in one of three looks: a terminal (color,
//! Unicode bullets, wrapped to its width), plain (no color, ASCII only, for
//! screen readers, logs and TERM=dumb) or Markdown (for pasting into a chat
//! or a note). The writers say what they write; the page says how it looks.
//! Every text passes through [`visible`] first, so rule texts cannot act on
//! the terminal.

use std::io::{self, Write};

use colored::Colorize as _;

use crate::visible::visible;
use crate::wrap;

fn display_width(text: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(text)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    Terminal,
    Plain,
    Markdown,
}

pub struct Page<'a, W: Write> {
    out: &'a mut W,
    look: Look,
    /// Wrap lines to this many columns: the terminal's, or `COLUMNS`.
    width: Option<usize>,
}

impl<'a, W: Write> Page<'a, W> {
    pub fn new(out: &'a mut W, look: Look, width: Option<usize>) -> Page<'a, W> {
        Page { out, look, width }
    }

    pub fn look(&self) -> Look {
        self.look
    }

    /// `text` wrapped to the width, the first line after `first`, the others
    /// after `rest`. Markdown is never wrapped: the reader's app wraps it.
    fn wrapped(&self, text: &str, first: &str, rest: &str) -> String {
        let width = match self.look {
            Look::Terminal | Look::Plain => self.width,
            Look::Markdown => None,
        };
        wrap::fill(text, width, first, rest)
    }

    pub fn line(&mut self, text: &str) -> io::Result<()> {
        let text = &*visible(text);
        writeln!(self.out, "{text}")
    }

    /// The page's title.
    pub fn title(&mut self, text: &str) -> io::Result<()> {
        let text = &*visible(text);
        match self.look {
            Look::Terminal => writeln!(self.out, "{}", text.bold()),
            Look::Plain => writeln!(self.out, "{text}"),
            Look::Markdown => writeln!(self.out, "# {text}"),
        }
    }

    pub fn heading(&mut self, text: &str) -> io::Result<()> {
        let text = &*visible(text);
        match self.look {
            Look::Terminal => writeln!(self.out, "\n{}", text.cyan().bold()),
            Look::Plain => writeln!(self.out, "\n{text}"),
            Look::Markdown => writeln!(self.out, "\n## {text}\n"),
        }
    }

    /// A group within a section, such as one cause's steps.
    pub fn group(&mut self, text: &str) -> io::Result<()> {
        let text = &*visible(text);
        match self.look {
            Look::Terminal => writeln!(self.out, "  {}", text.yellow()),
            Look::Plain => writeln!(self.out, "  {text}:"),
            Look::Markdown => writeln!(self.out, "\n**{text}**\n"),
        }
    }

    /// A found cause: its title, then why.
    pub fn finding(&mut self, title: &str, explanation: &str) -> io::Result<()> {
        let title = &*visible(title);
        let explanation = &*visible(explanation);
        match self.look {
            Look::Terminal => writeln!(self.out, "  {} {}", "●".yellow(), title.yellow().bold())?,
            Look::Plain => writeln!(self.out, "  * {title}")?,
            Look::Markdown => writeln!(self.out, "- **{title}**")?,
        }
        let indent = match self.look {
            Look::Markdown => "  ",
            _ => "    ",
        };
        writeln!(self.out, "{}", self.wrapped(explanation, indent, indent))
    }

    pub fn item(&mut self, text: &str) -> io::Result<()> {
        let text = &*visible(text);
        let (first, rest) = match self.look {
            Look::Terminal => ("  • ", "    "),
            Look::Plain => ("  - ", "    "),
            Look::Markdown => ("- ", "  "),
        };
        writeln!(self.out, "{}", self.wrapped(text, first, rest))
    }

    /// An item to tick off, such as a piece of evidence.
    pub fn check(&mut self, text: &str) -> io::Result<()> {
        match self.look {
            Look::Markdown => writeln!(self.out, "- [ ] {}", visible(text)),
            _ => self.item(text),
        }
    }

    pub fn numbered(&mut self, number: usize, text: &str) -> io::Result<()> {
        let text = &*visible(text);
        let first = match self.look {
            Look::Markdown => format!("{number}. "),
            _ => format!("  {number:>2}. "),
        };
        let rest = " ".repeat(first.chars().count());
        let body = self.wrapped(text, &first, &rest);
        match self.look {
            // Bold the number only: the rest stays readable when wrapped.
            Look::Terminal => {
                let (head, tail) = body.split_at(first.len());
                writeln!(self.out, "{}{tail}", head.bold())
            }
            _ => writeln!(self.out, "{body}"),
        }
    }

    /// A numbered item in one line and `suffix` after it, for a recap of
    /// what was said in full above: without its asides in parentheses, and
    /// cut (with `…`) after the last clause that fits, so that what is left
    /// still reads as a whole.
    pub fn numbered_short(&mut self, number: usize, text: &str, suffix: &str) -> io::Result<()> {
        let first = match self.look {
            Look::Markdown => format!("{number}. "),
            _ => format!("  {number:>2}. "),
        };
        let short = self.one_line(&without_asides(text), &first, suffix);
        let short = match short.strip_suffix('…') {
            Some(cut) => match cut.rfind(['，', '；', '：', '。', ',', ';']) {
                // A clause boundary past the first third keeps enough to act on.
                Some(at) if cut[..at].chars().count() * 3 >= cut.chars().count() => {
                    format!("{}…", &cut[..at])
                }
                _ => short,
            },
            None => short,
        };
        let suffix = &*visible(suffix);
        match self.look {
            Look::Terminal => writeln!(self.out, "{}{short}{}", first.bold(), suffix.dimmed()),
            _ => writeln!(self.out, "{first}{short}{suffix}"),
        }
    }

    /// An item cut to one line (with `…`), `suffix` after it.
    pub fn item_short(&mut self, text: &str, suffix: &str) -> io::Result<()> {
        let first = match self.look {
            Look::Terminal => "  • ",
            Look::Plain => "  - ",
            Look::Markdown => "- ",
        };
        let short = self.one_line(text, first, suffix);
        let suffix = &*visible(suffix);
        match self.look {
            Look::Terminal => writeln!(self.out, "{first}{short}{}", suffix.dimmed()),
            _ => writeln!(self.out, "{first}{short}{suffix}"),
        }
    }

    /// A secondary line cut to one line (with `…`); a list joined by
    /// arrows loses whole items, never part of one.
    pub fn note_short(&mut self, text: &str) -> io::Result<()> {
        let indent = match self.look {
            Look::Markdown => "  ",
            _ => "      ",
        };
        let mut short = self.one_line(text, indent, "");
        if let Some(cut) = short.strip_suffix('…')
            && let Some(at) = cut.rfind(" → ")
        {
            short = format!("{} → …", &cut[..at]);
        }
        match self.look {
            Look::Terminal => writeln!(self.out, "{}", format!("{indent}{short}").dimmed()),
            _ => writeln!(self.out, "{indent}{short}"),
        }
    }

    /// `text` cut so that `lead`, it and `suffix` fit one line of the width
    /// (of an 80-column terminal when there is none), ending with `…` when cut.
    fn one_line(&self, text: &str, lead: &str, suffix: &str) -> String {
        let text = visible(text);
        let room = self
            .width
            .unwrap_or(80)
            .saturating_sub(display_width(lead) + display_width(&visible(suffix)))
            .max(10);
        if display_width(&text) <= room {
            return text.into_owned();
        }
        let mut short = String::new();
        let mut used = 1; // the `…`
        for c in text.chars() {
            let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if used + w > room {
                break;
            }
            used += w;
            short.push(c);
        }
        short.push('…');
        short
    }

    /// A secondary line under an item, such as a source's details.
    pub fn note(&mut self, text: &str) -> io::Result<()> {
        let text = &*visible(text);
        let indent = match self.look {
            Look::Markdown => "  ",
            _ => "      ",
        };
        let body = self.wrapped(text, indent, indent);
        match self.look {
            Look::Terminal => writeln!(self.out, "{}", body.dimmed()),
            _ => writeln!(self.out, "{body}"),
        }
    }

    /// A line that stands out: good news (`ok`) or a warning.
    pub fn status(&mut self, text: &str, ok: bool) -> io::Result<()> {
        let text = &*visible(text);
        let body = self.wrapped(text, "  ", "    ");
        match (self.look, ok) {
            (Look::Terminal, true) => writeln!(self.out, "{}", body.green()),
            (Look::Terminal, false) => writeln!(self.out, "{}", body.yellow()),
            (Look::Markdown, _) => writeln!(self.out, "- {text}"),
            (Look::Plain, _) => writeln!(self.out, "{body}"),
        }
    }
}

/// `text` without its asides in full-width or ASCII parentheses (and the
/// space before an ASCII one): a recap keeps the action, not its details.
fn without_asides(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    if depth > 0 {
        // An aside never closed: nothing was an aside after all.
        return text.to_owned();
    }
    out.replace("  ", " ")
        .replace(" ,", ",")
        .replace(" ;", ";")
        .replace(" :", ":")
        .replace(" .", ".")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(look: Look, width: Option<usize>, f: impl Fn(&mut Page<Vec<u8>>)) -> String {
        colored::control::set_override(false);
        let mut out = Vec::new();
        f(&mut Page::new(&mut out, look, width));
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn escape_sequences_in_texts_are_shown_not_sent() {
        let text = "清屏\x1b[2J改标题\x1b]0;title\x07";
        for look in [Look::Terminal, Look::Plain, Look::Markdown] {
            let page = render(look, Some(80), |p| {
                p.title(text).unwrap();
                p.finding(text, text).unwrap();
                p.numbered(1, text).unwrap();
                p.check(text).unwrap();
                p.note(text).unwrap();
            });
            assert!(
                !page.contains('\x07') && !page.contains("\x1b]"),
                "{page:?}"
            );
            assert!(
                page.contains("\\x1b[2J") && page.contains("\\x1b]0;title\\x07"),
                "{page}"
            );
        }
    }

    #[test]
    fn a_recap_line_drops_asides_and_ends_at_a_clause() {
        let text = "拨打10086，按语音提示说“人工”转人工客服（65岁以上用户可一键呼入人工），照着“打电话时”一节的话讲，要求当场退订这个流量包，记下工单号。";
        for width in [50, 60, 80, 100] {
            let page = render(Look::Plain, Some(width), |p| {
                p.numbered_short(1, text, "").unwrap()
            });
            assert!(!page.contains("65岁"), "{page}");
            // What is kept ends where a clause of the text ends.
            let kept = page.trim().trim_start_matches("1. ").trim_end_matches('…');
            assert!(
                text.replace("（65岁以上用户可一键呼入人工）", "")
                    .starts_with(&format!("{kept}，")),
                "{page}"
            );
            assert!(
                textwrap::core::display_width(page.trim_end()) <= width,
                "{page}"
            );
        }
        let fits = render(Look::Plain, Some(200), |p| {
            p.numbered_short(1, "Call 10086 (or 1008611), then ask.", "")
                .unwrap()
        });
        assert_eq!(fits, "   1. Call 10086, then ask.\n");
    }

    #[test]
    fn chinese_wraps_between_characters_within_the_width() {
        let text = "拨打10086，按语音提示说“人工”转人工客服（65岁以上用户可一键呼入人工），照着下面的话讲，记下工单号。";
        let page = render(Look::Plain, Some(30), |p| p.numbered(1, text).unwrap());
        assert!(page.lines().count() > 2, "{page}");
        for line in page.lines() {
            assert!(textwrap::core::display_width(line) <= 30, "{line:?}");
        }
        assert!(
            page.lines().skip(1).all(|l| l.starts_with("      ")),
            "{page}"
        );
    }

    #[test]
    fn plain_is_ascii_around_the_text_and_markdown_is_markdown() {
        let plain = render(Look::Plain, None, |p| {
            p.finding("合约期限制", "说明").unwrap();
            p.item("证据").unwrap();
        });
        assert_eq!(plain, "  * 合约期限制\n    说明\n  - 证据\n");
        let markdown = render(Look::Markdown, Some(20), |p| {
            p.heading("怎么做").unwrap();
            p.numbered(1, "拨打10086").unwrap();
            p.check("截图").unwrap();
        });
        assert_eq!(markdown, "\n## 怎么做\n\n1. 拨打10086\n- [ ] 截图\n");
    }
}
