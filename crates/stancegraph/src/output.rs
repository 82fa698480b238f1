//! Writing output files atomically: every file goes to a temporary file in
//! the target directory first and is renamed into place only when all of
//! them were written. A failed run leaves no new or half-written file. (The
//! files are not fsynced: atomic against a failing run, not a power cut.)
//!
//! A run killed before it ends leaves its temporary files behind, named
//! `.<file>.<random>.stancegraph-partial`. Each is locked while its run
//! lives, so the next run into that directory removes the ones no live run
//! holds, and leaves those of a run writing there at the same time alone.

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

use crate::choice::{Spelled, Spelling};

/// What kind of output failure it was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum OutputErrorKind {
    /// The output directory is a file.
    NotADirectory,
    /// An output file's path is a directory, which is never replaced.
    IsADirectory,
    /// The output directory could not be created.
    CreateDirectory,
    /// A file could not be written (its temporary file, or a stream).
    Write,
    /// A written file could not be renamed into place.
    Rename,
}

/// An output failure, with the path it concerns and the I/O error behind
/// it, when there is one.
#[derive(Debug)]
pub struct OutputError {
    /// The file or directory that could not be written (`<stdout>` for
    /// standard output).
    pub path: PathBuf,
    /// What kind of failure.
    pub kind: OutputErrorKind,
    /// The I/O error behind it.
    pub io: Option<io::Error>,
}

impl OutputError {
    /// A failure of `kind` at `path`, caused by `io`.
    pub fn new(path: impl Into<PathBuf>, kind: OutputErrorKind, io: Option<io::Error>) -> Self {
        OutputError {
            path: path.into(),
            kind,
            io,
        }
    }
}

impl std::fmt::Display for OutputError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.spell(Spelling::PLAIN, f)
    }
}

impl Spelled for OutputError {
    fn spell(&self, s: Spelling, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: ", self.path.display())?;
        let io = self.io.as_ref().map(|e| e.to_string()).unwrap_or_default();
        match self.kind {
            OutputErrorKind::NotADirectory => write!(
                f,
                "exists and is not a directory; {} takes a directory (or - for standard output)",
                s.option("output")
            ),
            OutputErrorKind::IsADirectory => f.write_str("is a directory; it will not be replaced"),
            OutputErrorKind::CreateDirectory => write!(f, "cannot create: {io}"),
            OutputErrorKind::Write if self.path.as_os_str() == "<stdout>" => f.write_str(&io),
            OutputErrorKind::Write => write!(f, "cannot write: {io}"),
            OutputErrorKind::Rename => write!(f, "cannot rename into place: {io}"),
        }
    }
}

impl std::error::Error for OutputError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.io.as_ref().map(|e| e as _)
    }
}

/// The end of every temporary file's name.
pub const PARTIAL_SUFFIX: &str = ".stancegraph-partial";

/// What [`write_all`] did.
#[derive(Debug, Default)]
pub struct Written {
    /// The files written, in job order.
    pub paths: Vec<PathBuf>,
    /// The temporary files of stopped runs it removed.
    pub removed: Vec<PathBuf>,
}

/// A file to write: its name in the directory, and what writes its bytes.
pub type Job<'a> = (
    String,
    Box<dyn FnOnce(&mut (dyn Write + Send)) -> io::Result<()> + Send + 'a>,
);

