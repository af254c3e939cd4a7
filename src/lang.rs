//! The two languages the tool speaks, and choosing one from the locale.

use std::sync::OnceLock;

use serde::Serialize;

use crate::rules::Text;

/// The language of the tool's own messages, set once when the command line
/// is read, so that an error raised deep down speaks the user's language.
static CURRENT: OnceLock<Lang> = OnceLock::new();

/// Sets the language of messages; the first call wins.
pub fn set_current(lang: Lang) {
    let _ = CURRENT.set(lang);
}

/// The language of messages: English until the command line sets it (for
/// the library used on its own).
pub fn current() -> Lang {
    CURRENT.get().copied().unwrap_or(Lang::En)
}

/// A message in the current language.
pub fn tr(zh: impl Into<String>, en: impl Into<String>) -> String {
    match current() {
        Lang::Zh => zh.into(),
        Lang::En => en.into(),
    }
}

/// The language a command line asks for, read before the command line is
/// parsed so that `--help` and parse errors speak it too: `--lang X`, else
/// the locale.
pub fn from_args_and_env(args: &[std::ffi::OsString]) -> Lang {
    let mut args = args.iter().filter_map(|a| a.to_str());
    while let Some(arg) = args.next() {
        let value = match arg.strip_prefix("--lang") {
            Some("") => args.next(),
            Some(rest) => rest.strip_prefix('='),
            None => None,
        };
        match value {
            Some("zh") => return Lang::Zh,
            Some("en") => return Lang::En,
            _ => {}
        }
    }
    Lang::from_locale(|name| std::env::var(name).ok())
}

/// Output and prompt language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// Chinese unless the locale asks for English, with the usual precedence:
    /// `LC_ALL`, then `LC_MESSAGES`, then `LANG`; the first one set decides.
    pub fn from_locale(var: impl Fn(&str) -> Option<String>) -> Lang {
        let locale = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|name| var(name))
            .find(|value| !value.is_empty());
        match locale {
            Some(value) if value.to_ascii_lowercase().starts_with("en") => Lang::En,
            _ => Lang::Zh,
        }
    }
}

impl Text {
    /// This text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Zh => &self.zh,
            Lang::En => &self.en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| (*v).to_owned())
        }
    }

    #[test]
    fn chinese_unless_the_locale_is_english() {
        assert_eq!(Lang::from_locale(env(&[])), Lang::Zh);
        assert_eq!(Lang::from_locale(env(&[("LANG", "zh_CN.UTF-8")])), Lang::Zh);
        assert_eq!(Lang::from_locale(env(&[("LANG", "en_US.UTF-8")])), Lang::En);
        assert_eq!(Lang::from_locale(env(&[("LANG", "C.UTF-8")])), Lang::Zh);
    }

    #[test]
    fn lc_all_wins_over_lang_and_empty_values_are_skipped() {
        let vars = [("LC_ALL", "zh_CN.UTF-8"), ("LANG", "en_GB.UTF-8")];
        assert_eq!(Lang::from_locale(env(&vars)), Lang::Zh);
        let vars = [("LC_ALL", ""), ("LANG", "en_GB.UTF-8")];
        assert_eq!(Lang::from_locale(env(&vars)), Lang::En);
    }
}
