//! The `async-pilot` binary: parse the command line, set up logging, hand over.

use std::process::ExitCode;

use async_pilot::cli::Cli;
use clap::Parser;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Err(error) = async_pilot::telemetry::init(&cli.log_level) {
        eprintln!("error: {error:#}");
        return ExitCode::FAILURE;
    }
    match async_pilot::run(cli).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!("{error:#}");
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
