use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use entente_core::{EntityKind, alias_matches};

/// One name the gazetteer looks for.
#[derive(Debug, Clone, PartialEq)]
pub struct GazetteerEntry {
    /// The name as written.
    pub alias: String,
    /// When true, the first letter may appear in either case.
    pub fold_initial: bool,
    /// The entity type of the entry.
    pub kind: EntityKind,
    /// The knowledge-base key of the entry.
    pub key: String,
    /// How likely the entry is among entries sharing the alias.
    pub prior: f32,
    /// True for a nationality adjective or noun pointing at `key` ("russe" for Russia): it is
    /// reported as a demonym, not as a mention of the country.
    pub demonym: bool,
}

/// A gazetteer hit.
#[derive(Debug, Clone, PartialEq)]
pub struct GazetteerMatch {
    /// Byte range in the searched text.
    pub range: Range<usize>,
    /// Index of the best entry for this surface.
    pub entry: usize,
}

/// Finds known names in text with one Aho-Corasick automaton over case-folded text.
///
/// Folding lower-cases only characters whose lower case has the same UTF-8 length, so offsets in
/// the folded text are offsets in the original. Each hit is then checked against the entry's
/// case rule ([`alias_matches`]) and word boundaries; overlapping hits keep the longest.
#[derive(Debug, Clone)]
pub struct Gazetteer {
    entries: Vec<GazetteerEntry>,
    /// For each automaton pattern, the entries sharing it, best prior first.
    patterns: Vec<Vec<usize>>,
    automaton: Option<AhoCorasick>,
    /// Keys of the entries that have nationality words: countries.
    with_demonyms: rustc_hash::FxHashSet<String>,
    /// The nationality words, as written.
    demonyms: rustc_hash::FxHashSet<String>,
}

/// `text` in lower case, byte for byte, so that any range of `text` slices it too: the
/// gazetteer matches on it, and the value grammar reads its words from it. The rare character
/// whose lower case is longer or shorter in UTF-8 ('İ', 'ẞ', the Kelvin sign) stays as it is.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        // Runs of ASCII are copied as they are and lower-cased at the end, in place.
        let ascii = rest.bytes().position(|b| b >= 0x80).unwrap_or(rest.len());
        out.push_str(&rest[..ascii]);
        rest = &rest[ascii..];
        let Some(c) = rest.chars().next() else { break };
        let mut lower = c.to_lowercase();
        match (lower.next(), lower.next()) {
            (Some(l), None) if l.len_utf8() == c.len_utf8() => out.push(l),
            _ => out.push(c),
        }
        rest = &rest[c.len_utf8()..];
    }
    out.make_ascii_lowercase();
    out
}

impl Gazetteer {
    /// Builds the automaton. Empty aliases are ignored.
    pub fn new(entries: Vec<GazetteerEntry>) -> Gazetteer {
        let mut by_pattern: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, entry) in entries.iter().enumerate() {
            if entry.alias.trim().is_empty() {
                continue;
            }
            by_pattern.entry(fold(&entry.alias)).or_default().push(i);
        }
        let mut keys: Vec<String> = by_pattern.keys().cloned().collect();
        keys.sort();
        let patterns: Vec<Vec<usize>> = keys
            .iter()
            .map(|k| {
                let mut list = by_pattern.remove(k).unwrap_or_default();
                list.sort_by(|&a, &b| entries[b].prior.total_cmp(&entries[a].prior));
                list
            })
            .collect();
        let automaton = (!keys.is_empty())
            .then(|| AhoCorasickBuilder::new().match_kind(MatchKind::Standard).build(&keys).ok())
            .flatten();
        let with_demonyms = entries.iter().filter(|e| e.demonym).map(|e| e.key.clone()).collect();
        let demonyms = entries.iter().filter(|e| e.demonym).map(|e| e.alias.clone()).collect();
        Gazetteer { entries, patterns, automaton, with_demonyms, demonyms }
    }

    /// True when the entry `key` has nationality words ("loc:france": "French", "français"):
    /// a country, not a city.
    pub fn has_demonyms(&self, key: &str) -> bool {
        self.with_demonyms.contains(key)
    }

    /// True when `word`, as written, is a nationality word ("Argentine", which French also
    /// writes for the country).
    pub fn is_demonym(&self, word: &str) -> bool {
        self.demonyms.contains(word)
    }

    /// The entries, as given.
    pub fn entries(&self) -> &[GazetteerEntry] {
        &self.entries
    }

    /// Non-overlapping hits in `text` (whose folded form is `folded`), in text order.
    pub fn find(&self, text: &str, folded: &str, out: &mut Vec<GazetteerMatch>) {
        let Some(automaton) = &self.automaton else {
            return;
        };
        let start_len = out.len();
        for hit in automaton.find_overlapping_iter(folded) {
            let range = hit.start()..hit.end();
            if !text.is_char_boundary(range.start) || !text.is_char_boundary(range.end) {
                continue;
            }
            let before = text[..range.start].chars().next_back();
            let after = text[range.end..].chars().next();
            if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric) {
                continue;
            }
            let surface = &text[range.clone()];
            let best = self.patterns[hit.pattern().as_usize()]
                .iter()
                .copied()
                .find(|&i| alias_matches(&self.entries[i].alias, self.entries[i].fold_initial, surface));
            if let Some(entry) = best {
                out.push(GazetteerMatch { range, entry });
            }
        }
        let kept = longest_first(&mut out[start_len..]);
        out.truncate(start_len);
        out.extend(kept);
    }
}

