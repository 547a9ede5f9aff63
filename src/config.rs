//! Command line and environment: what to run, where the database is, where to listen.
//!
//! Every setting is validated before anything starts, and a bad one is reported in one
//! sentence naming the variable, never as a panic.

use std::net::SocketAddr;

use clap::{Parser, Subcommand};

/// The embedded default: a SQLite file beside the working directory.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/convene.db";

#[derive(Debug, Parser)]
#[command(
    name = "convene",
    version,
    about = "Plan, publish and run public gatherings."
)]
pub struct Cli {
    /// Database: `sqlite://path/to/file.db` (created if absent) or `postgres://user:pass@host/db`.
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL, global = true)]
    pub database_url: String,

    /// Address to serve on.
    #[arg(
        long,
        env = "CONVENE_ADDR",
        default_value = "127.0.0.1:3000",
        global = true
    )]
    pub addr: String,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Apply migrations and serve the web app (the default).
    Serve {
        /// Load the demo organisation first if the database holds no organisation.
        #[arg(long)]
        demo_if_empty: bool,
    },
    /// Apply or roll back database migrations.
    Migrate {
        #[command(subcommand)]
        action: Option<MigrateAction>,
    },
    /// Load the demo organisation from the field notes (skipped if it is already there).
    Demo,
    /// Write an organisation as a JSON document on standard output.
    Export {
        /// The organisation's slug (the only one, when there is one).
        #[arg(long)]
        org: Option<String>,
    },
    /// Print the JSON Schema of the document `export` writes.
    ExportSchema,
    /// Load an organisation from a JSON document made by `export`.
    Import {
        /// The document's file.
        path: std::path::PathBuf,
    },
    /// Load a conference programme exported by frab or pretalx (`schedule.xml` or
    /// `schedule.json`) as a new gathering: rooms, sessions, speakers, times. Prints the
    /// address of its public programme.
    ImportSchedule {
        /// The organisation's address (`/o/SLUG`); made when there is none.
        #[arg(long)]
        org: String,
        /// The name of the organisation, when this import makes it.
        #[arg(long)]
        org_name: Option<String>,
        /// The IANA time zone of the conference, when the file names none.
        #[arg(long)]
        zone: Option<String>,
        /// The schedule file (frab XML or JSON).
        path: std::path::PathBuf,
    },
    /// Take a consistent copy of the SQLite database while the server runs (for
    /// PostgreSQL use pg_dump). The copy must not exist yet.
    Backup {
        /// Where to write the copy.
        path: std::path::PathBuf,
    },
    /// Manage accounts.
    User {
        #[command(subcommand)]
        action: UserAction,
    },
}

#[derive(Debug, Clone, Subcommand)]
pub enum UserAction {
    /// Create an account, and make it a member of an organisation. The password is read
    /// from CONVENE_PASSWORD, or else from the first line of standard input.
    Create {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// The organisation's slug, e.g. families-association.
        #[arg(long)]
        org: Option<String>,
        /// owner, organiser, host or viewer.
        #[arg(long, default_value = "owner")]
        role: String,
    },
    /// Set a new password for an account (someone who lost theirs) and end all its
    /// sessions. The password is read as for `create`.
    ResetPassword {
        #[arg(long)]
        email: String,
    },
}

#[derive(Debug, Clone, Copy, Subcommand)]
pub enum MigrateAction {
    /// Apply every pending migration (the default).
    Up,
    /// Roll back every migration.
    Down,
    /// Show which migrations are applied.
    Status,
}

/// Which database engine a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A database URL that names a backend convene supports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatabaseUrl {
    pub backend: Backend,
    pub url: String,
}

