//! Which content file belongs to which language: files without a language code to the
//! default language, `NAME.CODE.md` to the language `CODE`.

use crate::config::Language;
use crate::content::{Discovered, DocKind};
use crate::diagnostic::{Diagnostic, Diagnostics, Span};

/// Splits what discovery found into one [`Discovered`] per language of `languages` (default
/// first). A file named for a language the site does not list is reported; a bundle's,
/// the home page's or the FAQ's is left out (it cannot stand beside its source), any other
/// keeps its whole name as an untranslated file, as before the site had languages.
pub fn split_by_language(
    found: Discovered,
    languages: &[Language],
) -> (Vec<Discovered>, Diagnostics) {
    let mut diags = Diagnostics::new();
    let mut out: Vec<Discovered> = languages.iter().map(|_| Discovered::default()).collect();
    let index_of = |code: &str| {
        languages
            .iter()
            .position(|l| !l.is_default() && l.code.eq_ignore_ascii_case(code))
    };
    for mut doc in found.documents {
        let slot = match doc.lang.as_deref() {
            None => 0,
            Some(code) => match index_of(code) {
                Some(i) => i,
                None => {
                    let listed: Vec<&str> =
                        languages.iter().skip(1).map(|l| l.code.as_str()).collect();
                    let standalone = doc.bundle.is_none()
                        && matches!(doc.kind, DocKind::Article | DocKind::Page);
                    let what = if standalone {
                        "it is published as an untranslated page under its whole name"
                    } else {
                        "it is left out"
                    };
                    diags.push(
                        Diagnostic::warning(
                            "content/unknown-language",
                            Span::file(&doc.path),
                            format!("this file is named as a translation into `{code}`, which site.yaml does not list; {what}"),
                        )
                        .with_help(if listed.is_empty() {
                            format!("add `languages:` with `- code: {code}` to site.yaml, or rename the file")
                        } else {
                            format!("the site's other languages are {}; add `- code: {code}` under `languages:` in site.yaml, or rename the file", listed.join(", "))
                        }),
                    );
                    if !standalone {
                        continue;
                    }
                    doc.lang = None;
                    0
                }
            },
        };
        out[slot].documents.push(doc);
    }
    // Each language's articles take the images of the bundles they live in.
    for d in out.iter_mut() {
        let bundles: std::collections::HashSet<_> = d
            .documents
            .iter()
            .filter_map(|doc| doc.bundle.clone())
            .collect();
        d.bundle_assets = found
            .bundle_assets
            .iter()
            .filter(|(b, _)| bundles.contains(b))
            .cloned()
            .collect();
        d.failed = found.failed.clone();
    }
    (out, diags)
}
