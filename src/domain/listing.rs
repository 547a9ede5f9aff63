//! Search, sort and pages of the organiser's lists (directory, gatherings).
//!
//! Rules kept here:
//! - A search matches when every word typed appears in one of an item's fields, ignoring
//!   case and accents ("tirane" finds "Tiranë", "ASHRAF" finds "Ashraf"); an empty search
//!   matches everything.
//! - Sorting is by name (A–Z or Z–A, ignoring case and accents, ties by id) or by the
//!   latest change first.
//! - Pages hold [`PAGE_SIZE`] items; a page number past the end shows the last page, and
//!   page 0 or nonsense shows the first.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

/// Items on one page of a list.
pub const PAGE_SIZE: usize = 25;

/// The order of a list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Sort {
    #[default]
    Name,
    NameDescending,
    Recent,
}

impl Sort {
    pub const ALL: [Sort; 3] = [Sort::Name, Sort::NameDescending, Sort::Recent];

    pub fn as_str(self) -> &'static str {
        match self {
            Sort::Name => "name",
            Sort::NameDescending => "name-desc",
            Sort::Recent => "recent",
        }
    }

    /// Reads the `sort` query parameter; anything unknown sorts by name.
    pub fn parse(raw: &str) -> Self {
        Self::ALL
            .into_iter()
            .find(|s| s.as_str() == raw.trim())
            .unwrap_or_default()
    }
}

/// What a list was asked for (from the page's query string).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListQuery {
    pub search: String,
    pub sort: Sort,
    /// 1-based.
    pub page: usize,
}

impl ListQuery {
    /// Reads the query parameters `q`, `sort` and `page` as typed into an address.
    pub fn parse(q: &str, sort: &str, page: &str) -> Self {
        Self {
            search: q.chars().filter(|c| !c.is_control()).take(200).collect(),
            sort: Sort::parse(sort),
            page: page.trim().parse().unwrap_or(1).max(1),
        }
    }
}

/// One page of a list, with what the page needs to link to the others.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Listed<T> {
    pub items: Vec<T>,
    /// 1-based; at most `pages`.
    pub page: usize,
    /// At least 1.
    pub pages: usize,
    /// Items matching the search, on all pages.
    pub matched: usize,
    /// Items in the list before the search.
    pub total: usize,
}

/// Lower case without accents, for matching and ordering.
pub fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Whether every word of `search` appears in one of `fields`.
pub fn matches(search: &str, fields: &[&str]) -> bool {
    let fields: Vec<String> = fields.iter().map(|f| fold(f)).collect();
    fold(search)
        .split_whitespace()
        .all(|word| fields.iter().any(|f| f.contains(word)))
}

/// What a list needs to know of an item to search and sort it.
pub struct Keys<'a> {
    pub id: i64,
    pub name: &'a str,
    pub changed: DateTime<Utc>,
    /// Every field a search looks in (the name included).
    pub fields: Vec<&'a str>,
}

/// Searches, sorts and cuts `items` into the page asked for.
pub fn list<T>(items: Vec<T>, query: &ListQuery, keys: impl Fn(&T) -> Keys<'_>) -> Listed<T> {
    let total = items.len();
    let mut kept: Vec<(T, String, i64, DateTime<Utc>)> = items
        .into_iter()
        .filter_map(|item| {
            let k = keys(&item);
            if !matches(&query.search, &k.fields) {
                return None;
            }
            let (name, id, changed) = (fold(k.name), k.id, k.changed);
            Some((item, name, id, changed))
        })
        .collect();
    match query.sort {
        Sort::Name => kept.sort_by(|a, b| a.1.cmp(&b.1).then(a.2.cmp(&b.2))),
        Sort::NameDescending => kept.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2))),
        Sort::Recent => kept.sort_by(|a, b| b.3.cmp(&a.3).then(a.2.cmp(&b.2))),
    }
    let kept: Vec<T> = kept.into_iter().map(|(item, ..)| item).collect();
    paged(kept, total, query.page)
}

