use entente_core::{EntityKind, Mention, Quote};

use crate::lexicon::SPEECH_WORDS;

/// How far from a quotation its speaker may be named, in bytes.
const SPEAKER_WINDOW: usize = 300;

/// Finds direct quotations in « », “ ” and " " with at least three words, and attributes each
/// to a person: the first one named after it on the same line when the words between (or just
/// after the name) say so ("…», a déclaré … Ned Price", "…," Price said), or else the last one
/// named before it ("Mathilde Panot a dénoncé « … » du gouvernement de Sébastien Lecornu"), or
/// else the one after.
pub fn find(text: &str, mentions: &[Mention], out: &mut Vec<Quote>) {
    let near = Nearby::new(text, mentions);
    // Closing marks known to be absent from some point on: an opening mark after it has no
    // match either, so the rest of the text is not searched again.
    let mut unclosed = [false; 3];
    let mut i = 0;
    while let Some(offset) = text[i..].find(['«', '“', '"']) {
        let open = i + offset;
        let open_char = text[open..].chars().next().unwrap_or('"');
        let (close_char, mark) = match open_char {
            '«' => ('»', 0),
            '“' => ('”', 1),
            _ => ('"', 2),
        };
        let inner_start = open + open_char.len_utf8();
        // A quotation does not run across a blank line (one holding only white space, as for
        // values), so its closing mark is looked for in its paragraph only.
        let ends = near.paragraph_ends();
        let paragraph = ends.partition_point(|&end| end < inner_start);
        let last_paragraph = paragraph + 1 >= ends.len();
        let paragraph_end = ends.get(paragraph).copied().unwrap_or(text.len());
        let close_offset = if unclosed[mark] { None } else { text[inner_start..paragraph_end].find(close_char) };
        let Some(close_offset) = close_offset else {
            // Not closed in its paragraph; and if that is the last one, never (only white
            // space follows it).
            unclosed[mark] |= last_paragraph;
            i = inner_start;
            continue;
        };
        let close = inner_start + close_offset;
        let inner = &text[inner_start..close];
        i = close + close_char.len_utf8();
        let trimmed_start = inner_start + (inner.len() - inner.trim_start().len());
        let trimmed_end = inner_start + inner.trim_end().len();
        // Under three words is a term or a name; after a word for a work, or read as "other"
        // whole, a title ("au film « Un simple accident »", "the novel \"The Old Man and the
        // Sea\"", "star of \"Butch Cassidy and the Sundance Kid\"").
        if (inner.split_whitespace().count() < 3 && !short_reported(inner, &text[i..]))
            || after_work_noun(&text[..open])
            || term_after_article(&text[..open], inner)
            || is_title(mentions, trimmed_start..trimmed_end, inner)
        {
            continue;
        }
        let speaker = attribute(text, mentions, open, i, |kind| near.candidates(open, i, kind));
        out.push(Quote { byte_range: trimmed_start..trimmed_end, speaker });
    }
}

/// Drops the "other" names that are a reported quotation's whole words, which the tagger took
/// for a title ("\"It's a tragedy,\" a witness told AFP"): a quotation that ends with its
/// punctuation inside the marks and is followed, within eight words on its line, by a verb of
/// speech. True when one was dropped (the quotations' speakers,
/// which index `mentions`, must then be found again).
pub fn drop_quoted_speech(text: &str, quotes: &[Quote], mentions: &mut Vec<Mention>) -> bool {
    let before = mentions.len();
    for quote in quotes {
        let after = &text[quote.byte_range.end..];
        let after = after.trim_start_matches(|c: char| !c.is_alphanumeric() && c != '\n');
        let line = after.split('\n').next().unwrap_or("");
        // A sentence ends inside its marks ("It's a tragedy,"); a title does not ("in 1898 she
        // published \"Women and Economics\", a treatise which argued").
        let ends_inside = text[quote.byte_range.clone()].ends_with([',', '.', '!', '?', '…']);
        if !ends_inside || !words(line).take(8).any(is_speech) {
            continue;
        }
        mentions.retain(|m| {
            !(m.kind == EntityKind::Misc
                && m.byte_range.start == quote.byte_range.start
                && m.byte_range.end <= quote.byte_range.end
                && !text[m.byte_range.end..quote.byte_range.end].contains(char::is_alphanumeric))
        });
    }
    mentions.len() != before
}

