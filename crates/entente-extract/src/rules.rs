use std::collections::HashSet;
use std::ops::Range;
use std::sync::Arc;

use entente_core::{Demonym, EntityKind, ExtractContext, Extraction, Extractor, Mention, NormalizedText};

use crate::gazetteer::{Gazetteer, GazetteerMatch, fold};
use crate::lexicon::{
    COMPANY_WORDS, CONNECTORS, CRAFT_WORDS, FRENCH_OF, GEOGRAPHIC_PLURALS, NEVER_IN_NAMES, SINGULAR_TEAM_NAMES,
    STORM_WORDS, STREET_HEADS, WEEKDAYS, WORK_NOUNS, is_function_word, is_person_cue,
};
use crate::tagger::{Lexicon, Prepared, TaggerModel};
use crate::tokens::{Token, TokenKind, tokenize};
use crate::{quotes, values};

/// The rule-and-gazetteer extractor. See the crate documentation.
#[derive(Debug, Clone)]
pub struct RuleExtractor {
    gazetteer: Arc<Gazetteer>,
    /// Statistical taggers by primary language subtag; languages without one use the rules.
    taggers: Vec<(String, Arc<TaggerModel>, Option<Arc<Lexicon>>)>,
    /// Find capitalized names the gazetteer does not know.
    capitalized: bool,
    /// Find numerals.
    values: bool,
    /// Find quotations.
    quotes: bool,
    /// Which occurrence an incomplete date names.
    dates: values::Direction,
}

impl RuleExtractor {
    /// An extractor with `gazetteer`, and every rule on.
    pub fn new(gazetteer: Arc<Gazetteer>) -> RuleExtractor {
        RuleExtractor {
            gazetteer,
            taggers: Vec::new(),
            capitalized: true,
            values: true,
            quotes: true,
            dates: values::Direction::Past,
        }
    }

    /// Uses `model` (with the lexicon it was trained with) to find names in texts of its
    /// language, instead of the capitalization rules.
    pub fn with_tagger(mut self, model: Arc<TaggerModel>, lexicon: Option<Arc<Lexicon>>) -> RuleExtractor {
        self.taggers.retain(|(lang, _, _)| lang != model.language());
        self.taggers.push((model.language().to_owned(), model, lexicon));
        self
    }

    /// Chooses which occurrence an incomplete date ("Tuesday", "12 January", "3pm") names: the
    /// last one not after the reference (`Past`, for news) or the next one (`Future`, Duckling's).
    pub fn with_dates(mut self, direction: values::Direction) -> RuleExtractor {
        self.dates = direction;
        self
    }

    /// Turns the capitalized-sequence rule on or off (then only gazetteer names are found).
    pub fn with_capitalized(mut self, on: bool) -> RuleExtractor {
        self.capitalized = on;
        self
    }

    /// Turns numeral extraction on or off.
    pub fn with_values(mut self, on: bool) -> RuleExtractor {
        self.values = on;
        self
    }

    /// Turns quotation extraction on or off.
    pub fn with_quotes(mut self, on: bool) -> RuleExtractor {
        self.quotes = on;
        self
    }
}

fn is_word(t: &Token) -> bool {
    t.kind == TokenKind::Word
}

/// True for a word token starting with a capital letter.
fn is_capitalized_word(text: &str, t: &Token) -> bool {
    is_word(t) && starts_upper(&text[t.range.clone()])
}

/// True for a particle of a person's name, in lower case as names write it ("de", "von").
fn is_name_particle(word: &str) -> bool {
    crate::lexicon::NAME_PARTICLES.contains(&word)
}

fn starts_upper(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_uppercase)
}

fn is_all_caps(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

/// True when `word` in lower case is one of `list` (whose words are in lower case).
fn lower_in(word: &str, list: &[&str]) -> bool {
    if word.is_ascii() {
        // Most words: compared as they are, without lower-casing a copy.
        return list.iter().any(|w| w.eq_ignore_ascii_case(word));
    }
    lower_then(word, |lower| list.contains(&lower))
}

/// True when `word` in lower case is one of `words`: [`lower_in`] for the long lists.
fn lower_in_words(word: &str, words: &crate::lexicon::Words) -> bool {
    lower_then(word, |lower| words.contains(lower))
}

/// True for the head word of an organisation's or a place's name, in any case ("Agency",
/// "Ministry", "Beach", "Island"): a name that holds one is no person's.
fn is_name_head(word: &str) -> bool {
    lower_in_words(word, &crate::lexicon::ORG_HEAD_WORDS) || lower_in_words(word, &crate::lexicon::PLACE_HEAD_WORDS)
}

/// `f` of `word` in lower case, without allocating for short ASCII words.
fn lower_then<T>(word: &str, f: impl FnOnce(&str) -> T) -> T {
    let mut buffer = [0u8; 32];
    match buffer.get_mut(..word.len()) {
        Some(lower) if word.is_ascii() => {
            lower.copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            f(std::str::from_utf8(lower).unwrap_or_default())
        }
        _ => f(&word.to_lowercase()),
    }
}

/// Byte ranges of lines whose capitalization says nothing: Title-Case headlines and lines in
/// capitals.
pub fn uninformative_lines(text: &str, tokens: &[Token]) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut line_start = 0;
    // Tokens come in text order: each line reads its own, from `first` on.
    let mut first = 0;
    for line in text.split_inclusive('\n') {
        let range = line_start..line_start + line.len();
        line_start = range.end;
        while first < tokens.len() && tokens[first].range.start < range.start {
            first += 1;
        }
        let words = tokens[first..]
            .iter()
            .take_while(|t| t.range.start < range.end)
            .filter(|t| is_word(t) && t.range.end <= range.end)
            .map(|t| &text[t.range.clone()])
            .filter(|w| !w.ends_with('\''));
        let (mut n_words, mut capitalized, mut caps, mut function_capitalized) = (0, 0, 0, false);
        for (k, w) in words.enumerate() {
            n_words += 1;
            if starts_upper(w) {
                capitalized += 1;
                function_capitalized = function_capitalized || (k > 0 && lower_then(w, is_function_word));
            }
            caps += usize::from(is_all_caps(w));
        }
        if n_words < 4 {
            continue;
        }
        let title_case = capitalized * 5 >= n_words * 4 && function_capitalized;
        if title_case || caps * 5 >= n_words * 4 {
            lines.push(range);
        }
    }
    lines
}

impl Extractor for RuleExtractor {
    fn extract(&self, normalized: &NormalizedText<'_>, context: &ExtractContext<'_>, out: &mut Extraction) {
        let lang = context.lang;
        let text = normalized.as_str();
        let tokens = tokenize(text);
        let folded = fold(text);
        let mut hits: Vec<GazetteerMatch> = Vec::new();
        self.gazetteer.find(text, &folded, &mut hits);
        for hit in &hits {
            let entry = &self.gazetteer.entries()[hit.entry];
            if entry.demonym {
                out.demonyms.push(Demonym { byte_range: hit.range.clone(), country: entry.key.clone() });
            }
        }
        let mut mentions: Vec<Mention> = hits
            .iter()
            .filter(|hit| !self.gazetteer.entries()[hit.entry].demonym)
            .map(|hit| {
                let entry = &self.gazetteer.entries()[hit.entry];
                Mention { byte_range: hit.range.clone(), kind: entry.kind, score: 0.9, kb_key: Some(entry.key.clone()) }
            })
            .collect();
        let tagger = self.taggers.iter().find(|(l, _, _)| l == lang.primary());
        if let Some((_, tagger, lexicon)) = tagger {
            mentions =
                tagged_names(lang.primary() == "en", &self.gazetteer, tagger, lexicon.as_deref(), text, &tokens, &hits);
        } else if self.capitalized {
            capitalized_names(text, &tokens, &hits, &mut mentions);
        }
        mentions.sort_by_key(|m| m.byte_range.start);
        out.mentions.extend(mentions);
        if self.values {
            values::find_folded(text, &folded, context, self.dates, &mut out.values);
            // A number inside a name is part of it, not a numeral: "CAC 40". Mentions are sorted
            // by start and do not overlap, so only the last one starting before a number can
            // hold it.
            let mentions = &out.mentions;
            let inside_a_name = |range: &Range<usize>| {
                let k = mentions.partition_point(|m| m.byte_range.start <= range.start);
                k > 0 && mentions[k - 1].byte_range.end >= range.end
            };
            out.values.retain(|v| {
                !(matches!(v.data, entente_core::ValueData::Numeral { .. }) && inside_a_name(&v.byte_range))
            });
        }
        if self.quotes {
            quotes::find(text, &out.mentions, &mut out.quotes);
            if quotes::drop_quoted_speech(text, &out.quotes, &mut out.mentions) {
                out.quotes.clear();
                quotes::find(text, &out.mentions, &mut out.quotes);
            }
        }
    }
}