/// The hits to keep, in text order: longest first, then leftmost, those not overlapping a hit
/// kept before them (an empty hit, which the automaton never reports, is not kept).
fn longest_first(found: &mut [GazetteerMatch]) -> Vec<GazetteerMatch> {
    found.sort_by_key(|m| (std::cmp::Reverse(m.range.len()), m.range.start));
    let mut taken = crate::ranges::Taken::default();
    let mut kept: Vec<GazetteerMatch> = Vec::new();
    for m in found.iter() {
        if !m.range.is_empty() && !taken.overlaps(&m.range) {
            taken.add(m.range.clone());
            kept.push(m.clone());
        }
    }
    kept.sort_by_key(|m| m.range.start);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(alias: &str, fold_initial: bool, kind: EntityKind, key: &str, prior: f32) -> GazetteerEntry {
        GazetteerEntry { alias: alias.into(), fold_initial, kind, key: key.into(), prior, demonym: false }
    }

    fn find(g: &Gazetteer, text: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        g.find(text, &fold(text), &mut out);
        out.into_iter().map(|m| (text[m.range].to_owned(), g.entries()[m.entry].key.clone())).collect()
    }

    #[test]
    fn longest_word_bounded_case_checked() {
        let g = Gazetteer::new(vec![
            entry("Département d'État", true, EntityKind::Org, "org:dos", 0.8),
            entry("État", false, EntityKind::Loc, "loc:etat", 0.1),
            entry("Nice", false, EntityKind::Loc, "loc:nice", 0.5),
            entry("Jakarta", false, EntityKind::Loc, "loc:jakarta", 0.5),
            entry("Russia", false, EntityKind::Loc, "loc:russia", 0.9),
        ]);
        assert_eq!(
            find(&g, "JAKARTA - le département d'État, nice day in Nice; Russia-led, Russian"),
            [
                ("JAKARTA".into(), "loc:jakarta".into()),
                ("département d'État".into(), "org:dos".into()),
                ("Nice".into(), "loc:nice".into()),
                ("Russia".into(), "loc:russia".into()),
            ]
        );
    }

    proptest::proptest! {
        /// The kept hits are those a scan of every kept hit keeps.
        #[test]
        fn longest_first_keeps_what_a_scan_keeps(ranges in proptest::collection::vec((0usize..100, 1usize..12), 0..80)) {
            let mut found: Vec<GazetteerMatch> =
                ranges.iter().enumerate().map(|(entry, &(at, len))| GazetteerMatch { range: at..at + len, entry }).collect();
            found.sort_by_key(|m| (std::cmp::Reverse(m.range.len()), m.range.start));
            let mut scanned: Vec<GazetteerMatch> = Vec::new();
            for m in &found {
                if scanned.iter().all(|k| k.range.end <= m.range.start || m.range.end <= k.range.start) {
                    scanned.push(m.clone());
                }
            }
            scanned.sort_by_key(|m| m.range.start);
            proptest::prop_assert_eq!(longest_first(&mut found), scanned);
        }
    }

    #[test]
    fn homonyms_take_best_prior_that_fits_case() {
        let g = Gazetteer::new(vec![
            entry("Washington", false, EntityKind::Loc, "loc:small", 0.3),
            entry("Washington", false, EntityKind::Loc, "loc:dc", 0.8),
        ]);
        assert_eq!(find(&g, "in Washington")[0].1, "loc:dc");
        assert!(Gazetteer::new(Vec::new()).automaton.is_none());
    }
}
