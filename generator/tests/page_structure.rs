//! The type grammar and list structure of pages, completely: `( | null)`, nested arrays,
//! arrays of objects with their members below at any depth, descriptions that hold lists,
//! code, tables and links of their own, and pages of one reference that share a title. Each
//! case in both layouts where the one-line layout can carry it.

use generator::frontend::{self, Source};
use generator::ir::{Api, Field, Operation, Type};

fn read(pages: &[(&str, &str)]) -> (Option<Api>, Vec<String>) {
    let sources: Vec<Source> = pages
        .iter()
        .map(|(name, text)| Source {
            name: (*name).to_owned(),
            text: (*text).to_owned(),
        })
        .collect();
    let parsed = frontend::parse_sources(&sources);
    let messages = parsed
        .diagnostics
        .iter()
        .map(|d| {
            let text = sources
                .iter()
                .find(|s| s.name == d.file)
                .map_or("", |s| &s.text);
            format!("{}: {}", d.location(text), d.message)
        })
        .collect();
    (parsed.api, messages)
}

fn one_line(page: &str) -> String {
    page.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn only(api: &Api) -> &Operation {
    assert_eq!(api.operations.len(), 1, "{:#?}", api.operations);
    &api.operations[0]
}

fn response_fields(op: &Operation) -> &[Field] {
    match &op.responses[0].body.as_ref().expect("a body").ty {
        Type::Object { fields, .. } => fields,
        other => panic!("{other:?}"),
    }
}

fn field<'a>(fields: &'a [Field], wire: &str) -> &'a Field {
    fields
        .iter()
        .find(|f| f.name.wire == wire)
        .unwrap_or_else(|| panic!("no field {wire} in {fields:#?}"))
}

fn members(ty: &Type) -> &[Field] {
    match ty {
        Type::Object { fields, .. } => fields,
        Type::Array { items } => members(items),
        other => panic!("no members: {other:?}"),
    }
}

const COMPOSITION: &str = "# Fetch composition

**GET /v1/Compositions/{Sid}**

## Parameters

### Path parameters

- **Sid** (string)
  The SID.

## Responses

### 200 OK

#### Body: application/json (object)

- **video_layout** ( | null)
  An object that describes the video layout.
- **grouping_sids** ( | null)
- **anything** ()
- **matrix** (array[array[integer]] | null)
  Rows of cells.
