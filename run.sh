#!/usr/bin/env bash
# Runs PrivateLending locally: local DynamoDB (dynalite, data kept under .data/), local S3 (s3rver, also under .data/), one silo (or N with --silos N)
# and the API. Process ids go to .data/pids/<name>.pid. Ctrl-C or SIGTERM stops everything this script started:
# the API first, then the silos together (each leaves the cluster), then MailDev and the local DynamoDB.
set -euo pipefail

usage="usage: $0 [--silos N] [--no-build]"
silos=1
build=true
while [ $# -gt 0 ]; do
  case "$1" in
    --silos) [ $# -ge 2 ] || { echo "$usage" >&2; exit 2; }; silos="$2"; shift 2 ;;
    --silos=*) silos="${1#--silos=}"; shift ;;
    --no-build) build=false; shift ;;
    -h|--help) echo "$usage   (N silos: silo ports SILO_PORT+i-1, gateways GATEWAY_PORT+i-1; the dashboard on the first;"
      echo "  --no-build runs what was last built in CONFIGURATION, default Release)"; exit 0 ;;
    *) echo "unknown argument: $1 ($usage)" >&2; exit 2 ;;
  esac
done
[[ "$silos" =~ ^[1-9][0-9]?$ ]] || { echo "--silos must be a number from 1 to 99 (got '$silos')" >&2; exit 2; }

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"

dynamodb_port="${DYNAMODB_PORT:-8000}"
s3_port="${S3_PORT:-4569}"
api_port="${API_PORT:-5000}"
metrics_port="${METRICS_PORT:-9464}"
dashboard_port="${DASHBOARD_PORT:-8080}"
silo_port="${SILO_PORT:-11111}"
gateway_port="${GATEWAY_PORT:-30000}"
smtp_port="${SMTP_PORT:-1025}"
mail_web_port="${MAIL_WEB_PORT:-1080}"
data_dir="${DATA_DIR:-$root/.data}"
configuration="${CONFIGURATION:-Release}"
logs="$data_dir/logs"
pid_dir="$data_dir/pids"

pids=()
names=()

say() { printf '[run] %s\n' "$*"; }
fail() { printf '[run] error: %s\n' "$*" >&2; exit 1; }

# Children run in process groups of their own (see start), so the terminal's Ctrl-C reaches only this script; it
# then stops them in dependency order. Were the local DynamoDB to get the signal too, it would stop first and the
# silos could not leave the cluster.
stop_all() {
  trap - INT TERM EXIT
  local i
  local -a api=() silo=() stores=()
  for i in "${!pids[@]}"; do
    case "${names[$i]}" in
      api) api+=("$i") ;;
      silo-*) silo+=("$i") ;;
      *) stores+=("$i") ;;
    esac
  done
  stop_group 15 "${api[@]}"
  stop_group 15 "${silo[@]}"
  stop_group 5 "${stores[@]}"
}

# Sends SIGTERM to every listed part at once, waits up to the given seconds for all of them, then forces the rest.
stop_group() { # seconds, index...
  local seconds="$1"; shift
  local i deadline started=$SECONDS
  local -a waiting=()
  for i in "$@"; do
    if kill -0 "${pids[$i]}" 2>/dev/null; then
      say "stopping ${names[$i]} (pid ${pids[$i]})"
      kill -TERM "${pids[$i]}" 2>/dev/null || true
      waiting+=("$i")
    fi
  done
  deadline=$((SECONDS + seconds))
  for i in "${waiting[@]}"; do
    while kill -0 "${pids[$i]}" 2>/dev/null && [ "$SECONDS" -lt "$deadline" ]; do sleep 0.1; done
    if kill -0 "${pids[$i]}" 2>/dev/null; then
      say "${names[$i]} did not stop within ${seconds}s; forcing it (see $logs/${names[$i]}.log)"
      kill -KILL "${pids[$i]}" 2>/dev/null || true
    fi
    local status=0
    wait "${pids[$i]}" 2>/dev/null || status=$?
    say "stopped ${names[$i]} (exit $status, $((SECONDS - started))s)"
  done
  for i in "$@"; do rm -f "$pid_dir/${names[$i]}.pid"; done
}
trap 'stop_all; exit 130' INT
trap 'stop_all; exit 143' TERM
trap 'stop_all' EXIT

