import { main } from './main.ts';

type Result = { code: number; stdout: string; stderr: string };

/** Runs the CLI in-process, as the tests do, and collects what it writes. */
export const cli = Object.assign((...argv: string[]): Promise<Result> => runCli(argv, {}), {
  /** The same with these environment variables (a job array's index, say). */
  withEnv:
    (env: Record<string, string>) =>
    (...argv: string[]) =>
      runCli(argv, env),
});

async function runCli(argv: string[], env: Record<string, string>): Promise<Result> {
  let stdout = '';
  let stderr = '';
  const code = await main(
    argv,
    {
      stdout: (text) => {
        stdout += text;
      },
      stderr: (text) => {
        stderr += text;
      },
    },
    env,
  );
  return { code, stdout, stderr };
}

/** A sweep CSV with the wall-time column emptied: the one thing allowed to differ between two sweeps. */
export function withoutWallTimes(csv: string): string {
  const lines = csv.split('\r\n');
  const column = lines[0].split(',').indexOf('wall_ms');
  return lines
    .map((line) =>
      line
        .split(',')
        .map((cell, i) => (i === column ? '' : cell))
        .join(','),
    )
    .join('\r\n');
}
