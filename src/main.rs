//! The `handout` binary: parses the command line, runs the library, prints diagnostics and
//! turns the outcome into an exit status (0 success, 1 content errors, 2 usage errors).

use clap::Parser;
use handout::cli::{Cli, Command};
use handout::{BuildOptions, Diagnostics};
use std::io::Write;
use std::process::ExitCode;

/// A build allocates and frees millions of small strings (Tera's template values, every
/// lookup's path segments); mimalloc does that in about 15% less CPU time than the system
/// allocator (measured on a 10,000-article site, see bench/README.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(args) => ExitCode::from(handout::check::run(&args)),
        Command::Serve(args) => {
            // `run` returns only if the preview could not start.
            let Err(e) = handout::serve::run(&args);
            eprintln!("{e}");
            ExitCode::from(2)
        }
        Command::Build(args) => {
            let report = handout::build(&BuildOptions {
                root: args.root,
                out: args.out,
                base_url: args.base_url,
                drafts: args.drafts,
            });
            print_diagnostics(&report.diagnostics);
            let errors = report.diagnostics.error_count();
            let warnings = report.diagnostics.warning_count();
            let secs = report.elapsed.as_secs_f64();
            if errors == 0 {
                eprintln!(
                    "Built {} pages ({} files) into {} with {} in {:.2} s.",
                    report.pages,
                    report.files,
                    report.out.display(),
                    plural(warnings, "warning"),
                    secs
                );
                ExitCode::SUCCESS
            } else {
                eprintln!(
                    "Build failed: {}, {}; {} was left unchanged ({:.2} s).",
                    plural(errors, "error"),
                    plural(warnings, "warning"),
                    report.out.display(),
                    secs
                );
                if report.usage_error {
                    ExitCode::from(2)
                } else {
                    ExitCode::from(1)
                }
            }
        }
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Prints every diagnostic to stderr, errors and warnings alike, in file order.
fn print_diagnostics(diags: &Diagnostics) {
    let stderr = std::io::stderr();
    let mut w = stderr.lock();
    for d in diags {
        let _ = writeln!(w, "{d}");
    }
}
