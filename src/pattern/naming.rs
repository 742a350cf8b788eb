//! How model names become API names: schema, property, path and enum-value names.
//!
//! Input: MIM names as the model spells them (spaces, hyphens, capitals) and the
//! profile's plural table.
//! Output: UpperCamelCase schema names, lowerCamelCase properties and query names,
//! kebab-case path segments, snake_case enum values; Dutch plurals by table or rule.
//! Not here: deciding which elements get names (the patterns do that).

use heck::{ToKebabCase, ToLowerCamelCase, ToSnakeCase, ToUpperCamelCase};

use crate::profile::Profile;

/// A component schema name: `Betrokkene bij klantcontact` → `BetrokkeneBijKlantcontact`.
pub fn schema_name(name: &str) -> String {
    ascii(name).to_upper_camel_case()
}

/// A property or query-parameter name: `Indicatie contact gelukt` → `indicatieContactGelukt`.
pub fn property_name(name: &str) -> String {
    ascii(name).to_lower_camel_case()
}

/// An enum value: `te verwerken` → `te_verwerken`.
pub fn enum_value(name: &str) -> String {
    ascii(name).to_snake_case()
}

/// A path segment: `Digitaal adres` → `digitaal-adres`.
pub fn kebab(name: &str) -> String {
    ascii(name).to_kebab_case()
}

/// The plural path segment of an objecttype or referentielijst: the profile's table first,
/// then a rule for regular Dutch plurals applied to the last word.
pub fn plural(name: &str, profile: &Profile) -> String {
    if let Some(plural) = profile.plurals.get(name) {
        return kebab(plural);
    }
    let singular = kebab(name);
    match singular.rsplit_once('-') {
        Some((head, last)) => format!("{head}-{}", plural_word(last)),
        None => plural_word(&singular),
    }
}

/// Regular Dutch plural of one lowercase word.
fn plural_word(word: &str) -> String {
    const VOWELS: &[char] = &['a', 'e', 'i', 'o', 'u'];
    let chars: Vec<char> = word.chars().collect();
    let n = chars.len();
    if n == 0 {
        return String::new();
    }
    let last = chars[n - 1];

    // Unstressed endings take -s: medewerker → medewerkers, tafel → tafels.
    for ending in ["el", "em", "en", "er", "je", "ie"] {
        if word.ends_with(ending) && n > 3 {
            return format!("{word}s");
        }
    }
    if last == 'e' {
        return format!("{word}n");
    }
    if VOWELS.contains(&last) || last == 'y' {
        return format!("{word}s");
    }

    // A long vowel written double before one consonant loses a letter: taak → taken.
    if n >= 3 && chars[n - 2] == chars[n - 3] && VOWELS.contains(&chars[n - 2]) {
        let mut shortened: String = chars[..n - 2].iter().collect();
        shortened.push(last);
        return format!("{shortened}en");
    }
    format!("{word}en")
}

/// Folds letters with accents to ASCII and drops other non-alphanumeric characters
/// except separators, so names stay valid in paths and identifiers.
fn ascii(name: &str) -> String {
    name.chars()
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ä' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            'À' | 'Á' | 'Â' | 'Ä' => 'A',
            'È' | 'É' | 'Ê' | 'Ë' => 'E',
            c if c.is_ascii_alphanumeric() => c,
            _ => ' ',
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_api_casing_rules() {
        assert_eq!(schema_name("Betrokkene bij klantcontact"), "BetrokkeneBijKlantcontact");
        assert_eq!(schema_name("Partij-identificator"), "PartijIdentificator");
        assert_eq!(property_name("Indicatie contact gelukt"), "indicatieContactGelukt");
        assert_eq!(property_name("ID"), "id");
        assert_eq!(enum_value("geautomatiseerde actor"), "geautomatiseerde_actor");
        assert_eq!(kebab("Overig Object"), "overig-object");
        assert_eq!(kebab("Één adres"), "een-adres");
    }

    #[test]
    fn regular_dutch_plurals() {
        let profile = Profile::default();
        assert_eq!(plural("Klantcontact", &profile), "klantcontacten");
        assert_eq!(plural("Bijlage", &profile), "bijlagen");
        assert_eq!(plural("Medewerker", &profile), "medewerkers");
        assert_eq!(plural("Interne taak", &profile), "interne-taken");
        assert_eq!(plural("Partij", &profile), "partijen");
        assert_eq!(plural("Actor", &profile), "actoren");
    }

    #[test]
    fn the_profile_table_wins() {
        let mut profile = Profile::default();
        profile.plurals.insert("Digitaal adres".into(), "digitale adressen".into());
        assert_eq!(plural("Digitaal adres", &profile), "digitale-adressen");
    }
}
