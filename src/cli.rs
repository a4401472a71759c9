//! The command line: what each subcommand takes, with help text that teaches.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// handout turns a folder of Markdown patient-education articles into a static website:
/// article pages, topic pages for each treatment's benefits, what to expect and precautions,
/// a FAQ, tag pages, a sitemap and a feed. Every page shows your clinic's disclaimer, emergency
/// notice and the article's clinical review dates.
#[derive(Debug, Parser)]
#[command(name = "handout", version, about, long_about = None, after_help = "Start with `handout build` in the site folder, then open public/index.html through a web server (see `handout build --help`).")]
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

#[cfg(test)]
mod tests {
    #[test]
    fn cli_is_well_formed() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
