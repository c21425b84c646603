//! [`SmallStr`]: the string type of a [`crate::Word`]'s `lower` and `stem`.
//!
//! `words` makes two of these for every word of a million comments. As `String`s they cost two
//! heap allocations (and frees) per word, the largest single cost of the analysis; almost all
//! words and stems fit into 22 bytes, so they are stored inline and a copy is a plain 24-byte
//! copy. Longer ones go to the heap.

use std::borrow::Borrow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;

/// Bytes stored inline; with the length byte and the enum tag the type is 24 bytes, the size
/// of a `String`.
const INLINE: usize = 22;

/// An immutable string, stored inline up to 22 bytes. Dereferences to `str` and compares,
/// hashes, orders and prints (`{:?}` too) exactly like the `&str` it holds.
#[derive(Clone)]
pub struct SmallStr(Repr);

#[derive(Clone)]
enum Repr {
    /// The bytes, then their number in the last byte: a plain `Copy` array clones cheaply.
    Inline([u8; INLINE + 1]),
    Heap(Box<str>),
}

impl SmallStr {
    /// A copy of `s`.
    #[must_use]
    pub fn new(s: &str) -> Self {
        if s.len() <= INLINE {
            let mut buf = [0u8; INLINE + 1];
            buf[..s.len()].copy_from_slice(s.as_bytes());
            // `s.len() <= 22`, so the length fits a `u8`.
            buf[INLINE] = s.len() as u8;
            SmallStr(Repr::Inline(buf))
        } else {
            SmallStr(Repr::Heap(s.into()))
        }
    }

    /// The string.
    #[must_use]
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Inline(buf) => {
                let bytes = &buf[..usize::from(buf[INLINE]).min(INLINE)];
                debug_assert!(std::str::from_utf8(bytes).is_ok());
                // SAFETY: the only constructor, `new`, copies these bytes from a `&str` and
                // nothing mutates them afterwards, so they are valid UTF-8. Validating again on
                // every access would cost more than the allocation this type saves.
                unsafe { std::str::from_utf8_unchecked(bytes) }
            }
            Repr::Heap(s) => s,
        }
    }
}

impl Default for SmallStr {
    fn default() -> Self {
        SmallStr::new("")
    }
}

impl Deref for SmallStr {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for SmallStr {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for SmallStr {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl From<&str> for SmallStr {
    fn from(s: &str) -> Self {
        SmallStr::new(s)
    }
}

impl From<String> for SmallStr {
    fn from(s: String) -> Self {
        SmallStr::new(&s)
    }
}

impl From<SmallStr> for String {
    fn from(s: SmallStr) -> Self {
        s.as_str().to_owned()
    }
}

impl fmt::Debug for SmallStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for SmallStr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl PartialEq for SmallStr {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for SmallStr {}

impl PartialOrd for SmallStr {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for SmallStr {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for SmallStr {
    // Must hash like `str`: the type is looked up by `&str` through `Borrow<str>`.
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

macro_rules! eq_with {
    ($($t:ty),*) => {$(
        impl PartialEq<$t> for SmallStr {
            fn eq(&self, other: &$t) -> bool {
                self.as_str() == &other[..]
            }
        }
        impl PartialEq<SmallStr> for $t {
            fn eq(&self, other: &SmallStr) -> bool {
                &self[..] == other.as_str()
            }
        }
    )*};
}
eq_with!(str, &str, String);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn behaves_like_str() {
        assert_eq!(std::mem::size_of::<SmallStr>(), 24);
        let long = "donaudampfschifffahrtsgesellschaft";
        for s in ["", "a", "wissen", "ääääääääääää", &long[..22], &long[..23], long] {
            let x = SmallStr::new(s);
            assert_eq!(x.as_str(), s);
            assert_eq!(x, s);
            assert_eq!(x, *s);
            assert_eq!(x, s.to_owned());
            assert_eq!(s, x);
            assert_eq!(format!("{x:?}"), format!("{s:?}"));
            assert_eq!(format!("{x}"), s);
            assert_eq!(x.clone(), x);
            assert_eq!(String::from(x.clone()), s);
            let h = |v: &dyn Fn(&mut std::collections::hash_map::DefaultHasher)| {
                let mut st = std::collections::hash_map::DefaultHasher::new();
                v(&mut st);
                st.finish()
            };
            assert_eq!(h(&|st| x.hash(st)), h(&|st| s.hash(st)));
        }
        assert!(SmallStr::new("a") < SmallStr::new("b"));
        assert_eq!(SmallStr::default(), "");
    }
}
