use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

use entente_core::{Entity, EntityKind, Lang, Linker, Mention, NormalizedText};

use crate::kb::{KbEntry, KnowledgeBase, slug};
use crate::translit::name_key;

/// Links mentions to knowledge-base entries by alias, and groups the rest by name.
#[derive(Debug, Clone)]
pub struct KbLinker {
    kb: Arc<KnowledgeBase>,
    pivot: Lang,
    languages: Vec<Lang>,
    /// Context cues of homonyms, by entry id (`data/contexts.tsv`).
    cues: Arc<HashMap<String, Vec<String>>>,
}

/// The shipped context cues: id, then `|`-separated lower-case words.
const CONTEXTS: &str = include_str!("../data/contexts.tsv");

/// The document's text, lower-cased only when homonyms need it, and its language.
struct Context<'t> {
    text: &'t str,
    lowered: std::cell::OnceCell<String>,
    lang: &'t Lang,
    /// Whether each context cue looked for so far is in the text (the cues are the linker's
    /// own strings, borrowed): a long document with many mentions of homonyms is searched
    /// once per cue, not once per mention. There are about a hundred cues.
    cues_found: std::cell::RefCell<Vec<(&'t str, bool)>>,
}

impl<'t> Context<'t> {
    /// True when the lower-cased text contains `cue`, one of the linker's cues.
    fn has_cue(&self, cue: &'t str) -> bool {
        if let Some(&(_, found)) = self.cues_found.borrow().iter().find(|(c, _)| *c == cue) {
            return found;
        }
        let found = self.lowered.get_or_init(|| self.text.to_lowercase()).contains(cue);
        self.cues_found.borrow_mut().push((cue, found));
        found
    }
}

/// People by the key of the last word of their full names (two words or more), read from the
/// entities in order as far as a lookup needs: a lone word joins the first person whose
/// surname has its key. Only the first pass links full names (the second adds single words,
/// which are no full names), so what is read once stays true.
#[derive(Default)]
struct Surnames {
    first_bearer: HashMap<String, usize>,
    /// Entities read so far.
    read: usize,
}

impl Surnames {
    /// The first person among `entities` with a full name whose last word has the key of
    /// `word` (computed only if there is a full name to compare it with).
    fn find<'t>(&mut self, word: &str, entities: &[Entity], surface: impl Fn(usize) -> &'t str) -> Option<usize> {
        let key = std::cell::OnceCell::new();
        let key = || key.get_or_init(|| name_key(word)).as_str();
        if !self.first_bearer.is_empty()
            && let Some(&e) = self.first_bearer.get(key())
        {
            return Some(e);
        }
        while self.read < entities.len() {
            let e = self.read;
            self.read += 1;
            if entities[e].kind != EntityKind::Per {
                continue;
            }
            for &m in &entities[e].mentions {
                let full = surface(m);
                if words(full).count() >= 2
                    && let Some(last) = words(full).last()
                {
                    self.first_bearer.entry(name_key(last)).or_insert(e);
                }
            }
            if !self.first_bearer.is_empty() && self.first_bearer.get(key()) == Some(&e) {
                return Some(e);
            }
        }
        None
    }
}

/// Each cue found in a document adds this to its entry's prior, up to three cues.
const CUE_WEIGHT: f32 = 0.7;
/// A homonym whose own name in the document's language is the mention gets this too: French
/// "Mexico" is the city (the country is "Mexique"), English "Salvador" the Brazilian city.
const NAME_WEIGHT: f32 = 0.5;

