//! QR codes on bit rows: the same symbol the `qrcode` crate makes, module for module, in a
//! small fraction of its time.
//!
//! The crate draws every code on a canvas of enum cells, tries all eight mask patterns and
//! scores each with closures that allocate per module: on a 10,000-article site (40,000 codes,
//! one per article and topic page) that was over half of the build's CPU time. Here the crate
//! still encodes the data and computes the error correction, but everything that depends only
//! on the version is learnt from the crate once per process (see [`Layout`]), each row of the
//! symbol is a `u64`, and the four penalty rules are word operations. Symbols wider than 64
//! modules (addresses of over about 200 bytes) go through the crate's own path.

use qrcode::canvas::{Canvas, MaskPattern, Module};
use qrcode::{Color, EcLevel, QrCode, Version};
use std::sync::OnceLock;

/// The crate's mask patterns, in the order it tries them (the first of equal scores wins).
const PATTERNS: [MaskPattern; 8] = [
    MaskPattern::Checkerboard,
    MaskPattern::HorizontalLines,
    MaskPattern::VerticalLines,
    MaskPattern::DiagonalLines,
    MaskPattern::LargeCheckerboard,
    MaskPattern::Fields,
    MaskPattern::Diamonds,
    MaskPattern::Meadow,
];

/// The largest version handled on `u64` rows: version 11 is 61 modules wide.
const MAX_VERSION: usize = 11;
const _: () = assert!(17 + 4 * MAX_VERSION <= 64);

/// The error correction level of every code handout draws.
const EC_LEVEL: EcLevel = EcLevel::M;

/// Rows (bit x of row y = module (x, y)) and columns (bit y of column x) of one symbol.
#[derive(Clone)]
struct Bits {
    rows: Vec<u64>,
    cols: Vec<u64>,
}

impl Bits {
    fn new(width: usize) -> Self {
        Bits {
            rows: vec![0; width],
            cols: vec![0; width],
        }
    }

    fn set(&mut self, x: usize, y: usize) {
        self.rows[y] |= 1 << x;
        self.cols[x] |= 1 << y;
    }
}

/// What every symbol of one version shares, learnt from the crate.
struct Layout {
    /// For each mask pattern, the masked symbol of no data: functional patterns, format and
    /// version information, and the mask itself over the data area (a masked empty module).
    /// A symbol with data is this XOR its dark data modules.
    masks: Vec<Bits>,
    /// The data modules in the order the crate fills them, as (x, y).
    order: Vec<(u8, u8)>,
}

/// Layouts per version (1 to 11), built on first use.
static LAYOUTS: [OnceLock<Layout>; MAX_VERSION] = [const { OnceLock::new() }; MAX_VERSION];

/// A QR code's modules.
pub(super) enum Symbol {
    /// Up to 64 modules wide: bit x of row y is module (x, y), set when dark.
    Narrow { width: usize, rows: Vec<u64> },
    /// Wider, from the crate: row by row, `true` when dark.
    Wide { width: usize, dark: Vec<bool> },
}

impl Symbol {
    /// Calls `f(x, y, length)` for each horizontal run of dark modules, row by row.
    pub(super) fn for_each_run(&self, mut f: impl FnMut(usize, usize, usize)) {
        match self {
            Symbol::Narrow { rows, .. } => {
                for (y, &row) in rows.iter().enumerate() {
                    let mut rest = row;
                    while rest != 0 {
                        let x = rest.trailing_zeros() as usize;
                        let len = (!(rest >> x)).trailing_zeros() as usize;
                        f(x, y, len);
                        rest &= !(low_bits(len) << x);
                    }
                }
            }
            Symbol::Wide { width, dark } => {
                for (y, row) in dark.chunks_exact(*width).enumerate() {
                    let mut x = 0;
                    while x < *width {
                        let len = row[x..].iter().take_while(|d| **d).count();
                        if len > 0 {
                            f(x, y, len);
                        }
                        x += len.max(1);
                    }
                }
            }
        }
    }

    /// Modules per side (without the quiet zone).
    pub(super) fn width(&self) -> usize {
        match self {
            Symbol::Narrow { width, .. } | Symbol::Wide { width, .. } => *width,
        }
    }
}

