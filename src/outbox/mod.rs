//! Messages to inhabitants — a confirmation, a reminder, a promotion from
//! the waiting list, a cancellation — written to an outbox table in the
//! same transaction as what they announce, then sent by a worker inside the
//! server (`worker`) through SMTP (`smtp`) or an SMS provider (`sms`), with
//! retries and back-off. A manager sees what failed and sends it again
//! (`routes`). Once a message is delivered or abandoned, its recipient and
//! body are purged: the outbox keeps no contact details it no longer needs.

pub mod routes;
pub mod sms;
pub mod smtp;
pub mod store;
pub mod worker;

use sea_orm::{ConnectionTrait, DbErr};

use crate::organizations::OrganizationId;

/// How a message travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Channel {
    Email,
    Sms,
}

impl Channel {
    pub fn code(self) -> &'static str {
        match self {
            Self::Email => "email",
            Self::Sms => "sms",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "email" => Some(Self::Email),
            "sms" => Some(Self::Sms),
            _ => None,
        }
    }
}

/// One message to write to the outbox.
#[derive(Clone, Debug)]
pub struct Message {
    pub organization_id: OrganizationId,
    /// What it is about (a workshop registration or an appointment's
    /// booking), for the manager's list.
    pub registration_id: Option<String>,
    /// `confirmation`, `reminder`, `promotion`, `cancellation`.
    pub kind: &'static str,
    pub channel: Channel,
    pub recipient: String,
    pub subject: String,
    pub body: String,
}

/// Writes `message` to the outbox; call it in the transaction of what the
/// message announces. The worker is woken when the transaction commits (or
/// at its next round, a few seconds later).
pub async fn enqueue(db: &impl ConnectionTrait, message: Message) -> Result<(), DbErr> {
    store::insert(db, &message).await?;
    worker::wake();
    Ok(())
}
