//! Use cases of a session's list: an inhabitant registers (a seat, or a
//! place on the waiting list), cancels from their link, a mediator cancels
//! for them; a freed seat goes to the first waiting, who is told. Each
//! change and the messages it announces are one transaction, which starts
//! by updating the session's row: concurrent changes to one session take
//! turns there, so no session ever confirms more people than seats.

use sea_orm::{ConnectionTrait, DbErr, TransactionSession, TransactionTrait};

use super::messages::{self, Kind};
use super::model::Contact;
use super::store::{self, RegistrationRecord, SessionRecord, seat, status};
use crate::db;
use crate::mediation::fields::Fields;
use crate::outbox::worker::Reach;
use crate::validation::FieldError;

/// Who messages reach, and from which address their links start.
#[derive(Clone, Debug)]
pub struct Courier {
    pub reach: Reach,
    /// `https://maille.example.org`: links in messages start here.
    pub origin: String,
}

/// How a registration came.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// The public page or the API, by the person.
    Public,
    /// A mediator, for someone on the phone or at the desk.
    Staff,
    /// Came without registering; added when attendance was taken.
    WalkIn,
}

impl Source {
    pub fn code(self) -> &'static str {
        match self {
            Self::Public => "public",
            Self::Staff => "staff",
            Self::WalkIn => "walk_in",
        }
    }
}

/// A registration made (or found: the same person registering twice).
#[derive(Clone, Debug)]
pub struct Registered {
    pub registration: RegistrationRecord,
    pub session: SessionRecord,
    /// On the waiting list: the person's rank (1 is next).
    pub rank: Option<u64>,
    /// The person was already registered: nothing new was made.
    pub already: bool,
}

/// Why a registration was not made.
#[derive(Debug)]
pub enum Refused {
    Invalid(Vec<FieldError>),
    /// The session was cancelled, already held, or has started.
    Closed,
    Database(DbErr),
}

impl From<DbErr> for Refused {
    fn from(err: DbErr) -> Self {
        Self::Database(err)
    }
}

/// Registers the person `fields` describe to `session`.
pub async fn register(
    db: &sea_orm::DatabaseConnection,
    session: &SessionRecord,
    fields: &Fields,
    source: Source,
    courier: &Courier,
) -> Result<Registered, Refused> {
    let contact = Contact::parse(fields).map_err(Refused::Invalid)?;
    if session.status != status::PLANNED || session.starts_at <= db::now() {
        return Err(Refused::Closed);
    }
    // Whether this person is on the list already is not asked first: the
    // list's unique (session, contact) index answers it when the
    // registration is written, which saves every other registration a
    // trip to the database.
    let key = contact.key();
    let now = db::now();
    let mut registration = RegistrationRecord {
        id: String::new(), // made in the transaction, below
        organization_id: session.organization_id.clone(),
        session_id: session.id.clone(),
        status: seat::CONFIRMED.to_owned(),
        name: contact.name,
        phone: contact.phone,
        email: contact.email,
        contact_key: Some(key.clone()),
        link_token: crate::web::random::token(),
        lang: crate::i18n::current().code().to_owned(),
        source: source.code().to_owned(),
        attended: None,
        beneficiary_id: None,
        reminded_at: None,
        created_at: now,
        updated_at: now,
    };
    let owned = (session.clone(), courier.clone());
    let written = db::write(db, move |tx| {
        let (session, courier) = owned;
        Box::pin(async move {
            // The first update takes a seat if one is free; the second, if
            // none was, a place on the waiting list. Either holds the
            // session's row until the end: no other change to the list
            // interleaves, and what is read next is current.
            let mut rank = None;
            if !store::take_seat(tx, &session.id).await? {
                let Some(current) = store::join_waiting(tx, &session.id).await? else {
                    return Err(Refused::Closed);
                };
                if current.confirmed < current.capacity {
                    // A seat freed between the two updates: it is this person's.
                    store::shift_counts(tx, &session.id, 1, -1).await?;
                } else {
                    registration.status = seat::WAITING.to_owned();
                    // Last on the list (the identifier below orders it
                    // after every registration before), so the rank is
                    // the count of those waiting, this person included.
                    rank = Some(u64::try_from(current.waiting).unwrap_or(0));
                }
            }
            // Made while the session's row is held, the identifier (ordered
            // by time) puts this registration after every one already on
            // the list: the waiting are promoted in that order.
            registration.id = db::new_id();
            store::insert_registration(tx, registration.clone()).await?;
            let waiting = registration.status == seat::WAITING;
            let kind = if waiting {
                Kind::Waiting
            } else {
                Kind::Confirmed
            };
            messages::enqueue(
                tx,
                courier.reach,
                &courier.origin,
                kind,
                &session,
                &registration,
                rank,
            )
            .await?;
            Ok(Registered {
                registration,
                session,
                rank,
                already: false,
            })
        })
    })
    .await;
    match written {
        // The same person, registered already (or at the same instant from
        // two tabs): nothing was written, what they have is found.
        Err(Refused::Database(err)) if db::is_unique_violation(&err) => {
            match store::registration_of_contact(db, &session.id, &key).await? {
                Some(found) => found_again(db, session, found).await,
                None => Err(err.into()),
            }
        }
        written => written,
    }
}