/// The QR code of `data` at error correction level M, exactly as
/// `QrCode::with_error_correction_level(data, EcLevel::M)` makes it.
pub(super) fn symbol(data: &[u8]) -> Option<Symbol> {
    let bits = qrcode::bits::encode_auto(data, EC_LEVEL).ok()?;
    let version = bits.version();
    let number = match version {
        Version::Normal(n) if (1..=MAX_VERSION as i16).contains(&n) => n as usize,
        _ => return crate_symbol(data),
    };
    let width = version.width() as usize;
    let (data_words, ec_words) =
        qrcode::ec::construct_codewords(&bits.into_bytes(), version, EC_LEVEL).ok()?;
    let layout = LAYOUTS[number - 1].get_or_init(|| layout(version));
    let mut dark = Bits::new(width);
    // Each codeword's bits, most significant first, go to the next free data modules.
    let words = data_words.iter().chain(&ec_words);
    for (&word, places) in words.zip(layout.order.chunks(8)) {
        for (i, &(x, y)) in places.iter().enumerate() {
            if word << i & 0x80 != 0 {
                dark.set(x.into(), y.into());
            }
        }
    }
    let mut best: Option<(i32, usize)> = None;
    let mut symbol = Bits::new(width);
    for (i, mask) in layout.masks.iter().enumerate() {
        for k in 0..width {
            symbol.rows[k] = mask.rows[k] ^ dark.rows[k];
            symbol.cols[k] = mask.cols[k] ^ dark.cols[k];
        }
        if let Some(score) = penalty(width, &symbol, best.map(|(s, _)| s)) {
            best = Some((score, i));
        }
    }
    let (_, i) = best?;
    let mask = &layout.masks[i];
    let rows = (0..width).map(|y| mask.rows[y] ^ dark.rows[y]).collect();
    Some(Symbol::Narrow { width, rows })
}

/// The crate's own path, for symbols too wide for `u64` rows.
fn crate_symbol(data: &[u8]) -> Option<Symbol> {
    let code = QrCode::with_error_correction_level(data, EC_LEVEL).ok()?;
    let colors = code.to_colors();
    Some(Symbol::Wide {
        width: code.width(),
        dark: colors.into_iter().map(|c| c == Color::Dark).collect(),
    })
}

/// Learns a version's layout from the crate. The order in which data modules are filled is
/// read back by drawing index patterns: in draw `b`, the `k`th data bit is dark when bit `b`
/// of `k` is set, so twelve draws give every module its index.
fn layout(version: Version) -> Layout {
    let width = version.width() as usize;
    let mut base = Canvas::new(version, EC_LEVEL);
    base.draw_all_functional_patterns();
    let free = cells(&base, width).filter(|c| c.2 == Module::Empty).count();
    let mut index = vec![0usize; width * width];
    for b in 0..usize::BITS - free.leading_zeros() {
        let probe: Vec<u8> = (0..free.div_ceil(8))
            .map(|byte| {
                (0..8).fold(0u8, |acc, i| {
                    acc << 1 | u8::from((byte * 8 + i) >> b & 1 == 1)
                })
            })
            .collect();
        let mut c = base.clone();
        c.draw_data(&probe, &[]);
        for (x, y, m) in cells(&c, width) {
            if m == Module::Unmasked(Color::Dark) {
                index[y * width + x] |= 1 << b;
            }
        }
    }
    let mut order = vec![(0u8, 0u8); free];
    for (x, y, m) in cells(&base, width) {
        if m == Module::Empty {
            order[index[y * width + x]] = (x as u8, y as u8);
        }
    }
    let masks = PATTERNS
        .iter()
        .map(|&p| {
            let mut c = base.clone();
            c.apply_mask(p);
            let mut bits = Bits::new(width);
            for (x, y, m) in cells(&c, width) {
                if m.is_dark() {
                    bits.set(x, y);
                }
            }
            bits
        })
        .collect();
    Layout { masks, order }
}

/// Every module of a canvas as (x, y, module), row by row.
fn cells(canvas: &Canvas, width: usize) -> impl Iterator<Item = (usize, usize, Module)> + '_ {
    (0..width).flat_map(move |y| (0..width).map(move |x| (x, y, canvas.get(x as i16, y as i16))))
}

