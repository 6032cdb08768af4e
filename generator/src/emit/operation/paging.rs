//! Paged lists: the next-page call, a stream of every item (and their blocking forms).

use proc_macro2::TokenStream;
use quote::quote;

use super::{decoder, ident, method_link, ty};
use crate::plan::{Link, Operation, Paging};

/// For a paged list: the next-page call, a stream of every item, and the functions that read a
/// page's link and items.
pub(super) fn items(op: &Operation, paging: &Paging) -> TokenStream {
    let method = op.method.trim_start_matches("r#");
    let (next_page, stream, iter) = (
        ident(&paging.next_page),
        ident(&paging.stream),
        ident(&paging.iter),
    );
    let (next_link, split) = (ident(&paging.next_link_fn), ident(&paging.split_fn));
    let call = ident(&op.method);
    let (page_ty, headers_ty) = (ty(&op.success.body), ty(&op.success.headers));
    let item_ty = ty(&paging.item);
    let template = &op.path_template;
    // The decoder the plan gave the first page decodes every page.
    let decode = decoder(op.success.decoder);
    let link_text = |(rust, optional): &(String, bool), owner: TokenStream| {
        let rust = ident(rust);
        if *optional {
            quote!(#owner.#rust.as_deref())
        } else {
            quote!(Some(#owner.#rust.as_str()))
        }
    };
    let link = match &paging.link {
        Link::TopLevel { field } => link_text(field, quote!(page)),
        Link::Nested { outer, field } => {
            let outer_rust = ident(&outer.0);
            if outer.1 {
                let inner = link_text(field, quote!(meta));
                quote!(page.#outer_rust.as_ref().and_then(|meta| #inner))
            } else {
                link_text(field, quote!(page.#outer_rust))
            }
        }
    };
    let items_rust = ident(&paging.items.0);
    let items = if paging.items.1 {
        quote!(page.#items_rust.unwrap_or_default())
    } else {
        quote!(page.#items_rust)
    };
    let (arg, call_args) = match &op.request {
        None => (TokenStream::new(), TokenStream::new()),
        Some(request) => {
            let name = ident(&request.name);
            (quote!(request: &'a #name,), quote!(request,))
        }
    };
    let next_doc = format!(
        " The page after `page` of {}, or `None` after the last one. A next-page link that \
         leads to another host than the client's is refused, so credentials never leave it.",
        method_link(op)
    );
    let stream_doc = format!(
        " Every item of every page of {}, in order, fetched page by page (set the page size \
         on the request); stops after `limit` items when given, or after an error.",
        method_link(op)
    );
    let credentials = op.credentials;
    quote! {
        impl crate::Client {
            #[doc = #next_doc]
            #[inline]
            pub async fn #next_page(&self, page: &#page_ty) -> Result<Option<crate::Response<#page_ty, #headers_ty>>, crate::Error> {
                let Some(link) = #next_link(page) else { return Ok(None) };
                let call = self.core.next_page_call(#method, #template, #credentials, link, crate::runtime::#decode);
                call.await.map(Some)
            }

            #[doc = #stream_doc]
            #[inline]
            pub fn #stream<'a>(&'a self, #arg limit: Option<usize>) -> impl ::futures_util::Stream<Item = Result<#item_ty, crate::Error>> + 'a {
                crate::runtime::paging::items(
                    self.#call(#call_args),
                    move |link: String| {
                        self.core.next_page_call(#method, #template, #credentials, &link, crate::runtime::#decode)
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
