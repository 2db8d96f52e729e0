#!/bin/bash
# How store-v3.sqlite was made: by a workerdeck binary built at commit 9839d2c
# (schema v3, before v4), driven through its CLI and `serve` (killed -9 while an
# approval was pending, so its row stays), then checkpointed and vacuumed.
# Usage: BIN=/path/to/that/workerdeck make-store-v3.sh  (writes /tmp/fx/v3.sqlite)
set -eu
BIN=${BIN:-/tmp/fx/workerdeck-head}
mkdir -p /tmp/fx
R=/tmp/fx/run; rm -rf $R; mkdir -p $R/ws $R/data $R/cfg
export HOME=$R WORKERDECK_DATA_DIR=$R/data WORKERDECK_CONFIG=$R/cfg/config.toml LC_ALL=C.UTF-8 TERM=xterm-256color
cat > $R/cfg/config.toml <<'T'
[profiles.tooly]
model = "scripted/echo"
tools = ["read", "bash"]
[profiles.tooly.approval]
bash = "ask"
T
cd $R/ws
$BIN serve > $R/serve.log 2>&1 &
SERVE=$!
sleep 3
$BIN create --profile scripted --name alpha --input "hello fixture world"
$BIN create --profile scripted --name beta --input "first question"
$BIN send backend-internal worker-00000002 "second question" --wait
$BIN stop backend-internal worker-00000002
$BIN create --profile tooly --name gamma
$BIN send backend-internal worker-00000003 '/tool bash {"command":"echo hi"}'
sleep 3
$BIN approvals
$BIN rename backend-internal worker-00000001 "alpha renamed"
kill -9 $SERVE || true
sleep 1
DB=$(ls $R/data/workspaces/*/embedded-runtime/runtime.sqlite)
cp "$DB" /tmp/fx/v3.sqlite; [ -f "$DB-wal" ] && cp "$DB-wal" /tmp/fx/v3.sqlite-wal || true
sqlite3 /tmp/fx/v3.sqlite "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE; VACUUM;"
rm -f /tmp/fx/v3.sqlite-wal /tmp/fx/v3.sqlite-shm
sqlite3 /tmp/fx/v3.sqlite "select identifier from grdb_migrations; select id,label,status,transcript_length from workers; select worker_id, call_id, tool from approvals; select count(*) from events; select count(*) from transcript;"
