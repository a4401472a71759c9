//! Site settings: `site.yaml` read into a [`RawConfig`], then checked and completed into a
//! [`Config`] that the rest of the pipeline uses.
//!
//! Every key is optional. Unknown keys are errors that name the closest known key, because a
//! misspelt `disclaimer` would otherwise silently drop the disclaimer from every page.

mod brand;
mod languages;
mod paginate;
mod positions;
pub mod rules;
mod urls;
mod values;

pub use brand::{Palette, Shades};
pub use languages::{direction_of, Language};
pub use paginate::{Paginate, SITEMAP_LIMIT};
pub use positions::KeyPositions;

use crate::diagnostic::{Diagnostic, Diagnostics, Severity, Span};
use crate::markdown::{SectionKind, TopicRules};
use crate::yaml::{self, Schema};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// The name of the settings file at the site root.
pub const CONFIG_FILE: &str = "site.yaml";

pub(crate) const DEFAULT_DISCLAIMER: &str =
    "This page gives general information. It is not medical advice \
and does not replace a visit to your doctor or therapist. Talk to a healthcare professional about \
your own situation.";

pub(crate) const DEFAULT_EMERGENCY: &str = "In an emergency, call your local emergency number.";

/// The keys site.yaml may hold, from the types that read them.
fn schema() -> Schema {
    // `topics:` is a map from section kinds to phrases.
    static TOPIC_KEYS: std::sync::LazyLock<Vec<&'static str>> =
        std::sync::LazyLock::new(|| SectionKind::ALL.iter().map(|k| k.key()).collect());
    Schema::of::<RawConfig>()
        .with("clinic", Schema::of::<Clinic>())
        .with("footer_links", Schema::of::<FooterLink>())
        .with("logo", Schema::of::<Logo>())
        .with("brand", Schema::of::<Brand>())
        .with("topics", Schema::keys(&TOPIC_KEYS))
        .with("check", Schema::of::<CheckConfig>())
        .with("languages", Schema::of::<languages::RawLanguage>())
        .with("paginate", Schema::of::<Paginate>())
        // `search: false`, or a mapping whose `synonyms` are the clinic's own words.
        .with("search", Schema::keys(&["synonyms"]))
}

/// `site.yaml` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RawConfig {
    title: Option<String>,
    description: Option<String>,
    base_url: Option<String>,
    language: Option<String>,
    languages: Vec<languages::RawLanguage>,
    clinic: Clinic,
    disclaimer: Option<String>,
    emergency: Option<String>,
    emergency_number: Option<String>,
    review_interval_months: Option<u32>,
    reading_grade_target: Option<f64>,
    topics: BTreeMap<String, Vec<String>>,
    theme: Option<String>,
    article_order: Option<ArticleOrder>,
    brand: Brand,
    logo: Option<Logo>,
    footer_links: Vec<FooterLink>,
    check: CheckConfig,
    allow_links_outside: bool,
    allow_remote_images: bool,
    search: RawSearch,
    paginate: Paginate,
}

/// `search:` as written: `false` to turn search off, or its settings.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum RawSearch {
    Switch(bool),
    Settings {
        #[serde(default = "yes")]
        enabled: bool,
        #[serde(default)]
        synonyms: BTreeMap<String, Synonyms>,
    },
}

impl Default for RawSearch {
    fn default() -> Self {
        RawSearch::Switch(true)
    }
}

fn yes() -> bool {
    true
}

/// The words one synonym entry adds: one term or a list.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Synonyms {
    One(String),
    Many(Vec<String>),
}

/// Site search settings.
#[derive(Debug, Clone, Default)]
pub struct SearchConfig {
    /// Whether the build writes a search index and the search page.
    pub enabled: bool,
    /// Groups of words that mean the same to a patient, each written in lower case
    /// (`slipped disc` with `herniated disc`): a record that uses one gets the others.
    pub synonyms: Vec<Vec<String>>,
}

impl From<RawSearch> for SearchConfig {
    fn from(raw: RawSearch) -> Self {
        match raw {
            RawSearch::Switch(enabled) => SearchConfig {
                enabled,
                synonyms: Vec::new(),
            },
            RawSearch::Settings { enabled, synonyms } => SearchConfig {
                enabled,
                synonyms: synonyms
                    .into_iter()
                    .map(|(k, v)| {
                        let mut group = vec![k];
                        match v {
                            Synonyms::One(s) => group.push(s),
                            Synonyms::Many(l) => group.extend(l),
                        }
                        let mut group: Vec<String> = group
                            .iter()
                            .map(|w| w.trim().to_lowercase())
                            .filter(|w| !w.is_empty())
                            .collect();
                        group.dedup();
                        group
                    })
                    .filter(|g| g.len() > 1)
                    .collect(),
            },
        }
    }
}

