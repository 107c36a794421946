// What each portal instance runs: a loop that scans the index for notices and delivers the due
// webhook jobs. Instances share nothing but the database: any number can run side by side, and
// one can stop (or die) at any time; what it claimed and did not finish is taken by another once
// its lease runs out.
import { randomBytes } from 'node:crypto';
import type { IndexerClient } from '$protocol/indexer/client';
import type { Db } from '../signals/db';
import { claimJobs, sendJob, type DeliveryOptions } from './delivery';
import { Scanner, type CurrencyReader } from './scanner';

export interface WorkerOptions {
  db: Db;
  indexer: IndexerClient;
  chainId: number;
  /** Reads a currency's symbol and decimals, for notices of amounts credited in it. */
  currencyOf?: CurrencyReader;
  portalUrl: string;
  allowPrivate: boolean;
  /** Pause between passes when idle (ms). */
  intervalMs?: number;
  name?: string;
  /** Webhook delivery knobs (tests shorten them). */
  leaseMs?: number;
  baseDelayMs?: number;
  timeoutMs?: number;
  /** Called after each pass (logging, tests, the latency benchmark). */
  onPass?: (pass: { scanned: Awaited<ReturnType<Scanner['scan']>> | null; sent: number }) => void;
  log?: (message: string) => void;
}

export class NotifyWorker {
  readonly name: string;
  private readonly scanner: Scanner;
  private readonly delivery: DeliveryOptions;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;

  constructor(private readonly opts: WorkerOptions) {
    this.name = opts.name ?? `portal-${process.pid}-${randomBytes(3).toString('hex')}`;
    this.scanner = new Scanner(opts.db, opts.indexer, opts.chainId, opts.currencyOf);
    this.delivery = {
      db: opts.db,
      worker: this.name,
      allowPrivate: opts.allowPrivate,
      portalUrl: opts.portalUrl,
      leaseMs: opts.leaseMs,
      baseDelayMs: opts.baseDelayMs,
      timeoutMs: opts.timeoutMs,
    };
  }

  /** One scan, then deliveries until no job is due. */
  async pass(): Promise<{ sent: number }> {
    let scanned = null;
    try {
      scanned = await this.scanner.scan();
    } catch (err) {
      this.opts.log?.(`notify: scan failed: ${(err as Error).message}`);
    }
    const sent = await this.deliverDue();
    this.opts.onPass?.({ scanned, sent });
    return { sent };
  }

  /** Delivers due jobs in batches while running; returns how many were delivered. */
  async deliverDue(): Promise<number> {
    let sent = 0;
    for (;;) {
      const jobs = await claimJobs(this.delivery, 10);
      if (jobs.length === 0) return sent;
      for (const job of jobs) if (await sendJob(this.delivery, job)) sent++;
      if (!this.running && this.loop) return sent;
    }
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    const interval = this.opts.intervalMs ?? 1_000;
    this.loop = (async () => {
      while (this.running) {
        try {
          await this.pass();
        } catch (err) {
          this.opts.log?.(`notify: ${(err as Error).message}`);
        }
        if (!this.running) break;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, interval);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    })();
  }

  /** Stops after the job in hand (nothing claimed is left half-sent by a clean stop). */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    this.loop = undefined;
  }
}
