#!/bin/sh
# Backups of the PostgreSQL database in pg_dump's custom format; docker compose's backup service
# runs it, and so can an operator anywhere pg_dump is installed (README, "Operating it").
#   pg-backup.sh once            one backup now
#   pg-backup.sh every SECONDS   one backup now and then one every SECONDS (the compose service)
#   pg-backup.sh restore FILE    replace the database's contents with FILE's
# Which database: the PG* variables (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE).
# BACKUP_DIR (default /backups) holds the files; BACKUP_KEEP_DAYS (default 14) how long.
set -eu

dir=${BACKUP_DIR:-/backups}
keep=${BACKUP_KEEP_DAYS:-14}
case $keep in '' | *[!0-9]*) echo "Error: BACKUP_KEEP_DAYS must be a whole number, not '$keep'." >&2; exit 1 ;; esac

once() {
  mkdir -p "$dir"
  file="$dir/proeftuin-$(date -u +%Y%m%dT%H%M%SZ).dump"
  # Written under another name first, so a half-written dump is never taken for a backup.
  pg_dump --format=custom --no-owner --no-privileges --file="$file.partial"
  mv "$file.partial" "$file"
  find "$dir" -maxdepth 1 -name 'proeftuin-*.dump' -mmin +$((keep * 24 * 60)) -exec rm -f {} +
  echo "backup written: $file"
}

case ${1:-} in
  once)
    once
    ;;
  every)
    seconds=${2:?usage: pg-backup.sh every SECONDS}
    while :; do
      once || echo "Error: backup failed; trying again in $seconds seconds" >&2
      sleep "$seconds"
    done
    ;;
  restore)
    file=${2:?usage: pg-backup.sh restore FILE}
    [ -f "$file" ] || { echo "Error: no backup file $file" >&2; exit 1; }
    # One transaction: a restore that fails half-way leaves the database as it was.
    pg_restore --clean --if-exists --no-owner --no-privileges --exit-on-error \
      --single-transaction --dbname="${PGDATABASE:?set PGDATABASE}" "$file"
    echo "restored: $file"
    ;;
  *)
    echo "usage: pg-backup.sh once | every SECONDS | restore FILE" >&2
    exit 2
    ;;
esac