/// The clinic that publishes the site; shown on every page and in structured data.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Clinic {
    /// Clinic name.
    pub name: Option<String>,
    /// Phone number as people dial it.
    pub phone: Option<String>,
    /// Contact email.
    pub email: Option<String>,
    /// Postal address.
    pub address: Option<String>,
    /// The clinic's main website.
    pub url: Option<String>,
}

/// How the articles index is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ArticleOrder {
    /// Alphabetically by title.
    #[default]
    Title,
    /// Newest first, by `updated` or `date`.
    Date,
}

/// Brand colours, as CSS hex colours (`#0b6e4f`).
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(default)]
pub struct Brand {
    /// Main colour: header, links, buttons.
    pub color: Option<String>,
    /// Second colour: highlights.
    pub accent: Option<String>,
}

/// A logo image from `static/`.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct Logo {
    /// Path under `static/`, e.g. `logo.svg`.
    pub src: String,
    /// Text alternative; usually the clinic's name.
    #[serde(default)]
    pub alt: String,
}

/// A link shown in the footer.
#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct FooterLink {
    /// Link text.
    pub title: String,
    /// Where it goes.
    pub url: String,
}

/// How `handout check` treats review dates and which rules it runs.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(default)]
pub struct CheckConfig {
    /// Severity of an overdue review: `error` (default) or `warning`.
    pub overdue: Severity,
    /// A review due within this many days is a warning.
    pub due_soon_days: u32,
    /// Rule ids to turn off for the whole site, e.g. `readability/grade`.
    pub disable: Vec<String>,
    /// The lowest PEMAT-style score (percent, per scale) an article may have; none by default.
    pub pemat_minimum: Option<f64>,
    /// The site's own words that an article must explain where it uses them, unless the
    /// glossary does (`plain/undefined-term`), added to the built-in list.
    pub terms: Vec<String>,
    /// The lowest reading ease (0–100, higher is easier) of text in a language scored on an
    /// ease scale: Szigriszt-Pazos/INFLESZ for Spanish. 55 is INFLESZ's "normal".
    pub reading_ease_target: f64,
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig {
            overdue: Severity::Error,
            due_soon_days: 30,
            disable: Vec::new(),
            pemat_minimum: None,
            terms: Vec::new(),
            reading_ease_target: 55.0,
        }
    }
}

impl<'de> Deserialize<'de> for Severity {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        match s.as_str() {
            "error" => Ok(Severity::Error),
            "warning" => Ok(Severity::Warning),
            other => Err(serde::de::Error::custom(format!(
                "expected `error` or `warning`, found `{other}`"
            ))),
        }
    }
}

/// Validated settings with every default filled in.
#[derive(Debug, Clone)]
pub struct Config {
    /// Site title.
    pub title: String,
    /// One-sentence description of the site, for the home page's meta description.
    pub description: String,
    /// Absolute base URL ending in `/` (e.g. `https://clinic.example/guides/`), or `/` when unset.
    pub base_url: String,
    /// The path part of `base_url`, starting and ending with `/`; every internal link starts with it.
    pub base_path: String,
    /// BCP 47 language code of the content.
    pub language: String,
    /// Every language the site is published in, the default (`language`) first.
    pub languages: Vec<Language>,
    /// The language of the pages this configuration renders: the default language, or one
    /// of `languages` for the copy [`Config::for_language`] makes.
    pub lang: Language,
    /// The theme's words in `lang` (with the site's own), filled in once the theme is loaded.
    pub strings: std::sync::Arc<crate::i18n::Strings>,
    /// Which pages exist in which language, filled in once every language is assembled.
    pub translations: std::sync::Arc<crate::i18n::TranslationIndex>,
    /// The clinic.
    pub clinic: Clinic,
    /// Shown on every page.
    pub disclaimer: String,
    /// Emergency notice shown on every page.
    pub emergency: String,
    /// The number to call in an emergency (e.g. `999`), named by `[!EMERGENCY]` callouts;
    /// without it they say "call the emergency number".
    pub emergency_number: Option<String>,
    /// Months from a clinical review to the next one due.
    pub review_interval_months: u32,
    /// Flesch–Kincaid grade above which `check` warns.
    pub reading_grade_target: f64,
    /// Section classification rules (site rules first, then built-in ones).
    pub topics: TopicRules,
    /// Theme name under `themes/`.
    pub theme: String,
    /// Order of the articles index.
    pub article_order: ArticleOrder,
    /// Brand colours.
    pub brand: Brand,
    /// Logo.
    pub logo: Option<Logo>,
    /// Footer links.
    pub footer_links: Vec<FooterLink>,
    /// Content-check settings.
    pub check: CheckConfig,
    /// Follow symbolic links whose targets lie outside the site folder.
    pub allow_links_outside: bool,
    /// Images from other hosts are allowed without a warning.
    pub allow_remote_images: bool,
    /// The brand colours, checked, with their derived shades.
    pub palette: Palette,
    /// Where each key of site.yaml was written, for messages about settings.
    pub positions: KeyPositions,
    /// Site search.
    pub search: SearchConfig,
    /// How long lists, the feed and the sitemap are split.
    pub paginate: Paginate,
}