/// Mentions found by the statistical tagger; a mention that is exactly a gazetteer hit of the
/// same type keeps the hit's knowledge-base key.
fn tagged_names(
    english: bool,
    gazetteer: &Gazetteer,
    tagger: &TaggerModel,
    lexicon: Option<&Lexicon>,
    text: &str,
    tokens: &[Token],
    hits: &[GazetteerMatch],
) -> Vec<Mention> {
    let flat = uninformative_lines(text, tokens);
    let typed: Vec<(GazetteerMatch, EntityKind)> =
        hits.iter().map(|h| (h.clone(), gazetteer.entries()[h.entry].kind)).collect();
    let prepared = Prepared::new(text, tokens, &typed, &flat, lexicon);
    let mut spans: Vec<(Range<usize>, EntityKind, f32)> = Vec::new();
    for (range, kind, score) in tagger.tag(&prepared, tokens.len()) {
        tidy_span(text, tokens, range, kind, score, &mut spans);
    }
    if english {
        drop_lower_case_tails(text, tokens, &mut spans);
    }
    join_name_particles(text, tokens, &mut spans);
    split_coordinated(text, tokens, &typed, &mut spans);
    extend_to_org_heads(text, tokens, &mut spans);
    join_names_before_acronyms(text, tokens, &mut spans);
    join_french_institutions(text, tokens, &mut spans);
    if !english {
        untagged_streets(text, tokens, &mut spans);
    } else {
        untagged_laws(text, tokens, &mut spans);
    }
    correct_extent_and_type(text, tokens, &typed, &mut spans);
    let mut mentions: Vec<Mention> = spans
        .into_iter()
        .map(|(range, kind, score)| {
            let byte_range = tokens[range.start].range.start..tokens[range.end - 1].range.end;
            // A hit of the same type, or a nationality word whatever the tagger called it
            // ("Kazakh" points at Kazakhstan). Hits come in text order.
            let hit = exact_hits(&typed, &byte_range).find(|(h, k)| {
                *k == kind
                        || gazetteer.entries()[h.entry].demonym
                        // An organisation the tagger took for a person ("Kremlin spokesman …"):
                        // the knowledge base knows better. Places keep the tagger's word, as
                        // people bear their names ("Jordan", "Georgia").
                        || (kind == EntityKind::Per && *k == EntityKind::Org)
                        // An organisation named for its seat, or a news agency after a
                        // dateline, that the tagger took for a place ("the Kremlin said",
                        // "PARIS (AP) -"): the knowledge base knows it as an organisation.
                        || (kind == EntityKind::Loc && *k == EntityKind::Org)
                        // A dateline's place that the tagger took for an organisation
                        // ("ATHÈNES (AFP) -"), or for a person after a byline ("By Jane Doe\n\nLONDON,
                        // March 3 (Reuters)").
                        || (matches!(kind, EntityKind::Org | EntityKind::Per)
                            && *k == EntityKind::Loc
                            && is_dateline(text, &byte_range))
                        // A country the tagger took for an organisation ("brokered by the
                        // United States"): countries are places, whatever they do.
                        || (kind == EntityKind::Org
                            && *k == EntityKind::Loc
                            && gazetteer.has_demonyms(&gazetteer.entries()[h.entry].key))
                        // A place or organisation the tagger called "other" ("KIEV -"), or an
                        // event or competition it called a place ("la Premier League").
                        || kind == EntityKind::Misc
                        || *k == EntityKind::Misc
                        // A person the knowledge base knows by full name ("Mahmoud Abbas"),
                        // or by a name the tagger took for a place ("Xi").
                        || (*k == EntityKind::Per
                            && (kind == EntityKind::Loc || text[byte_range.clone()].contains(' ')))
                        // A known person the tagger took for an organisation ("aboard Air Force
                        // One, Trump said").
                        || (*k == EntityKind::Per && kind == EntityKind::Org)
            });
            let kind = match hit {
                Some((_, EntityKind::Org)) if matches!(kind, EntityKind::Per | EntityKind::Loc) => EntityKind::Org,
                Some((_, EntityKind::Per)) => EntityKind::Per,
                Some((_, EntityKind::Loc)) if kind == EntityKind::Org => EntityKind::Loc,
                Some((_, EntityKind::Loc)) if kind == EntityKind::Per && is_dateline(text, &byte_range) => {
                    EntityKind::Loc
                }
                Some((h, EntityKind::Misc)) if !gazetteer.entries()[h.entry].demonym => EntityKind::Misc,
                // In English, a nationality word is "other", whatever the tagger or the knowledge
                // base called it ("South Korean prosecutors"; "Argentine President", where the
                // word is also the country's French name); French annotators call "les
                // Britanniques" a place.
                Some((h, _))
                    if english
                        && matches!(kind, EntityKind::Loc | EntityKind::Misc)
                        && (gazetteer.entries()[h.entry].demonym
                            || gazetteer.is_demonym(&text[byte_range.clone()])) =>
                {
                    EntityKind::Misc
                }
                Some((h, k)) if kind == EntityKind::Misc && !gazetteer.entries()[h.entry].demonym => *k,
                _ => kind,
            };
            let kb_key = hit.map(|(h, _)| gazetteer.entries()[h.entry].key.clone());
            Mention { byte_range, kind, score, kb_key }
        })
        .collect();
    // A known name the tagger read only part of ("La France" of "La France insoumise"), or
    // as two names ("UN" and "Security Council"): the whole name, when no other mention
    // overlaps it but those inside it, which it replaces.
    let mut merged = false;
    for k in 0..mentions.len() {
        let m = &mentions[k];
        if m.kb_key.is_some() || m.byte_range.is_empty() {
            continue;
        }
        let from = typed.partition_point(|(h, _)| h.range.end <= m.byte_range.start);
        let whole = typed[from..].iter().take_while(|(h, _)| h.range.start <= m.byte_range.start).find(|(h, _)| {
            // More words, not just the full stop that also ends the sentence ("U.S.").
            let more = |from: usize, to: usize| text[from..to].contains(char::is_alphanumeric);
            h.range.end >= m.byte_range.end
                && (more(h.range.start, m.byte_range.start) || more(m.byte_range.end, h.range.end))
                // Capitalized, or a name the knowledge base writes in lower case too
                // ("le département d'État").
                && (starts_upper(&text[h.range.clone()]) || gazetteer.entries()[h.entry].fold_initial)
        });
        let Some((hit, hit_kind)) = whole else { continue };
        // The tagger's mentions are in text order and do not overlap: those overlapping the
        // hit are a run around this one.
        let overlaps = |j: usize| ranges_overlap(&mentions[j].byte_range, &hit.range);
        let inside =
            |j: usize| hit.range.start <= mentions[j].byte_range.start && mentions[j].byte_range.end <= hit.range.end;
        let first = (0..k).rev().take_while(|&j| overlaps(j)).last().unwrap_or(k);
        let last = (k + 1..mentions.len()).take_while(|&j| overlaps(j)).last().unwrap_or(k);
        if (first..=last).all(|j| j == k || inside(j)) {
            let key = gazetteer.entries()[hit.entry].key.clone();
            let score = mentions[k].score;
            mentions[k] = Mention { byte_range: hit.range.clone(), kind: *hit_kind, score, kb_key: Some(key) };
            for j in (first..=last).filter(|&j| j != k) {
                // Emptied, then dropped below.
                mentions[j].byte_range = mentions[j].byte_range.start..mentions[j].byte_range.start;
                merged = true;
            }
        }
    }
    if merged {
        mentions.retain(|m| !m.byte_range.is_empty());
    }
    // Known places, organisations and people the tagger missed, such as "Russia" in "Russia-Led"
    // or "Trump" in "Trump met with Xi". Hits do not overlap each other, so only the tagger's
    // mentions can take a hit's place: sorted by start, with the furthest end so far, they tell
    // in a binary search whether one overlaps.
    let mut taken: Vec<(usize, usize)> = mentions.iter().map(|m| (m.byte_range.start, m.byte_range.end)).collect();
    taken.sort_unstable();
    let mut furthest = 0;
    for span in &mut taken {
        furthest = furthest.max(span.1);
        span.1 = furthest;
    }
    for (hit, kind) in &typed {
        let surface = &text[hit.range.clone()];
        let before_end = taken.partition_point(|&(start, _)| start < hit.range.end);
        let free = before_end == 0 || taken[before_end - 1].1 <= hit.range.start;
        // In a line in capitals, an acronym that is a grammar word is the word ("MACRON APPELLE
        // À UN CESSEZ-LE-FEU": "un", not the UN).
        let in_caps_line = || {
            // The lines are disjoint and in text order.
            let k = flat.partition_point(|line| line.end <= hit.range.start);
            flat.get(k).is_some_and(|line| line.contains(&hit.range.start))
        };
        let grammar_word = is_all_caps(surface) && lower_then(surface, is_function_word) && in_caps_line();
        // Events, competitions and awards of the knowledge base are "other" names of their own
        // ("le Mondial de l'auto"), but for two-letter abbreviations ("JO").
        let known_other = *kind == EntityKind::Misc && !gazetteer.entries()[hit.entry].demonym && surface.len() > 2;
        // In English, a nationality word that opens a sentence before a noun ("Israeli troops
        // killed"), where the tagger has no capital to go by.
        let opening_demonym = || {
            let at = tokens.partition_point(|t| t.range.start < hit.range.start);
            english
                && gazetteer.entries()[hit.entry].demonym
                && tokens.get(at).is_some_and(|t| t.sentence_start && t.range.start == hit.range.start)
                && tokens
                    .get(at + 1)
                    .is_some_and(|t| t.kind == TokenKind::Word && text[t.range.clone()].starts_with(char::is_lowercase))
        };
        // In English, a nationality word before a title ("Chinese Vice Premier He Lifeng",
        // "French President Emmanuel Macron"), which the tagger's span may have left out.
        let demonym_before_title = || {
            let at = tokens.partition_point(|t| t.range.start < hit.range.end);
            english
                && gazetteer.entries()[hit.entry].demonym
                && tokens.get(at).is_some_and(|t| {
                    let next = &text[t.range.clone()];
                    starts_upper(next)
                        && (lower_then(next, is_person_cue)
                            || lower_in_words(next, &crate::lexicon::TITLE_MODIFIER_WORDS))
                })
        };
        if free
            && !grammar_word
            && (matches!(kind, EntityKind::Loc | EntityKind::Org | EntityKind::Per)
                || known_other
                || opening_demonym()
                || demonym_before_title())
            && (starts_upper(surface) || gazetteer.entries()[hit.entry].fold_initial)
            && !is_portfolio(text, tokens, tokens.partition_point(|t| t.range.start < hit.range.start))
        {
            let key = gazetteer.entries()[hit.entry].key.clone();
            // In English, a country's name that is also its nationality word is the word
            // ("Argentine President Javier Milei").
            let kind = if english && *kind == EntityKind::Loc && gazetteer.is_demonym(surface) {
                EntityKind::Misc
            } else {
                *kind
            };
            mentions.push(Mention { byte_range: hit.range.clone(), kind, score: 0.6, kb_key: Some(key) });
        }
    }
    mentions.sort_by_key(|m| m.byte_range.start);
    names_after_titles(text, tokens, &mut mentions);
    clubs_named_for_their_city(text, tokens, gazetteer, &mut mentions);
    mentions
}

/// Extends an organisation defined by an acronym in parentheses back over the capitalized
/// words and connectors before it, which the tagger cut into pieces ("the Volcanology and
/// Geological Hazard Mitigation Center (PVMBG)" was "Volcanology" and "Hazard Mitigation
/// Center"); the pieces inside go.
fn join_names_before_acronyms(text: &str, tokens: &[Token], spans: &mut Vec<(Range<usize>, EntityKind, f32)>) {
    let word = |k: usize| &text[tokens[k].range.clone()];
    // A capitalized word, not an article ("The Badminton World Federation (BWF)"), nor in
    // another name than an "other" one ("Google and Amazon (GOOGLEZON)" are two).
    // Before a name with an organisation's head ("… Geophysics Agency (BMKG)"), a one-word
    // name the tagger gave another type is a piece too ("Meteorology, Climatology and").
    let named = |k: usize, spans: &[(Range<usize>, EntityKind, f32)], headed: bool| {
        spans.iter().any(|(r, kind, _)| r.contains(&k) && *kind != EntityKind::Misc && !(headed && r.len() == 1))
    };
    let capitalized = |k: usize, spans: &[(Range<usize>, EntityKind, f32)], headed: bool| {
        is_capitalized_word(text, &tokens[k]) && !lower_then(word(k), is_function_word) && !named(k, spans, headed)
    };
    let mut changed = false;
    for i in 0..spans.len() {
        let (range, kind, _) = spans[i].clone();
        let acronym = range.end + 2 < tokens.len()
            && word(range.end) == "("
            && is_all_caps(word(range.end + 1))
            && word(range.end + 1).chars().count() >= 2
            && word(range.end + 2) == ")";
        if kind != EntityKind::Org || !acronym {
            continue;
        }
        let headed = lower_in_words(word(range.end - 1), &crate::lexicon::ORG_HEAD_WORDS);
        // A comma joins the pieces of a list that "and" ends ("Meteorology, Climatology and
        // Geophysics Agency").
        let mut listed = false;
        let mut start = range.start;
        while start > 0 && !tokens[start].sentence_start {
            let before = start - 1;
            let joins = lower_in(word(before), &["and", "of", "for", "&", "et", "de", "des", "du"])
                || (listed && headed && word(before) == ",");
            if capitalized(before, spans, headed) {
                start = before;
            } else if before > 0 && joins && capitalized(before - 1, spans, headed) && !tokens[before].sentence_start {
                listed |= lower_in(word(before), &["and", "et"]);
                start = before - 1;
            } else {
                break;
            }
        }
        if start < range.start {
            spans[i].0.start = start;
            changed = true;
        }
    }
    if changed {
        // Spans inside a longer one go; the longer one is kept.
        let all = spans.clone();
        spans.retain(|(r, _, _)| !all.iter().any(|(o, _, _)| o != r && o.start <= r.start && r.end <= o.end));
    }
}

/// True for a French word of rank before "place" ("la quatrième place", "la première place"),
/// which makes it a ranking, not a square.
fn is_ranking(word: &str) -> bool {
    word.ends_with("ième") || matches!(word, "première" | "dernière" | "seconde")
}

/// True when token `k` heads a French street or square's name: a head word of
/// [`STREET_HEADS`] in lower case, as the list writes it, not after a ranking ("la quatrième
/// place des Trois Jours", "la deuxième rue de Paris").
fn is_street_head(text: &str, tokens: &[Token], k: usize) -> bool {
    let word = |k: usize| &text[tokens[k].range.clone()];
    STREET_HEADS.contains(&word(k)) && !(k > 0 && is_ranking(word(k - 1)))
}

/// Adds an English law the tagger missed whole, often after "The" at a sentence's start ("The
/// Inflation Reduction Act was signed"): "Act" and the capitalized words before it, at least
/// one, none in another span.
fn untagged_laws(text: &str, tokens: &[Token], spans: &mut Vec<(Range<usize>, EntityKind, f32)>) {
    let word = |k: usize| &text[tokens[k].range.clone()];
    let mut added = Vec::new();
    for k in 1..tokens.len() {
        if word(k) != "Act" {
            continue;
        }
        let mut start = k;
        while start > 0
            && is_capitalized_word(text, &tokens[start - 1])
            && !lower_then(word(start - 1), is_function_word)
            && !tokens[start].sentence_start
        {
            start -= 1;
        }
        if start < k {
            added.push((start..k + 1, EntityKind::Misc, 0.5));
        }
    }
    add_untagged(spans, added);
}

/// Adds the spans of `found` that overlap none of `spans`, keeping `spans` in text order.
fn add_untagged(spans: &mut Vec<(Range<usize>, EntityKind, f32)>, found: Vec<(Range<usize>, EntityKind, f32)>) {
    let free = |range: &Range<usize>| spans.iter().all(|(r, _, _)| r.end <= range.start || range.end <= r.start);
    let found: Vec<_> = found.into_iter().filter(|(range, _, _)| free(range)).collect();
    if !found.is_empty() {
        spans.extend(found);
        spans.sort_by_key(|(r, _, _)| r.start);
    }
}