impl KbLinker {
    /// A linker over `kb` writing canonical names in `pivot` and names in `languages`.
    pub fn new(kb: Arc<KnowledgeBase>, pivot: Lang, languages: Vec<Lang>) -> KbLinker {
        let cues = CONTEXTS
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| l.split_once('\t'))
            .map(|(id, cues)| (id.to_owned(), cues.split('|').map(str::to_owned).collect()))
            .collect();
        KbLinker { kb, pivot, languages, cues: Arc::new(cues) }
    }

    /// Among entries sharing an alias, the one the document's words point at: prior plus
    /// [`CUE_WEIGHT`] per context cue found (Washington the capital or the state; Georgia the
    /// country or the US state), plus [`NAME_WEIGHT`] when `surface` is the entry's own name in
    /// the document's language.
    fn by_context<'k, 's>(
        &'s self,
        candidates: &[&'k KbEntry],
        context: &Context<'s>,
        surface: &str,
    ) -> Option<&'k KbEntry> {
        if candidates.len() < 2 {
            return candidates.first().copied();
        }
        let lang = context.lang.primary();
        let is = |name: Option<&str>| name.is_some_and(|n| n.eq_ignore_ascii_case(surface));
        // The language decides only when a homonym is the mention by its name in another
        // language alone (the country "Mexico" in a French text).
        let foreign = |e: &KbEntry| !is(e.name(lang)) && ["fr", "en"].iter().any(|l| *l != lang && is(e.name(l)));
        let by_language = candidates.iter().any(|e| foreign(e));
        let score = |e: &KbEntry| {
            let hits = self.cues.get(&e.id).map_or(0, |cues| cues.iter().filter(|c| context.has_cue(c)).count());
            let own_name = by_language && is(e.name(lang));
            e.prior + CUE_WEIGHT * hits.min(3) as f32 + if own_name { NAME_WEIGHT } else { 0.0 }
        };
        // `max_by` keeps the last of equals; reversed, ties go to the first (higher prior).
        candidates.iter().rev().copied().max_by(|a, b| score(a).total_cmp(&score(b)))
    }

    fn kb_entity(&self, entry: &KbEntry) -> Entity {
        let canonical = entry
            .name(self.pivot.primary())
            .or_else(|| entry.name("en"))
            .or_else(|| entry.name("fr"))
            .unwrap_or(&entry.id)
            .to_owned();
        let names =
            self.languages.iter().filter_map(|l| entry.name(l.primary()).map(|n| (l.clone(), n.to_owned()))).collect();
        Entity { id: entry.id.clone(), kind: entry.kind, canonical, names, mentions: Vec::new(), in_kb: true }
    }

    /// The KB entry for a mention: the extractor's match, else an alias of the same type.
    fn kb_match<'s>(&'s self, surface: &str, mention: &Mention, context: &Context<'s>) -> Option<&'s KbEntry> {
        let found = self.kb.lookup(surface);
        if let Some(entry) = mention.kb_key.as_deref().and_then(|k| self.kb.get(k)) {
            // A shared alias: the document's words may point at a homonym of the same type.
            let homonyms: Vec<&KbEntry> = found.iter().copied().filter(|e| e.kind == entry.kind).collect();
            if homonyms.len() > 1 && homonyms.iter().any(|e| e.id == entry.id) {
                return self.by_context(&homonyms, context, surface);
            }
            return Some(entry);
        }
        if found.is_empty() && mention.kind == EntityKind::Per {
            return self.kb.lookup_person(surface).into_iter().next();
        }
        // A place and the organisation it stands for are often confused ("Washington said"),
        // so LOC and ORG may link across; people never do ("Price" is not a price index).
        let interchangeable = |a: EntityKind, b: EntityKind| {
            a == b || matches!((a, b), (EntityKind::Loc, EntityKind::Org) | (EntityKind::Org, EntityKind::Loc))
        };
        let same: Vec<&KbEntry> = found.iter().copied().filter(|e| e.kind == mention.kind).collect();
        if !same.is_empty() {
            return self.by_context(&same, context, surface);
        }
        let close: Vec<&KbEntry> = found.iter().copied().filter(|e| interchangeable(e.kind, mention.kind)).collect();
        self.by_context(&close, context, surface)
    }
}

/// The words of a name, split on spaces.
fn words(name: &str) -> impl Iterator<Item = &str> {
    name.split(' ').filter(|w| !w.is_empty())
}