/// Writes every job into `dir` (created if missing), all or nothing, after
/// removing the temporary files that stopped runs left there.
pub fn write_all(dir: &Path, jobs: Vec<Job<'_>>) -> Result<Written, OutputError> {
    use OutputErrorKind::*;
    if dir.exists() && !dir.is_dir() {
        return Err(OutputError::new(dir, NotADirectory, None));
    }
    for (name, _) in &jobs {
        let path = dir.join(name);
        if path.is_dir() {
            return Err(OutputError::new(path, IsADirectory, None));
        }
    }
    let created = create_dir(dir).map_err(|e| OutputError::new(dir, CreateDirectory, Some(e)))?;
    let removed = remove_partials(dir);
    let undo = |created: &Option<PathBuf>| {
        if let Some(top) = created {
            // Only directories this run made, and only if still empty.
            let mut d = dir.to_path_buf();
            while d.starts_with(top) && fs::remove_dir(&d).is_ok() {
                if !d.pop() {
                    break;
                }
            }
        }
    };
    // Every file is written to its temporary file, as many at once as
    // there are cores; the results come back in job order.
    let names: Vec<String> = jobs.iter().map(|(name, _)| name.clone()).collect();
    let results = run_parallel(
        jobs.into_iter()
            .map(|(name, job)| {
                move || -> io::Result<NamedTempFile> {
                    let tmp = partial_file(dir, &name)?;
                    let mut w = BufWriter::with_capacity(1 << 16, tmp);
                    job(&mut w)?;
                    w.flush()?;
                    let tmp = w.into_inner().map_err(|e| e.into_error())?;
                    Ok(tmp)
                }
            })
            .collect(),
    );
    let mut written = Vec::with_capacity(results.len());
    let mut failure = None;
    for (name, result) in names.iter().zip(results) {
        match result {
            Ok(tmp) => written.push((dir.join(name), tmp)),
            Err(e) if failure.is_none() => failure = Some((dir.join(name), e)),
            Err(_) => {}
        }
    }
    if let Some((path, e)) = failure {
        drop(written);
        undo(&created);
        return Err(OutputError::new(path, Write, Some(e)));
    }
    let mut paths = Vec::with_capacity(written.len());
    for (path, tmp) in written {
        tmp.persist(&path)
            .map_err(|e| OutputError::new(&path, Rename, Some(e.error)))?;
        paths.push(path);
    }
    Ok(Written { paths, removed })
}

/// A new temporary file for `name` in `dir`, locked for as long as it is
/// open.
fn partial_file(dir: &Path, name: &str) -> io::Result<NamedTempFile> {
    let prefix = format!(".{name}.");
    loop {
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(PARTIAL_SUFFIX);
        set_permissions(&mut builder);
        let tmp = builder.tempfile_in(dir)?;
        tmp.as_file().lock()?;
        // Another run cleaning the directory may have taken the file for a
        // stopped run's between its creation and the lock, and removed it:
        // then make another.
        if same_file(tmp.as_file(), tmp.path()) {
            return Ok(tmp);
        }
    }
}

#[cfg(unix)]
fn same_file(file: &fs::File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::symlink_metadata(path)) {
        (Ok(a), Ok(b)) => (a.dev(), a.ino()) == (b.dev(), b.ino()),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_: &fs::File, path: &Path) -> bool {
    path.exists()
}

/// Removes the temporary files that stopped runs left in `dir`: those named
/// as temporary files are named that no live run holds locked. Returns
/// them.
pub fn remove_partials(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with('.') && name.ends_with(PARTIAL_SUFFIX)) {
            continue;
        }
        let path = entry.path();
        // Not a link or a directory someone named so.
        if !entry.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        let Ok(file) = fs::File::open(&path) else {
            continue;
        };
        if file.try_lock().is_ok() && fs::remove_file(&path).is_ok() {
            removed.push(path);
        }
    }
    removed.sort();
    removed
}

/// Runs tasks on up to as many threads as there are cores; returns their
/// results in task order.
fn run_parallel<T: Send, F: FnOnce() -> T + Send>(tasks: Vec<F>) -> Vec<T> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(tasks.len());
    if threads <= 1 {
        return tasks.into_iter().map(|t| t()).collect();
    }
    let queue = std::sync::Mutex::new(tasks.into_iter().enumerate());
    let mut results: Vec<(usize, T)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let next = queue.lock().expect("no task panics").next();
                        match next {
                            Some((i, task)) => done.push((i, task())),
                            None => return done,
                        }
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a task does not panic"))
            .collect()
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

/// Outputs get the permissions of any new file (0666 less the umask);
/// temporary files would otherwise keep their private 0600.
#[cfg(unix)]
fn set_permissions(builder: &mut tempfile::Builder) {
    use std::os::unix::fs::PermissionsExt;
    builder.permissions(fs::Permissions::from_mode(0o666));
}

