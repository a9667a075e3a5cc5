#!/bin/sh
# A misbehaving agent: tries to leave its lane (system files, the Docker socket, the host's own ports)
# and reports what worked in out/escape.json. Paddock blocks all of it; the host connection is a denial.
set -u
mkdir -p out
try() { if sh -c "$2" >/dev/null 2>&1; then echo "\"$1\": \"escaped\""; else echo "\"$1\": \"blocked\""; fi; }
host=$(ip route 2>/dev/null | awk '/^default/ {print $3; exit}')
{
  echo '{'
  try write-etc 'echo pwned > /etc/paddock-was-here'; echo ','
  try write-usr 'touch /usr/bin/paddock-was-here'; echo ','
  try docker-socket 'test -S /var/run/docker.sock'; echo ','
  try host-api "wget -q -T 5 -O- http://${host:-172.17.0.1}:18787/complete"; echo ','
  try root 'test "$(id -u)" = 0'
  echo '}'
} > out/escape.json
cat out/escape.json
