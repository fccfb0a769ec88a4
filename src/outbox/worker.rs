//! The worker that empties the outbox, inside the server: it wakes when a
//! message is written (or every few seconds), claims what is due, sends it
//! a few at a time, and records each outcome. A failed attempt is tried
//! again after a growing delay (1, 4, 16, 64 minutes… from `retry_base`);
//! after `max_attempts` the message is marked failed for the manager.

use std::sync::Arc;
use std::time::Duration;

use futures_util::StreamExt;
use sea_orm::{DatabaseConnection, DbErr};
use tokio::sync::Notify;

use super::Channel;
use super::sms::SmsProvider;
use super::smtp::SmtpSender;
use super::store::{self, Stored};

/// What this instance can send through.
#[derive(Clone, Default)]
pub struct Senders {
    pub email: Option<SmtpSender>,
    pub sms: Option<Arc<dyn SmsProvider>>,
}

impl Senders {
    /// The senders `config` names; a reason when one cannot be used.
    pub fn from_config(config: &crate::config::Config) -> Result<Self, String> {
        let email = match config.smtp_url.as_deref().filter(|u| !u.trim().is_empty()) {
            None => None,
            Some(url) => Some(SmtpSender::new(url, &config.smtp_from).map_err(|e| e.to_string())?),
        };
        Ok(Self {
            email,
            sms: super::sms::named(&config.sms)?,
        })
    }

    /// Which channels can carry a message.
    pub fn reach(&self) -> Reach {
        Reach {
            email: self.email.is_some(),
            sms: self.sms.is_some(),
        }
    }
}

/// Which channels a message can be written for: a use case writes none
/// for a channel nothing would carry.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Reach {
    pub email: bool,
    pub sms: bool,
}

impl Reach {
    /// The channel and address to reach someone with `email` or `phone`:
    /// e-mail first (free, and it carries the link best).
    pub fn choose(self, email: Option<&str>, phone: Option<&str>) -> Option<(Channel, String)> {
        match (email, phone) {
            (Some(address), _) if self.email => Some((Channel::Email, address.to_owned())),
            (_, Some(number)) if self.sms => Some((Channel::Sms, number.to_owned())),
            _ => None,
        }
    }
}

/// How the worker retries.
#[derive(Clone, Copy, Debug)]
pub struct Settings {
    /// The delay after the first failure; each next one is four times longer.
    pub retry_base: Duration,
    /// Attempts before a message is marked failed.
    pub max_attempts: u32,
    /// Messages sent at once.
    pub concurrency: usize,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            retry_base: Duration::from_secs(60),
            max_attempts: 6,
            concurrency: 8,
        }
    }
}

/// Messages claimed per round.
const BATCH: u64 = 64;
/// How long a claimed message is left alone by other rounds.
const LEASE_MINUTES: i64 = 5;
/// The longest sleep between rounds when nobody wakes the worker.
const IDLE: Duration = Duration::from_secs(5);

static WAKE: Notify = Notify::const_new();

/// Wakes the worker: a message was written.
pub fn wake() {
    WAKE.notify_one();
}

/// Sends forever; run it in its own task.
pub async fn run(db: DatabaseConnection, senders: Senders, settings: Settings) {
    loop {
        match round(&db, &senders, &settings).await {
            Ok(n) if n > 0 => continue,
            Ok(_) => {}
            Err(err) => tracing::warn!(error = %err, "boîte d’envoi illisible"),
        }
        tokio::select! {
            () = WAKE.notified() => {}
            () = tokio::time::sleep(IDLE) => {}
        }
    }
}

/// One round: sends what is due now. Returns how many messages were tried.
pub async fn round(
    db: &DatabaseConnection,
    senders: &Senders,
    settings: &Settings,
) -> Result<usize, DbErr> {
    let now = crate::db::now();
    let due = {
        let _turn = crate::db::writer_turn(db).await;
        store::claim_due(db, now, BATCH, chrono::Duration::minutes(LEASE_MINUTES)).await?
    };
    let tried = due.len();
    let outcomes: Vec<(Stored, Result<(), String>)> = futures_util::stream::iter(due)
        .map(|message| async move {
            let outcome = deliver(senders, &message).await;
            (message, outcome)
        })
        .buffer_unordered(settings.concurrency.max(1))
        .collect()
        .await;
    // One write for the round's deliveries, in the writers' queue on
    // SQLite: registrations written meanwhile wait for one short statement.
    let _turn = crate::db::writer_turn(db).await;
    let sent: Vec<String> = outcomes
        .iter()
        .filter(|(_, outcome)| outcome.is_ok())
        .map(|(message, _)| message.id.clone())
        .collect();
    store::mark_all_sent(db, &sent).await?;
    for (message, outcome) in outcomes {
        if let Err(error) = outcome {
            failed(db, settings, &message, &error).await?;
        }
    }
    Ok(tried)
}

async fn deliver(senders: &Senders, message: &Stored) -> Result<(), String> {
    let Some(to) = message.recipient.as_deref() else {
        return Err("destinataire effacé".to_owned());
    };
    match Channel::from_code(&message.channel) {
        Some(Channel::Email) => match &senders.email {
            Some(smtp) => smtp.send(to, &message.subject, &message.body).await,
            None => Err("aucun serveur SMTP configuré (MAILLE_SMTP_URL)".to_owned()),
        },
        Some(Channel::Sms) => match &senders.sms {
            Some(sms) => sms.send(to, &message.body).await,
            None => Err("aucun fournisseur de SMS configuré (MAILLE_SMS)".to_owned()),
        },
        None => Err(format!("canal inconnu : {}", message.channel)),
    }
}

async fn failed(
    db: &DatabaseConnection,
    settings: &Settings,
    message: &Stored,
    error: &str,
) -> Result<(), DbErr> {
    let attempts = u32::try_from(message.attempts).unwrap_or(0) + 1;
    let next = (attempts < settings.max_attempts).then(|| {
        let delay = settings.retry_base * 4u32.saturating_pow(attempts - 1);
        crate::db::now() + chrono::Duration::from_std(delay).unwrap_or(chrono::Duration::hours(24))
    });
    tracing::warn!(message = %message.id, attempts, error = %error, "message non envoyé");
    store::mark_attempt_failed(db, &message.id, error, next).await
}
