//! Standard output as every command writes it: buffered, and quiet when
//! the reader goes away.
//!
//! A reader that stops early (`| head -1`) closes the pipe; that is the
//! reader's choice, not a failure. From then on output is dropped and the
//! command runs to its end, so it exits with the code it would have had
//! (3 when more answers are needed, 0 when diagnosed) and a pipeline's
//! `set -o pipefail` sees the command's own verdict. Any other write error
//! (a full disk, `/dev/full`) is a failure that names standard output.

use std::io::{self, Write};

use crate::lang::Lang;
use crate::visible::visible_styled;

pub struct Stdout {
    inner: io::BufWriter<io::StdoutLock<'static>>,
    /// The reader has gone: output is dropped.
    closed: bool,
    lang: Lang,
}

impl Stdout {
    pub fn new(lang: Lang) -> Stdout {
        Stdout {
            inner: io::BufWriter::new(io::stdout().lock()),
            closed: false,
            lang,
        }
    }

    /// Whether the reader has gone.
    pub fn closed(&self) -> bool {
        self.closed
    }

    /// A writer that fails with a broken pipe once the reader has gone, for
    /// a command whose only work is its output (`batch`): there is no point
    /// reading on when no one reads the results.
    pub fn until_closed(&mut self) -> UntilClosed<'_> {
        UntilClosed(self)
    }

    fn failed(&mut self, error: io::Error) -> io::Result<()> {
        if error.kind() == io::ErrorKind::BrokenPipe {
            self.closed = true;
            return Ok(());
        }
        Err(io::Error::new(
            error.kind(),
            self.lang.tr(
                format!("无法写入标准输出：{error}"),
                format!("cannot write to standard output: {error}"),
            ),
        ))
    }
}

impl Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        match self.inner.write(buf) {
            Ok(n) => Ok(n),
            Err(e) => self.failed(e).map(|()| buf.len()),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        match self.inner.flush() {
            Ok(()) => Ok(()),
            Err(e) => self.failed(e),
        }
    }
}

/// See [`Stdout::until_closed`].
pub struct UntilClosed<'a>(&'a mut Stdout);

impl UntilClosed<'_> {
    pub fn closed(&self) -> bool {
        self.0.closed
    }

    fn check(&self) -> io::Result<()> {
        if self.0.closed {
            return Err(io::ErrorKind::BrokenPipe.into());
        }
        Ok(())
    }
}

impl Write for UntilClosed<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.check()?;
        let n = self.0.write(buf)?;
        self.check().map(|()| n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.check()?;
        self.0.flush()?;
        self.check()
    }
}

/// Text written through [`visible_styled`] a line at a time, as it is made,
/// so that a long listing is never held whole; a line is complete before it
/// is escaped, so no color sequence is cut. [`VisibleLines::finish`] writes
/// a last line without its newline.
pub struct VisibleLines<W: Write> {
    out: W,
    line: Vec<u8>,
}

impl<W: Write> VisibleLines<W> {
    pub fn new(out: W) -> VisibleLines<W> {
        VisibleLines {
            out,
            line: Vec::new(),
        }
    }

    pub fn finish(mut self) -> io::Result<()> {
        let rest = std::mem::take(&mut self.line);
        self.out
            .write_all(visible_styled(&String::from_utf8_lossy(&rest)).as_bytes())
    }
}

impl<W: Write> Write for VisibleLines<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut rest = buf;
        while let Some(end) = rest.iter().position(|&b| b == b'\n') {
            self.line.extend_from_slice(&rest[..=end]);
            rest = &rest[end + 1..];
            let line = std::mem::take(&mut self.line);
            self.out
                .write_all(visible_styled(&String::from_utf8_lossy(&line)).as_bytes())?;
        }
        self.line.extend_from_slice(rest);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_escaped_whole_however_the_writes_cut_them() {
        let mut out = Vec::new();
        let mut lines = VisibleLines::new(&mut out);
        // A color sequence and a character cut across writes, a control to escape.
        for piece in ["a \x1b[3", "3mb\x1b[0m\n\u{7}", "c\n\u{e4}"] {
            lines.write_all(piece.as_bytes()).unwrap();
        }
        lines.finish().unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            format!("a \x1b[33mb\x1b[0m\n{}c\n\u{e4}", visible_styled("\u{7}"))
        );
        assert!(!text.contains('\u{7}'), "{text:?}");
    }
}
