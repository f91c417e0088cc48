#!/usr/bin/env bash
# Runs "$@" inside a private D-Bus session with a fresh, unlocked
# gnome-keyring, so tests can talk to a real Secret Service through keytar
# without touching the user's own keyring. Exits with the command's status.
#
#   bash scripts/with-keyring.sh npx vitest run test/app
#
# Needs: dbus (dbus-run-session), gnome-keyring; secret-tool (libsecret-tools)
# for the test that reads the stored key back.
#
# Where one of them is missing (a Mac, a minimal container) it says so and runs
# "$@" without a keychain, with THOLOS_TEST_NO_KEYCHAIN set to what was
# missing: vitest then skips the tests tagged "keychain" and names them at the
# end. THOLOS_REQUIRE_ALL_TESTS=1 (.ci/run) makes a missing tool an error.
set -euo pipefail

if [[ $# -eq 0 ]]; then
    echo "usage: $0 <command> [args...]" >&2
    exit 2
fi

missing=()
for tool in dbus-run-session gnome-keyring-daemon secret-tool; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if ((${#missing[@]} > 0)); then
    reason="${missing[*]} not found (apt-get install dbus gnome-keyring libsecret-tools)"
    if [[ "${THOLOS_REQUIRE_ALL_TESTS:-}" == 1 ]]; then
        echo "with-keyring: $reason; THOLOS_REQUIRE_ALL_TESTS=1 needs the keychain tests to run" >&2
        exit 127
    fi
    echo "with-keyring: $reason; running without a keychain, so the tests that need one are left out" >&2
    unset THOLOS_TEST_KEYCHAIN
    export THOLOS_TEST_NO_KEYCHAIN="$reason"
    exec "$@"
fi

unset THOLOS_TEST_NO_KEYCHAIN

# Everything below runs inside the private session bus. The keyring files
# live in a throw-away XDG_DATA_HOME, and the daemon's sockets in a
# throw-away XDG_RUNTIME_DIR, both removed on exit.
exec dbus-run-session -- bash -c '
    set -uo pipefail
    scratch="$(mktemp -d)"
    export XDG_DATA_HOME="$scratch/data"
    export XDG_RUNTIME_DIR="$scratch/run"
    mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
    chmod 0700 "$scratch" "$XDG_RUNTIME_DIR"
    cleanup() { rm -rf "$scratch"; }
    trap cleanup EXIT

    # --unlock reads the password from stdin and creates the "login"
    # keyring with it when none exists; the daemon then forks and serves
    # org.freedesktop.secrets on this session bus until the bus goes away.
    if ! echo -n pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null; then
        echo "with-keyring: gnome-keyring-daemon failed to start" >&2
        exit 1
    fi
    export THOLOS_TEST_KEYCHAIN=1
    "$@"
' with-keyring "$@"