/// True for a short reported sentence: one or two words opening with a capital, followed by
/// a comma and a verb of speech within three words ("« C'est inacceptable », a réagi le
/// ministre", "\"No,\" he said"); a term or a name is not ("the \"Gen Z\" protests").
fn short_reported(inner: &str, after: &str) -> bool {
    let inner = inner.trim();
    let after = after.trim_start();
    let comma = inner.ends_with(',') || after.starts_with(',');
    let line = after.split('\n').next().unwrap_or("");
    inner.starts_with(char::is_uppercase) && comma && words(line).take(3).any(is_speech)
}

/// True when the words in quotation marks are one "other" name, a title, and end without the
/// punctuation of a reported sentence ("\"It's a tragedy,\" a witness told AFP" is one, which
/// [`drop_quoted_speech`] reads).
fn is_title(mentions: &[Mention], range: std::ops::Range<usize>, inner: &str) -> bool {
    !inner.trim_end().ends_with(['.', ',', '!', '?', '…', ';', ':'])
        && mentions.iter().any(|m| m.kind == EntityKind::Misc && m.byte_range == range)
}

/// True for a phrase in quotation marks used as a noun after an article, not as a reported
/// sentence ("a meeting of the \"coalition of the willing\"", "la « flottille de la
/// liberté »"): it opens in lower case and ends without punctuation.
fn term_after_article(before: &str, inner: &str) -> bool {
    let inner = inner.trim();
    let before = before.trim_end().trim_end_matches(['\'', '\u{2019}']);
    let last = before.rsplit(|c: char| !c.is_alphabetic()).next().unwrap_or("");
    inner.starts_with(char::is_lowercase)
        && !inner.ends_with(['.', ',', '!', '?', '…', ';', ':'])
        && matches!(last, "the" | "a" | "an" | "le" | "la" | "les" | "l" | "un" | "une" | "des" | "du")
}

/// True when `before` ends with a word for a work ("film", "roman", "novel"…), before white
/// space, or with such a word and an adjective in lower case ("au film iranien").
fn after_work_noun(before: &str) -> bool {
    let work_noun = |word: &str| !word.is_empty() && crate::lexicon::WORK_NOUNS.contains(&word.to_lowercase().as_str());
    let mut words = before.trim_end().rsplit(|c: char| !c.is_alphabetic());
    let last = words.next().unwrap_or("");
    if work_noun(last) {
        return true;
    }
    let adjective = last.starts_with(char::is_lowercase) && !crate::lexicon::is_function_word(last);
    adjective && words.next().is_some_and(work_noun)
}

/// What finding a quotation's speaker looks up, so that a long text with many quotations and
/// mentions is not read again for each: where its lines break, and its mentions by position.
struct Nearby<'a> {
    text: &'a str,
    mentions: &'a [Mention],
    /// Byte offsets of the text's line feeds, found at the first quotation mark.
    newlines: std::cell::OnceCell<Vec<usize>>,
    /// Byte offsets where the text's paragraphs end ([`paragraphs`](crate::values::paragraphs)),
    /// found at the first quotation mark.
    paragraph_ends: std::cell::OnceCell<Vec<usize>>,
    /// True when `mentions` are in order of their start, as the extractor gives them; then
    /// only those near a quotation are read.
    sorted: bool,
    /// The longest mention, in bytes.
    longest: usize,
}