- **resolution** (string)
  The string's format is `{width}x{height}` where:

  * 16 <= `{width}` <= 1280
  * 16 <= `{height}` <= 1280

  Typical values are:

  1. HD = `1280x720`
  2. VGA = `640x480`

  | name | value |
  |------|-------|
  | HD   | 1280x720 |

  ```text
  1280x720
  ```

  See [Specifying Video Layouts](https://www.twilio.com/docs/video).
- **rules** (array[object(recording-rule)])
  A list of recording rules. Each one:
  - includes or excludes
  - matches tracks
  - **type** (string)
    Whether the rule includes or excludes.
  - **all** (boolean)
  - **filters** (array[object])
    - **kind** (string)
    - **tracks** (array[array[object]])
      - **sid** (string | null)
        The track's SID.
- **size** (integer)
";

#[test]
fn untyped_nullable_values_and_nested_arrays_in_both_layouts() {
    for (layout, page) in [
        ("multi-line", COMPOSITION.to_owned()),
        ("one-line", one_line(COMPOSITION)),
    ] {
        let (api, messages) = read(&[("composition.md", &page)]);
        let api = api.unwrap_or_else(|| panic!("{layout}: {messages:#?}"));
        let fields = response_fields(only(&api));
        for wire in ["video_layout", "grouping_sids"] {
            let f = field(fields, wire);
            assert_eq!((&f.ty, f.nullable), (&Type::Any, true), "{layout} {wire}");
        }
        let anything = field(fields, "anything");
        assert_eq!((&anything.ty, anything.nullable), (&Type::Any, false));
        let matrix = field(fields, "matrix");
        let Type::Array { items } = &matrix.ty else {
            panic!("{layout}: {:?}", matrix.ty)
        };
        assert!(
            matrix.nullable
                && matches!(items.as_ref(), Type::Array { items } if matches!(items.as_ref(), Type::Integer { .. })),
            "{layout}: {matrix:?}"
        );
        assert_eq!(matrix.description, "Rows of cells.");
    }
}

#[test]
fn array_items_members_below_make_a_vec_of_a_struct_at_any_depth() {
    let (api, messages) = read(&[("composition.md", COMPOSITION)]);
    let api = api.unwrap_or_else(|| panic!("{messages:#?}"));
    let fields = response_fields(only(&api));
    let rules = field(fields, "rules");
    let Type::Array { items } = &rules.ty else {
        panic!("{:?}", rules.ty)
    };
    let Type::Object {
        name, fields: rule, ..
    } = items.as_ref()
    else {
        panic!("{items:?}")
    };
    assert_eq!(name, "FetchCompositionResponseRules");
    let wires: Vec<&str> = rule.iter().map(|f| f.name.wire.as_str()).collect();
    assert_eq!(wires, ["type", "all", "filters"]);
    // Three levels down, through an array of arrays of objects.
    let filters = members(&field(rule, "filters").ty);
    let tracks = field(filters, "tracks");
    let Type::Array { items } = &tracks.ty else {
        panic!()
    };
    let Type::Array { items } = items.as_ref() else {
        panic!("{items:?}")
    };
    let Type::Object { name, fields, .. } = items.as_ref() else {
        panic!("{items:?}")
    };
    assert_eq!(name, "FetchCompositionResponseRulesFiltersTracks");
    assert_eq!(fields[0].name.wire, "sid");
    assert!(fields[0].nullable);
    assert_eq!(fields[0].description, "The track's SID.");
    // The field after the nested list is the response's, not a member of `rules`.
    assert_eq!(fields.len(), 1);
    assert_eq!(
        field(response_fields(only(&api)), "size").ty,
        Type::Integer { format: None }
    );
    // The page reads without a warning: every member is indented as the layout indents them.
    assert!(messages.is_empty(), "{messages:#?}");
}

#[test]
fn a_description_keeps_its_lists_code_tables_and_links_as_markdown() {
    let (api, _) = read(&[("composition.md", COMPOSITION)]);
    let fields = response_fields(only(api.as_ref().unwrap()));
    let resolution = field(fields, "resolution");
    assert_eq!(resolution.ty, Type::String { format: None });
    assert_eq!(
        resolution.description,
        "The string's format is `{width}x{height}` where:\n\n\
         * 16 <= `{width}` <= 1280\n* 16 <= `{height}` <= 1280\n\n\
         Typical values are:\n\n\
         1. HD = `1280x720`\n2. VGA = `640x480`\n\n\
         | name | value |\n|------|-------|\n| HD | 1280x720 |\n\n\
         ```text\n1280x720\n```\n\n\
         See [Specifying Video Layouts](https://www.twilio.com/docs/video)."
    );
    // A bulleted list in a description, directly followed by a real member.
    let rules = field(fields, "rules");
    assert_eq!(
        rules.description,
        "A list of recording rules. Each one:\n- includes or excludes\n- matches tracks"
    );
}

#[test]
fn the_one_line_layout_keeps_the_description_text() {
    let (api, messages) = read(&[("composition.md", &one_line(COMPOSITION))]);
    let api = api.unwrap_or_else(|| panic!("{messages:#?}"));
    let resolution = field(response_fields(only(&api)), "resolution");
    assert!(
        resolution
            .description
            .starts_with("The string's format is `{width}x{height}` where: * 16 <= `{width}`"),
        "{}",
        resolution.description
    );
    assert!(
        resolution
            .description
            .ends_with("(https://www.twilio.com/docs/video).")
    );
}

#[test]
fn members_at_an_indentation_the_layout_does_not_use_are_read_with_a_warning() {
    let page = "# Fetch thing\n\n**GET /v1/Things**\n\n## Responses\n\n### 200 OK\n\n\
                #### Body: application/json (object)\n\n\
                - **parent** (object)\n   - **child** (string)\n- **next** (string)\n";
    let (api, messages) = read(&[("thing.md", page)]);
    let api = api.expect("read with a warning");
    let parent = field(response_fields(only(&api)), "parent");
    assert_eq!(members(&parent.ty)[0].name.wire, "child");
    assert_eq!(messages.len(), 1, "{messages:#?}");
    assert!(
        messages[0].contains("indented 3 columns, not 2")
            && messages[0].contains("member of `parent`")
            && messages[0].contains("thing.md:12:6"),
        "{}",
        messages[0]
    );
}

#[test]
fn members_below_a_field_that_is_no_object_stay_in_its_description() {
    let page = "# Fetch thing\n\n**GET /v1/Things**\n\n## Responses\n\n### 200 OK\n\n\
                #### Body: application/json (object)\n\n\
                - **name** (string)\n  Its name.\n  - **first** (string)\n";
    let (api, messages) = read(&[("thing.md", page)]);
    let name = field(response_fields(only(api.as_ref().unwrap())), "name");
    assert_eq!(name.ty, Type::String { format: None });
    assert_eq!(name.description, "Its name.\n- **first** (string)");
    assert!(
        messages.len() == 1 && messages[0].contains("type is not an object"),
        "{messages:#?}"
    );
}

#[test]
fn a_repeated_member_keeps_the_first_with_a_warning() {
    // How a one-line page reads a list whose member and sibling share a name.
    let page = "# List things **GET /v1/Things** ## Responses ### 200 OK \
                #### Body: application/json (object) - **things** (array[object]) \
                - **url** (string(uri)) A thing's URL. - **url** (string) The page's URL.";
    let (api, messages) = read(&[("things.md", page)]);
    let fields = response_fields(only(api.as_ref().unwrap()));
    assert_eq!(fields.len(), 2);
    assert_eq!(field(fields, "url").description, "A thing's URL.");
    assert!(
        messages.len() == 1 && messages[0].contains("duplicate field `url`: the first is kept"),
        "{messages:#?}"
    );
}

fn titled(title: &str, route: &str) -> String {
    format!("# {title}\n\n**{route}**\n\n## Responses\n\n### 200 OK\n")
}

const MAPPINGS: &str = "Retrieve a list of credential list mappings";

#[test]
fn pages_with_one_title_and_different_routes_are_named_after_them() {
    let calls = titled(
        MAPPINGS,
        "GET /2010-04-01/Accounts/{AccountSid}/SIP/Domains/{DomainSid}/CredentialListMappings.json",
    );
    let auth = titled(
        MAPPINGS,
        "GET /2010-04-01/Accounts/{AccountSid}/SIP/Domains/{DomainSid}/Auth/Calls/CredentialListMappings.json",
    );
    let other = titled("Fetch thing", "GET /v1/Things");
    for order in [[&calls, &auth, &other], [&other, &auth, &calls]] {
        let pages: Vec<(&str, &str)> = order
            .iter()
            .enumerate()
            .map(|(i, text)| (["a.md", "b.md", "c.md"][i], text.as_str()))
            .collect();
        let (api, messages) = read(&pages);
        let api = api.unwrap_or_else(|| panic!("{messages:#?}"));
        let mut names: Vec<(&str, &str)> = api
            .operations
            .iter()
            .map(|op| (op.name.rust.as_str(), op.type_name.as_str()))
            .collect();
        names.sort();
        assert_eq!(
            names,
            [
                ("fetch_thing", "FetchThing"),
                (
                    "get_2010_04_01_accounts_account_sid_sip_domains_domain_sid_auth_calls_credential_list_mappings_json",
                    "Get20100401AccountsAccountSidSipDomainsDomainSidAuthCallsCredentialListMappingsJson"
                ),
                (
                    "get_2010_04_01_accounts_account_sid_sip_domains_domain_sid_credential_list_mappings_json",
                    "Get20100401AccountsAccountSidSipDomainsDomainSidCredentialListMappingsJson"
                ),
            ]
        );
        let warnings: Vec<&String> = messages
            .iter()
            .filter(|m| m.contains("2 pages are titled"))
            .collect();
        assert_eq!(warnings.len(), 2, "{messages:#?}");
        assert!(warnings.iter().all(|w| w.contains(":1:3")), "{warnings:#?}");
    }
}

#[test]
fn one_route_documented_twice_stays_an_error() {
    let page = titled("Fetch thing", "GET /v1/Things");
    let (api, messages) = read(&[("a.md", &page), ("b.md", &page)]);
    assert!(api.is_none());
    assert!(
        messages
            .iter()
            .any(|m| m.contains("operation `fetch_thing` is also defined in a.md")),
        "{messages:#?}"
    );
}
