//! Scripted answers: `--answers ID=VALUE,...` and `--carrier X`, checked
//! against the tree before the walk, and the `--answers` line that replays a
//! walk so far.

use jiff::civil::Date;

use crate::engine::{Answerer, Ask, Reply};
use crate::error::Error;
use crate::lang::Lang;
use crate::rules::DetailKind;
use crate::tree::{Answer, CARRIER_QUESTION, ChoiceSet, NONE, Tree};

/// Answers given up front, each a valid choice of a known question, or a
/// valid value of a case detail.
#[derive(Debug, Clone, Default)]
pub struct Answers {
    /// (question, answer), in the order given.
    given: Vec<(usize, Answer)>,
    /// (detail, value), in the order given.
    details: Vec<(usize, DetailValue)>,
}

/// The value of a case detail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DetailValue {
    Date(Date),
    Text(String),
    Choice(usize),
}

/// `ID=VALUE` pairs from `--answers` arguments (each `ID=VALUE[,ID=VALUE...]`)
/// and the `--carrier` shorthand, not yet checked against the rules.
pub fn pairs_from_args(
    args: &[String],
    carrier: Option<&str>,
    lang: Lang,
) -> Result<Vec<(String, String)>, Error> {
    let mut pairs: Vec<(String, String)> = Vec::new();
    if let Some(carrier) = carrier {
        pairs.push((CARRIER_QUESTION.to_owned(), carrier.trim().to_owned()));
    }
    for arg in args {
        for item in split_items(arg) {
            let item = item.trim();
            if item.is_empty() {
                continue;
            }
            let Some((id, value)) = item.split_once('=') else {
                return Err(Error::Usage(lang.tr(
                    format!("--answers 中的 `{item}` 不是 ID=VALUE 的形式"),
                    format!("`{item}` in --answers is not of the form ID=VALUE"),
                )));
            };
            pairs.push((id.trim().to_owned(), value.trim().to_owned()));
        }
    }
    Ok(pairs)
}

/// The items of one `--answers` word: split at each comma, except one
/// written `\,`, which is a comma in the value (a ticket like
/// `YD 2026(加急),二次`); `\\` is a backslash. Any other backslash stays as
/// it is, so a value with a lone backslash means what it says.
pub fn split_items(arg: &str) -> Vec<String> {
    let mut items = Vec::new();
    let mut item = String::new();
    let mut chars = arg.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if matches!(chars.peek(), Some(',' | '\\')) => item.extend(chars.next()),
            ',' => items.push(std::mem::take(&mut item)),
            _ => item.push(c),
        }
    }
    items.push(item);
    items
}

/// A value as `--answers` reads it back: commas and backslashes escaped.
pub fn escape_value(value: &str) -> String {
    value.replace('\\', "\\\\").replace(',', "\\,")
}

/// The command a replay line repeats around the answers: the words before
/// `--answers` (the subcommand, such as `draft complaint`) and the options
/// after them that the run needs to go on the same way (`--lang`, `--save`,
/// `--out`, `--today`, `--rules`, ...).
#[derive(Debug, Clone, Default)]
pub struct Replay {
    pub command: Vec<String>,
    pub options: Vec<String>,
}

impl Replay {
    /// The command line with these `id=value` pairs, every word quoted for
    /// a POSIX shell (bash, zsh), so that pasting it runs exactly this
    /// command whatever the values hold.
    pub fn line(&self, pairs: &[(String, String)]) -> String {
        let answers = pairs
            .iter()
            .map(|(id, value)| format!("{}={}", escape_value(id), escape_value(value)))
            .collect::<Vec<_>>()
            .join(",");
        let mut words = vec!["unsub-doctor".to_owned()];
        words.extend(self.command.iter().cloned());
        if !answers.is_empty() {
            words.push("--answers".to_owned());
            words.push(answers);
        }
        words.extend(self.options.iter().cloned());
        words
            .iter()
            .map(|w| shell_word(w))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// One word for the shell: as it is when it holds only characters no shell
/// treats specially (`carrier=mobile,symptom=no_option` stays readable),
/// else quoted by shlex. `=` and `~` are special only at a word's start.
fn shell_word(word: &str) -> String {
    let plain = !word.is_empty()
        && !word.starts_with(['=', '~'])
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "_-.,=+:/@".contains(c));
    if plain {
        return word.to_owned();
    }
    // A NUL cannot be in an argument; allowed here so quoting never fails,
    // and shown escaped on the terminal.
    shlex::Quoter::new()
        .allow_nul(true)
        .quote(word)
        .map_or_else(|_| word.to_owned(), |quoted| quoted.into_owned())
}

impl Answers {
    /// Reads `--answers` and `--carrier`. Unknown ids and values are usage
    /// errors that list the valid ones; an id answered twice differently too.
    pub fn parse(
        tree: &Tree,
        args: &[String],
        carrier: Option<&str>,
        lang: Lang,
    ) -> Result<Answers, Error> {
        Answers::from_layers(tree, &[pairs_from_args(args, carrier, lang)?], lang)
    }

