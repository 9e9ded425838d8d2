//! Reading iCalendar text (RFC 5545) into components and properties: unfolding, parameters,
//! BEGIN/END nesting. Every property keeps the line it started on, so a later rule can name it.

use std::fmt;

/// A file that cannot be read as a calendar: the (1-based) line and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IcsError {
    pub line: usize,
    pub message: String,
}

impl IcsError {
    pub fn new(line: usize, message: impl Into<String>) -> Self {
        Self {
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for IcsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line == 0 {
            // Not about a line: the whole file (its size) or the window asked for.
            write!(f, "{}", self.message)
        } else {
            write!(f, "line {}: {}", self.line, self.message)
        }
    }
}

impl std::error::Error for IcsError {}

/// One content line: `NAME;PARAM=value:VALUE`, the name and parameter names in upper case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Property {
    pub name: String,
    pub params: Vec<(String, String)>,
    pub value: String,
    pub line: usize,
}

impl Property {
    /// The first value of a parameter, quotes removed.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// `BEGIN:NAME` … `END:NAME` with its properties and nested components.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Component {
    pub name: String,
    pub line: usize,
    pub properties: Vec<Property>,
    pub children: Vec<Component>,
}

impl Component {
    pub fn property(&self, name: &str) -> Option<&Property> {
        self.properties.iter().find(|p| p.name == name)
    }

    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Property> + 'a {
        self.properties.iter().filter(move |p| p.name == name)
    }

    /// Every component of this name at any depth below this one.
    pub fn descendants<'a>(&'a self, name: &str, into: &mut Vec<&'a Component>) {
        for child in &self.children {
            if child.name == name {
                into.push(child);
            }
            child.descendants(name, into);
        }
    }
}

/// Logical lines with the physical line each starts on. Folding (CRLF or LF followed by a space
/// or tab) is undone on bytes before decoding, because exporters fold at 75 octets and so may
/// split a multi-byte character; bytes that are still not UTF-8 become U+FFFD rather than an
/// error, since only titles can hold them.
pub fn unfold(bytes: &[u8]) -> Vec<(usize, String)> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut lines: Vec<(usize, Vec<u8>)> = Vec::new();
    for (index, raw) in bytes.split(|&b| b == b'\n').enumerate() {
        let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
        match raw.first() {
            Some(b' ' | b'\t') if !lines.is_empty() => {
                if let Some((_, last)) = lines.last_mut() {
                    last.extend_from_slice(&raw[1..]);
                }
            }
            _ => lines.push((index + 1, raw.to_vec())),
        }
    }
    lines
        .into_iter()
        .filter(|(_, line)| !line.iter().all(u8::is_ascii_whitespace))
        .map(|(number, line)| (number, String::from_utf8_lossy(&line).into_owned()))
        .collect()
}

/// One logical line split into name, parameters and value.
pub fn parse_line(number: usize, line: &str) -> Result<Property, IcsError> {
    let mut name_end = None;
    for (at, ch) in line.char_indices() {
        if ch == ';' || ch == ':' {
            name_end = Some(at);
            break;
        }
    }
    let name_end = name_end
        .ok_or_else(|| IcsError::new(number, "not a calendar line: expected NAME:value"))?;
    let name = line[..name_end].trim();
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        return Err(IcsError::new(
            number,
            format!("'{}' is not a property name", clip(name)),
        ));
    }
    let mut params = Vec::new();
    let rest = &line[name_end..];
    let mut chars = rest.char_indices().peekable();
    // `rest` starts with ';' or ':'.
    loop {
        let Some((at, sep)) = chars.next() else {
            return Err(IcsError::new(
                number,
                format!("{name}: no ':' before the value"),
            ));
        };
        if sep == ':' {
            return Ok(Property {
                name: name.to_ascii_uppercase(),
                params,
                value: rest[at + 1..].to_string(),
                line: number,
            });
        }
        // A parameter: NAME=value[,value] where a value may be "quoted".
        let mut key = String::new();
        loop {
            match chars.next() {
                Some((_, '=')) => break,
                Some((_, c)) if c == ':' || c == ';' => {
                    return Err(IcsError::new(
                        number,
                        format!("{name}: parameter '{}' has no '='", clip(&key)),
                    ))
                }
                Some((_, c)) => key.push(c),
                None => {
                    return Err(IcsError::new(
                        number,
                        format!("{name}: no ':' before the value"),
                    ))
                }
            }
        }
        let mut value = String::new();
        let mut quoted = false;
        while let Some(&(_, c)) = chars.peek() {
            if c == '"' {
                quoted = !quoted;
                chars.next();
                continue;
            }
            if !quoted && (c == ';' || c == ':') {
                break;
            }
            value.push(c);
            chars.next();
        }
        if quoted {
            return Err(IcsError::new(
                number,
                format!("{name}: a quoted parameter value is not closed"),
            ));
        }
        params.push((key.trim().to_ascii_uppercase(), value));
    }
}

