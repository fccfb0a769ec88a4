//! Journal events and entries. Pure domain.

use chrono::{DateTime, Utc};

/// What happened. The code is stored; the label is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JournalEvent {
    LoginSucceeded,
    LoginFailed,
    AccountLocked,
    LoginRefusedLocked,
    LoggedOut,
    AccountCreated,
    AccountUpdated,
    RoleChanged,
    AccountDeactivated,
    AccountReactivated,
    PasswordChanged,
    PasswordReset,
    OrganizationCreated,
    PlaceCreated,
    PlaceUpdated,
    PlacesImported,
    StopAdded,
    StopRemoved,
    AddressBlocked,
    PlaceImportRefused,
    ActivityCreated,
    ActivityUpdated,
    ActivityDeleted,
    BeneficiaryCreated,
    BeneficiaryRead,
    BeneficiaryUpdated,
    BeneficiaryExported,
    BeneficiaryErased,
    BeneficiariesMerged,
    RetentionRun,
    TokenCreated,
    TokenUsedFromNewAddress,
    TokenRevoked,
}

impl JournalEvent {
    const ALL: [Self; 33] = [
        Self::LoginSucceeded,
        Self::LoginFailed,
        Self::AccountLocked,
        Self::LoginRefusedLocked,
        Self::LoggedOut,
        Self::AccountCreated,
        Self::AccountUpdated,
        Self::RoleChanged,
        Self::AccountDeactivated,
        Self::AccountReactivated,
        Self::PasswordChanged,
        Self::PasswordReset,
        Self::OrganizationCreated,
        Self::PlaceCreated,
        Self::PlaceUpdated,
        Self::PlacesImported,
        Self::StopAdded,
        Self::StopRemoved,
        Self::AddressBlocked,
        Self::PlaceImportRefused,
        Self::ActivityCreated,
        Self::ActivityUpdated,
        Self::ActivityDeleted,
        Self::BeneficiaryCreated,
        Self::BeneficiaryRead,
        Self::BeneficiaryUpdated,
        Self::BeneficiaryExported,
        Self::BeneficiaryErased,
        Self::BeneficiariesMerged,
        Self::RetentionRun,
        Self::TokenCreated,
        Self::TokenUsedFromNewAddress,
        Self::TokenRevoked,
    ];

    /// The code stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::LoginSucceeded => "login_succeeded",
            Self::LoginFailed => "login_failed",
            Self::AccountLocked => "account_locked",
            Self::LoginRefusedLocked => "login_refused_locked",
            Self::LoggedOut => "logged_out",
            Self::AccountCreated => "account_created",
            Self::AccountUpdated => "account_updated",
            Self::RoleChanged => "role_changed",
            Self::AccountDeactivated => "account_deactivated",
            Self::AccountReactivated => "account_reactivated",
            Self::PasswordChanged => "password_changed",
            Self::PasswordReset => "password_reset",
            Self::OrganizationCreated => "organization_created",
            Self::PlaceCreated => "place_created",
            Self::PlaceUpdated => "place_updated",
            Self::PlacesImported => "places_imported",
            Self::StopAdded => "stop_added",
            Self::StopRemoved => "stop_removed",
            Self::AddressBlocked => "address_blocked",
            Self::PlaceImportRefused => "place_import_refused",
            Self::ActivityCreated => "activity_created",
            Self::ActivityUpdated => "activity_updated",
            Self::ActivityDeleted => "activity_deleted",
            Self::BeneficiaryCreated => "beneficiary_created",
            Self::BeneficiaryRead => "beneficiary_read",
            Self::BeneficiaryUpdated => "beneficiary_updated",
            Self::BeneficiaryExported => "beneficiary_exported",
            Self::BeneficiaryErased => "beneficiary_erased",
            Self::BeneficiariesMerged => "beneficiaries_merged",
            Self::RetentionRun => "retention_run",
            Self::TokenCreated => "token_created",
            Self::TokenUsedFromNewAddress => "token_used_from_new_address",
            Self::TokenRevoked => "token_revoked",
        }
    }

    /// Reads a stored code; an unknown one (from a newer version) is kept as `None`.
    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.as_str() == code)
    }

    /// The event in words, in the current language (`journal-event-*`).
    pub fn label(self) -> String {
        crate::i18n::t(&format!("journal-event-{}", self.as_str()))
    }
}

/// One recorded event, as read back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JournalEntry {
    pub occurred_at: DateTime<Utc>,
    /// The stored code, kept even when this version does not know it.
    pub event_code: String,
    pub actor_label: String,
    pub subject: String,
    pub detail: String,
}

impl JournalEntry {
    /// The event in words (an unknown code, from a newer version, as it is).
    pub fn event_label(&self) -> String {
        match JournalEvent::parse(&self.event_code) {
            Some(event) => event.label(),
            None => self.event_code.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_event_code_reads_back_as_itself() {
        for event in JournalEvent::ALL {
            assert_eq!(JournalEvent::parse(event.as_str()), Some(event));
        }
        assert_eq!(JournalEvent::parse("from_the_future"), None);
    }
}
