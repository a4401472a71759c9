//! Benchmark of `handout serve`: start-up time against `handout build`, the time from saving
//! an article to the rebuilt page being served, and the server under a loopback load.
//!
//! ```text
//! cargo run --release --example serve_latency -- --root SITE [--handout PATH] [--saves 20]
//!     [--requests 10000] [--concurrency 100]
//! ```
//!
//! SITE is a handout site, e.g. one made by `examples/gen_corpus.rs`; it is copied to a
//! temporary folder first, so the benchmark never edits it. Each save appends a sentence with
//! a unique marker to one article (a different article each time) and polls that article's
//! page over a kept-alive connection, every millisecond, until the marker is served. Only
//! loopback addresses are used. Standard library only, like `gen_corpus`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitCode, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

struct Options {
    root: PathBuf,
    handout: PathBuf,
    saves: usize,
    requests: usize,
    concurrency: usize,
}

fn main() -> ExitCode {
    let opts = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("serve_latency: {e}\nusage: serve_latency --root SITE [--handout PATH] [--saves N] [--requests N] [--concurrency N]");
            return ExitCode::from(2);
        }
    };
    match run(&opts) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("serve_latency: {e}");
            ExitCode::FAILURE
        }
    }
}

fn parse_args() -> Result<Options, String> {
    let mut o = Options {
        root: PathBuf::new(),
        handout: PathBuf::from("target/release/handout"),
        saves: 20,
        requests: 10_000,
        concurrency: 100,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--root" => o.root = PathBuf::from(value()?),
            "--handout" => o.handout = PathBuf::from(value()?),
            "--saves" => o.saves = value()?.parse().map_err(|_| "bad --saves")?,
            "--requests" => o.requests = value()?.parse().map_err(|_| "bad --requests")?,
            "--concurrency" => o.concurrency = value()?.parse().map_err(|_| "bad --concurrency")?,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if o.root.as_os_str().is_empty() {
        return Err("--root is required".into());
    }
    Ok(o)
}

fn run(o: &Options) -> Result<(), String> {
    let work = std::env::temp_dir().join(format!("handout-serve-bench-{}", std::process::id()));
    let site = work.join("site");
    copy_dir(&o.root, &site).map_err(|e| format!("copy {}: {e}", o.root.display()))?;
    let result = measure(o, &site, &work);
    let _ = std::fs::remove_dir_all(&work);
    result
}

fn measure(o: &Options, site: &Path, work: &Path) -> Result<(), String> {
    let articles = article_files(site)?;
    println!("site: {} ({} articles)", o.root.display(), articles.len());

    let start = Instant::now();
    let status = Command::new(&o.handout)
        .args(["build", "--root"])
        .arg(site)
        .arg("--out")
        .arg(work.join("public"))
        .stderr(Stdio::null())
        .status()
        .map_err(|e| format!("run {}: {e}", o.handout.display()))?;
    let build = start.elapsed();
    println!(
        "handout build: {:.0} ms ({status})",
        build.as_secs_f64() * 1000.0
    );

    let start = Instant::now();
    let mut server = Server::start(&o.handout, site)?;
    let startup = start.elapsed();
    println!(
        "handout serve, start to first line (built and listening): {:.0} ms",
        startup.as_secs_f64() * 1000.0
    );
    let result = saves(o, &server, site, &articles).and_then(|()| load(o, &server, &articles));
    server.stop();
    result
}

/// Appends a marker sentence to an article and times until its page shows it.
fn saves(o: &Options, server: &Server, site: &Path, articles: &[PathBuf]) -> Result<(), String> {
    let mut client = Client::connect(server.addr)?;
    let mut times = Vec::new();
    for i in 0..o.saves {
        let file = &articles[(i * 37) % articles.len()];
        let url = page_url(site, file);
        let before = client.get(&url)?;
        if before.0 != 200 {
            return Err(format!("{url} answered {} before the save", before.0));
        }
        let marker = format!("benchmark-marker-{i}-{}", std::process::id());
        let mut text = std::fs::read_to_string(file).map_err(|e| e.to_string())?;
        text.push_str(&format!(
            "\n\nThis sentence was added by the benchmark: {marker}.\n"
        ));
        let t0 = Instant::now();
        std::fs::write(file, &text).map_err(|e| e.to_string())?;
        loop {
            let (_, body) = client.get(&url)?;
            if body.contains(&marker) {
                break;
            }
            if t0.elapsed() > Duration::from_secs(30) {
                return Err(format!("{url} never showed the saved change"));
            }
            std::thread::sleep(Duration::from_millis(1));
        }
        times.push(t0.elapsed());
        // Let the preview settle so each save is its own rebuild.
        std::thread::sleep(Duration::from_millis(300));
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "save to served page, {} saves: median {:.1} ms, p90 {:.1} ms, min {:.1} ms, max {:.1} ms",
        times.len(),
        ms(percentile(&times, 50)),
        ms(percentile(&times, 90)),
        ms(times[0]),
        ms(times[times.len() - 1]),
    );
    Ok(())
}

/// `requests` GETs over `concurrency` kept-alive connections, spread over a few pages.
fn load(o: &Options, server: &Server, articles: &[PathBuf]) -> Result<(), String> {
    if o.requests == 0 {
        return Ok(());
    }
    let site = server.root.clone();
    let mut paths = vec!["/".to_string(), "/articles/".into(), "/sitemap.xml".into()];
    paths.extend(articles.iter().take(20).map(|f| page_url(&site, f)));
    let per = o.requests / o.concurrency.max(1);
    let (tx, rx) = mpsc::channel();
    let start = Instant::now();
    for c in 0..o.concurrency {
        let (tx, paths, addr) = (tx.clone(), paths.clone(), server.addr);
        std::thread::spawn(move || {
            let mut lat = Vec::with_capacity(per);
            let mut errors = 0usize;
            let mut client = Client::connect(addr).ok();
            for i in 0..per {
                let path = &paths[(c + i) % paths.len()];
                let t = Instant::now();
                let ok = match client.as_mut().map(|cl| cl.get(path)) {
                    Some(Ok((200, _))) => true,
                    _ => {
                        client = Client::connect(addr).ok();
                        false
                    }
                };
                lat.push(t.elapsed());
                if !ok {
                    errors += 1;
                }
            }
            let _ = tx.send((lat, errors));
        });
    }
    drop(tx);
    let mut all = Vec::new();
    let mut errors = 0;
    for (lat, e) in rx {
        all.extend(lat);
        errors += e;
    }
    let wall = start.elapsed();
    all.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "load: {} requests, {} connections: {:.0} requests/s, {errors} errors, p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        all.len(),
        o.concurrency,
        all.len() as f64 / wall.as_secs_f64(),
        ms(percentile(&all, 50)),
        ms(percentile(&all, 99)),
        ms(all.last().copied().unwrap_or_default()),
    );
    Ok(())
}

