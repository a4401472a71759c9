//! Deterministic corpus generator for benchmarking handout against Hugo.
//!
//! Writes a complete handout site of N patient-education articles, or with `--hugo` the same
//! articles as a Hugo site with templates that do comparable work. All text comes from sentence
//! templates driven by a small seeded PRNG (splitmix64), so the same `--seed` and `--articles`
//! always give byte-identical files and benchmark runs on different days compare like with like.
//! It uses the standard library only, so it also compiles on its own with `rustc` while the main
//! crate is being changed (`bench/compare.sh` relies on that).
//!
//! ```text
//! cargo run --release --example gen_corpus -- --articles 10000 --out DIR [--hugo] [--seed N] [--force]
//! ```

use std::collections::HashSet;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::str::FromStr;
use std::time::Instant;

const USAGE: &str = "\
usage: gen_corpus --articles N --out DIR [--hugo] [--seed N] [--force]

Writes a deterministic handout site (or with --hugo, the same articles as a Hugo
site) of N patient-education articles into DIR.

  --articles N   number of articles (default 1000)
  --out DIR      folder to write; it must be missing or empty unless --force
  --hugo         write the Hugo flavour (hugo.toml, layouts/, content/)
  --seed N       PRNG seed (default 42); the same seed and N give identical files
  --force        write into a non-empty DIR, first removing only what this tool
                 writes there (site.yaml, hugo.toml, content/, layouts/)
";

/// What `--force` may remove from the output folder: exactly the entries this tool writes.
const GENERATED: [&str; 4] = ["site.yaml", "hugo.toml", "content", "layouts"];

/// The day review dates are measured from. Fixed rather than read from the clock, so that the
/// output never changes with the date it is generated on.
const TODAY: Date = Date {
    year: 2026,
    month: 11,
    day: 24,
};
/// Publication dates never go back further than this.
const EARLIEST: Date = Date {
    year: 2018,
    month: 1,
    day: 1,
};

const SITE_TITLE: &str = "Riverside Physiotherapy patient information";
const BASE_URL: &str = "https://clinic.example/";
const CLINIC_NAME: &str = "Riverside Physiotherapy Clinic";
const CLINIC_PHONE: &str = "+1 555 010 0200";
const CLINIC_EMAIL: &str = "info@clinic.example";
const CLINIC_ADDRESS: &str = "12 River Road, Springfield, ST 01234";
const DISCLAIMER: &str = "This page gives general information only. It does not replace \
advice from your own doctor, physiotherapist or other health professional.";
/// The `emergency` setting: a sentence, shown wherever the site talks about urgent care.
const EMERGENCY: &str = "In an emergency, call 911 or go to the nearest emergency department.";
/// The number the article text tells readers to call.
const EMERGENCY_NUMBER: &str = "911";