    /// Answers from layers of pairs, such as a saved file and then the
    /// command line: a later layer overrides an earlier one; within one
    /// layer an id answered twice differently is an error.
    pub fn from_layers(
        tree: &Tree,
        layers: &[Vec<(String, String)>],
        lang: Lang,
    ) -> Result<Answers, Error> {
        let mut answers = Answers::default();
        for pairs in layers {
            let mut this_layer: Vec<(String, String)> = Vec::new();
            for (id, value) in pairs {
                if let Some((_, earlier)) = this_layer.iter().find(|(i, _)| i == id) {
                    if answers.same_value(tree, id, earlier, value, lang) {
                        continue;
                    }
                    return Err(Error::Usage(lang.tr(
                        format!("`{id}` 回答了两次：`{earlier}` 和 `{value}`"),
                        format!("`{id}` is answered twice: `{earlier}` and `{value}`"),
                    )));
                }
                answers.set(tree, id, value, lang)?;
                this_layer.push((id.clone(), value.clone()));
            }
        }
        Ok(answers)
    }

    /// Whether two spellings give the same answer (`cmcc` and `mobile`).
    fn same_value(&self, tree: &Tree, id: &str, a: &str, b: &str, lang: Lang) -> bool {
        match (tree.question(id), tree.detail(id)) {
            (Some(q), _) => {
                let a = question_answer(tree, q, a, lang).ok();
                a.is_some() && a == question_answer(tree, q, b, lang).ok()
            }
            (None, Some(d)) => {
                detail_value(tree, d, a, lang).ok() == detail_value(tree, d, b, lang).ok()
            }
            _ => false,
        }
    }

    /// Sets one answer, replacing an earlier one for the same id.
    pub fn set(&mut self, tree: &Tree, id: &str, value: &str, lang: Lang) -> Result<(), Error> {
        if let Some(question) = tree.question(id) {
            let answer = question_answer(tree, question, value, lang)?;
            self.set_answer(question, answer);
        } else if let Some(detail) = tree.detail(id) {
            let value = detail_value(tree, detail, value, lang)?;
            self.set_detail(detail, value);
        } else {
            return Err(unknown_question(tree, id, lang));
        }
        Ok(())
    }

    pub fn set_detail(&mut self, detail: usize, value: DetailValue) {
        self.details.retain(|(d, _)| *d != detail);
        self.details.push((detail, value));
    }

    pub fn set_answer(&mut self, question: usize, answer: Answer) {
        self.given.retain(|(q, _)| *q != question);
        self.given.push((question, answer));
    }

    pub fn detail(&self, detail: usize) -> Option<&DetailValue> {
        self.details
            .iter()
            .find(|(d, _)| *d == detail)
            .map(|(_, v)| v)
    }

    /// A detail's value by id, if given.
    pub fn detail_by_id(&self, tree: &Tree, id: &str) -> Option<&DetailValue> {
        tree.detail(id).and_then(|d| self.detail(d))
    }

    /// Every answer as `id`, `value` text: questions in the order given, then details.
    pub fn to_pairs(&self, tree: &Tree) -> Vec<(String, String)> {
        let questions = self
            .given
            .iter()
            .map(|&(q, a)| (tree.questions[q].id.clone(), tree.answer_value(q, a)));
        let details = self.details.iter().map(|(d, value)| {
            let detail = &tree.details[*d];
            let text = match value {
                DetailValue::Date(date) => date.to_string(),
                DetailValue::Text(text) => text.clone(),
                DetailValue::Choice(c) => detail.choices[*c].value.clone(),
            };
            (detail.id.clone(), text)
        });
        questions.chain(details).collect()
    }

    /// Answers already resolved to (question, answer) pairs, as cases hold them.
    pub fn from_pairs(given: Vec<(usize, Answer)>) -> Answers {
        Answers {
            given,
            details: Vec::new(),
        }
    }

