//! `maille serve`: open the database, migrate, optionally seed the demo, listen.

use std::net::SocketAddr;
use std::time::Duration;

use clap::Args;
use tokio::net::TcpListener;

use super::DatabaseArgs;
use crate::app::{self, AppState};
use crate::config::{Config, defaults};
use crate::db::DatabaseUrl;
use crate::demo;
use crate::places::index::Directory;
use crate::web::client::TrustedProxies;
use crate::web::server::{self, Limits};
use crate::web::session_store::DbSessionStore;

/// Flags of `maille serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    /// Address and port to listen on.
    #[arg(long, env = "MAILLE_ADDR", default_value = "127.0.0.1:8080")]
    addr: String,
    #[command(flatten)]
    database: DatabaseArgs,
    /// Public address when behind a reverse proxy (https://… makes cookies Secure).
    #[arg(long, env = "MAILLE_PUBLIC_URL")]
    public_url: Option<String>,
    /// Fill an empty database with a demo network and list the demo accounts.
    #[arg(long, env = "MAILLE_DEMO")]
    demo: bool,
    /// Evaluate « open now » at this instant (RFC 3339) instead of the
    /// current time: for demonstrations and tests.
    #[arg(long, env = "MAILLE_OPENING_HOURS_AT", value_parser = parse_instant)]
    opening_hours_at: Option<chrono::DateTime<chrono::Utc>>,
    /// Reverse proxies whose X-Forwarded-For gives the client's address
    /// (comma-separated addresses or networks: 127.0.0.1,::1,10.0.0.0/8).
    #[arg(long, env = "MAILLE_TRUSTED_PROXIES", default_value = "", value_parser = TrustedProxies::parse)]
    trusted_proxies: TrustedProxies,
    /// Connections one client address may keep open at once.
    #[arg(long, env = "MAILLE_MAX_CONNECTIONS_PER_ADDRESS", default_value_t = defaults::CONNECTIONS_PER_ADDRESS)]
    max_connections_per_address: usize,
    /// API requests one client address may make per minute (0: no limit).
    #[arg(long, env = "MAILLE_API_REQUESTS_PER_MINUTE", default_value_t = defaults::API_REQUESTS_PER_MINUTE)]
    api_requests_per_minute: u32,
    /// Months a person followed is kept without coming (the daily retention job).
    #[arg(long, env = "MAILLE_RETENTION_MONTHS", default_value_t = crate::mediation::retention::DEFAULT_MONTHS)]
    retention_months: u32,
    /// Login attempts one client address may send per minute (0: no limit).
    #[arg(long, env = "MAILLE_LOGIN_ATTEMPTS_PER_MINUTE", default_value_t = defaults::LOGIN_POSTS_PER_MINUTE)]
    login_attempts_per_minute: u32,
    /// Public form submissions (registrations, cancellations) one client
    /// address or one contact may send per minute (0: no limit).
    #[arg(long, env = "MAILLE_PUBLIC_RATE_LIMIT", default_value_t = defaults::PUBLIC_POSTS_PER_MINUTE)]
    public_rate_limit: u32,
    /// The SMTP server of messages: smtp://user:pass@host:587 (STARTTLS),
    /// smtps://user:pass@host:465, or smtp://127.0.0.1:2525 on loopback.
    #[arg(long, env = "MAILLE_SMTP_URL")]
    smtp_url: Option<String>,
    /// Who e-mails come from: « Centre social <ne-pas-repondre@example.org> ».
    #[arg(long, env = "MAILLE_SMTP_FROM", default_value = defaults::SMTP_FROM)]
    smtp_from: String,
    /// The SMS provider: « log » writes each text message to the log
    /// (development); none by default (the demo uses « log »).
    #[arg(long, env = "MAILLE_SMS", default_value = "")]
    sms: String,
}

fn parse_instant(text: &str) -> Result<chrono::DateTime<chrono::Utc>, String> {
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|at| at.with_timezone(&chrono::Utc))
        .map_err(|_| {
            "date et heure attendues au format RFC 3339, par exemple 2026-11-24T10:30:00+01:00"
                .to_owned()
        })
}

