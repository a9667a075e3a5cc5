// Small shell snippets the probes are made of. Every snippet prints ESCAPED when the attempt got through.

/** curl (`bin`), by default around the proxy (transparent path); ESCAPED on a 2xx/3xx answer, else exit 1. */
export const curl = (url: string, { bin = 'curl', proxy = false } = {}): string =>
  `code=$(${bin} -sS -m 4 ${proxy ? '' : "--noproxy '*' "}-o /dev/null -w '%{http_code}' ${url}); ` +
  `echo "http $code"; case $code in 2*|3*) echo ESCAPED; exit 0;; esac; exit 1`;

/**
 * A DNS query from python3 to `server`:53 over UDP or TCP. Prints the rcode and answer count;
 * ESCAPED when it got answers and `answersEscape` is set.
 */
export function dnsQuery(name: string, server: string, type: number, tcp: boolean, answersEscape = true) {
  return `python3 - <<'EOF'
import socket, struct, sys
q = struct.pack('>HHHHHH', 0x2a2a, 0x0100, 1, 0, 0, 0) + b''.join(bytes([len(p)]) + p.encode() for p in '${name}'.split('.')) + b'\\0' + struct.pack('>HH', ${type}, 1)
try:
    if ${tcp ? 'True' : 'False'}:
        s = socket.create_connection(('${server}', 53), timeout=3); s.sendall(struct.pack('>H', len(q)) + q); r = s.recv(4096)[2:]
    else:
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(3); s.sendto(q, ('${server}', 53)); r = s.recv(4096)
except OSError as e:
    print('no answer', e); sys.exit(1)
answers = struct.unpack('>H', r[6:8])[0]
print('rcode', r[3] & 15, 'answers', answers)
if answers > 0 and ${answersEscape ? 'True' : 'False'}: print('ESCAPED')
sys.exit(0 if answers > 0 else 1)
EOF`;
}

export const DNS_TYPE = { A: 1, TXT: 16, AAAA: 28, ANY: 255 } as const;

/** A connected UDP datagram from python3; ESCAPED when anything answers. */
export const udpSend = (ip: string, port: number): string => `python3 - <<'EOF'
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(2)
s.connect(('${ip}', ${port}))
for _ in range(3): s.send(b'paddock-probe')
try:
    s.recv(100); print('ESCAPED')
except OSError as e:
    print('no answer', e); sys.exit(1)
EOF`;

/** Datagrams from an unconnected socket (`sendto`); `close` closes it at once, before the gateway looks. */
export const udpSendTo = (ip: string, port: number, close = false): string => `python3 - <<'EOF'
import socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(2)
for _ in range(3): s.sendto(b'paddock-probe', ('${ip}', ${port}))
if ${close ? 'True' : 'False'}:
    s.close(); print('sent, closed'); sys.exit(1)
try:
    s.recvfrom(100); print('ESCAPED')
except OSError as e:
    print('no answer', e); sys.exit(1)
EOF`;

/**
 * ICMP echo requests from an unprivileged ping socket (what \`ping\` uses without CAP_NET_RAW; Docker lets
 * every group open one). Exits 3 when no ping socket can be opened (the row then has no event: red).
 */
export const icmpEcho = (ip: string): string => `python3 - <<'EOF'
import socket, sys
try:
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM, socket.IPPROTO_ICMP); s.settimeout(2)
except OSError as e:
    print('no ping socket', e); sys.exit(3)
sent = 0
for seq in range(3):
    try:
        s.sendto(bytes([8, 0, 0, 0, 0, 1, 0, seq]), ('${ip}', 0)); sent += 1
    except OSError as e:
        print('send', e)
try:
    s.recvfrom(100); print('ESCAPED')
except OSError as e:
    print('sent', sent, 'no answer', e); sys.exit(1)
EOF`;

/** A QUIC-style datagram to host:443 from node (a binary the default policy allows for that host over TCP). */
export const quicFromNode = (host: string): string =>
  `node -e "const s=require('dgram').createSocket('udp4');s.on('error',e=>{console.log(e.message);process.exit(1)});` +
  `s.connect(443,'${host}',()=>{for(let i=0;i<3;i++)s.send(Buffer.alloc(1200,1));` +
  `s.on('message',()=>{console.log('ESCAPED');process.exit(0)});setTimeout(()=>process.exit(1),2000)})"`;

