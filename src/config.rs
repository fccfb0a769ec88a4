//! One configuration, from command-line flags and `MAILLE_*` variables
//! (clap reads both; see the table in the README).

use std::net::SocketAddr;

use chrono::{DateTime, Utc};

use crate::db::DatabaseUrl;
use crate::web::client::TrustedProxies;

/// How this instance runs.
#[derive(Clone, Debug)]
pub struct Config {
    /// Where to listen.
    pub addr: SocketAddr,
    /// Which database to use.
    pub database_url: DatabaseUrl,
    /// The address people use to reach Maille, when behind a reverse proxy
    /// (`https://maille.example.org`). An https address makes cookies `Secure`.
    pub public_url: Option<String>,
    /// Whether to fill an empty database with the demo network and list the
    /// demo accounts on the login page.
    pub demo: bool,
    /// When set, « open now » is evaluated at this instant instead of the
    /// current time: for demonstrations and browser tests that must not
    /// depend on the hour they run at. Sessions and logs keep real time.
    pub opening_hours_at: Option<DateTime<Utc>>,
    /// Reverse proxies whose `X-Forwarded-For` gives the client's address.
    pub trusted_proxies: TrustedProxies,
    /// Connections one client address may keep open at once.
    pub connections_per_address: usize,
    /// Requests to the API one client address may make per minute (0: no limit).
    pub api_requests_per_minute: u32,
    /// Login form submissions one client address may make per minute (0: no limit).
    pub login_posts_per_minute: u32,
    /// Public form submissions (registrations, cancellations) one client
    /// address — or one contact — may make per minute (0: no limit).
    pub public_posts_per_minute: u32,
    /// The SMTP server messages go through (`smtp://user:pass@host:587`);
    /// none: no e-mail is written.
    pub smtp_url: Option<String>,
    /// The sender of e-mails (`Centre social <ne-pas-repondre@example.org>`).
    pub smtp_from: String,
    /// The SMS provider (`log`), if any.
    pub sms: String,
    /// The delay before the outbox's first retry (then four times longer each time).
    pub outbox_retry_base: std::time::Duration,
}

/// Defaults of the limits (also the flags' defaults, see `cli::serve`).
pub mod defaults {
    /// A browser opens up to 6 connections to a site; a social centre's
    /// public computers or a mobile operator's users share one address.
    pub const CONNECTIONS_PER_ADDRESS: usize = 128;
    /// Two searches a second, sustained, from one address.
    pub const API_REQUESTS_PER_MINUTE: u32 = 120;
    /// Well above what a person types, well below what a script tries.
    pub const LOGIN_POSTS_PER_MINUTE: u32 = 20;
    /// A family registering its members to a few sessions; not a script.
    pub const PUBLIC_POSTS_PER_MINUTE: u32 = 10;
    /// Who e-mails come from unless told.
    pub const SMTP_FROM: &str = "Maille <ne-pas-repondre@maille.invalid>";
}

impl Config {
    /// Whether cookies must only travel over https.
    pub fn secure_cookies(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|url| url.starts_with("https://"))
    }

    /// `scheme://host[:port]` of the public URL, as browsers send in `Origin`.
    pub fn public_origin(&self) -> Option<String> {
        let url = self.public_url.as_deref()?;
        let (scheme, rest) = url.split_once("://")?;
        let host = rest.split('/').next()?;
        Some(format!("{scheme}://{host}"))
    }

    /// Where links in messages start: the public URL's origin, else this
    /// instance's own address.
    pub fn links_origin(&self) -> String {
        self.public_origin()
            .unwrap_or_else(|| format!("http://{}", self.addr))
    }

    /// The instant at which opening hours are evaluated (see
    /// [`Config::opening_hours_at`]).
    pub fn hours_now(&self) -> DateTime<Utc> {
        self.opening_hours_at.unwrap_or_else(Utc::now)
    }

    /// A configuration for tests and tools: loopback, no public URL.
    pub fn local(database_url: DatabaseUrl) -> Self {
        Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 8080)),
            database_url,
            public_url: None,
            demo: false,
            opening_hours_at: None,
            trusted_proxies: TrustedProxies::default(),
            connections_per_address: defaults::CONNECTIONS_PER_ADDRESS,
            api_requests_per_minute: defaults::API_REQUESTS_PER_MINUTE,
            login_posts_per_minute: defaults::LOGIN_POSTS_PER_MINUTE,
            public_posts_per_minute: defaults::PUBLIC_POSTS_PER_MINUTE,
            smtp_url: None,
            smtp_from: defaults::SMTP_FROM.to_owned(),
            sms: String::new(),
            outbox_retry_base: std::time::Duration::from_secs(60),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_https_public_url_makes_cookies_secure_and_gives_the_origin() {
        let mut config = Config::local(DatabaseUrl::parse("sqlite://m.db").unwrap());
        assert!(!config.secure_cookies());
        config.public_url = Some("https://maille.example.org/sous/chemin".into());
        assert!(config.secure_cookies());
        assert_eq!(
            config.public_origin().as_deref(),
            Some("https://maille.example.org")
        );
    }
}
