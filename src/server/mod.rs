//! Server start: configuration, tracing, database, migrations, router.

pub mod actions;
pub mod auth;
pub mod export;
pub mod lang;
pub mod live;
pub mod policy;
pub mod published;

use std::process::ExitCode;

use axum::Router;
use axum::extract::FromRef;
use axum::http::{HeaderValue, header};
use axum::response::IntoResponse;
use clap::Parser;
use leptos::prelude::*;
use leptos_axum::{LeptosRoutes, generate_route_list};
use sea_orm::DatabaseConnection;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;

/// Largest request body accepted from anyone (forms are far smaller).
const MAX_BODY_BYTES: usize = 1024 * 1024;
/// Longest a request may take to be answered, its body's arrival included (a client
/// that sends a body slowly to hold a connection is cut off); a live view's stream is
/// answered at once and then runs on; pages give up on a stalled render sooner.
pub const REQUEST_LIMIT: std::time::Duration = std::time::Duration::from_secs(30);
use tower_http::trace::TraceLayer;
use tracing_subscriber::EnvFilter;

use crate::app::{App, shell};
use crate::config::{Cli, Command, DatabaseUrl, MigrateAction, UserAction, parse_addr};
use crate::db;

/// What every request handler can reach.
#[derive(Clone)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: DatabaseConnection,
    pub live: live::LiveHub,
    pub published: published::Published,
    pub setup: auth::SetupToken,
}

impl FromRef<AppState> for published::Published {
    fn from_ref(state: &AppState) -> Self {
        state.published.clone()
    }
}

