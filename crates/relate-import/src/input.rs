//! The files an importer may read: one file or one directory, opened only through here, so
//! importers stay free of filesystem access and progress can be counted in one place.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

type Progress = Arc<dyn Fn(u64) + Send + Sync>;

pub struct Input {
    path: PathBuf,
    is_dir: bool,
    progress: Option<Progress>,
}

impl Input {
    /// Opens a file or a directory. Fails if the path does not exist.
    pub fn from_path(path: &Path) -> io::Result<Input> {
        let meta = std::fs::metadata(path)?;
        Ok(Input { path: path.to_path_buf(), is_dir: meta.is_dir(), progress: None })
    }

    /// Calls `progress(n)` with the number of bytes read since the last call.
    pub fn with_progress(mut self, progress: impl Fn(u64) + Send + Sync + 'static) -> Input {
        self.progress = Some(Arc::new(progress));
        self
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn is_dir(&self) -> bool {
        self.is_dir
    }

    /// The file names the input offers: the directory's entries (not recursive), or the
    /// single file's own name.
    pub fn files(&self) -> Vec<String> {
        if !self.is_dir {
            return self
                .path
                .file_name()
                .map(|n| vec![n.to_string_lossy().into_owned()])
                .unwrap_or_default();
        }
        let mut names: Vec<String> = std::fs::read_dir(&self.path)
            .map(|dir| {
                dir.filter_map(Result::ok)
                    .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        names.sort();
        names
    }

    pub fn has(&self, name: &str) -> bool {
        self.files().iter().any(|n| n == name)
    }

    /// The path to show in messages for `name`.
    pub fn display_path(&self, name: &str) -> PathBuf {
        if self.is_dir { self.path.join(name) } else { self.path.clone() }
    }

    /// Total size in bytes of the files the input offers (for progress bars).
    pub fn total_size(&self) -> u64 {
        self.files()
            .iter()
            .filter_map(|n| std::fs::metadata(self.display_path(n)).ok())
            .map(|m| m.len())
            .sum()
    }

    /// Opens `name` for streaming, counting progress.
    pub fn open(&self, name: &str) -> io::Result<Box<dyn BufRead + '_>> {
        let file = File::open(self.display_path(name))?;
        let reader = Counting { inner: file, progress: self.progress.clone(), pending: 0 };
        Ok(Box::new(BufReader::with_capacity(1 << 16, reader)))
    }

    /// The first `n` bytes of `name` (fewer if the file is shorter), for format sniffing.
    pub fn head(&self, name: &str, n: usize) -> Vec<u8> {
        let mut buf = Vec::with_capacity(n);
        if let Ok(file) = File::open(self.display_path(name)) {
            let _ = file.take(n as u64).read_to_end(&mut buf);
        }
        buf
    }

    /// Line and column (1-based) of byte `offset` in `name`; used only to report errors.
    pub fn line_col(&self, name: &str, offset: u64) -> (u64, u64) {
        let mut line = 1;
        let mut column = 1;
        if let Ok(file) = File::open(self.display_path(name)) {
            for byte in BufReader::new(file).bytes().take(offset as usize) {
                match byte {
                    Ok(b'\n') => {
                        line += 1;
                        column = 1;
                    }
                    // count characters, not UTF-8 continuation bytes
                    Ok(b) if b & 0xC0 != 0x80 => column += 1,
                    Ok(_) => {}
                    Err(_) => break,
                }
            }
        }
        (line, column)
    }
}

struct Counting<R> {
    inner: R,
    progress: Option<Progress>,
    pending: u64,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Some(progress) = &self.progress {
            self.pending += n as u64;
            if self.pending >= 1 << 20 || n == 0 {
                progress(self.pending);
                self.pending = 0;
            }
        }
        Ok(n)
    }
}
