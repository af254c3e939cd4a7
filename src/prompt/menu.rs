//! A menu fitted to the screen before it is drawn. The menu (dialoguer's)
//! clears what it drew by counting line breaks, and counts each line's
//! length in bytes; a line the terminal wrapped itself, or a menu taller
//! than the screen, leaves lines it cannot clear, and the question scrolls
//! away. So the question and each choice are broken into lines here, each
//! short enough in columns and in bytes, and a menu that would be taller
//! than the screen is shown in pages that fit.

use crate::wrap;

/// What the theme writes around the question: "? " before and " ›" after
/// (and "✔ ", " ·" once answered).
const MARKS: usize = 6;
/// What the menu adds after the question when it shows pages: " [Page 10/12] ".
const PAGE_MARK: usize = 14;
/// What the menu writes before a choice, in bytes: "❯ " takes four (the
/// plain theme's "> " two); in a checkbox menu "❯ ⬚ " takes eight (the plain
/// theme's "> [ ] " six).
const ITEM_MARK: usize = 4;
const CHECKBOX_MARK: usize = 8;
/// Lines are not made narrower than this: a terminal narrower still wraps.
const NARROWEST: usize = 20;

/// A question and its choices as the menu draws them.
#[derive(Debug, PartialEq)]
pub struct Menu {
    pub prompt: String,
    pub labels: Vec<String>,
    /// The menu's `max_length`: how many choices a page holds. `None` when
    /// the screen's height is unknown.
    pub max_length: Option<usize>,
}

/// Fits a menu to a screen of `columns` by `rows` (either unknown). `None`
/// when the screen is too low for any menu (under three rows, where the menu
/// itself would fail): the choices are then listed and answered by number.
/// A checkbox menu (`checkboxes`) has a wider mark before each choice.
pub fn fit(
    prompt: &str,
    labels: &[String],
    columns: Option<usize>,
    rows: Option<usize>,
    checkboxes: bool,
) -> Option<Menu> {
    if rows.is_some_and(|r| r < 3) {
        return None;
    }
    let (mark, indent) = if checkboxes {
        (CHECKBOX_MARK, "    ")
    } else {
        (ITEM_MARK, "  ")
    };
    let labels: Vec<String> = labels
        .iter()
        .map(|l| label(l, columns, mark, indent))
        .collect();
    let Some(rows) = rows else {
        return Some(Menu {
            prompt: wrapped(prompt, columns, MARKS),
            labels,
            max_length: None,
        });
    };
    let heights: Vec<usize> = labels.iter().map(|l| l.lines().count().max(1)).collect();
    // One line stays free for the cursor after the last choice.
    let room = |prompt: &str| rows.saturating_sub(prompt.lines().count() + 1).max(1);
    let whole = wrapped(prompt, columns, MARKS);
    if heights.iter().sum::<usize>() <= room(&whole) {
        return Some(Menu {
            max_length: Some(labels.len()),
            prompt: whole,
            labels,
        });
    }
    // Paged: the question leaves room for the page number after it.
    let prompt = wrapped(prompt, columns, MARKS + PAGE_MARK);
    // As many choices as fit when each is as tall as the tallest: every
    // page fits, and the count is found in one pass over the choices.
    let tallest = heights.iter().copied().max().unwrap_or(1);
    let per_page = (room(&prompt) / tallest).max(1);
    Some(Menu {
        prompt,
        labels,
        max_length: Some(per_page),
    })
}

/// A question to type an answer to, broken into lines that fit with the
/// theme's marks.
pub fn question(prompt: &str, columns: Option<usize>) -> String {
    wrapped(prompt, columns, MARKS)
}

/// The question broken into lines that leave `marks` columns for the theme.
fn wrapped(prompt: &str, columns: Option<usize>, marks: usize) -> String {
    let width = columns.map(|w| w.saturating_sub(marks).max(NARROWEST));
    wrap::fill(prompt, width, "", "  ")
}

/// A choice broken into lines that fit after the menu's `mark` (in bytes),
/// continued under its start after `indent`; each line also fits in bytes
/// (a Chinese character is three bytes and two columns), since the menu
/// measures lines in bytes.
fn label(text: &str, columns: Option<usize>, mark: usize, indent: &str) -> String {
    let Some(columns) = columns else {
        return text.to_owned();
    };
    let fits = |text: &str| text.lines().all(|l| l.len() + mark <= columns);
    let mut width = columns.saturating_sub(mark);
    loop {
        let wrapped = wrap::fill(text, Some(width), "", indent);
        if fits(&wrapped) || width <= NARROWEST {
            return wrapped;
        }
        width -= 4;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|t| (*t).to_owned()).collect()
    }

    #[test]
    fn a_menu_that_fits_is_one_page_of_every_choice() {
        let menu = fit(
            "运营商？",
            &labels(&["移动", "联通", "电信"]),
            Some(80),
            Some(24),
            false,
        )
        .unwrap();
        assert_eq!(menu.max_length, Some(3));
        assert_eq!(menu.prompt, "运营商？");
    }

    #[test]
    fn a_menu_taller_than_the_screen_is_paged_so_each_page_fits() {
        let long = "一个很长的选项，在四十列的终端里要占好几行才能写完，一行放不下";
        let many: Vec<String> = (0..12).map(|i| format!("{long}{i}")).collect();
        let rows = 24;
        let menu = fit(
            "你在退订时遇到了什么情况？",
            &many,
            Some(40),
            Some(rows),
            true,
        )
        .unwrap();
        let per_page = menu.max_length.unwrap();
        assert!(per_page < many.len(), "paged: {per_page} of {}", many.len());
        let prompt_lines = menu.prompt.lines().count();
        for page in menu.labels.chunks(per_page) {
            let lines: usize = page.iter().map(|l| l.lines().count()).sum();
            assert!(
                prompt_lines + lines < rows,
                "{prompt_lines} + {lines} lines"
            );
        }
        for line in menu.labels.iter().flat_map(|l| l.lines()) {
            assert!(line.len() + CHECKBOX_MARK <= 40, "{line:?}");
        }
    }

    #[test]
    fn a_screen_under_three_rows_has_no_menu() {
        assert_eq!(
            fit("?", &labels(&["a", "b"]), Some(80), Some(2), false),
            None
        );
    }

    #[test]
    fn an_unknown_size_leaves_the_menu_as_written() {
        let menu = fit("q", &labels(&["a b c"]), None, None, false).unwrap();
        assert_eq!((menu.labels[0].as_str(), menu.max_length), ("a b c", None));
    }
}
