//! The organisation's directory: venues, people and films, and who appears in a segment.
//!
//! Rules kept here: every form field is parsed into its type and the first problem is
//! reported with the form field's name; internal fields (access notes, contacts, rights
//! notes, call links) are accepted like any text but are never shown publicly (that is
//! the public views' rule, not this module's).

use serde::{Deserialize, Serialize};

use super::message::{Message, say};
use super::plan::free_text;
use super::types::{
    AppearanceMode, AppearanceRole, LanguageTag, Minutes, TimeZoneName, Title, ValidationError,
    VenueSetting,
};

fn optional_number<T: std::str::FromStr + PartialOrd>(
    field: &str,
    raw: &str,
    range: std::ops::RangeInclusive<T>,
    message: Message,
) -> Result<Option<T>, ValidationError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    match raw.replace(',', ".").parse::<T>() {
        Ok(n) if range.contains(&n) => Ok(Some(n)),
        _ => Err(ValidationError::new(field, message)),
    }
}

fn vocabulary<T: std::str::FromStr<Err = ValidationError>>(
    field: &str,
    raw: &str,
) -> Result<T, ValidationError> {
    raw.trim()
        .parse()
        .map_err(|e: ValidationError| ValidationError::new(field, e.message))
}

fn checked(raw: &str) -> bool {
    matches!(raw.trim(), "on" | "true" | "1")
}

fn url(field: &str, raw: &str) -> Result<String, ValidationError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(String::new());
    }
    let ok = (raw.starts_with("https://") || raw.starts_with("http://"))
        && raw.len() <= 2000
        && !raw.chars().any(|c| c.is_whitespace() || c.is_control());
    if ok {
        Ok(raw.to_owned())
    } else {
        Err(ValidationError::new(field, say!("refusal-web-address")))
    }
}

/// The venue form as submitted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct VenueForm {
    pub name: String,
    pub address: String,
    pub city: String,
    pub country: String,
    pub time_zone: String,
    pub latitude: String,
    pub longitude: String,
    pub capacity: String,
    pub setting: String,
    pub public_directions: String,
    pub access_notes: String,
}

/// A checked venue.
#[derive(Debug, Clone, PartialEq)]
pub struct VenuePlan {
    pub name: Title,
    pub address: String,
    pub city: String,
    pub country: String,
    pub time_zone: TimeZoneName,
    pub coordinates: Option<(f64, f64)>,
    pub capacity: Option<u32>,
    pub setting: VenueSetting,
    pub public_directions: String,
    pub access_notes: String,
}

impl VenueForm {
    pub fn parse(&self) -> Result<VenuePlan, ValidationError> {
        let name = Title::parse("name", &self.name)?;
        let line = |field: &str, raw: &str| -> Result<String, ValidationError> {
            let text = free_text(field, raw)?;
            if text.contains('\n') || text.chars().count() > 300 {
                return Err(ValidationError::new(field, say!("refusal-one-line-300")));
            }
            Ok(text)
        };
        let latitude = optional_number(
            "latitude",
            &self.latitude,
            -90.0..=90.0,
            say!("refusal-latitude"),
        )?;
        let longitude = optional_number(
            "longitude",
            &self.longitude,
            -180.0..=180.0,
            say!("refusal-longitude"),
        )?;
        let coordinates = match (latitude, longitude) {
            (Some(a), Some(b)) => Some((a, b)),
            (None, None) => None,
            (None, Some(_)) => {
                return Err(ValidationError::new(
                    "latitude",
                    say!("refusal-latitude-too"),
                ));
            }
            (Some(_), None) => {
                return Err(ValidationError::new(
                    "longitude",
                    say!("refusal-longitude-too"),
                ));
            }
        };
        Ok(VenuePlan {
            name,
            address: line("address", &self.address)?,
            city: line("city", &self.city)?,
            country: line("country", &self.country)?,
            time_zone: TimeZoneName::parse("time_zone", &self.time_zone)?,
            coordinates,
            capacity: optional_number(
                "capacity",
                &self.capacity,
                0..=10_000_000,
                say!("refusal-people-count"),
            )?,
            setting: if self.setting.trim().is_empty() {
                VenueSetting::Indoor
            } else {
                vocabulary("setting", &self.setting)?
            },
            public_directions: free_text("public_directions", &self.public_directions)?,
            access_notes: free_text("access_notes", &self.access_notes)?,
        })
    }
}

