//! Just enough JSON to read cargo's `--message-format=json` lines: which executable a build
//! made, and where a compile error is. (A parser of sixty lines instead of a dependency.)

use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq)]
pub enum Json {
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    Array(Vec<Json>),
    Object(BTreeMap<String, Json>),
}

impl Json {
    /// Parses one JSON value; `None` if `text` is not exactly one.
    pub fn parse(text: &str) -> Option<Json> {
        let mut parser = Parser { chars: text.chars().collect(), at: 0 };
        let value = parser.value(0)?;
        parser.blank();
        (parser.at == parser.chars.len()).then_some(value)
    }

    /// The member `key` of an object, or `Null`.
    pub fn get(&self, key: &str) -> &Json {
        match self {
            Json::Object(members) => members.get(key).unwrap_or(&Json::Null),
            _ => &Json::Null,
        }
    }

    pub fn str(&self) -> Option<&str> {
        if let Json::String(s) = self { Some(s) } else { None }
    }

    pub fn items(&self) -> &[Json] {
        if let Json::Array(items) = self { items } else { &[] }
    }
}

struct Parser {
    chars: Vec<char>,
    at: usize,
}

impl Parser {
    fn blank(&mut self) {
        while self.chars.get(self.at).is_some_and(|c| c.is_ascii_whitespace()) {
            self.at += 1;
        }
    }

    fn eat(&mut self, c: char) -> bool {
        self.blank();
        let found = self.chars.get(self.at) == Some(&c);
        self.at += usize::from(found);
        found
    }

    fn value(&mut self, depth: usize) -> Option<Json> {
        self.blank();
        if depth > 64 {
            return None;
        }
        match *self.chars.get(self.at)? {
            '{' => {
                self.at += 1;
                let mut members = BTreeMap::new();
                if self.eat('}') {
                    return Some(Json::Object(members));
                }
                loop {
                    self.blank();
                    let key = self.string()?;
                    self.eat(':').then_some(())?;
                    members.insert(key, self.value(depth + 1)?);
                    if self.eat('}') {
                        return Some(Json::Object(members));
                    }
                    self.eat(',').then_some(())?;
                }
            }
            '[' => {
                self.at += 1;
                let mut items = vec![];
                if self.eat(']') {
                    return Some(Json::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    if self.eat(']') {
                        return Some(Json::Array(items));
                    }
                    self.eat(',').then_some(())?;
                }
            }
            '"' => self.string().map(Json::String),
            _ => self.word(),
        }
    }

    fn word(&mut self) -> Option<Json> {
        let start = self.at;
        while self
            .chars
            .get(self.at)
            .is_some_and(|c| c.is_ascii_alphanumeric() || "+-.".contains(*c))
        {
            self.at += 1;
        }
        let word: String = self.chars[start..self.at].iter().collect();
        match word.as_str() {
            "null" => Some(Json::Null),
            "true" => Some(Json::Bool(true)),
            "false" => Some(Json::Bool(false)),
            number => number.parse().ok().map(Json::Number),
        }
    }

    fn string(&mut self) -> Option<String> {
        (self.chars.get(self.at) == Some(&'"')).then_some(())?;
        self.at += 1;
        let mut out = String::new();
        loop {
            let c = *self.chars.get(self.at)?;
            self.at += 1;
            match c {
                '"' => return Some(out),
                '\\' => {
                    let escaped = *self.chars.get(self.at)?;
                    self.at += 1;
                    out.push(match escaped {
                        'n' => '\n',
                        't' => '\t',
                        'r' => '\r',
                        'b' => '\u{8}',
                        'f' => '\u{c}',
                        'u' => self.unicode()?,
                        other => other,
                    });
                }
                c => out.push(c),
            }
        }
    }

    /// The character of a `\uXXXX` escape (a surrogate pair counts as one).
    fn unicode(&mut self) -> Option<char> {
        let first = self.hex4()?;
        if (0xD800..0xDC00).contains(&first)
            && self.chars.get(self.at) == Some(&'\\')
            && self.chars.get(self.at + 1) == Some(&'u')
        {
            self.at += 2;
            let second = self.hex4()?;
            let code = 0x10000 + ((first - 0xD800) << 10) + second.checked_sub(0xDC00)?;
            return char::from_u32(code);
        }
        Some(char::from_u32(first).unwrap_or('\u{fffd}'))
    }

    fn hex4(&mut self) -> Option<u32> {
        let digits: String = self.chars.get(self.at..self.at + 4)?.iter().collect();
        self.at += 4;
        u32::from_str_radix(&digits, 16).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cargo_messages_are_read() {
        let line = r#"{"reason":"compiler-artifact","target":{"kind":["bin"],"name":"ch01-a"},"executable":"/t/d\"b\\c\u00e9","fresh":true,"n":[1,-2.5e3,null]}"#;
        let json = Json::parse(line).unwrap();
        assert_eq!(json.get("reason").str(), Some("compiler-artifact"));
        assert_eq!(json.get("target").get("name").str(), Some("ch01-a"));
        assert_eq!(json.get("executable").str(), Some("/t/d\"b\\cé"));
        assert_eq!(json.get("n").items().len(), 3);
        assert_eq!(json.get("missing"), &Json::Null);
        assert_eq!(Json::parse("{\"a\":1} x"), None);
        assert_eq!(Json::parse("[[[[").map(|_| ()), None);
    }
}
