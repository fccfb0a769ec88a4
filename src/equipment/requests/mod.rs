//! Requests for equipment, and the path before a gift: a household asks
//! (through a mediator, or the public form, without an account) for a
//! need — school, job search, telework, procedures, keeping in touch —
//! saying who lives at home; the structure's own eligibility checklist
//! gives its priority; the waiting list is ordered by priority, then
//! date. A mediator matches a request to a ready device and enrols the
//! person on a path of N sessions (the mediation activities recorded for
//! them from then on); once the path is done, the device is given — not
//! before — with its handover paper.
//!
//! Also the social internet offers a structure refers people to (its own
//! list: Maille invents no operator's offer), with each referral's
//! outcome, counted without personal data (`internet`).

pub mod criteria;
pub mod internet;
pub mod model;
pub mod public;
pub mod service;
pub mod staff;
pub mod store;
