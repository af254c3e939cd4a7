//! Writing the user's files (`--save`, `draft --out`) so that none is lost
//! or replaced by surprise:
//!
//! - a symlink is followed: the file it names is written, the link stays;
//! - only regular files are written: a pipe, a device or a directory (and
//!   `/dev/stdout`) is refused without being opened, so nothing waits on it;
//! - a read-only file is refused, not replaced;
//! - a file is written to a temporary copy beside it that is renamed over
//!   it, keeping the old file's mode, owner and group (where the system
//!   lets the user give them); a file with other hard links is written in
//!   place instead, so that every link still shows the new text;
//! - a signal waits for a write to finish (`signals::writing`);
//! - an answers file is read, changed and written under an advisory lock, so
//!   that two runs on one file take turns and neither loses the other's
//!   answers. The lock is the standard library's (`File::lock`: `flock` on
//!   Unix, `LockFileEx` on Windows), which needs no crate.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read as _, Seek as _, Write as _};
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::error::Error;
use crate::lang::Lang;
use crate::signals;

/// Answers files are a few kilobytes: a larger one (or `/dev/zero`) is not
/// read past this.
pub const MAX_READ_BYTES: u64 = 1 << 20;

/// What a path names, symlinks followed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Missing,
    Regular,
    /// A pipe, a device, a socket or a directory.
    Other,
}

pub fn kind(path: &Path) -> io::Result<Kind> {
    match fs::metadata(path) {
        Ok(meta) if meta.is_file() => Ok(Kind::Regular),
        Ok(_) => Ok(Kind::Other),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Kind::Missing),
        Err(e) => Err(e),
    }
}

/// The file `path` names, symlinks followed; for a symlink whose target does
/// not exist yet, the path where the target would be.
pub fn resolve(path: &Path) -> io::Result<PathBuf> {
    if fs::metadata(path).is_ok() {
        return fs::canonicalize(path);
    }
    let mut at = path.to_path_buf();
    // As many links as Linux follows before it gives up (ELOOP).
    for _ in 0..40 {
        match fs::symlink_metadata(&at) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = fs::read_link(&at)?;
                at = match at.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            _ => return Ok(at),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// Refuses what must not be written: anything but a regular file, and a
/// read-only file. A missing file is fine. Nothing is opened for reading.
pub fn check_writable(path: &Path, lang: Lang) -> anyhow::Result<Kind> {
    let shown = path.display();
    let found = kind(path).with_context(|| {
        lang.tr(
            format!("无法访问 `{shown}`"),
            format!("cannot access `{shown}`"),
        )
    })?;
    match found {
        Kind::Missing => {}
        Kind::Other => {
            return Err(Error::Usage(lang.tr(
                format!("`{shown}` 不是普通文件（是管道、设备或目录）：unsub-doctor 只写普通文件，没有改动它。"),
                format!("`{shown}` is not a regular file (it is a pipe, a device or a directory): unsub-doctor writes only regular files, and left it as it is."),
            ))
            .into());
        }
        Kind::Regular => {
            let read_only = fs::metadata(path).is_ok_and(|m| m.permissions().readonly());
            let refused = match open_for_update(path) {
                Err(e) => e.kind() == io::ErrorKind::PermissionDenied,
                Ok(_) => false,
            };
            if read_only || refused {
                return Err(Error::Usage(lang.tr(
                    format!("`{shown}` 是只读文件：没有改动它。要写入它，先让它可写（chmod u+w），或者换一个文件名。"),
                    format!("`{shown}` is read-only: it was left as it is. Make it writable (chmod u+w) to write to it, or name another file."),
                ))
                .into());
            }
        }
    }
    Ok(found)
}

/// Reads at most [`MAX_READ_BYTES`] of a file (or of whatever `path` is: a
/// pipe from `<(...)` is read too).
pub fn read_limited(reader: impl io::Read, shown: &Path, lang: Lang) -> anyhow::Result<String> {
    let mut bytes = Vec::new();
    reader.take(MAX_READ_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_READ_BYTES {
        return Err(Error::Usage(lang.tr(
            format!("`{}` 超过 1 MB，不是答案文件", shown.display()),
            format!(
                "`{}` is larger than 1 MB: not an answers file",
                shown.display()
            ),
        ))
        .into());
    }
    String::from_utf8(bytes).map_err(|_| {
        Error::Usage(lang.tr(
            format!("`{}` 不是 UTF-8 文本", shown.display()),
            format!("`{}` is not UTF-8 text", shown.display()),
        ))
        .into()
    })
}

/// Writes `bytes` to the file `path` names. Without `replace` an existing
/// file is left alone and this is a usage error.
pub fn write(path: &Path, bytes: &[u8], replace: bool, lang: Lang) -> anyhow::Result<()> {
    let exists = check_writable(path, lang)? == Kind::Regular;
    if exists && !replace {
        return Err(exists_error(path, lang));
    }
    let target = resolve(path)?;
    if exists {
        let file = open_for_update(&target)?;
        write_over(&target, bytes, &file)
    } else {
        create(&target, bytes).map_err(|e| match e.kind() {
            io::ErrorKind::AlreadyExists => exists_error(path, lang),
            _ => e.into(),
        })
    }
}

fn exists_error(path: &Path, lang: Lang) -> anyhow::Error {
    Error::Usage(lang.tr(
        format!("`{}` 已存在；要替换它请加 --force", path.display()),
        format!("`{}` exists; use --force to replace it", path.display()),
    ))
    .into()
}

/// Reads, changes and writes the file at `target` (resolved) under an
/// exclusive advisory lock: `change` gets the text the file holds now (none
/// when there is no file) and returns what to write. A run that waited for
/// the lock sees what the one before it wrote.
pub fn update(
    target: &Path,
    shown: &Path,
    lang: Lang,
    mut change: impl FnMut(Option<&str>) -> anyhow::Result<Vec<u8>>,
) -> anyhow::Result<()> {
    // Each turn ends in a write unless another run replaced the file between
    // opening and locking it; a bound keeps a mistake from spinning forever.
    for _ in 0..1000 {
        check_writable(target, lang)?;
        let file = match open_for_update(target) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                let bytes = change(None)?;
                match create(target, &bytes) {
                    Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                    done => return done.map_err(Into::into),
                }
            }
            Err(e) => return Err(e.into()),
        };
        file.lock()?;
        if !is_at(&file, target) {
            continue; // Replaced while this run waited: lock the new file.
        }
        let text = read_limited(&file, shown, lang)?;
        let bytes = change(Some(&text))?;
        return write_over(target, &bytes, &file);
    }
    Err(io::Error::other("the file keeps being replaced").into())
}

fn open_for_update(path: &Path) -> io::Result<File> {
    OpenOptions::new().read(true).write(true).open(path)
}

/// A new file at `target`, never replacing one that appeared meanwhile.
fn create(target: &Path, bytes: &[u8]) -> io::Result<()> {
    let _writing = signals::writing();
    let temp = temporary(target, bytes)?;
    temp.persist_noclobber(target).map_err(|e| e.error)?;
    Ok(())
}

/// Writes over the existing file `target`, open as `file`.
fn write_over(target: &Path, bytes: &[u8], mut file: &File) -> anyhow::Result<()> {
    let _writing = signals::writing();
    if links(file) > 1 {
        // A rename would leave the other links with the old text.
        file.set_len(0)?;
        file.rewind()?;
        file.write_all(bytes)?;
        file.sync_all()?;
        return Ok(());
    }
    let temp = temporary(target, bytes)?;
    keep_owner(file, temp.as_file());
    temp.as_file()
        .set_permissions(file.metadata()?.permissions())?;
    temp.persist(target).map_err(|e| e.error)?;
    Ok(())
}

/// `bytes` in a temporary file in `target`'s directory, on disk.
fn temporary(target: &Path, bytes: &[u8]) -> io::Result<tempfile::NamedTempFile> {
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut temp = tempfile::NamedTempFile::new_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    hold_for_test();
    Ok(temp)
}

/// Debug builds can be made to wait with the temporary file written, until
/// the file `UNSUB_DOCTOR_TEST_HOLD_WRITE` names is removed, so that a test
/// can send a signal in the middle of a write.
fn hold_for_test() {
    if !cfg!(debug_assertions) {
        return;
    }
    let Some(gate) = std::env::var_os("UNSUB_DOCTOR_TEST_HOLD_WRITE") else {
        return;
    };
    let _ = fs::write(Path::new(&gate).with_extension("held"), b"");
    while Path::new(&gate).exists() {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
}

#[cfg(unix)]
fn links(file: &File) -> u64 {
    use std::os::unix::fs::MetadataExt as _;
    file.metadata().map_or(1, |m| m.nlink())
}

#[cfg(not(unix))]
fn links(_: &File) -> u64 {
    1
}

/// Whether the open `file` is still the one at `path`.
#[cfg(unix)]
fn is_at(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt as _;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => (a.dev(), a.ino()) == (b.dev(), b.ino()),
        _ => false,
    }
}

/// Without inode numbers (stable Rust has none on Windows), the size and
/// times stand in: a file renamed over this one was written after it.
#[cfg(not(unix))]
fn is_at(file: &File, path: &Path) -> bool {
    let stamp = |m: fs::Metadata| (m.len(), m.modified().ok(), m.created().ok());
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => stamp(a) == stamp(b),
        _ => false,
    }
}

