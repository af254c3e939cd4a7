//! The two languages the tool speaks, choosing one from the locale, and the
//! words of the results in each.

use serde::Serialize;

/// Output and prompt language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
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

    /// A message in this language: the one way the tool writes a sentence
    /// in two languages. The fixed words of a result are in [`words`].
    pub fn tr(self, zh: impl Into<String>, en: impl Into<String>) -> String {
        self.pick(zh.into(), en.into())
    }

    /// `zh` or `en`, whichever is in this language.
    pub fn pick<T>(self, zh: T, en: T) -> T {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
    }
}

/// Words of the text format, in both languages.
pub struct Words {
    pub diagnosis: &'static str,
    pub causes: &'static str,
    pub no_cause: &'static str,
    pub none_certain: &'static str,
    pub possible: &'static str,
    pub check: &'static str,
    pub ask_on_the_phone: &'static str,
    pub if_confirmed: &'static str,
    pub standing: &'static str,
    pub confirm: &'static str,
    pub steps: &'static str,
    pub script: &'static str,
    pub hotline_ask: &'static str,
    pub hotline_note: &'static str,
    pub evidence: &'static str,
    pub prevention: &'static str,
    pub timeline: &'static str,
    pub escalation: &'static str,
    pub your_answers: &'static str,
    pub sources: &'static str,
    pub check_official: &'static str,
    pub check_published: &'static str,
    pub confidence: &'static str,
    pub verified: &'static str,
    pub more_answers: &'static str,
    pub go_on_with: &'static str,
    pub now: &'static str,
    pub now_again: &'static str,
    pub letter: &'static str,
    pub more_with_full: &'static str,
    pub on_the_phone: &'static str,
    pub say: &'static str,
}

const ZH: Words = Words {
    diagnosis: "诊断结果",
    causes: "可能原因",
    no_cause: "暂时无法确定原因",
    none_certain: "还没有确定的原因：你不确定的几项，下面列出怎么确认",
    possible: "可能的原因（需要先确认）",
    check: "怎么确认",
    ask_on_the_phone: "打电话确认时可以这样问",
    if_confirmed: "如果确认是这个原因",
    standing: "你现在到了哪一步",
    confirm: "怎么确认是这个原因",
    steps: "怎么做",
    script: "打电话时可以照着说",
    hotline_ask: "通话时要提出",
    hotline_note: "通话时要记下",
    evidence: "请保留这些证据",
    prevention: "以后怎么避免",
    timeline: "时间线",
    escalation: "仍未解决时，逐级升级",
    your_answers: "你的回答",
    sources: "依据",
    check_official: "请以官方APP/客服为准",
    check_published: "请以官方公布的为准",
    confidence: "可信度",
    verified: "来源核对于",
    more_answers: "还需要回答",
    go_on_with: "补上答案后再运行",
    now: "现在就做",
    on_the_phone: "打电话时",
    say: "可以照着说：",
    now_again: "再说一遍：现在就做",
    letter: "信可以这样写好（加上同样的回答；个人信息留空并标出）：",
    more_with_full: "加 --full 看每一级的全部步骤、以后怎么避免，和每条依据的出处与网址。",
};

const EN: Words = Words {
    diagnosis: "Diagnosis",
    causes: "Likely cause",
    no_cause: "The cause cannot be told yet",
    none_certain: "No cause is certain yet: for what you were not sure of, how to check is below",
    possible: "Possible causes (check these first)",
    check: "How to check",
    ask_on_the_phone: "What to ask on the phone",
    if_confirmed: "If it turns out to be this",
    standing: "Where you stand",
    confirm: "How to confirm it",
    steps: "What to do",
    script: "What to say on the phone",
    hotline_ask: "On the call, ask for",
    hotline_note: "On the call, note down",
    evidence: "Evidence to keep",
    prevention: "Next time",
    timeline: "Timeline",
    escalation: "If it is still not solved, escalate step by step",
    your_answers: "Your answers",
    sources: "Sources",
    check_official: "confirm in the official app or with customer service",
    check_published: "confirm with the official source",
    confidence: "confidence",
    verified: "source checked on",
    more_answers: "more answers needed",
    go_on_with: "go on with",
    now: "Do this now",
    on_the_phone: "On the phone",
    say: "Say: ",
    now_again: "Again: do this now",
    letter: "The letter can be written for you (with the same answers; personal details are left as marked blanks): ",
    more_with_full: "--full shows every step of each rung, how to avoid this, and each source's address.",
};

pub fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
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
