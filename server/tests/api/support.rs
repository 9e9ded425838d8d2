//! Fresh databases and a running app for each test.

use std::future::Future;
use std::sync::atomic::{AtomicU32, Ordering};

use app::domain::account::Role;
use app::server::client_address::TrustedProxies;
use app::server::{db, state::AppState};
use migrations::{Migrator, MigratorTrait};
use reqwest::RequestBuilder;
use sea_orm::{ConnectionTrait, DatabaseConnection};
use tokio::sync::oneshot;

/// Names the PostgreSQL server to test against, e.g. `postgres://postgres@127.0.0.1:5432`.
pub const POSTGRES_ENV: &str = "ASYNC_PILOT_TEST_POSTGRES";

/// Generates one test per database for each listed `async fn(TestDb)`. Each runs on a
/// multi-threaded runtime, as the server does in production: on a single-threaded one, a page
/// request to the SSR fallback hung forever about once per few hundred CI runs (never seen on
/// the real server, nor in 12,800 stressed requests here), so tests now run the way it runs.
#[macro_export]
macro_rules! on_both_databases {
    ($($test:ident),* $(,)?) => {$(
        mod $test {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                $crate::support::run_on_sqlite(super::$test).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                $crate::support::run_on_postgres(super::$test).await
            }
        }
    )*};
}

#[derive(Clone)]
pub struct TestDb {
    pub url: String,
    pub connection: DatabaseConnection,
}

pub async fn run_on_sqlite<F, Fut>(test: F)
where
    F: FnOnce(TestDb) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let url = "sqlite::memory:".to_string();
    let connection = migrated(&url).await;
    tokio::time::timeout(TEST_LIMIT, test(TestDb { url, connection }))
        .await
        .expect("the test hung: it did not finish within 180 s");
}

pub async fn run_on_postgres<F, Fut>(test: F)
where
    F: FnOnce(TestDb) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    let Some(server) = postgres_server() else {
        eprintln!("skipped: {POSTGRES_ENV} is not set, so this PostgreSQL test did not run");
        return;
    };
    let (admin, name) = create_postgres_database(&server).await;
    let url = format!("{server}/{name}");
    let connection = migrated(&url).await;
    // Run the test as its own task so that a failing assertion still lets us drop the database.
    let outcome = tokio::spawn(tokio::time::timeout(
        TEST_LIMIT,
        test(TestDb {
            url,
            connection: connection.clone(),
        }),
    ))
    .await;
    let _ = connection.close().await;
    admin
        .execute_unprepared(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))
        .await
        .expect("dropping the test database");
    match outcome {
        Err(error) => std::panic::resume_unwind(error.into_panic()),
        Ok(Err(_)) => panic!("the test hung: it did not finish within 180 s"),
        Ok(Ok(())) => {}
    }
}

pub fn postgres_server() -> Option<String> {
    std::env::var(POSTGRES_ENV)
        .ok()
        .filter(|url| !url.is_empty())
        .map(|url| url.trim_end_matches('/').to_string())
}

/// Creates an empty, uniquely named database; returns a connection to the maintenance database.
pub async fn create_postgres_database(server: &str) -> (DatabaseConnection, String) {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let name = format!(
        "ap_test_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        nanos_within_second()
    );
    let admin = db::connect(&format!("{server}/postgres"))
        .await
        .expect("connecting to PostgreSQL's maintenance database");
    admin
        .execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
        .await
        .expect("creating a test database");
    (admin, name)
}

fn nanos_within_second() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|elapsed| elapsed.as_nanos() % 1_000_000_000)
        .unwrap_or(0)
}

pub async fn migrated(url: &str) -> DatabaseConnection {
    let connection = db::connect(url)
        .await
        .expect("connecting to the test database");
    Migrator::up(&connection, None)
        .await
        .expect("migrating the test database");
    connection
}

/// How long a stopped test server may take to finish its requests.
const SHUTDOWN_WAIT: std::time::Duration = std::time::Duration::from_secs(20);

