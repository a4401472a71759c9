//! Spelling rules that guess how many syllables an English word has.
//!
//! The rules are the fallback for words that the embedded pronunciation table
//! does not settle: the table (see `syllables.rs`) only stores the CMU words
//! these rules get wrong, so every change here must be followed by
//! regenerating the table (the ignored test `regenerate_table` in
//! `syllables.rs`), or words the rules used to get right start to drift.
//!
//! The approach is the classic one: count groups of vowel letters, then
//! correct for silent letters (final "e", "-es", "-ed", "-ely") and for vowel
//! pairs that are spoken as two syllables ("dia-", "-ium", "-ual", "bi-o").
//! The pair rules lean towards the Greek and Latin vocabulary of medicine,
//! because common words are covered by the table and medical words are the
//! ones most likely to be missing from it.

/// Longest word the rules look at; longer tokens are not words a patient
/// reads, and the fixed bound lets the rules work on a stack array.
pub(crate) const MAX_WORD: usize = 64;

/// Syllables in `word`, which must be lowercase ASCII letters and apostrophes
/// (other bytes are treated as consonants). Never less than 1.
pub(crate) fn count(word: &[u8]) -> usize {
    let word = &word[..word.len().min(MAX_WORD)];
    let count = match word.iter().position(|&b| b == b'\'') {
        None => core(word),
        Some(at) => with_apostrophe(word, at),
    };
    count.max(1)
}

/// Contractions and possessives: the part after the apostrophe rarely adds a
/// syllable, except "'s" after a hissing sound ("nurse's") and "n't" after a
/// consonant ("didn't").
fn with_apostrophe(word: &[u8], at: usize) -> usize {
    if let Some(base) = word.strip_suffix(b"'s") {
        return core(base) + usize::from(ends_hissing(base));
    }
    if let Some(base) = word.strip_suffix(b"n't") {
        let syllabic_n = base.last().is_some_and(|&b| !is_vowel_letter(b));
        return core(base) + usize::from(syllabic_n);
    }
    let tail = &word[at + 1..];
    if matches!(tail, b"ll" | b"re" | b"ve" | b"d" | b"m") {
        return core(&word[..at]);
    }
    // Any other apostrophe ("o'clock") is just dropped.
    let mut buf = [0u8; MAX_WORD];
    let mut len = 0;
    for &b in word.iter().filter(|&&b| b != b'\'') {
        buf[len] = b;
        len += 1;
    }
    core(&buf[..len])
}

/// Whether a possessive "'s" after this stem is its own syllable.
fn ends_hissing(base: &[u8]) -> bool {
    matches!(base.last(), Some(b's' | b'x' | b'z'))
        || base.ends_with(b"ch")
        || base.ends_with(b"sh")
        || base.ends_with(b"ce")
        || base.ends_with(b"ge")
        || base.ends_with(b"se")
        || base.ends_with(b"ze")
}

