//! The table of a trained tagger's weights: open addressing with linear probing, indexed by
//! the low bits of the feature itself (features are already well-mixed hashes, see
//! [`super::features::feature`]), each slot holding the key and its weights in one 32-byte
//! block. A lookup reads one cache line where a general hash map reads two (its control bytes,
//! then the entry); the tagger looks up about twenty features per token, 85 % of them found,
//! so the table's cache misses are a large share of tagging time.

use super::N_LABELS;

/// One slot: aligned so that no slot straddles two cache lines.
#[derive(Debug, Clone, Copy, Default)]
#[repr(C, align(32))]
struct Slot {
    key: u32,
    used: bool,
    weights: [i16; N_LABELS],
}

/// Feature → quantized weights. At most half full, so that a probe stays short.
#[derive(Debug, Clone)]
pub(crate) struct WeightTable {
    slots: Vec<Slot>,
    mask: usize,
    len: usize,
}

impl Default for WeightTable {
    fn default() -> Self {
        WeightTable::from_rows(std::iter::empty())
    }
}

impl WeightTable {
    /// A table of `rows`; a feature given twice keeps its last weights.
    pub(crate) fn from_rows(rows: impl IntoIterator<Item = (u32, [i16; N_LABELS])>) -> WeightTable {
        let rows: Vec<(u32, [i16; N_LABELS])> = rows.into_iter().collect();
        let capacity = (rows.len() * 2).next_power_of_two().max(16);
        let mut table = WeightTable { slots: vec![Slot::default(); capacity], mask: capacity - 1, len: 0 };
        for (key, weights) in rows {
            let mut i = key as usize & table.mask;
            loop {
                let slot = &mut table.slots[i];
                if !slot.used {
                    *slot = Slot { key, used: true, weights };
                    table.len += 1;
                    break;
                }
                if slot.key == key {
                    slot.weights = weights;
                    break;
                }
                i = (i + 1) & table.mask;
            }
        }
        table
    }

    /// The weights of `key`, if it has any.
    #[inline]
    pub(crate) fn get(&self, key: u32) -> Option<&[i16; N_LABELS]> {
        let mut i = key as usize & self.mask;
        loop {
            let slot = &self.slots[i];
            if !slot.used {
                return None;
            }
            if slot.key == key {
                return Some(&slot.weights);
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Every feature and its weights, in no particular order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (u32, &[i16; N_LABELS])> {
        self.slots.iter().filter(|s| s.used).map(|s| (s.key, &s.weights))
    }

    /// Number of features.
    pub(crate) fn len(&self) -> usize {
        self.len
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The table answers as a hash map of the same rows does, found or not.
        #[test]
        fn the_table_answers_as_a_map_does(
            rows in proptest::collection::vec((0u32..4096, any::<i16>()), 0..300),
            probes in proptest::collection::vec(0u32..4096, 0..100),
        ) {
            let rows: Vec<(u32, [i16; N_LABELS])> = rows.into_iter().map(|(k, w)| (k, [w; N_LABELS])).collect();
            let table = WeightTable::from_rows(rows.iter().copied());
            let map: std::collections::HashMap<u32, [i16; N_LABELS]> = rows.iter().copied().collect();
            prop_assert_eq!(table.len(), map.len());
            for key in probes.iter().chain(map.keys()) {
                prop_assert_eq!(table.get(*key), map.get(key));
            }
            let mut listed: Vec<(u32, [i16; N_LABELS])> = table.iter().map(|(k, w)| (k, *w)).collect();
            listed.sort_unstable();
            let mut expected: Vec<(u32, [i16; N_LABELS])> = map.into_iter().collect();
            expected.sort_unstable();
            prop_assert_eq!(listed, expected);
        }
    }
}