async fn found_again(
    db: &impl ConnectionTrait,
    session: &SessionRecord,
    found: RegistrationRecord,
) -> Result<Registered, Refused> {
    let rank = if found.status == seat::WAITING {
        Some(store::rank(db, &found).await?)
    } else {
        None
    };
    Ok(Registered {
        registration: found,
        session: session.clone(),
        rank,
        already: true,
    })
}

/// What a cancellation did.
#[derive(Debug, PartialEq, Eq)]
pub enum Cancelled {
    Done {
        /// The waiting registrations that got the freed seat.
        promoted: Vec<String>,
    },
    /// It was cancelled already (a second click, an old link).
    Already,
}

/// Cancels `registration` (by its link, or by a mediator) and gives its
/// seat to the first waiting.
pub async fn cancel<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    registration: &RegistrationRecord,
    courier: &Courier,
) -> Result<Cancelled, DbErr> {
    let (confirmed, waiting) = match registration.status.as_str() {
        seat::CONFIRMED => (-1, 0),
        seat::WAITING => (0, -1),
        _ => return Ok(Cancelled::Already),
    };
    let _turn = db::writer_turn(db).await;
    let tx = db.begin().await?;
    store::shift_counts(&tx, &registration.session_id, confirmed, waiting).await?;
    if !store::move_registration(&tx, &registration.id, &registration.status, seat::CANCELLED)
        .await?
    {
        tx.rollback().await?;
        return Ok(Cancelled::Already);
    }
    let Some(session) = store::find_public(&tx, &registration.session_id).await? else {
        tx.rollback().await?;
        return Ok(Cancelled::Already);
    };
    let mut cancelled = registration.clone();
    cancelled.status = seat::CANCELLED.to_owned();
    messages::enqueue(
        &tx,
        courier.reach,
        &courier.origin,
        Kind::Cancelled,
        &session,
        &cancelled,
        None,
    )
    .await?;
    let promoted = fill_seats(&tx, &session, courier).await?;
    tx.commit().await?;
    Ok(Cancelled::Done { promoted })
}

/// Gives free seats to the first waiting, in order, and tells each. Run
/// it in the transaction that freed the seats (after its first update of
/// the session's row).
pub async fn fill_seats(
    tx: &impl ConnectionTrait,
    session: &SessionRecord,
    courier: &Courier,
) -> Result<Vec<String>, DbErr> {
    let mut promoted = Vec::new();
    if session.status != status::PLANNED {
        return Ok(promoted);
    }
    while store::take_seat(tx, &session.id).await? {
        let Some(mut first) = store::first_waiting(tx, &session.id).await? else {
            store::shift_counts(tx, &session.id, -1, 0).await?;
            break;
        };
        store::move_registration(tx, &first.id, seat::WAITING, seat::CONFIRMED).await?;
        store::shift_counts(tx, &session.id, 0, -1).await?;
        first.status = seat::CONFIRMED.to_owned();
        messages::enqueue(
            tx,
            courier.reach,
            &courier.origin,
            Kind::Promoted,
            session,
            &first,
            None,
        )
        .await?;
        promoted.push(first.id);
    }
    Ok(promoted)
}
