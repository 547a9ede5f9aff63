//! Atom feeds (RFC 4287) built from domain values, with no clock and no I/O.
//!
//! Rules kept here:
//! - Every entry has a stable `id` (a URN or the address it stands for) that stays while
//!   the entry changes, an `updated` stamp from the data, and a link to its page.
//! - The feed's `updated` is the latest entry's, or the given fallback for an empty feed:
//!   the same data gives the same bytes, so a published answer's ETag holds.
//! - Text is plain text (`type="text"`); the writer escapes it.

use atom_syndication::{Content, Entry, Feed, Link, Text};
use chrono::{DateTime, Utc};

/// One entry of an Atom feed.
#[derive(Debug, Clone, PartialEq)]
pub struct AtomEntry {
    pub id: String,
    pub title: String,
    pub updated: DateTime<Utc>,
    pub published: Option<DateTime<Utc>>,
    pub summary: Option<String>,
    pub content: String,
    /// The HTML page the entry stands for.
    pub link: String,
}

/// A whole Atom feed.
#[derive(Debug, Clone, PartialEq)]
pub struct AtomFeed {
    /// The feed's own address (its id and its `self` link).
    pub id: String,
    pub title: String,
    pub subtitle: Option<String>,
    /// The HTML page the feed belongs to.
    pub home: Option<String>,
    pub language: String,
    /// The `updated` of a feed with no entries.
    pub empty_updated: DateTime<Utc>,
    pub entries: Vec<AtomEntry>,
}

fn link(href: &str, rel: &str, mime: &str) -> Link {
    let mut l = Link::default();
    l.set_href(href);
    l.set_rel(rel);
    l.set_mime_type(Some(mime.to_owned()));
    l
}

/// Renders a feed as Atom XML.
pub fn render(feed: &AtomFeed) -> String {
    let entries: Vec<Entry> = feed
        .entries
        .iter()
        .map(|e| {
            let mut entry = Entry::default();
            entry.set_id(e.id.clone());
            entry.set_title(Text::plain(e.title.clone()));
            entry.set_updated(e.updated.fixed_offset());
            entry.set_published(e.published.map(|p| p.fixed_offset()));
            entry.set_summary(e.summary.clone().map(Text::plain));
            let mut content = Content::default();
            content.set_content_type(Some("text".to_owned()));
            content.set_value(Some(e.content.clone()));
            entry.set_content(Some(content));
            entry.set_links(vec![link(&e.link, "alternate", "text/html")]);
            entry
        })
        .collect();
    let mut out = Feed::default();
    out.set_id(feed.id.clone());
    out.set_title(Text::plain(feed.title.clone()));
    out.set_subtitle(feed.subtitle.clone().map(Text::plain));
    let updated = feed
        .entries
        .iter()
        .map(|e| e.updated)
        .max()
        .unwrap_or(feed.empty_updated);
    out.set_updated(updated.fixed_offset());
    out.set_lang(Some(feed.language.clone()));
    let mut links = vec![link(&feed.id, "self", "application/atom+xml")];
    if let Some(home) = &feed.home {
        links.push(link(home, "alternate", "text/html"));
    }
    out.set_links(links);
    out.set_entries(entries);
    out.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
    }

    fn feed(entries: Vec<AtomEntry>) -> AtomFeed {
        AtomFeed {
            id: "https://convene.example/o/families-association/feed.atom".into(),
            title: "Families' Association".into(),
            subtitle: Some("Gatherings <in> Tirana & Tehran".into()),
            home: Some("https://convene.example/o/families-association".into()),
            language: "sq".into(),
            empty_updated: at("2023-01-01T00:00:00Z"),
            entries,
        }
    }

    fn park() -> AtomEntry {
        AtomEntry {
            id: "urn:convene:gathering:park@families-association.convene".into(),
            title: "Tubim në park".into(),
            updated: at("2023-11-20T09:30:00Z"),
            published: Some(at("2023-11-01T08:00:00Z")),
            summary: Some("E diel 26 nëntor 2023, 11:00–13:05 (Europe/Tirane)".into()),
            content: "Three films & a statement <signed>.".into(),
            link: "https://convene.example/o/families-association/tirana-park-2023".into(),
        }
    }

    #[test]
    fn a_feed_names_itself_its_page_and_its_latest_change() {
        let later = AtomEntry {
            id: "urn:convene:gathering:later".into(),
            updated: at("2024-03-01T10:00:00Z"),
            ..park()
        };
        let xml = render(&feed(vec![park(), later]));
        assert!(
            xml.contains("<updated>2024-03-01T10:00:00+00:00</updated>"),
            "{xml}"
        );
        assert!(xml.contains(r#"rel="self""#) && xml.contains(r#"rel="alternate""#));
        assert!(
            xml.contains("Gatherings &lt;in&gt; Tirana &amp; Tehran"),
            "{xml}"
        );
        assert!(xml.contains("a statement &lt;signed&gt;."), "{xml}");
        assert!(xml.contains("<id>urn:convene:gathering:park@families-association.convene</id>"));
        assert!(xml.contains(r#"xml:lang="sq""#), "{xml}");
    }

    #[test]
    fn an_empty_feed_is_dated_by_its_fallback_and_the_same_data_gives_the_same_bytes() {
        let xml = render(&feed(vec![]));
        assert!(
            xml.contains("<updated>2023-01-01T00:00:00+00:00</updated>"),
            "{xml}"
        );
        assert_eq!(render(&feed(vec![park()])), render(&feed(vec![park()])));
    }
}