impl<'a> Nearby<'a> {
    fn new(text: &'a str, mentions: &'a [Mention]) -> Nearby<'a> {
        Nearby {
            text,
            mentions,
            newlines: Default::default(),
            paragraph_ends: Default::default(),
            sorted: mentions.is_sorted_by_key(|m| m.byte_range.start),
            longest: mentions.iter().map(|m| m.byte_range.len()).max().unwrap_or(0),
        }
    }

    /// The byte offsets of the text's line feeds.
    fn newlines(&self) -> &[usize] {
        self.newlines
            .get_or_init(|| self.text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(at, _)| at).collect())
    }

    /// The byte offsets where the text's paragraphs end, in order.
    fn paragraph_ends(&self) -> &[usize] {
        self.paragraph_ends.get_or_init(|| crate::values::paragraphs(self.text).map(|p| p.end).collect())
    }

    /// The mentions of `kind` that may name the speaker of the quotation opened at `open` and
    /// closed just before `after_close`: the first one after it on its line, within
    /// [`SPEAKER_WINDOW`] bytes, and the last one before it on its line.
    fn candidates(&self, open: usize, after_close: usize, kind: EntityKind) -> (Option<usize>, Option<usize>) {
        let text = self.text;
        let newlines = self.newlines();
        let line_end = newlines.get(newlines.partition_point(|&n| n < after_close)).copied().unwrap_or(text.len());
        let line_start = newlines.partition_point(|&n| n < open).checked_sub(1).map_or(0, |k| newlines[k] + 1);
        // The mentions that may qualify: all of them, or, in order, those starting near enough.
        let limit = line_end.min(after_close + SPEAKER_WINDOW);
        let (after_range, before_range) = if self.sorted {
            let starting = |at: usize| self.mentions.partition_point(|m| m.byte_range.start < at);
            let earliest = line_start.max(open.saturating_sub(SPEAKER_WINDOW + self.longest));
            (starting(after_close)..starting(limit).max(starting(after_close)), starting(earliest)..starting(open + 1))
        } else {
            (0..self.mentions.len(), 0..self.mentions.len())
        };
        let from = after_range.start;
        let after = self.mentions[after_range]
            .iter()
            .enumerate()
            .map(|(k, m)| (from + k, m))
            .filter(|(_, m)| m.byte_range.start >= after_close && m.byte_range.start < limit)
            .find(|(_, m)| m.kind == kind)
            .map(|(index, _)| index);
        let from = before_range.start;
        let before = self.mentions[before_range]
            .iter()
            .enumerate()
            .map(|(k, m)| (from + k, m))
            .filter(|(_, m)| {
                m.byte_range.end <= open
                    && m.byte_range.end + SPEAKER_WINDOW >= open
                    && m.byte_range.start >= line_start
            })
            .rfind(|(_, m)| m.kind == kind)
            .map(|(index, _)| index);
        (after, before)
    }
}

/// The speaker of the quotation opened at `open` and closed just before `after_close`, from
/// its candidates of each kind: a person ([`speaker`]); failing one, an organisation the text
/// says spoke ("…," a spokesperson for the Iranian Foreign Ministry said; "», a indiqué
/// l'Élysée"; "The Kremlin said: …").
fn attribute(
    text: &str,
    mentions: &[Mention],
    open: usize,
    after_close: usize,
    candidates: impl Fn(EntityKind) -> (Option<usize>, Option<usize>),
) -> Option<usize> {
    speaker(text, mentions, after_close, candidates(EntityKind::Per)).or_else(|| {
        let (after, before) = candidates(EntityKind::Org);
        after
            .filter(|&a| says_so(text, after_close, &mentions[a].byte_range))
            .or_else(|| before.filter(|&b| words(&text[mentions[b].byte_range.end..open]).any(is_speech)))
    })
}

/// The speaker of a quotation that ends at `after_close`, of the persons named after and
/// before it: the one after when the text [`says_so`], or else the one before, or else the one
/// after unless it is the [`addressee`].
fn speaker(
    text: &str,
    mentions: &[Mention],
    after_close: usize,
    (after, before): (Option<usize>, Option<usize>),
) -> Option<usize> {
    match (after, before) {
        (Some(a), Some(_)) if says_so(text, after_close, &mentions[a].byte_range) => Some(a),
        (_, Some(b)) => Some(b),
        (a, None) => a.filter(|&a| !addressee(text, after_close, &mentions[a].byte_range)),
    }
}

