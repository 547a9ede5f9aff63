//! The languages convene speaks: every UI string goes through Fluent (`src/locales/*/main.ftl`)
//! and every date through [`Lang::format_date`].
//!
//! The choice of language follows, in order: a `?lang=` link, the `lang` cookie left by
//! the switcher, the browser's `Accept-Language`, then English.

use std::borrow::Cow;
use std::collections::HashMap;

use chrono::{NaiveDate, NaiveDateTime};
use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{Loader, static_loader};
use unic_langid::LanguageIdentifier;

use crate::domain::{Arg, Message};

static_loader! {
    static LOCALES = {
        locales: "./src/locales",
        fallback_language: "en",
        // Views isolate mixed-direction text with `<bdi>`; Fluent's invisible
        // isolation marks would also end up in copied text and calendar feeds.
        customise: |bundle| {
            bundle.set_use_isolating(false);
            // Numbers in Persian messages are written with Persian digits.
            if bundle.locales.first().is_some_and(|l| l.language.as_str() == "fa") {
                bundle.set_formatter(Some(persian_numbers));
            }
        },
    };
}

fn persian_numbers<M>(value: &FluentValue, _: &M) -> Option<String> {
    match value {
        FluentValue::Number(n) => Some(Lang::Fa.digits(&n.as_string())),
        _ => None,
    }
}

/// The name of the cookie that remembers a visitor's choice of language.
pub const LANG_COOKIE: &str = "lang";

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    #[default]
    En,
    Sq,
    Fa,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Sq, Lang::Fa];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Sq => "sq",
            Lang::Fa => "fa",
        }
    }

    /// The language's own name, as shown in the switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Sq => "Shqip",
            Lang::Fa => "فارسی",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        let primary = code.split(['-', '_']).next()?.trim().to_ascii_lowercase();
        Self::ALL.into_iter().find(|l| l.code() == primary)
    }

    /// `rtl` for Persian, `ltr` otherwise.
    pub fn dir(self) -> &'static str {
        match self {
            Lang::Fa => "rtl",
            _ => "ltr",
        }
    }

    fn langid(self) -> LanguageIdentifier {
        self.code()
            .parse()
            .expect("language codes are valid identifiers")
    }

    fn chrono_locale(self) -> chrono::Locale {
        match self {
            Lang::En => chrono::Locale::en_GB,
            Lang::Sq => chrono::Locale::sq_AL,
            Lang::Fa => chrono::Locale::fa_IR,
        }
    }

    /// The text of a message id in this language (the English text if it is missing).
    pub fn t(self, id: &str) -> String {
        LOCALES.lookup(&self.langid(), id)
    }

    /// The text of a message id with named arguments.
    pub fn t_with(self, id: &str, args: &[(&'static str, FluentValue<'static>)]) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'static>> = args
            .iter()
            .map(|(k, v)| (Cow::Borrowed(*k), v.clone()))
            .collect();
        LOCALES.lookup_with_args(&self.langid(), id, &args)
    }

    /// A [`Message`] in this language; its message arguments are said in it too.
    pub fn say(self, message: &Message) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue<'static>> = message
            .args
            .iter()
            .map(|(name, value)| {
                let value = match value {
                    Arg::Text(t) => FluentValue::from(t.clone()),
                    Arg::Number(n) => FluentValue::from(*n),
                    Arg::Message(m) => FluentValue::from(self.say(m)),
                };
                (Cow::Owned(name.clone()), value)
            })
            .collect();
        LOCALES.lookup_with_args(&self.langid(), &message.id, &args)
    }

    /// Whether this language has its own text for `id` (no fallback).
    pub fn has(self, id: &str) -> bool {
        // Without arguments a message with variables reports errors, but it is there
        // (the crate does not export its error type: its text tells the cases apart).
        match LOCALES.lookup_single_language::<&str>(&self.langid(), id, None) {
            Ok(_) => true,
            Err(e) => e.to_string().starts_with("Fluent errors"),
        }
    }

    /// Writes digits the way the language does (Persian uses ۰۱۲۳۴۵۶۷۸۹).
    pub fn digits(self, text: &str) -> String {
        match self {
            Lang::Fa => text
                .chars()
                .map(|c| match c.to_digit(10) {
                    Some(d) => char::from_u32(0x06F0 + d).unwrap_or(c),
                    None => c,
                })
                .collect(),
            _ => text.to_owned(),
        }
    }

    /// A time of day on the 24-hour clock, e.g. `11:00` (`۱۱:۰۰` in Persian).
    pub fn format_time(self, t: NaiveDateTime) -> String {
        self.digits(&t.format("%H:%M").to_string())
    }

    /// A wall-clock time with its UTC offset when the clock shows it twice (`offset`,
    /// from `domain::time::repeated_offset`), e.g. `02:30 (UTC+1)`.
    pub fn format_reading(self, t: NaiveDateTime, offset: Option<&str>) -> String {
        match offset {
            Some(o) => format!("{} ({})", self.format_time(t), self.digits(o)),
            None => self.format_time(t),
        }
    }

    /// A full date with weekday and month names, e.g. `Sunday 26 November 2023`.
    pub fn format_date(self, d: NaiveDate) -> String {
        let pattern = match self {
            Lang::En => "%A %-d %B %Y",
            Lang::Sq => "%A, %-d %B %Y",
            Lang::Fa => "%A %-d %B %Y",
        };
        self.digits(
            &d.format_localized(pattern, self.chrono_locale())
                .to_string(),
        )
    }

    /// A month and year, e.g. `November 2023`.
    pub fn format_month(self, d: NaiveDate) -> String {
        self.digits(
            &d.format_localized("%B %Y", self.chrono_locale())
                .to_string(),
        )
    }

    /// The separator of a list of words: `, `, or the Arabic comma `، ` in Persian.
    pub fn comma(self) -> &'static str {
        match self {
            Lang::Fa => "، ",
            _ => ", ",
        }
    }

    /// A number written for this language.
    pub fn number(self, n: i64) -> String {
        self.digits(&n.to_string())
    }

    /// Picks the best supported language from an `Accept-Language` header.
    pub fn from_accept_language(header: &str) -> Option<Self> {
        // `parse` orders by quality; `fa-IR` counts as Persian, `sq-AL` as Albanian.
        accept_language::parse(header)
            .iter()
            .find_map(|tag| Self::from_code(tag))
    }

    /// The language for a request: `?lang=`, then the cookie, then `Accept-Language`.
    pub fn negotiate(query_lang: Option<&str>, cookie: Option<&str>, accept: Option<&str>) -> Self {
        query_lang
            .and_then(Self::from_code)
            .or_else(|| cookie.and_then(Self::from_code))
            .or_else(|| accept.and_then(Self::from_accept_language))
            .unwrap_or_default()
    }
}

