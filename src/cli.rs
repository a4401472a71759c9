//! The command line: what each subcommand takes, with help text that teaches, and how each
//! command's result is printed and turned into an exit status.

pub mod check;
pub mod serve;

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

const AFTER_HELP: &str = "\
Getting started: `handout new my-site` makes a site (`handout import` brings in your existing \
articles); run `handout serve` in the site folder and open the address it prints; edit files in \
content/ and the page reloads. `handout build` writes the finished site to public/.

Exit status: 0 success, 1 content or template errors (each printed as file:line:column with a \
hint), 2 usage errors (a missing folder, a bad option).";

/// handout turns a folder of Markdown patient-education articles into a static website:
/// article pages, topic pages for each treatment's benefits, what to expect and precautions,
/// a FAQ, tag pages, a sitemap and a feed. Every page shows your clinic's disclaimer, emergency
/// notice and the article's clinical review dates.
#[derive(Debug, Parser)]
#[command(name = "handout", version, about, long_about = None, after_help = AFTER_HELP)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the site into a folder any static host can serve.
    ///
    /// Reads site.yaml, content/, templates/, themes/ and static/ under the site folder and
    /// writes the finished site to public/. The old public/ is replaced only when the whole
    /// build succeeds, so a mistake never takes your site down. Exit status: 0 built,
    /// 1 content or template errors (each printed as file:line:column), 2 usage errors.
    Build(BuildArgs),
    /// Check content before publishing: reading level, review dates, links, accessibility.
    ///
    /// Prints each finding as file:line:column with a rule id and a hint, then a summary per
    /// article. Exit status: 0 clean, 1 errors (or warnings with --strict), 2 usage errors.
    Check(CheckArgs),
    /// Preview the site while you edit: builds, serves on this computer, and reloads the
    /// browser page each time you save a file.
    Serve(ServeArgs),
    /// Start a new site, or add an article or page to this one.
    ///
    /// `handout new DIR` makes a complete site in a new folder. Inside a site,
    /// `handout new article "Knee replacement: recovery at home"` and
    /// `handout new page "Opening hours"` start a file from a template (your own in
    /// templates/new/article.md or page.md, if you have one). Never replaces a file.
    New(NewArgs),
    /// Turn existing articles into Markdown articles: plain text, saved web pages (.html),
    /// a WordPress export (.xml) or Word documents (.docx).
    ///
    /// Writes into ROOT/content/ and prints a report per file: the sections found and the
    /// topic each became, FAQ questions, what was dropped and what needs a person. Exit
    /// status: 0 imported, 1 a file could not be imported, 2 usage errors.
    Import(ImportArgs),
}

/// Options of `handout new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// A folder for a new site, or `article` or `page`.
    #[arg(value_name = "DIR|article|page")]
    pub what: PathBuf,
    /// The title of the new article or page.
    #[arg(value_name = "TITLE")]
    pub title: Option<String>,
    /// The site folder, for `new article` and `new page`.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
}

/// Options of `handout import`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Files or folders to import.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The site folder to import into.
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Print the report and write nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Replace files that already exist.
    #[arg(long)]
    pub force: bool,
    /// Output format of the report.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

/// Options of `handout build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// The site folder (holds site.yaml and content/).
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Where to write the site [default: ROOT/public].
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// The address the site will be served from, e.g. https://www.myclinic.example/guides/
    /// (overrides base_url in site.yaml; used for canonical links, the sitemap and the feed).
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Include articles and pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
}

/// Output format of `handout check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Human-readable, like a compiler.
    Text,
    /// One JSON object, for CI and other tools.
    Json,
}

/// Options of `handout check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The site folder (holds site.yaml and content/).
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Treat warnings as failures (exit status 1).
    #[arg(long)]
    pub strict: bool,
    /// List articles by next review date instead of checking.
    #[arg(long)]
    pub due: bool,
    /// Also check external links over HTTP (slow; needs network).
    #[arg(long)]
    pub external: bool,
    /// Write a self-contained HTML content inventory to FILE.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Include drafts.
    #[arg(long)]
    pub drafts: bool,
    /// Measure review deadlines from this date (YYYY-MM-DD) instead of today, e.g. to see
    /// what will be overdue next month.
    #[arg(long, value_name = "DATE")]
    pub today: Option<chrono::NaiveDate>,
    /// With --external: seconds to wait for each site before giving up.
    #[arg(long, value_name = "SECS", default_value_t = 10.0)]
    pub timeout: f64,
}

/// Options of `handout serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The site folder (holds site.yaml and content/).
    #[arg(long, default_value = ".", value_name = "DIR")]
    pub root: PathBuf,
    /// Port to listen on.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on; the default only accepts connections from this computer.
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: String,
    /// Open the site in the default web browser.
    #[arg(long)]
    pub open: bool,
    /// Include articles and pages marked `draft: true`.
    #[arg(long)]
    pub drafts: bool,
    /// Seconds a client may take to send a whole request head, sit idle between requests, or
    /// leave an answer unread, before its connection is closed. Hidden: the default is ample
    /// for any browser, even on a busy computer; tests shorten it.
    #[arg(long, value_name = "SECS", default_value_t = 10.0, hide = true)]
    pub client_timeout: f64,
}

#[cfg(test)]
mod tests {
    #[test]
    fn cli_is_well_formed() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