/// True when the text from a quotation's end (`after_close`) to a name after it (`name`) says
/// the quotation is that person's: only punctuation between them ("…," Price said), or a verb
/// of speech between them or in the few words after the name ("», a déclaré … Ned Price", "…,"
/// the minister, Jean Dupont, said).
fn says_so(text: &str, after_close: usize, name: &std::ops::Range<usize>) -> bool {
    let between = &text[after_close..name.start];
    if addressee(text, after_close, name) {
        return false;
    }
    // A new sentence between them: its verb is its own subject's ("», a-t-elle déclaré. Le
    // président du groupe, Boris Vallaud, a indiqué…").
    let new_sentence = between.match_indices(['.', '!', '?']).any(|(at, _)| {
        let rest = &between[at + 1..];
        rest.starts_with(char::is_whitespace) && rest.trim_start().starts_with(char::is_uppercase)
    });
    if new_sentence {
        return false;
    }
    let line_end = text[name.end..].find('\n').map_or(text.len(), |n| name.end + n);
    !between.contains(char::is_alphabetic)
        || words(between).any(is_speech)
        || words(&text[name.end..line_end]).take(3).any(is_speech)
}

/// True when the name at `name`, after a quotation that ends at `after_close`, is who the words
/// were said to ("…," a witness told AFP; "», a déclaré à l'AFP un témoin"), not who said them.
fn addressee(text: &str, after_close: usize, name: &std::ops::Range<usize>) -> bool {
    let mut last_words = words(&text[after_close..name.start]).rev();
    matches!(
        (last_words.next(), last_words.next()),
        (Some("told" | "à" | "au" | "aux" | "to"), _) | (Some("l"), Some("à"))
    )
}

/// The words of `s`: runs of letters.
fn words(s: &str) -> impl DoubleEndedIterator<Item = &str> {
    s.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty())
}

/// True for a verb of speech ([`SPEECH_WORDS`]), in any case.
fn is_speech(word: &str) -> bool {
    SPEECH_WORDS.contains(&word) || SPEECH_WORDS.contains(&word.to_lowercase().as_str())
}
#[cfg(test)]
mod tests {
    use super::*;

    fn person(text: &str, name: &str) -> Mention {
        let at = text.find(name).unwrap();
        Mention { byte_range: at..at + name.len(), kind: EntityKind::Per, score: 1.0, kb_key: None }
    }

    #[test]
    fn quote_with_speaker_after() {
        let text = "« Nous continuerons d'appeler au calme », a déclaré le porte-parole, Ned Price.";
        let mut out = Vec::new();
        find(text, &[person(text, "Ned Price")], &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(&text[out[0].byte_range.clone()], "Nous continuerons d'appeler au calme");
        assert_eq!(out[0].speaker, Some(0));
    }

    #[test]
    fn speaker_before_and_short_quotes_skipped() {
        let text = "Ned Price said: \"We will keep calling on them.\" A \"so-called\" force.";
        let mut out = Vec::new();
        find(text, &[person(text, "Ned Price")], &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].speaker, Some(0));
    }

    #[test]
    fn an_organisation_speaks_when_no_person_does_and_the_text_says_so() {
        let org = |text: &str, name: &str| Mention { kind: EntityKind::Org, ..person(text, name) };
        let speaker_of = |text: &str, mentions: &[Mention]| {
            let mut out = Vec::new();
            find(text, mentions, &mut out);
            out.first().and_then(|q| q.speaker).map(|m| text[mentions[m].byte_range.clone()].to_owned())
        };
        let text = "“We will respond in kind,” a spokesperson for the Iranian Foreign Ministry said.";
        assert_eq!(
            speaker_of(text, &[org(text, "Iranian Foreign Ministry")]).as_deref(),
            Some("Iranian Foreign Ministry")
        );
        let text = "The Kremlin said: \"We see no reason for talks.\"";
        assert_eq!(speaker_of(text, &[org(text, "Kremlin")]).as_deref(), Some("Kremlin"));
        // A person comes first; an organisation the text does not say spoke is no speaker.
        let text = "« Nous restons mobilisés », a déclaré Ned Price, du département d'État.";
        let mentions = [person(text, "Ned Price"), org(text, "département d'État")];
        assert_eq!(speaker_of(text, &mentions).as_deref(), Some("Ned Price"));
        let text = "« Les prix vont encore monter cette année » : la Banque de France publie ses prévisions.";
        assert_eq!(speaker_of(text, &[org(text, "Banque de France")]), None);
        let text = "« Les prix vont encore monter cette année », selon les économistes de la Banque de France.";
        assert_eq!(speaker_of(text, &[org(text, "Banque de France")]).as_deref(), Some("Banque de France"));
    }

