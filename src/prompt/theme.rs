//! The colored look of the prompts: dialoguer's colorful theme, with one
//! change. Its checkbox menu marks the choice under the cursor by color
//! alone, which a reader who does not see the color (or a screen reader)
//! misses; here that choice also gets the `❯` every single-choice menu has.

use std::fmt;

use dialoguer::theme::{ColorfulTheme, Theme};

/// The colorful theme with the cursor's mark in checkbox menus.
#[derive(Default)]
pub struct Marked(ColorfulTheme);

impl Theme for Marked {
    fn format_prompt(&self, f: &mut dyn fmt::Write, prompt: &str) -> fmt::Result {
        self.0.format_prompt(f, prompt)
    }

    fn format_error(&self, f: &mut dyn fmt::Write, err: &str) -> fmt::Result {
        self.0.format_error(f, err)
    }

    fn format_input_prompt(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        default: Option<&str>,
    ) -> fmt::Result {
        self.0.format_input_prompt(f, prompt, default)
    }

    fn format_input_prompt_selection(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        sel: &str,
    ) -> fmt::Result {
        self.0.format_input_prompt_selection(f, prompt, sel)
    }

    fn format_select_prompt(&self, f: &mut dyn fmt::Write, prompt: &str) -> fmt::Result {
        self.0.format_select_prompt(f, prompt)
    }

    fn format_select_prompt_selection(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        sel: &str,
    ) -> fmt::Result {
        self.0.format_select_prompt_selection(f, prompt, sel)
    }

    fn format_select_prompt_item(
        &self,
        f: &mut dyn fmt::Write,
        text: &str,
        active: bool,
    ) -> fmt::Result {
        self.0.format_select_prompt_item(f, text, active)
    }

    fn format_multi_select_prompt(&self, f: &mut dyn fmt::Write, prompt: &str) -> fmt::Result {
        self.0.format_multi_select_prompt(f, prompt)
    }

    fn format_multi_select_prompt_selection(
        &self,
        f: &mut dyn fmt::Write,
        prompt: &str,
        selections: &[&str],
    ) -> fmt::Result {
        self.0
            .format_multi_select_prompt_selection(f, prompt, selections)
    }

    fn format_multi_select_prompt_item(
        &self,
        f: &mut dyn fmt::Write,
        text: &str,
        checked: bool,
        active: bool,
    ) -> fmt::Result {
        let mark = if active {
            &self.0.active_item_prefix
        } else {
            &self.0.inactive_item_prefix
        };
        write!(f, "{mark} ")?;
        self.0
            .format_multi_select_prompt_item(f, text, checked, active)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_choice_under_the_cursor_has_a_mark_besides_its_color() {
        dialoguer::console::set_colors_enabled(false);
        let theme = Marked::default();
        let item = |active| {
            let mut line = String::new();
            theme
                .format_multi_select_prompt_item(&mut line, "短信", false, active)
                .unwrap();
            line
        };
        assert!(item(true).starts_with('❯'), "{}", item(true));
        assert!(item(false).starts_with("  "), "{}", item(false));
        assert_eq!(item(true).chars().count(), item(false).chars().count());
    }
}