impl FromRef<AppState> for DatabaseConnection {
    fn from_ref(state: &AppState) -> Self {
        state.db.clone()
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// Runs the command line; every failure is one line on stderr and a non-zero exit.
pub async fn run() -> ExitCode {
    let cli = Cli::parse();
    if let Err(message) = init_tracing() {
        eprintln!("convene: {message}");
        return ExitCode::from(2);
    }
    match execute(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            tracing::error!("{message}");
            eprintln!("convene: {message}");
            ExitCode::FAILURE
        }
    }
}

fn init_tracing() -> Result<(), String> {
    let filter = match std::env::var("RUST_LOG") {
        Ok(value) if !value.trim().is_empty() => EnvFilter::try_new(&value)
            .map_err(|e| format!("RUST_LOG \"{value}\" is not a valid filter: {e}"))?,
        _ => EnvFilter::new("info,sqlx=warn,sea_orm=warn"),
    };
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init()
        .map_err(|e| format!("cannot start logging: {e}"))
}

fn read_password() -> Result<String, String> {
    if let Ok(p) = std::env::var("CONVENE_PASSWORD") {
        return Ok(p);
    }
    eprint!("Password (at least 10 characters): ");
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .map_err(|e| format!("cannot read the password: {e}"))?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}

/// A refusal as the command line prints it: the field, then why.
fn explain(e: crate::error::AppError) -> String {
    match e {
        crate::error::AppError::Validation { field, message } => format!("{field}: {message}"),
        other => other.to_string(),
    }
}

async fn create_user(
    database: &DatabaseConnection,
    email: &str,
    name: &str,
    org: Option<&str>,
    role: &str,
) -> Result<(), String> {
    let role: crate::domain::MemberRole = role
        .parse()
        .map_err(|e: crate::domain::ValidationError| format!("role: {}", e.message))?;
    let organisation = match org {
        Some(slug) => Some(
            db::queries::organisation_by_slug(database, slug)
                .await
                .map_err(|e| e.to_string())?
                .ok_or_else(|| format!("org: there is no organisation \"{slug}\""))?,
        ),
        None => None,
    };
    let password = read_password()?;
    let user = db::auth::create_user(database, email, name, &password, chrono::Utc::now())
        .await
        .map_err(explain)?;
    if let Some(o) = &organisation {
        db::auth::set_membership(database, o.id, user.id, role, None, chrono::Utc::now())
            .await
            .map_err(explain)?;
        println!("Created {} as {} of {}.", user.email, role.as_str(), o.name);
    } else {
        println!("Created {}.", user.email);
    }
    Ok(())
}

/// A file to import, as text.
fn read_file(path: &std::path::Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// Why an import of `path` was refused, for the operator: the field and the message.
fn refused_import(path: &std::path::Path, e: crate::error::AppError) -> String {
    match e {
        crate::error::AppError::Validation { field, message } => {
            format!(
                "{}: {field}: {message}; nothing was imported",
                path.display()
            )
        }
        crate::error::AppError::Conflict(m) => m.to_string(),
        other => other.to_string(),
    }
}

fn print_schema() -> Result<(), String> {
    let text = serde_json::to_string_pretty(&db::export::schema()).map_err(|e| e.to_string())?;
    println!("{text}");
    Ok(())
}

async fn execute(cli: Cli) -> Result<(), String> {
    let url = DatabaseUrl::parse(&cli.database_url)?;
    let cli_addr = cli.addr.clone();
    let command = cli.command.unwrap_or(Command::Serve {
        demo_if_empty: false,
    });
    let addr = match command {
        Command::Serve { .. } => Some(parse_addr(&cli.addr)?),
        _ => None,
    };
    if matches!(command, Command::ExportSchema) {
        // Needs no database: answered before connecting (which would create the file).
        return print_schema();
    }
    let database = db::connect(&url).await?;
    let migration_error = |e: sea_orm::DbErr| format!("database migration failed: {e}");
    match command {
        Command::Migrate { action } => match action.unwrap_or(MigrateAction::Up) {
            MigrateAction::Up => db::migrate_up(&database).await.map_err(migration_error),
            MigrateAction::Down => db::migrate_down(&database).await.map_err(migration_error),
            MigrateAction::Status => db::migrate_status(&database).await.map_err(migration_error),
        },
        Command::Demo => {
            db::migrate_up(&database).await.map_err(migration_error)?;
            let loaded = db::demo::load_if_absent(&database)
                .await
                .map_err(|e| format!("loading the demo failed: {e}"))?;
            if loaded {
                println!("Loaded the demo organisation \"{}\".", db::demo::DEMO_ORG);
            } else {
                println!("The demo organisation is already there.");
            }
            Ok(())
        }
        Command::User {
            action:
                UserAction::Create {
                    email,
                    name,
                    org,
                    role,
                },
        } => {
            db::migrate_up(&database).await.map_err(migration_error)?;
            create_user(&database, &email, &name, org.as_deref(), &role).await
        }
        Command::User {
            action: UserAction::ResetPassword { email },
        } => {
            db::migrate_up(&database).await.map_err(migration_error)?;
            let password = read_password()?;
            let user = db::auth::reset_password(&database, &email, &password, chrono::Utc::now())
                .await
                .map_err(explain)?;
            println!(
                "New password set for {}; every session of the account ended.",
                user.email
            );
            Ok(())
        }
        Command::ExportSchema => print_schema(),
        Command::Export { org } => {
            db::migrate_up(&database).await.map_err(migration_error)?;
            let slug = match org {
                Some(s) => s,
                None => {
                    let all = db::queries::organisations(&database)
                        .await
                        .map_err(|e| e.to_string())?;
                    match all.as_slice() {
                        [only] => only.slug.clone(),
                        [] => return Err("there is no organisation to export".into()),
                        _ => {
                            return Err(
                                "there are several organisations: name one with --org".into()
                            );
                        }
                    }
                }
            };
            let doc = db::export::export(&database, &slug)
                .await
                .map_err(|e| match e {
                    crate::error::AppError::NotFound => {
                        format!("org: there is no organisation \"{slug}\"")
                    }
                    other => other.to_string(),
                })?;
            let json = serde_json::to_string_pretty(&doc).map_err(|e| e.to_string())?;
            println!("{json}");
            Ok(())
        }
        Command::Backup { path } => {
            db::backup(&database, &path).await?;
            println!("Copied the database to {}.", path.display());
            Ok(())
        }
        Command::Import { path } => {
            db::migrate_up(&database).await.map_err(migration_error)?;
            let text = read_file(&path)?;
            let explain = |e| refused_import(&path, e);
            let doc = db::export::parse(&text).map_err(explain)?;
            db::export::import(&database, &doc).await.map_err(explain)?;
            println!(
                "Imported {} ({} gatherings).",
                doc.organisation.name,
                doc.gatherings.len()
            );
            Ok(())
        }
        Command::ImportSchedule {
            org,
            org_name,
            zone,
            path,
        } => {
            db::migrate_up(&database).await.map_err(migration_error)?;
            let text = read_file(&path)?;
            let explain = |e| refused_import(&path, e);
            let fallback = match zone.as_deref() {
                Some(z) => Some(
                    crate::domain::TimeZoneName::parse("zone", z)
                        .map_err(|e| explain(crate::error::AppError::from(e)))?
                        .tz(),
                ),
                None => None,
            };
            let schedule = crate::domain::frab::read_in(&text, fallback)
                .map_err(|e| explain(crate::error::AppError::from(e)))?;
            let done = db::schedule::import_schedule(
                &database,
                &org,
                org_name.as_deref(),
                &schedule,
                zone.as_deref(),
                chrono::Utc::now(),
            )
            .await
            .map_err(explain)?;
            let site = crate::config::Site::from_env(parse_addr(&cli_addr)?)
                .map(|s| s.origin().to_owned())
                .unwrap_or_default();
            println!(
                "Imported {} sessions in {} rooms with {} speakers{}.",
                done.sessions,
                done.rooms,
                done.speakers,
                if done.new_organisation {
                    format!(" into the new organisation \"{}\"", done.organisation)
                } else {
                    String::new()
                }
            );
            println!(
                "{site}/o/{}/{}/programme",
                done.organisation, done.gathering
            );
            if done.new_organisation {
                println!(
                    "Add its first member with: convene user create --org {} --role owner \
                     --email ... --name ...",
                    done.organisation
                );
            }
            Ok(())
        }
        Command::Serve { demo_if_empty } => {
            db::migrate_up(&database).await.map_err(migration_error)?;
            if demo_if_empty
                && db::demo::is_empty(&database)
                    .await
                    .map_err(|e| e.to_string())?
            {
                db::demo::load_if_absent(&database)
                    .await
                    .map_err(|e| format!("loading the demo failed: {e}"))?;
                tracing::info!("loaded the demo organisation into the empty database");
            }
            serve(database, addr.expect("serve has an address")).await
        }
    }
}

/// Builds the router: pages and server functions, static files, compression, tracing.
pub fn router(database: DatabaseConnection, leptos_options: LeptosOptions) -> Router {
    let hub = live::LiveHub::new(database.clone());
    router_with(
        database,
        leptos_options,
        hub,
        auth::SetupToken::from_env(),
        REQUEST_LIMIT,
    )
}

/// The router with a given live hub (which the server closes on shutdown), the code
/// that opens the one-time setup, and the longest a request may take to be answered.
pub fn router_with(
    database: DatabaseConnection,
    leptos_options: LeptosOptions,
    hub: live::LiveHub,
    setup: auth::SetupToken,
    request_limit: std::time::Duration,
) -> Router {
    let state = AppState {
        leptos_options: leptos_options.clone(),
        live: hub,
        published: published::Published::new(database.clone()),
        db: database,
        setup,
    };
    let routes = generate_route_list(App);
    let context_db = state.db.clone();
    Router::new()
        .route("/sign-in", axum::routing::post(auth::sign_in))
        .route("/sign-out", axum::routing::post(auth::sign_out))
        .route("/setup", axum::routing::post(auth::setup))
        .route(
            "/manage/account",
            axum::routing::post(actions::account_action),
        )
        .route(
            "/invite/{token}",
            axum::routing::post(actions::accept_invitation),
        )
        .route(
            "/reset/{token}",
            axum::routing::post(actions::use_reset_link),
        )
        .route(
            "/manage/o/{org}/members",
            axum::routing::post(actions::members_action),
        )
        .route(
            "/manage/o/{org}/directory",
            axum::routing::post(actions::directory_action),
        )
        .route(
            "/manage/o/{org}/directory/{kind}/{id}",
            axum::routing::post(actions::directory_item_action),
        )
        .route(
            "/manage/o/{org}/{slug}/live",
            axum::routing::post(live::action),
        )
        .route(
            "/manage/o/{org}/{slug}/live/events",
            axum::routing::get(live::events),
        )
        .route(
            "/manage/o/{org}/crew-feeds",
            axum::routing::post(actions::crew_feed_action),
        )
        .route(
            "/manage/organisations/new",
            axum::routing::post(actions::create_organisation),
        )
        .route(
            "/manage/o/{org}/settings",
            axum::routing::post(actions::settings_action),
        )
        .route(
            "/manage/o/{org}/export.json",
            axum::routing::get(export::download),
        )
        .route(
            "/crew/{token}/calendar.ics",
            axum::routing::get(crate::feeds::crew_feed),
        )
        .route(
            "/manage/o/{org}/new",
            axum::routing::post(actions::create_gathering),
        )
        .route(
            "/manage/o/{org}/{slug}/edit",
            axum::routing::post(actions::edit_gathering),
        )
        .route(
            "/manage/o/{org}/{slug}/agenda",
            axum::routing::post(actions::agenda_action),
        )
        .route(
            "/manage/o/{org}/{slug}/delete",
            axum::routing::post(actions::delete_gathering),
        )
        .route(
            "/manage/o/{org}/groups/{kind}/{id}",
            axum::routing::post(actions::group_action),
        )
        .route(
            "/manage/o/{org}/deleted",
            axum::routing::post(actions::deleted_action),
        )
        .route(
            "/o/{org}/calendar.ics",
            axum::routing::get(crate::feeds::organisation_feed),
        )
        .route(
            "/o/{org}/feed.atom",
            axum::routing::get(crate::feeds::organisation_atom),
        )
        .route(
            "/o/{org}/digest.atom",
            axum::routing::get(crate::feeds::digest_atom),
        )
        .route(
            "/manage/o/{org}/digest/{month}",
            axum::routing::post(actions::digest_action),
        )
        .route(
            "/manage/o/{org}/statements",
            axum::routing::post(actions::create_issued),
        )
        .route(
            "/manage/o/{org}/statements/{id}",
            axum::routing::post(actions::issued_action),
        )
        .route(
            "/o/{org}/campaigns/{slug}/calendar.ics",
            axum::routing::get(crate::feeds::campaign_feed),
        )
        .route(
            "/o/{org}/venues/{id}/calendar.ics",
            axum::routing::get(crate::feeds::venue_feed),
        )
        .route(
            "/o/{org}/people/{id}/calendar.ics",
            axum::routing::get(crate::feeds::person_feed),
        )
        .route(
            "/o/{org}/kinds/{kind}/calendar.ics",
            axum::routing::get(crate::feeds::kind_feed),
        )
        .route(
            "/o/{org}/{slug}/calendar.ics",
            axum::routing::get(crate::feeds::gathering_feed),
        )
        .route(
            "/o/{org}/{slug}/programme.ics",
            axum::routing::get(crate::feeds::programme_feed),
        )
        .route(
            "/o/{org}/{slug}/my.ics",
            axum::routing::get(crate::feeds::chosen_feed),
        )
        .route(
            "/o/{org}/{slug}/sessions/{uid}/calendar.ics",
            axum::routing::get(crate::feeds::session_feed),
        )
        .route(
            "/o/{org}/{slug}/rooms/{lane}/calendar.ics",
            axum::routing::get(crate::feeds::room_feed),
        )
        .route(
            "/o/{org}/{slug}/tracks/{track}/calendar.ics",
            axum::routing::get(crate::feeds::track_feed),
        )
        .route(
            "/o/{org}/{slug}/schedule.xml",
            axum::routing::get(crate::feeds::schedule_xml),
        )
        .route(
            "/o/{org}/{slug}/schedule.json",
            axum::routing::get(crate::feeds::schedule_json),
        )
        .route(
            "/manage/o/{org}/{slug}/preview.ics",
            axum::routing::get(crate::feeds::preview_feed),
        )
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(context_db.clone()),
            {
                let options = leptos_options.clone();
                move || shell(options.clone())
            },
        )
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        .layer(axum::middleware::from_fn(server_fn_status))
        .layer(axum::middleware::from_fn_with_state(
            state.published.clone(),
            published::public_pages,
        ))
        .layer(axum::middleware::from_fn(cache_policy))
        .layer(CompressionLayer::new())
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(policy::NOT_A_PAGE),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        // Once a browser has seen the site over https, it never goes back to http.
        .layer(tower::util::option_layer(
            crate::config::site().https().then(|| {
                SetResponseHeaderLayer::if_not_present(
                    header::STRICT_TRANSPORT_SECURITY,
                    HeaderValue::from_static("max-age=31536000"),
                )
            }),
        ))
        .layer(RequestBodyLimitLayer::new(MAX_BODY_BYTES))
        .layer(tower_http::timeout::TimeoutLayer::with_status_code(
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            request_limit,
        ))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// A server function that fails answers with the status its error means (401, 403, 404,
/// 422, 409), not with the 500 Leptos gives every error: a refusal is not a fault.
async fn server_fn_status(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let is_server_fn = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    if !is_server_fn || response.status() != axum::http::StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    // Error answers are a few bytes of JSON.
    let Ok(bytes) = axum::body::to_bytes(body, 64 * 1024).await else {
        return (parts.status, "Internal").into_response();
    };
    if let Ok(e) = serde_json::from_slice::<crate::error::AppError>(&bytes) {
        parts.status = axum::http::StatusCode::from_u16(e.status())
            .unwrap_or(axum::http::StatusCode::INTERNAL_SERVER_ERROR);
    }
    axum::response::Response::from_parts(parts, axum::body::Body::from(bytes))
}

/// Members' pages are never stored by browsers or proxies; public pages may be kept for a
/// minute (they vary by language, which `Vary` says); feeds set their own validators.
async fn cache_policy(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    // Server functions answer members too (run-sheets with contacts): never stored.
    let private = [
        "/manage", "/sign-", "/invite/", "/reset/", "/setup", "/api/",
    ]
    .iter()
    .any(|p| request.uri().path().starts_with(p));
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if headers.contains_key(header::CACHE_CONTROL) {
        return response;
    }
    let value = if private {
        "private, no-store"
    } else if response.status() == axum::http::StatusCode::OK {
        "public, max-age=60"
    } else {
        "no-cache"
    };
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    response
}

async fn serve(database: DatabaseConnection, addr: std::net::SocketAddr) -> Result<(), String> {
    let conf = get_configuration(None).map_err(|e| format!("Leptos configuration: {e}"))?;
    let mut leptos_options = conf.leptos_options;
    leptos_options.site_addr = addr;
    let hub = live::LiveHub::new(database.clone());
    let pool = database.clone();
    let site = crate::config::Site::from_env(addr)?;
    crate::config::install_site(site.clone());
    let setup = auth::SetupToken::from_env();
    let setup_open = db::auth::setup_open(&database)
        .await
        .map_err(|e| format!("reading the accounts: {e}"))?;
    // What is no longer needed is forgotten at start and every hour (old sessions,
    // sign-in attempts, client addresses, gatherings deleted long enough ago).
    {
        let db = database.clone();
        tokio::spawn(async move {
            let mut hourly = tokio::time::interval(std::time::Duration::from_secs(3600));
            loop {
                hourly.tick().await;
                if let Err(e) = db::auth::prune(&db, chrono::Utc::now()).await {
                    tracing::warn!(%e, "pruning old sessions and sign-in attempts failed");
                }
                match db::planning::purge(&db, chrono::Utc::now()).await {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(n, "purged gatherings deleted more than 30 days ago"),
                    Err(e) => tracing::warn!(%e, "purging deleted gatherings failed"),
                }
            }
        });
    }
    let app = router_with(
        database,
        leptos_options,
        hub.clone(),
        setup.clone(),
        REQUEST_LIMIT,
    );
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| format!("cannot listen on {addr}: {e}"))?;
    tracing::info!("serving on http://{addr}");
    if setup_open {
        // Whoever can read this log may make the first owner; anyone else who reaches the
        // port cannot.
        tracing::warn!(
            "no account yet: make the first owner at {}/setup?token={}",
            site.origin(),
            setup.reveal()
        );
    }
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        shutdown_signal().await;
        // Live event streams never end by themselves: end them, so in-flight requests
        // finish and the server stops.
        hub.close();
    })
    .await
    .map_err(|e| format!("server error: {e}"))?;
    // Say goodbye to the database rather than dropping its connections mid-stream.
    if let Err(e) = pool.close().await {
        tracing::warn!(%e, "closing the database connections");
    }
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
