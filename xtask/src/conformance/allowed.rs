//! The allow-lists of Prism's own misjudgements: rejections of requests the API accepts, and
//! made-up answers the API never sends, each entry with its reason.

/// A rejection Prism itself gets wrong: for documents whose file name starts with
/// `document`, a violation message containing `message` (and starting with `location`).
pub struct Allowed {
    pub document: &'static str,
    pub location: &'static str,
    pub message: &'static str,
    pub reason: &'static str,
}

/// Where the mock's judgement is known to be wrong for a request the API itself accepts. Each
/// entry says why; keep it small.
pub const ALLOWED: &[Allowed] = &[
    Allowed {
        document: "twilio_",
        location: "body.",
        message: "must be object",
        reason: "Twilio reads a form field whose schema is an object as one field of JSON text \
                 (its SDKs send `RecordingRules={\"rules\":...}`, FORMATS.md); Prism expects \
                 the object's members as form keys (OpenAPI's default style, `form`, exploded)",
    },
    Allowed {
        document: "twilio_",
        location: "body.",
        message: "must be array",
        reason: "Twilio reads a form array as repeated keys (`VideoCodecs=VP8&VideoCodecs=H264`, \
                 OpenAPI's default for forms); Prism reads a repeated key of a form as one \
                 string and refuses it",
    },
    Allowed {
        document: "box",
        location: "body.attributes",
        message: "must be object",
        reason: "Box reads the multipart `attributes` part as JSON (\"these attributes are part \
                 of the multi part request body and are in JSON format\"), which the client sends \
                 with `Content-Type: application/json`, OpenAPI's default for an object part; \
                 Prism reads every multipart part as a string",
    },
    // Mistakes in the documents, which the generator warns about and the mock follows.
    Allowed {
        document: "box",
        location: "body",
        message: "must have required property 'grant_type'",
        reason: "Box's `PostOAuth2Revoke` requires `grant_type`, which its properties do not \
                 define (the generator warns at `#/components/schemas/PostOAuth2Revoke/required`); \
                 revoking takes `client_id`, `client_secret` and `token`",
    },
    Allowed {
        document: "box",
        location: "body.actionable_by",
        message: "must have required property 'id'",
        reason: "Box's `POST /invites` requires an `id` of `actionable_by`, which its properties \
                 do not define (the generator warns there); the invited user is named by `login`",
    },
    Allowed {
        document: "openai",
        location: "path",
        message: "must have required property 'cert_id'",
        reason: "OpenAI's `getCertificate` documents a path parameter `cert_id` that its path \
                 template (`/organization/certificates/{certificate_id}`) does not hold (the \
                 generator warns and leaves it out); the mock requires it all the same",
    },
    Allowed {
        document: "github",
        location: "request failed",
        message: "end of file before message length reached",
        reason: "GitHub documents `Content-Length: 279` as a header of `markdown/render`'s \
                 answer; Prism sends that header with an empty body, so no client can read the \
                 answer to its end",
    },
];

/// Where the mock's made-up answer is known not to be what the API sends: for documents whose
/// file name starts with `document`, a decode error containing `message`.
pub struct AllowedAnswer {
    pub document: &'static str,
    pub message: &'static str,
    pub reason: &'static str,
}

pub const ALLOWED_ANSWERS: &[AllowedAnswer] = &[
    AllowedAnswer {
        document: "twilio_",
        message: "header `Access-Control-Allow-Credentials`: expected `true` or `false`, got \"null\"",
        reason: "Prism makes up `null` for a documented boolean header without an example; \
                 Twilio sends `true`",
    },
    AllowedAnswer {
        document: "box",
        message: "created_by`: invalid type: sequence, expected a map",
        reason: "Box's document gives `created_by` (a user object) an example that is a list of \
                 one-member objects; Prism answers with that example",
    },
    AllowedAnswer {
        document: "box",
        message: "body field `application_type`: missing",
        reason: "Box documents two operations for `GET /shared_items`, told apart by a URL \
                 fragment (`#app_items`) that never reaches a server; Prism answers the other \
                 one's file or folder",
    },
    AllowedAnswer {
        document: "openai",
        message: "matches none of the variants (`EvalCustomDataSourceConfig`: field `schema`",
        reason: "OpenAI's document gives `schema`, an object, an example that is JSON text (a \
                 string); Prism answers with that example",
    },
    AllowedAnswer {
        document: "discord",
        message: "resolved.channels`: matches none of the variants (`ThreadResponse`: field `id`: missing",
        reason: "Prism makes up two entries for the map `resolved.channels` (its values a \
                 `oneOf` of four channel objects), the second an empty object, which none of \
                 the four allows (each requires `id`, `type` and `flags`); the first decodes",
    },
    AllowedAnswer {
        document: "openai.yaml",
        message: "body field `output[0].content[0].logprobs`: missing",
        reason: "OpenAI's 3.1 document gives `Response` an example whose `output_text` content \
                 has no `logprobs`, which `OutputTextContent` requires; Prism answers with that \
                 example",
    },
    AllowedAnswer {
        document: "openai.yaml",
        message: "body field `workflow.tracing`: missing",
        reason: "OpenAI's 3.1 document gives `ChatSessionResource` an example whose `workflow` \
                 has no `tracing`, which its schema requires; Prism answers with that example",
    },
    AllowedAnswer {
        document: "openai.yaml",
        message: "body field `output[0].id`: missing",
        reason: "OpenAI's 3.1 document gives `CompactResource` an example whose output messages \
                 have no `id`, which their schema requires; Prism answers with that example",
    },
    AllowedAnswer {
        document: "openai",
        message: "`testing_criteria`: invalid type: a string, expected an array",
        reason: "OpenAI's document gives `testing_criteria`, a list, the default `\"eval\"`; \
                 Prism answers with that default",
    },
];

/// The allow-list's reason for an answer that does not decode, if it has an entry.
pub fn allowed_answer(document: &str, why: &str) -> Option<&'static str> {
    ALLOWED_ANSWERS
        .iter()
        .find(|a| document.starts_with(a.document) && why.contains(a.message))
        .map(|a| a.reason)
}

/// The allow-list's reason for a rejection, if it has an entry.
pub fn allowed(document: &str, violation: &str) -> Option<&'static str> {
    ALLOWED
        .iter()
        .find(|a| {
            document.starts_with(a.document)
                && !violation.is_empty()
                && violation
                    .split("; ")
                    .all(|v| v.starts_with(a.location) && v.contains(a.message))
        })
        .map(|a| a.reason)
}
