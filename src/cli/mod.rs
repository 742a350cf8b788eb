//! Command-line definitions and the subcommands.
//!
//! Input: the parsed arguments.
//! Output: the exit code; user messages and diagnostics go to stderr, logs through
//! `tracing` (quiet unless `-v` or `PATROON_LOG`).
//! Not here: the pipeline itself (see `patroon::pipeline`).

mod logging;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use patroon::location::Diagnostic;
use patroon::output;
use patroon::pattern::ApiPattern;
use patroon::pipeline::{self, GeneratedFile, LoadError};
use patroon::render::{OasVersion, Renderer};

const AFTER_HELP: &str = "\
Exit codes:
  0  success
  1  `check` found generated files that differ from the model
  2  the input could not be used (usage, unreadable or invalid model or profile); nothing written

Examples:
  patroon generate
  patroon generate --pattern resource --oas 3.0.3 --out build/specs
  patroon generate --model my-model.yaml --profile my-model.profile.yaml
  patroon check";

/// Turns a MIM information model into OpenAPI specifications, one per API design pattern.
#[derive(Debug, Parser)]
#[command(name = "patroon", version, after_help = AFTER_HELP)]
struct Cli {
    /// Show more log output (-v info, -vv debug, -vvv trace); PATROON_LOG overrides.
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    verbose: u8,

    /// Show errors only.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Generate OpenAPI specifications from the model into the output folder.
    Generate(GenerateArgs),
    /// Check that the output folder matches what the model generates; print a diff if not.
    Check(GenerateArgs),
}

#[derive(Debug, Args)]
struct GenerateArgs {
    /// The model file (patroon YAML).
    #[arg(long, value_name = "FILE", default_value = "model/klantinteracties.yaml")]
    model: PathBuf,

    /// The API profile; default: <model stem>.profile.yaml beside the model, else derived.
    #[arg(long, value_name = "FILE")]
    profile: Option<PathBuf>,

    /// API design pattern to generate; repeat for several; default: all.
    #[arg(long = "pattern", value_name = "NAME")]
    patterns: Vec<ApiPattern>,

    /// OpenAPI version to write; repeat for several; default: 3.0.3 and 3.1.0.
    #[arg(long = "oas", value_name = "VERSION")]
    versions: Vec<OasVersion>,

    /// Output folder; each pattern writes into a folder of its own name below it.
    #[arg(long, value_name = "DIR", default_value = "output")]
    out: PathBuf,

    /// Folder with templates that replace the built-in ones (openapi.yaml.j2).
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
}

/// Parses the command line, runs the command and maps the outcome to an exit code.
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return match error.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    ExitCode::SUCCESS
                }
                _ => ExitCode::from(2),
            };
        }
    };
    logging::init(cli.verbose, cli.quiet);
    let quiet = cli.quiet;
    let outcome = match cli.command {
        Command::Generate(args) => generate(&args, quiet),
        Command::Check(args) => check(&args, quiet),
    };
    match outcome {
        Ok(code) => code,
        Err(error) => {
            report(&error);
            ExitCode::from(2)
        }
    }
}

/// Prints an error and each of its causes on its own line.
fn report(error: &anyhow::Error) {
    eprintln!("error: {error}");
    for cause in error.chain().skip(1) {
        eprintln!("caused by: {cause}");
    }
}

fn print_warnings(warnings: &[Diagnostic], quiet: bool) {
    if quiet {
        return;
    }
    for warning in warnings {
        eprintln!("{warning}");
    }
}

/// Loads, generates and renders in memory; nothing is written.
fn produce(args: &GenerateArgs, quiet: bool) -> anyhow::Result<Vec<pipeline::PatternOutput>> {
    let loaded = match pipeline::load(&args.model, args.profile.as_deref()) {
        Ok(loaded) => loaded,
        Err(LoadError::Invalid(diagnostics)) => {
            eprintln!("{diagnostics}");
            let count = diagnostics.error_count();
            let noun = if count == 1 { "error" } else { "errors" };
            anyhow::bail!(
                "the model `{}` has {count} {noun}; nothing written",
                args.model.display()
            );
        }
        Err(other) => {
            return Err(anyhow::Error::new(other).context(format!(
                "cannot use the model `{}`; nothing written",
                args.model.display()
            )));
        }
    };
    print_warnings(&loaded.warnings, quiet);
    let renderer = Renderer::new(args.templates.as_deref())?;
    let patterns =
        if args.patterns.is_empty() { ApiPattern::ALL.to_vec() } else { dedup(&args.patterns) };
    let versions =
        if args.versions.is_empty() { OasVersion::ALL.to_vec() } else { dedup(&args.versions) };
    let outputs = pipeline::generate(&loaded, &patterns, &versions, &renderer)?;
    for output in &outputs {
        print_warnings(&output.api.diagnostics, quiet);
    }
    Ok(outputs)
}

fn dedup<T: Ord + Copy>(items: &[T]) -> Vec<T> {
    let mut items = items.to_vec();
    items.sort();
    items.dedup();
    items
}

fn all_files(outputs: &[pipeline::PatternOutput]) -> Vec<GeneratedFile> {
    outputs.iter().flat_map(|output| output.files.iter().cloned()).collect()
}

fn generate(args: &GenerateArgs, quiet: bool) -> anyhow::Result<ExitCode> {
    let outputs = produce(args, quiet)?;
    let written = output::write_all(&args.out, &all_files(&outputs))?;
    if !quiet {
        for output in &outputs {
            let api = &output.api;
            let operations: usize = api.paths.iter().map(|path| path.operations.len()).sum();
            let hidden = api
                .exposure
                .iter()
                .filter(|exposure| {
                    matches!(exposure.place, patroon::pattern::api::Place::NotExposed(_))
                })
                .count();
            eprintln!(
                "{}: {} paths, {operations} operations, {} schemas; {hidden} model elements not exposed",
                output.pattern,
                api.paths.len(),
                api.schemas.len(),
            );
        }
        for path in &written {
            eprintln!("wrote {}", path.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn check(args: &GenerateArgs, quiet: bool) -> anyhow::Result<ExitCode> {
    let outputs = produce(args, quiet)?;
    let drifted = output::drift(&args.out, &all_files(&outputs));
    if drifted.is_empty() {
        if !quiet {
            eprintln!("{} matches the model", display_dir(&args.out));
        }
        return Ok(ExitCode::SUCCESS);
    }
    for (_, diff) in &drifted {
        print!("{diff}");
    }
    eprintln!(
        "{} file(s) in {} differ from what the model generates; run `patroon generate` to update",
        drifted.len(),
        display_dir(&args.out)
    );
    Ok(ExitCode::from(1))
}

fn display_dir(path: &Path) -> String {
    path.display().to_string()
}