fn main() -> ExitCode {
    let options = match parse_args(std::env::args().skip(1)) {
        Ok(Some(options)) => options,
        Ok(None) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("gen_corpus: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let started = Instant::now();
    match run(&options) {
        Ok(files) => {
            let flavour = if options.hugo { "Hugo" } else { "handout" };
            eprintln!(
                "gen_corpus: wrote {files} files ({} articles, {flavour} flavour, seed {}) to {} in {:.2} s",
                options.articles,
                options.seed,
                options.out.display(),
                started.elapsed().as_secs_f64()
            );
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("gen_corpus: {message}");
            ExitCode::from(1)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Command line

/// Validated command-line options.
#[derive(Debug)]
struct Options {
    articles: usize,
    out: PathBuf,
    hugo: bool,
    seed: u64,
    force: bool,
}

/// Parses the arguments after the program name; `Ok(None)` means help was asked for.
fn parse_args(args: impl IntoIterator<Item = String>) -> Result<Option<Options>, String> {
    let (mut articles, mut out, mut hugo, mut seed, mut force) = (1000, None, false, 42, false);
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--articles" => articles = parse_value(args.next(), "--articles")?,
            "--seed" => seed = parse_value(args.next(), "--seed")?,
            "--out" => out = Some(PathBuf::from(parse_value::<String>(args.next(), "--out")?)),
            "--hugo" => hugo = true,
            "--force" => force = true,
            "-h" | "--help" => return Ok(None),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    let out = out.ok_or("--out DIR is required")?;
    if articles == 0 {
        return Err("--articles must be at least 1".into());
    }
    Ok(Some(Options {
        articles,
        out,
        hugo,
        seed,
        force,
    }))
}

fn parse_value<T: FromStr>(value: Option<String>, flag: &str) -> Result<T, String> {
    let value = value.ok_or_else(|| format!("{flag} needs a value"))?;
    value
        .parse()
        .map_err(|_| format!("{flag}: cannot use {value:?}"))
}

// ---------------------------------------------------------------------------------------------
// Output folder

fn run(options: &Options) -> Result<usize, String> {
    prepare_out(&options.out, options.force)?;
    let plans = plan_articles(options.articles, options.seed);
    let mut out = Output {
        root: options.out.clone(),
        files: 0,
    };
    if options.hugo {
        write_hugo_site(&mut out, &plans, options.seed)?;
    } else {
        write_handout_site(&mut out, &plans, options.seed)?;
    }
    Ok(out.files)
}

/// Creates `out` if missing; refuses a non-empty folder unless `force`, and then removes only
/// the entries listed in [`GENERATED`], so that stale articles from a larger run do not linger
/// while anything else the user keeps there is left alone.
fn prepare_out(out: &Path, force: bool) -> Result<(), String> {
    let mut entries = match fs::read_dir(out) {
        Ok(entries) => entries,
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            return fs::create_dir_all(out)
                .map_err(|e| format!("cannot create {}: {e}", out.display()));
        }
        Err(e) => return Err(format!("cannot read {}: {e}", out.display())),
    };
    if entries.next().is_none() {
        return Ok(());
    }
    if !force {
        return Err(format!(
            "{} is not empty (pass --force to replace the generated files in it)",
            out.display()
        ));
    }
    for name in GENERATED {
        let path = out.join(name);
        // symlink_metadata: a symlink is removed itself, never followed out of `out`.
        let result = match fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_dir() => fs::remove_dir_all(&path),
            Ok(_) => fs::remove_file(&path),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e),
        };
        result.map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
    }
    Ok(())
}

/// Writes files under a root folder and counts them.
struct Output {
    root: PathBuf,
    files: usize,
}

impl Output {
    fn write(&mut self, relative: &str, text: &str) -> Result<(), String> {
        let path = self.root.join(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        self.files += 1;
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// PRNG and dates

/// splitmix64: tiny, fast and good enough for picking words; the sequence is fixed by the seed.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }

    /// A generator for one article, independent of how many values other articles drew.
    fn for_article(seed: u64, index: usize) -> Self {
        let mut mixer = Rng(seed ^ (index as u64).wrapping_mul(0xD1B5_4A32_D192_ED03));
        Rng(mixer.next_u64())
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`); the modulo bias is irrelevant at these sizes.
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `low..=high`.
    fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    /// True about once in `n` calls.
    fn one_in(&mut self, n: usize) -> bool {
        self.below(n) == 0
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }

    /// `k` distinct indices from `0..n`, in random order.
    fn sample(&mut self, n: usize, k: usize) -> Vec<usize> {
        let mut all: Vec<usize> = (0..n).collect();
        for i in 0..k.min(n) {
            let j = i + self.below(n - i);
            all.swap(i, j);
        }
        all.truncate(k.min(n));
        all
    }
}

/// A calendar date; only what front matter needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Date {
    year: i64,
    month: i64,
    day: i64,
}

impl Date {
    /// Days since 1970-01-01 (Howard Hinnant's `days_from_civil`).
    fn to_days(self) -> i64 {
        let year = if self.month <= 2 {
            self.year - 1
        } else {
            self.year
        };
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let month_index = if self.month > 2 {
            self.month - 3
        } else {
            self.month + 9
        };
        let day_of_year = (153 * month_index + 2) / 5 + self.day - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The inverse of [`Date::to_days`] (Hinnant's `civil_from_days`).
    fn from_days(days: i64) -> Self {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let month_index = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * month_index + 2) / 5 + 1;
        let month = if month_index < 10 {
            month_index + 3
        } else {
            month_index - 9
        };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Date { year, month, day }
    }

    fn minus_days(self, days: usize) -> Self {
        Date::from_days(self.to_days() - days as i64)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

/// A treatment the clinic offers; `def` completes "X is ...".
struct Treatment {
    name: &'static str,
    tag: &'static str,
    pro: &'static str,
    def: &'static str,
}

/// A condition: its indefinite article ("" for mass nouns such as "sciatica"), its name, the
/// body part it affects (for "your {p}"), whether that part is plural (for verb agreement)
/// and its tag.
struct Condition {
    article: &'static str,
    name: &'static str,
    part: &'static str,
    plural: bool,
    tag: &'static str,
}

const ONE: bool = false;
const MANY: bool = true;

/// Who an article is written for; the first entry is "everyone".
struct Audience {
    suffix: &'static str,
    who: &'static str,
    tag: &'static str,
}

macro_rules! treatments {
    ($(($name:expr, $tag:expr, $pro:expr, $def:expr)),* $(,)?) => {
        [$(Treatment { name: $name, tag: $tag, pro: $pro, def: $def }),*]
    };
}

macro_rules! conditions {
    ($(($article:expr, $name:expr, $part:expr, $plural:expr, $tag:expr)),* $(,)?) => {
        [$(Condition { article: $article, name: $name, part: $part, plural: $plural, tag: $tag }),*]
    };
}

#[rustfmt::skip]
static TREATMENTS: [Treatment; 50] = treatments![
    ("massage", "massage", "massage therapist", "a hands-on treatment in which a trained therapist presses, rubs and kneads the muscles and soft tissues"),
    ("dry needling", "needling", "physiotherapist", "a treatment in which thin, solid needles are placed into tight bands of muscle to ease pain"),
    ("acupuncture", "needling", "acupuncturist", "a treatment that places very thin needles at chosen points on the body"),
    ("TENS", "electrotherapy", "physiotherapist", "a small device that sends mild electrical pulses through sticky pads on the skin to ease pain"),
    ("ultrasound therapy", "electrotherapy", "physiotherapist", "a treatment that passes sound waves through a gel on the skin to warm deep tissue"),
    ("heat therapy", "heat and cold", "physiotherapist", "the use of warm packs, warm water or heat lamps to relax muscles and ease stiffness"),
    ("cold therapy", "heat and cold", "physiotherapist", "the use of ice packs or cold wraps to calm swelling and numb pain"),
    ("hydrotherapy", "water therapy", "physiotherapist", "exercise and treatment done in a warm pool, where the water supports your weight"),
    ("manual therapy", "manual therapy", "physiotherapist", "a group of hands-on methods in which a therapist moves your joints and soft tissues"),
    ("joint mobilisation", "manual therapy", "physiotherapist", "slow, gentle movement of a joint by a therapist to help it move more freely"),
    ("spinal manipulation", "manual therapy", "chiropractor", "a quick, controlled push to a joint of the spine by a trained practitioner"),
    ("stretching", "exercise", "physiotherapist", "slow, held movements that lengthen tight muscles and help joints move"),
    ("strength training", "exercise", "physiotherapist", "exercise with weights, bands or your own body weight to build stronger muscles"),
    ("balance training", "balance", "physiotherapist", "exercises that teach your body to stay steady when you stand, walk or turn"),
    ("gait training", "balance", "physiotherapist", "practice and coaching that help you walk more safely and smoothly"),
    ("Pilates", "exercise", "physiotherapist", "a slow, controlled kind of exercise that builds core strength and good posture"),
    ("yoga", "exercise", "yoga teacher", "a mix of gentle poses, breathing and relaxation"),
    ("kinesiology taping", "taping and bracing", "physiotherapist", "stretchy tape placed on the skin to support muscles and joints while you move"),
    ("bracing", "taping and bracing", "orthotist", "the use of a fitted support to hold a joint steady while it heals"),
    ("shockwave therapy", "electrotherapy", "physiotherapist", "a treatment that sends strong sound pulses into sore tissue to help it heal"),
    ("laser therapy", "electrotherapy", "physiotherapist", "a treatment that shines low-power light on sore tissue to ease pain"),
    ("traction", "manual therapy", "physiotherapist", "a gentle, steady pull on the spine or a limb to ease pressure on joints and nerves"),
    ("posture training", "posture", "physiotherapist", "coaching and exercises that help you sit, stand and move with less strain on your body"),
    ("breathing exercises", "breathing", "physiotherapist", "simple exercises that help you breathe more deeply and calmly"),
    ("pelvic floor training", "pelvic health", "pelvic health physiotherapist", "exercises that strengthen the muscles that support your bladder and bowel"),
    ("vestibular rehabilitation", "balance", "physiotherapist", "a set of eye, head and balance exercises that help the brain adjust to inner ear problems"),
    ("cardiac rehabilitation", "heart health", "rehabilitation nurse", "a supervised plan of exercise and advice after a heart problem"),
    ("pulmonary rehabilitation", "breathing", "physiotherapist", "a plan of exercise and breathing advice for people with long-term lung problems"),
    ("occupational therapy", "daily living", "occupational therapist", "help to make daily tasks easier through new ways of doing them, changes at home or aids"),
    ("custom orthotics", "foot care", "podiatrist", "shoe inserts made to fit your feet and support the way you stand and walk"),
    ("graded walking", "exercise", "physiotherapist", "a walking plan that starts small and builds up a little each week"),
    ("aquatic exercise", "water therapy", "physiotherapist", "exercise classes held in a warm pool"),
    ("myofascial release", "manual therapy", "physiotherapist", "slow, steady pressure on the tissue around muscles to ease tightness"),
    ("trigger point therapy", "massage", "massage therapist", "firm pressure on small, tender knots in a muscle until they relax"),
    ("nerve gliding", "exercise", "physiotherapist", "gentle movements that help a nerve slide freely through the tissues around it"),
    ("graded activity", "chronic pain", "physiotherapist", "a plan that slowly and steadily builds up how much you do each day"),
    ("pain education", "chronic pain", "physiotherapist", "learning how pain works, so that you can make sense of it and manage it with more confidence"),
    ("mirror therapy", "stroke recovery", "occupational therapist", "exercises done while watching a limb in a mirror, to retrain the brain"),
    ("splinting", "taping and bracing", "hand therapist", "a made-to-fit support that holds a joint still so that it can rest and heal"),
    ("compression therapy", "swelling", "nurse", "firm stockings or bandages that help move fluid out of a swollen limb"),
    ("lymphatic drainage", "swelling", "lymphoedema therapist", "a very light massage that helps move fluid out of swollen areas"),
    ("foam rolling", "exercise", "physiotherapist", "rolling your muscles over a firm foam tube to ease tightness"),
    ("electrical muscle stimulation", "electrotherapy", "physiotherapist", "small electrical pulses that make a weak muscle tighten, to help it get stronger"),
    ("steroid injections", "injections", "doctor", "an injection of strong medicine that calms swelling in or near a sore joint"),
    ("scar massage", "massage", "physiotherapist", "gentle rubbing of a healed scar to keep it soft and flexible"),
    ("hand therapy", "arm and hand", "hand therapist", "treatment and exercise for problems of the hand, wrist and elbow"),
    ("relaxation training", "stress", "psychologist", "simple methods, such as slow breathing and letting muscles go loose, that calm body and mind"),
    ("tai chi", "balance", "tai chi instructor", "a slow, flowing kind of exercise from China that trains balance and calm"),
    ("home exercise", "exercise", "physiotherapist", "a short set of exercises, chosen for you, that you do at home most days"),
    ("ergonomic advice", "posture", "occupational therapist", "advice on how to set up your desk, tools and tasks so that they put less strain on your body"),
];

#[rustfmt::skip]
static CONDITIONS: [Condition; 55] = conditions![
    ("", "low back pain", "lower back", ONE, "back pain"),
    ("", "neck pain", "neck", ONE, "neck pain"),
    ("", "sciatica", "leg", ONE, "nerve pain"),
    ("a", "slipped disc", "back", ONE, "back pain"),
    ("", "spinal stenosis", "lower back", ONE, "back pain"),
    ("", "whiplash", "neck", ONE, "neck pain"),
    ("", "frozen shoulder", "shoulder", ONE, "shoulder"),
    ("a", "rotator cuff tear", "shoulder", ONE, "shoulder"),
    ("", "shoulder impingement", "shoulder", ONE, "shoulder"),
    ("", "tennis elbow", "elbow", ONE, "arm and hand"),
    ("", "golfer's elbow", "elbow", ONE, "arm and hand"),
    ("", "carpal tunnel syndrome", "wrist", ONE, "arm and hand"),
    ("", "trigger finger", "finger", ONE, "arm and hand"),
    ("a", "wrist fracture", "wrist", ONE, "arm and hand"),
    ("", "hand osteoarthritis", "hands", MANY, "arthritis"),
    ("", "hip osteoarthritis", "hip", ONE, "hip"),
    ("", "hip bursitis", "hip", ONE, "hip"),
    ("", "knee osteoarthritis", "knee", ONE, "knee"),
    ("", "runner's knee", "knee", ONE, "knee"),
    ("an", "ACL injury", "knee", ONE, "sports injury"),
    ("a", "meniscus tear", "knee", ONE, "knee"),
    ("", "patellar tendinopathy", "knee", ONE, "knee"),
    ("a", "knee replacement", "knee", ONE, "surgery recovery"),
    ("a", "hip replacement", "hip", ONE, "surgery recovery"),
    ("", "back surgery", "back", ONE, "surgery recovery"),
    ("an", "ankle sprain", "ankle", ONE, "foot and ankle"),
    ("an", "ankle fracture", "ankle", ONE, "foot and ankle"),
    ("", "Achilles tendinopathy", "heel", ONE, "foot and ankle"),
    ("", "plantar fasciitis", "heel", ONE, "foot and ankle"),
    ("a", "bunion", "big toe", ONE, "foot care"),
    ("", "foot pain", "feet", MANY, "foot care"),
    ("", "shin pain", "shins", MANY, "sports injury"),
    ("a", "hamstring strain", "thigh", ONE, "sports injury"),
    ("a", "groin strain", "groin", ONE, "sports injury"),
    ("", "tension headache", "neck", ONE, "headache"),
    ("", "migraine", "head", ONE, "headache"),
    ("", "jaw pain", "jaw", ONE, "headache"),
    ("", "rheumatoid arthritis", "joints", MANY, "arthritis"),
    ("", "gout", "joints", MANY, "arthritis"),
    ("", "fibromyalgia", "muscles", MANY, "chronic pain"),
    ("", "joint hypermobility", "joints", MANY, "chronic pain"),
    ("", "long-term pain", "body", ONE, "chronic pain"),
    ("", "osteoporosis", "spine", ONE, "bones"),
    ("", "scoliosis", "spine", ONE, "back pain"),
    ("a", "stroke", "arm or leg", ONE, "stroke recovery"),
    ("", "Parkinson's disease", "legs", MANY, "balance"),
    ("", "multiple sclerosis", "legs", MANY, "balance"),
    ("", "peripheral neuropathy", "feet", MANY, "nerve pain"),
    ("", "vertigo", "head", ONE, "balance"),
    ("", "fear of falling", "legs", MANY, "falls"),
    ("", "COPD", "chest", ONE, "lung health"),
    ("", "asthma", "chest", ONE, "lung health"),
    ("", "heart failure", "chest", ONE, "heart health"),
    ("", "urinary incontinence", "pelvic floor", ONE, "pelvic health"),
    ("", "lymphoedema", "arm or leg", ONE, "swelling"),
];

static AUDIENCES: [Audience; 5] = [
    Audience {
        suffix: "",
        who: "many people",
        tag: "",
    },
    Audience {
        suffix: " in older adults",
        who: "older adults",
        tag: "older adults",
    },
    Audience {
        suffix: " in athletes",
        who: "athletes",
        tag: "athletes",
    },
    Audience {
        suffix: " during pregnancy",
        who: "people who are pregnant",
        tag: "pregnancy",
    },
    Audience {
        suffix: " in office workers",
        who: "office workers",
        tag: "office workers",
    },
];

/// Tags added to some articles on top of those of the condition, treatment and audience.
static EXTRA_TAGS: [&str; 4] = ["sleep", "self-care", "returning to work", "pain relief"];

static REVIEWERS: [&str; 12] = [
    "Dr. Amelia Hart, DPT",
    "Dr. Rajesh Menon, MD",
    "Dr. Sofia Alvarez, DPT",
    "Dr. Kwame Mensah, DO",
    "Dr. Hannah Becker, DPT",
    "Dr. Li Wei, MD",
    "Dr. Grace O'Connor, DPT",
    "Dr. Tomasz Nowak, PhD",
    "Dr. Fatima Rahman, MD",
    "Dr. Daniel Cohen, DPT",
    "Dr. Aiko Tanaka, DPT",
    "Dr. Samuel Okafor, MD",
];

static AUTHORS: [&str; 16] = [
    "Jordan Lee",
    "Priya Shah",
    "Marcus Brown",
    "Elena Petrova",
    "Noah Williams",
    "Chloe Martin",
    "Omar Haddad",
    "Isabel Costa",
    "Liam Murphy",
    "Mei Chen",
    "Ava Johnson",
    "Lucas Silva",
    "Zara Ahmed",
    "Ethan Clarke",
    "Nina Kowalski",
    "Ruth Adeyemi",
];

/// Publishers and URL patterns for references; `{}` takes a slug of the condition or treatment.
static PUBLISHERS: [(&str, &str); 6] = [
    ("NHS", "https://www.nhs.uk/conditions/{}/"),
    ("MedlinePlus", "https://medlineplus.gov/{}.html"),
    ("NIAMS", "https://www.niams.nih.gov/health-topics/{}"),
    (
        "Mayo Clinic",
        "https://www.mayoclinic.org/diseases-conditions/{}/symptoms-causes",
    ),
    (
        "Chartered Society of Physiotherapy",
        "https://www.csp.org.uk/conditions/{}",
    ),
    ("CDC", "https://www.cdc.gov/{}/about/index.html"),
];

// Sentence templates. `{t}`/`{T}` is the treatment (lower/capitalised), `{c}`/`{C}` the
// condition's bare name ("my {c}"), `{ac}`/`{Ac}` the condition with its article ("for {ac}"),
// `{p}` the body part with `{is}`, `{feels}`, `{moves}` agreeing with it, `{pro}` the practitioner, `{who}` the audience, `{aud}` the
// audience suffix, `{def}` the treatment's definition, `{em}` the emergency number; `<a|b>`
// picks one of its options, so one template yields several wordings.

static TITLE_PATTERNS: [&str; 5] = [
    "{T} for {ac}{aud}",
    "How {t} can help with {ac}{aud}",
    "{T} and {c}{aud}: what to know",
    "Using {t} for {ac}{aud}",
    "{C}{aud}: is {t} right for you?",
];

static DESCRIPTIONS: [&str; 5] = [
    "Learn how {t} can help with {ac}, what happens at a visit, and when to take care.",
    "What {t} is, how it may ease {ac}, and what to expect at your first session.",
    "A plain guide to {t} for {ac}{aud}: benefits, what to expect and safety tips.",
    "How {t} is used for {ac}, with answers to the questions people ask most.",
    "{T} for {ac}: how it helps, what happens, and the risks to know about.",
];

static INTRO_OPEN: [&str; 6] = [
    "{Ac} <can|may> affect your {p} and make everyday tasks harder.",
    "Many people live with {ac}, and it can leave the {p} <sore|stiff|painful> for weeks or months.",
    "{Ac} is one of the most common reasons people come to our clinic.",
    "If you have {ac}, you may notice pain, stiffness or weakness in your {p}.",
    "{Ac} <often|usually> gets better with the right care, but it can take time.",
    "Living with {ac} can be tiring, and it is normal to want to know all your options.",
];

static INTRO_TREAT: [&str; 5] = [
    "{T} is one of the treatments our team <offers|uses> to help.",
    "{T} can be part of a plan to ease your symptoms and get you back to the things you enjoy.",
    "Your {pro} may suggest {t} as one part of your care.",
    "{T} is often used alongside exercise and advice.",
    "For {who}, {t} can be a <useful|helpful|practical> place to start.",
];

static INTRO_PAGE: [&str; 4] = [
    "This page explains what {t} is, how it may help, what happens at a visit and when to take care.",
    "Read on to find out what to expect and how to get the most from your sessions.",
    "Here you will find plain answers to the questions people ask us most.",
    "Use this page to help you decide, with your {pro}, whether {t} is right for you.",
];

static TREATMENT_FACTS: [&str; 20] = [
    "It is <usually|often> done by a trained {pro}.",
    "Each session is planned around you, so no two plans are quite the same.",
    "{T} has been used for many years, and it is <offered|used> in clinics and hospitals around the world.",
    "It is not a quick fix, but it can help your body heal and adapt.",
    "Most people have {t} as one part of a wider plan that also includes exercise.",
    "Your {pro} will adjust the treatment to how your {p} {feels} on the day.",
    "You stay in control the whole time and can ask to stop at any point.",
    "Some people notice a change after one visit, while others need a few weeks.",
    "{T} works best when you keep active between sessions.",
    "The aim is to ease pain <now|in the short term> and help you move better <later on|in the long term>.",
    "Research on {t} is still growing, and results differ from person to person.",
    "Your {pro} will explain the reason for each part of the treatment.",
    "It can be used on its own or together with other care from your doctor.",
    "Many people find {t} relaxing as well as helpful.",
    "You do not need to prepare much, but it helps to write down your questions.",
    "The {pro} will check that {t} is safe for you before you start.",
    "Because {ac} affects people in different ways, your plan will be built around your goals.",
    "If {t} is not right for you, your {pro} can suggest other options.",
    "For {who}, the plan may start gently and build up over time.",
    "Small, steady steps <often|usually> work better than big changes all at once.",
];

static DAILY_LIFE: [&str; 18] = [
    "Try to keep moving, even on days when your {p} {feels} sore.",
    "Short walks spread through the day are often easier than one long walk.",
    "Pace yourself: break big jobs into smaller parts and rest between them.",
    "A good night's sleep helps your body recover, so keep a regular bedtime.",
    "A warm shower or a heat pack can ease stiffness in the morning.",
    "Keep a simple diary of your pain, your activity and your sleep.",
    "Talk to family and friends about how your {c} affects you, so that they can help.",
    "If you work at a desk, get up and move every 30 minutes.",
    "Eat regular meals and drink enough water through the day.",
    "Stress can make pain feel worse, so make time for things you enjoy.",
    "Set small goals each week and notice the progress you make.",
    "Wear comfortable shoes that support your feet.",
    "Lift things close to your body and bend your knees, not your back.",
    "Ask your {pro} which activities are safe for you to keep doing.",
    "Flare-ups happen, and they do not mean you have done harm.",
    "Gentle exercise such as walking, swimming or cycling keeps joints healthy.",
    "If you smoke, stopping can help your body heal faster.",
    "Support groups can help you meet others who live with {ac}.",
];

static AFTER_VISIT: [&str; 12] = [
    "After a session, take it easy for the rest of the day if you can.",
    "Some soreness the next day is common and usually fades within 48 hours.",
    "Drink some water and have a light meal after your visit.",
    "Keep doing the exercises your {pro} gave you, even when you feel better.",
    "Write down how you feel after each visit so that you can tell your {pro} next time.",
    "If you cannot make an appointment, let the clinic know as early as you can.",
    "Bring a list of your medicines to your first visit.",
    "You are welcome to bring a friend or family member with you.",
    "Arrive a few minutes early so that you have time to fill in any forms.",
    "Your {pro} will write a short note about each visit in your record.",
    "At the end of your course, you will agree a plan to keep up the progress you have made.",
    "If things are not improving after a few visits, your {pro} will review the plan with you.",
];

static GET_HELP: [&str; 11] = [
    "Contact your doctor if your symptoms get worse or do not improve after a few weeks.",
    "Get advice the same day if you have new numbness, tingling or weakness.",
    "If you have a high temperature and your {p} {is} hot, red or swollen, see a doctor soon.",
    "Call {em} if you have chest pain, trouble breathing or sudden weakness on one side.",
    "Tell your {pro} about any new medicine you start during your course.",
    "If a session leaves you in much more pain than before, stop and call the clinic.",
    "Side effects of {t} are usually mild and short-lived.",
    "Serious problems are rare, but it helps to know the warning signs.",
    "Ask your {pro} to go over the risks again if anything is unclear.",
    "Your safety matters more than keeping to a schedule, so rest if you feel unwell.",
    "Check with your doctor before starting {t} if you have a heart or lung condition.",
];

#[rustfmt::skip]
static BENEFITS: [(&str, &str); 16] = [
    ("Less pain", "Many people find that {t} eases the ache in their {p}."),
    ("Easier movement", "{T} can help your {p} move more freely, so daily tasks feel easier."),
    ("Stronger support", "Working on the muscles around your {p} gives extra support."),
    ("Better sleep", "When pain settles, it is often easier to get a good night's rest."),
    ("More confidence", "Knowing what helps lets you plan your day with less worry."),
    ("Fewer flare-ups", "Regular sessions may lower the chance that your {c} comes back."),
    ("Less need for pain medicine", "Some people find they need fewer pain tablets over time."),
    ("A plan you can follow at home", "Your {pro} will show you simple steps to keep up the gains."),
    ("Less stiffness", "Gentle work on the {p} can loosen tight tissue, mainly in the morning."),
    ("Better balance", "A steadier body makes falls less likely."),
    ("A faster return to work", "Many people get back to work and hobbies sooner with the right care."),
    ("Lower stress", "Time set aside for your health can help you feel calmer."),
    ("Better blood flow", "Moving the tissue helps bring fresh blood to the area."),
    ("Better posture", "You will learn ways to sit and stand that put less strain on your {p}."),
    ("A drug-free option", "{T} does not rely on medicine, which suits people who want to avoid it."),
    ("Clear advice", "You will leave each visit knowing what to do next."),
];

/// Visit steps, in the order they happen; an article uses an ordered subset.
static STEPS: [&str; 12] = [
    "Your {pro} will ask about your {c}, your health and your goals.",
    "<They will|Next, they will> look at how your {p} {moves} and where it hurts.",
    "They will explain what {t} involves and answer your questions.",
    "You will be asked for your consent before treatment starts.",
    "You may be asked to change into loose clothing<| or a gown>.",
    "The <first|main> part of the session usually takes <20 to 30|30 to 45> minutes.",
    "Tell your {pro} at once if anything hurts more than expected.",
    "Afterwards you may feel a little sore for a day or two, which is normal.",
    "You will get a <simple|short> home plan with exercises or tips.",
    "Most people have <4 to 8|6 to 10|3 to 6> sessions, spread over a few weeks.",
    "At each visit, your {pro} will check your progress and change the plan if needed.",
    "Before you leave, book your next visit and ask about anything that is not clear.",
];

static PRECAUTIONS: [&str; 14] = [
    "Tell your {pro} if you are pregnant or think you might be.",
    "Let them know about any blood-thinning medicine you take.",
    "Do not use {t} on broken skin, a rash or an open wound.",
    "Stop and get advice if your pain gets much worse.",
    "If you have a pacemaker, check with your doctor first.",
    "Avoid hard exercise for a day after a session.",
    "If you have diabetes, check your skin for changes afterwards.",
    "Tell your {pro} about any recent surgery near your {p}.",
    "Do not push through sharp pain; mild discomfort is normal.",
    "If you have a fever or feel unwell, move your visit to another day.",
    "Keep taking any medicine your doctor has prescribed unless told otherwise.",
    "Take extra care if you have weak bones (osteoporosis).",
    "Ask before using heat or ice at home.",
    "Let your {pro} know if you feel dizzy or faint at any point.",
];

static WARNINGS: [&str; 3] = [
    "Call {em} or go to the nearest emergency department if you have sudden weakness, numbness in both legs, or you lose control of your bladder or bowel.",
    "Call {em} at once if you have chest pain, feel short of breath or faint during or after exercise.",
    "Seek urgent care if your {p} {becomes} hot, red and swollen and you feel feverish.",
];

#[rustfmt::skip]
static FAQ: [(&str, &str); 13] = [
    ("Does {t} hurt?", "Most people find {t} <comfortable|easy to manage>. You may feel some mild discomfort, but it should never be more than you can bear. Tell your {pro} if it is, and they will change what they are doing."),
    ("How many sessions will I need?", "It depends on your {c} and your goals. Many people need between 4 and 8 sessions. Your {pro} will review your progress at each visit."),
    ("Can I have {t} if I am pregnant?", "Often yes, but tell your {pro} first. Some positions and methods may need to change. Your midwife or doctor can also advise you."),
    ("Is {t} covered by my insurance?", "Many plans cover {t} when it is part of a treatment plan. Check with your insurer before your first visit. Our front desk can give you a receipt with the codes they need."),
    ("How soon will I feel better?", "Some people feel a change after the first session. For others it takes a few weeks. Keep going with your home plan, as this makes a big difference."),
    ("Can I do this at home?", "Parts of it, yes. Your {pro} will show you what you can do safely on your own. Hands-on parts are best left to a trained {pro}."),
    ("What should I wear?", "Wear loose, comfortable clothes. Your {pro} may need to see or reach your {p}. You can ask for a gown or a towel at any time."),
    ("What if my symptoms come back?", "Flare-ups are common and do not mean the treatment has failed. Go back to the exercises that helped before. If it does not settle within two weeks, book a review."),
    ("Should I keep taking my medicine?", "Yes, unless your doctor tells you otherwise. {T} works well alongside most medicines. Bring a list of what you take to your first visit."),
    ("Can I exercise after {t}?", "Light activity such as walking is usually fine. Avoid hard exercise for the rest of the day. Your {pro} will tell you when to build up again."),
    ("Do I need a referral?", "You do not need a referral to book with us. Some insurers ask for one, so check your policy. We can send a short report to your doctor if you wish."),
    ("How long does a session last?", "Most sessions last between 30 and 60 minutes. The first one is often longer because it includes an assessment. Plan a little extra time for your first visit."),
    ("Is {t} safe for older adults?", "Yes, for most older adults. Your {pro} will check your health first and may start more gently. Let them know about any falls or bone problems."),
];

static LINK_SENTENCES: [&str; 4] = [
    "You may also want to read [{title}]({target}).",
    "See also [{title}]({target}).",
    "Our page on [{title}]({target}) has more on this.",
    "Some people also find [{title}]({target}) helpful.",
];

const TEXT_LOG: &str = "```text
Date:          ____________
Pain (0-10):   ____________
Exercises:     ____________
Sleep (hours): ____________
Notes:         ____________
```";

const JSON_LOG: &str = r#"```json
{
  "date": "2026-03-02",
  "pain": 4,
  "exercises": ["heel raises", "calf stretch", "short walk"],
  "notes": "Less stiff in the morning"
}
```"#;

// ---------------------------------------------------------------------------------------------
// Planning: titles, slugs and bundles for every article, fixed before any text is written so
// that links can point at any article.

/// One article's identity.
struct Plan {
    title: String,
    slug: String,
    bundle: bool,
    treatment: &'static Treatment,
    condition: &'static Condition,
    audience: &'static Audience,
}

fn plan_articles(count: usize, seed: u64) -> Vec<Plan> {
    let combos = TREATMENTS.len() * CONDITIONS.len() * AUDIENCES.len();
    let mut order: Vec<usize> = (0..combos).collect();
    let mut rng = Rng::new(seed);
    rng.shuffle(&mut order);
    let (mut titles, mut slugs) = (HashSet::new(), HashSet::new());
    (0..count)
        .map(|i| {
            let key = order[i % combos];
            let treatment = &TREATMENTS[key % TREATMENTS.len()];
            let condition = &CONDITIONS[key / TREATMENTS.len() % CONDITIONS.len()];
            let audience = &AUDIENCES[key / (TREATMENTS.len() * CONDITIONS.len())];
            let ctx = Ctx::new(treatment, condition, audience);
            let mut title = ctx.substitute(TITLE_PATTERNS[rng.below(TITLE_PATTERNS.len())]);
            let mut slug = slugify(&format!(
                "{} {} {}",
                treatment.name, condition.name, audience.tag
            ));
            // Past every combination, articles repeat with a part number (only beyond ~13,750).
            if i >= combos {
                title = format!("{title} (part {})", i / combos + 1);
                slug = format!("{slug}-part-{}", i / combos + 1);
            }
            Plan {
                title: unique(&mut titles, title, " "),
                slug: unique(&mut slugs, slug, "-"),
                bundle: i % 10 == 9,
                treatment,
                condition,
                audience,
            }
        })
        .collect()
}

/// Returns `candidate`, or it with the smallest number appended that makes it unused.
fn unique(seen: &mut HashSet<String>, candidate: String, separator: &str) -> String {
    let mut result = candidate.clone();
    let mut n = 2;
    while !seen.insert(result.clone()) {
        result = format!("{candidate}{separator}{n}");
        n += 1;
    }
    result
}

/// Lower-case ASCII words joined by hyphens; "an ACL injury" becomes "an-acl-injury".
fn slugify(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    for word in text
        .split(|c: char| !c.is_ascii_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
    {
        let word: String = word.chars().filter(char::is_ascii_alphanumeric).collect();
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&word.to_ascii_lowercase());
    }
    slug
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The words a template can refer to.
struct Ctx {
    treatment: &'static Treatment,
    condition: &'static Condition,
    audience: &'static Audience,
}

impl Ctx {
    fn new(
        treatment: &'static Treatment,
        condition: &'static Condition,
        audience: &'static Audience,
    ) -> Self {
        Ctx {
            treatment,
            condition,
            audience,
        }
    }

    fn value(&self, name: &str) -> Option<String> {
        Some(match name {
            "t" => self.treatment.name.to_string(),
            "T" => capitalise(self.treatment.name),
            "c" => self.condition.name.to_string(),
            "C" => capitalise(self.condition.name),
            "ac" => self.condition_with_article(),
            "Ac" => capitalise(&self.condition_with_article()),
            "p" => self.condition.part.to_string(),
            "is" => self.agree("is", "are"),
            "feels" => self.agree("feels", "feel"),
            "moves" => self.agree("moves", "move"),
            "becomes" => self.agree("becomes", "become"),
            "pro" => self.treatment.pro.to_string(),
            "who" => self.audience.who.to_string(),
            "aud" => self.audience.suffix.to_string(),
            "def" => self.treatment.def.to_string(),
            "em" => EMERGENCY_NUMBER.to_string(),
            _ => return None,
        })
    }

    fn condition_with_article(&self) -> String {
        match self.condition.article {
            "" => self.condition.name.to_string(),
            article => format!("{article} {}", self.condition.name),
        }
    }

    /// The verb form that agrees with the body part.
    fn agree(&self, one: &str, many: &str) -> String {
        if self.condition.plural { many } else { one }.to_string()
    }

    /// Replaces `{name}` placeholders (choices are left to [`Composer::fill`]).
    fn substitute(&self, template: &str) -> String {
        let mut out = String::with_capacity(template.len() + 40);
        let mut rest = template;
        while let Some(start) = rest.find('{') {
            out.push_str(&rest[..start]);
            let Some(len) = rest[start..].find('}') else {
                break;
            };
            let name = &rest[start + 1..start + len];
            match self.value(name) {
                Some(value) => out.push_str(&value),
                None => out.push_str(&rest[start..=start + len]),
            }
            rest = &rest[start + len + 1..];
        }
        out.push_str(rest);
        out
    }
}

// ---------------------------------------------------------------------------------------------
// Composing one article

/// A block of Markdown; only paragraphs may receive link sentences.
enum Block {
    Para(String),
    Raw(String),
}

/// The topic page a section feeds (for the Hugo flavour's topic pages).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Topic {
    Benefits,
    Expect,
    Precautions,
}

impl Topic {
    const ALL: [Topic; 3] = [Topic::Benefits, Topic::Expect, Topic::Precautions];

    fn slug(self) -> &'static str {
        match self {
            Topic::Benefits => "benefits",
            Topic::Expect => "what-to-expect",
            Topic::Precautions => "precautions",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Topic::Benefits => "benefits",
            Topic::Expect => "what to expect",
            Topic::Precautions => "precautions",
        }
    }
}

/// A `##` section; the intro is a section without a heading.
struct Section {
    heading: Option<String>,
    topic: Option<Topic>,
    blocks: Vec<Block>,
}

struct Reference {
    title: String,
    url: String,
    publisher: &'static str,
    year: usize,
}

/// Front matter of an article.
struct Front {
    description: String,
    date: Date,
    reviewed: Date,
    reviewer: &'static str,
    authors: Vec<&'static str>,
    tags: Vec<&'static str>,
    references: Vec<Reference>,
}

struct Article {
    front: Front,
    sections: Vec<Section>,
}

/// Fills templates for one article, remembering which sentences it already used so that an
/// article rarely says the same thing twice.
struct Composer {
    rng: Rng,
    ctx: Ctx,
    used: HashSet<usize>,
}

impl Composer {
    /// Expands `<a|b>` choices, then `{name}` placeholders.
    fn fill(&mut self, template: &str) -> String {
        let mut chosen = String::with_capacity(template.len());
        let mut rest = template;
        while let Some(start) = rest.find('<') {
            chosen.push_str(&rest[..start]);
            let Some(len) = rest[start..].find('>') else {
                break;
            };
            let options: Vec<&str> = rest[start + 1..start + len].split('|').collect();
            chosen.push_str(options[self.rng.below(options.len())]);
            rest = &rest[start + len + 1..];
        }
        chosen.push_str(rest);
        self.ctx.substitute(&chosen)
    }

    /// Index of a pool item this article has not used yet (any item once all are used).
    fn fresh<T>(&mut self, pool: &[T]) -> usize {
        // Items are told apart by address, which is unique across all pools.
        let key = |i: usize| &pool[i] as *const T as usize;
        let unused: Vec<usize> = (0..pool.len())
            .filter(|&i| !self.used.contains(&key(i)))
            .collect();
        let index = if unused.is_empty() {
            (0..pool.len()).for_each(|i| {
                self.used.remove(&key(i));
            });
            self.rng.below(pool.len())
        } else {
            unused[self.rng.below(unused.len())]
        };
        self.used.insert(key(index));
        index
    }

    /// `count` fresh sentences from `pool`, filled and joined into one paragraph.
    fn sentences(&mut self, pool: &[&str], count: usize) -> String {
        let parts: Vec<String> = (0..count)
            .map(|_| {
                let i = self.fresh(pool);
                self.fill(pool[i])
            })
            .collect();
        parts.join(" ")
    }
}

fn generate_article(plans: &[Plan], index: usize, seed: u64) -> Article {
    let plan = &plans[index];
    let mut c = Composer {
        rng: Rng::for_article(seed, index),
        ctx: Ctx::new(plan.treatment, plan.condition, plan.audience),
        used: HashSet::new(),
    };
    let front = front_matter(&mut c);
    let mut sections = vec![
        intro(&mut c),
        what_is(&mut c),
        benefits(&mut c),
        expect(&mut c),
        precautions(&mut c),
    ];
    if c.rng.below(5) < 3 {
        sections.push(living(&mut c));
    }
    sections.push(faq(&mut c));
    add_links(&mut c, &mut sections, plans, index);
    let target = c.rng.between(950, 1420);
    pad(&mut c, &mut sections, target);
    Article { front, sections }
}

fn front_matter(c: &mut Composer) -> Front {
    let reviewed = TODAY.minus_days(c.rng.between(20, 700));
    let date = reviewed.minus_days(c.rng.between(0, 2200)).max(EARLIEST);
    let reviewer = *c.rng.pick(&REVIEWERS);
    let author_count = c.rng.between(1, 2);
    let authors = c
        .rng
        .sample(AUTHORS.len(), author_count)
        .into_iter()
        .map(|i| AUTHORS[i])
        .collect();
    let mut tags = vec![c.ctx.condition.tag, c.ctx.treatment.tag, c.ctx.audience.tag];
    if c.rng.one_in(3) {
        tags.push(*c.rng.pick(&EXTRA_TAGS));
    }
    let mut seen = HashSet::new();
    tags.retain(|tag| !tag.is_empty() && seen.insert(*tag));
    let reference_count = c.rng.between(1, 3);
    let references = c
        .rng
        .sample(PUBLISHERS.len(), reference_count)
        .into_iter()
        .map(|i| reference(c, PUBLISHERS[i]))
        .collect();
    Front {
        description: description(c),
        date,
        reviewed,
        reviewer,
        authors,
        tags,
        references,
    }
}

fn reference(c: &mut Composer, (publisher, pattern): (&'static str, &'static str)) -> Reference {
    let (subject, title) = if c.rng.one_in(2) {
        (
            c.ctx.condition.name,
            c.fill("<{C}|{C}: treatment|{C}: overview>"),
        )
    } else {
        (
            c.ctx.treatment.name,
            c.fill("<{T}|{T}: what to expect|About {t}>"),
        )
    };
    let mut slug = slugify(subject);
    if publisher == "MedlinePlus" {
        slug.retain(|ch| ch != '-');
    }
    Reference {
        title,
        url: pattern.replace("{}", &slug),
        publisher,
        year: c.rng.between(2019, 2025),
    }
}

/// A description of 50 to 160 characters, the range search engines display well.
fn description(c: &mut Composer) -> String {
    let mut order: Vec<usize> = (0..DESCRIPTIONS.len()).collect();
    c.rng.shuffle(&mut order);
    let candidates: Vec<String> = order.iter().map(|&i| c.fill(DESCRIPTIONS[i])).collect();
    if let Some(fit) = candidates
        .iter()
        .find(|d| (50..=160).contains(&d.chars().count()))
    {
        return fit.clone();
    }
    let mut text = candidates[0].clone();
    while text.chars().count() > 160 {
        let cut = text[..text.len() - 1].rfind(' ').unwrap_or(150);
        text = format!("{}.", text[..cut].trim_end_matches([',', ':']));
    }
    while text.chars().count() < 50 {
        text.push_str(" A guide from our clinic.");
    }
    text
}

fn intro(c: &mut Composer) -> Section {
    let text = format!(
        "{} {} {}",
        c.sentences(&INTRO_OPEN, 1),
        c.sentences(&INTRO_TREAT, 1),
        c.sentences(&INTRO_PAGE, 1)
    );
    Section {
        heading: None,
        topic: None,
        blocks: vec![Block::Para(text)],
    }
}

fn what_is(c: &mut Composer) -> Section {
    let first = format!(
        "{} {}",
        c.fill("{T} is {def}."),
        c.sentences(&TREATMENT_FACTS, 2)
    );
    let second = c.sentences(&TREATMENT_FACTS, 3);
    let heading = c.fill("What is {t}?");
    Section {
        heading: Some(heading),
        topic: None,
        blocks: vec![Block::Para(first), Block::Para(second)],
    }
}

fn benefits(c: &mut Composer) -> Section {
    let heading = c.fill(
        "<Benefits of {t}|How {t} helps|How {t} helps with {ac}|What are the benefits of {t}?>",
    );
    let lead = c.fill(
        "<{T} can help in several ways.|Research and clinic experience suggest that {t} can help in several ways.|Here are some of the ways {t} may help with {ac}.>",
    );
    let count = c.rng.between(4, 6);
    let items: Vec<String> = c
        .rng
        .sample(BENEFITS.len(), count)
        .into_iter()
        .enumerate()
        .map(|(n, i)| {
            format!(
                "{}. **{}.** {}",
                n + 1,
                BENEFITS[i].0,
                c.fill(BENEFITS[i].1)
            )
        })
        .collect();
    let blocks = vec![Block::Para(lead), Block::Raw(items.join("\n"))];
    Section {
        heading: Some(heading),
        topic: Some(Topic::Benefits),
        blocks,
    }
}

fn expect(c: &mut Composer) -> Section {
    let heading = c.fill(
        "<What to expect|During your visit|What to expect during {t}|Your first appointment>",
    );
    let lead = c.fill(
        "<Here is what usually happens.|Every visit is a little different, but most follow the same steps.|Knowing what will happen can make your first visit easier.>",
    );
    let count = c.rng.between(5, 7);
    let mut chosen = c.rng.sample(STEPS.len(), count);
    chosen.sort_unstable();
    let steps: Vec<String> = chosen
        .into_iter()
        .enumerate()
        .map(|(n, i)| format!("{}. {}", n + 1, c.fill(STEPS[i])))
        .collect();
    let mut blocks = vec![Block::Para(lead), Block::Raw(steps.join("\n"))];
    if c.rng.one_in(10) {
        blocks.push(Block::Para(
            c.fill("A typical course of {t} looks like this:"),
        ));
        blocks.push(Block::Raw(c.fill(
            "| Stage | How long | What happens |\n| --- | --- | --- |\n\
             | First visit | 45 to 60 minutes | Questions, assessment and a first treatment |\n\
             | Follow-up visits | <30|40> minutes | {T} and a review of your home plan |\n\
             | Final review | 20 minutes | A check of your progress and a plan for the future |",
        )));
    }
    if c.rng.one_in(50) {
        let json = c.rng.one_in(2);
        let lead = if json {
            "If you log your exercises in the clinic app, an exported entry looks like this:"
        } else {
            "Some people keep a simple diary between visits. You can copy this layout:"
        };
        blocks.push(Block::Para(lead.to_string()));
        blocks.push(Block::Raw(
            if json { JSON_LOG } else { TEXT_LOG }.to_string(),
        ));
    }
    Section {
        heading: Some(heading),
        topic: Some(Topic::Expect),
        blocks,
    }
}

fn precautions(c: &mut Composer) -> Section {
    let heading = c.fill(
        "<Precautions|Risks and side effects|Safety and precautions|Who should not have {t}?>",
    );
    let lead = c.fill(
        "{T} is safe for most people, but <it is not right for everyone|some care is needed>.",
    );
    let count = c.rng.between(4, 6);
    let bullets: Vec<String> = c
        .rng
        .sample(PRECAUTIONS.len(), count)
        .into_iter()
        .map(|i| format!("- {}", c.fill(PRECAUTIONS[i])))
        .collect();
    let mut blocks = vec![Block::Para(lead), Block::Raw(bullets.join("\n"))];
    if c.rng.one_in(8) {
        let warning = c.sentences(&WARNINGS, 1);
        blocks.push(Block::Raw(format!("> [!WARNING]\n> {warning}")));
    }
    Section {
        heading: Some(heading),
        topic: Some(Topic::Precautions),
        blocks,
    }
}

fn living(c: &mut Composer) -> Section {
    let heading = c.fill("<Living with {ac}|Managing {ac} day to day|Everyday life with {ac}>");
    let blocks = vec![Block::Para(c.sentences(&DAILY_LIFE, 4))];
    Section {
        heading: Some(heading),
        topic: None,
        blocks,
    }
}

fn faq(c: &mut Composer) -> Section {
    let heading =
        c.fill("<Frequently asked questions|Common questions|Questions people often ask>");
    let count = c.rng.between(3, 5);
    let mut blocks = Vec::new();
    for i in c.rng.sample(FAQ.len(), count) {
        blocks.push(Block::Raw(format!("### {}", c.fill(FAQ[i].0))));
        blocks.push(Block::Para(c.fill(FAQ[i].1)));
    }
    Section {
        heading: Some(heading),
        topic: None,
        blocks,
    }
}

/// Appends one to three link sentences to random paragraphs, each pointing at another article
/// through a marker that [`resolve_links`] turns into a path for the flavour being written.
fn add_links(c: &mut Composer, sections: &mut [Section], plans: &[Plan], index: usize) {
    let count = c.rng.between(1, 3).min(plans.len() - 1);
    let mut targets = HashSet::new();
    while targets.len() < count {
        let target = c.rng.below(plans.len());
        if target == index || !targets.insert(target) {
            continue;
        }
        let template = LINK_SENTENCES[c.rng.below(LINK_SENTENCES.len())];
        let sentence = template
            .replace("{title}", &plans[target].title)
            .replace("{target}", &format!("{LINK_MARK}{target}@@"));
        let section = &mut sections[c.rng.below(sections.len())];
        let paragraphs: Vec<usize> = (0..section.blocks.len())
            .filter(|&b| matches!(section.blocks[b], Block::Para(_)))
            .collect();
        if let Block::Para(text) = &mut section.blocks[paragraphs[c.rng.below(paragraphs.len())]] {
            text.push(' ');
            text.push_str(&sentence);
        }
    }
}

/// Adds paragraphs to the open-ended sections until the article has `target` words.
fn pad(c: &mut Composer, sections: &mut [Section], target: usize) {
    let pool_for = |section: &Section| -> Option<&'static [&'static str]> {
        match (section.topic, section.heading.as_deref()) {
            (Some(Topic::Expect), _) => Some(&AFTER_VISIT),
            (Some(Topic::Precautions), _) => Some(&GET_HELP),
            (None, Some(h)) if h.starts_with("What is") => Some(&TREATMENT_FACTS),
            (None, Some(h)) if !h.to_lowercase().contains("questions") => Some(&DAILY_LIFE),
            _ => None,
        }
    };
    let slots: Vec<usize> = (0..sections.len())
        .filter(|&s| pool_for(&sections[s]).is_some())
        .collect();
    let mut words: usize = sections.iter().map(section_words).sum();
    let mut turn = c.rng.below(slots.len());
    while words < target {
        let slot = slots[turn % slots.len()];
        if let Some(pool) = pool_for(&sections[slot]) {
            let count = c.rng.between(3, 4);
            let text = c.sentences(pool, count);
            words += text.split_whitespace().count();
            sections[slot].blocks.push(Block::Para(text));
        }
        turn += 1;
    }
}

fn section_words(section: &Section) -> usize {
    let heading = section
        .heading
        .as_deref()
        .map_or(0, |h| h.split_whitespace().count());
    heading
        + section
            .blocks
            .iter()
            .map(|b| match b {
                Block::Para(t) | Block::Raw(t) => t.split_whitespace().count(),
            })
            .sum::<usize>()
}

// ---------------------------------------------------------------------------------------------
// Rendering

/// Marks a link target inside generated text: `@@LINK:<index>@@`.
const LINK_MARK: &str = "@@LINK:";

#[derive(Clone, Copy, PartialEq, Eq)]
enum Flavour {
    Handout,
    Hugo,
}

/// The link path from article `from` to article `to`: relative `.md` paths for handout (which
/// depend on whether either side is a page bundle), site paths for Hugo.
fn link_path(plans: &[Plan], from: usize, to: usize, flavour: Flavour) -> String {
    let target = &plans[to];
    if flavour == Flavour::Hugo {
        return format!("/articles/{}/", target.slug);
    }
    let up = if plans[from].bundle { "../" } else { "" };
    if target.bundle {
        format!("{up}{}/index.md", target.slug)
    } else {
        format!("{up}{}.md", target.slug)
    }
}

fn resolve_links(text: &str, plans: &[Plan], from: usize, flavour: Flavour) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut rest = text;
    while let Some(start) = rest.find(LINK_MARK) {
        out.push_str(&rest[..start]);
        let after = &rest[start + LINK_MARK.len()..];
        let end = after.find("@@").unwrap_or(after.len());
        match after[..end].parse::<usize>() {
            Ok(to) => out.push_str(&link_path(plans, from, to, flavour)),
            Err(_) => out.push_str(&rest[start..start + LINK_MARK.len() + end]),
        }
        rest = after.get(end + 2..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

fn render_blocks(out: &mut String, blocks: &[Block]) {
    for block in blocks {
        let (Block::Para(text) | Block::Raw(text)) = block;
        out.push_str(text);
        out.push_str("\n\n");
    }
}

fn render_body(article: &Article) -> String {
    let mut out = String::with_capacity(9000);
    for section in &article.sections {
        if let Some(heading) = &section.heading {
            out.push_str("## ");
            out.push_str(heading);
            out.push_str("\n\n");
        }
        render_blocks(&mut out, &section.blocks);
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// A YAML double-quoted string.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fn quoted_list(items: &[&str]) -> String {
    let items: Vec<String> = items.iter().map(|item| quoted(item)).collect();
    format!("[{}]", items.join(", "))
}

fn render_front(plan: &Plan, front: &Front) -> String {
    let mut out = format!(
        "---\ntitle: {}\ndescription: {}\ndate: {}\nreviewed: {}\nreviewer: {}\nauthors: {}\ntags: {}\n\
         condition: {}\ntreatment: {}\nreferences:\n",
        quoted(&plan.title),
        quoted(&front.description),
        front.date,
        front.reviewed,
        quoted(front.reviewer),
        quoted_list(&front.authors),
        quoted_list(&front.tags),
        quoted(plan.condition.name),
        quoted(plan.treatment.name),
    );
    for r in &front.references {
        out.push_str(&format!(
            "  - title: {}\n    url: {}\n    publisher: {}\n    year: {}\n",
            quoted(&r.title),
            quoted(&r.url),
            quoted(r.publisher),
            r.year
        ));
    }
    out.push_str("---\n\n");
    out
}

/// The article's file: front matter and body, links resolved for `flavour`.
fn render_article(plans: &[Plan], index: usize, article: &Article, flavour: Flavour) -> String {
    let text = render_front(&plans[index], &article.front) + &render_body(article);
    resolve_links(&text, plans, index, flavour)
}

// ---------------------------------------------------------------------------------------------
// Site files

fn site_yaml() -> String {
    format!(
        "title: {}\nbase_url: {}\nlanguage: en\nclinic:\n  name: {}\n  phone: {}\n  email: {}\n  address: {}\n  url: {}\n\
         disclaimer: {}\nemergency: {}\nreview_interval_months: 36\nreading_grade_target: 8\n",
        quoted(SITE_TITLE),
        quoted(BASE_URL),
        quoted(CLINIC_NAME),
        quoted(CLINIC_PHONE),
        quoted(CLINIC_EMAIL),
        quoted(CLINIC_ADDRESS),
        quoted(BASE_URL),
        quoted(DISCLAIMER),
        quoted(EMERGENCY),
    )
}

const HOME_MD: &str = "---
title: \"Patient information\"
---

Welcome to our patient information library. Each article explains a treatment in plain words: what it is, \
how it may help, what happens at a visit and when to take care. Every page is checked by one of our \
clinicians and shows when it was last reviewed. If you are not sure which page you need, ask at the front \
desk or call us.
";

const FAQ_MD: &str = "---
title: \"Frequently asked questions\"
---

Answers to the questions our patients ask most often. If your question is not here, please call us.

## Appointments

### How do I book an appointment?

You can book by phone, by email or at the front desk. Most people are seen within a week.

### Can I change or cancel my appointment?

Yes. Please let us know at least 24 hours before, so that we can offer the time to someone else.

### What should I bring to my first visit?

Bring a list of your medicines, any scans or letters from your doctor, and loose, comfortable clothes.

## Payments and insurance

### Do you accept my insurance?

We work with most major insurers. Call us with your policy details and we will check for you.

### How much does a session cost?

Prices depend on the length of the session. Our front desk can give you a full price list.

### Can I pay in instalments?

Yes, for a course of treatment we can agree a payment plan with you.

## Your treatment

### How many sessions will I need?

It depends on your condition and your goals. Your therapist will give you an estimate at your first visit.

### Can I bring someone with me?

Yes. A friend or family member is welcome to join you.

### What if my pain gets worse?

Call us and speak to your therapist. If you have severe or sudden symptoms, call 911.

## Privacy and records

### Who can see my records?

Only the clinicians who care for you. We never share your records without your consent, unless the law \
requires it.

### Can I get a copy of my records?

Yes. Ask at the front desk or email us, and we will send you a copy within 30 days.
";

const ABOUT_MD: &str = "---
title: \"About our clinic\"
---

Riverside Physiotherapy Clinic has cared for people in Springfield since 1998. Our team of physiotherapists, \
occupational therapists and massage therapists helps people recover from injury, manage long-term pain and \
stay active.

## Our team

Every member of our clinical team is licensed and takes part in regular training. Each patient information \
page on this site is written by our staff and reviewed by a named clinician.

## Contact us

Call us on +1 555 010 0200, email info@clinic.example, or visit us at 12 River Road, Springfield. We are open \
from 8 am to 7 pm on weekdays and from 9 am to 1 pm on Saturdays.
";

fn write_handout_site(out: &mut Output, plans: &[Plan], seed: u64) -> Result<(), String> {
    out.write("site.yaml", &site_yaml())?;
    out.write("content/_index.md", HOME_MD)?;
    out.write("content/faq.md", FAQ_MD)?;
    out.write("content/pages/about.md", ABOUT_MD)?;
    for (index, plan) in plans.iter().enumerate() {
        let article = generate_article(plans, index, seed);
        let path = if plan.bundle {
            format!("content/articles/{}/index.md", plan.slug)
        } else {
            format!("content/articles/{}.md", plan.slug)
        };
        out.write(
            &path,
            &render_article(plans, index, &article, Flavour::Handout),
        )?;
    }
    Ok(())
}

fn hugo_toml() -> String {
    let s = |text: &str| quoted(text);
    format!(
        "baseURL = {}\nlanguageCode = \"en\"\ntitle = {}\nenableRobotsTXT = true\n\n\
         [taxonomies]\n  tag = \"tags\"\n\n\
         # Feeds only for the home page, as handout has one site feed.\n\
         [outputs]\n  home = [\"HTML\", \"RSS\"]\n  page = [\"HTML\"]\n  section = [\"HTML\"]\n  \
         taxonomy = [\"HTML\"]\n  term = [\"HTML\"]\n\n\
         [sitemap]\n  changefreq = \"monthly\"\n  filename = \"sitemap.xml\"\n\n\
         # CSS classes rather than inline styles for highlighted code, as handout does.\n\
         [markup.highlight]\n  noClasses = false\n\n\
         [params]\n  disclaimer = {}\n  emergency = {}\n  review_interval_months = 36\n\
         [params.clinic]\n  name = {}\n  phone = {}\n  email = {}\n  address = {}\n  url = {}\n",
        s(BASE_URL),
        s(SITE_TITLE),
        s(DISCLAIMER),
        s(EMERGENCY),
        s(CLINIC_NAME),
        s(CLINIC_PHONE),
        s(CLINIC_EMAIL),
        s(CLINIC_ADDRESS),
        s(BASE_URL),
    )
}

/// Minimal Hugo templates doing about the work handout's default theme does: a base layout
/// with header, nav and a footer with the disclaimer; article pages with review dates,
/// references, tags, links to their topic pages and JSON-LD; topic pages; lists; 404; RSS.
static HUGO_LAYOUTS: [(&str, &str); 11] = [
    (
        "layouts/_default/baseof.html",
        r##"<!DOCTYPE html>
<html lang="{{ site.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ if .IsHome }}{{ site.Title }}{{ else }}{{ .Title }} | {{ site.Title }}{{ end }}</title>
{{ with .Description }}<meta name="description" content="{{ . }}">{{ end }}
<link rel="canonical" href="{{ .Permalink }}">
{{ with site.Home.OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" href="{{ .Permalink }}" title="{{ site.Title }}">{{ end }}
<style>body{max-width:42rem;margin:0 auto;padding:1rem;font:1.1rem/1.5 system-ui,sans-serif}nav ul{list-style:none;padding:0}nav li{display:inline;margin-right:1rem}</style>
</head>
<body>
<a href="#main">Skip to content</a>
<header>
<p><a href="{{ "/" | relURL }}">{{ site.Title }}</a></p>
<nav aria-label="Main"><ul>
<li><a href="{{ "/" | relURL }}">Home</a></li>
<li><a href="{{ "/articles/" | relURL }}">Articles</a></li>
<li><a href="{{ "/benefits/" | relURL }}">Benefits</a></li>
<li><a href="{{ "/what-to-expect/" | relURL }}">What to expect</a></li>
<li><a href="{{ "/precautions/" | relURL }}">Precautions</a></li>
<li><a href="{{ "/tags/" | relURL }}">Topics</a></li>
<li><a href="{{ "/faq/" | relURL }}">Questions</a></li>
<li><a href="{{ "/about/" | relURL }}">About us</a></li>
</ul></nav>
</header>
<main id="main">
{{ block "main" . }}{{ end }}
</main>
<footer>
<p>{{ site.Params.disclaimer }}</p>
<p>{{ site.Params.emergency }}</p>
{{ with site.Params.clinic }}<address>{{ .name }} · {{ .address }} · <a href="tel:{{ .phone }}">{{ .phone }}</a> · <a href="mailto:{{ .email }}">{{ .email }}</a></address>{{ end }}
</footer>
</body>
</html>
"##,
    ),
    (
        "layouts/partials/reviewed.html",
        r##"{{ with .Params.reviewed }}{{ $r := time.AsTime . }}<p class="reviewed">Page last reviewed: {{ $r.Format "2 January 2006" }} · Next review due: {{ ($r.AddDate 0 36 0).Format "2 January 2006" }}</p>{{ end }}
"##,
    ),
    (
        "layouts/articles/single.html",
        r##"{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
<p class="lead">{{ .Description }}</p>
<p>Written by {{ delimit .Params.authors ", " }}. Reviewed by {{ .Params.reviewer }}.</p>
<nav aria-label="In this topic"><ul>
<li><a href="{{ .RelPermalink }}benefits/">Benefits</a></li>
<li><a href="{{ .RelPermalink }}what-to-expect/">What to expect</a></li>
<li><a href="{{ .RelPermalink }}precautions/">Precautions</a></li>
</ul></nav>
{{ .Content }}
{{ with .Params.references }}<h2>References</h2>
<ol>{{ range . }}<li><a href="{{ .url }}">{{ .title }}</a>. {{ .publisher }}, {{ .year }}.</li>{{ end }}</ol>{{ end }}
{{ with .GetTerms "tags" }}<p>Topics: {{ range . }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>{{ end }}
{{ partial "reviewed.html" . }}
</article>
<script type="application/ld+json">{{ dict "@context" "https://schema.org" "@type" "MedicalWebPage" "name" .Title "description" .Description "url" .Permalink "inLanguage" site.LanguageCode "lastReviewed" .Params.reviewed "reviewedBy" (dict "@type" "Person" "name" .Params.reviewer) "medicalAudience" (dict "@type" "MedicalAudience" "audienceType" "Patient") "about" (dict "@type" "MedicalTherapy" "name" .Params.treatment) | jsonify | safeJS }}</script>
{{ end }}
"##,
    ),
    (
        "layouts/topic/single.html",
        r##"{{ define "main" }}
<article>
<p><a href="{{ .Params.article | relURL }}">{{ .Params.article_title }}</a></p>
<h1>{{ .Title }}</h1>
{{ .Content }}
<p>Reviewed by {{ .Params.reviewer }}.</p>
{{ partial "reviewed.html" . }}
</article>
{{ end }}
"##,
    ),
    (
        "layouts/_default/single.html",
        r##"{{ define "main" }}
<article>
<h1>{{ .Title }}</h1>
{{ .Content }}
</article>
{{ end }}
"##,
    ),
    (
        "layouts/_default/list.html",
        r##"{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul>{{ range where .Pages "Type" "articles" }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Description }}</li>{{ end }}
</ul>
{{ end }}
"##,
    ),
    (
        "layouts/_default/taxonomy.html",
        r##"{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Data.Terms.Alphabetical }}
<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}
</ul>
{{ end }}
"##,
    ),
    (
        "layouts/_default/term.html",
        r##"{{ define "main" }}
<h1>{{ .Title }}</h1>
<ul>{{ range .Pages }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Description }}</li>{{ end }}
</ul>
{{ end }}
"##,
    ),
    (
        "layouts/index.html",
        r##"{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<h2>All articles</h2>
<ul>{{ range where site.RegularPages "Type" "articles" }}
<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Description }}</li>{{ end }}
</ul>
{{ end }}
"##,
    ),
    (
        "layouts/_default/hub.html",
        r##"{{ define "main" }}
<h1>{{ .Title }}</h1>
{{ .Content }}
<ul class="hub-list">{{ range where (where site.RegularPages "Type" "topic") "Params.topic" .Params.topic }}
<li><h2><a href="{{ .RelPermalink }}">{{ .Params.article_title }}</a></h2><p>{{ .Params.heading }}</p></li>{{ end }}
</ul>
{{ end }}
"##,
    ),
    (
        "layouts/404.html",
        r##"{{ define "main" }}
<h1>Page not found</h1>
<p>Sorry, we could not find that page. Try the <a href="{{ "/articles/" | relURL }}">list of articles</a>.</p>
{{ end }}
"##,
    ),
];

/// The home feed: the 50 newest articles, as many as handout's Atom feed lists.
const HUGO_RSS: &str = r##"{{- printf "<?xml version=\"1.0\" encoding=\"utf-8\" standalone=\"yes\"?>" | safeHTML }}
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>{{ site.Title }}</title>
<link>{{ .Permalink }}</link>
<description>Patient information from {{ site.Params.clinic.name }}</description>
<language>{{ site.LanguageCode }}</language>
{{ with .OutputFormats.Get "RSS" }}<atom:link href="{{ .Permalink }}" rel="self" type="application/rss+xml" />{{ end }}
{{- range first 50 (where site.RegularPages "Type" "articles") }}
<item>
<title>{{ .Title }}</title>
<link>{{ .Permalink }}</link>
<pubDate>{{ .Date.Format "Mon, 02 Jan 2006 15:04:05 -0700" | safeHTML }}</pubDate>
<guid>{{ .Permalink }}</guid>
<description>{{ .Description }}</description>
</item>
{{- end }}
</channel>
</rss>
"##;

/// A hub for Hugo: one topic page of every article, as handout's `/benefits/` and the like.
fn hugo_hub_page(topic: Topic) -> String {
    let (title, lead) = match topic {
        Topic::Benefits => ("Benefits", "How each treatment can help you."),
        Topic::Expect => (
            "What to expect",
            "What happens before, during and after each treatment.",
        ),
        Topic::Precautions => ("Precautions", "When to take care with each treatment."),
    };
    format!(
        "---\ntitle: {}\nlayout: hub\ntopic: {}\n---\n\n{lead}\n",
        quoted(title),
        topic.slug()
    )
}

/// A topic page for Hugo: the section of the article that handout turns into that topic page.
fn hugo_topic_page(
    plans: &[Plan],
    index: usize,
    article: &Article,
    section: &Section,
    topic: Topic,
) -> String {
    let plan = &plans[index];
    let mut out = format!(
        "---\ntitle: {}\ndescription: {}\ntype: topic\ntopic: {}\nheading: {}\narticle: {}\n\
         article_title: {}\nreviewed: {}\nreviewer: {}\n---\n\n",
        quoted(&format!("{}: {}", plan.title, topic.label())),
        quoted(&article.front.description),
        topic.slug(),
        quoted(section.heading.as_deref().unwrap_or_default()),
        quoted(&format!("/articles/{}/", plan.slug)),
        quoted(&plan.title),
        article.front.reviewed,
        quoted(article.front.reviewer),
    );
    if let Some(heading) = &section.heading {
        out.push_str(&format!("## {heading}\n\n"));
    }
    render_blocks(&mut out, &section.blocks);
    out.truncate(out.trim_end().len());
    out.push('\n');
    resolve_links(&out, plans, index, Flavour::Hugo)
}

fn write_hugo_site(out: &mut Output, plans: &[Plan], seed: u64) -> Result<(), String> {
    out.write("hugo.toml", &hugo_toml())?;
    for (path, text) in HUGO_LAYOUTS {
        out.write(path, text)?;
    }
    out.write("layouts/index.rss.xml", HUGO_RSS)?;
    out.write("content/_index.md", HOME_MD)?;
    out.write("content/faq.md", FAQ_MD)?;
    // handout serves content/pages/about.md at /about/, so Hugo gets it at the top level.
    out.write("content/about.md", ABOUT_MD)?;
    for topic in Topic::ALL {
        out.write(
            &format!("content/{}.md", topic.slug()),
            &hugo_hub_page(topic),
        )?;
    }
    for (index, plan) in plans.iter().enumerate() {
        let article = generate_article(plans, index, seed);
        out.write(
            &format!("content/articles/{}.md", plan.slug),
            &render_article(plans, index, &article, Flavour::Hugo),
        )?;
        for topic in Topic::ALL {
            if let Some(section) = article.sections.iter().find(|s| s.topic == Some(topic)) {
                let text = hugo_topic_page(plans, index, &article, section, topic);
                out.write(
                    &format!("content/articles/{}/{}.md", plan.slug, topic.slug()),
                    &text,
                )?;
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// A fresh, empty temporary folder for one test.
    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("gen_corpus_test_{}_{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    fn options(out: &Path, articles: usize, seed: u64, hugo: bool) -> Options {
        Options {
            articles,
            out: out.to_path_buf(),
            hugo,
            seed,
            force: false,
        }
    }

    /// Every file under `root`, by relative path.
    fn read_tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
        let mut files = BTreeMap::new();
        let mut stack = vec![root.to_path_buf()];
        while let Some(dir) = stack.pop() {
            for entry in fs::read_dir(&dir).expect("read dir") {
                let path = entry.expect("entry").path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let relative = path
                        .strip_prefix(root)
                        .expect("prefix")
                        .to_string_lossy()
                        .into_owned();
                    files.insert(relative, fs::read(&path).expect("read file"));
                }
            }
        }
        files
    }

    fn word_count(article: &Article) -> usize {
        render_body(article).split_whitespace().count()
    }

    #[test]
    fn same_seed_gives_identical_files_and_another_seed_does_not() {
        for hugo in [false, true] {
            let (a, b, c) = (
                temp_dir(&format!("a{hugo}")),
                temp_dir(&format!("b{hugo}")),
                temp_dir(&format!("c{hugo}")),
            );
            run(&options(&a, 150, 7, hugo)).expect("first run");
            run(&options(&b, 150, 7, hugo)).expect("second run");
            run(&options(&c, 150, 8, hugo)).expect("third run");
            let (tree_a, tree_b, tree_c) = (read_tree(&a), read_tree(&b), read_tree(&c));
            assert!(tree_a.len() > 150);
            assert!(
                tree_a == tree_b,
                "same seed must give byte-identical output"
            );
            assert!(tree_a != tree_c, "another seed must change the output");
            for dir in [a, b, c] {
                fs::remove_dir_all(dir).expect("clean up");
            }
        }
    }

    #[test]
    fn handout_flavour_has_the_expected_files_and_every_link_resolves() {
        let dir = temp_dir("links");
        let files = run(&options(&dir, 200, 42, false)).expect("run");
        assert_eq!(files, 204);
        for required in [
            "site.yaml",
            "content/_index.md",
            "content/faq.md",
            "content/pages/about.md",
        ] {
            assert!(dir.join(required).is_file(), "{required} missing");
        }
        let plans = plan_articles(200, 42);
        let mut links = 0;
        for plan in &plans {
            let (file, base) = if plan.bundle {
                let folder = dir.join("content/articles").join(&plan.slug);
                (folder.join("index.md"), folder)
            } else {
                (
                    dir.join("content/articles")
                        .join(format!("{}.md", plan.slug)),
                    dir.join("content/articles"),
                )
            };
            let text = fs::read_to_string(&file).expect("article exists");
            for part in text.split("](").skip(1) {
                let target = &part[..part.find(')').expect("closing parenthesis")];
                assert!(target.ends_with(".md"), "{target}");
                assert!(
                    base.join(target).is_file(),
                    "{} links to missing {target}",
                    file.display()
                );
                links += 1;
            }
        }
        assert!(links >= 200);
        fs::remove_dir_all(dir).expect("clean up");
    }

    #[test]
    fn hugo_flavour_has_topic_pages_and_site_links() {
        let dir = temp_dir("hugo");
        let files = run(&options(&dir, 20, 42, true)).expect("run");
        assert_eq!(files, 1 + HUGO_LAYOUTS.len() + 1 + 6 + 20 * 4);
        let plans = plan_articles(20, 42);
        for plan in &plans {
            let article = dir
                .join("content/articles")
                .join(format!("{}.md", plan.slug));
            let text = fs::read_to_string(article).expect("article");
            assert!(!text.contains(".md)"), "Hugo links must be site paths");
            assert!(text.contains("](/articles/"));
            for topic in Topic::ALL {
                assert!(dir
                    .join("content/articles")
                    .join(&plan.slug)
                    .join(format!("{}.md", topic.slug()))
                    .is_file());
            }
        }
        fs::remove_dir_all(dir).expect("clean up");
    }

    #[test]
    fn articles_meet_the_brief() {
        let plans = plan_articles(2000, 42);
        let (mut code_blocks, mut callouts, mut tables) = (0, 0, 0);
        let mut tags = HashSet::new();
        for index in 0..plans.len() {
            let article = generate_article(&plans, index, 42);
            let words = word_count(&article);
            assert!(
                (900..=1500).contains(&words),
                "article {index} has {words} words"
            );
            let description = article.front.description.chars().count();
            assert!(
                (50..=160).contains(&description),
                "description of {description} characters"
            );
            assert!(
                article.front.reviewed <= TODAY && article.front.reviewed > TODAY.minus_days(730)
            );
            assert!(article.front.date <= article.front.reviewed);
            tags.extend(article.front.tags.iter().copied());
            let body = render_body(&article);
            assert!(
                !body.contains('{') || body.contains("```json"),
                "unfilled placeholder in {index}"
            );
            assert!(
                !body.contains('<') && !body.contains('|') || body.contains("| Stage |"),
                "unfilled choice"
            );
            for topic in Topic::ALL {
                assert!(article.sections.iter().any(|s| s.topic == Some(topic)));
            }
            code_blocks += usize::from(body.contains("```"));
            callouts += usize::from(body.contains("> [!WARNING]"));
            tables += usize::from(body.contains("| --- |"));
        }
        assert!(
            (15..=70).contains(&code_blocks),
            "{code_blocks} code blocks in 2000 articles"
        );
        assert!(callouts > 100 && tables > 100);
        assert!((30..=45).contains(&tags.len()), "{} tags", tags.len());
    }

    /// Catches the template mistakes that are easy to make: doubled articles ("my a stroke")
    /// and verbs that do not agree with a plural body part ("your feet feels").
    #[test]
    fn text_reads_grammatically_for_every_condition() {
        let plans = plan_articles(3000, 11);
        for index in 0..plans.len() {
            let article = generate_article(&plans, index, 11);
            let text = format!("{}\n{}", plans[index].title, render_body(&article)).to_lowercase();
            for bad in [
                "my a ", "my an ", "your a ", "your an ", " a a ", " an an ", " a an ",
            ] {
                assert!(!text.contains(bad), "{bad:?} in article {index}");
            }
            let title = &plans[index].title;
            assert!(title.matches(" for ").count() <= 1, "{title:?}");
            let condition = plans[index].condition;
            if condition.plural {
                for verb in ["is", "feels", "moves", "becomes"] {
                    let bad = format!("your {} {verb} ", condition.part);
                    assert!(!text.contains(&bad), "{bad:?} in article {index}");
                }
            }
        }
    }

    /// The Hugo flavour writes three topic pages per article, so every topic heading must carry
    /// a keyword handout's classifier (`TopicRules::classify` in src/markdown) recognises, or
    /// the two flavours would render different numbers of pages.
    #[test]
    fn topic_headings_carry_the_classifier_keywords() {
        let plans = plan_articles(500, 5);
        for index in 0..plans.len() {
            for section in generate_article(&plans, index, 5).sections {
                let heading = section.heading.unwrap_or_default().to_lowercase();
                let keywords: &[&str] = match section.topic {
                    Some(Topic::Benefits) => &["benefit", "helps"],
                    Some(Topic::Expect) => &["expect", "during your", "first appointment"],
                    Some(Topic::Precautions) => &["precaution", "risk", "who should not"],
                    None => continue,
                };
                assert!(keywords.iter().any(|k| heading.contains(k)), "{heading:?}");
            }
        }
    }

    #[test]
    fn titles_and_slugs_are_unique_even_past_every_combination() {
        let plans = plan_articles(15_000, 3);
        let titles: HashSet<&str> = plans.iter().map(|p| p.title.as_str()).collect();
        let slugs: HashSet<&str> = plans.iter().map(|p| p.slug.as_str()).collect();
        assert_eq!(titles.len(), plans.len());
        assert_eq!(slugs.len(), plans.len());
        assert_eq!(plans.iter().filter(|p| p.bundle).count(), 1500);
    }

    #[test]
    fn every_template_fills_completely() {
        let plans = plan_articles(1, 1);
        let mut c = Composer {
            rng: Rng::new(1),
            ctx: Ctx::new(plans[0].treatment, plans[0].condition, &AUDIENCES[1]),
            used: HashSet::new(),
        };
        let pools: [&[&str]; 12] = [
            &TITLE_PATTERNS,
            &DESCRIPTIONS,
            &INTRO_OPEN,
            &INTRO_TREAT,
            &INTRO_PAGE,
            &TREATMENT_FACTS,
            &DAILY_LIFE,
            &AFTER_VISIT,
            &GET_HELP,
            &STEPS,
            &PRECAUTIONS,
            &WARNINGS,
        ];
        let pairs = BENEFITS
            .iter()
            .chain(FAQ.iter())
            .flat_map(|(a, b)| [*a, *b]);
        for template in pools.iter().flat_map(|p| p.iter().copied()).chain(pairs) {
            for _ in 0..4 {
                let text = c.fill(template);
                assert!(
                    !text.contains(['{', '}', '<', '>', '|']),
                    "{template:?} gave {text:?}"
                );
            }
        }
    }

    #[test]
    fn dates_round_trip() {
        for days in [-1000, 0, 59, 60, 365, 10_000, 20_781] {
            assert_eq!(Date::from_days(days).to_days(), days);
        }
        assert_eq!(
            Date {
                year: 2026,
                month: 11,
                day: 24
            }
            .minus_days(366)
            .to_string(),
            "2025-11-23"
        );
        assert_eq!(
            Date {
                year: 2024,
                month: 3,
                day: 1
            }
            .minus_days(1)
            .to_string(),
            "2024-02-29"
        );
    }

    #[test]
    fn refuses_a_non_empty_folder_unless_forced_and_then_keeps_other_files() {
        let dir = temp_dir("force");
        fs::create_dir_all(dir.join("content/articles")).expect("mkdir");
        fs::write(dir.join("content/articles/stale.md"), "old").expect("write");
        fs::write(dir.join("notes.txt"), "keep me").expect("write");
        assert!(run(&options(&dir, 5, 1, false)).is_err());
        let forced = Options {
            force: true,
            ..options(&dir, 5, 1, false)
        };
        run(&forced).expect("forced run");
        assert!(!dir.join("content/articles/stale.md").exists());
        assert_eq!(
            fs::read_to_string(dir.join("notes.txt")).expect("kept"),
            "keep me"
        );
        fs::remove_dir_all(dir).expect("clean up");
    }

    #[test]
    fn parses_arguments() {
        let args = |s: &str| s.split_whitespace().map(String::from).collect::<Vec<_>>();
        let o = parse_args(args("--articles 10 --out x --hugo --seed 5"))
            .expect("ok")
            .expect("some");
        assert_eq!((o.articles, o.hugo, o.seed, o.force), (10, true, 5, false));
        assert!(parse_args(args("--articles ten --out x")).is_err());
        assert!(parse_args(args("--articles 10")).is_err());
        assert!(parse_args(args("--help")).expect("ok").is_none());
    }

    #[test]
    fn slugs_are_plain() {
        assert_eq!(slugify("golfer's elbow"), "golfers-elbow");
        assert_eq!(
            slugify("TENS an ACL injury older adults"),
            "tens-an-acl-injury-older-adults"
        );
    }
}