/// Cuts `matched` (already searched and in order) into the page asked for; `total` is
/// the length of the list before the search.
pub fn paged<T>(matched: Vec<T>, total: usize, page: usize) -> Listed<T> {
    let count = matched.len();
    let pages = count.div_ceil(PAGE_SIZE).max(1);
    let page = page.clamp(1, pages);
    let items = matched
        .into_iter()
        .skip((page - 1) * PAGE_SIZE)
        .take(PAGE_SIZE)
        .collect();
    Listed {
        items,
        page,
        pages,
        matched: count,
        total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use rstest::rstest;

    #[rstest]
    #[case("tirane", &["Futsal park", "Tiranë"], true)]
    #[case("ASHRAF", &["The Children of Camp Ashraf"], true)]
    #[case("park tirane", &["Futsal park", "Tiranë"], true)]
    #[case("park stockholm", &["Futsal park", "Tiranë"], false)]
    #[case("", &["anything"], true)]
    #[case("  ", &["anything"], true)]
    #[case("زن", &["زن، زندگی، آزادی"], true)]
    #[case("Zürich", &["zurich"], true)]
    fn searches_ignore_case_and_accents(
        #[case] search: &str,
        #[case] fields: &[&str],
        #[case] found: bool,
    ) {
        assert_eq!(matches(search, fields), found);
    }

    #[derive(Debug, PartialEq)]
    struct Item(i64, String, u32);

    fn keys(i: &Item) -> Keys<'_> {
        Keys {
            id: i.0,
            name: &i.1,
            changed: Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap()
                + chrono::Duration::minutes(i64::from(i.2)),
            fields: vec![&i.1],
        }
    }

    fn items(n: i64) -> Vec<Item> {
        (1..=n)
            .map(|i| Item(i, format!("Person {i:03}"), (i * 7 % 13) as u32))
            .collect()
    }

    #[test]
    fn names_sort_without_regard_to_case_or_accents() {
        let list_of = |sort| {
            list(
                vec![
                    Item(1, "zana".into(), 0),
                    Item(2, "Élira".into(), 2),
                    Item(3, "Besa".into(), 1),
                    Item(4, "besa".into(), 3),
                ],
                &ListQuery {
                    sort,
                    ..ListQuery::default()
                },
                keys,
            )
            .items
            .into_iter()
            .map(|i| i.0)
            .collect::<Vec<_>>()
        };
        assert_eq!(list_of(Sort::Name), [3, 4, 2, 1]);
        assert_eq!(list_of(Sort::NameDescending), [1, 2, 3, 4]);
        assert_eq!(list_of(Sort::Recent), [4, 2, 3, 1]);
    }

    #[rstest]
    #[case(1, 1, 25, 1)]
    #[case(3, 3, 10, 51)]
    #[case(99, 3, 10, 51)]
    #[case(0, 1, 25, 1)]
    fn pages_hold_25_and_stay_in_range(
        #[case] asked: usize,
        #[case] page: usize,
        #[case] len: usize,
        #[case] first: i64,
    ) {
        let got = list(
            items(60),
            &ListQuery {
                page: asked,
                ..ListQuery::default()
            },
            keys,
        );
        assert_eq!((got.page, got.pages, got.items.len()), (page, 3, len));
        assert_eq!(got.items[0].0, first);
        assert_eq!((got.matched, got.total), (60, 60));
    }

    #[test]
    fn a_search_counts_what_it_found_and_an_empty_result_has_one_page() {
        let got = list(
            items(60),
            &ListQuery {
                search: "person 05".into(),
                ..ListQuery::default()
            },
            keys,
        );
        // "05" is in 005 and in 050 to 059.
        assert_eq!(got.matched, 11);
        assert_eq!(got.pages, 1);
        let none = list(
            items(60),
            &ListQuery {
                search: "nobody".into(),
                ..ListQuery::default()
            },
            keys,
        );
        assert_eq!((none.matched, none.pages, none.page), (0, 1, 1));
        assert!(none.items.is_empty());
    }

    #[test]
    fn query_parameters_are_read_forgivingly() {
        let q = ListQuery::parse("ash\u{0}raf", "recent", "x");
        assert_eq!(q.search, "ashraf");
        assert_eq!(q.sort, Sort::Recent);
        assert_eq!(q.page, 1);
        assert_eq!(ListQuery::parse("", "sideways", "-4").sort, Sort::Name);
    }
}
