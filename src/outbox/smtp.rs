//! E-mail through a real SMTP server, named by `MAILLE_SMTP_URL`:
//! `smtp://user:pass@host:587` (STARTTLS, required unless the server is on
//! this machine), `smtps://user:pass@host:465` (TLS from the start), or
//! `smtp://127.0.0.1:2525` for a relay on loopback. Connections are pooled.

use lettre::message::{Mailbox, header::ContentType};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};

/// A configured SMTP server and the address messages come from.
#[derive(Clone)]
pub struct SmtpSender {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

/// Why the SMTP settings cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum SmtpConfigError {
    #[error(
        "MAILLE_SMTP_URL illisible : {0}. Attendu : smtp://utilisateur:mot-de-passe@serveur:587 ou smtps://…"
    )]
    Url(String),
    #[error("MAILLE_SMTP_FROM illisible : {0}. Attendu : Nom <adresse@exemple.fr>")]
    From(String),
}

impl SmtpSender {
    /// The sender for `url`, writing as `from`.
    pub fn new(url: &str, from: &str) -> Result<Self, SmtpConfigError> {
        let url = with_required_starttls(url);
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&url)
            .map_err(|e| SmtpConfigError::Url(e.to_string()))?
            .timeout(Some(std::time::Duration::from_secs(20)))
            .build();
        let from = from
            .parse::<Mailbox>()
            .map_err(|e| SmtpConfigError::From(e.to_string()))?;
        Ok(Self { transport, from })
    }

    /// Sends one plain-text message to `to`.
    pub async fn send(&self, to: &str, subject: &str, body: &str) -> Result<(), String> {
        let to = to
            .parse::<Mailbox>()
            .map_err(|e| format!("adresse du destinataire illisible : {e}"))?;
        let email = lettre::Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(ContentType::TEXT_PLAIN)
            .body(body.to_owned())
            .map_err(|e| e.to_string())?;
        self.transport
            .send(email)
            .await
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}

/// `smtp://` to another machine without a `tls` parameter: STARTTLS is
/// required, so that a password never crosses the network in clear and a
/// server that stops offering TLS is refused rather than trusted.
fn with_required_starttls(url: &str) -> String {
    let Some(rest) = url.strip_prefix("smtp://") else {
        return url.to_owned();
    };
    let host = rest
        .rsplit_once('@')
        .map_or(rest, |(_, host)| host)
        .split(['/', '?'])
        .next()
        .unwrap_or_default();
    let host = host
        .rsplit_once(':')
        .filter(|(_, port)| port.chars().all(|c| c.is_ascii_digit()))
        .map_or(host, |(name, _)| name)
        .trim_matches(['[', ']']);
    let loopback = host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback());
    if loopback || url.contains("tls=") {
        url.to_owned()
    } else if url.contains('?') {
        format!("{url}&tls=required")
    } else {
        format!("{url}?tls=required")
    }
}

#[cfg(test)]
mod tests {
    use super::with_required_starttls;

    #[test]
    fn smtp_to_another_machine_requires_starttls_and_loopback_does_not() {
        assert_eq!(
            with_required_starttls("smtp://u:p@mail.example.org:587"),
            "smtp://u:p@mail.example.org:587?tls=required"
        );
        assert_eq!(
            with_required_starttls("smtp://127.0.0.1:2525"),
            "smtp://127.0.0.1:2525"
        );
        assert_eq!(
            with_required_starttls("smtp://localhost:25?tls=opportunistic"),
            "smtp://localhost:25?tls=opportunistic"
        );
        assert_eq!(
            with_required_starttls("smtps://u:p@mail.example.org"),
            "smtps://u:p@mail.example.org"
        );
    }
}