for tool in dotnet node npm curl openssl; do
  command -v "$tool" >/dev/null 2>&1 || fail "'$tool' is not installed; see README.md (Prerequisites)."
done

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
ports=("$dynamodb_port" "$s3_port" "$api_port" "$metrics_port")
for ((i = 0; i < silos; i++)); do
  ports+=("$((dashboard_port + i))" "$((silo_port + i))" "$((gateway_port + i))")
done
for port in "${ports[@]}"; do
  port_free "$port" || fail "port $port is already in use (another run? set DYNAMODB_PORT/S3_PORT/API_PORT/METRICS_PORT/DASHBOARD_PORT/SILO_PORT/GATEWAY_PORT)"
done
for port in "$smtp_port" "$mail_web_port"; do
  port_free "$port" || fail "port $port is already in use (another run? set SMTP_PORT/MAIL_WEB_PORT)"
done

mkdir -p "$data_dir/dynamodb" "$data_dir/s3" "$logs" "$pid_dir"

# The secret that keys email addresses in grain ids and storage keys (Security:EmailKeySecret), made on the first run
# and kept next to the data it keys: every silo and the API get the same one. See docs/security.md.
email_key_file="$data_dir/email-key-secret"
if [ ! -s "$email_key_file" ]; then
  if [ -n "$(ls -A "$data_dir/dynamodb")" ]; then
    say "warning: $data_dir/dynamodb holds data from before email keys; its accounts will not be found (docs/security.md: reset)"
  fi
  (umask 077 && head -c 32 /dev/urandom | base64 | tr -d '\n' >"$email_key_file")
  say "created the email key secret ($email_key_file)"
fi
Security__EmailKeySecret="$(cat "$email_key_file")"
export Security__EmailKeySecret

# The key that signs access tokens (and keys idempotency fingerprints), kept under .data/ too. Without it the API
# makes a new one at each start: a restart would sign everybody out and no retried request would match its record.
jwt_key_file="$data_dir/jwt-signing-key"
if [ ! -s "$jwt_key_file" ]; then
  (umask 077 && head -c 48 /dev/urandom | base64 | tr -d '\n' >"$jwt_key_file")
fi
jwt_signing_key="$(cat "$jwt_key_file")"

# The cluster's client secret (Cluster:ClientSecret): the API sends it with every grain call and the silos refuse
# clients without it. Made on the first run; every silo and the API get the same one. See docs/security.md.
cluster_secret_file="$data_dir/cluster-client-secret"
if [ ! -s "$cluster_secret_file" ]; then
  (umask 077 && head -c 32 /dev/urandom | base64 | tr -d '\n' >"$cluster_secret_file")
fi
Cluster__ClientSecret="$(cat "$cluster_secret_file")"
export Cluster__ClientSecret

# The stamp holds the hash of the lock file last installed, so a newly pinned version is installed on the next run.
lock_hash="$(sha256sum deploy/local/package-lock.json | cut -d' ' -f1)"
stamp=deploy/local/node_modules/.installed-lock-sha256
if [ ! -d deploy/local/node_modules/dynalite ] || [ ! -d deploy/local/node_modules/maildev ] \
   || [ ! -d deploy/local/node_modules/s3rver ] || [ "$(cat "$stamp" 2>/dev/null)" != "$lock_hash" ]; then
  say "installing local DynamoDB and MailDev (npm ci in deploy/local)"
  npm ci --prefix deploy/local --no-audit --no-fund --loglevel=error >"$logs/npm.log" 2>&1 \
    || fail "npm ci failed; see $logs/npm.log"
  echo "$lock_hash" >"$stamp"
fi

if [ "$build" = true ]; then
  say "building ($configuration)"
  dotnet build src/Silo/Silo.csproj -c "$configuration" -nologo -v quiet >"$logs/build.log" 2>&1 \
    || { tail -n 30 "$logs/build.log" >&2; fail "building the silo failed; see $logs/build.log"; }
  dotnet build src/Api/Api.csproj -c "$configuration" -nologo -v quiet >>"$logs/build.log" 2>&1 \
    || { tail -n 30 "$logs/build.log" >&2; fail "building the API failed; see $logs/build.log"; }
