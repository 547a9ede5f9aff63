//! Live updates across every app instance: each change to a gathering's run of show is
//! announced, and every open live view of that gathering hears of it within a second
//! or two (server-sent events).
//!
//! - One instance (SQLite): a broadcast channel in memory.
//! - Several instances on PostgreSQL: the announcement is a `NOTIFY` on the
//!   `convene_live` channel carrying the gathering's id; every instance `LISTEN`s and
//!   passes it on to its own channel. No other broker is needed.

use std::convert::Infallible;
use std::time::Duration;

use axum::extract::{Path, Request, State};
use axum::http::HeaderMap;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Redirect, Response};
use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, Statement};
use tokio::sync::broadcast;

use super::AppState;
use super::actions::{Member, member};
use crate::db::entities::gathering;
use crate::db::live::{self, LiveAction};
use crate::db::queries;
use crate::domain::access::Permission;
use crate::error::AppError;

/// The PostgreSQL channel live changes are announced on.
const CHANNEL: &str = "convene_live";

/// Announces and hears live changes, by gathering id.
#[derive(Clone)]
pub struct LiveHub {
    sender: broadcast::Sender<i32>,
    db: DatabaseConnection,
    /// Becomes `true` when the server shuts down: open event streams end, so a graceful
    /// shutdown does not wait for them forever.
    closing: tokio::sync::watch::Sender<bool>,
    /// Open event streams per session, to cap them.
    streams: std::sync::Arc<std::sync::Mutex<std::collections::HashMap<String, usize>>>,
}

/// Live views one session may hold open at once (a phone, a laptop, a few tabs); beyond,
/// a stream is refused rather than held, so one session cannot tie up the server.
pub const MAX_STREAMS_PER_SESSION: usize = 8;

/// One open event stream of a session; the count goes down when the stream ends.
struct StreamTicket {
    session: String,
    streams: std::sync::Arc<std::sync::Mutex<std::collections::HashMap<String, usize>>>,
}

impl Drop for StreamTicket {
    fn drop(&mut self) {
        let mut open = self.streams.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(n) = open.get_mut(&self.session) {
            *n -= 1;
            if *n == 0 {
                open.remove(&self.session);
            }
        }
    }
}

impl LiveHub {
    /// A hub for `db`; on PostgreSQL it starts listening for other instances' changes.
    pub fn new(db: DatabaseConnection) -> Self {
        let (sender, _) = broadcast::channel(256);
        if db.get_database_backend() == DatabaseBackend::Postgres {
            let pool = db.get_postgres_connection_pool().clone();
            let to = sender.clone();
            tokio::spawn(listen(pool, CHANNEL, move |payload| {
                if let Ok(id) = payload.parse::<i32>() {
                    let _ = to.send(id);
                }
            }));
        }
        Self {
            sender,
            db,
            closing: tokio::sync::watch::Sender::new(false),
            streams: Default::default(),
        }
    }

    /// A ticket for one more event stream of `session`, unless it holds the most already.
    fn admit(&self, session: &str) -> Option<StreamTicket> {
        let mut open = self.streams.lock().unwrap_or_else(|p| p.into_inner());
        let n = open.entry(session.to_owned()).or_insert(0);
        if *n >= MAX_STREAMS_PER_SESSION {
            return None;
        }
        *n += 1;
        Some(StreamTicket {
            session: session.to_owned(),
            streams: self.streams.clone(),
        })
    }

    /// Ends every open event stream (on shutdown).
    pub fn close(&self) {
        self.closing.send_replace(true);
    }

    /// Tells every live view of gathering `id`, on every instance, that it changed.
    pub async fn announce(&self, id: i32) {
        if self.db.get_database_backend() == DatabaseBackend::Postgres {
            let notify = Statement::from_sql_and_values(
                DatabaseBackend::Postgres,
                "SELECT pg_notify($1, $2)",
                [CHANNEL.into(), id.to_string().into()],
            );
            match self.db.execute_raw(notify).await {
                Ok(_) => return,
                Err(e) => tracing::warn!(%e, "live NOTIFY failed; telling this instance only"),
            }
        }
        let _ = self.sender.send(id);
    }

    /// Changes announced from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<i32> {
        self.sender.subscribe()
    }
}

