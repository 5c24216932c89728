# Shared by deploy/run and deploy/test. Sourced, not executed.

PLANWATCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
PLANWATCH_DB_USER="${PLANWATCH_DB_USER:-planwatch}"
PLANWATCH_DB_PASSWORD="${PLANWATCH_DB_PASSWORD:-planwatch}"

log() { printf '\033[1m[planwatch]\033[0m %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

pg_answers() {
    pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null
}

# Runs SQL as the PostgreSQL superuser: through the local socket as the postgres OS user (works
# with Debian's default peer authentication), or over TCP where trust authentication allows it.
pg_superuser_sql() {
    if id postgres >/dev/null 2>&1 && command -v runuser >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 -d postgres -tAc "$1"
    else
        psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -U postgres -d postgres -tAc "$1"
    fi
}

# Makes sure a PostgreSQL server answers on 127.0.0.1:5432: starts the installed cluster, or
# installs Debian's package first. Then creates the planwatch role (with a password, so TCP
# password authentication works too) and the given databases.
ensure_postgres() {
    if ! pg_answers; then
        if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
            log "installing PostgreSQL (Debian package)"
            as_root apt-get update -qq
            as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
        fi
        log "starting PostgreSQL"
        as_root pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -1)" main start \
            || as_root pg_ctlcluster "$(ls /etc/postgresql | sort -V | tail -1)" main start
        for _ in $(seq 1 30); do pg_answers && break; sleep 1; done
        pg_answers || die "PostgreSQL does not answer on 127.0.0.1:5432"
    fi
    pg_superuser_sql "do \$\$ begin
        if not exists (select from pg_roles where rolname = '${PLANWATCH_DB_USER}') then
            create role ${PLANWATCH_DB_USER} login createdb password '${PLANWATCH_DB_PASSWORD}';
        end if; end \$\$;" >/dev/null
    local db
    for db in "$@"; do
        if [ -z "$(pg_superuser_sql "select 1 from pg_database where datname = '${db}'")" ]; then
            pg_superuser_sql "create database ${db} owner ${PLANWATCH_DB_USER} encoding 'UTF8'" >/dev/null
        fi
    done
}

# Installs the given Debian packages when any is missing (apt-get update once per script run).
ensure_debian_packages() {
    local missing=() package
    for package in "$@"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    command -v apt-get >/dev/null || die "missing packages (${missing[*]}) and no apt-get to install them"
    log "installing Debian packages: ${missing[*]}"
    if [ -z "${PLANWATCH_APT_UPDATED:-}" ]; then
        as_root apt-get update -qq
        PLANWATCH_APT_UPDATED=1
    fi
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

# A TCP port nobody listens on, from the ephemeral range.
free_port() {
    local port
    for _ in $(seq 1 50); do
        port=$((20000 + RANDOM % 30000))
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return 0; }
    done
    die "no free port found"
}

# The console's browser tests drive headless Chromium through ChromeDriver; CJK fonts make the
# Chinese pages (and their screenshots) readable.
ensure_browser() {
    ensure_debian_packages chromium chromium-driver fonts-noto-cjk
}