impl Linker for KbLinker {
    fn link(&self, text: &NormalizedText<'_>, lang: &Lang, mentions: &[Mention]) -> Vec<Entity> {
        let normalized = text.as_str();
        let context =
            Context { text: normalized, lowered: std::cell::OnceCell::new(), lang, cues_found: Default::default() };
        let surface = |m: &Mention| normalized.get(m.byte_range.clone()).unwrap_or("").trim();
        let mut entities: Vec<Entity> = Vec::new();
        let mut by_id: HashMap<String, usize> = HashMap::default();
        // The entity of each mention linked so far.
        let mut entity_of: Vec<Option<usize>> = vec![None; mentions.len()];
        let mut add =
            |entity: Entity, mention: usize, entities: &mut Vec<Entity>, entity_of: &mut Vec<Option<usize>>| {
                let index = *by_id.entry(entity.id.clone()).or_insert_with(|| {
                    entities.push(entity);
                    entities.len() - 1
                });
                entities[index].mentions.push(mention);
                entity_of[mention] = Some(index);
            };

        // Pass 1: knowledge-base entries, and full names of people (two words or more).
        let mut pending = Vec::new();
        for (index, mention) in mentions.iter().enumerate() {
            let name = surface(mention);
            if let Some(entry) = self.kb_match(name, mention, &context) {
                add(self.kb_entity(entry), index, &mut entities, &mut entity_of);
            } else if mention.kind == EntityKind::Per && words(name).count() >= 2 {
                add(local_entity(name, mention.kind, lang), index, &mut entities, &mut entity_of);
            } else {
                pending.push(index);
            }
        }
        // Pass 2: an acronym defined in parentheses after a name ("Organisation du Traité de
        // sécurité collective (OTSC)") joins that name's entity, here and later in the document;
        // a single word that ends a person's full name mentioned in the document joins it.
        let mut acronyms: HashMap<String, usize> = HashMap::default();
        let mut surnames = Surnames::default();
        for index in pending {
            let mention = &mentions[index];
            let name = surface(mention);
            if is_acronym(name) {
                if let Some(&entity) = acronyms.get(name) {
                    entities[entity].mentions.push(index);
                    entity_of[index] = Some(entity);
                    continue;
                }
                let defined = index.checked_sub(1).and_then(|previous| {
                    let long = &mentions[previous];
                    let between = normalized.get(long.byte_range.end..mention.byte_range.start)?;
                    let after = normalized.get(mention.byte_range.end..)?;
                    let in_parentheses = between.trim() == "(" && after.starts_with(')');
                    let entity = entity_of[previous]?;
                    (in_parentheses && initials_match(name, surface(long))).then_some(entity)
                });
                if let Some(entity) = defined {
                    acronyms.insert(name.to_owned(), entity);
                    entities[entity].mentions.push(index);
                    entity_of[index] = Some(entity);
                    continue;
                }
            }
            // The tagger sometimes calls a lone surname MISC ("Ukraine's Zelenskiy meets …"):
            // beside the person's full name (two words or more) it is the person.
            // So is a word the knowledge base does not know as a place or an organisation
            // ("Zelenskyy hosts Blinken in Kyiv" is a Title-Case headline, where taggers see
            // places and organisations); an acronym stays an organisation.
            let may_be_person = match mention.kind {
                EntityKind::Per | EntityKind::Misc | EntityKind::Loc => true,
                EntityKind::Org => !is_acronym(name),
            };
            let person = if may_be_person { surnames.find(name, &entities, |m| surface(&mentions[m])) } else { None };
            match person {
                Some(p) => {
                    entities[p].mentions.push(index);
                    entity_of[index] = Some(p);
                }
                None => add(local_entity(name, mention.kind, lang), index, &mut entities, &mut entity_of),
            }
        }
        for entity in &mut entities {
            entity.mentions.sort_unstable();
        }
        entities
    }
}

