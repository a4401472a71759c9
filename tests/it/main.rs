//! The integration test crate: builds fixture sites with the real binary and checks what a
//! user would see (parsed HTML, files, messages, exit status).

mod harness;

mod build;
mod check;
mod cli;
mod errors;
mod faq;
mod i18n;
mod import;
mod links;
mod new;
mod pages;
mod plain;
mod readability;
mod reliability;
mod search;
mod serve;
mod serve_limits;
mod topic_checks;
mod topic_corpus;
mod topics;
mod translations;
mod writing;
