//! `handout check` on the command line: options into [`CheckOptions`], the report onto
//! standard output (the findings are the command's result, not a side note), and the
//! outcome into an exit status.

use super::{CheckArgs, Format};
use crate::check::{self, external::ExternalOptions, output, CheckOptions, NotChecked};
use crate::diagnostic::Diagnostic;
use std::io::Write as _;
use std::process::ExitCode;
use std::time::Duration;

/// Runs `handout check`: 0 clean, 1 errors (or warnings with `--strict`), 2 usage errors.
pub fn run(args: &CheckArgs) -> ExitCode {
    let opts = CheckOptions {
        root: args.root.clone(),
        drafts: args.drafts,
        today: args
            .today
            .unwrap_or_else(|| chrono::Local::now().date_naive()),
        external: args.external.then(|| ExternalOptions {
            timeout: Duration::from_secs_f64(args.timeout.max(0.1)),
            ..Default::default()
        }),
    };
    if args.due {
        return match check::due(&opts) {
            Ok(due) => {
                emit(
                    args.format,
                    || output::due_text(&due),
                    || output::due_json(&due),
                );
                status(due.diagnostics.has_errors())
            }
            Err(e) => not_checked(e, args.format),
        };
    }
    let report = match check::run(&opts) {
        Ok(report) => report,
        Err(e) => return not_checked(e, args.format),
    };
    emit(
        args.format,
        || output::report_text(&report),
        || output::report_json(&report),
    );
    if let Some(file) = &args.report {
        if let Err(e) = std::fs::write(file, check::report_html::render(&report)) {
            eprintln!("{}", Diagnostic::io(file, "write", &e));
            return ExitCode::from(2);
        }
        if args.format == Format::Text {
            println!("Wrote the content report to {}.", file.display());
        }
    }
    status(report.fails(args.strict))
}

/// A missing folder is a usage error (2); a site that did not load fails the check (1).
fn not_checked(e: NotChecked, format: Format) -> ExitCode {
    match e {
        NotChecked::NoSiteFolder(d) => {
            eprintln!("{d}");
            ExitCode::from(2)
        }
        NotChecked::NotLoaded(diags) => {
            emit(
                format,
                || output::failed_load_text(&diags),
                || output::failed_load_json(&diags),
            );
            ExitCode::from(1)
        }
    }
}

fn status(fails: bool) -> ExitCode {
    ExitCode::from(u8::from(fails))
}

/// Writes the text or the JSON to standard output.
fn emit(format: Format, text: impl FnOnce() -> String, json: impl FnOnce() -> serde_json::Value) {
    let out = match format {
        Format::Text => text(),
        Format::Json => format!("{}\n", json()),
    };
    let stdout = std::io::stdout();
    let mut w = stdout.lock();
    // A closed pipe (`handout check | head`) is not an error worth a panic.
    let _ = w.write_all(out.as_bytes());
    let _ = w.flush();
}