/// The person form as submitted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonForm {
    pub name: String,
    pub public_bio: String,
    pub languages: String,
    pub home_time_zone: String,
    pub contact: String,
    /// `on` when the name may appear on public pages.
    pub listed_publicly: String,
}

/// A checked person.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonPlan {
    pub name: Title,
    pub public_bio: String,
    pub languages: Vec<LanguageTag>,
    pub home_time_zone: Option<TimeZoneName>,
    pub contact: String,
    pub listed_publicly: bool,
}

impl PersonForm {
    pub fn parse(&self) -> Result<PersonPlan, ValidationError> {
        Ok(PersonPlan {
            name: Title::parse("name", &self.name)?,
            public_bio: free_text("public_bio", &self.public_bio)?,
            languages: LanguageTag::parse_list("languages", &self.languages)?,
            home_time_zone: match self.home_time_zone.trim() {
                "" => None,
                z => Some(TimeZoneName::parse("home_time_zone", z)?),
            },
            contact: free_text("contact", &self.contact)?,
            listed_publicly: checked(&self.listed_publicly),
        })
    }
}

/// The film form as submitted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FilmForm {
    pub title: String,
    pub director: String,
    pub producer: String,
    pub year: String,
    pub runtime: String,
    pub audio_language: String,
    pub subtitle_languages: String,
    pub trailer_url: String,
    pub rights_notes: String,
}

/// A checked film.
#[derive(Debug, Clone, PartialEq)]
pub struct FilmPlan {
    pub title: Title,
    pub director: String,
    pub producer: String,
    pub year: Option<i32>,
    pub runtime: Minutes,
    pub audio_language: Option<LanguageTag>,
    pub subtitle_languages: Vec<LanguageTag>,
    pub trailer_url: String,
    pub rights_notes: String,
}

impl FilmForm {
    pub fn parse(&self) -> Result<FilmPlan, ValidationError> {
        let person = |field: &str, raw: &str| -> Result<String, ValidationError> {
            if raw.trim().is_empty() {
                Ok(String::new())
            } else {
                Ok(Title::parse(field, raw)?.as_str().to_owned())
            }
        };
        Ok(FilmPlan {
            title: Title::parse("title", &self.title)?,
            director: person("director", &self.director)?,
            producer: person("producer", &self.producer)?,
            year: optional_number("year", &self.year, 1888..=2100, say!("refusal-year"))?,
            runtime: Minutes::parse_text("runtime", &self.runtime)?,
            audio_language: match self.audio_language.trim() {
                "" => None,
                l => Some(LanguageTag::parse("audio_language", l)?),
            },
            subtitle_languages: LanguageTag::parse_list(
                "subtitle_languages",
                &self.subtitle_languages,
            )?,
            trailer_url: url("trailer_url", &self.trailer_url)?,
            rights_notes: free_text("rights_notes", &self.rights_notes)?,
        })
    }
}

/// Who appears in a segment, as submitted.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppearanceForm {
    pub person: String,
    pub role: String,
    pub mode: String,
    pub language: String,
    pub interpreted_into: String,
    pub online_link: String,
}

/// A checked appearance.
#[derive(Debug, Clone, PartialEq)]
pub struct AppearancePlan {
    pub person_id: i32,
    pub role: AppearanceRole,
    pub mode: AppearanceMode,
    pub language: Option<LanguageTag>,
    pub interpreted_into: Vec<LanguageTag>,
    pub online_link: String,
}

/// How a person is named in a typed choice (a text field with suggestions, for
/// organisations with too many people for a list in every form): `Ana Hoxha (#12)`.
pub fn person_choice_label(name: &str, id: i32) -> String {
    format!("{name} (#{id})")
}

/// The person a choice names: an id (`12`, from a list) or a typed choice ending in `(#12)`.
pub fn person_choice(raw: &str) -> Option<i32> {
    let raw = raw.trim();
    raw.parse::<i32>().ok().or_else(|| {
        raw.strip_suffix(')')?
            .rsplit_once("(#")?
            .1
            .trim()
            .parse()
            .ok()
    })
}

