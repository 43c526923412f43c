// Peak resident memory of a server's process tree, polled from /proc every 250 ms: the server
// process itself (named "roster-server" by scripts/start.ts) (what the RSS target is about) and the sum over the whole tree (npx, tsx wrappers).
// Also the server process's CPU time, so each phase can say what a request costs the server in CPU:
// unlike requests/s, that figure does not depend on what else the (shared, 2-core) machine is doing.
import { readdirSync, readFileSync } from "node:fs";

const POLL_MS = 250;

export interface RssPeak {
  /** Peak VmRSS of the process whose command line matches (roster-server), in bytes. */
  serverBytes: number;
  /** Peak of the summed VmRSS of every process in the tree, in bytes. */
  treeBytes: number;
}

function readRss(pid: number): number {
  try {
    const m = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

function parentOf(pid: number): number {
  try {
    // The command name may hold spaces and parentheses: the fields after the last ")" are fixed.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return -1;
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  } catch {
    return "";
  }
}

/** The root and all its descendants. */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    const parent = parentOf(pid);
    if (parent > 0) children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  const out: number[] = [];
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    out.push(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return out;
}

export class RssMonitor {
  private timer?: ReturnType<typeof setInterval>;
  private serverPid?: number;
  private tree: number[] = [];
  private polls = 0;
  readonly peak: RssPeak = { serverBytes: 0, treeBytes: 0 };

  constructor(
    private readonly rootPid: number,
    private readonly serverPattern = /^roster-server/,
  ) {}

  start() {
    this.poll();
    this.timer = setInterval(() => this.poll(), POLL_MS);
    this.timer.unref();
  }

  stop(): RssPeak {
    if (this.timer) clearInterval(this.timer);
    this.poll();
    return { ...this.peak };
  }

  /** CPU time (user + system) the server process has used so far, in ms; 0 when not found. */
  cpuMs(): number {
    if (!this.serverPid) this.poll();
    if (!this.serverPid) return 0;
    try {
      const stat = readFileSync(`/proc/${this.serverPid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // Fields 14 and 15 of /proc/<pid>/stat (utime, stime), in clock ticks of 10 ms.
      return (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      return 0;
    }
  }

  /** Current VmRSS of the server process (bytes), 0 when not found. */
  current(): number {
    return this.serverPid ? readRss(this.serverPid) : 0;
  }

  private poll() {
    // The tree changes only while the server starts: rescan it every few seconds, read RSS every poll.
    // Once found, the server process is kept while it lives (its CPU time must come from one process).
    if (this.polls++ % 20 === 0 || !this.serverPid) {
      this.tree = processTree(this.rootPid);
      if (this.serverPid && this.tree.includes(this.serverPid)) {
        this.sample();
        return;
      }
      this.serverPid = this.tree.find((pid) => this.serverPattern.test(commandLine(pid)));
    }
    this.sample();
  }

  private sample() {
    let sum = 0;
    for (const pid of this.tree) sum += readRss(pid);
    this.peak.treeBytes = Math.max(this.peak.treeBytes, sum);
    if (this.serverPid) this.peak.serverBytes = Math.max(this.peak.serverBytes, readRss(this.serverPid));
  }
}
