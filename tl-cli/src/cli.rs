//! The command line: `tl decode`, `tl encode`, `tl diff`, `tl check`. [`run`] takes the
//! arguments and the three streams, so tests call it as the binary does.

use std::ffi::OsString;
use std::io::{Read, Write};

use clap::{Args, Parser, Subcommand};
use tl_pipeline::{IdRule, Source};
use tl_runtime::Limits;

use crate::decode::{decode, Root};
use crate::json::{from_json, parse_hex, to_json};
use crate::schema::{load, Schema, SchemaOptions};
use crate::{check, diff, encode, tree};

/// Decode, encode, diff and check TL (Type Language) schemas and payloads.
#[derive(Debug, Parser)]
#[command(name = "tl", version)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Decode TL binary (constructor-id dispatch over the schema, or as one type) into a
    /// readable tree or JSON.
    Decode(DecodeArgs),
    /// Encode the JSON that `decode --json` prints back into TL binary.
    Encode(EncodeArgs),
    /// Compare two schemas: added, removed and changed constructors, functions and types.
    Diff(DiffArgs),
    /// Check schemas and print the diagnostics `tl_schema!` would print.
    Check(CheckArgs),
}

/// How the schemas are read (the macro's options).
#[derive(Debug, Args)]
struct SchemaArgs {
    /// A schema file (repeat for several, read as one schema).
    #[arg(long = "schema", short = 's', required = true, value_name = "FILE")]
    schemas: Vec<String>,
    /// How missing ids are computed: `telegram` or `tl-spec` (TDLib, TON), as `ids = "…"`.
    #[arg(long, default_value = "telegram", value_name = "RULE")]
    ids: String,
    /// Accept two declarations with one id (dispatch takes the first).
    #[arg(long)]
    allow_duplicate_ids: bool,
    /// `constructor.field` of a `string` field holding binary data (repeatable).
    #[arg(long, value_name = "CTOR.FIELD")]
    string_as_bytes: Vec<String>,
    /// Understand the MTProto envelope (`msg_container`, `rpc_result`, `gzip_packed`) even
    /// where the schema does not declare it.
    #[arg(long)]
    envelope: bool,
}

#[derive(Debug, Args)]
struct DecodeArgs {
    #[command(flatten)]
    schema: SchemaArgs,
    /// Decode as this type: a boxed type (`Updates`, `Vector<User>`), a constructor (bare:
    /// `message`, `%message`) or a builtin (`int`, `string`, …).
    #[arg(
        long = "type",
        short = 't',
        value_name = "T",
        conflicts_with = "function"
    )]
    ty: Option<String>,
    /// The input is a function call (dispatch over the functions only).
    #[arg(long)]
    function: bool,
    /// The input is hex text (whitespace ignored).
    #[arg(long)]
    hex: bool,
    /// Print JSON instead of the tree.
    #[arg(long)]
    json: bool,
    /// Accept only the canonical encoding (the runtime's `Limits::STRICT`).
    #[arg(long)]
    strict: bool,
    /// The input file, `-` or nothing for standard input.
    file: Option<String>,
}

#[derive(Debug, Args)]
struct EncodeArgs {
    #[command(flatten)]
    schema: SchemaArgs,
    /// The input is JSON as `decode --json` prints it (the only input format).
    #[arg(long, required = true)]
    json: bool,
    /// Encode as this type (as for `decode`); by default the object's `_` names it.
    #[arg(long = "type", short = 't', value_name = "T")]
    ty: Option<String>,
    /// Print hex instead of writing binary.
    #[arg(long)]
    hex: bool,
    /// The input file, `-` or nothing for standard input.
    file: Option<String>,
}

#[derive(Debug, Args)]
struct DiffArgs {
    /// The old schema.
    old: String,
    /// The new schema.
    new: String,
    /// Print JSON.
    #[arg(long)]
    json: bool,
    /// How missing ids are computed: `telegram` or `tl-spec`.
    #[arg(long, default_value = "telegram", value_name = "RULE")]
    ids: String,
}

