//! Who the client is, for rate limits: the TCP peer, or, when the peer is a reverse proxy the
//! operator trusts, the address it says it forwarded for. Behind a proxy every request comes
//! from the proxy's address; without this, one person's failed sign-ins would lock out all.

use std::net::IpAddr;

use ipnet::{IpNet, Ipv6Net};

/// The proxies whose `X-Forwarded-For` is believed (`--trusted-proxies`): addresses or CIDR
/// ranges, comma-separated. Empty by default: the header is then ignored, as anyone can send it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

impl TrustedProxies {
    pub fn parse(list: &str) -> Result<Self, String> {
        let mut networks = Vec::new();
        for item in list
            .split(',')
            .map(str::trim)
            .filter(|item| !item.is_empty())
        {
            let network = match item.parse::<IpNet>() {
                Ok(network) => network,
                Err(_) => item.parse::<IpAddr>().map(IpNet::from).map_err(|_| {
                    format!("'{item}' is neither an IP address nor a CIDR range (10.0.0.0/8)")
                })?,
            };
            networks.push(network.trunc());
        }
        Ok(Self(networks))
    }

    pub fn trusts(&self, address: IpAddr) -> bool {
        let address = canonical(address);
        self.0.iter().any(|network| network.contains(&address))
    }
}

/// The client's address, set on every request by the server before any handler runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddress(pub IpAddr);

/// The client of a request from `peer` carrying `forwarded_for` (`X-Forwarded-For`, every
/// occurrence joined by commas). Read from the right: each trusted hop names the one before
/// it; the first address not trusted is the client. A malformed entry stops the walk there
/// (whatever is left of it could be made up), and so does a header from an untrusted peer.
pub fn client_of(peer: IpAddr, forwarded_for: Option<&str>, trusted: &TrustedProxies) -> IpAddr {
    let mut client = canonical(peer);
    let Some(header) = forwarded_for else {
        return client;
    };
    for hop in header.rsplit(',').map(str::trim) {
        if !trusted.trusts(client) {
            break;
        }
        match hop.parse::<IpAddr>() {
            Ok(address) => client = canonical(address),
            Err(_) => break,
        }
    }
    client
}

/// What rate limits count by: an IPv4 address, or an IPv6 address's /64 (one household or
/// machine usually holds a whole /64, so counting single IPv6 addresses limits nothing).
pub fn rate_limit_key(address: IpAddr) -> String {
    match canonical(address) {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => Ipv6Net::new(v6, 64)
            .map(|network| network.trunc().to_string())
            .unwrap_or_else(|_| v6.to_string()),
    }
}

/// The client of a request whose extensions the server filled: the [`ClientAddress`] its
/// layer set, else the TCP peer (a router built without that layer, as in some tests).
pub fn of_request(extensions: &axum::http::Extensions) -> Option<IpAddr> {
    extensions
        .get::<ClientAddress>()
        .map(|ClientAddress(address)| *address)
        .or_else(|| {
            extensions
                .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
                .map(|axum::extract::ConnectInfo(address)| address.ip())
        })
}

/// IPv4 addresses written as IPv6 (`::ffff:192.0.2.1`) are the IPv4 address.
fn canonical(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map_or(IpAddr::V6(v6), IpAddr::V4),
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().expect("an address")
    }

    #[test]
    fn without_trusted_proxies_the_header_is_ignored() {
        let none = TrustedProxies::default();
        assert_eq!(
            client_of(ip("203.0.113.9"), Some("198.51.100.1"), &none),
            ip("203.0.113.9")
        );
    }

    #[test]
    fn a_trusted_proxy_names_the_client() {
        let trusted = TrustedProxies::parse("10.0.0.0/8, 127.0.0.1").expect("valid");
        assert_eq!(
            client_of(ip("10.1.2.3"), Some("198.51.100.7"), &trusted),
            ip("198.51.100.7")
        );
        assert_eq!(client_of(ip("127.0.0.1"), None, &trusted), ip("127.0.0.1"));
    }

    #[test]
    fn addresses_a_client_prepends_are_not_believed() {
        let trusted = TrustedProxies::parse("10.0.0.0/8").expect("valid");
        // The client sent "1.2.3.4" itself; the proxy appended the real peer.
        let header = "1.2.3.4, 198.51.100.7";
        assert_eq!(
            client_of(ip("10.0.0.1"), Some(header), &trusted),
            ip("198.51.100.7")
        );
        // Two trusted hops: the walk goes on through the inner proxy.
        let header = "1.2.3.4, 198.51.100.7, 10.0.0.2";
        assert_eq!(
            client_of(ip("10.0.0.1"), Some(header), &trusted),
            ip("198.51.100.7")
        );
    }

    #[test]
    fn a_malformed_hop_stops_the_walk_at_the_last_trusted_address() {
        let trusted = TrustedProxies::parse("10.0.0.0/8").expect("valid");
        assert_eq!(
            client_of(ip("10.0.0.1"), Some("not-an-ip"), &trusted),
            ip("10.0.0.1")
        );
    }

    #[test]
    fn a_bad_trusted_proxy_setting_is_named() {
        let error = TrustedProxies::parse("10.0.0.0/8, proxy.local").expect_err("a name");
        assert!(error.contains("proxy.local"), "{error}");
        assert_eq!(
            TrustedProxies::parse(" ").expect("empty"),
            TrustedProxies::default()
        );
    }

    #[test]
    fn ipv6_addresses_are_limited_by_their_64_and_mapped_ipv4_as_ipv4() {
        assert_eq!(
            rate_limit_key(ip("2001:db8:1:2:aaaa::1")),
            "2001:db8:1:2::/64"
        );
        assert_eq!(
            rate_limit_key(ip("2001:db8:1:2:bbbb::9")),
            rate_limit_key(ip("2001:db8:1:2:aaaa::1"))
        );
        assert_ne!(
            rate_limit_key(ip("2001:db8:1:3::1")),
            rate_limit_key(ip("2001:db8:1:2::1"))
        );
        assert_eq!(rate_limit_key(ip("::ffff:192.0.2.1")), "192.0.2.1");
        assert_eq!(rate_limit_key(ip("192.0.2.1")), "192.0.2.1");
    }
}