    /// The (question, answer) pairs given, in order.
    pub fn question_pairs(&self) -> Vec<(usize, Answer)> {
        self.given.clone()
    }

    /// The given answer to a question.
    pub fn get(&self, question: usize) -> Option<Answer> {
        self.given
            .iter()
            .find(|(q, _)| *q == question)
            .map(|&(_, a)| a)
    }

    /// Answers whose question the walk never asked, as `id=value`.
    pub fn unused(&self, tree: &Tree, trace: &[(usize, Answer)]) -> Vec<String> {
        self.given
            .iter()
            .filter(|(q, _)| !trace.iter().any(|(asked, _)| asked == q))
            .map(|&(q, a)| format!("{}={}", tree.questions[q].id, tree.answer_value(q, a)))
            .collect()
    }
}

impl Answerer for Answers {
    fn answer(&mut self, tree: &Tree, ask: Ask) -> Reply {
        match self.get(ask.question) {
            Some(Answer::One(c)) => Reply::Choice(c),
            Some(Answer::Set(set)) => Reply::Set(set),
            // An optional question asks what the user has already done: a
            // script that does not say gets the advice for none of it, as
            // before the question existed, instead of being stopped.
            None if tree.questions[ask.question].optional => Reply::Set(ChoiceSet::default()),
            None => Reply::Missing,
        }
    }
}

/// A question's answer from text: a value or alias, or for a `multiple`
/// question values and aliases joined by `+`, or `none` for the empty set.
/// Spaces around it are not part of it, wherever it was given (see
/// [`detail_value`]).
pub fn question_answer(
    tree: &Tree,
    question: usize,
    value: &str,
    lang: Lang,
) -> Result<Answer, Error> {
    let value = value.trim();
    tree.parse_answer(question, value).map_err(|bad| match bad {
        Some(part) => unknown_value(tree, question, part, lang),
        None => empty_set_error(tree, question, value, lang),
    })
}

/// `tried=` or `tried=app+`: a blank where a value belongs.
fn empty_set_error(tree: &Tree, question: usize, value: &str, lang: Lang) -> Error {
    let q = &tree.questions[question];
    let values: Vec<&str> = q.choices.iter().map(|c| c.value.as_str()).collect();
    let list = values.join(", ");
    let id = &q.id;
    Error::BadAnswer {
        message: lang.tr(
            format!(
                "`{id}={value}` 缺少取值：多选题的回答用 `+` 连接多个取值（如 `{id}=a+b`），一个都没有时写 `{id}={NONE}`\n`{id}` 的有效取值：{list}"
            ),
            format!(
                "`{id}={value}` leaves a value out: a multiple-choice answer joins values with `+` (`{id}=a+b`), and is `{id}={NONE}` for none of them\nvalid values for `{id}`: {list}"
            ),
        ),
        question: id.clone(),
        valid: values.iter().map(|s| (*s).to_owned()).collect(),
    }
}

/// The command line that replays these answers in `replay`'s command.
pub fn replay_line(tree: &Tree, answers: &Answers, replay: &Replay) -> String {
    replay.line(&answers.to_pairs(tree))
}

/// A date as people write it: `2026-11-10`, `2026/11/10`, `2026.11.10` or
/// `2026年11月10日` (also with 号, and with full-width digits).
pub fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    if let Ok(date) = text.parse::<Date>() {
        return Some(date);
    }
    // Full-width digits as a Chinese input method types them.
    let ascii: String = text
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            _ => c,
        })
        .collect();
    let ascii = ascii
        .trim_end_matches(['日', '号'])
        .replace(['年', '月', '/', '.'], "-");
    let mut parts = ascii.split('-').map(|p| p.trim().parse::<i16>().ok());
    let (Some(Some(year)), Some(Some(month)), Some(Some(day)), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    Date::new(year, i8::try_from(month).ok()?, i8::try_from(day).ok()?).ok()
}

impl Answers {
    /// Every date detail is a day that has happened (a complaint, a charge,
    /// an attempt): one after `today` is a mistake, and would silently move
    /// every window it starts.
    pub fn check_dates(&self, tree: &Tree, today: Date, lang: Lang) -> Result<(), Error> {
        for (d, value) in &self.details {
            if let DetailValue::Date(date) = value
                && *date > today
            {
                let id = &tree.details[*d].id;
                return Err(Error::BadAnswer {
                    message: lang.tr(
                        format!("`{id}` 是已经发生的日子，不能晚于今天（{today}），而不是 `{date}`"),
                        format!("`{id}` is a day that has happened, so not after today ({today}), not `{date}`"),
                    ),
                    question: id.clone(),
                    valid: vec![format!("YYYY-MM-DD <= {today}")],
                });
            }
        }
        Ok(())
    }
}

