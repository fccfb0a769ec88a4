//! The server over real TCP connections: slow clients are cut off, one
//! address cannot hold every connection, and what hyper cannot read still
//! gets a French page or a problem document.

use std::net::SocketAddr;
use std::time::Duration;

use maille::web::client::TrustedProxies;
use maille::web::server::{self, Limits};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpSocket, TcpStream};

use crate::support::TestApp;

/// The application served on a free port with these limits, until the test ends.
async fn served(app: &TestApp, header_read_timeout: Duration, per_address: usize) -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let limits = Limits {
        header_read_timeout,
        connections_per_address: per_address,
        trusted_proxies: TrustedProxies::default(),
    };
    tokio::spawn(server::serve(
        listener,
        app.router(),
        limits,
        std::future::pending(),
    ));
    address
}

/// A connection from `from` (any 127.x.y.z is this machine) that has sent
/// the first byte of a request.
async fn slow_connection(from: [u8; 4], to: SocketAddr) -> TcpStream {
    let socket = TcpSocket::new_v4().unwrap();
    socket.bind(SocketAddr::from((from, 0))).unwrap();
    let mut stream = socket.connect(to).await.unwrap();
    stream.write_all(b"G").await.unwrap();
    stream
}

/// Whether the server has closed `stream` (reading gives end of file or an error).
async fn closed(stream: &mut TcpStream, within: Duration) -> bool {
    let mut byte = [0u8; 1];
    match tokio::time::timeout(within, stream.read(&mut byte)).await {
        Ok(Ok(0)) | Ok(Err(_)) => true,
        Ok(Ok(_)) | Err(_) => false,
    }
}

/// GET `path` from `from`, the whole answer as text.
async fn get(from: [u8; 4], to: SocketAddr, request: &[u8]) -> String {
    let mut stream = slow_connection(from, to).await;
    stream.write_all(&request[1..]).await.unwrap();
    let mut answer = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut answer)).await;
    String::from_utf8_lossy(&answer).into_owned()
}

#[tokio::test]
async fn slow_headers_are_cut_off_and_one_address_cannot_take_every_connection() {
    let app = TestApp::new().await;
    let address = served(&app, Duration::from_millis(800), 4).await;
    let mut slow = Vec::new();
    for _ in 0..6 {
        slow.push(slow_connection([127, 0, 0, 1], address).await);
    }
    // Past the cap, connections from that address are closed at once…
    for extra in &mut slow[4..] {
        assert!(
            closed(extra, Duration::from_millis(300)).await,
            "over the cap"
        );
    }
    assert!(
        !closed(&mut slow[0], Duration::from_millis(100)).await,
        "within the cap"
    );
    // …while another address is served as usual.
    let answer = get(
        [127, 0, 0, 2],
        address,
        b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    // Headers dribbled in slower than the timeout: the connection is closed.
    for connection in &mut slow[..4] {
        connection.write_all(b"E").await.unwrap();
        assert!(
            closed(connection, Duration::from_secs(3)).await,
            "a slow client kept its connection"
        );
    }
    // The address has its seats back.
    let answer = get(
        [127, 0, 0, 1],
        address,
        b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

#[tokio::test]
async fn requests_the_server_cannot_read_get_a_page_or_a_problem_document() {
    let app = TestApp::new().await;
    let address = served(&app, Duration::from_secs(5), 64).await;
    let long_path = format!(
        "GET /api/v1/places?q={} HTTP/1.1\r\nHost: x\r\n\r\n",
        "a".repeat(70_000)
    );
    let answer = get([127, 0, 0, 1], address, long_path.as_bytes()).await;
    assert!(answer.starts_with("HTTP/1.1 414"), "{answer}");
    assert!(
        answer.contains("content-type: application/problem+json"),
        "{answer}"
    );
    assert!(answer.contains("\"status\":414"), "{answer}");

    let big_headers = format!(
        "GET /lieux HTTP/1.1\r\nHost: x\r\nX-Gros: {}\r\n\r\n",
        "b".repeat(500_000)
    );
    let answer = get([127, 0, 0, 1], address, big_headers.as_bytes()).await;
    assert!(answer.starts_with("HTTP/1.1 431"), "{answer}");
    assert!(
        answer.contains("content-type: text/html; charset=utf-8"),
        "{answer}"
    );
    assert!(answer.contains("Requête trop volumineuse"), "{answer}");

    let answer = get(
        [127, 0, 0, 1],
        address,
        b"GET /api/v1/places HTTP/1.1\r\nHost: x\r\nMal forme\r\n\r\n",
    )
    .await;
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer}");
    assert!(answer.contains("\"status\":400"), "{answer}");
}