fn is_vowel_letter(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

/// Syllables of a word of letters only.
fn core(w: &[u8]) -> usize {
    let n = w.len();
    if n == 0 {
        return 0;
    }
    // "ml", "kg", "bpm": short words without a vowel are read letter by
    // letter ("w" is "double-u").
    if n <= 4 && !w.iter().any(|&b| is_vowel_letter(b)) {
        return w.iter().map(|&b| if b == b'w' { 3 } else { 1 }).sum();
    }
    let vowel = classify(w);
    // start[i]: a new syllable nucleus begins at i.
    let mut start = [false; MAX_WORD];
    let mut count: isize = 0;
    for i in 0..n {
        if vowel[i] && (i == 0 || !vowel[i - 1] || splits(w, &vowel, i)) {
            start[i] = true;
            count += 1;
        }
    }
    count += extra_syllables(w);
    count -= silent_e(w, &vowel, &start, count);
    count.max(1) as usize
}

/// Which letters are vowels here: "u" after "q" (and after "g" before a vowel,
/// as in "guess") is a consonant; "y" is a consonant at the start or between
/// a vowel and a vowel ("player"), else a vowel.
fn classify(w: &[u8]) -> [bool; MAX_WORD] {
    let n = w.len();
    let mut vowel = [false; MAX_WORD];
    for i in 0..n {
        let next_vowel = i + 1 < n && matches!(w[i + 1], b'a' | b'e' | b'i' | b'o' | b'u');
        vowel[i] = match w[i] {
            b'a' | b'e' | b'i' | b'o' => true,
            b'u' => !(i > 0 && (w[i - 1] == b'q' || (w[i - 1] == b'g' && next_vowel))),
            b'y' => {
                if i == 0 {
                    false
                } else if vowel[i - 1] || (w[i - 1] == b'w' && i >= 2 && vowel[i - 2]) {
                    !next_vowel
                } else {
                    true
                }
            }
            _ => false,
        };
    }
    vowel
}

/// Whether the vowel at `i` starts a new syllable although the letter before
/// it is a vowel too (a hiatus, as in "di-et" or "calci-um").
fn splits(w: &[u8], vowel: &[bool; MAX_WORD], i: usize) -> bool {
    let (a, b) = (w[i - 1], w[i]);
    // "y" after a consonant is a vowel of its own ("embry-o", "dry-er").
    if a == b'y' {
        return true;
    }
    // "-ing" after a vowel: "be-ing", "go-ing", "pursu-ing".
    if b == b'i' && w[i + 1..].starts_with(b"ng") {
        return true;
    }
    if starts_split_prefix(w, i) {
        return true;
    }
    let pair = Pair {
        w,
        vowel,
        i,
        before: if i >= 2 { w[i - 2] } else { 0 },
        rest: &w[i + 1..],
    };
    match a {
        b'i' => pair.after_i(b),
        b'e' => pair.after_e(b),
        _ => pair.after_other(a, b),
    }
}

/// Two vowels in a row in a word: the second at `i`, the letter before the first, and the
/// letters after the second.
struct Pair<'w> {
    w: &'w [u8],
    vowel: &'w [bool; MAX_WORD],
    i: usize,
    before: u8,
    rest: &'w [u8],
}

