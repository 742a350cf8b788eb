//! Where something stands in an input file, and diagnostics that point there.
//!
//! Input: positions found by the readers (file, line, column) and model paths.
//! Output: `Location` and `Diagnostic`, shown as `file:line:col: severity: message`.
//! Not here: deciding what is wrong; the readers, builder and validator do that.

use std::fmt;
use std::sync::Arc;

/// A place in an input file: 1-based line and column, plus the model path when known.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Location {
    /// The file as the user named it.
    pub file: Arc<str>,
    /// 1-based line; 0 when unknown.
    pub line: u32,
    /// 1-based column; 0 when unknown.
    pub col: u32,
}

impl Location {
    /// A location in `file` at `line` and `col` (both 1-based).
    pub fn new(file: &Arc<str>, line: u32, col: u32) -> Location {
        Location { file: Arc::clone(file), line, col }
    }

    /// A location for the file as a whole.
    pub fn file(file: &Arc<str>) -> Location {
        Location { file: Arc::clone(file), line: 0, col: 0 }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.col) {
            (0, _) => write!(f, "{}", self.file),
            (line, 0) => write!(f, "{}:{line}", self.file),
            (line, col) => write!(f, "{}:{line}:{col}", self.file),
        }
    }
}

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The model can still be used.
    Warning,
    /// The model cannot be used until this is fixed.
    Error,
}

/// One problem found in an input, with where it is and which model element it concerns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// How bad it is.
    pub severity: Severity,
    /// Where it is.
    pub at: Location,
    /// The model element path, such as `Klantcontact.kanaal`; empty when none applies.
    pub element: String,
    /// What is wrong, lowercase, with an optional hint after a semicolon.
    pub message: String,
}

impl Diagnostic {
    /// An error at `at` about `element`.
    pub fn error(at: Location, element: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            at,
            element: element.into(),
            message: message.into(),
        }
    }

    /// A warning at `at` about `element`.
    pub fn warning(at: Location, element: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            at,
            element: element.into(),
            message: message.into(),
        }
    }

    /// Whether this diagnostic stops the model from being used.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{}: {severity}: ", self.at)?;
        if !self.element.is_empty() {
            write!(f, "`{}`: ", self.element)?;
        }
        write!(f, "{}", self.message)
    }
}

/// Diagnostics gathered by one stage, shown one per line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// The number of errors (warnings not counted).
    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|diagnostic| diagnostic.is_error()).count()
    }
}

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(diagnostics: Vec<Diagnostic>) -> Self {
        Diagnostics(diagnostics)
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (idx, diagnostic) in self.0.iter().enumerate() {
            if idx > 0 {
                writeln!(f)?;
            }
            write!(f, "{diagnostic}")?;
        }
        Ok(())
    }
}

/// The closest of `candidates` to `word`, when it is close enough to be a likely typo.
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|candidate| (edit_distance(&word, &candidate.to_lowercase()), candidate))
        .filter(|(distance, candidate)| *distance <= (candidate.chars().count() / 3).max(2))
        // Ties go to the alphabetically first name, so the hint is the same every run.
        .min_by(|(left, left_name), (right, right_name)| {
            left.cmp(right).then_with(|| left_name.cmp(right_name))
        })
        .map(|(_, candidate)| candidate)
}

/// Levenshtein distance between two strings, by characters.
fn edit_distance(left: &str, right: &str) -> usize {
    let right: Vec<char> = right.chars().collect();
    let mut previous: Vec<usize> = (0..=right.len()).collect();
    for (i, left_char) in left.chars().enumerate() {
        let mut current = vec![i + 1; right.len() + 1];
        for (j, right_char) in right.iter().enumerate() {
            let cost = usize::from(left_char != *right_char);
            current[j + 1] = (previous[j] + cost).min(previous[j + 1] + 1).min(current[j] + 1);
        }
        previous = current;
    }
    previous[right.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_a_close_name_and_not_a_far_one() {
        let keys = ["cardinality", "definition", "type"];
        assert_eq!(suggest("cardinalty", keys), Some("cardinality"));
        assert_eq!(suggest("Type", keys), Some("type"));
        assert_eq!(suggest("colour", keys), None);
        assert_eq!(suggest("Tekstx", ["Tekst3", "Tekst1", "Tekst2"]), Some("Tekst1"));
    }

    #[test]
    fn location_shows_only_what_is_known() {
        let file: Arc<str> = Arc::from("m.yaml");
        assert_eq!(Location::new(&file, 3, 7).to_string(), "m.yaml:3:7");
        assert_eq!(Location::new(&file, 3, 0).to_string(), "m.yaml:3");
        assert_eq!(Location::file(&file).to_string(), "m.yaml");
    }
}