impl Default for Config {
    fn default() -> Self {
        Config::from_raw(RawConfig::default(), Path::new(CONFIG_FILE), "")
            .map(|(c, _)| c)
            .unwrap_or_else(|_| unreachable_default())
    }
}

// The empty RawConfig always validates; this keeps `Default` free of unwrap.
fn unreachable_default() -> Config {
    Config {
        title: "Patient information".into(),
        description: String::new(),
        base_url: "/".into(),
        base_path: "/".into(),
        language: "en".into(),
        languages: vec![Language::default_for("en")],
        lang: Language::default_for("en"),
        strings: Default::default(),
        translations: Default::default(),
        clinic: Clinic::default(),
        disclaimer: DEFAULT_DISCLAIMER.into(),
        emergency: DEFAULT_EMERGENCY.into(),
        emergency_number: None,
        review_interval_months: values::REVIEW_INTERVAL_MONTHS,
        reading_grade_target: values::READING_GRADE_TARGET,
        topics: TopicRules::defaults(),
        theme: "default".into(),
        article_order: ArticleOrder::Title,
        brand: Brand::default(),
        logo: None,
        footer_links: Vec::new(),
        check: CheckConfig::default(),
        allow_links_outside: false,
        allow_remote_images: false,
        palette: Palette::default(),
        positions: KeyPositions::default(),
        search: SearchConfig {
            enabled: true,
            synonyms: Vec::new(),
        },
        paginate: Paginate::default(),
    }
}

/// Reads and validates `site.yaml` under `root`; a missing file gives the defaults.
pub fn load(root: &Path) -> Result<(Config, Diagnostics), Diagnostics> {
    let path = Path::new(CONFIG_FILE);
    let full = root.join(path);
    let text = match std::fs::read(&full) {
        Ok(bytes) => crate::content::decode_utf8(bytes, path)?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) if full.is_dir() => {
            return Err(Diagnostic::error(
                "config/not-a-file",
                Span::file(path),
                format!("site.yaml is a folder, not a file ({e})"),
            )
            .with_help("move the folder away and write the settings in a file named site.yaml")
            .into())
        }
        Err(e) => return Err(Diagnostic::io(path, "read", &e).into()),
    };
    parse(&text, path)
}

/// Parses and validates the text of a `site.yaml` (shown as `path` in errors). Returns the
/// settings with any warnings, or every error.
pub fn parse(text: &str, path: &Path) -> Result<(Config, Diagnostics), Diagnostics> {
    let (raw, value): (RawConfig, _) = yaml::parse(text, path, 1).map_err(Diagnostics::from)?;
    let mut diags = Diagnostics::new();
    diags.extend(yaml::unknown_keys(
        &value,
        &schema(),
        text,
        path,
        1,
        Severity::Error,
        "config/unknown-key",
    ));
    match Config::from_raw(raw, path, text) {
        Ok((mut config, warnings)) if !diags.has_errors() => {
            diags.extend(warnings);
            config.positions = KeyPositions::record(text, &value, path);
            Ok((config, diags))
        }
        Ok(_) => Err(diags),
        Err(more) => {
            diags.extend(more);
            Err(diags)
        }
    }
}

