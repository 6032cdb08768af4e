//! Paged lists: the next-page call, a stream of every item (and their blocking forms), for
//! Twilio's `meta.next_page_url` and the 2010 API's `next_page_uri`.

use proc_macro2::TokenStream;
use quote::quote;

use super::OperationEmitter;
use crate::emit::types::{ident, json_optional};
use crate::ir::{Field, Method, Type};

/// How the pages of a list operation link to each other.
pub(super) struct Paging<'a> {
    /// The array of the page's items.
    items: &'a Field,
    item_type: &'a Type,
    link: NextLink<'a>,
}

enum NextLink<'a> {
    /// Twilio's v1 APIs: `meta.next_page_url`.
    InMeta { meta: &'a Field, url: &'a Field },
    /// Twilio's 2010 API: a top-level `next_page_uri`, relative to the host.
    TopLevel(&'a Field),
}

impl<'a> OperationEmitter<'a> {
    /// A GET whose answer holds one array of items and a next-page link is a paged list.
    pub(super) fn paging(&self) -> Option<Paging<'a>> {
        if self.op.method != Method::Get {
            return None;
        }
        let body = self.op.success()?.body.as_ref()?;
        let Type::Object { fields, .. } = self.space.resolve(&body.ty) else {
            return None;
        };
        let link = match fields.iter().find(|f| f.name.wire == "next_page_uri") {
            Some(url) => NextLink::TopLevel(url),
            None => {
                let meta = fields.iter().find(|f| f.name.wire == "meta")?;
                let Type::Object {
                    fields: meta_fields,
                    ..
                } = self.space.resolve(&meta.ty)
                else {
                    return None;
                };
                let url = meta_fields
                    .iter()
                    .find(|f| f.name.wire == "next_page_url")?;
                NextLink::InMeta { meta, url }
            }
        };
        let mut arrays = fields
            .iter()
            .filter(|f| matches!(self.space.resolve(&f.ty), Type::Array { .. }));
        let (Some(items), None) = (arrays.next(), arrays.next()) else {
            return None;
        };
        let Type::Array { items: item_type } = self.space.resolve(&items.ty) else {
            return None;
        };
        Some(Paging {
            items,
            item_type,
            link,
        })
    }

    /// For a paged list: the next-page call, a stream of every item, and the functions that
    /// read a page's link and items.
    pub(super) fn paging_items(&self, paging: &Paging) -> TokenStream {
        let op = self.op;
        let method = op.name.rust.trim_start_matches("r#");
        let (next_page, stream) = (
            quote::format_ident!("{method}_next_page"),
            quote::format_ident!("{method}_stream"),
        );
        let (next_link, split) = (
            quote::format_ident!("{method}_next_link"),
            quote::format_ident!("{method}_split"),
        );
        let iter = quote::format_ident!("{method}_iter");
        let call = ident(&op.name.rust);
        let (page_ty, headers_ty, _) = self.decoded_types();
        let item_ty = self.space.rust_type(paging.item_type);
        let template = &op.path.template;
        let link_text = |field: &Field, owner: TokenStream| {
            let rust = ident(&field.name.rust);
            if json_optional(field) {
                quote!(#owner.#rust.as_deref())
            } else {
                quote!(Some(#owner.#rust.as_str()))
            }
        };
        let link = match &paging.link {
            NextLink::TopLevel(url) => link_text(url, quote!(page)),
            NextLink::InMeta { meta, url } => {
                let meta_rust = ident(&meta.name.rust);
                if json_optional(meta) {
                    let inner = link_text(url, quote!(meta));
                    quote!(page.#meta_rust.as_ref().and_then(|meta| #inner))
                } else {
                    link_text(url, quote!(page.#meta_rust))
                }
            }
        };
        let items_rust = ident(&paging.items.name.rust);
        let items = if json_optional(paging.items) {
            quote!(page.#items_rust.unwrap_or_default())
        } else {
            quote!(page.#items_rust)
        };
        let (arg, call_args) = if self.fields.is_empty() {
            (TokenStream::new(), TokenStream::new())
        } else {
            let name = ident(&self.request_name());
            (quote!(request: &'a #name,), quote!(request,))
        };
        let next_doc = format!(
            " The page after `page` of {}, or `None` after the last one. A next-page link that \
             leads to another host than the client's is refused, so credentials never leave it.",
            self.method_link()
        );
        let stream_doc = format!(
            " Every item of every page of {}, in order, fetched page by page (set the page size \
             on the request); stops after `limit` items when given, or after an error.",
            self.method_link()
        );
        quote! {
            impl crate::Client {
                #[doc = #next_doc]
                #[inline]
                pub async fn #next_page(&self, page: &#page_ty) -> Result<Option<crate::Response<#page_ty, #headers_ty>>, crate::Error> {
                    let Some(link) = #next_link(page) else { return Ok(None) };
                    let call = self.core.next_page_call(#method, #template, link, crate::runtime::decode_json);
                    call.await.map(Some)
                }

                #[doc = #stream_doc]
                #[inline]
                pub fn #stream<'a>(&'a self, #arg limit: Option<usize>) -> impl ::futures_util::Stream<Item = Result<#item_ty, crate::Error>> + 'a {
                    crate::runtime::paging::items(
                        self.#call(#call_args),
                        move |link: String| {
                            self.core.next_page_call(#method, #template, &link, crate::runtime::decode_json)
                        },
                        #split,
                        limit,
                    )
                }
            }

            #[cfg(feature = "blocking")]
            impl crate::blocking::Client {
                #[doc = #next_doc]
                #[inline]
                pub fn #next_page(&self, page: &#page_ty) -> Result<Option<crate::Response<#page_ty, #headers_ty>>, crate::Error> {
                    self.block_on(self.as_async().#next_page(page))
                }

                #[doc = #stream_doc]
                #[inline]
                pub fn #iter<'a>(&'a self, #arg limit: Option<usize>) -> impl Iterator<Item = Result<#item_ty, crate::Error>> + 'a {
                    self.iter(self.as_async().#stream(#call_args limit))
                }
            }

            /// The next-page link of a page of the list, if there is a next page.
            #[inline]
            fn #next_link(page: &#page_ty) -> Option<&str> {
                #link.filter(|link| !link.is_empty())
            }

            /// A page's items and its next-page link.
            #[inline]
            fn #split(page: #page_ty) -> (Vec<#item_ty>, Option<String>) {
                let next = #next_link(&page).map(str::to_owned);
                (#items, next)
            }
        }
    }
}
