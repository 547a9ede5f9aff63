use std::process::ExitCode;

/// At least this many runtime threads, whatever the machine: with fewer, an SSR page
/// whose resource resolves on another worker can stall (leptos-rs/leptos#4647, seen
/// here as a test page that never answered on a busy two-core machine).
const MIN_WORKERS: usize = 4;

/// glibc gives each thread that allocates an arena of its own (up to eight per core),
/// and each keeps its own high-water mark: a big feed rendered on one worker, its rows
/// decoded on another. Two arenas keep the peak near what the server really holds
/// (with 10,000 gatherings: 236 MB with glibc's default, 149 MB with two; BENCHMARKS.md).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn limit_malloc_arenas() {
    // SAFETY: called first thing in `main`, before any other thread exists; `mallopt`
    // only sets one of the allocator's tunables.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 2);
    }
}

fn main() -> ExitCode {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    limit_malloc_arenas();
    let workers = std::thread::available_parallelism()
        .map_or(MIN_WORKERS, usize::from)
        .max(MIN_WORKERS);
    match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(workers)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime.block_on(convene::server::run()),
        Err(e) => {
            eprintln!("convene: cannot start the async runtime: {e}");
            ExitCode::FAILURE
        }
    }
}