    #[test]
    fn a_title_after_a_word_for_a_work_is_no_quotation() {
        let text =
            "La Palme d'or au film « Un simple accident » de Jafar Panahi. Le Novel \"The Old Man and the Sea\" too.";
        let mut out = Vec::new();
        find(text, &[person(text, "Jafar Panahi")], &mut out);
        assert!(out.is_empty(), "{out:?}");
        // An adjective may stand between the word and the title; a verb with "de" may not.
        let text = "La Palme d'or au film iranien « Un simple accident ». \
                    Le roman a déçu « tous les lecteurs », dit Marc Roux.";
        find(text, &[person(text, "Marc Roux")], &mut out);
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(&text[out[0].byte_range.clone()], "tous les lecteurs");
    }

    #[test]
    fn a_phrase_used_as_a_noun_after_an_article_is_no_quotation() {
        let text = "Emmanuel Macron hosted a meeting of the \"coalition of the willing\" in London. \
                    Il a salué la « flottille de la liberté » à Gaza.";
        let mut out = Vec::new();
        find(text, &[person(text, "Emmanuel Macron")], &mut out);
        assert!(out.is_empty(), "{out:?}");
        // A title read as "other" whole is no quotation; a reported sentence read so is one.
        let text = "Robert Redford, star of \"Butch Cassidy and the Sundance Kid\", died. \
                    \"It is a great loss for us,\" Robert Redford said.";
        let misc = |name: &str| Mention { kind: EntityKind::Misc, ..person(text, name) };
        let mentions = [
            person(text, "Robert Redford"),
            misc("Butch Cassidy and the Sundance Kid"),
            misc("It is a great loss for us,"),
        ];
        find(text, &mentions, &mut out);
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(&text[out[0].byte_range.clone()], "It is a great loss for us,");
        out.clear();
        // A reported sentence of two words is one when a verb of speech follows.
        let text = "« C'est inacceptable », a réagi le ministre Laurent Nuñez. Les « Gen Z » manifestent.";
        find(text, &[person(text, "Laurent Nuñez")], &mut out);
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(&text[out[0].byte_range.clone()], "C'est inacceptable");
        assert_eq!(out[0].speaker, Some(0));
        out.clear();
        // A reported sentence after an article is still one, and so is a fragment after a verb.
        let text = "He called it a \"dark day for us all.\" Emmanuel Macron called it \"a dark day for Europe\".";
        find(text, &[person(text, "Emmanuel Macron")], &mut out);
        assert_eq!(out.len(), 2, "{out:?}");
    }

    /// The speaker's candidates as first found: every mention read for every quotation.
    fn candidates_by_scan(
        text: &str,
        mentions: &[Mention],
        open: usize,
        after_close: usize,
        kind: EntityKind,
    ) -> (Option<usize>, Option<usize>) {
        let line_end = text[after_close..].find('\n').map_or(text.len(), |n| after_close + n);
        let line_start = text[..open].rfind('\n').map_or(0, |n| n + 1);
        let after = mentions.iter().enumerate().find(|(_, m)| {
            m.byte_range.start >= after_close
                && m.byte_range.start < line_end.min(after_close + SPEAKER_WINDOW)
                && m.kind == kind
        });
        let before = mentions
            .iter()
            .enumerate()
            .rfind(|(_, m)| {
                m.byte_range.end <= open
                    && m.byte_range.end + SPEAKER_WINDOW >= open
                    && m.byte_range.start >= line_start
                    && m.kind == kind
            })
            .map(|(index, _)| index);
        (after.map(|(index, _)| index), before)
    }