#[cfg(not(unix))]
fn set_permissions(_: &mut tempfile::Builder) {}

/// Creates `dir` and any missing parents; returns the top-most directory it
/// created, so a failed run can remove what it made.
fn create_dir(dir: &Path) -> io::Result<Option<PathBuf>> {
    if dir.as_os_str().is_empty() || dir.is_dir() {
        return Ok(None);
    }
    let mut top = dir.to_path_buf();
    while let Some(parent) = top.parent() {
        if parent.as_os_str().is_empty() || parent.exists() {
            break;
        }
        top = parent.to_path_buf();
    }
    fs::create_dir_all(dir)?;
    Ok(Some(top))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job<'a>(name: &str, bytes: &'a [u8]) -> Job<'a> {
        (name.to_string(), Box::new(move |w| w.write_all(bytes)))
    }

    #[test]
    fn writes_all_files() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("a/b");
        let written = write_all(&dir, vec![job("x.txt", b"x"), job("y.txt", b"y")]).unwrap();
        assert_eq!(written.paths, [dir.join("x.txt"), dir.join("y.txt")]);
        assert_eq!(fs::read(dir.join("y.txt")).unwrap(), b"y");
        assert_eq!(
            fs::read_dir(&dir).unwrap().count(),
            2,
            "no temporary file left"
        );
    }

    #[test]
    fn a_failed_job_leaves_nothing_behind() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("new/out");
        let fail: Job = (
            "bad.txt".to_string(),
            Box::new(|w| {
                w.write_all(b"half")?;
                Err(io::Error::other("disk full"))
            }),
        );
        let e = write_all(&dir, vec![job("x.txt", b"x"), fail]).unwrap_err();
        assert!(e.to_string().contains("bad.txt: cannot write: disk full"));
        assert!(
            !tmp.path().join("new").exists(),
            "created directories removed"
        );
    }

    #[test]
    fn existing_outputs_are_kept_when_a_job_fails() {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join("x.txt"), b"old").unwrap();
        let fail: Job = (
            "y.txt".to_string(),
            Box::new(|_| Err(io::Error::other("no"))),
        );
        write_all(tmp.path(), vec![job("x.txt", b"new"), fail]).unwrap_err();
        assert_eq!(fs::read(tmp.path().join("x.txt")).unwrap(), b"old");
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn outputs_get_the_permissions_of_a_new_file() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        write_all(tmp.path(), vec![job("x.txt", b"x")]).unwrap();
        fs::File::create(tmp.path().join("plain")).unwrap();
        let mode = |name: &str| {
            fs::metadata(tmp.path().join(name))
                .unwrap()
                .permissions()
                .mode()
        };
        assert_eq!(mode("x.txt"), mode("plain"), "not tempfile's private 0600");
    }

    #[test]
    fn stopped_runs_partials_are_removed_live_ones_kept() {
        let tmp = tempfile::tempdir().unwrap();
        let stale = tmp.path().join(".x.txt.abc123.stancegraph-partial");
        fs::write(&stale, b"half").unwrap();
        let live = partial_file(tmp.path(), "y.txt").unwrap();
        let other = tmp.path().join(".notes.stancegraph-partial.bak");
        fs::write(&other, b"mine").unwrap();
        let written = write_all(tmp.path(), vec![job("x.txt", b"x")]).unwrap();
        assert_eq!(written.removed, std::slice::from_ref(&stale));
        assert!(!stale.exists());
        assert!(live.path().exists(), "a live run's file is kept");
        assert!(other.exists(), "only our names are touched");
    }

    #[test]
    fn a_file_is_not_a_directory() {
        let tmp = tempfile::NamedTempFile::new().unwrap();
        let e = write_all(tmp.path(), vec![job("x", b"x")]).unwrap_err();
        assert_eq!(e.kind, OutputErrorKind::NotADirectory);
        assert!(e.to_string().contains("is not a directory"));
        assert_eq!(fs::read(tmp.path()).unwrap(), b"");
    }
}
