//! Team charters on the wire: the version in force, every dated version, and a new version as a
//! form or the API sends it.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::domain::{
    capture::charter::{parse_effective_from, parse_reply_hours, Channel, CharterVersion},
    ParseError,
};

/// One channel of a charter: what it is for and how fast a reply is expected.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CharterChannel {
    /// Lower-case, as felt reply times name it: `chat`, `email`, `doc-comments`…
    pub name: String,
    /// What the channel is for, at most 500 characters.
    #[serde(default)]
    pub purpose: String,
    /// Hours within which a reply is expected: more than 0, at most 720.
    pub reply_hours: f64,
}

/// One saved version of a team's charter. Versions are never changed: a change is a new one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CharterVersionView {
    pub id: i64,
    /// 1 for the first version of the team's charter, then 2, 3…
    pub version: i32,
    /// The first day this version applies.
    pub effective_from: NaiveDate,
    /// This version records the norms the team already had, unwritten (a baseline charter).
    pub current_norms: bool,
    pub note: String,
    pub channels: Vec<CharterChannel>,
    /// Who saved it (their name), when known.
    pub saved_by: Option<String>,
    pub saved_at: DateTime<Utc>,
}

/// A team's charter: the version in force on the day asked (today by default) and every version,
/// newest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct TeamCharter {
    pub team_id: i64,
    pub team: String,
    /// The day `in_force` was looked up for.
    pub on: NaiveDate,
    /// None when no version applies on that day yet.
    pub in_force: Option<CharterVersionView>,
    pub versions: Vec<CharterVersionView>,
    /// Whether the caller may save a new version (the team's manager and HR).
    pub can_edit: bool,
}

/// A channel as a form row holds it: the reply time as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub purpose: String,
    #[serde(default)]
    pub reply_hours: String,
}

impl ChannelForm {
    fn is_blank(&self) -> bool {
        [&self.name, &self.purpose, &self.reply_hours]
            .iter()
            .all(|field| field.trim().is_empty())
    }
}

/// A new charter version as the page's form sends it; rows left entirely blank are skipped (the
/// form offers a few spare rows).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CharterForm {
    pub effective_from: String,
    #[serde(default)]
    pub current_norms: bool,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub channels: Vec<ChannelForm>,
}

/// A new charter version as the API takes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(utoipa::ToSchema))]
pub struct CharterRequest {
    /// The first day the version applies (it may be in the past, e.g. the baseline's first day
    /// for the team's current norms).
    pub effective_from: NaiveDate,
    #[serde(default)]
    pub current_norms: bool,
    #[serde(default)]
    pub note: String,
    /// At least one, no name twice.
    pub channels: Vec<CharterChannel>,
}

/// Either shape of a new version, parsed into the one domain type.
pub trait CharterDraft {
    fn parse(&self) -> Result<CharterVersion, ParseError>;
}

impl CharterDraft for CharterForm {
    fn parse(&self) -> Result<CharterVersion, ParseError> {
        let effective_from = parse_effective_from(&self.effective_from)?;
        let mut channels = Vec::new();
        for (index, row) in self
            .channels
            .iter()
            .filter(|row| !row.is_blank())
            .enumerate()
        {
            let position = index + 1;
            let hours = parse_reply_hours(position, &row.reply_hours)?;
            channels.push(Channel::new(position, &row.name, &row.purpose, hours)?);
        }
        CharterVersion::new(effective_from, self.current_norms, &self.note, channels)
    }
}

impl CharterDraft for CharterRequest {
    fn parse(&self) -> Result<CharterVersion, ParseError> {
        let channels = self
            .channels
            .iter()
            .enumerate()
            .map(|(index, channel)| {
                Channel::new(
                    index + 1,
                    &channel.name,
                    &channel.purpose,
                    channel.reply_hours,
                )
            })
            .collect::<Result<Vec<_>, _>>()?;
        CharterVersion::new(
            self.effective_from,
            self.current_norms,
            &self.note,
            channels,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(name: &str, purpose: &str, hours: &str) -> ChannelForm {
        ChannelForm {
            name: name.into(),
            purpose: purpose.into(),
            reply_hours: hours.into(),
        }
    }

    #[test]
    fn blank_form_rows_are_skipped_and_half_filled_ones_are_refused() {
        let mut form = CharterForm {
            effective_from: "2026-12-01".into(),
            current_norms: true,
            note: String::new(),
            channels: vec![row("chat", "quick questions", "4"), row("", "", " ")],
        };
        let charter = form.parse().expect("valid");
        assert_eq!(charter.channels().len(), 1);
        form.channels.push(row("email", "", ""));
        let error = form.parse().expect_err("no hours");
        assert!(error.message.contains("channel 2"), "{error}");
    }
}