impl AppearanceForm {
    pub fn parse(&self) -> Result<AppearancePlan, ValidationError> {
        let person_id = person_choice(&self.person)
            .ok_or_else(|| ValidationError::new("person", say!("refusal-choose-person")))?;
        let mode: AppearanceMode = vocabulary("mode", &self.mode)?;
        let online_link = url("online_link", &self.online_link)?;
        if !online_link.is_empty() && mode != AppearanceMode::Online {
            return Err(ValidationError::new(
                "online_link",
                say!("refusal-call-link-online-only"),
            ));
        }
        Ok(AppearancePlan {
            person_id,
            role: vocabulary("role", &self.role)?,
            mode,
            language: match self.language.trim() {
                "" => None,
                l => Some(LanguageTag::parse("language", l)?),
            },
            interpreted_into: LanguageTag::parse_list("interpreted_into", &self.interpreted_into)?,
            online_link,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn park() -> VenueForm {
        VenueForm {
            name: "Futsal park, Rruga Ura".into(),
            city: "Tirana".into(),
            country: "Albania".into(),
            time_zone: "Europe/Tirane".into(),
            latitude: "41.3275".into(),
            longitude: "19,8187".into(),
            capacity: "400".into(),
            setting: "outdoor".into(),
            ..Default::default()
        }
    }

    #[test]
    fn the_park_is_a_venue() {
        let v = park().parse().unwrap();
        assert_eq!(v.coordinates, Some((41.3275, 19.8187)));
        assert_eq!(v.setting, VenueSetting::Outdoor);
        assert_eq!(v.time_zone.as_str(), "Europe/Tirane");
    }

    #[rstest]
    #[case(VenueForm { time_zone: "Europe/Tirana".into(), ..park() }, "time_zone")]
    #[case(VenueForm { latitude: "91".into(), ..park() }, "latitude")]
    #[case(VenueForm { longitude: "".into(), ..park() }, "longitude")]
    #[case(VenueForm { capacity: "-3".into(), ..park() }, "capacity")]
    #[case(VenueForm { setting: "underwater".into(), ..park() }, "setting")]
    #[case(VenueForm { name: "".into(), ..park() }, "name")]
    #[case(VenueForm { city: "a\nb".into(), ..park() }, "city")]
    fn bad_venues_name_their_field(#[case] form: VenueForm, #[case] field: &str) {
        assert_eq!(form.parse().unwrap_err().field, field);
    }

    #[rstest]
    #[case(PersonForm { name: "".into(), ..Default::default() }, "name")]
    #[case(PersonForm { name: "Host".into(), home_time_zone: "Tehran".into(), ..Default::default() }, "home_time_zone")]
    #[case(PersonForm { name: "Host".into(), languages: "sq, ??".into(), ..Default::default() }, "languages")]
    fn bad_people_name_their_field(#[case] form: PersonForm, #[case] field: &str) {
        assert_eq!(form.parse().unwrap_err().field, field);
    }

    #[rstest]
    #[case(FilmForm { title: "Biography".into(), runtime: "".into(), ..Default::default() }, "runtime")]
    #[case(FilmForm { title: "Biography".into(), runtime: "14".into(), year: "1500".into(), ..Default::default() }, "year")]
    #[case(FilmForm { title: "Biography".into(), runtime: "14".into(), trailer_url: "javascript:alert(1)".into(), ..Default::default() }, "trailer_url")]
    fn bad_films_name_their_field(#[case] form: FilmForm, #[case] field: &str) {
        assert_eq!(form.parse().unwrap_err().field, field);
    }

    #[test]
    fn an_online_speaker_with_interpretation() {
        let a = AppearanceForm {
            person: "7".into(),
            role: "speaker".into(),
            mode: "online".into(),
            language: "fa".into(),
            interpreted_into: "sq".into(),
            online_link: "https://call.example/ceo".into(),
        }
        .parse()
        .unwrap();
        assert_eq!(a.mode, AppearanceMode::Online);
        assert_eq!(a.interpreted_into.len(), 1);
        let in_person = AppearanceForm {
            mode: "in_person".into(),
            ..Default::default()
        };
        let bad = AppearanceForm {
            person: "7".into(),
            role: "speaker".into(),
            online_link: "https://x.example".into(),
            ..in_person
        };
        assert_eq!(bad.parse().unwrap_err().field, "online_link");
    }

    #[rstest::rstest]
    #[case("12", Some(12))]
    #[case(" Ana Hoxha (#12) ", Some(12))]
    #[case("Mirela (Tirana) (#7)", Some(7))]
    #[case("Ana Hoxha", None)]
    #[case("(#x)", None)]
    #[case("", None)]
    fn a_typed_person_choice_names_its_id(#[case] raw: &str, #[case] id: Option<i32>) {
        assert_eq!(person_choice(raw), id);
        if let Some(id) = id {
            assert_eq!(
                person_choice(&person_choice_label("Zoë Ångström", id)),
                Some(id)
            );
        }
    }
}