/// How long one request of a test may wait for its whole answer.
const REQUEST_LIMIT: std::time::Duration = std::time::Duration::from_secs(60);

/// How long one test may take before it fails as hung, instead of holding up the whole run.
const TEST_LIMIT: std::time::Duration = std::time::Duration::from_secs(180);

/// The real router on a random port, with a handle to stop it.
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    stop: Option<oneshot::Sender<()>>,
    serving: tokio::task::JoinHandle<std::io::Result<()>>,
}

impl TestApp {
    pub async fn spawn(db: &TestDb) -> Self {
        Self::spawn_with(db, |router| router).await
    }

    /// Spawns the app with extra routes, for tests that need a handler the product lacks.
    pub async fn spawn_with(
        db: &TestDb,
        extend: impl FnOnce(axum::Router) -> axum::Router,
    ) -> Self {
        Self::spawn_full(db, extend, TrustedProxies::default(), false).await
    }

    /// Spawns the app as an instance with a mail server (`delivers`): links people ask for
    /// themselves are queued for mailing.
    pub async fn spawn_delivering_mail(db: &TestDb) -> Self {
        Self::spawn_full(db, |router| router, TrustedProxies::default(), true).await
    }

    /// Spawns the app as if behind a reverse proxy on this machine (`--trusted-proxies
    /// 127.0.0.1`): `X-Forwarded-For` then names the client.
    pub async fn spawn_behind_proxy(db: &TestDb) -> Self {
        let trusted = TrustedProxies::parse("127.0.0.1").expect("a valid setting");
        Self::spawn_full(db, |router| router, trusted, false).await
    }

    async fn spawn_full(
        db: &TestDb,
        extend: impl FnOnce(axum::Router) -> axum::Router,
        trusted_proxies: TrustedProxies,
        delivers: bool,
    ) -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("binding a random port");
        let local = listener.local_addr().expect("local address");
        let state = AppState {
            leptos_options: async_pilot::startup::leptos_options("target/site", local),
            db: db.connection.clone(),
            mail: app::server::mail::MailSettings {
                public_url: "https://pilot.example.org".into(),
                delivers,
            },
            trusted_proxies,
        };
        let (stop, stopped) = oneshot::channel::<()>();
        let serving = tokio::spawn(async_pilot::startup::serve(
            listener,
            extend(async_pilot::startup::router(state)),
            async move {
                let _ = stopped.await;
            },
        ));
        let address = format!("http://{local}");
        // Like a browser on this site's pages: writes name their origin.
        let mut origin = reqwest::header::HeaderMap::new();
        origin.insert(
            reqwest::header::ORIGIN,
            address.parse().expect("an origin header"),
        );
        let client = reqwest::Client::builder()
            .default_headers(origin)
            .redirect(reqwest::redirect::Policy::none())
            // A request that never gets an answer fails here, naming itself, instead of
            // holding the test until its 180 s limit.
            .timeout(REQUEST_LIMIT)
            // A fresh connection per request: the server closes a connection whose body it
            // refused to read, and a pooled client could send the next request into it.
            .pool_max_idle_per_host(0)
            .build()
            .expect("building the HTTP client");
        Self {
            address,
            client,
            stop: Some(stop),
            serving,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .unwrap_or_else(|error| panic!("GET {path}: {error}"))
    }

    /// The body of a GET that must succeed.
    pub async fn html(&self, path: &str) -> String {
        let response = self.get(path).await;
        assert_eq!(response.status(), 200, "GET {path}");
        response.text().await.expect("body")
    }

    /// Asks the server to stop, as SIGTERM would, without waiting for it.
    pub fn request_stop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }

    /// Stops the server and waits until it has finished.
    pub async fn stop(mut self) {
        // Close the client's kept-alive connections first: the server's graceful shutdown then
        // has no idle connection of ours to wait for.
        self.client = reqwest::Client::new();
        self.request_stop();
        tokio::time::timeout(SHUTDOWN_WAIT, &mut self.serving)
            .await
            .expect("the server did not shut down within 20 s of being asked")
            .expect("server task")
            .expect("server shut down cleanly");
    }
}

