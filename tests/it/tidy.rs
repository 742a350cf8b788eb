//! House rules that a compiler does not check, applied to every source file.
//!
//! Input: the files under src/, tests/ and benches/ ending in `.rs`, and templates/.
//! Output: a failure naming each file that lacks a `//!` opening, has trailing
//! whitespace, or carries a forbidden mark (bare to-do marks, placeholders, debug macros).
//! Not here: formatting and lints (rustfmt and clippy run in CI).

use std::path::{Path, PathBuf};

use crate::support::root;

fn files(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.filter_map(Result::ok) {
        let path = entry.path();
        if path.is_dir() {
            files(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "rs" || ext == "j2") {
            found.push(path);
        }
    }
}

#[test]
fn source_files_follow_the_house_rules() {
    let mut found = Vec::new();
    for dir in ["src", "tests", "benches", "templates"] {
        files(&root().join(dir), &mut found);
    }
    assert!(found.len() > 10);
    // The marks are assembled so that this file does not contain them itself.
    let forbidden = [
        ["TO", "DO"].concat(),
        ["X", "XX"].concat(),
        ["dbg", "!("].concat(),
        ["todo", "!("].concat(),
        ["unimplemented", "!("].concat(),
    ];
    let mut problems = Vec::new();
    for path in found {
        let text = std::fs::read_to_string(&path).expect("readable");
        let shown = path.strip_prefix(root()).unwrap_or(&path).display().to_string();
        if shown.ends_with(".rs") && !text.starts_with("//!") {
            problems.push(format!("{shown}: does not open with a `//!` module doc"));
        }
        for (idx, line) in text.lines().enumerate() {
            if line.ends_with(' ') || line.ends_with('\t') {
                problems.push(format!("{shown}:{}: trailing whitespace", idx + 1));
            }
            for mark in &forbidden {
                if line.contains(mark.as_str()) {
                    problems.push(format!("{shown}:{}: forbidden mark `{mark}`", idx + 1));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
