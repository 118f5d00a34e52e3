//! `tl`: decode, encode, diff and check TL schemas and payloads (see `tl --help`).

use std::io::Write as _;

fn main() {
    let mut stdin = std::io::stdin().lock();
    let mut stdout = std::io::stdout().lock();
    let mut stderr = std::io::stderr().lock();
    let code = tl_cli::cli::run(
        std::env::args_os(),
        &mut tl_cli::cli::Io {
            stdin: &mut stdin,
            stdout: &mut stdout,
            stderr: &mut stderr,
        },
    );
    // `exit` runs no destructors: what is buffered must go out first.
    let _ = stdout.flush();
    let _ = stderr.flush();
    std::process::exit(code);
}
