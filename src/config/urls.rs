//! Addresses in site.yaml, checked with the site-wide URL policy ([`crate::url_scheme`]).

use super::{is_base_url, RawConfig};
use crate::diagnostic::{Diagnostic, Diagnostics, Span};
use crate::yaml;
use std::path::Path;

/// Addresses in site.yaml: links may go to web pages, email and phone; the logo is an image
/// and is served from the site unless remote images are allowed.
pub(super) fn check_urls(
    raw: &RawConfig,
    text: &str,
    path: &Path,
    at: &dyn Fn(&[&str]) -> Span,
) -> Diagnostics {
    use crate::url_scheme::{classify, refused_message, UrlKind, REFUSED_HELP};
    let mut diags = Diagnostics::new();
    let mut links: Vec<(&str, Vec<&str>)> = Vec::new();
    if let Some(u) = raw.clinic.url.as_deref() {
        links.push((u, vec!["clinic", "url"]));
    }
    for l in &raw.footer_links {
        links.push((&l.url, vec!["footer_links", "url"]));
    }
    for (url, key) in links {
        if let UrlKind::Refused(scheme) = classify(url) {
            // Several footer links share a key path: point at the line that holds this value.
            let span = yaml::find_value(text, key[key.len() - 1], url)
                .map(|(l, c)| Span::at(path, l, c))
                .unwrap_or_else(|| at(&key));
            diags.push(
                Diagnostic::error("config/url", span, refused_message(url, &scheme))
                    .with_help(REFUSED_HELP),
            );
        }
    }
    if let Some(logo) = &raw.logo {
        match classify(&logo.src) {
            UrlKind::Local => {}
            UrlKind::Remote if raw.allow_remote_images => {}
            UrlKind::Remote => diags.push(
                Diagnostic::warning(
                    "images/remote",
                    at(&["logo", "src"]),
                    format!("the logo `{}` is loaded from another site on every page", logo.src),
                )
                .with_help("put the logo in static/ and write its path, e.g. `logo.svg` (or set `allow_remote_images: true`)"),
            ),
            UrlKind::Contact | UrlKind::Refused(_) => diags.push(
                Diagnostic::error(
                    "config/url",
                    at(&["logo", "src"]),
                    format!("the logo `{}` is not an image path", logo.src),
                )
                .with_help("put the logo in static/ and write its path, e.g. `logo.svg`"),
            ),
        }
    }
    diags
}

/// `base_url` as written, ending in `/`; `/` when unset. An address that is not http(s), or
/// that has a query or fragment, is an error.
pub(super) fn base_url(
    written: Option<&str>,
    at: &dyn Fn(&[&str]) -> Span,
    diags: &mut Diagnostics,
) -> String {
    let u = match written.map(str::trim) {
        None | Some("") => return "/".to_string(),
        Some(u) => u,
    };
    if u.contains(['?', '#']) {
        diags.push(
            Diagnostic::error(
                "config/base-url",
                at(&["base_url"]),
                format!("base_url `{u}` has a query or fragment (`?` or `#`); every page address is built on it"),
            )
            .with_help("write only the site's address, e.g. `https://www.myclinic.example/guides/`"),
        );
    } else if !is_base_url(u) {
        diags.push(
            Diagnostic::error(
                "config/base-url",
                at(&["base_url"]),
                format!("base_url `{u}` is not an http(s) address"),
            )
            .with_help("write the full address, e.g. `https://www.myclinic.example/`"),
        );
    }
    if u.ends_with('/') {
        u.to_string()
    } else {
        format!("{u}/")
    }
}
