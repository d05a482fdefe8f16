//! Byte ranges taken in a text, for steps that keep what does not overlap what they kept
//! before, in time that stays linear in long documents.

use std::ops::Range;

/// Byte ranges taken so far, and whether a new one overlaps any of them: by a scan while they
/// are few or once they overlap each other, else in logarithmic time. The gazetteer keeps its
/// longest hits with it, the value grammar its values.
#[derive(Debug)]
pub(crate) struct Taken {
    /// The ranges by start, when there are more than [`FEW_TAKEN`] and they do not overlap.
    by_start: std::collections::BTreeMap<usize, usize>,
    disjoint: bool,
    all: Vec<Range<usize>>,
}

impl Default for Taken {
    fn default() -> Taken {
        Taken { by_start: std::collections::BTreeMap::new(), disjoint: true, all: Vec::new() }
    }
}

/// Up to this many ranges, a scan is faster than the tree.
const FEW_TAKEN: usize = 16;

impl Taken {
    /// True when `r` overlaps a range taken (an empty `r` when it is strictly inside one).
    pub(crate) fn overlaps(&self, r: &Range<usize>) -> bool {
        if self.disjoint && self.all.len() > FEW_TAKEN {
            // Of disjoint ranges, the last one starting before `r` ends reaches furthest.
            self.by_start.range(..r.end).next_back().is_some_and(|(_, &end)| end > r.start)
        } else {
            self.all.iter().any(|v| v.start < r.end && r.start < v.end)
        }
    }

    /// Takes `r`.
    pub(crate) fn add(&mut self, r: Range<usize>) {
        if self.disjoint {
            if r.is_empty() || self.overlaps(&r) {
                self.disjoint = false;
            } else if self.all.len() == FEW_TAKEN {
                // The tree starts with the first range that the scan would not read.
                self.by_start.extend(self.all.iter().map(|v| (v.start, v.end)));
                self.by_start.insert(r.start, r.end);
            } else if self.all.len() > FEW_TAKEN {
                self.by_start.insert(r.start, r.end);
            }
        }
        self.all.push(r);
    }
}

#[cfg(test)]
mod tests {
    proptest::proptest! {
        /// `Taken` answers as a scan of every range taken does, whether they overlap or not.
        #[test]
        fn taken_overlaps_as_a_scan_does(
            ranges in proptest::collection::vec((0usize..60, 0usize..8, proptest::bool::ANY), 0..40),
        ) {
            let mut taken = super::Taken::default();
            let mut all: Vec<std::ops::Range<usize>> = Vec::new();
            for (at, len, add) in ranges {
                let r = at..at + len;
                let scanned = all.iter().any(|v| v.start < r.end && r.start < v.end);
                proptest::prop_assert_eq!(taken.overlaps(&r), scanned);
                // Only ranges free so far, as the grammar adds them, and any range, as quantities do.
                if add || !scanned {
                    taken.add(r.clone());
                    all.push(r);
                }
            }
        }
    }
}