    /// Quotations as first found: each closing mark searched in the whole rest of the text.
    fn find_by_scan(text: &str, mentions: &[Mention]) -> Vec<Quote> {
        let mut out = Vec::new();
        let mut i = 0;
        while let Some(offset) = text[i..].find(['«', '“', '"']) {
            let open = i + offset;
            let open_char = text[open..].chars().next().unwrap_or('"');
            let close_char = match open_char {
                '«' => '»',
                '“' => '”',
                _ => '"',
            };
            let inner_start = open + open_char.len_utf8();
            let Some(close_offset) = text[inner_start..].find(close_char) else {
                i = inner_start;
                continue;
            };
            let close = inner_start + close_offset;
            let inner = &text[inner_start..close];
            i = close + close_char.len_utf8();
            // A whole line inside the quotation holding only white space: a blank line.
            let mut lines = inner.split('\n').skip(1).collect::<Vec<_>>();
            lines.pop();
            if lines.iter().any(|line| line.trim().is_empty()) {
                i = inner_start;
                continue;
            }
            let trimmed_start = inner_start + (inner.len() - inner.trim_start().len());
            let trimmed_end = inner_start + inner.trim_end().len();
            if inner.split_whitespace().count() < 3 {
                continue;
            }
            out.push(Quote {
                byte_range: trimmed_start..trimmed_end,
                speaker: attribute(text, mentions, open, i, |kind| candidates_by_scan(text, mentions, open, i, kind)),
            });
        }
        out
    }

