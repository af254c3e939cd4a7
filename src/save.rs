//! The answers file of `--save` and `--resume`: what it holds, and keeping
//! it without losing anything (the writing itself is `files`).

use std::collections::BTreeMap;
use std::io::{Read as _, Write as _};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::files;
use crate::lang::Lang;
use crate::rules;
use crate::visible::visible;

/// What `--save` writes: every answer, and where `followup` has got to.
/// A person can read and edit it; unknown keys are refused on reading.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SaveFile {
    /// Question or detail id to value, as `--answers` takes them.
    #[serde(default)]
    pub answers: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub followup: Option<Followup>,
}

/// The escalation so far, as `followup` records it.
#[derive(Debug, Default, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Followup {
    /// The rung the user is on now.
    pub rung: String,
    #[serde(default)]
    pub history: Vec<FollowupEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FollowupEntry {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// The rung whose step was tried.
    pub rung: String,
    pub worked: bool,
}

const HEADER: &str = "\
# unsub-doctor: your answers so far. Edit freely; go on with
#   unsub-doctor --resume THIS-FILE
";

impl SaveFile {
    /// Reads an answers file: a regular file, or whatever else `--resume`
    /// names (`<(cat case.toml)` is a pipe), never more than 1 MB of it.
    pub fn load(path: &Path, lang: Lang) -> anyhow::Result<SaveFile> {
        let file = std::fs::File::open(path).with_context(|| cannot_read(path, lang))?;
        SaveFile::read(file, path, lang)
    }

    /// Reads an answers file from `reader` as [`SaveFile::load`] reads the
    /// file `shown` names: at most 1 MB of UTF-8 text, then the TOML.
    pub fn read(reader: impl std::io::Read, shown: &Path, lang: Lang) -> anyhow::Result<SaveFile> {
        let text =
            files::read_limited(reader, shown, lang).with_context(|| cannot_read(shown, lang))?;
        SaveFile::parse(&text, shown, lang)
    }

    /// An answers file edited on any system: a byte-order mark and CRLF line
    /// ends are read as the file's own would be.
    fn parse(text: &str, path: &Path, lang: Lang) -> anyhow::Result<SaveFile> {
        toml::from_str(&rules::plain_text(text)).map_err(|e| {
            Error::Usage(lang.tr(
                format!("答案文件 `{}`：{}", path.display(), e.message().trim()),
                format!("answers file `{}`: {}", path.display(), e.message().trim()),
            ))
            .into()
        })
    }

    /// The file as `--save` writes it: a header comment, then the TOML.
    pub fn to_text(&self) -> anyhow::Result<String> {
        let body = toml::to_string(self).context("cannot write the answers as TOML")?;
        Ok(format!("{HEADER}{body}"))
    }
}

fn cannot_read(path: &Path, lang: Lang) -> String {
    lang.tr(
        format!("无法读取答案文件 `{}`", path.display()),
        format!("cannot read answers file `{}`", path.display()),
    )
}

/// The answers file a session keeps: where it is, and what it held when this
/// run read it. Each write re-reads the file under a lock and applies only
/// what this run changed since, so runs on one file never undo each other.
#[derive(Debug, Clone)]
pub struct Keeper {
    /// As the user named it, for messages.
    shown: PathBuf,
    /// The file itself, symlinks followed.
    target: PathBuf,
    /// The file as this run last read or wrote it.
    base: SaveFile,
    /// Answers that belong to one run and are never written.
    transient: Vec<String>,
}

impl Keeper {
    /// The file to keep for `--save` and `--resume`, checked before any
    /// question is asked, with the resumed answers. None when there is
    /// nothing to keep, or `--resume` named something that is not a regular
    /// file (read, never written back: a note says so).
    ///
    /// `--save FILE` never replaces an existing file unless it is the one
    /// resumed: starting afresh over saved answers would lose them, and
    /// merging would make a case the user never saw diagnosed.
    pub fn open(
        save: Option<&Path>,
        resume: Option<&Path>,
        transient: &[&str],
        lang: Lang,
    ) -> anyhow::Result<(Option<Keeper>, SaveFile)> {
        let resumed = match resume {
            Some(path) => SaveFile::load(path, lang)?,
            None => SaveFile::default(),
        };
        let Some(shown) = save.or(resume) else {
            return Ok((None, resumed));
        };
        let refused = |e: anyhow::Error| {
            e.context(lang.tr(
                format!("无法把答案保存到 `{}`", shown.display()),
                format!("cannot save answers to `{}`", shown.display()),
            ))
        };
        if save.is_none() && files::kind(shown).ok() == Some(files::Kind::Other) {
            let _ = writeln!(
                std::io::stderr(),
                "{}",
                visible(&lang.tr(
                    format!("注意：`{}` 不是普通文件：从中读取了答案，但不会写回；要保存答案，请加 --save FILE。", shown.display()),
                    format!("note: `{}` is not a regular file: the answers were read from it and will not be written back; add --save FILE to keep them.", shown.display()),
                ))
            );
            return Ok((None, resumed));
        }
        let found = files::check_writable(shown, lang).map_err(refused)?;
        let target = files::resolve(shown).map_err(|e| refused(e.into()))?;
        let is_resumed = resume
            .and_then(|r| files::resolve(r).ok())
            .is_some_and(|r| r == target);
        let base = if is_resumed {
            resumed.clone()
        } else {
            if found == files::Kind::Regular {
                return Err(exists_error(shown, lang));
            }
            SaveFile::default()
        };
        let keeper = Keeper {
            shown: shown.to_path_buf(),
            target,
            base,
            transient: transient.iter().map(|&s| s.to_owned()).collect(),
        };
        Ok((Some(keeper), resumed))
    }

