//! Facts read out of descriptions: "Can be `POST` or `GET`", "The maximum allowed value is 50",
//! "Valid values range from 1 to 60", "The default is 14400". Each fact keeps the sentence it
//! came from ([`Origin::Prose`]), so a reader can judge it; the generator only documents them.

use crate::ir::{Fact, FactKind, Origin};

pub fn mine(description: &str) -> Vec<Fact> {
    let mut facts = Vec::new();
    for sentence in sentences(description) {
        let lower = sentence.to_ascii_lowercase();
        let mut push = |kind| {
            facts.push(Fact {
                kind,
                origin: Origin::Prose {
                    quote: sentence.to_owned(),
                },
            })
        };
        if let Some(values) = allowed_values(sentence, &lower) {
            push(FactKind::AllowedValues(values));
        }
        for phrase in [
            "maximum allowed value is",
            "maximum possible value is",
            "maximum value is",
        ] {
            if let Some(n) = number_after(&lower, phrase) {
                push(FactKind::Maximum(n));
            }
        }
        for phrase in [
            "minimum allowed value is",
            "minimum possible value is",
            "minimum value is",
        ] {
            if let Some(n) = number_after(&lower, phrase) {
                push(FactKind::Minimum(n));
            }
        }
        if let Some(at) = lower.find("range from ") {
            let rest = &lower[at + "range from ".len()..];
            if let Some((low, high)) = rest.split_once(" to ") {
                if let (Some(low), Some(high)) = (leading_number(low), leading_number(high)) {
                    push(FactKind::Minimum(low));
                    push(FactKind::Maximum(high));
                }
            }
        }
        if let Some(value) = default_value(sentence, &lower) {
            push(FactKind::Default(value));
        }
    }
    facts
}

/// Splits at `. ` outside inline code; keeps the final sentence without its period.
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let (mut start, mut in_code) = (0, false);
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'`' => in_code = !in_code,
            b'.' if !in_code && bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()) => {
                out.push(text[start..=i].trim());
                start = i + 1;
            }
            _ => {}
        }
    }
    out.push(text[start..].trim());
    out.retain(|s| !s.is_empty());
    out
}

/// "Can be `VP8` and `H264`", "Can be: `a`, `b`, or `c`", "Can be one of `x` or `y`".
fn allowed_values(sentence: &str, lower: &str) -> Option<Vec<String>> {
    let at = lower.find("can be")?;
    let mut rest = sentence[at + "can be".len()..].trim_start();
    for filler in [":", "one of:", "one of"] {
        if let Some(stripped) = rest.strip_prefix(filler) {
            rest = stripped.trim_start();
        }
    }
    let mut values = Vec::new();
    while let Some((code, end)) = rest
        .strip_prefix('`')
        .and_then(|code| Some((code, code.find('`')?)))
    {
        values.push(code[..end].to_owned());
        rest = code[end + 1..].trim_start();
        let before = rest;
        for joiner in [",", "or", "and"] {
            if let Some(stripped) = rest.strip_prefix(joiner) {
                rest = stripped.trim_start();
            }
        }
        if before == rest {
            break;
        }
    }
    (!values.is_empty()).then_some(values)
}

/// "The default is 14400", "defaults to `POST`".
fn default_value(sentence: &str, lower: &str) -> Option<String> {
    ["default is ", "defaults to "]
        .into_iter()
        .find_map(|phrase| {
            let at = lower.find(phrase)? + phrase.len();
            let rest = &sentence[at..];
            if let Some(code) = rest.strip_prefix('`') {
                return code.find('`').map(|end| code[..end].to_owned());
            }
            leading_number(rest).map(|n| n.to_string())
        })
}

fn number_after(lower: &str, phrase: &str) -> Option<serde_json::Number> {
    let at = lower.find(phrase)? + phrase.len();
    leading_number(lower[at..].trim_start())
}

/// An integer at the start of `text` (`86400`, `-1`).
fn leading_number(text: &str) -> Option<serde_json::Number> {
    let text = text.trim_start();
    let len = text
        .char_indices()
        .take_while(|&(i, c)| c.is_ascii_digit() || (i == 0 && c == '-'))
        .count();
    text[..len]
        .parse::<i64>()
        .ok()
        .map(serde_json::Number::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<FactKind> {
        mine(text).into_iter().map(|f| f.kind).collect()
    }

    #[test]
    fn mines_the_seed_phrasings() {
        let values =
            |v: &[&str]| FactKind::AllowedValues(v.iter().map(|s| s.to_string()).collect());
        assert_eq!(
            kinds("The HTTP method. Can be `POST` or `GET`."),
            vec![values(&["POST", "GET"])]
        );
        assert_eq!(
            kinds("Codecs. Can be: `VP8` and `H264`."),
            vec![values(&["VP8", "H264"])]
        );
        assert_eq!(
            kinds("Can be `POST` or `GET` and defaults to `POST`."),
            vec![values(&["POST", "GET"]), FactKind::Default("POST".into())]
        );
        assert_eq!(
            kinds("The maximum allowed value is 50."),
            vec![FactKind::Maximum(50.into())]
        );
        assert_eq!(
            kinds("Valid values range from 1 to 60 minutes (no fractions)."),
            vec![FactKind::Minimum(1.into()), FactKind::Maximum(60.into())]
        );
        assert_eq!(
            kinds(
                "The maximum possible value is 86400 seconds (24 hours). The default is 14400 seconds (4 hours)."
            ),
            vec![
                FactKind::Maximum(86400.into()),
                FactKind::Default("14400".into())
            ]
        );
        assert_eq!(
            kinds("Can be one of the [available Media Regions](https://x)."),
            vec![]
        );
    }

    #[test]
    fn each_fact_quotes_its_sentence() {
        let facts = mine("Whether it is on. The maximum allowed value is 50.");
        assert_eq!(
            facts[0].origin,
            Origin::Prose {
                quote: "The maximum allowed value is 50.".into()
            }
        );
    }
}
