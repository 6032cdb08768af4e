//! An operation's path: its template split into literal text and parameters.

use serde::{Deserialize, Serialize};

/// `/v1/Rooms/{Sid}` split into segments of literal text and parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PathTemplate {
    /// As documented.
    pub template: String,
    /// One entry per `/`-separated segment after the leading `/`.
    pub segments: Vec<Vec<PathPart>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum PathPart {
    Literal(String),
    /// The wire name of a path parameter.
    Param(String),
}

impl PathTemplate {
    /// Splits `/v1/Rooms/{Sid}.json` into segments of literals and parameters. Empty segments
    /// (the leading `/`, `//`, a trailing `/`) address nothing of their own and are dropped.
    /// An error gives the byte offset in `path` of the `{` that is not closed by a `}` around
    /// a non-empty name.
    pub fn parse(path: &str) -> Result<PathTemplate, usize> {
        let mut segments = Vec::new();
        let mut offset = 0;
        for segment in path.split('/') {
            let segment_offset = offset;
            offset += segment.len() + 1;
            if segment.is_empty() {
                continue;
            }
            let mut parts = Vec::new();
            let mut rest = segment;
            while let Some(open) = rest.find('{') {
                let at = segment_offset + (segment.len() - rest.len()) + open;
                let close = rest[open..]
                    .find('}')
                    .map(|c| open + c)
                    .filter(|c| *c > open + 1)
                    .ok_or(at)?;
                if open > 0 {
                    parts.push(PathPart::Literal(rest[..open].to_owned()));
                }
                parts.push(PathPart::Param(rest[open + 1..close].to_owned()));
                rest = &rest[close + 1..];
            }
            if !rest.is_empty() {
                parts.push(PathPart::Literal(rest.to_owned()));
            }
            segments.push(parts);
        }
        Ok(PathTemplate {
            template: path.to_owned(),
            segments,
        })
    }

    /// Wire names of the template's parameters, in order.
    pub fn params(&self) -> impl Iterator<Item = &str> {
        self.segments
            .iter()
            .flatten()
            .filter_map(|part| match part {
                PathPart::Param(name) => Some(name.as_str()),
                PathPart::Literal(_) => None,
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_templates_split_into_literals_and_parameters() {
        let template = PathTemplate::parse("/v1/Rooms/{RoomSid}/Recordings/{Sid}.json/").unwrap();
        assert_eq!(template.params().collect::<Vec<_>>(), ["RoomSid", "Sid"]);
        assert_eq!(
            template.segments[4],
            [
                PathPart::Param("Sid".into()),
                PathPart::Literal(".json".into())
            ]
        );
        assert_eq!(template.segments.len(), 5, "empty segments are dropped");
        assert_eq!(PathTemplate::parse("/v1/{Sid"), Err(4));
        assert_eq!(PathTemplate::parse("/v1/{}"), Err(4));
    }
}
