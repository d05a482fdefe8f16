//! The knowledge base: entities with French and English names and aliases, in a TSV file.
//!
//! The built file (`data/kb.tsv`) is embedded in the binary; [`KnowledgeBase::embedded`]
//! parses it in about a millisecond. `entente-build-kb` rebuilds it from the raw sources.

use rustc_hash::FxHashMap as HashMap;
use std::fmt::Write as _;

use entente_core::{EntityKind, alias_matches};
use unicode_normalization::UnicodeNormalization;

/// The header line of a knowledge-base TSV file.
pub const HEADER: &str = "#! id\tkind\tprior\tname:en\tname:fr\taliases\n";

const EMBEDDED: &str = include_str!("../data/kb.tsv");

/// Names of the world's cities of 15,000 inhabitants or more (GeoNames, CC BY 4.0), one per
/// line, with the Latin-alphabet exonyms of the larger ones; built by `tools/build_places.py`.
/// The named-entity tagger reads them as a feature; they are not knowledge-base entries.
pub const PLACE_NAMES: &str = include_str!("../data/places.txt");

/// An alternative name of an entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// The alias as written.
    pub text: String,
    /// When true, the first letter may appear in either case ("département d'État").
    pub fold_initial: bool,
}

/// One entity of the knowledge base.
#[derive(Debug, Clone, PartialEq)]
pub struct KbEntry {
    /// Stable id, `kind:slug`.
    pub id: String,
    /// Entity type.
    pub kind: EntityKind,
    /// How likely this entry is, among homonyms, in `0.0..=1.0`.
    pub prior: f32,
    /// English name.
    pub name_en: String,
    /// French name.
    pub name_fr: String,
    /// Other names (the two names above are aliases too).
    pub aliases: Vec<Alias>,
    /// Nationality adjectives and nouns that point at this entry ("russe", "Russian"); written
    /// with a leading `@` among the aliases of the TSV file.
    pub demonyms: Vec<String>,
}

impl KbEntry {
    /// An entry with no names yet and a prior of 0.5.
    pub fn new(id: String, kind: EntityKind) -> KbEntry {
        KbEntry {
            id,
            kind,
            prior: 0.5,
            name_en: String::new(),
            name_fr: String::new(),
            aliases: Vec::new(),
            demonyms: Vec::new(),
        }
    }

    /// Adds an alias unless it is already a name or alias. A name written with a typographic
    /// apostrophe (CLDR's "Côte d’Ivoire") also gets its straight-apostrophe twin, which is what
    /// normalized text holds, and the other way round.
    pub fn add_alias(&mut self, text: &str, fold_initial: bool) {
        let text = text.trim();
        if text.is_empty()
            || text == self.name_en
            || text == self.name_fr
            || self.aliases.iter().any(|a| a.text == text)
        {
            return;
        }
        self.aliases.push(Alias { text: text.to_owned(), fold_initial });
        self.add_apostrophe_twin(text, fold_initial);
    }

    fn add_apostrophe_twin(&mut self, text: &str, fold_initial: bool) {
        let twin = if text.contains('\u{2019}') {
            text.replace('\u{2019}', "'")
        } else if text.contains('\'') {
            text.replace('\'', "\u{2019}")
        } else {
            return;
        };
        if twin != self.name_en && twin != self.name_fr && !self.aliases.iter().any(|a| a.text == twin) {
            self.aliases.push(Alias { text: twin, fold_initial });
        }
    }

    /// Adds the apostrophe twins of the two names (see [`KbEntry::add_alias`]).
    pub fn add_name_twins(&mut self) {
        for name in [self.name_en.clone(), self.name_fr.clone()] {
            self.add_apostrophe_twin(&name, false);
        }
    }

