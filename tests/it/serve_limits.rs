//! `handout serve` against slow and greedy clients: hundreds of clients sending their request
//! heads a line at a time keep no normal request waiting and are cut off at the head
//! deadline, and one client cannot hold more connections than its share.
//!
//! Everything runs on loopback against the server of `serve.rs`'s harness. The head deadline
//! is shortened with the hidden `--client-timeout` option (the default is 10 s), so the slow
//! clients are gone within seconds and every loop here is bounded.

use crate::harness::SiteTest;
use crate::serve::{Serve, WAIT};
use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

/// The head deadline the server is given here.
const DEADLINE: Duration = Duration::from_secs(3);
/// How often a slow client sends another header line: far more often than any timeout on a
/// single read would allow, so only a deadline on the whole head can end it.
const DRIBBLE: Duration = Duration::from_millis(500);
/// Time for the server to notice a deadline and for the test to notice the closed socket.
const SLACK: Duration = Duration::from_secs(2);
/// How long a normal request may take while slow clients are connected: well under the
/// deadline, so a request kept waiting until they leave would fail.
const PROMPT: Duration = Duration::from_millis(1500);
/// The connections the server allows one address (`src/serve/limits.rs`).
const PER_CLIENT: usize = 256;

/// A client that sends its request head a line at a time and never finishes it.
struct SlowClient {
    stream: TcpStream,
    opened: Instant,
    /// How long after opening the server was seen to have closed the connection.
    closed: Option<Duration>,
}

impl SlowClient {
    #[track_caller]
    fn open(addr: SocketAddr) -> SlowClient {
        let mut stream = TcpStream::connect(addr).expect("connect");
        stream
            .write_all(b"GET / HTTP/1.1\r\nHost: x\r\n")
            .expect("send the request line");
        stream.set_nonblocking(true).expect("nonblocking");
        SlowClient {
            stream,
            opened: Instant::now(),
            closed: None,
        }
    }

    /// Sends one more header line, unless the server has closed the connection (then notes
    /// when). The server never answers an unfinished head, so anything to read means closed.
    fn dribble(&mut self) {
        if self.closed.is_some() {
            return;
        }
        let gone = match self.stream.read(&mut [0; 256]) {
            Err(e) if e.kind() == ErrorKind::WouldBlock => {
                self.stream.write_all(b"X-Still-Typing: yes\r\n").is_err()
            }
            _ => true,
        };
        if gone {
            self.closed = Some(self.opened.elapsed());
        }
    }
}

#[test]
fn six_hundred_slow_clients_keep_no_request_waiting_and_are_cut_off_at_the_deadline() {
    let site = SiteTest::fixture("serve/basic");
    let s = Serve::start(
        &site,
        &["--client-timeout", &DEADLINE.as_secs().to_string()],
    );
    let mut slow: Vec<SlowClient> = (0..600).map(|_| SlowClient::open(s.addr)).collect();

    // Each round every slow client sends a line, and a normal request is timed; `served`
    // holds how many slow clients were connected when each normal request was answered.
    let start = Instant::now();
    let mut served = Vec::new();
    while slow.iter().any(|c| c.closed.is_none()) {
        assert!(
            start.elapsed() < DEADLINE + SLACK + WAIT,
            "slow clients still connected after {:?}",
            start.elapsed()
        );
        let round = Instant::now();
        slow.iter_mut().for_each(SlowClient::dribble);
        let open = slow.iter().filter(|c| c.closed.is_none()).count();
        let asked = Instant::now();
        let page = s.get("/");
        let took = asked.elapsed();
        assert_eq!(page.status, 200, "{}", page.body);
        assert!(page.body.contains("Hamstring stretch"));
        assert!(
            took < PROMPT,
            "a page took {took:?} with {open} slow clients connected"
        );
        served.push(open);
        std::thread::sleep(DRIBBLE.saturating_sub(round.elapsed()));
    }

    // The server makes room for new connections by closing the longest-waiting slow ones,
    // so one address keeps at most its share open; the rest are cut off at the deadline.
    let most = served.iter().copied().max().unwrap_or(0);
    assert!(
        most >= PER_CLIENT * 3 / 4,
        "normal requests were answered with at most {most} slow clients connected: {served:?}"
    );
    let longest = slow
        .iter()
        .filter_map(|c| c.closed)
        .max()
        .unwrap_or_default();
    assert!(
        longest <= DEADLINE + SLACK,
        "a slow client was connected for {longest:?}"
    );
    assert!(
        longest >= DEADLINE - DRIBBLE,
        "slow clients were cut off after {longest:?}, before the deadline"
    );
}

#[test]
fn a_client_holding_all_its_connections_is_refused_more_and_others_are_not_starved() {
    let site = SiteTest::fixture("serve/basic");
    let s = Serve::start(&site, &[]);
    // Open pages' event streams are busy connections: none can be closed to make room.
    let streams: Vec<_> = (0..PER_CLIENT).map(|_| s.events()).collect();
    let refused = s.get("/");
    assert_eq!(refused.status, 503, "{}", refused.body);
    assert!(refused.body.contains("too busy"), "{}", refused.body);

    drop(streams);
    let start = Instant::now();
    while s.get("/").status != 200 {
        assert!(start.elapsed() < WAIT, "no room after the pages closed");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_client_that_stops_reading_is_cut_off_and_others_are_still_served() {
    let site = SiteTest::fixture("serve/basic");
    let s = Serve::start(
        &site,
        &["--client-timeout", &DEADLINE.as_secs().to_string()],
    );
    // The home page 2,000 times over on one connection (10 MB of answers, more than the
    // sockets can hold), and none of it read: the server's writes wait on this client.
    let asks = 2000;
    let mut greedy = TcpStream::connect(s.addr).expect("connect");
    greedy.set_write_timeout(Some(WAIT)).expect("timeout");
    let _ = greedy.write_all("GET / HTTP/1.1\r\nHost: x\r\n\r\n".repeat(asks).as_bytes());
    let stopped = Instant::now();

    let page = s.get("/");
    assert_eq!(page.status, 200, "{}", page.body);
    std::thread::sleep(DEADLINE + SLACK);

    // What the server had sent is still there to read, then the connection ends.
    greedy.set_read_timeout(Some(WAIT)).expect("timeout");
    let mut got = Vec::new();
    let end = greedy.read_to_end(&mut got);
    assert!(
        !matches!(&end, Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut)),
        "the server kept the connection open for {:?}",
        stopped.elapsed()
    );
    let answers = String::from_utf8_lossy(&got)
        .matches("HTTP/1.1 200 OK")
        .count();
    assert!(answers > 0 && answers < asks, "{answers} answers");
}