fi
for dll in "src/Silo/bin/$configuration/net10.0/PrivateLending.Silo.dll" "src/Api/bin/$configuration/net10.0/PrivateLending.Api.dll"; do
  [ -f "$dll" ] || fail "$dll is missing; run without --no-build (or set CONFIGURATION)"
done

start() { # name, log file, command...
  local name="$1" log="$2"; shift 2
  # Job control on for this one command: the child gets a process group of its own, out of the terminal's reach.
  set -m
  "$@" >"$log" 2>&1 &
  set +m
  pids+=("$!"); names+=("$name")
  echo "$!" >"$pid_dir/$name.pid"
  say "started $name (pid $!, log $log)"
}

alive_or_fail() { # index
  kill -0 "${pids[$1]}" 2>/dev/null && return 0
  tail -n 40 "$logs/${names[$1]}.log" >&2 || true
  fail "${names[$1]} exited during start-up; see $logs/${names[$1]}.log"
}

wait_until() { # index, seconds, description, command...
  local index="$1" seconds="$2" what="$3"; shift 3
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    alive_or_fail "$index"
    [ "$SECONDS" -lt "$deadline" ] || fail "$what did not become ready within ${seconds}s; see $logs/${names[$index]}.log"
    sleep 0.5
  done
}

start dynamodb "$logs/dynamodb.log" node deploy/local/node_modules/dynalite/cli.js \
  --host 127.0.0.1 --port "$dynamodb_port" --path "$data_dir/dynamodb"
wait_until 0 30 "local DynamoDB" bash -c "exec 3<>/dev/tcp/127.0.0.1/$dynamodb_port"

# Loan documents and agreements go to a local S3 server (s3rver, its built-in account); the bucket is made on first use.
start s3 "$logs/s3.log" node deploy/local/node_modules/s3rver/bin/s3rver.js \
  --address 127.0.0.1 --port "$s3_port" --directory "$data_dir/s3" --silent
wait_until 1 30 "local S3" bash -c "exec 3<>/dev/tcp/127.0.0.1/$s3_port"
export Documents__Bucket=privatelending-documents Documents__ServiceUrl="http://127.0.0.1:$s3_port" \
  Documents__AccessKey=S3RVER Documents__SecretKey=S3RVER

export DOTNET_ENVIRONMENT=Development ASPNETCORE_ENVIRONMENT=Development
# Silos and the API share the membership table in local DynamoDB: silos register there, the API finds their gateways.
export Cluster__Mode=DynamoDb DynamoDb__ServiceUrl="http://127.0.0.1:$dynamodb_port" DynamoDb__Region=us-east-1 \
  DynamoDb__AccessKey=local DynamoDb__SecretKey=local

# Data Protection keys (the API's encrypt bank details, the silos' webhook signing secrets) are stored encrypted with
# this certificate, created once and kept next to the data: without it the stored keys, and so what they protect,
# cannot be read again.
key_dir="$data_dir/dataprotection"
if [ ! -f "$key_dir/cert.pem" ] || [ ! -f "$key_dir/key.pem" ]; then
  say "creating the local key-encryption certificate in $key_dir"
  mkdir -p "$key_dir"
  (umask 077 && openssl req -x509 -newkey rsa:3072 -nodes -days 3650 -subj "/CN=PrivateLending local key encryption" \
    -keyout "$key_dir/key.pem.tmp" -out "$key_dir/cert.pem.tmp" >"$logs/openssl.log" 2>&1) \
    || fail "openssl could not create the certificate; see $logs/openssl.log"
  mv "$key_dir/key.pem.tmp" "$key_dir/key.pem" && mv "$key_dir/cert.pem.tmp" "$key_dir/cert.pem"
fi

