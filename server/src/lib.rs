//! The axum server around the Leptos app: command line, start-up, routing, logging.

pub mod api;
pub mod backup_cli;
pub mod calendar_cli;
pub mod cli;
pub mod copy_cli;
pub mod database;
pub mod demo;
pub mod demo_champions;
mod demo_finished;
pub mod demo_history;
pub mod import_cli;
pub mod limits;
pub mod mailer;
pub mod report_cli;
pub mod roster_cli;
pub mod scheduler;
pub mod security;
pub mod startup;
pub mod telemetry;

use anyhow::Context;
use app::domain::capture::import::ImportKind;
use cli::{Cli, Command};

/// Runs the command the user asked for.
pub async fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command.clone().unwrap_or(Command::Serve) {
        Command::Migrate => {
            let db = database::open(&cli.database_url).await?;
            let applied = database::migrate(&db).await?;
            println!("database is up to date ({applied} migrations applied in total)");
            db.close().await.context("closing the database")?;
            Ok(())
        }
        Command::CreateAdmin {
            email,
            name,
            password_stdin,
        } => {
            if !password_stdin {
                anyhow::bail!(
                    "pass --password-stdin and type the password on standard input \
                     (a password on the command line would be visible to other users)"
                );
            }
            let password = read_password_from_stdin()?;
            let name =
                name.unwrap_or_else(|| email.split('@').next().unwrap_or(&email).to_string());
            let db = database::open(&cli.database_url).await?;
            database::migrate(&db).await?;
            let created = app::server::services::people::create_admin(
                &db,
                &email,
                &name,
                &password,
                chrono::Utc::now(),
            )
            .await;
            db.close().await.context("closing the database")?;
            let person = created.map_err(|error| anyhow::anyhow!("{error}"))?;
            println!(
                "created admin {} ({}); sign in at /sign-in",
                person.email, person.display_name
            );
            Ok(())
        }
        Command::Demo => {
            let db = open_migrated(&cli.database_url).await?;
            let outcome = demo::load(&db, chrono::Utc::now()).await;
            db.close().await.context("closing the database")?;
            println!("{}", outcome?);
            Ok(())
        }
        Command::Import {
            what:
                cli::ImportWhat::Roster {
                    file,
                    dry_run,
                    deactivate_missing,
                },
        } => {
            let db = open_migrated(&cli.database_url).await?;
            let options = app::domain::roster::RosterOptions { deactivate_missing };
            let outcome = roster_cli::import(&db, &file, dry_run, options).await;
            db.close().await.context("closing the database")?;
            outcome
        }
        Command::Import {
            what:
                cli::ImportWhat::Entries {
                    file,
                    pilot,
                    dry_run,
                },
        } => import_capture(&cli, ImportKind::Entries, &file, pilot, dry_run).await,
        Command::Import {
            what:
                cli::ImportWhat::Decisions {
                    file,
                    pilot,
                    dry_run,
                },
        } => import_capture(&cli, ImportKind::Decisions, &file, pilot, dry_run).await,
        Command::Import {
            what:
                cli::ImportWhat::Calendar {
                    file,
                    email,
                    from,
                    to,
                    dry_run,
                    format,
                },
        } => {
            let db = open_migrated(&cli.database_url).await?;
            let window = app::server::services::calendar_import::Window { from, to };
            let outcome = calendar_cli::import(&db, &file, &email, window, dry_run, format).await;
            db.close().await.context("closing the database")?;
            outcome
        }
        Command::Import {
            what: cli::ImportWhat::Training { file, dry_run },
        } => {
            let db = open_migrated(&cli.database_url).await?;
            let outcome = import_cli::import_training(&db, &file, dry_run).await;
            db.close().await.context("closing the database")?;
            outcome
        }
        Command::Export {
            what: cli::ExportWhat::Roster { output },
        } => {
            let db = open_migrated(&cli.database_url).await?;
            let outcome = roster_cli::export(&db, output.as_deref()).await;
            db.close().await.context("closing the database")?;
            outcome
        }
        Command::Export {
            what:
                cli::ExportWhat::Report {
                    pilot,
                    format,
                    output,
                },
        } => {
            let db = open_migrated(&cli.database_url).await?;
            let outcome = report_cli::export(&db, pilot, format, output.as_deref()).await;
            db.close().await.context("closing the database")?;
            outcome
        }
        Command::Export {
            what: cli::ExportWhat::Readiness { format, output },
        } => {
            let db = open_migrated(&cli.database_url).await?;
            let outcome = report_cli::export_readiness(&db, format, output.as_deref()).await;
            db.close().await.context("closing the database")?;
            outcome
        }
        Command::Backup { output } => {
            println!("{}", backup_cli::backup(&cli.database_url, &output).await?);
            Ok(())
        }
        Command::Restore { file } => {
            println!("{}", backup_cli::restore(&cli.database_url, &file).await?);
            Ok(())
        }
        Command::Copy { from, to } => {
            print!("{}", backup_cli::copy(&from, &to).await?);
            Ok(())
        }
        Command::Serve => {
            let db = database::open(&cli.database_url).await?;
            database::migrate(&db).await?;
            let listener = tokio::net::TcpListener::bind(cli.addr)
                .await
                .with_context(|| format!("cannot listen on {}", cli.addr))?;
            let local = listener.local_addr().context("reading the bound address")?;
            let options = startup::leptos_options(&cli.site_root, local);
            let mail = cli.mail_settings(local)?;
            if let Some(smtp_url) = &cli.smtp_url {
                mailer::Mailer::new(smtp_url, &cli.mail_from)?.spawn(db.clone());
                tracing::info!(from = %cli.mail_from, "delivering mail");
            } else {
                tracing::info!("no ASYNC_PILOT_SMTP_URL: mail waits under Outgoing mail for HR");
            }
            scheduler::spawn(db.clone(), mail.clone());
            let trusted_proxies =
                app::server::client_address::TrustedProxies::parse(&cli.trusted_proxies)
                    .map_err(|error| anyhow::anyhow!("--trusted-proxies: {error}"))?;
            let state = app::server::state::AppState {
                leptos_options: options,
                db: db.clone(),
                mail,
                trusted_proxies,
            };
            tracing::info!(address = %format!("http://{local}"), "Async Pilot is listening");
            println!("Async Pilot is ready: open http://{local}");
            startup::serve(listener, startup::router(state), startup::shutdown_signal()).await?;
            db.close().await.context("closing the database")?;
            tracing::info!("shut down cleanly");
            Ok(())
        }
    }
}

async fn import_capture(
    cli: &Cli,
    kind: ImportKind,
    file: &std::path::Path,
    pilot: i64,
    dry_run: bool,
) -> anyhow::Result<()> {
    let db = open_migrated(&cli.database_url).await?;
    let outcome = import_cli::import(&db, kind, file, pilot, dry_run).await;
    db.close().await.context("closing the database")?;
    outcome
}

async fn open_migrated(url: &str) -> anyhow::Result<sea_orm::DatabaseConnection> {
    let db = database::open(url).await?;
    database::migrate(&db).await?;
    Ok(db)
}

/// The first line of standard input, without its line ending.
fn read_password_from_stdin() -> anyhow::Result<String> {
    let mut line = String::new();
    std::io::stdin()
        .read_line(&mut line)
        .context("reading the password from standard input")?;
    let password = line.trim_end_matches(['\n', '\r']).to_string();
    if password.is_empty() {
        anyhow::bail!("no password on standard input");
    }
    Ok(password)
}
