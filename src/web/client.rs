//! Who is asking: the client's address, which rate limits, the login
//! throttle and the connection cap count by.
//!
//! It is the address of the connection, unless that connection comes from a
//! reverse proxy declared trusted (`--trusted-proxies`): then it is the last
//! address of `X-Forwarded-For` that is not itself a trusted proxy. Anyone
//! can write that header, so it is believed only from a declared proxy.

use std::net::{IpAddr, Ipv6Addr, SocketAddr};
use std::str::FromStr;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::request::Parts;

use crate::app::AppState;

/// A network, `ADDRESS` or `ADDRESS/PREFIX` (`10.0.0.0/8`, `::1`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Network {
    address: IpAddr,
    prefix: u8,
}

impl Network {
    /// Whether `address` is inside.
    pub fn contains(&self, address: IpAddr) -> bool {
        match (self.address, canonical(address)) {
            (IpAddr::V4(net), IpAddr::V4(ip)) => {
                prefix_matches(&net.octets(), &ip.octets(), self.prefix)
            }
            (IpAddr::V6(net), IpAddr::V6(ip)) => {
                prefix_matches(&net.octets(), &ip.octets(), self.prefix)
            }
            _ => false,
        }
    }
}

fn prefix_matches(network: &[u8], address: &[u8], prefix: u8) -> bool {
    let whole = usize::from(prefix / 8);
    let rest = prefix % 8;
    network[..whole] == address[..whole]
        && (rest == 0 || {
            let mask = 0xffu8 << (8 - rest);
            network[whole] & mask == address[whole] & mask
        })
}

impl FromStr for Network {
    type Err = String;

    fn from_str(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let (address, prefix) = match text.split_once('/') {
            Some((address, prefix)) => (address, Some(prefix)),
            None => (text, None),
        };
        let address = IpAddr::from_str(address)
            .map(canonical)
            .map_err(|_| format!("« {text} » n’est pas une adresse IP ni un réseau (exemples : 127.0.0.1, 10.0.0.0/8, ::1)"))?;
        let bits = if address.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            None => bits,
            Some(p) => p.parse::<u8>().ok().filter(|p| *p <= bits).ok_or_else(|| {
                format!("« {text} » : le préfixe doit être un nombre de 0 à {bits}")
            })?,
        };
        Ok(Self { address, prefix })
    }
}

/// The reverse proxies whose `X-Forwarded-For` is believed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<Network>);

impl TrustedProxies {
    /// Reads a comma-separated list (`127.0.0.1,::1,10.0.0.0/8`); empty: none.
    pub fn parse(list: &str) -> Result<Self, String> {
        list.split(',')
            .filter(|part| !part.trim().is_empty())
            .map(Network::from_str)
            .collect::<Result<_, _>>()
            .map(Self)
    }

    /// Whether `address` is one of them.
    pub fn trusts(&self, address: IpAddr) -> bool {
        self.0.iter().any(|network| network.contains(address))
    }

    /// The client's address for a request that came over a connection from
    /// `peer` with these `headers`.
    pub fn client_of(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let peer = canonical(peer);
        if !self.trusts(peer) {
            return peer;
        }
        let forwarded: Vec<IpAddr> = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(|value| value.split(','))
            .map_while(|part| IpAddr::from_str(part.trim()).ok().map(canonical))
            .collect();
        // From the nearest hop back: the first address no trusted proxy
        // vouches for is the client; if all are proxies, the farthest one.
        forwarded
            .iter()
            .rev()
            .find(|address| !self.trusts(**address))
            .or(forwarded.first())
            .copied()
            .unwrap_or(peer)
    }
}

/// An IPv4 address written as IPv6 (`::ffff:1.2.3.4`) is that IPv4 address.
fn canonical(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4),
        v4 => v4,
    }
}

/// The client of a request, as limits count it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ClientAddress(pub IpAddr);

impl ClientAddress {
    /// What limits count by: the address, or for IPv6 its /64 network — one
    /// household or one machine is given a whole /64.
    pub fn key(self) -> IpAddr {
        match self.0 {
            IpAddr::V6(v6) => {
                let mut octets = v6.octets();
                octets[8..].fill(0);
                IpAddr::V6(Ipv6Addr::from(octets))
            }
            v4 => v4,
        }
    }

    /// The client of the request described by `parts`. Without a connection
    /// address (a request built in process, as tests do), the unspecified
    /// address stands for everyone.
    pub fn of(parts: &Parts, trusted: &TrustedProxies) -> Self {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(IpAddr::from([0, 0, 0, 0]), |info| info.0.ip());
        Self(trusted.client_of(peer, &parts.headers))
    }
}

impl std::fmt::Display for ClientAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl FromRequestParts<AppState> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        Ok(Self::of(parts, &state.config.trusted_proxies))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn forwarded(value: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", HeaderValue::from_str(value).unwrap());
        headers
    }

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    #[test]
    fn networks_contain_their_addresses_and_no_other() {
        let lan: Network = "10.0.0.0/8".parse().unwrap();
        assert!(lan.contains(ip("10.200.3.4")));
        assert!(!lan.contains(ip("11.0.0.1")));
        let odd: Network = "192.168.1.128/25".parse().unwrap();
        assert!(odd.contains(ip("192.168.1.200")) && !odd.contains(ip("192.168.1.100")));
        let one: Network = "::1".parse().unwrap();
        assert!(one.contains(ip("::1")) && !one.contains(ip("::2")));
        let mapped: Network = "127.0.0.1".parse().unwrap();
        assert!(mapped.contains(ip("::ffff:127.0.0.1")));
        assert!("10.0.0.0/33".parse::<Network>().is_err());
        assert!("proxy.local".parse::<Network>().is_err());
    }

    #[test]
    fn a_forwarded_address_is_believed_only_from_a_trusted_proxy() {
        let proxies = TrustedProxies::parse("127.0.0.1, 10.0.0.0/8").unwrap();
        let headers = forwarded("203.0.113.7");
        assert_eq!(
            proxies.client_of(ip("127.0.0.1"), &headers),
            ip("203.0.113.7")
        );
        assert_eq!(
            proxies.client_of(ip("198.51.100.9"), &headers),
            ip("198.51.100.9"),
            "a client writing the header itself is not believed"
        );
        assert_eq!(
            TrustedProxies::default().client_of(ip("127.0.0.1"), &headers),
            ip("127.0.0.1")
        );
    }

    #[test]
    fn the_client_is_the_nearest_address_no_trusted_proxy_vouches_for() {
        let proxies = TrustedProxies::parse("127.0.0.1,10.0.0.0/8").unwrap();
        // The client forged the first entry; the two proxies added the rest.
        let headers = forwarded("1.2.3.4, 203.0.113.7, 10.1.1.1");
        assert_eq!(
            proxies.client_of(ip("127.0.0.1"), &headers),
            ip("203.0.113.7")
        );
        assert_eq!(
            proxies.client_of(ip("127.0.0.1"), &forwarded("garbage")),
            ip("127.0.0.1")
        );
    }

    #[test]
    fn an_ipv6_client_is_counted_by_its_64_network() {
        let a = ClientAddress(ip("2001:db8:1:2:aaaa::1")).key();
        let b = ClientAddress(ip("2001:db8:1:2:bbbb::9")).key();
        let c = ClientAddress(ip("2001:db8:1:3::1")).key();
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(ClientAddress(ip("192.0.2.1")).key(), ip("192.0.2.1"));
    }
}
