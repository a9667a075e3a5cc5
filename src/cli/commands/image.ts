import type { Command } from 'commander';
import { bootstrapImage, DEFAULT_IMAGE } from '../../sandbox/image/bootstrap.js';

/** `paddock image bootstrap`: a base image from host binaries, for runners without a registry. */
export function registerImage(program: Command): void {
  const image = program.command('image').description('Manage sandbox images');
  image
    .command('bootstrap')
    .description(
      'Build a minimal base image from the host binaries (busybox, node, curl, …); no registry needed',
    )
    .option('-t, --tag <tag>', 'image tag', DEFAULT_IMAGE)
    .option('--force', 'rebuild even when the image is up to date', false)
    .option('--no-python', 'leave python3 out even when the host has it')
    .addHelpText(
      'after',
      '\nExamples:\n  paddock image bootstrap\n  paddock image bootstrap --tag my/base:1 --no-python\n',
    )
    .action(async (opts: { tag: string; force: boolean; python: boolean }) => {
      const started = Date.now();
      const result = await bootstrapImage({
        tag: opts.tag,
        force: opts.force,
        python: opts.python,
        log: (line) => process.stderr.write(`paddock: ${line}\n`),
      });
      process.stderr.write(
        `paddock: ${result.built ? 'built' : 'reused'} ${result.tag} in ${Date.now() - started} ms\n`,
      );
      process.stdout.write(`${result.tag}\n`);
    });
}
