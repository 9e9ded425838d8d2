//! Request hardening: cross-origin writes refused, security headers on every response.

use std::{
    net::SocketAddr,
    sync::{Arc, OnceLock},
};

use app::error::clipped_for_log;
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

/// Refuses state-changing requests that a page of another site could have sent with the user's
/// cookie (see [`write_is_same_origin`]), and server-function calls in another encoding than
/// the one every server function here takes.
pub async fn refuse_cross_origin(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if is_safe_method(request.method()) {
        return next.run(request).await;
    }
    if !write_is_same_origin(request.headers(), &state.mail.public_url) {
        tracing::warn!(
            method = %request.method(),
            path = %loggable_path(request.uri().path()),
            origin = ?request
                .headers()
                .get(header::ORIGIN)
                .map(|value| clipped_for_log(&String::from_utf8_lossy(value.as_bytes()))),
            "refused a cross-origin request"
        );
        return (
            StatusCode::FORBIDDEN,
            "cross-origin requests may not change anything here",
        )
            .into_response();
    }
    if request.uri().path().starts_with("/fn/") && !is_form_encoded(request.headers()) {
        return (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "server functions take a form: Content-Type: application/x-www-form-urlencoded",
        )
            .into_response();
    }
    next.run(request).await
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

/// Whether a state-changing request comes from this product's own pages, or from a client that
/// no other site can direct:
/// 1. with `Sec-Fetch-Site` (every current browser sends it), only `same-origin` or `none` (typed
///    by the user) pass;
/// 2. otherwise an `Origin` (or, without one, `Referer`) must name exactly this site: scheme,
///    host and port, as [`request_origin`] finds them;
/// 3. with none of these headers, the request passes only if it carries no cookie (a script with
///    an API token) or a body no cross-site form can send (JSON, CSV).
fn write_is_same_origin(headers: &HeaderMap, public_url: &str) -> bool {
    let text = |name| {
        headers
            .get(name)
            .map(|value: &HeaderValue| value.to_str().ok())
    };
    if let Some(site) = text("sec-fetch-site") {
        return matches!(site, Some("same-origin" | "none"));
    }
    let source = text(header::ORIGIN.as_str()).or_else(|| text(header::REFERER.as_str()));
    match source {
        Some(Some(source)) => origin_of(source).is_some_and(|origin| {
            request_origin(headers, public_url).is_some_and(|own| origin.eq_ignore_ascii_case(&own))
        }),
        // An unreadable Origin or Referer.
        Some(None) => false,
        None => !headers.contains_key(header::COOKIE) || !is_cors_safelisted_body(headers),
    }
}

/// The origin this request was sent to, as a browser on this site would name it: the public
/// URL's when the request names its host (the scheme is then the public URL's), otherwise the
/// `Host` with https when the proxy in front says so in `X-Forwarded-Proto`, http otherwise.
fn request_origin(headers: &HeaderMap, public_url: &str) -> Option<String> {
    let host = headers.get(header::HOST)?.to_str().ok()?;
    if let Some(public) = origin_of(public_url) {
        let (_, public_host) = public.split_once("://")?;
        if public_host.eq_ignore_ascii_case(host) {
            return Some(public.to_string());
        }
    }
    let scheme = if app::server::auth::cookie::is_https(headers) {
        "https"
    } else {
        "http"
    };
    Some(format!("{scheme}://{host}"))
}

/// `https://example.org:8443/path` → `https://example.org:8443`; `null` and other non-URLs give
/// nothing.
fn origin_of(url: &str) -> Option<&str> {
    let (scheme, rest) = url.split_once("://")?;
    if !matches!(scheme, "http" | "https") {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next()?;
    (!authority.is_empty()).then(|| &url[..scheme.len() + 3 + authority.len()])
}

/// A body type a page of another site can send without asking first (CORS-safelisted): forms,
/// plain text, or no body type at all.
fn is_cors_safelisted_body(headers: &HeaderMap) -> bool {
    match headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
    {
        None => true,
        Some(content_type) => {
            let essence = content_type.split(';').next().unwrap_or_default().trim();
            [
                "application/x-www-form-urlencoded",
                "multipart/form-data",
                "text/plain",
            ]
            .iter()
            .any(|safe| essence.eq_ignore_ascii_case(safe))
        }
    }
}

fn is_form_encoded(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split(';').next())
        .is_some_and(|essence| {
            essence
                .trim()
                .eq_ignore_ascii_case("application/x-www-form-urlencoded")
        })
}

/// A request path fit for the log: the secret of an enrollment link (`/join/{token}`, the page
/// and the API) is replaced, since whoever reads the log could otherwise enroll as its team; a
/// long path is clipped.
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
    clipped_for_log(&redacted.join("/"))
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

/// Where a page's render leaves its script nonce for [`security_headers`]: put in the request's
/// extensions before the handler runs, filled while the page renders, read when its answer
/// passes back. (Setting the header through Leptos' response options instead lost it now and
/// then on pages rendered whole before sending, `SsrMode::Async`: their scripts were blocked.)
#[derive(Clone, Default)]
pub struct PageNonce(Arc<OnceLock<String>>);

/// Called while a page renders: hands this render's nonce to [`security_headers`], whose policy
/// then allows the hydration script by it.
pub fn add_page_policy() {
    let nonce = leptos::nonce::use_nonce();
    if let (Some(nonce), Some(parts)) = (nonce, use_context::<axum::http::request::Parts>()) {
        if let Some(slot) = parts.extensions.get::<PageNonce>() {
            let _ = slot.0.set(nonce.to_string());
        }
    }
}

/// The `Cache-Control` of a response to `path` (unless the handler set its own).
pub fn asset_cache_policy(path: &str) -> &'static str {
    let Some(file) = path.strip_prefix("/pkg/") else {
        return "no-store";
    };
    // cargo-leptos names a hashed file `<name>.<22 characters of base64url MD5>.<extension>`
    // (and `.br`/`.gz` copies after it).
    let hashed = file.split('.').any(|part| {
        part.len() == 22
            && part
                .bytes()
                .all(|byte| byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_')
    });
    if hashed {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    }
}

pub async fn security_headers(mut request: Request, next: Next) -> Response {
    // Pages, server functions and the API answer with people's data and one-time link secrets:
    // no browser or proxy cache may keep them. Built files under /pkg whose name carries a hash
    // of their contents never change: they are kept for a year without asking. Others (a build
    // without hashing) may be kept, but checked again on every use (a 304 when unchanged), so
    // an upgrade never leaves a browser on old WebAssembly.
    let policy = asset_cache_policy(request.uri().path());
    let page_nonce = PageNonce::default();
    request.extensions_mut().insert(page_nonce.clone());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        let nonce = page_nonce.0.get().map(String::as_str);
        if let Ok(policy) = HeaderValue::from_str(&content_security_policy(nonce)) {
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

    const PUBLIC: &str = "https://pilot.example.org";

    #[test]
    fn only_files_named_by_their_contents_are_cached_as_immutable() {
        let year = "public, max-age=31536000, immutable";
        assert_eq!(
            asset_cache_policy("/pkg/async-pilot.Xk3_9aB-cD4eF5gH6iJ7kL.wasm"),
            year
        );
        assert_eq!(
            asset_cache_policy("/pkg/async-pilot.Xk3_9aB-cD4eF5gH6iJ7kL.js.br"),
            year
        );
        assert_eq!(asset_cache_policy("/pkg/async-pilot.wasm"), "no-cache");
        assert_eq!(asset_cache_policy("/pkg/async-pilot_bg.wasm"), "no-cache");
        assert_eq!(asset_cache_policy("/pkg/async-pilot.short.css"), "no-cache");
        assert_eq!(asset_cache_policy("/"), "no-store");
        assert_eq!(
            asset_cache_policy("/api/v1/pkg/x.Xk3_9aB-cD4eF5gH6iJ7kL.js"),
            "no-store"
        );
    }

    fn passes(pairs: &[(header::HeaderName, &str)]) -> bool {
        write_is_same_origin(&headers(pairs), PUBLIC)
    }

    #[test]
    fn a_form_posted_from_the_public_url_or_the_host_it_was_sent_to_is_allowed() {
        assert!(passes(&[
            (header::HOST, "pilot.example.org"),
            (header::ORIGIN, "https://pilot.example.org"),
        ]));
        assert!(passes(&[
            (header::HOST, "10.0.0.5:3000"),
            (header::ORIGIN, "http://10.0.0.5:3000"),
        ]));
        let proxied = [
            (header::HOST, "intranet.example.org"),
            (
                header::HeaderName::from_static("x-forwarded-proto"),
                "https",
            ),
            (header::ORIGIN, "https://intranet.example.org"),
        ];
        assert!(passes(&proxied));
    }

    #[test]
    fn a_post_from_another_site_scheme_or_port_is_refused() {
        for origin in [
            "https://evil.example.com",
            "http://pilot.example.org",
            "https://pilot.example.org:8443",
            "https://pilot.example.org.evil.example.com",
            "null",
        ] {
            assert!(
                !passes(&[
                    (header::HOST, "pilot.example.org"),
                    (header::ORIGIN, origin)
                ]),
                "{origin}"
            );
        }
        // Sent over plain http, but the origin claims https on the same host.
        assert!(!passes(&[
            (header::HOST, "10.0.0.5:3000"),
            (header::ORIGIN, "https://10.0.0.5:3000"),
        ]));
    }

    #[test]
    fn the_referer_counts_when_there_is_no_origin() {
        assert!(!passes(&[
            (header::HOST, "127.0.0.1:3000"),
            (header::REFERER, "http://127.0.0.1:3001/plan?x=1"),
        ]));
        assert!(passes(&[
            (header::HOST, "127.0.0.1:3000"),
            (header::REFERER, "http://127.0.0.1:3000/plan?x=1"),
        ]));
    }

    #[test]
    fn the_browsers_fetch_site_decides_when_it_is_sent() {
        let site = header::HeaderName::from_static("sec-fetch-site");
        let with = |value| passes(&[(header::HOST, "a"), (site.clone(), value)]);
        assert!(with("same-origin"));
        assert!(with("none"));
        assert!(!with("same-site"));
        assert!(!with("cross-site"));
    }

    #[test]
    fn without_any_origin_only_requests_no_other_site_could_send_pass() {
        let cookie = (header::COOKIE, "ap_session=x");
        // A script with an API token, or anyone without a session.
        assert!(passes(&[(header::HOST, "a")]));
        assert!(passes(&[
            (header::HOST, "a"),
            (header::CONTENT_TYPE, "application/x-www-form-urlencoded"),
        ]));
        // A session cookie with a body a cross-site form can send: refused.
        for content_type in [
            "application/x-www-form-urlencoded",
            "text/plain; charset=utf-8",
            "multipart/form-data; boundary=x",
        ] {
            assert!(!passes(&[
                (header::HOST, "a"),
                cookie.clone(),
                (header::CONTENT_TYPE, content_type),
            ]));
        }
        assert!(!passes(&[(header::HOST, "a"), cookie.clone()]));
        // JSON or CSV cannot come from another site without asking first.
        assert!(passes(&[
            (header::HOST, "a"),
            cookie,
            (header::CONTENT_TYPE, "application/json"),
        ]));
    }

    #[test]
    fn what_a_client_sent_is_clipped_for_the_log() {
        assert_eq!(clipped_for_log("short"), "short");
        let long = "é".repeat(5_000);
        let logged = clipped_for_log(&long);
        assert!(logged.starts_with(&"é".repeat(100)));
        assert!(logged.ends_with("… (10000 bytes)"));
        assert!(logged.len() < 230);
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
