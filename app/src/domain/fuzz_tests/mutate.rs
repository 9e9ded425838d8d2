//! How the fuzzer changes a good file: a small seedable generator and the mutations.

/// xorshift64*: a small, seedable generator; the fuzzer needs speed and repeatability, not
/// quality.
pub(super) struct Rng(pub(super) u64);

impl Rng {
    pub(super) fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub(super) fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Bytes and fragments that parsers of spreadsheets and calendars trip over.
const TOKENS: &[&str] = &[
    ",",
    ";",
    "\"",
    "\"\"",
    "\n",
    "\r\n",
    "\r",
    "\t",
    "\0",
    " ",
    "\u{feff}",
    "=",
    ":",
    "\\",
    "é",
    "\u{10ffff}",
    "-",
    "+",
    "0",
    "-1",
    "1e309",
    "-1e309",
    "NaN",
    "inf",
    "1e-320",
    "99999999999999999999999",
    "-0",
    "0.1.2",
    "2026-02-30",
    "2026-13-01",
    "9999-12-31",
    "0000-01-01",
    "2026-03-02T25:00",
    "T",
    "Z",
    "+14:00",
    "@",
    ",,,,,,,,",
    "email",
    "team",
    "BEGIN:VEVENT\r\n",
    "END:VEVENT\r\n",
    "BEGIN:VCALENDAR\r\n",
    "END:VCALENDAR\r\n",
    "BEGIN:VTIMEZONE\r\n",
    "END:VTIMEZONE\r\n",
    "RRULE:FREQ=SECONDLY;INTERVAL=1\r\n",
    "RRULE:FREQ=DAILY;COUNT=4294967296\r\n",
    "RRULE:FREQ=YEARLY;BYDAY=-53MO;BYMONTH=2\r\n",
    "RRULE:FREQ=MONTHLY;BYMONTHDAY=31,-31;INTERVAL=0\r\n",
    "UNTIL=99991231T235959Z",
    "EXDATE:19700101T000000Z\r\n",
    "RDATE;VALUE=PERIOD:20260302T090000Z/PT1H\r\n",
    "DURATION:-P9999W\r\n",
    "DURATION:P99999999DT99H\r\n",
    "TZID=Mars/Olympus",
    "TZID=\"W. Europe Standard Time\"",
    "DTSTART;VALUE=DATE:20260302\r\n",
    "DTSTART:20260302T090000\r\n",
    "RECURRENCE-ID;RANGE=THISANDFUTURE:20260302T090000Z\r\n",
    "STATUS:CANCELLED\r\n",
    "ATTENDEE;PARTSTAT=DECLINED:mailto:me@example.org\r\n",
    "TZOFFSETTO:+9999\r\n",
    "\r\n ",
    "\r\n\t",
];

/// One random change to `input`; `other` is another good file of the same kind to splice from.
pub(super) fn mutate(rng: &mut Rng, input: &mut Vec<u8>, other: &[u8]) {
    let at = rng.below(input.len() + 1);
    match rng.below(10) {
        0 if !input.is_empty() => {
            let at = at.min(input.len() - 1);
            input[at] ^= 1 << rng.below(8);
        }
        1 if !input.is_empty() => {
            let at = at.min(input.len() - 1);
            input[at] = rng.next() as u8;
        }
        2 | 3 => {
            let token = TOKENS[rng.below(TOKENS.len())].as_bytes();
            input.splice(at..at, token.iter().copied());
        }
        4 => {
            let end = (at + rng.below(40)).min(input.len());
            input.drain(at..end);
        }
        5 => {
            // Double a stretch (a line pasted twice, a run of one character).
            let end = (at + rng.below(120)).min(input.len());
            let stretch = input[at..end].to_vec();
            for _ in 0..=rng.below(3) {
                input.splice(at..at, stretch.iter().copied());
            }
        }
        6 if !other.is_empty() => {
            let from = rng.below(other.len());
            let end = (from + rng.below(200)).min(other.len());
            input.splice(at..at, other[from..end].iter().copied());
        }
        7 => input.truncate(at),
        8 => {
            // Swap two lines.
            let mut lines: Vec<Vec<u8>> =
                input.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
            if lines.len() > 2 {
                let (a, b) = (rng.below(lines.len()), rng.below(lines.len()));
                lines.swap(a, b);
                *input = lines.join(&b'\n');
            }
        }
        _ => {
            // A long cell or line: what a runaway export or a hostile upload holds.
            let byte = [b'a', b'9', b'"', b',', b' ', b'\n'][rng.below(6)];
            let run = 1 + rng.below(20_000);
            input.splice(at..at, std::iter::repeat_n(byte, run));
        }
    }
}
