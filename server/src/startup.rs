//! Building the router and serving it until a shutdown signal.

use std::{future::Future, net::SocketAddr, time::Duration};

use app::{
    app::{shell, App},
    server::state::AppState,
};
use axum::{
    extract::{ConnectInfo, Request, State},
    http::StatusCode,
    middleware,
    routing::get,
    Router,
};
use hyper::body::Incoming;
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

use crate::{api, limits, security};

pub fn leptos_options(site_root: &str, addr: SocketAddr) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("async-pilot")
        .site_root(site_root)
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .hash_files(front_end_is_hashed())
        .build()
}

/// `cargo leptos build` names the built files by their contents and writes the names to
/// `hash.txt` beside the server binary, where Leptos reads them for each page. A binary without
/// that file (the in-process test servers) links the plain names.
fn front_end_is_hashed() -> bool {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|folder| folder.join("hash.txt").exists()))
        .unwrap_or(false)
}

pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let context_state = state.clone();
    let shell_options = state.leptos_options.clone();
    Router::new()
        .route("/healthz", get(healthz))
        .merge(api::router())
        .leptos_routes_with_context(
            &state,
            routes,
            move || {
                provide_context(context_state.clone());
                security::add_page_policy();
            },
            move || shell(shell_options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler_with_context::<
            AppState,
            _,
        >(security::add_page_policy, shell))
        // Extractors may read up to the upload size; `limits` cuts each route to its own limit.
        .layer(axum::extract::DefaultBodyLimit::max(
            limits::CAPTURE_UPLOAD_LIMIT,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            limits::limit_bodies,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security::refuse_cross_origin,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security::identify_client,
        ))
        .layer(middleware::from_fn(security::security_headers))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|request: &axum::http::Request<_>| {
                    tracing::info_span!(
                        "request",
                        method = %request.method(),
                        path = %security::loggable_path(request.uri().path()),
                    )
                })
                .on_response(DefaultOnResponse::new().level(Level::INFO)),
        )
        .with_state(state)
}

/// 200 when the database answers, 503 when it does not: what a load balancer needs to know.
async fn healthz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    match tokio::time::timeout(Duration::from_secs(3), state.db.ping()).await {
        Ok(Ok(())) => (StatusCode::OK, "ok"),
        Ok(Err(error)) => {
            tracing::warn!(%error, "health check: database did not answer");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
        Err(_) => {
            tracing::warn!("health check: database timed out");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}

/// How long a client may take to send a request's headers: a client that opens a connection
/// and sends half a request is cut off instead of holding it (and a graceful stop) open.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a graceful stop waits for requests in flight before it closes what is left.
pub const SHUTDOWN_DEADLINE: Duration = Duration::from_secs(20);

/// Serves until `shutdown` resolves, then lets in-flight requests finish, for at most
/// [`SHUTDOWN_DEADLINE`]. Each request carries its client's address (`ConnectInfo`), for
/// sign-in rate limits.
pub async fn serve(
    listener: tokio::net::TcpListener,
    router: Router,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};

    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(HEADER_READ_TIMEOUT);
    let connections = hyper_util::server::graceful::GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors and the like: wait a moment instead of spinning.
                    tracing::warn!(%error, "could not accept a connection");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        // Answers go out as they are written: with Nagle's algorithm a response written in two
        // parts (headers, then a file's body) waited for the client's delayed ACK, about 40 ms
        // per request on a kept-alive connection (static files fell to ~130 requests/s on one
        // connection). axum's own `serve` sets this too.
        if let Err(error) = stream.set_nodelay(true) {
            tracing::debug!(%error, "could not set TCP_NODELAY");
        }
        let router = router.clone();
        let service = hyper::service::service_fn(move |mut request: Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(peer));
            tower::ServiceExt::oneshot(router.clone(), request.map(axum::body::Body::new))
        });
        let connection = connections.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            if let Err(error) = connection.await {
                tracing::debug!(%error, "connection ended with an error");
            }
        });
    }
    drop(listener);
    if tokio::time::timeout(SHUTDOWN_DEADLINE, connections.shutdown())
        .await
        .is_err()
    {
        tracing::warn!(
            "requests still running {} s after the stop signal were cut off",
            SHUTDOWN_DEADLINE.as_secs()
        );
    }
    Ok(())
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => tracing::info!("Ctrl-C received, shutting down"),
        () = terminate => tracing::info!("SIGTERM received, shutting down"),
    }
}
