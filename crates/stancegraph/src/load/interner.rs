//! Distinct values held once: a value's index is found by its hash in a
//! table of indices into the list that holds the values, so that no value
//! is kept twice (as a list entry and a map key).

use std::borrow::Borrow;
use std::hash::{BuildHasher, Hash};

use hashbrown::HashTable;
use rustc_hash::FxBuildHasher;

/// Finds the index of a value (a string, a row of numbers) in a list of
/// distinct values.
#[derive(Default)]
pub(super) struct Interner {
    table: HashTable<u32>,
}

impl Interner {
    /// The index of `value` in `list`, adding it at the end when it is new.
    pub fn intern<T>(&mut self, list: &mut Vec<T::Owned>, value: &T) -> u32
    where
        T: ?Sized + Hash + Eq + ToOwned,
        T::Owned: Borrow<T>,
    {
        let hash = FxBuildHasher.hash_one(value);
        if let Some(&i) = self
            .table
            .find(hash, |&i| list[i as usize].borrow() == value)
        {
            return i;
        }
        let i = u32::try_from(list.len()).expect("fewer than 2^32 distinct values");
        list.push(value.to_owned());
        self.table.insert_unique(hash, i, |&k| {
            FxBuildHasher.hash_one(list[k as usize].borrow())
        });
        i
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_value_is_held_once_and_found_again() {
        let mut list = Vec::new();
        let mut interner = Interner::default();
        let words = ["a", "b", "a", "", "c", "b", "é", "é"];
        let got: Vec<u32> = words
            .iter()
            .map(|w| interner.intern(&mut list, *w))
            .collect();
        assert_eq!(got, [0, 1, 0, 2, 3, 1, 4, 4]);
        assert_eq!(list, ["a", "b", "", "c", "é"]);
        // Many values: the table grows and finds them all.
        for n in 0..10_000 {
            assert_eq!(interner.intern(&mut list, format!("v{n}").as_str()), 5 + n);
        }
        assert_eq!(interner.intern(&mut list, "v9999"), 10_004);
    }

    #[test]
    fn rows_of_numbers_are_held_once_too() {
        let mut rows: Vec<Vec<Option<u32>>> = Vec::new();
        let mut interner = Interner::default();
        let got: Vec<u32> = [
            &[Some(1), None][..],
            &[Some(1), Some(0)],
            &[Some(1), None],
            &[],
        ]
        .iter()
        .map(|r| interner.intern(&mut rows, *r))
        .collect();
        assert_eq!(got, [0, 1, 0, 2]);
        assert_eq!(rows, [vec![Some(1), None], vec![Some(1), Some(0)], vec![]]);
    }
}
