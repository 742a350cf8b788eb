//! The `patroon` command: parses the command line and runs one subcommand.
//!
//! Input: arguments and the `PATROON_LOG` environment variable.
//! Output: files in the output folder, messages on stderr, an exit code (0 success,
//! 1 drift found by `check`, 2 unusable input or usage).
//! Not here: any pipeline logic (see the library).

mod cli;

fn main() -> std::process::ExitCode {
    cli::run()
}
