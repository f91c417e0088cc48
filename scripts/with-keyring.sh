#!/usr/bin/env bash
# Runs "$@" inside a private D-Bus session with a fresh, unlocked
# gnome-keyring, so tests can talk to a real Secret Service through keytar
# without touching the user's own keyring. Exits with the command's status.
#
#   bash scripts/with-keyring.sh npx vitest run test/app
#
# Needs: dbus (dbus-run-session), gnome-keyring; secret-tool (libsecret-tools)
# for the test that reads the stored key back.
set -euo pipefail

if [[ $# -eq 0 ]]; then
    echo "usage: $0 <command> [args...]" >&2
    exit 2
fi

for tool in dbus-run-session gnome-keyring-daemon; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "with-keyring: '$tool' not found (apt-get install dbus gnome-keyring libsecret-tools)" >&2
        exit 127
    fi
done

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
