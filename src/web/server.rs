//! The HTTP server: accepts connections and hands each to hyper, with the
//! limits `axum::serve` does not set.
//!
//! - Request headers must arrive within [`Limits::header_read_timeout`]: a
//!   client sending them a byte every few seconds no longer keeps its
//!   connection (and its memory) forever. The same timeout closes an idle
//!   kept-alive connection.
//! - One client address keeps at most [`Limits::connections_per_address`]
//!   connections open; past that, new ones are closed at once and everyone
//!   else is served as before. Trusted reverse proxies carry everybody's
//!   connections and are not capped.
//! - The answers hyper writes itself for a request it cannot read (400, 414,
//!   431) get a body and a content type ([`super::raw_answers`]).

use std::collections::HashMap;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::{TcpListener, TcpStream};
use tower_http::add_extension::AddExtension;

use super::client::{ClientAddress, TrustedProxies};
use super::raw_answers::WithBodies;

/// How long a request's headers may take to arrive.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);

/// How long open requests may take to finish once shutdown is asked.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

/// The server's limits.
#[derive(Clone, Debug)]
pub struct Limits {
    pub header_read_timeout: Duration,
    /// Connections one client address may keep open at once.
    pub connections_per_address: usize,
    /// Proxies exempt from the cap (every client comes through them).
    pub trusted_proxies: TrustedProxies,
}

/// Open connections per client address.
#[derive(Clone, Default)]
struct OpenConnections(Arc<Mutex<HashMap<IpAddr, usize>>>);

/// One open connection, counted until it is dropped.
struct Counted {
    open: OpenConnections,
    key: IpAddr,
}

impl OpenConnections {
    /// Counts a new connection from `key`, unless `cap` are already open.
    fn admit(&self, key: IpAddr, cap: usize) -> Option<Counted> {
        let mut open = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let count = open.entry(key).or_default();
        if *count >= cap {
            return None;
        }
        *count += 1;
        Some(Counted {
            open: self.clone(),
            key,
        })
    }
}

impl Drop for Counted {
    fn drop(&mut self) {
        let mut open = self
            .open
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(count) = open.get_mut(&self.key) {
            *count -= 1;
            if *count == 0 {
                open.remove(&self.key);
            }
        }
    }
}

/// Connections closed for being over the cap, told in the log at most every
/// [`REFUSALS_TOLD_EVERY`]: a line per connection would let one client
/// flood the log as fast as it can connect.
#[derive(Default)]
struct Refusals {
    since_told: u64,
    last_told: Option<std::time::Instant>,
}

const REFUSALS_TOLD_EVERY: Duration = Duration::from_secs(10);

impl Refusals {
    fn count(&mut self, client: IpAddr) {
        self.since_told += 1;
        let due = self
            .last_told
            .is_none_or(|at| at.elapsed() >= REFUSALS_TOLD_EVERY);
        if due {
            tracing::warn!(
                %client,
                closed = self.since_told,
                "trop de connexions ouvertes depuis une même adresse : connexions fermées"
            );
            self.since_told = 0;
            self.last_told = Some(std::time::Instant::now());
        }
    }
}

/// Serves `app` on `listener` until `shutdown` completes, then lets open
/// requests finish (for a few seconds at most).
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) {
    let open = OpenConnections::default();
    let mut refusals = Refusals::default();
    let graceful = GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(err) => {
                    // Out of file descriptors, most likely: wait rather than spin.
                    tracing::warn!(error = %err, "connexion non acceptée");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let key = ClientAddress(peer.ip()).key();
        let counted = if limits.trusted_proxies.trusts(peer.ip()) {
            None
        } else {
            match open.admit(key, limits.connections_per_address) {
                Some(counted) => Some(counted),
                None => {
                    refusals.count(key);
                    continue;
                }
            }
        };
        let connection = connection(stream, peer, app.clone(), limits.header_read_timeout);
        let connection = graceful.watch(connection);
        tokio::spawn(async move {
            if let Err(err) = connection.await {
                tracing::debug!(error = %err, "connexion terminée sur une erreur");
            }
            drop(counted);
        });
    }
    drop(listener);
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(SHUTDOWN_GRACE) => {
            tracing::warn!("arrêt : des requêtes n’ont pas fini à temps");
        }
    }
}

/// One HTTP/1.1 connection, its requests knowing the peer's address.
fn connection(
    stream: TcpStream,
    peer: SocketAddr,
    app: Router,
    header_read_timeout: Duration,
) -> impl hyper_util::server::graceful::GracefulConnection<Error = hyper::Error> {
    let _ = stream.set_nodelay(true);
    let service = TowerToHyperService::new(AddExtension::new(app, ConnectInfo(peer)));
    hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(header_read_timeout)
        .serve_connection(TokioIo::new(WithBodies::new(stream)), service)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_keeps_at_most_its_cap_and_gets_a_seat_back_when_one_closes() {
        let open = OpenConnections::default();
        let a: IpAddr = [192, 0, 2, 1].into();
        let b: IpAddr = [192, 0, 2, 2].into();
        let first = open.admit(a, 2).unwrap();
        let _second = open.admit(a, 2).unwrap();
        assert!(open.admit(a, 2).is_none());
        assert!(open.admit(b, 2).is_some(), "another address is served");
        drop(first);
        assert!(open.admit(a, 2).is_some());
    }
}