#[derive(Debug, Args)]
struct CheckArgs {
    /// The schema files, read as one schema.
    #[arg(required = true)]
    files: Vec<String>,
    /// How missing ids are computed: `telegram` or `tl-spec`, as `ids = "…"`.
    #[arg(long, default_value = "telegram", value_name = "RULE")]
    ids: String,
    /// Explicit ids must equal the computed ones (`verify_ids = true`).
    #[arg(long)]
    verify_ids: bool,
    /// Accept two declarations with one id (`allow_duplicate_ids = true`).
    #[arg(long)]
    allow_duplicate_ids: bool,
    /// `constructor.field` of a `string` field generated as bytes (repeatable).
    #[arg(long, value_name = "CTOR.FIELD")]
    string_as_bytes: Vec<String>,
}

/// The streams a command uses.
pub struct Io<'a> {
    /// Standard input.
    pub stdin: &'a mut dyn Read,
    /// Standard output.
    pub stdout: &'a mut dyn Write,
    /// Standard error.
    pub stderr: &'a mut dyn Write,
}

/// A failed command: the message for standard error and the exit code.
struct Failure {
    message: String,
    code: i32,
}

impl Failure {
    /// A failure of the input or the data (exit code 1).
    fn data(message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
            code: 1,
        }
    }

    /// A failure of the command line or a file (exit code 2).
    fn usage(message: impl Into<String>) -> Self {
        Failure {
            message: message.into(),
            code: 2,
        }
    }
}

type Outcome = Result<(), Failure>;

/// Runs `tl` with `args` (the program name first); returns the exit code: 0 success, 1 the
/// input or schema is wrong, 2 the command line or a file cannot be used.
pub fn run<I, T>(args: I, io: &mut Io<'_>) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let stream: &mut dyn Write = if e.use_stderr() { io.stderr } else { io.stdout };
            let _ = write!(stream, "{}", e.render());
            return code;
        }
    };
    let outcome = match cli.command {
        Command::Decode(a) => run_decode(&a, io),
        Command::Encode(a) => run_encode(&a, io),
        Command::Diff(a) => run_diff(&a, io),
        Command::Check(a) => run_check(&a, io),
    };
    match outcome {
        Ok(()) => 0,
        Err(f) => {
            let _ = writeln!(io.stderr, "{}", f.message.trim_end());
            f.code
        }
    }
}

/// The id rule of an `--ids` value.
fn id_rule(value: &str) -> Result<IdRule, Failure> {
    IdRule::from_option(value).ok_or_else(|| {
        Failure::usage(format!(
            "error: unknown id rule `{value}`: use `telegram` or `tl-spec`"
        ))
    })
}

/// The text of a file.
fn read_text(path: &str) -> Result<String, Failure> {
    std::fs::read_to_string(path).map_err(|e| Failure::usage(format!("error: {path}: {e}")))
}

/// The schema files as sources, named as given.
fn sources(paths: &[String]) -> Result<Vec<Source>, Failure> {
    paths
        .iter()
        .map(|p| read_text(p).map(|text| Source::file(p.clone(), text)))
        .collect()
}

/// Loads the schema the arguments name.
fn load_schema(args: &SchemaArgs) -> Result<Schema, Failure> {
    let options = SchemaOptions {
        id_rule: id_rule(&args.ids)?,
        verify_ids: false,
        allow_duplicate_ids: args.allow_duplicate_ids,
        string_as_bytes: args.string_as_bytes.clone(),
        envelope: args.envelope,
    };
    load(&sources(&args.schemas)?, &options).map_err(|problems| {
        Failure::data(format!(
            "{}\nerror: the schema has {} problem(s); `tl check` shows them too",
            problems.join("\n\n"),
            problems.len()
        ))
    })
}

/// The input bytes: a file, or standard input for `-` or nothing.
fn read_input(file: Option<&str>, stdin: &mut dyn Read) -> Result<Vec<u8>, Failure> {
    match file {
        None | Some("-") => {
            let mut buf = Vec::new();
            stdin
                .read_to_end(&mut buf)
                .map_err(|e| Failure::usage(format!("error: standard input: {e}")))?;
            Ok(buf)
        }
        Some(path) => {
            std::fs::read(path).map_err(|e| Failure::usage(format!("error: {path}: {e}")))
        }
    }
}

