//! `--external`: checks the site's external links over HTTP.
//!
//! Each distinct address is fetched once (without its `#fragment`) with a GET, following
//! redirects, by a small pool of threads. At most [`ExternalOptions::per_host`] requests go
//! to one host at a time, so checking a site with hundreds of links to one health service
//! does not hammer it, and every request has a time limit. A 404 or 410 is an error (the page
//! is gone); timeouts, server errors and unreachable hosts are warnings, since they are often
//! passing trouble on the other side. 401, 403 and 429 answers mean "not for robots" rather
//! than "gone", so they pass.

use crate::diagnostic::{Diagnostic, Span};
use crate::site::Site;
use std::collections::{HashMap, VecDeque};
use std::sync::{Condvar, Mutex};
use std::time::Duration;

/// How external links are fetched.
#[derive(Debug, Clone)]
pub struct ExternalOptions {
    /// Time limit for one address, redirects included.
    pub timeout: Duration,
    /// Requests in flight at once.
    pub concurrency: usize,
    /// Requests in flight to one host at once.
    pub per_host: usize,
}

impl Default for ExternalOptions {
    fn default() -> Self {
        ExternalOptions {
            timeout: Duration::from_secs(10),
            concurrency: 8,
            per_host: 2,
        }
    }
}

/// What fetching one address gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A success or redirect to a success (or an answer that only refuses robots).
    Ok,
    /// An HTTP error status.
    Status(u16),
    /// No answer in time.
    Timeout,
    /// No connection (DNS, refused, TLS…), with the reason.
    Unreachable(String),
}

/// Every external http(s) address of the site with the places it is written.
pub fn collect(site: &Site) -> Vec<(String, Vec<Span>)> {
    let mut order: Vec<String> = Vec::new();
    let mut places: HashMap<String, Vec<Span>> = HashMap::new();
    let mut add = |url: &str, span: Span| {
        let url = url.trim();
        let lower = url.to_ascii_lowercase();
        if !(lower.starts_with("http://") || lower.starts_with("https://"))
            || super::links::malformed_url(url).is_some()
        {
            return;
        }
        let key = url.split('#').next().unwrap_or(url).to_string();
        places
            .entry(key.clone())
            .or_insert_with(|| {
                order.push(key);
                Vec::new()
            })
            .push(span);
    };
    for (_, doc, r) in super::documents(site) {
        for l in &r.links {
            add(&l.dest, Span::at(&doc.path, l.line, l.column));
        }
        for i in &r.images {
            add(&i.src, Span::at(&doc.path, i.line, i.column));
        }
        for reference in &doc.front.references {
            if let Some(u) = &reference.url {
                add(
                    u,
                    Span::at(&doc.path, super::links::reference_line(doc, u), 1),
                );
            }
        }
    }
    for f in &site.config.footer_links {
        add(&f.url, Span::file(crate::config::CONFIG_FILE));
    }
    if let Some(u) = &site.config.clinic.url {
        add(u, Span::file(crate::config::CONFIG_FILE));
    }
    order
        .into_iter()
        .map(|u| {
            let p = places.remove(&u).unwrap_or_default();
            (u, p)
        })
        .collect()
}

/// Fetches every external address of the site and reports the broken ones where they are
/// written.
pub fn check(site: &Site, opts: &ExternalOptions) -> Vec<Diagnostic> {
    let found = collect(site);
    let urls: Vec<String> = found.iter().map(|(u, _)| u.clone()).collect();
    let outcomes = fetch_all(&urls, opts);
    let mut out = Vec::new();
    for ((url, spans), outcome) in found.iter().zip(outcomes) {
        for span in spans {
            if let Some(d) = diagnostic(url, &outcome, span.clone(), opts) {
                out.push(d);
            }
        }
    }
    out
}

