/** One line of gateway.log (the gateway's stderr): exactly one timestamp, first, then the text. */
export function logLine(line: string, now = new Date()): string {
  return `${now.toISOString()} ${line}\n`;
}

/** Write one line to the gateway log. */
export const writeLog = (line: string): void => {
  process.stderr.write(logLine(line));
};
