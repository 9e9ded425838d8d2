//! Which calendar entries are meetings (issue 13): a timed event with someone other than the
//! person on it, not free (`TRANSP:TRANSPARENT`), not cancelled and not declined by them.

use super::ics::Component;

/// What an instance is, for counting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Meeting,
    /// Nobody but the person: focus blocks, reminders, travel.
    OwnBlock,
    Declined,
    Transparent,
    Cancelled,
    AllDay,
}

/// The people on an event, its status and whether it blocks time, as read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attendance {
    pub organizer: Option<Address>,
    pub attendees: Vec<(Address, String)>,
    pub cancelled: bool,
    pub transparent: bool,
}

/// An address as written (`mailto:` removed, lower case), and its `EMAIL=` parameter if any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Address {
    pub value: String,
    pub email: Option<String>,
}

impl Address {
    fn is(&self, person: &str) -> bool {
        !person.is_empty() && (self.value == person || self.email.as_deref() == Some(person))
    }
}

/// `mailto:Jane@Example.org` → `jane@example.org`.
pub fn normalize(address: &str) -> String {
    let address = address.trim();
    // `get` rather than indexing: the first seven bytes may end inside a multi-byte character.
    let bare = match address.get(..7) {
        Some(scheme) if scheme.eq_ignore_ascii_case("mailto:") => &address[7..],
        _ => address,
    };
    bare.trim().to_lowercase()
}

impl Attendance {
    pub fn read(event: &Component) -> Self {
        let address = |p: &super::ics::Property| Address {
            value: normalize(&p.value),
            email: p.param("EMAIL").map(normalize).filter(|e| !e.is_empty()),
        };
        Self {
            organizer: event.property("ORGANIZER").map(address),
            attendees: event
                .all("ATTENDEE")
                .map(|p| {
                    let partstat = p
                        .param("PARTSTAT")
                        .unwrap_or("")
                        .trim()
                        .to_ascii_uppercase();
                    (address(p), partstat)
                })
                .collect(),
            cancelled: event
                .property("STATUS")
                .is_some_and(|p| p.value.trim().eq_ignore_ascii_case("CANCELLED")),
            transparent: event
                .property("TRANSP")
                .is_some_and(|p| p.value.trim().eq_ignore_ascii_case("TRANSPARENT")),
        }
    }

    /// `person` is a normalized address (see [`normalize`]).
    pub fn kind(&self, person: &str, all_day: bool) -> Kind {
        if all_day {
            return Kind::AllDay;
        }
        if self.cancelled {
            return Kind::Cancelled;
        }
        if self.transparent {
            return Kind::Transparent;
        }
        let someone_else = self
            .attendees
            .iter()
            .any(|(a, _)| !a.is(person) && !a.value.is_empty())
            || self
                .organizer
                .as_ref()
                .is_some_and(|o| !o.is(person) && !o.value.is_empty());
        if !someone_else {
            return Kind::OwnBlock;
        }
        let declined = self
            .attendees
            .iter()
            .any(|(a, partstat)| a.is(person) && partstat == "DECLINED");
        if declined {
            Kind::Declined
        } else {
            Kind::Meeting
        }
    }

    /// Whether the person organised it.
    pub fn organised_by(&self, person: &str) -> bool {
        self.organizer.as_ref().is_some_and(|o| o.is(person))
    }

    /// Distinct people (and rooms) on it, the organiser and the person included.
    pub fn head_count(&self) -> i64 {
        let mut seen: Vec<&str> = Vec::new();
        for address in self
            .attendees
            .iter()
            .map(|(a, _)| a)
            .chain(self.organizer.as_ref())
        {
            let key = address.email.as_deref().unwrap_or(&address.value);
            if !key.is_empty() && !seen.contains(&key) {
                seen.push(key);
            }
        }
        seen.len() as i64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::meeting::ics::parse;

    fn kind(lines: &str, person: &str) -> Kind {
        let text = format!("BEGIN:VCALENDAR\nBEGIN:VEVENT\n{lines}\nEND:VEVENT\nEND:VCALENDAR\n");
        let calendar = parse(text.as_bytes()).unwrap();
        Attendance::read(&calendar[0].children[0]).kind(&normalize(person), false)
    }

    #[test]
    fn an_address_with_a_multi_byte_character_early_on_is_read_not_a_panic() {
        // Found by the fuzzer: the seventh byte fell inside the 'é'.
        assert_eq!(normalize("urn:uéid:9F1E"), "urn:uéid:9f1e");
        assert_eq!(normalize("MAILTO:Émile@x.org"), "émile@x.org");
        assert_eq!(normalize("éé"), "éé");
    }

    #[test]
    fn someone_else_on_it_makes_a_meeting() {
        assert_eq!(kind("ATTENDEE:mailto:bob@x.org", "me@x.org"), Kind::Meeting);
        assert_eq!(
            kind("ORGANIZER:mailto:boss@x.org", "me@x.org"),
            Kind::Meeting
        );
        assert_eq!(
            kind(
                "ATTENDEE;CUTYPE=ROOM:mailto:room-4@x.org\nORGANIZER:mailto:me@x.org",
                "me@x.org"
            ),
            Kind::Meeting
        );
    }

    #[test]
    fn only_the_person_is_their_own_block() {
        assert_eq!(kind("SUMMARY:Focus", "me@x.org"), Kind::OwnBlock);
        assert_eq!(
            kind(
                "ORGANIZER:MAILTO:Me@X.org\nATTENDEE;PARTSTAT=ACCEPTED:mailto:me@x.org",
                "me@x.org"
            ),
            Kind::OwnBlock
        );
    }

    #[test]
    fn declined_in_any_case_or_through_the_email_parameter() {
        assert_eq!(
            kind(
                "ORGANIZER:mailto:a@x.org\nATTENDEE;PARTSTAT=declined:MAILTO:ME@x.org",
                "me@x.org"
            ),
            Kind::Declined
        );
        assert_eq!(
            kind(
                "ORGANIZER:mailto:a@x.org\nATTENDEE;EMAIL=me@x.org;PARTSTAT=DECLINED:urn:uuid:1234",
                "me@x.org"
            ),
            Kind::Declined
        );
        // Someone else declining changes nothing for the person.
        assert_eq!(
            kind(
                "ORGANIZER:mailto:me@x.org\nATTENDEE;PARTSTAT=DECLINED:mailto:b@x.org",
                "me@x.org"
            ),
            Kind::Meeting
        );
    }

    #[test]
    fn tentative_still_counts_but_free_and_cancelled_do_not() {
        assert_eq!(
            kind(
                "ORGANIZER:mailto:a@x.org\nATTENDEE;PARTSTAT=TENTATIVE:mailto:me@x.org",
                "me@x.org"
            ),
            Kind::Meeting
        );
        assert_eq!(
            kind("ORGANIZER:mailto:a@x.org\nTRANSP:TRANSPARENT", "me@x.org"),
            Kind::Transparent
        );
        assert_eq!(
            kind("ORGANIZER:mailto:a@x.org\nSTATUS:CANCELLED", "me@x.org"),
            Kind::Cancelled
        );
    }
}
