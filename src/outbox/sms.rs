//! Text messages go through a provider behind one trait, so that a
//! structure plugs the operator it has a contract with. Maille ships one
//! provider, which writes each message to the log (development and
//! demonstrations); none is configured by default (`MAILLE_SMS=log`).

use async_trait::async_trait;

/// Sends a text message.
#[async_trait]
pub trait SmsProvider: Send + Sync {
    async fn send(&self, to: &str, text: &str) -> Result<(), String>;
}

/// Writes each message to the log instead of sending it.
pub struct LogSms;

#[async_trait]
impl SmsProvider for LogSms {
    async fn send(&self, to: &str, text: &str) -> Result<(), String> {
        tracing::info!(to, text, "SMS (journal de développement, non envoyé)");
        Ok(())
    }
}

/// The provider named by `MAILLE_SMS`: `log`, or nothing.
pub fn named(name: &str) -> Result<Option<std::sync::Arc<dyn SmsProvider>>, String> {
    match name.trim() {
        "" | "none" | "aucun" => Ok(None),
        "log" | "journal" => Ok(Some(std::sync::Arc::new(LogSms))),
        other => Err(format!(
            "MAILLE_SMS : fournisseur inconnu « {other} ». Attendu : log, ou rien"
        )),
    }
}
