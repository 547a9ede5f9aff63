use std::process::ExitCode;

#[tokio::main]
async fn main() -> ExitCode {
    convene::server::run().await
}
