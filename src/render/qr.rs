//! QR codes for print: a printed handout carries a code that opens the page again.
//!
//! Generated at build time as a small SVG file beside the page (`qr.svg`), which the page
//! shows only on paper: no script, no other host, and no bytes in the HTML a phone downloads.
//! The code is one stroked path, one relative line per run of dark modules, which keeps the
//! file at about 2 KB.

mod mask;

/// The file name of a page's QR code, in the page's own folder.
pub(crate) const FILE: &str = "qr.svg";

/// The longest address a code can hold (byte mode, version 40, error correction level M).
pub(crate) const MAX_URL: usize = 2331;

/// An SVG document with the QR code of `url`; `None` if the URL is too long for a code.
pub(crate) fn svg(url: &str) -> Option<String> {
    let symbol = mask::symbol(url.as_bytes())?;
    let width = symbol.width();
    let quiet = 4;
    let size = width + 2 * quiet;
    let mut path: Vec<u8> = Vec::with_capacity(width * width / 2);
    let (mut row, mut end) = (usize::MAX, 0);
    symbol.for_each_run(|x, y, len| {
        // A line of width 1 through the middle of the row: "M{x} {y}.5h{run}" for the first
        // run of a row, then "m{gap} 0h{run}" from the end of the last one. Written without
        // the formatting machinery: a code has hundreds of runs and a site thousands of codes.
        if y != row {
            path.push(b'M');
            push_number(&mut path, x + quiet);
            path.push(b' ');
            push_number(&mut path, y + quiet);
            path.extend_from_slice(b".5h");
            row = y;
        } else {
            path.push(b'm');
            push_number(&mut path, x + quiet - end);
            path.extend_from_slice(b" 0h");
        }
        push_number(&mut path, len);
        end = x + quiet + len;
    });
    let path = String::from_utf8(path).ok()?;
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/><path stroke=\"#000\" d=\"{path}\"/></svg>\n"
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
        let s = super::svg("https://clinic.example/articles/knee/").expect("svg");
        assert!(s.starts_with("<svg"));
        assert!(s.len() < 3000, "{}", s.len());
    }

    /// The dark modules a path draws, as `(x, y, length)` runs, read back from its text.
    fn drawn(svg: &str) -> Vec<(usize, usize, usize)> {
        let d = svg.split(" d=\"").nth(1).and_then(|s| s.split('"').next());
        let mut out = Vec::new();
        let (mut x, mut y) = (0usize, 0usize);
        for part in d.expect("a path").split_inclusive(['M', 'm']) {
            let cmd = part.trim_end_matches(['M', 'm']);
            let Some((at, len)) = cmd.split_once('h') else {
                continue;
            };
            let (a, b) = at.split_once(' ').expect("two numbers");
            let len: usize = len.parse().expect("length");
            if b.ends_with(".5") {
                x = a.parse().expect("x");
                y = b.trim_end_matches(".5").parse().expect("y");
            } else {
                x += a.parse::<usize>().expect("gap");
            }
            out.push((x, y, len));
            x += len;
        }
        out
    }

    #[test]
    fn the_path_draws_every_module_of_the_code() {
        for url in [
            "https://clinic.example/articles/knee/",
            "https://x.example/a/benefits/",
        ] {
            let symbol = super::mask::symbol(url.as_bytes()).expect("symbol");
            let mut want = Vec::new();
            symbol.for_each_run(|x, y, len| want.push((x + 4, y + 4, len)));
            let svg = super::svg(url).expect("svg");
            assert_eq!(drawn(&svg), want, "{url}");
        }
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
