//! Writing generated files so that a failed run changes nothing.
//!
//! Input: generated files (relative paths and text) and the output folder.
//! Output: the files on disk. Each is first written in full to a temporary file in its
//! own folder, and only when all are written are they renamed into place.
//! Not here: deciding what to write. A crash between two renames can still leave some
//! files new and others old; each file itself is always whole.

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
        let folder = target.parent().unwrap_or(out_dir).to_path_buf();
        std::fs::create_dir_all(&folder)
            .map_err(|source| WriteError { path: folder.clone(), source })?;
        let mut temp = tempfile::NamedTempFile::new_in(&folder)
            .map_err(|source| WriteError { path: folder.clone(), source })?;
        temp.write_all(file.text.as_bytes())
            .and_then(|()| temp.flush())
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

/// Compares generated files with what is on disk; returns the drifted ones with a diff.
pub fn drift(out_dir: &Path, files: &[GeneratedFile]) -> Vec<(PathBuf, String)> {
    let mut drifted = Vec::new();
    for file in files {
        let target = out_dir.join(&file.path);
        let current = std::fs::read_to_string(&target).unwrap_or_default();
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
    drifted
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
        assert!(drift(dir.path(), &files).is_empty());
        let changed = vec![GeneratedFile { path: "a/b.yaml".into(), text: "x: 2\n".into() }];
        let drifted = drift(dir.path(), &changed);
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
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 2, "temporary files were left behind");
    }
}
