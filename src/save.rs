//! The answers file of `--save` and `--resume`, and writing files so that a
//! crash never leaves a truncated one: write a temporary file beside the
//! target, then rename it into place.

use std::collections::BTreeMap;
use std::io::Write as _;
use std::path::Path;

use anyhow::Context as _;
use serde::{Deserialize, Serialize};

use crate::error::Error;
use crate::lang::Lang;

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
    pub fn load(path: &Path, lang: Lang) -> anyhow::Result<SaveFile> {
        let text = std::fs::read_to_string(path).with_context(|| {
            lang.tr(
                format!("无法读取答案文件 `{}`", path.display()),
                format!("cannot read answers file `{}`", path.display()),
            )
        })?;
        toml::from_str(&text).map_err(|e| {
            Error::Usage(lang.tr(
                format!("答案文件 `{}`：{}", path.display(), e.message().trim()),
                format!("answers file `{}`: {}", path.display(), e.message().trim()),
            ))
            .into()
        })
    }

    /// Before `--save FILE` writes: a FILE that exists must be an answers
    /// file this tool wrote (it starts with the header), or it is left whole
    /// and this is a usage error. A typo must not replace someone's notes.
    pub fn check_target(path: &Path, lang: Lang) -> anyhow::Result<()> {
        use std::io::Read as _;
        let Ok(file) = std::fs::File::open(path) else {
            return Ok(()); // Nothing there (or unreadable: the write will say so).
        };
        let mut start = Vec::new();
        let _ = file.take(HEADER.len() as u64).read_to_end(&mut start);
        if start == HEADER.as_bytes() {
            return Ok(());
        }
        Err(Error::Usage(lang.tr(
            format!(
                "`{}` 已经存在，而且不是 unsub-doctor 的答案文件：没有改动它。请换一个文件名，或者用 --resume 继续已保存的文件。",
                path.display()
            ),
            format!(
                "`{}` already exists and is not an unsub-doctor answers file: it was left as it is. Name a new file, or --resume a saved one.",
                path.display()
            ),
        ))
        .into())
    }

    /// Replaces the file atomically: a reader sees the old file or the new one.
    pub fn store(&self, path: &Path, lang: Lang) -> anyhow::Result<()> {
        let body = toml::to_string(self).context("cannot write the answers as TOML")?;
        write_atomic(path, format!("{HEADER}{body}").as_bytes(), true, lang).with_context(|| {
            lang.tr(
                format!("无法把答案保存到 `{}`", path.display()),
                format!("cannot save answers to `{}`", path.display()),
            )
        })
    }
}

/// Writes `bytes` to `path` through a temporary file in the same directory.
/// With `replace` false an existing file is left alone and this fails.
pub fn write_atomic(path: &Path, bytes: &[u8], replace: bool, lang: Lang) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut file = tempfile::NamedTempFile::new_in(dir).with_context(|| {
        lang.tr(
            format!("无法在 `{}` 中创建文件", dir.display()),
            format!("cannot create a file in `{}`", dir.display()),
        )
    })?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    if replace {
        file.persist(path).map_err(|e| e.error)?;
    } else {
        file.persist_noclobber(path).map_err(|e| {
            if e.error.kind() == std::io::ErrorKind::AlreadyExists {
                anyhow::Error::new(Error::Usage(lang.tr(
                    format!("`{}` 已存在；要替换它请加 --force", path.display()),
                    format!("`{}` exists; use --force to replace it", path.display()),
                )))
            } else {
                e.error.into()
            }
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_file_reads_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("case.toml");
        let mut file = SaveFile::default();
        file.answers.insert("carrier".into(), "mobile".into());
        file.answers
            .insert("complaint_date".into(), "2026-11-01".into());
        file.followup = Some(Followup {
            rung: "complaint".into(),
            history: vec![FollowupEntry {
                date: "2026-11-25".into(),
                rung: "manager".into(),
                worked: false,
            }],
        });
        file.store(&path, Lang::En).unwrap();
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("# unsub-doctor: your answers so far."),
            "{text}"
        );
        let back = SaveFile::load(&path, Lang::En).unwrap();
        assert_eq!(back.answers, file.answers);
        assert_eq!(back.followup.unwrap().history[0].rung, "manager");
    }

    #[test]
    fn without_replace_an_existing_file_is_kept_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("letter.txt");
        std::fs::write(&path, "mine").unwrap();
        let err = write_atomic(&path, b"new", false, Lang::En).unwrap_err();
        assert!(err.to_string().contains("use --force"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
        write_atomic(&path, b"new", true, Lang::En).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        // No temporary file is left behind.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