/// A detail's value from text: a date, free text, or one of its choices.
/// Spaces around it are not part of it, wherever it was given: `--answers`
/// and the prompt trim what is typed, so an answers file or a batch line
/// must mean the same, or a line to go on with (always trimmed) would
/// give other answers than the run it continues.
pub fn detail_value(
    tree: &Tree,
    detail: usize,
    value: &str,
    lang: Lang,
) -> Result<DetailValue, Error> {
    let value = value.trim();
    let d = &tree.details[detail];
    match d.kind {
        DetailKind::Date => {
            parse_date(value)
                .map(DetailValue::Date)
                .ok_or_else(|| Error::BadAnswer {
                    message: lang.tr(
                        format!(
                            "`{}` 需要 2026-11-25 这样的日期（YYYY-MM-DD），而不是 `{value}`",
                            d.id
                        ),
                        format!(
                            "`{}` takes a date like 2026-11-25 (YYYY-MM-DD), not `{value}`",
                            d.id
                        ),
                    ),
                    question: d.id.clone(),
                    valid: vec!["YYYY-MM-DD".to_owned()],
                })
        }
        DetailKind::Text if value.is_empty() => Err(Error::Usage(lang.tr(
            format!("`{}` 不能为空", d.id),
            format!("`{}` needs some text", d.id),
        ))),
        DetailKind::Text => Ok(DetailValue::Text(value.to_owned())),
        DetailKind::Choice => {
            let found = d.choices.iter().position(|c| {
                c.value.eq_ignore_ascii_case(value)
                    || c.aliases.iter().any(|a| a.eq_ignore_ascii_case(value))
            });
            found.map(DetailValue::Choice).ok_or_else(|| {
                let values: Vec<String> = d.choices.iter().map(|c| c.value.clone()).collect();
                Error::BadAnswer {
                    message: not_an_answer(value, &d.id, "", &values.join(", "), lang),
                    question: d.id.clone(),
                    valid: values,
                }
            })
        }
    }
}

/// The closest candidate to `given`, if any is close enough to be a typo.
fn did_you_mean<'a>(given: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| {
            (
                strsim::jaro_winkler(&given.to_lowercase(), &c.to_lowercase()),
                c,
            )
        })
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

fn unknown_question(tree: &Tree, id: &str, lang: Lang) -> Error {
    let ids: Vec<&str> = tree
        .questions_in_walk_order()
        .into_iter()
        .map(|q| tree.questions[q].id.as_str())
        .chain(tree.details.iter().map(|d| d.id.as_str()))
        .collect();
    let hint = did_you_mean(id, ids.iter().copied())
        .map(|s| {
            lang.tr(
                format!("；是不是 `{s}`？"),
                format!("; did you mean `{s}`?"),
            )
        })
        .unwrap_or_default();
    let list = ids.join(", ");
    Error::BadAnswer {
        message: lang.tr(
            format!(
                "--answers 中没有问题 `{id}`{hint}\n有效的问题：{list}\n（`unsub-doctor questions` 列出每个问题和它的取值）"
            ),
            format!(
                "unknown question `{id}` in --answers{hint}\nvalid questions: {list}\n(`unsub-doctor questions` lists them with their values)"
            ),
        ),
        question: id.to_owned(),
        valid: ids.iter().map(|s| (*s).to_owned()).collect(),
    }
}

/// "`value` is not an answer to `id`", with a hint and the valid values.
fn not_an_answer(value: &str, id: &str, hint: &str, valid: &str, lang: Lang) -> String {
    lang.tr(
        format!("`{value}` 不是 `{id}` 的有效回答{hint}\n`{id}` 的有效取值：{valid}"),
        format!("`{value}` is not an answer to `{id}`{hint}\nvalid values for `{id}`: {valid}"),
    )
}