/// What `--type`/`--function` say the input is.
fn root(schema: &Schema, ty: Option<&str>, function: bool) -> Result<Root, Failure> {
    match ty {
        Some(text) => schema
            .parse_type(text)
            .map(Root::Type)
            .ok_or_else(|| Failure::usage(format!("error: the schema has no type `{text}`"))),
        None if function => Ok(Root::Function),
        None => Ok(Root::Any),
    }
}

fn run_decode(args: &DecodeArgs, io: &mut Io<'_>) -> Outcome {
    let schema = load_schema(&args.schema)?;
    let mut input = read_input(args.file.as_deref(), io.stdin)?;
    if args.hex {
        let text = String::from_utf8_lossy(&input);
        input = parse_hex(&text).ok_or_else(|| Failure::data("error: the input is not hex"))?;
    }
    let root = root(&schema, args.ty.as_deref(), args.function)?;
    let limits = if args.strict {
        Limits::STRICT
    } else {
        Limits::DEFAULT
    };
    let value = decode(&schema, &input, &root, limits).map_err(|e| {
        let path = if e.path.is_empty() {
            String::new()
        } else {
            format!("\n  in: {}", e.path_text())
        };
        Failure::data(format!(
            "error: {e}{path}\n  decoded {} of {} bytes before the failure",
            e.offset,
            input.len()
        ))
    })?;
    let text = if args.json {
        to_json(&schema, &root.ty(), &value) + "\n"
    } else {
        tree::tree(&schema, &root.ty(), &value)
    };
    io.stdout
        .write_all(text.as_bytes())
        .map_err(|e| Failure::usage(format!("error: {e}")))
}

fn run_encode(args: &EncodeArgs, io: &mut Io<'_>) -> Outcome {
    let schema = load_schema(&args.schema)?;
    let input = read_input(args.file.as_deref(), io.stdin)?;
    let json: serde_json::Value = serde_json::from_slice(&input)
        .map_err(|e| Failure::data(format!("error: the input is not JSON: {e}")))?;
    let root = root(&schema, args.ty.as_deref(), false)?;
    let ty = root.ty();
    let value = from_json(&schema, &ty, &json).map_err(|e| Failure::data(format!("error: {e}")))?;
    let bytes =
        encode::encode(&schema, &ty, &value).map_err(|e| Failure::data(format!("error: {e}")))?;
    let out = if args.hex {
        (tree::hex(&bytes) + "\n").into_bytes()
    } else {
        bytes
    };
    io.stdout
        .write_all(&out)
        .map_err(|e| Failure::usage(format!("error: {e}")))
}

fn run_diff(args: &DiffArgs, io: &mut Io<'_>) -> Outcome {
    let rule = id_rule(&args.ids)?;
    let old = Source::file(args.old.clone(), read_text(&args.old)?);
    let new = Source::file(args.new.clone(), read_text(&args.new)?);
    let changes = diff::diff(&old, &new, rule).map_err(Failure::data)?;
    let text = if args.json {
        diff::to_json(&changes) + "\n"
    } else {
        diff::to_text(&changes)
    };
    io.stdout
        .write_all(text.as_bytes())
        .map_err(|e| Failure::usage(format!("error: {e}")))
}

fn run_check(args: &CheckArgs, io: &mut Io<'_>) -> Outcome {
    let options = tl_pipeline::validate::Options {
        id_rule: id_rule(&args.ids)?,
        verify_ids: args.verify_ids,
        allow_duplicate_ids: args.allow_duplicate_ids,
        string_as_bytes: args.string_as_bytes.clone(),
        ..tl_pipeline::validate::Options::default()
    };
    let sources = sources(&args.files)?;
    let report = check::check(&sources, options);
    if report.problems.is_empty() {
        let _ = writeln!(io.stdout, "{}", report.summary);
        Ok(())
    } else {
        Err(Failure::data(format!(
            "{}\n\n{}",
            report.problems.join("\n\n"),
            report.summary
        )))
    }
}