impl Config {
    /// Checks values and fills in defaults. Returns the settings with any warnings.
    pub fn from_raw(
        raw: RawConfig,
        path: &Path,
        text: &str,
    ) -> Result<(Config, Diagnostics), Diagnostics> {
        let mut diags = Diagnostics::new();
        let at = |key: &[&str]| match yaml::find_key(text, key) {
            Some((l, c)) => Span::at(path, l, c),
            None => Span::file(path),
        };
        let base_url = urls::base_url(raw.base_url.as_deref(), &at, &mut diags);
        diags.extend(urls::check_urls(&raw, text, path, &at));
        let palette = brand::palette(&raw.brand, &at).unwrap_or_else(|e| {
            diags.extend(e);
            Palette::default()
        });
        let topics = values::topic_rules(&raw, &at, &mut diags);
        diags.extend(values::check_values(&raw, &at));
        let language = raw.language.clone().unwrap_or_else(|| "en".into());
        let (others, d) = languages::check(&raw.languages, &language, text, path);
        diags.extend(d);
        diags.extend(raw.paginate.check(&at));
        if diags.has_errors() {
            return Err(diags);
        }
        let mut config = Config::complete(raw, base_url, topics, palette);
        config.languages.extend(others);
        Ok((config, diags))
    }

    /// The settings from checked values, with every missing one given its default.
    fn complete(raw: RawConfig, base_url: String, topics: TopicRules, palette: Palette) -> Config {
        let default_lang = Language::default_for(raw.language.as_deref().unwrap_or("en"));
        let title = raw
            .title
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| "Patient information".into());
        Config {
            description: raw.description.unwrap_or_default(),
            title,
            base_path: base_path_of(&base_url),
            base_url,
            language: raw.language.unwrap_or_else(|| "en".into()),
            languages: vec![default_lang.clone()],
            lang: default_lang,
            strings: Default::default(),
            translations: Default::default(),
            clinic: raw.clinic,
            disclaimer: raw.disclaimer.unwrap_or_else(|| DEFAULT_DISCLAIMER.into()),
            emergency: raw.emergency.unwrap_or_else(|| DEFAULT_EMERGENCY.into()),
            emergency_number: raw
                .emergency_number
                .map(|n| n.trim().to_string())
                .filter(|n| !n.is_empty()),
            review_interval_months: raw
                .review_interval_months
                .unwrap_or(values::REVIEW_INTERVAL_MONTHS),
            reading_grade_target: raw
                .reading_grade_target
                .unwrap_or(values::READING_GRADE_TARGET),
            topics,
            theme: raw.theme.unwrap_or_else(|| "default".into()),
            article_order: raw.article_order.unwrap_or_default(),
            brand: raw.brand,
            logo: raw.logo,
            footer_links: raw.footer_links,
            check: raw.check,
            allow_links_outside: raw.allow_links_outside,
            allow_remote_images: raw.allow_remote_images,
            palette,
            positions: KeyPositions::default(),
            search: raw.search.into(),
            paginate: raw.paginate,
        }
    }

    /// Replaces the base URL (from `--base-url`).
    pub fn set_base_url(&mut self, url: &str) {
        self.base_url = if url.ends_with('/') {
            url.to_string()
        } else {
            format!("{url}/")
        };
        self.base_path = base_path_of(&self.base_url);
    }

    /// The absolute address of a site path such as `articles/x/` (no leading slash), in
    /// this configuration's language.
    pub fn permalink(&self, path: &str) -> String {
        format!(
            "{}{}{}",
            self.base_url,
            self.lang.prefix,
            path.trim_start_matches('/')
        )
    }

    /// The root-relative address of a site path, with the base path and the language's
    /// folder in front.
    pub fn url(&self, path: &str) -> String {
        format!(
            "{}{}{}",
            self.base_path,
            self.lang.prefix,
            path.trim_start_matches('/')
        )
    }

    /// The root-relative address of a file every language shares (the stylesheet, the logo).
    pub fn asset_url(&self, path: &str) -> String {
        format!("{}{}", self.base_path, path.trim_start_matches('/'))
    }

    /// This configuration for the pages in `lang`: its own disclaimer, emergency notice and
    /// number where site.yaml gives them, and its pages under `/CODE/`.
    pub fn for_language(&self, lang: &Language) -> Config {
        let mut c = self.clone();
        c.lang = lang.clone();
        if let Some(d) = &lang.disclaimer {
            c.disclaimer = d.clone();
        }
        if let Some(e) = &lang.emergency {
            c.emergency = e.clone();
        }
        if let Some(n) = &lang.emergency_number {
            c.emergency_number = Some(n.clone());
        }
        c
    }
}

