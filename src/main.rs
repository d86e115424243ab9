//! The `zhibiao` command.
#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    zhibiao::cli::main()
}
