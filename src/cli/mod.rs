//! Command-line definitions and the subcommands.
//!
//! Input: the parsed arguments.
//! Output: the exit code; specs and summaries on stdout or in files, diagnostics and
//! messages on stderr, logs through `tracing` (quiet unless `-v` or `PATROON_LOG`).
//! Not here: the pipeline itself (see `patroon::pipeline`).

mod logging;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use patroon::location::{Diagnostic, Diagnostics};
use patroon::output;
use patroon::pattern::ApiPattern;
use patroon::pattern::api::Place;
use patroon::pipeline::{self, GeneratedFile, LoadError};
use patroon::profile::Profile;
use patroon::read::{ReadError, inspect, yaml_model};
use patroon::render::{OasVersion, Renderer};

const AFTER_HELP: &str = "\
Exit codes:
  0  success
  1  `check` found generated files that differ from the model
  2  the input could not be used (usage, unreadable or invalid model or profile); nothing written

Examples:
  patroon generate
  patroon generate --pattern resource --oas 3.0.3 --out build/specs
  patroon generate --model export.xmi --package Model
  patroon import export.xmi -o model/mine.yaml --profile-out model/mine.profile.yaml
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
    #[command(after_help = AFTER_HELP)]
    Generate(GenerateArgs),
    /// Check that the output folder matches what the model generates; print a diff if not.
    #[command(after_help = AFTER_HELP)]
    Check(GenerateArgs),
    /// Convert a model (XMI, MIM serialisation or patroon YAML) into the patroon YAML format.
    #[command(after_help = AFTER_HELP)]
    Import(ImportArgs),
    /// Summarise a model: counts per MIM kind, packages, external elements, warnings.
    #[command(after_help = AFTER_HELP)]
    Inspect(InspectArgs),
}

#[derive(Debug, Args)]
struct GenerateArgs {
    /// The model file: patroon YAML, Enterprise Architect XMI or MIM serialisation XML.
    #[arg(long, value_name = "FILE", default_value = "model/klantinteracties.yaml")]
    model: PathBuf,

    /// Use only this package of the model (plus what it refers to in other packages).
    #[arg(long, value_name = "NAME")]
    package: Option<String>,

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

    /// Folder holding an openapi.yaml.j2 that replaces the built-in template.
    #[arg(long, value_name = "DIR")]
    templates: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct ImportArgs {
    /// The model file to convert.
    file: PathBuf,

    /// Use only this package of the model (plus what it refers to in other packages).
    #[arg(long, value_name = "NAME")]
    package: Option<String>,

    /// Where to write the patroon YAML model; `-` or absent: stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,

    /// Also write a profile derived from the model here, to edit before generating.
    #[arg(long, value_name = "FILE")]
    profile_out: Option<PathBuf>,
}

#[derive(Debug, Args)]
struct InspectArgs {
    /// The model file to summarise.
    file: PathBuf,

