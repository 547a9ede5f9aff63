//! Accounts, memberships, sessions, slowed-down guessing and the audit log.
//!
//! - Passwords are hashed with argon2id (the crate's recommended parameters).
//! - A session cookie holds a random 256-bit token; the database keeps only its SHA-256,
//!   so a copy of the database lets nobody sign in.
//! - Failed sign-ins are counted per account and per client address in the database, so
//!   the limit holds across every app instance.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use chrono::{DateTime, Duration, Utc};
use password_hash::rand_core::{OsRng, RngCore};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use sha2::{Digest, Sha256};

use super::entities::{app_user, audit_entry, membership, organisation, session, sign_in_failure};
use crate::domain::{MemberRole, Title, ValidationError, say};
use crate::error::AppError;

/// How long a session lasts without signing in again.
pub const SESSION_DAYS: i64 = 30;
/// A session unused for this long ends before its time (a forgotten browser).
pub const IDLE_DAYS: i64 = 7;
/// How stale a session's "last seen" may get before a request writes it again (so that
/// reading pages does not write on every request).
const SEEN_EVERY_MINUTES: i64 = 60;
/// Failed sign-ins judged without delay within `FAILURE_WINDOW_MINUTES`: for one account
/// from one client address, from one address for any accounts, and for one account from
/// addresses it has never signed in from. Beyond them each further attempt waits
/// `FIRST_WAIT_SECONDS`, doubling up to the window, after the last failure of its kind.
pub const MAX_FAILURES_PER_ACCOUNT: u64 = 5;
pub const MAX_FAILURES_PER_ADDRESS: u64 = 20;
pub const MAX_FAILURES_PER_ACCOUNT_FROM_NEW_ADDRESSES: u64 = 10;
pub const FAILURE_WINDOW_MINUTES: i64 = 15;
pub const FIRST_WAIT_SECONDS: i64 = 30;
/// An address an account signed in from within this many days is the account's own: the
/// guesses of strangers elsewhere do not slow it down.
pub const KNOWN_ADDRESS_DAYS: i64 = 30;

/// Password hashes computed at once, each on a blocking thread: argon2 is meant to be slow,
/// so a burst of sign-ins (or a guesser sending random e-mails) queues here instead of
/// holding up the async workers that serve pages, feeds and live views.
static HASHING: std::sync::LazyLock<tokio::sync::Semaphore> = std::sync::LazyLock::new(|| {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    tokio::sync::Semaphore::new(cores.div_ceil(2))
});

/// Runs one argon2 computation on a blocking thread, waiting for a turn.
async fn argon2_turn<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    let _turn = HASHING
        .acquire()
        .await
        .expect("the hashing semaphore is never closed");
    tokio::task::spawn_blocking(work)
        .await
        .expect("password hashing does not panic")
}

/// Hashes a password with argon2id and a random salt.
pub async fn hash_password(password: &str) -> Result<String, AppError> {
    let password = password.to_owned();
    argon2_turn(move || hash_now(&password)).await
}

fn hash_now(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::internal("hashing a password", e))
}

/// Whether `password` matches a stored argon2 hash.
pub async fn verify_password(hash: &str, password: &str) -> bool {
    let (hash, password) = (hash.to_owned(), password.to_owned());
    argon2_turn(move || verify_now(&hash, &password)).await
}

