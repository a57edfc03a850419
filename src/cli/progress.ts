import type { Ora } from 'ora';

/**
 * Whether a run shows a spinner: only when a person watches a terminal (stderr is a TTY) and reads
 * the text report, never in CI (`CI`) or under a pre-commit hook (`PRE_COMMIT`), whose logs would
 * keep every frame, and never for a machine-readable format. A terminal that reports no width (a
 * pseudo-terminal nobody sized) gets none either: a spinner cannot know how much of it to redraw.
 */
export function wantsSpinner(stderr: { isTTY?: boolean; columns?: number }, env: NodeJS.ProcessEnv, format: string): boolean {
  return stderr.isTTY === true && (stderr.columns ?? 0) > 0 && format === 'text' && !env.CI && !env.PRE_COMMIT;
}

/**
 * A spinner on stderr that counts the projects linted, shown only once a run lasts longer than
 * `delayMs`; `stop()` clears it. ora (and what it loads to measure and color text) is loaded only
 * then: a short run never pays for it.
 */
export function projectSpinner(delayMs = 200): { onProgress(done: number, total: number): void; stop(): void } {
  let spinner: Ora | undefined;
  let stopped = false;
  let text = 'linting';
  const timer = setTimeout(() => {
    void import('ora').then(({ default: ora }) => {
      if (!stopped) spinner = ora({ text, stream: process.stderr, discardStdin: false }).start();
    });
  }, delayMs);
  return {
    onProgress(done, total) {
      text = `linting: ${done} of ${total} project${total === 1 ? '' : 's'}`;
      if (spinner) spinner.text = text;
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
      spinner?.stop();
    },
  };
}