/// The whole file as the list of its top-level components (normally one VCALENDAR).
pub fn parse(bytes: &[u8]) -> Result<Vec<Component>, IcsError> {
    let mut roots = Vec::new();
    let mut stack: Vec<Component> = Vec::new();
    let mut last_line = 0;
    for (number, line) in unfold(bytes) {
        last_line = number;
        let property = match parse_line(number, &line) {
            Ok(property) => property,
            // Vendor extensions (X-…) never change what is counted: a malformed one is skipped
            // rather than refusing a whole calendar over, say, a location's map pin.
            Err(_) if is_extension(&line) => continue,
            Err(error) => return Err(error),
        };
        match property.name.as_str() {
            "BEGIN" => {
                let kind = property.value.trim().to_ascii_uppercase();
                if kind.is_empty() {
                    return Err(IcsError::new(number, "BEGIN without a component name"));
                }
                if stack.is_empty() && kind != "VCALENDAR" {
                    return Err(IcsError::new(
                        number,
                        format!("BEGIN:{} outside BEGIN:VCALENDAR", clip(&kind)),
                    ));
                }
                if stack.len() >= 16 {
                    return Err(IcsError::new(number, "components nested too deeply"));
                }
                stack.push(Component {
                    name: kind,
                    line: number,
                    ..Component::default()
                });
            }
            "END" => {
                let kind = property.value.trim().to_ascii_uppercase();
                let Some(open) = stack.pop() else {
                    return Err(IcsError::new(
                        number,
                        format!("END:{} without BEGIN", clip(&kind)),
                    ));
                };
                if open.name != kind {
                    return Err(IcsError::new(
                        number,
                        format!(
                            "END:{} closes BEGIN:{} of line {}",
                            clip(&kind),
                            open.name,
                            open.line
                        ),
                    ));
                }
                match stack.last_mut() {
                    Some(parent) => parent.children.push(open),
                    None => roots.push(open),
                }
            }
            _ => match stack.last_mut() {
                Some(open) => open.properties.push(property),
                None => {
                    return Err(IcsError::new(
                        number,
                        format!("{} outside BEGIN:VCALENDAR", property.name),
                    ))
                }
            },
        }
    }
    if let Some(open) = stack.last() {
        return Err(IcsError::new(
            open.line,
            format!(
                "BEGIN:{} is never closed (the file ends at line {last_line})",
                open.name
            ),
        ));
    }
    if roots.is_empty() {
        return Err(IcsError::new(1, "not a calendar file: no BEGIN:VCALENDAR"));
    }
    Ok(roots)
}

fn is_extension(line: &str) -> bool {
    line.get(..2)
        .is_some_and(|start| start.eq_ignore_ascii_case("X-"))
}

/// A text value unescaped (`\n`, `\,`, `\;`, `\\`).
pub fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// At most 40 characters of user text, for error messages.
pub fn clip(text: &str) -> String {
    let mut clipped: String = text.chars().take(40).collect();
    if text.chars().count() > 40 {
        clipped.push('…');
    }
    clipped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_lines_join_even_inside_a_multi_byte_character() {
        // "Grüße": ü is C3 BC; the fold splits it.
        let bytes = b"BEGIN:VCALENDAR\r\nSUMMARY:Gr\xC3\r\n \xBC\xC3\x9Fe\r\nEND:VCALENDAR\r\n";
        let lines = unfold(bytes);
        assert_eq!(lines[1], (2, "SUMMARY:Grüße".to_string()));
        assert_eq!(lines[2].0, 4);
    }

    #[test]
    fn parameters_may_be_quoted_and_hold_colons() {
        let p = parse_line(
            7,
            "ATTENDEE;CN=\"Doe, Jane\";PARTSTAT=DECLINED;X-A=\"a:b;c\":mailto:jane@x.org",
        )
        .unwrap();
        assert_eq!(p.name, "ATTENDEE");
        assert_eq!(p.param("CN"), Some("Doe, Jane"));
        assert_eq!(p.param("PARTSTAT"), Some("DECLINED"));
        assert_eq!(p.param("X-A"), Some("a:b;c"));
        assert_eq!(p.value, "mailto:jane@x.org");
    }

    #[test]
    fn a_line_without_a_colon_is_named_by_number() {
        let err = parse(b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART 2026\nEND:VEVENT\nEND:VCALENDAR")
            .unwrap_err();
        assert_eq!(err.line, 3);
    }

    #[test]
    fn a_mismatched_end_names_both_lines() {
        let err = parse(b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nEND:VTODO\nEND:VCALENDAR").unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.message.contains("line 2"), "{}", err.message);
    }

    #[test]
    fn a_malformed_vendor_extension_is_skipped() {
        let calendar = parse(
            b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nX-APPLE-STRUCTURED-LOCATION;X-TITLE=\"Room:geo\nSUMMARY:x\nEND:VEVENT\nEND:VCALENDAR",
        )
        .unwrap();
        assert_eq!(calendar[0].children[0].properties.len(), 1);
    }

    #[test]
    fn an_unclosed_component_is_an_error() {
        let err = parse(b"BEGIN:VCALENDAR\nBEGIN:VEVENT\nSUMMARY:x\n").unwrap_err();
        assert_eq!(err.line, 2);
    }

    #[test]
    fn text_values_unescape() {
        assert_eq!(unescape("a\\, b\\; c\\nd\\\\"), "a, b; c\nd\\");
    }
}
