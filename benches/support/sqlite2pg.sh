#!/bin/bash
# Copy a meedoen SQLite database into an empty, migrated PostgreSQL database of the same
# schema version, table by table as CSV (blobs as hex), then the sequences: how the
# benchmark fills its server database from the cached 100,000-resident demo in under two
# minutes (`meedoen demo` into PostgreSQL is far slower at that size; docs/performance.md).
# Needs sqlite3 and psql. Usage: sqlite2pg.sh DEMO.db POSTGRES-URL
set -euo pipefail
DB=$1; U=$2
for t in form_snapshots residents resident_keys contacts measurements signals contracts drafts access_log locks; do
  cols=$(psql "$U" -Atc "select string_agg(column_name, ',' order by ordinal_position) from information_schema.columns where table_schema='public' and table_name='$t'")
  sel=$(echo "$cols" | tr ',' '\n' | while read c; do if [ "$c" = document ]; then echo "CASE WHEN document IS NULL THEN NULL ELSE '\\x' || hex(document) END"; else echo "\"$c\""; fi; done | paste -sd, -)
  start=$SECONDS
  sqlite3 -readonly -csv -cmd '.nullvalue @@NULL@@' "$DB" "SELECT $sel FROM $t" | psql "$U" -qc "\\copy $t ($cols) FROM STDIN WITH (FORMAT csv, NULL '@@NULL@@')"
  echo "$t: $(psql "$U" -Atc "select count(*) from $t") rows in $((SECONDS-start)) s"
done
for t in form_snapshots residents contacts measurements signals contracts drafts access_log; do
  psql "$U" -qAtc "select setval(pg_get_serial_sequence('$t','id'), coalesce(max(id),1)) from $t" >/dev/null
done
psql "$U" -qc "VACUUM ANALYZE"
