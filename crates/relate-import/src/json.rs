//! Streaming over large JSON exports: the elements of one array, one at a time, so memory does
//! not grow with the file (a 500 MB tweets.js, a million-post Mastodon outbox).
//!
//! Each element arrives as raw JSON text; the importer deserialises it into its own record
//! type, so one malformed record becomes a warning instead of ending the import.

use std::fmt;
use std::io::BufRead;
use std::path::Path;

use serde::Deserialize;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::value::RawValue;

use crate::ImportError;

/// Calls `each(index, element)` for every element of the array at `path` in the JSON document
/// read from `reader`. `path` lists object keys from the top (`&["orderedItems"]` for a
/// Mastodon outbox); an empty path means the document is the array. A JavaScript assignment
/// before the JSON (`window.YTD.tweets.part0 = [...]`, Twitter archives) is skipped.
///
/// Returns `Ok(false)` when the path is not in the document (nothing was called), and an
/// error with line and column when the document is not well-formed JSON.
pub fn for_each_element<R: BufRead>(
    mut reader: R,
    path: &[&str],
    file: &Path,
    each: &mut dyn FnMut(usize, &RawValue),
) -> Result<bool, ImportError> {
    skip_js_assignment(&mut reader).map_err(ImportError::io(file.to_path_buf()))?;
    let mut de = serde_json::Deserializer::from_reader(reader);
    let found = Walk { path, each }.deserialize(&mut de).map_err(|e| json_error(file, &e))?;
    de.end().map_err(|e| json_error(file, &e))?;
    Ok(found)
}

/// An [`ImportError::Json`] for a serde_json error in `file`.
pub fn json_error(file: &Path, err: &serde_json::Error) -> ImportError {
    ImportError::Json {
        file: file.to_path_buf(),
        line: err.line() as u64,
        column: err.column() as u64,
        message: err.to_string(),
    }
}

/// Skips a byte-order mark, whitespace and a leading JavaScript `name = `. Anything else is
/// left for the JSON parser, which reports where it went wrong.
fn skip_js_assignment<R: BufRead>(reader: &mut R) -> std::io::Result<()> {
    skip_while(reader, |b| b.is_ascii_whitespace() || matches!(b, 0xEF | 0xBB | 0xBF))?;
    let starts_assignment = reader.fill_buf()?.first().is_some_and(|b| b.is_ascii_alphabetic())
        && !reader.fill_buf()?.starts_with(b"null")
        && !reader.fill_buf()?.starts_with(b"true")
        && !reader.fill_buf()?.starts_with(b"false");
    if starts_assignment {
        skip_while(reader, |b| b != b'=')?;
        skip_while(reader, |b| b == b'=' || b.is_ascii_whitespace())?;
    }
    Ok(())
}

fn skip_while<R: BufRead>(reader: &mut R, skip: impl Fn(u8) -> bool) -> std::io::Result<()> {
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        let n = buf.iter().take_while(|&&b| skip(b)).count();
        let done = n < buf.len();
        reader.consume(n);
        if done {
            return Ok(());
        }
    }
}

/// A scalar that exports write as a string, a number or a boolean, depending on the year and
/// the tool: ids, counts, timestamps, flags. Anything else (arrays, objects, `null`) is
/// `Other`, skipped without being built.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Scalar {
    Text(String),
    /// A non-negative integer.
    Number(u64),
    /// A negative integer.
    Signed(i64),
    Float(f64),
    Bool(bool),
    Other,
}