    /// Takes names (when given) and aliases from `other`, which describes the same entity.
    pub fn merge(&mut self, other: &KbEntry) {
        let (old_en, old_fr) = (self.name_en.clone(), self.name_fr.clone());
        if !other.name_en.is_empty() {
            self.name_en = other.name_en.clone();
        }
        if !other.name_fr.is_empty() {
            self.name_fr = other.name_fr.clone();
        }
        self.kind = other.kind;
        self.prior = self.prior.max(other.prior);
        self.aliases.retain(|a| a.text != self.name_en && a.text != self.name_fr);
        for old in [old_en, old_fr] {
            self.add_alias(&old, false);
        }
        for alias in &other.aliases {
            self.add_alias(&alias.text, alias.fold_initial);
        }
        for demonym in &other.demonyms {
            self.add_demonym(demonym);
        }
    }

    /// Adds a nationality adjective or noun unless it is there already.
    pub fn add_demonym(&mut self, text: &str) {
        let text = text.trim();
        if !text.is_empty() && !self.demonyms.iter().any(|d| d == text) {
            self.demonyms.push(text.to_owned());
        }
    }

    /// The name in `lang` (primary subtag), when the KB has one.
    pub fn name(&self, lang: &str) -> Option<&str> {
        let name = match lang {
            "en" => &self.name_en,
            "fr" => &self.name_fr,
            _ => return None,
        };
        (!name.is_empty()).then_some(name.as_str())
    }

    /// Names and aliases, each with its `fold_initial` flag.
    pub fn all_aliases(&self) -> impl Iterator<Item = (&str, bool)> {
        [self.name_en.as_str(), self.name_fr.as_str()]
            .into_iter()
            .filter(|n| !n.is_empty())
            .map(|n| (n, false))
            .chain(self.aliases.iter().map(|a| (a.text.as_str(), a.fold_initial)))
    }

    /// Appends this entry as a TSV line.
    pub fn write_tsv(&self, out: &mut String) {
        let aliases: Vec<String> = self
            .aliases
            .iter()
            .map(|a| if a.fold_initial { format!("~{}", a.text) } else { a.text.clone() })
            .chain(self.demonyms.iter().map(|d| format!("@{d}")))
            .collect();
        let _ = writeln!(
            out,
            "{}\t{}\t{:.2}\t{}\t{}\t{}",
            self.id,
            self.kind.label(),
            self.prior,
            self.name_en,
            self.name_fr,
            aliases.join("|")
        );
    }
}

/// A malformed knowledge-base line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct KbError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// Entities by id, with an index of their aliases.
#[derive(Debug, Clone, Default)]
pub struct KnowledgeBase {
    entries: Vec<KbEntry>,
    by_id: HashMap<String, usize>,
    /// Lower-cased alias -> entries that have it.
    by_alias: HashMap<String, Vec<usize>>,
    /// Transliteration key of people's names and aliases -> entries.
    by_person_key: HashMap<String, Vec<usize>>,
}

impl KnowledgeBase {
    /// The knowledge base built into entente.
    pub fn embedded() -> KnowledgeBase {
        // The embedded file is checked by the tests; a failure here is a build defect.
        KnowledgeBase::parse(EMBEDDED).unwrap_or_default()
    }

    /// Parses the TSV format: `id, kind, prior, name:en, name:fr, aliases`; `#` starts a comment
    /// line; an empty prior means 0.5. A repeated id merges into the first.
    ///
    /// # Errors
    /// Returns the first malformed line.
    pub fn parse(text: &str) -> Result<KnowledgeBase, KbError> {
        let mut kb = KnowledgeBase::default();
        for (index, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let err = |message: String| KbError { line: index + 1, message };
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 5 {
                return Err(err(format!("expected at least 5 tab-separated columns, found {}", cols.len())));
            }
            let kind = EntityKind::from_label(cols[1]).ok_or_else(|| err(format!("unknown kind `{}`", cols[1])))?;
            let prior = match cols[2].trim() {
                "" => 0.5,
                p => p.parse::<f32>().map_err(|_| err(format!("prior `{p}` is not a number")))?,
            };
            if !cols[0].contains(':') {
                return Err(err(format!("id `{}` must look like `kind:name`", cols[0])));
            }
            let mut entry = KbEntry::new(cols[0].to_owned(), kind);
            entry.prior = prior;
            entry.name_en = cols[3].trim().to_owned();
            entry.name_fr = cols[4].trim().to_owned();
            entry.add_name_twins();
            for alias in cols.get(5).copied().unwrap_or("").split('|') {
                if let Some(d) = alias.strip_prefix('@') {
                    entry.add_demonym(d);
                } else if let Some(a) = alias.strip_prefix('~') {
                    entry.add_alias(a, true);
                } else {
                    entry.add_alias(alias, false);
                }
            }
            kb.insert(entry);
        }
        Ok(kb)
    }