    /// Summarise only this package (plus what it refers to in other packages).
    #[arg(long, value_name = "NAME")]
    package: Option<String>,
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
        Command::Import(args) => import(&args, quiet),
        Command::Inspect(args) => inspect(&args, quiet),
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

/// Prints diagnostics in file order, warnings only unless `quiet`.
fn print_diagnostics(diagnostics: &[Diagnostic], quiet: bool) {
    let mut sorted: Vec<&Diagnostic> =
        diagnostics.iter().filter(|diagnostic| diagnostic.is_error() || !quiet).collect();
    sorted.sort_by(|left, right| {
        (&left.at.file, left.at.line, left.at.col).cmp(&(
            &right.at.file,
            right.at.line,
            right.at.col,
        ))
    });
    for diagnostic in sorted {
        eprintln!("{diagnostic}");
    }
}

/// Turns a load failure into an error, printing model or profile diagnostics first.
fn load_failure(error: LoadError, file: &Path, quiet: bool) -> anyhow::Error {
    let (what, diagnostics) = match &error {
        LoadError::Invalid(diagnostics) | LoadError::Model(ReadError::Invalid(diagnostics)) => {
            ("model", diagnostics)
        }
        LoadError::Profile(ReadError::Invalid(diagnostics)) => {
            ("profile for the model", diagnostics)
        }
        _ => {
            let context = format!("cannot use the model `{}`; nothing written", file.display());
            return anyhow::Error::new(error).context(context);
        }
    };
    print_diagnostics(&diagnostics.0, quiet);
    let count = Diagnostics::error_count(diagnostics);
    let noun = if count == 1 { "error" } else { "errors" };
    anyhow::anyhow!("the {what} `{}` has {count} {noun}; nothing written", file.display())
}

/// Loads, generates and renders in memory; nothing is written.
fn produce(args: &GenerateArgs, quiet: bool) -> anyhow::Result<Vec<pipeline::PatternOutput>> {
    let loaded = pipeline::load(&args.model, args.profile.as_deref(), args.package.as_deref())
        .map_err(|error| load_failure(error, &args.model, quiet))?;
    print_diagnostics(&loaded.warnings, quiet);
    let renderer = Renderer::new(args.templates.as_deref())?;
    let patterns =
        if args.patterns.is_empty() { ApiPattern::ALL.to_vec() } else { dedup(&args.patterns) };
    let versions =
        if args.versions.is_empty() { OasVersion::ALL.to_vec() } else { dedup(&args.versions) };
    let outputs = match pipeline::generate(&loaded, &patterns, &versions, &renderer) {
        Ok(outputs) => outputs,
        Err(pipeline::GenerateError::Invalid { pattern, diagnostics }) => {
            print_diagnostics(&diagnostics.0, quiet);
            anyhow::bail!("the {pattern} pattern cannot be made from this model; nothing written");
        }
        Err(other) => return Err(other.into()),
    };
    // Patterns share their naming decisions, so the same warning may come from several.
    let diagnostics = outputs.iter().flat_map(|output| output.api.diagnostics.iter().cloned());
    let mut unique: Vec<Diagnostic> = Vec::new();
    for diagnostic in diagnostics {
        if !unique.contains(&diagnostic) {
            unique.push(diagnostic);
        }
    }
    print_diagnostics(&unique, quiet);
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

/// Refuses to write over an input file.
fn guard_inputs(out_dir: &Path, files: &[GeneratedFile], inputs: &[&Path]) -> anyhow::Result<()> {
    let inputs: Vec<PathBuf> =
        inputs.iter().filter_map(|input| std::fs::canonicalize(input).ok()).collect();
    for file in files {
        let target = out_dir.join(&file.path);
        if let Ok(target) = std::fs::canonicalize(&target)
            && inputs.contains(&target)
        {
            anyhow::bail!(
                "`{}` is an input of this run and would be overwritten; choose another --out",
                target.display()
            );
        }
    }
    Ok(())
}

fn generate(args: &GenerateArgs, quiet: bool) -> anyhow::Result<ExitCode> {
    let outputs = produce(args, quiet)?;
    let files = all_files(&outputs);
    let mut inputs = vec![args.model.as_path()];
    inputs.extend(args.profile.as_deref());
    guard_inputs(&args.out, &files, &inputs)?;
    let written = output::write_all(&args.out, &files)?;
    if !quiet {
        for output in &outputs {
            let api = &output.api;
            let operations: usize = api.paths.iter().map(|path| path.operations.len()).sum();
            let hidden = api
                .exposure
                .iter()
                .filter(|exposure| matches!(exposure.place, Place::NotExposed(_)))
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
    let drifted = output::drift(&args.out, &all_files(&outputs))?;
    if drifted.is_empty() {
        if !quiet {
            eprintln!("{} matches the model", args.out.display());
        }
        return Ok(ExitCode::SUCCESS);
    }
    let diffs: String = drifted.iter().map(|(_, diff)| diff.as_str()).collect();
    write_stdout(&diffs)?;
    eprintln!(
        "{} file(s) in {} differ from what the model generates; run `patroon generate` to update",
        drifted.len(),
        args.out.display()
    );
    Ok(ExitCode::from(1))
}

fn import(args: &ImportArgs, quiet: bool) -> anyhow::Result<ExitCode> {
    let (doc, model, diagnostics) = pipeline::load_model(&args.file, args.package.as_deref())
        .map_err(|error| load_failure(error, &args.file, quiet))?;
    print_diagnostics(&diagnostics, quiet);
    let text = yaml_model::write(&doc)
        .map_err(|message| anyhow::anyhow!("cannot write the model as YAML: {message}"))?;
    let mut files = Vec::new();
    match args.output.as_deref() {
        Some(path) if path != Path::new("-") => {
            files.push(GeneratedFile { path: path.to_path_buf(), text });
        }
        _ => write_stdout(&text)?,
    }
    if let Some(path) = &args.profile_out {
        let profile = Profile::default_for(&model)
            .to_yaml()
            .map_err(|message| anyhow::anyhow!("cannot write the profile: {message}"))?;
        files.push(GeneratedFile { path: path.clone(), text: profile });
    }
    guard_inputs(Path::new(""), &files, &[args.file.as_path()])?;
    for path in output::write_all(Path::new(""), &files)? {
        if !quiet {
            eprintln!("wrote {}", path.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn inspect(args: &InspectArgs, quiet: bool) -> anyhow::Result<ExitCode> {
    let (doc, _, diagnostics) = pipeline::load_model(&args.file, args.package.as_deref())
        .map_err(|error| load_failure(error, &args.file, quiet))?;
    print_diagnostics(&diagnostics, quiet);
    write_stdout(&format!("{}\n", inspect::Summary::of(&doc, &diagnostics)))?;
    Ok(ExitCode::SUCCESS)
}

/// Writes to stdout; a reader that went away (a closed pipe) is not an error.
fn write_stdout(text: &str) -> anyhow::Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(text.as_bytes()).and_then(|()| stdout.flush()) {
        Err(error) if error.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(anyhow::Error::new(error).context("cannot write to stdout"))
        }
        _ => Ok(()),
    }
}
