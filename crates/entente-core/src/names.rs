//! Rules about names shared by the stages that match them.

/// Whether `surface` (as found in text) matches `alias`: exactly, in capitals when the alias is
/// at least three letters long (datelines: "JAKARTA"), or with the first letter's case changed
/// when `fold_initial` is set.
pub fn alias_matches(alias: &str, fold_initial: bool, surface: &str) -> bool {
    if alias == surface {
        return true;
    }
    let letters = surface.chars().filter(|c| c.is_alphabetic()).count();
    if letters >= 3 && surface.chars().all(|c| !c.is_lowercase()) && alias.to_uppercase() == surface {
        return true;
    }
    if fold_initial {
        let mut a = alias.chars();
        let mut s = surface.chars();
        if let (Some(ac), Some(sc)) = (a.next(), s.next()) {
            return ac.to_lowercase().eq(sc.to_lowercase()) && a.as_str() == s.as_str();
        }
    }
    false
}
