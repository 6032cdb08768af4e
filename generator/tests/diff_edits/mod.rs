//! Edits of the change report's fixtures (`tests/fixtures/diff/`), shared by the report's cases
//! (`tests/diff.rs`) and the proofs that its rules are true of the generated code
//! (`tests/rule_proofs.rs`).

/// Text replacements, each of which must apply.
pub type Edits = &'static [(&'static str, &'static str)];

pub const ROOMS: &str = include_str!("../fixtures/diff/rooms.yaml");
pub const SERVED: &str = include_str!("../fixtures/diff/served.yaml");
pub const ERROR_ROOMS: &str = include_str!("../fixtures/diff/rooms_errors.yaml");

/// A third server variable, with a default.
pub const A_TENANT_VARIABLE: Edits = &[
    ("/{version}\n", "/{version}/{tenant}\n"),
    (
        "      version:\n",
        "      tenant:\n        default: main\n      version:\n",
    ),
];

/// An OAuth 2 scheme as another way to authenticate.
pub const AN_OAUTH_ALTERNATIVE: Edits = &[
    ("  - basicAuth: []", "  - basicAuth: []\n  - oauth: []"),
    (
        "  securitySchemes:\n",
        "  securitySchemes:\n    oauth:\n      type: oauth2\n      flows: {clientCredentials: {tokenUrl: 'https://rooms.example.com/token', scopes: {}}}\n",
    ),
];

/// A field of `Room` that refers to a new schema.
pub const NEW_NAMED_TYPE: Edits = &[
    (
        "        date_created:\n",
        "        location:\n          $ref: '#/components/schemas/Location'\n        date_created:\n",
    ),
    (
        "  schemas:\n",
        "  schemas:\n    Location:\n      type: object\n      properties:\n        city:\n          type: string\n",
    ),
];

/// `FetchRoom` answers a page: one list of rooms and a next-page link.
pub const PAGED_FETCH: Edits = &[
    (
        "                  room:\n",
        "                  rooms:\n                    type: array\n                    items:\n                      $ref: '#/components/schemas/Room'\n                  room:\n",
    ),
    (
        "                      page:\n",
        "                      next_page_url:\n                        type: string\n                      page:\n",
    ),
];

/// FetchRoom's answer also documented as Server-Sent Events.
pub const EVENT_STREAM: Edits = &[(
    "                      page:\n                        type: integer\n        '404':\n",
    "                      page:\n                        type: integer\n            text/event-stream:\n              schema:\n                type: object\n                properties:\n                  ticks:\n                    type: integer\n        '404':\n",
)];

/// FetchRoom's 404 with a JSON body: an error enum.
pub const A_404_BODY: Edits = &[(
    "        '404':\n          description: Not Found\n",
    "        '404':\n          description: Not Found\n          content:\n            application/json:\n              schema:\n                type: object\n                properties:\n                  message:\n                    type: string\n",
)];

/// FetchRoom's `default` error beside its 404.
pub const A_DEFAULT_ERROR: Edits = &[(
    "                  message:\n                    type: string\n",
    "                  message:\n                    type: string\n        default:\n          description: Unexpected\n          content:\n            application/json:\n              schema:\n                type: object\n                properties:\n                  code:\n                    type: integer\n",
)];

/// CreateRoom's 202, with another body than its 201.
pub const A_202_OF_ANOTHER_BODY: Edits = &[(
    "                $ref: '#/components/schemas/Room'\n  /v1/Rooms/{Sid}:\n",
    "                $ref: '#/components/schemas/Room'\n        '202':\n          description: Queued\n          content:\n            application/json:\n              schema:\n                type: object\n                properties:\n                  queued:\n                    type: boolean\n  /v1/Rooms/{Sid}:\n",
)];

/// A second operation, `CloseRoom`.
pub const CLOSE_ROOM: Edits = &[(
    "components:\n",
    "  /v1/Rooms/{Sid}/Close:\n    post:\n      operationId: CloseRoom\n      responses:\n        '204':\n          description: No Content\ncomponents:\n",
)];

/// `ListRooms` gets its first parameter, and so a request struct.
pub const LIST_ROOMS_PARAMETER: Edits = &[(
    "      summary: List rooms\n",
    "      summary: List rooms\n      parameters:\n        - name: PageSize\n          in: query\n          schema:\n            type: integer\n",
)];

/// ListRooms answers CreateRoom's header too: the set becomes a shared `types` struct.
pub const SHARED_HEADERS: Edits = &[(
    "        '200':\n          description: OK\n          content:\n            application/json:\n              schema:\n                type: array\n",
    "        '200':\n          description: OK\n          headers:\n            X-Rate-Limit:\n              schema:\n                type: integer\n          content:\n            application/json:\n              schema:\n                type: array\n",
)];

/// A new operation answers with an object whose `meta` has the shape of `FetchRoom`'s: the
/// shape is defined once in `types`, and `FetchRoomResponseMeta` becomes an alias of it.
pub const SHARED_META: Edits = &[(
    "components:\n",
    "  /v1/Rooms/{Sid}/Meta:\n    get:\n      operationId: FetchRoomMeta\n      parameters:\n        - name: Sid\n          in: path\n          required: true\n          schema:\n            type: string\n      responses:\n        '200':\n          description: OK\n          content:\n            application/json:\n              schema:\n                type: object\n                properties:\n                  meta:\n                    type: object\n                    properties:\n                      page:\n                        type: integer\ncomponents:\n",
)];
