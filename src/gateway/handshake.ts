// What the gateway process and the process that starts it say to each other on its stdin and stdout.

/**
 * The first line on stdout: the gateway has set up what sandboxes made from now on need from the host (a
 * fencing one runs as root and gives their namespaces socket hashes of their own, socket-hash.ts), and is
 * loading. A sandbox's container may start from here; its fence waits for READY_PREFIX.
 */
export const STARTING_LINE = 'paddock-gateway-starting';

/** The line the daemon prints on stdout once every listener is up, then its handle as JSON. */
export const READY_PREFIX = 'paddock-gateway-ready ';

/** `--bridge-ip -`: the daemon reads the address as the first line of its stdin. */
export const BRIDGE_IP_ON_STDIN = '-';

/**
 * Read a starting gateway's stdout up to its readiness line; `onStarting` is called when the starting line goes
 * by. Resolves with the handle's JSON text; rejects on any other line.
 */
export function readHandshake(
  stdout: NodeJS.ReadableStream,
  onStarting: () => void = () => undefined,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = '';
    const onData = (chunk: Buffer | string) => {
      buffered += chunk.toString();
      for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        if (line === STARTING_LINE) {
          onStarting();
          continue;
        }
        stdout.removeListener('data', onData);
        if (line.startsWith(READY_PREFIX)) resolve(line.slice(READY_PREFIX.length));
        else reject(new Error(`unexpected readiness line: ${line}`));
        return;
      }
    };
    stdout.on('data', onData);
  });
}
