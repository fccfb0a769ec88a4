//! A request and a criterion, parsed once from the staff form, the public
//! form or the API. Pure: which criteria and people the structure has is
//! checked by the use cases.

use crate::mediation::activity::{keep, optional_code, text};
use crate::mediation::fields::Fields;
use crate::mediation::vocabulary::List;
use crate::validation::FieldError;

use super::super::model::KINDS;

/// What the equipment is for.
pub const NEEDS: List = List {
    field: "need",
    entries: &[
        ("school", "Scolarité"),
        ("job_search", "Recherche d’emploi"),
        ("telework", "Télétravail"),
        ("procedures", "Démarches en ligne"),
        ("keep_in_touch", "Garder le lien"),
    ],
};

/// Where a request stands.
pub mod status {
    /// On the waiting list.
    pub const WAITING: &str = "waiting";
    /// A device is set aside; the person follows the path.
    pub const PATH: &str = "path";
    /// The device was given.
    pub const GIVEN: &str = "given";
    /// Closed without a device (the household's choice or the structure's).
    pub const CLOSED: &str = "closed";
}

/// The longest name, household description or criterion.
const MAX_SHORT: usize = 200;

/// A request as submitted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    pub need: &'static str,
    pub kind: &'static str,
    /// Who lives at home, in words: « 2 adultes, 3 enfants au collège ».
    pub household: String,
    /// Ids of the structure's criteria the household meets (checked by the use case).
    pub criteria: Vec<String>,
}

impl Request {
    /// Parses a request; every refusal names its field.
    pub fn parse(fields: &Fields) -> Result<Self, Vec<FieldError>> {
        let mut errors = Vec::new();
        let need = match keep(&mut errors, optional_code(fields, NEEDS)) {
            Some(Some(need)) => Some(need),
            Some(None) => {
                errors.push(
                    FieldError::new("need", "request-need-required")
                        .with_arg("values", NEEDS.codes().collect::<Vec<_>>().join(", ")),
                );
                None
            }
            None => None,
        };
        let kind = keep(&mut errors, optional_code(fields, KINDS))
            .flatten()
            .unwrap_or("laptop");
        let household = keep(&mut errors, text(fields, "household", MAX_SHORT)).unwrap_or_default();
        let criteria = fields
            .all("criteria")
            .iter()
            .map(|c| c.trim().to_owned())
            .filter(|c| !c.is_empty())
            .take(50)
            .collect();
        match need {
            Some(need) if errors.is_empty() => Ok(Self {
                need,
                kind,
                household: household.trim().to_owned(),
                criteria,
            }),
            _ => Err(errors),
        }
    }
}

/// A household asking without an account: a name, a phone or an e-mail,
/// and consent to be contacted about the request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Asker {
    pub name: String,
    pub phone: Option<String>,
    pub email: Option<String>,
}

impl Asker {
    /// Parses the asker with the workshops' contact rules (one way to
    /// reach them is enough; consent required).
    pub fn parse(fields: &Fields) -> Result<Self, Vec<FieldError>> {
        let contact = crate::workshops::model::Contact::parse(fields)?;
        Ok(Self {
            name: contact.name,
            phone: contact.phone,
            email: contact.email,
        })
    }
}

/// A criterion of the structure's checklist.
pub fn parse_criterion(fields: &Fields) -> Result<String, FieldError> {
    let label = text(fields, "label", MAX_SHORT)?;
    let label = label.trim();
    if label.chars().count() < 3 {
        return Err(FieldError::new("label", "request-criterion-label").with_value(label));
    }
    Ok(label.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&str, &str)]) -> Fields {
        Fields::from_pairs(
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned())),
        )
    }

    #[test]
    fn a_request_needs_its_need_and_keeps_the_criteria_ticked() {
        let request = Request::parse(&fields(&[
            ("need", "school"),
            ("household", " 2 adultes, 3 enfants "),
            ("criteria", "c1"),
            ("criteria", "c2"),
        ]))
        .unwrap();
        assert_eq!(request.kind, "laptop");
        assert_eq!(request.household, "2 adultes, 3 enfants");
        assert_eq!(request.criteria, ["c1", "c2"]);
        let refused = Request::parse(&fields(&[("need", "yacht")])).unwrap_err();
        assert_eq!(refused[0].field, "need");
    }
}
