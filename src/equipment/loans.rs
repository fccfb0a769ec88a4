//! Loans coming back: a reminder to the borrower a few days before the
//! due date, written to the outbox (e-mail when the person gave one, SMS
//! otherwise) and marked in the same transaction, so it is written once.
//! The overdue ones are listed on the stock page.

use chrono::NaiveDate;
use sea_orm::{DatabaseConnection, DbErr};

use super::model::Device;
use super::store;
use crate::mediation::people_store;
use crate::organizations::OrganizationId;
use crate::outbox::{self, Channel, Message};

/// How many days before the due date the reminder goes.
pub const AHEAD_DAYS: i64 = 3;
/// Reminders written per round.
const BATCH: u64 = 500;

/// Writes the reminders of loans due by `today` + [`AHEAD_DAYS`]; returns how many.
pub async fn enqueue_due(db: &DatabaseConnection, today: NaiveDate) -> Result<usize, DbErr> {
    let due = store::loans_to_remind(db, today + chrono::Duration::days(AHEAD_DAYS), BATCH).await?;
    let mut written = 0;
    for loan in due {
        let Some(organization) = OrganizationId::parse(&loan.organization_id) else {
            continue;
        };
        let person = match &loan.beneficiary_id {
            Some(id) => people_store::find(db, &organization, id).await?,
            None => None,
        };
        let device = store::find_device(db, &organization, &loan.device_id).await?;
        let mut message = None;
        if let (Some(person), Some(device), Some(due_on)) = (person, device, loan.due_on) {
            let (channel, recipient) = if !person.person.email.is_empty() {
                (Channel::Email, person.person.email.clone())
            } else {
                (Channel::Sms, person.person.phone.clone())
            };
            if !recipient.is_empty() {
                let args = [
                    ("name", person.person.pseudonym.clone().into()),
                    (
                        "device",
                        Device::title(&device.kind, &device.brand, &device.model).into(),
                    ),
                    ("day", super::documents::day_words(due_on).into()),
                ];
                message = Some(Message {
                    organization_id: organization.clone(),
                    registration_id: Some(loan.id.clone()),
                    kind: "loan_reminder",
                    channel,
                    recipient,
                    subject: crate::i18n::t_with("equipment-loan-reminder-subject", &args),
                    body: crate::i18n::t_with("equipment-loan-reminder-body", &args),
                });
            }
        }
        // Marked even with nothing to send (no contact left): not asked again.
        let loan_id = loan.id.clone();
        let sent = crate::db::write(db, move |tx| {
            Box::pin(async move {
                store::mark_reminded(tx, &loan_id, crate::db::now()).await?;
                let Some(message) = message else {
                    return Ok(false);
                };
                outbox::enqueue(tx, message).await?;
                Ok::<_, DbErr>(true)
            })
        })
        .await?;
        written += usize::from(sent);
    }
    Ok(written)
}
