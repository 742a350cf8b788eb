//! Log setup: `tracing` to stderr, quiet by default.
//!
//! Input: the `-v` count, `-q`, and `PATROON_LOG` (a filter such as `patroon=debug`).
//! Output: a global subscriber; warn by default, info/debug/trace with -v/-vv/-vvv,
//! error with -q; `PATROON_LOG` overrides all of these. Colour only on a terminal.
//! Not here: user messages and model diagnostics, which the commands print themselves.

use std::io::IsTerminal;

use tracing_subscriber::EnvFilter;

/// Installs the log subscriber.
pub fn init(verbose: u8, quiet: bool) {
    let level = match (quiet, verbose) {
        (true, _) => "error",
        (false, 0) => "warn",
        (false, 1) => "info",
        (false, 2) => "debug",
        (false, _) => "trace",
    };
    let filter = match std::env::var("PATROON_LOG") {
        Ok(text) => EnvFilter::try_new(&text).unwrap_or_else(|error| {
            eprintln!(
                "warning: PATROON_LOG `{text}` is not a log filter ({error}); using `{level}`"
            );
            EnvFilter::new(level)
        }),
        Err(_) => EnvFilter::new(level),
    };
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .without_time()
        .try_init();
}
