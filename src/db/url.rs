//! Parsing of `MAILLE_DATABASE_URL`: which backend, and a URL sqlx accepts.

use std::fmt;

/// A database URL Maille knows how to open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatabaseUrl {
    url: String,
    sqlite: bool,
}

/// Why a database URL was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error(
    "adresse de base de données non reconnue : « {0} ». Attendu : sqlite://fichier.db ou postgres://utilisateur@hôte/base"
)]
pub struct DatabaseUrlError(String);

impl DatabaseUrl {
    /// Accepts `sqlite:` and `postgres:`/`postgresql:` URLs.
    ///
    /// A SQLite file is created when missing (`mode=rwc`), as a first start
    /// on a fresh machine must just work.
    pub fn parse(raw: &str) -> Result<Self, DatabaseUrlError> {
        let raw = raw.trim();
        if let Some(rest) = raw.strip_prefix("sqlite:") {
            let rest = rest.trim_start_matches("//");
            if rest.is_empty() || rest.starts_with('?') {
                return Err(DatabaseUrlError(raw.to_owned()));
            }
            let url = if rest.contains("mode=") {
                format!("sqlite://{rest}")
            } else if rest.contains('?') {
                format!("sqlite://{rest}&mode=rwc")
            } else {
                format!("sqlite://{rest}?mode=rwc")
            };
            return Ok(Self { url, sqlite: true });
        }
        let is_postgres = raw.starts_with("postgres://") || raw.starts_with("postgresql://");
        if is_postgres && raw.len() > "postgres://".len() {
            return Ok(Self {
                url: raw.to_owned(),
                sqlite: false,
            });
        }
        Err(DatabaseUrlError(raw.to_owned()))
    }

    /// The URL as given to the driver.
    pub fn as_str(&self) -> &str {
        &self.url
    }

    /// Whether this is the embedded SQLite backend.
    pub fn is_sqlite(&self) -> bool {
        self.sqlite
    }
}

impl fmt::Display for DatabaseUrl {
    /// Shows the URL without its password, for logs and messages.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.url.find("://"), self.url.find('@')) {
            (Some(scheme_end), Some(at)) if !self.sqlite && at > scheme_end => {
                let credentials = &self.url[scheme_end + 3..at];
                let user = credentials.split(':').next().unwrap_or_default();
                write!(
                    f,
                    "{}{user}@{}",
                    &self.url[..scheme_end + 3],
                    &self.url[at + 1..]
                )
            }
            _ => f.write_str(&self.url),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sqlite_path_is_opened_read_write_and_created_when_missing() {
        let url = DatabaseUrl::parse("sqlite://maille.db").unwrap();
        assert_eq!(url.as_str(), "sqlite://maille.db?mode=rwc");
        assert!(url.is_sqlite());
        assert_eq!(
            DatabaseUrl::parse("sqlite:data/m.db?cache=shared")
                .unwrap()
                .as_str(),
            "sqlite://data/m.db?cache=shared&mode=rwc"
        );
    }

    #[test]
    fn an_explicit_sqlite_mode_is_kept() {
        let url = DatabaseUrl::parse("sqlite://m.db?mode=ro").unwrap();
        assert_eq!(url.as_str(), "sqlite://m.db?mode=ro");
    }

    #[test]
    fn a_postgres_url_is_kept_as_given() {
        let url = DatabaseUrl::parse("postgresql://postgres@127.0.0.1:5432/maille").unwrap();
        assert!(!url.is_sqlite());
        assert_eq!(url.as_str(), "postgresql://postgres@127.0.0.1:5432/maille");
    }

    #[test]
    fn an_unknown_scheme_is_refused_with_a_french_message() {
        let err = DatabaseUrl::parse("mysql://root@localhost/maille").unwrap_err();
        assert!(
            err.to_string()
                .contains("adresse de base de données non reconnue")
        );
        assert!(DatabaseUrl::parse("sqlite://").is_err());
        assert!(DatabaseUrl::parse("postgres://").is_err());
    }

    #[test]
    fn the_password_never_appears_when_a_url_is_shown() {
        let url = DatabaseUrl::parse("postgres://maille:s3cret@db.local/maille").unwrap();
        assert_eq!(url.to_string(), "postgres://maille@db.local/maille");
    }
}
