//! Any text as site.yaml: YAML, unknown keys with suggestions, every setting's checks.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|text: &str| {
    let _ = handout::config::parse(text, Path::new("site.yaml"));
});
