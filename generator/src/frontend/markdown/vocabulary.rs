//! The fixed words of the page layout (FORMATS.md), stated once.
//!
//! Two readers see these words: the re-flow finds them inside a one-line page to give it its
//! line breaks back, and the parser reads them from the multi-line page's blocks. Both look them
//! up here, under the one matching rule below, so the forms cannot drift apart.

use std::ops::RangeInclusive;

use crate::ir::ParamLocation;

/// One fixed word: its text as the layout writes it, where it stands and what it means.
#[derive(Debug)]
pub struct Word {
    pub text: &'static str,
    pub form: Form,
    pub meaning: Meaning,
}

/// Where a word stands.
#[derive(Debug)]
pub enum Form {
    /// A heading of this level whose whole text is the word (`## Servers`).
    Heading(usize),
    /// A heading at one of these levels whose text starts with the word; more follows it
    /// (`### Body: application/json (object)`).
    HeadingStart(RangeInclusive<usize>),
    /// A paragraph that starts with the word. With `under`, only under that word's heading and
    /// before its first bullet, where the layout puts it: elsewhere it is text.
    Paragraph { under: Option<Meaning> },
}

/// What a word tells the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Meaning {
    /// A plain list of servers follows.
    Servers,
    /// A plain list of authentication methods follows.
    AuthMethods,
    /// The parameter sections and the request body follow.
    Parameters,
    /// Parameter fields of one location follow.
    Params(ParamLocation),
    /// The older layout's request body: a `Content-type:` line, then its fields.
    BodyParameters,
    /// Status lines follow.
    Responses,
    /// The current response's header fields follow.
    ResponseHeaders,
    /// A request or response body: content type and root type, then its fields.
    Body,
    /// The content type of the older layout's `Body parameters`.
    ContentType,
    /// The Bump.sh footer: not part of the operation.
    Footer,
}

/// The layout's words. Spelling variants in case only are one entry (see [`starts_with_word`]).
pub const WORDS: &[Word] = &[
    heading(2, "Servers", Meaning::Servers),
    heading(2, "Authentication methods", Meaning::AuthMethods),
    heading(2, "Parameters", Meaning::Parameters),
    heading(2, "Body parameters", Meaning::BodyParameters),
    heading(2, "Responses", Meaning::Responses),
    heading(3, "Path parameters", Meaning::Params(ParamLocation::Path)),
    heading(3, "Query parameters", Meaning::Params(ParamLocation::Query)),
    heading(
        3,
        "Header parameters",
        Meaning::Params(ParamLocation::Header),
    ),
    heading(
        3,
        "Cookie parameters",
        Meaning::Params(ParamLocation::Cookie),
    ),
    heading(4, "Headers", Meaning::ResponseHeaders),
    // The layout writes `###` under Parameters and `####` under a status line; the parser has
    // always taken a body heading at any level, so the re-flow does too.
    body("Body:"),
    body("Body Parameters:"),
    Word {
        text: "Content-type:",
        form: Form::Paragraph {
            under: Some(Meaning::BodyParameters),
        },
        meaning: Meaning::ContentType,
    },
    Word {
        text: "[Powered by Bump.sh]",
        form: Form::Paragraph { under: None },
        meaning: Meaning::Footer,
    },
];

const fn heading(level: usize, text: &'static str, meaning: Meaning) -> Word {
    Word {
        text,
        form: Form::Heading(level),
        meaning,
    }
}

const fn body(text: &'static str) -> Word {
    Word {
        text,
        form: Form::HeadingStart(1..=6),
        meaning: Meaning::Body,
    }
}

/// The word a heading of `level` starts with, and the text after the word. A `Form::Heading`
/// word is the whole heading only when that rest is empty; the re-flow ends the heading there.
pub fn heading_word(level: usize, text: &str) -> Option<(&'static Word, &str)> {
    WORDS.iter().find_map(|word| {
        let at_level = match &word.form {
            Form::Heading(l) => *l == level,
            Form::HeadingStart(levels) => levels.contains(&level),
            Form::Paragraph { .. } => false,
        };
        at_level
            .then(|| starts_with_word(text, word.text))
            .flatten()
            .map(|rest| (word, rest))
    })
}

/// The word a paragraph starts with, and the text after it; `opened` is the word of the heading
/// above, if no bullet has come since.
pub fn paragraph_word(text: &str, opened: Option<Meaning>) -> Option<(&'static Word, &str)> {
    WORDS
        .iter()
        .filter(|word| match word.form {
            Form::Paragraph { under } => under.is_none() || under == opened,
            Form::Heading(_) | Form::HeadingStart(_) => false,
        })
        .find_map(|word| starts_with_word(text, word.text).map(|rest| (word, rest)))
}

/// The one matching rule: `text` starts with `word`, ASCII case-insensitive (pages write
/// `Body Parameters:` and `Body parameters:`). A word that ends in a letter must end there:
/// `Body parameters` is not the start of `Body parameters:` or `Body parametersX`.
pub fn starts_with_word<'t>(text: &'t str, word: &str) -> Option<&'t str> {
    let head = text.get(..word.len())?;
    if !head.eq_ignore_ascii_case(word) {
        return None;
    }
    let rest = &text[word.len()..];
    let open_ended = !word.ends_with(|c: char| c.is_alphanumeric());
    let ends = rest
        .chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric() && c != ':');
    (open_ended || ends).then_some(rest)
}
