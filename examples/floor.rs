//! The floor for the benchmark: the least work a generator can do with the same articles.
//!
//! Reads every Markdown file under `content/articles/` of a site, drops its front matter,
//! renders the body with pulldown-cmark into one fixed HTML shell and writes it to
//! `OUT/articles/SLUG/index.html`, in parallel on every core. With `--pages N` it goes on
//! writing one page per `## ` section of the articles (as handout's topic pages do), cycling
//! through them until N pages are written in all, so that the floor writes as many pages as
//! the build it is compared with. No templates, links, listings or checks: what handout does
//! beyond this is what the multiple in `bench/compare.sh` measures.
//!
//! ```text
//! cargo run --release --example floor -- --root SITE --out DIR [--pages N]
//! ```

use rayon::prelude::*;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str = "usage: floor --root SITE --out DIR [--pages N]";

/// The fixed page around every rendered body.
const SHELL_START: &str = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Guide</title>\
<link rel=\"stylesheet\" href=\"/css/site.css\"></head><body><main id=\"main\">\n";
const SHELL_END: &str = "\n</main></body></html>\n";

struct Args {
    root: PathBuf,
    out: PathBuf,
    pages: Option<usize>,
}

fn parse_args() -> Result<Args, String> {
    let mut root = None;
    let mut out = None;
    let mut pages = None;
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        let mut value = || it.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--root" => root = Some(PathBuf::from(value()?)),
            "--out" => out = Some(PathBuf::from(value()?)),
            "--pages" => {
                let v = value()?;
                pages = Some(
                    v.parse()
                        .map_err(|_| format!("--pages: `{v}` is not a number"))?,
                )
            }
            "-h" | "--help" => return Err(USAGE.into()),
            other => return Err(format!("unknown argument `{other}`\n{USAGE}")),
        }
    }
    match (root, out) {
        (Some(root), Some(out)) => Ok(Args { root, out, pages }),
        _ => Err(USAGE.into()),
    }
}

/// Every article file with its slug (the file stem, or the folder of an `index.md` bundle).
fn articles(root: &Path) -> Vec<(String, PathBuf)> {
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(root.join("content/articles"))
        .into_iter()
        .flatten()
    {
        let p = entry.path();
        if !entry.file_type().is_file() || p.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let stem = p.file_stem().map(|s| s.to_string_lossy().into_owned());
        let slug = match stem.as_deref() {
            Some("index") => p.parent().and_then(Path::file_name),
            _ => p.file_stem(),
        };
        if let Some(slug) = slug {
            found.push((slug.to_string_lossy().into_owned(), p.to_path_buf()));
        }
    }
    found.sort();
    found
}

/// The body after a `---` front matter block.
fn body(text: &str) -> &str {
    let Some(rest) = text.strip_prefix("---\n") else {
        return text;
    };
    match rest.find("\n---\n") {
        Some(end) => &rest[end + 5..],
        None => text,
    }
}

/// Renders `markdown` into the shell.
fn page(markdown: &str) -> String {
    let mut html = String::with_capacity(markdown.len() * 2 + SHELL_START.len());
    html.push_str(SHELL_START);
    let opts = pulldown_cmark::Options::ENABLE_TABLES
        | pulldown_cmark::Options::ENABLE_FOOTNOTES
        | pulldown_cmark::Options::ENABLE_HEADING_ATTRIBUTES;
    pulldown_cmark::html::push_html(&mut html, pulldown_cmark::Parser::new_ext(markdown, opts));
    html.push_str(SHELL_END);
    html
}

fn write(out: &Path, rel: &str, html: &str) -> io::Result<()> {
    let dir = out.join(rel);
    fs::create_dir_all(&dir)?;
    fs::write(dir.join("index.html"), html)
}

/// The `## ` sections of a body, each with its heading.
fn sections(body: &str) -> Vec<&str> {
    let mut starts: Vec<usize> = body.match_indices("\n## ").map(|(i, _)| i + 1).collect();
    starts.push(body.len());
    starts.windows(2).map(|w| &body[w[0]..w[1]]).collect()
}

fn run(args: &Args) -> io::Result<usize> {
    let list = articles(&args.root);
    let written: io::Result<Vec<Vec<String>>> = list
        .par_iter()
        .map(|(slug, path)| {
            let text = fs::read_to_string(path)?;
            let body = body(&text);
            write(&args.out, &format!("articles/{slug}"), &page(body))?;
            Ok(sections(body).into_iter().map(str::to_string).collect())
        })
        .collect();
    let sections = written?;
    let mut n = list.len();
    let extra = args.pages.unwrap_or(n).saturating_sub(n);
    // Section pages, cycling through the articles' sections until `extra` are written.
    let mut queue: Vec<(usize, usize, &str)> = Vec::new();
    let total: usize = sections.iter().map(Vec::len).sum();
    if total > 0 {
        let mut k = 0;
        'fill: loop {
            for (i, secs) in sections.iter().enumerate() {
                for (j, s) in secs.iter().enumerate() {
                    if queue.len() == extra {
                        break 'fill;
                    }
                    queue.push((i, k * 100 + j, s));
                }
            }
            k += 1;
        }
    }
    queue.par_iter().try_for_each(|(i, j, s)| {
        write(
            &args.out,
            &format!("articles/{}/part-{j}", list[*i].0),
            &page(s),
        )
    })?;
    n += queue.len();
    Ok(n)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let start = Instant::now();
    match run(&args) {
        Ok(n) => {
            eprintln!(
                "floor: wrote {n} pages in {:.2} s",
                start.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("floor: {e}");
            ExitCode::FAILURE
        }
    }
}