fn verify_now(hash: &str, password: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// A fresh random 256-bit token, in hex (64 characters).
pub(crate) fn new_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The stored form of a secret token: its SHA-256, in hex.
pub(crate) fn token_id(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Checks an e-mail address enough to catch typing mistakes.
pub fn parse_email(raw: &str) -> Result<String, ValidationError> {
    let email = raw.trim().to_lowercase();
    let ok = email.len() <= 254
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        && email.split_once('@').is_some_and(|(user, host)| {
            !user.is_empty() && host.contains('.') && !host.starts_with('.')
        });
    if ok {
        Ok(email)
    } else {
        Err(ValidationError::new("email", say!("refusal-email-format")))
    }
}

/// Checks a new password: 10 to 1,024 characters.
pub fn check_new_password(raw: &str) -> Result<(), ValidationError> {
    let n = raw.chars().count();
    if n < 10 {
        return Err(ValidationError::new(
            "password",
            say!("refusal-password-short"),
        ));
    }
    if n > 1024 {
        return Err(ValidationError::new(
            "password",
            say!("refusal-password-long"),
        ));
    }
    Ok(())
}

/// Creates an account; the e-mail address must be new.
pub async fn create_user(
    db: &impl ConnectionTrait,
    email: &str,
    display_name: &str,
    password: &str,
    now: DateTime<Utc>,
) -> Result<app_user::Model, AppError> {
    let email = parse_email(email)?;
    let name = Title::parse("display_name", display_name)?;
    check_new_password(password)?;
    let taken = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(&email))
        .count(db)
        .await?
        > 0;
    if taken {
        return Err(ValidationError::new("email", say!("refusal-email-taken")).into());
    }
    let user = app_user::ActiveModel {
        email: Set(email),
        display_name: Set(name.as_str().to_owned()),
        password_hash: Set(hash_password(password).await?),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    audit(db, None, Some(user.id), "user.create", &user.email, "", now).await?;
    Ok(user)
}

/// Gives a user a role in an organisation (or changes it).
pub async fn set_membership(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    user_id: i32,
    role: MemberRole,
    by: Option<i32>,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let existing = membership::Entity::find()
        .filter(membership::Column::OrganisationId.eq(organisation_id))
        .filter(membership::Column::UserId.eq(user_id))
        .one(db)
        .await?;
    match existing {
        Some(m) => {
            let mut m: membership::ActiveModel = m.into();
            m.role = Set(role);
            m.update(db).await?;
        }
        None => {
            membership::ActiveModel {
                organisation_id: Set(organisation_id),
                user_id: Set(user_id),
                role: Set(role),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(db)
            .await?;
        }
    }
    audit(
        db,
        Some(organisation_id),
        by,
        "membership.set",
        &format!("user {user_id}"),
        role.as_str(),
        now,
    )
    .await
}

/// Why a sign-in was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignInRefusal {
    /// Wrong address or password (which of the two is not said).
    Invalid,
    /// Too many recent failures for this account or from this address: the attempt was
    /// not judged; the next one will be after this long.
    TooMany(Duration),
}

/// A new session: the token goes into the cookie and nowhere else.
#[derive(Debug, Clone)]
pub struct NewSession {
    pub token: String,
    pub user: app_user::Model,
}

/// Checks e-mail and password; counts failures; opens a session on success.
pub async fn sign_in(
    db: &DatabaseConnection,
    email: &str,
    password: &str,
    address: &str,
    now: DateTime<Utc>,
) -> Result<Result<NewSession, SignInRefusal>, AppError> {
    // No account has control characters in its address (PostgreSQL would refuse a NUL
    // in the query), nor more than 254 characters.
    let email: String = email
        .trim()
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_control())
        .take(254)
        .collect();
    let address: String = address
        .chars()
        .filter(|c| !c.is_control())
        .take(100)
        .collect();
    let address = address.as_str();
    let user = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(&email))
        .one(db)
        .await?;
    // The attempt is recorded before it is judged, so parallel guesses count each other:
    // of any burst, at most the allowance is judged.
    let attempt = sign_in_failure::ActiveModel {
        email: Set(email.clone()),
        address: Set(address.to_owned()),
        at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    if let Some(wait) = wait_before_judging(db, &attempt, user.as_ref(), now).await? {
        // Not judged, so not a failure: only judged guesses slow the next ones down.
        sign_in_failure::Entity::delete_by_id(attempt.id)
            .exec(db)
            .await?;
        return Ok(Err(SignInRefusal::TooMany(wait)));
    }
    let ok = match &user {
        Some(u) => verify_password(&u.password_hash, password).await,
        None => {
            // Same work as for a real account, so timing does not tell who has one.
            let _ = hash_password(password).await;
            false
        }
    };
    let Some(user) = user.filter(|_| ok) else {
        return Ok(Err(SignInRefusal::Invalid));
    };
    sign_in_failure::Entity::delete_by_id(attempt.id)
        .exec(db)
        .await?;
    let token = new_token();
    session::ActiveModel {
        id: Set(token_id(&token)),
        user_id: Set(user.id),
        created_at: Set(now),
        expires_at: Set(now + Duration::days(SESSION_DAYS)),
        last_seen_at: Set(Some(now)),
    }
    .insert(db)
    .await?;
    audit(
        db,
        None,
        Some(user.id),
        "session.sign_in",
        &user.email,
        address,
        now,
    )
    .await?;
    Ok(Ok(NewSession { token, user }))
}

/// How long an attempt must wait before it is judged, if it must: the recorded failures
/// (in flight ones included) of its account from its address, of its address, and of its
/// account from addresses it has not signed in from, each against its allowance.
async fn wait_before_judging(
    db: &DatabaseConnection,
    attempt: &sign_in_failure::Model,
    user: Option<&app_user::Model>,
    now: DateTime<Utc>,
) -> Result<Option<Duration>, AppError> {
    use sea_orm::Condition;
    let window = sign_in_failure::Column::At.gt(now - Duration::minutes(FAILURE_WINDOW_MINUTES));
    let email = sign_in_failure::Column::Email.eq(&attempt.email);
    let address = sign_in_failure::Column::Address.eq(&attempt.address);
    let mut keys = vec![
        (
            Condition::all().add(email.clone()).add(address.clone()),
            MAX_FAILURES_PER_ACCOUNT,
        ),
        (Condition::all().add(address), MAX_FAILURES_PER_ADDRESS),
    ];
    let known = match user {
        Some(u) => {
            audit_entry::Entity::find()
                .filter(audit_entry::Column::UserId.eq(u.id))
                .filter(audit_entry::Column::Action.eq("session.sign_in"))
                .filter(audit_entry::Column::Detail.eq(&attempt.address))
                .filter(audit_entry::Column::At.gt(now - Duration::days(KNOWN_ADDRESS_DAYS)))
                .count(db)
                .await?
                > 0
        }
        None => false,
    };
    if !known {
        keys.push((
            Condition::all().add(email),
            MAX_FAILURES_PER_ACCOUNT_FROM_NEW_ADDRESSES,
        ));
    }
    let mut wait = Duration::zero();
    for (key, allowance) in keys {
        let rows = sign_in_failure::Entity::find()
            .filter(key)
            .filter(window.clone())
            .filter(sign_in_failure::Column::Id.ne(attempt.id))
            .order_by_desc(sign_in_failure::Column::At)
            .all(db)
            .await?;
        let before = rows.len() as u64;
        if before < allowance {
            continue;
        }
        let beyond = u32::try_from(before - allowance)
            .unwrap_or(u32::MAX)
            .min(10);
        let pause = Duration::seconds(FIRST_WAIT_SECONDS * 2_i64.pow(beyond))
            .min(Duration::minutes(FAILURE_WINDOW_MINUTES));
        let free_at = rows[0].at + pause;
        if free_at > now {
            wait = wait.max(free_at - now);
        }
    }
    Ok((wait > Duration::zero()).then_some(wait))
}

/// The user a session token belongs to, if the session is open.
pub async fn session_user(
    db: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<app_user::Model>, AppError> {
    let Some(s) = session::Entity::find_by_id(token_id(token)).one(db).await? else {
        return Ok(None);
    };
    let seen = s.last_seen_at.unwrap_or(s.created_at);
    if s.expires_at <= now || seen + Duration::days(IDLE_DAYS) <= now {
        return Ok(None);
    }
    if seen + Duration::minutes(SEEN_EVERY_MINUTES) <= now {
        session::Entity::update_many()
            .col_expr(
                session::Column::LastSeenAt,
                sea_orm::sea_query::Expr::value(now),
            )
            .filter(session::Column::Id.eq(&s.id))
            .exec(db)
            .await?;
    }
    Ok(app_user::Entity::find_by_id(s.user_id).one(db).await?)
}

/// How many browsers a user is signed in on.
pub async fn open_sessions(
    db: &impl ConnectionTrait,
    user_id: i32,
    now: DateTime<Utc>,
) -> Result<u64, AppError> {
    Ok(session::Entity::find()
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::ExpiresAt.gt(now))
        .count(db)
        .await?)
}

/// Changes a user's password, after checking the current one, and signs out every other
/// browser (whoever learnt the old password is out). `keep` is the token of the session
/// making the change.
pub async fn change_password(
    db: &DatabaseConnection,
    user: &app_user::Model,
    keep: &str,
    current: &str,
    new: &str,
    again: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if !verify_password(&user.password_hash, current).await {
        return Err(
            ValidationError::new("current_password", say!("refusal-not-current-password")).into(),
        );
    }
    check_new_password(new).map_err(|e| ValidationError::new("new_password", e.message))?;
    if new != again {
        return Err(
            ValidationError::new("new_password_again", say!("refusal-passwords-differ")).into(),
        );
    }
    replace_password(db, user, new, Some(keep), "user.password", now).await
}

/// Sets a new password for the account `email` without the old one (an operator, on the
/// command line) and ends all its sessions.
pub async fn reset_password(
    db: &DatabaseConnection,
    email: &str,
    new: &str,
    now: DateTime<Utc>,
) -> Result<app_user::Model, AppError> {
    let email = parse_email(email)?;
    check_new_password(new)?;
    let Some(user) = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(&email))
        .one(db)
        .await?
    else {
        return Err(ValidationError::new("email", say!("refusal-no-such-account")).into());
    };
    replace_password(db, &user, new, None, "user.password_reset", now).await?;
    Ok(user)
}