/// Adds the name of a French street or square that the tagger missed ("place de la Nation",
/// "rue de la Paix"): the capitalized words after a street's head word, "de" and an article,
/// as a place (which [`correct_extent_and_type`] extends to the head word). Not after a
/// ranking ("la quatrième place des Trois Jours") nor where a span is.
fn untagged_streets(text: &str, tokens: &[Token], spans: &mut Vec<(Range<usize>, EntityKind, f32)>) {
    let word = |k: usize| &text[tokens[k].range.clone()];
    let mut added = Vec::new();
    for k in 0..tokens.len() {
        if !is_street_head(text, tokens, k) {
            continue;
        }
        let mut name = k + 1;
        if name < tokens.len() && lower_in(word(name), FRENCH_OF) {
            name += 1;
            if name < tokens.len() && matches!(word(name), "la" | "l'" | "l\u{2019}") {
                name += 1;
            }
        }
        let mut end = name;
        while end < tokens.len()
            && is_capitalized_word(text, &tokens[end])
            && word(end).chars().nth(1).is_some()
            && !tokens[end].sentence_start
        {
            end += 1;
        }
        if end > name {
            added.push((name..end, EntityKind::Loc, 0.5));
        }
    }
    add_untagged(spans, added);
}

/// Joins two person spans that one or two name particles separate ("Ursula" and "Leyen" of
/// "Ursula von der Leyen", where the tagger left out "von der"), and a person's name around a
/// nickname in quotation marks ("Sean « Diddy » Combs", where the tagger read "Sean").
fn join_name_particles(text: &str, tokens: &[Token], spans: &mut Vec<(Range<usize>, EntityKind, f32)>) {
    let word = |k: usize| &text[tokens[k].range.clone()];
    let particle = |k: usize| is_name_particle(word(k));
    let mut i = 0;
    while i + 1 < spans.len() {
        let (first, next) = (&spans[i], &spans[i + 1]);
        let gap = next.0.start.saturating_sub(first.0.end);
        let joined = first.1 == EntityKind::Per
            && next.1 == EntityKind::Per
            && (1..=2).contains(&gap)
            && (first.0.end..next.0.start).all(particle);
        if joined {
            spans[i].0.end = spans[i + 1].0.end;
            spans.remove(i + 1);
        } else {
            i += 1;
        }
    }
    let capitalized = |k: usize| k < tokens.len() && is_capitalized_word(text, &tokens[k]);
    let mut i = 0;
    while i < spans.len() {
        let (range, kind, _) = spans[i].clone();
        let open = range.end;
        i += 1;
        if kind != EntityKind::Per || open + 3 >= tokens.len() || !matches!(word(open), "«" | "\"" | "“") {
            continue;
        }
        // One or two capitalized words, the closing mark, and the surname right after.
        let Some(close) = (open + 2..=(open + 3).min(tokens.len() - 1))
            .find(|&k| matches!(word(k), "»" | "\"" | "”"))
            .filter(|&close| (open + 1..close).all(capitalized) && capitalized(close + 1))
        else {
            continue;
        };
        let mut end = close + 2;
        if capitalized(end) && !lower_then(word(end), is_function_word) {
            end += 1;
        }
        spans[i - 1].0.end = end;
        let joined = range.start..end;
        spans.retain(|(r, _, _)| *r == joined || r.end <= joined.start || r.start >= joined.end);
        i = spans.partition_point(|(r, _, _)| r.start <= joined.start);
    }
}

/// Adds the one capitalized word right after a title in lower case that the tagger missed ("le
/// roi Charles III et la reine Camilla"): a person's name, when it is no grammar word and no
/// mention holds it.
fn names_after_titles(text: &str, tokens: &[Token], mentions: &mut Vec<Mention>) {
    let word = |k: usize| &text[tokens[k].range.clone()];
    // Kept apart until the end, so that `mentions` stay sorted for the search below.
    let mut added = Vec::new();
    for k in 1..tokens.len() {
        let title = word(k - 1);
        // The cheap tests first: this runs at every token.
        let after_title = is_capitalized_word(text, &tokens[k])
            && title.starts_with(char::is_lowercase)
            && lower_in(title, crate::lexicon::TITLES_BEFORE_NAMES);
        if !after_title
            || lower_then(word(k), is_function_word)
            || lower_then(word(k), is_person_cue)
            || tokens.get(k + 1).is_some_and(|next| is_capitalized_word(text, next))
        {
            continue;
        }
        let range = tokens[k].range.clone();
        let at = mentions.partition_point(|m| m.byte_range.end <= range.start);
        if mentions.get(at).is_some_and(|m| m.byte_range.start < range.end) {
            continue;
        }
        added.push(Mention { byte_range: range, kind: EntityKind::Per, score: 0.5, kb_key: None });
    }
    if !added.is_empty() {
        mentions.extend(added);
        mentions.sort_by_key(|m| m.byte_range.start);
    }
}

/// In a sentence with a score, a city that plays is its club ("Nantes a battu Lens 2-1",
/// "Chelsea beat Arsenal 2-1"): a place that is no country (national teams are places in the
/// CoNLL tradition) and that no preposition puts the match in ("à Lens", "in Manchester"). A
/// verb of winning alone is no sign ("Rome defeated Carthage").
fn clubs_named_for_their_city(text: &str, tokens: &[Token], gazetteer: &Gazetteer, mentions: &mut [Mention]) {
    let word = |k: usize| &text[tokens[k].range.clone()];
    let glued = |a: usize, b: usize| tokens[a].range.end == tokens[b].range.start;
    let score_at = |k: usize| {
        k + 2 < tokens.len()
            && tokens[k].kind == TokenKind::Number
            && word(k).len() <= 2
            && matches!(word(k + 1), "-" | "–")
            && tokens[k + 2].kind == TokenKind::Number
            && word(k + 2).len() <= 2
            && glued(k, k + 1)
            && glued(k + 1, k + 2)
    };
    let mut sentence: Option<(usize, usize, bool)> = None;
    for m in mentions.iter_mut() {
        let country = m.kb_key.as_deref().is_some_and(|key| gazetteer.has_demonyms(key));
        if m.kind != EntityKind::Loc || country {
            continue;
        }
        let k = tokens.partition_point(|t| t.range.start < m.byte_range.start);
        // "face à Valence" is against the club, not at the place.
        let against = k >= 2 && word(k - 1) == "à" && word(k - 2) == "face";
        if k >= tokens.len() || (k > 0 && lower_in(word(k - 1), crate::lexicon::PLACE_PREPOSITIONS) && !against) {
            continue;
        }
        // The sentence around the mention, and whether it tells of a match, once per sentence.
        let about_a_match = match sentence {
            Some((start, end, about)) if (start..end).contains(&k) => about,
            _ => {
                let start = (0..=k).rev().find(|&s| tokens[s].sentence_start).unwrap_or(0);
                let end = (k + 1..tokens.len()).find(|&e| tokens[e].sentence_start).unwrap_or(tokens.len());
                let about = (start..end).any(score_at);
                sentence = Some((start, end, about));
                about
            }
        };
        if about_a_match {
            m.kind = EntityKind::Org;
            m.kb_key = None;
        }
    }
}

/// Extends each span that follows an organisation's head noun and a connector to the head:
/// "the Office for Budget Responsibility" where the tagger read "Budget Responsibility", "Bank
/// of Japan Governor Kazuo Ueda" where it read "Japan". The span becomes an organisation and
/// takes in the capitalized words before the head ("National Institute of …"). "Union" is left
/// out ("Union of Soviet Socialist Republics" is a place).
fn extend_to_org_heads(text: &str, tokens: &[Token], spans: &mut [(Range<usize>, EntityKind, f32)]) {
    let word = |k: usize| &text[tokens[k].range.clone()];
    let same_line = |k: usize| !text[tokens[k - 1].range.end..tokens[k].range.start].contains('\n');
    // Where the run of capitalized words ending right before token `from` starts, on its line:
    // at most `most` words, none before token `floor`, none a function word or a title, and
    // none in capitals unless `capitals`.
    let run_start = |from: usize, most: usize, floor: usize, capitals: bool| {
        let mut first = from;
        while first > floor
            && from - first < most
            && same_line(first)
            && is_capitalized_word(text, &tokens[first - 1])
            && (capitals || !is_all_caps(word(first - 1)))
            && !lower_then(word(first - 1), is_function_word)
            && !lower_then(word(first - 1), is_person_cue)
        {
            first -= 1;
        }
        first
    };
    for i in 0..spans.len() {
        let start = spans[i].0.start;
        // A head read alone takes in the capitalized words before it ("Chinese Foreign
        // Ministry" where the tagger read "Ministry"), not into the span before.
        if spans[i].0.len() == 1
            && spans[i].1 == EntityKind::Org
            && lower_in_words(word(start), &crate::lexicon::ORG_HEAD_WORDS)
        {
            let floor = if i == 0 { 0 } else { spans[i - 1].0.end };
            spans[i].0.start = run_start(start, 3, floor, false);
            continue;
        }
        // One or two connectors ("of", "de la") right before the span, on its line.
        let connectors = (1..=2).take_while(|&n| start >= n && lower_in(word(start - n), CONNECTORS)).last();
        let Some(n) = connectors else { continue };
        let head = start - n;
        if head == 0
            || !(head..=start).skip(1).all(same_line)
            || !starts_upper(word(head - 1))
            // In capitals, a head is no sign of a name ("LE GOUVERNEMENT DE SÉBASTIEN LECORNU").
            || is_all_caps(word(head - 1))
            || !lower_in_words(word(head - 1), &crate::lexicon::ORG_HEAD_WORDS)
            || lower_in(word(head - 1), &["union"])
        {
            continue;
        }
        let first = run_start(head - 1, usize::MAX, 0, true);
        // Not into the span before.
        if i > 0 && spans[i - 1].0.end > first {
            continue;
        }
        spans[i].0.start = first;
        spans[i].1 = EntityKind::Org;
    }
}

/// Joins a French institution's head, read alone, to the name it is "of" across its
/// adjectives in lower case: "la Cour suprême du Brésil" where the tagger read "Cour" and
/// "Brésil", "le Tribunal administratif de Paris". The head is one capitalized word of
/// [`ORG_HEADS`](crate::lexicon::ORG_HEADS) with a span of its own; one or two lower-case words
/// and "de", "du", "des" or "d'" then lead to the next span. A head left alone takes in an
/// institutional adjective after it ("la Cour suprême").
fn join_french_institutions(text: &str, tokens: &[Token], spans: &mut Vec<(Range<usize>, EntityKind, f32)>) {
    let word = |k: usize| &text[tokens[k].range.clone()];
    let adjective = |k: usize| {
        tokens[k].kind == TokenKind::Word
            && word(k).starts_with(char::is_lowercase)
            && !lower_then(word(k), is_function_word)
    };
    let mut i = 0;
    while i + 1 < spans.len() {
        let (head, next) = (spans[i].0.clone(), spans[i + 1].0.clone());
        let joined = head.len() == 1
            && starts_upper(word(head.start))
            && lower_in_words(word(head.start), &crate::lexicon::ORG_HEAD_WORDS)
            && next.start.checked_sub(head.end).is_some_and(|gap| (2..=3).contains(&gap))
            && (head.end..next.start - 1).all(adjective)
            && lower_in(word(next.start - 1), FRENCH_OF);
        if joined {
            spans[i] = (head.start..next.end, EntityKind::Org, spans[i].2);
            spans.remove(i + 1);
        }
        i += 1;
    }
    // A head read alone takes in the institutional adjective after it ("la Cour suprême", "le
    // Conseil constitutionnel"), when the tagger left it out.
    for (range, kind, _) in spans.iter_mut() {
        if range.len() == 1
            && starts_upper(word(range.start))
            && lower_in_words(word(range.start), &crate::lexicon::ORG_HEAD_WORDS)
            && tokens.get(range.end).is_some_and(|t| {
                tokens[range.end - 1].range.end < t.range.start
                    && lower_in(&text[t.range.clone()], crate::lexicon::INSTITUTIONAL_ADJECTIVES)
            })
        {
            range.end += 1;
            *kind = EntityKind::Org;
        }
    }
}

