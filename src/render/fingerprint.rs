//! Fingerprints of what each page is rendered from, so an incremental build can tell which
//! pages would come out the same as last time without rendering them.
//!
//! A page's HTML is a function of its template set, Tera's global context (the site view) and
//! the page's own view; so the fingerprint of a page hashes its view, and one shared
//! fingerprint hashes the rest: every template's name and text, the global context, the brand
//! stylesheet and the generator itself. Views are hashed without their QR code, which follows
//! from the page's permanent address (part of the view) and is a fifth of a page's rendering.

use super::{pages, search, Globals, Renderer, Shared};
use crate::site::{PageRef, Site};
use serde::Serialize;
use std::hash::{DefaultHasher, Hash, Hasher};
use xxhash_rust::xxh3::xxh3_64;

/// The hash of `value` as JSON; `None` if it cannot be serialised (then the page is rendered
/// and the renderer reports why).
///
/// The JSON is written out whole and hashed in one pass with XXH3: every page of a large site
/// is fingerprinted on every build, and feeding serde_json's many small writes to a streaming
/// hasher (SipHash before) cost as much as the serialising itself. Resistance to chosen keys
/// is not needed here.
pub(crate) fn hash_json(value: &impl Serialize) -> Option<u64> {
    let json = serde_json::to_vec(value).ok()?;
    Some(xxh3_64(&json))
}

/// The generator: its version and, so that a rebuilt binary never reuses pages of an older
/// one, the size and time of its executable.
fn generator() -> String {
    let exe = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| format!("{}:{:?}", m.len(), m.modified().ok()))
        .unwrap_or_default();
    format!("{} {exe}", env!("CARGO_PKG_VERSION"))
}

impl Renderer {
    /// What every page is rendered from besides its own view.
    pub fn shared_fingerprint(&self, site: &Site, shared: &Shared) -> Option<u64> {
        let mut h = DefaultHasher::new();
        generator().hash(&mut h);
        for (name, t) in &self.templates.list {
            (name, &t.text).hash(&mut h);
        }
        self.qr_codes.hash(&mut h);
        shared.brand_css.hash(&mut h);
        let globals = Globals {
            site: super::views::site_view(site),
        };
        hash_json(&globals)?.hash(&mut h);
        Some(h.finish())
    }

    /// The output path of the QR code file that goes with `page`, if it has one (see
    /// [`Renderer::qr_file`], without making the code).
    pub fn qr_path(&self, site: &Site, page: PageRef) -> Option<String> {
        if !self.qr_codes || !matches!(page, PageRef::Article(_) | PageRef::Topic(..)) {
            return None;
        }
        let path = site.page_path(page);
        (site.config.permalink(&path).len() <= super::qr::MAX_URL)
            .then(|| format!("{path}{}", super::qr::FILE))
    }

    /// What `page` is rendered from besides what every page shares: the hash of its view.
    /// `None` for pages that are always rendered: redirects (cheaper to write than to hash),
    /// the pages of lists, and any kind this does not know.
    pub fn page_fingerprint(&self, site: &Site, shared: &Shared, page: PageRef) -> Option<u64> {
        let no_qr = pages::Inputs { qr_codes: false };
        let h = match page {
            PageRef::Home => hash_json(&pages::home(site, &shared.lists)),
            PageRef::Article(i) => hash_json(&pages::article(site, i, &no_qr)),
            PageRef::Topic(i, kind) => hash_json(&pages::topic(site, i, kind, &no_qr)),
            PageRef::Glossary => hash_json(&pages::glossary(site)),
            PageRef::Page(i) => hash_json(&pages::content(site, i)),
            PageRef::Search => hash_json(&search::page(site, &shared.lists)),
            PageRef::NotFound => hash_json(&pages::not_found(site)),
            _ => None,
        }?;
        // The template a page uses is decided by its kind: keep kinds apart.
        let mut hasher = DefaultHasher::new();
        (std::mem::discriminant(&page), h).hash(&mut hasher);
        Some(hasher.finish())
    }
}