/// The crate's penalty score (`compute_total_penalty_scores` for normal QR codes), or `None`
/// as soon as it cannot be below `beat` (the best score so far: the first of equal scores wins).
///
/// Every part adds zero or more: the finder rule's matches include the three finder patterns
/// themselves, 9 × 40 = 360 in each direction, which the crate subtracts. So the sum so far is
/// a lower bound, and most masks are given up before the last rules.
fn penalty(width: usize, symbol: &Bits, beat: Option<i32>) -> Option<i32> {
    let over = |score: i32| beat.is_some_and(|b| score >= b);
    let mut score = 0;
    for lines in [&symbol.rows, &symbol.cols] {
        score -= 360;
        for line in lines {
            score += adjacent(width, *line) + finder(width, *line);
        }
        if over(score) {
            return None;
        }
    }
    score += blocks(width, &symbol.rows);
    if over(score) {
        return None;
    }
    let dark: usize = symbol.rows.iter().map(|r| r.count_ones() as usize).sum();
    let ratio = dark * 200 / (width * width);
    score += ratio.abs_diff(100) as i32;
    (!over(score)).then_some(score)
}

/// Each run of 5 + N modules of one colour scores 3 + N.
fn adjacent(width: usize, line: u64) -> i32 {
    // Bit x: modules x and x + 1 have one colour. Then bit x: modules x to x + 4 do.
    let same = !(line ^ (line >> 1)) & low_bits(width - 1);
    let five = same & (same >> 1) & (same >> 2) & (same >> 3);
    // A run of L >= 5 holds L - 4 such windows and scores L - 2: two more per run, and a run
    // starts where a window has none just before it (two runs' windows are never adjacent).
    let runs = five & !(five << 1);
    (five.count_ones() + 2 * runs.count_ones()) as i32
}

/// Each 2×2 block of one colour scores 3.
fn blocks(width: usize, rows: &[u64]) -> i32 {
    let keep = low_bits(width - 1);
    rows.windows(2)
        .map(|w| {
            let (a, b) = (w[0], w[1]);
            let same = !(a ^ (a >> 1)) & !(a ^ b) & !(b ^ (b >> 1)) & keep;
            3 * same.count_ones() as i32
        })
        .sum()
}

/// Each dark-light-dark-dark-dark-light-dark run without a dark module among the four on
/// either side scores 40 (modules outside the symbol count as light).
fn finder(width: usize, l: u64) -> i32 {
    let mut found = l & !(l >> 1) & (l >> 2) & (l >> 3) & (l >> 4) & !(l >> 5) & (l >> 6);
    found &= low_bits(width - 6);
    let mut score = 0;
    while found != 0 {
        let j = found.trailing_zeros() as usize;
        found &= found - 1;
        let before = l & low_bits(j) & !low_bits(j.saturating_sub(4));
        let after = l & low_bits((j + 11).min(width)) & !low_bits(j + 7);
        if before == 0 || after == 0 {
            score += 40;
        }
    }
    score
}

/// The lowest `n` bits set (`n` up to 64).
fn low_bits(n: usize) -> u64 {
    if n >= 64 {
        u64::MAX
    } else {
        (1u64 << n) - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs(s: &Symbol) -> Vec<(usize, usize, usize)> {
        let mut out = Vec::new();
        s.for_each_run(|x, y, len| out.push((x, y, len)));
        out
    }

    #[test]
    fn same_modules_as_the_crate() {
        // Every length from 1 to over 300 bytes: versions 1 to 11 and the crate's own path.
        let mut url = String::from("https://");
        for i in 0..330 {
            url.push(char::from(b'a' + (i * 7 % 26) as u8));
            if i % 9 == 0 {
                url.push('/');
            }
            let ours = symbol(url.as_bytes()).expect("ours");
            let theirs = crate_symbol(url.as_bytes()).expect("theirs");
            assert_eq!(ours.width(), theirs.width(), "{url}");
            assert_eq!(runs(&ours), runs(&theirs), "{url}");
        }
        assert_eq!(symbol(b"1").map(|s| s.width()), Some(21));
    }
}
