//! The command line: subcommands and options, each option with an environment fallback.

use std::net::SocketAddr;

use app::server::mail::MailSettings;
use clap::{Parser, Subcommand};

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/async-pilot.db?mode=rwc";

#[derive(Debug, Parser)]
#[command(
    name = "async-pilot",
    version,
    about = "Run async-first work pilots: baseline, change, follow-up, decide."
)]
pub struct Cli {
    /// Database to use: sqlite://PATH (created if missing) or postgres://USER@HOST/DB.
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL, global = true)]
    pub database_url: String,

    /// Log filter: a level (error, warn, info, debug, trace) or full tracing directives.
    #[arg(long, env = "ASYNC_PILOT_LOG", default_value = "info", global = true)]
    pub log_level: String,

    /// Address to listen on when serving.
    #[arg(
        long,
        env = "ASYNC_PILOT_ADDR",
        default_value = "127.0.0.1:3000",
        global = true
    )]
    pub addr: SocketAddr,

    /// Folder with the built front end (pkg/ with the JS, WebAssembly and CSS).
    #[arg(
        long,
        env = "LEPTOS_SITE_ROOT",
        default_value = "target/site",
        global = true
    )]
    pub site_root: String,

    /// The address people reach this server at, e.g. https://pilot.example.org: links in mail
    /// start with it. Needed with --smtp-url; without it, links use the listening address.
    #[arg(long, env = "ASYNC_PILOT_PUBLIC_URL", global = true)]
    pub public_url: Option<String>,

    /// Mail server for outgoing mail: smtps://user:pass@host (TLS), smtp://user:pass@host:587
    /// ?tls=required (STARTTLS) or smtp://host:port (plain, a local relay). Without it, mail
    /// waits on the Outgoing mail page for HR to pass on.
    #[arg(long, env = "ASYNC_PILOT_SMTP_URL", global = true)]
    pub smtp_url: Option<String>,

    /// Reverse proxies (addresses or CIDR ranges, comma-separated, e.g. 10.0.0.0/8,::1) whose
    /// X-Forwarded-For header names the client for rate limits. Empty: the header is ignored,
    /// as any client can send it.
    #[arg(
        long,
        env = "ASYNC_PILOT_TRUSTED_PROXIES",
        default_value = "",
        global = true
    )]
    pub trusted_proxies: String,

    /// The From line of outgoing mail.
    #[arg(
        long,
        env = "ASYNC_PILOT_MAIL_FROM",
        default_value = "Async Pilot <async-pilot@localhost>",
        global = true
    )]
    pub mail_from: String,

    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Cli {
    /// How this instance mails, checked before it serves: mailed links must never take their
    /// address from a request, so a mail server needs --public-url.
    pub fn mail_settings(&self, local: SocketAddr) -> anyhow::Result<MailSettings> {
        let public_url = match (&self.public_url, &self.smtp_url) {
            (Some(url), _) => {
                if !(url.starts_with("https://") || url.starts_with("http://")) {
                    anyhow::bail!("--public-url must start with https:// or http://, not '{url}'");
                }
                url.trim_end_matches('/').to_string()
            }
            (None, Some(_)) => anyhow::bail!(
                "--smtp-url needs --public-url (ASYNC_PILOT_PUBLIC_URL): the address links in mail start with"
            ),
            (None, None) => format!("http://{local}"),
        };
        Ok(MailSettings {
            public_url,
            delivers: self.smtp_url.is_some(),
        })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Subcommand)]