/// Corrects a span's extent and type from the words around it, its last word and its quotation
/// marks:
/// - a company's legal form before it is part of it ("PT Pertamina"), a common noun before a
///   known organisation is not ("l'agence Antara");
/// - a name between an acronym in parentheses and a verb of speech is a person ("… (BNPB)
///   Suharyanto said"); "Stade" and an adjective is a club ("Stade toulousain");
/// - a place or "other" span of several words ending in an organisation's head noun is an
///   organisation ("Chinese Foreign Ministry", "The Jakarta Post"), unless the knowledge base
///   knows it as a place ("West Bank"); not "Union", "League", "Service" or "Congress", which
///   also end places and competitions in the training data ("Soviet Union", "Premier
///   League"), nor "Office" ("Oval Office");
/// - an "other" span ending in a place's head is a place ("Bondi Beach"), and one that is two
///   capitalized words around " & " a company ("Procter & Gamble");
/// - a place span that is a known place and one or two capitalized words more, the last a
///   plural or a sport, is an organisation ("Denver Nuggets", "Paris Basketball");
/// - a name in quotation marks right after a word for a work is a work's title ("le film
///   « Emilia Perez »", "the novel \"Intermezzo\"").
fn correct_extent_and_type(
    text: &str,
    tokens: &[Token],
    typed: &[(GazetteerMatch, EntityKind)],
    spans: &mut [(Range<usize>, EntityKind, f32)],
) {
    let word = |k: usize| &text[tokens[k].range.clone()];
    // The kinds the gazetteer knows a token range as, exactly.
    let known_as = |range: &Range<usize>| {
        let bytes = tokens[range.start].range.start..tokens[range.end - 1].range.end;
        exact_hits(typed, &bytes).map(|(_, k)| *k)
    };
    let known_name = |range: &Range<usize>| known_as(range).next().is_some();
    let known_place = |range: &Range<usize>| known_as(range).any(|k| k == EntityKind::Loc);
    // Where the span before ends: a span takes in a word before it only if that is free.
    let mut previous_end = 0;
    for (range, kind, _) in spans.iter_mut() {
        // A company's legal form before its name is part of it ("PT Pertamina", Indonesian).
        if range.start > previous_end && word(range.start - 1) == "PT" {
            range.start -= 1;
            *kind = EntityKind::Org;
        }
        // A French street or square is a place, its head word included ("place de la
        // République", "rue de Rivoli"). Not a person "à la place de" ("instead of"), nor a
        // ranking ("la quatrième place des Trois Jours").
        let street_head = |k: usize| *kind != EntityKind::Per && is_street_head(text, tokens, k);
        let of = |k: usize| lower_in(word(k), FRENCH_OF);
        let street = match range.start {
            s if s > previous_end && street_head(s - 1) => Some(s - 1),
            s if s > previous_end + 1 && of(s - 1) && street_head(s - 2) => Some(s - 2),
            s if s > previous_end + 2 && matches!(word(s - 1), "la" | "l'") && of(s - 2) && street_head(s - 3) => {
                Some(s - 3)
            }
            _ => None,
        };
        if let Some(start) = street {
            range.start = start;
            *kind = EntityKind::Loc;
        }
        // An article at a sentence's start is no part of a known name that does without it ("The
        // Bank of England, which …", "Le Kremlin a démenti"); "The Hague" and "Le Havre" keep
        // theirs.
        if range.len() >= 2 && matches!(word(range.start), "The" | "Le" | "La" | "Les" | "L'" | "L\u{2019}") {
            let rest = range.start + 1..range.end;
            // Not before a nationality word: "The Australian" is a newspaper.
            let known = known_as(&rest).any(|k| matches!(k, EntityKind::Org | EntityKind::Loc));
            if known && !known_name(range) {
                *range = rest;
            }
        }
        // A US party's word before a person's name is no part of it ("Democrat Abigail
        // Spanberger", "Republican Mike Johnson"); not the party itself ("Democratic National
        // Committee", "Republican Guard").
        if range.len() >= 3
            && range.len() <= 4
            && matches!(word(range.start), "Democrat" | "Republican" | "Democratic")
            && *kind != EntityKind::Misc
            && (range.start + 1..range.end).all(|k| is_capitalized_word(text, &tokens[k]))
            && !(range.start + 1..range.end).any(|k| is_name_head(word(k)))
            && !known_name(range)
        {
            range.start += 1;
            *kind = EntityKind::Per;
        }
        // A common noun before a known organisation is no part of it ("l'agence Antara"); before
        // a place it may be ("la basilique Saint-Denis").
        if range.len() >= 2 && word(range.start).starts_with(char::is_lowercase) {
            let rest = range.start + 1..range.end;
            if known_as(&rest).any(|k| k == EntityKind::Org) {
                *kind = EntityKind::Org;
                *range = rest;
            }
        }
        // A lower-case word after a known organisation that is not part of a known name is
        // the verb of the sentence, and the span ends before it ("la Cour des comptes alerte
        // sur", "le Rassemblement national arrive en tête", "la Cour des comptes pointe la
        // dérive des dépenses"): French adjectives that make a name of their own are in the
        // knowledge base ("Commission européenne").
        // So are "de" and lower-case words after one, when nothing after is capitalized ("les
        // Forces de soutien rapide de crimes de guerre"); events keep theirs ("Jeux olympiques
        // d'été de 2008", which is no organisation).
        if range.len() >= 2 && !known_name(range) {
            let lower_after = |e: usize| (e..range.end).all(|i| !word(i).contains(char::is_uppercase));
            let verb = (range.start + 1..range.end).rev().find(|&e| {
                let cut = (word(e).starts_with(char::is_lowercase)
                    && tokens[e].kind == TokenKind::Word
                    && !lower_in(word(e), CONNECTORS))
                    || (FRENCH_OF.contains(&word(e))
                        && lower_after(e)
                        && tokens[e - 1].range.end < tokens[e].range.start);
                cut && known_as(&(range.start..e)).any(|k| k == EntityKind::Org)
            });
            if let Some(verb) = verb {
                *kind = EntityKind::Org;
                range.end = verb;
            }
        }
        // A name between an acronym in parentheses and a verb of speech is who spoke ("Head of
        // the National Disaster Management Agency (BNPB) Suharyanto said"), and so is an unknown
        // name between commas before one ("The Head of the Jakarta Health Office, Ani
        // Ruspitawati, stated").
        let speech_at =
            |k: usize| tokens.get(k).is_some_and(|t| crate::lexicon::SPEECH_WORDS.contains(&&text[t.range.clone()]));
        let between_commas = range.len() >= 2
            && range.start > 0
            && word(range.start - 1) == ","
            && tokens.get(range.end).is_some_and(|t| &text[t.range.clone()] == ",")
            && speech_at(range.end + 1)
            && (range.start..range.end).all(|k| is_capitalized_word(text, &tokens[k]))
            && !known_name(range);
        if *kind != EntityKind::Per
            && range.len() <= 3
            && range.start > 0
            && ((word(range.start - 1) == ")" && speech_at(range.end)) || between_commas)
        {
            *kind = EntityKind::Per;
        }
        // A name right after a title, or after "jeune" or "petite", is a person's, whatever the
        // tagger called it ("Jakarta Governor Pramono Anung", "la jeune Lola"), unless the
        // knowledge base knows it ("President Trump", "Mayor of London" are no cases: the first
        // is a person already, the second has "of").
        // Not what the tagger called an organisation ("coach SaiPa"), nor one word it called
        // "other" (a nationality: "its patron Assyrian god"), nor a name with a head ("Bishop
        // Garrigan High School", "King County").
        let head = |w: &str| is_name_head(w) || lower_in(w, &["school", "county"]);
        if (*kind == EntityKind::Loc || (*kind == EntityKind::Misc && range.len() >= 2))
            && range.len() <= 3
            && range.start > 0
            && (lower_then(word(range.start - 1), is_person_cue)
                || lower_in(word(range.start - 1), &["jeune", "petit", "petite"]))
            && !lower_in(word(range.start - 1), &["said", "dit"])
            && !head(word(range.end - 1))
            && (range.start..range.end)
                .all(|k| is_capitalized_word(text, &tokens[k]) && !lower_then(word(k), is_person_cue))
            && !known_name(range)
        {
            *kind = EntityKind::Per;
        }
        // "Stade" and an adjective is a club ("Stade toulousain", "Stade rennais"); "Stade" and
        // a name is a stadium ("Stade Vélodrome").
        if range.len() == 2 && word(range.start) == "Stade" && word(range.start + 1).starts_with(char::is_lowercase) {
            *kind = EntityKind::Org;
        }
        // An organisation's head, then "of" and more, is an organisation ("the Bureau of Labor
        // Statistics", "la Banque de France", "the Indonesian Ministry of Health", "the
        // Bulgarian Academy of Sciences"; a film's "String Academy" is no case); not "Union
        // of Soviet Socialist Republics", nor a competition ("Ligue des champions de l'UEFA").
        let head_of = |k: usize| {
            starts_upper(word(k))
                && lower_in(word(k + 1), &["of", "for", "de", "du", "des", "d'", "d\u{2019}"])
                && (lower_in_words(word(k), &crate::lexicon::ORG_HEAD_WORDS)
                    || lower_in(word(k), &["academy", "académie"]))
                && !lower_in(word(k), &["union", "front", "ligue", "league"])
        };
        if matches!(kind, EntityKind::Loc | EntityKind::Misc)
            && range.len() >= 3
            && (range.start..range.end - 2).any(head_of)
            && !known_place(range)
        {
            *kind = EntityKind::Org;
        }
        // A place before a local office is a place, whatever the tagger called it ("Chicago
        // Mayor Brandon Johnson", "Texas Governor Greg Abbott").
        if *kind == EntityKind::Org
            && range.len() == 1
            && tokens.get(range.end).is_some_and(|t| {
                lower_in(
                    &text[t.range.clone()],
                    &["mayor", "governor", "gov", "senator", "sen", "sheriff", "prosecutor"],
                )
            })
            && known_place(range)
            && !known_as(range).any(|k| k == EntityKind::Org)
        {
            *kind = EntityKind::Loc;
        }
        let last = word(range.end - 1);
        // A law's name takes in the capitalized words before its last one, which the tagger cut
        // at a sentence's start ("The Inflation Reduction Act was signed", read as "Act").
        let law = matches!(last, "Act" | "Agreement" | "Treaty" | "Accords");
        if law {
            while range.start > previous_end
                && is_capitalized_word(text, &tokens[range.start - 1])
                && !lower_then(word(range.start - 1), is_function_word)
            {
                range.start -= 1;
            }
        }
        if law && *kind == EntityKind::Per && range.len() >= 2 {
            *kind = EntityKind::Misc;
        }
        // A law, a treaty or a competition is "other" ("the Digital Services Act", "the Paris
        // Agreement", "the American League Division Series"; not "Epic Games").
        if matches!(kind, EntityKind::Org | EntityKind::Loc)
            && range.len() >= 2
            && matches!(
                last,
                "Act"
                    | "Agreement"
                    | "Treaty"
                    | "Accords"
                    | "Series"
                    | "Cup"
                    | "Championship"
                    | "Championships"
                    | "Trophy"
            )
        {
            *kind = EntityKind::Misc;
        }
        if matches!(kind, EntityKind::Loc | EntityKind::Misc)
            && range.len() >= 2
            && lower_in_words(last, &crate::lexicon::ORG_HEAD_WORDS)
            && !lower_in(last, &["union", "league", "ligue", "service", "services"])
            // A congress the tagger called "other" is an event ("the Eucharistic Congress"); one
            // it called a place is a party ("the Trinamool Congress").
            && !(lower_in(last, &["congress", "congrès"]) && *kind == EntityKind::Misc)
            // "Oval Office" is a room; "Jakarta Provincial Health Office" an organisation.
            && !(lower_in(last, &["office"]) && range.len() < 3)
            && !known_place(range)
        {
            *kind = EntityKind::Org;
        }
        // "Other" ending in a place's head is a place ("Bondi Beach"); "other" or a person that
        // is two capitalized words around " & " is a company ("Procter & Gamble", "Marks &
        // Spencer"; not "R&B").
        // Not a title that starts with a function word ("At the River").
        if *kind == EntityKind::Misc
            && range.len() >= 2
            && lower_in_words(last, &crate::lexicon::PLACE_HEAD_WORDS)
            && !lower_then(word(range.start), is_function_word)
        {
            *kind = EntityKind::Loc;
        }
        let spaced_ampersand = range.len() == 3
            && word(range.start + 1) == "&"
            && tokens[range.start].range.end < tokens[range.start + 1].range.start
            && tokens[range.start + 1].range.end < tokens[range.start + 2].range.start;
        if matches!(kind, EntityKind::Misc | EntityKind::Per)
            && spaced_ampersand
            && starts_upper(word(range.start))
            && starts_upper(last)
        {
            *kind = EntityKind::Org;
        }
        // A known place and one or two capitalized words more, the last a plural or a
        // sport: a club or a company named for its city ("Denver Nuggets", "Paris
        // Basketball", "Brussels Airlines"), not a place within it ("Washington Heights").
        let team_word = |w: &str| {
            lower_in(w, &["basketball", "football", "handball", "volley", "rugby", "hockey", "fc", "united"])
                || lower_in(w, SINGULAR_TEAM_NAMES)
                || (w.len() > 3 && w.ends_with('s') && !lower_in(w, GEOGRAPHIC_PLURALS))
        };
        if *kind == EntityKind::Loc && range.len() >= 2 && team_word(last) && !known_place(range) {
            let tail =
                (range.end.saturating_sub(2).max(range.start + 1)..range.end).find(|&c| known_place(&(range.start..c)));
            if tail.is_some_and(|tail| (tail..range.end).all(|k| is_capitalized_word(text, &tokens[k]))) {
                *kind = EntityKind::Org;
            }
        }
        let opened = range.start >= 2 && matches!(word(range.start - 1), "«" | "\"" | "“");
        let closed = tokens.get(range.end).is_some_and(|t| matches!(&text[t.range.clone()], "»" | "\"" | "”"));
        if opened && closed && lower_in(word(range.start - 2), WORK_NOUNS) {
            *kind = EntityKind::Misc;
        }
        previous_end = range.end;
    }
}