    /// Adds an entry, or merges it into the entry with the same id.
    pub fn insert(&mut self, entry: KbEntry) {
        let index = match self.by_id.get(&entry.id) {
            Some(&i) => {
                self.entries[i].merge(&entry);
                i
            }
            None => {
                self.by_id.insert(entry.id.clone(), self.entries.len());
                self.entries.push(entry);
                self.entries.len() - 1
            }
        };
        let aliases: Vec<String> = self.entries[index].all_aliases().map(|(a, _)| a.to_owned()).collect();
        let person = self.entries[index].kind == EntityKind::Per;
        for alias in aliases {
            let list = self.by_alias.entry(alias.to_lowercase()).or_default();
            if !list.contains(&index) {
                list.push(index);
            }
            if person {
                let list = self.by_person_key.entry(crate::translit::name_key(&alias)).or_default();
                if !list.contains(&index) {
                    list.push(index);
                }
            }
        }
    }

    /// All entries, in file order.
    pub fn entries(&self) -> &[KbEntry] {
        &self.entries
    }

    /// The entry with this id.
    pub fn get(&self, id: &str) -> Option<&KbEntry> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }

    /// Entries one of whose aliases is `surface` under the alias's case rule, best prior first.
    pub fn lookup(&self, surface: &str) -> Vec<&KbEntry> {
        let mut found: Vec<&KbEntry> = self
            .by_alias
            .get(&surface.to_lowercase())
            .into_iter()
            .flatten()
            .map(|&i| &self.entries[i])
            .filter(|e| e.all_aliases().any(|(alias, fold)| alias_matches(alias, fold, surface)))
            .collect();
        found.sort_by(|a, b| b.prior.total_cmp(&a.prior));
        found
    }
}

impl KnowledgeBase {
    /// People whose name or an alias has the same transliteration key as `surface`
    /// ("Tokaïev" finds the entry of Kassym-Jomart Tokayev through its alias "Tokayev").
    pub fn lookup_person(&self, surface: &str) -> Vec<&KbEntry> {
        let key = crate::translit::name_key(surface);
        let mut found: Vec<&KbEntry> =
            self.by_person_key.get(&key).into_iter().flatten().map(|&i| &self.entries[i]).collect();
        found.sort_by(|a, b| b.prior.total_cmp(&a.prior));
        found
    }
}

