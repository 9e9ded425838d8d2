//! The `async-pilot` binary: parse the command line, set up logging, hand over.

use std::process::ExitCode;

use clap::Parser;
use server::cli::Cli;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Err(error) = server::telemetry::init(&cli.log_level) {
        eprintln!("error: {error:#}");
        return ExitCode::FAILURE;
    }
    match server::run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!("{error:#}");
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