    proptest::proptest! {
        /// Quotations found paragraph by paragraph, with memory of missing closing marks, are
        /// those a search of the whole rest of the text finds.
        #[test]
        fn quotations_are_those_a_whole_text_search_finds(pieces in proptest::collection::vec(0usize..11, 0..120)) {
            let parts = ["«", "»", "\"", "“", "”", " un deux trois ", "\n", "\n\n", "Ned Price ", " ", "\n \n"];
            let text: String = pieces.iter().map(|&k| parts[k]).collect();
            let mentions: Vec<Mention> = text
                .match_indices("Ned Price")
                .map(|(at, name)| Mention { byte_range: at..at + name.len(), kind: EntityKind::Per, score: 1.0, kb_key: None })
                .collect();
            let mut found = Vec::new();
            find(&text, &mentions, &mut found);
            proptest::prop_assert_eq!(found, find_by_scan(&text, &mentions));
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
        /// Reading only the mentions near a quotation finds the speaker a scan of all of them
        /// finds, in order or not, with lines or without.
        #[test]
        fn nearby_mentions_give_the_scanned_speaker(
            pieces in proptest::collection::vec(0usize..6, 1..80),
            names in proptest::collection::vec((0usize..200, 1usize..40, proptest::bool::ANY), 0..60),
            shuffle in proptest::bool::ANY,
        ) {
            let parts = ["« un deux trois »", " mot ", "\n", " \"a b c\" ", "Jean Dupont", " “ x y z ” "];
            let text: String = pieces.iter().map(|&k| parts[k]).collect();
            let mut mentions: Vec<Mention> = names
                .iter()
                .filter_map(|&(at, len, person)| {
                    let start = at * text.len() / 200;
                    let end = (start + len).min(text.len());
                    (text.is_char_boundary(start) && text.is_char_boundary(end)).then_some(Mention {
                        byte_range: start..end,
                        kind: if person { EntityKind::Per } else { EntityKind::Org },
                        score: 1.0,
                        kb_key: None,
                    })
                })
                .collect();
            if !shuffle {
                mentions.sort_by_key(|m| m.byte_range.start);
            }
            let near = Nearby::new(&text, &mentions);
            for open in text.char_indices().map(|(at, _)| at).step_by(3) {
                for after_close in text.char_indices().map(|(at, _)| at).filter(|&a| a > open).step_by(7) {
                    for kind in [EntityKind::Per, EntityKind::Org] {
                        proptest::prop_assert_eq!(
                            near.candidates(open, after_close, kind),
                            candidates_by_scan(&text, &mentions, open, after_close, kind)
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn quotations_end_at_a_blank_line_even_one_of_spaces() {
        let quoted = |text: &str| {
            let mut out = Vec::new();
            find(text, &[], &mut out);
            out.iter().map(|q| text[q.byte_range.clone()].to_owned()).collect::<Vec<_>>()
        };
        assert_eq!(quoted("« un deux\ntrois »"), ["un deux\ntrois"]);
        assert!(quoted("« un deux\n\ntrois »").is_empty());
        assert!(quoted("« un deux\n \t\ntrois »").is_empty());
        // A closing mark in the next paragraph does not close it; one later in the same does.
        assert_eq!(quoted("« un deux\n  \n« trois quatre cinq »"), ["trois quatre cinq"]);
    }

    #[test]
    fn the_person_after_a_quotation_speaks_only_when_the_text_says_so() {
        fn speakers<'a>(text: &str, names: &[&'a str]) -> Vec<Option<&'a str>> {
            let mentions: Vec<Mention> = names.iter().map(|n| person(text, n)).collect();
            let mut out = Vec::new();
            find(text, &mentions, &mut out);
            out.iter().map(|q| q.speaker.map(|m| names[m])).collect()
        }
        // The sentence goes on after the quotation: the person before it spoke.
        let text = "La députée Mathilde Panot a dénoncé « un passage en force » du gouvernement de Sébastien Lecornu.";
        assert_eq!(speakers(text, &["Mathilde Panot", "Sébastien Lecornu"]), [Some("Mathilde Panot")]);
        // A verb of speech between, or just after the name; or only punctuation between.
        let text = "Jean Dupont a parlé. « Nous continuerons ainsi », a déclaré le porte-parole, Ned Price.";
        assert_eq!(speakers(text, &["Jean Dupont", "Ned Price"]), [Some("Ned Price")]);
        let text = "Jean Dupont met him. \"We will keep going,\" the spokesman, Ned Price, told reporters.";
        assert_eq!(speakers(text, &["Jean Dupont", "Ned Price"]), [Some("Ned Price")]);
        let text = "Jean Dupont met him. \"We will keep going,\" Ned Price.";
        assert_eq!(speakers(text, &["Jean Dupont", "Ned Price"]), [Some("Ned Price")]);
        // A new sentence between the quotation and the name: the person before spoke.
        let text = "Marine Le Pen a réagi. « Ce gouvernement n'a plus de majorité », a-t-elle déclaré. Le président \
                    du groupe, Boris Vallaud, a indiqué autre chose.";
        assert_eq!(speakers(text, &["Marine Le Pen", "Boris Vallaud"]), [Some("Marine Le Pen")]);
        // With nobody before, the person after.
        let text = "« Un passage en force » du gouvernement de Sébastien Lecornu.";
        assert_eq!(speakers(text, &["Sébastien Lecornu"]), [Some("Sébastien Lecornu")]);
        // Who a verb of speech is said to heard it.
        let text = "\"It's a tragedy, really,\" a witness who declined to be named told Ned Price.";
        assert_eq!(speakers(text, &["Ned Price"]), [None]);
        let text = "« Nous avons tout perdu », a confié à Jean Dupont une habitante.";
        assert_eq!(speakers(text, &["Jean Dupont"]), [None]);
        // The subject after the verb and who heard it: the subject spoke.
        let text = "« Nous avons tout perdu », a déclaré à l'AFP Jean Dupont, un habitant.";
        assert_eq!(speakers(text, &["Jean Dupont"]), [Some("Jean Dupont")]);
    }

    #[test]
    fn a_reported_quotation_is_no_title() {
        let text = "\"It's a tragedy for us,\" a witness told reporters. They saw \"Catch the flow again\" twice \
                    and \"Women and Economics\", a treatise which argued much.";
        let other = |name: &str| {
            let at = text.find(name).unwrap();
            Mention { byte_range: at..at + name.len(), kind: EntityKind::Misc, score: 1.0, kb_key: None }
        };
        let mut mentions =
            vec![other("It's a tragedy for us"), other("Catch the flow again"), other("Women and Economics")];
        let mut quotes = Vec::new();
        find(text, &mentions, &mut quotes);
        assert!(drop_quoted_speech(text, &quotes, &mut mentions));
        let left: Vec<&str> = mentions.iter().map(|m| &text[m.byte_range.clone()]).collect();
        assert_eq!(left, ["Catch the flow again", "Women and Economics"]);
    }

    #[test]
    fn unclosed_quote_is_ignored() {
        let mut out = Vec::new();
        find("« jamais fermé", &[], &mut out);
        assert!(out.is_empty());
    }
}
