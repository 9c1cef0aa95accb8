import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, chown, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { freemem, hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

/*
 * A real single-node Slurm cluster for tests (Debian's slurmctld, slurmd and munge; configuration from
 * shared/PLATFORM.md): every file under one folder, free ports and a munge socket of its own, so two
 * checkouts can run it side by side. `start` waits until the node is idle; `stop` ends the daemons.
 */

const run = promisify(execFile);
const DAEMONS = [
  '/usr/sbin/slurmctld',
  '/usr/sbin/slurmd',
  '/usr/sbin/munged',
  '/usr/bin/sbatch',
  '/usr/bin/squeue',
];

/** Why the cluster cannot start here, or null when it can. */
export function slurmUnavailable(): string | null {
  const missing = DAEMONS.filter((file) => !existsSync(file));
  if (missing.length > 0) {
    return `Slurm is not installed (missing ${missing.join(', ')}): apt-get install slurmctld slurmd slurm-client munge`;
  }
  if (process.getuid?.() !== 0) return 'the test cluster runs its daemons as root, and this is not root';
  if (!existsSync('/etc/munge/munge.key')) return 'munge has no key (/etc/munge/munge.key)';
  return null;
}

export interface SlurmCluster {
  dir: string;
  /** The environment for client commands (SLURM_CONF). */
  env: NodeJS.ProcessEnv;
  /** Submits a job array and resolves when every task has left the queue, with each task's state. */
  runArray(tasks: number, command: string): Promise<string[]>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function startSlurm(dir: string): Promise<SlurmCluster> {
  await mkdir(dir, { recursive: true });
  // munged runs as the munge user: it must be able to reach its folder (mkdtemp makes 0700 ones).
  for (const folder of [dirname(dir), dir]) await chmod(folder, 0o755);
  const munge = join(dir, 'munge');
  await mkdir(munge, { recursive: true, mode: 0o700 });
  const { uid, gid } = idsOf('munge');
  await chown(munge, uid, gid);
  const socket = join(munge, 'munge.socket');
  const host = hostname().split('.')[0];
  const [ctldPort, slurmdPort] = [await freePort(), await freePort()];
  const conf = join(dir, 'slurm.conf');
  await writeFile(
    conf,
    [
      'ClusterName=test',
      `SlurmctldHost=${host}(127.0.0.1)`,
      'SlurmUser=root',
      'SlurmdUser=root',
      'AuthType=auth/munge',
      'CredType=cred/munge',
      `AuthInfo=socket=${socket}`,
      `SlurmctldPort=${ctldPort}`,
      `SlurmdPort=${slurmdPort}`,
      `StateSaveLocation=${dir}/state`,
      `SlurmdSpoolDir=${dir}/spool`,
      `SlurmctldPidFile=${dir}/slurmctld.pid`,
      `SlurmdPidFile=${dir}/slurmd.pid`,
      `SlurmctldLogFile=${dir}/slurmctld.log`,
      `SlurmdLogFile=${dir}/slurmd.log`,
      'ProctrackType=proctrack/linuxproc',
      'TaskPlugin=task/none',
      'JobAcctGatherType=jobacct_gather/none',
      'AccountingStorageType=accounting_storage/none',
      'JobCompType=jobcomp/filetxt',
      `JobCompLoc=${dir}/jobcomp.txt`,
      'SchedulerType=sched/backfill',
      'SchedulerParameters=batch_sched_delay=0',
      'SelectType=select/cons_tres',
      'SelectTypeParameters=CR_Core',
      'MpiDefault=none',
      'MailProg=/bin/true',
      'ReturnToService=2',
      'SlurmdParameters=config_overrides',
      `NodeName=${host} NodeAddr=127.0.0.1 CPUs=2 RealMemory=${Math.max(512, Math.floor(freemem() / 2 ** 20) - 1024)} State=UNKNOWN`,
      'PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP',
      '',
    ].join('\n'),
  );
  await mkdir(join(dir, 'state'), { recursive: true });
  await mkdir(join(dir, 'spool'), { recursive: true });
  const env = { ...process.env, SLURM_CONF: conf };
  const mungePid = join(munge, 'munged.pid');
  // SIGTERM, then wait for each daemon to end: slurmctld saves its state as it goes, and removing the
  // state folder under it fails (ENOTEMPTY). One that outlives 10 s is killed.
  const stop = async () => {
    for (const pidFile of [join(dir, 'slurmd.pid'), join(dir, 'slurmctld.pid'), mungePid]) {
      const pid = Number(await readFile(pidFile, 'utf8').catch(() => ''));
      if (!(pid > 0) || !signal(pid, 'SIGTERM')) continue;
      await waitFor(async () => !signal(pid, 0), 10_000).catch(() => signal(pid, 'SIGKILL'));
    }
  };
  try {
    await run('runuser', [
      '-u',
      'munge',
      '--',
      '/usr/sbin/munged',
      '--force',
      `--socket=${socket}`,
      `--pid-file=${mungePid}`,
      `--log-file=${join(munge, 'munged.log')}`,
      `--seed-file=${join(munge, 'munged.seed')}`,
    ]);
    await run('/usr/sbin/slurmctld', ['-c', '-f', conf], { env });
    await run('/usr/sbin/slurmd', ['-f', conf], { env });
    await waitFor(
      async () => (await run('sinfo', ['-h', '-o', '%t'], { env })).stdout.trim() === 'idle',
      120_000,
    );
  } catch (error) {
    await stop();
    const log = await readFile(join(dir, 'slurmctld.log'), 'utf8').catch(() => '');
    throw new Error(`the test Slurm cluster did not start: ${(error as Error).message}\n${log.slice(-2000)}`);
  }

  return {
    dir,
    env,
    async runArray(tasks, command) {
      const { stdout } = await run(
        'sbatch',
        ['--parsable', `--array=0-${tasks - 1}`, '-o', join(dir, 'out_%a.txt'), '--wrap', command],
        { env },
      );
      const job = stdout.trim().split(';')[0];
      await waitFor(
        async () => (await run('squeue', ['-h', '-j', job], { env })).stdout.trim() === '',
        600_000,
      );
      // No accounting here: the job completion log has each task's final state.
      await waitFor(async () => (await jobStates(dir, job)).length === tasks, 30_000);
      return jobStates(dir, job);
    },
    stop: async () => {
      await stop();
      await rm(join(dir, 'state'), { recursive: true, force: true });
    },
  };
}

async function jobStates(dir: string, job: string): Promise<string[]> {
  const text = await readFile(join(dir, 'jobcomp.txt'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter((line) => line.includes(`JobId=${job}_`) || new RegExp(`ArrayJobId=${job}\\b`).test(line))
    .map((line) => /JobState=(\S+)/.exec(line)?.[1] ?? '?');
}

/** Sends `sig` to `pid` (0: only asks whether it is alive); false once the process is gone. */
function signal(pid: number, sig: NodeJS.Signals | 0): boolean {
  try {
    process.kill(pid, sig);
    return true;
  } catch {
    return false;
  }
}

function idsOf(user: string): { uid: number; gid: number } {
  const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }));
  const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }));
  return { uid, gid };
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`gave up waiting after ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
