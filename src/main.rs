use std::process::ExitCode;

/// At least this many runtime threads, whatever the machine: with fewer, an SSR page
/// whose resource resolves on another worker can stall (leptos-rs/leptos#4647, seen
/// here as a test page that never answered on a busy two-core machine).
const MIN_WORKERS: usize = 4;

fn main() -> ExitCode {
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
