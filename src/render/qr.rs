//! QR codes for print: a printed handout carries a code that opens the page again.
//!
//! Generated at build time as inline SVG (no request, no script). One path element with a
//! run-length-merged rectangle per row keeps each code small in the page.

use qrcode::{Color, EcLevel, QrCode};
use std::fmt::Write;

/// An SVG QR code of `url`, with a title for assistive technology; `None` if the URL is too long.
pub(crate) fn svg(url: &str) -> Option<String> {
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    let quiet = 4;
    let size = width + 2 * quiet;
    let colors = code.to_colors();
    let mut path = String::with_capacity(width * width);
    for y in 0..width {
        let mut x = 0;
        while x < width {
            if colors[y * width + x] == Color::Dark {
                let start = x;
                while x < width && colors[y * width + x] == Color::Dark {
                    x += 1;
                }
                let _ = write!(
                    path,
                    "M{} {}h{}v1h-{}z",
                    start + quiet,
                    y + quiet,
                    x - start,
                    x - start
                );
            } else {
                x += 1;
            }
        }
    }
    Some(format!(
        "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" role=\"img\" aria-label=\"QR code for this page's address\" shape-rendering=\"crispEdges\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>"
    ))
}

#[cfg(test)]
mod tests {
    #[test]
    fn makes_an_svg() {
        let s = super::svg("https://clinic.example/articles/knee/").expect("svg");
        assert!(s.starts_with("<svg"));
        assert!(s.contains("aria-label"));
        assert!(s.len() < 8000, "{}", s.len());
    }
}