/// Gives `to` the owner and group of `from`; where the user may not (only
/// root may give a file away), the group alone, and failing that, nothing.
#[cfg(unix)]
fn keep_owner(from: &File, to: &File) {
    use std::os::unix::fs::{MetadataExt as _, fchown};
    if let Ok(meta) = from.metadata()
        && fchown(to, Some(meta.uid()), Some(meta.gid())).is_err()
    {
        let _ = fchown(to, None, Some(meta.gid()));
    }
}

#[cfg(not(unix))]
fn keep_owner(_: &File, _: &File) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_replace_an_existing_file_is_kept_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("letter.txt");
        fs::write(&path, "mine").unwrap();
        let err = write(&path, b"new", false, Lang::En).unwrap_err();
        assert!(err.to_string().contains("use --force"), "{err}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "mine");
        write(&path, b"new", true, Lang::En).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        // No temporary file is left behind.
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn update_sees_the_file_and_creates_a_missing_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("n.txt");
        let add = |text: Option<&str>| Ok(format!("{}x", text.unwrap_or("")).into_bytes());
        update(&path, &path, Lang::En, add).unwrap();
        update(&path, &path, Lang::En, add).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "xx");
    }

    #[cfg(unix)]
    #[test]
    fn a_symlink_is_followed_and_a_dangling_one_names_its_target() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("link");
        std::os::unix::fs::symlink("real.txt", &link).unwrap();
        write(&link, b"one", false, Lang::En).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(
            fs::read_to_string(dir.path().join("real.txt")).unwrap(),
            "one"
        );
        write(&link, b"two", true, Lang::En).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(
            fs::read_to_string(dir.path().join("real.txt")).unwrap(),
            "two"
        );
    }
}
