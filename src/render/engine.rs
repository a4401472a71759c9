//! Compiling a theme's templates into one Tera 2 instance, reporting every broken template.

use super::template_errors::{syntax_error, template_error, Templates};
use super::theme::Theme;
use crate::diagnostic::{Diagnostic, Diagnostics, Span};
use std::collections::HashMap;
use std::path::PathBuf;
use tera::{ErrorKind, Tera};

/// The templates every theme must have: one per page kind, and the frame they extend.
const REQUIRED: [&str; 11] = [
    "base.html",
    "home.html",
    "article.html",
    "topic.html",
    "hub.html",
    "faq.html",
    "list.html",
    "tags.html",
    "tag.html",
    "page.html",
    "404.html",
];

/// Compiles the theme's templates; every syntax error and every missing template is reported.
pub(super) fn compile(theme: &Theme) -> Result<(Tera, Templates), Diagnostics> {
    let templates = latest(theme);
    let mut tera = new_tera();
    // A component defined in several layers (a site's `components.html` and the default
    // theme's) is taken from the plain name first, then from the child theme before its parent.
    let prefixes: Vec<String> = theme
        .namespaces
        .iter()
        .rev()
        .map(|n| format!("{n}/"))
        .collect();
    if let Err(e) = tera.set_fallback_prefixes(prefixes) {
        return Err(template_error(&templates, "", &e).into());
    }
    let texts = templates.iter().map(|(n, t)| (n.as_str(), t.text.as_str()));
    if let Err(e) = tera.add_raw_templates(texts) {
        let mut diags = Diagnostics::new();
        // Tera stops at the first template that does not parse; parse each on its own to
        // report them all. Parsing alone does not resolve `extends` or components, so a
        // template is not blamed for a parent or a component that is fine.
        for (name, t) in templates.iter() {
            if let Err(e) = new_tera().add_raw_template(name, &t.text) {
                if let ErrorKind::SyntaxError(report) = e.kind() {
                    diags.push(syntax_error(&templates, report));
                }
            }
        }
        if diags.is_empty() {
            diags.extend(super::template_errors::all(&templates, "", &e));
        }
        return Err(diags);
    }
    let mut diags = Diagnostics::new();
    for r in REQUIRED {
        if !templates.contains(r) {
            diags.push(
                Diagnostic::error(
                    "template/missing",
                    Span::file(PathBuf::from("templates").join(r)),
                    format!("the theme has no `{r}` template"),
                )
                .with_help("add it to your theme, or remove the override that replaced it"),
            );
        }
    }
    if diags.is_empty() {
        Ok((tera, templates))
    } else {
        Err(diags)
    }
}

/// A Tera instance set up as every handout template expects.
fn new_tera() -> Tera {
    let mut tera = Tera::default();
    // Only what is written as HTML or XML gets escaped; `| safe` marks ready-made HTML.
    tera.autoescape_on(vec![".html", ".xml"]);
    words_function(&mut tera, std::sync::Arc::default());
    tera
}

/// Registers `t(key="…")`, the theme's words in the page's language. A function rather than
/// a value in the context, so that components, which see only their arguments, can call it.
pub(super) fn words_function(tera: &mut Tera, words: std::sync::Arc<crate::i18n::Strings>) {
    tera.register_function("t", move |kwargs: tera::Kwargs, _: &tera::State| {
        let key: &str = kwargs.must_get("key")?;
        Ok::<String, tera::Error>(words.get(key).to_string())
    });
}

/// The last version of each template name, in load order: a later layer replaces an earlier one.
fn latest(theme: &Theme) -> Templates {
    let mut out = Templates::default();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for t in &theme.templates {
        match index.get(t.name.as_str()) {
            Some(&i) => out.list[i].1 = t.clone(),
            None => {
                index.insert(&t.name, out.list.len());
                out.list.push((t.name.clone(), t.clone()));
            }
        }
    }
    out
}