/// True when token `i` begins a minister's portfolio: a word of
/// [`PORTFOLIOS`](crate::lexicon::PORTFOLIOS) after "de l'", "des", "au", "of"… shortly after a
/// title ("la ministre de la Culture", "secrétaire d'État au Numérique", "garde des Sceaux",
/// "Minister of Foreign Affairs").
fn is_portfolio(text: &str, tokens: &[Token], i: usize) -> bool {
    let word = |k: usize| &text[tokens[k].range.clone()];
    i >= 1
        && i < tokens.len()
        && lower_in_words(word(i), &crate::lexicon::PORTFOLIO_WORDS)
        && lower_in(
            word(i - 1),
            &["l'", "l\u{2019}", "de", "du", "des", "d'", "d\u{2019}", "la", "au", "aux", "of", "for"],
        )
        && (i.saturating_sub(5)..i).any(|k| lower_then(word(k), is_person_cue) || lower_in(word(k), &["garde"]))
}

/// True for a US party and state tag: "D-Mass", "R-Ohio", "I-Vt".
fn is_party_state(word: &str) -> bool {
    let b = word.as_bytes();
    b.len() >= 3 && matches!(b[0], b'D' | b'R' | b'I') && b[1] == b'-' && b[2].is_ascii_uppercase()
}

/// True when token `start` follows a title, "for" or "of" and up to four capitalized words
/// naming a portfolio: "Minister for Economic Affairs", "Secretary of Homeland Security".
fn after_portfolio(text: &str, tokens: &[Token], start: usize) -> bool {
    let word = |k: usize| &text[tokens[k].range.clone()];
    let capitalized = |k: usize| is_capitalized_word(text, &tokens[k]);
    let first = (start.saturating_sub(4)..start).rev().take_while(|&k| capitalized(k)).last();
    first.is_some_and(|first| {
        first >= 2
            && lower_in(word(first - 1), &["for", "of"])
            && lower_then(word(first - 2), is_person_cue)
            && (first..start).any(|k| lower_in_words(word(k), &crate::lexicon::PORTFOLIO_WORDS))
    })
}

/// True when `range` of `text` is a dateline's place: in capitals at the start of a line, and
/// followed by an agency in parentheses, a dash or a comma ("ATHÈNES (AFP) -", "WASHINGTON,
/// Dec 10").
fn is_dateline(text: &str, range: &Range<usize>) -> bool {
    let before = text[..range.start].trim_end_matches([' ', '\t']);
    let line_start = before.is_empty() || before.ends_with('\n');
    let after = &text[range.end..];
    line_start
        && is_all_caps(&text[range.clone()])
        && (after.starts_with(" (") || after.starts_with(',') || after.starts_with(" -") || after.starts_with(" —"))
}

/// The gazetteer hits (in text order) that cover exactly `bytes`.
fn exact_hits<'h>(
    typed: &'h [(GazetteerMatch, EntityKind)],
    bytes: &Range<usize>,
) -> impl Iterator<Item = &'h (GazetteerMatch, EntityKind)> + use<'h> {
    let from = typed.partition_point(|(h, _)| h.range.start < bytes.start);
    let (start, end) = (bytes.start, bytes.end);
    typed[from..].iter().take_while(move |(h, _)| h.range.start == start).filter(move |(h, _)| h.range.end == end)
}

