//! Account types, parsed from what people type. Pure domain, no I/O.

use std::fmt;

use crate::organizations::{OrganizationId, OrganizationKind};
use crate::validation::FieldError;

/// An account's identifier (UUIDv7 text).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct UserId(String);

impl UserId {
    /// Accepts only a well-formed UUID.
    pub fn parse(raw: &str) -> Option<Self> {
        uuid::Uuid::parse_str(raw.trim())
            .ok()
            .map(|id| Self(id.to_string()))
    }

    /// Wraps an id read back from the database.
    pub(crate) fn from_db(raw: String) -> Self {
        Self(raw)
    }

    /// The id as stored and shown in URLs.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for UserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// An e-mail address in one normal form, so that one person has one account
/// and no account can pass for another.
///
/// The check is deliberately simple (one `@`, a dotted domain, no spaces):
/// only sending a message proves an address, and Maille does not invent rules
/// that refuse real addresses. What it does refuse is what lets an address
/// look like another: invisible characters (a zero-width space) and letters
/// of several scripts mixed in one part (a Cyrillic « а » among Latin ones).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    /// Parses a typed address: Unicode NFKC, lower case, the domain in its
    /// IDNA (ASCII) form.
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        use unicode_normalization::UnicodeNormalization;
        let invalid = || FieldError::new("email", "email-invalid");
        let lowered: String = raw.trim().nfkc().collect::<String>().to_lowercase();
        let email: String = lowered.nfkc().collect();
        if email.len() > 254 || email.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(invalid());
        }
        if email.chars().any(is_invisible_or_odd) {
            return Err(FieldError::new("email", "email-look-alike"));
        }
        let (local, domain) = email.rsplit_once('@').ok_or_else(invalid)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..");
        if local.is_empty() || local.len() > 64 || local.contains('@') || !domain_ok {
            return Err(invalid());
        }
        if !single_script(local) || !domain.split('.').all(single_script) {
            return Err(FieldError::new("email", "email-look-alike"));
        }
        let domain = idna::domain_to_ascii(domain).map_err(|_| invalid())?;
        Ok(Self(format!("{local}@{domain}")))
    }

    /// Wraps an address read back from the database, stored in an earlier
    /// normal form perhaps: reading must not fail on it.
    pub(crate) fn from_db(raw: String) -> Self {
        Self(raw)
    }

    /// The normalised address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A character with no business in an address: one that shows nothing (a
/// zero-width space, a joiner, a bidirectional mark) or that UTS 39 does not
/// allow in identifiers. ASCII punctuation (`.`, `+`, `-`, `_`) stays allowed.
fn is_invisible_or_odd(c: char) -> bool {
    use unicode_security::GeneralSecurityProfile;
    !c.is_ascii() && !c.identifier_allowed()
}

/// Whether `part` is written in one script (digits and punctuation go with any).
fn single_script(part: &str) -> bool {
    use unicode_security::MixedScript;
    part.is_single_script()
}

/// A person's name as shown to colleagues.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    /// Trims and tidies inner spaces; 2 to 100 characters.
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        let name = raw.split_whitespace().collect::<Vec<_>>().join(" ");
        let length = name.chars().count();
        if !(2..=100).contains(&length) || name.chars().any(char::is_control) {
            return Err(FieldError::new("display_name", "display-name-invalid"));
        }
        if crate::text::starts_like_formula(&name) {
            return Err(FieldError::new("display_name", "text-formula"));
        }
        Ok(Self(name))
    }

    /// The tidied name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What an account may do. See PRODUCT.md, « Who uses it ».
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Role {
    /// Employee or volunteer of a structure.
    Mediator,
    /// Head of a structure.
    Manager,
    /// Federation or network coordination: aggregates only.
    Coordinator,
    /// Runs the instance.
    Admin,
}

impl Role {
    /// Every role, least powerful first.
    pub const ALL: [Self; 4] = [
        Self::Mediator,
        Self::Manager,
        Self::Coordinator,
        Self::Admin,
    ];

    /// Parses the stored or submitted code.
    pub fn parse(raw: &str) -> Result<Self, FieldError> {
        match raw.trim() {
            "mediator" => Ok(Self::Mediator),
            "manager" => Ok(Self::Manager),
            "coordinator" => Ok(Self::Coordinator),
            "admin" => Ok(Self::Admin),
            _ => Err(FieldError::new("role", "role-invalid")),
        }
    }

    /// The code stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Mediator => "mediator",
            Self::Manager => "manager",
            Self::Coordinator => "coordinator",
            Self::Admin => "admin",
        }
    }

    /// The role's name in the current language (staff pages: French).
    pub fn label(self) -> String {
        crate::i18n::t(match self {
            Self::Mediator => "role-mediator",
            Self::Manager => "role-manager",
            Self::Coordinator => "role-coordinator",
            Self::Admin => "role-admin",
        })
    }

    /// Whether an account with this role may belong to an organisation of
    /// `kind`: people who meet inhabitants work in a structure, coordinators
    /// above structures; an administrator anywhere.
    pub fn fits(self, kind: OrganizationKind) -> bool {
        match self {
            Self::Mediator | Self::Manager => kind == OrganizationKind::Structure,
            Self::Coordinator => kind != OrganizationKind::Structure,
            Self::Admin => true,
        }
    }

    /// The roles this role may hand out when managing accounts.
    pub fn assignable(self) -> &'static [Role] {
        match self {
            Self::Admin => &Self::ALL,
            Self::Manager => &[Self::Mediator, Self::Manager],
            Self::Mediator | Self::Coordinator => &[],
        }
    }
}

/// A new password, checked against the policy before it is hashed.
///
/// Length is what matters (ANSSI and CNIL guidance): at least 12 characters,
/// any characters, no composition rules; at most 128 so hashing stays bounded.
pub struct NewPassword(String);

