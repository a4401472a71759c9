//! QR codes for print: a printed handout carries a code that opens the page again.
//!
//! Generated at build time as inline SVG (no request, no script). One path element with a
//! run-length-merged rectangle per row keeps each code small in the page.

mod mask;

/// An SVG QR code of `url`, named `label` for assistive technology; `None` if the URL is
/// too long.
pub(crate) fn svg(url: &str, label: &str) -> Option<String> {
    let symbol = mask::symbol(url.as_bytes())?;
    let width = symbol.width();
    let quiet = 4;
    let size = width + 2 * quiet;
    let mut path: Vec<u8> = Vec::with_capacity(width * width);
    symbol.for_each_run(|x, y, len| {
        // "M{x} {y}h{run}v1h-{run}z", without the formatting machinery: a code has hundreds
        // of runs and a site tens of thousands of codes.
        path.push(b'M');
        push_number(&mut path, x + quiet);
        path.push(b' ');
        push_number(&mut path, y + quiet);
        path.push(b'h');
        push_number(&mut path, len);
        path.extend_from_slice(b"v1h-");
        push_number(&mut path, len);
        path.push(b'z');
    });
    let path = String::from_utf8(path).ok()?;
    let label = super::feeds::xml_escape(label);
    Some(format!(
        "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" role=\"img\" aria-label=\"{label}\" shape-rendering=\"crispEdges\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path fill=\"#000\" d=\"{path}\"/></svg>"
    ))
}

/// Appends `n` in decimal.
fn push_number(out: &mut Vec<u8>, n: usize) {
    // Every number in a path is under 100 unless the address is very long.
    const PAIRS: [[u8; 2]; 100] = {
        let mut t = [[0u8; 2]; 100];
        let mut i = 0;
        while i < 100 {
            t[i] = [b'0' + (i / 10) as u8, b'0' + (i % 10) as u8];
            i += 1;
        }
        t
    };
    match n {
        0..=9 => out.push(PAIRS[n][1]),
        10..=99 => out.extend_from_slice(&PAIRS[n]),
        _ => {
            push_number(out, n / 100);
            out.extend_from_slice(&PAIRS[n % 100]);
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn makes_an_svg() {
        let s = super::svg("https://clinic.example/articles/knee/", "QR code").expect("svg");
        assert!(s.starts_with("<svg"));
        assert!(s.contains("aria-label"));
        assert!(s.len() < 8000, "{}", s.len());
    }

    #[test]
    fn numbers() {
        for n in [0, 7, 10, 42, 99, 100, 105, 1234, 98765] {
            let mut out = Vec::new();
            super::push_number(&mut out, n);
            assert_eq!(String::from_utf8(out).ok(), Some(n.to_string()));
        }
    }
}