/// Whether `u` can be a base URL: an http(s) address or a path from the root, without spaces.
pub fn is_base_url(u: &str) -> bool {
    let scheme_ok = match u
        .strip_prefix("https://")
        .or_else(|| u.strip_prefix("http://"))
    {
        Some(host) => !host.is_empty() && !host.starts_with('/'),
        None => u.starts_with('/') && !u.starts_with("//"),
    };
    scheme_ok && !u.chars().any(char::is_whitespace)
}

/// The path component of a base URL: `https://x.example/a/` gives `/a/`.
fn base_path_of(base_url: &str) -> String {
    let rest = base_url
        .strip_prefix("https://")
        .or_else(|| base_url.strip_prefix("http://"));
    match rest {
        Some(r) => match r.find('/') {
            Some(i) => r[i..].to_string(),
            None => "/".into(),
        },
        None => base_url.to_string(),
    }
}

/// A loose check of a BCP 47 tag: letters and digits in parts of 1–8, separated by `-`.
/// Private-use tags (`x-test`, `qya`) pass too, so a site can test its strings.
pub(crate) fn is_language_tag(s: &str) -> bool {
    let mut parts = s.split('-');
    let first_ok = parts.next().is_some_and(|p| {
        ((2..=3).contains(&p.len()) || p == "x") && p.chars().all(|c| c.is_ascii_alphabetic())
    });
    first_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(t: &str) -> Result<Config, Diagnostics> {
        parse(t, Path::new("site.yaml")).map(|(c, _)| c)
    }

    #[test]
    fn empty_file_gives_defaults() {
        let c = parse_str("").expect("defaults");
        assert_eq!(c.language, "en");
        assert_eq!(c.review_interval_months, 12);
        assert_eq!(c.base_path, "/");
        assert!(!c.disclaimer.is_empty());
    }

    #[test]
    fn unknown_keys_name_the_closest() {
        let err = parse_str("title: x\ndisclaimr: y\nclinic:\n  phon: 1\n").expect_err("unknown");
        let msgs: Vec<String> = err.iter().map(|d| d.to_string()).collect();
        assert_eq!(msgs.len(), 2, "{msgs:?}");
        assert!(msgs[0].starts_with("site.yaml:2:1: error: unknown key `disclaimr`"));
        assert!(msgs[0].contains("did you mean `disclaimer`?"));
        assert!(msgs[1].starts_with("site.yaml:4:3: error: unknown key `clinic.phon`"));
        assert!(msgs[1].contains("`phone`"));
    }

    #[test]
    fn base_path_from_url() {
        let c = parse_str("base_url: https://x.example/guides").expect("ok");
        assert_eq!(c.base_url, "https://x.example/guides/");
        assert_eq!(c.base_path, "/guides/");
        assert_eq!(c.url("articles/a/"), "/guides/articles/a/");
        assert_eq!(
            c.permalink("/articles/a/"),
            "https://x.example/guides/articles/a/"
        );
    }

    #[test]
    fn type_errors_have_a_line() {
        let err = parse_str("title: x\nreview_interval_months: soon\n").expect_err("type");
        let first = err.iter().next().expect("one").to_string();
        assert!(first.starts_with("site.yaml:2:1: error:"), "{first}");
    }

    #[test]
    fn syntax_errors_have_a_line() {
        let err = parse_str("title: x\nclinic: [a\n").expect_err("syntax");
        let first = err.iter().next().expect("one");
        assert_eq!(first.rule, "yaml/syntax");
        assert!(first.span.line.is_some());
    }

    #[test]
    fn base_urls() {
        for ok in ["https://x.example/", "http://x.example/a", "/guides/"] {
            assert!(is_base_url(ok), "{ok}");
        }
        for bad in [
            "guides",
            "ftp://x.example/",
            "https://",
            "//cdn.example/",
            "https://a b/",
        ] {
            assert!(!is_base_url(bad), "{bad}");
        }
    }

    #[test]
    fn language_tags() {
        assert!(is_language_tag("en"));
        assert!(is_language_tag("en-GB"));
        assert!(!is_language_tag("english language"));
    }
}