/// Serves until Ctrl-C or SIGTERM.
pub async fn run(args: ServeArgs) -> Result<(), String> {
    let addr: SocketAddr = args.addr.parse().map_err(|_| {
        format!(
            "adresse d’écoute invalide : « {} ». Attendu : IP:PORT, par exemple 127.0.0.1:8080",
            args.addr
        )
    })?;
    let database_url =
        DatabaseUrl::parse(&args.database.database_url).map_err(|e| e.to_string())?;
    let db = args.database.open().await?;
    if args.demo {
        match demo::seed(&db).await {
            Ok(true) => say!("Données de démonstration ajoutées."),
            Ok(false) => say!("La base contient déjà des données : démonstration non ajoutée."),
            Err(err) => {
                return Err(format!(
                    "les données de démonstration n’ont pas pu être ajoutées : {err}"
                ));
            }
        }
    }
    let listener = TcpListener::bind(addr).await.map_err(|e| {
        format!("impossible d’écouter sur {addr} : {e}. Le port est peut-être déjà utilisé : choisissez-en un autre avec --addr.")
    })?;
    let config = Config {
        addr,
        database_url,
        public_url: args.public_url,
        demo: args.demo,
        opening_hours_at: args.opening_hours_at,
        trusted_proxies: args.trusted_proxies,
        connections_per_address: args.max_connections_per_address.max(1),
        api_requests_per_minute: args.api_requests_per_minute,
        login_posts_per_minute: args.login_attempts_per_minute,
        public_posts_per_minute: args.public_rate_limit,
        smtp_url: args.smtp_url,
        smtp_from: args.smtp_from,
        sms: if args.sms.is_empty() && args.demo {
            "log".to_owned()
        } else {
            args.sms
        },
        outbox_retry_base: Duration::from_secs(60),
    };
    let senders = crate::outbox::worker::Senders::from_config(&config)?;
    let limits = Limits {
        header_read_timeout: server::HEADER_READ_TIMEOUT,
        connections_per_address: config.connections_per_address,
        trusted_proxies: config.trusted_proxies.clone(),
    };
    spawn_session_purge(DbSessionStore::new(db.clone()));
    let places = Directory::load(&db)
        .await
        .map_err(|e| format!("les lieux n’ont pas pu être chargés : {e}"))?;
    spawn_directory_refresh(places.clone(), db.clone());
    spawn_retention(db.clone(), args.retention_months.max(1));
    tokio::spawn(crate::db::checkpoint::beside_writers(db.clone()));
    let state = AppState::new(db, config, places);
    spawn_client_forgetting(state.clone());
    spawn_messages(state.clone(), senders);
    say!("Maille est prêt : http://{addr}/");
    server::serve(listener, app::router(state), limits, shutdown_signal()).await;
    Ok(())
}

/// Applies the retention period once a day (first a minute after start).
fn spawn_retention(db: sea_orm::DatabaseConnection, months: u32) {
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_secs(60)).await;
        let mut every_day = tokio::time::interval(Duration::from_secs(24 * 3600));
        loop {
            every_day.tick().await;
            let today = crate::mediation::today();
            if let Err(err) = crate::mediation::retention::run(&db, today, months, false).await {
                tracing::error!(error = %err, "durée de conservation non appliquée");
            }
        }
    });
}

/// Sends the outbox's messages as they are written, and writes the
/// reminders of tomorrow's sessions once a minute; forgets who registered
/// to sessions that ended a month ago, once a day.
fn spawn_messages(state: AppState, senders: crate::outbox::worker::Senders) {
    let settings = crate::outbox::worker::Settings {
        retry_base: state.config.outbox_retry_base,
        ..Default::default()
    };
    tokio::spawn(crate::outbox::worker::run(
        state.db.clone(),
        senders,
        settings,
    ));
    tokio::spawn(async move {
        let mut every_minute = tokio::time::interval(Duration::from_secs(60));
        let mut rounds: u64 = 0;
        loop {
            every_minute.tick().await;
            let now = chrono::Utc::now();
            if let Err(err) =
                crate::workshops::reminders::enqueue_due(&state.db, &state.courier(), now).await
            {
                tracing::warn!(error = %err, "rappels non écrits");
            }
            if let Err(err) =
                crate::appointments::booking::enqueue_reminders(&state.db, &state.courier(), now)
                    .await
            {
                tracing::warn!(error = %err, "rappels de rendez-vous non écrits");
            }
            if let Err(err) =
                crate::equipment::loans::enqueue_due(&state.db, crate::mediation::today()).await
            {
                tracing::warn!(error = %err, "rappels de prêts non écrits");
            }
            if rounds.is_multiple_of(24 * 60) {
                let before =
                    now - chrono::Duration::days(crate::workshops::store::CONTACTS_KEPT_DAYS);
                if let Err(err) =
                    crate::appointments::store::forget_contacts(&state.db, before).await
                {
                    tracing::warn!(error = %err, "coordonnées de rendez-vous non effacées");
                }
                match crate::workshops::store::forget_contacts(&state.db, before).await {
                    Ok(0) => {}
                    Ok(n) => tracing::info!(registrations = n, "coordonnées d’inscrits effacées"),
                    Err(err) => tracing::warn!(error = %err, "coordonnées non effacées"),
                }
            }
            rounds += 1;
        }
    });
}

/// Rebuilds the place index every hour, so that an itinerant place's next
/// stop replaces the one that has ended.
fn spawn_directory_refresh(places: Directory, db: sea_orm::DatabaseConnection) {
    tokio::spawn(async move {
        let mut every_hour = tokio::time::interval(Duration::from_secs(3600));
        every_hour.tick().await; // the first tick is immediate: just loaded
        loop {
            every_hour.tick().await;
            if let Err(err) = places.reload(&db).await {
                tracing::warn!(error = %err, "rechargement des lieux impossible");
            }
        }
    });
}

/// Forgets idle client addresses every minute (see [`AppState::forget_idle_clients`]).
fn spawn_client_forgetting(state: AppState) {
    tokio::spawn(async move {
        let mut every_minute = tokio::time::interval(Duration::from_secs(60));
        loop {
            every_minute.tick().await;
            state.forget_idle_clients();
        }
    });
}

/// Deletes expired sessions every hour.
fn spawn_session_purge(store: DbSessionStore) {
    tokio::spawn(async move {
        let mut every_hour = tokio::time::interval(Duration::from_secs(3600));
        loop {
            every_hour.tick().await;
            match store.purge_expired().await {
                Ok(0) => {}
                Ok(n) => tracing::info!(sessions = n, "sessions expirées supprimées"),
                Err(err) => tracing::warn!(error = %err, "purge des sessions impossible"),
            }
        }
    });
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    say!("Arrêt de Maille…");
}