impl NewPassword {
    /// Checks the policy.
    pub fn parse(raw: &str, field: &'static str) -> Result<Self, FieldError> {
        let length = raw.chars().count();
        if length < 12 {
            return Err(FieldError::new(field, "password-too-short"));
        }
        if length > 128 {
            return Err(FieldError::new(field, "password-too-long"));
        }
        Ok(Self(raw.to_owned()))
    }

    /// A random password for a new account: 20 characters from an alphabet
    /// without look-alikes (no 0/O, 1/l/I), about 115 bits.
    pub fn generate() -> Self {
        const ALPHABET: &[u8] = b"abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        let mut bytes = [0u8; 20];
        crate::web::random::fill(&mut bytes);
        let password = bytes
            .iter()
            .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
            .collect();
        Self(password)
    }

    /// The demo password, which is public and shorter than the policy allows.
    pub(crate) fn demo(raw: &str) -> Self {
        Self(raw.to_owned())
    }

    /// The clear text, only to hash it or to show a generated one once.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("NewPassword(…)")
    }
}

/// A staff account as stored (without its password hash).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct User {
    pub id: UserId,
    pub organization_id: OrganizationId,
    pub email: Email,
    pub display_name: String,
    pub role: Role,
    pub active: bool,
}

/// What is needed to create an account.
#[derive(Debug)]
pub struct NewUser {
    pub organization_id: OrganizationId,
    pub email: Email,
    pub display_name: DisplayName,
    pub role: Role,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_email_is_trimmed_and_lower_cased() {
        let email = Email::parse("  Camille.Martin@Exemple.FR ").unwrap();
        assert_eq!(email.as_str(), "camille.martin@exemple.fr");
    }

    #[test]
    fn look_alike_addresses_are_refused_and_equivalent_ones_are_one() {
        for look_alike in [
            "admin@demo.maille.test\u{200b}",
            "ad\u{200b}min@demo.maille.test",
            "\u{0430}dmin@demo.maille.test",
            "admin@dem\u{043e}.maille.test",
            "admin\u{2060}@demo.maille.test",
            "admin\u{00ad}@demo.maille.test",
        ] {
            assert_eq!(
                Email::parse(look_alike),
                Err(FieldError::new("email", "email-look-alike")),
                "{look_alike:?}"
            );
        }
        // Full-width letters and upper case are the same address.
        assert_eq!(
            Email::parse("ＡＤＭＩＮ@Demo.Maille.Test")
                .unwrap()
                .as_str(),
            "admin@demo.maille.test"
        );
        // A real address in one script, and an internationalised domain.
        assert_eq!(
            Email::parse("Élodie@École.fr").unwrap().as_str(),
            "élodie@xn--cole-9oa.fr"
        );
        assert_eq!(
            Email::parse("élodie@xn--cole-9oa.fr"),
            Email::parse("ÉLODIE@école.FR")
        );
        assert!(Email::parse("андрей@пример.рф").is_ok());
    }

    #[test]
    fn malformed_emails_are_refused_on_the_email_field() {
        for raw in [
            "",
            "camille",
            "camille@",
            "@exemple.fr",
            "camille@exemple",
            "ca mille@exemple.fr",
            "camille@exemple..fr",
            "camille@.exemple.fr",
            "a@b@exemple.fr",
        ] {
            let err = Email::parse(raw).unwrap_err();
            assert_eq!(err.field, "email", "{raw:?} should be refused");
        }
    }

    #[test]
    fn a_password_shorter_than_twelve_characters_is_refused() {
        assert_eq!(
            NewPassword::parse("court", "new_password").unwrap_err().key,
            "password-too-short"
        );
        assert!(NewPassword::parse("douze-caract", "new_password").is_ok());
        assert_eq!(
            NewPassword::parse(&"x".repeat(129), "p").unwrap_err().key,
            "password-too-long"
        );
    }

    #[test]
    fn a_generated_password_follows_the_policy_and_differs_each_time() {
        let a = NewPassword::generate();
        let b = NewPassword::generate();
        assert!(NewPassword::parse(a.expose(), "p").is_ok());
        assert_ne!(a.expose(), b.expose());
        assert!(!format!("{a:?}").contains(a.expose()));
    }

    #[test]
    fn roles_round_trip_through_their_codes() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Ok(role));
        }
        assert!(Role::parse("superuser").is_err());
    }

    #[test]
    fn mediators_work_in_structures_and_coordinators_above_them() {
        use OrganizationKind::*;
        assert!(Role::Mediator.fits(Structure));
        assert!(!Role::Mediator.fits(Federation));
        assert!(Role::Coordinator.fits(Federation));
        assert!(!Role::Coordinator.fits(Structure));
        assert!(Role::Admin.fits(Network));
    }

    #[test]
    fn a_manager_hands_out_only_structure_roles() {
        assert_eq!(Role::Manager.assignable(), [Role::Mediator, Role::Manager]);
        assert!(Role::Mediator.assignable().is_empty());
        assert!(Role::Coordinator.assignable().is_empty());
    }

    #[test]
    fn a_display_name_a_spreadsheet_would_run_is_refused() {
        assert_eq!(
            DisplayName::parse("=HYPERLINK(\"http://evil\",\"x\")"),
            Err(FieldError::new("display_name", "text-formula"))
        );
        assert!(DisplayName::parse("Anne-Marie = Martin").is_ok());
    }

    #[test]
    fn display_names_are_tidied_and_bounded() {
        assert_eq!(
            DisplayName::parse(" Camille  Martin ").unwrap().as_str(),
            "Camille Martin"
        );
        assert!(DisplayName::parse("C").is_err());
    }
}
