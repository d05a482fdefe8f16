use std::collections::HashMap;
use std::sync::Arc;

use entente_core::{Entity, EntityKind, Lang, Linker, Mention, NormalizedText};

use crate::kb::{KbEntry, KnowledgeBase, slug};

/// Links mentions to knowledge-base entries by alias, and groups the rest by name.
#[derive(Debug, Clone)]
pub struct KbLinker {
    kb: Arc<KnowledgeBase>,
    pivot: Lang,
    languages: Vec<Lang>,
}

impl KbLinker {
    /// A linker over `kb` writing canonical names in `pivot` and names in `languages`.
    pub fn new(kb: Arc<KnowledgeBase>, pivot: Lang, languages: Vec<Lang>) -> KbLinker {
        KbLinker { kb, pivot, languages }
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
    fn kb_match(&self, surface: &str, mention: &Mention) -> Option<&KbEntry> {
        if let Some(entry) = mention.kb_key.as_deref().and_then(|k| self.kb.get(k)) {
            return Some(entry);
        }
        let found = self.kb.lookup(surface);
        // A place and the organisation it stands for are often confused ("Washington said"),
        // so LOC and ORG may link across; people never do ("Price" is not a price index).
        let interchangeable = |a: EntityKind, b: EntityKind| {
            a == b || matches!((a, b), (EntityKind::Loc, EntityKind::Org) | (EntityKind::Org, EntityKind::Loc))
        };
        found
            .iter()
            .find(|e| e.kind == mention.kind)
            .or_else(|| found.iter().find(|e| interchangeable(e.kind, mention.kind)))
            .copied()
    }
}

/// The words of a name, split on spaces.
fn words(name: &str) -> impl Iterator<Item = &str> {
    name.split(' ').filter(|w| !w.is_empty())
}

impl Linker for KbLinker {
    fn link(&self, text: &NormalizedText<'_>, lang: &Lang, mentions: &[Mention]) -> Vec<Entity> {
        let normalized = text.as_str();
        let surface = |m: &Mention| normalized.get(m.byte_range.clone()).unwrap_or("").trim();
        let mut entities: Vec<Entity> = Vec::new();
        let mut by_id: HashMap<String, usize> = HashMap::new();
        let mut add = |entity: Entity, mention: usize, entities: &mut Vec<Entity>| {
            let index = *by_id.entry(entity.id.clone()).or_insert_with(|| {
                entities.push(entity);
                entities.len() - 1
            });
            entities[index].mentions.push(mention);
        };

        // Pass 1: knowledge-base entries, and full names of people (two words or more).
        let mut pending = Vec::new();
        for (index, mention) in mentions.iter().enumerate() {
            let name = surface(mention);
            if let Some(entry) = self.kb_match(name, mention) {
                add(self.kb_entity(entry), index, &mut entities);
            } else if mention.kind == EntityKind::Per && words(name).count() >= 2 {
                add(local_entity(name, mention.kind, lang), index, &mut entities);
            } else {
                pending.push(index);
            }
        }
        // Pass 2: a single word that ends a person's full name mentioned in the document joins it.
        for index in pending {
            let mention = &mentions[index];
            let name = surface(mention);
            let person = entities.iter().position(|e| {
                e.kind == EntityKind::Per
                    && e.mentions.iter().any(|&m| {
                        let full = surface(&mentions[m]);
                        words(full).count() >= 2 && words(full).last() == Some(name)
                    })
            });
            match person {
                Some(p) => entities[p].mentions.push(index),
                None => add(local_entity(name, mention.kind, lang), index, &mut entities),
            }
        }
        for entity in &mut entities {
            entity.mentions.sort_unstable();
        }
        entities
    }
}

/// An entity the knowledge base does not know: its id comes from its name.
fn local_entity(name: &str, kind: EntityKind, lang: &Lang) -> Entity {
    Entity {
        id: format!("{}:{}", kind.id_prefix(), slug(name)),
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
    fn surname_joins_full_name() {
        let text = "Jean-Pierre Dupontel a parlé. Dupontel a ajouté.";
        let entities = link(text, &[("Jean-Pierre Dupontel", EntityKind::Per), ("Dupontel a", EntityKind::Per)], "fr");
        // "Dupontel a" is not a surname alone, so it stays apart; a clean surname joins.
        assert_eq!(entities.len(), 2);
        let entities = link(text, &[("Jean-Pierre Dupontel", EntityKind::Per), ("Dupontel", EntityKind::Per)], "fr");
        assert_eq!(entities.len(), 1);
        assert_eq!(entities[0].id, "per:jean-pierre-dupontel");
        assert!(!entities[0].in_kb);
    }

    #[test]
    fn kind_must_agree_for_alias_lookup() {
        // "Price" as a person is not the KB's Ned Price unless the name says so.
        let entities = link("Mr Price said", &[("Price", EntityKind::Per)], "en");
        assert_eq!(entities[0].id, "per:price");
    }
}
