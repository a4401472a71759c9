//! Limits on open connections, so that no client can take the preview away from the others:
//! at most [`PER_CLIENT`] connections from one address and [`TOTAL`] in all.
//!
//! A connection that is only waiting for a request head (a browser's keep-alive connection
//! between requests, or a client that is slow to send its head) costs little, but it holds a
//! slot. When a new connection arrives and its client or the server is at the limit, the
//! connection that has been waiting longest is closed to make room: a browser opens a new
//! one when it needs it, and a client dribbling its head a line at a time is pushed out by
//! the next connection instead of keeping it out. Only when every connection in the way is
//! busy (a response being sent, an open page's event stream) is the newcomer refused, with
//! 503. With the deadline on a whole request head (see `server`), this keeps the preview
//! answering while hundreds of slow clients hold connections, even when, as on this
//! computer, every client has the same address.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::Instant;
use tokio::sync::Notify;

/// The most connections one address may hold. A browser needs about six, plus one per open
/// tab; the rest is room for other tools on the same computer.
pub(crate) const PER_CLIENT: usize = 256;
/// The most connections held at once, well under the usual limit of 1024 open files.
pub(crate) const TOTAL: usize = 512;

/// The open connections, by client address.
#[derive(Debug)]
pub(crate) struct Connections {
    per_client: usize,
    total: usize,
    table: Mutex<Table>,
}

#[derive(Debug, Default)]
struct Table {
    next_id: u64,
    open: HashMap<u64, Entry>,
    by_client: HashMap<IpAddr, usize>,
}

#[derive(Debug)]
struct Entry {
    client: IpAddr,
    /// Responses in progress; the connection is only waiting for a request while this is 0.
    busy: usize,
    /// When it last started waiting for a request.
    waiting_since: Instant,
    /// Told when the connection is closed to make room for another.
    close: Arc<Notify>,
}

impl Connections {
    /// Limits of `per_client` connections per address and `total` in all.
    pub(crate) fn new(per_client: usize, total: usize) -> Arc<Connections> {
        Arc::new(Connections {
            per_client,
            total,
            table: Mutex::default(),
        })
    }

    fn lock(&self) -> MutexGuard<'_, Table> {
        // The table stays consistent even if a holder panicked: every update is one step.
        self.table.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Lets a new connection from `client` in, closing the longest-waiting idle connection in
    /// its way if there is one; `None` when there is none and the newcomer must be refused.
    pub(crate) fn admit(self: &Arc<Self>, client: IpAddr) -> Option<Ticket> {
        let mut table = self.lock();
        let client_full = table.by_client.get(&client).copied().unwrap_or(0) >= self.per_client;
        if client_full || table.open.len() >= self.total {
            let victim = table
                .open
                .iter()
                .filter(|(_, e)| e.busy == 0 && (!client_full || e.client == client))
                .min_by_key(|(_, e)| e.waiting_since)
                .map(|(&id, _)| id)?;
            if let Some(entry) = table.remove(victim) {
                entry.close.notify_one();
            }
        }
        let id = table.next_id;
        table.next_id += 1;
        let close = Arc::new(Notify::new());
        table.open.insert(
            id,
            Entry {
                client,
                busy: 0,
                waiting_since: Instant::now(),
                close: close.clone(),
            },
        );
        *table.by_client.entry(client).or_default() += 1;
        Some(Ticket {
            slot: Slot {
                id,
                connections: self.clone(),
            },
            close,
        })
    }

    /// Number of open connections.
    #[cfg(test)]
    fn len(&self) -> usize {
        self.lock().open.len()
    }
}

impl Table {
    fn remove(&mut self, id: u64) -> Option<Entry> {
        let entry = self.open.remove(&id)?;
        if let Some(n) = self.by_client.get_mut(&entry.client) {
            *n -= 1;
            if *n == 0 {
                self.by_client.remove(&entry.client);
            }
        }
        Some(entry)
    }
}