/// Hears PostgreSQL notifications on `channel` and hands each payload to `heard`,
/// reconnecting after a lost connection.
pub async fn listen(
    pool: sqlx::PgPool,
    channel: &'static str,
    heard: impl Fn(&str) + Send + 'static,
) {
    loop {
        match sqlx::postgres::PgListener::connect_with(&pool).await {
            Ok(mut listener) => {
                if let Err(e) = listener.listen(channel).await {
                    tracing::warn!(%e, channel, "cannot LISTEN");
                } else {
                    loop {
                        match listener.recv().await {
                            Ok(n) => heard(n.payload()),
                            Err(e) => {
                                tracing::warn!(%e, channel, "notifications interrupted");
                                break;
                            }
                        }
                    }
                }
            }
            Err(e) => tracing::warn!(%e, channel, "cannot connect to hear notifications"),
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}

/// Who asks about which gathering.
struct Asked {
    member: Member,
    gathering: gathering::Model,
}

/// The gathering `slug` of `org`, if the signed-in member's role allows `p`.
async fn member_gathering(
    state: &AppState,
    headers: &HeaderMap,
    org: &str,
    slug: &str,
    p: Permission,
) -> Result<Asked, AppError> {
    let member = member(&state.db, headers, org, p).await?;
    let gathering = queries::gathering_by_slug(&state.db, member.org.id, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(Asked { member, gathering })
}

/// `GET /manage/o/{org}/{slug}/live/events`: a server-sent event `changed` each time the
/// gathering's run of show changes (members only).
pub async fn events(
    State(state): State<AppState>,
    Path((org, slug)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let g = match member_gathering(&state, &headers, &org, &slug, Permission::ReadInternal).await {
        Ok(asked) => asked.gathering,
        Err(e) => return e.into_response_in(super::lang::negotiate_headers(&headers)),
    };
    // Signed in (the member check passed), so the request carries its session.
    let session = crate::session::session_token(&headers).unwrap_or_default();
    let Some(ticket) = state.live.admit(&session) else {
        return super::lang::refuse(
            axum::http::StatusCode::TOO_MANY_REQUESTS,
            super::lang::negotiate_headers(&headers),
            &crate::domain::say!("refusal-too-many-live-views"),
        );
    };
    let receiver = state.live.subscribe();
    let closing = state.live.closing.subscribe();
    let stream = futures::stream::unfold(
        (receiver, closing, ticket),
        move |(mut receiver, mut closing, ticket)| async move {
            loop {
                if *closing.borrow() {
                    return None;
                }
                tokio::select! {
                    heard = receiver.recv() => match heard {
                        Ok(id) if id == g.id => break,
                        Ok(_) => continue,
                        // Missed some: say "changed" anyway; the page reloads the board.
                        Err(broadcast::error::RecvError::Lagged(_)) => break,
                        Err(broadcast::error::RecvError::Closed) => return None,
                    },
                    _ = closing.changed() => return None,
                }
            }
            let event = Event::default().event("changed").data("changed");
            Some((Ok::<_, Infallible>(event), (receiver, closing, ticket)))
        },
    );
    Sse::new(stream)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response()
}

/// `POST /manage/o/{org}/{slug}/live`: one tap of the host (`action` = start, end, skip,
/// unskip with `segment`; or reset). Hosts, organisers and owners run the day; clearing
/// it (reset) is for organisers and owners.
pub async fn action(
    State(state): State<AppState>,
    Path((org, slug)): Path<(String, String)>,
    request: Request,
) -> Response {
    let (parts, values) = match super::actions::read_post(request).await {
        Ok(read) => read,
        Err(refused) => return refused,
    };
    let result = async {
        let get = |k: &str| values.get(k).map_or("", String::as_str).to_owned();
        let action = get("action");
        let needs = if action == "reset" {
            Permission::Delete
        } else {
            Permission::RunLive
        };
        let Asked {
            member,
            gathering: g,
        } = member_gathering(&state, &parts.headers, &org, &slug, needs).await?;
        let txn = crate::db::begin_write(&state.db).await?;
        let detail = if action == "reset" {
            live::reset(&txn, g.id).await?;
            String::new()
        } else {
            let act = LiveAction::parse(&action).ok_or_else(super::actions::unknown_action)?;
            let segment: i32 = get("segment").parse().map_err(|_| AppError::NotFound)?;
            let s = live::apply(&txn, g.id, segment, act, member.now).await?;
            format!("{}: {}", act.as_str(), s.title)
        };
        member
            .commit(txn, &format!("live.{action}"), &g.slug, &detail)
            .await?;
        state.live.announce(g.id).await;
        // Back to the room's view the tap came from.
        let room = parts
            .uri
            .query()
            .and_then(|q| {
                form_urlencoded::parse(q.as_bytes())
                    .find(|(k, _)| k == "room")
                    .and_then(|(_, v)| v.parse::<i32>().ok())
            })
            .map_or_else(String::new, |r| format!("?room={r}"));
        Ok::<_, AppError>(format!(
            "/manage/o/{}/{}/live{room}",
            member.org.slug, g.slug
        ))
    }
    .await;
    match result {
        Ok(to) => Redirect::to(&to).into_response(),
        Err(e) => super::actions::answer_refusal(&state, parts, values, e).await,
    }
}
