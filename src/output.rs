//! Writing generated files so that a failed run changes nothing.
//!
//! Input: generated files (relative paths and text) and the output folder.
//! Output: the files on disk. Each is first written in full to a temporary file in its
//! own folder, every target is checked to be replaceable, and only then are they renamed
//! into place; files get mode 0644.
//! Not here: deciding what to write. A crash, or a rename the system refuses after the
//! checks passed, between two renames can still leave some files new and others old; each
//! file itself is always whole.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::pipeline::GeneratedFile;

/// Why the output could not be written.
#[derive(Debug, thiserror::Error)]
#[error("cannot write `{path}`")]
pub struct WriteError {
    /// The file or folder.
    pub path: PathBuf,
    /// What the system said.
    #[source]
    pub source: std::io::Error,
}

/// Writes every file below `out_dir`, atomically per file, all-or-nothing before renaming.
pub fn write_all(out_dir: &Path, files: &[GeneratedFile]) -> Result<Vec<PathBuf>, WriteError> {
    let mut staged = Vec::new();
    for file in files {
        let target = out_dir.join(&file.path);
        let folder = match target.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
            _ => PathBuf::from("."),
        };
        if target.is_dir() {
            let source = std::io::Error::other("a folder is in the way of this file");
            return Err(WriteError { path: target, source });
        }
        std::fs::create_dir_all(&folder)
            .map_err(|source| WriteError { path: folder.clone(), source })?;
        let mut temp = tempfile::NamedTempFile::new_in(&folder)
            .map_err(|source| WriteError { path: folder.clone(), source })?;
        temp.write_all(file.text.as_bytes())
            .and_then(|()| temp.flush())
            .and_then(|()| readable_by_all(temp.as_file()))
            .map_err(|source| WriteError { path: target.clone(), source })?;
        staged.push((temp, target));
    }
    // Every file is complete on disk; only now do the real names change.
    let mut written = Vec::new();
    for (temp, target) in staged {
        temp.persist(&target)
            .map_err(|error| WriteError { path: target.clone(), source: error.error })?;
        written.push(target);
    }
    Ok(written)
}

/// Temporary files are private; a generated file is for everyone to read.
#[cfg(unix)]
fn readable_by_all(file: &std::fs::File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn readable_by_all(_file: &std::fs::File) -> std::io::Result<()> {
    Ok(())
}

/// Compares generated files with what is on disk; returns the drifted ones with a diff.
/// A missing file counts as drift (empty before); a file that cannot be read is an error.
pub fn drift(
    out_dir: &Path,
    files: &[GeneratedFile],
) -> Result<Vec<(PathBuf, String)>, WriteError> {
    let mut drifted = Vec::new();
    for file in files {
        let target = out_dir.join(&file.path);
        let current = match std::fs::read_to_string(&target) {
            Ok(text) => text,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(source) => return Err(WriteError { path: target, source }),
        };
        if current != file.text {
            let shown = target.display().to_string();
            let diff = similar::TextDiff::from_lines(&current, &file.text)
                .unified_diff()
                .context_radius(3)
                .header(&format!("{shown} (committed)"), &format!("{shown} (from the model)"))
                .to_string();
            drifted.push((target, diff));
        }
    }
    Ok(drifted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_files_and_folders() {
        let dir = tempfile::tempdir().unwrap();
        let files = vec![GeneratedFile { path: "a/b.yaml".into(), text: "x: 1\n".into() }];
        write_all(dir.path(), &files).unwrap();
        assert_eq!(std::fs::read_to_string(dir.path().join("a/b.yaml")).unwrap(), "x: 1\n");
        assert!(drift(dir.path(), &files).unwrap().is_empty());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join("a/b.yaml")).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o644);
        }
        let changed = vec![GeneratedFile { path: "a/b.yaml".into(), text: "x: 2\n".into() }];
        let drifted = drift(dir.path(), &changed).unwrap();
        assert_eq!(drifted.len(), 1);
        assert!(drifted[0].1.contains("-x: 1\n+x: 2"), "{}", drifted[0].1);
    }

    #[test]
    fn a_failing_write_leaves_the_old_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("keep.yaml"), "old\n").unwrap();
        // A regular file where a folder must go makes the second file fail.
        std::fs::write(dir.path().join("blocker"), "").unwrap();
        let files = vec![
            GeneratedFile { path: "keep.yaml".into(), text: "new\n".into() },
            GeneratedFile { path: "blocker/x.yaml".into(), text: "y\n".into() },
        ];
        assert!(write_all(dir.path(), &files).is_err());
        assert_eq!(std::fs::read_to_string(dir.path().join("keep.yaml")).unwrap(), "old\n");

        // A folder where a file must go is found before anything is renamed.
        std::fs::create_dir(dir.path().join("report.md")).unwrap();
        let files = vec![
            GeneratedFile { path: "keep.yaml".into(), text: "new\n".into() },
            GeneratedFile { path: "report.md".into(), text: "r\n".into() },
        ];
        assert!(write_all(dir.path(), &files).is_err());
        assert_eq!(std::fs::read_to_string(dir.path().join("keep.yaml")).unwrap(), "old\n");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 3, "temporary files were left behind");
    }
}