/// Stores `new` as the user's password and ends every session of theirs but `keep` (the
/// token of the session making the change), with the audit entry `action`, in one
/// transaction.
async fn replace_password(
    db: &DatabaseConnection,
    user: &app_user::Model,
    new: &str,
    keep: Option<&str>,
    action: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let hash = hash_password(new).await?;
    let txn = super::begin_write(db).await?;
    store_password(&txn, user.id, hash, keep).await?;
    audit(&txn, None, Some(user.id), action, &user.email, "", now).await?;
    txn.commit().await?;
    Ok(())
}

/// Stores a new password hash for a user and ends every session of theirs but `keep`.
pub(crate) async fn store_password(
    db: &impl ConnectionTrait,
    user_id: i32,
    hash: String,
    keep: Option<&str>,
) -> Result<(), AppError> {
    app_user::Entity::update_many()
        .col_expr(
            app_user::Column::PasswordHash,
            sea_orm::sea_query::Expr::value(hash),
        )
        .filter(app_user::Column::Id.eq(user_id))
        .exec(db)
        .await?;
    end_sessions(db, user_id, keep).await
}

/// Ends every session of a user, but the one of token `keep`.
async fn end_sessions(
    db: &impl ConnectionTrait,
    user_id: i32,
    keep: Option<&str>,
) -> Result<(), AppError> {
    let mut sessions = session::Entity::delete_many().filter(session::Column::UserId.eq(user_id));
    if let Some(token) = keep {
        sessions = sessions.filter(session::Column::Id.ne(token_id(token)));
    }
    sessions.exec(db).await?;
    Ok(())
}

