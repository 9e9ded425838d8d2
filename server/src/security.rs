//! Request hardening: cross-origin writes refused, security headers on every response.

use std::net::SocketAddr;

use app::server::{
    client_address::{client_of, ClientAddress},
    state::AppState,
};
use axum::{
    extract::{ConnectInfo, Request, State},
    http::{header, HeaderMap, HeaderValue, Method, StatusCode},
    middleware::Next,
    response::{IntoResponse, Response},
};
use leptos::prelude::use_context;

/// Refuses state-changing requests whose `Origin` (or, without one, `Referer`) names another
/// host than the one they were sent to. Requests with neither come from non-browser clients,
/// which cannot be tricked into sending a user's cookie, and pass.
pub async fn refuse_cross_origin(request: Request, next: Next) -> Response {
    if is_safe_method(request.method()) || is_same_origin(request.headers()) {
        return next.run(request).await;
    }
    tracing::warn!(
        method = %request.method(),
        path = %loggable_path(request.uri().path()),
        origin = ?request.headers().get(header::ORIGIN),
        "refused a cross-origin request"
    );
    (
        StatusCode::FORBIDDEN,
        "cross-origin requests may not change anything here",
    )
        .into_response()
}

/// Sets the request's [`ClientAddress`]: the TCP peer, or the client a trusted proxy names in
/// `X-Forwarded-For` (every occurrence of the header, in order). Runs before anything that
/// rate-limits.
pub async fn identify_client(
    State(state): State<AppState>,
    mut request: Request,
    next: Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(address)| address.ip());
    if let Some(peer) = peer {
        let forwarded: Vec<&str> = request
            .headers()
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|value| value.to_str().ok())
            .collect();
        let forwarded = (!forwarded.is_empty()).then(|| forwarded.join(","));
        let client = client_of(peer, forwarded.as_deref(), &state.trusted_proxies);
        request.extensions_mut().insert(ClientAddress(client));
    }
    next.run(request).await
}

fn is_safe_method(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn is_same_origin(headers: &HeaderMap) -> bool {
    let host = headers
        .get(header::HOST)
        .and_then(|value| value.to_str().ok());
    let source = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER))
        .map(|value| value.to_str().ok().and_then(authority_of));
    match (source, host) {
        (None, _) => true,
        (Some(Some(authority)), Some(host)) => authority.eq_ignore_ascii_case(host),
        // An unreadable or "null" origin, or a request without a Host header.
        _ => false,
    }
}

/// A request path fit for the log: the secret of an enrollment link (`/join/{token}`, the page
/// and the API) is replaced, since whoever reads the log could otherwise enroll as its team.
pub fn loggable_path(path: &str) -> String {
    let mut redacted = Vec::new();
    let mut after_join = false;
    for segment in path.split('/') {
        redacted.push(if after_join && !segment.is_empty() {
            "…"
        } else {
            segment
        });
        after_join = segment == "join";
    }
    redacted.join("/")
}

/// `https://example.org:8443/path` → `example.org:8443`.
fn authority_of(url: &str) -> Option<&str> {
    let (_, rest) = url.split_once("://")?;
    let authority = rest.split(['/', '?', '#']).next()?;
    (!authority.is_empty()).then_some(authority)
}

/// The policy for every response: scripts only from this origin (and, on pages, the inline
/// hydration script carrying this response's nonce); WebAssembly may be compiled; no framing.
pub fn content_security_policy(nonce: Option<&str>) -> String {
    let nonce = nonce
        .map(|nonce| format!(" 'nonce-{nonce}'"))
        .unwrap_or_default();
    format!(
        "default-src 'self'; script-src 'self'{nonce} 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; \
         form-action 'self'; frame-ancestors 'none'"
    )
}

/// Called while a page renders: its policy allows the hydration script by this render's nonce.
pub fn add_page_policy() {
    let Some(response) = use_context::<leptos_axum::ResponseOptions>() else {
        return;
    };
    let nonce = leptos::nonce::use_nonce();
    if let Ok(policy) = HeaderValue::from_str(&content_security_policy(nonce.as_deref())) {
        response.insert_header(header::CONTENT_SECURITY_POLICY, policy);
    }
}

pub async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        if let Ok(policy) = HeaderValue::from_str(&content_security_policy(None)) {
            headers.insert(header::CONTENT_SECURITY_POLICY, policy);
        }
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(
                name.clone(),
                HeaderValue::from_str(value).expect("header value"),
            );
        }
        map
    }

    #[test]
    fn a_form_posted_from_the_same_host_is_allowed() {
        let same = headers(&[
            (header::HOST, "pilot.example.org"),
            (header::ORIGIN, "https://pilot.example.org"),
        ]);
        assert!(is_same_origin(&same));
    }

    #[test]
    fn a_post_from_another_site_is_refused() {
        let other = headers(&[
            (header::HOST, "pilot.example.org"),
            (header::ORIGIN, "https://evil.example.com"),
        ]);
        assert!(!is_same_origin(&other));
    }

    #[test]
    fn the_referer_counts_when_there_is_no_origin() {
        let other = headers(&[
            (header::HOST, "127.0.0.1:3000"),
            (header::REFERER, "http://127.0.0.1:3001/plan?x=1"),
        ]);
        assert!(!is_same_origin(&other));
        let same = headers(&[
            (header::HOST, "127.0.0.1:3000"),
            (header::REFERER, "http://127.0.0.1:3000/plan?x=1"),
        ]);
        assert!(is_same_origin(&same));
    }

    #[test]
    fn a_null_origin_is_refused_and_no_origin_at_all_is_allowed() {
        assert!(!is_same_origin(&headers(&[
            (header::HOST, "a"),
            (header::ORIGIN, "null")
        ])));
        assert!(is_same_origin(&headers(&[(header::HOST, "a")])));
    }

    #[test]
    fn enrollment_secrets_never_reach_the_log() {
        assert_eq!(loggable_path("/join/s3cr3t"), "/join/…");
        assert_eq!(loggable_path("/api/v1/join/s3cr3t"), "/api/v1/join/…");
        assert_eq!(loggable_path("/admin/pilots/3"), "/admin/pilots/3");
        assert_eq!(loggable_path("/join"), "/join");
    }

    #[test]
    fn the_policy_never_allows_unsafe_inline_scripts() {
        let policy = content_security_policy(Some("abc"));
        assert!(policy.contains("'nonce-abc'"));
        assert!(!policy.contains("unsafe-inline"));
        assert!(policy.contains("frame-ancestors 'none'"));
    }
}
