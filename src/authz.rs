//! The one authorisation guard. Every staff route states what it is about
//! to do as an [`Action`] and asks [`allows`]; no handler decides alone.
//!
//! The rules (PRODUCT.md): a person acts only inside their own organisation;
//! a coordinator sees aggregates of the structures below theirs and never
//! personal data; an administrator manages the tree and accounts, and does
//! not read structures' personal data either.

use crate::accounts::{Role, User};
use crate::organizations::OrganizationId;

/// Something a logged-in person wants to do.
#[derive(Clone, Copy, Debug)]
pub enum Action<'a> {
    /// See their own staff home and change their own password.
    UseOwnSpace,
    /// List, create, edit or deactivate accounts of an organisation.
    ManageAccountsOf(&'a OrganizationId),
    /// Give an account this role.
    AssignRole(Role),
    /// Read the security journal of an organisation.
    ReadJournalOf(&'a OrganizationId),
    /// Read the whole journal.
    ReadWholeJournal,
    /// Create organisations and see the whole tree.
    ManageOrganizations,
    /// See aggregated figures of the structures below one's organisation.
    ReadAggregates,
    /// Read personal data (beneficiaries, appointments…) held by an organisation.
    ReadPersonalDataOf(&'a OrganizationId),
    /// Erase a person followed by an organisation, and all they are.
    ErasePersonalDataOf(&'a OrganizationId),
    /// Create and edit the places a structure runs, and their stops.
    ManagePlacesOf(&'a OrganizationId),
    /// Import a file of places in the national schema (national data,
    /// with no owning structure): a network's work.
    ImportPlaces,
    /// Correct a place of national data (one no structure runs) by hand.
    EditNationalPlaces,
}

/// Whether `user` may perform `action`.
pub fn allows(user: &User, action: &Action<'_>) -> bool {
    if !user.active {
        return false;
    }
    let own = |organization: &OrganizationId| *organization == user.organization_id;
    match (user.role, action) {
        (_, Action::UseOwnSpace) => true,
        (Role::Admin, Action::ManageAccountsOf(_) | Action::ReadJournalOf(_)) => true,
        (Role::Admin, Action::ReadWholeJournal | Action::ManageOrganizations) => true,
        (Role::Manager, Action::ManageAccountsOf(org) | Action::ReadJournalOf(org)) => own(org),
        (role, Action::AssignRole(wanted)) => role.assignable().contains(wanted),
        (Role::Coordinator | Role::Admin, Action::ReadAggregates) => true,
        (Role::Mediator | Role::Manager, Action::ReadPersonalDataOf(org)) => own(org),
        (Role::Manager, Action::ManagePlacesOf(org) | Action::ErasePersonalDataOf(org)) => own(org),
        (Role::Coordinator | Role::Admin, Action::ImportPlaces) => true,
        (Role::Admin, Action::EditNationalPlaces) => true,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::{Email, UserId};

    fn user(role: Role, organization: &OrganizationId) -> User {
        User {
            id: UserId::parse("019a5a7e-1f2b-7c3d-8e4f-0a1b2c3d4e5f").unwrap(),
            organization_id: organization.clone(),
            email: Email::parse("a@exemple.fr").unwrap(),
            display_name: "A".into(),
            role,
            active: true,
        }
    }

    fn ids() -> (OrganizationId, OrganizationId) {
        (
            OrganizationId::parse("019a5a7e-0000-7000-8000-000000000001").unwrap(),
            OrganizationId::parse("019a5a7e-0000-7000-8000-000000000002").unwrap(),
        )
    }

    #[test]
    fn a_manager_manages_accounts_of_their_structure_only() {
        let (mine, theirs) = ids();
        let manager = user(Role::Manager, &mine);
        assert!(allows(&manager, &Action::ManageAccountsOf(&mine)));
        assert!(!allows(&manager, &Action::ManageAccountsOf(&theirs)));
        assert!(!allows(&manager, &Action::ReadJournalOf(&theirs)));
    }

    #[test]
    fn a_coordinator_never_reads_personal_data_even_of_their_own_organisation() {
        let (mine, _) = ids();
        let coordinator = user(Role::Coordinator, &mine);
        assert!(allows(&coordinator, &Action::ReadAggregates));
        assert!(!allows(&coordinator, &Action::ReadPersonalDataOf(&mine)));
        assert!(!allows(&coordinator, &Action::ManageAccountsOf(&mine)));
        assert!(!allows(&coordinator, &Action::ReadJournalOf(&mine)));
    }

    #[test]
    fn a_mediator_reads_their_structures_personal_data_and_manages_nothing() {
        let (mine, theirs) = ids();
        let mediator = user(Role::Mediator, &mine);
        assert!(allows(&mediator, &Action::ReadPersonalDataOf(&mine)));
        assert!(!allows(&mediator, &Action::ReadPersonalDataOf(&theirs)));
        assert!(!allows(&mediator, &Action::ManageAccountsOf(&mine)));
        assert!(!allows(&mediator, &Action::ReadAggregates));
    }

    #[test]
    fn an_admin_manages_the_tree_but_reads_no_structures_personal_data() {
        let (mine, theirs) = ids();
        let admin = user(Role::Admin, &mine);
        assert!(allows(&admin, &Action::ManageOrganizations));
        assert!(allows(&admin, &Action::ManageAccountsOf(&theirs)));
        assert!(allows(&admin, &Action::AssignRole(Role::Coordinator)));
        assert!(!allows(&admin, &Action::ReadPersonalDataOf(&theirs)));
    }

    #[test]
    fn a_manager_edits_their_structures_places_and_a_network_imports_national_data() {
        let (mine, theirs) = ids();
        let manager = user(Role::Manager, &mine);
        assert!(allows(&manager, &Action::ManagePlacesOf(&mine)));
        assert!(!allows(&manager, &Action::ManagePlacesOf(&theirs)));
        assert!(!allows(&manager, &Action::ImportPlaces));
        assert!(!allows(
            &user(Role::Mediator, &mine),
            &Action::ManagePlacesOf(&mine)
        ));
        assert!(allows(
            &user(Role::Coordinator, &mine),
            &Action::ImportPlaces
        ));
        assert!(!allows(
            &user(Role::Coordinator, &mine),
            &Action::ManagePlacesOf(&mine)
        ));
    }

    #[test]
    fn only_an_admin_corrects_national_places_by_hand() {
        let (mine, _) = ids();
        assert!(allows(
            &user(Role::Admin, &mine),
            &Action::EditNationalPlaces
        ));
        for role in [Role::Coordinator, Role::Manager, Role::Mediator] {
            assert!(
                !allows(&user(role, &mine), &Action::EditNationalPlaces),
                "{role:?}"
            );
        }
    }

    #[test]
    fn only_a_structures_manager_erases_a_person_it_follows() {
        let (mine, theirs) = ids();
        assert!(allows(
            &user(Role::Manager, &mine),
            &Action::ErasePersonalDataOf(&mine)
        ));
        assert!(!allows(
            &user(Role::Manager, &mine),
            &Action::ErasePersonalDataOf(&theirs)
        ));
        for role in [Role::Mediator, Role::Coordinator, Role::Admin] {
            assert!(
                !allows(&user(role, &mine), &Action::ErasePersonalDataOf(&mine)),
                "{role:?}"
            );
        }
    }

    #[test]
    fn a_deactivated_account_may_do_nothing() {
        let (mine, _) = ids();
        let mut manager = user(Role::Manager, &mine);
        manager.active = false;
        assert!(!allows(&manager, &Action::UseOwnSpace));
        assert!(!allows(&manager, &Action::ManageAccountsOf(&mine)));
    }

    #[test]
    fn a_manager_cannot_make_someone_an_admin() {
        let (mine, _) = ids();
        let manager = user(Role::Manager, &mine);
        assert!(allows(&manager, &Action::AssignRole(Role::Mediator)));
        assert!(!allows(&manager, &Action::AssignRole(Role::Admin)));
        assert!(!allows(&manager, &Action::AssignRole(Role::Coordinator)));
    }
}