impl Pair<'_> {
    /// Whether the letter before the pair sounds like "sh" with an "i" ("-cial", "-tion").
    fn hissing(&self) -> bool {
        matches!(self.before, b'c' | b't' | b's' | b'g' | b'x')
    }

    /// Whether the word has a vowel before the pair.
    fn vowel_before(&self) -> bool {
        self.w[..self.i - 1].iter().any(|&c| is_vowel_letter(c))
    }

    fn after_i(&self, b: u8) -> bool {
        let (w, i, before, rest) = (self.w, self.i, self.before, self.rest);
        match b {
            // "dia-", "-ial", "bacteri-a", but one syllable in "-cial", "-tian",
            // "-sia" at the end.
            b'a' => {
                // "-sia" is one syllable after a vowel ("amnesia"), two after a
                // consonant ("eclampsia", "dyspepsia").
                let soft_s =
                    before != b's' || (i >= 3 && (is_vowel_letter(w[i - 3]) || w[i - 3] == b's'));
                let one = self.hissing()
                    && before != b'x'
                    && soft_s
                    && (rest.is_empty() || matches!(rest, b"s") || matches!(rest[0], b'n' | b'l'));
                !one
            }
            // "bi-ology", "radi-o", "peri-od"; one in "-tion", "-cious", and in
            // "-nion", "-llion", "-vior" after a vowel ("onion", "million").
            b'o' => {
                if self.hissing() && rest.first().is_some_and(|&c| c == b'n' || c == b'u') {
                    return false;
                }
                let soft = matches!(before, b'n' | b'l' | b'v')
                    && i >= 3
                    && (self.vowel[i - 3] || w[i - 3] == b'l')
                    && matches!(rest, b"n" | b"ns" | b"r" | b"rs");
                !soft
            }
            // "calci-um", "sodi-um", "premi-um".
            b'u' | b'i' => true,
            // "di-et", "soci-ety", "ingredi-ent", "easi-er", "happi-est".
            b'e' => {
                if rest.first() == Some(&b't') {
                    return true;
                }
                if rest.starts_with(b"nt") || rest.starts_with(b"nce") {
                    return !matches!(before, b'c' | b't' | b's');
                }
                let consonant_before = before != 0 && !is_vowel_letter(before);
                self.vowel_before() && consonant_before && (matches!(rest, b"r" | b"rs" | b"st"))
            }
            _ => false,
        }
    }

    fn after_e(&self, b: u8) -> bool {
        let (w, i, before, rest) = (self.w, self.i, self.before, self.rest);
        match b {
            // "vide-o", "ne-on", "cutane-ous"; one in "surgeon", "gorgeous".
            b'o' => !(matches!(before, b'g' | b'c') && i >= 3),
            // "are-a", "ide-a", "pancre-as", "cre-ate", "perine-al".
            b'a' => {
                let medical_eal =
                    matches!(rest, b"l" | b"ls") && matches!(before, b'n' | b'g' | b'l');
                (self.vowel_before() && (matches!(rest, b"" | b"s") || medical_eal))
                    || (before == b'r' && i >= 3 && w[i - 3] == b'c' && rest.starts_with(b"t"))
            }
            // "muse-um", "nucle-us".
            b'u' => matches!(rest, b"m" | b"ms" | b"s"),
            b'i' => rest.starts_with(b"ty"),
            _ => false,
        }
    }

    fn after_other(&self, a: u8, b: u8) -> bool {
        let rest = self.rest;
        match (a, b) {
            // "usu-al", "actu-al", "situ-ation".
            (b'u', b'a') => true,
            // "flu-ent", "cru-el", "du-et".
            (b'u', b'e') => rest
                .first()
                .is_some_and(|&c| matches!(c, b'l' | b'n' | b't')),
            // "flu-id", "ru-in", "continu-ity".
            (b'u', b'i') => {
                rest.starts_with(b"ty")
                    || rest.starts_with(b"d")
                    || rest.starts_with(b"n")
                    || rest.starts_with(b"ti")
            }
            // "du-o", "continu-ous"; one in "fluor-".
            (b'u', b'o') => rest.first() != Some(&b'r'),
            // "cha-os", "ka-olin".
            (b'a', b'o') => true,
            // "mosa-ic", "na-ive".
            (b'a', b'i') => rest == b"c" || rest == b"ve",
            // "po-em", "po-et", "gastro-enterology".
            (b'o', b'e') => rest
                .first()
                .is_some_and(|&c| matches!(c, b'm' | b't' | b'n')),
            // "keto-acidosis", "co-agulation"; one in "coach", "boat".
            (b'o', b'a') => {
                (rest.starts_with(b"c") && !rest.starts_with(b"ch")) || rest.starts_with(b"g")
            }
            // "hero-ic", "sto-ic".
            (b'o', b'i') => rest == b"c",
            _ => false,
        }
    }
}