impl DatabaseUrl {
    /// Checks the scheme; for SQLite, makes sure the file may be created.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let raw = raw.trim();
        let scheme = raw.split_once(':').map(|(s, _)| s).unwrap_or("");
        match scheme {
            "sqlite" => {
                let url = if raw.contains("mode=") {
                    raw.to_owned()
                } else if raw.contains('?') {
                    format!("{raw}&mode=rwc")
                } else {
                    format!("{raw}?mode=rwc")
                };
                Ok(Self {
                    backend: Backend::Sqlite,
                    url,
                })
            }
            "postgres" | "postgresql" => Ok(Self {
                backend: Backend::Postgres,
                url: raw.to_owned(),
            }),
            "" => Err(format!(
                "DATABASE_URL \"{raw}\" has no scheme; use sqlite://data/convene.db or postgres://user:password@host/db"
            )),
            other => Err(format!(
                "DATABASE_URL uses \"{other}:\", which convene does not support; use sqlite:// or postgres://"
            )),
        }
    }

    /// The file a SQLite URL points at, if any (not for `:memory:`).
    /// The URL without user name or password, to name the database in messages.
    pub fn redacted(&self) -> String {
        match self.url.split_once("://") {
            Some((scheme, rest)) => {
                let rest = rest.split('?').next().unwrap_or(rest);
                let rest = rest.rsplit_once('@').map_or(rest, |(_, host)| host);
                format!("{scheme}://{rest}")
            }
            None => self.url.clone(),
        }
    }

    pub fn sqlite_path(&self) -> Option<std::path::PathBuf> {
        if self.backend != Backend::Sqlite {
            return None;
        }
        let rest = self
            .url
            .trim_start_matches("sqlite:")
            .trim_start_matches("//");
        let path = rest.split('?').next().unwrap_or("");
        (!path.is_empty() && !path.contains(":memory:")).then(|| path.into())
    }
}

/// Parses `CONVENE_ADDR`.
pub fn parse_addr(raw: &str) -> Result<SocketAddr, String> {
    raw.trim().parse().map_err(|_| {
        format!("CONVENE_ADDR \"{raw}\" is not an address and port such as 127.0.0.1:3000")
    })
}

/// The site's own address: where links in pages, feeds, invitations and crew feeds point,
/// and the one origin forms may come from. Never taken from a request (whose `Host` anyone
/// can write): it is `CONVENE_PUBLIC_URL`, or, for a server on this machine only, the
/// address it listens on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    origin: String,
    /// The same loopback server under its other name (`localhost` for `127.0.0.1`).
    alias: Option<String>,
}

impl Site {
    /// The site of a server listening on `listen`, reached at `public_url` if given.
    pub fn new(public_url: Option<&str>, listen: SocketAddr) -> Result<Site, String> {
        match public_url.map(str::trim).filter(|u| !u.is_empty()) {
            Some(url) => {
                let origin = url.trim_end_matches('/');
                let valid = origin.split_once("://").is_some_and(|(scheme, rest)| {
                    matches!(scheme, "http" | "https")
                        && !rest.is_empty()
                        && !rest.contains(['/', '?', '#', '@', ' '])
                });
                if !valid {
                    return Err(format!(
                        "CONVENE_PUBLIC_URL \"{url}\" is not a site address such as \
                         https://convene.example (scheme and host, no path)"
                    ));
                }
                Ok(Site {
                    origin: origin.to_ascii_lowercase(),
                    alias: None,
                })
            }
            None if listen.ip().is_loopback() => {
                let port = listen.port();
                let host = match listen.ip() {
                    std::net::IpAddr::V4(ip) => ip.to_string(),
                    std::net::IpAddr::V6(ip) => format!("[{ip}]"),
                };
                Ok(Site {
                    origin: format!("http://{host}:{port}"),
                    alias: Some(format!("http://localhost:{port}")),
                })
            }
            None => Err(format!(
                "convene listens on {listen}, beyond this machine, but CONVENE_PUBLIC_URL is not \
                 set: set it to the address visitors use (such as https://convene.example), \
                 so that links and the check of where forms come from never depend on what a \
                 request claims"
            )),
        }
    }

    /// `CONVENE_PUBLIC_URL` from the environment, for a server listening on `listen`.
    pub fn from_env(listen: SocketAddr) -> Result<Site, String> {
        Site::new(std::env::var("CONVENE_PUBLIC_URL").ok().as_deref(), listen)
    }

