//! Several languages: the theme's words per language ([`Strings`]), which content file belongs
//! to which language, and which page exists in which language ([`TranslationIndex`]).
//!
//! A site is assembled once per language: the default language from the files without a
//! language code, each other language from its translations (`index.es.md`). Every language's
//! pages then link to their translations through the index.

mod alternates;
mod pages;
mod split;
mod strings;

pub use alternates::{alternates, page_key, Alternate, TranslationIndex};
pub use pages::{write_extra_pages, write_language_site, Prefixed, LANGUAGE_HELP_PATH};
pub use split::split_by_language;
pub use strings::{load as load_strings, Strings, I18N_DIR};

use crate::site::Site;

/// Whether a language's site has any content of its own (a translated article, page, home
/// intro or FAQ). A language without any has only the language-help page and, at each of
/// the default language's addresses, a notice that links to the page that exists.
pub fn has_content(site: &Site) -> bool {
    site.home.is_some()
        || site.faq_file.is_some()
        || !site.articles.is_empty()
        || !site.pages.is_empty()
}