fn unknown_value(tree: &Tree, question: usize, value: &str, lang: Lang) -> Error {
    let q = &tree.questions[question];
    let spellings = q.choices.iter().flat_map(|c| {
        std::iter::once(c.value.as_str()).chain(c.aliases.iter().map(String::as_str))
    });
    let hint = did_you_mean(value, spellings)
        .map(|s| {
            lang.tr(
                format!("；是不是 `{s}`？"),
                format!("; did you mean `{s}`?"),
            )
        })
        .unwrap_or_default();
    let values: Vec<&str> = q.choices.iter().map(|c| c.value.as_str()).collect();
    let mut list = values.join(", ");
    if q.multiple {
        list.push_str(&lang.tr(
            format!("（可用 `+` 连接多个；一个都没有时写 `{NONE}`）"),
            format!(" (several joined by `+`; `{NONE}` for none of them)"),
        ));
    }
    Error::BadAnswer {
        message: not_an_answer(value, &q.id, &hint, &list, lang),
        question: q.id.clone(),
        valid: values.iter().map(|s| (*s).to_owned()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules;

    fn tree() -> Tree {
        crate::check::build(&rules::load_sources(&[] as &[&str]).unwrap()).unwrap()
    }

    #[test]
    fn carrier_aliases_name_the_carrier() {
        let tree = tree();
        let q = tree.question("carrier").unwrap();
        for (alias, id) in [
            ("cmcc", "mobile"),
            ("CUCC", "unicom"),
            ("ctcc", "telecom"),
            ("移动", "mobile"),
            ("联通", "unicom"),
            ("电信", "telecom"),
        ] {
            let answers = Answers::parse(&tree, &[], Some(alias), Lang::En).unwrap();
            let Some(Answer::One(choice)) = answers.get(q) else {
                panic!("{alias}: no single answer");
            };
            assert_eq!(tree.questions[q].choices[choice].value, id, "{alias}");
        }
    }

    #[test]
    fn a_typo_in_an_id_suggests_the_right_one() {
        let err = Answers::parse(&tree(), &["carier=mobile".into()], None, Lang::En).unwrap_err();
        let message = err.to_string();
        assert!(message.contains("did you mean `carrier`"), "{message}");
        assert!(message.contains("symptom"), "{message}");
    }

    #[test]
    fn a_bad_value_lists_the_valid_ones() {
        let err = Answers::parse(&tree(), &["carrier=mobil".into()], None, Lang::En).unwrap_err();
        let message = err.to_string();
        assert!(message.contains("did you mean `mobile`"), "{message}");
        assert!(message.contains("mobile, unicom, telecom"), "{message}");
    }

    #[test]
    fn conflicting_answers_are_refused() {
        let err = Answers::parse(
            &tree(),
            &["carrier=unicom".into()],
            Some("mobile"),
            Lang::En,
        )
        .unwrap_err();
        assert!(err.to_string().contains("answered twice"), "{err}");
    }

    #[test]
    fn replay_line_lists_answers_in_order() {
        let tree = tree();
        let answers = Answers::parse(
            &tree,
            &["carrier=移动, symptom=no_option".into()],
            None,
            Lang::En,
        )
        .unwrap();
        assert_eq!(
            replay_line(&tree, &answers, &Replay::default()),
            "unsub-doctor --answers carrier=mobile,symptom=no_option"
        );
    }

    #[test]
    fn a_comma_is_escaped_with_a_backslash() {
        let args = [r"a=YD 2026(加急)\,二次, b=c:\\dir\,x , c=lone\back".to_owned()];
        let pairs = pairs_from_args(&args, None, Lang::En).unwrap();
        let value = |id: &str| pairs.iter().find(|(i, _)| i == id).unwrap().1.clone();
        assert_eq!(value("a"), "YD 2026(加急),二次");
        assert_eq!(value("b"), r"c:\dir,x");
        assert_eq!(value("c"), r"lone\back");
    }

    #[test]
    fn the_replay_line_quotes_for_the_shell_and_reads_back() {
        let replay = Replay {
            command: vec!["draft".into(), "complaint".into()],
            options: vec!["--out".into(), "my letter.txt".into()],
        };
        let pairs = [
            ("carrier".to_owned(), "mobile".to_owned()),
            (
                "ticket".to_owned(),
                r"YD 2026(加急),二次 $(touch x) '\".to_owned(),
            ),
        ];
        let line = replay.line(&pairs);
        assert!(
            line.starts_with("unsub-doctor draft complaint --answers "),
            "{line}"
        );
        let words = shlex::split(&line).unwrap();
        assert_eq!(words[6], "my letter.txt");
        let back = pairs_from_args(&words[4..5], None, Lang::En).unwrap();
        assert_eq!(back, pairs);
    }
}
