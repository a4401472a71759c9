//! Brand colours from `site.yaml`, checked for contrast when the settings are loaded, with
//! the shades the theme needs derived from them (the render stage writes them as `brand.css`).
//!
//! A clinic picks a colour for its header and links without editing CSS. Text in that colour
//! on white (and white text on it) must reach WCAG AA's 4.5:1, so a colour that fails is a
//! build error that gives the ratio and a darker shade of the same hue that passes.
//!
//! Each colour is written three times, because the theme puts text in it on more than white:
//! `--brand` as given (backgrounds with white text: the header, buttons), `--brand-on-light`
//! (links and headings on the theme's lightly tinted boxes, darkened if need be so they still
//! reach 4.5:1 there) and `--brand-on-dark` (the same in dark mode, a lighter tint of the hue
//! that reaches 4.5:1 on the theme's dark surfaces). `--accent` gets the same three.

use super::Brand;
use crate::diagnostic::{Diagnostic, Diagnostics, Span};
use serde::Serialize;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rgb(pub(crate) u8, pub(crate) u8, pub(crate) u8);

impl Rgb {
    /// Parses `#rgb` or `#rrggbb`.
    pub(crate) fn parse(s: &str) -> Option<Rgb> {
        let h = s.trim().strip_prefix('#')?;
        let v = |i: usize, n: usize| u8::from_str_radix(h.get(i..i + n)?, 16).ok();
        match h.len() {
            3 => Some(Rgb(v(0, 1)? * 17, v(1, 1)? * 17, v(2, 1)? * 17)),
            6 => Some(Rgb(v(0, 2)?, v(2, 2)?, v(4, 2)?)),
            _ => None,
        }
    }

    fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Relative luminance (WCAG 2.1).
    fn luminance(self) -> f64 {
        let ch = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.03928 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * ch(self.0) + 0.7152 * ch(self.1) + 0.0722 * ch(self.2)
    }

    /// Contrast ratio between two colours (1 to 21).
    pub(crate) fn contrast(self, other: Rgb) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        let (hi, lo) = if a > b { (a, b) } else { (b, a) };
        (hi + 0.05) / (lo + 0.05)
    }

    fn darken(self, f: f64) -> Rgb {
        let d = |c: u8| (f64::from(c) * f).round().clamp(0.0, 255.0) as u8;
        Rgb(d(self.0), d(self.1), d(self.2))
    }

    /// `self` moved a fraction `t` (0 to 1) of the way towards `other`.
    fn mix(self, other: Rgb, t: f64) -> Rgb {
        let m = |a: u8, b: u8| {
            (f64::from(a) + (f64::from(b) - f64::from(a)) * t)
                .round()
                .clamp(0.0, 255.0) as u8
        };
        Rgb(m(self.0, other.0), m(self.1, other.1), m(self.2, other.2))
    }
}

const WHITE: Rgb = Rgb(255, 255, 255);
const MIN_RATIO: f64 = 4.5;
/// A little above 4.5:1, so that rounding in a browser's colour maths cannot tip a derived
/// shade under the line.
const DERIVED_RATIO: f64 = 4.7;
/// The darkest background the default theme puts text on in light mode (its tinted callouts
/// and boxes are all lighter than this); `themes/default/static/css/style.css` keeps to it.
const LIGHT_SURFACE: Rgb = Rgb(0xe9, 0xee, 0xf2);
/// The lightest background the default theme puts text on in dark mode.
const DARK_SURFACE: Rgb = Rgb(0x25, 0x2d, 0x34);

/// The colour itself if it reaches [`DERIVED_RATIO`] on [`LIGHT_SURFACE`], else the first
/// darker shade of the same hue that does.
fn on_light(c: Rgb) -> Rgb {
    let mut f = 1.0;
    let mut out = c;
    while out.contrast(LIGHT_SURFACE) < DERIVED_RATIO && f > 0.0 {
        f -= 0.02;
        out = c.darken(f);
    }
    out
}

/// The first tint of `c` (mixed with white) that reaches [`DERIVED_RATIO`] on
/// [`DARK_SURFACE`]; brand colours are dark by rule, so some tint is always needed.
fn on_dark(c: Rgb) -> Rgb {
    let mut t = 0.0;
    let mut out = c;
    while out.contrast(DARK_SURFACE) < DERIVED_RATIO && t < 1.0 {
        t += 0.02;
        out = c.mix(WHITE, t);
    }
    out
}

/// One brand colour and the shades derived from it, as CSS hex colours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Shades {
    /// The colour as given: backgrounds with white text (the header, buttons).
    pub base: String,
    /// For text on the theme's lightly tinted boxes.
    pub on_light: String,
    /// For text on the theme's dark-mode surfaces.
    pub on_dark: String,
}

