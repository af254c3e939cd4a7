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