/// A lower-case ASCII key for a name: accents folded, other characters turned to `-`.
/// `slug("Département d'État") == "departement-d-etat"`.
pub fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    // Letters and digits are kept, any run of other characters becomes one `-`.
    let mut push = |c: char| {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    };
    if name.is_ascii() {
        // Nothing to decompose: the common case, without the NFD iterator.
        name.bytes().for_each(|b| push(char::from(b.to_ascii_lowercase())));
    } else {
        for c in name.nfd() {
            if unicode_normalization::char::is_combining_mark(c) {
                continue;
            }
            let spelled = match c {
                'ß' => "ss",
                'æ' | 'Æ' => "ae",
                'œ' | 'Œ' => "oe",
                'ø' | 'Ø' => "o",
                'đ' | 'Đ' => "d",
                'ł' | 'Ł' => "l",
                'ı' => "i",
                _ => {
                    c.to_lowercase().for_each(&mut push);
                    continue;
                }
            };
            spelled.chars().for_each(&mut push);
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_kb_parses_and_has_the_basics() {
        let kb = KnowledgeBase::parse(EMBEDDED).expect("embedded kb parses");
        assert!(kb.entries().len() > 500, "only {} entries", kb.entries().len());
        for (surface, id) in [
            ("Russie", "loc:russia"),
            ("Russia", "loc:russia"),
            ("États-Unis", "loc:united-states"),
            ("OTSC", "org:csto"),
            ("CSTO", "org:csto"),
            ("Moscou", "loc:moscow"),
            ("JAKARTA", "loc:jakarta"),
            ("Asie centrale", "loc:central-asia"),
            ("département d'État", "org:us-state-department"),
            ("Washington", "loc:washington"),
        ] {
            let found = kb.lookup(surface);
            assert_eq!(found.first().map(|e| e.id.as_str()), Some(id), "{surface}");
        }
        assert_eq!(kb.get("loc:washington").unwrap().name_en, "Washington, D.C.");
        let kazakhstan = kb.get("loc:kazakhstan").unwrap();
        assert!(
            kazakhstan.demonyms.iter().any(|d| d == "kazakhes") && kazakhstan.demonyms.iter().any(|d| d == "Kazakh")
        );
        // Renderings that are not aliases are found by their transliteration key.
        for (surface, id) in [
            ("Tokaïev", "per:kassym-jomart-tokayev"),
            ("Choïgou", "per:sergei-shoigu"),
            ("Poutin", "per:vladimir-putin"),
        ] {
            assert_eq!(kb.lookup_person(surface).first().map(|e| e.id.as_str()), Some(id), "{surface}");
        }
    }

    /// The id a French or English surface links to: an alias of that kind, else (people) a
    /// transliteration key. Apostrophes are normalized as the pipeline does.
    fn link_id(kb: &KnowledgeBase, kind: EntityKind, surface: &str) -> Option<String> {
        let surface = surface.replace('\u{2019}', "'");
        let by_alias = kb.lookup(&surface).into_iter().find(|e| e.kind == kind);
        let by_key = || if kind == EntityKind::Per { kb.lookup_person(&surface).into_iter().next() } else { None };
        by_alias.or_else(by_key).map(|e| e.id.clone())
    }

    #[test]
    fn cross_lingual_alias_pairs() {
        let kb = KnowledgeBase::embedded();
        let mut failures = Vec::new();
        let mut n = 0;
        for line in include_str!("../data/alias-pairs.tsv").lines().filter(|l| !l.starts_with('#') && !l.is_empty()) {
            let cols: Vec<&str> = line.split('\t').collect();
            let kind = EntityKind::from_label(cols[0]).unwrap();
            let (fr, en) = (link_id(&kb, kind, cols[1]), link_id(&kb, kind, cols[2]));
            n += 1;
            if fr.is_none() || fr != en {
                failures.push(format!("{} -> {fr:?} / {} -> {en:?}", cols[1], cols[2]));
            }
        }
        assert!(n >= 200, "only {n} pairs");
        assert!(failures.is_empty(), "{} of {n} pairs fail:\n{}", failures.len(), failures.join("\n"));
    }

    #[test]
    fn case_rules() {
        assert!(alias_matches("Jakarta", false, "JAKARTA"));
        assert!(!alias_matches("Nice", false, "nice"));
        assert!(!alias_matches("US", false, "us"));
        assert!(alias_matches("Département d'État", true, "département d'État"));
        assert!(!alias_matches("Département d'État", true, "département d'état"));
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Département d'État"), "departement-d-etat");
        assert_eq!(slug("Washington, D.C."), "washington-d-c");
        assert_eq!(slug("Tokaïev"), "tokaiev");
        assert_eq!(slug("  "), "");
    }

    #[test]
    fn bad_lines_are_reported() {
        let err = KnowledgeBase::parse("x:y\tPER\t0.5\ta\tb\n\nz:w\tTHING\t\ta\tb\n").unwrap_err();
        assert_eq!(err.line, 3);
        assert!(KnowledgeBase::parse("noid\tPER\t\ta\tb").is_err());
    }
}