/// Word starts whose prefix ends before a vowel that begins a new syllable:
/// "re-use", "pre-existing", "co-ordinate", "co-agulation".
fn starts_split_prefix(w: &[u8], i: usize) -> bool {
    const PREFIXES: &[(&[u8], usize)] = &[
        (b"reu", 2),
        (b"reim", 2),
        (b"reac", 2),
        (b"reass", 2),
        (b"reab", 2),
        (b"reapp", 2),
        (b"readm", 2),
        (b"readj", 2),
        (b"prea", 3),
        (b"pree", 3),
        (b"prei", 3),
        (b"preu", 3),
        (b"coop", 2),
        (b"coord", 2),
        (b"coag", 2),
        (b"coalit", 2),
        (b"coales", 2),
        (b"coex", 2),
        (b"coerc", 2),
        (b"coinc", 2),
        (b"zool", 2),
    ];
    if i > 3 {
        return false; // every prefix below splits at byte 2 or 3
    }
    // "re-inforce", "re-injure", but "rein", "reins", "reindeer".
    if i == 2 && w.starts_with(b"rein") && w.len() > 5 && w[4] != b'd' {
        return true;
    }
    PREFIXES.iter().any(|&(prefix, at)| {
        at == i && w.starts_with(prefix) && !(prefix == b"reac" && w.get(4) == Some(&b'h'))
    })
}

/// Syllables the vowel groups miss or overcount: "spa-sm", "rhy-thm",
/// "Mc-Donald", "basic-ly".
fn extra_syllables(w: &[u8]) -> isize {
    let mut extra = 0;
    // "Mc" is a syllable of its own: "Mc-Donald".
    if w.starts_with(b"mc") && w.len() > 3 {
        extra += 1;
    }
    // "basically", "typically": the "-al-" is not said.
    if w.ends_with(b"ically") {
        extra -= 1;
    }
    let stem = w.strip_suffix(b"s").unwrap_or(w);
    if stem.ends_with(b"sm") || stem.ends_with(b"thm") {
        extra += 1;
    }
    extra
}

/// How many written "e"s are silent: final "e" ("hope"), "-es" and "-ed" after
/// most consonants ("hopes", "walked"), and "e" before "-ly", "-ful",
/// "-ment", "-ness", "-less" ("safely", "management").
fn silent_e(w: &[u8], vowel: &[bool; MAX_WORD], start: &[bool; MAX_WORD], count: isize) -> isize {
    let n = w.len();
    // An "e" that is a syllable on its own letter, as counted so far.
    let lone_e = |p: usize| w[p] == b'e' && start[p] && (p + 1 == n || !vowel[p + 1]);
    let consonant = |p: usize| !vowel[p];
    if count <= 1 || n < 3 {
        return 0;
    }
    let mut silent = 0;
    if w[n - 1] == b'e' && lone_e(n - 1) {
        let c = w[n - 2];
        let syllabic = (c == b'l' || c == b'r') && consonant(n - 3) && w[n - 3] != c;
        if !syllabic {
            silent += 1;
        }
    } else if n >= 4 && w[n - 1] == b's' && lone_e(n - 2) {
        let c = w[n - 3];
        let voiced = matches!(c, b's' | b'x' | b'z' | b'c' | b'g')
            || (c == b'h' && matches!(w[n - 4], b'c' | b's'))
            || ((c == b'l' || c == b'r') && consonant(n - 4) && w[n - 4] != c);
        if !voiced {
            silent += 1;
        }
    } else if n >= 4 && w[n - 1] == b'd' && lone_e(n - 2) {
        let c = w[n - 3];
        let voiced =
            matches!(c, b't' | b'd') || (c == b'l' && consonant(n - 4) && w[n - 4] != b'l');
        if !voiced {
            silent += 1;
        }
    }
    // Longest first, so "carefully" is seen as "care" + "fully".
    const SUFFIXES: &[&[u8]] = &[
        b"lessness",
        b"lessly",
        b"fully",
        b"ments",
        b"ment",
        b"ness",
        b"less",
        b"ful",
        b"ly",
    ];
    for suffix in SUFFIXES {
        if let Some(head) = w.strip_suffix(*suffix) {
            let h = head.len();
            if h >= 3 && lone_e(h - 1) && consonant(h - 2) {
                let c = w[h - 2];
                let syllabic = (c == b'l' || c == b'r') && consonant(h - 3);
                if !syllabic && count - silent > 1 {
                    silent += 1;
                }
            }
            break;
        }
    }
    silent
}
