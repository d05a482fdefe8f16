//! Language detection backed by [whatlang](https://docs.rs/whatlang), restricted to the
//! languages the deployment configured.
//!
//! This is the only crate of entente that knows `whatlang`: its ISO 639-3 codes are mapped to the
//! configured BCP-47 tags here and never leave the crate.
//!
//! ```
//! use entente_core::{Lang, LanguageDetector};
//! use entente_detect_whatlang::WhatlangDetector;
//! let langs = [Lang::parse("fr").unwrap(), Lang::parse("en").unwrap()];
//! let detector = WhatlangDetector::new(&langs, 0.0).unwrap();
//! let found = detector.detect("Le président a déclaré que les troupes quitteront le pays.").unwrap();
//! assert_eq!(found.lang.to_string(), "fr");
//! ```
#![deny(missing_docs)]

use entente_core::{Detection, Lang, LanguageDetector};

/// Detects language with whatlang's trigram model, choosing only among configured languages.
#[derive(Debug)]
pub struct WhatlangDetector {
    languages: Vec<Lang>,
    /// whatlang codes, in the same order as `languages`.
    codes: Vec<whatlang::Lang>,
    detector: whatlang::Detector,
    min_confidence: f32,
}

/// A configured language whatlang cannot detect.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the whatlang detector does not support language `{0}`")]
pub struct UnsupportedLanguage(pub Lang);

impl WhatlangDetector {
    /// A detector choosing among `languages`; below `min_confidence` it answers `und`.
    ///
    /// # Errors
    /// Returns the first language whatlang has no model for.
    pub fn new(languages: &[Lang], min_confidence: f32) -> Result<WhatlangDetector, UnsupportedLanguage> {
        let mut codes = Vec::with_capacity(languages.len());
        for lang in languages {
            let code = to_whatlang(lang).ok_or_else(|| UnsupportedLanguage(lang.clone()))?;
            codes.push(code);
        }
        let detector = whatlang::Detector::with_allowlist(codes.clone());
        Ok(WhatlangDetector { languages: languages.to_vec(), codes, detector, min_confidence })
    }

    /// True when whatlang can detect `lang`.
    pub fn supports(lang: &Lang) -> bool {
        to_whatlang(lang).is_some()
    }
}

impl LanguageDetector for WhatlangDetector {
    fn languages(&self) -> &[Lang] {
        &self.languages
    }

    fn detect(&self, text: &str) -> Option<Detection> {
        if self.languages.len() == 1 {
            // Nothing to choose: say so with the one language, sure only if there are letters.
            let has_letters = text.chars().any(char::is_alphabetic);
            return has_letters.then(|| Detection { lang: self.languages[0].clone(), confidence: 1.0 });
        }
        let info = self.detector.detect(text)?;
        let index = self.codes.iter().position(|&c| c == info.lang())?;
        let confidence = info.confidence() as f32;
        if confidence < self.min_confidence {
            return Some(Detection { lang: Lang::und(), confidence });
        }
        Some(Detection { lang: self.languages[index].clone(), confidence })
    }
}

/// ISO 639-1 primary subtags of the languages whatlang 0.18 knows, with its codes.
const WHATLANG_CODES: &[(&str, whatlang::Lang)] = {
    use whatlang::Lang::*;
    &[
        ("af", Afr),
        ("ak", Aka),
        ("am", Amh),
        ("ar", Ara),
        ("az", Aze),
        ("be", Bel),
        ("bg", Bul),
        ("bn", Ben),
        ("ca", Cat),
        ("cs", Ces),
        ("da", Dan),
        ("de", Deu),
        ("el", Ell),
        ("en", Eng),
        ("eo", Epo),
        ("es", Spa),
        ("et", Est),
        ("fa", Pes),
        ("fi", Fin),
        ("fr", Fra),
        ("gu", Guj),
        ("he", Heb),
        ("hi", Hin),
        ("hr", Hrv),
        ("hu", Hun),
        ("hy", Hye),
        ("id", Ind),
        ("it", Ita),
        ("ja", Jpn),
        ("jv", Jav),
        ("ka", Kat),
        ("km", Khm),
        ("kn", Kan),
        ("ko", Kor),
        ("la", Lat),
        ("lt", Lit),
        ("lv", Lav),
        ("mk", Mkd),
        ("ml", Mal),
        ("mr", Mar),
        ("my", Mya),
        ("nb", Nob),
        ("ne", Nep),
        ("nl", Nld),
        ("no", Nob),
        ("or", Ori),
        ("pa", Pan),
        ("pl", Pol),
        ("pt", Por),
        ("ro", Ron),
        ("ru", Rus),
        ("si", Sin),
        ("sk", Slk),
        ("sl", Slv),
        ("sn", Sna),
        ("sr", Srp),
        ("sv", Swe),
        ("ta", Tam),
        ("te", Tel),
        ("th", Tha),
        ("tk", Tuk),
        ("tl", Tgl),
        ("tr", Tur),
        ("uk", Ukr),
        ("ur", Urd),
        ("uz", Uzb),
        ("vi", Vie),
        ("yi", Yid),
        ("zh", Cmn),
        ("zu", Zul),
    ]
};

fn to_whatlang(lang: &Lang) -> Option<whatlang::Lang> {
    let primary = lang.primary();
    WHATLANG_CODES.iter().find(|(tag, _)| *tag == primary).map(|&(_, code)| code)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn langs(tags: &[&str]) -> Vec<Lang> {
        tags.iter().map(|t| Lang::parse(t).unwrap()).collect()
    }

    fn check(tags: &[&str], text: &str, expected: Option<&str>) {
        let detector = WhatlangDetector::new(&langs(tags), 0.0).unwrap();
        let found = detector.detect(text).map(|d| d.lang.to_string());
        assert_eq!(found.as_deref(), expected, "{text:?}");
    }

    #[test]
    fn detects_among_configured() {
        check(&["fr", "en"], "Les troupes quitteront le Kazakhstan dans deux jours.", Some("fr"));
        check(&["fr", "en"], "The troops will leave Kazakhstan within two days.", Some("en"));
        // Spanish text must still be labelled fr or en when only those are configured.
        let d = WhatlangDetector::new(&langs(&["fr", "en"]), 0.0).unwrap();
        let tag = d.detect("Las tropas abandonarán el país en dos días.").unwrap().lang.to_string();
        assert!(tag == "fr" || tag == "en");
    }

    #[test]
    fn keeps_configured_region_subtag() {
        check(&["fr-CA", "en-GB"], "The troops will leave Kazakhstan within two days.", Some("en-GB"));
    }

    #[test]
    fn no_letters_no_answer() {
        check(&["fr", "en"], "2 030 - 250 !", None);
        check(&["fr"], "", None);
    }

    #[test]
    fn rejects_unsupported() {
        let err = WhatlangDetector::new(&langs(&["fr", "ms"]), 0.0).unwrap_err();
        assert_eq!(err.0.to_string(), "ms");
    }

    #[test]
    fn low_confidence_is_und() {
        let d = WhatlangDetector::new(&langs(&["fr", "en"]), 0.999).unwrap();
        let found = d.detect("taxi").unwrap();
        assert!(found.lang.is_und());
    }
}
