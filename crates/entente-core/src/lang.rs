use std::fmt;
use std::str::FromStr;

use unic_langid::LanguageIdentifier;

/// A validated BCP-47 language tag, such as `fr`, `en-GB` or `pt-BR`.
///
/// The set of languages is open: a deployment configures the ones it handles.
/// Comparisons between detected and configured languages use [`Lang::primary`].
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Lang {
    id: LanguageIdentifier,
}

/// A language tag that is not well-formed BCP-47.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{tag}` is not a valid BCP-47 language tag")]
pub struct LangError {
    /// The tag as written.
    pub tag: String,
}

impl Lang {
    /// Parses a BCP-47 tag; `fr_FR` style underscores are accepted and canonicalized.
    ///
    /// # Errors
    /// Returns [`LangError`] when the tag is empty or not well-formed.
    pub fn parse(tag: &str) -> Result<Lang, LangError> {
        let err = || LangError { tag: tag.to_owned() };
        if tag.trim().is_empty() {
            return Err(err());
        }
        let id: LanguageIdentifier = tag.parse().map_err(|_| err())?;
        Ok(Lang { id })
    }

    /// The undetermined language, `und`.
    pub fn und() -> Lang {
        Lang { id: LanguageIdentifier::default() }
    }

    /// True for `und`.
    pub fn is_und(&self) -> bool {
        self.id.language.as_str() == "und"
    }

    /// The primary language subtag, lower case: `fr` for `fr-CA`.
    pub fn primary(&self) -> &str {
        self.id.language.as_str()
    }

    /// True when both tags share their primary language subtag.
    pub fn same_language(&self, other: &Lang) -> bool {
        self.primary() == other.primary()
    }
}

impl FromStr for Lang {
    type Err = LangError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Lang::parse(s)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.id, f)
    }
}

impl fmt::Debug for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Lang({})", self.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_canonicalizes() {
        assert_eq!(Lang::parse("fr").unwrap().to_string(), "fr");
        assert_eq!(Lang::parse("en_gb").unwrap().to_string(), "en-GB");
        assert_eq!(Lang::parse("fr-CA").unwrap().primary(), "fr");
        assert!(Lang::parse("fr").unwrap().same_language(&Lang::parse("fr-BE").unwrap()));
    }

    #[test]
    fn rejects_garbage() {
        for bad in ["", " ", "french!", "x", "12"] {
            assert!(Lang::parse(bad).is_err(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn und_is_und() {
        assert!(Lang::und().is_und());
        assert_eq!(Lang::und().to_string(), "und");
        assert!(!Lang::parse("en").unwrap().is_und());
    }
}
