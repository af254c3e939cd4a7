//! Loading the rule files: the built-in files compiled into the binary, each
//! `--rules DIR` as a layer over them, within the size limits, and parsing
//! one file strictly; with the line index that turns a byte offset of a
//! file into a line and column for messages.

use std::path::Path;

use anyhow::Context as _;

use super::RuleFile;
use crate::lang::Lang;

/// `(name, text)` of each built-in rule file, in this order.
macro_rules! builtin_files {
    ($($name:literal)*) => {
        &[$(($name, include_str!(concat!("../../rules/", $name)))),*]
    };
}

/// The rule files compiled into the binary, by file name.
///
/// A test checks that this list and the files in `rules/` agree, so a new
/// file cannot be forgotten here.
pub const BUILTIN: &[(&str, &str)] = builtin_files![
    "triage.toml" "mobile.toml" "unicom.toml" "telecom.toml" "contract_lock.toml"
    "bundling.toml" "pending.toml" "wrong_code.toml" "account_status.toml" "promo_package.toml"
    "unconsented_order.toml" "refused_no_basis.toml" "secondary_card.toml" "auto_topup.toml"
    "price_mismatch.toml" "regulations.toml" "escalation.toml" "calendar.toml" "possible.toml"
];

/// The most one rule file may hold. toml's parser takes time and memory
/// faster than linearly on very large files; a pack spreads its rules over
/// files (per province, per product) well under this.
pub const MAX_FILE_BYTES: usize = 8 << 20;

/// The most all rule files of a run may hold together.
pub const MAX_PACK_BYTES: usize = 64 << 20;

/// A rule file's name and text, before parsing.
#[derive(Debug, Clone)]
pub struct Source {
    pub name: String,
    /// Where the file came from, for messages: `built-in` or a path.
    pub origin: String,
    pub text: String,
    /// 0 for the built-in rules, then 1, 2... for each `--rules` directory.
    pub layer: usize,
    /// Why the file could not be taken as rules, found while reading it (too
    /// large, not UTF-8); the checker reports it like any other problem.
    pub defect: Option<Defect>,
}

/// A file that was read but cannot be parsed as rules.
#[derive(Debug, Clone)]
pub struct Defect {
    /// The problem code: `too-large`, `pack-too-large` or `not-utf8`.
    pub code: &'static str,
    pub message: String,
    /// Where in the file, as a byte offset, when there is a place to point at.
    pub offset: Option<usize>,
}

impl Source {
    /// `rules/x.toml` for built-in files, the path otherwise.
    pub fn display_path(&self) -> String {
        let path = match self.origin.as_str() {
            "built-in" => format!("rules/{}", self.name),
            origin => origin.to_owned(),
        };
        // A file name may hold a newline: it is shown escaped, never as a line of its own.
        let escape = |c: char| -> Vec<char> {
            if c.is_control() {
                c.escape_default().collect()
            } else {
                vec![c]
            }
        };
        path.chars().flat_map(escape).collect()
    }

    /// 1-based line and column of a byte offset in this file.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        LineIndex::new(&self.text).line_col(&self.text, offset)
    }
}

/// Where each line of a text starts, so that turning many offsets into
/// lines costs a binary search each rather than a scan of the file; and how
/// many characters come before marks a short way apart, so that a column on
/// a line of a megabyte (a pack written on one line) is counted from the
/// nearest mark, not from the start of the line.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// (byte offset, characters before it), at most `MARK_BYTES` apart and
    /// each on a character boundary.
    marks: Vec<(usize, usize)>,
}

const MARK_BYTES: usize = 1024;

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let mut marks = vec![(0, 0)];
        for (chars, (i, _)) in text.char_indices().enumerate() {
            if i >= marks[marks.len() - 1].0 + MARK_BYTES {
                marks.push((i, chars));
            }
        }
        LineIndex { starts, marks }
    }

    /// How many characters of `text` come before byte `offset`.
    fn chars_before(&self, text: &str, offset: usize) -> usize {
        let mark = self.marks.partition_point(|&(at, _)| at <= offset).max(1) - 1;
        let (at, chars) = self.marks[mark];
        chars + text.get(at..offset).map_or(0, |s| s.chars().count())
    }
    /// Where 1-based `line` of `text` starts and ends (without its newline), in bytes.
    pub fn line_bounds(&self, text: &str, line: usize) -> (usize, usize) {
        let start = self
            .starts
            .get(line.max(1) - 1)
            .copied()
            .unwrap_or(text.len());
        let end = self
            .starts
            .get(line)
            .map_or(text.len(), |&next| next.saturating_sub(1));
        let end = end.max(start);
        let line = &text[start..end];
        (start, start + line.strip_suffix('\r').unwrap_or(line).len())
    }

    /// 1-based line and column (in characters) of a byte offset in `text`.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&start| start <= offset).max(1);
        let start = self.starts[line - 1];
        let col = match text.get(start..offset) {
            Some(_) => self.chars_before(text, offset) - self.chars_before(text, start) + 1,
            None => 1,
        };
        (line, col)
    }
}

/// The built-in files, then each directory's `*.toml` files in name order,
/// with messages in English: for tests and tools built on the library.
pub fn load_sources(dirs: &[impl AsRef<Path>]) -> anyhow::Result<Vec<Source>> {
    load_layers(true, dirs, Lang::En)
}