/// True when two byte ranges share a byte.
fn ranges_overlap(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Splits each span that joins two known names with "et" or "and" into the two ("les députés
/// du Rassemblement national et de La France insoumise"): both sides must be gazetteer hits
/// (`typed`), the second after the preposition French repeats ("et de", "et du"). So is a
/// span that is two known organisations side by side ("Air India Boeing"), a name and the
/// known place it is in ("Ligue des champions à Munich"), and a known organisation and the
/// person it belongs to ("Parti socialiste d'Olivier Faure").
fn split_coordinated(
    text: &str,
    tokens: &[Token],
    typed: &[(GazetteerMatch, EntityKind)],
    spans: &mut Vec<(Range<usize>, EntityKind, f32)>,
) {
    let hit = |from: usize, to: usize| {
        let bytes = tokens[from].range.start..tokens[to - 1].range.end;
        exact_hits(typed, &bytes).next().map(|(_, k)| *k)
    };
    let capitalized = |k: usize| is_capitalized_word(text, &tokens[k]);
    // A capitalized nationality word: one token the gazetteer knows as "other" (demonyms are).
    let demonym = |k: usize| capitalized(k) && hit(k, k + 1) == Some(EntityKind::Misc);
    // "de" before a person's name: not "du" or "des", which carry an article.
    let de = |k: usize| lower_in(&text[tokens[k].range.clone()], &["de", "d'", "d\u{2019}"]);
    let mut i = 0;
    while i < spans.len() {
        let (range, kind, score) = spans[i].clone();
        let word = |k: usize| &text[tokens[k].range.clone()];
        let split =
            (range.start + 1..range.end.saturating_sub(1)).filter(|&c| matches!(word(c), "et" | "and")).find_map(|c| {
                let right = if FRENCH_OF.contains(&word(c + 1)) { c + 2 } else { c + 1 };
                Some((hit(range.start, c)?, right, (right < range.end).then(|| hit(right, range.end)).flatten()?))
            });
        if let Some((left_kind, right, right_kind)) = split {
            let c = (range.start + 1..right).rfind(|&k| matches!(word(k), "et" | "and")).unwrap_or(right);
            spans[i] = (range.start..c, left_kind, score);
            spans.insert(i + 1, (right..range.end, right_kind, score));
            i += 1;
        } else if let Some((c, left_kind, right_kind)) = (range.start + 1..range.end)
            .find_map(|c| Some((c, hit(range.start, c)?, hit(c, range.end)?)))
            .filter(|&(_, left, right)| left == EntityKind::Org && matches!(right, EntityKind::Org | EntityKind::Misc))
        {
            // Two known organisations side by side, or an organisation and its product, with
            // nothing between ("Air India Boeing 787", "Lockheed Martin F-35"). Not a place or
            // nationality before a name: "French Sudan", "Fiji Labour Party", "Bangladesh
            // Premier League" are names of their own.
            spans[i] = (range.start..c, left_kind, score);
            spans.insert(i + 1, (c..range.end, right_kind, score));
            i += 1;
        } else if let Some((c, first_kind)) = (range.len() >= 3
            && range.start >= 2
            && lower_in(word(range.start - 1), &["of", "de", "du"])
            && lower_then(word(range.start - 2), is_person_cue))
        .then(|| {
            // A title "of" a known place or organisation, then the holder's name ("Governor of
            // Central Java Ahmad Luthfi", "Mayor of London Sadiq Khan", "l'ancien patron de
            // Renault Carlos Ghosn"): the place or organisation, then the person.
            (range.start + 1..range.end.saturating_sub(1)).rev().find_map(|c| {
                let first = hit(range.start, c).filter(|k| matches!(k, EntityKind::Loc | EntityKind::Org))?;
                ((2..=3).contains(&(range.end - c))
                    && (c..range.end).all(capitalized)
                    && !matches!(hit(c, range.end), Some(EntityKind::Loc | EntityKind::Org)))
                .then_some((c, first))
            })
        })
        .flatten()
        {
            spans[i] = (range.start..c, first_kind, score);
            spans.insert(i + 1, (c..range.end, EntityKind::Per, score));
            i += 1;
        } else if range.len() >= 3
            && (kind == EntityKind::Per
                || (matches!(kind, EntityKind::Misc | EntityKind::Org)
                    && range.start > 0
                    && matches!(
                        word(range.start - 1),
                        "Le" | "La" | "le" | "la" | "l'" | "L'" | "l\u{2019}" | "L\u{2019}"
                    ))
                // An organisation after a lower-case word that is no grammar word but "and"
                // ("including Canadian Jeremy Hansen and American Christina Koch"; not "the
                // Canadian Pacific Railway").
                || (kind == EntityKind::Org
                    && range.len() <= 4
                    && range.start > 0
                    && word(range.start - 1).starts_with(char::is_lowercase)
                    && tokens[range.start - 1].kind == TokenKind::Word
                    && (!lower_then(word(range.start - 1), is_function_word)
                        || matches!(word(range.start - 1), "and" | "et"))
                    && !(range.start + 1..range.end)
                        .any(|k| is_name_head(word(k)) || lower_in(word(k), crate::lexicon::COMPANY_ENDS))))
            && demonym(range.start)
            && (range.start + 1..range.end).all(capitalized)
            && !lower_in_words(word(range.end - 1), &crate::lexicon::ORG_HEAD_WORDS)
            && !matches!(hit(range.start + 1, range.end), Some(EntityKind::Loc | EntityKind::Org))
        {
            // A nationality before a person's name is no part of it ("Le Japonais Shohei
            // Ohtani"): in a span the tagger called a person's, or "other" or an organisation
            // after a French article ("l'Américain John Textor"; "the American Civil War" is
            // one name).
            spans[i] = (range.start..range.start + 1, EntityKind::Misc, score);
            spans.insert(i + 1, (range.start + 1..range.end, EntityKind::Per, score));
            i += 1;
        } else if kind == EntityKind::Per
            && range.len() >= 3
            && hit(range.start, range.start + 1) == Some(EntityKind::Org)
            && (range.start + 1..range.end).all(capitalized)
            && !matches!(hit(range.start + 1, range.end), Some(EntityKind::Loc | EntityKind::Org))
        {
            // A known party or company before a person's name is no part of it ("le député LR
            // Olivier Marleix", "la sénatrice EELV Mélanie Vogel").
            spans[i] = (range.start..range.start + 1, EntityKind::Org, score);
            spans.insert(i + 1, (range.start + 1..range.end, EntityKind::Per, score));
            i += 1;
        } else if let Some(c) =
            (kind == EntityKind::Org && range.len() >= 4 && person_cue_before(text, tokens, range.start))
                .then(|| {
                    // A title, an organisation written as French writes them (capitalized first word,
                    // lower-case words after) and the holder's name ("le président de la Fédération
                    // française de football Philippe Diallo"): the organisation, then the person.
                    let last_lower = (range.start + 1..range.end).rfind(|&k| !capitalized(k))?;
                    let c = last_lower + 1;
                    ((2..=3).contains(&(range.end - c))
                        && word(last_lower).starts_with(char::is_lowercase)
                        && tokens[last_lower].kind == TokenKind::Word
                        && !lower_then(word(last_lower), is_function_word)
                        && (c..range.end).all(|k| capitalized(k) && !is_name_head(word(k)))
                        && !matches!(hit(c, range.end), Some(EntityKind::Loc | EntityKind::Org)))
                    .then_some(c)
                })
                .flatten()
        {
            spans[i] = (range.start..c, EntityKind::Org, score);
            spans.insert(i + 1, (c..range.end, EntityKind::Per, score));
            i += 1;
        } else if let Some(c) = (range.start + 1..range.end.saturating_sub(1)).find(|&c| {
            // A known place after "à", "au", "in" or "at" inside a span is where the name
            // before it is ("la Ligue des champions à Munich", "Forum économique mondial à
            // Davos"); after "in" or "at", only when the name before is known too.
            let french = matches!(word(c), "à" | "au");
            (french || matches!(word(c), "in" | "at"))
                && hit(c + 1, range.end) == Some(EntityKind::Loc)
                && (french || hit(range.start, c).is_some())
        }) {
            spans[i] = (range.start..c, hit(range.start, c).unwrap_or(kind), score);
            spans.insert(i + 1, (c + 1..range.end, EntityKind::Loc, score));
            i += 1;
        } else if let Some(c) = (range.start + 1..range.end.saturating_sub(2)).find(|&c| {
            // A known organisation "de" a person: "le Parti socialiste d'Olivier Faure", "le
            // Rassemblement national de Jordan Bardella". The person is two or three
            // capitalized words that are no known place or organisation ("Parti communiste de
            // Grande-Bretagne" is one name).
            de(c)
                && hit(range.start, c) == Some(EntityKind::Org)
                && (2..=3).contains(&(range.end - c - 1))
                && (c + 1..range.end).all(capitalized)
                && !matches!(hit(c + 1, range.end), Some(EntityKind::Loc | EntityKind::Org))
        }) {
            spans[i] = (range.start..c, EntityKind::Org, score);
            spans.insert(i + 1, (c + 1..range.end, EntityKind::Per, score));
            i += 1;
        } else if let Some(c) = (kind == EntityKind::Org)
            .then(|| {
                // An organisation "de" a known person, in a line in neither capitals nor Title
                // Case: "la Commission d'Ursula von der Leyen".
                (range.start + 1..range.end.saturating_sub(1)).find(|&c| {
                    de(c)
                        && word(c).starts_with(char::is_lowercase)
                        && hit(c + 1, range.end) == Some(EntityKind::Per)
                        && (range.start..c).all(|k| capitalized(k) && word(k).chars().any(char::is_lowercase))
                })
            })
            .flatten()
        {
            spans[i] = (range.start..c, EntityKind::Org, score);
            spans.insert(i + 1, (c + 1..range.end, EntityKind::Per, score));
            i += 1;
        } else if range.len() >= 3
            && de(range.start + 1)
            && hit(range.start, range.start + 1).is_none()
            && hit(range.start + 2, range.end) == Some(EntityKind::Per)
        {
            // One unknown word "de" a known person is the person's ("LE GOUVERNEMENT DE
            // SÉBASTIEN LECORNU" in a headline in capitals).
            spans[i] = (range.start + 2..range.end, EntityKind::Per, score);
        }
        i += 1;
    }
}

/// In English, lower-case words at the end of a person's, place's or organisation's name are
/// no part of it ("the Novi Sad railway station"): names capitalize their words but for
/// connectors ("Bank of England") and particles, which stay ("Ludwig van"), and words with a
/// capital inside ("iPhone"). So are "MP" and "MEP" ("Labour MPs").
fn drop_lower_case_tails(text: &str, tokens: &[Token], spans: &mut [(Range<usize>, EntityKind, f32)]) {
    let word = |k: usize| &text[tokens[k].range.clone()];
    // A word of its own: not the end of a word cut at a hyphen or apostrophe ("Teng-hui",
    // "76ers", "It's").
    let lower_case = |k: usize| {
        tokens[k].kind == TokenKind::Word
            && !word(k).chars().any(char::is_uppercase)
            && text[..tokens[k].range.start].ends_with(char::is_whitespace)
    };
    let kept = |k: usize| is_name_particle(word(k)) || lower_in(word(k), CONNECTORS);
    // Titles of works are "other" and keep their words ("Quatuor pour la fin du temps").
    for (range, _, _) in spans.iter_mut().filter(|(_, kind, _)| *kind != EntityKind::Misc) {
        let mut end = range.end;
        // Members of a party or parliament are no part of its name ("Labour MPs").
        while end - range.start > 1
            && ((lower_case(end - 1) && !kept(end - 1)) || matches!(word(end - 1), "MP" | "MPs" | "MEP" | "MEPs"))
        {
            end -= 1;
        }
        // Then the connectors the dropped words followed ("the Museum of modern art").
        if end < range.end {
            while end - range.start > 1 && lower_case(end - 1) {
                end -= 1;
            }
        }
        range.end = end;
    }
}

/// True when the tokens from `end` say, in apposition, that the name before them is a
/// company's: a comma, an article, a few words that describe ("London-based",
/// "British", "petite"), then a company noun that ends the phrase ("Rho Motion, a London-based
/// consultancy, said", "Mistral, une start-up française,"). A noun that goes on is an
/// adjective ("a firm believer").
fn company_in_apposition(text: &str, tokens: &[Token], end: usize) -> bool {
    let word = |i: usize| tokens.get(i).map_or("", |t| &text[t.range.clone()]);
    if word(end) != "," || !matches!(word(end + 1), "a" | "an" | "the" | "un" | "une" | "le" | "la" | "l'") {
        return false;
    }
    let company_noun = |w: &str| {
        w.starts_with(char::is_lowercase)
            && (lower_in(w, COMPANY_WORDS)
                || lower_in(w, crate::lexicon::APPOSED_COMPANY_NOUNS)
                || w.ends_with("maker"))
    };
    // "un groupe de mitrailleuses" is no company.
    let ends_phrase = |i: usize| {
        tokens.get(i).is_none_or(|t| t.kind == TokenKind::Punct)
            || lower_then(word(i), is_function_word)
                && !(lower_in(word(i - 1), &["groupe", "group"]) && lower_in(word(i), &["de", "d'", "des", "du", "of"]))
    };
    // French puts an adjective after the noun ("une start-up française,").
    let french = !matches!(word(end + 1), "a" | "an" | "the");
    let ends_phrase =
        |i: usize| ends_phrase(i) || french && word(i).starts_with(char::is_lowercase) && ends_phrase(i + 1);
    // "London-based" is three tokens.
    let describes = |i: usize| {
        word(i) == "-"
            || tokens.get(i).is_some_and(|t| t.kind == TokenKind::Word) && !lower_then(word(i), is_function_word)
    };
    (end + 2..end + 8).any(|i| company_noun(word(i)) && ends_phrase(i + 1))
        && (end + 2..end + 8).take_while(|&i| !company_noun(word(i))).all(describes)
}

/// Cleans a tagged span (token range) and pushes what remains: punctuation at its edges is
/// dropped; it is cut before a hyphenated lower-case suffix ("Moscow-led Collective …" gives
/// "Moscow" and "Collective …"); a person's name loses the titles before it ("Kazakh President
/// Kassym-Jomart Tokayev" gives the nationality and the name; "Senate Majority Leader John
/// Thune", the institution and the name). Its type follows the words around it: a company
/// word or head before it, or a company's or institution's last word, makes an organisation
/// ("la start-up Perplexity", "le directeur général d'Orpea", "Francisco Partners", "Hazard
/// Mitigation Center"); a trophy's first word, a storm's or a craft's word (also after
/// "baptisée", "named"), a festival before it, a program's word beside a person's name ("the
/// Claude chatbot") or a virus's beside a one-word name ("l'épidémie d'Ebola") makes it
/// "other". At a line or sentence break it is cut in two, less one letter before the break
/// ("sur X.") and the grammar words after it ("Selon"). A law's head word alone ("Act") and
/// acronyms of common nouns are no names.
fn tidy_span(
    text: &str,
    tokens: &[Token],
    mut range: Range<usize>,
    kind: EntityKind,
    score: f32,
    out: &mut Vec<(Range<usize>, EntityKind, f32)>,
) {
    let word = |i: usize| &text[tokens[i].range.clone()];
    // A wire story's sign-off names who reported, not the report ("Reporting by Jane Doe;
    // Editing by Toby Chopra").
    let sign_off = |w: &str| matches!(w, "Reporting" | "Editing" | "Writing" | "Compiled" | "Additional");
    if range.len() == 1
        && sign_off(word(range.start))
        && tokens.get(range.end).is_some_and(|t| &text[t.range.clone()] == "by")
    {
        return;
    }
    // An acronym of a common noun names no one ("the VAT incentive", "le PIB"), nor does a
    // law's head word alone ("The Act was repealed").
    if range.len() == 1 && (crate::lexicon::COMMON_ACRONYMS.contains(&word(range.start)) || word(range.start) == "Act")
    {
        return;
    }
    // A generation's letter is no name ("Gen Z voters", "la génération Z").
    let last = range.end - 1;
    if word(last).len() == 1
        && word(last).starts_with(|c: char| c.is_ascii_uppercase())
        && last > 0
        && lower_in(word(last - 1), &["gen", "generation", "génération"])
        && (range.len() == 1 || range.len() == 2 && last - 1 == range.start)
    {
        return;
    }
    // A storm's name is no person's ("la tempête Ciarán", "le cyclone Chido"), nor is a
    // mission's, an operation's or a ship's ("la mission Artemis II", "le porte-avions
    // Charles-de-Gaulle").
    let named_thing = |w: &str| lower_in(w, STORM_WORDS) || lower_in(w, CRAFT_WORDS);
    // Also with a word of naming between ("une tempête baptisée Amy", "a storm named Amy").
    let named_so = range.start >= 2
        && lower_in(word(range.start - 1), &["baptisée", "baptisé", "nommée", "nommé", "named", "dubbed"])
        && named_thing(word(range.start - 2));
    // "à bord de Sodebo Ultim 3", "aboard the Ever Given".
    let aboard = range.start >= 2
        && (lower_in(word(range.start - 1), &["de", "du", "the"])
            && lower_in(word(range.start - 2), &["bord", "aboard"]));
    // A company word may stand before an adjective in French, feminine as the words are
    // ("l'entreprise bretonne Biocoop", "la société française Mistral AI").
    let feminine_adjective = |i: usize| {
        tokens[i].kind == TokenKind::Word
            && word(i).starts_with(char::is_lowercase)
            && word(i).ends_with('e')
            && !lower_then(word(i), is_function_word)
    };
    // A person's name after "nouvelle" is a product's ("la nouvelle Twingo"); not a place's
    // ("the new Michigan state government").
    let new_product = |k: usize| matches!(word(k), "nouvelle" | "nouveau" | "nouvel");
    // Company words are in lower case: the test of case is cheaper than the list's.
    let company_word = |k: usize| word(k).starts_with(char::is_lowercase) && lower_in(word(k), COMPANY_WORDS);
    let company_before = |start: usize| {
        (start > 0 && company_word(start - 1))
            || (start > 1 && feminine_adjective(start - 1) && company_word(start - 2))
    };
    // A company's head before "de" or "of" ("le directeur général d'Orpea", "le PDG de
    // Lengow", "the chief executive of Nvidia").
    let executive_before = |start: usize| {
        start >= 2
            && lower_in(word(start - 1), &["de", "d'", "d\u{2019}", "du", "of"])
            && match word(start - 2) {
                "général" => start >= 3 && word(start - 3) == "directeur",
                "générale" => start >= 3 && word(start - 3) == "directrice",
                "executive" => start >= 3 && lower_in(word(start - 3), &["chief"]),
                w => lower_in(w, &["pdg", "patron", "patronne", "ceo", "chairman", "chairwoman"]),
            }
    };
    // A last word that only companies end with ("Francisco Partners", "Blackstone Inc"), or
    // only institutions ("Hazard Mitigation Center", which the tagger read as a person).
    let organisation_end = lower_in(word(range.end - 1), crate::lexicon::COMPANY_ENDS)
        || (kind == EntityKind::Per
            && starts_upper(word(range.end - 1))
            && lower_in(word(range.end - 1), crate::lexicon::INSTITUTION_ENDS));
    // A disease is "other", however its place or person name reads ("l'épidémie d'Ebola", "le
    // virus Marburg", "the Zika virus"); not where an outbreak is ("the Wuhan outbreak", "le
    // virus de Wuhan").
    let disease_around = |range: Range<usize>| {
        let virus = |k: usize| lower_in(word(k), &["virus"]);
        (range.start > 0 && virus(range.start - 1))
            || (range.start > 1
                && lower_in(word(range.start - 1), &["d'", "d\u{2019}", "de"])
                && lower_in(word(range.start - 2), &["épidémie", "pandémie"]))
            || (range.end < tokens.len() && virus(range.end))
    };
    // A program's name is no person's ("the Claude chatbot", "l'application Doctolib").
    let software = |k: usize| lower_in(word(k), &["chatbot", "app", "application", "logiciel", "software"]);
    let software_around = |range: Range<usize>| {
        (range.start > 0 && software(range.start - 1)) || (range.end < tokens.len() && software(range.end))
    };
    // A festival's name is "other" ("le festival Rock en Seine", "le festival des Vieilles
    // Charrues"); after "de", a place names where it is ("le festival de Cannes").
    let festival_before = |start: usize| {
        (start >= 1 && lower_in(word(start - 1), &["festival"]))
            || (start >= 2 && lower_in(word(start - 1), &["des", "du"]) && lower_in(word(start - 2), &["festival"]))
    };
    // A trophy, prize or cup is "other", whoever it is named for ("le Trophée Jules-Verne").
    let award = range.len() >= 2 && lower_in(word(range.start), crate::lexicon::AWARD_HEADS);
    let kind = if kind == EntityKind::Per && award {
        EntityKind::Misc
    } else if matches!(kind, EntityKind::Per | EntityKind::Misc | EntityKind::Loc)
        && (company_before(range.start)
            || company_in_apposition(text, tokens, range.end)
            || executive_before(range.start)
            || (kind != EntityKind::Loc && range.len() >= 2 && organisation_end))
    {
        EntityKind::Org
    } else if (kind != EntityKind::Misc && festival_before(range.start))
        || (kind == EntityKind::Per && software_around(range.clone()))
        || (matches!(kind, EntityKind::Per | EntityKind::Loc) && range.len() == 1 && disease_around(range.clone()))
        || matches!(kind, EntityKind::Per | EntityKind::Loc)
            && ((range.start > 0
            && (named_thing(word(range.start - 1))
                || named_so
                || aboard
                || (kind == EntityKind::Per && new_product(range.start - 1))))
            // A storm's own word first in the span ("Tropical Storm Kalmaegi killed"; not the
            // "National Hurricane Center").
            || (range.len() >= 2
                && starts_upper(word(range.start))
                && (lower_in(word(range.start), STORM_WORDS) || lower_in(word(range.start), &["storm"]))))
    {
        EntityKind::Misc
    } else {
        kind
    };
    // A minister's portfolio is no part of the name after it ("la ministre de la Culture
    // Rachida Dati", "le garde des Sceaux Gérald Darmanin").
    if is_portfolio(text, tokens, range.start) {
        let name = (range.start..range.end).find(|&i| {
            !(lower_in_words(word(i), &crate::lexicon::PORTFOLIO_WORDS)
                || lower_in(word(i), CONNECTORS)
                || tokens[i].kind == TokenKind::Punct)
        });
        if let Some(name) = name.filter(|&i| starts_upper(word(i))) {
            // Right after the portfolio, the minister; after "de", what the title is of ("le
            // procureur de la République de Paris"), which keeps the tagger's type.
            let of = lower_in(word(name - 1), FRENCH_OF) && kind != EntityKind::Per;
            tidy_span(text, tokens, name..range.end, if of { kind } else { EntityKind::Per }, score, out);
        }
        return;
    }
    // A title with a portfolio inside a span ("Indonesian Minister of Foreign Affairs Sugiono"):
    // a nationality before the title, the minister after the portfolio.
    if let Some(portfolio) = (range.start + 2..range.end.saturating_sub(1))
        .find(|&p| word(p).starts_with(char::is_uppercase) && is_portfolio(text, tokens, p))
    {
        let title = (range.start..portfolio).find(|&k| lower_then(word(k), is_person_cue));
        let name = (portfolio..range.end).find(|&i| {
            !(lower_in_words(word(i), &crate::lexicon::PORTFOLIO_WORDS)
                || lower_in(word(i), CONNECTORS)
                || tokens[i].kind == TokenKind::Punct)
        });
        if let (Some(title), Some(name)) = (title, name.filter(|&i| starts_upper(word(i)))) {
            if title > range.start && starts_upper(word(range.start)) {
                tidy_span(text, tokens, range.start..title, EntityKind::Misc, score, out);
            }
            tidy_span(text, tokens, name..range.end, EntityKind::Per, score, out);
            return;
        }
    }
    // A party and state in parentheses or between commas after a politician's name is no name
    // ("Sen. Elizabeth Warren (D-Mass.)", "Rep. Jim Jordan (R-Ohio)", "Sen. Bernie Sanders,
    // I-Vt., introduced").
    if range.start > 0
        && matches!(word(range.start - 1), "(" | ",")
        && is_party_state(word(range.start))
        // The state may be written with full stops ("R-S.C.", "D-N.Y.").
        && (range.start + 1..range.end)
            .all(|k| tokens[k].kind == TokenKind::Punct || (word(k).len() == 1 && starts_upper(word(k))))
    {
        return;
    }
    // A dateline's date is no place ("WASHINGTON, Dec 10 (Reuters)").
    let month = |w: &str| lower_then(w, |l| crate::values::month_number(l.trim_end_matches('.')).is_some());
    if range.len() == 2 && month(word(range.start)) && tokens[range.end - 1].kind == TokenKind::Number {
        return;
    }
    // Nor is its month alone, before the day ("BRUSSELS/KYIV, Dec 1 (Reuters)").
    if range.len() == 1
        && range.start > 0
        && word(range.start - 1) == ","
        && month(word(range.start))
        && tokens.get(range.end).is_some_and(|t| t.kind == TokenKind::Number)
    {
        return;
    }
    // A name does not run on into a verb of speech ("Powell told a news conference"): what
    // comes before it is who spoke.
    if let Some(verb) = (range.start + 1..range.end)
        .find(|&i| word(i).starts_with(char::is_lowercase) && crate::lexicon::SPEECH_WORDS.contains(&word(i)))
    {
        let kind = if kind == EntityKind::Misc { EntityKind::Per } else { kind };
        tidy_span(text, tokens, range.start..verb, kind, score, out);
        return;
    }
    // "l'État" alone is the state as an institution (human annotators call it an organisation).
    let kind = if range.len() == 1 && matches!(word(range.start), "État" | "Etat") { EntityKind::Org } else { kind };
    // Two or three words right after a minister's portfolio are the minister, whatever the
    // tagger called them ("Coordinating Minister for Economic Affairs Airlangga Hartarto").
    let kind =
        if kind != EntityKind::Per && (2..=3).contains(&range.len()) && after_portfolio(text, tokens, range.start) {
            EntityKind::Per
        } else {
            kind
        };
    // The first word of a title is not a name of its own ("le Premier ministre Gabriel Attal",
    // "Le Premier ministre" at a sentence's start),
    // but a name may be a title word ("Prince said").
    let title_word = |w: &str| lower_then(w, is_person_cue) && !lower_in(w, &["said", "dit"]);
    let first_word = (range.start..range.end).find(|&i| !lower_then(word(i), is_function_word)).unwrap_or(range.end);
    if first_word < range.end
        && (first_word..range.end).all(|i| title_word(word(i)))
        && tokens.get(range.end).is_some_and(|next| title_word(&text[next.range.clone()]))
    {
        return;
    }
    // A preposition that never stands inside a name ends one: "la Première ministre Élisabeth
    // Borne devant l'Assemblée nationale" is a person and, after "devant", another name.
    if let Some(cut) = (range.start + 1..range.end.saturating_sub(1)).find(|&i| NEVER_IN_NAMES.contains(&word(i))) {
        tidy_span(text, tokens, range.start..cut, kind, score, out);
        if let Some(rest) = (cut + 1..range.end).find(|&i| starts_upper(word(i))) {
            tidy_span(text, tokens, rest..range.end, kind, score, out);
        }
        return;
    }
    // A name never runs on into the next sentence or line ("Dmitriy Peskov.\nThe"): each part
    // is a span of its own, unless it is a lone grammar word ("The").
    // The tagger knows abbreviations inside names ("Super Smash Bros. Melee"); a line break it
    // cannot see.
    let new_line = |i: usize| text[tokens[i - 1].range.end..tokens[i].range.start].contains('\n');
    // Nor across a dash with space around it, as after a dateline ("KIEV - Ukraine's President …").
    let spaced_dash = |i: usize| {
        matches!(word(i), "-" | "–" | "—")
            && i + 1 < tokens.len()
            && tokens[i - 1].range.end < tokens[i].range.start
            && tokens[i].range.end < tokens[i + 1].range.start
    };
    // Titles of works keep theirs ("Call of Duty : Black Ops - Declassified"): the cut is for a
    // dateline in capitals before the dash, or between places.
    let dateline =
        |dash: usize| (range.start..dash).all(|i| is_all_caps(word(i)) || tokens[i].kind == TokenKind::Punct);
    if let Some(dash) = (range.start + 1..range.end.saturating_sub(1))
        .find(|&i| spaced_dash(i))
        .filter(|&dash| kind == EntityKind::Loc || dateline(dash))
    {
        tidy_span(text, tokens, range.start..dash, kind, score, out);
        tidy_span(text, tokens, dash + 1..range.end, kind, score, out);
        return;
    }
    // Nor into lower-case words after such a dash, as a wire headline's source ("… Sakana AI -
    // sources").
    if let Some(dash) = (range.start + 1..range.end.saturating_sub(1)).find(|&i| {
        spaced_dash(i)
            && (i + 1..range.end).all(|k| tokens[k].kind != TokenKind::Word || word(k).starts_with(char::is_lowercase))
    }) {
        tidy_span(text, tokens, range.start..dash, kind, score, out);
        return;
    }
    // Nor past a full stop into a new sentence ("the West Bank. Palestinian Authority …"), but
    // for initials and abbreviations ("J. R. R. Tolkien", "Ch. Savignat", "Super Smash Bros. Melee").
    // A word is read as an abbreviation before a full stop when it is a known one ("Inc", "Bros")
    // or at most `letters` letters long: inside a span two ("Ch. Savignat", "J. R. R. Tolkien"),
    // at its end one (an initial, as in "U.S." or "John F.").
    let abbreviation = |i: usize, letters: usize| {
        word(i).chars().count() <= letters || crate::lexicon::ABBREVIATIONS.contains(&word(i))
    };
    let new_sentence = |i: usize| {
        i >= 2
            && word(i - 1) == "."
            && tokens[i - 1].range.end < tokens[i].range.start
            && starts_upper(word(i))
            && !abbreviation(i - 2, 2)
    };
    // Nor across a dash that stands for punctuation: a double hyphen, or an em or en dash with a
    // space on one side only ("allied with Bin Laden-- then", "Sharif— who"). A dash with a space
    // on both sides is the rule above's, whatever its length.
    let loose_dash = |i: usize| {
        let space_before = tokens[i - 1].range.end < tokens[i].range.start;
        let space_after = tokens.get(i + 1).is_none_or(|next| tokens[i].range.end < next.range.start);
        match word(i) {
            "—" | "–" => space_before != space_after,
            "-" => word(i - 1) == "-" || (i + 1 < tokens.len() && word(i + 1) == "-"),
            _ => false,
        }
    };
    if let Some(dash) = (range.start + 1..range.end).find(|&i| loose_dash(i)) {
        tidy_span(text, tokens, range.start..dash, kind, score, out);
        let rest = (dash + 1..range.end).find(|&i| tokens[i].kind != TokenKind::Punct).unwrap_or(range.end);
        if rest < range.end && starts_upper(word(rest)) {
            tidy_span(text, tokens, rest..range.end, kind, score, out);
        }
        return;
    }
    if let Some(cut) = (range.start + 1..range.end).find(|&i| new_line(i) || new_sentence(i)) {
        // One letter before the cut is no person ("… a dénoncé Marine Le Pen sur X.\n\nSelon
        // Bercy"), and grammar words that open the next line or sentence are no part of a name.
        let letter = cut - range.start <= 2
            && word(range.start).chars().count() == 1
            && (range.start + 1..cut).all(|i| word(i) == ".");
        if !(letter && kind == EntityKind::Per) {
            tidy_span(text, tokens, range.start..cut, kind, score, out);
        }
        let mut rest = cut..range.end;
        while !rest.is_empty() && lower_then(word(rest.start), is_function_word) {
            rest.start += 1;
        }
        if !rest.is_empty() {
            tidy_span(text, tokens, rest, kind, score, out);
        }
        return;
    }
    while range.start < range.end && tokens[range.start].kind == TokenKind::Punct {
        range.start += 1;
    }
    // The first word of a title after a place is no part of it ("UK Foreign Secretary Yvette
    // Cooper", where the tagger read "UK Foreign"); a noun may be part of a name ("Metropolitan
    // Police Commissioner").
    while kind == EntityKind::Loc
        && range.len() >= 2
        && starts_upper(word(range.end - 1))
        && tokens.get(range.end).is_some_and(|next| lower_then(&text[next.range.clone()], is_person_cue))
        && lower_in_words(word(range.end - 1), &crate::lexicon::TITLE_MODIFIER_WORDS)
        && !lower_in(word(range.end - 1), &["police", "army", "military", "crown", "state", "district", "county"])
    {
        range.end -= 1;
    }
    // A party's member before a name is no part of it ("Democrat Mikie Sherrill").
    if kind == EntityKind::Per && range.len() >= 3 && matches!(word(range.start), "Democrat" | "Republican") {
        out.push((range.start..range.start + 1, EntityKind::Misc, score));
        range.start += 1;
    }
    // The day something happened is not part of the name before it ("devant l'Assemblée
    // nationale jeudi"), nor is an article or preposition in lower case ("en Conseil des
    // ministres un projet").
    while range.end - range.start >= 2
        && (is_weekday_after_name(word(range.end - 1))
            || (word(range.end - 1).starts_with(char::is_lowercase)
                && lower_then(word(range.end - 1), is_function_word)
                && tokens[range.end - 2].range.end < tokens[range.end - 1].range.start))
    {
        range.end -= 1;
    }
    // A final full stop stays only after an abbreviation glued to it: a known one or an initial
    // ("Inc.", "U.S."), or one the sentence goes on after ("Warner Bros. recherche").
    let abbreviation_stop = |end: usize| {
        let goes_on = tokens.get(end).is_some_and(|next| {
            !new_line(end) && text[next.range.clone()].starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit())
        });
        word(end - 1) == "."
            && end >= 2
            && tokens[end - 2].range.end == tokens[end - 1].range.start
            && (abbreviation(end - 2, 1) || goes_on)
    };
    while range.start < range.end && tokens[range.end - 1].kind == TokenKind::Punct && !abbreviation_stop(range.end) {
        range.end -= 1;
    }
    // A score is not part of the name before it ("le PSG 1-0", "Arsenal 2–1").
    let score_dash = |i: usize| {
        tokens.get(i + 1).is_some_and(|next| next.kind == TokenKind::Number)
            && matches!(word(i), "-" | "–")
            && tokens[i - 1].range.end == tokens[i].range.start
            && tokens[i].range.end == tokens[i + 1].range.start
    };
    if range.len() >= 2
        && tokens[range.end - 1].kind == TokenKind::Number
        && range.end < tokens.len()
        && score_dash(range.end)
    {
        range.end -= 1;
    }
    // A possessive is not part of the name: "Ukraine's" is Ukraine.
    if range.end - range.start >= 3
        && word(range.end - 1) == "s"
        && matches!(word(range.end - 2), "'" | "\u{2019}")
        && tokens[range.end - 3].range.end == tokens[range.end - 2].range.start
    {
        range.end -= 2;
    }
    if range.is_empty() {
        return;
    }
    // "-led", "-based", "-born": the name ends before the hyphen.
    for i in range.start + 1..range.end.saturating_sub(1) {
        let glued =
            tokens[i].range.start == tokens[i - 1].range.end && tokens[i + 1].range.start == tokens[i].range.end;
        if word(i) == "-" && glued && is_attributive_suffix(word(i + 1)) {
            tidy_span(text, tokens, range.start..i, kind, score, out);
            let rest = (i + 2).min(range.end)..range.end;
            if !rest.is_empty() && starts_upper(word(rest.start)) {
                tidy_span(text, tokens, rest, kind, score, out);
            }
            return;
        }
    }
    // A title before a name ("Kazakh President Kassym-Jomart Tokayev", "Ukraine's President
    // Volodymyr Zelenskiy"): what follows the title is a person, whatever the span was tagged.
    // A name's particles ("Alexandre de Moraes", "Ursula von der Leyen") stand between its
    // capitalized words.
    let name_after = |cue: usize| {
        (cue + 1..range.end).all(|i| starts_upper(word(i)) || is_name_particle(word(i)))
            && starts_upper(word(range.end - 1))
            && !lower_in_words(word(range.end - 1), &crate::lexicon::ORG_HEAD_WORDS)
            && !lower_in_words(word(range.end - 1), &crate::lexicon::PLACE_HEAD_WORDS)
    };
    // The name goes on past the span across particles ("European Commission President Ursula"
    // before "von der Leyen", which `join_name_particles` joins).
    let particle = |k: usize| tokens.get(k).is_some_and(|t| is_name_particle(&text[t.range.clone()]));
    let name_goes_on = particle(range.end)
        && (range.end + 1..range.end + 3)
            .find(|&k| !particle(k))
            .is_some_and(|k| k < tokens.len() && is_capitalized_word(text, &tokens[k]));
    if let Some(cue) = (range.start..range.end - 1).rev().find(|&i| lower_then(word(i), is_person_cue))
        && (kind == EntityKind::Per || ((range.end - cue > 2 || name_goes_on) && name_after(cue)))
    {
        // A title of several words is left out whole ("Première ministre", "Prime Minister",
        // "Iranian Foreign Minister").
        let mut title = cue;
        while title > range.start
            && (lower_then(word(title - 1), is_person_cue)
                || lower_in_words(word(title - 1), &crate::lexicon::TITLE_MODIFIER_WORDS))
        {
            title -= 1;
        }
        // What comes before the title is a nationality ("Kazakh", "South Korean") or, when the
        // span was not a person's and that part has several words, what the span was tagged
        // ("New South Wales Police Commissioner Karen Webb": a place, then a person).
        let before = range.start..title;
        if !before.is_empty() && starts_upper(word(before.start)) {
            let several_words = (before.start + 1..before.end).any(|i| tokens[i].kind == TokenKind::Word);
            // An institution's word is the institution's ("Senate Majority Leader John Thune",
            // "House Speaker Mike Johnson", "White House Press Secretary Karoline Leavitt").
            let institution = lower_in_words(word(before.end - 1), &crate::lexicon::ORG_HEAD_WORDS)
                || word(before.end - 1) == "House";
            let before_kind = if kind != EntityKind::Per && several_words {
                kind
            } else if institution {
                EntityKind::Org
            } else {
                EntityKind::Misc
            };
            tidy_span(text, tokens, before, before_kind, score, out);
        }
        // The title's own full stop ("Gen. Pervez Musharraf") is not part of the name.
        let name = (cue + 1..range.end).find(|&i| tokens[i].kind != TokenKind::Punct).unwrap_or(range.end);
        // One letter is no name ("Gen Z").
        let letter = name + 1 == range.end && word(name).chars().count() == 1;
        if name < range.end && !letter {
            out.push((name..range.end, EntityKind::Per, score));
        }
        return;
    }
    out.push((range, kind, score));
}

/// Adds capitalized sequences that no gazetteer hit covers.
fn capitalized_names(text: &str, tokens: &[Token], hits: &[GazetteerMatch], mentions: &mut Vec<Mention>) {
    let flat = uninformative_lines(text, tokens);
    let in_flat = |t: &Token| flat.iter().any(|r| r.contains(&t.range.start));
    let covered = |t: &Token| hits.iter().any(|h| h.range.start < t.range.end && t.range.start < h.range.end);

    // Evidence from the informative parts of the document.
    let mut capitalized_mid: HashSet<&str> = HashSet::new();
    let mut lower_forms: HashSet<&str> = HashSet::new();
    for t in tokens.iter().filter(|t| is_word(t) && !in_flat(t)) {
        let w = &text[t.range.clone()];
        if starts_upper(w) {
            if !t.sentence_start {
                capitalized_mid.insert(w);
            }
        } else {
            lower_forms.insert(w);
        }
    }

    let name_worthy = |t: &Token| -> bool {
        if !is_word(t) || covered(t) {
            return false;
        }
        let w = &text[t.range.clone()];
        if !starts_upper(w) || lower_then(w, is_function_word) || lower_then(w, is_person_cue) {
            return false;
        }
        if in_flat(t) {
            return capitalized_mid.contains(w)
                || (is_all_caps(w) && w.chars().count() >= 2 && !flat_is_caps(text, t, &flat));
        }
        if t.sentence_start {
            return !lower_then(w, |l| lower_forms.contains(l)) || is_all_caps(w);
        }
        true
    };

    let mut found: Vec<(Range<usize>, usize, usize)> = Vec::new(); // (bytes, first token, last token)
    let mut i = 0;
    while i < tokens.len() {
        if !name_worthy(&tokens[i]) {
            i += 1;
            continue;
        }
        let first = i;
        let mut last = i;
        let mut j = i + 1;
        while j < tokens.len() {
            let t = &tokens[j];
            if name_worthy(t) && adjacent(text, &tokens[j - 1], t) {
                last = j;
                j += 1;
                continue;
            }
            // Connectors inside a name: "Organisation du Traité", "Bank of England".
            let mut k = j;
            while k < tokens.len()
                && is_word(&tokens[k])
                && !in_flat(&tokens[k])
                && !starts_upper(&text[tokens[k].range.clone()])
                && lower_in(&text[tokens[k].range.clone()], CONNECTORS)
                && adjacent(text, &tokens[k - 1], &tokens[k])
            {
                k += 1;
            }
            if k > j && k < tokens.len() && name_worthy(&tokens[k]) && adjacent(text, &tokens[k - 1], &tokens[k]) {
                last = k;
                j = k + 1;
                continue;
            }
            break;
        }
        found.push((tokens[first].range.start..tokens[last].range.end, first, last));
        i = last + 1;
    }

    let start_len = mentions.len();
    for (range, first, last) in &found {
        let words: Vec<&str> =
            tokens[*first..=*last].iter().filter(|t| is_word(t)).map(|t| &text[t.range.clone()]).collect();
        let acronym = words.len() == 1 && is_all_caps(words[0]) && (2..=6).contains(&words[0].chars().count());
        let full_name = (2..=3).contains(&words.len()) && words.iter().all(|w| starts_upper(w) && !is_all_caps(w));
        let kind = if acronym || words.iter().any(|w| lower_in_words(w, &crate::lexicon::ORG_HEAD_WORDS)) {
            EntityKind::Org
        } else if full_name || person_cue_before(text, tokens, *first) {
            EntityKind::Per
        } else {
            EntityKind::Misc
        };
        mentions.push(Mention { byte_range: range.clone(), kind, score: 0.5, kb_key: None });
    }
    // A single word that ends a person's name found here is that person's surname.
    let surnames: HashSet<&str> = mentions[start_len..]
        .iter()
        .filter(|m| m.kind == EntityKind::Per)
        .filter_map(|m| text[m.byte_range.clone()].rsplit(' ').next())
        .collect();
    let surnames: HashSet<String> = surnames.into_iter().map(str::to_owned).collect();
    for m in &mut mentions[start_len..] {
        if m.kind == EntityKind::Misc && surnames.contains(&text[m.byte_range.clone()]) {
            m.kind = EntityKind::Per;
        }
    }
}

/// True when the line holding `t` is in capitals (no word of it is evidence).
fn flat_is_caps(text: &str, t: &Token, flat: &[Range<usize>]) -> bool {
    flat.iter().find(|r| r.contains(&t.range.start)).is_some_and(|r| {
        let line = &text[r.clone()];
        let letters = line.chars().filter(|c| c.is_alphabetic()).count();
        let upper = line.chars().filter(|c| c.is_uppercase()).count();
        upper * 5 >= letters * 4
    })
}

/// True when `word` is a weekday in French, which is written in lower case ("jeudi"): after a
/// name it is the day something happened, never part of the name. (An English weekday is
/// capitalized and may end a name: "Gloomy Sunday", "Ruby Tuesday".)
fn is_weekday_after_name(word: &str) -> bool {
    // The French weekdays come first in the list.
    WEEKDAYS[..7].contains(&word)
}

/// Lower-case words that, glued by a hyphen after a name, make an adjective of it
/// ("Russia-led", "US-based", "Paris-born", "nationwide").
fn is_attributive_suffix(word: &str) -> bool {
    !starts_upper(word) && (word.ends_with("ed") || matches!(word, "run" | "born" | "wide" | "like" | "style" | "made"))
}

/// True when only one space separates two tokens on the same line.
fn adjacent(text: &str, a: &Token, b: &Token) -> bool {
    let gap = &text[a.range.end..b.range.start];
    gap == " " || (gap.is_empty() && text[a.range.clone()].ends_with('\''))
}

/// True when a title or role word stands shortly before token `first`, in the same sentence.
fn person_cue_before(text: &str, tokens: &[Token], first: usize) -> bool {
    let mut seen = 0;
    for t in tokens[..first].iter().rev() {
        let w = &text[t.range.clone()];
        if t.kind == TokenKind::Punct {
            if matches!(w, "." | "!" | "?" | "«" | "»" | "\"" | "“" | "”" | ";" | ":") {
                return false;
            }
            continue;
        }
        if lower_then(w, is_person_cue) {
            return true;
        }
        seen += 1;
        if seen >= 6 {
            return false;
        }
    }
    false
}

#[cfg(test)]
mod tests;