fn percentile(sorted: &[Duration], p: usize) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = (sorted.len() * p).div_ceil(100).saturating_sub(1);
    sorted[i.min(sorted.len() - 1)]
}

/// The served URL of an article file: `content/articles/x.md` or `.../x/index.md`.
fn page_url(site: &Path, file: &Path) -> String {
    let rel = file
        .strip_prefix(site.join("content/articles"))
        .unwrap_or(file);
    let slug = if rel.ends_with("index.md") {
        rel.parent()
            .map(|p| p.display().to_string())
            .unwrap_or_default()
    } else {
        rel.with_extension("").display().to_string()
    };
    format!("/articles/{slug}/")
}

fn article_files(site: &Path) -> Result<Vec<PathBuf>, String> {
    let dir = site.join("content/articles");
    let mut out = Vec::new();
    for e in std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))? {
        let p = e.map_err(|e| e.to_string())?.path();
        if p.extension().is_some_and(|x| x == "md") {
            out.push(p);
        } else if p.join("index.md").is_file() {
            out.push(p.join("index.md"));
        }
    }
    out.sort();
    if out.is_empty() {
        return Err(format!("no articles in {}", dir.display()));
    }
    Ok(out)
}

struct Server {
    child: Child,
    addr: SocketAddr,
    root: PathBuf,
}

impl Server {
    fn start(handout: &Path, site: &Path) -> Result<Server, String> {
        let mut child = Command::new(handout)
            .args(["serve", "--port", "0", "--root"])
            .arg(site)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("start serve: {e}"))?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .map_err(|e| e.to_string())?;
        let addr = line
            .strip_prefix("Serving http://")
            .and_then(|r| r.split('/').next())
            .and_then(|a| a.parse().ok())
            .ok_or_else(|| format!("unexpected first line from serve: {line:?}"))?;
        Ok(Server {
            child,
            addr,
            root: site.to_path_buf(),
        })
    }

    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A kept-alive HTTP/1.1 connection that reads Content-Length bodies.
struct Client {
    reader: BufReader<TcpStream>,
}

impl Client {
    fn connect(addr: SocketAddr) -> Result<Client, String> {
        let s = TcpStream::connect(addr).map_err(|e| e.to_string())?;
        s.set_nodelay(true).map_err(|e| e.to_string())?;
        s.set_read_timeout(Some(Duration::from_secs(30)))
            .map_err(|e| e.to_string())?;
        Ok(Client {
            reader: BufReader::new(s),
        })
    }

    fn get(&mut self, path: &str) -> Result<(u16, String), String> {
        let req = format!("GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n");
        self.reader
            .get_mut()
            .write_all(req.as_bytes())
            .map_err(|e| e.to_string())?;
        let mut status = 0;
        let mut length = 0usize;
        let mut line = String::new();
        loop {
            line.clear();
            if self
                .reader
                .read_line(&mut line)
                .map_err(|e| e.to_string())?
                == 0
            {
                return Err("connection closed".into());
            }
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            if let Some(rest) = l.strip_prefix("HTTP/1.1 ") {
                status = rest.get(..3).and_then(|s| s.parse().ok()).unwrap_or(0);
            } else if let Some((n, v)) = l.split_once(':') {
                if n.eq_ignore_ascii_case("content-length") {
                    length = v.trim().parse().unwrap_or(0);
                }
            }
        }
        let mut body = vec![0; length];
        self.reader
            .read_exact(&mut body)
            .map_err(|e| e.to_string())?;
        Ok((status, String::from_utf8_lossy(&body).into_owned()))
    }
}

fn copy_dir(src: &Path, dst: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dst)?;
    for e in std::fs::read_dir(src)? {
        let e = e?;
        let to = dst.join(e.file_name());
        if e.file_type()?.is_dir() {
            if e.file_name() != "public" {
                copy_dir(&e.path(), &to)?;
            }
        } else {
            std::fs::copy(e.path(), &to)?;
        }
    }
    Ok(())
}
