//! Lookups over a schema's ids and names: what the generated `name_for_id` and `id_for_name`
//! call, over the two tables every invocation holds.

/// The name of `id` in `by_id` ((id, TL name), sorted by id); the first of several.
pub fn name_for_id(by_id: &[(u32, &'static str)], id: u32) -> Option<&'static str> {
    let i = by_id.partition_point(|&(k, _)| k < id);
    by_id
        .get(i)
        .filter(|&&(k, _)| k == id)
        .map(|&(_, name)| name)
}

/// The id of `name`: `by_name` holds the indices of `by_id` sorted by name.
pub fn id_for_name(by_id: &[(u32, &'static str)], by_name: &[u32], name: &str) -> Option<u32> {
    let entry = |i: &u32| by_id.get(*i as usize);
    let i = by_name.partition_point(|i| entry(i).is_some_and(|&(_, n)| n < name));
    by_name
        .get(i)
        .and_then(entry)
        .filter(|&&(_, n)| n == name)
        .map(|&(id, _)| id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_ways() {
        let by_id = [(1, "b"), (5, "a"), (5, "c"), (9, "d")];
        let by_name = [1, 0, 2, 3];
        assert_eq!(name_for_id(&by_id, 5), Some("a"));
        assert_eq!(name_for_id(&by_id, 9), Some("d"));
        assert_eq!(name_for_id(&by_id, 2), None);
        assert_eq!(name_for_id(&[], 2), None);
        assert_eq!(id_for_name(&by_id, &by_name, "c"), Some(5));
        assert_eq!(id_for_name(&by_id, &by_name, "b"), Some(1));
        assert_eq!(id_for_name(&by_id, &by_name, "e"), None);
        assert_eq!(id_for_name(&by_id, &by_name, ""), None);
    }
}
