//! A person's right of access (GDPR article 15): everything held about them, as a ZIP of CSV
//! files, for the person themselves only.

use std::io::Write;

use sea_orm::ConnectionTrait;

use super::authorize;
use crate::{
    domain::access::Action,
    error::AppError,
    server::{auth::caller::Caller, repo, repo::audit::Actor},
};

/// What the download explains about itself.
const README: &str = "Everything Async Pilot holds about you, one CSV file per table.\n\
Columns are as stored; times are UTC. Secrets (password and session hashes) are left out.\n\
Team results you see in reports are computed from these rows; nobody else's data is here.\n";

/// The caller's data as a ZIP: README.txt and one CSV file per table.
pub async fn export_zip(db: &impl ConnectionTrait, caller: &Caller) -> Result<Vec<u8>, AppError> {
    authorize(&Actor::Caller(caller), Action::UseOwnAccount)?;
    let files = repo::personal_data::files(db, caller.person_id).await?;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let failed = |error: &dyn std::fmt::Display| {
        tracing::error!(%error, "writing the personal-data ZIP");
        AppError::Internal
    };
    zip.start_file("README.txt", options)
        .map_err(|error| failed(&error))?;
    zip.write_all(README.as_bytes())
        .map_err(|error| failed(&error))?;
    for file in files {
        zip.start_file(file.name.as_str(), options)
            .map_err(|error| failed(&error))?;
        zip.write_all(file.to_csv().as_bytes())
            .map_err(|error| failed(&error))?;
    }
    let bytes = zip.finish().map_err(|error| failed(&error))?.into_inner();
    Ok(bytes)
}