fn diagnostic(
    url: &str,
    outcome: &Outcome,
    span: Span,
    opts: &ExternalOptions,
) -> Option<Diagnostic> {
    let help = "open the address in a browser; if the page moved, link to its new address, or cite another source";
    Some(
        match outcome {
            Outcome::Ok => return None,
            Outcome::Status(code @ (404 | 410)) => Diagnostic::error(
                "links/external",
                span,
                format!("external link `{url}` is gone (HTTP {code})"),
            ),
            Outcome::Status(code) => Diagnostic::warning(
                "links/external",
                span,
                format!("external link `{url}` answered with HTTP {code}"),
            ),
            Outcome::Timeout => Diagnostic::warning(
                "links/external",
                span,
                format!(
                    "external link `{url}` did not answer within {} s",
                    opts.timeout.as_secs_f64()
                ),
            ),
            Outcome::Unreachable(why) => Diagnostic::warning(
                "links/external",
                span,
                format!("external link `{url}` could not be reached: {why}"),
            ),
        }
        .with_help(help),
    )
}

/// The host of an http(s) address, lower-cased.
fn host(url: &str) -> String {
    let rest = url.split_once("://").map(|(_, r)| r).unwrap_or(url);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    authority
        .rsplit('@')
        .next()
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Work shared by the fetching threads.
struct Queue {
    pending: VecDeque<usize>,
    in_flight: HashMap<String, usize>,
}

/// Fetches each address; the result is in the order of `urls`.
pub fn fetch_all(urls: &[String], opts: &ExternalOptions) -> Vec<Outcome> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(opts.timeout))
        .http_status_as_error(false)
        .max_redirects(8)
        .user_agent(concat!(
            "handout-link-check/",
            env!("CARGO_PKG_VERSION"),
            " (+patient-education site check)"
        ))
        .build()
        .into();
    let results: Mutex<Vec<Option<Outcome>>> = Mutex::new(vec![None; urls.len()]);
    let queue = Mutex::new(Queue {
        pending: (0..urls.len()).collect(),
        in_flight: HashMap::new(),
    });
    let wake = Condvar::new();
    let per_host = opts.per_host.max(1);
    std::thread::scope(|s| {
        for _ in 0..opts.concurrency.clamp(1, urls.len().max(1)) {
            s.spawn(|| loop {
                // Take the first address whose host has a free slot, or wait for one.
                let (index, h) = {
                    let Ok(mut q) = queue.lock() else { return };
                    loop {
                        if q.pending.is_empty() {
                            return;
                        }
                        let free = q.pending.iter().position(|&i| {
                            q.in_flight.get(&host(&urls[i])).copied().unwrap_or(0) < per_host
                        });
                        if let Some(pos) = free {
                            let Some(i) = q.pending.remove(pos) else {
                                return;
                            };
                            let h = host(&urls[i]);
                            *q.in_flight.entry(h.clone()).or_default() += 1;
                            break (i, h);
                        }
                        q = match wake.wait(q) {
                            Ok(q) => q,
                            Err(_) => return,
                        };
                    }
                };
                let outcome = fetch(&agent, &urls[index]);
                if let Ok(mut r) = results.lock() {
                    r[index] = Some(outcome);
                }
                if let Ok(mut q) = queue.lock() {
                    if let Some(n) = q.in_flight.get_mut(&h) {
                        *n = n.saturating_sub(1);
                    }
                }
                wake.notify_all();
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .map(|o| o.unwrap_or_else(|| Outcome::Unreachable("not checked".into())))
        .collect()
}

fn fetch(agent: &ureq::Agent, url: &str) -> Outcome {
    match agent.get(url).call() {
        Ok(resp) => {
            let code = resp.status().as_u16();
            if code < 400 || matches!(code, 401 | 403 | 429) {
                Outcome::Ok
            } else {
                Outcome::Status(code)
            }
        }
        Err(ureq::Error::Timeout(_)) => Outcome::Timeout,
        Err(ureq::Error::Io(e))
            if matches!(
                e.kind(),
                std::io::ErrorKind::TimedOut | std::io::ErrorKind::WouldBlock
            ) =>
        {
            Outcome::Timeout
        }
        Err(ureq::Error::HostNotFound) => {
            Outcome::Unreachable("the host name was not found".into())
        }
        Err(e) => Outcome::Unreachable(e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hosts() {
        assert_eq!(host("https://WWW.nhs.uk/a?b"), "www.nhs.uk");
        assert_eq!(host("http://u@127.0.0.1:8080/x"), "127.0.0.1:8080");
    }
}