/// A message in English, for logs, the command line and tests.
impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&Lang::En.say(self))
    }
}

/// The name of a content language in the interface language.
pub fn language_name(lang: Lang, code: &str) -> String {
    let id = format!("language-{code}");
    if lang.has(&id) {
        lang.t(&id)
    } else {
        lang.t_with(
            "language-other",
            &[("code", FluentValue::from(code.to_owned()))],
        )
    }
}

/// The name of one of an organisation's content languages: the name it gave, else the
/// interface's name for it.
pub fn content_language_name(
    lang: Lang,
    language: &crate::domain::content::ContentLanguage,
) -> String {
    if language.name.trim().is_empty() {
        language_name(lang, &language.tag)
    } else {
        language.name.clone()
    }
}

/// The language a public page's texts are read in, chosen for the request's
/// organisation among the languages it offers (`server::lang::texts_for`), and the
/// languages it offers that the interface does not speak (to be offered beside the
/// interface's languages).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Texts {
    pub current: String,
    pub more: Vec<crate::domain::content::ContentLanguage>,
}

/// The language the page's texts are asked in: the one chosen for its organisation
/// when the page is one of an organisation's public pages, else the interface's.
pub fn texts_lang() -> String {
    leptos::prelude::use_context::<Texts>()
        .map(|t| t.current)
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| use_lang().code().to_owned())
}

