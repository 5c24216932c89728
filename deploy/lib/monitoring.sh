# Prometheus (:9090) and Alertmanager (:9093; PLANWATCH_PROMETHEUS_PORT, _ALERTMANAGER_PORT) beside the services of deploy/run, with
# deploy/prometheus and deploy/alertmanager's configuration and their data under deploy/.run.
# Sourced by deploy/run after its own helpers (start_detached, stop_one, pid_alive, port_open).

MONITORING=(prometheus:${PLANWATCH_PROMETHEUS_PORT:-9090} alertmanager:${PLANWATCH_ALERTMANAGER_PORT:-9093})

start_monitoring() {
    command -v prometheus >/dev/null || ensure_debian_packages prometheus
    command -v prometheus-alertmanager >/dev/null || ensure_debian_packages prometheus-alertmanager
    local prometheus_port=${MONITORING[0]##*:} alertmanager_port=${MONITORING[1]##*:}
    if pid_alive alertmanager; then log "Alertmanager already running"; else
        port_open "$alertmanager_port" && die "port $alertmanager_port is taken by another process; stop it first"
        log "starting Alertmanager on :$alertmanager_port"
        start_detached alertmanager prometheus-alertmanager \
            --config.file="$PLANWATCH_ROOT/deploy/alertmanager/alertmanager.yml" --storage.path="$RUN_DIR/alertmanager" \
            --web.listen-address=":$alertmanager_port" --cluster.listen-address=
    fi
    if pid_alive prometheus; then log "Prometheus already running"; else
        port_open "$prometheus_port" && die "port $prometheus_port is taken by another process; stop it first"
        log "starting Prometheus on :$prometheus_port (scraping 8081-8083, rules of deploy/prometheus/rules)"
        start_detached prometheus prometheus --config.file="$PLANWATCH_ROOT/deploy/prometheus/prometheus.yml" \
            --storage.tsdb.path="$RUN_DIR/prometheus" --web.listen-address=":$prometheus_port"
    fi
    local entry
    for entry in "${MONITORING[@]}"; do
        for _ in $(seq 1 60); do
            curl -fsS "http://127.0.0.1:${entry##*:}/-/ready" >/dev/null 2>&1 && continue 2
            pid_alive "${entry%%:*}" || break
            sleep 0.5
        done
        tail -20 "$LOG_DIR/${entry%%:*}.log" >&2
        die "${entry%%:*} did not start (see $LOG_DIR/${entry%%:*}.log)"
    done
    cat <<URLS
  Prometheus         http://localhost:$prometheus_port   (e.g. plan_region_status:planwatch_targets:count, alerts: /alerts)
  Alertmanager       http://localhost:$alertmanager_port   (routing: deploy/alertmanager/alertmanager.yml)
URLS
}

stop_monitoring() {
    local entry
    for entry in "${MONITORING[@]}"; do stop_one "${entry%%:*}"; done
}