/// A person of the given role, with `password` if one is given; returns their id.
pub async fn person(db: &TestDb, email: &str, role: Role, password: Option<&str>) -> i64 {
    use app::domain::account::{DisplayName, Email, NewPassword};
    use app::server::{auth::password::hash_password, repo};
    let hash = match password {
        Some(password) => Some(
            hash_password(&NewPassword::parse(password, None).expect("a valid test password"))
                .await
                .expect("hashing"),
        ),
        None => None,
    };
    let name = email.split('@').next().unwrap_or(email);
    repo::people::create(
        &db.connection,
        &Email::parse(email).expect("a valid test email"),
        &DisplayName::parse(name).expect("a valid name"),
        role,
        hash,
        chrono::Utc::now(),
    )
    .await
    .expect("creating a test person")
    .id
}

/// A session cookie header value for the person, made directly in the database.
pub async fn session_cookie(db: &TestDb, person_id: i64) -> String {
    let token = app::server::repo::sessions::create(&db.connection, person_id, chrono::Utc::now())
        .await
        .expect("creating a session");
    format!("{}={token}", app::server::auth::cookie::SESSION_COOKIE)
}

/// The value of the session cookie a response sets, if it sets one.
pub fn set_session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .find(|value| value.starts_with("ap_session="))
        .map(str::to_string)
}

/// `ap_session=…` from a `Set-Cookie` line, ready to send back as a `Cookie` header.
pub fn cookie_pair(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap_or_default().to_string()
}

impl TestApp {
    /// Calls a server function the way a hydrated page does.
    pub async fn call(
        &self,
        name: &str,
        form: &[(&str, &str)],
        cookie: Option<&str>,
    ) -> reqwest::Response {
        let mut request = self
            .client
            .post(self.url(&format!("/fn/{name}")))
            .form(form);
        if let Some(cookie) = cookie {
            request = request.header(reqwest::header::COOKIE, cookie);
        }
        request.send().await.expect("calling the server function")
    }

    /// `POST /api/v1/session`; returns the response.
    pub async fn sign_in(&self, email: &str, password: &str) -> reqwest::Response {
        self.client
            .post(self.url("/api/v1/session"))
            .json(&serde_json::json!({ "email": email, "password": password }))
            .send()
            .await
            .expect("signing in")
    }

    /// Signs in through a proxy that says it forwards for `client` (`X-Forwarded-For`).
    pub async fn sign_in_from(
        &self,
        client: &str,
        email: &str,
        password: &str,
    ) -> reqwest::Response {
        self.client
            .post(self.url("/api/v1/session"))
            .header("x-forwarded-for", client)
            .json(&serde_json::json!({ "email": email, "password": password }))
            .send()
            .await
            .expect("signing in")
    }

    /// `GET path` with a `Cookie` (or bearer) header.
    pub async fn get_as(&self, path: &str, credential: &str) -> reqwest::Response {
        self.send_as(self.client.get(self.url(path)), credential)
            .await
    }

    /// `POST path` without a body, with a `Cookie` (or bearer) header.
    pub async fn post_as(&self, path: &str, credential: &str) -> reqwest::Response {
        self.send_as(self.client.post(self.url(path)), credential)
            .await
    }

    async fn send_as(&self, request: RequestBuilder, credential: &str) -> reqwest::Response {
        let request = match credential.starts_with("ap_session=") {
            true => request.header(reqwest::header::COOKIE, credential),
            false => request.bearer_auth(credential),
        };
        request.send().await.expect("sending the request")
    }
}

/// An admin as the workflows see a signed-in caller (for calling them without HTTP).
pub fn admin_caller(
    person_id: i64,
    email: &str,
    display_name: &str,
) -> app::server::auth::caller::Caller {
    app::server::auth::caller::Caller {
        person_id,
        email: email.into(),
        display_name: display_name.into(),
        role: Role::Admin,
        credential: app::server::auth::caller::Credential::Session {
            token_hash: String::new(),
        },
    }
}
