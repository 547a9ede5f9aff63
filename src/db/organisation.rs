//! An organisation's own settings: its name, public text, languages and contact.

use sea_orm::sea_query::Expr;
use sea_orm::{ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter};

use super::entities::organisation;
use crate::domain::{LanguageTag, Title};
use crate::error::AppError;

/// What the settings form sends.
#[derive(Debug, Clone, Default)]
pub struct OrganisationForm {
    pub name: String,
    pub public_description: String,
    pub default_language: String,
    pub contact_email: String,
    /// The content languages, one `tag name` per line.
    pub content_languages: String,
}

/// Saves the settings of organisation `id`, each checked first; its address (slug)
/// does not change, so every link and feed keeps working.
pub async fn save(
    txn: &DatabaseTransaction,
    id: i32,
    form: &OrganisationForm,
) -> Result<(), AppError> {
    let name = Title::parse("name", &form.name)?;
    let description =
        crate::domain::plan::free_text("public_description", &form.public_description)?;
    let language = LanguageTag::parse("default_language", &form.default_language)?;
    let offered = crate::domain::content::parse_offered(
        "content_languages",
        &form.content_languages,
        language.as_str(),
    )?;
    let contact = match form.contact_email.trim() {
        "" => String::new(),
        raw => super::auth::parse_email(raw)
            .map_err(|e| crate::domain::ValidationError::new("contact_email", e.message))?,
    };
    organisation::Entity::update_many()
        .col_expr(organisation::Column::Name, Expr::value(name.as_str()))
        .col_expr(
            organisation::Column::PublicDescription,
            Expr::value(description),
        )
        .col_expr(
            organisation::Column::DefaultLanguage,
            Expr::value(language.as_str()),
        )
        .col_expr(organisation::Column::ContactEmail, Expr::value(contact))
        .col_expr(
            organisation::Column::ContentLanguages,
            Expr::value(crate::domain::content::format_offered(&offered)),
        )
        .filter(organisation::Column::Id.eq(id))
        .exec(txn)
        .await?;
    Ok(())
}

/// A new organisation, as the setup page and "another organisation" ask for it.
#[derive(Debug, Clone, Default)]
pub struct NewOrganisation {
    pub name: String,
    pub public_description: String,
    /// A language code; empty means English.
    pub default_language: String,
    /// One `tag name` per line; empty means the interface's other languages.
    pub content_languages: String,
}

/// Makes an organisation from `form` (fields `org_name`, `org_description`,
/// `org_language`, `org_content_languages`); its address is made from the name, and refused when taken.
pub async fn create(
    txn: &DatabaseTransaction,
    form: &NewOrganisation,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<organisation::Model, AppError> {
    use sea_orm::{ActiveModelTrait, PaginatorTrait, Set};
    let name = Title::parse("org_name", &form.name)?;
    let description = crate::domain::plan::free_text("org_description", &form.public_description)?;
    let language = match form.default_language.trim() {
        "" => "en".to_owned(),
        raw => LanguageTag::parse("org_language", raw)?.as_str().to_owned(),
    };
    // A name that makes an address already taken is taken ("Families Association" is
    // the demo's). A name in a script an address cannot spell (Persian, say) gets the
    // next free `organisation-N`, and is refused only when the very name is there.
    let spelled = name.as_str().chars().any(|c| c.is_ascii_alphanumeric());
    let refused = || {
        crate::domain::ValidationError::new(
            "org_name",
            crate::domain::say!("refusal-organisation-exists"),
        )
    };
    let slug = if spelled {
        let slug = crate::domain::Slug::suggest(name.as_str())
            .as_str()
            .to_owned();
        let taken = organisation::Entity::find()
            .filter(organisation::Column::Slug.eq(&slug))
            .count(txn)
            .await?
            > 0;
        if taken {
            return Err(refused().into());
        }
        slug
    } else {
        let same_name = organisation::Entity::find()
            .filter(organisation::Column::Name.eq(name.as_str()))
            .count(txn)
            .await?
            > 0;
        if same_name {
            return Err(refused().into());
        }
        let taken: Vec<String> = organisation::Entity::find()
            .filter(organisation::Column::Slug.starts_with("organisation"))
            .all(txn)
            .await?
            .into_iter()
            .map(|o| o.slug)
            .collect();
        (1..)
            .map(|n| format!("organisation-{n}"))
            .find(|s| !taken.contains(s))
            .unwrap_or_default()
    };
    // Unless told otherwise, texts can be translated into the interface's other languages.
    let offered = match form.content_languages.trim() {
        "" => crate::domain::content::interface_offered(&language),
        typed => crate::domain::content::parse_offered("org_content_languages", typed, &language)?,
    };
    Ok(organisation::ActiveModel {
        slug: Set(slug),
        content_languages: Set(crate::domain::content::format_offered(&offered)),
        name: Set(name.as_str().to_owned()),
        default_language: Set(language),
        public_description: Set(description),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?)
}