/** A TCP connect over an AF_INET6 socket; ESCAPED when bytes come back. */
export const tcp6 = (address: string, port: number): string => `python3 - <<'EOF'
import socket, sys
try:
    s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM); s.settimeout(3)
    s.connect(('${address}', ${port})); s.sendall(b'GET / HTTP/1.0\\r\\nHost: x\\r\\n\\r\\n')
    if s.recv(100): print('ESCAPED')
except OSError as e:
    print('failed', e); sys.exit(1)
sys.exit(1)
EOF`;

/** Start TCP and UDP listeners on `port` in the peer sandbox; every hit appends to /tmp/hits. */
export const peerListener = (port: number): string => `cat > /tmp/listen.py <<'EOF'
import socket, threading
def log(what):
    with open('/tmp/hits', 'a') as f: f.write(what + '\\n')
def udp():
    u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(('0.0.0.0', ${port}))
    while True: _, a = u.recvfrom(2048); log('udp ' + a[0])
threading.Thread(target=udp, daemon=True).start()
t = socket.socket(); t.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); t.bind(('0.0.0.0', ${port})); t.listen(16)
while True:
    c, a = t.accept(); log('tcp ' + a[0]); c.sendall(b'HTTP/1.0 200 OK\\r\\n\\r\\npeer\\n'); c.close()
EOF
setsid python3 /tmp/listen.py >/dev/null 2>&1 </dev/null &
for i in $(seq 1 50); do netstat -ltn | grep -q ':${port} ' && exit 0; sleep 0.1; done; exit 1`;

/**
 * Raw bytes (a python3 expression) to 203.0.113.53:53 over UDP or TCP (TCP adds the length prefix);
 * prints what came back. Nothing leaves the fence either way; the probe is about the log.
 */
export const rawToPort53 = (bytes: string, tcp: boolean): string => `python3 - <<'EOF'
import socket, struct
data = ${bytes}
try:
    if ${tcp ? 'True' : 'False'}:
        s = socket.create_connection(('203.0.113.53', 53), timeout=2); s.sendall(struct.pack('>H', len(data)) + data)
    else:
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(2); s.sendto(data, ('203.0.113.53', 53))
    print('answer', s.recv(512)[:12])
except OSError as e:
    print('no answer', e)
EOF`;

/** A query for one name with raw label bytes (python3 bytes literals), type A, over UDP. */
export const dnsRawLabels = (labels: readonly string[]): string => `python3 - <<'EOF'
import socket, struct
labels = [${labels.join(', ')}]
q = struct.pack('>HHHHHH', 0x2b2b, 0x0100, 1, 0, 0, 0) + b''.join(bytes([len(l)]) + l for l in labels) + b'\\0' + struct.pack('>HH', 1, 1)
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(2); s.sendto(q, ('203.0.113.53', 53))
print('rcode', s.recv(512)[3] & 15)
EOF`;

/** An A query, then a TXT query, for the same name over UDP (inside the gateway's dedupe window). */
export const dnsTwoTypes = (name: string): string => `python3 - <<'EOF'
import socket, struct
for i, t in enumerate([1, 16]):
    q = struct.pack('>HHHHHH', 0x3000 + i, 0x0100, 1, 0, 0, 0) + b''.join(bytes([len(p)]) + p.encode() for p in '${name}'.split('.')) + b'\\0' + struct.pack('>HH', t, 1)
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.settimeout(2); s.sendto(q, ('203.0.113.53', 53))
    print('type', t, 'rcode', s.recv(512)[3] & 15)
EOF`;

/** An unconnected UDP datagram from an AF_INET6 socket to an IPv4-mapped address. */
export const udp6SendTo = (ip: string, port: number): string => `python3 - <<'EOF'
import socket
s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM); s.settimeout(2)
for _ in range(3): s.sendto(b'paddock-probe', ('::ffff:${ip}', ${port}))
try:
    s.recv(100); print('ESCAPED')
except OSError as e:
    print('no answer', e)
EOF`;
