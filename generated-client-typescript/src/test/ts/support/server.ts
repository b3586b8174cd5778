import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { openSync, mkdtempSync, readFileSync, rmSync, closeSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

/** A server jar running for a test file, and the administrator credentials it was started with. */
export interface RunningServer {
    baseUrl: string;
    ak: string;
    sk: string;
    /** An administrator token, issued before the start (the `issue-token` command). */
    token: string;
    stop(): Promise<void>;
}

/** The jar that `mvn verify` built (COCSYNC_SERVER_JAR), run by the build's own JVM (COCSYNC_JAVA). */
const JAR = process.env.COCSYNC_SERVER_JAR ?? resolve('../impl/target/coc-multicloud-sync.jar');
const JAVA = process.env.COCSYNC_JAVA ?? 'java';
const STARTUP_LIMIT_MS = 90_000;

/**
 * Starts the real server jar in a child process on a free loopback port with a fresh temporary data
 * directory, as an operator would: `issue-token` first (it creates the administrator AK/SK and a
 * token in the data directory), then the server. Its output goes to target/<name>-server.log.
 */
export async function startServer(name: string): Promise<RunningServer> {
    const dataDir = mkdtempSync(join(tmpdir(), 'cocsync-ts-'));
    const { stdout } = await promisify(execFile)(JAVA, ['-jar', JAR, 'issue-token', '--data-dir', dataDir, '--hours', '1']);
    const token = stdout.trim();
    const admin = JSON.parse(readFileSync(join(dataDir, 'credentials.json'), 'utf8')).access_keys[0];
    const port = await freePort();
    const log = openSync(resolve('target', `${name}-server.log`), 'w');
    // the tests' inventories are plain-HTTP servers on loopback: allowed there only (docs/security.md)
    const child = spawn(JAVA, ['-jar', JAR, '--port', String(port), '--data-dir', dataDir,
        '--plain-http-allowed', '127.0.0.0/8,::1/128,localhost'],
        { stdio: ['ignore', log, log] });
    closeSync(log);
    const baseUrl = `http://127.0.0.1:${port}`;
    const stop = async () => {
        await stopProcess(child);
        rmSync(dataDir, { recursive: true, force: true });
    };
    try {
        await awaitLive(baseUrl, child);
    } catch (e) {
        await stop();
        throw e;
    }
    return { baseUrl, ak: admin.ak, sk: admin.sk, token, stop };
}

async function freePort(): Promise<number> {
    const probe = createServer();
    await new Promise<void>((done) => probe.listen(0, '127.0.0.1', done));
    const address = probe.address();
    await new Promise((done) => probe.close(done));
    if (address === null || typeof address === 'string') {
        throw new Error('no free port');
    }
    return address.port;
}

async function awaitLive(baseUrl: string, child: ChildProcess): Promise<void> {
    const deadline = Date.now() + STARTUP_LIMIT_MS;
    while (Date.now() < deadline) {
        if (child.exitCode !== null) {
            throw new Error(`the server jar exited with ${child.exitCode} before it answered; see its log in target/`);
        }
        try {
            if ((await fetch(`${baseUrl}/health/live`)).ok) {
                return;
            }
        } catch {
            // not listening yet
        }
        await new Promise((done) => setTimeout(done, 200));
    }
    throw new Error(`the server jar did not answer within ${STARTUP_LIMIT_MS} ms`);
}

/** SIGTERM, as an operator stops it; SIGKILL only if it has not stopped after 30 seconds. */
async function stopProcess(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) {
        return;
    }
    const exited = new Promise((done) => child.once('exit', done));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timer);
}
