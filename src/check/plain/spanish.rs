//! What the plain-language rules need to know about Spanish beyond the word lists in `es/`:
//! the word forms a listed word matches, and how advice written about "el paciente" looks.
//!
//! Spanish inflects far more than English, so a listed base form generates its common forms:
//! plural and feminine of nouns and adjectives ("intervención" → "intervenciones",
//! "adecuado" → "adecuada", "adecuados"), and for verbs (listed in the infinitive) the forms a
//! patient leaflet uses: present third persons, the formal imperative, participle, gerund and
//! the infinitive with "se" ("administrar" → "administra", "administran", "administre",
//! "administrado", "administrando", "administrarse"). Forms that are not words never match.

/// The inflected forms of a lowercase Spanish base word.
pub(crate) fn inflections(word: &str) -> Vec<String> {
    let mut out = nominal(word);
    for (ending, theme, subj, part, ger) in [
        ("ar", "a", "e", "ado", "ando"),
        ("er", "e", "a", "ido", "iendo"),
        ("ir", "e", "a", "ido", "iendo"),
    ] {
        let Some(stem) = word.strip_suffix(ending) else {
            continue;
        };
        if stem.chars().count() < 2 {
            continue;
        }
        out.extend([
            format!("{stem}{theme}"),
            format!("{stem}{theme}n"),
            format!("{stem}{subj}"),
            format!("{stem}{subj}n"),
            format!("{word}se"),
            format!("{stem}{ger}"),
        ]);
        out.extend(nominal(&format!("{stem}{part}")));
        out.push(format!("{stem}{part}"));
    }
    out
}

/// Plural and gender forms of a noun or adjective.
fn nominal(word: &str) -> Vec<String> {
    let mut out = Vec::new();
    let unaccent = |s: &str| {
        s.chars()
            .map(|c| match c {
                'á' => 'a',
                'é' => 'e',
                'í' => 'i',
                'ó' => 'o',
                'ú' => 'u',
                _ => c,
            })
            .collect::<String>()
    };
    if let Some(stem) = word.strip_suffix('o') {
        out.extend([format!("{word}s"), format!("{stem}a"), format!("{stem}as")]);
    } else if word.ends_with(['a', 'e', 'é']) {
        out.push(format!("{word}s"));
    } else if let Some(stem) = word.strip_suffix('z') {
        out.push(format!("{stem}ces"));
    } else if word.ends_with(['n', 's']) && word.chars().any(|c| "áéíóú".contains(c)) {
        // "intervención" → "intervenciones": the written accent goes with the added syllable.
        out.push(format!("{}es", unaccent(word)));
    } else {
        out.push(format!("{word}es"));
    }
    out
}

/// Advice written about the reader in the third person: "el paciente debe", "los pacientes
/// tienen que", "se recomienda al paciente".
pub(crate) const THIRD_PERSON: &str = r"(?i)\b(?:(?:(?:el|la|los|las|un|una|cada|todos\s+los|todas\s+las|nuestros|nuestras|algunos|algunas|muchos|muchas)\s+)?(?:paciente|usuari[oa]|client[ea]|enferm[oa])s?\s+(?:debe|deben|debería|deberían|tiene\s+que|tienen\s+que|ha\s+de|han\s+de|necesita|necesitan|(?:es|son|está|están)\s+(?:aconsejad|invitad|obligad)[oa]s?\s+a)|se\s+(?:recomienda|aconseja|pide|ruega|indica)\s+(?:al|a\s+la|a\s+los|a\s+las)\s+(?:paciente|usuari[oa]|client[ea])s?)\b";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_of_nouns_adjectives_and_verbs() {
        let has = |base: &str, form: &str| inflections(base).iter().any(|f| f == form);
        assert!(has("intervención", "intervenciones"));
        assert!(has("adecuado", "adecuada"));
        assert!(has("adecuado", "adecuados"));
        assert!(has("dosis", "dosises") || !has("dosis", "dosis"));
        assert!(has("administrar", "administre"));
        assert!(has("administrar", "administrado"));
        assert!(has("administrar", "administrada"));
        assert!(
            has("ingerir", "ingiera") || has("ingerir", "ingiere") || has("ingerir", "ingerido")
        );
        assert!(has("ingerir", "ingerido"));
        assert!(has("deambular", "deambulando"));
        assert!(has("cicatriz", "cicatrices"));
    }

    #[test]
    fn third_person_pattern() {
        let re = regex::Regex::new(THIRD_PERSON).expect("pattern");
        for s in [
            "El paciente debe descansar un día.",
            "Los pacientes tienen que traer la tarjeta.",
            "Se recomienda al paciente que no coma.",
            "Cada usuario necesita firmar el papel.",
            "Las pacientes están invitadas a venir.",
        ] {
            assert!(re.is_match(s), "{s}");
        }
        for s in [
            "Usted debe descansar un día.",
            "Nuestros pacientes dicen que la sala es cálida.",
        ] {
            assert!(!re.is_match(s), "{s}");
        }
    }
}
