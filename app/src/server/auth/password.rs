//! argon2id password hashing, run on tokio's blocking pool so that a burst of sign-ins does not
//! stall every other request on the runtime's worker threads, and behind a gate so that a burst
//! cannot take the memory either (each hash holds 19 MiB while it runs).

use std::sync::{Arc, LazyLock, OnceLock};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use argon2::{
    password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString},
    Algorithm, Argon2, Params, Version,
};

use crate::{domain::account::NewPassword, error::AppError};

/// OWASP's recommended minimum for argon2id: 19 MiB of memory, 2 passes, 1 lane.
const MEMORY_KIB: u32 = 19 * 1024;
const PASSES: u32 = 2;
const LANES: u32 = 1;

fn hasher() -> Result<Argon2<'static>, AppError> {
    let params = Params::new(MEMORY_KIB, PASSES, LANES, None)
        .map_err(|error| AppError::internal("argon2 parameters", error))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

/// At most `running` hashes at once (one per core: more only queue for the CPU while holding
/// their memory), and at most `admitted` callers waiting or running; past that the answer is
/// `AppError::Busy` (503) at once instead of an unbounded queue.
pub struct HashingGate {
    admitted: Arc<Semaphore>,
    running: Arc<Semaphore>,
}

/// Who holds both permits may hash; dropping it lets the next caller in.
pub struct HashingTurn {
    _admitted: OwnedSemaphorePermit,
    _running: OwnedSemaphorePermit,
}

impl HashingGate {
    pub fn new(running: usize, admitted: usize) -> Self {
        let running = running.max(1);
        Self {
            admitted: Arc::new(Semaphore::new(admitted.max(running))),
            running: Arc::new(Semaphore::new(running)),
        }
    }

    /// Sized to the machine: a hash per core, and a few waiting per core (at least 16, so that
    /// one account's allowed failures never meet a full gate on a small machine).
    fn for_this_machine() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, |cores| cores.get());
        Self::new(cores, (cores * 4).max(16))
    }

    pub async fn enter(&self) -> Result<HashingTurn, AppError> {
        let admitted = Arc::clone(&self.admitted)
            .try_acquire_owned()
            .map_err(|_| AppError::Busy)?;
        let running = Arc::clone(&self.running)
            .acquire_owned()
            .await
            .map_err(|error| AppError::internal("password hashing gate", error))?;
        Ok(HashingTurn {
            _admitted: admitted,
            _running: running,
        })
    }
}

static GATE: LazyLock<HashingGate> = LazyLock::new(HashingGate::for_this_machine);

pub async fn hash_password(password: &NewPassword) -> Result<String, AppError> {
    let password = password.expose().to_string();
    let turn = GATE.enter().await?;
    tokio::task::spawn_blocking(move || {
        let _turn = turn;
        hash_now(&password)
    })
    .await
    .map_err(|error| AppError::internal("password hashing task", error))?
}

fn hash_now(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    hasher()?
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|error| AppError::internal("password hashing", error))
}

/// True when `password` matches `stored`. Without a stored hash (unknown email, no password
/// set yet) it still spends the same work on a dummy hash, so timing reveals nothing.
pub async fn verify_password(password: String, stored: Option<String>) -> Result<bool, AppError> {
    let turn = GATE.enter().await?;
    tokio::task::spawn_blocking(move || {
        let _turn = turn;
        let dummy;
        let (stored, real) = match stored {
            Some(stored) => (stored, true),
            None => {
                dummy = dummy_hash()?;
                (dummy.clone(), false)
            }
        };
        let parsed = PasswordHash::new(&stored)
            .map_err(|error| AppError::internal("stored password hash", error))?;
        let matches = hasher()?
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        Ok(real && matches)
    })
    .await
    .map_err(|error| AppError::internal("password verification task", error))?
}

fn dummy_hash() -> Result<String, AppError> {
    static DUMMY: OnceLock<String> = OnceLock::new();
    if let Some(hash) = DUMMY.get() {
        return Ok(hash.clone());
    }
    let hash = hash_now("a password nobody has, for timing only")?;
    Ok(DUMMY.get_or_init(|| hash).clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn password(text: &str) -> NewPassword {
        NewPassword::parse(text, None).expect("a valid password")
    }

    #[tokio::test]
    async fn a_hash_is_argon2id_with_owasp_parameters_and_verifies() {
        let hash = hash_password(&password("correct horse battery staple"))
            .await
            .expect("hash");
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(
            verify_password("correct horse battery staple".into(), Some(hash.clone()))
                .await
                .expect("verify")
        );
        assert!(
            !verify_password("correct horse battery stable".into(), Some(hash))
                .await
                .expect("verify")
        );
    }

    #[tokio::test]
    async fn a_full_gate_answers_busy_at_once_and_opens_again() {
        let gate = Arc::new(HashingGate::new(1, 2));
        let first = gate.enter().await.expect("a free gate lets in");
        // The second is admitted but waits for the running one.
        let waiting = tokio::spawn({
            let gate = Arc::clone(&gate);
            async move { gate.enter().await.map(|_| ()) }
        });
        while gate.admitted.available_permits() > 0 {
            tokio::task::yield_now().await;
        }
        assert_eq!(gate.enter().await.err(), Some(AppError::Busy));
        drop(first);
        waiting.await.expect("task").expect("admitted in turn");
        assert!(gate.enter().await.is_ok());
    }

    #[test]
    fn the_gate_runs_at_least_one_and_admits_at_least_as_many_as_run() {
        let gate = HashingGate::new(0, 0);
        assert_eq!(gate.running.available_permits(), 1);
        assert_eq!(gate.admitted.available_permits(), 1);
        let gate = HashingGate::for_this_machine();
        assert!(gate.admitted.available_permits() >= 16);
    }

    #[tokio::test]
    async fn without_a_stored_hash_nothing_verifies() {
        let anything = "a password nobody has, for timing only".to_string();
        assert!(!verify_password(anything, None).await.expect("verify"));
    }

    #[tokio::test]
    async fn the_same_password_gets_a_different_salt_each_time() {
        let a = hash_password(&password("correct horse battery staple"))
            .await
            .expect("hash");
        let b = hash_password(&password("correct horse battery staple"))
            .await
            .expect("hash");
        assert_ne!(a, b);
    }
}