impl<'de> Deserialize<'de> for Scalar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Scalar, D::Error> {
        struct ScalarVisitor;
        impl<'de> Visitor<'de> for ScalarVisitor {
            type Value = Scalar;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string, number or boolean")
            }
            fn visit_u64<E>(self, v: u64) -> Result<Scalar, E> {
                Ok(Scalar::Number(v))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Scalar, E> {
                Ok(u64::try_from(v).map_or(Scalar::Signed(v), Scalar::Number))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Scalar, E> {
                Ok(Scalar::Float(v))
            }
            fn visit_str<E>(self, v: &str) -> Result<Scalar, E> {
                Ok(Scalar::Text(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> Result<Scalar, E> {
                Ok(Scalar::Text(v))
            }
            fn visit_bool<E>(self, v: bool) -> Result<Scalar, E> {
                Ok(Scalar::Bool(v))
            }
            fn visit_unit<E>(self) -> Result<Scalar, E> {
                Ok(Scalar::Other)
            }
            fn visit_none<E>(self) -> Result<Scalar, E> {
                Ok(Scalar::Other)
            }
            fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Scalar, D::Error> {
                Scalar::deserialize(d)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Scalar, A::Error> {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                Ok(Scalar::Other)
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Scalar, A::Error> {
                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(Scalar::Other)
            }
        }
        d.deserialize_any(ScalarVisitor)
    }
}

// Floats are no ids or counts here: ids written as floats have lost their digits.
impl Scalar {
    /// A non-empty id or name, trimmed.
    pub(crate) fn text(&self) -> Option<String> {
        match self {
            Scalar::Text(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Scalar::Number(n) => Some(n.to_string()),
            Scalar::Signed(n) => Some(n.to_string()),
            _ => None,
        }
    }

    /// A numeric id (a tweet's, an account's): digits only.
    pub(crate) fn number(&self) -> Option<u64> {
        match self {
            Scalar::Text(s) => s.trim().parse().ok(),
            Scalar::Number(n) => Some(*n),
            _ => None,
        }
    }

    pub(crate) fn count(&self) -> Option<i64> {
        match self {
            Scalar::Text(s) => s.trim().parse().ok(),
            Scalar::Number(n) => i64::try_from(*n).ok(),
            Scalar::Signed(n) => Some(*n),
            _ => None,
        }
    }

    pub(crate) fn truthy(&self) -> bool {
        match self {
            Scalar::Bool(b) => *b,
            Scalar::Text(s) => s.eq_ignore_ascii_case("true"),
            _ => false,
        }
    }
}

/// An id in a [`serde_json::Value`]: a non-empty trimmed string, or a number as written.
pub(crate) fn id_text(value: Option<&serde_json::Value>) -> Option<String> {
    match value? {
        serde_json::Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

struct Walk<'p, 'f> {
    path: &'p [&'p str],
    each: &'f mut dyn FnMut(usize, &RawValue),
}

impl<'de> DeserializeSeed<'de> for Walk<'_, '_> {
    type Value = bool;
    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<bool, D::Error> {
        if self.path.is_empty() { de.deserialize_seq(self) } else { de.deserialize_map(self) }
    }
}

impl<'de> Visitor<'de> for Walk<'_, '_> {
    type Value = bool;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match self.path.first() {
            None => f.write_str("an array"),
            Some(key) => write!(f, "an object with \"{key}\""),
        }
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<bool, A::Error> {
        let mut index = 0;
        while let Some(raw) = seq.next_element::<Box<RawValue>>()? {
            (self.each)(index, &raw);
            index += 1;
        }
        Ok(true)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
        let (first, rest) = self.path.split_first().expect("deserialize_map only with a path");
        let mut found = false;
        let each = self.each;
        while let Some(key) = map.next_key::<String>()? {
            if !found && key == *first {
                found = map.next_value_seed(Walk { path: rest, each: &mut *each })?;
            } else {
                map.next_value::<IgnoredAny>()?;
            }
        }
        Ok(found)
    }

    // a `null` or a scalar where the array was expected: nothing to stream
    fn visit_unit<E>(self) -> Result<bool, E> {
        Ok(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn collect(text: &str, path: &[&str]) -> Result<(bool, Vec<String>), ImportError> {
        let mut seen = Vec::new();
        let found = for_each_element(text.as_bytes(), path, Path::new("t.json"), &mut |i, raw| {
            seen.push(format!("{i}:{}", raw.get()));
        })?;
        Ok((found, seen))
    }

    #[test]
    fn top_level_array() {
        let (found, seen) = collect(" [1, {\"a\": [2]}, \"x\"]", &[]).unwrap();
        assert!(found);
        assert_eq!(seen, vec!["0:1", "1:{\"a\": [2]}", "2:\"x\""]);
    }

    #[test]
    fn javascript_assignment_is_skipped() {
        let (_, seen) = collect("window.YTD.tweets.part0 = [ {\"tweet\": {}} ]\n", &[]).unwrap();
        assert_eq!(seen, vec!["0:{\"tweet\": {}}"]);
    }

    #[test]
    fn nested_path_ignores_other_keys() {
        let doc = r#"{"totalItems": 2, "x": {"orderedItems": [9]}, "orderedItems": [3, 4]}"#;
        let (found, seen) = collect(doc, &["orderedItems"]).unwrap();
        assert!(found);
        assert_eq!(seen, vec!["0:3", "1:4"]);
        let (found, seen) = collect(doc, &["x", "orderedItems"]).unwrap();
        assert!(found);
        assert_eq!(seen, vec!["0:9"]);
    }

    #[test]
    fn missing_path_is_not_found() {
        let (found, seen) = collect(r#"{"a": 1}"#, &["orderedItems"]).unwrap();
        assert!(!found);
        assert!(seen.is_empty());
    }

    #[test]
    fn malformed_json_names_line_and_column() {
        let err = collect("[1,\n 2,\n x]", &[]).unwrap_err().to_string();
        assert!(err.starts_with("t.json:3:"), "{err}");
    }
}
