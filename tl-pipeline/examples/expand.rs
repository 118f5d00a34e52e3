//! Prints what `tl_schema!(path = [FILES…])` expands to, for reading the generated code and
//! counting it (`bench/generated-lines.sh`):
//!
//! ```sh
//! cargo run -p tl-pipeline --example expand -- ../shared/schemas/telegram-api-layer230.tl > out.rs
//! ```
//!
//! Options as in the macro: `--ids tl-spec`, `--verify-ids`, `--allow-duplicate-ids`, `--json-tdlib` (`json = "tdlib"`),
//! `--docs getdoc.json`, `--errors errors.json`, `--derive-all` (`derive = ["Default", "Eq", "Hash"]`).

use std::process::ExitCode;

use tl_pipeline::{diag, run, IdRule, Options, Source};

fn main() -> ExitCode {
    let mut options = Options::default();
    let mut sources = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--ids" => match args.next().as_deref().and_then(IdRule::from_option) {
                Some(rule) => options.validate.id_rule = rule,
                None => return usage("--ids takes `telegram` or `tl-spec`"),
            },
            "--verify-ids" => options.validate.verify_ids = true,
            "--derive-all" => {
                options.derive = tl_pipeline::Derive {
                    default: true,
                    eq: true,
                    hash: true,
                }
            }
            "--json-tdlib" => {
                options.tdlib_json = true;
                options.validate.nullable_from_docs = true;
            }
            "--allow-duplicate-ids" => options.validate.allow_duplicate_ids = true,
            "--docs" | "--errors" => {
                let Some(path) = args.next() else {
                    return usage(&format!("{arg} takes a file"));
                };
                let text = match std::fs::read_to_string(&path) {
                    Ok(text) => text,
                    Err(e) => return usage(&format!("{path}: {e}")),
                };
                if arg == "--docs" {
                    options.docs = Some(text);
                } else {
                    options.errors = Some(text);
                }
            }
            path => match std::fs::read_to_string(path) {
                Ok(text) => sources.push(Source::file(path, text)),
                Err(e) => return usage(&format!("{path}: {e}")),
            },
        }
    }
    if sources.is_empty() {
        return usage("no schema file given");
    }
    let out = run(&sources, &options);
    for d in &out.diagnostics {
        eprintln!("{}", diag::render(d, &sources));
    }
    for (option, problem) in &out.data_errors {
        eprintln!("--{option}: {problem}");
    }
    println!("{}", out.code);
    if out.diagnostics.is_empty() && out.data_errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("expand: {problem}\nusage: expand [--ids telegram|tl-spec] [--verify-ids] [--allow-duplicate-ids] [--docs FILE.json] [--errors FILE.json] FILE.tl…");
    ExitCode::from(2)
}
