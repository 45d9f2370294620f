#!/bin/bash
# with-cluster.sh CMD [ARGS]: run CMD with PGHOST/PGPORT/PGUSER/PGDATABASE
# (and PGPASSWORD) pointing at a PostgreSQL 15 server.
#
# If PGHOST or PGPORT is set, that server is used as it is.  Otherwise a
# throwaway cluster is made with pg_virtualenv and dropped when CMD ends;
# CMD's exit status is passed through.
set -euo pipefail

if [ $# -eq 0 ]; then
	echo "usage: $0 CMD [ARGS]" >&2
	exit 2
fi

if [ -n "${PGHOST:-}" ] || [ -n "${PGPORT:-}" ]; then
	exec "$@"
fi

if ! command -v pg_virtualenv >/dev/null 2>&1 || [ ! -x /usr/lib/postgresql/15/bin/postgres ]; then
	echo "with-cluster: pg_virtualenv or the PostgreSQL 15 server is missing; run: make deps" >&2
	exit 2
fi

# A port nobody listens on, picked at random rather than "the next free one",
# so that two runs started at the same moment do not race for the same port.
port_is_free() {
	[ ! -e "/var/run/postgresql/.s.PGSQL.$1" ] && [ ! -e "/tmp/.s.PGSQL.$1" ] &&
		! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}
port=
for _ in $(seq 50); do
	candidate=$((20000 + RANDOM % 10000))
	if port_is_free "$candidate"; then
		port=$candidate
		break
	fi
done
[ -n "$port" ] || { echo "with-cluster: found no free port" >&2; exit 2; }

# As root the server runs as postgres, and reads with its own rights the
# files a test names in server-side COPY or pg_read_file.  /tmp always works;
# a checkout postgres cannot enter is worth saying early rather than letting
# a test fail on "permission denied".
if [ "$(id -u)" -eq 0 ] && id postgres >/dev/null 2>&1; then
	here=$(pwd)
	if ! runuser -u postgres -- test -r "$here" -a -x "$here" 2>/dev/null; then
		echo "with-cluster: warning: the server runs as user postgres, which cannot read $here;" >&2
		echo "  tests that make the server read files there will fail (move the checkout under /tmp, or chmod o+x its parent directories)" >&2
	fi
fi

# -t: keep the cluster under a private directory in /tmp even as root,
#     instead of /etc/postgresql/15/regress, so that runs never collide.
# UTF8 with C.UTF-8: the same on every machine, whatever LANG says, and
#     Chinese text in comments and data round-trips.
# pg_virtualenv already sets fsync=off, which is right for data thrown away;
# no shared_preload_libraries: yiwang needs none.
exec pg_virtualenv -t -v 15 \
	-c "-p $port" \
	-i '--encoding=UTF8 --locale=C.UTF-8' \
	"$@"
