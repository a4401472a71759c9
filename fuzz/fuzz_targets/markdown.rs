//! Any text as an article body: the Markdown stage with section classification, FAQ
//! questions, links and the topic-page HTML.
#![no_main]
use handout::markdown::{render, CalloutWording, GlossaryTerms, KeepLinks, RenderOptions, TopicRules};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let rules = TopicRules::defaults();
    for all_sections_faq in [false, true] {
        let opts = RenderOptions {
            first_line: 5,
            rules: &rules,
            links: &KeepLinks,
            faq_id_prefix: "x-",
            all_sections_faq,
            reserved_ids: &["main", "top"],
            callouts: &CalloutWording::default(),
            glossary: &GlossaryTerms::default(),
        };
        let r = render(text, &opts);
        let _ = r.full_html();
        for section in &r.sections {
            let _ = section.topic_html();
        }
    }
});
