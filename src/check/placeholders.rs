//! `content/placeholder`: text a new site starts with in `[square brackets]` (the clinic's
//! name, phone, the site's description) that has not been replaced yet. `handout new` writes
//! such placeholders so the site builds at once; this rule keeps them from being published.

use crate::diagnostic::{Diagnostic, Span};
use crate::site::Site;

/// Whether a value is still a placeholder: the whole of it is in square brackets.
fn is_placeholder(value: &str) -> bool {
    let v = value.trim();
    v.len() > 2 && v.starts_with('[') && v.ends_with(']')
}

/// Placeholders in `site.yaml` and in the descriptions of articles and pages.
pub fn check_placeholders(site: &Site) -> Vec<Diagnostic> {
    let c = &site.config;
    let clinic = &c.clinic;
    let settings: [(&[&str], Option<&str>); 9] = [
        (&["title"], Some(c.title.as_str())),
        (&["description"], Some(c.description.as_str())),
        (&["disclaimer"], Some(c.disclaimer.as_str())),
        (&["emergency"], Some(c.emergency.as_str())),
        (&["clinic", "name"], clinic.name.as_deref()),
        (&["clinic", "phone"], clinic.phone.as_deref()),
        (&["clinic", "email"], clinic.email.as_deref()),
        (&["clinic", "address"], clinic.address.as_deref()),
        (&["clinic", "url"], clinic.url.as_deref()),
    ];
    let mut out = Vec::new();
    for (key, value) in settings {
        let Some(value) = value.filter(|v| is_placeholder(v)) else {
            continue;
        };
        let span = c.positions.span(key);
        out.push(placeholder(span, &key.join("."), value));
    }
    for (_, doc, _) in super::documents(site) {
        if let Some(d) = doc
            .front
            .description
            .as_deref()
            .filter(|d| is_placeholder(d))
        {
            let span = Span::at(&doc.path, doc.front.line_of("description"), 1);
            out.push(placeholder(span, "description", d));
        }
    }
    out
}

fn placeholder(span: Span, key: &str, value: &str) -> Diagnostic {
    Diagnostic::warning(
        "content/placeholder",
        span,
        format!("`{key}` is still the placeholder `{value}`"),
    )
    .with_help("replace the text in square brackets with your own, without the brackets")
}

#[cfg(test)]
mod tests {
    use super::is_placeholder;

    #[test]
    fn bracketed_values_are_placeholders() {
        assert!(is_placeholder("[Your clinic's name]"));
        assert!(is_placeholder(" [x] "));
        assert!(!is_placeholder("Lakeside Clinic [Knee]"));
        assert!(!is_placeholder("[]"));
    }
}
