//! handout: a static-site generator for clinics that publish patient education.
//!
//! The pipeline runs one way, one module per stage:
//! [`config`] and [`content`] load the site folder, [`markdown`] renders each document once,
//! [`site`] assembles the read-only model and derives the list of pages, [`render`] turns pages
//! into HTML with the theme, and [`output`] writes them to a staging folder swapped in for the
//! output folder (or keeps them in memory for the live preview). [`build`] strings the stages together; every stage reports problems as
//! [`diagnostic::Diagnostic`]s rather than stopping at the first.
//!
//! Beside the pipeline, [`check`] runs the content rules over the model (`handout check`),
//! [`serve`] keeps a live preview (`handout serve`), [`scaffold`] starts new sites and
//! articles (`handout new`) and [`import`] turns existing articles into content files
//! (`handout import`). [`cli`] is the command line over all of them: it parses the options,
//! prints what each returns and picks the exit status.

pub mod build;
pub mod check;
pub mod cli;
pub mod config;
pub mod confine;
pub mod content;
pub mod diagnostic;
pub mod i18n;
pub mod import;
pub mod markdown;
pub mod output;
pub mod render;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod url_scheme;
mod yaml;

pub use build::{build, BuildOptions, BuildReport};
pub use diagnostic::{Diagnostic, Diagnostics, Severity, Span};
