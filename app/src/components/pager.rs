//! Moving through a list shown a page at a time.

use leptos::prelude::*;

/// Which way the list runs, for the words on the links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// Alphabetical and the like: "← Previous", "Next →".
    Forward,
    /// Newest first: "← Newer", "Older →".
    NewestFirst,
}

/// "← Previous · Page 2 of 5 · Next →", shown only for a list longer than a page. `page` is
/// zero-based; `href` builds a page's address.
#[component]
pub fn Pager(
    page: u64,
    total: u64,
    per_page: u64,
    href: impl Fn(u64) -> String + 'static,
    order: Order,
) -> impl IntoView {
    let pages = total.div_ceil(per_page.max(1)).max(1);
    let (back, on) = match order {
        Order::Forward => ("← Previous", "Next →"),
        Order::NewestFirst => ("← Newer", "Older →"),
    };
    // A list that fits on one page needs no pager (unless the address asked for a later page).
    (page > 0 || pages > 1).then(|| {
        view! {
            <nav class="pager" aria-label="Pages">
                {(page > 0).then(|| view! { <a href=href(page - 1)>{back}</a> })}
                <span>"Page " {page + 1} " of " {pages}</span>
                {(page + 1 < pages).then(|| view! { <a href=href(page + 1)>{on}</a> })}
            </nav>
        }
    })
}

/// The address of a page of a searchable list: `path?q=…&page=N`.
pub fn search_href(path: &str, search: Option<&str>, page: u64) -> String {
    match search {
        Some(q) => format!(
            "{path}?q={}&page={page}",
            q.replace('%', "%25")
                .replace('&', "%26")
                .replace('#', "%23")
                .replace('+', "%2B")
                .replace(' ', "+")
        ),
        None => format!("{path}?page={page}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_search_survives_the_trip_through_the_address() {
        assert_eq!(search_href("/admin/teams", None, 2), "/admin/teams?page=2");
        assert_eq!(
            search_href("/admin/people", Some("R&D +1 50%"), 0),
            "/admin/people?q=R%26D+%2B1+50%25&page=0"
        );
    }
}