/// Signs a user out of every browser, this one included.
pub async fn sign_out_everywhere(
    db: &DatabaseConnection,
    user_id: i32,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let txn = super::begin_write(db).await?;
    end_sessions(&txn, user_id, None).await?;
    audit(
        &txn,
        None,
        Some(user_id),
        "session.sign_out_everywhere",
        "",
        "",
        now,
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Forgets what is no longer needed: ended and idle sessions, sign-in attempts older
/// than the guessing window, and the client addresses of sign-ins older than
/// `KNOWN_ADDRESS_DAYS` (the audit entry stays, without the address), and expired
/// password-reset links. Run at start and every hour.
pub async fn prune(db: &DatabaseConnection, now: DateTime<Utc>) -> Result<(), AppError> {
    use sea_orm::Condition;
    session::Entity::delete_many()
        .filter(
            Condition::any()
                .add(session::Column::ExpiresAt.lte(now))
                .add(session::Column::LastSeenAt.lte(now - Duration::days(IDLE_DAYS))),
        )
        .exec(db)
        .await?;
    sign_in_failure::Entity::delete_many()
        .filter(sign_in_failure::Column::At.lte(now - Duration::minutes(FAILURE_WINDOW_MINUTES)))
        .exec(db)
        .await?;
    audit_entry::Entity::update_many()
        .col_expr(
            audit_entry::Column::Detail,
            sea_orm::sea_query::Expr::value(""),
        )
        .filter(audit_entry::Column::Action.eq("session.sign_in"))
        .filter(audit_entry::Column::At.lte(now - Duration::days(KNOWN_ADDRESS_DAYS)))
        .filter(audit_entry::Column::Detail.ne(""))
        .exec(db)
        .await?;
    super::password_reset::prune(db, now).await
}

/// Closes a session.
pub async fn sign_out(
    db: &DatabaseConnection,
    token: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if let Some(s) = session::Entity::find_by_id(token_id(token)).one(db).await? {
        session::Entity::delete_by_id(s.id).exec(db).await?;
        audit(db, None, Some(s.user_id), "session.sign_out", "", "", now).await?;
    }
    Ok(())
}

/// The organisations a user belongs to, with the role in each.
pub async fn memberships(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> Result<Vec<(organisation::Model, MemberRole)>, AppError> {
    let rows = membership::Entity::find()
        .filter(membership::Column::UserId.eq(user_id))
        .all(db)
        .await?;
    let mut out = Vec::new();
    for m in rows {
        let role = m.role;
        if let Some(o) = organisation::Entity::find_by_id(m.organisation_id)
            .one(db)
            .await?
        {
            out.push((o, role));
        }
    }
    out.sort_by(|a, b| a.0.name.cmp(&b.0.name));
    Ok(out)
}

/// The role of a user in an organisation, if a member.
pub async fn role_in(
    db: &impl ConnectionTrait,
    user_id: i32,
    organisation_id: i32,
) -> Result<Option<MemberRole>, AppError> {
    Ok(membership::Entity::find()
        .filter(membership::Column::UserId.eq(user_id))
        .filter(membership::Column::OrganisationId.eq(organisation_id))
        .one(db)
        .await?
        .map(|m| m.role))
}

/// The organisation `slug` if user `user_id` is a member whose role allows `p`: the one
/// membership check of every members' page, form, feed and export. Someone who is not a
/// member is told the organisation's internal pages do not exist.
pub async fn member_of(
    db: &impl ConnectionTrait,
    user_id: i32,
    slug: &str,
    p: crate::domain::access::Permission,
) -> Result<(organisation::Model, MemberRole), AppError> {
    let org = super::queries::organisation_by_slug(db, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let role = role_in(db, user_id, org.id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !role.allows(p) {
        return Err(AppError::Forbidden);
    }
    Ok((org, role))
}

/// Records a change in the audit log.
pub async fn audit(
    db: &impl ConnectionTrait,
    organisation_id: Option<i32>,
    user_id: Option<i32>,
    action: &str,
    subject: &str,
    detail: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    audit_entry::ActiveModel {
        organisation_id: Set(organisation_id),
        user_id: Set(user_id),
        at: Set(now),
        action: Set(action.into()),
        subject: Set(subject.chars().take(200).collect()),
        detail: Set(detail.chars().take(2000).collect()),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// The newest audit entries of an organisation.
pub async fn audit_log(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    limit: u64,
) -> Result<Vec<audit_entry::Model>, AppError> {
    use sea_orm::QuerySelect;
    Ok(audit_entry::Entity::find()
        .filter(audit_entry::Column::OrganisationId.eq(organisation_id))
        .order_by_desc(audit_entry::Column::At)
        .limit(limit)
        .all(db)
        .await?)
}

/// The newest audit entries of an organisation, each with the display name of who made
/// it (empty when unknown).
pub async fn audit_log_named(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    limit: u64,
) -> Result<Vec<(audit_entry::Model, String)>, AppError> {
    let entries = audit_log(db, organisation_id, limit).await?;
    let names = display_names(db, entries.iter().filter_map(|e| e.user_id)).await?;
    Ok(entries
        .into_iter()
        .map(|e| {
            let who = e
                .user_id
                .and_then(|id| names.get(&id).cloned())
                .unwrap_or_default();
            (e, who)
        })
        .collect())
}

/// The display names of the given accounts, by id (one query).
pub async fn display_names(
    db: &impl ConnectionTrait,
    user_ids: impl IntoIterator<Item = i32>,
) -> Result<std::collections::HashMap<i32, String>, AppError> {
    Ok(app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(user_ids))
        .all(db)
        .await?
        .into_iter()
        .map(|u| (u.id, u.display_name))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_with_argon2id_and_verify() {
        let hash = hash_now("correct horse battery").unwrap();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
        assert!(verify_now(&hash, "correct horse battery"));
        assert!(!verify_now(&hash, "Correct horse battery"));
        assert!(!verify_now("not a hash", "x"));
    }

    #[test]
    fn email_and_password_rules_name_their_field() {
        assert_eq!(
            parse_email(" Host@Example.org ").unwrap(),
            "host@example.org"
        );
        assert_eq!(parse_email("no-at-sign").unwrap_err().field, "email");
        assert_eq!(parse_email("a b@example.org").unwrap_err().field, "email");
        assert_eq!(check_new_password("short").unwrap_err().field, "password");
        assert!(check_new_password("long enough pass").is_ok());
    }
}

/// The refusal of a change made from a page opened before someone else's change, naming
/// who made the newest audited change that `filter` picks out, and when.
pub async fn stale(
    db: &impl ConnectionTrait,
    organisation_id: i32,
    filter: sea_orm::Condition,
) -> AppError {
    let last = audit_entry::Entity::find()
        .filter(audit_entry::Column::OrganisationId.eq(organisation_id))
        .filter(filter)
        .order_by_desc(audit_entry::Column::At)
        .one(db)
        .await;
    let Ok(Some(entry)) = last else {
        return AppError::Conflict(say!("refusal-changed-meanwhile"));
    };
    let who = match entry.user_id {
        Some(user) => display_names(db, [user])
            .await
            .ok()
            .and_then(|names| names.into_values().next()),
        None => None,
    };
    let at = entry.at.format("%H:%M").to_string();
    AppError::Conflict(match who {
        Some(who) => say!("refusal-changed-by", who = who, at = at),
        None => say!("refusal-changed-by-someone", at = at),
    })
}

/// Whether the one-time setup is still open: no account exists yet.
pub async fn setup_open(db: &impl ConnectionTrait) -> Result<bool, AppError> {
    Ok(app_user::Entity::find().count(db).await? == 0)
}

/// What the one-time setup page asks for.
#[derive(Debug, Clone, Default)]
pub struct SetupForm {
    pub display_name: String,
    pub email: String,
    pub password: String,
    pub password_again: String,
    /// The slug of an organisation already there (the demo, an import) to own, or empty
    /// to make a new one named `org_name`.
    pub organisation: String,
    /// The new organisation, when `organisation` is empty.
    pub new_organisation: super::organisation::NewOrganisation,
}

/// Makes the first account, owner of an organisation, while no account exists; refused
/// as not found once one does (the page is gone). One transaction.
pub async fn first_owner(
    db: &DatabaseConnection,
    form: &SetupForm,
    now: DateTime<Utc>,
) -> Result<(app_user::Model, organisation::Model), AppError> {
    let txn = super::begin_write(db).await?;
    // Two posts at once must not both find no account. SQLite's write transaction is
    // already exclusive; on PostgreSQL a lock that conflicts with itself makes the second
    // wait for the first to commit, then see its account.
    if txn.get_database_backend() == sea_orm::DbBackend::Postgres {
        txn.execute_unprepared("LOCK TABLE app_user IN SHARE ROW EXCLUSIVE MODE")
            .await?;
    }
    if !setup_open(&txn).await? {
        return Err(AppError::NotFound);
    }
    check_new_password(&form.password)?;
    if form.password != form.password_again {
        return Err(
            ValidationError::new("password_again", say!("refusal-passwords-differ")).into(),
        );
    }
    let org = if form.organisation.trim().is_empty() {
        super::organisation::create(&txn, &form.new_organisation, now).await?
    } else {
        organisation::Entity::find()
            .filter(organisation::Column::Slug.eq(form.organisation.trim()))
            .one(&txn)
            .await?
            .ok_or_else(|| {
                ValidationError::new("organisation", say!("refusal-choose-organisation"))
            })?
    };
    let user = create_user(&txn, &form.email, &form.display_name, &form.password, now).await?;
    set_membership(&txn, org.id, user.id, MemberRole::Owner, Some(user.id), now).await?;
    audit(
        &txn,
        Some(org.id),
        Some(user.id),
        "setup.first_owner",
        &user.email,
        &org.slug,
        now,
    )
    .await?;
    txn.commit().await?;
    Ok((user, org))
}