/// The language of the page being rendered.
pub fn use_lang() -> Lang {
    leptos::prelude::use_context::<Lang>().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case(Some("fa"), Some("sq"), Some("en"), Lang::Fa)]
    #[case(Some("xx"), Some("sq"), Some("en"), Lang::Sq)]
    #[case(None, None, Some("de-DE,sq;q=0.8,en;q=0.5"), Lang::Sq)]
    #[case(None, None, Some("fa-IR"), Lang::Fa)]
    #[case(None, None, Some("de"), Lang::En)]
    #[case(None, None, None, Lang::En)]
    fn negotiation(
        #[case] q: Option<&str>,
        #[case] cookie: Option<&str>,
        #[case] accept: Option<&str>,
        #[case] expected: Lang,
    ) {
        assert_eq!(Lang::negotiate(q, cookie, accept), expected);
    }

    #[test]
    fn dates_use_the_languages_month_names_and_digits() {
        let d = NaiveDate::from_ymd_opt(2023, 11, 26).unwrap();
        assert_eq!(Lang::En.format_date(d), "Sunday 26 November 2023");
        assert!(
            Lang::Sq.format_date(d).contains("nëntor"),
            "{}",
            Lang::Sq.format_date(d)
        );
        let fa = Lang::Fa.format_date(d);
        assert!(fa.contains("۲۶") && fa.contains("۲۰۲۳"), "{fa}");
        let t = d.and_hms_opt(11, 5, 0).unwrap();
        assert_eq!(Lang::Fa.format_time(t), "۱۱:۰۵");
        assert_eq!(Lang::Sq.format_time(t), "11:05");
    }

    /// The `$variables` a message uses in the given language's file.
    fn variables(lang: Lang, id: &str) -> Vec<&'static str> {
        let path = format!(
            "{}/src/locales/{}/main.ftl",
            env!("CARGO_MANIFEST_DIR"),
            lang.code()
        );
        let text = std::fs::read_to_string(path).unwrap_or_default();
        // The message's line, and the indented lines of a select after it.
        let mut lines = text.lines().skip_while(|l| {
            l.split_once(" =")
                .is_none_or(|(k, _)| k.trim() != id || k.starts_with(' '))
        });
        let first = lines.next().unwrap_or_default();
        let body: Vec<&str> = std::iter::once(first)
            .chain(lines.take_while(|l| l.starts_with(' ') || l.starts_with('}')))
            .collect();
        let mut names: Vec<&'static str> = body
            .join("\n")
            .split('$')
            .skip(1)
            .map(|rest| {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
                    .collect();
                &*Box::leak(name.into_boxed_str())
            })
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    }

    /// Every message the code says (`say!("id", ...)`, the refusals) has its text in
    /// English, and so, by the test below, in every language; its arguments are the ones
    /// the English text uses.
    #[test]
    fn every_message_the_code_says_exists() {
        fn sources(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                let path = entry.path();
                if path.is_dir() {
                    sources(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    out.push(path);
                }
            }
        }
        let mut files = Vec::new();
        sources(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
            &mut files,
        );
        let mut said = Vec::new();
        // This file names the macro in its comments.
        files.retain(|f| !f.ends_with("i18n.rs"));
        for file in &files {
            let text = std::fs::read_to_string(file).unwrap();
            for (i, _) in text.match_indices("say!(") {
                let rest = text[i + 5..].trim_start();
                let Some(rest) = rest.strip_prefix('"') else {
                    continue; // the macro's own definition
                };
                let id: String = rest.chars().take_while(|c| *c != '"').collect();
                // The argument names up to the closing parenthesis of the call.
                let call: String = rest[id.len()..]
                    .chars()
                    .scan(1i32, |depth, c| {
                        *depth += match c {
                            '(' => 1,
                            ')' => -1,
                            _ => 0,
                        };
                        (*depth > 0).then_some(c)
                    })
                    .collect();
                let args: Vec<String> = call
                    .split(',')
                    .filter_map(|part| part.split_once(" = ").map(|(k, _)| k.trim().to_owned()))
                    .collect();
                said.push((file.display().to_string(), id, args));
            }
        }
        assert!(said.len() > 80, "say! calls were not found: {}", said.len());
        for (file, id, args) in &said {
            assert!(Lang::En.has(id), "{file} says {id}, which main.ftl lacks");
            let wanted: Vec<String> = variables(Lang::En, id)
                .into_iter()
                .map(str::to_owned)
                .collect();
            let mut given = args.clone();
            given.sort();
            assert_eq!(given, wanted, "{file}: the arguments of {id}");
        }
    }

    /// Every message id in the English file exists in every other language, and no
    /// language has ids English lacks: a missing string fails here, not in front of a visitor.
    #[test]
    fn every_locale_has_every_message() {
        let ids = |code: &str| -> Vec<String> {
            let path = format!("{}/src/locales/{code}/main.ftl", env!("CARGO_MANIFEST_DIR"));
            let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
            text.lines()
                .filter_map(|l| l.split_once(" ="))
                .map(|(id, _)| id.trim())
                .filter(|id| !id.is_empty() && !id.starts_with(['#', ' ', '.', '*', '[']))
                .map(str::to_owned)
                .collect()
        };
        let english = ids("en");
        assert!(english.len() > 20, "English messages were not found");
        // A message defined twice makes the whole bundle fail to load at start.
        for lang in Lang::ALL {
            let all = ids(lang.code());
            let mut seen = std::collections::HashSet::new();
            let twice: Vec<_> = all.iter().filter(|id| !seen.insert(*id)).collect();
            assert!(twice.is_empty(), "{} defines {twice:?} twice", lang.code());
        }
        for lang in [Lang::Sq, Lang::Fa] {
            let theirs = ids(lang.code());
            let missing: Vec<_> = english.iter().filter(|id| !theirs.contains(id)).collect();
            let extra: Vec<_> = theirs.iter().filter(|id| !english.contains(id)).collect();
            assert!(missing.is_empty(), "{} lacks {missing:?}", lang.code());
            assert!(extra.is_empty(), "{} has unknown {extra:?}", lang.code());
            for id in &english {
                // A translation that drops or invents an argument would show a hole.
                assert_eq!(
                    variables(lang, id),
                    variables(Lang::En, id),
                    "{}: the arguments of {id}",
                    lang.code()
                );
                // Give every variable a value so that only a missing message can fail.
                let args: HashMap<&str, FluentValue> = variables(lang, id)
                    .into_iter()
                    .map(|v| (v, FluentValue::from("x")))
                    .collect();
                let text = LOCALES.lookup_no_default_fallback(&lang.langid(), id, Some(&args));
                assert!(text.is_some(), "{} cannot resolve {id}", lang.code());
            }
        }
    }
}