# Silo i (1-based): silo port SILO_PORT+i-1, gateway GATEWAY_PORT+i-1, web port DASHBOARD_PORT+i-1 (/metrics);
# only silo-1 serves the Orleans Dashboard, which shows the whole cluster.
for ((i = 1; i <= silos; i++)); do
  dashboard_enabled=$([ "$i" -eq 1 ] && echo true || echo false)
  start "silo-$i" "$logs/silo-$i.log" env \
    Cluster__SiloPort="$((silo_port + i - 1))" Cluster__GatewayPort="$((gateway_port + i - 1))" \
    Dashboard__Host=127.0.0.1 Dashboard__Port="$((dashboard_port + i - 1))" Dashboard__Enabled="$dashboard_enabled" \
    Mail__Enabled=true Mail__Host=127.0.0.1 Mail__Port="$smtp_port" Mail__From="PrivateLending <no-reply@localhost.localdomain>" \
    Mail__PublicBaseUrl="http://127.0.0.1:$api_port/" \
    Webhooks__AllowLoopback=true \
    DataProtection__CertificatePath="$key_dir/cert.pem" DataProtection__CertificateKeyPath="$key_dir/key.pem" \
    dotnet "src/Silo/bin/$configuration/net10.0/PrivateLending.Silo.dll"
done
for ((i = 1; i <= silos; i++)); do
  wait_until "$((i + 1))" 90 "silo-$i" bash -c "exec 3<>/dev/tcp/127.0.0.1/$((gateway_port + i - 1))"
done

start api "$logs/api.log" env ASPNETCORE_URLS="http://127.0.0.1:$api_port" Metrics__Url="http://127.0.0.1:$metrics_port" \
  Jwt__SigningKey="$jwt_signing_key" \
  DataProtection__CertificatePath="$key_dir/cert.pem" DataProtection__CertificateKeyPath="$key_dir/key.pem" \
  dotnet "src/Api/bin/$configuration/net10.0/PrivateLending.Api.dll"
wait_until "$((silos + 2))" 90 "the API" curl -fsS "http://127.0.0.1:$api_port/health/ready"

# MailDev receives the silo's mail (verification links, invitations); the silo retries until it is up.
start maildev "$logs/maildev.log" node deploy/local/node_modules/maildev/dist/bin/maildev.js \
  --ip 127.0.0.1 --smtp "$smtp_port" --web-ip 127.0.0.1 --web "$mail_web_port"
wait_until "$((silos + 3))" 60 "MailDev" bash -c "exec 3<>/dev/tcp/127.0.0.1/$smtp_port"

cat <<INFO
[run] PrivateLending is ready.
  API          http://127.0.0.1:$api_port/api/v1
  API docs     http://127.0.0.1:$api_port/docs   (OpenAPI: /openapi/v1.json)
  Health       http://127.0.0.1:$api_port/health/ready
  API metrics  http://127.0.0.1:$metrics_port/metrics   (its own port, never the API's)
  Dashboard    http://127.0.0.1:$dashboard_port/   ($silos silo(s); metrics: /metrics on ports $dashboard_port..$((dashboard_port + silos - 1)))
  DynamoDB     http://127.0.0.1:$dynamodb_port   (data in $data_dir/dynamodb)
  S3           http://127.0.0.1:$s3_port   (documents, bucket privatelending-documents, data in $data_dir/s3)
  Mail inbox   http://127.0.0.1:$mail_web_port   (MailDev; SMTP on 127.0.0.1:$smtp_port)
  Logs         $logs/{dynamodb,s3,silo-1..silo-$silos,api,maildev}.log   pids in $pid_dir
Press Ctrl-C to stop.
INFO

# Exit (non-zero) as soon as DynamoDB, S3, the API or the last silo stops by itself; the EXIT trap stops the rest.
# A silo that dies while others live is reported and left dead: the cluster carries on without it.
set +e
reported=()
while true; do
  running=()
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && running+=("$pid"); done
  wait -n "${running[@]}"
  status=$?
  silos_alive=0
  fatal=0
  for i in "${!pids[@]}"; do
    if kill -0 "${pids[$i]}" 2>/dev/null; then
      [[ "${names[$i]}" == silo-* ]] && silos_alive=$((silos_alive + 1))
    elif [[ " ${reported[*]} " != *" ${names[$i]} "* ]]; then
      say "${names[$i]} stopped (exit $status); see $logs/${names[$i]}.log"
      reported+=("${names[$i]}")
      rm -f "$pid_dir/${names[$i]}.pid"
      [[ "${names[$i]}" == silo-* ]] || fatal=1
    fi
  done
  [ "$fatal" -eq 0 ] && [ "$silos_alive" -gt 0 ] || break
  say "$silos_alive silo(s) still running"
done
exit $(( status == 0 ? 1 : status ))
