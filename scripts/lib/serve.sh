# Sourced by the scripts that test a running service (schemathesis, check-docs-page,
# bench-api): starts `compute-advisor serve` on a free loopback port with its own data
# directory, waits until /readyz answers, and stops it again on exit.
#
#   start_server BINARY DATA_DIR [extra serve flags...]   sets SERVER_PID, SERVER_PORT, SERVER_URL
#   stop_server                                           SIGTERM, then wait for the drain
# Callers set `trap stop_server EXIT` (or a cleanup that calls it) so that no server is
# left behind.

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

start_server() {
  local binary=$1 data_dir=$2
  shift 2
  SERVER_PORT=$(free_port)
  SERVER_URL="http://127.0.0.1:$SERVER_PORT"
  mkdir -p "$data_dir"
  "$binary" serve --host 127.0.0.1 --port "$SERVER_PORT" --data-dir "$data_dir" \
    --log-level "${SERVER_LOG_LEVEL:-warning}" "$@" >"$data_dir/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 300); do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "the server exited before it was ready:" >&2
      cat "$data_dir/server.log" >&2
      return 1
    fi
    if curl -fsS -o /dev/null "$SERVER_URL/readyz" 2>/dev/null; then
      echo "serving $SERVER_URL (pid $SERVER_PID, data $data_dir)"
      return 0
    fi
    sleep 0.1
  done
  echo "the server did not become ready in 30 s" >&2
  return 1
}

stop_server() {
  if [[ -n "${SERVER_PID:-}" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=
}