/// The checked brand colours.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Palette {
    /// `brand.color`.
    pub brand: Option<Shades>,
    /// `brand.accent`.
    pub accent: Option<Shades>,
}

impl Palette {
    /// Whether the site sets any brand colour.
    pub fn is_set(&self) -> bool {
        self.brand.is_some() || self.accent.is_some()
    }
}

/// Checks the brand colours (`span_of` locates a key of site.yaml) and derives their shades.
pub(super) fn palette(
    brand: &Brand,
    span_of: &dyn Fn(&[&str]) -> Span,
) -> Result<Palette, Diagnostics> {
    let mut diags = Diagnostics::new();
    let mut out = Palette::default();
    for (key, value, slot) in [
        ("color", &brand.color, &mut out.brand),
        ("accent", &brand.accent, &mut out.accent),
    ] {
        let Some(value) = value else { continue };
        let span = span_of(&["brand", key]);
        match shades(key, value) {
            Ok(s) => *slot = Some(s),
            Err((message, help)) => diags.push(
                Diagnostic::error(
                    if help.contains("darker") {
                        "a11y/contrast"
                    } else {
                        "config/brand"
                    },
                    span,
                    message,
                )
                .with_help(help),
            ),
        }
    }
    if diags.has_errors() {
        Err(diags)
    } else {
        Ok(out)
    }
}

/// The shades of one colour, or the message and help for a colour that cannot be used.
fn shades(key: &str, value: &str) -> Result<Shades, (String, String)> {
    let Some(rgb) = Rgb::parse(value) else {
        return Err((
            format!("`{value}` is not a colour"),
            "write colours as hex, e.g. `#0b6e4f`".into(),
        ));
    };
    let ratio = rgb.contrast(WHITE);
    if ratio < MIN_RATIO {
        let mut f = 1.0;
        let mut better = rgb;
        while better.contrast(WHITE) < MIN_RATIO && f > 0.0 {
            f -= 0.02;
            better = rgb.darken(f);
        }
        return Err((
            format!("brand {key} `{value}` has a contrast of {ratio:.2}:1 with white; text needs at least 4.5:1"),
            format!("a darker shade of the same colour that passes: `{}` ({:.2}:1)", better.hex(), better.contrast(WHITE)),
        ));
    }
    Ok(Shades {
        base: rgb.hex(),
        on_light: on_light(rgb).hex(),
        on_dark: on_dark(rgb).hex(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contrast_ratios() {
        assert!((Rgb(0, 0, 0).contrast(WHITE) - 21.0).abs() < 0.01);
        assert!((Rgb::parse("#777").expect("hex").contrast(WHITE) - 4.48).abs() < 0.01);
    }

    #[test]
    fn low_contrast_brand_is_an_error_with_a_fix() {
        let text = "brand:\n  color: \"#7fb3d5\"\n";
        let e =
            super::super::parse(text, std::path::Path::new("site.yaml")).expect_err("too light");
        let d = e.iter().next().expect("one");
        assert_eq!(d.span.line, Some(2));
        assert_eq!(d.rule, "a11y/contrast");
        assert!(d.message.contains(":1"));
        assert!(d.help.as_deref().unwrap_or("").contains('#'));
    }

    #[test]
    fn good_brand_gets_its_shades() {
        let brand = Brand {
            color: Some("#0b6e4f".into()),
            accent: None,
        };
        let p = palette(&brand, &|_| Span::file("site.yaml")).expect("passes");
        let s = p.brand.clone().expect("brand shades");
        assert_eq!(s.base, "#0b6e4f");
        assert!(s.on_light.starts_with('#') && s.on_dark.starts_with('#'));
        assert!(p.accent.is_none() && p.is_set());
    }

    #[test]
    fn derived_shades_pass_on_the_theme_surfaces() {
        // Colours right at the 4.5:1 line, very dark ones, and saturated ones.
        for hex in [
            "#767676", "#0b6e4f", "#000000", "#1d5b79", "#b3261e", "#6a1b9a", "#005ea5",
        ] {
            let c = Rgb::parse(hex).expect("hex");
            let light = on_light(c);
            let dark = on_dark(c);
            assert!(light.contrast(LIGHT_SURFACE) >= MIN_RATIO, "{hex} light");
            assert!(light.contrast(WHITE) >= MIN_RATIO, "{hex} light on white");
            assert!(dark.contrast(DARK_SURFACE) >= MIN_RATIO, "{hex} dark");
        }
        // A colour that already passes on the tinted surfaces is kept as it is.
        let navy = Rgb(0x1d, 0x2b, 0x4f);
        assert_eq!(on_light(navy), navy);
    }
}
