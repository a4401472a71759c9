//! `handout serve`: the live preview, driven over real HTTP on a free loopback port.
//!
//! Each test starts the binary on `--port 0` in a temporary copy of `fixtures/serve/basic`,
//! reads the address from the first line it prints, and talks to it with a tiny HTTP/1.1
//! client over `TcpStream`. Waits are bounded; nothing sleeps longer than a poll interval.

use crate::harness::SiteTest;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long anything may take before a test fails.
pub(crate) const WAIT: Duration = Duration::from_secs(20);

/// A running `handout serve`, stopped when dropped.
pub(crate) struct Serve {
    child: Child,
    pub(crate) addr: SocketAddr,
    /// The first line of stdout.
    banner: String,
}

impl Serve {
    #[track_caller]
    pub(crate) fn start(site: &SiteTest, extra: &[&str]) -> Serve {
        let port: &[&str] = if extra.contains(&"--port") {
            &[]
        } else {
            &["--port", "0"]
        };
        let mut child = Command::new(env!("CARGO_BIN_EXE_handout"))
            .arg("serve")
            .args(port)
            .args(extra)
            .current_dir(site.root())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start handout serve");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let banner = match rx.recv_timeout(WAIT) {
            Ok(l) => l.trim().to_string(),
            Err(_) => {
                let _ = child.kill();
                panic!("serve printed no address within {WAIT:?}");
            }
        };
        let addr = banner
            .strip_prefix("Serving http://")
            .and_then(|r| r.split('/').next())
            .and_then(|a| a.parse().ok())
            .unwrap_or_else(|| panic!("first line is not the address: {banner:?}"));
        Serve {
            child,
            addr,
            banner,
        }
    }

    /// Sends raw bytes and returns the whole answer (the server closes after it).
    #[track_caller]
    pub(crate) fn raw(&self, request: &[u8]) -> Reply {
        let mut s = TcpStream::connect(self.addr).expect("connect");
        s.set_read_timeout(Some(WAIT)).expect("timeout");
        s.write_all(request).expect("send");
        let mut out = Vec::new();
        let _ = s.read_to_end(&mut out);
        Reply::parse(&out)
    }

    #[track_caller]
    pub(crate) fn request(&self, method: &str, path: &str) -> Reply {
        let req = format!("{method} {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        self.raw(req.as_bytes())
    }

    #[track_caller]
    pub(crate) fn get(&self, path: &str) -> Reply {
        self.request("GET", path)
    }

    /// Polls `path` until its body satisfies `ok`.
    #[track_caller]
    pub(crate) fn wait_for_page(&self, path: &str, what: &str, ok: impl Fn(&str) -> bool) -> Reply {
        let start = Instant::now();
        loop {
            let r = self.get(path);
            if ok(&r.body) {
                return r;
            }
            assert!(
                start.elapsed() < WAIT,
                "{path} never showed {what}:\n{}",
                r.body
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Opens the event stream and waits for its `hello`.
    #[track_caller]
    pub(crate) fn events(&self) -> Events {
        let mut s = TcpStream::connect(self.addr).expect("connect");
        s.set_read_timeout(Some(Duration::from_millis(200)))
            .expect("timeout");
        s.write_all(b"GET /__handout/events HTTP/1.1\r\nHost: x\r\n\r\n")
            .expect("send");
        let mut e = Events {
            reader: BufReader::new(s),
        };
        e.next("hello");
        e
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP answer.
pub(crate) struct Reply {
    pub(crate) status: u16,
    head: String,
    pub(crate) body: String,
}

impl Reply {
    fn parse(bytes: &[u8]) -> Reply {
        let text = String::from_utf8_lossy(bytes).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        Reply {
            status,
            head: head.to_string(),
            body: body.to_string(),
        }
    }

    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|l| {
            let (n, v) = l.split_once(':')?;
            n.eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }
}

/// A server-sent event stream.
pub(crate) struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    /// Waits for the next event called `name` and returns its data, skipping others.
    #[track_caller]
    pub(crate) fn next(&mut self, name: &str) -> String {
        let start = Instant::now();
        let mut event = String::new();
        loop {
            assert!(start.elapsed() < WAIT, "no `{name}` event within {WAIT:?}");
            let mut line = String::new();
            match self.reader.read_line(&mut line) {
                Ok(0) => panic!("the event stream closed"),
                Ok(_) => {}
                Err(_) => continue, // read timeout: poll again until WAIT
            }
            let line = line.trim_end();
            if let Some(e) = line.strip_prefix("event: ") {
                event = e.to_string();
            } else if let Some(data) = line.strip_prefix("data: ") {
                if event == name {
                    return data.to_string();
                }
            }
        }
    }
}

/// An event's data, which is JSON.
#[track_caller]
fn json(data: &str) -> serde_json::Value {
    serde_json::from_str(data).unwrap_or_else(|e| panic!("event data is not JSON ({e}): {data}"))
}

fn main_of(html: &str) -> &str {
    let start = html.find("<main").unwrap_or(0);
    let end = html.find("</main>").map_or(html.len(), |e| e + 7);
    &html[start..end]
}

#[test]
fn serves_pages_with_the_live_script_and_the_sites_404() {
    let site = SiteTest::fixture("serve/basic");
    let s = Serve::start(&site, &[]);
    assert!(
        s.banner.ends_with("/ (press Ctrl-C to stop)") && s.addr.ip().is_loopback(),
        "{}",
        s.banner
    );

    let home = s.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert!(home.body.contains("<script src=\"/__handout/live.js\""));
    assert!(main_of(&home.body).contains("Hamstring stretch"));

    let page = s.get("/articles/calf-stretch/");
    assert!(main_of(&page.body).contains("Stand facing a wall"));
    let moved = s.get("/articles/calf-stretch");
    assert_eq!(moved.status, 302);
    assert_eq!(moved.header("location"), Some("/articles/calf-stretch/"));

    let missing = s.get("/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("<html") && missing.body.contains("/__handout/live.js"));

    let css = s.get("/css/extra.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    assert!(css.body.contains("#123456") && !css.body.contains("__handout"));
    let js = s.get("/__handout/live.js");
    assert_eq!(
        js.header("content-type"),
        Some("text/javascript; charset=utf-8")
    );
    let xml = s.get("/sitemap.xml");
    assert!(xml
        .header("content-type")
        .is_some_and(|t| t.starts_with("application/xml")));

    let head = s.request("HEAD", "/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(head.header("content-length"), home.header("content-length"));

    for method in ["POST", "PUT", "DELETE", "OPTIONS"] {
        let r = s.request(method, "/");
        assert_eq!(r.status, 405, "{method}");
        assert_eq!(r.header("allow"), Some("GET, HEAD"));
    }
}

#[test]
fn an_edit_reloads_the_page_with_the_new_content() {
    let site = SiteTest::fixture("serve/basic");
    let s = Serve::start(&site, &[]);
    let mut events = s.events();

    let path = "content/articles/hamstring-stretch.md";
    let text = std::fs::read_to_string(site.root().join(path)).expect("read");
    site.write(
        path,
        text.replace("thirty seconds", "a slow count of forty"),
    );
    events.next("reload");
    let page = s.get("/articles/hamstring-stretch/");
    assert!(
        main_of(&page.body).contains("a slow count of forty"),
        "{}",
        page.body
    );

    // A new title moves the article in every list that shows it.
    site.write(
        path,
        text.replace(
            "title: Hamstring stretch",
            "title: Seated hamstring stretch",
        ),
    );
    events.next("reload");
    assert!(main_of(&s.get("/").body).contains("Seated hamstring stretch"));
    assert!(main_of(&s.get("/articles/").body).contains("Seated hamstring stretch"));
    assert!(main_of(&s.get("/tags/legs/").body).contains("Seated hamstring stretch"));
    assert!(s.get("/atom.xml").body.contains("Seated hamstring stretch"));

    // A new article is picked up too.
    site.write(
        "content/articles/quad-stretch.md",
        "---\ntitle: Quad stretch\n---\n\nHold your ankle behind you.\n",
    );
    events.next("reload");
    assert!(main_of(&s.get("/articles/quad-stretch/").body).contains("Hold your ankle"));
    assert!(s
        .get("/sitemap.xml")
        .body
        .contains("/articles/quad-stretch/"));
}

#[test]
fn an_atomic_save_with_swap_files_is_one_clean_rebuild() {
    let site = SiteTest::fixture("serve/basic");
    let s = Serve::start(&site, &[]);
    let mut events = s.events();
    let dir = site.root().join("content/articles");
    let path = dir.join("calf-stretch.md");
    let text = std::fs::read_to_string(&path).expect("read");
    // Roughly what vim does: a swap file, the original moved to a backup, the new text written
    // under a temporary name and renamed into place.
    std::fs::write(dir.join(".calf-stretch.md.swp"), "swap").expect("swap");
    std::fs::rename(&path, dir.join("calf-stretch.md~")).expect("backup");
    std::fs::write(dir.join("4913"), "").expect("probe");
    std::fs::write(
        dir.join(".calf-stretch.md.tmp"),
        text.replace("a wall", "the kitchen wall"),
    )
    .expect("temp");
    std::fs::rename(dir.join(".calf-stretch.md.tmp"), &path).expect("rename");
    for junk in [".calf-stretch.md.swp", "calf-stretch.md~", "4913"] {
        std::fs::remove_file(dir.join(junk)).expect("clean up");
    }
    events.next("reload");
    let page = s.wait_for_page("/articles/calf-stretch/", "the saved text", |b| {
        b.contains("the kitchen wall")
    });
    assert!(!page.body.contains("handout-overlay"), "{}", page.body);
    assert_eq!(s.get("/articles/4913/").status, 404);
}

#[test]
fn a_broken_file_shows_the_overlay_until_it_is_fixed() {
    let site = SiteTest::fixture("serve/basic");
    let s = Serve::start(&site, &[]);
    let mut events = s.events();

    let path = "content/articles/calf-stretch.md";
    let good = std::fs::read_to_string(site.root().join(path)).expect("read");
    site.write(
        path,
        good.replace("title: Calf stretch", "title: [Calf stretch"),
    );
    let payload = json(&events.next("build-error"));
    let error = &payload["errors"][0];
    assert_eq!(
        error["path"], "content/articles/calf-stretch.md",
        "{payload:#}"
    );
    assert!(error["line"].as_u64().is_some_and(|l| l > 0), "{payload:#}");
    assert!(
        error["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{payload:#}"
    );

    // The last good page is still served, with the error over it, on every reload.
    let page = s.get("/articles/calf-stretch/");
    assert_eq!(page.status, 200);
    assert!(main_of(&page.body).contains("Stand facing a wall"));
    assert!(page.body.contains("id=\"handout-overlay\""));
    assert!(page.body.contains("content/articles/calf-stretch.md:"));

    // A broken site.yaml is reported the same way.
    let config = std::fs::read_to_string(site.root().join("site.yaml")).expect("read");
    site.write(
        "site.yaml",
        format!("{config}\nreview_interval_months: [oops\n"),
    );
    let payload = json(&events.next("build-error"));
    let paths: Vec<&str> = payload["errors"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["path"].as_str())
        .collect();
    assert!(paths.contains(&"site.yaml"), "{payload:#}");
    site.write("site.yaml", &config);
    events.next("build-error"); // the article is still broken

    site.write(path, &good);
    events.next("reload");
    let page = s.get("/articles/calf-stretch/");
    assert!(!page.body.contains("handout-overlay"), "{}", page.body);
}

#[test]
fn a_stylesheet_change_is_swapped_without_a_reload() {
    let site = SiteTest::fixture("serve/basic");
    let s = Serve::start(&site, &[]);
    let mut events = s.events();
    site.write("static/css/extra.css", ".extra { color: #654321; }\n");
    let payload = json(&events.next("css"));
    assert_eq!(
        payload["paths"],
        serde_json::json!(["/css/extra.css"]),
        "{payload:#}"
    );
    assert!(s.get("/css/extra.css").body.contains("#654321"));
}

#[test]
fn a_template_change_renders_every_page_again() {
    let site = SiteTest::fixture("serve/basic");
    let s = Serve::start(&site, &[]);
    let mut events = s.events();
    let page = |text: &str| {
        format!("<!DOCTYPE html><html><head><title>x</title></head><body><main>{text}</main></body></html>")
    };
    site.write("templates/404.html", page("Nothing lives here"));
    events.next("reload");
    let r = s.wait_for_page("/nope", "the new 404 template", |b| {
        b.contains("Nothing lives here")
    });
    assert_eq!(r.status, 404);
    site.write("templates/404.html", page("Still nothing here"));
    events.next("reload");
    // A save can arrive as two file events and so two reloads; wait for the page itself
    // rather than trusting the first reload to be this save's.
    let r = s.wait_for_page("/nope", "the edited 404 template", |b| {
        b.contains("Still nothing here")
    });
    assert_eq!(r.status, 404);
}

#[test]
fn requests_cannot_leave_the_site_and_bad_ones_get_400() {
    let site = SiteTest::fixture("serve/basic");
    let s = Serve::start(&site, &[]);
    for path in [
        "/../site.yaml",
        "/articles/../../site.yaml",
        "/%2e%2e/site.yaml",
        "/%2E%2E%2Fsite.yaml",
        "/css/..%5c..%5csite.yaml",
        "/css\\..\\..\\site.yaml",
        "/./site.yaml",
    ] {
        let r = s.get(path);
        assert!(matches!(r.status, 400 | 404), "{path}: {}", r.status);
        assert!(!r.body.contains("Serve test site\n"), "{path} leaked");
    }
    for path in [
        "//etc/passwd",
        "/site.yaml",
        "/content/articles/calf-stretch.md",
    ] {
        assert_eq!(s.get(path).status, 404, "{path}");
    }
    for raw in [
        &b"GARBAGE\r\n\r\n"[..],
        b"GET /\r\n\r\n",
        b"GET / HTTP/9.9\r\n\r\n",
        b"GET /%zz HTTP/1.1\r\n\r\n",
        b"GET / HTTP/1.1\r\nBad Header\r\n\r\n",
        b"\xff\xfe\xfd / HTTP/1.1\r\n\r\n",
        b"GET * HTTP/1.1\r\n\r\n",
    ] {
        let r = s.raw(raw);
        assert_eq!(r.status, 400, "{}", String::from_utf8_lossy(raw));
    }
    let long = format!("GET /{} HTTP/1.1\r\n\r\n", "a".repeat(20_000));
    assert_eq!(s.raw(long.as_bytes()).status, 431);
    // Half a request, then hang up: the server shrugs it off.
    drop(TcpStream::connect(s.addr).and_then(|mut c| c.write_all(b"GET / HT")));
    assert_eq!(s.get("/").status, 200, "still answering");
}

#[cfg(unix)]
#[test]
fn a_static_link_to_a_file_outside_the_site_is_not_served() {
    let site = SiteTest::fixture("serve/basic");
    let outside = tempfile::tempdir().expect("tmp");
    std::fs::write(outside.path().join("secret.txt"), "top secret").expect("write");
    std::os::unix::fs::symlink(
        outside.path().join("secret.txt"),
        site.root().join("static/secret.txt"),
    )
    .expect("symlink");
    let s = Serve::start(&site, &[]);
    let r = s.get("/secret.txt");
    assert_eq!(r.status, 404);
    assert!(!r.body.contains("top secret"));
}

#[test]
fn a_site_under_a_path_is_served_under_it() {
    let site = SiteTest::fixture("serve/basic");
    let config = std::fs::read_to_string(site.root().join("site.yaml")).expect("read");
    site.write(
        "site.yaml",
        config.replace("https://serve.example/", "https://serve.example/guides/"),
    );
    let s = Serve::start(&site, &[]);
    assert!(s.banner.contains("/guides/ (press"), "{}", s.banner);
    assert_eq!(s.get("/guides/").status, 200);
    assert!(main_of(&s.get("/guides/articles/calf-stretch/").body).contains("Stand facing"));
    let r = s.get("/");
    assert_eq!((r.status, r.header("location")), (302, Some("/guides/")));
    assert_eq!(s.get("/guides").status, 302);
    assert_eq!(s.get("/articles/calf-stretch/").status, 404);
}

#[test]
fn a_busy_port_moves_to_the_next_one() {
    let site = SiteTest::fixture("serve/basic");
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("addr").port();
    let s = Serve::start(&site, &["--port", &port.to_string()]);
    assert_ne!(s.addr.port(), port);
    assert_eq!(s.get("/").status, 200);
}

#[test]
fn the_live_script_never_reaches_build_output() {
    let site = SiteTest::fixture("serve/basic");
    {
        let s = Serve::start(&site, &[]);
        assert!(s.get("/").body.contains("/__handout/live.js"));
    }
    site.build_ok();
    for entry in walkdir::WalkDir::new(site.public()) {
        let entry = entry.expect("walk");
        if entry.file_type().is_file() {
            let bytes = std::fs::read(entry.path()).expect("read");
            let text = String::from_utf8_lossy(&bytes);
            assert!(!text.contains("__handout"), "{}", entry.path().display());
        }
    }
}

#[test]
fn start_up_problems_are_usage_errors() {
    let site = SiteTest::fixture("serve/basic");
    let run = site.run(&["serve", "--root", "no-such-site", "--port", "0"]);
    run.assert_no_panic().assert_code(2);
    run.assert_stderr_has("no-such-site: error: this site folder does not exist");
    run.assert_stderr_has("help: ");
    let run = site.run(&["serve", "--client-timeout", "0", "--port", "0"]);
    run.assert_no_panic().assert_code(2);
    run.assert_stderr_has("--client-timeout must be a positive number of seconds");
}