pub enum Command {
    /// Load a demo organisation (departments, teams, over a hundred people, a pilot) and print
    /// one sign-in per role. Does nothing if the demo is already loaded.
    Demo,
    /// Import data from a file.
    Import {
        #[command(subcommand)]
        what: ImportWhat,
    },
    /// Export data (the roster, a pilot's report).
    Export {
        #[command(subcommand)]
        what: ExportWhat,
    },
    /// Apply pending migrations, then serve the web app and the API (the default).
    Serve,
    /// Copy the SQLite database to a new file while the server keeps serving, then check the
    /// copy (PRAGMA integrity_check). On PostgreSQL: use pg_dump (this exits with an error).
    Backup {
        /// The file to write; it must not exist yet.
        #[arg(long)]
        output: std::path::PathBuf,
    },
    /// Put a backup in place of the SQLite database: only over none, or over an empty one that
    /// no running server has open. A database with data is never replaced.
    Restore { file: std::path::PathBuf },
    /// Copy every table from one database into another, empty one (SQLite to PostgreSQL or
    /// back), in one transaction, then compare each table's row count and checksum.
    Copy {
        /// The database to read: sqlite://PATH or postgres://USER@HOST/DB.
        #[arg(long)]
        from: String,
        /// The empty database to fill (migrated first).
        #[arg(long)]
        to: String,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Create an admin account (the first one, say), reading the password from standard input:
    /// `echo "$PASSWORD" | async-pilot create-admin --email hr@example.org --password-stdin`.
    CreateAdmin {
        #[arg(long)]
        email: String,
        /// The name to show; defaults to the part of the email before the @.
        #[arg(long)]
        name: Option<String>,
        /// Read the password from standard input (the only way: never from the command line,
        /// where other users of the machine could read it).
        #[arg(long)]
        password_stdin: bool,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Subcommand)]
pub enum ImportWhat {
    /// The roster CSV from an HR system: email,name,team,department,manager_email,role,
    /// timezone,working_pattern (common header variants are recognised). All or nothing: any
    /// bad line is reported with its number and nothing is written.
    Roster {
        file: std::path::PathBuf,
        /// Show what would change without writing anything.
        #[arg(long)]
        dry_run: bool,
        /// Deactivate active people the file does not list (they leave their teams and are
        /// signed out; nothing is deleted).
        #[arg(long)]
        deactivate_missing: bool,
    },
    /// A pilot's metric entries (METHOD.md section 2): email,date,measure,value,qualifier. All
    /// or nothing: any bad line is reported with its number and nothing is written (exit 1).
    Entries {
        file: std::path::PathBuf,
        /// The pilot's id.
        #[arg(long)]
        pilot: i64,
        /// Show what would be stored without writing anything.
        #[arg(long)]
        dry_run: bool,
    },
    /// A pilot's decisions: team,process_type,raised_at,decided_at,documented (title optional).
    /// All or nothing, like entries.
    Decisions {
        file: std::path::PathBuf,
        #[arg(long)]
        pilot: i64,
        #[arg(long)]
        dry_run: bool,
    },
    /// Managers' training statuses: email,module,status,completed_on (status not_started,
    /// in_progress or completed; completed needs its date). All or nothing, like entries.
    Training {
        file: std::path::PathBuf,
        /// Check the file without writing anything.
        #[arg(long)]
        dry_run: bool,
    },
    /// One person's calendar (.ics from Outlook, Google, Apple, Thunderbird): meetings,
    /// meeting_hours and calendar_focus_hours for every working day from --from to --to (both
    /// inclusive; without them, the file's first to last instance). Re-importing replaces the
    /// covered days only. A bad line: exit 1, nothing written.
    Calendar {
        file: std::path::PathBuf,
        /// The person whose calendar it is (their time zone and working days come from the
        /// roster).
        #[arg(long)]
        email: String,
        /// First day to cover, YYYY-MM-DD.
        #[arg(long)]
        from: Option<chrono::NaiveDate>,
        /// Last day to cover, YYYY-MM-DD.
        #[arg(long)]
        to: Option<chrono::NaiveDate>,
        /// Show the figures without writing anything.
        #[arg(long)]
        dry_run: bool,
        /// `text` (the default) or `json`: {"days": {…}, "total_meetings", "total_hours"}.
        #[arg(long, value_enum, default_value_t = CalendarFormat::Text)]
        format: CalendarFormat,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CalendarFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, PartialEq, Eq, Subcommand)]
pub enum ExportWhat {
    /// The current roster (active people in a team), in the import's columns, to standard output
    /// or to --output.
    Roster {
        #[arg(long)]
        output: Option<std::path::PathBuf>,
    },
    /// A pilot's full report (METHOD.md section 8), unrounded, as JSON or CSV, to standard
    /// output or to --output.
    Report {
        /// The pilot's id.
        #[arg(long)]
        pilot: i64,
        #[arg(long, value_enum, default_value_t = ReportFormat::Json)]
        format: ReportFormat,
        #[arg(long)]
        output: Option<std::path::PathBuf>,
    },
    /// Every pilot's readiness (the executives' portfolio), as JSON or CSV, to standard output
    /// or to --output.
    Readiness {
        #[arg(long, value_enum, default_value_t = ReportFormat::Json)]
        format: ReportFormat,
        #[arg(long)]
        output: Option<std::path::PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ReportFormat {
    Json,
    Csv,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serving_is_the_default_command() {
        let cli = Cli::try_parse_from(["async-pilot"]).expect("parses");
        assert_eq!(cli.command, None);
        assert_eq!(cli.addr.port(), 3000);
    }

    #[test]
    fn options_may_follow_the_subcommand() {
        let cli = Cli::try_parse_from([
            "async-pilot",
            "migrate",
            "--database-url",
            "postgres://postgres@127.0.0.1/ap",
        ])
        .expect("parses");
        assert_eq!(cli.command, Some(Command::Migrate));
        assert_eq!(cli.database_url, "postgres://postgres@127.0.0.1/ap");
    }

    #[test]
    fn create_admin_takes_an_email_and_reads_the_password_from_stdin() {
        let cli = Cli::try_parse_from([
            "async-pilot",
            "create-admin",
            "--email",
            "hr@example.org",
            "--password-stdin",
        ])
        .expect("parses");
        assert_eq!(
            cli.command,
            Some(Command::CreateAdmin {
                email: "hr@example.org".into(),
                name: None,
                password_stdin: true
            })
        );
    }

    #[test]
    fn import_training_takes_a_file_and_a_dry_run_flag() {
        assert_eq!(
            Cli::try_parse_from(["async-pilot", "import", "training", "t.csv", "--dry-run"])
                .expect("parses")
                .command,
            Some(Command::Import {
                what: ImportWhat::Training {
                    file: "t.csv".into(),
                    dry_run: true,
                },
            })
        );
    }

    #[test]
    fn import_roster_takes_a_file_and_a_dry_run_flag() {
        let cli =
            Cli::try_parse_from(["async-pilot", "import", "roster", "people.csv", "--dry-run"])
                .expect("parses");
        assert_eq!(
            cli.command,
            Some(Command::Import {
                what: ImportWhat::Roster {
                    file: "people.csv".into(),
                    dry_run: true,
                    deactivate_missing: false,
                }
            })
        );
    }

    #[test]
    fn import_entries_takes_a_file_a_pilot_and_a_dry_run_flag() {
        let cli = Cli::try_parse_from([
            "async-pilot",
            "import",
            "entries",
            "metrics.csv",
            "--pilot",
            "4",
            "--dry-run",
        ])
        .expect("parses");
        assert_eq!(
            cli.command,
            Some(Command::Import {
                what: ImportWhat::Entries {
                    file: "metrics.csv".into(),
                    pilot: 4,
                    dry_run: true,
                }
            })
        );
        assert!(Cli::try_parse_from(["async-pilot", "import", "decisions", "d.csv"]).is_err());
    }

    #[test]
    fn export_report_takes_a_pilot_a_format_and_an_output() {
        let cli = Cli::try_parse_from([
            "async-pilot",
            "export",
            "report",
            "--pilot",
            "2",
            "--format",
            "csv",
            "--output",
            "r.csv",
        ])
        .expect("parses");
        assert_eq!(
            cli.command,
            Some(Command::Export {
                what: ExportWhat::Report {
                    pilot: 2,
                    format: ReportFormat::Csv,
                    output: Some("r.csv".into()),
                },
            })
        );
        let default = Cli::try_parse_from(["async-pilot", "export", "report", "--pilot", "2"])
            .expect("parses");
        assert!(matches!(
            default.command,
            Some(Command::Export {
                what: ExportWhat::Report {
                    format: ReportFormat::Json,
                    ..
                }
            })
        ));
    }

    #[test]
    fn a_mail_server_needs_the_public_address_links_start_with() {
        let local: SocketAddr = "127.0.0.1:3000".parse().expect("address");
        let parse = |args: &[&str]| {
            let mut all = vec!["async-pilot"];
            all.extend_from_slice(args);
            Cli::try_parse_from(all)
                .expect("parses")
                .mail_settings(local)
        };
        let plain = parse(&[]).expect("no mail server");
        assert_eq!(plain.public_url, "http://127.0.0.1:3000");
        assert!(!plain.delivers);
        let refused = parse(&["--smtp-url", "smtp://localhost:25"]).expect_err("no public URL");
        assert!(refused.to_string().contains("--public-url"), "{refused}");
        let mailing = parse(&[
            "--smtp-url",
            "smtp://localhost:25",
            "--public-url",
            "https://pilot.example.org/",
        ])
        .expect("complete");
        assert_eq!(mailing.public_url, "https://pilot.example.org");
        assert!(mailing.delivers);
        assert!(parse(&["--public-url", "pilot.example.org"]).is_err());
    }

    #[test]
    fn backup_restore_and_copy_take_their_files_and_urls() {
        let cli =
            Cli::try_parse_from(["async-pilot", "backup", "--output", "b.db"]).expect("parses");
        assert_eq!(
            cli.command,
            Some(Command::Backup {
                output: "b.db".into()
            })
        );
        assert!(Cli::try_parse_from(["async-pilot", "backup"]).is_err());
        let cli = Cli::try_parse_from(["async-pilot", "restore", "b.db"]).expect("parses");
        assert_eq!(
            cli.command,
            Some(Command::Restore {
                file: "b.db".into()
            })
        );
        let cli = Cli::try_parse_from([
            "async-pilot",
            "copy",
            "--from",
            "sqlite://a.db",
            "--to",
            "postgres://h/ap",
        ])
        .expect("parses");
        assert_eq!(
            cli.command,
            Some(Command::Copy {
                from: "sqlite://a.db".into(),
                to: "postgres://h/ap".into()
            })
        );
    }

    #[test]
    fn a_malformed_address_is_refused() {
        assert!(Cli::try_parse_from(["async-pilot", "--addr", "localhost"]).is_err());
    }
}