    pub fn path(&self) -> &Path {
        &self.shown
    }

    /// Saves the answers as they now are.
    pub fn store(&mut self, answers: &BTreeMap<String, String>, lang: Lang) -> anyhow::Result<()> {
        self.update(answers, lang, |_| {})
    }

    /// Saves the answers as they now are, and whatever else `change` does to
    /// the file as it is on disk (the followup state).
    pub fn update(
        &mut self,
        answers: &BTreeMap<String, String>,
        lang: Lang,
        change: impl Fn(&mut SaveFile),
    ) -> anyhow::Result<()> {
        let answers: BTreeMap<String, String> = answers
            .iter()
            .filter(|(id, _)| !self.transient.contains(id))
            .map(|(id, value)| (id.clone(), value.clone()))
            .collect();
        let base = &self.base.answers;
        let removed: Vec<&String> = base
            .keys()
            .filter(|id| !answers.contains_key(*id))
            .collect();
        let changed: Vec<(&String, &String)> = answers
            .iter()
            .filter(|&(id, value)| base.get(id) != Some(value))
            .collect();
        let mut written = None;
        files::update(&self.target, &self.shown, lang, |text| {
            let mut file = match text {
                Some(text) => SaveFile::parse(text, &self.shown, lang)?,
                None => SaveFile::default(),
            };
            for id in &removed {
                file.answers.remove(*id);
            }
            for (id, value) in &changed {
                file.answers.insert((*id).clone(), (*value).clone());
            }
            change(&mut file);
            let bytes = file.to_text()?.into_bytes();
            written = Some(file);
            Ok(bytes)
        })
        .with_context(|| {
            lang.tr(
                format!("无法把答案保存到 `{}`", self.shown.display()),
                format!("cannot save answers to `{}`", self.shown.display()),
            )
        })?;
        if let Some(file) = written {
            self.base = file;
        }
        Ok(())
    }

    /// What the file held when this run last read or wrote it.
    pub fn saved(&self) -> &SaveFile {
        &self.base
    }
}

/// `--save` naming a file that exists and was not resumed: left whole.
fn exists_error(path: &Path, lang: Lang) -> anyhow::Error {
    let shown = path.display();
    let is_answers = std::fs::File::open(path).is_ok_and(|file| {
        let mut start = Vec::new();
        let _ = file.take(HEADER.len() as u64).read_to_end(&mut start);
        start == HEADER.as_bytes()
    });
    let message = if is_answers {
        lang.tr(
            format!("`{shown}` 里已经保存了答案：没有改动它。要接着它回答，用 --resume {shown}；要重新开始，换一个文件名。"),
            format!("`{shown}` already holds saved answers: it was left as it is. To go on from them, use --resume {shown}; to start afresh, name a new file."),
        )
    } else {
        lang.tr(
            format!("`{shown}` 已经存在，而且不是 unsub-doctor 的答案文件：没有改动它。请换一个文件名，或者用 --resume 继续已保存的文件。"),
            format!("`{shown}` already exists and is not an unsub-doctor answers file: it was left as it is. Name a new file, or --resume a saved one."),
        )
    };
    Error::Usage(message).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|&(k, v)| (k.to_owned(), v.to_owned()))
            .collect()
    }

    #[test]
    fn a_saved_file_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("case.toml");
        let (keeper, _) = Keeper::open(Some(&path), None, &[], Lang::En).unwrap();
        let mut keeper = keeper.unwrap();
        let given = answers(&[("carrier", "mobile"), ("complaint_date", "2026-11-01")]);
        let followup = Followup {
            rung: "complaint".into(),
            history: vec![FollowupEntry {
                date: "2026-11-25".into(),
                rung: "manager".into(),
                worked: false,
            }],
        };
        keeper
            .update(&given, Lang::En, |file| {
                file.followup = Some(followup.clone())
            })
            .unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("# unsub-doctor: your answers so far."),
            "{text}"
        );
        let back = SaveFile::load(&path, Lang::En).unwrap();
        assert_eq!(back.answers, given);
        assert_eq!(back.followup.unwrap().history[0].rung, "manager");
    }

    #[test]
    fn each_run_writes_only_what_it_changed() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("case.toml");
        let (first, _) = Keeper::open(Some(&path), None, &[], Lang::En).unwrap();
        first
            .unwrap()
            .store(
                &answers(&[("carrier", "mobile"), ("symptom", "refused")]),
                Lang::En,
            )
            .unwrap();
        // Two runs resume the same file, then each changes one answer.
        let open = || Keeper::open(None, Some(&path), &["worked"], Lang::En).unwrap();
        let ((a, from_a), (b, _)) = (open(), open());
        let (mut a, mut b) = (a.unwrap(), b.unwrap());
        let mut mine = from_a.answers.clone();
        mine.insert("tried".into(), "app".into());
        mine.insert("worked".into(), "no".into());
        a.store(&mine, Lang::En).unwrap();
        b.store(&answers(&[("carrier", "mobile")]), Lang::En)
            .unwrap();
        let back = SaveFile::load(&path, Lang::En).unwrap();
        // `b` removed symptom; `a`'s tried is kept; the transient one is not written.
        assert_eq!(
            back.answers,
            answers(&[("carrier", "mobile"), ("tried", "app")])
        );
    }

    #[test]
    fn save_never_replaces_a_file_it_did_not_resume() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("case.toml");
        std::fs::write(&path, format!("{HEADER}[answers]\ncarrier = \"unicom\"\n")).unwrap();
        let err = Keeper::open(Some(&path), None, &[], Lang::En).unwrap_err();
        assert!(
            err.to_string().contains("already holds saved answers"),
            "{err}"
        );
        assert!(Keeper::open(Some(&path), Some(&path), &[], Lang::En).is_ok());
    }
}
