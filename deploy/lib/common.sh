# shellcheck shell=bash
# Shared helpers for the deploy/ scripts. Sourced, never executed.

# Absolute path of the repository root (the parent of deploy/).
PEIYU_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
export PEIYU_ROOT

# The script's short name for messages, e.g. "pg" or "test".
PEIYU_PROG=$(basename "$0")

say() { printf '%s: %s\n' "$PEIYU_PROG" "$*" >&2; }
die() {
	say "error: $*"
	exit 1
}

is_root() { [ "$(id -u)" -eq 0 ]; }

# run_setup: install missing Debian packages (quiet when nothing to do).
run_setup() {
	"$PEIYU_ROOT/deploy/setup"
}

# meson_build DIR [meson setup options...]: configure DIR (relative to the
# repository root) unless it is configured already, then compile it.
meson_build() {
	local dir=$PEIYU_ROOT/$1
	shift
	if [ ! -f "$dir/build.ninja" ]; then
		if [ -f "$dir/meson-private/coredata.dat" ]; then
			meson setup --wipe "$dir" "$PEIYU_ROOT" "$@" || return
		else
			meson setup "$dir" "$PEIYU_ROOT" "$@" || return
		fi
	fi
	meson compile -C "$dir" || return
}