    /// `https://convene.example`: scheme and host, no trailing slash.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// Whether the site is served over https (cookies `Secure` and `__Host-`, HSTS).
    pub fn https(&self) -> bool {
        self.origin.starts_with("https://")
    }

    /// Whether an `Origin` header names this site.
    pub fn accepts_origin(&self, origin: &str) -> bool {
        let origin = origin.trim().trim_end_matches('/').to_ascii_lowercase();
        origin == self.origin || self.alias.as_deref() == Some(origin.as_str())
    }
}

/// The site this process serves, set once at start ([`install_site`]); until then (tests,
/// commands) the loopback default `http://127.0.0.1:3000`.
static SITE: std::sync::OnceLock<Site> = std::sync::OnceLock::new();

/// Sets the site for the life of the process; later calls keep the first.
pub fn install_site(site: Site) {
    let _ = SITE.set(site);
}

/// The site this process serves.
pub fn site() -> &'static Site {
    SITE.get_or_init(|| {
        Site::new(None, SocketAddr::from(([127, 0, 0, 1], 3000))).expect("a loopback site")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_site_is_never_what_a_request_claims() {
        let loopback: SocketAddr = "127.0.0.1:3099".parse().unwrap();
        let local = Site::new(None, loopback).unwrap();
        assert_eq!(local.origin(), "http://127.0.0.1:3099");
        assert!(local.accepts_origin("http://127.0.0.1:3099"));
        assert!(local.accepts_origin("http://localhost:3099/"));
        assert!(!local.accepts_origin("http://evil.example"));
        assert!(!local.accepts_origin("http://127.0.0.1:3000"));
        assert!(!local.https());
        let public = Site::new(
            Some("https://Convene.example/"),
            "0.0.0.0:80".parse().unwrap(),
        )
        .unwrap();
        assert_eq!(public.origin(), "https://convene.example");
        assert!(public.https());
        assert!(public.accepts_origin("https://convene.example"));
        assert!(!public.accepts_origin("http://convene.example"));
        let refused = Site::new(None, "0.0.0.0:3000".parse().unwrap()).unwrap_err();
        assert!(refused.contains("CONVENE_PUBLIC_URL"), "{refused}");
        for bad in [
            "convene.example",
            "https://convene.example/path",
            "ftp://x",
            "https://",
        ] {
            assert!(Site::new(Some(bad), loopback).is_err(), "{bad}");
        }
    }

    #[test]
    fn messages_never_show_a_password() {
        let pg = DatabaseUrl::parse("postgres://convene:s3cret@db.example:5432/convene").unwrap();
        assert_eq!(pg.redacted(), "postgres://db.example:5432/convene");
        let file = DatabaseUrl::parse("sqlite://data/convene.db").unwrap();
        assert_eq!(file.redacted(), "sqlite://data/convene.db");
    }

    #[test]
    fn database_urls() {
        let sqlite = DatabaseUrl::parse("sqlite://data/convene.db").unwrap();
        assert_eq!(sqlite.backend, Backend::Sqlite);
        assert_eq!(sqlite.url, "sqlite://data/convene.db?mode=rwc");
        assert_eq!(
            sqlite.sqlite_path().unwrap().to_str(),
            Some("data/convene.db")
        );
        assert_eq!(
            DatabaseUrl::parse("postgres://u:p@127.0.0.1/c")
                .unwrap()
                .backend,
            Backend::Postgres
        );
        let err = DatabaseUrl::parse("mysql://x").unwrap_err();
        assert!(err.contains("mysql"), "{err}");
        assert!(DatabaseUrl::parse("data/convene.db").is_err());
        assert!(
            DatabaseUrl::parse("sqlite::memory:")
                .unwrap()
                .sqlite_path()
                .is_none()
        );
    }

    #[test]
    fn addresses() {
        assert!(parse_addr("127.0.0.1:3000").is_ok());
        assert!(
            parse_addr("localhost")
                .unwrap_err()
                .contains("CONVENE_ADDR")
        );
    }
}