/// Two to eight capitals (digits allowed after the first): "OTSC", "G7".
fn is_acronym(name: &str) -> bool {
    let n = name.chars().count();
    (2..=8).contains(&n)
        && name.chars().next().is_some_and(char::is_uppercase)
        && name.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// True when every letter of `acronym` starts a word of `long`.
fn initials_match(acronym: &str, long: &str) -> bool {
    let initials: Vec<char> =
        long.split([' ', '-', '\'']).filter_map(|w| w.chars().next()).flat_map(char::to_lowercase).collect();
    acronym.chars().filter(|c| c.is_alphabetic()).flat_map(char::to_lowercase).all(|c| initials.contains(&c))
}

/// An entity the knowledge base does not know: its id comes from its name, through the
/// transliteration key for people and places (so "Tokaïev" and "Tokayev", "Zaporijjia" and
/// "Zaporizhzhia" share an id across languages); organisations are translated, not
/// transliterated, and keep the plain slug.
fn local_entity(name: &str, kind: EntityKind, lang: &Lang) -> Entity {
    let key = if matches!(kind, EntityKind::Per | EntityKind::Loc) { name_key(name) } else { slug(name) };
    Entity {
        id: format!("{}:{}", kind.id_prefix(), key),
        kind,
        canonical: name.to_owned(),
        names: vec![(lang.clone(), name.to_owned())],
        mentions: Vec::new(),
        in_kb: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(text: &str, needle: &str, kind: EntityKind) -> Mention {
        let at = text.find(needle).unwrap();
        Mention { byte_range: at..at + needle.len(), kind, score: 1.0, kb_key: None }
    }

    fn link(text: &str, found: &[(&str, EntityKind)], lang: &str) -> Vec<Entity> {
        let en = Lang::parse("en").unwrap();
        let fr = Lang::parse("fr").unwrap();
        let linker = KbLinker::new(Arc::new(KnowledgeBase::embedded()), en.clone(), vec![fr, en]);
        let mentions: Vec<Mention> = found.iter().map(|(n, k)| mention(text, n, *k)).collect();
        linker.link(&NormalizedText::new(text), &Lang::parse(lang).unwrap(), &mentions)
    }

    #[test]
    fn same_id_in_both_languages() {
        let fr = link("la Russie et l'OTSC", &[("Russie", EntityKind::Loc), ("OTSC", EntityKind::Org)], "fr");
        let en = link("Russia and the CSTO", &[("Russia", EntityKind::Loc), ("CSTO", EntityKind::Org)], "en");
        let ids = |es: &[Entity]| es.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
        assert_eq!(ids(&fr), ids(&en));
        assert_eq!(fr[1].canonical, "Collective Security Treaty Organization");
    }

    #[test]
    fn surname_joins_the_first_person_bearing_it() {
        let text = "Anna Kowalczyk et Jan Kowalczyk. Kowalczyk a parlé, puis Nowak.";
        let found = [
            ("Anna Kowalczyk", EntityKind::Per),
            ("Jan Kowalczyk", EntityKind::Per),
            ("Kowalczyk a", EntityKind::Per),
            ("Nowak", EntityKind::Per),
        ];
        let mut mentions: Vec<Mention> = found.iter().map(|(n, k)| mention(text, n, *k)).collect();
        mentions[2].byte_range.end -= 2; // "Kowalczyk" alone
        let en = Lang::parse("en").unwrap();
        let fr = Lang::parse("fr").unwrap();
        let linker = KbLinker::new(Arc::new(KnowledgeBase::embedded()), en.clone(), vec![fr.clone(), en]);
        let entities = linker.link(&NormalizedText::new(text), &fr, &mentions);
        let mentions_of = |id: &str| entities.iter().find(|e| e.id == id).map(|e| e.mentions.clone());
        assert_eq!(mentions_of("per:ana-kowalczik"), Some(vec![0, 2]), "{entities:?}");
        assert_eq!(mentions_of("per:jan-kowalczik"), Some(vec![1]));
        assert_eq!(entities.len(), 3, "Nowak stands alone");
    }

    #[test]
    fn surname_joins_full_name() {
        let text = "Jean-Pierre Dupontel a parlé. Dupontel a ajouté.";
        let entities = link(text, &[("Jean-Pierre Dupontel", EntityKind::Per), ("Dupontel a", EntityKind::Per)], "fr");
        // "Dupontel a" is not a surname alone, so it stays apart; a clean surname joins.
        assert_eq!(entities.len(), 2);
        let entities = link(text, &[("Jean-Pierre Dupontel", EntityKind::Per), ("Dupontel", EntityKind::Per)], "fr");
        assert_eq!(entities.len(), 1);
        assert_eq!(entities[0].id, "per:jean-piere-dupontel", "ids of people outside the KB are transliteration keys");
        // Renderings of a name outside the knowledge base share an id.
        let fr = link("Sergueï Serdioukov", &[("Sergueï Serdioukov", EntityKind::Per)], "fr");
        let en = link("Sergey Serdyukov", &[("Sergey Serdyukov", EntityKind::Per)], "en");
        assert_eq!(fr[0].id, en[0].id);
        assert!(!entities[0].in_kb);
        // A surname the tagger called an organisation joins the person too; an acronym does not.
        let text = "Dupontel meets BAE. Jean-Pierre Dupontel met Ali BAE at BAE Systems.";
        let entities = link(
            text,
            &[
                ("Dupontel", EntityKind::Org),
                ("BAE", EntityKind::Org),
                ("Jean-Pierre Dupontel", EntityKind::Per),
                ("Ali BAE", EntityKind::Per),
            ],
            "en",
        );
        let person = entities.iter().find(|e| e.mentions.contains(&2)).unwrap();
        assert_eq!(person.mentions, [0, 2]);
        let acronym = entities.iter().find(|e| e.mentions.contains(&1)).unwrap();
        assert_eq!(acronym.mentions, [1], "an acronym stays an organisation");
    }

    #[test]
    fn acronym_defined_in_parentheses_joins_its_name() {
        let text = "la Banque kazakhe de développement (BKD) a prêté. La BKD a dit. Ned Price (AP) a parlé.";
        let entities = link(
            text,
            &[
                ("Banque kazakhe de développement", EntityKind::Org),
                ("BKD", EntityKind::Org),
                ("La BKD", EntityKind::Org),
                ("Ned Price", EntityKind::Per),
                ("AP", EntityKind::Org),
            ],
            "fr",
        );
        let bank = entities.iter().find(|e| e.mentions.contains(&0)).unwrap();
        assert_eq!(bank.mentions, [0, 1]);
        let ap = entities.iter().find(|e| e.mentions.contains(&4)).unwrap();
        assert!(!ap.mentions.contains(&3), "AP does not abbreviate Ned Price");
    }

    #[test]
    fn context_chooses_between_homonyms() {
        let id = |text: &str, name: &str, lang: &str| link(text, &[(name, EntityKind::Loc)], lang)[0].id.clone();
        // The capital by default and with its cues; the state with its own.
        assert_eq!(id("Washington", "Washington", "en"), "loc:washington");
        assert_eq!(id("The White House said Washington would act.", "Washington", "en"), "loc:washington");
        assert_eq!(id("Seattle and Spokane: Washington voters chose.", "Washington", "en"), "loc:washington-state");
        assert_eq!(id("Governor Inslee of Washington State", "Washington State", "en"), "loc:washington-state");
        // Georgia the country, or the US state.
        assert_eq!(id("Georgia", "Georgia", "en"), "loc:georgia");
        assert_eq!(id("Protests in Tbilisi, Georgia.", "Georgia", "en"), "loc:georgia");
        assert_eq!(id("Votes counted in Atlanta, Georgia, by Raffensperger.", "Georgia", "en"), "loc:georgia-us-state");
        assert_eq!(id("À Atlanta, en Géorgie, le décompte continue.", "Géorgie", "fr"), "loc:georgia-us-state");
        assert_eq!(id("À Tbilissi, en Géorgie, on manifeste.", "Géorgie", "fr"), "loc:georgia");
        // A name is the city in one language and the country in the other.
        assert_eq!(id("Le président est arrivé à Mexico.", "Mexico", "fr"), "loc:mexico-city");
        assert_eq!(id("The president arrived in Mexico.", "Mexico", "en"), "loc:mexico");
        assert_eq!(id("Carnival in Salvador drew crowds.", "Salvador", "en"), "loc:salvador");
        assert_eq!(id("Au Salvador, Nayib Bukele a gagné.", "Salvador", "fr"), "loc:el-salvador");
        // Cities of one name in two countries.
        assert_eq!(id("Hyderabad, the capital of Telangana, India.", "Hyderabad", "en"), "loc:hyderabad");
        assert_eq!(id("Floods hit Hyderabad in Sindh, Pakistan.", "Hyderabad", "en"), "loc:hyderabad-pk");
        assert_eq!(id("Kingston, the capital of Jamaica.", "Kingston", "en"), "loc:kingston");
        assert_eq!(id("Kingston, on Norfolk Island.", "Kingston", "en"), "loc:kingston-nf");
    }

    #[test]
    fn kind_must_agree_for_alias_lookup() {
        // "Price" as a person is not the KB's Ned Price unless the name says so.
        let entities = link("Mr Price said", &[("Price", EntityKind::Per)], "en");
        assert_eq!(entities[0].id, "per:price");
        assert!(!entities[0].in_kb);
        // The state is not the city.
        let entities = link(
            "Washington State and Washington",
            &[("Washington State", EntityKind::Loc), ("Washington", EntityKind::Loc)],
            "en",
        );
        assert_ne!(entities[0].id, entities[1].id);
    }
}