/// The rule files in layers: the built-in files (layer 0, unless `builtin`
/// is false), then one layer per directory, in order. A definition in a later
/// layer replaces one with the same id in an earlier layer.
pub fn load_layers(
    builtin: bool,
    dirs: &[impl AsRef<Path>],
    lang: Lang,
) -> anyhow::Result<Vec<Source>> {
    let mut sources = Vec::new();
    // Bytes of --rules files read so far, against MAX_PACK_BYTES.
    let mut read_so_far = 0;
    if builtin {
        sources.extend(BUILTIN.iter().map(|(name, text)| Source {
            name: (*name).to_owned(),
            origin: "built-in".to_owned(),
            text: plain_text(text),
            layer: 0,
            defect: None,
        }));
    }
    for (i, dir) in dirs.iter().enumerate() {
        let dir = dir.as_ref();
        let entries = std::fs::read_dir(dir).with_context(|| {
            lang.tr(
                format!("无法读取规则目录 `{}`", dir.display()),
                format!("cannot read rules directory `{}`", dir.display()),
            )
        })?;
        let mut paths = Vec::new();
        for entry in entries {
            let path = entry
                .with_context(|| {
                    lang.tr(
                        format!("无法列出规则目录 `{}`", dir.display()),
                        format!("cannot list rules directory `{}`", dir.display()),
                    )
                })?
                .path();
            if path.extension().is_some_and(|e| e == "toml") && path.is_file() {
                paths.push(path);
            }
        }
        paths.sort();
        // A pack reads only its own files: a link that leads out of the
        // directory (to `/proc/self/environ`, say) is refused, never read,
        // so no error snippet can quote what it points at.
        let home = std::fs::canonicalize(dir).ok();
        for path in paths {
            let outside = home.as_ref().is_some_and(|home| {
                std::fs::canonicalize(&path).is_ok_and(|real| !real.starts_with(home))
            });
            if outside {
                anyhow::bail!(lang.tr(
                    format!("无法读取规则文件 `{}`：它是指向规则目录以外的链接，没有读取", path.display()),
                    format!("cannot read rule file `{}`: it is a link to a file outside the rules directory, and was not read", path.display()),
                ));
            }
            let (text, defect) = read_rule_file(&path, &mut read_so_far, lang)?;
            sources.push(Source {
                name: path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                origin: path.display().to_string(),
                text,
                layer: i + 1,
                defect,
            });
        }
    }
    Ok(sources)
}

/// Reads one rule file within the size limits. A file that is too large, or
/// would take the pack over its limit, is not read past the limit; a file that
/// is not UTF-8 keeps its text (with replacement characters) so the problem
/// can point at the line. Only a file that cannot be read at all is an error.
fn read_rule_file(
    path: &Path,
    read_so_far: &mut usize,
    lang: Lang,
) -> anyhow::Result<(String, Option<Defect>)> {
    use std::io::Read as _;
    let cannot_read = || {
        lang.tr(
            format!("无法读取规则文件 `{}`", path.display()),
            format!("cannot read rule file `{}`", path.display()),
        )
    };
    let room = MAX_FILE_BYTES.min(MAX_PACK_BYTES.saturating_sub(*read_so_far));
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(room as u64 + 1).read_to_end(&mut bytes))
        .with_context(cannot_read)?;
    *read_so_far += bytes.len();
    if bytes.len() > room {
        let mb = |n: usize| n >> 20;
        let (code, message) = if room == MAX_FILE_BYTES {
            (
                "too-large",
                format!(
                    "rule file is larger than {} MB; split it into several files",
                    mb(MAX_FILE_BYTES)
                ),
            )
        } else {
            (
                "pack-too-large",
                format!(
                    "the rule files together are larger than {} MB; this file is past the limit",
                    mb(MAX_PACK_BYTES)
                ),
            )
        };
        let defect = Defect {
            code,
            message,
            offset: None,
        };
        return Ok((String::new(), Some(defect)));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok((plain_text(&text), None)),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let defect = Defect {
                code: "not-utf8",
                message: "rule file is not UTF-8 text; save it as UTF-8".to_owned(),
                offset: Some(offset),
            };
            Ok((
                String::from_utf8_lossy(e.as_bytes()).into_owned(),
                Some(defect),
            ))
        }
    }
}

/// A TOML text as any editor may save it, read alike: without a leading
/// byte-order mark, and with LF line ends, so a multi-line string holds no `\r`.
pub fn plain_text(text: &str) -> String {
    text.strip_prefix('\u{feff}')
        .unwrap_or(text)
        .replace("\r\n", "\n")
}

/// A problem found while parsing one file: where, and what the parser said.
#[derive(Debug)]
pub struct ParseError {
    /// The byte span the parser points at.
    pub span: Option<std::ops::Range<usize>>,
    pub message: String,
}

/// Parses one file strictly.
pub fn parse(source: &Source) -> Result<RuleFile, ParseError> {
    toml::from_str(&source.text).map_err(|e| ParseError {
        span: e.span(),
        message: e.message().trim().to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_file_on_disk_is_built_in() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".toml"))
            .collect();
        on_disk.sort();
        let mut built_in: Vec<String> = BUILTIN.iter().map(|(n, _)| (*n).to_owned()).collect();
        built_in.sort();
        assert_eq!(on_disk, built_in);
    }

    #[test]
    fn unknown_key_is_an_error_with_line_and_column() {
        let source = Source {
            defect: None,
            name: "x.toml".into(),
            origin: "x.toml".into(),
            layer: 0,
            text: "[[cause]]\nid = \"a\"\ntitle = { zh = \"甲\", en = \"A\" }\ncolour = 1\n".into(),
        };
        let err = parse(&source).unwrap_err();
        assert_eq!(source.line_col(err.span.unwrap().start), (4, 1));
        assert!(
            err.message.contains("unknown field `colour`"),
            "{}",
            err.message
        );
    }

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let source = Source {
            defect: None,
            name: "x".into(),
            origin: "x".into(),
            layer: 0,
            text: "a\n中文x".into(),
        };
        let offset = source.text.find('x').unwrap();
        assert_eq!(source.line_col(offset), (2, 3));
    }
}