/// A connection's place in the table, given back when the connection ends.
#[derive(Debug)]
pub(crate) struct Ticket {
    slot: Slot,
    close: Arc<Notify>,
}

impl Ticket {
    /// A handle for marking the connection busy while it answers.
    pub(crate) fn slot(&self) -> Slot {
        self.slot.clone()
    }

    /// Resolves when the connection has been closed to make room for another.
    pub(crate) async fn closed(&self) {
        self.close.notified().await;
    }
}

impl Drop for Ticket {
    fn drop(&mut self) {
        self.slot.connections.lock().remove(self.slot.id);
    }
}

/// Names one connection, to mark it busy.
#[derive(Debug, Clone)]
pub(crate) struct Slot {
    id: u64,
    connections: Arc<Connections>,
}

impl Slot {
    /// Marks the connection busy (not to be closed for room) until the guard is dropped.
    pub(crate) fn busy(&self) -> Busy {
        if let Some(e) = self.connections.lock().open.get_mut(&self.id) {
            e.busy += 1;
        }
        Busy(self.clone())
    }
}

/// Keeps a connection marked busy; see [`Slot::busy`].
#[derive(Debug)]
pub(crate) struct Busy(Slot);

impl Drop for Busy {
    fn drop(&mut self) {
        if let Some(e) = self.0.connections.lock().open.get_mut(&self.0.id) {
            e.busy = e.busy.saturating_sub(1);
            if e.busy == 0 {
                e.waiting_since = Instant::now();
            }
        }
    }
}

/// A response body that keeps its connection busy until it has been sent (or given up).
#[derive(Debug)]
pub(crate) struct Tracked<B> {
    body: B,
    _busy: Busy,
}

impl<B> Tracked<B> {
    /// `body`, holding `busy` until it is dropped.
    pub(crate) fn new(body: B, busy: Busy) -> Tracked<B> {
        Tracked { body, _busy: busy }
    }
}

impl<B: hyper::body::Body + Unpin> hyper::body::Body for Tracked<B> {
    type Data = B::Data;
    type Error = B::Error;

    fn poll_frame(
        self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<hyper::body::Frame<B::Data>, B::Error>>> {
        std::pin::Pin::new(&mut self.get_mut().body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> hyper::body::SizeHint {
        self.body.size_hint()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(10, 0, 0, 1));
    const B: IpAddr = IpAddr::V4(std::net::Ipv4Addr::new(10, 0, 0, 2));

    /// Whether the connection was told to close (polls its signal once, taking it).
    fn was_closed(t: &Ticket) -> bool {
        use std::future::Future;
        let closed = std::pin::pin!(t.closed());
        let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
        closed.poll(&mut cx).is_ready()
    }

    #[test]
    fn a_full_client_makes_room_by_closing_its_longest_waiting_connection() {
        let c = Connections::new(2, 10);
        let first = c.admit(A).expect("room");
        let second = c.admit(A).expect("room");
        let third = c.admit(A).expect("room made");
        assert_eq!(c.len(), 2);
        assert!(was_closed(&first));
        assert!(!was_closed(&second));
        // Another client is not affected by A's limit.
        let _other = c.admit(B).expect("room");
        assert_eq!(c.len(), 3);
        drop((first, second, third));
        assert_eq!(c.len(), 1);
    }

    #[test]
    fn busy_connections_are_never_closed_for_room() {
        let c = Connections::new(10, 2);
        let streaming = c.admit(A).expect("room");
        let _busy = streaming.slot().busy();
        let waiting = c.admit(B).expect("room");
        // The server is full: the waiting connection goes, whoever's it was.
        let newcomer = c.admit(A).expect("room made");
        assert!(was_closed(&waiting));
        assert!(!was_closed(&streaming));
        // Now both are busy: the next one is refused.
        let _busy_too = newcomer.slot().busy();
        assert!(c.admit(B).is_none());
    }
}
